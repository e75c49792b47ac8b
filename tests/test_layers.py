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
    (
        "macros.layout",
        "macros.diagnostics",
        "macros.workers",
        "macros.store",
        "macros.collector",
        "macros.memo",
    ),  # foundations
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


# The engine is a replaceable part: only its adapter (and the commands that start it) may know it.
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_macros", "jinja2")
ENGINE_ALLOWED = ("macros.plugin", "macros.commands")


def _engine_imports(path: Path) -> set[str]:
    """The engine's packages a file imports: import statements anywhere in it, and import_module or
    __import__ calls with a literal name (no way round the rule by spelling the import differently)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                names = [node.args[0].value]
        found.update(name for name in names if name.split(".")[0] in ENGINE_PACKAGES)
    return found


@pytest.mark.parametrize("module", sorted(m for m in _MODULES if m.split(".")[0] == "macros"))
def test_only_the_adapter_and_the_commands_know_the_engine(module: str) -> None:
    if module.startswith(ENGINE_ALLOWED):
        return
    engine = sorted(_engine_imports(_MODULES[module]))
    assert engine == [], f"{module} imports the site engine {engine}: only macros/plugin/ and macros/commands/ may"


def test_the_engine_rule_sees_every_spelling(tmp_path: Path) -> None:
    source = tmp_path / "probe.py"
    source.write_text(
        "import mkdocs.config\nfrom material.plugins import search\nimport importlib\n"
        "def f():\n    import jinja2\n    return importlib.import_module('mkdocs_macros.plugin')\n"
        "import yaml\nfrom . import material\n",
        encoding="utf-8",
    )
    assert _engine_imports(source) == {"mkdocs.config", "material.plugins", "jinja2", "mkdocs_macros.plugin"}
