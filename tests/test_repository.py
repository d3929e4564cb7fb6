"""The document repository (kho dữ liệu) and the file library, in real builds of a small site.

Issue 21 §4: ``/van-ban/`` with generated pages by year and by type, paginated, with counts;
each row links the PDF and every attachment with its type and size; a library of downloadable
files (``content/tai-lieu/``) at addresses that do not follow the title; search by number,
trích yếu and attachment names (the real Pagefind, in the browser); axe on the pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, THEME, build_ok, make_site, run_bantin

SIGNER = "signer: {authority: TM. BAN THƯỜNG VỤ, title: CHỦ TỊCH, name: Nguyễn Thị A}"


def _document(kind: str, number: str, day: str, summary: str, extra: str = "") -> str:
    return (
        f'---\ndocument_type: {kind}\ndocument_number: "{number}"\ndate: {day}\nsummary_line: {summary}\n'
        f"{SIGNER}\n{extra}---\n\nI. MỤC ĐÍCH, YÊU CẦU.\n\n1. Nội dung văn bản.\n"
    )


DOCUMENTS = {
    "van-ban/ke-hoach-206.md": _document(
        "Kế hoạch",
        "206/KH-BTV",
        "2020-08-17",
        "Định hướng hoạt động năm 2021",
        "attachments: [phu-luc-chi-tieu-thi-dua.xlsx, ban-ky-206.pdf]\n",
    ),
    "van-ban/ke-hoach-15.md": _document("Kế hoạch", "15/KH-BTV", "2021-03-02", "Tổ chức Ngày Quốc tế Phụ nữ"),
    "van-ban/ke-hoach-40.md": _document(
        "Kế hoạch", "40/KH-BTV", "2021-06-10", "Tuyên truyền phòng chống bạo lực gia đình"
    ),
    "van-ban/bao-cao-52.md": _document("Báo cáo", "52/BC-BTV", "2021-07-15", "Sơ kết công tác Hội sáu tháng đầu năm"),
    "van-ban/phu-luc-chi-tieu-thi-dua.xlsx": b"PK\x03\x04" + b"x" * 38_400,
    "van-ban/ban-ky-206.pdf": b"%PDF-1.4\n" + b"0" * 245_000,
}
FORM = (
    '---\ntitle: "Mẫu đăng ký hội viên"\ndate: 2021-02-01\n'
    'description: "Phiếu đăng ký vào Hội, in ra và điền tay."\nfile: mau-dang-ky-hoi-vien.docx\n---\n\n'
    "Nộp phiếu cho chi hội trưởng nơi cư trú.\n"
)
LIBRARY = {"tai-lieu/mau-dang-ky.md": FORM, "tai-lieu/mau-dang-ky-hoi-vien.docx": b"PK\x03\x04" + b"d" * 12_000}
# The site's look as the union's mkdocs.yml sets it (colours and tabs, the theme's stylesheet): axe
# judges contrast and underlines with it.
LOOK = """\
  features:
    - navigation.tabs
  palette:
    scheme: default
    primary: custom
    accent: custom
extra_css:
  - assets/stylesheets/bantin.css
"""
CONFIG = (
    MKDOCS_YML.format(theme=THEME).replace("  font: false\n", "  font: false\n" + LOOK)
    + """\
      page_size: 2
      editions:
        enabled: true
        bulletin:
          colophon:
            licence_number: "07/GP-STTTT"
            licence_date: 2021-02-01
            licence_authority: Sở Thông tin và Truyền thông tỉnh Quảng Trị
            printer: Công ty In Quảng Trị
            print_run: 1500
            periodicity: Hằng quý
            responsible: Nguyễn Thị A
"""
)


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    """The fixture site (4 documents: 2020 and 2021, Kế hoạch and Báo cáo; one form), built with page_size 2."""
    root = make_site(tmp_path_factory.mktemp("kho"), {**DOCUMENTS, **LIBRARY}, CONFIG)
    return build_ok(root)


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body, re.S)


def test_the_repository_counts_each_year_and_type_and_links_their_pages(repo_site):
    home = _page(repo_site, "van-ban")
    for url, label, count in (
        ("van-ban/nam/2021/", "2021", 3),
        ("van-ban/nam/2020/", "2020", 1),
        ("van-ban/loai/ke-hoach/", "Kế hoạch", 3),
        ("van-ban/loai/bao-cao/", "Báo cáo", 1),
    ):
        assert re.search(rf'href="[^"]*/{url}">{label}</a> <span class="bt-facets__count">\({count}<', home), url
    year = _page(repo_site, "van-ban/nam/2020")
    assert [re.search(r">(\d+/\w+-\w+)</a>", r)[1] for r in _rows(year)] == ["206/KH-BTV"]
    kinds = _page(repo_site, "van-ban/loai/bao-cao")
    assert [re.search(r">(\d+/\w+-\w+)</a>", r)[1] for r in _rows(kinds)] == ["52/BC-BTV"]
    assert "<title>Văn bản: Báo cáo" in kinds


def test_repository_pages_are_paginated_like_the_other_listings(repo_site):
    first, second = _page(repo_site, "van-ban/loai/ke-hoach"), _page(repo_site, "van-ban/loai/ke-hoach/trang/2")
    numbers = [re.search(r">(\d+/\w+-\w+)</a>", r)[1] for r in _rows(first) + _rows(second)]
    assert numbers == ["40/KH-BTV", "15/KH-BTV", "206/KH-BTV"]  # newest first, 2 a page
    assert 'rel="next"' in first and "Trang 1/2" in first and 'rel="prev"' in second
    assert (repo_site / "van-ban" / "trang" / "2" / "index.html").is_file()  # 4 documents, 2 a page
    assert not (repo_site / "van-ban" / "nam" / "2020" / "trang").exists()


def test_a_row_links_the_pdf_and_every_attachment_with_type_and_size(repo_site):
    row = next(r for r in _rows(_page(repo_site, "van-ban/nam/2020")) if "206/KH-BTV" in r)
    assert "Kế hoạch" in row and "Định hướng hoạt động năm 2021" in row and "17/8/2020" in row
    pdf = re.search(r'href="([^"]+\.pdf)" type="application/pdf"', row)[1]
    assert (repo_site / "van-ban" / "nam" / "2020" / pdf).resolve().is_file()
    assert re.search(r"\(PDF, \d+ KB\)", row)
    links = re.findall(r'<a href="([^"]+)" download>([^<]+)</a> <span class="bt-pdf__size">\(([^)]+)\)', row)
    assert [(text, label) for _, text, label in links] == [
        ("phu-luc-chi-tieu-thi-dua.xlsx", "Excel, 38 KB"),
        ("ban-ky-206.pdf", "PDF, 245 KB"),
    ]
    for href, _, _ in links:
        assert (repo_site / "van-ban" / "nam" / "2020" / href).resolve().is_file()


def test_the_library_lists_each_file_with_its_type_size_and_date(repo_site):
    listing = _page(repo_site, "tai-lieu")
    assert "Mẫu đăng ký hội viên" in listing and "Phiếu đăng ký vào Hội" in listing and "1/2/2021" in listing
    href = re.search(r'href="([^"]+\.docx)" download>', listing)[1]
    assert href.endswith("/tai-lieu/mau-dang-ky-hoi-vien.docx") and "(Word, 12 KB)" in listing
    assert (repo_site / "tai-lieu" / "mau-dang-ky-hoi-vien.docx").read_bytes() == LIBRARY[
        "tai-lieu/mau-dang-ky-hoi-vien.docx"
    ]
    page = _page(repo_site, "tai-lieu/mau-dang-ky")
    assert "Nộp phiếu cho chi hội trưởng" in page and "mau-dang-ky-hoi-vien.docx" in page


def test_a_type_written_in_other_cases_is_one_type_read_one_way(tmp_path):
    """ "kế hoạch" and "KẾ HOẠCH" (a heading typed from the paper) are the type Kế hoạch: one
    type page, and its rows, the documents' titles and the listings read "Kế hoạch"."""
    files = {
        "van-ban/a.md": _document("kế hoạch", "30/KH-BTV", "2019-03-01", "Hội thi nữ công"),
        "van-ban/b.md": _document("KẾ  HOẠCH", "31/KH-BTV", "2019-04-01", "Tập huấn cán bộ"),
        "van-ban/c.md": _document("Kế hoạch", "32/KH-BTV", "2019-05-01", "Ngày hội phụ nữ"),
    }
    site = build_ok(make_site(tmp_path, files))
    assert [p.name for p in (site / "van-ban" / "loai").iterdir()] == ["ke-hoach"]
    rows = _rows(_page(site, "van-ban/loai/ke-hoach"))
    assert [re.findall(r"<td>([^<]*)</td>", r)[0] for r in rows] == ["Kế hoạch"] * 3
    assert "<title>Kế hoạch số 31/KH-BTV: Tập huấn cán bộ" in _page(site, "van-ban/ke-hoach-31-kh-btv-2019")
    assert "<title>Kế hoạch số 30/KH-BTV: Hội thi nữ công" in _page(site, "van-ban/ke-hoach-30-kh-btv-2019")
    assert "KẾ HOẠCH" in _page(site, "van-ban/ke-hoach-30-kh-btv-2019")  # the printed heading, in capitals


def test_a_retitled_library_file_keeps_its_addresses(tmp_path):
    renamed = FORM.replace("Mẫu đăng ký hội viên", "Phiếu đăng ký vào Hội (mẫu mới)")
    site = build_ok(make_site(tmp_path, {**LIBRARY, "tai-lieu/mau-dang-ky.md": renamed}))
    assert (site / "tai-lieu" / "mau-dang-ky-hoi-vien.docx").is_file()
    assert "Phiếu đăng ký vào Hội (mẫu mới)" in _page(site, "tai-lieu/mau-dang-ky")


@pytest.mark.parametrize(
    ("files", "line", "words"),
    [
        ({"tai-lieu/mau.md": FORM}, 5, "Không tìm thấy tệp 'mau-dang-ky-hoi-vien.docx' (file)"),
        (
            {"tai-lieu/mau.md": FORM.replace(".docx", ".zip"), "tai-lieu/mau-dang-ky-hoi-vien.zip": b"PK"},
            5,
            "'file' (tệp tải về) 'mau-dang-ky-hoi-vien.zip' không phải loại tệp",
        ),
        ({"tai-lieu/mau.md": FORM.replace("file: mau-dang-ky-hoi-vien.docx\n", "")}, 1, "Thiếu 'file' (tệp tải về)"),
        (
            {"tai-lieu/mau.md": FORM.replace(".docx", ".xlsx"), "tai-lieu/mau-dang-ky-hoi-vien.xlsx": b""},
            5,
            "Tệp 'mau-dang-ky-hoi-vien.xlsx' (file) rỗng (0 byte)",
        ),
    ],
)
def test_check_refuses_a_library_file_that_is_missing_empty_or_of_another_kind(tmp_path, files, line, words):
    root = make_site(tmp_path, files)
    result = run_bantin(root, "check")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert f"content/tai-lieu/mau.md:{line}" in out and words in out, out
    assert "Traceback" not in out


def test_an_empty_attachment_stops_the_build_at_its_line_and_leaves_the_site(tmp_path):
    """A file cut short to 0 bytes in copying would be published as a download that opens as
    nothing (it used to be listed as "PDF, 1 KB"): refused at its item's line, site/ kept."""
    root = make_site(tmp_path, DOCUMENTS)
    before = build_ok(root) / "van-ban" / "index.html"
    kept = before.read_bytes()
    (root / "content" / "van-ban" / "ban-ky-206.pdf").write_bytes(b"")
    result = run_bantin(root, "build")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    assert (
        "content/van-ban/ke-hoach-206.md:7:1: lỗi: Tệp 'ban-ky-206.pdf' (attachments) rỗng (0 byte): "
        "người đọc tải về sẽ không mở được. Cách sửa: Chép lại tệp gốc"
    ) in out, out
    assert before.read_bytes() == kept


def test_two_library_files_of_one_name_in_subfolders_clash_with_a_hint_that_helps(tmp_path):
    """A library page's address is its .md file's name, subfolder or title aside: the clash's
    hint says to rename the .md file (retitling, the hint for articles, changes nothing)."""
    files = {
        f"tai-lieu/{folder}/mau.md": FORM.replace("mau-dang-ky-hoi-vien.docx", "mau.docx") for folder in ("a", "b")
    }
    files.update({f"tai-lieu/{folder}/mau.docx": b"PK\x03\x04" + b"d" * 100 for folder in ("a", "b")})
    result = run_bantin(make_site(tmp_path, files), "check")
    assert result.returncode == 1
    assert (
        "content/tai-lieu/b/mau.md:1: lỗi: Đường dẫn /tai-lieu/mau/ trùng với bài 'content/tai-lieu/a/mau.md'. "
        "Cách sửa: Đổi tên một trong hai tệp .md"
    ) in result.stderr, result.stderr


def test_check_warns_of_a_library_file_over_50_mb(tmp_path):
    root = make_site(tmp_path, {"tai-lieu/mau-dang-ky.md": FORM})
    with open(root / "content" / "tai-lieu" / "mau-dang-ky-hoi-vien.docx", "wb") as big:
        big.truncate(51_000_000)  # sparse: no 51 MB written
    result = run_bantin(root, "check")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert "content/tai-lieu/mau-dang-ky.md:5" in out and "51,0 MB" in out and "50 MB" in out, out


# --- In the browser: the real Pagefind index, axe ------------------------------------------


@pytest.fixture(scope="module")
def repo_url(repo_site):
    """The fixture site served on 127.0.0.1 under its sub-path (/bantin/), as GitHub Pages does."""
    from browsing import serve

    with serve(repo_site, "/bantin/") as address:
        yield address


@pytest.fixture
def repo_visit(visit):
    """A page of a new browser context that blocks (and records) requests to other hosts; axe
    is injected by the test, so the pages' Content-Security-Policy is bypassed."""
    return lambda width=1440: visit({"width": width, "height": 900}, bypass_csp=True)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("206/KH-BTV", "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021"),
        ("206", "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021"),
        ("KH-BTV 40", "Kế hoạch số 40/KH-BTV: Tuyên truyền phòng chống bạo lực gia đình"),
        ("206KHBTV", "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021"),  # typed without its punctuation
        ("52 BC", "Báo cáo số 52/BC-BTV: Sơ kết công tác Hội sáu tháng đầu năm"),
        (
            "so ket cong tac hoi",
            "Báo cáo số 52/BC-BTV: Sơ kết công tác Hội sáu tháng đầu năm",
        ),  # trích yếu, no diacritics
        ("chỉ tiêu thi đua", "Kế hoạch số 206/KH-BTV: Định hướng hoạt động năm 2021"),  # an attachment's name
        ("dang ky hoi vien", "Mẫu đăng ký hội viên"),  # the library
    ],
)
def test_search_finds_documents_by_number_summary_and_attachment(repo_visit, repo_url, query, expected):
    from test_browser import search, titles

    found = titles(search(repo_visit().page, repo_url, query))
    assert found and found[0] == expected, found


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize("path", ["van-ban/", "van-ban/loai/ke-hoach/", "tai-lieu/"])
def test_repository_pages_have_no_serious_axe_violations(repo_visit, repo_url, axe_script, path, width):  # noqa: F811
    from test_browser import ARTIFACTS

    visit = repo_visit(width)
    visit.page.goto(repo_url + path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / f"kho-{path.strip('/').replace('/', '-')}-{width}.png"), full_page=True)
    visit.page.add_script_tag(path=str(axe_script))
    result = visit.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [
        f"{r['id']} ({r['impact']}): {r['help']} – {[n['target'] for n in r['nodes']][:3]}"
        for r in result["violations"]
        if r["impact"] in ("serious", "critical")
    ]
    assert bad == [], json.dumps(bad, ensure_ascii=False, indent=1)
    assert not visit.errors


def test_a_replaced_attachment_shows_its_new_size_after_a_warm_build(tmp_path):
    """The page cache keeps whole pages between builds: a file replaced under the same name
    must not leave its old size on the register and the document page."""
    root = make_site(tmp_path, DOCUMENTS, CONFIG)
    before = _page(build_ok(root), "van-ban/nam/2020")
    assert "(Excel, 38 KB)" in before
    (root / "content" / "van-ban" / "phu-luc-chi-tieu-thi-dua.xlsx").write_bytes(b"PK\x03\x04" + b"y" * 91_000)
    site = build_ok(root)
    assert "(Excel, 91 KB)" in _page(site, "van-ban/nam/2020") and "(Excel, 91 KB)" in _page(site, "van-ban/trang/2")
    assert "(Excel, 91 KB)" in _page(site, "van-ban/ke-hoach-206-kh-btv-2020")
