"""Find: occurrences by longest match, concept expansion, literal search, spans."""

from __future__ import annotations

import pytest

from npt_gloss.find import find
from npt_gloss.index import Index


def paragraphs(index: Index, query: str, **options: object) -> list[int]:
    return [hit.paragraph for hit in find(index, [query], **options).hits]  # type: ignore[arg-type]


def test_longest_match_keeps_nnws_out_of_nws(mini_index: Index) -> None:
    # ¶1 has both 无核武器国家 and 核武器国家; ¶2 only the paper's wordings for NWS.
    assert paragraphs(mini_index, "nuclear-weapon States") == [1, 2]
    assert paragraphs(mini_index, "NNWS") == [1]
    spans = find(mini_index, ["NWS"]).hits[0].spans
    # Not the 核武器国家 inside 无核武器国家; 核国家 in 而非核国家的反对者 is NWS ("rather than").
    assert [s.form for s in spans] == ["核武器国家", "核国家"]


def test_trap_in_the_paper_wording(mini_index: Index) -> None:
    # 而非核国家的反对者: 核国家 here is NWS (非 is "rather than"), counted once.
    hit = find(mini_index, ["核国家"], exact=True).hits
    assert [h.paragraph for h in hit] == [1, 2]


def test_items_and_book_title_marks(mini_index: Index) -> None:
    assert paragraphs(mini_index, "strategic stability") == [3]
    assert paragraphs(mini_index, "NPT") == [4]


def test_literal_chinese_search(mini_index: Index) -> None:
    result = find(mini_index, ["负有责任"])
    assert result.literal and [h.paragraph for h in result.hits] == [2]
    assert result.hits[0].spans[0].form == "负有责任"


def test_all_of_and_any_of(mini_index: Index) -> None:
    assert [h.paragraph for h in find(mini_index, ["NWS", "NNWS"], mode="all").hits] == [1]
    assert [
        h.paragraph for h in find(mini_index, ["NNWS", "missile defence"], mode="any").hits
    ] == [1, 3]


def test_nothing(mini_index: Index) -> None:
    assert find(mini_index, ["qqqq"]).hits == ()


@pytest.mark.parametrize(
    ("query", "must", "never"),
    [
        ("nuclear-weapon States", {4, 9, 10, 12, 13, 14, 18}, {16, 19, 20}),
        ("NNWS", {10, 16, 18, 19, 20}, {4, 9, 11, 12, 13}),
        ("非核武器国家", {10, 16, 18, 19, 20}, {4, 9, 11, 12, 13}),  # a form to avoid, for NNWS
        ("strategic stabilty", {14, 15, 17, 20, 21}, set()),  # typo
        ("zhanlue wendingxing", {14, 15, 17, 20, 21}, set()),  # pinyin
        ("戰略穩定性", {14, 15, 17, 20, 21}, set()),  # traditional
        ("全面彻底裁军", {6, 10, 20}, set()),
        ("Biological Weapons Convention", {17}, set()),
        ("mutual deterrence", {12}, set()),
        ("verification mechanism", {14, 17}, set()),
        ("三大支柱", {1}, set()),
        ("地缘政治", {5, 11}, set()),  # literal: no glossary term
    ],
)
def test_shipped_paper(shipped_index: Index, query: str, must: set[int], never: set[int]) -> None:
    got = set(paragraphs(shipped_index, query))
    assert must <= got
    assert not (never & got)


def test_spans_index_the_show_text(shipped_index: Index) -> None:
    doc = shipped_index.document(0)
    for query in ("核国家", "strategic stability", "BWC", "地缘政治"):
        for hit in find(shipped_index, [query]).hits:
            text = doc.paragraph(hit.paragraph).text
            for span in hit.spans:
                assert text[span.start : span.end] == span.form


def test_lookup_and_find_agree_for_every_concept(shipped_index: Index) -> None:
    """Each concept's paragraphs as lookup reports them are exactly what find returns."""
    from npt_gloss.find import _concept_hits

    for c_index in range(len(shipped_index.concepts)):
        from_lookup = shipped_index.paragraphs_by_doc(c_index)
        result = _concept_hits(shipped_index, "", [c_index])
        from_find: dict[str, list[int]] = {}
        for hit in result.hits:
            from_find.setdefault(hit.doc, []).append(hit.paragraph)
        assert from_find == from_lookup, shipped_index.concepts[c_index][0]


def test_exact_falls_back_to_the_text_as_typed(shipped_index: Index) -> None:
    # 不扩散条约 is a glossary abbreviation the paper never uses: no concept expansion.
    assert find(shipped_index, ["不扩散条约"], exact=True).hits == ()
    result = find(shipped_index, ["稳定"], exact=True)
    assert result.literal and {h.paragraph for h in result.hits} >= {14, 15}


def test_any_of_lists_a_shared_place_once(shipped_index: Index) -> None:
    result = find(shipped_index, ["NPT", "不扩散核武器条约"], mode="any")
    assert all(len(h.spans) == len({(s.start, s.end) for s in h.spans}) for h in result.hits)
    assert [(h.paragraph, len(h.spans)) for h in result.hits] == [(1, 1), (11, 1), (12, 1)]
    # ¶1 names the Treaty only inside the Review Conference's title
    assert [s.within for s in result.hits[0].spans] == ["tenth-review-conference"]
    direct = find(shipped_index, ["NPT", "不扩散核武器条约"], mode="any", direct=True)
    assert [h.paragraph for h in direct.hits] == [11, 12]


def test_a_shorter_whole_word_survives_a_longer_partial_word() -> None:
    from conftest import concept

    from npt_gloss.index import build_index
    from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

    concepts = (
        concept(
            "npt",
            "Treaty on the Non-Proliferation of Nuclear Weapons",
            "不扩散核武器条约",
            abbr=["NPT"],
        ),
        concept("review", "NPT review", "审议"),
    )
    doc = Document(
        DocumentMeta(id="en", title=Bilingual(zh="测", en="T")),
        (Paragraph(1, "The NPT reviewers met."),),
        "en.txt",
    )
    index = build_index(concepts, (doc,))
    # "npt review" matches first but ends inside "reviewers"; "NPT" still counts.
    assert [h.paragraph for h in find(index, ["NPT"]).hits] == [1]


@pytest.mark.parametrize(
    "text",
    ["The nuclear weapon States met.", "A nuclear-weapon State met.", "Nuclear weapon states met."],
)
def test_english_text_found_in_any_spelling_lookup_accepts(text: str) -> None:
    from conftest import concept

    from npt_gloss.index import build_index
    from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

    doc = Document(
        DocumentMeta(id="en", title=Bilingual(zh="测", en="T")), (Paragraph(1, text),), "en.txt"
    )
    index = build_index((concept("nws", "nuclear-weapon States", "核武器国家"),), (doc,))
    assert [h.paragraph for h in find(index, ["nuclear-weapon States"]).hits] == [1]
