"""Merging an imported termbase: matches by id or by normalised preferred term, new forms
added, conflicts reported and never overwritten."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import concept, shipped_concept_count

from npt_gloss.cli import cli
from npt_gloss.formats.merge import Conflict, merge_concepts, report_lines
from npt_gloss.glossary import parse_glossary

MINE = [
    concept(
        "nws",
        "nuclear-weapon States",
        "核武器国家",
        zh_variants=["核国家"],
        abbr=["NWS"],
        see=["nnws"],
    ),
    concept("nnws", "non-nuclear-weapon States", "无核武器国家", abbr=["NNWS"]),
    concept(
        "wmd", "weapons of mass destruction", "大规模毁灭性武器", zh_deprecated=["大规模杀伤性武器"]
    ),
]


def test_same_id_gains_new_forms_and_empty_fields_only() -> None:
    theirs = [
        concept(
            "nws",
            "Nuclear Weapon States",  # the same term to the matcher: no conflict
            "核武器国家",
            en_variants=["nuclear powers", "nuclear-weapon State"],  # the second is not new
            zh_variants=["拥有核武器的国家", "核國家"],  # 核國家 is 核国家 in traditional script
            abbr=["NWS", "P5"],
            note="theirs",
            see=["nnws", "npt"],
        )
    ]
    merged = merge_concepts(MINE, theirs, key=lambda s: _key(s))
    nws = merged.concepts[0]
    assert (nws.en, nws.zh) == ("nuclear-weapon States", "核武器国家")
    assert nws.en_variants == ("nuclear powers",)
    assert nws.zh_variants == ("核国家", "拥有核武器的国家")
    assert nws.abbr == ("NWS", "P5") and nws.see == ("nnws", "npt") and nws.note == "theirs"
    assert (merged.added, merged.extended, merged.matched, merged.conflicts) == (
        (),
        ("nws",),
        (),
        (),
    )


def _key(text: str) -> str:
    from npt_gloss.normalize import term_key

    return term_key(text, {"國": "国"})


@pytest.mark.parametrize(
    ("theirs", "matched"),
    [
        (
            concept("x1", "Non-nuclear-weapon states", "非核国家"),
            ("x1", "nnws", "Non-nuclear-weapon states"),
        ),
        (
            concept("x2", "States without nuclear weapons", "无核武器国家"),
            ("x2", "nnws", "无核武器国家"),
        ),
    ],
)
def test_a_different_id_matches_by_either_preferred_term(theirs, matched) -> None:
    merged = merge_concepts(MINE, [theirs])
    assert [c.id for c in merged.concepts] == ["nws", "nnws", "wmd"]
    assert merged.matched == (matched,)
    assert merged.added == () and len(merged.conflicts) == 1  # the other term differs


def test_conflicts_are_reported_and_ours_kept() -> None:
    theirs = [
        concept(
            "nws",
            "nuclear powers",
            "有核国家",
        ),
        concept(
            "wmd",
            "weapons of mass destruction",
            "大规模毁灭性武器",
            zh_variants=["大规模杀伤性武器"],
            en_deprecated=["WMDs"],
        ),
        concept("wmd", "WMD", "大规模毁灭性武器", en_deprecated=["weapons of mass destruction"]),
        concept("gcd", "general and complete disarmament", "全面彻底裁军"),
    ]
    merged = merge_concepts(MINE, theirs)
    nws, _, wmd, gcd = merged.concepts
    assert (nws.en, nws.zh, nws.en_variants, nws.zh_variants) == (
        "nuclear-weapon States",
        "核武器国家",
        (),
        ("核国家",),
    )
    assert wmd.zh_variants == () and wmd.zh_deprecated == ("大规模杀伤性武器",)
    assert wmd.en_deprecated == ("WMDs",)  # a new form to avoid is added
    assert gcd.id == "gcd" and merged.added == ("gcd",)
    assert merged.conflicts == (
        Conflict("nws", "en", "preferred", "nuclear-weapon States", "nuclear powers"),
        Conflict("nws", "zh", "preferred", "核武器国家", "有核国家"),
        Conflict("wmd", "zh", "deprecated-here", "大规模杀伤性武器", "大规模杀伤性武器"),
        Conflict("wmd", "en", "preferred", "weapons of mass destruction", "WMD"),
        Conflict(
            "wmd",
            "en",
            "deprecated-there",
            "weapons of mass destruction",
            "weapons of mass destruction",
        ),
    )
    assert report_lines(merged, "colleague.csv") == [
        "merged colleague.csv: 1 new concept, 1 concept gained forms or fields, 5 conflicts",
        "conflict: nws: preferred English term: kept 'nuclear-weapon States', colleague.csv has "
        "'nuclear powers'",
        "conflict: nws: preferred Chinese term: kept '核武器国家', colleague.csv has '有核国家'",
        "conflict: wmd: colleague.csv admits the Chinese form '大规模杀伤性武器', which this "
        "glossary deprecates: not added",
        "conflict: wmd: preferred English term: kept 'weapons of mass destruction', colleague.csv "
        "has 'WMD'",
        "conflict: wmd: colleague.csv deprecates the English form 'weapons of mass destruction', "
        "which this glossary admits: not added",
    ]


def test_merge_through_the_cli_reports_exact_lines(tmp_path) -> None:
    theirs = tmp_path / "theirs.csv"
    theirs.write_text(
        "id,en,zh,en_variants\n"
        "nws-other,nuclear-weapon States,有核国家,nuclear powers\n"
        "brand-new-term,brand new term,全新术语,\n",
        encoding="utf-8",
    )
    out = tmp_path / "merged.toml"
    result = CliRunner().invoke(cli, ["glossary", "import", str(theirs), "--merge", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "npt-gloss: merged theirs.csv: 1 new concept, 1 concept gained forms or fields, 1 conflict",
        "npt-gloss: matched: theirs.csv 'nws-other' is 'nuclear-weapon-states' (same term "
        "'nuclear-weapon States')",
        "npt-gloss: conflict: nuclear-weapon-states: preferred Chinese term: kept '核武器国家', "
        "theirs.csv has '有核国家'",
    ]
    merged = {c.id: c for c in parse_glossary(out.read_text("utf-8"), out)}
    assert len(merged) == shipped_concept_count() + 1 and "nws-other" not in merged
    nws = merged["nuclear-weapon-states"]
    assert (nws.zh, nws.en_variants) == ("核武器国家", ("nuclear States", "nuclear powers"))
    assert "有核国家" not in nws.zh_variants
    assert list(merged)[-1] == "brand-new-term"


# ---------------------------------------------------------------- the loaded set of glossaries

# import --merge merges into every glossary loaded, laid over one another as lookup sees them:
# the --glossary files (or NPT_GLOSS_GLOSSARY's paths), then the user glossary.
BASE = '[[term]]\nid = "nws"\nen = "nuclear-weapon States"\nzh = "核武器国家"\n'
TEAM = (
    '[[term]]\nid = "verification-regime"\nen = "verification regime"\nzh = "核查制度"\n\n'
    '[[term]]\nid = "nws"\nen = "nuclear-weapon States"\nzh = "核武器国家"\n'
    'zh_variants = ["核国家"]\n'
)
MINE_TOML = '[[term]]\nid = "my-term"\nen = "realistic approach"\nzh = "现实的办法"\n'
THEIRS = (
    "id,en,zh,en_variants\n"
    "vr,verification regime,核查机制,\n"  # the team file's concept, by its English term
    "ra,realistic approach,现实办法,pragmatic approach\n"  # the user glossary's
    "new-one,brand new term,全新术语,\n"
)


@pytest.fixture
def layered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    files = {"base": tmp_path / "base.toml", "team": tmp_path / "team.toml"}
    files["base"].write_text(BASE, encoding="utf-8")
    files["team"].write_text(TEAM, encoding="utf-8")
    (tmp_path / "config").mkdir()
    files["mine"] = tmp_path / "config" / "glossary.toml"
    files["mine"].write_text(MINE_TOML, encoding="utf-8")
    monkeypatch.setenv("NPT_GLOSS_CONFIG", str(tmp_path / "config"))
    files["theirs"] = tmp_path / "theirs.csv"
    files["theirs"].write_text(THEIRS, encoding="utf-8")
    return files


def _import_merge(theirs: Path, out: Path, *options: str) -> Result:
    return CliRunner().invoke(
        cli, [*options, "glossary", "import", str(theirs), "--merge", "-o", str(out)]
    )


@pytest.mark.parametrize("given", ["options", "environment"])
def test_merge_matches_against_every_loaded_glossary(
    layered: dict[str, Path], monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    base, team, mine = layered["base"], layered["team"], layered["mine"]
    options = ["--glossary", str(base), "--glossary", str(team)]
    if given == "environment":
        monkeypatch.setenv("NPT_GLOSS_GLOSSARY", f"{base}{os.pathsep}{team}")
        options = []
    out = layered["base"].parent / "merged.toml"
    result = _import_merge(layered["theirs"], out, *options)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "npt-gloss: merged theirs.csv: 1 new concept, 1 concept gained forms or fields, "
        "2 conflicts",
        "npt-gloss: matched: theirs.csv 'vr' is 'verification-regime' (same term "
        "'verification regime')",
        "npt-gloss: matched: theirs.csv 'ra' is 'my-term' (same term 'realistic approach')",
        "npt-gloss: conflict: verification-regime: preferred Chinese term: kept '核查制度', "
        "theirs.csv has '核查机制'",
        "npt-gloss: conflict: my-term: preferred Chinese term: kept '现实的办法', "
        "theirs.csv has '现实办法'",
    ]
    text = out.read_text("utf-8")
    assert text.splitlines()[0] == (
        f"# npt-gloss glossary: {base}, {team}, {mine} with {layered['theirs']} merged in"
    )
    merged = {c.id: c for c in parse_glossary(text, out)}
    # Every loaded concept once (team's nws replaced base's, as lookup has it), theirs added.
    assert list(merged) == ["nws", "verification-regime", "my-term", "new-one"]
    assert merged["nws"].zh_variants == ("核国家",)
    assert merged["my-term"].en_variants == ("pragmatic approach",)


def test_merge_written_over_a_loaded_file_warns(layered: dict[str, Path]) -> None:
    team = layered["team"]
    result = _import_merge(layered["theirs"], team, "--glossary", str(team))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        f"npt-gloss: warning: {team} was one of the 2 glossary files loaded; it now holds the "
        "concepts of all of them"
    )
    ids = [c.id for c in parse_glossary(team.read_text("utf-8"), team)]
    assert ids == ["verification-regime", "nws", "my-term", "new-one"]


def test_merge_into_the_only_loaded_file_says_nothing_more(layered: dict[str, Path]) -> None:
    mine = layered["mine"]  # the user glossary given as --glossary is not read twice
    result = _import_merge(layered["theirs"], mine, "--glossary", str(mine))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    ids = [c.id for c in parse_glossary(mine.read_text("utf-8"), mine)]
    assert ids == ["my-term", "vr", "new-one"]
