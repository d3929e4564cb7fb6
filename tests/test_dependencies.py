"""Every third-party library that builder/ imports is declared in pyproject.toml.

A library that arrives only as another package's dependency (urllib3 through requests,
markupsafe through Jinja2, watchdog through MkDocs) works until that package drops it or moves
it to an incompatible major version; then ``bantin`` breaks with nobody having changed it. So
each import of ``builder/`` is mapped to the distribution that provides it
(:func:`importlib.metadata.packages_distributions`, over the installed environment: the scan of
tests/import_scan.py, shared with the cache-key registry's test) and that distribution must be
declared:

- an import at module level (or in a class body) runs whenever the module is loaded: the
  distribution must be in ``[project].dependencies``;
- an import inside a function runs only when that feature is used (the Playwright screenshots
  of ``bantin changes --screenshots``): an optional extra is enough.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from conftest import ROOT
from import_scan import canonical, distributions_of, third_party_imports

from builder.build_cache import NOT_OUTPUT, OUTPUT_LIBRARIES


def _name(requirement: str) -> str:
    """The normalised distribution name of a PEP 508 requirement ("Pillow>=13" → "pillow")."""
    return canonical(re.match(r"\s*([A-Za-z0-9._-]+)", requirement).group(1))


def declared(pyproject: Path) -> tuple[set[str], set[str]]:
    """``(runtime, optional)``: normalised names in ``[project].dependencies`` and in all extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project.get("dependencies", [])}
    optional = {_name(r) for extra in project.get("optional-dependencies", {}).values() for r in extra}
    return runtime, optional


def undeclared(package: Path, pyproject: Path) -> list[str]:
    """Imports of ``package`` whose distribution ``pyproject`` does not declare, as messages."""
    runtime, optional = declared(pyproject)
    problems = []
    for module, (where, at_load) in sorted(third_party_imports(package).items()):
        distributions = distributions_of(module)
        if not distributions and not at_load and canonical(module) in optional:
            continue  # an optional extra this environment lacks (properdocs: the engine-check extra)
        if not distributions:
            problems.append(f"{where}: imports {module}, which no installed distribution provides")
        elif not distributions & (runtime if at_load else runtime | optional):
            problems.append(
                f"{where}: imports {module} ({', '.join(sorted(distributions))}), not declared in "
                + ("[project].dependencies" if at_load else "pyproject.toml")
            )
    return problems


def test_every_imported_library_is_declared():
    assert undeclared(ROOT / "builder", ROOT / "pyproject.toml") == []


def test_every_library_of_the_cache_registry_is_declared():
    """builder/build_cache.py's registry names each library a cache key follows, and what of
    bantin uses the others; each must be a declared dependency, not one that merely happens
    to be installed (a library a cache keys on could otherwise vanish with an upgrade of
    another). Only ProperDocs, the other engine, is an optional extra among the output
    libraries (keyed as "properdocs==" where it is not installed)."""
    runtime, optional = declared(ROOT / "pyproject.toml")
    assert {canonical(name) for name in OUTPUT_LIBRARIES} - runtime == {"properdocs"}
    assert "properdocs" in optional
    assert {canonical(name) for name in NOT_OUTPUT} - runtime - optional == set()


def test_an_undeclared_import_is_named(tmp_path):
    package = tmp_path / "builder"
    package.mkdir()
    (package / "a.py").write_text(
        "import os\n"
        "import yaml\n"
        "import urllib3.exceptions\n"
        "from . import b\n"
        "def later():\n"
        "    import feedparser\n"
        "    import notinstalledextra\n"
        "    import notinstalledatall\n",
        encoding="utf-8",
    )
    (package / "b.py").write_text("import feedparser\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\ndependencies = ["PyYAML>=6"]\n'
        '[project.optional-dependencies]\ntest = ["feedparser>=6"]\nextra = ["notinstalledextra>=1"]\n',
        encoding="utf-8",
    )
    assert undeclared(package, tmp_path / "pyproject.toml") == [
        "builder/b.py:1: imports feedparser (feedparser), not declared in [project].dependencies",
        "builder/a.py:8: imports notinstalledatall, which no installed distribution provides",
        "builder/a.py:3: imports urllib3 (urllib3), not declared in [project].dependencies",
    ]
