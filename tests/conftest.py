"""Shared fixtures: an isolated cache folder, the shipped index, a small hand-made index."""

from __future__ import annotations

from pathlib import Path

import pytest

from npt_gloss import paths
from npt_gloss.index import Index, build_index, open_index
from npt_gloss.models import Concept, Document, DocumentMeta, Paragraph

REPO = Path(__file__).resolve().parent.parent

# A raw text laid out as the PDF extraction of a UN working paper is (header lines, indented
# paragraph starts, hard-wrapped lines, blank lines between): small, and of this repository.
SMALL_RAW = (
    " 2022 年 8 月 1 日至 26 日，纽约 \n\n  测试文件的标题 \n\n  某国提交的工作文件 \n\n"
    " 第一段的开头，这一段写得很长，所以被硬换行\n\n成两行。 \n\n"
    " 第二段只有一行。 \n"
)

# The shipped paper's raw source, kept in the repository so every clone runs every test.
SEED = REPO / "text" / "sources" / "paper.zh.raw.txt"


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read the user's cache, data or config (their own glossary!), and never
    write to them. The config folder is one that does not exist: no user glossary."""
    monkeypatch.setenv("NPT_GLOSS_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("NPT_GLOSS_DATA", str(tmp_path_factory.getbasetemp() / "data"))
    monkeypatch.setenv("NPT_GLOSS_CONFIG", str(tmp_path_factory.getbasetemp() / "no-config"))
    monkeypatch.delenv("NPT_GLOSS_GLOSSARY", raising=False)
    monkeypatch.delenv("NPT_GLOSS_TEXT", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def shipped_index() -> Index:
    return open_index(paths.shipped("glossary.toml"), paths.shipped("text"), None)


def concept(cid: str, en: str, zh: str, **fields: object) -> Concept:
    tuples = {k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()}
    return Concept(id=cid, en=en, zh=zh, **tuples)  # type: ignore[arg-type]


MINI_CONCEPTS = (
    concept(
        "nws",
        "nuclear-weapon States",
        "核武器国家",
        zh_variants=["核国家", "拥有核武器的国家"],
        abbr=["NWS"],
        en_variants=["nuclear States"],
    ),
    concept("nnws", "non-nuclear-weapon States", "无核武器国家", abbr=["NNWS"]),
    concept("stability", "strategic stability", "战略稳定性", zh_variants=["战略稳定"]),
    concept("missile-defence", "missile defence", "导弹防御", en_variants=["anti-missile defence"]),
    concept("gcd", "general and complete disarmament", "全面彻底裁军"),
    concept(
        "npt",
        "Treaty on the Non-Proliferation of Nuclear Weapons",
        "不扩散核武器条约",
        abbr=["NPT", "不扩散条约"],
    ),
    concept("org", "organization", "组织"),
    concept(
        "wmd", "weapons of mass destruction", "大规模毁灭性武器", zh_deprecated=["大规模杀伤性武器"]
    ),
)

MINI_DOCUMENT = Document(
    DocumentMeta(
        id="mini", title=__import__("npt_gloss.models").models.Bilingual(zh="测试", en="Test")
    ),
    (
        Paragraph(1, "无核武器国家同核武器国家一样，而非核国家的反对者。"),
        Paragraph(2, "核国家负有责任；拥有核武器\u7684国家也是。"),
        Paragraph(
            3,
            "总体而言：\n– 战略稳定性是前提；\n– 导弹防御因素。",
            ("战略稳定性是前提；", "导弹防御因素。"),
        ),
        Paragraph(4, "《不扩散核武器条约》和全面彻底裁军。NPT review."),
    ),
    "mini.txt",
)


@pytest.fixture(scope="session")
def mini_index() -> Index:
    return build_index(MINI_CONCEPTS, (MINI_DOCUMENT,))


def shipped_concept_count() -> int:
    """How many concepts glossary.toml holds, counted from its ``[[term]]`` headers (not by
    the loader the tests check), so a growing glossary needs no test edited."""
    text = paths.shipped("glossary.toml").read_text(encoding="utf-8")
    return sum(line.strip() == "[[term]]" for line in text.splitlines())


@pytest.fixture(scope="session")
def shipped_concepts() -> tuple[Concept, ...]:
    from npt_gloss.glossary import load_glossary

    return load_glossary(paths.shipped("glossary.toml"))


def index_of_texts(concepts: tuple[Concept, ...], doc_id: str, texts: tuple[str, ...]) -> Index:
    """An index of ``concepts`` and one document whose paragraphs 1, 2 … are ``texts``."""
    from npt_gloss.models import Bilingual

    document = Document(
        DocumentMeta(id=doc_id, title=Bilingual(zh="测试", en="Test")),
        tuple(Paragraph(n, text) for n, text in enumerate(texts, start=1)),
        f"{doc_id}.txt",
    )
    return build_index(concepts, (document,))


UNWRITABLE = ("a regular file", "below a regular file", "a read-only folder")


def unwritable_folder(tmp_path: Path, case: str) -> Path:
    """A folder path that cannot be written, of the kind ``case`` names (see UNWRITABLE);
    skips the read-only case when running as root, which may write anyway."""
    import os

    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    if case == "a regular file":
        return a_file
    if case == "below a regular file":
        return a_file / "cache"
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    if os.access(read_only, os.W_OK):
        read_only.chmod(0o755)
        pytest.skip("running as root: a read-only folder is writable, so this case shows nothing")
    return read_only
