"""Every use of the engine's internals has a guard, and its fallback builds the same site
(builder/mkdocs_plugin/engine.py; issue 19 §2).

Each test makes the engine look like a future version to one guard (a function with another
signature, or one that no longer sets what bantin replays: monkeypatched here, since the point
is the fallback path) and runs the real preview build of the union's fixture site in this
process through it. The site must be byte for byte the one the stock engine gives, and the
fallback must have been taken and said.
"""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, NOW, ROOT, THEME, bantin_env, copy_fixture, make_site, site_digests

from builder.build import quiet_mkdocs
from builder.mkdocs_plugin import engine
from builder.preview import Preview

NEWS = "content/tin-tuc/ngan-hang-con-giong-tiep-suc-hoi-vien-ngheo-o-xa-cam-thuy.md"


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture
def said(monkeypatch):
    """The lines the plugin's logger says during the test; the guards are checked afresh."""
    lines = _Lines()
    logger = logging.getLogger("mkdocs.plugins.bantin")
    logger.addHandler(lines)
    level = logger.level
    logger.setLevel(logging.INFO)  # what `bantin build --verbose` shows
    engine._guard.cache_clear()
    yield lines.lines
    logger.removeHandler(lines)
    logger.setLevel(level)
    engine._guard.cache_clear()  # the next test sees the stock engine again


def _project(tmp_path: Path, name: str, monkeypatch) -> Path:
    root = copy_fixture("union", tmp_path / name)
    monkeypatch.setenv("BANTIN_NOW", NOW)
    monkeypatch.setenv("BANTIN_CACHE_DIR", str(tmp_path / f"cache-{name}"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiet_mkdocs()
    return root


def _preview_tree(root: Path) -> dict[str, str]:
    preview = Preview(str(root / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        preview.wait_search()
        return site_digests(preview.site_dir)
    finally:
        preview.close()


@pytest.fixture(scope="module")
def stock_tree(tmp_path_factory) -> dict[str, str]:
    """The union's site as the stock engine builds it (the reference of every test)."""
    with pytest.MonkeyPatch.context() as patch:
        engine._guard.cache_clear()
        tree = _preview_tree(_project(tmp_path_factory.mktemp("stock"), "project", patch))
    assert len(tree) > 100
    return tree


def _differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


@pytest.mark.slow
def test_stored_pages_fall_back_to_the_engine_writing_every_page(tmp_path, monkeypatch, said, stock_tree):
    from mkdocs.commands import build

    engine_build_page, calls = build._build_page, []

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False, *, later=None):
        calls.append(page.url)
        return engine_build_page(page, config, doc_files, nav, env, dirty, excluded)

    monkeypatch.setattr(build, "_build_page", _build_page)  # a future engine: another signature
    tree = _preview_tree(_project(tmp_path, "project", monkeypatch))
    assert _differing(tree, stock_tree) == []
    assert any("'stored pages'" in line for line in said)
    pages = [p for p in tree if p.endswith("index.html") and not p.startswith("admin/")]  # admin/: the CMS, no page
    assert len(calls) >= len(pages) > 50  # the engine wrote every page, stored ones included


@pytest.mark.slow
def test_stored_pages_are_off_when_the_engine_does_not_say_who_listens(tmp_path, monkeypatch, stock_tree):
    """A future engine keeping its plugins' listeners in something other than the dict
    ``config.plugins.events`` (a read-only view here): nobody can tell whether another plugin
    handles the page events stored pages skip, so none is stored; MkDocs writes every page,
    and the site is the same."""
    import types

    from mkdocs.commands import build
    from mkdocs.plugins import PluginCollection

    engine_init = PluginCollection.__init__

    def __init__(self, *args, **kwargs):
        engine_init(self, *args, **kwargs)
        self.events = types.MappingProxyType(self.events)  # the engine still reads and fills it

    engine_build_page, calls = engine._engine_build_page(), []  # the engine's own, not a wrapper of it

    def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        calls.append(page.url)
        return engine_build_page(page, config, doc_files, nav, env, dirty, excluded)

    monkeypatch.setattr(PluginCollection, "__init__", __init__)
    monkeypatch.setattr(engine, "_WRAPPED", {})  # wrapped afresh, around the counting function
    monkeypatch.setattr(build, "_build_page", _build_page)
    root = _project(tmp_path, "project", monkeypatch)
    _preview_tree(root)  # fills the page cache: the next build could store every page
    calls.clear()
    tree = _preview_tree(root)
    assert _differing(tree, stock_tree) == []
    pages = [p for p in tree if p.endswith("index.html") and not p.startswith("admin/")]
    assert len(calls) >= len(pages) > 50  # the engine wrote every page: none was stored


@pytest.mark.slow
def test_pages_are_not_rendered_ahead_when_the_template_context_changed(tmp_path, monkeypatch, said, stock_tree):
    from mkdocs.commands import build

    engine_context = build.get_context

    def get_context(nav, files, config, page=None, base_url="", theme=None):
        return engine_context(nav, files, config, page, base_url)

    monkeypatch.setattr(build, "get_context", get_context)
    tree = _preview_tree(_project(tmp_path, "project", monkeypatch))
    assert _differing(tree, stock_tree) == []
    assert any("'pages rendered ahead'" in line for line in said)
    assert not engine.render_ahead_supported()


@pytest.mark.slow
def test_markdown_is_converted_by_the_engine_when_its_results_cannot_be_replayed(
    tmp_path, monkeypatch, said, stock_tree
):
    from mkdocs.structure.pages import Page

    engine_render = Page.render

    def render(self, config, files):  # sets the results elsewhere, as far as the guard can see
        return engine_render(self, config, files)

    monkeypatch.setattr(Page, "render", render)
    root = _project(tmp_path, "project", monkeypatch)
    tree = _preview_tree(root)
    assert _differing(tree, stock_tree) == []
    assert any("'Markdown cache'" in line for line in said)
    import sqlite3

    with sqlite3.connect(tmp_path / "cache-project" / "build.sqlite") as db:
        kinds = {row[0] for row in db.execute("SELECT DISTINCT kind FROM entries")}
    assert "markdown" not in kinds and "page" in kinds  # no conversion stored; the rest cached as usual


@pytest.mark.slow
def test_an_edit_in_the_preview_falls_back_to_a_full_build_when_the_page_functions_changed(tmp_path, monkeypatch, said):
    from mkdocs.commands import build

    engine_populate = build._populate_page

    def _populate_page(page, config, files, dirty=False, *, later=None):
        return engine_populate(page, config, files, dirty)

    monkeypatch.setattr(build, "_populate_page", _populate_page)
    root = _project(tmp_path, "project", monkeypatch)
    preview = Preview(str(root / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
        path = root / NEWS
        path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn mới.\n", encoding="utf-8")
        assert preview.update() == "full"  # "edit" with the stock engine (tests/test_preview.py)
        preview.wait_search()
        after = site_digests(preview.site_dir)
    finally:
        preview.close()
    assert any("'partial rebuild'" in line for line in said)
    monkeypatch.setattr(build, "_populate_page", engine_populate)
    engine._guard.cache_clear()
    assert _differing(after, _preview_tree(root)) == []  # the full build made what a fresh one makes


def test_the_watcher_falls_back_to_the_servers_own_when_its_internals_changed(said):
    class Server:  # a live-reload server that keeps its watches some other way
        observer = "the server's own"

    server = Server()
    assert not engine.use_observer(server, "ours")
    assert server.observer == "the server's own"
    assert any("theo dõi tệp mặc định" in line for line in said)


def test_a_file_moved_to_its_entry_gets_the_url_the_engine_would_give(tmp_path):
    from mkdocs.structure.files import File

    for directory_urls, dest, url in (
        (True, "tin-tuc/bai/index.html", "tin-tuc/bai/"),
        (True, "index.html", "./"),
        (False, "tin-tuc/bai/index.html", "tin-tuc/bai/index.html"),
    ):
        file = File("tin-tuc/bài.md", str(tmp_path), str(tmp_path / "site"), directory_urls)
        assert file.url and file.abs_dest_path  # cached before the move, as on_files may have
        engine.set_destination(file, dest)
        fresh = File("tin-tuc/bài.md", str(tmp_path), str(tmp_path / "site"), directory_urls, dest_uri=dest)
        assert (file.dest_uri, file.url, file.abs_dest_path) == (fresh.dest_uri, fresh.url, fresh.abs_dest_path)
        assert file.url == url


@pytest.mark.parametrize("value, says", [("hugo", "không có động cơ này"), ("properdocs", "ProperDocs chưa được cài")])
def test_an_unknown_or_missing_engine_is_said_in_vietnamese(tmp_path, value, says):
    if value == "properdocs":
        try:
            import properdocs  # noqa: F401

            pytest.skip("ProperDocs is installed here")
        except ImportError:
            pass
    root = make_site(
        tmp_path / "du-an",
        {"tin-tuc/bai.md": "---\ntitle: Bài\ndate: 2026-11-20 08:00\n---\nX.\n"},
        config=MKDOCS_YML.format(theme=THEME),
    )
    done = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env=bantin_env(BANTIN_ENGINE=value),
        timeout=120,
    )
    assert done.returncode != 0
    assert says in done.stderr and "BANTIN_ENGINE" in done.stderr and "Cách sửa" in done.stderr
    assert "Traceback" not in done.stderr and not (root / "site").exists()


@pytest.mark.slow
def test_mkdocs_and_properdocs_build_the_same_site_byte_for_byte():
    pytest.importorskip("properdocs", reason="the engine-check extra (make engine-compare) is not installed")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench/engine_compare.py")], capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"dựng ra \d+ tệp giống hệt nhau", done.stdout)


def test_a_file_pointed_at_another_site_folder_is_written_there(tmp_path):
    from mkdocs.structure.files import File

    file = File("tin-tuc/bài.md", str(tmp_path), str(tmp_path / ".site-staging"), True)
    assert file.abs_dest_path.startswith(str(tmp_path / ".site-staging"))  # cached, as after a build
    engine.set_site_dir(file, str(tmp_path / "preview"))
    fresh = File("tin-tuc/bài.md", str(tmp_path), str(tmp_path / "preview"), True)
    assert (file.dest_dir, file.abs_dest_path, file.url) == (fresh.dest_dir, fresh.abs_dest_path, fresh.url)


SEAMS = {"builder/mkdocs_plugin/engine.py", "builder/outputs/pdf_columns.py"}
"""The two modules allowed to touch the engine's and WeasyPrint's internals (ARCHITECTURE.md §6)."""


OWN = {"self", "cls"}
"""Owners whose ``__dict__`` is builder's own business (its own classes' cached values)."""


def _private_names_of(*packages: str) -> set[str]:
    """The ``_names`` (one underscore) the source of ``packages`` defines: functions, classes,
    attributes set on ``self`` or a module."""
    import importlib.util

    names: set[str] = set()
    pattern = re.compile(r"(?:def|class)\s+(_[a-z]\w*)|(?:self\.|^\s*)(_[a-z]\w*)\s*[:=]", re.MULTILINE)
    for package in packages:
        spec = importlib.util.find_spec(package)
        for folder in spec.submodule_search_locations or []:
            for path in Path(folder).rglob("*.py"):
                names |= {a or b for a, b in pattern.findall(path.read_text(encoding="utf-8", errors="replace"))}
    return names


def test_no_internal_of_the_engine_or_weasyprint_is_used_outside_the_two_seams():
    """Outside engine.py and pdf_columns.py, builder/ names no private attribute the engine,
    Material or WeasyPrint define (unless builder defines one of that name itself), imports
    nothing from ``mkdocs.commands`` and reads no ``__dict__`` but its own objects'."""
    import ast

    theirs = _private_names_of("mkdocs", "material", "weasyprint")
    ours = _private_names_of("builder")
    found = []
    for path in sorted((ROOT / "builder").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where in SEAMS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in theirs - ours:
                found.append(f"{where}:{node.lineno}: .{node.attr}")
            elif isinstance(node, ast.Attribute) and node.attr == "__dict__" and ast.unparse(node.value) not in OWN:
                found.append(f"{where}:{node.lineno}: __dict__")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mkdocs.commands"):
                found.append(f"{where}:{node.lineno}: from {node.module}")
            elif isinstance(node, ast.Import) and any(a.name.startswith("mkdocs.commands") for a in node.names):
                found.append(f"{where}:{node.lineno}: import mkdocs.commands")
    assert not found, "through builder/mkdocs_plugin/engine.py, with a guard (ARCHITECTURE.md §6):\n" + "\n".join(found)
