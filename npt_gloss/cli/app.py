"""The root of the command line: the group, the shared state and options, errors and exits.

Each command group has a module of its own beside this one; this module holds what they
share. The command line as a whole is a thin click layer that parses options, calls the
library and renders.

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
from typing import Any, ClassVar

import click

from npt_gloss import __version__
from npt_gloss.errors import NptGlossError, UsageError
from npt_gloss.models import VERSION_LANGS

EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class State:
    """Options shared by every command, and the index opened lazily once."""

    def __init__(self, glossary: Sequence[str] | str | None, text: str | None) -> None:
        from npt_gloss import paths

        given = [glossary] if isinstance(glossary, str) else list(glossary or ())
        # Every glossary file, earliest first: the base (--glossary, else the environment,
        # else the shipped one), then the user glossary when it exists.
        self.glossaries: tuple[Path, ...] = paths.glossary_files(given)
        self.text = paths.text_path(text)
        self._index: Any = None

    @property
    def index(self) -> Any:
        if self._index is None:
            from npt_gloss import paths
            from npt_gloss.index import open_index

            labels = [paths.glossary_label(path) for path in self.glossaries]
            self._index = open_index(self.glossaries, self.text, paths.cache_dir(), labels)
        return self._index

    def document(self, doc_id: str | None) -> tuple[int, Any]:
        """The document to act on: ``--doc`` or the only one there is (in its own language;
        its language versions are :meth:`version`)."""
        index = self.index
        ids = index.document_ids()
        if doc_id is None:
            if len(ids) == 1:
                return 0, index.document(0)
            raise UsageError(
                f"{len(ids)} documents are loaded; choose one with --doc",
                hint="documents: " + ", ".join(ids),
            )
        if doc_id not in ids:
            raise UsageError(f"unknown document '{doc_id}'", hint="documents: " + ", ".join(ids))
        position = index.doc_index(doc_id)
        return position, index.document(position)

    def version(self, doc_id: str | None, lang: str | None) -> tuple[int, Any]:
        """The document's version in ``lang`` (the document itself when ``lang`` is None or
        its own language); a language it lacks is a usage error listing those it has."""
        position, doc = self.document(doc_id)
        if lang is None:
            return position, doc
        versions = self.index.versions(doc.id)
        if lang not in versions:
            raise UsageError(
                f"document '{doc.id}' has no {lang} version",
                hint="languages: " + ", ".join(versions),
            )
        return versions[lang], self.index.document(versions[lang])

    def citable(self, doc_id: str | None, style: str, lang: str | None) -> Any:
        """The document's metadata as a citation in ``style`` and ``lang`` gives it: with the
        official title of its version in the citation's language, when there is one."""
        from npt_gloss.cite import citation_lang, with_version_title

        versions = self.versions(doc_id)
        metas = [doc.meta for doc in versions]
        return with_version_title(metas[0], metas[1:], citation_lang(style, lang))

    def versions(self, doc_id: str | None) -> list[Any]:
        """The document and its language versions, the document first."""
        _, doc = self.document(doc_id)
        return [self.index.document(p) for p in self.index.versions(doc.id).values()]


def warn(message: str) -> None:
    """One line on stderr that does not stop the command."""
    from npt_gloss.render import safe_line

    click.echo(f"npt-gloss: warning: {safe_line(message)}", err=True)


def fail(message: str, code: int = EXIT_ERROR) -> None:
    from npt_gloss.render import safe_line

    click.echo(f"npt-gloss: {safe_line(message)}", err=True)
    raise SystemExit(code)


class Group(click.Group):
    """Click's own usage errors quote what was typed: escape it like every other output.
    Also the short aliases of some commands (``i`` for ``interactive``)."""

    ALIASES: ClassVar[dict[str, str]] = {"i": "interactive"}

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, self.ALIASES.get(cmd_name, cmd_name))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else name), command, rest

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


def lang_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--lang LANG``: one of the UN's six languages (a document's version in it)."""
    return click.option(
        "--lang",
        "lang",
        type=click.Choice(VERSION_LANGS),
        default=None,
        metavar="LANG",
        help=help_text,
    )


def output(as_json: bool) -> Any:
    from npt_gloss.render import Output

    return Output.choose(as_json)


def nothing_found(query: str, close: Sequence[str]) -> None:
    message = f"nothing found for '{query[:80]}'"
    if close:
        message += "; did you mean: " + " | ".join(close) + "?"
    fail(message, EXIT_NOTHING)


# ---------------------------------------------------------------- the group


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="npt-gloss")
@click.option(
    "--glossary",
    metavar="PATH",
    multiple=True,
    help="Glossary TOML file, instead of the shipped glossary.toml; repeat it to lay files "
    "over each other (a later file's entry replaces an earlier one with the same id), e.g. "
    "--glossary base.toml --glossary team.toml [env NPT_GLOSS_GLOSSARY, paths separated by "
    f"'{os.pathsep}']. Your own glossary (see 'glossary add') is laid over them all.",
)
@click.option(
    "--text",
    metavar="DIR",
    envvar="NPT_GLOSS_TEXT",
    help="Folder of documents [env NPT_GLOSS_TEXT; default: the shipped text/].",
)
@click.pass_context
def cli(ctx: click.Context, glossary: tuple[str, ...], text: str | None) -> None:
    """Bilingual (Chinese–English) arms-control glossary, finder and citation tool.

    \b
    Examples:
      npt-gloss lookup "strategic stability"
      npt-gloss find 核国家
      npt-gloss show 17
      npt-gloss cite 3 5-7 --style chicago

    Exit codes: 0 found, 1 nothing found, 2 bad usage or data, 130 interrupted.
    The cache lives in NPT_GLOSS_CACHE (default: the user cache folder); your own glossary
    in NPT_GLOSS_CONFIG/glossary.toml (default: the user config folder).
    """
    ctx.obj = State(glossary, text)


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
