"""Social cards: size, determinism, font coverage, title layout, the cache and page photos."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from builder.content.reader import Defaults, read_tree
from builder.content import sharing
from builder.outputs import cards
from builder.outputs.fonts import read_source
from conftest import ROOT, THEME, make_site, run_bantin

CARD = cards.Card(path="x.png", title="Ra mắt mô hình “Làng quê an toàn” tại xã Vĩnh Chấp", label="Tin tức",
                  date="Thứ Hai, 12/4/2021", brand="Hội LHPN tỉnh Quảng Trị", footer="example.org/bantin")
VIETNAMESE = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
              "0123456789 .,:;!?“”‘’–—…·/()%")
LONG = ("Hội nghị sơ kết công tác phối hợp giữa Hội Liên hiệp Phụ nữ tỉnh Quảng Trị với các sở, ban, ngành "
        "về thực hiện Chương trình hành động vì sự tiến bộ của phụ nữ và bình đẳng giới giai đoạn 2021 – 2030")


def png(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_card_is_a_1200_by_630_png():
    image = png(cards.render(CARD))
    assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
    assert png(cards.render(cards.Card(path="l.png", title="Hội LHPN", layout="logo"))).size == (512, 512)


def test_same_inputs_give_the_same_bytes_in_another_process():
    here = hashlib.sha256(cards.render(CARD)).hexdigest()
    code = ("import hashlib, test_cards; from builder.outputs import cards; "
            "print(hashlib.sha256(cards.render(test_cards.CARD)).hexdigest())")
    there = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent, capture_output=True, text=True,
                           check=True).stdout.strip()
    assert here == there
    assert cards.cache_key(CARD) == cards.cache_key(CARD)
    changed = cards.Card(**{**CARD.__dict__, "date": "Thứ Ba, 13/4/2021"})
    assert cards.cache_key(changed) != cards.cache_key(CARD)


def test_every_letter_of_every_title_is_in_the_font():
    library, errors = read_tree(ROOT / "content", Defaults(), None)
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
    return (f"site_name: {name}\nsite_url: https://example.org/bantin/\ndocs_dir: content\ntheme:\n  name: material\n"
            f"  custom_dir: {THEME}\n  language: vi\n  font: false\nplugins:\n  - bantin:\n{extra}")


def photo_site(root: Path, mode: str) -> Path:
    return make_site(root, {
        "tin-tuc/co-anh.md": NEWS.format(title="Bài có ảnh", extra="image: anh.jpg\nimage_alt: Hội viên trồng rau\n"),
        "tin-tuc/anh.jpg": photo(),
        "tin-tuc/khong-anh.md": NEWS.format(title="Bài có ảnh", extra="slug: khong-anh\n"),
        "tin-tuc/anh-hong.md": NEWS.format(title="Ảnh hỏng", extra="image: hong.jpg\nimage_alt: Ảnh\n"),
        "tin-tuc/hong.jpg": b"not a picture",
    }, config("Thử", f"      sharing:\n        image: {mode}\n"))


def build(root: Path) -> subprocess.CompletedProcess:
    result = run_bantin(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def card_of(root: Path, slug: str) -> Image.Image:
    return png((root / "site/assets/cards/tin-tuc" / f"{slug}.png").read_bytes())


def test_photo_as_background_or_instead_of_the_card(tmp_path):
    background = photo_site(tmp_path / "bg", "background")
    result = build(background)
    plain, on_photo = card_of(background, "khong-anh"), card_of(background, "bai-co-anh")
    assert plain.getpixel((600, 40)) == cards.PINK
    assert on_photo.getpixel((600, 40)) != cards.PINK  # the darkened photo shows behind the text
    assert on_photo.getpixel((600, 600)) == plain.getpixel((600, 600)) == cards.DARK_PINK  # branding band kept
    # A picture that cannot be read: the card falls back to colour, and the editor is told where.
    assert card_of(background, "anh-hong").getpixel((600, 40)) == cards.PINK
    assert "Cảnh báo: content/tin-tuc/anh-hong.md:5: thẻ chia sẻ không dùng được ảnh 'hong.jpg'" in result.stdout

    instead = photo_site(tmp_path / "in", "instead")
    build(instead)
    card = card_of(instead, "bai-co-anh")
    assert card.size == (1200, 630)
    assert all(abs(a - b) <= 3 for a, b in zip(card.getpixel((600, 600)), (30, 120, 60)))  # the photo alone
    html = (instead / "site/tin-tuc/bai-co-anh/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image:alt" content="Hội viên trồng rau">' in html


def test_unchanged_pages_draw_nothing_on_rebuild(tmp_path):
    name = f"Thử bộ nhớ đệm {uuid.uuid4().hex[:8]}"
    root = make_site(tmp_path / "site", {f"tin-tuc/bai-{n}.md": NEWS.format(title=f"Bài số {n} {name}", extra="")
                                         for n in range(3)}, config(name, f"      organisation: {name}\n"))
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
    fresh = cards.render(cards.Card(path="", title=f"Bài số 0 {name}", label="Tin tức", date="Thứ Hai, 12/4/2021",
                                    brand=name, footer="example.org/bantin"))
    assert (root / "site/assets/cards/tin-tuc" / slug).read_bytes() == before[slug] == fresh


def test_cards_of_the_real_content(real_site):
    library, _ = read_tree(ROOT / "content", Defaults(), None)
    for entry in library.entries.values():
        path = real_site / "assets/cards" / f"{entry.url.strip('/')}.png"
        assert Image.open(path).size == (1200, 630), path
    assert Image.open(real_site / "assets/cards/_site.png").size == (1200, 630)
    assert Image.open(real_site / "assets/cards/_logo.png").size == (512, 512)
