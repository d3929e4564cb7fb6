"""Entries' videos in the build: the HTML block put at the top of a body, the feeds'
enclosures, and video files published without the place they were shot.

The video's HTML (:func:`builder.outputs.video.body_html`) goes in front of the entry's
Markdown in ``on_page_markdown``, before the raw-HTML addresses are rewritten, so its files
get the site's URLs as an editor's own ``<video src>`` does, and the page, its feed entry,
its print edition and the search index all see the same body (the transcript is searchable).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from urllib.parse import quote, urljoin

from mkdocs.structure.files import Files

from builder.content import video as videos
from builder.content.images import front_matter_path, on_disk
from builder.content.library import Library
from builder.content.model import Entry
from builder.mkdocs_plugin.pictures import CachedPicture
from builder.outputs import video as video_html
from builder.outputs import video_metadata


def with_video(markdown: str, entry: Entry, docs_dir: str) -> str:
    """``markdown`` with ``entry``'s video block in front of it (unchanged without a video).

    Args:
        markdown: the page's Markdown; entry: its entry; docs_dir: the ``content/`` folder.

    The files were checked by the reader (they exist inside ``content/``); a captions file
    that is not UTF-8 shows its unreadable characters as "�" in the transcript.
    """
    video = entry.video
    if video is None:
        return markdown
    cues: list[str] = []
    if video.captions:
        path = on_disk(Path(docs_dir), front_matter_path(entry.source, video.captions))
        if path is not None:  # else reported by the reader
            cues = videos.transcript(path.read_bytes().decode("utf-8-sig", errors="replace"))
    size = _size(docs_dir, entry, video.file) if video.file else None
    return video_html.body_html(video, entry.title, cues, size) + "\n" + markdown


def enclosures(library: Library, docs_dir: str, site_url: str) -> dict[str, tuple[str, int, str]]:
    """Entry source → ``(absolute URL, length in bytes, "video/mp4")`` of each published
    entry's MP4, for the feeds (RSS ``<enclosure>``, RFC 4287 ``rel="enclosure"``). A video on
    YouTube or Facebook is no file of the site: its entry has no enclosure.

    Args:
        library: the content; docs_dir: the ``content/`` folder; site_url: ends in "/".
    """
    found = {}
    for source, entry in library.entries.items():
        if entry.video is None or not entry.video.file or not library.is_published(entry):
            continue
        size = _size(docs_dir, entry, entry.video.file)
        if size is not None:
            path = front_matter_path(source, entry.video.file)
            found[source] = (urljoin(site_url, quote(path)), size, video_html.MEDIA_TYPE)
    return found


def _size(docs_dir: str, entry: Entry, name: str) -> int | None:
    found = on_disk(Path(docs_dir), front_matter_path(entry.source, name))
    try:
        return found.stat().st_size if found is not None else None
    except OSError:
        return None  # reported by the reader


STRIP_VERSION = 1
"""Part of each stripped copy's key: bump it when :mod:`builder.outputs.video_metadata` strips differently."""


def publish_without_location(files: Files, config, cache_dir: Path) -> list[str]:
    """Swap every MP4/MOV of the docs folder that holds its shooting position
    (:func:`builder.outputs.video_metadata.location_boxes`) for a copy without it, at the same
    URL, as photos are published without their EXIF (:mod:`builder.mkdocs_plugin.pictures`).
    The content's own file is not changed (``bantin check`` warns of it, ``--fix`` blanks it).

    Args:
        files: MkDocs' files (changed in place); config: the MkDocs configuration;
        cache_dir: the build cache root; copies are kept in ``videos/<key>.<suffix>`` (key:
            SHA-256 of :data:`STRIP_VERSION` and the file) and made again only for a changed file.

    Returns:
        The ``src_uri`` of each video swapped.
    """
    swapped = []
    for file in [f for f in files.media_files() if f.abs_src_path]:
        source = Path(file.abs_src_path)
        if source.suffix.lower() not in video_metadata.SUFFIXES or not video_metadata.location_boxes(source):
            continue
        digest = hashlib.sha256(f"{STRIP_VERSION}\0".encode())
        with open(source, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        copy = cache_dir / "videos" / f"{digest.hexdigest()}{source.suffix.lower()}"
        if not copy.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            partial = copy.with_name(copy.name + ".part")
            shutil.copyfile(source, partial)
            video_metadata.remove_location(partial)
            os.replace(partial, copy)  # whole or absent: a killed build leaves no half-made copy
        files.remove(file)
        files.append(CachedPicture.generated(config, file.src_uri, abs_src_path=str(copy)))
        swapped.append(file.src_uri)
    return swapped
