"""The union's identity on the site (issue 21 §1): emblem and icons, the contact block and
the "Liên hệ" page, each listing's own description, only the assets some page uses.

Real ``bantin build`` runs of fixture sites in tmp_path; HTML read back with lxml, icons
with Pillow.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import material
import pytest
from lxml import html
from PIL import Image

from conftest import MKDOCS_YML, THEME, build_ok, fixture_config, make_site, news, reader_pages, run_bantin

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"


def _config(extra: str = "") -> str:
    """The fixture mkdocs.yml with ``extra`` lines added to the bantin plugin's block."""
    return MKDOCS_YML.format(theme=THEME) + extra


def _site(root: Path, extra: str = "", files: dict | None = None) -> Path:
    content = {"tin-tuc/2026/mot.md": news("Bài một"), "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nChào bạn.\n"}
    return make_site(root, {**content, **(files or {})}, _config(extra))


def _page(site: Path, url: str) -> html.HtmlElement:
    return html.fromstring((site / url / "index.html").read_bytes())


def _resolve(site: Path, page_url: str, href: str) -> Path:
    """The file of ``site`` a relative ``href`` on the page at ``page_url`` names."""
    path = unquote(urlsplit(urljoin(f"http://x/{page_url}", href)).path).lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def _png(path: Path) -> Image.Image:
    image = Image.open(path)
    assert image.format == "PNG"
    return image


# --- 1. The emblem and the icons -------------------------------------------------------------


def test_default_emblem_and_icons_are_the_projects_own_never_materials(tmp_path):
    site = build_ok(_site(tmp_path / "s"))
    for url in ("", "gioi-thieu/", "tin-tuc/bai-mot/"):
        page = _page(site, url)
        logo = page.xpath('//header//*[contains(@class, "bt-header__logo")]//img')
        assert len(logo) == 1 and logo[0].get("alt") == ""
        assert (
            _resolve(site, url, logo[0].get("src")).read_bytes()
            == (ROOT / "builder/outputs/bieu-trung.svg").read_bytes()
        )
        icons = {
            (link.get("rel"), link.get("sizes") or link.get("type") or ""): link.get("href")
            for link in page.xpath('//head/link[contains(@rel, "icon")]')
        }
        assert ("apple-touch-icon", "") in icons
        assert ("icon", "image/svg+xml") in icons
        for (rel, kind), href in icons.items():
            assert _resolve(site, url, href).is_file(), (rel, kind, href)
        touch = _png(_resolve(site, url, icons[("apple-touch-icon", "")]))
        assert touch.size == (180, 180)
        assert touch.convert("RGBA").convert("RGB").getpixel((90, 20)) != (
            255,
            255,
            255,
        )  # the emblem, not a blank square
    sizes = {tuple(_png(p).size) for p in (site / "assets" / "images").glob("favicon-*.png")}
    assert sizes == {(16, 16), (32, 32)}
    # Material's favicon (and any other file of Material's but its stylesheets) is not published.
    material_digests = {
        hashlib.sha256(p.read_bytes()).hexdigest(): p.name
        for p in MATERIAL_ASSETS.rglob("*")
        if p.is_file() and p.suffix != ".css"
    }
    published = [
        p for p in site.rglob("*") if p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() in material_digests
    ]
    assert published == []


def test_png_emblem_named_in_mkdocs_yml_gives_the_icons(tmp_path):
    root = _site(tmp_path / "s", "      identity:\n        emblem: nhan-dien/logo.png\n")
    (root / "nhan-dien").mkdir()
    Image.new("RGB", (300, 240), (0, 90, 200)).save(root / "nhan-dien" / "logo.png")
    site = build_ok(root)
    page = _page(site, "")
    src = page.xpath('//header//*[contains(@class, "bt-header__logo")]//img/@src')[0]
    assert src == "assets/images/bieu-trung.png"
    assert _png(site / src).size == (300, 240)
    assert not page.xpath('//head/link[@type="image/svg+xml"]')  # a PNG emblem: no SVG icon
    touch = _png(site / "assets/images/apple-touch-icon.png").convert("RGBA").convert("RGB")
    assert touch.size == (180, 180) and touch.getpixel((90, 90)) == (0, 90, 200)
    assert _png(site / "assets/images/favicon-32.png").convert("RGBA").getpixel((16, 16))[:3] == (0, 90, 200)
    assert not (site / "nhan-dien").exists()


@pytest.mark.parametrize(
    "setting, files, said",
    [
        ("emblem: khong-co.svg", {}, "không có tệp"),
        ("emblem: logo.gif", {"logo.gif": b"GIF89a"}, "phải là tệp .svg hoặc .png"),
        (
            "emblem: logo.svg",
            {"logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'},
            "<script>",
        ),
        ("icon: nho.png", {"nho.png": "small"}, "nhỏ hơn 180 × 180"),
        ("icon: hong.png", {"hong.png": b"not a png"}, "hỏng hoặc không phải ảnh PNG"),
    ],
)
def test_a_wrong_emblem_or_icon_is_refused_at_its_line(tmp_path, setting, files, said):
    root = _site(tmp_path / "s", f"      identity:\n        {setting}\n")
    for name, data in files.items():
        if data == "small":
            Image.new("RGB", (64, 64), "red").save(root / name)
        else:
            (root / name).write_bytes(data)
    result = run_bantin(root, "build")
    out = result.stdout + result.stderr
    line = _config().count("\n") + 2
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: plugins → bantin → identity → {setting.split(':')[0]}:" in out, out
    assert said in out and "Cách sửa" in out or "không có tệp" in said, out
    assert "Traceback" not in out
    assert not (root / "site").exists()


# --- 2. The contact block and the "Liên hệ" page ---------------------------------------------

CONTACT = """\
      contact:
        address: "Số 01 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị"
        phone: "0233 3852 246"
        email: hoiphunu@quangtri.gov.vn
        fanpage: https://www.facebook.com/hoiphunuquangtri
        zalo: https://zalo.me/g/abcdef123
"""


def test_contact_block_and_feed_links_on_every_page_and_a_contact_page(tmp_path):
    site = build_ok(_site(tmp_path / "s", CONTACT))
    pages = [p for p in reader_pages(site, "index.html") if "pagefind" not in p.parts]
    assert len(pages) > 10
    for path in [*pages, site / "404.html"]:
        url = "" if path.name == "404.html" else path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        footer = html.fromstring(path.read_bytes()).xpath("//footer")
        assert len(footer) == 1, path
        text = footer[0].text_content()
        assert "Số 01 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị" in text and "0233 3852 246" in text, path
        hrefs = footer[0].xpath(".//a/@href")
        assert "tel:02333852246" in hrefs and "mailto:hoiphunu@quangtri.gov.vn" in hrefs
        assert "https://www.facebook.com/hoiphunuquangtri" in hrefs and "https://zalo.me/g/abcdef123" in hrefs
        if path.name != "404.html":  # 404.html's links are absolute (site_url)
            feeds = [h for h in hrefs if h.endswith(("rss.xml", "atom.xml"))]
            assert len(feeds) == 2 and all(_resolve(site, url, h).is_file() for h in feeds), path
            assert site / "lien-he" / "index.html" in [_resolve(site, url, h) for h in hrefs], path
    page = _page(site, "lien-he/")
    assert page.xpath("//h1")[0].text_content() == "Liên hệ"
    body = page.xpath("//article")[0]
    assert "Zalo" in body.text_content() and "tel:02333852246" in body.xpath(".//a/@href")
    assert len([h for h in body.xpath(".//a/@href") if h.endswith("rss.xml")]) == 6  # every feed (albums' too)


def test_without_contact_settings_no_empty_list(tmp_path):
    site = build_ok(_site(tmp_path / "s"))
    footer = _page(site, "").xpath("//footer")[0]
    assert not footer.xpath(".//ul[not(li)]")
    assert footer.xpath('.//a[@href="rss.xml"]') and footer.xpath('.//a[@href="atom.xml"]')


@pytest.mark.parametrize(
    "key, value, said",
    [
        ("phone", "gọi cho Hội", "một số điện thoại"),
        ("email", "hoiphunu.quangtri.gov.vn", "một địa chỉ thư điện tử"),
        ("fanpage", "facebook.com/hoiphunu", "https://www.facebook.com/"),
        ("zalo", "https://example.org/zalo", "https://zalo.me/"),
    ],
)
def test_a_wrong_contact_setting_is_told_in_vietnamese_at_its_line(tmp_path, key, value, said):
    root = _site(tmp_path / "s", f'      contact:\n        address: Đông Hà\n        {key}: "{value}"\n')
    result = run_bantin(root, "build")
    out = result.stdout + result.stderr
    line = _config().count("\n") + 3
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: plugins → bantin → contact → {key}:" in out, out
    assert said in out and "Traceback" not in out
    assert not (root / "site").exists()


def test_lien_he_is_reserved_for_the_generated_page(tmp_path):
    root = _site(tmp_path / "s", files={"lien-he.md": "---\ntitle: Liên hệ\n---\nGọi Hội.\n"})
    result = run_bantin(root, "build")
    assert result.returncode != 0
    assert "content/lien-he.md" in result.stdout + result.stderr


# --- 3. Each listing page has its own meta description ----------------------------------------


def test_every_generated_listing_has_its_own_meta_description(tmp_path):
    files = {
        f"tin-tuc/{year}/bai-{n}.md": (
            f'---\ntitle: "Tin {year} số {n}"\ndate: {year}-03-0{n + 1} 08:00\ndescription: "Tóm tắt {year} {n}."\n'
            f"categories: [Hoạt động{' Hội' if n % 2 else ''}]\ntags: [Bình đẳng giới, Năm {year}]\n---\nNội dung.\n"
        )
        for year in (2025, 2026)
        for n in range(3)
    }
    site = build_ok(_site(tmp_path / "s", "      page_size: 2\n", files))
    site_wide = "Trang thử nghiệm"
    described: dict[str, str] = {}
    for path in site.rglob("index.html"):
        url = path.parent.relative_to(site).as_posix()
        if url.startswith(("tin-tuc/nam", "tin-tuc/trang", "chu-de", "tu-khoa")) or url == "tin-tuc":
            meta = html.fromstring(path.read_bytes()).xpath('//head/meta[@name="description"]/@content')
            assert len(meta) == 1 and meta[0].strip(), url
            described[url] = meta[0]
    assert {
        "tin-tuc/nam/2025",
        "tin-tuc/nam/2025/trang/2",
        "chu-de",
        "tu-khoa",
        "tu-khoa/nam-2026",
        "chu-de/hoat-dong-hoi",
        "tin-tuc/trang/2",
    } <= set(described)
    assert len(set(described.values())) == len(described), described  # no two alike
    assert all(site_wide not in d for d in described.values())
    assert described["tu-khoa/nam-2026"] == "3 tin bài có từ khóa “Năm 2026”, mới nhất trước."
    assert described["tin-tuc/nam/2025/trang/2"] == "Tin tức năm 2025 của Hội: 3 tin, mới nhất trước. (trang 2/2)"


# --- 4. Only the assets some page uses ---------------------------------------------------------

_URL_IN_CSS = re.compile(r"url\(\s*['\"]?([^'\")]+)")


def test_only_assets_some_page_uses_are_published(tmp_path):
    # The union's settings (palette, extra_css: bantin.css) with a small content of its own.
    config = fixture_config("union")
    root = make_site(
        tmp_path / "s",
        {"tin-tuc/2026/mot.md": news("Bài một"), "gioi-thieu.md": "---\ntitle: Giới thiệu\n---\nChào bạn.\n"},
        config,
    )
    site = build_ok(root)
    named: set[Path] = set()
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"]
    for path in pages:
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        tree = html.fromstring(path.read_bytes())
        for ref in tree.xpath("//link/@href | //script/@src | //img/@src | //source/@srcset"):
            if urlsplit(ref).scheme or ref.startswith("//"):
                continue
            target = _resolve(site, url, ref.split()[0])
            assert target.exists(), (path, ref)  # every local file a page names is published
            named.add(target.resolve())
    for css in [p for p in named if p.suffix == ".css"]:
        for ref in _URL_IN_CSS.findall(css.read_text(encoding="utf-8")):
            if ref.startswith(("data:", "#", "http")):
                continue
            named.add((css.parent / unquote(ref.split("#")[0].split("?")[0])).resolve())
    # Pictures, cards and PDFs are named by pages, Open Graph and feeds (their own tests); the
    # theme's assets must each be loaded by some page.
    theme_assets = [
        p for p in (site / "assets").rglob("*") if p.is_file() and not p.is_relative_to(site / "assets" / "cards")
    ]
    unused = [p.relative_to(site).as_posix() for p in theme_assets if p.resolve() not in named]
    assert unused == []
    assert not list(site.rglob("bundle.*.js")) and not (site / "assets/javascripts/lunr").exists()
    assert (site / "assets/javascripts/search.js").resolve() in named  # the search page's own script
    assert (site / "pagefind" / "pagefind.js").is_file()


# --- 5. Thumbnails in listings, captions on the web ------------------------------------------


def _photo(path: Path, colour=(200, 40, 90), size=(1200, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def test_listings_show_thumbnails_for_entries_with_a_photo(tmp_path):
    photo = (
        '---\ntitle: "{t}"\ndate: 2026-11-{d} 08:00\ndescription: "Tóm tắt."\nimage: {img}\n'
        'image_alt: "Hội viên {t}"\n---\nNội dung.\n'
    )
    files = {
        "tin-tuc/2026/a.md": photo.format(t="Có ảnh A", d="20", img="a.jpg"),
        "tin-tuc/2026/a.jpg": _photo(None),
        "tin-tuc/2026/b.md": news("Chỉ có chữ", "2026-11-19 08:00"),
        "tin-tuc/2026/c.md": photo.format(t="Có ảnh C", d="18", img="c.jpg"),
        "tin-tuc/2026/c.jpg": _photo(None),
    }
    site = build_ok(_site(tmp_path / "s", files=files))
    for url in ("tin-tuc/", "tin-tuc/nam/2026/", ""):
        page = _page(site, url)
        cards = {li.xpath(".//h2//a")[0].text_content(): li for li in page.xpath('//li[contains(@class, "bt-card")]')}
        assert not cards["Chỉ có chữ"].xpath(".//img") and "bt-card--photo" not in cards["Chỉ có chữ"].get("class")
        thumbs = [cards[t].xpath('.//img[@class="bt-card__thumb"]')[0] for t in ("Có ảnh A", "Có ảnh C")]
        for title, thumb in zip(("Có ảnh A", "Có ảnh C"), thumbs):
            assert thumb.get("alt") == f"Hội viên {title}"
            assert thumb.get("src").endswith(".webp") and _resolve(site, url, thumb.get("src")).is_file()
            for candidate in thumb.get("srcset").split(", "):
                assert candidate.split()[0].endswith(".webp") and _resolve(site, url, candidate.split()[0]).is_file()
            assert int(thumb.get("width")) > 0 and int(thumb.get("height")) > 0
        assert thumbs[1].get("loading") == "lazy"
        assert "8rem" in thumbs[0].get("sizes")  # not the article column's 800px


def test_web_photos_get_the_captions_the_pdf_uses(tmp_path):
    body = (
        'Mở đầu.\n\n![Chị em nhận vốn](von.jpg "Chị em xã Cam Thủy nhận vốn, tháng 3/2021")\n\n'
        "![Lớp tập huấn](lop.jpg)\n\nGiữa câu ![biểu tượng](lop.jpg) vẫn là chữ.\n\n"
        "![Hội viên dệt vải](von.jpg)\n\nHội viên dệt vải.\n\nKết bài.\n"
    )  # Word's caption paragraph
    files = {
        "tin-tuc/2026/a.md": news("Có chú thích").replace("Nội dung.\n", body),
        "tin-tuc/2026/von.jpg": _photo(None),
        "tin-tuc/2026/lop.jpg": _photo(None, (20, 90, 160)),
    }
    site = build_ok(_site(tmp_path / "s", files=files))
    article = _page(site, "tin-tuc/co-chu-thich/").xpath("//article")[0]
    figures = article.xpath(".//figure[img]")
    captions = [f.xpath("./figcaption")[0].text_content() for f in figures]
    assert captions == ["Chị em xã Cam Thủy nhận vốn, tháng 3/2021", "Lớp tập huấn", "Hội viên dệt vải"]
    assert article.text_content().count("Hội viên dệt vải") == 1 and "Kết bài." in article.text_content()
    assert all(f.xpath("./img/@srcset") for f in figures)  # still the processed WebP copies
    inline = article.xpath('.//p[contains(., "Giữa câu")]/img')
    assert len(inline) == 1  # a picture inside a sentence stays in it, without a caption
    assert not article.xpath(".//p[img and count(*) = 1 and normalize-space(.) = '']")
