"""What a reader downloads: page weights and the first search, on synthetic sites.

For each size N (default 1,000 and 10,000 articles) this script writes a corpus with
:func:`bench.corpus.generate`, builds it with the real ``bantin build``, serves the site on
127.0.0.1 and opens it in headless Chromium (the Debian ``chromium``, driven by Playwright),
then prints:

- the weight of an article page, of a listing and of the home page: every response the
  browser needed to show the page read to its end (HTML, CSS, JavaScript, fonts, pictures,
  lazily loaded ones included), each counted at
  its gzip size as a static host such as GitHub Pages sends it (files that are already
  compressed, woff2, PNG, Pagefind's index, count at their own size);
- the first search: everything the search page downloads to answer "binh dang gioi" with
  its first ten results (Pagefind's script, WebAssembly, index chunks and fragments), from
  the main index (the newest 1,000 entries, the plugin's ``search_recent``), and what the
  reader's "Tìm cả trong … bài cũ hơn" adds (the archive index of the older entries);
- the build time and the size of the search index on disk.

Budgets (issue 6): article ≤ 150 KB without its content pictures, home ≤ 250 KB with its
pictures, first query ≤ 200 KB at 10,000 articles. Figures over budget are marked.
This is a benchmark, not a test: it prints figures and exits 0.

Usage: ``python bench/readers.py [N ...] [--keep DIR]`` (needs the ``test`` extra for
Playwright and /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402  (bench/ is not a package)

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUDGETS = {"article": 150_000, "home": 250_000, "search": 200_000}
QUERY = "binh dang gioi"
_PRECOMPRESSED = (
    ".woff2",
    ".png",
    ".jpg",
    ".jpeg",
    ".webp",
    ".pf_fragment",
    ".pf_index",
    ".pf_meta",
    ".pf_filter",
    ".pagefind",
)


def transfer_size(url: str, body: bytes) -> int:
    """Bytes on the wire: the gzip size of text, the file's own size if already compressed."""
    path = url.split("?")[0]
    if path.endswith(_PRECOMPRESSED):
        return len(body)
    return min(len(body), len(gzip.compress(body, 6)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on 127.0.0.1 (a free port) from a thread; returns the server and base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(root: Path) -> float:
    """Run ``bantin build`` in ``root``; returns seconds. Exits on a failed build."""
    env = dict(
        os.environ,
        BANTIN_NOW="2026-11-29T12:00:00",
        NO_MKDOCS_2_WARNING="1",
        BANTIN_CACHE_DIR=str(Path(__file__).resolve().parent.parent / ".cache"),
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build"], cwd=root, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"bantin build thất bại ({root}):\n{done.stdout}{done.stderr}")
    return time.monotonic() - started


def weigh(browser, url: str, ready: str | None = None, then: str | None = None) -> dict[str, int]:
    """Load ``url`` in a fresh context; returns transfer bytes by kind (html, css, js, font, image, search).

    ``ready``: a JavaScript condition to wait for; ``then``: a selector to click afterwards,
    waiting for ``ready`` again (the bytes of both steps are counted, each URL once).
    """
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    # Read to the end: pictures that load lazily count too (the worst case for a reader).
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    if ready:
        page.wait_for_function(ready, timeout=60_000)
    if then:
        page.click(then)
        page.wait_for_function(
            "() => { const s = document.getElementById('bt-search-status').textContent;"
            " return s && !s.startsWith('Đang') && !s.includes('mới nhất'); }",
            timeout=120_000,
        )
    # The search page shows its results once their downloads are done; give the browser a
    # moment to report the last responses (networkidle is a page-load state, not a monitor).
    page.wait_for_timeout(1000)
    # Bodies are read once everything has arrived, while the page is still open.
    seen: dict[str, int] = {}
    for response in responses:
        try:
            seen[response.url] = transfer_size(response.url, response.body())
        except Exception:  # a redirect or an aborted request has no body
            pass
    context.close()
    kinds: dict[str, int] = {}
    for address, size in seen.items():
        kinds[_kind(address)] = kinds.get(_kind(address), 0) + size
    return kinds


def _kind(url: str) -> str:
    path = url.split("?")[0]
    if "/pagefind/" in path or "/pagefind-luu-tru/" in path:
        return "search"
    for suffix, kind in (
        (".css", "css"),
        (".js", "js"),
        (".woff2", "font"),
        (".png", "image"),
        (".jpg", "image"),
        (".jpeg", "image"),
        (".webp", "image"),
        (".svg", "image"),
    ):
        if path.endswith(suffix):
            return kind
    return "html"


def report(name: str, kinds: dict[str, int], budget: int | None) -> None:
    total = sum(kinds.values())
    parts = ", ".join(f"{k} {v / 1000:.1f}" for k, v in sorted(kinds.items()))
    mark = "" if budget is None else f" (ngân sách {budget // 1000} KB: {'đạt' if total <= budget else 'VƯỢT'})"
    print(f"  {name:<28} {total / 1000:7.1f} KB  [{parts}]{mark}")


def measure(n: int, keep: Path | None) -> None:
    from playwright.sync_api import sync_playwright

    root = (keep / f"n{n}") if keep else Path(tempfile.mkdtemp(prefix=f"bantin-bench-{n}-"))
    shutil.rmtree(root, ignore_errors=True)
    generate(root, n, seed=1)
    seconds = build(root)
    site = root / "site"
    index = sum(
        p.stat().st_size
        for folder in ("pagefind", "pagefind-luu-tru")
        if (site / folder).is_dir()
        for p in (site / folder).rglob("*")
        if p.is_file()
    )
    pages = sum(1 for _ in site.rglob("index.html"))
    print(
        f"\nN = {n:,} bài: dựng {pages:,} trang trong {seconds:.0f} giây; chỉ mục tìm kiếm {index / 1e6:.1f} MB trên đĩa"
    )
    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            report("bài viết (tin-tuc/tin-00000)", weigh(browser, base + "tin-tuc/tin-00000/"), BUDGETS["article"])
            report(
                "văn bản (van-ban/van-ban-00000)", weigh(browser, base + "van-ban/van-ban-00000/"), BUDGETS["article"]
            )
            report("danh sách (tin-tuc/)", weigh(browser, base + "tin-tuc/"), None)
            report("trang chủ (có ảnh bìa)", weigh(browser, base), BUDGETS["home"])
            done = (
                "() => { const s = document.getElementById('bt-search-status').textContent;"
                " return s && !s.startsWith('Đang') && document.querySelectorAll('#bt-search-results li').length; }"
            )
            search_url = base + "tim-kiem/?q=" + QUERY.replace(" ", "+")
            kinds = weigh(browser, search_url, ready=done)
            report(f"tìm “{QUERY}” (cả trang)", kinds, None)
            report("  trong đó Pagefind", {"search": kinds.get("search", 0)}, BUDGETS["search"])
            if (site / "pagefind-luu-tru").is_dir():
                both = weigh(browser, search_url, ready=done, then="#bt-search-archive")
                extra = both.get("search", 0) - kinds.get("search", 0)
                report("  + “Tìm cả bài cũ hơn”", {"search": extra}, None)
            browser.close()
    finally:
        server.shutdown()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000], help="số bài (mặc định 1000 10000)")
    parser.add_argument("--keep", type=Path, help="giữ các trang đã dựng trong thư mục này")
    args = parser.parse_args()
    print("Dung lượng tải về (gzip, KB = 1000 byte), điện thoại 390×844, bộ nhớ đệm trống:")
    for n in args.sizes:
        measure(n, args.keep)


if __name__ == "__main__":
    main()
