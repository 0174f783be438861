"""The data as a whole: every file parses, every entity is labelled and placed, every relation is quoted."""

from __future__ import annotations

import hashlib
import re

import pytest

from rbvgraph.graph.parse import parse_file
from rbvgraph.project import project
from rbvgraph.validation.checks import relations_without_evidence
from rbvgraph.validation.describe import Describer
from rbvgraph.validation.sources import misquotes
from rbvgraph.validation.validate import Shapes
from rbvgraph.vocab import INSTANCES, ONTOLOGY

from . import provenance
from .helpers import select

FILES = project().source_files()
REPORT_SHA256 = "b002fcf13766721db0d9bef3c9c1ecf38da0f1b3b190a06768e327b78ea49a9d"  # the text the data was drawn from


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(project().root).as_posix() for p in FILES])
def test_every_rdf_file_parses(path):
    assert parse_file(path), f"{path} holds no triples"


def test_every_ontology_term_has_dutch_and_english_labels_and_a_definition(store):
    rows = select(store, f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?t WHERE {{
          VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
          ?t a ?kind . FILTER(STRSTARTS(STR(?t), "{ONTOLOGY}"))
          FILTER(NOT EXISTS {{ ?t rdfs:label ?nl FILTER(LANG(?nl) = "nl") }}
              || NOT EXISTS {{ ?t rdfs:label ?en FILTER(LANG(?en) = "en") }}
              || NOT EXISTS {{ ?t skos:definition ?d }})
        }}""")
    assert rows == []


def test_ontology_has_terms(store):
    (count,) = select(store, f"""PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE {{ ?t a ?k FILTER(STRSTARTS(STR(?t), "{ONTOLOGY}")) }}""")[0]
    assert int(count) >= 80


def test_every_instance_has_a_dutch_label_and_a_section_or_source(store):
    rows = select(store, f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX rbv: <{ONTOLOGY}>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX qb: <http://purl.org/linked-data/cube#>
        SELECT DISTINCT ?x ?why WHERE {{
          ?x a ?class . FILTER(STRSTARTS(STR(?x), "{INSTANCES}"))
          FILTER NOT EXISTS {{ ?x a qb:Observation }} FILTER NOT EXISTS {{ ?x a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }} FILTER NOT EXISTS {{ ?x a rbv:ExterneBron }}
          BIND(IF(NOT EXISTS {{ ?x rdfs:label ?l FILTER(LANG(?l) = "nl") }}, "no Dutch label",
               IF(NOT EXISTS {{ ?x a rbv:Sectie }} && NOT EXISTS {{ ?x a rbv:Jaarverslag }}
                  && NOT EXISTS {{ ?x rbv:vermeldIn ?s }} && NOT EXISTS {{ ?e rdf:subject ?x ; rbv:bron ?b }},
                  "no section (rbv:vermeldIn) and no outside source", "")) AS ?why)
          FILTER(?why != "")
        }} ORDER BY ?x""")
    assert rows == []


def test_every_relation_between_named_things_has_evidence(store):
    assert relations_without_evidence(store) == []


def test_every_evidence_node_supports_an_asserted_triple(store):
    assert [str(p) for p in provenance.evidence_without_relation(store)] == []


def test_every_outside_fact_names_its_source(store):
    assert [str(p) for p in provenance.external_facts_without_source(store)] == []


def test_every_quote_stands_verbatim_in_its_section(store, proj):
    describe = Describer(store, proj)
    assert [str(v) for v in misquotes(store, proj, describe, Shapes.load(proj).messages)] == []


def test_the_report_text_ships_with_the_project_byte_for_byte(proj, report):
    shared = proj.root.parent / "shared" / "source" / "000_a077b94e73753f08.txt"
    shipped = proj.report_text("jaarverslag-2023").read_bytes()
    if shared.is_file():  # the copy the project was drafted from, where it is at hand
        assert shipped == shared.read_bytes()
    assert hashlib.sha256(shipped).hexdigest() == REPORT_SHA256
    assert len(report.sections) == 47 and report.sections["2.1.4"].title == "Samenwerking"


def test_no_two_organisations_share_a_preferred_label(store):
    rows = select(store, """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX rbv: <https://w3id.org/rbvgraph/def#>
        SELECT ?label (COUNT(DISTINCT ?x) AS ?n) WHERE {
          ?x skos:prefLabel ?label . 
        } GROUP BY ?label HAVING (COUNT(DISTINCT ?x) > 1)""")
    assert rows == []


def _own_text(report, number: str) -> str:
    """A section's text up to its first sub-section, without its own heading."""
    section = report.sections[number]
    text = section.text
    children = [n for n in report.sections if n.startswith(number + ".") and n.count(".") == number.count(".") + 1]
    if children:
        first = report.sections[children[0]]
        text = text[: text.index(f"{first.number} {first.title}")]
    for heading in (f"{number}. {section.title}", f"{number} {section.title}", f"{number}.", number, section.title):
        if text.startswith(heading):
            text = text[len(heading):]
    return text.strip(" .")


def test_every_section_with_text_of_its_own_has_a_fact(store, report):
    rows = select(store, f"""PREFIX rbv: <{ONTOLOGY}>
        SELECT DISTINCT ?n WHERE {{ ?e a rbv:Bewijs ; rbv:sectie/rbv:sectienummer ?n }}""")
    with_facts = {n for (n,) in rows}
    observations = select(store, f"""PREFIX qb: <http://purl.org/linked-data/cube#> PREFIX rbv: <{ONTOLOGY}>
        SELECT (COUNT(?o) AS ?n) WHERE {{ ?o a qb:Observation ; qb:dataSet/rbv:vermeldIn/rbv:sectienummer "Bijlage 3" }}""")
    if int(observations[0][0]) > 0:
        with_facts.add("Bijlage 3")
    with_text = {n for n in report.sections if _own_text(report, n)}
    assert with_text - with_facts == set()
    assert set(report.sections) - with_text == {"1.2", "2.2", "3.1", "4", "4.2", "4.3", "5"}, \
        "only these headings stand directly above a sub-section (checked by hand)"
    assert len(report.sections) == 47


def test_facts_from_a_footnote_cite_the_section_of_its_marker_with_the_footnote_number(store, report):
    """A footnote the PDF prints after a page break under a later heading (70 and 71 of 3.1.4 under 3.2) still
    belongs to the section whose text carries its marker; the evidence says which footnote, and the cited page."""
    assert report.footnotes[70].section == "3.1.4" and report.footnotes[70].printed_in == "3.2"
    assert len(report.footnotes) == 98
    rows = select(store, f"""PREFIX rbv: <{ONTOLOGY}>
        SELECT ?quote ?number (SAMPLE(?n) AS ?footnote) (SAMPLE(?pg) AS ?page) WHERE {{
          ?e rbv:citaat ?quote ; rbv:sectie/rbv:sectienummer ?number
          OPTIONAL {{ ?e rbv:voetnoot ?n }} OPTIONAL {{ ?e rbv:pagina ?pg }} }} GROUP BY ?e ?quote ?number""")
    wrong, checked = [], 0
    for quote, number, footnote, page in rows:
        note = report.footnote_of(quote)
        if note is None or report.quote_in_section(quote, number) and not _in_a_footnote_only(report, quote, number):
            continue
        checked += 1
        cited = re.search(r"\bp\. ?(\d+(?:[-–]\d+)?)", note.text)
        if (number, footnote, page) != (note.section, str(note.number), cited.group(1) if cited else None):
            wrong.append((quote[:50], number, footnote, page, note.section, note.number))
    assert wrong == []
    assert checked > 150


def _in_a_footnote_only(report, quote, number) -> bool:
    """Whether ``quote`` stands in the section's footnotes and not in its running text."""
    from rbvgraph.validation.source import normalise

    body = report.sections[number].text
    for note in report.footnotes.values():
        body = body.replace(note.text, "")
    return normalise(quote) not in body


def test_every_section_reaches_its_report_in_at_most_four_steps(store):
    """documenten-per-thema and the report parameter follow dcterms:isPartOf in explicit steps (a * path loses rows
    on Virtuoso 7): no section lies deeper than four steps below its report, a rbv:Jaarverslag."""
    rows = select(store, """
        PREFIX rbv: <https://w3id.org/rbvgraph/def#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?sectie ?verslag WHERE { ?sectie a rbv:Sectie .
          OPTIONAL { { ?sectie dcterms:isPartOf ?verslag } UNION { ?sectie dcterms:isPartOf/dcterms:isPartOf ?verslag }
                     UNION { ?sectie dcterms:isPartOf/dcterms:isPartOf/dcterms:isPartOf ?verslag }
                     UNION { ?sectie dcterms:isPartOf/dcterms:isPartOf/dcterms:isPartOf/dcterms:isPartOf ?verslag }
                     ?verslag a rbv:Jaarverslag } }""")
    assert len(rows) == 47  # the Voorwoord, chapters, paragraphs and Bijlagen of the Jaarverslag 2023
    assert [row for row in rows if row[1] is None] == []
