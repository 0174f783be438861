"""The network's colours and shapes: readable for colour-blind readers and against the white background.

Colour-vision deficiency is simulated with colorspacious (Machado, Oliveira & Fernandes 2009, full severity) and
distances are measured in CAM02-UCS, where about 1 is a just-noticeable difference; contrast is WCAG 2's ratio.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from rbvgraph.network.style import (CLUSTER_PALETTE, FAMILIES, KIND_PALETTE, LAW_COLOUR, OTHER, SMALL_CLUSTER,
                                    THEME_COLOUR, looks, tint)
from rbvgraph.network.views import Selection, select_network
from rbvgraph.vocab import ONTOLOGY

VISION = ("normal", "deuteranomaly", "protanomaly")
DISTINCT = 20  # CAM02-UCS: clearly different at a glance for small marks, not just noticeably
WHITE = "#ffffff"


def rgb(colour: str) -> list[float]:
    return [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]


def seen(colour: str, vision: str) -> np.ndarray:
    if vision == "normal":
        return np.array(rgb(colour))
    space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(cspace_convert(rgb(colour), space, "sRGB1"), 0, 1)


def distance(a: str, b: str, vision: str) -> float:
    return float(deltaE(seen(a, vision), seen(b, vision), input_space="sRGB1"))


def contrast(a: str, b: str = WHITE) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(colour):
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_gives_the_known_ratios():
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#767676") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("vision, a, b", [("deuteranomaly", "#e15759", "#59a14f"), ("protanomaly", "#e15759", "#9c755f")],
                         ids=["zorgpartner-gemeente", "zorgpartner-private-partner"])
def test_the_check_finds_the_old_palettes_clashes(vision, a, b):
    """The colours the page had before: apart for most readers, nearly the same under the simulated deficiency."""
    assert distance(a, b, "normal") >= DISTINCT and distance(a, b, vision) < DISTINCT / 2


@pytest.mark.parametrize("vision", VISION)
def test_colours_sharing_a_shape_stay_apart(vision):
    for family in FAMILIES:
        colours = [c.colour for c in looks(ONTOLOGY + k for k in family.kinds).values()]
        for a, b in combinations(colours, 2):
            assert distance(a, b, vision) >= DISTINCT, (family.name, a, b, vision)


@pytest.mark.parametrize("vision", VISION)
def test_cluster_colours_stay_apart(vision):
    for a, b in combinations(CLUSTER_PALETTE, 2):
        assert distance(a, b, vision) >= DISTINCT, (a, b, vision)


def test_every_mark_has_three_to_one_contrast_on_the_background():
    marks = [*KIND_PALETTE, *CLUSTER_PALETTE, SMALL_CLUSTER, THEME_COLOUR, LAW_COLOUR, looks([ONTOLOGY + "X"])[ONTOLOGY + "X"].colour]
    assert all(contrast(m) >= 3 for m in marks), {m: round(contrast(m), 2) for m in marks}
    assert all(contrast(tint(m)) < 1.5 for m in KIND_PALETTE), "an outlined figure's fill is light: its border is the mark"


def test_every_kind_in_the_network_has_its_own_shape_and_colour(store):
    graph = select_network(store, Selection(include=("programmes", "themes", "laws"))).graph
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    found = looks(kinds)
    assert all(look.family is not OTHER for look in found.values()), [k for k, look in found.items() if look.family is OTHER]
    pairs = [(look.family.shape, look.colour) for look in found.values()]
    assert len(set(pairs)) == len(pairs), "no two kinds look the same"
    assert len(kinds) >= 20
    marks = [(look.family.shape, look.fill) for look in found.values()]
    assert len(set(marks)) == len(marks), "no two kinds share figure and fill: they differ without colour too"


def test_within_a_family_each_kind_has_its_own_fill_and_the_families_start_on_other_colours():
    for family in FAMILIES:
        kinds = looks(ONTOLOGY + k for k in family.kinds)
        assert len({look.fill for look in kinds.values()}) == len(family.kinds), family.name
    first = [looks([ONTOLOGY + f.kinds[0]])[ONTOLOGY + f.kinds[0]].colour for f in FAMILIES[:4]]
    assert len(set(first)) == 4, "the first kinds of the four largest families do not share a colour"
    shapes = [f.shape for f in FAMILIES]
    assert len(set(shapes)) == len(shapes), "a figure per family"
    assert "triangle" not in shapes, "themes are no longer an upward triangle beside the gemeenten's downward one"
