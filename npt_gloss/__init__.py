"""npt-gloss: a bilingual (Chinese–English) glossary and citation tool for arms-control texts."""

__version__ = "0.1.0"
