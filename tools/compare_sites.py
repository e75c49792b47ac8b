"""``python -m tools.compare_sites A B``: are two built sites the same, apart from the engine's name?

Two builds of one project by two engines (MkDocs and ProperDocs: ``make compare-engines``) must hold
the same files, byte for byte, except that each HTML page names its generator
(``<meta name="generator" content="mkdocs-1.6.1, …">``). Prints every file found in one site only and
every file that differs (with its first differing line), then each site's generator and one summary
line; exits 1 on any difference, 0 when the sites agree. With ``--other-engine``, also 1 when both
name the same generator (the second build was not made by another engine: the check proved nothing).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The theme writes the engine's name and version here (Material: "mkdocs-{{ mkdocs_version }}, mkdocs-material-…").
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
_NEUTRAL = b'<meta name="generator" content="">'


@dataclass
class Comparison:
    compared: int = 0
    only_in_first: list[str] = field(default_factory=list)
    only_in_second: list[str] = field(default_factory=list)
    differing: dict[str, str] = field(default_factory=dict)  # path → where it first differs
    generator_only: int = 0  # files equal once the generator's name is left out

    @property
    def same(self) -> bool:
        return not (self.only_in_first or self.only_in_second or self.differing)

    def report(self) -> str:
        lines = [f"only in the first site: {path}" for path in self.only_in_first]
        lines += [f"only in the second site: {path}" for path in self.only_in_second]
        lines += [f"differs: {path}: {where}" for path, where in self.differing.items()]
        verdict = (
            "the same files, identical apart from the generator's name"
            if self.same
            else f"{len(self.only_in_first) + len(self.only_in_second)} file(s) in one site only, "
            f"{len(self.differing)} differing"
        )
        lines.append(
            f"{self.compared} files compared ({self.generator_only} differ only in the generator's name): {verdict}"
        )
        return "\n".join(lines)


def neutral(path: Path, data: bytes) -> bytes:
    """The file's bytes without the generator's name (HTML pages only)."""
    return _GENERATOR.sub(_NEUTRAL, data) if path.suffix == ".html" else data


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _first_difference(a: bytes, b: bytes) -> str:
    lines_a, lines_b = a.splitlines(), b.splitlines()
    for number, (line_a, line_b) in enumerate(zip(lines_a, lines_b, strict=False), start=1):
        if line_a != line_b:
            pairs = enumerate(zip(line_a, line_b, strict=False))
            at = next((i for i, (x, y) in pairs if x != y), min(len(line_a), len(line_b)))
            return f"line {number}: {line_a[max(0, at - 40) : at + 60]!r} / {line_b[max(0, at - 40) : at + 60]!r}"
    return f"{len(lines_a)} lines / {len(lines_b)} lines"


def compare(first: Path, second: Path) -> Comparison:
    out = Comparison()
    files_a, files_b = _files(first), _files(second)
    out.only_in_first = sorted(files_a - files_b)
    out.only_in_second = sorted(files_b - files_a)
    for name in sorted(files_a & files_b):
        out.compared += 1
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if a == b:
            continue
        plain_a, plain_b = neutral(Path(name), a), neutral(Path(name), b)
        if plain_a == plain_b:
            out.generator_only += 1
        else:
            out.differing[name] = _first_difference(plain_a, plain_b)
    return out


def generator(site: Path) -> str:
    """The generator the site's home page names."""
    found = re.search(rb'<meta name="generator" content="([^"]*)">', (site / "index.html").read_bytes())
    return found.group(1).decode() if found else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.compare_sites", description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path, help="a built site (e.g. by MkDocs)")
    parser.add_argument("second", type=Path, help="the same project built otherwise (e.g. by ProperDocs)")
    parser.add_argument("--other-engine", action="store_true", help="fail when both sites name the same generator")
    args = parser.parse_args(argv)
    for site in (args.first, args.second):
        if not (site / "index.html").is_file():
            print(f"{site}: not a built site (no index.html)", file=sys.stderr)
            return 2
    result = compare(args.first, args.second)
    generators = generator(args.first), generator(args.second)
    print(result.report())
    print(f"generators: {generators[0]!r} / {generators[1]!r}")
    if args.other_engine and generators[0] == generators[1]:
        print("both sites name the same generator: the second was not built by another engine", file=sys.stderr)
        return 1
    return 0 if result.same else 1


if __name__ == "__main__":
    sys.exit(main())
