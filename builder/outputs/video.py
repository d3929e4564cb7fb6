"""An entry's video as HTML, placed at the top of its body; and its feed enclosure.

The HTML is made of elements and attributes the body's allow-list keeps
(:mod:`builder.outputs.safe_html`: ``figure``, ``video``, ``source``, ``track``, ``a``,
``img``, ``span``, ``details``): the plugin puts it in front of the Markdown
(:mod:`builder.mkdocs_plugin.plugin`, ``on_page_markdown``), where the raw-HTML address
rewriting (:func:`builder.content.images.rewrite_raw_html`) turns its file names into the
site's URLs and the body cleaning checks it like anything an editor writes. Every tag that
names a file is written on one line, as that rewriting requires.

- A file of the site: ``<video controls preload="none">`` (nothing is downloaded before the
  reader presses play) with ``width``/``height`` (no layout shift), the poster, a WebM
  ``<source>`` before the MP4 one (browsers take the first they can play), Vietnamese captions
  (``<track kind="captions" srclang="vi" default>``), a download link, and the captions' text
  as a transcript ("Lời thoại", a ``<details>``): readable without sound and found by search.
- A video on YouTube or Facebook: a facade, no player. The local poster (or, without one, a
  plain box with the title drawn by the stylesheet) is a link to the video's page on its host,
  with a "Xem trên YouTube" link under it. The page loads nothing from that host; the reader's
  click opens the host's own page. No script is used: the pages' Content-Security-Policy is
  ``script-src 'none'`` (theme/main.html), and a click-to-load player would need a script of the
  site, that policy loosened for the page, and a ``frame-src`` allowing the host from the start
  (a policy cannot allow a frame only after a click); the link needs none of that and works
  everywhere, also where the host is blocked or the reader's data is scarce.
"""

from __future__ import annotations

from html import escape

from builder.content.model import Video


def body_html(video: Video, title: str, transcript: list[str], size: int | None) -> str:
    """The HTML block for ``video`` (file names as written in front matter, relative to the entry).

    Args:
        video: the entry's video; title: the entry's title (the facade's text without a poster);
        transcript: the captions' cues as plain text (:func:`builder.content.video.transcript`),
            or [] for none;
        size: the MP4's size in bytes, shown on its download link, or None when unknown.

    Returns:
        Raw HTML with no blank line inside (one Markdown HTML block), ending with a newline.
    """
    lines = _hosted(video, title) if video.hosted else _player(video, size)
    if transcript:
        lines += [
            '<details class="bt-video__transcript">',
            "<summary>Lời thoại</summary>",
            *(f"<p>{escape(cue, quote=False)}</p>" for cue in transcript),
            "</details>",
        ]
    return "\n".join(lines) + "\n"


def _player(video: Video, size: int | None) -> list[str]:
    poster = f' poster="{_attr(video.poster)}"' if video.poster else ""
    lines = [
        '<figure class="bt-video">',
        f'<video controls preload="none" playsinline width="{video.width}" height="{video.height}"{poster}>',
    ]
    if video.webm:
        lines.append(f'<source src="{_attr(video.webm)}" type="video/webm">')
    lines.append(f'<source src="{_attr(video.file)}" type="video/mp4">')
    if video.captions:
        lines.append(f'<track kind="captions" srclang="vi" label="Tiếng Việt" src="{_attr(video.captions)}" default>')
    lines.append(f'<a href="{_attr(video.file)}">Tải video về máy</a>')
    lines.append("</video>")
    shown = f" (MP4, {file_size(size)})" if size is not None else " (MP4)"
    lines.append(f'<figcaption><a href="{_attr(video.file)}">Tải video về máy{shown}</a></figcaption>')
    lines.append("</figure>")
    return lines


def _hosted(video: Video, title: str) -> list[str]:
    host, url = video.host_name, _attr(video.watch_url)
    if video.poster:
        picture = f'<img src="{_attr(video.poster)}" alt="" width="{video.width}" height="{video.height}">'
    else:  # a neutral poster: the title on the stylesheet's plain background
        picture = f'<span class="bt-video__blank">{escape(title, quote=False)}</span>'
    return [
        f'<figure class="bt-video bt-video--hosted bt-video--{host.lower()}">',
        f'<a class="bt-video__facade" href="{url}">',
        picture,
        f'<span class="bt-video__play">Xem video trên {host}</span>',
        "</a>",
        f'<figcaption>Video đăng trên {host}: <a href="{url}">Xem trên {host}</a> '
        f"(mở trang {host}; trang này không tải gì từ {host} trước khi bạn bấm).</figcaption>",
        "</figure>",
    ]


def file_size(size: int) -> str:
    """A file size as Vietnamese text (decimal comma, SI units): 1_234_567 → "1,2 MB",
    48_000 → "48 KB", 152 → "1 KB"."""
    if size < 1_000_000:
        return f"{max(round(size / 1000), 1)} KB"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " MB"


def _attr(value: str) -> str:
    return escape(value, quote=True)


MEDIA_TYPE = "video/mp4"
"""The feeds' enclosure type: the MP4 (every reader's player takes it; a WebM copy is not offered)."""
