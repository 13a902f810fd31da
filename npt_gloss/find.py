"""Find: every paragraph that mentions a concept, whatever the query's language or wording.

The query is resolved to concepts by the lookup matcher; the answer is read off the
precomputed occurrence index (so it agrees with the paragraphs ``lookup`` reports). Every
language version of a document is searched (each hit says which); ``Scope.lang`` keeps one
language. A Chinese
query that is no glossary term, and any ``--exact`` query, is searched literally in the folded
text instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from npt_gloss.index import Index
from npt_gloss.match import lookup, prepare_query, word_matches
from npt_gloss.models import VERSION_LANGS
from npt_gloss.normalize import at_word_boundary, fold, fold_with_offsets, has_cjk, term_key

RESOLVED = {"exact", "variant", "abbreviation", "traditional", "pinyin", "deprecated"}
FUZZY_ACCEPT = 80.0


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    form: str
    concept: str  # concept id, or "" for a literal match
    within: str = ""  # for a mention inside a longer term: that term's concept id
    within_name: str = field(default="", compare=False)  # … and its short name, for display


@dataclass(frozen=True)
class Hit:
    doc: str
    paragraph: int
    spans: tuple[Span, ...]
    lang: str = "zh"  # the language of the version the paragraph was found in


@dataclass(frozen=True)
class FindResult:
    query: str
    concepts: tuple[str, ...]
    forms: tuple[str, ...]
    hits: tuple[Hit, ...]
    literal: bool = False
    suggestions: tuple[str, ...] = field(default=())
    by_words: bool = False  # the concepts are those whose terms contain the query's words
    # Places found only through forms that are also everyday words (决定 "decide"): possible
    # mentions, kept apart from ``hits`` unless the search counts them.
    possible: tuple[Hit, ...] = ()


@dataclass(frozen=True)
class Scope:
    """What a search counts: one document or all, one language or all, mentions inside longer
    terms or only direct ones, everyday-word forms as mentions or only as possible ones."""

    doc: str | None = None
    direct: bool = False
    everyday: bool = False
    lang: str | None = None

    def takes(self, index: Index, text: int) -> bool:
        """Whether text ``text`` (a document or a language version) is searched."""
        if self.doc is not None and index.doc_id(text) != self.doc:
            return False
        return self.lang is None or index.doc_lang(text) == self.lang


def resolve(index: Index, query: str) -> list[int]:
    """Concept indices a query stands for: every table match, else one good fuzzy match."""
    return _resolve(index, query)[0]


def _resolve(index: Index, query: str) -> tuple[list[int], bool]:
    """(concept indices, whether they were found by the query's words): every table match,
    else one good fuzzy match (a typo), else every concept with a term holding the words."""
    matches = lookup(index, query, limit=20, resolving=RESOLVED)
    table = [m.concept for m in matches if m.how in RESOLVED]
    if table:
        return list(dict.fromkeys(table)), False
    # A Chinese near-miss is not accepted: one character can negate (非/无核武器国家 vs
    # 核武器国家), so a Chinese query that is no glossary form is searched literally instead.
    if has_cjk(query):
        return [], False
    if matches and matches[0].how == "fuzzy" and matches[0].score >= FUZZY_ACCEPT:
        return [matches[0].concept], False
    by_words = word_matches(index, term_key(query, index.t2s))
    return list(dict.fromkeys(m.concept for m in by_words)), True


def find(
    index: Index,
    queries: Sequence[str],
    *,
    mode: str = "any",
    exact: bool = False,
    doc: str | None = None,
    direct: bool = False,
    everyday: bool = False,
    lang: str | None = None,
) -> FindResult:
    """Paragraphs for one or more queries: ``mode`` "any" (union) or "all" (intersection).

    Every language version is searched unless ``lang`` names one language.

    Mentions inside a longer term of another concept (核试验 in 全面禁止核试验条约) count,
    marked with ``within``, unless ``direct``. A form marked as also an everyday word (决定)
    gives only ``possible`` mentions, unless ``everyday``.
    """
    scope = Scope(doc, direct, everyday, lang)
    per_query = [_find_one(index, q, exact=exact, scope=scope) for q in queries]
    if len(per_query) == 1:
        return per_query[0]
    return _combine(per_query, mode)


def mentions_of(index: Index, concept: int) -> FindResult:
    """The paragraphs that mention one concept (by its index), as ``find`` counts them."""
    return _concept_hits(index, index.concepts[concept][0], [concept])


def _find_one(index: Index, query: str, *, exact: bool, scope: Scope) -> FindResult:
    query = prepare_query(query)
    if exact:
        concepts = _concepts_with_form(index, query)
        if concepts:
            found = _concept_hits(index, query, concepts, scope, only_form=query)
            if found.hits:
                return _with_unscanned(index, query, scope, found)
        # Not a glossary form, or one that never stands alone as written (only inside a
        # longer term, or in another spelling): search the text as typed.
        return _literal_hits(index, query, scope)
    concepts, by_words = _resolve(index, query)
    if concepts:
        found = _concept_hits(index, query, concepts, scope)
        return replace(found, by_words=by_words)
    if has_cjk(query):
        return _literal_hits(index, query, scope)
    return FindResult(query, (), (), ())


def _with_unscanned(index: Index, query: str, scope: Scope, found: FindResult) -> FindResult:
    """An exact glossary form's hits, and its literal ones in the versions no form is
    scanned in (French, Russian, Spanish, Arabic): "NWS" in a French text is still there."""
    from npt_gloss.build import scanned_in  # as _literal_hits does: off the start-up path

    langs = [
        lang
        for lang in index.languages()
        if scanned_in(lang) == "none" and scope.lang in (None, lang)
    ]
    unscanned = tuple(
        hit for lang in langs for hit in _literal_hits(index, query, replace(scope, lang=lang)).hits
    )
    if not unscanned:
        return found
    return replace(found, hits=tuple(sorted((*found.hits, *unscanned), key=hit_order)))


def _concepts_with_form(index: Index, query: str) -> list[int]:
    key = term_key(query, index.t2s)
    return list(dict.fromkeys(index.forms[f][0] for f in index.keys.get(key, ())))


def _concept_hits(
    index: Index,
    query: str,
    concepts: list[int],
    scope: Scope = Scope(),
    only_form: str | None = None,
) -> FindResult:
    wanted = fold(only_form, index.t2s) if only_form else None
    searched = set(_ids(index, concepts))
    places: dict[tuple[int, int], dict[tuple[int, int], Span]] = {}
    maybe: dict[tuple[int, int], dict[tuple[int, int], Span]] = {}
    for c_index in concepts:
        concept = index.concept(c_index)
        for occ in index.concept_occurrences(c_index, direct=scope.direct):
            if not scope.takes(index, occ.doc):
                continue
            if wanted is not None and fold(occ.form, index.t2s) != wanted:
                continue
            within, within_name = _outer(index, occ.within)
            if within in searched:
                continue  # inside a longer form of a concept searched for: that one counts
            span = Span(occ.start, occ.end, occ.form, concept.id, within, within_name)
            uncertain = not scope.everyday and index.is_everyday(c_index, occ.form)
            # Two concepts searched for may share a place (a form they share): once.
            (maybe if uncertain else places).setdefault((occ.doc, occ.paragraph), {}).setdefault(
                (occ.start, occ.end), span
            )
    forms: list[str] = []
    for c_index in concepts:
        concept = index.concept(c_index)
        for form in (
            concept.zh,
            *concept.zh_variants,
            concept.en,
            *concept.en_variants,
            *concept.abbr,
        ):
            if form not in forms and (wanted is None or fold(form, index.t2s) == wanted):
                forms.append(form)
    return FindResult(
        query,
        _ids(index, concepts),
        tuple(forms),
        _as_hits(index, places),
        possible=_as_hits(index, maybe),
    )


def _as_hits(
    index: Index, places: dict[tuple[int, int], dict[tuple[int, int], Span]]
) -> tuple[Hit, ...]:
    hits = (
        Hit(index.doc_id(d), p, tuple(spans[key] for key in sorted(spans)), index.doc_lang(d))
        for (d, p), spans in places.items()
    )
    return tuple(sorted(hits, key=hit_order))


def hit_order(hit: Hit) -> tuple[str, int, int, str]:
    """Document, paragraph, then language (in the UN's order): a paragraph's versions
    stand together."""
    rank = VERSION_LANGS.index(hit.lang) if hit.lang in VERSION_LANGS else len(VERSION_LANGS)
    return hit.doc, hit.paragraph, rank, hit.lang


def _outer(index: Index, position: int) -> tuple[str, str]:
    """(id, short name) of the concept whose longer term holds a mention; ("", "") if none.
    The short name is a Latin abbreviation when there is one (CTBT), else the English."""
    if position < 0:
        return "", ""
    concept = index.concept(position)
    latin = [a for a in concept.abbr if a.isascii()]
    return concept.id, latin[0] if latin else concept.en


def _ids(index: Index, concepts: list[int]) -> tuple[str, ...]:
    return tuple(index.concepts[c][0] for c in concepts)


def _literal_hits(index: Index, query: str, scope: Scope) -> FindResult:
    needle = fold(query, index.t2s).strip()
    hits = []
    if needle:
        from npt_gloss.build import Folder

        # Fold each paragraph by translation table (fast), and work out the offsets only
        # where the needle is found.
        folder = Folder(index.t2s)
        for position, data in enumerate(index.documents):
            if not scope.takes(index, position):
                continue
            for number, text, _items in data["paragraphs"]:
                folder.learn(set(text))
                if needle not in folder(text)[0]:
                    continue
                spans = _literal_spans(text, needle, index.t2s)
                if spans:
                    hits.append(
                        Hit(index.doc_id(position), number, spans, index.doc_lang(position))
                    )
    return FindResult(query, (), (query,), tuple(sorted(hits, key=hit_order)), literal=True)


def _literal_spans(text: str, needle: str, t2s: dict[str, str]) -> tuple[Span, ...]:
    folded, offsets = fold_with_offsets(text, t2s)
    spans = []
    start = folded.find(needle)
    while start != -1:
        end = start + len(needle)
        # Latin text as whole words ("NWS" is not in "NNWS"), as the index scan has it;
        # Chinese has no spaces to tell words apart, so a Chinese edge may fall anywhere.
        if at_word_boundary(folded, start, end):
            s, e = offsets[start], offsets[end - 1] + 1
            spans.append(Span(s, e, text[s:e], ""))
            start = folded.find(needle, end)
        else:
            start = folded.find(needle, start + 1)
    return tuple(spans)


def _combine(results: list[FindResult], mode: str) -> FindResult:
    # A place is a paragraph of one version: --all-of asks for the concepts in one text.
    keyed = [{_place(h): h for h in r.hits} for r in results]
    if mode == "all":
        places = set.intersection(*(set(k) for k in keyed))
    else:
        places = set().union(*(set(k) for k in keyed))
    maybe = [{_place(h): h for h in r.possible} for r in results]
    return FindResult(
        " | ".join(r.query for r in results),
        tuple(dict.fromkeys(c for r in results for c in r.concepts)),
        tuple(dict.fromkeys(f for r in results for f in r.forms)),
        _merged(keyed, places),
        literal=all(r.literal for r in results),
        possible=_merged(maybe, set().union(*(set(k) for k in maybe)) - places),
    )


def _place(hit: Hit) -> tuple[str, int, str]:
    return hit.doc, hit.paragraph, hit.lang


def _merged(
    keyed: list[dict[tuple[str, int, str], Hit]], places: set[tuple[str, int, str]]
) -> tuple[Hit, ...]:
    hits = []
    for place in places:
        # The same place can answer two queries (NPT and Non-Proliferation Treaty): once.
        spans = {(s.start, s.end): s for k in keyed if place in k for s in k[place].spans}
        hits.append(Hit(place[0], place[1], tuple(spans[key] for key in sorted(spans)), place[2]))
    return tuple(sorted(hits, key=hit_order))
