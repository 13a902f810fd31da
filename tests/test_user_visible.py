"""What users see, option by option: exact amounts, the right places, the right exits.

Each test here fails on a small bug that an earlier suite let through (issue 16): a limit
off by one, a context of the wrong width, a filter that does not filter, a citation of only
the first hit, a note never printed, a fuzzy or near-miss query accepted as a concept.
"""

from __future__ import annotations

import json
import re
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner

from npt_gloss import paths
from npt_gloss.cli import cli

DOC = "ru-wp-shared-responsibility"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


@pytest.mark.parametrize("limit", [1, 2, 3, 4])
def test_lookup_limit_gives_exactly_that_many(limit: int) -> None:
    data = json.loads(run("lookup", "missile", "-n", str(limit), "--json").stdout)
    assert len(data["results"]) == limit


@pytest.mark.parametrize("width", [0, 3, 5, 12])
def test_find_context_is_exactly_that_wide(width: int) -> None:
    result = run("find", "战略稳定性", "--context", str(width))
    line = result.stdout.splitlines()[1]  # ¶14: the term stands well inside the paragraph
    inner = line.split(" ", 3)[-1]
    before, after = inner.split("战略稳定性", 1)
    assert len(before.lstrip("…")) == width and len(after.rstrip("…")) == width


@pytest.fixture
def two_documents(tmp_path: Path) -> Path:
    folder = tmp_path / "text"
    folder.mkdir()
    shutil.copy(paths.shipped("text") / f"{DOC}.txt", folder / f"{DOC}.txt")
    other = (paths.shipped("text") / f"{DOC}.txt").read_text(encoding="utf-8")
    other = other.replace(f'id = "{DOC}"', 'id = "other"')
    (folder / "other.txt").write_text(other, encoding="utf-8")
    return folder


def test_find_doc_keeps_to_that_document(two_documents: Path) -> None:
    both = json.loads(run("--text", str(two_documents), "find", "NNWS", "--json").stdout)
    assert {h["doc"] for h in both["hits"]} == {DOC, "other"}
    one = run("--text", str(two_documents), "find", "NNWS", "--json", "--doc", "other")
    hits = json.loads(one.stdout)["hits"]
    assert {h["doc"] for h in hits} == {"other"}
    assert [h["paragraph"] for h in hits] == [10, 16, 18, 19, 20]


def test_find_cite_cites_every_hit_paragraph() -> None:
    result = run("find", "NNWS", "--cite", "un")
    assert result.stdout.rstrip().endswith("paras. 10, 16 and 18–20.")


def test_cite_quote_gives_each_paragraph_its_own_text() -> None:
    shown = json.loads(run("show", "3", "5", "--json").stdout)["paragraphs"]
    result = run("cite", "3", "5", "--quote")
    assert result.stdout.startswith(f"3. {shown[0]['text']}\n\n5. {shown[1]['text']}\n\n")


def test_the_missing_symbol_note_is_printed() -> None:
    result = run("cite", "12")
    assert result.exit_code == 0
    assert "the UN document symbol of 'ru-wp-shared-responsibility' is unknown" in result.stderr


def test_coverage_candidates_are_no_glossary_terms_and_counts_are_mentions() -> None:
    data = json.loads(run("glossary", "coverage", "--json", "--candidates", "50").stdout)
    exported = run("glossary", "export", "--format", "tsv", "--from", "zh").stdout
    chinese_forms = {line.split("\t")[0] for line in exported.splitlines()}
    assert data["candidates"] and not {c["text"] for c in data["candidates"]} & chinese_forms
    npt = next(row for row in data["concepts"] if row["id"] == "nuclear-disarmament")
    find = json.loads(run("find", "核裁军", "--json").stdout)
    assert npt["count"] == sum(len(h["spans"]) for h in find["hits"])  # mentions
    assert npt["count"] > len(npt["paragraphs"])  # not paragraphs


def test_stats_count_only_the_concepts_that_occur() -> None:
    data = json.loads(run("glossary", "stats", "--json").stdout)
    coverage = json.loads(run("glossary", "coverage", "--json", "--candidates", "0").stdout)
    assert data["in_documents"] == len(coverage["concepts"]) < data["concepts"]
    termlist = run("glossary", "export", "--doc", "ru-wp-shared-responsibility").stdout
    assert len(termlist.splitlines()) - 1 == data["in_documents"] == 70  # less the header


def test_check_exits_2_on_a_warning(tmp_path: Path) -> None:
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[[term]]\nid = "a"\nen = "alpha"\nzh = "甲"\nsee = ["nowhere"]\n', encoding="utf-8"
    )
    result = run("--glossary", str(glossary), "glossary", "check")
    assert result.exit_code == 2
    assert "'see' names unknown id 'nowhere'" in result.stdout


@pytest.mark.parametrize("query", ["nuke states", "nuclear stats of the world"])
def test_a_loose_english_query_is_no_concept(query: str) -> None:
    result = run("find", query, "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["concepts"] == []


def test_a_chinese_near_miss_is_searched_literally_not_as_the_concept() -> None:
    result = run("find", "有核武器国家", "--json")
    data = json.loads(result.stdout)
    assert data["concepts"] == [] and data["literal"] is True and data["hits"] == []


def test_literal_spans_never_overlap(tmp_path: Path) -> None:
    folder = tmp_path / "text"
    folder.mkdir()
    text = (paths.shipped("text") / f"{DOC}.txt").read_text(encoding="utf-8")
    text = re.sub(r"\n1\. ", "\n1. 核核核核核。", text, count=1)
    (folder / f"{DOC}.txt").write_text(text, encoding="utf-8")
    data = json.loads(run("--text", str(folder), "find", "--exact", "核核", "--json").stdout)
    spans = [(s["start"], s["end"]) for s in data["hits"][0]["spans"]]
    assert spans[:2] == [(0, 2), (2, 4)]  # 核核|核核|核: two, side by side
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))
