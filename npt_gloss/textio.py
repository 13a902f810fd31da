"""Reading and writing the project's text files safely.

Every data file (documents, glossary) is UTF-8. ``read_text`` accepts what editors commonly
add on top of that (a byte-order mark, Windows line ends) and turns everything else into a
:class:`DataError` that names the file, the line of the first bad byte and the encoding the
file seems to be in, so a user who saved a document as GBK or UTF-16 learns what to fix.

``write_atomic`` replaces a file so that a reader, a crash or a kill never sees half of it.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from npt_gloss.errors import DataError

_UTF8_HINT = "save it as UTF-8"
# C0 controls never found in a text file; tab, line feed, vertical tab, form feed and
# carriage return are allowed (PDF extractions contain form feeds).
_BAD_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def read_text(path: str | os.PathLike[str]) -> str:
    """Return the file's text as UTF-8 with ``\\n`` line ends and no byte-order mark.

    Raises :class:`DataError` naming the file when it is missing, a directory, unreadable,
    not UTF-8 (saying which encoding it looks like) or binary.
    """
    path = Path(path)
    return decode_text(_read_bytes(path), path)


def decode_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """:func:`read_text` for bytes already read (standard input, say); ``path`` names them
    in errors."""
    path = Path(path)
    data = data.removeprefix(codecs.BOM_UTF8)
    _reject_utf16_and_32_bom(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8_error(data, exc.start, path) from None
    _reject_controls(text, data, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A binary file's bytes (a workbook), with the same one-line errors as read_text."""
    return _read_bytes(Path(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError("file not found", path=path) from None
    except IsADirectoryError:
        raise DataError("is a directory, not a file", path=path) from None
    except PermissionError:
        raise DataError("cannot read the file: permission denied", path=path) from None
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    except ValueError:  # a NUL or a lone surrogate: no file can have this name
        raise DataError("cannot read the file: not a valid file name", path=path) from None


def _reject_utf16_and_32_bom(data: bytes, path: Path) -> None:
    # UTF-32 first: its little-endian BOM begins with the UTF-16 one.
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if data.startswith(bom):
            raise DataError(
                f"not UTF-8: the file is {name} (it starts with a {name} byte-order mark)",
                path=path,
                line=1,
                column=1,
                hint=_UTF8_HINT,
            )


def _not_utf8_error(data: bytes, offset: int, path: Path) -> DataError:
    line, column = _position(data, offset)
    encoding = guess_encoding(data)
    bad = f"0x{data[offset]:02X}"
    if encoding == "binary":
        message = f"not a text file: binary or unknown encoding (first bad byte {bad})"
        hint = "documents and the glossary must be UTF-8 text"
    else:
        message = f"not UTF-8: the file looks like {encoding} (first bad byte {bad})"
        hint = _UTF8_HINT
        if encoding.startswith("GBK"):
            hint += ", e.g. iconv -f GB18030 -t UTF-8"
    return DataError(message, path=path, line=line, column=column, hint=hint)


def _reject_controls(text: str, data: bytes, path: Path) -> None:
    """Valid UTF-8 can still be binary, or UTF-16 without a BOM (ASCII halves are NUL)."""
    found = _BAD_CONTROL_RE.search(text)
    if found is None:
        return
    char = found.group()
    offset = len(text[: found.start()].encode("utf-8"))
    line, column = _position(data, offset)
    if guess_encoding(data) == "UTF-16":
        message = "not UTF-8: the file looks like UTF-16 (it contains NUL bytes)"
        hint = _UTF8_HINT
    else:
        message = (
            f"not a text file: binary or unknown encoding (control character U+{ord(char):04X})"
        )
        hint = "documents and the glossary must be UTF-8 text"
    raise DataError(message, path=path, line=line, column=column, hint=hint)


def guess_encoding(data: bytes) -> str:
    """Name the encoding ``data`` (which is not clean UTF-8) most likely is in.

    Returns ``"UTF-16"``, ``"GBK/GB18030"`` or ``"binary"``.
    """
    if _looks_like_utf16(data):
        return "UTF-16"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return "binary"
    # GB18030 decodes many byte soups; real Chinese text has no stray control characters.
    if _BAD_CONTROL_RE.search(text):
        return "binary"
    return "GBK/GB18030"


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 text with any ASCII in it has NUL bytes, nearly all at one parity."""
    sample = data[:65536]
    if len(sample) < 2:
        return False
    even = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    nuls = even + odd
    if nuls == 0 or max(even, odd) < 0.9 * nuls:
        return False
    # Confirm by decoding: ASCII in UTF-16-LE puts the NUL second (odd offsets).
    codec = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    # A text file has line ends; a binary file that happens to decode has control characters.
    return "\n" in text and not _BAD_CONTROL_RE.search(text)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of byte ``offset`` (best effort)."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (str as UTF-8, or bytes as they are) all at once.

    The text goes to a temporary file in the same directory, is flushed and fsynced, and is
    renamed over the target, after which the directory is fsynced so the rename survives a
    power cut. The target is never truncated: a reader or a crash sees the old or the new
    content, whole. The temporary file is removed when anything fails (a SIGKILL can still
    leave one behind; its name starts with a dot and ends in ``.tmp``).
    """
    import tempfile  # here, not at the top: most commands only read

    # Write through a symlink to the file it points at, as editors do, rather than replace
    # the link with a regular file.
    try:
        target = Path(os.path.realpath(path))
        directory = target.parent
        fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise DataError(f"cannot write the file: {exc.strerror or exc}", path=path) from None
    except ValueError:  # a NUL or a lone surrogate in the name
        raise DataError("cannot write the file: not a valid file name", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
    except BaseException as exc:
        _remove_quietly(tmp_name)
        if isinstance(exc, OSError):
            raise DataError(f"cannot write the file: {exc.strerror or exc}", path=path) from None
        raise
    _fsync_directory(directory)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask-derived mode."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        # mkstemp creates 0600 files; reading the umask means setting it, so set it back.
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def _fsync_directory(directory: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync
        return
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to fsync a directory; the rename has still happened
    finally:
        os.close(fd)
