"""Benchmark: social cards drawn and reused (prints figures; not a test).

Run: python bench/cards.py [COUNT]   (default 1000 cards)

1. Throughput: COUNT distinct text cards, then COUNT/10 distinct cards on a phone photo
   (front matter ``image``, drawn as the card's background): from the 12-megapixel original,
   and from the site's resized copy of it (builder/outputs/images.py, 1440 px), which is what
   a build draws from, each card from its own file of the photo (a real site); then all from
   one file (the synthetic corpus of bench/scale.py: 50 photos for ~1,000 articles, whose
   cards share each photo's decoding). Each is drawn into an empty cache
   by write_cards in this process alone (``workers=1``) and with the default workers (both
   cores), each run in a new Python process, as a build starts (nothing loaded, nothing
   cached in memory; the unhinted fonts already in the cache, as after a site's first
   build: making them is timed once, apart); prints cards per second (wall clock) and milliseconds of CPU per card
   (that process and its children: the figure to trust when the machine is shared), with the
   load average, since other jobs on the machine slow the wall-clock figures.
2. The same text cards written again from the cache, and the sizes of text and photo cards.
3. One photo background from a 12-megapixel JPEG.
"""

from __future__ import annotations

import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from PIL import Image  # noqa: E402

from builder.outputs import cards, images  # noqa: E402
from photo_fixture import phone_photo  # noqa: E402

BRAND, FOOTER = "Hội LHPN tỉnh Quảng Trị", "hoiphunu-quangtri.github.io/bantin"
TOPICS = (
    "Hội nghị sơ kết công tác Hội và phong trào phụ nữ",
    "Ra mắt mô hình “Làng quê an toàn” tại xã",
    "Tập huấn kỹ năng phòng, chống bạo lực gia đình cho hội viên",
    "Trao tặng sinh kế cho phụ nữ nghèo",
    "Ngày hội “Phụ nữ khởi nghiệp” năm 2021 thu hút đông đảo hội viên",
)
PLACES = ("huyện Vĩnh Linh", "thành phố Đông Hà", "huyện Hướng Hóa", "thị xã Quảng Trị", "huyện Đakrông")


def text_cards(count: int, prefix: str, photo: str = "", own: bool = False) -> list[cards.Card]:
    """``count`` distinct cards with titles like the real ones (one to three lines); ``own``:
    card ``n`` is drawn on its own file of the photo, ``<photo stem>-<n><suffix>`` (see
    :func:`own_photos`), as on a real site, where articles rarely share a photo."""

    def photo_of(n: int) -> str:
        return str(Path(photo).with_stem(f"{Path(photo).stem}-{n}")) if own and photo else photo

    suffix = cards.format_of(photo).suffix if hasattr(cards, "format_of") else ".png"  # (before: all PNG)
    return [
        cards.Card(
            path=f"{prefix}/{n}{suffix}",
            title=f"{TOPICS[n % 5]} số {n} tại {PLACES[n // 5 % 5]}",
            label=("Tin tức", "Bản tin Bình đẳng giới số 12", "Văn bản")[n % 3],
            date=f"Thứ Hai, {n % 28 + 1}/{n % 12 + 1}/2021",
            brand=BRAND,
            footer=FOOTER,
            photo=photo_of(n),
        )
        for n in range(count)
    ]


def own_photos(photo: Path, count: int) -> None:
    """Hard links ``<stem>-<n><suffix>`` to ``photo`` for :func:`text_cards` (``own=True``): the
    same bytes, but files that a drawing process cannot know are the same."""
    for n in range(count):
        os.link(photo, photo.with_stem(f"{photo.stem}-{n}"))


def cpu_seconds() -> float:
    """CPU time (user + system) of this process, its threads and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def throughput(todo: list[cards.Card], root: Path, workers: int | None) -> tuple[float, float]:
    """``(cards per second, ms of CPU per card)`` drawing ``todo`` into an empty cache."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    report = cards.write_cards(todo, root / "site", root / "cache", workers=workers)
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    assert report.drawn == len(todo) and not report.problems, report
    return len(todo) / wall, cpu * 1000 / len(todo)


def measure(
    kind: str, count: int, workers: int | None, photo: str, own: bool, folder: Path, fonts: Path
) -> tuple[float, float]:
    """:func:`throughput` of ``count`` cards of ``kind``, run in a new Python process, with
    the cache's ``fonts`` folder copied from ``fonts``."""
    if fonts.is_dir():  # (the cards of LAYOUT_VERSION 1, before bantin's issue 8, had none)
        shutil.copytree(fonts, folder / "cache/fonts")
    code = (
        f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import cards as bench; "
        "from pathlib import Path; "
        f"todo = bench.text_cards({count}, {kind!r}, {photo!r}, {own!r}); "
        f"print(json.dumps(bench.throughput(todo, Path({str(folder)!r}), {workers!r})))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return tuple(json.loads(result.stdout))


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(count: int) -> None:
    print(f"{os.cpu_count()} CPUs; {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        photo = root / "photo.jpg"
        photo.write_bytes(phone_photo(4000, 3000))
        copy = images.process(photo, root / "images").fallback  # what a build's cards are drawn from
        started = cpu_seconds()
        cards.write_cards(text_cards(1, "first"), root / "first", root / "first-cache", workers=1)
        print(f"first card of a site, unhinted fonts made: {(cpu_seconds() - started) * 1000:.0f} ms CPU")
        print(f"{'cards':<30}{'workers':>8}{'cards/s':>9}{'ms CPU/card':>13}")
        photos = max(count // 10, 1)
        own_photos(photo, photos)
        own_photos(copy, photos)
        for kind, number, source, own in (
            ("text", count, "", False),
            ("photo (12 MP original)", photos, str(photo), True),
            ("photo (1440 px copy)", photos, str(copy), True),
            ("photo (one 1440 px copy)", photos, str(copy), False),
        ):
            for workers, shown in ((1, "1"), (None, "default")):
                rate, cpu = measure(
                    kind, number, workers, source, own, root / f"{kind}-{shown}", root / "first-cache/fonts"
                )
                print(f"{f'{number} {kind}':<30}{shown:>8}{rate:>9.1f}{cpu:>13.1f}", flush=True)
        print(load())

        todo = text_cards(count, "c")
        cards.write_cards(todo, root / "site", root / "cache")
        again = cards.write_cards(todo, root / "site2", root / "cache")
        sizes = [p.stat().st_size for p in (root / "site/c").glob("*.png")]
        print(f"{count} text cards reused from the cache: {again.seconds:.2f} s (drawn {again.drawn})")
        print(f"text card PNG: median {statistics.median(sizes) / 1024:.1f} KiB, max {max(sizes) / 1024:.1f} KiB")
        for kind in ("photo (12 MP original)", "photo (1440 px copy)"):
            drawn = [p for p in (root / f"{kind}-1/site").rglob("*") if p.is_file()]
            sizes = [p.stat().st_size for p in drawn]
            print(
                f"{kind} card {Image.open(drawn[0]).format}: median {statistics.median(sizes) / 1024:.1f} KiB, "
                f"max {max(sizes) / 1024:.1f} KiB"
            )

        card = cards.Card(path="p.jpg", title="Bài có ảnh", label="Tin tức", photo=str(photo))
        started = time.monotonic()
        data = cards.render(card)
        image = Image.open(io.BytesIO(data))
        print(
            f"photo background (4000x3000 JPEG): {time.monotonic() - started:.2f} s, "
            f"{len(data) / 1024:.0f} KiB {image.format}, {image.size}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
