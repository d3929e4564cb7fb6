"""How each type of official document is laid out: one table, read by the web page template,
the print template and the importer.

Decree 30/2020/NĐ-CP, Appendix I gives every document the same frame (issuer and national
motto on top, "Số:" left and the place and date right, body, "Nơi nhận:" left and the
signature right). The types differ in a few places only, and those differences are the data
below, not separate templates (``theme/bantin/document.html`` and ``theme/print/document.html``
read :class:`Layout`). The "Kính gửi:" block is not a matter of type: any document that has
``addressees`` (a công văn, a tờ trình, a báo cáo sent upward) prints it before the body.

=================  =====================================  ====================================
field              Công văn (letter)                      any type with a name (Kế hoạch ...)
=================  =====================================  ====================================
``heading``        False: no type heading                 True: "KẾ HOẠCH" centred, bold caps
``subject_prefix`` "V/v": "V/v <trích yếu>" under the     "": the trích yếu under the type
                   number, left column, 12–13 pt, upright  heading, bold, then a short rule
``basis_italic``   False: "Thực hiện ..." is body text    True: "Căn cứ ..." lines in italics
``decision``       ""                                     "QUYẾT ĐỊNH:" for a Quyết định
=================  =====================================  ====================================

Sources: Decree 30/2020/NĐ-CP, Appendix I (tên loại và trích yếu nội dung: a công văn's
trích yếu follows "V/v", in lower case, 12–13 pt upright, under its số, ký hiệu; a named
type's name is bold capitals and its trích yếu bold, centred under it) and Appendix III
(templates: a nghị quyết/quyết định with "Căn cứ" lines and "QUYẾT ĐỊNH:", a văn bản có tên
loại, a công văn with "Kính gửi:"). The choices where the decree leaves one are written in
``docs/van-ban-nghi-dinh-30.md``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """What a document type shows beyond the common frame.

    Attributes:
        heading: the type name is printed as a centred heading ("KẾ HOẠCH") with the trích
            yếu under it; False for a công văn, which has no type name.
        subject_prefix: printed before the trích yếu under the number ("V/v"); "" when the
            trích yếu goes under the heading instead.
        basis_italic: body paragraphs starting "Căn cứ", "Thực hiện" or "Theo đề nghị" are the
            legal basis and are set in italics (Appendix I: "các căn cứ ... in nghiêng").
            False for a letter, whose first paragraph ("Thực hiện Kế hoạch số ...") is text.
        decision: the line a Quyết định puts between its basis and its articles ("QUYẾT ĐỊNH:"),
            centred and bold; "" for other types. Articles ("Điều 1.") then start in bold.
    """

    heading: bool = True
    subject_prefix: str = ""
    basis_italic: bool = True
    decision: str = ""


LETTER = "Công văn"
"""The one common type without a type name (Decree 30, Appendix III, Mẫu 1.5)."""

_DEFAULT = Layout()
LAYOUTS: dict[str, Layout] = {
    LETTER: Layout(heading=False, subject_prefix="V/v", basis_italic=False),
    "Quyết định": Layout(decision="QUYẾT ĐỊNH:"),
}
"""Type name (as ``document_type`` spells it, capitalised) → its layout; every type not
listed has the layout of a document with a type name (Mẫu 1.4)."""


def layout_for(document_type: str) -> Layout:
    """The layout of ``document_type`` ("Công văn", "Quyết định", "Kế hoạch" ...; case and
    surrounding spaces do not matter); a type not in :data:`LAYOUTS` gets the Mẫu 1.4 layout."""
    wanted = " ".join(document_type.split()).casefold()
    return next((layout for name, layout in LAYOUTS.items() if name.casefold() == wanted), _DEFAULT)
