"""The rules behind print editions, without a build: page sizes, the law's limits, picture
references found in Markdown, and the restricted fetcher of the PDF renderer."""

from __future__ import annotations

from datetime import date

import pytest

from builder.content.images import image_references, local_path
from builder.outputs import editions, pdf
from conftest import THEME


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("190mm 270mm", (190.0, 270.0)),
        ("19cm 27cm", (190.0, 270.0)),
        ("17,6cm x 25cm", (176.0, 250.0)),
        ("B5", (176.0, 250.0)),
        ("a5", (148.0, 210.0)),
    ],
)
def test_paper_sizes(text, size):
    assert editions.paper_size(text) == size


def test_an_unreadable_paper_size_says_how_to_write_it():
    with pytest.raises(ValueError, match='ví dụ "190mm 270mm"'):
        editions.paper_size("A4 ngang")


def _complete() -> editions.Colophon:
    return editions.Colophon("05/GP-STTTT", "15/01/2021", "", "Công ty In", 500, "3 tháng/kỳ", "Đỗ Thị Lý")


def test_default_settings_with_a_colophon_are_lawful():
    assert editions.settings_problems(editions.Settings(enabled=True, colophon=_complete())) == []


def test_every_rule_of_the_law_and_the_decree_is_checked():
    settings = editions.Settings(
        enabled=True, paper="khổ to", colophon=editions.Colophon(printer="In"), margins=(19, 21, 26, 36), font_size=12
    )
    problems = editions.settings_problems(settings)
    assert len(problems) == 7  # colophon, paper, four margins, font size
    assert problems[0].startswith("Thiếu thông tin cuối trang của bản tin")
    assert "licence_number (số giấy phép xuất bản)" in problems[0] and "printer" not in problems[0]
    assert "Luật Báo chí 2025, Điều 48" in problems[0]
    assert "Khổ giấy 'khổ to' không đọc được" in problems[1]
    assert [p.split(" của văn bản")[0] for p in problems[2:6]] == ["Lề top", "Lề right", "Lề bottom", "Lề left"]
    assert "ngoài khoảng 13–14 pt" in problems[6]


def test_a_page_larger_than_19_by_27_is_judged_per_issue_not_refused_by_the_settings():
    # The 19 × 27 cm limit is the 2016 law's: whether it applies depends on each issue's date
    # (builder/content/press_law.py), so the settings alone no longer refuse A4.
    settings = editions.Settings(enabled=True, paper="210mm 297mm", colophon=_complete())
    assert editions.settings_problems(settings) == []


def test_a_licence_ending_before_it_was_granted_is_a_settings_error():
    colophon = editions.Colophon(
        "05/GP-UBND",
        date(2026, 8, 1),
        "",
        "Công ty In",
        500,
        "3 tháng/kỳ",
        "Đỗ Thị Lý",
        licence_valid_until=date(2026, 7, 1),
    )
    problems = editions.settings_problems(editions.Settings(enabled=True, colophon=colophon))
    assert problems == [
        "Ngày hết hạn giấy phép (editions → bulletin → colophon → licence_valid_until) 01/07/2026 "
        "trước ngày cấp 01/08/2026: ghi lại đúng hai ngày như trên giấy phép."
    ]


def test_a_landscape_bulletin_within_the_limit_is_allowed():
    settings = editions.Settings(enabled=True, paper="270mm 190mm", colophon=_complete())
    assert editions.settings_problems(settings) == []


def test_image_references_give_line_column_and_target():
    body = (
        'Mở đầu ![a](anh.jpg) và ![b](<ảnh có dấu.png> "chú thích").\n'
        "\n"
        "```\n![trong mã](khong-tinh.jpg)\n```\n"
        "Mã `![x](cung-khong.jpg)` trong dòng.\n"
        "<img class=\"x\" src='html.png'> ![tham chiếu][r] ![r]\n"
        "\n"
        "[r]: /chung/anh-r.jpg\n"
    )
    refs = [(r.line, r.col, r.target) for r in image_references(body)]
    assert refs == [
        (1, 13, "anh.jpg"),
        (1, 30, "ảnh có dấu.png"),
        (7, 21, "html.png"),
        (7, 32, "/chung/anh-r.jpg"),
        (7, 49, "/chung/anh-r.jpg"),
    ]


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("anh.jpg", "anh.jpg"),
        ("../chung/a%20b.png?v=2#x", "../chung/a b.png"),
        ("/chung/a.png", "/chung/a.png"),
        ("https://example.com/a.png", None),
        ("data:image/png;base64,AAAA", None),
        ("//cdn.example.com/a.png", None),
        ("file:///etc/passwd", None),
    ],
)
def test_local_paths(target, path):
    assert local_path(target) == path


def test_css_strings_cannot_break_out_of_the_stylesheet():
    assert editions.css_string('Số "8/3" </style>') == '"Số \\22 8/3\\22  \\3c /style\\3e "'


def test_the_fetcher_serves_listed_files_and_refuses_everything_else(tmp_path):
    picture = tmp_path / "a.png"
    picture.write_bytes(b"\x89PNG fake")
    html = (
        '<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>'
        '<img src="https://example.org/b%E1%BA%A3n/a.png"><img src="https://example.com/x.png">'
        '<img src="file:///etc/hostname"><p>Bình đẳng giới</p></body></html>'
    )
    job = pdf.PdfJob(
        name="t",
        html=html,
        base_url="https://example.org/",
        resources={"https://example.org/bản/a.png": str(picture)},
        font_families=(),
    )
    result = pdf.render(job)
    assert result.refused == ("file:///etc/passwd", "https://example.com/x.png", "file:///etc/hostname")
    assert result.pages == 1
    # No family is allowed in this job: whatever font drew the text is reported.
    assert result.foreign_fonts and "B" in result.foreign_fonts[0][1]


def test_a_missing_font_file_is_an_error_not_a_fallback(tmp_path):
    theme = tmp_path / "theme"
    (theme / "print" / "fonts").mkdir(parents=True)
    for name, _, _ in editions.FONT_FILES[1:]:
        (theme / "print" / "fonts" / name).write_bytes((THEME / "print" / "fonts" / name).read_bytes())
    with pytest.raises(FileNotFoundError, match="Thiếu tệp phông chữ theme/print/fonts/Tinos-Regular.ttf"):
        editions._font_files((theme,))


def test_the_cache_keeps_what_is_used_and_drops_old_leftovers(tmp_path):
    import os
    import time

    job = pdf.PdfJob(name="t", html="<p>Bình đẳng giới</p>", base_url="https://example.org/")
    cache = tmp_path / "cache"
    first = pdf.render_cached([job], cache, workers=1)[0]
    key = pdf.job_key(job)
    assert not first.cached and sorted(p.name for p in cache.iterdir()) == [f"{key}.json", f"{key}.pdf"]
    old = time.time() - pdf.STALE_AFTER - 60
    for name in ("0" * 64 + ".pdf", "0" * 64 + ".json", "1" * 64 + ".pdf"):
        (cache / name).write_bytes(b"x")
    os.utime(cache / ("0" * 64 + ".pdf"), (old, old))
    os.utime(cache / ("0" * 64 + ".json"), (old, old))
    os.utime(cache / f"{key}.pdf", (old, old))  # old but used: kept
    second = pdf.render_cached([job], cache, workers=1)[0]
    assert second.cached and second.data == first.data
    assert sorted(p.name for p in cache.iterdir()) == sorted([f"{key}.json", f"{key}.pdf", "1" * 64 + ".pdf"])
