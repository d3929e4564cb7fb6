"""The MkDocs adapter: the only package of bantin that imports MkDocs.

Each ``on_*`` hook of :class:`~builder.mkdocs_plugin.plugin.BantinPlugin` hands its work to
the content model (:mod:`builder.content`) or to an output (:mod:`builder.outputs`).
"""
