"""Printing a web page from the browser (the ``@media print`` rules of bantin.css).

A real Chromium prints a built article to PDF (``--print-to-pdf``, which applies print
media), and the PDF is read back: no header, navigation, search or footer chrome; serif text;
pictures within the page; no page ends with a heading; external links followed by their URL.
Chromium comes from Debian (``.ci/run`` installs it); without it these tests are skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, THEME, build_ok, make_site
from pdfread import MM, fonts, lines, pages_text
from test_editions import png

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (.ci/run installs it)"),
]

HEADINGS = [f"Phần {n}: hoạt động của Hội ở cơ sở" for n in range(1, 25)]
PARAGRAPH = (
    "Các cấp Hội trong tỉnh Quảng Trị đã tổ chức thành công Đại hội đại biểu phụ nữ nhiệm kỳ 2021 – 2026; "
    "bình đẳng giới bắt đầu từ những việc nhỏ trong mỗi gia đình. "
)


def _print_to_pdf(page: Path, out: Path, profile: Path) -> None:
    """Print ``page`` to ``out`` as a reader's browser does (headless Chromium, no header or
    footer), with a fresh browser profile in ``profile``."""
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )


def _article() -> str:
    parts = [
        "---",
        'title: "Bình đẳng giới ở Quảng Trị"',
        "date: 2021-03-08",
        "authors: [Nguyễn Thị Hoa]",
        "---",
        "",
        "Xem thêm trên [trang của Trung ương Hội](https://hoilhpn.org.vn/tin-tuc/) và [trang chủ](../../).",
        "",
        "![Bức ảnh rất rộng](rong.png)",
        "",
    ]
    for number, heading in enumerate(HEADINGS):
        parts += [f"## {heading}", "", PARAGRAPH * (1 + number % 4), ""]
    return "\n".join(parts)


class _Texts(HTMLParser):
    """Text inside Material's chrome (header, tabs, sidebars, search, footer) and inside the
    page content (``md-content``)."""

    CHROME = ("md-header", "md-tabs", "md-sidebar", "md-search", "md-footer")
    VOID = ("meta", "link", "img", "input", "br", "hr", "source", "path", "use")

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.chrome: list[str] = []
        self.content: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        area = next((c for c in classes if c in self.CHROME or c == "md-content"), None)
        self.stack.append(area or (self.stack[-1] if self.stack else ""))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        area = self.stack[-1] if self.stack else ""
        if data.strip() and area:
            (self.content if area == "md-content" else self.chrome).append(data.strip())


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The article's page built and printed by Chromium: ``(page HTML, PDF path)``."""
    root = make_site(
        tmp_path_factory.mktemp("print-css"),
        {
            "tin-tuc/binh-dang-gioi.md": _article(),
            "tin-tuc/rong.png": png(3000, 600, (173, 20, 87)),
            "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n\nHội LHPN tỉnh Quảng Trị.\n",
        },
        MKDOCS_YML.format(theme=THEME) + "extra_css:\n  - assets/stylesheets/bantin.css\n",
    )
    site = build_ok(root)
    page = site / "tin-tuc" / "binh-dang-gioi-o-quang-tri" / "index.html"
    out = root / "printed.pdf"
    _print_to_pdf(page, out, root / "profile")
    return page.read_text(encoding="utf-8"), out


def test_no_site_chrome_is_printed(printed):
    html, pdf = printed
    texts = _Texts()
    texts.feed(html)
    printed_text = " ".join(pages_text(pdf)).replace("\n", " ")
    assert "Trang thử nghiệm" in texts.chrome  # the site name in the header
    chrome_only = [t for t in texts.chrome if not any(t in c for c in texts.content)]
    assert len(chrome_only) >= 4  # header, search, table of contents, footer: enough to mean something
    assert [t for t in chrome_only if t in printed_text] == []
    assert "Bình đẳng giới ở Quảng Trị" in printed_text and HEADINGS[-1] in printed_text


def test_text_is_printed_in_a_serif(printed):
    _, pdf = printed
    names = [f["name"].split("+")[-1] for f in fonts(pdf)]
    assert names
    assert all(any(s in n for s in ("Tinos", "Serif", "Times")) for n in names), names


def test_pictures_fit_the_page(printed):
    _, pdf = printed
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTFigure, LTImage

    boxes = []
    for page in extract_pages(str(pdf)):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTImage):
                boxes.append((item.bbox, page.width))
            elif isinstance(item, LTFigure):
                stack.extend(item)
    assert boxes
    for (x0, _, x1, _), width in boxes:
        assert x0 >= 0 and x1 <= width - 15 * MM + 1  # within the right margin


def test_no_page_ends_with_a_heading(printed):
    _, pdf = printed
    pages = lines(pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages[:-1], start=1):
        body = [line for line in page if line.text != str(number)]  # the number in the top margin
        assert body[-1].text not in HEADINGS, (number, body[-1].text)


def test_external_links_are_followed_by_their_url(printed):
    _, pdf = printed
    text = " ".join(pages_text(pdf)).replace("\n", " ")
    assert "trang của Trung ương Hội (https://hoilhpn.org.vn/tin-tuc/)" in text
    assert "trang chủ (" not in text  # site links print no address


def test_a_video_facade_prints_its_address_once_and_no_button(tmp_path):
    """On paper the facade's "Xem video trên Facebook" is no button, and the poster's link
    would print the video's address a second time: the caption's "Xem trên Facebook (…)" is
    the one place it is printed."""
    body = (
        '---\ntitle: "Phóng sự nhiệm kỳ"\ndate: 2021-03-08\nvideo:\n'
        "  facebook: https://www.facebook.com/hoilhpnquangtri/videos/123456789\n---\n\nLời giới thiệu.\n"
    )
    root = make_site(
        tmp_path,
        {"tin-tuc/phong-su.md": body},
        MKDOCS_YML.format(theme=THEME) + "extra_css:\n  - assets/stylesheets/bantin.css\n",
    )
    page = build_ok(root) / "tin-tuc" / "phong-su-nhiem-ky" / "index.html"
    out = tmp_path / "printed.pdf"
    _print_to_pdf(page, out, tmp_path / "profile")
    text = "".join(" ".join(pages_text(out)).split())
    assert text.count("facebook.com/hoilhpnquangtri/videos/123456789") == 1, text
    assert "XemtrênFacebook(https://www.facebook.com/hoilhpnquangtri/videos/123456789)" in text
    assert "XemvideotrênFacebook" not in text
