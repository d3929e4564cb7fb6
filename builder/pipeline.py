"""The stages of one ``bantin build``, in order, in one place.

A build is driven by :func:`builder.build.build`; the engine's (MkDocs') build runs in its
middle and calls the plugin's hooks (:class:`builder.mkdocs_plugin.plugin.BantinPlugin`). Each
hook only hands its work to the plugin's methods named after the stages (``on_files`` calls
``place_entries``, ``publish_pictures``, ``open_caches``), so the build reads as this list:

- :data:`STAGES`: the stages in the order they start, with the function that starts each,
  whether it runs beside the main thread, and (derived from :data:`STEPS`) its hooks;
- :data:`STEPS`: every hook's calls, in the order a build makes them;
- :data:`HOOKS`: the hooks in the order the engine calls them (mkdocs/commands/build.py, MkDocs
  1.6 and ProperDocs 1.6).

ARCHITECTURE.md §2–3 tells the same with more detail. ``tests/test_pipeline.py`` builds a site
and checks that the hooks and their steps are called in these orders, that each hook calls
nothing but its steps, and that every hook the plugin has is here. This module is data only:
it imports nothing of the project (only :mod:`dataclasses`).

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
        where: the function that starts it (module-qualified; a method as module.Class.method).
        parallel: how it runs beside the main thread, or "" when it runs in it.
    """

    name: str
    does: str
    where: str
    parallel: str = ""

    @property
    def hooks(self) -> tuple[str, ...]:
        """The engine's hooks this stage runs in (empty: outside the engine's build), in the
        order of :data:`STEPS`."""
        return tuple(dict.fromkeys(step.hook for step in STEPS if step.stage == self.name))


@dataclass(frozen=True)
class Step:
    """What one hook of the plugin hands to one stage: the hook calls ``BantinPlugin.<method>``.

    Attributes:
        hook: the engine's hook (one of :data:`HOOKS`).
        stage: the stage's name (one of :data:`STAGES`), or "" for the bookkeeping after them.
        method: the plugin's method doing it (``BantinPlugin.<method>``).
    """

    hook: str
    stage: str
    method: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "pictures",
        "every picture under content/ resized and stripped of its metadata (started); "
        "waited for and published once the engine has the files",
        "builder.outputs.images.processing_ahead",
        "one forked process, threads inside (when the policy does not fork: threads, in on_files)",
    ),
    Stage(
        "read",
        "every Markdown file into the content model (unchanged files from the parse cache); the engine takes it",
        "builder.build._checked",
    ),
    Stage(
        "check",
        "schema, references, missing pictures: every problem at once, nothing written",
        "builder.build._checked",
    ),
    Stage(
        "listings",
        "entries moved to their URLs, unpublished left out, listing pages added, nav checked",
        "builder.mkdocs_plugin.plugin.BantinPlugin.place_entries",
    ),
    Stage(
        "Markdown",
        "caches opened, pages the cache lacks converted ahead, then every page read and "
        "converted (the cache replays what was converted ahead)",
        "builder.mkdocs_plugin.plugin.BantinPlugin.convert_ahead",
        "forked workers (workers.fork_map) when the policy forks, else the engine page by page",
    ),
    Stage(
        "PDFs",
        "issues and official documents printed",
        "builder.mkdocs_plugin.plugin.BantinPlugin.make_editions",
        "process pool",
    ),
    Stage(
        "pages",
        "page cache planned, missing pages rendered with the theme",
        "builder.mkdocs_plugin.plugin.BantinPlugin.render_ahead",
        "forked workers (workers.fork_map) when the policy forks, else the engine page by page",
    ),
    Stage(
        "search",
        "search index started (finished after the cards)",
        "builder.mkdocs_plugin.plugin.BantinPlugin.start_search",
        "its own Python process (Pagefind)",
    ),
    Stage(
        "write",
        "theme templates and every page written (stored pages directly)",
        "builder.mkdocs_plugin.plugin.BantinPlugin.store_pages",
    ),
    Stage(
        "feeds",
        "RSS/Atom feeds, web fonts, robots.txt; PDFs copied into the site; the web editor",
        "builder.mkdocs_plugin.plugin.BantinPlugin.write_outputs",
    ),
    Stage(
        "cards",
        "social cards and Zalo texts",
        "builder.mkdocs_plugin.plugin.BantinPlugin.write_cards",
        "process pool, once the search index is done",
    ),
    Stage(
        "swap",
        "the staging folder swapped into site/, the freshness stamp saved, the old site deleted",
        "builder.build._swap",
        "the old site deleted by a detached process",
    ),
)
"""The stages in the order they start."""

STEPS: tuple[Step, ...] = (
    Step("on_config", "read", "take_content"),
    Step("on_files", "listings", "place_entries"),
    Step("on_files", "pictures", "publish_pictures"),
    Step("on_files", "Markdown", "open_caches"),
    Step("on_nav", "Markdown", "convert_ahead"),
    Step("on_pre_page", "Markdown", "read_front_matter"),
    Step("on_page_read_source", "Markdown", "page_source"),
    Step("on_page_markdown", "Markdown", "prepare_markdown"),
    Step("on_page_content", "Markdown", "keep_html"),
    Step("on_env", "Markdown", "finish_markdown"),
    Step("on_env", "PDFs", "make_editions"),
    Step("on_env", "pages", "render_ahead"),
    Step("on_env", "search", "start_search"),
    Step("on_env", "write", "store_pages"),
    Step("on_post_template", "write", "tidy_template"),
    Step("on_page_context", "write", "page_context"),
    Step("on_post_page", "write", "finish_page"),
    Step("on_post_build", "write", "end_writing"),
    Step("on_post_build", "feeds", "write_outputs"),
    Step("on_post_build", "cards", "write_cards"),
    Step("on_post_build", "search", "finish_search"),
    Step("on_post_build", "", "commit"),
    Step("on_build_error", "", "abandon"),
)
"""The steps of the engine's build in the order a build first calls them: each hook of
:data:`HOOKS` calls its steps, in this order, and does nothing else (``on_nav`` also keeps the
navigation). The per-page steps run once per page (``read_front_matter`` … ``keep_html`` in
the engine's ``_populate_page`` or the Markdown workers, ``page_context`` and ``finish_page``
in its ``_build_page`` or the page workers); ``commit`` logs the build's summary and commits
the build cache; ``abandon`` (only when a build fails) undoes what the build started."""

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
and ``on_post_page`` once per page in ``_build_page``; ``on_startup`` only from a command line that starts the engine (``mkdocs build``,
``mkdocs serve``) and from the preview (``bantin serve``), not from ``bantin build``;
``on_build_error`` only when the build fails)."""

_HOOKS_WITHOUT_STAGE = {
    "on_startup": "notes whether this is `serve` (drafts shown)",
    "on_build_error": "undoes (abandon): stored pages off, search cancelled, cache not committed",
}


def stage_of(hook: str) -> tuple[str, ...]:
    """The names of the stages ``hook`` runs, in :data:`STAGES` order (empty for
    :data:`_HOOKS_WITHOUT_STAGE`).

    Raises:
        KeyError: ``hook`` is not one of :data:`HOOKS`.
    """
    if hook not in HOOKS:
        raise KeyError(hook)
    return tuple(stage.name for stage in STAGES if hook in stage.hooks)


def steps_of(hook: str) -> tuple[str, ...]:
    """The plugin's methods ``hook`` calls, in order (empty for ``on_startup``).

    Raises:
        KeyError: ``hook`` is not one of :data:`HOOKS`.
    """
    if hook not in HOOKS:
        raise KeyError(hook)
    return tuple(step.method for step in STEPS if step.hook == hook)
