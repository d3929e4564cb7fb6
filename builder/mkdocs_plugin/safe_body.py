"""The Markdown extension that cleans every page's body (:mod:`builder.outputs.safe_html`).

Named in the Markdown extensions by :func:`builder.mkdocs_plugin.plugin.configure_markdown`
(as a module name, so that the Markdown cache's key stays the same in every process), it runs
wherever the site's Markdown is converted: MkDocs' pages, the page workers, the preview and
``bantin check``'s own rendering. Its postprocessor runs last (priority 1: after raw HTML,
footnotes and ``attr_list`` are in place), so the HTML MkDocs stores, caches, prints into the
PDFs, indexes for search and hands to the feeds is already clean.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from builder.outputs.figures import add_captions
from builder.outputs.safe_html import clean

NAME = "builder.mkdocs_plugin.safe_body"
"""How ``mkdocs.yml``'s Markdown extension list names this extension."""

PRIORITY = 1
"""After every postprocessor of Python-Markdown and pymdown-extensions (raw HTML: 30)."""


class SafeBodyExtension(Extension):
    """Registers :class:`CleanBody` on a Markdown instance."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.postprocessors.register(CleanBody(md), "bantin_safe_body", PRIORITY)


class CleanBody(Postprocessor):
    """Replaces the finished HTML with :func:`builder.outputs.safe_html.clean` of it, a lone
    picture captioned as in the print editions (:func:`builder.outputs.figures.add_captions`)."""

    def run(self, text: str) -> str:
        # Captions after cleaning: the figure is the project's own markup, made of clean parts.
        return add_captions(clean(text))


def makeExtension(**kwargs) -> SafeBodyExtension:  # noqa: N802 (Python-Markdown's entry point)
    """The extension, as Python-Markdown loads it by module name."""
    return SafeBodyExtension(**kwargs)
