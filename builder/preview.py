"""``bantin serve``: the local preview, which shows an edit in about a second (issue 8).

MkDocs' own ``serve`` builds the whole site again on every change (97 s at 10,000 articles,
even with the build cache), and its ``--dirtyreload`` writes feeds and a search index holding
only the changed pages. The preview instead keeps the build in memory:

1. a full build (:func:`builder.build.build` with the preview's address, drafts and scheduled
   entries included) into a temporary folder, served by MkDocs' live-reload server, which
   reloads the browser after each update;
2. on a change, :class:`Snapshot` says which files changed (size and modification time);
   edits to existing Markdown files go to :func:`builder.mkdocs_plugin.preview.refresh`,
   which writes only the pages, feeds and cards the edit changes; anything else (a file added,
   removed or renamed, a picture, ``mkdocs.yml``), or an edit ``refresh`` cannot take, gets a
   full build (atomic: the preview shows the old site until the new one is whole);
3. the search index is made again after an edit, in a background thread, so that the edit
   shows first.

Content errors are printed (file, line, how to fix) and the preview keeps showing the last
good site.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from builder import build as site_build
from builder import config_files
from builder.errors import ContentErrors
from builder.mkdocs_plugin import engine, site_files
from builder.mkdocs_plugin.preview import refresh
from builder.mkdocs_plugin.state import BuildState
from builder.outputs.search import SearchIndexError

log = logging.getLogger("mkdocs.plugins.bantin")


class ParsedFiles(dict):
    """The parsed files of the content, kept in memory between reads
    (:class:`builder.content.reader.ParseMemo`, with ``recall``): a file that the preview saw
    unchanged since the last read is not even read again. Entries no read asked for are dropped."""

    def __init__(self):
        super().__init__()
        self._used: set[str] = set()
        self._keys: dict[str, str] = {}  # path relative to content/ → key of its last text
        self.changed: set[str] | None = None  # paths changed since the last read; None: unknown

    def get(self, key, default=None):
        self._used.add(key)
        return super().get(key, default)

    def put(self, key: str, parsed) -> None:
        self._used.add(key)
        self[key] = parsed

    def expect(self, changed: set[str]) -> None:
        """The next read follows an edit of ``changed`` paths only (relative to content/)."""
        self.changed = changed
        for path in changed:  # a file read with problems is never "seen": it stays to be read
            self._keys.pop(path, None)

    def seen(self, path: str, key: str) -> None:
        self._keys[path] = key

    def recall(self, path: str):
        if self.changed is None or path in self.changed or path not in self._keys:
            return None
        return self.get(self._keys[path])

    def forget_unused(self) -> None:
        """Drop what the last read did not ask for (old versions of edited files); the next
        read knows nothing of which files changed until told."""
        for key in [k for k in self if k not in self._used]:
            del self[key]
        self._used, self.changed = set(), None


@dataclass
class Snapshot:
    """Size and modification time (ns) of every file under some folders and files."""

    roots: list[Path]
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)

    def take(self) -> dict[str, tuple[int, int]]:
        """Stat every file now."""
        stats: dict[str, tuple[int, int]] = {}
        for root in self.roots:
            if root.is_file():
                info = root.stat()
                stats[str(root)] = (info.st_size, info.st_mtime_ns)
            else:
                _stat_tree(str(root), stats)
        return stats

    def changes(self) -> tuple[set[str], set[str], set[str]]:
        """``(added, removed, modified)`` paths since the last call (or creation); remembers now."""
        now = self.take()
        added, removed = now.keys() - self.stats.keys(), self.stats.keys() - now.keys()
        modified = {p for p in now.keys() & self.stats.keys() if now[p] != self.stats[p]}
        self.stats = now
        return added, removed, modified


def _stat_tree(folder: str, stats: dict[str, tuple[int, int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # removed meanwhile
        return
    for entry in entries:
        try:
            if entry.is_dir():
                _stat_tree(entry.path, stats)
            else:
                info = entry.stat()
                stats[entry.path] = (info.st_size, info.st_mtime_ns)
        except OSError:
            continue


class Preview:
    """The preview of the project of ``config_file`` at ``http://<dev_addr>/`` (see the module
    docstring). :meth:`start` makes the first build; :meth:`update` follows the files."""

    def __init__(self, config_file: str, dev_addr: str):
        self.config_file, self.dev_addr = config_file, dev_addr
        self.url = f"http://{dev_addr}/"
        self.site_dir = Path(tempfile.mkdtemp(prefix="bantin-xem-truoc-"))
        self.parsed = ParsedFiles()
        self.plugin = None
        self.snapshot: Snapshot | None = None
        self._search = _Background()

    def start(self) -> bool:
        """The first full build; False when it failed (the messages are printed)."""
        return self._full()

    def update(self) -> str:
        """Bring the preview up to date with the files: "none", "edit" (only what changed was
        redone), "full" (built again) or "error" (messages printed, last good site kept)."""
        added, removed, modified = self.snapshot.changes() if self.snapshot else (set(), set(), set())
        if not (added or removed or modified):
            return "none"
        started = time.perf_counter()
        if self.plugin is None or added or removed or not self._only_markdown(modified):
            return "full" if self._full() else "error"
        docs = Path(self.plugin.mkdocs_config.docs_dir)
        self.parsed.expect({os.path.relpath(path, docs).replace(os.sep, "/") for path in modified})
        try:
            self._search.wait()  # it reads the plugin's pages: never while they change
            done = refresh(self.plugin)
        except ContentErrors as exc:
            print(exc.report(), file=sys.stderr)
            return "error"
        finally:
            self.parsed.forget_unused()
        if done is None:
            return "full" if self._full() else "error"
        print(
            f"Đã cập nhật {len(done.pages)} trang sau khi sửa {len(done.sources)} bài "
            f"({time.perf_counter() - started:.1f} giây).",
            flush=True,
        )
        if done.sources:
            self._search.run(self._index)
        return "edit"

    def wait_search(self) -> None:
        """Wait until the background search index is written."""
        self._search.wait()

    def close(self) -> None:
        """Stop the background work and remove the preview's folder."""
        self._search.wait()
        shutil.rmtree(self.site_dir, ignore_errors=True)

    def _only_markdown(self, modified: set[str]) -> bool:
        docs = Path(self.plugin.mkdocs_config.docs_dir).resolve()
        for path in map(Path, modified):
            try:
                relative = path.resolve().relative_to(docs).as_posix()
            except ValueError:  # mkdocs.yml
                return False
            if path.suffix != ".md" or relative.startswith("_data/"):
                return False
        return True

    def _full(self) -> bool:
        self._search.wait()
        started = time.perf_counter()
        try:
            config = site_build.load(self.config_file, site_dir=str(self.site_dir))
            config.site_url = self.url
            config.plugins.on_startup(command="serve", dirty=False)
            plugin = site_build.plugin_of(config)
            self.snapshot = Snapshot(self._watched(config))
            self.snapshot.stats = self.snapshot.take()
            site_build.build(config, serve_url=self.url, state=BuildState(parse_memo=self.parsed))
        except ContentErrors as exc:
            print(exc.report(), file=sys.stderr)
            return False
        except site_build.UsageError as exc:
            print(f"bantin: {exc}", file=sys.stderr)
            return False
        finally:
            self.parsed.forget_unused()
        _move_pages(plugin.files, config, self.site_dir)
        self.plugin = plugin
        print(f"Đã dựng bản xem trước ({time.perf_counter() - started:.1f} giây).", flush=True)
        return True

    def watched(self) -> list[Path]:
        """The folders and files the preview follows: the content and mkdocs.yml."""
        return self.snapshot.roots if self.snapshot else []

    def _watched(self, config) -> list[Path]:
        # mkdocs.yml and the files it inherits (INHERIT:): an edit of a shared base.yml is seen too
        return [Path(config.docs_dir), *config_files.files(config.config_file_path)]

    def _index(self) -> None:
        plugin = self.plugin
        config = plugin.mkdocs_config
        try:
            count = site_files.write_search_index(
                self.site_dir,
                plugin.site.library,
                dict(plugin.rendered),
                plugin.config.search_recent,
                site_files.cache_root(config) / "search",
            )
        except SearchIndexError as exc:
            print(f"bantin: {exc}", file=sys.stderr)
            return
        print(f"Đã cập nhật chỉ mục tìm kiếm ({count} trang).", flush=True)


def _move_pages(files, config, site_dir: Path) -> None:
    """Point the build's ``files`` and its ``config`` (the preview's own, which the plugin
    keeps) at the preview folder (they were built into a staging folder, then renamed): a
    refresh writes where the server reads."""
    for file in files:
        engine.set_site_dir(file, str(site_dir))
    config.site_dir = str(site_dir)


class _Background:
    """One background job at a time (the search index); a new one waits for the last."""

    def __init__(self):
        self._thread: threading.Thread | None = None

    def run(self, job) -> None:
        self.wait()
        self._thread = threading.Thread(target=job, name="bantin-search", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def serve(config_file: str, dev_addr: str) -> int:
    """Run the preview until Ctrl+C or SIGTERM; returns the exit code (1: the first build failed)."""
    preview = Preview(config_file, dev_addr)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if not preview.start():
            return 1
        host, port = dev_addr.rsplit(":", 1)
        server = engine.live_reload_server(
            builder=preview.update, host=host, port=int(port), root=str(preview.site_dir), mount_path="/"
        )
        server.error_handler = lambda code: _error_page(preview.site_dir, code)
        _watch(server, preview.watched())
        try:
            server.serve()
        except KeyboardInterrupt:
            print("Dừng xem trước.", flush=True)
        finally:
            server.shutdown()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        preview.close()


def _watch(server, paths: list[Path]) -> None:
    """Follow ``paths`` with inotify where the system allows it (MkDocs' polling observer
    walks the whole content folder every 0.5 s: 12,000 files at 10,000 articles, and an edit
    is seen up to 0.5 s late), else with MkDocs' polling."""
    import watchdog.observers.polling

    from builder.mkdocs_plugin.engine import use_observer  # the server's internals: the engine seam

    try:
        from watchdog.observers.inotify import InotifyObserver

        if use_observer(server, InotifyObserver()):
            for path in paths:
                server.watch(str(path))
            return
    except (ImportError, OSError):  # no inotify, or too few inotify watches left
        pass
    use_observer(server, watchdog.observers.polling.PollingObserver(timeout=0.5))
    for path in paths:
        server.watch(str(path))


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
