"""What the hand-written pages' macros show (``render_macros: true`` in their front matter), as plain
functions of the data. The engine's macros plugin is wired to them by ``define_env``
(``macros/__init__.py``), the only module that knows its API."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model.catalogue import Catalogue
from ..render.html import Markup, tag


@dataclass(frozen=True)
class ProseData:
    """What the prose pages' macros are given by the ``mmssc`` plugin."""

    catalogue: Catalogue  # the default language's
    # the catalogue in the language of the page with this source path (asked while pages render)
    catalogue_of: Callable[[str], Catalogue]


def counts(catalogue: Catalogue) -> dict[str, int]:
    """The catalogue's figures (``{{ mmssc_counts.dimensions }}``…)."""
    return {
        "dimensions": len(catalogue.dimensions),
        "subdimensions": len(catalogue.subdimensions),
        "characteristics": len(catalogue.characteristics),
        "criteria": sum(len(c.criteria) for c in catalogue.characteristics.values()),
        "standards": len(catalogue.references.standards),
    }


def level_list(catalogue: Catalogue) -> Markup:
    """The five levels, as an ordered list (``{{ level_names() }}``), in the catalogue's language."""
    return tag("ol", [tag("li", lvl.name) for lvl in catalogue.levels.values()])
