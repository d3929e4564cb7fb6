"""Benchmark: what a 12-megapixel, ~5 MB phone photo becomes for readers.

Run: ``.venv/bin/python bench/photos.py`` (or any venv with the project installed).
For two generated 4000×3000 JPEGs with EXIF GPS (a landscape with texture at every scale and
sensor grain; and a worst case whose detail is as fine as the largest published size) it
prints the source size, each published file's size and pixel size, and the processing time
without and with the cache. The editor workflow issue asks for at most ~200 KB at the
largest size (builder.outputs.images.MAX_BYTES).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from PIL import Image  # noqa: E402

from builder.outputs import images  # noqa: E402
from photo_fixture import _exif, phone_photo  # noqa: E402


def worst_case() -> bytes:
    """Noise at 1440 px upscaled to 12 MP: every pixel of the largest size is detail."""
    noise = Image.merge("RGB", [Image.effect_noise((1440, 1080), 50) for _ in range(3)])
    out = io.BytesIO()
    noise.resize((4000, 3000), Image.BICUBIC).save(out, "JPEG", quality=92, exif=_exif(1))
    return out.getvalue()


def run(name: str, data: bytes, folder: Path) -> None:
    source = folder / f"{name}.jpg"
    source.write_bytes(data)
    print(f"{name}: source {len(data) / 1e6:.2f} MB, 4000×3000 (12 MP), EXIF with GPS")
    cache = folder / f"cache-{name}"
    started = time.perf_counter()
    result = images.process(source, cache)
    cold = time.perf_counter() - started
    for variant in result.variants:
        print(
            f"  {variant.width:>5}w.webp     {variant.width}×{variant.height}  {variant.path.stat().st_size / 1000:7.1f} KB"
        )
    fallback = Image.open(result.fallback)
    print(f"  fallback .jpg  {fallback.width}×{fallback.height}  {result.fallback.stat().st_size / 1000:7.1f} KB")
    started = time.perf_counter()
    images.process(source, cache)
    warm = time.perf_counter() - started
    largest = result.variants[-1].path.stat().st_size
    print(f"  processing {cold:.2f} s; again from the cache {warm * 1000:.0f} ms")
    print(
        f"  largest size for readers: {largest / 1000:.1f} KB (budget {images.MAX_BYTES / 1000:.0f} KB): "
        f"{'ok' if largest <= images.MAX_BYTES else 'OVER BUDGET'}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        run("phone-photo", phone_photo(4000, 3000, quality=95), Path(folder))
        run("worst-case", worst_case(), Path(folder))


if __name__ == "__main__":
    main()
