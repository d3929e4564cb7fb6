"""Recognising an imported document: an official document's header and signature block, or
an article's title, turned into front matter.

Input is the document as Markdown text (from a Word file, or a plain-text export such as the
seed plan 206/KH-BTV). An official document (Decree 30/2020/NĐ-CP, Appendix I; docs/domain.md §1)
reads, top to bottom:

=====================================  ===================================================
text                                   front matter key
=====================================  ===================================================
HỘI LHPN VIỆT NAM / BCH HỘI LHPN ...   ``issuer`` (``parent`` then ``body``)
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ... ``motto: true``
Số: 206/KH-BTV                         ``document_number`` (normalised)
Quảng Trị, ngày 17 tháng 8 năm 2020    ``place``, ``date``
KẾ HOẠCH                               ``document_type`` ("Kế hoạch")
Định hướng hoạt động năm 2021          ``summary_line`` (or "V/v ..." in a công văn)
Kính gửi: ... / - ...;                 ``addressees`` (a công văn, a tờ trình)
<body>                                 the page body, numbering kept as written
Nơi nhận: / - ...;                     ``recipients`` (as written)
TM. BAN THƯỜNG VỤ / CHỦ TỊCH / name    ``signer`` (``authority``, ``title``, ``name``)
=====================================  ===================================================

Lines of a two-column header may come one per line (a Word table flattened cell by cell) or
side by side separated by tabs or runs of spaces (a text export); both are read. Anything
that cannot be recognised is listed in Vietnamese so that the editor can finish by hand.
A document without "Số:" or a type line is taken as an article: its first heading (or first
short paragraph) is the title.

A công văn has no type line: its "V/v <trích yếu>" sits under the number, in the left
column, and may wrap onto more lines there (the next line may start with a capital, a
name; the date cell comes after it). ``document_type`` becomes "Công văn" and
``summary_line`` the words after "V/v" (the page prints "V/v" back from the type's layout,
:mod:`builder.content.document_types`).

A biên bản has no place and date line (Decree 30, Appendix III, Mẫu 1.9): its ``date`` is
read from the body's "Thời gian bắt đầu: ..., ngày 16/10/2026" and the editor is told so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date


from builder.content import fields, party_numbers, signatures, yaml_form
from builder.content.cleanup import join_broken_paragraphs
from builder.content.document_types import LETTER, layout_for
from builder.content.scaffold import ABBREVIATIONS
from builder.content.schema import LABELS, REQUIRED
from builder.content.slugs import slugify

DOCUMENT_TYPES = {abbreviation: name for name, abbreviation in ABBREVIATIONS.items()}
"""Abbreviation → type name (the inverse of :data:`builder.content.scaffold.ABBREVIATIONS`)."""
"""Abbreviation → name of each document type with a name (Decree 30/2020/NĐ-CP, Appendix III);
a công văn has no type name and no abbreviation of its own."""

_TYPE_BY_NAME = {name.casefold(): name for name in DOCUMENT_TYPES.values()}
_TYPE_BY_NAME.update({"quyết nghị": "Quyết nghị", "thông tri": "Thông tri", "công văn": "Công văn"})

_MOTTO = re.compile(r"^CỘNG HO?[ÀÒ]A? XÃ HỘI CHỦ NGHĨA VIỆT NAM$|^ĐỘC LẬP\s*[-–—]\s*TỰ DO\s*[-–—]\s*HẠNH PHÚC$")
_NUMBER = re.compile(r"^Số\s*(?::|(?=\d))\s*(\d{1,4}(?:\s*[/-]\s*[^\W_]+)+|\S.*?)(\s.*)?$", re.IGNORECASE)
_STRICT_NUMBER = re.compile(r"^Số\s*:?\s*\d{1,4}(?:\s*[/-]\s*[^\W_]+)+", re.IGNORECASE)
_DATE_LINE = re.compile(
    r"(?P<place>[^\W\d][^,\d]*?)\s*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(.+)$", re.IGNORECASE)
_RULE = re.compile(r"^[-_*=─—–~.\s]{3,}$|^\*$")  # "*" alone: the star under a Party body's name
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
_ADDRESSEES = re.compile(r"^Kính gửi\s*:?\s*(.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—+•*]\s*")
_MINUTES_SIGNERS = ("THƯ KÝ", "CHỦ TỌA", "CHỦ TRÌ", "NGƯỜI GHI BIÊN BẢN")
"""Who signs a biên bản (Decree 30, Appendix III): its closing block has no "Nơi nhận:" and no
form line, only these titles, each over a name."""
_PLACEHOLDER = re.compile(r"^\(.*\)$|^đã ký\.?$", re.IGNORECASE)
_CELL_GAP = re.compile(r"\t+| {3,}")
_BODY_START = re.compile(r"^(Căn cứ|Thực hiện|Kính gửi|Theo đề nghị|[IVXL]+\.\s|\d+(\.\d+)*\.\s|[a-zđ]\)\s)")
_ORDERED = re.compile(r"^(\d+)\.(\s)")
_MEETING_TIME = re.compile(r"^Thời gian(?: bắt đầu| họp)?\s*:", re.IGNORECASE)
_MEETING_DAY = re.compile(
    r"ngày\s+(?P<d>\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})"
    r"(?:\s*[/.-]\s*|\s+năm\s+)(?P<y>\d{4})",
    re.IGNORECASE,
)
_MEETING_LINES = 8
"""How many body lines a biên bản's "Thời gian bắt đầu:" is looked for in (it opens the body)."""
_WRAPPED_SUBJECT_MAX = 100
"""Longest line (characters) taken as a wrapped line of a "V/v ..." cell: the cell is about
6 cm wide at 12–13 pt (Decree 30, Appendix I), some 45 characters a line; a longer line is a
paragraph of the body."""


@dataclass(frozen=True)
class Recognised:
    """What an imported document turned out to be.

    Attributes:
        kind: "document" (official document) or "news" (anything else).
        front: front matter values in the order to write them (str, date, bool, list, dict).
        body: the Markdown body.
        missing: required keys that could not be recognised.
        notes: Vietnamese lines for the editor: what was not recognised, what was repaired.
    """

    kind: str
    front: dict
    body: str
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())


def recognise(markdown: str, today: date) -> Recognised:
    """Recognise ``markdown`` as an official document if it has one's header, else as an article.

    Args:
        markdown: the document (NFC, LF line ends).
        today: the date an article gets (Asia/Ho_Chi_Minh; official documents carry their own).
    """
    document = recognise_document(markdown)
    return document if document is not None else recognise_article(markdown, today)


def recognise_document(markdown: str) -> Recognised | None:
    """Read an official document's header, body and signature block.

    Returns:
        The recognised document, or None when ``markdown`` has neither a "Số:" line nor a
        document type line under a place and date line (it is not an official document).
    """
    lines = markdown.split("\n")
    plain = [_plain(line) for line in lines]
    header = _Header()
    end = header.read(plain)
    if not header.is_document():
        return None
    if header.party or party_numbers.is_party_number(header.number):
        return _party_document(header, lines[end:])
    addressees, end = _addressees(plain, end)
    tail = _tail_start(plain, end)
    signature = _Signature.read(plain[tail:])
    body, repairs = join_broken_paragraphs(_tidy(lines[end:tail]))
    if not header.day and not header.bad_date and not layout_for(header.type_line).place_date:
        header.day_from = _meeting_date(plain[end:tail])
        header.day = header.day_from[1] if header.day_from else None
    front, notes = _document_front(header, signature)
    if addressees:
        front["addressees"] = addressees
    notes += [repair.message for repair in repairs]
    missing = tuple(key for key in REQUIRED["document"] if key not in front)
    return Recognised("document", front, body, missing, tuple(notes))


def _party_document(header: _Header, rest: list[str]) -> Recognised:
    """A Party body's document (Guidance 36-HD/VPTW: "Số 12-KH/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    which the union republishes but does not issue: a news item titled with its type, number
    and trích yếu, dated on its date, its text (signature block included) as the body
    (:mod:`builder.content.party_numbers`)."""
    number = party_numbers.compact(header.number) if header.number else ""
    kind = header.type_line or "Văn bản"
    title = " ".join(part for part in (kind, f"số {number}" if number else "") if part)
    front: dict = {"title": f"{title}: {header.summary}" if header.summary else title}
    if header.day:
        front["date"] = header.day
    issuer = " - ".join(header.issuer)
    if issuer:
        front["description"] = f"{kind} {f'số {number} ' if number else ''}của {issuer}."
    body, repairs = join_broken_paragraphs(_tidy(rest))
    notes = [
        f"Đây là văn bản kiểu của Đảng ({f'số {number}, ' if number else ''}Hướng dẫn 36-HD/VPTW): Hội LHPN "
        "không ban hành văn bản kiểu này nên trang được nhập thành một bài tin đăng lại văn bản, không phải "
        "trang văn bản (van-ban/); đọc soát lại tiêu đề và tóm tắt (description)."
    ]
    notes += [repair.message for repair in repairs]
    missing = tuple(key for key in REQUIRED["news"] if key not in front)
    return Recognised("news", front, _keep_numbers(body), missing, tuple(notes))


def recognise_article(markdown: str, today: date) -> Recognised:
    """Take the first heading (or the first short paragraph) as the title, the rest as the body.

    A first paragraph entirely in bold under the title is the lead (sapo) and becomes the
    ``description``, as Vietnamese news sites print it. Paragraphs typed as "4. ..." keep
    their number (escaped, or Markdown would renumber them from 1).
    """
    blocks = [b for b in re.split(r"\n\s*\n", markdown.strip()) if b.strip()]
    front: dict = {}
    notes: list[str] = []
    first = blocks[0].strip() if blocks else ""
    short_line = len(first) <= 200 and "\n" not in first and not first.startswith(("![", "|", "<"))
    if first.startswith("# ") or (short_line and any(c.isalpha() for c in first)):
        front["title"] = " ".join(_plain(blocks.pop(0)).split())
    front["date"] = today
    if blocks and re.fullmatch(r"\*\*[^*]+\*\*|__[^_]+__", blocks[0].strip()):
        front["description"] = " ".join(_plain(blocks.pop(0)).split())
    else:
        notes.append("Chưa có tóm tắt (description): thêm một hai câu giới thiệu bài.")
    if "title" not in front:
        notes.append("Không nhận ra tiêu đề (title): tài liệu không bắt đầu bằng một dòng tiêu đề.")
    body, repairs = join_broken_paragraphs("\n\n".join(blocks))
    notes += [repair.message for repair in repairs]
    missing = tuple(key for key in REQUIRED["news"] if key not in front)
    return Recognised("news", front, _keep_numbers(_demote_headings(body)), missing, tuple(notes))


def file_stem(recognised: Recognised) -> str:
    """The file name (without ".md") the page gets: "ke-hoach-206-kh-btv" for a document
    (type and number, as content/van-ban/ names them), the title's slug for an article."""
    front = recognised.front
    if recognised.kind == "document":
        return slugify(f"{front.get('document_type', 'van ban')} {front.get('document_number', '')}") or "van-ban"
    return slugify(front.get("title", "")) or "bai-viet"


def page_text(recognised: Recognised) -> str:
    """The page to write: front matter (missing required keys as commented lines saying what
    to fill in), then the body."""
    data = yaml_form.mapping(recognised.front)  # as a CMS would write it back (docs/front-matter.md)
    todo = "".join(
        f"# {key}: ...    # chưa nhận ra {LABELS[key]}: điền vào rồi xóa dấu # ở đầu dòng\n"
        for key in recognised.missing
    )
    return f"---\n{data}{todo}---\n\n{recognised.body.strip()}\n"


def is_letterhead(text: str) -> bool:
    """True when ``text`` (a table's text, one cell line per line) belongs to an official
    document's header or signature block rather than being a table of data: it has the
    national motto, a "Số:" line, a place and date line, "Nơi nhận:" or a signer's authority."""
    for line in (_plain(raw) for raw in text.split("\n")):
        if (
            _MOTTO.match(" ".join(line.upper().split()))
            or _STRICT_NUMBER.match(line)
            or _DATE_LINE.search(line)
            or _RECIPIENTS.match(line)
            or (signatures.form_of(line) and _is_capitals(line))
            or " ".join(line.split()) in _MINUTES_SIGNERS
        ):
            return True
    return False


def for_kind(recognised: Recognised, kind: str) -> Recognised:
    """Adapt the front matter to the content type of the folder the page goes to.

    A column entry gets ``month``/``year`` from its date; an issue article takes its issue's
    date; a plain page keeps its title only. The required keys are checked again.

    Args:
        kind: a content type of :data:`builder.content.schema.REQUIRED` ("news", "document" ...).
    """
    if kind == recognised.kind or kind not in REQUIRED:
        return recognised
    front, notes = dict(recognised.front), list(recognised.notes)
    if kind == "document":
        notes.append("Không nhận ra phần đầu của văn bản hành chính (số, ngày, tên loại): điền tay các khóa còn thiếu.")
    elif recognised.kind == "document":
        title = " ".join(str(front.get(k, "")) for k in ("document_type", "summary_line")).strip()
        front = {"title": title} if title else {}
        front["date"] = recognised.front.get("date")
        front = {k: v for k, v in front.items() if v}
    if kind == "column" and isinstance(front.get("date"), date):
        front.update(month=front["date"].month, year=front["date"].year)
    if kind in ("issue_article", "page"):
        front.pop("date", None)
    missing = tuple(key for key in REQUIRED[kind] if key not in front)
    return Recognised(kind, front, recognised.body, missing, tuple(notes))


# --- header --------------------------------------------------------------------------------


class _Header:
    """The lines above the body, read cell by cell."""

    def __init__(self):
        self.issuer: list[str] = []
        self.motto = False
        self.number = ""
        self.place, self.day, self.bad_date = "", None, ""
        self.type_line, self.summary = "", ""
        self.summary_prefix = ""  # "Kết luận" of a "THÔNG BÁO KẾT LUẬN" line
        self.party = False  # "ĐẢNG CỘNG SẢN VIỆT NAM" top right (builder/content/party_numbers.py)
        self.day_from: tuple[str, date] | None = None  # a biên bản's date read from its body

    def is_document(self) -> bool:
        return bool(self.number) or bool(self.type_line and (self.day or self.bad_date))

    def read(self, plain: list[str]) -> int:
        """Consume header lines; return the index of the first body line."""
        i, n = 0, len(plain)
        while i < n:
            line = plain[i]
            if not line or _RULE.match(line):
                i += 1
                continue
            # After the type line comes the summary (read below); a letter's "V/v" is both.
            if (self.type_line and not self.summary) or not self._take(line):
                break
            i += 1
        if self.type_line and not self.summary:
            i = self._read_summary(plain, i)
        while i < n and (not plain[i] or _RULE.match(plain[i])):
            i += 1
        return i

    def _take(self, line: str) -> bool:
        cells = [c.strip() for c in _CELL_GAP.split(line) if c.strip()]
        return all(self._take_cell(cell) for cell in cells) if len(cells) > 1 else self._take_cell(line)

    def _take_cell(self, cell: str) -> bool:
        upper = cell.upper()
        if _MOTTO.match(" ".join(upper.split())):
            self.motto = True
        elif " ".join(upper.split()) == party_numbers.PARTY_HEADER:
            self.party = True
        elif match := _NUMBER.match(cell):
            self.number, rest = match.group(1).strip(), match.group(2) or ""
            date_match = _DATE_LINE.search(rest)
            if date_match:
                self._date(date_match)
            elif rest.strip():
                self.number = f"{self.number} {rest.strip()}"
        elif match := _DATE_LINE.search(cell):
            self._date(match)
        elif match := _SUBJECT.match(cell):
            self.type_line, self.summary = LETTER, match.group(1).strip()
        elif self.type_line == LETTER and self.summary and self._continues_subject(cell):
            self.summary = f"{self.summary} {' '.join(cell.split())}"  # "V/v" wrapped in its cell
        elif _is_capitals(cell) and cell.casefold() in _TYPE_BY_NAME:
            self.type_line = _TYPE_BY_NAME[cell.casefold()]
        elif _is_capitals(cell) and (named := _named_type(cell)):
            self.type_line, self.summary_prefix = named
        elif _is_capitals(cell) and not self.number and not self.day:
            self.issuer.append(" ".join(cell.split()))
        else:
            return False
        return True

    def _continues_subject(self, cell: str) -> bool:
        """Whether ``cell`` is the next line of a công văn's "V/v ..." wrapped in its narrow cell.

        A line in lower case always is. A line starting with a capital ("Hội LHPN Việt Nam
        (20/10/1930 - 20/10/2026)", a name the trích yếu ends with) is too while the date is
        still to come: a Word letterhead table is read cell by cell, the number's cell (with
        "V/v") before the date's, so the body cannot have started yet. It must not look like
        the start of a body ("Kính gửi:", "Thực hiện ...", "1. ...") or be a whole paragraph.
        """
        if cell[:1].islower():
            return True
        return (
            not self.day
            and not self.bad_date
            and len(cell) <= _WRAPPED_SUBJECT_MAX
            and not _BODY_START.match(cell)
            and not cell.rstrip().endswith(":")
        )

    def _date(self, match: re.Match) -> None:
        self.place = " ".join(match.group("place").split())
        try:
            self.day = date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        except ValueError:
            self.bad_date = match.group(0)

    def _read_summary(self, plain: list[str], i: int) -> int:
        while i < len(plain) and (not plain[i] or _RULE.match(plain[i])):
            i += 1
        lines = []
        while i < len(plain) and plain[i] and not _RULE.match(plain[i]):
            lines.append(plain[i])
            i += 1
        text = " ".join(" ".join(lines).split())
        if self.summary_prefix and lines:
            text = f"{self.summary_prefix} {text[:1].lower()}{text[1:]}"
        if lines and len(text) <= 300 and not _BODY_START.match(text) and not _is_capitals(text):
            self.summary = text
            return i
        return i - len(lines)


def _meeting_date(plain: list[str]) -> tuple[str, date] | None:
    """The date of a meeting's minutes, from the first "Thời gian ..." line of its body.

    A biên bản (Decree 30, Appendix III, Mẫu 1.9) has no place and date line in its header: its
    body opens "Thời gian bắt đầu: 8 giờ 00, ngày 16/10/2026" (or "... ngày 16 tháng 10 năm
    2026"). Returns that line and its date, or None when no such line has a real date.
    """
    for line in plain[:_MEETING_LINES]:
        if not _MEETING_TIME.match(line):
            continue
        match = _MEETING_DAY.search(line)
        if match:
            try:
                return line, date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            except ValueError:
                return None
    return None


def _named_type(cell: str) -> tuple[str, str] | None:
    """A type line with the first words of the trích yếu on it ("THÔNG BÁO KẾT LUẬN", as clerks
    write a thông báo kết luận): ``(type, "Kết luận")``; None for anything else. Decree 30's
    type name is "THÔNG BÁO"; "Kết luận ..." is the trích yếu."""
    words = cell.split()
    for size in (2, 3):
        name = " ".join(words[:size]).casefold()
        if name in _TYPE_BY_NAME and 0 < len(words) - size <= 2:
            rest = " ".join(words[size:])
            return _TYPE_BY_NAME[name], rest[:1] + rest[1:].lower()
    return None


def _addressees(plain: list[str], start: int) -> tuple[list[str], int]:
    """Read a "Kính gửi:" block at ``start``: "Kính gửi: A" on one line, or "Kính gửi:"
    followed by "- A;" lines (Decree 30, Appendix III, Mẫu 1.5).

    Returns:
        The addressees without their dashes (empty when there is no block) and the index of
        the first body line after the block.
    """
    match = _ADDRESSEES.match(plain[start]) if start < len(plain) else None
    if not match:
        return [], start
    found = [_BULLET.sub("", match.group(1)).strip()] if match.group(1).strip() else []
    i = start + 1
    while i < len(plain):
        if not plain[i]:
            i += 1
        elif _BULLET.match(plain[i]) and not _BODY_START.match(plain[i]):
            found.append(_BULLET.sub("", plain[i]).strip())
            i += 1
        else:
            break
    while i > start + 1 and not plain[i - 1]:
        i -= 1  # blank lines before the body stay with the body
    return found, i


# --- signature block -----------------------------------------------------------------------


def _tail_start(plain: list[str], start: int) -> int:
    """Index of the first line of the closing block ("Nơi nhận:" or the signer's authority)."""
    for i in range(start, len(plain)):
        if (
            _RECIPIENTS.match(plain[i])
            or (signatures.form_of(plain[i]) and _is_capitals(plain[i]))
            or " ".join(plain[i].split()) in _MINUTES_SIGNERS
        ):
            return i
    return len(plain)


@dataclass
class _Signature:
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    title: str = ""
    name: str = ""
    found: bool = False
    leftovers: list[str] = field(default_factory=list)
    second: tuple[str, ...] = ()  # a second signer (a biên bản's secretary): (title, name)

    @classmethod
    def read(cls, plain: list[str]) -> _Signature:
        result, signer_lines, in_list = cls(), [], False
        for line in (p for p in plain if p):
            match = _RECIPIENTS.match(line)
            if match:
                result.found, in_list = True, True
                if match.group(1):
                    result.recipients.append(_BULLET.sub("", match.group(1)).strip())
            elif in_list and _BULLET.match(line):
                result.recipients.append(_BULLET.sub("", line).strip())
            elif _PLACEHOLDER.match(line) or _RULE.match(line):
                continue
            else:
                in_list = False
                signer_lines.append(" ".join(line.split()))
        result._signer(signer_lines)
        return result

    def _signer(self, lines: list[str]) -> None:
        # Up to two form lines ("TM. BAN THƯỜNG VỤ" / "KT. CHỦ TỊCH"), then the title, then
        # the name; after "Q. CHỦ TỊCH" the name comes directly (builder/content/signatures.py).
        while lines and len(self.authority) < 2 and signatures.form_of(lines[0]) and _is_capitals(lines[0]):
            self.authority, lines = [*self.authority, lines[0]], lines[1:]
        acting = bool(self.authority) and signatures.form_of(self.authority[-1]) == "Q."
        if len(lines) >= 2 and all(_is_capitals(line) for line in lines[:-1]):
            self.title, self.name = " ".join(lines[:-1]), lines[-1]
        elif acting and len(lines) == 1 and not _is_capitals(lines[0]):
            self.name = lines[0]
        elif (
            len(lines) == 4
            and _is_capitals(lines[0])
            and _is_capitals(lines[2])
            and not _is_capitals(lines[1])
            and not _is_capitals(lines[3])
        ):
            # Two signers side by side (a biên bản, Decree 30 Mẫu 1.9: THƯ KÝ left, CHỦ TỌA
            # right): the right-hand one is the signer, the left-hand one the secretary.
            self.title, self.name, self.second = lines[2], lines[3], (lines[0], lines[1])
        else:
            self.leftovers = lines


def _document_front(header: _Header, signature: _Signature) -> tuple[dict, list[str]]:
    front, notes = {}, []
    number_kind = ""
    if header.type_line:
        front["document_type"] = header.type_line
    if header.number:
        try:
            front["document_number"] = fields.document_number(header.number)
            number_kind = front["document_number"].split("/")[1].split("-")[0]
        except fields.FieldError:
            front["document_number"] = header.number
            notes.append(f"Số, ký hiệu “{header.number}” không đúng mẫu Nghị định 30 (số/LOẠI-CƠQUAN): kiểm tra lại.")
    else:
        notes.append("Không thấy dòng “Số: …” (số, ký hiệu văn bản).")
    if "document_type" not in front and number_kind in DOCUMENT_TYPES:
        front["document_type"] = DOCUMENT_TYPES[number_kind]
        notes.append(
            f"Không thấy dòng tên loại văn bản: lấy “{front['document_type']}” theo ký hiệu {number_kind}; kiểm tra lại."
        )
    elif number_kind in DOCUMENT_TYPES and front.get("document_type") != DOCUMENT_TYPES[number_kind]:
        notes.append(
            f"Ký hiệu {number_kind} ({DOCUMENT_TYPES[number_kind]}) không khớp tên loại “{front['document_type']}”: kiểm tra lại."
        )
    if header.day:
        front["date"] = header.day
        if header.day_from:
            notes.append(
                f"Biên bản không ghi ngày ở phần đầu (Mẫu 1.9): ngày (date) lấy theo dòng "
                f"“{header.day_from[0]}”; kiểm tra lại."
            )
    elif header.bad_date:
        notes.append(f"Ngày tháng “{header.bad_date}” không có thật: điền ngày ban hành (date) đúng.")
    else:
        notes.append("Không thấy dòng địa danh, ngày tháng (ví dụ “Quảng Trị, ngày 17 tháng 8 năm 2020”).")
    if header.place:
        front["place"] = header.place
    if header.summary:
        front["summary_line"] = header.summary
    elif "document_type" in front:
        notes.append("Không thấy trích yếu (dòng nội dung ngay dưới tên loại văn bản).")
    if len(header.issuer) >= 2:
        front["issuer"] = {"parent": " ".join(header.issuer[:-1]), "body": header.issuer[-1]}
    elif header.issuer:
        front["issuer"] = {"body": header.issuer[0]}
    else:
        notes.append(
            "Không thấy tên cơ quan ban hành (góc trên bên trái): trang dùng cơ quan mặc định trong mkdocs.yml."
        )
    if header.motto:
        front["motto"] = True
    else:
        notes.append("Không thấy quốc hiệu, tiêu ngữ: trang dùng cài đặt mặc định (motto) trong mkdocs.yml.")
    if signature.name:
        authority = signature.authority[0] if len(signature.authority) == 1 else signature.authority
        front["signer"] = {
            key: value
            for key, value in (("authority", authority), ("title", signature.title), ("name", signature.name))
            if value
        }
    else:
        seen = " / ".join(signature.leftovers) or "không có"
        notes.append(f"Không nhận ra phần chữ ký (quyền hạn, chức vụ, họ tên); đã thấy: {seen}.")
    if signature.second:
        front["secretary"] = {"title": signature.second[0], "name": signature.second[1]}
        notes.append(
            f"Văn bản có hai người ký: {signature.title} {signature.name} là người ký (signer), "
            f"{' '.join(signature.second)} là thư ký (secretary); kiểm tra lại."
        )
    if signature.recipients:
        front["recipients"] = signature.recipients
    else:
        notes.append("Không thấy phần “Nơi nhận:”.")
    return front, notes


# --- text helpers --------------------------------------------------------------------------


def _plain(line: str) -> str:
    """A Markdown line as text: no heading marks, emphasis, escapes (``\\*``, ``&lt;``, ``&amp;``)
    or hard-break markers."""
    text = line.strip().rstrip("\\").strip()
    text = re.sub(r"^#{1,6}\s+", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!>|])", r"\1", text)
    text = text.replace("&lt;", "<").replace("&amp;", "&")  # how an import writes < and & typed as text
    if not _RULE.match(text):
        text = re.sub(r"\*\*|__", "", text)
        text = re.sub(r"^[*_](?=\S)|(?<=\S)[*_]$", "", text)
    return unicodedata.normalize("NFC", text.strip())


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _tidy(lines: list[str]) -> str:
    """Body lines without surrounding blank lines and with runs of blank lines collapsed."""
    text = "\n".join(line.rstrip() for line in lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def _keep_numbers(body: str) -> str:
    """Escape "4." at the start of a paragraph that is not a list, so Markdown keeps the number."""
    blocks = body.split("\n\n")
    out = []
    for block in blocks:
        lines = block.split("\n")
        if _ORDERED.match(lines[0]) and not any(_ORDERED.match(line.strip()) for line in lines[1:]):
            lines[0] = _ORDERED.sub(r"\1\\.\2", lines[0])
        out.append("\n".join(lines))
    return "\n\n".join(out)


def _demote_headings(body: str) -> str:
    """Shift headings down so that the body's top level is h2 (the page's h1 is the title)."""
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6})\s", body, re.MULTILINE)]
    if not levels or min(levels) >= 2:
        return body
    return re.sub(r"^(#{1,5})(?=\s)", r"#\1", body, flags=re.MULTILINE)
