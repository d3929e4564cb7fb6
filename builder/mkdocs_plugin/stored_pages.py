"""Stored pages written straight to ``site/``, outside MkDocs' page loop.

After the page cache has planned every page (:class:`~builder.mkdocs_plugin.page_cache.PageCache`),
a stored page's output is final: MkDocs' ``_build_page`` would still make its template
context, run the page-context event, render :data:`~builder.mkdocs_plugin.page_cache.CACHED_TEMPLATE`
and run the post-page event, only to write the stored bytes: 1.5–2 s of a warm 10,000-article
build (py-spy), on every page of a clean one too, since the page workers store every page.

:func:`activate` has the engine seam put a wrapper in place of ``_build_page`` (the function
MkDocs' build loop calls: :func:`builder.mkdocs_plugin.engine.wrap_build_page`, guarded by its
signature) that writes a stored page itself and hands every other page to MkDocs. It does so
only while a build is active (until :func:`deactivate`), and only when no other plugin listens
to the page-context or post-page events: their changes would be missing from the written page.
When the guard fails, MkDocs writes every page, the stored ones through the page cache's
template (same bytes, slower).
"""

from __future__ import annotations

from collections.abc import Callable

from builder.mkdocs_plugin import engine

_ACTIVE: Callable[[object], bytes | None] | None = None
"""The active build's lookup: page → its stored output, or None to let MkDocs build it."""


def activate(stored: Callable[[object], bytes | None], config, plugin) -> bool:
    """Write the pages ``stored`` knows directly from now on, until :func:`deactivate`.

    Args:
        stored: page → its final output (bytes), or None for a page MkDocs must build.
        config: the MkDocs configuration (its plugins are checked); plugin: the bantin plugin.

    Returns:
        False (and nothing is activated) when another plugin handles the page-context or
        post-page events, or when the engine's ``_build_page`` is not the one this was written
        for (:func:`builder.mkdocs_plugin.engine.stored_pages_supported`).
    """
    global _ACTIVE
    for event in ("page_context", "post_page"):
        listening = engine.listeners(config, event)
        if listening is None or any(getattr(method, "__self__", None) is not plugin for method in listening):
            return False  # another plugin listens, or the engine does not say who does
    if not engine.wrap_build_page(_write):
        return False
    _ACTIVE = stored
    return True


def deactivate() -> None:
    """Let MkDocs build every page again (the end of a build, or its failure)."""
    global _ACTIVE
    _ACTIVE = None


def _write(page) -> bool:
    """Write ``page``'s stored output; False when there is none (MkDocs builds the page)."""
    output = _ACTIVE(page) if _ACTIVE is not None else None
    if output is None:
        return False
    engine.write_file(output, page.file)
    return True
