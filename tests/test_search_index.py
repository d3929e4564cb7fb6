"""The search indexes written with the real Pagefind: made in parallel, cached, placed by hard link.

builder/outputs/search.py makes each index (the main one and the archive's shards) in the
cache and links its files into site/; indexes the cache lacks are made several at a time.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from builder.outputs import search
from conftest import site_digests


def _records(prefix: str, count: int, extra: str = "") -> list[search.SearchRecord]:
    return [
        search.SearchRecord(
            url=f"{prefix}/bai-{n}/",
            title=f"Đại hội phụ nữ số {n}{extra}",
            section="Tin tức",
            date=f"{n % 28 + 1}/3/2021",
            html=f"<p>Bình đẳng giới ở xã số {n}: hội viên {n * 7} người.</p>",
        )
        for n in range(count)
    ]


INDEXES = [
    (search.BUNDLE, _records("tin-tuc", 6)),
    (f"{search.ARCHIVE}/1", _records("cu", 5)),
    (f"{search.ARCHIVE}/2", _records("cu-hon", 4)),
]


def test_indexes_made_in_parallel_have_the_bytes_of_indexes_made_one_by_one(tmp_path):
    one_by_one, parallel, uncached = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert search.write_indexes(one_by_one, INDEXES, tmp_path / "cache-a", workers=1) == 15
    assert search.write_indexes(parallel, INDEXES, tmp_path / "cache-b", workers=3) == 15
    search.write_indexes(uncached, INDEXES, None, workers=2)
    files = site_digests(one_by_one)
    assert any(name.startswith(f"{search.ARCHIVE}/2/index/") for name in files)  # every index is there
    assert any(name.startswith(f"{search.BUNDLE}/fragment/") for name in files)
    assert files == site_digests(parallel) == site_digests(uncached)


def test_a_cached_index_is_linked_into_the_site_and_never_changed_by_a_later_build(tmp_path):
    cache, first = tmp_path / "cache", tmp_path / "site-1"
    search.write_indexes(first, INDEXES, cache, workers=2)
    kept = {folder: search.cached_index(cache, records, folder, search._scratch(10**6)) for folder, records in INDEXES}
    placed = first / search.ARCHIVE / "1" / "pagefind-entry.json"
    assert placed.stat().st_ino == (kept[f"{search.ARCHIVE}/1"] / "pagefind-entry.json").stat().st_ino
    cached_before = {folder: site_digests(path) for folder, path in kept.items()}
    main_before = site_digests(first / search.BUNDLE)

    # A later build: the main index changes (a new title), the archive's do not; the same
    # site folder is rebuilt, and another one too.
    edited = [(search.BUNDLE, _records("tin-tuc", 6, extra=" (sửa)")), *INDEXES[1:]]
    second = tmp_path / "site-2"
    search.write_indexes(second, edited, cache, workers=2)
    assert site_digests(second / search.BUNDLE) != main_before  # it did make a new main index
    assert {folder: site_digests(path) for folder, path in kept.items()} == cached_before
    search.write_indexes(first, edited, cache, workers=2)
    assert site_digests(first) == site_digests(second)
    assert {folder: site_digests(path) for folder, path in kept.items()} == cached_before
    assert (second / search.ARCHIVE / "2" / "pagefind-entry.json").stat().st_nlink >= 3  # cache, site-1, site-2


def test_the_cache_holds_whole_indexes_only(tmp_path):
    cache = tmp_path / "cache"
    search.write_indexes(tmp_path / "site", INDEXES, cache, workers=2)
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        search.cached_index(cache, records, folder, search._scratch(10**6)).name for folder, records in INDEXES
    )  # no partial folder left


def test_pagefind_failing_in_a_worker_stops_the_build_with_a_vietnamese_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "khong-co-pagefind"))
    with pytest.raises(search.SearchIndexError, match="Không tạo được chỉ mục tìm kiếm"):
        search.write_indexes(tmp_path / "site", INDEXES, tmp_path / "cache", workers=2)
    assert os.listdir(tmp_path / "cache") == []  # nothing half made is kept


def test_indexes_started_then_cancelled_leave_nothing_behind(tmp_path):
    """A build that fails after the indexes were started (on_build_error) stops Pagefind and
    leaves neither a partial index in the cache nor documents in the scratch folder."""
    scratch_before = set(os.listdir(search.SCRATCH)) if search.SCRATCH.is_dir() else set()
    pending = search.start_indexes(INDEXES, tmp_path / "cache", workers=2)
    assert pending.process is not None and len(pending.jobs) == 3
    pending.cancel()
    assert pending.process.poll() is not None  # the runner has ended
    assert os.listdir(tmp_path / "cache") == []
    if search.SCRATCH.is_dir():
        assert not {n for n in os.listdir(search.SCRATCH) if n.startswith("bantin-search-")} - scratch_before


def test_only_the_indexes_the_cache_lacks_are_made(tmp_path):
    cache = tmp_path / "cache"
    search.write_indexes(tmp_path / "site", INDEXES, cache, workers=2)
    edited = [(search.BUNDLE, _records("tin-tuc", 6, extra=" (sửa)")), *INDEXES[1:]]
    pending = search.start_indexes(edited, cache, workers=2)
    assert [folder for _, folder in pending.partial.values()] == [search.BUNDLE]
    assert pending.finish(tmp_path / "site") == 15
    unchanged = search.start_indexes(edited, cache, workers=2)
    assert unchanged.process is None and unchanged.finish(tmp_path / "site") == 15


def test_documents_written_elsewhere_make_another_cached_index(tmp_path):
    """Pagefind numbers pages in the order the file system lists them: an index made from
    documents in memory (tmpfs) and one made on disk may differ, so neither stands for the other."""
    records = INDEXES[0][1]
    in_memory = search.cached_index(tmp_path, records, search.BUNDLE, str(search.SCRATCH))
    on_disk = search.cached_index(tmp_path, records, search.BUNDLE, None)
    assert in_memory != on_disk
    assert in_memory == search.cached_index(tmp_path, list(records), search.BUNDLE, str(search.SCRATCH))


def test_documents_written_ahead_of_pagefind_are_all_indexed_and_removed(tmp_path):
    """The runner writes the next index's documents while Pagefind indexes the one before:
    with one Pagefind at a time, every index is still made from its own documents, and no
    document is left in the scratch folder."""
    scratch_before = set(os.listdir(search.SCRATCH)) if search.SCRATCH.is_dir() else set()
    many = [(f"{search.ARCHIVE}/{n}", _records(f"cu-{n}", 3)) for n in range(1, 6)]
    assert search.write_indexes(tmp_path / "site", many, tmp_path / "cache", workers=1) == 15
    for n in range(1, 6):
        fragments = list((tmp_path / "site" / search.ARCHIVE / str(n) / "fragment").iterdir())
        assert len(fragments) == 3
        assert all(f"cu-{n}/bai-" in _fragment_url(f) for f in fragments)
    if search.SCRATCH.is_dir():
        assert not {n for n in os.listdir(search.SCRATCH) if n.startswith("bantin-search-")} - scratch_before


def _fragment_url(path: Path) -> str:
    data = gzip.decompress(path.read_bytes())
    return json.loads(data[data.index(b"{") :])["url"]


def test_what_a_killed_build_left_is_removed_once_stale_and_not_before(tmp_path):
    """A build killed outright leaves its partial index in the cache and its documents in
    the scratch folder; a later build removes them once they are older than any build runs,
    and leaves alone those of a build that may be running now."""
    cache = tmp_path / "cache"
    scratch = search.SCRATCH if search.SCRATCH.is_dir() else Path(tempfile.gettempdir())
    stale = time.time() - search.STALE_SECONDS - 60
    left = [cache / ".partial-cu", Path(tempfile.mkdtemp(prefix="bantin-search-", dir=scratch))]
    left[0].mkdir(parents=True)
    (left[0] / "index").mkdir()
    handle, old_jobs = tempfile.mkstemp(prefix="bantin-search-", suffix=".pickle", dir=scratch)
    os.close(handle)
    left.append(Path(old_jobs))
    running = [cache / ".partial-dang-chay", Path(tempfile.mkdtemp(prefix="bantin-search-", dir=scratch))]
    running[0].mkdir()
    for path in left:
        os.utime(path, (stale, stale))
    try:
        search.prune_cache(cache, keep=10)
        assert [path for path in left if path.exists()] == []
        assert all(path.exists() for path in running)
    finally:
        shutil.rmtree(running[1], ignore_errors=True)
