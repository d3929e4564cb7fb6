"""``bantin import`` of a Word file of each common document type, and the signature forms on
the page and in the PDF.

One Word file per type is written here with python-docx as a clerk makes it (letterhead table,
type line or "V/v", trích yếu, "Kính gửi:" where the type has one, body, "Nơi nhận:" | signer
table), each signed in one of Decree 30's forms (TM., KT. under TM., TL., TUQ., Q.). The real
``bantin import`` makes the pages; the front matter is read back with PyYAML. The pages are then
built with print editions on and the signature block is checked on the web page (order of the
lines) and in the PDF (pdfminer line positions: form lines, title, a space for the signature,
the name, all centred on the right column).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
import yaml

from conftest import NOW, build_ok, fixture_config, make_site, publish, run_bantin
from pdfread import MM, lines

pytestmark = pytest.mark.slow

CONFIG = fixture_config("union")

TM = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]
KT = ["TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def cell_lines(cell, texts: list[str], bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    for i, text in enumerate(texts):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.add_run(text).bold = bold


# type, number, type line (None: a công văn), trích yếu as written, Kính gửi lines, first body
# paragraph, signature lines above "(Đã ký)" and the name, expected front matter
CASES = [
    (
        "Công văn",
        "45/HPN-TG",
        None,
        "V/v tuyên truyền kỷ niệm Ngày Phụ nữ Việt Nam",
        ["Hội LHPN các xã, phường;"],
        "Thực hiện Hướng dẫn số 12/HD-ĐCT, Ban Thường vụ đề nghị:",
        KT,
        {"summary_line": "tuyên truyền kỷ niệm Ngày Phụ nữ Việt Nam", "addressees": ["Hội LHPN các xã, phường;"]},
    ),
    (
        "Quyết định",
        "12/QĐ-BTV",
        "QUYẾT ĐỊNH",
        "Về việc thành lập Ban Tổ chức Hội thi",
        [],
        "Căn cứ Điều lệ Hội Liên hiệp Phụ nữ Việt Nam;",
        TM,
        {"summary_line": "Về việc thành lập Ban Tổ chức Hội thi"},
    ),
    (
        "Thông báo",
        "20/TB-BTV",
        "THÔNG BÁO",
        "Lịch làm việc tháng 10 năm 2026",
        [],
        "Ban Thường vụ Hội LHPN tỉnh thông báo lịch làm việc như sau:",
        ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        {"summary_line": "Lịch làm việc tháng 10 năm 2026"},
    ),
    (
        "Báo cáo",
        "31/BC-BTV",
        "BÁO CÁO",
        "Kết quả công tác Hội quý III năm 2026",
        ["Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam"],
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        TM,
        {
            "summary_line": "Kết quả công tác Hội quý III năm 2026",
            "addressees": ["Đoàn Chủ tịch Trung ương Hội LHPN Việt Nam"],
        },
    ),
    (
        "Kế hoạch",
        "40/KH-BTV",
        "KẾ HOẠCH",
        "Tổ chức Ngày hội phụ nữ khởi nghiệp năm 2026",
        [],
        "I. MỤC ĐÍCH, YÊU CẦU",
        KT,
        {"summary_line": "Tổ chức Ngày hội phụ nữ khởi nghiệp năm 2026"},
    ),
    (
        "Hướng dẫn",
        "05/HD-BTV",
        "HƯỚNG DẪN",
        "Tổ chức sinh hoạt chi hội năm 2026",
        [],
        "Căn cứ Chương trình công tác năm 2026 của Ban Thường vụ Hội LHPN tỉnh;",
        ["TUQ. CHỦ TỊCH", "TRƯỞNG BAN TUYÊN GIÁO"],
        {"summary_line": "Tổ chức sinh hoạt chi hội năm 2026"},
    ),
    (
        "Chương trình",
        "03/CTr-BTV",
        "CHƯƠNG TRÌNH",
        "Công tác Hội năm 2027",
        [],
        "I. MỤC TIÊU",
        TM,
        {"summary_line": "Công tác Hội năm 2027"},
    ),
    (
        "Tờ trình",
        "07/TTr-BTV",
        "TỜ TRÌNH",
        "Về việc đề nghị khen thưởng năm 2026",
        ["Ban Chấp hành Hội LHPN tỉnh"],
        "Căn cứ Quy chế thi đua, khen thưởng của Hội;",
        ["Q. CHỦ TỊCH"],
        {"summary_line": "Về việc đề nghị khen thưởng năm 2026", "addressees": ["Ban Chấp hành Hội LHPN tỉnh"]},
    ),
    (
        "Biên bản",
        "02/BB-BTV",
        "BIÊN BẢN",
        "Hội nghị Ban Thường vụ tháng 10 năm 2026",
        [],
        "Hôm nay, vào lúc 8 giờ 00, tại Hội trường Hội LHPN tỉnh.",
        ["CHỦ TỌA"],
        {"summary_line": "Hội nghị Ban Thường vụ tháng 10 năm 2026"},
    ),
    (
        "Giấy mời",
        "15/GM-BTV",
        "GIẤY MỜI",
        "Dự Hội nghị sơ kết 9 tháng năm 2026",
        [],
        "Ban Thường vụ Hội LHPN tỉnh trân trọng kính mời đại biểu dự hội nghị.",
        ["TL. BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"],
        {"summary_line": "Dự Hội nghị sơ kết 9 tháng năm 2026"},
    ),
    (
        "Thông báo kết luận",
        "21/TB-BTV",
        "THÔNG BÁO KẾT LUẬN",
        "của Chủ tịch Hội LHPN tỉnh tại buổi làm việc",
        [],
        "Ngày 06 tháng 10 năm 2026, đồng chí Chủ tịch Hội LHPN tỉnh làm việc với Hội LHPN xã.",
        KT,
        {"document_type": "Thông báo", "summary_line": "Kết luận của Chủ tịch Hội LHPN tỉnh tại buổi làm việc"},
    ),
]
SIGNER = "Nguyễn Thị Hoa"
SECRETARY = "Lê Thị Thu"


def word_file(path: Path, case: tuple) -> None:
    """One document of ``case`` as a Word file."""
    _, number, type_line, summary, addressees, first, signature, _ = case
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    cell_lines(head.cell(0, 0), ["HỘI LHPN VIỆT NAM", "BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ", "***"])
    cell_lines(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    cell_lines(head.cell(1, 0), [f"Số: {number}"] + ([summary] if type_line is None else []))
    cell_lines(head.cell(1, 1), ["Quảng Trị, ngày 07 tháng 10 năm 2026"])
    if type_line:
        d.add_paragraph().add_run(type_line).bold = True
        d.add_paragraph().add_run(summary).bold = True
    if len(addressees) == 1:
        d.add_paragraph(f"Kính gửi: {addressees[0]}")
    d.add_paragraph(first)
    d.add_paragraph("Nội dung chính của văn bản được trình bày tại đây, như văn thư vẫn soạn./.")
    if signature == ["CHỦ TỌA"]:  # a biên bản: the secretary left, the chair right, no Nơi nhận
        sign = d.add_table(rows=1, cols=2)
        cell_lines(sign.cell(0, 0), ["THƯ KÝ", "(Đã ký)", SECRETARY], bold=True)
        cell_lines(sign.cell(0, 1), ["CHỦ TỌA", "(Đã ký)", SIGNER], bold=True)
    else:
        sign = d.add_table(rows=1, cols=2)
        cell_lines(sign.cell(0, 0), ["Nơi nhận:", "- Như trên;", "- Lưu: VT."])
        cell_lines(sign.cell(0, 1), [*signature, "(Đã ký)", SIGNER], bold=True)
    d.save(path)


def expected_signer(signature: list[str]) -> dict:
    forms = [line for line in signature if line.split(".")[0] in ("TM", "KT", "TL", "TUQ", "Q")]
    titles = [line for line in signature if line not in forms]
    found = {"authority": forms[0] if len(forms) == 1 else forms} if forms else {}
    if titles:
        found["title"] = " ".join(titles)
    return {**found, "name": SIGNER}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Every case imported, then built once: ``(root, site folder, {type: (front matter, import output)})``."""
    root = make_site(
        tmp_path_factory.mktemp("types"), {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"}, config=CONFIG
    )
    found = {}
    for index, case in enumerate(CASES):
        name = f"van-ban-{index}.docx"
        word_file(root / name, case)
        result = run_bantin(root, "import", name, now=NOW)
        assert result.returncode == 0, result.stdout + result.stderr
        page = Path(root / result.stdout.split("Đã nhập thành ", 1)[1].split(" (", 1)[0])
        page = page if page.is_absolute() else root / page
        publish(page)
        text = page.read_text(encoding="utf-8")
        found[case[0]] = (yaml.safe_load(text.split("---\n")[1]), result.stdout, page)
    return root, build_ok(root), found


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_type_is_recognised_from_its_word_file(site, case):
    kind, number, _, _, _, first, signature, expected = case
    front, said, page = site[2][kind]

    assert front["document_type"] == expected.get("document_type", kind)
    assert front["document_number"] == number
    assert front["date"] == date(2026, 10, 7) and front["place"] == "Quảng Trị"
    assert front["summary_line"] == expected["summary_line"]
    assert front.get("addressees") == expected.get("addressees")
    assert front["signer"] == expected_signer(signature)
    assert front["issuer"] == {"parent": "HỘI LHPN VIỆT NAM", "body": "BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ"}
    body = page.read_text(encoding="utf-8").split("---\n", 2)[2]
    assert first.split()[1] in body.lstrip()[:40]  # the body starts at the first paragraph
    assert "Kính gửi" not in body and "(Đã ký)" not in body and SIGNER not in body
    if kind == "Biên bản":
        # Mẫu 1.9: the left-hand signer is the secretary, kept as data and said in a note.
        assert front["secretary"] == {"title": "THƯ KÝ", "name": SECRETARY}
        assert "THƯ KÝ Lê Thị Thu là thư ký (secretary)" in said
    else:
        assert front["recipients"] == ["Như trên;", "Lưu: VT."]


def signature_lines(page: list, signature: list[str]) -> list:
    wanted = [*signature, SIGNER]
    return [next(line for line in page if line.text == text) for text in wanted]


@pytest.mark.parametrize("kind", ["Công văn", "Quyết định", "Thông báo", "Hướng dẫn", "Tờ trình"])
def test_signature_form_lines_are_printed_in_order_centred_over_the_name(site, kind):
    root, site_dir, found = site
    _, _, page = found[kind]
    signature = next(case[6] for case in CASES if case[0] == kind)
    stem = page.stem
    pdf = next((site_dir / "van-ban").glob(f"{stem}*/*.pdf"))
    last = lines(pdf)[-1]

    printed = signature_lines(last, signature)

    tops = [line.y1 for line in printed]
    assert tops == sorted(tops, reverse=True)  # form lines, title, then the name, top to bottom
    gaps = [a.y0 - b.y1 for a, b in zip(printed, printed[1:])]
    assert all(gap < 8 for gap in gaps[:-1])  # the bold lines follow one another
    assert gaps[-1] > 50  # then the space for the signature and the seal (~72 pt)
    middle = (210 - 15) * MM - ((210 - 15 - 30) * MM) / 4  # centre of the right half of the text block
    for line in printed:
        assert abs((line.x0 + line.x1) / 2 - middle) < 12 * MM, line.text
    html = next((site_dir / "van-ban").glob(f"{stem}*/index.html")).read_text(encoding="utf-8")
    block = html.split('class="bt-doc__signature"', 1)[1].split("</td>", 1)[0]
    positions = [block.index(f">{text}<") for text in [*signature, SIGNER]]
    assert positions == sorted(positions)


def test_a_party_document_is_imported_as_a_news_item_with_the_reason(tmp_path):
    """Guidance 36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" top right, "Số 12-KH/ĐU". The union
    republishes such a document but does not issue it: a news item, not a van-ban/ page."""
    root = make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    cell_lines(head.cell(0, 0), ["ĐẢNG BỘ TỈNH QUẢNG TRỊ", "ĐẢNG ỦY CƠ QUAN", "*"])
    cell_lines(head.cell(0, 1), ["ĐẢNG CỘNG SẢN VIỆT NAM"], bold=True)
    cell_lines(head.cell(1, 0), ["Số 12-KH/ĐU"])
    cell_lines(head.cell(1, 1), ["Quảng Trị, ngày 05 tháng 10 năm 2026"])
    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    d.add_paragraph().add_run("Học tập, quán triệt Nghị quyết của Đảng").bold = True
    d.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    d.add_paragraph("Nội dung kế hoạch.")
    d.save(root / "ke-hoach-dang-uy.docx")

    result = run_bantin(root, "import", "ke-hoach-dang-uy.docx", now=NOW)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã nhập thành content/tin-tuc/" in result.stdout
    assert "văn bản kiểu của Đảng (số 12-KH/ĐU, Hướng dẫn 36-HD/VPTW)" in result.stdout
    assert not (root / "content" / "van-ban").exists()
    page = next((root / "content" / "tin-tuc").glob("*.md"))
    front = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
    assert front["title"] == "Kế hoạch số 12-KH/ĐU: Học tập, quán triệt Nghị quyết của Đảng"
    assert front["date"] == date(2026, 10, 5)
    assert run_bantin(root, "check", now=NOW).returncode == 0


def letterhead(d, left: list[str], right: list[str]) -> None:
    """The clerk's two-row header table: issuer | motto, then ``left`` | ``right`` (number and
    the rest of the left cell | the place and date, or nothing)."""
    head = d.add_table(rows=2, cols=2)
    cell_lines(head.cell(0, 0), ["ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG TRỊ", "BAN THƯỜNG VỤ HỘI LHPN TỈNH", "*"])
    cell_lines(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    cell_lines(head.cell(1, 0), left)
    cell_lines(head.cell(1, 1), right)


def test_a_letter_whose_subject_wraps_onto_a_capitalised_line_keeps_it_and_its_date(tmp_path):
    """The "V/v" cell is narrow: a trích yếu ending with a name wraps onto a line starting with
    a capital ("Hội LHPN Việt Nam ..."). That line is the trích yếu's, the date cell after it
    is the date; neither belongs to the body (both were put there, the date missing)."""
    root = make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"}, config=CONFIG)
    d = docx.Document()
    letterhead(
        d,
        [
            "Số: 45/HPN-TG",
            "V/v tuyên truyền kỷ niệm 96 năm Ngày thành lập",
            "Hội LHPN Việt Nam (20/10/1930 - 20/10/2026)",
        ],
        ["Quảng Trị, ngày 10 tháng 10 năm 2026"],
    )
    d.add_paragraph("Kính gửi:")
    d.add_paragraph("- Hội LHPN các xã, phường;")
    d.add_paragraph("- Các ban, đơn vị thuộc Hội LHPN tỉnh.")
    d.add_paragraph("Thực hiện Hướng dẫn số 12/HD-ĐCT của Đoàn Chủ tịch, Ban Thường vụ đề nghị:")
    d.add_paragraph("Nhỏ gọn.")
    sign = d.add_table(rows=1, cols=2)
    cell_lines(sign.cell(0, 0), ["Nơi nhận:", "- Như trên;", "- Lưu: VT."])
    cell_lines(sign.cell(0, 1), [*KT, "(Đã ký)", SIGNER], bold=True)
    d.save(root / "cong-van.docx")

    result = run_bantin(root, "import", "cong-van.docx", now=NOW)

    assert result.returncode == 0, result.stdout + result.stderr
    page = root / "content" / "van-ban" / "cong-van-45-hpn-tg.md"
    text = page.read_text(encoding="utf-8")
    front, body = yaml.safe_load(text.split("---\n")[1]), text.split("---\n", 2)[2]
    assert front["summary_line"] == (
        "tuyên truyền kỷ niệm 96 năm Ngày thành lập Hội LHPN Việt Nam (20/10/1930 - 20/10/2026)"
    )
    assert front["date"] == date(2026, 10, 10) and front["place"] == "Quảng Trị"
    assert front["addressees"] == ["Hội LHPN các xã, phường;", "Các ban, đơn vị thuộc Hội LHPN tỉnh."]
    assert body.lstrip().startswith("Thực hiện Hướng dẫn số 12/HD-ĐCT")
    publish(page)
    assert run_bantin(root, "check", now=NOW).returncode == 0


def test_a_bien_ban_without_a_date_line_takes_the_meetings_date(tmp_path):
    """Mẫu 1.9 leaves the place and date cell of a biên bản empty: its date is in the first line
    of the body, "Thời gian bắt đầu: ..., ngày 16/10/2026". The import takes it from there and
    says so (it found no date, and the page it wrote was refused)."""
    root = make_site(tmp_path, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"}, config=CONFIG)
    d = docx.Document()
    letterhead(d, ["Số: 03/BB-BTV"], [""])
    d.add_paragraph().add_run("BIÊN BẢN").bold = True
    d.add_paragraph().add_run("Hội nghị Ban Thường vụ Hội LHPN tỉnh tháng 10 năm 2026").bold = True
    d.add_paragraph("Thời gian bắt đầu: 8 giờ 00, ngày 16/10/2026.")
    d.add_paragraph("Địa điểm: Phòng họp Hội LHPN tỉnh.")
    d.add_paragraph("Cuộc họp kết thúc vào 11 giờ 00 cùng ngày./.")
    sign = d.add_table(rows=1, cols=2)
    cell_lines(sign.cell(0, 0), ["THƯ KÝ", "(Đã ký)", SECRETARY], bold=True)
    cell_lines(sign.cell(0, 1), ["CHỦ TỌA", "(Đã ký)", SIGNER], bold=True)
    d.save(root / "bien-ban.docx")

    result = run_bantin(root, "import", "bien-ban.docx", now=NOW)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "ngày (date) lấy theo dòng “Thời gian bắt đầu: 8 giờ 00, ngày 16/10/2026.”" in result.stdout
    assert "Không thấy dòng địa danh" not in result.stdout
    page = root / "content" / "van-ban" / "bien-ban-03-bb-btv.md"
    front = yaml.safe_load(page.read_text(encoding="utf-8").split("---\n")[1])
    assert front["date"] == date(2026, 10, 16)
    assert front["secretary"] == {"title": "THƯ KÝ", "name": SECRETARY}
    publish(page)
    assert run_bantin(root, "check", now=NOW).returncode == 0
