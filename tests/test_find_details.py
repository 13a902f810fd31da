"""Find in detail: the exact spans, paragraphs, forms and flags of a result, on a small
two-language corpus built here (so each expectation can be read off the texts below)."""

from __future__ import annotations

import pytest
from conftest import concept

from npt_gloss.build import latin_spellings
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
    return build_index(
        CONCEPTS, (_document("demo", ZH, versions=(english,)), _document("other", OTHER))
    )


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


def test_a_mention_inside_a_longer_term_is_marked_and_direct_drops_it(index: Index) -> None:
    result = find(index, ["nuclear test"])
    assert result.forms == ("核试验", "nuclear test")
    assert places(result.hits) == [("demo", 2, "zh"), ("demo", 2, "en"), ("other", 1, "zh")]
    inside, alone = result.hits[0].spans
    assert (inside.start, inside.end, inside.within, inside.within_name) == (4, 7, "ctbt", "CTBT")
    assert (alone.start, alone.end, alone.within, alone.within_name) == (11, 14, "", "")
    direct = find(index, ["nuclear test"], direct=True)
    assert [spans(h) for h in direct.hits] == [
        [(11, 14, "核试验", "test", "")],
        [(18, 30, "nuclear test", "test", "")],
        [(0, 3, "核试验", "test", "")],
    ]


def test_the_short_name_of_the_outer_term_is_its_english_without_a_latin_abbreviation() -> None:
    concepts = (
        concept("test", "nuclear test", "核试验"),
        concept("site", "nuclear test site", "核试验场", abbr=["核试场"]),
    )
    index = build_index(concepts, (_document("d", ("The nuclear test site closed.",)),))
    (span,) = find(index, ["nuclear test"]).hits[0].spans
    assert (span.start, span.end, span.within, span.within_name) == (
        4,
        16,
        "site",
        "nuclear test site",
    )


def test_the_first_concept_of_the_glossary_can_be_the_outer_term() -> None:
    concepts = (
        concept("site", "nuclear test site", "核试验场", abbr=["NTS"]),
        concept("test", "nuclear test", "核试验"),
    )
    index = build_index(concepts, (_document("d", ("The nuclear test site closed.",)),))
    (span,) = find(index, ["nuclear test"]).hits[0].spans
    assert (span.within, span.within_name) == ("site", "NTS")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"doc": "other"}, [("other", 1, "zh")]),
        ({"doc": "demo"}, [("demo", 2, "zh"), ("demo", 2, "en")]),
        ({"lang": "en"}, [("demo", 2, "en")]),
        ({"lang": "zh"}, [("demo", 2, "zh"), ("other", 1, "zh")]),
        ({"doc": "demo", "lang": "zh"}, [("demo", 2, "zh")]),
        ({"doc": "other", "lang": "en"}, []),
    ],
)
def test_scope_by_document_and_language(
    index: Index, options: dict[str, str], expected: list[tuple[str, int, str]]
) -> None:
    assert places(find(index, ["核试验"], **options).hits) == expected  # type: ignore[arg-type]
    # the same scope for a literal search
    literal = find(index, ["核试验"], exact=True, **options)  # type: ignore[arg-type]
    assert places(literal.hits) == [place for place in expected if place[2] == "zh"]


def test_everyday_forms_are_possible_mentions_unless_counted(index: Index) -> None:
    result = find(index, ["decision"])
    assert [spans(h) for h in result.hits] == [[(4, 12, "decision", "decision", "")]]
    assert places(result.hits) == [("demo", 3, "en")]
    assert places(result.possible) == [("demo", 3, "zh")]
    assert spans(result.possible[0]) == [(2, 4, "决定", "decision", "")]
    counted = find(index, ["decision"], everyday=True)
    assert places(counted.hits) == [("demo", 3, "zh"), ("demo", 3, "en")]
    assert counted.possible == ()


def test_literal_spans_are_every_place_without_overlap(index: Index) -> None:
    result = find(index, ["稳定"], exact=True)
    assert result.literal and result.concepts == () and result.forms == ("稳定",)
    assert [(h.paragraph, spans(h)) for h in result.hits] == [
        (3, [(8, 10, "稳定", "", "")]),
        (
            4,
            [
                (0, 2, "稳定", "", ""),
                (3, 5, "稳定", "", ""),
                (6, 8, "稳定", "", ""),
                (8, 10, "稳定", "", ""),
            ],
        ),
    ]
    # a needle that repeats itself: the next match starts after the last one ends
    doubled = find(index, ["稳定稳定"])
    assert doubled.literal and [spans(h) for h in doubled.hits] == [[(6, 10, "稳定稳定", "", "")]]


def test_literal_search_folds_case_and_gives_the_text_as_written(index: Index) -> None:
    result = find(index, ["STABLE"], exact=True)
    assert result.query == "STABLE" and result.forms == ("STABLE",)
    assert [(h.lang, spans(h)) for h in result.hits] == [
        ("en", [(0, 6, "Stable", "", ""), (8, 14, "stable", "", "")])
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("NWS", []),  # only inside "NNWS"
        ("stat", []),  # only inside "States"
        ("weapon", [(1, [(12, 18, "weapon", "", "")])]),  # a hyphen ends a word
        ("the nnws", [(1, [(30, 38, "the NNWS", "", "")])]),
        ("stable.", [(4, [(8, 15, "stable.", "", "")])]),  # the edge is the full stop
    ],
)
def test_literal_search_matches_latin_text_as_whole_words(
    index: Index, query: str, expected: list
) -> None:
    result = find(index, [query], exact=True)
    assert result.literal
    assert [(h.paragraph, spans(h)) for h in result.hits if h.lang == "en"] == expected


def test_a_literal_match_that_fails_a_word_edge_does_not_hide_the_next_one() -> None:
    english = _document("w", ("NNWS, NWS and NWSs; NWS.",), lang="en")
    index = build_index(CONCEPTS[4:5], (english,))
    result = find(index, ["NWS"], exact=True)
    assert [spans(h) for h in result.hits] == [[(6, 9, "NWS", "", ""), (20, 23, "NWS", "", "")]]


def test_literal_chinese_edges_need_no_word_break() -> None:
    chinese = _document("c", ("第60条和第6条；6条。",))
    index = build_index(CONCEPTS[4:5], (chinese,))
    result = find(index, ["第6"], exact=True)
    assert [spans(h) for h in result.hits] == [[(5, 7, "第6", "", "")]]
    assert [spans(h) for h in find(index, ["条"], exact=True).hits] == [
        [(3, 4, "条", "", ""), (7, 8, "条", "", ""), (10, 11, "条", "", "")]
    ]


def test_literal_span_of_a_single_character(index: Index) -> None:
    result = find(index, ["；"], exact=True)
    assert [(h.paragraph, spans(h)) for h in result.hits] == [(1, [(12, 13, "；", "", "")])]


def test_an_empty_literal_query_finds_nothing(index: Index) -> None:
    assert find(index, ["  "], exact=True).hits == ()


def test_exact_keeps_the_form_as_typed(index: Index) -> None:
    result = find(index, ["核国家"], exact=True)
    assert result.query == "核国家"
    assert not result.literal and result.concepts == ("nws",) and result.forms == ("核国家",)
    assert [spans(h) for h in result.hits] == [[(13, 16, "核国家", "nws", "")]]


def test_an_exact_form_never_standing_alone_is_searched_as_typed(index: Index) -> None:
    # 全面禁核试条约 is a form of the CTBT the texts never use; the full title is found
    # by concept, the short one not at all (no literal text either).
    result = find(index, ["全面禁核试条约"], exact=True)
    assert result.literal and result.hits == ()


def test_all_of_keeps_places_with_every_concept_and_lists_their_spans(index: Index) -> None:
    result = find(index, ["NWS", "nuclear test"], mode="all")
    assert result.hits == ()
    both = find(index, ["NWS", "NNWS"], mode="all")
    assert both.query == "NWS | NNWS" and both.concepts == ("nws", "nnws")
    assert both.forms == (
        "核武器国家",
        "核国家",
        "nuclear-weapon States",
        "NWS",
        "无核武器国家",
        "non-nuclear-weapon States",
        "NNWS",
    )
    assert [spans(h) for h in both.hits] == [
        [
            (0, 5, "核武器国家", "nws", ""),
            (6, 12, "无核武器国家", "nnws", ""),
            (13, 16, "核国家", "nws", ""),
        ],
        [(4, 25, "nuclear-weapon States", "nws", ""), (34, 38, "NNWS", "nnws", "")],
    ]
    assert not both.literal


def test_any_of_merges_places_and_keeps_possible_ones_apart(index: Index) -> None:
    result = find(index, ["decision", "nuclear test"], mode="any")
    assert result.concepts == ("decision", "test")
    assert places(result.hits) == [
        ("demo", 2, "zh"),
        ("demo", 2, "en"),
        ("demo", 3, "en"),
        ("other", 1, "zh"),
    ]
    assert places(result.possible) == [("demo", 3, "zh")]
    assert not result.literal
    # a place counted for one query is no longer only possible
    counted = find(index, ["decision", "决定"], mode="any", everyday=True)
    assert places(counted.possible) == []


def test_a_possible_place_counted_by_another_query_is_a_hit_only() -> None:
    concepts = (
        concept("decision", "decision", "决定", everyday=["决定"]),
        concept("conf", "conference", "大会"),
    )
    index = build_index(concepts, (_document("d", ("大会决定。", "决定。")),))
    result = find(index, ["decision", "conference"], mode="any")
    assert [h.paragraph for h in result.hits] == [1]
    # ¶1 is a hit (大会), so its 决定 is no longer only possible; ¶2 stays possible
    assert [h.paragraph for h in result.possible] == [2]
    assert [s.form for s in result.hits[0].spans] == ["大会"]


def test_two_literal_queries_give_a_literal_result(index: Index) -> None:
    result = find(index, ["稳定", "战略"], mode="any", exact=True)
    assert result.literal
    assert [h.paragraph for h in result.hits] == [3, 4]
    mixed = find(index, ["维护", "NWS"], mode="any")
    assert not mixed.literal and places(mixed.hits) == [
        ("demo", 1, "zh"),
        ("demo", 1, "en"),
        ("demo", 3, "zh"),
    ]


def test_a_typo_resolves_to_one_concept(index: Index) -> None:
    result = find(index, ["stratgic stability"])
    assert result.concepts == ("stability",) and not result.by_words
    assert [spans(h) for h in result.hits] == [
        [(6, 10, "战略稳定", "stability", "")],
        [(19, 38, "strategic stability", "stability", "")],
    ]


def test_words_of_terms_find_every_concept_holding_them(index: Index) -> None:
    result = find(index, ["nuclear"])
    assert result.by_words and result.concepts == ("test", "nws", "ctbt")
    # 核试验 inside the CTBT's title counts for the CTBT, searched too: once
    assert [spans(h) for h in result.hits][2] == [
        (0, 9, "全面禁止核试验条约", "ctbt", ""),
        (11, 14, "核试验", "test", ""),
    ]


def test_nothing_found_for_an_unknown_english_query(index: Index) -> None:
    result = find(index, ["qqqq zzzz"])
    assert (result.query, result.concepts, result.forms, result.hits) == ("qqqq zzzz", (), (), ())
    assert not result.literal and not result.by_words


def test_resolve_and_mentions_of(index: Index) -> None:
    assert resolve(index, "NWS") == [0]
    assert resolve(index, "qqqq zzzz") == []
    result = mentions_of(index, 2)
    assert result.query == "test" and result.concepts == ("test",)
    assert places(result.hits) == places(find(index, ["nuclear test"]).hits)


@pytest.mark.parametrize(
    ("lang", "rank"), [("zh", 0), ("en", 1), ("fr", 2), ("ru", 3), ("es", 4), ("ar", 5), ("de", 6)]
)
def test_hit_order_puts_versions_in_the_un_order(lang: str, rank: int) -> None:
    assert hit_order(Hit("d", 7, (), lang)) == ("d", 7, rank, lang)


def test_a_span_compares_without_its_display_name() -> None:
    assert Span(1, 2, "x", "c", "w", "W") == Span(1, 2, "x", "c", "w", "other")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, [("demo", 2, "zh"), ("other", 1, "zh")]),
        ({"doc": "other"}, [("other", 1, "zh")]),
        ({"doc": "demo"}, [("demo", 2, "zh")]),
        ({"lang": "en"}, []),
    ],
)
def test_scope_of_a_literal_search(
    index: Index, options: dict[str, str], expected: list[tuple[str, int, str]]
) -> None:
    # 止 is no glossary form: searched as text, in the texts the scope takes
    result = find(index, ["止"], exact=True, **options)  # type: ignore[arg-type]
    assert result.literal and places(result.hits) == expected


# --- English text: whole words, negation, capitals, hyphens, names inside names -------------

ENGLISH_CONCEPTS = (
    concept("nws", "nuclear-weapon States", "核武器国家", abbr=["NWS"]),
    concept("nw", "nuclear weapon", "核武器"),
    concept("mc1", "Main Committee I", "第一主要委员会"),
    concept("iran", "Iran", "伊朗", domain="states"),
    concept("deal", "Iran nuclear deal", "伊朗核协议"),
    concept("sudan", "Sudan", "苏丹", domain="states"),
    concept("south-sudan", "South Sudan", "南苏丹", domain="states"),
    concept("usa", "United States", "美国", abbr=["US"], domain="states"),
    concept("test", "nuclear test", "核试验"),
    concept("ban", "nuclear test ban", "禁止核试验"),
    concept("ctbt", "Comprehensive Nuclear-Test-Ban Treaty", "全面禁止核试验条约"),
    concept("three", "one-two-three-four", "一二三四"),
    concept("four", "five-six-seven-eight-nine", "五六七八九"),
)


def _english_hits(*texts: str) -> dict[int, list[tuple[str, str, str]]]:
    """Paragraph → (concept, form as written, within) of every mention in English texts."""
    index = build_index(ENGLISH_CONCEPTS, (_document("en", texts, lang="en"),))
    found: dict[int, list[tuple[str, str, str]]] = {}
    for position in range(len(ENGLISH_CONCEPTS)):
        for hit in mentions_of(index, position).hits:
            found.setdefault(hit.paragraph, []).extend(
                (s.concept, s.form, s.within) for s in hit.spans
            )
    return {n: sorted(spans) for n, spans in sorted(found.items())}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # negation: "non-" before (at the very start of the text too), "-free" after
        ("Non-nuclear weapon States agree.", []),
        ("The non nuclear weapon talks.", []),
        ("A nuclear-weapon-free zone.", []),
        ("A nuclear weapon free of doubt.", [("nw", "nuclear weapon", "")]),
        ("Nuclear weapon", [("nw", "Nuclear weapon", "")]),
        # capitalised abbreviations only in capitals
        ("Let us act with the US.", [("usa", "US", "")]),
        # the same where folding changes the text's length (the ligature ﬁ is two letters)
        ("The ﬁrst: the US and us.", [("usa", "US", "")]),
        # whole words, at either end of the text
        ("NWS", [("nws", "NWS", "")]),
        ("xNWS and NWSx.", []),
        ("aNWS", []),
        ("NWS met", [("nws", "NWS", "")]),
        ("Main Committee II met.", []),
        ("Main Committee I met.", [("mc1", "Main Committee I", "")]),
        # the longest form that is whole words
        ("A nuclear test banking rule.", [("test", "nuclear test", "")]),
        (
            "A nuclear test ban.",
            [("ban", "nuclear test ban", ""), ("test", "nuclear test", "ban")],
        ),
        # hyphens as hyphens or spaces, mixed in a title of up to three
        (
            "The Comprehensive Nuclear Test-Ban Treaty.",
            [
                ("ctbt", "Comprehensive Nuclear Test-Ban Treaty", ""),
                ("test", "Nuclear Test", "ctbt"),
            ],
        ),
        ("one two-three four", [("three", "one two-three four", "")]),
        ("five six-seven-eight-nine", []),
        ("five six seven eight nine", [("four", "five six seven eight nine", "")]),
        # a name inside another name is part of it; inside another term it counts
        ("South Sudan voted.", [("south-sudan", "South Sudan", "")]),
        (
            "The Iran nuclear deal.",
            [("deal", "Iran nuclear deal", ""), ("iran", "Iran", "deal")],
        ),
    ],
)
def test_english_mentions(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _english_hits(text).get(1, []) == sorted(expected)


def test_chinese_forms_need_no_word_edge_beside_latin_letters() -> None:
    index = build_index(ENGLISH_CONCEPTS, (_document("zh", ("5核武器国家A，伊朗。",)),))
    result = find(index, ["NWS"])
    assert [spans(h) for h in result.hits] == [[(1, 6, "核武器国家", "nws", "")]]


@pytest.mark.parametrize(
    ("pattern", "spellings"),
    [
        ("nuclear policies", ["nuclear policy"]),
        ("nuclear policy", ["nuclear policies"]),
        ("nuclear delay", ["nuclear delays"]),  # a vowel before the y
        ("nuclear glasses", ["nuclear glass"]),
        ("nuclear complexes", ["nuclear complex"]),
        ("missile launches", ["missile launch"]),
        ("nuclear flashes", ["nuclear flash"]),
        ("nuclear weapons", ["nuclear weapon"]),
        ("nuclear stress", ["nuclear stresses"]),
        ("nuclear status", ["nuclear statuses"]),
        ("nuclear crisis", ["nuclear crises"]),
        ("missile launch", ["missile launches"]),
        ("nuclear flash", ["nuclear flashes"]),
        ("nuclear complex", ["nuclear complexes"]),
        ("fissile material", ["fissile materials"]),
        ("nuclear age", []),  # too short a word to be sure of its plural
        ("treaty p5", []),  # not a word
        ("missile defence", ["missile defences", "missile defense", "missile defenses"]),
        (
            "nuclear-weapon states",
            ["nuclear-weapon state", "nuclear weapon states", "nuclear weapon state"],
        ),
        (
            "one-two-three-four-five",  # more hyphens than are mixed: all or none
            ["one-two-three-four-fives", "one two three four five", "one two three four fives"],
        ),
        ("核武器", []),
    ],
)
def test_latin_spellings(pattern: str, spellings: list[str]) -> None:
    assert latin_spellings(pattern) == spellings


def test_each_version_is_scanned_for_the_forms_of_its_language() -> None:
    english = _document("v", ("核武器国家 are NWS.",), lang="en")
    french = _document("v", ("Les NWS et le 核武器国家.",), lang="fr")
    chinese = _document("v", ("核武器国家（NWS）。",), versions=(english, french))
    index = build_index(CONCEPTS, (chinese,))
    found = find(index, ["NWS"])
    # Chinese text: every form; English: English forms and Latin abbreviations only;
    # French: none (the glossary has no French), reached by literal search alone
    assert [(h.lang, spans(h)) for h in found.hits] == [
        ("zh", [(0, 5, "核武器国家", "nws", ""), (6, 9, "NWS", "nws", "")]),
        ("en", [(10, 13, "NWS", "nws", "")]),
    ]
    literal = find(index, ["nws"], exact=True)
    assert [h.lang for h in literal.hits] == ["zh", "en", "fr"]
