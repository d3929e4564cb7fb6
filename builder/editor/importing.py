"""One import, the way ``bantin import FILE`` and ``bantin import-inbox`` both do it.

A file becomes a draft page in ``content/`` (:func:`builder.importers.page.import_file`, its
pictures re-encoded by :func:`builder.outputs.images.reencode`); the new page is then checked
as ``bantin check`` would check it, and the lines the editor reads are made. Both commands call
:func:`import_one`, so a Word document uploaded to ``nhap/`` on GitHub gives exactly the page
the command line gives.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from builder.content.reader import read_tree
from builder.editor import check
from builder.editor.project import Project
from builder.importers import page
from builder.outputs import images

ImportFailed = page.ImportFailed
"""Raised by :func:`import_one` when nothing could be imported (the message is Vietnamese)."""


@dataclass(frozen=True)
class Imported:
    """A finished import.

    Attributes:
        result: what was written (page, pictures, notes, missing keys).
        url: the page's address relative to the site root, None when it does not build yet.
        problems: ``bantin check`` lines (``file:line:col: message``) about the new page only.
    """

    result: page.ImportResult
    url: str | None
    problems: tuple[str, ...]

    def lines(self, terminal: bool = True) -> list[str]:
        """What the editor reads (Vietnamese): see :func:`builder.importers.page.summary`;
        ``terminal=False`` words the next steps for someone working on GitHub's web pages."""
        return page.summary(self.result, self.url, list(self.problems), terminal=terminal)


def import_one(project: Project, source: Path, out: Path | None = None) -> Imported:
    """Import ``source`` (``.docx``, ``.txt``, ``.md``) into the project's ``content/``.

    Args:
        project: the loaded project (its "now" dates the page).
        source: the file, relative to the working directory or absolute.
        out: the page to write inside ``content/``; default: chosen by the importer.

    Raises:
        ImportFailed: nothing was written (unreadable file, over the limits, target exists ...).
    """
    content = Path(os.path.relpath(project.content_dir))
    result = page.import_file(source, content, project.now.date(), out, recode=images.reencode)
    name = result.page.relative_to(content).as_posix()
    problems = tuple(e.format() for e in check.run(project).errors if e.path == project.shown(name))
    entry = read_tree(content, project.defaults, project.now)[0].entries.get(name)
    return Imported(result, entry.url if entry else None, problems)
