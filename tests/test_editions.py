"""Print editions: the PDFs of bulletin issues and official documents, read back.

The fixture site ``tests/fixtures/sites/editions`` has two issues (one with a cover, an
article picture with a caption, a front matter picture, a picture from another site and a
``file:///etc/passwd`` one), a one-page notice and a two-page plan. It is built once with the
real ``bantin build`` and print editions enabled; each test reads the PDFs back with pypdf
(structure, fonts, text) and pdfminer.six (where lines are on the page).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import unicodedata
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from conftest import FIXTURES, MKDOCS_YML, NOW, THEME, make_site
from pdfread import MM, fonts, lines, metadata, page_sizes_mm, pages_text

ISSUE_PDF = "ban-tin/so-20-10-2021/so-20-10-2021.pdf"
SMALL_ISSUE_PDF = "ban-tin/so-8-3-2022/so-8-3-2022.pdf"
NOTICE_PDF = "van-ban/thong-bao-15-tb-btv-2021/thong-bao-15-tb-btv-2021.pdf"
PLAN_PDF = "van-ban/ke-hoach-21-kh-btv-2021/ke-hoach-21-kh-btv-2021.pdf"

EDITIONS = """\
      organisation: Hội LHPN tỉnh Quảng Trị
      editions:
        enabled: {enabled}
        bulletin:
          paper: {paper}
          colophon:
{colophon}
        documents:
          margins: {{top: 20, bottom: 20, left: 30, right: {right}}}
"""
COLOPHON = """\
            licence_number: "07/GP-STTTT"
            licence_date: 2021-02-01
            licence_authority: Sở Thông tin và Truyền thông tỉnh Quảng Trị
            printer: Công ty In Quảng Trị
            print_run: 1500
            periodicity: 3 tháng/kỳ
            responsible: {responsible}
""".replace("{responsible}", unicodedata.normalize("NFD", "Nguyễn Thị Hằng"))
"""The colophon; the name is typed decomposed (NFD, as macOS writes it): one NFD line would make
the whole PDF extract as NFD (docs/pitfalls.md §4.2), so the print HTML is normalised to NFC."""


def config(enabled: bool = True, paper: str = "190mm 270mm", colophon: str = COLOPHON, right: int = 15) -> str:
    """mkdocs.yml of a test site with the ``editions`` block filled in."""
    return MKDOCS_YML.format(theme=THEME) + EDITIONS.format(
        enabled=str(enabled).lower(), paper=paper, colophon=colophon, right=right
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A solid-colour PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def make_edition_site(root: Path, mkdocs_yml: str | None = None) -> Path:
    """Copy the editions fixture to ``root`` with its pictures and configuration."""
    shutil.copytree(FIXTURES / "sites" / "editions", root, dirs_exist_ok=True)
    issue = root / "content" / "ban-tin" / "so-20-10-2021"
    (issue / "bia.png").write_bytes(png(1600, 900, (173, 20, 87)))  # wider than the page
    (issue / "anh-det.png").write_bytes(png(400, 300, (30, 90, 160)))
    (issue / "anh-to-det.png").write_bytes(png(600, 400, (20, 140, 60)))
    (root / "mkdocs.yml").write_text(mkdocs_yml or config(), encoding="utf-8")
    return root


def bantin(root: Path, *args: str, cache: Path) -> subprocess.CompletedProcess:
    """Run the real ``bantin`` in ``root`` with its own cache folder."""
    env = dict(os.environ, BANTIN_NOW=NOW, NO_MKDOCS_2_WARNING="1", BANTIN_CACHE_DIR=str(cache))
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The editions site built once: ``(root, site folder, cache folder, finished process)``."""
    root = make_edition_site(tmp_path_factory.mktemp("editions"))
    cache = tmp_path_factory.mktemp("cache")
    result = bantin(root, "build", cache=cache)
    assert result.returncode == 0, result.stdout + result.stderr
    return root, root / "site", cache, result


def text_of(pdf: Path) -> str:
    return "\n".join(pages_text(pdf))


# ---- Bulletin issue -------------------------------------------------------------------------


def test_issue_pdf_has_the_configured_page_size_within_the_legal_maximum(built):
    _, site, _, _ = built
    sizes = page_sizes_mm(site / ISSUE_PDF)
    assert len(sizes) >= 2
    assert set(sizes) == {(190.0, 270.0)}


def test_every_font_is_the_committed_tinos_embedded_and_subset(built):
    _, site, _, _ = built
    for name in (ISSUE_PDF, SMALL_ISSUE_PDF, NOTICE_PDF, PLAN_PDF):
        used = fonts(site / name)
        assert used, name
        for font in used:
            assert font["embedded"] and font["subset"], (name, font)
            assert font["name"].split("+", 1)[1].startswith("Bantin-Tinos"), (name, font)
        assert {f["name"].split("+", 1)[1] for f in used} >= {
            "Bantin-Tinos",
            "Bantin-Tinos-Bold",
            "Bantin-Tinos-Italic",
        }


def test_issue_page_one_carries_masthead_date_cover_editorial_and_contents(built):
    _, site, _, _ = built
    pdf = site / ISSUE_PDF
    page_one = lines(pdf)[0]
    texts = [line.text for line in page_one]
    assert texts[0] == "BẢN TIN"  # Luật Báo chí 2016, Điều 34 (a 2021 issue): the word first, then the name
    assert texts[1] == "Bình đẳng giới"
    assert "HỘI LHPN TỈNH QUẢNG TRỊ" in texts
    assert any("Số 20/10/2021" in t and "Số đặc biệt" in t for t in texts)
    assert any("Phát hành ngày 15/10/2021" in t for t in texts)
    label = texts.index("CHÀO MỪNG")
    assert texts[label + 1] == "91 năm Ngày thành lập Hội LHPN Việt Nam (20/10/1930 – 20/10/2021)"
    assert "LỜI TÒA SOẠN" in texts and "TRONG SỐ NÀY" in texts
    assert "Hội viên phụ nữ xã Vĩnh Chấp bên khung dệt" in texts  # the cover's caption
    editorial = " ".join(texts)
    assert "Bình đẳng giới bắt đầu từ mỗi gia đình" in editorial
    assert "Tháng Mười về, phụ nữ Quảng Trị hân hoan" in editorial


def test_contents_give_the_page_each_article_starts_on(built):
    _, site, _, _ = built
    pages = lines(site / ISSUE_PDF)
    titles = {"Phụ nữ Quảng Trị hướng về Đại hội": None, "Giữ nghề dệt ở Vĩnh Linh": None}
    for number, page in enumerate(pages[1:], start=2):
        for line in page:
            if line.text in titles and titles[line.text] is None:
                titles[line.text] = number
    assert all(titles.values()), titles
    # The table of contents is the only place on page 1 with bare numbers (leader, then page).
    numbers = [line for line in pages[0] if line.text.isdigit()]
    assert [line.text for line in numbers] == [str(p) for p in titles.values()]
    assert all(line.x0 > 150 * MM for line in numbers)  # flush right, after the leaders


def test_articles_have_author_running_header_captions_and_page_numbers(built):
    _, site, _, _ = built
    pdf = site / ISSUE_PDF
    pages = lines(pdf)
    height = page_sizes_mm(pdf)[0][1] * MM
    for number, page in enumerate(pages[1:], start=2):
        top = [line.text for line in page if line.y0 > height - 16 * MM]
        bottom = [line.text for line in page if line.y1 < 16 * MM]
        assert top == ["Bản tin Bình đẳng giới · Số 20/10/2021"], (number, top)
        assert bottom == [str(number)], (number, bottom)
    assert not [line for line in pages[0] if line.y0 > height - 16 * MM or line.y1 < 16 * MM]
    text = text_of(pdf)
    for expected in (
        "Nguyễn Thị Hoa",
        "Lê Thị Mai",
        "Chị em tổ dệt bên khung cửi",
        "Khung dệt của tổ hợp tác",
        "Những việc làm thiết thực",
        "Kết luận",
    ):
        assert expected in text, expected


def test_colophon_stands_at_the_foot_of_the_last_page_only(built):
    _, site, _, _ = built
    pdf = site / ISSUE_PDF
    pages = lines(pdf)
    colophon = (
        "Chịu trách nhiệm xuất bản: Nguyễn Thị Hằng",
        "Giấy phép xuất bản số 07/GP-STTTT ngày 01/02/2021 của Sở Thông tin và Truyền thông tỉnh Quảng Trị.",
        "Kỳ hạn xuất bản: 3 tháng/kỳ. Số lượng in: 1.500 bản. In tại Công ty In Quảng Trị.",
    )
    last = pages[-1]
    for expected in colophon:
        found = [line for line in last if line.text == expected]
        assert found, (expected, [line.text for line in last])
        assert found[0].y1 < 70 * MM  # in the lower quarter of a 270 mm page
    body = [line for line in last if line.y0 > 16 * MM]
    assert min(line.y0 for line in body if line.text in colophon) < min(
        line.y0 for line in body if line.text not in colophon
    )
    for page in pages[:-1]:
        assert not any("07/GP-STTTT" in line.text for line in page)


def test_text_extracts_as_nfc_vietnamese(built):
    _, site, _, _ = built
    for name in (ISSUE_PDF, PLAN_PDF):
        text = text_of(site / name)
        assert unicodedata.is_normalized("NFC", text), name
        for word in ("Bình đẳng giới", "Đại hội", "Quảng Trị"):
            assert word in text, (name, word)


def test_pictures_are_embedded_from_the_site_and_fit_the_page(built):
    _, site, _, _ = built
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    pdf = site / ISSUE_PDF
    width_pt = 190 * MM
    images = []
    for page in extract_pages(str(pdf)):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTImage):
                images.append(item.bbox)
            elif isinstance(item, LTFigure):
                stack.extend(item)
    assert len(images) == 3  # cover, front matter picture, body picture
    for x0, _, x1, _ in images:
        assert 14 * MM - 1 <= x0 and x1 <= width_pt - 14 * MM + 1, (x0, x1)


def test_an_album_in_an_article_prints_its_photos_side_by_side_without_bullets(tmp_path):
    """``[[album: …]]`` in an issue's article: the PDF shows the photos two to a row with
    their captions, not as a bulleted list of column-wide pictures."""
    root = make_edition_site(tmp_path / "site")
    album = root / "content" / "album" / "hoi-cho"
    album.mkdir(parents=True)
    (album / "index.md").write_text(
        '---\ntitle: "Hội chợ"\ndate: 2022-03-01\ndescription: "Gian hàng."\nphotos:\n'
        '  - file: a.png\n    alt: "Gian hàng một"\n    caption: "Gian hàng một"\n'
        '  - file: b.png\n    alt: "Gian hàng hai"\n    caption: "Gian hàng hai"\n---\n',
        encoding="utf-8",
    )
    (album / "a.png").write_bytes(png(800, 600, (173, 20, 87)))
    (album / "b.png").write_bytes(png(800, 600, (30, 90, 160)))
    article = root / "content" / "ban-tin" / "so-8-3-2022" / "tin-ngan.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n[[album: hoi-cho]]\n", encoding="utf-8")
    result = bantin(root, "build", cache=tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = root / "site" / SMALL_ISSUE_PDF
    text = text_of(pdf)
    assert "Gian hàng một" in text and "Gian hàng hai" in text and "•" not in text, text
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    images = []
    for page in extract_pages(str(pdf)):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTImage):
                images.append(item.bbox)
            elif isinstance(item, LTFigure):
                stack.extend(item)
    tops = sorted(round(bbox[3]) for bbox in images[-2:])
    assert len(images) >= 2 and tops[0] == tops[1], images  # one row


# ---- Official documents -------------------------------------------------------------------


def test_documents_are_a4_with_number_left_and_signature_right(built):
    _, site, _, _ = built
    pdf = site / NOTICE_PDF
    assert page_sizes_mm(pdf) == [(210.0, 297.0)]
    page = lines(pdf)[0]
    middle = 210 * MM / 2
    number = next(line for line in page if line.text.startswith("Số:"))
    assert number.text == "Số: 15/TB-BTV"
    assert number.x1 < middle
    date_line = next(line for line in page if line.text.startswith("Quảng Trị, ngày"))
    assert date_line.text == "Quảng Trị, ngày 06 tháng 9 năm 2021" and date_line.x0 > middle
    assert abs(date_line.y0 - number.y0) < 3  # on the same line, as the decree draws it
    for signature in ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Thị Hằng"):
        line = next(line for line in page if line.text == signature)
        assert line.x0 > middle, signature
    recipients = next(line for line in page if line.text == "Nơi nhận:")
    assert recipients.x1 < middle
    texts = [line.text for line in page]
    assert "- Lưu: VT." in texts and "- Thường trực Hội LHPN tỉnh;" in texts
    assert "THÔNG BÁO" in texts and "Lịch tổ chức Đại hội đại biểu Phụ nữ tỉnh lần thứ XV" in texts
    header = [
        t
        for t in texts
        if t
        in (
            "HỘI LHPN VIỆT NAM",
            "BCH HỘI LHPN TỈNH QUẢNG TRỊ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
        )
    ]
    assert len(header) == 4
    assert all(0 < line.x0 and line.x1 < 210 * MM - 15 * MM + 1 for line in page)  # nothing in the right margin
    # Body: first line indented 1 cm from the 30 mm left margin, justified to the right margin.
    first = next(i for i, line in enumerate(page) if line.text.startswith("Ban Thường vụ Hội LHPN tỉnh"))
    assert abs(page[first].x0 - 40 * MM) < 1 and abs(page[first + 1].x0 - 30 * MM) < 1
    assert abs(page[first].x1 - 195 * MM) < 1.5


def test_document_text_sizes_follow_decree_30(built):
    _, site, _, _ = built
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    sizes = {}
    for page in extract_pages(str(site / NOTICE_PDF)):
        for box in page:
            if isinstance(box, LTTextContainer):
                for line in box:
                    chars = [c for c in line if isinstance(c, LTChar)]
                    if chars:
                        sizes[line.get_text().strip()] = (round(chars[0].size, 1), chars[0].fontname.split("+")[-1])
    assert sizes["Nơi nhận:"] == (12.0, "Bantin-Tinos-Bold-Italic")
    assert sizes["- Lưu: VT."] == (11.0, "Bantin-Tinos")
    assert sizes["THÔNG BÁO"] == (14.0, "Bantin-Tinos-Bold")
    assert sizes["Quảng Trị, ngày 06 tháng 9 năm 2021"] == (14.0, "Bantin-Tinos-Italic")
    assert sizes["BCH HỘI LHPN TỈNH QUẢNG TRỊ"] == (12.0, "Bantin-Tinos-Bold")
    assert sizes["HỘI LHPN VIỆT NAM"] == (12.0, "Bantin-Tinos")
    assert sizes["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == (12.0, "Bantin-Tinos-Bold")
    assert sizes["Độc lập - Tự do - Hạnh phúc"] == (14.0, "Bantin-Tinos-Bold")
    body = next(k for k in sizes if k.startswith("Ban Thường vụ Hội LHPN tỉnh Quảng Trị thông báo"))
    assert sizes[body] == (14.0, "Bantin-Tinos")


def test_two_page_document_numbers_page_two_in_the_top_margin_only(built):
    _, site, _, _ = built
    pdf = site / PLAN_PDF
    pages = lines(pdf)
    assert len(pages) == 2
    height = 297 * MM
    top_one = [line.text for line in pages[0] if line.y0 > height - 20 * MM]
    top_two = [line for line in pages[1] if line.y0 > height - 20 * MM]
    assert top_one == []
    assert [line.text for line in top_two] == ["2"]
    centre = (30 * MM + (210 - 15) * MM) / 2  # centre of the text block between the margins
    assert abs((top_two[0].x0 + top_two[0].x1) / 2 - centre) < 2
    text = text_of(pdf)
    assert "I. MỤC ĐÍCH, YÊU CẦU." in text and "II. NỘI DUNG." in text
    assert "4. Bình đẳng giới" in text  # the literal numbering is kept
    assert "Nơi nhận:" in text and "Nguyễn Thị Hằng" in text


# ---- Links, feeds, metadata -----------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append((dict(attrs).get("href", ""), dict(attrs)))


def pdf_links(page: Path) -> list[str]:
    """The PDFs a page links to, as site paths."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    found = []
    for href, attrs in parser.hrefs:
        if href.endswith(".pdf"):
            assert attrs.get("type") == "application/pdf"
            found.append(href)
    return found


def _resolve(site: Path, page: Path, href: str) -> Path:
    url = urljoin("https://example.org/" + page.parent.relative_to(site).as_posix() + "/", href)
    return site / url.removeprefix("https://example.org/")


def test_issue_and_document_pages_link_their_pdf_and_the_register_lists_it(built):
    _, site, _, _ = built
    cases = [
        ("ban-tin/so-20-10-2021/index.html", [ISSUE_PDF]),
        ("van-ban/thong-bao-15-tb-btv-2021/index.html", [NOTICE_PDF]),
        ("van-ban/index.html", sorted([NOTICE_PDF, PLAN_PDF])),
    ]
    for page, expected in cases:
        hrefs = pdf_links(site / page)
        targets = sorted(_resolve(site, site / page, h).relative_to(site).as_posix() for h in hrefs)
        assert targets == expected, page
        assert all((site / t).is_file() for t in targets)
    issue_page = (site / "ban-tin/so-20-10-2021/index.html").read_text(encoding="utf-8")
    size = (site / ISSUE_PDF).stat().st_size
    assert f"{len(lines(site / ISSUE_PDF))} trang · {round(size / 1000)} KB" in issue_page


def test_issue_pdf_is_the_enclosure_of_its_entry_in_the_bulletin_feeds(built):
    _, site, _, _ = built
    size = (site / ISSUE_PDF).stat().st_size
    url = "https://example.org/bantin/" + ISSUE_PDF
    for feed in ("ban-tin/rss.xml", "ban-tin/atom.xml"):
        parsed = feedparser.parse((site / feed).read_bytes())
        assert parsed.bozo == 0, feed
        entry = next(e for e in parsed.entries if "20/10/2021" in e.title)
        assert [(e.href, e.type, int(e.length)) for e in entry.enclosures] == [(url, "application/pdf", size)], feed
        alternates = [link.href for link in entry.links if link.rel == "alternate"]
        assert alternates == ["https://example.org/bantin/ban-tin/so-20-10-2021/"], feed
    atom = (site / "ban-tin/atom.xml").read_text(encoding="utf-8")
    assert f'<link href="{url}" rel="enclosure" type="application/pdf" length="{size}"/>' in atom


def test_pdf_metadata_comes_from_the_content(built):
    _, site, _, _ = built
    issue = metadata(site / ISSUE_PDF)
    assert issue["/Title"] == "Bản tin Bình đẳng giới – Số 20/10/2021"
    assert issue["/CreationDate"].startswith("D:20211015000000+07'00")
    plan = metadata(site / PLAN_PDF)
    assert plan["/Title"] == "Kế hoạch 21/KH-BTV: Tổ chức các hoạt động kỷ niệm Ngày Quốc tế Phụ nữ 8/3"
    assert plan["/CreationDate"].startswith("D:20210201000000+07'00")
    assert plan["/Author"] == "BCH HỘI LHPN TỈNH QUẢNG TRỊ"


def test_print_templates_and_fonts_are_not_published(built):
    _, site, _, _ = built
    assert not (site / "print").exists()
    assert not list(site.rglob("*.ttf"))


# ---- Restricted fetching ---------------------------------------------------------------------


def test_urls_outside_the_site_are_left_out_and_reported_with_file_and_line(built):
    root, site, _, result = built
    article = "content/ban-tin/so-20-10-2021/giu-nghe-det-o-vinh-linh.md"
    text = (root / article).read_text(encoding="utf-8").splitlines()
    passwd_line = next(i for i, t in enumerate(text, start=1) if "file:///etc/passwd" in t)
    remote_line = next(i for i, t in enumerate(text, start=1) if "https://example.com/anh-ngoai.jpg" in t)
    assert "Traceback" not in result.stderr
    # The body cleaning (builder/outputs/safe_html.py) drops both addresses before the PDF is
    # made; bantin check names them at their lines.
    checked = bantin(root, "check", cache=root.parent / "check-cache")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{article}:{passwd_line}:11: cảnh báo: Địa chỉ 'file:///etc/passwd'" in checked.stdout
    assert f"{article}:{remote_line}:" in checked.stdout and "'https://example.com/anh-ngoai.jpg'" in checked.stdout
    pdf = (site / ISSUE_PDF).read_bytes()
    passwd = Path("/etc/passwd").read_bytes()
    assert passwd[:40] not in pdf and "root:" not in text_of(site / ISSUE_PDF)


# ---- Determinism and the cache -----------------------------------------------------------------


@pytest.mark.slow
def test_rebuilds_are_deterministic_cached_and_redo_only_what_changed(built, tmp_path):
    root, site, cache, _ = built
    first = {p: (site / p).read_bytes() for p in (ISSUE_PDF, SMALL_ISSUE_PDF, NOTICE_PDF, PLAN_PDF)}

    # A build with an empty cache renders everything again and gives the same bytes.
    fresh = tmp_path / "fresh-cache"
    result = bantin(root, "build", cache=fresh)
    assert result.returncode == 0, result.stderr
    assert {p: (site / p).read_bytes() for p in first} == first

    # An unchanged rebuild does no PDF work: nothing in the cache is written again.
    before = {p.name: p.stat().st_mtime_ns for p in fresh.joinpath("editions").iterdir()}
    result = bantin(root, "-v", "build", cache=fresh)
    assert result.returncode == 0, result.stderr
    assert "Không có gì thay đổi từ lần dựng trước" in result.stdout  # the whole build is skipped
    shutil.rmtree(fresh / "last-build")  # forget it: the PDFs alone must still be reused
    result = bantin(root, "-v", "build", cache=fresh)
    assert result.returncode == 0, result.stderr
    assert "4 bản in PDF (0 dựng mới, 4 lấy từ bộ nhớ đệm)" in result.stderr
    assert "Bản in PDF: 4 tệp, " in result.stdout and "(0 dựng mới, 4 dùng lại)." in result.stdout
    assert {p.name: p.stat().st_mtime_ns for p in fresh.joinpath("editions").iterdir()} == before

    # A changed document renders that PDF alone.
    doc = root / "content/van-ban/thong-bao-lich-dai-hoi.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("ngày 25 tháng 11", "ngày 26 tháng 11"), encoding="utf-8")
    result = bantin(root, "-v", "build", cache=fresh)
    assert result.returncode == 0, result.stderr
    assert "4 bản in PDF (1 dựng mới, 3 lấy từ bộ nhớ đệm)" in result.stderr
    assert "ngày 26 tháng 11" in text_of(site / NOTICE_PDF)
    assert {p: (site / p).read_bytes() for p in (ISSUE_PDF, PLAN_PDF)} == {p: first[p] for p in (ISSUE_PDF, PLAN_PDF)}


# ---- Configuration and bad input ---------------------------------------------------------------


def small_issue_site(root: Path, mkdocs_yml: str, extra: str = "") -> Path:
    """A site with the fixture's one-article issue only (one PDF: quick to build)."""
    issue = FIXTURES / "sites" / "editions" / "content" / "ban-tin" / "so-8-3-2022"
    files = {f"ban-tin/so-8-3-2022/{p.name}": p.read_text(encoding="utf-8") for p in issue.iterdir()}
    files["ban-tin/so-8-3-2022/tin-ngan.md"] += extra
    return make_site(root, files, mkdocs_yml)


@pytest.mark.slow
def test_missing_colophon_values_stop_the_build_only_when_editions_are_enabled(tmp_path):
    colophon = '            licence_number: "07/GP-STTTT"\n            printer: ""\n'
    root = small_issue_site(tmp_path / "on", config(colophon=colophon))
    result = bantin(root, "build", cache=tmp_path / "cache")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert (
        "Thiếu thông tin cuối trang của bản tin (plugins → bantin → editions → bulletin → colophon): "
        "licence_date (ngày cấp giấy phép), printer (nơi in), print_run (số lượng in), periodicity (kỳ hạn xuất bản), "
        "responsible (người chịu trách nhiệm xuất bản)."
    ) in result.stderr
    assert not (root / "site").exists()

    root = small_issue_site(tmp_path / "off", config(enabled=False, colophon=colophon))
    result = bantin(root, "build", cache=tmp_path / "cache")
    assert result.returncode == 0, result.stderr
    assert not list((root / "site").rglob("*.pdf"))
    assert "bt-pdf" not in (root / "site/ban-tin/so-8-3-2022/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"paper": "khổ to"}, "Khổ giấy 'khổ to' không đọc được"),
        (
            {"right": 10},
            "Lề right của văn bản (editions → documents → margins → right) là 10 mm, ngoài khoảng 15–20 mm",
        ),
    ],
)
def test_settings_outside_the_law_are_configuration_errors(tmp_path, overrides, message):
    root = make_edition_site(tmp_path, config(**overrides))
    result = bantin(root, "build", cache=tmp_path / "cache")
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_character_tinos_lacks_fails_the_build_naming_file_and_line(tmp_path):
    root = small_issue_site(tmp_path / "site-root", config(), extra="\nĐã hoàn thành ✓ kế hoạch.\n")
    article = root / "content/ban-tin/so-8-3-2022/tin-ngan.md"
    written = article.read_text(encoding="utf-8").splitlines()
    line, col = len(written), written[-1].index("✓") + 1
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("cũ", encoding="utf-8")
    result = bantin(root, "build", cache=tmp_path / "cache")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"content/ban-tin/so-8-3-2022/tin-ngan.md:{line}:{col}: lỗi: Bản in PDF chỉ dùng phông Tinos, "
        "nhưng '✓' (U+2713) không có trong phông này. Cách sửa: Bỏ hoặc thay các ký tự này"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]


def test_a_missing_font_file_stops_the_build_instead_of_falling_back(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    (theme / "print" / "fonts" / "Tinos-Bold.ttf").unlink()
    root = small_issue_site(tmp_path / "site-root", config().replace(f"custom_dir: {THEME}", f"custom_dir: {theme}"))
    result = bantin(root, "build", cache=tmp_path / "cache")
    assert result.returncode == 2
    assert "Thiếu tệp phông chữ theme/print/fonts/Tinos-Bold.ttf" in result.stderr
    assert "Traceback" not in result.stderr and "không mong đợi" not in result.stderr
    assert not (root / "site").exists()


# ---- The real content ------------------------------------------------------------------------


def test_real_site_has_the_pdfs_of_the_issue_and_the_plan(real_site):
    issue = real_site / "ban-tin/so-8-3-2021/so-8-3-2021.pdf"
    plan = next((real_site / "van-ban").glob("ke-hoach-206*/*.pdf"))
    issue_text, plan_text = text_of(issue), text_of(plan)
    for word in ("BẢN TIN", "Bình đẳng giới", "Số 8/3/2021", "Đại hội", "Quảng Trị", "Giấy phép xuất bản số"):
        assert word in issue_text, word
    first = pages_text(plan)[0]
    for word in (
        "Số: 206/KH-BTV",
        "Quảng Trị, ngày 17 tháng 8 năm 2020",
        "KẾ HOẠCH",
        "Định hướng hoạt động năm 2021",
        "Đại hội",
    ):
        assert word in first, word
    assert "Nơi nhận:" in plan_text and "Đỗ Thị Lý" in plan_text and "TM. BAN THƯỜNG VỤ" in plan_text
    assert page_sizes_mm(plan)[0] == (210.0, 297.0)
