"""Stored pages written straight to ``site/``, outside MkDocs' page loop.

After the page cache has planned every page (:class:`~builder.mkdocs_plugin.page_cache.PageCache`),
a stored page's output is final: MkDocs' ``_build_page`` would still make its template
context, run the page-context event, render :data:`~builder.mkdocs_plugin.page_cache.CACHED_TEMPLATE`
and run the post-page event, only to write the stored bytes: 1.5–2 s of a warm 10,000-article
build (py-spy), on every page of a clean one too, since the page workers store every page.

:func:`activate` puts a wrapper in place of ``mkdocs.commands.build._build_page`` (the function
its build loop calls, mkdocs/commands/build.py, MkDocs 1.6) that writes a stored page itself
and hands every other page to MkDocs. It does so only while a build is active (until
:func:`deactivate`), and only when no other plugin listens to the
page-context or post-page events: their changes would be missing from the written page.
"""

from __future__ import annotations

from collections.abc import Callable

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build

_ORIGINAL = mkdocs_build._build_page
_ACTIVE: Callable[[object], bytes | None] | None = None
"""The active build's lookup: page → its stored output, or None to let MkDocs build it."""


def activate(stored: Callable[[object], bytes | None], config, plugin) -> bool:
    """Write the pages ``stored`` knows directly from now on, until :func:`deactivate`.

    Args:
        stored: page → its final output (bytes), or None for a page MkDocs must build.
        config: the MkDocs configuration (its plugins are checked); plugin: the bantin plugin.

    Returns:
        False (and nothing is activated) when another plugin handles the page-context or
        post-page events.
    """
    global _ACTIVE
    for event in ("page_context", "post_page"):
        if any(getattr(method, "__self__", None) is not plugin for method in config.plugins.events[event]):
            return False
    _install()
    _ACTIVE = stored
    return True


def deactivate() -> None:
    """Let MkDocs build every page again (the end of a build, or its failure)."""
    global _ACTIVE
    _ACTIVE = None


def _install() -> None:
    # Once per process, and kept: while no build is active the wrapper only calls MkDocs.
    if mkdocs_build._build_page is _ORIGINAL:
        mkdocs_build._build_page = _build_page


def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
    output = _ACTIVE(page) if _ACTIVE is not None and not excluded and not dirty else None
    if output is None:
        return _ORIGINAL(page, config, doc_files, nav, env, dirty, excluded)
    utils.write_file(output, page.file.abs_dest_path)
    return None
