"""Albums embedded in other entries: the line ``[[album: <album>]]``.

An editor shows an album's photos inside any article by writing, on a line of its own::

    [[album: hoi-thi-nu-cong]]

where ``hoi-thi-nu-cong`` is the album's folder under ``content/album/`` (its address,
``/album/hoi-thi-nu-cong/``). The double brackets follow the wiki-link form editors know, read
as plain text by every other tool (a Markdown preview shows the line as written). The build
replaces the line with the album's thumbnails and captions, each linking to the photo's
full-size view on the album's page (:mod:`builder.mkdocs_plugin.albums`). Inside code (fenced
blocks, inline code) the line is left as written.

:func:`check_references` reports a line naming no published album at its line, in the build
and in ``bantin check`` alike (both read the content through :func:`builder.content.reader.read_tree`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.content.images import _outside_fences
from builder.content.library import Library
from builder.errors import ErrorList

EMBED = re.compile(r"^ {0,3}\[\[\s*album\s*:\s*([^\]\s]*)\s*\]\]\s*$", re.IGNORECASE)
"""A line embedding an album; group 1 is the album's folder name (its slug)."""


@dataclass(frozen=True)
class AlbumReference:
    """A ``[[album: …]]`` line: its 1-based ``line`` in the body and the album's ``slug``."""

    line: int
    slug: str


_MENTION = re.compile(r"\[\[\s*album\s*:", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+).*?\1")


def misplaced_references(body: str) -> list[int]:
    """The 1-based lines of ``body`` that hold ``[[album:`` but are no embedding line: in a list
    item ("- [[album: x]]"), a quote, or with other words. Markdown leaves them as the literal
    text on the page. Code (fenced, or in backticks) is left alone: it shows the form."""
    return [
        number
        for number, line in enumerate(_outside_fences(body), start=1)
        if line is not None and "[[" in line and _MENTION.search(_CODE_SPAN.sub("", line)) and not EMBED.match(line)
    ]


def album_references(body: str) -> list[AlbumReference]:
    """Every ``[[album: …]]`` line of ``body`` (Markdown, LF line ends) outside code, in order."""
    found = []
    for number, line in enumerate(_outside_fences(body), start=1):
        match = EMBED.match(line) if line is not None and "[[" in line else None
        if match:
            found.append(AlbumReference(number, match.group(1).strip().lower()))
    return found


def albums_by_slug(library: Library, published_only: bool = True) -> dict:
    """The albums of ``library`` by slug (their URL's last part): the published ones, or all."""
    albums = (
        library.published("album") if published_only else [e for e in library.entries.values() if e.kind == "album"]
    )
    return {album.slug: album for album in albums}


def embedded_albums(entry, library: Library) -> list:
    """The published albums ``entry``'s body embeds, in order (its page shows their values)."""
    if "[[" not in entry.body:
        return []
    albums = albums_by_slug(library)
    return [albums[ref.slug] for ref in album_references(entry.body) if ref.slug in albums]


def embedding(library: Library, slugs: set[str]) -> set[str]:
    """Sources of the entries whose body embeds one of the albums ``slugs``: their pages
    change with those albums (a preview's edit redoes them: builder/mkdocs_plugin/preview.py)."""
    return {
        source
        for source, entry in library.entries.items()
        if "[[" in entry.body and any(ref.slug in slugs for ref in album_references(entry.body))
    }


_ALBUM_FILE = re.compile(r"(?:^|/)album/([^/]+)/index\.md$")
"""An album's ``index.md`` as messages name it ("content/album/<slug>/index.md")."""


def check_references(library: Library, shown: dict[str, str], errors: ErrorList) -> None:
    """A problem for each ``[[album: …]]`` line naming no album of ``library``, nor one left out
    of it for an error already in ``errors`` (at its ``index.md``); and for each line holding
    ``[[album:`` that is no embedding line (:func:`misplaced_references`).

    Args:
        shown: entry source → the path shown in messages. An album that exists but is not
            published yet (a draft, a later date) is accepted: its line shows nothing until
            it is, as a link to a scheduled article would wait for it.
    """
    known = albums_by_slug(library, published_only=False)
    # An album left out for an error of its own (a photo listed twice...) is there: its error
    # says what to fix, and "no such album" at each line naming it would send the editor astray.
    broken = {match[1] for match in (_ALBUM_FILE.search(error.path) for error in errors.errors) if match}
    for source, entry in sorted(library.entries.items()):
        if "[[" not in entry.body:
            continue
        for ref in album_references(entry.body):
            if ref.slug in known or ref.slug in broken:
                continue
            names = ", ".join(sorted(known)) or "(chưa có album nào)"
            errors.add(
                shown.get(source, source),
                entry.body_line + ref.line - 1,
                f"Dòng [[album: {ref.slug}]] không ứng với album nào.",
                f"Viết đúng tên thư mục của album trong content/album/; các album hiện có: {names}.",
                1,
            )
        for line in misplaced_references(entry.body):
            errors.add(
                shown.get(source, source),
                entry.body_line + line - 1,
                "Dòng có [[album: …]] nhưng không đứng riêng một dòng, nên trang sẽ hiện nguyên chữ đó thay cho album.",
                "Để [[album: tên-thư-mục-album]] một mình trên một dòng (không có '- ' hay '> ' ở đầu, "
                "không kèm chữ khác), có dòng trống trước và sau.",
                1,
            )
