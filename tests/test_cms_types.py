"""The web editor (/admin/, Decap CMS in local mode) on the content types added after it: an album
made of two photos, a library file, an official document whose signer has a two-line authority
(a list in the file, one line per form in the editor's box) and a news article with a ``video:`` block.
What was committed is read back from git and checked by a real ``bantin check``, as the pull
request's check would. Same set-up as tests/test_cms.py's browser test (decap-server, MODE=git,
on a git copy of the union fixture)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from conftest import copy_fixture, free_port, run_bantin
from test_cms import editor_repository, editor_session, _git, _split, _wait_for_branch, _wait_for_port

LETTER = """---
document_type: Công văn
document_number: 12/CV-BTV
date: 2021-03-01
place: Quảng Trị
summary_line: V/v tổ chức Ngày Quốc tế Phụ nữ
signer:
  authority:
    - TM. BAN THƯỜNG VỤ
    - KT. CHỦ TỊCH
  title: PHÓ CHỦ TỊCH
  name: Nguyễn Thị Hoa
recipients:
  - Như trên;
  - Lưu VT.
---

Nội dung công văn.
"""

REPORTAGE = """---
title: "Phóng sự về làng quê an toàn"
date: 2021-03-02 08:00
description: "Xem video."
draft: false
video:
  youtube: https://www.youtube.com/watch?v=aBcDeFgHiJk
  duration: "12:30"
---
Bài viết kèm video.
"""


def _photo(path: Path, shade: int) -> Path:
    """A small JPEG; each photo its own colour (Decap keeps one of two files with the same bytes)."""
    Image.new("RGB", (800, 600), (shade, 120, 90)).save(path)
    return path


def _checked(root: Path, branch: str, where: Path) -> subprocess.CompletedProcess:
    """``bantin check`` on ``branch`` checked out apart, as CI checks the pull request."""
    _git(root, "worktree", "add", "-q", "--detach", str(where), branch)
    return run_bantin(where, "check")


@pytest.mark.browser
def test_album_library_file_two_line_signer_and_video_through_the_editor(browser, tmp_path):
    root = copy_fixture("union", tmp_path / "repo")
    port = free_port()
    (root / "content/van-ban/cong-van-12-cv-btv.md").write_text(LETTER, encoding="utf-8")
    (root / "content/tin-tuc/phong-su-lang-que.md").write_text(REPORTAGE, encoding="utf-8")
    editor_repository(root, port)
    with editor_session(browser, root, port) as (page, base):

        def save(branch: str) -> None:
            page.get_by_role("button", name="Lưu", exact=True).click()
            page.get_by_text("Mục đã được lưu").wait_for()
            _wait_for_branch(root, branch)

        def open_fresh(address: str) -> None:
            page.goto(base + address)
            page.reload()  # a fresh editor: no toast or entry left from the previous one

        _wait_for_port(port)
        page.goto(base)
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Bộ sưu tập").first.wait_for()

        # 1. An album with two photos: album/<album>/index.md, the photos beside it.
        open_fresh("#/collections/album/new")
        page.get_by_label("Tiêu đề").fill("Hội thi cắm hoa")
        for n in (1, 2):
            page.get_by_role("button", name=re.compile("^Add ảnh")).click()  # not "Add các ảnh của album"
            page.get_by_role("button", name="Chọn một hình").last.click()
            page.set_input_files("input[type=file]", _photo(tmp_path / f"hoa-{n}.jpg", 60 * n))
            page.get_by_text(f"hoa-{n}.jpg").wait_for()
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            page.get_by_label("Mô tả ảnh (cho người khiếm thị)").last.fill(f"Bàn hoa của chi hội {n}")
        branch = "cms/album/hoi-thi-cam-hoa/index"
        save(branch)
        assert set(_git(root, "diff", "--name-only", "main", branch).split()) == {
            "content/album/hoi-thi-cam-hoa/index.md",
            "content/album/hoi-thi-cam-hoa/hoa-1.jpg",
            "content/album/hoi-thi-cam-hoa/hoa-2.jpg",
        }
        album, _ = _split(_git(root, "show", f"{branch}:content/album/hoi-thi-cam-hoa/index.md"))
        assert album["photos"] == [
            {"file": "hoa-1.jpg", "alt": "Bàn hoa của chi hội 1"},
            {"file": "hoa-2.jpg", "alt": "Bàn hoa của chi hội 2"},
        ]
        checked = _checked(root, branch, tmp_path / "album")
        assert checked.returncode == 0, checked.stdout + checked.stderr

        # 2. A library file (tai-lieu/): the file uploaded beside its entry.
        open_fresh("#/collections/download/new")
        page.get_by_label("Tiêu đề").fill("Mẫu đơn đăng ký hội viên")
        page.get_by_label("Tóm tắt").fill("Mẫu đơn để in và điền tay.")
        page.get_by_role("button", name="Chọn một tập tin").last.click()
        form = tmp_path / "mau-don.pdf"
        form.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        page.set_input_files("input[type=file]", form)
        page.get_by_text("mau-don.pdf").wait_for()
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        branch = "cms/download/mau-don-dang-ky-hoi-vien"
        save(branch)
        assert set(_git(root, "diff", "--name-only", "main", branch).split()) == {
            "content/tai-lieu/mau-don-dang-ky-hoi-vien.md",
            "content/tai-lieu/mau-don.pdf",
        }
        checked = _checked(root, branch, tmp_path / "download")
        assert checked.returncode == 0, checked.stdout + checked.stderr

        # 3. The công văn signed "TM. BAN THƯỜNG VỤ / KT. CHỦ TỊCH": its trích yếu only.
        open_fresh("#/collections/document/entries/cong-van-12-cv-btv")
        page.get_by_label("Trích yếu").fill("V/v tổ chức kỷ niệm Ngày Quốc tế Phụ nữ")
        authority = page.get_by_label(re.compile("^Thẩm quyền ký")).first  # signer (then secretary)
        expect(authority).to_have_value("TM. BAN THƯỜNG VỤ\nKT. CHỦ TỊCH")  # one form a line, not 'List [ … ]'
        authority.fill("TM. BAN THƯỜNG VỤ\n KT. CHỦ TỊCH \n")  # typed again: the same list is written
        branch = "cms/document/cong-van-12-cv-btv"
        save(branch)
        diff = _git(root, "diff", "-U0", "main", branch, "--", "content/van-ban/cong-van-12-cv-btv.md")
        changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        assert changed == [
            "-summary_line: V/v tổ chức Ngày Quốc tế Phụ nữ",
            "+summary_line: V/v tổ chức kỷ niệm Ngày Quốc tế Phụ nữ",
        ], diff

        # 4. The reportage's summary: its video block is kept, key for key.
        open_fresh("#/collections/news/entries/phong-su-lang-que")
        page.get_by_label("Tóm tắt").fill("Xem video phóng sự.")
        branch = "cms/news/phong-su-lang-que"
        save(branch)
        before, _ = _split(REPORTAGE)
        after, body = _split(_git(root, "show", f"{branch}:content/tin-tuc/phong-su-lang-que.md"))
        assert list(after) == list(before) and body.strip() == "Bài viết kèm video."
        # Decap drops the quotes of "12:30"; PyYAML then reads base 60 (750 s), which the model takes.
        assert after["video"] == {**before["video"], "duration": 750}
        assert after["description"] == "Xem video phóng sự."
        checked = _checked(root, branch, tmp_path / "news")
        assert checked.returncode == 0, checked.stdout + checked.stderr
