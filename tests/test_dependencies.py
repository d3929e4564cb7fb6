"""Every third-party library that builder/ imports is declared in pyproject.toml.

A library that arrives only as another package's dependency (urllib3 through requests,
markupsafe through Jinja2, watchdog through MkDocs) works until that package drops it or moves
it to an incompatible major version; then ``bantin`` breaks with nobody having changed it. So
each import of ``builder/`` is mapped to the distribution that provides it
(:func:`importlib.metadata.packages_distributions`, over the installed environment) and that
distribution must be declared:

- an import at module level (or in a class body) runs whenever the module is loaded: the
  distribution must be in ``[project].dependencies``;
- an import inside a function runs only when that feature is used (the Playwright screenshots
  of ``bantin changes --screenshots``): an optional extra is enough.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

from conftest import ROOT


def _name(requirement: str) -> str:
    """The normalised distribution name of a PEP 508 requirement ("Pillow>=13" → "pillow")."""
    return re.sub(r"[-_.]+", "-", re.match(r"\s*([A-Za-z0-9._-]+)", requirement).group(1)).lower()


def declared(pyproject: Path) -> tuple[set[str], set[str]]:
    """``(runtime, optional)``: normalised names in ``[project].dependencies`` and in all extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project.get("dependencies", [])}
    optional = {_name(r) for extra in project.get("optional-dependencies", {}).values() for r in extra}
    return runtime, optional


def imports(package: Path) -> dict[str, tuple[str, bool]]:
    """Top-level third-party module → (first file:line importing it, whether any import of it
    runs at module load; the place named is the first such import), over every ``.py`` under ``package`` (relative imports and the
    standard library left out)."""
    found: dict[str, tuple[str, bool]] = {}

    def visit(node: ast.AST, path: Path, at_load: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                names = [child.module]
            else:
                names = []
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top == package.name:
                    continue
                here = f"{path.relative_to(package.parent)}:{child.lineno}"
                if top not in found or (at_load and not found[top][1]):
                    found[top] = (here, at_load)  # the first import, or the first that runs at load
            inner = at_load and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, path, inner)

    for path in sorted(package.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), path, True)
    return found


def undeclared(package: Path, pyproject: Path) -> list[str]:
    """Imports of ``package`` whose distribution ``pyproject`` does not declare, as messages."""
    runtime, optional = declared(pyproject)
    providers = importlib.metadata.packages_distributions()
    problems = []
    for module, (where, at_load) in sorted(imports(package).items()):
        distributions = {_name(d) for d in providers.get(module, [])}
        if not distributions:
            problems.append(f"{where}: imports {module}, which no installed distribution provides")
        elif not distributions & (runtime if at_load else runtime | optional):
            problems.append(f"{where}: imports {module} ({', '.join(sorted(distributions))}), not declared in "
                            + ("[project].dependencies" if at_load else "pyproject.toml"))
    return problems


def test_every_imported_library_is_declared():
    assert undeclared(ROOT / "builder", ROOT / "pyproject.toml") == []


def test_an_undeclared_import_is_named(tmp_path):
    package = tmp_path / "builder"
    package.mkdir()
    (package / "a.py").write_text(
        "import os\n"
        "import yaml\n"
        "import urllib3.exceptions\n"
        "from . import b\n"
        "def later():\n"
        "    import feedparser\n", encoding="utf-8")
    (package / "b.py").write_text("import feedparser\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["PyYAML>=6"]\n'
        '[project.optional-dependencies]\ntest = ["feedparser>=6"]\n', encoding="utf-8")
    assert undeclared(package, tmp_path / "pyproject.toml") == [
        "builder/b.py:1: imports feedparser (feedparser), not declared in [project].dependencies",
        "builder/a.py:3: imports urllib3 (urllib3), not declared in [project].dependencies",
    ]
