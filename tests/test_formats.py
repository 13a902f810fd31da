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


# ---------------------------------------------------------------- TBX, import, merge

import dataclasses  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

import pytest  # noqa: E402

from npt_gloss.formats.tabular import from_csv  # noqa: E402
from npt_gloss.formats.tbx import TBX_NS, from_tbx, to_tbx  # noqa: E402
from npt_gloss.formats.toml_out import to_toml  # noqa: E402
from npt_gloss.glossary import parse_glossary  # noqa: E402

_UNORDERED = ("abbr", "everyday")


def _same(one: object, other: object) -> bool:
    a, b = dataclasses.asdict(one), dataclasses.asdict(other)  # type: ignore[call-overload]
    for record in (a, b):
        record.pop("line")
        for name in _UNORDERED:  # split by language in TBX: the order may change, not the set
            record[name] = sorted(record[name])
    return a == b


@pytest.mark.parametrize("dialect", ["tbx", "tbx2"])
def test_tbx_round_trip_loses_no_field(shipped_concepts: tuple, dialect: str) -> None:
    back = from_tbx(to_tbx(shipped_concepts, dialect), "g.tbx")
    assert len(back) == len(shipped_concepts)
    assert all(_same(a, b) for a, b in zip(shipped_concepts, back, strict=True))


def test_csv_and_toml_round_trips_lose_no_field(shipped_concepts: tuple) -> None:
    assert all(
        _same(a, b)
        for a, b in zip(shipped_concepts, from_csv(to_csv(shipped_concepts), "g.csv"), strict=True)
    )
    again = parse_glossary(to_toml(shipped_concepts, "a header"), "g.toml")
    assert all(_same(a, b) for a, b in zip(shipped_concepts, again, strict=True))


def test_tbx_basic_structure() -> None:
    root = ET.fromstring(to_tbx(MINI_CONCEPTS, "tbx"))
    ns = {"t": TBX_NS}
    assert root.tag == f"{{{TBX_NS}}}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    entries = root.findall(".//t:conceptEntry", ns)
    assert [e.get("id") for e in entries] == [c.id for c in MINI_CONCEPTS]
    nws = entries[0]
    zh = nws.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='zh']", ns)
    statuses = [
        (s.findtext("t:term", namespaces=ns), s.findtext("t:termNote", namespaces=ns))
        for s in zh.findall("t:termSec", ns)
    ]
    assert statuses == [
        ("核武器国家", "preferredTerm-admn-sts"),
        ("核国家", "admittedTerm-admn-sts"),
        ("拥有核武器的国家", "admittedTerm-admn-sts"),
    ]
    en = nws.find("t:langSec[@{http://www.w3.org/XML/1998/namespace}lang='en']", ns)
    abbr = [s for s in en.findall("t:termSec", ns) if s.findtext("t:term", namespaces=ns) == "NWS"]
    assert [n.text for n in abbr[0].findall("t:termNote", ns)] == [
        "abbreviation",
        "admittedTerm-admn-sts",
    ]
    wmd = root.find(".//t:conceptEntry[@id='wmd']", ns)
    deprecated = [
        s.findtext("t:term", namespaces=ns)
        for s in wmd.iter(f"{{{TBX_NS}}}termSec")
        if "deprecatedTerm-admn-sts" in [n.text for n in s]
    ]
    assert deprecated == ["大规模杀伤性武器"]


def test_martif_uses_the_older_element_names() -> None:
    root = ET.fromstring(to_tbx(MINI_CONCEPTS[:1], "tbx2"))
    assert root.tag == "martif" and root.find(".//termEntry/langSet/tig/term") is not None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tbx", '<tbx><text><body><conceptEntry id="x"', "bad.tbx:1: not well-formed XML"),
        ("bad.csv", "id,en\nx,y\n", "bad.csv:1: the header row lacks the column(s) zh"),
        ("bad.csv", "id,en,zh\nBad Id,y,的\n", "bad.csv:2: id 'Bad Id' is not lower-case ASCII"),
        ("bad.csv", "id,en,zh\n", "bad.csv:1: a header row but no rows of terms"),
        ("bad.csv", "", "bad.csv:1: the header row lacks the column(s) en, id, zh"),
        ("bad.csv", "id,en,zh\nx,y,的\nz,w,\n", "bad.csv:3: a row lacks id, en or zh"),
        (
            "bad.tsv",
            "id\ten\tzh\nx\ty\t的\nx\tw\t是\n",
            "bad.tsv:3: id 'x' is given twice (first at line 2)",
        ),
        ("bad.xml", "<html></html>", "not a TBX document (root element <html>)"),
        ("bad.json", "{}", "unknown termbase format"),
    ],
)
def test_import_refuses_bad_files_naming_them(
    tmp_path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("glossary", "import", str(path))
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_export_import_export_through_the_cli(tmp_path) -> None:
    for fmt in ("tbx", "tbx2", "csv"):
        first = tmp_path / f"first.{fmt}"
        assert run("glossary", "export", "--format", fmt, "-o", str(first)).exit_code == 0
        toml = tmp_path / f"{fmt}.toml"
        assert run("glossary", "import", str(first), "-o", str(toml)).exit_code == 0
        second = tmp_path / f"second.{fmt}"
        again = run(
            "--glossary", str(toml), "glossary", "export", "--format", fmt, "-o", str(second)
        )
        assert again.exit_code == 0
        assert second.read_bytes() == first.read_bytes(), fmt
