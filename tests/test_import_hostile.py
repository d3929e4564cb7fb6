"""`bantin import` of Word files from outside (issues 16 and 17): whatever a .docx holds, the
import ends in a page that is text, links and re-encoded pictures only, or in a Vietnamese
message naming the file; and it says what it left out (header, footer, pictures).

Each hostile file is written here with python-docx and zipfile, imported with the real command,
then checked and built as an editor would."""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from PIL import Image

from builder.importers import limits
from conftest import build_ok, run_bantin
from test_import import NOW, picture, publish, real_config_site
from test_site import Page


def site(root: Path) -> Path:
    """A site with the repository's mkdocs.yml and the page its nav names."""
    return real_config_site(root, {"gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nx\n"})


def rewrite_zip(path: Path, changes: dict[str, bytes | None]) -> Path:
    """Rewrite the .docx at ``path`` with parts replaced (bytes) or removed (None)."""
    with zipfile.ZipFile(path) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    for name, data in changes.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def hyperlink(paragraph, text: str, url: str) -> None:
    """A Word hyperlink (an external relationship), as Insert → Link makes it."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def page_of(root: Path) -> Path:
    pages = [p for p in (root / "content").rglob("*.md") if p.name != "gioi-thieu.md"]
    assert len(pages) == 1, pages
    return pages[0]


def front_and_body(page: Path) -> tuple[dict, str]:
    _, front, body = page.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


# --- 16.1: text stays text, links are web links ---------------------------------------------


def test_script_typed_in_word_is_text_in_the_title_the_body_and_the_page(tmp_path):
    root = site(tmp_path)
    d = docx.Document()
    d.add_paragraph("<script>alert(document.domain)</script>")  # the first paragraph: the title
    d.add_paragraph().add_run("Tóm tắt <b>đậm</b> & chữ.").bold = True
    d.add_paragraph('Đoạn <img src=x onerror="alert(1)"> và <script>alert(2)</script> &amp; &#60;b&#62; hết.')
    links = d.add_paragraph("Liên kết: ")
    hyperlink(links, "bấm vào đây", "javascript:alert(document.domain)")
    hyperlink(links, "trang Hội", "https://example.org/tin tuc/(2021)")
    hyperlink(links, "thư", "mailto:hoi@example.org")
    hyperlink(links, "tệp máy", "file:///etc/passwd")
    d.save(root / "doc-hai.docx")
    result = run_bantin(root, "import", "doc-hai.docx", now=NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    page = page_of(root)
    front, body = front_and_body(page)
    # The title and summary are the text as typed (a field is text: the page escapes it).
    assert front["title"] == "<script>alert(document.domain)</script>"
    assert front["description"] == "Tóm tắt <b>đậm</b> & chữ."
    assert "<script" not in body and "<img" not in body and "javascript:" not in body and "file:" not in body
    assert "&lt;script>alert(2)&lt;/script>" in body and "&amp;amp; &amp;#60;b&amp;#62;" in body
    assert "[trang Hội](https://example.org/tin%20tuc/%282021%29)" in body
    assert "[thư](mailto:hoi@example.org)" in body and "bấm vào đây" in body and "tệp máy" in body
    check = run_bantin(root, "check", now=NOW)
    assert check.returncode == 0, check.stdout + check.stderr
    publish(page)
    html = build_ok(root) / "tin-tuc" / "script-alert-document-domain-script" / "index.html"
    article = Page(html.read_text(encoding="utf-8"))
    paragraphs = [" ".join(p["text"].split()) for p in article.find("p")]
    assert 'Đoạn <img src=x onerror="alert(1)"> và <script>alert(2)</script> &amp; &#60;b&#62; hết.' in paragraphs
    assert [a["attrs"]["href"] for a in article.find("a") if a["text"].strip() in ("trang Hội", "thư")] == [
        "https://example.org/tin%20tuc/%282021%29",
        "mailto:hoi@example.org",
    ]
    assert not [a for a in article.find("a") if a["text"].strip() in ("bấm vào đây", "tệp máy")]
    body_html = html.read_text(encoding="utf-8").split('class="md-content"', 1)[1]
    assert "<script>alert(2)" not in body_html and "<img src=x" not in body_html


# --- 16.1: pictures are what their bytes are --------------------------------------------------


def gps_jpeg() -> bytes:
    """A JPEG photo with a GPS position and a comment, as phones write them."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (16.0, 45.0, 0.0), 3: "E", 4: (107.0, 11.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (80, 60), "#2e7d32").save(out, "JPEG", exif=exif, comment=b"nha rieng")
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` × ``height`` pixels (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_pictures_are_identified_by_their_bytes_and_re_encoded(tmp_path):
    root = site(tmp_path)
    d = docx.Document()
    d.add_heading("Ảnh trong tài liệu", level=1)
    for i, color in enumerate(("#ad1457", "#1565c0", "#f9a825", "#6a1b9a", "#ef6c00")):
        d.add_paragraph().add_run().add_picture(picture(color))
        d.inline_shapes[i]._inline.docPr.set("descr", f"Ảnh {i + 1}")
    d.save(root / "anh.docx")
    html_part = b"<html><body><script>alert(document.cookie)</script></body></html>"
    md_part = b"---\ntitle: Bai gia\n---\n<script>alert(1)</script>\n"
    bmp = io.BytesIO()
    Image.new("RGB", (30, 20), "#00838f").save(bmp, "BMP")
    with zipfile.ZipFile(root / "anh.docx") as z:
        types = z.read("[Content_Types].xml").decode()
    overrides = "".join(
        f'<Override PartName="/word/media/image{n}.png" ContentType="{t}"/>'
        for n, t in ((1, "image/html"), (2, "image/md"), (3, "image/png"), (4, "image/bmp"))
    )
    rewrite_zip(
        root / "anh.docx",
        {
            "word/media/image1.png": html_part,
            "word/media/image2.png": md_part,
            "word/media/image3.png": gps_jpeg(),
            "word/media/image4.png": bmp.getvalue(),
            "word/media/image5.png": png_header(65_000, 65_000),
            "[Content_Types].xml": types.replace("</Types>", overrides + "</Types>").encode(),
        },
    )
    result = run_bantin(root, "import", "anh.docx", now=NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = root / "content" / "tin-tuc"
    assert sorted(p.name for p in folder.iterdir()) == [
        "anh-trong-tai-lieu-anh-1.jpg",
        "anh-trong-tai-lieu-anh-2.png",
        "anh-trong-tai-lieu.md",
    ]
    photo = Image.open(folder / "anh-trong-tai-lieu-anh-1.jpg")
    assert photo.format == "JPEG" and not photo.getexif() and "comment" not in photo.info and "exif" not in photo.info
    assert Image.open(folder / "anh-trong-tai-lieu-anh-2.png").format == "PNG"
    _, body = front_and_body(folder / "anh-trong-tai-lieu.md")
    assert re.findall(r"!\[[^\]]*\]\([^)]*\)", body) == [
        "![Ảnh 3](anh-trong-tai-lieu-anh-1.jpg)",
        "![Ảnh 4](anh-trong-tai-lieu-anh-2.png)",
    ]
    dropped = [line for line in result.stdout.splitlines() if "Đã bỏ phần" in line]
    assert dropped == [
        "  - Đã bỏ phần word/media/image1.png của tệp Word (khai báo là image/html): không phải ảnh đọc được, hoặc ảnh "
        "hỏng hay quá lớn. Nếu cần ảnh này, lưu nó thành JPG hoặc PNG rồi thêm vào bài.",
        "  - Đã bỏ phần word/media/image2.png của tệp Word (khai báo là image/md): không phải ảnh đọc được, hoặc ảnh "
        "hỏng hay quá lớn. Nếu cần ảnh này, lưu nó thành JPG hoặc PNG rồi thêm vào bài.",
        "  - Đã bỏ phần word/media/image5.png của tệp Word (khai báo là image/png): không phải ảnh đọc được, hoặc ảnh "
        "hỏng hay quá lớn. Nếu cần ảnh này, lưu nó thành JPG hoặc PNG rồi thêm vào bài.",
    ]
    publish(folder / "anh-trong-tai-lieu.md")
    built = build_ok(root)
    assert not list(built.rglob("*.html.*")) and not (built / "tin-tuc" / "bai-gia").exists()
    assert sorted(p.name for p in (built / "tin-tuc").glob("anh-trong-tai-lieu-anh-*")) == [
        "anh-trong-tai-lieu-anh-1-80w.webp",
        "anh-trong-tai-lieu-anh-1.jpg",
        "anh-trong-tai-lieu-anh-2-30w.webp",
        "anh-trong-tai-lieu-anh-2.png",
    ]


# --- 16.1 and 17.3: files that crashed or ran for minutes end in a message --------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def document_xml(inner: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
        f"<w:document {W_NS}><w:body>{inner}</w:body></w:document>"
    ).encode()


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    return document_xml("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", f"<!DOCTYPE w:document [{entities}]>")


def nested_tables(depth: int) -> bytes:
    return document_xml("<w:tbl><w:tr><w:tc>" * depth + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * depth + "<w:p/>")


def bit_flipped(path: Path) -> bytes:
    """The .docx at ``path`` with bytes flipped inside word/document.xml's compressed data."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 20, 37):
        data[offset] ^= 0xFF
    return bytes(data)


def plain_docx(path: Path, title: str = "Tin ngắn") -> Path:
    d = docx.Document()
    d.add_heading(title, level=1)
    d.add_paragraph("Nội dung bài viết, đủ dài để nén có nghĩa. " * 20)
    d.save(path)
    return path


@pytest.mark.parametrize(
    "case, message",
    [
        ("billion-laughs", "phần word/document.xml có khai báo DOCTYPE/ENTITY"),
        ("bit-flipped", "tệp hỏng hoặc không phải .docx"),
        ("nested-tables", "phần word/document.xml lồng nhau quá 200 tầng"),
        ("no-document", "tệp không có phần nội dung chính (word/document.xml)"),
        ("zip-bomb", "phần word/document.xml giải nén ra 30 MB, quá giới hạn 10 MB"),
    ],
)
def test_broken_and_hostile_word_files_end_in_a_message_naming_the_file(tmp_path, case, message):
    root = site(tmp_path)
    path = plain_docx(root / "tai-lieu.docx")
    if case == "billion-laughs":
        rewrite_zip(path, {"word/document.xml": billion_laughs()})
    elif case == "bit-flipped":
        path.write_bytes(bit_flipped(path))
    elif case == "nested-tables":
        rewrite_zip(path, {"word/document.xml": nested_tables(3000)})
    elif case == "no-document":
        rewrite_zip(path, {"word/document.xml": None})
    else:  # 30 MB of text in 30 KB
        rewrite_zip(
            path, {"word/document.xml": document_xml("<w:p><w:r><w:t>" + "a" * 30_000_000 + "</w:t></w:r></w:p>")}
        )
    started = time.monotonic()
    result = run_bantin(root, "import", "tai-lieu.docx", now=NOW)
    assert time.monotonic() - started < 60
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("bantin: tai-lieu.docx: Không đọc được tệp Word: ") and message in result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr and result.stderr.count("\n") == 1
    assert [p.name for p in (root / "content").rglob("*")] == ["gioi-thieu.md"]


def test_a_huge_text_file_is_refused(tmp_path):
    root = site(tmp_path)
    (root / "lon.txt").write_bytes(b"Tieu de\n\n" + b"noi dung " * 1_200_000)
    result = run_bantin(root, "import", "lon.txt", now=NOW)
    assert result.returncode == 2 and result.stderr == (
        "bantin: lon.txt: tệp chữ nặng quá 10 MB: tách thành nhiều tệp nhỏ hơn rồi nhập từng tệp.\n"
    )


def test_a_conversion_that_runs_too_long_is_stopped_with_a_message():
    started = time.monotonic()
    with pytest.raises(limits.Refused, match="đọc tệp mất quá 0.2 giây"):
        with limits.deadline(0.2):
            while time.monotonic() - started < 30:
                pass
    assert time.monotonic() - started < 5
    time.sleep(0.3)  # the alarm was cancelled: nothing fires after the block


def test_a_title_that_names_a_reserved_file_gets_another_name(tmp_path):
    root = site(tmp_path)
    plain_docx(root / "index.docx", title="Index")
    result = run_bantin(root, "import", "index.docx", now=NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*/*.md")] == [
        "tin-tuc/bai-index.md"
    ]
    assert result.stdout.startswith("Đã nhập thành content/tin-tuc/bai-index.md (tin tức).")
    result = run_bantin(root, "import", "index.docx", "--out", "content/van-ban/index.md", now=NOW)
    assert (
        result.returncode == 2
        and "Không ghi được vào content/van-ban/index.md: tên này dành cho trang" in result.stderr
    )
    assert not (root / "content" / "van-ban").exists()
    publish(root / "content" / "tin-tuc" / "bai-index.md")
    assert (build_ok(root) / "tin-tuc" / "index" / "index.html").is_file()


# --- 17.8: nothing is lost silently ----------------------------------------------------------


def test_header_footer_caption_and_picture_size_survive_the_import(tmp_path):
    root = site(tmp_path)
    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "HỘI LHPN TỈNH QUẢNG TRỊ – Số: 12/TB-BTV"
    section.footer.paragraphs[0].text = "Lưu hành nội bộ"
    d.add_heading("Trao giải hội thi nấu ăn", level=1)
    d.add_paragraph().add_run("Hội viên xã Cam Thủy nhận giải nhất.").bold = True
    d.add_paragraph().add_run().add_picture(picture(size=(300, 200)), width=docx.shared.Cm(4))
    d.add_paragraph().add_run("Ảnh: Hội viên nhận giải <nhất>").italic = True
    d.add_paragraph("Hội thi thu hút 60 hội viên.")
    d.save(root / "trao-giai.docx")
    result = run_bantin(root, "import", "trao-giai.docx", now=NOW)
    assert result.returncode == 0, result.stdout + result.stderr  # the caption is the alt text: no error
    lines = result.stdout.splitlines()
    assert (
        "  - Đầu trang (header) của tệp Word không được nhập: “HỘI LHPN TỈNH QUẢNG TRỊ – Số: 12/TB-BTV”. "
        "Nếu cần (ví dụ số văn bản), chép vào bài."
    ) in lines
    assert (
        "  - Chân trang (footer) của tệp Word không được nhập: “Lưu hành nội bộ”. "
        "Nếu cần (ví dụ số văn bản), chép vào bài."
    ) in lines
    assert (
        "Bài đang là bản nháp (draft: true): đọc soát xong, đổi thành draft: false để đăng, rồi chạy 'bantin check'."
    ) in lines
    page = root / "content" / "tin-tuc" / "trao-giai-hoi-thi-nau-an.md"
    front, body = front_and_body(page)
    assert front["draft"] is True
    assert (
        '![Hội viên nhận giải &lt;nhất>](trao-giai-hoi-thi-nau-an-anh-1.png){: width="151" }\n\n'
        "*Ảnh: Hội viên nhận giải &lt;nhất>*"
    ) in body
    # A draft is not published.
    assert not (build_ok(root) / "tin-tuc" / "trao-giai-hoi-thi-nau-an").exists()
    publish(page)
    html = (build_ok(root) / "tin-tuc" / "trao-giai-hoi-thi-nau-an" / "index.html").read_text(encoding="utf-8")
    [img] = [e["attrs"] for e in Page(html).find("img") if "anh-1" in e["attrs"].get("src", "")]
    assert (img["alt"], img["width"], img["height"]) == ("Hội viên nhận giải <nhất>", "151", "101")


def test_a_folder_that_cannot_be_written_is_named_in_vietnamese(tmp_path):
    """``content/tin-tuc`` a file (or a read-only disk): the import said "Không ghi được
    content/tin-tuc: File exists" (the system's English words)."""
    root = site(tmp_path / "site")
    (root / "content" / "tin-tuc").write_text("một tệp chắn chỗ thư mục\n", encoding="utf-8")
    (root / "bai.txt").write_text("Tiêu đề bài\n\nNội dung bài.\n", encoding="utf-8")
    result = run_bantin(root, "import", "bai.txt", now=NOW)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "content/tin-tuc" in result.stderr and "đã có một tệp cùng tên" in result.stderr, result.stderr
    assert "File exists" not in result.stderr and "Chưa ghi tệp nào" in result.stderr
