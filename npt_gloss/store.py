"""The index's on-disk image: named sections read lazily from one buffer (a file map or bytes).

A query needs a handful of records out of hundreds of thousands, so nothing is decoded up
front: a section is a blob of ``marshal``-ed records with an array of offsets (one record is
one slice and one ``marshal.loads``), a list of strings, or a hash table whose buckets are
such records (a lookup hashes the key with CRC-32 and decodes one bucket of about two
entries). Opening a cache file is then a ``mmap`` and the decoding of a small header,
whatever the size of the glossary and the corpus.

Layout: ``MAGIC``, the sections (each aligned to 8 bytes), the header (``marshal``: a dict
naming every section's place, the image's size and its CRC-32), the header's length (8
bytes, little-endian), ``FOOTER``. The header comes last so that sections can be streamed to
a file as they are built, never all held in memory. The offsets arrays are in the machine's
byte order; the cache key includes it, so a cache is never read on a machine that wrote it
differently.

Damage is detected, never decoded: a small image is checked whole when opened (a
millisecond); a large one, record by record as records are read (each has its CRC-32), so
opening it stays instant. Either way a damaged image raises :class:`CorruptImage`.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO
from zlib import crc32

from npt_gloss.errors import DataError

MAGIC = b"NPTGIDX\x00"
FOOTER = b"\x00NPTGEND"
CHECK_WHOLE = 4 << 20  # images up to this size are checked whole when opened (~3 ms)
_ALIGN = 8
_MISSING = object()


class CorruptImage(DataError):
    """The buffer is not a complete, undamaged index image."""


def key_hash(key: str) -> int:
    return crc32(key.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------- writing


class ImageWriter:
    """Writes sections to a binary file object as they come, then the header."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._crc = 0
        self._position = 0
        self.sections: dict[str, dict[str, Any]] = {}
        self._append(MAGIC)

    def _append(self, data: bytes) -> None:
        """Continue the current section (no alignment)."""
        self._out.write(data)
        self._crc = crc32(data, self._crc)
        self._position += len(data)

    def _put(self, data: bytes) -> tuple[int, int]:
        """Start a piece at the next aligned position; (start, length)."""
        padding = -self._position % _ALIGN
        if padding:
            self._append(b"\x00" * padding)
        start = self._position
        self._append(data)
        return start, len(data)

    def value(self, name: str, obj: Any) -> None:
        """One marshal-able value, decoded whole when the section is read."""
        data = marshal.dumps(obj)
        self.sections[name] = {"kind": "value", "data": self._put(data), "crc": crc32(data)}

    def blobs(self, name: str, items: Iterable[bytes], kind: str = "blobs") -> dict[str, Any]:
        """A sequence of byte strings, each readable (and checked) on its own."""
        offsets = array("Q", [0])
        crcs = array("I")
        chunks: list[bytes] = []
        total = pending = 0
        data_start, _ = self._put(b"")
        for item in items:
            chunks.append(item)
            crcs.append(crc32(item))
            total += len(item)
            pending += len(item)
            offsets.append(total)
            if pending > 1 << 22:  # write in 4 MB pieces: the data is never all in memory
                self._append(b"".join(chunks))
                chunks, pending = [], 0
        self._append(b"".join(chunks))
        code = "I" if total < 2**32 else "Q"
        spec = {
            "kind": kind,
            "code": code,
            "data": (data_start, total),
            "offsets": self._put(array(code, offsets).tobytes()),
            "crcs": self._put(crcs.tobytes()),
        }
        self.sections[name] = spec
        return spec

    def records(self, name: str, items: Iterable[Any]) -> None:
        """Marshal-able records, each decoded when asked for."""
        self.blobs(name, (marshal.dumps(item) for item in items), "records")

    def lines(self, name: str, items: Iterable[str]) -> None:
        """Strings without line breaks, each stored with a trailing newline, so that a run
        of them decodes in one go (:meth:`Lines.run`)."""

        def encoded() -> Iterator[bytes]:
            for item in items:
                if "\n" in item:
                    raise ValueError(f"line break in {item!r}")
                yield (item + "\n").encode("utf-8", "surrogatepass")

        self.blobs(name, encoded(), "lines")

    def table(
        self, name: str, mapping: Mapping[str, Any], value: Callable[[Any], Any] | None = None
    ) -> None:
        """A hash table: str keys, marshal-able values (``value`` applied to each first).

        The load factor is at most 2 (two entries a bucket on average); entries are grouped
        by bucket through one sort of their numbers, not through a list per bucket (which
        would cost more memory than the table holds).
        """
        size = 8
        while size * 2 < len(mapping):
            size *= 2
        mask = size - 1
        names = list(mapping)
        numbers = array("I", (key_hash(key) & mask for key in names))
        order = sorted(range(len(names)), key=numbers.__getitem__)

        def buckets() -> Iterator[bytes]:
            position = 0
            for bucket in range(size):
                entries = []
                while position < len(order) and numbers[order[position]] == bucket:
                    key = names[order[position]]
                    entries.append((key, mapping[key] if value is None else value(mapping[key])))
                    position += 1
                yield marshal.dumps(entries) if entries else b""

        spec = self.blobs(name, buckets(), "table")
        spec["count"] = len(mapping)

    def finish(self, header: dict[str, Any]) -> None:
        """Write the header and the footer; the image is then complete."""
        padding = -self._position % _ALIGN
        if padding:
            self._append(b"\x00" * padding)
        header = {**header, "sections": self.sections, "crc": self._crc, "size": 0}
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


# ---------------------------------------------------------------- reading


class Image:
    """A validated image; hands out lazy views of its sections.

    ``origin`` (the cache file, if any) is named when damage is found.
    """

    def __init__(self, buffer: Any, origin: Any = None) -> None:
        view = memoryview(buffer)
        size = view.nbytes
        self.origin = origin
        if size < len(MAGIC) + 8 + len(FOOTER):
            raise self.damaged("too short")
        if bytes(view[: len(MAGIC)]) != MAGIC or bytes(view[size - len(FOOTER) :]) != FOOTER:
            raise self.damaged("not an index, or a truncated one")
        end = size - len(FOOTER) - 8
        length = int.from_bytes(view[end : end + 8], "little")
        if not 0 < length <= end - len(MAGIC):
            raise self.damaged("bad header length")
        try:
            header = marshal.loads(view[end - length : end])
        except (EOFError, ValueError, TypeError) as exc:
            raise self.damaged(f"unreadable header ({exc})") from None
        if not isinstance(header, dict) or header.get("size") != size:
            raise self.damaged("its size does not match its header")
        self.buffer = buffer  # keeps a file map alive as long as the image
        self.view = view
        self.header = header
        self._sections: dict[str, dict[str, Any]] = header["sections"]
        # Small images are checked whole (then records need no check); large ones as read.
        self.checked = size <= CHECK_WHOLE
        if self.checked and crc32(view[: end - length]) != header.get("crc"):
            raise self.damaged("its checksum does not match")

    def damaged(self, reason: str) -> CorruptImage:
        """The error to raise; a damaged cache file is removed, so the next command rebuilds."""
        if self.origin is not None:
            import os

            try:
                os.unlink(self.origin)
            except OSError:
                pass
        return CorruptImage(
            f"damaged index cache: {reason}",
            self.origin,
            hint="it has been removed; run the command again to rebuild it",
        )

    def _slice(self, where: tuple[int, int]) -> memoryview:
        start, length = where
        return self.view[start : start + length]

    def value(self, name: str) -> Any:
        spec = self._sections[name]
        data = self._slice(spec["data"])
        if crc32(data) != spec["crc"]:
            raise self.damaged(f"section {name} fails its checksum")
        return marshal.loads(data)

    def _parts(self, name: str, kind: str) -> tuple[memoryview, memoryview, memoryview | None]:
        spec = self._sections[name]
        if spec["kind"] != kind:
            raise self.damaged(f"section {name} is not {kind}")
        offsets = self._slice(spec["offsets"]).cast(spec["code"])
        crcs = None if self.checked else self._slice(spec["crcs"]).cast("I")
        return offsets, self._slice(spec["data"]), crcs

    def records(self, name: str, remember: bool = True) -> Records:
        """Records decoded when asked for; remembered too unless ``remember`` is false
        (for big sections read once, which would otherwise stay in memory decoded)."""
        records = Records(*self._parts(name, "records"), marshal.loads, self, name)
        records.remember = remember
        return records

    def lines(self, name: str) -> Lines:
        return Lines(*self._parts(name, "lines"), _decode_line, self, name)

    def table(self, name: str) -> Table:
        return Table(*self._parts(name, "table"), self._sections[name]["count"], self, name)


def _decode_line(data: memoryview) -> str:
    return str(data[:-1], "utf-8", "surrogatepass")


class _Blobs:
    """Shared by the section views: offsets, data and (for large images) checksums."""

    __slots__ = ("_crcs", "_data", "_image", "_name", "_offsets")

    def __init__(
        self,
        offsets: memoryview,
        data: memoryview,
        crcs: memoryview | None,
        image: Image,
        name: str,
    ) -> None:
        self._offsets = offsets
        self._data = data
        self._crcs = crcs
        self._image = image
        self._name = name

    def _raw(self, number: int) -> memoryview:
        raw = self._data[self._offsets[number] : self._offsets[number + 1]]
        if self._crcs is not None and crc32(raw) != self._crcs[number]:
            raise self._image.damaged(f"record {number} of {self._name} fails its checksum")
        return raw

    def _decoding(self, decode: Callable[[memoryview], Any], number: int) -> Any:
        raw = self._raw(number)
        try:
            return decode(raw)
        except (EOFError, ValueError, TypeError) as exc:
            raise self._image.damaged(f"record {number} of {self._name}: {exc}") from None


class Records(_Blobs, Sequence[Any]):
    """A read-only list whose items are decoded when asked for (and then remembered)."""

    __slots__ = ("_cache", "_decode", "remember")

    def __init__(
        self,
        offsets: memoryview,
        data: memoryview,
        crcs: memoryview | None,
        decode: Callable[[memoryview], Any],
        image: Image,
        name: str,
    ) -> None:
        super().__init__(offsets, data, crcs, image, name)
        self._decode = decode
        self._cache: dict[int, Any] = {}
        self.remember = True

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
        item = self._decoding(self._decode, position)
        if self.remember:
            self._cache[position] = item
        return item

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self[i]


RUNS_KEPT = 64  # decoded runs of lines a Lines remembers (a batch asks for the same few)


class Lines(Records):
    """Records that are lines of text; a run of them decodes at once."""

    __slots__ = ("_runs",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._runs: dict[tuple[int, int], tuple[str, ...]] = {}

    def run(self, start: int, stop: int) -> tuple[str, ...]:
        """``self[start:stop]`` as one decode and one split (fast for thousands), remembered:
        the fuzzy matcher asks for the keys of the same few length windows query after
        query."""
        count = len(self._offsets) - 1
        start, stop = max(0, min(start, count)), max(0, min(stop, count))
        if start >= stop:
            return ()
        found = self._runs.get((start, stop))
        if found is not None:
            return found
        if self._crcs is not None:
            for number in range(start, stop):
                self._raw(number)
        data = self._data[self._offsets[start] : self._offsets[stop]]
        try:
            found = tuple(str(data, "utf-8", "surrogatepass").split("\n")[:-1])
        except UnicodeDecodeError as exc:
            raise self._image.damaged(f"{self._name}: {exc}") from None
        if len(self._runs) >= RUNS_KEPT:
            self._runs.clear()
        self._runs[(start, stop)] = found
        return found


KEYS_KEPT = 20_000  # looked-up keys a Table remembers, with their values (or their absence)


class Table(_Blobs, Mapping[str, Any]):
    """A read-only dict over a hash-bucketed section."""

    __slots__ = ("_count", "_known", "_mask")

    def __init__(
        self,
        offsets: memoryview,
        data: memoryview,
        crcs: memoryview | None,
        count: int,
        image: Image,
        name: str,
    ) -> None:
        super().__init__(offsets, data, crcs, image, name)
        self._mask = len(offsets) - 2
        self._count = count
        self._known: dict[str, Any] = {}  # keys already looked up (a batch repeats grams)

    def _bucket(self, number: int) -> list[tuple[str, Any]]:
        if self._offsets[number] == self._offsets[number + 1]:
            return []
        return self._decoding(marshal.loads, number)  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:
        value = self._known.get(key, _MISSING)
        if value is _MISSING:
            value = self._look_up(key)
            if len(self._known) >= KEYS_KEPT:
                self._known.clear()
            self._known[key] = value
        return default if value is _MISSING else value

    def _look_up(self, key: str) -> Any:
        for candidate, value in self._bucket(key_hash(key) & self._mask):
            if candidate == key:
                return value
        return _MISSING

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
