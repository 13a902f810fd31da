"""`npt-gloss find`: every paragraph that mentions a concept, with an optional citation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from npt_gloss.cli.app import (
    CONTEXT,
    EXIT_NOTHING,
    State,
    cli,
    doc_option,
    fail,
    guarded,
    json_option,
    lang_option,
    nothing_found,
    output,
)
from npt_gloss.errors import UsageError


@cli.command(context_settings=CONTEXT)
@click.argument("query", nargs=-1)
@click.option(
    "--any-of",
    "any_of",
    multiple=True,
    metavar="QUERY",
    help="Paragraphs mentioning any of these (repeatable).",
)
@click.option(
    "--all-of",
    "all_of",
    multiple=True,
    metavar="QUERY",
    help="Paragraphs mentioning all of these (repeatable).",
)
@click.option(
    "--exact",
    is_flag=True,
    help="Search the query as written, without concept expansion (Latin words whole: "
    "NWS is not found in NNWS).",
)
@click.option(
    "--direct",
    is_flag=True,
    help="Only direct mentions, not those inside a longer term (核试验 in the CTBT's title).",
)
@click.option(
    "--include-everyday",
    "everyday",
    is_flag=True,
    help="Count forms that are also everyday words (决定 'decide') as mentions.",
)
@click.option(
    "--context",
    "context",
    default=30,
    show_default=True,
    type=click.IntRange(0, 2000),
    help="Characters of context each side.",
)
@click.option("--full", is_flag=True, help="Show whole paragraphs.")
@click.option(
    "--cite", "cite_style", metavar="STYLE", help="Add one citation of all hit paragraphs."
)
@doc_option
@lang_option("Search only the versions in this language (default: every version).")
@json_option
@click.pass_obj
@guarded
def find(
    state: State,
    query: Sequence[str],
    any_of: Sequence[str],
    all_of: Sequence[str],
    exact: bool,
    direct: bool,
    everyday: bool,
    context: int,
    full: bool,
    cite_style: str | None,
    doc_id: str | None,
    lang: str | None,
    as_json: bool,
) -> None:
    """Every paragraph that mentions a concept, in either language and any wording.

    Every language version of a document (text/<id>.<lang>.txt) is searched, each in its
    own language; each hit names the version's language ("¶14 [en]"; "lang" in --json).

    A mention inside a longer term of another concept counts and is marked (核试验 inside
    全面禁止核试验条约: "within: CTBT"); a negated one never does (核武器国家 inside
    无核武器国家). --direct leaves the nested mentions out. A form the glossary marks as
    also an everyday word (决定 "decide" / "decision") gives only possible mentions, listed
    apart, unless --include-everyday.

    \b
    Examples:
      npt-gloss find "nuclear-weapon States"
      npt-gloss find 战略稳定性 --full
      npt-gloss find --all-of "strategic stability" --all-of 导弹防御
      npt-gloss find NNWS --cite un
      npt-gloss find 核国家 --exact
      npt-gloss find "nuclear test" --direct
      npt-gloss find "nuclear-weapon States" --lang en
    """
    from npt_gloss import views
    from npt_gloss.find import find as run_find
    from npt_gloss.match import suggestions

    queries, mode = _find_queries(query, any_of, all_of)
    index = state.index
    if doc_id is not None:
        state.version(doc_id, lang)  # validates the id (and the language)
    elif lang is not None and lang not in index.languages():
        raise UsageError(
            f"no document has a {lang} version", hint="languages: " + ", ".join(index.languages())
        )
    result = run_find(
        index,
        queries,
        mode=mode,
        exact=exact,
        doc=doc_id,
        direct=direct,
        everyday=everyday,
        lang=lang,
    )
    citation = (
        _find_citation(state, result, cite_style, doc_id) if cite_style and result.hits else None
    )
    out = output(as_json)
    if as_json:
        data = views.find_json(result)
        if citation is not None:
            data["citation"] = citation
        out.json(data)
    elif result.hits or result.possible:
        out.lines(views.find_lines(index, result, context=context, full=full))
        if citation:
            out.lines([[], [(citation, "")]])
    if not result.hits:
        if result.concepts:  # the query was understood; the documents do not mention it
            names = ", ".join(result.concepts[:8]) + (" …" if len(result.concepts) > 8 else "")
            fail(f"no paragraph mentions {names}", EXIT_NOTHING)
        nothing_found(" | ".join(queries), suggestions(index, queries[0]))


def _find_queries(
    query: Sequence[str], any_of: Sequence[str], all_of: Sequence[str]
) -> tuple[list[str], str]:
    if any_of and all_of:
        raise UsageError("use either --any-of or --all-of, not both")
    extra = list(any_of or all_of)
    joined = " ".join(query).strip()
    queries = ([joined] if joined else []) + [q for q in extra if q.strip()]
    if not queries:
        raise UsageError("empty query", hint="e.g. npt-gloss find 战略稳定性")
    return queries, "all" if all_of else "any"


def _find_citation(state: State, result: Any, style: str, doc_id: str | None) -> str:
    from npt_gloss.cite import format_citation
    from npt_gloss.views import hit_refs

    docs = sorted({h.doc for h in result.hits})
    if len(docs) > 1 and doc_id is None:
        raise UsageError("hits are in several documents; choose one with --doc to cite")
    meta = state.citable(doc_id or docs[0], style, None)
    return format_citation(meta, hit_refs(result.hits, meta.id), style, None)
