"""`bantin import`: Word documents (written here with python-docx) and the seed plan's text
export become pages that pass the content checks and build, with what could not be
recognised printed for the editor, and nothing ever overwritten."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from PIL import Image

from builder.content import schema
from builder.content.assemble import Defaults, assemble
from builder.content.frontmatter import split
from builder.content.model import Issuer
from builder.content.reader import parse
from builder.content.text import normalise
from builder.errors import ErrorList
from conftest import ROOT, UNION, build_ok, fixture_config, make_site, publish, run_bantin
from test_encodings import encode_tcvn3, encode_vni
from test_site import Page

SEED = ROOT / "tests" / "fixtures" / "import" / "ke-hoach-206-kh-btv.txt"
"""The client's plan 206/KH-BTV as exported to text (seed 000_fd88796568101aae.txt, unchanged)."""
HAND_MADE = UNION / "content" / "van-ban" / "ke-hoach-206-kh-btv.md"
NOW = "2026-11-29T12:00:00"


def real_config_site(root: Path, files: dict | None = None) -> Path:
    """A site with the union's mkdocs.yml (frozen fixture: its issuer, place and motto defaults)."""
    make_site(root, files or {}, config=fixture_config("union"))
    (root / "content").mkdir(exist_ok=True)
    return root


def typed(path: Path) -> tuple[dict, str]:
    """Front matter of ``path`` through the content model's converters, and its body."""
    errors = ErrorList()
    front = split(normalise(path.read_text(encoding="utf-8")), str(path), errors)
    values = schema.check("document", front.data, front.key_lines, str(path), errors)
    assert not errors, errors.errors
    return values, front.body


# --- the seed plan (a text export) ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_import(tmp_path_factory):
    root = real_config_site(tmp_path_factory.mktemp("seed"), {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})
    shutil.copy(SEED, root / "ke-hoach.txt")
    return root, run_bantin(root, "import", "ke-hoach.txt", now=NOW)


def test_seed_import_reports_what_it_could_not_recognise(seed_import):
    _, result = seed_import
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Đã nhập thành content/van-ban/ke-hoach-206-kh-btv.md (văn bản).",
        "Cần xem lại và hoàn thiện bằng tay (3 mục):",
        "  - Không thấy tên cơ quan ban hành (góc trên bên trái): trang dùng cơ quan mặc định trong mkdocs.yml.",
        "  - Không thấy quốc hiệu, tiêu ngữ: trang dùng cài đặt mặc định (motto) trong mkdocs.yml.",
        "  - Đã nối lại đoạn bị ngắt giữa chừng: “… ngày Quốc tế phụ nữ (8/3/1910” + “– 8/3/2021); Chào mừng kỷ niệm…”.",
        "Bài đang là bản nháp (draft: true): đọc soát xong, đổi thành draft: false để đăng, rồi chạy 'bantin check'.",
        "Xem trước: chạy 'make serve' rồi mở http://127.0.0.1:8000/van-ban/ke-hoach-206-kh-btv-2020/",
    ]


def test_seed_import_equals_the_hand_made_page(seed_import):
    root, _ = seed_import
    imported, imported_body = typed(root / "content" / "van-ban" / "ke-hoach-206-kh-btv.md")
    imported.pop("draft")  # an import is a draft until the editor publishes it
    hand, hand_body = typed(HAND_MADE)
    # The seed lost its header table (issuer, motto); description and tags were written by hand.
    assert set(hand) - set(imported) == {"issuer", "motto", "description", "tags"}
    assert set(imported) <= set(hand)
    assert {key: hand[key] for key in imported} == imported
    assert imported_body.strip() == hand_body.strip()  # "(8/3/1910 – 8/3/2021)" joined again
    # With the site's defaults for what the seed lacks, both are the same document.
    defaults = Defaults(issuer=Issuer("HỘI LHPN VIỆT NAM", "BCH HỘI LHPN TỈNH QUẢNG TRỊ"), place="Quảng Trị")
    docs = []
    for path in (root / "content" / "van-ban" / "ke-hoach-206-kh-btv.md", HAND_MADE):
        errors = ErrorList()
        item = parse(path.read_text(encoding="utf-8"), "van-ban/ke-hoach-206-kh-btv.md", str(path), errors)
        docs.append(assemble([(str(path), item)], defaults, None, errors).entries["van-ban/ke-hoach-206-kh-btv.md"])
        assert not errors
    keep = (
        "document_type",
        "document_number",
        "date",
        "place",
        "issuer",
        "motto",
        "summary_line",
        "signer",
        "recipients",
        "title",
        "url",
        "body",
    )
    assert {k: getattr(docs[0], k) for k in keep} == {k: getattr(docs[1], k) for k in keep}


def test_seed_import_builds_with_its_numbering_as_written(seed_import):
    root, _ = seed_import
    publish(root / "content" / "van-ban" / "ke-hoach-206-kh-btv.md")
    page = Page(
        (build_ok(root, now=NOW) / "van-ban" / "ke-hoach-206-kh-btv-2020" / "index.html").read_text(encoding="utf-8")
    )
    numbered = [" ".join(e["text"].split()) for e in page.find("p", "lvl-1")]
    assert any(t.startswith("4. Các hoạt động thường xuyên") for t in numbered)
    assert any("(8/3/1910 – 8/3/2021)" in " ".join(e["text"].split()) for e in page.find("p", "dash"))


def test_import_never_overwrites(tmp_path):
    root = real_config_site(tmp_path, {"van-ban/ke-hoach-206-kh-btv.md": HAND_MADE.read_bytes()})
    before = (root / "content" / "van-ban" / "ke-hoach-206-kh-btv.md").read_bytes()
    (root / "ke-hoach.txt").write_text(_seed_like(), encoding="utf-8")
    result = run_bantin(root, "import", "ke-hoach.txt", now=NOW)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "bantin: Đã có tệp content/van-ban/ke-hoach-206-kh-btv.md: không ghi đè. "
        "Xóa hoặc đổi tên tệp cũ, hoặc chọn tên khác bằng --out."
    )
    assert (root / "content" / "van-ban" / "ke-hoach-206-kh-btv.md").read_bytes() == before
    assert sorted(p.name for p in (root / "content" / "van-ban").iterdir()) == ["ke-hoach-206-kh-btv.md"]


def _seed_like() -> str:
    return (
        "Số: 206/KH-BTV\n\nQuảng Trị, ngày 17 tháng 8 năm 2020\n\nKẾ HOẠCH\n\nĐịnh hướng hoạt động năm 2021\n\n"
        "1. Nội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\nĐỗ Thị Lý\n"
    )


# --- Word documents -------------------------------------------------------------------------


def picture(color="#ad1457", size=(64, 48)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, color).save(data, "PNG")
    data.seek(0)
    return data


def lines_in_cell(cell, lines: list[str], bold: bool = False) -> None:
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.add_run(line).bold = bold


def plan_docx(path: Path) -> Path:
    """An official plan as Word makes it: letterhead table, body, data table, picture, signature table."""
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    lines_in_cell(head.cell(0, 0), ["HỘI LHPN VIỆT NAM", "BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ", "***"])
    lines_in_cell(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"], bold=True)
    lines_in_cell(head.cell(1, 0), ["Số: 5/KH-BTV"])
    head.cell(1, 1).paragraphs[0].add_run("Quảng Trị, ngày 05 tháng 01 năm 2021").italic = True
    type_line = d.add_paragraph().add_run("Kế hoạch")  # typed in lower case, shown by "All caps"
    type_line.bold = type_line.font.all_caps = True
    d.add_paragraph().add_run("Tổ chức Ngày Phụ nữ khởi nghiệp năm 2021").bold = True
    d.add_paragraph("Căn cứ Kế hoạch số 206/KH-BTV ngày 17 tháng 8 năm 2020 của Ban Thường vụ Hội LHPN tỉnh;")
    d.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    d.add_paragraph("4. Tôn vinh các ý tưởng khởi nghiệp của phụ nữ.")
    d.add_paragraph("- Hỗ trợ hội viên tiếp cận vốn;")
    d.add_paragraph("+ Tập huấn kỹ năng bán hàng.")
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate([("Huyện", "Số ý tưởng"), ("Vĩnh Linh", "4"), ("Hướng Hóa", "6")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph().add_run().add_picture(picture(), width=docx.shared.Cm(4))
    d.inline_shapes[0]._inline.docPr.set("descr", "Biểu trưng Ngày Phụ nữ khởi nghiệp")
    d.add_paragraph("Các cấp Hội triển khai thực hiện./.")
    sign = d.add_table(rows=1, cols=2)
    lines_in_cell(sign.cell(0, 0), ["Nơi nhận:", "- TW Hội LHPN Việt Nam;", "- Lưu: VT, TG."])
    lines_in_cell(sign.cell(0, 1), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Thị Hoa"])
    d.save(path)
    return path


@pytest.fixture(scope="module")
def plan_import(tmp_path_factory):
    root = real_config_site(tmp_path_factory.mktemp("plan"), {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})
    plan_docx(root / "Ke hoach khoi nghiep.docx")
    return root, run_bantin(root, "import", "Ke hoach khoi nghiep.docx", now=NOW)


def test_word_plan_front_matter_is_recognised(plan_import):
    root, result = plan_import
    assert result.returncode == 0, result.stdout + result.stderr
    page = root / "content" / "van-ban" / "ke-hoach-05-kh-btv.md"
    values, body = typed(page)
    assert values["document_type"] == "Kế hoạch"
    assert values["document_number"] == "05/KH-BTV"
    assert values["date"].date().isoformat() == "2021-01-05" and values["place"] == "Quảng Trị"
    assert values["summary_line"] == "Tổ chức Ngày Phụ nữ khởi nghiệp năm 2021"
    assert values["issuer"] == Issuer("HỘI LHPN VIỆT NAM", "BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ")
    assert values["motto"] is True
    assert (values["signer"].authority, values["signer"].title, values["signer"].name) == (
        ("KT. CHỦ TỊCH",),
        "PHÓ CHỦ TỊCH",
        "Nguyễn Thị Hoa",
    )
    assert values["recipients"] == ("TW Hội LHPN Việt Nam;", "Lưu: VT, TG.")
    assert "Cần xem lại" not in result.stdout
    # The body keeps the literal numbering, the data table as a table, the picture beside the page.
    assert "\n4. Tôn vinh" in body and "\n- Hỗ trợ" in body and "\n+ Tập huấn" in body
    assert "| Huyện | Số ý tưởng |\n| --- | --- |\n| Vĩnh Linh | 4 |" in body
    assert "![Biểu trưng Ngày Phụ nữ khởi nghiệp](ke-hoach-05-kh-btv-anh-1.png)" in body
    assert "Nơi nhận" not in body and "CỘNG HÒA" not in body and body.rstrip().endswith("./.")
    assert Image.open(root / "content" / "van-ban" / "ke-hoach-05-kh-btv-anh-1.png").size == (64, 48)


def test_word_plan_builds(plan_import):
    root, _ = plan_import
    publish(root / "content" / "van-ban" / "ke-hoach-05-kh-btv.md")
    html = (build_ok(root, now=NOW) / "van-ban" / "ke-hoach-05-kh-btv-2021" / "index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert [" ".join(e["text"].split()) for e in page.find("th")] == ["Huyện", "Số ý tưởng"]
    assert [e["attrs"]["alt"] for e in page.find("img") if "anh-1" in e["attrs"].get("src", "")] == [
        "Biểu trưng Ngày Phụ nữ khởi nghiệp"
    ]
    assert any(" ".join(e["text"].split()).startswith("4. Tôn vinh") for e in page.find("p", "lvl-1"))


def legacy_run(paragraph, text: str, font: str):
    run = paragraph.add_run(text)
    run.font.name = font
    return run


def test_word_document_in_legacy_fonts_is_converted(tmp_path):
    root = real_config_site(tmp_path)
    d = docx.Document()
    legacy_run(d.add_paragraph(), "Sè: 12/KH-BTV", ".VnTime")
    legacy_run(d.add_paragraph(), "Qu¶ng TrÞ, ngµy 05 th¸ng 01 n¨m 2021", ".VnTime")
    legacy_run(d.add_paragraph(), "kÕ ho¹ch", ".VnTimeH")  # a capitals font: KẾ HOẠCH
    legacy_run(d.add_paragraph(), encode_vni("Bình đẳng giới trong gia đình").decode("cp1252"), "VNI-Times")
    style = d.styles.add_style("Than van ban", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = ".VnTime"  # the font comes from the paragraph style, not from the runs
    body = d.add_paragraph(style=style)
    body.add_run("Phô n÷ v")
    body.add_run()._r.append(OxmlElement("w:softHyphen"))  # TCVN3 ư, stored by Word as a soft hyphen
    body.add_run("¬n lªn lµm giµu.")
    sign = d.add_paragraph()
    legacy_run(sign, "Nguyễn Thị A", "Times New Roman")
    d.save(root / "cu.docx")
    result = run_bantin(root, "import", "cu.docx", "--out", "content/van-ban/ke-hoach-12.md", now=NOW)
    assert result.returncode == 1, result.stdout + result.stderr  # no signer: check reports it
    text = (root / "content" / "van-ban" / "ke-hoach-12.md").read_text(encoding="utf-8")
    assert "document_type: Kế hoạch\ndocument_number: 12/KH-BTV\ndate: 2021-01-05\nplace: Quảng Trị\n" in text
    assert "summary_line: Bình đẳng giới trong gia đình\n" in text
    assert "Phụ nữ vươn lên làm giàu." in text
    assert "  - Đã chuyển 6 đoạn chữ từ bảng mã TCVN3 (.VnTime) sang Unicode: đọc soát lại dấu." in result.stdout
    assert "  - Đã chuyển 1 đoạn chữ từ bảng mã VNI (VNI-Times) sang Unicode: đọc soát lại dấu." in result.stdout
    assert "# signer: ...    # chưa nhận ra người ký" in text


def test_word_article_becomes_news_of_today(tmp_path):
    root = real_config_site(tmp_path)
    d = docx.Document()
    d.add_heading("Hội thi “Phụ nữ khéo tay” ở xã Cam Thủy", level=1)
    d.add_paragraph().add_run("Sáng 5/3, Hội LHPN xã Cam Thủy tổ chức hội thi cho 60 hội viên.").bold = True
    d.add_paragraph("Hội thi gồm ba phần: cắm hoa, nấu ăn và tiểu phẩm về bình đẳng giới.")
    d.add_paragraph("2. Phần thi nấu ăn diễn ra sôi nổi.")
    d.add_heading("Trao giải", level=1)
    d.add_paragraph().add_run().add_picture(picture("#fce4ec"))
    d.save(root / "hoi-thi.docx")
    result = run_bantin(root, "import", "hoi-thi.docx", now=NOW)
    assert result.returncode == 1, result.stdout + result.stderr  # the picture has no alt text yet
    page = root / "content" / "tin-tuc" / "hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntitle: Hội thi “Phụ nữ khéo tay” ở xã Cam Thủy\ndate: 2026-11-29\n"
        "description: Sáng 5/3, Hội LHPN xã Cam Thủy tổ chức hội thi cho 60 hội viên.\ndraft: true\n---\n"
    )
    assert "\n2\\. Phần thi nấu ăn" in text and "\n## Trao giải" in text
    assert (
        '![](hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy-anh-1.png){: width="85" }' in text
    )  # 64 px at 72 dpi on the Word page
    assert (
        "  - Ảnh hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy-anh-1.png chưa có mô tả: viết mô tả ngắn giữa hai dấu "
        "ngoặc vuông ![...]."
    ) in result.stdout.splitlines()
    assert "Bài vừa nhập còn lỗi (như 'bantin check' báo):" in result.stdout
    assert any(
        line.startswith("  content/tin-tuc/hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy.md:") and "chưa có mô tả (alt)" in line
        for line in result.stdout.splitlines()
    )
    assert result.stdout.splitlines()[-1] == (
        "Xem trước: chạy 'make serve' rồi mở http://127.0.0.1:8000/tin-tuc/hoi-thi-phu-nu-kheo-tay-o-xa-cam-thuy/"
    )


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("cu.doc", b"\xd0\xcf\x11\xe0", "tệp Word cũ (.doc) chưa đọc được"),
        ("hong.docx", b"khong phai zip", "Không đọc được tệp Word"),
        ("anh.pdf", b"%PDF-1.4", "chỉ nhập được tệp Word (.docx) hoặc tệp chữ (.txt, .md)"),
    ],
)
def test_unreadable_files_are_usage_errors_in_vietnamese(tmp_path, name, data, message):
    root = real_config_site(tmp_path)
    (root / name).write_bytes(data)
    result = run_bantin(root, "import", name, now=NOW)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not any((root / "content").rglob("*.md"))


def test_out_must_be_a_page_inside_content(tmp_path):
    root = real_config_site(tmp_path)
    (root / "bai.txt").write_text("Tiêu đề\n\nNội dung.\n", encoding="utf-8")
    result = run_bantin(root, "import", "bai.txt", "--out", "bai.md", now=NOW)
    assert result.returncode == 2 and "phải là một tệp .md nằm trong thư mục content/" in result.stderr
    result = run_bantin(root, "import", "bai.txt", "--out", "content/phu-nu-va-cuoc-song/bai.md", now=NOW)
    assert result.returncode == 0, result.stderr
    text = (root / "content" / "phu-nu-va-cuoc-song" / "bai.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Tiêu đề\ndate: 2026-11-29\nmonth: 11\nyear: 2026\ndraft: true\n---\n")


def test_a_legacy_text_file_is_converted(tmp_path):
    root = real_config_site(tmp_path)
    (root / "tin.txt").write_bytes(
        encode_tcvn3(
            "Hội nghị tổng kết\n\nHội Liên hiệp Phụ nữ tỉnh Quảng Trị tổ chức "
            "hội nghị tổng kết công tác năm 2020 tại thành phố Đông Hà.\n"
        )
    )
    result = run_bantin(root, "import", "tin.txt", now=NOW)
    assert result.returncode == 0, result.stderr
    text = (root / "content" / "tin-tuc" / "hoi-nghi-tong-ket.md").read_text(encoding="utf-8")
    assert "title: Hội nghị tổng kết\n" in text and "tại thành phố Đông Hà." in text
    assert "Đã chuyển chữ từ bảng mã TCVN3 (.VnTime) sang Unicode" in result.stdout
