"""``bantin import FILE``: a Word document or a text export becomes a page in ``content/``.

Reading is done by :mod:`builder.importers.docx` (``.docx``) or :mod:`builder.importers.encodings`
(``.txt``/``.md``, legacy encodings converted); recognising by the content model
(:mod:`builder.content.recognise`). The page goes to ``van-ban/`` (official documents) or
``tin-tuc/`` (anything else) unless a path is given, its pictures beside it as
``<page>-anh-<n>.<ext>``. Nothing is ever overwritten: every target is checked first and then
created exclusively, and a failure removes what this import created.

The page is a draft (``draft: true``), as ``bantin new`` makes them: an import is a first
version to read over, and merging it must not publish it. A name chosen from the title never
lands on a file name the builder reserves (a title "Index" would write ``tin-tuc/index.md``,
the news list): it gets the prefix ``bai-``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from builder.content import recognise
from builder.content.reader import kind_of
from builder.content.text import normalise
from builder.errors import os_reason
from builder.importers import docx, encodings, limits

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
"""Plain-text exports read as Markdown."""

FOLDERS = {"document": "van-ban", "news": "tin-tuc"}
"""Where a recognised page goes, by kind, under ``content/``."""


class ImportFailed(Exception):
    """The import cannot be done (nothing was written); the message is Vietnamese."""


class TargetExists(ImportFailed):
    """A file the import would write is already there (nothing was written): ``existing``,
    the paths. The message is for a terminal (``--out``); the nhap/ inbox words its own."""

    def __init__(self, message: str, existing: list[Path]):
        super().__init__(message)
        self.existing = existing


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote.

    Attributes:
        page: the Markdown file; pictures: the picture files beside it.
        kind: the content type of the page ("document", "news" ...).
        encoding: the legacy encoding converted from, or None.
        notes: what could not be recognised or was repaired (Vietnamese, one line each).
        missing: required front matter keys the editor still has to fill in.
    """

    page: Path
    pictures: tuple[Path, ...] = ()
    kind: str = "news"
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default=())


def import_file(
    source: Path, content_dir: Path, today: date, out: Path | None = None, *, recode: docx.Recode
) -> ImportResult:
    """Import ``source`` into ``content_dir``.

    Args:
        source: a ``.docx``, ``.txt`` or ``.md`` file.
        content_dir: the site's ``content/`` folder.
        today: the date given to an article (Asia/Ho_Chi_Minh).
        out: the page to write (a ``.md`` path inside ``content_dir``); default: chosen from
            what the document is and its title or number.
        recode: identifies and re-encodes a Word document's pictures
            (:func:`builder.outputs.images.reencode`; importers do not use Pillow themselves).

    Returns:
        What was written.

    Raises:
        ImportFailed: unreadable or unsupported file, one over the limits of
            :mod:`builder.importers.limits` (size, depth, time), a target outside
            ``content_dir``, or a file that already exists (never overwritten).
    """
    try:
        with limits.deadline():  # reading and recognising only compute: nothing is written yet
            markdown, pictures, encoding, notes = _read(source, recode)
            found = recognise.recognise(markdown, today)
    except limits.Refused as exc:
        raise ImportFailed(f"{source}: {exc}") from None
    target = _target(found, content_dir, out)
    kind = kind_of(target.relative_to(content_dir).as_posix()) or found.kind
    found = recognise.for_kind(found, kind)
    stem = target.stem if target.name != "index.md" else target.parent.name
    names = {p.name: f"{stem}-anh-{i}{PurePosixPath(p.name).suffix}" for i, p in enumerate(pictures, start=1)}
    body = found.body
    for old, new in names.items():
        body = body.replace(f"]({old})", f"]({new})")
    front = {**found.front, "draft": True}
    text = recognise.page_text(recognise.Recognised(found.kind, front, body, found.missing, found.notes))
    files = [(target.parent / names[p.name], p.data) for p in pictures] + [(target, text.encode("utf-8"))]
    _write_all(files, content_dir)
    notes = [n.replace(docx.PICTURE_PREFIX, f"{stem}-anh-") for n in notes] + list(found.notes)
    return ImportResult(target, tuple(path for path, _ in files[:-1]), kind, encoding, tuple(notes), found.missing)


def _read(source: Path, recode: docx.Recode) -> tuple[str, list[docx.Picture], str | None, list[str]]:
    if not source.is_file():
        raise ImportFailed(f"Không tìm thấy tệp {source}.")
    suffix = source.suffix.lower()
    if suffix == ".docx":
        try:
            document = docx.read_docx(source.read_bytes(), recode)
        except docx.WordError as exc:
            raise ImportFailed(f"{source}: {exc}") from None
        return document.markdown, document.pictures, document.encoding, document.notes
    if suffix in TEXT_SUFFIXES:
        if source.stat().st_size > limits.MAX_XML_PART_BYTES:
            raise ImportFailed(
                f"{source}: tệp chữ nặng quá {limits.MAX_XML_PART_BYTES // 1_000_000} MB: "
                "tách thành nhiều tệp nhỏ hơn rồi nhập từng tệp."
            )
        text, encoding = encodings.decode_bytes(source.read_bytes())
        notes = (
            [f"Đã chuyển chữ từ bảng mã {encodings.NAMES[encoding]} sang Unicode: đọc soát lại dấu và chữ hoa."]
            if encoding
            else []
        )
        return normalise(text), [], encoding, notes
    if suffix == ".doc":
        raise ImportFailed(
            f"{source}: tệp Word cũ (.doc) chưa đọc được. Mở bằng Word, chọn Lưu thành (Save As) "
            "kiểu “Word Document (.docx)”, rồi nhập tệp .docx đó."
        )
    raise ImportFailed(f"{source}: chỉ nhập được tệp Word (.docx) hoặc tệp chữ (.txt, .md).")


def _target(found: recognise.Recognised, content_dir: Path, out: Path | None) -> Path:
    if out is None:
        folder, stem = FOLDERS[found.kind], recognise.file_stem(found)
        if kind_of(f"{folder}/{stem}.md") is None:  # a name the builder reserves (tin-tuc/index.md)
            stem = f"bai-{stem}"
        return content_dir / folder / f"{stem}.md"
    target = Path(os.path.abspath(out))
    root = Path(os.path.abspath(content_dir))
    if target.suffix != ".md" or root not in target.parents:
        raise ImportFailed(
            f"Đường dẫn {out} phải là một tệp .md nằm trong thư mục {content_dir}/ "
            f"(ví dụ {content_dir}/tin-tuc/ten-bai.md)."
        )
    if kind_of(target.relative_to(root).as_posix()) is None:
        raise ImportFailed(
            f"Không ghi được vào {out}: tên này dành cho trang do hệ thống tự tạo (danh sách bài, "
            f"tìm kiếm ...) hoặc không đúng chỗ. Chọn tên khác, ví dụ {content_dir}/tin-tuc/ten-bai.md."
        )
    return content_dir / target.relative_to(root)


def _write_all(files: list[tuple[Path, bytes]], content_dir: Path) -> None:
    """Create every file or none; never replace an existing one."""
    existing = [path for path, _ in files if path.exists()]
    if existing:
        shown = ", ".join(str(p) for p in existing)
        raise TargetExists(
            f"Đã có tệp {shown}: không ghi đè. Xóa hoặc đổi tên tệp cũ, hoặc chọn tên khác bằng --out.", existing
        )
    created: list[Path] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as handle:  # "x": fails if the file appeared meanwhile
                created.append(path)
                handle.write(data)
    except OSError as exc:
        for path in created:
            path.unlink(missing_ok=True)
        raise ImportFailed(
            f"Không ghi được {exc.filename} ({os_reason(exc)}). Cách sửa: cho phép ghi vào thư mục "
            "content/ và thư mục đó (một tệp cùng tên thư mục thì xóa hoặc đổi tên), rồi chạy lại. "
            "Chưa ghi tệp nào."
        ) from None


KIND_NAMES = {
    "document": "văn bản",
    "news": "tin tức",
    "column": "Phụ nữ và cuộc sống",
    "issue_article": "bài trong số bản tin",
    "issue": "số bản tin",
    "page": "trang",
}


def summary(result: ImportResult, url: str | None, problems: list[str], terminal: bool = True) -> list[str]:
    """The lines ``bantin import`` prints: what was written, what to finish by hand, how to preview.

    Args:
        result: the import; url: the page's URL relative to the site root (None when the page
            does not build yet); problems: ``bantin check`` lines about the new page.
        terminal: the editor works in a terminal (``bantin import``); False for the summary of a
            pull request (``bantin import-inbox``), whose reader edits on GitHub or in /admin/
            and sees the preview in the pull request's checks.
    """
    lines = [f"Đã nhập thành {result.page.as_posix()} ({KIND_NAMES.get(result.kind, result.kind)})."]
    if result.pictures:
        lines.append(f"Đã tách {len(result.pictures)} ảnh: " + ", ".join(p.name for p in result.pictures) + ".")
    todo = list(result.notes)
    todo += [
        f"Chưa nhận ra '{key}': điền vào dòng '# {key}: ...' trong phần đầu bài rồi xóa dấu #."
        for key in result.missing
    ]
    if todo:
        lines.append(f"Cần xem lại và hoàn thiện bằng tay ({len(todo)} mục):")
        lines += [f"  - {note}" for note in todo]
    if problems:
        lines.append("Bài vừa nhập còn lỗi (như 'bantin check' báo):")
        lines += [f"  {problem}" for problem in problems]
    if not terminal:
        lines.append(
            "Bài đang là bản nháp (draft: true): mở tệp bài trong pull request này (trình soạn bài /admin/ "
            "hoặc nút sửa của GitHub), đọc soát, sửa các mục trên và đổi thành draft: false để đăng. "
            "Lần lưu đó chạy các bước kiểm tra và tóm tắt của pull request."
        )
        return lines
    lines.append(
        "Bài đang là bản nháp (draft: true): đọc soát xong, đổi thành draft: false để đăng, rồi chạy 'bantin check'."
    )
    if url is not None:
        lines.append(f"Xem trước: chạy 'make serve' rồi mở http://127.0.0.1:8000/{url}")
    return lines
