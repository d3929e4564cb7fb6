"""Running the real ``bantin`` command line in this process (faster than a subprocess: MkDocs
is imported once), with the clock given as ``BANTIN_NOW`` and the working directory set to the
site, exactly as an editor runs it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from conftest import NOW


@dataclass(frozen=True)
class Ran:
    """The exit code and the text printed on stdout and stderr."""

    code: int
    out: str
    err: str


def bantin(root: Path, *args: str, capsys, now: str | None = NOW) -> Ran:
    """Run ``bantin ARGS`` in ``root`` via :func:`builder.cli.main`.

    Args:
        now: ``BANTIN_NOW``; None removes it, so the real clock decides.
    """
    from builder.cli import main

    previous_dir, previous_now = os.getcwd(), os.environ.get("BANTIN_NOW")
    os.chdir(root)
    if now is None:
        os.environ.pop("BANTIN_NOW", None)
    else:
        os.environ["BANTIN_NOW"] = now
    try:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
        captured = capsys.readouterr()
    finally:
        os.chdir(previous_dir)
        if previous_now is None:
            os.environ.pop("BANTIN_NOW", None)
        else:
            os.environ["BANTIN_NOW"] = previous_now
    return Ran(code, captured.out, captured.err)
