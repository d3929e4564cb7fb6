"""builder/pipeline.py names the build's stages, the plugin's hooks and the steps each hook
hands its work to, in the order a real build runs them (issue 19 §2): a newcomer reading it
reads the truth, and each hook does nothing but call its steps. The order is checked in every
way a build runs: the preview, ``bantin build`` with forked workers and serial, plain
``mkdocs build`` (tests/pipeline_probe.py records a build in a process of its own)."""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import pipeline_probe
from conftest import NOW, bantin_env, copy_fixture, news

from builder import pipeline
from builder.build import quiet_mkdocs
from builder.mkdocs_plugin.plugin import BantinPlugin
from builder.preview import Preview

TESTS = Path(__file__).resolve().parent


def _expected(startup: bool) -> tuple[list[str], list[list[str]]]:
    """The hooks and ``[hook, step]`` pairs of :mod:`builder.pipeline`, in order, that a build
    which does not fail calls (``on_startup`` when ``startup``: the engine's command line and
    the preview call it, ``bantin build`` does not)."""
    hooks = [hook for hook in pipeline.HOOKS if hook != "on_build_error" and (startup or hook != "on_startup")]
    return hooks, [[step.hook, step.method] for step in pipeline.STEPS if step.hook != "on_build_error"]


@pytest.mark.slow
def test_the_preview_calls_the_hooks_and_their_steps_in_the_pipelines_order(tmp_path, monkeypatch):
    root = copy_fixture("union", tmp_path / "project")
    monkeypatch.setenv("BANTIN_NOW", NOW)
    monkeypatch.setenv("BANTIN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    quiet_mkdocs()
    called: list[str] = []
    stepped: list[list[str]] = []
    for name in [*pipeline.HOOKS, *(step.method for step in pipeline.STEPS)]:
        monkeypatch.setattr(BantinPlugin, name, getattr(BantinPlugin, name))  # put back after the test
    pipeline_probe.record(called, stepped)
    preview = Preview(str(root / "mkdocs.yml"), "127.0.0.1:8000")
    try:
        assert preview.start()
    finally:
        preview.close()
    assert (called, stepped) == _expected(startup=True)


ARTICLES = 60
"""Added to the union fixture: with its pages, more than workers.MIN_ITEMS pages, so that a
build that may fork hands the Markdown and the pages to forked workers."""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("command", "workers", "forked"),
    [("bantin", "2", True), ("bantin", "1", False), ("mkdocs", "2", True)],
    ids=["bantin-build-forked", "bantin-build-serial", "mkdocs-build"],
)
def test_a_build_calls_the_hooks_and_their_steps_in_the_pipelines_order(tmp_path, command, workers, forked):
    """``bantin build`` with worker processes and without (``BANTIN_WORKERS=1``), and plain
    ``mkdocs build``, each in a process of its own (as from a terminal: it may fork)."""
    root = copy_fixture("union", tmp_path / "project")
    for number in range(ARTICLES):
        (root / "content" / "tin-tuc" / f"bai-{number}.md").write_text(news(f"Bài {number}"), encoding="utf-8")
    out = tmp_path / "record.json"
    env = bantin_env(BANTIN_CACHE_DIR=str(tmp_path / "cache"), BANTIN_WORKERS=workers)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(TESTS), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, str(TESTS / "pipeline_probe.py"), str(out), command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0 and out.exists(), done.stdout + done.stderr
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["code"] == 0, done.stdout + done.stderr
    assert bool(record["forks"]) == forked, record["forks"]  # the workers ran, or none did
    assert (record["called"], record["stepped"]) == _expected(startup=command == "mkdocs")


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


def _does_more_than_call(function) -> list[str]:
    """The statements of ``function``'s body (after its docstring) other than a call of a
    method of ``self`` (its value returned or not), ``return <a parameter>`` and
    ``self.<name> = <a parameter>`` (``on_nav`` keeps the navigation), as source text."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    parameters = {argument.arg for argument in ast.walk(tree.args) if isinstance(argument, ast.arg)}
    body = tree.body[1:] if ast.get_docstring(tree) else tree.body

    def self_call(node) -> bool:
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "self"
        )

    def parameter(node) -> bool:
        return isinstance(node, ast.Name) and node.id in parameters

    return [
        ast.unparse(statement)
        for statement in body
        if not (
            (
                isinstance(statement, (ast.Expr, ast.Return))
                and (self_call(statement.value) or parameter(statement.value))
            )
            or (
                isinstance(statement, ast.Assign)
                and parameter(statement.value)
                and all(
                    isinstance(target, ast.Attribute) and ast.unparse(target.value) == "self"
                    for target in statement.targets
                )
            )
        )
    ]


def test_each_hook_calls_its_steps_and_no_other_method_of_the_plugin():
    for hook in pipeline.HOOKS:
        calls = _calls_on_self(getattr(BantinPlugin, hook))
        assert calls == list(pipeline.steps_of(hook)), hook


def test_each_hook_does_nothing_but_call_its_steps():
    """The pipeline's promise (builder/pipeline.py): the work is in the steps, so a hook's body
    is its steps' calls; anything else (a timer's mark, a computation) belongs in a step."""
    # on_startup has no step: it only notes the command (pipeline._HOOKS_WITHOUT_STAGE).
    extra = {
        hook: _does_more_than_call(getattr(BantinPlugin, hook)) for hook in pipeline.HOOKS if pipeline.steps_of(hook)
    }
    assert not {hook: statements for hook, statements in extra.items() if statements}
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
