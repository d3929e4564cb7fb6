"""mkdocs.yml and the files it inherits (``INHERIT: base.yml``), followed as MkDocs 1.6 does.

A second organisation (a district union) reuses the province's settings by writing a parent
file, ``base.yml``, and a short mkdocs.yml that starts with ``INHERIT: base.yml`` and overrides
what differs (``site_url``, ``organisation`` ...). MkDocs (``mkdocs/utils/yaml.py``,
``yaml_load``) reads the child, takes its ``INHERIT`` path relative to the child's folder,
reads that parent the same way (so a parent may inherit in turn), drops the ``INHERIT`` keys
and merges with ``mergedeep.merge(parent, child)``: the child's value wins, two mappings are
merged key by key, anything else (a list such as ``plugins:``) is replaced whole.

This module is the one place that follows the chain, for both readers of mkdocs.yml:
:func:`builder.settings.load` (without MkDocs) and :func:`builder.build.load` (MkDocs), which
both call :func:`chain` first, so a wrong ``INHERIT`` is refused before either reads anything,
with one message (:func:`builder.config_messages.inherit_problems`). MkDocs itself follows a
cycle until Python's recursion limit and fails on a value that is not a path with a
``TypeError``. :func:`holder` says which file of the chain a key's value comes from, so that
every line-numbered message points at the file that holds the key.

No MkDocs import: files are read as YAML nodes (tags such as ``!ENV`` are not resolved here).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import mergedeep
import yaml

INHERIT = "INHERIT"
"""The key naming the parent file (MkDocs' spelling, upper case)."""


@dataclass
class InheritError(Exception):
    """An ``INHERIT:`` that cannot be followed.

    Attributes:
        file: the file holding the ``INHERIT:`` key; line: its 1-based line;
        problem: ``"missing"`` (no such file), ``"cycle"`` (the chain comes back to a file of
            itself), ``"not_a_path"`` (the value is not text) or ``"not_a_mapping"`` (the file
            named holds a list or a text, not ``key: value`` lines: MkDocs' merge fails on it
            with a Python error);
        value: the value as written (text of the YAML scalar, "" for none or a list/mapping);
        target: the absolute path it leads to (missing, cycle), else "";
        walked: the chain up to and including ``file``, child first;
        tag: the value's YAML tag when it is not text (``tag:yaml.org,2002:int``, ``...:null``,
            ``...:seq``, ``...:map``, ``!ENV``), else "".
    """

    file: Path
    line: int
    problem: str
    value: str
    target: str = ""
    walked: tuple[Path, ...] = ()
    tag: str = ""


def chain(config_file: Path | str) -> list[Path]:
    """``config_file`` and the files it inherits, child first (``[mkdocs.yml, base.yml, ...]``).

    A parent's path is the child's folder joined with the ``INHERIT`` value, as MkDocs joins it
    (``os.path.normpath(os.path.join(os.path.dirname(child), value))``). A file that is missing
    or is not YAML ends the chain without a word: its reader reports that.

    Raises:
        InheritError: an ``INHERIT`` value is not text, names no file or a file that is not a
            mapping, or leads back to a file already in the chain.
    """
    files = [Path(config_file)]
    seen = {os.path.realpath(config_file)}
    while True:
        current = files[-1]
        found = _inherit_node(current)
        if found is None:
            return files
        key, value = found
        line = key.start_mark.line + 1
        if not isinstance(value, yaml.ScalarNode) or value.tag != "tag:yaml.org,2002:str" or not value.value:
            text = value.value if isinstance(value, yaml.ScalarNode) else ""
            raise InheritError(current, line, "not_a_path", str(text), walked=tuple(files), tag=value.tag)
        target = os.path.normpath(os.path.join(os.path.dirname(current), value.value))
        if not os.path.isfile(target):
            raise InheritError(current, line, "missing", value.value, os.path.abspath(target), tuple(files))
        if os.path.realpath(target) in seen:
            raise InheritError(current, line, "cycle", value.value, os.path.abspath(target), tuple(files))
        root = compose(target)
        if root is not None and not isinstance(root, yaml.MappingNode):
            raise InheritError(current, line, "not_a_mapping", value.value, os.path.abspath(target), tuple(files))
        seen.add(os.path.realpath(target))
        files.append(Path(target))


def files(config_file: Path | str) -> list[Path]:
    """:func:`chain`, or only ``config_file`` when the chain cannot be followed (for messages
    about other keys: the ``INHERIT`` problem itself is reported by the loaders first)."""
    try:
        return chain(config_file)
    except InheritError:
        return [Path(config_file)]


def merged(datas: list[object]) -> dict:
    """The mappings of a chain's files (child first, each as read) merged exactly as MkDocs
    merges an inherited file (``mergedeep.merge(parent, child)``: the child's values win and
    are copied), ``INHERIT`` keys dropped; a file that is not a mapping counts as empty."""
    result: dict = {}
    for data in reversed(datas):
        data = {k: v for k, v in data.items() if k != INHERIT} if isinstance(data, dict) else {}
        result = mergedeep.merge(result, data)
    return result


def holder(config_file: Path | str, keys: list[str]) -> Path:
    """The file of ``config_file``'s chain whose value for the key path ``keys`` ("plugins",
    "bantin", "page_size") is the one used: for each key, the youngest file writing it; below a
    mapping the files whose values are mappings too take part, as the merge takes them; below
    anything else (``plugins:`` is a list) the file found so far holds everything. A key written
    nowhere: the file holding the deepest key found (``config_file`` for none)."""
    chain_files = files(config_file)
    found = chain_files[0]
    taking = [(path, written(path)) for path in chain_files]
    for key in keys:
        having = [(path, data[key]) for path, data in taking if isinstance(data, dict) and key in data]
        if not having:
            break
        found = having[0][0]
        taking = []
        for path, value in having:
            if not isinstance(value, dict):
                taking = taking or [(path, value)]  # a mapping above it replaced it
                break
            taking.append((path, value))
    return found


def compose(config_file: Path | str):
    """The YAML node tree of ``config_file`` (None when it is missing, empty or not YAML).

    Kept while the file's size, inode and times are unchanged (any write changes its change
    time): one load reads the chain, the merged keys and the line checks from the same
    files, and composing each of them anew for each doubled the time of ``settings.load``
    (17 → 36 ms for the union's mkdocs.yml; 18 ms with this). The tree is shared: callers
    only read it."""
    try:
        info = os.stat(config_file)
    except OSError:
        return None
    return _composed(os.path.abspath(config_file), info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)


@functools.lru_cache(maxsize=16)
def _composed(path: str, *_stat: int):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return compose_text(text)


def compose_text(text: str):
    """The YAML node tree of ``text`` (None when empty or not YAML: the loaders report that)."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: MkDocs' tags need no constructor
    except yaml.YAMLError:
        return None


def written(config_file: Path | str) -> object:
    """One file as written: mappings, lists, scalars as text, None for a key written with no
    value; tags (``!ENV``, ``!!python/name``) ignored; None when it cannot be read as YAML."""

    def plain(node):
        if isinstance(node, yaml.MappingNode):
            return {plain(key): plain(value) for key, value in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [plain(item) for item in node.value]
        return None if node.tag == "tag:yaml.org,2002:null" else node.value

    root = compose(config_file)
    return plain(root) if root is not None else None


def _inherit_node(config_file: Path):
    """``(key node, value node)`` of the top-level ``INHERIT`` of ``config_file`` (the last one
    when written twice, as YAML keeps it), or None."""
    root = compose(config_file)
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [(key, value) for key, value in root.value if isinstance(key, yaml.ScalarNode) and key.value == INHERIT]
    return found[-1] if found else None
