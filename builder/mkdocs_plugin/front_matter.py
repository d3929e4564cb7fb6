"""MkDocs' own reading of each page's front matter, kept across builds.

MkDocs splits every page's source into Markdown and front matter on every build
(``Page.read_source`` → ``mkdocs.utils.meta.get_data``: PyYAML, 2.5–2.9 s at 10,000
articles sampled with py-spy, about half of a warm build's Markdown stage). The content model has read and
checked the same front matter already (:mod:`builder.content.frontmatter`), but with its own
rules (dates stay text there), and templates must see exactly what MkDocs gives them; so
MkDocs' result is what is kept: the front matter mapping and where the Markdown starts,
under a SHA-256 of the source and the versions of MkDocs and PyYAML. The same source can
only give the same split.

The Markdown workers of a build (``BantinPlugin.convert_ahead``) read every page they convert
through this cache too and hand the splits they made back to the build (:meth:`FrontMatterCache.take_made`,
:meth:`FrontMatterCache.add_made`), so that MkDocs' own pass over the pages finds them: in a
clean build the parent otherwise split every page again, one core alone (2.7 s at 10,000
articles, py-spy).
"""

from __future__ import annotations

import pickle

from mkdocs.utils import meta

from builder.build_cache import BuildCache, build_key, digest

KIND = "front-matter"


class FrontMatterCache:
    """Gives pages a ``read_source`` that looks up MkDocs' split before doing it.

    Args:
        store: the build's cache (its values of :data:`KIND` are read in one query).
    """

    def __init__(self, store: BuildCache):
        self.store = store
        self._version = build_key()  # the code and every library that reaches site/ (builder.build_cache)
        self._get = store.lookup(KIND)
        self._made: dict[str, bytes] = {}  # splits made by this process, not stored yet

    def install(self, page) -> None:
        """Make ``page.read_source(config)`` use the cache (call before MkDocs reads it)."""
        page.read_source = lambda config: self.read_source(page, config)

    @staticmethod
    def uninstall(page) -> None:
        """Give ``page`` back the engine's own ``read_source`` (undo :meth:`install`: the
        instance attribute it set is removed, the class's method shows again)."""
        vars(page).pop("read_source", None)

    def read_source(self, page, config) -> None:
        """``Page.read_source`` of MkDocs 1.6 (mkdocs/structure/pages.py): the plugins' source,
        else the file's text, split by :meth:`split`."""
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            source = page.file.content_string
        page.markdown, page.meta = self.split(source)

    def split(self, source: str) -> tuple[str, dict]:
        """``(markdown, meta)`` as ``mkdocs.utils.meta.get_data(source)`` gives them."""
        key = digest(self._version, source)
        stored = self._made.get(key) or self._get(key)
        if stored is not None:
            start, data = pickle.loads(stored)
            return source[start:], data
        markdown, data = meta.get_data(source)
        start = len(source) - len(markdown)
        if source[start:] == markdown:  # always, unless MkDocs one day rewrites the text itself
            self._made[key] = pickle.dumps((start, data), protocol=pickle.HIGHEST_PROTOCOL)
        return markdown, data

    def take_made(self) -> dict[str, bytes]:
        """The splits made since the last call (key → stored value), forgotten here: what a
        worker process sends back to the build for :meth:`add_made`."""
        made, self._made = self._made, {}
        return made

    def add_made(self, made: dict[str, bytes]) -> None:
        """Use ``made`` (from :meth:`take_made` in a worker) for the rest of this build."""
        self._made.update(made)

    def store_made(self) -> None:
        """Put the splits made in this build into the build cache (kept if the build finishes)."""
        for key, value in self.take_made().items():
            self.store.put(KIND, key, value)
