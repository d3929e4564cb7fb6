"""Broken sites: what an editor sees when one file is wrong, and that nothing is published.

Each folder of ``tests/fixtures/invalid/`` is a small site with exactly one mistake and the
exact lines ``bantin`` must print on stderr (``expected.txt``). The real command runs on a
copy that already has a published ``site/``: the build must fail with exit code 1, print
those lines and nothing else, and leave ``site/`` and the project folder as they were.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, MKDOCS_YML, THEME, make_site, run_bantin

CASES = FIXTURES / "invalid"
SENTINEL = "Bản cũ đang được xuất bản.\n"


def _cases() -> list:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").is_file())


def _site_with_published_copy(case: str, root: Path) -> Path:
    shutil.copytree(CASES / case / "content", root / "content")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(theme=THEME), encoding="utf-8")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text(SENTINEL, encoding="utf-8")
    return root


def _expected(case: str) -> str:
    return (CASES / case / "expected.txt").read_text(encoding="utf-8").rstrip()


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_every_case_has_content_and_expected_lines():
    names = [p.name for p in CASES.iterdir() if p.is_dir()]
    assert len(names) >= 14
    for name in names:
        assert (CASES / name / "content").is_dir(), name
        lines = _expected(name).splitlines()
        assert lines[-1].endswith("Chưa xuất bản gì: thư mục site/ giữ nguyên."), name
        assert all(line.startswith("content/") and ": lỗi: " in line for line in lines[:-1]), name


@pytest.mark.parametrize("case", _cases())
def test_broken_site_is_reported_and_not_published(case, tmp_path):
    root = _site_with_published_copy(case, tmp_path)
    before = sorted(p.name for p in root.iterdir())

    result = run_bantin(root, "build")

    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert _tree(root / "site") == ["index.html"]
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == SENTINEL
    assert sorted(p.name for p in root.iterdir()) == before  # no .site-* staging folder left
    assert result.stderr.rstrip() == _expected(case)


def test_check_prints_the_same_lines_as_build_and_writes_nothing(tmp_path):
    root = _site_with_published_copy("missing_date", tmp_path)

    result = run_bantin(root, "check")

    assert result.returncode == 1
    assert result.stderr.rstrip() == _expected("missing_date")
    assert _tree(root / "site") == ["index.html"]


def test_check_accepts_a_valid_site(tmp_path):
    root = make_site(
        tmp_path, {"tin-tuc/hoi-nghi.md": '---\ntitle: "Hội nghị tổng kết"\ndate: 2021-03-08\n---\n\nNội dung.\n'}
    )

    result = run_bantin(root, "check")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Nội dung hợp lệ: không có lỗi."
    assert result.stderr == ""
    assert not (root / "site").exists()
