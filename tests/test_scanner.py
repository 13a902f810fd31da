"""The mention finder for drafts: the index's own matching, its pattern table cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import UNWRITABLE, concept, index_of_texts, unwritable_folder

from npt_gloss import build, paths, scanner
from npt_gloss.index import Index, open_index
from npt_gloss.models import Paragraph
from npt_gloss.scanner import MentionFinder


def test_a_document_scanned_as_a_draft_gives_the_index_s_own_mentions(
    shipped_index: Index,
) -> None:
    finder = MentionFinder.for_index(shipped_index)
    document = shipped_index.document(0)
    mine = sorted(
        (m.concept, m.paragraph, m.start, m.end, m.form, m.within)
        for m in finder.mentions(document.paragraphs)
    )
    theirs = sorted(
        (c, o.paragraph, o.start, o.end, o.form, o.within)
        for c in range(len(shipped_index.concepts))
        for o in shipped_index.concept_occurrences(c)
    )
    assert mine == theirs
    assert len(mine) > 150  # the paper mentions 70 concepts, many of them often


def test_nested_negated_and_names_in_english_text(shipped_index: Index) -> None:
    finder = MentionFinder.for_index(shipped_index)
    text = (
        "Non-nuclear-weapon States and the Comprehensive Nuclear-Test-Ban Treaty; "
        "conventional armed conflicts in Equatorial Guinea."
    )
    found = {
        (shipped_index.concept(m.concept).id, m.form, m.within != -1)
        for m in finder.mentions([Paragraph(1, text)])
    }
    ids = {cid for cid, _, _ in found}
    assert ("non-nuclear-weapon-states", "Non-nuclear-weapon States", False) in found
    assert "nuclear-weapon-states" not in ids  # negated inside the longer term
    assert ("ctbt", "Comprehensive Nuclear-Test-Ban Treaty", False) in found
    assert ("armed-conflict", "armed conflicts", False) in found
    assert "guinea" not in ids  # a name inside another State's name


def test_the_table_is_saved_beside_the_index_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    index = open_index(paths.shipped("glossary.toml"), paths.shipped("text"), cache)
    signature = index.image.header["signature"]
    first = MentionFinder.for_index(index, cache)
    saved = cache / f"scan-{signature}.marshal"
    assert saved.is_file()

    def not_again(*_args: object) -> None:
        raise AssertionError("the table was worked out again")

    monkeypatch.setattr(build, "pattern_table", not_again)
    second = MentionFinder.for_index(index, cache)
    assert second.table == first.table
    paragraph = [Paragraph(3, "The verification regime of the NPT.")]
    assert second.mentions(paragraph) == first.mentions(paragraph)


@pytest.mark.parametrize(
    "damage", [b"", b"not marshal", b"\xe9\x00\x00\x00"]
)  # truncated, garbage, a marshal of something else
def test_a_damaged_or_stale_table_is_worked_out_again(tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    index = open_index(paths.shipped("glossary.toml"), paths.shipped("text"), cache)
    saved = cache / f"scan-{index.image.header['signature']}.marshal"
    saved.write_bytes(damage)
    finder = MentionFinder.for_index(index, cache)
    assert len(finder.table.patterns) > 4000
    assert scanner._load(saved, index.image.header["signature"]) == finder.table
    assert scanner._load(saved, "another signature") is None


def test_old_tables_are_pruned(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for number in range(6):
        (cache / f"scan-old{number}.marshal").write_bytes(b"x")
    index = open_index(paths.shipped("glossary.toml"), paths.shipped("text"), cache)
    MentionFinder.for_index(index, cache)
    left = sorted(p.name for p in cache.glob("scan-*.marshal"))
    assert len(left) == scanner.KEEP_SCAN_FILES
    assert f"scan-{index.image.header['signature']}.marshal" in left


@pytest.mark.parametrize("case", UNWRITABLE)
def test_an_unwritable_cache_costs_only_speed(tmp_path: Path, case: str) -> None:
    index = open_index(paths.shipped("glossary.toml"), paths.shipped("text"), None)
    finder = MentionFinder.for_index(index, unwritable_folder(tmp_path, case))
    (mention,) = finder.mentions([Paragraph(1, "战略稳定性")])
    assert index.concept(mention.concept).id == "strategic-stability"


def test_a_refused_match_gives_its_place_back() -> None:
    """ "conventional arm" (a spelling of "conventional arms") matches the start of
    "conventional armed conflicts" but cuts a word: the scan looks again one character on."""
    concepts = (
        concept("conventional-arms", "conventional arms", "常规武器"),
        concept("armed-conflict", "armed conflict", "武装冲突"),
    )
    index = index_of_texts(concepts, "d", ("Conventional armed conflicts have not spread.",))
    forms = [o.form for o in index.concept_occurrences(1)]
    assert forms == ["armed conflicts"]
    assert list(index.concept_occurrences(0)) == []
