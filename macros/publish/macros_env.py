"""Variables and macros offered to hand-written pages (``render_macros: true`` in their front matter)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.catalogue import Catalogue
from ..render.html import Markup, tag


@dataclass(frozen=True)
class ProseData:
    """What the prose pages' macros are given by the ``mmssc`` plugin."""

    catalogue: Catalogue  # the default language's
    # the catalogue in the language of the page with this source path (asked while pages render)
    catalogue_of: Callable[[str], Catalogue]


def register(env: Any, data: ProseData | None) -> None:
    """Give mkdocs-macros' ``env`` the catalogue's figures; ``None`` when the data has errors
    (the plugin reports every one of them and stops the build)."""
    if data is None:
        return
    catalogue = data.catalogue
    env.variables["mmssc_counts"] = {
        "dimensions": len(catalogue.dimensions),
        "subdimensions": len(catalogue.subdimensions),
        "characteristics": len(catalogue.characteristics),
        "criteria": sum(len(c.criteria) for c in catalogue.characteristics.values()),
        "standards": len(catalogue.references.standards),
    }

    @env.macro
    def level_names() -> Markup:
        """The five levels, as an ordered list (for prose pages), in the language of the page."""
        levels = page_catalogue(env, data).levels
        return tag("ol", [tag("li", lvl.name) for lvl in levels.values()])


def page_catalogue(env: Any, data: ProseData) -> Catalogue:
    """The catalogue in the language of the page mkdocs-macros is rendering (``env.page``); the
    default language's when there is no page."""
    try:
        src_uri: str = env.page.file.src_uri
    except AttributeError:
        return data.catalogue
    return data.catalogue_of(src_uri)
