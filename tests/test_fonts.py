"""Tests for builder.outputs.fonts: real subsetting with fontTools, read back with fontTools.

Subsetting four styles takes a second or two, so each kind of run (plain, cached) happens
once per test session in module-scoped fixtures, and the tests read the results.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from builder.outputs.fonts import FONT_FILES, read_source, unhinted_source, write_web_fonts

ROOT = Path(__file__).resolve().parent.parent
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang huyền sắc hỏi ngã nặng
VOWELS = "aăâeêioôơuưy"
OLD_MTIME_NS = 1_000_000_000 * 10**9  # 2001-09-09: a time no fresh write can have


def vietnamese_letters() -> list[str]:
    """Every precomposed Vietnamese letter: 12 vowels × 6 tones, both cases, plus đ/Đ."""
    lower = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
    return lower + [c.upper() for c in lower]


LETTERS = vietnamese_letters()


@contextlib.contextmanager
def subset_log():
    """Collect the INFO records fontTools.subset logs while it subsets (e.g. "maxp pruned")."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(logging.INFO)
    logger = logging.getLogger("fontTools.subset")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def test_letter_list_is_the_vietnamese_repertoire():
    # 146 letters, of which 134 carry a diacritic (all but a e i o u y and their capitals).
    assert all(len(c) == 1 for c in LETTERS)
    assert len(set(LETTERS)) == 146
    assert sum(1 for c in LETTERS if c.lower() not in "aeiouy") == 134


@pytest.fixture(scope="module")
def fonts_dir(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("fonts")
    written = write_web_fonts(dest)
    assert [p.name for p in written] == list(FONT_FILES)
    assert all(p.parent == dest for p in written)
    return dest


@pytest.fixture(scope="module")
def cached_run(tmp_path_factory) -> dict:
    """Two runs sharing a fresh cache (with one stale entry); entries are backdated between them."""
    cache = tmp_path_factory.mktemp("cache")
    stale = cache / "BeVietnamPro-Regular-0000000000.woff2"
    stale.write_bytes(b"stale")
    with subset_log() as first_log:
        first = write_web_fonts(tmp_path_factory.mktemp("first"), cache_dir=cache)
    entries_after_first = sorted(p.name for p in cache.iterdir())
    for entry in cache.iterdir():
        os.utime(entry, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    with subset_log() as second_log:
        second = write_web_fonts(tmp_path_factory.mktemp("second"), cache_dir=cache)
    return {
        "cache": cache,
        "stale": stale,
        "first": first,
        "second": second,
        "entries_after_first": entries_after_first,
        "first_log": first_log,
        "second_log": second_log,
    }


@pytest.mark.parametrize("name", FONT_FILES)
def test_every_vietnamese_letter_is_in_the_cmap(fonts_dir, name):
    cmap = TTFont(fonts_dir / name).getBestCmap()
    missing = [c for c in LETTERS if ord(c) not in cmap]
    assert missing == []


@pytest.mark.parametrize("name", FONT_FILES)
def test_marks_currency_and_punctuation_are_kept(fonts_dir, name):
    cmap = TTFont(fonts_dir / name).getBestCmap()
    wanted = "\u0300\u0301\u0302\u0303\u0309\u0323₫€–—‘’“”…•"
    assert [c for c in wanted if ord(c) not in cmap] == []


@pytest.mark.parametrize("name", FONT_FILES)
def test_subset_drops_other_scripts_and_keeps_vietnamese_features(fonts_dir, name):
    font = TTFont(fonts_dir / name)
    assert font.flavor == "woff2"
    assert 0x0410 not in font.getBestCmap()  # Cyrillic А: the font has it, the subset must not
    features = {r.FeatureTag for t in ("GSUB", "GPOS") for r in font[t].table.FeatureList.FeatureRecord}
    assert {"ccmp", "mark", "mkmk", "kern"} <= features
    assert {"aalt", "ss01", "frac"}.isdisjoint(features)


@pytest.mark.parametrize("name", FONT_FILES)
def test_each_file_is_under_60_kb(fonts_dir, name):
    assert (fonts_dir / name).stat().st_size < 60 * 1024


@pytest.mark.parametrize("name", FONT_FILES)
def test_licence_notice_travels_with_the_font(fonts_dir, name):
    names = TTFont(fonts_dir / name)["name"]
    assert "Open Font License" in str(names.getName(13, 3, 1, 0x409))
    assert "Be Vietnam Pro Project Authors" in str(names.getName(0, 3, 1, 0x409))


def test_two_runs_give_identical_bytes(fonts_dir, cached_run):
    # The first cached run starts from an empty cache, so it subsets afresh: a second run.
    for path in cached_run["first"]:
        assert path.read_bytes() == (fonts_dir / path.name).read_bytes(), path.name


def test_output_carries_the_source_timestamp_not_the_clock(fonts_dir):
    from importlib.resources import files

    source = files("fontpkg_be_vietnam_pro") / "files" / "BeVietnamPro-Regular.ttf"
    with source.open("rb") as handle:
        expected = TTFont(handle)["head"].modified
    assert TTFont(fonts_dir / "BeVietnamPro-Regular.woff2")["head"].modified == expected


def test_copies_from_the_cache_are_the_subsets(fonts_dir, cached_run):
    for path in cached_run["second"]:
        assert path.read_bytes() == (fonts_dir / path.name).read_bytes(), path.name


def test_cache_holds_one_entry_per_style_and_drops_stale_ones(cached_run):
    entries = cached_run["entries_after_first"]
    assert len(entries) == len(FONT_FILES)
    assert cached_run["stale"].name not in entries
    assert sorted(p.name for p in cached_run["cache"].iterdir()) == entries


def test_second_cached_run_does_not_subset_again(cached_run):
    assert cached_run["first_log"], "the first run (cache miss) should have subset"
    assert cached_run["second_log"] == []
    # Entries were backdated after the first run: any rewrite would give them a fresh mtime.
    for entry in cached_run["cache"].iterdir():
        assert entry.stat().st_mtime_ns == OLD_MTIME_NS, entry.name


def test_written_files_are_world_readable(fonts_dir, cached_run):
    for path in [fonts_dir / n for n in FONT_FILES] + cached_run["second"]:
        assert path.stat().st_mode & 0o444 == 0o444, path


def test_missing_font_package_gives_a_vietnamese_message(tmp_path):
    # `python -S` skips site-packages, so the font package really is absent in the child
    # (fontTools too: this also checks that the message comes before any fontTools import).
    code = (
        "from pathlib import Path\n"
        "from builder.outputs.fonts import write_web_fonts\n"
        "try:\n"
        f"    write_web_fonts(Path({str(tmp_path)!r}))\n"
        "except RuntimeError as error:\n"
        "    print(error)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-S", "-c", code], env=env, capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert result.stdout.strip() == ("Thiếu gói phông chữ fontpkg-be-vietnam-pro: chạy `make site` để cài đặt.")


def test_the_cards_font_has_no_hinting_and_the_same_glyphs(tmp_path):
    source = TTFont(io.BytesIO(read_source("BeVietnamPro-Bold.ttf")))
    data = unhinted_source("BeVietnamPro-Bold.ttf", tmp_path)
    font = TTFont(io.BytesIO(data))
    assert not {"fpgm", "prep", "cvt "} & set(font.keys())
    glyphs, before = font["glyf"], source["glyf"]
    assert not any(hasattr(glyphs[g], "program") and glyphs[g].program.getBytecode() for g in font.getGlyphOrder())
    assert any(hasattr(before[g], "program") and before[g].program.getBytecode() for g in source.getGlyphOrder())
    for letter in LETTERS + ["A", "g", "1", "…"]:
        name = source.getBestCmap()[ord(letter)]
        assert font.getBestCmap()[ord(letter)] == name
        assert font["hmtx"][name] == source["hmtx"][name]  # the same advance: the same layout
        assert glyphs[name].getCoordinates(glyphs)[0] == before[name].getCoordinates(before)[0]
    assert font["GPOS"].compile(font) == source["GPOS"].compile(source)  # kerning and marks kept
    # FreeType runs its auto-hinter on TrueType fonts whose maxp says "no instructions".
    assert font["maxp"].maxSizeOfInstructions == source["maxp"].maxSizeOfInstructions > 0
    # Kept between builds: one file per style, read back rather than made again.
    (cached,) = tmp_path.glob("BeVietnamPro-Bold-unhinted-*.ttf")
    assert cached.read_bytes() == data == unhinted_source("BeVietnamPro-Bold.ttf")
    cached.write_bytes(b"marker")
    assert unhinted_source("BeVietnamPro-Bold.ttf", tmp_path) == b"marker"
