"""An edit shown by the preview (``bantin serve``) in about a second: only what it changes is redone.

After the preview's full build the plugin keeps everything MkDocs gathered (files, navigation,
pages with their HTML, the Jinja environment). When editors change Markdown files that
already exist, :func:`refresh` reads the content again (unchanged files are not parsed again:
:class:`builder.content.reader.ParseMemo`), finds the entries whose values changed and redoes
only the pages that show them, as a full build would make them:

- the edited pages (MkDocs' ``_populate_page``, through :mod:`builder.mkdocs_plugin.engine`: read, plugins' Markdown hooks, conversion);
- every page whose shown entries (:func:`~builder.mkdocs_plugin.page_cache.shown_entries`)
  include a changed entry, every listing page whose entries changed, and the home page;
  these go through the page cache's planning and MkDocs' ``_build_page``, so that the page is
  byte for byte what a full build writes;
- the feeds, the changed entries' cards and Zalo texts, the PDFs when an issue or a document
  changed.

The search index is redone after that, in the background (:class:`builder.preview.Preview`).
Anything else (a file added, removed or renamed, a picture, the configuration, an entry
that changes URL, publication or a title in the navigation, a listing added or removed, a
site-wide input of every page) needs the full build: :func:`refresh` returns None.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder import settings
from builder.content import albums
from builder.content.library import Library
from builder.content.listings import listings
from builder.content.model import BulletinIssue, IssueArticle, OfficialDocument
from builder.content.reader import read_tree
from builder.content.text import normalise
from builder.mkdocs_plugin import engine, printing, site_files
from builder.mkdocs_plugin.page_cache import shown_entries


@dataclass(frozen=True)
class Refreshed:
    """What :func:`refresh` redid: the sources of the changed entries and the URLs of the
    pages written again."""

    sources: tuple[str, ...]
    pages: tuple[str, ...]


def refresh(plugin) -> Refreshed | None:
    """Redo what the current content changes since the plugin's last build or refresh.

    Args:
        plugin: the :class:`~builder.mkdocs_plugin.plugin.BantinPlugin` of a finished
            preview build (``serving``), whose ``parse_memo`` holds the parsed files.

    Returns:
        What was redone, or None when the change needs a full build (see the module docstring),
        or when the engine's page functions are not the ones this was written for
        (:func:`builder.mkdocs_plugin.engine.partial_rebuild`).

    Raises:
        ContentErrors: the content has problems; nothing was written.
    """
    rebuild = engine.partial_rebuild()
    if rebuild is None:
        return None
    config = plugin.mkdocs_config
    library, errors = read_tree(
        Path(config.docs_dir),
        settings.defaults(plugin.config),
        settings.now(plugin.config),
        memo=plugin.state.parse_memo,
    )
    errors.raise_if_any()
    old = plugin.site.library
    doc_files = plugin.doc_files(plugin.files)
    if not _same_pages(old, library, doc_files):
        return None
    changed = {source for source, entry in library.entries.items() if old.entries[source] != entry}
    if all(_listed(old.entries[s]) == _listed(library.entries[s]) for s in changed):
        generated = plugin.generated  # the same entries in the same order on every listing
    else:
        generated = {
            listing.source: listing for listing in listings(library, plugin.config.page_size, plugin.config.home_size)
        }
    if generated.keys() != plugin.generated.keys() or any(
        (g.title, g.template) != (plugin.generated[s].title, plugin.generated[s].template) for s, g in generated.items()
    ):
        return None
    moved = {source for source, listing in generated.items() if listing != plugin.generated[source]}
    if not changed and not moved:
        return Refreshed((), ())
    plugin.adopt(library, generated)
    state = plugin.site_texts(config, plugin.files)
    if state != plugin.site_state:
        return None
    dated = any(
        (old.entries[s].date, old.entries[s].updated) != (library.entries[s].date, library.entries[s].updated)
        for s in changed
    )
    return _redo(plugin, rebuild, library, doc_files, changed, moved, sitemap=dated)


def _listed(entry) -> tuple:
    """What decides where an entry is listed, besides its type, address and publication
    (:func:`_same_pages`): listings are newest first and by category and tag
    (:func:`builder.content.listings.listings`)."""
    return entry.date, tuple(entry.categories), tuple(entry.tags)


def _same_pages(old: Library, new: Library, doc_files) -> bool:
    """True when every entry keeps its source, URL, type, publication and (for pages in the
    navigation) title: then the site's files and navigation stay as they are."""
    if old.entries.keys() != new.entries.keys():
        return False
    in_nav = {normalise(f.src_uri) for f in doc_files if not f.inclusion.is_not_in_nav()}
    for source, entry in new.entries.items():
        before = old.entries[source]
        if (entry.url, entry.kind, new.is_published(entry)) != (before.url, before.kind, old.is_published(before)):
            return False
        if source in in_nav and entry.title != before.title:
            return False
    return True


def _redo(
    plugin,
    rebuild: engine.PartialRebuild,
    library: Library,
    doc_files,
    changed: set[str],
    moved: set[str],
    sitemap: bool,
) -> Refreshed:
    config, files = plugin.mkdocs_config, plugin.files
    plugin.open_cache()
    try:
        pages = _affected(plugin, doc_files, changed, moved)
        for page in pages:
            rebuild.populate_page(page, config, files)
        _editions(plugin, library, changed)
        plugin.new_page_cache()
        for page in pages:
            plugin.plan_page(page)
            rebuild.build_page(page, config, doc_files, plugin.nav, plugin.env, page.file.inclusion.is_excluded())
        if sitemap:  # its lastmod is each entry's date or update (theme/sitemap.xml)
            rebuild.build_theme_template("sitemap.xml", plugin.env, files, config, plugin.nav)
        _side_files(plugin, sorted(changed))
        plugin.cache.finish(prune=False)
    finally:
        plugin.close_cache()
    return Refreshed(tuple(sorted(changed)), tuple(page.url for page in pages))


def _affected(plugin, doc_files, changed: set[str], moved: set[str]) -> list:
    """The pages to write again: the changed entries' own pages, the pages showing them, the
    listings whose entries moved, and the home page."""
    site, pages = plugin.site, []
    # A page shows an entry with its issue, or an issue with its articles (shown_entries): the
    # pages of these neighbours of a changed entry, and the listings holding one, show it.
    related = {e.source for source in changed for e in shown_entries(site, site.entry(source), None)}
    # An album is shown by the entries embedding it too ([[album: …]]): their pages show its photos.
    related |= albums.embedding(
        site.library, {e.slug for e in map(site.entry, changed) if e is not None and e.kind == "album"}
    )
    for file in doc_files:
        page = file.page
        if page is None:
            continue
        listing = plugin.generated.get(file.src_uri)
        if listing is None:
            redo = normalise(file.src_uri) in related
        else:
            redo = file.src_uri in moved or not related.isdisjoint(listing.entries)
        if redo or page.is_homepage:
            pages.append(page)
    return pages


def _editions(plugin, library: Library, changed: set[str]) -> None:
    """Make the PDFs again when an issue, an issue's article or a document changed (each PDF
    is cached by its inputs: the others are taken as they are)."""
    printed = (BulletinIssue, IssueArticle, OfficialDocument)
    if any(isinstance(library.entries[s], printed) for s in changed):
        config = plugin.mkdocs_config
        plugin.make_editions(library, plugin.files, config)
        printing.write(Path(config.site_dir), plugin.editions)


def _side_files(plugin, changed: list[str]) -> None:
    """Feeds, and the cards and Zalo texts of the changed entries."""
    config = plugin.mkdocs_config
    site_dir = Path(config.site_dir)
    plugin.write_feeds(config)
    plugin.sharing.refresh(site_dir, set(changed), site_files.cache_root(config), files=plugin.files)
