"""Time `npt-gloss ingest` of a 30-page UN-style PDF (target: under 5 s).

usage: python benchmarks/ingest_pdf.py [--runs N] [--lang zh|en]

Builds the PDF with the tests' printer (tests/unpdf.py, reportlab from the `test` extra):
the tests' working paper with its body repeated until it fills 30 pages, so the page
furniture, footnotes and headings recur on every page. Then runs the command as a user does
(a fresh process, `--dry-run`, output to a pipe) N times and prints the median and the
slowest wall time, with the paragraph count read back as a check.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import unpdf  # noqa: E402

PAGES = 30


def build(folder: Path, lang: str) -> tuple[Path, int]:
    """A PDF of exactly PAGES pages, and its number of paragraphs."""
    doc = unpdf.ZH_DOC if lang == "zh" else unpdf.EN_DOC
    long = dataclasses.replace(doc, bottom=120.0)
    paragraphs = sum(block.kind == "para" for block in doc.blocks)
    for repeat in range(1, 200):
        path = unpdf.build_pdf(long, folder / f"bench-{lang}.pdf", repeat=repeat)
        import pypdfium2

        pdf = pypdfium2.PdfDocument(path)
        pages = len(pdf)
        pdf.close()
        if pages >= PAGES:
            return path, repeat * paragraphs
    raise SystemExit("could not fill 30 pages")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path, paragraphs = build(Path(folder), args.lang)
        command = [sys.executable, "-m", "npt_gloss", "ingest", str(path), "--id", "bench"]
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(
                [*command, "--dry-run"], capture_output=True, text=True, check=False
            )
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
        found = done.stdout.count("\n\n")  # one blank line before each paragraph
        print(
            f"{args.lang}: {PAGES}+ pages, {paragraphs} paragraphs expected, "
            f"{found} read; median {statistics.median(times):.2f} s, "
            f"slowest {max(times):.2f} s over {args.runs} runs (target < 5 s)"
        )
        print(done.stderr.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
