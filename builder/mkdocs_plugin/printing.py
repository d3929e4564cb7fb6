"""Print editions inside the MkDocs build: the plugin's hooks call these functions.

- ``on_files``: :func:`hide_print_assets` keeps the print templates and the Tinos files
  (``theme/print/``) out of the published site: they are inputs of the PDFs, not pages.
- ``on_env`` (every page's HTML is rendered, no template has run yet): :func:`make` renders
  the PDFs (or takes them from ``.cache/editions``), so that page templates can link each PDF
  with its size; refused URLs are logged as warnings, glyphs in a system font stop the build.
- ``on_post_build``: :func:`write` puts the PDFs into the site; :func:`enclosures` gives the
  feeds their ``enclosure`` (type application/pdf, length in bytes).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import unquote, urljoin

from mkdocs.structure.files import Files

from builder.atomic import write_atomic
from builder.content.library import Library
from builder.content.reader import shown_path
from builder.errors import ContentError, ContentErrors
from builder.mkdocs_plugin.site_files import cache_root
from builder.outputs import editions

log = logging.getLogger("mkdocs.plugins.bantin")

PRINT_DIR = "print/"
"""The theme folder of the print templates, CSS and fonts."""


def hide_print_assets(files: Files, config) -> None:
    """Remove the theme's ``print/`` files from the site (content files of that name stay)."""
    theme_dirs = {os.path.realpath(d) for d in config.theme.dirs}
    for file in list(files):
        if file.src_uri.startswith(PRINT_DIR) and os.path.realpath(file.src_dir or "") in theme_dirs:
            files.remove(file)


def make(
    library: Library, rendered: dict[str, str], files: Files, config, options, settings: editions.Settings
) -> dict[str, editions.Edition]:
    """Make the PDF of every published issue and document.

    Args:
        config: the MkDocs configuration; options: the plugin's; settings: print settings.

    Returns:
        Entry source → edition ({} when print editions are disabled).

    Raises:
        ContentErrors: a PDF would use a font other than the committed Tinos.
        PluginError: a print template or font file is missing from the theme.
    """
    if not settings.enabled:
        return {}
    from mkdocs.exceptions import PluginError

    site = editions.SiteInfo(
        site_url=site_url(config),
        organisation=options.organisation,
        bulletin_name=options.bulletin_name,
        media=_media(files, site_url(config)),
        theme_dirs=tuple(Path(d) for d in config.theme.dirs),
        shown_root=shown_path(config.docs_dir),
    )
    try:
        outcome = editions.make_editions(library, rendered, site, settings, cache_root(config) / "editions")
    except FileNotFoundError as exc:
        raise PluginError(str(exc)) from None
    for warning in outcome.warnings:
        log.warning(_warning_line(warning))
    if outcome.errors:
        raise ContentErrors(outcome.errors)
    log.info(
        "bantin: %d bản in PDF (%d dựng mới, %d lấy từ bộ nhớ đệm).",
        len(outcome.editions),
        outcome.rendered,
        len(outcome.editions) - outcome.rendered,
    )
    return outcome.editions


def write(site_dir: Path, made: dict[str, editions.Edition]) -> int:
    """Write every PDF into ``site_dir``; returns how many."""
    for edition in made.values():
        write_atomic(site_dir / edition.path, edition.data)
    return len(made)


def summary(made: dict[str, editions.Edition]) -> str:
    """The build's closing line about the PDFs, in Vietnamese."""
    fresh = sum(1 for e in made.values() if not e.cached)
    pages = sum(e.pages for e in made.values())
    return f"Bản in PDF: {len(made)} tệp, {pages} trang ({fresh} dựng mới, {len(made) - fresh} dùng lại)."


def enclosures(made: dict[str, editions.Edition], config) -> dict[str, tuple[str, int, str]]:
    """Entry source → ``(absolute URL, length in bytes, "application/pdf")`` for the feeds."""
    address = site_url(config)
    return {source: (urljoin(address, e.path), e.size, "application/pdf") for source, e in made.items()}


def _media(files: Files, site_url: str) -> dict[str, str]:
    """Public URL (percent-decoded) → source file of every non-page file of the site."""
    return {
        unquote(urljoin(site_url, f.url)): f.abs_src_path
        for f in files
        if not f.is_documentation_page() and f.abs_src_path and not f.inclusion.is_excluded()
    }


def site_url(config) -> str:
    """The site's absolute URL ending in "/" (``site_url``, or the preview's address)."""
    return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"


def _warning_line(problem: ContentError) -> str:
    where = f"{problem.path}:{problem.line}:{problem.col}" if problem.col else f"{problem.path}:{problem.line}"
    return f"{where}: cảnh báo: {problem.message} Cách sửa: {problem.hint}"
