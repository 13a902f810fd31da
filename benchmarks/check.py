#!/usr/bin/env python3
"""Benchmark `npt-gloss check` on 50-paragraph drafts, as ratios to the import floor.

usage: python benchmarks/check.py [--runs N] [--markdown FILE]

The floor, the timing (interleaved floor/command rounds, medians, peak RSS of the child) and
the tables are bench.py's. The data is written to benchmarks/data/check/ on every run, from
the shipped glossary and the drafts of the tests (tests/data/check/): our English of the
paper's paragraphs 10, 12, 14, 16 and 22 (clean-en.txt) and the paper's Chinese of them
(clean-zh.txt), each repeated ten times to make 50 paragraphs, so that a draft translates its
source paragraph for paragraph:

* ``zh50``: a Chinese source, the paper's five paragraphs ten times; ``en50``: an English
  source, our English of them ten times;
* ``check draft-en.txt --doc zh50`` (the target: ≤ 2× the floor), the same draft as XLIFF
  1.2, the same draft without ``--doc``, and ``check draft-zh.txt --doc en50`` (a Chinese
  draft, whose scan needs the word segmenter's import).

The cache is warm (the first round writes the index and the draft scanner's table).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402

REPO = HERE.parent
DRAFTS = REPO / "tests" / "data" / "check"
PAPER = REPO / "text" / "ru-wp-shared-responsibility.txt"
PARAGRAPHS = (10, 12, 14, 16, 22)
COPIES = 10


def numbered(path: Path) -> dict[int, str]:
    body = path.read_text(encoding="utf-8").split("+++\n")[-1]
    found = {}
    for block in body.strip().split("\n\n"):
        head = re.match(r"(\d+)\. ", block)
        if head:
            found[int(head.group(1))] = block[head.end() :]
    return found


def fifty(texts: list[str]) -> dict[int, str]:
    return {n: texts[(n - 1) % len(texts)] for n in range(1, len(texts) * COPIES + 1)}


def document(doc_id: str, lang: str, paragraphs: dict[int, str]) -> str:
    front = PAPER.read_text(encoding="utf-8").split("+++\n")[1]
    front = re.sub(r'(?m)^id = ".*"$', f'id = "{doc_id}"', front)
    front = re.sub(r'(?m)^lang = ".*"$', f'lang = "{lang}"', front)
    return f"+++\n{front}+++\n\n" + "".join(f"{n}. {t}\n\n" for n, t in paragraphs.items())


def xliff(sources: dict[int, str], targets: dict[int, str]) -> str:
    units = "\n".join(
        f'<trans-unit id="{n}"><source>{escape(sources[n])}</source>'
        f"<target>{escape(targets[n])}</target></trans-unit>"
        for n in targets
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="zh50" source-language="zh" target-language="en" datatype="plaintext">'
        f"<body>\n{units}\n</body></file></xliff>\n"
    )


def write_data(root: Path) -> None:
    paper = numbered(PAPER)
    english = numbered(DRAFTS / "clean-en.txt")
    chinese = numbered(DRAFTS / "clean-zh.txt")
    zh50 = fifty([paper[n] for n in PARAGRAPHS])
    en50 = fifty([english[n] for n in PARAGRAPHS])
    draft_zh = fifty([chinese[n] for n in range(1, len(PARAGRAPHS) + 1)])
    text = root / "text"
    text.mkdir(parents=True, exist_ok=True)
    (text / "zh50.txt").write_text(document("zh50", "zh", zh50), encoding="utf-8")
    (text / "en50.txt").write_text(document("en50", "en", en50), encoding="utf-8")
    (root / "draft-en.txt").write_text(
        "".join(f"{n}. {t}\n\n" for n, t in en50.items()), encoding="utf-8"
    )
    (root / "draft-en.xlf").write_text(xliff(zh50, en50), encoding="utf-8")
    (root / "draft-zh.txt").write_text(
        "".join(f"{n}. {t}\n\n" for n, t in draft_zh.items()), encoding="utf-8"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as markdown")
    args = bench.parse_run_options(parser)
    root = bench.DATA / "check"
    write_data(root)
    env = bench.environment(root / "cache", NPT_GLOSS_TEXT=str(root / "text"))
    check = [args.cli, "check"]
    commands = {
        "check draft-en.txt --doc zh50": [*check, str(root / "draft-en.txt"), "--doc", "zh50"],
        "check draft-en.xlf --doc zh50": [*check, str(root / "draft-en.xlf"), "--doc", "zh50"],
        "check draft-en.txt (no --doc)": [*check, str(root / "draft-en.txt")],
        "check draft-zh.txt --doc en50": [*check, str(root / "draft-zh.txt"), "--doc", "en50"],
    }
    targets = dict.fromkeys(commands, "≤ 2×")
    floor, rows = bench.interleaved(commands, env, args.runs, targets)
    table = bench.command_table(floor, rows, args.runs)
    header = f"Machine: {bench.machine()}. Medians of {args.runs} runs, interleaved with the floor."
    print(header)
    print(bench.render(table, False))
    if args.markdown:
        Path(args.markdown).write_text(
            f"{header}\n\n{bench.render(table, True)}\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
