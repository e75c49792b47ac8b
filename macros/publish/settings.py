"""Temporary: moved to :mod:`macros.site.settings` (removed once every caller imports it there)."""

from ..site.settings import SiteSettings, build_date

__all__ = ["SiteSettings", "build_date"]
