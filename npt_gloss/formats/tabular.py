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

from npt_gloss.glossary import FIELD_ORDER, LIST_FIELDS
from npt_gloss.models import Concept

LIST_SEPARATOR = "; "
CSV_FIELDS = FIELD_ORDER  # the columns: every field of the glossary format


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


def from_csv(text: str, path: str, delimiter: str = ",") -> list[Concept]:
    """Concepts from a table with a header row naming glossary fields (``id``, ``en`` and
    ``zh`` required; lists joined by "; "; unknown columns such as ``paragraphs`` ignored)."""
    from npt_gloss.errors import DataError

    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = {"id", "en", "zh"} - set(reader.fieldnames or ())
    if missing:
        raise DataError(
            f"the header row lacks the column(s) {', '.join(sorted(missing))}", path=path, line=1
        )
    concepts = []
    for row in reader:
        values: dict[str, object] = {}
        for name in CSV_FIELDS:
            cell = (row.get(name) or "").strip()
            if name in LIST_FIELDS:
                values[name] = tuple(part.strip() for part in cell.split(";") if part.strip())
            else:
                values[name] = cell
        if not (values["id"] and values["en"] and values["zh"]):
            raise DataError("a row lacks id, en or zh", path=path, line=reader.line_num)
        concepts.append(Concept(**values, line=reader.line_num))  # type: ignore[arg-type]
    if not concepts:
        raise DataError("a header row but no rows of terms", path=path, line=1)
    return concepts


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
