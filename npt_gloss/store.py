"""The index's on-disk image: named sections read lazily from one buffer (a file map or bytes).

A query needs a handful of records out of hundreds of thousands, so nothing is decoded up
front: a section is a blob of ``marshal``-ed records with an array of offsets (one record is
one slice and one ``marshal.loads``), a list of strings, or a hash table whose buckets are
such records (a lookup hashes the key with CRC-32 and decodes one bucket of about one
entry). Opening a cache file is then a ``mmap`` and the decoding of a small header, whatever
the size of the glossary and the corpus.

Layout: ``MAGIC``, the sections (each aligned to 8 bytes), the header (``marshal``: a dict
naming every section's place and the image's size), the header's length (8 bytes,
little-endian), ``FOOTER``. The header comes last so that sections can be streamed to a file
as they are built, never all held in memory. The offsets arrays are in the machine's byte
order; the cache key includes it, so a cache is never read on a machine that wrote it
differently.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO
from zlib import crc32

MAGIC = b"NPTGIDX\x00"
FOOTER = b"\x00NPTGEND"
_ALIGN = 8
_MISSING = object()


class CorruptImage(ValueError):
    """The buffer is not a complete index image of the expected schema."""


def key_hash(key: str) -> int:
    return crc32(key.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- writing


class ImageWriter:
    """Writes sections to a binary file object as they come, then the header."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        out.write(MAGIC)
        self._position = len(MAGIC)
        self.sections: dict[str, tuple[Any, ...]] = {}

    def _put(self, data: bytes | memoryview) -> tuple[int, int]:
        padding = -self._position % _ALIGN
        if padding:
            self._out.write(b"\x00" * padding)
            self._position += padding
        start = self._position
        self._out.write(data)
        self._position += len(data)
        return start, len(data)

    def value(self, name: str, obj: Any) -> None:
        """One marshal-able value, decoded whole when the section is read."""
        self.sections[name] = ("value", *self._put(marshal.dumps(obj)))

    def blobs(self, name: str, items: Iterable[bytes]) -> None:
        """A sequence of byte strings, each readable on its own."""
        offsets = array("Q", [0])
        chunks: list[bytes] = []
        total = pending = 0
        data_start, _ = self._put(b"")
        for item in items:
            chunks.append(item)
            total += len(item)
            pending += len(item)
            offsets.append(total)
            if pending > 1 << 22:  # write in 4 MB pieces: the data is never all in memory
                self._append(b"".join(chunks))
                chunks, pending = [], 0
        self._append(b"".join(chunks))
        code = "I" if total < 2**32 else "Q"
        where_offsets = self._put(array(code, offsets).tobytes())
        self.sections[name] = ("blobs", code, *where_offsets, data_start, total)

    def _append(self, data: bytes) -> None:
        """Continue the current section (no alignment)."""
        self._out.write(data)
        self._position += len(data)

    def records(self, name: str, items: Iterable[Any]) -> None:
        self.blobs(name, (marshal.dumps(item) for item in items))
        self.sections[name] = ("records", *self.sections[name][1:])

    def strings(self, name: str, items: Iterable[str]) -> None:
        self.blobs(name, (item.encode("utf-8", "surrogatepass") for item in items))
        self.sections[name] = ("strings", *self.sections[name][1:])

    def lines(self, name: str, items: Iterable[str]) -> None:
        """Strings without line breaks, each stored with a trailing newline, so that a run
        of them decodes in one go (:meth:`Lines.run`)."""

        def encoded() -> Iterator[bytes]:
            for item in items:
                if "\n" in item:
                    raise ValueError(f"line break in {item!r}")
                yield (item + "\n").encode("utf-8", "surrogatepass")

        self.blobs(name, encoded())
        self.sections[name] = ("lines", *self.sections[name][1:])

    def table(self, name: str, mapping: Mapping[str, Any]) -> None:
        """A hash table: str keys, marshal-able values (load factor at most 1)."""
        size = 8
        while size < len(mapping):
            size *= 2
        buckets: list[list[tuple[str, Any]]] = [[] for _ in range(size)]
        mask = size - 1
        for key, value in mapping.items():
            buckets[key_hash(key) & mask].append((key, value))
        self.blobs(name, (marshal.dumps(b) if b else b"" for b in buckets))
        self.sections[name] = ("table", *self.sections[name][1:], len(mapping))

    def finish(self, header: dict[str, Any]) -> None:
        """Write the header and the footer; the image is then complete."""
        padding = -self._position % _ALIGN
        self._out.write(b"\x00" * padding)
        self._position += padding
        header = {**header, "sections": self.sections, "size": 0}
        # The header records the image's total size, which depends on the header's length:
        # iterate until the two agree (the first or second pass does).
        for _ in range(8):
            head = marshal.dumps(header)
            size = self._position + len(head) + 8 + len(FOOTER)
            if header["size"] == size:
                break
            header["size"] = size
        else:  # pragma: no cover
            raise AssertionError("index header size does not settle")
        self._out.write(head)
        self._out.write(len(head).to_bytes(8, "little"))
        self._out.write(FOOTER)
        self._position = size


# ---------------------------------------------------------------- reading


class Image:
    """A validated image; hands out lazy views of its sections."""

    def __init__(self, buffer: Any) -> None:
        view = memoryview(buffer)
        size = view.nbytes
        if size < len(MAGIC) + 8 + len(FOOTER):
            raise CorruptImage("too short")
        if bytes(view[: len(MAGIC)]) != MAGIC or bytes(view[size - len(FOOTER) :]) != FOOTER:
            raise CorruptImage("not an index image, or a truncated one")
        end = size - len(FOOTER) - 8
        length = int.from_bytes(view[end : end + 8], "little")
        if not 0 < length <= end - len(MAGIC):
            raise CorruptImage("bad header length")
        try:
            header = marshal.loads(view[end - length : end])
        except (EOFError, ValueError, TypeError) as exc:
            raise CorruptImage(f"unreadable header: {exc}") from None
        if not isinstance(header, dict) or header.get("size") != size:
            raise CorruptImage("size does not match the header")
        self.buffer = buffer  # keeps a file map alive as long as the image
        self.view = view
        self.header = header
        self._sections: dict[str, tuple[Any, ...]] = header["sections"]

    def _slice(self, start: int, length: int) -> memoryview:
        return self.view[start : start + length]

    def _offsets(self, spec: tuple[Any, ...]) -> memoryview:
        _, code, off_start, off_len, *_ = spec
        return self._slice(off_start, off_len).cast(code)

    def value(self, name: str) -> Any:
        _, start, length = self._sections[name]
        return marshal.loads(self._slice(start, length))

    def records(self, name: str) -> Records:
        spec = self._sections[name]
        return Records(self._offsets(spec), self._slice(spec[4], spec[5]), marshal.loads)

    def strings(self, name: str) -> Records:
        spec = self._sections[name]
        return Records(self._offsets(spec), self._slice(spec[4], spec[5]), _decode)

    def lines(self, name: str) -> Lines:
        spec = self._sections[name]
        return Lines(self._offsets(spec), self._slice(spec[4], spec[5]), _decode_line)

    def table(self, name: str) -> Table:
        spec = self._sections[name]
        return Table(self._offsets(spec), self._slice(spec[4], spec[5]), spec[6])


def _decode(data: memoryview) -> str:
    return str(data, "utf-8", "surrogatepass")


def _decode_line(data: memoryview) -> str:
    return str(data[:-1], "utf-8", "surrogatepass")


class Records(Sequence[Any]):
    """A read-only list whose items are decoded when asked for (and then remembered)."""

    __slots__ = ("_cache", "_data", "_decode", "_offsets")

    def __init__(self, offsets: memoryview, data: memoryview, decode: Callable[[memoryview], Any]) -> None:
        self._offsets = offsets
        self._data = data
        self._decode = decode
        self._cache: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        try:
            return self._cache[index]
        except KeyError:
            pass
        count = len(self._offsets) - 1
        position = index + count if index < 0 else index
        if not 0 <= position < count:
            raise IndexError("record index out of range")
        item = self._decode(self._data[self._offsets[position] : self._offsets[position + 1]])
        self._cache[position] = item
        return item

    def raw(self, index: int) -> memoryview:
        """The undecoded bytes of one record (no caching)."""
        return self._data[self._offsets[index] : self._offsets[index + 1]]

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self[i]


class Lines(Records):
    """Records that are lines of text; a run of them decodes at once."""

    __slots__ = ()

    def run(self, start: int, stop: int) -> list[str]:
        """``self[start:stop]`` as one decode and one split (fast for thousands)."""
        count = len(self._offsets) - 1
        start, stop = max(0, min(start, count)), max(0, min(stop, count))
        if start >= stop:
            return []
        data = self._data[self._offsets[start] : self._offsets[stop]]
        return str(data, "utf-8", "surrogatepass").split("\n")[:-1]


class Table(Mapping[str, Any]):
    """A read-only dict over a hash-bucketed section."""

    __slots__ = ("_count", "_data", "_mask", "_offsets")

    def __init__(self, offsets: memoryview, data: memoryview, count: int) -> None:
        self._offsets = offsets
        self._data = data
        self._mask = len(offsets) - 2
        self._count = count

    def _bucket(self, number: int) -> list[tuple[str, Any]]:
        start, end = self._offsets[number], self._offsets[number + 1]
        return marshal.loads(self._data[start:end]) if end > start else []

    def get(self, key: str, default: Any = None) -> Any:
        for candidate, value in self._bucket(key_hash(key) & self._mask):
            if candidate == key:
                return value
        return default

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        for number in range(self._mask + 1):
            for key, _ in self._bucket(number):
                yield key

    def __len__(self) -> int:
        return self._count
