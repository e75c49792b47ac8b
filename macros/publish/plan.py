"""Which pages and files the site has: the plan of one build, independent of the site engine.

Each :class:`~macros.site.pages.GeneratedPage` gets a stable URL, a plain-text title and a
function that draws its body with ``render`` on demand (so thousands of pages never sit in
memory at once); the MkDocs plugin turns the plan into virtual files.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..compute.crossrefs import CrossReferences
from ..compute.localise import coverage
from ..model.assessments import City
from ..model.catalogue import Catalogue
from ..model.text import Untranslated
from ..render import across_cities as across
from ..render import assess_page as assess
from ..render import catalogue_pages as cat
from ..render import city_outcomes as outcomes
from ..render import city_pages as citypage
from ..render import city_rows as rows
from ..render import indicator_pages as indicators
from ..render import methodology_pages as method
from ..render import overview_pages as overview
from ..render import reference_pages as ref
from ..render import translation_pages as translation
from ..render.context import SiteData, render_page
from ..render.html import Markup, join
from ..render.outcome_marks import standard_slug
from ..site import urls
from ..site.downloads import Downloads
from ..site.languages import ENGLISH, Language
from ..site.pages import GeneratedPage, NavEntry, RenderedPage, Search, SitePlan
from ..site.settings import SiteSettings
from .bulk_parts import BulkExport
from .exports import language_files, shared_files
from .project import Project
from .reuse import Reuse


@dataclass(frozen=True)
class Edition:
    """The site in one language: its interface messages and the catalogue in that language
    (``compute/localise.py``: translated where a fresh translation exists, else marked English).
    Only drawing repeats per edition: the data is read, checked and computed once."""

    language: Language
    catalogue: Catalogue
    crossrefs: CrossReferences
    unofficial: bool = False  # the catalogue's translation is not the standard's own


def _drawn(site: SiteData, url: str, draw: Callable[..., Markup], *subject: object) -> Callable[[], RenderedPage]:
    """The page's render function: ``draw(page, *subject)`` when the engine asks for the body."""
    return functools.partial(render_page, site, url, draw, *subject)


def plan_site(
    project: Project, settings: SiteSettings, editions: Sequence[Edition] = (), reuse: Reuse | None = None
) -> SitePlan:
    """Every page and file of the site, in every edition (the default language's first, at the root);
    with ``reuse``, a city's page and files are drawn only if its store holds none for the same inputs."""
    reuse = reuse or Reuse(None, settings)
    editions = editions or [Edition(ENGLISH, project.catalogue, project.crossrefs)]
    published = {
        e.language.code: project.translations[e.language.code]
        for e in editions
        if e.language.code in project.translations
    }
    bulk = BulkExport(
        project.catalogue, project.registry, project.root, site_url=settings.site_url, built=settings.today, reuse=reuse
    )
    files = shared_files(
        project.catalogue,
        project.registry,
        project.root,
        site_url=settings.site_url,
        built=settings.today,
        translations=published,
        reuse=reuse,
        bulk=bulk,
    )
    downloads = bulk.downloads(files)
    plan = SitePlan([], files, {}, downloads)
    for edition in editions:
        one = _edition_plan(project, settings, edition, reuse, downloads)
        prefix = edition.language.prefix
        for page in one.pages:
            page.url = prefix + page.url
            page.language = edition.language.code
        for file in one.files:
            file.path = prefix + file.path
        plan.pages += one.pages
        plan.files += one.files
        for url, entries in one.nav_children.items():
            plan.nav_children[prefix + url] = [_prefixed(entry, prefix) for entry in entries]
    return plan


def _marked_heading(*parts: str) -> str | None:
    """The page's ``h1`` as markup when its title holds catalogue text shown in English (the theme
    writes the title as plain text, which could not say that part is English); else the theme's."""
    if not any(isinstance(part, Untranslated) for part in parts):
        return None
    return str(join(parts))


def _prefixed(entry: NavEntry, prefix: str) -> NavEntry:
    return NavEntry(entry.title, prefix + entry.url, [_prefixed(child, prefix) for child in entry.children], entry.html)


def _edition_plan(
    project: Project, settings: SiteSettings, edition: Edition, reuse: Reuse, downloads: Downloads
) -> SitePlan:
    """One edition's pages and files at their addresses within the language (no prefix yet)."""
    c = edition.catalogue
    lang = edition.language
    cities = list(project.registry.cities.values())
    site = SiteData(
        c, edition.crossrefs, cities, settings, language=edition.language, unofficial_catalogue=edition.unofficial
    )
    pages: list[GeneratedPage] = [
        GeneratedPage(
            urls.CRITERIA_INDEX,
            lang._("Criteria"),
            _drawn(site, urls.CRITERIA_INDEX, cat.criteria_index),
            lang._("The dimensions, sub-dimensions and characteristics of the MMSSC."),
        ),
        GeneratedPage(
            urls.CRITERIA_TABLE,
            lang._("Achievement Criteria Table"),
            _drawn(site, urls.CRITERIA_TABLE, overview.criteria_table),
            lang._("All achievement criteria of the MMSSC on one page (Annex A)."),
            wide=True,
        ),
        GeneratedPage(
            urls.STRUCTURE,
            lang._("Model structure"),
            _drawn(site, urls.STRUCTURE, overview.structure_page),
            lang._("Dimensions, sub-dimensions and characteristics of the MMSSC (Figure 2)."),
        ),
        GeneratedPage(
            urls.LEVELS,
            lang._("Maturity levels"),
            _drawn(site, urls.LEVELS, overview.levels_page),
            lang._("The five maturity levels and their three families of definitions (Table 2)."),
        ),
        GeneratedPage(
            urls.PRINCIPLES,
            lang._("Design principles"),
            _drawn(site, urls.PRINCIPLES, overview.principles_page),
            lang._("The seven design principles of the MMSSC (Table 1)."),
        ),
        GeneratedPage(
            urls.HOW_TO_ASSESS,
            lang._("How to assess"),
            _drawn(site, urls.HOW_TO_ASSESS, overview.how_to_assess_page),
            lang._("Baselining now and in two years, the five assessment methods, and the PDCA cycle."),
        ),
        GeneratedPage(
            urls.ASSESS,
            lang._("Self-assessment"),
            _drawn(site, urls.ASSESS, assess.assess_page),
            lang._(
                "Assess a city against the MMSSC in the browser and get the file to publish, checked by the site's rules."  # noqa: E501
            ),
            wide=True,
        ),
    ]
    for dim in c.dimensions.values():
        pages.append(
            GeneratedPage(
                urls.dimension(dim.id),
                f"{dim.id}. {dim.name}",
                _drawn(site, urls.dimension(dim.id), cat.dimension_page, dim.id),
                dim.description,
                "criteria/dimensions.yaml",
                heading=_marked_heading(f"{dim.id}. ", dim.name),
            )
        )
    for sub in c.subdimensions.values():
        pages.append(
            GeneratedPage(
                urls.subdimension(sub.id),
                f"{sub.id} {sub.name}",
                _drawn(site, urls.subdimension(sub.id), cat.subdimension_page, sub.id),
                source="criteria/dimensions.yaml",
                heading=_marked_heading(f"{sub.id} ", sub.name),
            )
        )
    for ch in c.characteristics.values():
        pages.append(
            GeneratedPage(
                urls.characteristic(ch.id),
                f"{ch.id} {ch.name}",
                _drawn(site, urls.characteristic(ch.id), cat.characteristic_page, ch.id, across.characteristic_cities),
                lang._("MMSSC characteristic {id}: the five maturity levels.", id=ch.id),
                ch.source.path,
                heading=_marked_heading(f"{ch.id} ", ch.name),
            )
        )
    refs = c.references
    pages += [
        GeneratedPage(
            urls.STANDARDS_INDEX,
            lang._("Standards"),
            _drawn(site, urls.STANDARDS_INDEX, ref.standards_index),
            lang._("The ISO standards that help improve each part of the MMSSC."),
        ),
        GeneratedPage(
            urls.FUNCTIONS,
            lang._("ISO 18091 functions by purpose"),
            _drawn(site, urls.FUNCTIONS, ref.functions_page),
            lang._("Annex C: local-government functions of ISO 18091 for each purpose."),
        ),
        GeneratedPage(
            urls.MODELS,
            lang._("Related maturity models"),
            _drawn(site, urls.MODELS, ref.models_page),
            lang._("Table 4: other maturity models and how their levels correspond to the MMSSC."),
        ),
        GeneratedPage(
            urls.ERRATA,
            lang._("Errata"),
            _drawn(site, urls.ERRATA, ref.errata_page),
            lang._("Inconsistencies in the MMSSC source text and how this catalogue resolves them."),
            "criteria/errata.yaml",
        ),
    ]
    for std in refs.standards.values():
        pages.append(
            GeneratedPage(
                urls.standard(std.slug),
                std.id,
                _drawn(site, urls.standard(std.slug), ref.standard_page, std),
                std.title,
                "criteria/standards.yaml",
            )
        )
    if not edition.language.is_default:
        code = edition.language.code
        # counted against the English catalogue: the localised one no longer tells translated from stale
        covered = coverage(project.catalogue, project.translations.get(code), language=code)
        pages.append(
            GeneratedPage(
                urls.TRANSLATION,
                lang._("Translation of the catalogue"),
                _drawn(site, urls.TRANSLATION, translation.coverage_page, covered),
                lang._("Which texts of the catalogue are translated into this language, stale or still in English."),
            )
        )
    pages += _city_pages(site, project.registry.addresses, reuse, downloads)
    nav_children = {urls.CRITERIA_INDEX: _catalogue_nav(c)}
    nav_children[urls.STANDARDS_INDEX] = [NavEntry(s.id, urls.standard(s.slug)) for s in refs.standards.values()]
    files = language_files(
        c, project.registry, edition.language, site_url=settings.site_url, built=settings.today, reuse=reuse
    )
    return SitePlan(pages, files, nav_children)


def _city_pages(site: SiteData, addresses: dict[str, str], reuse: Reuse, downloads: Downloads) -> list[GeneratedPage]:
    """One page per city and per country, plus the index, comparison and methodology.

    City pages are deliberately not in the navigation: MkDocs renders the whole navigation
    into every page, so listing thousands of cities there would make the build quadratic."""
    lang = site.language
    pages = [
        GeneratedPage(
            urls.CITIES_INDEX,
            lang._("Cities"),
            _drawn(site, urls.CITIES_INDEX, across.cities_index),
            lang._("Cities publishing their progress against the MMSSC."),
            search=Search.OUTLINE,
        ),
        GeneratedPage(
            urls.COMPARE,
            lang._("Compare peers"),
            _drawn(site, urls.COMPARE, across.compare_page),
            lang._("Compare cities of the same size band or type of community."),
            search=Search.OUTLINE,
        ),
        GeneratedPage(
            urls.OPEN_DATA,
            lang._("Open data"),
            _drawn(site, urls.OPEN_DATA, method.open_data_page, downloads),
            lang._("The catalogue and all assessments as JSON and CSV, with their schemas."),
        ),
        GeneratedPage(
            urls.METHODOLOGY,
            lang._("Methodology"),
            _drawn(site, urls.METHODOLOGY, method.methodology_page),
            lang._("How the figures on the city pages are computed."),
        ),
    ]
    by_country: dict[str, list] = {}

    def city_page(at: str, title: str, draw: Callable[..., Markup], city: City, description: str) -> GeneratedPage:
        # not searchable: indexing thousands of data pages would dominate the build (and the index every
        # reader downloads); each city has a small entry of its own (plugin/search.py). Drawn from one
        # city's folder: kept in the store by its address, and written through its folder's shared shell
        return GeneratedPage(
            at,
            title,
            _drawn(site, at, draw, city),
            description,
            city.source.path,
            search=Search.NONE,
            shared_shell=True,
            key=reuse.key(addresses.get(city.slug), lang.code, at),
        )

    for city in site.cities:
        by_country.setdefault(city.country, []).append(city)
        name = city.name
        pages.append(
            city_page(
                urls.city(city.slug),
                name,
                citypage.city_page,
                city,
                lang._("Progress of {city} against the MMSSC.", city=name),
            )
        )
        if city.latest is not None:
            pages.append(
                city_page(
                    urls.city_ratings(city.slug),
                    lang._("{city}, characteristic by characteristic", city=name),
                    rows.ratings_page,
                    city,
                    lang._(
                        "The ratings of {city} against the MMSSC, with their justification and evidence.", city=name
                    ),
                )
            )
        if city.indicators:
            pages.append(
                city_page(
                    urls.city_outcomes(city.slug),
                    lang._("Outcomes in {city}", city=name),
                    outcomes.outcomes_page,
                    city,
                    lang._("What {city} reports residents get: indicators, targets and gaps.", city=name),
                )
            )
    found = indicators.standard_indicators(list(site.cities))
    pages.append(
        GeneratedPage(
            urls.INDICATORS_INDEX,
            lang._("Standard indicators"),
            _drawn(site, urls.INDICATORS_INDEX, indicators.indicators_index, found),
            lang._("The indicators of published standards that cities report, city by city."),
            search=Search.OUTLINE,
        )
    )
    for reference, reported in found.items():
        at = urls.standard_indicator(standard_slug(reference))
        pages.append(
            GeneratedPage(
                at,
                reference,
                _drawn(site, at, indicators.standard_indicator_page, reference, reported),
                lang._("Every city reporting {reference}, with its own trend and status.", reference=reference),
                search=Search.NONE,
                # at the same depth and outside the navigation, like city pages: drawn on every core, through
                # their folder's shared shell (a page lists every city reporting it: thousands, at scale)
                shared_shell=True,
            )
        )
    for code, members in sorted(by_country.items()):
        pages.append(
            GeneratedPage(
                urls.country(code),
                lang._("Cities in {country}", country=site.language.country(code)),
                _drawn(site, urls.country(code), across.country_page, code, members),
                search=Search.NONE,
            )
        )
    return pages


def _catalogue_nav(c: Catalogue) -> list[NavEntry]:
    entries = []
    for dim in c.dimensions.values():
        children: list[NavEntry] = []
        if dim.subdimension_ids:
            for sid in dim.subdimension_ids:
                sub = c.subdimensions[sid]
                children.append(
                    NavEntry(
                        f"{sid} {sub.name}",
                        urls.subdimension(sid),
                        [_characteristic_entry(c, cid) for cid in sub.characteristic_ids],
                        _marked_heading(f"{sid} ", sub.name),
                    )
                )
        else:
            children = [_characteristic_entry(c, cid) for cid in dim.characteristic_ids]
        entries.append(
            NavEntry(
                f"{dim.id}. {dim.name}", urls.dimension(dim.id), children, _marked_heading(f"{dim.id}. ", dim.name)
            )
        )
    return entries


def _characteristic_entry(c: Catalogue, cid: str) -> NavEntry:
    name = c.characteristics[cid].name
    return NavEntry(f"{cid} {name}", urls.characteristic(cid), [], _marked_heading(f"{cid} ", name))
