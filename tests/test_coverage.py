"""Coverage candidates: segmenter words and noun phrases of the text no glossary form covers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_CONCEPTS

from npt_gloss.cli import cli
from npt_gloss.coverage import candidate_terms, missing_terms
from npt_gloss.index import build_index
from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph


@pytest.mark.parametrize(
    ("run", "expected", "never"),
    [
        ("地缘政治现实", {"地缘政治现实"}, {"缘政", "治现"}),
        (
            "俄罗斯和美利坚合众国",
            {"美利坚合众国", "俄罗斯"},
            {"斯和美利坚合众国", "俄罗斯和美利坚合"},
        ),
        ("的情况", set(), {"情况", "的情况"}),
    ],
)
def test_candidate_terms_are_words_and_noun_phrases(
    run: str, expected: set[str], never: set[str]
) -> None:
    found = set(candidate_terms(run))
    assert expected <= found
    assert not found & never


def test_missing_terms_counts_uncovered_candidates() -> None:
    document = Document(
        DocumentMeta(id="cov", title=Bilingual(zh="测试", en="Test")),
        (
            Paragraph(1, "地缘政治现实决定了战略稳定性。"),
            Paragraph(2, "地缘政治现实和战略稳定性，地缘政治现实。"),
        ),
        "cov.txt",
    )
    index = build_index(MINI_CONCEPTS, (document,))
    rows = missing_terms(index, None, 10)
    assert rows[0] == {"text": "地缘政治现实", "count": 3}
    assert all("战略稳定" not in row["text"] for row in rows)  # covered by the glossary
    assert missing_terms(index, None, 0) == []
    assert len(missing_terms(index, None, 1)) == 1


# ---------------------------------------------------------------- "occurs in a document"

# One definition for glossary stats, glossary coverage and glossary export --doc (and lookup's
# paragraphs): a mention as find counts it by default, direct or inside a longer term, in any
# language version of the document; a hit on a form that is also an everyday word (决定) is
# only a possible mention and does not count.
SMALL_GLOSSARY = """
[[term]]
id = "nws"
en = "nuclear-weapon States"
zh = "核武器国家"

[[term]]
id = "ctbt"
en = "Comprehensive Nuclear-Test-Ban Treaty"
zh = "全面禁止核试验条约"

[[term]]
id = "nuclear-test"
en = "nuclear test"
zh = "核试验"

[[term]]
id = "decision"
en = "decision"
zh = "决定"
everyday = ["决定"]

[[term]]
id = "verification"
en = "verification"
zh = "核查"

[[term]]
id = "zebra"
en = "zebra crossing"
zh = "斑马线"
"""
FRONT = '+++\nid = "demo"\nlang = "{lang}"\ntitle.zh = "示例"\ntitle.en = "Example"\n+++\n\n'
SMALL_ZH = (
    "1. 核武器国家应当履行义务。\n\n"
    "2. 各国应签署《全面禁止核试验条约》。\n\n"
    "3. 大会决定继续审议。\n"
)
SMALL_EN = (
    "1. The nuclear-weapon States should fulfil their obligations.\n\n"
    "2. All States should sign the treaty.\n\n"
    "3. The Conference decided to continue its verification work.\n"
)
# (id, mentions, paragraphs): nws in both languages of ¶1, ctbt and (inside it) nuclear-test
# in ¶2, verification only in the English ¶3; decision (决定, ¶3) only possibly; zebra nowhere.
OCCURRING = [
    ("nws", 2, [1]),
    ("ctbt", 1, [2]),
    ("nuclear-test", 1, [2]),
    ("verification", 1, [3]),
]


@pytest.fixture
def small_corpus(tmp_path: Path) -> list[str]:
    (tmp_path / "glossary.toml").write_text(SMALL_GLOSSARY, encoding="utf-8")
    text = tmp_path / "text"
    text.mkdir()
    (text / "demo.txt").write_text(FRONT.format(lang="zh") + SMALL_ZH, encoding="utf-8")
    (text / "demo.en.txt").write_text(FRONT.format(lang="en") + SMALL_EN, encoding="utf-8")
    return ["--glossary", str(tmp_path / "glossary.toml"), "--text", str(text)]


def _invoke(options: list[str], *args: str) -> str:
    result = CliRunner().invoke(cli, [*options, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("doc", [[], ["--doc", "demo"]])
def test_coverage_counts_the_mentions_find_counts(small_corpus: list[str], doc: list[str]) -> None:
    report = json.loads(_invoke(small_corpus, "glossary", "coverage", "--json", *doc))
    rows = [(r["id"], r["count"], r["paragraphs"]) for r in report["concepts"]]
    assert rows == OCCURRING
    text = _invoke(small_corpus, "glossary", "coverage", *doc).splitlines()
    assert text[0] == "4 concepts occur"


def test_stats_and_export_count_the_same_concepts(small_corpus: list[str]) -> None:
    stats = json.loads(_invoke(small_corpus, "glossary", "stats", "--json"))
    assert (stats["concepts"], stats["in_documents"], stats["documents"]) == (6, 4, 1)
    assert _invoke(small_corpus, "glossary", "stats").splitlines()[0] == (
        "6 concepts, 12 forms; 4 occur in 1 document(s)"  # forms: en and zh of each
    )
    exported = _invoke(small_corpus, "glossary", "export", "--doc", "demo")
    rows = [(r["id"], r["paragraphs"]) for r in csv.DictReader(io.StringIO(exported))]
    assert rows == [("nws", "1"), ("ctbt", "2"), ("nuclear-test", "2"), ("verification", "3")]


def test_an_everyday_form_is_a_possible_mention_only(small_corpus: list[str]) -> None:
    result = CliRunner().invoke(cli, [*small_corpus, "find", "决定", "--json"])
    assert result.exit_code == 1  # nothing counted: find says so
    found = json.loads(result.stdout)
    assert found["hits"] == [] and [h["paragraph"] for h in found["possible"]] == [3]
