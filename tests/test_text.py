"""Vietnamese text handling: slugs, text clean-up, the front matter reader on any input,
official and display dates, and the literal numbering of official documents.
"""

from __future__ import annotations

import re
import time
import unicodedata
from datetime import date, datetime, UTC
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.content import frontmatter
from builder.content.dates import display_date, official_date, official_date_line
from builder.content.document_types import Layout
from builder.content.numbering import literal_markdown
from builder.content.reader import parse
from builder.content.slugs import heading_anchor, slugify
from builder.content.text import normalise
from builder.errors import ErrorList

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- Slugs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Bình đẳng giới", "binh-dang-gioi"),
        ("Đại hội", "dai-hoi"),
        ("20/10", "20-10"),
        ("Số 8/3/2021", "so-8-3-2021"),
        ("\u00d0", "d"),  # Icelandic eth, emitted for Đ by some converters
        ("\u00f0ại hội", "dai-hoi"),
        ("KẾ HOẠCH", "ke-hoach"),
        ("Đồng Hới — Quảng Trị", "dong-hoi-quang-tri"),
        ("Đại hội lần thứ XIII", "dai-hoi-lan-thu-xiii"),
        ("!!!", ""),
    ],
)
def test_slugify_examples(text, slug):
    assert slugify(text) == slug


def test_heading_anchor_keeps_d_and_is_never_empty():
    assert heading_anchor("Đại hội đại biểu", "-") == "dai-hoi-dai-bieu"
    assert heading_anchor("!!!", "-") == "muc"


@PROPERTY
@given(st.text())
def test_slugify_output_is_ascii_words_joined_by_single_hyphens(text):
    slug = slugify(text)

    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug), slug
    assert slugify(slug) == slug


@PROPERTY
@given(st.text())
def test_slugify_is_the_same_for_nfc_and_nfd(text):
    assert slugify(unicodedata.normalize("NFC", text)) == slugify(unicodedata.normalize("NFD", text))


# --- Text clean-up --------------------------------------------------------------------------


def _c0_controls(text: str) -> list[str]:
    return [ch for ch in text if (ord(ch) < 0x20 and ch not in "\n\t") or ch == "\x7f"]


@PROPERTY
@given(st.text())
def test_normalise_is_idempotent_nfc_and_free_of_control_characters(text):
    clean = normalise(text)

    assert normalise(clean) == clean
    assert unicodedata.is_normalized("NFC", clean)
    assert _c0_controls(clean) == []


def test_normalise_examples():
    assert normalise("\ufeffA\r\nB\rC") == "A\nB\nC"
    assert normalise("Dòng một\x0bdòng hai\x00") == "Dòng một dòng hai"
    assert normalise(unicodedata.normalize("NFD", "Bình đẳng giới")) == "Bình đẳng giới"


# --- The front matter reader on any input ---------------------------------------------------

# U+000B, U+000C, U+0085, U+2028 and U+2029 are left out here: they shift line numbers, a known
# bug with its own tests (test_line_numbers_survive_unusual_line_breaks, test_reader.py).
_SHIFTING = "\x0b\x0c\x85\u2028\u2029"
_CHARS = st.characters(blacklist_characters=_SHIFTING, blacklist_categories=("Cs",))
_KEYS = [
    "title",
    "tittle",
    "date",
    "draft",
    "tags",
    "month",
    "year",
    "number",
    "label",
    "articles",
    "document_number",
    "signer",
    "issuer",
    "slug",
    "1",
]
_VALUES = [
    "2021-03-08",
    "8/3/2021",
    "2021-03-08 08:30",
    "2021-03-08T08:30:00+07:00",
    "true",
    "có",
    "13",
    "0",
    "-1",
    "[a, b]",
    "[[a]]",
    "{body: X}",
    "{title: A, name: B}",
    '"quoted: yes"',
    "'single'",
    '"unterminated',
    "[unclosed",
    "{unclosed",
    "null",
    "~",
    "206/KH - BTV",
    "KH206/BTV",
    "*alias",
    "&anchor v",
    "!tag v",
    "Hội nghị: tổng kết",
    "a # comment",
    "|",
    ">",
    "",
    "- x",
    "\t- y",
]
_VALUE = st.one_of(st.sampled_from(_VALUES), st.text(_CHARS, max_size=12))
_LINE = st.one_of(
    st.builds(
        lambda key, sep, value: key + sep + value,
        st.one_of(st.sampled_from(_KEYS), st.text(_CHARS, min_size=1, max_size=6)),
        st.sampled_from([": ", ":", " : ", ":\t", "\t: "]),
        _VALUE,
    ),
    st.builds(lambda indent, value: indent + value, st.sampled_from(["  - ", "\t- ", "- ", "    ", "  "]), _VALUE),
    st.sampled_from(["---", "", "#", "...", "? x", "|", "&a x", "*a", "'", '"', "---  ", "\r"]),
    st.text(_CHARS, max_size=15),
)
_FRONT_MATTER = st.builds(
    lambda lines, closed, body: "---\n" + "\n".join(lines) + ("\n---\n" + body if closed else ""),
    st.lists(_LINE, max_size=8),
    st.booleans(),
    st.text(_CHARS, max_size=10),
)
_ANY_FILE = st.one_of(st.text(_CHARS), _FRONT_MATTER)
_SOURCES = [
    "tin-tuc/a.md",
    "ban-tin/so-1/index.md",
    "ban-tin/so-1/a.md",
    "van-ban/a.md",
    "phu-nu-va-cuoc-song/a.md",
    "gioi-thieu.md",
    "tin-tuc/index.md",
]


def _line_count(text: str) -> int:
    """Lines as an editor counts them (LF, CRLF or CR)."""
    return len(re.split(r"\r\n|\r|\n", text))


@PROPERTY
@given(_ANY_FILE)
def test_split_never_raises_and_reports_lines_inside_the_file(text):
    errors = ErrorList()

    result = frontmatter.split(normalise(text), "x.md", errors)

    assert isinstance(result.data, dict)
    assert 1 <= result.body_line <= _line_count(text) + 1
    assert all(1 <= e.line <= _line_count(text) + 1 and e.col >= 0 for e in errors.errors), errors.errors


@PROPERTY
@given(_ANY_FILE, st.sampled_from(_SOURCES))
def test_parse_never_raises_and_reports_lines_inside_the_file(text, source):
    errors = ErrorList()

    parse(text, source, f"content/{source}", errors)

    assert all(e.path == f"content/{source}" for e in errors.errors)
    assert all(1 <= e.line <= _line_count(text) + 1 and e.col >= 0 for e in errors.errors), errors.errors


@pytest.mark.parametrize(
    "value",
    [
        "2021-02-30",  # an editor's slip: PyYAML's timestamp constructor raises ValueError
        "2021-13-01",
        "0000-01-01",
    ],
)
def test_parse_reports_values_yaml_cannot_construct(value):
    errors = ErrorList()

    parse(f'---\ntitle: "Hội nghị"\ndate: {value}\n---\n', "tin-tuc/a.md", "content/tin-tuc/a.md", errors)

    assert [(e.line, e.col) for e in errors.errors] == [(3, 1)]


def test_parse_reports_a_tag_yaml_cannot_construct():
    errors = ErrorList()

    parse(
        '---\ntitle: "Hội nghị"\ndate: 2021-03-08\nnumber: !!int mười\n---\n',
        "ban-tin/so-1/index.md",
        "content/ban-tin/so-1/index.md",
        errors,
    )

    assert errors


@pytest.mark.slow
def test_parse_survives_deeply_nested_yaml():
    errors = ErrorList()

    parse("---\ntags: " + "[" * 5000 + "\n---\n", "tin-tuc/a.md", "content/tin-tuc/a.md", errors)

    assert errors


@pytest.mark.parametrize("line_break", ["\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_line_numbers_survive_unusual_line_breaks(line_break):
    errors = ErrorList()

    parse(
        f'---\ndescription: "a{line_break}b"\ndraft: có\ntitle: "Hội nghị"\ndate: 2021-03-08\n---\n',
        "tin-tuc/a.md",
        "content/tin-tuc/a.md",
        errors,
    )

    assert [e.line for e in errors.errors] == [3]


# --- Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
        (date(2020, 8, 17), "ngày 17 tháng 8 năm 2020"),
        (date(2021, 2, 17), "ngày 17 tháng 02 năm 2021"),
        (date(2021, 12, 1), "ngày 01 tháng 12 năm 2021"),
        (date(2020, 7, 6), "ngày 06 tháng 7 năm 2020"),
        (date(2021, 11, 30), "ngày 30 tháng 11 năm 2021"),
    ],
)
def test_official_date_pads_days_1_to_9_and_months_1_and_2(day, text):
    assert official_date(day) == text


def test_official_date_line():
    assert official_date_line("Quảng Trị", date(2020, 8, 17)) == "Quảng Trị, ngày 17 tháng 8 năm 2020"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2021, 3, 8), "Thứ Hai, 08/3/2021"),
        (date(2021, 3, 7), "Chủ Nhật, 07/3/2021"),
        (date(2020, 10, 20), "Thứ Ba, 20/10/2020"),
        (datetime(2021, 3, 7, 20, 0, tzinfo=UTC), "Thứ Hai, 08/3/2021"),  # 03:00 on Monday in Vietnam
    ],
)
def test_display_date(day, text):
    assert display_date(day) == text


def test_display_date_without_weekday():
    assert display_date(date(2021, 3, 8), weekday=False) == "08/3/2021"


@pytest.fixture
def machine_in_new_york(monkeypatch):
    """The build machine's local zone is America/New_York (CI runners, editors abroad)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_display_of_an_aware_time_does_not_depend_on_the_machine_zone(machine_in_new_york):
    assert display_date(datetime(2021, 3, 7, 20, 0, tzinfo=UTC)) == "Thứ Hai, 08/3/2021"


def test_display_of_a_naive_time_means_vietnam_time(machine_in_new_york):
    assert display_date(datetime(2021, 3, 8, 20, 0)) == "Thứ Hai, 08/3/2021"


# --- Literal numbering of official documents ------------------------------------------------


class _Blocks(HTMLParser):
    """The elements of an HTML fragment in document order: (tag, class, text)."""

    def __init__(self):
        super().__init__()
        self.found: list[list] = []
        self.open: list[list] = []

    def handle_starttag(self, tag, attrs):
        element = [tag, dict(attrs).get("class", ""), "", dict(attrs)]
        self.found.append(element)
        self.open.append(element)

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for element in self.open:
            element[2] += data


def _elements(source: str) -> list[tuple[str, str, str]]:
    parser = _Blocks()
    parser.feed(markdown.markdown(source, extensions=["attr_list"]))
    return [(tag, cls, " ".join(text.split())) for tag, cls, text, _ in parser.found]


def _render(body: str, layout: Layout = Layout()) -> list[tuple[str, str, str]]:
    return _elements(literal_markdown(body, layout))


def test_arabic_number_stays_as_written_without_a_list():
    assert _render("4. Tổ chức tốt Đại hội đại biểu phụ nữ các cấp.\n") == [
        ("p", "lvl-1", "4. Tổ chức tốt Đại hội đại biểu phụ nữ các cấp.")
    ]


def test_dash_and_plus_items_are_separate_paragraphs_with_their_marks():
    assert _render("- Tổ chức tốt các hoạt động kỷ niệm.\n+ Tập huấn cán bộ Hội cơ sở.\n") == [
        ("p", "dash", "- Tổ chức tốt các hoạt động kỷ niệm."),
        ("p", "plus", "+ Tập huấn cán bộ Hội cơ sở."),
    ]


def test_decimal_number_keeps_its_text():
    assert _render("2.1. Chỉ đạo các cấp Hội.\n") == [("p", "lvl-11", "2.1. Chỉ đạo các cấp Hội.")]


def test_roman_part_is_a_level_two_heading():
    assert _render("I. MỤC ĐÍCH, YÊU CẦU.\n") == [("h2", "lvl-roman", "I. MỤC ĐÍCH, YÊU CẦU.")]


@pytest.mark.parametrize("letter", ["a", "b", "đ", "g"])
def test_point_letters(letter):
    assert _render(f"{letter}) Đối với cấp tỉnh\n") == [("p", "lvl-a", f"{letter}) Đối với cấp tỉnh")]


def test_f_is_not_a_vietnamese_point_letter():
    assert _render("f) Không phải điểm\n") == [("p", "", "f) Không phải điểm")]


def test_legal_basis_paragraph():
    assert _render("Căn cứ Kế hoạch số 868/KH-ĐCT ngày 06 tháng 7 năm 2020;\n") == [
        ("p", "basis", "Căn cứ Kế hoạch số 868/KH-ĐCT ngày 06 tháng 7 năm 2020;")
    ]


def test_a_document_keeps_its_whole_hierarchy():
    body = (
        "Căn cứ Kế hoạch số 868/KH-ĐCT;\n\nI. MỤC ĐÍCH, YÊU CẦU.\n\nNội dung chính:\n"
        "4. Tổ chức Đại hội.\n- Hoạt động một.\n+ Việc nhỏ.\n2.1. Chỉ đạo.\na) Cấp tỉnh\n"
    )

    assert _render(body) == [
        ("p", "basis", "Căn cứ Kế hoạch số 868/KH-ĐCT;"),
        ("h2", "lvl-roman", "I. MỤC ĐÍCH, YÊU CẦU."),
        ("p", "", "Nội dung chính:"),
        ("p", "lvl-1", "4. Tổ chức Đại hội."),
        ("p", "dash", "- Hoạt động một."),
        ("p", "plus", "+ Việc nhỏ."),
        ("p", "lvl-11", "2.1. Chỉ đạo."),
        ("p", "lvl-a", "a) Cấp tỉnh"),
    ]


def test_each_legal_basis_line_is_its_own_paragraph():
    assert _render("Căn cứ Điều lệ Hội LHPN Việt Nam;\nCăn cứ Kế hoạch số 868/KH-ĐCT.\n") == [
        ("p", "basis", "Căn cứ Điều lệ Hội LHPN Việt Nam;"),
        ("p", "basis", "Căn cứ Kế hoạch số 868/KH-ĐCT."),
    ]


def test_only_the_basis_opening_the_body_is_basis():
    """ "Căn cứ ..." lines are the basis where the body opens (after a Quyết định's deciding
    body; in italics already when imported from Word); "Căn cứ kế hoạch này, ..." in a later
    section is an instruction, set upright (it was italicised as basis)."""
    body = (
        "BAN THƯỜNG VỤ HỘI LHPN TỈNH\n\n*Căn cứ Điều lệ Hội;*\n\nThực hiện Kế hoạch số 40/KH-BTV;\n\n"
        "III. TỔ CHỨC THỰC HIỆN\n\nCăn cứ kế hoạch này, Hội LHPN các xã xây dựng kế hoạch.\n\n"
        "Thực hiện tốt chế độ báo cáo.\n"
    )

    assert _render(body, Layout(decision="QUYẾT ĐỊNH:")) == [
        ("p", "enactor", "BAN THƯỜNG VỤ HỘI LHPN TỈNH"),
        ("p", "basis", "Căn cứ Điều lệ Hội;"),
        ("em", "", "Căn cứ Điều lệ Hội;"),
        ("p", "basis", "Thực hiện Kế hoạch số 40/KH-BTV;"),
        ("h2", "lvl-roman", "III. TỔ CHỨC THỰC HIỆN"),
        ("p", "", "Căn cứ kế hoạch này, Hội LHPN các xã xây dựng kế hoạch."),
        ("p", "", "Thực hiện tốt chế độ báo cáo."),
    ]


def test_without_literal_numbering_markdown_renumbers_and_flattens():
    """docs/pitfalls.md §2.1: why numbering.py exists. Plain Python-Markdown turns "4." into a list that
    starts at 1 and swallows the "-" and "+" lines into it."""
    parser = _Blocks()
    parser.feed(markdown.markdown("4. Tổ chức tốt Đại hội.\n- Hoạt động một.\n+ Việc nhỏ.\n", extensions=["attr_list"]))

    lists = [element for element in parser.found if element[0] == "ol"]
    assert len(lists) == 1
    assert "start" not in lists[0][3]  # so the browser numbers it 1.
    assert [element[0] for element in parser.found] == ["ol", "li", "li", "li"]
    assert "4." not in lists[0][2] and "- " not in lists[0][2] and "+ " not in lists[0][2]
