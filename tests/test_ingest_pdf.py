"""`ingest` of UN documents as PDFs (built here with reportlab) and as their extracted text.

The documents (tests/unpdf.py) have a full masthead, hanging paragraph numbers, two headings,
a paragraph broken by a page break, dash items, a footnote with its raised reference mark,
the author line's starred note, a running head, page numbers, a job number and a barcode
line; the English version has the same numbers.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import unpdf
from click.testing import CliRunner, Result

from npt_gloss.cli import cli
from npt_gloss.corpus import format_document, parse_document
from npt_gloss.documents.layout import read_layout, text_lines
from npt_gloss.documents.pdf import read_pdf
from npt_gloss.documents.source import read_source
from npt_gloss.errors import DataError

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "text" / "ru-wp-shared-responsibility.txt"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    out = {}
    for doc in (unpdf.ZH_DOC, unpdf.EN_DOC):
        out[doc.lang] = unpdf.build_pdf(doc, folder / f"wp99.{doc.lang}.pdf")
        text = folder / f"wp99.{doc.lang}.txt"
        text.write_text(unpdf.extracted_text(doc), encoding="utf-8")
        out[f"{doc.lang}-text"] = text
    return out


@pytest.fixture
def text_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "text"
    folder.mkdir()
    return folder


def paragraphs(path: Path) -> list[tuple[int, str, tuple[str, ...]]]:
    reading = read_source(path, doc_id="wp99").reading
    return [(p.number, p.text, p.items) for p in reading.document.paragraphs]


# --------------------------------------------------------------------------- what is read

ZH_EXPECTED = [
    (1, unpdf.ZH_PARAS[0], ()),
    (2, unpdf.ZH_PARAS[1], ()),
    (3, unpdf.ZH_PARAS[2].replace("^1", ""), ()),
    (4, unpdf.ZH_PARAS[3], ()),
    (5, unpdf.ZH_PARAS[4] + "".join(f"\n– {i}" for i in unpdf.ZH_ITEMS), unpdf.ZH_ITEMS),
    (6, unpdf.ZH_PARAS[5], ()),
]
EN_EXPECTED = [
    (n, text.replace("^1", ""), items)
    for n, text, items in [
        (1, unpdf.EN_PARAS[0], ()),
        (2, unpdf.EN_PARAS[1], ()),
        (3, unpdf.EN_PARAS[2], ()),
        (4, unpdf.EN_PARAS[3], ()),
        (5, unpdf.EN_PARAS[4] + "".join(f"\n– {i}" for i in unpdf.EN_ITEMS), unpdf.EN_ITEMS),
        (6, unpdf.EN_PARAS[5], ()),
    ]
]


@pytest.mark.parametrize(
    ("key", "expected"),
    [("zh", ZH_EXPECTED), ("zh-text", ZH_EXPECTED), ("en", EN_EXPECTED), ("en-text", EN_EXPECTED)],
)
def test_paragraphs_exactly(pdfs: dict[str, Path], key: str, expected: list) -> None:
    # Whole paragraphs, including 4, which runs over the page break past the footnotes, the
    # job number, the barcode line and the running head; the footnote mark is out of 3.
    assert paragraphs(pdfs[key]) == expected


@pytest.mark.parametrize("key", ["zh", "zh-text", "en", "en-text"])
def test_furniture_footnotes_and_headings_are_not_text(pdfs: dict[str, Path], key: str) -> None:
    reading = read_source(pdfs[key], doc_id="wp99").reading
    body = "".join(p.text for p in reading.document.paragraphs)
    for furniture in ("11345", "NPT/CONF.2020", "本文件", "document has not", "导言", "Introduc"):
        assert furniture not in body
    zh = key.startswith("zh")
    assert reading.headings == (("一、导言", "二、全面裁军") if zh else
                                ("I. Introduction", "II. General disarmament"))  # fmt: skip
    assert reading.footnotes == (
        ("* 本文件未经正式编辑。", unpdf.ZH_FOOTNOTE)
        if zh
        else ("* This document has not been formally edited.", unpdf.EN_FOOTNOTE)
    )
    # Page 1: job number and barcode; page 2: running head, page number, job number.
    assert reading.furniture == 5
    assert reading.numbering == "own"
    assert reading.left_out == ()


def test_front_matter_from_the_chinese_masthead(pdfs: dict[str, Path]) -> None:
    meta = read_source(pdfs["zh"], doc_id="wp99").reading.document.meta
    assert (meta.lang, meta.symbol) == ("zh", "NPT/CONF.2020/WP.99")
    assert meta.title.zh == "核裁军：分担责任的领域" and meta.title.en == ""
    assert (meta.author.zh, meta.doc_type.zh) == ("俄罗斯联邦", "工作文件")
    assert meta.conference_name.zh == "不扩散核武器条约缔约国2020年审议大会"
    assert (meta.place.zh, meta.date_start, meta.date_end, meta.year) == (
        "纽约", "2022-08-01", "2022-08-26", 2022,
    )  # fmt: skip
    assert meta.extra == {
        "distributed": "2022-08-01",
        "original": "en",
        "agenda_item": "16",
        "agenda": {"zh": "审议条约的执行情况"},
        "footnotes": ["* 本文件未经正式编辑。", unpdf.ZH_FOOTNOTE],
    }


def test_front_matter_from_the_english_masthead(pdfs: dict[str, Path]) -> None:
    meta = read_source(pdfs["en"], doc_id="wp99").reading.document.meta
    assert (meta.lang, meta.symbol, meta.title_en_official) == ("en", "NPT/CONF.2020/WP.99", True)
    assert meta.title.en == "Nuclear disarmament: areas of shared responsibility"
    assert (meta.author.en, meta.doc_type.en) == ("Russian Federation", "working paper")
    assert meta.conference_name.en == (
        "2020 Review Conference of the Parties to the Treaty on the Non-Proliferation of"
        " Nuclear Weapons"
    )
    assert (meta.place.en, meta.date_start, meta.date_end) == (
        "New York",
        "2022-08-01",
        "2022-08-26",
    )
    assert meta.extra["agenda"] == {"en": "Review of the operation of the Treaty"}


def test_pdf_lines_carry_positions(pdfs: dict[str, Path]) -> None:
    lines, pages = read_pdf(pdfs["zh"])
    assert pages == 2
    symbol = next(line for line in lines if line.text == "NPT/CONF.2020/WP.99")
    banner = next(line for line in lines if line.text == "联合国")
    # The symbol shares the banner's baseline but is a segment of its own, on the right.
    assert symbol.top == pytest.approx(banner.top) and symbol.x > 300 > banner.x
    third = next(line for line in lines if line.text.startswith("3."))
    assert third.marks == ("1",) and "实施，而且" in third.text
    assert third.size == pytest.approx(10.5)
    note = next(line for line in lines if line.text.startswith("1 见"))
    assert note.size == pytest.approx(8.0) and note.top > third.top


def test_pdf_and_text_give_the_same_file(pdfs: dict[str, Path]) -> None:
    for lang in ("zh", "en"):
        from_pdf = read_source(pdfs[lang], doc_id="wp99").reading.document
        from_text = read_source(pdfs[f"{lang}-text"], doc_id="wp99").reading.document
        assert format_document(from_pdf) == format_document(from_text)


def test_long_pdf_keeps_every_paragraph(tmp_path: Path) -> None:
    long = dataclasses.replace(unpdf.ZH_DOC, bottom=120.0)
    path = unpdf.build_pdf(long, tmp_path / "long.pdf", repeat=40)
    source = read_source(path, doc_id="long")
    numbers = [p.number for p in source.reading.document.paragraphs]
    assert source.pages == 19 and numbers == list(range(1, 241))
    assert [p.text for p in source.reading.document.paragraphs[6:12]] == [
        text for _, text, _ in ZH_EXPECTED
    ]
    # Every page but the first has a running head, a page number and a job number.
    assert source.reading.furniture == 2 + 3 * (source.pages - 1)


# --------------------------------------------------------------------------- the command


def test_ingest_pdf_writes_and_reports(pdfs: dict[str, Path], text_dir: Path) -> None:
    result = run("--text", str(text_dir), "ingest", str(pdfs["zh"]), "--id", "wp99")
    assert result.exit_code == 0, result.stderr
    written = text_dir / "wp99.txt"
    assert result.stderr.splitlines() == [
        f"read {pdfs['zh']} (PDF, 2 pages, zh)",
        "  masthead: symbol, distribution date, language, original language, conference, "
        "place, dates, agenda item, agenda title, title, author, type",
        "  6 paragraphs (own numbers), 2 items, 2 headings, 2 footnotes, "
        "5 lines of page furniture dropped",
        f"wrote {written}: 6 paragraphs",
    ]
    document = parse_document(written.read_text(encoding="utf-8"), str(written))
    assert [(p.number, p.text, p.items) for p in document.paragraphs] == ZH_EXPECTED
    assert document.meta.extra["footnotes"] == ["* 本文件未经正式编辑。", unpdf.ZH_FOOTNOTE]


def test_dry_run_shows_without_writing(pdfs: dict[str, Path], text_dir: Path) -> None:
    result = run("--text", str(text_dir), "ingest", str(pdfs["en"]), "--id", "wp99", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith('+++\nid = "wp99"\nlang = "en"\nsymbol = "NPT/CONF.2020/WP.99"')
    assert "\n\n3. Nuclear disarmament is an extremely complex process" in result.stdout
    assert result.stderr.splitlines()[0] == f"read {pdfs['en']} (PDF, 2 pages, en)"
    assert list(text_dir.iterdir()) == []


def test_english_version_beside_the_chinese(pdfs: dict[str, Path], text_dir: Path) -> None:
    assert run("--text", str(text_dir), "ingest", str(pdfs["zh"]), "--id", "wp99").exit_code == 0
    result = run("--text", str(text_dir), "ingest", str(pdfs["en"]), "--id", "wp99")
    assert result.exit_code == 0, result.stderr
    version = text_dir / "wp99.en.txt"
    assert result.stderr.splitlines()[-1] == f"wrote {version}: 6 paragraphs"
    text = version.read_text(encoding="utf-8")
    # Its own English title and author, and the Chinese ones of the document it joins.
    assert 'lang = "en"' in text and 'title.zh = "核裁军：分担责任的领域"' in text
    assert 'title.en = "Nuclear disarmament: areas of shared responsibility"' in text
    assert "title_en_official = true" in text and 'author.zh = "俄罗斯联邦"' in text
    numbers = re.findall(r"^(\d+)\. ", text, re.MULTILINE)
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    again = run("--text", str(text_dir), "ingest", str(pdfs["en"]), "--id", "wp99")
    assert again.exit_code == 2 and again.stderr == (
        f"npt-gloss: error: {version} exists (use --force to overwrite, or --dry-run)\n"
    )


def test_version_with_other_numbers_is_refused(
    pdfs: dict[str, Path], text_dir: Path, tmp_path: Path
) -> None:
    assert run("--text", str(text_dir), "ingest", str(pdfs["zh"]), "--id", "wp99").exit_code == 0
    shorter = dataclasses.replace(unpdf.EN_DOC, blocks=unpdf.EN_DOC.blocks[:-1])
    path = unpdf.build_pdf(shorter, tmp_path / "short.en.pdf")
    result = run("--text", str(text_dir), "ingest", str(path), "--id", "wp99")
    assert result.exit_code == 2
    assert result.stderr == (
        f"npt-gloss: error: {path}: its paragraphs 1–5 differ from the 6 paragraphs of "
        f"{text_dir / 'wp99.txt'} (a language version has the same numbered paragraphs; "
        "check the source, or ingest it under another --id)\n"
    )
    assert sorted(p.name for p in text_dir.iterdir()) == ["wp99.txt"]


def test_english_alone_is_refused(pdfs: dict[str, Path], text_dir: Path) -> None:
    result = run("--text", str(text_dir), "ingest", str(pdfs["en"]), "--id", "wp99")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"npt-gloss: error: {pdfs['en']}: a en document needs the Chinese document"
    )
    assert list(text_dir.iterdir()) == []


# --------------------------------------------------------------------------- bad input


def _encrypted(path: Path) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=StandardEncryption("secret", ownerPassword="owner"))
    pdf.drawString(72, 720, "1. Text.")
    pdf.save()
    return path


def _image_only(path: Path) -> Path:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(Image.new("RGB", (60, 80), "white")), 72, 400, 300, 400)
    pdf.save()
    return path


def _truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _damaged(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[:200] + b"\x00" * 400 + data[-200:])  # keeps %PDF- and %%EOF
    return path


BAD = [
    ("encrypted", lambda d, p: _encrypted(d / "x.pdf"), "the PDF is encrypted with a password",
     "qpdf --decrypt"),
    ("image only", lambda d, p: _image_only(d / "x.pdf"),
     "the PDF has no text layer (a scanned image?)", "run OCR on it first"),
    ("truncated", lambda d, p: _truncated(d / "x.pdf", p["zh"]),
     "the PDF is truncated (no end-of-file marker)", "download it again"),
    ("damaged", lambda d, p: _damaged(d / "x.pdf", p["zh"]),
     "the PDF is damaged and cannot be read", "download it again"),
    ("not a PDF", lambda d, p: _write(d / "x.pdf", b"<html>not found</html>"),
     "not a PDF (it does not start with %PDF-)", "extracted text"),
    ("no paragraphs", lambda d, p: _write(d / "x.txt", "  某国提交的工作文件\n".encode()),
     "no paragraphs found after the masthead", "is the whole document there?"),
    ("empty", lambda d, p: _write(d / "x.txt", b"\n\n"), "no text found",
     "is it the right file?"),
]  # fmt: skip


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("make", "message", "advice"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_input_one_line_nothing_written(
    make, message: str, advice: str, pdfs: dict[str, Path], text_dir: Path, tmp_path: Path
) -> None:
    path = make(tmp_path, pdfs)
    result = run("--text", str(text_dir), "ingest", str(path), "--id", "x")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"npt-gloss: error: {path}: {message}")
    assert advice in lines[0]
    assert list(text_dir.iterdir()) == []


def test_text_without_numbers_or_masthead_title(tmp_path: Path) -> None:
    raw = tmp_path / "bare.txt"
    raw.write_text(" 一段。\n 二段。\n", encoding="utf-8")
    result = run("ingest", str(raw), "--id", "bare", "--dry-run")
    assert result.exit_code == 2
    assert result.stderr == (
        f"npt-gloss: error: {raw}: no title found in the masthead (pass it with --title)\n"
    )
    given = run("ingest", str(raw), "--id", "bare", "--title", "题目", "--dry-run")
    assert given.exit_code == 0
    assert given.stdout.endswith("+++\n\n1. 一段。\n\n2. 二段。\n")
    assert "(numbered by indentation)" in given.stderr


# --------------------------------------------------------------------------- the shipped paper


def test_the_shipped_paper_through_ingest(tmp_path: Path) -> None:
    seed = REPO / "text" / "sources" / "paper.zh.raw.txt"
    result = run("ingest", str(seed), "--id", "ru-wp-shared-responsibility", "--dry-run")
    assert result.exit_code == 0
    shipped = parse_document(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    read = parse_document(result.stdout, "<stdout>")
    assert [(p.number, p.text, p.items) for p in read.paragraphs] == [
        (p.number, p.text, p.items) for p in shipped.paragraphs
    ]
    assert len(read.paragraphs) == 23 and len(read.paragraph(17).items) == 5
    assert "23 paragraphs (numbered by indentation), 5 items" in result.stderr


def test_extracted_lines_keep_form_feed_pages() -> None:
    lines = text_lines("a\n\f b\nc\fd\n")
    assert [(line.text, line.page, line.indented) for line in lines] == [
        ("a", 1, False), ("b", 2, True), ("c", 2, False), ("d", 3, False),
    ]  # fmt: skip


def test_layout_needs_lines() -> None:
    with pytest.raises(DataError, match="no text found"):
        read_layout([], doc_id="x", source="x.txt")


def test_output_path_and_force(pdfs: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "out" / "wp99.txt"
    target.parent.mkdir()
    assert run("ingest", str(pdfs["zh-text"]), "--id", "wp99", "-o", str(target)).exit_code == 0
    first = target.read_text(encoding="utf-8")
    refused = run("ingest", str(pdfs["zh"]), "--id", "wp99", "-o", str(target))
    assert refused.exit_code == 2 and refused.stderr.startswith(
        f"npt-gloss: error: {target} exists"
    )
    forced = run("ingest", str(pdfs["zh"]), "--id", "wp99", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8") == first  # the PDF and its text agree


def test_lang_option_names_the_language(pdfs: dict[str, Path]) -> None:
    result = run("ingest", str(pdfs["en-text"]), "--id", "wp99", "--lang", "fr", "--dry-run")
    assert result.exit_code == 0
    assert '\nlang = "fr"\n' in result.stdout
    assert '\ntitle.fr = "Nuclear disarmament: areas of shared responsibility"\n' in result.stdout
    assert "(text, 2 pages, fr)" in result.stderr.splitlines()[0]


def test_ingested_versions_are_shown_side_by_side_and_found(
    pdfs: dict[str, Path], text_dir: Path
) -> None:
    """The loader takes the version ingest writes: show --parallel pairs the paragraphs, and
    find reports each hit with the language of the text it is in."""
    import json

    for lang in ("zh", "en"):
        assert (
            run("--text", str(text_dir), "ingest", str(pdfs[lang]), "--id", "wp99").exit_code == 0
        )
    shown = run("--text", str(text_dir), "show", "3", "--parallel")
    assert shown.exit_code == 0, shown.stderr
    assert "核裁军是一个极其复杂的进程" in shown.stdout
    assert "Nuclear disarmament is an extremely complex process" in shown.stdout
    found = run("--text", str(text_dir), "find", "nuclear disarmament", "--json")
    assert found.exit_code == 0, found.stderr
    hits = {(hit["lang"], hit["paragraph"]) for hit in json.loads(found.stdout)["hits"]}
    assert {("zh", 3), ("en", 3), ("zh", 4), ("en", 4)} <= hits
