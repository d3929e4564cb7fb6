"""RSS 2.0 and Atom 1.0 feeds, written with feedgen.

This is the only module that imports feedgen, and it works around its 1.0.0 pitfalls
(docs/pitfalls.md §3): entries are added with ``order="append"``; the ``rel="self"`` link is added
before the alternate one so that RSS ``<channel><link>`` is the site; every datetime is aware;
``lastBuildDate``/``updated`` come from the newest entry and the generator string is fixed, so
two builds of the same content give the same bytes; text is stripped of C0 control
characters (which make feedgen raise) before it reaches feedgen.

Rules followed: RSS 2.0 specification (channel title/link/description required; ``guid``
with ``isPermaLink="false"`` for non-URL ids), RFC 4287 (Atom: feed and entry ``id``,
``title``, ``updated`` required; an ``author`` required on the feed when entries have none;
``content type="html"``), RFC 4151 for ``tag:`` URIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as html_escape
from datetime import datetime
from urllib.parse import quote, urljoin, urlsplit

from feedgen.feed import FeedGenerator  # first: feedgen.util needs lxml.etree imported by it
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.ext.dc import DcEntryExtension, DcExtension  # noqa: I001
from feedgen.util import xml_elem

from builder.content.dates import VIETNAM
from builder.content.images import front_matter_path
from builder.content.model import Entry
from builder.outputs import safe_html

GENERATOR = "bantin"
EPOCH = datetime(2000, 1, 1, tzinfo=VIETNAM)


@dataclass(frozen=True)
class FeedSpec:
    """One feed to write.

    Attributes:
        path: where, relative to the site root, without extension ("tin-tuc/feed"): the RSS
            file is ``<path>.xml`` ... see :func:`feed_files`.
        title: the feed title; description: what it carries.
        url: the section's page, relative to the site root ("tin-tuc/").
        entries: the entries, newest first (already filtered: no drafts, no future items).
    """

    path: str
    title: str
    description: str
    url: str
    entries: tuple[Entry, ...]


def rss_path(spec: FeedSpec) -> str:
    """The RSS file of ``spec``, relative to the site root ("tin-tuc/rss.xml")."""
    return f"{spec.path}rss.xml"


def atom_path(spec: FeedSpec) -> str:
    """The Atom file of ``spec``, relative to the site root ("tin-tuc/atom.xml")."""
    return f"{spec.path}atom.xml"


TAG_DATE = "2020"
"""The date part of every ``tag:`` URI (RFC 4151 §2.1: a date at which the site owned its host
name). Fixed, so that correcting an entry's date does not make readers see it as new."""


def guid(entry: Entry, site_url: str) -> str:
    """A ``tag:`` URI (RFC 4151) from the site's host and the entry's source path, percent-encoded
    (an IRI has no spaces): it stays the same when the title, slug, URL or date changes."""
    host = urlsplit(site_url).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:{quote(entry.source.removesuffix('.md'), safe='/-._~')}"


def sanitise(html: str, base_url: str) -> str:
    """Clean ``html`` for a feed with the pages' allow-list (:mod:`builder.outputs.safe_html`),
    relative links and pictures made absolute against ``base_url`` (the entry's own URL)."""
    return safe_html.clean_for_feed(html, base_url)


def render(
    spec: FeedSpec,
    site_url: str,
    html: dict[str, str],
    organisation: str,
    picture_sizes: dict[str, tuple[int, int]] | None = None,
    enclosures: dict[str, tuple[str, int, str]] | None = None,
) -> tuple[bytes, bytes]:
    """Return the ``(rss, atom)`` documents of ``spec``.

    Args:
        spec: the feed; site_url: the absolute site URL ending in "/";
        html: rendered content HTML by entry source; organisation: the publisher's name.
        picture_sizes: pixel size of each published picture by site path ("tin-tuc/anh.jpg");
            None for a picture the build left out (unreadable, too large, HEIC): no ``<img>`` then.
        enclosures: entry source → ``(absolute URL, length in bytes, media type)`` of a file
            attached to the entry (an issue's PDF): RSS ``<enclosure>``, Atom
            ``<link rel="enclosure">`` (RFC 4287 §4.2.7.2).

    Returns:
        UTF-8 XML, deterministic for the same inputs.
    """
    fg = FeedGenerator()
    # RSS <author> must be an e-mail address (RSS 2.0, "author"); names go in dc:creator.
    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    fg.register_extension("bantin_enclosure", BaseExtension, _EnclosureExtension, atom=True, rss=True)
    home = urljoin(site_url, spec.url)
    fg.id(home)
    fg.title(spec.title)
    fg.subtitle(spec.description)
    fg.link(href=urljoin(site_url, atom_path(spec)), rel="self", type="application/atom+xml")
    fg.link(href=home, rel="alternate", type="text/html")
    fg.language("vi")
    fg.author(name=organisation)
    fg.generator(GENERATOR)
    newest = max((_updated(e) for e in spec.entries), default=EPOCH)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for entry in spec.entries:
        _add(fg, entry, site_url, html.get(entry.source, ""), picture_sizes or {}, (enclosures or {}).get(entry.source))
    atom = fg.atom_str(pretty=True)
    fg.link(href=urljoin(site_url, rss_path(spec)), rel="self", type="application/rss+xml", replace=True)
    fg.link(href=home, rel="alternate", type="text/html")
    return fg.rss_str(pretty=True), atom


def _picture(entry: Entry, site_url: str, sizes: dict[str, tuple[int, int]]) -> str:
    """The entry's front matter picture as HTML. Pictures keep their source path in site/,
    where the build publishes the processed copy (resized, no EXIF): feed readers get that,
    in the source's own format, since many of them cannot show WebP."""
    if not entry.image:
        return ""
    path = front_matter_path(entry.source, entry.image)
    if path in sizes and sizes[path] is None:
        return ""  # left out of the site: a broken picture in every reader
    size = sizes.get(path)
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    return f'<p><img src="{html_escape(urljoin(site_url, path))}" alt="{html_escape(entry.image_alt)}"{dimensions}></p>'


def _anniversaries(entry: Entry) -> str:
    """A bulletin issue's "Chào mừng kỷ niệm" list (computed titles, as on its page) as HTML."""
    titles = getattr(entry, "anniversaries", ())
    if not titles:
        return ""
    items = "".join(f"<li>{html_escape(title)}</li>" for title in titles)
    return f"<p><strong>Chào mừng kỷ niệm</strong></p><ul>{items}</ul>"


def _updated(entry: Entry) -> datetime:
    return entry.updated or entry.date or EPOCH


class _EnclosureExtension(BaseEntryExtension):
    """An entry's enclosure, written right in both formats. feedgen's own ``enclosure()`` adds
    an Atom link whose rel, type and length feedgen 1.0.0 drops (docs/pitfalls.md §3.5), which leaves a
    bare link that readers take for the entry's alternate page."""

    def __init__(self):
        self.value: tuple[str, int, str] | None = None

    def extend_atom(self, entry):
        if self.value:
            url, length, kind = self.value
            xml_elem("link", entry, href=url, rel="enclosure", type=kind, length=str(length))
        return entry

    def extend_rss(self, entry):
        if self.value:
            url, length, kind = self.value
            xml_elem("enclosure", entry, url=url, length=str(length), type=kind)
        return entry


def _add(
    fg: FeedGenerator,
    entry: Entry,
    site_url: str,
    html: str,
    sizes: dict[str, tuple[int, int]],
    enclosure: tuple[str, int, str] | None = None,
) -> None:
    url = urljoin(site_url, entry.url)
    fe = fg.add_entry(order="append")
    fe.id(guid(entry, site_url))
    fe.guid(guid(entry, site_url), permalink=False)
    fe.title(entry.title)
    fe.link(href=url, rel="alternate", type="text/html")
    fe.published(entry.date or EPOCH)
    fe.updated(_updated(entry))
    if entry.description:
        fe.summary(entry.description)  # Atom: type="text", escaped once by feedgen, read as text
        # RSS 2.0 <description> is HTML to every reader ("entity-encoded HTML is allowed", the
        # spec): the text is escaped once here and once by feedgen, so "<img onerror=…>" stays text.
        fe.description(html_escape(entry.description, quote=False))
    fe.content(sanitise(_picture(entry, site_url, sizes) + _anniversaries(entry) + html, url), type="html")
    for name in entry.authors:
        fe.author(name=name)
        fe.dc.dc_creator(name, replace=False)
    for name in entry.categories + entry.tags:
        fe.category(term=name)
    fe.bantin_enclosure.value = enclosure
