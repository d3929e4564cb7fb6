"""The content reader's parse results kept in the build cache across builds.

Reading a 10,000-article ``content/`` spends most of its time parsing each file's front
matter and checking it against the schema (:func:`builder.content.reader.parse`): about 6 s.
A file whose text did not change since the last build parses to the same result, so the
result is stored (pickled) in the build cache under a SHA-256 of the file's text, its path
and the project's code (:func:`builder.build_cache.code_digest`): a change to any of them
can only miss. The content model knows nothing of this store (it takes any
:class:`~builder.content.reader.ParseMemo`); this adapter is what ``bantin build`` passes.
"""

from __future__ import annotations

import pickle

from builder.build_cache import BuildCache, build_key, digest
from builder.content.assemble import Parsed

KIND = "parse"


class CachedParses:
    """A :class:`~builder.content.reader.ParseMemo` on ``cache`` (kind ``"parse"``).

    ``code``: the version of the code the keys include (default: this code's digest). A value
    that cannot be unpickled (a damaged file) is a miss.
    """

    def __init__(self, cache: BuildCache, code: str | None = None):
        self.cache = cache
        self.code = code if code is not None else build_key()  # YAML, slugs, lunar dates: libraries too
        self.misses = 0  # files whose text no earlier build or check parsed

    def get(self, key: str) -> Parsed | None:
        value = self.cache.get(KIND, digest(self.code, key))
        if value is None:
            self.misses += 1
            return None
        try:
            parsed = pickle.loads(value)
        except Exception:  # written by a build killed while writing, or damaged: parse again
            return None
        return parsed if isinstance(parsed, Parsed) else None

    def put(self, key: str, parsed: Parsed) -> None:
        self.cache.put(KIND, digest(self.code, key), pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
