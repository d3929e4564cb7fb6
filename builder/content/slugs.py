"""Vietnamese slugs: one function for page URLs, category and tag URLs and heading anchors.

The convention of Vietnamese news sites (docs/domain.md §2.1): lower-case ASCII, tone marks
removed, đ → d, every run of other characters (spaces, "/", punctuation) becomes one "-":
"Bình đẳng giới" → ``binh-dang-gioi``, "Đại hội" → ``dai-hoi``, "20/10" → ``20-10``.
Python-Markdown's own ``toc`` slugify drops đ ("Đại hội" → ``ai-hoi``, docs/pitfalls.md §1.3), so
mkdocs.yml points ``toc.slugify`` at :func:`heading_anchor`.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from slugify import slugify as _slugify

# U+0110/U+0111 have no Unicode decomposition, and U+00D0/U+00F0 (Icelandic eth) are
# emitted for Đ by some converters: map all of them before transliteration.
_D = str.maketrans({"Đ": "D", "đ": "d", "Ð": "D", "ð": "d"})


@lru_cache(maxsize=1 << 16)  # python-slugify transliterates char by char (~0.3 ms); tags and headings repeat
def slugify(text: str, separator: str = "-") -> str:
    """Return the ASCII slug of ``text``.

    Args:
        text: any text, NFC or NFD.
        separator: what joins the words ("-" for URLs).

    Returns:
        Lower-case ``[a-z0-9]`` words joined by ``separator``; "" when ``text`` has no
        letter or digit. Idempotent, and equal for the NFC and NFD forms of a text.
    """
    text = unicodedata.normalize("NFC", text).translate(_D)
    return _slugify(text, separator=separator, lowercase=True)


def heading_anchor(value: str, separator: str) -> str:
    """Slug for heading ids, with the signature Python-Markdown's ``toc`` extension calls.

    Returns ``"muc"`` for a heading with no letter or digit, so an id is never empty.
    """
    return slugify(value, separator) or "muc"
