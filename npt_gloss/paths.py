"""Where the data and the cache live.

The shipped ``glossary.toml`` and ``text/`` sit at the repository's top level; a wheel carries
copies under ``npt_gloss/data/``. Resolution order for each: the command-line option, the
environment variable, the wheel's copy, the checkout's copy — so a wheel install, an editable
install and a checkout behave the same.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
GLOSSARY_ENV = "NPT_GLOSS_GLOSSARY"
TEXT_ENV = "NPT_GLOSS_TEXT"
CACHE_ENV = "NPT_GLOSS_CACHE"
DATA_ENV = "NPT_GLOSS_DATA"


def shipped(name: str) -> Path:
    """The shipped data file or folder ``name`` (``glossary.toml`` or ``text``)."""
    in_wheel = PACKAGE_DIR / "data" / name
    if in_wheel.exists():
        return in_wheel
    return PACKAGE_DIR.parent / name


def glossary_path(option: str | os.PathLike[str] | None = None) -> Path:
    chosen = option or os.environ.get(GLOSSARY_ENV)
    return Path(chosen) if chosen else shipped("glossary.toml")


def text_path(option: str | os.PathLike[str] | None = None) -> Path:
    chosen = option or os.environ.get(TEXT_ENV)
    return Path(chosen) if chosen else shipped("text")


def data_dir() -> Path:
    """The user data folder (the live lookup's history): ``NPT_GLOSS_DATA`` or the platform's."""
    chosen = os.environ.get(DATA_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_data_dir("npt-gloss", appauthor=False))


def cache_dir() -> Path:
    """The cache folder: ``NPT_GLOSS_CACHE`` or the platform's user cache folder."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    if sys.platform.startswith("linux"):
        # platformdirs gives the same answer here; skipping its import saves start-up time.
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "npt-gloss"
    import platformdirs

    return Path(platformdirs.user_cache_dir("npt-gloss", appauthor=False))
