"""Run one real build with the plugin's hooks and steps recorded, in a process of its own:
``python tests/pipeline_probe.py RECORD bantin|mkdocs`` in the project's folder.

``bantin`` runs the ``bantin build`` command (:func:`builder.cli.main`), ``mkdocs`` MkDocs' own
``mkdocs build`` command line. A process of its own, so that the build forks as it would from
a terminal (pytest's workers run threads of their own, which rule out forking:
builder/concurrency.py). RECORD gets JSON: ``called`` (each hook, at its first call),
``stepped`` (``[hook that called it, step]`` at each step's first call, in this process: what a
forked worker calls is not seen) and ``forks`` (the forks made). Used by tests/test_pipeline.py.
"""

from __future__ import annotations

import json
import os
import sys

from builder import pipeline  # first: builder/__init__.py chooses the engine before mkdocs is imported


def record(called: list[str], stepped: list[list[str]]) -> None:
    """Wrap every hook of :data:`pipeline.HOOKS` and every step of :data:`pipeline.STEPS` on
    ``BantinPlugin`` so that their first calls are appended to ``called`` and ``stepped``."""
    from builder.mkdocs_plugin.plugin import BantinPlugin

    for hook in pipeline.HOOKS:
        method = getattr(BantinPlugin, hook)

        def recording(self, *args, __method=method, __hook=hook, **kwargs):
            if __hook not in called:
                called.append(__hook)
            return __method(self, *args, **kwargs)

        setattr(BantinPlugin, hook, recording)
    for step in pipeline.STEPS:
        method = getattr(BantinPlugin, step.method)

        def stepping(self, *args, __method=method, __name=step.method, **kwargs):
            if __name not in [name for _, name in stepped]:
                stepped.append([sys._getframe(1).f_code.co_name, __name])  # the hook (recording wraps it)
            return __method(self, *args, **kwargs)

        setattr(BantinPlugin, step.method, stepping)


def main(out: str, command: str) -> int:
    """Build the project in the current folder with ``command``; write the record to ``out``."""
    called: list[str] = []
    stepped: list[list[str]] = []
    forks: list[int] = []
    os.register_at_fork(after_in_parent=lambda: forks.append(1))
    record(called, stepped)
    if command == "bantin":
        from builder.cli import main as bantin

        code = bantin(["build"])
    else:
        from mkdocs.__main__ import cli

        code = cli.main(["build", "--quiet"], standalone_mode=False) or 0
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"called": called, "stepped": stepped, "forks": len(forks), "code": code}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
