"""Drawn city pages and city files kept on disk by content: a warm build draws only the changed cities.

A city's page, feed and badges, and its parts of the full exports (``data/assessments.json`` and
``.csv``, written city by city) depend on nothing but that city's folder, the catalogue (in the
page's language), the drawing code and the site's settings (the build day among them). The
folder's content address from the store of checked folders (``validate/stored.py``) already
covers the folder's bytes, the catalogue with its translations, the validator and the day;
to it an output's address adds the code that draws (all of ``macros/``, with the message
catalogues), the settings, the language and the output's path. So a stored output is reused
only when drawing it again would give the same bytes; a build from a warm store is
byte-identical to a cold one (``tests/test_reuse.py``).

Pages are stored as their body and headings (:class:`RenderedPage`), not as the finished page:
the page shell around them (the theme's header, navigation and footer) is filled anew in every
build, so a change of the theme or the navigation never serves an old frame.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable
from pathlib import Path

from ..model.assessments import City, Registry
from ..site.pages import RenderedPage
from ..site.settings import SiteSettings
from ..store import ContentStore, address, code_version

# A city's part of a file written city by city: ``part(city, make)`` is ``make()`` or what it made last time.
Parts = Callable[[City, Callable[[], bytes]], bytes]

# Bump to drop every stored output by hand (the code hash catches code changes).
FORMAT = 1
# What draws: the whole package (drawing reads the model, the computations, the messages).
_CODE = (".",)


class Reuse:
    """The store of drawn outputs for one build (none with ``folder`` None): wraps the functions
    that draw a city's outputs, and prunes after the build."""

    def __init__(self, folder: Path | None, settings: SiteSettings) -> None:
        self.entries = ContentStore(folder) if folder is not None else None
        self.version = address(str(FORMAT), code_version(_CODE), repr(settings))
        self.keys: set[str] = set()  # every output this build addresses: what the prune keeps
        self.complete = True  # every city had an address (else a prune would drop what others use)

    def _key(self, city: str | None, language: str, path: str) -> str | None:
        if self.entries is None:
            return None
        if city is None:
            self.complete = False
            return None
        key = address(self.version, language, path, city)
        self.keys.add(key)
        return key

    def page(
        self, render: Callable[[], RenderedPage], *, city: str | None, language: str, path: str
    ) -> Callable[[], RenderedPage]:
        """``render``, or the body it drew last time from the city folder whose address is ``city``."""
        key = self._key(city, language, path)
        return render if key is None else functools.partial(self._page, key, render)

    def _page(self, key: str, render: Callable[[], RenderedPage]) -> RenderedPage:
        assert self.entries is not None
        data = self.entries.get(key)
        if data is not None:
            try:
                found = pickle.loads(data)
            except Exception:  # a damaged entry is a miss, never a failure
                found = None
            if isinstance(found, RenderedPage):
                return found
        rendered = render()
        self.entries.put(key, pickle.dumps(rendered, protocol=pickle.HIGHEST_PROTOCOL))
        return rendered

    def file(self, content: Callable[[], bytes], *, city: str | None, language: str, path: str) -> Callable[[], bytes]:
        """``content``, or the bytes it made last time from the city folder whose address is ``city``."""
        key = self._key(city, language, path)
        return content if key is None else functools.partial(self._file, key, content)

    def _file(self, key: str, content: Callable[[], bytes]) -> bytes:
        assert self.entries is not None
        data = self.entries.get(key)
        if data is None:
            data = content()
            self.entries.put(key, data)
        return data

    def parts(self, registry: Registry, path: str) -> Parts:
        """For a file written city by city (the full exports at ``path``): each city's part, as it
        was made from the same folder last time. The keys are made here, in the process that
        prunes after the build; the parts are made later, in a worker process."""
        keys = {slug: self._key(registry.addresses.get(slug), "", path) for slug in registry.cities}

        def part(city: City, make: Callable[[], bytes]) -> bytes:
            key = keys.get(city.slug)
            return make() if key is None else self._file(key, make)

        return part

    def prune(self) -> None:
        """After the build: drop the outputs of earlier generations of the data and code."""
        if self.entries is not None and self.complete:
            self.entries.prune(self.keys)
