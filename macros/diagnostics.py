"""Diagnostics: every problem found in the data, reported as ``path:line:col: severity: message``.

Validation never stops at the first problem: each check records a :class:`Diagnostic`
in a :class:`Report`, and the caller decides (after everything has been read) whether
the run failed. Lines and columns are 1-based, as editors and GitHub annotations expect.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def format(self) -> str:
        # Values quoted from the data may hold newlines, tabs or invisible characters: escape
        # them, so one diagnostic is always one printable line (annotations, terminals, logs).
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.severity.value}: {printable(self.message)}"


@dataclass
class Report:
    """Collects diagnostics from every file of one run."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    error_count: int = 0  # kept up to date so that checking for new errors costs nothing

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, col, Severity.ERROR, message))
        self.error_count += 1

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(path, line, col, Severity.WARNING, message))

    def extend(self, other: Report) -> None:
        self.add(other.diagnostics)

    def add(self, diagnostics: list[Diagnostic]) -> None:
        """Diagnostics collected elsewhere (another report, a worker process)."""
        self.diagnostics.extend(diagnostics)
        self.error_count += sum(d.severity is Severity.ERROR for d in diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics)

    def format(self) -> str:
        return "\n".join(d.format() for d in self.sorted())


def printable(text: str) -> str:
    """Text with every non-printable character (controls, invisible and direction marks) escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def shown_path(path: Path, display_root: Path) -> str:
    """A file as diagnostics name it: relative to ``display_root`` when inside it, controls escaped."""
    try:
        shown = path.relative_to(display_root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return printable(shown)


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean "x"?)' hint for a typo, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def one_of(choices: Iterable[str]) -> str:
    """Human list of allowed values: '"a", "b" or "c"'."""
    quoted = [f'"{c}"' for c in choices]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
