"""MkDocs' warnings about a page's links, told to editors in Vietnamese at the file and line.

While it renders a page, MkDocs warns in English about a link or picture whose target it cannot
find (mkdocs/structure/pages.py, ``_RelativePathTreeprocessor``): "Doc file
'tin-tuc/bai.md' contains a link 'anh.jpg', but the target 'tin-tuc/anh.jpg' is not found among
documentation files." :class:`LinkWarnings` rewrites that record as
"content/tin-tuc/bai.md:8: không tìm thấy tệp 'anh.jpg' (ảnh hoặc liên kết) ... Cách sửa: ...",
the line being the first of the file that holds the link; a picture the build left out on
purpose (:func:`refuse`: HEIC, too large, unreadable) is told with the reason instead of "not
found", since the file is there. Other records pass unchanged. ``bantin check`` reports the same problems with their column (builder/editor/links.py).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from builder.content.reader import shown_path

LOGGER = "mkdocs.structure.pages"
"""The logger MkDocs 1.6 warns about links on."""

_NOT_FOUND = re.compile(
    r"Doc file '(.*)' contains a link '(.*)', but the target(?: '(.*)')? is not found among "
    r"documentation files\.(?: Did you mean '(.*)'\?)?$"
)


class LinkWarnings(logging.Filter):
    """A filter for :data:`LOGGER`: Vietnamese for "not found" links.

    Args:
        docs_dir: the content folder (its files are read for the line of a link).
    """

    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = docs_dir
        self.shown = shown_path(docs_dir)  # as messages name it: "content"
        self.refused: dict[str, str] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        found = _NOT_FOUND.match(record.getMessage())
        if found:
            record.msg, record.args = self._vietnamese(*found.groups()), ()
        return True  # never drops a record: a warned page must stay unstored (markdown_cache.py)

    def _vietnamese(self, page: str, link: str, target: str | None, suggestion: str | None) -> str:
        line = self._line(page, link)
        where = f"{self.shown}/{page}" + (f":{line}" if line else "")
        if target in self.refused:
            return f"{where}: cảnh báo: ảnh '{link}' không được đăng: {self.refused[target]}"
        fix = (
            f"dùng '{suggestion}'"
            if suggestion
            else "đặt tệp vào đúng chỗ, hoặc sửa lại tên tệp (kể cả chữ hoa, chữ thường)"
        )
        return (
            f"{where}: cảnh báo: không tìm thấy tệp '{link}' (ảnh hoặc liên kết"
            + (f", tức {self.shown}/{target}" if target else "")
            + f"). Trên trang web, chỗ này sẽ hỏng. Cách sửa: {fix}."
        )

    def _line(self, page: str, link: str) -> int:
        try:
            lines = (self.docs_dir / page).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return 0
        return next((number for number, line in enumerate(lines, start=1) if link in line), 0)


def install(docs_dir: Path) -> None:
    """Put a :class:`LinkWarnings` for ``docs_dir`` on :data:`LOGGER`, replacing an earlier one
    (a preview builds many times)."""
    logger = logging.getLogger(LOGGER)
    for old in [f for f in logger.filters if isinstance(f, LinkWarnings)]:
        logger.removeFilter(old)
    logger.addFilter(LinkWarnings(docs_dir))


def refuse(reasons: dict[str, str]) -> None:
    """Tell the installed :class:`LinkWarnings` which pictures the build left out and why
    (path relative to the docs folder → Vietnamese reason, from
    :func:`builder.mkdocs_plugin.pictures.publish`)."""
    for found in logging.getLogger(LOGGER).filters:
        if isinstance(found, LinkWarnings):
            found.refused = dict(reasons)
