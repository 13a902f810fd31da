"""The command line: a thin click layer that parses options, calls the library and renders.

Library errors (:class:`NptGlossError`) become one line on stderr and exit 2; "nothing found"
is exit 1 with suggestions; Ctrl-C is 130; a closed pipe ends quietly. No traceback reaches
the user (set NPT_GLOSS_DEBUG=1 to see one while developing).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import click

from npt_gloss import __version__
from npt_gloss.errors import NptGlossError, UsageError

EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class State:
    """Options shared by every command, and the index opened lazily once."""

    def __init__(self, glossary: str | None, text: str | None) -> None:
        from npt_gloss import paths

        self.glossary = paths.glossary_path(glossary)
        self.text = paths.text_path(text)
        self._index: Any = None

    @property
    def index(self) -> Any:
        if self._index is None:
            from npt_gloss import paths
            from npt_gloss.index import open_index

            self._index = open_index(self.glossary, self.text, paths.cache_dir())
        return self._index

    def document(self, doc_id: str | None) -> tuple[int, Any]:
        """The document to act on: ``--doc`` or the only one there is."""
        index = self.index
        ids = [d["meta"]["id"] for d in index.documents]
        if doc_id is None:
            if len(ids) == 1:
                return 0, index.document(0)
            raise UsageError(
                f"{len(ids)} documents are loaded; choose one with --doc",
                hint="documents: " + ", ".join(ids),
            )
        if doc_id not in ids:
            raise UsageError(f"unknown document '{doc_id}'", hint="documents: " + ", ".join(ids))
        position = ids.index(doc_id)
        return position, index.document(position)


def fail(message: str, code: int = EXIT_ERROR) -> None:
    from npt_gloss.render import safe_line

    click.echo(f"npt-gloss: {safe_line(message)}", err=True)
    raise SystemExit(code)


class Group(click.Group):
    """Click's own usage errors quote what was typed: escape it like every other output."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise _escaped(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _escaped(exc) from None


def _escaped(exc: click.ClickException) -> click.ClickException:
    from npt_gloss.render import safe_line

    exc.message = safe_line(exc.message)
    return exc


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into one clear line and the contract's exit codes."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except NptGlossError as exc:
            fail(f"error: {exc}")
        except KeyboardInterrupt:
            raise SystemExit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            _quiet_pipe()
        except (SystemExit, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as exc:  # a bug: still no traceback for the user
            if os.environ.get("NPT_GLOSS_DEBUG"):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} (set NPT_GLOSS_DEBUG=1 for details)")

    return run


def _quiet_pipe() -> None:
    # The reader went away (e.g. `| head`): stop without a message and without the
    # interpreter's own complaint when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(EXIT_OK)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--json", "as_json", is_flag=True, help="Print one JSON object (see the contract)."
    )(command)


def doc_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--doc", "doc_id", metavar="ID", help="Document id (default: the only one)."
    )(command)


def output(as_json: bool) -> Any:
    from npt_gloss.render import Output

    return Output.choose(as_json)


# ---------------------------------------------------------------- the group


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="npt-gloss")
@click.option(
    "--glossary",
    metavar="PATH",
    envvar="NPT_GLOSS_GLOSSARY",
    help="Glossary TOML file [env NPT_GLOSS_GLOSSARY; default: the shipped glossary.toml].",
)
@click.option(
    "--text",
    metavar="DIR",
    envvar="NPT_GLOSS_TEXT",
    help="Folder of documents [env NPT_GLOSS_TEXT; default: the shipped text/].",
)
@click.pass_context
def cli(ctx: click.Context, glossary: str | None, text: str | None) -> None:
    """Bilingual (Chinese–English) arms-control glossary, finder and citation tool.

    \b
    Examples:
      npt-gloss lookup "strategic stability"
      npt-gloss find 核国家
      npt-gloss show 17
      npt-gloss cite 3 5-7 --style chicago

    Exit codes: 0 found, 1 nothing found, 2 bad usage or data, 130 interrupted.
    The cache lives in NPT_GLOSS_CACHE (default: the user cache folder).
    """
    ctx.obj = State(glossary, text)


# ---------------------------------------------------------------- show


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


# ---------------------------------------------------------------- lookup


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
        _nothing_found(text, suggestions(index, text))


def _nothing_found(query: str, close: Sequence[str]) -> None:
    message = f"nothing found for '{query[:80]}'"
    if close:
        message += "; did you mean: " + " | ".join(close) + "?"
    fail(message, EXIT_NOTHING)


# ---------------------------------------------------------------- find


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
    "--exact", is_flag=True, help="Search the query as written, without concept expansion."
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
    as_json: bool,
) -> None:
    """Every paragraph that mentions a concept, in either language and any wording.

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
    """
    from npt_gloss import views
    from npt_gloss.find import find as run_find
    from npt_gloss.match import suggestions

    queries, mode = _find_queries(query, any_of, all_of)
    index = state.index
    if doc_id is not None:
        state.document(doc_id)  # validates the id
    result = run_find(
        index, queries, mode=mode, exact=exact, doc=doc_id, direct=direct, everyday=everyday
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
        _nothing_found(" | ".join(queries), suggestions(index, queries[0]))


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
    _, doc = state.document(doc_id or docs[0])
    return format_citation(doc.meta, hit_refs(result.hits, doc.id), style, None)


# ---------------------------------------------------------------- cite


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
    """
    from npt_gloss.refs import parse_refs

    position, doc = state.document(doc_id)
    numbers = parse_refs(refs, len(doc.paragraphs))
    from npt_gloss.cite import STYLE_LANGS, format_citation

    citation = format_citation(doc.meta, numbers, style, lang)
    lang = lang or STYLE_LANGS.get(style, ("en",))[0]
    text = citation
    if quote:
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
    if copy:
        _copy(text)


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


# ---------------------------------------------------------------- ingest


@cli.command(context_settings=CONTEXT)
@click.argument("raw", type=click.Path(path_type=Path))  # read_text names a directory
@click.option(
    "--id", "doc_id", required=True, metavar="ID", help="Document id (also the file name)."
)
@click.option("--title", metavar="TEXT", help="Chinese title (default: from the header lines).")
@click.option("--author", metavar="TEXT", help="Chinese author (default: from '…提交的工作文件').")
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Where to write (default: TEXT_DIR/ID.txt).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--dry-run", is_flag=True, help="Print the document instead of writing it.")
@click.pass_obj
@guarded
def ingest(
    state: State,
    raw: Path,
    doc_id: str,
    title: str | None,
    author: str | None,
    target: Path | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Turn PDF-extracted Chinese text into a numbered document file.

    \b
    Examples:
      npt-gloss ingest paper.raw.txt --id ru-wp-2022 --dry-run | head
      npt-gloss ingest paper.raw.txt --id ru-wp-2022 -o text/ru-wp-2022.txt
    """
    from npt_gloss.corpus import format_document
    from npt_gloss.ingest import ingest_raw
    from npt_gloss.textio import read_text, write_atomic

    document = ingest_raw(
        read_text(raw), doc_id=doc_id, title_zh=title, author_zh=author, source=str(raw)
    )
    text = format_document(document)
    if dry_run:
        click.echo(text, nl=False)
        return
    destination = target or state.text / f"{doc_id}.txt"
    if destination.exists() and not force:
        raise UsageError(f"{destination} exists", hint="use --force to overwrite, or --dry-run")
    write_atomic(destination, text)
    click.echo(f"wrote {destination}: {len(document.paragraphs)} paragraphs", err=True)


# ---------------------------------------------------------------- glossary


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


def _ensure_printable_stdout() -> None:
    """On a non-UTF-8 stdout (LANG=C and the like) show Chinese as escapes, not a crash."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower()
    try:
        "核".encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        try:
            sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            return
        click.echo(
            f"npt-gloss: note: the terminal's encoding ({encoding or 'unknown'}) cannot show "
            "Chinese; set a UTF-8 locale (e.g. LANG=C.UTF-8) or PYTHONIOENCODING=utf-8",
            err=True,
        )


def main() -> None:
    _ensure_printable_stdout()
    try:
        cli.main(prog_name="npt-gloss", standalone_mode=True)
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        _quiet_pipe()
