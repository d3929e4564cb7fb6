"""builder/pipeline.py names the build's stages, the plugin's hooks and the steps each hook
hands its work to, in the order a real build runs them (issue 19 §2): a newcomer reading it
reads the truth, and each hook does nothing but call its steps."""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
import textwrap

import pytest

from conftest import NOW, copy_fixture

from builder import pipeline
from builder.build import quiet_mkdocs
from builder.mkdocs_plugin.plugin import BantinPlugin
from builder.preview import Preview


@pytest.mark.slow
def test_a_build_calls_the_hooks_and_their_steps_in_the_pipelines_order(tmp_path, monkeypatch):
    root = copy_fixture("union", tmp_path / "project")
    monkeypatch.setenv("BANTIN_NOW", NOW)
    monkeypatch.setenv("BANTIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiet_mkdocs()
    called: list[str] = []
    stepped: list[tuple[str, str]] = []  # (the hook that called it, step), first call of each step
    for hook in pipeline.HOOKS:
        method = getattr(BantinPlugin, hook)

        def recording(self, *args, __method=method, __hook=hook, **kwargs):
            if __hook not in called:
                called.append(__hook)
            return __method(self, *args, **kwargs)

        monkeypatch.setattr(BantinPlugin, hook, recording)
    for step in pipeline.STEPS:
        method = getattr(BantinPlugin, step.method)

        def stepping(self, *args, __method=method, __name=step.method, **kwargs):
            if __name not in [name for _, name in stepped]:
                caller = sys._getframe(1).f_code.co_name  # the hook's own code (recording wraps it)
                stepped.append((caller, __name))
            return __method(self, *args, **kwargs)

        monkeypatch.setattr(BantinPlugin, step.method, stepping)
    preview = Preview(str(root / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
    finally:
        preview.close()
    assert called == [hook for hook in pipeline.HOOKS if hook != "on_build_error"]
    assert stepped == [(step.hook, step.method) for step in pipeline.STEPS if step.hook != "on_build_error"]


def _calls_on_self(function) -> list[str]:
    """The ``self.<name>(...)`` calls in ``function``'s body, in order."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return [
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    ]


def test_each_hook_calls_its_steps_and_no_other_method_of_the_plugin():
    for hook in pipeline.HOOKS:
        calls = _calls_on_self(getattr(BantinPlugin, hook))
        assert calls == list(pipeline.steps_of(hook)), hook
    for step in pipeline.STEPS:
        assert step.stage in {stage.name for stage in pipeline.STAGES} | {""}, step
        assert getattr(BantinPlugin, step.method).__doc__, f"{step.method} has no docstring"


def test_every_hook_of_the_plugin_is_in_the_pipeline_and_every_stage_names_real_code():
    hooks = {name for name in vars(BantinPlugin) if name.startswith("on_")}
    assert hooks == set(pipeline.HOOKS)
    for hook in hooks:
        assert getattr(BantinPlugin, hook).__doc__, f"{hook} has no docstring"
        assert pipeline.stage_of(hook) or hook in ("on_startup", "on_build_error")
    names = [stage.name for stage in pipeline.STAGES]
    assert names == [
        "pictures",
        "read",
        "check",
        "listings",
        "Markdown",
        "PDFs",
        "pages",
        "search",
        "write",
        "feeds",
        "cards",
        "swap",
    ]
    for stage in pipeline.STAGES:
        module, _, attribute = stage.where.rpartition(".")
        try:
            found = importlib.import_module(module)
        except ModuleNotFoundError:  # a method: module.Class.method
            module, _, owner = module.rpartition(".")
            found = getattr(importlib.import_module(module), owner)
        assert hasattr(found, attribute), stage.where
