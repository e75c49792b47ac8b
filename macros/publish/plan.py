"""Which pages and files the site has: the plan of one build, independent of the site engine.

Each :class:`~macros.site.pages.GeneratedPage` gets a stable URL, a plain-text title and a
function that draws its body with ``render`` on demand (so thousands of pages never sit in
memory at once); the MkDocs plugin turns the plan into virtual files.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..render import across_cities as across
from ..render import assess_page as assess
from ..render import catalogue_pages as cat
from ..render import city_pages as citypage
from ..render import overview_pages as overview
from ..render import reference_pages as ref
from ..render.context import SiteData, render_page
from ..render.html import Markup
from ..render.pieces import country_name
from ..site import urls
from ..site.pages import GeneratedPage, NavEntry, RenderedPage, SitePlan
from ..site.settings import SiteSettings
from .exports import reporting_files
from .project import Project


def _drawn(site: SiteData, url: str, draw: Callable[..., Markup], *subject: object) -> Callable[[], RenderedPage]:
    """The page's render function: ``draw(page, *subject)`` when the engine asks for the body."""
    return functools.partial(render_page, site, url, draw, *subject)


def plan_site(project: Project, settings: SiteSettings) -> SitePlan:
    c = project.catalogue
    cities = list(project.registry.cities.values())
    site = SiteData(c, project.crossrefs, cities, settings)
    pages: list[GeneratedPage] = [
        GeneratedPage(
            urls.CRITERIA_INDEX,
            "Criteria",
            _drawn(site, urls.CRITERIA_INDEX, cat.criteria_index),
            "The dimensions, sub-dimensions and characteristics of the MMSSC.",
        ),
        GeneratedPage(
            urls.CRITERIA_TABLE,
            "Achievement Criteria Table",
            _drawn(site, urls.CRITERIA_TABLE, overview.criteria_table),
            "All achievement criteria of the MMSSC on one page (Annex A).",
            wide=True,
        ),
        GeneratedPage(
            urls.STRUCTURE,
            "Model structure",
            _drawn(site, urls.STRUCTURE, overview.structure_page),
            "Dimensions, sub-dimensions and characteristics of the MMSSC (Figure 2).",
        ),
        GeneratedPage(
            urls.LEVELS,
            "Maturity levels",
            _drawn(site, urls.LEVELS, overview.levels_page),
            "The five maturity levels and their three families of definitions (Table 2).",
        ),
        GeneratedPage(
            urls.PRINCIPLES,
            "Design principles",
            _drawn(site, urls.PRINCIPLES, overview.principles_page),
            "The seven design principles of the MMSSC (Table 1).",
        ),
        GeneratedPage(
            urls.HOW_TO_ASSESS,
            "How to assess",
            _drawn(site, urls.HOW_TO_ASSESS, overview.how_to_assess_page),
            "Baselining now and in two years, the five assessment methods, and the PDCA cycle.",
        ),
        GeneratedPage(
            urls.ASSESS,
            "Self-assessment",
            _drawn(site, urls.ASSESS, assess.assess_page),
            "Assess a city against the MMSSC in the browser and get the file to publish, checked by the site's rules.",
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
            )
        )
    for sub in c.subdimensions.values():
        pages.append(
            GeneratedPage(
                urls.subdimension(sub.id),
                f"{sub.id} {sub.name}",
                _drawn(site, urls.subdimension(sub.id), cat.subdimension_page, sub.id),
                source="criteria/dimensions.yaml",
            )
        )
    for ch in c.characteristics.values():
        pages.append(
            GeneratedPage(
                urls.characteristic(ch.id),
                f"{ch.id} {ch.name}",
                _drawn(site, urls.characteristic(ch.id), cat.characteristic_page, ch.id, across.characteristic_cities),
                f"MMSSC characteristic {ch.id}: the five maturity levels.",
                ch.source.path,
            )
        )
    refs = c.references
    pages += [
        GeneratedPage(
            urls.STANDARDS_INDEX,
            "Standards",
            _drawn(site, urls.STANDARDS_INDEX, ref.standards_index),
            "The ISO standards that help improve each part of the MMSSC.",
        ),
        GeneratedPage(
            urls.FUNCTIONS,
            "ISO 18091 functions by purpose",
            _drawn(site, urls.FUNCTIONS, ref.functions_page),
            "Annex C: local-government functions of ISO 18091 for each purpose.",
        ),
        GeneratedPage(
            urls.MODELS,
            "Related maturity models",
            _drawn(site, urls.MODELS, ref.models_page),
            "Table 4: other maturity models and how their levels correspond to the MMSSC.",
        ),
        GeneratedPage(
            urls.ERRATA,
            "Errata",
            _drawn(site, urls.ERRATA, ref.errata_page),
            "Inconsistencies in the MMSSC source text and how this catalogue resolves them.",
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
    pages += _city_pages(site)
    nav_children = {urls.CRITERIA_INDEX: _catalogue_nav(project)}
    nav_children[urls.STANDARDS_INDEX] = [NavEntry(s.id, urls.standard(s.slug)) for s in refs.standards.values()]
    files = reporting_files(c, project.registry, project.root, site_url=settings.site_url, built=settings.today)
    return SitePlan(pages, files, nav_children)


def _city_pages(site: SiteData) -> list[GeneratedPage]:
    """One page per city and per country, plus the index, comparison and methodology.

    City pages are deliberately not in the navigation: MkDocs renders the whole navigation
    into every page, so listing thousands of cities there would make the build quadratic."""
    pages = [
        GeneratedPage(
            urls.CITIES_INDEX,
            "Cities",
            _drawn(site, urls.CITIES_INDEX, across.cities_index),
            "Cities publishing their progress against the MMSSC.",
        ),
        GeneratedPage(
            urls.COMPARE,
            "Compare peers",
            _drawn(site, urls.COMPARE, across.compare_page),
            "Compare cities of the same size band or type of community.",
        ),
        GeneratedPage(
            urls.OPEN_DATA,
            "Open data",
            _drawn(site, urls.OPEN_DATA, across.open_data_page),
            "The catalogue and all assessments as JSON and CSV, with their schemas.",
        ),
        GeneratedPage(
            urls.METHODOLOGY,
            "Methodology",
            _drawn(site, urls.METHODOLOGY, across.methodology_page),
            "How the figures on the city pages are computed.",
        ),
    ]
    by_country: dict[str, list] = {}
    for city in site.cities:
        by_country.setdefault(city.country, []).append(city)
        # not searchable: indexing thousands of data pages would dominate the build (and the
        # index every reader downloads); city names are found through the cities index page
        pages.append(
            GeneratedPage(
                urls.city(city.slug),
                city.name,
                _drawn(site, urls.city(city.slug), citypage.city_page, city),
                f"Progress of {city.name} against the MMSSC.",
                city.source.path,
                searchable=False,
                shared_shell=True,
                inputs=(site.catalogue, site.crossrefs, city, site.settings),
            )
        )
    for code, members in sorted(by_country.items()):
        pages.append(
            GeneratedPage(
                urls.country(code),
                f"Cities in {country_name(code)}",
                _drawn(site, urls.country(code), across.country_page, code, members),
                searchable=False,
            )
        )
    return pages


def _catalogue_nav(project: Project) -> list[NavEntry]:
    c = project.catalogue
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
                        [
                            NavEntry(f"{cid} {c.characteristics[cid].name}", urls.characteristic(cid))
                            for cid in sub.characteristic_ids
                        ],
                    )
                )
        else:
            children = [
                NavEntry(f"{cid} {c.characteristics[cid].name}", urls.characteristic(cid))
                for cid in dim.characteristic_ids
            ]
        entries.append(NavEntry(f"{dim.id}. {dim.name}", urls.dimension(dim.id), children))
    return entries
