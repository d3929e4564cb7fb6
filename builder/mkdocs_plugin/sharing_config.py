"""The ``sharing:`` block of the bantin settings (social cards and cross-posting to Facebook).

Declared with :mod:`builder.config_options` (no MkDocs), so that :mod:`builder.settings` reads
it without MkDocs; :mod:`builder.mkdocs_plugin.sharing` uses it.
"""

from __future__ import annotations

from datetime import date

from builder import config_options as c
from builder.config_options import Config


class FacebookConfig(Config):
    """Cross-posting to the Facebook Page (``bantin crosspost``). The Page id and access
    token are never here: they come from FACEBOOK_PAGE_ID and FACEBOOK_PAGE_TOKEN."""

    since = c.Optional(c.Type((str, date)))
    """Only items dated on or after this day are posted (2026-12-01); required to post."""
    api_url = c.Type(str, default="https://graph.facebook.com/")
    """The Graph API's address (tests point it at a server on 127.0.0.1)."""
    api_version = c.Type(str, default="v24.0")
    """The Graph API version; Meta supports each for about two years."""
    state_file = c.Type(str, default="crosspost/facebook.json")
    """The committed record of posted items, relative to mkdocs.yml."""
    summary_length = c.Type(int, default=280)
    """Characters of the summary kept in a post (and in a Zalo text)."""
    hashtags = c.Type(int, default=5)
    """Hashtags (from the tags) at most per post."""
    ascii_hashtags = c.Type(bool, default=False)
    """Hashtags without tone marks (#BinhDangGioi instead of #BìnhĐẳngGiới)."""
    retries = c.Type(int, default=3)
    """Attempts after a transient failure (HTTP 5xx, lost connection)."""
    retry_wait = c.Type((int, float), default=5)
    """Seconds before the first retry, doubled for each further one."""
    rate_limit_wait = c.Type((int, float), default=60)
    """Seconds to wait once when Facebook limits the rate, before trying again and stopping."""
    timeout = c.Type((int, float), default=30)
    """Seconds to wait for Facebook's answer."""
    confirm_window = c.Type((int, float), default=180)
    """Seconds after a send with no clear answer during which the Page is searched for the post
    before it is sent again (Facebook sometimes creates a post a minute or more late)."""
    confirm_every = c.Type((int, float), default=15)
    """Seconds between two such searches."""
    search_pages = c.Type(int, default=50)
    """Pages of 100 Page posts read at most when looking for posts already made."""


class SharingConfig(Config):
    """How pages look when shared (the ``sharing:`` block of the plugin's options)."""

    image = c.Choice(("background", "instead"), default="background")
    """What a page's front matter ``image`` does: ``background`` puts the card's text on the
    darkened photo; ``instead`` makes the photo itself (cropped to 1200×630) the card."""
    logo = c.Type(str, default="")
    """The publisher logo for search engines, relative to content/ (PNG/JPEG, at least
    112×112); "" draws one from the organisation's name."""
    facebook = c.SubConfig(FacebookConfig)
