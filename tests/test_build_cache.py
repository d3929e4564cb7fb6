"""The build cache's store (builder/build_cache.py): what a build uses is kept, what no build used
for KEEP_BUILDS builds is removed, an unfinished build leaves the file as it was, and a file of
an older layout is started afresh."""

from __future__ import annotations

import sqlite3

from builder.build_cache import KEEP_BUILDS, BuildCache


def _build(path, used=(), stored=()) -> None:
    cache = BuildCache(path)
    for key in used:
        cache.get("page", key)
    for key in stored:
        cache.put("page", key, key.encode() * 10_000)  # values large enough to overflow a database page
    cache.finish()
    cache.close()


def _keys(path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {key for (key,) in db.execute("select key from entries")}


def test_entries_used_by_every_build_stay_and_unused_ones_go_after_keep_builds(tmp_path):
    path = tmp_path / "build.sqlite"
    _build(path, stored=["dung", "bo"])
    for _ in range(KEEP_BUILDS - 1):
        _build(path, used=["dung"])
    assert _keys(path) == {"dung", "bo"}  # "bo" unused for KEEP_BUILDS - 1 builds: still there
    _build(path, used=["dung"])
    assert _keys(path) == {"dung"}
    for _ in range(2 * KEEP_BUILDS):
        _build(path, used=["dung"])
    cache = BuildCache(path)
    assert cache.get("page", "dung") == b"dung" * 10_000
    cache.close()


def test_the_read_step_saves_its_uses_without_ending_the_build(tmp_path):
    path = tmp_path / "build.sqlite"
    _build(path, stored=["doc"])
    for _ in range(KEEP_BUILDS):
        reading = BuildCache(path)  # what bantin build's read step does, on its own connection
        assert reading.get("page", "doc") is not None
        reading.save()
        reading.close()
        _build(path)  # the rest of the build uses other entries only
    assert _keys(path) == {"doc"}


def test_an_unfinished_build_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "build.sqlite"
    _build(path, stored=["a"])
    cache = BuildCache(path)
    cache.put("page", "b", b"chua xong")
    cache.close()
    assert _keys(path) == {"a"}


def test_a_file_of_an_older_layout_is_started_afresh(tmp_path):
    path = tmp_path / "build.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("create table meta (name text primary key, value integer)")
        db.execute("insert into meta values ('schema', 1)")
        db.execute("create table entries (kind text, key text, value blob, build integer, primary key (kind, key))")
        db.execute("insert into entries values ('page', 'cu', x'00', 1)")
    cache = BuildCache(path)
    assert cache.get("page", "cu") is None
    cache.put("page", "moi", b"1")
    cache.finish()
    cache.close()
    assert _keys(path) == {"moi"}
