"""bantin: the publishing system of the Quảng Trị provincial Women's Union.

Layers (enforced by import-linter, see pyproject.toml):

- ``builder.content``: the content model (front matter, schema, slugs, dates, library).
  Standard library, PyYAML, Babel and python-slugify only: no MkDocs, no output library.
- ``builder.outputs``: outputs made from the model (feeds, web fonts).
- ``builder.mkdocs_plugin``: the MkDocs adapter.
- ``builder.build`` and ``builder.cli``: the ``bantin`` command.
"""
