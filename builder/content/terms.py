"""One spelling per category and per tag across the whole content.

Names that give the same slug ("Bình Đẳng", "binh dang", "BÌNH-ĐẲNG" → ``binh-dang``) are one
term with one page (:meth:`builder.content.library.Library.terms`), but each entry shows the
spelling it was given: three labels for one page. :func:`check_spellings` picks the term's
name the way ``Library.terms`` names its page (:func:`builder.content.library.best_spelling`:
the spelling most entries use, then the one with most diacritics, then capitalised, then by
code point, so two builds agree) and reports every other spelling at its line, with the one
to write.
"""

from __future__ import annotations

from collections import Counter

from builder.content.library import Library, best_spelling
from builder.content.slugs import slugify
from builder.errors import ErrorList

KINDS = {"categories": ("chuyên mục", "chu-de"), "tags": ("từ khóa", "tu-khoa")}
"""Each term attribute: its Vietnamese name and the folder of its pages."""


def check_spellings(library: Library, shown: dict[str, str], errors: ErrorList) -> None:
    """Report, at the line of its item, every category or tag spelt otherwise than the name
    chosen for its page.

    Args:
        library: every entry (drafts included: a draft published later must not bring a
            second spelling back); shown: source → path shown in messages.
        errors: where problems go.
    """
    for attribute, (label, folder) in KINDS.items():
        spellings: dict[str, Counter] = {}
        for entry in library.entries.values():
            for name in set(getattr(entry, attribute)):
                spellings.setdefault(slugify(name), Counter())[name] += 1
        chosen = {slug: best_spelling(counts) for slug, counts in spellings.items() if len(counts) > 1}
        for source, entry in sorted(library.entries.items()):
            names = getattr(entry, attribute)
            lines = entry.item_lines.get(attribute, ())
            for index, name in enumerate(names):
                best = chosen.get(slugify(name))
                if best is None or name == best:
                    continue
                others = sorted(spellings[slugify(name)])
                line = lines[index] if index < len(lines) else entry.key_lines.get(attribute, 1)
                errors.add(shown[source], line,
                           f"{label.capitalize()} '{name}' là cùng một trang {folder}/{slugify(name)}/ với cách viết "
                           f"khác: {', '.join(repr(o) for o in others if o != name)}; trang chỉ mang một tên.",
                           f"Viết đúng '{best}' (cách viết được chọn: dùng ở nhiều bài nhất, rồi đủ dấu nhất) "
                           "ở mọi bài.", 1)
