"""Files the site gets beside its pages: feeds, web fonts, robots.txt and the search index."""

from __future__ import annotations

import os
from pathlib import Path

from builder.atomic import write_atomic
from builder.content.library import Library
from builder.content.listings import ALBUMS, COLUMN, DOCUMENTS, ISSUES, NEWS
from builder.mkdocs_plugin.identity_config import identity_of
from builder.outputs import emblem, feeds, fonts, search

SECTIONS = (
    ("", "Toàn bộ tin bài", None),
    (NEWS, "Tin tức", ("news",)),
    (ISSUES, "Bản tin Bình đẳng giới", ("issue",)),
    (COLUMN, "Phụ nữ và cuộc sống", ("column",)),
    (DOCUMENTS, "Văn bản", ("document",)),
    (ALBUMS, "Album ảnh", ("album",)),
)
"""Each feed: its folder, its title and the content types it carries (None: all of the
sections below; a bulletin's articles reach subscribers through their issue)."""

SITE_KINDS = ("news", "issue", "column", "document", "album")


def feed_specs(library: Library, site_name: str, limit: int) -> list[feeds.FeedSpec]:
    """The feeds of the site: one for everything, then one per section, ``limit`` items each."""
    specs = []
    for path, title, kinds in SECTIONS:
        chosen = [e for e in library.published() if e.kind in (kinds or SITE_KINDS)][:limit]
        full_title = site_name if not path else f"{title} – {site_name}"
        specs.append(
            feeds.FeedSpec(
                path=path, title=full_title, url=path, entries=tuple(chosen), description=f"{title} của {site_name}"
            )
        )
    return specs


def feed_links(library: Library) -> list[tuple[str, str, str]]:
    """``(title, rss path, atom path)`` of every feed, for ``<link rel="alternate">``."""
    return [(title, f"{path}rss.xml", f"{path}atom.xml") for path, title, _ in SECTIONS]


def write_all(
    site_dir: Path,
    library: Library,
    rendered: dict[str, str],
    config,
    options,
    picture_sizes: dict[str, tuple[int, int]] | None = None,
    enclosures: dict | None = None,
) -> int:
    """Write every feed, the web fonts, the emblem and icons and robots.txt into ``site_dir``.

    Args:
        config: the MkDocs configuration (``site_url``, ``site_name``); options: the plugin's.
        picture_sizes: pixel ``(width, height)`` of each published picture by site path
            (None for a picture left out: :func:`builder.outputs.feeds.render`).
        enclosures: entry source → ``(url, length, type)`` of its PDF, for the feeds.

    Returns:
        The number of feed files written.
    """
    site_url = (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
    count = 0
    for spec in feed_specs(library, config.site_name, options.feed_items):
        rss, atom = feeds.render(spec, site_url, rendered, options.organisation, picture_sizes, enclosures)
        write_atomic(site_dir / feeds.rss_path(spec), rss)
        write_atomic(site_dir / feeds.atom_path(spec), atom)
        count += 2
    emblem.write(identity_of(options), site_dir)
    fonts.write_web_fonts(site_dir / "assets" / "fonts", cache_root(config) / "fonts")
    robots = f"User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n"
    write_atomic(site_dir / "robots.txt", robots.encode())
    return count


SEARCH_WORKERS = 1
"""Pagefind runs at a time during a build. They run beside the pages and cards, which keep
both cores busy already, and each holds ~0.6 GB: with two, a clean build of 3,000 articles
peaked at 1.36 GB (the whole process tree) instead of 0.86 GB with one, and made its search
index no sooner (1.1 s of the build's time either way; bench/search.py shows two runs at
once on their own)."""


def start_search_index(
    library: Library, rendered: dict[str, str], recent: int, cache_dir: Path
) -> search.PendingIndexes:
    """Start indexing every published entry for the site's search: the undated pages and the
    ``recent`` newest entries go to ``pagefind/``, the others to ``pagefind-luu-tru/<n>/``
    (:func:`builder.outputs.search.partition`). Indexes of the same records are taken from
    ``cache_dir``; the others are made in the background while the build goes on
    (:func:`builder.outputs.search.start_indexes`), one Pagefind run at a time
    (:data:`SEARCH_WORKERS`); :func:`finish_search_index` puts them into the site.
    """
    main, archive = search.partition(library.published(), recent)
    indexes = [
        (folder, [search.record_of(e, rendered.get(e.source, "")) for e in entries])
        for folder, entries in [(search.BUNDLE, main), *search.archive_shards(archive)]
    ]
    return search.start_indexes(indexes, cache_dir, workers=SEARCH_WORKERS)


def finish_search_index(pending: search.PendingIndexes, site_dir: Path, cache_dir: Path) -> int:
    """Wait for the indexes of :func:`start_search_index`, put them into ``site_dir`` and prune
    the cache to the indexes of about the last three builds.

    Returns:
        The number of pages indexed.

    Raises:
        search.SearchIndexError: Pagefind failed.
    """
    count = pending.finish(site_dir)
    search.prune_cache(cache_dir, keep=3 * len(pending.indexes))
    return count


def write_search_index(site_dir: Path, library: Library, rendered: dict[str, str], recent: int, cache_dir: Path) -> int:
    """:func:`start_search_index`, then :func:`finish_search_index` at once (the preview
    refreshes the index this way after an edit).

    Returns:
        The number of pages indexed.

    Raises:
        search.SearchIndexError: Pagefind failed.
    """
    return finish_search_index(start_search_index(library, rendered, recent, cache_dir), site_dir, cache_dir)


def cache_root(config) -> Path:
    """Where builds keep work they can reuse: ``$BANTIN_CACHE_DIR`` or ``.cache/`` beside mkdocs.yml."""
    if os.environ.get("BANTIN_CACHE_DIR"):
        return Path(os.environ["BANTIN_CACHE_DIR"])
    return Path(config.config_file_path or ".").resolve().parent / ".cache"
