"""StarDict export: the files as StarDict specifies them, read back, and opened by sdcv."""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess

import pytest
from click.testing import CliRunner
from conftest import MINI_CONCEPTS, concept
from hypothesis import given
from hypothesis import strategies as st

from npt_gloss.cli import cli
from npt_gloss.formats.stardict import entries, from_stardict, sort_key, to_stardict


def _c_order(left: bytes, right: bytes) -> int:
    """StarDict's comparison written as the C does it, byte by byte: g_ascii_strcasecmp
    (ASCII letters folded, unsigned bytes), then strcmp."""

    def fold(byte: int) -> int:
        return byte + 32 if 65 <= byte <= 90 else byte

    for a, b in zip(left, right, strict=False):
        if fold(a) != fold(b):
            return fold(a) - fold(b)
    if len(left) != len(right):
        return len(left) - len(right)
    return (left > right) - (left < right)


@given(st.lists(st.text(st.characters(blacklist_characters="\0"), min_size=1), max_size=30))
def test_sort_key_is_stardicts_order(words: list[str]) -> None:
    encoded = [w.encode("utf-8", "surrogatepass") for w in words]
    assert sorted(encoded, key=sort_key) == sorted(encoded, key=functools.cmp_to_key(_c_order))


def test_two_entries_per_concept_one_per_direction() -> None:
    nws = entries(MINI_CONCEPTS[:1])
    assert [(e.headword, e.synonyms) for e in nws] == [
        ("nuclear-weapon States", ("nuclear States", "NWS")),
        ("核武器国家", ("核国家", "拥有核武器的国家")),
    ]
    # The rendering in the other language comes first, with its own variants under it.
    assert nws[0].text.split("\n")[:2] == ["核武器国家", "variants: 核国家; 拥有核武器的国家"]
    assert nws[1].text.split("\n")[:3] == [
        "nuclear-weapon States",
        "variants: nuclear States",
        "abbreviations: NWS",
    ]


def test_entry_text_carries_definition_source_and_cross_references() -> None:
    npt = concept(
        "npt",
        "Treaty on the Non-Proliferation of Nuclear Weapons",
        "不扩散核武器条约",
        abbr=["NPT", "不扩散条约"],
        zh_deprecated=["核不扩散条约"],
        definition="The 1968 treaty.",
        source="A/RES/2373 (XXII)",
        see=["nws"],
    )
    english, chinese = entries([npt, MINI_CONCEPTS[0]])[:2]
    assert english.synonyms == ("NPT",)
    assert chinese.synonyms == ("不扩散条约", "核不扩散条约")
    assert english.text == (
        "不扩散核武器条约\n"
        "abbreviations: 不扩散条约\n"
        "avoid: 核不扩散条约\n"
        "\n"
        "Treaty on the Non-Proliferation of Nuclear Weapons\n"
        "abbreviations: NPT\n"
        "\n"
        "definition: The 1968 treaty.\n"
        "source: A/RES/2373 (XXII)\n"
        "see: nuclear-weapon States / 核武器国家\n"
        "id: npt"
    )
    assert chinese.text.startswith("Treaty on the Non-Proliferation of Nuclear Weapons\n")


def test_files_read_back_to_the_same_entries() -> None:
    book = to_stardict(MINI_CONCEPTS, "a test")
    back = from_stardict(book.files)
    written = {(e.headword, e.text) for e in entries(MINI_CONCEPTS)}
    assert set(back.entries) == written and len(back.entries) == 2 * len(MINI_CONCEPTS)
    assert back.info["sametypesequence"] == "m"
    assert back.info["description"] == "a test"
    assert back.info["version"] == "3.0.0"
    headwords = [word.encode() for word, _ in back.entries]
    assert headwords == sorted(headwords, key=functools.cmp_to_key(_c_order))
    forms = [form.encode() for form, _ in back.synonyms]
    assert forms == sorted(forms, key=functools.cmp_to_key(_c_order))
    # Each synonym points at the entry of its own language.
    pointed = {form: back.entries[number][0] for form, number in back.synonyms}
    assert pointed["NWS"] == "nuclear-weapon States"
    assert pointed["核国家"] == "核武器国家"
    assert pointed["anti-missile defence"] == "missile defence"
    assert book.synonyms == len(back.synonyms) == 10
    assert sorted(back.synonyms) == sorted(
        (form, [w for w, _ in back.entries].index(e.headword))
        for e in entries(MINI_CONCEPTS)
        for form in e.synonyms
    )


def test_idx_records_are_big_endian_offsets_into_dict() -> None:
    book = to_stardict(MINI_CONCEPTS[:1])
    idx = book.files[".idx"]
    end = idx.index(b"\0")
    offset, size = struct.unpack(">II", idx[end + 1 : end + 9])
    assert idx[:end] == b"nuclear-weapon States"  # "n" < the UTF-8 lead byte of 核
    assert (offset, size) == (0, len(entries(MINI_CONCEPTS[:1])[0].text.encode()))
    assert int(book.files[".ifo"].decode().split("idxfilesize=")[1].split()[0]) == len(idx)


def test_forms_over_255_bytes_are_left_out_of_the_word_lists() -> None:
    long_form = "核" * 86  # 258 bytes
    book = to_stardict([concept("long", "a long one", "长", zh_variants=[long_form])])
    assert book.too_long == (long_form,)
    assert from_stardict(book.files).synonyms == []
    assert ".syn" not in book.files
    assert "synwordcount" not in book.files[".ifo"].decode()


@pytest.mark.parametrize(
    ("cut", "message"),
    [(".idx", "cut short"), (".syn", "cut short"), (".ifo", "not a StarDict")],
)
def test_a_damaged_file_is_refused(cut: str, message: str) -> None:
    files = dict(to_stardict(MINI_CONCEPTS).files)
    files[cut] = files[cut][3:] if cut == ".ifo" else files[cut][:-3]
    if cut == ".idx":  # keep the header's size right, so that the cut record is what fails
        files[".ifo"] = files[".ifo"].replace(
            f"idxfilesize={len(files[cut]) + 3}".encode(), f"idxfilesize={len(files[cut])}".encode()
        )
    with pytest.raises(ValueError, match=message):
        from_stardict(files)


# ---------------------------------------------------------------- the command


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _read(base) -> dict[str, bytes]:
    return {
        s: (base.parent / f"{base.name}{s}").read_bytes() for s in (".ifo", ".idx", ".dict", ".syn")
    }


def test_export_into_a_folder(tmp_path, shipped_index) -> None:
    folder = tmp_path / "dict"
    result = run("glossary", "export", "--format", "stardict", "-o", f"{folder}/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [
        "npt-gloss.dict",
        "npt-gloss.idx",
        "npt-gloss.ifo",
        "npt-gloss.syn",
    ]
    back = from_stardict(_read(folder / "npt-gloss"))
    assert len(back.entries) == 2 * len(shipped_index.concepts)
    assert result.stderr == (
        f"{folder}/npt-gloss.ifo: {len(back.entries)} entries, {len(back.synonyms)} further forms\n"
    )
    texts = dict(back.entries)
    assert texts["strategic stability"].startswith("战略稳定性\n")
    assert texts["战略稳定性"].startswith("strategic stability\n")
    by_form = {form: back.entries[n][0] for form, n in back.synonyms}
    assert by_form["NPT"] == "Treaty on the Non-Proliferation of Nuclear Weapons"
    assert by_form["不扩散条约"] == "不扩散核武器条约"


def test_export_to_a_base_name_and_for_one_document(tmp_path) -> None:
    result = run(
        "glossary", "export", "--format", "stardict", "--doc", "ru-wp-shared-responsibility",
        "-o", str(tmp_path / "paper.ifo"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    back = from_stardict(_read(tmp_path / "paper"))
    assert len(back.entries) == 2 * 70  # the 70 concepts of the paper's termlist
    assert "ctbto" not in {text.rsplit("id: ", 1)[1] for _, text in back.entries}


def test_export_without_output_is_a_usage_error() -> None:
    result = run("glossary", "export", "--format", "stardict")
    assert result.exit_code == 2
    assert "stardict writes several files: name a folder or a base name with -o" in result.stderr
    assert "Traceback" not in result.output


def test_an_unwritable_target_names_the_file(tmp_path) -> None:
    result = run("glossary", "export", "--format", "stardict", "-o", str(tmp_path / "no" / "x"))
    assert result.exit_code == 2
    assert f"{tmp_path}/no/x.dict" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # the error and at most a hint


# ---------------------------------------------------------------- sdcv itself

SDCV = shutil.which("sdcv")


@pytest.mark.skipif(SDCV is None, reason="sdcv is not installed (Debian package sdcv)")
@pytest.mark.parametrize(
    ("query", "headword", "first_line"),
    [
        ("strategic stability", "strategic stability", "战略稳定性"),
        ("战略稳定性", "战略稳定性", "strategic stability"),
        ("NPT", "Treaty on the Non-Proliferation of Nuclear Weapons", "不扩散核武器条约"),
        ("不扩散条约", "不扩散核武器条约", "Treaty on the Non-Proliferation of Nuclear Weapons"),
    ],
)
def test_sdcv_opens_the_export(tmp_path, query: str, headword: str, first_line: str) -> None:
    folder = tmp_path / "dict"
    assert run("glossary", "export", "--format", "stardict", "-o", f"{folder}/").exit_code == 0
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [SDCV, "-n", "-e", "--utf8-input", "--utf8-output", "--data-dir", str(folder), query],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    arrow = lines.index(f"-->{headword}")
    assert lines[arrow - 1].startswith("-->npt-gloss")  # the book name
    assert lines[arrow + 2] == first_line  # after the blank line sdcv puts before the text


@pytest.mark.skipif(SDCV is None, reason="sdcv is not installed (Debian package sdcv)")
def test_sdcv_finds_every_headword_and_form_exactly(tmp_path) -> None:
    """sdcv binary-searches .idx and .syn: a form it cannot find exactly would show an order
    that is not StarDict's."""
    folder = tmp_path / "dict"
    assert run("glossary", "export", "--format", "stardict", "-o", f"{folder}/").exit_code == 0
    back = from_stardict(_read(folder / "npt-gloss"))
    words = [w for w, _ in back.entries] + [w for w, _ in back.synonyms]
    assert len(words) > 4000
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    missing = []
    for start in range(0, len(words), 500):
        chunk = words[start : start + 500]
        done = subprocess.run(
            [SDCV, "-n", "-e", "-x", "--utf8-input", "--utf8-output", "--data-dir", str(folder),
             *chunk],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
        missing += [w for w in chunk if f", similar to {w}.\n" not in done.stdout]
    assert missing == []
