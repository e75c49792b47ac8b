"""The MkDocs adapter: the ``mmssc`` plugin (``plugins: [mmssc]`` in mkdocs.yml).

Everything MkDocs-specific lives here; the layers below know nothing of the engine."""

from .plugin import MmsscPlugin

__all__ = ["MmsscPlugin"]
