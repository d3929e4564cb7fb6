"""The editors' commands beyond building: ``bantin new``, ``bantin check`` (with ``--fix``:
text slips, photo metadata) and ``bantin changes`` (what a pull request would publish, with
``--screenshots``).

Layered between the command line and the build: they load the configuration through
:mod:`builder.build`, read content with :mod:`builder.content`, render Markdown with the
site's own settings to find links (:mod:`builder.mkdocs_plugin`), and use outputs where an
editor's check needs them (picture and photo-metadata checks, the feeds' cross-post state).
"""
