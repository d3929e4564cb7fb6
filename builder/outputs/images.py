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
issue) by lowering the quality step by step, and the width if even that is not enough. GIFs are published as they are (GIF carries no
EXIF; re-encoding would re-dither them); a still GIF also gets WebP copies.

Results are cached under ``<cache>/images/<hash>/`` keyed by the SHA-256 of the source bytes
and of the settings, so an unchanged photo costs a hash on the next build.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from builder import children
from builder.build_cache import library_versions
from builder.atomic import write_atomic

WIDTHS = (480, 960, 1440)
"""Widths (px) of the WebP copies. The article column is at most ~800 CSS px wide, so 1440
serves it on 2× screens; 480 and 960 serve phones."""
MAX_BYTES = 200_000
"""Ceiling for the largest WebP copy (and the fallback JPEG), reached by lowering the quality
and, for pictures that are detail everywhere, then the width."""
QUALITIES = (80, 72, 64, 56, 48)
"""Qualities tried in turn until the largest copy fits :data:`MAX_BYTES`."""
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
"""Picture files the build processes (lower-case)."""
VERSION = "2"
"""Bumped whenever processing changes, so that cached results are redone."""

_FALLBACK_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


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
        ImageProblem: the file is not a picture Pillow can read.
    """
    data = source.read_bytes()
    suffix = source.suffix.lower()
    key = hashlib.sha256(f"{VERSION}|{library_versions('pillow')}|{WIDTHS}|{MAX_BYTES}|{QUALITIES}|{suffix}|".encode()
                         + data).hexdigest()
    folder = cache_dir / "images" / key[:2] / key
    cached = _load(folder)
    if cached is not None:
        return cached
    try:
        image = Image.open(io.BytesIO(data))
        # JPEG can decode at 1/2, 1/4, 1/8 scale: no need for 12 megapixels to make 1440 px.
        image.draft("RGB", (WIDTHS[-1], WIDTHS[-1]))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ImageProblem(f"Không đọc được ảnh {source.name} ({exc}). Lưu lại ảnh dạng JPG hoặc PNG.") from None
    if suffix == ".gif" and getattr(image, "is_animated", False):
        return _store(folder, {f"fallback{suffix}": data}, image.width, image.height, [])
    return _process_still(image, suffix, folder, data)


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
    groups: dict[tuple, list[Path]] = {}
    for path in sources:
        groups.setdefault((path.suffix.lower(), hashlib.sha256(path.read_bytes()).digest()), []).append(path)
    with ThreadPoolExecutor(max_workers=max(1, min(8, os.cpu_count() or 1))) as pool:
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
        The process's handle, or None where there is nothing to do or a fork is unsafe (other
        threads run, as in the preview) or unavailable (Windows).
    """
    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    sources = [Path(root, name) for root, _, names in os.walk(folder) for name in sorted(names)
               if os.path.splitext(name)[1].lower() in SUFFIXES]
    if not sources:
        return None
    process = multiprocessing.get_context("fork").Process(target=_process_quietly, args=(sources, cache_dir),
                                                          daemon=True)
    with children.starting():  # no signal handled inside fork callbacks (builder/children.py)
        process.start()
    return Processing(process)


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


def _process_still(image: Image.Image, suffix: str, folder: Path, original: bytes) -> ProcessedImage:
    image = _pixels_only(image)
    largest = min(image.width, WIDTHS[-1])
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
    # GIF has no EXIF: a GIF is published as it is (re-encoding would re-dither it).
    outputs[f"fallback{suffix}"] = original if suffix == ".gif" else _encode(top, _FALLBACK_FORMAT[suffix], budget=True)
    return _store(folder, outputs, *top.size, sizes)


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
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                              ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the pixels as they are
    # A new image from the raw pixels carries nothing else: no EXIF, XMP, IPTC or comments.
    return Image.frombytes(mode, image.size, image.tobytes())


def _encode(image: Image.Image, fmt: str, budget: bool) -> bytes:
    for quality in QUALITIES if budget and fmt != "PNG" else QUALITIES[:1]:
        out = io.BytesIO()
        if fmt == "WEBP":
            image.save(out, "WEBP", quality=quality, method=5)  # 6 is twice as slow for ~2 % less
        elif fmt == "JPEG":
            image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True, progressive=True)
        else:
            image.save(out, "PNG", optimize=True)
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


