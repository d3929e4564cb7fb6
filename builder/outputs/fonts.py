"""Web fonts: Be Vietnam Pro subset to Latin + Vietnamese, written as woff2 at build time.

The TTFs come from the PyPI package ``fontpkg-be-vietnam-pro`` (OFL 1.1, no Reserved Font
Name), never from git and never from the network. Each style is subset to the code points a
Vietnamese page needs and compressed to woff2 (brotli), one file per style: WeasyPrint and
some browsers mis-draw a family split over several files (docs/pitfalls.md §4.1), and one file per style
is what ``theme/assets/stylesheets/bantin.css`` declares with ``@font-face``.

This is the only module of the project that imports fontTools (:mod:`builder.outputs.cards`
draws with the unhinted fonts it makes).
"""

from __future__ import annotations

import hashlib
import importlib.resources
import io
from pathlib import Path
from builder.atomic import write_atomic
from builder.build_cache import library_versions

_PACKAGE = "fontpkg_be_vietnam_pro"
_MISSING_PACKAGE = "Thiếu gói phông chữ fontpkg-be-vietnam-pro: chạy `make site` để cài đặt."

#: Source TTF (in the package's ``files/``) → output file name, in ``@font-face`` order:
#: Regular 400, Italic 400, SemiBold 600, Bold 700.
_STYLES: tuple[tuple[str, str], ...] = (
    ("BeVietnamPro-Regular.ttf", "BeVietnamPro-Regular.woff2"),
    ("BeVietnamPro-Italic.ttf", "BeVietnamPro-Italic.woff2"),
    ("BeVietnamPro-SemiBold.ttf", "BeVietnamPro-SemiBold.woff2"),
    ("BeVietnamPro-Bold.ttf", "BeVietnamPro-Bold.woff2"),
)

#: The file names :func:`write_web_fonts` writes, in order.
FONT_FILES: tuple[str, ...] = tuple(out for _, out in _STYLES)

#: Code points kept in every subset (sorted, unique).
UNICODES: tuple[int, ...] = tuple(
    sorted(
        {
            *range(0x0020, 0x007F),  # Basic Latin (printable)
            *range(0x00A0, 0x0100),  # Latin-1 Supplement: NBSP, « », é, ©, °, ×…
            *range(0x0100, 0x0180),  # Latin Extended-A: Ă ă Đ đ Ĩ ĩ Ũ ũ
            *range(0x01A0, 0x01B1),  # Latin Extended-B: Ơ ơ Ư ư
            *range(0x1EA0, 0x1EFA),  # Latin Extended Additional: Ạ…ỹ (toned Vietnamese letters)
            0x0300,
            0x0301,
            0x0302,
            0x0303,
            0x0309,
            0x0323,  # combining marks (NFD text)
            0x2013,
            0x2014,
            0x2018,
            0x2019,
            0x201C,
            0x201D,
            0x2022,
            0x2026,  # – — ‘ ’ “ ” • …
            0x20AB,
            0x20AC,  # ₫ €
        }
    )
)

#: OpenType features kept: mark placement and composition are what make stacked Vietnamese
#: diacritics (ặ, ỗ, ữ) render correctly; the rest are kerning and standard ligatures.
_FEATURES: tuple[str, ...] = ("ccmp", "mark", "mkmk", "kern", "liga", "locl")

#: name table records kept: family/style names (1–6) plus copyright (0) and the licence
#: (13, 14), so each woff2 carries the notice OFL §2 requires.
_NAME_IDS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6, 13, 14)


def write_web_fonts(dest_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """Write the four subset woff2 files of Be Vietnam Pro into ``dest_dir``.

    Args:
        dest_dir: output directory (e.g. ``site/assets/fonts``); created if missing.
            Existing files with the names in :data:`FONT_FILES` are replaced atomically.
        cache_dir: optional directory of earlier subsets (e.g. ``.cache/fonts``). A subset
            is stored there under a SHA-256 key of the source TTF bytes, :data:`UNICODES`,
            the kept features and name records and the versions of fontTools and brotli
            (:func:`builder.build_cache.library_versions`), and copied from
            there on the next build instead of being subset again. Stale entries of the
            same style are removed.

    Returns:
        The written paths, one per entry of :data:`FONT_FILES`, in that order. Each file is
        a woff2 (brotli) font of about 16–18 KB (16,132–17,304 bytes with fontTools 4.68),
        readable by all (mode 0644); the output bytes depend only on the
        inputs of the key above (no timestamps), so two builds give identical files.

    Raises:
        RuntimeError: with a Vietnamese message when ``fontpkg-be-vietnam-pro`` is not
            installed or lacks one of the four TTFs.
        OSError: when ``dest_dir`` or ``cache_dir`` cannot be written.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source_name, out_name in _STYLES:
        source = read_source(source_name)
        target = dest_dir / out_name
        if cache_dir is None:
            data = _subset_woff2(source)
        else:
            data = _cached_subset(source, out_name, cache_dir).read_bytes()
        write_atomic(target, data)
        written.append(target)
    return written


def read_source(name: str) -> bytes:
    """Return the bytes of one TTF of the font package ("BeVietnamPro-Bold.ttf"); the social
    cards (builder/outputs/cards.py) draw with the same files, without their hinting
    (:func:`unhinted_source`).

    Raises:
        RuntimeError: in Vietnamese, when the package or the file is missing.
    """
    try:
        files = importlib.resources.files(_PACKAGE) / "files"
    except ModuleNotFoundError as error:
        raise RuntimeError(_MISSING_PACKAGE) from error
    try:
        return (files / name).read_bytes()
    except FileNotFoundError as error:
        raise RuntimeError(f"Gói fontpkg-be-vietnam-pro thiếu tệp {name}: cài lại gói bằng `make site`.") from error


def unhinted_source(name: str, cache_dir: Path | None = None) -> bytes:
    """Return one TTF of the font package ("BeVietnamPro-Bold.ttf") without TrueType hinting,
    for the social cards (builder/outputs/cards.py).

    FreeType runs a glyph's hinting program each time it draws the glyph, which is about
    half the cost of drawing text at card sizes (26–72 px), where hinting changes nothing
    one can see (the web fonts drop it too, :func:`_subset_woff2`). Outlines, advances and
    the layout tables (kerning, mark placement) are unchanged.

    Args:
        name: the file in the package; cache_dir: e.g. ``.cache/cards/fonts``, where the
            result is kept between builds under a key of the source's bytes and the
            versions of fontTools and what it requires (stale ones of the same style are removed); None to make it
            (about 0.1 s) every time.

    Raises:
        RuntimeError: in Vietnamese, when the package or the file is missing.
        OSError: ``cache_dir`` cannot be written.
    """
    source = read_source(name)
    if cache_dir is None:
        return _unhinted(source)
    stem = f"{Path(name).stem}-unhinted"
    cached = cache_dir / f"{stem}-{_unhinted_key(source)[:20]}.ttf"
    try:
        return cached.read_bytes()
    except FileNotFoundError:
        pass
    data = _unhinted(source)
    for stale in cache_dir.glob(f"{stem}-*.ttf"):
        stale.unlink(missing_ok=True)
    write_atomic(cached, data)
    return data


def _unhinted(source: bytes) -> bytes:
    from fontTools.ttLib import TTFont

    # recalcBBoxes=False also keeps maxp.maxSizeOfInstructions: were it 0, FreeType would
    # run its auto-hinter on the font instead (its rule for TrueType fonts without hinting).
    font = TTFont(io.BytesIO(source), recalcBBoxes=False, recalcTimestamp=False)
    for tag in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):  # the programs, hinted widths
        if tag in font:
            del font[tag]
    glyphs = font["glyf"]
    for glyph in font.getGlyphOrder():
        glyphs[glyph].removeHinting()
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _unhinted_key(source: bytes) -> str:
    # fontTools and what it writes with (builder.build_cache: the one registry of library versions).
    versions = library_versions("fonttools")
    return hashlib.sha256(hashlib.sha256(source).digest() + f"unhinted {versions}".encode()).hexdigest()


def _cached_subset(source: bytes, out_name: str, cache_dir: Path) -> Path:
    """Return the cached subset of ``source``, making it (and dropping stale ones) on a miss."""
    stem = out_name.removesuffix(".woff2")
    cached = cache_dir / f"{stem}-{_cache_key(source)[:20]}.woff2"
    if not cached.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in cache_dir.glob(f"{stem}-*.woff2"):
            stale.unlink()
        write_atomic(cached, _subset_woff2(source))
    return cached


def _cache_key(source: bytes) -> str:
    """Return the hex SHA-256 of everything that determines a subset's bytes: the font, the
    recipe, and the versions of fontTools and of the brotli it compresses woff2 with
    (:func:`builder.build_cache.library_versions`)."""
    recipe = repr((UNICODES, _FEATURES, _NAME_IDS, library_versions("fonttools"))).encode()
    return hashlib.sha256(hashlib.sha256(source).digest() + recipe).hexdigest()


def _subset_woff2(source: bytes) -> bytes:
    """Subset one TTF (bytes) to :data:`UNICODES` and return it as woff2 bytes."""
    # Imported here so that importing this module (e.g. from the MkDocs plugin) stays cheap.
    from fontTools import subset

    options = subset.Options()
    options.layout_features = list(_FEATURES)
    options.name_IDs = list(_NAME_IDS)
    options.flavor = "woff2"
    options.recalc_timestamp = False  # keep head.modified from the source: reproducible bytes
    # TrueType hinting (ttfautohint) is half of each file (~30 KB → ~16 KB without it). The
    # readers are on phones, whose rasterisers ignore it (iOS) or auto-hint (Android); only
    # old Windows at small sizes loses a little crispness.
    options.hinting = False
    font = subset.load_font(io.BytesIO(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()
