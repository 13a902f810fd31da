#!/usr/bin/env python3
"""1,000 queries through `npt-gloss lookup --batch` and through sdcv, side by side.

usage: python benchmarks/batch_sdcv.py [--runs N] [--queries FILE]

Run it with the Python of the environment npt-gloss is installed in (``.venv/bin/python``).

* The queries (written to benchmarks/data/batch/queries.txt unless --queries names a list):
  500 forms of the shipped glossary drawn at random (preferred terms, variants,
  abbreviations, both languages) and 500 English terms with one letter dropped, from a
  fixed seed, so every run and every machine times the same list.
* npt-gloss: ``npt-gloss lookup --batch queries.txt``, output to a pipe, index cache warm
  (its own cache folder under benchmarks/data/).
* sdcv: the StarDict export of the same glossary (``glossary export --format stardict``),
  ``sdcv -n -x --data-dir DIR`` with the 1,000 queries as arguments of one process (sdcv's
  non-interactive mode takes words only as arguments), output to a pipe, its cache warm.

Both are run once to warm up, then ``--runs`` times each, interleaved; the medians are
printed with how many queries each found something for.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "batch"
SEED = 15  # the number: any fixed seed gives a fixed list


def make_queries(seed: int = SEED) -> list[str]:
    """500 glossary forms and 500 English terms with one letter dropped."""
    from npt_gloss import paths
    from npt_gloss.glossary import load_glossary

    concepts = load_glossary(paths.shipped("glossary.toml"))
    forms = sorted(
        {f for c in concepts for f in (c.en, c.zh, *c.en_variants, *c.zh_variants, *c.abbr)}
    )
    english = sorted({f for c in concepts for f in (c.en, *c.en_variants) if len(f) >= 6})
    chance = random.Random(seed)
    exact = chance.sample(forms, 500)
    typos = []
    for term in chance.sample(english, 500):
        letters = [i for i, ch in enumerate(term) if ch.isalpha()]
        drop = chance.choice(letters)
        typos.append(term[:drop] + term[drop + 1 :])
    return exact + typos


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of the child: user + system, stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[:500]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu, done.stdout


def npt_found(stdout: bytes) -> int:
    """Queries with an answer in lookup --batch's TSV (an empty id column is none)."""
    rows = [line.split("\t") for line in stdout.decode("utf-8").splitlines()[1:]]
    return len({row[0] for row in rows if row[1]})


def sdcv_found(stdout: bytes) -> int:
    text = stdout.decode("utf-8", "replace")
    return text.count("\nFound ") + text.startswith("Found ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--queries", type=Path)
    parser.add_argument(
        "--reuse-export",
        action="store_true",
        help="use the StarDict files of an earlier run (to time an older npt-gloss)",
    )
    args = parser.parse_args()
    sdcv = shutil.which("sdcv")
    if sdcv is None:
        sys.exit("sdcv is not installed (Debian: apt-get install sdcv)")
    DATA.mkdir(parents=True, exist_ok=True)
    if args.queries:
        queries = [q for q in args.queries.read_text("utf-8").splitlines() if q.strip()]
        listing = args.queries
    else:
        queries = make_queries()
        listing = DATA / "queries.txt"
        listing.write_text("\n".join(queries) + "\n", encoding="utf-8")
    env = {
        **os.environ,
        "NPT_GLOSS_CACHE": str(HERE / "data" / "cache-batch"),
        "HOME": str(DATA),  # sdcv keeps its cache under ~/.cache: a folder of our own
        "XDG_CACHE_HOME": str(DATA / "cache"),
    }
    # The shipped data, and bytecode caches written as an installed package has them.
    for name in ("NPT_GLOSS_GLOSSARY", "NPT_GLOSS_TEXT", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    cli = [sys.executable, "-m", "npt_gloss"]
    book = DATA / "stardict"
    if not (args.reuse_export and (book / "npt-gloss.ifo").exists()):
        subprocess.run([*cli, "glossary", "export", "--format", "stardict", "-o", f"{book}/"],
                       env=env, check=True, capture_output=True)  # fmt: skip
    npt_command = [*cli, "lookup", "--batch", str(listing)]
    sdcv_command = [sdcv, "-n", "-x", "--utf8-input", "--utf8-output", "--data-dir", str(book),
                    *queries]  # fmt: skip
    npt_out = timed(npt_command, env)[2]  # warm-up: the index cache, bytecode
    sdcv_out = timed(sdcv_command, env)[2]  # warm-up: sdcv's .idx cache
    npt_runs, sdcv_runs = [], []
    for _ in range(args.runs):
        npt_runs.append(timed(npt_command, env)[:2])
        sdcv_runs.append(timed(sdcv_command, env)[:2])
    npt_wall, npt_cpu = (statistics.median(column) for column in zip(*npt_runs, strict=True))
    sd_wall, sd_cpu = (statistics.median(column) for column in zip(*sdcv_runs, strict=True))
    print(f"{len(queries)} queries, {args.runs} runs each, interleaved; medians:")
    print(f"  npt-gloss lookup --batch: {npt_wall:.3f} s, CPU {npt_cpu:.3f} s"
          f"  (found something for {npt_found(npt_out)})")  # fmt: skip
    print(f"  sdcv -n:                  {sd_wall:.3f} s, CPU {sd_cpu:.3f} s"
          f"  (found something for {sdcv_found(sdcv_out)})")  # fmt: skip
    print(f"  ratio: {npt_wall / sd_wall:.1f}x sdcv (wall), {npt_cpu / sd_cpu:.1f}x (CPU)")
    print(f"  npt-gloss wall: {', '.join(f'{t:.2f}' for t, _ in sorted(npt_runs))}")
    print(f"  sdcv wall:      {', '.join(f'{t:.3f}' for t, _ in sorted(sdcv_runs))}")


if __name__ == "__main__":
    main()
