"""The self-assessment form, ``assess/``: Annex A as a form in the browser.

Everything a person reads is drawn here at build time from the catalogue (the 32 characteristics
by dimension and sub-dimension, each level's criteria and the whole requirement of a cumulative
level, the methods and stakeholder groups) and from the site's cities; ``docs/assets/assess.js``
makes it work: the validator's rules as the person types, drafts kept in the browser, files
opened and downloaded in the format of ``scripts/new-assessment``, and a proposal on GitHub.
Without JavaScript the page says how to do the same with ``scripts/new-assessment``.
"""

from __future__ import annotations

from ..model.assessments import COMMUNITY_TYPES, CONSOLIDATION_RULES, GROUP_VIEW_METHODS
from ..site import urls
from ..validate.countries import country_names
from .assess_characteristics import characteristics_part
from .assess_script import messages_script, noscript
from .context import PageContext
from .form_fields import error_slot, input_field, select, textarea
from .html import Content, Markup, join, tag
from .pieces import country_name


def _header(page: PageContext) -> Markup:
    catalogue = page.catalogue
    # the cities themselves come from data/cities/index.json (assess.js): the page stays the same size
    city_options = [tag("option", page._("Choose…"), value="")]
    city_options.append(tag("option", page._("A new city (not on the site yet)"), value="__new__"))
    countries = sorted(
        ((code, country_name(page, code)) for code in country_names()), key=lambda item: item[1].casefold()
    )
    new_city = tag(
        "fieldset",
        tag("legend", page._("The new city's profile (city.yaml)")),
        input_field(
            page,
            "f-city-slug",
            page._("Folder name"),
            page._("Lowercase letters a-z, digits and single hyphens, e.g. sao-paulo: the city's address on the site."),
            autocomplete="off",
            spellcheck="false",
        ),
        input_field(
            page, "f-city-name", page._("Name"), page._("In its own script and with its accents, e.g. São Paulo.")
        ),
        select(page, "f-city-country", page._("Country"), countries),
        input_field(
            page,
            "f-city-language",
            page._("Language of the city's text"),
            page._(
                "The language your description, summaries and justifications are written in, as a BCP 47 tag: "
                "el, fr, pt-BR…"
            ),
            autocapitalize="off",
            spellcheck="false",
        ),
        input_field(page, "f-city-region", page._("Region"), optional=True),
        input_field(
            page, "f-city-population", page._("Population"), page._("Digits only, e.g. 250000."), inputmode="numeric"
        ),
        select(
            page,
            "f-city-community_type",
            page._("Type of community"),
            [(key, page._(label)) for key, label in COMMUNITY_TYPES.items()],
        ),
        input_field(
            page,
            "f-city-website",
            page._("Web site"),
            page._("A full address, https://…"),
            optional=True,
            inputmode="url",
        ),
        input_field(
            page,
            "f-city-contact",
            page._("Contact"),
            page._("mailto:name@example.org or a contact page https://…"),
            optional=True,
        ),
        input_field(
            page,
            "f-city-maintainers",
            page._("Maintainers"),
            page._("GitHub user names of the people who may update the city's files, separated by commas."),
            autocomplete="off",
            spellcheck="false",
        ),
        textarea(
            page,
            "f-city-description",
            page._("Description"),
            page._("One or two sentences about the city."),
            optional=True,
        ),
        id="f-city-new",
        class_="assess-city-new",
        hidden=True,
    )
    participants = tag(
        "fieldset",
        tag("legend", page._("Participants: the stakeholder groups that took part")),
        [
            tag(
                "div",
                tag("input", type="checkbox", id=f"f-participants-{gid}", value=gid, name_="participants"),
                tag("label", group.name, for_=f"f-participants-{gid}"),
                class_="assess-choice",
            )
            for gid, group in catalogue.stakeholder_groups.items()
        ],
        error_slot("f-participants"),
        id="f-participants",
        class_="assess-participants",
        aria_describedby="f-participants-error",
    )
    methods = [(mid, m.name) for mid, m in catalogue.methods.items()]
    consolidation = tag(
        "div",
        select(
            page,
            "f-consolidation",
            page._("Consolidation of the groups' views"),
            [(k, f"{k}: {page._(v)}") for k, v in CONSOLIDATION_RULES.items()],
            page._("Needed when you record each group's view."),
            empty=page._("None"),
        ),
        class_="assess-consolidation",
        hidden=True,
        data_methods=" ".join(GROUP_VIEW_METHODS),
    )
    return join(
        [
            page.heading(2, page._("The city"), id="city"),
            select(
                page,
                "f-city",
                page._("City"),
                [],
                page._("An existing city starts from its latest published assessment."),
                option_tags=city_options,
            ),
            tag("div", "", id="assess-last-status", class_="assess-status", role="status"),
            new_city,
            page.heading(2, page._("The assessment"), id="assessment"),
            input_field(
                page,
                "f-date",
                page._("Date of the assessment"),
                page._("YYYY-MM-DD: the day it was made; it names the file."),
                autocomplete="off",
                inputmode="numeric",
            ),
            select(
                page,
                "f-model_version",
                page._("Model version"),
                [(v, m.name) for v, m in catalogue.versions.items()],
            ),
            select(
                page,
                "f-method",
                page._("Method"),
                methods,
                page._("How the assessment was made; see How to assess for what each method gives."),
            ),
            participants,
            consolidation,
            input_field(
                page,
                "f-assessors",
                page._("Assessors"),
                page._("A team or organisation, not private persons."),
                optional=True,
            ),
            textarea(
                page,
                "f-summary",
                page._("Summary"),
                page._("The main findings in a few sentences."),
                optional=True,
                rows=4,
            ),
            input_field(
                page,
                "f-updated",
                page._("Corrected on"),
                page._("Only when correcting a published file: the date of the correction, YYYY-MM-DD."),
                optional=True,
                inputmode="numeric",
            ),
        ]
    )


def _files(page: PageContext) -> Markup:
    settings = page.settings
    propose: list[Content] = []
    if settings.repository_url:
        propose = [
            tag("button", page._("Propose on GitHub"), type="button", id="assess-propose", class_="md-button"),
            tag(
                "button",
                page._("Propose city.yaml on GitHub"),
                type="button",
                id="assess-propose-city",
                class_="md-button",
                hidden=True,
            ),
        ]
    return tag(
        "div",
        tag(
            "div",
            tag("label", page._("Open an assessment file"), for_="assess-open", class_="md-button"),
            tag("input", type="file", id="assess-open", accept=".yaml,.yml,text/yaml", class_="assess-file"),
            tag(
                "button", page._("Download"), type="button", id="assess-download", class_="md-button md-button--primary"
            ),
            *propose,
            tag("button", page._("Discard the draft"), type="button", id="assess-discard", class_="md-button"),
            class_="assess-actions",
        ),
        _older_drafts(page),
        tag("div", "", id="assess-file-status", class_="assess-status", role="status"),
        _correction(page),
        class_="assess-files",
    )


# How old a draft may be before "Discard older drafts" removes it: (days, label); a month is preselected.
def _draft_ages(page: PageContext) -> list[tuple[int, str]]:
    return [(7, page._("a week")), (30, page._("a month")), (91, page._("three months")), (365, page._("a year"))]


def _older_drafts(page: PageContext) -> Markup:
    """Drafts stay in the browser until discarded: the choice to discard those saved before a time."""
    return tag(
        "div",
        tag("label", page._("Discard this browser's drafts older than"), for_="assess-draft-age"),
        " ",
        tag(
            "select",
            [tag("option", label, value=str(days), selected=days == 30) for days, label in _draft_ages(page)],
            id="assess-draft-age",
        ),
        " ",
        tag("button", page._("Discard older drafts"), type="button", id="assess-discard-older", class_="md-button"),
        class_="assess-actions assess-draft-ages",
    )


def _correction(page: PageContext) -> Markup:
    """Shown when an assessment file is opened: a published one changes only with a visible correction."""
    return tag(
        "fieldset",
        tag("legend", page._("Correcting a published assessment")),
        tag(
            "p",
            page._(
                "A published assessment is never silently rewritten: when you change a value of an opened file, the "
                "downloaded file records the earlier value, today's date and your reason, and the city's page shows "
                "the correction."
            ),
        ),
        tag(
            "p",
            tag("input", type="checkbox", id="f-correcting", checked=True),
            " ",
            tag(
                "label", page._("This assessment is published: record my changes as a correction"), for_="f-correcting"
            ),
        ),
        textarea(
            page,
            "f-correction_reason",
            page._("Reason for the correction"),
            page._("Shown on the city's page with the old and new values, and in its feed."),
            rows=2,
        ),
        id="assess-correction",
        class_="assess-correction",
        hidden=True,
    )


def _next_steps(page: PageContext) -> Markup:
    settings = page.settings
    here = page.here
    if settings.repository_url:
        how = [
            tag(
                "p",
                page._m(
                    "“Propose on GitHub” opens GitHub's page for a new file in {path}, with your file in it when "
                    "it is short enough for a web address; otherwise the page opens empty and your file is copied "
                    "to the clipboard: paste it in. Then:",
                    path=tag("code", "assessments/<city>/<date>.yaml"),
                ),
            ),
            tag(
                "ol",
                [
                    tag(
                        "li",
                        page._("Without write access to the repository, GitHub makes your own copy (a fork) first."),
                    ),
                    tag("li", page._("“Propose new file”, then “Create pull request”.")),
                    tag("li", page._("The automatic checks run the same rules as this form and build the site.")),
                    tag(
                        "li",
                        page._("A maintainer of your city (or, for a new city, of the project) reviews and merges."),
                    ),
                ],
            ),
            tag(
                "p",
                page._(
                    "For a new city, propose city.yaml first; then add the assessment to the same branch "
                    "(“Add file” on your branch) before opening the pull request."
                ),
            ),
        ]
    else:
        how = [
            tag(
                "p",
                page._m(
                    "This site has no repository configured, so the form cannot open GitHub for you. Download the "
                    "file(s), put them in {folder} of the project's repository and open a pull request, or send "
                    "them to the site's maintainers: the {contribute} explains both.",
                    folder=tag("code", "assessments/<city>/"),
                    contribute=here.to(urls.CONTRIBUTE, page._("Contribute page")),
                ),
            )
        ]
    return join([page.heading(2, page._("What happens next"), id="next"), *how])


def assess_page(page: PageContext) -> Markup:
    settings = page.settings
    here = page.here
    count = len(page.catalogue.characteristics)
    intro = [
        tag(
            "p",
            page.n_m(
                "Assess your city against the MMSSC here, in your browser: for its {n} characteristic, the level "
                "whose criteria describe the city now and the one you expect in two years. The form checks every "
                "answer with the same rules as the site's automatic checks, and writes the file to publish, in the "
                "format of {script}. How to choose a level is on the {how} page.",
                "Assess your city against the MMSSC here, in your browser: for each of the {n} characteristics, "
                "the level whose criteria describe the city now and the one you expect in two years. The form "
                "checks every answer with the same rules as the site's automatic checks, and writes the file to "
                "publish, in the format of {script}. How to choose a level is on the {how} page.",
                count,
                script=tag("code", "scripts/new-assessment"),
                how=here.to(urls.HOW_TO_ASSESS, page._("How to assess")),
            ),
        ),
        tag(
            "p",
            page._(
                "Your answers stay in this browser (saved as a draft as you type) until you download them or propose "
                "them on GitHub. Choosing a city that is already on the site shows its last published levels and "
                "promises beside each characteristic; nothing is filled in for you: “Copy last time's answer” "
                "copies one characteristic's answer when you confirm it still holds."
            ),
        ),
        tag(
            "p",
            page._m(
                "Outcome indicators (what residents get, year by year) are not entered here: keep each in a "
                "spreadsheet with the columns {year} and {value} (and its group columns, such as {district}), save it "
                "as CSV UTF-8, and add it with {script}; the {contribute} page explains how. Levels 3 of 1.5.2 and 4 "
                "of each purpose require them.",
                script=tag("code", "scripts/new-indicator"),
                # the CSV's column names, written as they must be in any language
                year=tag("code", "year"),
                value=tag("code", "value"),
                district=tag("code", "district"),
                contribute=here.to(urls.CONTRIBUTE + "#outcome-indicators", page._("Contribute")),
            ),
        ),
    ]
    progress = [
        tag("p", "", id="assess-progress", class_="assess-progress", role="status"),
        tag(
            "div",
            tag("h2", page._("Problems to fix"), id="assess-problems-title"),
            tag("ul", "", id="assess-problems"),
            id="assess-summary",
            class_="assess-summary",
            hidden=True,
        ),
    ]
    preview = join(
        [
            page.heading(2, page._("Preview"), id="preview"),
            tag(
                "p",
                page._(
                    "The levels as they stand, now and in two years, and for a city with a published assessment, "
                    "what changed since then and whether its two-year promises are met."
                ),
            ),
            tag("div", "", id="assess-preview", class_="assess-preview"),
        ]
    )
    app = tag(
        "form",
        *progress,
        _files(page),
        _header(page),
        characteristics_part(page),
        preview,
        id="assess-app",
        class_="assess-app",
        novalidate=True,
        hidden=True,
        data_repository=settings.repository_url or "",
        data_branch=settings.branch,
        data_cities=here.href(urls.CITY_INDEX),
        aria_label=page._("Self-assessment"),
    )
    return join(
        [
            tag("link", rel="stylesheet", href=here.href("assets/assess.css")),
            *intro,
            noscript(page),
            app,
            _next_steps(page),
            messages_script(page),
            tag("script", "", type="module", src=here.href("assets/assess.js")),
        ]
    )
