"""Glossary mentions in text the index does not hold (a translation draft), found the way
the index finds them in the documents.

The index stores where the documents mention each concept, not the patterns it scanned for,
and rebuilding a whole index for a draft costs seconds (pinyin, the character table, every
lookup table). :class:`MentionFinder` needs only the pattern table
(:func:`npt_gloss.build.pattern_table`): it is worked out once per index from the concepts
the index holds, then kept in a small file beside the index cache
(``scan-<signature>.marshal``, the signature being the index's own, so it goes stale with
it); a command then reads it in a few milliseconds and scans the draft with the same
folding, longest match, word and name tests and mentions inside longer terms as the index
build (:func:`npt_gloss.build.find_mentions`).
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from npt_gloss.build import PatternTable
from npt_gloss.index import Index
from npt_gloss.models import Paragraph

SCAN_SCHEMA = 2  # 2: the nested mentions of Chinese patterns are in the table
SCAN_PREFIX = "scan-"
SCAN_SUFFIX = ".marshal"
KEEP_SCAN_FILES = 4  # as many as index files are kept


class Mention(NamedTuple):
    """A concept's form in a paragraph; offsets index the paragraph's text."""

    paragraph: int
    concept: int  # position in Index.concepts
    start: int
    end: int
    form: str
    within: int  # the concept of the longer term it sits in, or -1


class MentionFinder:
    """Finds the glossary concepts of an index in any paragraphs."""

    def __init__(self, table: PatternTable, t2s: dict[str, str]) -> None:
        self.table = table
        self.t2s = t2s
        self._numbers: dict[str, int] | None = None

    @classmethod
    def for_index(cls, index: Index, cache_folder: Path | None = None) -> MentionFinder:
        """The finder for ``index``'s glossary, its table read from ``cache_folder`` when
        saved there for this index, else worked out (and saved when the index has a
        signature and the folder is writable: an unwritable folder costs only speed)."""
        signature = index.image.header.get("signature") or ""
        path = None
        if cache_folder is not None and signature:
            path = cache_folder / f"{SCAN_PREFIX}{signature}{SCAN_SUFFIX}"
            table = _load(path, signature)
            if table is not None:
                return cls(table, index.t2s)
        from npt_gloss.build import pattern_table

        concepts = [index.concept(number) for number in range(len(index.concepts))]
        table = pattern_table(concepts, index.t2s)
        if path is not None and os.environ.get("NPT_GLOSS_NO_CACHE_WRITE") != "1":
            _save(path, signature, table)
        return cls(table, index.t2s)

    def mentions(self, paragraphs: Sequence[Paragraph]) -> list[Mention]:
        """Every mention in ``paragraphs``, direct or inside a longer term, in text order."""
        from npt_gloss.build import find_mentions

        if self._numbers is None:
            self._numbers = {pattern: n for n, pattern in enumerate(self.table.patterns)}
        return [
            Mention(*row) for row in find_mentions(self.table, paragraphs, self.t2s, self._numbers)
        ]


def _load(path: Path, signature: str) -> PatternTable | None:
    """The table saved in ``path`` for this signature, or None (missing, stale, damaged)."""
    try:
        data: Any = marshal.loads(path.read_bytes())
        schema, saved, patterns, owners, names, everyday, nested = data
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if schema != SCAN_SCHEMA or saved != signature:
        return None
    if not (isinstance(patterns, list) and isinstance(owners, list)):
        return None
    if len(patterns) != len(owners) or not isinstance(nested, dict):
        return None
    return PatternTable(patterns, owners, frozenset(names), frozenset(everyday), nested)


def _save(path: Path, signature: str, table: PatternTable) -> None:
    from npt_gloss.errors import DataError
    from npt_gloss.textio import write_atomic

    data = (
        SCAN_SCHEMA,
        signature,
        table.patterns,
        table.owners,
        sorted(table.names),
        sorted(table.everyday),
        table.nested,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, marshal.dumps(data))
    except (OSError, DataError):
        return  # only speed is lost: the next command works the table out again
    _prune(path)


def _prune(keep: Path) -> None:
    """Remove all but the newest few table files of the folder (old indexes' tables)."""
    try:
        entries = [
            (entry.stat().st_mtime, entry.name)
            for entry in os.scandir(keep.parent)
            if entry.name.startswith(SCAN_PREFIX) and entry.name.endswith(SCAN_SUFFIX)
        ]
    except OSError:
        return
    entries.sort(reverse=True)
    for _, name in entries[KEEP_SCAN_FILES:]:
        if name != keep.name:
            try:
                (keep.parent / name).unlink()
            except OSError:
                pass
