"""Parse results kept between reads (builder.content.reader ``memo``, builder/parse_memo.py).

A file read again with the same text is not parsed again; an edited file is; a file with a
problem is never kept, so its message appears on every read and every build; a stored result
of other code, or a damaged one, can only miss.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from builder.build_cache import BuildCache
from builder.content.assemble import Defaults
from builder.content.dates import VIETNAM
from builder.content.model import Issuer
from builder.content.reader import memo_key, read_tree
from builder.parse_memo import KIND, CachedParses
from conftest import make_site, news, run_bantin

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VIETNAM)
DEFAULTS = Defaults(issuer=Issuer("HỘI LHPN VIỆT NAM", "BCH HỘI LHPN TỈNH QUẢNG TRỊ"), place="Quảng Trị")
BROKEN = """---
title: "Bài lỗi"
date: 2026-02-30 08:00
description: "Ngày không có thật."
---
Nội dung.
"""


class DictMemo:
    """The in-memory memo a long-running preview passes: a dict, counting what it is asked."""

    def __init__(self):
        self.kept: dict = {}
        self.hits = self.puts = 0

    def get(self, key):
        found = self.kept.get(key)
        self.hits += found is not None
        return found

    def put(self, key, parsed):
        self.puts += 1
        self.kept[key] = parsed


def _content(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _messages(errors) -> list[str]:
    return [error.format() for error in errors.errors]


def test_an_unchanged_file_is_taken_from_the_memo_and_an_edited_one_is_parsed_again(tmp_path):
    content = _content(tmp_path / "content", {"tin-tuc/a.md": news("Bài A"), "tin-tuc/b.md": news("Bài B")})
    memo = DictMemo()
    first, errors = read_tree(content, DEFAULTS, NOW, memo=memo)
    assert not errors and (memo.hits, memo.puts) == (0, 2)

    (content / "tin-tuc/b.md").write_text(news("Bài B đã sửa"), encoding="utf-8")
    second, errors = read_tree(content, DEFAULTS, NOW, memo=memo)

    assert not errors and (memo.hits, memo.puts) == (1, 3)
    assert {e.title for e in second.entries.values()} == {"Bài A", "Bài B đã sửa"}
    assert second.entries["tin-tuc/a.md"] == first.entries["tin-tuc/a.md"]


def test_a_file_with_a_problem_is_never_kept_and_reports_it_on_every_read(tmp_path):
    content = _content(tmp_path / "content", {"tin-tuc/loi.md": BROKEN, "tin-tuc/a.md": news("Bài A")})
    memo = DictMemo()
    plain = _messages(read_tree(content, DEFAULTS, NOW)[1])
    assert plain and all("loi.md" in message for message in plain)

    assert _messages(read_tree(content, DEFAULTS, NOW, memo=memo)[1]) == plain
    assert _messages(read_tree(content, DEFAULTS, NOW, memo=memo)[1]) == plain
    assert memo.puts == 1  # only the good file


def test_stored_results_of_other_code_or_damaged_ones_only_miss(tmp_path):
    content = _content(tmp_path / "content", {"tin-tuc/a.md": news("Bài A")})
    path = tmp_path / "cache" / "build.sqlite"
    cache = BuildCache(path)
    read_tree(content, DEFAULTS, NOW, shown_root="content", memo=CachedParses(cache, code="mã cũ"))
    cache.save()
    cache.close()
    key = memo_key("tin-tuc/a.md", (content / "tin-tuc/a.md").read_text(encoding="utf-8"))

    cache = BuildCache(path)
    assert CachedParses(cache, code="mã cũ").get(key) is not None
    assert CachedParses(cache, code="mã mới").get(key) is None  # the code changed: parsed again
    cache.close()
    with sqlite3.connect(path) as db:
        db.execute("update entries set value = ? where kind = ?", (b"not a pickle", KIND))
    cache = BuildCache(path)
    assert CachedParses(cache, code="mã cũ").get(key) is None
    library, errors = read_tree(content, DEFAULTS, NOW, shown_root="content", memo=CachedParses(cache, code="mã cũ"))
    assert not errors and library.entries["tin-tuc/a.md"].title == "Bài A"
    cache.close()


@pytest.mark.slow
def test_builds_with_a_cache_report_a_broken_file_every_time_and_show_each_edit(tmp_path):
    root = make_site(tmp_path / "s", {"tin-tuc/a.md": news("Bài A"), "tin-tuc/loi.md": BROKEN})
    env = {"BANTIN_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):
        result = run_bantin(root, "build", env=env)
        assert result.returncode == 1 and "content/tin-tuc/loi.md:3" in result.stdout + result.stderr
    (root / "content/tin-tuc/loi.md").unlink()
    assert run_bantin(root, "build", env=env).returncode == 0
    (root / "content/tin-tuc/a.md").write_text(news("Bài A đã sửa"), encoding="utf-8")
    assert run_bantin(root, "build", env=env).returncode == 0
    assert "Bài A đã sửa" in (root / "site/tin-tuc/index.html").read_text(encoding="utf-8")
    with sqlite3.connect(tmp_path / "cache" / "build.sqlite") as db:
        assert db.execute("select count(*) from entries where kind = ?", (KIND,)).fetchone()[0] >= 2
