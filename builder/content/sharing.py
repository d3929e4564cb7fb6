"""Text rules for sharing an entry: its label, its summary, hashtags and shortening.

Cards, page metadata, Facebook posts and Zalo texts all say the same things about an entry,
so they take them from here: the *label* (the section, or the bulletin issue an article
belongs to), the *summary* (the front matter ``description``, else the document's trích yếu,
else the first paragraph of the body), hashtags made from the entry's tags, and shortening
on a word boundary with an ellipsis.

Hashtags keep their Vietnamese letters ("Bình đẳng giới" → ``#BìnhĐẳngGiới``): Facebook
accepts any Unicode letter or digit in a hashtag, and without tone marks Vietnamese words
become ambiguous ("ban" is bạn, bàn, bản or bán). ``ascii=True`` gives ``#BinhDangGioi`` for
places that handle only ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from builder.content.library import Library
from builder.content.model import BulletinIssue, ColumnEntry, Entry, IssueArticle, OfficialDocument
from builder.content.slugs import slugify

ELLIPSIS = "…"

# Markdown markup dropped when the first paragraph of a body stands in for a summary.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`~]+|\{[:#.][^}]*\}|<[^>]+>")
_HASHTAG_WORD = re.compile(r"[^\W_]+")  # runs of Unicode letters and digits


def label(entry: Entry, library: Library) -> str:
    """The line that says where an entry belongs, shown above the title on its card.

    Returns:
        "Tin tức"; "Bản tin Bình đẳng giới · Số 8/3/2021" for an article of that issue, and
        "Bản tin Bình đẳng giới" (" · Số đặc biệt" for a special one) for the issue itself;
        "Phụ nữ và cuộc sống · Tháng 6/2021"; "Văn bản" (a document's title names its type
        and number); "" for a plain page.
    """
    if isinstance(entry, IssueArticle):
        issue = library.entries.get(entry.issue)
        return f"{entry.section} · {issue.label}" if isinstance(issue, BulletinIssue) else entry.section
    if isinstance(entry, BulletinIssue):  # its title already names the issue
        return f"{entry.section} · Số đặc biệt" if entry.special else entry.section
    if isinstance(entry, ColumnEntry):
        return f"{entry.section} · Tháng {entry.month}/{entry.year}"
    return entry.section


def summary(entry: Entry) -> str:
    """The entry's summary in one line: ``description``, else a document's trích yếu, else the
    first paragraph of the body with its Markdown markup removed ("" when there is none)."""
    if entry.description:
        return _one_line(entry.description)
    if isinstance(entry, OfficialDocument) and entry.summary_line:
        return _one_line(f"{entry.document_type} {entry.summary_line}")
    for block in re.split(r"\n\s*\n", entry.body):
        text = block.strip()
        if text and not text.startswith(("#", "|", "<", "!", "```", ":::", "---", "***")):
            return _one_line(_MARKUP.sub("", _LINK.sub(r"\1", text)))
    return ""


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters on a word boundary, ending in "…".

    Args:
        text: one line; limit: the maximum length, ellipsis included (at least 1).

    Returns:
        ``text`` unchanged when it fits. Otherwise the longest run of whole words that fits
        with the ellipsis, trailing punctuation removed (a single word longer than the
        limit is cut inside the word).
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: max(limit - 1, 0) + 1]
    cut = room.rfind(" ")
    kept = room[:cut] if cut > 0 else room[: max(limit - 1, 0)]
    return kept.rstrip(" ,;:–-—.") + ELLIPSIS


def hashtag(name: str, ascii: bool = False) -> str:
    """The hashtag of a tag name: "Bình đẳng giới" → "#BìnhĐẳngGiới", "5 không 3 sạch" →
    "#5Không3Sạch" ("#BinhDangGioi" with ``ascii``).

    Each word keeps its letters as written with its first letter capitalised, and words are
    joined (a hashtag ends at the first space or punctuation mark). Returns "" for a name
    without a letter: a hashtag of digits only is not linked by Facebook.
    """
    if ascii:
        name = slugify(name, separator=" ")
    words = _HASHTAG_WORD.findall(unicodedata.normalize("NFC", name))
    text = "".join(word[:1].upper() + word[1:] for word in words)
    return f"#{text}" if any(ch.isalpha() for ch in text) else ""


def hashtags(names: tuple[str, ...] | list[str], limit: int, ascii: bool = False) -> list[str]:
    """The hashtags of ``names``, in order, without repeats (compared ignoring case), at most
    ``limit`` of them."""
    found: list[str] = []
    for name in names:
        tag = hashtag(name, ascii)
        if tag and tag.casefold() not in {t.casefold() for t in found}:
            found.append(tag)
    return found[: max(limit, 0)]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def read_more(entry: Entry) -> str:
    """The words before the link: "Đọc bản tin" for an issue, "Xem toàn văn" for a document,
    "Xem chi tiết" otherwise."""
    if isinstance(entry, BulletinIssue):
        return "Đọc bản tin"
    if isinstance(entry, OfficialDocument):
        return "Xem toàn văn"
    return "Xem chi tiết"


def facebook_message(entry: Entry, url: str, summary_length: int, hashtag_limit: int, ascii: bool = False) -> str:
    """The text of the fanpage post of ``entry``.

    The title, the summary shortened to ``summary_length`` characters, the link (Facebook
    shows its preview card under the post) and up to ``hashtag_limit`` hashtags from the
    tags, separated by blank lines::

        Ra mắt mô hình “Làng quê an toàn” tại xã Vĩnh Chấp

        Hội LHPN tỉnh phối hợp với Hội LHPN huyện Vĩnh Linh ra mắt mô hình…

        Xem chi tiết: https://example.org/tin-tuc/ra-mat-mo-hinh/

        #LàngQuêAnToàn #5Không3Sạch #VĩnhLinh
    """
    parts = [entry.title]
    text = summary(entry)
    if text and summary_length > 0:
        parts.append(shorten(text, summary_length))
    parts.append(f"{read_more(entry)}: {url}")
    tags = hashtags(entry.tags, hashtag_limit, ascii)
    if tags:
        parts.append(" ".join(tags))
    return "\n\n".join(parts)


def zalo_text(entry: Entry, url: str, summary_length: int) -> str:
    """The text to paste into a Zalo group for ``entry``: title, shortened summary and link,
    one per line (Zalo shows the link's preview card; group chats carry no hashtags)."""
    parts = [entry.title]
    text = summary(entry)
    if text and summary_length > 0:
        parts.append(shorten(text, summary_length))
    parts.append(f"{read_more(entry)}: {url}")
    return "\n".join(parts)


FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php?u="
"""Facebook's share dialog for a URL (a plain link: nothing is loaded from Facebook until the
reader follows it; Facebook reads the page's og: metadata for the preview)."""


@dataclass(frozen=True)
class ShareLinks:
    """What an entry page offers a reader to share it (theme/bantin/macros.html: share).

    Attributes:
        url: the page's absolute address (to copy).
        facebook: Facebook's share dialog for ``url``.
        zalo: the text to paste into a Zalo group (:func:`zalo_text`, as ``zalo.txt``).
    """

    url: str
    facebook: str
    zalo: str


def share_links(entry: Entry, site_url: str, summary_length: int) -> ShareLinks:
    """The share links of ``entry``'s page.

    Args:
        site_url: the site's absolute address, ending in "/".
        summary_length: characters of the summary kept in the Zalo text (the
            ``sharing.facebook.summary_length`` setting, as for ``zalo.txt``).
    """
    url = site_url + entry.url
    return ShareLinks(
        url=url, facebook=FACEBOOK_SHARER + quote(url, safe=""), zalo=zalo_text(entry, url, summary_length)
    )
