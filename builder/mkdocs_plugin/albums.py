"""Albums on the web: the album's own page and the albums embedded in other entries, as HTML
put into the page's Markdown before MkDocs converts it (``on_page_markdown``).

Being part of the Markdown, the HTML then goes the way of every body: its ``src``/``href``
(written relative to the page's file, as an editor would) are resolved by
:func:`builder.content.images.rewrite_raw_html`, it is cleaned against the one allow-list
(:mod:`builder.outputs.safe_html`), and :func:`builder.mkdocs_plugin.pictures.rewrite` gives
every ``<img>`` the processed WebP copies, ``width``/``height``, lazy loading (the photos
themselves were stripped of EXIF and GPS by :mod:`builder.outputs.images`, as every picture
is). The Markdown cache keys on the Markdown after this step, so a changed caption or photo
list converts the page again.

The album's page:

- a grid of thumbnails, each a ``<figure>`` with the photo's ``alt`` and its caption in
  ``<figcaption>``; each thumbnail is a link to ``#anh-<n>``;
- for each photo a full-size view with the id ``anh-<n>``, hidden until it is the page's
  target (CSS ``:target``, theme/assets/stylesheets/bantin.css): it works without JavaScript
  (pages forbid scripts: ``script-src 'none'``) and with the keyboard (Tab to a thumbnail,
  Enter), and has links to the previous and next photo and a close link back to the
  thumbnail (``#album-<n>``). Its picture is lazy: nothing is downloaded until it is shown.

An embedded album (``[[album: …]]``, :mod:`builder.content.albums`) shows the album's title
as a link and its thumbnails and captions, each linking to the photo's full-size view on the
album's page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from dataclasses import replace
from html import escape
from urllib.parse import quote

from builder.content.albums import album_references, albums_by_slug
from builder.content.images import front_matter_path
from builder.content.library import Library
from builder.content.model import Album, Entry

THUMB_SIZES = "(min-width: 60em) 15rem, 45vw"
"""``sizes`` of a thumbnail: about a third of the column, half the screen on a phone, so
the browser takes the narrowest WebP copy (:data:`builder.mkdocs_plugin.pictures.SIZES` is
for pictures as wide as the column); a full-size view spans the screen (``100vw``)."""


def _address(path: str, from_source: str) -> str:
    """``path`` (relative to ``content/``) as written from the file ``from_source``."""
    return quote(posixpath.relpath(path, posixpath.dirname(from_source) or "."))


def _figure(album: Album, index: int, from_source: str, link: str, anchor: bool = False) -> str:
    """A thumbnail with its caption; ``anchor``: the item gets the id ``album-<n>`` (the album's
    own page only: a page embedding two albums would have each id twice)."""
    photo = album.photos[index]
    src = _address(front_matter_path(album.source, photo.file), from_source)
    caption = f"<figcaption>{escape(photo.caption)}</figcaption>" if photo.caption else ""
    ident = f' id="album-{index + 1}"' if anchor else ""
    return (
        f'<li{ident}><figure class="bt-album__item"><a class="bt-album__thumb" href="{link}">'
        f'<img src="{src}" alt="{escape(photo.alt)}" sizes="{THUMB_SIZES}"></a>{caption}</figure></li>'
    )


def _view(album: Album, index: int) -> str:
    """The full-size view of photo ``index`` (0-based) on the album's own page."""
    photo, count, n = album.photos[index], len(album.photos), index + 1
    src = quote(photo.file)
    caption = f" {escape(photo.caption)}" if photo.caption else ""
    previous = f'<a class="bt-lightbox__prev" href="#anh-{n - 1}">← Ảnh trước</a>' if n > 1 else ""
    following = f'<a class="bt-lightbox__next" href="#anh-{n + 1}">Ảnh sau →</a>' if n < count else ""
    return (
        f'<figure class="bt-lightbox" id="anh-{n}"><img src="{src}" alt="{escape(photo.alt)}" sizes="100vw">'
        f'<p class="bt-lightbox__nav">{previous}<a class="bt-lightbox__close" href="#album-{n}">Đóng ✕</a>'
        f"{following}</p>"  # before the caption: HTML wants a figcaption first or last (bantin.css orders them)
        f'<figcaption><span class="bt-lightbox__count">Ảnh {n}/{count}.</span>{caption}</figcaption></figure>'
    )


def album_page(album: Album) -> str:
    """The HTML put after the album's own text: the grid and the full-size views."""
    if not album.photos:
        return ""  # every photo left out: the build warned at each
    thumbs = "".join(_figure(album, i, album.source, f"#anh-{i + 1}", anchor=True) for i in range(len(album.photos)))
    views = "".join(_view(album, i) for i in range(len(album.photos)))
    return (
        f'<div class="bt-album"><ul class="bt-album__grid">{thumbs}</ul>'
        f'<div class="bt-album__views">{views}</div></div>'
    )


def embedded(album: Album, from_source: str) -> str:
    """The HTML of ``album`` embedded in the page of the file ``from_source``: "Album ảnh:" and
    its title as a link to its page (the title alone when it starts with "Album" already, as
    "Album ảnh: Hội thi…" does), its thumbnails linking to the full-size views there."""
    if not album.photos:
        return ""
    page = _address(album.source, from_source)
    thumbs = "".join(_figure(album, i, from_source, f"{page}#anh-{i + 1}") for i in range(len(album.photos)))
    label = "" if album.title.casefold().startswith("album") else "Album ảnh: "
    return (
        f'<div class="bt-album bt-album--embedded"><p class="bt-album__title">{label}'
        f'<a href="{page}">{escape(album.title)}</a> ({len(album.photos)} ảnh)</p>'
        f'<ul class="bt-album__grid">{thumbs}</ul></div>'
    )


def shown(album: Album, refused: Collection[str]) -> Album:
    """``album`` without the photos the site left out (``refused``: paths relative to
    ``content/``; a HEIC, an unreadable file: the build warns at its ``photos:`` line). Their
    thumbnails would be empty links, and the numbering ``#anh-<n>`` counts the photos shown."""
    kept = tuple(p for p in album.photos if front_matter_path(album.source, p.file) not in refused)
    return album if len(kept) == len(album.photos) else replace(album, photos=kept)


_VIEWS = re.compile(r'<div class="bt-album__views">.*?</div>', re.S)


def without_views(html: str) -> str:
    """``html`` (a converted body) without the full-size views of an album page: feed readers
    and the search index get the thumbnails and captions once, not every photo a second time
    with its "Ảnh trước"/"Đóng" links (which only CSS hides). The views hold no ``<div>``
    (:func:`_view`), so the first ``</div>`` closes them."""
    return _VIEWS.sub("", html) if "bt-album__views" in html else html


def expand(markdown: str, entry: Entry, library: Library, refused: Collection[str] = ()) -> str:
    """``markdown`` of ``entry``'s page with its albums: an album's own photos after its text,
    each ``[[album: …]]`` line (outside code) replaced by that album (or removed while the
    album is unpublished: ``bantin check`` has accepted the name). ``refused``: the pictures
    left out of the site (:func:`shown`)."""
    if "[[" in markdown:
        lines = markdown.split("\n")
        albums = albums_by_slug(library)
        for ref in album_references(markdown):
            album = shown(albums[ref.slug], refused) if ref.slug in albums else None
            # A blank line on each side: Python-Markdown reads a block of HTML only as a paragraph of its own.
            lines[ref.line - 1] = f"\n{embedded(album, entry.source)}\n" if album is not None else ""
        markdown = "\n".join(lines)
    if isinstance(entry, Album):
        markdown = f"{markdown.rstrip()}\n\n{album_page(shown(entry, refused))}\n"
    return markdown
