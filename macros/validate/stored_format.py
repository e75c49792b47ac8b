"""The on-disk form of a checked city folder: JSON, decoded strictly into the model's own dataclasses.

A store entry is read from disk, and what is read from disk is never executed: unlike a pickle,
which names any importable callable to run as it loads, this format can only give JSON values and
the dataclasses of the model (``macros.model``) and of the diagnostics, built from their fields in
order (as :func:`macros.model.catalogue.by_fields` pickles them for the workers' way back). A name
that is not one of those classes, a wrong number of fields, or a value of the wrong kind is
:class:`Undecodable`: the store treats it as a miss.

Encoding: a dataclass is ``{"@": "Name", "f": [fields…]}``; dates are ISO text, bytes base64,
tuples lists, enums their value; each field is checked against its annotation's kind and turned
back by it (``dt.date``, ``bytes``, ``tuple[…]``, the enum).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import importlib
import json
import operator
import pkgutil
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

from .. import diagnostics, model


class Undecodable(ValueError):
    """The bytes are not an entry this code wrote (damaged, planted, or from other code)."""


def _classes() -> dict[str, type]:
    """The dataclasses an entry may hold: those of the model's modules and of the diagnostics."""
    modules = [diagnostics] + [
        importlib.import_module(f"{model.__name__}.{info.name}") for info in pkgutil.iter_modules(model.__path__)
    ]
    found: dict[str, type] = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                found[value.__name__] = value
    return found


_CLASSES = _classes()


# What a field of each annotation is in JSON (checked for every field with one ``isinstance`` per
# field, in C), and how it is turned back into the model's value (None: it is that value already).
# An annotation the format cannot turn back exactly raises TypeError: such a class is never stored.
Convert = Callable[[Any], Any]
Kind = type | tuple[type, ...]


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _bytes(value: str) -> bytes:
    return base64.b64decode(value, validate=True)


def _optional(convert: Convert) -> Convert:
    return lambda value: None if value is None else convert(value)


def _item(kind: Kind, convert: Convert | None, value: Any) -> Any:
    if not isinstance(value, kind):
        raise Undecodable(f"{value!r} is not a {kind}")
    return value if convert is None else convert(value)


def _tuple_of(kind: Kind, convert: Convert | None) -> Convert:
    """``tuple[X, ...]`` whose items are turned back one by one (a tuple of pairs, say)."""
    return lambda value: tuple(_item(kind, convert, item) for item in value)


def _fixed_tuple(fields: list[tuple[Kind, Convert | None]]) -> Convert:
    """``tuple[X, Y]``: as many items as the annotation names, each turned back by its own kind."""

    def convert(value: Any) -> tuple[Any, ...]:
        if len(value) != len(fields):
            raise Undecodable(f"{len(value)} items where {len(fields)} are expected")
        return tuple(_item(kind, conv, item) for (kind, conv), item in zip(fields, value, strict=True))

    return convert


def _field(annotation: Any) -> tuple[Kind, Convert | None]:
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        options = typing.get_args(annotation)
        kinds: list[type] = []
        converts = []
        for option in options:
            kind, convert = _field(option)
            kinds += kind if isinstance(kind, tuple) else [kind]
            converts.append(convert)
        real = [c for c in converts if c is not None]
        if not real:
            return tuple(kinds), None
        if len(options) == 2 and type(None) in options and len(real) == 1:
            return tuple(kinds), _optional(real[0])
        raise TypeError(f"the format does not hold a {annotation}")
    if annotation is type(None):
        return type(None), None
    if annotation is dt.date:
        return str, _date
    if annotation is bytes:
        return str, _bytes
    if annotation is float:
        return (int, float), None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return str, annotation
    if isinstance(annotation, type) and (annotation in (str, int, bool) or dataclasses.is_dataclass(annotation)):
        return annotation, None
    if origin in (tuple, frozenset, list, dict):
        # items come back as JSON gives them: only items that need no turning back are held
        args = typing.get_args(annotation)
        items = [a for a in args if a is not Ellipsis]
        fields = [_field(item) for item in items]
        if origin is tuple and Ellipsis not in args:  # a pair, say: its length and each item's kind checked
            return list, _fixed_tuple(fields)
        if all(convert is None for _, convert in fields):
            return (dict if origin is dict else list), (None if origin in (list, dict) else origin)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return list, _tuple_of(*fields[0])
        raise TypeError(f"the format does not hold a {annotation}")
    raise TypeError(f"the format does not hold a {annotation}")


class _Fields:
    """One class's constructor, its positional fields' kinds and converters."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        hints = typing.get_type_hints(cls, vars(importlib.import_module(cls.__module__)))
        self.names = [f.name for f in dataclasses.fields(cls) if f.init]
        fields = [_field(hints[name]) for name in self.names]
        self.kinds = tuple(kind for kind, _ in fields)
        self.converts = [(i, convert) for i, (_, convert) in enumerate(fields) if convert is not None]

    def build(self, values: Any) -> Any:
        if type(values) is not list or len(values) != len(self.kinds) or not all(map(isinstance, values, self.kinds)):
            raise Undecodable(f"{self.cls.__name__}: not its fields")
        for i, convert in self.converts:
            values[i] = convert(values[i])
        return self.cls(*values)


_FIELDS: dict[str, _Fields] = {}


def _fields(name: str) -> _Fields:
    fields = _FIELDS.get(name)
    if fields is None:
        cls = _CLASSES.get(name)
        if cls is None:
            raise Undecodable(f"{name!r} is not a class of the model")
        fields = _FIELDS[name] = _Fields(cls)
    return fields


def _hook(obj: dict[str, Any]) -> Any:
    if "@" not in obj:
        return obj  # a mapping of the model (ratings by characteristic, groups' views)
    name = obj["@"]
    if type(name) is not str or len(obj) != 2 or "f" not in obj:
        raise Undecodable("a malformed object")
    return _fields(name).build(obj["f"])


# How an object of each stored class is written, made once per class: a city's entry holds hundreds
# of objects of a few classes (an indicator's every observation)
_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _writer(name: str, names: list[str]) -> Callable[[Any], dict[str, Any]]:
    if not names:
        return lambda value: {"@": name, "f": []}
    fields = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda value: {"@": name, "f": [fields(value)]}
    return lambda value: {"@": name, "f": fields(value)}  # a tuple: written as the list it is read back as


def _default(value: object) -> object:
    write = _WRITERS.get(type(value))
    if write is not None:
        return write(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise TypeError(f"{name} is not a class of the model")
        write = _WRITERS[type(value)] = _writer(name, _fields(name).names)
        return write(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (tuple, frozenset)):
        return list(value)
    raise TypeError(f"cannot store a {type(value).__name__}")


def encode(value: object) -> bytes:
    """``value`` (a dataclass of the model, or anything of JSON, dates and bytes) as JSON bytes;
    TypeError for what the format does not hold."""
    # check_circular off: the model is a tree (and checking costs a set per container)
    return json.dumps(value, default=_default, ensure_ascii=False, check_circular=False, separators=(",", ":")).encode()


def allow(cls: type) -> None:
    """Let entries hold ``cls`` too (a dataclass of the layer that stores them: a folder's result)."""
    _CLASSES.setdefault(cls.__name__, cls)


def decode(data: bytes, expected: type) -> Any:
    """What :func:`encode` made, as an ``expected``; :class:`Undecodable` for anything else."""
    try:
        value = json.loads(data, object_hook=_hook)
    except Exception as exc:  # whatever a damaged or planted entry makes the decoding raise: a miss
        raise Undecodable(str(exc)) from exc
    if not isinstance(value, expected):
        raise Undecodable(f"not a {expected.__name__}")
    return value
