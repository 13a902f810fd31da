"""Property tests: any text the glossary can hold comes back unchanged through TBX (both
dialects), XLSX and CSV."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npt_gloss.formats.tabular import from_csv, to_csv
from npt_gloss.formats.tbx import from_tbx, to_tbx
from npt_gloss.models import Concept

# XML 1.0 holds no control characters but tab and line breaks, no surrogates, no U+FFFE/F.
_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Cn"), blacklist_characters="|;")
FORM = st.text(_CHARS, min_size=1, max_size=12).map(str.strip).filter(bool)
TEXT = st.text(st.one_of(_CHARS, st.sampled_from("\n\t&<>\"'")), max_size=40).map(str.strip)


@st.composite
def concepts(draw) -> Concept:  # type: ignore[no-untyped-def]
    en, zh = draw(FORM), draw(FORM)
    variants = draw(st.lists(FORM, max_size=3, unique=True))
    return Concept(
        id=draw(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True)),
        en=en,
        zh=zh,
        en_variants=tuple(v for v in variants if v not in (en, zh)),
        zh_deprecated=tuple(draw(st.lists(FORM, max_size=2, unique=True))),
        definition=draw(TEXT),
        note=draw(TEXT),
        source=draw(TEXT),
        domain=draw(TEXT.map(lambda t: " ".join(t.split()))),
    )


@pytest.mark.parametrize("dialect", ["tbx", "tbx2"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(concept=concepts())
def test_any_text_survives_tbx(dialect: str, concept: Concept) -> None:
    (back,) = from_tbx(to_tbx([concept], dialect), "p.tbx")
    assert replace(back, line=0) == concept


@settings(max_examples=100, deadline=None)
@given(concept=concepts())
def test_any_text_survives_xlsx(tmp_path_factory, concept: Concept) -> None:
    pytest.importorskip("openpyxl")
    from npt_gloss.formats.xlsx import from_xlsx, to_xlsx

    path = tmp_path_factory.mktemp("x") / "p.xlsx"
    path.write_bytes(to_xlsx([concept]))
    (back,) = from_xlsx(str(path))
    assert replace(back, line=0) == concept


@settings(max_examples=150, deadline=None)
@given(concept=concepts())
def test_any_text_survives_csv(concept: Concept) -> None:
    (back,) = from_csv(to_csv([concept]), "p.csv")
    assert back.en == concept.en and back.note == concept.note
    assert back.en_variants == concept.en_variants
