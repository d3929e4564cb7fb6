"""The configuration of the web editor at ``/admin/`` (Decap CMS's configuration, ``admin/config.json``), made from
the content model at every build, never written by hand.

The content model is the one source of truth: every content type of
:data:`builder.content.schema.SCHEMAS` becomes a collection, every key of its schema a field
with the key's Vietnamese name (:data:`~builder.content.schema.LABELS`), a hint and the model's
own rules (:data:`~builder.content.schema.REQUIRED`, the converters of
:mod:`builder.content.fields`). A key added to the model therefore shows in the editor at the
next build; a converter this module does not know becomes a one-line text field (the build's
``bantin check`` still applies the model's rule when the pull request is opened).

Where each type's files live is the reader's rule (:func:`builder.content.reader.kind_of`):
``tin-tuc/`` news, ``phu-nu-va-cuoc-song/`` column entries, ``van-ban/`` documents,
``ban-tin/<issue>/index.md`` bulletin issues, ``ban-tin/<issue>/<article>.md`` their articles,
anything else at the top of ``content/`` a page. Decap cannot let an editor choose a folder for
a new entry, so each existing bulletin issue gets a collection of its own for its articles (an
issue created in the editor gets one at the next build); the issue's ``articles`` list keeps
their order.

Pure: content model and site values in, a dict out (:func:`config`); no MkDocs import.
Decap's options: https://decapcms.org/docs/configuration-options/ (pinned version:
``admin/package.json``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from builder.content import fields as f
from builder.content import reader, schema
from builder.content.document_types import LAYOUTS, LETTER
from builder.content.listings import ISSUES
from builder.content import scaffold
from builder.content.model import Signer
from builder.content.scaffold import ABBREVIATIONS, DRAFT, common_lines

CONTENT = "content"
"""The content folder, relative to the repository's root (Decap's paths are from the root)."""

DATE_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"
"""How Decap writes a date and time (moment.js tokens): ISO 8601 with the offset, which
:func:`builder.content.fields.when` reads; the editor's browser on a Vietnamese PC writes
``+07:00`` (Vietnam time has no summer time)."""

DOCUMENT_NUMBER_AS_WRITTEN = r"^\s*(Số\s*:?\s*)?\d{1,4}\s*/\s*[A-ZĐ][A-Za-zĐđ]*\s*-\s*[A-ZĐ][A-ZĐ0-9-]*\s*$"
"""What :func:`builder.content.fields.document_number` accepts before normalising it: the
decree's pattern (:data:`builder.content.fields.DOCUMENT_NUMBER`) with Word's spaces around
'/' and '-' and a leading "Số:" allowed, so an existing "206/KH - BTV" can still be saved."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""An explicit ``slug``: what :func:`builder.content.fields.slug` keeps unchanged."""

HINTS = {
    "title": "Tiêu đề bài, viết hoa như câu thường.",
    "date": "Ngày giờ đăng, theo giờ Việt Nam (+07:00); ngày sau hôm nay là hẹn giờ đăng.",
    "month": "Tháng của chuyên mục (1–12).",
    "year": "Năm của chuyên mục, đủ bốn chữ số.",
    "number": "Số thứ tự của số bản tin.",
    "label": "Tên số, ví dụ: Số 8/3/2021.",
    "special": "Bật nếu là số đặc biệt.",
    "cover": "Ảnh bìa, tải lên cùng thư mục của số bản tin.",
    "cover_alt": "Mô tả ảnh bìa cho người khiếm thị (bắt buộc khi có ảnh bìa).",
    "anniversaries": "Ngày kỷ niệm số này chào mừng: tên khóa trong content/_data/ngay-ky-niem.yml, ví dụ quoc-te-phu-nu.",
    "articles": "Thứ tự các bài trong số: tên tệp, ví dụ binh-dang-gioi.md (kéo để đổi thứ tự).",
    "document_type": "Loại văn bản theo Nghị định 30/2020/NĐ-CP.",
    "document_number": "Số, ký hiệu theo Nghị định 30/2020/NĐ-CP, ví dụ: 206/KH-BTV.",
    "place": "Địa danh ở dòng ngày tháng, ví dụ: Quảng Trị.",
    "issuer": "Cơ quan ban hành; để trống để dùng cơ quan mặc định của trang.",
    "motto": "Bật để in Quốc hiệu, Tiêu ngữ.",
    "summary_line": "Trích yếu nội dung, ví dụ: Định hướng hoạt động năm 2021.",
    "signer": "Người ký: thẩm quyền (TM., KT.), chức vụ và họ tên.",
    "recipients": "Nơi nhận, mỗi nơi một dòng.",
    "addressees": "Kính gửi, mỗi nơi một dòng (công văn, tờ trình).",
    "attachments": "Tệp đính kèm (PDF, Word...), tải lên cùng thư mục với văn bản.",
    "draft": "Bật: bản nháp, chưa đăng. Tắt khi bài đã viết xong và được duyệt để đăng.",
}
"""Hints of the keys :func:`builder.content.scaffold.common_lines` has no comment for."""

SUBFIELDS = {
    f.issuer: (("parent", "Cơ quan chủ quản", False, "string"), ("body", "Cơ quan ban hành", True, "string")),
    f.signer: (
        ("authority", "Thẩm quyền ký (TM., KT. ...), mỗi dòng một hình thức", False, "authority"),
        ("title", "Chức vụ", True, "string"),
        ("name", "Họ và tên", True, "string"),
    ),
}
"""Converters of a mapping → its keys: ``(key, Vietnamese label, required, widget)`` (fields.issuer,
fields.signer). ``authority`` is one form line or a list of them (two-line "TM. … / KT. …"): the
widget ``authority`` of admin/page/bantin-widgets.js reads and writes both."""

VIDEO_FIELDS = (
    ("file", "Tệp MP4 (đặt cạnh bài)", "file"),
    ("webm", "Tệp WebM (nếu có)", "file"),
    ("poster", "Ảnh bìa video", "image"),
    ("captions", "Phụ đề tiếng Việt (.vtt)", "file"),
    ("youtube", "Hoặc: địa chỉ video trên YouTube", "string"),
    ("facebook", "Hoặc: địa chỉ video trên Facebook", "string"),
    ("duration", "Thời lượng (phút:giây, ví dụ 12:30)", "string"),
    ("width", "Chiều rộng (điểm ảnh)", "number"),
    ("height", "Chiều cao (điểm ảnh)", "number"),
)
"""The sub-keys of ``video:`` (:data:`builder.content.video.KEYS`) as Decap fields:
``(key, Vietnamese label, widget)``."""


@dataclass(frozen=True)
class Site:
    """What the configuration needs to know about the site.

    Attributes:
        repo: the GitHub repository, "owner/name"; branch: the branch pull requests go to.
        site_url: the published site's address (ends with '/'); auth_url: the address of the
            OAuth relay that signs editors in to GitHub ("" for Decap's default).
        categories: the categories already used, in the order to offer them.
        issues: the existing bulletin issues: ``(folder name, label)`` (``ban-tin/<name>/``,
            "Số 8/3/2021"), newest first.
        local_url: Decap's local mode proxy (``decap-server``), used only when the editor is
            opened on 127.0.0.1 or localhost.
    """

    repo: str
    branch: str = "main"
    site_url: str = ""
    auth_url: str = ""
    categories: tuple[str, ...] = ()
    issues: tuple[tuple[str, str], ...] = ()
    local_url: str = "http://127.0.0.1:8081/api/v1"


def folders() -> dict[str, str]:
    """Content type → its folder under ``content/`` ("" for the top), from the reader's rule;
    the bulletin's two types (in ``ban-tin/``) are not here: :func:`config` makes them."""
    found = {kind: folder for folder, kind in reader.SECTIONS.items()}
    return {**found, "page": ""}


def document_types() -> list[str]:
    """The document types offered: the công văn, then every named type of Decree 30's
    Appendix III (:data:`builder.content.scaffold.ABBREVIATIONS`) and any other type with a
    layout of its own (:data:`builder.content.document_types.LAYOUTS`)."""
    return list(dict.fromkeys([LETTER, *ABBREVIATIONS, *LAYOUTS]))


def hint(key: str) -> str:
    """The Vietnamese hint under the field of ``key``."""
    common = {
        k: comment
        for k, _, comment in common_lines("Đường dẫn riêng (chữ không dấu, gạch ngang); để trống thì lấy theo tiêu đề.")
    }
    if key in HINTS:
        return HINTS[key]
    if key in common:
        return common[key]
    example = schema.EXAMPLES.get(key)
    return f"Ví dụ: {example}" if example else f"{label(key)} (xem HUONG-DAN.md)."


def label(key: str) -> str:
    """The field's label: the key's Vietnamese name, capitalised (the key itself when the
    model has no name for it)."""
    name = schema.LABELS.get(key, key)
    return name[:1].upper() + name[1:]


def field(kind: str, key: str, converter, site: Site) -> dict:
    """The Decap field of front matter key ``key`` of content type ``kind``."""
    result = {"name": key, "label": label(key), "hint": hint(key), "required": key in schema.REQUIRED[kind]}
    if converter is f.when:
        result.update(widget="datetime", format=DATE_FORMAT, date_format="DD/MM/YYYY", time_format="HH:mm")
        if result["required"]:
            result["default"] = "{{now}}"
    elif converter is f.flag:
        result.update(widget="boolean", default=key == DRAFT[0] or (key == "motto"))
    elif converter in (f.positive_int, f.month, f.year):
        bounds = {f.month: (1, 12), f.year: (1900, 2200)}.get(converter, (1, None))
        result.update(widget="number", value_type="int", min=bounds[0])
        if bounds[1] is not None:
            result["max"] = bounds[1]
    elif key == "categories" and site.categories:
        result.update(widget="select", multiple=True, options=list(site.categories))
    elif converter in (f.terms, f.names):
        result.update(widget="list")
        if key == "attachments":
            result.update(field={"name": "file", "label": "Tệp", "widget": "file", "choose_url": False})
    elif converter in SUBFIELDS:
        # A sub-key is required only within a required mapping: Decap checks them even when the
        # optional mapping (an issuer) is left empty.
        result.update(
            widget="object",
            fields=[
                {"name": name, "label": text, "widget": widget, "required": needed and result["required"]}
                for name, text, needed, widget in SUBFIELDS[converter]
            ],
        )
    elif converter is f.video:
        # Every sub-key optional: Decap checks a required sub-key even when the video is left out;
        # bantin check says which one of file/youtube/facebook is missing (builder/content/video.py).
        result.update(
            widget="object",
            collapsed=True,
            fields=[
                {
                    "name": name,
                    "label": text,
                    "widget": widget,
                    "required": False,
                    **({"choose_url": False} if widget in ("file", "image") else {}),
                }
                for name, text, widget in VIDEO_FIELDS
            ],
        )
    elif converter is f.photos:
        # label_singular: Decap's add button reads "Add ảnh" (its Vietnamese locale lacks "Add"),
        # not "Add các ảnh của album"; a folded photo is listed by its file name.
        result.update(
            widget="list",
            label_singular="ảnh",
            summary="{{fields.file}}",
            fields=[
                {"name": "file", "label": "Tệp ảnh", "widget": "image", "choose_url": False, "required": True},
                {"name": "alt", "label": "Mô tả ảnh (cho người khiếm thị)", "widget": "string", "required": True},
                {"name": "caption", "label": "Chú thích", "widget": "string", "required": False},
            ],
        )
    elif converter is f.download_file:
        result.update(widget="file", choose_url=False)
    elif key == "document_type":
        result.update(widget="select", options=document_types())
    elif converter is f.document_number:
        result.update(
            widget="string", pattern=[DOCUMENT_NUMBER_AS_WRITTEN, "Viết theo dạng số/LOẠI-CƠQUAN, ví dụ: 206/KH-BTV."]
        )
    elif converter is f.slug:
        result.update(widget="string", pattern=[SLUG_PATTERN, "Chỉ chữ thường không dấu, chữ số và dấu gạch ngang."])
    elif key in ("image", "cover"):
        result.update(widget="image", choose_url=False)
    elif key in ("image_alt", "cover_alt"):
        result.update(widget="string")  # required with its picture: the hint says so, the check enforces it
    elif key == "description":
        result.update(widget="text")
    else:
        result.update(widget="string")
    return result


def collection(
    kind: str, name: str, title: str, folder: str, site: Site, path: str = "{{slug}}", create: bool = True, **extra
) -> dict:
    """A folder collection of content type ``kind`` in ``content/<folder>``; new entries
    start as drafts (the ``draft`` field defaults to true, as ``bantin new`` writes them)."""
    keys = sorted(schema.SCHEMAS[kind], key=written_order(kind).index)
    fields = [field(kind, key, schema.SCHEMAS[kind][key], site) for key in keys]
    fields.append(
        {
            "name": "body",
            "label": "Nội dung",
            "widget": "markdown",
            "hint": "Nội dung bài. Ảnh chèn vào bài được lưu cạnh tệp bài.",
            "required": False,
        }
    )
    return {
        "name": name,
        "label": title,
        "folder": "/".join(p for p in (CONTENT, folder) if p),
        "create": create,
        "path": path,
        "extension": "md",
        "format": "frontmatter",
        # Pictures go beside the entry and are named from it ("anh.jpg" in the front matter),
        # as the builder reads them (builder/content/images.py).
        "media_folder": "",
        "public_folder": "",
        "slug": "{{slug}}",
        "summary": summary(kind),
        "fields": fields,
        **extra,
    }


_NOW = datetime(2021, 3, 8, 8, 30)
SCAFFOLDS = {
    "news": lambda: scaffold.news("x", _NOW),
    "column": lambda: scaffold.column("x", _NOW),
    "issue": lambda: scaffold.issue("x", 1, _NOW),
    "issue_article": lambda: scaffold.issue_article("x"),
    "document": lambda: scaffold.document(
        scaffold.DocumentFields("Kế hoạch", "01/KH-BTV", "x", "x", None, Signer("", "x", "x")), _NOW
    ),
}
"""The file ``bantin new`` writes for each type (builder/content/scaffold.py), read for its key order."""
_KEY = re.compile(r"^(?:# )?([a-z_]+):", re.MULTILINE)


def written_order(kind: str) -> list[str]:
    """The keys of ``kind`` in the order ``bantin new`` writes them (the order most files
    have), then any other key of the schema in the schema's order.

    Decap writes the front matter in the order of the fields: in this order, saving a file
    made by ``bantin new`` or ``bantin import`` moves no line (it may still requote values).
    """
    text = SCAFFOLDS[kind]().split("\n---\n", 1)[0] if kind in SCAFFOLDS else ""
    return list(dict.fromkeys([*_KEY.findall(text), *schema.SCHEMAS[kind]]))


def summary(kind: str) -> str:
    """How an entry of ``kind`` is listed in the editor: its title, or for a type whose title
    is optional and usually absent (an official document) its number and trích yếu."""
    if "title" in schema.REQUIRED[kind] or "document_number" not in schema.SCHEMAS[kind]:
        return "{{title}}"
    return "{{document_number}} {{summary_line}}"


TITLES = {
    "page": "Trang cố định",
    "news": "Tin tức",
    "column": "Phụ nữ và cuộc sống",
    "document": "Văn bản",
    "issue": "Bản tin (các số)",
    "album": "Album ảnh",
    "download": "Tài liệu tải về",
}
"""The collections' names in the editor's menu; a type not here shows its Vietnamese key name."""


def config(site: Site) -> dict:
    """Decap CMS's configuration for ``site``: one collection per content type of
    :data:`builder.content.schema.SCHEMAS` (the bulletin's articles: one per existing issue).

    Returns:
        A dict to write as ``admin/config.json``.
    """
    places = folders()
    collections = []
    issues_folder = ISSUES.rstrip("/")
    for kind in schema.SCHEMAS:
        if kind == "issue":
            # Decap lists a folder's files to a depth and cannot tell an issue's index.md from
            # its articles beside it: the issues are listed one by one (a new issue is made
            # with 'bantin new issue', HUONG-DAN.md).
            issue_fields = collection(kind, "issue", "", "", site)["fields"]
            collections.append(
                {
                    "name": "issue",
                    "label": TITLES["issue"],
                    "files": [
                        {
                            "name": issue,
                            "label": name,
                            "file": f"{CONTENT}/{issues_folder}/{issue}/index.md",
                            "media_folder": "",
                            "public_folder": "",
                            "fields": issue_fields,
                        }
                        for issue, name in site.issues
                    ],
                }
            )
        elif kind == "issue_article":
            # Decap lists the issue's own index.md among them too (same folder; its filter can only
            # compare values): docs/cms.md says to open an issue from "Bản tin (các số)".
            for issue, name in site.issues:
                collections.append(
                    collection(
                        kind, issue_collection(issue), f"Bài của bản tin {name}", f"{issues_folder}/{issue}", site
                    )
                )
        elif kind == "album":
            # An album is a folder (album/<album>/index.md and its photos, builder/content/reader.py):
            # each entry is written as <slug>/index.md, its photos beside it.
            collections.append(collection(kind, kind, TITLES[kind], kind, site, path="{{slug}}/index"))
        else:
            # A type whose folder the reader does not know yet is filed under its own name.
            collections.append(collection(kind, kind, TITLES.get(kind, label(kind)), places.get(kind, kind), site))
    collections = [c for c in collections if c.get("files", True)]  # no issue yet: no empty list
    backend = {
        "name": "github",
        "repo": site.repo,
        "branch": site.branch,
        "squash_merges": True,
        "commit_messages": {
            "create": "Thêm {{collection}} “{{slug}}” (trình soạn thảo web)",
            "update": "Sửa {{collection}} “{{slug}}” (trình soạn thảo web)",
            "delete": "Xóa {{collection}} “{{slug}}” (trình soạn thảo web)",
            "uploadMedia": "Tải lên “{{path}}”",
            "deleteMedia": "Xóa “{{path}}”",
        },
    }
    if site.auth_url:
        backend["base_url"] = site.auth_url
    return {
        "backend": backend,
        # Used only when the editor is opened on this computer (decap-server): README, "Trình soạn thảo web".
        "local_backend": {"url": site.local_url, "allowed_hosts": ["127.0.0.1", "localhost"]},
        # Saving opens a pull request: the checks and the summary run before anything is published.
        "publish_mode": "editorial_workflow",
        "locale": "vi",
        "site_url": site.site_url,
        "display_url": site.site_url,
        "logo_url": "",
        "media_folder": CONTENT,
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def issue_collection(issue: str) -> str:
    """The collection name of the articles of bulletin issue folder ``issue``."""
    return f"bai-{issue}"


def entry_address(kind: str, source: str) -> str | None:
    """The editor's address (after ``admin/``) of the entry at ``source`` (relative to
    ``content/``), for the "Sửa bài này" link; None for a file the editor does not show."""
    parts = source.removesuffix(".md").split("/")
    if kind == "issue" and len(parts) == 3:
        return f"#/collections/issue/entries/{parts[1]}"
    if kind == "issue_article" and len(parts) == 3:
        return f"#/collections/{issue_collection(parts[1])}/entries/{parts[2]}"
    if kind == "album" and len(parts) == 3 and parts[2] == "index":
        return f"#/collections/album/entries/{parts[1]}/index"
    if kind in schema.SCHEMAS and len(parts) == (1 if kind == "page" else 2):
        return f"#/collections/{kind}/entries/{parts[-1]}"
    return None
