"""Cities in the site's search: one small entry per city, added to the index Material's search plugin wrote.

City pages are left out of the search index (their bodies would dominate the build and the index every
reader downloads), so a reader typing a city's name found other pages, never the city's own. Each city
gets an entry of its own instead: its name as the title (Material ranks title matches first), its region
and country as tags (ranked higher still, so "Canada" lands on Canada's cities), and a line with its
type of community and latest typical level. Text is HTML-escaped as the search plugin escapes page text:
its worker renders entries as markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..compute.summaries import overall
from ..model.assessments import COMMUNITY_TYPES, City
from ..model.catalogue import Catalogue
from ..render.pieces import country_name
from ..site import urls

INDEX = Path("search") / "search_index.json"


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def city_search_entries(catalogue: Catalogue, cities: Iterable[City]) -> list[dict[str, Any]]:
    entries = []
    for city in cities:
        country = country_name(city.country)
        kind = COMMUNITY_TYPES.get(city.community_type, city.community_type)
        latest = city.latest
        if latest is not None:
            typical = overall(catalogue, latest).now.typical
            level = f"typical level {typical} ({catalogue.levels[typical].name})" if typical else "no level assessed"
            status = f"Latest assessment {latest.date.isoformat()}: {level}."
        else:
            status = "No assessment published yet."
        where = f"{city.region}, {country}" if city.region else country
        tags = [t for t in (city.region, country) if t]
        entries.append(
            {
                "location": urls.city(city.slug),
                "title": _esc(city.name),
                "text": _esc(f"{kind} in {where}. {status}"),
                "tags": [_esc(t) for t in tags],
            }
        )
    return entries


def add_to_search_index(site_dir: Path, entries: list[dict[str, Any]]) -> None:
    """Append ``entries`` to the search index, if the search plugin wrote one (it is optional)."""
    path = site_dir / INDEX
    if not entries or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(entries)
    # the search plugin's own format: compact separators
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
