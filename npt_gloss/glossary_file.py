"""Adding one entry to a glossary file (``npt-gloss glossary add``), keeping the rest as it is.

A translator's own glossary is a file they also edit by hand, with their comments and their
order, so it is never rewritten: a new entry is a ``[[term]]`` table appended to the bytes
already there, and a replaced entry swaps its own lines and nothing else (line ends and a
byte-order mark stay as the file has them). The new entry is checked with the glossary's own
checks (:func:`npt_gloss.glossary.entry_problems`), the whole new file is parsed once more
before it is written, and the write is atomic (:func:`npt_gloss.textio.write_atomic`): a
failure at any point leaves the file as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from npt_gloss.errors import DataError, UsageError
from npt_gloss.models import Concept

HEADER = (
    "# My npt-gloss glossary: one [[term]] table per concept (the format is in the README).\n"
    "# npt-gloss reads it after the shipped glossary; an entry whose id is a shipped\n"
    "# concept's replaces that concept. `npt-gloss glossary add` appends here; `npt-gloss\n"
    "# glossary check` checks it.\n"
)
_TERM_HEADER = re.compile(r"[ \t]*\[\[[ \t]*term[ \t]*\]\]")
_TABLE_HEADER = re.compile(r"[ \t]*\[")  # any table header ends the table before it
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Added:
    """What :func:`add_entry` did: the file, the entry's first line in it, whether the file
    is new and whether an entry with the same id was replaced."""

    path: Path
    line: int
    created: bool
    replaced: bool


def derive_id(en: str) -> str:
    """The id an English term suggests: its ASCII letters and digits, lower case, words
    joined by hyphens ("nuclear-weapon States" → "nuclear-weapon-states"); accents are
    dropped (é → e). "" when nothing is left."""
    plain = unicodedata.normalize("NFKD", en).encode("ascii", "ignore").decode("ascii")
    return "-".join(_WORD.findall(plain.lower()))


def entry_text(concept: Concept) -> str:
    """The ``[[term]]`` table of one concept, as the glossary writer writes it."""
    from npt_gloss.formats.toml_out import to_toml

    return to_toml([concept])


def check_entry(concept: Concept, known_ids: Iterable[str] = ()) -> None:
    """Refuse an entry the glossary's checks find fault with (a malformed id, an unknown
    domain, 'see' naming an id no loaded glossary has), in their words."""
    from npt_gloss.glossary import entry_problems

    problems = entry_problems(entry_text(concept), "<new entry>", known_ids)
    if problems:
        raise UsageError(problems[0].message)


def add_entry(path: Path, concept: Concept, *, replace: bool = False) -> Added:
    """Write ``concept`` into the glossary file ``path`` (created, with :data:`HEADER`, when
    absent): appended, or in place of the entry with its id when ``replace``; refused when
    the id is already there and not ``replace``, or when the file has errors of its own."""
    original, created = _read(path)
    newline = "\r\n" if "\r\n" in original else "\n"
    entry = entry_text(concept).replace("\n", newline)
    position = _position_of(original, concept.id, path)
    if position is not None and not replace:
        raise UsageError(
            f"id '{concept.id}' is already in {path} (line {position + 1}); "
            "add --replace to replace that entry"
        )
    if position is None:
        text, line = _appended(original or HEADER.replace("\n", newline), entry, newline)
    else:
        text, line = _replaced(original, position, entry), position + 1
    _check_whole(text, path)
    if created:
        _make_folder(path.parent)
    from npt_gloss.textio import write_atomic

    write_atomic(path, text.encode("utf-8"))
    return Added(path, line, created, position is not None)


def _read(path: Path) -> tuple[str, bool]:
    """The file's text exactly as it is (byte-order mark and line ends kept), and whether it
    is yet to be created."""
    from npt_gloss.textio import decode_text

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", True
    except IsADirectoryError:
        raise DataError("is a directory, not a glossary file", path) from None
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", path) from None
    decode_text(data, path)  # the same encoding checks as every read, naming the file
    return data.decode("utf-8"), False


def _position_of(original: str, term_id: str, path: Path) -> int | None:
    """The line index (0-based) of the ``[[term]]`` header of the entry with ``term_id``, or
    None; the file's own schema errors are refused first, naming their line."""
    from npt_gloss.glossary import parse_toml, schema_problems

    text = original.lstrip("\ufeff").replace("\r\n", "\n")
    raw = parse_toml(text, path)
    terms = raw.get("term")
    if terms is None:
        return None  # a new file, or one with comments only: nothing to clash with
    errors = [p for p in schema_problems(raw, text) if p.level == "error"]
    if errors:
        first = errors[0]
        hint = "fix it first; npt-gloss glossary check lists every problem"
        raise DataError(first.message, path, first.line, hint=hint)
    headers = _header_lines(original)
    for number, term in enumerate(terms):
        if term.get("id", "").strip() == term_id:
            return headers[number]
    return None


def _header_lines(original: str) -> list[int]:
    """0-based indices of the ``[[term]]`` header lines, in order."""
    return [i for i, line in enumerate(_lines(original)) if _TERM_HEADER.match(line)]


def _lines(text: str) -> list[str]:
    """The lines of ``text`` with their ends, split at line feeds only, as TOML counts them
    (``str.splitlines`` also splits at form feeds and U+2028, which a value may hold)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _appended(original: str, entry: str, newline: str) -> tuple[str, int]:
    """``original`` with ``entry`` after a blank line; and the entry's first line (1-based)."""
    text = original
    if not text.endswith(("\n", "\r")):
        text += newline
    if text.lstrip("\ufeff").strip() and not text.endswith(newline * 2):
        text += newline
    return text + entry, text.count("\n") + 1


def _replaced(original: str, start: int, entry: str) -> str:
    """``original`` with the table whose header is line ``start`` replaced by ``entry``.

    The table runs to the next table header; the blank and comment lines just before that
    header are left where they are (they introduce the next entry).
    """
    lines = _lines(original)
    end = start + 1
    while end < len(lines) and not _TABLE_HEADER.match(lines[end]):
        end += 1
    while end - 1 > start and (not lines[end - 1].strip() or lines[end - 1].lstrip()[0] == "#"):
        end -= 1
    return "".join([*lines[:start], entry, *lines[end:]])


def _check_whole(text: str, path: Path) -> None:
    """Parse the file as it would be written; a failure here is refused, not written."""
    from npt_gloss.glossary import parse_glossary

    parse_glossary(text.lstrip("\ufeff").replace("\r\n", "\n"), path)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot create the folder: {exc.strerror or exc}", folder) from None
