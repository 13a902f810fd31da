#!/usr/bin/env python3
"""Benchmark npt-gloss against the targets of issue 6, as ratios to the import floor.

usage: python benchmarks/bench.py [--small] [--scale] [--sizes] [--runs N] [--markdown FILE]

Run it with the Python of the environment npt-gloss is installed in (``.venv/bin/python``).
Without --small/--scale/--sizes it runs the first two.

* The import floor is ``python -c "import click, rich.console, rapidfuzz.process, tomllib"``,
  timed in the same run, interleaved with the commands under test (floor, command, floor,
  command … for every round); every figure is a median of ``--runs`` (at least 10) runs.
* --small: the shipped data (or NPT_GLOSS_GLOSSARY / NPT_GLOSS_TEXT when set), cache warm:
  ``lookup 战略稳定性``, ``find 战略稳定性``, ``show 12``, ``cite 12``, output to a pipe, each
  also with ``--json``.
* --scale: data generated into benchmarks/data/scale (100,000 concepts, 1,000 documents of
  50 paragraphs; deterministic, see scale_data.py): the first run (cache build; one run, as
  it takes seconds), cached
  ``lookup`` (an English query with a typo, a Chinese query) and ``find`` as whole commands,
  in-process p50 of lookup and find (index loaded once, 100 queries each), the index load
  time, peak memory, and the cache's size against the input's.
* --sizes: the scale measurements at 1k/10k/100k concepts and 10/100/1000 documents, to show
  how cost grows.

Peak RSS is the child's own ``ru_maxrss`` (``os.wait4``, so POSIX only; the benchmark keeps
its own process small, as a forked child starts out with its parent's size). The in-process
figures come from benchmarks/inprocess.py in a child process. Each part uses its own cache
folder under benchmarks/data/, never the user's cache. PYTHONDONTWRITEBYTECODE is unset for
the commands, so that the warm-up run leaves bytecode caches as an installed package has.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

import scale_data  # noqa: E402

FLOOR_IMPORTS = "import click, rich.console, rapidfuzz.process, tomllib"
SIZES = ((1_000, 10), (10_000, 100), (100_000, 1_000))
INPROCESS = HERE / "inprocess.py"


@dataclass
class Row:
    name: str
    times: list[float] = field(default_factory=list)  # seconds
    rss: list[int] = field(default_factory=list)  # bytes
    target: str = ""
    failures: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def peak(self) -> int:
        return max(self.rss) if self.rss else 0


# ---------------------------------------------------------------- running


def run(command: list[str], env: dict[str, str]) -> tuple[float, int, int, bytes]:
    """(wall seconds, peak RSS bytes, exit code, stdout) of one run, stdout to a pipe."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env)
        assert process.stdout is not None
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.stdout.close()
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-1:]
            print(
                f"  ! {' '.join(command[-3:])}: exit {process.returncode}: {tail}", file=sys.stderr
            )
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB elsewhere
    return elapsed, usage.ru_maxrss * scale, process.returncode, out


def interleaved(
    commands: dict[str, list[str]], env: dict[str, str], runs: int, targets: dict[str, str]
) -> tuple[Row, list[Row]]:
    """Time the floor and each command in turn, ``runs`` rounds; one warm-up round first."""
    floor = Row("import floor", target="1.0×")
    rows = [Row(name, target=targets.get(name, "")) for name in commands]
    floor_command = [sys.executable, "-c", FLOOR_IMPORTS]
    for command in commands.values():
        run(command, env)  # warm the cache and the page cache
    run(floor_command, env)
    for _ in range(runs):
        for row, command in zip(rows, commands.values(), strict=True):
            seconds, rss, _, _ = run(floor_command, env)
            floor.times.append(seconds)
            floor.rss.append(rss)
            seconds, rss, code, _ = run(command, env)
            row.times.append(seconds)
            row.rss.append(rss)
            row.failures += code not in (0, 1)
    return floor, rows


def environment(cache: Path, **data: str) -> dict[str, str]:
    env = dict(os.environ, NPT_GLOSS_CACHE=str(cache), NO_COLOR="1", COLUMNS="100")
    # Measure an ordinary set-up: Python writes its bytecode caches (the warm-up run does),
    # as an installed wheel has them; without them every run would compile the package.
    for name in ("NPT_GLOSS_DEBUG", "PYTHONDONTWRITEBYTECODE", "NPT_GLOSS_NO_CACHE_WRITE"):
        env.pop(name, None)
    env.update(data)
    return env


# ---------------------------------------------------------------- data


def ensure_data(root: Path, concepts: int, docs: int) -> dict:
    """Generate the data set into ``root`` unless the same one is already there."""
    stamp = {
        "concepts": concepts,
        "docs": docs,
        "seed": scale_data.SEED,
        "generator": hashlib.sha256(Path(scale_data.__file__).read_bytes()).hexdigest()[:16],
    }
    stamp_file = root / "stamp.json"
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp:
        return json.loads((root / "queries.json").read_text(encoding="utf-8"))
    print(f"generating {concepts:,} concepts and {docs:,} documents into {root} …", file=sys.stderr)
    start = time.perf_counter()
    # In a child process: this one must stay small, or every command it starts would
    # report this process's size as its own peak RSS (a forked child starts with it).
    command = [sys.executable, scale_data.__file__, str(root), str(concepts), str(docs)]
    subprocess.run(command, check=True)
    queries = json.loads((root / "queries.json").read_text(encoding="utf-8"))
    stamp_file.write_text(json.dumps(stamp))
    print(f"  done in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return queries


def input_size(root: Path) -> int:
    total = (root / "glossary.toml").stat().st_size
    return total + sum(p.stat().st_size for p in (root / "text").glob("*.txt"))


def cache_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("index-*"))


# ---------------------------------------------------------------- parts


def small_part(cli: list[str], runs: int) -> tuple[Row, list[Row]]:
    env = environment(DATA / "cache-small")
    commands: dict[str, list[str]] = {}
    targets: dict[str, str] = {}
    for name, args in (
        ("lookup 战略稳定性", ["lookup", "战略稳定性"]),
        ("find 战略稳定性", ["find", "战略稳定性"]),
        ("show 12", ["show", "12"]),
        ("cite 12", ["cite", "12"]),
    ):
        commands[name] = [*cli, *args]
        targets[name] = "≤ 1.2×"
        commands[f"{name} --json"] = [*cli, *args, "--json"]
        targets[f"{name} --json"] = "≤ 1.0×"
    # A pasted page instead of a term: 100,000 characters in ten arguments (the kernel
    # limits one argument to 128 KiB); the query is cut, so this must stay near the floor.
    long_query = ["核武器国家" * 2_000] * 10
    for name, args in (
        ("lookup, 100,000 characters", ["lookup", *long_query]),
        ("find, 100,000 characters", ["find", *long_query]),
    ):
        commands[name] = [*cli, *args]
        targets[name] = "≤ 2×"
    return interleaved(commands, env, runs, targets)


@dataclass
class ScaleResult:
    concepts: int
    docs: int
    build: Row
    floor: Row
    rows: list[Row]
    inprocess: dict
    input_bytes: int
    cache_bytes: int


def scale_part(cli: list[str], runs: int, concepts: int, docs: int, root: Path) -> ScaleResult:
    queries = ensure_data(root, concepts, docs)
    cache = root.parent / f"cache-{root.name}"
    shutil.rmtree(cache, ignore_errors=True)
    data = {"NPT_GLOSS_GLOSSARY": str(root / "glossary.toml"), "NPT_GLOSS_TEXT": str(root / "text")}
    env = environment(cache, **data)
    build = Row("first run (cache build)", target="≤ 30 s")
    seconds, rss, code, _ = run([*cli, "lookup", queries["lookup_zh"]], env)
    build.times.append(seconds)
    build.rss.append(rss)
    build.failures += code not in (0, 1)
    commands = {
        f"lookup {queries['lookup_en_fuzzy']!r}": [*cli, "lookup", queries["lookup_en_fuzzy"]],
        f"lookup {queries['lookup_zh']}": [*cli, "lookup", queries["lookup_zh"]],
        f"find {queries['find']}": [*cli, "find", queries["find"]],
    }
    floor, rows = interleaved(commands, env, runs, dict.fromkeys(commands, "≤ 4×"))
    seconds, rss, code, out = run([sys.executable, str(INPROCESS), str(root)], env)
    inprocess = json.loads(out) if code == 0 else {}
    inprocess["peak_rss"] = rss
    return ScaleResult(
        concepts, docs, build, floor, rows, inprocess, input_size(root), cache_size(cache)
    )


# ---------------------------------------------------------------- reporting


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def command_table(floor: Row, rows: list[Row], runs: int) -> list[list[str]]:
    table = [["command", "median", "× floor", "peak RSS", "target"]]
    table.append([floor.name, ms(floor.median), "1.00", mb(floor.peak), ""])
    for row in rows:
        ratio = row.median / floor.median
        flag = "" if not row.failures else f" ({row.failures} failed)"
        table.append([row.name + flag, ms(row.median), f"{ratio:.2f}", mb(row.peak), row.target])
    return table


def scale_table(result: ScaleResult) -> list[list[str]]:
    table = command_table(result.floor, result.rows, 0)
    build = result.build
    table.insert(1, [build.name, ms(build.median), "", mb(build.peak), build.target])
    ip = result.inprocess
    if ip:
        table.append(["index load (in-process)", f"{ip['load_ms']:.1f} ms", "", "", "≪ 100 ms"])
        table.append(
            [
                f"lookup in-process p50 ({ip['lookups']} queries)",
                f"{ip['lookup_p50_ms']:.1f} ms",
                "",
                "",
                "≤ 20 ms",
            ]
        )
        table.append(["lookup in-process p90", f"{ip['lookup_p90_ms']:.1f} ms", "", "", ""])
        table.append(
            [
                f"find in-process p50 ({ip['finds']} queries)",
                f"{ip['find_p50_ms']:.1f} ms",
                "",
                "",
                "≤ 20 ms",
            ]
        )
        table.append(["find in-process p90", f"{ip['find_p90_ms']:.1f} ms", "", "", ""])
        table.append(
            ["in-process run (200 queries, full scans)", "", "", mb(ip["peak_rss"]), "≤ 500 MB"]
        )
        table.append(
            [
                "fuzzy shortlist vs full scan: same top result",
                f"{ip['fuzzy_same_top']}/{ip['fuzzy_queries']}",
                "",
                "",
                "",
            ]
        )
    ratio = result.cache_bytes / result.input_bytes
    table.append(
        [
            f"cache size / input size ({mb(result.cache_bytes)} / {mb(result.input_bytes)})",
            f"{ratio:.2f}×",
            "",
            "",
            "≤ 3×",
        ]
    )
    return table


def sizes_table(results: list[ScaleResult]) -> list[list[str]]:
    table = [
        [
            "concepts / documents",
            "input",
            "cache",
            "first run",
            "build RSS",
            "cached lookup",
            "cached find",
            "load",
            "lookup p50",
            "find p50",
            "query RSS",
        ]
    ]
    for r in results:
        lookup_row = next(
            row for row in r.rows if row.name.startswith("lookup") and "'" in row.name
        )
        find_row = next(row for row in r.rows if row.name.startswith("find"))
        ip = r.inprocess or {}
        table.append(
            [
                f"{r.concepts:,} / {r.docs:,}",
                mb(r.input_bytes),
                mb(r.cache_bytes),
                ms(r.build.median),
                mb(r.build.peak),
                f"{lookup_row.median / r.floor.median:.2f}× floor",
                f"{find_row.median / r.floor.median:.2f}× floor",
                f"{ip.get('load_ms', float('nan')):.1f} ms",
                f"{ip.get('lookup_p50_ms', float('nan')):.1f} ms",
                f"{ip.get('find_p50_ms', float('nan')):.1f} ms",
                mb(max(row.peak for row in r.rows)),
            ]
        )
    return table


def width(text: str) -> int:
    """Columns the text takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render(table: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(table[0]) + " |", "|" + "|".join("---" for _ in table[0]) + "|"]
        lines += [
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table[1:]
        ]
        return "\n".join(lines)
    widths = [max(width(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for number, row in enumerate(table):
        cells = (cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row))
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def parse_run_options(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """Add the options every interleaved benchmark takes (``--runs``, ``--cli``), parse, and
    refuse medians of fewer than 10 runs."""
    parser.add_argument("--runs", type=int, default=10, help="runs per command (at least 10)")
    parser.add_argument(
        "--cli",
        default=str(Path(sys.executable).parent / "npt-gloss"),
        help="the npt-gloss command (default: beside this Python)",
    )
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs: medians of at least 10 runs")
    return args


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="the shipped data (cache warm)")
    parser.add_argument("--scale", action="store_true", help="100k concepts, 1,000 documents")
    parser.add_argument("--sizes", action="store_true", help="1k/10k/100k concepts: how cost grows")
    parser.add_argument(
        "--markdown", metavar="FILE", help="also write the tables as markdown ('-': stdout)"
    )
    args = parse_run_options(parser)
    if not (args.small or args.scale or args.sizes):
        args.small = args.scale = True
    cli = [args.cli]
    DATA.mkdir(exist_ok=True)
    sections: list[tuple[str, list[list[str]]]] = []
    header = (
        f"Machine: {machine()}. Medians of {args.runs} runs, interleaved with the import floor."
    )
    print(header)
    if args.small:
        floor, rows = small_part(cli, args.runs)
        sections.append(
            ("Shipped data, cache warm, output to a pipe", command_table(floor, rows, args.runs))
        )
        print(f"\n{sections[-1][0]}\n{render(sections[-1][1], False)}", flush=True)
    results = []
    if args.scale or args.sizes:
        sizes = SIZES if args.sizes else SIZES[-1:]
        for concepts, docs in sizes:
            root = DATA / ("scale" if concepts == 100_000 and docs == 1_000 else f"size-{concepts}")
            results.append(scale_part(cli, args.runs, concepts, docs, root))
            if args.scale and concepts == 100_000:
                title = (
                    f"Scale data: {concepts:,} concepts, {docs:,} documents "
                    f"({docs * 50:,} paragraphs)"
                )
                sections.append((title, scale_table(results[-1])))
                print(f"\n{title}\n{render(sections[-1][1], False)}", flush=True)
    if args.sizes:
        sections.append(
            ("How cost grows (whole commands as ratios to the import floor)", sizes_table(results))
        )
        print(f"\n{sections[-1][0]}\n{render(sections[-1][1], False)}")
    if args.markdown:
        text = (
            header
            + "\n\n"
            + "\n\n".join(f"**{title}**\n\n{render(t, True)}" for title, t in sections)
            + "\n"
        )
        if args.markdown == "-":
            print("\n" + text)
        else:
            Path(args.markdown).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
