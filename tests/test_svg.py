"""SVG files in content/ are published only when they hold no script, handler or outside
reference (issue 16, item 5): refused at their line by ``bantin check`` and ``bantin build``."""

from __future__ import annotations

from conftest import news, make_site, run_bantin

CLEAN = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20">
  <defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>
  <style>.nen { fill: url(#g); }</style>
  <a href="#nen"><rect id="nen" class="nen" width="20" height="20"/></a>
  <use xlink:href="#nen"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"""

HOSTILE = {
    "script": (
        b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(document.domain)</script>\n</svg>',
        2,
        "<script>",
    ),
    "handler": (b'<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)">\n</svg>', 1, "onload"),  # the tag's line
    "foreign": (
        b'<svg xmlns="http://www.w3.org/2000/svg">\n\n<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p>'
        b"</foreignObject></svg>",
        3,
        "<foreignObject>",
    ),
    "external": (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n'
        b'<image xlink:href="https://theo-doi.example/x.png"/></svg>',
        2,
        "https://theo-doi.example/x.png",
    ),
    "javascript": (
        b'<svg xmlns="http://www.w3.org/2000/svg">\n<a href="javascript:alert(1)"><text>x</text></a></svg>',
        2,
        "javascript:alert(1)",
    ),
    "css": (
        b'<svg xmlns="http://www.w3.org/2000/svg">\n<style>@import url(https://x.example/a.css);</style></svg>',
        2,
        "@import",
    ),
    "animation": (
        b'<svg xmlns="http://www.w3.org/2000/svg">\n<a><set attributeName="href" to="javascript:alert(1)"/>'
        b"<text>x</text></a></svg>",
        2,
        "<set>",
    ),
    "entity": (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b"&a;</svg>",
        2,
        "ENTITY",
    ),
    "broken": (b'<svg xmlns="http://www.w3.org/2000/svg">\n<g></svg>', 2, "XML"),
}


def test_hostile_svg_is_refused_at_check_and_build(tmp_path):
    files = {f"tin-tuc/{case}.svg": data for case, (data, _, _) in HOSTILE.items()}
    root = make_site(tmp_path, {"tin-tuc/bai.md": news("Bài có hình"), **files})
    for command in ("check", "build"):
        result = run_bantin(root, command)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        for case, (_, line, clue) in HOSTILE.items():
            messages = [m for m in output.splitlines() if m.startswith(f"content/tin-tuc/{case}.svg:{line}:")]
            assert [m for m in messages if clue in m and "Cách sửa:" in m], (command, case, output)
    assert not (root / "site").exists()


def test_svgz_is_refused(tmp_path):
    root = make_site(tmp_path, {"tin-tuc/bai.md": news("Bài có hình"), "tin-tuc/hinh.svgz": b"\x1f\x8b\x08\x00"})
    result = run_bantin(root, "build")
    assert result.returncode == 1 and "content/tin-tuc/hinh.svgz:1:" in result.stderr, result.stderr


def test_clean_svg_is_published_as_it_is(tmp_path):
    root = make_site(
        tmp_path,
        {
            "tin-tuc/bai.md": news("Bài có hình") + "\n![Hình vẽ](hinh.svg)\n",
            "tin-tuc/hinh.svg": CLEAN,
            "_data/ghi-chu.svg": HOSTILE["script"][0],
        },
    )
    result = run_bantin(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site" / "tin-tuc" / "hinh.svg").read_bytes() == CLEAN


XHTML_IN_XML = (
    '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
    "<script>alert(document.domain)</script></body></html>"
)
"""An XML file a browser opens as a document, whose XHTML script runs on the site's origin."""


def test_web_pages_and_scripts_in_content_are_refused(tmp_path):
    """The same class as a scripted SVG: a page or script of content/ would run on the site's origin."""
    root = make_site(
        tmp_path,
        {
            "tin-tuc/bai.md": news("Bài"),
            "tin-tuc/trang.html": "<script>alert(1)</script>",
            "tin-tuc/ma.js": "alert(1)",
            "tin-tuc/CU.HTM": "<p>cũ</p>",
            "tin-tuc/du-lieu.xml": XHTML_IN_XML,
            "tin-tuc/kieu.xsl": XHTML_IN_XML,
            "tin-tuc/tin.rss": XHTML_IN_XML,
            "_data/ghi-chu.html": "<p>không đăng</p>",
        },
    )
    for command in ("check", "build"):
        result = run_bantin(root, command)
        assert result.returncode == 1, result.stdout + result.stderr
        for name in ("trang.html", "ma.js", "CU.HTM", "du-lieu.xml", "kieu.xsl", "tin.rss"):
            assert f"content/tin-tuc/{name}:1: lỗi: Tệp '{name}' là trang web hoặc mã chạy được" in result.stderr
        assert "_data" not in result.stderr
    assert not (root / "site").exists()
