"""The ``bantin`` command: build, check and serve the site, import Word documents, in Vietnamese.

Exit codes, the same for every command: 0 success; 1 content errors (each printed as
``file:line:col: message``); 2 usage or configuration errors, mkdocs.yml's ``nav:`` included,
and a folder that cannot be written (for ``crosspost``: a missing or refused Facebook secret
too); 3 ``crosspost`` stopped early (rate limit, Facebook down): run it again later; 130
stopped by Ctrl+C or SIGTERM. No traceback reaches an editor, from the command or from the
processes it starts (:mod:`builder.children`).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time

from builder import children
from builder.errors import ContentErrors

NEW_TYPES = (
    "news",
    "issue",
    "issue-article",
    "column",
    "document",
    "tin-tuc",
    "so-ban-tin",
    "bai-ban-tin",
    "phu-nu-va-cuoc-song",
    "van-ban",
)
"""TYPE of ``bantin new`` (the Vietnamese folder names work too); see builder.editor.new.TYPES."""


class _Parser(argparse.ArgumentParser):
    """argparse with Vietnamese help and errors (its own strings are English)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, add_help=False, **kwargs)
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "cách dùng:", 1)

    def format_help(self) -> str:
        text = super().format_help().replace("usage:", "cách dùng:", 1)
        return text.replace("positional arguments:", "lệnh:").replace("options:", "tùy chọn:")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"bantin: lỗi cách dùng: {_vietnamese(message)}", file=sys.stderr)
        sys.exit(2)


def _vietnamese(message: str) -> str:
    """Translate the argparse errors an editor can meet."""
    import re

    choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if choice:
        return f"không có lệnh '{choice.group(1)}'; các lệnh: {choice.group(2).replace(chr(39), '')}."
    if message.startswith("the following arguments are required"):
        missing = message.split(":", 1)[1].strip()
        if missing.startswith("-"):  # an option of a command (changes --since)
            return f"thiếu {missing.replace('/', ' hoặc ')}; xem 'bantin LỆNH -h'."
        return "thiếu lệnh; các lệnh: " + ", ".join(_COMMANDS) + "."
    if message.startswith("unrecognized arguments:"):
        return "không hiểu " + message.split(":", 1)[1].strip() + "."
    invalid = re.search(r"argument (\S+): invalid int value: '([^']*)'", message)
    if invalid:
        return f"{invalid.group(1)} cần một số, không phải '{invalid.group(2)}'."
    return message


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bantin", description="Xuất bản trang web của Hội từ các tệp Markdown trong content/.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="tệp cấu hình (mặc định: mkdocs.yml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="in thêm chi tiết của MkDocs")
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH", parser_class=_Parser)
    sub.add_parser("build", help="dựng trang web vào thư mục site/")
    check = sub.add_parser("check", help="kiểm tra nội dung (không ghi gì, trừ khi có --fix)")
    check.add_argument(
        "--fix", action="store_true", help="sửa ngay trong tệp: chữ Unicode tổ hợp (NFD) và ký tự điều khiển vô hình"
    )
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (mặc định) hoặc github: chú thích lỗi trên pull request của GitHub",
    )
    new = sub.add_parser("new", help='tạo tệp cho một bài mới: bantin new news "Tiêu đề"')
    new.add_argument(
        "type",
        choices=list(NEW_TYPES),
        metavar="LOẠI",
        help="news (tin tức), issue (số bản tin), issue-article (bài trong số bản tin), "
        "column (Phụ nữ và cuộc sống), document (văn bản)",
    )
    new.add_argument("title", metavar="TIÊU-ĐỀ", help="tiêu đề bài (với document: trích yếu; với issue: tên số)")
    new.add_argument("--issue", default="", help="issue-article: tên thư mục của số bản tin, ví dụ so-8-3-2021")
    new.add_argument("--slug", default="", help="tên tệp và đường dẫn riêng (mặc định lấy theo tiêu đề)")
    new.add_argument("--document-type", default="Kế hoạch", help="document: loại văn bản (mặc định Kế hoạch)")
    new.add_argument("--number", default="", help="document: số, ký hiệu, ví dụ 07/KH-BTV (mặc định: số tiếp theo)")
    serve = sub.add_parser("serve", help="xem trước trên máy (http://127.0.0.1:8000), tự cập nhật khi sửa bài")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="địa chỉ:cổng (mặc định 127.0.0.1:8000)")
    imp = sub.add_parser("import", help="chuyển tệp Word (.docx) hoặc tệp chữ (.txt) thành một bài trong content/")
    imp.add_argument("file", metavar="TỆP", help="tệp cần nhập (.docx, .txt, .md)")
    imp.add_argument(
        "-o", "--out", metavar="TỆP.md", help="nơi ghi bài, trong content/ (mặc định: tự chọn theo loại bài)"
    )
    inbox = sub.add_parser(
        "import-inbox",
        help="nhập mọi tệp Word (.docx) trong thư mục nhap/ rồi xóa chúng; in tóm tắt (Markdown) cho pull request",
    )
    inbox.add_argument("--folder", default="nhap", metavar="THƯ-MỤC", help="thư mục chứa tệp Word (mặc định: nhap)")
    post = sub.add_parser("crosspost", help="đăng các bài mới lên Trang Facebook (mỗi bài một lần)")
    mode = post.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="chỉ in nội dung sẽ đăng, không gửi gì")
    mode.add_argument("--zalo", action="store_true", help="in tin nhắn để dán vào nhóm Zalo, không gửi gì")
    post.add_argument(
        "--since", metavar="NGÀY", help="chỉ các bài từ ngày này (năm-tháng-ngày), thay cho 'since' trong mkdocs.yml"
    )
    changes = sub.add_parser(
        "changes",
        help="tóm tắt (Markdown) những gì sẽ xuất bản so với một phiên bản git: "
        "trang mới, sửa, gỡ, bài đăng Facebook, lỗi",
    )
    changes.add_argument(
        "--since", required=True, metavar="REF", help="phiên bản git để so sánh, ví dụ origin/main hoặc HEAD~1"
    )
    changes.add_argument(
        "--screenshots",
        metavar="THƯ-MỤC",
        help="chụp các trang mới và sửa đổi của site/ đã dựng (390 px và 1440 px) vào THƯ-MỤC",
    )
    calendar = sub.add_parser("calendar", help="liệt kê các ngày kỷ niệm sắp tới và gợi ý số bản tin chào mừng")
    calendar.add_argument("--year", type=int, metavar="NĂM", help="cả năm NĂM (mặc định: từ hôm nay)")
    calendar.add_argument(
        "--days",
        type=int,
        metavar="N",
        help="N ngày kể từ hôm nay, hoặc từ 1/1 của --year "
        f"(mặc định: {CALENDAR_DAYS} ngày, hoặc hết năm khi có --year)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0, 1 or 2)."""
    # `kill` (SIGTERM, as CI runners send on cancel) must clean up like Ctrl+C: no staging folder
    # left. First thing: Python's own Ctrl+C handler prints a traceback.
    handle_interrupts()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        args = _parser().parse_args(argv)
        logging.basicConfig(format="%(message)s", level=logging.WARNING)
        # MkDocs' own warnings shown, not its INFO chatter, unless -v (builder.build.quiet_mkdocs).
        logging.getLogger("mkdocs").setLevel(logging.DEBUG if args.verbose else logging.WARNING)
        return _run(args, _Build())
    except KeyboardInterrupt:
        return _stopped()
    except Exception as exc:  # noqa: BLE001 - importing MkDocs, before _run: never a traceback
        if _interrupted(exc):
            return _stopped()
        if {"-v", "--verbose"} & set(argv if argv is not None else sys.argv[1:]):
            raise
        return _unexpected(exc)


def _stopped() -> int:
    print("bantin: đã dừng giữa chừng; thư mục site/ giữ nguyên như trước.", file=sys.stderr)
    return 130


def _interrupted(exc: BaseException) -> bool:
    """True when ``exc`` was caused by Ctrl+C or SIGTERM (Python wraps a KeyboardInterrupt
    raised in some places: "RuntimeError: Error calling __set_name__" while a module loads)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


class _Build:
    """:mod:`builder.build`, imported (and MkDocs with it) at the first use of one of its names:
    MkDocs only once the arguments are known to be right, and not for reading the content
    (``bantin check``'s first phase: builder.editor.project)."""

    def __getattr__(self, name: str):
        from builder import build

        return getattr(build, name)


def _run(args, build) -> int:
    from builder.settings import UsageError  # also builder.build.UsageError

    try:
        return _COMMANDS[args.command](args, build)
    except ContentErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"bantin: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        raise
    except OSError as exc:  # a folder that cannot be written (read-only project, disk full ...)
        if args.verbose:
            raise
        if exc.errno is None and not exc.filename:  # not about a file (Jinja's TemplateNotFound is an OSError)
            return _unexpected(exc)
        print(f"bantin: {_file_problem(exc)}", file=sys.stderr)
        return 2
    except RecursionError:  # what builder.content.limits does not foresee
        if args.verbose:
            raise
        print(
            "bantin: một bài có cấu trúc lồng nhau quá sâu (danh sách, trích dẫn hoặc dấu * _ lồng hàng nghìn cấp) "
            "nên không chuyển được thành trang web. Cách sửa: chạy 'bantin check' để biết tệp; bớt các cấp lồng nhau. "
            "Thư mục site/ giữ nguyên như trước.",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # an editor must never see a traceback; -v shows it for developers
        if _interrupted(exc):
            raise KeyboardInterrupt from None
        if args.verbose:
            raise
        return _unexpected(exc)


def _unexpected(exc: Exception) -> int:
    print(
        f"bantin: lỗi không mong đợi khi dựng trang ({type(exc).__name__}: {exc}). "
        "Chạy lại với 'bantin -v ...' để xem chi tiết và báo cho nhóm kỹ thuật.",
        file=sys.stderr,
    )
    return 2


def _file_problem(exc: OSError) -> str:
    """What an editor reads when a file or folder the command needs cannot be used: which one,
    why (in Vietnamese, from the error number) and what to do."""
    from builder.build_cache import CacheUnusable
    from builder.errors import os_reason

    where = exc.filename or "(không rõ tệp)"
    why = os_reason(exc)
    if isinstance(exc, CacheUnusable):
        return (
            f"không dùng được thư mục bộ nhớ đệm {where} ({why}). Cách sửa: cho phép ghi vào thư mục đó "
            "(hoặc chạy lệnh trong một bản sao dự án mà bạn ghi được), hoặc đặt biến môi trường "
            "BANTIN_CACHE_DIR trỏ tới một thư mục ghi được, ví dụ: BANTIN_CACHE_DIR=/tmp/bantin-cache bantin build"
        )
    return (
        f"không ghi hoặc đọc được {where} ({why}). Cách sửa: cho phép ghi vào thư mục dự án và thư mục đó "
        "(hoặc giải phóng chỗ trên đĩa), rồi chạy lại lệnh. Thư mục site/ giữ nguyên như trước."
    )


_OWNER = {"pid": 0}
"""The pid of the command; a process forked from it inherits :func:`_interrupt` until it calls
:func:`builder.children.enter`."""


def handle_interrupts() -> None:
    """Make SIGTERM and SIGINT raise ``KeyboardInterrupt`` in the command (see :func:`main`),
    and make an interrupt that lands in a finaliser count (:func:`_deliver_again`)."""
    _OWNER["pid"] = os.getpid()
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    sys.unraisablehook = _deliver_again


def _deliver_again(unraisable) -> None:
    """``sys.unraisablehook``: an interrupt raised while Python ran a weakref callback or a
    finaliser (an import's module lock, an object being collected) cannot propagate. Python
    would print it as "Exception ignored in …" with a traceback and go on, and the build would
    finish as if never stopped (seen once in 60 SIGTERMs during a build). The signal is sent
    again from a thread, a moment later, so that its handler runs in ordinary code once the
    callback is over (raised here, it would run inside this hook, where it is lost the same
    way); anything else goes to Python's own hook."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        # SIGINT: SIGTERM is ignored after the first one (see _interrupt).
        threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGINT)).start()
        return
    sys.__unraisablehook__(unraisable)


def _interrupt(signum, frame):
    # A child forked a moment ago still has this handler: it ends without a traceback.
    children.quiet_exit_if_child(_OWNER["pid"], signum)
    if signum == signal.SIGTERM:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second TERM must not interrupt the clean-up
    raise KeyboardInterrupt


def _build(args, build) -> int:
    started = time.monotonic()
    result = build.build(build.load(args.config_file), last_act=True)
    seconds = time.monotonic() - started
    if result.unchanged:
        print(
            f"Không có gì thay đổi từ lần dựng trước: {result.site_dir}/ giữ nguyên ({result.pages} trang, "
            f"{result.feeds} nguồn tin RSS/Atom; kiểm tra trong {seconds:.1f} giây)."
        )
        return 0
    print(
        f"Đã dựng {result.pages} trang và {result.feeds} nguồn tin RSS/Atom vào {result.site_dir}/ "
        f"trong {seconds:.1f} giây."
    )
    for line in result.summary:
        print(line)
    return 0


def _check(args, build) -> int:
    from builder.editor import check, project, report

    # The content is read and checked with MkDocs not imported; the links' phase imports it.
    output = report.render(check.run(project.load(args.config_file, engine=False), fix=args.fix), args.format)
    if output.stdout:
        print(output.stdout)
    if output.stderr:
        print(output.stderr, file=sys.stderr)
    return output.code


def _new(args, build) -> int:
    from builder.editor import new, project

    request = new.Request(
        type=args.type,
        title=args.title,
        issue=args.issue,
        slug=args.slug,
        document_type=args.document_type,
        number=args.number,
    )
    try:
        created = new.create(project.load(args.config_file), request)
    except new.Refused as exc:
        print(f"bantin: {exc}", file=sys.stderr)
        return 1
    print(f"Đã tạo {created.path}")
    print(f"Địa chỉ khi đăng: {created.url}")
    for note in created.notes:
        print(note)
    return 0


def _serve(args, build) -> int:
    from builder import preview

    config_file = args.config_file
    build.plugin_of(build.load(config_file))  # fail early, in Vietnamese, on a bad config
    print(f"Xem trước tại http://{args.dev_addr}/ (bản nháp và bài hẹn giờ cũng hiện). Bấm Ctrl+C để dừng.")
    # Preview at the root of dev_addr, whatever sub-path the published site_url has.
    return preview.serve(config_file, args.dev_addr)


def _import(args, build) -> int:
    from pathlib import Path

    from builder.editor import importing, project

    try:
        done = importing.import_one(
            project.load(args.config_file), Path(args.file), Path(args.out) if args.out else None
        )
    except importing.ImportFailed as exc:
        print(f"bantin: {exc}", file=sys.stderr)
        return 2
    print("\n".join(done.lines()))
    return 1 if done.problems else 0


def _import_inbox(args, build) -> int:
    from pathlib import Path

    from builder.editor import inbox, project

    folder = Path(args.folder)
    outcomes = inbox.run(project.load(args.config_file), folder)
    print(inbox.render(outcomes, folder))
    return inbox.exit_code(outcomes)


def _crosspost(args, build) -> int:
    from builder.mkdocs_plugin import sharing
    from builder.outputs.crosspost import CrosspostError

    config = build.load(args.config_file)
    library, errors = build.read(config)
    errors.raise_if_any()
    mode = "dry-run" if args.dry_run else "zalo" if args.zalo else "post"
    out = _Lines()
    try:
        return sharing.crosspost(
            config, build.plugin_of(config).config.sharing, library, mode, os.environ, since=args.since, out=out
        )
    except CrosspostError as exc:
        print(f"bantin crosspost: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(
            "bantin crosspost: đã dừng giữa chừng. Bài nào đã lên Trang đều đã được ghi nhận hoặc sẽ được tìm thấy "
            "trên Trang ở lần chạy sau; chạy lại lệnh để đăng tiếp.",
            file=sys.stderr,
        )
        return 130
    finally:
        if out.closed:
            print(
                "bantin crosspost: nơi nhận đầu ra đã đóng trước khi in hết (ví dụ khi dùng '| head'), phần còn lại "
                "không được in; việc đăng (nếu có) vẫn làm đủ. Muốn xem hết: ghi ra tệp, ví dụ "
                "'bantin crosspost --dry-run > xem-truoc.txt'.",
                file=sys.stderr,
            )


class _Lines:
    """Prints ``crosspost``'s lines as they come. When the reader stops reading (``| head``),
    the rest goes nowhere instead of raising BrokenPipeError: a run that is posting must not
    stop halfway because nobody reads its progress. ``closed`` tells that it happened."""

    def __init__(self):
        self.closed = False

    def __call__(self, text: str) -> None:
        if self.closed:
            return
        try:
            print(text, flush=True)
        except BrokenPipeError:
            self.closed = True
            # Python flushes stdout again at exit; pointing it at /dev/null keeps that quiet.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _changes(args, build) -> int:
    from pathlib import Path

    from builder.editor import changes, project, screenshots

    loaded = project.load(args.config_file)
    found = changes.run(loaded, args.since)
    if args.screenshots:
        shown = [page.address for page in found.new + found.changed]
        try:
            found.screenshots = (
                screenshots.take(Path(loaded.config.site_dir), loaded.site_url, shown, Path(args.screenshots))
                if shown
                else []
            )
            if not shown:
                found.screenshot_note = "Không có trang mới hoặc trang sửa đổi nên không chụp ảnh."
        except screenshots.Unavailable as exc:
            found.screenshot_note = f"Không chụp được ảnh: {exc}"
    print(changes.render(found))
    return found.code


CALENDAR_DAYS = 90
"""Days ``bantin calendar`` shows from today when neither --year nor --days is given."""


def _calendar(args, build) -> int:
    from datetime import date, timedelta

    from builder.content import agenda, lunar
    from builder.content.dates import VIETNAM

    if args.year is not None and not lunar.YEARS[0] <= args.year <= lunar.YEARS[1]:
        raise build.UsageError(f"--year: năm phải từ {lunar.YEARS[0]} đến {lunar.YEARS[1]}.")
    if args.days is not None and not 1 <= args.days <= 3660:
        raise build.UsageError("--days: số ngày phải từ 1 đến 3660.")
    from builder import settings
    from builder.content.licence import expiry_warning

    config = build.load(args.config_file)
    library, errors = build.read(config)
    errors.raise_if_any()  # a broken issue (or one dated after the licence's end) would make the suggestions wrong
    first = date(args.year, 1, 1) if args.year is not None else library.now.astimezone(VIETNAM).date()
    if args.days is not None:
        last = first + timedelta(days=args.days - 1)
    else:
        last = date(first.year, 12, 31) if args.year is not None else first + timedelta(days=CALENDAR_DAYS - 1)
    print("\n".join(agenda.report(library, first, last)))
    licence = settings.defaults(build.plugin_of(config).config).licence
    warning = expiry_warning(licence, library.now.astimezone(VIETNAM).date())
    if warning:  # planning issues is when a new licence must be asked for
        print(f"{licence.config_file}:{licence.line or 1}: cảnh báo: {warning}")
    return 0


_COMMANDS = {
    "build": _build,
    "check": _check,
    "serve": _serve,
    "new": _new,
    "import": _import,
    "import-inbox": _import_inbox,
    "calendar": _calendar,
    "crosspost": _crosspost,
    "changes": _changes,
}


if __name__ == "__main__":
    sys.exit(main())
