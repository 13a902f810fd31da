"""Golden citations for a second document: no author, a subtitle after a colon, and dates that
span months, span years, fall on one day, or are not known.

The first fixture (tests/test_cite.py) has an author and one meeting inside one month; this
one finds what that one cannot: "28–26 August" for a span across months, a single day printed
day-first in Chicago (CMOS: "August 1, 2022"), APA without its "n.d.", a lower-case word after
the colon of a sentence-case translation (APA 7 and CMOS 8.158 capitalize it).
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from npt_gloss.cite import STYLE_LANGS, csl_item, format_citation
from npt_gloss.models import Bilingual, DocumentMeta

SYMBOL = "NPT/CONF.2020/WP.98"  # an obviously fake symbol, for tests only
CONF = (
    "2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear "
    "Weapons"
)
CONF_ZH = "不扩散核武器条约缔约国2020年审议大会"  # the UN Chinese masthead form of the name

BASE = DocumentMeta(
    id="test-wp-safeguards",
    lang="zh",
    symbol=SYMBOL,
    title=Bilingual(
        "防止核扩散：加强保障监督制度",
        "Preventing proliferation: strengthening the safeguards system",
    ),
    author=Bilingual(),
    doc_type=Bilingual("工作文件", "working paper"),
    conference_name=Bilingual(CONF_ZH, CONF),
    place=Bilingual("纽约", "New York"),
)
DATES = {
    "months": ("2022-07-28", "2022-08-26"),
    "years": ("2021-12-30", "2022-01-05"),
    "day": ("2022-08-01", ""),
    "nodate": ("", ""),
}
REFS = (3, 4, 5)

TZH = "防止核扩散：加强保障监督制度"
TEN = "Preventing proliferation: strengthening the safeguards system"
TEN_SC = "Preventing proliferation: Strengthening the safeguards system"  # capital after colon
TEN_HL = "Preventing Proliferation: Strengthening the Safeguards System"
TROM = "Fangzhi hekuosan: Jiaqiang baozhang jianduzhidu"  # rjieba's words, pypinyin's syllables
QT = f"“{TZH}” [{TEN}]"
QT_SC = f"“{TZH}” [{TEN_SC}]"
S = SYMBOL

SPAN_MDY = {
    "months": "July 28–August 26, 2022",
    "years": "December 30, 2021–January 5, 2022",
    "day": "August 1, 2022",
}
SPAN_DMY = {
    "months": "28 July–26 August 2022",
    "years": "30 December 2021–5 January 2022",
    "day": "1 August 2022",
}
SPAN_ZH = {
    "months": "2022年7月28日至8月26日",
    "years": "2021年12月30日至2022年1月5日",
    "day": "2022年8月1日",
}
# The year of a document known only by its meeting's dates: the year the meeting opened.
YEAR = {"months": "2022", "years": "2021", "day": "2022"}


def _meta(case: str) -> DocumentMeta:
    start, end = DATES[case]
    return dataclasses.replace(BASE, date_start=start, date_end=end)


def _with(parts: dict[str, str], case: str, sep: str) -> str:
    return sep + parts[case] if case in parts else ""


def _expected(style: str, lang: str, case: str) -> str:  # noqa: C901 (one branch a style)
    year = YEAR.get(case, "")
    mdy, dmy, zh = (_with(d, case, ", ") for d in (SPAN_MDY, SPAN_DMY, SPAN_ZH))
    zh = zh.replace(", ", "，")
    if (style, lang) == ("un", "en"):
        return f"{QT}, working paper, {S}, paras. 3–5."
    if (style, lang) == ("un", "zh"):
        return f"“{TZH}”，工作文件，{S}，第3至5段。"
    meeting = f"working paper submitted to the {CONF}, New York{mdy}"
    if style == "chicago":
        return f"{QT_SC} ({meeting}), {S}, paras. 3–5."
    if style == "chicago-short":
        return "“防止核扩散,” paras. 3–5."
    if style == "chicago-bib":
        return f"{QT_SC}. W{meeting[1:]}. {S}."
    if style == "apa":
        return f"(Fangzhi hekuosan, {year or 'n.d.'}, paras. 3–5)"
    if style == "apa-ref":  # no author: the title takes the author's place (APA 7)
        return f"{TROM} [{TEN_SC}] ({S}) [Working paper]. ({year or 'n.d.'}). {CONF}."
    if style == "mla":
        return "(防止核扩散, pars. 3-5)"
    if style == "mla-ref":
        return f"{TZH} [{TEN_HL}]. {CONF}{', ' + year if year else ''}. Working paper, {S}."
    if style == "oscola":
        when = f"working paper, {year}" if year else "working paper"
        return f"‘{TZH}’ [{TEN}] ({when}) UN Doc {S}, paras 3–5."
    if style == "bluebook":
        return f"{TZH} [{TEN}], ¶¶ 3–5, U.N. Doc. {S}{f' ({year})' if year else ''}."
    if style == "gbt7714":
        return f"{TZH}: 工作文件: {S}[R]. 纽约: {CONF_ZH}{', ' + year if year else ''}: 第3至5段."
    if style in ("plain", "markdown") and lang == "en":
        return f"{QT}, working paper, {CONF}, New York{dmy}, {S}, paras. 3–5."
    if style in ("plain", "markdown") and lang == "zh":
        return f"“{TZH}”，工作文件，{CONF_ZH}，纽约{zh}，{S}，第3至5段。"
    raise AssertionError(f"no golden for {style} {lang}")


EXPORTS = ("bibtex", "ris", "csl-json")
CASES = [
    (style, lang, case)
    for style, langs in STYLE_LANGS.items()
    if style not in EXPORTS
    for lang in langs
    for case in DATES
]


@pytest.mark.parametrize(("style", "lang", "case"), CASES)
def test_golden_second_fixture(style: str, lang: str, case: str) -> None:
    assert format_citation(_meta(case), REFS, style, lang) == _expected(style, lang, case)


# Spelled out once more, in full, for the cases the first fixture cannot reach.


def test_span_across_months_is_not_run_together() -> None:
    text = format_citation(_meta("months"), (12,), "plain")
    assert "28 July–26 August 2022" in text and "28–26" not in text
    assert "July 28–August 26, 2022" in format_citation(_meta("months"), (12,), "chicago")


def test_single_day_is_month_first_in_chicago() -> None:
    assert "New York, August 1, 2022)" in format_citation(_meta("day"), (12,), "chicago")
    same_end = dataclasses.replace(_meta("day"), date_end="2022-08-01")
    assert format_citation(same_end, (12,), "chicago") == format_citation(
        _meta("day"), (12,), "chicago"
    )


def test_apa_keeps_nd() -> None:
    assert format_citation(_meta("nodate"), (), "apa") == "(Fangzhi hekuosan, n.d.)"
    assert "(n.d.)." in format_citation(_meta("nodate"), (), "apa-ref")


def test_capital_after_the_colon_in_sentence_case_translations() -> None:
    assert f"[{TEN_SC}]" in format_citation(_meta("day"), (), "apa-ref")
    assert f"[{TEN_SC}]" in format_citation(_meta("day"), (), "chicago")
    assert f"[{TEN_SC}]" in format_citation(_meta("day"), (), "chicago-bib")


def test_the_un_chinese_conference_name_is_used_where_given() -> None:
    assert CONF_ZH in format_citation(_meta("day"), (12,), "gbt7714")
    assert CONF_ZH in format_citation(_meta("day"), (12,), "plain", "zh")


# ---------------------------------------------------------------- GB/T 7714 online


def test_gbt7714_online_with_citation_date() -> None:
    online = dataclasses.replace(
        _meta("day"), url="https://example.org/wp98", extra={"accessed": "2024-05-01"}
    )
    assert format_citation(online, REFS, "gbt7714") == (
        f"{TZH}: 工作文件: {S}[R/OL]. 纽约: {CONF_ZH}, 2022: 第3至5段[2024-05-01]. "
        "https://example.org/wp98."
    )


def test_gbt7714_online_without_citation_date() -> None:
    online = dataclasses.replace(_meta("day"), url="https://example.org/wp98")
    assert format_citation(online, (), "gbt7714") == (
        f"{TZH}: 工作文件: {S}[R/OL]. 纽约: {CONF_ZH}, 2022. https://example.org/wp98."
    )


# ---------------------------------------------------------------- exchange formats


def test_csl_json_for_the_second_fixture() -> None:
    (item,) = json.loads(format_citation(_meta("years"), (), "csl-json"))
    assert item == csl_item(_meta("years"), "en")
    assert item["title"] == TZH
    assert item["title-short"] == "防止核扩散"
    assert item["event-date"] == {"date-parts": [[2021, 12, 30], [2022, 1, 5]]}
    assert item["issued"] == {"date-parts": [[2021]]}
    assert "author" not in item


def test_csl_json_without_dates_has_no_dates() -> None:
    item = csl_item(_meta("nodate"), "en")
    assert "event-date" not in item and "issued" not in item


def test_bibtex_and_ris_without_author_or_year() -> None:
    bib = format_citation(_meta("nodate"), (), "bibtex")
    assert "author" not in bib and "year" not in bib
    assert f"  title       = {{{TZH}}}," in bib
    ris = format_citation(_meta("nodate"), (), "ris").split("\n")
    assert not any(line.startswith(("AU", "PY")) for line in ris)
    assert f"TT  - {TEN}" in ris


ARTEFACTS = re.compile(
    r"\(\)|\[\]|“”|‘’|\*\*|,,|, ,|,\.|\.\.(?!\.)|\s,|\s\.|\(\s|\s\)|  |，，|，。|^[\s,，.]|\s$"
)


@pytest.mark.parametrize("case", list(DATES))
@pytest.mark.parametrize("url", ["", "https://example.org/wp98"])
def test_second_fixture_reads_well(case: str, url: str) -> None:
    meta = dataclasses.replace(_meta(case), url=url, symbol="" if url else SYMBOL)
    for style, langs in STYLE_LANGS.items():
        if style in EXPORTS:
            continue
        for lang in langs:
            for refs in ((), (12,), REFS, (3, 5, 6, 7, 17)):
                text = format_citation(meta, refs, style, lang)
                assert not ARTEFACTS.search(text.replace(url, "URL") if url else text), (
                    style,
                    lang,
                    text,
                )
