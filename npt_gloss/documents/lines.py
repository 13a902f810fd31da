"""The one record every source is turned into: a printed line, with its place when known."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One printed line (or one column segment of it) of a document.

    A PDF gives the place on the page; an extracted text gives only the order, the page
    (form feeds) and whether the line was indented, so ``x``, ``top`` and ``size`` are None.
    """

    text: str  # stripped
    number: int  # line number in the text, or running number in the PDF (for messages)
    page: int = 1
    indented: bool = False
    x: float | None = None  # left edge, points from the left of the page
    top: float | None = None  # baseline, points from the top of the page
    size: float | None = None  # the font size most of the line is set in
    page_height: float | None = None
    marks: tuple[str, ...] = ()  # footnote reference marks (superscripts) taken out of the text
