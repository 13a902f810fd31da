"""CSV and OmegaT-style TSV: the glossary as a table a spreadsheet or a CAT tool opens.

* ``csv``: UTF-8 with a header row, one row per concept, every field of the glossary format
  (lists joined by "; "), and with a document the paragraphs where the concept occurs.
* ``tsv``: OmegaT's glossary form, one row per source-language form (preferred term,
  variants, abbreviations): source, target (the preferred term in the other language), and a
  comment (the definition for the preferred term, "variant of …" otherwise).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from npt_gloss.models import Concept

LIST_SEPARATOR = "; "
CSV_FIELDS = (
    "id", "en", "zh", "en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated",
    "everyday", "pinyin", "domain", "definition", "note", "source", "see",
)  # fmt: skip


def to_csv(concepts: Iterable[Concept], paragraphs: dict[str, str] | None = None) -> str:
    """The concepts as CSV; ``paragraphs`` (concept id → "3, 5, 17") adds that column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = [*CSV_FIELDS, *(["paragraphs"] if paragraphs is not None else [])]
    writer.writerow(header)
    for concept in concepts:
        row = [_cell(getattr(concept, name)) for name in CSV_FIELDS]
        if paragraphs is not None:
            row.append(paragraphs.get(concept.id, ""))
        writer.writerow(row)
    return out.getvalue()


def to_omegat(concepts: Iterable[Concept], source: str = "en") -> str:
    """OmegaT glossary lines: source<TAB>target<TAB>comment, ``source`` "en" or "zh"."""
    lines = []
    for concept in concepts:
        target = concept.zh if source == "en" else concept.en
        preferred = concept.en if source == "en" else concept.zh
        lines.append(_tsv_line(preferred, target, concept.definition))
        for form in _source_forms(concept, source):
            lines.append(_tsv_line(form, target, f"variant of {preferred}"))
    return "".join(lines)


def _source_forms(concept: Concept, source: str) -> list[str]:
    variants: Sequence[str] = concept.en_variants if source == "en" else concept.zh_variants
    latin = [a for a in concept.abbr if a.isascii()]
    chinese = [a for a in concept.abbr if not a.isascii()]
    return list(dict.fromkeys([*variants, *(latin if source == "en" else chinese)]))


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def _tsv_line(*fields: str) -> str:
    return "\t".join(" ".join(field.split()) for field in fields) + "\n"
