"""Merging an imported termbase into a glossary without losing anything of either."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from npt_gloss.glossary import LIST_FIELDS, STRING_FIELDS
from npt_gloss.models import Concept

# The fields a merge may fill in: every text field but the id and the preferred terms.
_TEXTS = tuple(f for f in STRING_FIELDS if f not in ("id", "en", "zh"))


def merge_concepts(current: Sequence[Concept], imported: Sequence[Concept]) -> list[Concept]:
    """``current`` with ``imported`` merged in: a new id is appended; a known id keeps its
    preferred terms and texts, takes the other's preferred terms as variants when they
    differ, every list form it lacks, and any text field it has empty."""
    merged = {concept.id: concept for concept in current}
    for other in imported:
        mine = merged.get(other.id)
        merged[other.id] = other if mine is None else _merged(mine, other)
    return list(merged.values())


def _merged(mine: Concept, other: Concept) -> Concept:
    changes: dict[str, object] = {}
    for name in LIST_FIELDS:
        extra = list(getattr(other, name))
        if name == "en_variants" and other.en != mine.en:
            extra.insert(0, other.en)
        if name == "zh_variants" and other.zh != mine.zh:
            extra.insert(0, other.zh)
        kept = list(getattr(mine, name))
        changes[name] = tuple(
            kept + [f for f in extra if f not in kept and f not in (mine.en, mine.zh)]
        )
    for name in _TEXTS:
        if not getattr(mine, name) and getattr(other, name):
            changes[name] = getattr(other, name)
    return replace(mine, **changes)  # type: ignore[arg-type]
