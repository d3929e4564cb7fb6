"""Shared test helpers: real MkDocs builds of fixture sites.

A fixture site is a folder with ``mkdocs.yml`` and ``content/`` under ``tests/fixtures/``.
:func:`build_site` copies it to a temporary folder and builds it with the real ``bantin``
build (validation, MkDocs, plugin, feeds, atomic swap), so tests see what an editor sees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
THEME = ROOT / "theme"
NOW = "2026-11-29T12:00:00"
"""The moment fixture builds publish at (BANTIN_NOW), so results do not depend on the clock."""

MKDOCS_YML = """\
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
      place: Quảng Trị
      issuer:
        parent: HỘI LHPN VIỆT NAM
        body: BCH HỘI LHPN TỈNH QUẢNG TRỊ
"""


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
    """Copy ``tests/fixtures/sites/<name>`` to ``dest`` with a mkdocs.yml pointing at our theme."""
    shutil.copytree(FIXTURES / "sites" / name, dest, dirs_exist_ok=True)
    if not (dest / "mkdocs.yml").exists():
        (dest / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=THEME), encoding="utf-8")
    return dest


def bantin_env(now: str = NOW, **extra: str) -> dict[str, str]:
    """The environment the ``bantin`` command runs with in tests (``extra`` overrides)."""
    return {**os.environ, "BANTIN_NOW": now, "NO_MKDOCS_2_WARNING": "1", "BANTIN_CACHE_DIR": str(ROOT / ".cache"), **extra}


def run_bantin(root: Path, *args: str, now: str = NOW, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real ``bantin`` command in ``root``; returns the finished process (text).

    ``env`` adds to (or overrides) the variables of :func:`bantin_env`.
    """
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=root, env=bantin_env(now, **(env or {})),
                          capture_output=True, text=True, timeout=300)


def build_ok(root: Path, now: str = NOW) -> Path:
    """Build the site in ``root`` and fail the test with bantin's output if it does not build."""
    result = run_bantin(root, "build", now=now)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real ``content/`` of the repository, built once per test run."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {THEME}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return build_ok(root)
