"""The files of ``content/``, listed without ever leaving it, and the names a site cannot use.

MkDocs lists ``docs_dir`` with ``os.walk(..., followlinks=True)`` and copies every file it
finds into ``site/``: a symbolic link ``content/tin-tuc/cau-hinh.txt → ../../.git/config`` (or a
linked folder) would publish a file of the build machine, which on CI holds the repository's
credentials. The build therefore reads the content through :func:`walk` first and stops on
any :class:`Problem` before MkDocs runs (``bantin check`` reports the same problems).

The rule for links (``git`` keeps them as links on Linux and macOS):

- a link to a **file inside** ``content/`` is allowed: what it shows is already public content
  (one logo shown in two folders);
- a link to a **folder** is refused wherever it points: MkDocs would publish every article in it
  a second time under another address, and a folder linked to its own parent makes the walk
  endless;
- a link that **leaves** ``content/`` (or leads nowhere) is refused, and never read.

File names MkDocs would publish as downloads instead of pages are refused with their fix:
``BAI.MD`` or ``bai.markdown`` (MkDocs and this builder only read ``.md`` written in small
letters as pages; MkDocs would render ``.markdown`` without the builder's checks) and
``bai.md.txt`` (Windows hides the real suffix).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""Suffixes MkDocs treats as Markdown (``mkdocs.utils.markdown_extensions``), compared in
small letters; of these the content uses ``.md`` only."""


@dataclass(frozen=True)
class Problem:
    """A file or folder of ``content/`` the site cannot use.

    Attributes:
        message, hint: what is wrong and how to fix it, in Vietnamese;
        relative: its path relative to ``content/`` ("tin-tuc/passwd.txt").
    """

    message: str
    hint: str
    relative: str


def walk(content_dir: Path) -> tuple[list[str], list[Problem]]:
    """Every usable file under ``content_dir`` and the problems found on the way.

    Args:
        content_dir: the docs directory.

    Returns:
        ``(files, problems)``: ``files`` are POSIX paths relative to ``content_dir`` (as
        written on disk, not normalised), sorted folder by folder as
        ``sorted(rglob("*"))`` would; a refused link or name is in ``problems`` and not in
        ``files``. Linked folders are not entered.
    """
    root = os.path.realpath(content_dir)
    files: list[str] = []
    problems: list[Problem] = []
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(content_dir, folder)))
        except OSError:
            continue  # an unreadable folder: MkDocs reports it in its own walk
        for item in entries:
            relative = f"{folder}/{item.name}" if folder else item.name
            if item.is_symlink():
                problem = _link_problem(content_dir, root, relative)
                if problem is not None:
                    problems.append(problem)
                    continue
            if item.is_dir(follow_symlinks=False):
                pending.append(relative)
                continue
            # Only a name with ".m"/".M" may hold a Markdown suffix: the test costs nothing per picture.
            problem = _name_problem(relative) if ".m" in item.name or ".M" in item.name else None
            if problem is not None:
                problems.append(problem)
            else:
                files.append(relative)
    files.sort(key=lambda relative: relative.split("/"))
    return files, sorted(problems, key=lambda p: p.relative)


def inside(content_dir: Path, path: str | Path) -> bool:
    """True when ``path``, every link in it followed, is a file or folder under ``content_dir``."""
    root, real = os.path.realpath(content_dir), os.path.realpath(path)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _link_problem(content_dir: Path, root: str, relative: str) -> Problem | None:
    path = os.path.join(content_dir, relative)
    target = os.readlink(path)
    real = os.path.realpath(path)
    hint = (
        "Xóa liên kết này và chép chính tệp cần đăng vào thư mục content/ "
        "(liên kết chỉ được trỏ tới một tệp khác trong content/)."
    )
    if not inside(Path(root), real):
        return Problem(
            f"'{relative}' là liên kết (symlink) trỏ ra ngoài thư mục content/ ('{target}'): "
            "trang web sẽ đăng tệp của máy dựng trang.",
            hint,
            relative,
        )
    if not os.path.exists(real):
        return Problem(f"'{relative}' là liên kết (symlink) trỏ tới '{target}', tệp này không tồn tại.", hint, relative)
    if os.path.isdir(real):
        return Problem(
            f"'{relative}' là liên kết (symlink) tới thư mục '{target}': mọi bài trong đó sẽ "
            "bị đăng hai lần, dưới hai địa chỉ.",
            "Xóa liên kết này; muốn nhóm bài thì dùng chuyên mục (categories) hoặc từ khóa (tags).",
            relative,
        )
    return None


def _name_problem(relative: str) -> Problem | None:
    name = relative.rsplit("/", 1)[-1]
    stem, suffix = os.path.splitext(name)
    if suffix.lower() in MARKDOWN_SUFFIXES and suffix != ".md":
        return Problem(
            f"Tệp '{name}' có đuôi '{suffix}' nên không được đọc thành bài (chỉ đuôi '.md', "
            "chữ thường, mới là bài); trang web sẽ đăng nó như một tệp tải về.",
            f"Đổi tên tệp thành '{stem}.md'.",
            relative,
        )
    inner = os.path.splitext(stem)[1]
    if inner.lower() in MARKDOWN_SUFFIXES:
        return Problem(
            f"Tệp '{name}' có thêm đuôi '{suffix}' sau '{inner}' nên không được đọc thành bài; "
            "trang web sẽ đăng nó như một tệp tải về.",
            f"Đổi tên tệp thành '{os.path.splitext(stem)[0]}.md' (trên Windows, bật 'File name extensions' "
            "trong thẻ View của File Explorer để thấy đuôi thật của tệp).",
            relative,
        )
    return None
