"""Batch lookup: a list of queries, one a line, answered with the index loaded once.

The list is read as the glossary and documents are (UTF-8, a byte-order mark and CRLF
accepted, another encoding named with the line at fault). Blank lines and ``#`` comments are
skipped; so is a line that cannot be a term (over ``MAX_LINE`` characters, or holding control
characters), with the reason, so that one bad line costs only itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from npt_gloss.index import Index
from npt_gloss.match import GOOD_ENOUGH, Match, lookup

MAX_LINE = 1000  # characters: a term is never this long; such a line is no query
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Query:
    line: int  # 1-based line number in the list
    text: str


@dataclass(frozen=True)
class Skipped:
    line: int
    reason: str


@dataclass(frozen=True)
class Answer:
    query: Query
    matches: tuple[Match, ...]  # best first; empty when nothing was found


def parse_queries(text: str) -> tuple[list[Query], list[Skipped]]:
    """The queries of a list (one a line) and the lines skipped for cause."""
    queries: list[Query] = []
    skipped: list[Skipped] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if len(line) > MAX_LINE:
            skipped.append(Skipped(number, f"longer than {MAX_LINE:,} characters"))
        elif _CONTROL.search(line):
            skipped.append(Skipped(number, "holds a control character"))
        else:
            queries.append(Query(number, line))
    return queries, skipped


def answer_all(index: Index, queries: Sequence[Query], limit: int) -> Iterator[Answer]:
    """Each query's matches, as ``lookup`` gives them (answers only, no weak suggestions).
    A query repeated in the list is looked up once."""
    known: dict[str, tuple[Match, ...]] = {}
    for query in queries:
        matches = known.get(query.text)
        if matches is None:
            found = lookup(index, query.text, limit)
            matches = known[query.text] = tuple(m for m in found if m.score >= GOOD_ENOUGH)
        yield Answer(query, matches)


def tsv_rows(index: Index, answer: Answer) -> list[list[str]]:
    """Rows of (query, id, en, zh, match, score); one row of empty fields when nothing."""
    if not answer.matches:
        return [[answer.query.text, "", "", "", "", ""]]
    rows = []
    for match in answer.matches:
        record = index.concepts[match.concept]
        rows.append(
            [answer.query.text, record[0], record[1], record[2], match.how, f"{match.score:g}"]
        )
    return rows


TSV_HEADER = ["query", "id", "en", "zh", "match", "score"]
