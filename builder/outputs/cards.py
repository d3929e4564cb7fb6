"""Social cards: the 1200×630 picture that Facebook, Zalo and others show for a shared link.

Pillow draws them (with :mod:`builder.outputs.images` and :mod:`builder.outputs.emblem`, the
only modules that import it: pyproject.toml's import contracts). Each card shows the
union's branding (the organisation's name and the pink of the site), the section or issue
label, the title (wrapped, at most three lines, shortened with "…" on a word boundary), the
date and the site's address. The text is drawn in Be Vietnam Pro from the PyPI package
``fontpkg-be-vietnam-pro`` (full Vietnamese coverage, OFL), never fetched: Material's social
plugin downloads its fonts from Google and fails offline (docs/pitfalls.md §1.5).

A page's picture (front matter ``image``) is either the card's background, darkened under
the text, or the whole card (``layout="photo"``), as the site's configuration chooses.

A card without a photo is a PNG (flat colours, sharp text); a card on a photo is a JPEG
(:data:`JPEG`): as PNG, a photo card took ten times the bytes (~700 KB) and seven times the
time to encode. :attr:`Card.format` says which, from the card alone, so that a page's
``og:image`` (its URL's suffix and ``og:image:type``) is known before the card is drawn.

Cards are cached in ``<cache>/cards/`` under a SHA-256 of everything that changes their
bytes (see :func:`cache_key`): a rebuild draws only cards whose inputs changed, and the same
inputs always give the same bytes (no time stamps, fixed compression settings).

Speed (issue 8; ``python bench/cards.py``): a card without a photo is flat colour, drawn as
a palette PNG (:data:`PALETTE`) compressed with ISA-L (:func:`_palette_png`); text is pasted
from cached masks of strings and title words, rasterised from unhinted copies of the fonts; a
photo is read from the site's resized copy (builder/outputs/images.py) when the caller gives
it; many cards are drawn in worker processes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial
from pathlib import Path

from isal import isal_zlib
from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError, features

from builder import concurrency
from builder.build_cache import library_versions
from builder.atomic import link_or_copy, write_atomic
from builder.outputs.fonts import read_source, unhinted_source
from builder.errors import os_reason

WIDTH, HEIGHT = 1200, 630
"""Card size in pixels: the 1.91:1 image Facebook and Twitter show full width."""
LOGO_SIZE = 512
"""Side of the square publisher logo (JSON-LD ``publisher.logo``) drawn when none is given."""
LAYOUT_VERSION = 4
"""Bump when the drawing or encoding below changes, so that cached cards are drawn again."""
ELLIPSIS = "…"

PINK, DARK_PINK, WHITE, TINT = (173, 20, 87), (136, 14, 79), (255, 255, 255), (252, 228, 236)
"""The site's colours (theme/assets/stylesheets/bantin.css): white on #ad1457 is 6.97:1."""
_MARGIN = 72
TITLE_WIDTH = WIDTH - 2 * _MARGIN
"""Width in pixels of a title line."""
_BAND = 96  # the band at the bottom with the date and the address
_TITLE_SIZES = (72, 64, 56)  # tried in turn until the title fits in three lines
_MAX_LINES = 3
_SHADE = 150  # alpha of the black laid over a photo: white text stays ≥ 4.5:1 on a white photo
_PRUNE_AFTER = 90 * 24 * 3600  # seconds a cached card may stay unused before it is removed
_FONTS = {
    "bold": "BeVietnamPro-Bold.ttf",
    "semibold": "BeVietnamPro-SemiBold.ttf",
    "regular": "BeVietnamPro-Regular.ttf",
}


@dataclass(frozen=True)
class Format:
    """A card's file format: Pillow's ``name``, the file ``suffix``, the ``media_type``
    (``og:image:type``) and the encoder ``settings`` (part of the cache key)."""

    name: str
    suffix: str
    media_type: str
    settings: tuple = ()


PNG = Format("PNG", ".png", "image/png", ("filter none", "isal level 1"))
"""Cards without a photo (text, site card, logo): palette PNG, exact colours."""
JPEG = Format("JPEG", ".jpg", "image/jpeg", (("quality", 85), ("optimize", False), ("progressive", False)))
"""Cards on a photo. Quality 85 (4:2:0): 40–90 KB, 3 ms to encode; ``optimize`` would save 9 %
of the bytes for 2.6 ms more a card, progressive only matters for pictures shown while they
load, which Facebook and Zalo do not do."""


class CardError(Exception):
    """A card could not be drawn: ``card`` is the card, the message says why (Vietnamese)."""

    def __init__(self, card: Card, message: str):
        super().__init__(message)
        self.card = card


@dataclass(frozen=True)
class Card:
    """One card to draw.

    Attributes:
        path: where it goes, relative to the site root ("assets/cards/tin-tuc/a.png"); its
            suffix should be that of :attr:`format` (``card.format.suffix``).
        title: the big text; label: the line above it ("Tin tức"); date: shown bottom left
            ("Thứ Hai, 12/4/2021"); brand: the organisation, top; footer: the site's address,
            bottom right. Every text is NFC-normalised before drawing.
        photo: the file of a JPEG/PNG/WebP picture, or "" (read only when the card is drawn;
            its bytes, not its name, are part of the cache key). Best the site's resized copy
            (at most 1440 px wide, builder/outputs/images.py): decoding a 12-megapixel
            original costs ~50 ms even at 1/8 scale, the copy ~10 ms.
        layout: "text" (branding and text, on the photo when there is one), "photo" (the
            photo alone, cropped to 1200×630) or "logo" (a 512×512 square with ``title``).
        source: the content file the card belongs to, for error messages.
    """

    path: str
    title: str
    label: str = ""
    date: str = ""
    brand: str = ""
    footer: str = ""
    photo: str = ""
    layout: str = "text"
    source: str = ""

    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` in pixels."""
        return (LOGO_SIZE, LOGO_SIZE) if self.layout == "logo" else (WIDTH, HEIGHT)

    @property
    def format(self) -> Format:
        """:data:`JPEG` for a card with a photo, else :data:`PNG` (see :func:`format_of`)."""
        return format_of(self.photo)


def format_of(photo: str) -> Format:
    """The format of a card whose photo is ``photo`` ("" for none): :data:`JPEG` or :data:`PNG`.
    A card whose photo turns out unreadable keeps that format (drawn without the photo), so the
    format depends only on whether the page names a picture."""
    return JPEG if photo else PNG


@dataclass
class Report:
    """What :func:`write_cards` did: ``drawn`` new cards, ``reused`` cached ones, in
    ``seconds``; ``problems``: ``(card, reason)`` of each card whose photo was unusable."""

    drawn: int = 0
    reused: int = 0
    seconds: float = 0.0
    problems: list[tuple[Card, str]] = field(default_factory=list)


def cache_key(card: Card) -> str:
    """Hex SHA-256 of everything that decides the card's bytes.

    The texts, the layout, the format and its encoder settings (:attr:`Card.format`), the
    photo's bytes, the font files' bytes, :data:`LAYOUT_VERSION` and the versions of Pillow, of
    the libraries it draws, decodes and compresses with (FreeType, raqm, HarfBuzz,
    libjpeg-turbo, its own zlib or zlib-ng: :data:`builder.build_cache.NATIVE_LIBRARIES`,
    through :func:`~builder.build_cache.library_versions`) and of ISA-L (``isal``, which compresses the PNGs).
    The output path and source file are not part of it: two pages with the same card share it.

    Raises:
        CardError: the photo file cannot be read.
    """
    texts = {k: v for k, v in vars(card).items() if k not in ("path", "photo", "source")}  # not asdict: it deep-copies
    recipe = json.dumps(
        [texts, card.format.name, card.format.settings, LAYOUT_VERSION, _engine_versions()],
        ensure_ascii=False,
        sort_keys=True,
    )
    digest = hashlib.sha256(recipe.encode())
    if card.photo:
        try:
            with open(card.photo, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
        except OSError as error:
            raise CardError(card, f"không đọc được tệp ảnh ({os_reason(error)})") from None
    digest.update(_fonts_digest())
    return digest.hexdigest()


def render(card: Card) -> bytes:
    """Draw ``card`` and return its bytes: :attr:`Card.size`, in :attr:`Card.format`.

    Cards without a photo (and the logo) are flat colours: they are drawn as palette PNGs
    (mode "P", see :data:`PALETTE`): with the cached masks, about a tenth of the time and
    three fifths of the bytes of the RGB cards drawn before (LAYOUT_VERSION 1).
    Cards on a photo are RGB JPEGs.

    Raises:
        CardError: the photo cannot be read as an image.
    """
    if card.layout == "logo":
        return _palette_png(_logo(card))
    if not card.photo:
        return _palette_png(_text_card(card))
    if card.layout == "photo":
        return _jpeg(_background(card))
    image = _background(card).copy()
    _text(_Canvas(image), card)
    return _jpeg(image)


def render_without_photo(card: Card) -> bytes:
    """The card drawn as if it had no photo (its photo is unusable), in the card's own
    :attr:`Card.format`, which the page's metadata already announced: a JPEG of the plain
    card when ``card`` names a photo."""
    plain = replace(card, photo="", layout="text")
    if card.format is PNG:
        return render(plain)
    return _jpeg(_as_palette(_text_card(plain)).convert("RGB"))


def write_cards(
    cards: Iterable[Card],
    site_dir: Path,
    cache_dir: Path,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    prune: bool = True,
    busy: Callable[[], bool] | None = None,
) -> Report:
    """Write every card into ``site_dir``, drawing only those not in ``cache_dir``; a card
    in ``site_dir`` is a hard link to the cached one where the file system allows.

    Args:
        cards: the cards; two with the same ``path`` must be the same card.
        site_dir: the site being built; cache_dir: e.g. ``.cache/cards`` (created if missing).
        progress: called as ``progress(done, to_draw)`` after each card drawn.
        workers: at most this many processes drawing at once (default: as the build's
            policy says, :mod:`builder.concurrency`; 1: this process alone). From
            :data:`POOL_FROM` cards to draw, they are drawn in worker processes
            (the threads used before overlapped little: 106 % CPU on two cores); a card's
            bytes are the same whichever process draws it.
        prune: remove cached cards unused for 90 days (a preview's edit leaves that to builds).
        busy: while it returns True, cards are drawn in this process alone, then the rest as
            ``workers`` says: the build draws cards while Pagefind (~0.6 GB) indexes, and
            card workers beside it took a 10,000-article build over 1.5 GB.

    Returns:
        The counts of cards drawn and reused, and the cards whose photo could not be read
        (each drawn without it, as a text card, and never cached, so that the problem is
        reported again until it is fixed). Cached cards unused for 90 days are removed.
    """
    started = time.monotonic()
    cache_dir.mkdir(parents=True, exist_ok=True)
    jobs = {card.path: (card, cache_dir / f"{cache_key(card)[:40]}{card.format.suffix}") for card in cards}
    missing = {cached: card for card, cached in jobs.values() if not cached.is_file()}
    report = Report(drawn=len(missing), reused=len({c for _, c in jobs.values()} - set(missing)))
    plain = _draw_missing(missing, cache_dir, workers, report, progress, busy)
    now = time.time()
    for folder in {(site_dir / path).parent for path in jobs}:
        folder.mkdir(parents=True, exist_ok=True)
    for path, (_card, cached) in jobs.items():
        target = site_dir / path
        if cached in plain:
            write_atomic(target, plain[cached])  # a new file: never write through a link into the cache
            continue
        os.utime(cached, (now, now))  # marks it used, for pruning
        link_or_copy(cached, target)  # a cached card is never changed in place
    if prune:
        _prune(cache_dir, now)
    report.seconds = time.monotonic() - started
    return report


def _draw_missing(
    missing: dict[Path, Card],
    cache_dir: Path,
    workers: int | None,
    report: Report,
    progress: Callable[[int, int], None] | None,
    busy: Callable[[], bool] | None,
) -> dict[Path, bytes]:
    """Draw the ``missing`` cards into the cache; return the cards drawn without their
    unusable photo (never cached: the problem is reported on every build until fixed)."""
    todo = sorted(missing.items(), key=lambda job: job[1].photo)  # a photo's cards together (see _prepared)
    if todo:
        _load_fonts(cache_dir / "fonts")
    plain: dict[Path, bytes] = {}
    drawn = _draw(todo, workers, cache_dir / "fonts", busy)  # first in zip(): run to its end, which ends the workers
    for done, (problem, (cached, card)) in enumerate(zip(drawn, todo), start=1):
        if problem:
            report.problems.append((card, problem))
            plain[cached] = render_without_photo(card)
        if progress:
            progress(done, len(todo))
    return plain


POOL_FROM = 16
"""Cards to draw from which :func:`write_cards` starts worker processes: for fewer, starting
them (tens of milliseconds) costs more than the second core saves."""
_CHUNK = 16  # cards sent to a worker at once: fewer messages, and each worker's caches stay warm


def _draw(
    todo: list[tuple[Path, Card]], workers: int | None, fonts: Path, busy: Callable[[], bool] | None = None
) -> Iterator[str]:
    """Draw each ``(cached, card)`` of ``todo`` into its file ``cached``, in the process that
    drew it (sending ~50 KB a card back to this one to write cost it more than the writing);
    yield "" for each card in order, or the reason its photo is unusable (nothing written
    then). ``fonts``: the folder of the unhinted fonts, for workers that do not inherit them;
    ``busy``: see :func:`write_cards`."""
    if busy is not None:
        alone = 0
        while alone < len(todo) and busy():
            yield _draw_one(todo[alone])
            alone += 1
        todo = todo[alone:]
    # Fork or fork server, and how many workers, as the build's one policy says
    # (builder/concurrency.py); forked workers inherit the loaded fonts and masks, a fork
    # server's import this module once and load the fonts from ``fonts``.
    for result in concurrency.map(
        partial(_draw_one, fonts=fonts),
        todo,
        min_items=POOL_FROM,
        workers=workers,
        preload=[__name__],
        chunksize=max(1, min(_CHUNK, len(todo) // 4)),
    ):
        if isinstance(result, concurrency.Failed):
            result.raise_again()
        yield result


def _draw_one(job: tuple[Path, Card], fonts: Path | None = None) -> str:
    # The reason travels as text: CardError does not survive pickling back from a worker.
    # Pillow's pool of freed image blocks (Image.core.set_blocks_max) stays off: it saved no
    # time here, and glibc could not hand back the heap it pinned (0.6 MB a card drawn).
    cached, card = job
    _load_fonts(fonts)
    try:
        data = render(card)
    except CardError as error:
        return str(error)
    write_atomic(cached, data)  # a temporary file renamed: a killed build leaves no half card
    return ""


def image_size(path: str | Path) -> tuple[int, int]:
    """``(width, height)`` in pixels of an image file, as a browser shows it (EXIF rotation
    applied); only the file's header is read.

    Raises:
        UnidentifiedImageError, OSError: the file is missing or not an image Pillow reads.
    """
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


# --- drawing ---------------------------------------------------------------------------


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _palette_png(indices: Image.Image) -> bytes:
    """A PNG of ``indices`` (an "L" image of indices into :data:`PALETTE`), the same pixels as
    Pillow's PNG writer gives, in a quarter of the time.

    Three quarters of a text card's time went into Pillow's PNG encoder (zlib-ng, ~3 ms for
    the 756,000 bytes of a card); ISA-L's deflate (``isal``) at level 1 compresses the same
    rows in ~0.4 ms to the same size (~32 KB). Scanlines are unfiltered (filter type 0, PNG
    specification, W3C 3rd edition, §7.3 and §9): on flat colours filtering gains nothing.
    The chunks are IHDR (8-bit indexed colour), PLTE, one IDAT and IEND (§11.2); no time
    stamp or text, so equal pixels give equal bytes.
    """
    width, height = indices.size
    rows = Image.new("L", (width + 1, height), 0)  # column 0 is each row's filter-type byte: 0, None
    rows.paste(indices, (1, 0))
    header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)  # 8 bits, indexed colour, no interlace
    return b"".join(
        [
            _PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"PLTE", bytes(PALETTE)),
            _chunk(b"IDAT", isal_zlib.compress(rows.tobytes(), 1)),
            _chunk(b"IEND", b""),
        ]
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _as_palette(indices: Image.Image) -> Image.Image:
    """The "P" image of :data:`PALETTE` whose pixels are ``indices`` (nothing quantised)."""
    image = indices.copy()
    image.putpalette(PALETTE)
    return image


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # No exif, icc_profile or comment: the bytes depend on the pixels and the settings alone.
    image.save(out, format="JPEG", **dict(JPEG.settings))
    return out.getvalue()


def _background(card: Card) -> Image.Image:
    """The photo of ``card`` as its background (fitted, and darkened unless the layout is
    "photo"); never to be drawn on: the same image serves the next cards on that photo."""
    try:
        stat = os.stat(card.photo)
        return _prepared(card.photo, card.layout == "photo", (stat.st_mtime_ns, stat.st_size))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise CardError(card, f"không đọc được ảnh ({type(error).__name__})") from None


@lru_cache(maxsize=4)
def _prepared(photo: str, alone: bool, stamp: tuple[int, int]) -> Image.Image:
    """Decoding, fitting and darkening a photo is most of a photo card's time; cards on the
    same photo (drawn one after the other: write_cards sorts them by photo) get it once. The
    file's ``stamp`` (modification time, size) keeps an edited file from being taken for the
    one read before."""
    with Image.open(photo) as opened:
        opened.draft("RGB", (WIDTH, HEIGHT))  # JPEG: decode at a reduced scale, much faster
        ImageOps.exif_transpose(opened, in_place=True)  # no copy of an upright photo
        image = opened if opened.mode == "RGB" else opened.convert("RGB")
        image.load()
    image = _fit(image)
    return image if alone else Image.blend(image, _black(), _SHADE / 255)


@cache
def _black() -> Image.Image:
    return Image.new("RGB", (WIDTH, HEIGHT), (0, 0, 0))


def _fit(photo: Image.Image) -> Image.Image:
    """The 1200×630 middle of ``photo`` (a little above the centre, where faces are), scaled
    as one step: cropped where the photo already has the card's width or height, else resized
    with Pillow's bilinear filter, which scales its support with the reduction (no aliasing);
    from the site's 1440 px copy (×0.83) it differs from Lanczos by less than one level in 255
    on average, in half the time (10 ms). A photo more than twice the card's size (an original
    nobody resized) is first reduced by a whole factor (``reducing_gap``)."""
    width, height = photo.size
    scale = max(WIDTH / width, HEIGHT / height)
    crop_w, crop_h = min(width, round(WIDTH / scale)), min(height, round(HEIGHT / scale))
    left, top = (width - crop_w) // 2, int((height - crop_h) * 0.4)
    box = (left, top, left + crop_w, top + crop_h)
    if (crop_w, crop_h) == (WIDTH, HEIGHT):
        return photo.crop(box)
    return photo.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR, box=box, reducing_gap=2.0)


def _text_card(card: Card) -> Image.Image:
    """The "L" image of :data:`PALETTE` indices of a card without a photo."""
    image = Image.new("L", (WIDTH, HEIGHT), _BASE[PINK])
    _text(_PaletteCanvas(image), card)
    return image


def _logo(card: Card) -> Image.Image:
    image = Image.new("L", (LOGO_SIZE, LOGO_SIZE), _BASE[PINK])
    canvas = _PaletteCanvas(image)
    lines = _wrap(_nfc(card.title).upper(), ("bold", 64), LOGO_SIZE - 96)[:4]
    y = (LOGO_SIZE - 80 * len(lines)) // 2
    for line in lines:
        canvas.text((LOGO_SIZE // 2, y + 64), line, "bold", 64, WHITE, anchor="ms")
        y += 80
    return image


def _text(canvas: _Canvas, card: Card) -> None:
    """Draw the branding and texts of ``card``: the one layout of every card, on a photo
    (RGB) or on the site's pink (palette)."""
    width = WIDTH - 2 * _MARGIN
    y = 64
    if card.brand:
        canvas.text((_MARGIN, y), _nfc(card.brand).upper(), "semibold", 26, TINT)
        y += 22
        canvas.box((_MARGIN, y, _MARGIN + 96, y + 5), WHITE)
    y += 70
    if card.label:
        canvas.text((_MARGIN, y), _fit_line(_nfc(card.label), ("semibold", 32), width), "semibold", 32, TINT)
    size, lines = title_lines(card.title)
    line_height = round(size * 1.28)
    top, bottom = y + 24, HEIGHT - _BAND - 24
    y = top + max(0, (bottom - top - line_height * len(lines)) // 2)  # centred in the space left
    for line in lines:
        canvas.words((_MARGIN, y + size), line, "bold", size, WHITE)
        y += line_height
    canvas.box((0, HEIGHT - _BAND, WIDTH, HEIGHT), DARK_PINK)
    baseline = HEIGHT - _BAND // 2 + 10
    if card.date:
        canvas.text((_MARGIN, baseline), _nfc(card.date), "regular", 28, WHITE, on=DARK_PINK)
    if card.footer:
        footer = _fit_line(_nfc(card.footer), ("semibold", 28), width // 2)
        canvas.text((WIDTH - _MARGIN, baseline), footer, "semibold", 28, WHITE, on=DARK_PINK, anchor="rs")


class _Canvas:
    """Where :func:`_text` draws: an RGB image (a photo), colours drawn as they are.

    Text is pasted from masks cached by :func:`_mask` (FreeType rasterising glyphs is most of
    the cost of drawing a card); titles word by word, since their words recur.
    """

    def __init__(self, image: Image.Image):
        self.image, self.draw = image, ImageDraw.Draw(image)

    def ink(self, colour: tuple[int, int, int], on: tuple[int, int, int]) -> tuple[int, int, int] | int:
        return colour

    def box(self, xy: tuple[int, int, int, int], colour: tuple[int, int, int], on: tuple[int, int, int] = PINK) -> None:
        """Fill the rectangle ``xy`` (corners included) with ``colour``, over ``on``."""
        self.draw.rectangle(xy, fill=self.ink(colour, on))

    def text(
        self,
        xy: tuple[int, int],
        text: str,
        weight: str,
        size: int,
        colour: tuple[int, int, int],
        on: tuple[int, int, int] = PINK,
        anchor: str = "ls",
    ) -> None:
        """Draw ``text`` with its ``anchor`` (Pillow's text anchors) at ``xy``, over ``on``."""
        mask, (left, top) = _mask(weight, size, text, anchor)
        self.image.paste(self.ink(colour, on), (xy[0] + left, xy[1] + top), mask)

    def words(self, xy: tuple[int, int], line: str, weight: str, size: int, colour: tuple[int, int, int]) -> None:
        """Draw ``line`` (words between single spaces) from its left end on the baseline at
        ``xy``, one word at a time, each where the whole line's layout puts it."""
        x = 0.0
        for number, word in enumerate(line.split(" ")):
            if number:
                x += _advance((weight, size), " ")
            self.text((xy[0] + round(x), xy[1]), word, weight, size, colour)
            x += _advance((weight, size), word)


class _PaletteCanvas(_Canvas):
    """Draws on an "L" image whose values are indices into :data:`PALETTE`: a background
    colour is its index in :data:`_BASE`, and text adds its coverage (anti-aliasing) times
    :data:`_COVER` of its colour, the way Pillow blends a text's colour into RGB."""

    def ink(self, colour: tuple[int, int, int], on: tuple[int, int, int]) -> int:
        return _BASE[colour] if colour in _BASE else _BASE[on] + _COVER[colour]


def _palette() -> list[int]:
    flat: list[int] = []
    for background in _BASE:  # in index order: PINK from 0, DARK_PINK from 128
        for step in range(128):
            flat += [round(b + (w - b) * step / 127) for b, w in zip(background, WHITE)]
    return flat


_BASE = {PINK: 0, DARK_PINK: 128}
_COVER = {WHITE: 127, TINT: 113}
PALETTE = _palette()
"""The 256 colours of a card without a photo (flat RGB triples): index ``i`` < 128 is white
laid at ``i``/127 over the pink, ``128 + i`` is white at ``i``/127 over the dark pink band.
Anti-aliased white text on either is then exact to within one level in 255; the tint (pink 50,
#fce4ec) is drawn as white at 113/127 over the pink, (246, 229, 236)."""


@lru_cache(maxsize=4096)
def _mask(weight: str, size: int, text: str, anchor: str) -> tuple[Image.Image, tuple[int, int]]:
    """``(coverage mask "L", (left, top))`` of ``text``: paste the mask with its top left corner
    at the anchor point plus ``(left, top)``. At most 4096 (about 40 MB) are kept."""
    font = _font(weight, size)
    left, top, right, bottom = font.getbbox(text, anchor=anchor)
    mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=font, fill=255, anchor=anchor)
    return mask, (left, top)


def title_lines(title: str) -> tuple[int, list[str]]:
    """How a title is laid out on a card: ``(font size in px, lines)``.

    The largest of 72, 64 and 56 px at which the title, wrapped at spaces, takes at most
    three lines of :data:`TITLE_WIDTH` px; otherwise 56 px and three lines, the last ending in
    "…" after the last whole word that fits.
    """
    title, width = _nfc(title), TITLE_WIDTH
    for size in _TITLE_SIZES:
        lines = _wrap(title, ("bold", size), width)
        if len(lines) <= _MAX_LINES:
            return size, lines
    lines = _wrap(title, ("bold", size), width)
    kept, rest = lines[: _MAX_LINES - 1], " ".join(lines[_MAX_LINES - 1 :])
    return size, kept + [_ellipsize(rest, ("bold", size), width)]


def _wrap(text: str, face: tuple[str, int], width: int) -> list[str]:
    """Greedy line breaking at spaces; a word wider than ``width`` is broken where it must."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if _length(face, candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while _length(face, word) > width:
            cut = max(1, _fitting_prefix(word, face, width))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines


def _ellipsize(text: str, face: tuple[str, int], width: int) -> str:
    """The longest run of whole words of ``text`` that fits in ``width`` with "…" after it."""
    words = text.split()
    while words:
        candidate = " ".join(words).rstrip(" ,;:–-—.") + ELLIPSIS
        if _length(face, candidate) <= width:
            return candidate
        words.pop()
    keep = len(text)  # no word fits: cut inside the first one
    while keep > 0 and _length(face, text[:keep] + ELLIPSIS) > width:
        keep -= 1
    return text[:keep] + ELLIPSIS


def text_width(text: str, size: int) -> float:
    """Width in pixels of ``text`` in the title font (Be Vietnam Pro Bold) at ``size`` px, as a
    card draws it (see :func:`_length`)."""
    return _length(("bold", size), _nfc(text))


def _fit_line(text: str, face: tuple[str, int], width: int) -> str:
    return text if _length(face, text) <= width else _ellipsize(text, face, width)


def _fitting_prefix(text: str, face: tuple[str, int], width: int) -> int:
    """How many leading characters of ``text`` fit in ``width``."""
    count = 0
    while count < len(text) and _length(face, text[: count + 1]) <= width:
        count += 1
    return count


def _length(face: tuple[str, int], text: str) -> float:
    """Advance width in pixels of ``text`` (words between single spaces) in ``face``
    (``(weight, size)``): the sum of the advances of its words and spaces, which is where
    :meth:`_Canvas.words` puts each word. Be Vietnam Pro kerns no pair with the space, so it
    is also the width of the text shaped as one run; and the words' widths are cached, where
    shaping every candidate line would cost a third of a card."""
    words = text.split(" ")
    total = _advance(face, words[0])
    for word in words[1:]:
        total += _advance(face, " ") + _advance(face, word)
    return total


@lru_cache(maxsize=8192)
def _advance(face: tuple[str, int], word: str) -> float:
    return _font(*face).getlength(word)


def _nfc(text: str) -> str:
    # Pillow's basic layout misplaces marks of decomposed (NFD) text (docs/pitfalls.md §5.1).
    return unicodedata.normalize("NFC", " ".join(text.split()))


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(io.BytesIO(_font_bytes(weight)), size, layout_engine=layout)


def _font_bytes(weight: str) -> bytes:
    if weight not in _FONT_BYTES:
        _load_fonts(None)
    return _FONT_BYTES[weight]


def _load_fonts(cache_dir: Path | None) -> None:
    """Load the fonts, unhinted (:func:`builder.outputs.fonts.unhinted_source`: FreeType then
    draws text in about half the time), from ``cache_dir`` if given; before workers fork."""
    for weight, name in _FONTS.items():
        if weight not in _FONT_BYTES:
            _FONT_BYTES[weight] = unhinted_source(name, cache_dir)


_FONT_BYTES: dict[str, bytes] = {}


@cache
def _fonts_digest() -> bytes:
    # The package's files: the unhinted fonts are made from them alone (same outlines and
    # metrics, whatever fontTools writes), so the key never needs to make them.
    digest = hashlib.sha256()
    for weight in sorted(_FONTS):
        digest.update(hashlib.sha256(read_source(_FONTS[weight])).digest())
    return digest.digest()


@cache
def _engine_versions() -> list:
    # Pillow's FreeType, raqm, HarfBuzz, libjpeg and zlib and isal's ISA-L come with
    # library_versions (build_cache.NATIVE_LIBRARIES: the one registry).
    return [library_versions("pillow", "isal", "fonttools", "fontpkg-be-vietnam-pro")]


# --- files -----------------------------------------------------------------------------


def _prune(cache_dir: Path, now: float) -> None:
    # (.tmp: what a worker killed while writing left, see builder/atomic.py)
    for path in [p for p in cache_dir.iterdir() if p.suffix in (PNG.suffix, JPEG.suffix, ".tmp")]:
        try:
            if now - path.stat().st_mtime > _PRUNE_AFTER:
                path.unlink()
        except FileNotFoundError:  # another build pruned it first
            pass
