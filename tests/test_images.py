"""Pictures in article bodies need a description (builder/content/images.py)."""

from __future__ import annotations

from builder.content.images import MissingAlt, missing_alt


def test_pictures_without_description_are_found_with_line_and_column():
    body = ("Mở đầu.\n\n![](anh-1.jpg)\n![ ](<anh 2.jpg> \"Tựa\") và ![][bia]\n"
            '<img src="anh-3.jpg"> <IMG SRC=anh-4.jpg alt=""> <img alt="  " src="anh-5.jpg">\n')
    assert missing_alt(body, body_line=5) == [
        MissingAlt(7, 1, "anh-1.jpg"), MissingAlt(8, 1, "anh 2.jpg"), MissingAlt(8, 28, "bia"),
        MissingAlt(9, 1, "anh-3.jpg"), MissingAlt(9, 23, "anh-4.jpg"), MissingAlt(9, 50, "anh-5.jpg")]


def test_described_pictures_and_code_are_accepted():
    body = ("![Hội viên tại lễ ra mắt](anh.jpg)\n<img src='a.jpg' alt='Bìa bản tin'>\n"
            "<img alt=Bìa src=a.jpg>\nViết `![](anh.jpg)` trong bài.\n```\n![](vi-du.jpg)\n```\n")
    assert missing_alt(body) == []
