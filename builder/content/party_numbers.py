"""Party-style document numbers ("Số 12-KH/ĐU"), recognised so that they can be refused clearly.

Documents of the Communist Party's bodies follow Guidance 36-HD/VPTW (03/4/2018) of the Party
Central Office, not Decree 30/2020/NĐ-CP: the header reads "ĐẢNG CỘNG SẢN VIỆT NAM" where
the state documents put the national motto, and the number has no colon and a hyphen before
the type, the issuer after a slash: "Số 12-KH/ĐU" (number-TYPE/ISSUER), against the state's
"Số: 12/KH-BTV" (number/TYPE-ISSUER).

The Women's Union is not a Party organisation: it issues its documents in the state form
(docs/van-ban-nghi-dinh-30.md), and the site's document pages and PDFs are laid out for that
form only. A Party document the union receives and republishes is not one of its own
documents; so a Party number in ``document_number`` is refused with a message saying how to
publish it (as a news item with the original attached), and ``bantin import`` of a Word file
with such a number makes a news item, not a document page. Both say so in Vietnamese.
"""

from __future__ import annotations

import re

PARTY_NUMBER = re.compile(r"^(?:Số\s*:?\s*)?(\d{1,4})\s*-\s*([A-ZĐ][A-Za-zĐđ]*)\s*/\s*([A-ZĐ][A-ZĐ0-9-]*)$")
"""number-TYPE/ISSUER, with or without "Số" (Guidance 36-HD/VPTW): "12-KH/ĐU", "Số 127-QĐ/TW"."""

PARTY_HEADER = "ĐẢNG CỘNG SẢN VIỆT NAM"
"""What a Party document prints top right instead of the national motto."""


def is_party_number(text: str) -> bool:
    """True when ``text`` ("Số 12-KH/ĐU", "12-KH/ĐU") is a number in the Party's form."""
    return bool(PARTY_NUMBER.match(" ".join(text.split())))


def compact(text: str) -> str:
    """A Party number without "Số" and spaces: "Số 12 - KH/ĐU" → "12-KH/ĐU" (as it was written
    otherwise)."""
    match = PARTY_NUMBER.match(" ".join(text.split()))
    return f"{match.group(1)}-{match.group(2)}/{match.group(3)}" if match else text


def hint(text: str) -> str:
    """How to fix a Party number in an official document's front matter (Vietnamese): the state
    form of the same number if it is the union's own document, else publish it as news."""
    number = compact(text)
    match = PARTY_NUMBER.match(number)
    state = f"{match.group(1)}/{match.group(2)}-BTV" if match else "12/KH-BTV"
    return (
        f'Nếu là văn bản của Hội: viết số theo mẫu Nghị định 30, ví dụ: document_number: "{state}". '
        "Nếu là văn bản của tổ chức Đảng mà Hội đăng lại: chuyển tệp sang thư mục tin-tuc/ thành một bài "
        "tin (title, date) và đặt bản chụp văn bản gốc làm ảnh hoặc liên kết trong bài."
    )
