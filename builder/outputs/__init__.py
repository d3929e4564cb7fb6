"""Outputs made from the content model and the rendered pages: feeds, web fonts, photos,
social cards, print editions (PDF), the search index and Facebook cross-posts.

Each output library has one owner here (feedgen: :mod:`.feeds`; fontTools: :mod:`.fonts`,
whose fonts :mod:`.cards` reuses; Pillow: :mod:`.images` and :mod:`.cards`; WeasyPrint:
:mod:`.pdf` and its layout patch :mod:`.pdf_columns`; Pagefind: :mod:`.search`; requests:
:mod:`.crosspost`). Outputs may build on each other (:mod:`.editions` on :mod:`.pdf`,
:mod:`.cards` on :mod:`.fonts`, :mod:`.images` on :mod:`.photo_metadata`); none imports the
MkDocs adapter, the build or the CLI (import-linter's layers contract).
"""
