"""Where the data, the user's own glossary and the cache live.

The shipped ``glossary.toml`` and ``text/`` sit at the repository's top level; a wheel carries
copies under ``npt_gloss/data/``. Resolution order for each: the command-line option, the
environment variable, the wheel's copy, the checkout's copy — so a wheel install, an editable
install and a checkout behave the same.

Glossaries come in layers (:func:`glossary_files`): the base (the ``--glossary`` files, else
those of ``NPT_GLOSS_GLOSSARY``, else the shipped one), then the user glossary
(``glossary.toml`` in the user config folder) when it exists.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
GLOSSARY_ENV = "NPT_GLOSS_GLOSSARY"
TEXT_ENV = "NPT_GLOSS_TEXT"
CACHE_ENV = "NPT_GLOSS_CACHE"
DATA_ENV = "NPT_GLOSS_DATA"
CONFIG_ENV = "NPT_GLOSS_CONFIG"
USER_GLOSSARY = "glossary.toml"  # its name inside the config folder
SHIPPED_LABEL = "shipped"  # how lookup names the shipped glossary


def shipped(name: str) -> Path:
    """The shipped data file or folder ``name`` (``glossary.toml`` or ``text``)."""
    in_wheel = PACKAGE_DIR / "data" / name
    if in_wheel.exists():
        return in_wheel
    return PACKAGE_DIR.parent / name


def glossary_path(option: str | os.PathLike[str] | None = None) -> Path:
    """The first base glossary (see :func:`glossary_files`)."""
    return base_glossaries([option] if option else ())[0]


def base_glossaries(options: Sequence[str | os.PathLike[str]] = ()) -> tuple[Path, ...]:
    """The glossaries the user glossary is laid over: the ``--glossary`` files in order, else
    the paths in ``NPT_GLOSS_GLOSSARY`` (separated by ``os.pathsep``: ":" on Linux and macOS,
    ";" on Windows), else the shipped glossary. Empty entries are skipped."""
    chosen = [Path(option) for option in options if str(option)]
    if not chosen:
        listed = os.environ.get(GLOSSARY_ENV, "")
        chosen = [Path(part) for part in listed.split(os.pathsep) if part.strip()]
    return tuple(chosen) or (shipped("glossary.toml"),)


def glossary_files(options: Sequence[str | os.PathLike[str]] = ()) -> tuple[Path, ...]:
    """Every glossary to load, earliest first: :func:`base_glossaries`, then the user
    glossary when it exists and is not already among them. A later file's concept replaces
    an earlier one's with the same id."""
    files = base_glossaries(options)
    user = user_glossary_path()
    if user.is_file() and not any(_same_file(user, path) for path in files):
        files = (*files, user)
    return files


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except (OSError, ValueError):  # missing, or no file can have the name (a NUL in it):
        return False  # the index reports it, naming it


def glossary_label(path: Path) -> str:
    """How answers name the file they come from: ``shipped`` for the shipped glossary,
    else the path as given."""
    if _same_file(path, shipped("glossary.toml")):
        return SHIPPED_LABEL
    return str(path)


def config_dir() -> Path:
    """The user config folder: ``NPT_GLOSS_CONFIG`` or the platform's (XDG_CONFIG_HOME or
    ~/.config/npt-gloss on Linux, ~/Library/Application Support/npt-gloss on macOS,
    %APPDATA%\\npt-gloss on Windows)."""
    return _user_dir(CONFIG_ENV, "XDG_CONFIG_HOME", ".config", "user_config_dir", roaming=True)


def user_glossary_path() -> Path:
    """Where the user's own glossary is (whether or not it exists yet)."""
    return config_dir() / USER_GLOSSARY


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
    return _user_dir(CACHE_ENV, "XDG_CACHE_HOME", ".cache", "user_cache_dir")


def _user_dir(env: str, xdg: str, home_folder: str, platform_dir: str, **options: bool) -> Path:
    """``env`` when set; else the XDG rule on Linux; else platformdirs' ``platform_dir``."""
    chosen = os.environ.get(env)
    if chosen:
        return Path(chosen)
    if sys.platform.startswith("linux"):
        # platformdirs gives the same answer here; skipping its import saves start-up time.
        base = os.environ.get(xdg) or str(Path.home() / home_folder)
        return Path(base) / "npt-gloss"
    import platformdirs

    return Path(getattr(platformdirs, platform_dir)("npt-gloss", appauthor=False, **options))
