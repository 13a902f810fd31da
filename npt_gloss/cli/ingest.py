"""`npt-gloss ingest`: a PDF-extracted raw text turned into a document file."""

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
