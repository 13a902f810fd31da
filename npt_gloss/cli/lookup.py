"""`npt-gloss lookup`: a term's translation, either direction, ranked."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import Any

import click

from npt_gloss.cli.app import (
    CONTEXT,
    EXIT_NOTHING,
    State,
    cli,
    fail,
    guarded,
    json_option,
    nothing_found,
    output,
    warn,
)
from npt_gloss.errors import UsageError


@cli.command(context_settings=CONTEXT)
@click.argument("query", nargs=-1)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(1, 100),
    help="How many results at most (per query with --batch)  [default: 5; 1 with --batch]",
)
@click.option(
    "--batch",
    "batch_file",
    metavar="FILE",
    help="Look up every line of FILE ('-' for standard input); # comments and blanks skipped.",
)
@json_option
@click.pass_obj
@guarded
def lookup(
    state: State, query: Sequence[str], limit: int | None, batch_file: str | None, as_json: bool
) -> None:
    """Translate a term, English ⇄ Chinese, forgiving of spelling.

    Accepts typos, British/American spelling, plurals, abbreviations (NPT, 裁谈会), pinyin
    with or without tones, traditional characters and full-width input. With --batch, a list
    of terms: a table on a terminal, tab-separated values in a pipe (query, id, en, zh,
    match, score), JSON Lines with --json; exit 1 when some found nothing.

    \b
    Examples:
      npt-gloss lookup "strategic stabilty"
      npt-gloss lookup 戰略穩定性
      npt-gloss lookup "quanmian chedi caijun"
      npt-gloss lookup NPT --json
      npt-gloss lookup "article 6"        (also art. VI, 第6条)
      npt-gloss lookup inspection -n 5    (terms containing the word)
      npt-gloss lookup --batch terms.txt > terms.tsv
    """
    from npt_gloss import views
    from npt_gloss.match import GOOD_ENOUGH, lookup_counted, suggestions

    if batch_file is not None:
        if query:
            raise UsageError("give either terms or --batch FILE, not both")
        _batch(state, batch_file, limit or 1, as_json)
        return
    limit = limit or 5
    text = " ".join(query)
    if not text.strip():
        raise UsageError("empty query", hint='give a term, e.g. npt-gloss lookup "arms control"')
    index = state.index
    ranked, total = lookup_counted(index, text, limit)
    matches = [m for m in ranked if m.score >= GOOD_ENOUGH]
    more = total - len(ranked) if len(matches) == len(ranked) else 0
    out = output(as_json)
    if as_json:
        out.json(views.lookup_json(index, text, matches, more))
    elif matches:
        out.lines(views.lookup_lines(index, matches, more))
    if not matches:
        nothing_found(text, suggestions(index, text))


PROGRESS_FROM = 50  # queries: a shorter list needs no progress bar


def _batch(state: State, source: str, limit: int, as_json: bool) -> None:
    from npt_gloss import views
    from npt_gloss.batch import TSV_HEADER, answer_all, parse_queries, tsv_rows

    queries, skipped = parse_queries(_read_list(source))
    for item in skipped:
        warn(f"{_name(source)}:{item.line}: skipped: {item.reason}")
    index = state.index
    out = output(as_json)
    answers = answer_all(index, queries, limit)
    if out.mode == "rich" and len(queries) >= PROGRESS_FROM:
        answers = _with_progress(answers, len(queries))
    missing: list[int] = []
    rows: list[list[str]] = []
    for answer in answers:
        if not answer.matches:
            missing.append(answer.query.line)
        if as_json:
            out.json(views.lookup_json(index, answer.query.text, answer.matches), one_line=True)
        else:
            rows.extend(tsv_rows(index, answer))
    if not as_json:
        out.table(TSV_HEADER, rows)
    if missing:
        lines = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        fail(
            f"{len(missing)} of {len(queries)} queries found nothing (lines {lines})", EXIT_NOTHING
        )


def _read_list(source: str) -> str:
    from npt_gloss.textio import decode_text, read_text

    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        return decode_text(data, "<stdin>")
    return read_text(source)


def _name(source: str) -> str:
    return "<stdin>" if source == "-" else source


def _with_progress(answers: Iterator[Any], total: int) -> Iterator[Any]:
    from rich.progress import track

    return iter(track(answers, total=total, description="looking up", transient=True))
