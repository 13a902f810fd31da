"""`npt-gloss ingest`: a UN document's PDF or extracted text turned into a document file."""

from __future__ import annotations

from pathlib import Path

import click

from npt_gloss.cli.app import (
    CONTEXT,
    State,
    cli,
    guarded,
)
from npt_gloss.errors import UsageError

LANGUAGE_CHOICE = click.Choice(["zh", "en", "fr", "ru", "es", "ar"])


@cli.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))  # the reader names a directory
@click.option(
    "--id", "doc_id", required=True, metavar="ID", help="Document id (also the file name)."
)
@click.option(
    "--lang",
    type=LANGUAGE_CHOICE,
    help="The document's language (default: the masthead's, else the script's).",
)
@click.option("--title", metavar="TEXT", help="Title (default: from the masthead).")
@click.option("--author", metavar="TEXT", help="Author (default: from the masthead).")
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Where to write (default: TEXT_DIR/ID.txt, or TEXT_DIR/ID.LANG.txt for a version).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@click.option("--dry-run", is_flag=True, help="Print the document instead of writing it.")
@click.pass_obj
@guarded
def ingest(
    state: State,
    source: Path,
    doc_id: str,
    lang: str | None,
    title: str | None,
    author: str | None,
    target: Path | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Turn a UN document (PDF or extracted text) into a numbered document file.

    The masthead gives the front matter (symbol, dates, title, author …); the document's
    own paragraph numbers are kept (without them, indented lines start paragraphs); running
    heads, page numbers, job numbers and footnotes stay out of the text. A document in
    another language than TEXT_DIR/ID.txt is written beside it as ID.LANG.txt, and must
    have the same paragraph numbers. A report of what was read goes to stderr.

    \b
    Examples:
      npt-gloss ingest NPT_CONF.2020_WP.12.pdf --id wp12 --dry-run | head -30
      npt-gloss ingest wp12-en.pdf --id wp12        # writes text/wp12.en.txt
      npt-gloss ingest paper.raw.txt --id ru-wp-2022 -o text/ru-wp-2022.txt
    """
    from npt_gloss.corpus import format_document
    from npt_gloss.documents.source import read_source, report
    from npt_gloss.documents.versions import check_loadable, place
    from npt_gloss.textio import write_atomic

    for what, given in (("title", title), ("author", author)):
        if given is not None and any("\ud800" <= c <= "\udfff" for c in given):
            raise UsageError(f"the {what} is not valid text", hint="give it in UTF-8")
    read = read_source(source, doc_id=doc_id, lang=lang, title=title, author=author)
    document = read.reading.document
    if target is None:
        target, document = place(document, state.text, str(source), force=force)
    text = format_document(document)
    if dry_run:
        click.echo(report(read), err=True)
        click.echo(text, nl=False)
        return
    if target.exists() and not force:
        raise UsageError(f"{target} exists", hint="use --force to overwrite, or --dry-run")
    check_loadable(document, str(source))
    write_atomic(target, text)
    # The report comes once all went well: a failure says one line and nothing else.
    click.echo(report(read), err=True)
    click.echo(f"wrote {target}: {len(document.paragraphs)} paragraphs", err=True)
