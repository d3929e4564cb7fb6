"""The one seam between bantin and the internals of its engine, MkDocs 1.6 or ProperDocs 1.6.

MkDocs 1.6.1 (August 2024) is the last MkDocs 1.x; ProperDocs (PyPI ``properdocs``, BSD) is a
drop-in continuation of it by a former maintainer. Both have the same public plugin API and the
same internals. Whatever bantin uses beyond the public plugin API is here and nowhere else,
each use with a guard checked once per process against the installed engine (a signature or
the names a function uses), and a fallback that keeps the site correct when the guard fails:

=============================================  ======================================  ==========================================
Internal used                                  Guard                                   Fallback when the guard fails
=============================================  ======================================  ==========================================
``commands.build._build_page`` replaced         its parameter names                     MkDocs writes every page itself (the page
process-wide (:func:`wrap_build_page`, for                                             cache's stored output through its
:mod:`~builder.mkdocs_plugin.stored_pages`)                                            template: a little slower, same bytes)
``_populate_page``, ``_build_page``,            their parameter names                   :func:`partial_rebuild` is None: the
``_build_theme_template`` called                                                        preview rebuilds the whole site on an edit
(:mod:`~builder.mkdocs_plugin.preview`)
``get_context`` and ``config._current_page``    ``get_context``'s parameter names and   pages are not rendered ahead in workers:
while rendering a page in a worker              ``_build_page`` setting                 MkDocs renders them one by one
(:func:`render_page`)                           ``_current_page``
``Page.render``'s results read and replayed     the attributes ``Page.render`` sets     no Markdown cache: MkDocs converts every
(``content``, ``toc``, ``_title_from_render``,                                          page on every build
``present_anchor_ids``, ``links_to_anchors``:
:func:`conversion_record`, :func:`replay`)
``LiveReloadServer.observer`` replaced and its  the server has those attributes         MkDocs' own polling watcher
``_watched_paths``/``_watch_refs`` reset
(:func:`use_observer`)
=============================================  ======================================  ==========================================

One more, read only: ``config.plugins.events`` (every plugin's listeners of an event, an
attribute MkDocs does not document), through :func:`listeners`; when it is not the dict MkDocs
1.6 keeps, no page is stored (MkDocs writes every page, the same bytes).

A failed guard is said once, in one information line (not a warning: ``strict: true`` would
fail a build that is still right; ``bantin build --verbose`` shows it) (English for the developer, Vietnamese for the
editor who sees it), and the build goes on. Public API is used where MkDocs 1.6 allows it: a
file is moved to its entry's URL by assigning its ``dest_uri``, ``url`` and ``abs_dest_path``
(:func:`set_destination`, as Material's blog plugin does), never by popping cached values.

The engine is chosen by :func:`select_engine`, called from ``builder/__init__.py`` before any
``mkdocs`` import: ``BANTIN_ENGINE=properdocs`` imports ``properdocs.replacement``, which makes
every later ``import mkdocs.…`` (ours, Material's) load the ``properdocs.…`` module instead;
unset or ``mkdocs``, MkDocs itself. ``make engine-compare`` builds one site with both and
compares them byte for byte (README, "Động cơ dựng trang").

The module is also the adapter's public facade to the engine's public entry points, for the
layers above it (``pyproject.toml``, ``[tool.importlinter]``: "MkDocs only through the
adapter"): :func:`load_config`, :func:`build_site`, :func:`live_reload_server` and MkDocs'
exceptions ``Abort``, ``ConfigurationError``, ``PluginError`` (loaded on first use, so that
importing this module, which ``builder/__init__.py`` does, imports no MkDocs).

Two other uses of MkDocs' English text stay where they are, since their fallback is already
safe: :mod:`builder.config_messages` (a configuration error it cannot match is told by a
generic Vietnamese message) and :mod:`builder.mkdocs_plugin.link_warnings` (a link warning it
cannot match passes in English).
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import posixpath
import sys
from collections.abc import Callable
from urllib.parse import quote

log = logging.getLogger("mkdocs.plugins.bantin")

ENGINE_VARIABLE = "BANTIN_ENGINE"
"""The environment variable naming the engine: ``mkdocs`` (the default) or ``properdocs``."""
ENGINES = ("mkdocs", "properdocs")

BUILD_PAGE_PARAMETERS = ("page", "config", "doc_files", "nav", "env", "dirty", "excluded")
"""``mkdocs.commands.build._build_page``'s parameters in MkDocs 1.6.1 and ProperDocs 1.6.7."""
POPULATE_PAGE_PARAMETERS = ("page", "config", "files", "dirty")
THEME_TEMPLATE_PARAMETERS = ("template_name", "env", "files", "config", "nav")
CONTEXT_PARAMETERS = ("nav", "files", "config", "page", "base_url")
RENDER_SETS = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")
"""The page attributes ``Page.render`` sets (mkdocs/structure/pages.py): the whole result of
a conversion, which :func:`conversion_record` keeps and :func:`replay` puts back."""


class EngineChoiceError(RuntimeError):
    """``BANTIN_ENGINE`` names no installed engine, or it came too late (its message is Vietnamese)."""


def select_engine() -> str:
    """Make ``BANTIN_ENGINE`` the engine of this process; returns its name.

    Must run before anything imports ``mkdocs`` (``builder/__init__.py`` calls it).

    Raises:
        EngineChoiceError: an unknown name, ProperDocs not installed, or MkDocs imported already.
    """
    name = (os.environ.get(ENGINE_VARIABLE) or "mkdocs").strip().lower()
    if name not in ENGINES:
        raise EngineChoiceError(
            f"{ENGINE_VARIABLE}={name}: không có động cơ này. Cách sửa: đặt "
            f"{ENGINE_VARIABLE}=mkdocs hoặc {ENGINE_VARIABLE}=properdocs, hoặc bỏ biến này."
        )
    if name == "properdocs" and "properdocs.replacement" not in sys.modules:
        if "mkdocs" in sys.modules and getattr(sys.modules["mkdocs"], "__name__", "") == "mkdocs":
            raise EngineChoiceError(
                f"{ENGINE_VARIABLE}=properdocs: MkDocs đã được nạp trước khi chọn động cơ "
                "(lỗi của mã, không phải của nội dung). Cách sửa: báo người bảo trì."
            )
        try:
            import properdocs.replacement  # noqa: F401  (redirects every later mkdocs.* import)
        except ImportError:
            raise EngineChoiceError(
                f"{ENGINE_VARIABLE}=properdocs nhưng ProperDocs chưa được cài. Cách sửa: "
                "'.venv/bin/pip install properdocs' (hoặc 'make engine-compare'), "
                f"hoặc bỏ biến {ENGINE_VARIABLE}."
            ) from None
    return name


def engine_name() -> str:
    """``"properdocs"`` or ``"mkdocs"``: the engine actually loaded in this process."""
    import mkdocs

    return "properdocs" if mkdocs.__name__ == "properdocs" else "mkdocs"


def _parameters(function) -> tuple[str, ...]:
    return tuple(inspect.signature(function).parameters)


@functools.cache
def _guard(use: str) -> bool:
    """Check once whether the internal ``use`` is as bantin expects; say so when it is not."""
    from mkdocs.commands import build
    from mkdocs.structure.pages import Page

    checks: dict[str, Callable[[], bool]] = {
        "stored pages": lambda: _parameters(build._build_page) == BUILD_PAGE_PARAMETERS,
        "partial rebuild": lambda: (
            _parameters(build._build_page) == BUILD_PAGE_PARAMETERS
            and _parameters(build._populate_page) == POPULATE_PAGE_PARAMETERS
            and _parameters(build._build_theme_template) == THEME_TEMPLATE_PARAMETERS
        ),
        "pages rendered ahead": lambda: (
            _parameters(build.get_context) == CONTEXT_PARAMETERS
            and "_current_page" in _engine_build_page().__code__.co_names
        ),
        "Markdown cache": lambda: set(RENDER_SETS) <= set(Page.render.__code__.co_names),
    }
    try:
        good = checks[use]()  # _engine_build_page: the engine's function, not our wrapper of it
    except (AttributeError, TypeError, ValueError):  # the function is gone or not a Python function
        good = False
    if not good:  # info, not a warning: `strict: true` must not fail a build that is still right
        log.info(
            "bantin: phiên bản %s này khác với bản bantin được viết cho (1.6), nên bỏ qua '%s' "
            "(trang web vẫn đúng, chỉ chậm hơn). Engine internals changed: %s disabled.",
            engine_name(),
            use,
            use,
        )
    return good


def stored_pages_supported() -> bool:
    """True when ``_build_page`` can be wrapped (:func:`wrap_build_page`)."""
    return _guard("stored pages")


def partial_rebuild_supported() -> bool:
    """True when the preview may redo single pages with the engine's page functions."""
    return _guard("partial rebuild")


def render_ahead_supported() -> bool:
    """True when :func:`render_page` may render pages outside the engine's loop."""
    return _guard("pages rendered ahead")


def markdown_cache_supported() -> bool:
    """True when a conversion's result can be recorded and replayed (:func:`conversion_record`)."""
    return _guard("Markdown cache")


_WRAPPED: dict[str, Callable] = {}
"""``original``: the engine's ``_build_page`` once :func:`wrap_build_page` replaced it;
``write``: the current build's writer of stored pages."""


def _engine_build_page() -> Callable:
    """The engine's own ``_build_page`` (the function it has, or had before our wrapper)."""
    from mkdocs.commands import build

    return _WRAPPED.get("original", build._build_page)


def wrap_build_page(write: Callable[[object], bool]) -> bool:
    """Put a wrapper in place of ``mkdocs.commands.build._build_page`` (once per process, kept):
    it first calls ``write(page)`` for every page that is neither dirty nor excluded, and lets the
    engine build the page only when that returns False.

    Returns:
        False (nothing replaced) when the guard fails: the engine then builds every page.
    """
    if not stored_pages_supported():
        return False
    from mkdocs.commands import build

    if "original" not in _WRAPPED:
        original = _WRAPPED["original"] = build._build_page

        def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            if not excluded and not dirty and _WRAPPED["write"](page):
                return None
            return original(page, config, doc_files, nav, env, dirty, excluded)

        build._build_page = _build_page
    _WRAPPED["write"] = write
    return True


def listeners(config, event: str) -> list[Callable] | None:
    """The methods the engine calls for ``event`` (``"page_context"``), every plugin's, in
    order: ``config.plugins.events[event]``, the plugin collection's table (an attribute
    without an underscore, but not documented as API); None when the engine keeps no such
    table (then nobody can say who listens). Used by :mod:`~builder.mkdocs_plugin.stored_pages`
    to see that no other plugin handles what it skips."""
    table = getattr(config.plugins, "events", None)
    return list(table[event]) if isinstance(table, dict) and event in table else None


def write_file(output: bytes, file) -> None:
    """Write a page's final ``output`` where the engine would (``file.abs_dest_path``)."""
    from mkdocs import utils

    utils.write_file(output, file.abs_dest_path)


class PartialRebuild:
    """The engine's page functions, for the preview's partial rebuild
    (:mod:`~builder.mkdocs_plugin.preview`); get one from :func:`partial_rebuild`."""

    def __init__(self):
        from mkdocs.commands import build

        self._build = build

    def populate_page(self, page, config, files) -> None:
        """Read and convert ``page`` as the engine's build does (plugins' hooks included)."""
        self._build._populate_page(page, config, files)

    def build_page(self, page, config, doc_files, nav, env, excluded: bool) -> None:
        """Render and write ``page`` as the engine's build does."""
        self._build._build_page(page, config, doc_files, nav, env, excluded=excluded)

    def build_theme_template(self, name: str, env, files, config, nav) -> None:
        """Render and write the theme template ``name`` (``sitemap.xml``)."""
        self._build._build_theme_template(name, env, files, config, nav)


def partial_rebuild() -> PartialRebuild | None:
    """The engine's page functions, or None when their guard fails (then a full build)."""
    return PartialRebuild() if partial_rebuild_supported() else None


def render_page(page, nav, doc_files, config, env, context_hook: Callable, template_name: str) -> str:
    """``page`` rendered with ``template_name`` as the engine's ``_build_page`` renders it (the
    current page set, ``context_hook(context)`` run), before the post-page hook. Call only when
    :func:`render_ahead_supported`."""
    from mkdocs.commands.build import get_context

    config._current_page, page.active = page, True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(template_name)
        return template.render(context_hook(context))
    finally:
        config._current_page, page.active = None, False


def conversion_record(page) -> tuple:
    """What ``Page.render`` made of ``page``, as plain values (picklable). Call only when
    :func:`markdown_cache_supported`."""
    links = {file.src_uri: dict(anchors) for file, anchors in (page.links_to_anchors or {}).items()}
    return (page.content, page.toc, page._title_from_render, sorted(page.present_anchor_ids or ()), links)


def replay(page, record: tuple, files) -> None:
    """Give ``page`` what :func:`conversion_record` kept, as if ``Page.render`` had run."""
    content, toc, title, anchors, links = record
    page.content, page.toc, page._title_from_render = content, toc, title
    page.present_anchor_ids = set(anchors)
    page.links_to_anchors = {
        files.get_file_from_path(src): anchors
        for src, anchors in links.items()
        if files.get_file_from_path(src) is not None
    }


def set_destination(file, dest_uri: str) -> None:
    """Write ``file`` to ``dest_uri`` (relative to the site folder) and give it the URL MkDocs
    would give that destination. Public API: assigning the three values, as Material's blog
    plugin does, never popping cached ones (MkDocs 1.6, ``File.dest_uri`` and ``File.url`` are
    cached properties that assignment overrides; ``url`` as ``File._get_url`` derives it)."""
    file.dest_uri = dest_uri
    directory, name = posixpath.split(dest_uri)
    url = (directory or ".") + "/" if file.use_directory_urls and name == "index.html" else dest_uri
    file.url = quote(url)
    file.abs_dest_path = os.path.normpath(os.path.join(file.dest_dir, dest_uri))


def set_site_dir(file, site_dir: str) -> None:
    """Write ``file`` into ``site_dir`` (the preview's folder, after a build into a staging
    folder). Public API, as :func:`set_destination`: ``dest_dir`` assigned, and
    ``abs_dest_path`` (a cached property in MkDocs 1.6, ``os.path.join(dest_dir, dest_uri)``)
    assigned rather than popped from the instance's ``__dict__``."""
    file.dest_dir = site_dir
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_uri))


def use_observer(server, observer) -> bool:
    """Make the live-reload ``server`` watch with ``observer`` (called before any ``watch``).

    Returns:
        False (MkDocs' own watcher kept) when the server does not keep its watches in the
        attributes MkDocs 1.6 has.
    """
    if not all(hasattr(server, name) for name in ("observer", "_watched_paths", "_watch_refs")):
        log.info(
            "bantin: máy chủ xem trước của %s khác bản 1.6: dùng cách theo dõi tệp mặc định "
            "(live-reload server internals changed: its own watcher kept).",
            engine_name(),
        )
        return False
    server.observer = observer
    server._watched_paths, server._watch_refs = {}, {}
    return True


# --- The facade: the engine's public entry points for builder.build and builder.preview -----

_EXCEPTIONS = ("Abort", "ConfigurationError", "PluginError")


def __getattr__(name: str):
    """MkDocs' exceptions (``engine.Abort`` …), imported on first use (PEP 562): this module is
    imported before the engine is chosen and by ``bantin check``, which must not load MkDocs."""
    if name in _EXCEPTIONS:
        from mkdocs import exceptions

        return getattr(exceptions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_config(*args, **options):
    """``mkdocs.config.load_config(*args, **options)``: the site's whole configuration."""
    from mkdocs.config import load_config as load

    return load(*args, **options)


def build_site(*args, **options):
    """``mkdocs.commands.build.build(*args, **options)``: the engine's build of the site."""
    from mkdocs.commands.build import build

    return build(*args, **options)


def live_reload_server(**options):
    """MkDocs' live-reload server (``mkdocs.livereload.LiveReloadServer(**options)``), imported
    only when the preview starts it."""
    from mkdocs.livereload import LiveReloadServer

    return LiveReloadServer(**options)
