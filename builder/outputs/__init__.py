"""Outputs made from the content model and the rendered pages: feeds, web fonts, photos,
social cards, print editions (PDF), the search index and Facebook cross-posts.

Each output library has one owner here (feedgen: :mod:`.feeds`; fontTools: :mod:`.fonts`,
whose fonts :mod:`.cards` reuses; Pillow: :mod:`.images` and :mod:`.cards`; WeasyPrint:
:mod:`.pdf` and its layout patch :mod:`.pdf_columns`; Pagefind: :mod:`.search`; requests:
:mod:`.crosspost`; nh3: :mod:`.safe_html`, the one allow-list of HTML in bodies and feeds). Outputs may build on each other (:mod:`.editions` on :mod:`.pdf`,
:mod:`.cards` on :mod:`.fonts`, :mod:`.images` on :mod:`.photo_metadata`, :mod:`.feeds` on
:mod:`.safe_html`); none imports the
MkDocs adapter, the build or the CLI (import-linter's layers contract).
"""
