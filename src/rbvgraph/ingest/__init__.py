"""Reading a new report into concepts a person reviews: ``rbvgraph ingest``, ``review``, ``accept`` and ``reject``.

``read`` turns a PDF or a text into the normalised text (pages kept as form feeds); ``report`` writes the report,
its sections and their pages as Turtle; ``find`` links the names the graph knows and proposes new ones; ``relate``
proposes relations between two things one sentence names, from the cue table in ``lexicon``; ``concepts`` writes
the candidates to ``data/concepten/SLUG/`` and moves accepted ones into ``data/triples/SLUG/``; ``review`` writes
the page a reviewer reads them on.
"""
