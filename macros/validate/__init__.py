"""Validate: YAML node trees → model objects, with a diagnostic for every problem.

The public surface: the rest of the package (the build, the command-line tools) imports
from here, never from the modules inside.
"""

from .assessments import (
    FolderCache,
    FolderResult,
    check_city_folder,
    load_registry,
    read_maintainers,
    validate_paths,
)
from .catalogue import load_catalogue
from .countries import country_name

__all__ = [
    "FolderCache",
    "FolderResult",
    "check_city_folder",
    "country_name",
    "load_catalogue",
    "load_registry",
    "read_maintainers",
    "validate_paths",
]
