"""Glossary loading, validation and lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from npt_gloss.errors import DataError
from npt_gloss.glossary import DOMAINS, check_glossary, load_glossary, parse_glossary
from npt_gloss.normalize import term_key

GOOD = """[[term]]
id = "arms-control"
en = "arms control"
zh = "军备控制"
domain = "disarmament"

[[term]]
id = "missile-defence"
en = "missile defence"
zh = "导弹防御"
"""


def test_good_glossary_parses() -> None:
    concepts = parse_glossary(GOOD, "g.toml")
    assert [c.id for c in concepts] == ["arms-control", "missile-defence"]
    assert concepts[1].line == 7


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[[term]]\nid = "a"\nen = "x\nzh = "y"\n', 3, "TOML syntax error"),
        ('[[term]]\nid = "a"\nzh = "y"\n', 1, "missing required key 'en'"),
        ('[[term]]\nen = "x"\nzh = "y"\n', 1, "missing required key 'id'"),
        ('[[term]]\nid = "a"\nen = "x"\n', 1, "missing required key 'zh'"),
        ('[[term]]\nid = "a"\nen = ["x"]\nzh = "y"\n', 3, "'en' must be a string, not a list"),
        (
            '[[term]]\nid = "a"\nen = "x"\nzh = "y"\nzh_variants = "z"\n',
            5,
            "must be a list of strings",
        ),
        ('[[term]]\nid = "a"\nen = ""\nzh = "y"\n', 3, "'en' is empty"),
        ('[[term]]\nid = "Arms Control"\nen = "x"\nzh = "y"\n', 2, "lower-case ASCII"),
        (
            '[[term]]\nid = "a"\nen = "x"\nzh = "y"\n\n[[term]]\nid = "a"\nen = "p"\nzh = "q"\n',
            7,
            "duplicate id 'a' (first at line 1)",
        ),
        ('title = "no terms"\n', 1, "no [[term]] tables"),
        ('[[term]]\nid = "a"\nen = "x"\nzh = "y"\nabbr = ["", "B"]\n', 5, "only non-empty strings"),
    ],
)
def test_schema_errors_name_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_glossary(text, "g.toml")
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"g.toml:{line}")


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    assert len(load_glossary(path)) == 2


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (GOOD.encode("gbk"), "GB"),
        (GOOD.encode("utf-16"), "UTF-16"),
        (bytes(range(256)) * 4, "g.toml"),
    ],
)
def test_wrong_encodings_are_named(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = tmp_path / "g.toml"
    path.write_bytes(data)
    with pytest.raises(DataError) as caught:
        load_glossary(path)
    assert fragment in str(caught.value)
    assert "g.toml" in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"g\.toml"):
        load_glossary(tmp_path / "g.toml")
    with pytest.raises(DataError):
        load_glossary(tmp_path)


def key(text: str) -> str:
    return term_key(text, {})


def test_check_reports_clashes_unknown_domains_and_see() -> None:
    text = (
        GOOD
        + '\n[[term]]\nid = "other"\nen = "Arms-Control"\nzh = "别的"\n'
        + 'domain = "nope"\nsee = ["ghost"]\n'
    )
    problems = check_glossary(text, "g.toml", key, occurring={"arms-control"})
    messages = [(p.level, p.message) for p in problems]
    assert ("warning", "form 'arms control' is claimed by arms-control, other") in messages
    assert any(level == "warning" and "unknown domain 'nope'" in m for level, m in messages)
    assert any(level == "warning" and "unknown id 'ghost'" in m for level, m in messages)
    assert ("info", "no form occurs in any document") in messages


def test_shipped_glossary_is_clean_and_large(shipped_index) -> None:  # type: ignore[no-untyped-def]
    from npt_gloss import paths
    from npt_gloss.textio import read_text

    path = paths.shipped("glossary.toml")
    problems = check_glossary(read_text(path), path, lambda s: term_key(s, shipped_index.t2s))
    assert [p for p in problems if p.level in ("error", "warning")] == []
    concepts = load_glossary(path)
    assert len(concepts) >= 400
    assert {c.domain for c in concepts} <= set(DOMAINS)
    assert all(c.definition for c in concepts)


def test_a_deprecated_form_that_reads_as_an_admitted_one_is_a_warning(tmp_path) -> None:
    from npt_gloss.glossary import check_glossary
    from npt_gloss.normalize import term_key

    text = (
        '[[term]]\nid = "nws"\nen = "nuclear-weapon States"\nzh = "核武器国家"\n'
        'en_deprecated = ["nuclear weapons States", "nuclear States club"]\n'
    )
    problems = check_glossary(text, "g.toml", lambda s: term_key(s, {}))
    warnings = [p.message for p in problems if p.level == "warning"]
    assert warnings == [
        "deprecated form 'nuclear weapons States' reads the same as 'nuclear-weapon States' "
        "to the matcher"
    ]
