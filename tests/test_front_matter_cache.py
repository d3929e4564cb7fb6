"""MkDocs' split of a page into Markdown and front matter, kept in the build cache
(builder/mkdocs_plugin/front_matter.py): a later build gets exactly what MkDocs' own
``mkdocs.utils.meta.get_data`` gives, and a changed source is split again."""

from __future__ import annotations

import datetime

from mkdocs.utils import meta

from builder.build_cache import BuildCache
from builder.mkdocs_plugin.front_matter import FrontMatterCache

SOURCES = [
    '---\ntitle: "Đại hội đại biểu Phụ nữ tỉnh"\ndate: 2021-03-08\ntags: [Đại hội, Bình đẳng giới]\n---\n\n# Tiêu đề\n\nNội dung.\n',
    "---\ntitle: Không có dòng trống sau khối\nupdated: 2021-03-08 09:30\n---\nDòng đầu.\n",
    "Không có phần đầu.\n\nĐoạn hai.\n",
    "title: Kiểu MultiMarkdown\nauthor: Hội LHPN\n\nNội dung.\n",
    "---\n- không phải ánh xạ\n---\nNội dung.\n",
    "---\ntitle: [khối hỏng\n---\nNội dung.\n",
]


def _split_all(path) -> list[tuple[str, dict]]:
    cache = BuildCache(path)
    kept = FrontMatterCache(cache)
    splits = [kept.split(source) for source in SOURCES]
    kept.store_made()
    cache.finish()
    cache.close()
    return splits


def test_a_kept_split_equals_what_mkdocs_gives(tmp_path):
    path = tmp_path / "build.sqlite"
    expected = [meta.get_data(source) for source in SOURCES]
    assert _split_all(path) == expected  # first build: MkDocs splits, the results are stored
    cache = BuildCache(path)
    kept = FrontMatterCache(cache)
    assert [kept.split(source) for source in SOURCES] == expected  # later build: from the cache
    assert cache.hits >= 4  # the YAML and plain sources at least came from the cache
    assert kept.split(SOURCES[0])[1]["date"] == datetime.date(2021, 3, 8)  # values keep their types
    cache.close()


def test_a_changed_source_is_split_again(tmp_path):
    path = tmp_path / "build.sqlite"
    _split_all(path)
    cache = BuildCache(path)
    edited = SOURCES[0].replace("2021-03-08", "2021-10-20")
    assert FrontMatterCache(cache).split(edited) == meta.get_data(edited)
    cache.close()


def test_a_split_changed_by_the_page_does_not_change_the_kept_one(tmp_path):
    """Plugins change ``page.meta`` (the title, the template): the next page with the same
    source must still get MkDocs' own mapping."""
    path = tmp_path / "build.sqlite"
    _split_all(path)
    cache = BuildCache(path)
    kept = FrontMatterCache(cache)
    kept.split(SOURCES[0])[1]["template"] = "bantin/cached.html"
    assert kept.split(SOURCES[0]) == meta.get_data(SOURCES[0])
    cache.close()


def test_splits_made_in_a_worker_are_kept_by_the_build(tmp_path):
    """The Markdown workers split the pages first (their own FrontMatterCache, forked): what
    they made reaches the build's cache, and nothing is stored that no one made."""
    path = tmp_path / "build.sqlite"
    cache = BuildCache(path)
    worker, build = FrontMatterCache(cache), FrontMatterCache(cache)
    assert [worker.split(source) for source in SOURCES[:3]] == [meta.get_data(s) for s in SOURCES[:3]]
    made = worker.take_made()
    assert len(made) == 3 and worker.take_made() == {}
    build.add_made(made)
    assert build.split(SOURCES[0]) == meta.get_data(SOURCES[0])
    build.store_made()
    cache.finish()
    cache.close()
    cache = BuildCache(path)
    later = FrontMatterCache(cache)
    assert [later.split(source) for source in SOURCES[:3]] == [meta.get_data(s) for s in SOURCES[:3]]
    assert cache.hits == 3 and later.take_made() == {}  # all three from the cache
    cache.close()
