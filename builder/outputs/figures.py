"""Captions of pictures in bodies: one rule for the web pages, the feeds and the print editions.

A picture alone in its paragraph (``![Mô tả](anh.jpg "Chú thích")`` on a line of its own)
becomes ``<figure><img …><figcaption>…</figcaption></figure>``; the caption is the picture's
title (the quoted text after the file name), or else its alt text. When the paragraph right under
the picture says the same words (Word's "Caption" paragraph under a picture whose alt text is
those words, as ``bantin import`` makes it), that paragraph becomes the caption, so the
caption is shown once. A picture inside a sentence stays where it is, without a caption. The print editions (builder/outputs/editions.py)
and the site (the body's Markdown postprocessor, builder/mkdocs_plugin/safe_body.py) both use
:func:`wrap_lone_pictures`, so a photo has the same caption on paper and on screen
(HUONG-DAN.md, mục 5).
"""

from __future__ import annotations

import lxml.html

from builder.content.text import normalise


def wrap_lone_pictures(root) -> bool:
    """Turn every ``<p>`` of ``root`` (an lxml element, changed in place) that holds one
    ``<img>`` and no text into a captioned ``<figure>``.

    Returns:
        Whether anything changed.
    """
    changed = False
    for paragraph in list(root.iter("p")):
        children = list(paragraph)
        if (
            len(children) == 1
            and children[0].tag == "img"
            and not (paragraph.text or "").strip()
            and not (children[0].tail or "").strip()
        ):
            image = children[0]
            figure = lxml.html.Element("figure")
            figure.append(image)
            image.tail = None
            caption = image.get("title") or image.get("alt")
            following = paragraph.getnext()
            if (
                caption
                and following is not None
                and following.tag == "p"
                and _same_words(following.text_content(), caption)
            ):
                figure.tail = following.tail
                following.getparent().remove(following)
            else:
                figure.tail = paragraph.tail
            if caption:
                figcaption = lxml.html.Element("figcaption")
                figcaption.text = caption
                figure.append(figcaption)
            paragraph.getparent().replace(paragraph, figure)
            changed = True
    return changed


def _same_words(a: str, b: str) -> bool:
    """True when two texts say the same words, ignoring case, spacing and the final full stop."""

    def words(text: str) -> str:
        return " ".join(normalise(text).split()).rstrip(".").casefold()

    return words(a) == words(b)


def add_captions(html: str) -> str:
    """:func:`wrap_lone_pictures` on an HTML fragment (a page's body); ``html`` is returned
    unchanged (byte for byte) when it has no lone picture."""
    if "<img" not in html:
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    if not wrap_lone_pictures(root):
        return html
    wrapped = lxml.html.tostring(root, encoding="unicode")
    return wrapped[len("<div>") : -len("</div>")]
