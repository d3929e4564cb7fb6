"""The emblem in the header and the icons browsers show (favicon, ``apple-touch-icon``).

Both come from files of the repository named in mkdocs.yml (``identity: emblem``, ``icon``;
:mod:`builder.mkdocs_plugin.identity_config`); without them, from the project's own neutral emblem, drawn
for this project (:data:`DEFAULT_EMBLEM`, a circle in the union's magenta with a white
five-petal flower: not the union's official badge, and never Material's logo or favicon).

- The emblem is published as it is at :data:`EMBLEM_PATH` (``.svg`` or ``.png``): an SVG is
  checked like every SVG of the site (:mod:`builder.content.svg`: no script, nothing fetched
  from elsewhere) when the setting is read; a PNG is re-encoded with Pillow, which drops its
  metadata.
- The icons are derived at build time with Pillow from a PNG (``icon``; else the emblem when it
  is a PNG; else the default emblem drawn by :func:`draw_default`): 32 × 32 and 16 × 16
  favicons and the 180 × 180 ``apple-touch-icon`` Apple's devices ask for (Apple, "Configuring
  Web Applications"). An SVG emblem is offered as an SVG favicon too; browsers that take SVG
  icons prefer it.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, UnidentifiedImageError

from builder.atomic import write_atomic

HERE = Path(__file__).resolve().parent
DEFAULT_EMBLEM = HERE / "bieu-trung.svg"
"""The project's neutral emblem (SVG), drawn from the same shapes as :func:`draw_default`."""
IMAGES = "assets/images/"
EMBLEM_PATH = IMAGES + "bieu-trung"
"""Site path of the published emblem, without its suffix (``.svg`` or ``.png``)."""
FAVICON = IMAGES + "favicon-32.png"
FAVICON_SMALL = IMAGES + "favicon-16.png"
TOUCH_ICON = IMAGES + "apple-touch-icon.png"
ICON_SIZES = {FAVICON: 32, FAVICON_SMALL: 16, TOUCH_ICON: 180}
"""Each derived icon: site path → side in pixels."""
MIN_ICON = 180
"""Smallest side of an ``icon`` PNG (the touch icon's size): a smaller one would be enlarged."""

MAGENTA = (173, 20, 87)  # --md-primary-fg-color of theme/assets/stylesheets/bantin.css (#ad1457)
PETALS = 5


@dataclass(frozen=True)
class Identity:
    """The emblem and icon files of a build.

    Attributes:
        emblem: the emblem file (``.svg`` or ``.png``), absolute.
        icon: the PNG the icons are made from, or None for the default emblem's drawing.
    """

    emblem: Path = DEFAULT_EMBLEM
    icon: Path | None = None

    @property
    def emblem_path(self) -> str:
        """Site path of the published emblem (``assets/images/bieu-trung.svg``)."""
        return EMBLEM_PATH + self.emblem.suffix.lower()

    @property
    def svg(self) -> bool:
        """Whether the emblem is an SVG (also offered as the SVG favicon)."""
        return self.emblem.suffix.lower() == ".svg"


def petal(index: int, size: float) -> list[tuple[float, float]]:
    """The polygon of petal ``index`` of the default emblem in a ``size`` × ``size`` box: a
    pointed oval from the centre outwards, turned by 360°/5 per petal (the SVG's ``<path>``s)."""
    angle = math.radians(index * 360 / PETALS - 90)
    centre = size / 2
    points = []
    for step in range(25):  # the two sides of the petal, 12 segments each
        t = step / 24 * 2 * math.pi
        along = 0.36 * size * (1 - math.cos(t)) / 2  # from the centre (0) to the tip and back
        across = 0.09 * size * math.sin(t)
        x = along * math.cos(angle) - across * math.sin(angle)
        y = along * math.sin(angle) + across * math.cos(angle)
        points.append((centre + x, centre + y))
    return points


def draw_default(size: int) -> Image.Image:
    """The default emblem as an RGBA picture of ``size`` × ``size`` pixels (drawn 4× larger
    and reduced, for smooth edges)."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, big - 1, big - 1), fill=MAGENTA + (255,))
    margin = big * 0.06
    draw.ellipse(
        (margin, margin, big - margin, big - margin), outline=(255, 255, 255, 255), width=max(1, round(big * 0.025))
    )
    for index in range(PETALS):
        draw.polygon(petal(index, big), fill=(255, 255, 255, 255))
    radius = big * 0.07
    draw.ellipse((big / 2 - radius, big / 2 - radius, big / 2 + radius, big / 2 + radius), fill=MAGENTA + (255,))
    return image.resize((size, size), Image.LANCZOS)


def svg_text() -> str:
    """The default emblem as SVG text (what :data:`DEFAULT_EMBLEM` holds)."""
    petals = "\n".join(
        '  <path fill="#fff" d="M' + " L".join(f"{x:.1f},{y:.1f}" for x, y in petal(i, 100)) + 'Z"/>'
        for i in range(PETALS)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">\n'
        '  <circle cx="50" cy="50" r="50" fill="#ad1457"/>\n'
        '  <circle cx="50" cy="50" r="44" fill="none" stroke="#fff" stroke-width="2.5"/>\n'
        f"{petals}\n"
        '  <circle cx="50" cy="50" r="7" fill="#ad1457"/>\n'
        "</svg>\n"
    )


def icon_source(identity: Identity) -> Image.Image:
    """The square RGBA picture the icons are made from (see the module's docstring).

    Raises:
        OSError: the PNG cannot be read (the setting's check reads it first, so only a file
            changed during the build).
    """
    path = identity.icon or (identity.emblem if not identity.svg else None)
    if path is None:
        return draw_default(ICON_SIZES[TOUCH_ICON] * 2)
    with Image.open(path) as opened:
        image = opened.convert("RGBA")
    side = max(image.size)  # a non-square picture is centred on a transparent square
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
    return square


def write(identity: Identity, site_dir: Path) -> list[str]:
    """Write the emblem and the icons of ``identity`` into ``site_dir``.

    Returns:
        The site paths written.
    """
    written = []
    if identity.svg:
        write_atomic(site_dir / identity.emblem_path, identity.emblem.read_bytes())
    else:
        with Image.open(identity.emblem) as opened:
            write_atomic(site_dir / identity.emblem_path, _png(opened.convert("RGBA")))
    written.append(identity.emblem_path)
    source = icon_source(identity)
    for path, side in ICON_SIZES.items():
        icon = source.resize((side, side), Image.LANCZOS)
        if path == TOUCH_ICON:  # iOS draws a transparent touch icon on black: white behind it
            flat = Image.new("RGBA", icon.size, (255, 255, 255, 255))
            icon = Image.alpha_composite(flat, icon)
        # 256 colours (PNG with a palette): the 180 px icon is 22 KB in full colour, ~4 KB so.
        write_atomic(site_dir / path, _png(icon.quantize(colors=256, method=Image.Quantize.FASTOCTREE)))
        written.append(path)
    return written


def png_size(path: Path) -> tuple[int, int]:
    """``(width, height)`` of the PNG at ``path``, read whole.

    Raises:
        ValueError: the file is not a readable PNG (the message, in Vietnamese, says which
            kind of picture it is when it is another one).
    """
    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                raise ValueError(f"mang đuôi .png nhưng là ảnh {image.format}")
            image.load()
            return image.size
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValueError("hỏng hoặc không phải ảnh PNG") from None


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
