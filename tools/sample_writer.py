"""The YAML of one synthetic city and its assessments: plausible levels, notes, evidence and
people, every file valid under the project's validator with no error and no warning."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata

from macros.model.assessments import CONSOLIDATION_RULES, SIZE_BANDS
from macros.model.catalogue import Catalogue

from .sample_names import CULTURES, Culture, Part

WINDOW_YEARS = 10
MARKER = "# SYNTHETIC city written by scripts/generate-sample-data"
CITY_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/city.schema.json"
ASSESSMENT_SCHEMA = "# yaml-language-server: $schema=../../docs/schemas/assessment.schema.json"
# How many assessments a city has: 1 to 6, about 4 on average.
ASSESSMENT_COUNT_WEIGHTS = (1, 2, 3, 4, 4, 3)

_LEVEL_NOTES = {
    1: (
        "There is no formal approach yet; work depends on individual departments.",
        "Activity is ad hoc and driven by a few enthusiastic staff.",
        "Nothing is written down; the topic has not been discussed at leadership level.",
    ),
    2: (
        "A strategy exists on paper but is not yet applied across the organisation.",
        "Some departments follow the approach; others are not aware of it.",
        "Pilots have been run, but without a plan to scale them up.",
    ),
    3: (
        "A city-wide approach is agreed and applied to most new projects.",
        "The approach is formalised, with named owners and a published plan.",
        "Most services follow the agreed standard; a few legacy areas lag behind.",
    ),
    4: (
        "Performance is measured systematically and reviewed by the leadership team each quarter.",
        "Partners across the public, private and voluntary sectors work to shared targets.",
        "Results are published and used to adjust plans every year.",
    ),
    5: (
        "Continuous improvement is embedded and independently verified.",
        "The city is recognised by peers as a reference and shares its practice openly.",
        "Outcomes have been sustained over several years and are reviewed with residents.",
    ),
}


_CHANGE_NOTES = (
    "Unchanged since the previous assessment.",
    "Improved since the previous assessment thanks to the new programme office.",
    "The planned improvement was delayed by budget cuts.",
    "Progress slowed during the reorganisation of the departments.",
    "A new team was set up to lead this work.",
    "Funding is now secured in the multi-year budget.",
)


_PLAN_NOTES = (
    "The plan for the next two years is funded.",
    "Further progress depends on the regional programme.",
    "No further change is planned for the next two years.",
    "A procurement for the new platform is under way.",
)


_NOT_ASSESSED = (
    "This function is carried out by the regional authority, not by the municipality.",
    "No data was collected for this characteristic in this round.",
    "The assessors agreed to leave this characteristic to the next assessment.",
    "Not applicable: the service is provided nationally.",
)


_DOCUMENTS = (
    "Smart city strategy",
    "Digital transformation plan",
    "Annual performance report",
    "Open data portal",
    "Council minutes",
    "Climate action plan",
    "Resilience strategy",
    "Procurement pipeline",
    "Citizen survey results",
    "Data governance policy",
    "Service design standard",
    "Budget report",
)


_ASSESSORS = (
    "The city council's strategy office",
    "The mayor's office, with department heads",
    "A working group of the municipal departments",
    "Independent assessors appointed by the council",
    "The chief digital officer's team",
    "A workshop of all stakeholder groups, facilitated by the regional university",
)


_SUMMARIES = (
    "Strategy and governance are the strongest areas; data and technology assets lag behind.",
    "Service design and digital inclusion are strong; security needs attention.",
    "Engagement with residents is the main gap, ahead of procurement.",
)


_FIRST_SUMMARIES = (
    "A first baseline, to be repeated every two years.",
    "The first assessment, carried out to prepare the new city strategy.",
)


_LATER_SUMMARIES = (
    "Most of the plans made at the previous assessment were delivered.",
    "Progress was slower than planned; several promised improvements slipped by a year.",
    "Service design and digital inclusion improved markedly since the previous assessment.",
)


_GROUP_SUMMARIES = (
    "The groups agreed on most characteristics but saw engagement and inclusion very differently.",
    "Civil society rated governance lower than the council did.",
)


_PEOPLE = (
    "maria-lopes",
    "kenji-sato",
    "amina-haddad",
    "olga-petrova",
    "priya-raman",
    "lars-nilsson",
    "chen-wei",
    "ana-silva",
    "yusuf-demir",
    "eleni-papadopoulou",
    "noa-levi",
    "somchai-k",
)


NAME_POOL_RETRIES = 40


METHOD_WEIGHTS = (
    ("single-stakeholder", 35),
    ("multi-stakeholder", 20),
    ("moderated-multi-stakeholder", 15),
    ("cross-city-benchmarking", 15),
    ("external-audit", 15),
)


COMMUNITY_BY_BAND = {  # plausible types of community for each size band
    "town": ("town", "rural", "island", "town", "district"),
    "small": ("town", "city", "island", "district", "rural"),
    "medium": ("city", "city", "district", "region"),
    "metropolitan": ("city", "city", "region", "district"),
    "large-metropolitan": ("city", "region", "region", "district"),
}


_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+][^:#\n\"'\\]*")


def yaml_str(text: str) -> str:
    """A YAML scalar for ``text``: plain when that is unambiguous, else double-quoted."""
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


class CityWriter:
    """One city, from its own random stream."""

    def __init__(self, catalogue: Catalogue, seed: int, index: int, end: dt.date):
        self.catalogue = catalogue
        self.rng = random.Random(f"mmssc-sample:{seed}:{index}")
        self.index = index
        self.end = end
        self.ids = list(catalogue.characteristics)
        self.version = next(iter(catalogue.versions))
        self.groups = list(catalogue.stakeholder_groups)

    # -- profile ------------------------------------------------------------------------------

    def profile(self) -> dict:
        rng = self.rng
        culture = rng.choices(CULTURES, weights=[c.weight for c in CULTURES])[0]
        band_index = rng.randrange(len(SIZE_BANDS))
        band, _label, lower = SIZE_BANDS[band_index]
        upper = SIZE_BANDS[band_index + 1][2] if band_index + 1 < len(SIZE_BANDS) else 25_000_000
        lower = max(lower, 800)
        population = int(round(lower * (upper / lower) ** rng.random()))
        population = min(max(population, lower), upper - 1)
        return {
            "culture": culture,
            "country": rng.choice(culture.countries),
            "population": population,
            "community_type": rng.choice(COMMUNITY_BY_BAND[band]),
            "region": culture.make_region(rng) if rng.random() < 0.75 else None,
        }

    def name(self, culture: Culture) -> Part:
        native, roman = culture.make_name(self.rng)
        return unicodedata.normalize("NFC", native.strip()), roman.strip()

    def city_yaml(self, slug: str, name: str, seed: int, info: dict) -> str:
        rng = self.rng
        login = (slug[:33].strip("-") or "city") + "-team"
        maintainers = [login] + ([rng.choice(_PEOPLE)] if rng.random() < 0.4 else [])
        description = (
            f"A synthetic {info['culture'].script}-script community generated for benchmarks; its data is random."
        )
        lines = [
            CITY_SCHEMA,
            f"{MARKER} (seed {seed}, city {self.index}): not a real place.",
            f"name: {yaml_str(name)}",
            f"country: {yaml_str(info['country'])}",
            # the language a city of this culture and country would declare (the synthetic text
            # itself is English, as everywhere in this generator)
            f"language: {info['culture'].language(info['country'])}",
        ]
        if info["region"]:
            lines.append(f"region: {yaml_str(info['region'][0])}")
        lines += [
            f"population: {info['population']}",
            f"community_type: {info['community_type']}",
            f"website: https://example.org/{slug}",
            f"contact: {'mailto:smart-city@example.org' if rng.random() < 0.5 else f'https://example.org/{slug}/contact'}",
            f"maintainers: [{', '.join(maintainers)}]",
            "fictional: true",
            f"description: {yaml_str(description)}",
        ]
        return "\n".join(lines) + "\n"

    # -- assessments --------------------------------------------------------------------------

    def dates(self) -> list[dt.date]:
        rng = self.rng
        count = rng.choices(range(1, len(ASSESSMENT_COUNT_WEIGHTS) + 1), weights=ASSESSMENT_COUNT_WEIGHTS)[0]
        start = (
            self.end.replace(year=self.end.year - WINDOW_YEARS)
            if not (self.end.month == 2 and self.end.day == 29)
            else dt.date(self.end.year - WINDOW_YEARS, 2, 28)
        )
        span = (self.end - start).days
        # spread: one date in each of `count` equal slices of the window, at a random place in it
        days = []
        for i in range(count):
            lo, hi = span * i // count, span * (i + 1) // count - 1
            days.append(start + dt.timedelta(days=rng.randint(lo + 1, max(lo + 1, hi))))
        return sorted(set(days))

    def assessments(self, slug: str, dates: list[dt.date]) -> list[tuple[dt.date, str]]:
        rng = self.rng
        # this city's own starting levels, and characteristics it never assesses (none for most)
        levels = {cid: rng.choices((1, 2, 3, 4), weights=(30, 40, 23, 7))[0] for cid in self.ids}
        never = set(rng.sample(self.ids, rng.choice((1, 2)))) if rng.random() < 0.1 else set()
        out = []
        previous: dt.date | None = None
        for day in dates:
            years = (day - previous).days / 365.25 if previous else 0.0
            if previous:
                for cid in self.ids:
                    step = (
                        rng.choices((-1, 0, 1, 2), weights=(8, 50, 35, 7))[0]
                        if years >= 1
                        else rng.choice((0, 0, 0, 1))
                    )
                    levels[cid] = min(5, max(1, levels[cid] + step))
            out.append((day, self.assessment(slug, day, levels, never, first=previous is None)))
            previous = day
        return out

    def assessment(self, slug: str, day: dt.date, levels: dict[str, int], never: set[str], first: bool) -> str:
        rng = self.rng
        method = rng.choices([m for m, _ in METHOD_WEIGHTS], weights=[w for _, w in METHOD_WEIGHTS])[0]
        if method in ("multi-stakeholder", "moderated-multi-stakeholder"):
            participants = ["local-government"] + sorted(
                rng.sample(self.groups[1:], rng.randint(2, len(self.groups) - 1)), key=self.groups.index
            )
        elif method == "single-stakeholder":
            participants = ["local-government"]
        else:
            participants = ["local-government", "wider-public-sector"]
        consolidation = None
        if method == "multi-stakeholder":
            consolidation = "median" if rng.random() < 0.6 else "moderated"
        elif method == "moderated-multi-stakeholder":
            consolidation = "moderated"
        group_share = 1.0 if consolidation == "median" else rng.choice((0.3, 0.5, 1.0)) if consolidation else 0.0

        lines = [
            ASSESSMENT_SCHEMA,
            f"date: {day.isoformat()}",
            f"model_version: {self.version}",
            f"method: {method}",
            f"participants: [{', '.join(participants)}]",
        ]
        if consolidation:
            assert consolidation in CONSOLIDATION_RULES
            lines.append(f"consolidation: {consolidation}")
        lines.append(f"assessors: {yaml_str(rng.choice(_ASSESSORS))}")
        if rng.random() < 0.85:
            summary = [rng.choice(_FIRST_SUMMARIES if first else _LATER_SUMMARIES), rng.choice(_SUMMARIES)]
            if consolidation:
                summary.append(rng.choice(_GROUP_SUMMARIES))
            lines.append(f"summary: {yaml_str(' '.join(summary))}")
        lines.append("characteristics:")
        for cid in self.ids:
            lines += self.rating(
                slug, cid, day, levels[cid], cid in never, participants, consolidation, group_share, first
            )
        return "\n".join(lines) + "\n"

    def rating(
        self,
        slug: str,
        cid: str,
        day: dt.date,
        level: int,
        never: bool,
        participants: list[str],
        consolidation: str | None,
        group_share: float,
        first: bool,
    ) -> list[str]:
        rng = self.rng
        out = [f'  "{cid}":']
        if never or rng.random() < 0.02:
            out.append(f"    not_assessed: {yaml_str(rng.choice(_NOT_ASSESSED))}")
            return out
        groups: dict[str, tuple[int, int]] = {}
        if consolidation and rng.random() < group_share:
            for gid in participants:
                delta = rng.choices((-2, -1, 0, 1, 2), weights=(3, 20, 50, 22, 5))[0]
                g_now = min(5, max(1, level + delta))
                groups[gid] = (g_now, min(5, g_now + rng.choice((0, 0, 1, 1, 2))))
        if consolidation == "median":
            ordered_now = sorted(v[0] for v in groups.values())
            ordered_later = sorted(v[1] for v in groups.values())
            now, later = ordered_now[(len(ordered_now) - 1) // 2], ordered_later[(len(ordered_later) - 1) // 2]
        else:
            now, later = level, min(5, level + rng.choices((0, 1, 2), weights=(45, 45, 10))[0])
            out += [f"    now: {now}", f"    in_two_years: {later}"]
        note = rng.choice(_LEVEL_NOTES[now])
        extra = rng.choice(_CHANGE_NOTES if not first and rng.random() < 0.5 else _PLAN_NOTES)
        out.append(f"    justification: {yaml_str(note + ' ' + extra)}")
        if now >= 4 or rng.random() < 0.25:  # levels 4 and 5 always come with evidence
            out.append("    evidence:")
            for _ in range(rng.choice((1, 1, 1, 2, 3))):
                title = rng.choice(_DOCUMENTS)
                when = day - dt.timedelta(days=rng.randint(0, 4 * 365))
                doc = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
                out += [
                    f"      - title: {yaml_str(f'{title} {when.year}')}",
                    f"        url: https://example.org/{slug}/{doc}-{when.year}.pdf",
                    f"        date: {when.isoformat()}",
                ]
        if groups:
            out.append("    groups:")
            out += [
                f"      {gid}: {{now: {g_now}, in_two_years: {g_later}}}" for gid, (g_now, g_later) in groups.items()
            ]
        return out
