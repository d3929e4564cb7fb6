"""Official documents of each type, from a Word file to the web page and the PDF; long tables
in a bulletin's PDF.

Two Word files are written here with python-docx, as the union's clerks make them: a công văn
(letter: "Số: 45/HPN-TG", "V/v ..." under the number wrapped onto two lines of its cell,
"Kính gửi:" with two addressees, a picture as wide as the text with its caption under it, a
60-row table) and a quyết định ("Căn cứ ..." lines, "QUYẾT ĐỊNH:", "Điều 1."). The real
``bantin import`` turns them into pages, the real ``bantin build`` (print editions on) makes
the pages and PDFs; the tests read the front matter, the HTML and the PDFs back (pdfminer line
positions and fonts, as tests/test_editions.py does for the plan). Page 1 of each PDF is
rendered to PNG with pdftoppm under test-artifacts/documents/ (git-ignored) for a person to
look at.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from PIL import Image

from conftest import NOW, ROOT, build_ok, fixture_config, make_site, publish, run_bantin
from pdfread import MM, lines

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts" / "documents"
LETTER_PAGE = "van-ban/cong-van-45-hpn-tg-2026"
DECISION_PAGE = "van-ban/quyet-dinh-12-qd-btv-2026"
CAPTION = "Hội viên phụ nữ xã Vĩnh Linh tham gia Ngày hội văn hóa"
ROWS = 60

CONFIG = fixture_config("union")
"""The union's mkdocs.yml (frozen fixture): print editions on, A4 documents with the default
margins, the site's stylesheet (bantin.css) linked, as on the real site."""

LEFT, RIGHT = 30 * MM, (210 - 15) * MM
"""The text block of an A4 document between the default margins (Decree 30: 30 mm, 15 mm)."""
MIDDLE = 210 * MM / 2


def picture(size: tuple[int, int]) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, "#ad1457").save(data, "PNG")
    data.seek(0)
    return data


def cell_lines(cell, texts: list[str], bold: bool = False, italic: bool = False) -> None:
    cell.paragraphs[0].text = ""
    for i, text in enumerate(texts):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic


def letterhead(d, number_lines: list[str], date_line: str) -> None:
    head = d.add_table(rows=2, cols=2)
    cell_lines(head.cell(0, 0), ["HỘI LHPN VIỆT NAM", "BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ", "***"])
    cell_lines(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    cell_lines(head.cell(1, 0), number_lines)
    cell_lines(head.cell(1, 1), [date_line], italic=True)


def signature(d, recipients: list[str]) -> None:
    sign = d.add_table(rows=1, cols=2)
    cell_lines(sign.cell(0, 0), ["Nơi nhận:", *recipients])
    cell_lines(sign.cell(0, 1), ["TM. BAN THƯỜNG VỤ", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Thị Hoa"], bold=True)


def letter_docx(path: Path) -> None:
    """A công văn as the issue describes it, with a wide picture, its caption and a long table."""
    d = docx.Document()
    letterhead(
        d,
        ["Số: 45/HPN-TG", "V/v tuyên truyền kỷ niệm 96 năm ngày", "thành lập Hội LHPN Việt Nam"],
        "Quảng Trị, ngày 02 tháng 10 năm 2026",
    )
    d.add_paragraph("Kính gửi:")
    d.add_paragraph("- Hội LHPN các xã, phường, đặc khu;")
    d.add_paragraph("- Các ban, đơn vị thuộc Hội LHPN tỉnh.")
    d.add_paragraph(
        "Thực hiện Hướng dẫn số 12/HD-ĐCT của Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam về tuyên "
        "truyền kỷ niệm 96 năm ngày thành lập Hội LHPN Việt Nam (20/10/1930 - 20/10/2026), Ban Thường vụ "
        "Hội LHPN tỉnh đề nghị các cấp Hội thực hiện một số nội dung sau:"
    )
    d.add_paragraph("1. Tuyên truyền trên trang thông tin điện tử và mạng xã hội của Hội.")
    d.add_paragraph().add_run().add_picture(picture((1600, 500)), width=docx.shared.Cm(16.5))
    d.inline_shapes[0]._inline.docPr.set("descr", CAPTION)
    d.add_paragraph(CAPTION)  # Word's caption under the picture: the same words as its alt text
    d.add_paragraph("2. Báo cáo số hội viên tham gia theo bảng sau:")
    table = d.add_table(rows=ROWS + 1, cols=3)
    for c, text in enumerate(("STT", "Đơn vị", "Số hội viên tham gia")):
        table.cell(0, c).text = text
    for r in range(1, ROWS + 1):
        # The last cell wraps onto several lines: such a row is the one WeasyPrint would split.
        remark = " ".join(
            ["tham gia đầy đủ các buổi sinh hoạt chuyên đề và hội thi tìm hiểu lịch sử Hội;"] * (1 + r % 3)
        )
        for c, text in enumerate((str(r), f"Chi hội số {r}", f"{r * 7} hội viên, {remark} (hết dòng {r})")):
            table.cell(r, c).text = text
    d.add_paragraph("Đề nghị các cấp Hội triển khai thực hiện./.")
    signature(d, ["- Như trên;", "- Lưu: VT, TG."])
    d.save(path)


def decision_docx(path: Path) -> None:
    """A quyết định: type line, "Về việc ...", the deciding body, basis, "QUYẾT ĐỊNH:", articles."""
    d = docx.Document()
    letterhead(d, ["Số: 12/QĐ-BTV"], "Quảng Trị, ngày 05 tháng 10 năm 2026")
    d.add_paragraph().add_run("QUYẾT ĐỊNH").bold = True
    d.add_paragraph().add_run("Về việc thành lập Ban Tổ chức Hội thi “Phụ nữ khởi nghiệp” năm 2026").bold = True
    d.add_paragraph().add_run("BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ").bold = True
    d.add_paragraph("Căn cứ Điều lệ Hội Liên hiệp Phụ nữ Việt Nam;")
    d.add_paragraph("Căn cứ Kế hoạch số 30/KH-BTV ngày 02 tháng 3 năm 2026 của Ban Thường vụ Hội LHPN tỉnh;")
    d.add_paragraph("Theo đề nghị của Trưởng ban Tuyên giáo.")
    d.add_paragraph().add_run("QUYẾT ĐỊNH:").bold = True
    d.add_paragraph("Điều 1. Thành lập Ban Tổ chức Hội thi “Phụ nữ khởi nghiệp” năm 2026 gồm các bà có tên sau.")
    d.add_paragraph("Điều 2. Ban Tổ chức có nhiệm vụ xây dựng thể lệ và tổ chức Hội thi.")
    d.add_paragraph("Điều 3. Quyết định có hiệu lực kể từ ngày ký./.")
    signature(d, ["- Như Điều 3;", "- Lưu: VT, TG."])
    d.save(path)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Both Word files imported and the site built once: ``(root, site folder, import outputs)``."""
    root = make_site(
        tmp_path_factory.mktemp("documents"), {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"}, config=CONFIG
    )
    letter_docx(root / "Cong van 45.docx")
    decision_docx(root / "Quyet dinh 12.docx")
    imports = [run_bantin(root, "import", name, now=NOW) for name in ("Cong van 45.docx", "Quyet dinh 12.docx")]
    for result in imports:
        assert result.returncode == 0, result.stdout + result.stderr
    for page in (root / "content" / "van-ban").glob("*.md"):
        publish(page)  # every import is a draft until the editor has read it over
    return root, build_ok(root), imports


def front_matter(root: Path, stem: str) -> str:
    return (root / "content" / "van-ban" / f"{stem}.md").read_text(encoding="utf-8")


def pdf_of(site_dir: Path, page: str) -> Path:
    return site_dir / page / f"{page.split('/')[-1]}.pdf"


def page_one_png(pdf: Path, name: str) -> Path:
    """Page 1 of ``pdf`` as a PNG under test-artifacts/documents/ (pdftoppm, 100 dpi)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: apt-get install poppler-utils")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
        timeout=60,
    )
    return stem.with_suffix(".png")


def chars_of(pdf: Path, page_number: int = 0) -> list:
    """The characters of one page (pdfminer LTChar: text, font name, box)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    page = list(extract_pages(str(pdf)))[page_number]
    found = []
    for box in page:
        if isinstance(box, LTTextContainer):
            for line in box:
                found.extend(c for c in line if isinstance(c, LTChar))
    return found


def line_starting(page: list, text: str):
    return next(line for line in page if line.text.startswith(text))


def font_of(pdf: Path, text: str) -> str:
    """The font (without subset prefix) of the first character of the first line starting with ``text``."""
    page = lines(pdf)[0]
    target = line_starting(page, text)
    for char in chars_of(pdf):
        if abs(char.y0 - target.y0) < 2 and abs(char.x0 - target.x0) < 1:
            return char.fontname.split("+")[-1]
    raise AssertionError(f"no character at the start of {text!r}")


# ---- Công văn ---------------------------------------------------------------------------------


def test_letter_import_keeps_the_subject_and_reads_the_addressees(site):
    root, _, imports = site
    text = front_matter(root, "cong-van-45-hpn-tg")
    assert "document_type: Công văn" in text
    assert "summary_line: tuyên truyền kỷ niệm 96 năm ngày thành lập Hội LHPN Việt Nam" in text
    assert "addressees:\n  - Hội LHPN các xã, phường, đặc khu;\n  - Các ban, đơn vị thuộc Hội LHPN tỉnh.\n" in text
    body = text.split("---", 2)[2]
    assert "Kính gửi" not in body and body.lstrip().startswith("Thực hiện Hướng dẫn số 12/HD-ĐCT")
    assert "Quảng Trị, ngày" not in body and "thành lập Hội LHPN Việt Nam\n" not in body.split("Thực hiện")[0]
    assert "Cần xem lại" not in imports[0].stdout


def test_letter_page_has_no_type_heading_and_its_subject_under_the_number(site):
    _, site_dir, _ = site
    html = (site_dir / LETTER_PAGE / "index.html").read_text(encoding="utf-8")
    assert 'class="bt-doc__type"' not in html and "CÔNG VĂN" not in html
    number_cell = re.search(r'<td class="bt-doc__number">(.*?)</td>', html, re.S).group(1)
    assert "Số: 45/HPN-TG" in number_cell
    assert re.search(
        r'<div class="bt-doc__subject">V/v tuyên truyền kỷ niệm 96 năm ngày thành lập Hội LHPN Việt Nam</div>',
        number_cell,
    )
    addressees = re.search(r'<div class="bt-doc__addressees">(.*?)</div>', html, re.S).group(1)
    assert "Kính gửi:" in addressees and "- Hội LHPN các xã, phường, đặc khu;" in addressees
    first = re.search(r'<div class="bt-doc__text">\s*<p([^>]*)>Thực hiện Hướng dẫn', html)
    assert first is not None and "basis" not in first.group(1)  # not set in italics
    assert "<title>Công văn số 45/HPN-TG: V/v tuyên truyền" in html
    register = (site_dir / "van-ban" / "index.html").read_text(encoding="utf-8")
    assert "<td>V/v tuyên truyền kỷ niệm 96 năm ngày thành lập Hội LHPN Việt Nam</td>" in register


def test_letter_pdf_puts_the_subject_under_the_number_and_kinh_gui_before_the_body(site):
    _, site_dir, _ = site
    pdf = pdf_of(site_dir, LETTER_PAGE)
    page = lines(pdf)[0]
    texts = [line.text for line in page]
    assert "CÔNG VĂN" not in texts
    number = line_starting(page, "Số: 45/HPN-TG")
    subject = line_starting(page, "V/v tuyên truyền")
    date_line = line_starting(page, "Quảng Trị, ngày 02 tháng 10 năm 2026")
    assert abs(date_line.y0 - number.y0) < 3 and date_line.x0 > MIDDLE
    assert number.x1 < MIDDLE and subject.x1 < date_line.x0  # left column, under the issuer
    assert subject.y1 <= number.y0 + 1  # under the number
    assert "V/v tuyên truyền kỷ niệm 96 năm ngày thành lập Hội LHPN Việt Nam" in " ".join(
        line.text for line in page if subject.y0 - 20 < line.y0 <= subject.y0 and line.x1 < date_line.x0
    )
    kinh_gui = line_starting(page, "Kính gửi:")
    first = line_starting(page, "Thực hiện Hướng dẫn")
    assert date_line.y0 > kinh_gui.y0 > line_starting(page, "- Hội LHPN các xã").y0 > first.y0
    assert abs(first.x0 - (LEFT + 10 * MM)) < 1  # the 1 cm first-line indent
    assert font_of(pdf, "Thực hiện Hướng dẫn") == "Bantin-Tinos"  # upright, not italic
    assert font_of(pdf, "V/v tuyên truyền") == "Bantin-Tinos"  # upright, not bold (Decree 30, Appendix I)
    print("page 1:", page_one_png(pdf, "cong-van-45-hpn-tg-trang-1"))


def pdf_images(pdf: Path) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page index, box) of every picture in ``pdf``."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    found = []
    for index, page in enumerate(extract_pages(str(pdf))):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTImage):
                found.append((index, item.bbox))
            elif isinstance(item, LTFigure):
                stack.extend(item)
    return found


def test_picture_fits_the_text_width_in_the_pdf_and_its_caption_is_printed_once(site):
    _, site_dir, _ = site
    pdf = pdf_of(site_dir, LETTER_PAGE)
    images = pdf_images(pdf)
    assert len(images) == 1
    x0, _, x1, _ = images[0][1]
    assert LEFT - 1 <= x0 and x1 <= RIGHT + 1, (x0 / MM, x1 / MM)
    all_lines = [line.text for page in lines(pdf) for line in page]
    assert sum(CAPTION in text for text in all_lines) == 1


def test_long_table_rows_stay_whole_and_the_header_row_repeats_in_the_pdf(site):
    _, site_dir, _ = site
    pages = lines(pdf_of(site_dir, LETTER_PAGE))
    seen, table_pages = set(), 0
    for page in pages:
        text = " ".join(line.text for line in page)
        # Row N's last cell starts "<7N> hội viên," and ends "(hết dòng N)": a row split across
        # pages has its start on one page and its end on the next.
        starts = {int(n) // 7 for n in re.findall(r"(\d+) hội viên,", text)}
        ends = {int(n) for n in re.findall(r"\(hết\s+dòng\s+(\d+)\)", text)}
        if not starts and not ends:
            continue
        table_pages += 1
        assert starts == ends, f"rows split across pages: {sorted(starts ^ ends)}"
        assert "Số hội viên tham gia" in text, "the header row is not repeated"
        assert all(line.x1 <= RIGHT + 1 for line in page)
        seen |= starts
    assert seen == set(range(1, ROWS + 1)) and table_pages >= 3


def word_gaps(pdf: Path, words: str) -> list[tuple[str, float, float]]:
    """(line, gap, width of the space) for each space between two words on the lines of ``pdf``
    that contain ``words``: the gap is from the end of one word to the start of the next, in pt."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    found = []
    for page in extract_pages(str(pdf)):
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if words not in line.get_text():
                    continue
                chars = [c for c in line if isinstance(c, LTChar)]
                for before, space, after in zip(chars, chars[1:], chars[2:]):
                    if space.get_text() == " " and before.get_text() != " " and after.get_text() != " ":
                        found.append((line.get_text().strip(), after.x0 - before.x1, space.x1 - space.x0))
    return found


NARROW_TABLE = """---
document_type: Kế hoạch
document_number: "41/KH-BTV"
date: 2026-10-11
summary_line: Tổ chức Ngày hội phụ nữ khởi nghiệp năm 2026
signer: {authority: TM. BAN THƯỜNG VỤ, title: CHỦ TỊCH, name: Đỗ Thị Lý}
recipients: ["Lưu: VT."]
---
Các đơn vị tham gia:

| TT | Đơn vị | Số gian hàng | Sản phẩm chủ lực của đơn vị tham gia | Người phụ trách | Ghi chú |
|---|---|---|---|---|---|
""" + "".join(
    f"| {n} | Hội LHPN xã số {n} | {n % 4 + 1} gian | Mật ong, bánh lọc, nước mắm truyền thống "
    f"của địa phương | Chủ tịch Hội LHPN xã | ô {n} |\n"
    for n in range(1, 9)
)


def test_table_cells_are_set_flush_left_not_justified_in_the_pdf(tmp_path):
    """A cell's wrapped lines keep ordinary word spaces. Justified like the paragraphs around
    the table, a narrow column spread "Hội LHPN" to three times a space."""
    root = make_site(
        tmp_path,
        {"van-ban/ke-hoach-41.md": NARROW_TABLE, "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"},
        config=CONFIG,
    )
    pdf = next((build_ok(root, now=NOW) / "van-ban").glob("*/*.pdf"))

    gaps = word_gaps(pdf, "Hội") + word_gaps(pdf, "Mật ong")

    assert len(gaps) >= 16  # each row's "Hội LHPN" and its product's first line
    wide = [(line, round(gap, 1), round(space, 1)) for line, gap, space in gaps if gap > 1.5 * space]
    assert not wide, wide[:5]


# ---- Quyết định -------------------------------------------------------------------------------


def test_decision_import_and_pdf_follow_the_decision_layout(site):
    root, site_dir, _ = site
    text = front_matter(root, "quyet-dinh-12-qd-btv")
    assert "document_type: Quyết định" in text
    assert "summary_line: Về việc thành lập Ban Tổ chức Hội thi “Phụ nữ khởi nghiệp” năm 2026" in text
    pdf = pdf_of(site_dir, DECISION_PAGE)
    page = lines(pdf)[0]
    centre = (LEFT + RIGHT) / 2

    def centred(line) -> bool:
        return abs((line.x0 + line.x1) / 2 - centre) < 3

    heading = next(line for line in page if line.text == "QUYẾT ĐỊNH")
    summary = line_starting(page, "Về việc thành lập Ban Tổ chức")
    enactor = next(
        line for line in page if line.text == "BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ" and line.y0 < heading.y0
    )
    basis = line_starting(page, "Căn cứ Điều lệ")
    decides = next(line for line in page if line.text == "QUYẾT ĐỊNH:")
    article = line_starting(page, "Điều 1. Thành lập")
    assert heading.y0 > summary.y0 > enactor.y0 > basis.y0 > decides.y0 > article.y0
    assert all(centred(line) for line in (heading, enactor, decides)), [
        (x.text, x.x0, x.x1) for x in (heading, enactor, decides)
    ]
    assert font_of(pdf, "Căn cứ Điều lệ") == "Bantin-Tinos-Italic"
    assert font_of(pdf, "Theo đề nghị") == "Bantin-Tinos-Italic"
    assert font_of(pdf, "QUYẾT ĐỊNH:") == "Bantin-Tinos-Bold"
    assert font_of(pdf, "Điều 1.") == "Bantin-Tinos-Bold"
    assert abs(article.x0 - (LEFT + 10 * MM)) < 1
    print("page 1:", page_one_png(pdf, "quyet-dinh-12-qd-btv-trang-1"))


# ---- On a phone -------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_picture_and_table_stay_within_the_text_on_the_page(site, browser, width):
    _, site_dir, _ = site
    if True:  # the shared session browser (conftest.browser)
        page = browser.new_page(viewport={"width": width, "height": 844})
        try:
            page.goto((site_dir / LETTER_PAGE / "index.html").as_uri())
            page.wait_for_load_state("load")
            boxes = page.evaluate("""() => {
                const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
                const text = document.querySelector('.bt-doc__text');
                return {text: box(text), images: [...text.querySelectorAll('img')].map(box),
                        tables: [...text.querySelectorAll('table')].map(box),
                        page: document.documentElement.scrollWidth,
                        styles: [...document.styleSheets].map(s => s.href || '')};
            }""")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"cong-van-45-hpn-tg-{width}px.png"), full_page=False)
        finally:
            page.close()
    assert any(href.endswith("bantin.css") for href in boxes["styles"])
    left, right = boxes["text"]
    assert len(boxes["images"]) == 1 and len(boxes["tables"]) == 1
    for x0, x1 in boxes["images"] + boxes["tables"]:
        assert left - 0.5 <= x0 and x1 <= right + 0.5, (boxes, width)
    assert boxes["page"] <= width  # nothing makes the page scroll sideways


# ---- A bulletin's table ----------------------------------------------------------------------


def table_rows_of(pdf: Path) -> tuple[set[int], list[tuple[set[int], set[int], str]]]:
    """Per page of ``pdf``: rows started ("Tổ N:"), rows ended ("(hết dòng N)") and the page text."""
    found = []
    for page in lines(pdf):
        text = " ".join(line.text for line in page)
        starts = {int(n) for n in re.findall(r"Tổ (\d+):", text)}
        ends = {int(n) for n in re.findall(r"\(hết\s+dòng\s+(\d+)\)", text)}
        found.append((starts, ends, text))
    return found


def test_a_bulletin_table_keeps_its_rows_whole_and_repeats_its_header(tmp_path):
    # The last cell is the long one, as in the reported table (its last cell alone on the next page).
    rows = "\n".join(
        f"| {r * 3} | Tổ {r}: {'tham gia sinh hoạt chuyên đề về bình đẳng giới; ' * (2 + r % 5)}(hết dòng {r}) |"
        for r in range(1, ROWS + 1)
    )
    root = make_site(
        tmp_path,
        {
            "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n",
            "ban-tin/so-1-2026/index.md": "---\ntitle: Bản tin số 1/2026\nnumber: 1\nlabel: Số 1/2026\n"
            "date: 2026-10-01\narticles:\n  - bang.md\n---\n\nLời mở đầu.\n",
            "ban-tin/so-1-2026/bang.md": "---\ntitle: Kết quả sinh hoạt chuyên đề\nauthors: [Hồ Thị Lan]\n---\n\n"
            f"Kết quả theo từng tổ:\n\n| Lượt | Tổ phụ nữ |\n| --- | --- |\n{rows}\n",
        },
        config=CONFIG,
    )
    site_dir = build_ok(root)
    pdf = site_dir / "ban-tin" / "so-1-2026" / "so-1-2026.pdf"
    seen, pages = set(), 0
    for starts, ends, text in table_rows_of(pdf):
        if not starts and not ends:
            continue
        pages += 1
        assert starts == ends, f"rows split across pages: {sorted(starts ^ ends)}"
        assert "Tổ phụ nữ" in text and "Lượt" in text, "the header row is not repeated"
        seen |= starts
    assert seen == set(range(1, ROWS + 1)) and pages >= 2


def test_a_letter_written_by_hand_with_v_v_in_its_summary_prints_it_once(tmp_path):
    root = make_site(
        tmp_path,
        {
            "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n",
            "van-ban/cv-12.md": """\
---
document_type: Công văn
document_number: "12/HPN-VP"
date: 2026-10-05
summary_line: "V/v cử cán bộ dự tập huấn"
addressees: ["Hội LHPN các xã, phường"]
signer: {authority: TL. BAN THƯỜNG VỤ, title: CHÁNH VĂN PHÒNG, name: Lê Thị Mai}
---

Ban Thường vụ Hội LHPN tỉnh đề nghị các cơ sở Hội cử cán bộ dự tập huấn./.
""",
        },
        config=CONFIG,
    )
    site_dir = build_ok(root)
    html = (site_dir / "van-ban" / "cong-van-12-hpn-vp-2026" / "index.html").read_text(encoding="utf-8")
    assert '<div class="bt-doc__subject">V/v cử cán bộ dự tập huấn</div>' in html
    assert "V/v V/v" not in html
    assert '<span class="bt-doc__addressees-title">Kính gửi:</span> Hội LHPN các xã, phường</p>' in html
    page = lines(site_dir / "van-ban" / "cong-van-12-hpn-vp-2026" / "cong-van-12-hpn-vp-2026.pdf")[0]
    assert [line.text for line in page if "V/v" in line.text] == ["V/v cử cán bộ dự tập huấn"]
    assert any(line.text == "Kính gửi: Hội LHPN các xã, phường" for line in page)
