"""How a node looks on the page and in Gephi: a figure per family of kinds, and within a family a fill and a colour
per kind; a group has a dashed ring around its kind's mark.

Kinds can be told apart without colour: the figure says the family (politie, rijk en justitie, …) and the fill the
kind within it (solid, open, striped, dotted), so a printout in grey or a colour-blind reader loses nothing. The
colours are safe for colour-blind readers too: within a family every two colours stay apart under simulated
deuteranopia and protanopia, and every mark has at least 3:1 contrast on the white background
(tests/test_network_style.py computes both). The kind colours are four of Okabe & Ito's and Tol's dark colours,
taken in a different order in each family so that the first kinds of the families do not all share one colour.
Programmes and laws are outlined figures (box, ellipse, cylinder), themes tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facts import RBV

BLUE, GREEN, WINE, BROWN = "#0072B2", "#009E73", "#882255", "#8C510A"
KIND_PALETTE = (BLUE, GREEN, WINE, BROWN)
# Cluster mode: the five largest clusters get a colour each (pairwise distinct under deuteranopia and protanopia
# as well); the smaller ones are grey. The fill still says the kind.
CLUSTER_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#332288", "#333333")
SMALL_CLUSTER = "#6f6f6f"
THEME_COLOUR, LAW_COLOUR, OTHER_COLOUR = "#9B6A00", "#333333", "#4d4d4d"
# The fills of the kinds of a family, in the family's order: organisations are solid, open (a thick border
# round white), striped or dotted; outlined figures (programmes, laws) are light, striped or dotted inside a border.
FILLS = ("vol", "open", "gestreept", "gestippeld")
OUTLINED_FILLS = ("licht", "gestreept", "gestippeld")


@dataclass(frozen=True)
class Family:
    """Kinds drawn with one figure; ``outlined``: a light fill inside a border in the colour, so that programmes
    and laws read as the context of the organisations."""

    name: str
    shape: str
    kinds: tuple[str, ...]
    outlined: bool = False


# Kinds by their local name in the rbv: namespace, in legend order. A kind not listed falls into "overige".
FAMILIES = (
    Family("politie", "dot", ("Politieonderdeel", "Politieorganisatie")),
    Family("rijk en justitie", "square", ("Ministerie", "Justitieorganisatie", "Inspectie")),
    Family("gemeenten, provincies en overheid", "triangleDown", ("Overheidsorganisatie", "Gemeente", "Provincie")),
    Family("zorg, kennis, bedrijven en samenleving", "hexagon",
           ("Zorgpartner", "MaatschappelijkeOrganisatie", "Kennisinstelling", "PrivatePartner")),
    Family("samenwerkingsverbanden en overige", "star", ("Samenwerkingsverband", "Groep", "Organisatie")),
    Family("programma's, projecten en maatregelen", "box", ("Programma", "Project", "Maatregel"), outlined=True),
    Family("werkwijzen, gebeurtenissen en activiteiten", "ellipse", ("Werkwijze", "Gebeurtenis", "Activiteit"),
           outlined=True),
    Family("wetten en regels", "database", ("Regelgeving",), outlined=True),
    Family("thema's", "tag", ("Thema",)),
)
OTHER = Family("overige", "star", ())
_FIXED = {"Thema": THEME_COLOUR, "Regelgeving": LAW_COLOUR}


@dataclass(frozen=True)
class Look:
    family: Family
    colour: str
    fill: str


def _local(kind: str) -> str | None:
    return kind[len(RBV):] if kind.startswith(RBV) else None


def looks(kinds) -> dict[str, Look]:
    """Kind IRI → its family, colour and fill: a listed kind takes the fill of its place in its family and a palette
    colour (the palette starts at another colour in each family); the others are 'overige', in one dark grey, open
    (they are rare; the legend and the tooltip name them)."""
    result = {}
    for kind in sorted(kinds):
        local = _local(kind)
        family = next((f for f in FAMILIES if local in f.kinds), OTHER)
        if family is OTHER:
            result[kind] = Look(OTHER, OTHER_COLOUR, "open")
            continue
        place, start = family.kinds.index(local), FAMILIES.index(family)
        colour = _FIXED.get(local) or KIND_PALETTE[(place + start) % len(KIND_PALETTE)]
        result[kind] = Look(family, colour, (OUTLINED_FILLS if family.outlined else FILLS)[place])
    return result


def kind_colours(kinds) -> dict[str, str]:
    """Kind IRI → colour (for GEXF)."""
    return {kind: look.colour for kind, look in looks(kinds).items()}


def tint(colour: str, white: float = 0.85) -> str:
    """The colour mixed with white: the fill of an outlined figure."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in (r, g, b))


def cluster_colours(count: int) -> list[str]:
    """Colour of clusters 1..count: the palette for the largest, grey for the rest."""
    return list(CLUSTER_PALETTE[:count]) + [SMALL_CLUSTER] * max(0, count - len(CLUSTER_PALETTE))
