"""Knowing, in well under a second, that a build would write the same site as the last one.

A site of 10,000 articles takes a while to build even when every page comes from the cache;
when nothing changed (the hourly scheduled build, a second ``make site``) the build is skipped.
The site depends on:

- the bytes of every file under ``content/``, of ``mkdocs.yml`` and the files it inherits
  (``INHERIT:``, :func:`builder.config_files.files`) and of the theme override;
- the project's own files that reach the site (its code, the default emblem, the web editor's
  page and the installed Decap CMS: :func:`builder.build_cache.code_digest`) and the versions
  of the libraries whose output reaches ``site/`` (the one registry of them:
  :data:`builder.build_cache.OUTPUT_LIBRARIES`, with what they require, extras included, and
  the native libraries they load: :data:`builder.build_cache.NATIVE_LIBRARIES`, the system's
  Pango that lays out the PDFs among them);
- the ``BANTIN_*`` settings in the environment (except the clock, the cache folder and timings);
- the clock, in two ways only: which entries are published (a scheduled entry appears when its
  date passes) and the home page's calendar (which changes with the day).

After each finished build a stamp is kept in the cache folder: the digest of the inputs, the
day, the moment of the next scheduled entry and the identity of the ``site/`` it wrote. A build
whose digest and day match, before that moment, with that ``site/`` still in place, is skipped.

Reading every file to digest it takes a second at 10,000 articles, so the stamp also keeps the
files' *signature* (:func:`files_signature`: path, size, inode, modification and change times
of each): when it matches, no file was written since, and the digest is not made. Any write
changes a file's change time, which no program can set back (``touch`` and ``rsync -t`` set
only the modification time); a file rewritten with other bytes is therefore always read.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from builder import config_files
from builder.atomic import write_atomic
from builder.build_cache import build_key, digest, tree_digest

_CLOCK_FREE = ("BANTIN_NOW", "BANTIN_CACHE_DIR", "BANTIN_TIMINGS")


def inputs_digest(docs_dir: Path, config_file: Path, theme_dir: Path | None) -> str:
    """SHA-256 of everything a build reads, except the clock (see the module docstring)."""
    configuration = b"".join(path.read_bytes() for path in config_files.files(config_file))
    return digest(tree_digest([docs_dir]), configuration, tree_digest([theme_dir]) if theme_dir else "", *_not_files())


def files_signature(docs_dir: Path, config_file: Path, theme_dir: Path | None) -> str:
    """SHA-256 of the path, size, inode, modification and change times (ns) of every file of
    the inputs, and of the other inputs of :func:`inputs_digest` (code, libraries, settings):
    the same value means that no input file was written (see the module docstring)."""
    found = []
    for folder in (docs_dir, theme_dir):
        for top, _, names in os.walk(folder) if folder else ():
            found += [os.path.join(top, name) for name in names]
    configuration = [str(path) for path in config_files.files(config_file)]
    return digest(*(_stat_text(path) for path in [*sorted(found), *configuration]), *_not_files())


def _stat_text(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:  # removed meanwhile: counted as absent
        return f"{path}|-"
    return f"{path}|{info.st_size}|{info.st_ino}|{info.st_mtime_ns}|{info.st_ctime_ns}"


def _not_files() -> list[str]:
    """The inputs that are not the project's files: code, library versions, settings."""
    settings = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("BANTIN_") and k not in _CLOCK_FREE)
    return [build_key(), *settings]


def stamp_file(cache_dir: Path, site_dir: Path) -> Path:
    """Where the stamp of builds into ``site_dir`` is kept (one per site: sites may share a cache)."""
    return cache_dir / "last-build" / f"{digest(str(site_dir.resolve()))[:16]}.json"


class Inputs:
    """The inputs of a build in ``docs_dir``, ``config_file`` and ``theme_dir``, as the stamp
    keeps them: :attr:`signature` (made at once, before the build reads anything) and
    :meth:`digest` (:func:`inputs_digest`, made at the first call)."""

    def __init__(self, docs_dir: Path, config_file: Path, theme_dir: Path | None):
        self._where = (docs_dir, config_file, theme_dir)
        self.signature = files_signature(*self._where)
        self._digest: str | None = None

    def digest(self) -> str:
        """:func:`inputs_digest` of the inputs as they were at the first call."""
        if self._digest is None:
            self._digest = inputs_digest(*self._where)
        return self._digest


def fresh(stamp_file: Path, inputs: Inputs, now: datetime, site_dir: Path) -> dict | None:
    """The stamp of the last build when it wrote the site these inputs would give at ``now``
    and ``site_dir`` is still that site; None when a build is needed. The inputs' digest is
    made only when their signature differs from the stamp's.

    Returns:
        ``{"pages": int, "feeds": int, ...}`` as :func:`save` wrote it.
    """
    try:
        stamp = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    next_change = stamp.get("next_change")
    if (
        stamp.get("site") != _identity(site_dir)
        or stamp.get("today") != now.date().isoformat()
        or (next_change and now >= datetime.fromisoformat(next_change))
    ):
        return None
    if stamp.get("signature") != inputs.signature and stamp.get("inputs") != inputs.digest():
        return None
    return stamp


def save(
    stamp_file: Path,
    inputs: Inputs,
    now: datetime,
    next_change: datetime | None,
    site_dir: Path,
    pages: int,
    feeds: int,
) -> None:
    """Record a finished build (``next_change``: the date of the next scheduled entry, or None)."""
    stamp = {
        "inputs": inputs.digest(),
        "signature": inputs.signature,
        "today": now.date().isoformat(),
        "site": _identity(site_dir),
        "pages": pages,
        "feeds": feeds,
        "next_change": next_change.isoformat() if next_change else None,
    }
    write_atomic(stamp_file, json.dumps(stamp, ensure_ascii=False, indent=1).encode("utf-8"))


def _identity(site_dir: Path) -> list:
    """Which ``site/`` this is: a build puts a new folder in place, with a new inode."""
    try:
        info = site_dir.stat()
    except OSError:
        return []
    return [str(site_dir.resolve()), info.st_ino, info.st_mtime_ns]
