"""The front matter a UN document's masthead gives, read line by line.

A masthead (Chinese or English) holds, in some order: the banner (联合国 / United Nations) and
the symbol (NPT/CONF.2020/WP.12, A/C.1/77/L.5, S/2022/100, CD/2230, GC(66)/INF/5 …); the
distribution (分发：普遍 / Distr.: General) and its date; the language of this version and
the original's (原文：英文 / Original: English); the body and session; the meeting's dates
and place; the agenda item and its title; the document's title; and the author line
(俄罗斯联邦提交的工作文件 / …提出的工作文件 / Working paper submitted by …). Lines that
match none of these are the body's name when they come before the dates, session or agenda
lines, and the title when they come after them. What is not there stays empty: nothing is
guessed, least of all the symbol.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from npt_gloss.corpus import join_wrapped
from npt_gloss.documents.lines import Line

LANGUAGES = {
    "chinese": "zh", "中文": "zh", "english": "en", "英文": "en", "french": "fr", "法文": "fr",
    "russian": "ru", "俄文": "ru", "spanish": "es", "西班牙文": "es", "arabic": "ar",
    "阿拉伯文": "ar", "français": "fr", "anglais": "en", "chinois": "zh", "russe": "ru",
    "espagnol": "es", "arabe": "ar",
}  # fmt: skip
_MONTH_NAMES = "january february march april may june july august september october november"
MONTHS = {name: number for number, name in enumerate([*_MONTH_NAMES.split(), "december"], 1)}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)

SYMBOL_RE = re.compile(r"[A-Z]{1,6}(?:\([0-9]{1,3}\))?(?:/[A-Za-z0-9().\-]+)+")
_BANNER_RE = re.compile(
    r"(?:联合国|United Nations|Nations Unies|Naciones Unidas|Организация Объединенных Наций)"
    rf"(?:\s+(?P<symbol>{SYMBOL_RE.pattern}))?"
)
_DISTR_RE = re.compile(r"(?:分发\s*[:：]\s*\S+|Distr\.?\s*:?\s*[A-Za-z]+)")
_ORIGINAL_RE = re.compile(r"(?:Original|原文)\s*[:：]\s*(?P<lang>\S+)")
_ZH_DATE = r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
_ZH_MEETING_RE = re.compile(
    _ZH_DATE + r"(?:\s*[至–—-]\s*(?:(?P<y2>[0-9]{4})\s*年\s*)?(?:(?P<m2>[0-9]{1,2})\s*月\s*)?"
    r"(?P<d2>[0-9]{1,2})\s*日)?\s*(?:[，,]\s*(?P<place>.+))?"
)
_EN_DATE_RE = re.compile(rf"(?P<d>[0-9]{{1,2}})\s+(?P<m>{_MONTH})\s+(?P<y>[0-9]{{4}})")
_EN_MEETING_RE = re.compile(
    rf"(?P<place>[A-Z][^,0-9]*?),\s*(?P<d>[0-9]{{1,2}})(?:\s+(?P<m>{_MONTH}))?"
    rf"(?:\s+(?P<y>[0-9]{{4}}))?(?:\s*[-–—]\s*(?P<d2>[0-9]{{1,2}})\s+(?P<m2>{_MONTH})"
    rf"\s+(?P<y2>[0-9]{{4}}))?"
)
_AGENDA_RE = re.compile(
    r"(?:(?:临时)?议程项目\s*(?P<zh>[0-9]+[a-z()]*)"
    r"|Item\s+(?P<en>[0-9]+[a-z()]*)\s+of\s+the\s+(?:provisional\s+)?agenda"
    r"|(?:Provisional\s+)?agenda\s+item\s+(?P<en2>[0-9]+[a-z()]*))\**",
    re.IGNORECASE,
)
_SESSION_RE = re.compile(
    r"(?:第[一二三四五六七八九十百零〇0-9]+届(?:会议|会|常会|特别会议)"
    r"|(?:[A-Z][a-z]+(?:-[a-z]+)?\s+)(?:special\s+|regular\s+)?session)",
)
_ZH_AUTHOR_RE = re.compile(
    r"(?P<author>[^。，；：,;:]{1,80}?)(?:提交|提出)的(?P<type>[^。，；：,;:]{1,20}?)"
)
_EN_AUTHOR_RE = re.compile(  # English, and the French and Spanish forms of it
    r"(?P<type>[A-ZÀ-Ý][\w ,'-]{2,40}?)\s+(?:submitted|presented|prepared|présentée?|"
    r"soumise?|presentad[oa])\s+(?:by|par|por)\s+(?P<author>.+?)"
    r"|(?P<type2>Report|Note|Letter|Statement)\s+(?:of|by)\s+(?P<author2>the\s.+?)"
)
# Leading articles an author's name drops: "the Russian Federation", "le Chili", "la India".
_ARTICLE_RE = re.compile(r"(?:the|le|la|les|l'|el|los|las)\s*(?<=\s|')", re.IGNORECASE)
_TRAILING_MARKS_RE = re.compile(r"[\s*†‡]+$")


@dataclass(frozen=True)
class Masthead:
    """What the masthead says; empty where it says nothing."""

    symbol: str = ""
    distributed: str = ""  # ISO date of distribution
    version_lang: str = ""  # the language this version is in ("Chinese" line), as a code
    original: str = ""  # the original's language, as a code
    body: str = ""  # the conference or organ, e.g. 不扩散核武器条约缔约国2020年审议大会
    session: str = ""
    place: str = ""
    date_start: str = ""
    date_end: str = ""
    year: int | None = None
    agenda_item: str = ""
    agenda: str = ""  # the agenda item's title
    title: str = ""
    author: str = ""
    doc_type: str = ""
    found: tuple[str, ...] = field(default=())  # names of the fields found, in order


def is_author_line(text: str) -> bool:
    """True for "…提交的工作文件", "Working paper submitted by …" and their kin."""
    return _author(text) is not None


def read_masthead(lines: Sequence[Line]) -> Masthead:
    """The fields of a masthead given as its lines (see the module docstring)."""
    values: dict[str, object] = {}
    before: list[Line] = []  # unclassified lines before the dates / session / agenda lines
    after: list[Line] = []
    anchored = False
    agenda_line: Line | None = None
    for line in lines:
        text = _TRAILING_MARKS_RE.sub("", line.text)
        if agenda_line is not None:
            if _continues_agenda(agenda_line, line, values):
                values["agenda"] = join_wrapped(str(values.get("agenda", "")), text)
                continue
            agenda_line = None
        kind = _classify(text, values)
        if kind == "agenda":
            agenda_line = line
        if kind in ("meeting", "session", "agenda"):
            anchored = True
        if kind is None:
            (after if anchored else before).append(line)
    if not anchored:  # nothing to tell the body from the title: it is all title
        before, after = [], before
    if before:
        values["body"] = _joined(before)
    if after:
        values["title"] = _joined(after)
    found = tuple(name for name in Masthead.__dataclass_fields__ if values.get(name))
    return Masthead(**values, found=found)  # type: ignore[arg-type]


def _continues_agenda(label: Line, line: Line, values: dict[str, object]) -> bool:
    """The agenda title: the line after the label, and more of the label's size (PDF)."""
    if _author(line.text) or _classify_only(line.text):
        return False
    if "agenda" not in values:
        return True
    return label.size is not None and line.size is not None and abs(label.size - line.size) < 0.3


def _joined(lines: Sequence[Line]) -> str:
    text = ""
    for line in lines:
        text = join_wrapped(text, _TRAILING_MARKS_RE.sub("", line.text))
    return text


def _classify_only(text: str) -> bool:
    return _classify(text, {}) is not None


def _classify(text: str, values: dict[str, object]) -> str | None:
    """Store what ``text`` says in ``values``; return its kind, or None for free text."""
    if banner := _BANNER_RE.fullmatch(text):
        if banner["symbol"]:
            values.setdefault("symbol", banner["symbol"])
        return "banner"
    if SYMBOL_RE.fullmatch(text):
        values.setdefault("symbol", text)
        return "symbol"
    if _DISTR_RE.fullmatch(text):
        return "distr"
    if text.lower() in LANGUAGES:
        values.setdefault("version_lang", LANGUAGES[text.lower()])
        return "language"
    if original := _ORIGINAL_RE.fullmatch(text):
        code = LANGUAGES.get(original["lang"].lower())
        if code:
            values.setdefault("original", code)
            return "original"
    if author := _author(text):
        values.setdefault("author", author[0])
        values.setdefault("doc_type", author[1])
        return "author"
    if agenda := _AGENDA_RE.fullmatch(text):
        values.setdefault("agenda_item", agenda["zh"] or agenda["en"] or agenda["en2"])
        return "agenda"
    if _SESSION_RE.fullmatch(text):
        values.setdefault("session", text)
        return "session"
    return _dates(text, values)


def _dates(text: str, values: dict[str, object]) -> str | None:
    zh = _ZH_MEETING_RE.fullmatch(text)
    en = None if zh else _EN_MEETING_RE.fullmatch(text)
    single = None if zh or en else _EN_DATE_RE.fullmatch(text)
    if single:
        return _store_distributed(_date(single["y"], single["m"], single["d"]), values)
    match = zh or en
    if match is None:
        return None
    start = _date(match["y"] or match["y2"], match["m"] or match["m2"], match["d"])
    if start is None:
        return None
    is_meeting = bool(match["place"] or match["d2"])
    if not is_meeting:
        return _store_distributed(start, values)
    end = _date(match["y2"] or match["y"], match["m2"] or match["m"], match["d2"] or match["d"])
    if "date_start" in values or end is None:
        return None
    values.update(
        date_start=start.isoformat(),
        date_end=end.isoformat(),
        year=start.year,
        place=(match["place"] or "").strip(),
    )
    return "meeting"


def _store_distributed(date: dt.date | None, values: dict[str, object]) -> str | None:
    if date is None or "distributed" in values:
        return None
    values["distributed"] = date.isoformat()
    return "distributed"


def _date(year: str | None, month: str | None, day: str | None) -> dt.date | None:
    if not (year and month and day):
        return None
    number = int(month) if month.isdigit() else MONTHS.get(month.lower(), 0)
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _author(text: str) -> tuple[str, str] | None:
    text = _TRAILING_MARKS_RE.sub("", text)
    if zh := _ZH_AUTHOR_RE.fullmatch(text):
        return zh["author"].strip(), zh["type"].strip()
    if en := _EN_AUTHOR_RE.fullmatch(text):
        author = (en["author"] or en["author2"]).strip()
        kind = (en["type"] or en["type2"]).strip()
        author = _ARTICLE_RE.sub("", author, count=1) if _ARTICLE_RE.match(author) else author
        return author.strip(), kind[:1].lower() + kind[1:]
    return None
