"""Stage timings of a build, for the scale benchmark (``bench/scale.py``) and ``bantin build -v``.

A build is a sequence of stages (read and validate, Markdown, templates, feeds, search
index, cards, PDFs, writing); :class:`Stopwatch` charges the wall time since the previous mark
to the stage named at each mark. With ``BANTIN_TIMINGS=1`` in the environment the stages are
printed to stderr at the end as ``bantin-timing: <stage> <seconds>`` lines (a stable format
that scripts parse).
"""

from __future__ import annotations

import os
import sys
import time


class Stopwatch:
    """Wall-clock seconds per stage, in the order stages first appear.

    ``mark(stage)`` adds the time since the previous mark (or :meth:`start`) to ``stage``.
    """

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def start(self) -> None:
        """Forget the time since the last mark (e.g. time spent outside the build)."""
        self._last = time.perf_counter()

    def mark(self, stage: str) -> None:
        """Charge the time since the previous mark to ``stage``."""
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._last
        self._last = now

    def report(self, stream=None) -> None:
        """Print the stages when ``BANTIN_TIMINGS`` is set (to ``stream``, default stderr)."""
        if not os.environ.get("BANTIN_TIMINGS"):
            return
        stream = stream or sys.stderr
        for stage, seconds in self.seconds.items():
            print(f"bantin-timing: {stage} {seconds:.3f}", file=stream)


STOPWATCH = Stopwatch()
"""The build's stopwatch: one build runs per process at a time (CLI, tests run builds in turn)."""
