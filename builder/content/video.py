"""A video of an entry (front matter ``video:``): where it is, read from what the editor writes.

An entry of any type may carry one video, written in its front matter either as a file of
``content/`` (self-hosted) or as a video on YouTube or Facebook (shown on the site as a local
poster that links there)::

    video:
      file: phong-su.mp4          # MP4 (H.264 + AAC: every browser plays it)
      webm: phong-su.webm         # optional, offered first to browsers that take it
      poster: phong-su.jpg        # the picture shown before playing
      captions: phong-su.vtt      # Vietnamese captions (WebVTT); its text is the transcript
      duration: "12:30"           # optional: minutes:seconds or hours:minutes:seconds (or seconds)

    video:
      youtube: https://www.youtube.com/watch?v=aBcDeFgHiJk   # or the 11-character ID, or youtu.be/…
                                  # (a start time, "&t=90s", is kept on the link)
      poster: anh-video.jpg       # optional: without it a plain poster with the title is drawn

Why a YouTube video is not embedded: the site's pages make no request to another host (the
reader is not tracked before choosing to watch; the body cleaning drops every ``<iframe>``,
and the pages' Content-Security-Policy is ``script-src 'none'``). The page shows the local
poster as a link to the video's page on that host, which opens only when the reader clicks
it. See HUONG-DAN.md, "Video".

This module is pure (no file is read): :func:`parse` turns the raw value into a
:class:`~builder.content.model.Video` or raises :class:`VideoError`; :func:`transcript` reads
the text of a WebVTT file the caller has read.
"""

from __future__ import annotations

import html
import re
from urllib.parse import SplitResult, parse_qs, urlsplit

from builder.content.model import Video

KEYS = ("file", "webm", "poster", "captions", "youtube", "facebook", "duration", "width", "height")
"""The sub-keys of ``video:``."""

SUFFIXES = {"file": (".mp4",), "webm": (".webm",), "poster": (".jpg", ".jpeg", ".png", ".webp"), "captions": (".vtt",)}
"""The file types each file sub-key takes (compared in small letters): MP4 is the one format
every browser plays; WebM is smaller where it is played; captions in a ``<track>`` must be WebVTT."""

EXAMPLE = "video: {file: phong-su.mp4, poster: phong-su.jpg, captions: phong-su.vtt}"
"""The form shown in messages for a self-hosted video."""
EXAMPLE_HOSTED = "video: {youtube: https://www.youtube.com/watch?v=aBcDeFgHiJk, poster: anh-video.jpg}"
"""The form shown in messages for a video on YouTube."""

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_HOSTS = (
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
    "youtu.be",
)
_FACEBOOK_HOSTS = ("facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "fb.watch")
_DURATION = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$")


class VideoError(ValueError):
    """A ``video:`` value that cannot be used: ``message`` and ``hint`` in Vietnamese."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def parse(value) -> Video:
    """The :class:`Video` a front matter ``video:`` value describes.

    Args:
        value: what PyYAML read: a mapping with the keys of :data:`KEYS`.

    Returns:
        The video; file names stay as written (relative to the entry's file); a YouTube
        address becomes its ID; ``duration`` becomes seconds.

    Raises:
        VideoError: not a mapping, an unknown sub-key, none or more than one of ``file``,
        ``youtube``, ``facebook``, a file of the wrong type, an address that is not a
        YouTube or Facebook video (or a YouTube start time that is not one), a duration or
        size that is not a number.
    """
    if not isinstance(value, dict):
        raise VideoError(
            "phải gồm các dòng con như 'file:' (tệp MP4) hoặc 'youtube:' (địa chỉ video).",
            f"Ví dụ: {EXAMPLE}, hoặc {EXAMPLE_HOSTED}",
        )
    unknown = [str(key) for key in value if key not in KEYS]
    if unknown:
        raise VideoError(
            f"có khóa con '{unknown[0]}' không dùng được.", "Các khóa con dùng được: " + ", ".join(KEYS) + "."
        )
    text = {key: str(value[key]).strip() for key in KEYS if value.get(key) not in (None, "")}
    sources = [key for key in ("file", "youtube", "facebook") if key in text]
    if len(sources) != 1:
        raise VideoError(
            "phải có đúng một trong 'file:' (tệp MP4 trong content/), 'youtube:' hoặc 'facebook:'.",
            f"Ví dụ: {EXAMPLE}, hoặc {EXAMPLE_HOSTED}",
        )
    if "webm" in text and "file" not in text:
        raise VideoError(
            "có 'webm:' nhưng không có 'file:' (tệp MP4).",
            "Tệp MP4 là bản mọi trình duyệt đều xem được: thêm 'file: ten-video.mp4'.",
        )
    for key, suffixes in SUFFIXES.items():
        if key in text and not text[key].lower().endswith(suffixes):
            raise VideoError(f"'{key}: {text[key]}' không phải tệp {' hoặc '.join(suffixes)}.", _SUFFIX_HINTS[key])
        if key in text and _address(text[key]):
            raise VideoError(
                f"'{key}: {text[key]}' là địa chỉ trên mạng, không phải tệp trong content/.",
                f"Chép tệp vào cùng thư mục với bài và chỉ ghi tên tệp; video trên YouTube thì viết: {EXAMPLE_HOSTED}",
            )
    return Video(
        file=text.get("file", ""),
        webm=text.get("webm", ""),
        poster=text.get("poster", ""),
        captions=text.get("captions", ""),
        youtube=youtube_id(text["youtube"]) if "youtube" in text else "",
        start=youtube_start(text["youtube"]) if "youtube" in text else 0,
        facebook=facebook_url(text["facebook"]) if "facebook" in text else "",
        duration=_seconds(value.get("duration"), text.get("duration")),
        width=_pixels(value, "width", 1280),
        height=_pixels(value, "height", 720),
    )


_SUFFIX_HINTS = {
    "file": "Dùng tệp MP4 (H.264): trên máy tính, mở video bằng HandBrake hoặc Clipchamp và xuất ra MP4.",
    "webm": "Bỏ dòng 'webm:' nếu không có tệp WebM; tệp MP4 là đủ.",
    "poster": "Ảnh bìa của video là tệp JPG, PNG hoặc WebP.",
    "captions": "Phụ đề phải là tệp WebVTT (.vtt); tệp .srt đổi sang .vtt bằng Subtitle Edit (Lưu thành → WebVTT).",
}


def youtube_id(written: str) -> str:
    """The 11-character ID of a YouTube video from its ID or any of its addresses
    (``watch?v=``, ``youtu.be/``, ``/shorts/``, ``/embed/``, ``/live/``).

    Raises:
        VideoError: not a YouTube video's ID or address.
    """
    if _YOUTUBE_ID.match(written):
        return written
    parts = _split(written if "//" in written else "https://" + written)
    host = (parts.hostname or "").lower()
    found = ""
    if host == "youtu.be":
        found = parts.path.strip("/").split("/")[0]
    elif host in _YOUTUBE_HOSTS:
        segments = parts.path.strip("/").split("/")
        if segments[0] == "watch":
            found = parse_qs(parts.query).get("v", [""])[0]
        elif segments[0] in ("shorts", "embed", "live", "v") and len(segments) > 1:
            found = segments[1]
    if not _YOUTUBE_ID.match(found):
        raise VideoError(
            f"'{written}' không phải địa chỉ của một video YouTube.",
            "Mở video trên YouTube, bấm Chia sẻ → Sao chép đường liên kết rồi dán vào, ví dụ: "
            "youtube: https://youtu.be/aBcDeFgHiJk",
        )
    return found


_START = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


def youtube_start(written: str) -> int:
    """Where a YouTube address starts playing, in seconds: its ``t`` (or ``start``) parameter,
    in the query or after "#", as YouTube's "Bắt đầu tại" share option and its users write it
    ("90", "90s", "1m30s", "1h2m3s"); 0 when the address has none (or is a bare ID).

    Raises:
        VideoError: a ``t`` that is none of those forms.
    """
    if _YOUTUBE_ID.match(written):
        return 0
    parts = _split(written if "//" in written else "https://" + written)
    given = {**parse_qs(parts.fragment), **parse_qs(parts.query)}
    value = (given.get("t") or given.get("start") or [""])[0].strip().lower()
    match = _START.match(value)
    if not match:
        raise VideoError(
            f"thời điểm bắt đầu 't={value}' trong địa chỉ '{written}' viết chưa đúng.",
            "Viết số giây (t=90) hoặc phút và giây (t=1m30s), hoặc bỏ phần '&t=…' để xem từ đầu.",
        )
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def facebook_url(written: str) -> str:
    """The https address of a Facebook video (``facebook.com/…/videos/…``, ``/watch/?v=``,
    ``/reel/``, ``fb.watch/…``), as written.

    Raises:
        VideoError: not an https address on Facebook, or one with a character no address
        holds unencoded (RFC 3986: a space, ``"``, ``<``, ``>`` ...; pasted with the text around
        it), which would make the page's link invalid HTML and lead nowhere.
    """
    if re.search(r'[\s"<>`{}|\\^]', written):
        raise VideoError(
            f"'{written}' có khoảng trắng hoặc ký tự không có trong một địa chỉ.",
            "Dán lại đúng địa chỉ video (Chia sẻ → Sao chép liên kết), không kèm chữ nào khác, ví dụ: "
            "facebook: https://www.facebook.com/hoilhpnquangtri/videos/123456789",
        )
    parts = _split(written)
    if parts.scheme != "https" or (parts.hostname or "").lower() not in _FACEBOOK_HOSTS or parts.path in ("", "/"):
        raise VideoError(
            f"'{written}' không phải địa chỉ của một video Facebook.",
            "Trên Facebook, bấm Chia sẻ → Sao chép liên kết ở video rồi dán vào, ví dụ: "
            "facebook: https://www.facebook.com/hoilhpnquangtri/videos/123456789",
        )
    return written


def _split(written: str) -> SplitResult:
    """``urlsplit``, or an empty result for what it cannot read ("https://[x": an unclosed IPv6 host)."""
    try:
        return urlsplit(written)
    except ValueError:
        return urlsplit("")


def _address(written: str) -> bool:
    """True when a file sub-key's value is an address (``https://…``, ``//host/…``), not a file
    name; "C:\\phim.mp4" is a Windows path (a one-letter "scheme"), refused by the reader's
    :func:`~builder.content.images.front_matter_path` with its own message."""
    return len(_split(written).scheme) > 1 or written.startswith("//")


def duration(written: str) -> int:
    """Seconds from "12:30" (minutes:seconds) or "1:02:30" (hours:minutes:seconds).

    Raises:
        VideoError: another form.
    """
    match = _DURATION.match(written)
    if not match:
        raise VideoError(
            f"thời lượng '{written}' viết chưa đúng.",
            'Viết phút:giây trong ngoặc kép, ví dụ: duration: "12:30" (hoặc "1:02:30").',
        )
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def _seconds(raw, written: str | None) -> int | None:
    """``duration`` in seconds. Unquoted, YAML 1.1 (PyYAML) reads "12:30" as the base-60
    number 750 and "1:02:30" as 3750: already seconds."""
    if written is None:
        return None
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0:
        return raw
    return duration(written)


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration, as schema.org's ``VideoObject.duration`` takes it: 750 → "PT12M30S"."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def _pixels(value: dict, key: str, default: int) -> int:
    raw = value.get(key)
    if raw is None:
        return default
    if isinstance(raw, bool) or not isinstance(raw, int) or not 16 <= raw <= 7680:
        raise VideoError(
            f"'{key}: {raw}' không phải kích thước điểm ảnh.",
            f"Viết một số từ 16 đến 7680, ví dụ: {key}: {default}; hoặc xóa dòng này.",
        )
    return raw


def captions_problem(data: bytes) -> tuple[str, str] | None:
    """Why a captions file cannot be used, as ``(message, hint)`` in Vietnamese, or None.

    A browser shows no caption at all from a ``<track>`` whose file is not UTF-8 or does not
    start with the "WEBVTT" signature (W3C WebVTT §4.1; an .srt renamed to .vtt is the usual
    case), and says nothing about it. The signature may follow a byte order mark and end its
    line with LF, CRLF or CR, the three line terminators of §4.1 (Subtitle Edit on Windows
    writes CRLF)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ("Tệp phụ đề không phải mã UTF-8.", "Mở tệp bằng Subtitle Edit rồi lưu lại dạng WebVTT, bảng mã UTF-8.")
    if not re.match(r"WEBVTT(?:[ \t\r\n]|$)", text):
        return (
            "Tệp phụ đề không bắt đầu bằng dòng 'WEBVTT' nên trình duyệt không hiện phụ đề.",
            "Tệp .srt đổi tên thành .vtt chưa đủ: mở bằng Subtitle Edit, chọn Lưu thành → WebVTT "
            "(hoặc thêm dòng WEBVTT và một dòng trống ở đầu tệp, và đổi dấu phẩy trong thời gian "
            "00:00:01,000 thành dấu chấm).",
        )
    return None


_MP4_FIRST_BOXES = (b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot")
"""Box types an MP4 (ISO/IEC 14496-12 §4.3: ``ftyp`` first) or an older QuickTime file starts with."""
_WEBM_MAGIC = b"\x1a\x45\xdf\xa3"
"""The EBML header's ID, the first four bytes of every WebM (Matroska) file."""


def file_problem(key: str, head: bytes) -> tuple[str, str] | None:
    """Why the video file of sub-key ``key`` ("file" or "webm") cannot be played, as
    ``(message, hint)`` in Vietnamese, or None; ``head``: the file's first 12 bytes (or fewer).

    A browser shows a broken player for a file that is not what its name says: an AVI or WMV
    renamed to .mp4, or the web page a download button saved under the video's name. An MP4
    starts with a box (a 32-bit size, then its type, ``ftyp`` first); a WebM with the EBML ID."""
    if key == "file" and (len(head) < 8 or head[4:8] not in _MP4_FIRST_BOXES):
        return (
            "không phải video MP4 nên trình duyệt không phát được.",
            "Tệp thường là video dạng khác (AVI, WMV, MKV) đổi tên thành .mp4, hoặc trang web tải về thay "
            "cho video: mở video gốc bằng HandBrake hoặc Clipchamp và xuất ra MP4 (H.264), rồi chép đè tệp này.",
        )
    if key == "webm" and not head.startswith(_WEBM_MAGIC):
        return (
            "không phải video WebM nên trình duyệt không phát được.",
            "Xóa dòng 'webm:' (tệp MP4 là đủ), hoặc xuất lại bản WebM bằng HandBrake.",
        )
    return None


_CUE_TIMING = re.compile(r"^\S*\d\d:\d\d(?:\.\d+)?\s+-->\s+")
_CUE_TAG = re.compile(r"<[^>]*>")


def transcript(vtt: str) -> list[str]:
    """The spoken text of a WebVTT file (W3C WebVTT §4: a header, then cues of a timing line
    and text lines, separated by blank lines; NOTE, STYLE and REGION blocks are not cues).

    Args:
        vtt: the file's text.

    Returns:
        One string per cue, its lines joined by spaces, cue tags (``<v Chị Lan>``, ``<i>``)
        removed and ``&amp;``-style escapes decoded (plain text: escape it for HTML); a cue
        repeating the previous one (roll-up captions) is kept once.
    """
    found: list[str] = []
    for block in re.split(r"\n\s*\n", vtt.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [line for line in block.split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _CUE_TIMING.match(line.strip())), None)
        if timing is None:
            continue  # the header, NOTE, STYLE, REGION
        text = " ".join(_CUE_TAG.sub("", line).strip() for line in lines[timing + 1 :])
        text = " ".join(html.unescape(text).split())
        if text and (not found or found[-1] != text):
            found.append(text)
    return found
