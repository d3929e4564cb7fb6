"""Finding and repairing, in the editor's own file, the text the build silently cleans up.

The build reads every file through :func:`builder.content.text.normalise`, so decomposed (NFD)
Vietnamese and Word's invisible control characters never reach readers. They still sit in the
repository, where they break searches ("Bình đẳng" typed on Windows does not find the NFD
"Bình đẳng" pasted from a Mac) and diffs. ``bantin check`` reports them with
:func:`text_problems`; ``bantin check --fix`` rewrites the file with :func:`repair`.

The repair applies exactly :func:`~builder.content.text.normalise` to each line and keeps
everything else byte for byte: the line ends (LF, CRLF or CR) and a leading byte order mark.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from builder.content.text import normalise

# What normalise() removes or turns into a space inside a line: C0 controls except tab, DEL,
# the C1 controls, Unicode line/paragraph separators, a byte order mark in mid-text and the
# non-characters U+FFFE/U+FFFF.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# Of those, the ones normalise() turns into a space (Word's manual line break and its kin).
_SPACED = frozenset("\x0b\x0c\x85\u2028\u2029")
# A line's content and its end: the repair never touches the end.
_LINES = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_BOM = "\ufeff"


@dataclass(frozen=True)
class TextProblem:
    """One spot that :func:`repair` would change.

    Attributes:
        line, col: 1-based position (the column counts characters, a leading BOM excluded).
        kind: ``"control"`` (an invisible character) or ``"nfd"`` (decomposed letters).
        detail: ``"U+000B"`` for a control character; for ``"nfd"`` the first letter as it
            should be written (NFC).
        count: how many such letters the line has (``"nfd"``; 1 for ``"control"``).
    """

    line: int
    col: int
    kind: str
    detail: str
    count: int = 1


def text_problems(text: str) -> list[TextProblem]:
    """List the invisible characters and the lines with decomposed (NFD) letters of ``text``.

    Args:
        text: a file decoded as UTF-8 (not ``utf-8-sig``: a leading BOM is allowed and kept).

    Returns:
        Problems in file order: each control character, and one ``"nfd"`` problem per line
        (at its first decomposed letter) so that a pasted NFD paragraph is one line of output.
    """
    found = []
    body = text[1:] if text.startswith(_BOM) else text
    for number, (line, _) in enumerate(_lines(body), start=1):
        invisible = [
            TextProblem(number, m.start() + 1, "control", f"U+{ord(m.group()):04X}") for m in _INVISIBLE.finditer(line)
        ]
        if not invisible and unicodedata.is_normalized("NFC", line):
            continue  # the common case, without the per-character work below
        found += invisible
        cleaned, columns = _cleaned(line)
        if unicodedata.is_normalized("NFC", cleaned):
            continue
        clusters = [
            (index, cluster)
            for index, cluster in _clusters(cleaned)
            if unicodedata.normalize("NFC", cluster) != cluster
        ] or [(0, "")]
        index, cluster = clusters[0]
        found.append(
            TextProblem(
                number, columns[index] if columns else 1, "nfd", unicodedata.normalize("NFC", cluster), len(clusters)
            )
        )
    return found


def repair(text: str) -> str:
    """Return ``text`` with every line normalised, line ends and a leading BOM kept.

    Idempotent; ``repair(t) == t`` exactly when ``text_problems(t)`` is empty.
    """
    bom = _BOM if text.startswith(_BOM) else ""
    parts, previous_end = [], ""
    for line, end in _lines(text[len(bom) :]):
        fixed = normalise(line)
        if line and not fixed and previous_end == "\r" and end.startswith("\n"):
            fixed = " "  # an emptied line between an old Mac CR and an LF must not merge them into CRLF
        parts.append(fixed + end)
        previous_end = end
    return bom + "".join(parts)


def _lines(text: str) -> list[tuple[str, str]]:
    pairs = [(m.group(1), m.group(2)) for m in _LINES.finditer(text)]
    # The pattern matches an empty string at the very end; keep it only for an empty text.
    return pairs[:-1] if len(pairs) > 1 and pairs[-1] == ("", "") else pairs


def _clusters(line: str):
    """``(0-based index, base letter + its combining marks)`` for every letter of ``line``."""
    start = 0
    for index in range(1, len(line) + 1):
        if index == len(line) or not unicodedata.combining(line[index]):
            yield start, line[start:index]
            start = index


def _cleaned(line: str) -> tuple[str, list[int]]:
    """``line`` with its invisible characters handled as normalise() does (before NFC), and
    the 1-based column in ``line`` of each character kept."""
    chars, columns = [], []
    for column, char in enumerate(line, start=1):
        if char in _SPACED or not _INVISIBLE.match(char):
            chars.append(" " if char in _SPACED else char)
            columns.append(column)
    return "".join(chars), columns
