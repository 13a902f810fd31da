"""Entry point for ``python -m npt_gloss``."""

from npt_gloss.cli import main

main()
