"""A build that would write the same site is skipped, and only then (builder/freshness.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import make_site, news, run_bantin

pytestmark = pytest.mark.slow  # every test rebuilds a site several times

NOW = "2026-11-29T12:00:00"
SKIPPED = "Không có gì thay đổi từ lần dựng trước"


def _site(root: Path) -> Path:
    return make_site(
        root,
        {
            "tin-tuc/da-dang.md": news("Bài đã đăng", "2026-11-20 08:00"),
            "tin-tuc/hen-gio.md": news("Bài hẹn giờ", "2026-12-01 07:00"),
        },
    )


def _build(root: Path, cache: Path, now: str = NOW):
    result = run_bantin(root, "build", now=now, env={"BANTIN_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_an_unchanged_rebuild_is_skipped_and_leaves_the_site_as_it_is(tmp_path):
    root, cache = _site(tmp_path / "s"), tmp_path / "cache"
    assert SKIPPED not in _build(root, cache).stdout
    before = (root / "site").stat().st_ino, (root / "site/index.html").read_bytes()
    second = _build(root, cache)
    assert SKIPPED in second.stdout and "trang" in second.stdout
    assert ((root / "site").stat().st_ino, (root / "site/index.html").read_bytes()) == before


def test_any_change_of_content_theme_setting_or_site_folder_builds_again(tmp_path):
    root, cache = _site(tmp_path / "s"), tmp_path / "cache"
    _build(root, cache)
    (root / "content/tin-tuc/da-dang.md").write_text(news("Bài đã sửa", "2026-11-20 08:00"), encoding="utf-8")
    assert SKIPPED not in _build(root, cache).stdout
    assert "Bài đã sửa" in (root / "site/tin-tuc/index.html").read_text(encoding="utf-8")
    (root / "content/anh.txt").write_text("tệp đính kèm", encoding="utf-8")  # any file, not only Markdown
    assert SKIPPED not in _build(root, cache).stdout
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("site_name: Trang thử nghiệm", "site_name: Trang thử nghiệm mới"),
        encoding="utf-8",
    )
    assert SKIPPED not in _build(root, cache).stdout
    assert SKIPPED in _build(root, cache).stdout
    (root / "site/index.html").unlink()
    (root / "site").rename(root / "site-cu")  # the site folder was moved away or replaced
    assert SKIPPED not in _build(root, cache).stdout
    assert (root / "site/index.html").is_file()


def test_a_scheduled_entry_whose_time_comes_builds_again(tmp_path):
    root, cache = _site(tmp_path / "s"), tmp_path / "cache"
    _build(root, cache)
    assert not (root / "site/tin-tuc/bai-hen-gio").exists()
    # Same day, before its time: nothing to do.
    assert SKIPPED in _build(root, cache, now="2026-11-29T23:00:00").stdout
    # The next day the home page's calendar moves on: built again, still without the entry.
    assert SKIPPED not in _build(root, cache, now="2026-11-30T08:00:00").stdout
    assert not (root / "site/tin-tuc/bai-hen-gio").exists()
    # Its time has come (the hourly scheduled build): it is published.
    assert SKIPPED not in _build(root, cache, now="2026-12-01T07:05:00").stdout
    assert (root / "site/tin-tuc/bai-hen-gio/index.html").is_file()


def test_files_are_read_again_only_when_written_and_never_missed(tmp_path):
    """The stamp's file signature (size, inode, times) spares reading unchanged files, but a
    file rewritten with its old size and modification time set back is still seen; a file
    only touched (new time, same bytes) still gives a skipped build."""
    root, cache = _site(tmp_path / "s"), tmp_path / "cache"
    _build(root, cache)
    article = root / "content/tin-tuc/da-dang.md"
    before = article.stat()
    article.write_text(news("Bài đã đăxg", "2026-11-20 08:00"), encoding="utf-8")  # same size
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert article.stat().st_size == before.st_size and article.stat().st_mtime_ns == before.st_mtime_ns
    assert SKIPPED not in _build(root, cache).stdout
    assert "Bài đã đăxg" in (root / "site/tin-tuc/index.html").read_text(encoding="utf-8")
    assert SKIPPED in _build(root, cache).stdout
    os.utime(article)  # touched: other times, same bytes
    assert SKIPPED in _build(root, cache).stdout
