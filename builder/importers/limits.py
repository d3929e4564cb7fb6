"""Opening a ``.docx`` from outside the union as hostile input: sizes, XML depth and entities.

Word files arrive by e-mail and Zalo from anyone. A ``.docx`` is a zip of XML parts, so a
small file can hold a lot: a 205 KB zip bomb expands to 200 MB of XML (mammoth, markdownify
and the legacy-encoding detector then ran for 590 s), an XML part can declare entities that
expand a billion times ("billion laughs"), and 3,000 nested tables overflow every recursive
reader. :func:`open_docx` refuses such a file before any library reads it, with a Vietnamese
message saying what is wrong; the limits below are far above what a real document needs
(a 200-page report is about 5 MB of ``word/document.xml``, tables nest two or three deep).

- :data:`MAX_FILE_BYTES`, :data:`MAX_XML_PART_BYTES`, :data:`MAX_XML_BYTES`,
  :data:`MAX_PART_BYTES`, :data:`MAX_TOTAL_BYTES`: sizes, read from the zip's directory
  (``zipfile`` never returns more than an entry's declared size: a lying entry fails its CRC).
- A document type declaration (``<!DOCTYPE``, and with it every ``<!ENTITY``) is refused:
  Word never writes one, and it is how entity expansion attacks start.
- :data:`MAX_DEPTH`: XML elements nested deeper are refused (checked with a streaming
  parser, which does not recurse).
- :data:`MAX_SECONDS`: reading and recognising what passed the checks is stopped after that
  long (:func:`deadline`, used by :func:`builder.importers.page.import_file`). Converting
  costs about 8 s per MB of ``word/document.xml`` on a busy 2-core machine (mammoth builds a
  DOM, markdownify walks it), recognising as much again, so the size limit alone bounds it
  near two minutes; the deadline is the guarantee.
"""

from __future__ import annotations

import io
import signal
import threading
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from xml.parsers import expat

MAX_FILE_BYTES = 100_000_000
"""The largest ``.docx`` accepted (100 MB: a document with many full-size photos)."""
MAX_XML_PART_BYTES = 10_000_000
"""The largest XML part once unzipped (10 MB, twice a 200-page report's)."""
MAX_XML_BYTES = 20_000_000
"""All XML parts together, unzipped."""
MAX_PART_BYTES = 50_000_000
"""Any other part (a picture) once unzipped."""
MAX_TOTAL_BYTES = 300_000_000
"""Everything in the file, unzipped."""
MAX_PARTS = 5_000
"""Entries in the zip (a real document has a few dozen, plus one per picture)."""
MAX_DEPTH = 200
"""Deepest XML nesting accepted; a table nested in a table in a table is about 15 levels."""
MAX_SECONDS = 120
"""How long converting one document may take."""

DOCUMENT_PART = "word/document.xml"

_MB = 1_000_000


class Refused(Exception):
    """The file is not accepted; the message (Vietnamese) says why and what to do."""


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file ([MS-CFB] 2.2): an old ``.doc``, or a ``.docx``
saved with a password, which Word encrypts into such a container ([MS-OFFCRYPTO] 2.3.4.1,
"EncryptedPackage"); neither is a zip, and only a password (or Word) opens the second."""


def open_docx(data: bytes) -> zipfile.ZipFile:
    """Check ``data`` (a ``.docx`` file's bytes) against the limits and open it.

    Every XML and ``.rels`` part is read once here, so a damaged deflate stream or CRC shows
    up now, as a message, rather than as a library's exception later.

    Raises:
        Refused: empty, password-protected (:data:`OLE_SIGNATURE`), too large, too deep, an
            entity declaration, no ``word/document.xml``, or not a zip at all (a damaged
            file, an old ``.doc``, another format).
    """
    if not data:
        raise Refused(
            "tệp rỗng (0 byte): tệp chưa được chép hoặc tải lên trọn vẹn. Tải lên lại tệp gốc, mở được bằng Word."
        )
    if data.startswith(OLE_SIGNATURE):
        raise Refused(
            "tệp có mật khẩu (Word mã hóa tệp .docx có mật khẩu thành dạng khác), hoặc là tệp .doc cũ "
            "đã đổi tên. Mở bằng Word; nếu có mật khẩu: Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng "
            "mật khẩu, xóa trống mật khẩu; rồi Lưu thành (Save As) dạng Word Document (.docx)."
        )
    if len(data) > MAX_FILE_BYTES:
        raise Refused(
            f"tệp nặng {len(data) // _MB} MB, quá giới hạn {MAX_FILE_BYTES // _MB} MB. "
            "Nén ảnh trong Word (Định dạng ảnh → Nén ảnh) rồi lưu lại."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check(archive)
    except Refused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        raise Refused(
            f"tệp hỏng hoặc không phải .docx ({_reason(exc)}). Mở tệp bằng Word và lưu lại dưới dạng .docx."
        ) from None
    return archive


def _check(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise Refused(
            f"tệp có {len(entries)} phần, quá giới hạn {MAX_PARTS}: không phải một tài liệu Word bình thường."
        )
    names = {entry.filename for entry in entries}
    if DOCUMENT_PART not in names:
        raise Refused(
            f"tệp không có phần nội dung chính ({DOCUMENT_PART}): không phải tài liệu Word, hoặc đã hỏng. "
            "Mở tệp bằng Word và lưu lại dưới dạng .docx."
        )
    for entry in entries:
        limit = MAX_XML_PART_BYTES if _is_xml(entry.filename) else MAX_PART_BYTES
        if entry.file_size > limit:
            raise Refused(
                f"phần {entry.filename} giải nén ra {entry.file_size // _MB} MB, quá giới hạn "
                f"{limit // _MB} MB: tách tài liệu thành nhiều tệp nhỏ hơn, hoặc nén ảnh trong Word."
            )
    total = sum(entry.file_size for entry in entries)
    xml_total = sum(entry.file_size for entry in entries if _is_xml(entry.filename))
    if total > MAX_TOTAL_BYTES or xml_total > MAX_XML_BYTES:
        raise Refused(
            f"tệp giải nén ra {max(total, xml_total) // _MB} MB, quá giới hạn "
            f"({MAX_XML_BYTES // _MB} MB chữ, {MAX_TOTAL_BYTES // _MB} MB tất cả): "
            "tách tài liệu thành nhiều tệp nhỏ hơn, hoặc nén ảnh trong Word."
        )
    for entry in entries:
        if _is_xml(entry.filename):
            _check_xml(entry.filename, archive.read(entry))
        else:
            with archive.open(entry) as stream:  # decompress once, to find a damaged stream now
                while stream.read(1 << 20):
                    pass


def _check_xml(name: str, xml: bytes) -> None:
    parser = expat.ParserCreate()
    depth = 0

    def start(*_):
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise Refused(
                f"phần {name} lồng nhau quá {MAX_DEPTH} tầng (ví dụ bảng lồng trong bảng quá nhiều lần): "
                "bỏ bớt bảng lồng nhau trong Word rồi lưu lại."
            )

    def end(*_):
        nonlocal depth
        depth -= 1

    def doctype(*_):
        raise Refused(
            f"phần {name} có khai báo DOCTYPE/ENTITY, điều Word không bao giờ ghi: tệp đã bị sửa "
            "bằng công cụ khác và có thể độc hại. Mở bằng Word, chép nội dung sang tài liệu mới."
        )

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise Refused(
            f"phần {name} không phải XML hợp lệ (dòng {exc.lineno}): tệp đã hỏng. "
            "Mở tệp bằng Word và lưu lại dưới dạng .docx."
        ) from None


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def _reason(exc: Exception) -> str:
    if isinstance(exc, zlib.error):
        return "dữ liệu nén bị hỏng"
    if isinstance(exc, zipfile.BadZipFile) and "CRC" in str(exc):
        return "dữ liệu bị hỏng (sai mã kiểm tra CRC)"
    if isinstance(exc, zipfile.BadZipFile):
        return "không phải tệp nén .docx"
    if isinstance(exc, RuntimeError):
        return "tệp có mật khẩu"
    return "không đọc được cấu trúc tệp"


@contextmanager
def deadline(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Raise :class:`Refused` in the ``with`` block once ``seconds`` have passed.

    Uses SIGALRM, so it applies in the main thread of a POSIX process (the ``bantin``
    command); elsewhere (Windows, a thread) the block runs without a deadline. The block must
    only compute (nothing written), since it may be stopped anywhere.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(*_):
        raise Refused(
            f"đọc tệp mất quá {seconds:g} giây, tệp quá lớn hoặc quá phức tạp: tách tài liệu thành "
            "nhiều tệp nhỏ hơn rồi nhập từng tệp."
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
