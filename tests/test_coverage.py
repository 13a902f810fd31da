"""Coverage candidates: segmenter words and noun phrases of the text no glossary form covers."""

from __future__ import annotations

import pytest
from conftest import MINI_CONCEPTS

from npt_gloss.coverage import candidate_terms, missing_terms
from npt_gloss.index import build_index
from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph


@pytest.mark.parametrize(
    ("run", "expected", "never"),
    [
        ("地缘政治现实", {"地缘政治现实"}, {"缘政", "治现"}),
        (
            "俄罗斯和美利坚合众国",
            {"美利坚合众国", "俄罗斯"},
            {"斯和美利坚合众国", "俄罗斯和美利坚合"},
        ),
        ("的情况", set(), {"情况", "的情况"}),
    ],
)
def test_candidate_terms_are_words_and_noun_phrases(
    run: str, expected: set[str], never: set[str]
) -> None:
    found = set(candidate_terms(run))
    assert expected <= found
    assert not found & never


def test_missing_terms_counts_uncovered_candidates() -> None:
    document = Document(
        DocumentMeta(id="cov", title=Bilingual(zh="测试", en="Test")),
        (
            Paragraph(1, "地缘政治现实决定了战略稳定性。"),
            Paragraph(2, "地缘政治现实和战略稳定性，地缘政治现实。"),
        ),
        "cov.txt",
    )
    index = build_index(MINI_CONCEPTS, (document,))
    rows = missing_terms(index, None, 10)
    assert rows[0] == {"text": "地缘政治现实", "count": 3}
    assert all("战略稳定" not in row["text"] for row in rows)  # covered by the glossary
    assert missing_terms(index, None, 0) == []
    assert len(missing_terms(index, None, 1)) == 1
