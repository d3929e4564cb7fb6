"""Cross-posting new items to the union's Facebook Page, exactly once each.

This is the only module of the project that talks HTTP (through ``requests``). The Graph
API needs one call to publish, ``POST /{version}/{page-id}/feed`` with ``message``, ``link``
and ``access_token`` (Graph API reference, Page Feed), and one to read the Page's posts,
``GET /{version}/{page-id}/feed?fields=id,message,created_time``, newest first, at most 100 a
page, the next page at the absolute URL ``paging.next`` (Graph API "Paginated Results").

Exactly once rests on five things:

1. One run at a time (:mod:`builder.outputs.crosspost_lock`): two runs would both see the same
   items pending.
2. A state file committed to the repository (:mod:`builder.outputs.crosspost_state`) records
   each posted entry under its identity — its path when first posted, followed through renames
   by its fingerprint — with the post id. It is rewritten atomically after each success, and
   checked writable before the first post, so it lists exactly the posts that were confirmed.
3. Before posting, the Page's posts are read back, page after page, as far as the oldest
   pending item's date (a post cannot be older than its item; at most ``search_pages`` pages),
   and any item whose link is already in a post's message is recorded instead of posted again.
   This repairs a crash or lost connection after Facebook created a post but before its id
   came back, whatever the number of newer posts on the Page.
4. An answer that may hide a created post (a 5xx, a timeout, a connection dropped after the
   request went out, a 200 whose body is not the Graph API's) is never retried at once:
   Facebook sometimes finishes creating a post well after the client stopped waiting. The Page
   is searched for it at once and again every ``confirm_every`` seconds until
   ``confirm_window`` seconds after the attempt began; only then is the request sent again.
5. Nothing is posted when the Page cannot be read.

Graph API error codes handled (Graph API "Handling Errors" guide): 190 and 102 (invalid or
expired access token) and 10, 200–299 (missing permission) stop the run as a configuration
problem; 4, 17, 32, 613 and 80001 (rate limiting) make it wait once, try again, then stop
cleanly; 1, 2 and any HTTP 5xx (transient) are retried a bounded number of times with
doubling waits. The access token is sent in the request body (POST) or query (GET) as the
Graph API documents, and every line this module prints goes through a filter that removes it.
Every way the run can stop ends in a Vietnamese :class:`CrosspostError`.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import requests
import urllib3

from builder.content import sharing
from builder.content.dates import VIETNAM, now_in_vietnam, to_vietnam_time
from builder.content.library import Library
from builder.content.model import Entry
from builder.outputs import crosspost_lock
from builder.outputs.crosspost_state import State, StateProblem, shown, unwritable

KINDS = ("news", "issue", "column", "document")
"""Content types posted: a bulletin's articles reach readers through their issue (as in the feeds)."""
TOKEN_CODES = frozenset({102, 190})
PERMISSION_CODES = frozenset({10, *range(200, 300)})
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001})
TRANSIENT_CODES = frozenset({1, 2})
PAGE_SIZE = 100
"""Page posts asked for per request (the feed edge's largest page)."""
CLOCK_SLACK = timedelta(days=1)
"""How much older than an item a post of it may look: clocks and time zones differ."""

OK, CONFIGURATION, STOPPED = 0, 2, 3
"""Exit codes: everything posted; a setting or secret must be fixed; stopped early, try later."""


class CrosspostError(Exception):
    """The run cannot go on. ``exit_code`` is :data:`CONFIGURATION` or :data:`STOPPED`; the
    message is Vietnamese and says what to do."""

    def __init__(self, message: str, exit_code: int = CONFIGURATION):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Settings:
    """How to cross-post (the ``sharing: facebook:`` block of mkdocs.yml).

    Attributes:
        api_url: the Graph API's base URL ("https://graph.facebook.com/").
        api_version: the Graph API version in the path ("v24.0").
        state_file: the committed record of what was posted.
        since: only items dated on or after this day (Vietnam time) are posted, so the first
            run on an existing site does not post its archive. None: not configured.
        summary_length: characters of the summary kept in a message.
        hashtags: hashtags at most per message; ascii_hashtags: drop tone marks in them.
        retries: extra attempts after a transient failure; retry_wait: seconds before the
            first one (doubled each time); rate_limit_wait: seconds to wait once when rate
            limited; timeout: seconds to wait for Facebook's answer.
        confirm_window: seconds, from the start of an attempt whose outcome is unknown, during
            which the Page is searched for the post before the attempt is repeated;
            confirm_every: seconds between two searches. Facebook has been seen to create a
            post more than a minute after the request (timeout 30 s): 180 s covers that.
        search_pages: pages of :data:`PAGE_SIZE` posts read at most in one search; a Page
            with more posts than that since the oldest pending item stops the run.
    """

    api_url: str
    api_version: str
    state_file: Path
    since: date | None
    summary_length: int = 280
    hashtags: int = 5
    ascii_hashtags: bool = False
    retries: int = 3
    retry_wait: float = 5.0
    rate_limit_wait: float = 60.0
    timeout: float = 30.0
    confirm_window: float = 180.0
    confirm_every: float = 15.0
    search_pages: int = 50


@dataclass(frozen=True)
class Item:
    """One entry to post: its ``guid``, ``entry``, absolute ``url``, Facebook ``message`` and
    Zalo text ``zalo``."""

    guid: str
    entry: Entry
    url: str
    message: str
    zalo: str


def items(
    library: Library,
    site_url: str,
    settings: Settings,
    guid: Callable[[Entry, str], str],
    since: date | None = None,
    only: set[str] | None = None,
) -> list[Item]:
    """Every published entry of :data:`KINDS` dated on or after ``since``, oldest first.

    Args:
        library: the content (its ``now`` decides what is published: no drafts, no future
            items); site_url: absolute, ending in "/"; guid: the feeds' GUID function;
        since: overrides ``settings.since`` (None there and here: every published item);
        only: the sources of the entries wanted (None: all).
    """
    start = since or settings.since
    chosen = [
        e
        for e in library.published()
        if e.kind in KINDS
        and e.date is not None
        and (start is None or e.date.astimezone(VIETNAM).date() >= start)
        and (only is None or e.source in only)
    ]
    chosen.reverse()  # published() is newest first; the Page's timeline should read in order
    result = []
    for entry in chosen:
        url = site_url + entry.url
        message = sharing.facebook_message(
            entry, url, settings.summary_length, settings.hashtags, settings.ascii_hashtags
        )
        result.append(
            Item(guid(entry, site_url), entry, url, message, sharing.zalo_text(entry, url, settings.summary_length))
        )
    return result


class GraphError(Exception):
    """Facebook answered with an error: HTTP ``status``, Graph ``code`` (0 when the body was
    not a Graph error), ``subcode``, ``detail`` (Facebook's message, English; or, for a body
    that is not a Graph error, a Vietnamese description quoting its start)."""

    def __init__(self, status: int, code: int, subcode: int, detail: str, transient: bool = False):
        super().__init__(f"HTTP {status}, code {code}: {detail}")
        self.status, self.code, self.subcode, self.detail = status, code, subcode, detail
        self.transient = transient or status >= 500 or code in TRANSIENT_CODES

    def describe(self) -> str:
        """The error for a Vietnamese message: "HTTP 400, mã lỗi 100: ..." (no "mã lỗi 0")."""
        if self.code:
            return f"HTTP {self.status}, mã lỗi {self.code}: {self.detail}"
        return f"HTTP {self.status}, {self.detail}"


class NotSent(Exception):
    """The connection failed before the request went out: nothing can have been posted."""


class Unsure(Exception):
    """The request went out but its outcome is unknown: no answer came back (timeout,
    connection dropped) or the answer was not the Graph API's. The message is Vietnamese."""


@dataclass(frozen=True)
class Posts:
    """Posts read from the Page, newest first (``{"id", "message", "created_time"}`` dicts);
    ``complete`` is False when the reading stopped at its page limit before its time bound."""

    posts: list[dict]
    complete: bool


class Graph:
    """The two Graph API calls cross-posting needs.

    Args:
        api_url, api_version: from :class:`Settings`; page_id, token: from the environment;
        timeout: seconds; session: a ``requests.Session`` (one is made by default).
    """

    def __init__(
        self,
        api_url: str,
        api_version: str,
        page_id: str,
        token: str,
        timeout: float,
        session: requests.Session | None = None,
    ):
        self.feed_url = f"{api_url.rstrip('/')}/{api_version.strip('/')}/{page_id}/feed"
        self.page_id, self._token, self.timeout = page_id, token, timeout
        self.session = session or requests.Session()

    def publish(self, message: str, link: str) -> str:
        """Create a Page post; return its id ("<page-id>_<post-id>").

        Raises:
            GraphError, NotSent, Unsure (also for a 200 answer without a post id: Facebook
            may have created the post).
        """
        try:
            data = self._call(
                "POST", self.feed_url, data={"message": message, "link": link, "access_token": self._token}
            )
        except GraphError as error:
            if error.status == 200 and error.code == 0:  # "OK" with a body that is not the Graph API's
                raise Unsure(f"Facebook trả lời HTTP 200 nhưng {error.detail}") from None
            raise
        if not isinstance(data.get("id"), str):
            raise Unsure(f"Facebook trả lời HTTP 200 nhưng không kèm mã bài đăng ({_quote(json.dumps(data))})")
        return data["id"]

    def read(self, since: datetime | None, pages: int) -> Posts:
        """The Page's posts, newest first, page after page (``paging.next``), until a page
        ends with a post created before ``since`` (None: no bound), there is no next page, or
        ``pages`` pages were read.

        Raises:
            GraphError, NotSent, Unsure.
        """
        url = self.feed_url
        params: dict | None = {
            "fields": "id,message,created_time",
            "limit": str(PAGE_SIZE),
            "access_token": self._token,
        }
        found: list[dict] = []
        for _ in range(pages):
            data = self._call("GET", url, params=params)
            if not isinstance(data.get("data"), list):  # read as "no posts", everything would be posted again
                raise GraphError(200, 0, 0, f"trả lời không có danh sách bài “data” ({_quote(json.dumps(data))})")
            page = [p for p in data["data"] if isinstance(p, dict)]
            found.extend(page)
            oldest = _created(page[-1]) if page else None
            if since is not None and oldest is not None and oldest < since:
                return Posts(found, True)
            paging = data.get("paging")
            url = paging.get("next") if isinstance(paging, dict) else None
            if not page or not isinstance(url, str):
                return Posts(found, True)
            if not self._ours(url):
                raise GraphError(
                    200, 0, 0, f"địa chỉ trang sau (paging.next) không thuộc {urlsplit(self.feed_url).netloc}"
                )
            params = None  # the next URL carries the query, the access token included
        return Posts(found, False)

    def _ours(self, url: str) -> bool:
        """True when ``url`` is on the Graph API's own host: the access token is never sent
        elsewhere, whatever an answer says."""
        mine, theirs = urlsplit(self.feed_url), urlsplit(url)
        return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)

    def _call(self, method: str, url: str, **kwargs) -> dict:
        try:
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        except (requests.ConnectTimeout, requests.exceptions.InvalidURL) as error:
            raise NotSent(type(error).__name__) from None
        except requests.ConnectionError as error:
            # requests wraps urllib3's MaxRetryError, whose reason says whether a connection was
            # ever made (NewConnectionError, NameResolutionError: refused, unknown host).
            reason = getattr(error.args[0], "reason", None) if error.args else None
            if isinstance(reason, urllib3.exceptions.NewConnectionError):
                raise NotSent(type(reason).__name__) from None
            raise Unsure(f"mất kết nối sau khi gửi ({type(error).__name__})") from None
        except requests.RequestException as error:
            raise Unsure(f"mất kết nối sau khi gửi ({type(error).__name__})") from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code == 200 and isinstance(data, dict) and "error" not in data:
            return data
        error = data.get("error") if isinstance(data, dict) else None
        if isinstance(error, dict):
            raise GraphError(
                response.status_code,
                _int(error.get("code")),
                _int(error.get("error_subcode")),
                str(error.get("message", "")),
                bool(error.get("is_transient")),
            )
        # Decoded as UTF-8 whatever the header says: requests falls back to Latin-1 for text/html.
        body = response.content.decode("utf-8", "replace")
        raise GraphError(response.status_code, 0, 0, f"nội dung trả lời không phải của Graph API ({_quote(body)})")


def _quote(text: str) -> str:
    """The start of an answer's body, on one line, quoted for a message."""
    text = " ".join(text.split())
    return f"«{text[:80]}…»" if len(text) > 80 else f"«{text}»" if text else "trống"


def _created(post: dict) -> datetime | None:
    """A post's ``created_time`` ("2026-11-29T05:00:00+0000"), or None if absent or unreadable."""
    try:
        return datetime.strptime(str(post.get("created_time")), "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


def credentials(environ: Mapping[str, str]) -> tuple[str, str]:
    """``(page id, token)`` from ``FACEBOOK_PAGE_ID`` and ``FACEBOOK_PAGE_TOKEN``.

    Raises:
        CrosspostError: one is missing or empty.
    """
    page_id, token = environ.get("FACEBOOK_PAGE_ID", "").strip(), environ.get("FACEBOOK_PAGE_TOKEN", "").strip()
    missing = [name for name, value in (("FACEBOOK_PAGE_ID", page_id), ("FACEBOOK_PAGE_TOKEN", token)) if not value]
    if missing:
        raise CrosspostError(
            f"Thiếu biến môi trường {', '.join(missing)}. Cách sửa: trên GitHub, thêm bí mật cùng tên "
            "trong Settings → Secrets and variables → Actions của kho; trên máy, đặt biến trước khi "
            "chạy lệnh. Muốn xem trước mà không đăng: bantin crosspost --dry-run."
        )
    return page_id, token


class Poster:
    """Posts pending items one by one, recording each success in the state.

    Args:
        graph: the Graph API client; state: the state file; settings: retries and waits;
        say: prints one line for the editor (already stripped of the token by the caller);
        sleep: waits (seconds); now: the clock for ``posted_at``.
    """

    def __init__(
        self,
        graph: Graph,
        state: State,
        settings: Settings,
        say: Callable[[str], None],
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = now_in_vietnam,
    ):
        self.graph, self.state, self.settings, self.say, self.sleep, self.now = graph, state, settings, say, sleep, now

    def run(self, pending: list[Item]) -> int:
        """Post ``pending`` in order; return how many were posted (the others were found on
        the Page and only recorded).

        Raises:
            CrosspostError: stopped; what was posted before is recorded.
        """
        oldest = min(item.entry.date for item in pending if item.entry.date is not None)
        pending = self._reconcile(pending, self._search(oldest - CLOCK_SLACK))
        for number, item in enumerate(pending, start=1):
            post_id = self._post(item, remaining=len(pending) - number + 1)
            self._record(item, post_id)
            self.say(f"Đã đăng ({number}/{len(pending)}): {item.entry.title} → bài {post_id}")
        return len(pending)

    def _record(self, item: Item, post_id: str) -> None:
        """Record a post of ``item`` that is on the Page."""
        try:
            self.state.record(item, self.graph.page_id, post_id, self.now())
        except StateProblem as problem:
            raise CrosspostError(
                f"Bài “{item.entry.title}” đã lên Trang (bài {post_id}) nhưng không ghi nhận được. "
                f"{problem} Lần chạy sau sẽ thấy bài trên Trang và chỉ ghi nhận lại, không đăng lại.",
                STOPPED,
            ) from None

    def _reconcile(self, pending: list[Item], posts: list[dict]) -> list[Item]:
        """Record the items already on the Page; return the others."""
        left = []
        for item in pending:
            post_id = _find(item.url, posts)
            if post_id:
                self._record(item, post_id)
                self.say(f"Đã có trên Trang, chỉ ghi nhận lại: {item.entry.title} → bài {post_id}")
            else:
                left.append(item)
        return left

    def _post(self, item: Item, remaining: int) -> str:
        """Publish ``item``, retrying transient failures; return the post id. An attempt
        whose outcome is unknown is followed by :meth:`_confirm`, never by a new attempt at once."""
        attempt, rate_limited = 0, False
        while True:
            maybe_posted, started, started_at = True, time.monotonic(), self.now()
            try:
                return self.graph.publish(item.message, item.url)
            except GraphError as error:
                self._stop_on_configuration(error, item)
                if error.code in RATE_LIMIT_CODES:
                    if rate_limited:
                        raise CrosspostError(
                            f"Facebook đang giới hạn số lần đăng (mã lỗi {error.code}: {error.detail}). Đã dừng; "
                            f"{remaining} bài chưa đăng sẽ được đăng ở lần chạy sau (lần xuất bản tới, hoặc chạy lại "
                            "lệnh sau khoảng một giờ).",
                            STOPPED,
                        ) from None
                    rate_limited = True
                    self.say(
                        f"Facebook đang giới hạn số lần đăng; chờ {self.settings.rate_limit_wait:g} giây rồi thử lại."
                    )
                    self.sleep(self.settings.rate_limit_wait)
                    continue
                if not error.transient:
                    raise CrosspostError(
                        f"Facebook không nhận bài “{item.entry.title}” ({error.describe()}). Đã dừng; bài này và "
                        f"{remaining - 1} bài sau chưa được đăng. Cách sửa: đọc lỗi trên, sửa bài hoặc cấu hình rồi "
                        "chạy lại; nếu không rõ, báo nhóm kỹ thuật.",
                        STOPPED,
                    ) from None
                problem = f"máy chủ Facebook lỗi ({error.describe()})"
            except NotSent as error:
                problem, maybe_posted = f"không kết nối được tới Facebook ({error})", False
            except Unsure as error:
                problem = str(error)
            if maybe_posted:
                post_id = self._confirm(item, problem, started, started_at)
                if post_id:
                    return post_id
            attempt += 1
            if attempt > self.settings.retries:
                raise CrosspostError(
                    f"Không đăng được “{item.entry.title}”: {problem}, sau {attempt} lần thử. Đã dừng; bài này và "
                    f"{remaining - 1} bài sau sẽ được đăng ở lần chạy sau.",
                    STOPPED,
                )
            wait = self.settings.retry_wait * 2 ** (attempt - 1)
            self.say(f"Lần thử {attempt} không được: {problem}. Thử lại sau {wait:g} giây.")
            self.sleep(wait)

    def _confirm(self, item: Item, problem: str, started: float, started_at: datetime) -> str:
        """Search the Page for ``item``'s post, at once and then every ``confirm_every``
        seconds until ``confirm_window`` seconds after ``started`` (``time.monotonic()`` when
        the attempt began; ``started_at``: the same moment on the clock). Facebook may finish
        creating a post well after the client stopped waiting. Returns the post id, or ""."""
        since = started_at - CLOCK_SLACK
        deadline = started + self.settings.confirm_window
        told = False
        while True:
            post_id = _find(item.url, self._search(since, item))
            left = deadline - time.monotonic()
            if post_id or left <= 0:
                return post_id
            if not told:
                self.say(
                    f"Chưa rõ “{item.entry.title}” đã lên Trang chưa ({problem}); Facebook có khi tạo bài chậm, "
                    f"nên tìm lại trên Trang trong {left:.0f} giây nữa trước khi gửi lại."
                )
                told = True
            self.sleep(min(self.settings.confirm_every, left))

    def _search(self, since: datetime, item: Item | None = None) -> list[dict]:
        """The Page's posts created since ``since`` (newest first, all pages). An error other
        than a configuration one stops the run: without the posts, a repeat could double one.
        ``item``: the item whose attempt had an unknown outcome, if any (for the message)."""
        try:
            found = self.graph.read(since, self.settings.search_pages)
        except GraphError as error:
            self._stop_on_configuration(error, item)
            problem = error.describe()
        except (NotSent, Unsure) as error:
            problem = f"lỗi kết nối: {error}"
        else:
            if found.complete:
                return found.posts
            raise CrosspostError(
                f"Trang Facebook có hơn {len(found.posts)} bài từ {since.astimezone(VIETNAM):%d/%m/%Y} đến nay; đã đọc "
                f"{self.settings.search_pages} trang mà chưa hết, nên không chắc bài nào đã đăng. Đã dừng"
                f"{', chưa đăng gì' if item is None else ''}. Cách sửa: tăng search_pages (mỗi trang "
                f"{PAGE_SIZE} bài) trong mkdocs.yml, mục plugins → bantin → sharing → facebook, rồi chạy lại.",
                STOPPED,
            )
        if item is None:
            raise CrosspostError(
                f"Không đọc được các bài gần đây của Trang Facebook ({problem}), nên không kiểm tra "
                "được bài nào đã đăng. Đã dừng, chưa đăng gì; chạy lại sau.",
                STOPPED,
            )
        raise CrosspostError(
            f"Không rõ bài “{item.entry.title}” đã lên Trang chưa: lần gửi không có câu trả lời rõ ràng và không đọc "
            f"được các bài gần đây ({problem}). Đã dừng; lần chạy sau sẽ kiểm tra lại trước khi đăng.",
            STOPPED,
        )

    def _stop_on_configuration(self, error: GraphError, item: Item | None) -> None:
        """Raise for an invalid token (190, 102) or a missing permission (10, 200–299)."""
        where = f" Bài “{item.entry.title}” chưa được đăng." if item else " Chưa đăng bài nào."
        if error.code in TOKEN_CODES:
            raise CrosspostError(
                f"Facebook từ chối mã truy cập (mã lỗi {error.code}: {error.detail}): mã truy cập Trang "
                "(FACEBOOK_PAGE_TOKEN) đã hết hạn, bị thu hồi hoặc sai. Cách sửa: tạo mã truy cập Trang mới, dài "
                "hạn, có quyền pages_manage_posts và pages_read_engagement, rồi cập nhật bí mật FACEBOOK_PAGE_TOKEN "
                f"trong Settings → Secrets and variables → Actions của kho GitHub.{where}",
                CONFIGURATION,
            ) from None
        if error.code in PERMISSION_CODES:
            raise CrosspostError(
                f"Mã truy cập không có quyền đăng lên Trang {self.graph.page_id} (mã lỗi {error.code}: {error.detail}). "
                "Cách sửa: kiểm tra FACEBOOK_PAGE_ID và cấp cho mã truy cập Trang quyền pages_manage_posts và "
                f"pages_read_engagement.{where}",
                CONFIGURATION,
            ) from None


def _find(url: str, posts: list[dict]) -> str:
    """The id of the first post whose message contains ``url`` as a whole word, or ""."""
    pattern = re.compile(re.escape(url) + r"(?=\s|$)")
    for post in posts:
        if pattern.search(str(post.get("message", ""))) and isinstance(post.get("id"), str):
            return post["id"]
    return ""


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def parse_since(value) -> date | None:
    """The ``since`` setting as a date: a YAML date, or text "2026-12-01"; None when unset.

    Raises:
        CrosspostError: the text is not a date.
    """
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return to_vietnam_time(value).astimezone(VIETNAM).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise CrosspostError(
            f"Ngày bắt đầu đăng '{value}' (sharing → facebook → since trong mkdocs.yml) không phải "
            "ngày dạng năm-tháng-ngày. Cách sửa: viết ví dụ since: 2026-12-01."
        ) from None


def unposted(every: list[Item], state_file: Path) -> list[Item]:
    """The items of ``every`` that the state file does not record (by GUID, path or, for a moved
    entry, fingerprint: :meth:`State.match`): what a run would post, in order. Nothing is written.
    ``bantin changes`` tells a pull request's reviewers the same list (builder.editor.changes).

    Raises:
        CrosspostError: the state file is broken (:data:`CONFIGURATION`), in Vietnamese.
    """
    return _load(state_file).match(every).pending


def run(
    every: list[Item],
    settings: Settings,
    environ: Mapping[str, str],
    mode: str,
    out: Callable[[str], None] = print,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """``bantin crosspost``: act on the items of ``every`` that the state does not list.

    Args:
        every: the candidate items (:func:`items`), oldest first; settings: see :class:`Settings`;
        environ: where FACEBOOK_PAGE_ID and FACEBOOK_PAGE_TOKEN are read (``mode="post"`` only);
        mode: "post" publishes; "dry-run" prints exactly the messages it would send and sends
            nothing; "zalo" prints the Zalo texts; out: prints one block of text.

    Returns:
        :data:`OK`.

    Raises:
        CrosspostError: a secret or setting is missing or refused (:data:`CONFIGURATION`), or
            posting stopped early (:data:`STOPPED`); the state lists what was posted. No
            message contains the access token.
    """
    if mode in ("dry-run", "zalo"):
        state = _load(settings.state_file)
        matched = state.match(every)  # nothing is written: a preview changes no file
        _moved(matched.moved, state, out)
        _preview(matched.pending, mode, out)
        return OK
    page_id, token = credentials(environ)

    def say(text: str) -> None:
        out(text.replace(token, "[mã truy cập]"))

    try:
        with crosspost_lock.held(settings.state_file):
            return _post(every, settings, page_id, token, say, sleep)
    except crosspost_lock.Busy as busy:
        raise CrosspostError(
            f"Một lần chạy bantin crosspost khác đang đăng bài ({busy}; khóa {shown(crosspost_lock.lock_path(settings.state_file))}). "
            "Lần này dừng, không đăng gì, để không bài nào bị đăng hai lần; lần chạy kia sẽ đăng đủ. Cách sửa: "
            "chờ lần kia xong rồi chạy lại nếu còn bài chưa đăng. Khóa tự mở khi lần kia kết thúc, kể cả khi nó bị "
            "dừng đột ngột.",
            STOPPED,
        ) from None
    except crosspost_lock.Unlockable as failed:  # no lock file there: no state file either
        raise CrosspostError(str(unwritable(settings.state_file, failed.error)), CONFIGURATION) from None
    except CrosspostError as error:
        raise CrosspostError(str(error).replace(token, "[mã truy cập]"), error.exit_code) from None


def _post(
    every: list[Item],
    settings: Settings,
    page_id: str,
    token: str,
    say: Callable[[str], None],
    sleep: Callable[[float], None],
) -> int:
    """The posting part of :func:`run`, under the lock: read the state (after taking the lock,
    so a run that just finished is seen), make sure it can be written, then post."""
    state = _load(settings.state_file)
    try:
        state.check_writable()
        matched = state.match(every)
        if matched.changed:
            state.save()
    except StateProblem as problem:
        raise CrosspostError(str(problem), CONFIGURATION) from None
    _moved(matched.moved, state, say)
    if not matched.pending:
        say("Không có bài mới cần đăng lên Trang Facebook.")
        return OK
    graph = Graph(settings.api_url, settings.api_version, page_id, token, settings.timeout)
    posted = Poster(graph, state, settings, say, sleep).run(matched.pending)
    found = len(matched.pending) - posted
    say(
        f"Xong: đã đăng {posted} bài{f', ghi nhận lại {found} bài đã có trên Trang' if found else ''}; "
        f"ghi nhận trong {shown(settings.state_file)}."
    )
    return OK


def _load(path: Path) -> State:
    try:
        return State.load(path)
    except StateProblem as problem:
        raise CrosspostError(str(problem), CONFIGURATION) from None


def _moved(moved: list, state: State, out: Callable[[str], None]) -> None:
    """Tell the editor which items were recognised as already posted under another path."""
    for item, key in moved:
        record = state.posts[key]
        out(
            f"Đã đăng trước đây (bài {record.get('post_id', '?')}) khi còn ở {record['earlier'][-1]['source']}, "
            f"nay là {item.entry.source}: không đăng lại."
        )


def _preview(pending: list[Item], mode: str, out: Callable[[str], None]) -> None:
    if not pending:
        out("Không có bài mới cần đăng lên Trang Facebook.")
        return
    if mode == "dry-run":
        out(f"Chạy thử: sẽ đăng {len(pending)} bài lên Trang Facebook (không gửi gì). Nội dung từng bài:")
    else:
        out(f"Tin nhắn Zalo của {len(pending)} bài mới (sao chép từng khối, dán vào nhóm Zalo):")
    for number, item in enumerate(pending, start=1):
        out(f"\n===== {number}/{len(pending)} · {item.entry.source} =====")
        out(item.message if mode == "dry-run" else item.zalo)
