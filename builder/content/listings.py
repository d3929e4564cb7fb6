"""Listing pages the builder generates from the library (no source file of their own).

Home, the news index and its yearly archives, category and tag pages, the list of bulletin
issues, the column's index, the document repository (the register, by year, by type), the
file library and the search page. Each is a :class:`Listing`: a URL, a
title, the template that shows it and the entries on that page. Lists longer than a page are
split into pages ``<url>``, ``<url>trang/2/``, ... that link to each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collections import Counter

from builder.content.library import Library, best_spelling
from builder.content.model import Entry
from builder.content.slugs import slugify

NEWS, ISSUES, COLUMN, DOCUMENTS = "tin-tuc/", "ban-tin/", "phu-nu-va-cuoc-song/", "van-ban/"
DOCUMENT_YEARS, DOCUMENT_TYPES = f"{DOCUMENTS}nam/", f"{DOCUMENTS}loai/"
"""The repository's pages by year (``van-ban/nam/2021/``) and by type (``van-ban/loai/ke-hoach/``)."""
DOWNLOADS = "tai-lieu/"
"""The file library (forms, templates, annexes: :mod:`builder.content.downloads`)."""
ALBUMS = "album/"
"""The albums' listing: each with its first photo as thumbnail (the card's ``image``)."""
CATEGORIES, TAGS = "chu-de/", "tu-khoa/"
SEARCH = "tim-kiem/"
CONTACT = "lien-he/"
"""The "Liên hệ" page: the contact settings of mkdocs.yml (theme/bantin/contact.html)."""
"""The search page (its results come from the browser, theme/assets/javascripts/search.js)."""


@dataclass(frozen=True)
class Listing:
    """One generated page.

    Attributes:
        url: relative to the site root, ending in "/" ("" for the home page).
        title: the page title (Vietnamese).
        template: the theme template, relative to ``theme/`` ("bantin/listing.html").
        entries: sources of the entries shown, in order.
        description: a line under the title, for the meta description too.
        page, pages: this page's number and the count of pages (1-based).
        previous, next: URLs of the neighbouring pages, or "".
        links: further (title, url) pairs the template may show (years, terms).
        groups: counted links the template shows as ways to narrow the list: (heading,
            ((label, url, count), ...)) pairs; the document repository's years and types.
    """

    url: str
    title: str
    template: str
    entries: tuple[str, ...] = ()
    description: str = ""
    page: int = 1
    pages: int = 1
    previous: str = ""
    next: str = ""
    links: tuple[tuple[str, str], ...] = field(default=())
    groups: tuple[tuple[str, tuple[tuple[str, str, int], ...]], ...] = field(default=())

    @property
    def source(self) -> str:
        """The virtual Markdown source of the page (``tin-tuc/index.md``)."""
        return f"{self.url}index.md"


def paginate(
    url: str, title: str, template: str, entries: list[Entry], size: int, description: str = "", **extra
) -> list[Listing]:
    """Split ``entries`` into pages of ``size`` (at least one page, even when empty).

    Each page gets ``description``, from the second on with its number ("(trang 2/3)"): every
    listing page has a meta description of its own, as search engines ask (Google Search
    Central, "Control your snippets": a distinct description for each page)."""
    chunks = [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]
    urls = [url] + [f"{url}trang/{n}/" for n in range(2, len(chunks) + 1)]
    return [
        Listing(
            url=urls[i],
            title=title if i == 0 else f"{title} (trang {i + 1})",
            template=template,
            entries=tuple(e.source for e in chunk),
            page=i + 1,
            pages=len(chunks),
            previous=urls[i - 1] if i else "",
            next=urls[i + 1] if i + 1 < len(urls) else "",
            description=f"{description} (trang {i + 1}/{len(chunks)})" if i and description else description,
            **extra,
        )
        for i, chunk in enumerate(chunks)
    ]


def listings(library: Library, page_size: int = 10, home_size: int = 6) -> list[Listing]:
    """Every generated page of the site, for the published entries of ``library``."""
    news = library.published("news")
    result = [
        Listing(
            url="", title="Trang chủ", template="bantin/home.html", entries=tuple(e.source for e in news[:home_size])
        )
    ]
    years = sorted({e.date.year for e in news}, reverse=True)
    year_links = tuple((str(y), f"{NEWS}nam/{y}/") for y in years)
    result += paginate(
        NEWS,
        "Tin tức",
        "bantin/listing.html",
        news,
        page_size,
        links=year_links,
        description="Tin tức về hoạt động của Hội, mới nhất trước; xem thêm theo năm.",
    )
    for year in years:
        chosen = [e for e in news if e.date.year == year]
        result += paginate(
            f"{NEWS}nam/{year}/",
            f"Tin tức năm {year}",
            "bantin/listing.html",
            chosen,
            page_size,
            links=year_links,
            description=f"Tin tức năm {year} của Hội: {len(chosen)} tin, mới nhất trước.",
        )
    result += _terms(library, "categories", CATEGORIES, "Chuyên mục", "thuộc chuyên mục", page_size)
    result += _terms(library, "tags", TAGS, "Từ khóa", "có từ khóa", page_size)
    result += paginate(
        ISSUES,
        "Bản tin Bình đẳng giới",
        "bantin/issues.html",
        library.published("issue"),
        page_size,
        description="Các số Bản tin Bình đẳng giới của Hội LHPN tỉnh.",
    )
    result += paginate(
        COLUMN,
        "Phụ nữ và cuộc sống",
        "bantin/listing.html",
        library.published("column"),
        page_size,
        description="Chuyên mục hằng tháng “Phụ nữ và cuộc sống”.",
    )
    result += paginate(
        ALBUMS,
        "Album ảnh",
        "bantin/listing.html",
        library.published("album"),
        page_size,
        description="Album ảnh về hoạt động của Hội, mới nhất trước.",
    )
    result += _repository(library, page_size)
    result += paginate(
        DOWNLOADS,
        "Tài liệu",
        "bantin/downloads.html",
        library.published("download"),
        page_size,
        description="Biểu mẫu, mẫu văn bản và phụ lục của Hội để tải về.",
    )
    result.append(
        Listing(
            url=SEARCH,
            title="Tìm kiếm",
            template="bantin/search.html",
            description="Tìm tin tức, bản tin và văn bản của Hội.",
        )
    )
    result.append(
        Listing(
            url=CONTACT,
            title="Liên hệ",
            template="bantin/contact.html",
            description="Địa chỉ, điện thoại, thư điện tử, fanpage, Zalo và nguồn tin RSS của Hội.",
        )
    )
    return result


def _terms(library: Library, attribute: str, prefix: str, label: str, relation: str, page_size: int) -> list[Listing]:
    """The index of the categories (or tags) and one paginated listing per term; ``relation``
    words the descriptions ("thuộc chuyên mục", "có từ khóa")."""
    terms = library.terms(attribute)
    links = tuple((t.name, f"{prefix}{t.slug}/") for t in terms)
    result = [
        Listing(
            url=prefix,
            title=label,
            template="bantin/terms.html",
            links=links,
            description=f"{len(terms)} {label.lower()} của tin bài trên trang, mỗi {label.lower()} một trang.",
        )
    ]
    entries = library.entries
    for term in terms:
        # Term.sources are already newest first (Library.terms walks published() in order).
        chosen = [entries[source] for source in term.sources]
        result += paginate(
            f"{prefix}{term.slug}/",
            f"{label}: {term.name}",
            "bantin/listing.html",
            chosen,
            page_size,
            description=f"{len(chosen)} tin bài {relation} “{term.name}”, mới nhất trước.",
        )
    return result


def _repository(library: Library, page_size: int) -> list[Listing]:
    """The document repository (kho dữ liệu): every document, then one paginated listing per
    year of issue and per type, each page carrying the counted years and types (``groups``).

    A type's URL is the site's slug of its name ("Kế hoạch" → ``van-ban/loai/ke-hoach/``); names
    that give the same slug are one type, named by the most used spelling, as categories are."""
    documents = library.published("document")
    years = Counter(e.date.year for e in documents)
    spellings: dict[str, Counter] = {}
    for e in documents:
        if slugify(e.document_type):
            spellings.setdefault(slugify(e.document_type), Counter())[e.document_type] += 1
    types = {slug: best_spelling(names) for slug, names in spellings.items()}
    type_count = {slug: sum(names.values()) for slug, names in spellings.items()}
    groups = (
        ("Theo năm", tuple((str(y), f"{DOCUMENT_YEARS}{y}/", years[y]) for y in sorted(years, reverse=True))),
        ("Theo loại", tuple((types[s], f"{DOCUMENT_TYPES}{s}/", type_count[s]) for s in sorted(types))),
    )
    template = "bantin/register.html"
    result = paginate(
        DOCUMENTS,
        "Văn bản",
        template,
        documents,
        page_size,
        groups=groups,
        description=f"Kho văn bản của Hội: {len(documents)} văn bản (kế hoạch, hướng dẫn, báo cáo, "
        "thông báo ...), mới nhất trước; xem theo năm hoặc theo loại.",
    )
    for year in sorted(years, reverse=True):
        chosen = [e for e in documents if e.date.year == year]
        result += paginate(
            f"{DOCUMENT_YEARS}{year}/",
            f"Văn bản năm {year}",
            template,
            chosen,
            page_size,
            groups=groups,
            description=f"Văn bản ban hành năm {year}: {len(chosen)} văn bản, mới nhất trước.",
        )
    for slug in sorted(types):
        chosen = [e for e in documents if slugify(e.document_type) == slug]
        result += paginate(
            f"{DOCUMENT_TYPES}{slug}/",
            f"Văn bản: {types[slug]}",
            template,
            chosen,
            page_size,
            groups=groups,
            description=f"{types[slug]}: {len(chosen)} văn bản, mới nhất trước.",
        )
    return result
