"""The library: every entry of a site, indexed by source path, with the questions the
outputs ask of it (what is published, newest first, which articles an issue has, which
entries carry a tag).

Relations are kept as source paths, not object references (as Zola's ``Library`` does), so
the entries stay plain frozen values.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from builder.content.calendar import Calendar, Occurrence
from builder.content.model import BulletinIssue, Entry, IssueArticle
from builder.content.slugs import slugify


@dataclass(frozen=True)
class Term:
    """A category or tag: its ``slug``, the ``name`` first written, and its entries' sources."""

    slug: str
    name: str
    sources: tuple[str, ...]


@dataclass
class Library:
    """All entries of a site.

    Attributes:
        entries: source path (relative to ``content/``) → entry.
        now: the moment that decides what is published (aware, Asia/Ho_Chi_Minh).
        calendar: the union's calendar of occasions (``content/_data/ngay-ky-niem.yml``).
        respellings: categories and tags given their term's name instead of the spelling
            written (:class:`builder.content.terms.Respelling`), for ``bantin check`` to tell.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    now: datetime | None = None
    calendar: Calendar = field(default_factory=Calendar)
    respellings: list = field(default_factory=list)

    def is_published(self, entry: Entry) -> bool:
        """True when ``entry`` (and, for an issue article, its issue) is published at ``now``."""
        if isinstance(entry, IssueArticle) and entry.issue in self.entries:
            if not self._visible(self.entries[entry.issue]):
                return False
        return self._visible(entry)

    def _visible(self, entry: Entry) -> bool:
        return not entry.draft if self.now is None else entry.is_published(self.now)

    def put(self, entry: Entry) -> None:
        """Replace the entry of ``entry.source`` by ``entry`` (the indexes are made again)."""
        self.entries[entry.source] = entry
        self.__dict__.pop("_indexed", None)

    def published(self, kind: str | None = None) -> list[Entry]:
        """Published entries (of ``kind`` when given), newest first (a new list each call).

        The order is total: by date descending, then source path, so two builds agree.
        Computed once per library state: templates ask on every page.
        """
        by_kind = self._index()[0]
        return list(by_kind.get(kind, ()))

    def issue_articles(self, issue: BulletinIssue, published_only: bool = True) -> list[IssueArticle]:
        """The articles of ``issue`` in the editor's order."""
        articles = self._index()[1].get(issue.source, ())
        if published_only:
            return [a for a in articles if self.is_published(a)]
        return list(articles)

    def _index(self) -> tuple[dict, dict]:
        """``(published by kind (None: all), articles by issue source)``, rebuilt only when the
        entries or ``now`` change, so that asking per page stays O(answer), not O(library)."""
        state = (len(self.entries), self.now)
        if getattr(self, "_indexed", (None,))[0] != state:
            published = sorted((e for e in self.entries.values() if self.is_published(e)), key=_newest_first)
            by_kind: dict = {None: published}
            for entry in published:
                by_kind.setdefault(entry.kind, []).append(entry)
            by_issue: dict = {}
            for entry in self.entries.values():
                if isinstance(entry, IssueArticle):
                    by_issue.setdefault(entry.issue, []).append(entry)
            for articles in by_issue.values():
                articles.sort(key=lambda a: (a.position, a.source))
            self._indexed = (state, (by_kind, by_issue))
        return self._indexed[1]

    def issues_marking(self, occurrence: Occurrence, published_only: bool = True) -> list[BulletinIssue]:
        """The issues whose ``anniversaries`` name ``occurrence`` (same occasion, same dates),
        oldest first."""
        found = [
            e
            for e in self.entries.values()
            if isinstance(e, BulletinIssue)
            and occurrence in e.occurrences
            and (not published_only or self.is_published(e))
        ]
        return sorted(found, key=lambda e: (e.date, e.source))

    def terms(self, attribute: str) -> list[Term]:
        """The categories (``attribute="categories"``) or tags (``"tags"``) of published entries.

        Names that give the same slug ("Đại hội", "Dai hoi") are one term, named by the most
        used spelling (ties: the one with diacritics, then capitalised); an entry counts once. Sorted by slug; each term's sources are newest first.
        """
        spellings: dict[str, Counter] = {}
        sources: dict[str, list[str]] = {}
        for entry in self.published():
            for slug, name in {slugify(n): n for n in getattr(entry, attribute) if slugify(n)}.items():
                spellings.setdefault(slug, Counter())[name] += 1
                sources.setdefault(slug, []).append(entry.source)
        return [Term(slug, best_spelling(spellings[slug]), tuple(sources[slug])) for slug in sorted(sources)]


def best_spelling(counts: Counter) -> str:
    """The name of a term among its spellings (``counts``: spelling → entries using it):
    "Đại hội" over "Dai hoi" and "đại hội": most used, then most diacritics, then capitalised,
    then the greatest by code point (any fixed order: two builds agree)."""
    return max(counts, key=lambda n: (counts[n], sum(not c.isascii() for c in n), n[:1].isupper(), n))


def _newest_first(entry: Entry) -> tuple:
    stamp = entry.date.timestamp() if entry.date else float("-inf")
    return (-stamp, entry.source)
