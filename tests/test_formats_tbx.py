"""TBX: the export checked against the TBX-Basic rules, and imports of other tools' files
(unknown data categories kept in notes, locales, missing statuses, bad input)."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from npt_gloss.cli import cli
from npt_gloss.errors import DataError
from npt_gloss.formats.reading import Termbase
from npt_gloss.formats.tbx import TBX_NS, XML_LANG, read_tbx, to_tbx


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


# ---------------------------------------------------------------- the export, TBX-Basic

# What TBX-Basic (DCA style) permits, as its definition has it: for each element that names
# a data category in @type, the categories allowed and the levels each may sit at.
PERMITTED = {
    "admin": {
        "source": {"conceptEntry", "langSec", "termSec"},
        "customerSubset": {"conceptEntry", "termSec"},
        "projectSubset": {"conceptEntry", "termSec"},
    },
    "descrip": {
        "subjectField": {"conceptEntry"},
        "definition": {"conceptEntry", "langSec"},
        "context": {"termSec"},
    },
    "ref": {"crossReference": {"conceptEntry", "termSec"}},
    "termNote": {
        name: {"termSec"}
        for name in (
            "administrativeStatus",
            "partOfSpeech",
            "geographicalUsage",
            "grammaticalGender",
            "termLocation",
            "termType",
        )
    },
}
STATUSES = {
    "preferredTerm-admn-sts",
    "admittedTerm-admn-sts",
    "deprecatedTerm-admn-sts",
    "supersededTerm-admn-sts",
}
TERM_TYPES = {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"}


def tbx_basic_problems(text: str) -> list[str]:
    """Every way ``text`` breaks the TBX-Basic rules checked here (empty when none)."""
    root = ET.fromstring(text)
    problems = []
    local = {element: element.tag.removeprefix(f"{{{TBX_NS}}}") for element in root.iter()}
    if any(not element.tag.startswith(f"{{{TBX_NS}}}") for element in root.iter()):
        problems.append("an element outside the TBX namespace")
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dca"):
        problems.append("root is not TBX-Basic, dca style")
    parents = {child: parent for parent in root.iter() for child in parent}
    ids = [e.get("id") for e in root.iter() if local[e] == "conceptEntry"]
    if not all(ids) or len(set(ids)) != len(ids):
        problems.append("a conceptEntry without an id, or an id twice")
    for element in root.iter():
        level = local[parents[element]] if element in parents else ""
        problems.extend(_element_problems(element, local[element], level, set(ids)))
    return problems


def _element_problems(element: ET.Element, name: str, level: str, ids: set) -> list[str]:
    problems = []
    kind = element.get("type")
    if name in PERMITTED:
        allowed = PERMITTED[name].get(kind or "")
        if allowed is None:
            problems.append(f"<{name} type='{kind}'> is not a TBX-Basic category")
        elif level not in allowed:
            problems.append(f"<{name} type='{kind}'> inside <{level}>")
    if name == "termNote" and kind == "administrativeStatus" and element.text not in STATUSES:
        problems.append(f"status '{element.text}'")
    if name == "termNote" and kind == "termType" and element.text not in TERM_TYPES:
        problems.append(f"term type '{element.text}'")
    if element.get("target") is not None and element.get("target") not in ids:
        problems.append(f"target '{element.get('target')}' names no entry")
    if name == "langSec" and element.get(XML_LANG) not in ("en", "zh"):
        problems.append("a langSec without xml:lang en or zh")
    if name == "termSec" and [c.tag.rsplit("}", 1)[-1] for c in element][:1] != ["term"]:
        problems.append("a termSec that does not start with its term")
    return problems


def test_the_shipped_export_keeps_the_tbx_basic_rules(shipped_concepts) -> None:
    assert tbx_basic_problems(to_tbx(shipped_concepts, "tbx")) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            ('type="subjectField"', 'type="context"'),
            "<descrip type='context'> inside <conceptEntry>",
        ),
        (('type="source"', 'type="origin"'), "<admin type='origin'> is not a TBX-Basic category"),
        (("preferredTerm-admn-sts", "best-admn-sts"), "status 'best-admn-sts'"),
        (('target="three-pillars"', 'target="nowhere"'), "target 'nowhere' names no entry"),
    ],
)
def test_the_rule_check_catches_each_kind_of_break(shipped_concepts, change, problem) -> None:
    broken = to_tbx(shipped_concepts, "tbx").replace(*change, 1)
    assert problem in tbx_basic_problems(broken)


SCHEMA = os.environ.get("NPT_GLOSS_TBX_RNG")


@pytest.mark.skipif(
    not SCHEMA,
    reason="set NPT_GLOSS_TBX_RNG to the TBX core RELAX NG schema (TBXcoreStructV03.rng of "
    "LTAC-Global/TBX_Core_RNG; it carries no licence, so it is not shipped here)",
)
def test_the_export_is_valid_against_the_tbx_core_schema(shipped_concepts) -> None:
    from lxml import etree

    schema = etree.RelaxNG(etree.parse(SCHEMA))
    document = etree.fromstring(to_tbx(shipped_concepts, "tbx").encode())
    assert schema.validate(document), schema.error_log.last_error
    broken = etree.fromstring(
        to_tbx(shipped_concepts[:2], "tbx").replace("<langSec", "<bogus/><langSec", 1).encode()
    )
    assert not schema.validate(broken)


# ---------------------------------------------------------------- importing other tools' TBX

OTHER = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>a colleague's termbase</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <descrip type="subjectField">npt</descrip>
      <descripGrp><descrip type="definition">States that tested before 1967.</descrip></descripGrp>
      <langSec xml:lang="en-US">
        <termSec>
          <term>nuclear-weapon States</term>
          <descrip type="context">The nuclear-weapon States shall …</descrip>
        </termSec>
        <termSec><term>NWS</term><termNote type="termType">acronym</termNote></termSec>
      </langSec>
      <langSec xml:lang="zh-CN">
        <termSec>
          <term>核武器国家</term>
          <descrip type="context">核武器国家应……</descrip>
          <termNote type="grammaticalGender">other</termNote>
        </termSec>
        <termSec>
          <term>有核国家</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
        </termSec>
      </langSec>
      <langSec xml:lang="fr">
        <termSec><term>États dotés d'armes nucléaires</term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_unknown_categories_are_kept_in_the_note_and_counted() -> None:
    got = read_tbx(OTHER, "other.tbx")
    (nws,) = got.concepts
    assert (nws.id, nws.en, nws.zh, nws.domain) == (
        "c1",
        "nuclear-weapon States",
        "核武器国家",
        "npt",
    )
    assert nws.definition == "States that tested before 1967."  # found inside its group
    assert nws.abbr == ("NWS",) and nws.en_variants == ()
    assert nws.zh_deprecated == ("有核国家",)  # superseded: a form to avoid
    assert nws.note == (
        "context: The nuclear-weapon States shall … [nuclear-weapon States]; "
        "context: 核武器国家应…… [核武器国家]; "
        "grammaticalGender: other [核武器国家]; "
        "langSec fr: États dotés d'armes nucléaires"
    )
    assert got.kept == Counter({"context": 2, "grammaticalGender": 1, "langSec fr": 1})


@pytest.mark.parametrize(
    ("kept", "summary"),
    [
        (Counter(), ""),
        (Counter({"context": 1}), "kept 1 unknown data category in notes: context ×1"),
        (
            Counter({"grammaticalGender": 1, "context": 2}),
            "kept 3 unknown data categories in notes: context ×2, grammaticalGender ×1",
        ),
    ],
)
def test_the_summary_line(kept, summary) -> None:
    assert Termbase([], kept).kept_summary() == summary


def test_the_import_says_what_it_kept(tmp_path) -> None:
    path = tmp_path / "other.tbx"
    path.write_text(OTHER, encoding="utf-8")
    result = run("glossary", "import", str(path), "-o", str(tmp_path / "out.toml"))
    assert result.exit_code == 0
    assert result.stderr == (
        "npt-gloss: kept 4 unknown data categories in notes: context ×2, "
        "grammaticalGender ×1, langSec fr ×1\n"
    )
    toml = (tmp_path / "out.toml").read_text("utf-8")
    assert 'note = "context: The nuclear-weapon States shall' in toml


def test_a_glossary_export_keeps_nothing_unknown(shipped_concepts) -> None:
    got = read_tbx(to_tbx(shipped_concepts, "tbx2"), "g.tbx")
    assert got.kept == Counter()


def entry(body: str, entry_id: str = "c1") -> str:
    return (
        '<martif type="TBX-Basic" xml:lang="en">\n<text>\n<body>\n'
        f'<termEntry id="{entry_id}">\n{body}\n</termEntry>\n</body>\n</text>\n</martif>\n'
    )


EN = '<langSet xml:lang="en"><tig><term>a</term></tig></langSet>'
ZH = '<langSet xml:lang="zh"><tig><term>甲</term></tig></langSet>'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<martif>\n<text>\n<body>\n<termEntry id="x">\n<langSet>\n</termEntry>\n',
            "bad.tbx:6: not well-formed XML: mismatched tag: line 6, column 2",
        ),
        (entry(EN), "bad.tbx:4: entry 'c1' has no Chinese term"),
        (entry(ZH), "bad.tbx:4: entry 'c1' has no English term"),
        (
            entry(EN + ZH, "C_1"),
            "bad.tbx:4: id 'C_1' is not lower-case ASCII words joined by hyphens",
        ),
        (
            entry(EN + ZH).replace(
                "</body>", '<termEntry id="c1">' + EN + ZH + "</termEntry></body>"
            ),
            "bad.tbx:7: id 'c1' is given twice (first at line 4)",
        ),
        ('<martif type="TBX-Basic"><text><body/></text></martif>', "no <termEntry> elements"),
        ("", "unknown termbase format"),
    ],
)
def test_bad_tbx_exits_2_naming_file_and_line(tmp_path, content, message) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(content, encoding="utf-8")
    result = run("glossary", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"npt-gloss: error: {tmp_path / 'bad.tbx'}")
    assert message.removeprefix("bad.tbx") in result.stderr
    assert result.stderr.count("\n") == 1


def test_entries_are_numbered_by_line_only_when_the_count_is_sure() -> None:
    # A commented-out entry would shift the count: then no line rather than a wrong one.
    text = entry(EN).replace("<body>", "<body><!-- <termEntry id='old'> -->")
    with pytest.raises(DataError) as caught:
        read_tbx(text, "x.tbx")
    assert str(caught.value) == "x.tbx: entry 'c1' has no Chinese term"


def test_reading_a_file_without_a_suffix_by_content(tmp_path: Path) -> None:
    path = tmp_path / "termbase"
    path.write_text(entry(EN + ZH), encoding="utf-8")
    result = run("glossary", "import", str(path))
    assert result.exit_code == 0 and 'id = "c1"' in result.stdout


def test_a_termlist_keeps_only_references_that_resolve(tmp_path) -> None:
    path = tmp_path / "termlist.tbx"
    doc = "ru-wp-shared-responsibility"
    assert (
        run("glossary", "export", "--format", "tbx", "--doc", doc, "-o", str(path)).exit_code == 0
    )
    text = path.read_text("utf-8")
    assert tbx_basic_problems(text) == []
    assert text.count("<conceptEntry ") == 70
    assert 'target="missile-defence"' in text  # strategic-stability → missile-defence: both in
    assert 'target="npt-article-viii"' not in text  # not in the paper's termlist


def test_a_reference_to_no_concept_of_the_file_is_left_out() -> None:
    from conftest import concept

    text = to_tbx([concept("a", "a", "甲", see=["b", "zz"]), concept("b", "b", "乙")], "tbx")
    assert text.count("<ref ") == 1 and 'target="b"' in text
