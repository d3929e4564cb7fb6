"""The HTML a page's body may hold: the project's one allow-list, applied with nh3.

The site publishes Markdown that editors write and that ``bantin import`` makes from Word files
sent from outside the union, so raw HTML in a body is untrusted. Every body is cleaned with
:func:`clean` as Python-Markdown finishes it (:mod:`builder.mkdocs_plugin.safe_body`): the
page, its print edition and its feed entries all start from that clean HTML, and
:func:`clean_for_feed` applies the same list again with the feed's absolute links.

What stays is what editors and the importer legitimately produce: text formatting, headings
with their anchors, lists, tables (with Python-Markdown's ``style="text-align: …"``
alignment), figures, local pictures, local ``<video>``/``<audio>`` with ``<source>`` and
``<track>``, links with http(s), mailto, tel or relative URLs, footnotes, admonitions,
``attr_list`` classes and ids, abbreviations, ``<details>``/``<summary>`` and the classes the
print editions rely on. Everything else is dropped: ``<script>``, ``<style>``, ``<iframe>``,
``<object>``, ``<form>`` and its fields, ``<meta>``, ``<link>``, ``<base>``, event handlers
(``on*=``, also through ``attr_list``), ``style`` other than ``text-align``, ``javascript:``,
``data:`` and other schemes, pictures and media from another host (pages make no request to
another host, README), and HTML comments (editors' notes are not published).

:func:`removals` says what :func:`clean` drops from a piece of HTML, so that ``bantin check``
can tell an editor why something vanished (:mod:`builder.editor.links`): a warning, except for
an embed of another host (:data:`EMBEDS`, ``<script src>``), which ``check`` refuses with the
allowed form of a video (front matter ``video:``, :mod:`builder.content.video`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
import nh3

from builder.content.text import normalise

TAGS = frozenset(
    {
        # text and structure
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "div",
        "span",
        "blockquote",
        "pre",
        "code",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "mark",
        "small",
        "sub",
        "sup",
        "kbd",
        "samp",
        "var",
        "q",
        "cite",
        "abbr",
        "dfn",
        "time",
        "address",
        # lists and tables
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        # figures, pictures, media, links
        "figure",
        "figcaption",
        "img",
        "video",
        "audio",
        "source",
        "track",
        "a",
        # folding blocks
        "details",
        "summary",
    }
)
"""Elements kept (their content is kept too when the element is dropped, except :data:`DROPPED_WITH_CONTENT`)."""

DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "noscript",
        "iframe",
        "object",
        "embed",
        "frame",
        "frameset",
        "textarea",
        "select",
        "svg",
        "math",
    }
)
"""Elements dropped with everything inside them: code, or content that is not text to read."""

ATTRIBUTES = {
    "*": frozenset({"class", "id", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang"}),
    # sizes: how wide a picture is shown, so the browser picks its WebP copy (an album's thumbnails)
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding", "sizes"}),
    "video": frozenset({"src", "poster", "controls", "width", "height", "preload", "loop", "muted", "playsinline"}),
    "audio": frozenset({"src", "controls", "preload", "loop", "muted"}),
    "source": frozenset({"src", "type", "media"}),
    "track": frozenset({"src", "kind", "srclang", "label", "default"}),
    "td": frozenset({"colspan", "rowspan", "align", "style"}),
    "th": frozenset({"colspan", "rowspan", "align", "style", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
"""Attributes kept, by element ("*": on every kept element)."""

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link may have; a URL without a scheme (relative, ``#anchor``) is always kept."""

STYLE_PROPERTIES = frozenset({"text-align"})
"""The only CSS kept in a ``style`` attribute: Python-Markdown's table column alignment."""

FEED_DROPS = frozenset({"class", "id"})
"""Attributes of the pages' list left out of feed entries (:func:`clean_for_feed`)."""

LOCAL_ONLY = frozenset({"src", "poster"})
"""Attributes that make the browser fetch a file: kept only when relative (a file of the site)."""


def _local_only(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: drop a picture or media address that names another host."""
    if attribute in LOCAL_ONLY and not _is_local(value):
        return None
    return value


def _is_local(url: str) -> bool:
    """True when ``url`` names a file of the site. Read as a browser reads it (WHATWG URL
    standard): tabs and line breaks are removed and a backslash is a slash, so
    ``/\\evil.example/x.png`` is ``//evil.example/x.png``, another host."""
    url = _URL_IGNORED.sub("", url.strip()).replace("\\", "/")
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not url.startswith("//")


_URL_IGNORED = re.compile(r"[\t\n\r]")


def clean(html: str) -> str:
    """``html`` with only what the allow-list keeps (module docstring); text stays text.

    Args:
        html: a fragment (a page's body as Python-Markdown made it), NFC already (the plugin
            and ``bantin check`` normalise every file as they read it).

    Returns:
        The cleaned fragment, serialised by nh3 (html5ever): the same document as ``html`` when
        nothing was dropped, though not always the same bytes (``<br />`` becomes ``<br>``).
    """
    return _PAGE_CLEANER.clean(html)


def clean_for_feed(html: str, base_url: str) -> str:
    """:func:`clean`, with relative links and pictures made absolute against ``base_url`` (the
    entry's own URL): a feed reader has no page to resolve them against. Absolute picture
    addresses are kept: the feed's own picture of the entry is written absolute, and a body
    reaches the feed cleaned already (no other host's picture is left in it). Classes and
    ids are dropped: a reader has no stylesheet for them, and two entries' ids would clash."""
    options = {
        **_OPTIONS,
        "attribute_filter": None,
        "attributes": {tag: set(names - FEED_DROPS) for tag, names in ATTRIBUTES.items()},
    }
    return nh3.clean(normalise(html), **options, url_relative=("rewrite_with_base", base_url))


_OPTIONS = dict(
    tags=set(TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_local_only,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES),
    link_rel=None,
    strip_comments=True,
)
_PAGE_CLEANER = nh3.Cleaner(**_OPTIONS)  # made once: building nh3's settings costs as much as a page's cleaning


@dataclass(frozen=True)
class Removal:
    """One thing :func:`clean` drops.

    Attributes:
        clue: the text to look for in the Markdown file to find where it is written
            ("<script", "onclick", the refused address).
        message: what is dropped and why, in Vietnamese; hint: how to fix it.
        refused: an embed of another host's page or script (:data:`EMBEDS`, ``<script src>``):
            ``bantin check`` refuses the file instead of warning, since what the editor meant
            (a YouTube player, a widget) is not on the page at all and has an allowed form.
    """

    clue: str
    message: str
    hint: str
    refused: bool = False


def removals(html: str) -> list[Removal]:
    """What :func:`clean` drops from ``html``, in document order (one per element or attribute).

    The walk follows the same lists as :func:`clean` over lxml's reading of ``html`` (libxml2:
    0.07 ms for a news article, where Python's ``html.parser`` took 1.9 ms); it only explains,
    the cleaning itself is nh3's (a browser-grade parser), so a trick that fools this walk
    still gets cleaned.
    """
    if not html.strip():
        return []
    found: list[Removal] = []
    _walk(lxml.html.fragment_fromstring(html, create_parent="div"), found, top=True)
    return found


def _walk(element, found: list[Removal], top: bool = False) -> None:
    if not isinstance(element.tag, str):
        return  # a comment or processing instruction: dropped silently (editors' notes)
    tag = element.tag.lower()
    if not top:
        if tag in EMBEDS or (tag == "script" and element.get("src") is not None):
            found.append(_embed_removal(tag, element.get("src") or element.get("data") or ""))
            return
        if tag not in TAGS:
            what = (
                " cùng nội dung bên trong"
                if tag in DROPPED_WITH_CONTENT
                else ""
                if tag in _VOID
                else " (chữ bên trong vẫn giữ)"
            )
            found.append(Removal(f"<{tag}", f"Thẻ <{tag}> bị lược bỏ khỏi trang{what}.", _HINT_TAG))
            if tag in DROPPED_WITH_CONTENT:
                return
        else:
            found.extend(_attribute_removals(tag, element.attrib.items()))
    for child in element:
        _walk(child, found)


def _attribute_removals(tag: str, attrs) -> list[Removal]:
    found = []
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, frozenset())
    for name, value in attrs:
        name, value = name.lower(), value or ""
        if name not in allowed:
            why = " (mã chạy khi người đọc thao tác)" if name.startswith("on") else ""
            found.append(Removal(name, f"Thuộc tính {name} của thẻ <{tag}> bị lược bỏ{why}.", _HINT_ATTRIBUTE))
        elif name in ("href", "src", "poster") and not _url_kept(name, value):
            shown = value if len(value) <= 60 else value[:57] + "..."
            found.append(
                Removal(
                    value.strip()[:40] or name, f"Địa chỉ '{shown}' ({name} của thẻ <{tag}>) bị lược bỏ.", _HINT_URL
                )
            )
        elif name == "style" and _style_dropped(value):
            found.append(
                Removal(
                    "style",
                    f'Kiểu trình bày style="{value}" của thẻ <{tag}> bị lược bỏ (chỉ giữ text-align).',
                    "Bỏ style, dùng định dạng Markdown.",
                )
            )
    return found


EMBEDS = frozenset({"iframe", "frame", "embed", "object"})
"""Elements that show another page or player inside the page: refused by ``bantin check``."""

EMBED_HINT = (
    "Xóa thẻ này. Video trên YouTube hoặc Facebook: khai báo ở phần thông tin đầu bài, ví dụ "
    "video: {youtube: https://youtu.be/aBcDeFgHiJk, poster: anh-video.jpg} (trang hiện ảnh bìa, người đọc "
    "bấm vào mới mở YouTube); video tự lưu: video: {file: phong-su.mp4, poster: phong-su.jpg, captions: "
    "phong-su.vtt}; trang hay tiện ích khác: dùng liên kết [Tên trang](https://...). Xem HUONG-DAN.md, mục 5.1 Video."
)
"""The allowed forms, shown with every refused embed (HUONG-DAN.md, "Video")."""


def _embed_removal(tag: str, address: str) -> Removal:
    """The refusal of an ``<iframe>``-like element or a ``<script src>`` (``address``: its src)."""
    try:
        host = urlsplit(address.strip()).hostname if "//" in address else None
    except ValueError:  # "https://[x": an address no browser would load either
        host = None
    source = f" từ {host}" if host else ""
    what = "mã chạy" if tag == "script" else "khung nhúng"
    return Removal(
        f"<{tag}",
        f"Thẻ <{tag}> ({what}{source}) không được dùng: trang web không tải gì từ trang khác "
        "và không chạy mã trong bài.",
        EMBED_HINT,
        refused=True,
    )


_HINT_TAG = (
    "Xóa thẻ này khỏi bài. Trang web chỉ giữ chữ, ảnh, bảng, video và âm thanh đặt trong content/ và "
    "liên kết; không nhúng mã, khung trang hay biểu mẫu của nơi khác (muốn giới thiệu trang khác, dùng liên kết)."
)
_HINT_ATTRIBUTE = "Xóa thuộc tính này khỏi bài (trang web không chạy mã trong bài và chỉ giữ các thuộc tính định dạng)."
_HINT_URL = (
    "Chỉ dùng địa chỉ http://, https://, mailto:, tel: hoặc tên tệp trong content/; "
    "ảnh, video, âm thanh phải đặt trong content/ (trang không tải gì từ trang web khác)."
)


_VOID = frozenset({"area", "base", "embed", "input", "keygen", "link", "meta", "param", "wbr"})


def _url_kept(attribute: str, value: str) -> bool:
    if attribute in LOCAL_ONLY:
        return _is_local(value)
    scheme = urlsplit(value.strip()).scheme.lower() if ":" in value else ""
    return not scheme or scheme in URL_SCHEMES


def _style_dropped(value: str) -> bool:
    properties = [part.split(":", 1)[0].strip().lower() for part in value.split(";") if part.strip()]
    return any(p not in STYLE_PROPERTIES for p in properties)
