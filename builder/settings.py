"""The bantin settings of mkdocs.yml, the content's defaults and "now", read without MkDocs.

:func:`load` reads mkdocs.yml as YAML (MkDocs' ``!ENV`` tag understood; ``!relative`` gives
mkdocs.yml's folder; any other tag, such as ``!!python/name:`` in ``markdown_extensions``,
is read as empty: only the keys below are used), takes ``site_url``, ``docs_dir`` and the
options of ``plugins: - bantin:``, and validates the options with the declaration MkDocs
validates them with (:class:`builder.mkdocs_plugin.config.BantinConfig`, built on
:mod:`builder.config_options`): one declaration, one validator, and the same Vietnamese
message at the key's line (:mod:`builder.config_messages`). :func:`defaults` and :func:`now`
turn the options into what the content model needs (:func:`builder.content.reader.read_tree`).

``INHERIT: base.yml`` (settings shared with another organisation's site) is followed as MkDocs
follows it: each file of the chain is read as above and they are merged as MkDocs merges them
(:mod:`builder.config_files`); a wrong option written in ``base.yml`` is reported at its line
of ``base.yml``.

So the content can be read and checked with MkDocs not imported (``bantin check``'s content
phase, ``new``, ``import``); the build and the preview use the same functions.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from builder import config_files, config_messages
from builder.config_options import ValidationError
from builder.content.dates import now_in_vietnam, to_vietnam_time
from builder.content.model import Issuer
from builder.content.reader import Defaults
from builder.mkdocs_plugin.config import BantinConfig
from builder.mkdocs_plugin.edition_config import to_licence
from builder.mkdocs_plugin.period_config import to_periods

PLUGIN = "bantin"
"""The plugin's name in ``plugins:`` (its entry point in pyproject.toml)."""


class UsageError(Exception):
    """The command or the configuration is wrong (exit code 2), not the content; the message is
    Vietnamese and says where and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml says that reading the content needs.

    Attributes:
        config_file: mkdocs.yml as the command named it (relative paths of the options are
            taken from its folder, as MkDocs takes them).
        options: the validated ``bantin`` options (attributes as declared in ``BantinConfig``).
        docs_dir: the content folder, absolute (``docs_dir``, default ``docs``, relative to
            mkdocs.yml's folder).
        site_url: the published address as written ("" when there is none).
    """

    config_file: str
    options: BantinConfig
    docs_dir: Path
    site_url: str


def load(config_file: str = "mkdocs.yml") -> Settings:
    """Read and validate the bantin settings of ``config_file``.

    Raises:
        UsageError: the file (or a file it inherits) is missing, is not YAML, an ``INHERIT``
            cannot be followed, the plugin is not listed, or a bantin option is wrong, unknown
            or empty, or a key is written twice; each problem is said
            as ``builder.build.load`` says it ("Cấu hình mkdocs.yml không hợp lệ: ..." at the
            key's line), which also lists the problems of MkDocs' own keys (``theme:`` ...)
            that this function does not read.
    """
    path = Path(config_file)
    if not path.is_file():
        raise UsageError(f"Không tìm thấy tệp cấu hình {config_file}. Chạy lệnh trong thư mục gốc của dự án.")
    said = config_messages.inherit_problems(path)
    if said:
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said))
    read = []
    for each in config_files.chain(path):
        data = _read_yaml(each, path)
        if data is None and each != path:
            data = {}  # an empty inherited file adds nothing (MkDocs' yaml_load)
        if not isinstance(data, dict):
            said = [
                config_messages.explain(
                    f"The configuration is invalid. Expected a key-value mapping (dict) but received: {type(data)}",
                    each,
                )
            ]
            raise UsageError(config_messages.report(config_file, config_messages.INVALID, said))
        read.append(data)
    data = config_files.merged(read)
    written = _plugin_options(data.get("plugins"))
    if written is None:
        raise UsageError("mkdocs.yml chưa khai báo plugin 'bantin' (mục plugins).")
    options, errors, warnings = validate(written, config_file)
    if errors:
        said = [
            config_messages.explain(f"Config value 'plugins': Plugin '{PLUGIN}' option '{key}': {error}", path)
            for key, error in errors
        ]
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said))
    if warnings:  # a key MkDocs would only warn about: a typo ("organisaton") would be lost
        said = [
            config_messages.explain(f"Config value 'plugins': Plugin '{PLUGIN}' option '{key}': {text}", path)
            for key, text in warnings
        ]
        raise UsageError(config_messages.report(config_file, config_messages.UNKNOWN_KEYS, said))
    # What MkDocs accepts without a word (builder.build.load refuses it too, with the same texts).
    defaults = {name: option.default for name, option in BantinConfig._schema}
    said = (
        config_messages.duplicate_keys(path)
        + config_messages.unwritable_values(path)
        + config_messages.empty_options(config_messages.written(path).get("plugins"), defaults, path)
    )
    if said:
        raise UsageError(config_messages.report(config_file, config_messages.INVALID, said))
    docs = data.get("docs_dir") or "docs"
    site_url = data.get("site_url")
    return Settings(
        config_file=config_file,
        options=options,
        docs_dir=Path(os.path.abspath(os.path.join(os.path.dirname(config_file), str(docs)))),
        site_url=site_url if isinstance(site_url, str) else "",
    )


def validate(written, config_file: str | None) -> tuple[BantinConfig, list, list]:
    """Validate the plugin's options as written (``written``: the YAML mapping, or None).

    Returns:
        ``(options, errors, warnings)``: errors as ``(key, ValidationError)`` (the first failing
        key only, as MkDocs stops a block there), warnings as ``(key, text)`` (unknown keys), in
        MkDocs' wording, which :func:`builder.config_messages.explain` says in Vietnamese.
        ``BantinPlugin.load_config`` returns the last two to MkDocs.
    """
    options = BantinConfig(config_file_path=config_file)
    try:
        options.load_dict({} if written is None else written)
    except ValidationError as exc:  # not a mapping
        return options, [("", exc)], []
    errors, warnings = options.validate()
    return options, errors, warnings


def defaults(settings: Settings | BantinConfig) -> Defaults:
    """The site-wide defaults of the content model (issuer, place, motto, names, periods,
    licence) of validated ``settings`` (or the plugin's validated options)."""
    options = settings.options if isinstance(settings, Settings) else settings
    issuer = options.issuer
    return Defaults(
        issuer=Issuer(issuer.parent, issuer.body) if issuer.body else None,
        place=options.place,
        motto=options.motto,
        bulletin_name=options.bulletin_name,
        organisation=options.organisation,
        periods=to_periods(options.periods),
        licence=to_licence(options.editions, options.config_file_path or None),
    )


def now(settings: Settings | BantinConfig) -> datetime:
    """The moment that decides what is published, in Vietnam time: the environment variable
    ``BANTIN_NOW``, else the option ``now``, else the clock.

    Raises:
        UsageError: the value is not an ISO 8601 moment.
    """
    options = settings.options if isinstance(settings, Settings) else settings
    value = os.environ.get("BANTIN_NOW") or options.now
    if not value:
        return now_in_vietnam()
    try:
        return to_vietnam_time(datetime.fromisoformat(value))
    except ValueError:
        raise UsageError(
            f"BANTIN_NOW / now: '{value}' không phải là thời điểm ISO 8601 (ví dụ 2021-03-08T08:00)."
        ) from None


def _plugin_options(plugins) -> object:
    """The options written under the bantin plugin ({} when it has none; what is written when
    it is not a mapping, which :func:`validate` refuses), or None when ``plugins`` does not
    list it (as a name, or a mapping of one name, or in a mapping)."""
    if isinstance(plugins, dict):
        return (plugins[PLUGIN] or {}) if PLUGIN in plugins else None
    for item in plugins if isinstance(plugins, list) else ():
        if item == PLUGIN:
            return {}
        if isinstance(item, dict) and PLUGIN in item:
            return item[PLUGIN] if item[PLUGIN] is not None else {}
    return None


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the tags MkDocs adds (``!ENV``, ``!relative``)."""


def _env(loader: _Loader, node) -> object:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``: the first variable set, read as YAML,
    else the default (MkDocs' pyyaml_env_tag)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if str(name) in os.environ:
            return yaml.load(os.environ[str(name)], Loader=_Loader) if os.environ[str(name)] else None
    return default


def _read_yaml(path: Path, config_file: Path) -> object:
    """The YAML of ``path`` (``config_file`` or a file it inherits); its syntax errors and
    impossible dates as ``builder.build.load`` says them
    (:func:`builder.config_messages.explain_unread`, ``explain_bad_date``)."""
    loader = type("Loader", (_Loader,), {})
    loader.add_constructor("!ENV", _env)
    # MkDocs' !relative is bound to the loaded configuration: mkdocs.yml's folder, in a parent too.
    loader.add_constructor("!relative", lambda _loader, _node: os.path.dirname(os.path.abspath(config_file)))
    loader.add_multi_constructor("", lambda _loader, _suffix, _node: None)  # other tags: unused here
    try:
        return yaml.load(path.read_bytes(), Loader=loader)
    except yaml.YAMLError as exc:
        said = [
            config_messages.explain_unread(f"MkDocs encountered an error parsing the configuration file: {exc}", path)
        ]
    except ValueError as exc:  # PyYAML makes a date of "2026-13-01" and fails, naming no line
        said = [config_messages.explain_bad_date(str(exc), path)]  # path first, then what it inherits
    raise UsageError(config_messages.report(str(config_file), config_messages.INVALID, said))
