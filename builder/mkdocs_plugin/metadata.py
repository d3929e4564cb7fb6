"""The sharing metadata of a page: Open Graph, article:*, Twitter card and JSON-LD.

Templates print what :func:`page_meta` computes (``theme/bantin/meta.html``); nothing is
worked out in Jinja. Every URL is absolute, from ``site_url``; times are ISO 8601 in Vietnam
time (+07:00). Material's ``base.html`` already writes ``<link rel="canonical">`` (from
``page.canonical_url``) and ``<meta name="description">`` (from ``page.meta.description``),
so this module gives the description to ``page.meta`` and repeats neither tag.

Rules followed: the Open Graph protocol (ogp.me: ``og:type`` ``article`` with the
``article:*`` properties, ``website`` otherwise; ``og:image`` with ``:width``, ``:height``,
``:alt``); Facebook's sharing guide (images 1200×630, ``og:url`` equal to the canonical URL);
Twitter cards (``summary_large_image``); schema.org ``NewsArticle`` as Google's Article
structured data describes it (headline at most 110 characters, ``image``, ``datePublished``,
``dateModified``, ``author``, ``publisher`` with ``logo``), with the entry's video as its
``video``: a ``VideoObject`` (:func:`_video_object`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote, urljoin

from markupsafe import Markup

from builder.content import sharing
from builder.content.dates import VIETNAM
from builder.content.images import front_matter_path
from builder.content.video import iso_duration
from builder.content.library import Library
from builder.content.model import Entry, OfficialDocument

HEADLINE_LIMIT = 110
"""Google's limit for ``NewsArticle.headline``."""
DESCRIPTION_LIMIT = 300
"""Longest meta description; search engines and Facebook cut longer ones anyway."""


@dataclass(frozen=True)
class Image:
    """An image on the site: absolute ``url``, ``width`` and ``height`` in pixels, ``alt`` text,
    media ``type`` (``og:image:type``)."""

    url: str
    width: int
    height: int
    alt: str = ""
    type: str = "image/png"


@dataclass(frozen=True)
class Site:
    """What every page's metadata needs to know about the site.

    Attributes:
        url: the absolute site URL ending in "/"; name: ``site_name``; description:
            ``site_description``; organisation: the publisher; library: the content;
        logo: the publisher's logo.
    """

    url: str
    name: str
    description: str
    organisation: str
    library: Library
    logo: Image


@dataclass(frozen=True)
class PageMeta:
    """The metadata of one page, ready to print.

    Attributes:
        description: the meta description (plain text).
        properties: ``(property, content)`` pairs for ``<meta property=...>`` (og:*, article:*).
        names: ``(name, content)`` pairs for ``<meta name=...>`` (twitter:*).
        json_ld: the JSON-LD object as JSON text that is safe inside ``<script>`` (no "<"),
            marked :class:`~markupsafe.Markup` so that the autoescaping templates print it
            as it is (escaping its quotes would break the JSON), or "".
    """

    description: str
    properties: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]
    json_ld: str = ""


ARTICLE_KINDS = ("news", "issue", "issue_article", "column", "document", "album")
"""Content types shared as articles (``og:type=article`` and a ``NewsArticle``)."""


def page_meta(site: Site, path: str, title: str, entry: Entry | None, card: Image, description: str = "") -> PageMeta:
    """The metadata of the page at ``path``.

    Args:
        site: the site; path: the page's URL relative to the site root ("tin-tuc/a/", "" for
            home), so that ``og:url`` equals MkDocs' ``page.canonical_url``;
        title: the page title; entry: the page's entry, or None for a generated listing;
        card: the page's social card; description: the listing's own line, if any.

    Returns:
        ``og:type=article`` with ``article:*`` and a ``NewsArticle`` for the types in
        :data:`ARTICLE_KINDS`; ``og:type=website`` and no JSON-LD for other pages.
    """
    url = urljoin(site.url, path)
    text = sharing.summary(entry) if entry else description
    text = sharing.shorten(text or site.description, DESCRIPTION_LIMIT)
    article = entry is not None and entry.kind in ARTICLE_KINDS and entry.date is not None
    props = [
        ("og:type", "article" if article else "website"),
        ("og:title", title),
        ("og:description", text),
        ("og:url", url),
        ("og:image", card.url),
        ("og:image:type", card.type),
        ("og:image:width", str(card.width)),
        ("og:image:height", str(card.height)),
        ("og:image:alt", card.alt),
        ("og:locale", "vi_VN"),
        ("og:site_name", site.name),
    ]
    json_ld = ""
    if article:
        props += _article_properties(entry)
        json_ld = _json_ld(site, entry, url, text, card)
    names = (
        ("twitter:card", "summary_large_image"),
        ("twitter:title", title),
        ("twitter:description", text),
        ("twitter:image", card.url),
        ("twitter:image:alt", card.alt),
    )
    return PageMeta(description=text, properties=tuple(props), names=names, json_ld=json_ld)


def card_alt(title: str, label: str, date: str) -> str:
    """The alt text of a card: what it says ("Tin tức: <title>. Thứ Hai, 12/4/2021")."""
    text = f"{label}: {title}" if label else title
    return f"{text}. {date}" if date else text


def iso(value) -> str:
    """ISO 8601 in Vietnam time: "2021-04-12T08:30:00+07:00"."""
    return value.astimezone(VIETNAM).isoformat()


def _article_properties(entry: Entry) -> list[tuple[str, str]]:
    props = [("article:published_time", iso(entry.date))]
    if entry.updated:
        props.append(("article:modified_time", iso(entry.updated)))
    props.append(("article:section", entry.section))
    props += [("article:tag", tag) for tag in entry.tags]
    return props


def _video_object(site: Site, entry: Entry, description: str, card: Image) -> dict:
    """schema.org ``VideoObject`` of the entry's video, as Google's video structured data asks
    (``name``, ``description``, ``thumbnailUrl``, ``uploadDate``; ``contentUrl`` for a file of
    the site, ``embedUrl`` for a player elsewhere; ``duration`` in ISO 8601 when given). The
    thumbnail is the video's poster, or the page's card when it has none."""
    video = entry.video
    poster = urljoin(site.url, quote(front_matter_path(entry.source, video.poster))) if video.poster else card.url
    data = {
        "@type": "VideoObject",
        "name": entry.title,
        "description": description,
        "thumbnailUrl": [poster],
        "uploadDate": iso(entry.date),
        "inLanguage": "vi",
    }
    if video.file:
        data["contentUrl"] = urljoin(site.url, quote(front_matter_path(entry.source, video.file)))
        data["encodingFormat"] = "video/mp4"
    elif video.youtube:
        data["embedUrl"] = f"https://www.youtube-nocookie.com/embed/{video.youtube}"
        data["url"] = video.watch_url
    else:
        data["embedUrl"] = data["url"] = video.watch_url
    if video.duration is not None:
        data["duration"] = iso_duration(video.duration)
    return data


def _json_ld(site: Site, entry: Entry, url: str, description: str, card: Image) -> str:
    publisher = {
        "@type": "Organization",
        "name": site.organisation,
        "url": site.url,
        "logo": {"@type": "ImageObject", "url": site.logo.url, "width": site.logo.width, "height": site.logo.height},
    }
    if entry.authors:
        authors = [{"@type": "Person", "name": name} for name in entry.authors]
    elif isinstance(entry, OfficialDocument):
        authors = [{"@type": "Organization", "name": entry.issuer.body or site.organisation}]
    else:
        authors = [{"@type": "Organization", "name": site.organisation, "url": site.url}]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": sharing.shorten(entry.title, HEADLINE_LIMIT),
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": [{"@type": "ImageObject", "url": card.url, "width": card.width, "height": card.height}],
        "datePublished": iso(entry.date),
        "dateModified": iso(entry.updated or entry.date),
        "author": authors,
        "publisher": publisher,
        "inLanguage": "vi",
        "articleSection": entry.section,
    }
    if entry.tags:
        data["keywords"] = ", ".join(entry.tags)
    if entry.video is not None:
        data["video"] = _video_object(site, entry, description, card)
    # "</" would end the <script> element early: JSON allows "\u003c" for "<" anywhere.
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))
