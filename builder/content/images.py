"""Pictures in the body of an article must say what they show (WCAG 1.1.1).

Front matter pictures need ``image_alt`` / ``cover_alt`` (builder/content/schema.py). In the
Markdown body, ``![](anh.jpg)`` gives an ``<img alt="">``, which screen readers skip as
decoration; on a news site a picture in the text is news, so the build asks for its
description, as it does in front matter. Raw HTML ``<img>`` without ``alt`` is reported too.
Code (fenced blocks and `inline code`) is not looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# ![](a.jpg), ![ ](a.jpg "title"), ![][ref]: the alt text between the brackets is blank.
_MARKDOWN = re.compile(r"!\[\s*\]\s*(?:\(\s*(?:<([^>]*)>|([^)\s]*))|\[([^\]]*)\])")
# <img ...> whose alt is missing or blank.
_HTML_IMG = re.compile(r"<img\b(?![^>]*\balt\s*=\s*(?:\"[^\"]*[^\"\s][^\"]*\"|'[^']*[^'\s][^']*'|[^\s\"'>]+))[^>]*>", re.I)
_SRC = re.compile(r"\bsrc\s*=\s*[\"']?([^\"'\s>]*)", re.I)


@dataclass(frozen=True)
class MissingAlt:
    """A picture without a description: 1-based ``line`` and ``col`` in the file, its ``src``."""

    line: int
    col: int
    src: str


def missing_alt(body: str, body_line: int = 1) -> list[MissingAlt]:
    """Find the pictures of a Markdown ``body`` that have no description.

    Args:
        body: the Markdown after the front matter; body_line: its first line in the file.

    Returns:
        Each picture without alt text, in order.
    """
    found, in_fence = [], False
    for number, line in enumerate(body.split("\n"), start=body_line):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in _MARKDOWN.finditer(text):
            found.append(MissingAlt(number, match.start() + 1, next((g for g in match.groups() if g), "")))
        for match in _HTML_IMG.finditer(text):
            src = _SRC.search(match.group())
            found.append(MissingAlt(number, match.start() + 1, src.group(1) if src else ""))
    return sorted(found, key=lambda m: (m.line, m.col))
