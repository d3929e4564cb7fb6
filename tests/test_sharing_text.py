"""The words of sharing: labels, summaries, hashtags, shortening, Facebook and Zalo texts."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import given, strategies as st

from builder.content import sharing
from builder.content.dates import VIETNAM
from builder.content.library import Library
from builder.content.model import (
    BulletinIssue,
    ColumnEntry,
    IssueArticle,
    Issuer,
    NewsArticle,
    OfficialDocument,
    Signer,
)

DATE = datetime(2021, 4, 12, 8, 30, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Bình đẳng giới", "#BìnhĐẳngGiới"),
        ("5 không 3 sạch", "#5Không3Sạch"),
        ("HĐND", "#HĐND"),
        ("Đại hội", "#ĐạiHội"),
        ("Làng quê an toàn", "#LàngQuêAnToàn"),
        ("Phụ nữ khởi nghiệp", "#PhụNữKhởiNghiệp"),
        ("Ngày 8/3", "#Ngày83"),
        ("phòng, chống bạo lực gia đình", "#PhòngChốngBạoLựcGiaĐình"),
        ("2021", ""),  # digits only: Facebook would not link it
        ("   ", ""),
    ],
)
def test_hashtags_keep_vietnamese_letters(name, expected):
    assert sharing.hashtag(name) == expected
    assert sharing.hashtag(unicodedata.normalize("NFD", name)) == expected  # typed on a Mac


@pytest.mark.parametrize(
    "name, expected", [("Bình đẳng giới", "#BinhDangGioi"), ("Đại hội", "#DaiHoi"), ("5 không 3 sạch", "#5Khong3Sach")]
)
def test_ascii_hashtags(name, expected):
    assert sharing.hashtag(name, ascii=True) == expected


def test_hashtags_are_unique_and_limited():
    tags = ("Bình đẳng giới", "bình đẳng giới", "2021", "Vĩnh Linh", "Đại hội", "Gia đình")
    assert sharing.hashtags(tags, 3) == ["#BìnhĐẳngGiới", "#VĩnhLinh", "#ĐạiHội"]


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("Hội nghị thường niên phụ nữ ba tỉnh", 100, "Hội nghị thường niên phụ nữ ba tỉnh"),
        ("Hội nghị thường niên phụ nữ ba tỉnh", 20, "Hội nghị thường…"),
        ("Hội nghị, thường niên", 10, "Hội nghị…"),  # no comma before the ellipsis
        ("Khôngcókhoảngtrắngnào", 8, "Khôngcó…"),
        ("Một hai", 7, "Một hai"),
    ],
)
def test_shorten_on_word_boundary(text, limit, expected):
    assert sharing.shorten(text, limit) == expected


@given(st.text(alphabet="abc ăâđêôơư ", min_size=0, max_size=60), st.integers(min_value=1, max_value=40))
def test_shorten_never_exceeds_the_limit(text, limit):
    short = sharing.shorten(text, limit)
    assert len(short) <= max(limit, 1)
    if short.endswith("…"):
        assert " ".join(text.split()).startswith(short[:-1].rstrip(" ,;:–-—."))


def test_summary_falls_back_to_the_first_paragraph_without_markup():
    entry = NewsArticle(
        source="tin-tuc/a.md",
        title="A",
        slug="a",
        url="tin-tuc/a/",
        date=DATE,
        body="## Mở đầu\n\n![ảnh](a.jpg)\n\nSáng 10/4, **Hội LHPN** tỉnh [ra mắt](b.md) mô hình *mới*.\n\nĐoạn hai.",
    )
    assert sharing.summary(entry) == "Sáng 10/4, Hội LHPN tỉnh ra mắt mô hình mới."


def _document(**extra) -> OfficialDocument:
    return OfficialDocument(
        source="van-ban/kh.md",
        title="Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021",
        slug="kh",
        url="van-ban/kh/",
        date=DATE,
        document_type="Kế hoạch",
        document_number="206/KH-BTV",
        place="Quảng Trị",
        issuer=Issuer("", "BCH"),
        summary_line="Định hướng hoạt động năm 2021",
        signer=Signer((), "CHỦ TỊCH", "A"),
        **extra,
    )


def test_labels_of_each_content_type():
    issue = BulletinIssue(
        source="ban-tin/s/index.md",
        title="Bản tin",
        slug="s",
        url="ban-tin/s/",
        date=DATE,
        number=1,
        label="Số 8/3/2021",
        special=True,
    )
    article = IssueArticle(
        source="ban-tin/s/a.md", title="A", slug="a", url="ban-tin/s/a/", date=DATE, issue=issue.source
    )
    column = ColumnEntry(
        source="phu-nu-va-cuoc-song/a.md", title="A", slug="a", url="p/a/", date=DATE, month=6, year=2021
    )
    library = Library(entries={issue.source: issue, article.source: article})
    assert sharing.label(article, library) == "Bản tin Bình đẳng giới · Số 8/3/2021"
    assert sharing.label(issue, library) == "Bản tin Bình đẳng giới · Số đặc biệt"
    assert sharing.label(column, library) == "Phụ nữ và cuộc sống · Tháng 6/2021"
    assert sharing.label(_document(), library) == "Văn bản"


def test_facebook_message_of_a_document():
    document = _document(description="Kế hoạch của Ban Thường vụ.", tags=("Kế hoạch", "Bình đẳng giới"))
    assert sharing.facebook_message(document, "https://x.vn/van-ban/kh/", 280, 5) == (
        "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021\n\nKế hoạch của Ban Thường vụ.\n\n"
        "Xem toàn văn: https://x.vn/van-ban/kh/\n\n#KếHoạch #BìnhĐẳngGiới"
    )
    # Without a description the trích yếu stands in; a zero length drops the summary.
    assert "\n\nKế hoạch Định hướng hoạt động năm 2021\n\n" in sharing.facebook_message(_document(), "u", 280, 5)
    assert sharing.zalo_text(_document(), "https://x.vn/van-ban/kh/", 0) == (
        "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021\nXem toàn văn: https://x.vn/van-ban/kh/"
    )
