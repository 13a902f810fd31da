"""Issue 7: every bad input gets one clear line and the contract's exit code; hostile text is
shown, never obeyed; the program survives its environment (closed pipes, Ctrl-C, a non-UTF-8
terminal, an unwritable cache, read-only data).

The commands run through click's CliRunner; where the real process matters (signals, pipes,
the interpreter's encoding set-up) they run as ``python -m npt_gloss``. The unit tests of the
loaders (tests/test_glossary.py, test_corpus.py, test_textio.py) cover the library; these check
what a user sees.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SMALL_RAW, UNWRITABLE, unwritable_folder

from npt_gloss import paths, render
from npt_gloss.cli import cli
from npt_gloss.render import Output

REPO = Path(__file__).resolve().parent.parent
DOC_ID = "ru-wp-shared-responsibility"

# What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1 controls,
# bidi embeddings/overrides/isolates and marks, lone surrogates.
RAW_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own styling, the only escapes it may send


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def assert_clean(result: Result) -> None:
    """No traceback, no internal error, only the contract's exit codes."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr, result.stderr


def assert_error(result: Result, *fragments: str) -> str:
    """Exit 2 and exactly one line on stderr, an error naming ``fragments``."""
    assert_clean(result)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("npt-gloss: error: "), line
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    assert not RAW_CONTROL.search(line)
    return line


def python_cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "npt_gloss", *args]


def process_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NPT_GLOSS_", "PYTHONIO"))}
    env.update(NPT_GLOSS_CACHE=os.environ["NPT_GLOSS_CACHE"], NO_COLOR="1")
    env.update(extra)
    return env


def spawn(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        python_cli(*args), capture_output=True, env=env or process_env(), timeout=timeout
    )


# ---------------------------------------------------------------- small data sets

GLOSSARY = """\
[[term]]
id = "strategic-stability"
en = "strategic stability"
zh = "战略稳定性"
zh_variants = ["战略稳定"]

[[term]]
id = "missile-defence"
en = "missile defence"
zh = "导弹防御"
"""

FRONT = """\
+++
id = "{id}"
lang = "zh"
symbol = ""
title.zh = "测试文件"
title.en = "Test paper"
author.zh = "某国"
author.en = "Some State"
+++
"""

DOCUMENT = FRONT + "\n1. 战略稳定性是前提。\n\n2. 导弹防御因素。\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """A two-term glossary and a one-document text folder, both valid."""
    glossary = write(tmp_path / "glossary.toml", GLOSSARY)
    write(tmp_path / "text" / "paper.txt", DOCUMENT.format(id="paper"))
    return glossary, tmp_path / "text"


# ================================================================ 1. errors


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        # unknown paragraph
        (["show", "24"], ["paragraph 24 does not exist", "1–23"]),
        (["show", "0"], ["no paragraph 0"]),
        (["cite", "3", "99"], ["paragraph 99 does not exist", "1–23"]),
        (["show", "--json", "5-30"], ["paragraph 30 does not exist"]),
        # bad reference syntax
        (["show", "abc"], ["cannot read 'abc'"]),
        (["cite", "3-"], ["'3-' has no end"]),
        (["cite", "7-5"], ["runs backwards"]),
        (["cite", "para. x"], ["cannot read 'x'"]),
        (["show", "3 – –"], ["reference '3 – –'"]),
        # unknown style
        (["cite", "3", "--style", "nope"], ["unknown citation style 'nope'", "chicago"]),
        (["find", "核国家", "--cite", "nope"], ["unknown citation style 'nope'"]),
        (["cite", "3", "--style", "apa", "--lang", "zh"], ["apa", "zh"]),
        # unknown document id
        (["show", "--doc", "nope", "3"], ["unknown document 'nope'", DOC_ID]),
        (["cite", "3", "--doc", "nope"], ["unknown document 'nope'"]),
        (["find", "核国家", "--doc", "nope"], ["unknown document 'nope'"]),
        (["glossary", "coverage", "--doc", "nope"], ["unknown document 'nope'"]),
        # empty query
        (["lookup", ""], ["empty query"]),
        (["lookup", "   ", "\t"], ["empty query"]),
        (["find", ""], ["empty query"]),
        (["find", "--any-of", " ", "--any-of", ""], ["empty query"]),
        (["find", "--any-of", "a", "--all-of", "b"], ["either --any-of or --all-of"]),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], fragments: list[str]) -> None:
    assert_error(run(*args), *fragments)


def test_missing_files_are_named(tmp_path: Path) -> None:
    missing = tmp_path / "none.toml"
    assert_error(run("--glossary", str(missing), "lookup", "x"), str(missing), "not found")
    assert_error(run("--glossary", str(missing), "glossary", "check"), str(missing), "not found")
    folder = tmp_path / "no-text"
    assert_error(run("--text", str(folder), "show", "1"), str(folder), "not found")
    raw = tmp_path / "paper.raw.txt"
    assert_error(run("ingest", str(raw), "--id", "x", "--dry-run"), str(raw), "not found")


def test_directory_instead_of_file_and_back(tmp_path: Path) -> None:
    assert_error(run("--glossary", str(tmp_path), "lookup", "x"), str(tmp_path), "directory")
    assert_error(run("--glossary", str(tmp_path), "glossary", "check"), str(tmp_path), "directory")
    assert_error(run("ingest", str(tmp_path), "--id", "x", "--dry-run"), str(tmp_path), "directory")
    a_file = write(tmp_path / "file.txt", "x")
    assert_error(run("--text", str(a_file), "show"), str(a_file), "not a folder")


def test_the_environment_variables_are_checked_too(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    result = run("lookup", "x", env={"NPT_GLOSS_GLOSSARY": str(missing)})
    assert_error(result, str(missing))


def test_names_the_file_system_refuses_are_errors_not_crashes(tmp_path: Path) -> None:
    too_long = str(tmp_path / ("a" * 300))  # ENAMETOOLONG, not "not found"
    assert_error(run("--glossary", too_long, "lookup", "x"), "cannot open")
    assert_error(run("--text", too_long, "show", "1"), "cannot open")
    assert_error(run("--glossary", too_long, "glossary", "check"), "cannot read")
    assert_error(run("ingest", too_long, "--id", "x", "--dry-run"), "cannot read")
    # Names no file can have (no shell can pass them, but a script calling the library can).
    for bad_name in ("a\x00b", "\ud800"):
        assert_error(run("--glossary", bad_name, "lookup", "x"), "not found")
        assert_error(run("--glossary", bad_name, "glossary", "check"), "not a valid file name")
        assert_error(run("--text", bad_name, "show"), "not found")
    # Undecodable bytes in a name (\udcff from the shell) are just a name that does not exist.
    assert_error(run("ingest", str(tmp_path / "\udcff"), "--id", "x", "--dry-run"), "not found")
    assert_error(run("cite", "3", "--style", "csl:" + "a" * 300))  # "no such style", or install


def test_click_usage_errors_exit_2_without_traceback() -> None:
    for args in (
        ["lookup"],
        ["lookup", "x", "-n", "0"],
        ["cite", "3", "--lang", "fr"],
        ["nosuchcommand"],
        ["show", "--nosuchoption"],
        ["glossary", "stats", "extra"],
    ):
        result = run(*args)
        assert_clean(result)
        assert result.exit_code == 2 and result.stderr.strip(), args


@pytest.mark.parametrize(
    "args",
    [
        ["glossary", "stats", "x\u202eevil\nnext"],
        ["nosuch\u202e\x07"],
        ["lookup", "-\u202e"],
        ["lookup", "x", "-n", "\u2066\x07"],
        ["cite", "3", "--lang", "\u202e\x9b"],
    ],
    ids=["extra argument", "command", "option", "integer", "choice"],
)
def test_click_usage_errors_escape_what_was_typed(args: list[str]) -> None:
    result = run(*args)
    assert_clean(result)
    assert result.exit_code == 2
    assert not RAW_CONTROL.search(result.stderr), repr(result.stderr)
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and "\\u" in error_lines[0], result.stderr


# ================================================================ 2. malformed data

TERM = '[[term]]\nid = "arms-control"\nen = "arms control"\nzh = "军备控制"\n'

BAD_GLOSSARIES = [
    # (name, file bytes, line or None, fragment)
    ("toml syntax", TERM + 'en_variants = ["a",\n', 5, "TOML syntax error"),
    ("toml syntax mid-file", TERM + 'note = "open\n' + TERM, 5, "TOML syntax error"),
    ("missing id", '[[term]]\nen = "a"\nzh = "甲"\n', 1, "missing required key 'id'"),
    ("missing en", '[[term]]\nid = "a"\nzh = "甲"\n', 1, "missing required key 'en'"),
    ("missing zh", TERM + '\n[[term]]\nid = "b"\nen = "b"\n', 6, "missing required key 'zh'"),
    ("list for string", '[[term]]\nid = "a"\nen = ["a"]\nzh = "甲"\n', 3, "'en' must be a string"),
    ("string for list", TERM + 'zh_variants = "军控"\n', 5, "'zh_variants' must be a list"),
    ("number for id", '[[term]]\nid = 7\nen = "a"\nzh = "甲"\n', 2, "'id' must be a string"),
    ("empty term", '[[term]]\nid = "a"\nen = "a"\nzh = "  "\n', 4, "'zh' is empty"),
    ("empty variant", TERM + 'en_variants = [""]\n', 5, "non-empty strings"),
    ("bad id", '[[term]]\nid = "Arms_Control"\nen = "a"\nzh = "甲"\n', 2, "lower-case ASCII"),
    ("duplicate id", TERM + "\n" + TERM, 7, "duplicate id 'arms-control' (first at line 1)"),
    ("no [[term]]", 'title = "my glossary"\n', 1, "no [[term]]"),
    ("empty file", "", 1, "no [[term]]"),
    ("[term] not [[term]]", TERM.replace("[[term]]", "[term]"), 1, "no [[term]]"),
]
BAD_GLOSSARY_BYTES = [
    ("GBK", TERM.encode("gbk"), 4, "GBK"),
    ("UTF-16 with BOM", TERM.encode("utf-16"), 1, "UTF-16"),
    ("UTF-16 without BOM", TERM.encode("utf-16-le"), None, "UTF-16"),
    ("binary garbage", bytes(range(256)) * 8, None, "not a text file"),
    ("NUL bytes", b"\x00\x01\x02" * 100, None, "not"),
    ("raw ESC in a string", TERM.replace('"arms control"', '"arms\x1b[31m"').encode(), 3, "U+001B"),
    ("nested too deep", b"[[term]]\nid = " + b"[" * 3000 + b"]" * 3000 + b"\n", None, "TOML"),
]


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (c[1].encode() if isinstance(c[1], str) else c[1], *c[2:])
        for c in BAD_GLOSSARIES + BAD_GLOSSARY_BYTES
    ],
    ids=[c[0] for c in BAD_GLOSSARIES + BAD_GLOSSARY_BYTES],
)
def test_malformed_glossary_names_file_and_line(
    tmp_path: Path, small: tuple[Path, Path], data: bytes, line: int | None, fragment: str
) -> None:
    _, text = small
    bad = write(tmp_path / "bad.toml", data)
    place = f"{bad}:{line}:" if line else f"{bad}:"
    # Every command that needs the index fails the same way, and cleanly.
    for args in (
        ["lookup", "arms control"],
        ["find", "军备控制"],
        ["show", "1"],
        ["glossary", "stats"],
    ):
        assert_error(run("--glossary", str(bad), "--text", str(text), *args), place, fragment)
    # The linter reports it too (schema errors as a list on stdout, the rest as one error).
    check = run("--glossary", str(bad), "--text", str(text), "glossary", "check")
    assert_clean(check)
    assert check.exit_code == 2
    assert place.rstrip(":") in check.output and fragment in check.output


def test_bom_and_crlf_glossary_is_accepted(tmp_path: Path, small: tuple[Path, Path]) -> None:
    _, text = small
    glossary = write(
        tmp_path / "bom.toml", codecs.BOM_UTF8 + GLOSSARY.replace("\n", "\r\n").encode()
    )
    result = run("--glossary", str(glossary), "--text", str(text), "lookup", "导弹防御", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["en"] == "missile defence"
    assert run("--glossary", str(glossary), "--text", str(text), "glossary", "check").exit_code == 0


def test_glossary_errors_are_reported_again_after_a_fix(
    tmp_path: Path, small: tuple[Path, Path]
) -> None:
    """The cache never hides a broken glossary, nor keeps serving a fixed one's old error."""
    glossary, text = small
    ok = run("--glossary", str(glossary), "--text", str(text), "lookup", "导弹防御")
    assert ok.exit_code == 0
    original = glossary.read_text(encoding="utf-8")
    glossary.write_text(original + '\n[[term]]\nid = "x"\n', encoding="utf-8")
    assert_error(
        run("--glossary", str(glossary), "--text", str(text), "lookup", "导弹防御"),
        f"{glossary}:12:",
        "missing required key",
    )
    glossary.write_text(original, encoding="utf-8")
    assert (
        run("--glossary", str(glossary), "--text", str(text), "lookup", "导弹防御").exit_code == 0
    )


BODY = "\n1. 甲。\n\n2. 乙。\n"
BAD_DOCUMENTS = [
    ("numbering gap", FRONT + "\n1. 甲。\n\n3. 丙。\n", 13, "gap in paragraph numbers"),
    ("numbering repeat", FRONT + BODY + "\n2. 乙。\n", 15, "paragraph 2 repeats"),
    ("numbering starts at 2", FRONT + "\n2. 乙。\n", 11, "expected paragraph 1"),
    ("no front matter", "1. 甲。\n", 1, "missing front matter"),
    (
        "unterminated front matter",
        FRONT.rstrip("+\n") + "\n" + BODY,
        1,
        "unterminated front matter",
    ),
    ("broken front matter", FRONT.replace('"测试文件"', '"测试文件') + BODY, 5, "not valid TOML"),
    ("front matter without id", FRONT.replace('id = "{id}"\n', "") + BODY, 1, "'id'"),
    (
        "id differs from file name",
        FRONT.replace("{id}", "other") + BODY,
        2,
        "differs from the file name",
    ),
    ("empty paragraph", FRONT + "\n1. 甲。\n\n2.\n\n3. 丙。\n", 13, "paragraph 2 is empty"),
    ("no paragraphs", FRONT, 9, "no numbered paragraphs"),
    ("text before paragraph 1", FRONT + "\n前言\n\n1. 甲。\n", 11, "before the first numbered"),
]
BAD_DOCUMENT_BYTES = [
    ("GBK", (FRONT + BODY).encode("gbk"), 5, "GBK"),
    ("UTF-16", (FRONT + BODY).encode("utf-16"), 1, "UTF-16"),
    ("binary garbage", bytes(range(128, 256)) * 16, 1, "not a text file"),
]


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (c[1].encode() if isinstance(c[1], str) else c[1], *c[2:])
        for c in BAD_DOCUMENTS + BAD_DOCUMENT_BYTES
    ],
    ids=[c[0] for c in BAD_DOCUMENTS + BAD_DOCUMENT_BYTES],
)
def test_malformed_document_names_file_and_line(
    tmp_path: Path, small: tuple[Path, Path], data: bytes, line: int, fragment: str
) -> None:
    glossary, text = small
    bad = write(text / "paper.txt", data.replace(b"{id}", b"paper"))
    for args in (["show", "1"], ["lookup", "导弹防御"], ["find", "导弹防御"], ["cite", "1"]):
        assert_error(
            run("--glossary", str(glossary), "--text", str(text), *args), f"{bad}:{line}:", fragment
        )


def test_bom_and_crlf_document_is_accepted(small: tuple[Path, Path]) -> None:
    glossary, text = small
    write(
        text / "paper.txt",
        codecs.BOM_UTF8 + DOCUMENT.format(id="paper").replace("\n", "\r\n").encode(),
    )
    result = run("--glossary", str(glossary), "--text", str(text), "show", "--json")
    assert result.exit_code == 0, result.stderr
    paragraphs = json.loads(result.stdout)["paragraphs"]
    assert [p["text"] for p in paragraphs] == ["战略稳定性是前提。", "导弹防御因素。"]


def test_one_bad_document_among_good_ones_is_named(small: tuple[Path, Path]) -> None:
    glossary, text = small
    write(text / "second.txt", FRONT.format(id="second") + "\n1. 甲。\n\n3. 丙。\n")
    result = run("--glossary", str(glossary), "--text", str(text), "show", "--doc", "paper", "1")
    assert_error(result, str(text / "second.txt") + ":13:", "gap")


# ================================================================ 3. hostile text

# Markup, terminal controls and bidi overrides in every kind of field: the TOML escapes put
# ESC and BEL into strings (raw, they make the file binary); C1 and bidi controls are raw.
HOSTILE_GLOSSARY = """\
[[term]]
id = "red-team"
en = "[bold]red[/] team \\u001b[31mX\\u0007"
zh = "红队[/]"
en_variants = ["[/]", "[link=http://example.com]click[/link]"]
definition = "evil \u202edefinition\u202c \u009b31m end"
note = ":smile: [/] \\u001b]0;title\\u0007"
source = "\u2066isolated\u2069"

[[term]]
id = "strategic-stability"
en = "strategic stability"
zh = "战略稳定性"
"""

HOSTILE_DOCUMENT = """\
+++
id = "evil"
lang = "zh"
symbol = "[bold]S[/]\\u001b[2J"
title.zh = "标题[/]\\u001b]0;pwned\\u0007"
title.en = "[red]Title[/red] \u202eevil"
author.zh = "作者"
author.en = "Author [/]"
+++

1. 战略稳定性[bold]很重要[/]。\u202e反转\u202c文字 \u009b31m 红队[/]。

2. 第二段 [/] \u2066隔离\u2069。
"""

HOSTILE_VALUES = [
    "[bold]red[/] team \x1b[31mX\x07",
    "红队[/]",
    "evil \u202edefinition\u202c \x9b31m end",
    ":smile: [/] \x1b]0;title\x07",
    "[red]Title[/red] \u202eevil",
    "战略稳定性[bold]很重要[/]。\u202e反转\u202c文字 \x9b31m 红队[/]。",
]


@pytest.fixture
def hostile(tmp_path: Path) -> list[str]:
    glossary = write(tmp_path / "hostile.toml", HOSTILE_GLOSSARY)
    write(tmp_path / "htext" / "evil.txt", HOSTILE_DOCUMENT)
    return ["--glossary", str(glossary), "--text", str(tmp_path / "htext")]


HOSTILE_COMMANDS = [
    ["lookup", "红队[/]"],
    ["lookup", "red-team"],
    ["lookup", "战略稳定性"],
    ["show"],
    ["show", "1", "--gloss"],
    ["find", "战略稳定性", "--full"],
    ["find", "红队"],
    ["find", "[bold]", "--exact"],
    ["cite", "1", "2"],
    ["cite", "1", "--quote", "--gloss"],
    ["cite", "1", "--style", "markdown"],
    ["cite", "1", "--style", "bibtex"],
    ["glossary", "coverage"],
    ["glossary", "check", "--info"],
]


@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_data_is_escaped_in_plain_output(hostile: list[str], args: list[str]) -> None:
    result = run(*hostile, *args)
    assert_clean(result)
    assert not RAW_CONTROL.search(result.stdout), repr(result.stdout)
    assert not RAW_CONTROL.search(result.stderr), repr(result.stderr)


def test_hostile_data_is_literal_in_plain_output(hostile: list[str]) -> None:
    out = run(*hostile, "lookup", "红队[/]").stdout
    assert "[bold]red[/] team \\x1b[31mX\\x07" in out
    assert "evil \\u202edefinition\\u202c \\x9b31m end" in out
    assert "[link=http://example.com]click[/link]" in out and ":smile: [/]" in out
    shown = run(*hostile, "show").stdout
    assert "战略稳定性[bold]很重要[/]。\\u202e反转\\u202c文字 \\x9b31m 红队[/]。" in shown
    assert "标题[/]\\x1b]0;pwned\\x07" in shown and "\\u2066隔离\\u2069" in shown


@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_data_round_trips_through_json(hostile: list[str], args: list[str]) -> None:
    result = run(*hostile, *args, "--json")
    assert_clean(result)
    assert not RAW_CONTROL.search(result.stdout), repr(result.stdout)
    data = json.loads(result.stdout)  # escaped, yet the very same strings
    if args[0] == "show":
        assert data["document"]["title"]["en"] == "[red]Title[/red] \u202eevil"
        assert data["paragraphs"][0]["text"] == HOSTILE_VALUES[-1]
    if args[:2] == ["lookup", "红队[/]"]:
        top = data["results"][0]
        assert (top["en"], top["zh"], top["definition"]) == tuple(HOSTILE_VALUES[:3])
        assert top["note"] == HOSTILE_VALUES[3]


class _Terminal(io.TextIOBase):
    """A stream that says it is a terminal, so that Output.choose picks rich."""

    def __init__(self, target: io.TextIOBase) -> None:
        self._target = target

    def isatty(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return self._target.write(text)

    def flush(self) -> None:
        self._target.flush()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make every command render in rich mode, as on a terminal; records the modes used."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "100")
    chosen: list[str] = []
    original = Output.choose.__func__  # type: ignore[attr-defined]

    def choose(cls: type[Output], want_json: bool, stream: object = None) -> Output:
        out = original(cls, want_json, _Terminal(stream or sys.stdout))
        chosen.append(out.mode)
        return out

    monkeypatch.setattr(Output, "choose", classmethod(choose))
    return chosen


@pytest.mark.parametrize("args", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_data_is_escaped_in_rich_output(
    hostile: list[str], args: list[str], terminal: list[str]
) -> None:
    result = run(*hostile, *args)
    assert_clean(result)
    assert "rich" in terminal
    visible = SGR.sub("", result.stdout)
    assert not RAW_CONTROL.search(visible), repr(result.stdout)
    assert not RAW_CONTROL.search(result.stderr), repr(result.stderr)


def test_rich_output_prints_markup_literally(hostile: list[str], terminal: list[str]) -> None:
    out = SGR.sub("", run(*hostile, "lookup", "红队[/]").stdout)
    assert "[bold]red[/] team \\x1b[31mX\\x07" in out
    assert "[link=http://example.com]click[/link]" in out and ":smile: [/]" in out
    assert "😄" not in out  # no emoji codes either
    shown = SGR.sub("", run(*hostile, "show", "1").stdout)
    assert "[bold]很重要[/]" in shown and "\\u202e反转" in shown


def test_rich_renderer_directly() -> None:
    """Output("rich") itself: markup literal, controls escaped, only its own SGR codes raw."""
    stream = _Terminal(io.StringIO())  # type: ignore[arg-type]
    evil = "[bold]x[/] [/] \x1b[31mred\x07 \u202eevil\u202c \x9b2J \ud800 [link=x]y[/link]"
    Output.choose(False, stream).lines([[("12. ", "num"), (evil * 4, "")], [(evil, "hl")]])
    raw = stream._target.getvalue()  # type: ignore[attr-defined]
    assert SGR.search(raw), "not rendered by rich"
    visible = SGR.sub("", raw)
    assert not RAW_CONTROL.search(visible), repr(raw)
    assert (
        "[bold]x[/] [/] \\x1b[31mred\\x07 \\u202eevil\\u202c \\x9b2J \\ud800 [link=x]y[/link]"
        in visible
    )


@pytest.mark.parametrize(
    "query",
    [
        "[bold]x[/]",
        "[/]",
        "\x1b]0;pwned\x07",
        "a\u202eb",
        "\x9b31m",
        "x\ny",
        "\ud83d",
        "[red]核[/red]",
    ],
)
def test_hostile_queries_are_shown_escaped(query: str) -> None:
    for args in (
        ["lookup", query],
        ["find", query],
        ["lookup", query, "--json"],
        ["find", query, "--json"],
        ["show", query],
        ["cite", query],
        ["cite", "3", "--style", query],
        ["show", "--doc", query],
    ):
        result = run(*args)
        assert_clean(result)
        assert not RAW_CONTROL.search(result.stdout), (args, result.stdout)
        assert not RAW_CONTROL.search(result.stderr), (args, result.stderr)
        assert len(result.stderr.splitlines()) <= 1, (args, result.stderr)
        if "--json" in args:
            assert json.loads(result.stdout)["query"] == query
    # Markup in a query is echoed as typed.
    assert "[bold]x[/]" in run("lookup", "[bold]x[/]").stderr


def test_json_escapes_every_terminal_control() -> None:
    evil = "\x1b \x07 \x00 \x7f \x85 \x9b \u202e \u2066 \u200f \u2028 \ud800"
    text = render.to_json({"s": evil})
    assert not RAW_CONTROL.search(text) and "\u2028" not in text
    assert json.loads(text) == {"s": evil}


LONG_QUERIES = {
    "chinese": "核" * 100_000,
    "a term repeated": "战略稳定性" * 20_000,
    "latin words": "ab " * 33_334,
    "one latin word": "x" * 100_000,
    "digits": "1" * 100_000,
    "markup": "[bold]x[/]" * 10_000,
    "controls": "\x1b[31m\u202e\x07" * 20_000,
    "pinyin": "zhan lue wen ding " * 5_556,
}


@pytest.mark.parametrize("query", LONG_QUERIES.values(), ids=LONG_QUERIES.keys())
def test_queries_of_100000_characters_are_cut_and_answered(query: str) -> None:
    # How fast is measured by benchmarks/bench.py ("100,000 characters"), not here.
    assert len(query) >= 100_000
    for args in (
        ["lookup", query],
        ["lookup", query, "--json"],
        ["find", query],
        ["find", query, "--exact"],
        ["find", "--all-of", query, "--all-of", "核"],
        ["show", query],
        ["cite", query],
    ):
        result = run(*args)
        assert_clean(result)
        assert not RAW_CONTROL.search(result.stderr)
        if args[0] in ("lookup", "find"):
            assert result.exit_code in (0, 1), (args[0], result.stderr[:200])
            assert len(result.stderr) < 2000  # the echo of the query is cut


def test_a_long_query_through_the_real_process() -> None:
    # One argument is limited to 128 KiB by the kernel: give 100,000 characters in ten.
    words = ["核武器国家" * 2_000] * 10
    result = spawn("lookup", *words, "--json", timeout=30)
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["query"] == " ".join(words)


# ================================================================ 4. environment


def _closed_pipe_run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reader has already gone (like `| head` after its line)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            python_cli(*args),
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=process_env(),
            timeout=60,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ["show"],
        ["show", "--json"],
        ["lookup", "nuclear", "-n", "20"],
        ["lookup", "NPT", "--json"],
        ["find", "核国家"],
        ["cite", "3"],
        ["glossary", "coverage"],
        ["glossary", "stats"],
        ["glossary", "check"],
        ["--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_closed_pipe_ends_quietly(args: list[str]) -> None:
    result = _closed_pipe_run(args)
    assert b"Traceback" not in result.stderr and b"Exception ignored" not in result.stderr
    assert b"Broken pipe" not in result.stderr and b"BrokenPipe" not in result.stderr
    if args[0].startswith("--"):
        assert result.returncode in (0, 1)  # click's own help and version end with 1 here
    else:
        assert result.returncode == 0, result.stderr


def test_reader_that_stops_after_a_line() -> None:
    """`npt-gloss show | head -1`: the rest of the output is dropped without a word."""
    proc = subprocess.Popen(
        python_cli("lookup", "nuclear", "-n", "100", "--json"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().strip() == b"{"
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
@pytest.mark.parametrize("where", ["glossary", "ingest"])
def test_ctrl_c_exits_130_without_a_traceback(tmp_path: Path, where: str) -> None:
    """Ctrl-C while the program waits for its input (a FIFO nobody writes to)."""
    fifo = tmp_path / "input.fifo"
    os.mkfifo(fifo)
    args = (
        ["--glossary", str(fifo), "lookup", "x"]
        if where == "glossary"
        else ["ingest", str(fifo), "--id", "x", "--dry-run"]
    )
    proc = subprocess.Popen(
        python_cli(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(NPT_GLOSS_CACHE=str(tmp_path / "cache")),
    )
    writer = _open_fifo_writer(fifo, proc)
    try:
        time.sleep(0.1)  # the reader now blocks in read()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        os.close(writer)
    assert proc.returncode == 130, stderr
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr
    assert stdout == b""


def _open_fifo_writer(fifo: Path, proc: subprocess.Popen[bytes]) -> int:
    """Open the FIFO's write end once the process has opened its read end."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the process never opened the FIFO: {proc.communicate()}")
        time.sleep(0.02)


def test_ctrl_c_in_the_library_is_130(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wherever KeyboardInterrupt is raised inside a command, the exit code is 130."""
    import npt_gloss.match

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(npt_gloss.match, "lookup_counted", interrupted)
    result = CliRunner().invoke(cli, ["lookup", "x"])
    assert result.exit_code == 130 and "Traceback" not in result.output


LOOKUP = ["lookup", "导弹防御", "-n", "1"]


def test_lang_c_still_prints_chinese() -> None:
    env = process_env(LANG="C", LC_ALL="C")
    env.pop("PYTHONUTF8", None)
    result = spawn(*LOOKUP, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")  # UTF-8 or escapes, never a crash
    assert "导弹防御" in out or "\\u5bfc\\u5f39\\u9632\\u5fa1" in out
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_non_utf8_stdout_escapes_chinese_and_explains(encoding: str) -> None:
    env = process_env(PYTHONIOENCODING=encoding, LANG="C", LC_ALL="C")
    result = spawn(*LOOKUP, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode(encoding)
    assert "missile defence" in out and "\\u5bfc\\u5f39\\u9632\\u5fa1" in out
    assert b"UTF-8" in result.stderr and b"Traceback" not in result.stderr
    # Nothing found, with Chinese in the message: still one clean line.
    miss = spawn("lookup", "核xyzzy", env=env)
    assert miss.returncode == 1 and b"Traceback" not in miss.stderr
    assert b"nothing found" in miss.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_non_utf8_stdout_json_stays_valid_json(encoding: str) -> None:
    wanted = json.loads(spawn(*LOOKUP, "--json").stdout.decode("utf-8"))
    result = spawn(*LOOKUP, "--json", env=process_env(PYTHONIOENCODING=encoding))
    assert result.returncode == 0, result.stderr
    result.stdout.decode("ascii")  # pure ASCII: readable whatever the consumer assumes
    assert json.loads(result.stdout) == wanted
    assert wanted["results"][0]["pinyin"] == "dǎo dàn fáng yù"


def _cache_output(cache: Path | str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return spawn(*args, env=process_env(NPT_GLOSS_CACHE=str(cache)))


@pytest.mark.parametrize("case", UNWRITABLE)
def test_unwritable_cache_costs_only_speed(tmp_path: Path, case: str) -> None:
    args = ["lookup", "strategic stabilty", "--json"]
    wanted = _cache_output(tmp_path / "good-cache", *args)
    assert wanted.returncode == 0
    cache = unwritable_folder(tmp_path, case)
    try:
        for _ in range(2):  # and again: nothing half-written is left to trip over
            result = _cache_output(cache, *args)
            assert result.returncode == 0, result.stderr
            assert result.stdout == wanted.stdout
            assert b"Traceback" not in result.stderr
            assert len(result.stderr.splitlines()) <= 1, result.stderr
    finally:
        if (tmp_path / "read-only").exists():
            (tmp_path / "read-only").chmod(0o755)


def test_corrupt_cache_files_are_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["find", "strategic stability", "--json"]
    wanted = _cache_output(cache, *args)
    assert wanted.returncode == 0 and any(cache.iterdir())
    files = [p for p in cache.iterdir() if p.is_file()]
    originals = {p: p.read_bytes() for p in files}
    for damage in (
        lambda b: b"",
        lambda b: b[: len(b) // 2],
        lambda b: b"\x00" * len(b),
        lambda b: b[:64] + bytes(range(256)) + b[320:],
        lambda b: b"garbage",
    ):
        for path, data in originals.items():
            path.write_bytes(damage(data))
        result = _cache_output(cache, *args)
        assert result.returncode == 0, result.stderr
        assert result.stdout == wanted.stdout
        assert b"Traceback" not in result.stderr


def _snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mode, p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


def test_read_only_data_still_answers_queries(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(paths.shipped("glossary.toml"), data / "glossary.toml")
    shutil.copytree(paths.shipped("text"), data / "text")
    for path in [*data.rglob("*"), data]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    before = _snapshot(data)
    env = process_env(
        NPT_GLOSS_GLOSSARY=str(data / "glossary.toml"),
        NPT_GLOSS_TEXT=str(data / "text"),
        NPT_GLOSS_CACHE=str(tmp_path / "cache"),
    )
    try:
        for args, code in (
            (["lookup", "导弹防御"], 0),
            (["find", "核国家", "--json"], 0),
            (["show", "17"], 0),
            (["cite", "3", "5-7"], 0),
            (["glossary", "check"], 0),
            (["glossary", "stats"], 0),
            (["glossary", "coverage"], 0),
            (["lookup", "qqqzzz"], 1),
        ):
            result = spawn(*args, env=env)
            assert result.returncode == code, (args, result.stderr)
            assert b"Traceback" not in result.stderr and b"warning" not in result.stderr
        # The cache folder inside the read-only data: queries still work (without a cache).
        env["NPT_GLOSS_CACHE"] = str(data / ".cache")
        result = spawn("lookup", "导弹防御", env=env)
        assert result.returncode == 0 and b"Traceback" not in result.stderr
        if not os.access(data, os.W_OK):
            assert _snapshot(data) == before
    finally:
        for path in [data, *data.rglob("*")]:
            if path.is_dir():
                path.chmod(stat.S_IRWXU)
    if os.access(data, os.W_OK):  # root: the permissions were no obstacle; nothing was written
        shutil.rmtree(data / ".cache", ignore_errors=True)
    assert {k: v[1:] for k, v in _snapshot(data).items()} == {k: v[1:] for k, v in before.items()}


# ================================================================ 5. writes


@pytest.fixture
def small_raw(tmp_path: Path) -> Path:
    return write(tmp_path / "small.raw.txt", SMALL_RAW)  # from conftest


def test_the_small_raw_text_ingests_to_two_paragraphs(tmp_path: Path, small_raw: Path) -> None:
    text = tmp_path / "text"
    text.mkdir()
    done = run("--text", str(text), "ingest", str(small_raw), "--id", "small")
    assert done.exit_code == 0, done.stderr
    shown = json.loads(run("--text", str(text), "show", "--json").stdout)
    assert [p["text"] for p in shown["paragraphs"]] == [
        "第一段的开头，这一段写得很长，所以被硬换行成两行。",
        "第二段只有一行。",
    ]


def test_ingest_never_damages_an_existing_file(tmp_path: Path, small_raw: Path) -> None:
    text = tmp_path / "text"
    target = write(text / "paper.txt", "precious\n")
    refused = run("--text", str(text), "ingest", str(small_raw), "--id", "paper")
    assert_error(refused, str(target), "exists", "--force")
    broken = write(tmp_path / "broken.raw.txt", "\n\n")
    assert_error(
        run("--text", str(text), "ingest", str(broken), "--id", "paper", "--force"), str(broken)
    )
    gbk = write(tmp_path / "gbk.raw.txt", "核裁军\n".encode("gbk"))
    assert_error(run("--text", str(text), "ingest", str(gbk), "--id", "paper", "--force"), "GBK")
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in text.iterdir()) == ["paper.txt"]  # no temporary file left
    done = run("--text", str(text), "ingest", str(small_raw), "--id", "paper", "--force")
    assert done.exit_code == 0, done.stderr
    shown = run("--text", str(text), "show", "--json", "--doc", "paper")
    assert shown.exit_code == 0 and len(json.loads(shown.stdout)["paragraphs"]) == 2


@pytest.mark.parametrize("doc_id", ["../escaped", "a/b", "", ".hidden", "Bad Id", "x\x1b", "-x"])
def test_ingest_refuses_ids_the_loader_would_reject(
    tmp_path: Path, small_raw: Path, doc_id: str
) -> None:
    text = tmp_path / "text"
    text.mkdir()
    result = run("--text", str(text), "ingest", str(small_raw), "--id", doc_id)
    assert_clean(result)
    assert result.exit_code == 2
    assert list(tmp_path.rglob("*.txt")) == [small_raw]  # nothing written beside the raw text


def test_write_atomic_refuses_impossible_names(tmp_path: Path) -> None:
    from npt_gloss.errors import DataError
    from npt_gloss.textio import write_atomic

    for name in ("a\x00b.txt", "\ud800.txt"):
        with pytest.raises(DataError, match="not a valid file name"):
            write_atomic(tmp_path / name, "x")
    assert list(tmp_path.iterdir()) == []
