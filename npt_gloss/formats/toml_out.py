"""The glossary format written back: concepts as ``[[term]]`` tables (see the contract)."""

from __future__ import annotations

from collections.abc import Iterable

from npt_gloss.corpus import toml_value
from npt_gloss.glossary import FIELD_ORDER
from npt_gloss.models import Concept


def to_toml(concepts: Iterable[Concept], header: str = "") -> str:
    """A glossary file: an optional comment header, then one table per concept, empty fields
    left out."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    for concept in concepts:
        out.extend(["", "[[term]]"])
        for name in FIELD_ORDER:
            value = getattr(concept, name)
            if value:
                out.append(
                    f"{name} = {toml_value(list(value) if isinstance(value, tuple) else value)}"
                )
    return "\n".join(out).lstrip("\n") + "\n"
