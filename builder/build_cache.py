"""The build cache: work a build can reuse from the previous ones (rendered Markdown, page HTML).

Each value is stored under a SHA-256 of everything it depends on (the page's text, its URL,
the URLs of the whole site, the configuration, the code and theme that make it), so an entry
can never be found for inputs it does not match: a cache left by an older build, by another
branch or by a build killed midway can only miss, never give a wrong page.

The store is one SQLite file (standard library; one transaction per build, so a build killed
midway leaves the cache as the last finished build left it). Entries unused for
:data:`KEEP_BUILDS` builds are removed when a build finishes, so the file stays the size of the
site. The same design as Hugo's file cache and Zola's, keyed by content instead of time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import importlib.metadata
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

KEEP_BUILDS = 3
"""An entry unused by this many finished builds in a row is removed."""

SCHEMA_VERSION = 2
"""Bump when the meaning of stored values or the tables change: older files are then started
afresh. (2: ``build`` before ``value``, last uses in ``seen``.)"""


class CacheUnusable(OSError):
    """The cache folder (``filename``) cannot be used: the command says which, and what to do
    (:func:`builder.cli.main`)."""


class BuildCache:
    """A persistent ``(kind, key) → bytes`` store in ``path`` (created with its folder).

    ``get`` and ``put`` work within the current build; :meth:`finish` makes this build's
    entries durable and prunes old ones; a build that never calls it leaves the file as it was.
    """

    def __init__(self, path: Path):
        """Open (or create) the store at ``path``.

        Raises:
            CacheUnusable: the folder or the file cannot be created, read or written (a
                read-only project folder, a file named like the folder).
        """
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=60, isolation_level="DEFERRED")
            # Write-ahead log: worker processes read (build_cache.reader) while this build writes.
            self._db.execute("pragma journal_mode=wal")
            self._db.execute("create table if not exists meta (name text primary key, value integer)")
        except (OSError, sqlite3.Error) as exc:  # SQLite says only "unable to open database file"
            raise CacheUnusable(getattr(exc, "errno", None), str(exc), str(path.parent)) from None
        version = self._value("schema")
        if version != SCHEMA_VERSION:
            self._db.execute("drop table if exists entries")
            self._db.execute("drop table if exists seen")
            self._db.execute("insert or replace into meta values ('schema', ?)", (SCHEMA_VERSION,))
        # ``build`` (the build that stored the entry) comes before ``value``: reading it does not
        # walk the value's overflow pages (a page's HTML is tens of kB). The last build that used
        # an entry goes to the small ``seen`` table: updating ``entries`` instead rewrote every
        # reused value on every build (2.6 s at 10,000 articles).
        self._db.execute(
            "create table if not exists entries (kind text, key text, build integer, value blob,"
            " primary key (kind, key))"
        )
        self._db.execute(
            "create table if not exists seen (kind text, key text, build integer,"
            " primary key (kind, key)) without rowid"
        )
        self.build = (self._value("builds") or 0) + 1
        self._db.commit()
        self._used: dict[str, list[str]] = {}
        self._keys: dict[str, set[str]] = {}  # kind → its stored keys, once has() asked
        self.hits = self.misses = 0

    def note(self, name: str, value: str) -> None:
        """Remember ``value`` under ``name`` (kept only if this build finishes)."""
        self._db.execute("insert or replace into meta values (?, ?)", (name, value))

    def noted(self, name: str):
        """What the last finished build noted under ``name``, or None."""
        return self._value(name)

    def _value(self, name: str):
        row = self._db.execute("select value from meta where name = ?", (name,)).fetchone()
        return row[0] if row else None

    def get(self, kind: str, key: str) -> bytes | None:
        """The value stored under ``(kind, key)``, or None."""
        row = self._db.execute("select value from entries where kind = ? and key = ?", (kind, key)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.setdefault(kind, []).append(key)
        return row[0]

    def lookup(self, kind: str) -> Callable[[str], bytes | None]:
        """A :meth:`get` for ``kind`` that first reads every value of that kind in one query:
        for small values looked up once per page (15,000 queries cost seconds)."""
        values = dict(self._db.execute("select key, value from entries where kind = ?", (kind,)))

        def get(key: str) -> bytes | None:
            value = values.get(key)
            if value is None:
                self.misses += 1
                return None
            self.hits += 1
            self._used.setdefault(kind, []).append(key)
            return value

        return get

    def has(self, kind: str, key: str) -> bool:
        """True when a value is stored under ``(kind, key)``. The keys of ``kind`` are read
        in one query the first time (15,000 queries, one per page, cost seconds)."""
        if kind not in self._keys:
            self._keys[kind] = {row[0] for row in self._db.execute("select key from entries where kind = ?", (kind,))}
        found = key in self._keys[kind]
        self.misses += not found  # a hit is counted when the value is read
        return found

    def put(self, kind: str, key: str, value: bytes) -> None:
        """Store ``value`` under ``(kind, key)`` (kept only if the build finishes)."""
        self._db.execute("insert or replace into entries values (?, ?, ?, ?)", (kind, key, self.build, value))
        self._keys.get(kind, set()).add(key)

    def save(self) -> None:
        """Commit the entries stored so far and mark the ones used as used by this build,
        without ending the build: for a step that ends before it (reading the content), on
        its own connection. Its entries are valid whether or not the build finishes."""
        self._mark_used()
        self._db.commit()

    def finish(self, prune: bool = True) -> None:
        """Commit this build's entries, mark the ones it used, remove long-unused ones (unless
        not ``prune``: a preview's edit is not a build, and the scan costs seconds on a big site)."""
        self._mark_used()
        if prune:
            old = self.build - KEEP_BUILDS
            self._db.execute(
                "delete from entries where build <= ? and not exists (select 1 from seen where"
                " seen.kind = entries.kind and seen.key = entries.key and seen.build > ?)",
                (old, old),
            )
            self._db.execute("delete from seen where build <= ?", (old,))
            self._db.execute("insert or replace into meta values ('builds', ?)", (self.build,))
        self._db.commit()

    def _mark_used(self) -> None:
        for kind, keys in self._used.items():
            self._db.executemany(
                "insert or replace into seen values (?, ?, ?)", ((kind, key, self.build) for key in keys)
            )
        self._used = {}

    def close(self) -> None:
        """Close the file, dropping what an unfinished build stored."""
        self._db.rollback()
        self._db.close()


def reader(path: Path) -> Callable[[str, str], bool]:
    """A ``has(kind, key)`` on a new read-only connection to the cache file at ``path``, for a
    worker process (a SQLite connection must not cross a fork). Sees what finished builds stored."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60)
    return lambda kind, key: (
        db.execute("select 1 from entries where kind = ? and key = ?", (kind, key)).fetchone() is not None
    )


def digest(*parts: str | bytes) -> str:
    """SHA-256 (hex) of ``parts``, each length-prefixed so that ("ab", "c") ≠ ("a", "bc")."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(
    folders: Iterable[Path], suffixes: tuple[str, ...] | None = None, skip: frozenset[str] = frozenset()
) -> str:
    """SHA-256 of the relative paths and bytes of every file under ``folders`` (with one of
    ``suffixes`` when given; not inside a folder named in ``skip``), in a stable order: the
    code or the theme a value was made by. (``os.walk`` and one hash object: a
    10,000-article ``content/`` in well under a second.)"""
    hasher = hashlib.sha256()
    for folder in folders:
        found = []
        for top, folders_here, names in os.walk(folder):
            folders_here[:] = [name for name in folders_here if name not in skip]
            found += [
                os.path.join(top, name) for name in names if not suffixes or os.path.splitext(name)[1] in suffixes
            ]
        for path in sorted(found, key=lambda p: os.path.relpath(p, folder).replace(os.sep, "/")):
            relative = os.path.relpath(path, folder).replace(os.sep, "/").encode("utf-8", "surrogateescape")
            try:
                with open(path, "rb") as handle:
                    data = handle.read()
            except OSError:  # a broken link or a file removed meanwhile: counted as absent
                continue
            hasher.update(len(relative).to_bytes(8, "big") + relative + len(data).to_bytes(8, "big"))
            hasher.update(data)
    return hasher.hexdigest()


PROJECT = Path(__file__).resolve().parent.parent
"""The project's folder (the ``builder`` package's parent)."""

PROJECT_INPUTS = (PROJECT / "builder", PROJECT / "admin" / "page")
"""The project's own folders whose files make the site: the ``builder`` package (its code,
which makes pages, anchors, numbering and the rest, and the files it publishes, such as the
default emblem ``builder/outputs/bieu-trung.svg``) and the web editor's page (``admin/page/``,
copied into ``site/admin/`` by :mod:`builder.outputs.admin`). The theme is keyed where it is
named (``mkdocs.yml``'s ``custom_dir``: :mod:`builder.freshness`, the page cache)."""

DECAP = PROJECT / "admin" / "node_modules" / "decap-cms" / "package.json"
"""The installed Decap CMS (npm, ``npm ci --prefix admin``), whose files reach ``site/admin/``
and whose presence adds the editor's link to every article: its ``package.json`` (the
version npm installed) is keyed, or its absence."""


@functools.cache
def code_digest() -> str:
    """SHA-256 of the project's own inputs of the site (:data:`PROJECT_INPUTS`, Python's
    ``__pycache__`` left out, and :data:`DECAP`): every cache key includes it. Computed once
    per process."""
    decap = DECAP.read_bytes() if DECAP.is_file() else b""
    return digest(tree_digest(PROJECT_INPUTS, skip=frozenset({"__pycache__"})), decap)


OUTPUT_LIBRARIES = {
    "mkdocs": "reads the configuration, converts and renders every page",
    "properdocs": (
        "the engine instead of mkdocs under BANTIN_ENGINE=properdocs (an optional extra; its version "
        "is '' when it is not installed): its site is byte for byte MkDocs' (make engine-compare), "
        "but a new ProperDocs may change that, so its version is keyed like MkDocs'"
    ),
    "mkdocs-material": "the theme's templates, CSS and JavaScript",
    "markdown": "Markdown to HTML",
    "pymdown-extensions": "Markdown extensions (admonitions, captions ...)",
    "jinja2": "templates of pages, listings and print editions",
    "markupsafe": "escaping in templates",
    "feedgen": "RSS and Atom feeds",
    "nh3": "the HTML sanitised into feeds",
    "lxml": "the print editions' HTML (builder/outputs/editions.py) and feedgen's XML",
    "weasyprint": "the PDFs",
    "pillow": "photos, social cards",
    "isal": "the social cards' PNG compression",
    "fonttools": "the subset fonts served with the site and drawn on cards",
    "fontpkg-be-vietnam-pro": "the font files themselves",
    "pagefind": "the search index",
    "babel": "Vietnamese dates",
    "python-slugify": "every URL, tag and heading anchor",
    "lunar-vn": "lunar dates and anniversaries on the home page and issues",
    "pyyaml": "front matter and the anniversary calendar",
    "mergedeep": "the settings of mkdocs.yml merged with the files it inherits (INHERIT:), as MkDocs merges them",
    "tzdata": "the Vietnamese time zone where the system has none",
}
"""The third-party distributions whose output reaches ``site/`` (name → what of it), with what
they require (:func:`library_versions` follows the requirements): the one registry every
cache key and the whole-build skip (:mod:`builder.freshness`) take library versions from.
``tests/test_cache_keys.py`` fails when code in ``builder/`` imports a distribution that is in
neither this nor :data:`NOT_OUTPUT`."""

NOT_OUTPUT = {
    "mammoth": "bantin import: writes an editor's Markdown, which the build then reads",
    "markdownify": "bantin import",
    "viparse": "bantin import (old Vietnamese encodings)",
    "requests": "bantin crosspost: posts to Facebook, writes nothing in site/",
    "urllib3": "bantin crosspost",
    "watchdog": "bantin serve: watches files",
    "playwright": "bantin changes --screenshots: photographs built pages for a pull request's reviewers",
}
"""Distributions the code imports whose output never reaches ``site/``."""


@functools.cache
def library_versions(*distributions: str) -> str:
    """:func:`versions` of ``distributions`` (default: all of :data:`OUTPUT_LIBRARIES`) and of
    everything they require, installed or not, in a stable order, followed by the
    :func:`native_versions` of each of them (:data:`NATIVE_LIBRARIES`: the system's Pango for
    ``weasyprint``, the bundled codecs for ``pillow``). What
    ``importlib.metadata`` finds first on ``sys.path`` counts (a test fakes a version with a
    ``.dist-info`` folder on ``PYTHONPATH``). Computed once per process.

    Requirements are followed with their extras: the project's own (``pagefind[bin]``, whose
    ``pagefind-bin`` is the Pagefind program itself; ``fonttools[woff]``, whose brotli
    compresses the web fonts) and those of the libraries (WeasyPrint's ``fonttools[woff]``).
    An extra's requirements ("; extra == 'woff'") count only when that extra is asked for:
    the others (tests, docs) are not installed for the build. Other markers (platform, Python
    version) are not evaluated: a requirement the platform skips is simply not installed, and
    counts as "" every time.

    Raises:
        KeyError: a name that is not in :data:`OUTPUT_LIBRARIES` (a cache must not key on a
            library the whole-build skip ignores).
    """
    for name in distributions:
        OUTPUT_LIBRARIES[name]  # noqa: B018 - the check above
    declared = _declared_extras()
    todo = [(name, declared.get(_canonical(name), frozenset())) for name in distributions or OUTPUT_LIBRARIES]
    seen: dict[str, set[str]] = {}  # distribution → the extras already followed
    while todo:
        name, extras = todo.pop()
        name = _canonical(name)
        first = name not in seen
        added = set(extras) - seen.setdefault(name, set())
        if not first and not added:
            continue
        seen[name] |= added
        for requirement, its_extras, extra in _requirements(name):
            # A plain requirement once (the first visit); an extra's when that extra is new.
            if (extra is None and first) or (extra is not None and extra in added):
                todo.append((requirement, its_extras))
    # A distribution's native libraries (NATIVE_LIBRARIES: WeasyPrint's Pango, Pillow's codecs)
    # are keyed with it, so every key that names the distribution follows them too.
    return ";".join(filter(None, [versions(*sorted(seen)), *(native_versions(name) for name in sorted(seen))]))


_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9._-]+)\s*(?:\[([^\]]*)\])?")
_EXTRA_MARKER = re.compile(r"""\bextra\s*==\s*["']([^"']+)["']""")


def _requirements(name: str) -> list[tuple[str, frozenset[str], str | None]]:
    """What the installed distribution ``name`` requires (none when it is not installed), as
    ``(distribution, its extras asked for, the extra of name's that asks for it or None)``
    (core metadata ``Requires-Dist``, PEP 508: ``fonttools[woff]>=4.59; extra == 'pdf'``)."""
    try:
        texts = importlib.metadata.requires(name) or []
    except importlib.metadata.PackageNotFoundError:
        return []
    found = []
    for text in texts:
        match = _REQUIREMENT.match(text)
        if match is None:
            continue
        extras = frozenset(_canonical(e.strip()) for e in (match[2] or "").split(",") if e.strip())
        marker = _EXTRA_MARKER.search(text.partition(";")[2])
        found.append((match[1], extras, _canonical(marker[1]) if marker else None))
    return found


@functools.cache
def _declared_extras() -> dict[str, frozenset[str]]:
    """The extras the project itself asks of its dependencies in ``pyproject.toml``
    (``pagefind[bin]`` → ``{"pagefind": {"bin"}}``), read from the installed project's
    metadata (``make`` installs it, editable); empty when the project is not installed."""
    return {_canonical(requirement): extras for requirement, extras, extra in _requirements("bantin") if extra is None}


def build_key() -> str:
    """SHA-256 of what makes the site besides its files and settings: the project's code
    (:func:`code_digest`) and :func:`library_versions` (Python distributions and the native
    libraries they load); every cache's key includes it."""
    return digest(code_digest(), library_versions())


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def versions(*distributions: str) -> str:
    """``name==version`` of each installed distribution ("" when missing), joined."""
    found = []
    for name in distributions:
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}==")
    return ";".join(found)


# --- native libraries --------------------------------------------------------------------


def _open(names: tuple[str, ...], short: str) -> ctypes.CDLL | None:
    """The first of the file ``names`` the system's loader opens (the sonames WeasyPrint's own
    loader tries: Linux, macOS, Windows), else what :func:`ctypes.util.find_library` finds for
    ``short`` (``None`` when nothing: on Linux it asks ``ldconfig``, on macOS dyld's folders,
    on Windows the ``PATH``), else None. Never raises."""
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    try:
        found = ctypes.util.find_library(short)
        return ctypes.CDLL(found) if found else None
    except Exception:  # noqa: BLE001 - find_library runs programs (ldconfig, gcc) that may fail any way
        return None


def _string_function(names: tuple[str, ...], short: str, function: str) -> Callable[[], str]:
    """A reader of a ``const char *function(void)`` of the library (``pango_version_string``)."""

    def read() -> str:
        library = _open(names, short)
        if library is None:
            return ""
        call = getattr(library, function)
        call.restype, call.argtypes = ctypes.c_char_p, []
        return (call() or b"").decode("ascii", "replace")

    return read


def _fontconfig() -> str:
    # FcGetVersion() → int, major·10000 + minor·100 + revision (fontconfig.h).
    library = _open(("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll"), "fontconfig")
    if library is None:
        return ""
    library.FcGetVersion.restype, library.FcGetVersion.argtypes = ctypes.c_int, []
    return str(library.FcGetVersion())


def _freetype() -> str:
    # FT_Library_Version needs a library instance (the version is a run-time property of the
    # loaded FreeType): made and freed here (freetype.h: FT_Init_FreeType, FT_Done_FreeType).
    library = _open(("libfreetype.so.6", "libfreetype.6.dylib", "libfreetype-6.dll"), "freetype")
    if library is None:
        return ""
    handle = ctypes.c_void_p()
    if library.FT_Init_FreeType(ctypes.byref(handle)) != 0:
        return ""
    major, minor, patch = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    library.FT_Library_Version(handle, ctypes.byref(major), ctypes.byref(minor), ctypes.byref(patch))
    library.FT_Done_FreeType(handle)
    return f"{major.value}.{minor.value}.{patch.value}"


def _fribidi() -> str:
    # A variable, not a function (fribidi.h: "const char *fribidi_version_info"): its first line.
    library = _open(("libfribidi.so.0", "libfribidi.0.dylib", "libfribidi-0.dll"), "fribidi")
    if library is None:
        return ""
    text = ctypes.c_char_p.in_dll(library, "fribidi_version_info").value or b""
    return text.decode("ascii", "replace").splitlines()[0] if text else ""


def _graphite2() -> str:
    # gr_engine_version(int *major, int *minor, int *bugfix) (graphite2/Font.h).
    library = _open(("libgraphite2.so.3", "libgraphite2.3.dylib", "graphite2.dll"), "graphite2")
    if library is None:
        return ""
    numbers = [ctypes.c_int(), ctypes.c_int(), ctypes.c_int()]
    library.gr_engine_version(*map(ctypes.byref, numbers))
    return ".".join(str(number.value) for number in numbers)


def _pillow(*features: str) -> Callable[[], str]:
    """A reader of Pillow's own report of the libraries built into it or bundled in its wheel
    (``PIL.features.version``, public: "None" when Pillow was built without one)."""

    def read() -> str:
        from PIL import features as pillow_features  # only when asked: Pillow is not light

        found = []
        for name in features:
            try:
                found.append(f"{name}={pillow_features.version(name)}")
            except ValueError:  # a feature an older Pillow does not know
                found.append(f"{name}=")
        return ",".join(found)

    return read


def _isal() -> str:
    import isal  # only when asked

    return str(isal.ISAL_VERSION)


class Native(NamedTuple):
    """A native (C) library whose output reaches ``site/`` through a Python distribution."""

    files: tuple[str, ...]
    """The library's file names as loaded, without ``.so``/``.dylib``/``.dll`` and what
    follows, nor the ``-1a2b3c4d`` hash a wheel's bundled copy has (``libpango-1.0``,
    ``libpangoft2-1.0``): how ``tests/test_cache_keys.py`` knows a loaded library is keyed."""
    read: Callable[[], str]
    """Its version as the library itself reports it; "" when it cannot be found or read."""
    what: str
    """What of ``site/`` it makes."""


_PANGO = ("libpango-1.0.so.0", "libpango-1.0.0.dylib", "libpango-1.0.dylib", "libpango-1.0-0.dll")
_HARFBUZZ = ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")

NATIVE_LIBRARIES: dict[str, dict[str, Native]] = {
    "weasyprint": {
        # The system's libraries, opened by WeasyPrint (weasyprint/text/ffi.py) or by them.
        "pango": Native(
            ("libpango-1.0", "libpangoft2-1.0"),  # one source package, one version
            _string_function(_PANGO, "pango-1.0", "pango_version_string"),
            "the PDFs' text layout: line breaking, justification, font choice",
        ),
        "harfbuzz": Native(
            ("libharfbuzz", "libharfbuzz-subset"),  # one source package, one version
            _string_function(_HARFBUZZ, "harfbuzz", "hb_version_string"),
            "the PDFs' glyphs (shaping: Vietnamese stacked diacritics) and the fonts embedded in them (subsetting)",
        ),
        "fontconfig": Native(("libfontconfig",), _fontconfig, "which font file the PDFs' text is set in"),
        "freetype": Native(("libfreetype",), _freetype, "the PDFs' glyph metrics and outlines"),
        "fribidi": Native(("libfribidi",), _fribidi, "the PDFs' order of right-to-left text (Pango)"),
        "graphite2": Native(("libgraphite2",), _graphite2, "the PDFs' glyphs of Graphite fonts (HarfBuzz)"),
    },
    "pillow": {
        # Pillow's wheels bundle their codecs (pillow.libs/, PIL/.dylibs/) or build them in.
        "codecs": Native(
            ("libjpeg", "libwebp", "libwebpmux", "libwebpdemux", "libsharpyuv", "libavif", "libopenjp2", "libtiff"),
            _pillow("jpg", "libjpeg_turbo", "webp", "avif", "jpg_2000", "libtiff", "zlib", "zlib_ng"),
            "every resized photo and card (JPEG, WebP, AVIF, PNG compression)",
        ),
        "text": Native(
            ("libfreetype", "libharfbuzz", "libraqm", "libfribidi"),
            _pillow("freetype2", "raqm", "harfbuzz", "fribidi"),
            "the text drawn on social cards",
        ),
        "color": Native(("liblcms2",), _pillow("littlecms2"), "photos' colour profiles converted to sRGB"),
    },
    "isal": {
        # Built into python-isal's extension module (no file of its own to find loaded).
        "isa-l": Native((), _isal, "the social cards' PNG compression (ISA-L's deflate)"),
    },
}
"""The native libraries whose output reaches ``site/``, by the Python distribution (in
:data:`OUTPUT_LIBRARIES`) that loads them: WeasyPrint lays out the PDFs with the *system's*
Pango, HarfBuzz, fontconfig and FreeType (an upgrade of the system image changes line breaks
with no Python version changing); Pillow's wheels bundle their codecs; python-isal builds
ISA-L in. Each version is read from the library itself: its public C version function through
:mod:`ctypes` (the sonames WeasyPrint opens), Pillow's through ``PIL.features.version``; one
that cannot be found or read counts as "" (a technician's Mac or Windows still builds).

:func:`library_versions` adds :func:`native_versions` of a distribution wherever it keys that
distribution, so the whole-build skip (:func:`build_key`) and each output's key
(``pdf.job_key``: WeasyPrint; cards, photos: Pillow) follow them. ``tests/test_cache_keys.py``
loads them for real (a PDF, a WebP, a JPEG) and fails when a library loaded then is neither
here with a version nor in :data:`NOT_OUTPUT_NATIVE`."""

NOT_OUTPUT_NATIVE = {
    "libc|libm|libdl|libpthread|librt|libgcc_s|libstdc++|ld-linux-x86-64|ld-linux-aarch64": (
        "the C and C++ run-time: computes, draws nothing"
    ),
    "libglib-2.0|libgobject-2.0|libgio-2.0|libgmodule-2.0": "GLib: Pango's object system and utilities",
    "libffi": "calls between Python and C",
    "libpcre2-8|libselinux|libmount|libblkid|libuuid": "GLib's own dependencies (regular expressions, mounts)",
    "libexpat": "fontconfig reads its XML configuration (which fonts are found is fontconfig's version + files)",
    "libz|libbz2|liblzma|libzstd|libbrotlicommon|libbrotlidec": (
        "lossless decompression (fonts, TIFF): the same bytes out whatever the version"
    ),
    "libpng16": "FreeType decodes colour-bitmap glyphs losslessly",
    "libthai|libdatrie": (
        "Pango's Thai word breaking: only Thai text, which the bulletins do not carry; no version function"
    ),
    "libcrypto|libssl": "Python's hashlib and ssl",
    "libsqlite3": "the build cache's store (this module): keys, not output",
    "libXau|libxcb": "Pillow's screen grab on X11, never used",
}
"""Native libraries loaded while the site is made whose output does not reach ``site/`` (file
names as in :attr:`Native.files`, ``|``-separated → why)."""


@functools.cache
def native_versions(distribution: str) -> str:
    """``name==version`` of each of :data:`NATIVE_LIBRARIES` ``[distribution]`` ("" for a
    distribution with none; ``name==`` for a library that cannot be found or read: a machine
    without it still builds). Computed once per process (≈ a few ms: each library opened once)."""
    found = []
    for name, library in NATIVE_LIBRARIES.get(distribution, {}).items():
        try:
            version = library.read()
        except Exception:  # noqa: BLE001 - a missing symbol, an old library: keyed as "", never a failed build
            version = ""
        found.append(f"{name}=={version}")
    return ";".join(found)
