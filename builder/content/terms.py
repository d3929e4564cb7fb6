"""One spelling per category and per tag across the whole content.

Names that give the same slug ("Bình Đẳng", "binh dang", "BÌNH-ĐẲNG" → ``binh-dang``) are one
term with one page, but each entry would show the spelling it was given: three labels for one
page. :func:`unify` picks the term's name (:func:`builder.content.library.best_spelling`: the
spelling most entries use, then the one with most diacritics, then capitalised, then by code
point, so two builds agree) and gives it to every entry, so that pages, listings, feeds and
search show one label; each other spelling becomes a :class:`Respelling`, which ``bantin
check`` lists at its line as a notice with the spelling to write (not an error: the site is
right as built, the file only differs from it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from builder.content.library import Library, best_spelling
from builder.content.slugs import slugify

KINDS = {"categories": ("Chuyên mục", "chu-de"), "tags": ("Từ khóa", "tu-khoa")}
"""Each term attribute: its Vietnamese name and the folder of its pages."""


@dataclass(frozen=True)
class Respelling:
    """A category or tag written otherwise than its term's chosen name.

    Attributes:
        source: the entry (relative to ``content/``); line: 1-based line of the item;
        attribute: "categories" or "tags"; written: the spelling in the file; chosen: the name used.
    """

    source: str
    line: int
    attribute: str
    written: str
    chosen: str

    @property
    def message(self) -> str:
        """What ``bantin check`` says, in Vietnamese, with the fix."""
        label, folder = KINDS[self.attribute]
        return (
            f"{label} '{self.written}' được hiện là '{self.chosen}' (trang {folder}/{slugify(self.chosen)}/ "
            f"chỉ mang một tên: cách viết dùng ở nhiều bài nhất, rồi đủ dấu nhất). Sửa thành '{self.chosen}' "
            "để tệp khớp với trang web."
        )


def unify(library: Library) -> list[Respelling]:
    """Give every entry of ``library`` (drafts included: a draft published later must not bring
    a second label back) the chosen name of each of its categories and tags, in place.

    Returns:
        Every spelling replaced, by source and line.
    """
    found: list[Respelling] = []
    for attribute in KINDS:
        spellings: dict[str, Counter] = {}
        for entry in library.entries.values():
            for name in set(getattr(entry, attribute)):
                spellings.setdefault(slugify(name), Counter())[name] += 1
        chosen = {slug: best_spelling(counts) for slug, counts in spellings.items() if len(counts) > 1}
        if not chosen:
            continue
        for source, entry in sorted(library.entries.items()):
            names = getattr(entry, attribute)
            named = tuple(chosen.get(slugify(name), name) for name in names)
            if named == names:
                continue
            lines = entry.item_lines.get(attribute, ())
            for index, (written, used) in enumerate(zip(names, named)):
                if written != used:
                    line = lines[index] if index < len(lines) else entry.key_lines.get(attribute, 1)
                    found.append(Respelling(source, line, attribute, written, used))
            library.put(replace(entry, **{attribute: tuple(dict.fromkeys(named))}))
    return found
