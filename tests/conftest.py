"""Shared test helpers: real MkDocs builds of fixture sites.

A fixture site is a folder with ``mkdocs.yml`` and ``content/`` under ``tests/fixtures/sites/``.
:func:`copy_fixture` copies it to a temporary folder and :func:`build_ok` builds it with the real
``bantin`` build (validation, MkDocs, plugin, feeds, atomic swap), so tests see what an editor sees.

Tests never read the repository's own ``content/`` or ``mkdocs.yml``: those belong to the editors,
who change them every week. The union's site as it stood when it was frozen is the fixture
``union`` (:data:`UNION`); the live content is checked by the workflow (``bantin check`` and
``bantin build`` in its preview and build jobs), the way an editor's change is. Nor do tests touch the repository's ``.cache/`` or
``site/``: every run has its own build cache (:func:`_run_cache`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
THEME = ROOT / "theme"
UNION = FIXTURES / "sites" / "union"
"""The union's site frozen on 2026-12-07 (its ``content/``, ``mkdocs.yml`` with ``custom_dir: theme``,
``crosspost/facebook.json``). Tests may assert its counts, titles and texts; copy it with
``copy_fixture("union", dest)`` before building (its mkdocs.yml names the theme relatively)."""
NOW = "2026-11-29T12:00:00"
"""The moment fixture builds publish at (BANTIN_NOW), so results do not depend on the clock."""

SITE_HEADER = """\
site_name: Trang thử nghiệm
site_url: https://example.org/bantin/
docs_dir: content
theme:
  name: material
  custom_dir: {theme}
  language: vi
  font: false
plugins:
  - bantin:
"""
"""The start of a fixture's mkdocs.yml, up to the bantin plugin's options (``{theme}`` to format)."""

MKDOCS_YML = (
    SITE_HEADER
    + """\
      place: Quảng Trị
      issuer:
        parent: HỘI LHPN VIỆT NAM
        body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
"""
)


NEWS = """---
title: "{title}"
date: {date}
description: "Tóm tắt."
---
Nội dung.
"""


def news(title: str, date: str = "2026-11-20 08:00") -> str:
    """A minimal news article's Markdown: ``title``, ``date`` (front matter text), a summary, one line."""
    return NEWS.format(title=title, date=date)


def make_site(root: Path, files: dict[str, str | bytes], config: str | None = None) -> Path:
    """Write a site: ``mkdocs.yml`` (the default above unless ``config``) and ``content/`` files.

    Args:
        root: an empty folder; files: path under content/ → text (UTF-8) or raw bytes.

    Returns:
        ``root``.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config or MKDOCS_YML.format(theme=THEME), encoding="utf-8")
    for name, data in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def copy_fixture(name: str, dest: Path) -> Path:
    """Copy ``tests/fixtures/sites/<name>`` to ``dest`` with a mkdocs.yml pointing at our theme.

    A fixture without mkdocs.yml gets the default one above; a fixture's own mkdocs.yml keeps its
    settings, only ``custom_dir: theme`` (relative to the project, as in the real one) is pointed
    at the repository's ``theme/``. Returns ``dest``.
    """
    shutil.copytree(FIXTURES / "sites" / name, dest, dirs_exist_ok=True)
    (dest / "mkdocs.yml").write_text(fixture_config(name), encoding="utf-8")
    return dest


def fixture_config(name: str) -> str:
    """The mkdocs.yml text of fixture site ``name``, its ``custom_dir: theme`` pointed at our theme.

    Fixtures keep the theme relative, as the real project does; the copy is built elsewhere.
    A fixture without a mkdocs.yml gets :data:`MKDOCS_YML`.
    """
    path = FIXTURES / "sites" / name / "mkdocs.yml"
    return with_our_theme(path.read_text(encoding="utf-8")) if path.exists() else MKDOCS_YML.format(theme=THEME)


def with_our_theme(config: str) -> str:
    """mkdocs.yml text whose ``custom_dir: theme`` (relative to the project) names the repository's
    ``theme/`` by its absolute path, so a copy of the project builds anywhere."""
    return re.sub(r"(?m)^(\s*custom_dir:\s*)theme[ \t]*$", lambda m: f"{m[1]}{THEME}", config)


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m selection
def pytest_collection_modifyitems(items):
    """A browser test is also a slow one, so ``-m "not slow"`` leaves Chromium out without
    every browser module having to say both (markers: pyproject's [tool.pytest.ini_options])."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


def run_cache() -> Path:
    """This test run's build cache (``$BANTIN_CACHE_DIR``, set by :func:`_run_cache`)."""
    return Path(os.environ["BANTIN_CACHE_DIR"])


@pytest.fixture(scope="session", autouse=True)
def _run_cache(tmp_path_factory):
    """One build cache per test run, in pytest's temporary folder, shared by the run's builds.

    Builds in tests reuse each other's pictures, PDFs and pages (fast), but never the
    repository's ``.cache/``: two runs give the same result, and a run can go beside a
    ``make site`` (or another run) without either reading what the other half-wrote.
    In-process builds and ``bantin`` subprocesses both read ``$BANTIN_CACHE_DIR``.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANTIN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


def bantin_env(now: str = NOW, **extra: str) -> dict[str, str]:
    """The environment the ``bantin`` command runs with in tests (``extra`` overrides)."""
    return {**os.environ, "BANTIN_NOW": now, "NO_MKDOCS_2_WARNING": "1", "BANTIN_CACHE_DIR": str(run_cache()), **extra}


def run_bantin(
    root: Path, *args: str, now: str = NOW, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the real ``bantin`` command in ``root``; returns the finished process (text).

    ``env`` adds to (or overrides) the variables of :func:`bantin_env`.
    """
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args],
        cwd=root,
        env=bantin_env(now, **(env or {})),
        capture_output=True,
        text=True,
        timeout=300,
    )


def build_ok(root: Path, now: str = NOW) -> Path:
    """Build the site in ``root`` and fail the test with bantin's output if it does not build."""
    result = run_bantin(root, "build", now=now)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


EDITOR = "admin"
"""The web editor's folder of a built site (builder/outputs/admin.py): an application for the
editors with its own policy, not a page for readers (tests/test_cms.py tests it)."""


def reader_pages(site: Path, pattern: str = "*.html") -> list[Path]:
    """The HTML files of the built ``site`` matching ``pattern``, but the web editor's (:data:`EDITOR`)."""
    return [p for p in site.rglob(pattern) if p.relative_to(site).parts[0] != EDITOR]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The union's site (the frozen fixture :data:`UNION`), built once per test run; returns its ``site/``."""
    return build_ok(copy_fixture("union", tmp_path_factory.mktemp("union")))


CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium: the browser tests never use a browser downloaded by Playwright."""
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium tries hosts this closed network refuses."""


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, launched once per run and shared by every module: Playwright's
    sync API cannot be started a second time in a process while the first is running."""
    playwright_api = pytest.importorskip("playwright.sync_api", reason="cài gói test: pip install -e '.[test]'")
    if not CHROMIUM.exists():
        pytest.fail(
            "Thiếu trình duyệt /usr/bin/chromium: cài bằng `apt-get install -y chromium` (.ci/run làm việc này)."
        )
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def publish(page: Path) -> Path:
    """Turn an imported draft into a published page, as the editor does once it is read over."""
    text = page.read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text or "\ndraft: false\n" in text  # every import is a draft first
    page.write_text(text.replace("\ndraft: true\n", "\ndraft: false\n"), encoding="utf-8")
    return page


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's browser script, installed from npm (tests/browser/package-lock.json) on first use."""
    script = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail("Thiếu npm (Node.js) để cài axe-core: `apt-get install -y npm`.")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=ROOT / "tests" / "browser",
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return script


@pytest.fixture
def visit(browser):
    """Opens :class:`browsing.Visit` contexts (``visit(viewport, **options)``); at the end of the
    test, fails it if a page asked another host for anything, and closes them."""
    from browsing import DESKTOP, Visit

    opened = []

    def open_context(viewport=DESKTOP, **options):
        opened.append(Visit(browser, viewport, **options))
        return opened[-1]

    yield open_context
    for v in opened:
        assert not v.external, f"yêu cầu tới máy chủ khác: {v.external}"
        v.close()


def load_messages(root: Path) -> tuple[str, str]:
    """The UsageError texts of ``builder.settings.load`` (no MkDocs) and of
    ``builder.build.load`` (through MkDocs) for ``root``'s mkdocs.yml: both must refuse it."""
    from builder import build, settings

    config_file = str(root / "mkdocs.yml")
    with pytest.raises(settings.UsageError) as ours:
        settings.load(config_file)
    with pytest.raises(build.UsageError) as theirs:
        build.load(config_file)
    return str(ours.value), str(theirs.value)


def site_digests(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (a built site): relative POSIX path → SHA-256 of its bytes,
    for comparing two builds byte for byte."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (for a server a test starts)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_text(url: str, text: str, seconds: float) -> bool:
    """Poll ``url`` every 0.2 s until its body contains ``text``; False after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in urllib.request.urlopen(url, timeout=5).read().decode():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False
