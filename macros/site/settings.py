"""Settings of one build, read from the engine's configuration (``extra.mmssc`` in mkdocs.yml)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass


def build_date() -> dt.date:
    """Today, or the day given by SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class SiteSettings:
    today: dt.date
    stale_after_months: int = 24  # a city's latest assessment older than this gets a visible notice
    repository_url: str | None = None  # e.g. https://github.com/org/repo: "view/edit the YAML" links
    branch: str = "main"
    site_url: str | None = None  # absolute URL of the published site (for feeds and badges)

    @classmethod
    def from_extra(cls, extra: dict | None, site_url: str | None = None) -> SiteSettings:
        options = (extra or {}).get("mmssc", {}) or {}
        return cls(
            today=build_date(),
            stale_after_months=int(options.get("stale_after_months", 24)),
            repository_url=(options.get("repository_url") or None),
            branch=str(options.get("branch", "main")),
            site_url=site_url or None,
        )

    def source_url(self, path: str) -> str | None:
        if not self.repository_url:
            return None
        return f"{self.repository_url.rstrip('/')}/blob/{self.branch}/{path}"
