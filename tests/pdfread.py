"""Reading PDFs back for the tests: text, words with positions, fonts, page sizes.

pypdf gives the document structure (page boxes, fonts and their embedded files, metadata,
text); pdfminer.six gives the layout (each text line with its box), so tests can say where a
line is on the page. PDF coordinates: points (1/72 in), origin at the bottom left.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
from pypdf import PdfReader

MM = 72 / 25.4
"""Points per millimetre."""


@dataclass(frozen=True)
class Line:
    """One text line of a page: its text and box (x0, y0, x1, y1 in points)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pages_text(path: Path) -> list[str]:
    """The text of each page (pypdf)."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def page_sizes_mm(path: Path) -> list[tuple[float, float]]:
    """Width and height of each page in mm, rounded to 0.1 mm."""
    return [
        (round(float(p.mediabox.width) / MM, 1), round(float(p.mediabox.height) / MM, 1)) for p in PdfReader(path).pages
    ]


def lines(path: Path) -> list[list[Line]]:
    """The text lines of each page, top to bottom (pdfminer)."""
    result = []
    for layout in extract_pages(str(path), laparams=LAParams()):
        found = []
        for box in layout:
            if isinstance(box, LTTextContainer):
                for line in box:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        found.append(Line(line.get_text().strip(), *line.bbox))
        result.append(sorted(found, key=lambda line: (-line.y1, line.x0)))
    return result


def fonts(path: Path) -> list[dict]:
    """Every font used on any page: ``name`` (BaseFont), ``embedded`` (has a font file),
    ``subset`` (the name has the six-letter subset prefix)."""
    seen = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in font_dict.get_object().values() if font_dict else []:
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            seen[name] = {"name": name, "embedded": embedded, "subset": len(name) > 8 and name[7] == "+"}
    return list(seen.values())


def metadata(path: Path) -> dict:
    """The document information dictionary (``/Title``, ``/CreationDate`` ...)."""
    return dict(PdfReader(path).metadata or {})
