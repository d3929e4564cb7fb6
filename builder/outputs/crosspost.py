"""Cross-posting new items to the union's Facebook Page, exactly once each.

This is the only module of the project that talks HTTP (through ``requests``). The Graph
API needs one call to publish, ``POST /{version}/{page-id}/feed`` with ``message``, ``link``
and ``access_token`` (Graph API reference, Page Feed), and one to read the Page's recent
posts, ``GET /{version}/{page-id}/feed?fields=id,message``.

Exactly once rests on three things:

1. A state file committed to the repository records, per item GUID (the feeds' ``tag:`` URI,
   :func:`builder.outputs.feeds.guid`), when and where the item was posted and the post id.
   It is rewritten atomically (temporary file, fsync, rename) after each success, so a
   crash leaves it listing exactly the posts that were confirmed.
2. Before posting, the Page's recent posts are read and any item whose link is already in a
   post's message is recorded instead of posted again. This repairs the one gap left by 1.:
   a crash or lost connection after Facebook created the post but before its id came back.
3. An answer that may hide a created post (a 5xx, a timeout, a connection dropped after the
   request went out) triggers the same check before the request is retried.

Graph API error codes handled (Graph API "Handling Errors" guide): 190 and 102 (invalid or
expired access token) and 10, 200–299 (missing permission) stop the run as a configuration
problem; 4, 17, 32, 613 and 80001 (rate limiting) make it wait once, try again, then stop
cleanly; 1, 2 and any HTTP 5xx (transient) are retried a bounded number of times with
doubling waits. The access token is sent in the request body (POST) or query (GET) as the
Graph API documents, and every line this module prints goes through a filter that removes it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import requests
import urllib3

from builder.content import sharing
from builder.content.dates import VIETNAM, now_in_vietnam, to_vietnam_time
from builder.content.library import Library
from builder.content.model import Entry

KINDS = ("news", "issue", "column", "document")
"""Content types posted: a bulletin's articles reach readers through their issue (as in the feeds)."""
TOKEN_CODES = frozenset({102, 190})
PERMISSION_CODES = frozenset({10, *range(200, 300)})
RATE_LIMIT_CODES = frozenset({4, 17, 32, 613, 80001})
TRANSIENT_CODES = frozenset({1, 2})
RECENT_POSTS = 100
"""Recent Page posts read to find items already posted (the feed edge's largest page)."""
STATE_VERSION = 1

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


@dataclass(frozen=True)
class Item:
    """One entry to post: its ``guid``, ``entry``, absolute ``url``, Facebook ``message`` and
    Zalo text ``zalo``."""

    guid: str
    entry: Entry
    url: str
    message: str
    zalo: str


def items(library: Library, site_url: str, settings: Settings, guid: Callable[[Entry, str], str],
          since: date | None = None, only: set[str] | None = None) -> list[Item]:
    """Every published entry of :data:`KINDS` dated on or after ``since``, oldest first.

    Args:
        library: the content (its ``now`` decides what is published: no drafts, no future
            items); site_url: absolute, ending in "/"; guid: the feeds' GUID function;
        since: overrides ``settings.since`` (None there and here: every published item);
        only: the sources of the entries wanted (None: all).
    """
    start = since or settings.since
    chosen = [e for e in library.published() if e.kind in KINDS and e.date is not None
              and (start is None or e.date.astimezone(VIETNAM).date() >= start) and (only is None or e.source in only)]
    chosen.reverse()  # published() is newest first; the Page's timeline should read in order
    result = []
    for entry in chosen:
        url = site_url + entry.url
        message = sharing.facebook_message(entry, url, settings.summary_length, settings.hashtags,
                                           settings.ascii_hashtags)
        result.append(Item(guid(entry, site_url), entry, url, message,
                           sharing.zalo_text(entry, url, settings.summary_length)))
    return result


class State:
    """The state file: ``{"version": 1, "facebook": {guid: record}}`` where a record holds
    ``posted_at`` (ISO 8601, +07:00), ``page_id``, ``post_id``, ``url``, ``source`` and
    ``title``. Written with sorted keys, so its git diffs show only what changed."""

    def __init__(self, path: Path, posts: dict[str, dict]):
        self.path = path
        self.posts = posts

    @classmethod
    def load(cls, path: Path) -> "State":
        """Read ``path``; a missing file is an empty state.

        Raises:
            CrosspostError: the file is not a state file (Vietnamese message).
        """
        if not path.exists():
            return cls(path, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            posts = data["facebook"]
            if not isinstance(posts, dict):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise CrosspostError(f"Tệp {path} không phải tệp ghi nhận bài đã đăng hợp lệ. Cách sửa: lấy lại bản "
                                 f"đúng từ lịch sử git (git checkout -- {path}); đừng sửa tay tệp này.") from None
        return cls(path, posts)

    def posted(self, item: Item) -> bool:
        """True when ``item`` was posted: its GUID is recorded, or its source file is (the
        GUID changes with the site's host or the item's date; the post must not repeat)."""
        return item.guid in self.posts or any(r.get("source") == item.entry.source for r in self.posts.values())

    def record(self, item: Item, page_id: str, post_id: str, when: datetime) -> None:
        """Note ``item`` as posted and write the file at once (atomically)."""
        self.posts[item.guid] = {"posted_at": when.astimezone(VIETNAM).isoformat(timespec="seconds"),
                                 "page_id": page_id, "post_id": post_id, "url": item.url,
                                 "source": item.entry.source, "title": item.entry.title}
        self.save()

    def save(self) -> None:
        """Write the state through a temporary file, fsync and rename."""
        text = json.dumps({"version": STATE_VERSION, "facebook": self.posts}, ensure_ascii=False, indent=2,
                          sort_keys=True) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


class GraphError(Exception):
    """Facebook answered with an error: HTTP ``status``, Graph ``code`` (0 when the body was
    not a Graph error), ``subcode``, ``detail`` (Facebook's message, English)."""

    def __init__(self, status: int, code: int, subcode: int, detail: str, transient: bool = False):
        super().__init__(f"HTTP {status}, code {code}: {detail}")
        self.status, self.code, self.subcode, self.detail = status, code, subcode, detail
        self.transient = transient or status >= 500 or code in TRANSIENT_CODES


class NotSent(Exception):
    """The connection failed before the request went out: nothing can have been posted."""


class Unsure(Exception):
    """The request went out but no answer came back (timeout, connection dropped)."""


class Graph:
    """The two Graph API calls cross-posting needs.

    Args:
        api_url, api_version: from :class:`Settings`; page_id, token: from the environment;
        timeout: seconds; session: a ``requests.Session`` (one is made by default).
    """

    def __init__(self, api_url: str, api_version: str, page_id: str, token: str, timeout: float,
                 session: requests.Session | None = None):
        self.feed_url = f"{api_url.rstrip('/')}/{api_version.strip('/')}/{page_id}/feed"
        self.page_id, self._token, self.timeout = page_id, token, timeout
        self.session = session or requests.Session()

    def publish(self, message: str, link: str) -> str:
        """Create a Page post; return its id ("<page-id>_<post-id>").

        Raises:
            GraphError, NotSent, Unsure.
        """
        data = self._call("POST", data={"message": message, "link": link, "access_token": self._token})
        if not isinstance(data.get("id"), str):
            raise GraphError(200, 0, 0, "the answer has no post id", transient=True)
        return data["id"]

    def recent(self) -> list[dict]:
        """The Page's :data:`RECENT_POSTS` most recent posts as ``{"id", "message"}`` dicts.

        Raises:
            GraphError, NotSent, Unsure.
        """
        data = self._call("GET", params={"fields": "id,message", "limit": str(RECENT_POSTS),
                                         "access_token": self._token})
        posts = data.get("data")
        return [p for p in posts if isinstance(p, dict)] if isinstance(posts, list) else []

    def _call(self, method: str, **kwargs) -> dict:
        try:
            response = self.session.request(method, self.feed_url, timeout=self.timeout, **kwargs)
        except (requests.ConnectTimeout, requests.exceptions.InvalidURL) as error:
            raise NotSent(type(error).__name__) from None
        except requests.ConnectionError as error:
            # requests wraps urllib3's MaxRetryError, whose reason says whether a connection was
            # ever made (NewConnectionError, NameResolutionError: refused, unknown host).
            reason = getattr(error.args[0], "reason", None) if error.args else None
            if isinstance(reason, urllib3.exceptions.NewConnectionError):
                raise NotSent(type(reason).__name__) from None
            raise Unsure(type(error).__name__) from None
        except requests.RequestException as error:
            raise Unsure(type(error).__name__) from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code == 200 and isinstance(data, dict) and "error" not in data:
            return data
        error = data.get("error") if isinstance(data, dict) else None
        if isinstance(error, dict):
            raise GraphError(response.status_code, _int(error.get("code")), _int(error.get("error_subcode")),
                             str(error.get("message", "")), bool(error.get("is_transient")))
        raise GraphError(response.status_code, 0, 0, response.reason or "no Graph API error in the answer")


def credentials(environ: Mapping[str, str]) -> tuple[str, str]:
    """``(page id, token)`` from ``FACEBOOK_PAGE_ID`` and ``FACEBOOK_PAGE_TOKEN``.

    Raises:
        CrosspostError: one is missing or empty.
    """
    page_id, token = environ.get("FACEBOOK_PAGE_ID", "").strip(), environ.get("FACEBOOK_PAGE_TOKEN", "").strip()
    missing = [name for name, value in (("FACEBOOK_PAGE_ID", page_id), ("FACEBOOK_PAGE_TOKEN", token)) if not value]
    if missing:
        raise CrosspostError(f"Thiếu biến môi trường {', '.join(missing)}. Cách sửa: trên GitHub, thêm bí mật cùng tên "
                             "trong Settings → Secrets and variables → Actions của kho; trên máy, đặt biến trước khi "
                             "chạy lệnh. Muốn xem trước mà không đăng: bantin crosspost --dry-run.")
    return page_id, token


class Poster:
    """Posts pending items one by one, recording each success in the state.

    Args:
        graph: the Graph API client; state: the state file; settings: retries and waits;
        say: prints one line for the editor (already stripped of the token by the caller);
        sleep: waits (seconds); now: the clock for ``posted_at``.
    """

    def __init__(self, graph: Graph, state: State, settings: Settings, say: Callable[[str], None],
                 sleep: Callable[[float], None] = time.sleep, now: Callable[[], datetime] = now_in_vietnam):
        self.graph, self.state, self.settings, self.say, self.sleep, self.now = graph, state, settings, say, sleep, now

    def run(self, pending: list[Item]) -> int:
        """Post ``pending`` in order; return :data:`OK`.

        Raises:
            CrosspostError: stopped; what was posted before is recorded.
        """
        pending = self._reconcile(pending, self._recent())
        for number, item in enumerate(pending, start=1):
            post_id = self._post(item, remaining=len(pending) - number + 1)
            self.state.record(item, self.graph.page_id, post_id, self.now())
            self.say(f"Đã đăng ({number}/{len(pending)}): {item.entry.title} → bài {post_id}")
        return OK

    def _reconcile(self, pending: list[Item], recent: list[dict]) -> list[Item]:
        """Record the items already on the Page; return the others."""
        left = []
        for item in pending:
            post_id = _find(item.url, recent)
            if post_id:
                self.state.record(item, self.graph.page_id, post_id, self.now())
                self.say(f"Đã có trên Trang, chỉ ghi nhận lại: {item.entry.title} → bài {post_id}")
            else:
                left.append(item)
        return left

    def _post(self, item: Item, remaining: int) -> str:
        """Publish ``item``, retrying transient failures; return the post id."""
        attempt, rate_limited = 0, False
        while True:
            maybe_posted = True
            try:
                return self.graph.publish(item.message, item.url)
            except GraphError as error:
                self._stop_on_configuration(error, item)
                if error.code in RATE_LIMIT_CODES:
                    if rate_limited:
                        raise CrosspostError(
                            f"Facebook đang giới hạn số lần đăng (mã lỗi {error.code}: {error.detail}). Đã dừng; "
                            f"{remaining} bài chưa đăng sẽ được đăng ở lần chạy sau (lần xuất bản tới, hoặc chạy lại "
                            "lệnh sau khoảng một giờ).", STOPPED) from None
                    rate_limited = True
                    self.say(f"Facebook đang giới hạn số lần đăng; chờ {self.settings.rate_limit_wait:g} giây rồi "
                             "thử lại.")
                    self.sleep(self.settings.rate_limit_wait)
                    continue
                if not error.transient:
                    raise CrosspostError(
                        f"Facebook không nhận bài “{item.entry.title}” (HTTP {error.status}, mã lỗi {error.code}: "
                        f"{error.detail}). Đã dừng; bài này và {remaining - 1} bài sau chưa được đăng. Cách sửa: "
                        "đọc lỗi trên, sửa bài hoặc cấu hình rồi chạy lại; nếu không rõ, báo nhóm kỹ thuật.",
                        STOPPED) from None
                problem = f"máy chủ Facebook lỗi (HTTP {error.status}, mã lỗi {error.code})"
            except NotSent as error:
                problem, maybe_posted = f"không kết nối được tới Facebook ({error})", False
            except Unsure as error:
                problem = f"mất kết nối sau khi gửi ({error})"
            if maybe_posted:
                # Facebook may have created the post despite the error: look before trying again.
                post_id = _find(item.url, self._recent(item))
                if post_id:
                    return post_id
            attempt += 1
            if attempt > self.settings.retries:
                raise CrosspostError(
                    f"Không đăng được “{item.entry.title}”: {problem}, sau {attempt} lần thử. Đã dừng; bài này và "
                    f"{remaining - 1} bài sau sẽ được đăng ở lần chạy sau.", STOPPED)
            wait = self.settings.retry_wait * 2 ** (attempt - 1)
            self.say(f"Lần thử {attempt} không được: {problem}. Thử lại sau {wait:g} giây.")
            self.sleep(wait)

    def _recent(self, item: Item | None = None) -> list[dict]:
        """The Page's recent posts; an error other than a configuration one is fatal only
        after an unsure attempt (``item`` given), since then a repeat could double a post."""
        try:
            return self.graph.recent()
        except GraphError as error:
            self._stop_on_configuration(error, item)
            problem = f"HTTP {error.status}, mã lỗi {error.code}: {error.detail}"
        except (NotSent, Unsure) as error:
            problem = f"lỗi kết nối {error}"
        if item is None:
            raise CrosspostError(f"Không đọc được các bài gần đây của Trang Facebook ({problem}), nên không kiểm tra "
                                 "được bài nào đã đăng. Đã dừng, chưa đăng gì; chạy lại sau.", STOPPED)
        raise CrosspostError(
            f"Không rõ bài “{item.entry.title}” đã lên Trang chưa: lần gửi không có câu trả lời rõ ràng và không đọc "
            f"được các bài gần đây ({problem}). Đã dừng; lần chạy sau sẽ kiểm tra lại trước khi đăng.", STOPPED)

    def _stop_on_configuration(self, error: GraphError, item: Item | None) -> None:
        """Raise for an invalid token (190, 102) or a missing permission (10, 200–299)."""
        where = f" Bài “{item.entry.title}” chưa được đăng." if item else " Chưa đăng bài nào."
        if error.code in TOKEN_CODES:
            raise CrosspostError(
                f"Facebook từ chối mã truy cập (mã lỗi {error.code}: {error.detail}): mã truy cập Trang "
                "(FACEBOOK_PAGE_TOKEN) đã hết hạn, bị thu hồi hoặc sai. Cách sửa: tạo mã truy cập Trang mới, dài "
                "hạn, có quyền pages_manage_posts và pages_read_engagement, rồi cập nhật bí mật FACEBOOK_PAGE_TOKEN "
                f"trong Settings → Secrets and variables → Actions của kho GitHub.{where}", CONFIGURATION) from None
        if error.code in PERMISSION_CODES:
            raise CrosspostError(
                f"Mã truy cập không có quyền đăng lên Trang {self.graph.page_id} (mã lỗi {error.code}: {error.detail}). "
                "Cách sửa: kiểm tra FACEBOOK_PAGE_ID và cấp cho mã truy cập Trang quyền pages_manage_posts và "
                f"pages_read_engagement.{where}", CONFIGURATION) from None


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
        raise CrosspostError(f"Ngày bắt đầu đăng '{value}' (sharing → facebook → since trong mkdocs.yml) không phải "
                             "ngày dạng năm-tháng-ngày. Cách sửa: viết ví dụ since: 2026-12-01.") from None


def unposted(every: list[Item], state: State) -> list[Item]:
    """The items of ``every`` that ``state`` does not list: what a run would post, in order.
    ``bantin changes`` tells a pull request's reviewers the same list (builder.editor.changes)."""
    return [item for item in every if not state.posted(item)]


def run(every: list[Item], settings: Settings, environ: Mapping[str, str], mode: str,
        out: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep) -> int:
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
    state = State.load(settings.state_file)
    pending = unposted(every, state)
    if mode in ("dry-run", "zalo"):
        _preview(pending, mode, out)
        return OK
    page_id, token = credentials(environ)

    def say(text: str) -> None:
        out(text.replace(token, "[mã truy cập]"))

    if not pending:
        say("Không có bài mới cần đăng lên Trang Facebook.")
        return OK
    graph = Graph(settings.api_url, settings.api_version, page_id, token, settings.timeout)
    try:
        Poster(graph, state, settings, say, sleep).run(pending)
    except CrosspostError as error:
        raise CrosspostError(str(error).replace(token, "[mã truy cập]"), error.exit_code) from None
    say(f"Xong: đã đăng {len(pending)} bài; ghi nhận trong {settings.state_file.name}.")
    return OK


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
