"""MMSSC catalogue and city assessments: the domain package behind the site.

Layers, each importing only from those before it (``tests/test_layers.py`` holds to it):
foundations (``layout``, ``diagnostics``, ``workers``, ``store``, ``collector``, ``memo``) →
``model`` (dataclasses) → ``load`` (YAML → positioned nodes) → ``validate`` (nodes → model
objects, ``path:line:col`` diagnostics) → ``compute`` (derived figures) → ``site`` (URLs, page
types, settings) → ``render`` (escaped HTML) → ``publish`` (which pages and files exist) →
``plugin`` (the MkDocs adapter) and ``commands`` (the command-line tools).

The public surface: the ``mmssc`` MkDocs plugin (entry point ``macros.plugin:MmsscPlugin``) and
:func:`define_env` for mkdocs-macros (``module_name: macros`` in mkdocs.yml).
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros entry point: variables and macros for the hand-written pages in ``docs/``.

    Macros return HTML built from escaped values; only pages that opt in with
    ``render_macros: true`` are rendered by Jinja, and generated pages never are. The data
    comes from the ``mmssc`` plugin, listed before ``macros`` so that it has loaded it: the plugin
    hands it over (``prose_data``), nothing reads the plugin's attributes. This is the only module
    that knows mkdocs-macros' ``env``; what the macros show is ``publish/prose_macros.py``'s."""
    from .publish.prose_macros import counts, level_list
    from .render.html import Markup

    plugin = env.conf.plugins.get("mmssc")
    if plugin is None:
        raise RuntimeError("mkdocs.yml: list the mmssc plugin before macros")
    data = plugin.prose_data()
    if data is None:  # the data has errors: the plugin reports every one of them and stops the build
        return
    env.variables["mmssc_counts"] = counts(data.catalogue)

    @env.macro
    def level_names() -> Markup:
        """The five levels, as an ordered list (for prose pages), in the language of the page."""
        try:
            src_uri: str = env.page.file.src_uri
        except AttributeError:  # no page being rendered: the default language's
            return level_list(data.catalogue)
        return level_list(data.catalogue_of(src_uri))
