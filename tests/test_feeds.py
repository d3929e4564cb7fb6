"""Feeds, read back as a subscriber's reader reads them (feedparser) and checked against the
RSS 2.0 and Atom (RFC 4287) rules, plus one test per feedgen 1.0.0 pitfall (docs/pitfalls.md §3)."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from PIL import Image

from builder.content.reader import read_tree
from builder.outputs import feeds
from conftest import build_ok, make_site

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = ["", "tin-tuc/", "ban-tin/", "phu-nu-va-cuoc-song/", "van-ban/"]

NEWS = """---
title: "{title}"
date: {date}
description: "Tóm tắt {n}."
authors: [Nguyễn Thị Hoa]
tags: [Bình đẳng giới]
---
Nội dung bài {n} với [một liên kết nội bộ](../gioi-thieu.md) và ![ảnh](anh.png).

<script>alert("x")</script>
<p onclick="steal()">Đoạn có thuộc tính sự kiện.</p>
<a href="javascript:alert(1)">liên kết độc</a>
<iframe src="https://example.com/"></iframe>
"""


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (173, 20, 87)).save(out, "PNG")
    return out.getvalue()


PNG = _png()
"""A real picture: one the build cannot read is left out of the site (and of the feeds)."""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A site with three dated news articles, a draft, a future article and a control character."""
    root = tmp_path_factory.mktemp("feeds")
    files = {
        "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nTrang giới thiệu.\n",
        "tin-tuc/a.md": NEWS.format(title="Bài A", date="2021-03-08", n=1).replace(
            "tags:", "image: anh.png\nimage_alt: Ảnh minh họa\ntags:"
        ),
        "tin-tuc/b.md": NEWS.format(title="Bài B", date="2021-03-09 08:30", n=2),
        "tin-tuc/c.md": NEWS.format(title="Bài C\x0b có ký tự lạ", date="2021-03-10T10:00:00+00:00", n=3),
        "tin-tuc/nhap.md": NEWS.format(title="Bản nháp", date="2021-03-11", n=4).replace(
            "---\nNội", "draft: true\n---\nNội"
        ),
        "tin-tuc/tuong-lai.md": NEWS.format(title="Hẹn giờ", date="2099-01-01", n=5),
    }
    make_site(root, files)
    (root / "content" / "tin-tuc" / "anh.png").write_bytes(PNG)
    return build_ok(root)


@pytest.mark.parametrize("folder", FEEDS)
def test_every_feed_parses_without_error(real_site, folder):
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((real_site / folder / name).read_bytes())
        assert parsed.bozo == 0, (folder, name, parsed.get("bozo_exception"))
        assert parsed.feed.title


def test_entries_newest_first_with_vietnam_offset(small_site):
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((small_site / "tin-tuc" / name).read_bytes())
        titles = [e.title for e in parsed.entries]
        # Bài C is 10:00 UTC = 17:00 +07:00 on 10/3; the draft and the future article are left out.
        assert titles == ["Bài C có ký tự lạ", "Bài B", "Bài A"], name
    rss = ET.parse(small_site / "tin-tuc" / "rss.xml").getroot()
    dates = [parsedate_to_datetime(d.text) for d in rss.iter("pubDate")]
    assert dates[1].utcoffset() == timedelta(hours=7)  # naive "2021-03-09 08:30" means Vietnam time
    assert dates[1].hour == 8
    assert dates[0].utcoffset() == timedelta(0)  # an explicit offset is kept


def test_rss_channel_follows_the_spec(small_site):
    channel = ET.parse(small_site / "tin-tuc" / "rss.xml").getroot().find("channel")
    # RSS 2.0: title, link and description are required; the channel link is the site, not the feed.
    assert channel.findtext("title") and channel.findtext("description")
    assert channel.findtext("link") == "https://example.org/bantin/tin-tuc/"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == "https://example.org/bantin/tin-tuc/rss.xml"
    assert channel.findtext("language") == "vi"
    assert channel.findtext("generator") == "bantin"
    newest = channel.find("item").findtext("pubDate")
    assert channel.findtext("lastBuildDate") == newest  # from the content, not the clock
    for item in channel.iter("item"):
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("link").startswith("https://example.org/bantin/tin-tuc/")


def test_atom_follows_rfc_4287(small_site):
    feed = ET.parse(small_site / "tin-tuc" / "atom.xml").getroot()
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}title") and feed.findtext(f"{ATOM}updated")
    assert feed.find(f"{ATOM}author/{ATOM}name").text  # required when entries may lack authors
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert rels["self"] == "https://example.org/bantin/tin-tuc/atom.xml"
    assert rels["alternate"] == "https://example.org/bantin/tin-tuc/"
    for entry in feed.findall(f"{ATOM}entry"):
        assert entry.findtext(f"{ATOM}id").startswith("tag:example.org,")
        assert entry.find(f"{ATOM}content").get("type") == "html"  # never feedgen's invalid "CDATA"
        assert entry.findtext(f"{ATOM}updated").endswith(("+07:00", "+00:00"))


def test_content_is_sanitised_and_absolute(small_site):
    parsed = feedparser.parse((small_site / "tin-tuc" / "rss.xml").read_bytes())
    html = parsed.entries[-1].content[0].value
    for bad in ("<script", "onclick", "javascript:", "<iframe"):
        assert bad not in html
    assert 'href="https://example.org/bantin/gioi-thieu/"' in html
    assert 'src="https://example.org/bantin/tin-tuc/anh.png"' in html
    assert html.startswith(
        '<p><img alt="Ảnh minh họa" height="30" src="https://example.org/bantin/tin-tuc/anh.png" width="40" /></p>'
    )
    assert parsed.entries[-1].summary == "Tóm tắt 1."
    assert parsed.entries[-1].author == "Nguyễn Thị Hoa"


def test_front_matter_picture_resolves_from_the_article_page(small_site):
    html = (small_site / "tin-tuc" / "bai-a" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../anh-40w.webp" alt="Ảnh minh họa" width="40" height="30"' in html  # the processed copy


def test_control_character_from_word_does_not_break_the_feed(small_site):
    raw = (small_site / "tin-tuc" / "rss.xml").read_bytes()
    assert b"\x0b" not in raw
    assert feedparser.parse(raw).bozo == 0


@pytest.mark.slow
def test_two_builds_give_byte_identical_feeds(small_site, tmp_path):
    root = small_site.parent
    first = {p: (small_site / p).read_bytes() for p in ("rss.xml", "atom.xml", "tin-tuc/rss.xml")}
    second_root = tmp_path / "again"
    shutil.copytree(root / "content", second_root / "content")
    shutil.copy(root / "mkdocs.yml", second_root / "mkdocs.yml")
    second = build_ok(second_root, now="2030-01-01T00:00:00")
    assert {p: (second / p).read_bytes() for p in first} == first


def test_guid_is_stable_when_title_slug_and_date_change(tmp_path):
    page = "---\ntitle: {t}\ndate: {d}\n{extra}---\nNội dung.\n"
    make_site(tmp_path / "one", {"tin-tuc/bai.md": page.format(t="Tiêu đề cũ", d="2021-03-08", extra="")})
    make_site(
        tmp_path / "two",
        {"tin-tuc/bai.md": page.format(t="Tiêu đề mới", d="2021-03-09", extra="slug: duong-dan-moi\n")},
    )
    ids = []
    for site in ("one", "two"):
        library, errors = read_tree(tmp_path / site / "content")
        assert not errors
        ids.append(feeds.guid(library.entries["tin-tuc/bai.md"], "https://example.org/"))
    assert ids[0] == ids[1] == "tag:example.org,2020:tin-tuc/bai"


@pytest.mark.slow
def test_feed_size_is_configurable(tmp_path):
    files = {f"tin-tuc/b{i}.md": NEWS.format(title=f"Bài {i}", date=f"2021-03-{i + 1:02d}", n=i) for i in range(5)}
    files["gioi-thieu.md"] = "---\ntitle: Giới thiệu\n---\nx\n"
    make_site(tmp_path, files)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") + "      feed_items: 2\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build_ok(tmp_path)
    assert [e.title for e in feedparser.parse((site / "rss.xml").read_bytes()).entries] == ["Bài 4", "Bài 3"]


def test_every_page_advertises_the_feeds(real_site):
    import re
    from urllib.parse import urljoin

    for page in ("tin-tuc/index.html", "van-ban/ke-hoach-206-kh-btv-2020/index.html", "404.html"):
        html = (real_site / page).read_text(encoding="utf-8")
        links = re.findall(
            r'<link rel="alternate" type="application/(rss|atom)\+xml" title="[^"]+" href="([^"]+)"', html
        )
        base = "https://hoiphunu-quangtri.github.io/bantin/" + page
        resolved = {
            urljoin(base, href).removeprefix("https://hoiphunu-quangtri.github.io/bantin/") for _, href in links
        }
        assert {"rss.xml", "atom.xml", "tin-tuc/rss.xml", "van-ban/atom.xml"} <= resolved, page
        assert all((real_site / path).is_file() for path in resolved)


def test_feedgen_prepends_by_default():
    """docs/pitfalls.md §3.1: without order='append' feedgen reverses the entries; our render appends."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    for title in ("first", "second"):
        fg.add_entry().title(title)
    assert [e.title() for e in fg.entry()] == ["second", "first"]
