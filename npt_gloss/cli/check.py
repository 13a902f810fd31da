"""`npt-gloss check DRAFT`: terminology QA of a translation draft (see :mod:`npt_gloss.qa`)."""

from __future__ import annotations

import click

from npt_gloss.cli.app import (
    CONTEXT,
    EXIT_NOTHING,
    State,
    cli,
    doc_option,
    guarded,
    json_option,
    output,
)
from npt_gloss.errors import DataError


@cli.command(context_settings=CONTEXT)
@click.argument("draft", metavar="DRAFT")
@click.option(
    "--lang",
    type=click.Choice(["en", "zh"]),
    help="The draft's language  [default: guessed from its text]",
)
@doc_option
@json_option
@click.pass_obj
@guarded
def check(state: State, draft: str, lang: str | None, doc_id: str | None, as_json: bool) -> None:
    """Check a translation draft's terminology against its source document.

    The draft has the source's paragraph numbers ("14. …", a paragraph to a blank line;
    front matter optional; paragraphs may be missing). Every glossary concept of a source
    paragraph must be rendered in that paragraph of the draft by an admitted form. Exit 0
    when no error is found, 1 when some are.

    \b
    Examples:
      npt-gloss check draft-en.txt
      npt-gloss check draft-en.txt --json
    """
    from npt_gloss.glossary import load_glossaries
    from npt_gloss.qa import check_draft, draft_language, parse_draft
    from npt_gloss.textio import read_text

    position, doc = state.document(doc_id)
    paragraphs = parse_draft(read_text(draft))
    if not paragraphs:
        raise DataError("no numbered paragraph ('1. …') found", path=draft)
    known = {p.number for p in doc.paragraphs}
    for paragraph in paragraphs:
        if paragraph.number not in known:
            raise DataError(
                f"paragraph {paragraph.number} is not in document '{doc.id}' (it has {len(known)})",
                path=draft,
                line=paragraph.line or None,
            )
    lang = lang or draft_language(paragraphs)
    concepts = load_glossaries(state.glossaries).concepts
    findings = check_draft(state.index, concepts, position, paragraphs, lang)
    if as_json:
        output(True).json(
            {
                "draft": draft,
                "doc": doc.id,
                "lang": lang,
                "findings": [
                    {
                        "paragraph": f.paragraph,
                        "kind": f.kind,
                        "severity": f.severity,
                        "concept": f.concept,
                        "source_form": f.source_form,
                        "expected": list(f.expected),
                        "found": f.found,
                        "message": f.message,
                    }
                    for f in findings
                ],
            }
        )
    else:
        lines = [
            [(f"¶{f.paragraph} ", "num"), (f"{f.severity} {f.kind}: ", "how"), (f.message, "")]
            for f in findings
        ]
        errors = sum(f.severity == "error" for f in findings)
        lines.append([(f"{len(findings)} finding(s), {errors} error(s)", "dim")])
        output(False).lines(lines)
    if any(f.severity == "error" for f in findings):
        raise SystemExit(EXIT_NOTHING)
