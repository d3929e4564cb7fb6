"""Configuration of the ``bantin`` MkDocs plugin (the ``plugins: - bantin:`` block of mkdocs.yml).

Declared with :mod:`builder.config_options` (MkDocs' option types, without MkDocs): validated by
:func:`builder.settings.validate` when MkDocs loads the plugin (``BantinPlugin.load_config``)
and when a command reads the settings without MkDocs (:func:`builder.settings.load`).
"""

from __future__ import annotations

from builder import config_options as c
from builder.config_options import Config, ValidationError

from builder.mkdocs_plugin.edition_config import EditionsOption
from builder.mkdocs_plugin.identity_config import ContactConfig, IdentityConfig
from builder.mkdocs_plugin.period_config import PeriodsOption
from builder.mkdocs_plugin.sharing_config import SharingConfig


class Count(c.Type):
    """A whole number of at least ``minimum``: MkDocs' ``Type(int)`` alone takes -3, and
    ``true`` (a bool is an int in Python)."""

    def __init__(self, minimum: int, default: int):
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if isinstance(value, bool) or value < self.minimum:
            shown = str(value).lower()  # as YAML writes it: "true", not Python's "True"
            raise ValidationError(f"phải là một số nguyên từ {self.minimum} trở lên, không phải {shown}.")
        return value


class IssuerConfig(Config):
    """The usual issuing body of official documents (*cơ quan ban hành*)."""

    parent = c.Type(str, default="")
    """The parent body (*cơ quan chủ quản*), e.g. "HỘI LHPN VIỆT NAM"; "" for none."""
    body = c.Type(str, default="")
    """The issuing body, e.g. "BCH HỘI LHPN TỈNH QUẢNG TRỊ"."""


class CmsConfig(Config):
    """The web editor at ``/admin/`` (Decap CMS, builder/outputs/admin.py; README, "Trình soạn thảo web")."""

    branch = c.Type(str, default="main")
    """The branch the editor's pull requests go to."""
    auth_url = c.Optional(c.Type(str))
    """The address of the OAuth relay that signs editors in to GitHub (README); not set:
    Decap's default (Netlify's), which works only for a site Netlify hosts."""
    local_url = c.Type(str, default="http://127.0.0.1:8081/api/v1")
    """Decap's local mode server (``decap-server``), used only when the editor is opened on
    127.0.0.1 or localhost: the technician's computer, the browser test."""


class BantinConfig(Config):
    """Options of the plugin; every one has a default that suits a provincial union."""

    organisation = c.Type(str, default="Hội LHPN tỉnh Quảng Trị")
    """The publishing organisation, shown in feeds and on the bulletin."""
    bulletin_name = c.Type(str, default="Bình đẳng giới")
    """The bulletin's name ("Bản tin <name>")."""
    issuer = c.SubConfig(IssuerConfig)
    """Default issuer of official documents dated before every period of ``periods``;
    front matter ``issuer`` overrides it."""
    place = c.Type(str, default="")
    """Default place of the documents' date line ("Quảng Trị") before every period."""
    periods = PeriodsOption()
    """The issuer lines, place and the bulletin's cơ quan chủ quản from each date on
    (period_config.py): a document or issue takes those in force on its own date."""
    motto = c.Type(bool, default=True)
    """Whether documents show the national motto unless their front matter says otherwise."""
    page_size = Count(minimum=1, default=10)
    """Entries per listing page."""
    home_size = Count(minimum=0, default=6)
    """Latest news shown on the home page."""
    feed_items = Count(minimum=1, default=20)
    """Entries per feed (RSS and Atom)."""
    calendar_window_days = Count(minimum=0, default=30)
    """The home page shows the occasions of the calendar (content/_data/ngay-ky-niem.yml) from
    the build's day to this many days later; 0 hides the box."""
    search_recent = Count(minimum=0, default=1000)
    """Newest entries in the search index a reader's first query uses (plain pages always
    are); older entries go to an archive index that the search page adds when the reader
    asks, or when the newest have no match. Keeps the first search of a large site small
    (bench/readers.py). 0: one index for everything."""
    now = c.Optional(c.Type(str))
    """Publish as if it were this moment (ISO 8601, Vietnam time); for reproducible builds
    and tests. The environment variable ``BANTIN_NOW`` overrides it; default: the clock."""
    editions = EditionsOption()
    """Print editions (PDFs of bulletin issues and official documents): see edition_config.py."""
    sharing = c.SubConfig(SharingConfig)
    """Social cards, sharing metadata and cross-posting (builder/mkdocs_plugin/sharing.py)."""
    identity = c.SubConfig(IdentityConfig)
    """The emblem in the header and the file the favicons are made from (identity_config.py)."""
    cms = c.SubConfig(CmsConfig)
    """The web editor's branch and sign-in relay (CmsConfig)."""
    contact = c.SubConfig(ContactConfig)
    """The organisation's address, telephone, e-mail, fanpage and Zalo: the footer of every
    page and the "Liên hệ" page (identity_config.py)."""
