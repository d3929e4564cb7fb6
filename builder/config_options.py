"""The option types the ``bantin`` settings are declared with, without MkDocs.

The settings of ``plugins: - bantin:`` in mkdocs.yml are declared once, as classes of options
(:mod:`builder.mkdocs_plugin.config` and the ``*_config`` modules beside it), and validated
once, by these types: by :mod:`builder.settings` when a command reads them without MkDocs
(``bantin check``, ``new``, ``import``), and by MkDocs itself when it loads the plugin
(``BantinPlugin.load_config`` validates with the same classes).

The types are the subset of MkDocs 1.6's ``mkdocs.config.config_options`` and
``mkdocs.config.base`` that those declarations use (no ``post_validation``), with MkDocs' behaviour (a missing key takes
its default; the first failing key stops a block; an unknown key is a warning) and MkDocs'
English wording of each problem ("Expected type: <class 'int'> but received: <class 'str'>",
"Sub-option 'x': ...", "Unrecognised configuration name: x"): :mod:`builder.config_messages`
turns that wording into the Vietnamese message at the key's line, whichever of the two read
the file, so both say the same. A type MkDocs has and this module lacks must be added here
(with MkDocs' wording) before a declaration uses it.
"""

from __future__ import annotations

import os
from collections import UserDict
from typing import Generic, TypeVar

T = TypeVar("T")


class ValidationError(Exception):
    """A value of the settings is wrong; the message is MkDocs' wording or already Vietnamese."""

    def __eq__(self, other):
        return type(self) is type(other) and str(self) == str(other)

    __hash__ = Exception.__hash__


class BaseConfigOption(Generic[T]):
    """One option: ``validate(value)`` returns the value to keep or raises :class:`ValidationError`;
    ``warnings`` collects the texts of what is accepted but unused (unknown keys below it)."""

    def __init__(self) -> None:
        self.warnings: list[str] = []
        self.default = None

    @property
    def default(self):
        try:
            return self._default.copy()  # a mutable default is never shared between loads
        except AttributeError:
            return self._default

    @default.setter
    def default(self, value):
        self._default = value

    def validate(self, value):
        return self.run_validation(value)

    def reset_warnings(self) -> None:
        self.warnings = []

    def pre_validation(self, config: Config, key_name: str) -> None:
        """Called before any option of ``config`` is validated (file options note its folder)."""

    def run_validation(self, value):
        return value

    def __set_name__(self, owner, name):
        self._name = name

    def __get__(self, obj, type=None):
        if not isinstance(obj, Config):
            return self
        return obj[self._name]

    def __set__(self, obj, value):
        obj[self._name] = value


class Config(UserDict):
    """A block of settings: a mapping whose keys are also attributes (``options.page_size``).

    Subclasses declare their options as class attributes; ``validate()`` returns
    ``(errors, warnings)``, lists of ``(key, ValidationError)`` and ``(key, text)``, as
    MkDocs' ``Config.validate`` does (MkDocs calls it through ``BantinPlugin.load_config``)."""

    _schema: tuple[tuple[str, BaseConfigOption], ...] = ()

    def __init_subclass__(cls):
        schema = dict(getattr(cls, "_schema", ()))
        for name, attr in cls.__dict__.items():
            if isinstance(attr, BaseConfigOption):
                schema[getattr(attr, "_name", name)] = attr
        cls._schema = tuple(schema.items())
        for _, option in cls._schema:
            option.required = True  # as MkDocs: a None value is refused unless Optional or defaulted

    def __init__(self, config_file_path: str | None = None):
        super().__init__()
        for key, option in self._schema:
            self[key] = option.default
        self._schema_keys = {key for key, _ in self._schema}
        self.config_file_path = config_file_path or ""

    def load_dict(self, patch) -> None:
        """Take the values written in the file (``patch``: the YAML mapping of this block)."""
        if not isinstance(patch, dict):
            raise ValidationError(
                f"The configuration is invalid. Expected a key-value mapping (dict) but received: {type(patch)}"
            )
        self.update(patch)

    def validate(self) -> tuple[list[tuple[str, ValidationError]], list[tuple[str, str]]]:
        failed, warnings = [], []
        for key, option in self._schema:
            try:
                option.pre_validation(self, key_name=key)
            except ValidationError as exc:
                failed.append((key, exc))
        for key, option in self._schema:
            try:
                self[key] = option.validate(self.get(key))
                warnings.extend((key, text) for text in option.warnings)
                option.reset_warnings()
            except ValidationError as exc:
                failed.append((key, exc))
                break  # MkDocs reports the first failing key of a block
        for key in set(self.keys()) - self._schema_keys:
            warnings.append((key, f"Unrecognised configuration name: {key}"))
        return failed, warnings


class OptionallyRequired(BaseConfigOption[T]):
    """An option with a default: an empty value (None) takes it."""

    def __init__(self, default=None):
        super().__init__()
        self.default = default
        self.required = False

    def validate(self, value):
        if value is None:
            if self.default is not None:
                value = self.default
            elif not self.required:
                return None
            else:
                raise ValidationError("Required configuration not provided.")
        return self.run_validation(value)


class Type(OptionallyRequired[T]):
    """A value of Python type ``type_`` (or one of a tuple of types), as YAML reads it."""

    def __init__(self, type_, /, default=None):
        super().__init__(default=default)
        self._type = type_

    def run_validation(self, value):
        if not isinstance(value, self._type):
            raise ValidationError(f"Expected type: {self._type} but received: {type(value)}")
        return value


class Choice(OptionallyRequired[T]):
    """One of ``choices``."""

    def __init__(self, choices, default=None):
        super().__init__(default=default)
        self.choices = choices

    def run_validation(self, value):
        if value not in self.choices:
            raise ValidationError(f"Expected one of: {self.choices} but received: {value!r}")
        return value


class Optional(BaseConfigOption[T]):
    """``option`` or nothing (None) when the key is left out or empty."""

    def __init__(self, option: BaseConfigOption[T]):
        super().__init__()
        self.option = option
        self.warnings = option.warnings

    def __getattr__(self, key):
        if key in ("option", "warnings"):
            raise AttributeError(key)
        return getattr(self.option, key)

    def pre_validation(self, config, key_name):
        self.option.pre_validation(config, key_name)

    def run_validation(self, value):
        return None if value is None else self.option.validate(value)

    def reset_warnings(self) -> None:
        self.option.reset_warnings()
        self.warnings = self.option.warnings


class File(Type[str]):
    """A path relative to mkdocs.yml's folder; with ``exists``, an existing file. The value
    kept is the absolute path."""

    def __init__(self, exists: bool = False, default=None):
        super().__init__(str, default=default)
        self.exists = exists
        self.config_dir: str | None = None

    def pre_validation(self, config, key_name):
        self.config_dir = os.path.dirname(config.config_file_path) if config.config_file_path else None

    def run_validation(self, value):
        value = super().run_validation(value)
        if self.config_dir and not os.path.isabs(value):
            value = os.path.join(self.config_dir, value)
        if self.exists and not os.path.isfile(value):
            raise ValidationError(f"The path '{value}' isn't an existing file.")
        return os.path.abspath(value)


SomeConfig = TypeVar("SomeConfig", bound=Config)


class SubConfig(BaseConfigOption[SomeConfig]):
    """A block of keys below this one (``issuer:``, ``editions:``), declared by a :class:`Config`
    subclass: ``SubConfig(IssuerConfig)``, or ``SubConfig[EditionsConfig]`` to subclass it."""

    _config_file_path: str | None = None
    config_class: type

    def __init__(self, config_class: type | None = None):
        super().__init__()
        self.default = {}
        if config_class is not None:
            self.config_class = config_class

    def __class_getitem__(cls, config_class):
        return type(f"{cls.__name__}[{config_class.__name__}]", (cls,), {"config_class": config_class})

    def pre_validation(self, config, key_name):
        self._config_file_path = config.config_file_path

    def run_validation(self, value):
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(value)
        failed, warnings = config.validate()
        self.warnings.extend(f"Sub-option '{key}': {text}" for key, text in warnings)
        if failed:
            key, error = failed[0]
            raise ValidationError(f"Sub-option '{key}': {error}")
        return config
