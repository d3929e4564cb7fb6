"""Slips that ``bantin check`` called valid and the site then broke or hid (issue 17, item 6),
through the real ``bantin check`` and ``bantin build`` of small sites in tmp_path: a news
article saved at the root of ``content/``, tags without a letter or digit, one tag spelt three
ways, and a picture written as raw ``<img src>``.
"""

from __future__ import annotations

import re

import feedparser
import pytest

from conftest import build_ok, make_site, news, run_bantin
from photo_fixture import phone_photo


def _tagged(title: str, tags: list[str], date: str = "2026-11-20 08:00") -> str:
    listed = "".join(f'  - "{tag}"\n' for tag in tags)
    return news(title, date).replace('description: "Tóm tắt."\n', f'description: "Tóm tắt."\ntags:\n{listed}')


def _both(root) -> list[str]:
    """The output of check and of build, each asserted to fail without a traceback."""
    outs = []
    for command in ("check", "build"):
        result = run_bantin(root, command)
        out = result.stdout + result.stderr
        assert result.returncode == 1 and "Traceback" not in out, out
        outs.append(out)
    assert not (root / "site").exists()
    return outs


def test_a_news_article_at_the_root_of_content_is_told_where_it_belongs(tmp_path):
    root = make_site(tmp_path / "s", {"tin-tuc/a.md": news("Bài đúng chỗ"), "hoi-nghi.md": news("Tin đặt nhầm chỗ")})
    for out in _both(root):
        assert (
            "content/hoi-nghi.md:3:1: lỗi: Tệp có ngày đăng (date) nhưng nằm ngoài các thư mục tin bài, "
            "nên là một trang cố định: không có trong danh sách tin, trang chủ và RSS."
        ) in out
        assert "chuyển tệp vào thư mục content/tin-tuc/" in out and "xóa dòng date" in out


def test_a_page_without_a_date_still_builds(tmp_path):
    root = make_site(
        tmp_path / "s", {"tin-tuc/a.md": news("Bài"), "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nHội.\n"}
    )
    assert (build_ok(root) / "gioi-thieu" / "index.html").is_file()


@pytest.mark.parametrize("tag", ["!!!", "..."])
def test_a_tag_without_a_letter_or_digit_is_refused_at_its_line(tmp_path, tag):
    root = make_site(tmp_path / "s", {"tin-tuc/a.md": _tagged("Bài", ["Gia đình", tag])})
    for out in _both(root):
        assert (
            f"content/tin-tuc/a.md:7:1: lỗi: Giá trị của 'tags' (từ khóa) có mục '{tag}' không có chữ cái "
            "hay chữ số nào"
        ) in out


def test_one_tag_spelt_three_ways_has_one_label_and_the_editor_is_told_which(tmp_path):
    root = make_site(
        tmp_path / "s",
        {
            "tin-tuc/a.md": _tagged("Bài A", ["Gia đình", "Bình Đẳng"]),
            "tin-tuc/b.md": _tagged("Bài B", ["binh dang"], "2026-11-19 08:00"),
            "tin-tuc/c.md": _tagged("Bài C", ["BÌNH-ĐẲNG"], "2026-11-18 08:00"),
        },
    )
    check = run_bantin(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr  # the site is right: a notice, not an error
    assert "content/tin-tuc/a.md" not in check.stdout  # the chosen spelling: as many uses, most diacritics, then fixed
    assert (
        "content/tin-tuc/b.md:6: Cách viết: Từ khóa 'binh dang' được hiện là 'Bình Đẳng' "
        "(trang tu-khoa/binh-dang/ chỉ mang một tên"
    ) in check.stdout
    assert "content/tin-tuc/c.md:6: Cách viết: Từ khóa 'BÌNH-ĐẲNG' được hiện là 'Bình Đẳng'" in check.stdout
    assert check.stdout.count("Sửa thành 'Bình Đẳng'") == 2
    site = build_ok(root)
    for page in ("tu-khoa/binh-dang/index.html", "tin-tuc/bai-b/index.html", "tin-tuc/bai-c/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert "Bình Đẳng" in text and "binh dang" not in text and "BÌNH-ĐẲNG" not in text, page
    feed = feedparser.parse((site / "rss.xml").read_bytes())
    assert {tag.term for entry in feed.entries for tag in entry.get("tags", [])} <= {"Bình Đẳng", "Gia đình"}


def test_categories_share_the_rule(tmp_path):
    article = news("Bài", "2026-11-19 08:00").replace(
        'description: "Tóm tắt."\n', 'description: "Tóm tắt."\ncategories: ["Hoạt động", "hoat dong"]\n'
    )
    root = make_site(tmp_path / "s", {"tin-tuc/a.md": article, "tin-tuc/b.md": news("Bài B")})
    check = run_bantin(root, "check")
    assert check.returncode == 0 and "Chuyên mục 'hoat dong' được hiện là 'Hoạt động'" in check.stdout
    page = (build_ok(root) / "tin-tuc" / "bai" / "index.html").read_text(encoding="utf-8")
    assert "hoat dong" not in page


def test_a_raw_img_is_published_like_a_markdown_picture(tmp_path):
    body = 'Ảnh hội nghị:\n\n<img src="anh hoi nghi.jpg" alt="Hội nghị">\n\n<p>Xem <a href="b.md#muc">bài B</a>.</p>'
    root = make_site(
        tmp_path / "s",
        {
            "tin-tuc/a.md": news("Bài ảnh").replace("Nội dung.", body),
            "tin-tuc/b.md": news("Bài B", "2026-11-19 08:00").replace("Nội dung.", "## Mục\n\nChữ."),
            "tin-tuc/anh hoi nghi.jpg": phone_photo(900, 600),
        },
    )
    assert run_bantin(root, "check").returncode == 0
    site = build_ok(root)
    page = (site / "tin-tuc" / "bai-anh" / "index.html").read_text(encoding="utf-8")
    img = re.search(r'<img [^>]*alt="Hội nghị"[^>]*>', page).group()
    assert 'src="../anh%20hoi%20nghi-900w.webp"' in img and "srcset=" in img  # processed, as Markdown pictures are
    assert '<a href="../bai-b/#muc">bài B</a>' in page
    feed = feedparser.parse((site / "rss.xml").read_bytes())
    body = " ".join(part.value for part in next(e for e in feed.entries if e.title == "Bài ảnh").content)
    assert 'src="https://example.org/bantin/tin-tuc/anh%20hoi%20nghi.jpg"' in body, body
