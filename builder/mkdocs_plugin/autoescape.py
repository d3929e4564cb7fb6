"""Autoescaping for the project's own templates: every value a template prints is text.

MkDocs makes its Jinja environment without autoescaping (``mkdocs/theme.py``,
``Theme.get_env``), so ``{{ entry.title }}`` printed a front matter value as HTML: a title
``</title><script>…`` ended the page's title and ran. :func:`install` turns autoescaping on
for every template of the project's theme folder (``theme/``: pages, listings, partials,
the 404 page, the sitemap), chosen by template name, so a template added there later is
escaped too. Values that are HTML on purpose are marked :class:`markupsafe.Markup` where they
are made: the page body (cleaned by :mod:`builder.mkdocs_plugin.safe_body`, marked in the
plugin's ``on_page_context``), a stored page of the page cache, the JSON-LD text
(:mod:`builder.mkdocs_plugin.metadata`). The print templates have their own autoescaping
environment (:mod:`builder.outputs.editions`).

Material's own templates keep MkDocs' setting (they escape where they need to, and print
values such as ``page.content`` as HTML); the blocks of them that print a front matter value
(``<title>``, the body of a plain page) are overridden in ``theme/main.html``.
"""

from __future__ import annotations

from pathlib import Path

RAW = frozenset({"partials/language.html"})
"""Templates of ours left unescaped: the interface strings relayed from Material's own
(``partials/languages/*.html``), which are markup written by Material and hold no content value."""

SUFFIXES = (".html", ".xml")


def escaped_templates(theme_dirs: list[Path]) -> frozenset[str]:
    """Names (as Jinja loads them: "bantin/article.html") of the templates in ``theme_dirs``
    that are autoescaped: all but :data:`RAW`."""
    names = set()
    for folder in theme_dirs:
        names |= {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()}
    return frozenset(names - RAW)


def install(env, theme_dirs: list[Path]) -> None:
    """Turn on autoescaping in ``env`` (MkDocs' Jinja environment, before any template is
    loaded) for the templates of ``theme_dirs``; others are left as MkDocs made them."""
    ours = escaped_templates(theme_dirs)
    env.autoescape = lambda name: name in ours
