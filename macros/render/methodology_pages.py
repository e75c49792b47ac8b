"""How the site's figures are made and where its data is: the methodology page (every rule the city
pages apply, from the constants the code uses) and the open data page."""

from __future__ import annotations

from collections.abc import Callable

from ..compute import progress as prog
from ..compute.summaries import AGGREGATION_RULE, ENABLERS_PURPOSES_RULE
from ..model.assessments import CONSOLIDATION_RULES, CORRECTION_RULE, REVIEW_KINDS, REVIEW_OUTCOMES, SIZE_BANDS
from ..model.messages import N_
from ..site import urls
from ..site.downloads import Downloads
from .city_record import review_rule
from .context import PageContext
from .html import Markup, join, tag
from .outcome_methods import outcomes_methods
from .pieces import prog_rule_text, size_band_name, status_mark


def _consolidation_key(page: PageContext, key: str) -> Markup:
    """A value of an assessment file's "consolidation" field, as it is written there (English words)."""
    return tag("strong", key, lang=None if page.lang.code == "en" else "en")


def methodology_page(page: PageContext) -> Markup:
    stale_after_months = page.settings.stale_after_months
    catalogue, here = page.catalogue, page.here
    methods = sorted(catalogue.methods.values(), key=lambda m: m.confidence)
    return join(
        [
            tag(
                "p",
                page._(
                    "How every figure on the city pages is computed. The rules are the code's own constants, so this "
                    "page and the figures cannot disagree."
                ),
            ),
            page.heading(2, page._("Summaries: dimension, sub-dimension, characteristic"), id="aggregation"),
            tag("p", page._(AGGREGATION_RULE)),
            page.heading(2, page._("Plans against delivery"), id="promises"),
            tag("p", prog_rule_text(page)),
            page.heading(2, page._("Progress status of a characteristic"), id="status"),
            tag("p", page._(prog.STATUS_RULE)),
            tag(
                "p",
                page._m(
                    "The statuses: {statuses}.", statuses=join([status_mark(page, st) for st in prog.Status], ", ")
                ),
            ),
            outcomes_methods(page),
            page.heading(2, page._("Enablers and purposes"), id="enablers-purposes"),
            tag("p", page._(ENABLERS_PURPOSES_RULE)),
            page.heading(2, page._("Strengths and weaknesses"), id="extremes"),
            tag("p", page._(prog.EXTREMES_RULE, count=prog.EXTREMES)),
            page.heading(2, page._("Corrections, withdrawals and independent review"), id="review"),
            tag("p", page._(CORRECTION_RULE)),
            tag("p", review_rule(page)),
            tag(
                "p",
                page._m(
                    "Reviewers are {kinds}; a review's outcome is {outcomes}.",
                    kinds=", ".join(page._(v) for v in REVIEW_KINDS.values()),
                    outcomes=", ".join(page._(v) for v in REVIEW_OUTCOMES.values()),
                ),
            ),
            page.heading(2, page._("Reporting cadence"), id="cadence"),
            tag(
                "p",
                page.n_(
                    "A city page shows a notice when its latest assessment is more than {n} month old (the plugin "
                    "option {option} in {file}), measured against the date of the build; its next report is due {n} "
                    "month after the latest assessment.",
                    "A city page shows a notice when its latest assessment is more than {n} months old (the plugin "
                    "option {option} in {file}), measured against the date of the build; its next report is due {n} "
                    "months after the latest assessment.",
                    stale_after_months,
                    option="stale_after_months",
                    file="mkdocs.yml",
                ),
            ),
            page.heading(2, page._("Stakeholder groups"), id="groups"),
            tag(
                "p",
                page.n_(
                    "For multi-stakeholder assessments, a city page lists every characteristic where the groups' views "
                    "of the level now differ by {n} level or more. The consolidated result is either:",
                    "For multi-stakeholder assessments, a city page lists every characteristic where the groups' views "
                    "of the level now differ by {n} levels or more. The consolidated result is either:",
                    prog.DIVERGENCE_THRESHOLD,
                ),
            ),
            tag(
                "ul",
                [
                    # Translators: {key} is a value of an assessment file's consolidation field, shown as written.
                    tag("li", page._m("{key}: {rule}", key=_consolidation_key(page, key), rule=page._(text)))
                    for key, text in CONSOLIDATION_RULES.items()
                ],
            ),
            page.heading(2, page._("Confidence of the methods"), id="confidence"),
            tag(
                "p",
                page._("Figure 3 of the source orders the five methods by the confidence they give (and their cost):"),
            ),
            tag("ol", [tag("li", here.to(urls.HOW_TO_ASSESS + f"#method-{m.id}", m.name)) for m in methods]),
            page.heading(2, page._("Size bands"), id="size-bands"),
            tag("p", page._("A city's size band follows from its population (OECD functional urban area bands):")),
            tag("ul", [tag("li", size_band_name(page, band)) for band, _, _ in SIZE_BANDS]),
        ]
    )


OPEN_DATA = (
    (
        "data/catalogue.json",
        N_(
            "The whole catalogue: dimensions, characteristics and their criteria, levels, principles, standards, "
            "Annex B and C, related models, errata."
        ),
        "schemas/catalogue-export.schema.json",
    ),
    ("data/criteria.csv", N_("One row per characteristic and level, with the criterion's text."), None),
    (
        "data/assessments/index.json",
        N_(
            "The list of the parts below (every city and every assessment, with every field of their YAML files, "
            "in compressed parts): each part's cities, size and SHA-256."
        ),
        "schemas/assessments-parts.schema.json",
    ),
    (
        "data/cities/index.json",
        N_("Every city's slug, name and country: what the self-assessment form chooses from."),
        "schemas/city-index.schema.json",
    ),
    (
        "data/cities/<slug>.json",
        N_("One city and all its assessments (the same object as its entry in the full export)."),
        "schemas/city-export.schema.json",
    ),
    ("data/cities.csv", N_("One row per city: profile, size band, number of assessments, latest date."), None),
    (
        "data/indicators.csv.gz",
        N_("Every city's outcome indicators: one row per city, indicator, year and group (tidy), gzip-compressed."),
        None,
    ),
    (
        "data/indicator-list.csv",
        N_("One row per city and indicator: name, unit, direction, what it tracks, baseline, target, status."),
        None,
    ),
    (
        "data/datapackage.json",
        N_("A Frictionless Data Package describing the CSV files above, with a Table Schema for each."),
        None,
    ),
    (
        "feeds/assessments.xml",
        N_("Atom feed of new and updated assessments (each city page links to its own feed)."),
        None,
    ),
)
# each schema of the source files, and the sentence that says which files it checks ({schema}: its link)
INPUT_SCHEMAS = (
    ("schemas/city.schema.json", N_("{schema} for city.yaml")),
    ("schemas/assessment.schema.json", N_("{schema} for assessment files (YYYY-MM-DD.yaml)")),
)


def _size(page: PageContext, size: Callable[[], int] | None) -> str:
    """A file's size in kB or MB (decimal units, as hosts state their limits), "—" when unknown."""
    if size is None:
        return "—"
    n = size()
    if n < 1_000_000:
        return page._("{n} kB", n=page.lang.number(max(1, round(n / 1000))))
    return page._("{n} MB", n=page.lang.number(round(n / 1_000_000, 1)))


def _parts_table(page: PageContext, downloads: Downloads) -> Markup:
    here = page.here
    rows = [
        tag(
            "tr",
            tag("th", page.lang.number(number), scope="row"),
            tag("td", page.lang.number(part.cities)),
            tag("td", page._("{first} to {last}", first=part.first, last=part.last)),
            tag("td", here.to(part.json_path, page._("JSON")), " ", _size(page, part.json_size)),
            tag("td", here.to(part.csv_path, page._("CSV")), " ", _size(page, part.csv_size)),
        )
        for number, part in enumerate(downloads.parts, start=1)
    ]
    return join(
        [
            page.heading(2, page._("Every assessment, in parts"), id="parts"),
            tag(
                "p",
                page._m(
                    "The full exports come in gzip-compressed parts (any unzip tool opens them): each JSON part is "
                    "a document of {schema} holding some of the cities, each CSV part one row per city, assessment "
                    "and characteristic. {index} lists each part's size and SHA-256, to check a download.",
                    schema=here.to("schemas/assessments-export.schema.json", "assessments-export.schema.json"),
                    index=here.to("data/assessments/index.json", "index.json"),
                ),
            ),
            tag(
                "table",
                tag("caption", page._("Parts of the full exports")),
                tag(
                    "thead",
                    tag(
                        "tr",
                        tag("th", page._("Part"), scope="col"),
                        tag("th", page._("Cities"), scope="col"),
                        tag("th", page._("From… to…"), scope="col"),
                        tag("th", page._("Every assessment, every field"), scope="col"),
                        tag("th", page._("One row per rating"), scope="col"),
                    ),
                ),
                tag("tbody", rows),
            ),
        ]
    )


def open_data_page(page: PageContext, downloads: Downloads | None = None) -> Markup:
    here = page.here
    downloads = downloads or Downloads()
    rows = [
        tag(
            "tr",
            tag("th", tag("code", path) if "<" in path else here.to(path, path), scope="row"),
            tag("td", page._(what)),
            tag("td", _size(page, downloads.sizes.get(path))),
            tag("td", here.to(schema, page._("JSON Schema")) if schema else "—"),
        )
        for path, what, schema in OPEN_DATA
    ]
    return join(
        [
            tag(
                "p",
                page._(
                    "Everything on this site is open data, regenerated at every build at these stable addresses. The "
                    "JSON files are complete (nothing in the YAML sources is left out); the CSV files are flattened "
                    "for spreadsheets."
                ),
            ),
            tag(
                "table",
                tag("caption", page._("Downloads")),
                tag(
                    "thead",
                    tag(
                        "tr",
                        tag("th", page._("File"), scope="col"),
                        tag("th", page._("Contents"), scope="col"),
                        tag("th", page._("Size"), scope="col"),
                        tag("th", page._("Schema"), scope="col"),
                    ),
                ),
                tag("tbody", rows),
            ),
            _parts_table(page, downloads),
            # issue 25: a reader of the data must know that the values are the corrected ones and where the
            # withdrawn assessments went (they are in no figure, so in no CSV row either)
            tag(
                "p",
                page._(
                    "Values are the corrected ones. In the JSON files each assessment also carries its corrections "
                    "(date, reason, and each changed field's earlier and corrected value) and its independent review; "
                    "a withdrawn assessment is listed apart, with its reason, under “{withdrawn}”, and is in no CSV "
                    "row and no figure.",
                    withdrawn="withdrawn_assessments",
                ),
                id="corrections",
            ),
            page.heading(2, page._("Schemas of the source files"), id="input-schemas"),
            tag(
                "p",
                page._(
                    "The YAML files in the repository are checked against these schemas by editors that support them, "
                    "through the “{line}” line at the top of each file:",
                    line="# yaml-language-server: $schema=…",
                ),
            ),
            tag("ul", [tag("li", page._m(what, schema=here.to(path, path))) for path, what in INPUT_SCHEMAS]),
        ]
    )
