"""The content reader: files as editors' tools write them, typed values, what is published.

``parse`` is tested on text alone; ``read_tree`` on small content trees in ``tmp_path``
(no MkDocs, no build). Messages are compared whole, as editors read them.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from builder.content.assemble import Defaults
from builder.content.dates import VIETNAM
from builder.content.model import BulletinIssue, IssueArticle, Issuer, NewsArticle, OfficialDocument, Signer
from builder.content.reader import parse, read_tree
from builder.content.slugs import slugify
from builder.errors import ContentErrors, ErrorList

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VIETNAM)
SEVEN_HOURS = timedelta(hours=7)
ISSUER = Issuer("HỘI LHPN VIỆT NAM", "BCH HỘI LHPN TỈNH QUẢNG TRỊ")
DEFAULTS = Defaults(issuer=ISSUER, place="Quảng Trị")


def _parse(text: str, source: str = "tin-tuc/a.md"):
    errors = ErrorList()
    item = parse(text, source, f"content/{source}", errors)
    return item, [error.format() for error in errors.errors]


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    content = root / "content"
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return content


def _tree(root: Path, files: dict[str, str | bytes], now: datetime | None = NOW, defaults: Defaults = DEFAULTS):
    library, errors = read_tree(_write(root, files), defaults, now, shown_root="content")
    return library, [error.format() for error in sorted(errors.errors)]


def _news(title: str, date: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\n{extra}---\n\nNội dung.\n'


def _document(number: str = "206/KH-BTV", date: str = "2020-08-17", extra: str = "") -> str:
    return (
        f'---\ndocument_type: Kế hoạch\ndocument_number: "{number}"\ndate: {date}\n'
        f"summary_line: Định hướng hoạt động năm 2021\n{extra}"
        "signer:\n  authority: TM. BAN THƯỜNG VỤ\n  title: CHỦ TỊCH\n  name: Đỗ Thị Lý\n"
        "---\n\nI. MỤC ĐÍCH, YÊU CẦU.\n"
    )


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


# --- Files as Word, macOS and Windows tools write them -------------------------------------


def test_utf8_byte_order_mark_is_ignored():
    item, errors = _parse('\ufeff---\ntitle: "Hội nghị tổng kết"\ndate: 2021-03-08\n---\n\nNội dung.\n')

    assert errors == []
    assert item.values["title"] == "Hội nghị tổng kết"
    assert item.front.body == "\nNội dung.\n"


def test_crlf_line_ends_are_read_as_lf():
    item, errors = _parse('---\r\ntitle: "Hội nghị"\r\ndate: 2021-03-08\r\n---\r\nDòng một\r\ndòng hai\r\n')

    assert errors == []
    assert item.values["title"] == "Hội nghị"
    assert item.front.body == "Dòng một\ndòng hai\n"
    assert item.front.body_line == 5


def test_bom_in_a_file_on_disk_is_ignored(tmp_path):
    library, errors = _tree(tmp_path, {"tin-tuc/a.md": b"\xef\xbb\xbf" + _news("Hội nghị", "2021-03-08").encode()})

    assert errors == []
    assert library.entries["tin-tuc/a.md"].title == "Hội nghị"


def test_tabs_in_front_matter_indentation_are_accepted():
    item, errors = _parse('---\ntitle: "Hội nghị"\ndate: 2021-03-08\ntags:\n\t- Đại hội\n\t- Bình đẳng giới\n---\n')

    assert errors == []
    assert item.values["tags"] == ("Đại hội", "Bình đẳng giới")


def test_nfd_title_and_body_are_read_as_nfc():
    title = "Bình đẳng giới bắt đầu từ mỗi gia đình"
    nfd = unicodedata.normalize("NFD", _news(title, "2021-03-08") + "Phụ nữ Quảng Trị.\n")
    assert nfd != unicodedata.normalize("NFC", nfd)

    item, errors = _parse(nfd)

    assert errors == []
    assert item.values["title"] == title
    assert "Phụ nữ Quảng Trị." in item.front.body
    assert unicodedata.is_normalized("NFC", item.front.body)


def test_nfd_file_name_and_title_give_the_nfc_source_and_slug(tmp_path):
    title = "Đại hội đại biểu Phụ nữ tỉnh lần thứ XV"
    name = unicodedata.normalize("NFD", "tin-tuc/đại-hội-phụ-nữ.md")
    page = unicodedata.normalize("NFD", "giới-thiệu.md")

    library, errors = _tree(
        tmp_path,
        {
            name: unicodedata.normalize("NFD", _news(title, "2021-03-08")),
            page: '---\ntitle: "Giới thiệu"\n---\n\nHội LHPN tỉnh.\n',
        },
    )

    assert errors == []
    news = library.entries["tin-tuc/đại-hội-phụ-nữ.md"]
    assert news.title == title
    assert news.slug == slugify(title) == "dai-hoi-dai-bieu-phu-nu-tinh-lan-thu-xv"
    assert news.url == "tin-tuc/dai-hoi-dai-bieu-phu-nu-tinh-lan-thu-xv/"
    assert library.entries["giới-thiệu.md"].url == "gioi-thieu/"


def test_page_slug_is_the_ascii_last_url_segment(tmp_path):
    library, _ = _tree(tmp_path, {"giới-thiệu.md": '---\ntitle: "Giới thiệu"\n---\n'})

    page = library.entries["giới-thiệu.md"]
    assert page.slug == "gioi-thieu" == page.url.rstrip("/").split("/")[-1]


def test_word_vertical_tab_in_a_quoted_title_leaves_no_control_character():
    item, errors = _parse('---\ntitle: "Hội nghị\x0btổng kết"\ndate: 2021-03-08\n---\n\nDòng một\x0bdòng hai\x00.\n')

    assert errors == []
    assert item.values["title"] == "Hội nghị tổng kết"
    assert not _has_control(item.values["title"])
    assert item.front.body == "\nDòng một dòng hai.\n"  # a Shift+Enter break reads as a space, as Markdown would


def test_word_vertical_tab_in_an_unquoted_title_is_not_an_error():
    item, errors = _parse("---\ntitle: Hội nghị\x0btổng kết\ndate: 2021-03-08\n---\n")

    assert errors == []
    assert not _has_control(item.values["title"])
    assert item.values["title"].replace("\n", " ") == "Hội nghị tổng kết"


def test_line_numbers_count_the_lines_of_the_file_as_written():
    _, errors = _parse('---\ntitle: "Hội nghị\x0btổng kết"\ndate: 2021-03-08\ndraft: có\n---\n')

    assert errors == [
        "content/tin-tuc/a.md:4:1: lỗi: Giá trị của 'draft' (bản nháp) 'có' không phải là true "
        "hoặc false. Cách sửa: Viết true (có) hoặc false (không)."
    ]


def test_a_number_used_as_key_is_reported_at_its_line():
    _, errors = _parse('---\ntitle: "Hội nghị"\ndate: 2021-03-08\n1: một\n---\n')

    assert len(errors) == 1
    assert errors[0].startswith("content/tin-tuc/a.md:4:1: lỗi: Khóa '1' không dùng được ở đây.")


# --- Document numbers (số, ký hiệu) --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("206/KH-BTV", "206/KH-BTV"),
        ("206/KH - BTV", "206/KH-BTV"),
        ("5/KH-BTV", "05/KH-BTV"),
        ("Số: 206/KH-BTV", "206/KH-BTV"),
        ("868/KH-ĐCT", "868/KH-ĐCT"),
    ],
)
def test_document_number_is_normalised(written, normalised):
    item, errors = _parse(_document(written), "van-ban/ke-hoach.md")

    assert errors == []
    assert item.values["document_number"] == normalised


@pytest.mark.parametrize("written", ["206/KH BTV", "KH206/BTV", "206-KH-BTV"])
def test_document_number_outside_the_decree_pattern_is_an_error(written):
    _, errors = _parse(_document(written), "van-ban/ke-hoach.md")

    assert errors == [
        f"content/van-ban/ke-hoach.md:3:1: lỗi: Giá trị của 'document_number' (số, ký hiệu) "
        f"'{written}' không đúng mẫu của Nghị định 30/2020/NĐ-CP. "
        "Cách sửa: Viết theo dạng số/LOẠI-CƠQUAN, ví dụ: 206/KH-BTV."
    ]


# --- Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["2021-03-08", "2021-03-08 08:30", '"2021-03-08T08:30:00"'])
def test_date_without_offset_is_vietnam_time(written):
    item, errors = _parse(_news("Hội nghị", written))

    assert errors == []
    assert item.values["date"].utcoffset() == SEVEN_HOURS
    assert item.values["date"].date().isoformat() == "2021-03-08"


@pytest.mark.parametrize(
    ("written", "offset"),
    [("2021-03-08T08:30:00+00:00", timedelta(0)), ('"2021-03-08T08:30+09:00"', timedelta(hours=9))],
)
def test_date_with_an_explicit_offset_keeps_it(written, offset):
    item, errors = _parse(_news("Hội nghị", written))

    assert errors == []
    assert item.values["date"].utcoffset() == offset
    assert (item.values["date"].hour, item.values["date"].minute) == (8, 30)


# --- Bulletin issues ------------------------------------------------------------------------


def _issue(articles: list[str], extra: str = "", date: str = "2021-03-05") -> str:
    listed = "".join(f"  - {name}\n" for name in articles)
    return f'---\nnumber: 1\nlabel: "Số 8/3/2021"\ndate: {date}\n{extra}articles:\n{listed}---\n\nLời tòa soạn.\n'


def _article(title: str) -> str:
    return f'---\ntitle: "{title}"\n---\n\nNội dung.\n'


def test_issue_article_takes_the_issue_date_and_its_place_in_the_list(tmp_path):
    library, errors = _tree(
        tmp_path,
        {
            "ban-tin/so-8-3/index.md": _issue(["c.md", "a.md", "b.md"]),
            "ban-tin/so-8-3/a.md": _article("Bài A"),
            "ban-tin/so-8-3/b.md": _article("Bài B"),
            "ban-tin/so-8-3/c.md": _article("Bài C"),
        },
    )

    assert errors == []
    issue = library.entries["ban-tin/so-8-3/index.md"]
    assert isinstance(issue, BulletinIssue)
    assert issue.title == "Bản tin Bình đẳng giới, Số 8/3/2021"
    articles = library.issue_articles(issue)
    assert [a.source for a in articles] == ["ban-tin/so-8-3/c.md", "ban-tin/so-8-3/a.md", "ban-tin/so-8-3/b.md"]
    assert [a.position for a in articles] == [1, 2, 3]
    assert all(isinstance(a, IssueArticle) and a.date == issue.date for a in articles)
    assert issue.date == datetime(2021, 3, 5, tzinfo=VIETNAM)
    assert articles[0].url == "ban-tin/so-8-3/bai-c/"


def test_articles_of_a_draft_issue_are_not_published(tmp_path):
    library, errors = _tree(
        tmp_path,
        {
            "ban-tin/so-1/index.md": _issue(["a.md"], extra="draft: true\n"),
            "ban-tin/so-1/a.md": _article("Bài A"),
        },
    )

    assert errors == []
    assert library.published() == []
    assert len(library.entries) == 2


def test_articles_of_a_future_issue_are_not_published(tmp_path):
    library, errors = _tree(
        tmp_path,
        {
            "ban-tin/so-1/index.md": _issue(["a.md"], date="2027-03-05"),
            "ban-tin/so-1/a.md": _article("Bài A"),
        },
    )

    assert errors == []
    assert library.published() == []


def test_articles_of_a_draft_issue_are_not_published_without_a_clock(tmp_path):
    library, _ = _tree(
        tmp_path,
        {
            "ban-tin/so-1/index.md": _issue(["a.md"], extra="draft: true\n"),
            "ban-tin/so-1/a.md": _article("Bài A"),
        },
        now=None,
    )

    assert library.published() == []


# --- What is published, and in which order --------------------------------------------------


def test_drafts_and_future_entries_are_not_published(tmp_path):
    library, errors = _tree(
        tmp_path,
        {
            "tin-tuc/cu.md": _news("Tin cũ", "2021-03-08"),
            "tin-tuc/nhap.md": _news("Bản nháp", "2021-03-09", extra="draft: true\n"),
            "tin-tuc/hen-gio.md": _news("Hẹn giờ", "2026-11-29 12:01"),
            "tin-tuc/dung-gio.md": _news("Đúng giờ", "2026-11-29 12:00"),
        },
    )

    assert errors == []
    assert len(library.entries) == 4
    assert [e.source for e in library.published("news")] == ["tin-tuc/dung-gio.md", "tin-tuc/cu.md"]


def test_published_is_newest_first_with_ties_broken_by_source(tmp_path):
    library, errors = _tree(
        tmp_path,
        {
            "tin-tuc/b.md": _news("Tin B", "2021-03-08 08:00"),
            "tin-tuc/a.md": _news("Tin A", "2021-03-08 08:00"),
            "tin-tuc/c.md": _news("Tin C", "2021-03-08T01:00:00+00:00"),  # 08:00 in Vietnam too
            "tin-tuc/moi.md": _news("Tin mới", "2021-04-01"),
            "tin-tuc/cu.md": _news("Tin cũ", "2020-12-31"),
        },
    )

    assert errors == []
    assert [e.source for e in library.published()] == [
        "tin-tuc/moi.md",
        "tin-tuc/a.md",
        "tin-tuc/b.md",
        "tin-tuc/c.md",
        "tin-tuc/cu.md",
    ]
    assert all(isinstance(e, NewsArticle) for e in library.published())


# --- Official documents ---------------------------------------------------------------------


def test_document_takes_issuer_place_and_motto_from_defaults(tmp_path):
    defaults = Defaults(issuer=ISSUER, place="Quảng Trị", motto=False)

    library, errors = _tree(tmp_path, {"van-ban/ke-hoach.md": _document("206/KH - BTV")}, defaults=defaults)

    assert errors == []
    doc = library.entries["van-ban/ke-hoach.md"]
    assert isinstance(doc, OfficialDocument)
    assert (doc.issuer, doc.place, doc.motto) == (ISSUER, "Quảng Trị", False)
    assert doc.signer == Signer(("TM. BAN THƯỜNG VỤ",), "CHỦ TỊCH", "Đỗ Thị Lý")
    assert doc.title == "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021"
    assert doc.url == "van-ban/ke-hoach-206-kh-btv-2020/"


def test_document_front_matter_overrides_defaults(tmp_path):
    extra = "place: Đông Hà\nissuer:\n  parent: HỘI LHPN TỈNH QUẢNG TRỊ\n  body: BCH HỘI LHPN THÀNH PHỐ ĐÔNG HÀ\n"

    library, errors = _tree(tmp_path, {"van-ban/ke-hoach.md": _document(extra=extra)})

    assert errors == []
    doc = library.entries["van-ban/ke-hoach.md"]
    assert (doc.issuer, doc.place) == (Issuer("HỘI LHPN TỈNH QUẢNG TRỊ", "BCH HỘI LHPN THÀNH PHỐ ĐÔNG HÀ"), "Đông Hà")


def test_document_without_issuer_anywhere_is_an_error(tmp_path):
    _, errors = _tree(tmp_path, {"van-ban/ke-hoach.md": _document()}, defaults=Defaults(place="Quảng Trị"))

    assert errors == [
        "content/van-ban/ke-hoach.md:1: lỗi: Thiếu 'issuer' (cơ quan ban hành), và cấu hình trang "
        "chưa có cơ quan ban hành mặc định. Cách sửa: Thêm dòng: issuer: {parent: HỘI LHPN VIỆT NAM, "
        "body: BAN THƯỜNG VỤ HỘI LHPN TỈNH}"
    ]


def test_same_document_number_in_one_year_is_an_error_naming_both_files(tmp_path):
    # Distinct slugs, so that the URL check does not hide the number check (see test_invalid).
    _, errors = _tree(
        tmp_path,
        {
            "van-ban/a.md": _document("206/KH-BTV", "2020-08-17", extra="slug: ke-hoach-a\n"),
            "van-ban/b.md": _document("206/KH - BTV", "2020-10-01", extra="slug: ke-hoach-b\n"),
        },
    )

    assert errors == [
        "content/van-ban/b.md:3: lỗi: Số, ký hiệu 206/KH-BTV năm 2020 đã dùng cho văn bản "
        "'content/van-ban/a.md'. Cách sửa: Mỗi cơ quan đánh số văn bản liên tục trong một năm: "
        "kiểm tra lại số văn bản."
    ]


def test_same_document_number_in_another_year_is_fine(tmp_path):
    library, errors = _tree(
        tmp_path,
        {
            "van-ban/a.md": _document("206/KH-BTV", "2020-08-17"),
            "van-ban/b.md": _document("206/KH-BTV", "2021-08-17"),
        },
    )

    assert errors == []
    assert [e.url for e in library.published("document")] == [
        "van-ban/ke-hoach-206-kh-btv-2021/",
        "van-ban/ke-hoach-206-kh-btv-2020/",
    ]


# --- Every problem at once ------------------------------------------------------------------


def test_every_broken_file_is_reported_at_once_sorted_by_file(tmp_path):
    # The issue's error is found last (across files), yet it is printed first.
    content = _write(
        tmp_path,
        {
            "tin-tuc/b.md": '---\ntitle: "Tin B"\ndate: 8/3/2021\n---\n',
            "tin-tuc/a.md": '---\ntitle: "Tin A"\ndate: 2021-03-08\ndraft: có\n---\n',
            "tin-tuc/c.md": _news("Tin C", "2021-03-08"),
            "ban-tin/so-1/index.md": _issue(["a.md", "khong-co.md"]),
            "ban-tin/so-1/a.md": _article("Bài A"),
        },
    )

    library, errors = read_tree(content, DEFAULTS, NOW, shown_root="content")

    assert ContentErrors(errors.errors).report().splitlines() == [
        "content/ban-tin/so-1/index.md:7: lỗi: Danh sách bài 'articles' có 'khong-co.md' nhưng thư mục "
        "ban-tin/so-1/ không có bài này. Cách sửa: Sửa tên tệp trong danh sách cho đúng, hoặc xóa dòng đó.",
        "content/tin-tuc/a.md:4:1: lỗi: Giá trị của 'draft' (bản nháp) 'có' không phải là true hoặc false. "
        "Cách sửa: Viết true (có) hoặc false (không).",
        "content/tin-tuc/b.md:3:1: lỗi: Giá trị của 'date' (ngày) '8/3/2021' không phải là ngày hợp lệ. "
        "Cách sửa: Viết theo dạng năm-tháng-ngày, ví dụ: 2021-03-08 hoặc 2021-03-08 08:30.",
        "Có 3 lỗi trong 3 tệp. Chưa xuất bản gì: thư mục site/ giữ nguyên.",
    ]
    assert "tin-tuc/c.md" in library.entries


def test_page_with_the_url_of_a_generated_listing_is_an_error(tmp_path):
    _, errors = _tree(
        tmp_path,
        {
            "tin-tuc.md": '---\ntitle: "Tin tức của tôi"\n---\n\nNội dung.\n',
            "tin-tuc/a.md": _news("Tin A", "2021-03-08"),
        },
    )

    assert len(errors) == 1
    assert errors[0].startswith("content/tin-tuc.md:1")
