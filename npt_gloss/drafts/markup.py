"""What the XML draft readers (XLIFF, TMX) share: safe parsing with lxml, and the text of a
segment without its inline codes."""

from __future__ import annotations

from typing import Any

from npt_gloss.errors import DataError


def parse(data: bytes, path: str) -> Any:
    """The root element of the XML in ``data``; malformed XML is bad input naming the line.

    No entity is expanded and nothing is fetched from the network: a draft is data."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml is a dependency of the xml extra
        raise DataError(
            "reading XLIFF and TMX drafts needs lxml", path=path, hint="pip install lxml"
        ) from None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        # lxml's message may run over several lines or end in one; the error is one line.
        lines = (exc.msg or "").strip().splitlines() or ["not well-formed"]
        message = lines[0].split(", line ")[0].strip()
        raise DataError(f"malformed XML: {message}", path=path, line=line) from None


def localname(element: Any) -> str:
    """The tag without its namespace ("" for anything that is no element)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: Any, name: str) -> list[Any]:
    return [child for child in element if localname(child) == name]


def descendants(element: Any, name: str) -> list[Any]:
    return [found for found in element.iter() if localname(found) == name]


def inline_text(element: Any, codes: frozenset[str]) -> str:
    """The element's text with inline markup kept but the native codes (the elements named
    in ``codes``) left out; their tails are text and are kept."""
    parts = [element.text or ""]
    for child in element:
        if localname(child) not in codes:
            parts.append(inline_text(child, codes))
        parts.append(child.tail or "")
    return "".join(parts)
