"""Outputs made from the content model and the rendered pages: feeds, web fonts.

Each module owns one output library (feedgen, fontTools ...) and imports no other output.
"""
