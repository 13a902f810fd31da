#!/usr/bin/env python3
"""Time exporting a 100,000-concept glossary to TBX (issue 13: under 10 s).

usage: python benchmarks/export_tbx.py [--concepts N] [--docs N] [--runs N] [--cold]

Run it with the Python of the environment npt-gloss is installed in (``.venv/bin/python``).
The glossary is scale_data.py's (deterministic; 100,000 concepts by default) with a few
documents beside it (``--docs``, default 10: the export reads the index, which also holds
the documents, and the documents are not what is measured), written to
benchmarks/data/export. It prints, as Markdown table rows:

* the writer alone, in-process: ``to_tbx`` over the loaded concepts (median of ``--runs``);
* the reader alone, in-process: ``read_tbx`` of that output (median), for comparison;
* the whole command, ``npt-gloss glossary export --format tbx -o FILE``, with the cache
  warm (median of ``--runs``), as wall time and as the CPU time (user + system) the command
  used, about what it would take alone on an idle machine; with ``--cold`` also its first
  run with an empty cache, which builds the index (once, for every command; minutes on a
  busy machine).

The data and the cache are kept between runs (the data is made again only for other
sizes). Its own cache folder under benchmarks/data/ is used, never the user's.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "export"
sys.path.insert(0, str(HERE))

import scale_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also time a run with no cache")
    args = parser.parse_args()

    sizes = DATA / "sizes.txt"
    wanted = f"{args.concepts} {args.docs}\n"
    if not sizes.exists() or sizes.read_text() != wanted:
        scale_data.generate(DATA, args.concepts, args.docs)
        sizes.write_text(wanted)
    glossary, text = DATA / "glossary.toml", DATA / "text"
    print(f"| {args.concepts:,} concepts, {args.docs} documents | median | runs |")
    print("|---|---|---|")
    writer, reader, size = _in_process(glossary, args.runs)
    print(f"| to_tbx, in-process | {writer:.2f} s | {args.runs} |")
    what = f"read_tbx of its output ({size / 1e6:.0f} MB), in-process"
    print(f"| {what} | {reader:.2f} s | {args.runs} |")
    first, warm, cpu = _whole_command(glossary, text, args.runs, args.cold)
    print(f"| whole command, cache warm, wall time | {warm:.2f} s | {args.runs} |")
    print(f"| whole command, cache warm, CPU time (user + system) | {cpu:.2f} s | {args.runs} |")
    if args.cold:
        print(f"| whole command, first run (builds the index) | {first:.2f} s | 1 |")


def _in_process(glossary: Path, runs: int) -> tuple[float, float, int]:
    from npt_gloss.formats.tbx import read_tbx, to_tbx
    from npt_gloss.glossary import load_glossary

    concepts = load_glossary(glossary)
    writes, reads = [], []
    text = ""
    for _ in range(runs):
        start = time.perf_counter()
        text = to_tbx(concepts, "tbx")
        writes.append(time.perf_counter() - start)
        start = time.perf_counter()
        read = read_tbx(text, "scale.tbx")
        reads.append(time.perf_counter() - start)
        assert len(read.concepts) == len(concepts)
    return statistics.median(writes), statistics.median(reads), len(text.encode())


def _whole_command(glossary: Path, text: Path, runs: int, cold: bool) -> tuple[float, float, float]:
    cache = HERE / "data" / "export-cache"
    if cold:
        shutil.rmtree(cache, ignore_errors=True)
    environment = {**os.environ, "NPT_GLOSS_CACHE": str(cache)}
    command = [
        sys.executable,
        "-m",
        "npt_gloss",
        "--glossary",
        str(glossary),
        "--text",
        str(text),
        "glossary",
        "export",
        "--format",
        "tbx",
        "-o",
        str(DATA / "out.tbx"),
    ]

    cpu: list[float] = []

    def timed() -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=environment, check=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return wall

    first = timed()  # with --cold the index build; otherwise a warm-up
    warm = statistics.median(timed() for _ in range(runs))
    return first, warm, statistics.median(cpu[1:])


if __name__ == "__main__":
    main()
