"""Signature forms of an official document: TM., KT., TL., TUQ., Q.

Decree 30/2020/NĐ-CP, Appendix I, part II ("Quyền hạn, chức vụ, họ tên và chữ ký của người có
thẩm quyền") lets a document be signed in one of five forms, each written as an abbreviation
before a line in capitals above the signer's own title:

=======  ==============================  ========================================================
form     meaning                         lines of the signature block (bold capitals, in order)
=======  ==============================  ========================================================
TM.      *thay mặt* a collective body    TM. BAN THƯỜNG VỤ / CHỦ TỊCH / [signature] / name
KT.      *ký thay* the head              KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / [signature] / name
TL.      *thừa lệnh* (by order)          TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG / [signature] / name
TUQ.     *thừa ủy quyền* (delegated)     TUQ. CHỦ TỊCH / TRƯỞNG BAN ... / [signature] / name
Q.       *quyền*: acting head            Q. CHỦ TỊCH / [signature] / name (no title line below)
=======  ==============================  ========================================================

A collective body's document signed by a deputy combines two forms, the collective's first:
"TM. BAN THƯỜNG VỤ / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" (Appendix I's example for a People's
Committee). So ``signer.authority`` in front matter is one line or a list of two, and the rules
checked here are: every line starts with one of the five forms; at most two lines; with two,
the first is TM. and the second is not. The Party's marks "T/M", "K/T", "T/L" (Guidance
36-HD/VPTW, for documents the union republishes) are read as TM., KT., TL. and kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMS: dict[str, str] = {
    "TM.": "thay mặt tập thể",
    "KT.": "ký thay người đứng đầu",
    "TL.": "thừa lệnh",
    "TUQ.": "thừa ủy quyền",
    "Q.": "quyền: cấp phó được giao quyền cấp trưởng",
}
"""The forms of Decree 30/2020/NĐ-CP, Appendix I: abbreviation → its meaning (Vietnamese)."""

_PARTY_MARKS = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL."}
"""Party-style spellings (Guidance 36-HD/VPTW) → the state form they mean."""

_FORM_LINE = re.compile(r"^(TUQ|TM|KT|TL|Q|T/M|K/T|T/L)(?:\s*\.\s*|\s+)(\S.*)$")
"""A line starting with a known form; group 1 the mark, group 2 the rest (a body or a title)."""
_ABBREVIATION = re.compile(r"^([A-ZĐ](?:[A-ZĐ/]{0,4}))\.\s*\S")
"""A line starting like a form ("XY. ..."): an abbreviation in capitals followed by a dot."""


class FormError(ValueError):
    """A signature line that breaks the rules above: ``message`` and ``hint`` in Vietnamese."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def forms_list() -> str:
    """The five forms for messages: "TM. (thay mặt tập thể), KT. (ký thay người đứng đầu), ..."."""
    return ", ".join(f"{form} ({meaning})" for form, meaning in FORMS.items())


def form_of(line: str) -> str:
    """The form ("TM.", "KT." ...) a signature line starts with, or "" when it starts with none.

    "T/M", "K/T", "T/L" (Party style) give "TM.", "KT.", "TL."; "TM BAN ..." without the dot
    counts too (Word files often lose it).
    """
    match = _FORM_LINE.match(line.strip())
    if not match:
        return ""
    mark = match.group(1)
    return _PARTY_MARKS.get(mark, f"{mark}.")


@dataclass(frozen=True)
class SignatureLines:
    """A checked signature: ``authority`` lines (each starting with a form, spacing tidied) and
    ``needs_title`` (False when the last form is Q.: "Q. CHỦ TỊCH" is the title itself)."""

    authority: tuple[str, ...]
    needs_title: bool


def check_authority(lines: tuple[str, ...]) -> SignatureLines:
    """Check the authority lines of a signer against Decree 30's forms.

    Args:
        lines: the lines as written, e.g. ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"); () for none
            (a head signing in her own name: title and name only).

    Returns:
        The lines with "TM.BAN" spaced as "TM. BAN" and a missing dot restored (a Party mark
        keeps its slash), and whether a title line must follow.

    Raises:
        FormError: an unknown abbreviation ("TT. CHỦ TỊCH"), a line with no form at all, more
            than two lines, or two lines not in the order "TM." then another form.
    """
    tidy, forms = [], []
    for line in lines:
        form = form_of(line)
        if not form:
            unknown = _ABBREVIATION.match(line)
            said = f"bắt đầu bằng '{unknown.group(1)}.', không phải" if unknown else "không bắt đầu bằng"
            raise FormError(
                f"'{line}' {said} một hình thức ký của Nghị định 30/2020/NĐ-CP.",
                f"Viết một trong: {forms_list()}; ví dụ: authority: KT. CHỦ TỊCH. "
                "Người đứng đầu ký tên mình thì bỏ dòng authority.",
            )
        mark, rest = _FORM_LINE.match(line.strip()).groups()
        tidy.append(f"{mark}{'' if '/' in mark else '.'} {' '.join(rest.split())}")
        forms.append(form)
    if len(forms) > 2:
        raise FormError(
            f"{len(forms)} dòng hình thức ký ({' / '.join(tidy)}): nhiều nhất là hai.",
            "Giữ dòng TM. (tập thể) và một dòng KT., TL., TUQ. hoặc Q., ví dụ: "
            "authority: [TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH]",
        )
    if len(forms) == 2 and (forms[0] != "TM." or forms[1] == "TM."):
        raise FormError(
            f"hai dòng '{tidy[0]}' và '{tidy[1]}' không đúng thứ tự của Nghị định 30/2020/NĐ-CP.",
            "Dòng TM. (thay mặt tập thể) đứng trước, rồi đến KT., TL., TUQ. hoặc Q., ví dụ: "
            "authority: [TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH]",
        )
    return SignatureLines(tuple(tidy), needs_title=not forms or forms[-1] != "Q.")
