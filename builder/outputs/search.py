"""The site's search index: Pagefind, fed each page's text spelled for Vietnamese search.

Pagefind (PyPI ``pagefind[bin]``, run offline) splits its index into chunks by word, so a
reader's first query downloads Pagefind's code, its page table and the chunks of the query's
words, never the whole index (Material's lunr index is 2.2 MB gzipped at 2,000 articles,
PITFALLS.md). Each published entry is indexed as a small HTML document built here and never
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
- the section and date as Pagefind *metadata*: returned with each result for display, but not
  searchable words (a section name would otherwise match every page of that section). Not as
  *filters*: Pagefind 1.5 writes its filter files in hash-map order, so two runs on the same
  pages gave different bytes, and an unchanged site must give an unchanged index.

The browser side is theme/assets/javascripts/search.js. This is the only module of the
project that runs Pagefind.
"""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from builder.content import dates, search_text
from builder.content.model import BulletinIssue, Entry, OfficialDocument
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
    return [(f"{ARCHIVE}/{n + 1}", oldest_first[start:start + ARCHIVE_SHARD][::-1])
            for n, start in enumerate(range(0, len(oldest_first), ARCHIVE_SHARD))]

HINT_REPEAT = 4
"""Times the chunk hint repeats a word per occurrence: about 20 KB per index chunk."""

HINT_CAP = 64
"""At most this many repetitions of one word per page (keeps each result's data small)."""

# Pagefind's bundle also carries three ready-made UIs, and a web worker that the search page
# does without (12 KB more on a reader's first search; the search is small work).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
           "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
           "pagefind-worker.js")
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
    filters = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(value)}">'
                      for key, value in (("section", record.section), ("date", record.date)) if value)
    hint = f'<meta data-pagefind-meta="hint[content]" content="{_hint(pieces)}">'
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8">{filters}{hint}</head>'
            f"<body><main data-pagefind-body>{_spell(pieces)}</main></body></html>")


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
        return "".join(p if p.startswith("<") else html.escape(index_spelling(html.unescape(p)), quote=False)
                       for p in pieces)  # a stray "<" (kept as written) or a NUL in the text
    out = pieces[:]
    out[0::2] = html.escape(index_spelling(html.unescape(joined)), quote=False).split(_JOIN)  # one pass: faster
    return "".join(out)


def _hint(pieces: list[str]) -> str:
    text = " ".join(p for p in pieces if not p.startswith("<"))
    counts = Counter(_WORD.findall(fold(html.unescape(text))))
    repeat, cap = HINT_REPEAT, HINT_CAP
    return "".join([(word + " ") * (repeat * n if repeat * n < cap else cap)
                    for word, n in sorted(counts.items())])[:-1]


def write_index(site_dir: Path, records: list[SearchRecord], folder: str = BUNDLE, cache_dir: Path | None = None) -> int:
    """Index ``records`` with Pagefind into ``site_dir/<folder>/``: :func:`write_indexes` for one index."""
    return write_indexes(site_dir, [(folder, records)], cache_dir)


def write_indexes(site_dir: Path, indexes: list[tuple[str, list[SearchRecord]]], cache_dir: Path | None = None,
                  workers: int = 1) -> int:
    """Index each ``(folder, records)`` with Pagefind into ``site_dir/<folder>/`` (replacing
    it; removing it when there are no records).

    With ``cache_dir``, each index is made in the cache under a SHA-256 of its records,
    Pagefind's version and this module (the same records give the same index: Pagefind's
    output is deterministic without filters) and placed in ``site_dir`` as hard links
    (:func:`place`); an unchanged archive index is only placed, not remade (:func:`prune_cache`
    removes old ones).

    The indexes to make are made ``workers`` at a time: Pagefind keeps about one core busy
    while it indexes a page folder (measured with bench/search.py), so two runs on two cores
    take half the time, and this process writes the next index's documents meanwhile. Each
    run holds about 0.6 MB per page (:data:`ARCHIVE_SHARD`).

    The documents are written to a temporary folder, one ``<url>/index.html`` each, and
    Pagefind's command indexes that folder in one run. (Its Python API answers one request
    per 0.1 s poll: two minutes for 1,000 pages.)

    Returns:
        The number of pages indexed.

    Raises:
        SearchIndexError: Pagefind is missing or failed.
    """
    site_dir = Path(site_dir).resolve()
    for folder, _ in indexes:
        shutil.rmtree(site_dir / folder, ignore_errors=True)
    todo = [(folder, records) for folder, records in indexes if records]
    if cache_dir is None:
        _each(lambda job: _run_pagefind(site_dir / job[0], job[1], job[0]), todo, workers)
    else:
        kept = _each(lambda job: cached_index(cache_dir, job[1], job[0]), todo, workers)
        for (folder, _), index in zip(todo, kept):
            place(index, site_dir / folder)
    return sum(len(records) for _, records in todo)


def cached_index(cache_dir: Path, records: list[SearchRecord], folder: str) -> Path:
    """The cache's folder holding the index of ``records`` for ``folder``, made now if the
    cache lacks it. Pagefind writes into a partial folder renamed into place when complete:
    a killed build leaves no half index. The folder's time is set to now (used, for
    :func:`prune_cache`). Its files are never changed afterwards, only removed with it.

    Raises:
        SearchIndexError: Pagefind is missing or failed.
    """
    kept = Path(cache_dir) / _index_key(records, folder)
    if not kept.is_dir():
        partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=_made(Path(cache_dir))))
        try:
            _run_pagefind(partial / "index", records, folder)
            os.replace(partial / "index", kept)
        except OSError:
            if not kept.is_dir():  # not another build that made the same index meanwhile
                raise
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    os.utime(kept)
    return kept


def place(index: Path, target: Path) -> None:
    """Put a copy of the cached ``index`` folder at ``target`` (which must not exist): a hard
    link for each file (10,000 archive pages are 11,000 files: linking takes a fraction of
    the time of copying them), a copy where links are impossible (another file system).
    Safe because the cache's files are never written again (:func:`cached_index`), and
    Pagefind never writes into ``site/``."""
    for folder, _, names in os.walk(index):
        inside = target / Path(folder).relative_to(index)
        inside.mkdir(parents=True, exist_ok=True)
        for name in names:
            try:
                os.link(Path(folder, name), inside / name)
            except OSError:
                shutil.copyfile(Path(folder, name), inside / name)


def _each(work, jobs: list, workers: int) -> list:
    """``[work(job) for job in jobs]``, ``workers`` at a time in threads (Pagefind runs in a
    subprocess: the threads wait for it without holding the interpreter)."""
    if workers < 2 or len(jobs) < 2:
        return [work(job) for job in jobs]
    pool = ThreadPoolExecutor(max_workers=min(workers, len(jobs)), thread_name_prefix="pagefind")
    try:
        return list(pool.map(work, jobs))
    finally:  # after a failure, the jobs not started are dropped
        pool.shutdown(wait=True, cancel_futures=True)


def prune_cache(cache_dir: Path, keep: int) -> None:
    """Keep only the ``keep`` most recently used indexes in ``cache_dir``."""
    if not cache_dir.is_dir():
        return
    for old in sorted((p for p in cache_dir.iterdir() if not p.name.startswith(".")),
                      key=lambda p: p.stat().st_mtime, reverse=True)[keep:]:
        shutil.rmtree(old, ignore_errors=True)


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _index_key(records: list[SearchRecord], folder: str) -> str:
    hasher = hashlib.sha256(f"{folder}|{_pagefind_version()}|".encode())
    for code in (Path(__file__), Path(search_text.__file__)):  # they write the indexed documents
        hasher.update(code.read_bytes())
    for record in records:
        hasher.update(repr(record).encode("utf-8", "surrogatepass"))
    return hasher.hexdigest()[:40]


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return ""


def _run_pagefind(out: Path, records: list[SearchRecord], folder: str) -> None:
    with tempfile.TemporaryDirectory(prefix="bantin-search-") as tmp:
        for record in records:
            page = Path(tmp, *record.url.split("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(document(record), encoding="utf-8")
        # One index for the whole site in Vietnamese, whatever a page's text looks like.
        command = [sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(out),
                   "--force-language", "vi", "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
        except OSError as exc:
            done = subprocess.CompletedProcess(command, -1, "", str(exc))
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["không rõ lý do"]
        raise SearchIndexError(f"Không tạo được chỉ mục tìm kiếm (Pagefind): {detail[0]} "
                               "Chạy `make site` để cài lại các gói cần thiết.")
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    if folder != BUNDLE:  # merged into the main index: searched with its code and WebAssembly
        for extra in out.glob("*.js"):
            extra.unlink()
        for extra in out.glob("wasm.*"):
            extra.unlink()
