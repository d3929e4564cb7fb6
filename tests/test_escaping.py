"""Front matter values reach every page as text (issue 16, item 4).

A fixture site whose every field holds markup is built with the real ``bantin build``; every
page is read back with lxml: no script from the content, no event handler, the values shown as
the text they are (``<title>``, ``<h1>``, listings, taxonomy, alt text, the document page, the
register, the home page), and the RSS description read back with feedparser is text.
"""

from __future__ import annotations

import html
from pathlib import Path

import feedparser
import lxml.html
import pytest

from builder.mkdocs_plugin import share_script
from conftest import FIXTURES, build_ok, make_site, reader_pages

SCRIPT = "<script>alert(1)</script>"
TITLE = f"Tin </title>{SCRIPT} & <b>đậm</b>"
DESCRIPTION = "<img src=x onerror=alert(2)> tóm tắt"
CATEGORY = "<script>alert(3)</script>"
TAG = '"><svg onload=alert(4)>'
AUTHOR = "<i onmouseover=alert(5)>Tác giả</i>"
ALT = 'x" onerror="alert(6)'
DOCUMENT = {
    "document_type": f"Kế hoạch {SCRIPT}",
    "place": "Quảng Trị<img src=x onerror=alert(7)>",
    "summary_line": "Trích yếu <script>alert(8)</script>",
    "parent": "<i onclick=alert(9)>HỘI</i>",
    "body": "BCH <script>alert(10)</script>",
    "authority": "TM. <script>alert(11)</script>",
    "title": "CHỦ TỊCH <b onclick=alert(12)>x</b>",
    "name": "Tên <script>alert(13)</script>",
    "recipient": "Nơi <script>alert(14)</script>;",
}
PAGE_TITLE = f"Giới thiệu </title>{SCRIPT}"


def _quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


FILES = {
    "tin-tuc/bai-doc.md": f"""---
title: {_quoted(TITLE)}
date: 2026-11-20 08:00
description: {_quoted(DESCRIPTION)}
categories: [{_quoted(CATEGORY)}]
tags: [{_quoted(TAG)}]
authors: [{_quoted(AUTHOR)}]
image: anh.png
image_alt: {_quoted(ALT)}
---
Nội dung.
""",
    "tin-tuc/anh.png": (FIXTURES / "sites" / "markup" / "content" / "tin-tuc" / "anh-hop.png").read_bytes(),
    "van-ban/van-ban-doc.md": f"""---
document_type: {_quoted(DOCUMENT["document_type"])}
document_number: "9/KH-BTV"
date: 2026-11-10
place: {_quoted(DOCUMENT["place"])}
summary_line: {_quoted(DOCUMENT["summary_line"])}
issuer:
  parent: {_quoted(DOCUMENT["parent"])}
  body: {_quoted(DOCUMENT["body"])}
signer:
  authority: {_quoted(DOCUMENT["authority"])}
  title: {_quoted(DOCUMENT["title"])}
  name: {_quoted(DOCUMENT["name"])}
recipients:
  - {_quoted(DOCUMENT["recipient"])}
---
Nội dung văn bản.
""",
    "gioi-thieu.md": f"""---
title: {_quoted(PAGE_TITLE)}
---
Trang giới thiệu.
""",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    return build_ok(make_site(tmp_path_factory.mktemp("hostile-fields"), FILES))


def _pages(site: Path) -> dict[str, lxml.html.HtmlElement]:
    # The editor (admin/) is no page of the content: its two scripts are the project's (test_cms.py).
    return {p.relative_to(site).as_posix(): lxml.html.fromstring(p.read_bytes()) for p in reader_pages(site)}


def _page_of(site: Path, folder: str) -> lxml.html.HtmlElement:
    (page,) = [p for p in (site / folder).glob("*/index.html") if p.parent.name not in ("nam", "trang")]
    return lxml.html.fromstring(page.read_bytes())


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_no_page_runs_script_from_a_field(hostile_site):
    for name, doc in _pages(hostile_site).items():
        for script in doc.iter("script"):
            # The only scripts: the JSON-LD data block, the search page's own script and the share
            # block's copy script, a constant that holds no field (builder/mkdocs_plugin/share_script.py).
            assert (
                script.get("type") == "application/ld+json"
                or (name == "tim-kiem/index.html" and script.get("src", "").endswith("assets/javascripts/search.js"))
                or (script.get("src") is None and script.text == share_script.SCRIPT)
            ), name
        for element in doc.iter():
            if isinstance(element.tag, str):
                handlers = [a for a in element.attrib if a.lower().startswith("on")]
                assert not handlers, (name, element.tag, handlers)
        for tag in ("svg", "b", "i"):  # markup written in a field never becomes an element
            assert not [e for e in doc.iter(tag) if "alert" in e.text_content()], (name, tag)


def test_title_is_text_in_title_and_h1(hostile_site):
    article = _page_of(hostile_site, "tin-tuc")
    assert article.find(".//title").text == f"{TITLE} - Trang thử nghiệm"
    assert _text(article.find(".//h1")) == TITLE
    page = lxml.html.fromstring((hostile_site / "gioi-thieu" / "index.html").read_bytes())
    assert page.find(".//title").text == f"{PAGE_TITLE} - Trang thử nghiệm"
    assert _text(page.find(".//h1")) == PAGE_TITLE


def test_article_fields_are_text(hostile_site):
    article = _page_of(hostile_site, "tin-tuc")
    text = _text(article.find(".//article"))
    for value in (DESCRIPTION, CATEGORY, TAG, "<i onmouseover=alert(5)>Tác giả</i>"):
        assert value in text
    (figure_image,) = article.xpath("//figure[@class='bt-figure']/img")
    assert figure_image.get("alt") == ALT
    assert figure_image.get("onerror") is None


def test_listings_and_home_show_fields_as_text(hostile_site):
    for page in ("tin-tuc/index.html", "index.html", f"chu-de/{_only_dir(hostile_site / 'chu-de')}/index.html"):
        doc = lxml.html.fromstring((hostile_site / page).read_bytes())
        text = _text(doc)
        assert TITLE in text, page
        assert DESCRIPTION in text, page
    tags = lxml.html.fromstring((hostile_site / "tu-khoa" / "index.html").read_bytes())
    assert TAG in _text(tags)


def _only_dir(folder: Path) -> str:
    (name,) = [p.name for p in folder.iterdir() if p.is_dir()]
    return name


def test_document_page_register_and_home_show_document_fields_as_text(hostile_site):
    text = _text(_page_of(hostile_site, "van-ban").find(".//article"))
    for key in ("summary_line", "parent", "body", "authority", "title", "name"):
        assert DOCUMENT[key] in text, key
    assert DOCUMENT["recipient"].rstrip(";") in text  # the last recipient ends with "." (Decree 30)
    assert DOCUMENT["document_type"].upper() in text
    assert DOCUMENT["place"] in text
    register = _text(lxml.html.fromstring((hostile_site / "van-ban" / "index.html").read_bytes()))
    assert DOCUMENT["document_type"] in register and DOCUMENT["summary_line"] in register
    home = _text(lxml.html.fromstring((hostile_site / "index.html").read_bytes()))
    assert DOCUMENT["document_type"] in home


def test_rss_description_is_text_to_a_feed_reader(hostile_site):
    parsed = feedparser.parse((hostile_site / "tin-tuc" / "rss.xml").read_bytes())
    (entry,) = parsed.entries
    # A reader treats RSS <description> as HTML: what it shows must be the editor's text.
    shown = lxml.html.fragment_fromstring(entry.summary, create_parent="div")
    assert not list(shown.iter("img"))
    assert shown.text_content() == DESCRIPTION
    atom = feedparser.parse((hostile_site / "tin-tuc" / "atom.xml").read_bytes())
    assert atom.entries[0].summary == DESCRIPTION and atom.entries[0].title == TITLE
    assert html.unescape(entry.title) == TITLE
