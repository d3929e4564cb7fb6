"""What the editor commands need to know about the project: where content is, the site-wide
defaults, the site's address and "now" (``BANTIN_NOW`` / ``now:`` or the clock, in Vietnam)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path

from builder import settings
from builder.content.assemble import Defaults
from builder.content.dates import VIETNAM
from builder.content.reader import shown_path


@dataclass(frozen=True)
class Project:
    """One loaded project.

    Attributes:
        config_file: mkdocs.yml as the command named it.
        options: the bantin plugin's validated options (:mod:`builder.settings`).
        content_dir: the docs directory; defaults: site-wide front matter defaults.
        now: the moment that decides what is published, in Asia/Ho_Chi_Minh.
        site_url: the published address, ending in "/" ("" when mkdocs.yml has none).
    """

    config_file: str
    options: object
    content_dir: Path
    defaults: Defaults
    now: datetime
    site_url: str

    @cached_property
    def config(self):
        """MkDocs' whole validated configuration (``builder.build.load``): Markdown extensions,
        ``nav`` ... Imports MkDocs on first use, which only the steps that need it make.

        Raises:
            builder.build.UsageError: the configuration is unusable.
        """
        from builder import build  # MkDocs: not for reading the content (bantin check's first phase)

        return build.load(self.config_file)

    def shown(self, source: str) -> str:
        """The path of ``source`` (relative to ``content/``) as messages print it, relative to
        the working directory as :func:`builder.content.reader.read_tree` prints it."""
        root = shown_path(self.content_dir)
        return f"{root}/{source}" if root and root != "." else source


def load(config_file: str, engine: bool = True) -> Project:
    """Load the project of ``config_file``: its bantin settings without MkDocs
    (:mod:`builder.settings`), and with ``engine`` MkDocs' whole configuration too, checked now
    (else on first use of :attr:`Project.config`).

    A wrong bantin setting is reported with MkDocs' whole report of the file (every wrong key,
    not only the bantin ones: MkDocs is imported for it), the same as ``bantin build`` gives.

    Raises:
        builder.settings.UsageError: the configuration or ``BANTIN_NOW`` is unusable.
    """
    try:
        found = settings.load(config_file)
    except settings.UsageError as exc:
        if Path(config_file).is_file():
            from builder import build

            build.load(config_file)  # raises its report of the whole file
        raise exc from None  # MkDocs accepted what the settings refuse: the settings' message
    site_url = found.site_url.rstrip("/")
    project = Project(
        config_file=config_file,
        options=found.options,
        content_dir=found.docs_dir,
        defaults=settings.defaults(found),
        now=settings.now(found).astimezone(VIETNAM),
        site_url=site_url + "/" if site_url else "",
    )
    if engine:
        project.config  # noqa: B018 - every command but check stops on a wrong mkdocs.yml before it starts
    return project
