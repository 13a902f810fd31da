"""Find in detail: the exact spans, paragraphs, forms and flags of a result, on a small
two-language corpus built here (so each expectation can be read off the texts below)."""

from __future__ import annotations

import pytest
from conftest import concept

from npt_gloss.find import Hit, Span, find, hit_order, mentions_of, resolve
from npt_gloss.index import Index, build_index
from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

CONCEPTS = (
    concept(
        "nws",
        "nuclear-weapon States",
        "核武器国家",
        zh_variants=["核国家"],
        abbr=["NWS"],
    ),
    concept("nnws", "non-nuclear-weapon States", "无核武器国家", abbr=["NNWS"]),
    concept("test", "nuclear test", "核试验"),
    concept(
        "ctbt",
        "Comprehensive Nuclear-Test-Ban Treaty",
        "全面禁止核试验条约",
        abbr=["CTBT", "全面禁核试条约"],
    ),
    concept("decision", "decision", "决定", everyday=["决定"]),
    concept("stability", "strategic stability", "战略稳定性", zh_variants=["战略稳定"]),
)

ZH = (
    "核武器国家与无核武器国家；核国家。",  # 1
    "全面禁止核试验条约禁止核试验。",  # 2
    "大会决定维护战略稳定。",  # 3
    "稳定，稳定，稳定稳定。",  # 4
)
EN = (
    "The nuclear-weapon States and the NNWS.",  # 1
    "The CTBT bans any nuclear test.",  # 2
    "The decision keeps strategic stability.",  # 3
    "Stable, stable.",  # 4
)
OTHER = ("核试验停止。",)  # doc "other", ¶1


def _document(doc_id: str, texts: tuple[str, ...], lang: str = "zh", versions=()) -> Document:
    return Document(
        DocumentMeta(id=doc_id, title=Bilingual(zh="测试", en="Test"), lang=lang),
        tuple(Paragraph(n, text) for n, text in enumerate(texts, start=1)),
        f"{doc_id}.txt",
        versions,
    )


@pytest.fixture(scope="module")
def index() -> Index:
    english = _document("demo", EN, lang="en")
    return build_index(CONCEPTS, (_document("demo", ZH, versions=(english,)), _document("other", OTHER)))


def places(hits: tuple[Hit, ...]) -> list[tuple[str, int, str]]:
    return [(h.doc, h.paragraph, h.lang) for h in hits]


def spans(hit: Hit) -> list[tuple[int, int, str, str, str]]:
    return [(s.start, s.end, s.form, s.concept, s.within) for s in hit.spans]


def test_concept_spans_in_both_languages(index: Index) -> None:
    result = find(index, ["NWS"])
    assert result.concepts == ("nws",)
    assert result.forms == ("核武器国家", "核国家", "nuclear-weapon States", "NWS")
    assert not result.literal and not result.by_words
    assert places(result.hits) == [("demo", 1, "zh"), ("demo", 1, "en")]
    assert spans(result.hits[0]) == [(0, 5, "核武器国家", "nws", ""), (13, 16, "核国家", "nws", "")]
    assert spans(result.hits[1]) == [(4, 25, "nuclear-weapon States", "nws", "")]
