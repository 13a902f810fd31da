"""Every option of every command, and the test that checks what it does to the output.

``CHECKED`` is the checklist: one line per option, naming the test (here or in another test
file) that runs the command with and without the option and compares what the user sees.
``test_every_option_is_in_the_checklist`` walks the click command tree, so a new option
fails the suite until it has such a test and a line here (issue 16).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import SMALL_RAW, shipped_concept_count

from npt_gloss import __version__, paths
from npt_gloss.cli import cli

DOC = "ru-wp-shared-responsibility"
TESTS = Path(__file__).resolve().parent

# "command option" (the option's longest name; "" for the root group) → the test(s) that
# check its effect, as "file::function" (file relative to tests/) or "function" for this
# file. To add an option: write a test that compares the output with and without it, then
# add a line here.
CHECKED: dict[str, tuple[str, ...]] = {
    " --glossary": ("test_root_glossary_chooses_the_glossary",),
    " --text": ("test_root_text_chooses_the_documents",),
    " --version": ("test_root_version_prints_the_version",),
    "check --doc": ("test_check_doc_checks_against_that_document",),
    "check --json": ("test_check_json_against_the_plain_report",),
    "check --lang": ("test_check_lang_sets_the_expected_forms",),
    "cite --copy": ("test_cite_copy_copies_exactly_what_is_printed",),
    "cite --doc": ("test_cite_doc_cites_that_document",),
    "cite --gloss": ("test_cite_gloss_adds_the_english_to_the_quote",),
    "cite --json": ("test_cite_json_holds_the_citation",),
    "cite --lang": ("test_cite_lang_zh_gives_the_chinese_citation",),
    "cite --quote": (
        "test_user_visible.py::test_cite_quote_gives_each_paragraph_its_own_text",
        "test_cite_quote_puts_the_paragraphs_before_the_citation",
    ),
    "cite --style": ("test_cite_style_changes_the_citation",),
    "find --all-of": ("test_find_all_of_and_any_of",),
    "find --any-of": ("test_find_all_of_and_any_of",),
    "find --cite": ("test_user_visible.py::test_find_cite_cites_every_hit_paragraph",),
    "find --context": ("test_user_visible.py::test_find_context_is_exactly_that_wide",),
    "find --direct": ("test_find_direct_drops_the_nested_mention",),
    "find --doc": ("test_user_visible.py::test_find_doc_keeps_to_that_document",),
    "find --exact": ("test_find_exact_searches_only_the_form_given",),
    "find --full": ("test_find_full_prints_the_whole_paragraph",),
    "find --include-everyday": ("test_everyday.py::test_find_decision_on_the_shipped_paper",),
    "find --json": ("test_find_json_against_the_plain_lines",),
    "glossary check --info": ("test_glossary_check_info_lists_the_info_findings",),
    "glossary check --json": ("test_glossary_check_json_counts_as_the_plain_summary",),
    "glossary coverage --candidates": ("test_coverage_candidates_gives_exactly_that_many",),
    "glossary coverage --doc": ("test_coverage_doc_counts_one_document",),
    "glossary coverage --json": ("test_coverage_json_against_the_plain_lines",),
    "glossary export --doc": ("test_formats.py::test_termlist_of_the_shipped_paper",),
    "glossary export --format": ("test_export_format_chooses_the_format",),
    "glossary export --from": ("test_export_from_chooses_the_source_column",),
    "glossary export --output": ("test_export_output_writes_the_file_not_stdout",),
    "glossary import --merge": ("test_import_merge_adds_to_the_current_glossary",),
    "glossary import --output": ("test_import_output_writes_the_file_not_stdout",),
    "glossary stats --json": ("test_stats_json_against_the_plain_lines",),
    "ingest --author": ("test_ingest_title_and_author_replace_the_header_guess",),
    "ingest --dry-run": ("test_ingest_dry_run_prints_and_writes_nothing",),
    "ingest --force": ("test_reliability.py::test_ingest_never_damages_an_existing_file",),
    "ingest --id": ("test_ingest_id_names_the_document_and_its_file",),
    "ingest --output": ("test_ingest_output_writes_there",),
    "ingest --title": ("test_ingest_title_and_author_replace_the_header_guess",),
    "lookup --batch": ("test_batch.py::test_tsv_rows_in_a_pipe",),
    "lookup --json": ("test_lookup_json_against_the_plain_lines",),
    "lookup --limit": (
        "test_user_visible.py::test_lookup_limit_gives_exactly_that_many",
        "test_batch.py::test_limit_is_per_query_and_exact",
    ),
    "show --doc": ("test_show_doc_shows_that_document",),
    "show --gloss": ("test_show_gloss_marks_the_terms_of_the_paragraph",),
    "show --json": ("test_cli.py::test_show_json_texts_equal_the_seed_body",),
    "find --lang": ("test_versions.py::test_find_lang_keeps_one_language",),
    "show --lang": ("test_versions.py::test_show_lang_in_a_pipe",),
    "show --parallel": ("test_versions.py::test_show_parallel_in_a_pipe",),
    "ingest --lang": ("test_ingest_pdf.py::test_lang_option_names_the_language",),
    "glossary add --en": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --zh": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --zh-variant": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --abbr": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --domain": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --definition": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --note": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --source": ("test_personal.py::test_add_with_flags_creates_the_file",),
    "glossary add --to": ("test_personal.py::test_add_keeps_the_file_byte_for_byte",),
    "glossary add --id": ("test_personal.py::test_add_keeps_the_file_byte_for_byte",),
    "glossary add --replace": ("test_personal.py::test_add_refuses_a_known_id_unless_replace",),
    "glossary add --en-variant": ("test_personal.py::test_add_with_the_other_flags",),
    "glossary add --en-deprecated": ("test_personal.py::test_add_with_the_other_flags",),
    "glossary add --zh-deprecated": ("test_personal.py::test_add_with_the_other_flags",),
    "glossary add --pinyin": ("test_personal.py::test_add_with_the_other_flags",),
    "glossary add --see": ("test_personal.py::test_add_with_the_other_flags",),
}


def _options(command: click.Command, path: str = "") -> list[str]:
    found = []
    for param in command.params:
        if isinstance(param, click.Option):
            found.append(f"{path} {max(param.opts, key=len)}")
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found.extend(_options(sub, f"{path} {name}".strip()))
    return found


def test_every_option_is_in_the_checklist() -> None:
    options = _options(cli)
    assert len(options) == len(set(options))
    missing = sorted(set(options) - set(CHECKED))
    assert not missing, f"options without a test of their effect (add one to CHECKED): {missing}"
    stale = sorted(set(CHECKED) - set(options))
    assert not stale, f"CHECKED names options that no longer exist: {stale}"


def test_every_test_in_the_checklist_exists() -> None:
    for option, tests in CHECKED.items():
        for test in tests:
            file, _, name = test.rpartition("::")
            source = (TESTS / (file or Path(__file__).name)).read_text(encoding="utf-8")
            assert re.search(rf"^def {name}\(", source, re.M), f"{option}: no test {test}"


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin)


def as_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture
def two_documents(tmp_path: Path) -> Path:
    """The shipped paper and a copy, "other", with its own English title and ¶3."""
    folder = tmp_path / "text"
    folder.mkdir()
    source = paths.shipped("text") / f"{DOC}.txt"
    shutil.copy(source, folder / source.name)
    text = source.read_text(encoding="utf-8").replace(f'id = "{DOC}"', 'id = "other"')
    text = re.sub(r'^title\.en = ".*"$', 'title.en = "Another title"', text, count=1, flags=re.M)
    text = re.sub(r"^3\. .*$", "3. 另一份文件的第三段谈战略稳定性。", text, count=1, flags=re.M)
    (folder / "other.txt").write_text(text, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- the root group


def test_root_version_prints_the_version() -> None:
    for flag in ("--version", "-V"):
        assert run(flag).stdout == f"npt-gloss, version {__version__}\n"


def test_root_glossary_chooses_the_glossary(tmp_path: Path) -> None:
    glossary = tmp_path / "g.toml"
    glossary.write_text(
        '[[term]]\nid = "zebra"\nen = "zebra crossing"\nzh = "斑马线"\n', encoding="utf-8"
    )
    assert as_json("lookup", "斑马线")["results"] == []  # not in the shipped glossary
    mine = as_json("--glossary", str(glossary), "lookup", "斑马线")["results"]
    assert [(r["id"], r["en"], r["match"]) for r in mine] == [("zebra", "zebra crossing", "exact")]
    stats = run("--glossary", str(glossary), "glossary", "stats").stdout
    assert stats.splitlines()[0] == "1 concepts, 2 forms; 0 occur in 1 document(s)"


def test_root_text_chooses_the_documents(two_documents: Path) -> None:
    (two_documents / f"{DOC}.txt").unlink()
    shipped = as_json("show", "3")["paragraphs"][0]["text"]
    mine = as_json("--text", str(two_documents), "show", "3")
    assert mine["document"]["id"] == "other"
    assert mine["paragraphs"][0]["text"] == "另一份文件的第三段谈战略稳定性。" != shipped


# ---------------------------------------------------------------- show


def test_show_doc_shows_that_document(two_documents: Path) -> None:
    text = str(two_documents)
    assert run("--text", text, "show", "3").exit_code == 2  # two documents: say which
    other = run("--text", text, "show", "3", "--doc", "other").stdout.splitlines()
    shipped = run("--text", text, "show", "3", "--doc", DOC).stdout.splitlines()
    assert other[1] == "俄罗斯联邦 · 工作文件 · other"
    assert other[-1] == " 3. 另一份文件的第三段谈战略稳定性。"
    assert shipped[1] == f"俄罗斯联邦 · 工作文件 · {DOC}"
    assert shipped[-1].startswith(" 3. 关于核裁军，需要建立一种氛围")


def test_show_gloss_marks_the_terms_of_the_paragraph() -> None:
    plain = run("show", "14").stdout.splitlines()[-1]
    glossed = run("show", "14", "--gloss").stdout.splitlines()[-1]
    assert re.sub(r"\[[^\]]*\]", "", glossed) == plain  # only the marks are added
    assert re.findall(r"\[([^\]]*)\]", glossed) == [
        "nuclear disarmament",
        "strategic stability",
        "arms control",
        "verification mechanism",
        "nuclear-weapon States",
        "transparency",
    ]


# ---------------------------------------------------------------- lookup


def test_lookup_json_against_the_plain_lines() -> None:
    plain = run("lookup", "战略稳定性", "-n", "1").stdout.splitlines()
    data = as_json("lookup", "战略稳定性", "-n", "1")
    assert data["query"] == "战略稳定性"
    [result] = data["results"]
    assert (result["id"], result["en"], result["zh"]) == (
        "strategic-stability",
        "strategic stability",
        "战略稳定性",
    )
    assert plain[0].startswith(f"{result['en']}  {result['zh']}  {result['pinyin']}  [")
    assert not plain[0].startswith("{")


# ---------------------------------------------------------------- find


def test_find_all_of_and_any_of() -> None:
    def paragraphs(*args: str) -> list[int]:
        return [h["paragraph"] for h in as_json("find", *args)["hits"]]

    stability = paragraphs("strategic stability")
    missile = paragraphs("missile defence")
    assert (stability, missile) == ([14, 15, 17, 20, 21], [15])
    both = paragraphs("--all-of", "strategic stability", "--all-of", "missile defence")
    either = paragraphs("--any-of", "strategic stability", "--any-of", "导弹防御")
    assert both == [15]
    assert either == [14, 15, 17, 20, 21]
    verification = paragraphs("--any-of", "missile defence", "--any-of", "核查制度")
    assert verification == [14, 15, 17]
    # a query before the options counts as one more
    assert paragraphs("导弹防御", "--any-of", "核查制度") == verification


def test_find_exact_searches_only_the_form_given() -> None:
    every = run("find", "核国家").stdout.splitlines()
    exact = run("find", "核国家", "--exact").stdout.splitlines()
    assert every[0].startswith("searched: nuclear-weapon-states  forms: 核武器国家 · ")
    assert exact[0] == "searched: nuclear-weapon-states  forms: 核国家"
    assert exact[-1] == "11 mention(s) in 7 paragraph(s)"  # every 核国家 of the text
    assert every[-1] == "15 mention(s) in 8 paragraph(s)"


def test_find_direct_drops_the_nested_mention() -> None:
    nested = run("find", "nuclear test")
    direct = run("find", "nuclear test", "--direct")
    assert nested.exit_code == 0
    assert nested.stdout.splitlines()[-1] == "1 mention(s) in 1 paragraph(s)"
    assert (direct.exit_code, direct.stdout) == (1, "")
    assert direct.stderr == "npt-gloss: no paragraph mentions nuclear-test\n"


def test_find_full_prints_the_whole_paragraph() -> None:
    paragraph = as_json("show", "15")["paragraphs"][0]["text"]
    short = run("find", "导弹防御").stdout.splitlines()
    full = run("find", "导弹防御", "--full").stdout.splitlines()
    assert full[1] == f"  ¶15 {paragraph}"
    assert len(full) == 3  # one line per paragraph, not per mention
    assert len(short) == 4 and all(len(line) < len(full[1]) for line in short[1:3])


def test_find_json_against_the_plain_lines() -> None:
    plain = run("find", "导弹防御").stdout.splitlines()
    data = as_json("find", "导弹防御")
    assert data["concepts"] == ["missile-defence"]
    spans = [(h["paragraph"], s["form"], s["start"]) for h in data["hits"] for s in h["spans"]]
    assert spans == [(15, "导弹防御", 17), (15, "导弹防御", 88)]
    assert plain[-1] == f"{len(spans)} mention(s) in {len(data['hits'])} paragraph(s)"


# ---------------------------------------------------------------- cite


def test_cite_style_changes_the_citation() -> None:
    un = run("cite", "3").stdout
    chicago = run("cite", "3", "--style", "chicago").stdout
    apa = run("cite", "3", "-s", "apa").stdout
    assert un == (
        "Russian Federation, “核裁军：分担责任的领域” [Nuclear disarmament: areas of shared "
        "responsibility], working paper, para. 3.\n"
    )
    assert chicago == (
        "Russian Federation, “核裁军：分担责任的领域” [Nuclear disarmament: Areas of shared "
        "responsibility] (working paper submitted to the 2020 Review Conference of the Parties "
        "to the Treaty on the Non-Proliferation of Nuclear Weapons, New York, August 1–26, "
        "2022), para. 3.\n"
    )
    assert apa == "(Russian Federation, 2022, para. 3)\n"


def test_cite_lang_zh_gives_the_chinese_citation() -> None:
    assert (
        run("cite", "3", "--lang", "zh").stdout
        == "俄罗斯联邦，“核裁军：分担责任的领域”，工作文件，第3段。\n"
    )
    assert as_json("cite", "3", "--lang", "zh")["lang"] == "zh"
    assert as_json("cite", "3")["lang"] == "en"


def test_cite_quote_puts_the_paragraphs_before_the_citation() -> None:
    citation = run("cite", "12").stdout
    text = as_json("show", "12")["paragraphs"][0]["text"]
    assert run("cite", "12", "--quote").stdout == f"12. {text}\n\n{citation}"
    assert "quote" not in as_json("cite", "12")
    assert as_json("cite", "12", "--quote")["quote"] == f"12. {text}\n\n{citation.rstrip()}"


def test_cite_gloss_adds_the_english_to_the_quote() -> None:
    quoted = run("cite", "14", "--quote").stdout
    glossed = run("cite", "14", "--quote", "--gloss").stdout
    shown = run("show", "14", "--gloss").stdout.splitlines()[-1]
    assert glossed == quoted.replace(quoted.split("\n\n")[0], shown.strip(), 1)
    assert glossed != quoted and "核裁军[nuclear disarmament]" in glossed


def test_cite_copy_copies_exactly_what_is_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    from npt_gloss import clipboard

    copied: list[str] = []

    def fake_copy(text: str, **_: object) -> str:
        copied.append(text)
        return "copied to the clipboard"

    monkeypatch.setattr(clipboard, "copy_to_clipboard", fake_copy)
    plain = run("cite", "3", "5", "--quote")
    assert copied == []
    result = run("cite", "3", "5", "--quote", "--copy")
    assert result.stdout == plain.stdout
    assert copied == [plain.stdout.rstrip("\n")]
    assert "npt-gloss: copied to the clipboard\n" in result.stderr


def test_cite_doc_cites_that_document(two_documents: Path) -> None:
    text = str(two_documents)
    assert run("--text", text, "cite", "3").exit_code == 2
    other = run("--text", text, "cite", "3", "--doc", "other").stdout
    assert (
        other
        == "Russian Federation, “核裁军：分担责任的领域” [Another title], working paper, para. 3.\n"
    )
    shipped = run("--text", text, "cite", "3", "--doc", DOC).stdout
    assert shipped == run("cite", "3").stdout


def test_cite_json_holds_the_citation() -> None:
    plain = run("cite", "3", "5-7", "-s", "chicago-short").stdout
    assert as_json("cite", "3", "5-7", "-s", "chicago-short") == {
        "refs": [3, 5, 6, 7],
        "style": "chicago-short",
        "lang": "en",
        "citation": plain.rstrip("\n"),
    }


# ---------------------------------------------------------------- check (a draft)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    """Paragraph 14 in English, without "strategic stability"."""
    path = tmp_path / "draft.txt"
    path.write_text(
        "14. Progress on nuclear disarmament needs arms control, a verification mechanism and "
        "transparency from the nuclear-weapon States.\n",
        encoding="utf-8",
    )
    return path


def test_check_lang_sets_the_expected_forms(draft: Path) -> None:
    def missing(*args: str) -> list[tuple[str, list[str]]]:
        findings = as_json("check", str(draft), "--doc", DOC, *args)["findings"]
        return [(f["concept"], f["expected"]) for f in findings if f["kind"] == "missing"]

    assert missing() == [("strategic-stability", ["strategic stability"])]  # guessed: en
    assert missing("--lang", "en") == [("strategic-stability", ["strategic stability"])]
    assert missing("--lang", "zh") == [("strategic-stability", ["战略稳定性", "战略稳定"])]


def test_check_json_against_the_plain_report(draft: Path) -> None:
    plain = run("check", str(draft), "--doc", DOC)
    data = as_json("check", str(draft), "--doc", DOC)
    assert (data["doc"], data["lang"], data["draft"]) == (DOC, "en", str(draft))
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    lines = plain.stdout.splitlines()
    assert [line for line in lines if " error " in line] == [
        f"{draft}:1: ¶14 error missing: '战略稳定性' (strategic stability) is not rendered in "
        "paragraph 14"
    ]
    assert len(errors) == 1 and errors[0]["message"] in lines[13]
    assert (
        lines[-1]
        == f"{len(data['findings'])} finding(s), 1 error(s)"
        == "23 finding(s), 1 error(s)"
    )
    assert plain.exit_code == 1


def test_check_doc_checks_against_that_document(two_documents: Path, tmp_path: Path) -> None:
    path = tmp_path / "draft3.txt"
    path.write_text("3. A third paragraph about strategic stability.\n", encoding="utf-8")
    text = str(two_documents)
    # Without --doc the draft is checked alone: forms to avoid and consistency, no source.
    alone = as_json("--text", text, "check", str(path))
    assert alone["doc"] is None and alone["findings"] == []
    other = as_json("--text", text, "check", str(path), "--doc", "other")
    shipped = as_json("--text", text, "check", str(path), "--doc", DOC)
    assert other["doc"] == "other" and shipped["doc"] == DOC
    assert [f["concept"] for f in other["findings"] if f["severity"] == "error"] == []
    assert [f["concept"] for f in shipped["findings"] if f["severity"] == "error"] == [
        "nuclear-disarmament",  # 核裁军 and 审议进程 are in the shipped ¶3, not in the draft
        "review-process",
    ]


# ---------------------------------------------------------------- glossary


def test_glossary_check_info_lists_the_info_findings() -> None:
    quiet = run("glossary", "check").stdout.splitlines()
    told = run("glossary", "check", "--info").stdout.splitlines()
    assert quiet[:-1] == []  # the summary line alone
    infos = [line for line in told if ": info: " in line]
    assert infos and len(infos) == len(told) - 1
    counted = int(re.match(r"0 error\(s\), 0 warning\(s\), (\d+) info\(s\)$", told[-1])[1])
    assert counted == len(infos)


def test_glossary_check_json_counts_as_the_plain_summary() -> None:
    plain = run("glossary", "check").stdout.splitlines()[-1]
    data = as_json("glossary", "check")
    counts = data["counts"]
    assert (
        plain
        == f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info(s)"
    )
    assert data["file"] == str(paths.shipped("glossary.toml"))
    assert data["problems"] == []  # infos only with --info


def test_stats_json_against_the_plain_lines() -> None:
    plain = run("glossary", "stats").stdout.splitlines()
    data = as_json("glossary", "stats")
    assert plain[0] == (
        f"{data['concepts']} concepts, {data['forms']} forms; "
        f"{data['in_documents']} occur in 1 document(s)"
    )
    # 70, as export --doc lists: 决定 (decision, ¶22) is only a possible mention
    assert (data["concepts"], data["in_documents"]) == (shipped_concept_count(), 70)


def test_coverage_candidates_gives_exactly_that_many() -> None:
    every = [("采取行动", 3), ("实质性", 2)]  # the paper has only two
    for count, expected in ((0, []), (1, every[:1]), (2, every), (5, every)):
        data = as_json("glossary", "coverage", "--candidates", str(count))
        assert [(c["text"], c["count"]) for c in data["candidates"]] == expected
    plain = run("glossary", "coverage", "--candidates", "1").stdout.splitlines()
    assert plain[-2:] == ["candidate terms not in the glossary (frequency):", "    3  采取行动"]
    assert "candidate terms" not in run("glossary", "coverage", "--candidates", "0").stdout


def test_coverage_doc_counts_one_document(two_documents: Path) -> None:
    text = str(two_documents)
    (two_documents / "other.txt").write_text(
        (two_documents / "other.txt").read_text(encoding="utf-8").replace("导弹防御", "反导"),
        encoding="utf-8",
    )

    def counts(*args: str) -> dict[str, int]:
        data = as_json("--text", text, "glossary", "coverage", "--candidates", "0", *args)
        return {row["id"]: row["count"] for row in data["concepts"]}

    both, other, shipped = counts(), counts("--doc", "other"), counts("--doc", DOC)
    assert (shipped["missile-defence"], both["missile-defence"]) == (2, 2)
    assert "missile-defence" not in other
    assert shipped["disarmament"] == other["disarmament"] == 18 and both["disarmament"] == 36


def test_coverage_json_against_the_plain_lines() -> None:
    plain = run("glossary", "coverage", "--candidates", "0").stdout.splitlines()
    data = as_json("glossary", "coverage", "--candidates", "0")
    assert plain[0] == f"{len(data['concepts'])} concepts occur"
    first = data["concepts"][0]
    assert (first["id"], first["count"]) == ("disarmament", 18)
    assert plain[1] == "   18  disarmament / 裁军  ¶ 6, 7, 8, 10, 11, 13, 17, 18, 20, 21, 22, 23"


def test_export_format_chooses_the_format() -> None:
    heads = {fmt: run("glossary", "export", "--format", fmt).stdout for fmt in ("csv", "tsv")}
    assert heads["csv"] == run("glossary", "export").stdout  # the default
    assert heads["csv"].splitlines()[0].startswith("id,en,zh,en_variants,zh_variants,abbr,")
    assert heads["tsv"].splitlines()[0] == (
        "Treaty on the Non-Proliferation of Nuclear Weapons\t不扩散核武器条约\tThe 1968 "
        "multilateral treaty, in force since 1970 and extended indefinitely in 1995, under which "
        "States undertake to prevent the spread of nuclear weapons, pursue nuclear disarmament "
        "and cooperate in the peaceful use of nuclear energy."
    )
    tbx = run("glossary", "export", "--format", "tbx").stdout
    martif = run("glossary", "export", "--format", "tbx2").stdout
    assert "<tbx " in tbx and "<martif" not in tbx
    assert "<martif" in martif and "<tbx " not in martif


def test_export_from_chooses_the_source_column() -> None:
    en = run("glossary", "export", "--format", "tsv").stdout.splitlines()
    assert en == run("glossary", "export", "--format", "tsv", "--from", "en").stdout.splitlines()
    zh = run("glossary", "export", "--format", "tsv", "--from", "zh").stdout.splitlines()
    assert en[0].split("\t")[:2] == [
        "Treaty on the Non-Proliferation of Nuclear Weapons",
        "不扩散核武器条约",
    ]
    assert zh[0].split("\t")[:2] == [
        "不扩散核武器条约",
        "Treaty on the Non-Proliferation of Nuclear Weapons",
    ]


def test_export_output_writes_the_file_not_stdout(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    printed = run("glossary", "export").stdout
    written = run("glossary", "export", "-o", str(target))
    assert (written.exit_code, written.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == printed
    rows = list(csv.DictReader(io.StringIO(printed)))
    assert len(rows) == shipped_concept_count()


@pytest.fixture
def termbase(tmp_path: Path) -> Path:
    path = tmp_path / "mine.csv"
    path.write_text("id,en,zh\nzebra,zebra crossing,斑马线\n", encoding="utf-8")
    return path


def test_import_output_writes_the_file_not_stdout(termbase: Path, tmp_path: Path) -> None:
    printed = run("glossary", "import", str(termbase))
    assert printed.exit_code == 0
    assert printed.stdout.count("[[term]]") == 1 and 'id = "zebra"' in printed.stdout
    target = tmp_path / "mine.toml"
    written = run("glossary", "import", str(termbase), "-o", str(target))
    assert (written.exit_code, written.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == printed.stdout


def test_import_merge_adds_to_the_current_glossary(termbase: Path, tmp_path: Path) -> None:
    target = tmp_path / "merged.toml"
    assert run("glossary", "import", str(termbase), "--merge", "-o", str(target)).exit_code == 0
    merged = target.read_text(encoding="utf-8")
    alone = run("glossary", "import", str(termbase)).stdout
    assert merged.count("[[term]]") == shipped_concept_count() + 1 and alone.count("[[term]]") == 1
    stats = as_json("--glossary", str(target), "glossary", "stats")
    assert stats["concepts"] == shipped_concept_count() + 1
    found = as_json("--glossary", str(target), "lookup", "斑马线", "-n", "1")["results"]
    assert [r["id"] for r in found] == ["zebra"]


# ---------------------------------------------------------------- ingest


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    path = tmp_path / "small.raw.txt"
    path.write_text(SMALL_RAW, encoding="utf-8")
    return path


def test_ingest_dry_run_prints_and_writes_nothing(raw: Path, tmp_path: Path) -> None:
    text = tmp_path / "text"
    text.mkdir()
    dry = run("--text", str(text), "ingest", str(raw), "--id", "small", "--dry-run")
    assert dry.exit_code == 0 and list(text.iterdir()) == []
    assert dry.stdout.startswith('+++\nid = "small"\n')
    assert dry.stdout.endswith(
        "+++\n\n1. 第一段的开头，这一段写得很长，所以被硬换行成两行。\n\n2. 第二段只有一行。\n"
    )
    wet = run("--text", str(text), "ingest", str(raw), "--id", "small")
    assert wet.stdout == ""
    assert wet.stderr.splitlines()[-1] == f"wrote {text / 'small.txt'}: 2 paragraphs"
    assert wet.stderr.splitlines()[0] == f"read {raw} (text, 1 page, zh)"
    assert (text / "small.txt").read_text(encoding="utf-8") == dry.stdout


def test_ingest_id_names_the_document_and_its_file(raw: Path, tmp_path: Path) -> None:
    text = tmp_path / "text"
    text.mkdir()
    assert run("--text", str(text), "ingest", str(raw), "--id", "paper-2").exit_code == 0
    assert [p.name for p in text.iterdir()] == ["paper-2.txt"]
    assert as_json("--text", str(text), "show")["document"]["id"] == "paper-2"


def test_ingest_title_and_author_replace_the_header_guess(raw: Path) -> None:
    def head(*args: str) -> list[str]:
        out = run("ingest", str(raw), "--id", "small", "--dry-run", *args).stdout
        return [line for line in out.splitlines() if line.startswith(("title.zh", "author.zh"))]

    assert head() == ['title.zh = "测试文件的标题"', 'author.zh = "某国"']
    assert head("--title", "另一个标题") == ['title.zh = "另一个标题"', 'author.zh = "某国"']
    assert head("--author", "另一国") == ['title.zh = "测试文件的标题"', 'author.zh = "另一国"']


def test_ingest_output_writes_there(raw: Path, tmp_path: Path) -> None:
    text = tmp_path / "text"
    text.mkdir()
    target = tmp_path / "elsewhere.txt"
    done = run("--text", str(text), "ingest", str(raw), "--id", "small", "-o", str(target))
    assert done.stderr.splitlines()[-1] == f"wrote {target}: 2 paragraphs"
    assert list(text.iterdir()) == []
    dry = run("ingest", str(raw), "--id", "small", "--dry-run").stdout
    assert target.read_text(encoding="utf-8") == dry
