"""Drawn city pages and city files kept on disk by content: a warm build draws only the changed cities.

A city's page, feed and badges, and its rows of the full exports (JSON and CSV, written city by
city, in parts: ``publish/bulk_parts.py``) depend on nothing but that city's folder, the catalogue (in the
page's language), the drawing code and the site's settings (the build day among them). The
folder's content address from the store of checked folders (``validate/stored.py``) already
covers the folder's bytes, the catalogue with its translations, the validator and the day;
to it an output's address adds the code that draws (all of ``macros/``, with the message
catalogues), the settings, the language and the output's path; a city page's also adds the
page shell it is filled into (``publish/shell.py``: the theme's header, navigation and
footer). So a stored output is reused only when drawing it again would give the same bytes;
a build from a warm store is byte-identical to a cold one (``tests/test_reuse.py``).

The plan gives each such page and file its address (``key``); ``publish/output.py`` writes a
keyed file into the store and links it into the site, or only links it when the store has it.
A hard link costs no copy and no new file: creating thousands of files is what a warm build's
writing would otherwise spend its time on. The store's entries are read-only, so a tool that
writes into the built site in place cannot change them (``output.py`` and the plugin replace
a linked file rather than write through it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..model.assessments import City, Registry
from ..site.settings import SiteSettings
from ..store import ContentStore, address, code_version

# A city's part of a file written city by city: ``part(city, make)`` is ``make()`` or what it made last time.
Parts = Callable[[City, Callable[[], bytes]], bytes]

# Bump to drop every stored output by hand (the code hash catches code changes).
FORMAT = 2
# What draws: the whole package (drawing reads the model, the computations, the messages).
_CODE = (".",)


class Reuse:
    """The addresses of one build's city outputs, and their store (none with ``folder`` None).

    Every address is made in the build's own process, when the site is planned (or, for a city
    page, when its shell is cut): the prune after the build keeps exactly those, while the
    outputs themselves are written in worker processes."""

    def __init__(self, folder: Path | None, settings: SiteSettings) -> None:
        self.entries = ContentStore(folder) if folder is not None else None
        self.version = address(str(FORMAT), code_version(_CODE), repr(settings))
        self.keys: set[str] = set()  # every output this build addresses: what the prune keeps
        self.complete = True  # every city had an address (else a prune would drop what others use)

    def key(self, city: str | None, language: str, path: str) -> str | None:
        """The address of what is drawn at ``path`` in ``language`` from the city folder whose
        address is ``city`` (None without a store, or for a folder with no address)."""
        if self.entries is None:
            return None
        if city is None:
            self.complete = False
            return None
        key = address(self.version, language, path, city)
        self.keys.add(key)
        return key

    def group_key(self, cities: list[str | None], path: str) -> str | None:
        """The address of a file made from several city folders (a part of the full exports): the
        addresses of all of them, in order (None without a store, or if one has no address)."""
        if self.entries is None:
            return None
        if any(city is None for city in cities):
            self.complete = False
            return None
        key = address(self.version, "", path, *(city for city in cities if city is not None))
        self.keys.add(key)
        return key

    def derive(self, key: str, *parts: str) -> str:
        """The address of what ``key``'s output becomes with ``parts`` (a city page in its shell)."""
        derived = address(key, *parts)
        self.keys.add(derived)
        return derived

    def parts(self, registry: Registry, path: str) -> Parts:
        """For a file written city by city (the full exports at ``path``): each city's part, as it
        was made from the same folder last time."""
        keys = {slug: self.key(registry.addresses.get(slug), "", path) for slug in registry.cities}
        entries = self.entries

        def part(city: City, make: Callable[[], bytes]) -> bytes:
            key = keys.get(city.slug)
            if key is None or entries is None:
                return make()
            data = entries.get(key)
            if data is None:
                data = make()
                entries.put(key, data)
            return data

        return part

    def prune(self) -> None:
        """After the build: drop the outputs of earlier generations of the data and code."""
        if self.entries is not None and self.complete:
            self.entries.prune(self.keys)
