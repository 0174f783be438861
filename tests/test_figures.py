"""Bijlage 3 "Cijfers": the Data Cube in data/triples/jaarverslag-2023/bijlage-3.ttl against Tabel 1 as the report prints it.

The table is read from the report's own text with a small parser (cells are tab-separated), so a cell typed
wrong in the Turtle, a cell left out or a cell invented makes a test fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from rbvgraph.vocab import ONTOLOGY, PREFIXES

from .helpers import select

YEARS = ("2023", "2022", "2021", "2020", "2019", "2018")
DS = PREFIXES["ds"]
IND = PREFIXES["ind"]
OBS = PREFIXES["obs"]
XSD = PREFIXES["xsd"]
UNIT = {"aantal": DS + "eenheid-aantal", "procent": DS + "eenheid-procent", "miljoen-euro": DS + "eenheid-miljoen-euro"}

P = f"""PREFIX rbv: <{ONTOLOGY}> PREFIX qb: <{PREFIXES['qb']}> PREFIX rdfs: <{PREFIXES['rdfs']}>
PREFIX skos: <{PREFIXES['skos']}> PREFIX ds: <{DS}> PREFIX ind: <{IND}> PREFIX obs: <{OBS}> PREFIX xsd: <{XSD}>
"""


# ---------------------------------------------------------------- the table, read from the report


@dataclass(frozen=True)
class Cell:
    value: Decimal
    unit: str  # key of UNIT
    provisional: bool


@dataclass
class Row:
    label: str
    category: str
    target: Cell | None
    cells: dict[str, Cell | None] = field(default_factory=dict)  # year -> cell, None for "-"


def parse_cell(text: str) -> Cell | None:
    """'9.827' -> 9827 aantal, '62%' -> 62 procent, '€ 6,4 mln' -> 6.4 miljoen euro, '136*' provisional, '-' None."""
    t = " ".join(text.split())
    if t == "-":
        return None
    provisional = t.endswith("*")
    t = t.rstrip("*").strip()
    m = re.fullmatch(r"€ ?([\d.,]+) mln", t)
    if m:
        unit, number = "miljoen-euro", m.group(1)
    elif t.endswith("%"):
        unit, number = "procent", t[:-1]
    else:
        unit, number = "aantal", t
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", number), f"unreadable cell {text!r}"
    return Cell(Decimal(number.replace(".", "").replace(",", ".")), unit, provisional)


def parse_table(raw: str) -> list[Row]:
    lines = raw.splitlines()
    start = lines.index("Bijlage 3. Cijfers")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("* voorlopige cijfers"))
    rows: list[Row] = []
    top = sub = None
    for line in lines[start + 1:end]:
        if "\t" not in line:
            continue  # blank lines and the caption "Tabel 1. …"
        cells = line.split("\t")
        assert len(cells) == 8, f"expected label, Doel and six years: {line!r}"
        if cells[0].startswith("- "):
            row = Row(cells[0][2:], f"{top} / {sub}" if sub else top, parse_cell(cells[1]))
            row.cells = dict(zip(YEARS, (parse_cell(c) for c in cells[2:])))
            rows.append(row)
        elif tuple(cells[2:]) == YEARS:  # a main heading repeats the year columns
            top, sub = cells[0], None
        else:  # a sub-heading with empty cells
            assert not any(cells[1:]), line
            sub = cells[0]
    return rows


@pytest.fixture(scope="module")
def table(report) -> list[Row]:
    return parse_table(report.raw)


def cells_of(table, keep=lambda cell: True):
    return {(row.label, year): cell for row in table for year, cell in row.cells.items() if keep(cell)}


def unit_of(row: Row) -> str:
    units = {c.unit for c in row.cells.values() if c} | ({row.target.unit} if row.target else set())
    assert len(units) == 1, f"{row.label}: mixed units {units}"
    return units.pop()


# ---------------------------------------------------------------- the graph


def observations(store) -> dict[tuple[str, str], tuple[Decimal, str, str, str | None]]:
    """(indicator label, year) -> (value, unit, datatype of the value, voorlopig) for every observation."""
    rows = select(store, P + """
        SELECT ?label ?year ?value ?unit (STR(DATATYPE(?value)) AS ?dt) (STR(DATATYPE(?year)) AS ?ydt) ?prov ?obs
        WHERE {
          ?obs a qb:Observation ; qb:dataSet ds:bijlage-3 ; rbv:indicator ?ind ; rbv:jaar ?year ;
               rbv:waarde ?value ; rbv:eenheid ?unit .
          ?ind rdfs:label ?label FILTER(LANG(?label) = "nl")
          OPTIONAL { ?obs rbv:voorlopig ?prov }
        }""")
    result = {}
    for label, year, value, unit, dt, ydt, prov, obs in rows:
        assert ydt == XSD + "integer", f"{obs}: year {year} is not a year number (xsd:integer)"
        assert (label, year) not in result, f"two observations for {label}, {year}"
        result[(label, year)] = (Decimal(value), unit, dt, prov)
    return result


def indicators(store) -> dict[str, dict]:
    rows = select(store, P + """
        SELECT ?ind ?label ?cat ?unit ?doel ?richting ?bron WHERE {
          ?ind a rbv:Indicator ; skos:inScheme ind:schema ; rdfs:label ?label FILTER(LANG(?label) = "nl")
          OPTIONAL { ?ind rbv:categorie ?cat } OPTIONAL { ?ind rbv:eenheid ?unit }
          OPTIONAL { ?ind rbv:doel ?doel } OPTIONAL { ?ind rbv:doelrichting ?richting }
          OPTIONAL { ?ind rbv:tabelbron ?bron }
        }""")
    result = {}
    for iri, label, cat, unit, doel, richting, bron in rows:
        assert label not in result, f"{label}: two indicators, or one with several categories, units or targets"
        result[label] = dict(iri=iri, category=cat, unit=unit, target=Decimal(doel) if doel else None,
                             direction=richting, source=bron)
    return result


# ---------------------------------------------------------------- the table as read (so the parser is checked too)


def test_the_table_has_the_rows_and_cells_counted_by_hand(table):
    assert len(table) == 36
    assert len(cells_of(table, lambda c: c is not None)) == 202
    assert len(cells_of(table, lambda c: c is None)) == 14
    assert len(cells_of(table, lambda c: c is not None and c.provisional)) == 3
    assert sum(1 for row in table if row.target) == 15
    assert table[0].label == "Aantal meldingen overlast jeugd" and table[-1].label == "Asielaanvragen nationaal (bron IND)"


# ---------------------------------------------------------------- graph against table


def test_every_numeric_cell_is_an_observation_with_its_value_unit_and_year(store, table):
    expected = {key: (cell.value, UNIT[cell.unit], XSD + "decimal") for key, cell in cells_of(table, lambda c: c is not None).items()}
    actual = {key: (value, unit, dt) for key, (value, unit, dt, _) in observations(store).items()}
    missing = sorted(set(expected) - set(actual))
    assert missing == [], f"cells without an observation: {missing}"
    wrong = sorted((key, expected[key], actual[key]) for key in expected if expected[key] != actual[key])
    assert wrong == [], f"observations that differ from the table: {wrong}"


def test_no_observation_for_a_dash_cell(store, table):
    dashes = set(cells_of(table, lambda c: c is None))
    assert sorted(dashes & set(observations(store))) == []


def test_no_observation_that_the_table_does_not_hold(store, table):
    assert sorted(set(observations(store)) - set(cells_of(table, lambda c: c is not None))) == []


def test_exactly_the_starred_cells_are_provisional(store, table):
    starred = set(cells_of(table, lambda c: c is not None and c.provisional))
    obs = observations(store)
    flagged = {key for key, (*_, prov) in obs.items() if prov is not None}
    assert flagged == starred
    assert {obs[key][3] for key in flagged} == {"true"}


def test_every_target_is_the_indicators_doel_in_its_unit(store, table):
    graph = indicators(store)
    expected = {row.label: (row.target.value, UNIT[row.target.unit], "minimum") for row in table if row.target}
    actual = {label: (i["target"], i["unit"], i["direction"]) for label, i in graph.items() if i["target"] is not None}
    assert actual == expected
    assert sorted(label for label, i in graph.items() if i["direction"] and i["target"] is None) == []


def test_every_row_is_an_indicator_with_its_category_unit_and_source(store, table):
    graph = indicators(store)
    assert set(graph) == {row.label for row in table}
    for row in table:
        source = re.search(r"\(bron (\w+)\)", row.label)
        assert (graph[row.label]["category"], graph[row.label]["unit"], graph[row.label]["source"]) == (
            row.category, UNIT[unit_of(row)], source.group(1) if source else None), row.label


def test_counts_in_the_graph(store):
    (n_ind,) = select(store, P + "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a rbv:Indicator ; skos:inScheme ind:schema }")[0]
    (n_obs,) = select(store, P + "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o a qb:Observation ; qb:dataSet ds:bijlage-3 }")[0]
    (n_prov,) = select(store, P + "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o qb:dataSet ds:bijlage-3 ; rbv:voorlopig true }")[0]
    (n_doel,) = select(store, P + "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i skos:inScheme ind:schema ; rbv:doel ?d }")[0]
    assert (int(n_ind), int(n_obs), int(n_prov), int(n_doel)) == (36, 202, 3, 15)


def test_observation_iris_name_indicator_and_year(store):
    rows = select(store, P + """
        SELECT ?o ?i ?y WHERE { ?o qb:dataSet ds:bijlage-3 ; rbv:indicator ?i ; rbv:jaar ?y }""")
    wrong = [o for o, i, y in rows if o != OBS + i.removeprefix(IND) + "-" + y]
    assert wrong == []


# ---------------------------------------------------------------- cells checked by hand


@pytest.mark.parametrize("obs, value, unit, provisional", [
    ("afgepakt-financieel-vermogen-boom-2023", "8.8", "miljoen-euro", False),
    ("afgepakt-financieel-vermogen-boom-2018", "13.8", "miljoen-euro", False),
    ("cybercrime-aantal-onderzoeken-2019", "62", "aantal", False),
    ("aantal-meldingen-overlast-jeugd-2023", "9827", "aantal", False),
    ("asielaanvragen-nationaal-2023", "49892", "aantal", False),
    ("ophelderingspercentage-geweldsmisdrijven-2020", "64", "procent", False),
    ("dossier-kinderporno-afgerond-binnen-7-mnd-2023", "0", "procent", False),
    ("hennep-plantages-geruimd-2023", "136", "aantal", True),
    ("synthetische-drugs-aangetroffen-dumplocaties-2023", "11", "aantal", True),
    ("hennep-plantages-geruimd-2022", "131", "aantal", False),
])
def test_cells_checked_by_hand(store, obs, value, unit, provisional):
    rows = select(store, P + f"""
        SELECT ?v ?u (EXISTS {{ obs:{obs} rbv:voorlopig true }} AS ?p) WHERE {{ obs:{obs} rbv:waarde ?v ; rbv:eenheid ?u }}""")
    assert [(Decimal(v), u, p) for v, u, p in rows] == [(Decimal(value), UNIT[unit], "true" if provisional else "false")]


@pytest.mark.parametrize("ind, doel, unit, category, source", [
    ("cybercrime-aantal-onderzoeken", "27", "aantal", "Criminaliteit / Cybercrime", None),
    ("afgepakt-financieel-vermogen-boom", "8.8", "miljoen-euro", "Criminaliteit / Afpakken", None),
    ("afpakken-aantal-zaken", "200", "aantal", "Criminaliteit / Afpakken", "politie"),
    ("prio-1-percentage-binnen-15-min", "80", "procent", "Dienstverlening / Reactietijden", None),
    ("asielaanvragen-nationaal", None, "aantal", "Vreemdelingen", "IND"),
    ("aantal-meldingen-overlast-jeugd", None, "aantal", "Openbare orde", None),
])
def test_indicators_checked_by_hand(store, ind, doel, unit, category, source):
    rows = select(store, P + f"""
        SELECT ?d ?u ?c ?b WHERE {{ ind:{ind} rbv:eenheid ?u ; rbv:categorie ?c
          OPTIONAL {{ ind:{ind} rbv:doel ?d }} OPTIONAL {{ ind:{ind} rbv:tabelbron ?b }} }}""")
    assert [(Decimal(d) if d else None, u, c, b) for d, u, c, b in rows] == [
        (Decimal(doel) if doel else None, UNIT[unit], category, source)]


def test_no_observation_for_hand_checked_dash_cells(store):
    for obs in ("huiselijk-geweld-incidenten-2018", "cybercrime-verdachten-om-2020",
                "onderzoeken-gedigitaliseerde-criminaliteit-2021", "percentage-sash-formulier-bij-hg-2018"):
        assert select(store, f"SELECT ?p ?o WHERE {{ <{OBS + obs}> ?p ?o }}") == [], obs


def test_data_structure_definition(store):
    rows = select(store, P + """
        SELECT ?kind ?prop WHERE { ds:bijlage-3 qb:structure ?dsd . ?dsd a qb:DataStructureDefinition ; qb:component ?c .
          VALUES ?kind { qb:dimension qb:measure qb:attribute } ?c ?kind ?prop }""")
    q = PREFIXES["qb"]
    assert sorted(rows) == sorted([(q + "dimension", ONTOLOGY + "indicator"), (q + "dimension", ONTOLOGY + "jaar"),
                                   (q + "measure", ONTOLOGY + "waarde"), (q + "attribute", ONTOLOGY + "eenheid"),
                                   (q + "attribute", ONTOLOGY + "voorlopig")])

