"""Validate: YAML node trees → model objects, with a diagnostic for every problem.

The public surface: the rest of the package (the build, the command-line tools) imports
from here, never from the modules inside.
"""

from .catalogue import load_catalogue
from .city import read_maintainers
from .countries import country_name
from .folders import FolderCache, FolderResult, check_city_folder, load_registry, validate_paths
from .stored import StoredFolders, tree_digest
from .translations import load_translations

__all__ = [
    "FolderCache",
    "FolderResult",
    "check_city_folder",
    "country_name",
    "load_catalogue",
    "load_registry",
    "load_translations",
    "read_maintainers",
    "StoredFolders",
    "tree_digest",
    "validate_paths",
]
