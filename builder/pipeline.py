"""The stages of one ``bantin build``, in order, in one place.

A build is driven by :func:`builder.build.build`; the engine's (MkDocs') build runs in its
middle and calls the plugin's hooks (:class:`builder.mkdocs_plugin.plugin.BantinPlugin`), which
hand each stage to the function named here. :data:`STAGES` lists the stages in the order they
start, with where each is done, whether it runs beside the main thread, and the hooks it runs
in; :data:`HOOKS` lists the hooks in the order the engine calls them (mkdocs/commands/build.py,
MkDocs 1.6 and ProperDocs 1.6). ARCHITECTURE.md §2–3 tells the same with more detail;
``tests/test_pipeline.py`` builds a site and checks that the hooks are called in this order and
that every hook the plugin has is here. This module is data only: it imports nothing.

Stages that run in parallel (``parallel`` set) start at their place in the order and are waited
for later: the pictures while the content is read and checked (waited for in ``on_files``),
Markdown and pages in forked workers, the PDFs in a process pool, the search index in its own
process while the engine writes the pages (waited for in ``on_post_build``), the cards in a
process pool once the search index is done.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """One stage of the build.

    Attributes:
        name: the stage's name (the issue's words: read, check, pictures, …).
        does: what it does, in a line.
        where: the function doing it (module-qualified).
        hooks: the plugin hooks it runs in (empty: outside the engine's build).
        parallel: how it runs beside the main thread, or "" when it runs in it.
    """

    name: str
    does: str
    where: str
    hooks: tuple[str, ...] = ()
    parallel: str = ""


STAGES: tuple[Stage, ...] = (
    Stage(
        "pictures",
        "every picture under content/ resized and stripped of its metadata (started)",
        "builder.outputs.images.processing_ahead",
        (),
        "one forked process, threads inside",
    ),
    Stage(
        "read",
        "every Markdown file into the content model (unchanged files from the parse cache)",
        "builder.build._checked",
        ("on_config",),
    ),
    Stage(
        "check",
        "schema, references, missing pictures: every problem at once, nothing written",
        "builder.build._checked",
    ),
    Stage(
        "listings",
        "entries moved to their URLs, unpublished left out, listing pages added, nav checked; "
        "pictures waited for and published",
        "builder.mkdocs_plugin.plugin.BantinPlugin.on_files",
        ("on_files",),
    ),
    Stage(
        "Markdown",
        "pages the cache lacks converted ahead, then every page read and converted "
        "(the cache replays what was converted ahead)",
        "builder.mkdocs_plugin.plugin.BantinPlugin._convert_ahead",
        ("on_nav", "on_pre_page", "on_page_read_source", "on_page_markdown", "on_page_content"),
        "forked workers (workers.fork_map)",
    ),
    Stage(
        "PDFs",
        "issues and official documents printed",
        "builder.mkdocs_plugin.printing.make",
        ("on_env",),
        "process pool",
    ),
    Stage(
        "pages",
        "page cache planned, missing pages rendered with the theme",
        "builder.mkdocs_plugin.plugin.BantinPlugin._render_ahead",
        ("on_env",),
        "forked workers (workers.fork_map)",
    ),
    Stage(
        "search",
        "search index started (finished after the cards)",
        "builder.mkdocs_plugin.site_files.start_search_index",
        ("on_env", "on_post_build"),
        "its own Python process (Pagefind)",
    ),
    Stage(
        "write",
        "theme templates and every page written (stored pages directly)",
        "builder.mkdocs_plugin.stored_pages.activate",
        ("on_post_template", "on_page_context", "on_post_page"),
    ),
    Stage(
        "feeds",
        "RSS/Atom feeds, web fonts, robots.txt; PDFs copied into the site",
        "builder.mkdocs_plugin.plugin.BantinPlugin.write_feeds",
        ("on_post_build",),
    ),
    Stage(
        "cards",
        "social cards and Zalo texts",
        "builder.mkdocs_plugin.sharing.Sharing.write",
        ("on_post_build",),
        "process pool, once the search index is done",
    ),
    Stage(
        "swap",
        "the staging folder swapped into site/, the freshness stamp saved, the old site deleted",
        "builder.build._swap",
        (),
        "the old site deleted by a detached process",
    ),
)
"""The stages in the order they start."""

HOOKS: tuple[str, ...] = (
    "on_startup",
    "on_config",
    "on_files",
    "on_nav",
    "on_pre_page",
    "on_page_read_source",
    "on_page_markdown",
    "on_page_content",
    "on_env",
    "on_post_template",
    "on_page_context",
    "on_post_page",
    "on_post_build",
    "on_build_error",
)
"""The plugin's hooks in the order the engine first calls them in a build (``on_pre_page`` …
``on_page_content`` once per page in ``_populate_page``, after ``on_nav`` and before ``on_env``; ``on_page_context``
and ``on_post_page`` once per page in ``_build_page``; ``on_startup`` only under ``serve``;
``on_build_error`` only when the build fails)."""

_HOOKS_WITHOUT_STAGE = {
    "on_startup": "notes whether this is `serve` (drafts shown)",
    "on_build_error": "undoes: stored pages off, search cancelled, cache not committed",
}


def stage_of(hook: str) -> tuple[str, ...]:
    """The names of the stages ``hook`` runs (empty for :data:`_HOOKS_WITHOUT_STAGE`).

    Raises:
        KeyError: ``hook`` is not one of :data:`HOOKS`.
    """
    if hook not in HOOKS:
        raise KeyError(hook)
    return tuple(stage.name for stage in STAGES if hook in stage.hooks)
