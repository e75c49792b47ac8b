"""Pages across cities: the cities index, one page per country, peer-group comparison, the
methodology, open data, and the city counts shown on each characteristic page."""

from __future__ import annotations

from collections.abc import Sequence

from ..compute import progress as prog
from ..compute.summaries import AGGREGATION_RULE, ENABLERS_PURPOSES_RULE, by_dimension, overall
from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, SIZE_BANDS, City, Rating
from ..model.catalogue import LEVELS, Catalogue
from ..site import urls
from .context import PageContext
from .html import Markup, join, tag
from .pieces import JOURNEY_CAUTION, SIZE_BAND_NAMES, country_name, level_badge, prog_rule_text, status_mark

MAX_NAMES_PER_LEVEL = 100  # characteristic pages name at most this many cities per level


def _typical_cell(catalogue: Catalogue, level: int | None) -> Markup:
    return tag("td", level_badge(catalogue, level) if level else "—", data_sort=str(level or 0))


def _band(band: str) -> str:
    """A size band's name without its population range ("Metropolitan area")."""
    return SIZE_BAND_NAMES[band].split(" (")[0]  # TODO(i18n): needs the page


_CITY_COLUMNS = ("City", "Country", "Size and type", "Latest assessment", "Typical level now", "Assessments")


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
                    tag("span", "(fictional)", class_="mmssc-note") if city.fictional else "",
                    scope="row",
                ),
                tag(
                    "td",
                    here.to(urls.country(city.country), country_name(page, city.country)),
                    data_sort=country_name(page, city.country),
                    data_label="Country",
                ),
                tag(
                    "td",
                    _band(city.size_band),
                    tag("br"),
                    tag("span", COMMUNITY_TYPES.get(city.community_type, city.community_type), class_="mmssc-note"),
                    data_sort=str(bands.index(city.size_band)),
                    data_label="Size and type",
                ),
                tag(
                    "td",
                    latest.date.isoformat() if latest else "—",
                    tag("br") if latest else "",
                    tag("span", catalogue.methods[latest.method_id].name, class_="mmssc-note") if latest else "",
                    data_sort=latest.date.isoformat() if latest else "",
                    data_label="Latest assessment",
                ),
                tag(
                    "td",
                    level_badge(catalogue, typical) if typical else "—",
                    data_sort=str(typical or 0),
                    data_label="Typical level now",
                ),
                tag("td", str(len(city.assessments)), data_label="Assessments"),
            )
        )
    head = tag("thead", tag("tr", *[tag("th", h, scope="col") for h in _CITY_COLUMNS]))
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
            tag("p", f"{len(cities)} cities and communities publish their MMSSC assessments here. {JOURNEY_CAUTION}"),
            tag(
                "p",
                "Compare cities of the same size or type on the ",
                here.to(urls.COMPARE, "comparison page"),
                "; how the figures are computed is on the ",
                here.to(urls.METHODOLOGY, "methodology page"),
                ".",
            ),
            page.heading(2, "By country", id="by-country"),
            tag(
                "ul",
                [tag("li", here.to(urls.country(code), country_name(page, code)), f" ({n})") for code, n in by_country],
                class_="mmssc-country-list",
            ),
            page.heading(2, "All cities", id="all-cities"),
            tag(
                "div",
                tag(
                    "label",
                    "Filter the table: ",
                    tag("input", type="search", class_="mmssc-filter", aria_controls="cities-table"),
                    hidden=True,
                ),
                class_="mmssc-filter-box",
            ),
            cities_table(page, cities, "All cities"),
        ]
    )


def country_page(page: PageContext, code: str, cities: list[City]) -> Markup:
    here = page.here
    return join(
        [
            tag(
                "p",
                f"{len(cities)} cities and communities in {country_name(page, code)}. ",
                here.to(urls.CITIES_INDEX, "All countries"),
                ".",
            ),
            cities_table(page, cities, f"Cities in {country_name(page, code)}"),
        ]
    )


def compare_page(page: PageContext) -> Markup:
    cities = page.site.cities
    catalogue, here = page.catalogue, page.here
    parts = [
        tag("div", tag("p", tag("strong", "Not a league table. "), JOURNEY_CAUTION), class_="admonition note"),
        tag(
            "p",
            "Cities are grouped with their peers: the same size band, or the same type of community. Within a group, "
            "each row shows a city's latest typical level per dimension, its assessment method (which sets the "
            "confidence "
            "of its figures) and date. Rows are in alphabetical order, never ranked.",
        ),
        tag("p", tag("strong", "How this is computed: "), AGGREGATION_RULE, class_="mmssc-rule"),
    ]
    groups: list[tuple[str, str, list[City]]] = []
    for band, label, _ in SIZE_BANDS:
        members = [c for c in cities if c.size_band == band and c.latest]
        if members:
            groups.append((f"size-{band}", label, members))
    for kind, label in COMMUNITY_TYPES.items():
        members = [c for c in cities if c.community_type == kind and c.latest]
        if members:
            groups.append((f"type-{kind}", label, members))
    parts.append(
        tag(
            "nav",
            tag("ul", [tag("li", tag("a", f"{label} ({len(m)})", href=f"#{gid}")) for gid, label, m in groups]),
            aria_label="Peer groups",
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
                tag("th", "City", scope="col"),
                [tag("th", f"D{d.id} {d.name}", scope="col") for d in dims],
                tag("th", "Method", scope="col"),
                tag("th", "Date", scope="col"),
            ),
        )
        parts += [
            page.heading(2, label, id=gid),
            tag(
                "div",
                tag("table", tag("caption", f"Peer group: {label}"), head, tag("tbody", rows), data_sortable="true"),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label=f"Peer group: {label}",
            ),
        ]
    return join(parts)


def methodology_page(page: PageContext) -> Markup:
    stale_after_months = page.settings.stale_after_months
    catalogue, here = page.catalogue, page.here
    methods = sorted(catalogue.methods.values(), key=lambda m: m.confidence)
    return join(
        [
            tag(
                "p",
                "How every figure on the city pages is computed. The rules are the code's own constants, so this "
                "page and the figures cannot disagree.",
            ),
            page.heading(2, "Summaries: dimension, sub-dimension, characteristic", id="aggregation"),
            tag("p", AGGREGATION_RULE),
            page.heading(2, "Plans against delivery", id="promises"),
            tag("p", prog_rule_text(page)),
            page.heading(2, "Progress status of a characteristic", id="status"),
            tag("p", prog.STATUS_RULE),
            tag("p", "The statuses: ", join([status_mark(page, st) for st in prog.Status], ", "), "."),
            page.heading(2, "Enablers and purposes", id="enablers-purposes"),
            tag("p", ENABLERS_PURPOSES_RULE),
            page.heading(2, "Strengths and weaknesses", id="extremes"),
            tag("p", prog.EXTREMES_RULE),
            page.heading(2, "Reporting cadence", id="cadence"),
            tag(
                "p",
                f"A city page shows a notice when its latest assessment is more than {stale_after_months} months old "
                "(the plugin option stale_after_months in mkdocs.yml), measured against the date of the build; its "
                f"next report is due {stale_after_months} months after the latest assessment.",
            ),
            page.heading(2, "Stakeholder groups", id="groups"),
            tag(
                "p",
                f"For multi-stakeholder assessments, a city page lists every characteristic where the groups' views "
                f"of the level now "
                f"differ by {prog.DIVERGENCE_THRESHOLD} levels or more. The consolidated result is either:",
            ),
            tag("ul", [tag("li", tag("strong", key), ": ", text) for key, text in CONSOLIDATION_RULES.items()]),
            page.heading(2, "Confidence of the methods", id="confidence"),
            tag("p", "Figure 3 of the source orders the five methods by the confidence they give (and their cost):"),
            tag("ol", [tag("li", here.to(urls.HOW_TO_ASSESS + f"#method-{m.id}", m.name)) for m in methods]),
            page.heading(2, "Size bands", id="size-bands"),
            tag("p", "A city's size band follows from its population (OECD functional urban area bands):"),
            tag("ul", [tag("li", label) for _, label, _ in SIZE_BANDS]),
        ]
    )


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
        shown = [here.to(urls.city(c.slug), c.name) for c in group[:MAX_NAMES_PER_LEVEL]]
        more = f" and {len(group) - MAX_NAMES_PER_LEVEL} more" if len(group) > MAX_NAMES_PER_LEVEL else ""
        return join(shown, ", ") + more

    rows = [
        tag(
            "tr",
            tag("th", level_badge(catalogue, n), scope="row"),
            tag("td", str(len(now[n]))),
            tag("td", str(len(later[n]))),
            tag("td", tag("details", tag("summary", "Cities now"), tag("p", names(now[n]))) if now[n] else "—"),
        )
        for n in LEVELS
    ]
    head = tag(
        "thead",
        tag(
            "tr",
            tag("th", "Level", scope="col"),
            tag("th", "Cities now", scope="col"),
            tag("th", "Planned in 2 years", scope="col"),
            tag("th", "Which", scope="col"),
        ),
    )
    return join(
        [
            page.heading(2, "Cities at each level", id="cities"),
            tag("p", "From each city's latest assessment. ", JOURNEY_CAUTION),
            tag(
                "div",
                tag("table", tag("caption", f"Cities at each level of {cid}"), head, tag("tbody", rows)),
                class_="mmssc-table-wrap",
                tabindex="0",
                role="region",
                aria_label="Cities at each level",
            ),
        ]
    )


OPEN_DATA = (
    (
        "data/catalogue.json",
        "The whole catalogue: dimensions, characteristics and their criteria, levels, principles, standards, Annex B "
        "and C, related models, errata.",
        "schemas/catalogue-export.schema.json",
    ),
    ("data/criteria.csv", "One row per characteristic and level, with the criterion's text.", None),
    (
        "data/assessments.json",
        "Every city and every assessment, with every field of their YAML files.",
        "schemas/assessments-export.schema.json",
    ),
    ("data/assessments.csv", "One row per city, assessment and characteristic.", None),
    ("data/cities.csv", "One row per city: profile, size band, number of assessments, latest date.", None),
    ("feeds/assessments.xml", "Atom feed of new and updated assessments (each city page links to its own feed).", None),
)
INPUT_SCHEMAS = (
    ("schemas/city.schema.json", "city.yaml"),
    ("schemas/assessment.schema.json", "assessment files (YYYY-MM-DD.yaml)"),
)


def open_data_page(page: PageContext) -> Markup:
    here = page.here
    rows = [
        tag(
            "tr",
            tag("th", here.to(path, path), scope="row"),
            tag("td", what),
            tag("td", here.to(schema, "JSON Schema") if schema else "—"),
        )
        for path, what, schema in OPEN_DATA
    ]
    return join(
        [
            tag(
                "p",
                "Everything on this site is open data, regenerated at every build at these stable addresses. The "
                "JSON files are "
                "complete (nothing in the YAML sources is left out); the CSV files are flattened for spreadsheets.",
            ),
            tag(
                "table",
                tag("caption", "Downloads"),
                tag(
                    "thead",
                    tag(
                        "tr",
                        tag("th", "File", scope="col"),
                        tag("th", "Contents", scope="col"),
                        tag("th", "Schema", scope="col"),
                    ),
                ),
                tag("tbody", rows),
            ),
            page.heading(2, "Schemas of the source files", id="input-schemas"),
            tag(
                "p",
                "The YAML files in the repository are checked against these schemas by editors that support them, "
                "through the "
                "“# yaml-language-server: $schema=…” line at the top of each file:",
            ),
            tag("ul", [tag("li", here.to(path, path), " for ", what) for path, what in INPUT_SCHEMAS]),
        ]
    )
