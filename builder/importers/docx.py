"""Reading a Word ``.docx`` into Markdown: mammoth (to HTML), then markdownify (to Markdown).

mammoth gives clean HTML (headings, emphasis, lists, tables, images) but its own Markdown
output drops tables; markdownify keeps them (docs/pitfalls.md §6.1). Three things are done around them:

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
  caller names and writes them next to the page. Each keeps the width it had on the Word page
  (``{: width="151" }`` after the picture, read by attr_list; the page sets the height from
  the picture's proportions), and a caption paragraph "Ảnh: …" under a picture without a
  description becomes its alt text.

A Word file comes from outside and is treated as hostile (issue 16):

- It is opened through :func:`builder.importers.limits.open_docx` (sizes, XML depth, no
  entity declarations) before any library reads it.
- **Text stays text.** What was typed in Word is written so that Markdown shows it as typed:
  ``<`` becomes ``&lt;`` (and ``&`` before an entity name ``&amp;``), so a paragraph
  ``<script>…</script>`` is a line of text on the page, never markup.
- **Links** keep only ``http``, ``https`` and ``mailto`` targets; any other (``javascript:``,
  ``file:``, bookmarks inside the document, which Markdown cannot keep) leaves its text.
- **Pictures** are identified by their bytes, not by the type the file declares: the caller's
  ``recode`` (:func:`builder.outputs.images.reencode`, passed in because importers do not
  use Pillow) re-encodes each one and names its real format; a part that is not a picture
  (declared ``image/html``, ``image/md`` ...) is dropped with a note. Pictures linked from
  outside the file are never fetched.
- The page header and footer, which mammoth does not convert, are quoted in a note.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree as ET
from xml.parsers import expat

import mammoth
from markdownify import ATX, MarkdownConverter

from builder.content.recognise import is_letterhead
from builder.content.text import normalise
from builder.importers import encodings, limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
PICTURE_PREFIX = "anh-word-"
"""Pictures are referenced as ``anh-word-<n>.<ext>`` in the Markdown until the caller renames them."""

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_EMU_PER_PX = 9525  # DrawingML lengths are in EMU: 914,400 per inch, 96 CSS px per inch
_LINK_SCHEMES = ("http", "https", "mailto")
_CAPTION = re.compile(r"^[*_]*(?:Ảnh|Hình)(?: minh họa)?\s*[:.–-]\s*(?P<text>.+?)[*_]*$")

Recode = Callable[[bytes], "tuple[bytes, str] | None"]
"""Identifies and re-encodes a picture's bytes: ``(bytes, suffix)``, or None for bytes that are
not a picture (:func:`builder.outputs.images.reencode`)."""
# Titles and subtitles of Word's built-in styles are headings too.
_STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => h2:fresh"


class WordError(Exception):
    """The file cannot be read as a Word document (message in Vietnamese)."""


@dataclass(frozen=True)
class Picture:
    """A picture from the document: ``name`` as referenced in the Markdown (its suffix is the
    real format), its re-encoded ``data``, its ``alt`` text (Word's description, or the
    "Ảnh: …" caption under it; "" when none) and the ``width`` in CSS px it had on the Word
    page (None when Word did not say)."""

    name: str
    data: bytes
    alt: str
    width: int | None = None


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


def read_docx(data: bytes, recode: Recode) -> WordDocument:
    """Convert the bytes of a ``.docx`` file (untrusted) to Markdown.

    Args:
        data: the file's bytes.
        recode: identifies and re-encodes each picture (:data:`Recode`).

    Raises:
        WordError: not a .docx (an old .doc, a damaged file, another format), or a file over
            the limits of :mod:`builder.importers.limits`.
    """
    try:
        archive = limits.open_docx(data)
    except limits.Refused as exc:
        raise WordError(f"Không đọc được tệp Word: {exc}") from None
    notes: list[str] = []
    pictures: list[Picture] = []
    try:
        widths = _picture_widths(archive)
        notes += _header_footer_notes(archive)
        data, runs = _convert_legacy_fonts(data)
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=_STYLE_MAP,
            external_file_access=False,
            convert_image=mammoth.images.img_element(_collector(pictures, widths, recode, notes)),
        )
        html = result.value
        converter = _Converter(
            heading_style=ATX, bullets="-", table_infer_header=True, keep_inline_images_in=["td", "th"]
        )
        converter.pictures = {p.name: p for p in pictures}
        markdown = normalise(converter.convert(html))
    except (zipfile.BadZipFile, zlib.error, KeyError, ET.ParseError, expat.ExpatError, ValueError, EOFError):
        raise WordError(
            "Không đọc được tệp Word: tệp hỏng hoặc không phải .docx (cấu trúc bên trong không đúng). "
            "Mở tệp bằng Word và lưu lại dưới dạng .docx."
        ) from None
    except RecursionError:
        raise WordError(
            "Không đọc được tệp Word: nội dung lồng nhau quá sâu (bảng trong bảng, danh sách trong danh sách). "
            "Bỏ bớt các tầng lồng nhau trong Word rồi lưu lại."
        ) from None
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)  # empty Word paragraphs leave runs of blank lines
    markdown, pictures = _captions_as_alt(markdown, pictures)
    notes = [
        f"Đã chuyển {count} đoạn chữ từ bảng mã {encodings.NAMES[name]} sang Unicode: đọc soát lại dấu."
        for name, count in runs.items()
    ] + notes
    encoding = max(runs, key=runs.get) if runs else None
    if not runs and (guessed := encodings.detect(markdown)) is not None:
        encoding = guessed
        markdown = encodings.convert(markdown, guessed)
        notes.append(
            f"Chữ trong tệp có vẻ gõ bằng bảng mã {encodings.NAMES[guessed]} nhưng không ghi phông chữ: "
            "đã chuyển sang Unicode, đọc soát lại dấu và chữ hoa."
        )
    if "<ol" in html:
        notes.append("Tệp có danh sách đánh số tự động của Word: số thứ tự được đánh lại từ 1, hãy so với bản gốc.")
    for picture in pictures:
        if not picture.alt:
            notes.append(f"Ảnh {picture.name} chưa có mô tả: viết mô tả ngắn giữa hai dấu ngoặc vuông ![...].")
    return WordDocument(markdown.strip() + "\n", pictures, encoding, notes)


def _collector(pictures: list[Picture], widths: dict[str, int], recode: Recode, notes: list[str]):
    def convert(image) -> dict:
        shown = image.content_type or "không rõ kiểu"
        try:
            with image.open() as stream:
                part = getattr(stream, "name", "")
                data = stream.read(limits.MAX_PART_BYTES + 1)
        except (ValueError, KeyError):  # a picture linked from outside the file: never fetched
            notes.append(
                f"Đã bỏ một ảnh liên kết ra ngoài tệp Word ({shown}): chèn hẳn ảnh vào tài liệu "
                "(Chèn → Ảnh) hoặc thêm ảnh vào bài bằng tay."
            )
            return {}
        recoded = recode(data)
        if recoded is None:
            notes.append(
                f"Đã bỏ phần {part or '?'} của tệp Word (khai báo là {shown}): không phải ảnh đọc được, "
                "hoặc ảnh hỏng hay quá lớn. Nếu cần ảnh này, lưu nó thành JPG hoặc PNG rồi thêm vào bài."
            )
            return {}
        data, suffix = recoded
        name = f"{PICTURE_PREFIX}{len(pictures) + 1}{suffix}"
        pictures.append(Picture(name, data, " ".join(normalise(image.alt_text or "").split()), widths.get(part)))
        return {"src": name}

    return convert


def _picture_widths(archive: zipfile.ZipFile) -> dict[str, int]:
    """Zip part name of each embedded picture → its width on the Word page in CSS px (the
    first use of a picture shown twice)."""
    rels_name = "word/_rels/document.xml.rels"
    if rels_name not in archive.namelist():
        return {}
    targets = {}
    for rel in ET.fromstring(archive.read(rels_name)):
        target = rel.get("Target", "")
        if rel.get("TargetMode") != "External" and target:
            targets[rel.get("Id")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"word/{target}")
            )
    widths: dict[str, int] = {}
    for element in ET.fromstring(archive.read(limits.DOCUMENT_PART)).iter():
        if element.tag not in (f"{_WP}inline", f"{_WP}anchor"):
            continue
        extent, blip = element.find(f"{_WP}extent"), next(element.iter(f"{_A}blip"), None)
        part = targets.get(blip.get(f"{_R}embed")) if blip is not None else None
        if extent is not None and part and extent.get("cx", "").isdigit():
            widths.setdefault(part, max(1, round(int(extent.get("cx")) / _EMU_PER_PX)))
    return widths


def _header_footer_notes(archive: zipfile.ZipFile) -> list[str]:
    """Notes quoting the page header and footer, which the import leaves out (mammoth reads
    the body only): they may hold what matters, such as the document's number."""
    found: dict[str, list[str]] = {"header": [], "footer": []}
    for name in sorted(archive.namelist()):
        kind = re.fullmatch(r"word/(header|footer)\d*\.xml", name)
        if kind is None:
            continue
        for paragraph in ET.fromstring(archive.read(name)).iter(f"{_W}p"):
            text = " ".join(normalise("".join(t.text or "" for t in paragraph.iter(f"{_W}t"))).split())
            if text and not text.isdigit() and text not in found[kind.group(1)]:  # page numbers say nothing
                found[kind.group(1)].append(text)
    notes = []
    for kind, label in (("header", "Đầu trang (header)"), ("footer", "Chân trang (footer)")):
        if found[kind]:
            quoted = " / ".join(found[kind])
            quoted = quoted if len(quoted) <= 300 else quoted[:300] + "…"
            notes.append(f"{label} của tệp Word không được nhập: “{quoted}”. Nếu cần (ví dụ số văn bản), chép vào bài.")
    return notes


def _captions_as_alt(markdown: str, pictures: list[Picture]) -> tuple[str, list[Picture]]:
    """Give a picture without a description the text of the "Ảnh: …" caption right under it
    (the caption stays in the text, where the reader sees it)."""
    by_name = {p.name: p for p in pictures}
    blocks = markdown.split("\n\n")
    for i, block in enumerate(blocks[:-1]):
        picture = re.fullmatch(r"!\[\]\((" + re.escape(PICTURE_PREFIX) + r"\d+\.\w+)\)(\{[^}\n]*\})?", block.strip())
        caption = _CAPTION.match(blocks[i + 1].strip())
        if picture is None or caption is None or picture.group(1) not in by_name:
            continue
        text = re.sub(r"\\(.)", r"\1", caption.group("text"))  # Markdown back to the text it shows
        alt = " ".join(text.replace("&lt;", "<").replace("&amp;", "&").split())
        blocks[i] = block.replace("![]", f"![{_escape_alt(alt)}]", 1)
        by_name[picture.group(1)] = replace(by_name[picture.group(1)], alt=alt)
    return "\n\n".join(blocks), [by_name[p.name] for p in pictures]


def _escape_text(text: str) -> str:
    """``text`` written so that Markdown shows it as typed: ``<`` as ``&lt;`` (no HTML tag can be
    made of it) and ``&`` as ``&amp;`` where it would start an entity."""
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    return text.replace("<", "&lt;")


def _escape_alt(text: str) -> str:
    """Text for the brackets of ``![...](...)``: no bracket or backslash ends them early."""
    return re.sub(r"([\\\[\]])", r"\\\1", _escape_text(" ".join(text.split())))


class _Converter(MarkdownConverter):
    """markdownify, with letterhead tables written as lines instead of a Markdown table, text
    escaped as text, links limited to :data:`_LINK_SCHEMES`, and only the document's own
    pictures (``pictures``: name → :class:`Picture`) kept, with their width."""

    pictures: dict[str, Picture] = {}

    def escape(self, text, parent_tags):
        return _escape_text(super().escape(text, parent_tags))

    def convert_a(self, el, text, parent_tags):
        href = (el.get("href") or "").strip()
        if urlsplit(href).scheme.lower() not in _LINK_SCHEMES:
            return text  # javascript:, file:, a bookmark inside the document ...: the text only
        el.attrs = {"href": quote(href, safe="/:?#[]@!$&'*+,;=%~")}  # no ( ) space < > " to end the link early
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        picture = self.pictures.get(el.get("src") or "")
        if picture is None:
            return ""  # not one of the document's pictures (dropped with a note by the collector)
        if "_inline" in parent_tags and el.parent.name not in self.options["keep_inline_images_in"]:
            return _escape_alt(picture.alt)
        size = f'{{: width="{picture.width}" }}' if picture.width else ""
        return f"![{_escape_alt(picture.alt)}]({picture.name}){size}"

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
        paragraph_font, paragraph_caps = fonts.resolve(
            style.get(f"{_W}val", "") if style is not None else fonts.default_paragraph
        )
        for run in paragraph.iter(f"{_W}r"):
            rpr = run.find(f"{_W}rPr")
            run_style = rpr.find(f"{_W}rStyle") if rpr is not None else None
            style_font, style_caps = (
                fonts.resolve(run_style.get(f"{_W}val", "")) if run_style is not None else (None, None)
            )
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
