"""Limits on what one content file may hold, checked before anything else reads it.

Each limit is far above what an article needs and below what breaks a tool the build uses;
a file beyond one is refused at its line, with the limit and the fix, by ``bantin check`` and
``bantin build`` alike (the build then writes nothing):

- :data:`MAX_FILE_BYTES`: a 200 MB file of 10,000 nested list items kept a build busy for more
  than 500 s and 24 GB of memory;
- :data:`MAX_INDENT` and :data:`MAX_QUOTE_DEPTH`: Python-Markdown's time grows with the cube of
  a list's nesting (400 levels: 6 s; 3,000: minutes), for nested lists and quotes alike;
- :data:`MAX_MARKER_RUN`: 5,000 ``*`` or ``_`` in a row around a word exceed Python's recursion
  limit in Python-Markdown (``RecursionError``; 1,000 still convert);
- :data:`MAX_SLUG` (checked on the URL, :func:`builder.content.assemble.assemble`): a page is
  written to ``<slug>/index.html`` and its card to ``<slug>.png``, and a file name has at most
  255 bytes on Linux, macOS and Windows file systems (a 2,000-character title stopped the
  build with "File name too long").
"""

from __future__ import annotations

import re

from builder.errors import ErrorList

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest content file (Markdown), in bytes: the longest real official document is ~0.2 MB."""

MAX_INDENT = 80
"""Most leading spaces (a tab counts 4) on a line: 20 levels of nested list at 4 spaces each."""

MAX_QUOTE_DEPTH = 20
"""Most ``>`` at the start of a line (quotes inside quotes)."""

MAX_MARKER_RUN = 200
"""Longest run of ``*`` or ``_`` inside a line (a horizontal rule, a line of them alone, is fine)."""

MAX_SLUG = 200
"""Longest part of a URL (a slug), in characters (ASCII): 255 bytes for ``<slug>.png`` and the
temporary name ``.<slug>.png.<8 letters>.tmp`` written before it, with room to spare."""

_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)")
_RUN = re.compile(r"\*{%d,}|_{%d,}" % (MAX_MARKER_RUN + 1, MAX_MARKER_RUN + 1))
_RULE = re.compile(r"^[ \t]*([*_-])([ \t]*\1)*[ \t]*$")


def file_too_big(size: int, shown: str, errors: ErrorList) -> bool:
    """Report a file of ``size`` bytes above :data:`MAX_FILE_BYTES`; True when it was."""
    if size <= MAX_FILE_BYTES:
        return False
    errors.add(
        shown,
        1,
        f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); một bài chỉ được tối đa {MAX_FILE_BYTES // 1024 // 1024} MB chữ.",
        "Kiểm tra xem tệp có bị chép nhầm (dán lặp nhiều lần) không; bài dài thì chia thành nhiều bài. "
        "Ảnh và tệp đính kèm đặt thành tệp riêng, không dán vào bài.",
    )
    return True


_SUSPECT = re.compile(
    r"^[ \t]{%d,}|^[ \t]*(?:>[ \t]*){%d,}|\*{%d,}|_{%d,}"
    % (MAX_INDENT // 4 + 1, MAX_QUOTE_DEPTH + 1, MAX_MARKER_RUN + 1, MAX_MARKER_RUN + 1),
    re.M,
)
"""Lines that may be beyond a limit (one regex over the whole body: most bodies have none)."""


def within(body: str) -> bool:
    """True when ``body`` is within the limits of :func:`check_body` (Markdown may convert it)."""
    if _SUSPECT.search(body) is None:
        return True
    found = ErrorList()
    check_body(body, 1, "", found)
    return not found


def check_body(body: str, body_line: int, shown: str, errors: ErrorList) -> None:
    """Report each line of ``body`` (starting at line ``body_line`` of the file) nested or
    marked beyond the limits above, once per kind of problem (the first line with it)."""
    if _SUSPECT.search(body) is None:
        return
    said = set()
    for number, line in enumerate(body.split("\n"), start=body_line):
        if len(said) == 3:
            break
        indent = len(line) - len(line.lstrip(" \t"))
        if "indent" not in said and indent and len(line[:indent].expandtabs(4)) > MAX_INDENT:
            said.add("indent")
            errors.add(
                shown,
                number,
                f"Dòng thụt vào quá sâu ({len(line[:indent].expandtabs(4))} dấu cách; "
                f"tối đa {MAX_INDENT}, tức {MAX_INDENT // 4} cấp danh sách lồng nhau).",
                "Bớt dấu cách ở đầu dòng: danh sách chỉ nên lồng vài cấp.",
                1,
            )
        quotes = _QUOTES.match(line)
        if "quote" not in said and quotes and quotes.group(1).count(">") > MAX_QUOTE_DEPTH:
            said.add("quote")
            errors.add(
                shown,
                number,
                f"Dòng có {quotes.group(1).count('>')} dấu '>' (trích dẫn lồng nhau); tối đa {MAX_QUOTE_DEPTH}.",
                "Bớt các dấu '>' ở đầu dòng.",
                1,
            )
        run = _RUN.search(line) if "run" not in said and ("**" in line or "__" in line) else None
        if run and not _RULE.match(line):
            said.add("run")
            errors.add(
                shown,
                number,
                f"Có {len(run.group())} dấu '{run.group()[0]}' liền nhau "
                f"(tối đa {MAX_MARKER_RUN}): trình chuyển Markdown không xử lý được.",
                "Xóa bớt các dấu đó (in đậm, in nghiêng chỉ cần ** hoặc * ở hai đầu chữ); "
                "dòng kẻ để điền thì viết ngắn hơn.",
                run.start() + 1,
            )
