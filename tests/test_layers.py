"""The package's layers point one way and its modules import each other without cycles.

Read from the source (every ``import`` statement, also those inside functions), so a new
module is checked the day it is written."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# Each layer may import from its own layer and those before it, never from a later one.
LAYERS: list[tuple[str, ...]] = [
    ("macros.layout", "macros.diagnostics", "macros.workers", "macros.store", "macros.collector"),  # foundations
    ("macros.model",),  # dataclasses of the catalogue and the assessments
    ("macros.load",),  # bytes → YAML nodes with positions
    ("macros.validate",),  # nodes → model objects, with diagnostics
    ("macros.compute",),  # derived figures
    ("macros.site",),  # URLs, page types, build settings
    ("macros.render",),  # escaped HTML
    ("macros.publish",),  # which pages and files exist
    ("macros.plugin", "macros.commands", "macros"),  # the MkDocs adapter, the command line, define_env
    ("tools",),  # benchmark and sample data: outside the domain
]


def _layer_of(module: str) -> int:
    best, rank = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    if rank < 0:
        raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")
    return rank


def _modules() -> dict[str, Path]:
    found = {}
    for package in ("macros", "tools"):
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    """Every project module ``module`` imports (``from x import y`` counts y when y is a module)."""
    is_package = path.name == "__init__.py"
    package = module if is_package else module.rpartition(".")[0]
    known = _MODULES
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name.split(".")[0] in ("macros", "tools"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] not in ("macros", "tools"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
    out.discard(module)
    return out


_MODULES = _modules()
GRAPH = {module: _imports(module, path) for module, path in _MODULES.items()}


def test_every_module_is_in_a_layer() -> None:
    assert len(_MODULES) > 40
    for module in _MODULES:
        _layer_of(module)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_a_later_layer(module: str) -> None:
    upward = sorted(t for t in GRAPH[module] if _layer_of(t) > _layer_of(module))
    assert upward == [], f"{module} (layer {_layer_of(module)}) imports a later layer: {upward}"


def test_no_import_cycles() -> None:
    # a package's __init__ re-exporting its own modules is not a cycle of the design
    graph = {m: {t for t in targets if not m.startswith(t + ".")} for m, targets in GRAPH.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append(path[path.index(target) :] + [target] if target in path else [node, target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_checker_sees_an_upward_import() -> None:
    """The rule is real: render importing publish would be caught."""
    assert _layer_of("macros.render.city_pages") < _layer_of("macros.publish.plan")
    assert "macros.site.urls" in GRAPH["macros.render.links"]
