"""The plugin's options, as written under ``plugins: - mmssc:`` in mkdocs.yml.

A wrong value is a MkDocs configuration error naming the option (``Config value
'plugins' ... mmssc: stale_after_months: ...``), never a traceback."""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..layout import CACHE_DIR
from ..site.settings import DEFAULT_BRANCH, STALE_AFTER_MONTHS, SiteSettings, build_date
from ..validate.language_tags import language_problem


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


class _Languages(c.ListOfItems[str]):
    """Language codes, English first: the default at the site root, the others under their prefix."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default=["en"])

    def run_validation(self, value: object) -> list[str]:
        codes = super().run_validation(value)
        if not codes or codes[0] != "en":
            raise base.ValidationError(
                "The first language must be 'en': the catalogue and the prose pages are written in English, "
                f"and the other languages fall back to it. Got {codes!r}."
            )
        for code in codes:
            problem = language_problem(code)
            if problem:
                raise base.ValidationError(f"{code!r}: {problem}")
        if len(set(codes)) != len(codes):
            raise base.ValidationError(f"A language is listed twice: {codes!r}.")
        return codes


class MmsscConfig(base.Config):
    """The options under ``plugins: - mmssc:``; each attribute's docstring is its documentation."""

    stale_after_months = _PositiveInt(default=STALE_AFTER_MONTHS)
    """City pages: a page shows a "not recently reported" notice when the city's latest assessment
    is older than this many months (the MMSSC asks for regular public reporting)."""

    repository_url = c.Optional(_RepositoryUrl())
    """Links to the source data: the repository holding criteria/ and assessments/ (https only,
    e.g. https://github.com/org/repo). When set, city pages link to their YAML files ("view",
    "edit", "history")."""

    branch = c.Type(str, default=DEFAULT_BRANCH)
    """The branch the links to the source data point at."""

    languages = _Languages()
    """The site's languages (BCP 47 codes), English first, at the site root; each other one gets
    its own pages under its prefix (fr/, el/) from the same data, with the interface from
    macros/locale/<code>/LC_MESSAGES/messages.po and the catalogue's words from
    criteria/translations/<code>.yaml where they exist (English, marked, where not)."""

    cache_dir = c.Type(str, default=CACHE_DIR)
    """Warm builds: where checked city folders, and the pages and files drawn from each city, are
    kept by content, relative to mkdocs.yml (ignored by git; CI keeps it between runs), so that a
    rebuild checks and draws only the cities whose files changed. An empty value turns the store off."""

    def settings(self, site_url: str | None) -> SiteSettings:
        """The settings of a build on these options, dated today (or ``SOURCE_DATE_EPOCH``)."""
        return SiteSettings(
            today=build_date(),
            stale_after_months=self.stale_after_months,
            repository_url=self.repository_url or None,
            branch=self.branch,
            site_url=site_url,
        )
