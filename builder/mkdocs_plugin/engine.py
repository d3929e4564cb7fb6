"""The few parts of MkDocs itself that the build and the preview call: the adapter's public
facade to the engine.

:mod:`builder.build` (load the configuration, run MkDocs' build, its exceptions) and
:mod:`builder.preview` (the live-reload server) reach MkDocs only through this module and the
adapter's other public modules (``pyproject.toml``, ``[tool.importlinter]``: "MkDocs only
through the adapter"), so that a change of engine (MkDocs 1.6, a fork of it) is made here.
"""

from __future__ import annotations

from mkdocs.commands.build import build as build_site
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

__all__ = ["Abort", "ConfigurationError", "PluginError", "build_site", "live_reload_server", "load_config"]


def live_reload_server(**options):
    """MkDocs' live-reload server (``mkdocs.livereload.LiveReloadServer(**options)``), imported
    only when the preview starts it."""
    from mkdocs.livereload import LiveReloadServer
    return LiveReloadServer(**options)
