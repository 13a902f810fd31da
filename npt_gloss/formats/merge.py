"""Merging an imported termbase into a glossary without losing or overwriting anything.

An imported concept is the same as one of ours when it has the same id, or else the same
preferred English or Chinese term as the lookup normalisation sees it (case, hyphens,
plurals, spelling and traditional characters fold away, so "nuclear weapon states" is
"nuclear-weapon States"). A match keeps our preferred terms and texts and gains the forms
we lack; where the two preferred renderings differ, or one side admits a form the other
deprecates, ours is kept and the difference is reported as a conflict for a person to
decide. An imported concept that matches nothing is appended.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from npt_gloss.glossary import STRING_FIELDS
from npt_gloss.models import Concept

# The fields a merge may fill in: every text field but the id and the preferred terms.
_TEXTS = tuple(f for f in STRING_FIELDS if f not in ("id", "en", "zh"))
_LANGUAGE = {"en": "English", "zh": "Chinese"}


@dataclass(frozen=True)
class Conflict:
    """A difference the merge did not settle: ``kind`` is ``preferred`` (the two preferred
    terms differ), ``deprecated-here`` (they admit a form we deprecate) or
    ``deprecated-there`` (they deprecate a form we admit)."""

    concept: str
    lang: str
    kind: str
    ours: str
    theirs: str


@dataclass(frozen=True)
class Merge:
    concepts: list[Concept]
    added: tuple[str, ...]  # ids of the imported concepts appended
    extended: tuple[str, ...]  # ids of our concepts that gained forms or fields
    matched: tuple[tuple[str, str, str], ...]  # (their id, our id, the term) matched by term
    conflicts: tuple[Conflict, ...]


def merge_concepts(
    current: Sequence[Concept],
    imported: Sequence[Concept],
    key: Callable[[str], str] | None = None,
) -> Merge:
    """``current`` with ``imported`` merged in (see the module docstring); ``key`` is the
    lookup normalisation (by default without a traditional-character table)."""
    if key is None:
        from npt_gloss.normalize import term_key

        def key(text: str) -> str:
            return term_key(text, {})

    merged = {concept.id: concept for concept in current}
    by_term: dict[tuple[str, str], str] = {}
    for concept in merged.values():
        _remember(by_term, concept, key)
    added, extended, matched, conflicts = [], [], [], []
    for other in imported:
        mine_id = _match(other, merged, by_term, key)
        if mine_id is None:
            merged[other.id] = other
            _remember(by_term, other, key)
            added.append(other.id)
            continue
        mine = merged[mine_id]
        if mine_id != other.id:
            lang = "en" if by_term.get(("en", key(other.en))) == mine_id else "zh"
            matched.append((other.id, mine_id, getattr(other, lang)))
        result, found = _merged(mine, other, key)
        conflicts.extend(found)
        if result != mine:
            merged[mine_id] = result
            if mine_id not in extended:
                extended.append(mine_id)
    return Merge(
        list(merged.values()), tuple(added), tuple(extended), tuple(matched), tuple(conflicts)
    )


def _remember(by_term: dict[tuple[str, str], str], concept: Concept, key: Callable) -> None:
    for lang in ("en", "zh"):
        by_term.setdefault((lang, key(getattr(concept, lang))), concept.id)


def _match(
    other: Concept,
    merged: dict[str, Concept],
    by_term: dict[tuple[str, str], str],
    key: Callable[[str], str],
) -> str | None:
    if other.id in merged:
        return other.id
    return by_term.get(("en", key(other.en))) or by_term.get(("zh", key(other.zh)))


def _merged(
    mine: Concept, other: Concept, key: Callable[[str], str]
) -> tuple[Concept, list[Conflict]]:
    conflicts: list[Conflict] = []
    changes: dict[str, object] = {}
    for lang in ("en", "zh"):
        ours, theirs = getattr(mine, lang), getattr(other, lang)
        if key(ours) != key(theirs):
            conflicts.append(Conflict(mine.id, lang, "preferred", ours, theirs))
        admitted = {key(f) for f in _admitted(mine, lang)}
        avoided = {key(f) for f in getattr(mine, f"{lang}_deprecated")}
        # Their variants join ours unless we avoid them; their forms to avoid join ours
        # unless we admit them (the variants just taken included).
        for field, taken, refused, clash in (
            (f"{lang}_variants", admitted, avoided, "deprecated-here"),
            (f"{lang}_deprecated", avoided, admitted, "deprecated-there"),
        ):
            forms = list(getattr(mine, field))
            for form in getattr(other, field):
                if key(form) in refused:
                    conflicts.append(Conflict(mine.id, lang, clash, form, form))
                elif key(form) not in taken:
                    forms.append(form)
                    taken.add(key(form))
            changes[field] = tuple(forms)
    known = {key(f) for lang in ("en", "zh") for f in _admitted(mine, lang)}
    known |= {key(f) for f in (*mine.en_deprecated, *mine.zh_deprecated)}
    changes["abbr"] = mine.abbr + tuple(a for a in other.abbr if key(a) not in known)
    changes["see"] = mine.see + tuple(s for s in other.see if s not in mine.see and s != mine.id)
    changes["everyday"] = mine.everyday + tuple(f for f in other.everyday if f not in mine.everyday)
    for name in _TEXTS:
        if not getattr(mine, name) and getattr(other, name):
            changes[name] = getattr(other, name)
    result = replace(mine, **changes)  # type: ignore[arg-type]
    forms = {*_admitted(result, "en"), *_admitted(result, "zh")}
    # An everyday mark only for a form the merged concept has (theirs may have been dropped).
    result = replace(result, everyday=tuple(f for f in result.everyday if f in forms))
    return result, conflicts


def _admitted(concept: Concept, lang: str) -> list[str]:
    script = str.isascii if lang == "en" else (lambda a: not a.isascii())
    return [
        getattr(concept, lang),
        *getattr(concept, f"{lang}_variants"),
        *(a for a in concept.abbr if script(a)),
    ]


def report_lines(merge: Merge, source: str) -> list[str]:
    """What a merge did, for stderr: a summary, the matches by term, then each conflict."""
    lines = [
        f"merged {source}: {_count(len(merge.added), 'new concept')}, "
        f"{_count(len(merge.extended), 'concept')} gained forms or fields, "
        f"{_count(len(merge.conflicts), 'conflict')}"
    ]
    for theirs, ours, term in merge.matched:
        lines.append(f"matched: {source} '{theirs}' is '{ours}' (same term '{term}')")
    for c in merge.conflicts:
        language = _LANGUAGE[c.lang]
        if c.kind == "preferred":
            lines.append(
                f"conflict: {c.concept}: preferred {language} term: kept '{c.ours}', "
                f"{source} has '{c.theirs}'"
            )
        elif c.kind == "deprecated-here":
            lines.append(
                f"conflict: {c.concept}: {source} admits the {language} form '{c.theirs}', "
                "which this glossary deprecates: not added"
            )
        else:
            lines.append(
                f"conflict: {c.concept}: {source} deprecates the {language} form "
                f"'{c.theirs}', which this glossary admits: not added"
            )
    return lines


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
