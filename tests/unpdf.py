"""UN-style test documents, laid out as PDFs (with reportlab) and as their extracted text.

A document here is a masthead plus body blocks (numbered paragraphs with dash items, headings,
footnotes). ``build_pdf`` prints it the way UN documents are printed: the symbol at the top
right of page 1 and repeated at the top of later pages, the paragraph numbers hanging in the
left margin, footnotes in small type at the foot of the page, a job number, a barcode line
and page numbers as furniture. ``extracted_text`` gives the same document as a text
extraction gives it: one printed line per line, blank lines between, pages separated by form
feeds, the paragraph number alone on its line (Chinese) or before the text (English).

The documents are test material, not UN documents: the Chinese paragraphs are adapted from
the shipped paper, the English ones are this test's own rendering of them, and the symbol
NPT/CONF.2020/WP.99, the job number and the dates are made up for the masthead tests.

Chinese uses reportlab's built-in CID font STSong-Light (no font file needed). A footnote
reference is written ``^1`` in a paragraph's text and printed as a raised small figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, NUMBER_TEXT_X, RIGHT = 56.0, 85.0, 530.0
BODY_SIZE, LEADING = 10.5, 15.0
BODY_TOP, BODY_BOTTOM = 780.0, 120.0
_MARK_RE = re.compile(r"\^(\d)")


@dataclass(frozen=True)
class Block:
    kind: str  # "para", "item", "heading"
    text: str
    number: int = 0
    footnote: str = ""  # printed at the foot of the page where the block starts


@dataclass(frozen=True)
class UNDoc:
    lang: str
    masthead_left: tuple[tuple[str, float], ...]  # (text, size) under the masthead rule
    top_left: str
    symbol: str
    right_column: tuple[str, ...]
    title_note: str  # the starred footnote of the author line
    blocks: tuple[Block, ...]
    job: str
    barcode: str = "*2211345*"
    paragraph_gap: float = 6.0
    bottom: float = BODY_BOTTOM  # the body's lowest baseline: moves the first page break
    chars_per_line: int = 42  # Chinese wrapping; English wraps by width


def _font(lang: str) -> str:
    if lang != "zh":
        return "Times-Roman"
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _wrap(text: str, doc: UNDoc, width: float, font: str) -> list[str]:
    """Printed lines of ``text`` (footnote marks ``^N`` take no width)."""
    if doc.lang == "zh":
        lines, current, count = [], "", 0
        for piece in re.split(r"(\^\d)", text):
            if _MARK_RE.fullmatch(piece):
                current += piece
                continue
            for char in piece:
                if count == doc.chars_per_line:
                    lines.append(current)
                    current, count = "", 0
                current += char
                count += 1
        return [*lines, current] if current else lines
    from reportlab.lib.utils import simpleSplit

    plain = simpleSplit(_MARK_RE.sub(r"\1", text), font, BODY_SIZE, width)
    return _restore_marks(plain, text)


def _restore_marks(plain: list[str], text: str) -> list[str]:
    """Put the ``^N`` marks back into English lines wrapped without them."""
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    if not marks:
        return plain
    out, consumed = [], 0
    flat = _MARK_RE.sub(r"\1", text)
    offsets = []
    for index, start in enumerate(marks):
        offsets.append(start - index)  # position of the mark's digit in ``flat``
    for line in plain:
        begin = flat.index(line, consumed)
        end = begin + len(line)
        pieces, last = [], begin
        for offset in offsets:
            if begin <= offset < end:
                pieces += [flat[last:offset], "^"]
                last = offset
        pieces.append(flat[last:end])
        out.append("".join(pieces))
        consumed = end
    return out


class _Printer:
    """Lays blocks out on pages, recording every printed line for the text form."""

    def __init__(self, doc: UNDoc, path: Path | None) -> None:
        self.doc = doc
        self.font = _font(doc.lang)
        self.canvas = None
        if path is not None:
            from reportlab.pdfgen import canvas

            self.canvas = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.page = 1
        self.pages: list[list[str]] = [[]]
        self.y = 0.0
        self.footnotes: list[str] = []

    def text(self, x: float, y: float, text: str, size: float, record: bool = True) -> None:
        if self.canvas is not None:
            self.canvas.setFont(self.font, size)
            self._draw_marked(x, y, text, size)
        if record:
            self.pages[-1].append(_MARK_RE.sub(r"\1", text))

    def _draw_marked(self, x: float, y: float, text: str, size: float) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        for piece in re.split(r"(\^\d)", text):
            if not piece:
                continue
            if _MARK_RE.fullmatch(piece):
                self.canvas.setFont(self.font, size * 0.6)
                self.canvas.drawString(x, y + size * 0.4, piece[1])
                x += stringWidth(piece[1], self.font, size * 0.6)
                self.canvas.setFont(self.font, size)
            else:
                self.canvas.drawString(x, y, piece)
                x += stringWidth(piece, self.font, size)

    def masthead(self) -> None:
        doc = self.doc
        self.text(LEFT, 800, doc.top_left, 14)
        self.text(400, 800, doc.symbol, 12)
        y = 776.0
        for line in doc.right_column:
            if line:
                self.text(400, y, line, 9)
            y -= 12
        y -= 14
        for line, size in doc.masthead_left:
            self.text(LEFT, y, line, size)
            y -= size + 6
        self.y = y - 12
        self.footnotes.append(doc.title_note)

    def furniture(self) -> None:
        doc = self.doc
        if self.footnotes:
            fy = self.doc.bottom - 24
            if self.canvas is not None:
                self.canvas.line(LEFT, self.doc.bottom - 10, LEFT + 100, self.doc.bottom - 10)
            for note in self.footnotes:
                self.text(LEFT, fy, note, 8)
                fy -= 10
        if self.page == 1:
            self.text(LEFT, 40, doc.job, 8)
            self.text(420, 40, doc.barcode, 12)
        else:
            self.text(LEFT, 40, str(self.page), 8)
            self.text(RIGHT - 60, 40, doc.job.split(" ")[0], 8)

    def new_page(self) -> None:
        self.furniture()
        if self.canvas is not None:
            self.canvas.showPage()
        self.page += 1
        self.pages.append([])
        self.footnotes = []
        self.y = BODY_TOP
        self.text(RIGHT - 100, 815, self.doc.symbol, 8)  # the running head

    def line(self, x: float, text: str, size: float = BODY_SIZE) -> None:
        if self.y < self.doc.bottom:
            self.new_page()
        self.text(x, self.y, text, size)
        self.y -= LEADING

    def block(self, block: Block) -> None:
        if self.y - LEADING < self.doc.bottom:
            self.new_page()
        if block.footnote:
            self.footnotes.append(block.footnote)
        if block.kind == "heading":
            self.y -= 6
            self.line(LEFT, block.text, 11)
            self.y -= 4
            return
        indent = NUMBER_TEXT_X + (15 if block.kind == "item" else 0)
        lead = "– " if block.kind == "item" else ""
        lines = _wrap(lead + block.text, self.doc, RIGHT - indent, self.font)
        if block.kind == "para":
            self.text(LEFT, self.y, f"{block.number}.", BODY_SIZE)
        for index, text in enumerate(lines):
            self.line(NUMBER_TEXT_X if index == 0 else indent, text)
        self.y -= self.doc.paragraph_gap if block.kind == "para" else 0

    def finish(self) -> None:
        self.furniture()
        if self.canvas is not None:
            self.canvas.showPage()
            self.canvas.save()


def build_pdf(doc: UNDoc, path: Path, *, repeat: int = 1) -> Path:
    """Print ``doc`` to ``path`` (its body ``repeat`` times, renumbered, for long documents)."""
    printer = _Printer(doc, path)
    _print(printer, doc, repeat)
    printer.finish()
    return path


def _print(printer: _Printer, doc: UNDoc, repeat: int) -> None:
    printer.masthead()
    offset = 0
    for _ in range(repeat):
        paras = 0
        for block in doc.blocks:
            if block.kind == "para":
                paras += 1
                block = Block("para", block.text, block.number + offset, block.footnote)
            printer.block(block)
        offset += paras


def extracted_text(doc: UNDoc) -> str:
    """The same document as a text extraction gives it (see the module docstring)."""
    printer = _Printer(doc, None)
    _print(printer, doc, 1)
    printer.finish()
    pages = []
    for page in printer.pages:
        lines = []
        for line in page:
            if doc.lang != "zh" and re.fullmatch(r"\d+\.", line):
                lines.append(line + " ")  # the text follows on the same line
                continue
            lines.append(line)
        text = "\n\n".join(lines).replace(" \n\n", " ")
        pages.append(text)
    return "\n\f".join(pages) + "\n"


# --------------------------------------------------------------------------- the documents

ZH_PARAS = (
    "不扩散核武器条约缔约国第十次审议大会是推动实现这一基本国际条约目标和宗旨的又一个重要"
    "里程碑。在审议大会期间，必须再次强调《条约》仍然具备的重要性。",
    "为了使会议取得成功，《条约》缔约国必须共同努力，努力关注主要问题，确定并明确强调成功的"
    "要素，并把可能有重大意义但却处于次要位置的问题放在一边。",
    "核裁军是一个极其复杂的进程，只能分阶段实施^1，而且实施的方式必须是在毫无例外地加强所有"
    "国家安全的原则的基础上，促进加强和平与稳定。",
    "众所周知，根据《条约》，核裁军必须在全面彻底裁军的背景下进行。这是全面裁军进程的一个"
    "重要组成部分。正是对目标的这种理解，应该影响实现目标的方法。任何其他的解释都将是一种"
    "幻想，建立在幻想上的努力注定会失败。没有一个有利的国际环境，就不可能采取切实的裁军步骤。"
    "只有遵守安全不可分割的原则，这些步骤才会是切实有效的。",
    "总体而言，我们认为以下方面是必要的：",
    "《条约》缔约国应在2015年和2020年审议周期的成果基础上继续努力。",
)
ZH_ITEMS = (
    "战略稳定性是进行切实对话的基本先决条件；",
    "在现有多边论坛上就裁军问题的关键方面开展谈判。",
)
EN_PARAS = (
    "The Tenth Review Conference of the Parties to the Treaty on the Non-Proliferation of "
    "Nuclear Weapons is another important milestone towards the goals of this fundamental "
    "international treaty.",
    "For the Conference to succeed, the States parties must work together, focus on the main "
    "issues and set aside matters of secondary importance.",
    "Nuclear disarmament is an extremely complex process that can only be implemented in "
    "stages,^1 and in a way that strengthens the security of all States without exception.",
    "As is well known, under the Treaty nuclear disarmament must take place in the context of "
    "general and complete disarmament. This is an important part of the overall disarmament "
    "process. It is this understanding of the goal that should shape the methods for attaining "
    "it. Any other interpretation would be an illusion, and efforts built on illusions are "
    "doomed to fail. Without a favourable international environment, no real steps can be taken.",
    "Overall, we consider the following necessary:",
    "States parties should build on the outcomes of the 2015 and 2020 review cycles.",
)
EN_ITEMS = (
    "strategic stability is a basic prerequisite for a meaningful dialogue;",
    "negotiations on key aspects of disarmament in existing multilateral forums.",
)
ZH_FOOTNOTE = "1 见NPT/CONF.2015/50号文件。"
EN_FOOTNOTE = "1 See document NPT/CONF.2015/50."


def _blocks(paras: tuple[str, ...], items: tuple[str, ...], headings, footnote) -> tuple:
    out = [Block("heading", headings[0])]
    for number, text in enumerate(paras, 1):
        if number == 4:
            out.append(Block("heading", headings[1]))
        out.append(Block("para", text, number, footnote if "^1" in text else ""))
        if number == 5:
            out += [Block("item", item) for item in items]
    return tuple(out)


ZH_DOC = UNDoc(
    lang="zh",
    top_left="联合国",
    symbol="NPT/CONF.2020/WP.99",
    right_column=("分发：普遍", "2022年8月1日", "中文", "原文：英文"),
    masthead_left=(
        ("不扩散核武器条约缔约国2020年审议大会", 10),
        ("2022年8月1日至26日，纽约", 10),
        ("临时议程项目16", 10),
        ("审议条约的执行情况", 10),
        ("核裁军：分担责任的领域", 14),
        ("俄罗斯联邦提出的工作文件*", 12),
    ),
    title_note="* 本文件未经正式编辑。",
    blocks=_blocks(ZH_PARAS, ZH_ITEMS, ("一、导言", "二、全面裁军"), ZH_FOOTNOTE),
    job="22-11345 (C)",
    bottom=420.0,  # paragraph 4 runs over to page 2
)

EN_DOC = UNDoc(
    lang="en",
    top_left="United Nations",
    symbol="NPT/CONF.2020/WP.99",
    right_column=("Distr.: General", "1 August 2022", "", "Original: English"),
    masthead_left=(
        ("2020 Review Conference of the Parties to the Treaty", 10),
        ("on the Non-Proliferation of Nuclear Weapons", 10),
        ("New York, 1-26 August 2022", 10),
        ("Item 16 of the provisional agenda", 10),
        ("Review of the operation of the Treaty", 10),
        ("Nuclear disarmament: areas of shared responsibility", 14),
        ("Working paper submitted by the Russian Federation*", 12),
    ),
    title_note="* This document has not been formally edited.",
    blocks=_blocks(EN_PARAS, EN_ITEMS, ("I. Introduction", "II. General disarmament"), EN_FOOTNOTE),
    job="22-11345 (E)",
    bottom=420.0,
)
