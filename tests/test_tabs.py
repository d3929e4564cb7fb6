"""The section tabs (theme/main.html, block ``tabs``): drawn without Material's macros for a
nav of pages, as Material draws them (link, title, the current section marked); a nav with
sections gets Material's own partial."""

from __future__ import annotations

import pytest

from conftest import MKDOCS_YML, THEME, make_site, news, run_bantin
from test_site import page

SECTIONS = ["Trang chủ", "Tin tức", "Bản tin", "Phụ nữ và cuộc sống", "Văn bản", "Giới thiệu"]


def _tabs(site, path) -> list[tuple[str, str, bool]]:
    doc = page(site, path)
    items = doc.find("li", "md-tabs__item")
    links = doc.find("a", "md-tabs__link")
    assert len(items) == len(links), path
    return [
        (" ".join(a["text"].split()), a["attrs"]["href"], "md-tabs__item--active" in li["attrs"]["class"])
        for li, a in zip(items, links)
    ]


def test_the_tabs_link_every_section_and_mark_the_current_one(real_site):
    home = ["..", "./", "../ban-tin/", "../phu-nu-va-cuoc-song/", "../van-ban/", "../gioi-thieu/"]
    assert _tabs(real_site, "tin-tuc/index.html") == [(s, h, s == "Tin tức") for s, h in zip(SECTIONS, home)]
    assert [(t, a) for t, _, a in _tabs(real_site, "index.html")] == [(s, s == "Trang chủ") for s in SECTIONS]
    article = "tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap/index.html"
    # Outside the nav, a page marks the section its URL is under (Material's marks none).
    assert [(t, a) for t, _, a in _tabs(real_site, article)] == [(s, s == "Tin tức") for s in SECTIONS]
    plan = "van-ban/" + next(p.parent.name for p in (real_site / "van-ban").glob("*/index.html"))
    assert [(t, a) for t, _, a in _tabs(real_site, plan + "/index.html")] == [(s, s == "Văn bản") for s in SECTIONS]
    assert [(t, a) for t, _, a in _tabs(real_site, "404.html")] == [(s, False) for s in SECTIONS]


def test_screen_readers_hear_the_tabs_named_in_vietnamese(real_site):
    # Material's Vietnamese strings leave "tabs" in English (theme/partials/language.html).
    for path in ("index.html", "tin-tuc/index.html"):
        assert [nav["attrs"]["aria-label"] for nav in page(real_site, path).find("nav", "md-tabs")] == ["Chuyên mục"]


@pytest.mark.slow
def test_a_nav_with_a_section_gets_materials_tabs(tmp_path):
    config = MKDOCS_YML.format(theme=THEME).replace("  font: false\n", "  font: false\n  features: [navigation.tabs]\n")
    config += "nav:\n  - Trang chủ: index.md\n  - Giới thiệu:\n    - Lịch sử: gioi-thieu/lich-su.md\n    - Liên hệ: gioi-thieu/lien-he.md\n"
    files = {
        "gioi-thieu/lich-su.md": "---\ntitle: Lịch sử\n---\nHội được thành lập năm 1930.\n",
        "gioi-thieu/lien-he.md": "---\ntitle: Liên hệ\n---\nĐiện thoại của Hội.\n",
        "tin-tuc/a.md": news("Tin một"),
    }
    root = make_site(tmp_path / "du-an", files, config=config)
    run = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert run.returncode == 0, run.stdout + run.stderr
    # Material names a section's tab after it and links it to the section's first page.
    assert _tabs(root / "site", "gioi-thieu/lien-he/index.html") == [
        ("Trang chủ", "../..", False),
        ("Giới thiệu", "../lich-su/", True),
    ]


@pytest.mark.slow
def test_a_nav_with_a_link_gets_materials_tabs(tmp_path):
    # A link (an address, or a file MkDocs cannot find, which it keeps as a link) has no page
    # metadata: the fast tabs once stopped the build on it.
    config = MKDOCS_YML.format(theme=THEME).replace("  font: false\n", "  font: false\n  features: [navigation.tabs]\n")
    config += "nav:\n  - Trang chủ: index.md\n  - Fanpage: https://www.facebook.com/hoilhpn\n"
    root = make_site(tmp_path / "du-an", {"tin-tuc/a.md": news("Tin một")}, config=config)
    run = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "cache")})
    assert run.returncode == 0, run.stdout + run.stderr
    assert [(t, h) for t, h, _ in _tabs(root / "site", "index.html")] == [
        ("Trang chủ", "."),
        ("Fanpage", "https://www.facebook.com/hoilhpn"),
    ]
