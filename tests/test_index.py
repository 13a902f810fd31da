"""The index cache: rebuilt when an input changes, reused when none does, never trusted when
damaged, harmless when unwritable, safe when two commands build at once; and the image
format underneath it (no timings here: speed is measured by benchmarks/bench.py)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import UNWRITABLE, unwritable_folder
from hypothesis import given, settings
from hypothesis import strategies as st

from npt_gloss import build, index
from npt_gloss.index import KEEP_CACHE_FILES, load_cached, open_index
from npt_gloss.match import lookup
from npt_gloss.normalize import at_word_boundary
from npt_gloss.store import CorruptImage, Image, ImageWriter

GLOSSARY = """\
[[term]]
id = "strategic-stability"
en = "strategic stability"
zh = "战略稳定性"
zh_variants = ["战略稳定"]

[[term]]
id = "npt"
en = "Treaty on the Non-Proliferation of Nuclear Weapons"
zh = "不扩散核武器条约"
abbr = ["NPT"]
"""

DOCUMENT = """\
+++
id = "{id}"
lang = "zh"
symbol = ""
title.zh = "测试文件"
title.en = "Test paper"
+++

1. 《不扩散核武器条约》（NPT）与战略稳定性。

2. 战略稳定是前提。
"""


@pytest.fixture
def data(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(glossary, text folder, cache folder) of a small data set of our own."""
    glossary = tmp_path / "glossary.toml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    text = tmp_path / "text"
    text.mkdir()
    (text / "paper.txt").write_text(DOCUMENT.format(id="paper"), encoding="utf-8")
    return glossary, text, tmp_path / "cache"


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the index builds (each appends 1)."""
    count: list[int] = []
    real = build.write_image

    def counting(*args: object, **kwargs: object) -> None:
        count.append(1)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "write_image", counting)
    return count


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{index.CACHE_PREFIX}*{index.CACHE_SUFFIX}"))


def top(idx: index.Index, query: str) -> str:
    return str(idx.concepts[lookup(idx, query)[0].concept][0])


def touch_later(path: Path) -> None:
    """Change the modification time for sure (some file systems count whole seconds)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


# ---------------------------------------------------------------- reuse and rebuild


def test_reused_when_nothing_changed(data: tuple[Path, Path, Path], builds: list[int]) -> None:
    glossary, text, cache = data
    first = open_index(glossary, text, cache)
    assert len(builds) == 1 and len(cache_files(cache)) == 1
    again = open_index(glossary, text, cache)
    assert len(builds) == 1, "a current cache must be reused"
    assert top(again, "NPT") == top(first, "NPT") == "npt"
    assert again.paragraphs_by_doc(0) == first.paragraphs_by_doc(0) == {"paper": [1, 2]}


@pytest.mark.parametrize("change", ["edit", "touch"])
def test_rebuilt_when_the_glossary_changes(
    data: tuple[Path, Path, Path], builds: list[int], change: str
) -> None:
    glossary, text, cache = data
    assert top(open_index(glossary, text, cache), "strategic stability") == "strategic-stability"
    if change == "edit":
        glossary.write_text(GLOSSARY.replace("strategic stability", "strategic balance"), "utf-8")
    touch_later(glossary)
    rebuilt = open_index(glossary, text, cache)
    assert len(builds) == 2
    if change == "edit":
        assert top(rebuilt, "strategic balance") == "strategic-stability"
        assert rebuilt.concept(0).en == "strategic balance"


@pytest.mark.parametrize("change", ["edit", "add", "remove"])
def test_rebuilt_when_a_document_changes(
    data: tuple[Path, Path, Path], builds: list[int], change: str
) -> None:
    glossary, text, cache = data
    assert open_index(glossary, text, cache).doc_ids == ["paper"]
    if change == "edit":
        paper = text / "paper.txt"
        paper.write_text(
            paper.read_text("utf-8").replace("2. 战略稳定是前提。", "2. 无关。"), "utf-8"
        )
        touch_later(paper)
    elif change == "add":
        (text / "second.txt").write_text(DOCUMENT.format(id="second"), encoding="utf-8")
    else:
        (text / "second.txt").write_text(DOCUMENT.format(id="second"), encoding="utf-8")
        open_index(glossary, text, cache)
        (text / "second.txt").unlink()
    rebuilt = open_index(glossary, text, cache)
    # Back to the first state after a removal: its cache file is still there, and current.
    assert len(builds) == 2
    expected = {
        "edit": (["paper"], {"paper": [1]}),
        "add": (["paper", "second"], {"paper": [1, 2], "second": [1, 2]}),
        "remove": (["paper"], {"paper": [1, 2]}),
    }[change]
    assert (rebuilt.doc_ids, rebuilt.paragraphs_by_doc(0)) == expected


def test_hidden_files_in_the_text_folder_do_not_invalidate(
    data: tuple[Path, Path, Path], builds: list[int]
) -> None:
    glossary, text, cache = data
    open_index(glossary, text, cache)
    (text / ".paper.txt.swp").write_text("editor junk", encoding="utf-8")
    (text / "notes.md").write_text("not a document", encoding="utf-8")
    open_index(glossary, text, cache)
    assert len(builds) == 1


def test_stale_cache_files_do_not_pile_up(data: tuple[Path, Path, Path]) -> None:
    glossary, text, cache = data
    for _ in range(KEEP_CACHE_FILES + 3):
        touch_later(glossary)
        open_index(glossary, text, cache)
    assert len(cache_files(cache)) == KEEP_CACHE_FILES
    assert not list(cache.glob(".*.tmp"))
    # The newest one is among those kept: the current data needs no build.
    assert load_cached(cache_files_newest(cache)) is not None


def cache_files_newest(cache: Path) -> Path:
    return max(cache_files(cache), key=lambda p: p.stat().st_mtime_ns)


def test_old_temporary_files_are_cleaned_up(data: tuple[Path, Path, Path]) -> None:
    glossary, text, cache = data
    cache.mkdir()
    left = cache / f".{index.CACHE_PREFIX}0123{index.CACHE_SUFFIX}.abc.tmp"
    left.write_bytes(b"half a file from a killed build")
    fresh = cache / f".{index.CACHE_PREFIX}4567{index.CACHE_SUFFIX}.def.tmp"
    fresh.write_bytes(b"a build still running")
    old = time.time() - 2 * 3600
    os.utime(left, (old, old))
    open_index(glossary, text, cache)
    assert not left.exists()
    assert fresh.exists(), "another command's temporary file, young: left alone"


# ---------------------------------------------------------------- unwritable, damaged


@pytest.mark.parametrize("case", UNWRITABLE)
def test_unwritable_cache_folder_still_answers_with_a_warning(
    data: tuple[Path, Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
) -> None:
    glossary, text, _ = data
    folder = unwritable_folder(tmp_path, case)
    try:
        for _ in range(2):
            idx = open_index(glossary, text, folder)
            assert top(idx, "战略稳定") == "strategic-stability"
            assert idx.paragraphs_by_doc(0) == {"paper": [1, 2]}
            err = capsys.readouterr().err
            assert "warning: cache not written" in err
            assert len(err.strip().splitlines()) == 1
    finally:
        if (tmp_path / "read-only").exists():
            (tmp_path / "read-only").chmod(0o755)


def test_no_cache_write_when_asked(
    data: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    glossary, text, cache = data
    monkeypatch.setenv("NPT_GLOSS_NO_CACHE_WRITE", "1")
    assert top(open_index(glossary, text, cache), "NPT") == "npt"
    assert not cache_files(cache) if cache.exists() else True
    assert capsys.readouterr().err == ""


DAMAGE = {
    "empty": lambda b: b"",
    "truncated": lambda b: b[: len(b) // 2],
    "zeroed": lambda b: b"\x00" * len(b),
    "garbage": lambda b: b"not an index at all",
    "bytes flipped early": lambda b: b[:64] + bytes(255 - x for x in b[64:320]) + b[320:],
    "bytes flipped late": lambda b: b[:-600] + bytes(255 - x for x in b[-600:-500]) + b[-500:],
    "one byte in the middle": lambda b: (
        b[: len(b) // 2] + bytes([b[len(b) // 2] ^ 1]) + b[len(b) // 2 + 1 :]
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_cache_is_ignored_and_rebuilt(
    data: tuple[Path, Path, Path], builds: list[int], damage: str
) -> None:
    glossary, text, cache = data
    wanted = open_index(glossary, text, cache)
    answer = (top(wanted, "NPT"), wanted.paragraphs_by_doc(1))
    (path,) = cache_files(cache)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    rebuilt = open_index(glossary, text, cache)
    assert len(builds) == 2
    assert (top(rebuilt, "NPT"), rebuilt.paragraphs_by_doc(1)) == answer
    assert load_cached(path) is not None, "the damaged file was replaced by a good one"


def test_damage_in_a_large_cache_is_caught_when_read(
    data: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large images are not checked whole when opened (that would cost a query its speed):
    each record is checked when read, and a damaged one is an error, never wrong data."""
    from npt_gloss import store

    glossary, text, cache = data
    open_index(glossary, text, cache)
    (path,) = cache_files(cache)
    image = path.read_bytes()
    spec = Image(image).header["sections"]["concepts"]
    start = spec["data"][0]
    path.write_bytes(image[:start] + bytes([image[start] ^ 0x55]) + image[start + 1 :])
    monkeypatch.setattr(store, "CHECK_WHOLE", 0)
    idx = load_cached(path)
    assert idx is not None  # opening is instant: nothing decoded yet
    with pytest.raises(CorruptImage, match="damaged index cache"):
        idx.concepts[0]
    assert not path.exists(), "a damaged cache file is removed, so the next command rebuilds"


def test_cache_for_other_inputs_is_not_used(data: tuple[Path, Path, Path], tmp_path: Path) -> None:
    glossary, text, cache = data
    open_index(glossary, text, cache)
    (path,) = cache_files(cache)
    assert load_cached(path, signature="something else") is None
    assert load_cached(path, signature=Image(path.read_bytes()).header["signature"]) is not None


# ---------------------------------------------------------------- two commands at once

RACE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from npt_gloss.index import open_index
    from npt_gloss.match import lookup
    idx = open_index(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    found = lookup(idx, "战略稳定性")[0]
    print(idx.concepts[found.concept][0], idx.paragraphs_by_doc(found.concept))
    """
)


def test_two_concurrent_builds_both_succeed(data: tuple[Path, Path, Path]) -> None:
    glossary, text, cache = data
    command = [sys.executable, "-c", RACE, str(glossary), str(text), str(cache)]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for _ in range(3):  # a few rounds: the builds must overlap at least once
        for path in cache_files(cache):
            path.unlink()
        runs = [
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=300) for run in runs]
        for run, (out, err) in zip(runs, outputs, strict=True):
            assert run.returncode == 0, err.decode()
            assert out.decode().strip() == "strategic-stability {'paper': [1, 2]}"
            assert b"warning" not in err
        (path,) = cache_files(cache)
        assert load_cached(path) is not None
        assert not list(cache.glob(".*.tmp"))


# ---------------------------------------------------------------- built and cached agree


def test_cached_and_fresh_indexes_agree(data: tuple[Path, Path, Path]) -> None:
    glossary, text, cache = data
    fresh = open_index(glossary, text, None)
    open_index(glossary, text, cache)
    cached = open_index(glossary, text, cache)
    for query in ("NPT", "战略稳定性", "strategic stabilty", "zhanlue wending", "戰略穩定性"):
        assert lookup(cached, query) == lookup(fresh, query), query
    for c in range(len(fresh.concepts)):
        assert cached.concept(c) == fresh.concept(c)
        assert cached.occurrences[c] == fresh.occurrences[c]
    assert cached.document(0) == fresh.document(0)


def test_occurrences_of_a_shared_pattern_belong_to_each_owner(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.toml"
    glossary.write_text(
        GLOSSARY
        + '\n[[term]]\nid = "another"\nen = "another"\nzh = "另一个"\nzh_variants = ["战略稳定"]\n',
        encoding="utf-8",
    )
    text = tmp_path / "text"
    text.mkdir()
    (text / "paper.txt").write_text(DOCUMENT.format(id="paper"), encoding="utf-8")
    idx = open_index(glossary, text, None)
    assert idx.occurrences[2] == [(0, 2, 0, 4, "战略稳定")]
    assert idx.occurrences[0] == [(0, 1, 16, 21, "战略稳定性"), (0, 2, 0, 4, "战略稳定")]
    assert idx.document(0).paragraph(1).text[16:21] == "战略稳定性"


# ---------------------------------------------------------------- the image format

keys = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    table=st.dictionaries(keys, st.lists(st.integers(0, 2**31), max_size=3), max_size=60),
    records=st.lists(
        st.one_of(st.none(), st.text(), st.tuples(st.integers(), st.text())), max_size=30
    ),
    lines=st.lists(
        st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",))), max_size=30
    ),
)
def test_image_round_trip(table: dict, records: list, lines: list) -> None:
    import io

    out = io.BytesIO()
    writer = ImageWriter(out)
    writer.table("table", table, tuple)
    writer.records("records", records)
    writer.lines("lines", lines)
    writer.value("value", {"a": [1, 2]})
    writer.finish({"schema": 0})
    for check_whole in (True, False):
        image = Image(out.getvalue())
        image.checked = check_whole
        read = image.table("table")
        assert len(read) == len(table) and set(read) == set(table)
        for key, value in table.items():
            assert read[key] == tuple(value) and key in read
        assert "\n not a key" not in read and read.get("\n not a key") is None
        # Asked again (now from what the table remembers): the same answers.
        assert read.get("\n not a key", 7) == 7 and "\n not a key" not in read
        assert all(read.get(key) == tuple(value) for key, value in table.items())
        assert list(image.records("records")) == records
        assert list(image.lines("lines")) == lines
        runs = image.lines("lines")
        assert runs.run(0, len(lines)) == tuple(lines) == runs.run(0, len(lines))
        assert runs.run(1, len(lines)) == tuple(lines[1:])
        assert image.value("value") == {"a": [1, 2]}


def test_folder_agrees_with_fold_with_offsets() -> None:
    from npt_gloss.normalize import fold_with_offsets

    t2s = build.build_t2s()
    folder = build.Folder(t2s)
    for text in (
        "《条约》第六条",
        "ＮＰＴ and Straße",
        "戰略穩定性 — “quoted”",
        "𠀋 beyond the BMP",
        "plain",
        "战略 稳定性 and 1995 年",  # white space between Chinese characters folds away
        "总体而言：\n– 第一项；\n– 第二项。",  # … but not around the dash of an item
        "word  spaces　stay",
    ):
        folder.learn(set(text))
        folded, offsets = folder(text)
        expected, expected_offsets = fold_with_offsets(text, t2s)
        assert folded == expected
        if offsets is None:
            assert len(folded) == len(text)
        else:
            assert [offsets[i] for i in range(len(folded))] == expected_offsets[: len(folded)]


def test_fast_pinyin_is_pypinyin() -> None:
    from pypinyin import Style, lazy_pinyin

    for hanzi in (
        "核武器的唯一目的",
        "这一点直接来自条约第六条",
        "战略稳定性",
        "重新",
        "银行行长",
        "𠀋",
    ):
        assert build.pinyin_syllables(hanzi) == lazy_pinyin(hanzi, style=Style.TONE), hanzi


def test_a_fresh_pinyin_reader_loads_pypinyins_tables_and_agrees_with_it() -> None:
    # A new reader, not the module's (already loaded by earlier tests): its loading is checked.
    from pypinyin import Style, lazy_pinyin

    reader = build._Pinyin()
    assert not reader.loaded and reader.syllable_keys == {}
    assert reader.derive("重新审议") == ("chóng xīn shěn yì", "chongxinshenyi")
    assert reader.loaded and reader.prefixes and reader.phrases and reader.readings
    assert reader.strict is True  # pypinyin's segmenter keeps only words of its phrase list
    assert reader.syllable_keys == {"chóng": "chong", "xīn": "xin", "shěn": "shen", "yì": "yi"}
    for hanzi in ("银行行长", "核武器的唯一目的", "战略稳定性", "𠀋", ""):
        assert reader.syllables(hanzi) == lazy_pinyin(hanzi, style=Style.TONE), hanzi
    assert reader.derive("abc") == ("", "")


def test_patterns_left_out_of_the_scan_could_never_occur() -> None:
    texts = [[("the nuclear weaponry of ctbt-like 核武器 states", None)]]
    patterns = [
        "nuclear weapon",  # occurs (then fails the word test): must stay, it can win a place
        "nuclear weapons",  # no word of the text starts with "weapons"
        "clear weapon",  # "clear" ends "nuclear": occurs
        "weaponry of ctbt",  # whole inner word, ends fine
        "weaponry off ctbt",  # inner "off" is no word of the text
        "ctbt",
        "核武器国家",  # 国, 家 absent
        "核武器",
        "zz",  # z absent
    ]
    kept = [patterns[n] for n in build._occurring(patterns, texts)]
    assert kept == ["nuclear weapon", "clear weapon", "weaponry of ctbt", "ctbt", "核武器"]


def test_leaving_patterns_out_of_the_scan_changes_no_occurrence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from npt_gloss import paths
    from npt_gloss.corpus import load_corpus
    from npt_gloss.glossary import load_glossary

    concepts = load_glossary(paths.shipped("glossary.toml"))
    documents = load_corpus(paths.shipped("text"))
    filtered = index.build_index(concepts, documents)

    def every_pattern(patterns: list[str], texts: object) -> list[int]:
        return list(range(len(patterns)))

    monkeypatch.setattr(build, "_occurring", every_pattern)
    everything = index.build_index(concepts, documents)
    assert list(filtered.occurrences) == list(everything.occurrences)


def _reference_occurrences(concepts: list, documents: list) -> list[list[tuple]]:
    """The occurrence index the plain way: fold each paragraph with
    normalize.fold_with_offsets, scan all patterns, check word boundaries, map back."""
    import ahocorasick_rs

    from npt_gloss.normalize import fold, fold_with_offsets

    t2s = build.build_t2s()
    owners: dict[str, set[int]] = {}
    for c_index, concept in enumerate(concepts):
        for _kind, form in index.all_forms(concept):
            pattern = fold(form, t2s).replace("《", "").replace("》", "").strip()
            if len(pattern) >= 2:
                owners.setdefault(pattern, set()).add(c_index)
    patterns = sorted(owners)
    automaton = ahocorasick_rs.AhoCorasick(
        patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    found: list[list[tuple]] = [[] for _ in concepts]
    for d_index, doc in enumerate(documents):
        for paragraph in doc.paragraphs:
            folded, offsets = fold_with_offsets(paragraph.text, t2s)
            for p_index, start, end in automaton.find_matches_as_indexes(folded):
                if not at_word_boundary(folded, start, end):
                    continue
                s, e = offsets[start], offsets[end - 1] + 1
                for c_index in owners[patterns[p_index]]:
                    place = (d_index, paragraph.number, s, e, paragraph.text[s:e])
                    found[c_index].append(place)
    return found


def test_occurrences_equal_a_plain_reference_scan(tmp_path: Path) -> None:
    from npt_gloss import paths
    from npt_gloss.corpus import load_corpus
    from npt_gloss.glossary import load_glossary

    text = tmp_path / "text"
    shutil.copytree(paths.shipped("text"), text)
    (text / "zz-odd.txt").write_text(
        DOCUMENT.format(id="zz-odd").replace(
            "2. 战略稳定是前提。",
            "2. 戰略 穩定性與ＮＰＴ、npt-like和 NPTs；《不扩散核武器条约》第六条，Straße 1995 年。",
        ),
        encoding="utf-8",
    )
    concepts = load_glossary(paths.shipped("glossary.toml"))
    documents = load_corpus(text)
    built = index.build_index(concepts, documents)
    assert list(built.occurrences) == _reference_occurrences(list(concepts), list(documents))


@pytest.mark.parametrize(
    ("keys", "starts"),
    [
        ([], [0, 0]),
        (["a", "bb", "bb", "dddd"], [0, 0, 1, 3, 3, 4]),
        (["abc"], [0, 0, 0, 0, 1]),
    ],
)
def test_length_starts(keys: list[str], starts: list[int]) -> None:
    # starts[n]: the first key of at least n characters; one past the end for the longest + 1
    assert build._length_starts(keys) == starts


@pytest.mark.parametrize(
    ("lang", "scanned"),
    [
        ("en", "latin"),
        ("fr", "none"),
        ("ru", "none"),
        ("es", "none"),
        ("ar", "none"),
        ("zh", "all"),
        ("ja", "all"),
        ("", "all"),
    ],
)
def test_scanned_in(lang: str, scanned: str) -> None:
    assert build.scanned_in(lang) == scanned


def test_pinyin_is_derived_for_chinese_terms_and_kept_when_given() -> None:
    from conftest import concept

    from npt_gloss.index import build_index

    index = build_index(
        (
            concept("nws", "nuclear-weapon States", "核武器国家", zh_variants=["核国家"]),
            concept(
                "ctbt",
                "Comprehensive Nuclear-Test-Ban Treaty",
                "全面禁止核试验条约",
                abbr=["全面禁核试条约"],
                pinyin="quán miàn jìn zhǐ hé shì yàn tiáo yuē",
            ),
            concept("mixed", "P5 process", "五核国机制", zh_variants=["P5进程"]),
        ),
        (),
    )
    assert [index.concept(c).pinyin for c in range(3)] == [
        "hé wǔ qì guó jiā",
        "quán miàn jìn zhǐ hé shì yàn tiáo yuē",
        "wǔ hé guó jī zhì",
    ]

    def pinyin_hits(query: str) -> list[str]:
        return [m.form for m in lookup(index, query, 5) if m.how == "pinyin"]

    assert pinyin_hits("hewuqiguojia") == ["核武器国家"]
    assert pinyin_hits("he guo jia") == ["核国家"]  # a variant has its pinyin key too
    assert pinyin_hits("jincheng") == ["P5进程"]  # the Chinese characters of a mixed form
    assert pinyin_hits("quanmianjinheshitiaoyue") == []  # abbreviations have none


def test_traditional_table_covers_the_three_han_blocks() -> None:
    table = build.build_t2s()
    # one character of each block OpenCC converts: the unified block, extension A and the
    # compatibility ideographs
    assert (table["國"], table["戰"], table["㑳"], table["豈"]) == ("国", "战", "㑇", "岂")
    assert "国" not in table and "裁" not in table  # simplified or shared: left alone
    assert all(len(simple) == 1 and simple != trad for trad, simple in table.items())
    blocks = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
    assert all(any(low <= ord(trad) < high for low, high in blocks) for trad in table)


@functools.cache
def _paper_runs() -> list[str]:
    """The runs of Chinese characters in the shipped paper (sampled by the test below)."""
    from npt_gloss import paths

    text = (paths.shipped("text") / "ru-wp-shared-responsibility.txt").read_text("utf-8")
    return [run for run in build._HANZI_ONLY.findall(text) if len(run) > 1]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_fast_pinyin_agrees_with_pypinyin_on_the_papers_text(data: st.DataObject) -> None:
    from pypinyin import Style, lazy_pinyin

    runs = _paper_runs()
    run = data.draw(st.sampled_from(runs))
    start = data.draw(st.integers(0, len(run) - 1))
    hanzi = run[start : data.draw(st.integers(start + 1, len(run)))]
    assert build._Pinyin().syllables(hanzi) == lazy_pinyin(hanzi, style=Style.TONE), hanzi
