"""Read, validate and lint the glossary (``glossary.toml``, format in the contract).

:func:`load_glossary` returns the concepts or raises one :class:`DataError` naming the file and
line of the first schema error; :func:`check_glossary` lists every problem it can find, for
``npt-gloss glossary check``. Both share :func:`schema_problems`, so the loader and the linter
can never disagree about what is an error.

Several glossaries load as layers (:func:`load_glossaries`): a later file's concept replaces
an earlier file's concept with the same id, whole (see :func:`merge_layers` for why).
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from npt_gloss.errors import DataError
from npt_gloss.models import Concept
from npt_gloss.normalize import is_cjk
from npt_gloss.textio import read_text

DOMAINS: dict[str, str] = {
    "npt": "the NPT, its articles and its review process",
    "un-machinery": "UN bodies, disarmament machinery and procedure",
    "institutions": "international organizations and their organs",
    "security": "international security and international law",
    "disarmament": "disarmament concepts and approaches",
    "treaties": "treaties, agreements and their legal steps",
    "nwfz": "nuclear-weapon-free zones",
    "safeguards": "IAEA safeguards and verification",
    "export-control": "export controls and supplier regimes",
    "strategy": "deterrence, doctrine and strategic stability",
    "weapons": "weapons and delivery systems",
    "fuel-cycle": "fissile material and the nuclear fuel cycle",
    "peaceful-uses": "peaceful uses, nuclear safety and security",
    "risk-reduction": "risk reduction and confidence-building",
    "chem-bio": "chemical and biological weapons",
    "space": "outer space security",
    "verification": "verification, compliance and the CTBT verification regime",
    "nuclear-security": "nuclear security, nuclear safety and their instruments",
    "conventional-arms": "conventional arms, small arms and humanitarian disarmament",
    "emerging-tech": "ICT security, artificial intelligence and other emerging technologies",
    "regional-issues": "regional files: the Korean Peninsula, Iran, the Middle East",
    "groups": "groups and coalitions of States, regional organizations",
    "states": "UN Member States and observer States",
}

STRING_FIELDS = ("id", "en", "zh", "pinyin", "domain", "definition", "note", "source")
LIST_FIELDS = (
    "en_variants",
    "zh_variants",
    "abbr",
    "en_deprecated",
    "zh_deprecated",
    "see",
    "everyday",
)
REQUIRED = ("id", "en", "zh")
# Every field a concept can have, in the order files write them (a concept's ``line`` is where
# it was read, not a field).
FIELD_ORDER = tuple(f.name for f in fields(Concept) if f.name != "line")
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TERM_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*term[ \t]*\]\]", re.MULTILINE)
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)")


@dataclass(frozen=True)
class Problem:
    """One finding of the linter; ``level`` is ``error``, ``warning`` or ``info``."""

    level: str
    line: int
    message: str
    concept: str = ""


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """Parse TOML, turning a syntax error into a DataError with line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else None
        column = int(match.group(2)) if match else None
        hint = "fix the TOML syntax"
        if match is None and _TOML_AT_END.search(message):
            # tomllib gives no line here: the parser ran off the end, so name the last line.
            line = max(1, len(text.splitlines()))
            hint += "; is a bracket or a quote left open?"
        message = _TOML_AT_END.sub(" at the end of the file", _TOML_POSITION.sub("", message))
        raise DataError(f"TOML syntax error: {message.strip()}", path, line, column, hint) from None
    except RecursionError:
        raise DataError("TOML nested too deeply", path, hint="fix the TOML syntax") from None


def term_lines(text: str) -> list[int]:
    """Line numbers of the ``[[term]]`` headers, in order (tomllib reports none)."""
    # Count line ends from the previous header, not from the top: linear, not quadratic,
    # in the size of the glossary (100,000 terms would otherwise take hours).
    lines, line, position = [], 1, 0
    for match in _TERM_HEADER.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _key_line(text_lines: list[str], start: int, key: str) -> int:
    """The line of ``key = …`` inside the term that starts at ``start`` (1-based)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for offset, line in enumerate(text_lines[start - 1 :]):
        if offset and _TERM_HEADER.match(line):
            break
        if pattern.match(line):
            return start + offset
    return start


def schema_problems(raw: dict[str, Any], text: str) -> list[Problem]:
    """Every schema error of a parsed glossary, each with the line it is on."""
    terms = raw.get("term")
    if not isinstance(terms, list) or not terms:
        return [Problem("error", 1, "no [[term]] tables found; each concept is one [[term]]")]
    headers = term_lines(text)
    text_lines = text.splitlines()
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, term in enumerate(terms):
        start = headers[index] if index < len(headers) else 1
        problems.extend(_term_problems(term, start, text_lines, seen))
    return problems


def _term_problems(
    term: Any, start: int, text_lines: list[str], seen: dict[str, int]
) -> list[Problem]:
    if not isinstance(term, dict):
        return [Problem("error", start, "a [[term]] must be a table")]
    found: list[Problem] = []
    term_id = term.get("id") if isinstance(term.get("id"), str) else ""

    def error(key: str, message: str) -> None:
        found.append(Problem("error", _key_line(text_lines, start, key), message, term_id))

    for key in REQUIRED:
        if key not in term:
            found.append(Problem("error", start, f"missing required key '{key}'", term_id))
    for key, message in _type_errors(term):
        error(key, message)
    if term_id and not ID_PATTERN.fullmatch(term_id):
        error("id", f"id '{term_id}' must be lower-case ASCII letters, digits and hyphens")
    if term_id and term_id in seen:
        error("id", f"duplicate id '{term_id}' (first at line {seen[term_id]})")
    elif term_id:
        seen[term_id] = start
    return found


def _type_errors(term: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for every field of the wrong type, or empty where it must not be."""
    errors = []
    for key in STRING_FIELDS:
        if key in term and not isinstance(term[key], str):
            errors.append((key, f"'{key}' must be a string, not {_type_name(term[key])}"))
        elif key in REQUIRED and key in term and not term[key].strip():
            errors.append((key, f"'{key}' is empty"))
    for key in LIST_FIELDS:
        value = term.get(key, [])
        if not isinstance(value, list):
            errors.append((key, f"'{key}' must be a list of strings, not {_type_name(value)}"))
        elif not all(isinstance(item, str) and item.strip() for item in value):
            errors.append((key, f"'{key}' must hold only non-empty strings"))
    return errors


def _type_name(value: Any) -> str:
    return {list: "a list", dict: "a table", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def concepts_from_raw(raw: dict[str, Any], text: str) -> tuple[Concept, ...]:
    """Build concepts from an already validated parse."""
    headers = term_lines(text)
    concepts = []
    for index, term in enumerate(raw["term"]):
        fields = {key: term[key].strip() for key in STRING_FIELDS if key in term}
        lists = {key: tuple(item.strip() for item in term.get(key, [])) for key in LIST_FIELDS}
        concepts.append(
            Concept(**fields, **lists, line=headers[index] if index < len(headers) else 0)
        )
    return tuple(concepts)


def parse_glossary(text: str, path: Path | str) -> tuple[Concept, ...]:
    """Parse and validate glossary text; the first schema error is raised as DataError."""
    raw = parse_toml(text, path)
    errors = [p for p in schema_problems(raw, text) if p.level == "error"]
    if errors:
        first = errors[0]
        more = (
            f" (and {len(errors) - 1} more; run 'npt-gloss glossary check')"
            if len(errors) > 1
            else ""
        )
        raise DataError(first.message + more, path, first.line)
    return concepts_from_raw(raw, text)


def check_concepts(concepts: Sequence[Concept], path: Path | str, unit: str = "line") -> None:
    """Refuse concepts read from another format that the glossary format could not hold: an
    id that is not lower-case ASCII words joined by hyphens, or an id given twice. A
    concept's ``line`` is where it was read (``unit`` "line", or "row" for a spreadsheet)."""
    seen: dict[str, int] = {}
    for concept in concepts:
        problem = ""
        if not ID_PATTERN.fullmatch(concept.id):
            problem = f"id '{concept.id}' is not lower-case ASCII words joined by hyphens"
        elif concept.id in seen:
            first = f" (first at {unit} {seen[concept.id]})" if seen[concept.id] else ""
            problem = f"id '{concept.id}' is given twice{first}"
        if problem:
            line = concept.line or None
            if unit != "line" and line is not None:
                problem, line = f"{unit} {line}: {problem}", None
            raise DataError(problem, path, line)
        seen[concept.id] = concept.line


def load_glossary(path: Path | str) -> tuple[Concept, ...]:
    return parse_glossary(read_text(path), path)


@dataclass(frozen=True)
class Layers:
    """The concepts of several glossary files merged by id, and where each comes from."""

    concepts: tuple[Concept, ...]
    origins: tuple[int, ...]  # per concept: the number of the file it was read from
    overrides: tuple[int, ...]  # per file: how many of its concepts replace an earlier one's


def merge_layers(layers: Sequence[Sequence[Concept]]) -> Layers:
    """Merge glossaries, earliest first: a new id is appended; a known id is replaced.

    The replacement is whole, not field by field. Every entry restates its preferred terms
    (``en`` and ``zh`` are required), and the other fields speak about those terms: a shipped
    ``source`` attests the shipped rendering, its variants and forms to avoid were chosen
    beside it. Keeping them under a translator's new rendering would show attestations and
    advice that are no longer true, and an answer would come from two files at once, where
    lookup names one. The replaced concept keeps its place in the order (so ``see`` lists and
    exports read as before); its ``line`` is the line in the file that now answers.
    """
    position: dict[str, int] = {}
    concepts: list[Concept] = []
    origins: list[int] = []
    overrides: list[int] = []
    for number, layer in enumerate(layers):
        replaced = 0
        for concept in layer:
            at = position.get(concept.id)
            if at is None:
                position[concept.id] = len(concepts)
                concepts.append(concept)
                origins.append(number)
            else:
                concepts[at] = concept
                origins[at] = number
                replaced += 1
        overrides.append(replaced)
    return Layers(tuple(concepts), tuple(origins), tuple(overrides))


def load_glossaries(paths: Sequence[Path | str]) -> Layers:
    """Load and merge glossary files, earliest first (duplicate ids inside one file remain an
    error, raised naming that file and line)."""
    return merge_layers([load_glossary(path) for path in paths])


def declared_ids(text: str) -> set[str]:
    """The ids a glossary text declares, read leniently: a file's own errors are reported
    on it, not on the files that refer to its ids."""
    try:
        terms = tomllib.loads(text).get("term")
    except tomllib.TOMLDecodeError:
        return set()
    if not isinstance(terms, list):
        return set()
    return {t["id"] for t in terms if isinstance(t, dict) and isinstance(t.get("id"), str)}


def entry_problems(text: str, path: Path | str, known_ids: Iterable[str] = ()) -> list[Problem]:
    """The errors, else the warnings, of glossary text about to be written (a new entry), as
    ``glossary check`` words them; ``known_ids`` (the other loaded files' ids) count as known
    for ``see``. Lines are those of ``text``."""
    raw = parse_toml(text, path)
    errors = [p for p in schema_problems(raw, text) if p.level == "error"]
    if errors:
        return errors
    concepts = concepts_from_raw(raw, text)
    ids = set(known_ids) | {c.id for c in concepts}
    return [p for c in concepts for p in _concept_warnings(c, ids) if p.level == "warning"]


def concept_forms(concept: Concept) -> Iterable[tuple[str, str]]:
    """(kind, form) for every form a concept can be found by, preferred first."""
    yield "en", concept.en
    yield "zh", concept.zh
    for form in concept.en_variants:
        yield "en_variant", form
    for form in concept.zh_variants:
        yield "zh_variant", form
    for form in concept.abbr:
        yield "abbr", form


def check_glossary(
    text: str,
    path: Path | str,
    key: Callable[[str], str],
    occurring: set[str] | None = None,
    common_word: Callable[[str], bool] | None = None,
    known_ids: Iterable[str] = (),
) -> list[Problem]:
    """Every problem in a glossary: schema errors, then clashes and gaps.

    ``key`` is the lookup normalisation (so "a form claimed by two concepts" means two forms
    that a user could not tell apart); ``occurring``, when given, is the ids of the concepts
    found in some document, for the info-level "never occurs" finding; ``common_word``, when
    given, tells which Chinese words are common, for the info-level everyday-word proposals;
    ``known_ids`` are the ids of the other glossaries loaded with this one, which ``see`` may
    name.
    """
    raw = parse_toml(text, path)
    problems = schema_problems(raw, text)
    if any(p.level == "error" for p in problems):
        return problems
    concepts = concepts_from_raw(raw, text)
    ids = {c.id for c in concepts} | set(known_ids)
    owners: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    for concept in concepts:
        for _, form in concept_forms(concept):
            owners[key(form)].add(concept.id)
            shown.setdefault(key(form), form)
        problems.extend(_concept_warnings(concept, ids))
        problems.extend(_deprecated_clashes(concept, key))
    line_of = {c.id: c.line for c in concepts}
    for form_key, claimed in sorted(owners.items()):
        if len(claimed) > 1:
            first = min(claimed, key=line_of.__getitem__)
            problems.append(
                Problem(
                    "warning",
                    line_of[first],
                    f"form '{shown[form_key]}' is claimed by {', '.join(sorted(claimed))}",
                    first,
                )
            )
    if common_word is not None:
        problems.extend(p for c in concepts for p in everyday_candidates(c, common_word))
    if occurring is not None:
        problems.extend(
            Problem("info", c.line, "no form occurs in any document", c.id)
            for c in concepts
            if c.id not in occurring
        )
    return sorted(problems, key=lambda p: (p.line, p.level))


def _deprecated_clashes(concept: Concept, key: Callable[[str], str]) -> list[Problem]:
    """A form to avoid that the matcher cannot tell from an admitted form of the same concept
    (case, spacing, hyphens, plurals and spelling fold away) would be both at once."""
    admitted = {key(form): form for _, form in concept_forms(concept)}
    return [
        Problem(
            "warning",
            concept.line,
            f"deprecated form '{form}' reads the same as '{admitted[key(form)]}' to the matcher",
            concept.id,
        )
        for form in (*concept.en_deprecated, *concept.zh_deprecated)
        if key(form) in admitted
    ]


_LATIN_WORD = re.compile(r"[a-z]+")


def everyday_candidates(concept: Concept, common_word: Callable[[str], bool]) -> list[Problem]:
    """Info-level proposals to mark forms as everyday words: unmarked Chinese forms of one or
    two characters or that ``common_word`` ranks as common, and one-word lower-case English
    forms ("decision"), which ordinary prose uses as well."""
    found: list[Problem] = []
    if concept.domain == "states":
        return found  # names hide in other words, a matter for the segmenter (see mentions)
    for kind, form in concept_forms(concept):
        if form in concept.everyday or kind == "abbr":
            continue
        chinese = bool(form) and all(is_cjk(ch) for ch in form)
        if (chinese and (len(form) <= 2 or common_word(form))) or _LATIN_WORD.fullmatch(form):
            found.append(
                Problem(
                    "info",
                    concept.line,
                    f"'{form}' may also be an everyday word: list it in 'everyday' if so",
                    concept.id,
                )
            )
    return found


def _concept_warnings(concept: Concept, ids: set[str]) -> list[Problem]:
    found = []
    if concept.domain and concept.domain not in DOMAINS:
        found.append(
            Problem(
                "warning",
                concept.line,
                f"unknown domain '{concept.domain}' (known: {', '.join(DOMAINS)})",
                concept.id,
            )
        )
    forms = {form for _, form in concept_forms(concept)}
    for form in concept.everyday:
        if form not in forms:
            found.append(
                Problem(
                    "warning",
                    concept.line,
                    f"everyday form '{form}' is not a form of this concept",
                    concept.id,
                )
            )
    for other in concept.see:
        if other not in ids:
            found.append(
                Problem("warning", concept.line, f"'see' names unknown id '{other}'", concept.id)
            )
    if not concept.definition:
        found.append(Problem("info", concept.line, "no definition", concept.id))
    if not concept.source:
        found.append(
            Problem("info", concept.line, "no source (where the rendering is attested)", concept.id)
        )
    if not concept.pinyin:
        found.append(
            Problem(
                "info",
                concept.line,
                "no pinyin (derivable: it is derived when the index is built)",
                concept.id,
            )
        )
    return found
