"""TMX drafts (translation memories), read with lxml.

Each ``tu`` is a paragraph (or a piece of one) by the number its ``tuid`` carries (see
:mod:`npt_gloss.drafts`). The translation is the ``tuv`` in the draft's language: ``--lang``
when given; else the one not in the header's ``srclang``; else, with ``--doc``, the one not
in the document's language.
"""

from __future__ import annotations

from typing import Any

from npt_gloss.drafts import Draft, checked_language, joined, language_code, paragraph_number
from npt_gloss.drafts.markup import children, descendants, inline_text, localname, parse
from npt_gloss.errors import DataError
from npt_gloss.models import Document

_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read(data: bytes, path: str, document: Document | None, lang: str | None) -> Draft:
    root = parse(data, path)
    if localname(root) != "tmx":
        raise DataError("not a TMX file (its root is not <tmx>)", path=path)
    header = next(iter(children(root, "header")), None)
    source = language_code(header.get("srclang")) if header is not None else None
    if source == "*all*":
        source = None
    units = descendants(root, "tu")
    target = lang or _target(units, source or (document.meta.lang if document else None))
    if target is None:
        raise DataError(
            "cannot tell which language is the translation",
            path=path,
            hint="set srclang in the header, or pass --lang",
        )
    checked_language(target, path)
    pieces = []
    for unit in units:
        tuid = unit.get("tuid")
        number = paragraph_number(tuid)
        if number is None:
            what = f"tuid '{tuid}' carries no paragraph number" if tuid else "<tu> has no tuid"
            raise DataError(what, path=path, line=unit.sourceline, hint="tuids such as 14 or p14")
        for variant in children(unit, "tuv"):
            if _lang(variant) == target:
                for seg in children(variant, "seg")[:1]:
                    pieces.append((number, inline_text(seg, _CODES), seg.sourceline))
    return Draft(joined(pieces), target, "tmx")


def _lang(variant: Any) -> str | None:
    return language_code(variant.get(_XML_LANG) or variant.get("lang"))


def _target(units: list[Any], source: str | None) -> str | None:
    """The one language of the file's variants that is not ``source`` (None if unclear)."""
    if source is None:
        return None
    others = {_lang(v) for unit in units for v in children(unit, "tuv")} - {source, None}
    return others.pop() if len(others) == 1 else None
