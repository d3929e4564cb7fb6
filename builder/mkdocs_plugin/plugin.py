"""The ``bantin`` MkDocs plugin: each hook hands its work to the plugin's steps, named after
the build's stages, and the steps hand it to the model or an output.

Order of a build (mkdocs/commands/build.py; :data:`builder.pipeline.STEPS` lists every hook's
steps in the order a build calls them, ARCHITECTURE.md §2–3 has the whole pipeline):
``on_config`` → :meth:`~BantinPlugin.take_content` (the content :mod:`builder.build` has read
and checked; under plain ``mkdocs build`` it is read and checked here: every problem at once,
before anything is written); ``on_files`` → ``place_entries`` (URLs, drafts, listing pages),
``publish_pictures``, ``open_caches``; ``on_nav`` → ``convert_ahead`` (Markdown in worker
processes); ``on_page_*`` attach each page to its entry; ``on_env`` → ``finish_markdown``,
``make_editions`` (PDFs), ``render_ahead`` (pages in worker processes), ``start_search``,
``store_pages``; ``on_post_build`` → ``end_writing``, ``write_outputs`` (feeds, fonts,
robots.txt, the editor), ``write_cards``, ``finish_search``, ``commit``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from builder.content.images import (
    content_path,
    files_of_unpublished,
    front_matter_path,
    picture_mentions,
    rewrite_raw_html,
)
from builder.content.listings import Listing, listings
from builder.content.model import OfficialDocument
from builder.content.numbering import literal_markdown
from builder.content.occasions import DATA_DIR
from builder.content.reader import read_tree, shown_path
from builder.content.slugs import heading_anchor
from builder.content.text import normalise
from builder import build_cache, config_files, config_messages, settings
from builder.build_cache import BuildCache
from builder.errors import ContentErrors
from builder.mkdocs_plugin import (
    albums,
    autoescape,
    context,
    docs_files,
    engine,
    link_warnings,
    pictures,
    printing,
    safe_body,
    sharing,
    site_files,
    stored_pages,
    theme_assets,
    theme_html,
    videos,
    workers,
)
from builder.mkdocs_plugin.config import BantinConfig
from builder.mkdocs_plugin.identity_config import identity_of
from builder.outputs import admin, emblem
from builder.mkdocs_plugin.edition_config import to_settings
from builder.mkdocs_plugin.front_matter import FrontMatterCache
from builder.mkdocs_plugin.markdown_cache import KIND as MARKDOWN
from builder.mkdocs_plugin.markdown_cache import MarkdownCache, stable_text
from builder.mkdocs_plugin.page_cache import PageCache, shown_entries
from builder.mkdocs_plugin.state import BuildState
from builder.outputs import cms_config
from builder.outputs.search import SearchIndexError
from builder.timings import STOPWATCH

log = logging.getLogger("mkdocs.plugins.bantin")

TEMPLATES = {
    "news": "bantin/article.html",
    "column": "bantin/article.html",
    "issue_article": "bantin/article.html",
    "album": "bantin/article.html",
    "issue": "bantin/issue.html",
    "document": "bantin/document.html",
    "download": "bantin/download.html",
}
"""The theme template of each content type (pages use Material's default)."""


class BantinPlugin(BasePlugin):
    """Builds the union's site from the content model (see the module docstring).

    Its options (``self.config``) are a :class:`BantinConfig`, validated by :meth:`load_config`
    with :mod:`builder.config_options` (no MkDocs: :mod:`builder.settings` validates them the
    same way). What the caller of a build has ready comes in one :class:`BuildState`
    (:meth:`begin`); the other attributes are the plugin's own, set by its hooks."""

    config: BantinConfig

    def __init__(self):
        self.serving = False
        self.site: context.SiteView | None = None
        self.generated: dict[str, Listing] = {}
        self.rendered: dict[str, str] = {}
        self.search = None  # the search indexes being made (site_files.start_search_index)
        self.files: Files | None = None
        self.pictures: dict[str, pictures.Published] = {}
        self.refused_pictures: dict[str, str] = {}  # pictures left out: path → reason (pictures.publish)
        self.sharing: sharing.Sharing | None = None
        self.summary: list[str] = []
        self.editions: dict = {}
        self.state = BuildState()  # what the caller of this build has ready (begin)
        self.cache: BuildCache | None = None
        self.markdown_cache: MarkdownCache | None = None
        self.front_matter: FrontMatterCache | None = None  # during a build only (not a preview's edit)
        self.page_cache: PageCache | None = None
        self.mkdocs_config = None
        self.env = None
        self.nav = None
        self._shares: dict[str, object] = {}  # page URL → share metadata made while planning
        self.site_state: list[str] = []  # the page cache's site-wide inputs (site_texts) of the last build

    def load_config(self, options, config_file_path=None):
        """Validate the options written under ``bantin`` in mkdocs.yml (MkDocs calls this);
        returns MkDocs' ``(errors, warnings)`` (:func:`builder.settings.validate`)."""
        self.config, errors, warnings = settings.validate(options, config_file_path)
        return errors, warnings

    def begin(self, state: BuildState) -> None:
        """Take what the caller of the next build has ready (:class:`BuildState`)."""
        self.state = state

    # The hooks, in the order the engine calls them. Each hands its work to the plugin's steps
    # named after the stages of builder/pipeline.py (pipeline.STEPS lists them in this order;
    # tests/test_pipeline.py checks a real build calls them so).

    def on_startup(self, *, command, dirty) -> None:
        """Before the first build of a command: note whether this is the preview, which shows
        drafts. The engine's command line calls it (``mkdocs build``, ``mkdocs serve``), and
        :mod:`builder.preview` before its builds; ``bantin build`` does not (it calls the
        engine's ``build()``, and the plugin starts as not serving). No stage (builder/pipeline.py)."""
        self.serving = command == "serve"

    def on_config(self, config):
        """Stage *read*: :meth:`take_content`."""
        self.take_content(config)
        return config

    @event_priority(-50)  # after other plugins added their files, so ours can be checked against them
    def on_files(self, files: Files, *, config) -> Files:
        """Stages *listings*, *pictures* and *Markdown* (its caches): :meth:`place_entries`,
        :meth:`publish_pictures`, :meth:`open_caches`."""
        self.place_entries(files, config)
        self.publish_pictures(files, config)
        self.open_caches(files, config)
        return files

    def on_nav(self, nav, *, config, files):
        """Stage *Markdown*: keep the navigation, then :meth:`convert_ahead`."""
        self.nav = nav
        self.convert_ahead(files, config)
        return nav

    def on_pre_page(self, page, *, config, files):
        """Stage *Markdown*, per page: :meth:`read_front_matter`."""
        self.read_front_matter(page)
        return page

    def on_page_read_source(self, *, page, config):
        """Stage *Markdown*, per page: :meth:`page_source`."""
        return self.page_source(page)

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Stage *Markdown*, per page: :meth:`prepare_markdown`."""
        return self.prepare_markdown(markdown, page, config, files)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Stage *Markdown*, per page: :meth:`keep_html`."""
        self.keep_html(html, page)
        return html

    def on_env(self, env, *, config, files):
        """Stages *Markdown* (finished), *PDFs*, *pages*, *search* (started) and *write*
        (stored pages on): every page's HTML is known and no template has run.
        :meth:`finish_markdown`, :meth:`make_editions`, :meth:`render_ahead`,
        :meth:`start_search`, :meth:`store_pages`."""
        self.finish_markdown(env, config)
        # Every page's HTML is known and no template has run: make the PDFs now, so that the
        # pages can link them with their size (MkDocs' build order, commands/build.py).
        self.make_editions(self.site.library, files, config)
        self.render_ahead(env, files, config)
        self.start_search(config)
        self.store_pages(config)
        return env

    def on_post_template(self, output_content: str, *, template_name, config) -> str:
        """Stage *write*: :meth:`tidy_template`."""
        return self.tidy_template(output_content, template_name)

    def on_page_context(self, ctx, *, page, config, nav):
        """Stage *write*, per page the engine renders: :meth:`page_context`."""
        return self.page_context(ctx, page)

    def on_post_page(self, output: str, *, page, config) -> str:
        """Stage *write*, per page the engine renders: :meth:`finish_page`."""
        return self.finish_page(output, page)

    def on_post_build(self, *, config) -> None:
        """Stages *write* (ended), *feeds*, *cards* and *search* (finished), then the build
        cache committed: :meth:`end_writing`, :meth:`write_outputs`, :meth:`write_cards`,
        :meth:`finish_search`, :meth:`commit`."""
        self.end_writing()
        self.write_outputs(config)
        self.write_cards(config)
        self.finish_search(config)
        self.commit()

    def on_build_error(self, *, error) -> None:
        """A failed build: stored pages off, the search index cancelled, this build's cache
        entries dropped (site/ is untouched: builder/build.py swaps only a finished build).
        :meth:`abandon`."""
        self.abandon()

    # Stage "read" (on_config).

    def take_content(self, config) -> None:
        """Set the Markdown options and the Vietnamese link warnings, take the library
        :mod:`builder.build` read and checked (or read and check it under plain ``mkdocs
        build``: every problem at once, as a ``PluginError``), and make the templates' view of
        it (:meth:`adopt`).

        Raises:
            PluginError: the clock setting is wrong, or the content has problems (plain
                ``mkdocs build`` only; ``bantin build`` reports them before the engine starts).
        """
        configure_markdown(config)
        link_warnings.install(Path(config.docs_dir))
        self.mkdocs_config = config
        library, self.state.preloaded = self.state.preloaded, None
        if library is None:  # `mkdocs build` / `serve`: bantin build reads and checks before MkDocs starts
            try:
                now = settings.now(self.config)
            except settings.UsageError as exc:
                raise PluginError(str(exc)) from None
            library, errors = read_tree(
                Path(config.docs_dir), settings.defaults(self.config), now, memo=self.state.parse_memo
            )
            if errors:
                raise PluginError(ContentErrors(errors.errors).report())
        self.editions, self.rendered = {}, {}
        self.adopt(library)
        self.print_settings = to_settings(self.config.editions)
        # Material's <link rel="icon"> names this file: the icon made from the union's emblem
        # (builder/outputs/emblem.py), never Material's own favicon (left out in on_files).
        config.theme["favicon"] = emblem.FAVICON
        STOPWATCH.mark("read and validate")

    def adopt(self, library, generated: dict[str, Listing] | None = None) -> None:
        """Make ``library`` the content templates see (a build's start, or a preview's edit,
        which also hands the ``generated`` listing pages of the new content)."""
        if generated is not None:
            self.generated = generated
        self.site = context.SiteView(
            library,
            organisation=self.config.organisation,
            bulletin_name=self.config.bulletin_name,
            calendar_window_days=self.config.calendar_window_days,
            search_recent=self.config.search_recent,
            feeds=site_files.feed_links(library),
            editions=self.editions,
            identity=identity_of(self.config),
            contact=self.config.contact,
            content_dir=Path(self.mkdocs_config.docs_dir),
            site_url=sharing.site_address(self.mkdocs_config),
            summary_length=self.config.sharing.facebook.summary_length,
            editor=admin.installed(),
        )
        self.sharing = sharing.Sharing(self.mkdocs_config, self.config.sharing, self.config.organisation, library)
        if self.files is not None:  # a preview's edit: the pictures of the last build
            self.sharing.use_pictures(self.pictures, self.refused_pictures)
        self._shares = {}
        if self.env is not None:
            self.env.globals["bantin"] = self.site

    # Stage "listings" (on_files).

    def place_entries(self, files: Files, config) -> None:
        """Keep every file inside ``content/`` and NFC-named, move entries to their URLs, leave
        unpublished ones out (drafts in the preview), add the listing pages, check ``nav``,
        leave out print assets and Material's unused files.

        Raises:
            PluginError: ``nav`` names a page that is not there (Vietnamese, at its line in
                mkdocs.yml).
        """
        library = self.site.library
        docs_files.prepare(files, config)  # first: nothing leading out of content/, names composed (NFC)
        for file in [f for f in files if f.src_uri.startswith(DATA_DIR)]:
            files.remove(file)  # data the model reads (the calendar): never a page or a download
        for file in files.documentation_pages():
            entry = library.entries.get(normalise(file.src_uri))
            if entry is not None:
                _move(file, entry.url)
                if not library.is_published(entry):
                    file.inclusion = InclusionLevel.DRAFT if self.serving else InclusionLevel.EXCLUDED
        self.generated = {}
        for listing in listings(library, self.config.page_size, self.config.home_size):
            self.generated[listing.source] = listing
            files.append(
                File.generated(config, listing.source, content=_stub(listing), inclusion=InclusionLevel.NOT_IN_NAV)
            )
        config_file = Path(config.config_file_path or "mkdocs.yml")
        problems = config_messages.nav_problems(
            config.nav, {f.src_uri for f in files.documentation_pages()}, config_file, shown_path(config.docs_dir)
        )
        if problems:  # MkDocs would make a link to nowhere of it, with a warning in English
            raise PluginError(
                config_messages.report(
                    config_file,
                    config_messages.INVALID,
                    [
                        config_messages.at_line(
                            p.file, config_messages.read_lines(p.file), p.line, f"{p.message} Cách sửa: {p.hint}"
                        )
                        for p in problems
                    ],
                )
            )
        printing.hide_print_assets(files, config)
        theme_assets.leave_out_unused(files, config)  # Material's JavaScript, maps and favicon

    # Stage "pictures" (started by builder.build before the content is read; on_files).

    def publish_pictures(self, files: Files, config) -> None:
        """Wait for the pictures processed ahead and publish them: processed copies replace the
        originals (no EXIF/GPS reaches the site), pictures of unpublished entries held back
        (a preview shows drafts), videos published without their shooting position."""
        library = self.site.library
        if self.state.pictures_processing is not None:
            self.state.pictures_processing.wait()
            self.state.pictures_processing = None
        held = set() if self.serving else files_of_unpublished(library)  # a preview shows drafts
        self.pictures, self.refused_pictures = pictures.publish(
            files, config, site_files.cache_root(config), held, picture_mentions(library)
        )
        link_warnings.refuse(self.refused_pictures)
        videos.publish_without_location(files, config, site_files.cache_root(config))
        self.sharing.use_pictures(self.pictures, self.refused_pictures)
        self.files = files

    # Stage "Markdown" (on_files, on_nav, per page, on_env).

    def open_caches(self, files: Files, config) -> None:
        """Open the build cache and the Markdown and front matter caches on it (closed by
        :meth:`commit` or :meth:`close_cache`)."""
        self.close_cache()
        self.cache = BuildCache(site_files.cache_root(config) / "build.sqlite")
        self.markdown_cache = MarkdownCache(self.cache, config, files)
        self.front_matter = FrontMatterCache(self.cache)
        STOPWATCH.mark("listings and pictures")

    def convert_ahead(self, files, config) -> None:
        """Convert the Markdown the cache lacks in worker processes, on every core; MkDocs then
        finds every page in the cache. The same steps as MkDocs' ``_populate_page``."""
        if not engine.markdown_cache_supported() or self._few_new_texts():
            return  # MkDocs' own loop converts the pages (none of them can be cached, or a few)
        doc_files, cache_file, state = list(self.doc_files(files)), self.cache.path, {}

        def start() -> None:  # in each worker: its own connection (none may cross a fork)
            state["has"] = build_cache.reader(cache_file)

        def convert(file):
            page = file.page or Page(None, file, config)
            self.front_matter.install(page)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            made = self.markdown_cache.convert_ahead(page, config, files, lambda key: state["has"](MARKDOWN, key))
            return made, self.front_matter.take_made()

        for made, splits in workers.fork_map(convert, doc_files, initializer=start):
            if made is not None:
                self.markdown_cache.add(*made)
            self.front_matter.add_made(splits)

    def _few_new_texts(self) -> bool:
        """True when this build's Markdown is nearly all in the cache: the same files and
        addresses as the last build (the Markdown cache's site key) and fewer than
        ``workers.MIN_ITEMS`` files of new text. The workers would then read every page again
        only to find those few (4 s at 10,000 articles)."""
        site, last = self.markdown_cache.site_key, self.cache.noted("markdown-site")
        self.cache.note("markdown-site", site)
        return last == site and self.state.new_texts is not None and self.state.new_texts < workers.MIN_ITEMS

    def read_front_matter(self, page) -> None:
        """Have ``page`` read its front matter through the build cache (a preview's edit, whose
        build cache is closed by then: MkDocs' own reading)."""
        if self.front_matter is not None:
            self.front_matter.install(page)
        else:
            FrontMatterCache.uninstall(page)

    def page_source(self, page) -> str | None:
        """The text of ``page``'s file, NFC (None for generated listing pages: the engine reads
        their virtual content)."""
        if page.file.abs_src_path and getattr(page.file, "generated_by", None) is None:
            return normalise(Path(page.file.abs_src_path).read_bytes().decode("utf-8-sig"))
        return None

    def prepare_markdown(self, markdown: str, page, config, files) -> str:
        """``page``'s Markdown as the engine converts it: the Markdown cache installed; for an
        entry, its video block first and its albums' HTML, title and template from the entry;
        raw-HTML links resolved; official documents' numbering kept literal."""
        self.markdown_cache.install(page)
        entry = self.site.entry(normalise(page.file.src_uri))
        if entry is not None:  # its video block, then its albums' HTML: file names rewritten with the body's
            markdown = videos.with_video(markdown, entry, config.docs_dir)
            markdown = albums.expand(markdown, entry, self.site.library, self.refused_pictures)
        markdown = rewrite_raw_html(markdown, lambda address: _raw_html_url(address, page, files))
        if entry is None:
            return markdown
        page.meta["title"] = entry.title
        if entry.kind in TEMPLATES:
            page.meta.setdefault("template", TEMPLATES[entry.kind])
        return literal_markdown(markdown, entry.layout) if isinstance(entry, OfficialDocument) else markdown

    def keep_html(self, html: str, page) -> None:
        """Keep ``page``'s cleaned HTML (picture URLs for feeds, no album full-size views) for
        the feeds, the search index and the PDFs."""
        self.rendered[normalise(page.file.src_uri)] = pictures.rewrite(  # for feeds and search: no album views
            albums.without_views(html),
            page.url,
            self.pictures,
            feed=True,
            refused=self.refused_pictures,
            source=page.file.src_uri,
        )

    def finish_markdown(self, env, config) -> None:
        """Every page is converted: keep the engine's Jinja environment with autoescaping on
        for the project's templates (before any template is loaded), store the front matter
        the workers read."""
        self.env = env
        autoescape.install(env, [Path(config.theme.custom_dir)] if config.theme.custom_dir else [])
        STOPWATCH.mark("markdown")
        if self.front_matter is not None:
            self.front_matter.store_made()

    # Stage "PDFs" (on_env; a preview's edit).

    def make_editions(self, library, files, config) -> None:
        """Make the PDFs of ``library`` (a build's ``on_env``, or a preview's edit of an issue
        or document) and show them to the templates."""
        self.editions = printing.make(library, self.rendered, files, config, self.config, self.print_settings)
        self.site.editions = self.editions
        STOPWATCH.mark("pdfs")

    # Stage "pages" (on_env).

    def render_ahead(self, env, files, config) -> None:
        """Give the templates their filters and the site, plan the page cache
        (:meth:`_plan_pages`) and render the pages it lacks in worker processes, on every core
        (:meth:`_render_missing`); the engine then writes them as stored pages."""
        env.filters.update(context.FILTERS)
        env.globals["bantin"] = self.site  # theme-level templates (404.html) get no page context
        self.site_state = self.site_texts(config, files)
        self.new_page_cache()
        self._plan_pages(files)
        self._render_missing(files, env, config)

    def _render_missing(self, files, env, config) -> None:
        """Render the pages the cache lacks in worker processes, on every core; MkDocs then
        writes them as stored pages. The same steps as MkDocs' ``_build_page``."""
        if not engine.render_ahead_supported():
            return  # MkDocs renders every page itself (the engine's guard said why)
        doc_files = self.doc_files(files)
        pages = {
            file.page.url: file.page for file in doc_files if file.page is not None and not file.inclusion.is_excluded()
        }  # drafts in preview: MkDocs marks them
        missing = [pages[url] for url in self.page_cache.missing() if url in pages]

        def render(page) -> tuple[str, str, str | None]:
            key = self._page_key(page) if page.url in self.page_cache.expected else None
            html = engine.render_page(
                page,
                self.nav,
                doc_files,
                config,
                env,
                lambda context: config.plugins.on_page_context(context, page=page, config=config, nav=self.nav),
                page.meta.get("template", "main.html"),
            )
            return page.url, config.plugins.on_post_page(html, page=page, config=config), key

        for url, output, key in workers.fork_map(render, missing):
            self.page_cache.add(pages[url], output, key=key)

    def doc_files(self, files):
        """The pages of ``files`` this build writes: the included ones (and the drafts, in the
        preview)."""
        return files.documentation_pages(
            inclusion=InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        )

    def _plan_pages(self, files) -> None:
        """Find the pages whose output the build cache holds (before MkDocs picks templates).
        Their keys are made in worker processes when there are many (4.5 s of one core at
        10,000 articles: share metadata, digests); the pages' share metadata is then made
        again only for the pages that are rendered (:meth:`page_context`). When no stored
        output can match, there is no lookup: the page workers key each page as they render
        it (:meth:`_render_missing`)."""
        pages = [file.page for file in self.doc_files(files) if file.page is not None]
        site, last = self.page_cache.site_key, self.cache.noted("page-site")
        self.cache.note("page-site", site)
        ahead = {page.url: page for page in pages if not page.is_homepage and not page.file.inclusion.is_excluded()}
        if site != last and workers.forks(len(ahead)):
            # Every key holds the site key, which the last build did not have (a clean cache,
            # new code, theme or settings): nothing to look up. The page workers make the key
            # of each page they render (_render_missing) as they render it; the others (the home
            # page, a preview's drafts) are planned here, as MkDocs renders them.
            for page in pages:
                if page.url in ahead:
                    self.page_cache.expect(page)
                else:
                    self.plan_page(page)
            return
        keys = dict(workers.fork_map(lambda page: (page.url, self._page_key(page)), pages))
        for page in pages:
            if page.url not in keys:
                self.plan_page(page)  # no workers (few pages, one core): here
            elif keys[page.url] is not None:
                self.page_cache.plan(page, keys[page.url])

    def new_page_cache(self) -> PageCache:
        """Start the page cache of this build (or of a preview's edit) on ``self.cache``: our
        templates keyed by their bytes; Material's and MkDocs' by their versions (hashing their
        thousands of icons would cost 2 s a build). Returns it (also ``self.page_cache``)."""
        config = self.mkdocs_config
        theme_dirs = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        self.page_cache = PageCache(self.cache, theme_dirs, self.site_state, self.pictures)
        return self.page_cache

    def open_cache(self) -> BuildCache:
        """Open the build cache for a preview's edit (a build opens it in :meth:`open_caches`),
        the last build's Markdown cache kept on it (its key of the site's URLs holds: an edit
        adds or removes no file); closed by :meth:`close_cache`."""
        self.close_cache()
        self.cache = BuildCache(site_files.cache_root(self.mkdocs_config) / "build.sqlite")
        if self.markdown_cache is not None:
            self.markdown_cache.store = self.cache
        return self.cache

    def plan_page(self, page) -> bool:
        """Look up ``page``'s output in the build cache (:meth:`PageCache.plan`); False when
        it must be rendered (the home page shows today's calendar: always rendered)."""
        key = self._page_key(page)
        return key is not None and self.page_cache.plan(page, key)

    def _page_key(self, page) -> str | None:
        """The page cache's key of ``page`` (:meth:`PageCache.key`), or None for the home page;
        keeps the share metadata it makes for :meth:`page_context`."""
        if page.is_homepage:
            return None
        entry = self.site.entry(normalise(page.file.src_uri))
        listing = self.generated.get(page.file.src_uri)
        shown = shown_entries(self.site, entry, listing)
        share = self._shares[page.url] = self.sharing.page(page, entry, listing)
        editions = [(e.path, e.pages, e.size) for e in map(self.site.edition, shown) if e is not None]
        # Attachments and library files show their size, read from the disk: a file replaced by
        # another of the same name changes the page.
        files = [repr((self.site.attachments(e), self.site.download(e))) for e in shown]
        extra = [repr(share), repr(listing), repr(page.meta), repr(editions), *files, *map(self.site.status, shown)]
        return self.page_cache.key(page, shown, extra)

    def site_texts(self, config, files) -> list[str]:
        """Texts of the site-wide inputs of every page that are not files of the theme or code
        (the page cache's key): configuration, navigation, feeds, search split."""
        nav = [
            (f.src_uri, f.page.title if f.page else "", f.url)
            for f in files.documentation_pages()
            if not f.inclusion.is_not_in_nav()
        ]
        config_text = (  # mkdocs.yml and the files it inherits (INHERIT:): a shared base.yml is an input too
            "".join(
                path.read_bytes().decode("utf-8", "replace") for path in config_files.files(config.config_file_path)
            )
            if config.config_file_path
            else ""
        )
        return [
            config_text,
            stable_text(dict(self.config)),
            repr(nav),
            repr(self.site.feeds),
            repr(self.site.search_split()),
            str(self.serving),
            config.site_url or "",
        ]

    # Stage "search" (started on_env, finished on_post_build).

    def start_search(self, config) -> None:
        """Start the search indexes in their own process. Every entry's HTML is known: they are
        made while the engine writes the pages, once the page workers are gone (Pagefind holds
        ~0.6 GB while it indexes 1,000 pages: beside them, a 10,000-article build peaked at
        1.6 GB)."""
        self.search = site_files.start_search_index(
            self.site.library, self.rendered, self.config.search_recent, site_files.cache_root(config) / "search"
        )

    def finish_search(self, config) -> None:
        """Wait for the search indexes and copy them into the site.

        Raises:
            PluginError: Pagefind failed (its Vietnamese message, :class:`SearchIndexError`).
        """
        try:
            indexed = site_files.finish_search_index(
                self.search, Path(config.site_dir), site_files.cache_root(config) / "search"
            )
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        STOPWATCH.mark("search index")
        log.info("bantin: đã lập chỉ mục tìm kiếm cho %d trang.", indexed)

    # Stage "write" (on_env … on_post_build).

    def store_pages(self, config) -> None:
        """Have the engine write the pages the page cache holds as they are, without rendering
        them (:mod:`stored_pages`; off again in :meth:`end_writing`)."""
        stored_pages.activate(self._stored_page, config, self)

    def _stored_page(self, page) -> bytes | None:
        """``page``'s stored output, written by :mod:`stored_pages` without MkDocs' page loop."""
        output = self.page_cache.stored(page)
        if output is not None:
            self._shares.pop(page.url, None)
        return output

    def tidy_template(self, output: str, template_name: str) -> str:
        """The HTML of a theme template (404.html) tidied (sitemap.xml passes as it is)."""
        return theme_html.tidy(output) if template_name.endswith(".html") else output

    def page_context(self, ctx, page):
        """``ctx`` for a page the engine renders: the entry, listing and share metadata for the
        templates, or the cached page; the cleaned body marked as ``Markup``."""
        planned = self._shares.pop(page.url, None)  # made by plan_page from the same inputs
        ctx["cached_page"] = self.page_cache.output(page)
        if ctx["cached_page"] is not None:
            ctx["cached_page"] = Markup(ctx["cached_page"])  # a whole page this build made before
            return ctx
        if page.content is not None:  # cleaned HTML (safe_body): printed as it is by the escaping templates
            page.content = Markup(page.content)
        ctx["bantin"] = self.site
        ctx["entry"] = self.site.entry(normalise(page.file.src_uri))
        ctx["listing"] = self.generated.get(page.file.src_uri)
        ctx["asset"] = lambda entry, name: _asset_url(entry, name, page, self.files)
        ctx["share"] = planned if planned is not None else self.sharing.page(page, ctx["entry"], ctx["listing"])
        return ctx

    def finish_page(self, output: str, page) -> str:
        """A rendered page's HTML with picture URLs and tidied, kept in the page cache (a page
        from the cache is returned as it is)."""
        if page.url in self.page_cache.hits:
            return output
        # The whole page, so that pictures placed by templates (front matter image, cover) count too.
        output = theme_html.tidy(
            pictures.rewrite(output, page.url, self.pictures, refused=self.refused_pictures, source=page.file.src_uri)
        )
        self.page_cache.keep(page, output)
        return output

    def end_writing(self) -> None:
        """Every page is written: stored pages off."""
        stored_pages.deactivate()
        STOPWATCH.mark("templates")

    # Stage "feeds" (on_post_build; a preview's edit).

    def write_outputs(self, config) -> None:
        """Write the feeds, web fonts, robots.txt, the PDFs into the site and the web editor."""
        written = self.write_feeds(config)
        printing.write(Path(config.site_dir), self.editions)
        STOPWATCH.mark("feeds")
        log.info("bantin: đã ghi %d nguồn tin (RSS, Atom), phông chữ và robots.txt.", written)
        self.write_editor(config)

    def write_feeds(self, config) -> int:
        """Write the feeds, web fonts and robots.txt of the current content (after a build's
        pages, or a preview's edit); returns the number of feed files."""
        return site_files.write_all(
            Path(config.site_dir),
            self.site.library,
            self.rendered,
            config,
            self.config,
            {
                **dict.fromkeys(self.refused_pictures),
                **{path: (p.width, p.height) for path, p in self.pictures.items()},
            },
            enclosures={
                **videos.enclosures(self.site.library, config.docs_dir, printing.site_url(config)),
                **printing.enclosures(self.editions, config),
            },
        )

    def write_editor(self, config) -> None:
        """Write the web editor (``admin/``) with its configuration made from the content model,
        or say in one line that Decap CMS is not installed (builder/outputs/admin.py)."""
        library = self.site.library
        site = cms_config.Site(
            repo=admin.repository(config.repo_url, config.site_url),
            site_url=config.site_url or "",
            branch=self.config.cms.branch,
            auth_url=self.config.cms.auth_url or "",
            local_url=self.config.cms.local_url,
            categories=tuple(term.name for term in library.terms("categories")),
            issues=tuple(
                (e.source.split("/")[1], e.label)
                for e in sorted(
                    (e for e in library.entries.values() if e.kind == "issue"), key=lambda e: e.date, reverse=True
                )
            ),
        )
        if admin.write(Path(config.site_dir), site, config.site_name):
            log.info("bantin: đã dựng trình soạn thảo web (admin/).")
        else:
            log.info("bantin: %s", admin.NOT_INSTALLED)

    # Stage "cards" (on_post_build).

    def write_cards(self, config) -> None:
        """Draw the social cards and write the Zalo texts of the entries built. The cards are
        drawn while Pagefind indexes (one index at a time, in a process of its own): in this
        process only until it is done, since card workers beside Pagefind's ~0.6 GB took a
        10,000-article build to 1.53 GB."""
        built = [source for source in self.rendered if source in self.site.library.entries]
        self.summary = self.sharing.write(
            Path(config.site_dir),
            built,
            site_files.cache_root(config),
            files=self.files,
            busy=self.search.running if self.search is not None else None,
        )
        STOPWATCH.mark("cards")

    # After the stages: what was done said, the cache committed.

    def commit(self) -> None:
        """Log the build's summary (cards, editions, cache use) and commit the build cache."""
        if self.editions:
            self.summary.append(printing.summary(self.editions))
        for line in self.summary:
            log.info("bantin: %s", line)
        self.cache.finish()
        log.info("bantin: bộ nhớ đệm: dùng lại %d, làm mới %d.", self.cache.hits, self.cache.misses)
        self.close_cache()

    def abandon(self) -> None:
        """Undo what a failed build started: stored pages off, the search index cancelled, the
        build cache closed without committing (it stays as the last good build left it)."""
        stored_pages.deactivate()
        if self.search is not None:
            self.search.cancel()
        self.close_cache()

    def close_cache(self) -> None:
        """Close the build cache without committing it (what was stored since the last commit
        is dropped); the front matter cache, which holds its connection, goes with it."""
        self.front_matter = None  # it holds the connection
        if self.cache is not None:
            self.cache.close()
            self.cache = None


def configure_markdown(config) -> None:
    """Set the Markdown options every page is rendered with (also used by ``bantin check``,
    which renders pages itself to find their links and anchors): the site's slugs, and the
    body cleaning of :mod:`builder.mkdocs_plugin.safe_body`, which no ``mkdocs.yml`` can leave out."""
    # One slug function for URLs and heading anchors (docs/pitfalls.md §1.3: toc's own drops "đ").
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_anchor
    for extension in ("toc", "attr_list", safe_body.NAME):
        if extension not in config.markdown_extensions:
            config.markdown_extensions.append(extension)


def _move(file: File, url: str) -> None:
    """Give ``file`` the URL of its entry (``tin-tuc/<slug>/``)."""
    engine.set_destination(file, f"{url}index.html" if url else "index.html")


def _asset_url(entry, name: str, page, files: Files) -> str:
    """URL, relative to ``page``, of a file named in ``entry``'s front matter (relative to the
    entry's source file, whose folder need not match the entry's URL)."""
    path = front_matter_path(entry.source, name)
    file = files.get_file_from_path(path)
    # A file left out of the site (an unreadable picture) still gets the URL it would have.
    return file.url_relative_to(page.file) if file else get_relative_url(path, page.file.url)


def _raw_html_url(address: str, page, files: Files) -> str | None:
    """The URL, relative to ``page``, of the file a raw ``<img src>``/``<a href>`` (or a media
    tag's ``src``/``poster``: :func:`~builder.content.images.rewrite_raw_html`) names
    relative to the page's file, as MkDocs gives Markdown links (``anh.jpg`` → ``../anh.jpg``);
    None (kept as written) for an address, a URL of the site, "/..." or a file that is not one
    (``bantin check`` reports those: builder/editor/links.py)."""
    if address.startswith("/"):
        return None
    path = content_path(page.file.src_uri, address)
    file = files.get_file_from_path(path) if path else None
    if file is None:
        return None
    fragment = urlsplit(address).fragment
    return file.url_relative_to(page.file) + (f"#{fragment}" if fragment else "")


def _stub(listing: Listing) -> str:
    """The virtual Markdown of a generated page: front matter only; the template does the rest."""
    title = listing.title.replace('"', "'")
    return f'---\ntitle: "{title}"\ntemplate: {listing.template}\n---\n'
