"""The form in which the project writes front matter values (docs/front-matter.md).

``bantin new``, ``bantin import`` and a Git-based CMS all write front matter; a file must not
change on lines nobody edited when it passes from one to the other. The CMS writes with the
``yaml`` JavaScript package, so this module writes what it writes: a string plain when it can
stay plain, else in double quotes (PyYAML would choose single quotes), Unicode as is, one line
however long, keys in the order given, lists in block form indented under their key (``[]``
when empty). Dates stay plain (``2021-03-08``): the front matter
loader (:mod:`builder.content.frontmatter`) reads no implicit timestamps, so a plain date is a
string to it, as to the CMS. A string that PyYAML would read as another type (``"true"``,
``"123"``, ``"yes"``) is quoted.
"""

from __future__ import annotations

from datetime import date, datetime

import yaml


class Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper with double quotes where it would use single ones, lists indented."""

    def increase_indent(self, flow=False, indentless=False):
        # A list under a key is indented ("tags:\n  - a"), as the CMS and the project's files write it.
        return super().increase_indent(flow, False)

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


# Like the loader: no implicit timestamps, so "2021-03-08" as text is written plain.
Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _date(dumper: Dumper, value: date) -> yaml.Node:
    """A date as its text, plain (``2021-03-08``; a time as ``2021-03-08 08:30:00``), not as
    the ``!!timestamp`` a dumper without the timestamp resolver would tag it with."""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


Dumper.add_representer(date, _date)
Dumper.add_representer(datetime, _date)

_WIDTH = 1_000_000
"""Never fold a long value over several lines (a CMS writes it on one)."""


def mapping(data: dict) -> str:
    """``data`` as block YAML, keys in their order, ending in a newline ("" for an empty mapping)."""
    if not data:
        return ""
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=_WIDTH, default_flow_style=False)


def scalar(value) -> str:
    """One value as it follows ``key: `` on a line (``Quảng Trị``, ``"Hội thi: “Khéo tay”"``)."""
    return mapping({"k": value})[len("k: ") :].rstrip("\n")
