"""Sharing, on the MkDocs side: its configuration, each page's metadata and card, Zalo texts.

The plugin hands work here at three points: :meth:`Sharing.page` gives a page's template its
:class:`~builder.mkdocs_plugin.metadata.PageMeta` (``on_page_context``); :meth:`Sharing.write`
draws the social cards and writes the Zalo texts once every page is built
(``on_post_build``); :func:`crosspost` runs ``bantin crosspost`` with the settings of
mkdocs.yml.

Files written: ``assets/cards/<page url>.png`` (one card per entry page; ``.jpg`` for a page
whose front matter names a picture, drawn on it: :attr:`builder.outputs.cards.Card.format`),
``assets/cards/_site.png`` (the card of the home and listing pages),
``assets/cards/_logo.png`` (the publisher logo, unless ``sharing.logo`` names one) and
``<entry url>zalo.txt`` (the Zalo text of each news article, bulletin issue, column entry
and document).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from builder.content import dates, sharing as texts
from builder.content.images import front_matter_path
from builder.content.library import Library
from builder.content.model import Entry
from builder.content.reader import shown_path
from builder.mkdocs_plugin import metadata
from builder.mkdocs_plugin.sharing_config import FacebookConfig, SharingConfig  # noqa: F401 - declared there, without MkDocs
from builder.outputs import cards, crosspost as xpost, feeds

MIN_PHOTO = (600, 315)
"""Smallest picture (width, height in pixels) a card is drawn on: half the card's 1200 × 630,
so enlarged at most twice. A smaller one (a 150 × 150 share photo, enlarged 8×) would make a
blurred card: the card is drawn without it, and the editor warned."""
CARDS = "assets/cards/"
SITE_CARD = f"{CARDS}_site.png"
LOGO = f"{CARDS}_logo.png"
ZALO = "zalo.txt"
_SHOW_PROGRESS = 50  # cards to draw from which the build prints its progress


def card_path(url: str, format: cards.Format = cards.PNG) -> str:
    """Where the card of the page at ``url`` ("tin-tuc/a/") goes: "assets/cards/tin-tuc/a.png",
    or "assets/cards/tin-tuc/a.jpg" for a card in ``format`` :data:`~builder.outputs.cards.JPEG`."""
    return f"{CARDS}{url.strip('/')}{format.suffix}" if url.strip("/") else SITE_CARD


def site_address(config) -> str:
    """The absolute site URL ending in "/" (the feeds' fallback when ``site_url`` is unset)."""
    return (config.site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"


class Sharing:
    """Sharing for one build.

    Args:
        config: the MkDocs configuration; options: the plugin's ``sharing`` options;
        organisation: the publisher; library: the content.

    Raises:
        PluginError: ``options.logo`` names a file that is missing or not an image.
    """

    def __init__(self, config, options: SharingConfig, organisation: str, library: Library):
        self.url = site_address(config)
        self.docs_dir = Path(config.docs_dir)
        self.options, self.organisation, self.library = options, organisation, library
        self.site = metadata.Site(
            url=self.url,
            name=config.site_name,
            description=config.site_description or "",
            organisation=organisation,
            library=library,
            logo=self._logo(),
        )
        parts = urlsplit(self.url)
        self.address = f"{parts.netloc}{parts.path}".rstrip("/")
        self.site_card = cards.Card(path=SITE_CARD, title=config.site_name, brand=organisation, footer=self.address)
        self.published: Mapping | None = None
        self.refused: Mapping[str, str] = {}

    def use_pictures(self, published: Mapping, refused: Mapping[str, str]) -> None:
        """The pictures the site publishes (path relative to the docs folder → an object with
        ``width`` and ``height``: :class:`builder.mkdocs_plugin.pictures.Published`) and those
        it left out (path → reason): a card is never drawn on a picture left out (its bytes
        could not be published safely) nor on one smaller than :data:`MIN_PHOTO`."""
        self.published, self.refused = published, refused

    def too_small(self, uri: str) -> tuple[int, int] | None:
        """The size of the published picture ``uri`` when it is smaller than :data:`MIN_PHOTO`, else None."""
        picture = self.published.get(uri) if self.published is not None else None
        if picture is None or (picture.width >= MIN_PHOTO[0] and picture.height >= MIN_PHOTO[1]):
            return None
        return picture.width, picture.height

    def page(self, page, entry: Entry | None, listing) -> metadata.PageMeta:
        """The metadata of ``page``; also gives Material its meta description (escaped: MkDocs
        renders templates without autoescaping)."""
        if entry is not None:
            card = self.card(entry)
            image = metadata.Image(
                self.url + card.path, *card.size, alt=self._alt(entry, card), type=card.format.media_type
            )
            meta = metadata.page_meta(self.site, page.url, entry.title, entry, image)
        else:
            image = metadata.Image(self.url + SITE_CARD, *self.site_card.size, alt=self.site_card.title)
            title = self.site.name if page.is_homepage else (page.title or self.site.name)
            meta = metadata.page_meta(
                self.site, page.url, title, None, image, getattr(listing, "description", "") or ""
            )
        page.meta["description"] = Markup(escape(meta.description))
        return meta

    def card(self, entry: Entry) -> cards.Card:
        """The card of ``entry``'s page (its ``photo``: the picture's file in the docs folder)."""
        photo = _photo_uri(entry)
        if photo in self.refused or self.too_small(photo):
            photo = ""  # drawn on colour; the editor is warned (pictures.publish, write)
        path = str(self.docs_dir / photo) if photo else ""
        layout = "photo" if path and self.options.image == "instead" else "text"
        return cards.Card(
            path=card_path(entry.url, cards.format_of(path)),
            title=entry.title,
            label=texts.label(entry, self.library),
            date=dates.display_date(entry.date) if entry.date else "",
            brand=self.organisation,
            footer=self.address,
            photo=path,
            layout=layout,
            source=entry.source,
        )

    def write(
        self,
        site_dir: Path,
        sources: list[str],
        cache_dir: Path,
        progress: Callable[[int, int], None] | None = None,
        files: Files | None = None,
        busy: Callable[[], bool] | None = None,
    ) -> list[str]:
        """Draw the cards of the entries in ``sources`` (the pages built), the site card and
        the logo; write the Zalo texts.

        Args:
            files: MkDocs' files once the pictures are processed (``pictures.publish``): a
                card is then drawn from the copy of its picture that the site publishes
                (at most 1440 px wide, upright, sRGB), not from the original, a phone's
                12 megapixels that take five times as long to decode.
            busy: cards are drawn in this process alone while it returns True (see
                :func:`builder.outputs.cards.write_cards`).

        Returns:
            Summary lines for the command's report (Vietnamese), with a warning naming file
            and line for each picture that could not be used (its card is drawn without it).
        """
        entries = [self.library.entries[s] for s in sources if s in self.library.entries]
        todo = [_from_published(self.card(e), _photo_uri(e), files) for e in entries] + [self.site_card]
        if not self.options.logo:
            todo.append(cards.Card(path=LOGO, title=self.organisation, layout="logo"))
        report = cards.write_cards(todo, site_dir, cache_dir / "cards", progress or _progress, busy=busy)
        zalo = self._write_zalo(site_dir)
        small = [self._small_warning(e, size) for e in entries if (size := self.too_small(_photo_uri(e)))]
        return (
            [
                f"Thẻ chia sẻ: {report.drawn} thẻ vẽ mới, {report.reused} thẻ dùng lại ({report.seconds:.1f} giây).",
                f"Tin nhắn Zalo: {zalo} tệp {ZALO}.",
            ]
            + [self._card_warning(card, why) for card, why in report.problems]
            + small
        )

    def refresh(self, site_dir: Path, sources: set[str], cache_dir: Path, files: Files | None = None) -> None:
        """Draw the cards and write the Zalo texts of the entries in ``sources`` only (a
        preview's edit: the site card and the logo stay as the last build made them);
        ``files`` as for :meth:`write`, so that a card is the one a build draws."""
        entries = [self.library.entries[s] for s in sorted(sources) if s in self.library.entries]
        cards.write_cards(
            [_from_published(self.card(e), _photo_uri(e), files) for e in entries],
            site_dir,
            cache_dir / "cards",
            lambda done, total: None,
            workers=1,
            prune=False,
        )
        self._write_zalo(site_dir, sources)

    def _write_zalo(self, site_dir: Path, only: set[str] | None = None) -> int:
        settings = settings_of(self.options.facebook, Path("."), since=False)
        written = 0
        for item in xpost.items(self.library, self.url, settings, feeds.guid, only=only):
            target = site_dir / item.entry.url / ZALO
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(item.zalo + "\n", encoding="utf-8")
            written += 1
        return written

    def _alt(self, entry: Entry, card: cards.Card) -> str:
        if card.layout == "photo":
            return entry.image_alt or getattr(entry, "cover_alt", "") or entry.title
        return metadata.card_alt(card.title, card.label, card.date)

    def _logo(self) -> metadata.Image:
        if not self.options.logo:
            return metadata.Image(self.url + LOGO, cards.LOGO_SIZE, cards.LOGO_SIZE, alt=self.organisation)
        try:
            width, height = cards.image_size(self.docs_dir / self.options.logo)
        except OSError:
            raise PluginError(
                f"mkdocs.yml: plugins → bantin → sharing → logo: '{self.options.logo}' không phải tệp "
                f"ảnh có trong {self.docs_dir}/. Cách sửa: đặt ảnh logo (PNG hoặc JPEG) vào thư mục "
                "đó và ghi đường dẫn tính từ thư mục đó, hoặc bỏ dòng logo."
            ) from None
        return metadata.Image(self.url + self.options.logo.lstrip("/"), width, height, alt=self.organisation)

    def _card_warning(self, card: cards.Card, reason: str) -> str:
        """ "Cảnh báo: content/tin-tuc/a.md:6: ..." for a picture a card could not use."""
        entry = self.library.entries[card.source]
        key = "image" if entry.image else "cover"
        shown = shown_path(self.docs_dir / entry.source)
        return (
            f"Cảnh báo: {shown}:{entry.key_lines.get(key, 1)}: thẻ chia sẻ không dùng được ảnh "
            f"'{getattr(entry, key)}' ({key}): {reason}; thẻ được vẽ trên nền màu. Cách sửa: dùng ảnh JPEG, PNG "
            "hoặc WebP (mở ảnh bằng phần mềm xem ảnh và lưu lại dưới dạng JPEG)."
        )

    def _small_warning(self, entry: Entry, size: tuple[int, int]) -> str:
        """ "Cảnh báo: content/tin-tuc/a.md:6: ..." for a picture too small for a card."""
        key = "image" if entry.image else "cover"
        shown = shown_path(self.docs_dir / entry.source)
        return f"Cảnh báo: {shown}:{entry.key_lines.get(key, 1)}: {small_photo_message(getattr(entry, key), key, size)}"


def small_photo_message(name: str, key: str, size: tuple[int, int]) -> str:
    """What an editor is told about the picture ``name`` of front matter ``key``, of ``size``
    (width, height) pixels, too small for a card (:data:`MIN_PHOTO`); ``bantin check`` says the same."""
    return (
        f"ảnh '{name}' ({key}) chỉ {size[0]} × {size[1]} điểm ảnh, quá nhỏ cho thẻ chia sẻ {cards.WIDTH} × "
        f"{cards.HEIGHT} (ảnh sẽ bị phóng to, mờ); thẻ được vẽ trên nền màu, không có ảnh. Cách sửa: dùng ảnh rộng "
        f"ít nhất {MIN_PHOTO[0]} và cao ít nhất {MIN_PHOTO[1]} điểm ảnh (ảnh chụp gốc từ điện thoại, không phải "
        "ảnh thu nhỏ)."
    )


def _photo_uri(entry: Entry) -> str:
    """The picture of ``entry``'s card relative to the docs folder ("tin-tuc/anh.jpg"), or ""."""
    photo = entry.image or getattr(entry, "cover", "")
    return front_matter_path(entry.source, photo) if photo else ""


def _from_published(card: cards.Card, uri: str, files: Files | None) -> cards.Card:
    """``card`` drawn from the file the site publishes at ``uri`` (the processed copy, see
    builder/mkdocs_plugin/pictures.py); unchanged when there is none (a picture that could not
    be processed: the original is tried, and the editor warned if it cannot be read either)."""
    published = files.get_file_from_path(uri) if files is not None and uri else None
    if published is None or not published.abs_src_path:
        return card
    return replace(card, photo=published.abs_src_path)


def _progress(done: int, total: int) -> None:
    """Print how many cards are drawn, every tenth of the way, when there are many."""
    if total >= _SHOW_PROGRESS and (done == total or done % max(total // 10, 1) == 0):
        print(f"Đang vẽ thẻ chia sẻ: {done}/{total}", file=sys.stderr, flush=True)


def settings_of(options: FacebookConfig, root: Path, since=True) -> xpost.Settings:
    """The cross-posting settings of ``options``; ``root`` is the folder of mkdocs.yml.

    Raises:
        CrosspostError: ``since`` is required (``since=True``) but unset or not a date.
    """
    start = xpost.parse_since(options.since) if since else None
    if since and start is None:
        raise xpost.CrosspostError(
            "Chưa đặt ngày bắt đầu đăng lên Facebook. Cách sửa: trong mkdocs.yml, mục plugins → bantin → sharing → "
            "facebook, thêm dòng 'since: 2026-12-01' (chỉ bài từ ngày đó trở đi được đăng; bài cũ hơn thì không)."
        )
    return xpost.Settings(
        api_url=options.api_url,
        api_version=options.api_version,
        state_file=root / options.state_file,
        since=start,
        summary_length=options.summary_length,
        hashtags=options.hashtags,
        ascii_hashtags=options.ascii_hashtags,
        retries=options.retries,
        retry_wait=float(options.retry_wait),
        rate_limit_wait=float(options.rate_limit_wait),
        timeout=float(options.timeout),
        confirm_window=float(options.confirm_window),
        confirm_every=float(options.confirm_every),
        search_pages=max(options.search_pages, 1),
    )


def crosspost(
    config,
    options: SharingConfig,
    library: Library,
    mode: str,
    environ: Mapping[str, str],
    since: str | None = None,
    out=print,
) -> int:
    """Run ``bantin crosspost``: post (``mode="post"``), preview (``"dry-run"``) or print the
    Zalo texts (``"zalo"``) of the items not yet on the Page.

    Returns:
        The exit code (:data:`builder.outputs.crosspost.OK` ...).

    Raises:
        CrosspostError: the run stopped (messages never contain the access token).
    """
    if not config.site_url:
        raise xpost.CrosspostError(
            "mkdocs.yml chưa có site_url: bài đăng cần địa chỉ đầy đủ của trang web. Cách sửa: "
            "thêm dòng 'site_url: https://...' vào mkdocs.yml."
        )
    every, settings = candidates(config, options, library, since)
    return xpost.run(every, settings, environ, mode, out)


def candidates(
    config, options: SharingConfig, library: Library, since: str | None = None
) -> tuple[list[xpost.Item], xpost.Settings]:
    """What ``bantin crosspost`` considers: the published items of ``library`` from the start
    day (``since``, or ``sharing.facebook.since`` of mkdocs.yml), oldest first, before the
    state file removes those already posted (:func:`builder.outputs.crosspost.unposted`);
    and the settings of mkdocs.yml.

    Raises:
        CrosspostError: no start day is set, or it is not a date.
    """
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    settings = settings_of(options.facebook, root, since=since is None)
    start = xpost.parse_since(since) if since is not None else None
    return xpost.items(library, site_address(config), settings, feeds.guid, since=start), settings
