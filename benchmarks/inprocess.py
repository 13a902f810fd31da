"""In-process timings for bench.py: load the index once, then time 100 lookups and 100 finds.

usage: python benchmarks/inprocess.py DATA_DIR   (NPT_GLOSS_CACHE names the warm cache)

Prints one JSON object: load_ms, lookup and find p50/p90 (ms), and how often the fuzzy
shortlist gives the same top result as scoring every key of a plausible length.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    root = Path(sys.argv[1])
    queries = json.loads((root / "queries.json").read_text(encoding="utf-8"))
    from npt_gloss import match, paths
    from npt_gloss.find import find
    from npt_gloss.index import open_index
    from npt_gloss.views import find_json, lookup_json

    start = time.perf_counter()
    index = open_index(root / "glossary.toml", root / "text", paths.cache_dir())
    load_ms = (time.perf_counter() - start) * 1000

    lookup_times = []
    for query in queries["lookups"]:
        start = time.perf_counter()
        lookup_json(index, query, match.lookup(index, query, 5))
        lookup_times.append((time.perf_counter() - start) * 1000)
    find_times = []
    for query in queries["finds"]:
        start = time.perf_counter()
        find_json(find(index, [query]))
        find_times.append((time.perf_counter() - start) * 1000)

    # Quality of the shortlist: the same queries against a full scan of the length window.
    fuzzy = [q for q in queries["lookups"] if q.isascii()]
    shortlisted = [_top(match.lookup(index, q, 5)) for q in fuzzy]
    match.EXHAUSTIVE = 10**9
    full = [_top(match.lookup(index, q, 5)) for q in fuzzy]
    same = sum(a == b for a, b in zip(shortlisted, full, strict=True))

    print(
        json.dumps(
            {
                "load_ms": load_ms,
                "lookups": len(lookup_times),
                "lookup_p50_ms": statistics.median(lookup_times),
                "lookup_p90_ms": percentile(lookup_times, 0.9),
                "finds": len(find_times),
                "find_p50_ms": statistics.median(find_times),
                "find_p90_ms": percentile(find_times, 0.9),
                "fuzzy_queries": len(fuzzy),
                "fuzzy_same_top": same,
            }
        )
    )


def _top(results: list) -> tuple[int, float] | None:
    return (results[0].concept, results[0].score) if results else None


if __name__ == "__main__":
    main()
