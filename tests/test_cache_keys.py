"""The one registry of the libraries whose output reaches site/ (builder.build_cache): every
third-party import of builder/ is in it (or said not to reach site/), and upgrading one of
them rebuilds the site instead of keeping the old one as unchanged."""

from __future__ import annotations

import importlib.metadata
import shutil
from pathlib import Path

from conftest import ROOT, make_site, news, run_bantin
from import_scan import canonical, distributions_of, third_party_imports

from builder.build_cache import NOT_OUTPUT, OUTPUT_LIBRARIES


def test_every_third_party_import_of_builder_is_registered():
    """A library imported by builder/ and missing from the registry would leave caches and
    the whole-build skip blind to its upgrades (python-slugify, fontTools, PyYAML, lunar-vn were)."""
    registered = {canonical(name) for name in [*OUTPUT_LIBRARIES, *NOT_OUTPUT]}
    missing = {}
    for module, (where, _) in third_party_imports(ROOT / "builder").items():
        for distribution in distributions_of(module) or {canonical(module)}:
            if distribution not in registered:
                missing.setdefault(distribution, set()).add(where)
    assert not missing, f"add to builder.build_cache.OUTPUT_LIBRARIES (or NOT_OUTPUT): {missing}"


def test_the_font_package_is_registered():
    """Not imported by name (its files are read), yet its glyphs reach every page and card."""
    assert "fontpkg-be-vietnam-pro" in OUTPUT_LIBRARIES


def _assert_rebuilt_with(root: Path, env: dict[str, str], distribution: str, scratch: Path) -> None:
    """``bantin build`` of ``root`` with ``distribution`` faked at version 99.0 builds again
    (not "nothing changed")."""
    fake = _fake_version(scratch / f"fake-{distribution}", distribution, "99.0")
    upgraded = run_bantin(root, "build", env={**env, "PYTHONPATH": str(fake)})
    assert upgraded.returncode == 0, upgraded.stderr
    assert "Không có gì thay đổi" not in upgraded.stdout, (distribution, upgraded.stdout)
    assert "Đã dựng" in upgraded.stdout


def _fake_version(folder: Path, distribution: str, version: str) -> Path:
    """A ``.dist-info`` folder that importlib.metadata finds first when ``folder`` is on
    PYTHONPATH: the installed distribution's name with another version (the registry's seam)."""
    real = importlib.metadata.distribution(distribution)
    info = folder / f"{distribution.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    metadata = "".join(
        line if not line.startswith("Version:") else f"Version: {version}\n"
        for line in real.read_text("METADATA").splitlines(keepends=True)
    )
    (info / "METADATA").write_text(metadata, encoding="utf-8")
    return folder


def test_upgrading_one_library_rebuilds_the_site(tmp_path):
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")})
    env = {"BANTIN_CACHE_DIR": str(tmp_path / "cache")}
    assert run_bantin(root, "build", env=env).returncode == 0
    again = run_bantin(root, "build", env=env)
    assert "Không có gì thay đổi" in again.stdout, again.stdout + again.stderr
    for distribution in ("python-slugify", "pyyaml"):
        _assert_rebuilt_with(root, env, distribution, tmp_path)


def test_upgrading_a_library_the_project_asks_for_as_an_extra_rebuilds_the_site(tmp_path):
    """pyproject asks for ``pagefind[bin]`` (the Pagefind program is the ``pagefind-bin``
    distribution) and ``fonttools[woff]`` (brotli compresses the web fonts): upgrading one of
    them alone rebuilds the site, and the woff2 fonts are made again, not copied from the
    cache the old brotli wrote. (Extras were dropped from the walk of requirements.)"""
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")})
    cache = tmp_path / "cache"
    env = {"BANTIN_CACHE_DIR": str(cache)}
    assert run_bantin(root, "build", env=env).returncode == 0
    fonts = sorted(path.name for path in cache.rglob("*.woff2"))
    assert fonts, "the web fonts are kept in the cache"
    for distribution in ("pagefind-bin", "brotli"):
        _assert_rebuilt_with(root, env, distribution, tmp_path)
    assert sorted(path.name for path in cache.rglob("*.woff2")) != fonts, "woff2 kept from the old brotli"


def test_a_change_to_the_projects_own_files_that_reach_the_site_rebuilds_it(tmp_path):
    """The build key covers the project's files that are not Python but reach site/: the
    default emblem (builder/outputs/bieu-trung.svg) and the installed Decap CMS (its files
    and the editor's link on articles). Run from a copy of the project, changed."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "builder", project / "builder", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "admin" / "page", project / "admin" / "page")
    root = make_site(tmp_path / "site", {"tin-tuc/a.md": news("Bài A")})
    env = {"BANTIN_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(project)}
    assert run_bantin(root, "build", env=env).returncode == 0
    again = run_bantin(root, "build", env=env)
    assert "Không có gì thay đổi" in again.stdout, again.stdout + again.stderr
    emblem = project / "builder" / "outputs" / "bieu-trung.svg"
    emblem.write_text(emblem.read_text(encoding="utf-8").replace("</svg>", "<!-- đổi --></svg>"), encoding="utf-8")
    changed = run_bantin(root, "build", env=env)
    assert "Đã dựng" in changed.stdout, changed.stdout + changed.stderr
    assert "<!-- đổi -->" in (root / "site" / "assets" / "images" / "bieu-trung.svg").read_text(encoding="utf-8")
    decap = project / "admin" / "node_modules" / "decap-cms"
    (decap / "dist").mkdir(parents=True)
    (decap / "dist" / "decap-cms.js").write_text("/* Decap */\n", encoding="utf-8")
    (decap / "package.json").write_text('{"name": "decap-cms", "version": "3.16.3"}\n', encoding="utf-8")
    installed = run_bantin(root, "build", env=env)
    assert "Đã dựng" in installed.stdout, installed.stdout + installed.stderr
    assert (root / "site" / "admin" / "index.html").is_file()
