"""Repairs of slips that Word exports and copy-paste leave in a document's text.

A conversion sometimes breaks a paragraph in the middle of a sentence: the seed plan has
"... Quốc tế phụ nữ (8/3/1910" and, after a blank line, "– 8/3/2021); Chào mừng ...".
:func:`join_broken_paragraphs` puts such halves back together; every repair is reported so
that the editor can compare with the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A paragraph that starts a numbered or bulleted part is never the tail of the one before
# (numbering of Decree 30/2020/NĐ-CP, Appendix I; see builder.content.numbering).
_STARTS_PART = re.compile(r"^(?:[IVXL]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+*•])\s|^#")


@dataclass(frozen=True)
class Repair:
    """One repaired slip: the 1-based ``line`` of the joined text in the input and what was done."""

    line: int
    message: str


def join_broken_paragraphs(markdown: str) -> tuple[str, list[Repair]]:
    """Join two paragraphs when the first leaves a parenthesis open and the second closes it.

    Args:
        markdown: paragraphs separated by blank lines (LF line ends).

    Returns:
        ``(text, repairs)``: the text with each pair joined by one space (a blank line
        between them removed), and the repairs made, in order. Paragraphs whose second half
        starts a numbered part ("4.", "a)", "- ") are left alone.
    """
    blocks = _blocks(markdown)
    out: list[tuple[int, str]] = []
    repairs: list[Repair] = []
    for line, text in blocks:
        if out and _open_paren(out[-1][1]) > 0 and _open_paren(text) < 0 and not _STARTS_PART.match(text.lstrip()):
            first_line, previous = out[-1]
            last = previous.rstrip().split("\n")[-1]
            repairs.append(
                Repair(line, f"Đã nối lại đoạn bị ngắt giữa chừng: “…{last[-30:]}” + “{text.strip()[:30]}…”.")
            )
            out[-1] = (first_line, previous.rstrip() + " " + text.lstrip())
        else:
            out.append((line, text))
    return "\n\n".join(text for _, text in out), repairs


def _blocks(markdown: str) -> list[tuple[int, str]]:
    blocks, current, start = [], [], 0
    for number, line in enumerate(markdown.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _open_paren(text: str) -> int:
    return text.count("(") - text.count(")")
