"""Glossary export: CSV (every field) and OmegaT TSV, and a document's termlist."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner
from conftest import MINI_CONCEPTS

from npt_gloss.cli import cli
from npt_gloss.formats.tabular import CSV_FIELDS, to_csv, to_omegat


def test_csv_has_every_field_and_joins_lists() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(MINI_CONCEPTS))))
    assert len(rows) == len(MINI_CONCEPTS)
    assert tuple(rows[0]) == CSV_FIELDS
    nws = rows[0]
    assert (nws["id"], nws["en"], nws["zh"]) == ("nws", "nuclear-weapon States", "核武器国家")
    assert nws["zh_variants"] == "核国家; 拥有核武器的国家"
    assert nws["abbr"] == "NWS"


def test_omegat_rows_from_either_language() -> None:
    english = to_omegat(MINI_CONCEPTS[:1], "en").splitlines()
    assert english[0].split("\t")[:2] == ["nuclear-weapon States", "核武器国家"]
    assert english[1:] == [
        "nuclear States\t核武器国家\tvariant of nuclear-weapon States",
        "NWS\t核武器国家\tvariant of nuclear-weapon States",
    ]
    chinese = to_omegat(MINI_CONCEPTS[:1], "zh").splitlines()
    assert [line.split("\t")[0] for line in chinese] == ["核武器国家", "核国家", "拥有核武器的国家"]
    assert all(line.split("\t")[1] == "nuclear-weapon States" for line in chinese)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_export_all_concepts() -> None:
    from npt_gloss import paths
    from npt_gloss.glossary import load_glossary

    result = run("glossary", "export")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(load_glossary(paths.shipped("glossary.toml")))


def test_termlist_of_the_shipped_paper(tmp_path) -> None:
    target = tmp_path / "termlist.csv"
    result = run("glossary", "export", "--doc", "ru-wp-shared-responsibility", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(target.read_text("utf-8")))}
    assert rows["strategic-stability"]["paragraphs"] == "14, 15, 17, 20, 21"
    assert rows["nuclear-test"]["paragraphs"] == "17"  # inside the CTBT's title
    assert "decision" not in rows  # only through an everyday word (决定, ¶22)
    assert "ctbto" not in rows  # never mentioned
    assert len(rows) == 70


def test_unknown_document_is_a_usage_error() -> None:
    result = run("glossary", "export", "--doc", "nope")
    assert result.exit_code == 2 and "unknown document 'nope'" in result.stderr
