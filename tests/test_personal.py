"""Personal glossaries: several --glossary files, the path list in NPT_GLOSS_GLOSSARY, the user
glossary in the config folder, which file answers, `glossary add`, and the cache's key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npt_gloss import paths
from npt_gloss.cli import cli
from npt_gloss.cli import glossary_add as add_module
from npt_gloss.errors import DataError
from npt_gloss.glossary import load_glossaries, merge_layers
from npt_gloss.glossary_file import HEADER, derive_id
from tests.conftest import concept


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def term(term_id: str, en: str, zh: str, **extra: str) -> str:
    lines = ["[[term]]", f'id = "{term_id}"', f'en = "{en}"', f'zh = "{zh}"']
    lines += [f'{key} = "{value}"' for key, value in extra.items()]
    return "\n".join(lines) + "\n\n"


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config folder of this test's own (no user glossary in it yet)."""
    folder = tmp_path / "config"
    monkeypatch.setenv("NPT_GLOSS_CONFIG", str(folder))
    return folder


@pytest.fixture
def user_glossary(config: Path) -> Path:
    """A user glossary that replaces a shipped concept and adds one of its own."""
    return write(
        config / "glossary.toml",
        "# my terms\n"
        + term("strategic-stability", "strategic equilibrium", "战略平衡")
        + term("realistic-approach", "realistic approach", "现实的办法"),
    )


def lookup_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ---------------------------------------------------------------- which files load


def test_the_test_suite_sees_no_user_glossary() -> None:
    # conftest points NPT_GLOSS_CONFIG at a folder that does not exist
    assert not paths.user_glossary_path().exists()
    assert paths.glossary_files() == (paths.shipped("glossary.toml"),)


def test_glossary_files_order(tmp_path: Path, user_glossary: Path) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    assert paths.glossary_files() == (paths.shipped("glossary.toml"), user_glossary)
    assert paths.glossary_files([one, two]) == (one, two, user_glossary)
    # named explicitly, the user glossary is not loaded a second time
    assert paths.glossary_files([user_glossary, one]) == (user_glossary, one)


def test_env_var_holds_several_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = tmp_path / "one.toml", tmp_path / "two.toml"
    monkeypatch.setenv("NPT_GLOSS_GLOSSARY", f"{one}{os.pathsep}{os.pathsep}{two}{os.pathsep}")
    assert paths.base_glossaries() == (one, two)
    # the option wins over the environment, as for every option
    assert paths.base_glossaries([str(two)]) == (two,)


@pytest.mark.skipif(not os.sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
def test_config_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NPT_GLOSS_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert paths.user_glossary_path() == tmp_path / "xdg" / "npt-gloss" / "glossary.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.user_glossary_path() == tmp_path / "home/.config/npt-gloss/glossary.toml"


# ---------------------------------------------------------------- merging by id


def test_a_later_file_replaces_whole_and_extends() -> None:
    shipped = (
        concept("a", "alpha", "甲", source="UN doc", zh_variants=["甲甲"]),
        concept("b", "beta", "乙"),
    )
    mine = (concept("a", "alpha prime", "甲一"), concept("c", "gamma", "丙"))
    theirs = (concept("a", "alpha second", "甲二"),)
    merged = merge_layers([shipped, mine, theirs])
    assert [c.id for c in merged.concepts] == ["a", "b", "c"]  # a keeps its place
    assert merged.concepts[0] == concept("a", "alpha second", "甲二")  # nothing of the others
    assert merged.origins == (2, 0, 1)
    assert merged.overrides == (0, 1, 1)


def test_duplicate_ids_inside_one_file_stay_an_error(tmp_path: Path) -> None:
    good = write(tmp_path / "good.toml", term("a", "alpha", "甲"))
    bad = write(tmp_path / "bad.toml", term("b", "beta", "乙") + term("b", "beta", "乙"))
    with pytest.raises(DataError, match="duplicate id 'b'"):
        load_glossaries([good, bad])
    result = run("--glossary", str(good), "--glossary", str(bad), "lookup", "beta")
    assert result.exit_code == 2
    assert result.stderr == f"npt-gloss: error: {bad}:7: duplicate id 'b' (first at line 1)\n"


# ---------------------------------------------------------------- lookup names the file


def test_several_glossary_options(tmp_path: Path) -> None:
    base = write(tmp_path / "base.toml", term("zebra", "zebra crossing", "斑马线", note="base"))
    team = write(tmp_path / "team.toml", term("zebra", "zebra crossing", "人行横道"))
    data = lookup_json("--glossary", str(base), "--glossary", str(team), "lookup", "zebra crossing")
    top = data["results"][0]
    assert (top["zh"], top["note"], top["glossary"]) == ("人行横道", "", str(team))
    result = run("--glossary", str(base), "--glossary", str(team), "lookup", "zebra crossing")
    assert result.stdout.splitlines()[-1] == f"  glossary:   {team}"


def test_env_var_paths_load_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = write(tmp_path / "base.toml", term("zebra", "zebra crossing", "斑马线"))
    team = write(tmp_path / "team.toml", term("pelican", "pelican crossing", "行人信号灯"))
    monkeypatch.setenv("NPT_GLOSS_GLOSSARY", f"{base}{os.pathsep}{team}")
    assert lookup_json("lookup", "斑马线")["results"][0]["glossary"] == str(base)
    assert lookup_json("lookup", "行人信号灯")["results"][0]["glossary"] == str(team)


def test_user_glossary_overrides_a_shipped_concept(user_glossary: Path) -> None:
    top = lookup_json("lookup", "strategic equilibrium")["results"][0]
    assert top["id"] == "strategic-stability"
    assert top["glossary"] == str(user_glossary)
    # replaced whole: the shipped definition and source speak of the shipped rendering
    assert (top["definition"], top["source"], top["zh_variants"]) == ("", "", [])
    # the other concepts still come from the shipped glossary, and say so
    npt = lookup_json("lookup", "NPT")["results"][0]
    assert npt["glossary"] == "shipped"
    lines = run("lookup", "NPT", "-n", "1").stdout.splitlines()
    assert lines[-1] == "  glossary:   shipped"


def test_shipped_only_lookup_text_is_unchanged() -> None:
    result = run("lookup", "NPT", "-n", "1")
    assert "glossary:" not in result.stdout
    assert lookup_json("lookup", "NPT")["results"][0]["glossary"] == "shipped"


def test_find_and_show_use_the_merged_glossary(user_glossary: Path) -> None:
    data = lookup_json("find", "realistic approach")
    assert data["concepts"] == ["realistic-approach"]
    assert [hit["paragraph"] for hit in data["hits"]] == [23]
    shown = run("show", "23", "--gloss")
    assert shown.exit_code == 0, shown.output
    assert "现实的办法" in shown.stdout


def test_a_broken_user_glossary_is_named(config: Path) -> None:
    broken = write(config / "glossary.toml", '[[term]]\nid = "x"\nen = "x"\n')
    result = run("lookup", "NPT")
    assert result.exit_code == 2
    assert result.stderr == f"npt-gloss: error: {broken}:1: missing required key 'zh'\n"


# ---------------------------------------------------------------- the cache


def test_editing_the_user_glossary_invalidates_the_cache(
    user_glossary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("NPT_GLOSS_CACHE", str(cache))
    assert lookup_json("lookup", "realistic approach")["results"][0]["zh"] == "现实的办法"
    assert len(list(cache.glob("index-*.npti"))) == 1
    text = user_glossary.read_text(encoding="utf-8").replace("现实的办法", "务实的办法")
    user_glossary.write_text(text, encoding="utf-8")
    stat = user_glossary.stat()
    os.utime(user_glossary, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert lookup_json("lookup", "realistic approach")["results"][0]["zh"] == "务实的办法"
    assert len(list(cache.glob("index-*.npti"))) == 2
    # removing it goes back to the shipped glossary, which lacks the term
    user_glossary.unlink()
    assert run("lookup", "realistic approach").exit_code == 1


def test_creating_a_user_glossary_invalidates_the_cache(
    config: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NPT_GLOSS_CACHE", str(tmp_path / "cache"))
    top = lookup_json("lookup", "NPT")["results"][0]
    assert (top["id"], top["glossary"]) == ("npt", "shipped")
    result = run(
        "glossary", "add", "--id", "npt", "--en", "Non-Proliferation Treaty", "--zh", "核不扩散条约"
    )
    assert result.exit_code == 0, result.output
    # the new entry has no abbreviation: NPT no longer finds the concept
    assert all(r["id"] != "npt" for r in lookup_json("lookup", "NPT")["results"])
    top = lookup_json("lookup", "核不扩散条约")["results"][0]
    assert (top["id"], top["glossary"]) == ("npt", str(config / "glossary.toml"))


# ---------------------------------------------------------------- glossary add


def test_add_with_flags_creates_the_file(config: Path) -> None:
    result = run(
        "glossary", "add", "--en", "zebra crossing", "--zh", "斑马线",
        "--zh-variant", "人行横道", "--zh-variant", "斑马纹", "--abbr", "ZC",
        "--domain", "security", "--definition", "A place to cross.", "--note", "informal",
        "--source", "my notes",
    )  # fmt: skip
    target = config / "glossary.toml"
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added 'zebra-crossing' to {target} (line 6)\n"
    assert target.read_text(encoding="utf-8") == HEADER + (
        "\n[[term]]\n"
        'id = "zebra-crossing"\n'
        'en = "zebra crossing"\n'
        'zh = "斑马线"\n'
        'zh_variants = ["人行横道", "斑马纹"]\n'
        'abbr = ["ZC"]\n'
        'domain = "security"\n'
        'definition = "A place to cross."\n'
        'note = "informal"\n'
        'source = "my notes"\n'
    )
    top = lookup_json("lookup", "斑马纹")["results"][0]
    assert (top["id"], top["glossary"]) == ("zebra-crossing", str(target))


def test_add_with_the_other_flags(config: Path) -> None:
    """--en-variant, --en-deprecated, --zh-deprecated, --pinyin and --see each land in their
    own field, in the glossary's field order, and lookup then answers from them."""
    result = run(
        "glossary", "add", "--en", "zebra crossing", "--zh", "斑马线",
        "--en-variant", "pedestrian crossing", "--en-deprecated", "zebra walk",
        "--zh-deprecated", "斑马道", "--pinyin", "bānmǎxiàn", "--see", "npt",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    target = config / "glossary.toml"
    assert target.read_text(encoding="utf-8") == HEADER + (
        "\n[[term]]\n"
        'id = "zebra-crossing"\n'
        'en = "zebra crossing"\n'
        'zh = "斑马线"\n'
        'en_variants = ["pedestrian crossing"]\n'
        'en_deprecated = ["zebra walk"]\n'
        'zh_deprecated = ["斑马道"]\n'
        'pinyin = "bānmǎxiàn"\n'
        'see = ["npt"]\n'
    )
    top = lookup_json("lookup", "pedestrian crossing")["results"][0]
    assert (top["id"], top["match"], top["pinyin"]) == ("zebra-crossing", "variant", "bānmǎxiàn")


def test_add_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    # comments, odd spacing, a byte-order mark and Windows line ends all stay as they are
    before = (
        "\ufeff# team terms\r\n\r\n[[term]]   # the first\r\nid = 'a'\r\nen = \"alpha\"\r\n"
        'zh    =   "甲"\r\n# trailing remark\r\n'
    ).encode()
    target = tmp_path / "team.toml"
    target.write_bytes(before)
    result = run("glossary", "add", "--to", str(target), "--id", "b", "--en", "beta", "--zh", "乙")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"added 'b' to {target} (line 9)\n"
    assert (
        target.read_bytes()
        == before + b'\r\n[[term]]\r\nid = "b"\r\nen = "beta"\r\nzh = "\xe4\xb9\x99"\r\n'
    )


def test_add_refuses_a_known_id_unless_replace(tmp_path: Path) -> None:
    target = write(
        tmp_path / "team.toml",
        "# team\n" + term("a", "alpha", "甲", note="old") + "# about b\n" + term("b", "beta", "乙"),
    )
    before = target.read_bytes()
    refused = run(
        "glossary", "add", "--to", str(target), "--id", "a", "--en", "alpha", "--zh", "甲一"
    )
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"npt-gloss: error: id 'a' is already in {target} (line 2); "
        "add --replace to replace that entry\n"
    )
    assert target.read_bytes() == before
    replaced = run(
        "glossary", "add", "--to", str(target), "--id", "a", "--en", "alpha", "--zh", "甲一",
        "--replace",
    )  # fmt: skip
    assert replaced.exit_code == 0, replaced.output
    assert replaced.stdout == f"replaced 'a' in {target} (line 2)\n"
    assert target.read_text(encoding="utf-8") == (
        "# team\n"
        '[[term]]\nid = "a"\nen = "alpha"\nzh = "甲一"\n'
        "\n# about b\n" + term("b", "beta", "乙")
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "Zebra"], "id 'Zebra' must be lower-case ASCII letters, digits and hyphens"),
        (["--domain", "roads"], "unknown domain 'roads' (known: npt, un-machinery,"),
        (["--see", "no-such-id"], "'see' names unknown id 'no-such-id'"),
        (["--abbr", " "], "'abbr' must hold only non-empty strings"),
    ],
)
def test_add_refuses_what_check_would(config: Path, args: list[str], message: str) -> None:
    result = run("glossary", "add", "--en", "zebra crossing", "--zh", "斑马线", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"npt-gloss: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert not (config / "glossary.toml").exists()


def test_add_see_may_name_a_shipped_id(config: Path) -> None:
    result = run("glossary", "add", "--en", "zebra crossing", "--zh", "斑马线", "--see", "npt")
    assert result.exit_code == 0, result.output
    assert 'see = ["npt"]' in (config / "glossary.toml").read_text(encoding="utf-8")


def test_add_warns_when_it_replaces_a_shipped_concept(config: Path) -> None:
    result = run("glossary", "add", "--en", "strategic stability", "--zh", "战略稳定")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "npt-gloss: warning: 'strategic-stability' is also in the shipped glossary: "
        "your entry replaces that concept, whole\n"
    )


def test_add_refuses_to_touch_a_broken_file(tmp_path: Path) -> None:
    target = write(tmp_path / "team.toml", term("a", "alpha", "甲") + term("a", "alpha", "甲"))
    before = target.read_bytes()
    result = run("glossary", "add", "--to", str(target), "--en", "beta", "--zh", "乙")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"npt-gloss: error: {target}:7: duplicate id 'a' (first at line 1) (fix it first"
    )
    assert target.read_bytes() == before


def test_add_off_a_terminal_wants_the_terms(config: Path) -> None:
    result = run("glossary", "add", "--en", "zebra crossing")
    assert result.exit_code == 2
    assert result.stderr == (
        "npt-gloss: error: missing --zh; give it, or run on a terminal to be asked\n"
    )
    assert not (config / "glossary.toml").exists()


def test_add_asks_on_a_terminal(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(add_module, "_on_terminal", lambda: True)
    # en, zh, id (Enter takes the one derived from en), definition, note, source
    answers = "zebra crossing\n斑马线\n\n\n\nmy notes\n"
    result = run("glossary", "add", input=answers)
    assert result.exit_code == 0, result.output
    assert "id [zebra-crossing]: " in result.stdout
    assert result.stdout.endswith(
        f"added 'zebra-crossing' to {config / 'glossary.toml'} (line 6)\n"
    )
    entry = '[[term]]\nid = "zebra-crossing"\nen = "zebra crossing"\nzh = "斑马线"\n'
    text = (config / "glossary.toml").read_text(encoding="utf-8")
    assert text == HEADER + "\n" + entry + 'source = "my notes"\n'


def test_add_asks_again_for_an_empty_term(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(add_module, "_on_terminal", lambda: True)
    result = run("glossary", "add", "--en", "zebra crossing", input=" \n斑马线\nzebra\n\n\n\n")
    assert result.exit_code == 0, result.output
    assert "Error: this cannot be empty" in result.stdout
    text = (config / "glossary.toml").read_text(encoding="utf-8")
    assert text.endswith('[[term]]\nid = "zebra"\nen = "zebra crossing"\nzh = "斑马线"\n')


def test_a_failing_write_leaves_the_file_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write(tmp_path / "team.toml", "# team\n" + term("a", "alpha", "甲"))
    before = target.read_bytes()

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("glossary", "add", "--to", str(target), "--en", "beta", "--zh", "乙")
    assert result.exit_code == 2
    assert result.stderr == (
        f"npt-gloss: error: {target}: cannot write the file: No space left on device\n"
    )
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.toml"]  # no temporary left


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        ("zebra crossing", "zebra-crossing"),
        ("nuclear-weapon States", "nuclear-weapon-states"),
        ("  Protocol I (additional)  ", "protocol-i-additional"),
        ("détente", "detente"),
        ("START II", "start-ii"),
        ("裁军", ""),
    ],
)
def test_derive_id(en: str, expected: str) -> None:
    assert derive_id(en) == expected


def test_add_without_a_derivable_id(config: Path) -> None:
    result = run("glossary", "add", "--en", "裁军", "--zh", "裁军")
    assert result.exit_code == 2
    assert (
        result.stderr == "npt-gloss: error: cannot derive an id from '裁军'; give one with --id\n"
    )


# ---------------------------------------------------------------- check and stats per file


def test_check_reports_per_file(tmp_path: Path) -> None:
    base = write(tmp_path / "base.toml", term("a", "alpha", "甲", domain="npt"))
    team = write(
        tmp_path / "team.toml",
        '[[term]]\nid = "b"\nen = "beta"\nzh = "乙"\ndomain = "roads"\nsee = ["a"]\n',
    )
    result = run("--glossary", str(base), "--glossary", str(team), "glossary", "check")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{team}:1: warning: unknown domain 'roads'")
    # 'see' names an id of the other file: no warning about it
    assert not any("see" in line for line in lines)
    assert lines[1:] == [
        # per concept: no definition, no source, no pinyin, no form in any document
        f"{base}: 0 error(s), 0 warning(s), 4 info(s)",
        f"{team}: 0 error(s), 1 warning(s), 4 info(s)",
        "all 2 files: 0 error(s), 1 warning(s), 8 info(s)",
    ]
    data = json.loads(
        run("--glossary", str(base), "--glossary", str(team), "glossary", "check", "--json").stdout
    )
    assert [(f["file"], f["counts"]["warning"]) for f in data["files"]] == [
        (str(base), 0),
        (str(team), 1),
    ]
    assert data["counts"] == {"error": 0, "warning": 1, "info": 8}
    assert [p["file"] for p in data["problems"]] == [str(team)]


def test_check_of_one_file_keeps_its_shape() -> None:
    data = json.loads(run("glossary", "check", "--json").stdout)
    assert set(data) == {"file", "counts", "problems"}


def test_stats_per_file(user_glossary: Path, shipped_concepts: tuple) -> None:
    shipped = len(shipped_concepts)
    data = lookup_json("glossary", "stats")
    assert data["concepts"] == shipped + 1  # one new, one replaced
    assert data["files"] == [
        {"file": "shipped", "concepts": shipped - 1, "overrides": 0},
        {"file": str(user_glossary), "concepts": 2, "overrides": 1},
    ]
    text = run("glossary", "stats").stdout.splitlines()
    assert text[2:5] == [
        "from 2 glossary files:",
        f"  {shipped - 1:>4}  shipped",
        f"     2  {user_glossary}  (1 replacing an earlier file's)",
    ]


def test_stats_of_one_file_has_no_file_list() -> None:
    data = lookup_json("glossary", "stats")
    assert "files" not in data
    assert "glossary files" not in run("glossary", "stats").stdout


# ---------------------------------------------------------------- open-ended input

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s != ""
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(en=_TEXT, zh=_TEXT, note=st.one_of(st.just(""), _TEXT), variants=st.lists(_TEXT, max_size=3))
def test_add_then_load_gives_the_entry_back(
    tmp_path: Path, en: str, zh: str, note: str, variants: list[str]
) -> None:
    from npt_gloss.glossary import load_glossary
    from npt_gloss.glossary_file import add_entry

    target = tmp_path / "round-trip.toml"
    target.unlink(missing_ok=True)
    entry = concept("x", en, zh, note=note, en_variants=variants)
    add_entry(target, concept("first", "first", "第一"))
    add_entry(target, entry)
    first, loaded = load_glossary(target)
    assert loaded == concept("x", en, zh, note=note, en_variants=variants, line=loaded.line)
    assert first.id == "first"


@given(st.text(max_size=40))
def test_a_derived_id_is_a_valid_id_or_empty(en: str) -> None:
    from npt_gloss.glossary import ID_PATTERN

    derived = derive_id(en)
    assert derived == "" or ID_PATTERN.fullmatch(derived)


def test_add_stopped_at_a_prompt_writes_nothing(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(add_module, "_on_terminal", lambda: True)
    result = run("glossary", "add", input="zebra crossing\n")  # then end of input (Ctrl-D)
    assert result.exit_code == 130
    assert result.stderr == "npt-gloss: stopped; nothing written\n"
    assert not config.exists()
