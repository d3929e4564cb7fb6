"""Reading a Word ``.docx`` into Markdown: mammoth (to HTML), then markdownify (to Markdown).

mammoth gives clean HTML (headings, emphasis, lists, tables, images) but its own Markdown
output drops tables; markdownify keeps them (PITFALLS.md). Three things are done around them:

- **Legacy fonts.** Text typed in ``.VnTime`` (TCVN3) or ``VNI-Times`` (VNI) fonts is
  mojibake once the font is gone. Before mammoth sees the document, every run whose font
  (resolved through run, character style, paragraph style and document defaults, as Word does)
  is a legacy one is converted to Unicode (:mod:`builder.importers.encodings`); TCVN3's ư,
  which Word stores as a soft hyphen (``<w:softHyphen/>``), is restored, and runs set in a
  capitals font (``.VnTimeH``) or with "All caps" formatting are upper-cased, because that
  is what the reader saw.
- **Letterhead tables.** An official document's header (issuer | national motto, number |
  place and date) and its signature block (Nơi nhận | signer) are borderless two-column
  tables. They are written one cell line per line, so that the content model can recognise
  them (:func:`builder.content.recognise.is_letterhead`); real tables stay Markdown tables,
  the first row as header.
- **Pictures** are returned as bytes with placeholder names (:data:`PICTURE_PREFIX`); the
  caller names and writes them next to the page.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

import mammoth
from markdownify import ATX, MarkdownConverter

from builder.content.recognise import is_letterhead
from builder.content.text import normalise
from builder.importers import encodings

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
PICTURE_PREFIX = "anh-word-"
"""Pictures are referenced as ``anh-word-<n>.<ext>`` in the Markdown until the caller renames them."""

_WEB_PICTURES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
# Titles and subtitles of Word's built-in styles are headings too.
_STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => h2:fresh"


class WordError(Exception):
    """The file cannot be read as a Word document (message in Vietnamese)."""


@dataclass(frozen=True)
class Picture:
    """A picture from the document: ``name`` as referenced in the Markdown, its ``data``,
    its ``alt`` text as written in Word ("" when none) and whether browsers can show it."""

    name: str
    data: bytes
    alt: str
    web: bool


@dataclass
class WordDocument:
    """A Word document read as Markdown.

    Attributes:
        markdown: the text (NFC, LF); letterhead lines one per line.
        pictures: the pictures, in order.
        encoding: the legacy encoding converted from (:data:`encodings.TCVN3` / ``VNI``), or None.
        notes: Vietnamese lines for the editor (converted encodings, numbered lists, pictures).
    """

    markdown: str
    pictures: list[Picture] = field(default_factory=list)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)


def read_docx(data: bytes) -> WordDocument:
    """Convert the bytes of a ``.docx`` file to Markdown.

    Raises:
        WordError: not a .docx (an old .doc, a damaged file, another format).
    """
    try:
        data, runs = _convert_legacy_fonts(data)
        pictures: list[Picture] = []
        result = mammoth.convert_to_html(io.BytesIO(data), style_map=_STYLE_MAP,
                                         convert_image=mammoth.images.img_element(_collector(pictures)))
    except (zipfile.BadZipFile, KeyError, ET.ParseError, ValueError) as exc:
        raise WordError("Không đọc được tệp Word: tệp hỏng hoặc không phải .docx "
                        f"({type(exc).__name__}). Mở tệp bằng Word và lưu lại dưới dạng .docx.") from None
    html = result.value
    markdown = normalise(_Converter(heading_style=ATX, bullets="-", table_infer_header=True).convert(html))
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)  # empty Word paragraphs leave runs of blank lines
    notes = [f"Đã chuyển {count} đoạn chữ từ bảng mã {encodings.NAMES[name]} sang Unicode: đọc soát lại dấu."
             for name, count in runs.items()]
    encoding = max(runs, key=runs.get) if runs else None
    if not runs and (guessed := encodings.detect(markdown)) is not None:
        encoding = guessed
        markdown = encodings.convert(markdown, guessed)
        notes.append(f"Chữ trong tệp có vẻ gõ bằng bảng mã {encodings.NAMES[guessed]} nhưng không ghi phông chữ: "
                     "đã chuyển sang Unicode, đọc soát lại dấu và chữ hoa.")
    if "<ol" in html:
        notes.append("Tệp có danh sách đánh số tự động của Word: số thứ tự được đánh lại từ 1, hãy so với bản gốc.")
    for picture in pictures:
        if not picture.web:
            notes.append(f"Ảnh {picture.name} ở dạng trình duyệt không hiển thị được: lưu lại thành PNG hoặc JPG.")
        if not picture.alt:
            notes.append(f"Ảnh {picture.name} chưa có mô tả: viết mô tả ngắn giữa hai dấu ngoặc vuông ![...].")
    return WordDocument(markdown.strip() + "\n", pictures, encoding, notes)


def _collector(pictures: list[Picture]):
    def convert(image) -> dict:
        with image.open() as stream:
            data = stream.read()
        extension = _WEB_PICTURES.get(image.content_type) or (image.content_type or "bin").split("/")[-1].removeprefix("x-")
        name = f"{PICTURE_PREFIX}{len(pictures) + 1}.{extension}"
        pictures.append(Picture(name, data, normalise(image.alt_text or "").strip(), image.content_type in _WEB_PICTURES))
        return {"src": name}
    return convert


class _Converter(MarkdownConverter):
    """markdownify, with letterhead tables written as lines instead of a Markdown table."""

    def convert_table(self, el, text, parent_tags):
        if not is_letterhead(el.get_text("\n")):
            return super().convert_table(el, text, parent_tags)
        cells = []
        for cell in el.find_all(["td", "th"]):
            cells.append("".join(self.process_element(child, parent_tags=set()) for child in cell.children).strip())
        return "\n\n" + "\n\n".join(c for c in cells if c) + "\n\n"


# --- legacy fonts --------------------------------------------------------------------------

def _convert_legacy_fonts(data: bytes) -> tuple[bytes, dict[str, int]]:
    """Return the .docx with legacy-font runs converted to Unicode, and the count of runs
    converted from each legacy encoding."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        fonts = _StyleFonts(source.read("word/styles.xml") if "word/styles.xml" in source.namelist() else b"")
        changed, runs = {}, {}
        for part in _PARTS:
            if part not in source.namelist():
                continue
            xml = source.read(part)
            if not re.search(rb"caps|\.Vn|VNI", xml, re.IGNORECASE):
                continue  # nothing to do: keep the part byte for byte
            root, namespaces = _parse(xml)
            for name, count in _convert_runs(root, fonts).items():
                runs[name] = runs.get(name, 0) + count
            changed[part] = _serialise(root, namespaces)
        if not changed:
            return data, {}
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                target.writestr(item, changed.get(item.filename) or source.read(item.filename))
        return out.getvalue(), runs


class _StyleFonts:
    """Font and capitals of each style, following ``basedOn`` (styles.xml)."""

    def __init__(self, xml: bytes):
        self.styles: dict[str, ET.Element] = {}
        self.default_paragraph = ""
        self.defaults = (None, False)
        if not xml:
            return
        root = ET.fromstring(xml)
        rpr = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.defaults = (_font(rpr), _caps(rpr) or False)
        for style in root.iter(f"{_W}style"):
            style_id = style.get(f"{_W}styleId", "")
            self.styles[style_id] = style
            if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true", "on"):
                self.default_paragraph = style_id

    def resolve(self, style_id: str, depth: int = 0) -> tuple[str | None, bool | None]:
        """(font, caps) a style sets, itself or through the styles it is based on."""
        style = self.styles.get(style_id)
        if style is None or depth > 20:
            return None, None
        rpr = style.find(f"{_W}rPr")
        font, caps = _font(rpr), _caps(rpr)
        based = style.find(f"{_W}basedOn")
        if based is not None and (font is None or caps is None):
            parent_font, parent_caps = self.resolve(based.get(f"{_W}val", ""), depth + 1)
            font = font if font is not None else parent_font
            caps = caps if caps is not None else parent_caps
        return font, caps


def _convert_runs(root: ET.Element, fonts: _StyleFonts) -> dict[str, int]:
    runs: dict[str, int] = {}
    for paragraph in root.iter(f"{_W}p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        paragraph_font, paragraph_caps = fonts.resolve(style.get(f"{_W}val", "") if style is not None else fonts.default_paragraph)
        for run in paragraph.iter(f"{_W}r"):
            rpr = run.find(f"{_W}rPr")
            run_style = rpr.find(f"{_W}rStyle") if rpr is not None else None
            style_font, style_caps = fonts.resolve(run_style.get(f"{_W}val", "")) if run_style is not None else (None, None)
            font = _first(_font(rpr), style_font, paragraph_font, fonts.defaults[0])
            caps = _first(_caps(rpr), style_caps, paragraph_caps, fonts.defaults[1])
            encoding = encodings.encoding_of_font(font)
            upper = bool(caps) or encodings.is_capitals_font(font)
            if encoding is None and not upper:
                continue
            if encoding is not None:
                runs[encoding] = runs.get(encoding, 0) + 1
            _rewrite_run(run, encoding, upper)
    return runs


def _rewrite_run(run: ET.Element, encoding: str | None, upper: bool) -> None:
    for index, child in enumerate(list(run)):
        if child.tag == f"{_W}softHyphen" and encoding == encodings.TCVN3:
            # TCVN3's ư is byte 0xAD, the soft hyphen, which Word keeps as an element.
            replacement = ET.Element(f"{_W}t")
            replacement.text = "Ư" if upper else "ư"
            run.remove(child)
            run.insert(index, replacement)
        elif child.tag == f"{_W}t" and child.text:
            text = encodings.convert(child.text, encoding, upper) if encoding else child.text.upper()
            child.text = text


def _font(rpr: ET.Element | None) -> str | None:
    # Letters above U+007F are drawn with the hAnsi font, which is where legacy codes live.
    fonts = rpr.find(f"{_W}rFonts") if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(f"{_W}hAnsi") or fonts.get(f"{_W}ascii")


def _caps(rpr: ET.Element | None) -> bool | None:
    caps = rpr.find(f"{_W}caps") if rpr is not None else None
    if caps is None:
        return None
    return caps.get(f"{_W}val", "true") not in ("0", "false", "off")


def _first(*values):
    return next((v for v in values if v is not None), None)


def _parse(xml: bytes) -> tuple[ET.Element, dict[str, str]]:
    namespaces = dict(ns for _, ns in ET.iterparse(io.BytesIO(xml), events=("start-ns",)))
    return ET.fromstring(xml), namespaces


def _serialise(root: ET.Element, namespaces: dict[str, str]) -> bytes:
    # Keep Word's prefixes (w:, r:, wp: ...) so that mc:Ignorable lists still name them.
    for prefix, uri in namespaces.items():
        if prefix:
            ET.register_namespace(prefix, uri)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
