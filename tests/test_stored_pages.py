"""Stored pages are written without MkDocs' page loop (builder/mkdocs_plugin/stored_pages.py),
but never at the expense of another plugin: a project's own MkDocs hooks that change pages
must see every page of every build, warm ones included."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MKDOCS_YML, THEME, make_site, reader_pages, run_bantin

pytestmark = pytest.mark.slow  # builds a site twice with a hook

ARTICLE = """---
title: "Hội LHPN xã {n} ra mắt mô hình tiết kiệm"
date: 2021-04-{n:02d} 08:00
description: "Mô hình số {n} giúp chị em có vốn làm ăn."
categories: [Phụ nữ khởi nghiệp]
---

Sáng {n}/4, Hội LHPN xã ra mắt mô hình số {n}.
"""

HOOK = """
def on_post_page(output, page, config):
    return output.replace("</body>", "<!-- dấu của hook -->\\n</body>")
"""


def _pages_without_mark(site: Path) -> list[str]:
    return [
        p.relative_to(site).as_posix()
        for p in reader_pages(site, "index.html")
        if "<!-- dấu của hook -->" not in p.read_text(encoding="utf-8")
    ]


def test_a_hook_changing_pages_sees_every_page_of_a_warm_build(tmp_path):
    files = {f"tin-tuc/bai-{n}.md": ARTICLE.format(n=n) for n in range(1, 6)}
    root = make_site(tmp_path / "du-an", files, config=MKDOCS_YML.format(theme=THEME) + "hooks:\n  - dau.py\n")
    (root / "dau.py").write_text(HOOK, encoding="utf-8")
    env = {"BANTIN_CACHE_DIR": str(tmp_path / "cache")}
    first = run_bantin(root, "build", env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _pages_without_mark(root / "site") == []

    edited = root / "content/tin-tuc/bai-3.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nĐoạn thêm.\n", encoding="utf-8")
    warm = run_bantin(root, "build", env=env)  # every other page is in the cache now
    assert warm.returncode == 0, warm.stdout + warm.stderr
    assert len(list((root / "site").rglob("index.html"))) > 5
    assert _pages_without_mark(root / "site") == []
