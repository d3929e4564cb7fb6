"""Photos for readers: resized, re-encoded, stripped of metadata, cached. The only Pillow import.

Editors put phone photos in ``content/`` as they come: 12 megapixels, 3–5 MB, and EXIF data
that includes the GPS position where the picture was taken, often someone's home. The source
file is never changed; the build publishes instead, for each picture:

- WebP copies at up to three widths (:data:`WIDTHS`, never wider than the original) for
  ``srcset``. Every browser in use reads WebP (Chrome 32, Firefox 65, Safari 14 / iOS 14, 2020),
  so pages carry no ``<picture>`` with a second format: that would double the files for
  browsers nobody runs any more.
- A fallback in the source's own format at the source's own URL (``anh.jpg`` stays a JPEG),
  resized to the largest width: feed readers, e-mail clients and sharing previews that know
  no WebP get it, and so does any old link to the file. The original never reaches ``site/``.

Every output is re-encoded from pixels alone: EXIF (GPS, camera, owner), XMP, IPTC and
comments are dropped, the EXIF orientation is applied first so that the photo stays upright,
and colours are converted to sRGB so that no ICC profile needs to travel. The largest WebP
is kept under :data:`MAX_BYTES` (the "~200 KB at the largest size" of the editor workflow
issue) by lowering the quality step by step, and the width if even that is not enough.

A file is read by its bytes (Pillow identifies the format), never trusted by its name: JPEG
bytes named ``.gif`` or ``.bmp`` are decoded as the JPEG they are. The fallback is written in
the format its name announces (:data:`FORMATS`; ``.jfif``, ``.jpe``, ``.pjpeg`` are JPEG), so
that the bytes served match the type the server derives from the suffix. GIF fallbacks are
re-encoded too (a GIF carries comments and XMP): a still GIF from its pixels, an animated GIF
frame by frame with only its timing and loop count (the re-encoding may re-dither; a comment
or a position must never reach the site). A picture whose suffix says nothing the build
publishes but whose bytes are a picture is refused by the caller (:func:`identify`).

A picture too large to decode safely (over :data:`MAX_PIXELS`: a 30000 × 30000 PNG, a JPEG
header claiming 65000 × 65000) is a :class:`ImageProblem`, never an exception of Pillow's; a
very tall one (a phone screenshot of a whole page, 1080 × 20000) is scaled to fit WebP's
limit of :data:`WEBP_MAX` pixels a side.

Results are cached under ``<cache>/images/<hash>/`` keyed by the SHA-256 of the source bytes
and of the settings, so an unchanged photo costs a hash on the next build.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import struct
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from builder import children, concurrency
from builder.build_cache import library_versions
from builder.atomic import write_atomic
from builder.content import tree
from builder.outputs import photo_metadata
from builder.errors import os_reason

WIDTHS = (480, 960, 1440)
"""Widths (px) of the WebP copies. The article column is at most ~800 CSS px wide, so 1440
serves it on 2× screens; 480 and 960 serve phones."""
MAX_BYTES = 200_000
"""Ceiling for the largest WebP copy (and the fallback JPEG), reached by lowering the quality
and, for pictures that are detail everywhere, then the width."""
QUALITIES = (80, 72, 64, 56, 48)
"""Qualities tried in turn until the largest copy fits :data:`MAX_BYTES`."""
FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jfif": "JPEG",
    ".jpe": "JPEG",
    ".pjpeg": "JPEG",
    ".pjp": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".gif": "GIF",
    ".avif": "AVIF",
    ".bmp": "BMP",
    ".ico": "ICO",
}
"""Suffix (lower-case) → Pillow format of the fallback published at the source's URL: every
suffix browsers show as a picture (the JPEG aliases are those of the image/jpeg media type;
ICO for a favicon)."""
SUFFIXES = tuple(FORMATS)
"""Picture files the build processes (lower-case)."""
MAX_PIXELS = 100_000_000
"""Largest picture processed, in pixels (width × height as its header says): above every
phone's ordinary photo (12–50 megapixels); decoding a 30000 × 30000 PNG (900 megapixels)
would take 3.6 GB. Larger pictures are left out with a message saying to reduce them."""
WEBP_MAX = 16383
"""WebP's largest side in pixels (libwebp's limit): taller pictures are scaled to it."""
VERSION = "3"
"""Bumped whenever processing changes, so that cached results are redone."""

# Pillow warns (in English, on stderr) about pictures between its own limit and twice it, and
# raises above that; pictures over MAX_PIXELS are refused in Vietnamese instead (open_picture).
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


class ImageProblem(Exception):
    """A picture that cannot be read: ``message`` is Vietnamese."""


@dataclass(frozen=True)
class Variant:
    """One WebP copy: its ``width`` and ``height`` in pixels and its cached ``path``."""

    width: int
    height: int
    path: Path


@dataclass(frozen=True)
class ProcessedImage:
    """What the site publishes for one source picture.

    Attributes:
        width, height: pixel size of the fallback (the largest size published).
        fallback: cached file in the source's format, published at the source's URL.
        variants: WebP copies, narrowest first; empty for animated GIFs.
    """

    width: int
    height: int
    fallback: Path
    variants: tuple[Variant, ...] = ()


def process(source: Path, cache_dir: Path) -> ProcessedImage:
    """Produce (or find in the cache) the published files of one picture.

    Args:
        source: a picture in ``content/`` (suffix in :data:`SUFFIXES`); it is only read.
        cache_dir: the build cache root (``.cache/``); results go to ``images/`` under it.

    Raises:
        ImageProblem: the file is not a picture Pillow can read, or is larger than
            :data:`MAX_PIXELS` (the message, Vietnamese, says how to fix it).
        KeyError: the suffix is not in :data:`FORMATS`.
    """
    data = source.read_bytes()
    suffix = source.suffix.lower()
    key = hashlib.sha256(
        f"{VERSION}|{library_versions('pillow')}|{WIDTHS}|{MAX_BYTES}|{QUALITIES}|{suffix}|".encode() + data
    ).hexdigest()
    folder = cache_dir / "images" / key[:2] / key
    cached = _load(folder)
    if cached is not None:
        return cached
    image = open_picture(io.BytesIO(data), source.name)
    try:
        # JPEG can decode at 1/2, 1/4, 1/8 scale: no need for 12 megapixels to make 1440 px.
        image.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))
        image.load()
        if FORMATS[suffix] == "GIF" and getattr(image, "is_animated", False):
            return _store(
                folder, {f"fallback{suffix}": _animated_gif(image, source.name)}, image.width, image.height, []
            )
        return _process_still(image, suffix, folder)
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, Image.DecompressionBombError) as exc:
        raise ImageProblem(_unreadable(source.name, exc)) from None


def open_picture(file, name: str) -> Image.Image:
    """Open a picture by its bytes (its header only: pixels are decoded on ``load()``).

    Args:
        file: a path or a binary file object; name: the file's name, for the message.

    Raises:
        ImageProblem: not a picture Pillow reads, or larger than :data:`MAX_PIXELS`
            (the message says the size and how to reduce it).
    """
    try:
        image = Image.open(file)
    except Image.DecompressionBombError:  # over twice Pillow's own limit: the size is not given
        raise ImageProblem(_too_large(name, f"trên {MAX_PIXELS // 1_000_000} triệu điểm ảnh")) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageProblem(_unreadable(name, exc)) from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise ImageProblem(
            _too_large(name, f"{image.width} × {image.height} điểm ảnh, trên {MAX_PIXELS // 1_000_000} triệu")
        )
    return image


def _too_large(name: str, size: str) -> str:
    return (
        f"Ảnh {name} quá lớn để xử lý ({size}). Cách sửa: thu nhỏ ảnh (chiều rộng khoảng 2000 điểm ảnh "
        "là đủ cho trang web) rồi lưu lại."
    )


def _unreadable(name: str, exc: BaseException) -> str:
    return (
        f"Không đọc được ảnh {name} ({_reason(exc)}). Cách sửa: mở ảnh bằng phần mềm xem ảnh, lưu lại "
        "thành JPG hoặc PNG."
    )


@dataclass(frozen=True)
class Inspection:
    """What a picture's header says (:func:`inspect`).

    Attributes:
        format: Pillow's name of the format of its bytes ("JPEG", "PNG", "MPO" ...).
        width, height: pixels as shown (the EXIF orientation applied).
        orientation: the EXIF orientation tag (1: upright).
        gps: its EXIF holds a GPS position, or its XMP names one.
    """

    format: str
    width: int
    height: int
    orientation: int = 1
    gps: bool = False


def inspect(path: Path) -> Inspection:
    """Read the header of the picture at ``path`` (not its pixels: a few milliseconds).

    Raises:
        ImageProblem: as :func:`open_picture`.
    """
    with open_picture(path, path.name) as image:
        exif = Image.Exif()
        raw, xmp = image.info.get("exif"), image.info.get("xmp") or b""
        if image.format == "PNG" and not raw:  # written after the pixels: Pillow would decode them all
            try:
                raw, xmp = photo_metadata.png_metadata(path.read_bytes())
            except photo_metadata.NotStrippable:
                pass
        if raw:
            try:
                exif.load(raw)
            except (ValueError, OSError, SyntaxError, struct.error):
                pass  # a damaged EXIF: no position can be read from it
        try:
            gps = 0x8825 in exif and 2 in exif.get_ifd(0x8825)  # the IFD pointer, then GPSLatitude
        except (ValueError, OSError, SyntaxError, struct.error, KeyError):
            gps = False
        gps = gps or b"GPSLatitude" in (xmp if isinstance(xmp, bytes) else str(xmp).encode())
        orientation = exif.get(0x0112, 1) if isinstance(exif.get(0x0112, 1), int) else 1
        width, height = image.size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return Inspection(image.format or "?", width, height, orientation, gps)


def same_pixels(first, second) -> bool:
    """True when two picture files (paths or binary file objects) decode to the same pixels:
    same mode, size and bytes; False when they differ or one cannot be decoded."""
    try:
        with Image.open(first) as one, Image.open(second) as other:
            return one.mode == other.mode and one.size == other.size and one.tobytes() == other.tobytes()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return False


def identify(path: Path) -> str | None:
    """The picture format of the file at ``path`` by its bytes (Pillow's name: "JPEG", "PNG",
    ...), or None when it is not a picture Pillow knows (a PDF, a Word file). Reads the header only."""
    try:
        with Image.open(path) as image:
            return image.format
    except Image.DecompressionBombError:
        return "?"  # a picture, too large to say more
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return None


def _reason(exc: BaseException) -> str:
    """A short reason for a message: Pillow's own text is English and technical."""
    text = str(exc)
    if "truncated" in text:
        return "tệp bị cắt cụt, chưa chép hết"
    if isinstance(exc, MemoryError):
        return "không đủ bộ nhớ"
    return "tệp hỏng hoặc không phải ảnh"


def process_all(sources: list[Path], cache_dir: Path) -> dict[Path, ProcessedImage | ImageProblem]:
    """:func:`process` for many pictures on a thread pool (Pillow releases the GIL while it
    decodes, resizes and encodes). Returns each source's result or its problem.

    Files with the same bytes (one photo used by several articles) are processed once: two
    threads would otherwise make the same cache entry at the same time.
    """

    def one(path: Path):
        try:
            return path, process(path, cache_dir)
        except ImageProblem as exc:
            return path, exc
        except OSError as exc:  # the file itself could not be read (removed meanwhile, no permission)
            return path, ImageProblem(f"Không đọc được tệp {path.name} ({os_reason(exc)}). Cách sửa: chép lại tệp ảnh.")

    groups: dict[tuple, list[Path]] = {}
    for path in sources:
        groups.setdefault((path.suffix.lower(), hashlib.sha256(path.read_bytes()).digest()), []).append(path)
    # Threads (Pillow decodes and encodes without the GIL), as many as the build's policy
    # allows processes (builder/concurrency.py: BANTIN_WORKERS=1 → one), at most 8.
    with ThreadPoolExecutor(max_workers=min(8, concurrency.policy().workers)) as pool:
        first = dict(pool.map(one, [paths[0] for paths in groups.values()]))
    results: dict[Path, ProcessedImage | ImageProblem] = {}
    for paths in groups.values():
        result = first[paths[0]]
        for path in paths:  # a problem names its own file: ask again (it fails fast)
            results[path] = one(path)[1] if isinstance(result, ImageProblem) and path != paths[0] else result
    return results


class Processing:
    """Pictures being processed into the cache by a process of their own (:func:`start_processing`)."""

    def __init__(self, process: multiprocessing.process.BaseProcess):
        self._process = process

    def wait(self) -> None:
        """Return once the process has ended: every picture it could process is in the cache
        (:func:`process_all` makes whatever it did not)."""
        self._process.join()

    def stop(self) -> None:
        """End the process now (the build stopped); the cache only ever holds whole files."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def start_processing(folder: Path, cache_dir: Path) -> Processing | None:
    """Start processing every picture under ``folder`` into the cache, in a forked process,
    while the build goes on: it reads and checks the content on one core meanwhile (6 s of a
    10,000-article build), and its :func:`process_all` then finds the pictures made.

    Returns:
        The process's handle, or None where there is nothing to do or the build's policy does
        not fork (:mod:`builder.concurrency`: ``BANTIN_WORKERS=1``, other threads running as in
        the preview, or no ``fork`` on this system); :func:`process_all` then makes them.
    """
    if concurrency.policy().method != concurrency.FORK:
        return None
    sources = [
        Path(folder, name)
        for name in tree.walk(folder)[0]  # never through a link leaving it
        if os.path.splitext(name)[1].lower() in SUFFIXES
    ]
    if not sources:
        return None
    process = concurrency.start(_process_quietly, (sources, cache_dir))
    return Processing(process) if process is not None else None


@contextmanager
def processing_ahead(folder: Path, cache_dir: Path) -> Iterator[Processing | None]:
    """:func:`start_processing` for the ``with`` block, stopped at its end if still running."""
    processing = start_processing(folder, cache_dir)
    try:
        yield processing
    finally:
        if processing is not None:
            processing.stop()


def _process_quietly(sources: list[Path], cache_dir: Path) -> None:
    children.enter()  # Ctrl-C stops the build, which stops this process: quietly (builder/children.py)
    os.nice(10)  # the build's reading is what the rest waits for: this takes the core it leaves
    try:
        process_all(sources, cache_dir)
    except Exception:  # noqa: BLE001 - a picture left undone is made, or reported, by the build itself
        pass


def _process_still(image: Image.Image, suffix: str, folder: Path) -> ProcessedImage:
    image = _pixels_only(image)
    # At most WIDTHS[-1] wide, and at most WEBP_MAX tall (a whole-page screenshot, 1080 × 20000).
    largest = max(1, min(image.width, WIDTHS[-1], image.width * WEBP_MAX // image.height))
    while True:  # the budget: lower the quality, and only if that is not enough, the width
        top = _resized(image, largest)
        top_webp = _encode(top, "WEBP", budget=True)
        if len(top_webp) <= MAX_BYTES or largest <= WIDTHS[0]:
            break
        largest = round(largest * 0.8)
    outputs, sizes = {}, []
    for width in [w for w in WIDTHS if w < largest * 0.8]:
        resized = _resized(image, width)
        outputs[f"{width}.webp"] = _encode(resized, "WEBP", budget=False)
        sizes.append(resized.size)
    outputs[f"{largest}.webp"] = top_webp
    sizes.append(top.size)
    outputs[f"fallback{suffix}"] = _encode(top, FORMATS[suffix], budget=True)
    return _store(folder, outputs, *top.size, sizes)


def _animated_gif(image: Image.Image, name: str) -> bytes:
    """An animated GIF made again from its frames' pixels, with each frame's duration and the
    loop count only: no comment, XMP or other extension of the source survives.

    Raises:
        ImageProblem: its frames hold more than :data:`MAX_PIXELS` pixels together.
    """
    if image.n_frames * image.width * image.height > MAX_PIXELS:
        raise ImageProblem(_too_large(name, f"{image.n_frames} khung hình {image.width} × {image.height} điểm ảnh"))
    frames, durations = [], []
    for index in range(image.n_frames):
        image.seek(index)
        frame = image.convert("RGBA")
        frames.append(Image.frombytes("RGBA", frame.size, frame.tobytes()))
        durations.append(int(image.info.get("duration", 100)))
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=int(image.info.get("loop", 0)),
        disposal=2,
    )
    return out.getvalue()


def _resized(image: Image.Image, width: int) -> Image.Image:
    if width == image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _pixels_only(image: Image.Image) -> Image.Image:
    """Upright, sRGB, RGB or RGBA pixels with no metadata at all."""
    if image.mode in ("CMYK", "YCbCr", "I", "I;16", "F"):
        image = image.convert("RGB")
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if alpha else "RGB"
    image = image.convert(mode)
    if icc:
        try:
            image = ImageCms.profileToProfile(
                image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    # A new image from the raw pixels carries nothing else: no EXIF, XMP, IPTC or comments.
    return Image.frombytes(mode, image.size, image.tobytes())


def _encode(image: Image.Image, fmt: str, budget: bool) -> bytes:
    for quality in QUALITIES if budget and fmt in ("WEBP", "JPEG", "AVIF") else QUALITIES[:1]:
        out = io.BytesIO()
        if fmt == "WEBP":
            image.save(out, "WEBP", quality=quality, method=5)  # 6 is twice as slow for ~2 % less
        elif fmt == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        elif fmt == "PNG":
            image.save(out, "PNG", optimize=True)
        elif fmt == "AVIF":
            image.save(out, "AVIF", quality=quality)
        else:  # GIF (Pillow reduces the colours to a palette), BMP: formats without a quality setting
            image.save(out, fmt)
        if len(out.getvalue()) <= MAX_BYTES:
            break
    return out.getvalue()


def _store(folder: Path, outputs: dict[str, bytes], width: int, height: int, sizes: list) -> ProcessedImage:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        write_atomic(folder / name, data)
    fallback = next(name for name in outputs if name.startswith("fallback"))
    meta = {"width": width, "height": height, "fallback": fallback, "variants": [list(s) for s in sizes]}
    write_atomic(folder / "meta.json", json.dumps(meta).encode())  # last: marks the entry complete
    return _from_meta(folder, meta)


def _load(folder: Path) -> ProcessedImage | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        result = _from_meta(folder, meta)
    except (OSError, ValueError, KeyError):
        return None
    files = [result.fallback] + [v.path for v in result.variants]
    return result if all(f.is_file() for f in files) else None


def _from_meta(folder: Path, meta: dict) -> ProcessedImage:
    variants = tuple(Variant(w, h, folder / f"{w}.webp") for w, h in meta["variants"])
    return ProcessedImage(meta["width"], meta["height"], folder / meta["fallback"], variants)


# --- pictures of imported files (`bantin import`) -------------------------------------------

MAX_IMPORT_PIXELS = 40_000_000
"""The largest picture :func:`reencode` accepts (40 megapixels; a phone photo is 12)."""

_IMPORT_FORMATS = {
    "JPEG": ("JPEG", ".jpg"),
    "MPO": ("JPEG", ".jpg"),
    "PNG": ("PNG", ".png"),
    "WEBP": ("WEBP", ".webp"),
    "GIF": ("GIF", ".gif"),
}
"""What an imported picture is saved as, by the format Pillow found in its bytes; any other
format Pillow can read (BMP, TIFF ...) becomes PNG, which every browser shows."""


def reencode(data: bytes) -> tuple[bytes, str] | None:
    """A picture from an untrusted file (a Word document), identified by its bytes and
    re-encoded from its pixels, for ``bantin import``.

    Whatever the file declared itself to be (a ``.docx`` names its parts' types itself, and
    may call an HTML page ``image/png``), only what Pillow decodes as a picture comes out,
    named by its real format, upright, sRGB, without EXIF (GPS), XMP or comments.

    Args:
        data: the bytes as found in the document.

    Returns:
        ``(bytes, suffix)`` with suffix ".jpg", ".png", ".webp" or ".gif"; None when the bytes
        are not a picture Pillow can read (or it is larger than :data:`MAX_IMPORT_PIXELS`).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_IMPORT_PIXELS:
                return None
            fmt, suffix = _IMPORT_FORMATS.get(image.format or "", ("PNG", ".png"))
            out = io.BytesIO()
            if fmt == "GIF":
                # Re-saved frame by frame (an animated GIF stays animated); the comment is dropped.
                image.load()
                image.info.pop("comment", None)
                image.save(out, "GIF", save_all=getattr(image, "is_animated", False), comment=b"")
            else:
                image.load()
                pixels = _pixels_only(image)
                if fmt == "JPEG":
                    pixels.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
                else:
                    pixels.save(out, fmt, **({"quality": 90} if fmt == "WEBP" else {"optimize": True}))
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return None
    return out.getvalue(), suffix
