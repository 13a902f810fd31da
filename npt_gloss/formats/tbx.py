"""TBX: the termbase exchange format that CAT tools (Trados, memoQ, OmegaT …) import.

Two dialects of one model, written and read here:

* ``tbx``: TBX-Basic as ISO 30042:2019 has it (``<tbx type="TBX-Basic" style="dca">``,
  ``conceptEntry`` / ``langSec`` / ``termSec``);
* ``tbx2``: the older martif form many tools still take (``<martif type="TBX-Basic">``,
  ``termEntry`` / ``langSet`` / ``tig``).

A concept is one entry with an English and a Chinese language section. Each form is a term
section with its ``administrativeStatus`` (preferred, admitted, deprecated) and, for an
abbreviation, its ``termType``. The domain is the ``subjectField``, the definition an English
``definition``, the note a ``note``, the source an ``admin type="source"``, the related
concepts ``crossReference`` refs (only to concepts in the same file: TBX requires a reference
to resolve, so a document's termlist leaves out those to concepts outside it). What
TBX-Basic has no category for is kept in notes with a fixed label ("pinyin: …" on the
Chinese preferred term, "everyday word" on a form that is also an everyday word), so an
export read back gives the same glossary.

Reading takes other tools' files too: language codes with a region (``en-US``, ``zh-CN``),
sections without an ``administrativeStatus`` (the first term is then the preferred one),
``superseded`` terms (read as deprecated), data categories inside groups (``descripGrp`` …).
Whatever the glossary has no field for (a ``context``, a ``grammaticalGender``, another
language's section …) is kept in the concept's note as "category: text [term]" and counted,
so that the import can say what it kept.
"""

from __future__ import annotations

import gc
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from npt_gloss.errors import DataError
from npt_gloss.models import Concept

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED, DEPRECATED = (
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
)
PINYIN_NOTE = "pinyin: "
EVERYDAY_NOTE = "everyday word: also used in its ordinary sense"


@dataclass(frozen=True)
class Dialect:
    """Element names of one TBX dialect."""

    root: str
    header: str
    entry: str
    lang: str
    term: str
    namespace: str = ""

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}" if self.namespace else name


DIALECTS = {
    "tbx": Dialect("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec", TBX_NS),
    "tbx2": Dialect("martif", "martifHeader", "termEntry", "langSet", "tig"),
}


# ---------------------------------------------------------------- writing

# The document is written as text, not built as an element tree and then serialised: a
# 100,000-concept glossary is written in a fraction of the time (see benchmarks/export_tbx.py).
_SPECIAL = re.compile(r'[&<>"\r\n\t]')
_TEXT_SPECIAL = re.compile(r"[&<>]")
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\r": "&#13;",
    "\n": "&#10;",
    "\t": "&#09;",
}


def _text(value: str) -> str:
    """Element content escaped as ElementTree escapes it (most terms need nothing)."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return _TEXT_SPECIAL.sub(lambda m: _ESCAPES[m.group(0)], value)


def _attribute(value: str) -> str:
    """An attribute value escaped as ElementTree escapes it."""
    if _SPECIAL.search(value) is None:
        return value
    return _SPECIAL.sub(lambda m: _ESCAPES[m.group(0)], value)


def to_tbx(concepts: Iterable[Concept], dialect: str = "tbx") -> str:
    """The concepts as one TBX document (``dialect`` "tbx" or "tbx2")."""
    with _collector_paused():
        return _write_tbx(concepts, DIALECTS[dialect])


def _write_tbx(concepts: Iterable[Concept], d: Dialect) -> str:
    concepts = list(concepts)
    ids = {concept.id for concept in concepts}
    style = f' style="dca" xmlns="{TBX_NS}"' if d.namespace else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<{d.root} type="TBX-Basic" xml:lang="en"{style}>\n',
        f"  <{d.header}>\n    <fileDesc>\n      <sourceDesc>\n",
        "        <p>npt-gloss: Chinese–English arms-control glossary</p>\n",
        f"      </sourceDesc>\n    </fileDesc>\n  </{d.header}>\n  <text>\n    <body>\n",
    ]
    for concept in concepts:
        _entry(out, concept, d, ids)
    out.append(f"    </body>\n  </text>\n</{d.root}>\n")
    return "".join(out)


def _entry(out: list[str], concept: Concept, d: Dialect, ids: set[str]) -> None:
    out.append(f'      <{d.entry} id="{_attribute(concept.id)}">\n')
    pad = " " * 8
    if concept.domain:
        out.append(_element(pad, "descrip", concept.domain, "subjectField"))
    if concept.note:
        out.append(_element(pad, "note", concept.note))
    if concept.source:
        out.append(_element(pad, "admin", concept.source, "source"))
    for target in (t for t in concept.see if t in ids):
        out.append(
            f'{pad}<ref type="crossReference" target="{_attribute(target)}">{_text(target)}</ref>\n'
        )
    english = [a for a in concept.abbr if a.isascii()]
    chinese = [a for a in concept.abbr if not a.isascii()]
    everyday = concept.everyday
    for lang, preferred, variants, abbr, deprecated in (
        ("en", concept.en, concept.en_variants, english, concept.en_deprecated),
        ("zh", concept.zh, concept.zh_variants, chinese, concept.zh_deprecated),
    ):
        out.append(f'{pad}<{d.lang} xml:lang="{lang}">\n')
        if lang == "en" and concept.definition:
            out.append(_element(pad + "  ", "descrip", concept.definition, "definition"))
        note = PINYIN_NOTE + concept.pinyin if lang == "zh" and concept.pinyin else ""
        out.append(_term(d, preferred, PREFERRED, everyday, note=note))
        out.extend(_term(d, form, ADMITTED, everyday) for form in variants)
        out.extend(_term(d, form, ADMITTED, everyday, "abbreviation") for form in abbr)
        out.extend(_term(d, form, DEPRECATED, everyday) for form in deprecated)
        out.append(f"{pad}</{d.lang}>\n")
    out.append(f"      </{d.entry}>\n")


def _term(
    d: Dialect,
    form: str,
    status: str,
    everyday: Sequence[str],
    term_type: str = "",
    note: str = "",
) -> str:
    """One term section as text, in one piece: there are several per concept."""
    pad = " " * 12
    kind = f'{pad}<termNote type="termType">{term_type}</termNote>\n' if term_type else ""
    tail = f'{pad}<termNote type="administrativeStatus">{status}</termNote>\n'
    if note:
        tail += f"{pad}<note>{_text(note)}</note>\n"
    if form in everyday:
        tail += f"{pad}<note>{EVERYDAY_NOTE}</note>\n"
    head = f"{pad[:-2]}<{d.term}>\n{pad}<term>{_text(form)}</term>\n"
    return f"{head}{kind}{tail}{pad[:-2]}</{d.term}>\n"


def _element(pad: str, name: str, text: str, kind: str = "") -> str:
    kind_attribute = f' type="{kind}"' if kind else ""
    return f"{pad}<{name}{kind_attribute}>{_text(text)}</{name}>\n"


# ---------------------------------------------------------------- reading

# Status values read as "a form to avoid" besides deprecated (TBX-Basic also has superseded).
_AVOID = (DEPRECATED, "supersededTerm-admn-sts")
_KNOWN_STATUS = (PREFERRED, ADMITTED, *_AVOID)
_ABBREVIATION_TYPES = ("abbreviation", "acronym", "shortForm")
_GROUPS = ("descripGrp", "adminGrp", "termNoteGrp")


@dataclass(frozen=True)
class TbxRead:
    """What a TBX file gave: the concepts, and how many elements of each data category that
    the glossary has no field for were kept in the concepts' notes (category → count)."""

    concepts: list[Concept]
    kept: Counter[str]


def from_tbx(text: str, path: str) -> list[Concept]:
    """The concepts of a TBX document of either dialect; ``path`` names it in errors."""
    return read_tbx(text, path).concepts


def read_tbx(text: str, path: str) -> TbxRead:
    """The concepts of a TBX document of either dialect, keeping what the glossary has no
    field for in notes (see :class:`TbxRead`)."""
    with _collector_paused():
        return _read_tbx(text, path)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while millions of elements are made: it would walk them
    again and again (a 100,000-concept file is read in half the time without it), and
    nothing made here forms a cycle."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_tbx(text: str, path: str) -> TbxRead:
    try:
        # Expat refuses external entities and, from 2.4, entity-expansion bombs.
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise DataError(f"not well-formed XML: {exc}", path=path, line=line) from None
    name = _local(root.tag)
    dialect = next((d for d in DIALECTS.values() if d.root == name), None)
    if dialect is None:
        raise DataError(f"not a TBX document (root element <{name}>)", path=path)
    entries = list(root.iter(dialect.tag(dialect.entry)))
    if not entries:
        raise DataError(f"no <{dialect.entry}> elements: the termbase is empty", path=path)
    lines = _entry_lines(text, dialect.entry, len(entries))
    kept: Counter[str] = Counter()
    concepts = [
        _Reader(dialect, path, line, kept).concept(entry)
        for entry, line in zip(entries, lines, strict=True)
    ]
    return TbxRead(concepts, kept)


def _entry_lines(text: str, name: str, count: int) -> list[int]:
    """The line of each entry's start tag, in document order (0s when a comment or CDATA
    makes the count differ, so that no line is ever wrong)."""
    lines, line, position = [], 1, 0
    for match in re.finditer(rf"<(?:[\w.-]+:)?{name}[\s/>]", text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines if len(lines) == count else [0] * count


@cache  # a file has a handful of distinct tags and hundreds of thousands of elements
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Reader:
    """Reads one entry into a concept, keeping unknown data categories as note lines."""

    def __init__(self, d: Dialect, path: str, line: int, kept: Counter[str]) -> None:
        self.d, self.path, self.line, self.kept = d, path, line, kept
        self.fields: dict[str, object] = {}
        self.notes: list[str] = []
        self.extra: list[str] = []  # kept in the note, after the entry's own notes
        self.everyday: list[str] = []

    def concept(self, entry: ET.Element) -> Concept:
        concept_id = entry.get("id") or ""
        see: list[str] = []
        forms: dict[str, dict[str, list[str]]] = {}
        definitions: list[str] = []
        for child in _flat(entry):
            tag, kind = _local(child.tag), child.get("type", "")
            if tag == self.d.lang:
                self._language(child, forms)
            elif (tag, kind) == ("descrip", "subjectField") and "domain" not in self.fields:
                self.fields["domain"] = _value(child)
            elif (tag, kind) == ("admin", "source") and "source" not in self.fields:
                self.fields["source"] = _value(child)
            elif (tag, kind) == ("descrip", "definition"):
                definitions.append(_value(child))
            elif (tag, kind) == ("ref", "crossReference"):
                see.append(child.get("target") or _value(child))
            elif tag == "note":
                self.notes.append(_value(child))
            else:
                self._keep(child)
        if "definition" not in self.fields and definitions:
            self.fields["definition"] = definitions.pop(0)
        for text in definitions:
            self._keep_text("definition", text)
        en, zh = self._preferred(forms, "en", concept_id), self._preferred(forms, "zh", concept_id)
        note = "; ".join(part for part in [*self.notes, *self.extra] if part)
        return Concept(
            id=concept_id,
            en=en[PREFERRED][0],
            zh=zh[PREFERRED][0],
            en_variants=tuple(en[PREFERRED][1:] + en.get(ADMITTED, [])),
            zh_variants=tuple(zh[PREFERRED][1:] + zh.get(ADMITTED, [])),
            abbr=tuple(en.get("abbreviation", []) + zh.get("abbreviation", [])),
            en_deprecated=tuple(en.get(DEPRECATED, [])),
            zh_deprecated=tuple(zh.get(DEPRECATED, [])),
            everyday=tuple(self.everyday),
            see=tuple(see),
            note=note,
            line=self.line,
            **self.fields,  # type: ignore[arg-type]
        )

    def _preferred(
        self, forms: dict[str, dict[str, list[str]]], lang: str, concept_id: str
    ) -> dict[str, list[str]]:
        """The forms of one language, with a preferred term: the first admitted form when
        the file marks none (as tools that know no status write it)."""
        mine = forms.get(lang, {})
        if not mine.get(PREFERRED) and mine.get(ADMITTED):
            mine[PREFERRED] = [mine[ADMITTED].pop(0)]
        if not mine.get(PREFERRED):
            language = "English" if lang == "en" else "Chinese"
            raise DataError(
                f"entry '{concept_id or '?'}' has no {language} term",
                path=self.path,
                line=self.line or None,
            )
        return mine

    def _language(self, section: ET.Element, forms: dict[str, dict[str, list[str]]]) -> None:
        lang = section.get(XML_LANG, "").split("-")[0].lower()
        if lang not in ("en", "zh"):
            terms = [_value(t) for t in section.iter(self.d.tag("term"))]
            self._keep_text(f"langSec {lang or '?'}", " | ".join(terms))
            return
        for child in _flat(section):
            tag, kind = _local(child.tag), child.get("type", "")
            if tag == self.d.term:
                self._term(child, forms.setdefault(lang, {}))
            elif (tag, kind) == ("descrip", "definition") and lang == "en":
                self.fields.setdefault("definition", _value(child))
            else:
                self._keep(child, f"{lang}")

    def _term(self, section: ET.Element, forms: dict[str, list[str]]) -> None:
        form, status, kind = "", ADMITTED, ""
        others: list[ET.Element] = []
        for child in _flat(section):
            tag, value = _local(child.tag), _value(child)
            if tag == "term":
                form = value
            elif (tag, child.get("type")) == ("termNote", "administrativeStatus"):
                status = value
            elif (tag, child.get("type")) == ("termNote", "termType") and value in (
                *_ABBREVIATION_TYPES,
                "fullForm",
            ):
                kind = "abbreviation" if value in _ABBREVIATION_TYPES else ""
            elif tag == "note" and value.startswith(PINYIN_NOTE):
                self.fields["pinyin"] = value[len(PINYIN_NOTE) :]
            elif tag == "note" and value == EVERYDAY_NOTE:
                self.everyday.append(form)
            else:
                others.append(child)
        if not form:
            return
        if status not in _KNOWN_STATUS:
            self._keep_text("administrativeStatus", f"{status} ({form})")
        bucket = DEPRECATED if status in _AVOID else PREFERRED if status == PREFERRED else ADMITTED
        forms.setdefault(kind or bucket, []).append(form)
        for child in others:
            self._keep(child, form)

    def _keep(self, element: ET.Element, about: str = "") -> None:
        label = element.get("type") or _local(element.tag)
        value = _value(element)
        if element.get("target"):
            value = f"{value} ({element.get('target')})" if value else element.get("target", "")
        self._keep_text(label, f"{value} [{about}]" if about else value)

    def _keep_text(self, label: str, value: str) -> None:
        self.kept[label] += 1
        self.extra.append(f"{label}: {value}")


def _flat(parent: ET.Element) -> Iterator[ET.Element]:
    """The children of an element, with the members of a group (descripGrp …) in its place."""
    for child in parent:
        if not isinstance(child.tag, str):
            continue  # a comment or processing instruction
        if _local(child.tag) in _GROUPS:
            yield from _flat(child)
        else:
            yield child


def _value(element: ET.Element) -> str:
    """An element's text: a leaf's as written (line breaks in a note survive the round trip),
    a container's (a transacGrp …) with the layout's white space folded away."""
    if len(element) == 0:
        return (element.text or "").strip()
    return " ".join("".join(element.itertext()).split())
