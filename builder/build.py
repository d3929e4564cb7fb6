"""Building the site atomically: check everything, build into a temporary folder, swap.

A broken article must never leave a half-written ``site/`` (Pelican's guarded writes and
MkDocs' "gather everything, then write" order): the content is validated first, MkDocs builds
into ``.site-<random>/`` beside the target, and only a complete build replaces ``site/``
(old one moved aside, new one renamed in, old one removed: in the background, from the build
cache's trash folder, :mod:`builder.trash`).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.content.images import missing_pictures
from builder import atomic, concurrency, config_messages, freshness, settings, trash
from builder.build_cache import BuildCache
from builder.content.library import Library
from builder.content.reader import ParseMemo, read_tree, shown_path
from builder.errors import ErrorList
from builder.mkdocs_plugin import site_files
from builder.mkdocs_plugin.config import BantinConfig
from builder.mkdocs_plugin.engine import Abort, ConfigurationError, PluginError, build_site, load_config
from builder.mkdocs_plugin.plugin import TEMPLATES, BantinPlugin
from builder.mkdocs_plugin.state import BuildState
from builder.outputs import images
from builder.parse_memo import CachedParses
from builder.timings import STOPWATCH


UsageError = settings.UsageError
"""The command or the configuration is wrong (exit code 2), not the content (defined in
:mod:`builder.settings`, which raises it without MkDocs)."""


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: the site folder, the count of pages and feeds, and the plugin's
    summary lines (cards drawn and reused ...); ``unchanged``: nothing changed since the last
    build, which left ``site_dir`` as it is (:mod:`builder.freshness`)."""

    site_dir: Path
    pages: int
    feeds: int
    summary: tuple[str, ...] = ()
    unchanged: bool = False


def load(config_file: str = "mkdocs.yml", **overrides):
    """Load and validate the MkDocs configuration.

    Raises:
        UsageError: the file is missing or invalid (message in Vietnamese), or an ``INHERIT:``
            cannot be followed (checked first, with the words of :func:`builder.settings.load`:
            MkDocs says a missing parent in English and fails on a cycle with a Python error).
    """
    if not Path(config_file).is_file():
        raise UsageError(f"Không tìm thấy tệp cấu hình {config_file}. Chạy lệnh trong thư mục gốc của dự án.")
    said = config_messages.inherit_problems(Path(config_file))
    if said:
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said))
    records = _Collector()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(records)
    logger.propagate = False  # MkDocs logs each problem and then aborts: say it once, in Vietnamese
    try:
        config = load_config(config_file, **overrides)
    except (ConfigurationError, Abort) as exc:
        said = [config_messages.explain(message, Path(config_file)) for message in records.messages] or [
            config_messages.explain_unread(str(exc), Path(config_file))
        ]
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said)) from None
    except ValueError as exc:  # PyYAML makes a date of "2026-13-01" and fails, naming no line
        said = [config_messages.explain_bad_date(str(exc), Path(config_file))]
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said)) from None
    finally:
        logger.removeHandler(records)
        logger.propagate = True
    if records.warnings:
        # MkDocs only warns about unknown keys: a typo ("site_urll", "organisaton") would be lost.
        said = [config_messages.explain(message, Path(config_file)) for message in records.warnings]
        raise UsageError(config_messages.report(config_file, config_messages.UNKNOWN_KEYS, said))
    said = _silently_accepted(config, Path(config_file))
    if said:
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said))
    return config


def _silently_accepted(config, config_file: Path) -> list[str]:
    """What MkDocs accepts without a word but the editor did not mean (builder.config_messages):
    a key written twice, a key under ``theme:`` the theme does not read, a theme value it cannot
    render with, a character no page can hold, an empty option."""
    written = config_messages.written(config_file)
    defaults = {name: option.default for name, option in BantinConfig._schema}
    return (
        config_messages.duplicate_keys(config_file)
        + config_messages.unwritable_values(config_file)
        + config_messages.unknown_theme_keys(
            written.get("theme"), config_messages.theme_keys(config.theme.dirs), config_file
        )
        + config_messages.theme_values(written.get("theme"), config.theme.dirs, set(TEMPLATES.values()), config_file)
        + config_messages.empty_options(written.get("plugins"), defaults, config_file)
    )


def require_site_url(config) -> None:
    """Feeds, the sitemap and shared links need the published address.

    Raises:
        UsageError: ``site_url`` is missing from mkdocs.yml.
    """
    if not config.site_url:
        raise UsageError(
            "mkdocs.yml chưa có 'site_url' (địa chỉ trang web khi xuất bản, ví dụ "
            "https://hoiphunu-quangtri.github.io/bantin/): nguồn tin RSS và sơ đồ trang cần địa chỉ này."
        )


class _Collector(logging.Handler):
    """Keeps the errors and warnings MkDocs logs while it validates the configuration."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.ERROR:
            self.warnings.append(record.getMessage())
            return
        self.messages.append(record.getMessage())


def plugin_of(config) -> BantinPlugin:
    """The bantin plugin instance of ``config``.

    Raises:
        UsageError: mkdocs.yml does not list the plugin.
    """
    for plugin in config.plugins.values():
        if isinstance(plugin, BantinPlugin):
            return plugin
    raise UsageError("mkdocs.yml chưa khai báo plugin 'bantin' (mục plugins).")


def read(config, memo: ParseMemo | None = None) -> tuple[Library, ErrorList]:
    """Read and validate all content of ``config`` without writing anything.

    Args:
        memo: parse results of earlier reads (:class:`~builder.content.reader.ParseMemo`).

    Returns:
        ``(library, errors)`` as :func:`builder.content.reader.read_tree` gives them, the
        library's ``now`` being the build's moment (``BANTIN_NOW`` or the clock).
    """
    options = plugin_of(config).config
    return read_tree(Path(config.docs_dir), settings.defaults(options), settings.now(options), memo=memo)


def check(config) -> ErrorList:
    """Validate all content of ``config`` without writing anything, and that every picture of
    a bulletin issue exists (its print edition cannot go to the printer without it)."""
    return _checked(config, BuildState())[1]


def _checked(config, state: BuildState) -> tuple[Library, ErrorList]:
    if state.parse_memo is not None:  # a preview keeps parsed files in memory (builder.preview)
        library, errors = read(config, state.parse_memo)
    else:  # files unchanged since an earlier build or check are not parsed again (builder.parse_memo)
        cache = BuildCache(site_files.cache_root(config) / "build.sqlite")
        try:
            memo = CachedParses(cache)
            library, errors = read(config, memo)
            state.new_texts = memo.misses
            cache.save()
        finally:
            cache.close()
    errors.extend(missing_pictures(library, Path(config.docs_dir), shown_path(config.docs_dir)))
    return library, errors


@concurrency.decided_once  # every pool of this build follows one decision (builder/concurrency.py)
def build(config, serve_url: str | None = None, last_act: bool = False, state: BuildState | None = None) -> BuildResult:
    """Build the site into ``config.site_dir`` atomically.

    With ``serve_url`` (the preview's address, :mod:`builder.preview`) drafts and scheduled
    entries are built too, as MkDocs' ``serve`` does, and the build is never skipped as
    unchanged (the preview keeps what the build gathers). Ctrl+C and SIGTERM are ignored
    while ``site_dir`` is replaced and the stamp saved, and with ``last_act`` (``bantin
    build``, which then only prints its summary) for the rest of the process: an interrupt
    must not report "stopped, site/ unchanged" for a site already published. ``state``: what
    the caller has ready for the plugin (the preview's parsed files), filled in here and handed
    to the plugin (:class:`~builder.mkdocs_plugin.state.BuildState`).

    Raises:
        ContentErrors: the content has problems; ``site_dir`` is untouched.
        UsageError: the configuration is unusable.
    """
    require_site_url(config)
    STOPWATCH.start()
    target = Path(config.site_dir)
    plugin, stamp_file = plugin_of(config), freshness.stamp_file(site_files.cache_root(config), target)
    state = state if state is not None else BuildState()
    plugin.begin(state)
    now = settings.now(plugin.config)
    inputs = freshness.Inputs(
        Path(config.docs_dir),
        Path(config.config_file_path),
        Path(config.theme.custom_dir) if config.theme.custom_dir else None,
    )
    # What builds killed outright left, removed even when nothing changed (the build stops below).
    atomic.remove_stale(target.parent, STAGING_PREFIX)
    last = freshness.fresh(stamp_file, inputs, now, target) if serve_url is None else None
    if last is not None:
        trash.empty_later(site_files.cache_root(config) / "trash")  # what a killed deletion left
        STOPWATCH.mark("read and validate")
        STOPWATCH.report()
        return BuildResult(target, last["pages"], last["feeds"], unchanged=True)
    inputs.digest()  # of the files as they are before the build reads them (an edit meanwhile builds again)
    with images.processing_ahead(Path(config.docs_dir), site_files.cache_root(config)) as state.pictures_processing:
        library, errors = _checked(config, state)
        STOPWATCH.mark("read and validate")
        errors.raise_if_any()
        state.preloaded = library  # read once: the plugin's on_config takes it
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic.staging_folder(target.parent, STAGING_PREFIX) as staging:
            result = _build_into(config, serve_url, staging, target, last_act, stamp_file, inputs, now, library)
    STOPWATCH.report()
    return BuildResult(target, *result, summary=tuple(plugin_of(config).summary))


STAGING_PREFIX = ".site-"
"""Name of the folders a build writes the site into before renaming it to ``site/`` (and of
the old site moved aside): a leftover of a killed build is removed by the next build."""


def _build_into(
    config, serve_url, staging: Path, target: Path, last_act: bool, stamp_file: Path, inputs, now, library: Library
) -> tuple[int, int]:
    """MkDocs' build into ``staging``, then the swap into ``target``; ``(pages, feeds)``."""
    try:
        config.site_dir = str(staging)
        build_site(config, serve_url=serve_url)
        result = _count(staging)
        with _uninterrupted(restore=not last_act):
            _swap(staging, target, site_files.cache_root(config) / "trash")
            if serve_url is None:
                freshness.save(stamp_file, inputs, now, _next_change(library), target, *result)
        STOPWATCH.mark("writing")
    except PluginError as exc:
        raise UsageError(str(exc)) from None
    except Abort:  # MkDocs logged the cause (a plugin error, or warnings under `strict: true`) and stopped
        raise UsageError(
            "Dừng dựng trang vì lỗi hoặc cảnh báo nêu trên. Chưa xuất bản gì: thư mục site/ giữ nguyên."
        ) from None
    finally:
        config.site_dir = str(target)
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _next_change(library: Library):
    """The date of the next scheduled entry (the site changes then), or None."""
    return min(
        (e.date for e in library.entries.values() if not e.draft and e.date and e.date > library.now), default=None
    )


def _count(site: Path) -> tuple[int, int]:
    """``(pages, feeds)``: the ``index.html`` and the ``rss.xml``/``atom.xml`` files under
    ``site``, in one walk (two ``rglob`` walks of 15,500 pages took 2 s)."""
    pages = feeds = 0
    for _, _, names in os.walk(site):
        for name in names:
            pages += name == "index.html"
            feeds += name in ("rss.xml", "atom.xml")
    return pages, feeds


@contextmanager
def _uninterrupted(restore: bool = True):
    """Ctrl+C and SIGTERM ignored inside (main thread only), and after it unless ``restore``:
    once site/ is being replaced, the build ends as a success. Interrupted there, it left the
    old site in .site-old-*, site/ missing between the two renames, or the new site with exit
    code 130 and the message that site/ was left as it was."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handlers = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in handlers.items() if restore else ():
            signal.signal(number, handler)


def _swap(staging: Path, target: Path, trash_dir: Path) -> None:
    """Put ``staging`` in place of ``target``. The old site goes to ``trash_dir`` (same file
    system: a rename) and is deleted by a detached process after the command returns
    (:mod:`builder.trash`); where that rename fails, it is moved aside and deleted here."""
    old = aside = None
    if target.exists():
        old = trash.move_in(target, trash_dir)
        if old is None:
            with atomic.staging_folder(target.parent, STAGING_PREFIX + "old-") as aside:
                os.replace(target, aside / "site")
    os.replace(staging, target)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    trash.empty_later(trash_dir)  # also what a killed deletion left


def quiet_mkdocs(verbose: bool = False) -> None:
    """Show MkDocs' own warnings, but not its INFO chatter, unless ``verbose``."""
    logging.getLogger("mkdocs").setLevel(logging.DEBUG if verbose else logging.WARNING)
