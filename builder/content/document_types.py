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
``heading_name``   ""                                     "THÔNG BÁO" for a Thông báo kết luận
``place_date``     True                                   False for a Biên bản (Mẫu 1.9)
``secretary``      False                                  True for a Biên bản: "THƯ KÝ" left,
                                                          the chair right, "Nơi nhận:" under
=================  =====================================  ====================================

Sources: Decree 30/2020/NĐ-CP, Appendix I (tên loại và trích yếu nội dung: a công văn's
trích yếu follows "V/v", in lower case, 12–13 pt upright, under its số, ký hiệu; a named
type's name is bold capitals and its trích yếu bold, centred under it) and Appendix III
(templates, Part II: Mẫu 1.2 quyết định with "Căn cứ" lines and "QUYẾT ĐỊNH:"; Mẫu 1.4 văn
bản có tên loại, whose note 6 lists thông báo, hướng dẫn, chương trình, kế hoạch, báo cáo, tờ
trình among the types it covers; Mẫu 1.5 công văn with "Kính gửi:"; Mẫu 1.7 giấy mời; Mẫu 1.9
biên bản). The choices where the decree leaves one are written in ``docs/van-ban-nghi-dinh-30.md``.
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
        heading_name: the heading when it is not the type's own name in capitals: a thông báo
            kết luận is a thông báo (Appendix III, Part I: "TB") whose trích yếu reads "Kết
            luận của ...", so its heading is "THÔNG BÁO". "" prints the type's name.
        place_date: the header shows "<place>, ngày ... tháng ... năm ..." right of the number.
            False for a biên bản: Mẫu 1.9 leaves that cell empty, the meeting's time is the
            first line of the body ("Thời gian bắt đầu: ...").
        secretary: the document is signed twice (Mẫu 1.9, biên bản): the secretary's block
            (front matter ``secretary``, titled "THƯ KÝ") on the left, the chair's (``signer``,
            "CHỦ TỌA" or "CHỦ TRÌ") on the right, and "Nơi nhận:", if any, under them on the
            left. Such a document must have ``secretary``; no other type takes it.
    """

    heading: bool = True
    subject_prefix: str = ""
    basis_italic: bool = True
    decision: str = ""
    heading_name: str = ""
    place_date: bool = True
    secretary: bool = False

    def heading_for(self, document_type: str) -> str:
        """The type heading printed for ``document_type`` ("KẾ HOẠCH", "THÔNG BÁO" for a
        Thông báo kết luận); "" when the layout has no heading (a công văn)."""
        if not self.heading:
            return ""
        return self.heading_name or " ".join(document_type.split()).upper()


LETTER = "Công văn"
"""The one common type without a type name (Decree 30, Appendix III, Mẫu 1.5)."""

_DEFAULT = Layout()
"""Mẫu 1.4, văn bản có tên loại: heading, trích yếu under it, "Căn cứ ..." in italics."""

LAYOUTS: dict[str, Layout] = {
    LETTER: Layout(heading=False, subject_prefix="V/v", basis_italic=False),  # Mẫu 1.5
    "Quyết định": Layout(decision="QUYẾT ĐỊNH:"),  # Mẫu 1.2 and 1.3
    # Mẫu 1.4 (its note 6 names each of these). A tờ trình or báo cáo sent upward has
    # ``addressees``: "Kính gửi:" then follows the heading, as for any type.
    "Thông báo": _DEFAULT,
    "Báo cáo": _DEFAULT,
    "Kế hoạch": _DEFAULT,
    "Hướng dẫn": _DEFAULT,
    "Chương trình": _DEFAULT,
    "Tờ trình": _DEFAULT,
    # A thông báo (symbol TB) that reports a meeting's conclusions: "THÔNG BÁO", then the trích
    # yếu "Kết luận của ... tại ...". Not a type of its own in the decree's list (Part I).
    "Thông báo kết luận": Layout(heading_name="THÔNG BÁO"),
    # Mẫu 1.7: "GIẤY MỜI", the trích yếu (the meeting) under it; the body names the invitee
    # ("... trân trọng kính mời: ..."), "Tới dự", "Thời gian:", "Địa điểm:".
    "Giấy mời": Layout(basis_italic=False),
    # Mẫu 1.9: no place and date in the header; the body starts "Thời gian bắt đầu:",
    # "Địa điểm:", "Thành phần tham dự:"; signed by the secretary and the chair.
    "Biên bản": Layout(place_date=False, secretary=True, basis_italic=False),
}
"""Type name (as ``document_type`` spells it, capitalised) → its layout; every type not
listed has the layout of a document with a type name (Mẫu 1.4). The keys are also the list of
types the editors' guide (HUONG-DAN.md) offers."""


def type_name(written: str) -> str:
    """The name a document type is shown by (register rows, default titles, listings), from
    its ``document_type`` as written: "kế hoạch", "KẾ HOẠCH" and "Kế  hoạch" are all "Kế
    hoạch", the spelling of :data:`LAYOUTS`. A type not listed there keeps its words (spaces
    collapsed); written all in capitals or all in small letters, as a heading copied from the
    signed paper is, it is put in sentence case ("KẾ HOẠCH LIÊN TỊCH" → "Kế hoạch liên tịch").

    Why: the repository groups types by their slug (``van-ban/loai/ke-hoach/``), so one type
    written three ways is one page, and its rows, titles and heading must read the same
    (the printed heading is the name in capitals whichever way it was written)."""
    words = " ".join(written.split())
    known = next((name for name in LAYOUTS if name.casefold() == words.casefold()), None)
    if known:
        return known
    if words and (words == words.upper() or words == words.lower()):
        return words[0].upper() + words[1:].lower()
    return words


def layout_for(document_type: str) -> Layout:
    """The layout of ``document_type`` ("Công văn", "Quyết định", "Kế hoạch" ...; case and
    surrounding spaces do not matter); a type not in :data:`LAYOUTS` gets the Mẫu 1.4 layout."""
    wanted = " ".join(document_type.split()).casefold()
    return next((layout for name, layout in LAYOUTS.items() if name.casefold() == wanted), _DEFAULT)
