"""The content model: the core of bantin.

It turns the editors' Markdown files into typed entries (news articles, bulletin issues and
their articles, column entries, official documents, plain pages) and checks them. It uses
the standard library, PyYAML, Babel, python-slugify and lunar-vn only: never MkDocs, Jinja2,
Python-Markdown, feedgen or any output library (an import-linter contract tests this), so the
same core can drive MkDocs today and ProperDocs or Zensical later.
"""
