"""The line memo of builder/outputs/pdf_columns.py: the same PDF as stock WeasyPrint, faster.

A four-page two-column document with what bulletin articles contain (justified paragraphs
with indents and inline markup, headings kept with what follows, lists, a quotation, a
picture with its caption, a table) and what the memo must leave to WeasyPrint (a floated
picture, a first letter, an inline-block, an absolutely positioned mark, a footnote, a running
header taken from the text) is
rendered with WeasyPrint's own column layout and with the memo: the PDFs are byte for byte
the same, and the memo did replay most lines.
"""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from builder.outputs import editions, pdf, pdf_columns
from conftest import THEME

pytestmark = pytest.mark.slow  # typesets a long bulletin twice with WeasyPrint

SENTENCES = (
    "Hội Liên hiệp Phụ nữ tỉnh Quảng Trị tổ chức Đại hội đại biểu lần thứ XV",
    "chị em vùng biên đã cùng nhau xây dựng mô hình sinh kế bền vững",
    "<em>Bình đẳng giới</em> bắt đầu từ mỗi gia đình, từ những việc nhỏ nhất hằng ngày",
    "<strong>cán bộ Hội cơ sở</strong> đến từng nhà vận động, lắng nghe và chia sẻ",
    '<a href="https://example.org/">chương trình</a> đã giúp hàng trăm hộ thoát nghèo',
)


def _png() -> str:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + bytes((173, 20, 87)) * 40 for _ in range(24))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 24, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _paragraph(n: int) -> str:
    words = ". ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(2 + n % 5))
    return f"<p>{words[0].upper()}{words[1:]}.</p>"


def _article(n: int, extras: str) -> str:
    body = "".join(_paragraph(n * 7 + k) for k in range(3 + n % 3))
    return f"""<article><h1>Bài {n}: Phụ nữ Quảng Trị chung tay xây dựng nông thôn mới</h1>
<div class="text">{_paragraph(n)}<h2>Thay đổi từ nếp nghĩ</h2>{body}
<ul><li>tôn trọng, lắng nghe và giải quyết mâu thuẫn trong gia đình;</li>
<li>lên tiếng khi chứng kiến hành vi bạo lực.</li></ul>
<blockquote><p>{SENTENCES[n % len(SENTENCES)]}.</p></blockquote>
<figure><img src="{_png()}" alt=""><figcaption>Chị em tham gia sinh hoạt chi hội.</figcaption></figure>
{extras}{"".join(_paragraph(n * 3 + k) for k in range(2))}</div></article>"""


EXTRAS = (
    "",
    "<table><tr><th>Xã</th><th>Hội viên</th></tr><tr><td>A Bung</td><td>412</td></tr></table>",
    f'<img class="float" src="{_png()}" alt="">{_paragraph(40)}',
    f'<p class="drop">{SENTENCES[1]}. {SENTENCES[2]}. {SENTENCES[3]}.</p>',
    f'<p>Xem <span class="chip">số 8/3</span> và <span class="mark">*</span>{SENTENCES[0]}'
    f'<span class="note">Nghị định 30/2020/NĐ-CP.</span> {SENTENCES[4]}.</p>',
    f'<p><span class="running">Bản tin số 8/3</span>{SENTENCES[3]}. {SENTENCES[1]}. {SENTENCES[2]}.</p>',
)


def _job() -> pdf.PdfJob:
    fonts = editions._font_files((THEME,))
    faces = "".join(
        f'@font-face {{ font-family: "Tinos"; src: url("{url}"); font-weight: {weight}; font-style: {style}; }}'
        for url, weight, style in fonts
    )
    css = (
        faces
        + """
    @page { size: 190mm 270mm; margin: 16mm 14mm; @top-center { content: element(header); } }
    * { font-family: "Tinos" !important; }
    html { font-size: 10.5pt; line-height: 1.35; }
    h1 { font-size: 17pt; margin: 5mm 0 3mm; break-after: avoid; }
    .text { columns: 2; column-gap: 6mm; text-align: justify; }
    .text p { text-indent: 1.2em; margin: 0 0 0.45em; }
    h2 { font-size: 11pt; margin: 0.8em 0 0.3em; break-after: avoid; }
    figure { margin: 0.3em 0 0.8em; break-inside: avoid; }
    figure img { display: block; width: 100%; }
    img.float { float: right; width: 30%; margin-left: 2mm; }
    .drop::first-letter { font-size: 200%; font-weight: 700; }
    .chip { display: inline-block; padding: 0 1mm; border: 0.5pt solid #ad1457; }
    .mark { position: absolute; left: 0; }
    .note { float: footnote; }
    .running { position: running(header); }
    """
    )
    body = "".join(_article(n, extra) for n, extra in enumerate(EXTRAS))
    html = f'<html lang="vi"><head><meta charset="utf-8"><style>{css}</style></head><body>{body}</body></html>'
    return pdf.PdfJob(
        name="columns",
        html=html,
        base_url="https://example.org/",
        resources={url: url.removeprefix("file://") for url, _, _ in fonts},
        font_families=("Tinos",),
    )


def test_the_line_memo_gives_the_same_pdf_as_stock_weasyprint_and_replays_most_lines():
    job = _job()
    with pdf_columns.stock_layout():
        stock = pdf.render(job)
    assert pdf_columns.enable()  # WeasyPrint is the pinned major version: the memo is in use
    before = dict(pdf_columns.COUNTS)
    fast = pdf.render(job)
    broken = pdf_columns.COUNTS["broken"] - before["broken"]
    replayed = pdf_columns.COUNTS["replayed"] - before["replayed"]
    assert stock.pages == fast.pages >= 4
    assert not stock.refused and not stock.foreign_fonts
    assert fast.data == stock.data
    assert replayed > broken > 0


@pytest.mark.parametrize("future", ["another major version", "another signature"])
def test_another_weasyprint_keeps_its_stock_layout_and_the_same_pdf(monkeypatch, future):
    """The guard's fallback (issue 19 §2): WeasyPrint's internals are only wrapped for the
    version they were written for; any other one lays columns out its own way."""
    from weasyprint.layout import inline

    job = _job()
    with pdf_columns.stock_layout():
        stock = pdf.render(job)
    pdf_columns._disable()
    if future == "another major version":
        monkeypatch.setattr(pdf_columns, "SUPPORTED_MAJOR", "0")
    else:
        stock_line = inline.get_next_linebox

        def get_next_linebox(*args, later=None):  # a future WeasyPrint: one more parameter
            return stock_line(*args)

        monkeypatch.setattr(inline, "get_next_linebox", get_next_linebox)
    try:
        assert not pdf_columns.enable()
        before = dict(pdf_columns.COUNTS)
        fallback = pdf.render(job)  # pdf.render asks for the memo itself, and is refused too
        assert pdf_columns.COUNTS == before  # no line went through the memo
        assert inline.get_next_linebox is not pdf_columns._get_next_linebox
        assert fallback.data == stock.data and fallback.pages >= 4
    finally:
        monkeypatch.undo()
        assert pdf_columns.enable()  # the pinned WeasyPrint again: the memo is back for other tests
