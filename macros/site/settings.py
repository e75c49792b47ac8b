"""Settings of one build: the plugin's options (mkdocs.yml), the build date and the site's address."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from ..compute.progress import STALE_AFTER_MONTHS

# The branch "view the YAML" links point at when the plugin's branch option is not set.
DEFAULT_BRANCH = "main"


def build_date() -> dt.date:
    """Today, or the day given by SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class SiteSettings:
    today: dt.date
    stale_after_months: int = STALE_AFTER_MONTHS  # a city's latest assessment older than this gets a visible notice
    repository_url: str | None = None  # e.g. https://github.com/org/repo: "view/edit the YAML" links
    branch: str = DEFAULT_BRANCH
    site_url: str | None = None  # absolute URL of the published site (for feeds and badges)

    def source_url(self, path: str) -> str | None:
        if not self.repository_url:
            return None
        return f"{self.repository_url.rstrip('/')}/blob/{self.branch}/{path}"
