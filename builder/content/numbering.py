"""Literal numbering of official documents.

Official documents number their parts by hand: "I." (phần, a heading), "1." (khoản), "2.1.",
"a)" (điểm), then "-" and "+" items (Decree 30/2020/NĐ-CP, Appendix I; docs/domain.md §1.4).
Python-Markdown would renumber "4." from 1 and flatten "-" and "+" into one list
(docs/pitfalls.md §2.1), losing the document's structure. :func:`literal_markdown` rewrites the body
so that every numbered part stays a paragraph with its number as written, marked with a
class (``attr_list`` syntax) that the stylesheet indents by level:

============  ================  =======================
marker        class             example
============  ================  =======================
I.            ``lvl-roman``     "I. MỤC ĐÍCH, YÊU CẦU." (a level-2 heading)
1.            ``lvl-1``         "1. Chủ đề: ..."
2.1.          ``lvl-11``        "2.1. Chỉ đạo ..."
a)            ``lvl-a``         "a) Đối với cấp tỉnh"
\\-           ``dash``          "- Tổ chức tốt ..."
\\+           ``plus``          "+ Tập huấn ..."
Căn cứ        ``basis``         "Căn cứ Kế hoạch số ..." opening the body (unless the type's
                                layout says not); later in the body such a paragraph is text
QUYẾT ĐỊNH:   ``decision``      a Quyết định's line between basis and articles
Điều 1.       ``article``       "Điều 1. Thành lập ..." ("Điều 1." made bold)
CAPITALS      ``enactor``       the deciding body above a Quyết định's "Căn cứ" lines
============  ================  =======================

What differs between document types comes from :mod:`builder.content.document_types`.
"""

from __future__ import annotations

import re

from builder.content.document_types import Layout

_RULES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"^(\d+(?:\.\d+)+\.?)(\s)"), "lvl-11"),
    (re.compile(r"^(\d+)\.(\s)"), "lvl-1"),
    # Vietnamese point letters have no f, j, w, z (Decree 30 App. I).
    (re.compile(r"^([a-eg-ik-vxyđ])\)(\s)"), "lvl-a"),
    (re.compile(r"^-(\s)"), "dash"),
    (re.compile(r"^\+(\s)"), "plus"),
)
_ROMAN = re.compile(r"^([IVXL]+)\.\s+(.+)$")
_BASIS = re.compile(r"^(Căn cứ|Thực hiện|Theo đề nghị)\b")
_ARTICLE = re.compile(r"^(?:\*\*)?Điều\s+\d+\.(?:\*\*)?\s")
_DEFAULT = Layout()


def literal_markdown(body: str, layout: Layout = _DEFAULT) -> str:
    """Rewrite an official document's Markdown body so that its numbering is kept literally.

    Args:
        body: the document body (NFC, LF); paragraphs separated by blank lines. A numbered
            line directly under another line also starts a new paragraph.

    Returns:
        Markdown where each numbered paragraph has its marker escaped and an
        ``{: .class }`` attribute line; other text is unchanged. Fenced code, tables and
        HTML blocks are not expected in documents and are not treated specially.
    """
    blocks, current = [], []
    for line in body.split("\n"):
        stripped = line.strip()
        starts_new = current and (
            _classify(stripped) is not None
            or _ROMAN.match(stripped)
            or _BASIS.match(stripped)
            or _ARTICLE.match(stripped)
            or (layout.decision and _plain_words(stripped) == layout.decision)
        )
        if not line.strip() or starts_new:
            if current:
                blocks.append(current)
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    out, opening = [], True
    for lines in blocks:
        text = _block(lines, layout, opening)
        # The basis opens the body (Decree 30, Appendix I: "căn cứ ban hành văn bản" come right
        # after the trích yếu, or after the deciding body of a Quyết định). Once any other part
        # has started, "Căn cứ kế hoạch này, ..." or "Thực hiện tốt ..." is text, not basis.
        opening = opening and text.endswith(("{: .basis }", "{: .enactor }"))
        out.append(text)
    return "\n\n".join(out) + "\n"


def _classify(line: str) -> str | None:
    return next((name for pattern, name in _RULES if pattern.match(line)), None)


def _block(lines: list[str], layout: Layout, opening: bool = True) -> str:
    """One paragraph as Markdown with its class; ``opening``: no other part of the body comes
    before it (only then can a "Căn cứ ..." paragraph be the basis)."""
    first = lines[0].strip()
    if layout.decision and len(lines) == 1 and _plain_words(first) == layout.decision:
        return f"{layout.decision}\n{{: .decision }}"
    if layout.decision and len(lines) == 1 and _is_capitals(_plain_words(first)) and not _ROMAN.match(first):
        # A Quyết định names the body that decides, in capitals above its "Căn cứ" lines
        # ("BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ"; Decree 30, Appendix III, Mẫu 1.1).
        return f"{_plain_words(first)}\n{{: .enactor }}"
    roman = _ROMAN.match(first)
    if roman and len(lines) == 1:
        return f"## {roman.group(1)}. {roman.group(2)} {{: .lvl-roman }}"
    name = _classify(first)
    if name is not None:
        pattern = next(p for p, n in _RULES if n == name)
        lines = [_escape(pattern, first)] + lines[1:]
    elif _BASIS.match(_plain_words(first)) and layout.basis_italic and opening:  # "*Căn cứ ...*" from Word too
        name = "basis"
    elif _ARTICLE.match(first):
        name = "article"  # "Điều 1." is bold (Decree 30, Appendix III, Mẫu 1.1); its text is not
        lines = [re.sub(r"^(?:\*\*)?(Điều\s+\d+\.)(?:\*\*)?", r"**\1**", first)] + lines[1:]
    text = "\n".join(lines)
    return f"{text}\n{{: .{name} }}" if name else text


def _escape(pattern: re.Pattern, line: str) -> str:
    # A backslash before "." or ")" or the bullet keeps Markdown from starting a list.
    match = pattern.match(line)
    marker = line[: match.start(match.lastindex)]
    return re.sub(r"([.)+-])", r"\\\1", marker, count=0) + line[match.start(match.lastindex) :]


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _plain_words(line: str) -> str:
    # "**QUYẾT ĐỊNH:**" from Word is the same line as "QUYẾT ĐỊNH:".
    return " ".join(line.replace("*", "").replace("_", "").split())
