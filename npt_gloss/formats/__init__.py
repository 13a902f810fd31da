"""Glossary interchange formats: the glossary written out for other tools and read back in
(TBX, CSV/TSV, XLSX), and merging what was read into a glossary. Each module is one family
of formats over plain concept records; ``reading`` picks the reader for a file."""
