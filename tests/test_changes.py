"""``bantin changes --since REF``: the pull request's summary, from real git repositories of
small fixture sites (tmp_path), through the real command."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, THEME, make_site, news, run_bantin

CONFIG = (
    MKDOCS_YML.format(theme=THEME)
    + """\
      sharing:
        facebook:
          since: 2026-11-01
"""
)
ADDRESS = "https://example.org/bantin/"
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Biên tập",
    "GIT_AUTHOR_EMAIL": "bt@example.org",
    "GIT_COMMITTER_NAME": "Biên tập",
    "GIT_COMMITTER_EMAIL": "bt@example.org",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, env=GIT_ENV, check=True, capture_output=True)


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A site in a git repository: two news articles, one commit."""
    root = make_site(
        tmp_path / "site",
        {
            "tin-tuc/hoi-nghi.md": news("Hội nghị tổng kết", "2026-11-10 08:00"),
            "tin-tuc/tap-huan.md": news("Tập huấn kỹ năng", "2026-11-12 08:00"),
        },
        config=CONFIG,
    )
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Nội dung ban đầu")
    return root


def section(text: str, heading: str) -> str:
    """The Markdown section under the ``###`` heading that starts with ``heading``."""
    start = text.index("### " + heading)
    end = text.find("\n### ", start + 1)
    return text[start:] if end < 0 else text[start:end]


def test_a_new_article_is_listed_with_its_address_and_will_be_posted(repo):
    (repo / "content/tin-tuc/ngay-phu-nu.md").write_text(
        news("Mít tinh ngày Phụ nữ", "2026-11-20 08:00"), encoding="utf-8"
    )
    commit_all(repo, "Thêm bài")
    result = run_bantin(repo, "changes", "--since", "HEAD~1")
    assert result.returncode == 0, result.stdout + result.stderr
    address = ADDRESS + "tin-tuc/mit-tinh-ngay-phu-nu/"
    assert f"[Mít tinh ngày Phụ nữ]({address})" in section(result.stdout, "Trang mới (1)")
    posts = section(result.stdout, "Sẽ đăng lên Trang Facebook")
    assert address in posts and "ngay sau khi gộp" in posts
    assert "Trang sửa đổi" not in result.stdout and "Lỗi" not in result.stdout


def test_an_unchanged_tree_says_nothing_will_change(repo):
    result = run_bantin(repo, "changes", "--since", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Không có trang nào thay đổi" in result.stdout
    assert "Trang mới" not in result.stdout and "Thay đổi ngoài nội dung" not in result.stdout


def test_posts_pending_before_the_change_are_not_credited_to_it(repo):
    """Unchanged tree, nothing recorded as posted yet (posting not set up): the two articles
    already at REF still wait for a post, but the summary says they are not this change's."""
    result = run_bantin(repo, "changes", "--since", "HEAD")
    posts = section(result.stdout, "Sẽ đăng lên Trang Facebook (2 bài)")
    assert posts.count("đã có từ trước thay đổi này") == 2, posts
    (repo / "content/tin-tuc/moi.md").write_text(news("Bài mới", "2026-11-20 08:00"), encoding="utf-8")
    posts = section(run_bantin(repo, "changes", "--since", "HEAD").stdout, "Sẽ đăng lên Trang Facebook (3 bài)")
    new_line = next(line for line in posts.splitlines() if "Bài mới" in line)
    assert new_line.endswith("ngay sau khi gộp"), new_line


def test_edited_removed_and_scheduled_articles(repo):
    path = repo / "content/tin-tuc/hoi-nghi.md"
    path.write_text(path.read_text(encoding="utf-8") + "Thêm một đoạn.\n", encoding="utf-8")
    (repo / "content/tin-tuc/tap-huan.md").unlink()
    (repo / "content/tin-tuc/sap-toi.md").write_text(news("Hội thi sắp tới", "2026-12-05 07:30"), encoding="utf-8")
    # Not committed: the working tree is what is compared.
    result = run_bantin(repo, "changes", "--since", "main")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ADDRESS + "tin-tuc/hoi-nghi-tong-ket/" in section(result.stdout, "Trang sửa đổi (1)")
    assert ADDRESS + "tin-tuc/tap-huan-ky-nang/" in section(result.stdout, "Trang bị gỡ")
    assert "Trang mới" not in result.stdout  # a scheduled item is not on the site yet
    assert "content/tin-tuc/sap-toi.md:3" in section(result.stdout, "Bài hẹn giờ")
    posts = section(result.stdout, "Sẽ đăng lên Trang Facebook")
    assert "Hội thi sắp tới" in posts and "05/12/2026, 07:30" in posts


def test_already_posted_items_are_not_announced_again(repo):
    (repo / "crosspost").mkdir()
    (repo / "crosspost/facebook.json").write_text(
        '{"version": 1, "facebook": {"x": {"source": "tin-tuc/hoi-nghi.md"}, "y": {"source": "tin-tuc/tap-huan.md"}}}',
        encoding="utf-8",
    )
    result = run_bantin(repo, "changes", "--since", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Không có bài mới nào sẽ được đăng lên Trang Facebook." in result.stdout
    assert "Thay đổi ngoài nội dung" not in result.stdout  # the bot's record is not code
    (repo / "theme.css").write_text("h1 {}\n", encoding="utf-8")
    outside = run_bantin(repo, "changes", "--since", "HEAD").stdout
    assert "`theme.css`" in section(outside, "Thay đổi ngoài nội dung")


def test_a_bad_ref_is_a_usage_error_in_vietnamese(repo):
    result = run_bantin(repo, "changes", "--since", "origin/khong-co")
    assert result.returncode == 2
    assert "không có phiên bản 'origin/khong-co'" in result.stderr and "Traceback" not in result.stderr
    missing = run_bantin(repo, "changes")
    assert missing.returncode == 2 and "thiếu --since" in missing.stderr


def test_a_content_error_exits_1_and_is_listed_with_file_and_line(repo):
    (repo / "content/tin-tuc/thieu-ngay.md").write_text('---\ntitle: "Thiếu ngày"\n---\nNội dung.\n', encoding="utf-8")
    result = run_bantin(repo, "changes", "--since", "HEAD")
    assert result.returncode == 1, result.stdout + result.stderr
    errors = section(result.stdout, "Lỗi cần sửa (1)")
    assert "`content/tin-tuc/thieu-ngay.md:1`" in errors and "date" in errors and "Cách sửa" in errors
    assert "sẽ không được xuất bản" in result.stdout


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")
def test_screenshots_of_new_pages_at_phone_and_desktop_widths(repo):
    (repo / "content/tin-tuc/moi.md").write_text(news("Bài mới có ảnh chụp", "2026-11-21 08:00"), encoding="utf-8")
    built = run_bantin(repo, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    result = run_bantin(repo, "changes", "--since", "HEAD", "--screenshots", "anh-chup")
    assert result.returncode == 0, result.stdout + result.stderr
    shots = sorted(p.name for p in (repo / "anh-chup").iterdir())
    assert shots == ["tin-tuc-bai-moi-co-anh-chup-1440.png", "tin-tuc-bai-moi-co-anh-chup-390.png"]
    from PIL import Image

    with Image.open(repo / "anh-chup" / shots[1]) as phone, Image.open(repo / "anh-chup" / shots[0]) as desk:
        assert phone.width == 390 and desk.width == 1440
    assert "Đã chụp 2 ảnh" in result.stdout


def test_a_replaced_picture_changes_the_pages_that_show_it(repo):
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(repo / "content/tin-tuc/anh-hoi-nghi.png")
    path = repo / "content/tin-tuc/hoi-nghi.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n![Quang cảnh hội nghị](anh-hoi-nghi.png)\n", encoding="utf-8")
    commit_all(repo, "Thêm ảnh")
    Image.new("RGB", (40, 30), "blue").save(repo / "content/tin-tuc/anh-hoi-nghi.png")  # same name, new picture
    result = run_bantin(repo, "changes", "--since", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    changed = section(result.stdout, "Trang sửa đổi (1)")
    assert ADDRESS + "tin-tuc/hoi-nghi-tong-ket/" in changed and "tap-huan" not in changed


def test_check_warnings_and_other_notices_are_listed_apart_from_scheduled_items(repo):
    """A draft is a page to come; what the cleaning drops from a body is a warning, published
    anyway: each under its own heading, with file and line."""
    draft = news("Bài chưa xong", "2026-11-15 08:00").replace("\n---\n", "\ndraft: true\n---\n", 1)
    (repo / "content/tin-tuc/nhap.md").write_text(draft, encoding="utf-8")
    (repo / "content/tin-tuc/co-ma.md").write_text(
        news("Bài có mã", "2026-11-16 08:00") + "\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    result = run_bantin(repo, "changes", "--since", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    pending = section(result.stdout, "Bài hẹn giờ và bản nháp")
    assert "content/tin-tuc/nhap.md" in pending and "co-ma.md" not in pending
    notes = section(result.stdout, "Lưu ý (1)")
    assert "**Cảnh báo**" in notes and "`content/tin-tuc/co-ma.md:" in notes and "nhap.md" not in notes


def test_a_title_no_page_can_hold_is_listed_as_an_error_not_a_crash(repo):
    """A title ``"a\\ud800"`` (half a UTF-16 pair, a YAML escape): check refuses it, but the
    summary printed the title as it was and ended in "lỗi không mong đợi (UnicodeEncodeError …)"."""
    (repo / "content/tin-tuc/nua.md").write_text(news("Bài\\ud800 nửa"), encoding="utf-8")
    result = run_bantin(repo, "changes", "--since", "HEAD")
    output = result.stdout + result.stderr
    assert "không mong đợi" not in output and "Error" not in output, output
    assert "content/tin-tuc/nua.md:2" in output and "U+D800" in output, output
