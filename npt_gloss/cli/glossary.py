"""`npt-gloss glossary check|stats|coverage`: the glossary's lint, counts and coverage."""

from __future__ import annotations

from typing import Any

import click

from npt_gloss.cli.app import (
    CONTEXT,
    EXIT_ERROR,
    State,
    cli,
    doc_option,
    guarded,
    json_option,
    output,
)
from npt_gloss.errors import NptGlossError, UsageError


@cli.group(context_settings=CONTEXT)
def glossary() -> None:
    """Check and describe the glossary.

    \b
    Examples:
      npt-gloss glossary check
      npt-gloss glossary stats
      npt-gloss glossary coverage
    """


@glossary.command("check", context_settings=CONTEXT)
@click.option("--info", is_flag=True, help="Also list info-level findings.")
@json_option
@click.pass_obj
@guarded
def glossary_check(state: State, info: bool, as_json: bool) -> None:
    """Lint the glossary: schema errors with file:line, clashes, gaps.

    Exit 0 when there are no errors or warnings, 2 otherwise.

    \b
    Example:
      npt-gloss --glossary my.toml glossary check
    """
    from npt_gloss.glossary import check_glossary
    from npt_gloss.normalize import term_key
    from npt_gloss.textio import read_text

    text = read_text(state.glossary)
    t2s = _t2s_for_check(state)
    common = None
    if info:
        from npt_gloss.mentions import is_common_word as common
    problems = check_glossary(
        text, state.glossary, lambda s: term_key(s, t2s), _occurring(state), common
    )
    shown = [p for p in problems if info or p.level != "info"]
    counts = {
        level: sum(p.level == level for p in problems) for level in ("error", "warning", "info")
    }
    if as_json:
        output(True).json(
            {"file": str(state.glossary), "counts": counts, "problems": [vars(p) for p in shown]}
        )
    else:
        lines = [
            [(f"{state.glossary}:{p.line}: {p.level}: ", "dim"), (p.message, "")] for p in shown
        ]
        summary = ", ".join(f"{n} {level}(s)" for level, n in counts.items())
        lines.append([(f"{summary}", "dim")])
        output(False).lines(lines)
    if counts["error"] or counts["warning"]:
        raise SystemExit(EXIT_ERROR)


def _t2s_for_check(state: State) -> dict[str, str]:
    try:
        return state.index.t2s
    except NptGlossError:
        from npt_gloss.build import build_t2s

        return build_t2s()


def _occurring(state: State) -> set[str] | None:
    try:
        index = state.index
    except NptGlossError:
        return None
    return {
        index.concepts[i][0]
        for i, (rows, nested) in enumerate(zip(index.occurrences, index.nested, strict=True))
        if rows or nested
    }


@glossary.command("stats", context_settings=CONTEXT)
@json_option
@click.pass_obj
@guarded
def glossary_stats(state: State, as_json: bool) -> None:
    """Count concepts, forms, concepts per domain, and how many name a source.

    \b
    Example:
      npt-gloss glossary stats --json
    """
    from npt_gloss.index import CONCEPT_FIELDS

    index = state.index
    domains: dict[str, int] = {}
    domain_field, source_field = CONCEPT_FIELDS.index("domain"), CONCEPT_FIELDS.index("source")
    sourced = 0
    for row in index.concepts:
        domain = row[domain_field] or "(none)"
        domains[domain] = domains.get(domain, 0) + 1
        sourced += bool(row[source_field])
    occurring = len(_occurring(state) or ())
    data = {
        "concepts": len(index.concepts),
        "forms": len(index.forms),
        "in_documents": occurring,
        "documents": len(index.documents),
        "with_source": sourced,
        "domains": dict(sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    if as_json:
        output(True).json(data)
        return
    lines = [
        [
            (
                f"{data['concepts']} concepts, {data['forms']} forms; {occurring} occur in "
                f"{data['documents']} document(s)",
                "title",
            )
        ],
        [(f"{sourced} name a source ({_percent(sourced, len(index.concepts))})", "dim")],
    ]
    lines += [
        [(f"  {count:>4}  ", "num"), (domain, "")] for domain, count in data["domains"].items()
    ]
    output(False).lines(lines)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0%"


@glossary.command("coverage", context_settings=CONTEXT)
@click.option(
    "--candidates",
    default=20,
    show_default=True,
    type=click.IntRange(0, 500),
    help="How many candidate terms missing from the glossary to list.",
)
@doc_option
@json_option
@click.pass_obj
@guarded
def glossary_coverage(state: State, candidates: int, doc_id: str | None, as_json: bool) -> None:
    """Which concepts occur in the documents, where, and what the glossary lacks.

    \b
    Examples:
      npt-gloss glossary coverage
      npt-gloss glossary coverage --candidates 50 --json
    """
    from npt_gloss.coverage import coverage_report

    index = state.index
    position = state.document(doc_id)[0] if doc_id else None
    report = coverage_report(index, position, candidates)
    if as_json:
        output(True).json(report)
        return
    lines = [[(f"{len(report['concepts'])} concepts occur", "title")]]
    for row in report["concepts"]:
        paras = ", ".join(str(p) for p in row["paragraphs"])
        lines.append(
            [
                (f"  {row['count']:>3}  ", "num"),
                (f"{row['en']} / {row['zh']}", ""),
                (f"  ¶ {paras}", "dim"),
            ]
        )
    if report["candidates"]:
        lines.append([])
        lines.append([("candidate terms not in the glossary (frequency):", "title")])
        for row in report["candidates"]:
            lines.append([(f"  {row['count']:>3}  ", "num"), (row["text"], "")])
    output(False).lines(lines)


@glossary.command("export", context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "tsv", "tbx", "tbx2", "xlsx"]),
    default="csv",
    show_default=True,
    help="csv: every field, a row per concept; tsv: OmegaT glossary (source, target, comment); "
    "tbx: TBX-Basic (ISO 30042:2019); tbx2: the older martif TBX; xlsx: an Excel workbook for "
    "memoQ or Trados (needs -o and the 'xlsx' extra), e.g. --format xlsx -o glossary.xlsx.",
)
@click.option(
    "--from",
    "source",
    type=click.Choice(["en", "zh"]),
    default="en",
    show_default=True,
    help="With tsv: the source language.",
)
@click.option(
    "--doc",
    "doc_id",
    metavar="ID",
    help="Only the concepts that occur in this document, with their paragraphs (csv, xlsx).",
)
@click.option(
    "-o",
    "--output",
    "target",
    metavar="PATH",
    help="Write to PATH (default: stdout; xlsx must be written to a file).",
)
@click.pass_obj
@guarded
def glossary_export(
    state: State, fmt: str, source: str, doc_id: str | None, target: str | None
) -> None:
    """Write the glossary for a spreadsheet or a CAT tool; with --doc, a document's termlist.

    \b
    Examples:
      npt-gloss glossary export > glossary.csv
      npt-gloss glossary export --doc ru-wp-shared-responsibility -o termlist.csv
      npt-gloss glossary export --format tsv --from zh -o omegat-glossary.txt
      npt-gloss glossary export --format tbx -o npt-gloss.tbx
      npt-gloss glossary export --format xlsx -o npt-gloss.xlsx
    """
    from npt_gloss.formats.tabular import to_csv, to_omegat
    from npt_gloss.formats.tbx import to_tbx
    from npt_gloss.textio import write_atomic

    if fmt == "xlsx" and target is None:
        raise UsageError(
            "--format xlsx writes a binary workbook, not text: give a file with -o, "
            "e.g. -o glossary.xlsx"
        )
    index = state.index
    paragraphs = None
    if doc_id is not None:
        state.document(doc_id)  # validates the id
        paragraphs = _paragraphs_in(index, doc_id)
        concepts = [c for c in map(index.concept, range(len(index.concepts))) if c.id in paragraphs]
    else:
        concepts = [index.concept(c) for c in range(len(index.concepts))]
    text: str | bytes
    if fmt == "xlsx":
        from npt_gloss.formats.xlsx import to_xlsx

        text = to_xlsx(concepts, paragraphs)
    elif fmt == "csv":
        text = to_csv(concepts, paragraphs)
    elif fmt == "tsv":
        text = to_omegat(concepts, source)
    else:
        text = to_tbx(concepts, fmt)
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomic(target, text)


def _paragraphs_in(index: Any, doc_id: str) -> dict[str, str]:
    """Concept id → "3, 5, 17": the paragraphs of one document that mention it, as find
    and lookup count them."""
    found = {}
    for c_index in range(len(index.concepts)):
        numbers = index.paragraphs_by_doc(c_index).get(doc_id)
        if numbers:
            found[index.concepts[c_index][0]] = ", ".join(map(str, numbers))
    return found


@glossary.command("import", context_settings=CONTEXT)
@click.argument("source", metavar="PATH")
@click.option("-o", "--output", "target", metavar="PATH", help="Write to PATH (default: stdout).")
@click.option(
    "--merge",
    is_flag=True,
    help="Add the imported concepts to the current glossary instead of writing them alone: a "
    "concept with the same id or the same preferred English or Chinese term gains the forms it "
    "lacks, others are appended; differing preferred terms are reported, never overwritten. "
    "E.g. --merge -o merged.toml",
)
@click.pass_obj
@guarded
def glossary_import(state: State, source: str, target: str | None, merge: bool) -> None:
    """Read a termbase (TBX or martif, XLSX, CSV or TSV with a header row) into the glossary
    format. What TBX data categories the glossary has no field for are kept in notes.

    \b
    Examples:
      npt-gloss glossary import colleague.tbx -o colleague.toml
      npt-gloss glossary import terms.xlsx -o terms.toml
      npt-gloss glossary import my-terms.csv --merge -o glossary.toml
    """
    from npt_gloss.formats.reading import read_termbase
    from npt_gloss.formats.toml_out import to_toml
    from npt_gloss.render import safe_line
    from npt_gloss.textio import write_atomic

    termbase = read_termbase(source)
    notes = [termbase.kept_summary()] if termbase.kept else []
    if merge:
        concepts, lines = _merge(state, source, termbase.concepts)
        notes += lines
        header = f"npt-gloss glossary: {state.glossary} with {source} merged in"
    else:
        concepts = termbase.concepts
        header = f"npt-gloss glossary imported from {source}"
    text = to_toml(concepts, header)
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomic(target, text)
    for line in notes:
        click.echo(f"npt-gloss: {safe_line(line)}", err=True)


def _merge(state: State, source: str, imported: list[Any]) -> tuple[list[Any], list[str]]:
    from pathlib import Path

    from npt_gloss.formats.merge import merge_concepts, report_lines
    from npt_gloss.glossary import load_glossary
    from npt_gloss.normalize import term_key

    t2s = _t2s_for_check(state)
    merged = merge_concepts(load_glossary(state.glossary), imported, lambda s: term_key(s, t2s))
    return merged.concepts, report_lines(merged, Path(source).name)
