"""Terminology QA of a translation draft against its source document.

For each numbered paragraph of the source, every glossary concept it mentions (as ``find``
counts: not through a form that is also an everyday word) should be rendered in the same
paragraph of the draft by an admitted form in the draft's language. The findings:

* ``missing`` (error): no form of the concept in the draft paragraph;
* ``wrong`` (error): instead, the concept that negates the expected one or that it negates:
  无核武器国家 rendered "nuclear-weapon States", the worst error of all;
* ``deprecated`` (warning): only a form to avoid ("nuclear weapons States" style forms);
* ``inconsistent`` (warning): one concept rendered by different admitted forms in the draft;
* ``style`` (info): a rendering the matcher accepts that does not keep the admitted form's
  spelling, hyphens or capitals ("nuclear weapon states" for "nuclear-weapon States");
* ``untranslated`` (info): a source paragraph the draft lacks (a draft may be partial).

The draft is scanned by the same index machinery as the documents (longest match, mentions
inside longer terms), so "non-nuclear-weapon States" in the draft is never also a rendering
of the nuclear-weapon States.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from npt_gloss.index import Index, build_index
from npt_gloss.models import Bilingual, Concept, Document, DocumentMeta, Paragraph
from npt_gloss.normalize import has_cjk, term_key

_NUMBERED = re.compile(r"^\s*(\d{1,4})\.\s+(.*)$")


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


def parse_draft(text: str) -> list[Paragraph]:
    """The numbered paragraphs of a draft (front matter between ``+++`` lines skipped; a
    paragraph runs to the next blank line; numbers may skip, as a draft may be partial)."""
    lines = text.replace("\r\n", "\n").removeprefix("\ufeff").split("\n")
    offset = 0
    if lines and lines[0].strip() == "+++":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
        if closing is not None:
            lines, offset = lines[closing + 1 :], closing + 1
    paragraphs: list[Paragraph] = []
    number, start, parts = 0, 0, []
    for lineno, line in enumerate([*lines, ""], start=1 + offset):
        found = _NUMBERED.match(line)
        if found and not parts:
            number, start, parts = int(found.group(1)), lineno, [found.group(2).strip()]
        elif line.strip() and parts:
            parts.append(line.strip())
        elif not line.strip() and parts:
            paragraphs.append(Paragraph(number, "\n".join(parts), line=start))
            parts = []
    return paragraphs


def draft_language(paragraphs: Sequence[Paragraph]) -> str:
    text = "".join(p.text for p in paragraphs)
    chinese = sum(has_cjk(ch) for ch in text)
    return "zh" if chinese > len(text) / 3 else "en"


def check_draft(
    index: Index,
    concepts: Sequence[Concept],
    doc: int,
    draft: Sequence[Paragraph],
    lang: str,
) -> list[Finding]:
    """The findings for ``draft`` (in ``lang``) against document ``doc`` of ``index``."""
    source = _source_mentions(index, doc)
    scanned = _draft_mentions(concepts, draft)
    by_id = {concept.id: concept for concept in concepts}
    drafted = {p.number for p in draft}
    findings: list[Finding] = []
    for number in sorted(_numbers(index, doc)):
        if number not in drafted:
            findings.append(
                Finding(
                    number,
                    "untranslated",
                    "info",
                    None,
                    None,
                    (),
                    None,
                    f"paragraph {number} is not in the draft",
                )
            )
    for (number, concept_id), source_form in sorted(source.items()):
        if number not in drafted:
            continue
        concept = by_id[concept_id]
        expected = _admitted(concept, lang)
        found_here = scanned.get(number, {})
        used = found_here.get(concept_id, [])
        if _rendered(concept, used, lang):
            findings.extend(_style(concept, number, source_form, expected, used))
            continue
        findings.append(_absent(concept, number, source_form, expected, found_here, lang))
    findings.extend(_inconsistent(by_id, scanned, {c for _, c in source}, lang))
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


def _rendered(concept: Concept, forms: list[str], lang: str) -> bool:
    """Whether the draft renders the concept by some form that is not one to avoid."""
    return len(_avoided(concept, forms, lang)) < len(forms)


def _avoided(concept: Concept, forms: list[str], lang: str) -> list[str]:
    """The forms used that are forms to avoid for the concept in ``lang``."""
    deprecated = concept.en_deprecated if lang == "en" else concept.zh_deprecated
    avoid = {term_key(d, {}) for d in deprecated}
    return [form for form in forms if term_key(form, {}) in avoid]


def _absent(
    concept: Concept,
    number: int,
    source_form: str,
    expected: tuple[str, ...],
    found_here: dict[str, list[str]],
    lang: str,
) -> Finding:
    """A concept of the source that the draft paragraph does not render: deprecated, wrong
    or missing."""
    avoided = _avoided(concept, found_here.get(concept.id, []), lang)
    if avoided:
        return Finding(
            number,
            "deprecated",
            "warning",
            concept.id,
            source_form,
            expected,
            avoided[0],
            f"'{avoided[0]}' is a form to avoid for {concept.en}",
        )
    near = _near_concept(concept, found_here, lang)
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
    concept: Concept, found_here: dict[str, list[str]], lang: str
) -> tuple[str, str] | None:
    """A concept found in the draft paragraph that is the negation of the expected one, or
    that the expected one negates (nuclear-weapon States / non-nuclear-weapon States,
    核武器国家 / 无核武器国家): the worst error a rendering can make."""
    from npt_gloss.mentions import negated

    mine = term_key(concept.en if lang == "en" else concept.zh, {})
    for other_id, forms in found_here.items():
        for form in forms:
            key = term_key(form, {})
            if (
                key
                and key != mine
                and (_negates(mine, key, negated) or _negates(key, mine, negated))
            ):
                return other_id, form
    return None


def _negates(longer: str, shorter: str, negated: Callable[[str, int, int], bool]) -> bool:
    at = longer.find(shorter)
    return at != -1 and negated(longer, at, at + len(shorter))


def _inconsistent(
    by_id: dict[str, Concept],
    scanned: dict[int, dict[str, list[str]]],
    wanted: set[str],
    lang: str,
) -> Iterable[Finding]:
    """A concept of the source rendered by more than one admitted form across the draft."""
    used: dict[str, dict[str, int]] = {}
    for number in sorted(scanned):
        for concept_id, forms in scanned[number].items():
            for form in forms:
                used.setdefault(concept_id, {}).setdefault(term_key(form, {}), number)
    for concept_id, keys in sorted(used.items()):
        if concept_id in wanted and len(keys) > 1:
            concept = by_id[concept_id]
            first = min(keys.values())
            yield Finding(
                first,
                "inconsistent",
                "warning",
                concept_id,
                None,
                _admitted(concept, lang),
                None,
                f"{concept.en} is rendered in {len(keys)} ways in the draft",
            )


def _source_mentions(index: Index, doc: int) -> dict[tuple[int, str], str]:
    """(paragraph, concept id) -> the source's wording, for what find counts by default."""
    found: dict[tuple[int, str], str] = {}
    for c_index in range(len(index.concepts)):
        concept_id = index.concepts[c_index][0]
        # Direct mentions only: a term inside a longer one (核试验 in the CTBT's title) is
        # rendered by the longer term's translation.
        for occ in index.concept_occurrences(c_index, direct=True):
            if occ.doc != doc or index.is_everyday(c_index, occ.form):
                continue
            found.setdefault((occ.paragraph, concept_id), occ.form)
    return found


def _draft_mentions(
    concepts: Sequence[Concept], draft: Sequence[Paragraph]
) -> dict[int, dict[str, list[str]]]:
    """Paragraph -> concept id -> the forms the draft uses there."""
    document = Document(DocumentMeta(id="draft", title=Bilingual(zh="", en="")), tuple(draft))
    scanned = build_index(concepts, (document,))
    found: dict[int, dict[str, list[str]]] = {}
    for c_index in range(len(scanned.concepts)):
        concept_id = scanned.concepts[c_index][0]
        for occ in scanned.concept_occurrences(c_index):
            found.setdefault(occ.paragraph, {}).setdefault(concept_id, []).append(occ.form)
    return found


def _numbers(index: Index, doc: int) -> set[int]:
    return {p.number for p in index.document(doc).paragraphs}


def _admitted(concept: Concept, lang: str) -> tuple[str, ...]:
    if lang == "en":
        forms = (concept.en, *concept.en_variants, *(a for a in concept.abbr if a.isascii()))
    else:
        forms = (concept.zh, *concept.zh_variants, *(a for a in concept.abbr if not a.isascii()))
    return tuple(dict.fromkeys(forms))
