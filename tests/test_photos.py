"""Photos: processed at build time from phone JPEGs (generated with EXIF GPS, see photo_fixture),
never changed in content/, published without metadata, in WebP sizes with width/height,
srcset and lazy loading in the pages, and as a JPEG for feeds."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from builder.mkdocs_plugin.pictures import Published, rewrite
from builder.build_cache import library_versions
from builder.outputs import images
from conftest import build_ok, make_site, run_bantin
from photo_fixture import MAKER, phone_photo
from test_site import Page

ARTICLE = """---
title: Hội viên với mô hình kinh tế
date: 2021-05-10
image: anh-chinh.jpg
image_alt: Hội viên chăm sóc vườn rau
---
Đoạn mở đầu.

![Cánh đồng ở xã Vĩnh Chấp](anh-doc.jpg)

![Biểu trưng của Hội](bieu-trung.png)
"""


def logo_png() -> bytes:
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    image.paste((173, 20, 87, 255), (50, 50, 250, 150))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    files = {
        "tin-tuc/mo-hinh.md": ARTICLE,
        "tin-tuc/anh-chinh.jpg": phone_photo(2000, 1500),
        "tin-tuc/anh-doc.jpg": phone_photo(800, 600, orientation=6, seed=2),  # held sideways: 600 × 800 upright
        "tin-tuc/bieu-trung.png": logo_png(),
    }
    root = make_site(tmp_path_factory.mktemp("photos"), files)
    sources = {name: (root / "content" / name).read_bytes() for name in files if not name.endswith(".md")}
    return root, build_ok(root), sources


def published_pictures(site: Path) -> list[Path]:
    return sorted(p for p in (site / "tin-tuc").iterdir() if p.suffix in (".jpg", ".png", ".webp"))


def metadata_of(data: bytes) -> bytes:
    """A picture file without its compressed pixels, where metadata can hide: a JPEG up to its
    first scan (SOS), a PNG without its IDAT chunks, a WebP without its VP8/VP8L/ALPH chunks.
    The pixels are left out because three given bytes ("GPS") turn up in ~50 kB of compressed
    data by chance (one run in a few hundred), which is no metadata."""
    if data[:2] == b"\xff\xd8":
        return data[: data.index(b"\xff\xda")]
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        kept, at = [data[:8]], 8
        while at < len(data):
            size, kind = int.from_bytes(data[at : at + 4], "big"), data[at + 4 : at + 8]
            kept.append(data[at : at + 8] if kind == b"IDAT" else data[at : at + 12 + size])
            at += 12 + size
        return b"".join(kept)
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", data[:12]
    kept, at = [data[:12]], 12
    while at < len(data):
        kind, size = data[at : at + 4], int.from_bytes(data[at + 4 : at + 8], "little")
        kept.append(data[at : at + 8] if kind in (b"VP8 ", b"VP8L", b"ALPH") else data[at : at + 8 + size])
        at += 8 + size + (size & 1)
    return b"".join(kept)


def test_no_metadata_reaches_the_site(photo_site):
    _, site, _ = photo_site
    pictures = published_pictures(site)
    assert len(pictures) == 8  # 3 sources (their fallbacks) + 3 + 1 + 1 WebP copies
    for path in pictures:
        data = path.read_bytes()
        image = Image.open(io.BytesIO(data))
        assert not image.getexif(), path.name
        assert not {"exif", "xmp", "comment", "icc_profile"} & set(image.info), (path.name, image.info.keys())
        for marker in (MAKER.encode(), b"GPS", b"Exif", b"xmpmeta", b"16.816"):
            assert marker not in metadata_of(data), (path.name, marker)


def test_sources_are_never_modified(photo_site):
    root, _, sources = photo_site
    for name, data in sources.items():
        assert (root / "content" / name).read_bytes() == data
    assert Image.open(root / "content" / "tin-tuc" / "anh-chinh.jpg").getexif().get_ifd(0x8825)  # GPS still there


def test_sizes_and_orientation(photo_site):
    _, site, _ = photo_site
    sizes = {p.name: Image.open(p).size for p in published_pictures(site)}
    assert sizes == {
        "anh-chinh.jpg": (1440, 1080),
        "anh-chinh-480w.webp": (480, 360),
        "anh-chinh-960w.webp": (960, 720),
        "anh-chinh-1440w.webp": (1440, 1080),
        "anh-doc.jpg": (600, 800),
        "anh-doc-600w.webp": (600, 800),  # turned upright, never enlarged
        "bieu-trung.png": (300, 200),
        "bieu-trung-300w.webp": (300, 200),
    }
    assert Image.open(site / "tin-tuc" / "anh-chinh.jpg").format == "JPEG"
    assert Image.open(site / "tin-tuc" / "bieu-trung-300w.webp").mode == "RGBA"  # transparency kept
    for path in published_pictures(site):
        assert path.stat().st_size <= images.MAX_BYTES


def _content_imgs(page: Path) -> list:
    """The ``<img>`` of a page but the site's emblem in the header (builder/outputs/emblem.py)."""
    return [
        i
        for i in Page(page.read_text(encoding="utf-8")).find("img")
        if "assets/images/" not in i["attrs"].get("src", "")
    ]


def test_every_img_has_dimensions_sources_and_lazy_loading_after_the_first(photo_site):
    _, site, _ = photo_site
    page_dir = site / "tin-tuc" / "hoi-vien-voi-mo-hinh-kinh-te"
    imgs = _content_imgs(page_dir / "index.html")
    assert [i["attrs"]["alt"] for i in imgs] == [
        "Hội viên chăm sóc vườn rau",
        "Cánh đồng ở xã Vĩnh Chấp",
        "Biểu trưng của Hội",
    ]
    for img in imgs:
        attrs = img["attrs"]
        width, height = int(attrs["width"]), int(attrs["height"])
        assert (page_dir / attrs["src"]).resolve().is_file()
        assert Image.open((page_dir / attrs["src"]).resolve()).size == (width, height)
        for candidate in attrs["srcset"].split(", "):
            url, descriptor = candidate.split(" ")
            assert Image.open((page_dir / url).resolve()).width == int(descriptor.removesuffix("w"))
        assert attrs["sizes"] and attrs["decoding"] == "async"
    first, *rest = imgs
    assert "loading" not in first["attrs"]  # in view when the page opens
    assert all(i["attrs"]["loading"] == "lazy" for i in rest)
    assert imgs[0]["attrs"]["srcset"] == (
        "../anh-chinh-480w.webp 480w, ../anh-chinh-960w.webp 960w, ../anh-chinh-1440w.webp 1440w"
    )


def test_feeds_get_the_processed_jpeg_with_its_size(photo_site):
    _, site, _ = photo_site
    entry = feedparser.parse((site / "tin-tuc" / "atom.xml").read_bytes()).entries[0]
    html = Page(entry.content[0].value)
    pictures = [(i["attrs"]["src"], i["attrs"].get("width"), i["attrs"].get("height")) for i in html.find("img")]
    assert pictures == [
        ("https://example.org/bantin/tin-tuc/anh-chinh.jpg", "1440", "1080"),
        ("https://example.org/bantin/tin-tuc/anh-doc.jpg", "600", "800"),
        ("https://example.org/bantin/tin-tuc/bieu-trung.png", "300", "200"),
    ]


def test_results_are_cached_by_content_hash(photo_site, tmp_path):
    root, _, _ = photo_site
    source = root / "content" / "tin-tuc" / "anh-chinh.jpg"
    first = images.process(source, tmp_path)
    key = hashlib.sha256(
        f"{images.VERSION}|{library_versions('pillow')}|{images.WIDTHS}|{images.MAX_BYTES}|"
        f"{images.QUALITIES}|.jpg|".encode()
        + source.read_bytes()
    ).hexdigest()
    assert first.fallback.parent == tmp_path / "images" / key[:2] / key
    stamps = {p: p.stat().st_mtime_ns for p in first.fallback.parent.iterdir()}
    assert images.process(source, tmp_path) == first
    assert {p: p.stat().st_mtime_ns for p in first.fallback.parent.iterdir()} == stamps  # nothing redone


@pytest.mark.slow
def test_published_pictures_are_links_to_the_cache_that_later_builds_never_change(tmp_path):
    files = {
        "tin-tuc/mo-hinh.md": ARTICLE,
        "tin-tuc/anh-chinh.jpg": phone_photo(1200, 900),
        "tin-tuc/anh-doc.jpg": phone_photo(800, 600, seed=2),
        "tin-tuc/bieu-trung.png": logo_png(),
    }
    root, cache = make_site(tmp_path / "s", files), tmp_path / "cache"
    env = {"BANTIN_CACHE_DIR": str(cache)}

    def cached_inodes() -> set[int]:
        return {p.stat().st_ino for p in (cache / "images").rglob("*") if p.is_file()}

    assert run_bantin(root, "build", env=env).returncode == 0
    first = published_pictures(root / "site")
    assert len(first) >= 6 and all(p.stat().st_ino in cached_inodes() for p in first)  # linked, not copied
    kept = {}
    for picture in first:  # what a deployed copy of the old site holds
        os.link(picture, tmp_path / f"kept-{picture.name}")
        kept[picture.name] = picture.read_bytes()
    for meta in (cache / "images").rglob("meta.json"):
        meta.unlink()  # every picture is processed again into the same cache files ...
    (root / "content/tin-tuc/anh-chinh.jpg").write_bytes(phone_photo(1200, 900, seed=5))  # ... and one changes

    assert run_bantin(root, "build", env=env).returncode == 0

    second = {p.name: p for p in published_pictures(root / "site")}
    assert second.keys() == kept.keys() and all(p.stat().st_ino in cached_inodes() for p in second.values())
    for name, data in kept.items():
        assert (tmp_path / f"kept-{name}").read_bytes() == data, name
        # the cache file was replaced (a new inode), never written into
        assert second[name].stat().st_ino != (tmp_path / f"kept-{name}").stat().st_ino, name
    assert (root / "site/tin-tuc/anh-chinh.jpg").read_bytes() != kept["anh-chinh.jpg"]


DRAFT = """---
title: Bài chưa đăng
date: 2021-05-12
draft: {draft}
image: anh-nhap.jpg
image_alt: Ảnh của bài nháp
---
![Ảnh trong thân bài nháp](anh-than-nhap.jpg)

![Cánh đồng ở xã Vĩnh Chấp](anh-doc.jpg)

![Tên có dấu cách](anh nhap cach.jpg)

[Tải bản gốc](ban-goc-nhap.pdf)
"""
DRAFT_DOCUMENT = """---
document_type: Kế hoạch
document_number: "12/KH-BTV"
date: 2021-05-12
draft: true
summary_line: Tổ chức hội thi
issuer:
  parent: HỘI LHPN VIỆT NAM
  body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
signer:
  title: CHỦ TỊCH
  name: Đỗ Thị Lý
recipients: [Lưu VT]
attachments: [ban-ky-nhap.pdf]
---
Nội dung kế hoạch.
"""
SCHEDULED = """---
title: Bài hẹn giờ đăng
date: 2026-12-01T07:00:00
image: anh-hen-gio.jpg
image_alt: Ảnh của bài hẹn giờ
---
Nội dung.
"""


@pytest.mark.slow
def test_files_only_unpublished_entries_name_wait_for_them(tmp_path):
    files = {
        "tin-tuc/mo-hinh.md": ARTICLE,
        "tin-tuc/anh-chinh.jpg": phone_photo(1200, 900),
        "tin-tuc/anh-doc.jpg": phone_photo(800, 600, seed=2),
        "tin-tuc/bieu-trung.png": logo_png(),
        "tin-tuc/nhap.md": DRAFT.format(draft="true"),
        "tin-tuc/anh-nhap.jpg": phone_photo(900, 600, seed=3),
        "tin-tuc/anh-than-nhap.jpg": phone_photo(900, 600, seed=4),
        "tin-tuc/hen-gio.md": SCHEDULED,
        "tin-tuc/anh-hen-gio.jpg": phone_photo(900, 600, seed=6),
        "tin-tuc/anh-le.jpg": phone_photo(900, 600, seed=7),  # named by no entry: published as before
        # another folder's picture of the same name as the draft's does not publish the draft's
        "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\n![Trụ sở của Hội](anh-nhap.jpg)\n",
        "anh-nhap.jpg": phone_photo(900, 600, seed=8),
        "tin-tuc/anh nhap cach.jpg": phone_photo(900, 600, seed=9),
        "tin-tuc/ban-goc-nhap.pdf": b"%PDF-1.4 nhap",
        "van-ban/ke-hoach-nhap.md": DRAFT_DOCUMENT,
        "van-ban/ban-ky-nhap.pdf": b"%PDF-1.4 ban ky",
    }
    # A name saved in decomposed form (macOS), named in composed form by the draft.
    files[unicodedata.normalize("NFD", "tin-tuc/ảnh tên mac.jpg")] = phone_photo(900, 600, seed=10)
    files["tin-tuc/nhap.md"] = DRAFT.format(draft="true") + "\n![Ảnh tên NFD](<ảnh tên mac.jpg>)\n"
    root = make_site(tmp_path / "s", files)
    site = build_ok(root) / "tin-tuc"
    for kept in ("anh-chinh.jpg", "anh-doc.jpg", "bieu-trung.png", "anh-le.jpg"):
        assert (site / kept).is_file(), kept
    assert (site.parent / "anh-nhap.jpg").is_file()
    for held in (
        "anh-nhap",
        "anh-than-nhap",
        "anh-hen-gio",
        "anh nhap cach",
        "ban-goc-nhap",
        "ảnh tên mac",
        unicodedata.normalize("NFD", "ảnh tên mac"),
    ):
        assert not list(site.glob(f"{held}*")), held  # neither the fallback nor a WebP copy
    assert not (site.parent / "van-ban" / "ban-ky-nhap.pdf").exists()  # a draft document's signed scan
    assert list(site.glob("anh-doc-*w.webp"))  # shown by the draft and by a published article

    build_ok(root, "2026-12-01T08:00:00")  # the scheduled article is due
    assert (site / "anh-hen-gio.jpg").is_file() and not list(site.glob("anh-nhap*"))
    (root / "content/tin-tuc/nhap.md").write_text(DRAFT.format(draft="false"), encoding="utf-8")
    build_ok(root, "2026-12-01T08:00:00")
    for shown in ("anh-nhap.jpg", "anh-than-nhap.jpg", "anh nhap cach.jpg", "ban-goc-nhap.pdf"):
        assert (site / shown).is_file(), shown


def processed_ahead(root: Path) -> dict:
    """Run :func:`images.start_processing` as a build does (in a process with no other thread:
    run this in a new one) over photos in ``root/content``; report what it left in the cache."""
    content, cache = root / "content", root / "cache"
    (content / "tin-tuc").mkdir(parents=True)
    for n in range(8):
        (content / "tin-tuc" / f"anh-{n}.jpg").write_bytes(phone_photo(1600, 1200, seed=n))
    sources = sorted(content.rglob("*.jpg"))
    images.start_processing(content, cache).wait()
    made = {p: p.stat().st_ino for p in cache.rglob("*") if p.is_file()}
    results = images.process_all(sources, cache)  # the build's own pass, once the pictures are made
    again = {p: p.stat().st_ino for p in cache.rglob("*") if p.is_file()}

    stopped_cache = root / "cache-stopped"
    processing = images.start_processing(content, stopped_cache)
    while not list(stopped_cache.rglob("meta.json")):
        time.sleep(0.01)  # until the first picture is made: stopped halfway
    processing.stop()
    entries = [p.parent for p in stopped_cache.rglob("meta.json")]
    finished = images.process_all(sources, stopped_cache)

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    with_thread = images.start_processing(content, root / "cache-thread")
    stop.set()
    thread.join()
    return {
        "made": len([p for p in made if p.name == "meta.json"]),
        "unchanged": made == again,
        "all_processed": all(isinstance(r, images.ProcessedImage) for r in results.values()),
        "alive_after_stop": len(multiprocessing.active_children()),
        "stopped_entries_whole": all(images._load(folder) is not None for folder in entries),
        "stopped_partway": 0 < len(entries) < len(sources),
        "finished_after_stop": all(isinstance(r, images.ProcessedImage) for r in finished.values()),
        "with_thread": with_thread is None,
    }


@pytest.mark.slow
def test_pictures_are_processed_ahead_in_a_process_of_their_own(tmp_path):
    code = "import json, sys, pathlib, test_photos; print(json.dumps(test_photos.processed_ahead(pathlib.Path(sys.argv[1]))))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "made": 8,
        "unchanged": True,
        "all_processed": True,  # made ahead; the build's pass makes nothing again
        "alive_after_stop": 0,
        "stopped_entries_whole": True,
        "stopped_partway": True,  # a stopped build
        "finished_after_stop": True,  # ... whose next build makes the rest
        "with_thread": True,
    }  # never forked beside other threads (the preview): the build does it all


@pytest.mark.slow
def test_a_picture_saved_with_a_decomposed_name_is_shown(tmp_path):
    # macOS saves "ảnh" decomposed (NFD); the page, read as NFC, names it composed.
    article = ARTICLE.replace("![Biểu trưng của Hội](bieu-trung.png)", "![Hội nghị](<ảnh hội nghị.jpg>)")
    files = {
        "tin-tuc/mo-hinh.md": article,
        "tin-tuc/anh-chinh.jpg": phone_photo(1200, 900),
        "tin-tuc/anh-doc.jpg": phone_photo(800, 600, seed=2),
        unicodedata.normalize("NFD", "tin-tuc/ảnh hội nghị.jpg"): phone_photo(900, 600, seed=3),
    }
    root = make_site(tmp_path / "s", files)
    result = run_bantin(root, "build")
    assert result.returncode == 0 and "not found" not in result.stdout + result.stderr, result.stdout + result.stderr
    site = root / "site" / "tin-tuc"
    assert (site / "ảnh hội nghị.jpg").is_file() and (site / "ảnh hội nghị-900w.webp").is_file()
    img = next(
        e
        for e in Page((site / "hoi-vien-voi-mo-hinh-kinh-te" / "index.html").read_text(encoding="utf-8")).find("img")
        if e["attrs"].get("alt") == "Hội nghị"
    )
    assert img["attrs"]["src"] == "../%E1%BA%A3nh%20h%E1%BB%99i%20ngh%E1%BB%8B-900w.webp" and "srcset" in img["attrs"]


@pytest.mark.slow
def test_the_size_budget_is_kept(tmp_path, monkeypatch):
    source = tmp_path / "anh.jpg"
    source.write_bytes(phone_photo(1600, 1200, seed=3))
    roomy = images.process(source, tmp_path / "a").variants[-1].path.stat().st_size
    monkeypatch.setattr(images, "MAX_BYTES", roomy // 2)
    tight = images.process(source, tmp_path / "b").variants[-1].path.stat().st_size
    assert tight <= roomy // 2 < roomy


@pytest.mark.slow
def test_unreadable_and_heic_pictures_are_left_out_with_a_warning(tmp_path):
    root = make_site(
        tmp_path,
        {
            "tin-tuc/a.md": "---\ntitle: A\ndate: 2021-03-08\n---\n![Ảnh](hong.jpg)\n",
            "tin-tuc/hong.jpg": b"\xff\xd8\xff\xe1 Exif GPS truncated",
            "tin-tuc/iphone.heic": b"\x00\x00\x00\x18ftypheic GPS",
        },
    )
    result = run_bantin(root, "build")
    assert result.returncode == 0, result.stderr
    assert not (root / "site" / "tin-tuc" / "hong.jpg").exists()
    assert not (root / "site" / "tin-tuc" / "iphone.heic").exists()
    # At the line naming the picture (or at the file no entry names), with why it is left out.
    assert (
        "content/tin-tuc/a.md:5: cảnh báo: ảnh 'hong.jpg' không được đăng: Không đọc được ảnh hong.jpg" in result.stderr
    )
    assert (
        "content/tin-tuc/iphone.heic: cảnh báo: ảnh này không được đăng: ảnh dạng .heic không hiển thị được trên "
        "mọi trình duyệt"
    ) in result.stderr
    assert "hong.jpg" not in (root / "site" / "tin-tuc" / "a" / "index.html").read_text(
        encoding="utf-8"
    )  # no broken <img>


def test_rewrite_touches_only_img_tags_of_published_pictures():
    published = {
        "tin-tuc/a.jpg": Published(
            "tin-tuc/a.jpg", 1440, 960, (("tin-tuc/a-480w.webp", 480), ("tin-tuc/a-1440w.webp", 1440))
        )
    }
    html = (
        '<p>x <img src="a.jpg" alt="A &amp; B" width="720"></p><script>var s = "<img src=a.jpg>";</script>'
        '<img src="https://example.org/a.jpg"><img src="khac.png" alt="">\n<img\n  src="a.jpg" alt="">'
    )
    out = rewrite(html, "tin-tuc/", published)
    assert out == (
        '<p>x <img src="a-1440w.webp" alt="A &amp; B" width="720" height="480" '
        'srcset="a-480w.webp 480w, a-1440w.webp 1440w" sizes="(min-width: 60em) 800px, 100vw" '
        'decoding="async"></p><script>var s = "<img src=a.jpg>";</script>'
        '<img src="https://example.org/a.jpg"><img src="khac.png" alt="">\n'
        '<img src="a-1440w.webp" alt="" width="1440" height="960" '
        'srcset="a-480w.webp 480w, a-1440w.webp 1440w" sizes="(min-width: 60em) 800px, 100vw" '
        'loading="lazy" decoding="async">'
    )
    # src is resolved from the page's folder, and the new URLs are relative to it again.
    assert rewrite('<img src="../a.jpg">', "tin-tuc/bai/", published).startswith(
        '<img src="../a-1440w.webp" width="1440" height="960" srcset="../a-480w.webp 480w, ../a-1440w.webp 1440w"'
    )
    assert rewrite('<img src="a.jpg">', "tin-tuc/bai/", published) == '<img src="a.jpg">'  # tin-tuc/bai/a.jpg: not ours


def test_the_real_article_photo(real_site):
    page_dir = real_site / "tin-tuc" / "ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap"
    imgs = _content_imgs(page_dir / "index.html")
    assert len(imgs) == 1
    attrs = imgs[0]["attrs"]
    assert attrs["alt"].startswith("Tranh minh họa mô hình “Làng quê an toàn”")
    assert (attrs["width"], attrs["height"], "loading" in attrs) == ("1440", "810", False)
    assert [c.split(" ")[1] for c in attrs["srcset"].split(", ")] == ["480w", "960w", "1440w"]
    for candidate in attrs["srcset"].split(", "):
        assert (page_dir / candidate.split(" ")[0]).resolve().is_file()
