"""The editors' commands beyond building: ``bantin new`` and ``bantin check`` (with ``--fix``).

Layered between the command line and the build: they load the configuration through
:mod:`builder.build`, read content with :mod:`builder.content` and render Markdown with the
site's own settings to find links.
"""
