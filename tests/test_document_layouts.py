"""Every common type of official document, on the web page and in the PDF.

The fixture site ``tests/fixtures/sites/documents`` holds one small document of each type the
editors' guide offers (Công văn, Quyết định, Thông báo, Báo cáo, Kế hoạch, Hướng dẫn, Chương
trình, Tờ trình, Thông báo kết luận, Giấy mời, Biên bản), each with a picture wider than the
text and a small table. It is built once (print editions on, the union's mkdocs.yml); each
type is then checked by the structure of its page (lxml) and by where its lines stand in the
PDF (pdfminer, as tests/test_document_types.py does for the imported công văn): the type
heading centred, the number left and the place and date right on one line, the trích yếu under
the heading (or "V/v ..." under the number), the signature right and "Nơi nhận:" left; a biên
bản has no place and date, and the secretary's signature left of the chair's with "Nơi nhận:"
under them (Decree 30/2020/NĐ-CP, Appendix III, Mẫu 1.4, 1.5, 1.2, 1.7, 1.9). Page 1 of each
PDF is saved as a PNG under test-artifacts/documents/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from builder.content.document_types import LAYOUTS
from conftest import FIXTURES, ROOT, build_ok, copy_fixture, fixture_config, run_bantin
from pdfread import MM, lines
from test_document_types import pdf_images

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts" / "documents"
LEFT, RIGHT = 30 * MM, (210 - 15) * MM
"""The text block of an A4 document between the union's margins (30 mm left, 15 mm right)."""
MIDDLE = 210 * MM / 2
CENTRE = (LEFT + RIGHT) / 2
CAPTION = "Hội viên phụ nữ dự hội nghị"


@dataclass(frozen=True)
class Case:
    """One fixture document: its page, what its heading and trích yếu must read."""

    page: str  # van-ban/<slug>
    number: str
    heading: str  # "" for a công văn
    summary: str  # the first words of the trích yếu as printed
    first: str  # the first words of the body
    signer: str  # the name in the (right-hand) signature

    @property
    def slug(self) -> str:
        return self.page.split("/")[-1]


CASES = [
    Case(
        "van-ban/cong-van-45-hpn-tg-2026",
        "45/HPN-TG",
        "",
        "V/v tuyên truyền kỷ niệm",
        "Thực hiện Hướng dẫn",
        "Nguyễn Thị Hoa",
    ),
    Case(
        "van-ban/quyet-dinh-12-qd-btv-2026",
        "12/QĐ-BTV",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Ban Tổ chức",
        "BAN THƯỜNG VỤ HỘI LHPN",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/thong-bao-20-tb-btv-2026",
        "20/TB-BTV",
        "THÔNG BÁO",
        "Lịch tiếp công dân",
        "Ban Thường vụ Hội LHPN tỉnh thông báo",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/bao-cao-31-bc-btv-2026",
        "31/BC-BTV",
        "BÁO CÁO",
        "Kết quả công tác Hội",
        "Căn cứ Chương trình",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/ke-hoach-32-kh-btv-2026",
        "32/KH-BTV",
        "KẾ HOẠCH",
        "Tổ chức Tháng hành động",
        "Căn cứ Kế hoạch số 868",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/huong-dan-05-hd-btv-2026",
        "05/HD-BTV",
        "HƯỚNG DẪN",
        "Tổ chức sinh hoạt chuyên đề",
        "Thực hiện Chương trình",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/chuong-trinh-07-ctr-btv-2026",
        "07/CTr-BTV",
        "CHƯƠNG TRÌNH",
        "Công tác kiểm tra, giám sát",
        "Căn cứ Điều lệ",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/to-trinh-09-ttr-btv-2026",
        "09/TTr-BTV",
        "TỜ TRÌNH",
        "Đề nghị khen thưởng",
        "Căn cứ Luật Thi đua",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/thong-bao-ket-luan-21-tb-btv-2026",
        "21/TB-BTV",
        "THÔNG BÁO",
        "Kết luận của Thường trực",
        "Ngày 10 tháng 10 năm 2026",
        "Đỗ Thị Lý",
    ),
    Case(
        "van-ban/giay-moi-15-gm-btv-2026",
        "15/GM-BTV",
        "GIẤY MỜI",
        "Hội nghị sơ kết công tác Hội",
        "Ban Thường vụ Hội LHPN tỉnh Quảng Trị trân trọng kính mời:",
        "Lê Thị Mai",
    ),
    Case(
        "van-ban/bien-ban-03-bb-btv-2026",
        "03/BB-BTV",
        "BIÊN BẢN",
        "Hội nghị Ban Thường vụ",
        "Thời gian bắt đầu:",
        "Nguyễn Thị Hoa",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture site built once; per case, its HTML tree and its PDF's lines (read once)."""
    root = copy_fixture("documents", tmp_path_factory.mktemp("types"))
    (root / "mkdocs.yml").write_text(fixture_config("union"), encoding="utf-8")
    site_dir = build_ok(root)
    pages = {"site": site_dir}
    for case in CASES:
        pdf = site_dir / case.page / f"{case.slug}.pdf"
        html = lxml.html.fromstring((site_dir / case.page / "index.html").read_text(encoding="utf-8"))
        pages[case.page] = (html, lines(pdf), pdf)
    return pages


def one(tree, css_class: str):
    found = tree.find_class(css_class)
    assert len(found) == 1, (css_class, len(found))
    return found[0]


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def starting(page, text: str):
    found = [line for line in page if line.text.startswith(text)]
    assert found, (text, [line.text for line in page])
    return found[0]


def centred(line) -> bool:
    return abs((line.x0 + line.x1) / 2 - CENTRE) < 3


@pytest.mark.parametrize("case", CASES, ids=[case.slug for case in CASES])
def test_the_page_shows_the_parts_of_its_type(built, case):
    tree = built[case.page][0]
    doc = one(tree, "bt-doc")
    assert text_of(one(doc, "bt-doc__number")).startswith(f"Số: {case.number}")
    place_date = text_of(one(doc, "bt-doc__place-date"))
    if case.heading:
        assert text_of(one(doc, "bt-doc__type")) == case.heading
        assert text_of(one(doc, "bt-doc__summary")).startswith(case.summary)
        assert not doc.find_class("bt-doc__subject")
    else:  # a công văn: no type heading, "V/v ..." under the number
        assert not doc.find_class("bt-doc__type")
        assert text_of(one(one(doc, "bt-doc__number"), "bt-doc__subject")).startswith(case.summary)
    body = one(doc, "bt-doc__text")
    assert text_of(body).startswith(case.first)
    signatures = doc.find_class("bt-doc__signature")
    names = [text_of(one(s, "bt-doc__signer-name")) for s in signatures]
    recipients = one(doc, "bt-doc__recipients")
    assert text_of(recipients).startswith("Nơi nhận:")
    if case.heading == "BIÊN BẢN":
        assert place_date == ""  # Mẫu 1.9: the meeting's time is in the body
        assert names == ["Trần Thị Bình", "Nguyễn Thị Hoa"]  # the secretary left, the chair right
        assert [text_of(one(s, "bt-doc__signer-title")) for s in signatures] == ["THƯ KÝ", "CHỦ TỌA"]
        rows = one(doc, "bt-doc__footer").findall(".//tr")
        assert len(rows) == 2 and recipients in rows[1].iter()  # "Nơi nhận:" under the signatures
    else:
        assert place_date.startswith("Quảng Trị, ngày ")
        assert names == [case.signer]
    if case.heading == "TỜ TRÌNH":
        assert text_of(one(doc, "bt-doc__addressees")) == "Kính gửi: Ban Thường vụ Hội LHPN Việt Nam"


@pytest.mark.parametrize("case", CASES, ids=[case.slug for case in CASES])
def test_the_pdf_puts_each_part_where_the_decree_does(built, case):
    _, pages, pdf = built[case.page]
    first, last = pages[0], pages[-1]
    number = starting(first, f"Số: {case.number}")
    assert number.x1 < MIDDLE  # the left column, under the issuer
    dates = [line for page in pages for line in page if line.text.startswith("Quảng Trị, ngày")]
    if case.heading == "BIÊN BẢN":
        assert dates == []
    else:
        assert len(dates) == 1 and dates[0].x0 > MIDDLE and abs(dates[0].y0 - number.y0) < 3
    summary = starting(first, case.summary)
    if case.heading:
        heading = next(line for line in first if line.text == case.heading)
        assert centred(heading), (heading, CENTRE)
        assert number.y0 > heading.y0 > summary.y0 and centred(summary)
    else:
        assert summary.x1 < dates[0].x0 and summary.y1 <= number.y0 + 1  # the number's column, under it
        assert not any(line.text == "CÔNG VĂN" for line in first)
    body = starting(first, case.first)
    assert summary.y0 > body.y0
    if case.heading == "TỜ TRÌNH":  # "Kính gửi:" after the heading, before the body
        kinh_gui = starting(first, "Kính gửi:")
        assert summary.y0 > kinh_gui.y0 > body.y0
    title = starting(last, "Nơi nhận:")
    assert abs(title.x0 - LEFT) < 2
    if case.heading == "BIÊN BẢN":
        secretary, chair = starting(last, "THƯ KÝ"), starting(last, "CHỦ TỌA")
        names = starting(last, "Trần Thị Bình"), starting(last, "Nguyễn Thị Hoa")
        assert abs(secretary.y0 - chair.y0) < 2 and abs(names[0].y0 - names[1].y0) < 2  # side by side
        assert secretary.x1 < MIDDLE < chair.x0 and names[0].x1 < MIDDLE < names[1].x0
        assert chair.y0 > names[1].y0 > title.y0  # "Nơi nhận:" under both signatures
    else:
        name = starting(last, case.signer)
        assert name.x0 > MIDDLE and name.y0 < title.y0  # right, under its title; "Nơi nhận:" level with the title
    # Inherited from the common frame: the picture within the text, its caption printed once,
    # the table within the text.
    images = pdf_images(pdf)
    assert len(images) == 1 and LEFT - 1 <= images[0][1][0] and images[0][1][2] <= RIGHT + 1, images
    assert sum(CAPTION in line.text for page in pages for line in page) == 1
    assert all(line.x1 <= RIGHT + 1 for page in pages for line in page)
    png = page_one_png(pdf, f"{case.slug}-trang-1")
    if png:
        print("page 1:", png)


@pytest.mark.browser
def test_on_a_phone_no_picture_or_table_passes_the_text_of_any_type(built, browser):
    """At 390 px (a phone), on every type's page, the picture and the table stay within the text
    column and nothing makes the page scroll sideways."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    found = {}
    try:
        for case in CASES:
            page.goto((built["site"] / case.page / "index.html").as_uri())
            page.wait_for_load_state("load")
            found[case.slug] = page.evaluate("""() => {
                const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
                const text = document.querySelector('.bt-doc__text');
                return {text: box(text), items: [...text.querySelectorAll('img, table')].map(box),
                        page: document.documentElement.scrollWidth};
            }""")
    finally:
        page.close()
    for slug, boxes in found.items():
        left, right = boxes["text"]
        assert len(boxes["items"]) == 2, slug
        assert all(left - 0.5 <= x0 and x1 <= right + 0.5 for x0, x1 in boxes["items"]), (slug, boxes)
        assert boxes["page"] <= 390, (slug, boxes)


def page_one_png(pdf: Path, name: str) -> Path | None:
    """Page 1 of ``pdf`` as a PNG under test-artifacts/documents/ (pdftoppm, 100 dpi); None
    without pdftoppm (poppler-utils), which only the person looking at the pictures needs."""
    if shutil.which("pdftoppm") is None:
        return None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = ARTIFACTS / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
        timeout=60,
    )
    return stem.with_suffix(".png")


def test_a_bien_ban_without_its_secretary_is_refused_with_the_fix(tmp_path):
    root = copy_fixture("documents", tmp_path)
    page = root / "content" / "van-ban" / "bien-ban.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("secretary: {title: THƯ KÝ, name: Trần Thị Bình}\n", ""),
        encoding="utf-8",
    )
    thong_bao = root / "content" / "van-ban" / "thong-bao.md"
    thong_bao.write_text(
        thong_bao.read_text(encoding="utf-8").replace(
            "recipients:", "secretary: {title: THƯ KÝ, name: Trần Thị Bình}\nrecipients:"
        ),
        encoding="utf-8",
    )
    result = run_bantin(root, "check")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "van-ban/bien-ban.md:2" in out and "thiếu 'secretary' (thư ký)" in out and "secretary: {title: THƯ KÝ" in out
    assert "van-ban/thong-bao.md:7" in out and "Chỉ biên bản có chữ ký thư ký" in out
    assert "Traceback" not in out


def test_every_type_with_a_layout_has_a_fixture_and_a_line_in_the_guide():
    """A type added to LAYOUTS without a fixture document or a line in HUONG-DAN.md is caught."""
    folder = FIXTURES / "sites" / "documents" / "content" / "van-ban"
    fixtures = {
        re.search(r"^document_type: (.+)$", path.read_text(encoding="utf-8"), re.M).group(1)
        for path in folder.glob("*.md")
    }
    assert fixtures == set(LAYOUTS) and len(CASES) == len(LAYOUTS)
    guide = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
    table = guide.split("Các loại văn bản (`document_type`)", 1)[1].split("\n\n", 2)[1]
    listed = {name.strip() for row in table.splitlines()[2:] for name in row.split("|")[1].split(",")}
    assert listed == set(LAYOUTS)
