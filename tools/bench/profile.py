"""One build under cProfile, in one process: top functions, time by area and by phase."""

from __future__ import annotations

import pstats
import shutil
from dataclasses import dataclass
from pathlib import Path

from macros import workers

from .run import ROOT, _log, _require, make_project, run_build

# ---------------------------------------------------------------------------------------------
# Profile.

AREAS = (  # (label, test on the profiled file name), first match wins
    ("our code (macros/)", lambda f: "/macros/" in f and "site-packages" not in f),
    ("Material search plugin", lambda f: "/material/plugins/search/" in f),
    ("other Material plugins", lambda f: "/material/plugins/" in f),
    (
        "theme templates (Jinja, compiled)",
        lambda f: f.endswith((".html", ".xml", ".js")) or "/material/templates/" in f,
    ),
    ("MkDocs search plugin", lambda f: "/mkdocs/contrib/search/" in f),
    ("MkDocs", lambda f: "/mkdocs/" in f),
    ("Material (Python)", lambda f: "/material/" in f),
    ("mkdocs-macros", lambda f: "/mkdocs_macros/" in f),
    ("Markdown + extensions", lambda f: "/markdown/" in f or "/pymdownx/" in f),
    ("Jinja2", lambda f: "/jinja2/" in f),
    ("MarkupSafe", lambda f: "/markupsafe/" in f),
    ("PyYAML", lambda f: "/yaml/" in f),
    ("Babel", lambda f: "/babel/" in f),
    ("pycountry", lambda f: "/pycountry/" in f),
    ("other packages", lambda f: "site-packages" in f),
    ("C functions and builtins (re, str, I/O…)", lambda f: f == "~"),
)

# Where the time goes, by phase: cumulative time of these functions (file suffix, function name).
PHASES = (
    ("our plugin's on_config: load and validate the data, plan the pages", "macros/plugin/plugin.py", "on_config"),
    (
        "load_project (the validator), in whichever of define_env and on_config runs first",
        "macros/publish/project.py",
        "load_project",
    ),
    ("our plugin's on_files: virtual pages and generated files", "macros/plugin/plugin.py", "on_files"),
    ("our plugin's on_page_context: generated pages' HTML", "macros/plugin/plugin.py", "on_page_context"),
    ("our plugin's on_post_page: the shared city page shell cut out", "macros/plugin/plugin.py", "on_post_page"),
    (
        "our plugin's on_post_build: city pages (shared shell) and data files (exports, feeds, badges)",
        "macros/plugin/plugin.py",
        "on_post_build",
    ),
    ("mkdocs-macros on_config (define_env)", "mkdocs_macros/plugin.py", "on_config"),
    ("mkdocs-macros on_page_markdown", "mkdocs_macros/plugin.py", "on_page_markdown"),
    ("navigation (get_navigation)", "mkdocs/structure/nav.py", "get_navigation"),
    ("every page: _build_page (Markdown, hooks, search, template)", "mkdocs/commands/build.py", "_build_page"),
    ("  Markdown to HTML (Page.render)", "mkdocs/structure/pages.py", "render"),
    (
        "  search index entries (Material search on_page_context)",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    ("  theme template (Template.render)", "jinja2/environment.py", "render"),
    ("search index written (on_post_build)", "material/plugins/search/plugin.py", "on_post_build"),
    ("sitemap.xml and 404 (_build_theme_template)", "mkdocs/commands/build.py", "_build_theme_template"),
    ("copy theme and static files (copy_static_files)", "mkdocs/structure/files.py", "copy_static_files"),
)
# Frames that only wrap the whole run (interpreter, click): left out of the top functions.
_WRAPPERS = ("<frozen runpy>", "/click/", "<string>", "mkdocs/__main__.py")


def _short(filename: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3"):
        if marker in filename:
            return (
                filename.split(marker, 1)[1]
                if marker != "/lib/python3"
                else "stdlib/" + filename.split(marker, 1)[1].split("/", 1)[-1]
            )
    return filename


@dataclass
class Profile:
    cities: int
    total: float  # the profiled build's wall time (profiling slows it down)
    top: list[tuple[str, int, float, float]]  # function, calls, own time, cumulative time
    areas: list[tuple[str, float]]
    phases: list[tuple[str, float]]
    profiled_total: float  # total own time recorded by the profiler


def profile(cities: int, *, seed: int, workdir: Path, top: int = 25) -> Profile:
    project = workdir / f"profile-{cities}"
    make_project(project, cities, seed)
    out = workdir / f"profile-{cities}.prof"
    _log(f"[profile, {cities} cities] building under cProfile, in one process…")
    run = _require(run_build(project, profile_to=out, env={workers.ENV_VAR: "1"}), f"{cities}-city profiled")
    stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    entries = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in raw.items():
        label = f"{name}" if filename == "~" else f"{_short(filename)}:{line}({name})"
        entries.append((label, calls, own, cumulative, filename, name))
    entries.sort(key=lambda e: e[3], reverse=True)
    shown = [e for e in entries if not any(w in e[4] for w in _WRAPPERS) and e[5] != "<built-in method builtins.exec>"]
    areas: dict[str, float] = {}
    for _label, _calls, own, _cum, filename, _name in entries:
        area = next((label for label, test in AREAS if test(filename)), "Python standard library and other")
        if filename.startswith("<frozen "):  # posixpath, os, codecs… are frozen into the interpreter
            area = f"stdlib: {filename[len('<frozen ') :].rstrip('>')}"
        elif area == "Python standard library and other" and "/lib/python3" in filename:
            module = (
                filename.split("/lib/python3", 1)[1].split("/", 1)[-1].removesuffix(".py").removesuffix("/__init__")
            )
            area = f"stdlib: {module.replace('/', '.')}"
        areas[area] = areas.get(area, 0.0) + own
    phases = []
    for label, suffix, name in PHASES:
        cumulative = max(
            (e[3] for e in entries if e[4].endswith(suffix) and (e[5] == name or e[5].endswith("." + name))),
            default=None,
        )
        if cumulative is not None:
            phases.append((label, cumulative))
    shutil.rmtree(project)
    return Profile(
        cities,
        run.seconds,
        [(e[0], e[1], e[2], e[3]) for e in shown[:top]],
        sorted(areas.items(), key=lambda kv: kv[1], reverse=True),
        phases,
        sum(areas.values()),
    )


def format_profile(p: Profile) -> str:
    lines = [
        f"Profile of one build with {p.cities:,} cities: {p.total:.1f} s under cProfile "
        f"({p.profiled_total:.1f} s of profiled time).",
        "",
        f"Top {len(p.top)} functions by cumulative time:",
        "",
        "| cumulative (s) | own (s) | calls | function |",
        "|---:|---:|---:|---|",
    ]
    lines += [f"| {cum:.2f} | {own:.2f} | {calls:,} | `{label}` |" for label, calls, own, cum in p.top]
    lines += [
        "",
        "Own time by area (where the CPU actually goes):",
        "",
        "| area | own time (s) | share |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {area} | {own:.2f} | {own / p.profiled_total:.0%} |"
        for area, own in p.areas
        if own >= 0.005 * p.profiled_total
    ]
    lines += [
        "",
        "Phases (cumulative time of the function named; phases overlap):",
        "",
        "| phase | cumulative (s) |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {cum:.2f} |" for label, cum in p.phases]
    return "\n".join(lines)
