"""Deterministic scale data for the benchmark: a large glossary and corpus, contract formats.

``generate(root, concepts=100_000, docs=1_000)``, or ``python scale_data.py ROOT [CONCEPTS
[DOCS]]``, writes ``root/glossary.toml``, ``root/text/*.txt`` (50 numbered paragraphs each)
and ``root/queries.json`` (the benchmark's queries, chosen from the generated data). The
same seed and sizes always give the same bytes.

The data is made to look like a termbase export and a corpus of working papers, so that the
costs that matter are realistic:

* English terms are two to six real words, Zipf-weighted, so "nuclear", "weapon" and "of"
  are as common as they are in UNTERM; variants are plurals, US spellings and reorderings;
  abbreviations are initials (and collide, as real ones do).
* Chinese terms are 2–8 characters, compounds of two to four words (a few are one word) from
  a vocabulary of 1–3 character words drawn from the 3,755 most common Chinese characters
  (GB 2312 level 1), also Zipf-weighted, so terms share characters and n-grams as real ones
  do; a variant adds a word in front or at the end.
* Paragraphs are ~150 characters of the same words with three to six glossary forms worked
  in (some concepts far more often than others) and, now and then, an English abbreviation
  or a list of dash items.
"""

from __future__ import annotations

import json
import random
import shutil
from bisect import bisect
from itertools import accumulate
from pathlib import Path

SEED = 20240601
PARAGRAPHS_PER_DOC = 50

# Real English words of the domain and of UN prose; the first are the most frequent.
ENGLISH = """
nuclear weapon state treaty security international arms control disarmament non-proliferation
safeguards agreement verification material missile system test ban conference review party
peaceful use energy atomic agency regional zone free risk reduction strategic stability
defence space outer military programme export regime fissile production cut-off uranium
plutonium enrichment reprocessing reactor fuel cycle spent waste safety physical protection
additional protocol comprehensive inspection monitoring transparency confidence building
measure declaration commitment obligation article preamble resolution assembly general council
committee commission working group expert panel report secretary session plenary meeting
delegation mission permanent representative ambassador statement proposal draft text decision
consensus vote adoption implementation compliance violation sanction dispute settlement
mechanism framework initiative cooperation assistance technical capacity training research
development technology transfer dual-use item equipment component software chemical biological
toxin agent precursor facility site laboratory storage stockpile destruction elimination
dismantlement warhead delivery vehicle ballistic cruise hypersonic launcher bomber submarine
intercontinental intermediate-range short-range tactical non-strategic doctrine posture
deterrence first strike retaliation alert status command communication early warning sensor
satellite debris orbit launch vehicle anti-satellite cyber autonomous lethal conventional
small light firearm ammunition landmine cluster munition explosive remnant war humanitarian
consequence victim assurance negative positive guarantee protocol annex schedule list
threshold limit ceiling quota baseline data exchange notification visit challenge on-site
seismic radionuclide hydroacoustic infrasound station network centre laboratory analysis
sample environmental forensic attribution investigation accountability illicit trafficking
smuggling terrorism non-state actor border customs enforcement licence licensing end-user
certificate brokering transit transshipment catch-all control list supplier group
guideline criterion standard norm principle responsible behaviour code conduct
multilateral bilateral unilateral plurilateral negotiation talks dialogue process stage
step phase timeline deadline extension withdrawal entry force ratification accession
signature depositary reservation interpretation amendment universal membership observer
status region africa asia pacific europe latin america caribbean middle east south central
north arctic antarctic seabed ocean marine environment climate health medical isotope
research reactor power plant decommissioning fusion accelerator source radioactive sealed
orphan emergency preparedness response incident accident nuclear security culture insider
threat sabotage theft diversion misuse undeclared activity material balance area accountancy
containment surveillance seal camera sampling detection remote sensing open source information
""".split()

SPELLINGS = {"defence": "defense", "programme": "program", "licence": "license", "centre": "center"}
FILLER_EN = ("of", "the", "for", "on", "and", "in")
DOMAINS = (
    "npt", "un-machinery", "institutions", "security", "disarmament", "treaties", "nwfz",
    "safeguards", "export-control", "strategy", "weapons", "fuel-cycle", "peaceful-uses",
    "risk-reduction", "chem-bio", "space",
)  # fmt: skip
PUNCT = "，，，、；。"


def common_hanzi() -> list[str]:
    """The 3,755 level-1 characters of GB 2312: the most common simplified characters."""
    chars = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                ch = bytes([high, low]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            chars.append(ch)
    return chars


class Zipf:
    """Draw items with Zipf-like weights (the first items most often)."""

    def __init__(self, items: list[str], rng: random.Random, exponent: float = 1.0) -> None:
        self.items = items
        self.rng = rng
        self.cumulative = list(
            accumulate(1.0 / (rank + 1) ** exponent for rank in range(len(items)))
        )

    def draw(self) -> str:
        return self.items[bisect(self.cumulative, self.rng.random() * self.cumulative[-1])]


def chinese_words(rng: random.Random, count: int) -> list[str]:
    """A vocabulary of 1–3 character words made of common characters (frequent chars first)."""
    chars = common_hanzi()
    rng.shuffle(chars)  # GB 2312 is in pinyin order; frequency is what we want to imitate
    pick = Zipf(chars, rng, 0.7)
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < count:
        size = rng.choices((1, 2, 3), weights=(2, 12, 3))[0]
        word = "".join(pick.draw() for _ in range(size))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Generator:
    def __init__(self, concepts: int, docs: int, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.n_concepts = concepts
        self.n_docs = docs
        self.zh_vocab = chinese_words(self.rng, 8000)
        self.zh_word = Zipf(self.zh_vocab, self.rng, 0.8)
        self.en_word = Zipf(ENGLISH, self.rng, 0.7)
        self.terms: list[dict] = []

    # ------------------------------------------------------------ glossary

    def english_term(self) -> str:
        words = [self.en_word.draw() for _ in range(self.rng.choice((2, 2, 3, 3, 3, 4, 5)))]
        if len(words) >= 3 and self.rng.random() < 0.35:
            words.insert(self.rng.randrange(1, len(words)), self.rng.choice(FILLER_EN[:3]))
        return " ".join(words)

    def chinese_term(self) -> str:
        """A compound of two to four words (2–8 characters); a few are a single word."""
        while True:
            words = 1 if self.rng.random() < 0.03 else self.rng.choice((2, 2, 3, 3, 4))
            term = "".join(self.zh_word.draw() for _ in range(words))[:8]
            if len(term) >= 2:
                return term

    def chinese_variant(self, zh: str) -> str:
        """Another wording: a word added in front or at the end (as 战略稳定 / 战略稳定性)."""
        word = self.zh_word.draw()
        return (zh + word if self.rng.random() < 0.5 else word + zh)[:8]

    def english_variants(self, en: str) -> list[str]:
        out = []
        words = en.split()
        if self.rng.random() < 0.3:
            out.append(en + "s" if not en.endswith("s") else en[:-1])
        us = " ".join(SPELLINGS.get(w, w) for w in words)
        if us != en:
            out.append(us)
        if len(words) >= 3 and self.rng.random() < 0.15:
            out.append(" ".join([*words[-1:], "of", *words[:-1]]))
        return out

    def abbreviation(self, en: str) -> str:
        return "".join(w[0] for w in en.split() if w not in FILLER_EN).upper()

    def definition(self) -> str:
        words = [self.en_word.draw() for _ in range(self.rng.randint(10, 24))]
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + "."

    def make_terms(self) -> None:
        seen_en: set[str] = set()
        seen_zh: set[str] = set()
        rng = self.rng
        while len(self.terms) < self.n_concepts:
            en, zh = self.english_term(), self.chinese_term()
            if en in seen_en or zh in seen_zh:
                continue
            seen_en.add(en)
            seen_zh.add(zh)
            term: dict = {"id": f"t{len(self.terms):06d}", "en": en, "zh": zh}
            variants = self.english_variants(en)
            if variants:
                term["en_variants"] = variants
            if rng.random() < 0.35:
                variant = self.chinese_variant(zh)
                if variant != zh and variant not in seen_zh:
                    term["zh_variants"] = [variant]
            if rng.random() < 0.2 and len(en.split()) >= 2:
                term["abbr"] = [self.abbreviation(en)]
            if rng.random() < 0.05:
                term["zh_deprecated"] = [self.chinese_term()]
            if rng.random() < 0.1:
                term["en_deprecated"] = [self.english_term()]
            term["domain"] = rng.choice(DOMAINS)
            term["definition"] = self.definition()
            if rng.random() < 0.2:
                term["note"] = self.definition()
            if rng.random() < 0.3:
                term["see"] = [f"t{rng.randrange(self.n_concepts):06d}"]
            self.terms.append(term)

    def glossary_toml(self) -> str:
        out = ["# Generated by benchmarks/scale_data.py: synthetic, for timing only.\n"]
        for term in self.terms:
            out.append("[[term]]\n")
            for key, value in term.items():
                out.append(f"{key} = {toml_value(value)}\n")
            out.append("\n")
        return "".join(out)

    # ------------------------------------------------------------ corpus

    def paragraph(self, term_pick: Zipf) -> str:
        rng = self.rng
        target = rng.randint(120, 180)
        inserts = rng.randint(3, 6)
        chunks: list[str] = []
        length = 0
        while length < target:
            if rng.random() < inserts / 30:
                term = self.terms[int(term_pick.draw())]
                form = term["zh"]
                if "zh_variants" in term and rng.random() < 0.3:
                    form = term["zh_variants"][0]
                if "abbr" in term and rng.random() < 0.1:
                    form = f"{form}（{term['abbr'][0]}）"
                chunk = form
            else:
                chunk = self.zh_word.draw()
            if rng.random() < 0.12:
                chunk += rng.choice(PUNCT)
            chunks.append(chunk)
            length += len(chunk)
        text = "".join(chunks).rstrip(PUNCT) + "。"
        if rng.random() < 0.05:
            items = [
                "".join(self.zh_word.draw() for _ in range(rng.randint(4, 10))) + "；"
                for _ in range(rng.randint(2, 4))
            ]
            text = text[:-1] + "：\n" + "\n".join(f"– {item}" for item in items)
            text = text[:-1] + "。"
        return text

    def document(self, number: int, term_pick: Zipf) -> tuple[str, str]:
        doc_id = f"doc-{number:04d}"
        year = 2000 + number % 23
        title = "".join(self.zh_word.draw() for _ in range(4))
        front = [
            "+++",
            f'id = "{doc_id}"',
            'lang = "zh"',
            'symbol = ""',
            f'title.zh = "{title}"',
            f'title.en = "Working paper {number}"',
            "title_en_official = false",
            'author.zh = "某国"',
            'author.en = "A State"',
            'type.zh = "工作文件"',
            'type.en = "working paper"',
            f"year = {year}",
            "+++",
        ]
        body = []
        for n in range(1, PARAGRAPHS_PER_DOC + 1):
            body += ["", f"{n}. {self.paragraph(term_pick)}"]
        return doc_id, "\n".join(front + body) + "\n"

    def queries(self) -> dict:
        """Queries for the benchmark, taken from the data (so they have answers)."""
        rng = random.Random(SEED + 1)
        frequent = [t for t in self.terms[:200] if len(t["en"].split()) >= 3]
        chosen = frequent[7] if len(frequent) > 7 else self.terms[0]
        typo = drop_letter(chosen["en"])
        lookups = []
        for term in rng.sample(self.terms, min(100, len(self.terms))):
            choice = rng.random()
            if choice < 0.3:
                lookups.append(term["zh"])
            elif choice < 0.55:
                lookups.append(term["en"])
            else:
                lookups.append(drop_letter(term["en"], rng))
        finds = [t["zh"] for t in rng.sample(self.terms[:2000], min(100, len(self.terms)))]
        return {
            "lookup_en_fuzzy": typo,
            "lookup_en_target": chosen["id"],
            "lookup_zh": chosen["zh"],
            "find": chosen["zh"],
            "lookups": lookups,
            "finds": finds,
        }


def drop_letter(text: str, rng: random.Random | None = None) -> str:
    """A typo: one letter dropped from inside the longest word (or a random word)."""
    words = text.split()
    if rng is None:
        at = max(range(len(words)), key=lambda i: len(words[i]))
    else:
        at = rng.randrange(len(words))
    word = words[at]
    if len(word) >= 4:
        cut = len(word) - 2 if rng is None else rng.randrange(1, len(word) - 1)
        words[at] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


def toml_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def generate(root: Path, concepts: int = 100_000, docs: int = 1_000, seed: int = SEED) -> dict:
    """Write the data set into ``root`` (replacing what is there); return its queries."""
    gen = Generator(concepts, docs, seed)
    gen.make_terms()
    if root.exists():
        shutil.rmtree(root)
    (root / "text").mkdir(parents=True)
    (root / "glossary.toml").write_text(gen.glossary_toml(), encoding="utf-8")
    # Documents mention a few concepts often and most rarely, as real papers do.
    term_pick = Zipf([str(i) for i in range(len(gen.terms))], gen.rng, 0.9)
    for number in range(1, docs + 1):
        doc_id, text = gen.document(number, term_pick)
        (root / "text" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    queries = gen.queries()
    (root / "queries.json").write_text(
        json.dumps(queries, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return queries


if __name__ == "__main__":
    import sys

    arguments = sys.argv[1:]
    if not 1 <= len(arguments) <= 3:
        raise SystemExit("usage: scale_data.py ROOT [CONCEPTS [DOCS]]")
    sizes = [int(a) for a in arguments[1:]]
    generate(Path(arguments[0]), *sizes)
