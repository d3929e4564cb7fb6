"""The old site/ is deleted after the command, from the cache's trash (builder/trash.py).

A build swaps the new site in at once and leaves the deletion of the old one to a detached
process; the site is whole after every build, nothing is left beside it, and the trash is
emptied eventually, including what a killed deletion left.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from builder.build import _swap
from conftest import make_site, news, run_bantin


def _emptied(trash: Path, wait: float = 60.0) -> bool:
    """True once ``trash`` holds nothing (polled: the deletion runs in another process)."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if not trash.exists() or not any(trash.iterdir()):
            return True
        time.sleep(0.1)
    return False


def _tree(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.slow
def test_a_rebuild_swaps_the_whole_new_site_in_and_the_old_one_is_deleted_later(tmp_path):
    root, cache = make_site(tmp_path / "s", {"tin-tuc/bai.md": news("Bài đầu")}), tmp_path / "cache"
    env = {"BANTIN_CACHE_DIR": str(cache)}
    assert run_bantin(root, "build", env=env).returncode == 0
    leftover = _tree(cache / "trash" / "bi-ngat", {"tin-tuc/index.html": "trang cũ"})  # a killed deletion's
    (root / "content/tin-tuc/bai.md").write_text(news("Bài đã sửa"), encoding="utf-8")

    result = run_bantin(root, "build", env=env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Bài đã sửa" in (root / "site/tin-tuc/index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in root.iterdir()) == ["content", "mkdocs.yml", "site"]  # no .site-* beside it
    assert _emptied(cache / "trash"), list((cache / "trash").iterdir())
    assert not leftover.exists()


def test_where_the_trash_cannot_take_the_old_site_it_is_deleted_in_place(tmp_path):
    target = _tree(tmp_path / "site", {"index.html": "cũ", "tin-tuc/index.html": "cũ"})
    staging = _tree(tmp_path / ".site-moi", {"index.html": "mới"})
    blocked = tmp_path / "cache" / "trash"
    blocked.parent.mkdir()
    blocked.write_text("không phải thư mục", encoding="utf-8")  # like a trash on another file system: rename fails

    _swap(staging, target, blocked)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]
    assert sorted(p.name for p in target.iterdir()) == ["index.html"]
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"


def test_a_swap_leaves_the_new_site_whole_and_empties_the_trash(tmp_path):
    target = _tree(tmp_path / "site", {f"bai-{n}/index.html": "cũ" for n in range(200)})
    staging = _tree(tmp_path / ".site-moi", {f"bai-{n}/index.html": "mới" for n in range(200)})
    trash = tmp_path / "cache" / "trash"

    _swap(staging, target, trash)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "site"]
    assert {p.read_text(encoding="utf-8") for p in target.rglob("index.html")} == {"mới"}
    assert len(list(target.rglob("index.html"))) == 200
    assert _emptied(trash)
