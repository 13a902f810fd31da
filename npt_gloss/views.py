"""What each command shows: pure functions from results to JSON data or styled lines.

Every function here returns either plain data for ``--json`` (shapes fixed by the contract)
or a list of :data:`npt_gloss.render.Line` for the terminal and pipes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from npt_gloss.index import Index
from npt_gloss.models import Concept, Document, Paragraph
from npt_gloss.render import Line

if TYPE_CHECKING:  # only annotations here: show and cite need not import the matchers
    from npt_gloss.find import FindResult, Hit, Span
    from npt_gloss.match import Match

# ---------------------------------------------------------------- show


def show_lines(
    doc: Document,
    paragraphs: Sequence[Paragraph],
    gloss: dict[int, list[tuple[int, int, str]]] | None = None,
) -> list[Line]:
    """Header, then each paragraph with its number in the margin and its items indented.

    ``gloss`` maps a paragraph number to (start, end, English term) marks to show inline.
    The header gives the title in the text's own language first (a language version's
    title is its own, official one).
    """
    meta = doc.meta
    header: Line = [(own_title(meta) or meta.id, "title")]
    if meta.lang == "en":
        if meta.title.zh:
            header.append((f" — {meta.title.zh}", "dim"))
    elif meta.title.en:
        flag = "" if meta.title_en_official else " (unofficial translation)"
        header.append((f" — {meta.title.en}{flag}", "dim"))
    lines: list[Line] = [header, [(_byline(doc), "dim")], []]
    width = len(str(len(doc.paragraphs)))
    for paragraph in paragraphs:
        marks = (gloss or {}).get(paragraph.number, [])
        lines.extend(_paragraph_lines(paragraph, width, marks))
        lines.append([])
    return lines[:-1] if lines and lines[-1] == [] else lines


def own_title(meta: Any) -> str:
    """The title in the document's own language (``title.fr`` … live in ``extra``)."""
    if meta.lang == "en":
        return str(meta.title.en or meta.title.zh)
    if meta.lang == "zh":
        return str(meta.title.zh)
    others = meta.extra.get("title", {})
    return str(others.get(meta.lang, "") if isinstance(others, dict) else "") or meta.title.zh


def _byline(doc: Document) -> str:
    meta = doc.meta
    author = meta.author.zh if meta.lang == "zh" else meta.author.en or meta.author.zh
    kind = meta.doc_type.zh if meta.lang == "zh" else meta.doc_type.en or meta.doc_type.zh
    parts = [p for p in (author, kind, meta.symbol or None, meta.id) if p]
    return " · ".join(parts)


def _paragraph_lines(
    paragraph: Paragraph, width: int, marks: list[tuple[int, int, str]]
) -> list[Line]:
    return _text_lines(paragraph.text, f"{paragraph.number:>{width}}. ", width + 2, marks)


def _text_lines(
    text: str, margin: str, indent: int, marks: list[tuple[int, int, str]]
) -> list[Line]:
    """A paragraph's text after ``margin``, its items on lines of their own, ``indent``
    spaces in."""
    lead_end = text.find("\n")
    lead_end = len(text) if lead_end == -1 else lead_end
    out: list[Line] = [[(margin, "num"), *_marked(text, 0, lead_end, marks)]]
    position = lead_end
    while position < len(text):
        start = position + 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        # The dash goes into the margin segment so that a wrapped item hangs under its text.
        dash = text[start : start + 2] if text.startswith("– ", start) else ""
        out.append([(" " * indent + dash, "num"), *_marked(text, start + len(dash), end, marks)])
        position = end
    return out


def parallel_lines(versions: Sequence[Document], numbers: Sequence[int]) -> list[Line]:
    """The versions one after the other, paragraph by paragraph, each labelled with its
    language: the form ``show --parallel`` takes in a pipe."""
    lines = parallel_head(versions)
    width = len(str(len(versions[0].paragraphs)))
    for number in numbers:
        lines.append([])
        for rank, doc in enumerate(versions):
            margin = f"{number:>{width}}. " if rank == 0 else " " * (width + 2)
            label = f"[{doc.meta.lang}] "
            text = doc.paragraph(number).text
            lines.extend(_text_lines(text, margin + label, width + 2 + len(label), []))
    return lines


def parallel_head(versions: Sequence[Document]) -> list[Line]:
    """Each version's title labelled with its language, then the byline."""
    head: list[Line] = [
        [(f"[{doc.meta.lang}] ", "num"), (own_title(doc.meta) or doc.id, "title")]
        for doc in versions
    ]
    head.append([(_byline(versions[0]), "dim")])
    return head


def parallel_rows(
    versions: Sequence[Document], numbers: Sequence[int]
) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the side-by-side table: "¶" and one column per language."""
    header = ["¶", *(doc.meta.lang for doc in versions)]
    rows = [[str(n), *(doc.paragraph(n).text for doc in versions)] for n in numbers]
    return header, rows


def parallel_json(versions: Sequence[Document], numbers: Sequence[int]) -> dict[str, Any]:
    """``show --parallel --json``: the document as ``show --json`` has it, its languages,
    each version's own metadata, and per paragraph the text and items in each language."""
    from npt_gloss.corpus import document_to_json

    langs = [doc.meta.lang for doc in versions]
    return {
        "document": document_to_json(versions[0], ())["document"],
        "langs": langs,
        "versions": {doc.meta.lang: document_to_json(doc, ())["document"] for doc in versions},
        "paragraphs": [
            {
                "number": n,
                "text": {doc.meta.lang: doc.paragraph(n).text for doc in versions},
                "items": {doc.meta.lang: list(doc.paragraph(n).items) for doc in versions},
            }
            for n in numbers
        ],
    }


def gloss_marks(index: Index, doc_position: int) -> dict[int, list[tuple[int, int, str]]]:
    """Paragraph → (start, end, term in the other language) for every glossary term in the
    text: the English of a Chinese text, the Chinese of any other (an English version); a
    form that is also an everyday word (决定) gets its gloss with a question mark."""
    marks: dict[int, list[tuple[int, int, str]]] = {}
    column = 1 if index.doc_lang(doc_position) == "zh" else 2  # concepts' en or zh field
    for c_index, rows in enumerate(index.occurrences):
        mine = [row for row in rows if row[0] == doc_position]
        if not mine:
            continue
        english = index.concepts[c_index][column]
        for _doc, para, start, end, form in mine:
            gloss = f"{english}?" if index.is_everyday(c_index, form) else english
            marks.setdefault(para, []).append((start, end, gloss))
    return marks


def glossed_text(text: str, marks: list[tuple[int, int, str]]) -> str:
    """Plain text with each term's English after it: 核裁军[nuclear disarmament]."""
    return "".join(chunk for chunk, _style in _marked(text, 0, len(text), marks))


def _marked(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> Line:
    """Text[start:end] with each mark highlighted and, when it has a gloss, followed by it."""
    segments: Line = []
    cursor = start
    for m_start, m_end, gloss in sorted(marks):
        if m_start < cursor or m_end > end or m_start < start:
            continue
        segments.append((text[cursor:m_start], ""))
        segments.append((text[m_start:m_end], "hl"))
        if gloss:
            segments.append((f"[{gloss}]", "en"))
        cursor = m_end
    segments.append((text[cursor:end], ""))
    return [s for s in segments if s[0]]


# ---------------------------------------------------------------- lookup


def concept_json(index: Index, match: Match) -> dict[str, Any]:
    concept = index.concept(match.concept)
    return {
        "id": concept.id,
        "score": match.score,
        "match": match.how,
        "matched_form": match.form,
        "en": concept.en,
        "zh": concept.zh,
        "pinyin": concept.pinyin,
        "en_variants": list(concept.en_variants),
        "zh_variants": list(concept.zh_variants),
        "abbr": list(concept.abbr),
        "en_deprecated": list(concept.en_deprecated),
        "zh_deprecated": list(concept.zh_deprecated),
        "definition": concept.definition,
        "note": concept.note,
        "domain": concept.domain,
        "source": concept.source,
        "see": list(concept.see),
        "paragraphs": index.paragraphs_by_doc(match.concept),
        "glossary": index.glossary_of(match.concept),
    }


def lookup_json(
    index: Index, query: str, matches: Sequence[Match], more: int = 0
) -> dict[str, Any]:
    data: dict[str, Any] = {"query": query, "results": [concept_json(index, m) for m in matches]}
    if more:
        data["more"] = more
    return data


def lookup_lines(index: Index, matches: Sequence[Match], more: int = 0) -> list[Line]:
    """Each match with its details; ``more`` concepts that also matched are counted at the end."""
    lines: list[Line] = []
    for rank, match in enumerate(matches):
        if rank:
            lines.append([])
        lines.extend(_concept_lines(index, index.concept(match.concept), match))
    if more:
        lines.extend([[], [(f"… and {more} more (raise --limit to see them)", "dim")]])
    return lines


def _concept_lines(index: Index, concept: Concept, match: Match) -> list[Line]:
    how = f"  [{match.how} {match.score:g}" + (
        f": {match.form}]" if match.how not in ("exact",) else "]"
    )
    lines: list[Line] = [
        [
            (concept.en, "en"),
            ("  ", ""),
            (concept.zh, "zh"),
            (f"  {concept.pinyin}", "dim"),
            (how, "how"),
        ]
    ]
    fields = [
        ("variants", "; ".join((*concept.en_variants, *concept.zh_variants))),
        ("abbr", ", ".join(concept.abbr)),
        ("avoid", "; ".join((*concept.en_deprecated, *concept.zh_deprecated))),
        ("domain", concept.domain),
        ("definition", concept.definition),
        ("note", concept.note),
        ("source", concept.source),
        ("see", ", ".join(concept.see)),
        (
            "in paper",
            _paragraph_summary(index.paragraphs_by_doc(match.concept), len(index.document_ids())),
        ),
        # Which file answers, once there is more than one to choose from.
        ("glossary", index.glossary_of(match.concept) if len(index.glossaries) > 1 else ""),
    ]
    for label, value in fields:
        if value:
            lines.append([(f"  {label + ':':<12}", "dim"), (value, "")])
    return lines


def _paragraph_summary(by_doc: dict[str, list[int]], doc_count: int) -> str:
    if not by_doc:
        return ""
    parts = []
    for doc, paras in by_doc.items():
        label = "para. " if len(paras) == 1 else "paras. "
        numbers = ", ".join(str(p) for p in paras)
        parts.append(f"{label}{numbers}" if doc_count == 1 else f"{doc}: {label}{numbers}")
    return "; ".join(parts)


# ---------------------------------------------------------------- find


def find_json(result: FindResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "concepts": list(result.concepts),
        "forms": list(result.forms),
        "literal": result.literal,
        "hits": [_hit_json(hit) for hit in result.hits],
        "possible": [_hit_json(hit) for hit in result.possible],
    }


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "doc": hit.doc,
        "lang": hit.lang,
        "paragraph": hit.paragraph,
        "spans": [_span_json(s) for s in hit.spans],
    }


FORMS_SHOWN = 12  # a search by words can cover dozens of concepts: their forms are cut here


def _listed(forms: Sequence[str], most: int) -> str:
    shown = " · ".join(forms[:most])
    return shown + (f" … (+{len(forms) - most})" if len(forms) > most else "")


def _span_json(span: Span) -> dict[str, Any]:
    found: dict[str, Any] = {
        "start": span.start,
        "end": span.end,
        "form": span.form,
        "concept": span.concept,
    }
    if span.within:
        found["within"] = span.within
    return found


def find_lines(
    index: Index, result: FindResult, *, context: int = 30, full: bool = False
) -> list[Line]:
    searched = ", ".join(result.concepts) if result.concepts else "literal text"
    if result.by_words:
        searched = f"{len(result.concepts)} concept(s) containing '{result.query}'"
    lines: list[Line] = [
        [
            ("searched: ", "dim"),
            (searched, "how"),
            ("  forms: ", "dim"),
            (_listed(result.forms, FORMS_SHOWN), ""),
        ]
    ]
    many_docs = len(index.document_ids()) > 1
    many_langs = len(index.languages()) > 1
    for hit in result.hits:
        text = _paragraph_text(index, hit)
        label = _hit_label(hit, many_docs, many_langs)
        if full:
            marks = [(s.start, s.end, "") for s in hit.spans]
            lines.append([(f"{label:>5} ", "num"), *_marked(text, 0, len(text), marks)])
            continue
        for span in hit.spans:
            line = [(f"{label:>5} ", "num"), *_kwic(text, span.start, span.end, context)]
            if span.within:
                line.append((f"  (within: {span.within_name or span.within})", "dim"))
            lines.append(line)
    count = len(result.hits)
    mentions = sum(len(h.spans) for h in result.hits)
    lines.append([(f"{mentions} mention(s) in {count} paragraph(s)", "dim")])
    if result.possible:
        lines.extend(_possible_lines(result.possible, many_docs, many_langs))
    return lines


def _hit_label(hit: Hit, many_docs: bool, many_langs: bool) -> str:
    """ "¶14", with the document's id when there are several ("paper ¶14"), and the
    version's language when there are several ("¶14 [en]")."""
    label = f"{hit.doc} ¶{hit.paragraph}" if many_docs else f"¶{hit.paragraph}"
    return f"{label} [{hit.lang}]" if many_langs else label


def _possible_lines(possible: Sequence[Hit], many_docs: bool, many_langs: bool) -> list[Line]:
    """The places found only through everyday-word forms, one short line."""
    places = [_hit_label(h, many_docs, many_langs) for h in possible]
    forms = sorted({s.form for h in possible for s in h.spans})
    return [
        [
            ("possible: ", "dim"),
            (", ".join(places), "num"),
            (
                f"  ({' · '.join(forms)}: also an everyday word; --include-everyday counts it)",
                "dim",
            ),
        ]
    ]


def _paragraph_text(index: Index, hit: Hit) -> str:
    # Only the documents with hits are decoded (the index reads them one by one).
    position = index.doc_index(hit.doc, hit.lang)
    if position is None:
        raise KeyError(hit.doc)
    return index.paragraph_text(position, hit.paragraph)


def _kwic(text: str, start: int, end: int, context: int) -> Line:
    """Keyword in context: the match highlighted with ``context`` characters each side."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    before = text[left:start].replace("\n", " ")
    after = text[end:right].replace("\n", " ")
    return [
        ("…" if left else "", "dim"),
        (before, ""),
        (text[start:end], "hl"),
        (after, ""),
        ("…" if right < len(text) else "", "dim"),
    ]


def hit_refs(hits: Sequence[Hit], doc: str) -> list[int]:
    return sorted({h.paragraph for h in hits if h.doc == doc})
