"""Document files: parse, validate, write back, and describe as JSON.

A document file (``text/<id>.txt``, see CONTRACT.md) is TOML front matter between two ``+++``
lines, then numbered paragraphs ``N. text`` separated by blank lines; lines starting with
``– `` (or ``- ``) inside a paragraph are its items. Everything a user can get wrong in such a
file is reported as a :class:`DataError` with the file and the line, because these files are
edited by hand.

Language versions (CONTRACT.md): ``text/<id>.txt`` is a document in its own language (its
``lang``); ``text/<id>.<lang>.txt``, ``lang`` one of :data:`VERSION_LANGS`, is the version of
document ``<id>`` in that language. :func:`load_corpus` attaches the versions to their
document (``Document.versions``) and refuses a version whose paragraph numbers differ.

``format_document`` is the inverse of ``parse_document`` for files in canonical form (one
line per paragraph and per item, front matter as ``format_document`` writes it): it is how
``scripts/make_text.py`` writes the shipped document. Comments a user adds to the front
matter are not kept by a parse and format round trip.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from npt_gloss.errors import DataError
from npt_gloss.models import (
    LANG_NAMES,
    VERSION_LANGS,
    Bilingual,
    Document,
    DocumentMeta,
    Paragraph,
)
from npt_gloss.textio import read_text

FENCE = "+++"
ITEM_DASH = "– "  # the dash ``Paragraph.text`` and ``format_document`` use for items
SYMBOL_UNKNOWN_COMMENT = (
    "# The UN document symbol is unknown: the source does not give it. Leave it empty\n"
    "# until it is confirmed from the UN record; never guess it."
)

# "12. text" or a bare "12." (the text may follow on the next line). The length limit keeps
# int() away from absurd digit strings.
_PARAGRAPH_RE = re.compile(r"([0-9]{1,9})\.(?:[ \t]+(.*))?")
_ITEM_RE = re.compile(r"[–-](?:[ \t]+(.*))?")
_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")
_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")
_INVISIBLE_RE = re.compile(r"[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u2028\u2029]")

# Front matter key -> DocumentMeta field, for the {zh, en} pairs.
_BILINGUAL_FIELDS = {
    "title": "title",
    "author": "author",
    "type": "doc_type",
    "conference": "conference",
    "conference_name": "conference_name",
    "place": "place",
}
_STRING_FIELDS = ("id", "lang", "symbol", "url")
_DATE_FIELDS = ("date_start", "date_end")
_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def is_document_id(text: str) -> bool:
    """True for an id a document file can have (it is also the file name, without .txt)."""
    return _ID_RE.fullmatch(text) is not None


def file_identity(path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """(document id, version language or None) that a file name stands for:
    ``x.txt`` -> ("x", None), ``x.en.txt`` -> ("x", "en"), ``x.v2.txt`` -> ("x.v2", None)."""
    stem = Path(path).stem
    base, dot, suffix = stem.rpartition(".")
    if dot and base and suffix in VERSION_LANGS:
        return base, suffix
    return stem, None


# --------------------------------------------------------------------------- joining lines


def is_wide(char: str) -> bool:
    """True for characters that Chinese text sets without spaces around them.

    CJK ideographs, kana, hangul, CJK and full-width punctuation, plus the general
    punctuation block (“ ” — … ·) that Chinese text uses as its own.
    """
    return (
        unicodedata.east_asian_width(char) in ("W", "F")
        or "\u2000" <= char <= "\u206f"
        or char == "\u00b7"
    )


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one wrapped line: no space next to CJK, one space between words."""
    if not left or not right:
        return left + right
    if is_wide(left[-1]) or is_wide(right[0]):
        return left + right
    return f"{left} {right}"


def item_text(line: str) -> str | None:
    """The item in a stripped line starting with ``– `` or ``- `` ("" if bare), else None."""
    match = _ITEM_RE.fullmatch(line)
    return None if match is None else match.group(1) or ""


# --------------------------------------------------------------------------- front matter


@dataclass(frozen=True)
class _FrontMatter:
    """The front matter's TOML text and where it sits in the file (for messages)."""

    path: str
    lines: tuple[str, ...]  # the TOML lines, without the fences
    open_line: int  # file line of the opening +++
    close_line: int  # file line of the closing +++

    def key_line(self, dotted: str) -> int:
        """Best-effort file line of ``dotted`` (``title.zh``), else of its table, else the fence."""
        parts = [rf'"?{re.escape(part)}"?' for part in dotted.split(".")]
        # Most specific first: "title.zh =", then "title.…" or "title =", then "[title]".
        joined = [r"\s*\.\s*".join(parts[:n]) for n in range(len(parts), 0, -1)]
        patterns = [joined[0] + r"\s*=", *(prefix + r"\s*[.=]" for prefix in joined)]
        patterns.append(rf"\[\s*{parts[0]}\s*\]")
        for pattern in patterns:
            for offset, line in enumerate(self.lines):
                if re.match(rf"\s*{pattern}", line):
                    return self.open_line + 1 + offset
        return self.open_line

    def error(self, message: str, key: str | None = None, hint: str | None = None) -> DataError:
        line = self.key_line(key) if key else self.open_line
        return DataError(message, path=self.path, line=line, hint=hint)


def _split_front_matter(lines: list[str], path: str) -> tuple[_FrontMatter, int]:
    """Return the front matter and the index of the first body line."""
    if not lines or lines[0].rstrip() != FENCE:
        raise DataError(
            "missing front matter",
            path=path,
            line=1,
            hint=f"a document starts with a '{FENCE}' line, TOML metadata, and another '{FENCE}'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            front = _FrontMatter(path, tuple(lines[1:index]), open_line=1, close_line=index + 1)
            return front, index + 1
    raise DataError(
        "unterminated front matter",
        path=path,
        line=1,
        hint=f"close the metadata with a line '{FENCE}' before the first paragraph",
    )


def _load_toml(front: _FrontMatter) -> dict[str, Any]:
    import tomllib  # here, not at the top: show --json imports this module only to write

    try:
        return tomllib.loads("\n".join(front.lines))
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION_RE.search(message)
        line, column = front.close_line - 1, None
        if match and match.group(1):
            line, column = front.open_line + int(match.group(1)), int(match.group(2))
        reason = message[: match.start()] if match else message
        raise DataError(
            f"front matter is not valid TOML: {reason}",
            path=front.path,
            line=line,
            column=column,
        ) from None
    except RecursionError:
        raise DataError(
            "front matter is nested too deeply", path=front.path, line=front.open_line
        ) from None


def _build_meta(data: dict[str, Any], front: _FrontMatter) -> DocumentMeta:
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in _BILINGUAL_FIELDS:
            values[_BILINGUAL_FIELDS[key]] = _bilingual(key, value, front, extra)
        elif key in _STRING_FIELDS:
            values[key] = _string(key, value, front)
        elif key in _DATE_FIELDS:
            values[key] = _date(key, value, front)
        elif key == "title_en_official":
            if not isinstance(value, bool):
                raise front.error(f"{key} must be true or false", key)
            values[key] = value
        elif key == "year":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
                raise front.error("year must be a whole number such as 2022", key)
            values[key] = value
        else:
            extra[key] = value  # kept, and written back by format_document
    _check_required(values, extra, front)
    return DocumentMeta(**values, extra=extra)


def _check_required(values: dict[str, Any], extra: dict[str, Any], front: _FrontMatter) -> None:
    if not values.get("id"):
        raise front.error("front matter lacks the required key 'id'", hint='add id = "<file stem>"')
    if not _ID_RE.fullmatch(values["id"]):
        raise front.error(
            f"id {values['id']!r} is not a valid document id",
            "id",
            hint="use letters, digits, '-', '_' and '.' only, as in the file name",
        )
    title = values.get("title", Bilingual())
    lang = values.get("lang", "zh")
    # The title in the document's own language; title.zh, as ever, will do for any.
    own = {"zh": title.zh, "en": title.en}.get(lang, "")
    if not own and lang not in ("zh", "en"):
        own = str(extra.get("title", {}).get(lang, ""))
    if not (own or title.zh):
        key = lang if lang in VERSION_LANGS else "zh"
        raise front.error(f"front matter lacks the required key 'title.{key}'", "title")


def _string(key: str, value: Any, front: _FrontMatter) -> str:
    if not isinstance(value, str):
        raise front.error(f"{key} must be a string in double quotes", key)
    return value


def _date(key: str, value: Any, front: _FrontMatter) -> str:
    # TOML has a date type; a quoted "2022-08-01" or "" (unknown) is accepted as well.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and (value == "" or _is_iso_date(value)):
        return value
    raise front.error(f'{key} must be a date such as "2022-08-01" (or "" when unknown)', key)


def _is_iso_date(text: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _bilingual(key: str, value: Any, front: _FrontMatter, extra: dict[str, Any]) -> Bilingual:
    if not isinstance(value, dict):
        raise front.error(
            f"{key} must have a Chinese and an English form",
            key,
            hint=f'write {key}.zh = "…" and {key}.en = "…"',
        )
    others = {lang: text for lang, text in value.items() if lang not in ("zh", "en")}
    if others:
        extra[key] = others  # e.g. title.fr: kept, not interpreted
    return Bilingual(
        zh=_string(f"{key}.zh", value.get("zh", ""), front),
        en=_string(f"{key}.en", value.get("en", ""), front),
    )


# --------------------------------------------------------------------------- body


@dataclass
class ParagraphBuilder:
    """A paragraph being read (mutable while its lines arrive; frozen into a Paragraph)."""

    number: int
    line: int
    lead: str = ""
    items: list[str] = field(default_factory=list)

    def add_text(self, text: str) -> None:
        if self.items:
            self.items[-1] = join_wrapped(self.items[-1], text)
        else:
            self.lead = join_wrapped(self.lead, text)

    def finish(self, path: str) -> Paragraph:
        if not self.lead:
            what = "has items but no text before them" if self.items else "is empty"
            raise DataError(f"paragraph {self.number} {what}", path=path, line=self.line)
        if "" in self.items:
            raise DataError(f"paragraph {self.number} has an empty item", path=path, line=self.line)
        text = self.lead + "".join(f"\n{ITEM_DASH}{item}" for item in self.items)
        return Paragraph(self.number, text, tuple(self.items), line=self.line)


def _parse_body(lines: list[str], first: int, path: str) -> tuple[Paragraph, ...]:
    """Read paragraphs from ``lines[first:]``; file line numbers are 1-based."""
    paragraphs: list[Paragraph] = []
    draft: ParagraphBuilder | None = None
    for index in range(first, len(lines)):
        lineno, line = index + 1, lines[index].strip()
        if not line:
            if draft is not None:
                paragraphs.append(draft.finish(path))
                draft = None
            continue
        numbered = _PARAGRAPH_RE.fullmatch(line)
        if numbered:
            _check_number(int(numbered.group(1)), len(paragraphs) + 1, draft, path, lineno)
            draft = ParagraphBuilder(int(numbered.group(1)), lineno, numbered.group(2) or "")
            continue
        if draft is None:
            raise _outside_paragraph(line, paragraphs, path, lineno)
        item = item_text(line)
        if item == "":
            raise DataError("empty item", path=path, line=lineno)
        if item:
            draft.items.append(item)
        else:
            draft.add_text(line)
    if draft is not None:
        paragraphs.append(draft.finish(path))
    if not paragraphs:
        raise DataError(
            "the document has no numbered paragraphs",
            path=path,
            line=max(first, 1),  # the closing +++
            hint="paragraphs start with their number, e.g. '1. '",
        )
    return tuple(paragraphs)


def _check_number(
    number: int, expected: int, draft: ParagraphBuilder | None, path: str, lineno: int
) -> None:
    if draft is not None:
        raise DataError(
            f"paragraph {number} starts inside paragraph {draft.number}",
            path=path,
            line=lineno,
            hint="put a blank line between paragraphs",
        )
    if number == expected:
        return
    if number < expected:
        problem = f"paragraph {number} repeats or goes backwards"
    else:
        problem = f"gap in paragraph numbers: found {number}"
    raise DataError(
        f"{problem}; expected paragraph {expected}",
        path=path,
        line=lineno,
        hint="paragraphs are numbered 1, 2, 3 … with no gap or repeat",
    )


def _outside_paragraph(line: str, paragraphs: list[Paragraph], path: str, lineno: int) -> DataError:
    if item_text(line) is not None:
        return DataError(
            "item line outside a paragraph",
            path=path,
            line=lineno,
            hint="items follow their paragraph's text directly, with no blank line before them",
        )
    if not paragraphs:
        return DataError(
            "text before the first numbered paragraph",
            path=path,
            line=lineno,
            hint="paragraphs start with their number, e.g. '1. '",
        )
    return DataError(
        f"unnumbered text after paragraph {paragraphs[-1].number}",
        path=path,
        line=lineno,
        hint="a paragraph runs to the next blank line: remove the blank line or number the text",
    )


# --------------------------------------------------------------------------- reading


def parse_document(text: str, path: str) -> Document:
    """Parse a document file's text; ``path`` names it in messages and is checked against id.

    The id must equal the file stem of ``path`` unless ``path`` is empty or a placeholder
    such as ``<stdin>``; for a language version (``x.en.txt``) the id is ``x`` and the
    ``lang`` must be the file name's (``en``).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    front, body_start = _split_front_matter(lines, path)
    meta = _build_meta(_load_toml(front), front)
    if path and not path.startswith("<"):
        _check_file_name(meta, path, front)
    return Document(meta, _parse_body(lines, body_start, path), path=path)


def _check_file_name(meta: DocumentMeta, path: str, front: _FrontMatter) -> None:
    doc_id, lang = file_identity(path)
    name = Path(path).name
    if lang is None:
        if meta.id != doc_id:
            raise front.error(
                f"id {meta.id!r} differs from the file name {name!r}",
                "id",
                hint="the id equals the file name without .txt",
            )
        return
    if meta.id != doc_id:
        raise front.error(
            f"id {meta.id!r} differs from the document id {doc_id!r} of this version",
            "id",
            hint=f"{name} is the {LANG_NAMES[lang]} version of document '{doc_id}': "
            f'write id = "{doc_id}"',
        )
    if meta.lang != lang:
        raise front.error(
            f"lang {meta.lang!r} differs from the language {lang!r} of the file name {name!r}",
            "lang",
            hint=f'a file <id>.{lang}.txt is the {LANG_NAMES[lang]} version: write lang = "{lang}"',
        )


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read and parse one document file."""
    return parse_document(read_text(path), str(path))


def load_corpus(directory: str | os.PathLike[str]) -> tuple[Document, ...]:
    """Read every ``*.txt`` document in ``directory``, sorted by id, each with its language
    versions (``x.en.txt`` …) in ``Document.versions``, in :data:`VERSION_LANGS` order.

    Hidden files (editor backups, ``write_atomic``'s temporary files) are skipped. A version
    without its document, two files in one language, or a version whose paragraph numbers
    differ from the document's is a :class:`DataError` naming the version's file.
    """
    root = Path(directory)
    if not root.exists():
        raise DataError("text directory not found", path=root, hint="set --text or NPT_GLOSS_TEXT")
    if not root.is_dir():
        raise DataError("not a directory", path=root, hint="--text names a directory of documents")
    files = sorted(p for p in root.glob("*.txt") if not p.name.startswith(".") and p.is_file())
    if not files:
        raise DataError("no documents (*.txt) in the text directory", path=root)
    documents: dict[str, Document] = {}
    versions: dict[str, list[Document]] = {}
    for path in files:
        doc_id, lang = file_identity(path)
        if lang is None:
            documents[doc_id] = read_document(path)
        else:
            versions.setdefault(doc_id, []).append(read_document(path))
    for doc_id, found in versions.items():
        if doc_id not in documents:
            raise DataError(
                f"the {LANG_NAMES[found[0].meta.lang]} version of document '{doc_id}', "
                f"but there is no {doc_id}.txt",
                path=found[0].path,
                hint=f"the document in its own language is {doc_id}.txt: "
                "rename one version to that name",
            )
        documents[doc_id] = with_versions(documents[doc_id], found)
    return tuple(documents[doc_id] for doc_id in sorted(documents))


def with_versions(doc: Document, versions: Iterable[Document]) -> Document:
    """``doc`` with its language ``versions`` attached, in :data:`VERSION_LANGS` order,
    after checking that each is in another language and has the same paragraph numbers."""
    seen = {doc.meta.lang: doc.path}
    ordered = sorted(versions, key=lambda v: VERSION_LANGS.index(v.meta.lang))
    for version in ordered:
        lang = version.meta.lang
        if lang in seen:
            raise DataError(
                f"a second {LANG_NAMES[lang]} ({lang}) text of document '{doc.id}'",
                path=version.path,
                hint=f"{Path(seen[lang]).name} is already in {lang}: keep one of the two",
            )
        seen[lang] = version.path
        _check_same_numbers(doc, version)
    return replace(doc, versions=tuple(ordered))


def _check_same_numbers(doc: Document, version: Document) -> None:
    """A version must carry the document's paragraph numbers, no more, no fewer."""
    mine = [p.number for p in version.paragraphs]
    theirs = [p.number for p in doc.paragraphs]
    if mine == theirs:
        return
    other = Path(doc.path).name or f"{doc.id}.txt"
    missing = [n for n in theirs if n not in set(mine)]
    if missing:
        last = version.paragraphs[-1]
        raise DataError(
            f"paragraph {missing[0]} missing: {other} has paragraphs {_span(theirs)}, "
            f"this version {_span(mine)}",
            path=version.path,
            line=last.line or None,
            hint="all language versions of a document carry the same paragraph numbers",
        )
    extra = next(p for p in version.paragraphs if p.number not in set(theirs))
    raise DataError(
        f"paragraph {extra.number} is not in {other}: it has paragraphs {_span(theirs)}, "
        f"this version {_span(mine)}",
        path=version.path,
        line=extra.line or None,
        hint="all language versions of a document carry the same paragraph numbers",
    )


def _span(numbers: list[int]) -> str:
    """``[1, 2, 3, 5]`` -> "1-3, 5"."""
    from npt_gloss.refs import compress

    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in compress(numbers))


# --------------------------------------------------------------------------- writing


def format_document(doc: Document) -> str:
    """Write ``doc`` in the file form: front matter, then ``N. text`` paragraphs."""
    out = [FENCE, *_front_matter_lines(doc.meta), FENCE]
    for paragraph in doc.paragraphs:
        out += ["", f"{paragraph.number}. {paragraph.text}"]
    return "\n".join(out) + "\n"


def _front_matter_lines(meta: DocumentMeta) -> list[str]:
    out = [f"id = {toml_value(meta.id)}", f"lang = {toml_value(meta.lang)}"]
    if not meta.symbol:
        out.append(SYMBOL_UNKNOWN_COMMENT)
    out.append(f"symbol = {toml_value(meta.symbol)}")
    out += _bilingual_lines("title", meta.title)
    out.append(
        f"title_en_official = {toml_value(meta.title_en_official)}"
        "  # true only when title.en is the UN's own English title"
    )
    for key, attr in _BILINGUAL_FIELDS.items():
        if key != "title":
            out += _bilingual_lines(key, getattr(meta, attr))
    out += [
        f"date_start = {toml_value(meta.date_start)}",
        f"date_end = {toml_value(meta.date_end)}",
    ]
    if meta.year is not None:
        out.append(f"year = {meta.year}")
    out.append(f"url = {toml_value(meta.url)}")
    for key, value in meta.extra.items():
        out += _toml_assignments([key], value)
    return out


def _bilingual_lines(key: str, value: Bilingual) -> list[str]:
    return [
        f"{key}.zh = {toml_value(value.zh)}",
        f"{key}.en = {toml_value(value.en)}",
    ]


def _toml_assignments(keys: list[str], value: Any) -> list[str]:
    """``a.b.c = value`` lines; tables become dotted keys so they can follow any other key."""
    if isinstance(value, dict) and value:
        lines: list[str] = []
        for key, inner in value.items():
            lines += _toml_assignments([*keys, key], inner)
        return lines
    return [f"{'.'.join(_toml_key(k) for k in keys)} = {toml_value(value)}"]


def _toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.fullmatch(key) else _toml_string(key)


def toml_value(value: Any) -> str:
    """A TOML value as this project writes it (documents' front matter, the glossary)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _toml_string(text: str) -> str:
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    out = []
    for char in text:
        if char in escapes:
            out.append(escapes[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F or _INVISIBLE_RE.match(char):
            # Controls must be escaped in TOML; C1 and bidi controls may not, but escaped
            # they cannot garble a terminal that shows the file.
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# --------------------------------------------------------------------------- JSON


def document_to_json(
    doc: Document, paragraphs: Iterable[Paragraph] | None = None
) -> dict[str, Any]:
    """The ``show --json`` object for ``doc``; ``paragraphs`` defaults to all of them."""
    meta = doc.meta
    chosen = doc.paragraphs if paragraphs is None else tuple(paragraphs)
    return {
        "document": {
            "id": meta.id,
            "symbol": meta.symbol,
            "lang": meta.lang,
            "title": _pair(meta.title),
            "title_en_official": meta.title_en_official,
            "author": _pair(meta.author),
            "type": _pair(meta.doc_type),
            "conference": _pair(meta.conference),
            "conference_name": _pair(meta.conference_name),
            "place": _pair(meta.place),
            "date_start": meta.date_start,
            "date_end": meta.date_end,
            "year": meta.year,
            "url": meta.url,
        },
        "paragraphs": [
            {"number": p.number, "text": p.text, "items": list(p.items)} for p in chosen
        ],
    }


def _pair(value: Bilingual) -> dict[str, str]:
    return {"zh": value.zh, "en": value.en}
