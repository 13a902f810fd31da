"""The citation engine: one document's metadata and some paragraph numbers in, one citation out.

Pure functions over :class:`~npt_gloss.models.DocumentMeta`; no I/O. ``format_citation``
looks the style up in a table of small style functions (one per style and language);
``csl:<name>`` styles are handed to :mod:`npt_gloss.csl` (optional citeproc-py).

Rules used, one per line: the rule -- the guide and section that says so, and where it was
checked. "house" = the guide is silent or no guide applies; "(unchecked)" = from the guide,
not re-verified with the search tool. Checked in the stored copies of: the UN Editorial Manual
Online (un.org/dgacm, "Footnotes and other references"), the CMOS Q&A (chicagomanualofstyle.org
faq0095) and library guides quoting CMOS, APA 7 library guides (U. Melbourne Re:cite, UQ, AUT,
MSVU), OSCOLA guides (Graduate Institute, UWL, Bournemouth, Swansea, OSCOLA Quick Reference
Guide), a GB/T 7714-2015 summary (lw881.com) and a UN masthead (NPT/CONF.2015/PC.II/WP.42).

Every style
- A missing symbol/date/place/author drops the element and its separator -- house
- Two consecutive paragraphs are listed ("5 and 6"), three or more form a range -- house
- A meeting's dates: "1–26 August 2022", "28 July–26 August 2022", "30 December 2021–5 January
  2022" (dmy); "July 28–August 26, 2022", "August 1, 2022" (mdy) -- CMOS 17 9.31 (month day,
  year; editingandindexing.com "Punctuation and Formatting for Dates"); en dash: CMOS 6.78
  (unchecked)
- A document's year, when only its meeting's dates are known: the year the meeting opened -- house
- Language versions: a citation in English takes the title of the document's English version
  (text/<id>.en.txt) as the official English title; one in Chinese the Chinese version's
  title -- house (UN documents are issued in each official language under one symbol)

Translated titles
- Original title first, our English in [brackets], sentence case, roman -- CMOS Q&A faq0095
  ("[Like this: Sentence-capped and roman]"); CMOS 14.98 / 13.101 (KPU guide quoting CMOS)
- Sentence case capitalizes the first word of the title and of the subtitle after a colon --
  CMOS sentence style (16th ed. 8.156, cited by the Drew guide; RWTH summary); APA 7 (JU
  library guide: "capitalize the first word of subtitles"); so chicago* and apa-ref print
  "[Nuclear disarmament: Areas of shared responsibility]"
- un, plain, markdown, oscola, bluebook keep our translation as written -- house
- mla-ref: translation in headline capitals -- MLA Style Center (unchecked)

un (UN Editorial Manual, "Footnotes and other references", III.A Masthead documents:
https://www.un.org/dgacm/en/content/editorial-manual/footnotes/chap-03)
- an exact title in quotation marks, first word capitalized; the document symbol -- III.A
- UN documents are cited by paragraph number, not page -- Editorial Manual, "Paragraphs and
  subparagraphs" (numbered "to ensure that references ... are identical in all language
  versions")
- "para. 12", "paras. 3, 5–7 and 17", no comma before "and" -- house (the brief; UN practice)
- un zh: 第12段, 第26至29段 -- UN Chinese (ACABQ report: 第 26 至 29 段) (unchecked)
- un zh: 第 repeated after 和: 第1和第2(a)段 -- UN Chinese (S/RES/1452 (2002)) (unchecked)
- un zh: items joined by 、, last by 和: 第3、第5至7和第17段 -- house (the brief's form)
- un zh: a document title in “ ”, not 《》 -- UN Chinese (A/RES/54/254) (unchecked)
- plain, markdown: the same quotation marks for the title (markdown no longer italicizes it) --
  UN Editorial Manual III.A; markdown's special characters escaped -- house

chicago, chicago-short, chicago-bib (CMOS 17th ed., notes and bibliography)
- "para."/"paras."; "¶"/"¶¶" also allowed -- CMOS (Q&A on para/paras, 18th ed. 13.117)
  (unchecked); en dash in ranges -- CMOS 6.78 (unchecked); locators joined by commas -- house
- meeting paper: "(type of paper, meeting, place, date)" -- CMOS 17 (U. Newcastle guide)
  (unchecked)
- an official English title in headline capitals -- CMOS 17 8.159 (life-improver.com quoting it)
- no author: the entry begins with the title -- CMOS (unchecked)
- chicago-short: author, short title (before the colon), locator -- CMOS 17 14.30, 14.33
  (unchecked)

apa, apa-ref (APA 7th ed.)
- in-text "(Author, year, para. 5)", "paras." for several; "n.d." without a year -- APA 7
  (university guides) (unchecked)
- a non-Latin title is transliterated, then the English translation in [brackets] -- APA 7
  (U. Melbourne Re:cite "Non-English sources"; MSVU guide "Working with Foreign Language
  Materials")
- transliteration: Hanyu Pinyin ("Pinyin is the official romanization system", Re:cite), no
  tone marks, the syllables of a word joined (words from rjieba, readings from pypinyin), an
  apostrophe before a, o, e (Xi'an), sentence case -- APA (Re:cite); word joining: house
  (Hanyu Pinyin orthography; not ALA-LC, which spaces most syllables); proper nouns are not
  recognized and stay lower case; meta.extra["title_romanized"] overrides it
- apa-ref follows the APA 7 report template: Author. (Year). Title [Translation] (Number)
  [Description]. Publisher. URL -- APA 7 (UQ guide "Government report"); no publisher
  location -- APA 7 (hrgca.com "Notable changes in APA 7th edition", Antioch guide)
- no author: the title moves into the author's place, then the date -- APA 7 (unchecked)
- the conference paper template ("(2022, August 1–26)", "New York, NY, United States") was not
  chosen -- APA 7 pp. 332-333 (Re:cite; UQ, AUT guides): a working paper, not a presentation

mla, mla-ref (MLA 9th ed.)
- "(Author, par. 15)": comma before a non-page locator -- MLA 9th ed. (in-text guide, unchecked)
- "pars." plural (unchecked); hyphen in ranges -- MLA Style Center ("5-78", unchecked)
- mla-ref: Author. Title [Translation]. Publisher, date. Type, number. -- MLA 9; order: house

oscola (OSCOLA 4th ed.)
- author 'title' (date) UN Doc symbol, no comma after the author -- OSCOLA 4th ed. UN documents
  (examples in the Graduate Institute, UWL and Bournemouth guides: "UNGA 'Report of ...' UN
  GAOR ...", "UNICEF Emergency Operations (1 December 1995) UN Doc E/ICEF/1996/7")
- "para 12", "paras 3–5", no full stops in abbreviations -- OSCOLA Quick Reference Guide;
  a comma before the pinpoint -- Swansea and Bournemouth OSCOLA guides
- "working paper" inside the date brackets; the year for the date -- house

bluebook (Bluebook 21st ed.)
- author, title, ¶ pinpoint, U.N. Doc. symbol (year) -- Bluebook R21.7 (unchecked)
- "¶ 14", "¶¶ 27–68" -- Bluebook (Graduate Institute guide examples); no italics -- house

gbt7714 (GB/T 7714-2015, Chinese only)
- 责任者. 题名: 其他题名信息[R]. 出版地: 出版者, 年: 引文页码. -- GB/T 7714-2015 example [4]
  (unchecked); the online form (lw881.com summary): 出版地: 出版者, 出版年: 引文页码
  (更新或修改日期)[引用日期]. 获取和访问路径. -- with a url: [R/OL], the citation date
  (front matter accessed = "YYYY-MM-DD") in brackets when known, then the URL
- a report number goes in 其他题名信息 -- GB/T 7714-2015 example [4] (unchecked)
- R = 报告; 2015 added A 档案, CM 舆图, DS 数据集, Z 其他 -- GB/T 7714-2015 preface (unchecked)
- no author: the entry begins with the title -- GB/T 7714-2015 (unchecked: allowed, as we
  recall it, for the numeric system; 佚名 otherwise)
- the conference as 出版者, 第…段 as 引文页码 -- house
- the conference's UN Chinese name: conference_name.zh, e.g. 不扩散核武器条约缔约国2020年审议大会,
  the masthead form (cf. 不扩散核武器条约缔约国2015年审议大会 on NPT/CONF.2015/PC.II/WP.42);
  conference.zh (第十次审议大会, the descriptive name) only when it is not given -- house

Exchange formats
- bibtex: @techreport: author, title, institution, year; type, number, address, note -- btxdoc
  (unchecked); the original title alone, the translation in note -- house
- bibtex: a corporate author in double braces, not split into names -- BibTeX names (unchecked)
- ris: TY RPRT first, ER last; SN report number, M3 type, PB institution -- Zotero RIS translator
  (unchecked); TT translated title, LA language, N1 note -- RIS 2011 spec (unchecked)
- bibtex, ris, csl-json: the title is the one the other styles cite (TI in RIS: an official
  English title in English, TT only for our unofficial rendering), and the language field is
  that title's language: English for an official English title, Chinese for a Chinese one;
  our rendering, when it is the only title, keeps the document's language -- house
- csl-json: type "report"; "event-title" (1.0.2; "event" deprecated), "genre", "title-short" --
  CSL 1.0.2 variables (csl-variables.rnc of the CSL schema); no "locator"/"label" on a data
  item: they belong to a citation item -- CSL spec (unchecked)
- csl-json: the original title alone (CSL 1.0.2 has no translated-title variable, so our
  English goes in "note"); "title-short" = the title before its colon (核裁军); "genre" as
  written, lower case ("working paper"): styles capitalize it themselves -- house
- csl:NAME: the style's own default-locale unless --lang is given; a note when the style drops
  the paragraph locator or prints it without a paragraph label -- house (npt_gloss.csl)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from npt_gloss.errors import UsageError
from npt_gloss.models import LANG_NAMES, LANG_NAMES_ZH, Bilingual, DocumentMeta
from npt_gloss.refs import compress

__all__ = [
    "STYLES",
    "STYLE_LANGS",
    "citation_lang",
    "citation_notes",
    "csl_item",
    "format_citation",
    "missing_symbol_hint",
    "with_version_title",
]

StyleFn = Callable[[DocumentMeta, Sequence[int]], str]

EN_DASH = "–"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MINOR_WORDS = frozenset(
    "a an the and but or nor for so yet as at by in of off on per to up via from into with"
    " vs".split()
)


# ---------------------------------------------------------------------------- small helpers


def _pick(text: Bilingual, lang: str) -> str:
    return text.zh if lang == "zh" else text.en


def _join(parts: Sequence[str], sep: str = ", ") -> str:
    """Join the non-empty parts: a missing element takes its separator with it."""
    return sep.join(p for p in parts if p)


def _end(text: str, stop: str = ".") -> str:
    """Close a citation with ``stop`` unless it already ends in a full stop."""
    if not text or text.endswith((".", "!", "?", "。", "！", "？")):
        return text
    return text + stop


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _headline(text: str) -> str:
    """Headline-style capitals (CMOS 8.159, MLA): major words capitalized, minor words not."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        first = i == 0 or words[i - 1].endswith((":", "—"))
        last = i == len(words) - 1
        parts = []
        for part in word.split("-"):
            bare = part.rstrip(":,;.")
            if part[:1].isupper() or (bare.lower() in _MINOR_WORDS and not (first or last)):
                parts.append(part)
            else:
                parts.append(_cap(part))
        out.append("-".join(parts))
    return " ".join(out)


def _sentence(text: str) -> str:
    """Sentence case as APA 7 and CMOS want it: the first word of the title and the first
    word after a subtitle's colon capitalized, the rest left as written (proper nouns stay)."""
    out = _cap(text)
    return re.sub(r"([:：—]\s*)(\w)", lambda m: m.group(1) + m.group(2).upper(), out)


_ROMAN_PUNCT = {
    "：": ": ",
    "，": ", ",
    "、": ", ",
    "；": "; ",
    "（": " (",
    "）": ") ",
    "《": " ",  # book-title marks have no Latin counterpart in a transliteration
    "》": " ",
    "“": " “",
    "”": "” ",
}


def _romanize(hanzi: str) -> str:
    """Hanyu Pinyin without tone marks, syllables of a word joined, for APA's transliteration.

    Words come from rjieba (a project dependency; pypinyin's own phrase segmentation splits
    领域 and 裁军, which its dictionary lists under single characters); each word's syllables
    come from pypinyin with the word as context. Sentence case is applied by the caller.
    """
    import rjieba
    from pypinyin import Style, lazy_pinyin

    pieces: list[str] = []
    for word in rjieba.cut(hanzi):
        if word in _ROMAN_PUNCT:
            pieces.append(_ROMAN_PUNCT[word])
        elif re.search(r"[\u3400-\u9fff]", word):
            syllables = lazy_pinyin(word, style=Style.NORMAL, v_to_u=False)
            # An apostrophe before a syllable that starts with a, o or e (Xi'an, nü'er).
            joined = syllables[0] + "".join(
                ("'" if syl[:1] in "aoe" else "") + syl for syl in syllables[1:]
            )
            joined = joined.replace("v", "ü")
            pieces.append(" " + joined)
        else:
            pieces.append(" " + word.strip())
    text = "".join(pieces)
    text = re.sub(r"\s+([:;,)])", r"\1", text)
    text = re.sub(r"([(“])\s+", r"\1", text)
    text = re.sub(r"\s+”", "”", text)
    return re.sub(r"\s+", " ", text).strip()


def _short_title(title: str) -> str:
    """The main title, before a subtitle's colon (CMOS 14.33)."""
    for colon in ("：", ":"):
        if colon in title:
            return title.split(colon, 1)[0].strip()
    return title


def _conference(meta: DocumentMeta, lang: str) -> str:
    return _pick(meta.conference_name, lang) or _pick(meta.conference, lang)


def _year(meta: DocumentMeta) -> str:
    if meta.year:
        return str(meta.year)
    start = _date(meta.date_start)
    return str(start[0]) if start else ""


def _date(iso: str) -> tuple[int, int, int] | None:
    try:
        year, month, day = (int(p) for p in iso.split("-"))
    except ValueError:
        return None
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def _date_span(meta: DocumentMeta, style: str) -> str:
    """The meeting's dates: "1–26 August 2022" (dmy), "August 1–26, 2022" (mdy), 中文 (zh)."""
    start, end = _date(meta.date_start), _date(meta.date_end)
    if start is None:
        return ""
    if end is None or end == start:
        end = start
    (y1, m1, d1), (y2, m2, d2) = start, end
    if style == "zh":
        tail = (
            f"{d2}日"
            if (y1, m1) == (y2, m2)
            else (f"{m2}月{d2}日" if y1 == y2 else f"{y2}年{m2}月{d2}日")
        )
        head = f"{y1}年{m1}月{d1}日"
        return head if start == end else f"{head}至{tail}"
    mon1, mon2 = _MONTHS[m1 - 1], _MONTHS[m2 - 1]
    if style == "mdy":
        if start == end:
            return f"{mon1} {d1}, {y1}"
        if (y1, m1) == (y2, m2):
            return f"{mon1} {d1}{EN_DASH}{d2}, {y1}"
        if y1 == y2:
            return f"{mon1} {d1}{EN_DASH}{mon2} {d2}, {y1}"
        return f"{mon1} {d1}, {y1}{EN_DASH}{mon2} {d2}, {y2}"
    if start == end:
        return f"{d1} {mon1} {y1}"
    if (y1, m1) == (y2, m2):
        return f"{d1}{EN_DASH}{d2} {mon1} {y1}"
    if y1 == y2:
        return f"{d1} {mon1}{EN_DASH}{d2} {mon2} {y1}"
    return f"{d1} {mon1} {y1}{EN_DASH}{d2} {mon2} {y2}"


# ------------------------------------------------------------------------------- locators


def _loc_items(refs: Sequence[int], dash: str) -> list[str]:
    items: list[str] = []
    for start, end in compress(refs):
        if start == end:
            items.append(str(start))
        elif end == start + 1:
            items += [str(start), str(end)]
        else:
            items.append(f"{start}{dash}{end}")
    return items


def _loc(refs: Sequence[int], one: str, many: str, *, last: str = ", ", dash: str = EN_DASH) -> str:
    """An English locator: ``one``/``many`` label, items joined by ", " and ``last``."""
    items = _loc_items(refs, dash)
    if not items:
        return ""
    label = one if len(set(refs)) == 1 else many
    body = items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]
    return label + body


def _loc_zh(refs: Sequence[int]) -> str:
    """第12段, 第3至5段, 第5和第6段, 第3、第5至7和第17段 (UN Chinese)."""
    parts: list[str] = []
    for start, end in compress(refs):
        if start == end:
            parts.append(f"第{start}")
        elif end == start + 1:
            parts += [f"第{start}", f"第{end}"]
        else:
            parts.append(f"第{start}至{end}")
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "、".join(parts[:-1]) + "和" + parts[-1]
    return body + "段"


# --------------------------------------------------------------------------------- titles


def _title_parts(
    meta: DocumentMeta,
    *,
    case: Callable[[str], str] = str,
    bracket_case: Callable[[str], str] = str,
    romanized: bool = False,
) -> tuple[str, str]:
    """(title as cited, "[translation]" or "") for an English-language citation.

    An official English title is cited as it is (in ``case``); our own rendering follows the
    original title in square brackets.
    """
    en, zh = meta.title.en, meta.title.zh
    if en and (meta.title_en_official or not zh):
        mark = "" if meta.title_en_official else "[unofficial translation]"
        return case(en), mark
    original = zh
    if romanized and zh:
        given = str(meta.extra.get("title_romanized") or "")
        original = given or _sentence(_romanize(zh))
    return original, f"[{bracket_case(en)}]" if en else ""


def _quoted(main: str, bracket: str, open_q: str = "“", close_q: str = "”") -> str:
    return _join([f"{open_q}{main}{close_q}" if main else "", bracket], " ")


def _plain(main: str, bracket: str) -> str:
    return _join([main, bracket], " ")


# -------------------------------------------------------------------------- English styles


def _un_en(meta: DocumentMeta, refs: Sequence[int]) -> str:
    parts = [
        meta.author.en,
        _quoted(*_title_parts(meta)),
        meta.doc_type.en,
        meta.symbol,
        _loc(refs, "para. ", "paras. ", last=" and "),
    ]
    return _end(_join(parts))


def _meeting_en(meta: DocumentMeta) -> str:
    """ "working paper submitted to the …, New York, August 1–26, 2022" (Chicago)."""
    conf = meta.conference_name.en or meta.conference.en
    kind = meta.doc_type.en or "paper"
    if conf:
        article = "" if conf.lower().startswith("the ") else "the "
        kind = f"{kind} submitted to {article}{conf}"
    return _join([kind, meta.place.en, _date_span(meta, "mdy")])


def _chicago(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = _quoted(*_title_parts(meta, case=_headline, bracket_case=_sentence))
    head = f"{_join([meta.author.en, title])} ({_meeting_en(meta)})"
    return _end(_join([head, meta.symbol, _loc(refs, "para. ", "paras. "), meta.url]))


def _chicago_short(meta: DocumentMeta, refs: Sequence[int]) -> str:
    main, _ = _title_parts(meta, case=_headline)
    short = _short_title(main)
    loc = _loc(refs, "para. ", "paras. ")
    if not short:
        return _end(_join([meta.author.en, loc]))
    title = f"“{short},”" if loc else f"“{short}.”"
    return _join([meta.author.en, title], ", ") + (f" {loc}." if loc else "")


def _chicago_bib(meta: DocumentMeta, refs: Sequence[int]) -> str:
    main, bracket = _title_parts(meta, case=_headline, bracket_case=_sentence)
    # The full stop goes inside the closing quotation mark ("Title.") -- CMOS 6.9; after a
    # bracketed translation it follows the bracket.
    title = _end(_quoted(main, bracket)) if bracket else (f"“{_end(main)}”" if main else "")
    parts = [_end(meta.author.en), title, _end(_cap(_meeting_en(meta))), _end(meta.symbol)]
    return _join([*parts, _end(meta.url)], " ")


def _apa(meta: DocumentMeta, refs: Sequence[int]) -> str:
    who = meta.author.en or _short_title(_title_parts(meta, romanized=True)[0])
    return f"({_join([who, _year(meta) or 'n.d.', _loc(refs, 'para. ', 'paras. ')])})"


def _apa_ref(meta: DocumentMeta, refs: Sequence[int]) -> str:
    """APA 7 report: Author. (Year). Title [Translation] (Number) [Description]. Publisher. URL"""
    title = _plain(*_title_parts(meta, romanized=True, bracket_case=_sentence))
    number = f"({meta.symbol})" if meta.symbol else ""
    kind = f"[{_cap(meta.doc_type.en)}]" if meta.doc_type.en else ""
    work = _end(_join([title, number, kind], " "))
    date = f"({_year(meta) or 'n.d.'})."
    # No author: the title moves into the author's place (APA 7th ed., unchecked).
    head = [_end(meta.author.en), date, work] if meta.author.en else [work, date]
    return _join([*head, _end(_conference(meta, "en")), meta.url], " ")


def _mla(meta: DocumentMeta, refs: Sequence[int]) -> str:
    who = meta.author.en or _short_title(_title_parts(meta)[0])
    return f"({_join([who, _loc(refs, 'par. ', 'pars. ', dash='-')])})"


def _mla_ref(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = _plain(*_title_parts(meta, case=_headline, bracket_case=_headline))
    publisher = _join([_conference(meta, "en"), _year(meta)])
    kind = _join([_cap(meta.doc_type.en), meta.symbol])
    return _join([_end(p) for p in (meta.author.en, title, publisher, kind, meta.url) if p], " ")


def _oscola(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = _quoted(*_title_parts(meta, case=_headline), open_q="‘", close_q="’")
    head = _join([meta.author.en, title], " ")
    when = _join([meta.doc_type.en, _year(meta)])
    doc = f"UN Doc {meta.symbol}" if meta.symbol else ""
    head = _join([head, f"({when})" if when else "", doc], " ")
    return _end(_join([head, _loc(refs, "para ", "paras ")]))


def _bluebook(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = _plain(*_title_parts(meta, case=_headline))
    doc = f"U.N. Doc. {meta.symbol}" if meta.symbol else ""
    body = _join([meta.author.en, title, _loc(refs, "¶ ", "¶¶ "), doc])
    year = _year(meta)
    return _end(f"{body} ({year})" if year else body)


def _md_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#" else ch for ch in text)


def _plain_en(meta: DocumentMeta, refs: Sequence[int], *, markdown: bool = False) -> str:
    """The plain form; with ``markdown`` the same with markdown's special characters escaped.

    The title stays in quotation marks, as UN practice has it, in markdown too.
    """
    esc = _md_escape if markdown else str
    main, bracket = _title_parts(meta)
    if bracket and markdown:  # our own brackets stay literal: "[x]" with no link definition
        bracket = f"[{_md_escape(bracket[1:-1])}]"
    title = _quoted(esc(main), bracket)
    parts = [
        esc(meta.author.en),
        title,
        esc(meta.doc_type.en),
        esc(_conference(meta, "en")),
        esc(meta.place.en),
        _date_span(meta, "dmy"),
        esc(meta.symbol),
        _loc(refs, "para. ", "paras. ", last=" and "),
        (f"<{meta.url}>" if markdown else meta.url) if meta.url else "",
    ]
    return _end(_join(parts))


def _markdown_en(meta: DocumentMeta, refs: Sequence[int]) -> str:
    return _plain_en(meta, refs, markdown=True)


# -------------------------------------------------------------------------- Chinese styles


def _title_zh(meta: DocumentMeta) -> str:
    return meta.title.zh or meta.title.en


def _un_zh(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = f"“{_title_zh(meta)}”" if _title_zh(meta) else ""
    parts = [meta.author.zh, title, meta.doc_type.zh, meta.symbol, _loc_zh(refs)]
    return _end(_join(parts, "，"), "。")


def _plain_zh(meta: DocumentMeta, refs: Sequence[int], *, markdown: bool = False) -> str:
    esc = _md_escape if markdown else str
    title = _title_zh(meta)
    if title:
        title = f"“{esc(title)}”"
    parts = [
        esc(meta.author.zh),
        title,
        esc(meta.doc_type.zh),
        esc(_conference(meta, "zh")),
        esc(meta.place.zh),
        _date_span(meta, "zh"),
        esc(meta.symbol),
        _loc_zh(refs),
        (f"<{meta.url}>" if markdown else meta.url) if meta.url else "",
    ]
    return _end(_join(parts, "，"), "。")


def _markdown_zh(meta: DocumentMeta, refs: Sequence[int]) -> str:
    return _plain_zh(meta, refs, markdown=True)


def _accessed(meta: DocumentMeta) -> str:
    """The date the online copy was consulted (front matter ``accessed = "YYYY-MM-DD"``)."""
    when = str(meta.extra.get("accessed") or "")
    return when if _date(when) else ""


def _gbt7714(meta: DocumentMeta, refs: Sequence[int]) -> str:
    """责任者. 题名: 其他题名信息[R]. 出版地: 出版者, 年: 引文页码.

    Online (a url): [R/OL], the citation date in brackets after the locator, then the URL.
    """
    title = _join([_title_zh(meta), meta.doc_type.zh, meta.symbol], ": ")
    mark = "[R/OL]" if meta.url else "[R]"
    imprint = _join([meta.place.zh, _conference(meta, "zh")], ": ")
    imprint = _join([imprint, _year(meta)])
    imprint = _join([imprint, _loc_zh(refs)], ": ")
    if meta.url and _accessed(meta):
        imprint += f"[{_accessed(meta)}]"
    parts = [_end(meta.author.zh), _end(f"{title}{mark}"), _end(imprint), _end(meta.url)]
    return _join(parts, " ")


# ------------------------------------------------------------------------ exchange formats


def _bib_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "&%$#_{}" else ch for ch in text)


def _language_name(code: str, lang: str) -> str:
    """A language's name as a citation in ``lang`` writes it (BibTeX's language field)."""
    return (LANG_NAMES_ZH if lang == "zh" else LANG_NAMES).get(code, code)


def _exchange_title(meta: DocumentMeta, lang: str) -> tuple[str, str, str]:
    """(title, unofficial English rendering or "", language code) as the exchange formats
    give them in a citation in ``lang``.

    The title is the one the other styles cite: in English the official English title when
    there is one (an English version's, or ``title_en_official``), else the original with our
    rendering beside it; in Chinese the Chinese title. The language code is that title's:
    English for an official English title, Chinese for a Chinese one. Our own rendering, when
    it is all there is, stands in for the original, so it keeps the document's language.
    """
    en, zh = meta.title.en, meta.title.zh
    if lang == "zh":
        title, translation = _title_zh(meta), ""
    else:
        title, _ = _title_parts(meta)
        translation = en if en and zh and not meta.title_en_official else ""
    if zh and title == zh:
        code = "zh"
    elif en and title == en and meta.title_en_official:
        code = "en"
    else:
        code = meta.lang
    return title, translation, code


def _bibtex(meta: DocumentMeta, refs: Sequence[int], lang: str) -> str:
    title, translation, code = _exchange_title(meta, lang)
    # The translation stays out of the title (BibTeX has no field for it): in the note.
    note = f"English title (unofficial translation): {translation}." if translation else ""
    if lang == "zh":
        locator = _loc_zh(refs)
    else:
        locator = _loc(refs, "para.~", "paras.~", last=" and~", dash="--")
    author = _pick(meta.author, lang)
    fields = [
        ("author", f"{{{_bib_escape(author)}}}" if author else ""),
        ("title", _bib_escape(title)),
        ("type", _bib_escape(_cap(_pick(meta.doc_type, lang)))),
        ("number", _bib_escape(meta.symbol)),
        ("institution", _bib_escape(_conference(meta, lang))),
        ("address", _bib_escape(_pick(meta.place, lang))),
        ("year", _year(meta)),
        ("language", _bib_escape(_language_name(code, lang))),
        ("url", meta.url),
        ("note", note),
    ]
    body = ",\n".join(f"  {name:<11} = {{{value}}}" for name, value in fields if value)
    entry = f"@techreport{{{meta.id},\n{body},\n}}"
    if locator:
        entry = f"% cite as \\cite[{locator}]{{{meta.id}}}\n{entry}"
    return entry


def _ris(meta: DocumentMeta, refs: Sequence[int], lang: str) -> str:
    title, translated, code = _exchange_title(meta, lang)
    lines = [
        ("TY", "RPRT"),
        ("AU", _pick(meta.author, lang)),
        ("TI", title),
        ("TT", translated),
        ("M3", _cap(_pick(meta.doc_type, lang))),
        ("SN", meta.symbol),
        ("PB", _conference(meta, lang)),
        ("CY", _pick(meta.place, lang)),
        ("PY", _year(meta)),
        ("LA", code),
        ("UR", meta.url),
    ]
    if translated:
        lines.append(("N1", "The English title (TT) is an unofficial translation."))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value or tag == "ER")


def _csl_date(meta: DocumentMeta) -> dict[str, list[list[int]]] | None:
    start, end = _date(meta.date_start), _date(meta.date_end)
    if start is None:
        return None
    parts = [list(start)] + ([list(end)] if end and end != start else [])
    return {"date-parts": parts}


def _csl_date_of(iso: str) -> dict[str, list[list[int]]] | None:
    day = _date(iso)
    return {"date-parts": [list(day)]} if day else None


def csl_item(meta: DocumentMeta, lang: str = "en") -> dict[str, object]:
    """The document as one CSL 1.0.2 data item (no locator: that belongs to a citation).

    The title is the original alone (CSL 1.0.2 has no variable for a translated title, so an
    unofficial English rendering goes in ``note``); ``title-short`` is the part before the
    colon; ``genre`` is as written (lower case), the style capitalizes where it must.
    """
    title, translation, code = _exchange_title(meta, lang)
    short = _short_title(title)
    item: dict[str, object] = {
        "id": meta.id,
        "type": "report",
        "title": title,
        "title-short": short if short != title else "",
        "author": [{"literal": _pick(meta.author, lang)}] if _pick(meta.author, lang) else [],
        "genre": _pick(meta.doc_type, lang),
        "number": meta.symbol,
        "event-title": _conference(meta, lang),
        "event-place": _pick(meta.place, lang),
        "event-date": _csl_date(meta),
        "issued": {"date-parts": [[int(_year(meta))]]} if _year(meta) else None,
        "language": code,
        "URL": meta.url,
        "accessed": _csl_date_of(_accessed(meta)),
        "note": f"English title (unofficial translation): {translation}" if translation else "",
    }
    return {key: value for key, value in item.items() if value}


def _csl_json(meta: DocumentMeta, refs: Sequence[int], lang: str) -> str:
    return json.dumps([csl_item(meta, lang)], ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------- the tables

STYLES: dict[str, str] = {
    "un": "UN editorial form: author, “title”, working paper, symbol, paras. (en, zh)",
    "chicago": "Chicago Manual of Style 17th ed., full note (en)",
    "chicago-short": "Chicago, short note: author, short title, paras. (en)",
    "chicago-bib": "Chicago, bibliography entry (en)",
    "apa": "APA 7th ed., in-text: (author, year, paras.) (en)",
    "apa-ref": "APA 7th ed., reference-list entry (en)",
    "mla": "MLA 9th ed., in-text: (author, pars.) (en)",
    "mla-ref": "MLA 9th ed., works-cited entry (en)",
    "oscola": "OSCOLA 4th ed. footnote, UN document form: paras (en)",
    "bluebook": "Bluebook 21st ed., UN document: ¶¶, U.N. Doc. (en)",
    "gbt7714": "GB/T 7714-2015 reference entry, in Chinese (zh)",
    "plain": "everything known, plain text (en, zh)",
    "markdown": "as plain, markdown characters escaped, URL in <> (en, zh)",
    "bibtex": "BibTeX @techreport entry (en, zh)",
    "ris": "RIS record, TY RPRT (en, zh)",
    "csl-json": "CSL-JSON array with one CSL 1.0.2 item of type report (en, zh)",
}

_EXPORTS: dict[str, Callable[[DocumentMeta, Sequence[int], str], str]] = {
    "bibtex": _bibtex,
    "ris": _ris,
    "csl-json": _csl_json,
}


def _export(name: str, lang: str) -> StyleFn:
    return lambda meta, refs: _EXPORTS[name](meta, refs, lang)


# style -> {lang: function}; the first language is the style's default.
_TABLE: dict[str, dict[str, StyleFn]] = {
    "un": {"en": _un_en, "zh": _un_zh},
    "chicago": {"en": _chicago},
    "chicago-short": {"en": _chicago_short},
    "chicago-bib": {"en": _chicago_bib},
    "apa": {"en": _apa},
    "apa-ref": {"en": _apa_ref},
    "mla": {"en": _mla},
    "mla-ref": {"en": _mla_ref},
    "oscola": {"en": _oscola},
    "bluebook": {"en": _bluebook},
    "gbt7714": {"zh": _gbt7714},
    "plain": {"en": _plain_en, "zh": _plain_zh},
    "markdown": {"en": _markdown_en, "zh": _markdown_zh},
    **{name: {lang: _export(name, lang) for lang in ("en", "zh")} for name in _EXPORTS},
}

STYLE_LANGS: dict[str, tuple[str, ...]] = {name: tuple(forms) for name, forms in _TABLE.items()}

# Styles whose output carries the document symbol (and so lose something without one).
_SHOWS_SYMBOL = frozenset(_TABLE) - {"apa", "mla", "chicago-short"}


def format_citation(
    meta: DocumentMeta, refs: Sequence[int], style: str = "un", lang: str | None = None
) -> str:
    """Cite paragraphs ``refs`` of the document in ``style`` and language ``lang``.

    ``lang`` ``None`` takes the style's default (``zh`` for gbt7714, else ``en``).
    ``csl:<name>`` renders through citeproc-py (see :mod:`npt_gloss.csl`). An unknown style
    or a language the style has no form for raises :class:`UsageError` naming the valid ones.
    """
    if style.startswith("csl:"):
        from npt_gloss.csl import render_csl  # citeproc is heavy and optional

        return render_csl(meta, refs, style[4:], lang)
    forms = _TABLE.get(style)
    if forms is None:
        raise UsageError(
            f"unknown citation style {style!r}",
            hint=f"choose one of: {', '.join(_TABLE)}; or csl:<name> with npt-gloss[csl]",
        )
    lang = lang or next(iter(forms))
    if lang not in forms:
        raise UsageError(
            f"style {style!r} has no {lang!r} form",
            hint=f"languages for {style}: {', '.join(forms)}",
        )
    return forms[lang](meta, refs)


def citation_lang(style: str, lang: str | None) -> str:
    """The language a citation is written in: ``lang``, else the style's own (``zh`` for
    gbt7714, else ``en``; a CSL style's default locale is taken as English here)."""
    return lang or STYLE_LANGS.get(style, ("en",))[0]


def with_version_title(
    meta: DocumentMeta, versions: Sequence[DocumentMeta], lang: str
) -> DocumentMeta:
    """``meta`` with the official title in ``lang`` taken from the document's version in that
    language, when there is one: a citation in English gives the English version's
    ``title.en`` as the UN's own title (``title_en_official``), one in Chinese the Chinese
    version's ``title.zh``. Without such a version ``meta`` is returned unchanged -- house
    (a version's title is its official title: UN documents are issued in each language)."""
    from dataclasses import replace

    version = next((v for v in versions if v.lang == lang), None)
    if version is None or version.lang == meta.lang:
        return meta
    if lang == "en" and version.title.en:
        title = Bilingual(zh=meta.title.zh, en=version.title.en)
        return replace(meta, title=title, title_en_official=True)
    if lang == "zh" and version.title.zh:
        return replace(meta, title=Bilingual(zh=version.title.zh, en=meta.title.en))
    return meta


def citation_notes(
    meta: DocumentMeta, refs: Sequence[int], style: str, lang: str | None = None
) -> list[str]:
    """Lines for stderr about what ``style`` loses: for ``csl:<name>``, the paragraph locator
    dropped or printed without a paragraph label (see :mod:`npt_gloss.csl`); else none."""
    if not style.startswith("csl:"):
        return []
    from npt_gloss.csl import render_csl_with_notes

    return render_csl_with_notes(meta, refs, style[4:], lang)[1]


def missing_symbol_hint(meta: DocumentMeta, style: str, path: str | None = None) -> str | None:
    """One line for stderr when ``style`` would show a symbol the document does not have."""
    if meta.symbol or (style not in _SHOWS_SYMBOL and not style.startswith("csl:")):
        return None
    where = path or f"text/{meta.id}.txt"
    return (
        f"the UN document symbol of {meta.id!r} is unknown and left out; once it is known, "
        f'set symbol = "…" in the front matter of {where}'
    )
