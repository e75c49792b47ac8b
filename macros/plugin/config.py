"""The plugin's options, as written under ``plugins: - mmssc:`` in mkdocs.yml.

A wrong value is a MkDocs configuration error naming the option (``Config value
'plugins' ... mmssc: stale_after_months: ...``), never a traceback."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c


class _PositiveInt(c.Type[int]):
    """A whole number above zero (``True`` is not a number of months)."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool):
            raise base.ValidationError(f"Expected a whole number above 0, not {value!r}.")
        number = super().run_validation(value)
        if number < 1:
            raise base.ValidationError(f"Expected a whole number above 0, not {number}.")
        return number


class _RepositoryUrl(c.URL):
    """The repository's web address (https only): city pages link to their YAML there."""

    def run_validation(self, value: Any) -> str:
        url = super().run_validation(value)
        if url and not url.startswith("https://"):
            raise base.ValidationError(f"Expected an https:// address of the repository, not {url!r}.")
        return url.rstrip("/") if url else url


class MmsscConfig(base.Config):
    # -- City pages -------------------------------------------------------------------------
    # A city page shows a "not recently reported" notice when its latest assessment is older
    # than this many months (the MMSSC asks for regular public reporting).
    stale_after_months = _PositiveInt(default=24)

    # -- Links to the source data -------------------------------------------------------------
    # The repository holding criteria/ and assessments/, e.g. https://github.com/org/repo.
    # When set, city pages link to their YAML files ("view", "edit", "history").
    repository_url = c.Optional(_RepositoryUrl())
    # The branch those links point at.
    branch = c.Type(str, default="main")

    # -- Warm builds ----------------------------------------------------------------------------
    # Where checked city folders are kept by content, relative to mkdocs.yml (ignored by git;
    # CI keeps it between runs): a rebuild checks only the folders whose files changed.
    # An empty value turns the store off.
    cache_dir = c.Type(str, default=".cache/mmssc")
