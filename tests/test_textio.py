"""Tests for npt_gloss.textio: tolerant UTF-8 reading, helpful encoding errors, atomic writes."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from npt_gloss import textio
from npt_gloss.errors import DataError
from npt_gloss.textio import guess_encoding, read_text, write_atomic

REPO = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- reading

ACCEPTED = [
    ("plain", "核裁军\nline two\n".encode(), "核裁军\nline two\n"),
    ("bom", b"\xef\xbb\xbf" + "核裁军\n".encode(), "核裁军\n"),
    ("crlf", "一\r\n二\r\n".encode(), "一\n二\n"),
    ("bom+crlf", b"\xef\xbb\xbf" + b"+++\r\nid = 1\r\n", "+++\nid = 1\n"),
    ("lone cr", b"a\rb\r", "a\nb\n"),
    ("form feed and tab kept", b"a\tb\n\x0cc\n", "a\tb\n\x0cc\n"),
    ("empty", b"", ""),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED]
)
def test_read_text_accepts(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_text(path) == expected


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"

# name, bytes, words the message must contain, line of the first bad byte
REJECTED = [
    ("gbk", "ascii line\nsecond\n核裁军是一个进程。\n".encode("gbk"), "GBK/GB18030", 3),
    ("gb18030 first line", "核裁军\n".encode("gb18030"), "GBK/GB18030", 1),
    ("utf-16 with bom", "核裁军\n第二行\n".encode("utf-16"), "UTF-16", 1),
    ("utf-16-be with bom", b"\xfe\xff" + "核\n".encode("utf-16-be"), "UTF-16", 1),
    ("utf-16-le no bom", "ab\n核裁军\n".encode("utf-16-le"), "UTF-16", 2),
    ("utf-16-le ascii only", "abc\ndef\n".encode("utf-16-le"), "UTF-16", 1),
    ("utf-32", "核\n".encode("utf-32"), "UTF-32", 1),
    ("png", PNG, "binary or unknown encoding", 1),
    ("byte soup", bytes(range(256)) * 3, "binary or unknown encoding", 2),
    (
        "valid utf-8 with controls",
        b"text\nmore\x00\x01\x02\x03 bytes\n",
        "binary or unknown encoding",
        2,
    ),
]


@pytest.mark.parametrize(
    ("data", "words", "line"), [c[1:] for c in REJECTED], ids=[c[0] for c in REJECTED]
)
def test_read_text_rejects_with_file_line_and_encoding(
    tmp_path: Path, data: bytes, words: str, line: int
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with pytest.raises(DataError) as info:
        read_text(path)
    err = info.value
    assert err.line == line
    assert str(err).startswith(f"{path}:{line}:")
    assert words in str(err)


def test_read_text_bad_byte_column(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("第一\n核裁".encode() + "军".encode("gbk") + b"\n")
    with pytest.raises(DataError) as info:
        read_text(path)
    assert (info.value.line, info.value.column) == (2, 3)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p, "file not found"),
        (lambda p: (p.mkdir(), p)[1], "is a directory"),
    ],
    ids=["missing", "directory"],
)
def test_read_text_unreadable_names_the_file(tmp_path: Path, make, words: str) -> None:
    path = make(tmp_path / "doc.txt")
    with pytest.raises(DataError) as info:
        read_text(path)
    assert str(info.value).startswith(f"{path}: ")
    assert words in str(info.value)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_read_text_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(DataError, match="permission denied"):
        read_text(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("核裁军，战略稳定性。".encode("gbk"), "GBK/GB18030"),
        ("核裁军\n".encode("utf-16-le"), "UTF-16"),
        ("a\nb\n".encode("utf-16-be"), "UTF-16"),
        (b"hello\x00world", "binary"),
        (PNG, "binary"),
    ],
)
def test_guess_encoding(data: bytes, expected: str) -> None:
    assert guess_encoding(data) == expected


# --------------------------------------------------------------------------- writing


def test_write_atomic_creates_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, "第一版\n")
    assert path.read_text(encoding="utf-8") == "第一版\n"
    write_atomic(path, "second\n")
    assert path.read_bytes() == b"second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_write_atomic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "cache.bin"
    write_atomic(path, b"\x00\xff\r\n")
    assert path.read_bytes() == b"\x00\xff\r\n"


def test_write_atomic_unencodable_text_leaves_target_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "lone surrogate \ud800")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_keeps_newlines_as_given(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    write_atomic(path, "a\nb\n")
    assert path.read_bytes() == b"a\nb\n"  # no \r\n translation on any platform


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_write_atomic_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_write_atomic_new_file_is_not_private(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    umask = os.umask(0o022)
    try:
        write_atomic(path, "new")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_write_atomic_failure_leaves_target_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old content")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(textio.os, failing, boom)
    with pytest.raises(DataError) as info:
        write_atomic(path, "new content")
    assert str(info.value).startswith(f"{path}: cannot write")
    assert path.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_interrupted_by_exception_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(textio.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_missing_directory(tmp_path: Path) -> None:
    path = tmp_path / "nope" / "out.txt"
    with pytest.raises(DataError) as info:
        write_atomic(path, "x")
    assert str(info.value).startswith(f"{path}: cannot write")


WRITER = """
import sys
from npt_gloss.textio import write_atomic
target = sys.argv[1]
contents = [sys.argv[2] * 200_000, sys.argv[3] * 150_000]
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, contents[i % 2])
    i += 1
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_write_atomic_survives_sigkill(tmp_path: Path) -> None:
    """Kill a writer at random moments: the target is always one whole version."""
    target = tmp_path / "doc.txt"
    versions = {"A\n" * 200_000, "核裁军\n" * 150_000}
    target.write_text("核裁军\n" * 150_000, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    rng = random.Random(1234)
    for _ in range(30):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), "A\n", "核裁军\n"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0, 0.05))
        assert proc.poll() is None, "the writer stopped by itself"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        if proc.stderr:
            proc.stderr.close()
        assert target.read_text(encoding="utf-8") in versions
    # A killed writer may leave its temporary file; it is hidden and never a *.txt.
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    assert all(re.fullmatch(r"\.doc\.txt\..+\.tmp", name) for name in leftovers)
    # Leftovers prove that some kills landed in the middle of a write, the case under test.
    assert leftovers, "no kill interrupted a write; the test proved nothing"


# --------------------------------------------------------------------------- exact messages
# (mutation testing, issue 16: the wording and the place named are what a user reads)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (FileNotFoundError(), "file not found"),
        (IsADirectoryError(), "is a directory, not a file"),
        (PermissionError(), "cannot read the file: permission denied"),
        (OSError(5, "Input/output error"), "cannot read the file: Input/output error"),
        (ValueError("embedded null byte"), "cannot read the file: not a valid file name"),
    ],
)
def test_read_errors_name_the_file_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, message: str
) -> None:
    path = tmp_path / "doc.txt"

    def fail(self: Path) -> bytes:
        raise error

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(DataError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe" + "核".encode("utf-16-le"), "not UTF-8: the file is UTF-16 (it starts with a "
         "UTF-16 byte-order mark) (save it as UTF-8)"),
        (b"\xfe\xff" + "核".encode("utf-16-be"), "not UTF-8: the file is UTF-16 (it starts with a "
         "UTF-16 byte-order mark) (save it as UTF-8)"),
        (b"\xff\xfe\x00\x00" + "核".encode("utf-32-le"), "not UTF-8: the file is UTF-32 (it "
         "starts with a UTF-32 byte-order mark) (save it as UTF-8)"),
        (b"\x00\x00\xfe\xff" + "核".encode("utf-32-be"), "not UTF-8: the file is UTF-32 (it "
         "starts with a UTF-32 byte-order mark) (save it as UTF-8)"),
    ],
)  # fmt: skip
def test_a_utf16_or_utf32_byte_order_mark_is_named_at_line_1(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with pytest.raises(DataError) as caught:
        read_text(path)
    assert str(caught.value) == f"{path}:1:1: {message}"


def test_gbk_is_named_with_line_column_byte_and_the_iconv_hint(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("first line\nab核裁军\n".encode("gb18030"))
    with pytest.raises(DataError) as caught:
        read_text(path)
    assert str(caught.value) == (
        f"{path}:2:3: not UTF-8: the file looks like GBK/GB18030 (first bad byte 0xBA) "
        "(save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8)"
    )


def test_binary_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "doc.bin"
    path.write_bytes(b"ok\n\x81\x00\x01\x02\xff")
    with pytest.raises(DataError) as caught:
        read_text(path)
    assert str(caught.value) == (
        f"{path}:2:1: not a text file: binary or unknown encoding (first bad byte 0x81) "
        "(documents and the glossary must be UTF-8 text)"
    )


def test_a_control_character_is_named_with_its_code_point(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes("line one\n核\x01x\n".encode())
    with pytest.raises(DataError) as caught:
        read_text(path)
    assert str(caught.value) == (
        f"{path}:2:2: not a text file: binary or unknown encoding (control character U+0001) "
        "(documents and the glossary must be UTF-8 text)"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("ascii text\nlong enough\n".encode("utf-16-le"), True),
        ("ascii text\nlong enough\n".encode("utf-16-be"), True),
        ("ascii text, no line end".encode("utf-16-le"), False),
        (b"a", False),
        (b"plain ascii", False),
        (b"\x00" * 3 + b"abc", False),
    ],
)
def test_looks_like_utf16(data: bytes, expected: bool) -> None:
    assert textio._looks_like_utf16(data) is expected
