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
concepts ``crossReference`` refs. What TBX-Basic has no category for is kept in notes with a
fixed label ("pinyin: …" on the Chinese preferred term, "everyday word" on a form that is also
an everyday word), so an export read back gives the same glossary.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def to_tbx(concepts: Iterable[Concept], dialect: str = "tbx") -> str:
    """The concepts as one TBX document (``dialect`` "tbx" or "tbx2")."""
    d = DIALECTS[dialect]
    attributes = {"type": "TBX-Basic", XML_LANG: "en"}
    if dialect == "tbx":
        attributes.update({"style": "dca", "xmlns": TBX_NS})
    root = ET.Element(d.root, attributes)
    header = ET.SubElement(root, d.header)
    source = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(source, "p").text = "npt-gloss: Chinese–English arms-control glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in concepts:
        body.append(_entry(concept, d))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _entry(concept: Concept, d: Dialect) -> ET.Element:
    entry = ET.Element(d.entry, {"id": concept.id})
    if concept.domain:
        _child(entry, "descrip", concept.domain, type="subjectField")
    if concept.note:
        _child(entry, "note", concept.note)
    if concept.source:
        _child(entry, "admin", concept.source, type="source")
    for target in concept.see:
        _child(entry, "ref", target, type="crossReference", target=target)
    english = [a for a in concept.abbr if a.isascii()]
    chinese = [a for a in concept.abbr if not a.isascii()]
    for lang, preferred, variants, abbr, deprecated in (
        ("en", concept.en, concept.en_variants, english, concept.en_deprecated),
        ("zh", concept.zh, concept.zh_variants, chinese, concept.zh_deprecated),
    ):
        section = ET.SubElement(entry, d.lang, {XML_LANG: lang})
        if lang == "en" and concept.definition:
            _child(section, "descrip", concept.definition, type="definition")
        notes = [PINYIN_NOTE + concept.pinyin] if lang == "zh" and concept.pinyin else []
        section.append(_term(d, preferred, PREFERRED, concept, notes=notes))
        for form in variants:
            section.append(_term(d, form, ADMITTED, concept))
        for form in abbr:
            section.append(_term(d, form, ADMITTED, concept, term_type="abbreviation"))
        for form in deprecated:
            section.append(_term(d, form, DEPRECATED, concept))
    return entry


def _term(
    d: Dialect,
    form: str,
    status: str,
    concept: Concept,
    *,
    term_type: str = "",
    notes: Sequence[str] = (),
) -> ET.Element:
    section = ET.Element(d.term)
    _child(section, "term", form)
    if term_type:
        _child(section, "termNote", term_type, type="termType")
    _child(section, "termNote", status, type="administrativeStatus")
    for note in notes:
        _child(section, "note", note)
    if form in concept.everyday:
        _child(section, "note", EVERYDAY_NOTE)
    return section


def _child(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, name, attributes)
    element.text = text
    return element


# ---------------------------------------------------------------- reading


def from_tbx(text: str, path: str) -> list[Concept]:
    """The concepts of a TBX document of either dialect; ``path`` names it in errors."""
    try:
        # Expat refuses external entities and, from 2.4, entity-expansion bombs.
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise DataError(f"not well-formed XML: {exc}", path=path, line=line) from None
    name = root.tag.rsplit("}", 1)[-1]
    dialect = next((d for d in DIALECTS.values() if d.root == name), None)
    if dialect is None:
        raise DataError(f"not a TBX document (root element <{name}>)", path=path)
    entries = root.iter(dialect.tag(dialect.entry))
    return [_concept(entry, dialect, path) for entry in entries]


def _concept(entry: ET.Element, d: Dialect, path: str) -> Concept:
    concept_id = entry.get("id") or ""
    fields: dict[str, object] = {
        "domain": _text(entry, d, "descrip", "subjectField"),
        "note": _text(entry, d, "note"),
        "source": _text(entry, d, "admin", "source"),
        "see": tuple(
            ref.get("target") or (ref.text or "")
            for ref in entry.findall(d.tag("ref"))
            if ref.get("type") == "crossReference"
        ),
    }
    forms: dict[str, dict[str, list[str]]] = {}
    everyday: list[str] = []
    for section in entry.findall(d.tag(d.lang)):
        lang = section.get(XML_LANG, "")
        if lang == "en":
            fields["definition"] = _text(section, d, "descrip", "definition")
        for term in section.findall(d.tag(d.term)):
            form = _text(term, d, "term")
            status, kind = _status(term, d)
            forms.setdefault(lang, {}).setdefault(kind or status, []).append(form)
            for note in term.findall(d.tag("note")):
                if (note.text or "").startswith(PINYIN_NOTE):
                    fields["pinyin"] = (note.text or "")[len(PINYIN_NOTE) :]
                elif note.text == EVERYDAY_NOTE:
                    everyday.append(form)
    en, zh = forms.get("en", {}), forms.get("zh", {})
    if not (concept_id and en.get(PREFERRED) and zh.get(PREFERRED)):
        raise DataError(
            f"entry '{concept_id or '?'}' lacks an id or a preferred English or Chinese term",
            path=path,
        )
    return Concept(
        id=concept_id,
        en=en[PREFERRED][0],
        zh=zh[PREFERRED][0],
        en_variants=tuple(en.get(ADMITTED, [])),
        zh_variants=tuple(zh.get(ADMITTED, [])),
        abbr=tuple(en.get("abbreviation", []) + zh.get("abbreviation", [])),
        en_deprecated=tuple(en.get(DEPRECATED, [])),
        zh_deprecated=tuple(zh.get(DEPRECATED, [])),
        everyday=tuple(everyday),
        **fields,  # type: ignore[arg-type]
    )


def _status(term: ET.Element, d: Dialect) -> tuple[str, str]:
    status = kind = ""
    for note in term.findall(d.tag("termNote")):
        if note.get("type") == "administrativeStatus":
            status = note.text or ""
        elif note.get("type") == "termType" and note.text in ("abbreviation", "acronym"):
            kind = "abbreviation"
    return status or ADMITTED, kind


def _text(parent: ET.Element, d: Dialect, name: str, kind: str | None = None) -> str:
    for element in parent.findall(d.tag(name)):
        if kind is None or element.get("type") == kind:
            return element.text or ""
    return ""
