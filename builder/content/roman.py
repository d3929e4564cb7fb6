"""Roman numerals, the one helper that writes and reads them.

Congresses and terms are numbered in Roman numerals ("Đại hội đại biểu Phụ nữ tỉnh lần thứ
XV", "Quốc hội khóa XV"; docs/domain.md §3, "Ordinals"). These numbers are data written by
the union, never computed from dates (the 2025 provincial merger restarted them at "lần thứ I"):
this module only converts between the written form and the integer, so that the data can be
checked and shown in one canonical form.

Standard subtractive notation, 1–3999: I V X L C D M, with IV IX XL XC CD CM.
"""

from __future__ import annotations

import re

_VALUES = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
# The canonical form, anchored: thousands, hundreds, tens, units (each optional, in order).
_CANONICAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")

MAX = 3999
"""The largest number standard notation writes."""


def to_roman(number: int) -> str:
    """Write ``number`` in Roman numerals: 15 → "XV", 1 → "I", 2024 → "MMXXIV".

    Raises:
        ValueError: ``number`` is not an integer from 1 to 3999.
    """
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX:
        raise ValueError(f"{number!r} cannot be written in Roman numerals (1–{MAX})")
    parts = []
    for value, letters in _VALUES:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def from_roman(text: str) -> int:
    """Read Roman numerals: "XV" → 15. Upper or lower case ("xv", as in slugs); surrounding
    spaces are ignored.

    Only the canonical form is accepted ("IIII", "VX", "IC" are refused), so that
    ``to_roman(from_roman(t)) == t.strip().upper()`` for every accepted ``t``.

    Raises:
        ValueError: ``text`` is not a canonical Roman numeral.
    """
    letters = text.strip().upper() if isinstance(text, str) else ""
    if not letters or not _CANONICAL.fullmatch(letters):
        raise ValueError(f"{text!r} is not a Roman numeral")
    total, rest = 0, letters
    for value, symbol in _VALUES:
        while rest.startswith(symbol):
            total, rest = total + value, rest[len(symbol) :]
    return total
