"""How ``bantin check`` prints what it found: for people, or as GitHub Actions annotations.

- ``text``: one line per problem, ``file:line:col: lỗi: message Cách sửa: hint`` on stderr
  (the format of :meth:`builder.errors.ContentError.format`, which compilers and editors
  understand), then the summary; warnings (``file:line:col: cảnh báo: …``, what the site's
  cleaning drops from a body), notices and repairs on stdout.
- ``github``: workflow commands on stdout, ``::error file=…,line=…,col=…::message`` for each
  problem, ``::warning …`` for each warning and ``::notice …`` for scheduled items and drafts,
  so that they show on the pull request's lines ("Workflow commands for GitHub Actions",
  setting an error/warning/notice message).
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.editor.check import Result
from builder.errors import ContentError, ContentErrors

CLEAN = "Nội dung hợp lệ: không có lỗi."


@dataclass(frozen=True)
class Output:
    """What to print: ``stdout`` and ``stderr`` text (without final newline) and the exit code."""

    stdout: str
    stderr: str
    code: int


def render(result: Result, style: str = "text") -> Output:
    """Turn a check :class:`~builder.editor.check.Result` into printed output.

    Args:
        style: ``"text"`` or ``"github"``.

    Returns:
        The :class:`Output`; ``code``: :attr:`~builder.editor.check.Result.code`.
    """
    code = result.code
    fixed = [
        f"Đã sửa {path}: {count} chỗ (chữ Unicode dựng sẵn, bỏ ký tự vô hình); phần còn lại giữ nguyên."
        for path, count in result.fixed
    ]
    fixed += [
        f"Đã xóa vị trí GPS và thông tin máy ảnh khỏi {path} (ảnh giữ nguyên từng điểm ảnh)."
        for path in result.fixed_pictures
    ]
    fixed += [
        f"Đã xóa vị trí GPS nơi quay khỏi video {path} (hình và tiếng giữ nguyên)." for path in result.fixed_videos
    ]
    if style == "github":
        lines = fixed + [_notice(n) for n in result.notices] + [_annotation(w, "warning") for w in result.warnings]
        lines += [_annotation(e) for e in result.errors]
        lines.append(ContentErrors(result.errors).report().splitlines()[-1] if result.errors else CLEAN)
        return Output("\n".join(lines), "", code)
    notices = [_warning(w) for w in result.warnings] + [
        f"{n.path}:{n.line}: {n.kind}: {n.message}" for n in result.notices
    ]
    if result.errors:
        return Output("\n".join(fixed + notices), ContentErrors(result.errors).report(), code)
    return Output("\n".join(fixed + notices + [CLEAN]), "", code)


def _annotation(error: ContentError, level: str = "error") -> str:
    place = f"file={_property(error.path)},line={error.line}" + (f",col={error.col}" if error.col else "")
    message = f"{error.message} Cách sửa: {error.hint}" if error.hint else error.message
    return f"::{level} {place},title=bantin check::{_data(message)}"


def _warning(warning: ContentError) -> str:
    """``file:line:col: cảnh báo: message Cách sửa: hint`` (an error's format, another word)."""
    return warning.format().replace(": lỗi: ", ": cảnh báo: ", 1)


def _notice(notice) -> str:
    place = f"file={_property(notice.path)},line={notice.line}"
    return f"::notice {place},title={_property(notice.kind)}::{_data(notice.message)}"


def _data(text: str) -> str:
    """Escape a workflow command's message (the runner's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value (the runner's ``escapeProperty``)."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
