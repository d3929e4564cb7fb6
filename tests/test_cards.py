"""Social cards: size, determinism, font coverage, title layout, the cache and page photos."""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import threading
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from builder.content.reader import Defaults, read_tree
from builder.content import sharing
from builder.outputs import cards, images
from builder.outputs.fonts import read_source
from conftest import THEME, UNION, make_site, run_bantin, run_cache
from photo_fixture import phone_photo

CARD = cards.Card(
    path="x.png",
    title="Ra mắt mô hình “Làng quê an toàn” tại xã Vĩnh Chấp",
    label="Tin tức",
    date="Thứ Hai, 12/4/2021",
    brand="Hội LHPN tỉnh Quảng Trị",
    footer="example.org/bantin",
)
VIETNAMESE = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
    "0123456789 .,:;!?“”‘’–—…·/()%"
)
LONG = (
    "Hội nghị sơ kết công tác phối hợp giữa Hội Liên hiệp Phụ nữ tỉnh Quảng Trị với các sở, ban, ngành "
    "về thực hiện Chương trình hành động vì sự tiến bộ của phụ nữ và bình đẳng giới giai đoạn 2021 – 2030"
)


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_card_is_a_1200_by_630_png():
    image = png(cards.render(CARD))
    # Flat colours: a palette PNG (cards on a photo are JPEG, see the photo tests below).
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "P")
    assert CARD.format is cards.PNG and Image.MIME[image.format] == CARD.format.media_type
    logo = png(cards.render(cards.Card(path="l.png", title="Hội LHPN", layout="logo")))
    assert (logo.format, logo.size, logo.mode) == ("PNG", (512, 512), "P")


def test_palette_png_has_the_pixels_pillow_would_write():
    # The PNG is assembled by cards.py (ISA-L deflate): Pillow must read back the very pixels
    # and colours that Pillow's own PNG writer would have stored.
    indices = cards._text_card(CARD)
    ours = png(cards.render(CARD))
    theirs = io.BytesIO()
    cards._as_palette(indices).save(theirs, "PNG")
    assert ours.convert("RGB").tobytes() == png(theirs.getvalue()).convert("RGB").tobytes()
    assert ours.tobytes() == indices.tobytes() and ours.getpalette() == cards.PALETTE


def test_card_on_a_photo_is_a_1200_by_630_jpeg(tmp_path):
    source = tmp_path / "anh.jpg"
    source.write_bytes(phone_photo(1600, 1200))
    for layout in ("text", "photo"):
        card = replace(CARD, path="x.jpg", photo=str(source), layout=layout)
        image = png(cards.render(card))
        assert (image.format, image.size, image.mode) == ("JPEG", (1200, 630), "RGB"), layout
        assert card.format is cards.JPEG and Image.MIME[image.format] == card.format.media_type
        assert not image.info.get("progressive") and "exif" not in image.info  # no GPS of the phone
        assert len(cards.render(card)) < 200_000  # PNG took ~700 KB
    assert cards.cache_key(card) != cards.cache_key(replace(card, photo=""))


def luminance(colour: tuple[int, int, int]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""
    channels = [c / 255 for c in colour]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colours(image: Image.Image) -> set[tuple[int, int, int]]:
    return {colour for _, colour in image.getcolors(image.width * image.height)}


def test_text_card_shows_the_site_colours_with_readable_text():
    image = png(cards.render(CARD)).convert("RGB")
    assert image.getpixel((600, 20)) == cards.PINK and image.getpixel((600, 620)) == cards.DARK_PINK
    title, band, brand = (
        colours(image.crop(box)) for box in ((72, 200, 1128, 500), (72, 534, 600, 630), (72, 30, 600, 70))
    )
    assert cards.WHITE in title and cards.WHITE in band  # the strokes of the title and the date are solid white
    tint = max(brand, key=luminance)  # the brand is in the tint
    assert all(abs(a - b) <= 8 for a, b in zip(tint, cards.TINT)), tint
    assert contrast(cards.WHITE, cards.PINK) >= 4.5 and contrast(tint, cards.PINK) >= 4.5
    assert contrast(cards.WHITE, cards.DARK_PINK) >= 4.5


def test_same_inputs_give_the_same_bytes_in_another_process():
    here = hashlib.sha256(cards.render(CARD)).hexdigest()
    code = (
        "import hashlib, test_cards; from builder.outputs import cards; "
        "print(hashlib.sha256(cards.render(test_cards.CARD)).hexdigest())"
    )
    there = subprocess.run(
        [sys.executable, "-c", code], cwd=Path(__file__).parent, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert here == there
    assert cards.cache_key(CARD) == cards.cache_key(CARD)
    changed = cards.Card(**{**CARD.__dict__, "date": "Thứ Ba, 13/4/2021"})
    assert cards.cache_key(changed) != cards.cache_key(CARD)


def test_every_letter_of_every_title_is_in_the_font():
    library, errors = read_tree(UNION / "content", Defaults(), None)
    assert not errors
    texts = [VIETNAMESE, VIETNAMESE.upper()]
    for entry in library.entries.values():
        texts += [entry.title, sharing.label(entry, library), "Thứ Hai Thứ Ba Thứ Tư Thứ Năm Thứ Sáu Thứ Bảy Chủ Nhật"]
    needed = {ch for text in texts for ch in text if not ch.isspace()}
    for name in ("BeVietnamPro-Bold.ttf", "BeVietnamPro-SemiBold.ttf", "BeVietnamPro-Regular.ttf"):
        cmap = TTFont(io.BytesIO(read_source(name))).getBestCmap()
        assert sorted(ch for ch in needed if ord(ch) not in cmap) == [], name


def test_long_titles_wrap_within_three_lines_and_end_on_a_word():
    size, lines = cards.title_lines(LONG)
    assert size == 56 and len(lines) == 3
    assert all(cards.text_width(line, size) <= cards.TITLE_WIDTH for line in lines)
    assert lines[-1].endswith("…")
    shown = " ".join(lines)[:-1]
    assert LONG.startswith(shown) and LONG[len(shown)] == " "  # cut between two words


def test_short_titles_keep_the_largest_size():
    assert cards.title_lines("Ra mắt mô hình mới") == (72, ["Ra mắt mô hình mới"])
    size, lines = cards.title_lines("Một-từ-rất-dài-" * 12)  # no space: broken where it must be
    assert len(lines) <= 3 and all(cards.text_width(line, size) <= cards.TITLE_WIDTH for line in lines)


def draw_twice(tmp_path: Path, name: str) -> set[str]:
    """Write the same cards (enough for worker processes, one with a broken photo) with two
    workers and with this process alone, check they are the same, and return the kinds of
    worker process seen while drawing ("ForkProcess", "ForkServerProcess")."""
    broken = tmp_path / "hong.jpg"
    broken.write_bytes(b"not a picture")
    todo = [replace(CARD, path=f"c/{n}.png", title=f"{CARD.title} số {n}") for n in range(cards.POOL_FROM)]
    todo.append(replace(CARD, path="c/hong.jpg", photo=str(broken)))
    seen: set[str] = set()

    def progress(done: int, total: int) -> None:
        seen.update(type(process).__name__ for process in multiprocessing.active_children())

    pooled = cards.write_cards(todo, tmp_path / f"{name}-pool", tmp_path / f"{name}-cache-pool", progress, workers=2)
    alone = cards.write_cards(todo, tmp_path / f"{name}-alone", tmp_path / f"{name}-cache-alone", workers=1)
    for card in todo:
        drawn = (tmp_path / f"{name}-pool" / card.path).read_bytes()
        assert drawn == (tmp_path / f"{name}-alone" / card.path).read_bytes(), card.path
        assert drawn == cards.render_without_photo(card), card.path  # the broken photo's card has no photo
    # ... and stays a JPEG, as the page's og:image:type says: only the texts, on the pink.
    without = png((tmp_path / f"{name}-pool/c/hong.jpg").read_bytes())
    assert without.format == "JPEG" and near(without.getpixel((600, 20)), cards.PINK)
    assert pooled.drawn == alone.drawn == len(todo)
    assert pooled.problems == alone.problems and [c.path for c, _ in pooled.problems] == ["c/hong.jpg"]
    assert "không đọc được ảnh" in pooled.problems[0][1]
    return seen


def test_cards_sharing_a_photo_are_drawn_as_each_alone(tmp_path):
    # A process decodes a photo once for the cards drawn on it one after the other.
    source = tmp_path / "anh.jpg"
    source.write_bytes(phone_photo(1600, 1200))
    todo = [replace(CARD, path=f"c/{n}.jpg", title=f"{CARD.title} số {n}", photo=str(source)) for n in range(3)]
    todo.append(replace(CARD, path="c/anh.jpg", photo=str(source), layout="photo"))
    cards.write_cards(todo, tmp_path / "site", tmp_path / "cache", workers=1)
    for card in todo:
        cards._prepared.cache_clear()
        assert (tmp_path / "site" / card.path).read_bytes() == cards.render(card), card.path
    # A file changed in place (an editor saving another picture under the same name) is read again.
    before = cards.render(todo[0])
    source.write_bytes(phone_photo(1600, 1200, seed=2))
    assert cards.render(todo[0]) != before


def test_worker_processes_draw_the_same_bytes(tmp_path):
    # In a new process: other tests may leave threads running here, and workers are then not forked.
    code = "import sys, pathlib, test_cards; print(sorted(test_cards.draw_twice(pathlib.Path(sys.argv[1]), 'fork')))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], cwd=Path(__file__).parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['ForkProcess']"


def draw_while_busy(tmp_path: Path) -> list[int]:
    """Write cards while ``busy`` says True for the first five (Pagefind still indexing in a
    build), check the bytes are those this process draws alone, and return the number of
    worker processes alive as each card was done."""
    todo = [replace(CARD, path=f"c/{n}.png", title=f"{CARD.title} số {n}") for n in range(2 * cards.POOL_FROM)]
    answers = iter([True] * 5 + [False])
    alive: list[int] = []
    report = cards.write_cards(
        todo,
        tmp_path / "site",
        tmp_path / "cache",
        lambda done, total: alive.append(len(multiprocessing.active_children())),
        workers=2,
        busy=lambda: next(answers),
    )  # asked no more once False
    cards.write_cards(todo, tmp_path / "alone", tmp_path / "cache-alone", workers=1)
    for card in todo:
        assert (tmp_path / "site" / card.path).read_bytes() == (tmp_path / "alone" / card.path).read_bytes()
    assert report.drawn == len(todo)
    return alive


def test_cards_are_drawn_here_while_busy_then_by_workers(tmp_path):
    # In a new process, as above: workers are forked only where no other thread runs.
    code = "import json, sys, pathlib, test_cards; print(json.dumps(test_cards.draw_while_busy(pathlib.Path(sys.argv[1]))))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], cwd=Path(__file__).parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    alive = json.loads(result.stdout)
    assert alive[:5] == [0] * 5 and len(alive) == 2 * cards.POOL_FROM
    assert max(alive[5:]) == 2  # the rest: two workers


def resident_growth(tmp_path: Path, count: int) -> int:
    """Bytes this process's resident memory grew by while it drew ``count`` text cards alone,
    each title of words no other title has (a big archive: every card's words are masks not
    yet made, and kept)."""

    def resident() -> int:
        return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) * 1024

    words = "Hội phụ nữ xã tổ chức tuyên truyền".split()
    todo = [replace(CARD, path=f"c/{n}.png", title=" ".join(f"{word}{n}" for word in words)) for n in range(count)]
    before = resident()
    cards.write_cards(todo, tmp_path / "site", tmp_path / "cache", workers=1)
    return resident() - before


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads resident memory from Linux's /proc")
@pytest.mark.slow
def test_drawing_many_cards_in_one_process_keeps_its_memory_small(tmp_path):
    # PITFALL: with Pillow's pool of freed image blocks (set_blocks_max), glibc kept ~0.6 MB
    # a card it could not hand back (the blocks, resized for each image, pinned its heap):
    # 865 MB after 1,200 such cards. The build draws cards beside Pagefind, under 1.5 GB.
    code = "import sys, pathlib, test_cards; print(test_cards.resident_growth(pathlib.Path(sys.argv[1]), 800))"
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], cwd=Path(__file__).parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 250 * 2**20  # the masks kept are at most ~80 MB (cards._mask)


def test_worker_processes_come_from_a_fork_server_while_other_threads_run(tmp_path):
    # As under `bantin serve`, whose web server runs in other threads: forking is unsafe there.
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert draw_twice(tmp_path, "forkserver") == {"ForkServerProcess"}
    finally:
        stop.set()
        other.join()


INTERRUPTED = """
import sys
from pathlib import Path
from builder.outputs import cards
todo = [cards.Card(path=f"c/{n}.png", title=f"Bài số {n}") for n in range(2000)]
def progress(done, total):
    print("drawing", flush=True)
try:
    cards.write_cards(todo, Path(sys.argv[1]) / "site", Path(sys.argv[1]) / "cache", progress, workers=2)
except KeyboardInterrupt:
    print("stopped", flush=True)
"""


def test_ctrl_c_while_workers_draw_prints_no_traceback(tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED, str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert child.stdout.readline() == "drawing\n"
    os.killpg(child.pid, signal.SIGINT)  # as Ctrl-C does: to every process of the group
    out, err = child.communicate(timeout=60)
    assert "stopped" in out and "Traceback" not in err, err
    assert len(list((tmp_path / "cache").glob("*.png"))) < 2000  # stopped before the end


def test_cards_written_again_into_the_same_folder_leave_the_cache_intact(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    todo = [replace(CARD, path="c/a.png"), replace(CARD, path="c/b.png", title="Bài thứ hai")]
    cards.write_cards(todo, site, cache, workers=1)
    again = cards.write_cards(todo, site, cache, workers=1)  # the cards are already in site/
    assert again.reused == 2 and [(site / c.path).read_bytes() for c in todo] == [cards.render(c) for c in todo]
    # A card whose photo is broken is drawn plain over the file of the card before it, which
    # shares its bytes with the cache: the cached card must not change.
    (tmp_path / "hong.jpg").write_bytes(b"not a picture")
    broken = replace(CARD, path="c/a.png", title="Bài thứ hai", photo=str(tmp_path / "hong.jpg"))
    cards.write_cards([broken], site, cache, workers=1)
    assert (site / "c/a.png").read_bytes() == cards.render_without_photo(broken)  # the texts, without the photo
    assert sorted(p.read_bytes() for p in cache.glob("*.png")) == sorted(cards.render(c) for c in todo)


# --- cards in a build --------------------------------------------------------------------

NEWS = """---
title: "{title}"
date: 2021-04-12 08:30
description: "Tóm tắt."
{extra}---
Nội dung.
"""


def photo(color=(30, 120, 60)) -> bytes:
    image = Image.new("RGB", (1600, 1200), color)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def config(name: str, extra: str = "") -> str:
    """A site named ``name``: cards depend on the name, so a unique one gives cards no earlier
    test run has cached (the shared cache keeps the web fonts, which take seconds to subset)."""
    return (
        f"site_name: {name}\nsite_url: https://example.org/bantin/\ndocs_dir: content\ntheme:\n  name: material\n"
        f"  custom_dir: {THEME}\n  language: vi\n  font: false\nplugins:\n  - bantin:\n{extra}"
    )


def photo_site(root: Path, mode: str) -> Path:
    return make_site(
        root,
        {
            "tin-tuc/co-anh.md": NEWS.format(
                title="Bài có ảnh", extra="image: anh.jpg\nimage_alt: Hội viên trồng rau\n"
            ),
            "tin-tuc/anh.jpg": photo(),
            "tin-tuc/khong-anh.md": NEWS.format(title="Bài có ảnh", extra="slug: khong-anh\n"),
            "tin-tuc/anh-hong.md": NEWS.format(title="Ảnh hỏng", extra="image: hong.jpg\nimage_alt: Ảnh\n"),
            "tin-tuc/hong.jpg": b"not a picture",
        },
        config("Thử", f"      sharing:\n        image: {mode}\n"),
    )


def build(root: Path) -> subprocess.CompletedProcess:
    result = run_bantin(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def card_of(root: Path, slug: str, suffix: str = ".png") -> Image.Image:
    return png((root / "site/assets/cards/tin-tuc" / f"{slug}{suffix}").read_bytes()).convert("RGB")


def near(colour: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 3) -> bool:
    """``colour`` within ``tolerance`` of ``expected`` in each channel (JPEG is not exact)."""
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


@pytest.mark.slow
def test_photo_as_background_or_instead_of_the_card(tmp_path):
    background = photo_site(tmp_path / "bg", "background")
    result = build(background)
    plain, on_photo = card_of(background, "khong-anh"), card_of(background, "bai-co-anh", ".jpg")
    assert plain.getpixel((600, 40)) == cards.PINK
    assert not near(on_photo.getpixel((600, 40)), cards.PINK, 30)  # the darkened photo shows behind the text
    assert plain.getpixel((600, 600)) == cards.DARK_PINK and near(on_photo.getpixel((600, 600)), cards.DARK_PINK)
    # A picture that cannot be read is left out of the site: the card is drawn on colour (a PNG,
    # like any card without a photo), and the editor is told where.
    assert card_of(background, "anh-hong").getpixel((600, 40)) == cards.PINK
    assert (
        "content/tin-tuc/anh-hong.md:5: cảnh báo: ảnh 'hong.jpg' (image) không được đăng: Không đọc được ảnh hong.jpg"
    ) in result.stderr
    assert not (background / "site/assets/cards/tin-tuc/bai-co-anh.png").exists()

    instead = photo_site(tmp_path / "in", "instead")
    build(instead)
    card = card_of(instead, "bai-co-anh", ".jpg")
    assert card.size == (1200, 630)
    assert png((instead / "site/assets/cards/tin-tuc/bai-co-anh.jpg").read_bytes()).format == "JPEG"
    assert near(card.getpixel((600, 600)), (30, 120, 60))  # the photo alone
    html = (instead / "site/tin-tuc/bai-co-anh/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image:alt" content="Hội viên trồng rau">' in html


def meta(html: str, key: str) -> str:
    """The content of the page's one ``<meta property|name="key">``."""
    found = re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    assert len(found) == 1, (key, found)
    return found[0]


@pytest.mark.slow
def test_photo_card_is_a_jpeg_drawn_from_the_published_copy(tmp_path):
    name = f"Thử ảnh {uuid.uuid4().hex[:8]}"
    root = make_site(
        tmp_path / "site",
        {
            "tin-tuc/co-anh.md": NEWS.format(
                title="Bài có ảnh", extra="image: anh.jpg\nimage_alt: Hội viên trồng rau\n"
            ),
            "tin-tuc/anh.jpg": phone_photo(2400, 1800),
            "tin-tuc/khong-anh.md": NEWS.format(title="Bài không ảnh", extra=""),
        },
        config(name, f"      organisation: {name}\n"),
    )
    build(root)
    site = root / "site"
    # What Facebook and Zalo read: og:image (and twitter:image) name a file of the site, of the
    # size and media type the page states.
    for slug, suffix, media_type in (("bai-co-anh", ".jpg", "image/jpeg"), ("bai-khong-anh", ".png", "image/png")):
        html = (site / "tin-tuc" / slug / "index.html").read_text(encoding="utf-8")
        url = meta(html, "og:image")
        assert url == f"https://example.org/bantin/assets/cards/tin-tuc/{slug}{suffix}"
        assert meta(html, "twitter:image") == url and meta(html, "og:image:type") == media_type
        with Image.open(site / url.removeprefix("https://example.org/bantin/")) as image:
            assert Image.MIME[image.format] == media_type
            assert image.size == (int(meta(html, "og:image:width")), int(meta(html, "og:image:height"))) == (1200, 630)
    # Drawn from the copy the site publishes (1440 px, upright, sRGB), not from the original.
    copy = images.process(root / "content/tin-tuc/anh.jpg", run_cache()).fallback
    card = cards.Card(
        path="",
        title="Bài có ảnh",
        label="Tin tức",
        date="Thứ Hai, 12/4/2021",
        brand=name,
        footer="example.org/bantin",
        photo=str(copy),
    )
    drawn = (site / "assets/cards/tin-tuc/bai-co-anh.jpg").read_bytes()
    assert drawn == cards.render(card)
    assert drawn != cards.render(replace(card, photo=str(root / "content/tin-tuc/anh.jpg")))


@pytest.mark.slow
def test_unchanged_pages_draw_nothing_on_rebuild(tmp_path):
    name = f"Thử bộ nhớ đệm {uuid.uuid4().hex[:8]}"
    root = make_site(
        tmp_path / "site",
        {f"tin-tuc/bai-{n}.md": NEWS.format(title=f"Bài số {n} {name}", extra="") for n in range(3)},
        config(name, f"      organisation: {name}\n"),
    )
    first = build(root)
    assert "Thẻ chia sẻ: 5 thẻ vẽ mới, 0 thẻ dùng lại" in first.stdout  # 3 pages, the site card, the logo
    before = {p.name: p.read_bytes() for p in (root / "site/assets/cards/tin-tuc").glob("*.png")}
    second = build(root)  # nothing changed: the whole build is skipped (builder/freshness.py)
    assert "Không có gì thay đổi từ lần dựng trước" in second.stdout
    assert {p.name: p.read_bytes() for p in (root / "site/assets/cards/tin-tuc").glob("*.png")} == before
    (root / "content/gioi-thieu.md").write_text("---\ntitle: Giới thiệu\n---\n\nTrang mới.\n", encoding="utf-8")
    second = build(root)  # a new page: its card is drawn, the three pages' cards come from the cache
    assert "Thẻ chia sẻ: 1 thẻ vẽ mới, 5 thẻ dùng lại" in second.stdout
    assert {p.name: p.read_bytes() for p in (root / "site/assets/cards/tin-tuc").glob("*.png")} == before
    page = root / "content/tin-tuc/bai-1.md"
    page.write_text(page.read_text(encoding="utf-8").replace("2021-04-12 08:30", "2021-04-13 08:30"), encoding="utf-8")
    third = build(root)
    assert "Thẻ chia sẻ: 1 thẻ vẽ mới, 5 thẻ dùng lại" in third.stdout
    # What the cache gave back is what a fresh drawing of the same inputs gives.
    slug = next(n for n in before if n.startswith("bai-so-0"))
    fresh = cards.render(
        cards.Card(
            path="",
            title=f"Bài số 0 {name}",
            label="Tin tức",
            date="Thứ Hai, 12/4/2021",
            brand=name,
            footer="example.org/bantin",
        )
    )
    assert (root / "site/assets/cards/tin-tuc" / slug).read_bytes() == before[slug] == fresh


def test_cards_of_the_real_content(real_site):
    library, _ = read_tree(UNION / "content", Defaults(), None)
    for entry in library.entries.values():
        path = real_site / "assets/cards" / f"{entry.url.strip('/')}{'.jpg' if entry.image else '.png'}"
        with Image.open(path) as image:
            assert image.size == (1200, 630) and image.format == ("JPEG" if entry.image else "PNG"), path
    assert Image.open(real_site / "assets/cards/_site.png").size == (1200, 630)
    assert Image.open(real_site / "assets/cards/_logo.png").size == (512, 512)
