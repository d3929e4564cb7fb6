"""Screenshots of built pages for a pull request's reviewers (``bantin changes --screenshots DIR``).

The built ``site/`` is served on 127.0.0.1 under the path of ``site_url`` (``/bantin/``), as
GitHub Pages serves it, and Debian's Chromium (``/usr/bin/chromium``, driven by Playwright,
never a browser Playwright downloads) photographs each page whole at a phone's width (390 px)
and a desktop's (1440 px). Playwright is a test dependency: installed by ``make
.venv/.installed``, not by ``make site``.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (package ``chromium``)."""
WIDTHS = (390, 1440)
"""Viewport widths in CSS pixels: a common phone, a common laptop."""
HEIGHT = 900
"""Viewport height; the screenshot covers the whole page whatever its length."""
LIMIT = 40
"""Pages photographed at most (a pull request importing an archive would otherwise take an hour)."""


class Unavailable(Exception):
    """No screenshots can be taken here; the message (Vietnamese) says why and what to install."""


def take(site_dir: Path, site_url: str, addresses: list[str], out_dir: Path) -> list[Path]:
    """Photograph the pages at ``addresses`` (absolute, under ``site_url``) of the site built in
    ``site_dir``; write ``<page path with '-'>-<width>.png`` into ``out_dir``.

    Returns:
        The files written, page by page, narrow first (at most :data:`LIMIT` pages).

    Raises:
        Unavailable: no built site, no Chromium or no Playwright.
    """
    if not (site_dir / "index.html").is_file():
        raise Unavailable(f"chưa có trang web dựng sẵn trong {site_dir}/ (chạy 'bantin build' trước).")
    if not Path(CHROMIUM).exists():
        raise Unavailable(f"không có trình duyệt {CHROMIUM} (cài gói chromium của Debian: apt-get install chromium).")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        raise Unavailable("chưa cài playwright (chạy 'make .venv/.installed' để cài cả phần kiểm thử).") from None
    base = urlsplit(site_url or "/").path or "/"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with _serve(site_dir, base) as root, sync_playwright() as driver:
        try:
            # --no-sandbox: CI runs this as root in a container, where Chromium's sandbox cannot start.
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        except Error as exc:
            raise Unavailable(f"không mở được {CHROMIUM}: {str(exc).splitlines()[0]}") from None
        try:
            for address in addresses[:LIMIT]:
                path = urlsplit(address).path
                name = path[len(base) :].strip("/").replace("/", "-") if path.startswith(base) else path.strip("/")
                name = name.replace("/", "-") or "trang-chu"
                for width in WIDTHS:
                    page = browser.new_page(viewport={"width": width, "height": HEIGHT})
                    try:
                        page.goto(root + path, wait_until="load")
                        target = out_dir / f"{name}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                    except Error as exc:  # the ones taken are kept; the summary says where it stopped
                        raise Unavailable(
                            f"dừng ở trang {address} ({width} px): {str(exc).splitlines()[0]}; "
                            f"đã chụp {len(written)} ảnh."
                        ) from None
                    finally:
                        page.close()
                    written.append(target)
        finally:
            browser.close()
    return written


@contextmanager
def _serve(site_dir: Path, base: str) -> Iterator[str]:
    """Serve ``site_dir`` at ``base`` on a free port of 127.0.0.1; yields ``http://127.0.0.1:PORT``."""
    handler = functools.partial(_Handler, base.rstrip("/") + "/", directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Files of the site under ``base`` (``/bantin/x`` → ``site/x``), quietly."""

    def __init__(self, base: str, *args, **kwargs):
        self.base = base
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        if path.startswith(self.base):
            path = "/" + path[len(self.base) :]
        return super().translate_path(path)

    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        pass
