"""Reverse indexes over the cross-references: what helps a characteristic, and what a standard supports."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.catalogue import Catalogue
from ..model.references import LocalGovernmentFunction, MaturityModel, Support


@dataclass
class CrossReferences:
    # characteristic ID → Annex B rows that help it (through its sub-dimension, or as a purpose)
    supports_for: dict[str, list[Support]] = field(default_factory=dict)
    # standard ID → Annex B rows citing it
    rows_citing: dict[str, list[Support]] = field(default_factory=dict)
    # standard ID → characteristic IDs it supports (computed, never typed)
    characteristics_for: dict[str, list[str]] = field(default_factory=dict)
    # standard ID → characteristic IDs whose Annex A footnotes cite it
    footnoted_in: dict[str, list[str]] = field(default_factory=dict)
    # characteristic ID → related maturity models (Table 4)
    models_for: dict[str, list[MaturityModel]] = field(default_factory=dict)
    # purpose ID → ISO 18091 functions (Annex C)
    functions_for: dict[str, list[LocalGovernmentFunction]] = field(default_factory=dict)


def _covered(catalogue: Catalogue, target: str) -> list[str]:
    """Characteristics an Annex B or Table 4 target covers: a dimension, sub-dimension or characteristic."""
    if target in catalogue.characteristics:
        return [target]
    if target in catalogue.subdimensions:
        return list(catalogue.subdimensions[target].characteristic_ids)
    if target in catalogue.dimensions:
        return list(catalogue.dimensions[target].characteristic_ids)
    return []


def build_crossrefs(catalogue: Catalogue) -> CrossReferences:
    refs = catalogue.references
    index = CrossReferences()
    for cid in catalogue.characteristics:
        index.supports_for[cid] = []
        index.models_for[cid] = []
        index.functions_for[cid] = []
    for sid in refs.standards:
        index.rows_citing[sid] = []
        index.characteristics_for[sid] = []
        index.footnoted_in[sid] = []
    for row in refs.supports:
        covered = _covered(catalogue, row.applies_to)
        for cid in covered:
            index.supports_for[cid].append(row)
        for sid in row.standards:
            index.rows_citing[sid].append(row)
            for cid in covered:
                if cid not in index.characteristics_for[sid]:
                    index.characteristics_for[sid].append(cid)
    for ch in catalogue.characteristics.values():
        for note in ch.footnotes.values():
            if note.standard and ch.id not in index.footnoted_in[note.standard]:
                index.footnoted_in[note.standard].append(ch.id)
    for model in refs.models:
        for target in model.connects_to:
            for cid in _covered(catalogue, target):
                if model not in index.models_for[cid]:
                    index.models_for[cid].append(model)
    for function in refs.functions:
        index.functions_for[function.purpose].append(function)
    order = list(catalogue.characteristics)
    for cids in index.characteristics_for.values():
        cids.sort(key=order.index)
    return index
