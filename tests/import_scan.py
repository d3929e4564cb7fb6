"""The third-party imports of a package, found by reading its source (nothing is imported).

Shared by the tests that hold the project's lists of libraries to the code:
tests/test_dependencies.py (every import declared in pyproject.toml) and
tests/test_cache_keys.py (every import in the cache-key registry of builder/build_cache.py).
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path


def canonical(name: str) -> str:
    """A distribution's normalised name (PEP 503): "Pillow" → "pillow", "lunar_vn" → "lunar-vn"."""
    return re.sub(r"[-_.]+", "-", name).lower()


def third_party_imports(package: Path) -> dict[str, tuple[str, bool]]:
    """Top-level third-party module → (where, at_load) over every ``.py`` under ``package``.

    ``where`` is "path:line" (relative to the package's parent) of the first import of it, or of
    the first one that runs when its module is loaded; ``at_load`` tells whether any import of it
    is at module level or in a class body (not inside a function). Relative imports, the
    standard library and the package itself are left out.
    """
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
                here = f"{path.relative_to(package.parent).as_posix()}:{child.lineno}"
                if top not in found or (at_load and not found[top][1]):
                    found[top] = (here, at_load)
            inner = at_load and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            visit(child, path, inner)

    for path in sorted(package.rglob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), path, True)
    return found


def distributions_of(module: str) -> set[str]:
    """The canonical names of the installed distributions that provide top-level ``module``
    (empty when none does)."""
    return {canonical(d) for d in importlib.metadata.packages_distributions().get(module, [])}
