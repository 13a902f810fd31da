"""`npt-gloss lookup`: a term's translation, either direction, ranked."""

from __future__ import annotations

from collections.abc import Sequence

import click

from npt_gloss.cli.app import (
    CONTEXT,
    State,
    cli,
    guarded,
    json_option,
    nothing_found,
    output,
)
from npt_gloss.errors import UsageError


@cli.command(context_settings=CONTEXT)
@click.argument("query", nargs=-1, required=True)
@click.option(
    "-n",
    "--limit",
    default=5,
    show_default=True,
    type=click.IntRange(1, 100),
    help="How many results at most.",
)
@json_option
@click.pass_obj
@guarded
def lookup(state: State, query: Sequence[str], limit: int, as_json: bool) -> None:
    """Translate a term, English ⇄ Chinese, forgiving of spelling.

    Accepts typos, British/American spelling, plurals, abbreviations (NPT, 裁谈会), pinyin
    with or without tones, traditional characters and full-width input.

    \b
    Examples:
      npt-gloss lookup "strategic stabilty"
      npt-gloss lookup 戰略穩定性
      npt-gloss lookup "quanmian chedi caijun"
      npt-gloss lookup NPT --json
      npt-gloss lookup "article 6"        (also art. VI, 第6条)
      npt-gloss lookup inspection -n 5    (terms containing the word)
    """
    from npt_gloss import views
    from npt_gloss.match import GOOD_ENOUGH, lookup_counted, suggestions

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
