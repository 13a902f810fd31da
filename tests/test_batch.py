"""Batch lookup: parsing the list, and `lookup --batch` as the user sees it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from npt_gloss.batch import MAX_LINE, Query, Skipped, parse_queries
from npt_gloss.cli import cli


@pytest.mark.parametrize(
    ("text", "queries", "skipped"),
    [
        ("NPT\n\n# a comment\n 战略稳定性 \n", [Query(1, "NPT"), Query(4, "战略稳定性")], []),
        ("a\x00b\nNPT", [Query(2, "NPT")], [Skipped(1, "holds a control character")]),
        (
            "x" * (MAX_LINE + 1) + "\nCTBT",
            [Query(2, "CTBT")],
            [Skipped(1, f"longer than {MAX_LINE:,} characters")],
        ),
        ("", [], []),
    ],
)
def test_parse_queries(text: str, queries: list, skipped: list) -> None:
    assert parse_queries(text) == (queries, skipped)


def run(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_tsv_rows_in_a_pipe(tmp_path) -> None:
    terms = tmp_path / "terms.txt"
    terms.write_text("strategic stabilty\n# skip me\n\nNPT\nnuke states\n", encoding="utf-8")
    result = run("lookup", "--batch", str(terms))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "query\tid\ten\tzh\tmatch\tscore",
        "strategic stabilty\tstrategic-stability\tstrategic stability\t战略稳定性\tfuzzy\t91.5",
        "NPT\tnpt\tTreaty on the Non-Proliferation of Nuclear Weapons\t不扩散核武器条约"
        "\tabbreviation\t97",
        "nuke states\t\t\t\t\t",
    ]
    assert "1 of 3 queries found nothing (lines 5)" in result.stderr


def test_limit_is_per_query_and_exact() -> None:
    result = run("lookup", "--batch", "-", "-n", "3", stdin="missile\nCTBT\n")
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert [row[0] for row in rows].count("missile") == 3  # 15 concepts have the word
    ctbt = [row for row in rows if row[0] == "CTBT"]
    assert 1 <= len(ctbt) <= 3 and ctbt[0][1] == "ctbt"
    assert result.exit_code == 0


def test_json_lines_one_object_per_query() -> None:
    result = run("lookup", "--batch", "-", "--json", stdin="NPT\n战略稳定性\nzzzz qqqq\n")
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [o["query"] for o in objects] == ["NPT", "战略稳定性", "zzzz qqqq"]
    assert [len(o["results"]) for o in objects] == [1, 1, 0]
    assert objects[0]["results"][0]["id"] == "npt"
    assert result.exit_code == 1


def test_every_query_found_is_exit_0() -> None:
    result = run("lookup", "--batch", "-", stdin="NPT\nCTBT\n")
    assert result.exit_code == 0 and result.stderr == ""


def test_an_overlong_line_is_skipped_by_name_and_the_rest_answered() -> None:
    result = run("lookup", "--batch", "-", stdin="NPT\n" + "x" * 5000 + "\nCTBT\n")
    assert "npt-gloss: warning: <stdin>:2: skipped: longer than 1,000 characters" in result.stderr
    assert [line.split("\t")[0] for line in result.stdout.splitlines()[1:]] == ["NPT", "CTBT"]
    assert result.exit_code == 0


def test_a_control_character_is_an_error_naming_the_line() -> None:
    result = run("lookup", "--batch", "-", stdin="NPT\nbad\x00line\nCTBT\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("npt-gloss: error: <stdin>:2:4: ")
    assert result.stdout == ""


def test_a_list_in_another_encoding_is_refused_naming_the_line(tmp_path) -> None:
    terms = tmp_path / "gbk.txt"
    terms.write_bytes("NPT\n战略稳定性\n".encode("gb18030"))
    result = run("lookup", "--batch", str(terms))
    assert result.exit_code == 2
    assert f"{terms}:2:" in result.stderr and "GBK/GB18030" in result.stderr


def test_terms_and_batch_together_are_a_usage_error() -> None:
    result = run("lookup", "NPT", "--batch", "-", stdin="CTBT\n")
    assert result.exit_code == 2
    assert "either terms or --batch FILE" in result.stderr


def test_an_empty_query_is_still_refused_without_batch() -> None:
    assert run("lookup").exit_code == 2


def test_a_closed_pipe_mid_batch_is_quiet(tmp_path) -> None:
    terms = tmp_path / "many.txt"
    terms.write_text("NPT\n" * 2000, encoding="utf-8")
    command = f"{sys.executable} -m npt_gloss lookup --batch {terms} | head -n 2"
    done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[0] == "query\tid\ten\tzh\tmatch\tscore"
    assert "Traceback" not in done.stderr and "Error" not in done.stderr
