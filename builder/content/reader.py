"""Reading the content tree into a :class:`~builder.content.library.Library`.

:func:`parse` is pure (text in, values out); :func:`read_tree` only lists and reads files and
hands them over, as Zola's ``Page::parse`` / ``from_file`` split does. Every problem in every
file is collected; nothing stops at the first.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Protocol

from builder.content import limits, published_files, schema, tree, video
from builder.content.assemble import Defaults, Parsed, assemble
from builder.content.frontmatter import split
from builder.content.images import NotAContentFile, front_matter_path, on_disk
from builder.content.library import Library
from builder.content.occasions import DATA_DIR, read_calendar
from builder.content.text import normalise
from builder.errors import ErrorList, os_reason

SECTIONS = {"tin-tuc": "news", "phu-nu-va-cuoc-song": "column", "van-ban": "document", "tai-lieu": "download"}
"""Top-level folder → content type (``ban-tin`` is handled apart: it holds bundles)."""

RESERVED = (
    "index.md",
    "tin-tuc/index.md",
    "ban-tin/index.md",
    "phu-nu-va-cuoc-song/index.md",
    "van-ban/index.md",
    "chu-de/",
    "tu-khoa/",
    "tin-tuc/nam/",
    "tin-tuc/trang/",
    "404.md",
    "tim-kiem.md",
    "tim-kiem/",
    "lien-he.md",
    "lien-he/",
    "van-ban/nam/",
    "van-ban/loai/",
    "van-ban/trang/",
    "tai-lieu/index.md",
    "tai-lieu/trang/",
    "album/index.md",
    "album/trang/",
)
"""Sources the builder generates itself (listing pages); editors may not use them."""


def kind_of(source: str) -> str | None:
    """The content type of ``source`` (path relative to ``content/``), or None if reserved
    or misplaced (the caller reports it)."""
    if source in RESERVED or any(r.endswith("/") and source.startswith(r) for r in RESERVED):
        return None
    parts = PurePosixPath(source).parts
    if parts[0] == "ban-tin":
        if len(parts) != 3:
            return None
        return "issue" if parts[2] == "index.md" else "issue_article"
    if parts[0] == "album":  # a bundle: album/<album>/index.md beside its photos
        return "album" if len(parts) == 3 and parts[2] == "index.md" else None
    return SECTIONS.get(parts[0], "page") if len(parts) > 1 else "page"


def parse(text: str, source: str, shown_path: str, errors: ErrorList) -> Parsed | None:
    """Parse one file's text.

    Args:
        text: the raw decoded text (BOM, CRLF, NFD and control characters are handled here).
        source: path relative to ``content/``; shown_path: the path shown in messages.
        errors: where problems go.

    Returns:
        The :class:`Parsed` file, or None when its location is not allowed.
    """
    kind = kind_of(source)
    if kind is None:
        errors.add(shown_path, 1, _misplaced(source), _misplaced_hint(source))
        return None
    before = len(errors.errors)
    front = split(normalise(text), shown_path, errors)
    limits.check_body(front.body, front.body_line, shown_path, errors)
    # A file whose front matter could not be read would also "miss" every key: say it once.
    values = schema.check(
        kind,
        front.data,
        front.key_lines,
        shown_path,
        errors,
        required=len(errors.errors) == before,
        item_lines=front.item_lines,
    )
    return Parsed(source, kind, values, front)


class ParseMemo(Protocol):
    """Where :func:`read_tree` may keep parsed files between reads (a long-running preview
    keeps them in memory; a build may keep them on disk). Keys are SHA-256 texts of a file's
    source path and raw text; only files parsed without a problem are put.

    A memo may also know which files did not change since the last read (a preview follows
    the files): ``recall(path)`` then gives the parse of the unchanged file at ``path``
    (relative to ``content/``) without its being read, and ``seen(path, key)`` tells it the key
    of the text read at ``path``. Both are optional."""

    def get(self, key: str) -> Parsed | None: ...

    def put(self, key: str, parsed: Parsed) -> None: ...


def read_tree(
    content_dir: Path,
    defaults: Defaults = Defaults(),
    now: datetime | None = None,
    shown_root: str | None = None,
    memo: ParseMemo | None = None,
) -> tuple[Library, ErrorList]:
    """Read every Markdown file under ``content_dir`` into a library.

    Args:
        content_dir: the docs directory.
        defaults: site-wide values; now: the moment deciding what is published.
        shown_root: the prefix of paths in messages (default: ``content_dir`` relative to
            the working directory when inside it).
        memo: parsed files kept from earlier reads (:class:`ParseMemo`): a file whose path
            and text are unchanged is not parsed again.

    Returns:
        ``(library, errors)``; entries with errors are left out of the library. The library's
        calendar comes from ``content/_data/ngay-ky-niem.yml`` (:mod:`builder.content.occasions`).
    """
    errors, parsed = ErrorList(), []
    root = shown_root if shown_root is not None else shown_path(content_dir)
    calendar = read_calendar(content_dir, root, errors)
    recall = getattr(memo, "recall", None)
    files, refused = tree.walk(content_dir)
    for problem in refused:
        errors.add(f"{root}/{problem.relative}" if root else problem.relative, 1, problem.message, problem.hint)
    for relative in (relative for relative in files if relative.endswith(".md")):
        source = normalise(relative)
        shown = f"{root}/{source}" if root else source
        item = recall(relative) if recall is not None else None
        if item is not None:
            parsed.append((shown, item))
            continue
        try:
            with open(os.path.join(content_dir, relative), "rb") as handle:
                if limits.file_too_big(os.fstat(handle.fileno()).st_size, shown, errors):
                    continue  # not read: 200 MB took minutes and gigabytes (builder.content.limits)
                raw = handle.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = exc.object[: exc.start].count(b"\n") + 1
            col = exc.start - (exc.object.rfind(b"\n", 0, exc.start) + 1) + 1
            errors.add(
                shown,
                line,
                "Tệp không phải mã UTF-8 (có thể được lưu bằng bảng mã cũ như Windows-1258, TCVN3 hoặc VNI).",
                "Mở tệp và lưu lại với bảng mã UTF-8, hoặc dùng lệnh 'bantin import'.",
                col,
            )
            continue
        item = _parse_kept(raw, relative, source, shown, errors, memo)
        if item is not None:
            parsed.append((shown, item))
    _check_reserved_outputs(content_dir, root, errors)
    published_files.check_tree(content_dir, root, errors, skip=DATA_DIR)
    library = assemble(parsed, defaults, now, errors, calendar)
    _check_assets(
        library,
        content_dir,
        {item.source: shown for shown, item in parsed},
        errors,
        {normalise(problem.relative) for problem in refused},
    )
    return library, errors


def markdown_files(content_dir: Path) -> list[str]:
    """The ``*.md`` files :func:`read_tree` reads, as POSIX paths relative to ``content_dir``,
    in the order of ``sorted(content_dir.rglob("*.md"))`` (folder by folder); strings, not
    ``Path`` objects, which cost seconds at 10,000 files. Listed by
    :func:`builder.content.tree.walk`: a link leaving ``content/`` or to a folder, and a name
    MkDocs would publish as a download (``BAI.MD``, ``bai.md.txt``) are left out (``read_tree``
    reports them)."""
    return [relative for relative in tree.walk(content_dir)[0] if relative.endswith(".md")]


def memo_key(source: str, raw: str) -> str:
    """The key of a file in a :class:`ParseMemo`: SHA-256 (hex) of its path relative to
    ``content/`` and its raw text (not the code: a memo that outlives the process adds the
    code's version, :mod:`builder.parse_memo`)."""
    return hashlib.sha256(f"{source}\0{raw}".encode("utf-8", "surrogatepass")).hexdigest()


def _parse_kept(
    raw: str, relative: str, source: str, shown: str, errors: ErrorList, memo: ParseMemo | None
) -> Parsed | None:
    """:func:`parse`, through ``memo``: a file with a problem is parsed (and reported) every time."""
    if memo is None:
        return parse(raw, source, shown, errors)
    key = memo_key(source, raw)
    item = memo.get(key)
    if item is None:
        before = len(errors.errors)
        item = parse(raw, source, shown, errors)
        if item is None or len(errors.errors) != before:
            return item
        memo.put(key, item)
    if hasattr(memo, "seen"):
        memo.seen(relative, key)
    return item


GENERATED_FILES = (
    "rss.xml",
    "atom.xml",
    "robots.txt",
    "sitemap.xml",
    "sitemap.xml.gz",
    "404.html",
    "assets",
    "pagefind",
    "pagefind-luu-tru",
)
"""Top-level names in site/ that the builder writes; a file of the same name in content/ would be
overwritten (or overwrite the site's own stylesheet) without a word."""


def _check_reserved_outputs(content_dir: Path, root: str, errors: ErrorList) -> None:
    for name in GENERATED_FILES:
        if (content_dir / name).exists():
            shown = f"{root}/{name}" if root else name
            errors.add(
                shown,
                1,
                f"'{name}' trong content/ trùng tên với tệp do hệ thống tự tạo.",
                "Đổi tên hoặc chuyển tệp này sang thư mục khác.",
            )


def _check_assets(library: Library, content_dir: Path, shown: dict, errors: ErrorList, refused: set[str]) -> None:
    """Every picture, attachment and video file named in front matter must be a file of ``content/``
    (:func:`~builder.content.images.front_matter_path`: no address, no absolute path, nothing
    outside ``content/``), and exist; a file readers download as it is must not be empty (0 bytes).
    An item of ``attachments`` is reported at its own line.
    ``refused``: the links :func:`builder.content.tree.walk` refused (a file named through one
    of them is missing: the site never publishes it). A file is found by its composed name
    (:func:`~builder.content.images.on_disk`): one macOS saved decomposed (NFD) is there."""
    for entry in library.entries.values():
        named = [
            ("image", entry.image, entry.key_lines.get("image", 1)),
            ("cover", getattr(entry, "cover", ""), entry.key_lines.get("cover", 1)),
        ]
        items = entry.item_lines.get("attachments", ())
        if getattr(entry, "file", ""):  # a file of the library (builder.content.downloads)
            named.append(("file", entry.file, entry.key_lines.get("file", 1)))
        for index, name in enumerate(getattr(entry, "attachments", ())):
            line = items[index] if index < len(items) else entry.key_lines.get("attachments", 1)
            named.append(("attachments", name, line))
        if entry.video is not None:  # its files at the line of 'video:' (sub-keys have no line of their own)
            named += [(f"video: {key}", name, entry.key_lines.get("video", 1)) for key, name in entry.video.files()]
        photo_lines = entry.item_lines.get("photos", ())
        for index, photo in enumerate(getattr(entry, "photos", ())):
            line = photo_lines[index] if index < len(photo_lines) else entry.key_lines.get("photos", 1)
            named.append(("photos", photo.file, line))
        if getattr(entry, "photos", ()) and entry.image == entry.photos[0].file:
            named = [n for n in named if n[0] != "image"]  # the first photo, checked as a photo
        for key, name, line in named:
            if not name:
                continue
            try:
                path = front_matter_path(entry.source, name)
            except NotAContentFile as exc:
                errors.add(shown[entry.source], line, exc.message, exc.hint, 1)
                continue
            through_refused = refused and any(path == r or path.startswith(r + "/") for r in refused)
            real = None if through_refused else on_disk(content_dir, path)
            if real is None:
                errors.add(
                    shown[entry.source],
                    line,
                    f"Không tìm thấy tệp '{name}' ({key}).",
                    "Đặt tệp vào cùng thư mục với bài (hoặc sửa lại tên/đường dẫn cho đúng, kể cả chữ hoa, chữ thường).",
                    1,
                )
                continue
            if key in _DOWNLOADS and real.stat().st_size == 0:
                # A file cut short in copying or syncing: published, it would download as nothing.
                errors.add(
                    shown[entry.source],
                    line,
                    f"Tệp '{name}' ({key}) rỗng (0 byte): người đọc tải về sẽ không mở được.",
                    "Chép lại tệp gốc (mở trên máy để chắc tệp có nội dung) đè lên tệp này, hoặc xóa dòng này.",
                    1,
                )
            elif key == "video: captions":
                _check_captions(real, name, shown[entry.source], line, errors)
            elif key in ("video: file", "video: webm"):
                _check_video_file(real, key, name, shown[entry.source], line, errors)


_DOWNLOADS = ("file", "attachments", "video: file", "video: webm")
"""The keys naming a file readers download as it is (pictures are checked as pictures, captions as WebVTT)."""


def _check_captions(path: Path, name: str, shown: str, line: int, errors: ErrorList) -> None:
    """A video's captions file must be WebVTT in UTF-8 (:func:`builder.content.video.captions_problem`)."""
    try:
        problem = video.captions_problem(path.read_bytes())
    except OSError as exc:
        problem = (f"Không đọc được tệp ({os_reason(exc)}).", "Kiểm tra lại tệp hoặc xóa dòng 'captions:'.")
    if problem is not None:
        message, hint = problem
        errors.add(shown, line, f"Phụ đề '{name}': {message}", hint, 1)


def _check_video_file(path: Path, key: str, name: str, shown: str, line: int, errors: ErrorList) -> None:
    """A video's MP4 (WebM) must be one (:func:`builder.content.video.file_problem`)."""
    try:
        with open(path, "rb") as stream:
            problem = video.file_problem(key.removeprefix("video: "), stream.read(12))
    except OSError as exc:
        problem = (f"không đọc được ({os_reason(exc)}).", "Kiểm tra lại tệp.")
    if problem is not None:
        message, hint = problem
        errors.add(shown, line, f"Video '{name}' {message}", hint, 1)


def shown_path(path: str | Path) -> str:
    """How messages name a file or folder (``content``, ``content/tin-tuc/a.md``): relative to
    the working directory, or as given where it cannot be (another drive on Windows)."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return Path(path).as_posix()


def _misplaced(source: str) -> str:
    if source.startswith("ban-tin/"):
        return f"Tệp '{source}' không nằm đúng chỗ của một số bản tin."
    if source.startswith("album/") and source != "album/index.md":
        return f"Tệp '{source}' không nằm đúng chỗ của một album ảnh."
    return f"Tên tệp '{source}' dành riêng cho trang do hệ thống tự tạo."


def _misplaced_hint(source: str) -> str:
    if source.startswith("ban-tin/"):
        return "Mỗi số bản tin là một thư mục ban-tin/<tên-số>/ gồm index.md (lời tòa soạn) và các bài của số đó."
    if source.startswith("album/") and source != "album/index.md":
        return (
            "Mỗi album là một thư mục album/<tên-album>/ gồm index.md (tên, ngày, danh sách ảnh 'photos:') "
            "và các tệp ảnh; chuyển tệp vào đó hoặc đổi tên thành index.md."
        )
    return "Đổi tên tệp hoặc chuyển nội dung sang tệp khác."
