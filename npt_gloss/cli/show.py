"""`npt-gloss show`: a document's numbered paragraphs, optionally glossed, in one language
version or in all of them side by side."""

from __future__ import annotations

from collections.abc import Sequence

import click

from npt_gloss.cli.app import (
    CONTEXT,
    State,
    cli,
    doc_option,
    guarded,
    json_option,
    lang_option,
    output,
)
from npt_gloss.errors import UsageError


@cli.command(context_settings=CONTEXT)
@click.argument("refs", nargs=-1)
@doc_option
@lang_option("Show the document's version in this language (zh, en, fr, ru, es, ar).")
@click.option(
    "--parallel",
    is_flag=True,
    help="All language versions: side by side on a terminal, one after the other in a pipe.",
)
@click.option("--gloss", is_flag=True, help="Mark glossary terms and give their translation.")
@json_option
@click.pass_obj
@guarded
def show(
    state: State,
    refs: Sequence[str],
    doc_id: str | None,
    lang: str | None,
    parallel: bool,
    gloss: bool,
    as_json: bool,
) -> None:
    """Show paragraphs by number or range (all when no REFS).

    \b
    Examples:
      npt-gloss show 17
      npt-gloss show 3-5 9
      npt-gloss show 14 --gloss
      npt-gloss show 14 --lang en
      npt-gloss show 1-3 --parallel
      npt-gloss show --json | jq '.paragraphs | length'
    """
    from npt_gloss import views
    from npt_gloss.refs import parse_refs

    if parallel and (lang or gloss):
        option = "--lang" if lang else "--gloss"
        raise UsageError(f"--parallel shows every language version; leave out {option}")
    position, doc = state.version(doc_id, lang)
    numbers = parse_refs(refs, len(doc.paragraphs)) if refs else range(1, len(doc.paragraphs) + 1)
    out = output(as_json)
    if parallel:
        versions = state.versions(doc.id)
        if as_json:
            out.json(views.parallel_json(versions, numbers))
            return
        header, rows = views.parallel_rows(versions, numbers)
        out.side_by_side(
            views.parallel_head(versions), header, rows, views.parallel_lines(versions, numbers)
        )
        return
    paragraphs = [doc.paragraph(n) for n in numbers]
    if as_json:
        from npt_gloss.corpus import document_to_json

        out.json({**document_to_json(doc, paragraphs), "lang": doc.meta.lang})
        return
    marks = views.gloss_marks(state.index, position) if gloss else None
    out.lines(views.show_lines(doc, paragraphs, marks))
