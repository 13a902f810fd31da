"""The command line, one module per command group (show, lookup, find, cite, ingest,
glossary) over :mod:`npt_gloss.cli.app`, which holds the root group and what they share.

Library errors (:class:`~npt_gloss.errors.NptGlossError`) become one line on stderr and exit
2; "nothing found" is exit 1 with suggestions; Ctrl-C is 130; a closed pipe ends quietly. No
traceback reaches the user (set NPT_GLOSS_DEBUG=1 to see one while developing).
"""

from npt_gloss.cli import (  # noqa: F401 (the modules register their commands)
    check,
    cite,
    find,
    glossary,
    glossary_add,
    ingest,
    interactive,
    lookup,
    show,
)
from npt_gloss.cli.app import cli, main

__all__ = ["cli", "main"]
