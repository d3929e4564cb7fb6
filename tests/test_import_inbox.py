"""`bantin import-inbox`: Word documents uploaded into nhap/ (a real git repository in tmp_path,
as the workflow .github/workflows/nhap.yml checks it out) become the pages `bantin import` makes,
leave nhap/, and are told in a Vietnamese Markdown summary; a broken one writes nothing."""

from __future__ import annotations

import os
import subprocess

import docx
import pytest

from conftest import fixture_config, make_site, run_bantin
from test_import import NOW, picture, real_config_site

GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}
PAGE = "content/tin-tuc/hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy.md"


def git(root, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    """The union's mkdocs.yml, one page, committed; nhap/ holds what a staff member uploaded."""
    root = make_site(
        tmp_path / "kho", {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"}, config=fixture_config("union")
    )
    (root / "nhap").mkdir()
    return root


def article(path, with_picture: bool = True) -> None:
    d = docx.Document()
    d.add_heading("Hội thi “Phụ nữ khéo tay” ở xã Cam Thủy", level=1)
    d.add_paragraph().add_run("Sáng 5/3, Hội LHPN xã Cam Thủy tổ chức hội thi cho 60 hội viên.").bold = True
    d.add_paragraph("Hội thi gồm ba phần: cắm hoa, nấu ăn và tiểu phẩm về bình đẳng giới.")
    if with_picture:
        d.add_paragraph().add_run().add_picture(picture("#fce4ec"))
    d.save(path)


def commit_all(root) -> None:
    git(root, "init", "-q", "-b", "bai-moi")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Tải lên tệp Word")


def test_an_uploaded_word_document_becomes_the_page_bantin_import_makes(repo, tmp_path):
    article(repo / "nhap" / "Hội thi.docx")
    commit_all(repo)
    result = run_bantin(repo, "import-inbox", now=NOW)
    assert result.returncode == 1, result.stdout + result.stderr  # the picture has no description yet
    # The same page, byte for byte, as `bantin import` makes of the same document elsewhere.
    other = real_config_site(tmp_path / "may")
    article(other / "bai.docx")
    assert run_bantin(other, "import", "bai.docx", now=NOW).returncode == 1
    made = (repo / PAGE).read_bytes()
    assert made == (other / PAGE).read_bytes() and made.startswith(b"---\ntitle: H")
    # The document left nhap/; git sees the page and its picture added, the document removed.
    assert not (repo / "nhap" / "Hội thi.docx").exists()
    git(repo, "add", "-A")
    status = git(repo, "status", "--porcelain", "-z").strip("\0").split("\0")
    assert sorted(status) == [
        "A  content/tin-tuc/hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy-anh-1.png",
        f"A  {PAGE}",
        "D  nhap/Hội thi.docx",
    ]
    summary = result.stdout
    assert summary.startswith("## Nhập tệp Word từ thư mục `nhap/`\n\nĐã nhập 1 tệp.\n")
    assert f"### `nhap/Hội thi.docx` → `{PAGE}`" in summary
    assert "- Đã tách 1 ảnh: hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy-anh-1.png." in summary
    # check's warning about the new page, at its file and line, as a nested item
    assert any(line.startswith(f"  - {PAGE}:") and "chưa có mô tả (alt)" in line for line in summary.splitlines())
    assert "\\!\\[Mô tả ảnh\\](" in summary and "![" not in summary  # quoted, not a picture GitHub would show
    assert "đổi thành draft: false" in summary and "make serve" not in summary  # no terminal on GitHub
    assert "- Đã xóa `nhap/Hội thi.docx` khỏi `nhap/`" in summary


def test_a_clean_document_exits_0_and_word_lock_files_are_left_alone(repo):
    article(repo / "nhap" / "bai.docx", with_picture=False)
    (repo / "nhap" / "~$bai.docx").write_bytes(b"\x00lock")
    result = run_bantin(repo, "import-inbox", now=NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (repo / PAGE).exists() and (repo / "nhap" / "~$bai.docx").exists()
    assert "Đã nhập 1 tệp." in result.stdout


def test_a_broken_document_writes_nothing_and_says_how_to_fix_it(repo):
    (repo / "nhap" / "a-hong.docx").write_bytes(b"khong phai zip")
    article(repo / "nhap" / "b-tot.docx", with_picture=False)
    commit_all(repo)
    result = run_bantin(repo, "import-inbox", now=NOW)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    summary = result.stdout
    assert "Đã nhập 1 tệp, 1 tệp không nhập được." in summary
    assert "### `nhap/a-hong.docx`: không nhập được" in summary
    assert "- nhap/a-hong.docx: Không đọc được tệp Word" in summary
    assert "Cách sửa: mở tệp bằng Word" in summary
    # The broken one stays, nothing of it in content/; the good one was still imported.
    assert (repo / "nhap" / "a-hong.docx").exists() and not (repo / "nhap" / "b-tot.docx").exists()
    assert sorted(p.relative_to(repo).as_posix() for p in (repo / "content").rglob("*.md")) == [
        "content/gioi-thieu.md",
        PAGE,
    ]


def test_an_empty_or_password_protected_document_is_named_as_such(repo):
    # Word saves a .docx with a password as an OLE container ("EncryptedPackage"), not a zip:
    # "damaged, save it again" is no help there; nor is it for a file of 0 bytes.
    (repo / "nhap" / "rong.docx").write_bytes(b"")
    (repo / "nhap" / "Kế hoạch có mật khẩu.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    result = run_bantin(repo, "import-inbox", now=NOW)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    summary = result.stdout
    assert "- nhap/rong.docx: Không đọc được tệp Word: tệp rỗng (0 byte)" in summary
    assert "- nhap/Kế hoạch có mật khẩu.docx: Không đọc được tệp Word: tệp có mật khẩu" in summary
    assert "Mã hóa bằng mật khẩu, xóa trống mật khẩu" in summary
    assert (repo / "nhap" / "rong.docx").exists() and not any((repo / "content" / "tin-tuc").glob("*.md"))


def test_a_document_whose_page_exists_says_what_to_do_on_github(repo):
    # Two uploads with one title: the second page's name is taken. The terminal's advice
    # (--out) and "save it again in Word" do not apply on GitHub's pages.
    article(repo / "nhap" / "a.docx", with_picture=False)
    article(repo / "nhap" / "b ban sua.docx", with_picture=False)
    result = run_bantin(repo, "import-inbox", now=NOW)
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    summary = result.stdout
    assert "### `nhap/b ban sua.docx`: không nhập được" in summary
    assert f"- Đã có bài {PAGE} (tên tệp bài lấy theo tiêu đề): không ghi đè." in summary
    assert "--out" not in summary and "sửa thẳng bài đó" in summary and "đổi tiêu đề (dòng đầu) trong Word" in summary
    assert (repo / "nhap" / "b ban sua.docx").exists() and not (repo / "nhap" / "a.docx").exists()


def test_an_empty_inbox_says_so(repo):
    result = run_bantin(repo, "import-inbox", now=NOW)
    assert result.returncode == 0
    assert "Không có tệp Word (.docx) nào trong `nhap/`" in result.stdout
