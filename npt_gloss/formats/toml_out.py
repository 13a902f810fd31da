"""The glossary format written back: concepts as ``[[term]]`` tables (see the contract)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from npt_gloss.models import Concept

FIELD_ORDER = (
    "id", "en", "zh", "en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated",
    "pinyin", "domain", "definition", "note", "source", "see", "everyday",
)  # fmt: skip
LIST_FIELDS = frozenset(
    ("en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated", "see", "everyday")
)


def to_toml(concepts: Iterable[Concept], header: str = "") -> str:
    """A glossary file: an optional comment header, then one table per concept, empty fields
    left out. Strings are TOML basic strings (JSON's escapes are TOML's)."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    for concept in concepts:
        out.extend(["", "[[term]]"])
        for name in FIELD_ORDER:
            value = getattr(concept, name)
            if not value:
                continue
            if name in LIST_FIELDS:
                out.append(f"{name} = [{', '.join(_string(v) for v in value)}]")
            else:
                out.append(f"{name} = {_string(value)}")
    return "\n".join(out).lstrip("\n") + "\n"


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)
