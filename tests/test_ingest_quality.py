"""Leave-sections-out on the real report: for every chapter, its curated facts are taken away (in a copy), ingest
reads the report, and its candidates for that chapter are compared with what was taken away (tests/leave_out.py
says how each figure is counted; benchmarks/RESULTS.md has the figures of each run).

The floors are the figures measured when ingest was written (2026-12-05), rounded down to a whole per cent, the
relation figures and precision raised when relations were chosen by clause (same day): a change that makes ingest
find less fails here. The issue's targets are met for the known things linked (≥ 95 % in every chapter) and, for
the left-out things proposed under their own name (≥ 80 %), only in the Voorwoord and the Bijlagen; the relations
reach 28 % of all curated facts (target 60 %; 73 % of those whose two things the candidates name, where 102 of the
109 still missed have their two things in different sentences), because most curated facts join a thing whose
label is a description that no sentence of the report contains (see 'findable')."""

from __future__ import annotations

from pathlib import Path

import pytest

from .leave_out import CHAPTERS, Figures, measure

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "000_a077b94e73753f08.txt"

# chapter: (linked, proposed, pairs, predicates, pairs among findable, precision), as shares
FLOORS = {
    "Voorwoord": (1.00, 1.00, 0.48, 0.43, 0.90, 0.44),
    "1": (1.00, 0.57, 0.14, 0.13, 0.73, 0.28),
    "2": (1.00, 0.65, 0.37, 0.32, 0.79, 0.38),
    "3": (0.96, 0.68, 0.31, 0.28, 0.71, 0.26),
    "4": (0.97, 0.64, 0.26, 0.18, 0.62, 0.23),
    "5": (1.00, 0.71, 0.34, 0.23, 0.81, 0.29),
    "Bijlagen": (1.00, 0.94, 0.40, 0.36, 1.00, 0.44),
}

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_leaving_a_chapter_out_ingest_finds_it_again(proj, tmp_path, chapter):
    found = measure(proj, REFERENCE, tmp_path, chapter)
    linked, proposed, pairs, predicates, among_findable, precision = FLOORS[chapter]
    assert Figures.share(found.linked) >= max(linked, 0.95), found.missed["linked"]
    assert Figures.share(found.proposed) >= proposed, found.missed["proposed"]
    assert Figures.share(found.pairs) >= pairs
    assert Figures.share(found.predicates) >= predicates
    assert Figures.share((found.pairs[0], found.findable[0])) >= among_findable
    assert Figures.share(found.precision) >= precision
    # the denominators are the curated data's: a chapter always has things and facts to find
    assert found.linked[1] > 0 and found.pairs[1] > 0 and found.precision[1] > 0
