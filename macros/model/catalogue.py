"""The MMSSC catalogue: dimensions, sub-dimensions, characteristics and their criteria,
with the level definitions, principles and the cross-references to other standards."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .references import References
from .text import Blocks, Paragraph

LEVELS = (1, 2, 3, 4, 5)


def by_fields(obj: object) -> tuple:
    """``__reduce__`` for model dataclasses: pickle as a call with the fields in order.

    Worker processes send checked cities back to the build (macros/workers.py); pickle's default
    (a dictionary per object) takes twice as long to load, and the build waits on it."""
    # __match_args__: the constructor's positional fields, in order (class constants left out)
    return type(obj), tuple([getattr(obj, name) for name in obj.__match_args__])  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a piece of data was defined, for "edit this" links and diagnostics."""

    path: str
    line: int = 1
    snapshot: bytes = b""  # the validated content, compressed (see load.nodes.snapshot)

    __reduce__ = by_fields


# "As at level 3. In addition, …", "As Level 4.", "As at Stage 3, …" (the source's wording varies)
_BUILDS_ON = re.compile(r"^As (?:at )?(?:level|stage) ([1-5])\b", re.IGNORECASE)


def builds_on(blocks: Blocks) -> int | None:
    """The lower level a criterion says it includes, read from its own opening words."""
    if blocks and isinstance(blocks[0], Paragraph):
        match = _BUILDS_ON.match(blocks[0].text)
        if match:
            return int(match.group(1))
    return None


@dataclass(frozen=True)
class Footnote:
    key: str
    text: str
    standard: str | None = None


@dataclass(frozen=True)
class Criterion:
    level: int
    blocks: Blocks
    # the lower level it includes, read from the English opening words when it is made; kept as it
    # is when the blocks are replaced by a translation (dataclasses.replace), whose words differ
    builds_on: int | None = None

    def __post_init__(self) -> None:
        if self.builds_on is None:
            object.__setattr__(self, "builds_on", builds_on(self.blocks))


@dataclass
class Characteristic:
    id: str
    name: str
    dimension_id: str
    subdimension_id: str | None  # None for the purposes 4.1-4.6, which sit directly under dimension 4
    family_id: str
    family_decided: bool  # True where Table 2 does not assign it and the catalogue decided (see errata)
    criteria: dict[int, Criterion]
    footnotes: dict[str, Footnote]
    source: SourceRef

    @property
    def slug(self) -> str:
        return self.id.replace(".", "-")

    @property
    def parent_id(self) -> str:
        return self.subdimension_id or self.dimension_id


@dataclass
class SubDimension:
    id: str
    name: str
    dimension_id: str
    characteristic_ids: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.id.replace(".", "-")


@dataclass
class Dimension:
    id: str
    name: str
    kind: str  # "smart-enablers" or "purposes"
    description: str
    subdimension_ids: list[str] = field(default_factory=list)
    characteristic_ids: list[str] = field(default_factory=list)  # every characteristic under it, in order

    @property
    def slug(self) -> str:
        return self.id


@dataclass(frozen=True)
class Level:
    number: int
    name: str


@dataclass(frozen=True)
class Family:
    id: str
    name: str
    applies_to: str
    definitions: dict[int, str]


@dataclass(frozen=True)
class Principle:
    number: int
    name: str
    description: Blocks


@dataclass(frozen=True)
class Method:
    id: str
    name: str
    description: str
    confidence: int
    cost: int


@dataclass(frozen=True)
class StakeholderGroup:
    id: str
    name: str


@dataclass(frozen=True)
class AssessmentGuide:
    """Clause 5: baselining "now" and "in two years", and the PDCA cycle (Figure 4)."""

    now: str
    in_two_years: str
    purpose: str
    stakeholder_views: str
    pdca_introduction: str
    pdca_uses: tuple[str, ...]
    pdca_closing: str


@dataclass(frozen=True)
class ModelVersion:
    id: str
    name: str


@dataclass
class Catalogue:
    name: str
    short_name: str
    versions: dict[str, ModelVersion]
    dimensions: dict[str, Dimension]
    subdimensions: dict[str, SubDimension]
    characteristics: dict[str, Characteristic]
    levels: dict[int, Level]
    families: dict[str, Family]
    principles: list[Principle]
    principles_introduction: str
    methods: dict[str, Method]
    stakeholder_groups: dict[str, StakeholderGroup]
    guide: AssessmentGuide
    references: References  # Table 3, Table 4, Annex B, Annex C and the errata

    def criterion(self, characteristic_id: str, level: int) -> Criterion:
        return self.characteristics[characteristic_id].criteria[level]

    def parent_name(self, characteristic: Characteristic) -> str:
        if characteristic.subdimension_id:
            return self.subdimensions[characteristic.subdimension_id].name
        return self.dimensions[characteristic.dimension_id].name

    def node_name(self, node_id: str) -> str:
        """Name of a dimension, sub-dimension or characteristic by ID."""
        for table in (self.characteristics, self.subdimensions, self.dimensions):
            if node_id in table:
                return table[node_id].name
        raise KeyError(node_id)
