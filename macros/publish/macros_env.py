"""Variables and macros offered to hand-written pages (``render_macros: true`` in their front matter)."""

from __future__ import annotations

from pathlib import Path

from ..render.html import Markup, tag
from .project import DataError, load_catalogue_only


def register(env, root: Path) -> None:
    try:
        catalogue = load_catalogue_only(root)  # the assessments are checked once, by the build hook
    except DataError:
        return  # the build hook reports every error and stops the build

    env.variables["mmssc_counts"] = {
        "dimensions": len(catalogue.dimensions),
        "subdimensions": len(catalogue.subdimensions),
        "characteristics": len(catalogue.characteristics),
        "criteria": sum(len(c.criteria) for c in catalogue.characteristics.values()),
        "standards": len(catalogue.references.standards) if catalogue.references else 0,
    }

    @env.macro
    def level_names() -> Markup:
        """The five levels, as an ordered list (for prose pages)."""
        return tag("ol", [tag("li", lvl.name) for lvl in catalogue.levels.values()])
