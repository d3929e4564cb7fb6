"""Front matter: the YAML block between two ``---`` lines at the top of a Markdown file.

MkDocs parses front matter too, but ``mkdocs/utils/meta.py`` swallows YAML errors and turns a
broken block into ``{}`` (docs/pitfalls.md §1.2). This module parses it itself so that every error
names its line, and records the line of every top-level key so that the schema can point at
the key that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from builder.errors import ErrorList

_FENCE = re.compile(r"^---[ \t]*$")


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader without implicit timestamps: "2021-02-30" stays text, so the
    schema reports it as a bad date at its line instead of PyYAML raising ValueError."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

if getattr(yaml, "CSafeLoader", None) is not None:

    class _FastLoader(yaml.CSafeLoader):
        """The same loader on libyaml's C parser, ~15× faster; used first, and the Python
        loader above parses again only a block that fails, so that messages keep the wording
        and positions of :func:`_yaml_problem`."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
else:  # PyYAML built without libyaml
    _FastLoader = _Loader


@dataclass(frozen=True)
class FrontMatter:
    """The split of one file.

    Attributes:
        data: the front matter mapping ({} when the file has none).
        key_lines: 1-based line in the file of each top-level key.
        body: the Markdown after the closing fence.
        body_line: 1-based line in the file where ``body`` starts.
        item_lines: for each top-level key whose value is a block or flow list, the 1-based line
            of each item; for a mapping (``signer:``), the line of each sub-key, in the order
            written (so a check can point at the item or sub-key that is wrong).
    """

    data: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    item_lines: dict = field(default_factory=dict)


def split(text: str, path: str, errors: ErrorList) -> FrontMatter:
    """Split normalised ``text`` into front matter and body, reporting problems.

    Args:
        text: the file's text after :func:`builder.content.text.normalise`.
        path: the file's path, for error messages.
        errors: where problems go (YAML syntax, a block that is never closed, a block that is
            not a mapping, a key written twice).

    Returns:
        The :class:`FrontMatter`; on error its ``data`` is whatever could be read ({}).
    """
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if re.match(r"^[A-Za-z_]+\s*:", lines[0]) and any(_FENCE.match(line) for line in lines[1:]):
            errors.add(
                path,
                1,
                "Thiếu dòng '---' mở đầu phần thông tin đầu bài.",
                "Thêm một dòng chỉ có '---' (ba dấu gạch ngang) vào đầu tệp.",
            )
        return FrontMatter(body=text, body_line=1)
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        errors.add(
            path,
            1,
            "Phần thông tin đầu bài (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại.",
            "Thêm một dòng chỉ có '---' ngay sau dòng thông tin cuối cùng.",
        )
        return FrontMatter(body="", body_line=len(lines) + 1)
    # YAML forbids tabs in indentation; Word and some editors insert them.
    source = "\n".join(lines[1:end]).expandtabs(2)
    body = "\n".join(lines[end + 1 :])
    data, key_lines, item_lines = _parse_yaml(source, path, errors)
    return FrontMatter(data=data, key_lines=key_lines, body=body, body_line=end + 2, item_lines=item_lines)


def _parse_yaml(source: str, path: str, errors: ErrorList) -> tuple[dict, dict, dict]:
    try:
        return _parse_with(_FastLoader, source, path, errors)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        pass
    try:
        return _parse_with(_Loader, source, path, errors)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (1, 0)
        errors.add(
            path,
            line,
            f"Phần thông tin đầu bài viết sai cú pháp YAML ({_yaml_problem(exc)}).",
            "Mỗi dòng có dạng 'khóa: giá trị'; giá trị có dấu ':' hoặc '#' thì đặt trong ngoặc kép.",
            col,
        )
    except (ValueError, TypeError, RecursionError):
        # A value YAML recognises but cannot build (an explicit "!!int mười", nesting too deep).
        errors.add(
            path,
            2,
            "Phần thông tin đầu bài có giá trị không đọc được.",
            "Bỏ các ký hiệu '!!' và các ngoặc lồng nhau quá sâu; viết giá trị như chữ bình thường.",
        )
    return {}, {}, {}


def _parse_with(loader_class, source: str, path: str, errors: ErrorList) -> tuple[dict, dict, dict]:
    """Parse with ``loader_class``; YAML errors propagate, problems of a parsed block go to ``errors``."""
    loader = None
    try:
        loader = loader_class(source)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
            if data is not None:
                errors.add(
                    path,
                    2,
                    "Phần thông tin đầu bài phải là các dòng 'khóa: giá trị'.",
                    "Xem mẫu trong README.md, mục Biên tập.",
                )
            return {}, {}, {}
        return data, _key_lines(loader, node, source, path, errors), _item_lines(loader, node)
    finally:
        if loader is not None:
            loader.dispose()


def _key_lines(loader: yaml.SafeLoader, node: yaml.MappingNode, source: str, path: str, errors: ErrorList) -> dict:
    lines: dict = {}
    source_lines = source.split("\n")
    for key_node, value_node in node.value:
        _check_comment(source_lines, value_node, path, errors)
        key, line = _constructed(loader, key_node), key_node.start_mark.line + 2
        if key in lines:
            errors.add(
                path,
                line,
                f"Khóa '{key}' được viết hai lần (dòng {lines[key]} và dòng {line}).",
                "Xóa một trong hai dòng.",
                key_node.start_mark.column + 1,
            )
        lines.setdefault(key, line)
    return lines


def _item_lines(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    # A mapping's items are its sub-keys, in order: "signer:" then "  authority: ..." on the
    # next line, so that a wrong sub-key is reported at its own line.
    return {
        _constructed(loader, key_node): tuple(
            (item[0] if isinstance(item, tuple) else item).start_mark.line + 2 for item in value_node.value
        )
        for key_node, value_node in node.value
        if isinstance(value_node, (yaml.SequenceNode, yaml.MappingNode))
    }


def _check_comment(source_lines: list[str], value: yaml.Node, path: str, errors: ErrorList) -> None:
    """A plain (unquoted) value followed by " #x" loses everything after "#" (a YAML comment):
    "title: Chương trình #1 của Hội" would publish "Chương trình". Editors mean the text."""
    if not isinstance(value, yaml.ScalarNode) or value.style:  # plain: None (Python parser) or "" (libyaml)
        return
    line = source_lines[value.end_mark.line] if value.end_mark.line < len(source_lines) else ""
    rest = line[value.end_mark.column :]
    # "# ghi chú" (hash, space) is how people write comments; "#1" or "#BìnhĐẳngGiới" is text.
    if re.match(r"\s+#[^\s#]", rest):
        errors.add(
            path,
            value.end_mark.line + 2,
            "Phần sau dấu '#' bị YAML coi là ghi chú và sẽ mất.",
            'Đặt cả giá trị trong ngoặc kép, ví dụ: title: "Chương trình #1 của Hội"',
            value.end_mark.column + 1,
        )


def _constructed(loader: yaml.SafeLoader, key_node: yaml.Node):
    # Keys are looked up as the data has them: "1: x" has the integer key 1.
    try:
        return loader.construct_object(key_node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError):
        return key_node.value


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    known = {
        "mapping values are not allowed here": "có dấu ':' không đúng chỗ",
        "found character '\\t' that cannot start any token": "có ký tự tab",
        "could not find expected ':'": "thiếu dấu ':' sau tên khóa",
        "found unexpected end of stream": "thiếu dấu ngoặc kép đóng",
        "did not find expected key": "thụt lề không đều",
        "found undefined alias": "dấu '*' ở đầu giá trị",
        "expected <block end>": "thụt lề hoặc dấu '-' không đúng chỗ",
        "expected ',' or ']'": "thiếu dấu ']' hoặc ',' trong danh sách",
        "expected ',' or '}'": "thiếu dấu '}' hoặc ',' trong danh sách",
        "found character '%' that cannot start any token": "giá trị bắt đầu bằng '%' cần đặt trong ngoặc kép",
        "found character '@' that cannot start any token": "giá trị bắt đầu bằng '@' cần đặt trong ngoặc kép",
        "found character '`' that cannot start any token": "giá trị bắt đầu bằng '`' cần đặt trong ngoặc kép",
    }
    for english, vietnamese in known.items():
        if problem.startswith(english):
            return vietnamese
    return f"YAML báo: {problem}"


Loader = _Loader
"""The YAML loader of front matter, public for the project's other YAML files (the calendar):
PyYAML's safe loader without implicit timestamps."""

yaml_problem = _yaml_problem
"""Public name of the Vietnamese wording of a PyYAML error, for the project's other YAML files."""
