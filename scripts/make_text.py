#!/usr/bin/env python3
"""Regenerate the shipped document text/ru-wp-shared-responsibility.txt from the seed.

usage: python scripts/make_text.py [--seed PATH] [--output PATH] [--check]

The seed is the Chinese text as extracted from the PDF, kept in the repository as
text/sources/paper.zh.raw.txt. The paragraphs come from the reader ``ingest`` uses
(``npt_gloss.documents.layout``; the paper has no numbers of its own, so the indentation
rules of ``npt_gloss.ingest`` number them). The metadata below is fixed by hand, because
the seed does not carry it (its English title, the conference's names) or because it must
not be guessed (the UN document symbol stays empty). ``--check`` exits 1 when the shipped
file differs from what the seed gives, so a test or CI can catch drift.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(REPO))

import dataclasses  # noqa: E402

from npt_gloss.corpus import format_document  # noqa: E402
from npt_gloss.documents.layout import read_layout, text_lines  # noqa: E402
from npt_gloss.errors import NptGlossError  # noqa: E402
from npt_gloss.models import Bilingual  # noqa: E402
from npt_gloss.textio import read_text, write_atomic  # noqa: E402

DOC_ID = "ru-wp-shared-responsibility"
DEFAULT_SEED = REPO / "text" / "sources" / "paper.zh.raw.txt"
DEFAULT_OUTPUT = REPO / "text" / f"{DOC_ID}.txt"

META: dict[str, Any] = {
    "lang": "zh",
    "symbol": "",  # unknown: the seed does not give it, and it must not be guessed
    "title": Bilingual(
        zh="核裁军：分担责任的领域",
        en="Nuclear disarmament: areas of shared responsibility",
    ),
    "title_en_official": False,  # our rendering, not the UN's English title
    "author": Bilingual(zh="俄罗斯联邦", en="Russian Federation"),
    "doc_type": Bilingual(zh="工作文件", en="working paper"),
    "conference": Bilingual(
        zh="不扩散核武器条约缔约国第十次审议大会",
        en="Tenth Review Conference of the Parties to the Treaty on the Non-Proliferation"
        " of Nuclear Weapons",
    ),
    "conference_name": Bilingual(
        # Not in the seed; the cycle keeps its year in UN Chinese mastheads, as the 2015
        # cycle's 不扩散核武器条约缔约国2015年审议大会 (NPT/CONF.2015/PC.II/WP.42) shows.
        zh="不扩散核武器条约缔约国2020年审议大会",
        en="2020 Review Conference of the Parties to the Treaty on the Non-Proliferation"
        " of Nuclear Weapons",
    ),
    "place": Bilingual(zh="纽约", en="New York"),
    "date_start": "2022-08-01",
    "date_end": "2022-08-26",
    "year": 2022,
}


def build(raw: str) -> str:
    """The shipped file's text, from the seed's text."""
    document = read_layout(text_lines(raw), doc_id=DOC_ID, source="<seed>").document
    meta = dataclasses.replace(document.meta, **META)
    return format_document(dataclasses.replace(document, meta=meta))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the output is stale")
    args = parser.parse_args(argv)
    try:
        text = build(read_text(args.seed))
        if args.check:
            current = read_text(args.output) if args.output.exists() else None
            if current != text:
                print(
                    f"{args.output} is out of date; run scripts/make_text.py",
                    file=sys.stderr,
                )
                return 1
            return 0
        write_atomic(args.output, text)
    except NptGlossError as exc:
        print(f"make_text: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
