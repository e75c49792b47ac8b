"""The full exports as compressed parts: ``data/assessments/part-NNN.json.gz`` and ``.csv.gz``, each
for up to :data:`PART_CITIES` cities in the registry's order, and ``data/assessments/index.json``,
which lists every part with its cities, size, SHA-256 and schema.

No file may be too large for a free static host (Cloudflare Pages refuses files over 25 MiB) or
for a reader to download on a whim, so the whole registry is never one file. A part is the same
document as the full export with a slice of the cities (it validates against the same schema), and
the CSV part is the same table's rows with its header. Gzip with the time stamp set to zero and no
file name: the same inputs give the same bytes. Each part is kept in the store by the addresses of
its cities' folders (``publish/reuse.py``), so a warm build compresses only the parts whose cities
changed, and a sync to object storage uploads only those.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from ..model.assessments import City, Registry
from ..model.catalogue import Catalogue
from ..site.downloads import Downloads, PartDownload
from ..site.pages import GeneratedFile
from ..workers import MIN_ITEMS_PER_WORKER, fork_map
from .assessments_export import write_assessments_csv, write_assessments_json
from .formats import ASSESSMENTS_CSV, ASSESSMENTS_JSON, ASSESSMENTS_SCHEMA, export_header, json_bytes
from .reuse import Parts, Reuse

PART_CITIES = 500  # cities per part: a few MB compressed (BENCHMARKS.md)
PARTS_DIR = "data/assessments/"
PARTS_INDEX = PARTS_DIR + "index.json"
PARTS_SCHEMA = "schemas/assessments-parts.schema.json"
PARTS_FORMAT = "mmssc-assessments-parts"
GZIP_LEVEL = 6  # level 9 saves little for much more time (BENCHMARKS.md)
PARALLEL_FROM = 2 * MIN_ITEMS_PER_WORKER  # cities from which the files are made on all cores


def part_path(number: int, kind: str) -> str:
    return f"{PARTS_DIR}part-{number:03d}.{kind}.gz"


def gzipped(write: Callable[[BinaryIO], None]) -> bytes:
    """What ``write`` writes, gzip-compressed reproducibly (mtime 0, no file name)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=GZIP_LEVEL, mtime=0) as out:
        write(cast(BinaryIO, out))
    return buffer.getvalue()


class Made:
    """A shared file's bytes, made once per process (on demand, or by :meth:`BulkExport.make_all`)."""

    def __init__(self, make: Callable[[], bytes], *, from_parts: bool = False) -> None:
        self.make = make
        self.value: bytes | None = None
        self.from_parts = from_parts  # made from the parts' bytes (their index): only once they are made

    def __call__(self) -> bytes:
        if self.value is None:
            self.value = self.make()
        return self.value


def _call(make: Callable[[], bytes]) -> bytes:
    return make()


@dataclass
class Part:
    number: int
    kind: str  # "json" or "csv"
    cities: list[City]
    key: str | None  # its address in the store of city outputs

    @property
    def path(self) -> str:
        return part_path(self.number, self.kind)


class BulkExport:
    """The parts of the full exports of one build, made once per process and shared by the files
    that hold them, the index and the open-data page (which says how big each one is)."""

    def __init__(
        self,
        catalogue: Catalogue,
        registry: Registry,
        root: Path,
        *,
        site_url: str | None,
        built: dt.date,
        reuse: Reuse | None = None,
    ) -> None:
        self.catalogue, self.registry, self.root = catalogue, registry, root
        self.site_url, self.built, self.reuse = site_url, built, reuse
        cities = list(registry.cities.values())
        groups = [cities[at : at + PART_CITIES] for at in range(0, len(cities), PART_CITIES)] or [[]]
        # each city's part of a full export, kept by content (the keys are made now, before any worker)
        self.city_parts: dict[str, Parts | None] = {
            kind: reuse.parts(registry, path) if reuse is not None else None
            for kind, path in (("json", ASSESSMENTS_JSON), ("csv", ASSESSMENTS_CSV))
        }
        self.parts = [
            Part(number, kind, group, self._key(group, part_path(number, kind)))
            for number, group in enumerate(groups, start=1)
            for kind in ("json", "csv")
        ]
        self._made: dict[str, bytes] = {}

    def _key(self, group: list[City], path: str) -> str | None:
        if self.reuse is None:
            return None
        return self.reuse.group_key([self.registry.addresses.get(city.slug) for city in group], path)

    def _make(self, part: Part) -> bytes:
        c, registry = self.catalogue, Registry({city.slug: city for city in part.cities})
        if part.kind == "json":
            return gzipped(
                lambda out: write_assessments_json(
                    out, c, registry, self.root, site_url=self.site_url, built=self.built, parts=self.city_parts["json"]
                )
            )
        return gzipped(lambda out: write_assessments_csv(out, c, registry, self.city_parts["csv"]))

    def data(self, part: Part) -> bytes:
        """A part's bytes: made once in this process, or read from the store."""
        made = self._made.get(part.path)
        if made is None:
            entries = self.reuse.entries if self.reuse is not None else None
            made = entries.get(part.key) if entries is not None and part.key is not None else None
            if made is None:
                made = self._make(part)
                if entries is not None and part.key is not None:
                    entries.put(part.key, made)
            self._made[part.path] = made
        return made

    def make_all(self, shared: list[Made]) -> None:
        """Every part and every ``shared`` file not made yet, on all cores (the open-data page measures
        them all before anything else is written), then the files made from the parts' bytes, here: a
        worker would make every part again to hash it."""
        parts = [part for part in self.parts if part.path not in self._made]
        files = [made for made in shared if made.value is None and not made.from_parts]
        jobs = [functools.partial(self.data, part) for part in parts] + [made.make for made in files]
        if len(self.registry.cities) >= PARALLEL_FROM:
            results = list(fork_map(_call, jobs, chunk=1, per_worker=1))
        else:
            results = list(map(_call, jobs))
        for part, data in zip(parts, results[: len(parts)], strict=True):
            self._made[part.path] = data  # a worker kept it in the store already, if there is one
        for made, data in zip(files, results[len(parts) :], strict=True):
            made.value = data
        for made in shared:
            made()  # the files made from the parts' bytes

    def index_data(self) -> dict:
        document = export_header(PARTS_FORMAT, PARTS_SCHEMA, self.built, self.site_url)
        if not self.site_url:
            document["$schema"] = "../../" + PARTS_SCHEMA
        document["part_cities"] = PART_CITIES
        document["parts"] = [
            {
                "path": part.path,
                "format": part.kind,
                "compression": "gzip",
                "cities": len(part.cities),
                "first": part.cities[0].slug if part.cities else None,
                "last": part.cities[-1].slug if part.cities else None,
                "bytes": len(self.data(part)),
                "sha256": hashlib.sha256(self.data(part)).hexdigest(),
                "schema": ASSESSMENTS_SCHEMA if part.kind == "json" else None,
            }
            for part in self.parts
        ]
        return document

    def files(self) -> list[GeneratedFile]:
        files = [
            GeneratedFile(part.path, lambda part=part: self.data(part), key=part.key)  # type: ignore[misc]
            for part in self.parts
        ]
        files.append(GeneratedFile(PARTS_INDEX, lambda: json_bytes(self.index_data())))
        return files

    def downloads(self, files: list[GeneratedFile]) -> Downloads:
        """What the open-data page says about ``files`` (the shared ones) and the parts."""
        # each shared file's size, for every language's open-data page: the file is made once per process
        # and its bytes kept, then written from them (Downloads.measure)
        sizes: dict[str, Callable[[], int]] = {}
        shared: list[Made] = []
        part_paths = {part.path for part in self.parts}  # kept by this export (without a store, they have no key)
        for file in files:
            if file.key is None and file.path not in part_paths:
                make = GeneratedFile(file.path, file.content, file.writer).data
                made = Made(make, from_parts=file.path == PARTS_INDEX)
                shared.append(made)
                file.content, file.writer = made, None
                sizes[file.path] = functools.cache(lambda made=made: len(made()))
        by_number: dict[int, dict[str, Part]] = {}
        for part in self.parts:
            by_number.setdefault(part.number, {})[part.kind] = part
        parts = [
            PartDownload(
                kinds["json"].path,
                kinds["csv"].path,
                len(kinds["json"].cities),
                kinds["json"].cities[0].name if kinds["json"].cities else "",
                kinds["json"].cities[-1].name if kinds["json"].cities else "",
                lambda part=kinds["json"]: len(self.data(part)),  # type: ignore[misc]
                lambda part=kinds["csv"]: len(self.data(part)),  # type: ignore[misc]
            )
            for _, kinds in sorted(by_number.items())
        ]
        return Downloads(sizes, parts, functools.partial(self.make_all, shared))
