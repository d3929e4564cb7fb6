"""An album page in Chromium (issue 21 §3): axe finds nothing serious, and the full-size view
opens from the keyboard (Tab to a thumbnail, Enter) with no script, moves to the next photo and
closes; screenshots at 390 and 1440 px. The fixture site is tests/test_albums.py's."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, build_ok, copy_fixture
from test_albums import album_files
from browsing import serve

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def album_url(tmp_path_factory):
    """The album page of the union's frozen site with tests/test_albums.py's album added (the
    theme's whole look: its CSS, header and footer), served on 127.0.0.1 under its site_url's
    path (/bantin/)."""
    root = tmp_path_factory.mktemp("album-browser")
    copy_fixture("union", root / "src")
    for name, data in album_files().items():
        path = root / "src" / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    site = build_ok(root / "src")
    site.rename(root / "bantin")
    with serve(root) as address:
        yield f"{address}bantin/album/hoi-thi/"


@pytest.mark.parametrize("width", [390, 1440])
def test_album_page_has_no_serious_axe_violations(visit, album_url, axe_script, width):
    # axe is injected by the test: the page's Content-Security-Policy (script-src 'none') would refuse it.
    v = visit(viewport={"width": width, "height": 900}, bypass_csp=True)
    v.page.goto(album_url)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / f"album-{width}.png"), full_page=True)
    assert v.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    results = []
    for target in ("", "#anh-2"):  # the grid, then a full-size view open
        v.page.goto(album_url + target)
        v.page.add_script_tag(path=str(axe_script))
        result = v.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        results += [
            f"{target} {r['id']} ({r['impact']}): {r['help']} – {[n['target'] for n in r['nodes']][:3]}"
            for r in result["violations"]
            if r["impact"] in ("serious", "critical")
        ]
    assert results == [], json.dumps(results, ensure_ascii=False, indent=1)
    assert not v.errors


def test_keyboard_opens_the_full_size_view_without_scripts(visit, album_url):
    v = visit(viewport={"width": 1440, "height": 900}, java_script_enabled=False)
    v.page.goto(album_url)
    assert not v.page.is_visible("#anh-1")
    for _ in range(60):  # Tab until the first thumbnail has the focus
        v.page.keyboard.press("Tab")
        if v.page.locator("a.bt-album__thumb:focus").count():
            break
    assert v.page.locator("a.bt-album__thumb:focus").get_attribute("href") == "#anh-1"
    v.page.keyboard.press("Enter")
    v.page.wait_for_url("**#anh-1")
    view = v.page.locator("#anh-1")
    assert view.is_visible() and view.locator("img").is_visible()
    box = view.bounding_box()
    assert box["width"] == 1440 and box["height"] == 900  # covers the screen
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / "album-view-1440.png"))
    v.page.locator("#anh-1 a.bt-lightbox__next").focus()
    v.page.keyboard.press("Enter")
    v.page.wait_for_url("**#anh-2")
    assert v.page.is_visible("#anh-2") and not v.page.is_visible("#anh-1")
    v.page.locator("#anh-2 a.bt-lightbox__close").focus()
    v.page.keyboard.press("Enter")
    v.page.wait_for_url("**#album-2")
    assert not v.page.is_visible("#anh-2")
