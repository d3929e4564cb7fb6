"""The MkDocs adapter: the bantin plugin, its caches and the preview's partial rebuild.

Most of bantin's use of MkDocs is here, but not all of it: :mod:`builder.build` loads the
configuration and runs MkDocs' build, :mod:`builder.editor.project` catches its
``PluginError`` and :mod:`builder.preview` runs its live-reload server (ARCHITECTURE.md §1
lists every use, §6 those of MkDocs' private API).

Each ``on_*`` hook of :class:`~builder.mkdocs_plugin.plugin.BantinPlugin` hands its work to
the content model (:mod:`builder.content`) or to an output (:mod:`builder.outputs`).
"""
