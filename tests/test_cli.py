"""The commands through click's CliRunner: output modes, exit codes, error messages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from npt_gloss.cli import cli

SEED_DIR = Path(__file__).resolve().parent.parent / "text" / "sources"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def as_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- show


def test_show_json_has_23_paragraphs_and_five_items() -> None:
    data = as_json("show")
    numbers = [p["number"] for p in data["paragraphs"]]
    assert numbers == list(range(1, 24))
    assert len(data["paragraphs"][16]["items"]) == 5
    assert data["document"]["symbol"] == ""
    assert data["document"]["title"]["zh"] == "核裁军：分担责任的领域"


def test_show_json_texts_equal_the_seed_body() -> None:
    seed = SEED_DIR / "paper.zh.raw.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    body = "".join("".join(line.split()) for line in lines[5:])  # 3 header lines + blanks
    texts = "".join("".join(p["text"].split()) for p in as_json("show")["paragraphs"])
    assert texts == body


def test_show_plain_refs_and_ranges() -> None:
    result = run("show", "3-5", "9")
    assert result.exit_code == 0
    numbers = re.findall(r"^ ?(\d+)\. ", result.stdout, re.MULTILINE)
    assert numbers == ["3", "4", "5", "9"]
    assert "核裁军：分担责任的领域" in result.stdout.splitlines()[0]


def test_show_items_are_indented() -> None:
    lines = run("show", "17").stdout.splitlines()
    items = [line for line in lines if line.lstrip().startswith("–")]
    assert len(items) == 5 and all(line.startswith("    – ") for line in items)


def test_show_unknown_paragraph_names_the_range() -> None:
    result = run("show", "24")
    assert result.exit_code == 2
    assert "1–23" in result.stderr or "1-23" in result.stderr
    assert "Traceback" not in result.output


def test_show_gloss_marks_english() -> None:
    out = run("show", "14", "--gloss").stdout
    assert "战略稳定性[strategic stability]" in out


def test_show_unknown_doc() -> None:
    result = run("show", "--doc", "nope")
    assert result.exit_code == 2 and "unknown document 'nope'" in result.stderr


# ---------------------------------------------------------------- lookup


def test_lookup_json_contract() -> None:
    data = as_json("lookup", "strategic stabilty")
    top = data["results"][0]
    assert data["query"] == "strategic stabilty"
    assert top["zh"] == "战略稳定性" and top["match"] == "fuzzy"
    assert set(top) >= {
        "id",
        "score",
        "match",
        "matched_form",
        "en",
        "zh",
        "pinyin",
        "en_variants",
        "zh_variants",
        "abbr",
        "definition",
        "note",
        "domain",
        "source",
        "paragraphs",
    }
    assert top["paragraphs"] == {"ru-wp-shared-responsibility": [14, 15, 17, 20, 21]}


def test_lookup_plain_shows_both_terms_and_paragraphs() -> None:
    out = run("lookup", "导弹防御", "-n", "1").stdout
    assert "missile defence" in out and "导弹防御" in out and "para. 15" in out


def test_lookup_nothing_found_exits_1_with_suggestions() -> None:
    result = run("lookup", "stratgic xq")
    assert result.exit_code == 1
    assert "nothing found" in result.stderr and "did you mean" in result.stderr


def test_lookup_empty_query() -> None:
    result = run("lookup", "   ")
    assert result.exit_code == 2 and "empty query" in result.stderr


def test_lookup_limit() -> None:
    assert len(as_json("lookup", "nuclear", "--limit", "3")["results"]) <= 3


# ---------------------------------------------------------------- find


def test_find_json_spans_index_show_text() -> None:
    found = as_json("find", "核国家")
    shown = {p["number"]: p["text"] for p in as_json("show")["paragraphs"]}
    assert found["concepts"] == ["nuclear-weapon-states"]
    assert {h["paragraph"] for h in found["hits"]} >= {4, 9, 10, 12, 13, 14, 18}
    for hit in found["hits"]:
        for span in hit["spans"]:
            assert shown[hit["paragraph"]][span["start"] : span["end"]] == span["form"]


def test_find_plain_kwic_and_summary() -> None:
    out = run("find", "missile defence", "--context", "5").stdout
    assert "导弹防御" in out and "¶15" in out
    assert "paragraph(s)" in out.splitlines()[-1]


def test_find_full_and_exact() -> None:
    full = run("find", "导弹防御", "--full").stdout
    assert "此外，最后必须承认" in full
    exact = as_json("find", "核国家", "--exact")
    assert {s["form"] for h in exact["hits"] for s in h["spans"]} == {"核国家"}


def test_find_all_of() -> None:
    data = as_json("find", "--all-of", "strategic stability", "--all-of", "missile defence")
    assert [h["paragraph"] for h in data["hits"]] == [15]


def test_find_nothing_exits_1() -> None:
    result = run("find", "qqqqzzzz")
    assert result.exit_code == 1 and "nothing found" in result.stderr


# ---------------------------------------------------------------- glossary


def test_glossary_check_clean_and_stats() -> None:
    assert run("glossary", "check").exit_code == 0
    stats = as_json("glossary", "stats")
    assert stats["concepts"] >= 400 and sum(stats["domains"].values()) == stats["concepts"]


def test_glossary_coverage_lists_concepts_and_candidates() -> None:
    data = as_json("glossary", "coverage")
    ids = {row["id"] for row in data["concepts"]}
    assert {"strategic-stability", "nuclear-weapon-states"} <= ids
    assert all(row["count"] >= 2 for row in data["candidates"])


def test_glossary_check_reports_a_broken_file(tmp_path: Path) -> None:
    bad = tmp_path / "g.toml"
    bad.write_text('[[term]]\nid = "x"\nen = "a"\n', encoding="utf-8")
    result = run("--glossary", str(bad), "glossary", "check")
    assert result.exit_code == 2 and f"{bad}:1" in result.output


# ---------------------------------------------------------------- global


@pytest.mark.parametrize("command", ["show", "lookup", "find", "cite", "ingest", "glossary"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "-h")
    assert result.exit_code == 0 and "Example" in result.stdout


def test_version() -> None:
    assert run("--version").stdout.startswith("npt-gloss, version")


def test_missing_glossary_file(tmp_path: Path) -> None:
    result = run("--glossary", str(tmp_path / "none.toml"), "lookup", "x")
    assert result.exit_code == 2 and "none.toml" in result.stderr and "not found" in result.stderr


def test_glossary_is_a_directory(tmp_path: Path) -> None:
    result = run("--glossary", str(tmp_path), "lookup", "x")
    assert result.exit_code == 2 and "directory" in result.stderr


def test_env_variables_choose_the_data(tmp_path: Path) -> None:
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[[term]]\nid = "x"\nen = "zebra crossing"\nzh = "斑马线"\n', encoding="utf-8"
    )
    result = run("lookup", "zebra crossing", "--json", env={"NPT_GLOSS_GLOSSARY": str(glossary)})
    assert json.loads(result.stdout)["results"][0]["zh"] == "斑马线"


# ---------------------------------------------------------------- mentions inside longer terms


def test_find_marks_a_mention_inside_a_longer_term() -> None:
    result = run("find", "nuclear test")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("searched: nuclear-test")
    assert len(lines) == 3 and lines[1].startswith("  ¶17 ")
    assert lines[1].endswith("(within: CTBT)")
    assert lines[2] == "1 mention(s) in 1 paragraph(s)"
    spans = as_json("find", "nuclear test")["hits"][0]["spans"]
    assert [(s["form"], s["within"]) for s in spans] == [("核试验", "ctbt")]


def test_find_direct_leaves_nested_mentions_out() -> None:
    result = run("find", "nuclear test", "--direct")
    assert result.exit_code == 1
    assert "no paragraph mentions nuclear-test" in result.stderr


def test_direct_mentions_carry_no_within() -> None:
    spans = [s for h in as_json("find", "strategic stability")["hits"] for s in h["spans"]]
    assert spans and all("within" not in s for s in spans)


# ---------------------------------------------------------------- words, limits, articles


def test_lookup_limit_is_exact_and_counts_the_rest() -> None:
    result = run("lookup", "missile", "-n", "3")
    assert result.exit_code == 0
    heads = [line for line in result.stdout.splitlines() if "[partial " in line]
    assert len(heads) == 3
    assert re.search(r"… and \d+ more \(raise --limit to see them\)$", result.stdout.strip())
    data = as_json("lookup", "missile", "-n", "3")
    assert len(data["results"]) == 3 and data["more"] >= 1


def test_find_by_words_says_how_many_concepts_it_searched() -> None:
    result = run("find", "missile")
    assert result.exit_code == 0
    assert re.match(r"searched: \d+ concept\(s\) containing 'missile'", result.stdout)
    assert "¶15" in result.stdout


def test_lookup_article_numbers() -> None:
    for query in ("article 4", "art. IV", "第4条"):
        data = as_json("lookup", query, "-n", "1")
        assert data["results"][0]["id"] == "npt-article-iv", query


def test_a_near_miss_is_a_suggestion_not_an_answer() -> None:
    result = run("lookup", "United Stats")
    assert "United Nations" not in result.stdout.split("\n")[0]
