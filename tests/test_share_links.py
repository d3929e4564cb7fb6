"""Share links on entry pages (issue 21 §1): Facebook's share dialog as a plain link, the
page's address and the Zalo text in read-only fields; nothing from another host is loaded
(no script, no image, no frame of Facebook or Zalo), and the block is hidden in print."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.html

from conftest import build_ok, make_site

ARTICLE = """---
title: 'Hội thi "Phụ nữ & gia đình"'
date: 2026-11-20 08:00
description: "Tóm tắt <có> dấu & ký hiệu."
---
Nội dung.
"""


def _share(site, url: str):
    doc = lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))
    blocks = doc.xpath("//section[@class='bt-share']")
    return doc, blocks[0] if blocks else None


def test_entry_pages_have_share_links_and_other_pages_none(real_site):
    entries = [
        "tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap",
        "ban-tin/so-8-3-2021",
        "ban-tin/so-8-3-2021/binh-dang-gioi-bat-dau-tu-moi-gia-dinh",
        "phu-nu-va-cuoc-song/gia-dinh-5-khong-3-sach-bat-dau-tu-nhung-viec-nho",
        "van-ban/ke-hoach-206-kh-btv-2020",
    ]
    for url in entries:
        doc, block = _share(real_site, url)
        assert block is not None, url
        canonical = doc.xpath("//link[@rel='canonical']")[0].get("href")
        address = block.xpath(".//input[@id='bt-share-url']")[0]
        assert address.get("value") == canonical and address.get("readonly") is not None
        assert doc.xpath("//label[@for='bt-share-url']")[0].text_content() == "Sao chép liên kết"
        facebook = block.xpath(".//p[@class='bt-share__facebook']/a")[0].get("href")
        parts = urlsplit(facebook)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.facebook.com", "/sharer/sharer.php")
        assert parse_qs(parts.query) == {"u": [canonical]}
        # Nothing in the block makes the browser fetch anything.
        assert not block.xpath(".//img | .//iframe | .//script[@src] | .//link | .//object")
    for url in ("", "tin-tuc", "album", "gioi-thieu"):
        assert _share(real_site, url)[1] is None, url


def test_the_zalo_text_is_zalo_txt_and_text_stays_text(tmp_path):
    site = build_ok(make_site(tmp_path, {"tin-tuc/hoi-thi.md": ARTICLE}))
    doc, block = _share(site, "tin-tuc/hoi-thi-phu-nu-gia-dinh")
    text = block.xpath(".//details[@class='bt-share__zalo']/textarea")[0]
    written = (site / "tin-tuc/hoi-thi-phu-nu-gia-dinh/zalo.txt").read_text(encoding="utf-8")
    assert text.text == written.rstrip("\n")
    assert text.text.splitlines() == [
        'Hội thi "Phụ nữ & gia đình"',
        "Tóm tắt <có> dấu & ký hiệu.",
        "Xem chi tiết: https://example.org/bantin/tin-tuc/hoi-thi-phu-nu-gia-dinh/",
    ]
    assert text.get("readonly") is not None and doc.xpath("//label[@for='bt-share-zalo']")
    assert block.xpath(".//details/summary")[0].text_content() == "Tin nhắn gửi nhóm Zalo"
