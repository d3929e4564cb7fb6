"""The union's calendar: anniversary numbers, lunar dates, titles, the data file's checks, Roman
numerals and the keys an issue's ``anniversaries`` may name.

The numbers are docs/domain.md §3's table; the lunar dates its list of conversions (checked there
against the Vietnamese calendar, not a Chinese one). Everything here runs without MkDocs.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.content import lunar
from builder.content.calendar import Calendar, looks_like_key
from builder.content.dates import VIETNAM
from builder.content.model import BulletinIssue
from builder.content.occasions import CALENDAR_FILE, parse_calendar, read_calendar
from builder.content.reader import read_tree
from builder.content.roman import from_roman, to_roman
from builder.errors import ErrorList
from conftest import UNION

SHOWN = "content/_data/ngay-ky-niem.yml"


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    """The union's calendar (the frozen fixture site's content/_data)."""
    errors = ErrorList()
    result = read_calendar(UNION / "content", "content", errors)
    assert not errors, [e.format() for e in errors.errors]
    return result


def _in(calendar: Calendar, key: str, year: int):
    found = calendar.get(key).occurrences(year)
    assert len(found) <= 1, found
    return found[0] if found else None


# docs/domain.md §3: occasion, N in 2021, N in 2027 (None: not kept that year).
TABLE = [
    ("hai-ba-trung", 1981, 1987),
    ("thanh-lap-dang", 91, 97),
    ("quoc-te-phu-nu", 111, 117),
    ("sinh-nhat-bac-ho", 131, 137),
    ("gia-dinh-viet-nam", 20, 26),
    ("tai-lap-tinh", 32, None),  # the province was merged on 1/7/2025
    ("thuong-binh-liet-si", 74, 80),
    ("quoc-khanh", 76, 82),
    ("phu-nu-viet-nam", 91, 97),
]


@pytest.mark.parametrize("key, n2021, n2027", TABLE)
def test_anniversary_numbers_of_domain_table(calendar, key, n2021, n2027):
    assert _in(calendar, key, 2021).number == n2021
    occurrence = _in(calendar, key, 2027)
    assert (occurrence.number if occurrence else None) == n2027


def test_round_anniversaries_are_flagged(calendar):
    assert _in(calendar, "thuong-binh-liet-si", 2027).round == "tròn"
    assert _in(calendar, "thuong-binh-liet-si", 2027).round_label == "năm tròn (80 năm)"
    assert (
        _in(calendar, "phu-nu-viet-nam", 2030).number == 100 and _in(calendar, "phu-nu-viet-nam", 2030).round == "tròn"
    )
    assert _in(calendar, "quoc-te-phu-nu", 2025).round == "chẵn"  # 115
    assert _in(calendar, "hai-ba-trung", 2025).round == "chẵn"  # 1985
    assert _in(calendar, "quoc-te-phu-nu", 2021).round == "" and _in(calendar, "quoc-te-phu-nu", 2021).round_label == ""
    assert _in(calendar, "quoc-te-thieu-nhi", 2030).round == ""  # no base year, nothing to count


def test_titles(calendar):
    assert _in(calendar, "quoc-te-phu-nu", 2021).title == "Kỷ niệm 111 năm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2021)"
    assert _in(calendar, "phu-nu-viet-nam", 2021).title == (
        "Kỷ niệm 91 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam (20/10/1930 – 20/10/2021)"
    )
    assert (
        _in(calendar, "thuong-binh-liet-si", 2017).title
        == "Kỷ niệm 70 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2017)"
    )
    assert _in(calendar, "hai-ba-trung", 2021).title == "Kỷ niệm 1981 năm Khởi nghĩa Hai Bà Trưng (năm 40 – 2021)"
    assert _in(calendar, "gio-hai-ba-trung", 2021).title == "Lễ giỗ Hai Bà Trưng (mùng 6 tháng Hai âm lịch, 18/3/2021)"
    assert _in(calendar, "quoc-te-thieu-nhi", 2021).title == "Ngày Quốc tế Thiếu nhi (1/6/2021)"
    action = _in(calendar, "thang-hanh-dong-binh-dang-gioi", 2021)
    assert action.title == (
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới "
        "năm 2021 (15/11 – 15/12/2021)"
    )
    assert (action.start, action.end, action.date_label) == (
        date(2021, 11, 15),
        date(2021, 12, 15),
        "15/11 – 15/12/2021",
    )
    congress = _in(calendar, "dai-hoi-phu-nu-tinh-lan-thu-i", 2025)
    assert congress.title == "Đại hội đại biểu Phụ nữ tỉnh Quảng Trị lần thứ I, nhiệm kỳ 2025 - 2030"
    assert _in(calendar, "dai-hoi-phu-nu-tinh-lan-thu-i", 2026) is None  # held once: its number is data


def test_occasions_are_kept_only_in_their_years(calendar):
    assert _in(calendar, "tai-lap-tinh", 2024).number == 35 and _in(calendar, "tai-lap-tinh", 2025) is None
    assert _in(calendar, "thang-hanh-dong-binh-dang-gioi", 2015) is None  # first held in 2016
    assert _in(calendar, "thang-hanh-dong-binh-dang-gioi", 2016) is not None
    assert _in(calendar, "quoc-te-phu-nu", 1910) is None  # year 0 is the base, not an anniversary


# docs/domain.md §3 ("Lunar dates") and docs/pitfalls.md §7.1: (lunar day, month, year) → solar date.
LUNAR = [
    ((6, 1, 2021), date(2021, 2, 17)),
    ((6, 1, 2027), date(2027, 2, 11)),
    ((6, 1, 2028), date(2028, 1, 31)),
    ((6, 2, 2021), date(2021, 3, 18)),
    ((6, 2, 2027), date(2027, 3, 13)),
    ((10, 3, 2021), date(2021, 4, 21)),
    ((10, 3, 2027), date(2027, 4, 16)),
    ((1, 1, 2021), date(2021, 2, 12)),
    ((1, 1, 2027), date(2027, 2, 6)),
    ((1, 1, 1985), date(1985, 1, 21)),  # 20/2/1985 in the Chinese calendar (UTC+8)
    ((1, 1, 2007), date(2007, 2, 17)),  # 18/2/2007 in the Chinese calendar
]


@pytest.mark.parametrize("lunar_date, solar", LUNAR)
def test_lunar_dates_in_the_vietnamese_calendar(lunar_date, solar):
    assert lunar.to_solar(*lunar_date) == solar
    assert lunar.from_solar(solar) == (*lunar_date, False)


def test_hai_ba_trung_dates_through_the_calendar(calendar):
    assert _in(calendar, "hai-ba-trung", 2021).start == date(2021, 2, 17)
    assert _in(calendar, "hai-ba-trung", 2027).start == date(2027, 2, 11)
    assert _in(calendar, "gio-hai-ba-trung", 2021).start == date(2021, 3, 18)
    assert _in(calendar, "gio-hai-ba-trung", 2027).start == date(2027, 3, 13)
    assert _in(calendar, "hai-ba-trung", 2021).lunar_label == "mùng 6 tháng Giêng năm Tân Sửu"
    assert _in(calendar, "hai-ba-trung", 2027).lunar_label == "mùng 6 tháng Giêng năm Đinh Mùi"


def test_leap_months():
    """2023 (Quý Mão) repeats the second month: a yearly 6/2 is kept in the regular one."""
    assert [lunar.leap_month(y) for y in (2020, 2021, 2022, 2023, 2025, 2028)] == [4, None, None, 2, 6, 5]
    assert lunar.to_solar(6, 2, 2023) == date(2023, 2, 25)
    assert lunar.to_solar(6, 2, 2023, leap=True) == date(2023, 3, 27)
    assert lunar.from_solar(date(2023, 3, 27)) == (6, 2, 2023, True)
    assert lunar.day_label(6, 2, leap=True) == "mùng 6 tháng Hai nhuận"
    # No leap third month in 2023, and no leap month at all in 2021: lunar-vn alone would return
    # a date for the second case; the round trip refuses both.
    assert lunar.to_solar(6, 3, 2023, leap=True) is None
    assert lunar.to_solar(1, 1, 2021, leap=True) is None


def test_a_leap_year_keeps_the_occasion_in_the_regular_month(calendar):
    assert _in(calendar, "gio-hai-ba-trung", 2023).start == date(2023, 2, 25)
    assert [o.start for o in calendar.between(date(2023, 1, 1), date(2023, 12, 31)) if o.key == "gio-hai-ba-trung"] == [
        date(2023, 2, 25)
    ]


def test_day_30_of_a_29_day_month_falls_on_its_last_day():
    assert lunar.to_solar(30, 1, 2021) is None  # lunar-vn alone gives 13/3/2021, i.e. 1/2 âm lịch
    assert lunar.observed(30, 1, 2021) == lunar.to_solar(29, 1, 2021) == date(2021, 3, 12)
    assert lunar.observed(6, 1, 2021) == date(2021, 2, 17)


def test_lunar_years_outside_the_library_are_refused():
    with pytest.raises(ValueError):
        lunar.to_solar(6, 1, 2101)
    with pytest.raises(ValueError):
        lunar.to_solar(31, 1, 2021)


def test_the_issue_marks_the_nearest_occurrence(calendar):
    def year(key, day):
        return calendar.marked(key, day).year

    assert year("quoc-te-phu-nu", date(2021, 3, 5)) == 2021
    assert year("hai-ba-trung", date(2021, 3, 5)) == 2021
    assert year("hai-ba-trung", date(2028, 3, 5)) == 2028  # 6/1 âm lịch is 31/1/2028, five weeks earlier
    assert year("thanh-lap-dang", date(2021, 12, 28)) == 2022  # an issue at year end greets 3/2
    assert year("phu-nu-viet-nam", date(2021, 10, 25)) == 2021  # a report after the day
    assert calendar.marked("tai-lap-tinh", date(2027, 3, 5)) is None
    assert calendar.marked("khong-co", date(2027, 3, 5)) is None


def test_upcoming_includes_a_period_under_way(calendar):
    today = date(2026, 11, 20)
    found = calendar.upcoming(today, 30)
    assert [o.key for o in found] == ["thang-hanh-dong-binh-dang-gioi", "xoa-bo-bao-luc-voi-phu-nu"]
    assert found[0].when_label(today) == "đang diễn ra (đến 15/12/2026)"
    assert found[1].when_label(today) == "còn 5 ngày"
    assert found[1].when_label(date(2026, 11, 25)) == "hôm nay"
    assert calendar.upcoming(date(2026, 12, 16), 30) == []


def test_keys_and_free_text():
    assert looks_like_key("quoc-te-phu-nu") and looks_like_key("hai-ba-trung") and looks_like_key("dai-hoi-xv")
    for text in ("111 năm Ngày Quốc tế Phụ nữ", "Quoc-te-phu-nu", "quoc_te", "quốc-tế", "-a", "a--b", ""):
        assert not looks_like_key(text), text


# --- Roman numerals -------------------------------------------------------------------------------


def test_roman_numerals_known_values():
    pairs = {
        1: "I",
        4: "IV",
        9: "IX",
        13: "XIII",
        14: "XIV",
        15: "XV",
        40: "XL",
        90: "XC",
        400: "CD",
        1981: "MCMLXXXI",
        2025: "MMXXV",
        3999: "MMMCMXCIX",
    }
    for number, text in pairs.items():
        assert to_roman(number) == text and from_roman(text) == number
    assert from_roman(" xv ") == 15  # lower case, as in slugs ("lan-thu-xv")
    for bad in ("IIII", "VX", "IC", "XM", "", "MMMM", "15", "X V", None):
        with pytest.raises(ValueError):
            from_roman(bad)
    for bad in (0, -1, 4000, 1.5, True, "5"):
        with pytest.raises(ValueError):
            to_roman(bad)


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(number):
    text = to_roman(number)
    assert from_roman(text) == number and from_roman(text.lower()) == number
    assert set(text) <= set("IVXLCDM")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="IVXLCDMivxlcdm ", max_size=12))
def test_roman_reading_accepts_only_what_it_writes(text):
    try:
        number = from_roman(text)
    except ValueError:
        return
    assert to_roman(number) == text.strip().upper()


# --- the data file's checks -----------------------------------------------------------------------


def _errors(text: str) -> list[str]:
    errors = ErrorList()
    parse_calendar(text, SHOWN, errors)
    return [e.format() for e in sorted(errors.errors)]


GOOD = "occasions:\n  - key: quoc-te-phu-nu\n    name: Ngày Quốc tế Phụ nữ\n    kind: anniversary\n    date: 8/3\n    since: 1910\n"


def test_the_shipped_calendar_reads_without_errors(calendar):
    assert len(calendar.occasions) >= 12 and calendar.path == SHOWN
    assert _errors(GOOD) == []
    assert _errors("") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            GOOD.replace("since: 1910", "sinse: 1910"),
            [
                f"{SHOWN}:2: lỗi: Ngày kỷ niệm 'quoc-te-phu-nu' loại 'anniversary' (ngày kỷ niệm (đếm số năm)) thiếu 'since' (năm gốc). "
                "Cách sửa: Thêm dòng năm gốc, ví dụ: since: 1910 (số năm kỷ niệm = năm nay − năm gốc).",
                f"{SHOWN}:6:1: lỗi: Khóa 'sinse' không dùng được ở đây. Cách sửa: Có phải là 'since' (năm gốc)?",
            ],
        ),
        (
            GOOD.replace("8/3", "29/2"),
            [
                f"{SHOWN}:5:1: lỗi: Giá trị của 'date' (ngày dương lịch) '29/2' không có trong mọi năm. "
                "Cách sửa: Chọn ngày 28/2 hoặc 1/3 (ngày kỷ niệm lặp lại hằng năm)."
            ],
        ),
        (
            GOOD.replace("8/3", "8/13"),
            [
                f"{SHOWN}:5:1: lỗi: Giá trị của 'date' (ngày dương lịch) '8/13' không phải là ngày có thật. "
                "Cách sửa: Kiểm tra lại ngày và tháng (ngày trước, tháng sau: 8/3 là ngày 8 tháng 3)."
            ],
        ),
        (
            GOOD.replace("date: 8/3", "lunar: 6/13"),
            [
                f"{SHOWN}:5:1: lỗi: Giá trị của 'lunar' (ngày âm lịch) '6/13' không phải là ngày/tháng âm lịch. "
                "Cách sửa: Viết ngày/tháng âm lịch, ví dụ: 6/1 (mùng 6 tháng Giêng); ngày từ 1 đến 30, tháng từ 1 đến 12."
            ],
        ),
        (
            GOOD.replace("kind: anniversary", "kind: holiday"),
            [
                f"{SHOWN}:4:1: lỗi: Giá trị của 'kind' (loại) 'holiday' không phải là loại ngày kỷ niệm. Cách sửa: Chọn một trong: "
                "anniversary (ngày kỷ niệm (đếm số năm)); day (ngày lễ hằng năm); period (đợt, tháng hành động); congress (đại hội)."
            ],
        ),
        (
            GOOD.replace("key: quoc-te-phu-nu", "key: Quốc tế Phụ nữ"),
            [
                f"{SHOWN}:2:1: lỗi: Giá trị của 'key' (tên khóa) 'Quốc tế Phụ nữ' phải viết chữ thường không dấu, nối bằng dấu gạch ngang. "
                "Cách sửa: Ví dụ: key: quoc-te-phu-nu"
            ],
        ),
        (
            GOOD + GOOD.removeprefix("occasions:\n"),
            [
                f"{SHOWN}:7:1: lỗi: Tên khóa 'quoc-te-phu-nu' đã dùng ở dòng 2. Cách sửa: Mỗi ngày kỷ niệm cần một tên khóa riêng."
            ],
        ),
        (
            GOOD + "    together_with: quoc-te-phu-nux\n",
            [
                f"{SHOWN}:7:1: lỗi: 'together_with: quoc-te-phu-nux' không phải tên khóa của một ngày kỷ niệm khác trong tệp. "
                "Cách sửa: Có phải là 'quoc-te-phu-nu'?"
            ],
        ),
        (
            GOOD + "    lunar: 6/1\n",
            [
                f"{SHOWN}:7:1: lỗi: Ngày kỷ niệm 'quoc-te-phu-nu' có cả 'date' và 'lunar'. Cách sửa: Giữ một trong hai dòng."
            ],
        ),
        (
            GOOD + "    number: XV\n",
            [
                f"{SHOWN}:7:1: lỗi: Khóa 'number' (đại hội lần thứ) không dùng cho loại 'anniversary' (ngày kỷ niệm (đếm số năm)). "
                "Cách sửa: Xóa dòng này, hoặc sửa 'kind' cho đúng loại."
            ],
        ),
        (
            "occasions:\n  - key: dai-hoi\n    name: Đại hội\n    kind: congress\n    date: 6/12/2025\n    number: XIIII\n",
            [
                f"{SHOWN}:6:1: lỗi: Giá trị của 'number' (đại hội lần thứ) 'XIIII' không phải là số La Mã hoặc số nguyên dương. "
                "Cách sửa: Ghi số thứ tự đại hội như Hội đã công bố, ví dụ: number: XV (hoặc number: 15)."
            ],
        ),
        (
            "occasions:\n  - key: dai-hoi\n    name: Đại hội\n    kind: congress\n    date: 6/12\n    number: I\n",
            [
                f"{SHOWN}:5:1: lỗi: Đại hội ghi đủ ngày/tháng/năm; các loại khác chỉ ghi ngày/tháng (lặp lại hằng năm). "
                "Cách sửa: Ví dụ: date: 6/12/2025 cho đại hội, date: 8/3 cho ngày kỷ niệm."
            ],
        ),
        (
            "occasions:\n  - key: a\n    name: [x\n",
            [
                f"{SHOWN}:4:1: lỗi: Tệp viết sai cú pháp YAML (thiếu dấu ']' hoặc ',' trong danh sách). "
                "Cách sửa: Mỗi dòng có dạng 'khóa: giá trị'; mỗi ngày kỷ niệm bắt đầu bằng '- key:'."
            ],
        ),
        (
            GOOD + "    until: 1900\n",
            [f"{SHOWN}:7:1: lỗi: Năm cuối cùng (1900) ở trước năm gốc (1910). Cách sửa: Sửa lại 'since' hoặc 'until'."],
        ),
        (
            "- key: a\n",
            [
                f"{SHOWN}:1: lỗi: Tệp lịch phải bắt đầu bằng dòng 'occasions:' rồi đến danh sách các ngày kỷ niệm. "
                "Cách sửa: Xem mẫu ở đầu tệp, ví dụ:\noccasions:\n  - key: quoc-te-phu-nu\n    name: Ngày Quốc tế Phụ nữ\n"
                "    kind: anniversary\n    date: 8/3\n    since: 1910"
            ],
        ),
    ],
)
def test_data_file_problems_are_reported_at_their_line(text, expected):
    assert _errors(text) == expected


def test_congress_number_is_data_written_either_way():
    for number in ("XV", "xv", 15):
        text = f"occasions:\n  - key: dai-hoi\n    name: Đại hội\n    kind: congress\n    date: 2021-11-26\n    number: {number}\n    term: 2021-2026\n"
        errors = ErrorList()
        cal = parse_calendar(text, SHOWN, errors)
        assert not errors
        assert cal.get("dai-hoi").occurrences(2021)[0].title == "Đại hội lần thứ XV, nhiệm kỳ 2021 - 2026"


# --- anniversaries in an issue's front matter -----------------------------------------------------

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=VIETNAM)


def _issue(anniversaries: str) -> str:
    return (
        f'---\nnumber: 1\nlabel: "Số 8/3/2021"\ndate: 2021-03-05\nanniversaries:\n{anniversaries}---\n\nLời tòa soạn.\n'
    )


def _tree(tmp_path: Path, index: str, calendar_text: str | None = None):
    content = tmp_path / "content"
    (content / "ban-tin" / "so-1").mkdir(parents=True)
    (content / "ban-tin" / "so-1" / "index.md").write_text(index, encoding="utf-8")
    (content / "_data").mkdir()
    text = (
        calendar_text if calendar_text is not None else (UNION / "content" / CALENDAR_FILE).read_text(encoding="utf-8")
    )
    (content / CALENDAR_FILE).write_text(text, encoding="utf-8")
    library, errors = read_tree(content, now=NOW, shown_root="content")
    return library, [e.format() for e in sorted(errors.errors)]


def test_keys_become_titles_and_free_text_stays(tmp_path):
    library, errors = _tree(
        tmp_path, _issue('  - quoc-te-phu-nu\n  - "Kỷ niệm 50 năm thành lập Hội phụ nữ xã"\n  - hai-ba-trung\n')
    )
    assert errors == []
    issue = library.entries["ban-tin/so-1/index.md"]
    assert isinstance(issue, BulletinIssue)
    assert issue.anniversaries == (
        "Kỷ niệm 111 năm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2021)",
        "Kỷ niệm 50 năm thành lập Hội phụ nữ xã",
        "Kỷ niệm 1981 năm Khởi nghĩa Hai Bà Trưng (năm 40 – 2021)",
    )
    assert [o.key for o in issue.occurrences] == ["quoc-te-phu-nu", "hai-ba-trung"]
    assert library.issues_marking(issue.occurrences[0]) == [issue]


def test_an_unknown_key_is_an_error_at_its_line_with_a_suggestion(tmp_path):
    _, errors = _tree(tmp_path, _issue("  - quoc-te-phu-nu\n  - hai-ba-trungg\n"))
    assert errors == [
        "content/ban-tin/so-1/index.md:7:1: lỗi: Không có ngày kỷ niệm 'hai-ba-trungg' trong lịch content/_data/ngay-ky-niem.yml. "
        "Cách sửa: Có phải là 'hai-ba-trung' (Khởi nghĩa Hai Bà Trưng)? Ghi tên khóa (key) có trong lịch, hoặc ghi cả câu "
        'có dấu, ví dụ: "Kỷ niệm 50 năm thành lập Hội phụ nữ xã".'
    ]
    _, errors = _tree(
        tmp_path / "flow", _issue("").replace("anniversaries:\n", "anniversaries: [quoc-te-phu-nu, tet]\n")
    )
    assert errors == [
        "content/ban-tin/so-1/index.md:5:1: lỗi: Không có ngày kỷ niệm 'tet' trong lịch content/_data/ngay-ky-niem.yml. "
        'Cách sửa: Ghi tên khóa (key) có trong lịch, hoặc ghi cả câu có dấu, ví dụ: "Kỷ niệm 50 năm thành lập Hội phụ nữ xã".'
    ]


def test_a_key_with_no_occurrence_near_the_issue_is_an_error(tmp_path):
    index = _issue("  - tai-lap-tinh\n").replace("2021-03-05", "2027-03-05")
    _, errors = _tree(tmp_path, index)
    assert errors == [
        "content/ban-tin/so-1/index.md:6:1: lỗi: Ngày kỷ niệm 'tai-lap-tinh' không có dịp nào gần ngày phát hành 5/3/2027 "
        "của số này. Cách sửa: Kiểm tra ngày phát hành ('date') hoặc các năm ghi trong lịch content/_data/ngay-ky-niem.yml."
    ]


def test_a_broken_calendar_is_reported_with_the_content(tmp_path):
    _, errors = _tree(tmp_path, _issue("  - quoc-te-phu-nu\n"), GOOD.replace("8/3", "8/13"))
    assert errors[0].startswith("content/_data/ngay-ky-niem.yml:5:1: lỗi: Giá trị của 'date' (ngày dương lịch) '8/13'")
    # The occasion with the problem is left out, so the issue's key is reported too.
    assert errors[1].startswith("content/ban-tin/so-1/index.md:6:1: lỗi: Không có ngày kỷ niệm 'quoc-te-phu-nu'")


_LINES = [
    "occasions:",
    "  - key: quoc-te-phu-nu",
    "  - key: hai-ba-trung",
    "    name: Ngày Quốc tế Phụ nữ",
    "    kind: anniversary",
    "    kind: congress",
    "    kind: period",
    "    kind: day",
    "    date: 8/3",
    "    date: 31/2",
    "    date: 6/12/2025",
    "    lunar: 6/1",
    "    lunar: 30/12",
    "    end: 15/12",
    "    since: 1910",
    "    since: -5",
    "    until: 2024",
    "    number: XV",
    "    number: [",
    "    term: 2021-2026",
    "    together_with: hai-ba-trung",
    "    together_with: quoc-te-phu-nu",
    "  -",
    "\t",
    "    : x",
    "    date: !!int x",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_LINES), max_size=25).map("\n".join)))
def test_any_calendar_text_gives_errors_not_exceptions(text):
    errors = ErrorList()
    calendar = parse_calendar(text, SHOWN, errors)
    lines = max(1, len(text.split("\n")))
    assert all(e.path == SHOWN and 1 <= e.line <= lines + 1 for e in errors.errors)
    for occasion in calendar.occasions:  # what was accepted can be computed
        for year in (2023, 2025):
            for occurrence in occasion.occurrences(year):
                assert occurrence.title and occurrence.start <= occurrence.end
