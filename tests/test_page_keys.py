"""A clean build makes no planning pass over the pages: nothing stored can match, so the page
workers make each page's key as they render it (builder/mkdocs_plugin/plugin.py,
``_plan_pages``). The next build must find those pages under the keys it plans with, and
still give the site a clean build gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, THEME, make_site, run_bantin, site_digests

pytestmark = pytest.mark.slow  # builds the union's site twice, with workers

ARTICLE = """---
title: "Hội LHPN xã {n} trao vốn cho hội viên nghèo"
date: 2021-06-{day:02d} 08:00
description: "Mười hộ ở xã số {n} được vay vốn không lãi."
categories: [Giảm nghèo]
tags: [Vốn vay]
---

Sáng {day}/6, Hội LHPN xã số {n} trao vốn cho mười hội viên nghèo.
"""
ARTICLES = 70  # page workers start at 64 pages (builder/mkdocs_plugin/workers.py, MIN_ITEMS)
WORKERS = {"BANTIN_WORKERS": "2"}


def _build(root: Path, cache: Path) -> None:
    run = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(cache), **WORKERS})
    assert run.returncode == 0, run.stdout + run.stderr


def _pages_rendered_by_last_build(cache: Path) -> tuple[int, int]:
    """``(pages rendered, pages stored by an earlier build and used)`` by the last build."""
    with sqlite3.connect(cache / "build.sqlite") as db:
        (last,) = db.execute("select max(build) from seen").fetchone()
        rendered = db.execute("select count(*) from entries where kind = 'page' and build = ?", (last,)).fetchone()[0]
        reused = db.execute(
            "select count(*) from seen join entries using (kind, key) where kind = 'page'"
            " and seen.build = ? and entries.build < ?",
            (last, last),
        ).fetchone()[0]
    return rendered, reused


def test_pages_keyed_by_the_workers_are_found_by_the_next_build(tmp_path):
    files = {f"tin-tuc/xa-{n}.md": ARTICLE.format(n=n, day=n % 28 + 1) for n in range(ARTICLES)}
    root = make_site(tmp_path / "du-an", files, config=MKDOCS_YML.format(theme=THEME))
    cache = tmp_path / "cache"
    _build(root, cache)
    edited = root / "content/tin-tuc/xa-5.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nĐoạn thêm về mô hình.\n", encoding="utf-8")
    _build(root, cache)  # warm: plans every page under its key
    rendered, reused = _pages_rendered_by_last_build(cache)
    assert rendered <= 8 and reused >= ARTICLES - 1  # the edited article and the listings that show it
    warm = site_digests(root / "site")
    _build(root, tmp_path / "clean-cache")
    assert site_digests(root / "site") == warm
