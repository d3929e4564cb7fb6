"""What the caller of a build hands the plugin: one :class:`BuildState` per build.

:mod:`builder.build` and the preview (:mod:`builder.preview`) make it and give it to the
plugin with ``BantinPlugin.begin(state)`` before MkDocs runs; nothing else sets the plugin's
attributes from outside (``tests/test_build_state.py`` scans the code for it). Under plain
``mkdocs build`` the plugin starts with an empty state and reads the content itself.
No MkDocs import: the build imports it before MkDocs starts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class BuildState:
    """The inputs of one build that its caller has ready.

    Attributes:
        preloaded: the content (``builder.content.library.Library``) the caller already read
            and checked; the plugin's ``on_config`` takes it (and sets this back to None)
            instead of reading the content again. None: the plugin reads it.
        pictures_processing: the pictures being processed ahead in another process
            (``builder.outputs.images.Processing``), which ``on_files`` waits for and then sets
            back to None; None: the plugin processes them in ``on_files``.
        parse_memo: parsed files kept between reads (``builder.content.reader.ParseMemo``):
            the preview's, in memory, so that an edit parses only the edited files; None
            outside the preview.
        new_texts: how many Markdown files no earlier build parsed (the parse cache's
            misses, counted while the caller read the content); None when unknown. Few new
            texts let ``on_nav`` skip the Markdown workers.
    """

    preloaded: object = None
    pictures_processing: object = None
    parse_memo: object = None
    new_texts: int | None = None
