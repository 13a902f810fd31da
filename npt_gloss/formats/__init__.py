"""Glossary interchange formats: the glossary written out for other tools (and, in time,
read back in). Each module is one family of formats over plain concept records."""
