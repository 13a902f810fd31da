"""XLIFF drafts, 1.2 (``trans-unit``) and 2.x (``unit`` / ``segment``), read with lxml.

The paragraph of a unit is the number its name carries, else its id (see
:mod:`npt_gloss.drafts`); the translation is the ``target`` text without inline codes. The
draft's language is the file's ``target-language`` (1.2) or ``trgLang`` (2.x).
"""

from __future__ import annotations

from typing import Any

from npt_gloss.drafts import Draft, checked_language, joined, paragraph_number
from npt_gloss.drafts.markup import children, descendants, inline_text, localname, parse
from npt_gloss.errors import DataError
from npt_gloss.models import Document

# Native codes (1.2: bpt, ept, ph, it; 2.x: ph, sc, ec hold none, cp is a character).
_CODES = frozenset({"bpt", "ept", "ph", "it", "cp"})


def read(data: bytes, path: str, document: Document | None, lang: str | None) -> Draft:
    root = parse(data, path)
    if localname(root) != "xliff":
        raise DataError("not an XLIFF file (its root is not <xliff>)", path=path)
    version = root.get("version", "")
    if version.startswith("2") or "xliff:document:2" in (root.tag or ""):
        declared = checked_language(root.get("trgLang"), path, root.sourceline)
        pieces = list(_units_2(root, path))
    else:
        files = descendants(root, "file")
        declared = None
        for file in files:
            declared = declared or checked_language(
                file.get("target-language"), path, file.sourceline
            )
        pieces = list(_units_1(root, path))
    return Draft(joined(pieces), declared, "xliff")


def _number(unit: Any, names: tuple[str, ...], path: str) -> int:
    """The paragraph number the unit's first present attribute of ``names`` carries."""
    value = next((unit.get(name) for name in names if unit.get(name)), None)
    if value is None:
        raise DataError(
            f"<{localname(unit)}> has no id, so its paragraph is unknown",
            path=path,
            line=unit.sourceline,
            hint="give each unit the paragraph number as its id or name",
        )
    number = paragraph_number(value)
    if number is None:
        raise DataError(
            f"<{localname(unit)}> id '{value}' carries no paragraph number",
            path=path,
            line=unit.sourceline,
            hint="ids such as 14, p14 or 14.2",
        )
    return number


def _units_1(root: Any, path: str) -> Any:
    """(paragraph, target text, line) of each XLIFF 1.2 trans-unit."""
    for unit in descendants(root, "trans-unit"):
        number = _number(unit, ("resname", "id"), path)
        for target in children(unit, "target")[:1]:
            yield number, inline_text(target, _CODES), target.sourceline


def _units_2(root: Any, path: str) -> Any:
    """(paragraph, target text, line) of each XLIFF 2.x unit: its segments' and ignorables'
    targets in order (the ignorables keep the spaces between sentences)."""
    for unit in descendants(root, "unit"):
        number = _number(unit, ("name", "id"), path)
        parts, line = [], None
        for part in unit:
            if localname(part) not in ("segment", "ignorable"):
                continue
            for target in children(part, "target")[:1]:
                parts.append(inline_text(target, _CODES))
                line = line or target.sourceline
        if line is not None:
            yield number, "".join(parts), line
