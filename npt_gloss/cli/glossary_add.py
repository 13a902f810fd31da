"""`npt-gloss glossary add`: one entry into your own glossary (or another file), checked and
written atomically; asked for on a terminal when the command line leaves out a term."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from npt_gloss.cli.app import CONTEXT, EXIT_INTERRUPTED, State, fail, guarded, warn
from npt_gloss.cli.glossary import glossary
from npt_gloss.errors import NptGlossError, UsageError

# (option, field, help): the list fields, each option repeatable.
_LIST_OPTIONS = (
    ("--en-variant", "en_variants", "An admitted English form (repeatable)."),
    ("--zh-variant", "zh_variants", "An admitted Chinese form (repeatable)."),
    ("--abbr", "abbr", "An abbreviation, either language (repeatable)."),
    ("--en-deprecated", "en_deprecated", "An English form to avoid (repeatable)."),
    ("--zh-deprecated", "zh_deprecated", "A Chinese form to avoid (repeatable)."),
    ("--see", "see", "The id of a related concept (repeatable)."),
)
_METAVARS = {"see": "ID"}
_TEXT_OPTIONS = (
    ("--pinyin", "pinyin", "Pinyin of the Chinese term (derived when left out)."),
    ("--domain", "domain", "Subject field, one of those 'glossary check' knows (e.g. npt)."),
    ("--definition", "definition", "A definition, in English, in your own words."),
    ("--note", "note", "A usage note."),
    ("--source", "source", "Where the rendering is attested (a UN document, a page)."),
)
# Asked for on a terminal when missing, after the terms and the id; Enter leaves them out.
_ASKED = (("definition", "Definition"), ("note", "Note"), ("source", "Source"))


def _on_terminal() -> bool:
    """Whether there is someone to ask (standard input is a terminal)."""
    return sys.stdin.isatty()


def _with_options(command: click.Command) -> click.Command:
    for flag, field, help_text in reversed(_TEXT_OPTIONS):
        command = click.option(flag, field, metavar="TEXT", help=help_text)(command)
    for flag, field, help_text in reversed(_LIST_OPTIONS):
        metavar = _METAVARS.get(field, "FORM")
        command = click.option(flag, field, metavar=metavar, multiple=True, help=help_text)(command)
    return command


@glossary.command("add", context_settings=CONTEXT)
@click.option(
    "--id", "term_id", metavar="ID", help="The concept's id (default: derived from --en)."
)
@click.option("--en", metavar="TERM", help="The preferred English term.")
@click.option("--zh", metavar="TERM", help="The preferred Chinese term.")
@_with_options
@click.option(
    "--to",
    "target",
    metavar="PATH",
    help="Write to this glossary file instead of your own (created when absent).",
)
@click.option("--replace", is_flag=True, help="Replace the entry with the same id in that file.")
@click.pass_obj
@guarded
def glossary_add(
    state: State, term_id: str | None, en: str | None, zh: str | None, target: str | None,
    replace: bool, **fields: str | Sequence[str] | None,
) -> None:  # fmt: skip
    """Add a term to your own glossary, which is read after the shipped one.

    The entry is checked as 'glossary check' would, then appended to the file (its other
    entries and comments stay as they are); the write is atomic. An id already in the file
    is refused unless --replace. An id of the shipped glossary is allowed: your entry then
    replaces that concept, whole. On a terminal, missing terms are asked for; elsewhere
    they are an error. Your glossary is NPT_GLOSS_CONFIG/glossary.toml (default: the user
    config folder, e.g. ~/.config/npt-gloss/glossary.toml).

    \b
    Examples:
      npt-gloss glossary add --en "zebra crossing" --zh 斑马线
      npt-gloss glossary add --en "fissile material" --zh 裂变材料 --zh-variant 易裂变材料 \\
          --domain fuel-cycle --source "my notes"
      npt-gloss glossary add --id strategic-stability --en "strategic stability" \\
          --zh 战略稳定 --replace
      npt-gloss glossary add --to team.toml        (asks for the terms)
    """
    from npt_gloss import paths
    from npt_gloss.glossary_file import add_entry, check_entry
    from npt_gloss.models import Concept

    en, zh = _clean(en), _clean(zh)
    values = {name: _cleaned(value) for name, value in fields.items()}
    if en and zh:
        term_id = _clean(term_id) or _derived_id(en)
    elif _on_terminal():
        try:
            en, zh, term_id = _asked(en, zh, _clean(term_id), values)
        except click.exceptions.Abort:  # Ctrl-C or Ctrl-D at a prompt
            fail("stopped; nothing written", EXIT_INTERRUPTED)
    else:
        missing = [f"--{name}" for name, value in (("en", en), ("zh", zh)) if not value]
        raise UsageError(
            f"missing {' and '.join(missing)}; give {'them' if len(missing) > 1 else 'it'}, "
            "or run on a terminal to be asked"
        )
    concept = Concept(id=term_id, en=en, zh=zh, **values)  # type: ignore[arg-type]
    path = Path(target) if target else paths.user_glossary_path()
    check_entry(concept, _known_ids(state, path) if concept.see else ())
    added = add_entry(path, concept, replace=replace)
    verb = "replaced" if added.replaced else "added"
    where = "in" if added.replaced else "to"
    click.echo(f"{verb} '{concept.id}' {where} {path} (line {added.line})")
    earlier = _earlier_file_with(state, path, concept.id)
    if earlier is not None and not added.replaced:
        name = "the shipped glossary" if earlier == paths.SHIPPED_LABEL else earlier
        warn(f"'{concept.id}' is also in {name}: your entry replaces that concept, whole")


def _derived_id(en: str) -> str:
    from npt_gloss.glossary_file import derive_id

    derived = derive_id(en)
    if not derived:
        raise UsageError(f"cannot derive an id from '{en}'; give one with --id")
    return derived


def _asked(en: str, zh: str, term_id: str, values: dict[str, Any]) -> tuple[str, str, str]:
    """The terms and the id, asked for where missing (the id suggested from the English),
    then the definition, note and source where missing (Enter leaves one out; ``values``
    is filled in)."""
    from npt_gloss.glossary_file import derive_id

    en = en or _ask("English term (en)")
    zh = zh or _ask("Chinese term (zh)")
    term_id = term_id or _ask("id", default=derive_id(en) or None)
    for name, prompt in _ASKED:
        if not values[name]:
            values[name] = click.prompt(prompt, default="", show_default=False).strip()
    return en, zh, term_id


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _cleaned(value: str | Sequence[str] | None) -> str | tuple[str, ...]:
    if value is None or isinstance(value, str):
        return _clean(value)
    return tuple(item.strip() for item in value)


def _ask(prompt: str, default: str | None = None) -> str:
    def required(text: str) -> str:
        if not text.strip():
            raise click.BadParameter("this cannot be empty")
        return text.strip()

    return str(click.prompt(prompt, default=default, value_proc=required))


def _known_ids(state: State, path: Path) -> set[str]:
    """The ids 'see' may name: those of every loaded glossary and of the target file."""
    from npt_gloss.glossary import declared_ids
    from npt_gloss.textio import read_text

    known: set[str] = set()
    for source in {*state.glossaries, path}:
        if source.is_file():
            known |= declared_ids(read_text(source))
    return known


def _earlier_file_with(state: State, path: Path, term_id: str) -> str | None:
    """The name of a glossary read before ``path`` that has ``term_id`` (whose concept the
    new entry therefore replaces); None also when ``path`` is not read at all."""
    from npt_gloss import paths
    from npt_gloss.glossary import declared_ids
    from npt_gloss.textio import read_text

    order = [p.resolve() for p in state.glossaries]
    user = paths.user_glossary_path().resolve()
    if user not in order:
        order.append(user)  # just created: read last from now on
    if path.resolve() not in order:
        return None
    for source in order[: order.index(path.resolve())]:
        try:
            if source.is_file() and term_id in declared_ids(read_text(source)):
                return paths.glossary_label(source)
        except NptGlossError:
            continue  # the entry is written: a file that cannot be read only loses the note
    return None
