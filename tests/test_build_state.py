"""No module but the plugin sets the plugin's attributes: what a build's caller has ready goes in
one BuildState (builder.mkdocs_plugin.state) handed to ``BantinPlugin.begin``."""

from __future__ import annotations

import ast
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"
PLUGIN = BUILDER / "mkdocs_plugin" / "plugin.py"


def _plugin_attributes() -> set[str]:
    """Every attribute the plugin sets on itself (``self.x = ...`` in plugin.py)."""
    names = set()
    for node in ast.walk(ast.parse(PLUGIN.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        ):
            names.add(node.attr)
    return names


PLUGIN_NAMES = {"plugin", "self.plugin"}
"""How the modules name a BantinPlugin (``plugin = build.plugin_of(config)``, ``self.plugin``);
``plugin_of(...)`` itself is caught too."""


def _through_the_plugin(target: ast.Attribute, attributes: set[str]) -> bool:
    """Whether the assignment target ``target`` is one of the plugin's ``attributes``, or
    inside one (``plugin.cache = …``, ``plugin.markdown_cache.store = …``,
    ``plugin.mkdocs_config.site_dir = …``): the plugin's state written from outside."""
    chain = [target]
    while isinstance(chain[-1].value, ast.Attribute):
        chain.append(chain[-1].value)
    for node in chain:  # from the outermost attribute in: plugin.<attribute> anywhere in the chain
        owner = ast.unparse(node.value)
        if node.attr in attributes and (owner in PLUGIN_NAMES or "plugin_of(" in owner):
            return True
    return False


def test_no_module_but_the_plugin_sets_its_attributes():
    attributes = _plugin_attributes()
    assert {"state", "cache", "page_cache", "editions", "generated"} <= attributes
    found = []
    for path in sorted(BUILDER.rglob("*.py")):
        if path == PLUGIN:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)):
                continue
            if _through_the_plugin(node, attributes):
                found.append(f"{path.relative_to(BUILDER.parent)}:{node.lineno}: {ast.unparse(node)}")
    assert not found, "set the plugin's attributes only in plugin.py (BuildState, begin):\n" + "\n".join(found)
