"""Refuse a checkout that tracks what .gitignore covers: ``python3 tools/tracked_ignored.py [PATH…]``.

``.cache/`` (the store of checked and drawn cities), ``.venv/``, ``site/`` and the rest are made by
the build and never reviewed as code: a pull request that force-adds a file there (``git add -f``)
plants what a later build would run or publish (a store entry, a ``.venv/bin/python``). CI and the
Makefile run this first, before anything from the checkout is trusted; it prints each such file
and exits 1. Only the standard library and ``git``: it runs before ``.venv`` exists.

With PATHs, only tracked files under them are looked at (the Makefile asks about ``.venv``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tracked_ignored(root: Path, paths: list[str] | None = None) -> list[str] | None:
    """The tracked files that the ignore rules cover (under ``paths`` if given); None outside a git
    checkout (a source archive has nothing tracked)."""
    # safe.directory: a checkout made by another user (a CI container's) is only read here
    command = ["git", "-c", "safe.directory=*", "-C", str(root), "ls-files", "-z", "--cached", "--ignored"]
    try:
        result = subprocess.run([*command, "--exclude-standard", "--", *(paths or [])], capture_output=True)
    except FileNotFoundError:  # no git at all: nothing can be tracked
        return None
    if result.returncode != 0:
        if (root / ".git").exists():  # a checkout that cannot be read is not a clean one
            raise RuntimeError(result.stderr.decode("utf-8", "replace").strip())
        return None
    return sorted(name.decode("utf-8", "replace") for name in result.stdout.split(b"\0") if name)


def main(argv: list[str] | None = None) -> int:
    paths = list(sys.argv[1:] if argv is None else argv)
    try:
        found = tracked_ignored(ROOT, paths)
    except RuntimeError as exc:
        print(f"error: cannot list the checkout's tracked files: {exc}", file=sys.stderr)
        return 2
    if not found:
        return 0
    print(
        f"error: {len(found)} tracked file(s) that .gitignore covers: they are made by the build, never reviewed "
        "as code, and would be run or published as they are. Remove them (git rm --cached FILE):",
        file=sys.stderr,
    )
    for name in found:
        print(f"  {name!r}" if not name.isprintable() else f"  {name}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
