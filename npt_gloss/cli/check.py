"""`npt-gloss check DRAFT`: terminology QA of a translation draft (see :mod:`npt_gloss.qa`,
and :mod:`npt_gloss.drafts` for the draft formats)."""

from __future__ import annotations

from typing import Any

import click

from npt_gloss.cli.app import (
    CONTEXT,
    EXIT_NOTHING,
    State,
    cli,
    guarded,
    json_option,
    output,
)
from npt_gloss.errors import DataError

SEVERITY_STYLE = {"error": "error", "warning": "warn", "info": "dim"}


@cli.command(context_settings=CONTEXT)
@click.argument("draft", metavar="DRAFT")
@click.option(
    "--doc",
    "doc_id",
    metavar="ID",
    help="The source document the draft translates; without it the draft is checked on its "
    "own, for forms to avoid and inconsistent renderings only.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    help="The draft's language  [default: what the file declares, else guessed from its text]",
)
@json_option
@click.pass_obj
@guarded
def check(state: State, draft: str, lang: str | None, doc_id: str | None, as_json: bool) -> None:
    """Check a translation draft's terminology against its source document.

    DRAFT is "N. text" paragraphs numbered like the source (front matter optional,
    paragraphs may be missing), XLIFF 1.2 or 2.x, TMX, or two-column TSV (source, tab,
    target); units carry the paragraph number as their id ("14", "p14", "14.2"). With --doc,
    every glossary concept of a source paragraph must be rendered in that paragraph of the
    draft by an admitted form. In a pipe, one finding a line, "DRAFT:LINE: ¶N severity kind:
    message", which editors can jump to. Exit 0 when no error is found, 1 when some are.

    \b
    Examples:
      npt-gloss check draft-en.txt --doc ru-wp-shared-responsibility
      npt-gloss check draft.xlf --doc ru-wp-shared-responsibility --json
      npt-gloss check draft-zh.txt
    """
    from npt_gloss import paths
    from npt_gloss.drafts import guess_language, read_draft
    from npt_gloss.qa import check_draft, check_monolingual
    from npt_gloss.scanner import MentionFinder

    position, document = state.document(doc_id) if doc_id is not None else (None, None)
    read = read_draft(draft, document, lang)
    if document is not None:
        _known_paragraphs(read.paragraphs, document, draft)
    lang = lang or read.lang or guess_language(read.paragraphs)
    finder = MentionFinder.for_index(state.index, paths.cache_dir())
    if position is None:
        findings = check_monolingual(state.index, read.paragraphs, lang, finder)
    else:
        findings = check_draft(state.index, position, read.paragraphs, lang, finder)
    lines = {p.number: p.line for p in read.paragraphs}
    if as_json:
        output(True).json(
            {
                "draft": draft,
                "doc": document.meta.id if document is not None else None,
                "lang": lang,
                "format": read.format,
                "findings": [_as_json(f, lines.get(f.paragraph)) for f in findings],
            }
        )
    else:
        _show(findings, draft, lines)
    if any(f.severity == "error" for f in findings):
        raise SystemExit(EXIT_NOTHING)


def _known_paragraphs(paragraphs: Any, document: Any, draft: str) -> None:
    """A draft paragraph the source lacks is bad input, named by its line."""
    known = {p.number for p in document.paragraphs}
    for paragraph in paragraphs:
        if paragraph.number not in known:
            raise DataError(
                f"paragraph {paragraph.number} is not in document '{document.meta.id}' "
                f"(it has {len(known)})",
                path=draft,
                line=paragraph.line or None,
            )


def _as_json(finding: Any, line: int | None) -> dict[str, Any]:
    return {
        "paragraph": finding.paragraph,
        "line": line,
        "kind": finding.kind,
        "severity": finding.severity,
        "concept": finding.concept,
        "source_form": finding.source_form,
        "expected": list(finding.expected),
        "found": finding.found,
        "message": finding.message,
    }


def _show(findings: list[Any], draft: str, lines: dict[int, int]) -> None:
    """A table grouped by paragraph on a terminal; in a pipe one finding a line, like a
    linter ("draft.txt:7: ¶10 error wrong: …"; no line for a paragraph the draft lacks)."""
    out = output(False)
    errors = sum(f.severity == "error" for f in findings)
    summary = f"{len(findings)} finding(s), {errors} error(s)"
    if out.mode == "rich":
        # Paragraphs the draft lacks would fill a screen: one line under the table says them.
        missing = [f.paragraph for f in findings if f.kind == "untranslated"]
        groups: dict[int, list[Any]] = {}
        for f in findings:
            if f.kind == "untranslated":
                continue
            style = SEVERITY_STYLE[f.severity]
            number = [(f"¶{f.paragraph}", "num")] if f.paragraph not in groups else []
            groups.setdefault(f.paragraph, []).append(
                [number, [(f.severity, style)], [(f.kind, "how")], [(f.message, "")]]
            )
        if groups:
            out.grouped_table(["¶", "severity", "kind", "finding"], groups.values())
        if missing:
            out.lines([[("not in the draft (info): ", "dim"), (_paragraph_list(missing), "num")]])
        out.lines([[(summary, "dim")]])
        return
    rows = []
    for f in findings:
        line = lines.get(f.paragraph)
        place = f"{draft}:{line}:" if line else f"{draft}:"
        rows.append([(f"{place} ¶{f.paragraph} {f.severity} {f.kind}: {f.message}", "")])
    rows.append([(summary, "")])
    out.lines(rows)


def _paragraph_list(numbers: list[int]) -> str:
    """¶1–9, 11, 13 …: runs of paragraph numbers."""
    from npt_gloss.refs import compress

    runs = (str(a) if a == b else f"{a}–{b}" for a, b in compress(numbers))
    return "¶" + ", ".join(runs)
