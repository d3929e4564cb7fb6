"""Importers: turning editors' Word documents and text exports into content files.

Each module here owns one input library (mammoth and markdownify in :mod:`.docx`, viparse's
legacy tables in :mod:`.encodings`); what a document *means* (its header, its signature
block) is recognised by the content model (:mod:`builder.content.recognise`), which sees only
text. :mod:`.page` puts the two together and writes the page without ever overwriting.
"""
