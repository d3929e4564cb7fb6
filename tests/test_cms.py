"""The web editor at /admin/ (Decap CMS): its configuration made from the content model, the
built admin/ folder, the "Sửa bài này" link, and the whole path in Debian's Chromium.

The browser test runs Decap's local mode: ``decap-server`` (admin/node_modules, MODE=git) on a
git copy of the union fixture, the built site served on 127.0.0.1. It writes an article with a
photo carrying GPS, then edits plan 206/KH-BTV, as an editor would, and reads what was
committed (editorial workflow: a branch ``cms/<collection>/<slug>`` per entry, as a pull
request on GitHub).

Screenshots: one scheme, the names HUONG-DAN.md's chapter 10 shows (GUIDE_SHOTS). Every run
writes them to test-artifacts/screenshots/cms/ (CI keeps them); with BANTIN_GUIDE_SCREENSHOTS=1
the run also writes them, quantised to stay small, to docs/anh/cms/, the committed copies the
guide shows (not on every run: the form shows the day's date, so each run would change committed
files). A test checks that every picture the guide references exists.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image
from playwright.sync_api import expect

from builder.content import fields, schema
from builder.content.scaffold import ABBREVIATIONS
from builder.content.video import KEYS as VIDEO_KEYS
from builder.outputs import admin, cms_config
from conftest import ROOT, build_ok, copy_fixture, free_port, run_bantin

SHOTS = ROOT / "test-artifacts" / "screenshots" / "cms"
GUIDE = ROOT / "docs" / "anh" / "cms"
GUIDE_SHOTS = ("01-dang-nhap", "02-danh-sach", "03-bai-moi", "04-anh", "05-luu", "06-sua-trich-yeu")
"""The steps HUONG-DAN.md's chapter 10 illustrates, in order: the browser test's screenshots."""
GUIDE_MAX_BYTES = 150_000
GPS_IFD = 0x8825


# --- the configuration, from the model ------------------------------------------------------


def _site(**extra) -> cms_config.Site:
    return cms_config.Site(
        repo="hoi/bantin", issues=(("so-1", "Số 1/2026"),), categories=("Gia đình", "Hoạt động Hội"), **extra
    )


def _collections_of(config: dict, kind: str) -> list[dict]:
    """The collections (or, for a files collection, its files) holding content type ``kind``."""
    if kind == "issue":
        return [f for c in config["collections"] if c["name"] == "issue" for f in c["files"]]
    if kind == "issue_article":
        return [c for c in config["collections"] if c["name"] == cms_config.issue_collection("so-1")]
    return [c for c in config["collections"] if c["name"] == kind]


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_every_key_of_the_model_is_a_field_with_its_rules(kind):
    config = cms_config.config(_site())
    found = _collections_of(config, kind)
    assert found, f"no collection for content type {kind}"
    for item in found:
        by_name = {f["name"]: f for f in item["fields"]}
        assert set(schema.SCHEMAS[kind]) <= set(by_name), set(schema.SCHEMAS[kind]) - set(by_name)
        for key in schema.SCHEMAS[kind]:
            made = by_name[key]
            assert made["label"] and made["hint"], key
            assert made["required"] == (key in schema.REQUIRED[kind]), key
        assert by_name["draft"]["default"] is True  # a new entry is a draft, as `bantin new` makes it
        assert "body" in by_name


def test_the_model_s_rules_become_widgets():
    config = cms_config.config(_site())
    news = {f["name"]: f for f in _collections_of(config, "news")[0]["fields"]}
    assert news["date"]["widget"] == "datetime" and news["date"]["format"].endswith("Z")  # offset written: +07:00
    assert news["categories"]["options"] == ["Gia đình", "Hoạt động Hội"]
    assert news["tags"]["widget"] == "list" and news["image"]["widget"] == "image"
    document = {f["name"]: f for f in _collections_of(config, "document")[0]["fields"]}
    assert set(ABBREVIATIONS) | {"Công văn"} <= set(document["document_type"]["options"])
    assert document["attachments"]["field"]["widget"] == "file"
    assert [(f["name"], f["widget"]) for f in document["signer"]["fields"]] == [
        ("authority", "authority"),
        ("title", "string"),
        ("name", "string"),
    ]  # one line or a list: admin/page/bantin-widgets.js
    pattern = re.compile(document["document_number"]["pattern"][0])
    for written in ("206/KH-BTV", "206/KH - BTV", "Số: 05/QĐ-BTV"):  # what the converter normalises
        assert pattern.match(written) and fields.document_number(written)
    for wrong in ("206 KH BTV", "KH-BTV"):
        assert not pattern.match(wrong)
        with pytest.raises(fields.FieldError):
            fields.document_number(wrong)
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "vi"
    for item in config["collections"]:  # photos beside the entry, as builder/content/images.py reads them
        for part in item.get("files", [item]):
            assert part["media_folder"] == "" and part["public_folder"] == ""


TEXT_CONVERTERS = (fields.text, fields.nonempty_text)


@pytest.mark.parametrize("kind", list(schema.SCHEMAS))
def test_no_key_with_a_rule_of_its_own_falls_back_to_a_plain_text_field(kind):
    # A key added to the model with its own converter (a list, a mapping, a file) needs its own
    # widget: as a plain text field the editor would save what bantin check refuses.
    for item in _collections_of(cms_config.config(_site()), kind):
        by_name = {f["name"]: f for f in item["fields"]}
        for key, converter in schema.SCHEMAS[kind].items():
            made = by_name[key]
            if made["widget"] == "string" and "pattern" not in made:
                assert converter in TEXT_CONVERTERS, (kind, key)


def test_albums_videos_and_library_files_get_their_widgets():
    config = cms_config.config(_site())
    album = _collections_of(config, "album")[0]
    assert album["path"] == "{{slug}}/index" and album["folder"] == "content/album"  # album/<album>/index.md
    photos = {f["name"]: f for f in album["fields"]}["photos"]
    assert photos["widget"] == "list"
    assert [(f["name"], f["widget"], f["required"]) for f in photos["fields"]] == [
        ("file", "image", True),
        ("alt", "string", True),
        ("caption", "string", False),
    ]
    video = {f["name"]: f for f in _collections_of(config, "news")[0]["fields"]}["video"]
    assert video["widget"] == "object" and {f["name"] for f in video["fields"]} == set(VIDEO_KEYS)
    library = {f["name"]: f for f in _collections_of(config, "download")[0]["fields"]}
    assert library["file"]["widget"] == "file"
    assert cms_config.entry_address("album", "album/hoi-thi/index.md") == "#/collections/album/entries/hoi-thi/index"


def _widgets(fields: list[dict]):
    """Every field of ``fields``, nested ones (object, list) included."""
    for made in fields:
        yield made
        yield from _widgets(made.get("fields", []) + ([made["field"]] if "field" in made else []))


def test_every_file_and_picture_is_uploaded_beside_the_entry_never_an_address():
    # Decap's "Insert from URL" (English: its Vietnamese locale lacks it) would write an address
    # the model refuses for a file key (a video's file and poster, an attachment): upload only.
    config = cms_config.config(_site())
    for item in config["collections"]:
        for part in item.get("files", [item]):
            for made in _widgets(part["fields"]):
                if made.get("widget") in ("file", "image"):
                    assert made.get("choose_url") is False, (part["name"], made["name"])


def test_sign_in_relay_and_local_mode_from_the_settings():
    config = cms_config.config(
        _site(
            auth_url="https://bantin-auth.example.workers.dev",
            branch="xuat-ban",
            local_url="http://127.0.0.1:9999/api/v1",
        )
    )
    assert config["backend"]["base_url"] == "https://bantin-auth.example.workers.dev"
    assert config["backend"]["branch"] == "xuat-ban"
    assert config["local_backend"]["url"] == "http://127.0.0.1:9999/api/v1"
    assert "base_url" not in cms_config.config(_site())["backend"]


def test_without_npm_make_site_says_so_in_one_line(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "admin").mkdir()
    shutil.copy(admin.ADMIN / "package-lock.json", tmp_path / "admin" / "package-lock.json")
    make = shutil.which("make")
    done = subprocess.run(
        [make, "--no-print-directory", "editor"],
        cwd=tmp_path,
        env={"PATH": str(tmp_path / "nothing")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().count("\n") == 0 and done.stdout.startswith("Không có npm:"), done.stdout
    assert "/admin/" in done.stdout and "make site" in done.stdout


def test_repository_from_the_site_s_address():
    assert admin.repository(None, "https://hoiphunu-quangtri.github.io/bantin/") == "hoiphunu-quangtri/bantin"
    assert admin.repository("https://github.com/hoi/trang.git", "https://example.org/") == "hoi/trang"


# --- the built admin/ folder ----------------------------------------------------------------


@pytest.fixture(scope="module")
def decap() -> Path:
    """Decap CMS and decap-server, installed from admin/package-lock.json on first use."""
    if not admin.installed():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("Thiếu npm (Node.js) để cài trình soạn thảo web: `apt-get install -y npm`.")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=admin.ADMIN,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return admin.ADMIN / "node_modules"


@pytest.fixture(scope="module")
def union(decap, tmp_path_factory) -> tuple[Path, int]:
    """A git copy of the union fixture whose editor talks to decap-server on a free port, built."""
    root = copy_fixture("union", tmp_path_factory.mktemp("cms") / "repo")
    port = free_port()
    editor_repository(root, port)
    return root, port


def test_admin_is_built_with_its_own_policy_and_the_model_s_config(union):
    site = union[0] / "site"
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy and "https://api.github.com" in policy
    assert "'none'" not in policy.split("script-src")[1].split(";")[0]
    assert (site / "admin" / "decap-cms.js").stat().st_size > 1_000_000 and (
        site / "admin" / "bantin-admin.js"
    ).is_file()
    assert (site / "admin" / "bantin-widgets.js").is_file()  # registered after Decap: loaded after it
    assert (
        page.index('src="bantin-admin.js"') < page.index('src="decap-cms.js"') < page.index('src="bantin-widgets.js"')
    )
    assert not list((site / "admin").glob("*.map"))
    config = json.loads((site / "admin" / "config.json").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "hoiphunu-quangtri/bantin"
    issue_files = [(f["file"], f["label"]) for c in config["collections"] if c["name"] == "issue" for f in c["files"]]
    assert issue_files == [("content/ban-tin/so-8-3-2021/index.md", "Số 8/3/2021")]
    articles = next(c for c in config["collections"] if c["name"] == cms_config.issue_collection("so-8-3-2021"))
    assert articles["folder"] == "content/ban-tin/so-8-3-2021" and articles["label"] == "Bài của bản tin Số 8/3/2021"
    news = next(c for c in config["collections"] if c["name"] == "news")
    assert "Gia đình" in next(f for f in news["fields"] if f["name"] == "categories")["options"]


def test_every_entry_page_links_to_it_in_the_editor_but_not_in_print(union):
    site = union[0] / "site"
    article = (site / "tin-tuc" / "ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<a href="../../admin/#/collections/news/entries/ra-mat-mo-hinh-lang-que-an-toan-tai-xa-vinh-chap" '
        'rel="nofollow">Sửa bài này</a>'
    ) in article
    document = (site / "van-ban" / "ke-hoach-206-kh-btv-2020" / "index.html").read_text(encoding="utf-8")
    assert "admin/#/collections/document/entries/ke-hoach-206-kh-btv" in document
    page = (site / "gioi-thieu" / "index.html").read_text(encoding="utf-8")
    assert 'href="../admin/#/collections/page/entries/gioi-thieu"' in page
    assert "Sửa bài này" not in (site / "index.html").read_text(encoding="utf-8")  # a listing: no entry to edit
    css = (site / "assets" / "stylesheets" / "bantin.css").read_text(encoding="utf-8")
    printed = css[css.index("@media print") :]
    assert re.search(r"\.bt-edit\s*\{\s*display:\s*none", printed)
    from pdfread import pages_text

    for pdf in site.rglob("*.pdf"):
        assert "Sửa bài này" not in "".join(pages_text(pdf)), pdf


# --- the browser -----------------------------------------------------------------------------


class _Site(http.server.SimpleHTTPRequestHandler):
    """The built site under /bantin/, as GitHub Pages serves it (.wasm as WebAssembly)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path.removeprefix("/bantin/"))

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


def _shot(page, name: str) -> None:
    """Screenshot ``name`` (one of :data:`GUIDE_SHOTS`) into SHOTS, and into the guide's
    docs/anh/cms/ when BANTIN_GUIDE_SCREENSHOTS=1: 256 colours, optimised (< 150 KB)."""
    assert name in GUIDE_SHOTS, name
    path = SHOTS / f"{name}.png"
    page.screenshot(path=path)
    if os.environ.get("BANTIN_GUIDE_SCREENSHOTS") == "1":
        GUIDE.mkdir(parents=True, exist_ok=True)
        small = Image.open(path).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
        small.save(GUIDE / path.name, optimize=True)
        assert (GUIDE / path.name).stat().st_size < GUIDE_MAX_BYTES, path.name


def test_every_picture_the_guide_shows_exists_and_is_small():
    guide = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
    shown = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", guide)
    assert [p for p in shown if p.startswith("docs/anh/cms/")] == [f"docs/anh/cms/{n}.png" for n in GUIDE_SHOTS]
    for picture in (p for p in shown if p.startswith("docs/")):  # the others are examples of Markdown
        assert (ROOT / picture).is_file(), f"HUONG-DAN.md shows {picture}, which does not exist"
        assert (ROOT / picture).stat().st_size < GUIDE_MAX_BYTES, picture


def test_the_guide_names_the_editor_s_menu_and_sign_in_button():
    # Chapter 10 is followed click by click: the collections it names are the configuration's,
    # and the sign-in is Decap's GitHub button (its Vietnamese text, decap-cms-locales), not a token.
    guide = (ROOT / "HUONG-DAN.md").read_text(encoding="utf-8")
    chapter = guide[guide.index("## 10. ") :]
    chapter = chapter[: chapter.index("\n## ")] if "\n## " in chapter else chapter
    chapter = " ".join(chapter.split())  # a name may be wrapped over two lines
    for title in cms_config.TITLES.values():
        assert title in chapter, title
    assert "Đăng nhập bằng GitHub" in chapter and "token" not in chapter


def _gps_photo(path: Path) -> Path:
    """A 3200 × 2000 JPEG with a GPS position (Quảng Trị) and a camera name in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (16.0, 45.0, 30.0), 3: "E", 4: (107.0, 11.0, 5.0)})
    Image.new("RGB", (3200, 2000), (200, 80, 120)).save(path, exif=exif)
    assert dict(Image.open(path).getexif().get_ifd(GPS_IFD))
    return path


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def editor_repository(root: Path, port: int) -> None:
    """Make the project ``root`` a git repository whose web editor talks to decap-server on
    ``port`` (``cms: local_url``), its content committed on ``main``, and build it."""
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - bantin:\n", f"  - bantin:\n      cms:\n        local_url: http://127.0.0.1:{port}/api/v1\n", 1
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "Nội dung ban đầu"]):
        subprocess.run(
            ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *command], cwd=root, check=True
        )
    build_ok(root)


@contextlib.contextmanager
def editor_session(browser, root: Path, port: int):
    """The editor in local mode, as an editor at the union's office would run it: decap-server
    (git mode) on ``port`` over the repository ``root``, the built site (``root/site``) served on
    127.0.0.1 under /bantin/, and a browser context in Vietnam's time zone and language.

    Yields ``(page, address of /bantin/admin/)``; everything is stopped afterwards."""
    server = subprocess.Popen(
        ["node", str(admin.ADMIN / "node_modules" / "decap-server" / "dist" / "index.js")],
        env={
            **os.environ,
            "MODE": "git",
            "PORT": str(port),
            "BIND_HOST": "127.0.0.1",
            "GIT_REPO_DIRECTORY": str(root),
            "LOG_LEVEL": "warn",
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Site, directory=str(root / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context(
        timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    try:
        yield context.new_page(), f"http://127.0.0.1:{httpd.server_address[1]}/bantin/admin/"
    finally:
        context.close()
        httpd.shutdown()
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.browser
def test_write_an_article_with_a_photo_then_edit_a_document(browser, union, tmp_path):
    root, port = union
    shutil.rmtree(SHOTS, ignore_errors=True)  # no picture of an earlier run (a stale loi.png) is left
    SHOTS.mkdir(parents=True)
    with editor_session(browser, root, port) as (page, base):
        errors, elsewhere = [], []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on(
            "request",
            lambda r: (
                elsewhere.append(r.url)
                if urlsplit(r.url).hostname != "127.0.0.1" and not r.url.startswith(("data:", "blob:"))
                else None
            ),
        )
        try:
            _wait_for_port(port)
            page.goto(base)
            page.get_by_role("button", name="Đăng nhập").wait_for()
            _shot(page, "01-dang-nhap")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Bộ sưu tập").first.wait_for()
            assert not errors and not elsewhere, (errors, elsewhere)  # the page loaded clean, and from here only
            page.get_by_role("link", name="Tin tức").click()
            page.get_by_text(re.compile("^Ra mắt mô hình")).first.wait_for()  # the list, not "Đang tải..."
            _shot(page, "02-danh-sach")

            # 1. A news article with a Vietnamese title and a photo with GPS.
            page.goto(base + "#/collections/news/new")
            page.get_by_label("Tiêu đề").fill("Phụ nữ Đakrông ra quân làm đường giao thông")
            _shot(page, "03-bai-moi")
            page.get_by_role("button", name="Chọn một hình").click()
            page.set_input_files("input[type=file]", _gps_photo(tmp_path / "anh-lam-duong.jpg"))
            page.get_by_text("anh-lam-duong.jpg").wait_for()
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            page.get_by_label("Mô tả ảnh").fill("Chị em phụ nữ xã Đakrông cùng làm đường")
            page.get_by_label("Mô tả ảnh").scroll_into_view_if_needed()
            _shot(page, "04-anh")
            page.locator("[data-slate-editor]").click()
            page.keyboard.type("Sáng 5/12, hơn 200 hội viên đã ra quân làm đường giao thông nông thôn.")
            page.get_by_role("button", name="Lưu", exact=True).click()
            page.get_by_text("Mục đã được lưu").wait_for()
            _shot(page, "05-luu")

            slug = "phu-nu-dakrong-ra-quan-lam-duong-giao-thong"
            branch = f"cms/news/{slug}"
            _wait_for_branch(root, branch)
            changed = _git(root, "diff", "--name-status", "main", branch).split("\n")
            assert set(filter(None, changed)) == {
                f"A\tcontent/tin-tuc/{slug}.md",
                "A\tcontent/tin-tuc/anh-lam-duong.jpg",
            }
            photo = Image.open(
                io.BytesIO(
                    subprocess.run(
                        ["git", "show", f"{branch}:content/tin-tuc/anh-lam-duong.jpg"],
                        cwd=root,
                        check=True,
                        capture_output=True,
                    ).stdout
                )
            )
            assert max(photo.size) == 2560 and not dict(photo.getexif()), (photo.size, dict(photo.getexif()))
            article = _git(root, "show", f"{branch}:content/tin-tuc/{slug}.md")
            assert "draft: true" in article and "+07:00" in article
            # bantin check accepts the article as committed (the branch checked out apart, as CI
            # checks a pull request; decap-server keeps using the repository's own work tree).
            _git(root, "worktree", "add", "-q", "--detach", str(tmp_path / "pull-request"), branch)
            checked = run_bantin(tmp_path / "pull-request", "check")
            assert checked.returncode == 0, checked.stdout + checked.stderr

            # 2. Plan 206/KH-BTV: its trích yếu only.
            page.goto(base + "#/collections/document")
            page.reload()  # a fresh editor: no toast or entry left from the article
            listed = page.get_by_text("Định hướng hoạt động năm 2021")  # the register lists number and trích yếu
            listed.wait_for()
            listed.click()
            summary = page.get_by_label("Trích yếu")
            expect(summary).to_have_value("Định hướng hoạt động năm 2021")
            summary.fill("Định hướng hoạt động trọng tâm năm 2021")
            _shot(page, "06-sua-trich-yeu")
            page.get_by_role("button", name="Lưu", exact=True).click()
            page.get_by_text("Mục đã được lưu").wait_for()
            branch = "cms/document/ke-hoach-206-kh-btv"
            _wait_for_branch(root, branch)
            diff = _git(root, "diff", "-U0", "main", branch, "--", "content/van-ban/ke-hoach-206-kh-btv.md")
            (SHOTS / "06-sua-trich-yeu.diff").write_text(diff, encoding="utf-8")  # for the report and the guide
            # The two entries wait for review on the editorial board, each its own pull request on GitHub.
            page.goto(base + "#/workflow")
            page.get_by_text("Phụ nữ Đakrông ra quân làm đường giao thông").wait_for()
            before = _git(root, "show", "main:content/van-ban/ke-hoach-206-kh-btv.md")
            after = _git(root, "show", f"{branch}:content/van-ban/ke-hoach-206-kh-btv.md")
            (front_before, body_before), (front_after, body_after) = _split(before), _split(after)
            assert list(front_after) == list(front_before)  # no key moved (fields in `bantin new`'s order)
            assert front_after == {**front_before, "summary_line": "Định hướng hoạt động trọng tâm năm 2021"}
            assert body_after.strip() == body_before.strip()
            # Decap writes YAML its own way: quotes dropped where YAML needs none, long text folded
            # (docs/cms.md). The values read the same; only these lines may differ.
            requoted = {"document_number", "recipients", "description", "tags"}
            for line in diff.splitlines():
                if line[:1] in "+-" and not line.startswith(("+++", "---")) and not line.startswith(("+ ", "- ")):
                    key = line[1:].split(":", 1)[0]
                    assert key == "summary_line" or key in requoted or not re.match(r"^[a-z_]+$", key), line
        except Exception:
            page.screenshot(path=SHOTS / "loi.png")  # where it stopped, for whoever reads the failure
            raise


def _split(text: str) -> tuple[dict, str]:
    """The front matter (read by PyYAML, in order) and the body of a Markdown file."""
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"decap-server did not listen on 127.0.0.1:{port}")


def _wait_for_branch(root: Path, branch: str, seconds: float = 10) -> None:
    """Wait until decap-server has committed to ``branch`` and gone back to main (it checks the
    branch out in the repository's work tree while it writes)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (
            _git(root, "branch", "--list", branch).strip()
            and _git(root, "branch", "--show-current").strip() == "main"
            and _git(root, "rev-parse", branch) != _git(root, "rev-parse", "main")
        ):
            return
        time.sleep(0.1)
    pytest.fail(f"no branch {branch}: {_git(root, 'branch')}")
