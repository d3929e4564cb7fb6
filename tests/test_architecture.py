"""The content model stays free of MkDocs and output libraries (import-linter contracts in
pyproject.toml), so the core can later run under ProperDocs or Zensical."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 8 kept, 0 broken." in result.stdout


def test_the_contract_catches_a_forbidden_import(tmp_path):
    """Prove the contract can fail: a copy of builder/ whose model imports mkdocs breaks it."""
    import shutil

    shutil.copytree(ROOT / "builder", tmp_path / "builder")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bad = tmp_path / "builder" / "content" / "slugs.py"
    bad.write_text(bad.read_text(encoding="utf-8") + "\nimport mkdocs  # noqa\n", encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode != 0
    assert "builder.content.slugs -> mkdocs" in result.stdout
