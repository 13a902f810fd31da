"""Fuzz every command's arguments and the data files (Hypothesis, a bounded number of examples).

Whatever is typed -- random Unicode, terminal controls, lone surrogates (undecodable bytes in
an argument), very long strings, odd paragraph references, odd option values -- and whatever a
glossary or document file holds, the only exit codes are 0, 1 and 2, nothing prints a
traceback or an "internal error", nothing writes a raw control character, and ``--json``
prints one parseable object. ``ingest`` writes only documents that load back.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SMALL_RAW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npt_gloss.cli import cli
from npt_gloss.corpus import read_document

REPO = Path(__file__).resolve().parent.parent

DOC_ID = "ru-wp-shared-responsibility"

# Bounded for CI; set NPT_GLOSS_FUZZ_EXAMPLES=2000 for a long hunt.
FUZZ = settings(
    max_examples=int(os.environ.get("NPT_GLOSS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

RAW_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)

# ---------------------------------------------------------------- strategies

HOSTILE = [
    "\x1b",
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x07",
    "\x00",
    "\x7f",
    "\x9b",
    "\x85",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u2028",
    "\ud800",
    "\udcff",
    "\ufeff",
    "\n",
    "\r\n",
    "\t",
    "\u3000",
    " ",
    "  ",
    "[",
    "]",
    "[/]",
    "[bold]",
    "[link=x]",
    ":smile:",
    "\\",
    '"',
    "'",
    "%s",
    "{}",
    "${x}",
    "-",
    "--",
    "–",
    "—",
    "‑",
    "~",
    ",",
    ";",
    "、",
    "&",
    "and",
    "to",
    "through",
    "至",
    "到",
    "和",
    "para.",
    "paras",
    "paragraph",
    "¶",
    "¶¶",
    "第",
    "段",
    "0",
    "1",
    "3",
    "17",
    "23",
    "24",
    "１７",
    "٣",
    "999999999999999",
    "-1",
    "3-5",
    "5-3",
    "3–",
    "–5",
    "核",
    "核国家",
    "战略稳定性",
    "戰略穩定性",
    "NPT",
    "npt",
    "strategic stabilty",
    "zhanlue",
    "nuclear-weapon States",
    "csl:",
    "csl:apa",
    "un",
    "chicago",
    "gbt7714",
    "bibtex",
    DOC_ID,
    "../",
    "/",
    "..",
    ".",
    "~/x",
    "x.txt",
]

piece = st.one_of(
    st.sampled_from(HOSTILE), st.text(max_size=12), st.characters(codec="utf-8").map(str)
)
short_text = st.lists(piece, max_size=6).map("".join)
long_text = st.builds(
    lambda p, n: p * n,
    st.sampled_from([*HOSTILE[:20], "ab ", "核武器", "1,"]),
    st.integers(200, 30_000),
)
text_arg = st.one_of(short_text, short_text, short_text, long_text)

ref_piece = st.one_of(st.integers(-3, 30).map(str), st.sampled_from(HOSTILE[38:72]), piece)
ref_arg = st.lists(ref_piece, min_size=1, max_size=6).flatmap(
    lambda parts: st.sampled_from([" ", "", ",", "-", " and "]).map(lambda sep: sep.join(parts))
)

STYLES = [
    "un",
    "chicago",
    "chicago-short",
    "chicago-bib",
    "apa",
    "apa-ref",
    "mla",
    "mla-ref",
    "oscola",
    "bluebook",
    "gbt7714",
    "plain",
    "markdown",
    "bibtex",
    "ris",
    "csl-json",
]
style_arg = st.one_of(st.sampled_from(STYLES), text_arg, text_arg.map(lambda s: "csl:" + s))
doc_arg = st.one_of(st.just(DOC_ID), text_arg)
number_arg = st.one_of(st.integers(-10, 3000).map(str), text_arg)


def positionals(values: list[str], dashdash: bool) -> list[str]:
    """Arguments after the options; with ``--`` even those that start with a dash."""
    return ["--", *values] if dashdash else values


def options(**chosen: object) -> list[str]:
    """``--name value`` for every value that is not None; flags for True."""
    out: list[str] = []
    for name, value in chosen.items():
        flag = "--" + name.replace("_", "-")
        if value is True:
            out.append(flag)
        elif isinstance(value, str):
            out += [flag, value]
        elif isinstance(value, list):
            for item in value:
                out += [flag, item]
    return out


# ---------------------------------------------------------------- checking


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args)


def check(result: Result, args: list[str], *, stdout_is_data: bool = False) -> None:
    context = (args[:12], result.exit_code, result.stdout[-500:], result.stderr[-500:])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(context) from result.exception
    assert result.exit_code in (0, 1, 2), context
    assert "Traceback" not in result.output, context
    assert "internal error" not in result.stderr, context
    assert not RAW_CONTROL.search(result.stderr), context
    if not stdout_is_data:
        assert not RAW_CONTROL.search(result.stdout), context
    if (
        "--json" in args
        and result.exit_code in (0, 1)
        and not {"-h", "--help", "-V", "--version"} & set(args)
    ):
        assert isinstance(json.loads(result.stdout), dict), context
    linting = "glossary" in args and "check" in args[args.index("glossary") :]
    if result.exit_code == 2 and not linting:  # (the linter lists its findings on stdout)
        assert result.stdout == "", context  # an error prints nothing half-done


# ---------------------------------------------------------------- commands


@FUZZ
@given(
    query=st.lists(text_arg, max_size=3),
    limit=st.one_of(st.none(), number_arg),
    as_json=st.booleans(),
    dashdash=st.booleans(),
)
def test_fuzz_lookup(query: list[str], limit: str | None, as_json: bool, dashdash: bool) -> None:
    args = ["lookup", *options(limit=limit, json=as_json), *positionals(query, dashdash)]
    check(invoke(args), args)


@FUZZ
@given(
    query=st.lists(text_arg, max_size=3),
    any_of=st.lists(text_arg, max_size=2),
    all_of=st.lists(text_arg, max_size=2),
    exact=st.booleans(),
    full=st.booleans(),
    context=st.one_of(st.none(), number_arg),
    cite=st.one_of(st.none(), style_arg),
    doc=st.one_of(st.none(), doc_arg),
    as_json=st.booleans(),
    dashdash=st.booleans(),
)
def test_fuzz_find(
    query: list[str],
    any_of: list[str],
    all_of: list[str],
    exact: bool,
    full: bool,
    context: str | None,
    cite: str | None,
    doc: str | None,
    as_json: bool,
    dashdash: bool,
) -> None:
    args = [
        "find",
        *options(
            any_of=any_of,
            all_of=all_of,
            exact=exact,
            full=full,
            context=context,
            cite=cite,
            doc=doc,
            json=as_json,
        ),
        *positionals(query, dashdash),
    ]
    check(invoke(args), args)


@FUZZ
@given(
    refs=st.lists(ref_arg, max_size=3),
    doc=st.one_of(st.none(), doc_arg),
    gloss=st.booleans(),
    as_json=st.booleans(),
    dashdash=st.booleans(),
)
def test_fuzz_show(
    refs: list[str], doc: str | None, gloss: bool, as_json: bool, dashdash: bool
) -> None:
    args = ["show", *options(doc=doc, gloss=gloss, json=as_json), *positionals(refs, dashdash)]
    check(invoke(args), args)


@FUZZ
@given(
    refs=st.lists(st.one_of(ref_arg, text_arg), min_size=1, max_size=3),
    style=st.one_of(st.none(), style_arg),
    lang=st.one_of(st.none(), st.sampled_from(["en", "zh"]), text_arg),
    quote=st.booleans(),
    gloss=st.booleans(),
    doc=st.one_of(st.none(), doc_arg),
    as_json=st.booleans(),
    dashdash=st.booleans(),
)
def test_fuzz_cite(
    refs: list[str],
    style: str | None,
    lang: str | None,
    quote: bool,
    gloss: bool,
    doc: str | None,
    as_json: bool,
    dashdash: bool,
) -> None:
    # --copy is left out: it would write to the clipboard or to /dev/tty.
    args = [
        "cite",
        *options(style=style, lang=lang, quote=quote, gloss=gloss, doc=doc, json=as_json),
        *positionals(refs, dashdash),
    ]
    check(invoke(args), args)


@FUZZ
@given(
    command=st.sampled_from(["check", "stats", "coverage"]),
    info=st.booleans(),
    candidates=st.one_of(st.none(), number_arg),
    doc=st.one_of(st.none(), doc_arg),
    as_json=st.booleans(),
    extra=st.lists(text_arg, max_size=1),
)
def test_fuzz_glossary_commands(
    command: str,
    info: bool,
    candidates: str | None,
    doc: str | None,
    as_json: bool,
    extra: list[str],
) -> None:
    chosen: dict[str, object] = {"json": as_json}
    if command == "check":
        chosen["info"] = info
    if command == "coverage":
        chosen.update(candidates=candidates, doc=doc)
    args = ["glossary", command, *options(**chosen), *extra]
    check(invoke(args), args)


@FUZZ
@given(
    words=st.lists(
        st.one_of(
            text_arg,
            st.sampled_from(
                [
                    "show",
                    "lookup",
                    "find",
                    "cite",
                    "ingest",
                    "glossary",
                    "check",
                    "stats",
                    "coverage",
                    "-h",
                    "--help",
                    "-V",
                    "--version",
                    "--json",
                    "--glossary",
                    "--text",
                    "--doc",
                    "-n",
                    "--style",
                    "--",
                    "-",
                ]
            ),
        ),
        max_size=6,
    )
)
def test_fuzz_any_command_line(words: list[str]) -> None:
    if "ingest" in words or "--copy" in words:
        words = ["show", *words]  # ingest writes files: fuzzed on its own below
    result = invoke(words)
    check(result, words)


@FUZZ
@given(
    glossary=st.one_of(text_arg, st.sampled_from(["/", "/nonexistent/g.toml", ".", "/dev/null"])),
    text=st.one_of(text_arg, st.sampled_from(["/", "/nonexistent", ".", "/dev/null"])),
    command=st.sampled_from(
        [
            ["lookup", "NPT"],
            ["show", "1"],
            ["glossary", "stats"],
            ["glossary", "check"],
            ["find", "核国家"],
        ]
    ),
)
def test_fuzz_data_paths(glossary: str, text: str, command: list[str]) -> None:
    if glossary == "" or text == "":
        return  # "" means the default
    args = ["--glossary", glossary, "--text", text, *command]
    check(invoke(args), args)


# ---------------------------------------------------------------- ingest


@pytest.fixture(scope="module")
def ingest_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ingest")


@FUZZ
@given(
    doc_id=st.one_of(st.sampled_from(["paper", "x.y_z", "A-1", "9"]), text_arg),
    title=st.one_of(st.none(), text_arg),
    author=st.one_of(st.none(), text_arg),
    dry_run=st.booleans(),
)
def test_fuzz_ingest_options(
    ingest_dir: Path, doc_id: str, title: str | None, author: str | None, dry_run: bool
) -> None:
    text = ingest_dir / "text"
    shutil.rmtree(text, ignore_errors=True)
    text.mkdir()
    raw = ingest_dir / "small.raw.txt"
    raw.write_text(SMALL_RAW, encoding="utf-8")
    args = [
        "--text",
        str(text),
        "ingest",
        str(raw),
        *options(id=doc_id, title=title, author=author, dry_run=dry_run),
        "--force",
    ]
    result = invoke(args)
    check(result, args, stdout_is_data=True)
    written = list(text.rglob("*.txt"))
    if dry_run or result.exit_code != 0:
        assert written == [], written
        return
    # What ingest writes, the loader reads: same id, same title and author.
    assert written == [text / f"{doc_id}.txt"]
    doc = read_document(written[0])
    assert doc.id == doc_id and len(doc.paragraphs) == 2
    if title is not None:
        assert doc.meta.title.zh == title
    if author is not None:
        assert doc.meta.author.zh == author


raw_text = st.lists(
    st.one_of(
        piece,
        st.sampled_from(
            [
                "\n",
                "\n\n",
                "  ",
                "　　",
                "1.",
                "– ",
                "- ",
                "。",
                "提交的工作文件",
                "2022 年 8 月 1 日",
            ]
        ),
    ),
    max_size=40,
).map("".join)
_counter = itertools.count()


@FUZZ
@given(
    data=st.one_of(
        raw_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=300),
        raw_text.map(lambda t: t.encode("utf-16", "surrogatepass")),
        raw_text.map(lambda t: t.encode("gb18030", "replace")),
    )
)
def test_fuzz_ingest_raw_file(ingest_dir: Path, data: bytes) -> None:
    raw = ingest_dir / f"raw-{next(_counter)}.txt.raw"
    raw.write_bytes(data)
    args = ["ingest", str(raw), "--id", "x", "--dry-run"]
    result = invoke(args)
    check(result, args, stdout_is_data=True)
    if result.exit_code == 2:
        assert str(raw) in result.stderr, result.stderr  # the message names the raw file
    raw.unlink()


# ---------------------------------------------------------------- data files

KEYS = [
    "id",
    "en",
    "zh",
    "en_variants",
    "zh_variants",
    "abbr",
    "en_deprecated",
    "zh_deprecated",
    "pinyin",
    "domain",
    "definition",
    "note",
    "source",
    "see",
]
toml_string = st.one_of(st.text(max_size=15), st.sampled_from(HOSTILE)).map(
    lambda s: json.dumps(s, ensure_ascii=False)
)
toml_value = st.one_of(
    toml_string,
    st.lists(toml_string, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
    st.sampled_from(
        [
            '"arms-control"',
            '"军备控制"',
            '"arms control"',
            "3",
            "true",
            "[",
            '"open',
            "{a = 1}",
            "1979-05-27",
            "[[1]]",
            '""',
            '"  "',
            '["", "x"]',
            "'literal'",
        ]
    ),
)
toml_line = st.one_of(
    st.just("[[term]]"),
    st.just("[[term]]"),
    st.sampled_from(["[term]", "[[ term ]]", "[other]", ""]),
    st.builds(
        lambda key, value: f"{key} = {value}",
        st.sampled_from([*KEYS, *KEYS[:3], "x", "id.x"]),
        toml_value,
    ),
    short_text,
)


def _toml(value: object) -> str:
    """A TOML string or array of strings (JSON's syntax, but DEL and astral chars raw)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_term(term_id: str, en: str, zh: str, extra: list[tuple[str, list[str]]]) -> str:
    lines = ["[[term]]", f'id = "{term_id}"', f"en = {_toml(en)}", f"zh = {_toml(zh)}"]
    lines += [f"{key} = {_toml(values)}" for key, values in extra]
    return "\n".join(lines)


form = st.one_of(st.sampled_from(HOSTILE), short_text).filter(
    lambda s: s.strip() and not re.search(r"[\ud800-\udfff]", s)
)
valid_term = st.builds(
    _toml_term,
    st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True),
    form,
    form,
    st.lists(
        st.tuples(st.sampled_from(KEYS[3:8]), st.lists(form, max_size=3)),
        max_size=3,
        unique_by=lambda pair: pair[0],
    ),
)
# Schema-valid glossaries with hostile forms (they build an index), or near-TOML soup.
glossary_text = st.one_of(
    st.lists(valid_term, min_size=1, max_size=6, unique_by=lambda t: t.split("\n")[1]).map(
        "\n\n".join
    ),
    st.lists(toml_line, max_size=20).map("\n".join),
)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("data")
    (root / "text").mkdir()
    (root / "text" / "paper.txt").write_text(
        '+++\nid = "paper"\ntitle.zh = "测试"\n+++\n\n1. 军备控制与战略稳定性。\n\n2. 导弹防御。\n',
        encoding="utf-8",
    )
    return root


@FUZZ
@given(
    text=glossary_text,
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030"]),
    crlf=st.booleans(),
)
def test_fuzz_glossary_file(data_dir: Path, text: str, encoding: str, crlf: bool) -> None:
    if crlf:
        text = text.replace("\n", "\r\n")
    glossary = data_dir / f"glossary-{next(_counter)}.toml"  # a new file: no cache to reuse
    glossary.write_bytes(
        text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    )
    base = ["--glossary", str(glossary), "--text", str(data_dir / "text")]
    for command in (
        ["lookup", "军备控制", "--json"],
        ["lookup", "[/]"],
        ["glossary", "check", "--info"],
        ["show", "1", "--gloss"],
        ["find", "战略稳定性", "--full"],
        ["glossary", "coverage"],
    ):
        args = [*base, *command]
        result = invoke(args)
        check(result, args)
        if result.exit_code == 2 and command[0] != "glossary":
            assert str(glossary) in result.stderr, result.stderr  # the error names the file
    glossary.unlink()


body_line = st.one_of(
    st.builds(lambda n, t: f"{n}. {t}", st.integers(-1, 6), short_text),
    st.sampled_from(["", "", "– 项目", "- item", "–", "1.", "+++", "  ", "\t"]),
    short_text,
)
front_line = st.one_of(
    st.sampled_from(
        [
            'id = "doc"',
            'id = "doc"',
            'title.zh = "标题"',
            'title.zh = "标题"',
            'lang = "zh"',
            'symbol = ""',
            "title = 3",
            'date_start = "2022-13-40"',
            "year = -1",
            'id = "other"',
            'title_en_official = "yes"',
            "[title]",
            'zh = "x"',
            'author = "x"',
            "x = [",
            "",
        ]
    ),
    st.builds(
        lambda k, v: f"{k} = {v}",
        st.sampled_from(["symbol", "url", "title.en", "author.zh", "place.en"]),
        toml_value,
    ),
)
document_text = st.builds(
    lambda head, front, body: head + "\n".join(front) + "\n+++\n" + "\n".join(body),
    st.sampled_from(["+++\n", "+++\n", "+++ \n", "", "++\n"]),
    st.lists(front_line, max_size=8),
    st.lists(body_line, max_size=12),
)


@FUZZ
@given(text=document_text, encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"]))
def test_fuzz_document_file(data_dir: Path, text: str, encoding: str) -> None:
    folder = data_dir / f"text-{next(_counter)}"
    folder.mkdir()
    (folder / "doc.txt").write_bytes(text.encode(encoding, "surrogatepass"))
    glossary = data_dir / "good.toml"
    if not glossary.exists():
        glossary.write_text(
            '[[term]]\nid = "arms-control"\nen = "arms control"\nzh = "军备控制"\n',
            encoding="utf-8",
        )
    base = ["--glossary", str(glossary), "--text", str(folder)]
    for command in (
        ["show", "--json"],
        ["show", "1", "--gloss"],
        ["find", "军备控制"],
        ["cite", "1", "--quote"],
    ):
        args = [*base, *command]
        result = invoke(args)
        check(result, args)
        if (
            result.exit_code == 2
            and "reference" not in result.stderr
            and "paragraph" not in result.stderr[:40]
        ):
            assert str(folder / "doc.txt") in result.stderr, result.stderr
    shutil.rmtree(folder)
