"""bantin: the publishing system of the Quảng Trị provincial Women's Union.

Layers (enforced by import-linter, see pyproject.toml):

- ``builder.content``: the content model (front matter, schema, slugs, dates, calendar,
  library). Standard library, PyYAML, Babel, python-slugify and lunar-vn only: no MkDocs, no
  output library.
- ``builder.outputs`` (feeds, fonts, photos, cards, PDFs, search, cross-posting) and
  ``builder.importers`` (Word and text files into content): one library each, above the model.
- ``builder.mkdocs_plugin``: the MkDocs adapter.
- ``builder.build``: one atomic build; ``builder.editor``: the editors' tools (new, check,
  changes); ``builder.cli``: the ``bantin`` command.

ARCHITECTURE.md (at the repository's root) shows the pipeline, the hooks, the caches and the
concurrency in one place.
"""

# The engine (MkDocs or ProperDocs, $BANTIN_ENGINE) is chosen before anything imports it.
from builder.mkdocs_plugin.engine import EngineChoiceError, select_engine  # noqa: E402

try:
    select_engine()
except EngineChoiceError as _problem:  # said in Vietnamese, never as a traceback
    raise SystemExit(str(_problem)) from None
