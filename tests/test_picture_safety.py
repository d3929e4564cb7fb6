"""Pictures that are odd, huge or private: every picture published has passed through Pillow
(whatever its suffix), one picture never stops the site, and ``bantin check`` says beforehand
what the build leaves out, which photos hold a GPS position (``--fix`` removes it without
re-encoding) and which share photos are too small for a card. Real builds and checks of
sites in tmp_path; outputs read back with Pillow."""

from __future__ import annotations

import io
import re
import struct
import zlib

import pytest
from PIL import Image

from builder.outputs import images, photo_metadata
from conftest import make_site, run_bantin
from photo_fixture import MAKER, XMP, phone_photo

PRIVATE = (MAKER.encode(), b"GPS", b"Exif", b"xmpmeta", b"16.816")
"""Bytes of the fixtures' metadata (photo_fixture) that no file of site/ may hold."""
JPEG_NAMES = ("a.jfif", "b.jpe", "c.pjpeg", "d.avif", "e.bmp", "f.gif")
"""JPEG bytes (with GPS) under names of other picture formats."""


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says ``width`` × ``height`` (its pixel data is a few bytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header is changed to say ``width`` × ``height``."""
    data = bytearray(phone_photo(64, 48))
    frame = next(i for i in range(len(data) - 1) if data[i] == 0xFF and data[i + 1] in (0xC0, 0xC2))
    data[frame + 5 : frame + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif(frames: int, comment: bytes) -> bytes:
    colours = [(255, 0, 0), (0, 0, 255), (0, 160, 0)]
    images_ = [Image.new("RGB", (120, 80), colours[i % 3]) for i in range(frames)]
    out = io.BytesIO()
    images_[0].save(
        out,
        "GIF",
        save_all=frames > 1,
        append_images=images_[1:],
        duration=[100, 300, 200][:frames] if frames > 1 else 100,
        loop=0,
        comment=comment,
    )
    return out.getvalue()


def plain_jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


def tall_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1080, 20000), (230, 230, 240)).save(out, "PNG")
    return out.getvalue()


ODD = """---
title: Ảnh lạ
date: 2021-03-08
---
{pictures}

![Ảnh chụp màn hình cả trang](dai.png)

![Ảnh quá lớn](to.png)

![Đầu tệp ghi 65000 điểm](gia.jpg)

![Ảnh iPhone](iphone.heic)
"""
SHARED_HUGE = """---
title: Bài có ảnh chia sẻ quá lớn
date: 2021-03-09
image: to.png
image_alt: Ảnh
---
Nội dung vẫn được đăng.
"""
SHARED_SMALL = """---
title: Bài có ảnh chia sẻ nhỏ
date: 2021-03-10
image: nho.jpg
image_alt: Ảnh nhỏ
---
Nội dung.
"""


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    """One site holding every odd picture, built and checked once: (root, build, check)."""
    jpeg = phone_photo(700, 500)
    files = {f"tin-tuc/{name}": jpeg for name in JPEG_NAMES}
    files.update(
        {
            "tin-tuc/g.gif": gif(1, b"GPS 16.816 107.093"),
            "tin-tuc/h.gif": gif(3, b"GPS 16.816 107.093"),
            "tin-tuc/anh.txt": jpeg,  # a picture under a name that is not a picture's
            "tin-tuc/dai.png": tall_png(),
            "tin-tuc/to.png": png_claiming(30000, 30000),
            "tin-tuc/gia.jpg": jpeg_claiming(65000, 65000),
            "tin-tuc/iphone.heic": b"\x00\x00\x00\x18ftypheic GPS",
            "tin-tuc/nho.jpg": plain_jpeg(150, 150),
            "tin-tuc/vua.png": png_claiming(12000, 10000),  # over MAX_PIXELS, under Pillow's own error
            "tin-tuc/anh-la.md": ODD.format(
                pictures="\n\n".join(f"![Ảnh {n}]({n})" for n in (*JPEG_NAMES, "g.gif", "h.gif"))
            ),
            "tin-tuc/anh-chia-se.md": SHARED_HUGE,
            "tin-tuc/anh-nho.md": SHARED_SMALL,
        }
    )
    root = make_site(tmp_path_factory.mktemp("odd"), files)
    return root, run_bantin(root, "build"), run_bantin(root, "check")


def test_every_published_picture_passed_through_pillow(odd_site):
    root, build, _ = odd_site
    assert build.returncode == 0, build.stdout + build.stderr
    site = root / "site"
    published = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        try:
            image = Image.open(path)
        except (OSError, ValueError):
            continue
        published += 1
        data = path.read_bytes()
        assert not image.getexif() and not {"exif", "xmp", "comment"} & set(image.info), (path, image.info.keys())
        for marker in PRIVATE:
            assert marker not in data, (path, marker)
    assert published > 20
    formats = {name: Image.open(site / "tin-tuc" / name).format for name in JPEG_NAMES}
    # Decoded by their bytes, written in the format their name announces (what the server says they are).
    assert formats == {
        "a.jfif": "JPEG",
        "b.jpe": "JPEG",
        "c.pjpeg": "JPEG",
        "d.avif": "AVIF",
        "e.bmp": "BMP",
        "f.gif": "GIF",
    }
    animated = Image.open(site / "tin-tuc" / "h.gif")
    assert animated.n_frames == 3 and animated.info["duration"] == 100
    assert not (site / "tin-tuc" / "anh.txt").exists()
    assert (
        "content/tin-tuc/anh.txt: cảnh báo: ảnh này không được đăng: tệp là ảnh JPEG nhưng tên có đuôi '.txt'"
        in build.stderr
    )


def test_one_picture_never_stops_the_site(odd_site):
    root, build, _ = odd_site
    output = build.stdout + build.stderr
    assert build.returncode == 0 and "Traceback" not in output and "không mong đợi" not in output, output
    assert "Warning" not in output  # Pillow's DecompressionBombWarning is English: said in Vietnamese instead
    assert (
        "content/tin-tuc/vua.png: cảnh báo: ảnh này không được đăng: Ảnh vua.png quá lớn để xử lý (12000 × 10000"
        in output
    )
    site = root / "site" / "tin-tuc"
    assert (site / "anh-la" / "index.html").is_file() and (site / "bai-co-anh-chia-se-qua-lon" / "index.html").is_file()
    # The whole-page screenshot is scaled to WebP's limit of 16383 pixels a side.
    tall = Image.open(site / "dai.png")
    assert tall.height <= images.WEBP_MAX and tall.width == 1080 * images.WEBP_MAX // 20000
    assert max(Image.open(p).height for p in site.glob("dai-*w.webp")) <= images.WEBP_MAX
    # The pictures too large to decode are left out, with a warning at the line naming them.
    assert not (site / "to.png").exists() and not (site / "gia.jpg").exists()
    page = (site / "anh-la" / "index.html").read_text(encoding="utf-8")
    feed = (site / "rss.xml").read_text(encoding="utf-8")
    for name in ("to.png", "gia.jpg", "iphone.heic"):  # no broken picture on the page or in the feed
        assert name not in page and name not in feed, name
    assert "dai-884w.webp" in page
    assert "content/tin-tuc/anh-la.md:23: cảnh báo: ảnh 'to.png' không được đăng: Ảnh to.png quá lớn" in output
    assert "content/tin-tuc/anh-la.md:25: cảnh báo: ảnh 'gia.jpg' không được đăng: Ảnh gia.jpg quá lớn" in output
    assert "content/tin-tuc/anh-chia-se.md:4: cảnh báo: ảnh 'to.png' (image) không được đăng" in output
    # ... and the card of the page sharing it is drawn without it.
    card = root / "site" / "assets" / "cards" / "tin-tuc" / "bai-co-anh-chia-se-qua-lon.png"
    assert card.is_file() and Image.open(card).size == (1200, 630)


def test_heic_is_refused_with_how_to_export_it(odd_site):
    root, build, check = odd_site
    assert not (root / "site" / "tin-tuc" / "iphone.heic").exists()
    assert "content/tin-tuc/anh-la.md:27: cảnh báo: ảnh 'iphone.heic' không được đăng: ảnh dạng .heic" in build.stderr
    assert "không tìm thấy tệp 'iphone.heic'" not in build.stderr  # the file is there: say why it is left out
    assert (
        "content/tin-tuc/anh-la.md:27: lỗi: Ảnh 'iphone.heic' sẽ không được đăng: ảnh dạng .heic" in check.stderr
        and "Tương thích nhất" in check.stderr
    )


def test_check_reports_what_the_build_leaves_out_at_its_line(odd_site):
    _, _, check = odd_site
    assert check.returncode == 1
    for where, name in (
        ("anh-la.md:23", "to.png"),
        ("anh-la.md:25", "gia.jpg"),
        ("anh-chia-se.md:4", "to.png"),
        ("anh.txt:1", "tin-tuc/anh.txt"),
    ):
        assert f"content/tin-tuc/{where}: lỗi: Ảnh '{name}' sẽ không được đăng" in check.stderr, where
    assert "dai.png" not in check.stderr  # scaled, not left out
    assert "content/tin-tuc/vua.png:1: lỗi: Ảnh 'tin-tuc/vua.png' sẽ không được đăng" in check.stderr
    assert "Traceback" not in check.stdout + check.stderr


def test_a_share_photo_too_small_gives_the_drawn_card(odd_site):
    root, build, check = odd_site
    page = (root / "site" / "tin-tuc" / "bai-co-anh-chia-se-nho" / "index.html").read_text(encoding="utf-8")
    card = re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)
    assert card.endswith("assets/cards/tin-tuc/bai-co-anh-chia-se-nho.png")  # drawn, not the photo stretched 8×
    assert "Cảnh báo: content/tin-tuc/anh-nho.md:4: ảnh 'nho.jpg' (image) chỉ 150 × 150 điểm ảnh" in build.stdout
    assert "content/tin-tuc/anh-nho.md:4: cảnh báo: ảnh 'nho.jpg' (image) chỉ 150 × 150 điểm ảnh" in check.stdout
    github = run_bantin(root, "check", "--format", "github").stdout  # a warning on the pull request's line
    assert (
        "::warning file=content/tin-tuc/anh-nho.md,line=4,title=bantin check::ảnh 'nho.jpg' (image) chỉ 150" in github
    )


def gps_png() -> bytes:
    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (16.0, 48.0, 58.25)})
    out = io.BytesIO()
    Image.new("RGB", (640, 400), (200, 100, 50)).save(out, "PNG", exif=exif.tobytes())
    return out.getvalue()


def gps_webp() -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(phone_photo(320, 240))).save(
        out, "WEBP", exif=Image.open(io.BytesIO(phone_photo(8, 8))).getexif(), xmp=XMP, quality=80
    )
    return out.getvalue()


def test_check_reports_gps_and_fix_removes_it_without_reencoding(tmp_path):
    photo, png, webp = phone_photo(800, 600, orientation=6), gps_png(), gps_webp()
    names = ("anh.jpg", "hinh.png", "anh.webp")
    root = make_site(
        tmp_path,
        {
            "tin-tuc/a.md": "---\ntitle: A\ndate: 2021-03-08\n---\n"
            + "\n\n".join(f"![Ảnh]({name})" for name in names)
            + "\n",
            "tin-tuc/anh.jpg": photo,
            "tin-tuc/hinh.png": png,
            "tin-tuc/anh.webp": webp,
        },
    )
    check = run_bantin(root, "check")
    assert check.returncode == 0, check.stderr  # a warning: it does not hold the deploy back
    for name in names:
        assert f"content/tin-tuc/{name}:1: cảnh báo: Ảnh có vị trí GPS nơi chụp, mà kho nội dung" in check.stdout
    assert "bantin check --fix" in check.stdout
    fixed = run_bantin(root, "check", "--fix")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Đã xóa vị trí GPS và thông tin máy ảnh khỏi content/tin-tuc/anh.jpg" in fixed.stdout
    after = {name: (root / "content" / "tin-tuc" / name).read_bytes() for name in names}
    for name, before in zip(names, (photo, png, webp)):
        old, new = Image.open(io.BytesIO(before)), Image.open(io.BytesIO(after[name]))
        assert new.tobytes() == old.tobytes() and new.size == old.size  # not re-encoded: the same pixels
        assert not new.getexif().get_ifd(0x8825) and "xmp" not in new.info and "comment" not in new.info
        for marker in PRIVATE[:2] + PRIVATE[3:]:
            assert marker not in after[name], (name, marker)
    assert dict(Image.open(io.BytesIO(after["anh.jpg"])).getexif()) == {0x0112: 6}  # still shown upright
    again = run_bantin(root, "check", "--fix")
    assert again.returncode == 0 and "Đã xóa" not in again.stdout
    assert after == {name: (root / "content" / "tin-tuc" / name).read_bytes() for name in after}


def test_strip_keeps_the_compressed_picture_byte_for_byte():
    source = phone_photo(320, 240)
    out = io.BytesIO()
    Image.open(io.BytesIO(source)).save(
        out, "JPEG", progressive=True, exif=Image.open(io.BytesIO(source)).getexif(), comment=b"GPS here"
    )
    progressive = out.getvalue()
    second = phone_photo(32, 24, seed=5)  # an MPO's second picture (a depth map) with its own EXIF
    for data in (source, progressive, progressive + second):
        stripped = photo_metadata.strip(data)
        scan = data.index(b"\xff\xda")
        assert stripped.endswith(data[scan : data.index(b"\xff\xd9", scan) + 2])  # the scans, untouched
        assert b"GPS" not in stripped and b"Exif" not in stripped and MAKER.encode() not in stripped
        assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(data)).tobytes()
    with pytest.raises(photo_metadata.NotStrippable):
        photo_metadata.strip(source[:300])
    with pytest.raises(photo_metadata.NotStrippable):
        photo_metadata.strip(b"GIF89a")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # pytest resets the module's filter
def test_processing_reports_every_picture_it_cannot_make(tmp_path):
    # The pictures processed ahead (a forked process) and by the build share process_all: a
    # picture too large must be its problem, not an exception that ends the batch.
    sources = []
    for name, data in (
        ("to.png", png_claiming(30000, 30000)),
        ("gia.jpg", jpeg_claiming(65000, 65000)),
        ("vua.png", png_claiming(12000, 10000)),
        ("tot.jpg", phone_photo(300, 200)),
    ):
        (tmp_path / name).write_bytes(data)
        sources.append(tmp_path / name)
    results = images.process_all(sources, tmp_path / "cache")
    assert [type(results[s]).__name__ for s in sources] == ["ImageProblem"] * 3 + ["ProcessedImage"]
    assert "12000 × 10000 điểm ảnh" in str(results[sources[2]])
