"""`npt-gloss check` on drafts of the shipped paper in every draft format, both directions.

The drafts in tests/data/check/ are our own translations of paragraphs 10, 12, 14, 16 and 22
of the shipped paper: clean-en.txt (English, for the Chinese paper), and clean-zh.txt (the
paper's own Chinese of those paragraphs, made consistent, numbered 1–5) for
text/ru-wp-excerpt-en.txt, an English source made of clean-en.txt's paragraphs. Each
faulty-*.txt holds one of every finding. The XLIFF, TMX and TSV forms are written from them
here, so every format is checked against the same expected findings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from click.testing import CliRunner

from npt_gloss.cli import cli
from npt_gloss.drafts import detect, paragraph_number, read_draft

DATA = Path(__file__).parent / "data" / "check"
SHIPPED = "ru-wp-shared-responsibility"
EXCERPT = "ru-wp-excerpt-en"
SHIPPED_TEXT = Path(__file__).parent.parent / "text" / f"{SHIPPED}.txt"

# (paragraph, kind, severity, concept, found) of faulty-en.txt against the shipped paper
FAULTY_EN = [
    (10, "inconsistent", "warning", "nuclear-weapon-states", None),
    (10, "wrong", "error", "non-nuclear-weapon-states", "Nuclear-weapon States"),
    (12, "deprecated", "warning", "npt", "Nuclear Nonproliferation Treaty"),
    (14, "missing", "error", "verification-mechanism", None),
    (16, "style", "info", "non-nuclear-weapon-states", "non nuclear weapon states"),
]
# faulty-zh.txt against the English excerpt (style departures are an English matter)
FAULTY_ZH = [
    (1, "inconsistent", "warning", "nuclear-weapon-states", None),
    (1, "wrong", "error", "non-nuclear-weapon-states", "核武器国家"),
    (2, "deprecated", "warning", "npt", "核不扩散条约"),
    (3, "missing", "error", "verification-mechanism", None),
    (4, "deprecated", "warning", "non-nuclear-weapon-states", "无核国家"),
]
DIRECTIONS = {
    # direction: (options, source document file, draft language, source language)
    "en": ((), SHIPPED_TEXT, "en", "zh"),
    "zh": (("--text", str(DATA / "text")), DATA / "text" / f"{EXCERPT}.txt", "zh", "en"),
}
FORMATS = ("text", "xliff12", "xliff2", "tmx", "tsv")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def numbered(path: Path) -> dict[int, str]:
    """The "N. text" paragraphs of a file (a draft or a document's body)."""
    text = path.read_text(encoding="utf-8").split("+++\n")[-1]
    found = {}
    for block in text.strip().split("\n\n"):
        head = re.match(r"(\d+)\. ", block)
        assert head, block
        found[int(head.group(1))] = block[head.end() :]
    return found


def sentences(text: str) -> list[str]:
    """The text cut after its first sentence (so a paragraph spans two units)."""
    cut = re.search(r"(?<=[.。])\s*", text)
    if cut is None or cut.end() >= len(text):
        return [text]
    return [text[: cut.start()], text[cut.end() :]]


def xliff12(pairs: dict[int, tuple[str, str]], src: str, trg: str) -> str:
    units = []
    for n, (source, target) in pairs.items():
        for part, (s, t) in enumerate(zip(sentences(source), sentences(target), strict=False), 1):
            units.append(
                f'<trans-unit id="p{n}.{part}"><source>{escape(s)}</source>\n'
                f"<target>{escape(t)}</target></trans-unit>"
            )
    body = "\n".join(units)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'<file original="paper" source-language="{src}" target-language="{trg}" '
        f'datatype="plaintext"><body>\n{body}\n</body></file></xliff>\n'
    )


def xliff2(pairs: dict[int, tuple[str, str]], src: str, trg: str) -> str:
    units = []
    for n, (source, target) in pairs.items():
        segments = "".join(
            f"<segment><source>{escape(s)}</source><target>{escape(t)}</target></segment>"
            f"<ignorable><source> </source><target> </target></ignorable>"
            for s, t in zip(sentences(source), sentences(target), strict=False)
        )
        units.append(f'<unit id="u{n}" name="{n}">\n{segments}</unit>')
    body = "\n".join(units)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="{src}" '
        f'trgLang="{trg}">\n<file id="f1">\n{body}\n</file></xliff>\n'
    )


def tmx(pairs: dict[int, tuple[str, str]], src: str, trg: str) -> str:
    units = "\n".join(
        f'<tu tuid="{n}"><tuv xml:lang="{src}"><seg>{escape(s)}</seg></tuv>\n'
        f'<tuv xml:lang="{trg}"><seg>{escape(t)}</seg></tuv></tu>'
        for n, (s, t) in pairs.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'<header creationtool="test" creationtoolversion="1" segtype="paragraph" '
        f'o-tmf="none" adminlang="en" srclang={quoteattr(src)} datatype="plaintext"/>\n'
        f"<body>\n{units}\n</body></tmx>\n"
    )


def tsv(pairs: dict[int, tuple[str, str]], src: str, trg: str) -> str:
    # Sentence by sentence, found in the source by their text (no paragraph numbers).
    rows = [f"{src}\t{trg}"]
    for source, target in pairs.values():
        for s, t in zip(sentences(source), sentences(target), strict=False):
            rows.append(f"{s}\t{t}".replace("\n", " "))
    return "\n".join(rows) + "\n"


WRITERS = {"xliff12": (xliff12, "xlf"), "xliff2": (xliff2, "xliff"), "tmx": (tmx, "tmx")}
WRITERS["tsv"] = (tsv, "tsv")


def draft_file(tmp_path: Path, fmt: str, direction: str, name: str) -> Path:
    """The draft ``name`` (clean or faulty) of ``direction`` written in ``fmt``."""
    text = DATA / f"{name}-{direction}.txt"
    if fmt == "text":
        return text
    _options, source_file, lang, source_lang = DIRECTIONS[direction]
    source = numbered(source_file)
    target = numbered(text)
    if direction == "en":
        source = {n: source[n] for n in target}
    pairs = {n: (source[n], target[n]) for n in target}
    write, suffix = WRITERS[fmt]
    path = tmp_path / f"{name}-{direction}.{suffix}"
    path.write_text(write(pairs, source_lang, lang), encoding="utf-8")
    return path


def findings(direction: str, draft: Path, *, monolingual: bool = False) -> tuple[int, dict]:
    options, _source, _lang, _ = DIRECTIONS[direction]
    doc = [] if monolingual else ["--doc", SHIPPED if direction == "en" else EXCERPT]
    result = run(*options, "check", str(draft), *doc, "--json")
    assert result.stderr == ""
    return result.exit_code, json.loads(result.stdout)


def summary(data: dict) -> list[tuple]:
    return [
        (f["paragraph"], f["kind"], f["severity"], f["concept"], f["found"])
        for f in data["findings"]
        if f["kind"] != "untranslated"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("direction", ["en", "zh"])
def test_every_finding_kind_in_every_format(tmp_path: Path, fmt: str, direction: str) -> None:
    draft = draft_file(tmp_path, fmt, direction, "faulty")
    code, data = findings(direction, draft)
    assert code == 1
    assert summary(data) == (FAULTY_EN if direction == "en" else FAULTY_ZH)
    assert data["lang"] == direction and data["format"] == fmt.rstrip("12")
    assert data["doc"] == (SHIPPED if direction == "en" else EXCERPT)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("direction", ["en", "zh"])
def test_a_clean_draft_yields_no_error(tmp_path: Path, fmt: str, direction: str) -> None:
    draft = draft_file(tmp_path, fmt, direction, "clean")
    code, data = findings(direction, draft)
    assert code == 0
    assert summary(data) == []
    untranslated = [f["paragraph"] for f in data["findings"] if f["kind"] == "untranslated"]
    expected = sorted(set(range(1, 24)) - {10, 12, 14, 16, 22}) if direction == "en" else []
    assert untranslated == expected


# Not TSV: a TSV's rows are numbered by the document they are matched to, so it needs --doc.
@pytest.mark.parametrize("fmt", [fmt for fmt in FORMATS if fmt != "tsv"])
@pytest.mark.parametrize("direction", ["en", "zh"])
def test_without_doc_only_deprecated_and_inconsistent(
    tmp_path: Path, fmt: str, direction: str
) -> None:
    draft = draft_file(tmp_path, fmt, direction, "faulty")
    code, data = findings(direction, draft, monolingual=True)
    assert code == 0 and data["doc"] is None
    expected = FAULTY_EN if direction == "en" else FAULTY_ZH
    assert summary(data) == [f for f in expected if f[1] in ("deprecated", "inconsistent")]
    clean = draft_file(tmp_path, fmt, direction, "clean")
    assert findings(direction, clean, monolingual=True)[1]["findings"] == []


def test_pipe_output_is_one_jumpable_line_per_finding() -> None:
    draft = DATA / "faulty-zh.txt"
    result = run("--text", str(DATA / "text"), "check", str(draft), "--doc", EXCERPT)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{draft}:1: ¶1 warning inconsistent: nuclear-weapon States is rendered in 2 ways: "
        "'核武器国家' (¶1), '核国家' (¶3)",
        f"{draft}:1: ¶1 error wrong: 'Non-nuclear-weapon States' is 无核武器国家, but the "
        "draft has '核武器国家' (nuclear-weapon-states)",
        f"{draft}:3: ¶2 warning deprecated: '核不扩散条约' is a form to avoid for Treaty on "
        "the Non-Proliferation of Nuclear Weapons",
        f"{draft}:5: ¶3 error missing: 'verification regime' (核查机制) is not rendered in "
        "paragraph 3",
        f"{draft}:7: ¶4 warning deprecated: '无核国家' is a form to avoid for "
        "non-nuclear-weapon States",
        "5 finding(s), 2 error(s)",
    ]


def test_pipe_output_of_an_xliff_names_the_target_lines(tmp_path: Path) -> None:
    draft = draft_file(tmp_path, "xliff12", "en", "faulty")
    result = run("check", str(draft), "--doc", SHIPPED)
    lines = [line for line in result.stdout.splitlines() if "untranslated" not in line]
    target_lines = [
        number
        for number, line in enumerate(draft.read_text(encoding="utf-8").splitlines(), 1)
        if line.startswith("<target>")
    ]
    # each paragraph's first unit: ¶10, ¶12, ¶14 and ¶16 are two units each
    assert [line.split(" ¶")[0] for line in lines[:-1]] == [
        f"{draft}:{target_lines[0]}:",
        f"{draft}:{target_lines[0]}:",
        f"{draft}:{target_lines[2]}:",
        f"{draft}:{target_lines[4]}:",
        f"{draft}:{target_lines[6]}:",
    ]
    assert lines[0].endswith("'Nuclear-weapon States' (¶10), 'NWS' (¶14)")
    untranslated = f"{draft}: ¶1 info untranslated: paragraph 1 is not in the draft"
    assert untranslated in result.stdout.splitlines()


def test_json_findings_carry_the_draft_line() -> None:
    _code, data = findings("en", DATA / "faulty-en.txt")
    wrong = next(f for f in data["findings"] if f["kind"] == "wrong")
    assert wrong == {
        "paragraph": 10,
        "line": 1,
        "kind": "wrong",
        "severity": "error",
        "concept": "non-nuclear-weapon-states",
        "source_form": "无核武器国家",
        "expected": ["non-nuclear-weapon States", "NNWS"],
        "found": "Nuclear-weapon States",
        "message": "'无核武器国家' is non-nuclear-weapon States, but the draft has "
        "'Nuclear-weapon States' (nuclear-weapon-states)",
    }
    untranslated = next(f for f in data["findings"] if f["kind"] == "untranslated")
    assert untranslated["line"] is None and untranslated["paragraph"] == 1


def test_a_terminal_gets_a_table_grouped_by_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from npt_gloss import render

    def on_a_terminal(cls, want_json, stream=None):  # type: ignore[no-untyped-def]
        return cls("json" if want_json else "rich", stream or sys.stdout)

    monkeypatch.setattr(render.Output, "choose", classmethod(on_a_terminal))
    monkeypatch.setenv("COLUMNS", "200")
    result = run("check", str(DATA / "faulty-en.txt"))
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[1].split() == ["┃", "¶", "┃", "severity", "┃", "kind", "┃", "finding", "┃"]
    rows = [line for line in lines if line.startswith("│")]
    assert [row.split("│")[1].strip() for row in rows] == ["¶10", "¶12"]
    assert sum(line.startswith("├") for line in lines) == 1  # between the two paragraphs
    assert lines[-1] == "2 finding(s), 0 error(s)"
    # against the paper, the paragraphs the draft lacks are one line under the table
    lines = run("check", str(DATA / "faulty-en.txt"), "--doc", SHIPPED).stdout.splitlines()
    assert "untranslated" not in "".join(lines)
    assert lines[-2:] == [
        "not in the draft (info): ¶1–9, 11, 13, 15, 17–21, 23",
        "23 finding(s), 2 error(s)",
    ]


# ---------------------------------------------------------------- reading drafts


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("14", 14), ("p14", 14), ("P14", 14), ("para-14", 14), ("paragraph 14", 14),
        ("¶14", 14), ("14.2", 14), ("p14-2", 14), ("14:3", 14), (" 7 ", 7),
        ("", None), (None, None), ("0", None), ("intro", None), ("u14", None), ("14a", None),
        ("seg-14", None), ("12345", None),
    ],
)  # fmt: skip
def test_paragraph_number(value: str | None, number: int | None) -> None:
    assert paragraph_number(value) == number


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("d.xlf", b'<?xml version="1.0"?><xliff version="1.2"/>', "xliff"),
        ("d.txt", b'<?xml version="1.0"?>\n<xliff version="2.0"/>', "xliff"),
        ("d", b"\xef\xbb\xbf<tmx version='1.4'/>", "tmx"),
        ("d.xml", '<?xml version="1.0" encoding="UTF-16"?><tmx/>'.encode("utf-16"), "tmx"),
        ("d.tmx", b"not xml at all", "tmx"),
        ("d.tsv", b"10. a\tb\n", "tsv"),
        ("d.csv", b"source\ttarget\na\tb\n", "tsv"),
        ("d", b"10. Nuclear disarmament.\n", "text"),
        ("d.md", b"a\tb\n", "text"),
        ("d", b"10. one\tcolumn\n", "text"),
    ],
)
def test_detect(name: str, content: bytes, kind: str) -> None:
    assert detect(name, content) == kind


def test_an_xml_file_of_another_kind_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "draft.xml"
    draft.write_text("<html><body>10. text</body></html>", encoding="utf-8")
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert (
        result.stderr == f"npt-gloss: error: {draft}: an XML file that is neither XLIFF nor TMX\n"
    )


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


XLIFF_HEAD = (
    '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    '\n<file source-language="zh" target-language="en" datatype="plaintext"><body>\n'
)
XLIFF_TAIL = "</body></file></xliff>\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "no-id.xlf",
            XLIFF_HEAD + "<trans-unit><source>核裁军</source>\n"
            "<target>nuclear disarmament</target></trans-unit>\n" + XLIFF_TAIL,
            ":4: <trans-unit> has no id, so its paragraph is unknown "
            "(give each unit the paragraph number as its id or name)",
        ),
        (
            "bad-id.xliff",
            '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" '
            'trgLang="en"><file id="f">\n<unit id="intro"><segment><source>a</source>'
            "<target>b</target></segment></unit></file></xliff>",
            ":2: <unit> id 'intro' carries no paragraph number (ids such as 14, p14 or 14.2)",
        ),
        (
            "broken.xlf",
            XLIFF_HEAD + '<trans-unit id="10"><source>核裁军</source>\n'
            "<target>nuclear disarmament</trans-unit>\n" + XLIFF_TAIL,
            ":5: malformed XML: Opening and ending tag mismatch: target line 5 and trans-unit",
        ),
        (
            "beyond.xlf",
            XLIFF_HEAD + '<trans-unit id="10"><source>核裁军</source>\n'
            '<target>nuclear disarmament</target></trans-unit>\n<trans-unit id="99">'
            "<source>核裁军</source>\n<target>nuclear disarmament</target></trans-unit>\n"
            + XLIFF_TAIL,
            ":7: paragraph 99 is not in document 'ru-wp-shared-responsibility' (it has 23)",
        ),
        (
            "french.xlf",
            XLIFF_HEAD.replace('target-language="en"', 'target-language="fr-FR"')
            + '<trans-unit id="10"><source>a</source><target>b</target></trans-unit>'
            + XLIFF_TAIL,
            ":3: the draft is in 'fr-FR', but the glossary has only English and Chinese",
        ),
        (
            "no-tuid.tmx",
            '<tmx version="1.4"><header srclang="zh"/><body>\n'
            '<tu><tuv xml:lang="zh"><seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu>'
            "</body></tmx>",
            ":2: <tu> has no tuid (tuids such as 14 or p14)",
        ),
        (
            "unmatched.tsv",
            "zh\ten\n核裁军是一个极其复杂的进程\tNuclear disarmament is a complex process\n"
            "这句话不在文件里\tThis sentence is not in the paper\n",
            ":3: the source text of this row is in no paragraph of document "
            "'ru-wp-shared-responsibility' (start it with the paragraph number (\"14. …\"))",
        ),
        (
            "one-column.tsv",
            "10. 无核武器国家\tnon-nuclear-weapon States\njust one column\n",
            ":2: expected two tab-separated columns (source, target)",
        ),
        (
            "empty.xlf",
            XLIFF_HEAD + '<trans-unit id="10"><source>核裁军</source></trans-unit>' + XLIFF_TAIL,
            ": no translated paragraph found in this xliff draft",
        ),
    ],
)
def test_bad_drafts_are_one_line_naming_the_place(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    draft = write(tmp_path, name, text)
    result = run("check", str(draft), "--doc", SHIPPED)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"npt-gloss: error: {draft}{message}\n"


@pytest.mark.parametrize(
    ("name", "shown", "message"),
    [
        ("nowhere.xlf", "nowhere.xlf", "file not found"),
        ("a-folder", "a-folder", "is a directory, not a file"),
        # No file can have this name; it is shown escaped, as every control character is.
        ("bad\x00name.txt", "bad\\x00name.txt", "cannot read the file: not a valid file name"),
    ],
)
def test_an_unreadable_draft_is_one_line_naming_it(
    tmp_path: Path, name: str, shown: str, message: str
) -> None:
    (tmp_path / "a-folder").mkdir()
    result = run("check", str(tmp_path / name))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"npt-gloss: error: {tmp_path / shown}: {message}\n"


def test_a_tmx_without_source_language_needs_one(tmp_path: Path) -> None:
    draft = write(
        tmp_path,
        "d.tmx",
        '<tmx version="1.4"><header srclang="*all*"/><body>\n<tu tuid="10">'
        '<tuv xml:lang="zh"><seg>无核武器国家</seg></tuv>'
        '<tuv xml:lang="en"><seg>Non-nuclear-weapon States</seg></tuv></tu></body></tmx>',
    )
    result = run("check", str(draft))
    assert result.exit_code == 2
    assert result.stderr == (
        f"npt-gloss: error: {draft}: cannot tell which language is the translation "
        "(set srclang in the header, or pass --lang)\n"
    )
    # with the document, its language (zh) is the source's; or --lang names the target
    for extra in (["--doc", SHIPPED], ["--lang", "en"]):
        data = json.loads(run("check", str(draft), *extra, "--json").stdout)
        assert data["lang"] == "en" and data["format"] == "tmx"
        assert not [f for f in data["findings"] if f["concept"] == "non-nuclear-weapon-states"]


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "nuclear weapons States")
    draft = write(
        tmp_path,
        "d.xlf",
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        + XLIFF_HEAD.split("\n", 1)[1]
        + '<trans-unit id="10"><source>s</source><target>a &x; b</target></trans-unit>'
        + XLIFF_TAIL,
    )
    draft_read = read_draft(str(draft))
    assert "nuclear" not in draft_read.paragraphs[0].text


def test_inline_codes_are_left_out_and_their_tails_kept(tmp_path: Path) -> None:
    draft = write(
        tmp_path,
        "d.xlf",
        XLIFF_HEAD + '<trans-unit id="p10"><source>s</source><target>Non-nuclear-'
        '<ph id="1">&lt;b&gt;</ph>weapon States <g id="2">support</g><x id="3"/> it.'
        "</target></trans-unit>" + XLIFF_TAIL,
    )
    (paragraph,) = read_draft(str(draft)).paragraphs
    assert (paragraph.number, paragraph.text) == (10, "Non-nuclear-weapon States support it.")


def test_tsv_rows_with_numbers_and_a_header(tmp_path: Path) -> None:
    draft = write(
        tmp_path,
        "d.tsv",
        "source\ttarget\tnote\n\n10. 无核武器国家\t10. Non-nuclear-weapon States\tx\n"
        "10. 第六条\tarticle VI\n",
    )
    read = read_draft(str(draft))
    assert read.lang is None
    assert [(p.number, p.text, p.line) for p in read.paragraphs] == [
        (10, "Non-nuclear-weapon States\narticle VI", 3)
    ]
    # without a document, a row without a number is its own "paragraph"
    plain = write(
        tmp_path, "p.tsv", "zh-CN\ten-GB\n核裁军\tnuclear disarmament\n军备控制\tarms control\n"
    )
    read = read_draft(str(plain))
    assert read.lang == "en"
    assert [(p.number, p.text) for p in read.paragraphs] == [
        (1, "nuclear disarmament"),
        (2, "arms control"),
    ]


# ---------------------------------------------------------------- any input at all

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from npt_gloss.errors import DataError  # noqa: E402
from npt_gloss.index import Index  # noqa: E402

_PIECES = st.sampled_from(
    [
        "<", ">", "/", "=", '"', "&", ";", "\t", "\n", " ", "10. ", "p10", "1.2", "xliff",
        "tmx", "trans-unit", "unit", "segment", "target", "tu", "tuv", "seg", 'id="', "tuid=",
        'version="2.0"', "xml:lang=", "<?xml", "<!DOCTYPE", "核武器国家", "nuclear-weapon States",
        "\ufeff", "\x00", "\udcff",
    ]
)  # fmt: skip


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["d.xlf", "d.xliff", "d.tmx", "d.tsv", "d.txt", "d"]),
    text=st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join),
    with_doc=st.booleans(),
)
@example(name="d.xlf", text="<\x00", with_doc=False)  # lxml's message ended in a line break
def test_any_draft_is_read_or_refused_with_a_data_error(
    tmp_path_factory: pytest.TempPathFactory,
    shipped_index: Index,
    name: str,
    text: str,
    with_doc: bool,
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    document = shipped_index.document(0) if with_doc else None
    try:
        draft = read_draft(str(path), document)
    except DataError as exc:
        assert str(exc).startswith(str(path))
        assert "\n" not in str(exc)
        return
    assert draft.paragraphs
    assert all(p.number > 0 and p.text.strip() for p in draft.paragraphs)


def test_a_grouped_table_in_a_pipe_is_tab_separated() -> None:
    import io

    from npt_gloss.render import Output

    out = Output("plain", io.StringIO())
    out.grouped_table(
        ["¶", "finding"],
        [[[[("¶1", "num")], [("a\tb", "")]], [[], [("c", "")]]], [[[("¶2", "num")], [("d", "")]]]],
    )
    assert out.stream.getvalue() == "¶\tfinding\n¶1\ta b\n\tc\n¶2\td\n"


def test_a_utf16_xliff_as_some_cat_tools_write_it(tmp_path: Path) -> None:
    text = xliff12({10: ("无核武器国家", "Non-nuclear-weapon States")}, "zh", "en")
    path = tmp_path / "d.sdlxliff"
    path.write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    draft = read_draft(str(path))
    assert (draft.format, draft.lang) == ("xliff", "en")
    assert [(p.number, p.text, p.line) for p in draft.paragraphs] == [
        (10, "Non-nuclear-weapon States", 5)  # the <target> line
    ]
