"""MkDocs' configuration problems, told to editors in Vietnamese at their line of mkdocs.yml.

MkDocs validates mkdocs.yml and logs each problem in English, naming the key but not the line:
"Config value 'plugins': Plugin 'bantin' option 'page_size': Expected type: <class 'int'> but
received: <class 'str'>" (mkdocs/config/base.py, ``Config value``; config_options.py,
``Plugin ... option``, ``Sub-option``). :func:`explain` reads the key path off those prefixes,
finds the key's line in the file and says the problem in Vietnamese:
"mkdocs.yml:53: plugins → bantin → page_size: phải là một số nguyên (ví dụ 10), không phải
chữ. Dòng 53: «page_size: nhiều»". A problem MkDocs words in a way this module does not know
keeps MkDocs' English after the key path, rather than being lost.

:func:`nav_problems` finds what MkDocs only warns about, in English: a ``nav:`` entry whose file
does not exist ("A reference to 'gioi-thieuu.md' is included in the 'nav' configuration, which
is not found in the documentation files"), which it turns into a tab leading nowhere; ``bantin
check`` reports it and the build stops on it.

A key may be written in a file mkdocs.yml inherits (``INHERIT: base.yml``): every message at a
key's line is put at the line of the file whose value MkDocs uses
(:func:`builder.config_files.holder`), and :func:`inherit_problems` says why an ``INHERIT``
cannot be followed.

No MkDocs import: the messages are text (the wording of MkDocs 1.6).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from builder import config_files

_PREFIXES = (
    re.compile(r"Config value '([^']*)': "),
    re.compile(r"Plugin '([^']*)' option '([^']*)': "),
    re.compile(r"Sub-option '([^']*)': "),
)
_TYPES = {
    "int": "một số nguyên",
    "float": "một số thập phân",
    "str": "chữ",
    "bool": "true hoặc false",
    "list": "một danh sách",
    "dict": "một nhóm khóa con (các dòng thụt vào dưới nó)",
    "NoneType": "để trống",
    "date": "một ngày",
    "number": "một số",
}
_EXAMPLES = {"int": " (ví dụ 10)", "date": " (ví dụ 2026-03-08)", "number": " (ví dụ 20 hoặc 12.5)"}
_UNKNOWN_PLUGIN = re.compile(r"(?:'(.*)' is not a valid plugin name\.|The \"(.*)\" plugin is not installed)$")
_EXTENSION = re.compile(r"Failed to load extension '([^']*)'\.(?:\n(?:.*\n)*(.*))?\Z")
_KEY_ERROR = re.compile(r"KeyError: '([^']*)'")  # an extension's unknown option, as its traceback ends
_DETAILS: tuple[tuple[re.Pattern, Callable[..., str]], ...] = (  # pattern, what to say from its groups
    (
        re.compile(r"Expected type: (.+) but received: (.+)$"),
        lambda expected, received: _type_problem(expected, received),
    ),
    (
        re.compile(r"The configuration is invalid\. Expected a key-value mapping \(dict\) but received: (.*)$"),
        lambda received: f"phải là {_TYPES['dict']}, không phải {_given(received)}.",
    ),
    (_EXTENSION, lambda name, cause="": _extension(name, cause)),
    (re.compile(r"Required configuration not provided\.$"), lambda: "thiếu giá trị: khóa này bắt buộc phải có."),
    (re.compile(r"The path '(.*)' isn't an existing (directory|file)\.$"), lambda path, kind: _missing(path, kind)),
    (
        re.compile(r"The path set in custom_dir \('(.*)'\) does not exist\.$"),
        "không có thư mục giao diện '{}'. Cách sửa: ghi đúng tên thư mục (thường là theme).".format,
    ),
    (
        re.compile(r"Expected one of: (.*) but received: (.*)$"),
        "chỉ nhận một trong các giá trị {}, không nhận {}.".format,
    ),
    (
        re.compile(r"Unrecognised configuration name: (.*)$"),
        "không có khóa '{}'. Cách sửa: sửa lại tên khóa (xem README.md).".format,
    ),
    (
        _UNKNOWN_PLUGIN,
        "không có plugin '{}' (chưa cài, hoặc gõ sai tên). Cách sửa: sửa lại tên (plugin của trang web "
        "là bantin).".format,
    ),
    (
        re.compile(r"The URL isn't valid, it should include the http:// \(scheme\)$"),
        lambda: "địa chỉ phải đầy đủ, bắt đầu bằng https:// (ví dụ https://hoiphunu-quangtri.github.io/bantin/).",
    ),
    (
        re.compile(r"Unrecognised theme name: '([^']*)'.*$"),
        "không có giao diện '{}'. Cách sửa: ghi name: material.".format,
    ),
)
_YAML_TYPES = {"seq": "list", "map": "dict", "bool": "bool", "int": "int", "float": "float"}
"""YAML's tag names (``tag:yaml.org,2002:seq``) as :data:`_TYPES` names them."""
_CLASS = re.compile(r"<class '(?:[\w.]*\.)?(\w+)'>")
_KEY_COLUMN = re.compile(r"\s*(?:-\s+)?")  # a key starts after the indentation and a list item's dash
_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")  # as PyYAML reads a timestamp
_YAML = re.compile(r'in "([^"]*)", line (\d+), column (\d+)')


INVALID = "không hợp lệ"
"""Heading of :func:`report` for problems that stop the build ("Cấu hình mkdocs.yml không hợp lệ:")."""
UNKNOWN_KEYS = "có khóa không dùng được"
"""Heading of :func:`report` for keys MkDocs does not know (it only warns about them)."""


def report(config_file: Path | str, heading: str, said: list[str]) -> str:
    """The message of a stopped build: "Cấu hình mkdocs.yml <heading>:" and each line of
    ``said`` (from :func:`explain` ...) indented below it."""
    return f"Cấu hình {Path(config_file).name} {heading}:\n" + "\n".join(f"  {line}" for line in said)


def at_line(config_file: Path, lines: list[str], number: int | None, said: str) -> str:
    """``said`` at line ``number`` of ``config_file`` ("mkdocs.yml:53: <said> Dòng 53: «...»"),
    or at the file alone when there is no line."""
    if not number:
        return f"{config_file.name}: {said}"
    quoted = f" Dòng {number}: «{lines[number - 1].strip()}»" if number <= len(lines) else ""
    return f"{config_file.name}:{number}: {said}{quoted}"


def explain(message: str, config_file: Path) -> str:
    """One MkDocs configuration message (error or warning), in Vietnamese, at its line.

    Args:
        message: as MkDocs logged it ("Config value 'site_url': ...").
        config_file: mkdocs.yml, read for the key's line (not found or unreadable: no line); the
            key is looked for in the file of its chain that holds it (``INHERIT``).

    Returns:
        "mkdocs.yml:53: plugins → bantin → page_size: <problem>. Dòng 53: «<the line>»"
        ("base.yml:12: ..." for a key of an inherited file), or "mkdocs.yml: <problem>" when
        the line cannot be found.
    """
    keys, detail = _key_path(message)
    config_file = config_files.holder(config_file, keys)
    lines = read_lines(config_file)
    number = _line_of(keys + _named_in(detail), lines) if keys else None
    said = f"{' → '.join(keys)}: {_vietnamese(detail)}" if keys else _vietnamese(detail)
    said = said if said.endswith((".", "!", "?")) else said + "."
    line = lines[number - 1] if number and number <= len(lines) else ""
    return at_line(config_file, lines, number, said + _type_hint(detail, line))


def explain_unread(message: str, config_file: Path) -> str:
    """MkDocs' message for a configuration it could not read at all, in Vietnamese when it is
    a file that is not YAML ("... in "base.yml", line 1, column 12 ..."; at the file PyYAML
    names, which may be one ``config_file`` inherits), else as MkDocs put it."""
    if "parsing the configuration file" not in message:
        return f"{config_file.name}: {message}"
    found = _YAML.findall(message)
    name, line, column = found[0] if found else (None, None, None)  # where the broken construct starts
    config_file = Path(name) if name and Path(name).is_file() else config_file
    return at_line(
        config_file,
        read_lines(config_file),
        int(line) if line else None,
        "tệp không đúng cú pháp YAML"
        + (f" (cột {column})" if column else "")
        + ". Cách sửa: xem lại dòng này và dòng ngay trên nó: dấu hai chấm sau tên khóa, thụt lề bằng "
        "dấu cách (không dùng Tab), dấu ngoặc và dấu nháy phải có đủ cặp.",
    )


def explain_bad_date(message: str, config_file: Path) -> str:
    """PyYAML's ValueError for a date that does not exist ("since: 2026-13-01": "month must be
    in 1..12", with no line), in Vietnamese at the line of the first such date in the file, or
    in the files it inherits (read in that order, as MkDocs reads them)."""
    for path in config_files.files(config_file):
        lines = read_lines(path)
        for number, line in enumerate(lines, start=1):
            for year, month, day in _DATE.findall(line.split("#")[0]):
                try:
                    date(int(year), int(month), int(day))
                except ValueError:
                    return at_line(
                        path,
                        lines,
                        number,
                        f"ngày {year}-{month}-{day} không có thật. Cách sửa: ghi "
                        "ngày theo dạng năm-tháng-ngày, ví dụ 2026-12-01.",
                    )
    return f"{config_file.name}: {message}"


def inherit_problems(config_file: Path) -> list[str]:
    """A line for an ``INHERIT:`` of ``config_file`` or of a file it inherits that cannot be
    followed (:func:`builder.config_files.chain`), at that key's line; [] when the chain is
    sound. ``builder.settings.load`` and ``builder.build.load`` both call it before reading
    anything: MkDocs itself says "Inherited config file ... does not exist" in English, and
    fails on a cycle or a value that is not a path with a Python error."""
    try:
        config_files.chain(config_file)
    except config_files.InheritError as error:
        return [_inherit_problem(error)]
    return []


def _inherit_problem(error: config_files.InheritError) -> str:
    where = error.file.name
    if error.problem == "missing":
        said = (
            f"INHERIT: không có tệp '{error.value}' (tìm ở {error.target}). Cách sửa: ghi đúng đường dẫn "
            f"tệp cấu hình dùng chung, tính từ thư mục chứa {where} (ví dụ INHERIT: base.yml), hoặc xóa dòng này."
        )
    elif error.problem == "not_a_mapping":
        said = (
            f"INHERIT: tệp '{error.value}' không phải tệp cấu hình: nó phải gồm các dòng 'khóa: giá trị' như "
            f"{where}. Cách sửa: ghi đúng tên tệp cấu hình dùng chung, hoặc sửa lại tệp đó."
        )
    elif error.problem == "cycle":
        loop = " → ".join(path.name for path in error.walked) + f" → {Path(error.target).name}"
        said = (
            f"INHERIT: '{error.value}' dẫn ngược về một tệp đã kế thừa nó ({loop}): các tệp kế thừa nhau "
            "thành vòng tròn. Cách sửa: xóa dòng INHERIT này; chỉ tệp riêng kế thừa tệp dùng chung, "
            "tệp dùng chung không kế thừa lại."
        )
    else:
        kind = error.tag.rpartition(":")[2] if error.tag.startswith("tag:yaml.org") else ""
        if error.tag.startswith("!"):  # !ENV, !relative: MkDocs resolves it, we read the file as written
            wrong = f"không phải thẻ {error.tag}."
        elif kind in ("null", "str"):  # a text is refused only when it is empty
            wrong = "không được để trống."
        else:
            value = f" ({error.value})" if error.value else ""
            wrong = f"không phải {_TYPES.get(_YAML_TYPES.get(kind, ''), 'một giá trị khác')}{value}."
        said = (
            "INHERIT: phải là đường dẫn của một tệp cấu hình, viết thẳng sau dấu ':' (ví dụ INHERIT: base.yml), "
            f"{wrong} Cách sửa: ghi đường dẫn tệp, hoặc xóa dòng này."
        )
    return at_line(error.file, read_lines(error.file), error.line, said)


def _key_path(message: str) -> tuple[list[str], str]:
    keys, rest, matched = [], message.strip(), True
    while matched:
        matched = False
        for prefix in _PREFIXES:
            found = prefix.match(rest)
            if found:
                keys += list(found.groups())
                rest, matched = rest[found.end() :], True
    return keys, rest


def _vietnamese(detail: str) -> str:
    for pattern, say in _DETAILS:
        found = pattern.match(detail)
        if found is not None:
            return say(*[group for group in found.groups() if group is not None]).replace("\n", " ")
    return detail  # wording this module does not know: MkDocs' own, in English, rather than nothing


def _type_problem(expected: str, received: str) -> str:
    names = _CLASS.findall(expected)
    names = ["number"] if {"int", "float"} <= set(names) else names
    wanted = " hoặc ".join(dict.fromkeys(_TYPES.get(name, name) + _EXAMPLES.get(name, "") for name in names))
    return f"phải là {wanted}, không phải {_given(received)}."


def _type_hint(detail: str, line: str) -> str:
    """The fix of a wrong type that quotes explain: a number written in quotes is text to YAML
    (page_size: "10"), and a version written without them a number (api_version: 24)."""
    found = re.match(r"Expected type: (.+) but received: (.+)$", detail)
    if not found:
        return ""
    wanted, given = set(_CLASS.findall(found.group(1))), _CLASS.findall(found.group(2))
    if given == ["str"] and wanted & {"int", "float", "bool"} and re.search(r":\s*[\"']", line):
        return " Cách sửa: viết giá trị không có dấu nháy."
    if wanted == {"str"} and given in (["int"], ["float"]):
        return ' Cách sửa: đặt giá trị trong dấu nháy (ví dụ "24").'
    return ""


def _given(received: str) -> str:
    name = next(iter(_CLASS.findall(received)), "")
    return _TYPES.get(name, received)


def _extension(name: str, cause: str) -> str:
    option = _KEY_ERROR.match(cause)
    if option:
        return (
            f"phần mở rộng Markdown '{name}' không có tùy chọn '{option.group(1)}'. Cách sửa: sửa lại tên tùy "
            "chọn, hoặc bỏ dòng đó."
        )
    if re.search(r"No module named '" + re.escape(name.split(".")[0]), cause):  # Python's words, in English
        return (
            f"không có phần mở rộng Markdown tên '{name}' (chưa cài, hoặc gõ sai tên). Cách sửa: sửa lại tên "
            "(ví dụ 'toc', 'tables', 'pymdownx.tilde'), hoặc bỏ dòng đó."
        )
    why = f" ({cause})" if cause else ""
    return (
        f"không nạp được phần mở rộng Markdown '{name}'{why}. Cách sửa: kiểm tra tên phần mở rộng (chưa cài, "
        "hoặc gõ sai) và các tùy chọn của nó."
    )


def _named_in(detail: str) -> list[str]:
    """Keys below the message's key path that the problem names, for its line: the plugin or
    Markdown extension under ``plugins:`` / ``markdown_extensions:``, and the extension's option."""
    plugin = _UNKNOWN_PLUGIN.match(detail)
    if plugin:
        return [name for name in plugin.groups() if name]
    extension = _EXTENSION.match(detail)
    if extension:
        option = _KEY_ERROR.match(extension.group(2) or "")
        return [extension.group(1)] + ([option.group(1)] if option else [])
    return []


def _missing(path: str, kind: str) -> str:
    kind = "thư mục" if kind == "directory" else "tệp"
    return f"không có {kind} '{path}'. Cách sửa: ghi đúng tên {kind}, tính từ thư mục có mkdocs.yml."


def read_lines(config_file: Path) -> list[str]:
    """The lines of ``config_file``; [] when it cannot be read as UTF-8 text."""
    try:
        return config_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def key_line(config_file: Path, keys: list[str]) -> int:
    """1-based line of the key at ``keys`` ("plugins", "bantin", "editions", ...) in
    ``config_file``; 0 when it is not written there or the file cannot be read."""
    return _line_of(keys, read_lines(config_file)) or 0


def key_place(config_file: Path, keys: list[str]) -> tuple[Path, int]:
    """``(file, line)`` of the key at ``keys`` in ``config_file`` or the file of its chain that
    holds it (:func:`builder.config_files.holder`); line 0 when it is written nowhere."""
    holder = config_files.holder(config_file, keys)
    return holder, key_line(holder, keys)


def _at_key(config_file: Path, keys: list[str], said: str) -> str:
    """``said`` at the line of the key at ``keys``, in the file of the chain that holds it."""
    holder, line = key_place(config_file, keys)
    return at_line(holder, read_lines(holder), line, said)


def _line_of(keys: list[str], lines: list[str]) -> int | None:
    """1-based line of the innermost of ``keys``, each looked for among the direct children of
    the one before (so "editions → enabled" is not "sharing → enabled"); the deepest key found
    when the next is missing (MkDocs reports a missing required key too); None for none."""
    found, start, indent = None, 0, -1
    for key in keys:
        child, pattern = None, re.compile(rf"{re.escape(key)}\s*(?::|$)")
        for number in range(start, len(lines)):
            text = lines[number]
            if not text.strip() or text.lstrip().startswith("#"):
                continue
            column = _KEY_COLUMN.match(text).end()
            if column <= indent:
                return found  # the parent's block ended without the key
            child = column if child is None else child
            if column == child and pattern.match(text, column):
                found, start, indent = number + 1, number + 1, column
                break
        else:
            return found
    return found


@dataclass(frozen=True)
class NavProblem:
    """A nav entry naming a page that does not exist: ``line`` of ``file`` (mkdocs.yml, or the
    file it inherits ``nav:`` from; 0: not found)."""

    line: int
    message: str
    hint: str
    file: Path = Path("mkdocs.yml")


def nav_problems(nav: list | None, pages: set[str], config_file: Path, docs_dir: str) -> list[NavProblem]:
    """The entries of ``nav`` (mkdocs.yml's, as loaded) naming a Markdown file not in ``pages``.

    Args:
        nav: the ``nav`` setting (None: MkDocs makes the nav itself; nothing to check).
        pages: the site's Markdown files, relative to the docs folder (generated listings too).
        config_file: mkdocs.yml, read for the entries' lines (or the file it inherits ``nav:``
            from); docs_dir: as messages name it.
    """
    config_file = config_files.holder(config_file, ["nav"])
    lines = read_lines(config_file)
    start = next((n for n, text in enumerate(lines) if text.startswith("nav:")), 0)
    problems = []
    for title, target in _entries(nav or []):
        path = urlsplit(target).path
        if urlsplit(target).scheme or not path.endswith(".md") or path.lstrip("/") in pages:
            continue  # an address, or a page that exists
        line = next((n + 1 for n in range(start, len(lines)) if target in lines[n]), 0)
        where = f"nav → {title}" if title else "nav"
        problems.append(
            NavProblem(
                line,
                f"{where}: không có trang '{target}' trong thư mục {docs_dir}.",
                f"Ghi đúng tên tệp, tính từ thư mục {docs_dir} (ví dụ gioi-thieu.md).",
                config_file,
            )
        )
    return problems


def _entries(items: list) -> Iterator[tuple[str, str]]:
    """``(title, target)`` of every entry, sections walked into ("" title for a bare file)."""
    for item in items:
        if isinstance(item, str):
            yield "", item
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield str(title), value
                elif isinstance(value, list):
                    yield from _entries(value)


THEME_KEYS = ("name", "custom_dir", "static_templates", "locale", "language")
"""The keys MkDocs itself reads under ``theme:`` (mkdocs/config/config_options.py, ``Theme``)."""

_THEME_USE = re.compile(r"\btheme\.([a-z_]+)|\btheme\[['\"]([a-z_]+)['\"]\]")


def theme_keys(theme_dirs: list[str]) -> set[str]:
    """The keys a theme may take under ``theme:``: MkDocs' own (:data:`THEME_KEYS`), the
    defaults its ``mkdocs_theme.yml`` declares and every ``theme.<key>`` its templates read
    (Material reads ``palette`` and ``logo`` without declaring them), in ``theme_dirs``."""
    import yaml

    known = set(THEME_KEYS)
    for folder in theme_dirs:
        declared = Path(folder, "mkdocs_theme.yml")
        try:
            known |= set(yaml.safe_load(declared.read_text(encoding="utf-8")) or {})
        except (OSError, ValueError, yaml.YAMLError):
            pass
        for template in Path(folder).rglob("*.html"):
            try:
                text = template.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            known |= {a or b for a, b in _THEME_USE.findall(text)}
    return known


def unknown_theme_keys(theme: object, known: set[str], config_file: Path) -> list[str]:
    """A line for each key under ``theme:`` (as written, ``theme``) that no part of the theme
    reads: MkDocs accepts any key there, so a typo (``featurs:``) silently dropped the tabs."""
    if not isinstance(theme, dict):
        return []
    said = []
    for key in theme:
        if key in known:
            continue
        close = difflib.get_close_matches(str(key), sorted(known), n=1)
        fix = f"Có phải là '{close[0]}'? Sửa lại tên khóa." if close else "Xóa dòng này, hoặc sửa lại tên khóa."
        said.append(
            _at_key(
                config_file,
                ["theme", str(key)],
                f"theme → {key}: giao diện không dùng khóa này nên nó bị bỏ qua. Cách sửa: {fix}",
            )
        )
    return said


def theme_values(theme: object, theme_dirs: list[str], needed: set[str], config_file: Path) -> list[str]:
    """A line for each value under ``theme:`` (as written, ``theme``) that MkDocs accepts but the
    build cannot render with, found before any page is built:

    - no folder of ``theme_dirs`` holds the project's templates (``needed``, "bantin/article.html"
      ...): ``custom_dir: theme`` lost, as in ``theme: material`` on one line;
    - ``language:`` names no ``partials/languages/<language>.html`` of the theme (Material has
      one file per language and includes it on every page);
    - ``palette:`` is neither a mapping nor a list of mappings (Material iterates over it).

    Each ended the build in "lỗi không mong đợi (TemplateNotFound / TypeError …)" while
    ``check`` called the configuration valid."""
    said = []
    settings = theme if isinstance(theme, dict) else {}

    def has(template: str) -> bool:
        return any(Path(folder, template).is_file() for folder in theme_dirs)

    missing = sorted(name for name in needed if not has(name))
    if missing:
        said.append(
            _at_key(
                config_file,
                ["theme"],
                f"theme: giao diện thiếu các khuôn trang của dự án ({', '.join(missing)}). Cách sửa: "
                "ghi 'name: material' và 'custom_dir: theme' trên hai dòng dưới 'theme:' (thư mục "
                "theme/ của dự án chứa các khuôn trang này).",
            )
        )
    language = settings.get("language")
    if (
        isinstance(language, str)
        and has("partials/languages/en.html")
        and not has(f"partials/languages/{language}.html")
    ):
        said.append(
            _at_key(
                config_file,
                ["theme", "language"],
                f"theme → language: giao diện không có ngôn ngữ '{language}'. Cách sửa: ghi 'vi' (tiếng Việt).",
            )
        )
    palette = settings.get("palette")
    if palette is not None and not (
        isinstance(palette, dict) or isinstance(palette, list) and all(isinstance(p, dict) for p in palette)
    ):
        said.append(
            _at_key(
                config_file,
                ["theme", "palette"],
                "theme → palette: phải là các dòng 'khóa: giá trị' lùi vào dưới 'palette:' (ví dụ "
                "'primary: custom'), không phải một chữ hay một số. Cách sửa: viết lại như vậy, hoặc "
                "xóa dòng này.",
            )
        )
    return said


def empty_options(plugins: object, defaults: dict, config_file: Path) -> list[str]:
    """A line for each option of the ``bantin`` plugin written with no value (``page_size:``):
    MkDocs then takes the default without a word, which is not what the editor meant.
    ``defaults``: option → its default, for the hint; ``plugins``: as :func:`written` gives it
    (the files ``config_file`` inherits merged in); each line is found in the file that holds the option."""
    options = _plugin_options(plugins, "bantin")
    said = []
    for path in _empty_paths(options, []):
        default = defaults.get(path[0]) if len(path) == 1 else None
        fix = (
            f"ghi giá trị sau dấu ':' (mặc định là {default}), hoặc xóa dòng này để dùng mặc định."
            if default not in (None, "", [], {})
            else "ghi giá trị sau dấu ':', hoặc xóa dòng này."
        )
        said.append(
            _at_key(
                config_file,
                ["plugins", "bantin", *path],
                f"plugins → bantin → {' → '.join(path)}: đang để trống. Cách sửa: {fix}",
            )
        )
    return said


def _plugin_options(plugins: object, name: str) -> dict:
    items = plugins if isinstance(plugins, list) else [plugins] if isinstance(plugins, dict) else []
    for item in items:
        if isinstance(item, dict) and name in item and isinstance(item[name], dict):
            return item[name]
    return {}


def _empty_paths(options: dict, above: list[str]) -> Iterator[list[str]]:
    for key, value in options.items():
        if value is None:
            yield [*above, str(key)]
        elif isinstance(value, dict):
            yield from _empty_paths(value, [*above, str(key)])


def duplicate_keys(config_file: Path) -> list[str]:
    """A line for each key written twice in one mapping of ``config_file`` or of a file it
    inherits: YAML keeps the last one without a word (a second ``site_name:`` replaced the first)."""
    return [said for path in config_files.files(config_file) for said in _duplicate_keys(path)]


def _duplicate_keys(config_file: Path) -> list[str]:
    import yaml

    lines = read_lines(config_file)
    said, todo = [], [_compose(lines)]
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                todo.append(value)
                if not isinstance(key, yaml.ScalarNode):
                    continue
                line = key.start_mark.line + 1
                if key.value in first:
                    said.append(
                        at_line(
                            config_file,
                            lines,
                            line,
                            f"khóa '{key.value}' được viết hai lần (lần đầu ở dòng {first[key.value]}); "
                            "chỉ lần sau được dùng. Cách sửa: giữ một dòng, xóa dòng kia.",
                        )
                    )
                else:
                    first[key.value] = line
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    return sorted(said, key=lambda text: int(text.split(":")[1]) if text.split(":")[1].isdigit() else 0)


def unwritable_values(config_file: Path) -> list[str]:
    """A line for each value of ``config_file`` or of a file it inherits holding a character no page or feed can hold
    (:func:`builder.content.text.unwritable_characters`: ``"\\f"``, ``"\\ud800"``,
    ``"\\uFFFF"`` written as YAML escapes), at the value's line with its key path. MkDocs takes
    them without a word; the build then ended in "lỗi không mong đợi (ValueError / UnicodeEncodeError)"."""
    return [said for path in config_files.files(config_file) for said in _unwritable_values(path)]


def _unwritable_values(config_file: Path) -> list[str]:
    import yaml

    from builder.content.text import unwritable_characters

    lines = read_lines(config_file)
    said, todo = [], [([], _compose(lines))]
    while todo:
        path, node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            todo += [([*path, str(key.value)], value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]
        elif isinstance(node, yaml.SequenceNode):
            todo += [(path, item) for item in node.value]
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
            found = unwritable_characters(node.value)
            if found:
                said.append(
                    at_line(
                        config_file,
                        lines,
                        node.start_mark.line + 1,
                        f"{' → '.join(path) or 'giá trị'}: có ký tự vô hình {', '.join(found)} (viết dạng "
                        "\\b, \\f, \\u... trong ngoặc kép). Cách sửa: xóa các chữ đó khỏi giá trị: trang "
                        "web, RSS và bản in không dùng được chúng.",
                    )
                )
    return sorted(said, key=lambda text: int(text.split(":")[1]) if text.split(":")[1].isdigit() else 0)


def _compose(lines: list[str]):
    """The YAML node tree of ``lines`` (None when empty or not YAML: MkDocs reports that)."""
    return config_files.compose_text("\n".join(lines))


def written(config_file: Path) -> dict:
    """mkdocs.yml as written (MkDocs changes what it loaded): mappings, lists, scalars as text,
    None for a key written with no value; tags (``!ENV``, ``!!python/name``) ignored; the files
    it inherits merged in as MkDocs merges them (:func:`builder.config_files.merged`)."""
    return config_files.merged([config_files.written(path) for path in config_files.files(config_file)])
