"""``ruff check`` passes over the code, with the rules of ``[tool.ruff]`` in pyproject.toml, and
``ruff format --check`` finds nothing to change.

Run by ``make test`` (and CI) like every test, so a lint error fails the build of a change.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"


def _ruff_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(RUFF), "check", "--no-cache", "--output-format", "concise", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ruff_check_passes():
    result = _ruff_check(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_the_code_as_it_is():
    """The code is in ``ruff format``'s style (pyproject.toml, ``[tool.ruff]``): a change that is
    not is named here with its files; ``ruff format builder tests bench`` mends it."""
    result = subprocess.run(
        [str(RUFF), "format", "--check", "--no-cache", "builder", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_names_a_lint_error(tmp_path):
    """The configuration is read and catches something: an unused import in a copy."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "builder").mkdir()
    (tmp_path / "builder" / "a.py").write_text("import os\n", encoding="utf-8")
    result = _ruff_check(tmp_path)
    assert result.returncode == 1
    assert "builder/a.py:1:8: F401" in result.stdout
