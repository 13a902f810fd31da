"""`npt-gloss show`: a document's numbered paragraphs, optionally glossed."""

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
    output,
)


@cli.command(context_settings=CONTEXT)
@click.argument("refs", nargs=-1)
@doc_option
@click.option("--gloss", is_flag=True, help="Mark glossary terms and give their English.")
@json_option
@click.pass_obj
@guarded
def show(state: State, refs: Sequence[str], doc_id: str | None, gloss: bool, as_json: bool) -> None:
    """Show paragraphs by number or range (all when no REFS).

    \b
    Examples:
      npt-gloss show 17
      npt-gloss show 3-5 9
      npt-gloss show 14 --gloss
      npt-gloss show --json | jq '.paragraphs | length'
    """
    from npt_gloss import views
    from npt_gloss.refs import parse_refs

    position, doc = state.document(doc_id)
    numbers = parse_refs(refs, len(doc.paragraphs)) if refs else range(1, len(doc.paragraphs) + 1)
    paragraphs = [doc.paragraph(n) for n in numbers]
    out = output(as_json)
    if as_json:
        from npt_gloss.corpus import document_to_json

        out.json(document_to_json(doc, paragraphs))
        return
    marks = views.gloss_marks(state.index, position) if gloss else None
    out.lines(views.show_lines(doc, paragraphs, marks))
