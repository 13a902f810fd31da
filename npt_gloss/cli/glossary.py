"""`npt-gloss glossary check|stats|coverage`: the glossary's lint, counts and coverage."""

from __future__ import annotations

from pathlib import Path
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
    """Check and describe the glossary; add to your own.

    \b
    Examples:
      npt-gloss glossary check
      npt-gloss glossary stats
      npt-gloss glossary coverage
      npt-gloss glossary add --en "zebra crossing" --zh 斑马线
    """


@glossary.command("check", context_settings=CONTEXT)
@click.option("--info", is_flag=True, help="Also list info-level findings.")
@json_option
@click.pass_obj
@guarded
def glossary_check(state: State, info: bool, as_json: bool) -> None:
    """Lint the glossary: schema errors with file:line, clashes, gaps.

    With several glossary files (--glossary given more than once, or your own glossary laid
    over the shipped one), each file is checked on its own and summed up on its own line;
    'see' may name an id of any of them. Exit 0 when there are no errors or warnings, 2
    otherwise.

    \b
    Examples:
      npt-gloss --glossary my.toml glossary check
      npt-gloss --glossary base.toml --glossary team.toml glossary check --json
    """
    from npt_gloss.glossary import check_glossary, declared_ids
    from npt_gloss.normalize import term_key

    t2s = _t2s_for_check(state)
    common = None
    if info:
        from npt_gloss.mentions import is_common_word as common
    occurring = _occurring(state)
    texts = _texts(state)
    reports = []
    for path, text in texts.items():
        others = {i for other, t in texts.items() if other != path for i in declared_ids(t)}
        problems = check_glossary(
            text, path, lambda s: term_key(s, t2s), occurring, common, known_ids=others
        )
        reports.append((path, problems, _counts(problems)))
    counts = {level: sum(r[2][level] for r in reports) for level in LEVELS}
    if as_json:
        output(True).json(_check_json(reports, counts, info))
    else:
        lines = [
            [(f"{path}:{p.line}: {p.level}: ", "dim"), (p.message, "")]
            for path, problems, _ in reports
            for p in problems
            if info or p.level != "info"
        ]
        if len(reports) > 1:
            lines += [[(f"{path}: {_summary(each)}", "dim")] for path, _, each in reports]
            lines.append([(f"all {len(reports)} files: {_summary(counts)}", "dim")])
        else:
            lines.append([(_summary(counts), "dim")])
        output(False).lines(lines)
    if counts["error"] or counts["warning"]:
        raise SystemExit(EXIT_ERROR)


LEVELS = ("error", "warning", "info")


def _texts(state: State) -> dict[Path, str]:
    from npt_gloss.textio import read_text

    return {path: read_text(path) for path in state.glossaries}


def _counts(problems: list[Any]) -> dict[str, int]:
    return {level: sum(p.level == level for p in problems) for level in LEVELS}


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {level}(s)" for level, n in counts.items())


def _check_json(reports: list[Any], counts: dict[str, int], info: bool) -> dict[str, Any]:
    """One file: {"file", "counts", "problems"} as ever. Several: the same keys for the first
    file's place in scripts that read them (``counts`` summed, ``problems`` of every file,
    each naming its ``file``), and ``files``, one such object per file."""
    per_file = [
        {
            "file": str(path),
            "counts": each,
            "problems": [vars(p) for p in problems if info or p.level != "info"],
        }
        for path, problems, each in reports
    ]
    if len(per_file) == 1:
        return per_file[0]
    return {
        "file": per_file[0]["file"],
        "counts": counts,
        "problems": [{**p, "file": f["file"]} for f in per_file for p in f["problems"]],
        "files": per_file,
    }


def _t2s_for_check(state: State) -> dict[str, str]:
    try:
        return state.index.t2s
    except NptGlossError:
        from npt_gloss.build import build_t2s

        return build_t2s()


def _occurring(state: State) -> set[str] | None:
    """The ids of the concepts some form of which stands in some text, everyday forms
    included: check --info's "no form occurs in any document" is about forms, not about
    counted mentions (those are :meth:`Index.mentions`)."""
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
    occurring = sum(1 for c in range(len(index.concepts)) if index.mentions(c))
    data: dict[str, Any] = {
        "concepts": len(index.concepts),
        "forms": len(index.forms),
        "in_documents": occurring,
        "documents": len(index.document_ids()),  # a document's language versions count once
        "with_source": sourced,
        "domains": dict(sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    layers = index.glossary_counts()
    if len(layers) > 1:
        data["files"] = layers
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
    if len(layers) > 1:
        lines.append([(f"from {len(layers)} glossary files:", "dim")])
        lines += [
            [
                (f"  {layer['concepts']:>4}  ", "num"),
                (layer["file"], ""),
                (f"  ({layer['overrides']} replacing an earlier file's)", "dim")
                if layer["overrides"]
                else ("", ""),
            ]
            for layer in layers
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
    texts = set(index.versions(state.document(doc_id)[1].id).values()) if doc_id else None
    report = coverage_report(index, texts, candidates)
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
    type=click.Choice(["csv", "tsv", "tbx", "tbx2", "xlsx", "stardict"]),
    default="csv",
    show_default=True,
    help="csv: every field, a row per concept; tsv: OmegaT glossary (source, target, comment); "
    "tbx: TBX-Basic (ISO 30042:2019); tbx2: the older martif TBX; xlsx: an Excel workbook for "
    "memoQ or Trados (needs -o and the 'xlsx' extra), e.g. --format xlsx -o glossary.xlsx; "
    "stardict: a dictionary for GoldenDict and sdcv (needs -o DIR or -o BASENAME).",
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
    help="Write to PATH (default: stdout; xlsx must be written to a file). With stardict: a "
    "folder (files named npt-gloss.*) or a base name (PATH.ifo, PATH.idx, PATH.syn, PATH.dict).",
)
@click.pass_obj
@guarded
def glossary_export(
    state: State, fmt: str, source: str, doc_id: str | None, target: str | None
) -> None:
    """Write the glossary for a spreadsheet, a CAT tool or a dictionary app; with --doc, a
    document's termlist.

    \b
    Examples:
      npt-gloss glossary export > glossary.csv
      npt-gloss glossary export --doc ru-wp-shared-responsibility -o termlist.csv
      npt-gloss glossary export --format tsv --from zh -o omegat-glossary.txt
      npt-gloss glossary export --format tbx -o npt-gloss.tbx
      npt-gloss glossary export --format xlsx -o npt-gloss.xlsx
      npt-gloss glossary export --format stardict -o ~/.stardict/dic/npt-gloss/
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
    if fmt == "stardict":
        _write_stardict(concepts, target)
        return
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


def _write_stardict(concepts: list[Any], target: str | None) -> None:
    """The dictionary's files beside one another; the .ifo last, as readers look for it."""
    import os
    from pathlib import Path

    from npt_gloss.cli.app import warn
    from npt_gloss.errors import UsageError
    from npt_gloss.formats.stardict import SUFFIXES, to_stardict
    from npt_gloss.textio import write_atomic

    if not target:
        raise UsageError(
            "stardict writes several files: name a folder or a base name with -o",
            hint="npt-gloss glossary export --format stardict -o npt-gloss-dict/",
        )
    base = Path(target)
    if target.endswith(("/", os.sep)) or base.is_dir():
        base.mkdir(parents=True, exist_ok=True)
        base = base / "npt-gloss"
    elif base.suffix.lower() in SUFFIXES:
        base = base.with_suffix("")
    book = to_stardict(concepts, f"{len(concepts)} concepts of the npt-gloss glossary")
    for suffix in (".dict", ".idx", ".syn", ".ifo"):
        if suffix in book.files:
            write_atomic(f"{base}{suffix}", book.files[suffix])
    if book.too_long:
        warn(f"{len(book.too_long)} form(s) over 255 bytes left out of the headwords")
    click.echo(f"{base}.ifo: {book.entries} entries, {book.synonyms} further forms", err=True)


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
    help="Merge the imported concepts into the glossary as loaded (every --glossary file or "
    "NPT_GLOSS_GLOSSARY path, then your own glossary, laid over one another as lookup sees "
    "them) and write the whole result to -o or stdout (a loaded file changes only when -o "
    "names it). A concept with the same id or the same preferred English or Chinese term "
    "gains the forms it lacks, others are appended; differing preferred terms are reported, "
    "never overwritten. "
    "E.g. npt-gloss --glossary team.toml glossary import theirs.csv --merge -o merged.toml",
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
      npt-gloss --glossary team.toml glossary import theirs.tbx --merge -o team-merged.toml
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
        loaded = ", ".join(str(path) for path in state.glossaries)
        header = f"npt-gloss glossary: {loaded} with {source} merged in"
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
    if merge and target is not None:
        _warn_if_a_layer(state, target)


def _warn_if_a_layer(state: State, target: str) -> None:
    """Written over one of several loaded files, the merge leaves that file holding every
    file's concepts (the shipped ones too): say so, since the file's own entries are no
    longer told apart from the others'."""
    from npt_gloss.cli.app import warn
    from npt_gloss.paths import _same_file

    count = len(state.glossaries)
    if count > 1 and any(_same_file(Path(target), path) for path in state.glossaries):
        warn(
            f"{target} was one of the {count} glossary files loaded; it now holds the "
            "concepts of all of them"
        )


def _merge(state: State, source: str, imported: list[Any]) -> tuple[list[Any], list[str]]:
    """The glossary as loaded (every file, laid over one another as lookup sees them) with
    ``imported`` merged in, and the report lines."""
    from pathlib import Path

    from npt_gloss.formats.merge import merge_concepts, report_lines
    from npt_gloss.glossary import load_glossaries
    from npt_gloss.normalize import term_key

    t2s = _t2s_for_check(state)
    current = load_glossaries(state.glossaries).concepts
    merged = merge_concepts(current, imported, lambda s: term_key(s, t2s))
    return merged.concepts, report_lines(merged, Path(source).name)
