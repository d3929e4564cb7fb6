"""``bantin check``'s video files: too large for GitHub, or holding where they were shot; and
``--fix``'s removal of that position.

- A file of a video type (:data:`SUFFIXES`) over :data:`LIMIT` (100 MiB): an error. GitHub
  refuses to take a file over 100 MiB (and GitHub Pages to publish it), so the change could
  not be sent at all.
- Over :data:`WARN_AT` (50 MiB): a warning. GitHub warns from 50 MiB; every version of the file
  stays in the repository's history for good, and a reader on a phone downloads it to watch.
  Both messages say what to do instead: put the video on YouTube (or the union's Facebook
  page) and show it with the facade (``video: {youtube: …, poster: …}``), or compress it.
- An MP4/MOV with the shooting position (:mod:`builder.outputs.video_metadata`): a warning at
  the file, as for photos (:mod:`builder.editor.pictures`); ``--fix`` removes the position in
  place without re-encoding.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from builder.content import tree
from builder.errors import ErrorList
from builder.outputs import video_metadata

SUFFIXES = (".mp4", ".m4v", ".mov", ".webm", ".mkv", ".avi", ".3gp", ".wmv", ".flv", ".mpg", ".mpeg")
"""Video files (compared in small letters)."""

MIB = 1024 * 1024
WARN_AT = 50 * MIB
"""GitHub's warning size for one file (docs.github.com, "About large files on GitHub")."""
LIMIT = 100 * MIB
"""GitHub's hard limit for one file; Pages publishes nothing larger either."""

_INSTEAD = (
    "Đăng video lên YouTube (hoặc trang Facebook của Hội) rồi khai báo ở phần thông tin đầu bài: "
    "video: {youtube: https://youtu.be/MÃ-VIDEO, poster: anh-video.jpg}, xóa tệp video khỏi content/; "
    "hoặc nén lại cho dưới 50 MB (HandBrake, mẫu 'Fast 720p30', rồi xuất MP4)."
)


def check(content_dir: Path, shown, errors: ErrorList, warn) -> None:
    """Report the video files of ``content_dir`` (see the module docstring).

    Args:
        content_dir: the ``content/`` folder; shown: path relative to it → path in messages;
        errors: where errors go; warn: ``warn(path, line, message, hint)`` for warnings.
    """
    for source, path in _videos(content_dir):
        name = path.name
        size = path.stat().st_size
        amount = f"{size / MIB:.0f}".replace(".", ",")
        if size > LIMIT:
            errors.add(
                shown(source),
                1,
                f"Video '{name}' nặng {amount} MB, quá giới hạn 100 MB một tệp của GitHub: "
                "không đưa lên được và không đăng được.",
                _INSTEAD,
            )
        elif size > WARN_AT:
            warn(
                shown(source),
                1,
                f"Video '{name}' nặng {amount} MB (trên 50 MB): GitHub cảnh báo tệp lớn, mỗi lần "
                "sửa là kho lưu trữ nặng thêm, người đọc bằng điện thoại tốn nhiều dung lượng.",
                _INSTEAD,
            )
        if path.suffix.lower() in video_metadata.SUFFIXES and video_metadata.location_boxes(path):
            warn(
                shown(source),
                1,
                f"Video '{name}' có ghi vị trí GPS nơi quay: kho nội dung công khai, ai cũng đọc được vị trí này.",
                "Chạy 'bantin check --fix' để xóa vị trí khỏi tệp (hình và tiếng giữ nguyên); lần sau tắt "
                "'Lưu vị trí' (Location tags) trong cài đặt Camera trước khi quay.",
            )


def fix(content_dir: Path) -> list[str]:
    """Remove the shooting position of every MP4/MOV of ``content_dir`` that has one, in place
    (:func:`builder.outputs.video_metadata.remove_location`; symbolic links are left alone).

    Returns:
        The files changed, relative to ``content_dir`` (NFC).
    """
    fixed = []
    for source, path in _videos(content_dir):
        if path.is_symlink() or path.suffix.lower() not in video_metadata.SUFFIXES:
            continue
        try:
            if video_metadata.remove_location(path):
                fixed.append(source)
        except OSError:
            continue  # read-only: check keeps warning
    return fixed


def _videos(content_dir: Path) -> list[tuple[str, Path]]:
    """Every video file under ``content_dir`` reached without leaving it (:func:`builder.content.tree.walk`)."""
    files, _ = tree.walk(content_dir)
    return [
        (unicodedata.normalize("NFC", relative), content_dir / relative)
        for relative in files
        if relative.lower().endswith(SUFFIXES)
    ]
