"""What the editor commands need to know about the project: where content is, the site-wide
defaults, the site's address and "now" (``BANTIN_NOW`` / ``now:`` or the clock, in Vietnam)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mkdocs.exceptions import PluginError

from builder import build
from builder.content.assemble import Defaults
from builder.content.dates import VIETNAM
from builder.content.reader import shown_path


@dataclass(frozen=True)
class Project:
    """One loaded project.

    Attributes:
        config: the validated MkDocs configuration; options: the bantin plugin's options.
        content_dir: the docs directory; defaults: site-wide front matter defaults.
        now: the moment that decides what is published, in Asia/Ho_Chi_Minh.
        site_url: the published address, ending in "/" ("" when mkdocs.yml has none).
    """

    config: object
    options: object
    content_dir: Path
    defaults: Defaults
    now: datetime
    site_url: str

    def shown(self, source: str) -> str:
        """The path of ``source`` (relative to ``content/``) as messages print it, relative to
        the working directory as :func:`builder.content.reader.read_tree` prints it."""
        root = shown_path(self.content_dir)
        return f"{root}/{source}" if root and root != "." else source


def load(config_file: str) -> Project:
    """Load the project of ``config_file``.

    Raises:
        builder.build.UsageError: the configuration or ``BANTIN_NOW`` is unusable.
    """
    config = build.load(config_file)
    plugin = build.plugin_of(config)
    try:
        now = plugin._now().astimezone(VIETNAM)
    except PluginError as exc:
        raise build.UsageError(str(exc)) from None
    site_url = (config.site_url or "").rstrip("/")
    return Project(config=config, options=plugin.config, content_dir=Path(config.docs_dir),
                   defaults=plugin._defaults(), now=now, site_url=site_url + "/" if site_url else "")
