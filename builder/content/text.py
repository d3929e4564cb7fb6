"""Text clean-up applied to every input before anything else reads it.

Editors' files come from Word, macOS and Windows tools: a UTF-8 byte order mark, CRLF or CR
line ends, decomposed (NFD) Vietnamese and C0 control characters (Word's vertical tab for a
manual line break, form feeds, NULs) all occur. Everything the builder reads, body,
metadata and file names, goes through :func:`normalise` so that "Bình đẳng giới" typed on a
Mac and on Windows is the same string (docs/domain.md §2.2).
"""

from __future__ import annotations

import re
import unicodedata

# Word writes U+000B for Shift+Enter (a line break inside a paragraph). Markdown would render
# a newline there as a space anyway, and a space keeps line numbers equal to what the editor's
# text editor shows (YAML and Python both count these characters as line breaks).
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")  # a regex: str.translate with a table is ~10× slower
# Other C0 controls (tab and newline kept), DEL and the C1 controls (left by text decoded with
# the wrong code page) make feeds invalid XML, YAML unreadable and PDFs odd. U+FFFE and U+FFFF
# are valid UTF-8 but not XML characters (lxml refuses the whole feed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def normalise(text: str) -> str:
    """Return ``text`` as NFC with LF line ends, without BOMs or C0 control characters.

    Args:
        text: any decoded text.

    Returns:
        The cleaned text; idempotent (``normalise(normalise(t)) == normalise(t)``).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def control_characters(text: str) -> list[tuple[int, int, str]]:
    """List the C0 control characters that :func:`normalise` would remove or replace.

    Returns:
        ``(line, column, 'U+000B')`` triples, 1-based, in the order they appear.
    """
    found = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        for match in re.finditer(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]", line.rstrip("\r")):
            found.append((lineno, match.start() + 1, f"U+{ord(match.group()):04X}"))
    return found


_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""What a YAML value cannot hold for the site, where YAML escapes in double quotes (``"\\b"``,
``"\\ud800"``, ``"\\uFFFE"``) can put it although the raw text has none (so check --fix, which
cleans the raw text, cannot): C0 control characters except tab, line feed and carriage return,
DEL, a lone half of a UTF-16 pair (no UTF-8 page can be written with it) and U+FFFE/U+FFFF
(not XML characters: lxml refuses the whole feed)."""


def unwritable_characters(text: str) -> list[str]:
    """The characters of :data:`_UNWRITABLE` in ``text``, as ``"U+0008"`` codes, each once, in
    order of appearance; [] for none. Used for front matter values (builder/content/schema.py)
    and mkdocs.yml values (builder/config_messages.py)."""
    return list(dict.fromkeys(f"U+{ord(char):04X}" for char in _UNWRITABLE.findall(text)))


def without_unwritable(value):
    """``value`` (a front matter value: text, list or mapping of them, anything else as it is)
    without the characters of :data:`_UNWRITABLE`: what the rest of the build, the preview and
    ``bantin changes`` read once the error has been reported, so none of them fails on it."""
    if isinstance(value, str):
        return _UNWRITABLE.sub("", value)
    if isinstance(value, list):
        return [without_unwritable(item) for item in value]
    if isinstance(value, dict):
        return {key: without_unwritable(item) for key, item in value.items()}
    return value
