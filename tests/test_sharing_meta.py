"""Sharing metadata read back from the built HTML with an HTML parser: Open Graph, article:*,
Twitter card and JSON-LD on every page of the real content, checked against the issue's rules
(absolute URLs, og:url equal to the canonical link, images that exist at the stated size)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from builder.content.reader import Defaults, read_tree
from builder.mkdocs_plugin.metadata import ARTICLE_KINDS
from conftest import NOW, UNION, build_ok, make_site, reader_pages
from datetime import datetime
from builder.content.dates import to_vietnam_time

SITE_URL = "https://hoiphunu-quangtri.github.io/bantin/"


class Head(HTMLParser):
    """The <meta>, <link rel=canonical> and JSON-LD of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.properties: list[tuple[str, str]] = []
        self.names: list[tuple[str, str]] = []
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self._in_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "property" in a:
            self.properties.append((a["property"], a.get("content", "")))
        elif tag == "meta" and "name" in a:
            self.names.append((a["name"], a.get("content", "")))
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False

    def one(self, key: str) -> str:
        found = [v for k, v in self.properties + self.names if k == key]
        assert len(found) == 1, (key, found)
        return found[0]

    def all(self, key: str) -> list[str]:
        return [v for k, v in self.properties if k == key]


def head(path: Path) -> Head:
    return Head(path.read_text(encoding="utf-8"))


def check_image(site: Path, url: str, width: str, height: str, media_type: str | None = None) -> None:
    """The image at ``url`` is a file of the built site of that size (and that media type)."""
    assert url.startswith(SITE_URL), url
    with Image.open(site / url.removeprefix(SITE_URL)) as image:
        assert image.size == (int(width), int(height)), url
        if media_type is not None:
            assert Image.MIME[image.format] == media_type, url


def test_every_page_has_sharing_metadata(real_site):
    pages = [p for p in reader_pages(real_site) if p.name != "404.html"]
    assert len(pages) > 60
    for path in pages:
        h = head(path)
        assert len(h.canonical) == 1 and h.canonical[0].startswith(SITE_URL), path
        assert h.one("og:url") == h.canonical[0]
        assert h.one("description") == h.one("og:description") == h.one("twitter:description") != ""
        assert h.one("og:locale") == "vi_VN"
        assert h.one("og:site_name") == "Hội Liên hiệp Phụ nữ tỉnh Quảng Trị"
        assert h.one("og:type") in ("article", "website")
        check_image(
            real_site, h.one("og:image"), h.one("og:image:width"), h.one("og:image:height"), h.one("og:image:type")
        )
        assert h.one("og:image:alt") and h.one("og:image:type") in ("image/png", "image/jpeg")
        assert h.one("twitter:card") == "summary_large_image"
        assert h.one("twitter:image") == h.one("og:image") and h.one("twitter:title") == h.one("og:title")


def test_entries_are_articles_with_json_ld(real_site):
    library, errors = read_tree(UNION / "content", Defaults(), to_vietnam_time(datetime.fromisoformat(NOW)))
    assert not errors
    checked = photos = 0
    for entry in library.published():
        h = head(real_site / entry.url / "index.html")
        assert h.one("og:title") == entry.title
        # A card on the page's picture is a JPEG, any other card a PNG.
        suffix, media_type = (".jpg", "image/jpeg") if entry.image else (".png", "image/png")
        photos += bool(entry.image)
        assert h.one("og:image") == f"{SITE_URL}assets/cards/{entry.url.strip('/')}{suffix}"
        assert h.one("og:image:type") == media_type
        if entry.kind not in ARTICLE_KINDS:
            assert h.one("og:type") == "website" and not h.json_ld
            continue
        checked += 1
        assert h.one("og:type") == "article"
        published = h.one("article:published_time")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", published)
        assert datetime.fromisoformat(published) == entry.date
        assert h.one("article:section") == entry.section
        assert h.all("article:tag") == list(entry.tags)
        assert len(h.json_ld) == 1
        data = json.loads(h.json_ld[0])
        assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
        assert data["headline"] == entry.title and len(data["headline"]) <= 110
        assert data["datePublished"] == published and data["dateModified"].endswith("+07:00")
        assert data["mainEntityOfPage"]["@id"] == data["url"] == h.canonical[0]
        assert data["image"][0]["url"] == h.one("og:image")
        assert data["author"] and all(a["name"] for a in data["author"])
        if entry.authors:
            assert [a["name"] for a in data["author"]] == list(entry.authors)
        logo = data["publisher"]["logo"]
        assert data["publisher"]["name"] == "Hội LHPN tỉnh Quảng Trị"
        check_image(real_site, logo["url"], logo["width"], logo["height"])
    assert checked == 17 and photos >= 1


def test_listing_pages_are_websites_with_the_site_card(real_site):
    for path in ("index.html", "tin-tuc/index.html", "tu-khoa/binh-dang-gioi/index.html", "van-ban/index.html"):
        h = head(real_site / path)
        assert h.one("og:type") == "website" and not h.json_ld and not h.all("article:published_time")
        assert h.one("og:image") == f"{SITE_URL}assets/cards/_site.png"
    assert head(real_site / "index.html").one("og:title") == "Hội Liên hiệp Phụ nữ tỉnh Quảng Trị"
    assert (
        head(real_site / "ban-tin/index.html").one("description") == "Các số Bản tin Bình đẳng giới của Hội LHPN tỉnh."
    )


def test_quotes_and_markup_in_front_matter_stay_text(tmp_path):
    title = 'Hội thi "Tiếng hát" <b>phụ nữ</b> & gia đình </script>'
    description = 'Mô tả có "ngoặc kép", <i>thẻ</i> & dấu và.'
    site = build_ok(
        make_site(
            tmp_path / "s",
            {
                "tin-tuc/a.md": (
                    f"---\ntitle: '{title}'\ndate: 2021-04-12\ndescription: '{description}'\n---\nNội dung.\n"
                )
            },
        )
    )
    h = head(site / "tin-tuc/hoi-thi-tieng-hat-b-phu-nu-b-gia-dinh-script/index.html")
    assert h.one("og:title") == title and h.one("description") == h.one("og:description") == description
    assert json.loads(h.json_ld[0])["headline"] == title
