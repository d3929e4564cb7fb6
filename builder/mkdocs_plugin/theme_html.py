"""Repairs to the markup that Material's ``base.html`` writes outside any template block.

A theme override (``custom_dir``) can replace blocks and partials, but ``base.html`` writes a
few elements directly into ``<body>``, and this site does not want them:

- two hidden checkboxes (``__drawer``, ``__search``) with ``autocomplete="off"``, which the Nu
  Html Checker rejects on a checkbox (docs/pitfalls.md §1.6), and the overlay label of the drawer.
  Their only use is Material's phone menu and search dialog; this site shows its section
  tabs on every screen and has its own search page (theme/partials/header.html);
- the skip link, which Material points at the page's first heading *in the table of
  contents* (an h2, past the title and the lead) and leaves out on pages without headings.
  Every page gets instead a skip link to the content column, ``#noi-dung``
  (theme/main.html), as the first thing a keyboard user reaches (WCAG 2.4.1);
- the generator tag, ``<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-…">``,
  whose engine part differs with the engine (ProperDocs writes ``mkdocs-ProperDocs 1.6.7``:
  the only difference between the two engines' sites, ``make engine-compare``) and which tells
  anyone the exact versions the site runs. Every page says ``bantin`` instead, as the print
  templates (theme/print/) and the feeds do.

The plugin runs :func:`tidy` on every page and on 404.html. Each pattern matches the markup
of mkdocs-material 9.x; the keyboard and Nu Html Checker tests of tests/test_browser.py fail
if a new Material version writes it differently.
"""

from __future__ import annotations

import re

SKIP_TARGET = "noi-dung"
"""The id of the content column (theme/main.html)."""

SKIP_LINK = f'<a class="bt-skip" href="#{SKIP_TARGET}">Bỏ qua, đến nội dung chính</a>'
"""The first element of every page's body."""

# Each pattern starts with a literal, which the regex engine finds quickly; the white space
# before a match is removed by _cut (a leading \s* would be tried at every space: 2 ms a page).
_TOGGLES = re.compile(r'<input class="md-toggle" data-md-toggle="(?:drawer|search)"[^>]*>')
_OVERLAY = re.compile(r'<label class="md-overlay" for="__drawer"></label>')
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.S)
_GENERATOR = re.compile(r'<meta name="generator" content="mkdocs-[^"]*">')
_SPACE = " \t\r\n\f"

GENERATOR = '<meta name="generator" content="bantin">'


def tidy(html: str) -> str:
    """Return ``html`` (a whole page written by the theme) with the repairs above."""
    html = _GENERATOR.sub(GENERATOR, _cut(_cut(html, _TOGGLES), _OVERLAY), count=1)
    return _SKIP.sub(SKIP_LINK, html, count=1)


def _cut(html: str, pattern: re.Pattern) -> str:
    """``html`` without the matches of ``pattern`` and the white space before each."""
    out, last = [], 0
    for match in pattern.finditer(html):
        start = match.start()
        while start > last and html[start - 1] in _SPACE:
            start -= 1
        out.append(html[last:start])
        last = match.end()
    return "".join(out) + html[last:] if out else html
