"""Terminology QA of a translation draft against its source document.

For each numbered paragraph of the source, every glossary concept it mentions (as ``find``
counts: not through a form that is also an everyday word) should be rendered in the same
paragraph of the draft by an admitted form in the draft's language. The findings:

* ``missing`` (error): no form of the concept in the draft paragraph;
* ``wrong`` (error): instead, the concept that negates the expected one or that it negates:
  无核武器国家 rendered "nuclear-weapon States", the worst error of all. When the source
  paragraph mentions that concept too, only more mentions of it in the draft than in the
  source count as the wrong rendering (else the expected one is ``missing``);
* ``deprecated`` (warning): a form to avoid in the draft ("dirty bomb"), wherever it stands;
* ``inconsistent`` (warning): one concept rendered by different admitted forms in the draft;
* ``style`` (info): a rendering the matcher accepts that does not keep the admitted form's
  spelling, hyphens or capitals ("nuclear weapon states" for "nuclear-weapon States");
* ``untranslated`` (info): a source paragraph the draft lacks (a draft may be partial).

Without a source (:func:`check_monolingual`) only ``deprecated`` and ``inconsistent`` can be
found: nothing says what a paragraph should contain.

The draft is scanned by the index's own matching (:mod:`npt_gloss.scanner`: longest match,
mentions inside longer terms), so "non-nuclear-weapon States" in the draft is never also a
rendering of the nuclear-weapon States.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from npt_gloss.index import Index
from npt_gloss.models import Concept, Paragraph
from npt_gloss.normalize import term_key as _term_key
from npt_gloss.scanner import MentionFinder

# paragraph -> concept (position in the index) -> the forms the draft uses there
Scanned = dict[int, dict[int, list[str]]]


class DraftMentions(NamedTuple):
    """The draft's mentions: all of them, and those not inside a longer term."""

    all: Scanned
    direct: Scanned


@dataclass(frozen=True)
class Finding:
    paragraph: int
    kind: str
    severity: str
    concept: str | None
    source_form: str | None
    expected: tuple[str, ...]
    found: str | None
    message: str


def check_draft(
    index: Index,
    doc: int,
    draft: Sequence[Paragraph],
    lang: str,
    finder: MentionFinder,
) -> list[Finding]:
    """The findings for ``draft`` (in ``lang``) against document ``doc`` of ``index``."""
    source = _source_mentions(index, doc)
    mentioned = _draft_mentions(index, finder, draft)
    scanned = mentioned.all
    drafted = {p.number for p in draft}
    findings = [
        Finding(
            n, "untranslated", "info", None, None, (), None, f"paragraph {n} is not in the draft"
        )
        for n in sorted(_numbers(index, doc) - drafted)
    ]
    findings.extend(_deprecated(index, mentioned.direct, source, lang))
    for (number, c_index), source_forms in sorted(source.items()):
        source_form = source_forms[0]
        if number not in drafted:
            continue
        concept = index.concept(c_index)
        expected = _admitted(concept, lang)
        found_here = scanned.get(number, {})
        used = found_here.get(c_index, [])
        if _rendered(index, concept, used, lang):
            findings.extend(_style(concept, number, source_form, expected, used))
        elif not _avoided(index, concept, used, lang):  # a form to avoid is reported above
            # A concept the source paragraph has too is a wrong rendering only where the
            # draft has it more often ("Nuclear-weapon States, like the nuclear-weapon
            # States" for 无核武器国家同核武器国家一样).
            others = {
                c: forms
                for c, forms in found_here.items()
                if len(forms) > len(source.get((number, c), ()))
            }
            findings.append(_absent(index, concept, number, source_form, expected, others))
    wanted = {c_index for _, c_index in source}
    findings.extend(_inconsistent(index, scanned, wanted, lang))
    return _ordered(findings)


def check_monolingual(
    index: Index, draft: Sequence[Paragraph], lang: str, finder: MentionFinder
) -> list[Finding]:
    """The findings for a draft without its source: forms to avoid, and concepts rendered
    in several ways across the draft."""
    mentioned = _draft_mentions(index, finder, draft)
    findings = list(_deprecated(index, mentioned.direct, {}, lang))
    findings.extend(_inconsistent(index, mentioned.all, None, lang))
    return _ordered(findings)


@lru_cache(maxsize=4096)
def _key(form: str, index: Index) -> str:
    """The lookup key of a form (a draft repeats its forms: each is worked out once)."""
    return _term_key(form, index.t2s)


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.paragraph, f.kind, f.concept or ""))


def _style(
    concept: Concept, number: int, source_form: str, expected: tuple[str, ...], used: list[str]
) -> Iterable[Finding]:
    """A rendering that the matcher accepts but that does not keep the admitted form's
    spelling, hyphens or capitals ("nuclear weapon states" for "nuclear-weapon States"); a
    capital at the start of a sentence is no departure."""
    if any(_same_but_first_letter(form, admitted) for form in used for admitted in expected):
        return
    loose = {_loose(admitted): admitted for admitted in expected}
    departures = [form for form in used if _loose(form) in loose]
    if not departures:
        return  # an inflection (a plural), not a departure from the spelling
    form = departures[0]
    yield Finding(
        number,
        "style",
        "info",
        concept.id,
        source_form,
        expected,
        form,
        f"'{form}' is written '{loose[_loose(form)]}' in UN usage",
    )


def _loose(text: str) -> str:
    """Case, hyphens and spacing folded away: what a style departure keeps the same."""
    return re.sub(r"[\s\-–]+", " ", text.lower()).strip()


def _same_but_first_letter(form: str, admitted: str) -> bool:
    return form == admitted or (
        form[:1].lower() == admitted[:1].lower() and form[1:] == admitted[1:]
    )


def _rendered(index: Index, concept: Concept, forms: list[str], lang: str) -> bool:
    """Whether the draft renders the concept by some form that is not one to avoid."""
    return len(_avoided(index, concept, forms, lang)) < len(forms)


def _avoided(index: Index, concept: Concept, forms: list[str], lang: str) -> list[str]:
    """The forms used that are forms to avoid for the concept in ``lang``."""
    deprecated = concept.en_deprecated if lang == "en" else concept.zh_deprecated
    avoid = {_key(d, index) for d in deprecated}
    return [form for form in forms if _key(form, index) in avoid]


def _deprecated(
    index: Index, scanned: Scanned, source: dict[tuple[int, int], list[str]], lang: str
) -> Iterable[Finding]:
    """A form to avoid, once per paragraph and concept, wherever the draft uses it (but not
    inside a longer term: "Nonproliferation" in a "Nuclear Nonproliferation Treaty" to avoid
    is part of that one finding)."""
    for number in sorted(scanned):
        for c_index, forms in sorted(scanned[number].items()):
            concept = index.concept(c_index)
            avoided = _avoided(index, concept, forms, lang)
            if avoided:
                yield Finding(
                    number,
                    "deprecated",
                    "warning",
                    concept.id,
                    source.get((number, c_index), [None])[0],
                    _admitted(concept, lang),
                    avoided[0],
                    f"'{avoided[0]}' is a form to avoid for {concept.en}",
                )


def _absent(
    index: Index,
    concept: Concept,
    number: int,
    source_form: str,
    expected: tuple[str, ...],
    found_here: dict[int, list[str]],
) -> Finding:
    """A concept of the source that the draft paragraph does not render: wrong or missing."""
    near = _near_concept(index, expected[0], found_here)
    if near is not None:
        other, form = near
        return Finding(
            number,
            "wrong",
            "error",
            concept.id,
            source_form,
            expected,
            form,
            f"'{source_form}' is {expected[0]}, but the draft has '{form}' ({other})",
        )
    return Finding(
        number,
        "missing",
        "error",
        concept.id,
        source_form,
        expected,
        None,
        f"'{source_form}' ({expected[0]}) is not rendered in paragraph {number}",
    )


def _near_concept(
    index: Index, preferred: str, found_here: dict[int, list[str]]
) -> tuple[str, str] | None:
    """(concept id, form) of a concept found in the draft paragraph that is the negation of
    the expected one, or that the expected one negates (nuclear-weapon States /
    non-nuclear-weapon States, 核武器国家 / 无核武器国家): the worst error a rendering can
    make."""
    from npt_gloss.mentions import negated

    mine = _key(preferred, index)
    for other, forms in sorted(found_here.items()):
        for form in forms:
            key = _key(form, index)
            if (
                key
                and key != mine
                and (_negates(mine, key, negated) or _negates(key, mine, negated))
            ):
                return index.concept(other).id, form
    return None


def _negates(longer: str, shorter: str, negated: Callable[[str, int, int], bool]) -> bool:
    """Whether ``longer`` is ``shorter`` negated and nothing more: 无 + 核武器国家, "non" +
    "nuclear weapon state" (keys), never "nuclear weapon" inside "non nuclear weapon state"."""
    at = longer.find(shorter)
    if at == -1 or not negated(longer, at, at + len(shorter)):
        return False
    rest = (longer[:at] + longer[at + len(shorter) :]).strip(" -")
    return rest in _NEGATIONS


_NEGATIONS = frozenset({"无", "非", "不", "non", "free of", "free"})


def _inconsistent(
    index: Index, scanned: Scanned, wanted: set[int] | None, lang: str
) -> Iterable[Finding]:
    """A concept (of the source, when ``wanted`` names them) rendered by more than one
    admitted form across the draft. Forms to avoid are reported as such, not here, and forms
    that are also everyday words (决定 "decide") may well stand for something else."""
    used: dict[int, dict[str, tuple[int, str]]] = {}  # concept -> key -> (¶, first form)
    for number in sorted(scanned):
        for c_index, forms in scanned[number].items():
            if wanted is not None and c_index not in wanted:
                continue
            avoided = set(_avoided(index, index.concept(c_index), forms, lang))
            for form in forms:
                if form not in avoided and not index.is_everyday(c_index, form):
                    keys = used.setdefault(c_index, {})
                    keys.setdefault(_key(form, index), (number, form))
    for c_index, keys in sorted(used.items()):
        if len(keys) > 1:
            concept = index.concept(c_index)
            ways = ", ".join(f"'{form}' (¶{number})" for number, form in keys.values())
            yield Finding(
                min(number for number, _ in keys.values()),
                "inconsistent",
                "warning",
                concept.id,
                None,
                _admitted(concept, lang),
                None,
                f"{concept.en} is rendered in {len(keys)} ways: {ways}",
            )


def _source_mentions(index: Index, doc: int) -> dict[tuple[int, int], list[str]]:
    """(paragraph, concept) -> the source's wordings, for what find counts by default."""
    found: dict[tuple[int, int], list[str]] = {}
    for c_index in range(len(index.concepts)):
        # Direct mentions only: a term inside a longer one (核试验 in the CTBT's title) is
        # rendered by the longer term's translation.
        for occ in index.concept_occurrences(c_index, direct=True):
            if occ.doc != doc or index.is_everyday(c_index, occ.form):
                continue
            found.setdefault((occ.paragraph, c_index), []).append(occ.form)
    return found


def _draft_mentions(
    index: Index, finder: MentionFinder, draft: Sequence[Paragraph]
) -> DraftMentions:
    """Paragraph -> concept -> the forms the draft uses there, all and direct ones."""
    found = DraftMentions({}, {})
    for mention in finder.mentions(draft):
        kinds = (found.all,) if mention.within != -1 else (found.all, found.direct)
        for scanned in kinds:
            forms = scanned.setdefault(mention.paragraph, {}).setdefault(mention.concept, [])
            forms.append(mention.form)
    return found


def _numbers(index: Index, doc: int) -> set[int]:
    return {p.number for p in index.document(doc).paragraphs}


def _admitted(concept: Concept, lang: str) -> tuple[str, ...]:
    if lang == "en":
        forms = (concept.en, *concept.en_variants, *(a for a in concept.abbr if a.isascii()))
    else:
        forms = (concept.zh, *concept.zh_variants, *(a for a in concept.abbr if not a.isascii()))
    return tuple(dict.fromkeys(forms))
