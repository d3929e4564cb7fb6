"""Phone-like photos for tests and the benchmark, generated with Pillow (no binary fixtures).

:func:`phone_photo` draws a landscape with texture at every scale and sensor grain, so that it
compresses like a real photo, and saves it as a JPEG carrying what phones write: EXIF with
the maker, the orientation and a GPS position (Đông Hà, Quảng Trị), an XMP packet repeating
the position, and a JPEG comment.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

MAKER = "BantinTestPhone"
"""The EXIF Make written into every fixture: must never appear in the built site."""
LATITUDE, LONGITUDE = (16.0, 48.0, 58.25), (107.0, 5.0, 33.5)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="16,48.97N" '
    b'exif:GPSLongitude="107,5.56E"/></rdf:RDF></x:xmpmeta>'
)


def phone_photo(width: int, height: int, quality: int = 92, orientation: int = 1, seed: int = 1) -> bytes:
    """A JPEG of ``width`` × ``height`` pixels (as stored; ``orientation`` is the EXIF tag)."""
    rng = random.Random(seed)
    sky = Image.linear_gradient("L").resize((width, height))
    image = Image.merge(
        "RGB",
        [sky.point(lambda v: 120 + v // 3), sky.point(lambda v: 160 + v // 4), Image.new("L", (width, height), 235)],
    )
    texture = Image.new("L", (width, height), 128)
    for octave in (8, 32, 128, 512, 1000, 2000, 4000):
        size = (max(1, width * octave // 4000), max(1, height * octave // 4000))
        texture = Image.blend(texture, Image.effect_noise(size, 60).resize((width, height), Image.BICUBIC), 0.45)
    green = Image.merge(
        "RGB", [texture.point(lambda v: v // 2), texture.point(lambda v: 60 + v // 2), texture.point(lambda v: v // 4)]
    )
    mask = Image.new("L", (width, height), 0)
    hills = [
        (x, int(height * (0.5 + 0.08 * math.sin(x / width * 7) + 0.04 * rng.random())))
        for x in range(0, width + 50, 50)
    ]
    ImageDraw.Draw(mask).polygon([(0, height)] + hills + [(width, height)], fill=255)
    image = Image.composite(green, image, mask.filter(ImageFilter.GaussianBlur(4)))
    grain = Image.merge("RGB", [Image.effect_noise((width, height), 40) for _ in range(3)])
    image = Image.blend(image, grain, 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=_exif(orientation), xmp=XMP, comment=b"GPS 16.816 107.093")
    return out.getvalue()


def _exif(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = MAKER  # Make
    exif[0x0110] = "Model 12MP"  # Model
    exif[0x0112] = orientation  # Orientation
    gps = exif.get_ifd(0x8825)  # GPSInfo
    gps.update({1: "N", 2: LATITUDE, 3: "E", 4: LONGITUDE})
    return exif
