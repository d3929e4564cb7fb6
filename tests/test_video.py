"""Videos (issue 21 §2): an entry's ``video:`` (a file of the site, or a YouTube/Facebook facade),
raw ``<video>`` tags, the feeds' enclosure, the VideoObject JSON-LD, and what ``bantin check``
says about embeds of other hosts, large video files and shooting positions.

Every site is built in tmp_path with the real ``bantin`` command; pages are read with lxml,
feeds with feedparser. The MP4 is made here (:func:`mp4`): a few ISO base media boxes.
"""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
import pytest
from PIL import Image

from builder.content import video as videos
from builder.outputs import video_metadata
from conftest import build_ok, make_site, run_bantin


def box(kind: bytes, payload: bytes) -> bytes:
    """One ISO base media box (ISO/IEC 14496-12 §4.2): 32-bit size, type, payload."""
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def mp4(location: str = "", padding: int = 0) -> bytes:
    """A small MP4: ``ftyp``, ``moov`` (``mvhd``; with ``location``, a ``udta/©xyz`` box as
    Android and older iPhones write it) and an ``mdat`` of ``padding`` bytes."""
    mvhd = box(
        b"mvhd",
        bytes(4)
        + bytes(8)
        + struct.pack(">II", 1000, 750_000)
        + struct.pack(">IH", 0x10000, 0x100)
        + bytes(10)
        + bytes(36)
        + bytes(24)
        + struct.pack(">I", 2),
    )
    moov = mvhd
    if location:
        text = location.encode()
        moov += box(b"udta", box(b"\xa9xyz", struct.pack(">HH", len(text), 0x15C7) + text))
    return (
        box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41")
        + box(b"moov", moov)
        + box(b"mdat", bytes(padding))
    )


def jpeg(size=(640, 360)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 140, 200)).save(out, "JPEG")
    return out.getvalue()


VIDEO = mp4(padding=4000)
WEBM = b"\x1aE\xdf\xa3webm"
"""The start of a WebM file (the EBML header's ID): check reads no more of it."""
VTT = """WEBVTT

NOTE lời thoại phóng sự

00:00.000 --> 00:03.000
Xin chào các chị em hội viên.

00:03.000 --> 00:06.500
<v Chị Lan>Phụ nữ &amp; trẻ em vùng biên giới.
"""

PHONG_SU = """---
title: "Phóng sự nhiệm kỳ 2016–2021"
date: 2026-11-20 08:00
description: "Năm năm phong trào phụ nữ."
video:
  file: phong-su.mp4
  webm: phong-su.webm
  poster: phong-su.jpg
  captions: phong-su.vtt
  duration: "12:30"
---
Bài viết kèm video.
"""

YOUTUBE = """---
title: "Video trên YouTube"
date: 2026-11-21 08:00
description: "Xem video."
video:
  youtube: https://www.youtube.com/watch?v=aBcDeFgHiJk
  poster: anh-video.jpg
---
Nội dung.
"""

RAW = """---
title: "Video viết bằng HTML"
date: 2026-11-22 08:00
description: "Thẻ video trong bài."
---
Đoạn mở đầu.

<video controls preload="none" poster="phim/bia.jpg">
<source src="phim/doan.mp4" type="video/mp4">
<track kind="captions" srclang="vi" src="phim/doan.vtt">
</video>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_site(
        tmp_path_factory.mktemp("video"),
        {
            "tin-tuc/phong-su.md": PHONG_SU,
            "tin-tuc/phong-su.mp4": VIDEO,
            "tin-tuc/phong-su.webm": WEBM,
            "tin-tuc/phong-su.jpg": jpeg(),
            "tin-tuc/phong-su.vtt": VTT,
            "tin-tuc/youtube.md": YOUTUBE,
            "tin-tuc/anh-video.jpg": jpeg(),
            "tin-tuc/facebook.md": YOUTUBE.replace("Video trên YouTube", "Video trên Facebook")
            .replace(
                "youtube: https://www.youtube.com/watch?v=aBcDeFgHiJk",
                "facebook: https://www.facebook.com/hoilhpnquangtri/videos/123456789",
            )
            .replace("  poster: anh-video.jpg\n", ""),
            "tin-tuc/raw.md": RAW,
            "tin-tuc/phim/bia.jpg": jpeg(),
            "tin-tuc/phim/doan.mp4": VIDEO,
            "tin-tuc/phim/doan.vtt": VTT,
        },
    )
    return build_ok(root)


def page(site: Path, slug: str):
    return lxml.html.fromstring((site / "tin-tuc" / slug / "index.html").read_bytes())


def resolves(site: Path, slug: str, address: str) -> Path:
    """The file of ``site`` a relative address on the page ``tin-tuc/<slug>/`` reaches."""
    path = urlsplit(urljoin(f"https://example.org/bantin/tin-tuc/{slug}/", address)).path
    return site / path.removeprefix("/bantin/")


def json_ld(doc) -> dict:
    (script,) = doc.xpath("//script[@type='application/ld+json']")
    return json.loads(script.text)


def test_a_self_hosted_video_plays_the_sites_files_with_captions_and_a_transcript(site):
    doc = page(site, "phong-su-nhiem-ky-2016-2021")
    (video,) = doc.xpath("//article//figure[contains(@class, 'bt-video')]/video")
    assert video.get("preload") == "none" and video.get("controls") is not None
    assert (video.get("width"), video.get("height")) == ("1280", "720")
    slug = "phong-su-nhiem-ky-2016-2021"
    assert resolves(site, slug, video.get("poster")).is_file()
    sources = [(s.get("type"), resolves(site, slug, s.get("src"))) for s in video.iter("source")]
    assert [kind for kind, _ in sources] == ["video/webm", "video/mp4"]  # WebM first: browsers take the first they play
    assert sources[1][1].read_bytes() == VIDEO
    (track,) = video.iter("track")
    assert (track.get("kind"), track.get("srclang")) == ("captions", "vi")
    assert resolves(site, slug, track.get("src")).read_text(encoding="utf-8") == VTT
    (transcript,) = doc.xpath("//details[contains(@class, 'bt-video__transcript')]")
    assert transcript.findtext("summary") == "Lời thoại"
    assert [p.text_content() for p in transcript.iter("p")] == [
        "Xin chào các chị em hội viên.",
        "Phụ nữ & trẻ em vùng biên giới.",
    ]
    download = doc.xpath("//figure[contains(@class, 'bt-video')]/figcaption/a")[0]
    assert resolves(site, slug, download.get("href")).read_bytes() == VIDEO and "MP4, 4 KB" in download.text


def test_raw_video_source_track_and_poster_in_a_body_point_at_the_published_files(site):
    """Before: ``<video>``'s addresses were left as written, relative to the page's URL: 404."""
    doc = page(site, "video-viet-bang-html")
    (video,) = doc.xpath("//article//video")
    assert resolves(site, "video-viet-bang-html", video.get("poster")).is_file()
    (source,) = video.iter("source")
    assert resolves(site, "video-viet-bang-html", source.get("src")).read_bytes() == VIDEO
    (track,) = video.iter("track")
    assert resolves(site, "video-viet-bang-html", track.get("src")).read_text(encoding="utf-8") == VTT


def test_a_youtube_video_is_a_local_poster_linking_to_youtube_and_nothing_from_there(site):
    doc = page(site, "video-tren-youtube")
    (facade,) = doc.xpath("//figure[contains(@class, 'bt-video--hosted')]/a[contains(@class, 'bt-video__facade')]")
    assert facade.get("href") == "https://www.youtube.com/watch?v=aBcDeFgHiJk"
    (poster,) = facade.iter("img")
    assert resolves(site, "video-tren-youtube", poster.get("src")).is_file()
    assert [a.get("href") for a in doc.xpath("//figcaption/a") if a.text == "Xem trên YouTube"] == [facade.get("href")]
    fetched = [
        value
        for element in doc.iter()
        if isinstance(element.tag, str)
        for name in ("src", "srcset", "poster", "data")
        if (value := element.get(name))
    ]
    assert fetched and not [v for v in fetched if "youtube" in v or "ytimg" in v or "//" in v.split(",")[0]]
    assert not doc.xpath("//iframe")


def test_a_facebook_video_without_poster_gets_a_plain_poster_with_its_title(site):
    doc = page(site, "video-tren-facebook")
    (facade,) = doc.xpath("//a[contains(@class, 'bt-video__facade')]")
    assert facade.get("href") == "https://www.facebook.com/hoilhpnquangtri/videos/123456789"
    assert facade.xpath("string(.//span[@class='bt-video__blank'])") == "Video trên Facebook"
    assert not facade.xpath(".//img")


def test_the_feeds_carry_the_mp4_as_an_enclosure(site):
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((site / "tin-tuc" / name).read_bytes())
        assert parsed.bozo == 0, parsed.bozo_exception
        entry = next(e for e in parsed.entries if e.title == "Phóng sự nhiệm kỳ 2016–2021")
        (enclosure,) = entry.enclosures
        assert enclosure.href == "https://example.org/bantin/tin-tuc/phong-su.mp4"
        assert enclosure.type == "video/mp4" and int(enclosure.length) == len(VIDEO)
        hosted = next(e for e in parsed.entries if e.title == "Video trên YouTube")
        assert hosted.enclosures == []  # no file of the site


def test_the_page_describes_its_video_as_a_video_object(site):
    data = json_ld(page(site, "phong-su-nhiem-ky-2016-2021"))["video"]
    assert data["@type"] == "VideoObject" and data["name"] == "Phóng sự nhiệm kỳ 2016–2021"
    assert data["description"] == "Năm năm phong trào phụ nữ."
    assert data["thumbnailUrl"] == ["https://example.org/bantin/tin-tuc/phong-su.jpg"]
    assert data["uploadDate"] == "2026-11-20T08:00:00+07:00"
    assert data["contentUrl"] == "https://example.org/bantin/tin-tuc/phong-su.mp4"
    assert data["duration"] == "PT12M30S"
    hosted = json_ld(page(site, "video-tren-youtube"))["video"]
    assert hosted["embedUrl"] == "https://www.youtube-nocookie.com/embed/aBcDeFgHiJk" and "contentUrl" not in hosted


def test_check_refuses_a_youtube_iframe_and_a_script_from_another_host_showing_the_allowed_form(tmp_path):
    body = (
        '---\ntitle: "Bài nhúng"\ndate: 2026-11-20 08:00\n---\nĐoạn đầu.\n\n'
        '<iframe width="560" src="https://www.youtube.com/embed/aBcDeFgHiJk"></iframe>\n\n'
        '<script src="https://example.com/tien-ich.js"></script>\n'
    )
    root = make_site(tmp_path, {"tin-tuc/nhung.md": body})
    result = run_bantin(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if ": lỗi: " in line]  # errors on stderr, warnings on stdout
    assert errors[0].startswith(
        "content/tin-tuc/nhung.md:7:1: lỗi: Thẻ <iframe> (khung nhúng từ www.youtube.com) không được dùng"
    )
    assert "video: {youtube: https://youtu.be/aBcDeFgHiJk, poster: anh-video.jpg}" in errors[0]
    assert errors[1].startswith("content/tin-tuc/nhung.md:9:1: lỗi: Thẻ <script> (mã chạy từ example.com)")
    assert "Traceback" not in result.stderr


def test_check_reports_wrong_video_fields_at_their_line(tmp_path):
    body = PHONG_SU.replace("file: phong-su.mp4\n  webm: phong-su.webm\n", "youtube: https://example.com/xem\n")
    root = make_site(tmp_path, {"tin-tuc/bai.md": body, "tin-tuc/phong-su.jpg": jpeg(), "tin-tuc/phong-su.vtt": VTT})
    result = run_bantin(root, "check")
    assert result.returncode == 1
    assert (
        "content/tin-tuc/bai.md:5:1: lỗi: Giá trị của 'video' (video) 'https://example.com/xem' không phải địa chỉ "
        "của một video YouTube." in result.stderr
    )
    missing = PHONG_SU.replace("captions: phong-su.vtt", "captions: khong-co.vtt")
    root = make_site(
        tmp_path / "b",
        {
            "tin-tuc/bai.md": missing,
            "tin-tuc/phong-su.mp4": VIDEO,
            "tin-tuc/phong-su.webm": WEBM,
            "tin-tuc/phong-su.jpg": jpeg(),
        },
    )
    result = run_bantin(root, "check")
    assert "content/tin-tuc/bai.md:5:1: lỗi: Không tìm thấy tệp 'khong-co.vtt' (video: captions)." in result.stderr


def test_check_refuses_a_video_file_that_is_not_what_its_name_says(tmp_path):
    """An AVI renamed to .mp4, or the web page a download saved as the video, would show a
    player that plays nothing: refused at the video: line with what to do; a real MP4 passes."""
    body = PHONG_SU.replace("  webm: phong-su.webm\n", "")
    for name, data in (
        ("trang", b"<!DOCTYPE html><html><body>Facebook</body></html>"),
        ("avi", b"RIFF\0\0\0\0AVI LIST"),
    ):
        root = make_site(
            tmp_path / name,
            {
                "tin-tuc/bai.md": body,
                "tin-tuc/phong-su.mp4": data,
                "tin-tuc/phong-su.jpg": jpeg(),
                "tin-tuc/phong-su.vtt": VTT,
            },
        )
        result = run_bantin(root, "build")
        assert result.returncode == 1 and "Traceback" not in result.stderr and not (root / "site").exists()
        assert (
            "content/tin-tuc/bai.md:5:1: lỗi: Video 'phong-su.mp4' không phải video MP4 nên trình duyệt không "
            "phát được. Cách sửa:"
        ) in result.stderr, result.stderr
    root = make_site(
        tmp_path / "webm",
        {
            "tin-tuc/bai.md": PHONG_SU,
            "tin-tuc/phong-su.mp4": VIDEO,
            "tin-tuc/phong-su.webm": VIDEO,
            "tin-tuc/phong-su.jpg": jpeg(),
            "tin-tuc/phong-su.vtt": VTT,
        },
    )
    result = run_bantin(root, "check")
    assert result.returncode == 1 and "Video 'phong-su.webm' không phải video WebM" in result.stderr, result.stderr
    assert "phong-su.mp4" not in result.stderr


def test_check_warns_on_a_video_over_50_mb_and_refuses_one_over_100_mb(tmp_path):
    root = make_site(tmp_path, {"tin-tuc/bai.md": '---\ntitle: "Bài"\ndate: 2026-11-20 08:00\n---\nChữ.\n'})
    for name, size in (("vua.mp4", 60), ("lon.mov", 120)):
        with open(root / "content" / "tin-tuc" / name, "wb") as file:
            file.truncate(size * 1024 * 1024)  # sparse: no disk used
    result = run_bantin(root, "check")
    assert result.returncode == 1
    assert "content/tin-tuc/vua.mp4:1: cảnh báo: Video 'vua.mp4' nặng 60 MB (trên 50 MB)" in result.stdout
    assert "content/tin-tuc/lon.mov:1: lỗi: Video 'lon.mov' nặng 120 MB, quá giới hạn 100 MB" in result.stderr
    assert "Đăng video lên YouTube" in result.stderr


def test_check_warns_of_a_videos_shooting_position_and_fix_blanks_it_in_place(tmp_path):
    shot = mp4("+16.8163+107.1003/", padding=100)
    root = make_site(
        tmp_path,
        {
            "tin-tuc/bai.md": '---\ntitle: "Bài"\ndate: 2026-11-20 08:00\n---\nChữ.\n',
            "tin-tuc/quay.mp4": shot,
            "tin-tuc/sach.mp4": mp4(padding=100),
        },
    )
    result = run_bantin(root, "check")
    assert result.returncode == 0
    warnings = [line for line in result.stdout.splitlines() if "vị trí GPS nơi quay" in line]
    assert len(warnings) == 1 and warnings[0].startswith("content/tin-tuc/quay.mp4:1: cảnh báo: ")
    fixed = run_bantin(root, "check", "--fix")
    assert "Đã xóa vị trí GPS nơi quay khỏi video content/tin-tuc/quay.mp4" in fixed.stdout
    data = (root / "content" / "tin-tuc" / "quay.mp4").read_bytes()
    assert len(data) == len(shot) and b"+16.8163" not in data and b"\xa9xyz" not in data
    assert data.startswith(shot[:40]) and data.endswith(shot[-100:])  # nothing else moved
    assert video_metadata.location_boxes(root / "content" / "tin-tuc" / "quay.mp4") == []
    assert "vị trí GPS" not in run_bantin(root, "check").stdout


def test_a_drafts_video_files_are_not_published_until_it_is(tmp_path):
    draft = PHONG_SU.replace('description: "Năm năm phong trào phụ nữ."\n', 'description: "Nháp."\ndraft: true\n')
    root = make_site(
        tmp_path,
        {
            "tin-tuc/phong-su.md": draft,
            "tin-tuc/phong-su.mp4": VIDEO,
            "tin-tuc/phong-su.webm": WEBM,
            "tin-tuc/phong-su.jpg": jpeg(),
            "tin-tuc/phong-su.vtt": VTT,
            "tin-tuc/tin.md": RAW.replace("phim/", "nhap/"),
            "tin-tuc/nhap/doan.mp4": VIDEO,
            "tin-tuc/nhap/doan.vtt": VTT,
            "tin-tuc/nhap/bia.jpg": jpeg(),
        },
    )
    (root / "content" / "tin-tuc" / "tin.md").write_text(
        RAW.replace("phim/", "nhap/").replace(
            'description: "Thẻ video trong bài."\n', 'description: "Nháp."\ndraft: true\n'
        ),
        encoding="utf-8",
    )
    site = build_ok(root)
    published = {p.relative_to(site).as_posix() for p in (site / "tin-tuc").rglob("*") if p.is_file()}
    for name in ("phong-su.mp4", "phong-su.webm", "phong-su.vtt", "nhap/doan.mp4", "nhap/doan.vtt"):
        assert f"tin-tuc/{name}" not in published, name


def test_check_reports_a_raw_video_file_that_does_not_exist_at_its_line(tmp_path):
    root = make_site(tmp_path, {"tin-tuc/raw.md": RAW, "tin-tuc/phim/bia.jpg": jpeg(), "tin-tuc/phim/doan.mp4": VIDEO})
    result = run_bantin(root, "check")
    assert result.returncode == 1
    assert (
        "content/tin-tuc/raw.md:10:42: lỗi: Không tìm thấy tệp 'phim/doan.vtt' (video, âm thanh, phụ đề hoặc ảnh "
        "bìa video)."
    ) in result.stderr, result.stderr
    assert "doan.mp4" not in result.stderr and "bia.jpg" not in result.stderr


def test_an_iphones_location_item_in_the_quicktime_meta_box_is_found_and_blanked(tmp_path):
    """iPhones write the position as the ``com.apple.quicktime.location.ISO6709`` item of ``moov/meta``."""
    key = b"com.apple.quicktime.location.ISO6709"
    keys = box(b"keys", bytes(4) + struct.pack(">I", 1) + struct.pack(">I", 8 + len(key)) + b"mdta" + key)
    ilst = box(b"ilst", box(struct.pack(">I", 1), box(b"data", struct.pack(">II", 1, 0) + b"+16.8163+107.1003/")))
    meta = box(b"meta", box(b"hdlr", bytes(8) + b"mdta" + bytes(13)) + keys + ilst)
    clean = mp4(padding=10)
    start = clean.index(b"moov") - 4
    size = struct.unpack(">I", clean[start : start + 4])[0]
    moov = clean[start + 8 : start + size] + meta
    shot = clean[:start] + box(b"moov", moov) + clean[start + size :]
    path = tmp_path / "IMG_0001.MOV"
    path.write_bytes(shot)
    assert len(video_metadata.location_boxes(path)) == 1
    assert video_metadata.remove_location(path) is True
    data = path.read_bytes()
    assert len(data) == len(shot) and b"ISO6709" not in data and b"+16.8163" not in data
    assert video_metadata.location_boxes(path) == [] and video_metadata.remove_location(path) is False


@pytest.mark.parametrize(
    "written, expected",
    [
        ("aBcDeFgHiJk", "aBcDeFgHiJk"),
        ("https://www.youtube.com/watch?v=aBcDeFgHiJk&t=30s", "aBcDeFgHiJk"),
        ("https://youtu.be/aBcDeFgHiJk?si=x", "aBcDeFgHiJk"),
        ("youtube.com/shorts/aBcDeFgHiJk", "aBcDeFgHiJk"),
        ("https://m.youtube.com/live/aBcDeFgHiJk", "aBcDeFgHiJk"),
    ],
)
def test_every_form_of_a_youtube_address_gives_its_id(written, expected):
    assert videos.parse({"youtube": written}).youtube == expected


def test_a_youtube_links_start_time_is_kept_on_the_facade(tmp_path):
    """A link shared "from 1:30" (YouTube's "Bắt đầu tại", ``?t=90``) opens the video there,
    not at its beginning; a start time that is no time is reported at the video: line."""
    started = YOUTUBE.replace("https://www.youtube.com/watch?v=aBcDeFgHiJk", "https://youtu.be/aBcDeFgHiJk?t=1m30s")
    site = build_ok(make_site(tmp_path, {"tin-tuc/youtube.md": started, "tin-tuc/anh-video.jpg": jpeg()}))
    doc = page(site, "video-tren-youtube")
    assert {a.get("href") for a in doc.xpath("//figure[contains(@class, 'bt-video')]//a")} == {
        "https://www.youtube.com/watch?v=aBcDeFgHiJk&t=90s"
    }
    wrong = YOUTUBE.replace("watch?v=aBcDeFgHiJk", "watch?v=aBcDeFgHiJk&t=chin-muoi")
    result = run_bantin(
        make_site(tmp_path / "b", {"tin-tuc/youtube.md": wrong, "tin-tuc/anh-video.jpg": jpeg()}), "check"
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/tin-tuc/youtube.md:5" in result.stderr and "thời điểm bắt đầu 't=chin-muoi'" in result.stderr, (
        result.stderr
    )


@pytest.mark.parametrize(
    "written, seconds",
    [
        ("aBcDeFgHiJk", 0),
        ("https://youtu.be/aBcDeFgHiJk", 0),
        ("https://youtu.be/aBcDeFgHiJk?t=90", 90),
        ("https://www.youtube.com/watch?v=aBcDeFgHiJk&t=1h2m3s", 3723),
        ("youtube.com/embed/aBcDeFgHiJk?start=45", 45),
        ("https://www.youtube.com/watch?v=aBcDeFgHiJk#t=2m", 120),
    ],
)
def test_a_youtube_start_time_is_read_in_each_form(written, seconds):
    assert videos.parse({"youtube": written}).start == seconds


def test_a_facebook_address_with_a_query_is_linked_and_one_with_pasted_text_is_refused(tmp_path):
    """``watch/?v=…&ref=sharing`` is a link as written; an address with a space or a quote (text
    pasted with it) would be invalid HTML leading nowhere: refused at the video: line."""
    shared = YOUTUBE.replace(
        "youtube: https://www.youtube.com/watch?v=aBcDeFgHiJk",
        "facebook: https://www.facebook.com/watch/?v=123456789&ref=sharing",
    )
    site = build_ok(make_site(tmp_path, {"tin-tuc/youtube.md": shared, "tin-tuc/anh-video.jpg": jpeg()}))
    assert {a.get("href") for a in page(site, "video-tren-youtube").xpath("//figure//a")} == {
        "https://www.facebook.com/watch/?v=123456789&ref=sharing"
    }
    for pasted in ("https://www.facebook.com/watch/?v=123456789 (phóng sự)", 'https://www.facebook.com/watch/?v=1"2'):
        wrong = shared.replace("https://www.facebook.com/watch/?v=123456789&ref=sharing", f"'{pasted}'")
        result = run_bantin(
            make_site(tmp_path / str(len(pasted)), {"tin-tuc/youtube.md": wrong, "tin-tuc/anh-video.jpg": jpeg()}),
            "check",
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert (
            "content/tin-tuc/youtube.md:5" in result.stderr
            and "có khoảng trắng hoặc ký tự không có trong một địa chỉ" in result.stderr
        ), result.stderr


def test_a_picture_that_is_both_the_card_and_the_poster_is_shown_once(tmp_path):
    """Editors give the same file as ``image`` (the card) and the video's ``poster`` (as the
    union's phóng sự does): the page shows it once, in the video block, not twice one under the
    other. A different ``image`` is still shown above the body."""
    same = YOUTUBE.replace(
        'description: "Xem video."\n', 'description: "Xem video."\nimage: anh-video.jpg\nimage_alt: "Ảnh bìa"\n'
    )
    other = same.replace("Video trên YouTube", "Video có ảnh riêng").replace(
        "image: anh-video.jpg", "image: anh-bai.jpg"
    )
    site = build_ok(
        make_site(
            tmp_path,
            {
                "tin-tuc/youtube.md": same,
                "tin-tuc/khac.md": other,
                "tin-tuc/anh-video.jpg": jpeg(),
                "tin-tuc/anh-bai.jpg": jpeg((800, 450)),
            },
        )
    )
    shown = page(site, "video-tren-youtube").xpath("//article//img")
    assert len(shown) == 1 and shown[0].xpath("ancestor::figure[contains(@class, 'bt-video')]")
    assert len(page(site, "video-co-anh-rieng").xpath("//article//img")) == 2


def test_a_duration_is_read_quoted_or_as_yaml_reads_it_unquoted():
    import yaml

    for text, seconds in (('"12:30"', 750), ("12:30", 750), ('"1:02:30"', 3750), ("1:02:30", 3750), ("95", 95)):
        raw = yaml.safe_load(f"video: {{file: a.mp4, duration: {text}}}")["video"]
        assert videos.parse(raw).duration == seconds, text
    with pytest.raises(videos.VideoError, match="thời lượng '12 phút' viết chưa đúng"):
        videos.parse({"file": "a.mp4", "duration": "12 phút"})


def test_unreadable_addresses_are_reported_not_raised():
    """``urlsplit`` raises on an unclosed IPv6 host ("https://[x"): a message, never a traceback."""
    from builder.outputs.safe_html import removals

    (found,) = removals('<iframe src="https://[x/nhung"></iframe>')
    assert found.refused and found.message.startswith("Thẻ <iframe> (khung nhúng) không được dùng")
    for value, message in (
        ({"youtube": "https://[x"}, "không phải địa chỉ của một video YouTube"),
        ({"facebook": "https://[x"}, "không phải địa chỉ của một video Facebook"),
        ({"file": "//[x/a.mp4"}, "là địa chỉ trên mạng"),
    ):
        with pytest.raises(videos.VideoError, match=message):
            videos.parse(value)


def test_check_refuses_captions_a_browser_would_not_show(tmp_path):
    srt = "1\n00:00:00,000 --> 00:00:03,000\nXin chào.\n"
    files = {
        "tin-tuc/bai.md": PHONG_SU.replace("  webm: phong-su.webm\n", ""),
        "tin-tuc/phong-su.mp4": VIDEO,
        "tin-tuc/phong-su.jpg": jpeg(),
        "tin-tuc/phong-su.vtt": srt,
    }
    result = run_bantin(make_site(tmp_path, files), "check")
    assert result.returncode == 1
    assert (
        "content/tin-tuc/bai.md:5:1: lỗi: Phụ đề 'phong-su.vtt': Tệp phụ đề không bắt đầu bằng dòng 'WEBVTT' "
        "nên trình duyệt không hiện phụ đề."
    ) in result.stderr, result.stderr
    files["tin-tuc/phong-su.vtt"] = VTT.encode("utf-16")
    result = run_bantin(make_site(tmp_path / "b", files), "check")
    assert "lỗi: Phụ đề 'phong-su.vtt': Tệp phụ đề không phải mã UTF-8." in result.stderr, result.stderr


def test_captions_saved_on_windows_with_a_byte_order_mark_and_crlf_are_taken(tmp_path):
    """WebVTT's line terminators are LF, CRLF or CR (W3C WebVTT §4.1) after an optional BOM:
    such a file (Subtitle Edit on Windows) is accepted and its cues make the transcript."""
    windows = ("\ufeff" + VTT.replace("\n", "\r\n")).encode("utf-8")
    files = {
        "tin-tuc/bai.md": PHONG_SU.replace("  webm: phong-su.webm\n", ""),
        "tin-tuc/phong-su.mp4": VIDEO,
        "tin-tuc/phong-su.jpg": jpeg(),
        "tin-tuc/phong-su.vtt": windows,
    }
    root = make_site(tmp_path, files)
    result = run_bantin(root, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    doc = lxml.html.fromstring((build_ok(root) / "tin-tuc" / "phong-su-nhiem-ky-2016-2021" / "index.html").read_bytes())
    assert [p.text_content() for p in doc.xpath("//details[@class='bt-video__transcript']/p")] == [
        "Xin chào các chị em hội viên.",
        "Phụ nữ & trẻ em vùng biên giới.",
    ]


def test_the_site_publishes_a_video_without_its_shooting_position_and_leaves_the_content_file(tmp_path):
    shot = mp4("+16.8163+107.1003/", padding=100)
    body = PHONG_SU.replace("  webm: phong-su.webm\n", "")
    root = make_site(
        tmp_path,
        {
            "tin-tuc/bai.md": body,
            "tin-tuc/phong-su.mp4": shot,
            "tin-tuc/phong-su.jpg": jpeg(),
            "tin-tuc/phong-su.vtt": VTT,
        },
    )
    site = build_ok(root)
    published = (site / "tin-tuc" / "phong-su.mp4").read_bytes()
    assert len(published) == len(shot) and b"+16.8163" not in published and published.endswith(shot[-100:])
    assert (root / "content" / "tin-tuc" / "phong-su.mp4").read_bytes() == shot  # the editor's file: check --fix
    rss = feedparser.parse((site / "tin-tuc" / "rss.xml").read_bytes())
    assert int(rss.entries[0].enclosures[0].length) == len(shot)
