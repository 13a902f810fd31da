"""Reading UN documents from their PDF or their extracted text into a :class:`Document`.

``pdf`` turns a PDF into positioned lines; ``layout`` finds the masthead, page furniture,
footnotes, headings and paragraphs in lines from either source; ``masthead`` reads the front
matter from the masthead lines; ``typography`` restores Chinese punctuation and spacing;
``versions`` places a language version beside an existing document. The older
indentation rules for texts without paragraph numbers stay in :mod:`npt_gloss.ingest`.
"""
