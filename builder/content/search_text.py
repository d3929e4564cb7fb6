"""Vietnamese text for search: "Bình đẳng giới" and "binh dang gioi" must meet.

Many readers type without diacritics (no Vietnamese keyboard on a shared phone, or haste),
some type NFD text. Pagefind, the site's search, folds tone and vowel marks itself (it
stores "hội" under "hoi" and remembers the marks, so that an exact spelling can rank first),
but not đ: U+0111 has no decomposition, so "dai hoi" would miss "Đại hội" (docs/pitfalls.md §1.4).

Two functions, used on both sides (theme/assets/javascripts/search.js has the same two and
a browser test checks that they agree):

- :func:`index_spelling` writes đ as d plus the combining short stroke U+0335, and d as d
  plus the combining low line U+0332: marks that Pagefind folds away like any other, so
  "Đại" is found by "dai", "đại" and "Đại". Both letters need a mark because Pagefind's
  exact-diacritics match accepts a word that has *at least* the query's marks: with đ marked
  and d bare, "dại" (rabies) would match "đại" exactly. The browser spells the query the same
  way and turns the marks back into đ and d when it shows a result.
- :func:`fold` removes every mark: the words of a page, folded, also go into the index
  (builder/outputs/search.py), and the browser compares folded words for the excerpt.

:func:`fold` takes four steps:

1. casefold (first, so that a letter whose lower case carries a mark, such as "İ", is
   stripped too and folding twice changes nothing);
2. NFD: every tone mark and vowel mark becomes a combining character;
3. drop the combining marks (Unicode category ``Mn``);
4. map đ → d, which Unicode does not decompose (U+0111 has no decomposition), and the
   Icelandic eth that some converters emit for Đ (U+00F0).

The browser has no casefold: it lower-cases, which differs only for a few letters that are
not Vietnamese (ß, ligatures). Neither function creates or removes whitespace, so a text
keeps its words in their places.
"""

from __future__ import annotations

import unicodedata

_D = str.maketrans({"đ": "d", "ð": "d"})

STROKE = "\u0335"
"""COMBINING SHORT STROKE OVERLAY: đ is indexed as "d" + STROKE."""
LOW_LINE = "\u0332"
"""COMBINING LOW LINE: d is indexed as "d" + LOW_LINE (no precomposed form, so NFC keeps it)."""
_SPELL_STROKE = (("đ", "d" + STROKE), ("Đ", "D" + STROKE), ("ð", "d" + STROKE), ("Ð", "D" + STROKE))


def fold(text: str) -> str:
    """Return ``text`` without diacritics, đ as d, case-folded.

    Args:
        text: any text, NFC or NFD.

    Returns:
        The folded text: "Đại hội" → "dai hoi", "BÌNH ĐẲNG" → "binh dang". Idempotent; the NFC
        and NFD forms of a text give the same result; whitespace is kept as it is.
    """
    return text.translate(_FOLDED)


class _FoldTable(dict):
    """``str.translate`` table filled on first use: code point → its folded text. Folding is
    per character (case folding maps each character alone, NFD decomposes each one and the
    marks it produces are all dropped), so a table gives the same result as folding the whole
    text, ~20× faster on a page."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).casefold())
        folded = "".join(c for c in decomposed if unicodedata.category(c) != "Mn").translate(_D)
        self[code] = folded
        return folded


_FOLDED = _FoldTable()


def index_spelling(text: str) -> str:
    """Return ``text`` (NFC) spelled as the search index stores it: đ/Đ as d/D + U+0335, d/D
    as d/D + U+0332.

    Args:
        text: any text.

    Returns:
        Text in which "Đại dương" is "D\u0335ại d\u0332ương"; ``fold`` of the result equals
        ``fold`` of the input, and turning the marked letters back gives the NFC input (with
        Đ for the Icelandic eth that some converters write instead of it).
    """
    # str.replace, d before đ (whose d it would mark again): ten times str.translate's speed.
    text = unicodedata.normalize("NFC", text).replace("d", "d" + LOW_LINE).replace("D", "D" + LOW_LINE)
    for letter, spelled in _SPELL_STROKE:
        text = text.replace(letter, spelled)
    return text
