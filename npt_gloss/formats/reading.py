"""Reading a termbase file of any supported format, chosen by its extension and content."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from npt_gloss.errors import DataError
from npt_gloss.models import Concept


@dataclass(frozen=True)
class Termbase:
    """An imported termbase: its concepts, and the data categories (TBX only) that the
    glossary has no field for, kept in the concepts' notes (category → how many)."""

    concepts: list[Concept]
    kept: Counter[str] = field(default_factory=Counter)

    def kept_summary(self) -> str:
        """The line the import prints, e.g. "kept 3 unknown data categories in notes:
        context ×2, grammaticalGender ×1"; empty when nothing was kept."""
        total = sum(self.kept.values())
        if not total:
            return ""
        parts = sorted(self.kept.items(), key=lambda item: (-item[1], item[0]))
        what = "data category" if total == 1 else "data categories"
        listed = ", ".join(f"{name} ×{count}" for name, count in parts)
        return f"kept {total} unknown {what} in notes: {listed}"


def read_termbase(path: str) -> Termbase:
    """The concepts of a TBX/martif file (XML), an XLSX workbook, a CSV file or a
    tab-separated file, each with the columns or elements that export writes; errors name
    the file and the line, row or entry."""
    from npt_gloss.formats.tabular import from_csv
    from npt_gloss.formats.tbx import read_tbx
    from npt_gloss.glossary import check_concepts
    from npt_gloss.textio import read_text

    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from npt_gloss.formats.xlsx import from_xlsx

        concepts = from_xlsx(path)
        check_concepts(concepts, path, unit="row")
        return Termbase(concepts)
    text = read_text(path)
    kept: Counter[str] = Counter()
    if text.lstrip().startswith("<"):
        tbx = read_tbx(text, path)
        concepts, kept = tbx.concepts, tbx.kept
    elif suffix in (".tsv", ".tab", ".txt"):
        concepts = from_csv(text, path, delimiter="\t")
    elif suffix == ".csv":
        concepts = from_csv(text, path)
    else:
        raise DataError(
            "unknown termbase format (expected TBX/martif XML, .xlsx, .csv or .tsv)", path=path
        )
    check_concepts(concepts, path)
    return Termbase(concepts, kept)
