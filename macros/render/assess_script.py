"""What the self-assessment form's script needs from its page: the words it writes at run time, in
the page's language, as JSON (``script#mmssc-assess-messages``: the script never holds interface text
of its own), and what the page says to a browser without the script (``noscript``)."""

from __future__ import annotations

import json

from babel import Locale

from ..model.text import Untranslated
from ..site import urls
from .context import PageContext
from .html import Markup, tag


def noscript(page: PageContext) -> Markup:
    return tag(
        "noscript",
        tag(
            "div",
            tag(
                "p",
                page._m(
                    "{needs} Without it, make the same file on your computer:",
                    needs=tag("strong", page._("This form needs JavaScript.")),
                ),
            ),
            tag(
                "pre",
                tag(
                    "code",
                    page._(
                        "scripts/new-assessment --new-city my-city 2026-03-15   # the first time\n"
                        "scripts/new-assessment my-city 2026-03-15              # the next times\n"
                        "make validate"
                    ),
                ),
            ),
            tag(
                "p",
                page._m(
                    "The file it writes lists every level's criteria as comments; fill in every {null}, {empty} and "
                    "{todo}. The {contribute} explains every field and how to send the file.",
                    null="null",
                    empty="[]",
                    todo="TODO",
                    contribute=page.here.to(urls.CONTRIBUTE, page._("Contribute page")),
                ),
            ),
            class_="admonition note",
        ),
    )


class _Plurals:
    """A counted message for the script: its form for each CLDR plural category of the page's language
    (``one``, ``other``…), ``{n}`` left for the script to fill (it picks with ``Intl.PluralRules``)."""

    def __init__(self, page: PageContext) -> None:
        self.translations = page.lang.translations
        rule = Locale.parse(page.lang.code.replace("-", "_")).plural_form
        self.samples: dict[str, int] = {}
        for n in (*range(0, 200), 1_000_000):
            self.samples.setdefault(rule(n), n)

    def n_(self, singular: str, plural: str) -> dict[str, str]:
        return {category: self.translations.ngettext(singular, plural, n) for category, n in self.samples.items()}


def _name(text: str) -> dict[str, str]:
    """A catalogue name for the script, saying when it is English on a page in another language."""
    return {"text": str(text), "lang": "en"} if type(text) is Untranslated else {"text": str(text)}


def _messages(page: PageContext) -> dict[str, object]:
    """Every word the script writes, in the page's language (``{name}`` placeholders it fills as text)."""
    catalogue = page.catalogue
    p = _Plurals(page)
    return {
        "levels": {str(n): _name(level.name) for n, level in catalogue.levels.items()},
        "characteristics": {cid: _name(ch.name) for cid, ch in catalogue.characteristics.items()},
        "groups": {gid: _name(group.name) for gid, group in catalogue.stakeholder_groups.items()},
        # the evidence rows and the groups' rows
        "evidence": page._("Evidence {n}"),
        "evidence_title": page._("Title"),
        "evidence_url": page._("Web address"),
        "evidence_date": page._("Date (optional)"),
        "date_hint": page._("YYYY-MM-DD"),
        "remove_evidence": page._("Remove evidence {n}"),
        "group_now": page._("{group}: now"),
        "group_in_two_years": page._("{group}: in two years"),
        "median": page._(
            'With consolidation "median" the levels are the median of the groups\' views (now {now}, '
            'in two years {later}): leave "Level now" and "Level in two years" empty.'
        ),
        # problems (the validator's own messages stay in English, marked so)
        "error": page._("Error: {message}"),
        "check": page._("Check: {message}"),
        "choose_city": page._("city: choose the city, or a new city"),
        "not_kept": page._("not kept by the form: {fields}"),
        # the progress line
        "progress": page._("{done}, {problems}"),
        "progress_unfilled": page._("{done}, {problems}, {unfilled}"),
        "progress_ready": page._("{done}, {problems}: the file is ready to publish"),
        "done": p.n_("{n} of {total} characteristics done", "{n} of {total} characteristics done"),
        "problems": p.n_("{n} problem", "{n} problems"),
        "unfilled": p.n_("{n} answer still to give", "{n} answers still to give"),
        # the preview
        "preview_caption": page._("The levels as they stand in the form"),
        "preview_characteristic": page._("Characteristic"),
        "preview_now": page._("Now"),
        "preview_in_two_years": page._("In two years"),
        "preview_last": page._("Last time ({date}): now → in two years"),
        "preview_change": page._("Change since then"),
        "preview_promise": page._("Promise of {date} kept?"),
        "not_assessed": page._("not assessed"),
        "up": p.n_("up {n}", "up {n}"),
        "down": p.n_("down {n}", "down {n}"),
        "same": page._("same"),
        "promise_kept": page._("yes (promised {level})"),
        "promise_not_kept": page._("not yet (promised {level})"),
        # last time
        "last_unavailable": page._(
            "Last time's levels could not be loaded from the site's open data (data/cities/); "
            "the form works without them."
        ),
        "last_none": page._("This city has no published assessment yet."),
        "last_shown": page._(
            "Shown beside each characteristic: the levels of {city}'s latest published assessment, of {date}. "
            "Nothing is filled in for you."
        ),
        "last_missing": page._("Last time ({date}): not in that assessment."),
        "last_not_assessed": page._("Last time ({date}): not assessed."),
        "last_levels": page._("Last time ({date}): now {now}, in two years {later} (its promise for now)."),
        "copy_last": page._("Copy last time's answer for {cid}"),
        # files
        "not_opened": page._("{name} was not opened: the site's checks refuse it too."),
        "opened": page._("Opened {name}."),
        "opened_problems": p.n_(
            "Opened {name}: as opened, it has {n} problem, listed below and next to its field.",
            "Opened {name}: as opened, it has {n} problems, listed below and next to their fields.",
        ),
        "downloaded": page._("Downloaded {files}: the file passes the site's checks."),
        "downloaded_problems": p.n_(
            "Downloaded {files}, with {n} problem still to fix (listed at the top): the site's checks will refuse "
            "the file until it is fixed; you can open it here again to carry on.",
            "Downloaded {files}, with {n} problems still to fix (listed at the top): the site's checks will refuse "
            "the file until they are fixed; you can open it here again to carry on.",
        ),
        "checks_pass": page._("The file passes the site's checks."),
        "checks_fail": p.n_(
            "The file has {n} problem still to fix (listed at the top): the site's checks will refuse it until it "
            "is fixed; you can open it here again to carry on.",
            "The file has {n} problems still to fix (listed at the top): the site's checks will refuse it until "
            "they are fixed; you can open it here again to carry on.",
        ),
        "proposed": page._("GitHub's page for a new file {path} was opened with your file in it."),
        "proposed_copied": page._(
            "Your file is too long to travel in a web address, so GitHub's page for {path} was opened empty and "
            "the file was copied to the clipboard: paste it into GitHub's editor."
        ),
        "proposed_not_copied": page._(
            "Your file is too long to travel in a web address and could not be copied to the clipboard: GitHub's "
            "page for {path} was opened empty; use Download, then paste the file's content into GitHub's editor."
        ),
        "propose_errors": p.n_(
            "Nothing was proposed: the file has {n} problem still to fix (listed at the top). GitHub would "
            "refuse it; fix it, then propose again.",
            "Nothing was proposed: the file has {n} problems still to fix (listed at the top). GitHub would "
            "refuse it; fix them, then propose again.",
        ),
        "propose_bad_date": page._(
            "Nothing was proposed: the assessment's date must be written as YYYY-MM-DD (it names the file)."
        ),
        "propose_bad_city": page._(
            "Nothing was proposed: the city's folder name must be lower-case letters, digits and single hyphens."
        ),
        # drafts
        "restored": page._("Your draft was restored from this browser."),
        "restored_at": page._("Your draft of {saved} (UTC) was restored from this browser."),
        "restored_age": page._("Your draft of {saved} (UTC), saved {age}, was restored from this browser."),
        "discarded": page._("The draft was discarded: the form is empty again."),
        "drafts_discarded": p.n_(
            "{n} draft older than that was discarded from this browser.",
            "{n} drafts older than that were discarded from this browser.",
        ),
        "drafts_none_older": page._("This browser keeps no draft of this site older than that."),
        "framed": page._(
            "This form does not work inside another site's page, which could hide what its buttons do. "
            "Open it on its own: {url}"
        ),
    }


def json_script(element_id: str, data: object) -> Markup:
    """Data for a script, in a ``<script type="application/json">``: ``<``, ``>`` and ``&`` are written
    as JSON escapes, so no text in it can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return tag("script", Markup(text), type="application/json", id=element_id)


def messages_script(page: PageContext) -> Markup:
    return json_script("mmssc-assess-messages", _messages(page))
