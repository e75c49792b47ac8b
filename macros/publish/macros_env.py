"""Variables and macros offered to hand-written pages (``render_macros: true`` in their front matter)."""

from __future__ import annotations

from typing import Any

from ..model.catalogue import Catalogue
from ..render.html import Markup, tag


def register(env: Any, catalogue: Catalogue | None) -> None:
    """Give mkdocs-macros' ``env`` the catalogue's figures; ``None`` when the data has errors
    (the plugin reports every one of them and stops the build)."""
    if catalogue is None:
        return
    env.variables["mmssc_counts"] = {
        "dimensions": len(catalogue.dimensions),
        "subdimensions": len(catalogue.subdimensions),
        "characteristics": len(catalogue.characteristics),
        "criteria": sum(len(c.criteria) for c in catalogue.characteristics.values()),
        "standards": len(catalogue.references.standards),
    }

    @env.macro
    def level_names() -> Markup:
        """The five levels, as an ordered list (for prose pages)."""
        return tag("ol", [tag("li", lvl.name) for lvl in catalogue.levels.values()])
