"""`npt-gloss cite`: a citation to paragraph numbers in a chosen style, quoted or copied."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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
from npt_gloss.errors import NptGlossError


@cli.command(context_settings=CONTEXT)
@click.argument("refs", nargs=-1, required=True)
@click.option(
    "-s",
    "--style",
    default="un",
    show_default=True,
    metavar="STYLE",
    help="un, chicago, chicago-short, chicago-bib, apa, apa-ref, mla, mla-ref, oscola, "
    "bluebook, gbt7714, plain, markdown, bibtex, ris, csl-json, or csl:NAME "
    "(any CSL style; needs npt-gloss[csl]).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    default=None,
    help="Language of the citation (default: the style's own; en, or zh for gbt7714).",
)
@click.option("--quote", is_flag=True, help="Print the paragraph text before the citation.")
@click.option("--gloss", is_flag=True, help="With --quote: add the glossary's English equivalents.")
@click.option("--copy", is_flag=True, help="Also copy the result to the clipboard.")
@doc_option
@json_option
@click.pass_obj
@guarded
def cite(
    state: State,
    refs: Sequence[str],
    style: str,
    lang: str | None,
    quote: bool,
    gloss: bool,
    copy: bool,
    doc_id: str | None,
    as_json: bool,
) -> None:
    """A citation of paragraphs, ready to paste.

    \b
    Examples:
      npt-gloss cite 12
      npt-gloss cite 3 5-7 17 --style chicago
      npt-gloss cite "paras 3-5 and 9" --style apa
      npt-gloss cite 12 --style un --lang zh
      npt-gloss cite 14 --quote --gloss --copy

    With an English version of the document (text/<id>.en.txt), a citation in English
    gives its title as the official English title.
    """
    from npt_gloss.refs import parse_refs

    position, doc = state.document(doc_id)
    numbers = parse_refs(refs, len(doc.paragraphs))
    from npt_gloss.cite import citation_lang, format_citation

    meta = state.citable(doc.id, style, lang)
    citation = format_citation(meta, numbers, style, lang)
    asked_lang = lang
    lang = citation_lang(style, lang)
    text = citation
    if quote:
        # The paragraphs as the citation's language has them, when there is such a version.
        if lang in state.index.versions(doc.id):
            position, doc = state.version(doc.id, lang)
        text = _quoted(state, position, doc, numbers, gloss) + "\n\n" + citation
    out = output(as_json)
    if as_json:
        out.json(
            {"refs": list(numbers), "style": style, "lang": lang, "citation": citation}
            | ({"quote": text} if quote else {})
        )
    else:
        out.lines([[(line, "")] for line in text.split("\n")])
    _symbol_hint(doc, style)
    _style_notes(meta, numbers, style, asked_lang)
    if copy:
        _copy(text)


def _style_notes(meta: Any, numbers: Any, style: str, lang: str | None) -> None:
    """What a CSL style loses (a dropped or mislabelled paragraph locator, another edition)."""
    if not style.startswith("csl:"):
        return
    from npt_gloss.cite import citation_notes

    for note in citation_notes(meta, numbers, style, lang):
        click.echo(f"npt-gloss: note: {note}", err=True)


def _symbol_hint(doc: Any, style: str) -> None:
    from npt_gloss.cite import missing_symbol_hint

    hint = missing_symbol_hint(doc.meta, style, doc.path or None)
    if hint:
        click.echo(f"npt-gloss: note: {hint}", err=True)


def _copy(text: str) -> None:
    from npt_gloss.clipboard import copy_to_clipboard

    try:
        how = copy_to_clipboard(text)
    except NptGlossError as exc:
        click.echo(f"npt-gloss: {exc}", err=True)
        return
    if how:
        click.echo(f"npt-gloss: {how}", err=True)


def _quoted(state: State, position: int, doc: Any, numbers: Sequence[int], gloss: bool) -> str:
    from npt_gloss.views import gloss_marks, glossed_text

    marks = gloss_marks(state.index, position) if gloss else {}
    blocks = []
    for number in numbers:
        text = glossed_text(doc.paragraph(number).text, marks.get(number, []))
        blocks.append(f"{number}. {text}")
    return "\n\n".join(blocks)
