"""Which of Material's own static files the site publishes: only those a page loads.

MkDocs copies every static file of every theme folder into the site. Material's are its
JavaScript bundle, lunr (search in 30 languages), its search worker, source maps, its favicon
and its two stylesheets: 2.3 MB of JavaScript alone. This site's pages load none of that
JavaScript (theme/main.html empties Material's ``config`` and ``scripts`` blocks; the search
page loads its own ``assets/javascripts/search.js`` and Pagefind), and its icons are made from
the union's emblem (builder/outputs/emblem.py). So of Material's files only the stylesheets
its ``base.html`` links (``main.*.min.css``, and ``palette.*.min.css`` when mkdocs.yml sets
``theme.palette``) are kept; the theme's own
files (``custom_dir``, theme/) are all kept: whatever is there is there to be used.

tests/test_identity.py checks both directions on a built site: every local file a page or
stylesheet names exists, and every file under ``assets/`` (but the pictures, cards and PDFs
that pages name) is named by some page or stylesheet.
"""

from __future__ import annotations

import os

from mkdocs.structure.files import Files

KEPT_SUFFIXES = (".css",)
"""Material's files that pages load: its stylesheets (not their ``.css.map`` source maps,
which only a browser's developer tools fetch)."""


def leave_out_unused(files: Files, config) -> list[str]:
    """Remove from ``files`` every file of Material's own theme folder that no page loads.

    Args:
        files: the site's files (MkDocs ``on_files``); config: the MkDocs configuration.

    Returns:
        The site paths removed.
    """
    custom = os.path.realpath(config.theme.custom_dir) if config.theme.custom_dir else None
    material = {os.path.realpath(d) for d in config.theme.dirs} - {custom}
    removed = []
    for file in list(files):
        if os.path.realpath(file.src_dir or "") not in material:
            continue
        name = os.path.basename(file.src_uri)
        # base.html links the palette's stylesheet only when mkdocs.yml sets a palette.
        used = name.endswith(KEPT_SUFFIXES) and (config.theme.get("palette") or not name.startswith("palette."))
        if not used:
            files.remove(file)
            removed.append(file.dest_uri)
    return removed
