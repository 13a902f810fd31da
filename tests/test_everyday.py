"""Forms that are also everyday words (决定 "decide", 保留 "keep"): possible mentions only,
unless asked; never mentions inside a longer term; proposals from glossary check --info."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import index_of_texts

from npt_gloss.cli import cli
from npt_gloss.find import find
from npt_gloss.index import Index

WORDS_AND_TERMS = (
    "我们保留意见，并将加入讨论。",  # 1: 保留 "keep", 加入 "join": words
    "该国交存了批准书和加入书。",  # 2: the terms instrument of ratification / accession
    "政府批准了预算。",  # 3: 批准 "approve": a word
    "审议大会通过了决定。",  # 4: Review Conference; 决定 alone
)


@pytest.fixture(scope="module")
def words_index(shipped_concepts: tuple) -> Index:
    return index_of_texts(shipped_concepts, "words", WORDS_AND_TERMS)


@pytest.mark.parametrize(
    ("query", "possible"),
    [("reservation", [1]), ("accession", [1]), ("ratification", [3]), ("decision", [4])],
)
def test_everyday_forms_are_only_possible_mentions(
    words_index: Index, query: str, possible: list[int]
) -> None:
    result = find(words_index, [query])
    assert result.hits == ()
    assert [h.paragraph for h in result.possible] == possible
    counted = find(words_index, [query], everyday=True)
    assert [h.paragraph for h in counted.hits] == possible
    assert counted.possible == ()


@pytest.mark.parametrize(
    ("query", "paragraphs"),
    [
        ("instrument of ratification", [2]),
        ("instrument of accession", [2]),
        ("Review Conference", [4]),
    ],
)
def test_longer_terms_holding_everyday_words_still_count(
    words_index: Index, query: str, paragraphs: list[int]
) -> None:
    assert [h.paragraph for h in find(words_index, [query]).hits] == paragraphs


def test_an_everyday_form_inside_a_longer_term_is_no_mention(words_index: Index) -> None:
    # 批准 in 批准书 and 大会 in 审议大会: not even possible mentions
    for query, paragraph in (("ratification", 2), ("General Assembly", 4)):
        result = find(words_index, [query], everyday=True)
        assert paragraph not in {h.paragraph for h in (*result.hits, *result.possible)}


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_find_decision_on_the_shipped_paper() -> None:
    result = run("find", "decision")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[-2] == "0 mention(s) in 0 paragraph(s)"
    assert lines[-1].startswith("possible: ¶22  (决定: also an everyday word")
    data = json.loads(run("find", "decision", "--json").stdout)
    assert data["hits"] == []
    assert data["possible"] == [
        {
            "doc": "ru-wp-shared-responsibility",
            "lang": "zh",
            "paragraph": 22,
            "spans": [{"start": 63, "end": 65, "form": "决定", "concept": "decision"}],
        }
    ]
    counted = json.loads(run("find", "decision", "--json", "--include-everyday").stdout)
    assert [h["paragraph"] for h in counted["hits"]] == [22] and counted["possible"] == []


def test_show_gloss_marks_an_everyday_form_as_uncertain() -> None:
    text = run("show", "22", "--gloss").stdout
    assert "决定[decision?]" in text
    assert "核裁军[nuclear disarmament]" in text


def test_check_info_proposes_everyday_candidates(tmp_path) -> None:
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[[term]]\nid = "reservation"\nen = "reservation"\nzh = "保留"\n\n'
        '[[term]]\nid = "nuclear-weapons"\nen = "nuclear weapons"\nzh = "核武器"\n\n'
        '[[term]]\nid = "decision"\nen = "decision"\nzh = "决定"\n'
        'everyday = ["决定", "decision"]\n',
        encoding="utf-8",
    )
    result = run("--glossary", str(glossary), "glossary", "check", "--info", "--json")
    proposals = [
        (p["concept"], p["message"].split("'")[1])
        for p in json.loads(result.stdout)["problems"]
        if "everyday" in p["message"]
    ]
    assert proposals == [("reservation", "reservation"), ("reservation", "保留")]


def test_an_everyday_form_must_be_a_form_of_its_concept(tmp_path) -> None:
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[[term]]\nid = "decision"\nen = "decision"\nzh = "决定"\neveryday = ["决议"]\n',
        encoding="utf-8",
    )
    result = run("--glossary", str(glossary), "glossary", "check")
    assert result.exit_code == 2
    assert "everyday form '决议' is not a form of this concept" in result.stdout
