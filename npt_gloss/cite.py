"""The citation engine: one document's metadata and some paragraph numbers in, one citation out.

Pure functions over :class:`~npt_gloss.models.DocumentMeta`; no I/O. ``format_citation``
looks the style up in a table of small style functions (one per style and language);
``csl:<name>`` styles are handed to :mod:`npt_gloss.csl` (optional citeproc-py).

Rules used, one per line: the rule -- the guide that says so. "house" = the guide is silent or
was not checked; "(unchecked)" = from the guide, not re-verified with the search tool.

- A non-official English title follows the original, in [brackets], sentence case -- CMOS 17 Q&A
- ... the same, translation in brackets after the original title -- APA 7th ed. (APA Style blog)
- ... original script first, then translation in brackets -- MLA 9th ed. (MLA Style Center)
- APA: a title in a non-Latin script is transliterated -- APA 7th ed. (APA Style blog)
- ... so apa-ref uses meta.extra["title_romanized"] when given, else the 汉字 -- house
- Two consecutive paragraphs are listed ("5 and 6"), three or more form a range -- house
- A missing symbol/date/place/author drops the element and its separator -- house
- un: UN documents are cited by paragraph number, not page -- UN Editorial Manual
- un: other bodies' documents: author, title, symbol -- UN Editorial Manual, Footnotes IV.A
- un: an exact title in quotation marks, first word capitalized -- UN Editorial Manual, III.A
- un: "para. 12", "paras. 3, 5–7 and 17", no comma before "and" -- house (the brief; UN practice)
- un zh: 第12段, 第26至29段 -- UN Chinese (ACABQ report: 第 26 至 29 段 = paragraphs 26 to 29)
- un zh: 第 repeated after 和: 第1和第2(a)段 -- UN Chinese (S/RES/1452 (2002))
- un zh: items joined by 、, last by 和: 第3、第5至7和第17段 -- house (the brief's form)
- un zh: a document title in “ ”, not 《》 -- UN Chinese (秘书长题为“……”的报告, A/RES/54/254)
- chicago: "para."/"paras."; "¶"/"¶¶" also allowed -- CMOS (Q&A on para/paras, 18th ed. 13.117)
- chicago: en dash in ranges; locators joined by commas, no "and" -- CMOS 6.78 (unchecked); house
- chicago: meeting paper: "(type of paper, meeting, place, date)" -- CMOS 17 (U. Newcastle guide)
- chicago: an official English title in headline capitals -- CMOS 17 8.159 (unchecked)
- chicago-short: author, short title (before the colon), locator -- CMOS 17 14.30, 14.33
- apa: "(Author, year, para. 5)", "paras." for several -- APA 7th ed. (university guides)
- apa: "n.d." when there is no year -- APA 7th ed. (unchecked)
- apa-ref: number in (parentheses), then [Description] after the translation -- APA 7th ed. blog
- mla: "(Author, par. 15)": comma before a non-page locator -- MLA 9th ed. (in-text guide)
- mla: "pars." plural -- MLA 9th ed. (unchecked); hyphen in ranges -- MLA Style Center ("5-78")
- mla-ref: Author. Title [Translation]. Publisher, date. Type, number. -- MLA 9th ed.; order: house
- mla-ref: translation in headline capitals -- MLA Style Center ("[The Life of the Artist ...]")
- oscola: author, 'title' (date) UN Doc symbol -- OSCOLA 4th ed. (Graduate Institute, UWL guides)
- oscola: "para 12", "paras 3–5", no full stops; the footnote ends with one -- OSCOLA (unchecked)
- oscola: comma before the pinpoint; "working paper" inside the date brackets -- house
- bluebook: author, title, ¶ pinpoint, U.N. Doc. symbol (year) -- Bluebook 21st ed. R21.7
- bluebook: "¶ 14", "¶¶ 27–68" -- Bluebook (examples in a Bluebook guide); no italics -- house
- gbt7714: 责任者. 题名: 其他题名信息[R]. 出版地: 出版者, 年: 页码. -- GB/T 7714-2015 example [4]
- gbt7714: a report number goes in 其他题名信息 ("…: PB 91-194001[R]") -- GB/T 7714-2015 ex. [4]
- gbt7714: R = 报告; 2015 added A 档案, CM 舆图, DS 数据集, Z 其他 -- GB/T 7714-2015 preface
- gbt7714: conference as 出版者, 第…段 as 引文页码, Chinese only -- house
- bibtex: @techreport: author, title, institution, year; type, number, address, note -- btxdoc
- bibtex: a corporate author in double braces, not split into names -- BibTeX names (unchecked)
- ris: TY RPRT first, ER last; SN report number, M3 type, PB institution -- Zotero RIS translator
- ris: TT translated title, LA language, N1 note -- RIS 2011 specification (tag table)
- csl-json: type "report"; "event-title" (1.0.2; "event" deprecated), "genre" -- CSL 1.0.2 schema
- csl-json: no "locator"/"label" on a data item: they belong to a citation item -- CSL schema
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from npt_gloss.errors import UsageError
from npt_gloss.models import Bilingual, DocumentMeta
from npt_gloss.refs import compress

__all__ = ["STYLES", "STYLE_LANGS", "csl_item", "format_citation", "missing_symbol_hint"]

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
    original = str(meta.extra.get("title_romanized") or "") if romanized else ""
    original = original or zh
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
    head = _join([meta.author.en, _quoted(*_title_parts(meta, case=_headline))])
    head = f"{head} ({_meeting_en(meta)})"
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
    parts = [
        meta.author.en,
        _quoted(*_title_parts(meta, case=_headline)),
        _cap(_meeting_en(meta)),
        meta.symbol,
        meta.url,
    ]
    return _end(_join([_end(p) for p in parts if p], " "))


def _apa(meta: DocumentMeta, refs: Sequence[int]) -> str:
    who = meta.author.en or _short_title(_title_parts(meta, romanized=True)[0])
    return f"({_join([who, _year(meta) or 'n.d.', _loc(refs, 'para. ', 'paras. ')])})"


def _apa_ref(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = _plain(*_title_parts(meta, romanized=True))
    number = f"({meta.symbol})" if meta.symbol else ""
    kind = f"[{_cap(meta.doc_type.en)}]" if meta.doc_type.en else ""
    work = _end(_join([title, number, kind], " "))
    date = f"({_year(meta) or 'n.d.'})."
    # No author: the title moves into the author's place (APA 7th ed., unchecked).
    head = [_end(meta.author.en), date, work] if meta.author.en else [work, date]
    source = _join([_conference(meta, "en"), meta.place.en])
    return _join([*head, _end(source), meta.url], " ")


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
    head = _join([meta.author.en, title])
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
    """The plain form; with ``markdown`` the title in italics and the rest escaped."""
    esc = _md_escape if markdown else str
    main, bracket = _title_parts(meta)
    if not markdown:
        title = _quoted(main, bracket)
    else:
        if bracket:  # our own brackets stay literal: "[x]" with no link definition is no link
            bracket = f"[{_md_escape(bracket[1:-1])}]"
        title = _join([f"*{_md_escape(main)}*" if main else "", bracket], " ")
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
        title = f"*{esc(title)}*" if markdown else f"“{title}”"
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


def _gbt7714(meta: DocumentMeta, refs: Sequence[int]) -> str:
    title = _join([_title_zh(meta), meta.doc_type.zh, meta.symbol], ": ")
    imprint = _join([meta.place.zh, _conference(meta, "zh")], ": ")
    imprint = _join([imprint, _year(meta)])
    imprint = _join([imprint, _loc_zh(refs)], ": ")
    return _end(_join([_end(meta.author.zh), _end(f"{title}[R]"), imprint], " "))


# ------------------------------------------------------------------------ exchange formats


def _bib_escape(text: str) -> str:
    return "".join("\\" + ch if ch in "&%$#_{}" else ch for ch in text)


def _language_name(code: str, lang: str) -> str:
    if code == "zh":
        return "中文" if lang == "zh" else "Chinese"
    return code


def _bibtex(meta: DocumentMeta, refs: Sequence[int], lang: str) -> str:
    if lang == "zh":
        title, note = _title_zh(meta), ""
        locator = _loc_zh(refs)
    else:
        title = _plain(*_title_parts(meta))
        note = (
            ""
            if meta.title_en_official or not meta.title.en
            else ("The English title is an unofficial translation.")
        )
        locator = _loc(refs, "para.~", "paras.~", last=" and~", dash="--")
    fields = [
        ("author", f"{{{_bib_escape(_pick(meta.author, lang))}}}"),
        ("title", _bib_escape(title)),
        ("type", _bib_escape(_cap(_pick(meta.doc_type, lang)))),
        ("number", _bib_escape(meta.symbol)),
        ("institution", _bib_escape(_conference(meta, lang))),
        ("address", _bib_escape(_pick(meta.place, lang))),
        ("year", _year(meta)),
        ("language", _bib_escape(_language_name(meta.lang, lang))),
        ("url", meta.url),
        ("note", note),
    ]
    body = ",\n".join(f"  {name:<11} = {{{value}}}" for name, value in fields if value)
    entry = f"@techreport{{{meta.id},\n{body},\n}}"
    if locator:
        entry = f"% cite as \\cite[{locator}]{{{meta.id}}}\n{entry}"
    return entry


def _ris(meta: DocumentMeta, refs: Sequence[int], lang: str) -> str:
    translated = meta.title.en if lang == "en" and meta.title.zh and meta.title.en else ""
    lines = [
        ("TY", "RPRT"),
        ("AU", _pick(meta.author, lang)),
        ("TI", meta.title.zh or meta.title.en),
        ("TT", translated),
        ("M3", _cap(_pick(meta.doc_type, lang))),
        ("SN", meta.symbol),
        ("PB", _conference(meta, lang)),
        ("CY", _pick(meta.place, lang)),
        ("PY", _year(meta)),
        ("LA", meta.lang),
        ("UR", meta.url),
    ]
    if translated and not meta.title_en_official:
        lines.append(("N1", "The English title (TT) is an unofficial translation."))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines if value or tag == "ER")


def _csl_date(meta: DocumentMeta) -> dict[str, list[list[int]]] | None:
    start, end = _date(meta.date_start), _date(meta.date_end)
    if start is None:
        return None
    parts = [list(start)] + ([list(end)] if end and end != start else [])
    return {"date-parts": parts}


def csl_item(meta: DocumentMeta, lang: str = "en") -> dict[str, object]:
    """The document as one CSL 1.0.2 data item (no locator: that belongs to a citation)."""
    title = _title_zh(meta) if lang == "zh" else _plain(*_title_parts(meta))
    item: dict[str, object] = {
        "id": meta.id,
        "type": "report",
        "title": title,
        "author": [{"literal": _pick(meta.author, lang)}] if _pick(meta.author, lang) else [],
        "genre": _cap(_pick(meta.doc_type, lang)),
        "number": meta.symbol,
        "event-title": _conference(meta, lang),
        "event-place": _pick(meta.place, lang),
        "event-date": _csl_date(meta),
        "issued": {"date-parts": [[int(_year(meta))]]} if _year(meta) else None,
        "language": meta.lang,
        "URL": meta.url,
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
    "markdown": "as plain, title in italics (en, zh)",
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

        return render_csl(meta, refs, style[4:], lang or "en")
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


def missing_symbol_hint(meta: DocumentMeta, style: str, path: str | None = None) -> str | None:
    """One line for stderr when ``style`` would show a symbol the document does not have."""
    if meta.symbol or (style not in _SHOWS_SYMBOL and not style.startswith("csl:")):
        return None
    where = path or f"text/{meta.id}.txt"
    return (
        f"the UN document symbol of {meta.id!r} is unknown and left out; once it is known, "
        f'set symbol = "…" in the front matter of {where}'
    )
