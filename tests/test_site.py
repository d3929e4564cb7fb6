"""The real content/ and fixture sites, built with the real bantin build and read back as HTML."""

from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

import pytest

from conftest import ROOT, build_ok, make_site

PLAN = "van-ban/ke-hoach-206-kh-btv-2020/index.html"
ISSUE = "ban-tin/so-8-3-2021/index.html"


class Page(HTMLParser):
    """A tiny DOM summary: elements with their attributes and text, in document order."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("br", "hr", "img", "meta", "link", "input"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, tag=None, cls=None):
        return [
            e
            for e in self.elements
            if (tag is None or e["tag"] == tag) and (cls is None or cls in e["attrs"].get("class", "").split())
        ]

    def text_of(self, cls):
        return " ".join(" ".join(e["text"].split()) for e in self.find(cls=cls))


def page(site, path) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def test_real_content_has_every_section(real_site):
    for path in (
        "index.html",
        "tin-tuc/index.html",
        "tin-tuc/nam/2021/index.html",
        "ban-tin/index.html",
        ISSUE,
        "phu-nu-va-cuoc-song/index.html",
        "van-ban/index.html",
        PLAN,
        "gioi-thieu/index.html",
        "chu-de/index.html",
        "chu-de/binh-dang-gioi/index.html",
        "tu-khoa/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "rss.xml",
        "atom.xml",
    ):
        assert (real_site / path).is_file(), path
    news = [p for p in (real_site / "tin-tuc").glob("*/index.html") if p.parent.name not in ("nam", "trang")]
    assert len(news) >= 8


def test_plan_page_is_laid_out_as_the_document(real_site):
    doc = page(real_site, PLAN)
    assert doc.text_of("bt-doc__number") == "Số: 206/KH-BTV"
    assert doc.text_of("bt-doc__place-date") == "Quảng Trị, ngày 17 tháng 8 năm 2020"
    assert doc.text_of("bt-doc__type") == "KẾ HOẠCH"
    assert doc.text_of("bt-doc__summary") == "Định hướng hoạt động năm 2021"
    assert doc.text_of("bt-doc__body") == "BCH HỘI LHPN TỈNH QUẢNG TRỊ"
    assert doc.text_of("bt-doc__text").startswith("Căn cứ Kế hoạch số 868/KH-ĐCT")
    assert doc.text_of("bt-doc__parent") == "HỘI LHPN VIỆT NAM"
    assert doc.text_of("bt-doc__nation") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert doc.text_of("bt-doc__authority") == "TM. BAN THƯỜNG VỤ"
    assert doc.text_of("bt-doc__signer-name") == "Đỗ Thị Lý"
    recipients = [" ".join(li["text"].split()) for li in doc.find("li") if li["text"].startswith("- ")]
    assert recipients[0] == "- ĐCT TW Hội LHPN Việt Nam;" and recipients[-1] == "- Lưu: VT."


def test_plan_keeps_its_literal_numbering(real_site):
    doc = page(real_site, PLAN)
    assert not doc.find("ol") or all("bt-toc" in e["attrs"].get("class", "") for e in doc.find("ol"))
    romans = [" ".join(e["text"].split()) for e in doc.find("h2", "lvl-roman")]
    assert romans == ["I. MỤC ĐÍCH, YÊU CẦU.", "II. NỘI DUNG.", "III. TỔ CHỨC THỰC HIỆN:"]
    level1 = [e["text"].split()[0] for e in doc.find("p", "lvl-1")]
    assert "4." in level1 and level1.count("1.") == 3
    assert doc.text_of("lvl-11").startswith("2.1. Chỉ đạo")
    assert all(e["text"].startswith("+ ") for e in doc.find("p", "plus")) and len(doc.find("p", "plus")) == 7
    assert all(e["text"].startswith("- ") for e in doc.find("p", "dash"))
    assert "(8/3/1910 – 8/3/2021)" in doc.text_of("dash")  # the Word line break is repaired
    assert doc.find("p", "basis")[0]["text"].startswith("Căn cứ Kế hoạch số 868/KH-ĐCT")


def test_plan_is_listed_in_the_register(real_site):
    register = page(real_site, "van-ban/index.html")
    cells = [" ".join(td["text"].split()) for td in register.find("td")]
    assert cells[:4] == ["206/KH-BTV", "17/8/2020", "Kế hoạch", "Định hướng hoạt động năm 2021"]


def test_issue_page_reads_like_a_table_of_contents(real_site):
    issue = page(real_site, ISSUE)
    assert issue.text_of("bt-issue__kicker") == "Bản tin"
    assert "Số 8/3/2021" in issue.text_of("bt-issue__label")
    anniversaries = " ".join(li["text"] for li in issue.find("li"))
    assert "111 năm Ngày Quốc tế Phụ nữ" in anniversaries and "1981 năm Khởi nghĩa Hai Bà Trưng" in anniversaries
    toc = [
        a["attrs"]["href"]
        for a in issue.find("a")
        if a["attrs"].get("href", "").startswith("../../ban-tin/so-8-3-2021/") and a["attrs"]["href"].endswith("/")
    ]
    assert len(toc) >= 4
    assert toc[0].endswith("tu-co-khoi-nghia-me-linh-den-ngay-quoc-te-phu-nu-8-3/")  # the editor's order


def test_pages_are_vietnamese_and_self_contained(real_site):
    for path in ("index.html", PLAN, ISSUE, "tin-tuc/index.html"):
        html = (real_site / path).read_text(encoding="utf-8")
        assert '<html lang="vi"' in html, path
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com"):
            assert host not in html, (path, host)
    assert (real_site / "assets" / "fonts" / "BeVietnamPro-Regular.woff2").is_file()
    robots = (real_site / "robots.txt").read_text()
    assert "Sitemap: https://hoiphunu-quangtri.github.io/bantin/sitemap.xml" in robots
    assert "Không tìm thấy trang" in (real_site / "404.html").read_text(encoding="utf-8")


def test_articles_are_not_in_the_navigation(real_site):
    """The navigation is the six sections, never one entry per article (a 1,000-entry nav would be
    rendered into every page)."""
    for path in ("index.html", "tin-tuc/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap/index.html"):
        doc = page(real_site, path)
        tabs = [" ".join(a["text"].split()) for a in doc.find("a", "md-tabs__link")]
        assert tabs == ["Trang chủ", "Tin tức", "Bản tin", "Phụ nữ và cuộc sống", "Văn bản", "Giới thiệu"], path
        # Any other navigation links are the page's own table of contents (in-page anchors).
        assert all(a["attrs"]["href"].startswith("#") for a in doc.find("a", "md-nav__link")), path


def _news(n: int, **extra) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in extra.items())
    return f"---\ntitle: Tin số {n}\ndate: 2021-01-{n:02d}\n{lines}---\n## Đại hội đại biểu\n\nNội dung {n}.\n"


@pytest.fixture(scope="module")
def listing_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("listing")
    files = {f"tin-tuc/tin-{n}.md": _news(n, categories="[Đại hội]") for n in range(1, 13)}
    files["tin-tuc/nhap.md"] = _news(20, draft="true")
    files["tin-tuc/hen-gio.md"] = "---\ntitle: Hẹn giờ\ndate: 2099-01-01\n---\nx\n"
    nfd = unicodedata.normalize("NFD", "Đồng hành cùng phụ nữ biên cương")
    files[f"tin-tuc/{unicodedata.normalize('NFD', 'đồng-hành')}.md"] = (
        f"---\ntitle: {nfd}\ndate: 2020-12-31\n---\n{nfd}\n"
    )
    files["tin-tuc/bom.md"] = (
        b"\xef\xbb\xbf---\r\ntitle: C\xc3\xb3 BOM\r\ndate: 2020-12-30\r\n---\r\nD\xc3\xb2ng m\xe1\xbb\x99t.\r\n"
    )
    make_site(root, files)
    return build_ok(root)


def test_news_index_paginates(listing_site):
    first, second = page(listing_site, "tin-tuc/index.html"), page(listing_site, "tin-tuc/trang/2/index.html")
    assert len(first.find("li", "bt-card")) == 10
    assert len(second.find("li", "bt-card")) == 4
    assert [a["attrs"]["href"] for a in first.find("a") if a["attrs"].get("rel") == "next"] == ["../tin-tuc/trang/2/"]


def test_drafts_and_future_items_are_not_built(listing_site):
    assert not (listing_site / "tin-tuc" / "tin-so-20").exists()
    assert not (listing_site / "tin-tuc" / "hen-gio").exists()
    sitemap = (listing_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "tin-so-20" not in sitemap and "hen-gio" not in sitemap and "tin-so-12" in sitemap


def test_vietnamese_slugs_for_urls_terms_and_anchors(listing_site):
    assert (listing_site / "tin-tuc" / "dong-hanh-cung-phu-nu-bien-cuong" / "index.html").is_file()
    assert (listing_site / "chu-de" / "dai-hoi" / "index.html").is_file()
    article = page(listing_site, "tin-tuc/tin-so-1/index.html")
    assert [h["attrs"].get("id") for h in article.find("h2") if "Đại hội" in h["text"]] == ["dai-hoi-dai-bieu"]


def test_nfd_and_bom_crlf_files_are_read_as_nfc(listing_site):
    article = page(listing_site, "tin-tuc/dong-hanh-cung-phu-nu-bien-cuong/index.html")
    title = article.find("h1")[0]["text"]
    assert title == "Đồng hành cùng phụ nữ biên cương" and unicodedata.is_normalized("NFC", title)
    bom = (listing_site / "tin-tuc" / "co-bom" / "index.html").read_text(encoding="utf-8")
    assert "Dòng một." in bom and "\ufeff" not in bom and "\r" not in bom


def test_content_of_the_repository_builds_with_make_site_command():
    """README promises `make site`; its target runs `bantin build` (checked, not run twice)."""
    makefile = (ROOT / "Makefile").read_text()
    assert "site: $(SITE_STAMP) editor\n\t$(BIN)/bantin build" in makefile  # editor: /admin/ (npm)


def test_sitemap_lastmod_comes_from_the_content(real_site):
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2020-08-17</lastmod>" in sitemap  # the plan's date, not the build day
    assert "2026-11-29" not in sitemap


@pytest.mark.slow
def test_a_term_is_named_by_its_most_used_spelling(tmp_path):
    files = {
        f"tin-tuc/t{i}.md": f"---\ntitle: Tin {i}\ndate: 2021-01-0{i}\ntags: [{tag}]\n---\nx\n"
        for i, tag in enumerate(["Đại hội", "Đại hội", "Dai hoi"], start=1)
    }
    make_site(tmp_path, files)
    site = build_ok(tmp_path)
    assert page(site, "tu-khoa/dai-hoi/index.html").find("h1")[0]["text"].strip() == "Từ khóa: Đại hội"
