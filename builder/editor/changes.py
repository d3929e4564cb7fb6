"""``bantin changes --since REF``: what merging the working tree would publish, in Vietnamese
Markdown for a pull request's job summary (``$GITHUB_STEP_SUMMARY``).

Nothing is built: both sides are read as the content model (:func:`builder.content.reader.read_tree`),
the working tree once by ``bantin check`` (whose problems, warnings and notices the summary lists) and
REF's ``content/`` once, taken from git with ``git archive`` into a temporary folder. Both are
read at the same moment ("now": ``BANTIN_NOW`` or the clock) with the current mkdocs.yml, so a
page counts as new, changed or removed only because of the content, never because time passed.

A published page (an entry; the listing, tag and home pages follow from them) is:

- new: its address is published now and was not at REF;
- removed: the other way round;
- changed: published at both, and its Markdown file's text differs, or a file of ``content/``
  whose name its text mentions (a picture, an attachment) differs.

What will be posted to the Facebook Page is the list ``bantin crosspost`` would post after the
merge (:func:`builder.mkdocs_plugin.sharing.candidates` minus the state file,
:func:`builder.outputs.crosspost.unposted`), plus the scheduled items it will post at the first
hourly publication after their time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from builder import build
from builder.content.dates import VIETNAM, display_date
from builder.content.library import Library
from builder.content.reader import read_tree
from builder.editor import check
from builder.editor.project import Project
from builder.errors import ContentError
from builder.mkdocs_plugin import sharing
from builder.outputs import crosspost as xpost

OUTSIDE_SHOWN = 10
"""Files changed outside ``content/`` named in the summary; the rest are counted."""
FAR_FUTURE = datetime(9999, 1, 1, tzinfo=VIETNAM)
"""A moment after every scheduled item: the library at this moment lists them all as published."""


@dataclass(frozen=True)
class Page:
    """One page of the summary: its future ``address`` (absolute when mkdocs.yml has
    ``site_url``), ``title`` and ``source`` (the file as messages name it)."""

    address: str
    title: str
    source: str


@dataclass(frozen=True)
class Post:
    """One Facebook post to come: ``title``, page ``address``, ``when`` (None: at the next
    publication; else the scheduled moment, Vietnam time); ``earlier``: its item was already
    published or scheduled at REF, so it waits for a post whatever this change does (posting not
    set up yet, a failed run) and the summary does not credit it to the change."""

    title: str
    address: str
    when: datetime | None
    earlier: bool = False


@dataclass
class Changes:
    """What merging would publish.

    Attributes:
        ref: REF as given; commit: its full hash.
        new, changed, removed: pages (:class:`Page`), by address.
        posts: Facebook posts to come, in posting order; facebook_note: why none are planned
            when posting is not set up ("" otherwise).
        notices: ``bantin check``'s notices: scheduled items and drafts, and others (a licence
            ending soon, a tag's spelling), which the summary lists apart.
        errors: the problems ``bantin check`` found; warnings: its warnings (what the site's
            cleaning drops from a body, GPS positions in photos ...), published anyway.
        outside: files changed outside ``content/`` since REF (code, theme, mkdocs.yml ...).
        screenshots: files written by ``--screenshots``; screenshot_note: why there are none.
    """

    ref: str
    commit: str
    new: list[Page] = field(default_factory=list)
    changed: list[Page] = field(default_factory=list)
    removed: list[Page] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    facebook_note: str = ""
    notices: list[check.Notice] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)
    screenshot_note: str = ""

    @property
    def code(self) -> int:
        """The exit code: 1 when the content has errors, else 0."""
        return 1 if self.errors else 0


def run(project: Project, ref: str) -> Changes:
    """Compare the content of ``project`` (the working tree) with the content at git ``ref``.

    Raises:
        builder.build.UsageError: ``ref`` is not a commit of the repository holding the
            project, or git is missing (Vietnamese message; exit code 2).
    """
    top = _git_root(project)
    commit = _commit(top, ref)
    docs = Path(os.path.relpath(project.content_dir.resolve(), top)).as_posix()
    result = check.run(project)
    changes = Changes(ref=ref, commit=commit, errors=result.errors, notices=result.notices, warnings=result.warnings)
    library = result.library
    with tempfile.TemporaryDirectory(prefix="bantin-changes-") as scratch:
        old_dir = _extract(top, commit, docs, Path(scratch))
        old_library, _ = read_tree(
            old_dir, project.defaults, project.now, shown_root=docs
        )  # its old errors are not news
        _compare(project, changes, old_library, old_dir, library)
    record = _record_file(project, top)  # the bot's record of Facebook posts is neither content nor code
    changes.outside = [name for name in _changed_files(top, commit) if not _under(name, docs) and name != record]
    _plan_posts(project, changes, library, old_library)
    return changes


def _git(top: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=top, capture_output=True, text=not binary, timeout=120)
    except FileNotFoundError:
        raise build.UsageError(
            "không tìm thấy lệnh git. Cách sửa: cài git (https://git-scm.com) rồi chạy lại."
        ) from None


def _git_root(project: Project) -> Path:
    config_dir = Path(project.config.config_file_path or "mkdocs.yml").resolve().parent
    found = _git(config_dir, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise build.UsageError(
            f"thư mục {config_dir} không nằm trong một kho git, nên không so sánh được. "
            "Cách sửa: chạy lệnh trong bản sao (git clone) của kho."
        )
    return Path(found.stdout.strip())


def _commit(top: Path, ref: str) -> str:
    found = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    if found.returncode != 0 or not ref.strip():
        raise build.UsageError(
            f"--since: không có phiên bản '{ref}' trong kho git. Cách sửa: dùng tên một nhánh, thẻ hoặc mã "
            "commit có trong kho, ví dụ --since origin/main (trên máy chưa có thì chạy 'git fetch' trước), "
            "hoặc --since HEAD~1 để so với lần commit trước."
        )
    return found.stdout.strip()


def _extract(top: Path, commit: str, docs: str, scratch: Path) -> Path:
    """REF's ``docs`` folder written under ``scratch``; an empty folder when REF has none."""
    target = scratch / "old"
    target.mkdir()
    listed = _git(top, "ls-tree", "--name-only", commit, "--", docs)
    if listed.returncode != 0 or not listed.stdout.strip():
        return target
    archive = _git(top, "archive", "--format=tar", commit, "--", docs, binary=True)
    if archive.returncode != 0:
        raise build.UsageError(
            f"không đọc được thư mục {docs} của phiên bản {commit[:10]} trong git "
            f"({archive.stderr.decode(errors='replace').strip()})."
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(scratch / "tree", filter="data")
    os.replace(scratch / "tree" / docs, target / "content")
    return target / "content"


def _changed_files(top: Path, commit: str) -> list[str]:
    """Tracked files of the working tree that differ from ``commit``, and untracked ones."""
    diff = _git(top, "diff", "--name-only", "--no-renames", commit)
    others = _git(top, "ls-files", "--others", "--exclude-standard")
    names = set(diff.stdout.splitlines()) | set(others.stdout.splitlines())
    return sorted(name for name in names if name)


def _record_file(project: Project, top: Path) -> str:
    """The cross-posting state file (``sharing.facebook.state_file``) relative to ``top``."""
    root = Path(project.config.config_file_path or "mkdocs.yml").resolve().parent
    path = (root / project.options.sharing.facebook.state_file).resolve()
    return Path(os.path.relpath(path, top)).as_posix()


def _under(name: str, folder: str) -> bool:
    return folder in ("", ".") or name == folder or name.startswith(folder.rstrip("/") + "/")


def _compare(project: Project, changes: Changes, old: Library, old_dir: Path, new: Library) -> None:
    before = {e.url: e for e in old.published()}
    after = {e.url: e for e in new.published()}
    assets = _changed_assets(old_dir, project.content_dir)
    for url in sorted(after.keys() - before.keys()):
        changes.new.append(_page(project, after[url]))
    for url in sorted(before.keys() - after.keys()):
        changes.removed.append(_page(project, before[url]))
    for url in sorted(after.keys() & before.keys()):
        old_text = _text(old_dir / before[url].source)
        new_text = _text(project.content_dir / after[url].source)
        if old_text != new_text or any(Path(name).name in new_text for name in assets):
            changes.changed.append(_page(project, after[url]))


def _page(project: Project, entry) -> Page:
    return Page(address=(project.site_url or "/") + entry.url, title=entry.title, source=project.shown(entry.source))


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _changed_assets(old_dir: Path, new_dir: Path) -> set[str]:
    """Files other than Markdown whose bytes differ between the two folders (or exist in one)."""

    def digests(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file() and p.suffix != ".md"
        }

    old, new = digests(old_dir), digests(new_dir)
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def _plan_posts(project: Project, changes: Changes, library: Library, old: Library) -> None:
    """The posts ``bantin crosspost`` would make after the merge, the scheduled ones with their
    time, those whose item was at REF (``old``) already marked ``earlier``."""
    later = dataclasses.replace(library, now=FAR_FUTURE)  # scheduled items count as published
    at_ref = {entry.url for entry in dataclasses.replace(old, now=FAR_FUTURE).published()}
    try:
        every, settings = sharing.candidates(project.config, project.options.sharing, later)
        pending = xpost.unposted(every, settings.state_file)
    except xpost.CrosspostError as exc:
        changes.facebook_note = str(exc)
        return
    for item in pending:
        scheduled = item.entry.date is not None and item.entry.date > project.now
        changes.posts.append(
            Post(item.entry.title, item.url, item.entry.date if scheduled else None, earlier=item.entry.url in at_ref)
        )


def render(changes: Changes) -> str:
    """The Markdown summary (Vietnamese) of ``changes``, ending with a newline."""
    short = changes.commit[:10]
    lines = [f"## Thay đổi so với `{changes.ref}` ({short})", ""]
    if changes.errors:
        lines += [
            f"**Nội dung có {len(changes.errors)} lỗi: trang web sẽ không được xuất bản cho đến khi "
            "sửa xong.** Danh sách ở mục cuối.",
            "",
        ]
    nothing = not (changes.new or changes.changed or changes.removed)
    if nothing:
        lines += ["Không có trang nào thay đổi: sau khi gộp, trang web vẫn như cũ.", ""]
    for heading, pages in (
        ("Trang mới", changes.new),
        ("Trang sửa đổi", changes.changed),
        ("Trang bị gỡ khỏi trang web", changes.removed),
    ):
        if pages:
            lines += [f"### {heading} ({len(pages)})", ""]
            # A removed page's address stops working: shown, not linked.
            lines += [
                f"- {_md(p.title)} — {p.address} — `{p.source}`"
                if pages is changes.removed
                else f"- [{_md(p.title)}]({p.address}) — `{p.source}`"
                for p in pages
            ]
            lines.append("")
    if not nothing:
        lines += ["Trang chủ, các trang danh sách và trang thẻ có các bài trên cũng được cập nhật theo.", ""]
    lines += _facebook(changes)
    unpublished = [n for n in changes.notices if n.unpublished]
    if unpublished:
        lines += ["### Bài hẹn giờ và bản nháp (chưa lên trang web)", ""]
        lines += [f"- **{n.kind}**: {_md(n.message)} — `{n.path}:{n.line}`" for n in unpublished]
        lines.append("")
    # Not about pages to come: `bantin check`'s other notices and its warnings (published anyway).
    others = [(n.kind, n.message, "", n.path, n.line) for n in changes.notices if not n.unpublished]
    others += [("Cảnh báo", w.message, w.hint, w.path, w.line) for w in changes.warnings]
    if others:
        lines += [f"### Lưu ý ({len(others)})", ""]
        lines += [
            f"- **{kind}**: {_md(message)}{f' Cách sửa: {_md(hint)}' if hint else ''} — `{path}:{line}`"
            for kind, message, hint, path, line in others
        ]
        lines.append("")
    if changes.outside:
        shown = ", ".join(f"`{name}`" for name in changes.outside[:OUTSIDE_SHOWN])
        more = f" và {len(changes.outside) - OUTSIDE_SHOWN} tệp khác" if len(changes.outside) > OUTSIDE_SHOWN else ""
        lines += [
            "### Thay đổi ngoài nội dung",
            "",
            f"Có thay đổi ở mã, giao diện hoặc cấu hình: {shown}{more}. Mọi trang đều có thể trông khác; "
            "phần này do nhóm kỹ thuật xem xét (bộ kiểm thử chạy cho thay đổi này).",
            "",
        ]
    if changes.screenshots or changes.screenshot_note:
        lines += ["### Ảnh chụp", ""]
        if changes.screenshots:
            lines.append(
                f"Đã chụp {len(changes.screenshots)} ảnh (màn hình điện thoại 390 px và máy tính 1440 px) "
                "của các trang mới và trang sửa đổi: tải gói “anh-chup” ở mục Artifacts của lần chạy."
            )
        else:
            lines.append(changes.screenshot_note)
        lines.append("")
    if changes.errors:
        lines += [f"### Lỗi cần sửa ({len(changes.errors)})", ""]
        for error in changes.errors:
            hint = f" Cách sửa: {_md(error.hint)}" if error.hint else ""
            lines.append(f"- `{error.path}:{error.line}`: {_md(error.message)}{hint}")
        lines.append("")
    return "\n".join(lines)


def _facebook(changes: Changes) -> list[str]:
    if changes.facebook_note:
        return ["### Trang Facebook", "", f"Không đăng gì lên Trang Facebook: {_md(changes.facebook_note)}", ""]
    if not changes.posts:
        return ["### Trang Facebook", "", "Không có bài mới nào sẽ được đăng lên Trang Facebook.", ""]
    lines = [
        f"### Sẽ đăng lên Trang Facebook ({len(changes.posts)} bài)",
        "",
        "Khi kho có bí mật FACEBOOK_PAGE_TOKEN, mỗi bài được đăng một lần, sau khi trang web được xuất bản:",
        "",
    ]
    for post in changes.posts:
        when = (
            (
                f"lúc {display_date(post.when)}, {post.when.astimezone(VIETNAM):%H:%M} (hẹn giờ: lần xuất bản "
                "hằng giờ đầu tiên sau giờ đó)"
            )
            if post.when
            else "ngay sau khi gộp"
        )
        if post.earlier:
            when += " (bài đã có từ trước thay đổi này nhưng chưa được đăng)"
        lines.append(f"- [{_md(post.title)}]({post.address}): {when}")
    lines.append("")
    return lines


def _md(text: str) -> str:
    """``text`` safe inside a Markdown list item or link text (no markup, one line)."""
    text = " ".join(str(text).split())
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text
