"""Whole pages reused across builds: a page whose inputs are unchanged is not rendered again.

Rendering Material's templates costs ~6 ms a page, and cleaning the result ~3 ms: 90 s for a
10,000-article site. When one article is edited, only its page, the listings that show it and
the pages of its issue change; every other page is taken from the
:class:`~builder.build_cache.BuildCache` under a key of all it was made from:

- site-wide: the project's code, the theme (ours and Material's version), the configuration,
  the navigation, the feeds, the search split, preview or production;
- the page: its URL, its rendered Markdown and table of contents, its share metadata;
- the entries it shows, as values (title, date, description, status, print edition ...): the
  page's own entry, its issue or its issue's articles, and each entry of a listing with its issue;
- the processed pictures it may show (``<img>`` of its content, front matter pictures of the
  entries it shows), matched by file name.

The home page (it shows the calendar relative to today and the newest of every section) is
always rendered. A key that forgets an input would make a warm build differ from a clean one:
``tests/test_incremental.py`` builds both and compares every byte.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from builder import concurrency
from builder.build_cache import BuildCache, build_key, digest, tree_digest
from builder.content import albums
from builder.content.model import BulletinIssue, Entry, IssueArticle

KIND = "page"
CACHED_TEMPLATE = "bantin/cached.html"
"""A template that only prints ``cached_page``: MkDocs still writes the file, as it would."""
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]+)\"")


class PageCache:
    """Decides, page by page, whether the stored output can be used (see module docstring).

    Args:
        store: the build's cache; theme_dirs: the folders of the templates in use;
        site_state: texts of the site-wide inputs that are not files (configuration, nav ...);
        pictures: site path → processed picture record (its ``repr`` is stable).
    """

    def __init__(self, store: BuildCache, theme_dirs: list[Path], site_state: list[str], pictures: dict):
        self.store = store
        self.site_key = digest(build_key(), tree_digest(theme_dirs), *site_state)  # code and libraries: build_cache
        self._pictures: dict[str, list[str]] = {}
        for path, record in sorted(pictures.items()):
            self._pictures.setdefault(posixpath.basename(path), []).append(f"{path}={record!r}")
        self._keys: dict[str, str] = {}  # page URL → key of its output
        self.expected: set[str] = set()  # URLs of pages to render whose key is made as they are (expect())
        self.hits: set[str] = set()  # URLs of pages whose stored output is used
        self._entry_texts: dict[int, tuple[Entry, str]] = {}  # id → (entry, digest of its repr)

    def key(self, page, entries: list[Entry], extra: list[str]) -> str:
        """The key of ``page``'s output, given the ``entries`` it shows and the ``extra``
        texts of what else its template sees (its share metadata, its listing, statuses)."""
        names = {posixpath.basename(src.split("?")[0].split("#")[0]) for src in _IMG_SRC.findall(page.content or "")}
        for entry in entries:
            names.update(posixpath.basename(n) for n in (entry.image, getattr(entry, "cover", "")) if n)
        pictures = [record for name in sorted(names) for record in self._pictures.get(name, ())]
        return digest(
            self.site_key,
            page.file.src_uri,
            page.url,
            page.content or "",
            _toc_text(page.toc),
            *extra,
            *map(self._entry_text, entries),
            *pictures,
        )

    def _entry_text(self, entry: Entry) -> str:
        """A digest of ``repr(entry)``, made once per entry (listings show each entry again and
        again, and an entry's repr holds its whole text)."""
        kept = self._entry_texts.get(id(entry))
        if kept is None or kept[0] is not entry:
            kept = self._entry_texts[id(entry)] = (entry, digest(repr(entry)))
        return kept[1]

    def plan(self, page, key: str) -> bool:
        """Decide before MkDocs picks ``page``'s template (it does so before the page context
        event): True when the output for ``key`` is stored, and the page's template becomes
        :data:`CACHED_TEMPLATE`; otherwise the rendered page is stored by :meth:`keep`."""
        self._keys[page.url] = key
        if self.store.has(KIND, key):
            self.hits.add(page.url)
            page.meta["template"] = CACHED_TEMPLATE
            return True
        return False

    def expect(self, page) -> None:
        """Mark ``page`` to be rendered without looking it up: its key is made where it is
        rendered and given to :meth:`add` (when no stored output can match: see
        ``BantinPlugin._plan_pages``)."""
        self.expected.add(page.url)

    def output(self, page) -> str | None:
        """The stored output of a page :meth:`plan` found, or None."""
        stored = self.stored(page)
        return stored.decode("utf-8") if stored is not None else None

    def stored(self, page) -> bytes | None:
        """The stored output of a page :meth:`plan` found, as its file's bytes, or None."""
        if page.url not in self.hits:
            return None
        return self.store.get(KIND, self._keys[page.url])

    def keep(self, page, output: str) -> None:
        """Store the final output of a page that :meth:`plan` did not find (in the parent
        process only: the store is not shared with workers)."""
        key = self._keys.get(page.url)
        if key is not None and page.url not in self.hits and not concurrency.IN_WORKER:
            self.store.put(KIND, key, output.encode("utf-8"))

    def missing(self) -> list[str]:
        """URLs of the planned pages whose output is not stored, and of the expected ones."""
        return [url for url in self._keys if url not in self.hits] + sorted(self.expected)

    def add(self, page, output: str, key: str | None = None) -> None:
        """Store ``page``'s output, rendered ahead of MkDocs (by a worker), and use it; ``key``:
        its key, made by the worker, for a page of :meth:`expect`."""
        if key is not None:
            self._keys[page.url] = key
        self.store.put(KIND, self._keys[page.url], output.encode("utf-8"))
        self.hits.add(page.url)
        page.meta["template"] = CACHED_TEMPLATE


def shown_entries(site, entry: Entry | None, listing) -> list[Entry]:
    """The entries whose values a page shows: its own entry with its issue or articles and the
    albums it embeds, or a listing's entries, each with its issue and (for issues) articles."""
    if entry is not None:
        shown = [entry]
    else:
        shown = [site.entry(s) for s in listing.entries] if listing is not None else []
    related: list[Entry] = []
    for item in shown:
        if item is None:
            continue
        related.append(item)
        if isinstance(item, IssueArticle) and site.issue_of(item) is not None:
            related.append(site.issue_of(item))
        if isinstance(item, BulletinIssue):
            related += site.articles(item)
        if entry is not None:  # an entry's page shows the albums it embeds ([[album: …]])
            related += albums.embedded_albums(item, site.library)
    return related


def _toc_text(items) -> str:
    """The table of contents as text (MkDocs' objects have no stable ``repr``)."""
    return (
        "["
        + ",".join(f"({item.title!r},{item.id!r},{item.level},{_toc_text(item.children)})" for item in (items or []))
        + "]"
    )
