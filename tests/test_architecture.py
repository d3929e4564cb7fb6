"""The content model stays free of MkDocs and output libraries (import-linter contracts in
pyproject.toml), so the core can later run under ProperDocs or Zensical."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 8 kept, 0 broken." in result.stdout


def _lint_with_import(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess:
    """``lint-imports`` run on a copy of builder/ whose ``module`` (a path under builder/) has
    ``line`` appended."""
    import shutil

    shutil.copytree(ROOT / "builder", tmp_path / "builder")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bad = tmp_path / "builder" / module
    bad.write_text(bad.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    lint = Path(sys.executable).parent / "lint-imports"
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    return subprocess.run([str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)


def test_the_contract_catches_a_forbidden_import(tmp_path):
    """Prove the contract can fail: a copy of builder/ whose model imports mkdocs breaks it."""
    result = _lint_with_import(tmp_path, "content/slugs.py", "import mkdocs")
    assert result.returncode != 0
    assert "builder.content.slugs -> mkdocs" in result.stdout


def test_pillow_outside_the_picture_outputs_breaks_a_contract(tmp_path):
    """Any module but builder.outputs.images, cards and emblem importing Pillow is refused, not
    only the few modules a contract happened to list (builder.outputs.admin was not)."""
    result = _lint_with_import(tmp_path, "outputs/admin.py", "import PIL")
    assert result.returncode != 0, result.stdout
    assert "builder.outputs.admin -> PIL" in result.stdout


PUBLIC_ADAPTER_MODULES = {
    "engine",
    "plugin",
    "state",
    "config",
    "edition_config",
    "identity_config",
    "period_config",
    "sharing_config",
    "site_files",
    "sharing",
    "pictures",
    "safe_body",
    "preview",
}
"""The adapter's public modules, as ARCHITECTURE.md §1 ("MkDocs only through the adapter") and
pyproject.toml name them: the only ones the build, CLI, preview and editor tools may import."""


def test_every_module_of_the_adapter_is_public_or_forbidden_to_the_layers_above():
    """The contract lists the adapter's private modules: a module added to builder/mkdocs_plugin
    and left out of that list would be open to builder.build and the rest without a word."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = [c for c in contracts["contracts"] if c["name"].endswith("use only the adapter's public modules")]
    forbidden = {name.removeprefix("builder.mkdocs_plugin.") for name in contract["forbidden_modules"]}
    modules = {path.stem for path in (ROOT / "builder" / "mkdocs_plugin").glob("*.py")} - {"__init__"}
    assert not PUBLIC_ADAPTER_MODULES & forbidden
    assert modules - PUBLIC_ADAPTER_MODULES - forbidden == set(), "add to the contract's forbidden_modules"
    assert PUBLIC_ADAPTER_MODULES | forbidden <= modules, "a module named that is gone"
    said = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").partition("The adapter's public modules are")[2]
    said = said.partition("\n\n")[0]  # the paragraph that names them
    for name in PUBLIC_ADAPTER_MODULES - {"edition_config", "identity_config", "period_config", "sharing_config"}:
        assert re.search(rf"`(mkdocs_plugin\.)?{name}`", said), name


def _imports_between_outputs() -> set[tuple[str, str]]:
    """(importer, imported) for every import of one module of builder/outputs by another."""
    import ast

    outputs = ROOT / "builder" / "outputs"
    names = {path.stem for path in outputs.glob("*.py")}
    found = set()
    for path in outputs.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "builder.outputs":
                found |= {(path.stem, alias.name) for alias in node.names if alias.name in names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("builder.outputs."):
                found.add((path.stem, node.module.rsplit(".", 1)[1]))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("builder.mkdocs_plugin"):
                found.add((path.stem, "the adapter"))
    return found


def test_architecture_names_every_import_between_outputs():
    """ARCHITECTURE.md §1 lists where outputs import each other ("these places only"): the
    list and the code agree, and no output imports the adapter."""
    said = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8").partition("Outputs import each other")[2]
    said = said.partition("none imports the adapter")[0]
    listed = set()
    for group in re.findall(r"`(\w+)`\s+(→|↔)\s+((?:`\w+`(?:,\s*)?)+)", said):
        importer, arrow, targets = group
        for target in re.findall(r"`(\w+)`", targets):
            listed.add((importer, target))
            if arrow == "↔":
                listed.add((target, importer))
    assert _imports_between_outputs() == listed
