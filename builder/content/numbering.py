"""Literal numbering of official documents.

Official documents number their parts by hand: "I." (phần, a heading), "1." (khoản), "2.1.",
"a)" (điểm), then "-" and "+" items (Decree 30/2020/NĐ-CP, Appendix I; docs/domain.md §1.4).
Python-Markdown would renumber "4." from 1 and flatten "-" and "+" into one list
(docs/pitfalls.md §2.1), losing the document's structure. :func:`literal_markdown` rewrites the body
so that every numbered part stays a paragraph with its number as written, marked with a
class (``attr_list`` syntax) that the stylesheet indents by level:

=========  ================  =======================
marker     class             example
=========  ================  =======================
I.         ``lvl-roman``     "I. MỤC ĐÍCH, YÊU CẦU." (a level-2 heading)
1.         ``lvl-1``         "1. Chủ đề: ..."
2.1.       ``lvl-11``        "2.1. Chỉ đạo ..."
a)         ``lvl-a``         "a) Đối với cấp tỉnh"
\\-         ``dash``          "- Tổ chức tốt ..."
\\+         ``plus``          "+ Tập huấn ..."
Căn cứ     ``basis``         "Căn cứ Kế hoạch số ..."
=========  ================  =======================
"""

from __future__ import annotations

import re

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


def literal_markdown(body: str) -> str:
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
        starts_new = current and (_classify(stripped) is not None or _ROMAN.match(stripped) or _BASIS.match(stripped))
        if not line.strip() or starts_new:
            if current:
                blocks.append(current)
            current = [line] if line.strip() else []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return "\n\n".join(_block(lines) for lines in blocks) + "\n"


def _classify(line: str) -> str | None:
    return next((name for pattern, name in _RULES if pattern.match(line)), None)


def _block(lines: list[str]) -> str:
    first = lines[0].strip()
    roman = _ROMAN.match(first)
    if roman and len(lines) == 1:
        return f"## {roman.group(1)}. {roman.group(2)} {{: .lvl-roman }}"
    name = _classify(first)
    if name is not None:
        pattern = next(p for p, n in _RULES if n == name)
        lines = [_escape(pattern, first)] + lines[1:]
    elif _BASIS.match(first):
        name = "basis"
    text = "\n".join(lines)
    return f"{text}\n{{: .{name} }}" if name else text


def _escape(pattern: re.Pattern, line: str) -> str:
    # A backslash before "." or ")" or the bullet keeps Markdown from starting a list.
    match = pattern.match(line)
    marker = line[: match.start(match.lastindex)]
    return re.sub(r"([.)+-])", r"\\\1", marker, count=0) + line[match.start(match.lastindex):]
