"""Folding Vietnamese text for search: "Bình đẳng giới" and "binh dang gioi" become one key.

Many readers type without diacritics (no Vietnamese keyboard on a shared phone, or haste),
some type NFD text. The search index therefore holds, beside each page's text, a *folded*
copy, and the browser folds the query the same way (theme/assets/javascripts/search.js has
the same four steps; a browser test checks that both give the same result):

1. casefold (first, so that a letter whose lower case carries a mark, such as "İ", is
   stripped too and folding twice changes nothing);
2. NFD: every tone mark and vowel mark becomes a combining character;
3. drop the combining marks (Unicode category ``Mn``);
4. map đ → d, which Unicode does not decompose (U+0111 has no decomposition), and the
   Icelandic eth that some converters emit for Đ (U+00F0).

The browser has no casefold: it lower-cases, which differs only for a few letters that are
not Vietnamese (ß, ligatures); Pagefind lower-cases the original text itself.

Folding maps one character to at most a few and never creates or removes whitespace, so a
text and its folded copy have the same words in the same places: a match found in the
folded copy points at the same word of the original (used for excerpts).
"""

from __future__ import annotations

import unicodedata

_D = str.maketrans({"đ": "d", "ð": "d"})


def fold(text: str) -> str:
    """Return ``text`` without diacritics, đ as d, case-folded.

    Args:
        text: any text, NFC or NFD.

    Returns:
        The folded text: "Đại hội" → "dai hoi", "BÌNH ĐẲNG" → "binh dang". Idempotent; the NFC
        and NFD forms of a text give the same result; whitespace is kept as it is.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").translate(_D)
