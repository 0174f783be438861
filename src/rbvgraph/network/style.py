"""How a node looks on the page and in Gephi: a shape per family of kinds and a colour per kind within it.

The colours are safe for colour-blind readers: within a family (same shape) every two colours stay apart under
simulated deuteranopia and protanopia, and every mark has at least 3:1 contrast on the white background
(tests/test_network_style.py computes both). The kind colours are four of Okabe & Ito's and Tol's dark colours;
a family never has more kinds than colours. Programmes, themes and laws are drawn differently from organisations:
programmes and laws as outlined figures (box, ellipse, cylinder), themes as triangles.
"""

from __future__ import annotations

from dataclasses import dataclass

from .facts import RBV

BLUE, GREEN, WINE, BROWN = "#0072B2", "#009E73", "#882255", "#8C510A"
KIND_PALETTE = (BLUE, GREEN, WINE, BROWN)
# Cluster mode: the five largest clusters get a colour each (pairwise distinct under deuteranopia and protanopia
# as well); the smaller ones are drawn hollow, with a grey border.
CLUSTER_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#332288", "#333333")
HOLLOW = {"background": "#ffffff", "border": "#6f6f6f", "tint": "#ffffff"}
THEME_COLOUR, LAW_COLOUR, OTHER_COLOUR = "#9B6A00", "#333333", "#4d4d4d"


@dataclass(frozen=True)
class Family:
    """Kinds drawn with one shape; ``outlined``: an outlined figure (a light fill inside a border in the colour),
    so that programmes and laws read as the context of the organisations."""

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
    Family("thema's", "triangle", ("Thema",)),
)
OTHER = Family("overige", "star", ())
GROUP_SHAPE = "diamond"  # a group ("gemeenten in Noord-Nederland") is a diamond in its kind's colour
_FIXED = {"Thema": THEME_COLOUR, "Regelgeving": LAW_COLOUR}


@dataclass(frozen=True)
class Look:
    family: Family
    colour: str


def _local(kind: str) -> str | None:
    return kind[len(RBV):] if kind.startswith(RBV) else None


def looks(kinds) -> dict[str, Look]:
    """Kind IRI → its family and colour: a listed kind takes the palette colour of its place in its family; the
    others are 'overige', in one dark grey (they are rare; the legend and the tooltip name them)."""
    result = {}
    for kind in sorted(kinds):
        local = _local(kind)
        family = next((f for f in FAMILIES if local in f.kinds), OTHER)
        colour = _FIXED.get(local) or (KIND_PALETTE[family.kinds.index(local)] if family is not OTHER else OTHER_COLOUR)
        result[kind] = Look(family, colour)
    return result


def kind_colours(kinds) -> dict[str, str]:
    """Kind IRI → colour (for GEXF)."""
    return {kind: look.colour for kind, look in looks(kinds).items()}


def tint(colour: str, white: float = 0.85) -> str:
    """The colour mixed with white: the fill of an outlined figure."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in (r, g, b))


def cluster_colours(count: int) -> list[dict]:
    """Colour (background, border, and the fill of an outlined figure) of clusters 1..count: the palette for
    the largest, hollow for the rest."""
    return [{"background": c, "border": c, "tint": tint(c)} for c in CLUSTER_PALETTE[:count]] + [HOLLOW] * max(0, count - len(CLUSTER_PALETTE))


def label_tiers(ranked: list[str]) -> dict[str, int]:
    """Node → 1, 2 or 3: the most central names are drawn first (tier 1 already at the overview), the rest as you zoom
    in. Tier 1 is the first 4 % (at least 8), tier 2 the next up to 15 % (at least 20)."""
    first = max(8, round(len(ranked) * 0.04))
    second = max(20, round(len(ranked) * 0.15))
    return {n: 1 if i < first else 2 if i < second else 3 for i, n in enumerate(ranked)}
