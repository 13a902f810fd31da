"""Reading a termbase file of any supported format, chosen by its content and extension."""

from __future__ import annotations

from pathlib import Path

from npt_gloss.errors import DataError
from npt_gloss.models import Concept


def read_termbase(path: str) -> list[Concept]:
    """Concepts from a TBX/martif file (XML), a CSV file or a tab-separated file, each with
    the columns or elements that export writes; errors name the file."""
    from npt_gloss.formats.tabular import from_csv
    from npt_gloss.formats.tbx import from_tbx
    from npt_gloss.glossary import check_concepts
    from npt_gloss.textio import read_text

    text = read_text(path)
    suffix = Path(path).suffix.lower()
    if text.lstrip().startswith("<"):
        concepts = from_tbx(text, path)
    elif suffix in (".tsv", ".tab", ".txt"):
        concepts = from_csv(text, path, delimiter="\t")
    elif suffix == ".csv":
        concepts = from_csv(text, path)
    else:
        raise DataError(
            "unknown termbase format (expected TBX/martif XML, .csv or .tsv)", path=path
        )
    check_concepts(concepts, path)
    return concepts
