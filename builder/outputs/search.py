"""The site's search index: Pagefind, fed each page's text spelled for Vietnamese search.

Pagefind (PyPI ``pagefind[bin]``, run offline) splits its index into chunks by word, so a
reader's first query downloads Pagefind's code, its page table and the chunks of the query's
words, never the whole index (Material's lunr index is 2.2 MB gzipped at 2,000 articles,
docs/pitfalls.md §1.4). Each published entry is indexed as a small HTML document built here and never
published (:func:`document`):

- the title (an ``h1``, which Pagefind also returns as the result's title), the lead, the
  document header lines and the rendered body, with đ spelled as d + U+0335
  (:func:`builder.content.search_text.index_spelling`): Pagefind folds that mark away like
  the tone marks, so "dai hoi" finds "Đại hội" while "dại" stays a different exact spelling;
- a *chunk hint*: every word of the page, folded, repeated four times per occurrence, in a
  metadata field. Pagefind sizes its chunks by counting only the stored words that carry no
  diacritics (pagefind/src/index/mod.rs, ``chunk_index``); nearly every Vietnamese word
  carries one, so without the hint it makes a dozen huge chunks and every query downloads
  hundreds of kilobytes (measured: 3 chunks of 95–210 KB for "binh dang gioi" at 1,000
  articles; with the hint 15–21 KB). Repeated words cost little once gzipped;
- a document's số, ký hiệu as written ("206/KH-BTV"): Pagefind indexes it as a compound, so
  "206/KH-BTV", "206", "KH-BTV 40" and "206KHBTV" all find it without another spelling
  (tests/test_repository.py asks the real Pagefind); the names of its attachments, and a
  library file's name and type, so that both are found by the words of their file names;
- the section and date as Pagefind *metadata*: returned with each result for display, but not
  searchable words (a section name would otherwise match every page of that section). Not as
  *filters*: Pagefind 1.5 writes its filter files in hash-map order, so two runs on the same
  pages gave different bytes, and an unchanged site must give an unchanged index.

The browser side is theme/assets/javascripts/search.js. This is the only module of the
project that knows Pagefind's command line; :mod:`builder.outputs.search_runner` runs it in a
process of its own.
"""

from __future__ import annotations

import hashlib
import html
import pickle
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from builder.atomic import link_or_copy
from builder.build_cache import library_versions
from builder.content import dates, search_text
from builder.content.downloads import title_from_name, type_label
from builder.content.model import BulletinIssue, DownloadFile, Entry, OfficialDocument
from builder.content.search_text import fold, index_spelling

BUNDLE = "pagefind"
"""The folder of the site that holds the main index and Pagefind's search script."""

ARCHIVE = "pagefind-luu-tru"
"""The folder of the archive indexes (older entries; see :func:`partition`): one per
:data:`ARCHIVE_SHARD` entries, in ``pagefind-luu-tru/1/``, ``2/`` ... from the oldest."""

ARCHIVE_SHARD = 1000
"""Entries per archive index. Pagefind holds ~0.6 MB per page while it indexes (measured:
600 MB for 1,000 pages, 2.3 GB for 4,000): one index of a 10,000-article archive would need
5 GB. From the oldest, so that a new article changes only the newest shard (each is cached)."""


def archive_shards(archive: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """``(folder, entries)`` of each archive index, for ``archive`` newest first as
    :func:`partition` gives it; the folders are ``pagefind-luu-tru/1`` (oldest) onwards."""
    oldest_first = archive[::-1]
    return [
        (f"{ARCHIVE}/{n + 1}", oldest_first[start : start + ARCHIVE_SHARD][::-1])
        for n, start in enumerate(range(0, len(oldest_first), ARCHIVE_SHARD))
    ]


HINT_REPEAT = 4
"""Times the chunk hint repeats a word per occurrence: about 20 KB per index chunk."""

HINT_CAP = 64
"""At most this many repetitions of one word per page (keeps each result's data small)."""

# Pagefind's bundle also carries three ready-made UIs, and a web worker that the search page
# does without (12 KB more on a reader's first search; the search is small work).
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",
)
_TAG = re.compile(r"(<[^>]*>)")
_WORD = re.compile(r"\w+")


class SearchIndexError(Exception):
    """Pagefind could not build the index (message in Vietnamese)."""


@dataclass(frozen=True)
class SearchRecord:
    """One page as the search sees it.

    Attributes:
        url: the page's URL relative to the site root ("tin-tuc/a/").
        title: shown as the result's link.
        section: the site section shown under it ("Tin tức"; "" for plain pages).
        date: the display date ("12/4/2021"; "" for undated pages).
        html: the searchable text as HTML: lead, document header lines, rendered body.
    """

    url: str
    title: str
    section: str
    date: str
    html: str


def partition(entries: list[Entry], recent: int) -> tuple[list[Entry], list[Entry]]:
    """Split published ``entries`` (newest first) into the main index and the archive.

    Pagefind's page table alone costs about 8 bytes per indexed page on a reader's first
    query (77 KB at 10,000 articles, bench/readers.py), on top of its 81 KB of code and the
    chunks of the query's words. The main index therefore holds the undated pages and the
    ``recent`` newest entries; the rest is searched when the reader asks for it.

    Returns:
        ``(main, archive)``; ``archive`` is empty when ``recent`` <= 0 or covers everything.
    """
    undated = [e for e in entries if e.date is None]
    dated = [e for e in entries if e.date is not None]
    if recent <= 0:
        return undated + dated, []
    return undated + dated[:recent], dated[recent:]


def record_of(entry: Entry, body_html: str) -> SearchRecord:
    """The search record of a published ``entry`` whose rendered Markdown is ``body_html``."""
    parts = []
    if entry.description:
        parts.append(f"<p>{html.escape(entry.description)}</p>")
    if isinstance(entry, OfficialDocument):
        line = f"{entry.document_type} số {entry.document_number}: {entry.summary_line}"
        parts.append(f"<p>{html.escape(line)}</p>")
        if entry.attachments:  # found by the names of the files it attaches
            names = "; ".join(title_from_name(a) for a in entry.attachments)
            parts.append(f"<p>Tệp đính kèm: {html.escape(names)}.</p>")
    if isinstance(entry, DownloadFile):
        parts.append(
            f"<p>Tệp tải về: {html.escape(title_from_name(entry.file))} ({html.escape(type_label(entry.file))}).</p>"
        )
    if isinstance(entry, BulletinIssue):
        parts.append(f"<p>{html.escape('; '.join((entry.label, *entry.anniversaries)))}</p>")
    parts.append(body_html)
    terms = (*entry.categories, *entry.tags)
    if terms:
        parts.append(f"<p>{html.escape(', '.join(terms))}.</p>")
    when = dates.display_date(entry.date, weekday=False) if entry.date else ""
    return SearchRecord(url=entry.url, title=entry.title, section=entry.section, date=when, html="\n".join(parts))


def document(record: SearchRecord) -> str:
    """The HTML Pagefind indexes for ``record`` (see the module docstring)."""
    text = f"<h1>{html.escape(record.title)}</h1>\n{record.html}"
    pieces = _TAG.split(text)  # text, tag, text, tag ... text: split once for the hint and the spelling
    filters = "".join(
        f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
        for key, value in (("section", record.section), ("date", record.date))
        if value
    )
    hint = f'<meta data-pagefind-meta="hint[content]" content="{_hint(pieces)}">'
    return (
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8">{filters}{hint}</head>'
        f"<body><main data-pagefind-body>{_spell(pieces)}</main></body></html>"
    )


def spell_html(markup: str) -> str:
    """``markup`` with :func:`index_spelling` applied to its text; tags stay as they are."""
    return _spell(_TAG.split(markup))


def chunk_hint(markup: str) -> str:
    """The folded words of ``markup``'s text, each repeated per occurrence, sorted (ASCII)."""
    return _hint(_TAG.split(markup))


# Both take the pieces of ``_TAG.split``: text at even places, tags at odd ones.
_JOIN = "\x00"  # joins the text pieces for one pass (no entity, word or composition spans it)


def _spell(pieces: list[str]) -> str:
    texts = pieces[0::2]
    joined = _JOIN.join(texts)
    if joined.count(_JOIN) != len(texts) - 1 or any(t.startswith("<") for t in texts):
        return "".join(
            p if p.startswith("<") else html.escape(index_spelling(html.unescape(p)), quote=False) for p in pieces
        )  # a stray "<" (kept as written) or a NUL in the text
    out = pieces[:]
    out[0::2] = html.escape(index_spelling(html.unescape(joined)), quote=False).split(_JOIN)  # one pass: faster
    return "".join(out)


def _hint(pieces: list[str]) -> str:
    text = " ".join(p for p in pieces if not p.startswith("<"))
    counts = Counter(_WORD.findall(fold(html.unescape(text))))
    repeat, cap = HINT_REPEAT, HINT_CAP
    return "".join([(word + " ") * (repeat * n if repeat * n < cap else cap) for word, n in sorted(counts.items())])[
        :-1
    ]


def write_indexes(
    site_dir: Path, indexes: list[tuple[str, list[SearchRecord]]], cache_dir: Path | None = None, workers: int = 1
) -> int:
    """Index each ``(folder, records)`` with Pagefind into ``site_dir/<folder>/``:
    :func:`start_indexes`, then :meth:`PendingIndexes.finish`. Without ``cache_dir`` the
    indexes are made in a temporary one.

    Returns:
        The number of pages indexed.

    Raises:
        SearchIndexError: Pagefind is missing or failed.
    """
    if cache_dir is not None:
        return start_indexes(indexes, cache_dir, workers).finish(site_dir)
    with tempfile.TemporaryDirectory(prefix="bantin-search-cache-") as scratch_cache:
        return start_indexes(indexes, Path(scratch_cache), workers).finish(site_dir)


def start_indexes(indexes: list[tuple[str, list[SearchRecord]]], cache_dir: Path, workers: int = 1) -> PendingIndexes:
    """Start making the index of each ``(folder, records)`` that ``cache_dir`` lacks; return at
    once. :meth:`PendingIndexes.finish` waits for them and puts every index into ``site/``.

    Each index is kept in ``cache_dir`` under a SHA-256 of its records, Pagefind's version and
    this module: the same records give the same index (Pagefind's output is deterministic
    without filters), so an unchanged archive index is only placed, not remade
    (:func:`prune_cache` removes old ones).

    The documents of the missing indexes are written here (:func:`document`, one
    ``<url>/index.html`` each, in a memory file system when there is room: :func:`_scratch`);
    Pagefind's command then indexes each folder, ``workers`` runs at a time, in a process of
    its own (:mod:`builder.outputs.search_runner`), so the build goes on meanwhile. Pagefind
    keeps about one core busy per run (bench/search.py) and holds about 0.6 MB per page
    (:data:`ARCHIVE_SHARD`). (Its Python API answers one request per 0.1 s poll: two minutes
    for 1,000 pages.)
    """
    cache_dir = _made(Path(cache_dir).resolve())
    pending = PendingIndexes(cache_dir)
    pending.scratch_dir = _scratch(sum(_DOCUMENT_BYTES * len(r.html) + 1000 for _, records in indexes for r in records))
    try:
        for folder, records in indexes:
            kept = cache_dir / _index_key(records, folder, pending.scratch_dir) if records else None
            pending.indexes.append((folder, len(records), kept))
            if kept is not None and not kept.is_dir() and kept not in pending.partial:
                partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=cache_dir))
                pending.partial[kept] = (partial, folder)
                pending.jobs.append((records, str(partial / "index"), folder, pending.scratch_dir))
        pending.start(workers)
    except BaseException:
        pending.cancel()
        raise
    return pending


class PendingIndexes:
    """Search indexes being made (:func:`start_indexes`)."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        self.indexes: list[tuple[str, int, Path | None]] = []
        """``(folder, pages, cached index or None when there are no pages)`` of each index."""
        self.partial: dict[Path, tuple[Path, str]] = {}
        """Cached index to make → ``(partial folder Pagefind writes into, site folder)``."""
        self.jobs: list[tuple[list[SearchRecord], str, str, str | None]] = []
        """``(records, folder Pagefind writes into, site folder, scratch folder)`` of each index to make."""
        self.scratch_dir: str | None = None
        """Where the documents are written (:func:`_scratch`)."""
        self.scratch: list[Path] = []
        """Files to remove when done (the jobs' pickle)."""
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self, workers: int) -> None:
        """Start the runner process on :attr:`jobs` (their records go to it in a pickle file)."""
        if not self.jobs:
            return
        data = pickle.dumps(self.jobs, protocol=pickle.HIGHEST_PROTOCOL)
        handle, jobs = tempfile.mkstemp(prefix="bantin-search-", suffix=".pickle", dir=self.scratch_dir)
        self.scratch.append(Path(jobs))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        self._log = tempfile.TemporaryFile()
        # No pipe: the build forks workers meanwhile, which would hold its ends.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "builder.outputs.search_runner", str(workers), jobs],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def running(self) -> bool:
        """True while indexes are still being made."""
        return self.process is not None and self.process.poll() is None

    def finish(self, site_dir: Path) -> int:
        """Wait for the indexes being made and put every index into ``site_dir/<folder>/``
        (replacing it; removing it when it has no pages) as hard links (:func:`place`).

        Returns:
            The number of pages indexed.

        Raises:
            SearchIndexError: Pagefind is missing or failed.
        """
        try:
            if self.process is not None and self.process.wait() != 0:
                self._log.seek(0)
                detail = self._log.read().decode("utf-8", "replace").strip().splitlines()[-1:] or ["không rõ lý do"]
                raise SearchIndexError(
                    f"Không tạo được chỉ mục tìm kiếm (Pagefind): {detail[0]} "
                    "Chạy `make site` để cài lại các gói cần thiết."
                )
            for kept, (partial, _folder) in self.partial.items():
                try:
                    os.replace(partial / "index", kept)  # whole or absent: a killed build leaves no half index
                except OSError:
                    if not kept.is_dir():  # not another build that made the same index meanwhile
                        raise
            site_dir = Path(site_dir).resolve()
            for folder, _, kept in self.indexes:
                shutil.rmtree(site_dir / folder, ignore_errors=True)
                if kept is not None:
                    os.utime(kept)  # marks it used, for prune_cache
                    place(kept, site_dir / folder)
            return sum(pages for _, pages, _ in self.indexes)
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop making the indexes and remove what was written for them (idempotent)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        for partial, _ in self.partial.values():
            shutil.rmtree(partial, ignore_errors=True)
        for path in self.scratch:
            path.unlink(missing_ok=True)
        self.partial, self.scratch = {}, []
        if self._log is not None:
            self._log.close()
            self._log = None


def place(index: Path, target: Path) -> None:
    """Put a copy of the cached ``index`` folder at ``target`` (which must not exist): a hard
    link for each file (10,000 archive pages are 11,000 files: linking takes a fraction of
    the time of copying them), a copy where links are impossible (another file system).
    Safe because the cache's files are never written again (an index is renamed into the
    cache whole, then only removed), and Pagefind never writes into ``site/``."""
    for folder, _, names in os.walk(index):
        inside = target / Path(folder).relative_to(index)
        inside.mkdir(parents=True, exist_ok=True)
        for name in names:
            link_or_copy(Path(folder, name), inside / name)


def cached_index(cache_dir: Path, records: list[SearchRecord], folder: str, scratch_dir: str | None) -> Path:
    """Where ``cache_dir`` keeps (or would keep) the index of ``records`` for ``folder`` whose
    documents are written in ``scratch_dir``."""
    return Path(cache_dir).resolve() / _index_key(records, folder, scratch_dir)


STALE_SECONDS = 6 * 3600
"""Age after which what a build made for its search and left behind is removed: the partial
indexes and documents of a build killed outright (SIGKILL, a power cut), which nothing else
removes. No build runs for so long (10,000 articles: about two minutes of search); younger
ones may belong to a build running now, in this project or another."""


def prune_cache(cache_dir: Path, keep: int) -> None:
    """Keep only the ``keep`` most recently used indexes in ``cache_dir``, and remove the
    partial indexes and scratch documents older than :data:`STALE_SECONDS`."""
    if not cache_dir.is_dir():
        return
    for old in sorted(
        (p for p in cache_dir.iterdir() if not p.name.startswith(".")), key=lambda p: p.stat().st_mtime, reverse=True
    )[keep:]:
        shutil.rmtree(old, ignore_errors=True)
    _remove_stale(cache_dir, ".partial-")
    for scratch in {SCRATCH, Path(tempfile.gettempdir())}:
        _remove_stale(scratch, "bantin-search-")


def _remove_stale(folder: Path, prefix: str) -> None:
    """Remove the entries of ``folder`` named ``prefix...`` unchanged for :data:`STALE_SECONDS`."""
    limit = time.time() - STALE_SECONDS
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(prefix)]
    except OSError:  # no such folder (no /dev/shm), or not ours to read
        return
    for entry in entries:
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= limit:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:  # removed meanwhile, or another user's
            continue


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


SCRATCH = Path("/dev/shm")
"""Where Pagefind's documents are written when it has room: a memory file system. On a disk
file system, creating and then removing the 2,000 files and folders of 1,000 documents took
1.4–2.3 s and 1.2–2.6 s on the 2-core machine (ext4); in memory 0.1 s and 0.06 s.

Pagefind numbers the pages in the order it finds the files, which is the file system's
(ext4: by a hash of the name; tmpfs: by creation): the same documents in another kind of
folder give an index with other bytes. The folder is therefore part of the cache's key."""

_DOCUMENT_BYTES = 4
"""A document's size over its record's HTML, at most (title, chunk hint, spelling; ~3 measured)."""


def _scratch(size: int) -> str | None:
    """:data:`SCRATCH` if it is a writable folder with room for ``size`` bytes twice over,
    else None (the system's temporary folder)."""
    try:
        if os.access(SCRATCH, os.W_OK) and shutil.disk_usage(SCRATCH).free > 2 * size:
            return str(SCRATCH)
    except OSError:
        pass
    return None


def _index_key(records: list[SearchRecord], folder: str, scratch_dir: str | None) -> str:
    hasher = hashlib.sha256(f"{folder}|{library_versions('pagefind')}|{scratch_dir or tempfile.gettempdir()}|".encode())
    for code in (Path(__file__), Path(search_text.__file__)):  # they write the indexed documents
        hasher.update(code.read_bytes())
    for record in records:
        hasher.update(repr(record).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()[:40]


def write_documents(records: list[SearchRecord], scratch_dir: str | None) -> Path:
    """Write the documents of ``records`` (:func:`document`) into a new folder in
    ``scratch_dir`` (None: the system's temporary folder), one ``<url>/index.html`` each, in
    the order of ``records``; the caller removes the folder."""
    folder = Path(tempfile.mkdtemp(prefix="bantin-search-", dir=scratch_dir))
    for record in records:
        page = folder.joinpath(*record.url.split("/"), "index.html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes(document(record).encode("utf-8"))
    return folder


def pagefind_command(documents: Path, out: str) -> list[str]:
    """Pagefind's command indexing the ``documents`` folder into ``out``."""
    # One index for the whole site in Vietnamese, whatever a page's text looks like.
    return [*_pagefind(), "--site", str(documents), "--output-path", out, "--force-language", "vi", "--silent"]


def _pagefind() -> tuple[str, ...]:
    """The Pagefind program as the ``pagefind`` package finds it (``$PAGEFIND_BINARY_PATH``,
    ``pagefind[bin]``, the PATH), run directly: ``python -m pagefind`` only starts Python to
    find and exec it (0.1 s for each of a big site's indexes)."""
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    return (str(found),) if found is not None else (sys.executable, "-m", "pagefind")


def trim(out: Path, folder: str) -> None:
    """Remove what the site does not use from Pagefind's output ``out`` for the site's ``folder``."""
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    if folder != BUNDLE:  # merged into the main index: searched with its code and WebAssembly
        for extra in out.glob("*.js"):
            extra.unlink()
        for extra in out.glob("wasm.*"):
            extra.unlink()
