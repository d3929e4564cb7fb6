"""The files MkDocs found in ``content/``, made what the site may publish, before any other use.

MkDocs lists ``docs_dir`` itself (``mkdocs.structure.files.get_files``): it follows symbolic
links and keeps every name as the disk spells it. :func:`prepare` runs first in the plugin's
``on_files`` so that every later step (entries' URLs, the nav check, pictures, links between
pages) sees one name per file:

- a file that is a symbolic link leading out of ``content/`` is dropped (``read_tree`` has
  already refused the build for it and for every link to a folder, :mod:`builder.content.tree`;
  this keeps a link made after that check from being copied). Only links are resolved: one
  ``lstat`` a file, where resolving every path cost 2 s at 15,000 files;
- a file saved with a decomposed name (NFD, as macOS and some Windows tools save "Phụ nữ
  khởi nghiệp.md") takes its composed (NFC) name: pages are read as NFC, so a link or a
  picture naming it is written composed, and MkDocs compares names byte for byte. One rule
  for every file reference, pages and pictures alike: names are compared NFC.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from mkdocs.structure.files import File, Files

from builder.content import tree


def prepare(files: Files, config) -> None:
    """Drop the files of the docs folder that lead out of it and compose every name (see the
    module docstring). ``files`` is changed in place; a renamed file is read from where it is."""
    docs = os.path.normpath(config.docs_dir)
    for file in [f for f in files if f.src_dir and os.path.normpath(f.src_dir) == docs]:
        if os.path.islink(file.abs_src_path) and not tree.inside(Path(docs), file.abs_src_path):
            files.remove(file)
            continue
        composed = unicodedata.normalize("NFC", file.src_uri)
        if composed != file.src_uri:
            files.remove(file)
            files.append(_renamed(file, composed))


def _renamed(file: File, src_uri: str) -> File:
    """``file`` under the name ``src_uri`` in the site, its bytes read from the same place; not a
    generated file, so the plugin reads a page's text as it reads every other page's."""
    renamed = File(
        src_uri,
        src_dir=file.src_dir,
        dest_dir=file.dest_dir,
        use_directory_urls=file.use_directory_urls,
        inclusion=file.inclusion,
    )
    renamed.abs_src_path = file.abs_src_path
    return renamed
