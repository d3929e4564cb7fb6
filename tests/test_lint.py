"""``ruff check`` passes over the code, with the rules of ``[tool.ruff]`` in pyproject.toml, and
``ruff format --check`` finds nothing to change.

Run by ``make test`` (and CI) like every test, so a lint error fails the build of a change.
Also: the benchmarks and tests read no name of ``builder`` that is gone.
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


def _names_used_of_builder(path: Path) -> list[tuple[int, str, str]]:
    """``(line, module, name)`` for every ``module.name`` that ``path`` reads of a module of
    ``builder`` it imports (``from builder.x import y`` as a module, ``import builder.x``),
    except inside an ``if`` that tests ``hasattr`` (code written for an older builder too)."""
    import ast
    import importlib

    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("builder"):
            for alias in node.names:
                try:
                    importlib.import_module(f"{node.module}.{alias.name}")
                except ImportError:
                    continue  # a function or class, not a module
                modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name: a.name for a in node.names if a.name.startswith("builder.")}
    guarded = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "hasattr(" in ast.unparse(node.test):
            guarded |= {id(inner) for inner in ast.walk(node)}
    return [
        (node.lineno, modules[node.value.id], node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and id(node) not in guarded
    ]


def test_the_benchmarks_and_tests_use_only_names_builder_has():
    """A benchmark is run by hand, long after the code it measures was renamed: a name of
    ``builder`` it reads that is gone (bench/editions.py read printing._site_url, renamed
    site_url) shows only then, as a traceback."""
    import importlib

    gone = [
        f"{path.relative_to(ROOT)}:{line}: {module}.{name}"
        for folder in ("bench", "tests")
        for path in sorted((ROOT / folder).glob("*.py"))
        for line, module, name in _names_used_of_builder(path)
        if not hasattr(importlib.import_module(module), name)
    ]
    assert not gone
