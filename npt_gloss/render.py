"""The one renderer: rich on a terminal, plain text in a pipe, JSON on request.

Views are built as lines of (text, style) segments by pure functions; :class:`Output` then
writes them either plainly or through rich (imported only when stdout is a terminal). Data
is never parsed as rich markup, and control characters and bidi overrides from data or
queries are shown escaped, never sent raw to the terminal.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

Segment = tuple[str, str]  # (text, style name)
Line = list[Segment]

STYLES = {
    "title": "bold",
    "num": "bold cyan",
    "zh": "bold",
    "en": "bold green",
    "hl": "bold reverse",
    "dim": "dim",
    "how": "magenta",
    "warn": "yellow",
    "error": "bold red",
    "": "",
}

# C0/C1 controls (but tab and newline), DEL, the bidi embedding/override/isolate controls,
# and lone surrogates (undecodable bytes in a command-line argument), which no stream can encode.
_UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ud800-\udfff]"
)


def safe(text: str) -> str:
    """Text with every terminal-unsafe character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return _UNSAFE.sub(lambda m: _escape(m.group(0)), text)


def safe_line(text: str) -> str:
    """Like :func:`safe`, and line breaks escaped too: a message stays one line on stderr."""
    return safe(text).replace("\r", "\\r").replace("\n", "\\n")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# What json.dumps(ensure_ascii=False) leaves raw but a terminal would act on: DEL, the C1
# controls (U+009B is a one-byte CSI), bidi controls, the Unicode line separators; and lone
# surrogates, which cannot be written as UTF-8 (JSON has an escape for them).
_JSON_UNSAFE = re.compile(
    r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u2028\u2029\ud800-\udfff]"
)


def to_json(data: Any, ascii_only: bool = False, indent: int | None = 2) -> str:
    """One JSON document with every terminal control escaped (``\\u001b``, ``\\u202e``).

    ``ascii_only`` escapes all non-ASCII too, for a stream that cannot carry UTF-8;
    ``indent=None`` writes it on one line (JSON Lines).
    """
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


@dataclass
class Output:
    """Where and how to write: ``mode`` is "rich", "plain" or "json"."""

    mode: str
    stream: TextIO

    @classmethod
    def choose(cls, want_json: bool, stream: TextIO | None = None) -> Output:
        stream = stream or sys.stdout
        if want_json:
            return cls("json", stream)
        is_tty = hasattr(stream, "isatty") and stream.isatty()
        if is_tty and os.environ.get("TERM") != "dumb":
            return cls("rich", stream)
        return cls("plain", stream)

    def json(self, data: Any, *, one_line: bool = False) -> None:
        # On a non-UTF-8 stdout (LANG=C, PYTHONIOENCODING=ascii) write \uXXXX escapes: still
        # valid JSON with the same content, where the encoder's fallback would break it.
        text = to_json(
            data, ascii_only=not _takes_utf8(self.stream), indent=None if one_line else 2
        )
        self.stream.write(text + "\n")

    def table(self, header: list[str], rows: Iterable[list[str]]) -> None:
        """Rows of fields: a rich table on a terminal, tab-separated values elsewhere (tabs
        and line breaks inside a field become spaces)."""
        if self.mode == "rich":
            from rich.console import Console
            from rich.table import Table

            table = Table(*header, highlight=False)
            for row in rows:
                table.add_row(*(_cell(field) for field in row))
            Console(file=self.stream, no_color=bool(os.environ.get("NO_COLOR"))).print(table)
            return
        for row in (header, *rows):
            self.stream.write("\t".join(_field(field) for field in row) + "\n")

    def grouped_table(self, header: list[str], groups: Iterable[list[list[Line]]]) -> None:
        """Rows of styled cells in groups (a paragraph's findings): on a terminal one rich
        table with a rule between groups; elsewhere tab-separated values."""
        if self.mode != "rich":
            rows = (
                ["".join(text for text, _ in cell) for cell in row] for g in groups for row in g
            )
            self.table(header, rows)
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(*header, highlight=False)
        for group in groups:
            for position, row in enumerate(group):
                table.add_row(*map(rich_text, row), end_section=position == len(group) - 1)
        Console(file=self.stream, no_color=bool(os.environ.get("NO_COLOR"))).print(table)

    def side_by_side(
        self, head: list[Line], header: list[str], rows: list[list[str]], plain: list[Line]
    ) -> None:
        """Texts in columns: on a terminal ``head`` and a rich table (one column per
        ``header`` entry, line breaks in a cell kept); elsewhere the ``plain`` lines, which
        give the same texts one after the other."""
        if self.mode != "rich":
            self.lines(plain)
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        self._rich(head)
        table = Table(highlight=False, show_lines=True, expand=True)
        table.add_column(header[0], justify="right", no_wrap=True, style=STYLES["num"])
        for title in header[1:]:
            table.add_column(title, ratio=1)  # the languages share the width equally
        for row in rows:
            table.add_row(*(Text(safe(cell)) for cell in row))
        Console(file=self.stream, no_color=bool(os.environ.get("NO_COLOR"))).print(table)

    def lines(self, lines: Iterable[Line]) -> None:
        if self.mode == "rich":
            self._rich(lines)
            return
        for line in lines:
            self.stream.write("".join(safe(text) for text, _ in line) + "\n")

    def _rich(self, lines: Iterable[Line]) -> None:
        from rich.console import Console

        console = Console(
            file=self.stream,
            no_color=bool(os.environ.get("NO_COLOR")),
            highlight=False,
            emoji=False,
            markup=False,
            soft_wrap=False,
        )
        for line in lines:
            text = rich_text(line)
            indent = _hanging_indent(line)
            if indent:
                console.print(_hang(text, indent, console.width))
            else:
                console.print(text)


def rich_text(line: Line) -> Any:
    """One styled line as a rich ``Text``: data escaped, never read as markup."""
    from rich.text import Text

    text = Text()
    for chunk, style in line:
        text.append(safe(chunk), style=STYLES.get(style, ""))
    return text


def _field(text: str) -> str:
    return safe(re.sub(r"[\t\r\n]+", " ", text))


def _cell(text: str) -> Any:
    from rich.text import Text

    return Text(_field(text))


def _takes_utf8(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not encoding:  # io.StringIO and the like hold str: nothing is encoded
        return True
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig", "utf-16", "utf-32")
    except LookupError:
        return False


def _hanging_indent(line: Line) -> int:
    """Lines that start with a paragraph number wrap under the text, not under the number."""
    if line and line[0][1] == "num":
        return len(line[0][0])
    return 0


def _hang(text: Any, indent: int, width: int) -> Any:
    from rich.text import Text

    body = text[indent:]
    lines = body.wrap(_console_for_width(width), max(width - indent, 10))
    out = Text()
    for number, wrapped in enumerate(lines):
        out.append(text[:indent] if number == 0 else " " * indent)
        out.append(wrapped)
        if number < len(lines) - 1:
            out.append("\n")
    return out


def _console_for_width(width: int) -> Any:
    from rich.console import Console

    return Console(width=width, markup=False, highlight=False)
