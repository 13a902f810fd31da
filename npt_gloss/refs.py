"""Paragraph references: read what a user types after ``cite`` or ``show`` into numbers.

``parse_refs`` accepts the forms a drafter writes in either language -- ``12``, ``5-7``,
``5–7``, ``3, 5-7``, ``para. 12``, ``paras 3-5 and 9``, ``paragraphs 3 to 5``, ``¶¶ 3–5``,
``第12段``, ``第3至5段``, full-width digits -- and returns sorted, distinct paragraph numbers.
Anything it cannot read, or that points outside the document, is a :class:`BadReference`
naming the offending token and the valid range. ``compress`` turns numbers back into runs
for the citation styles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from npt_gloss.errors import BadReference

__all__ = ["compress", "parse_refs"]

# Words that only label the numbers ("para. 12", "第12段"): skipped.
_LABELS = frozenset({"para", "paras", "par", "pars", "paragraph", "paragraphs", "第", "段", "落"})
# Words that join two items ("3 and 5", "第3和第5段").
_JOINERS = frozenset({"and", "&", "和", "及", "与", "與"})
# Words that make a range ("3 to 5", "第3至5段").
_RANGE_WORDS = frozenset({"to", "through", "thru", "至", "到"})

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~"  # hyphen … minus sign, tilde
_SEPARATORS = ",;\u3001"  # comma, semicolon, ideographic comma (、)

_TOKEN = re.compile(
    rf"""(?P<space>\s+)
       |(?P<num>\d+)
       |(?P<dash>[{_DASHES}])
       |(?P<sep>[{_SEPARATORS}])
       |(?P<word>[A-Za-z]+\.?|¶+|[\u3400-\u9fff])
       |(?P<other>.)""",
    re.VERBOSE,
)

_MAX_DIGITS = 9  # longer numbers are out of range anyway; avoids int() on huge strings


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "range", "sep", "label", "bad"
    text: str  # as the user typed it
    value: int = 0


def _halfwidth(text: str) -> str:
    """Map full-width ASCII forms (U+FF01–FF5E) and the ideographic space to ASCII.

    One character in, one character out, so positions still index the original text.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        elif ch == "\u3000":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _classify(kind: str, norm: str, original: str) -> _Token | None:
    """Turn one regex match into a token; ``None`` for white space."""
    if kind == "space":
        return None
    if kind == "num":
        if len(norm) > _MAX_DIGITS:
            return _Token("num", original, 10**_MAX_DIGITS)
        return _Token("num", original, int(norm))
    if kind == "dash":
        return _Token("range", original)
    if kind == "sep":
        return _Token("sep", original)
    if kind == "word":
        word = norm.lower().rstrip(".")
        if word.startswith("¶") or word in _LABELS:
            return _Token("label", original)
        if word in _JOINERS:
            return _Token("sep", original)
        if word in _RANGE_WORDS:
            return _Token("range", original)
    if norm == "&":
        return _Token("sep", original)
    return _Token("bad", original)


def _tokens(arg: str) -> list[_Token]:
    norm = _halfwidth(arg)
    found = []
    for match in _TOKEN.finditer(norm):
        kind = match.lastgroup or "other"
        token = _classify(kind, match.group(), arg[match.start() : match.end()])
        if token is not None:
            found.append(token)
    return found


def _valid_range(count: int) -> str:
    return f"valid paragraphs: 1–{count}" if count >= 1 else "the document has no paragraphs"


def _bad(message: str, arg: str, count: int) -> BadReference:
    return BadReference(f"{message} in reference {arg!r} ({_valid_range(count)})")


def _check(number: int, token: str, arg: str, count: int) -> int:
    if number < 1 or number > count:
        what = "there is no paragraph 0" if number == 0 else f"paragraph {token} does not exist"
        raise _bad(what, arg, count)
    return number


def _items(tokens: list[_Token], arg: str, count: int) -> list[tuple[int, int]]:
    """Read ``item (sep item)*`` where an item is a number or ``number range number``."""
    items: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind in ("sep", "label"):
            i += 1
            continue
        if token.kind == "bad":
            raise _bad(f"cannot read {token.text!r}", arg, count)
        if token.kind == "range":
            raise _bad(f"{token.text!r} has no number before it", arg, count)
        start = _check(token.value, token.text, arg, count)
        j = i + 1
        while j < len(tokens) and tokens[j].kind == "label":
            j += 1
        if j < len(tokens) and tokens[j].kind == "range":
            k = j + 1
            while k < len(tokens) and tokens[k].kind == "label":
                k += 1
            if k >= len(tokens) or tokens[k].kind != "num":
                raise _bad(f"the range '{token.text}{tokens[j].text}' has no end", arg, count)
            end_token = tokens[k]
            end = _check(end_token.value, end_token.text, arg, count)
            if end < start:
                link = tokens[j].text
                shown = (
                    f"{token.text}{link}{end_token.text}"
                    if len(link) == 1
                    else (f"{token.text} {link} {end_token.text}")
                )
                raise _bad(f"the range '{shown}' runs backwards", arg, count)
            items.append((start, end))
            i = k + 1
        else:
            items.append((start, start))
            i = j
    return items


def parse_refs(args: Sequence[str], count: int) -> tuple[int, ...]:
    """Read paragraph references into sorted, distinct paragraph numbers.

    ``args`` are the words the user typed (several combine); ``count`` is the number of
    paragraphs in the document. No arguments give ``()``; an argument without any number,
    an unreadable token, a backwards range, 0 or a number above ``count`` raise
    :class:`BadReference`.
    """
    if not args:
        return ()
    # The words are read as one reference, so "para. 12" typed unquoted (two words) works.
    arg = " ".join(args)
    items = _items(_tokens(arg), arg, count)
    if not items:
        raise _bad("no paragraph number", arg, count)
    numbers: set[int] = set()
    for start, end in items:
        numbers.update(range(start, end + 1))
    return tuple(sorted(numbers))


def compress(nums: Iterable[int]) -> list[tuple[int, int]]:
    """Group numbers into runs of consecutive numbers: ``3, 4, 5, 9`` → ``[(3, 5), (9, 9)]``."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(nums)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
