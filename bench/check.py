"""How long ``bantin check`` takes on a generated site of N news articles (default 2,000),
each with three links to other articles' headings and a picture. Prints the figures.

    .venv/bin/python bench/check.py [N]
"""

from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_site(root: Path, count: int) -> None:
    config = (
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}")
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    news = root / "content" / "tin-tuc"
    news.mkdir(parents=True)
    (news / "anh.jpg").write_bytes(b"\xff\xd8")
    rng = random.Random(1)
    for i in range(count):
        links = " ".join(f"[bài {j}](tin-{j}.md#muc-{j % 3})" for j in rng.sample(range(count), 3))
        body = "Đoạn văn về hoạt động của Hội phụ nữ. " * 60
        (news / f"tin-{i}.md").write_text(
            f"---\ntitle: Tin số {i}\ndate: 2021-01-01\n---\n## Mục {i % 3}\n\n{links}\n\n"
            f"![Ảnh hoạt động](anh.jpg)\n\n{body}\n",
            encoding="utf-8",
        )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"Tạo {count} bài ...", flush=True)
        make_site(root, count)
        os.chdir(root)
        os.environ.setdefault("BANTIN_NOW", "2026-11-29T12:00")
        from builder.cli import main as bantin

        started, cpu = time.perf_counter(), time.process_time()
        code = bantin(["check"])
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"bantin check: {count} bài, mã thoát {code}, {wall:.1f} s (CPU {cpu:.1f} s, "
        f"{1000 * cpu / count:.1f} ms CPU mỗi bài), bộ nhớ tối đa {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
