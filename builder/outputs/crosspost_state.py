"""The record of what was posted to the Facebook Page (``crosspost/facebook.json``).

Shape (version 1, written with sorted keys so git diffs show only what changed)::

    {"version": 1, "facebook": {key: record}}

``key`` is the entry's identity as first posted: the feeds' GUID (a ``tag:`` URI made from the
source path, :func:`builder.outputs.feeds.guid`) at the time of posting. It is never changed
afterwards, so a record stays the same record whatever happens to the file. A record holds:

- ``posted_at`` (ISO 8601, +07:00), ``page_id``, ``post_id``: the Facebook post;
- ``url``, ``source``, ``title``: where the entry is *now* (updated when it moves) and its title
  when posted; ``earlier``: the ``{"source", "url"}`` it had before each move;
- ``kind``, ``date``, ``body``, ``summary``: the entry's fingerprint — its content type, its
  publication time (ISO 8601) and short SHA-256 digests of its normalised body and summary.

Why a fingerprint: the content model has no stable id (an entry is its file; an editor renames
the file and changes the title, hence the slug and URL, without thinking of Facebook). Keyed by
path alone, a renamed and retitled article looked new and was posted a second time. An entry is
therefore the same as a record when its path is, or, once the record's path has vanished from
``content/``, when it has the record's content type and publication time and the same body or
the same summary (one of the two may have been edited in the same change). The record then
follows the entry (:meth:`State.match`). Git's rename history is not used: CI checks out a
single commit (actions/checkout's default depth of 1), so it is not there to read.

Records written before the fingerprint existed get it from their entry, found by GUID or path,
on the next run (:meth:`State.match`); nothing else changes in them.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from builder.content.dates import VIETNAM
from builder.content.model import Entry
from builder.errors import os_reason

if TYPE_CHECKING:  # only for annotations: the items are made in builder.outputs.crosspost
    from builder.outputs.crosspost import Item

STATE_VERSION = 1
FINGERPRINT = ("kind", "date", "body", "summary")
"""The record fields that identify an entry whose path changed."""
_TEXT_FIELDS = ("posted_at", "page_id", "post_id", "url", "source", "title", *FINGERPRINT)


class StateProblem(Exception):
    """The state file cannot be read or written; the message is Vietnamese, names the file,
    says what is wrong and how to fix it."""


def shown(path: Path) -> str:
    """``path`` as the editor knows it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def fingerprint(entry: Entry) -> dict[str, str]:
    """The fields of :data:`FINGERPRINT` for ``entry`` (all text; digests are 16 hex digits of
    the SHA-256 of the NFC text with runs of white space made one space)."""
    return {
        "kind": entry.kind,
        "date": entry.date.isoformat() if entry.date else "",
        "body": _digest(entry.body),
        "summary": _digest(entry.description),
    }


def _digest(text: str) -> str:
    folded = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16] if folded else ""


@dataclass
class Matched:
    """What :meth:`State.match` found: ``pending`` items to post (in the given order) and
    ``moved``, ``(item, key)`` pairs of items recognised as a recorded entry under a new path;
    ``changed``: records were completed or moved (the state should be saved)."""

    pending: list
    moved: list
    changed: bool


class State:
    """The state file at ``path`` with its ``posts`` (key → record, see the module docstring)."""

    def __init__(self, path: Path, posts: dict[str, dict]):
        self.path = path
        self.posts = posts

    @classmethod
    def load(cls, path: Path) -> State:
        """Read ``path``; a missing file is an empty state.

        Raises:
            StateProblem: unreadable, not JSON, or not the shape above (the message says where).
        """
        name = shown(path)
        fix = (
            f"Cách sửa: lấy lại bản đúng từ lịch sử git (git log -- {name} để xem các bản trước, "
            f"git checkout <mã bản> -- {name} để lấy lại); đừng sửa tay tệp này."
        )
        if not path.exists():
            return cls(path, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise StateProblem(
                f"{name}:{error.lineno}:{error.colno}: tệp ghi nhận bài đã đăng lên Facebook bị "
                f"hỏng (không phải JSON hợp lệ từ dòng {error.lineno}). {fix}"
            ) from None
        except UnicodeDecodeError:
            raise StateProblem(
                f"{name}: tệp ghi nhận bài đã đăng lên Facebook không phải văn bản UTF-8. {fix}"
            ) from None
        except RecursionError:  # thousands of nested brackets: json reads them recursively
            raise StateProblem(
                f"{name}: tệp ghi nhận bài đã đăng lên Facebook bị hỏng (ngoặc lồng nhau quá sâu, "
                f"không phải nội dung bantin ghi). {fix}"
            ) from None
        except OSError as error:
            raise StateProblem(
                f"{name}: không đọc được tệp ghi nhận bài đã đăng lên Facebook ({_why(error, path)}). "
                "Cách sửa: kiểm tra tệp này là tệp thường và đọc được."
            ) from None
        if not isinstance(data, dict) or not isinstance(data.get("facebook"), dict):
            raise StateProblem(
                f'{name}: tệp ghi nhận bài đã đăng lên Facebook thiếu mục "facebook" (danh sách các '
                f"bài đã đăng); nội dung hiện có không phải của tệp này. {fix}"
            )
        if isinstance(data.get("version"), int) and data["version"] > STATE_VERSION:
            raise StateProblem(
                f"{name}: tệp được ghi bởi phiên bản bantin mới hơn (phiên bản tệp {data['version']}, "
                f"bản này đọc được {STATE_VERSION}). Cách sửa: cập nhật bantin (git pull) rồi chạy lại."
            )
        for key, record in data["facebook"].items():
            if (
                not isinstance(record, dict)
                or not isinstance(record.get("source"), str)
                or any(not isinstance(record.get(f, ""), str) for f in _TEXT_FIELDS)
                or not _earlier_ok(record.get("earlier", []))
            ):
                raise StateProblem(
                    f'{name}: mục "{key}" trong "facebook" không phải bản ghi một bài đã đăng (cần '
                    f"các trường source, post_id, url... dạng chữ; gặp {json.dumps(record)[:80]}). {fix}"
                )
        return cls(path, data["facebook"])

    def match(self, every: list[Item]) -> Matched:
        """Split ``every`` into items to post and items already posted (same GUID or path, or
        the same fingerprint as a record whose path no longer exists); records found get any
        missing fingerprint field, and records of moved entries follow them (source, url,
        ``earlier``). Nothing is written: :meth:`save` does.
        """
        by_source = {r["source"]: key for key, r in self.posts.items()}
        present = {item.entry.source for item in every}
        taken, pending, moved, changed = set(), [], [], False
        for item in every:
            key = item.guid if item.guid in self.posts else by_source.get(item.entry.source)
            if key is None:
                pending.append(item)
                continue
            taken.add(key)
            for field, value in fingerprint(item.entry).items():
                if field not in self.posts[key]:
                    self.posts[key][field], changed = value, True
        orphans = [key for key, r in self.posts.items() if key not in taken and r["source"] not in present]
        for item in list(pending):
            key = next((k for k in orphans if k not in taken and _same(self.posts[k], fingerprint(item.entry))), None)
            if key is None:
                continue
            taken.add(key)
            record = self.posts[key]
            record.setdefault("earlier", []).append({"source": record["source"], "url": record.get("url", "")})
            record.update(source=item.entry.source, url=item.url, **fingerprint(item.entry))
            pending.remove(item)
            moved.append((item, key))
            changed = True
        return Matched(pending, moved, changed)

    def record(self, item: Item, page_id: str, post_id: str, when: datetime) -> None:
        """Note ``item`` as posted and write the file at once (atomically).

        Raises:
            StateProblem: the file cannot be written.
        """
        self.posts[item.guid] = {
            "posted_at": when.astimezone(VIETNAM).isoformat(timespec="seconds"),
            "page_id": page_id,
            "post_id": post_id,
            "url": item.url,
            "source": item.entry.source,
            "title": item.entry.title,
            **fingerprint(item.entry),
        }
        self.save()

    def save(self) -> None:
        """Write the state through a temporary file, fsync and rename: a crash leaves the old
        file or the new one, never half of one.

        Raises:
            StateProblem: the folder or file cannot be written (the message says why).
        """
        text = (
            json.dumps({"version": STATE_VERSION, "facebook": self.posts}, ensure_ascii=False, indent=2, sort_keys=True)
            + "\n"
        )
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except OSError as error:
            raise unwritable(self.path, error) from None
        finally:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)

    def check_writable(self) -> None:
        """Make sure :meth:`save` will work before anything is posted (a post that cannot be
        recorded would be posted again by the next run), without creating the state file.

        Raises:
            StateProblem: as :meth:`save`.
        """
        try:
            if self.path.is_dir():
                raise IsADirectoryError(errno.EISDIR, "is a directory", str(self.path))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            os.close(fd)
            os.unlink(tmp)
        except OSError as error:
            raise unwritable(self.path, error) from None


def _earlier_ok(earlier) -> bool:
    """True when ``earlier`` is a list of ``{"source", "url"}`` texts."""
    return isinstance(earlier, list) and all(
        isinstance(e, dict) and isinstance(e.get("source"), str) and isinstance(e.get("url", ""), str) for e in earlier
    )


def _same(record: dict, print_: dict[str, str]) -> bool:
    """True when ``record`` has the fingerprint's kind and date and its body or summary."""
    if record.get("kind") != print_["kind"] or not print_["date"] or record.get("date") != print_["date"]:
        return False
    return any(print_[f] and record.get(f) == print_[f] for f in ("body", "summary"))


def unwritable(path: Path, error: OSError) -> StateProblem:
    """The editor's message for ``error`` raised while writing ``path`` or its lock file."""
    return StateProblem(
        f"{shown(path)}: không ghi được tệp ghi nhận bài đã đăng lên Facebook ({_why(error, path)}), "
        "nên chưa đăng bài nào (bài đăng mà không ghi nhận được sẽ bị đăng lại ở lần sau). Cách sửa: "
        f"{_fix(error, path)}, rồi chạy lại."
    )


def _why(error: OSError, path: Path) -> str:
    """What went wrong, in Vietnamese, from the error number."""
    parent = shown(path.parent)
    if error.errno == errno.ELOOP:  # opened with O_NOFOLLOW (the lock file): a link is never written through
        return f"“{_link_name(error, path)}” là một liên kết (symlink), không phải tệp; bantin không ghi qua liên kết"
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return f"“{_file_in_the_way(path) or parent}” là một tệp thường, không phải thư mục"
    if isinstance(error, IsADirectoryError):
        return f"“{shown(path)}” là một thư mục, không phải tệp"
    if isinstance(error, PermissionError):
        return f"không có quyền ghi vào thư mục “{parent}”"
    if error.errno == errno.ENOSPC:
        return "ổ đĩa đã đầy"
    if error.errno == errno.EROFS:
        return "ổ đĩa chỉ cho đọc"
    return os_reason(error)


def _fix(error: OSError, path: Path) -> str:
    if error.errno == errno.ELOOP:
        name = _link_name(error, path)
        return f"xóa liên kết “{name}” (git rm {name}); bantin tự tạo lại tệp này khi chạy"
    if isinstance(error, (FileExistsError, NotADirectoryError)):
        return (
            f"xóa hoặc đổi tên tệp “{_file_in_the_way(path) or shown(path.parent)}” (thư mục này chỉ chứa tệp "
            f"ghi nhận), hoặc đặt state_file khác trong mkdocs.yml (plugins → bantin → sharing → facebook)"
        )
    if isinstance(error, IsADirectoryError):
        return f"xóa thư mục “{shown(path)}” nếu nó trống và không cần, hoặc đặt state_file khác trong mkdocs.yml"
    if isinstance(error, PermissionError):
        return f"cấp quyền ghi cho thư mục “{shown(path.parent)}” (chmod u+w)"
    return f"giải phóng chỗ hoặc kiểm tra ổ đĩa chứa “{shown(path.parent)}”"


def _link_name(error: OSError, path: Path) -> str:
    """The link ``error`` refused, as the editor knows it (its folder resolved, not the link)."""
    link = Path(error.filename) if error.filename else path
    return f"{shown(link.parent)}/{link.name}"


def _file_in_the_way(path: Path) -> str:
    """The first folder of ``path`` that exists as a regular file, or ""."""
    for folder in reversed(path.parents):
        if folder.exists() and not folder.is_dir():
            return shown(folder)
    return ""
