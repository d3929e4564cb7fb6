"""Benchmark: social cards drawn and reused (prints figures; not a test).

Run: python bench/cards.py [COUNT]   (default 200 cards)

Draws COUNT distinct text cards into an empty cache with write_cards (threads = CPUs), then
writes them again from the cache, and reports seconds, cards per second and PNG sizes; then
times the photo-background layout on a 12-megapixel JPEG.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from builder.outputs import cards


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        todo = [cards.Card(path=f"c/{n}.png", title=f"Hội nghị sơ kết công tác Hội và phong trào phụ nữ số {n} "
                           "năm 2021 tại huyện Vĩnh Linh", label="Tin tức", date="Thứ Hai, 12/4/2021",
                           brand="Hội LHPN tỉnh Quảng Trị", footer="hoiphunu-quangtri.github.io/bantin")
                for n in range(count)]
        first = cards.write_cards(todo, root / "site", root / "cache")
        second = cards.write_cards(todo, root / "site2", root / "cache")
        sizes = [p.stat().st_size for p in (root / "site/c").glob("*.png")]
        print(f"{count} cards drawn: {first.seconds:.2f} s ({count / first.seconds:.1f} cards/s)")
        print(f"{count} cards reused from the cache: {second.seconds:.2f} s (drawn {second.drawn})")
        print(f"PNG size: median {statistics.median(sizes) / 1024:.1f} KiB, max {max(sizes) / 1024:.1f} KiB")
        photo = root / "photo.jpg"
        Image.effect_noise((4000, 3000), 64).convert("RGB").save(photo, quality=90)
        card = cards.Card(path="p.png", title="Bài có ảnh", label="Tin tức", photo=str(photo))
        started = time.monotonic()
        data = cards.render(card)
        print(f"photo background (4000x3000 JPEG): {time.monotonic() - started:.2f} s, "
              f"{len(data) / 1024:.0f} KiB PNG, {Image.open(io.BytesIO(data)).size}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
