"""``bantin import-inbox``: every Word document waiting in ``nhap/`` becomes a draft page.

Staff without a terminal upload a ``.docx`` into the repository's ``nhap/`` folder on GitHub
("Add file → Upload files"); the workflow ``.github/workflows/nhap.yml`` then runs this command,
commits what it made and posts :func:`render`'s summary on the pull request. Each document is
imported by :func:`builder.editor.importing.import_one`, the very code ``bantin import FILE``
runs, and removed from ``nhap/`` once its page is written. A document that cannot be imported
stays where it is and nothing is written for it (the importer writes all of a page's files or
none); the summary says why, in Vietnamese, and what to do.

Exit codes (as the other commands): 0 every document imported and its page passes the checks;
1 imported, but a new page has problems ``bantin check`` reports (a picture without its
description, typically: the editor fixes them in the pull request); 2 a document could not be
imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.editor import importing
from builder.importers import page
from builder.editor.project import Project

FOLDER = "nhap"
"""The inbox, relative to the project's root (where mkdocs.yml is)."""

SUFFIX = ".docx"
"""What the inbox imports. Word's own lock files (``~$name.docx``, left by an open document
that was uploaded with its folder) are not documents and are skipped."""


WORD_FIX = (
    "mở tệp bằng Word, sửa theo thông báo trên, lưu dạng “Word Document (.docx)”, xóa tệp cũ trong "
    "{inbox} rồi tải tệp mới lên."
)
"""How to fix a document the importer could not read ({inbox}: the folder, as inline code)."""


@dataclass(frozen=True)
class Outcome:
    """One document of the inbox: ``imported`` when it became a page, else ``failure``
    (the importer's Vietnamese message; the document was left in place) and ``fix``, how to
    go on from GitHub's pages (:data:`WORD_FIX` unless the document itself is not the problem)."""

    source: Path
    imported: importing.Imported | None = None
    failure: str | None = None
    fix: str = WORD_FIX


def pending(folder: Path) -> list[Path]:
    """The Word documents waiting in ``folder`` and its sub-folders, in name order."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == SUFFIX and not p.name.startswith("~$")
    )


def run(project: Project, folder: Path) -> list[Outcome]:
    """Import every document :func:`pending` finds in ``folder``; remove each one imported.

    Returns:
        One outcome per document, in order. ``OSError`` from removing a document propagates
        (the command reports it with the file's name).
    """
    outcomes = []
    for source in pending(folder):
        try:
            done = importing.import_one(project, source)
        except page.TargetExists as exc:
            # The page's name comes from the title: another page has it (an earlier upload of the
            # same document, or another one titled alike). No --out on GitHub: say what to do there.
            shown = ", ".join(p.as_posix() for p in exc.existing)
            outcomes.append(
                Outcome(
                    source,
                    failure=f"Đã có bài {shown} (tên tệp bài lấy theo tiêu đề): không ghi đè.",
                    fix="nếu tệp Word này là bản sửa của bài đó, sửa thẳng bài đó (trình soạn bài /admin/ "
                    "hoặc nút sửa ✎ của GitHub) rồi xóa tệp Word khỏi {inbox}; nếu là bài khác, "
                    "đổi tiêu đề (dòng đầu) trong Word, xóa tệp cũ trong {inbox} rồi tải tệp mới lên.",
                )
            )
            continue
        except importing.ImportFailed as exc:
            outcomes.append(Outcome(source, failure=str(exc)))
            continue
        source.unlink()
        outcomes.append(Outcome(source, imported=done))
    return outcomes


def exit_code(outcomes: list[Outcome]) -> int:
    """0, 1 or 2 as the module's docstring says."""
    if any(o.failure for o in outcomes):
        return 2
    return 1 if any(o.imported.problems for o in outcomes) else 0


def render(outcomes: list[Outcome], folder: Path) -> str:
    """The summary in Markdown (Vietnamese), for the pull request and the workflow's page."""
    shown = folder.as_posix()
    lines = [f"## Nhập tệp Word từ thư mục {_code(shown + '/')}", ""]
    if not outcomes:
        return (
            "\n".join(lines + [f"Không có tệp Word (.docx) nào trong {_code(shown + '/')}: không có gì để nhập."])
            + "\n"
        )
    made = [o for o in outcomes if o.imported]
    failed = [o for o in outcomes if o.failure]
    lines += [f"Đã nhập {len(made)} tệp" + (f", {len(failed)} tệp không nhập được." if failed else "."), ""]
    for outcome in outcomes:
        source = _code(outcome.source.as_posix())
        if outcome.failure:
            lines += [
                f"### {source}: không nhập được",
                "",
                f"- {_plain(outcome.failure)}",
                f"- Chưa ghi bài nào từ tệp này; tệp vẫn nằm trong {_code(shown + '/')}. Cách sửa: "
                + outcome.fix.format(inbox=_code(shown + "/")),
                "",
            ]
            continue
        result = outcome.imported.result
        lines += [f"### {source} → {_code(result.page.as_posix())}", ""]
        for line in outcome.imported.lines(terminal=False):
            text = _plain(line.strip().removeprefix("- "))
            lines.append(f"  - {text}" if line.startswith("  ") else f"- {text}")
        lines += [f"- Đã xóa {source} khỏi {_code(shown + '/')} (nội dung đã nằm trong bài).", ""]
    return "\n".join(lines)


def _code(text: str) -> str:
    """``text`` as inline code; a backquote in a file name would end it early, so it becomes '."""
    return "`" + text.replace("`", "'") + "`"


_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_[]<>!|#~"})


def _plain(text: str) -> str:
    """``text`` shown as written: the messages quote Markdown (``![Mô tả ảnh](anh.png)``) that
    GitHub would otherwise render as a picture, and file names may hold ``_`` or ``*``."""
    return text.translate(_MARKUP)
