"""Markdown and page work spread over every core: MkDocs converts and renders one page after
another, in one process, so a 2-core machine builds at half speed.

:func:`fork_map` runs a function over many pages in worker processes as the build's one
concurrency policy says (:mod:`builder.concurrency`): only in *forked* workers, since the
function is a closure over the build's whole state (configuration, files, templates, library),
which a fork hands over as it is, without pickling. Where the policy does not fork (serial,
or other threads run, as in a rebuild under ``bantin serve``) it yields nothing and MkDocs
does the work page by page, as without workers. The parent alone writes the site and the
cache; workers only compute (:data:`builder.concurrency.IN_WORKER` tells code that runs in one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from builder import concurrency

MIN_ITEMS = 64
"""Fewer items than this are left to MkDocs: starting workers costs ~0.1 s."""


def fork_map(function: Callable, items: Sequence, initializer: Callable[[], None] | None = None) -> Iterator:
    """Yield ``function(item)`` for every item, in order, computed in forked worker processes;
    yield nothing when the policy does not fork or for fewer than :data:`MIN_ITEMS` items:
    the caller's work is then left to MkDocs.

    Args:
        function: called in a worker; its result is pickled back, so it should be small and
            plain (text, bytes, tuples).
        items: the work; initializer: called once in each worker before its first item.

    Raises:
        Whatever ``function`` raised in a worker, here (the other workers are then stopped).
    """
    if not forks(len(items)):
        return
    for result in concurrency.map(function, items, min_items=MIN_ITEMS, needs_state=True, initializer=initializer):
        if isinstance(result, concurrency.Failed):
            result.raise_again()
        yield result


def forks(count: int) -> bool:
    """True when :func:`fork_map` would use worker processes for ``count`` items."""
    return concurrency.parallel(count, min_items=MIN_ITEMS, needs_state=True)
