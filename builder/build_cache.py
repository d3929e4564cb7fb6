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

import functools
import hashlib
import importlib.metadata
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

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
    everything they require, installed or not, in a stable order. What
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
    return versions(*sorted(seen))


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
    (:func:`code_digest`) and :func:`library_versions`; every cache's key includes it."""
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
