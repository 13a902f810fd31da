"""A sample of every domain the glossary grew into, through lookup (both directions) and find
(in a document written for the purpose), over the full shipped glossary."""

from __future__ import annotations

import pytest
from conftest import index_of_texts

from npt_gloss.find import find
from npt_gloss.index import Index
from npt_gloss.match import lookup

# (query as a user types it, concept id, its Chinese, a sentence that uses the Chinese)
SAMPLE = [
    ("escort team", "escort-team", "陪同组", "视察组由陪同组陪同进入视察区域。"),
    (
        "pre-inspection activities",
        "pre-inspection-activities",
        "视察前的活动",
        "视察前的活动已经完成。",
    ),
    ("nuclear forensics", "nuclear-forensics", "核法证学", "各国加强了核法证学合作。"),
    ("nuclear safety culture", "nuclear-safety-culture", "核安全文化", "必须培育核安全文化。"),
    ("UNMAS", "unmas", "联合国地雷行动处", "联合国地雷行动处协调排雷。"),
    ("Convention on Cluster Munitions", "ccm", "集束弹药公约", "《集束弹药公约》已经生效。"),
    ("ICT", "ict", "信息和通信技术", "信息和通信技术带来新的挑战。"),
    (
        "Korean Peninsula nuclear issue",
        "korean-peninsula-nuclear-issue",
        "朝鲜半岛核问题",
        "各方讨论了朝鲜半岛核问题。",
    ),
    ("South Asia", "south-asia", "南亚", "南亚的紧张局势令人关切。"),
    ("CARICOM", "caricom", "加勒比共同体", "加勒比共同体成员国发了言。"),
    ("Group of 21", "group-of-21", "21国集团", "21国集团提出了工作计划。"),
    (
        "North Korea",
        "democratic-peoples-republic-of-korea",
        "朝鲜民主主义人民共和国",
        "朝鲜民主主义人民共和国进行了核试验。",
    ),
    ("Malta", "malta", "马耳他", "马耳他代表团发了言。"),
    ("space resources", "space-resources", "空间资源", "空间资源的利用需要规则。"),
    ("DDA", "department-for-disarmament-affairs", "裁军事务部", "裁军事务部编写了报告。"),
    (
        "OCPF",
        "other-chemical-production-facility",
        "其他化学生产设施",
        "其他化学生产设施须接受视察。",
    ),
    ("DIV", "design-information-verification", "设计资料核实", "原子能机构进行了设计资料核实。"),
]


@pytest.fixture(scope="module")
def sample_index(shipped_concepts: tuple) -> Index:
    return index_of_texts(shipped_concepts, "sample", tuple(row[3] for row in SAMPLE))


@pytest.mark.parametrize(("query", "concept", "zh", "sentence"), SAMPLE)
def test_lookup_both_ways(
    sample_index: Index, query: str, concept: str, zh: str, sentence: str
) -> None:
    english = lookup(sample_index, query, limit=1)
    assert [sample_index.concepts[m.concept][0] for m in english] == [concept]
    assert sample_index.concept(english[0].concept).zh == zh
    chinese = lookup(sample_index, zh, limit=1)
    assert [sample_index.concepts[m.concept][0] for m in chinese] == [concept]


@pytest.mark.parametrize(("number", "row"), list(enumerate(SAMPLE, start=1)))
def test_find_in_either_language(sample_index: Index, number: int, row: tuple) -> None:
    query, concept, zh, sentence = row
    for asked in (query, zh):
        result = find(sample_index, [asked])
        assert concept in result.concepts
        paragraphs = {h.paragraph for h in result.hits}
        assert number in paragraphs, asked
        spans = [s for h in result.hits if h.paragraph == number for s in h.spans]
        assert any(sentence[s.start : s.end] == zh for s in spans)


def test_every_domain_is_known_and_states_are_complete(shipped_concepts: tuple) -> None:
    from npt_gloss.glossary import DOMAINS

    concepts = shipped_concepts
    assert {c.domain for c in concepts} <= set(DOMAINS)
    states = [c for c in concepts if c.domain == "states"]
    assert len(states) == 195
    assert sum("observer" in c.definition for c in states) == 2
