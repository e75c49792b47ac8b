"""What the open-data page says about the downloads: each file's size, and the parts of the full
exports, measured on demand from the files the build makes (``publish/bulk_parts.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PartDownload:
    """One part of the full exports: its JSON and CSV files and the cities they hold."""

    json_path: str
    csv_path: str
    cities: int
    first: str  # the first and last cities' names
    last: str
    json_size: Callable[[], int]
    csv_size: Callable[[], int]


@dataclass(frozen=True)
class Downloads:
    sizes: dict[str, Callable[[], int]] = field(default_factory=dict)  # by path: the file's bytes
    parts: list[PartDownload] = field(default_factory=list)
    make: Callable[[], None] = lambda: None  # makes every file measured here, on all cores

    def measure(self) -> None:
        """Work out every size now. Each file is made once per process and kept: measured before the
        data files are written beside the engine (``workers.in_background``), the writer inherits the
        bytes instead of making every file a second time."""
        self.make()
        for size in self.sizes.values():
            size()
        for part in self.parts:
            part.json_size()
            part.csv_size()
