"""``bantin serve`` shows an edit by redoing only what it changes (issue 8, the preview).

The preview (:mod:`builder.preview`) is driven in this process on a copy of the real
content: after its first build an article is edited, :meth:`Preview.update` redoes what the
edit changes, and the preview's folder is compared byte for byte, every file (pages, feeds,
cards, Zalo texts, PDFs, search index), with a fresh preview build of the edited content.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW, bantin_env, copy_fixture, site_digests, wait_for_text

from builder.build import quiet_mkdocs
from builder.preview import Preview

pytestmark = pytest.mark.slow  # every test runs the preview on the union's site and a fresh build beside it

NEWS = "content/tin-tuc/ngan-hang-con-giong-tiep-suc-hoi-vien-ngheo-o-xa-cam-thuy.md"
ISSUE_ARTICLE = "content/ban-tin/so-8-3-2021/khoi-nghiep-tu-cu-nghe-que-nha.md"
WITH_PHOTO = "content/tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap.md"  # front matter image


def _replace(root: Path, name: str, pattern: str, new: str, append: str = "") -> None:
    path = root / name
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, pattern
    path.write_text(text + append, encoding="utf-8")


EDITS = {
    # name: (change, what the preview does)
    "body and description": (
        lambda root: _replace(
            root, NEWS, r'^description: "', 'description: "Mới: ', "\nĐoạn mới: chị em tiếp tục nhân rộng mô hình.\n"
        ),
        "edit",
    ),
    "issue article (its PDF)": (
        lambda root: _replace(root, ISSUE_ARTICLE, r"\Z", "\nThêm một đoạn cho bản in.\n"),
        "edit",
    ),
    "date (moves it in the listings)": (
        lambda root: _replace(root, NEWS, r"^date: .*$", "date: 2021-01-02 08:00"),
        "edit",
    ),
    "date of an article with a photo (its card)": (
        lambda root: _replace(root, WITH_PHOTO, r"^date: .*$", "date: 2021-04-13 08:30"),
        "edit",
    ),
    "title, the address kept by a slug": (
        lambda root: _replace(
            root,
            NEWS,
            r'^title: "',
            'slug: ngan-hang-con-giong-tiep-suc-hoi-vien-ngheo-o-xa-cam-thuy\ntitle: "Quảng Trị: ',
        ),
        "edit",
    ),
    "title (changes its address)": (lambda root: _replace(root, NEWS, r'^title: "', 'title: "Quảng Trị: '), "full"),
    "new article": (
        lambda root: (root / "content/tin-tuc/bai-moi.md").write_text(
            "---\ntitle: Bài mới\ndate: 2021-05-20 09:00\n---\nNội dung.\n", encoding="utf-8"
        ),
        "full",
    ),
}


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the union's site (the frozen fixture) with its own build cache."""
    root = tmp_path / "project"
    copy_fixture("union", root)
    monkeypatch.setenv("BANTIN_NOW", NOW)
    monkeypatch.setenv("BANTIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiet_mkdocs()
    return root


def _fresh(root: Path) -> dict[str, str]:
    other = Preview(str(root / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert other.start()
        return site_digests(other.site_dir)
    finally:
        other.close()


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_the_preview_after_an_edit_equals_a_fresh_preview(project, edit):
    change, expected = EDITS[edit]
    preview = Preview(str(project / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        before = site_digests(preview.site_dir)
        change(project)
        assert preview.update() == expected
        preview.wait_search()
        after = site_digests(preview.site_dir)
    finally:
        preview.close()
    fresh = _fresh(project)
    assert sorted(p for p in after.keys() | fresh.keys() if after.get(p) != fresh.get(p)) == []
    assert len(after) > 100 and after != before  # the whole site was compared, and the edit changed it


def test_an_edit_redoes_only_the_pages_that_show_the_article(project, capsys):
    preview = Preview(str(project / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        EDITS["body and description"][0](project)
        assert preview.update() == "edit"
        preview.wait_search()
    finally:
        preview.close()
    found = re.search(r"Đã cập nhật (\d+) trang sau khi sửa 1 bài", capsys.readouterr().out)
    assert found and 2 <= int(found[1]) <= 12  # the article, its listings, the home page: not the ~150 pages


def test_a_broken_edit_keeps_the_last_good_preview_and_says_where(project, capsys):
    preview = Preview(str(project / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        good = site_digests(preview.site_dir)
        _replace(project, NEWS, r"^date: .*$", "date: 31/02/2021")
        assert preview.update() == "error"
        err = capsys.readouterr().err
        assert "ngan-hang-con-giong-tiep-suc-hoi-vien-ngheo-o-xa-cam-thuy.md" in err and "date" in err
        assert "Traceback" not in err
        assert site_digests(preview.site_dir) == good
        _replace(project, NEWS, r"^date: .*$", "date: 2021-04-02 08:00")
        assert preview.update() in ("edit", "full")
        preview.wait_search()
        fixed = site_digests(preview.site_dir)
    finally:
        preview.close()
    assert fixed == _fresh(project)


def test_a_file_left_broken_is_reported_again_when_another_is_edited(project, capsys):
    preview = Preview(str(project / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        _replace(project, NEWS, r"^date: .*$", "date: 31/02/2021")
        assert preview.update() == "error"
        capsys.readouterr()
        EDITS["issue article (its PDF)"][0](project)  # the broken article is not touched: still broken
        assert preview.update() == "error"
        assert "ngan-hang-con-giong-tiep-suc-hoi-vien-ngheo-o-xa-cam-thuy.md" in capsys.readouterr().err
    finally:
        preview.close()


def test_bantin_serve_shows_an_edit_in_the_browser_pages(tmp_path):
    """The real command: the listing served over HTTP shows the new description."""
    root = tmp_path / "project"
    copy_fixture("union", root)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=bantin_env(BANTIN_CACHE_DIR=str(tmp_path / "cache")),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        listing = f"http://127.0.0.1:{port}/tin-tuc/"
        assert wait_for_text(listing, "tin-tuc/", 120)
        _replace(root, NEWS, r'^description: "', 'description: "Mô hình mới 2026: ')
        assert wait_for_text(listing, "Mô hình mới 2026", 30)
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Đã cập nhật" in output and "Traceback" not in output
