"""The one registry of the libraries whose output reaches site/ (builder.build_cache): every
third-party import of builder/ is in it (or said not to reach site/), and upgrading one of
them rebuilds the site instead of keeping the old one as unchanged."""

from __future__ import annotations

import ctypes
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_site, news, run_bantin
from test_editions import config, small_issue_site
from import_scan import canonical, distributions_of, third_party_imports

from builder.build_cache import NATIVE_LIBRARIES, NOT_OUTPUT, NOT_OUTPUT_NATIVE, OUTPUT_LIBRARIES, _string_function


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


# --- native libraries (builder.build_cache.NATIVE_LIBRARIES) --------------------------------

_LOAD_AND_REPORT = r"""
import io, json, sys, weasyprint
from pathlib import Path
from PIL import Image
from builder.outputs import cards, images

weasyprint.HTML(string="<p>Tiếng Việt: Hội Liên hiệp Phụ nữ</p>").write_pdf()
folder = Path(sys.argv[1])
for name, kind in (("a.jpg", "JPEG"), ("b.webp", "WEBP")):
    Image.new("RGB", (64, 48), "red").save(folder / name, kind)
    images.process(folder / name, folder / "cache")  # the site's resized copies
cards.render(cards.Card(path="a.jpg", title="Phụ nữ Quảng Trị", photo=str(folder / "a.jpg")))
cards.render(cards.Card(path="b.png", title="Phụ nữ Quảng Trị"))
with open("/proc/self/maps") as maps:  # before the registry reads versions (and loads more)
    loaded = sorted({line.split()[-1] for line in maps if ".so" in line.split()[-1]})
from builder.build_cache import NATIVE_LIBRARIES, native_versions
print(json.dumps({"loaded": loaded, "versions": {name: native_versions(name) for name in NATIVE_LIBRARIES}}))
"""

_BUNDLED = ("/pillow.libs/", "/PIL/.libs/", "/PIL/.dylibs/")
"""Where Pillow's wheels keep the libraries they bundle (auditwheel, delocate)."""


def _stem(path: str) -> str:
    """``/usr/lib/…/libpango-1.0.so.0.5000.12`` → ``libpango-1.0``; a wheel's bundled
    ``libjpeg-6dc8d115.so.62.4.0`` → ``libjpeg`` (the names of NATIVE_LIBRARIES' ``files``)."""
    name = re.match(r"(.+?)\.(?:so|dylib|dll)\b", Path(path).name)
    return re.sub(r"-[0-9a-f]{8}$", "", name[1] if name else Path(path).name)


def _is_python(path: str) -> bool:
    """Python itself and extension modules: keyed as Python distributions (OUTPUT_LIBRARIES)."""
    name = Path(path).name
    return ".cpython-" in name or ".abi3." in name or name.startswith(("libpython", "_cffi_backend"))


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads Linux's /proc/self/maps")
def test_every_native_library_loaded_to_make_a_pdf_and_pictures_is_keyed(tmp_path):
    """Make a real PDF (WeasyPrint), the site's copies of a JPEG and a WebP
    (builder.outputs.images) and a card on a photo and one without (builder.outputs.cards),
    then list the shared libraries the process loaded: each one is keyed with a version read from it
    (NATIVE_LIBRARIES: the system's Pango for WeasyPrint, the bundled codecs for Pillow) or
    named as not reaching site/ (NOT_OUTPUT_NATIVE). A new layout or codec library loaded by a
    future dependency, and not keyed, fails here (only Python distributions were keyed)."""
    result = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_REPORT, str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    versions = {
        distribution: dict(part.split("==", 1) for part in text.split(";"))
        for distribution, text in report["versions"].items()
    }
    not_output = {stem for names in NOT_OUTPUT_NATIVE for stem in names.split("|")}
    unkeyed, unread, keyed = set(), set(), set()
    for path in report["loaded"]:
        if _is_python(path):
            continue
        stem = _stem(path)
        bundled = any(folder in path for folder in _BUNDLED)
        owners = [
            (distribution, name)
            for distribution, libraries in NATIVE_LIBRARIES.items()
            if (distribution == "pillow") == bundled
            for name, library in libraries.items()
            if stem in library.files
        ]
        if not owners:
            if stem not in not_output:
                unkeyed.add(path)
            continue
        for distribution, name in owners:
            version = versions[distribution][name]
            # Pillow's reports are "feature=version,...": at least one must be known.
            if not version or all(part.endswith(("=None", "=")) for part in version.split(",")):
                unread.add((path, name, version))
            keyed.add(name)
    assert not unkeyed, f"add to builder.build_cache.NATIVE_LIBRARIES (or NOT_OUTPUT_NATIVE): {sorted(unkeyed)}"
    assert not unread, f"keyed but its version cannot be read: {sorted(unread)}"
    # What the brief of issue 19 named, so the test cannot pass by loading nothing.
    assert {"pango", "harfbuzz", "fontconfig", "freetype", "codecs"} <= keyed, keyed


def test_a_native_library_that_cannot_be_found_is_keyed_empty():
    """A machine without one of them (a technician's Mac or Windows) still builds: the
    library counts as "" instead of stopping the build."""
    read = _string_function(("libbantin-not-there.so.0",), "bantin-not-there", "nothing_version")
    assert read() == ""


def _pango_file() -> Path:
    """The system's Pango, as the loader finds it (the file that WeasyPrint lays out with)."""
    ctypes.CDLL("libpango-1.0.so.0")
    with open("/proc/self/maps") as maps:
        return Path(
            next(line.split()[-1] for line in maps if Path(line.split()[-1]).name.startswith("libpango-1.0.so"))
        )


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="Linux: LD_LIBRARY_PATH and /proc/self/maps")
def test_another_pango_rebuilds_the_site_and_its_pdfs(tmp_path):
    """A system upgrade of Pango changes the PDFs' line breaks without any Python version
    changing: the site and its PDFs are made again, not kept as "nothing changed". The other
    Pango is the system's own file with only its version string changed (same length), put
    first on LD_LIBRARY_PATH: WeasyPrint lays out with it as well, so the build still works."""
    real = _pango_file()
    library = ctypes.CDLL(str(real))
    library.pango_version_string.restype = ctypes.c_char_p
    version = library.pango_version_string()
    data = real.read_bytes()
    if data.count(version + b"\0") != 1:
        pytest.skip(f"the version string {version!r} is not found once in {real}")
    other = re.sub(rb"\d", b"9", version)
    assert other != version
    folder = tmp_path / "other-pango"
    folder.mkdir()
    (folder / "libpango-1.0.so.0").write_bytes(data.replace(version + b"\0", other + b"\0"))

    root = small_issue_site(tmp_path / "site", config())  # one issue, one PDF
    cache = tmp_path / "cache"
    env = {"BANTIN_CACHE_DIR": str(cache)}
    first = run_bantin(root, "build", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    pdfs = set(cache.rglob("*.pdf"))
    assert pdfs, "the site makes PDFs, kept in the cache"
    again = run_bantin(root, "build", env=env)
    assert "Không có gì thay đổi" in again.stdout, again.stdout + again.stderr
    upgraded = run_bantin(root, "build", env={**env, "LD_LIBRARY_PATH": str(folder)})
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    assert "Đã dựng" in upgraded.stdout, upgraded.stdout
    assert set(cache.rglob("*.pdf")) - pdfs, "the PDFs were kept from the other Pango"
