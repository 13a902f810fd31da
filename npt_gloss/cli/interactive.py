"""`npt-gloss interactive` (alias `i`): the live lookup on a terminal (see :mod:`npt_gloss.tui`)."""

from __future__ import annotations

import sys

import click

from npt_gloss.cli.app import CONTEXT, State, cli, guarded
from npt_gloss.errors import UsageError


@cli.command(context_settings=CONTEXT)
@click.pass_obj
@guarded
def interactive(state: State) -> None:
    """Look terms up as you type: results in both languages, details, paragraphs.

    Keys: ↑/↓ choose a result · Ctrl+Y copy its rendering in the other language · Ctrl+F
    the paragraphs that mention it · Enter keep the query in the history · Esc or Ctrl+D
    quit (Ctrl+C: exit status 130).
    Needs a terminal and the 'tui' extra (pip install 'npt-gloss[tui]').

    \b
    Examples:
      npt-gloss interactive
      npt-gloss i
    """
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the live lookup needs a terminal", hint="use lookup or lookup --batch")
    try:
        from npt_gloss.tui import LookupApp
    except ImportError:
        raise UsageError(
            "the live lookup needs Textual", hint="pip install 'npt-gloss[tui]'"
        ) from None
    from npt_gloss import paths
    from npt_gloss.clipboard import copy_to_clipboard

    app = LookupApp(state.index, paths.data_dir(), copy_to_clipboard, handle_signals=True)
    app.run()
    if app.return_code:  # Ctrl+C (130) or a signal (128 + its number), the terminal restored
        raise SystemExit(app.return_code)
