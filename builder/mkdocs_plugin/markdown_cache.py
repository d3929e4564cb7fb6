"""Rendered Markdown reused across builds: a page whose text, URL and surroundings are
unchanged is not converted again.

MkDocs converts every page on every build (``Page.render``: a new ``markdown.Markdown`` with
all extensions, ~1.5 ms, then the conversion, ~3 ms for a news article). The plugin gives each
page a ``render`` that first looks in the :class:`~builder.build_cache.BuildCache` under a
key of everything the HTML depends on:

- the page's Markdown (after the plugin's own changes) and its source path and URL;
- the source path → URL of every file of the site (relative links are resolved against them:
  adding, removing or renaming any file misses every page, which is always correct);
- the Markdown configuration (extensions and their options) and the versions of MkDocs,
  Python-Markdown, pymdown-extensions and the project's code.

The conversion's result is recorded and replayed by the engine seam
(:func:`builder.mkdocs_plugin.engine.conversion_record`, :func:`~builder.mkdocs_plugin.engine.replay`:
attributes ``Page.render`` sets, some private); when its guard fails, :meth:`MarkdownCache.install`
and :meth:`MarkdownCache.convert_ahead` do nothing and MkDocs converts every page itself.

A page whose conversion logged a warning (a broken link) is never stored, so that the warning,
and ``strict: true``, still see it on every build.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
import logging
import pickle

from mkdocs.structure.pages import Page

from builder.build_cache import BuildCache, build_key, digest
from builder.mkdocs_plugin import engine

KIND = "markdown"


class MarkdownCache:
    """Gives pages a cached ``render`` (see the module docstring).

    Args:
        store: the build's cache; config: the MkDocs configuration; files: the site's files
            with their final URLs.
    """

    def __init__(self, store: BuildCache, config, files):
        self.store = store
        urls = sorted((f.src_uri, f.dest_uri) for f in files)
        self.site_key = digest(
            build_key(),  # the code and every library that reaches site/ (builder.build_cache)
            stable_text(config["markdown_extensions"]),
            stable_text(config["mdx_configs"]),
            str(config["use_directory_urls"]),
            *(part for pair in urls for part in pair),
        )

    def install(self, page: Page) -> None:
        """Make ``page.render(config, files)`` use the cache (call before MkDocs renders it);
        nothing when the engine's conversion cannot be replayed."""
        if not engine.markdown_cache_supported():
            return
        page.render = functools.partial(self._render, page)

    def _key(self, page: Page) -> str:
        return digest(self.site_key, page.file.src_uri, page.file.dest_uri, page.markdown or "")

    def _render(self, page: Page, config, files) -> None:
        key = self._key(page)
        stored = self.store.get(KIND, key)
        if stored is not None:
            engine.replay(page, pickle.loads(stored), files)
            return
        record = _convert(page, config, files)
        if record is not None:
            self.store.put(KIND, key, record)

    def convert_ahead(self, page: Page, config, files, stored: Callable[[str], bool]) -> tuple[str, bytes] | None:
        """In a worker: ``(key, record)`` of a page (read and given to the plugins' Markdown
        hooks as MkDocs does) whose key ``stored`` does not know, or None (stored already, or
        its conversion warned: MkDocs then converts it itself and logs the warning)."""
        if not engine.markdown_cache_supported():
            return None
        key = self._key(page)
        if stored(key):
            return None
        record = _convert(page, config, files, quiet=True)  # MkDocs converts it again and warns then
        return (key, record) if record is not None else None

    def add(self, key: str, record: bytes) -> None:
        """Store a record made by :meth:`convert_ahead` (in the parent process)."""
        self.store.put(KIND, key, record)


def _convert(page: Page, config, files, quiet: bool = False) -> bytes | None:
    """MkDocs' own conversion of ``page``; its record, or None when it logged a warning
    (counted, and with ``quiet`` not printed: the worker's page is converted again)."""
    counter = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    propagate, logger.propagate = logger.propagate, logger.propagate and not quiet
    try:
        Page.render(page, config, files)
    finally:
        logger.removeHandler(counter)
        logger.propagate = propagate
    return None if counter.count else pickle.dumps(engine.conversion_record(page), protocol=pickle.HIGHEST_PROTOCOL)


def stable_text(value) -> str:
    """A text of ``value`` that is the same in every process (no object addresses)."""
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                f"{stable_text(k)}:{stable_text(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
            )
            + "}"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(stable_text(v) for v in value) + "]"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
