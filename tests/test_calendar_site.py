"""The calendar as readers and editors meet it: computed titles on the built issue page and in
its feed entry, the home page's box of coming occasions, the data file kept out of site/, and
the ``bantin calendar`` command. Real builds and the real command (conftest helpers)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from conftest import MKDOCS_YML, THEME, UNION, build_ok, copy_fixture, make_site, run_bantin
from test_site import ISSUE, page

TITLES = [
    "Kỷ niệm 111 năm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2021)",
    "Kỷ niệm 1981 năm Khởi nghĩa Hai Bà Trưng (năm 40 – 2021)",
]
"""What the 8/3/2021 issue's ``anniversaries: [quoc-te-phu-nu, hai-ba-trung]`` must show."""

CALENDAR = (UNION / "content" / "_data" / "ngay-ky-niem.yml").read_text(encoding="utf-8")


def _box(site) -> list[tuple[str, str]]:
    """(title, date line) of each occasion in the home page's box."""
    home = page(site, "index.html")
    titles = [" ".join(e["text"].split()) for e in home.find("p", "bt-occasion__title")]
    whens = [" ".join(e["text"].split()) for e in home.find("p", "bt-occasion__when")]
    return list(zip(titles, whens))


def test_issue_page_shows_the_computed_titles(real_site):
    issue = page(real_site, ISSUE)
    box = [e for e in issue.find("section", "bt-issue__anniversaries")]
    assert len(box) == 1
    items = [" ".join(li["text"].split()) for li in issue.find("li") if li["text"].startswith("Kỷ niệm")]
    assert items == TITLES
    listing = page(real_site, "ban-tin/index.html").text_of("bt-card__summary")
    assert listing == "Chào mừng: " + "; ".join(TITLES)


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_issue_feed_entry_carries_the_titles(real_site, name):
    for folder in ("ban-tin/", ""):
        parsed = feedparser.parse((real_site / folder / name).read_bytes())
        entry = next(e for e in parsed.entries if e.link.endswith("/ban-tin/so-8-3-2021/"))
        html = entry.content[0].value
        assert all(f"<li>{title}</li>" in html for title in TITLES), html[:500]
        assert html.index(TITLES[0]) < html.index("Tháng Ba về")  # before the editorial


def test_the_data_file_is_not_published(real_site):
    assert not (real_site / "_data").exists()
    assert not list(real_site.rglob("*.yml"))
    assert "_data" not in (real_site / "sitemap.xml").read_text(encoding="utf-8")


def test_home_box_on_the_real_site_shows_the_period_under_way(real_site):
    """The real site is built on 29/11/2026 (conftest.NOW): the action month runs to 15/12."""
    assert _box(real_site) == [
        (
            "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới năm 2026 (15/11 – 15/12/2026)",
            "Chủ Nhật, 15/11/2026 · đang diễn ra (đến 15/12/2026)",
        )
    ]


NEWS = {"tin-tuc/a.md": "---\ntitle: Bài A\ndate: 2027-07-01\n---\nNội dung.\n", "_data/ngay-ky-niem.yml": CALENDAR}


def test_home_box_shows_the_next_occasion_of_the_window(tmp_path):
    site = build_ok(make_site(tmp_path, NEWS), now="2027-07-20T09:00")
    box = _box(site)
    assert box == [
        ("Kỷ niệm 80 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2027) Năm tròn", "Thứ Ba, 27/7/2027 · còn 7 ngày")
    ]
    home = page(site, "index.html")
    assert home.find("time") and home.find("time")[0]["attrs"]["datetime"] == "2027-07-27"
    assert [h["text"] for h in home.find("h2") if h["attrs"].get("id") == "bt-sk"] == ["Sắp đến ngày kỷ niệm"]


def test_home_box_window_is_configurable(tmp_path):
    config = MKDOCS_YML.format(theme=THEME) + "      calendar_window_days: 3\n"
    site = build_ok(make_site(tmp_path / "narrow", NEWS, config=config), now="2027-07-20T09:00")
    assert _box(site) == [] and not page(site, "index.html").find("section", "bt-home__occasions")
    config = MKDOCS_YML.format(theme=THEME) + "      calendar_window_days: 60\n"
    site = build_ok(make_site(tmp_path / "wide", NEWS, config=config), now="2027-07-20T09:00")
    assert [when.split(" · ")[0] for _, when in _box(site)] == ["Thứ Ba, 27/7/2027", "Thứ Năm, 02/9/2027"]


# --- bantin calendar --------------------------------------------------------------------------------

# Every occasion of 2027 in the shipped calendar: its date line and its title (docs/domain.md §3).
YEAR_2027 = [
    ("Thứ Tư, 03/2/2027", "Kỷ niệm 97 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2027)"),
    (
        "Thứ Năm, 11/2/2027 · âm lịch: mùng 6 tháng Giêng năm Đinh Mùi",
        "Kỷ niệm 1987 năm Khởi nghĩa Hai Bà Trưng (năm 40 – 2027)",
    ),
    ("Thứ Hai, 08/3/2027", "Kỷ niệm 117 năm Ngày Quốc tế Phụ nữ (8/3/1910 – 8/3/2027)"),
    (
        "Thứ Bảy, 13/3/2027 · âm lịch: mùng 6 tháng Hai năm Đinh Mùi",
        "Lễ giỗ Hai Bà Trưng (mùng 6 tháng Hai âm lịch, 13/3/2027)",
    ),
    ("Thứ Tư, 19/5/2027", "Kỷ niệm 137 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2027)"),
    ("Thứ Ba, 01/6/2027", "Ngày Quốc tế Thiếu nhi (1/6/2027)"),
    ("Thứ Hai, 28/6/2027", "Kỷ niệm 26 năm Ngày Gia đình Việt Nam (28/6/2001 – 28/6/2027)"),
    ("Thứ Ba, 27/7/2027 · NĂM TRÒN (80 năm)", "Kỷ niệm 80 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2027)"),
    ("Thứ Năm, 02/9/2027", "Kỷ niệm 82 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (2/9/1945 – 2/9/2027)"),
    ("Thứ Tư, 20/10/2027", "Kỷ niệm 97 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam (20/10/1930 – 20/10/2027)"),
    (
        "Thứ Hai, 15/11/2027 – Thứ Tư, 15/12/2027",
        "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực "
        "trên cơ sở giới năm 2027 (15/11 – 15/12/2027)",
    ),
    ("Thứ Năm, 25/11/2027", "Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ (25/11/2027)"),
]


def _blocks(stdout: str) -> list[list[str]]:
    return [block.splitlines() for block in stdout.strip().split("\n\n")]


@pytest.fixture(scope="module")
def union(tmp_path_factory) -> Path:
    """A copy of the union's site (the frozen fixture): its calendar and its 8/3/2021 issue."""
    return copy_fixture("union", tmp_path_factory.mktemp("union"))


def test_calendar_prints_the_year_with_dates_titles_and_suggestions(union):
    result = run_bantin(union, "calendar", "--year", "2027")  # reads content/, writes nothing
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert blocks[0] == ["Các dịp kỷ niệm từ 1/1/2027 đến 31/12/2027 (theo lịch content/_data/ngay-ky-niem.yml):"]
    assert [(b[0], b[1].strip()) for b in blocks[1:-1]] == YEAR_2027
    assert all(b[2].startswith("  Gợi ý: ") for b in blocks[1:-1])
    suggestions = {b[1].strip(): b[2].removeprefix("  Gợi ý: ") for b in blocks[1:-1]}
    assert suggestions[YEAR_2027[1][1]] == "nhắc cùng số bản tin chào mừng Ngày Quốc tế Phụ nữ (8/3/2027)."
    assert suggestions[YEAR_2027[7][1]] == "năm tròn: nên có số bản tin đặc biệt chào mừng, phát hành trước 27/7/2027."
    assert blocks[-1] == ["Tổng cộng 12 dịp, trong đó 1 dịp kỷ niệm năm tròn hoặc năm chẵn."]


def test_calendar_from_today_names_the_issue_that_marks_an_occasion(union):
    result = run_bantin(union, "calendar", "--days", "40", now="2021-02-01T08:00")
    assert result.returncode == 0, result.stderr
    blocks = _blocks(result.stdout)
    assert blocks[0] == ["Các dịp kỷ niệm từ 1/2/2021 đến 12/3/2021 (theo lịch content/_data/ngay-ky-niem.yml):"]
    by_title = {b[1].strip(): b[2].removeprefix("  Gợi ý: ") for b in blocks[1:-1]}
    assert by_title == {
        "Kỷ niệm 91 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2021)": "nên có số bản tin chào mừng (hoặc nhắc trong số gần nhất), phát hành trước 3/2/2021.",
        TITLES[1]: "đã có trong Số 8/3/2021 (phát hành 5/3/2021, hẹn giờ đăng).",
        TITLES[0]: "đã có trong Số 8/3/2021 (phát hành 5/3/2021, hẹn giờ đăng).",
    }


def test_calendar_suggests_the_latest_issue_before_an_occasion(tmp_path):
    files = dict(
        NEWS, **{"ban-tin/so-7/index.md": '---\nnumber: 7\nlabel: "Số 7/2027"\ndate: 2027-07-10\n---\nLời tòa soạn.\n'}
    )
    result = run_bantin(make_site(tmp_path, files), "calendar", "--days", "20", now="2027-07-20T09:00")
    assert result.returncode == 0, result.stderr
    assert (
        "  Gợi ý: có thể nhắc trong Số 7/2027 (phát hành 10/7/2027), số gần nhất trước ngày kỷ niệm."
        in result.stdout.splitlines()
    )


def test_calendar_usage_and_content_errors(tmp_path, union):
    result = run_bantin(union, "calendar", "--year", "1800")
    assert (result.returncode, result.stderr.strip()) == (2, "bantin: --year: năm phải từ 1900 đến 2100.")
    result = run_bantin(union, "calendar", "--days", "0")
    assert (result.returncode, result.stderr.strip()) == (2, "bantin: --days: số ngày phải từ 1 đến 3660.")
    make_site(tmp_path, {"_data/ngay-ky-niem.yml": CALENDAR.replace("date: 8/3\n", "date: 8/13\n")})
    result = run_bantin(tmp_path, "calendar")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("content/_data/ngay-ky-niem.yml:")
    assert "'8/13' không phải là ngày có thật" in result.stderr
    assert not (tmp_path / "site").exists()
    make_site(tmp_path / "empty", {"tin-tuc/a.md": NEWS["tin-tuc/a.md"]})
    result = run_bantin(tmp_path / "empty", "calendar")
    assert (result.returncode, result.stdout.strip()) == (
        0,
        "Chưa có lịch kỷ niệm: tạo tệp content/_data/ngay-ky-niem.yml (xem README.md, mục Lịch kỷ niệm).",
    )
