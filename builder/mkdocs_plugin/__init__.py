"""The MkDocs adapter: the bantin plugin, its caches and the preview's partial rebuild.

Every use of MkDocs is here: :mod:`builder.build` loads the configuration and runs MkDocs'
build, and :mod:`builder.preview` runs its live-reload server, through :mod:`.engine`; the
build, the CLI, the preview and the editor tools use only the public modules ARCHITECTURE.md
§1 names (``lint-imports`` holds them to it; §6 lists the uses of MkDocs' private API). The
declaration of the plugin's options (:mod:`.config`, the ``*_config`` modules) and
:mod:`.state` import no MkDocs: :mod:`builder.settings` reads the options without it.

Each ``on_*`` hook of :class:`~builder.mkdocs_plugin.plugin.BantinPlugin` calls the plugin's
steps named after the build's stages (:data:`builder.pipeline.STEPS`), which hand the work to
the content model (:mod:`builder.content`) or to an output (:mod:`builder.outputs`).
"""
