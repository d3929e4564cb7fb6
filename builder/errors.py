"""Content errors: what an editor sees when a file is wrong.

Every problem found in the content is a :class:`ContentError` that names the file, the
line (1-based) and, where known, the column (1-based), with a Vietnamese message and a
hint on how to fix it. Problems are collected in an :class:`ErrorList` so that one build
reports all of them at once (as ``mkdocs.config.base.Config.validate`` and Pelican's
``generate_context`` do), instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one content file.

    Attributes:
        path: the file, '/'-separated and relative to the project (e.g. ``content/tin-tuc/a.md``).
        line: 1-based line number in the file (1 when the problem concerns the whole file).
        col: 1-based column, or 0 when unknown.
        message: what is wrong, in Vietnamese.
        hint: how to fix it, in Vietnamese ("" when the message says it all).
    """

    path: str
    line: int
    col: int
    message: str
    hint: str = ""

    def format(self) -> str:
        """Return the ``file:line:col: message`` line editors and editors' tools read."""
        where = f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"
        text = f"{where}: lỗi: {self.message}"
        return f"{text} Cách sửa: {self.hint}" if self.hint else text


class ContentErrors(Exception):
    """Raised when the content has problems; carries all of them.

    Attributes:
        errors: the problems, sorted by file and line.
    """

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        super().__init__(self.report())

    def report(self) -> str:
        """Return every problem on its own line, then a Vietnamese summary line."""
        lines = [error.format() for error in self.errors]
        files = len({error.path for error in self.errors})
        lines.append(f"Có {len(self.errors)} lỗi trong {files} tệp. Chưa xuất bản gì: thư mục site/ giữ nguyên.")
        return "\n".join(lines)


@dataclass
class ErrorList:
    """A collector of :class:`ContentError` for one run over the content."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, path: str, line: int, message: str, hint: str = "", col: int = 0) -> None:
        """Record one problem (see :class:`ContentError` for the fields)."""
        self.errors.append(ContentError(path, max(line, 1), col, message, hint))

    def extend(self, other: ErrorList) -> None:
        """Record every problem of ``other``."""
        self.errors.extend(other.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        """Raise :class:`ContentErrors` when at least one problem was recorded."""
        if self.errors:
            raise ContentErrors(self.errors)


def os_reason(error: OSError) -> str:
    """Why a file or folder could not be used, in Vietnamese, from ``error.errno`` (the
    system's own ``strerror`` is English: "File exists", "Read-only file system"). The one
    table for every command (builder/cli.py, bantin import ...)."""
    import errno

    return {
        errno.EACCES: "không có quyền đọc hoặc ghi",
        errno.EPERM: "không có quyền đọc hoặc ghi",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.EDQUOT: "đã hết dung lượng được cấp",
        errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
        errno.EISDIR: "đó là một thư mục chứ không phải tệp",
        errno.EEXIST: "đã có một tệp cùng tên",
        errno.ENAMETOOLONG: "tên quá dài",
    }.get(error.errno, f"hệ thống báo lỗi số {error.errno}" if error.errno else "không mở được")
