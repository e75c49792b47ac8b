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
        """The five levels, as an ordered list (for prose pages), in the language of the page."""
        levels = page_catalogue(env, catalogue).levels
        return tag("ol", [tag("li", lvl.name) for lvl in levels.values()])


def page_catalogue(env: Any, default: Catalogue) -> Catalogue:
    """The catalogue in the language of the page mkdocs-macros is rendering (``env.page``).

    A page under a language's prefix (``fr/index.md``) gets that language's catalogue (the plugin's
    ``catalogues``, localised: untranslated names stay marked English); the default language, a page
    copied in English into another language (its content is marked ``lang="en"``), and anything the
    plugin cannot tell get ``default``."""
    plugin = env.conf.plugins.get("mmssc")
    catalogues: dict[str, Catalogue] = getattr(plugin, "catalogues", None) or {}
    editions = getattr(plugin, "editions", None)
    try:
        src_uri: str = env.page.file.src_uri
    except AttributeError:
        return default
    if editions is None or src_uri in editions.fallbacks:
        return default
    return catalogues.get(editions.of(src_uri).code, default)
