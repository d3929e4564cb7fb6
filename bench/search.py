"""Benchmark: the search-index stage, part by part (prints figures; not a test).

Run: python bench/search.py [N] [WORKERS]   (default 10000 records, workers: $BANTIN_WORKERS
or the CPUs this process may use, as the plugin)

Makes ``N`` search records from the text of bench/corpus.py (titles, leads, paragraphs and
headings as the Markdown renders them, newest first), splits them as the plugin does (the
undated page and the 1,000 newest entries in the main index, the rest in archive shards of
1,000) and prints:

1. the documents Pagefind is fed: bytes (and how much of it is the chunk hint) and the time
   to make them (:func:`builder.outputs.search.document`);
2. one Pagefind run over one shard's documents: wall time and CPU time (user + system of the
   child process; CPU above wall means Pagefind used more than one core);
3. the whole stage as the plugin runs it (:func:`builder.mkdocs_plugin.site_files`'s calls):
   clean (empty cache), warm after one record of the main index changed, warm with nothing
   changed, each with the wall time and the CPU time of this process and its children, and
   how the wall time divides between ``start_indexes`` (documents written and Pagefind
   started, at the plugin's ``on_env``) and ``finish`` (waiting for Pagefind and linking the
   indexes into site/, at ``on_post_build``: in a build, the pages and cards are made in
   between);
4. the size of what it wrote.

The load average is printed too: other jobs on the machine slow the wall-clock figures.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import corpus  # noqa: E402  (bench/ is not a package)

from builder.concurrency import configured_workers as default_workers  # noqa: E402
from builder.outputs import search  # noqa: E402

RECENT = 1000
"""The plugin's default ``search_recent``."""


def records(n: int, seed: int = 1) -> list[search.SearchRecord]:
    """``n`` dated records, newest first, plus the undated "Giới thiệu" page first."""
    rng = random.Random(seed)
    made = [
        search.SearchRecord(
            url="gioi-thieu/", title="Giới thiệu", section="", date="", html=_html(corpus._body(rng, 4))
        )
    ]
    day = corpus.END
    for i in range(n):
        day -= timedelta(hours=rng.randint(1, 24))
        title = corpus._title(rng)
        lead = corpus._fill(rng, rng.choice(corpus.SENTENCES))
        body = _html(corpus._body(rng, rng.randint(6, 11)))
        tags = ", ".join(rng.sample(corpus.TAGS, 3))
        made.append(
            search.SearchRecord(
                url=f"tin-tuc/tin-{i:05d}/",
                title=title,
                section="Tin tức",
                date=f"{day.day}/{day.month}/{day.year}",
                html=f"<p>{lead}</p>\n{body}\n<p>{tags}.</p>",
            )
        )
    return made


def _html(markdown_body: str) -> str:
    parts = []
    for block in markdown_body.strip().split("\n\n"):
        if block.startswith("## "):
            text = block[3:]
            parts.append(f'<h2 id="{text.lower().replace(" ", "-")}">{text}</h2>')
        else:
            parts.append(f"<p>{block}</p>")
    return "\n".join(parts)


def split(all_records: list[search.SearchRecord]) -> list[tuple[str, list[search.SearchRecord]]]:
    """The indexes as site_files.write_search_index makes them: main, then archive shards."""
    main, archive = all_records[: RECENT + 1], all_records[RECENT + 1 :]
    oldest_first = archive[::-1]
    shards = [
        (f"{search.ARCHIVE}/{k + 1}", oldest_first[start : start + search.ARCHIVE_SHARD][::-1])
        for k, start in enumerate(range(0, len(oldest_first), search.ARCHIVE_SHARD))
    ]
    return [(search.BUNDLE, main), *shards]


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def child_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def stage(site: Path, indexes, cache: Path, workers: int) -> str:
    """The search stage as the plugin runs it: start_indexes (documents written, Pagefind
    started: the build goes on), then finish (wait for Pagefind, link into site/), or the old
    loop of write_index where start_indexes does not exist. Returns how the time divides."""
    if not hasattr(search, "start_indexes"):
        for folder, recs in indexes:
            search.write_index(site, recs, folder, cache)
        search.prune_cache(cache, keep=3 * len(indexes))
        return ""
    started = time.perf_counter()
    pending = search.start_indexes(indexes, cache, workers=workers)
    begun = time.perf_counter()
    pending.finish(site)
    search.prune_cache(cache, keep=3 * len(indexes))
    return f"(start {begun - started:.2f} s, finish {time.perf_counter() - begun:.2f} s)"


def timed(label: str, action) -> float:
    wall, used = time.perf_counter(), cpu()
    detail = action()
    wall, used = time.perf_counter() - wall, cpu() - used
    print(f"  {label:<44} {wall:7.2f} s wall  {used:7.2f} s CPU  {detail or ''}")
    return wall


def tree_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else default_workers()
    print(
        f"bench/search.py: {n} records, {workers} workers, {os.cpu_count()} cores, load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    started = time.perf_counter()
    recs = records(n)
    indexes = split(recs)
    print(
        f"  records made in {time.perf_counter() - started:.2f} s; {len(indexes)} indexes "
        f"(main {len(indexes[0][1])} + {len(indexes) - 1} archive shards)"
    )

    print("1. Documents fed to Pagefind")
    started = time.perf_counter()
    docs = [search.document(r) for r in recs]
    took = time.perf_counter() - started
    total = sum(len(d.encode()) for d in docs)
    hints = sum(len(search.chunk_hint(f"<h1>{r.title}</h1>\n{r.html}").encode()) for r in recs)
    print(
        f"  {len(docs)} documents, {total / 1e6:.1f} MB ({hints / 1e6:.1f} MB of it chunk hint), "
        f"made in {took:.2f} s ({took / len(docs) * 1000:.2f} ms each)"
    )

    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        tmp = Path(tmp)
        print("2. One Pagefind run over one shard")
        shard_folder, shard = indexes[1] if len(indexes) > 1 else indexes[0]
        wall, used = time.perf_counter(), child_cpu()
        if hasattr(search, "write_indexes"):
            search.write_indexes(tmp / "one", [(shard_folder, shard)])
        else:
            search.write_index(tmp / "one", shard, shard_folder)
        wall, used = time.perf_counter() - wall, child_cpu() - used
        print(
            f"  {len(shard)} records: {wall:.2f} s wall, {used:.2f} s CPU in Pagefind "
            f"({used / wall:.2f} cores busy on average, documents included)"
        )

        print("3. The whole stage")
        site, cache = tmp / "site", tmp / "cache"
        timed("clean (empty cache)", lambda: stage(site, indexes, cache, workers))
        main_folder, main_records = indexes[0]
        edited = main_records[1]
        changed = [
            (
                main_folder,
                [
                    main_records[0],
                    edited.__class__(**{**edited.__dict__, "title": edited.title + " (sửa)"}),
                    *main_records[2:],
                ],
            ),
            *indexes[1:],
        ]
        timed("warm, one record of the main index edited", lambda: stage(site, changed, cache, workers))
        timed("warm, nothing changed", lambda: stage(site, changed, cache, workers))
        largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"  largest Pagefind process: {largest:.0f} MB (with {workers} workers, up to {workers} at once)")
        files, size = tree_bytes(site)
        print(f"4. Written: {files} files, {size / 1e6:.1f} MB in site/; cache {tree_bytes(cache)[1] / 1e6:.1f} MB")
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
