"""Pages across cities: the cities index, one page per country, peer-group comparison, and the
city counts shown on each characteristic page (the methodology and open data: methodology_pages.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ..compute.summaries import AGGREGATION_RULE, by_dimension, overall
from ..model.assessments import COMMUNITY_TYPES, SIZE_BANDS, City, Rating
from ..model.catalogue import LEVELS, Catalogue
from ..model.messages import N_
from ..site import urls
from .context import PageContext
from .html import Markup, join, tag
from .pieces import JOURNEY_CAUTION, country_name, level_badge, size_band_name

MAX_NAMES_PER_LEVEL = 100  # characteristic pages name at most this many cities per level


def _typical_cell(catalogue: Catalogue, level: int | None) -> Markup:
    return tag("td", level_badge(catalogue, level) if level else "—", data_sort=str(level or 0))


# A size band's name without its population range (the cities table's short form of SIZE_BANDS' labels:
# their own msgids, since a translation's word order need not put the range last)
_BAND_SHORT = {
    "town": N_("Town or small community"),
    "small": N_("Small urban area"),
    "medium": N_("Medium-sized urban area"),
    "metropolitan": N_("Metropolitan area"),
    "large-metropolitan": N_("Large metropolitan area"),
}
assert all(label.startswith(_BAND_SHORT[band] + " (") for band, label, _ in SIZE_BANDS), (
    "a size band without its short name"
)


def _band(page: PageContext, band: str) -> str:
    """A size band's name without its population range ("Metropolitan area"), in the page's language."""
    return page._(_BAND_SHORT[band])


def community_type_name(page: PageContext, kind: str) -> str:
    """A type of community's name in the page's language (an unknown key as it is written)."""
    return page._(COMMUNITY_TYPES[kind]) if kind in COMMUNITY_TYPES else kind


_COUNTRY, _SIZE_AND_TYPE, _LATEST, _TYPICAL, _ASSESSMENTS = (
    N_("Country"),
    N_("Size and type"),
    N_("Latest assessment"),
    N_("Typical level now"),
    N_("Assessments"),
)
_CITY_COLUMNS = (N_("City"), _COUNTRY, _SIZE_AND_TYPE, _LATEST, _TYPICAL, _ASSESSMENTS)


def cities_table(page: PageContext, cities: Sequence[City], caption: str) -> Markup:
    """Six columns that fit the content column at 1280 px; below 45em each row is a card (mmssc.css)."""
    catalogue, here = page.catalogue, page.here
    bands = [b for b, _, _ in SIZE_BANDS]
    rows = []
    for city in cities:
        latest = city.latest
        typical = overall(catalogue, latest).now.typical if latest else None
        rows.append(
            tag(
                "tr",
                tag(
                    "th",
                    here.to(urls.city(city.slug), city.name),
                    " ",
                    tag("span", page._("(fictional)"), class_="mmssc-note") if city.fictional else "",
                    scope="row",
                ),
                tag(
                    "td",
                    here.to(urls.country(city.country), country_name(page, city.country)),
                    data_sort=country_name(page, city.country),
                    data_label=page._(_COUNTRY),
                ),
                tag(
                    "td",
                    _band(page, city.size_band),
                    tag("br"),
                    tag("span", community_type_name(page, city.community_type), class_="mmssc-note"),
                    data_sort=str(bands.index(city.size_band)),
                    data_label=page._(_SIZE_AND_TYPE),
                ),
                tag(
                    "td",
                    latest.date.isoformat() if latest else "—",
                    tag("br") if latest else "",
                    tag("span", catalogue.methods[latest.method_id].name, class_="mmssc-note") if latest else "",
                    data_sort=latest.date.isoformat() if latest else "",
                    data_label=page._(_LATEST),
                ),
                tag(
                    "td",
                    level_badge(catalogue, typical) if typical else "—",
                    data_sort=str(typical or 0),
                    data_label=page._(_TYPICAL),
                ),
                tag("td", page.lang.number(len(city.assessments)), data_label=page._(_ASSESSMENTS)),
            )
        )
    head = tag("thead", tag("tr", *[tag("th", page._(h), scope="col") for h in _CITY_COLUMNS]))
    return tag(
        "div",
        tag("table", tag("caption", caption), head, tag("tbody", rows), data_sortable="true", id="cities-table"),
        class_="mmssc-table-wrap mmssc-cities-table",
        tabindex="0",
        role="region",
        aria_label=caption,
    )


def cities_index(page: PageContext) -> Markup:
    cities = page.site.cities
    here = page.here
    countries: dict[str, int] = {}
    for city in cities:
        countries[city.country] = countries.get(city.country, 0) + 1
    by_country = sorted(countries.items(), key=lambda kv: country_name(page, kv[0]))
    return join(
        [
            tag(
                "p",
                page.n_(
                    "{n} city or community publishes its MMSSC assessments here.",
                    "{n} cities and communities publish their MMSSC assessments here.",
                    len(cities),
                ),
                " ",
                page._(JOURNEY_CAUTION),
            ),
            tag(
                "p",
                page._m(
                    "Compare cities of the same size or type on the {comparison}; how the figures are computed is on "
                    "the {methodology}.",
                    comparison=here.to(urls.COMPARE, page._("comparison page")),
                    methodology=here.to(urls.METHODOLOGY, page._("methodology page")),
                ),
            ),
            page.heading(2, page._("By country"), id="by-country"),
            tag(
                "ul",
                [
                    tag("li", here.to(urls.country(code), country_name(page, code)), f" ({page.lang.number(n)})")
                    for code, n in by_country
                ],
                class_="mmssc-country-list",
            ),
            page.heading(2, page._("All cities"), id="all-cities"),
            tag(
                "div",
                tag(
                    "label",
                    page._("Filter the table:"),
                    " ",
                    tag("input", type="search", class_="mmssc-filter", aria_controls="cities-table"),
                    hidden=True,
                ),
                class_="mmssc-filter-box",
            ),
            cities_table(page, cities, page._("All cities")),
        ]
    )


def country_page(page: PageContext, code: str, cities: list[City]) -> Markup:
    here = page.here
    return join(
        [
            tag(
                "p",
                page.n_(
                    "{n} city or community in {country}.",
                    "{n} cities and communities in {country}.",
                    len(cities),
                    country=country_name(page, code),
                ),
                " ",
                here.to(urls.CITIES_INDEX, page._("All countries")),
                ".",
            ),
            cities_table(page, cities, page._("Cities in {country}", country=country_name(page, code))),
        ]
    )


def compare_page(page: PageContext) -> Markup:
    cities = page.site.cities
    catalogue, here = page.catalogue, page.here
    parts = [
        tag(
            "div",
            tag("p", tag("strong", page._("Not a league table.")), " ", page._(JOURNEY_CAUTION)),
            class_="admonition note",
        ),
        tag(
            "p",
            page._(
                "Cities are grouped with their peers: the same size band, or the same type of community. Within a "
                "group, each row shows a city's latest typical level per dimension, its assessment method (which sets "
                "the confidence of its figures) and date. Rows are in alphabetical order, never ranked."
            ),
        ),
        tag("p", tag("strong", page._("How this is computed:")), " ", page._(AGGREGATION_RULE), class_="mmssc-rule"),
    ]
    groups: list[tuple[str, str, list[City]]] = []
    for band, _label, _ in SIZE_BANDS:
        members = [c for c in cities if c.size_band == band and c.latest]
        if members:
            groups.append((f"size-{band}", size_band_name(page, band), members))
    for kind in COMMUNITY_TYPES:
        members = [c for c in cities if c.community_type == kind and c.latest]
        if members:
            groups.append((f"type-{kind}", community_type_name(page, kind), members))
    parts.append(
        tag(
            "nav",
            tag("ul", [tag("li", tag("a", f"{label} ({len(m)})", href=f"#{gid}")) for gid, label, m in groups]),
            aria_label=page._("Peer groups"),
        )
    )
    dims = list(catalogue.dimensions.values())
    for gid, label, members in groups:
        rows = []
        for city in members:
            latest = city.latest
            assert latest is not None  # peer groups hold only cities with an assessment
            summaries = by_dimension(catalogue, latest)
            rows.append(
                tag(
                    "tr",
                    tag("th", here.to(urls.city(city.slug), city.name), scope="row"),
                    [_typical_cell(catalogue, s.now.typical) for s in summaries],
                    tag("td", catalogue.methods[latest.method_id].name),
                    tag("td", latest.date.isoformat()),
                )
            )
        head = tag(
            "thead",
            tag(
                "tr",
                tag("th", page._("City"), scope="col"),
                [tag("th", f"D{d.id}", " ", d.name, scope="col") for d in dims],
                tag("th", page._("Method"), scope="col"),
                tag("th", page._("Date"), scope="col"),
            ),
        )
        caption = page._("Peer group: {group}", group=label)
        parts += [
            page.heading(2, label, id=gid),
            tag(
                "div",
                tag("table", tag("caption", caption), head, tag("tbody", rows), data_sortable="true"),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label=caption,
            ),
        ]
    return join(parts)


def characteristic_cities(page: PageContext, cid: str) -> Markup:
    cities = page.site.cities
    """On a characteristic page: how many cities are at each level now and plan to be in two years."""
    catalogue, here = page.catalogue, page.here
    now: dict[int, list[City]] = {n: [] for n in LEVELS}
    later: dict[int, list[City]] = {n: [] for n in LEVELS}
    for city in cities:
        rating = city.latest.ratings.get(cid) if city.latest else None
        if isinstance(rating, Rating):
            now[rating.now].append(city)
            later[rating.in_two_years].append(city)
    if not any(now.values()):
        return Markup("")

    def names(group: list[City]) -> Markup:
        shown = join([here.to(urls.city(c.slug), c.name) for c in group[:MAX_NAMES_PER_LEVEL]], ", ")
        if len(group) <= MAX_NAMES_PER_LEVEL:
            return shown
        more = len(group) - MAX_NAMES_PER_LEVEL
        # Translators: {names} is a list of city names (links); {n} how many more are not named.
        return page.n_m("{names} and {n} more", "{names} and {n} more", more, names=shown)

    rows = [
        tag(
            "tr",
            tag("th", level_badge(catalogue, n), scope="row"),
            tag("td", str(len(now[n]))),
            tag("td", str(len(later[n]))),
            tag("td", tag("details", tag("summary", page._("Cities now")), tag("p", names(now[n]))) if now[n] else "—"),
        )
        for n in LEVELS
    ]
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", page._("Level"), scope="col"),
            tag("th", page._("Cities now"), scope="col"),
            tag("th", page._("Planned in 2 years"), scope="col"),
            tag("th", page._("Which"), scope="col"),
        ),
    )
    return join(
        [
            page.heading(2, page._("Cities at each level"), id="cities"),
            tag("p", page._("From each city's latest assessment."), " ", page._(JOURNEY_CAUTION)),
            tag(
                "div",
                tag("table", tag("caption", page._("Cities at each level of {id}", id=cid)), head, tag("tbody", rows)),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label=page._("Cities at each level"),
            ),
        ]
    )
