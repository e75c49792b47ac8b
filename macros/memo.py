"""Bounded caches for markup a build draws again and again.

:class:`BoundedCache`, for a few values shown everywhere (links, a row's name, a level's chip, a table
of contents), and :class:`RecentCache`, for values shown a few times in a row (a city's charts in each
language).

A build holds a handful of distinct values per key shape, shown thousands of times; the bound only
stops a pathological site from growing memory without end: once full, new values are made and
returned but not kept (nothing is evicted, so what is kept stays cheap to keep). Keys are compared
as Python compares them: a plain ``str`` and an equal ``Untranslated`` are the same key, so a key
holding text that may be either says so with the text's type (:func:`typed`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_MISSING = object()


class BoundedCache(Generic[V]):
    __slots__ = ("_entries", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[Hashable, V] = {}

    def get(self, key: Hashable, make: Callable[..., V], *args: object) -> V:
        """The value kept for ``key``, else ``make(*args)`` (kept while there is room)."""
        entries = self._entries
        made = entries.get(key, _MISSING)
        if made is _MISSING:
            made = make(*args)
            if len(entries) < self.limit:
                entries[key] = made
        return made  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._entries)


class RecentCache(Generic[V]):
    """The values of the last ``limit`` keys asked for (the least recently used is dropped first): for
    what is asked for again soon or never, such as what a city's page in each language shares, drawn
    one after the other (``publish/output.py`` writes a city's pages together)."""

    __slots__ = ("_entries", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: dict[Hashable, V] = {}

    def get(self, key: Hashable, make: Callable[..., V], *args: object) -> V:
        """The value kept for ``key``, else ``make(*args)``, kept in place of the least recently used."""
        entries = self._entries
        made = entries.pop(key, _MISSING)
        if made is _MISSING:
            made = make(*args)
            if len(entries) >= self.limit:
                del entries[next(iter(entries))]
        entries[key] = made  # type: ignore[assignment]  # the most recent last
        return made  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._entries)


def held(
    cache: BoundedCache[tuple[object, Any]] | RecentCache[tuple[object, Any]],
    owner: object,
    key: tuple,
    make: Callable[..., V],
    *args: object,
) -> V:
    """``make(*args)``, kept in ``cache`` by ``owner``'s identity and ``key``: for what is worked out from
    an object that cannot be a key (a mutable dataclass). The entry holds ``owner``, so its id stays its
    own while kept, and a new object (a city's folder read again) gets new entries."""
    found, value = cache.get((id(owner), *key), _holding, owner, make, args)
    return value if found is owner else make(*args)


def _holding(owner: object, make: Callable[..., object], args: tuple) -> tuple[object, object]:
    return owner, make(*args)


def typed(*parts: object) -> tuple[object, ...]:
    """A key of ``parts`` and their types: ``Untranslated("Level")`` and ``"Level"`` differ."""
    return (*parts, *(type(part) for part in parts))
