"""Legacy Vietnamese encodings: TCVN3 (ABC, ``.VnTime`` fonts) and VNI (``VNI-Times`` fonts).

Before Unicode, Vietnamese Word documents were typed in 8-bit fonts whose glyphs sit on
Latin-1 code points (docs/domain.md §2.3). Read as Unicode, such text is mojibake: TCVN3 "Qu¶ng TrÞ"
is "Quảng Trị" (one byte per letter); VNI "Xin chaøo" is "Xin chào" (a base letter plus mark
bytes). This module detects them and converts them with viparse's tables (MIT, built from a
corpus of real documents), completed where those tables have gaps:

- VNI ẳ/Ẳ are written ``aú``/``AÚ`` (breve + hỏi, byte 0xFA/0xDA); viparse leaves them out on
  purpose because its corpus never showed them (docs/pitfalls.md §6.2), so "đẳng" would stay "ñaúng".
- VNI ỵ/Ỵ are single bytes 0xEE ``î`` / 0xCE ``Î`` in the published VNI layout (the
  keyboard tables of xvnkb, unikey); viparse only has the guessed ``yï``.

TCVN3 has no accented capitals: capitals are the same bytes drawn by a ``.VnTimeH``-style
font (name ending in "H"). With font information (Word runs) :func:`convert` is told so
(``upper=True``); without it (plain text) :func:`restore_capitals` upper-cases lines typed in
capitals, the usual case of headings.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from viparse.normalize.detector import detect_encoding_by_content
from viparse.normalize.tables import Charmap, build_charmap
from viparse.normalize.tables import convert as _convert
from viparse.normalize.tcvn3 import TCVN3 as _TCVN3
from viparse.normalize.vni import VNI as _VNI

TCVN3, VNI = "tcvn3", "vni"
"""Names of the legacy encodings."""

NAMES = {TCVN3: "TCVN3 (.VnTime)", VNI: "VNI (VNI-Times)"}
"""How messages name each encoding."""

_VNI_ADDITIONS = [("aú", "ẳ"), ("AÚ", "Ẳ"), ("î", "ỵ"), ("Î", "Ỵ")]

CHARMAPS: dict[str, Charmap] = {
    TCVN3: _TCVN3,
    VNI: build_charmap(VNI, [pair for pair in _VNI.pairs] + _VNI_ADDITIONS),
}
"""The conversion tables: viparse's, plus the VNI letters it lacks."""

# Letters that exist only in Unicode Vietnamese (ă đ ĩ ũ ơ ư and the U+1EA0 block): text that
# has them is already Unicode, whatever else it contains.
_FOREIGN = re.compile(
    r"[\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6\u00d8\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
_UNICODE_VIETNAMESE = re.compile(
    r"[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


def encoding_of_font(font: str | None) -> str | None:
    """The legacy encoding a font name implies: ``.Vn*`` → TCVN3, ``VNI*`` → VNI, else None.

    Args:
        font: a font name as Word stores it (".VnTime", "VNI-Times", "Times New Roman").
    """
    name = (font or "").strip().upper()
    if name.startswith(".VN"):
        return TCVN3
    if name.startswith("VNI"):
        return VNI
    return None


def is_capitals_font(font: str | None) -> bool:
    """True for TCVN3 capital fonts (".VnTimeH", ".VnArialH"), which draw every letter upper-case."""
    name = (font or "").strip()
    return encoding_of_font(name) == TCVN3 and name.endswith("H")


def convert(text: str, encoding: str, upper: bool = False) -> str:
    """Convert legacy-encoded ``text`` (as decoded through Windows-1252/Latin-1) to Unicode NFC.

    Args:
        text: the text; characters that are not legacy codes pass through unchanged.
        encoding: :data:`TCVN3` or :data:`VNI`.
        upper: the text was set in a TCVN3 capitals font (``.VnTimeH``): upper-case it.

    Raises:
        KeyError: an unknown encoding name.
    """
    result = _convert(text, CHARMAPS[encoding])
    return unicodedata.normalize("NFC", result.upper()) if upper else result


DETECT_CHARS = 100_000
"""Characters :func:`detect` looks at (the start of the text): about 40 pages, which decide as
well as the whole, in 0.15 s. The detector takes ~1.3 µs a character: on the 200 MB of text
of a zip bomb it ran for minutes."""


def detect(text: str) -> str | None:
    """Guess whether ``text`` (no font information) is TCVN3 or VNI mojibake.

    Text with letters only Unicode has (ơ, ư, ạ ...) is Unicode. Otherwise viparse's content
    detector trial-converts with each table and keeps one only when the result reads clearly
    better as Vietnamese (and not as Spanish or German, which share the accented letters).
    Only the first :data:`DETECT_CHARS` characters are examined.

    Returns:
        :data:`TCVN3`, :data:`VNI` or None (Unicode, or not enough evidence).
    """
    text = text[:DETECT_CHARS]
    letters = sum(1 for c in text if c.isalpha())
    if not letters or len(_UNICODE_VIETNAMESE.findall(text)) > letters * 0.01:
        return None
    encoding = detect_encoding_by_content(text, CHARMAPS).encoding
    # A real legacy text converts completely; letters foreign to Vietnamese that survive the
    # conversion ("Größe" read as VNI keeps its ß) mean it was another language.
    if encoding and len(_FOREIGN.findall(convert(text, encoding))) > letters * 0.005:
        return None
    return encoding


_WORD = re.compile(r"[^\W\d_]+")


def restore_capitals(text: str) -> str:
    """Upper-case the words of converted TCVN3 text that were typed in a capitals font.

    Without font information a heading set in ``.VnTimeH`` ("KẾ HOẠCH", typed "KÕ HO¹CH")
    converts to "Kế HOạCH": its ASCII letters are capitals, its accented ones come out
    lower-case. A word with two or more ASCII letters, all capitals, is upper-cased; so is a
    word with at most one ASCII letter (a capital) next to such a word that has accented
    letters ("Kế" beside "HOạCH"). Acronyms do not spread: "Số: 206/KH-BTV" stays as it is.
    """

    def fix_line(line: str) -> str:
        words = list(_WORD.finditer(line))
        caps = [_capitals_word(w.group()) for w in words]
        vietnamese = [c and not w.group().isascii() for c, w in zip(caps, words)]
        out, last = [], 0
        for i, word in enumerate(words):
            text = word.group()
            ascii_letters = [c for c in text if c.isascii()]
            beside = (i > 0 and vietnamese[i - 1]) or (i + 1 < len(words) and vietnamese[i + 1])
            short = len(ascii_letters) <= 1 and all(c.isupper() for c in ascii_letters)
            if caps[i] or (short and beside):
                text = text.upper()
            out += [line[last : word.start()], text]
            last = word.end()
        return "".join(out) + line[last:]

    return unicodedata.normalize("NFC", "\n".join(fix_line(line) for line in text.split("\n")))


def _capitals_word(word: str) -> bool:
    ascii_letters = [c for c in word if c.isascii()]
    return len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters)


def _latin1_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # Windows-1252 leaves 0x81 0x8D 0x8F 0x90 0x9D undefined; keep them as Latin-1.
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("bantin-latin1", _latin1_fallback)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """Decode a text file and convert it from a legacy encoding when it is one.

    UTF-8 (with or without BOM) is tried first; other bytes are read as Windows-1252 (the code
    page legacy fonts were typed through), falling back to Latin-1 for its five undefined bytes.

    Returns:
        ``(text, encoding)``: the Unicode text and the legacy encoding converted from, or None.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="bantin-latin1")
    encoding = detect(text)
    if encoding is None:
        return text, None
    converted = convert(text, encoding)
    return (restore_capitals(converted) if encoding == TCVN3 else converted), encoding
