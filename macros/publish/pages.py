"""Every generated page and file of the site, described independently of the site engine.

A :class:`GeneratedPage` has a stable URL, a plain-text title and a function that renders
its HTML body on demand (so thousands of pages never sit in memory at once). The MkDocs
hook turns these into virtual files; another engine could do the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from ..render import across_cities as across
from ..render import catalogue_pages as cat
from ..render import city_pages as citypage
from ..render import reference_pages as ref
from ..render.html import Markup
from ..render.links import Here
from . import urls
from .exports import reporting_files
from .project import Project
from .settings import SiteSettings


@dataclass
class GeneratedPage:
    url: str
    title: str  # plain text; the engine adapter escapes it
    render: Callable[[Here], Markup]
    description: str = ""
    source: str | None = None  # data file the page comes from, for "edit" links
    wide: bool = False  # needs the whole width (hide the side navigation)
    searchable: bool = True  # in the site search index (city pages are found through the cities index instead)
    # one of many pages at the same depth, outside the navigation, that differ only in their own
    # title, description and body: written through one shared page shell (see publish/shell.py)
    shared_shell: bool = False
    # what the body is made from, when that is all it depends on: while these are the same
    # objects (a long-running ``mkdocs serve`` keeps unchanged cities), the page need not be redrawn
    inputs: tuple = ()

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass
class GeneratedFile:
    """A non-page output (JSON, CSV, SVG, Atom…) at a stable path.

    Large files give a ``writer`` that streams into an open binary file, so that an export of
    thousands of cities never sits in memory whole; small ones just give their ``content``."""

    path: str
    content: Callable[[], bytes] | None = None
    writer: Callable[[BinaryIO], None] | None = None

    def write(self, out: BinaryIO) -> None:
        if self.writer is not None:
            self.writer(out)
        else:
            out.write(self.content())

    def data(self) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()


@dataclass
class NavEntry:
    title: str
    url: str
    children: list[NavEntry] = field(default_factory=list)


@dataclass
class SitePlan:
    pages: list[GeneratedPage]
    files: list[GeneratedFile]
    # a page URL → the entries shown beneath it in the navigation (bounded: never one per city)
    nav_children: dict[str, list[NavEntry]]


def country_name(code: str) -> str:
    from ..validate.countries import country_name as lookup

    return lookup(code) or code


def plan_site(project: Project, settings: SiteSettings) -> SitePlan:
    c, x = project.catalogue, project.crossrefs
    cities = list(project.registry.cities.values())
    pages: list[GeneratedPage] = [
        GeneratedPage(
            urls.CRITERIA_INDEX,
            "Criteria",
            lambda h: cat.criteria_index(c, h),
            "The dimensions, sub-dimensions and characteristics of the MMSSC.",
        ),
        GeneratedPage(
            urls.CRITERIA_TABLE,
            "Achievement Criteria Table",
            lambda h: cat.criteria_table(c, h),
            "All achievement criteria of the MMSSC on one page (Annex A).",
            wide=True,
        ),
        GeneratedPage(
            urls.STRUCTURE,
            "Model structure",
            lambda h: cat.structure_page(c, h),
            "Dimensions, sub-dimensions and characteristics of the MMSSC (Figure 2).",
        ),
        GeneratedPage(
            urls.LEVELS,
            "Maturity levels",
            lambda h: cat.levels_page(c, h),
            "The five maturity levels and their three families of definitions (Table 2).",
        ),
        GeneratedPage(
            urls.PRINCIPLES,
            "Design principles",
            lambda h: cat.principles_page(c, h),
            "The seven design principles of the MMSSC (Table 1).",
        ),
        GeneratedPage(
            urls.HOW_TO_ASSESS,
            "How to assess",
            lambda h: cat.how_to_assess_page(c, h),
            "Baselining now and in two years, the five assessment methods, and the PDCA cycle.",
        ),
    ]
    for dim in c.dimensions.values():
        pages.append(
            GeneratedPage(
                urls.dimension(dim.id),
                f"{dim.id}. {dim.name}",
                lambda h, d=dim.id: cat.dimension_page(c, h, d, x),
                dim.description,
                "criteria/dimensions.yaml",
            )
        )
    for sub in c.subdimensions.values():
        pages.append(
            GeneratedPage(
                urls.subdimension(sub.id),
                f"{sub.id} {sub.name}",
                lambda h, s=sub.id: cat.subdimension_page(c, h, s, x),
                source="criteria/dimensions.yaml",
            )
        )
    for ch in c.characteristics.values():
        pages.append(
            GeneratedPage(
                urls.characteristic(ch.id),
                f"{ch.id} {ch.name}",
                lambda h, i=ch.id: cat.characteristic_page(c, h, i, x, across.characteristic_cities(c, h, i, cities)),
                f"MMSSC characteristic {ch.id}: the five maturity levels.",
                ch.source.path,
            )
        )
    if c.references is not None:
        refs = c.references
        pages += [
            GeneratedPage(
                urls.STANDARDS_INDEX,
                "Standards",
                lambda h: ref.standards_index(c, h, x),
                "The ISO standards that help improve each part of the MMSSC.",
            ),
            GeneratedPage(
                urls.FUNCTIONS,
                "ISO 18091 functions by purpose",
                lambda h: ref.functions_page(c, h),
                "Annex C: local-government functions of ISO 18091 for each purpose.",
            ),
            GeneratedPage(
                urls.MODELS,
                "Related maturity models",
                lambda h: ref.models_page(c, h),
                "Table 4: other maturity models and how their levels correspond to the MMSSC.",
            ),
            GeneratedPage(
                urls.ERRATA,
                "Errata",
                lambda h: ref.errata_page(c, h),
                "Inconsistencies in the MMSSC source text and how this catalogue resolves them.",
                "criteria/errata.yaml",
            ),
        ]
        for std in refs.standards.values():
            pages.append(
                GeneratedPage(
                    urls.standard(std.slug),
                    std.id,
                    lambda h, s=std: ref.standard_page(c, h, s, x),
                    std.title,
                    "criteria/standards.yaml",
                )
            )
    pages += _city_pages(project, settings, cities)
    nav_children = {urls.CRITERIA_INDEX: _catalogue_nav(project)}
    if c.references is not None:
        nav_children[urls.STANDARDS_INDEX] = [
            NavEntry(s.id, urls.standard(s.slug)) for s in c.references.standards.values()
        ]
    files = reporting_files(c, project.registry, project.root, site_url=settings.site_url, built=settings.today)
    return SitePlan(pages, files, nav_children)


def _city_pages(project: Project, settings: SiteSettings, cities: list) -> list[GeneratedPage]:
    """One page per city and per country, plus the index, comparison and methodology.

    City pages are deliberately not in the navigation: MkDocs renders the whole navigation
    into every page, so listing thousands of cities there would make the build quadratic."""
    c, x = project.catalogue, project.crossrefs
    ctx = citypage.CityContext(settings.today, settings.stale_after_months, country_name, settings.source_url)
    pages = [
        GeneratedPage(
            urls.CITIES_INDEX,
            "Cities",
            lambda h: across.cities_index(c, h, cities, country_name),
            "Cities publishing their progress against the MMSSC.",
        ),
        GeneratedPage(
            urls.COMPARE,
            "Compare peers",
            lambda h: across.compare_page(c, h, cities),
            "Compare cities of the same size band or type of community.",
        ),
        GeneratedPage(
            urls.OPEN_DATA,
            "Open data",
            lambda h: across.open_data_page(c, h),
            "The catalogue and all assessments as JSON and CSV, with their schemas.",
        ),
        GeneratedPage(
            urls.METHODOLOGY,
            "Methodology",
            lambda h: across.methodology_page(c, h, settings.stale_after_months),
            "How the figures on the city pages are computed.",
        ),
    ]
    by_country: dict[str, list] = {}
    for city in cities:
        by_country.setdefault(city.country, []).append(city)
        # not searchable: indexing thousands of data pages would dominate the build (and the
        # index every reader downloads); city names are found through the cities index page
        pages.append(
            GeneratedPage(
                urls.city(city.slug),
                city.name,
                lambda h, ci=city: citypage.city_page(c, h, ci, x, ctx),
                f"Progress of {city.name} against the MMSSC.",
                city.source.path,
                searchable=False,
                shared_shell=True,
                inputs=(c, x, city, settings),
            )
        )
    for code, members in sorted(by_country.items()):
        pages.append(
            GeneratedPage(
                urls.country(code),
                f"Cities in {country_name(code)}",
                lambda h, k=code, m=members: across.country_page(c, h, k, m, country_name),
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
