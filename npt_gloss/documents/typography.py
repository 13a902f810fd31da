"""Chinese typography as the UN prints it, restored after text extraction.

Extraction tools and the fonts of some PDFs give half-width punctuation inside Chinese text
("条约,以及") and put spaces between Chinese and digits or Latin letters ("2015 年",
"第 6 条"). UN Chinese sets neither: the punctuation is full-width and figures sit against
the characters ("2015年"). Brackets are left as printed: the shipped paper's source uses
half-width brackets throughout, and changing one side of a pair alone would unbalance it.
"""

from __future__ import annotations

import re

from npt_gloss.corpus import is_wide

# Half-width punctuation that becomes full-width after a Chinese character, when another one
# or the end of the text follows.
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef《》“”‘’（）]"
_PUNCT_RE = re.compile(rf"(?<={_CJK})\s*([,;:?!.])(?:\s*(?={_CJK})|\s*$)")
# Whitespace with a wide character on one side and a letter, digit or wide character on
# the other.
_SPACE_RE = re.compile(r"(?<=\S)[ \t\u3000]+(?=\S)")


def restore_chinese(text: str) -> str:
    """``text`` with full-width punctuation between Chinese characters and no spaces
    between Chinese and figures or letters."""
    text = _PUNCT_RE.sub(lambda m: FULL_WIDTH[m.group(1)], text)
    return _SPACE_RE.sub(_space, text)


def _space(match: re.Match[str]) -> str:
    text = match.string
    before, after = text[match.start() - 1], text[match.end()]
    return "" if is_wide(before) or is_wide(after) else match.group(0)
