"""A warm build (the build cache of earlier builds) gives exactly the site a clean build gives.

Issue 8, part 4: the real content is built once to fill a cache; then an article is edited,
added, removed or renamed (and an issue's article edited: its issue, listing and PDF change),
the site is rebuilt with the warm cache and compared byte for byte, every file, with a clean
build (empty cache) of the same content: pages, feeds, sitemap, search index, PDFs, cards.
A build killed midway must not leave a cache that makes a later build differ either.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import bantin_env, copy_fixture, run_bantin, site_digests

pytestmark = pytest.mark.slow  # every test builds the union's site warm and clean and compares them

NEWS = "content/tin-tuc/ngan-hang-con-giong-tiep-suc-hoi-vien-ngheo-o-xa-cam-thuy.md"
ISSUE_ARTICLE = "content/ban-tin/so-8-3-2021/khoi-nghiep-tu-cu-nghe-que-nha.md"
NEW_ARTICLE = """---
title: "Hội LHPN huyện Đakrông ra mắt câu lạc bộ phụ nữ khởi nghiệp"
date: 2021-05-20 09:00
description: "Câu lạc bộ có 25 thành viên, là phụ nữ dân tộc Vân Kiều, Pa Kô."
categories: [Phụ nữ khởi nghiệp]
tags: [Khởi nghiệp, Đakrông]
---

Sáng 20/5, Hội LHPN huyện Đakrông ra mắt câu lạc bộ phụ nữ khởi nghiệp tại xã Tà Rụt.

## Đồng hành cùng chị em

Câu lạc bộ sinh hoạt hằng tháng, chia sẻ kinh nghiệm trồng cà phê, nuôi bò.
"""


def _edit(root: Path) -> None:
    path = root / NEWS
    text = path.read_text(encoding="utf-8").replace('title: "', 'title: "Quảng Trị: ', 1)
    path.write_text(text + "\nĐoạn mới: chị em ở Cam Thủy tiếp tục nhân rộng mô hình.\n", encoding="utf-8")


def _add(root: Path) -> None:
    (root / "content/tin-tuc/cau-lac-bo-phu-nu-khoi-nghiep-dakrong.md").write_text(NEW_ARTICLE, encoding="utf-8")


def _remove(root: Path) -> None:
    (root / NEWS).unlink()


def _rename(root: Path) -> None:
    (root / NEWS).rename(root / "content/tin-tuc/ngan-hang-con-giong-cam-thuy.md")


def _edit_issue_article(root: Path) -> None:
    path = root / ISSUE_ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\nThêm một đoạn cho bản in.\n", encoding="utf-8")


CHANGES = {"edit": _edit, "add": _add, "remove": _remove, "rename": _rename, "edit-issue-article": _edit_issue_article}


def _site(tmp: Path) -> Path:
    root = tmp / "site-root"
    copy_fixture("union", root)
    return root


def _build(root: Path, cache: Path) -> dict[str, str]:
    result = run_bantin(root, "build", env={"BANTIN_CACHE_DIR": str(cache)})
    assert result.returncode == 0, result.stdout + result.stderr
    return site_digests(root / "site")


def _differences(warm: dict[str, str], clean: dict[str, str]) -> list[str]:
    return sorted(path for path in warm.keys() | clean.keys() if warm.get(path) != clean.get(path))


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory) -> tuple[Path, Path]:
    """A site of the real content and the cache its first build left."""
    tmp = tmp_path_factory.mktemp("incremental")
    root, cache = _site(tmp), tmp / "cache"
    _build(root, cache)
    return root, cache


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_warm_build_after_a_change_equals_a_clean_build(warm_cache, tmp_path, change):
    root, cache = warm_cache
    warm_root, warm_dir = tmp_path / "warm", tmp_path / "warm-cache"
    shutil.copytree(root, warm_root)
    shutil.copytree(cache, warm_dir)
    CHANGES[change](warm_root)
    clean_root = tmp_path / "clean"
    shutil.copytree(warm_root / "content", clean_root / "content")
    shutil.copy(warm_root / "mkdocs.yml", clean_root / "mkdocs.yml")

    warm = _build(warm_root, warm_dir)
    clean = _build(clean_root, tmp_path / "empty-cache")

    assert _differences(warm, clean) == []
    assert len(warm) > 100  # the comparison saw the whole site (pages, feeds, search index, PDFs, cards)


def test_the_warm_build_reuses_pages_and_redoes_the_changed_ones(warm_cache, tmp_path):
    root, cache = warm_cache
    shutil.copytree(root, tmp_path / "w")
    shutil.copytree(cache, tmp_path / "c")
    _edit_issue_article(tmp_path / "w")  # its text only: every URL stays
    result = run_bantin(tmp_path / "w", "-v", "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "c")})
    assert result.returncode == 0, result.stderr
    found = re.search(r"bộ nhớ đệm: dùng lại (\d+), làm mới (\d+)", result.stderr)
    assert found, result.stderr
    reused, redone = int(found[1]), int(found[2])
    assert reused > 100  # most pages came from the cache ...
    assert 1 <= redone < 30  # ... the edited article and the pages that list it were made again


def test_a_build_killed_midway_leaves_a_cache_that_still_gives_the_clean_site(warm_cache, tmp_path):
    root, cache = warm_cache
    work, work_cache = tmp_path / "w", tmp_path / "c"
    shutil.copytree(root, work)
    shutil.copytree(cache, work_cache)
    _edit(work)
    _add(work)
    env = bantin_env(BANTIN_CACHE_DIR=str(work_cache))
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "build"],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)  # midway: content read, pages being rendered (a build here takes ~4 s)
    process.send_signal(signal.SIGKILL)
    process.wait()
    _edit_issue_article(work)

    warm = _build(work, work_cache)
    clean_root = tmp_path / "clean"
    shutil.copytree(work / "content", clean_root / "content")
    shutil.copy(work / "mkdocs.yml", clean_root / "mkdocs.yml")
    clean = _build(clean_root, tmp_path / "empty-cache")

    assert _differences(warm, clean) == []


def test_pages_rendered_in_worker_processes_equal_pages_rendered_in_one(warm_cache, tmp_path):
    root, _ = warm_cache
    shutil.copytree(root / "content", tmp_path / "one" / "content")
    shutil.copy(root / "mkdocs.yml", tmp_path / "one" / "mkdocs.yml")
    result = run_bantin(tmp_path / "one", "build", env={"BANTIN_CACHE_DIR": str(tmp_path / "c"), "BANTIN_WORKERS": "1"})
    assert result.returncode == 0, result.stderr
    assert _differences(site_digests(tmp_path / "one" / "site"), site_digests(root / "site")) == []
