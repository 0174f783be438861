"""`rbvgraph validate`, `rbvgraph reason` and the validation in `build`: the real data conforms; a syntax error,
a missing quote, a wrong CBS code and a contradiction are each caught and said in words; exit codes 0, 1 and 2;
a build of a graph that does not conform keeps the previous build."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from .helpers import load_store
from rbvgraph.graph import open_graph
from rbvgraph.validation.validate import validate

from .projects import make_project

VALID = """
rbvo:om a rbv:Justitieorganisatie ; rdfs:label "Openbaar Ministerie"@nl ; skos:prefLabel "Openbaar Ministerie"@nl .
rbvo:politie a rbv:Politieorganisatie ; rdfs:label "politie"@nl .
sec:2 a rbv:Sectie ; rdfs:label "2 Ondermijnende criminaliteit"@nl ; rbv:sectienummer "2" ;
    dcterms:isPartOf doc:jaarverslag-2023 .
doc:jaarverslag-2023 a rbv:Jaarverslag ; rdfs:label "Jaarverslag 2023"@nl .
rbvo:om rbv:werktSamenMet rbvo:politie .
[] a rbv:Bewijs ; rdf:subject rbvo:om ; rdf:predicate rbv:werktSamenMet ; rdf:object rbvo:politie ;
    rbv:sectie sec:2 ; rbv:citaat "Samen met gemeenten, het OM en de politie"@nl .
"""

# Only the reasoner sees this one: 'bekleedt' has the domain rbv:Persoon, and a gemeente is an organisation.
CONTRADICTION = VALID + """
@prefix functie: <https://w3id.org/rbvgraph/id/functie/> .
rbvo:gemeente-ameland a rbv:Gemeente ; rdfs:label "gemeente Ameland"@nl ; rbv:cbsCode "GM0060" ;
    rbv:bekleedt functie:regioburgemeester .
functie:regioburgemeester a rbv:Functie ; rdfs:label "Regioburgemeester"@nl .
[] a rbv:Bewijs ; rdf:subject rbvo:gemeente-ameland ; rdf:predicate rbv:cbsCode ; rdf:object "GM0060" ; rbv:bron sec:2 .
[] a rbv:Bewijs ; rdf:subject rbvo:gemeente-ameland ; rdf:predicate rbv:bekleedt ; rdf:object functie:regioburgemeester ;
    rbv:sectie sec:2 ; rbv:citaat "Samen met gemeenten"@nl .
"""


def test_the_real_data_conforms(proj):
    report = validate(open_graph(proj, "owlrl"))
    assert [str(v) for v in report.errors] == []
    assert all(v.rule == "rbv-shapes:GemeenteShape-cbscode-ontbreekt" for v in report.warnings), "only known warnings"


def test_validate_exits_0_and_says_so_when_the_graph_conforms(cli_run, tmp_path):
    home = make_project(tmp_path / "p", files=(), extra={"klein.ttl": VALID}).root
    code, out, err = cli_run("validate", home=home)
    assert (code, out) == (0, "")
    assert err.strip() == "ok: 1 data file conforms to the 12 shapes of ontology/shapes.ttl and to the ontology"


GEMEENTE = """
@prefix bron: <https://w3id.org/rbvgraph/id/bron/> .
bron:cbs a rbv:ExterneBron ; rdfs:label "CBS"@nl .
rbvo:provincie-fryslan a rbv:Provincie ; rdfs:label "provincie Fryslân"@nl .
"""


def test_a_gemeente_in_noord_nederland_needs_its_code_another_one_only_warns(cli_run, tmp_path):
    nn = GEMEENTE + """rbvo:gemeente-ameland a rbv:Gemeente ; rdfs:label "gemeente Ameland"@nl ; rbv:provincie rbvo:provincie-fryslan .
[] a rbv:Bewijs ; rdf:subject rbvo:gemeente-ameland ; rdf:predicate rbv:provincie ; rdf:object rbvo:provincie-fryslan ; rbv:bron bron:cbs .
"""
    code, out, err = cli_run("validate", "--inference", "none", home=make_project(tmp_path / "nn", (), {"g.ttl": nn}).root)
    assert code == 1
    assert [line.rsplit(" [", 1)[-1] for line in out.splitlines()] == ["rbv-shapes:GemeenteShape-cbscode-noord-nederland]"]
    elsewhere = GEMEENTE + 'rbvo:gemeente-amsterdam a rbv:Gemeente ; rdfs:label "gemeente Amsterdam"@nl .\n'
    code, out, err = cli_run("validate", "--inference", "none", home=make_project(tmp_path / "a", (), {"g.ttl": elsewhere}).root)
    assert code == 0
    assert out.splitlines() == [
        "waarschuwing: data/triples/g.ttl: gemeente Amsterdam (rbvo:gemeente-amsterdam): Deze gemeente heeft nog geen "
        "CBS-code: voeg die toe in data/triples/extern/, met de bron, zodra hij geverifieerd is. "
        "[rbv-shapes:GemeenteShape-cbscode-ontbreekt]"]
    assert err.strip().endswith("(1 warning)")


def test_help_documents_the_exit_codes(cli_run):
    code, out, _ = cli_run("validate", "--help")
    assert code == 0
    assert "Exit codes:" in out
    for line in ("0  the graph conforms", "1  it does not", "2  it could not be loaded"):
        assert line in out


def test_turtle_syntax_error_exits_2_with_one_line_naming_file_and_line(cli_run, project_copy):
    broken = project_copy / "data" / "triples" / "h9-kapot.ttl"
    broken.write_text("@prefix rbvo: <https://w3id.org/rbvgraph/id/organisatie/> .\n\nrbvo:a rbvo:b .\n", encoding="utf-8")
    code, out, err = cli_run("validate", home=project_copy)
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and err.startswith("rbvgraph: error: ")
    assert f"{broken}:3" in err and "Traceback" not in err


def _new_lines(cli_run, home, edit):
    """The lines validate prints after ``edit`` that it did not print before (the real data may have problems of
    its own; this isolates the one the test makes)."""
    _, before, _ = cli_run("validate", "--inference", "none", home=home)
    edit()
    code, after, err = cli_run("validate", "--inference", "none", home=home)
    assert code == 1, err
    return sorted(set(after.splitlines()) - set(before.splitlines()))


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_missing_quote_is_named_by_the_statement_and_the_message(cli_run, project_copy):
    actoren = project_copy / "data" / "triples" / "actoren.ttl"
    lines = _new_lines(cli_run, project_copy, lambda: _replace(
        actoren, 'rbv:sectie sec:bijlage-2 ; rbv:citaat "Bestuurlijk Ondersteuningsteam (RIEC)"@nl .', "rbv:sectie sec:bijlage-2 ."))
    node = "data/triples/actoren.ttl: bewijs voor ‘Bestuurlijk Ondersteuningsteam — is onderdeel van — RIEC Noord-Nederland’"
    assert lines == [
        f"{node} — citaat (rbv:citaat): Bij een sectie hoort een letterlijk citaat uit die sectie (rbv:citaat \"…\"@nl). "
        "[rbv-shapes:BewijsShape-citaat-bij-sectie]",
        f"{node}: Een bewijs heeft een letterlijk citaat uit het verslag (rbv:citaat, met de sectie in rbv:sectie), of een "
        "externe bron (rbv:bron). [rbv-shapes:BewijsShape-herkomst]",
    ]


def test_a_wrong_cbs_code_is_caught_with_the_right_message(cli_run, project_copy):
    gemeenten = project_copy / "data" / "triples" / "extern" / "gemeenten.ttl"
    lines = _new_lines(cli_run, project_copy, lambda: _replace(gemeenten, '"GM0060"', '"GM60"'))
    assert lines == [
        'data/triples/extern/gemeenten.ttl: gemeente Ameland (rbvo:gemeente-ameland) — CBS-code (rbv:cbsCode): Een '
        'CBS-code van een gemeente is GM gevolgd door vier cijfers, zoals "GM0014", en een gemeente heeft er hoogstens '
        'één (rbv:cbsCode, met de bron in data/triples/extern/). (waarde: "GM60") [rbv-shapes:GemeenteShape-cbscode]']


def test_a_contradiction_only_the_reasoner_sees_is_reported(cli_run, tmp_path):
    home = make_project(tmp_path / "p", files=(), extra={"klein.ttl": CONTRADICTION}).root
    assert cli_run("validate", "--inference", "none", home=home)[0] == 0
    code, out, err = cli_run("validate", home=home)
    assert code == 1
    assert out.splitlines() == [
        "data/triples/klein.ttl: gemeente Ameland (rbvo:gemeente-ameland) — soort (rdf:type): Dit ding is zowel "
        "organisatie (rbv:Organisatie) als persoon (rbv:Persoon), en die soorten sluiten elkaar uit. Kijk naar zijn "
        "soort (rdf:type) en naar de relaties die het heeft: het domein of bereik van een relatie kan het een soort "
        "geven. [owl:AllDisjointClasses]"]
    assert err.strip() == "1 problem in 1 file"
    code, out, err = cli_run("reason", "-f", "nt", home=home)
    assert code == 1
    assert "contradiction: data/triples/klein.ttl: gemeente Ameland" in err


def test_a_value_that_does_not_fit_its_datatype_is_reported(tmp_path):
    proj = make_project(tmp_path / "p", files=(), extra={"klein.ttl": VALID + '\nrbvo:om rbv:startjaar "2O23"^^xsd:integer .\n'})
    violations = validate(open_graph(proj)).violations
    assert [(v.rule, v.prop, v.value) for v in violations] == [("xsd:integer", "startjaar (rbv:startjaar)", '"2O23"')]


def test_reason_writes_the_inferred_triples_and_uses_the_cache(cli_run, tmp_path, monkeypatch):
    monkeypatch.setenv("RBVGRAPH_CACHE", str(tmp_path / "cache"))
    home = make_project(tmp_path / "p", files=(), extra={"klein.ttl": VALID}).root
    out = tmp_path / "inferred.nt"
    code, _, err = cli_run("reason", "-f", "nt", "-o", out, home=home)
    assert code == 0 and "computed" in err
    triples = {(q.subject.value, q.predicate.value, q.object.value) for q in ox.parse(path=out, format=ox.RdfFormat.N_TRIPLES)}
    o = "https://w3id.org/rbvgraph/id/organisatie/"
    assert (o + "politie", "https://w3id.org/rbvgraph/def#werktSamenMet", o + "om") in triples
    code, _, err = cli_run("reason", "-f", "nt", "-o", out, home=home)
    assert code == 0 and "read from the cache" in err


@pytest.fixture
def good_build(cli_run, project_copy, tmp_path):
    out_dir = tmp_path / "build"
    code, _, err = cli_run("build", "-o", out_dir, "--inference", "none", "--no-validate", home=project_copy)
    assert code == 0, err
    return out_dir, {p.relative_to(out_dir): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_build_refuses_a_graph_that_does_not_conform_and_keeps_the_previous_build(cli_run, project_copy, tmp_path, good_build):
    out_dir, before = good_build
    _replace(project_copy / "data" / "triples" / "extern" / "gemeenten.ttl", '"GM0060"', '"GM60"')
    code, out, err = cli_run("build", "-o", out_dir, "--inference", "none", home=project_copy)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("rbvgraph: error: the graph breaks ")
    assert "nothing was written" in err and "Traceback" not in err
    assert {p.relative_to(out_dir): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".build")] == [".build.lock"], \
        "no temporary folder left behind"
    code, _, err = cli_run("build", "-o", out_dir, "--inference", "none", "--no-validate", home=project_copy)
    assert code == 0, err


def _misquote_and_empty_file(project_copy):
    actoren = project_copy / "data" / "triples" / "actoren.ttl"
    _replace(actoren, '"Bestuurlijk Ondersteuningsteam (RIEC)"@nl', '"Bestuurlijk Ondersteuningsteam van het RIEC"@nl')
    (project_copy / "data" / "triples" / "jaarverslag-2023" / "h5" / "5.1-ontwikkelingen-opsporing.ttl").write_text("# leeg\n", "utf-8")


def test_validate_catches_a_misquote_and_an_emptied_file(cli_run, project_copy):
    """What a curator most needs: a quote that is not in the report, or a data file emptied by accident, fails
    validate (exit 1, the file, the thing, the quote and where it does stand)."""
    _misquote_and_empty_file(project_copy)
    code, out, err = cli_run("validate", "--inference", "none", home=project_copy)
    assert code == 1 and err.strip() == "2 problems in 2 files (1 warning)"  # the known one: a gemeente without code
    assert [line for line in out.splitlines() if not line.startswith("waarschuwing: ")] == [
        "data/triples/actoren.ttl: bewijs voor ‘Bestuurlijk Ondersteuningsteam — is onderdeel van — RIEC "
        "Noord-Nederland’ — citaat (rbv:citaat): Dit citaat staat niet letterlijk in de sectie van het verslag die "
        "het bewijs noemt: kopieer het precies uit de tekst van het verslag (data/sources/<verslag>.txt), of noem de sectie "
        "waar het wel staat. (waarde: \"Bestuurlijk Ondersteuningsteam van het RIEC\" (niet in sectie Bijlage 2; "
        "nergens in het verslag)) [rbv-shapes:CitaatShape]",
        "data/triples/jaarverslag-2023/h5/5.1-ontwikkelingen-opsporing.ttl: het bestand: Dit bestand bevat geen enkele triple: het is "
        "leeg of alles staat in commentaar. Zet de inhoud terug (git diff laat zien wat er verdween) of verwijder het "
        "bestand. [rbv-shapes:BestandShape]"]


@pytest.mark.slow
def test_build_refuses_a_misquote_and_an_emptied_file(cli_run, project_copy, good_build):
    out_dir, before = good_build
    _misquote_and_empty_file(project_copy)
    code, out, err = cli_run("build", "-o", out_dir, "--inference", "none", home=project_copy)
    assert code == 1 and "rbvgraph: error: the graph breaks 2 rules" in err and "nothing was written" in err
    assert {p.relative_to(out_dir): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()} == before


def test_without_the_report_text_the_quotes_are_not_checked_and_a_warning_says_so(cli_run, tmp_path):
    home = make_project(tmp_path / "p", files=(), extra={"klein.ttl": VALID}).root
    (home / "data" / "sources" / "jaarverslag-2023.txt").unlink()
    code, out, err = cli_run("validate", home=home)
    assert code == 0 and "(1 warning)" in err
    assert out.strip() == ("waarschuwing: de citaten: De tekst van het verslag (data/sources/jaarverslag-2023.txt) "
                           "ontbreekt, dus de citaten zijn niet gecontroleerd: zet het bestand terug. "
                           "[rbv-shapes:CitaatShape]")


WRONG_KIND = {
    "literal": ('rbvo:om rbv:werktSamenMet "politie"@nl .',
                'data/triples/klein.ttl: Openbaar Ministerie (rbvo:om) — werkt samen met (rbv:werktSamenMet): Deze relatie '
                'wijst naar een ding (een IRI), maar hier staat een waarde (tekst, getal of datum). Verwijs naar het ding, '
                'of zet de waarde bij een eigenschap voor waarden. (waarde: "politie") [owl:ObjectProperty]'),
    "iri": ("rbvo:politie rbv:periode <http://example.org/2023> .",
            "data/triples/klein.ttl: politie (rbvo:politie) — periode (rbv:periode): Deze "
            "eigenschap heeft een waarde (tekst, getal of datum), maar hier staat een ding (een IRI of naamloos ding). "
            "Geef de waarde, of gebruik een relatie die naar dingen wijst. (waarde: http://example.org/2023) "
            "[owl:DatatypeProperty]"),
    "blank node": ('rbvo:politie rbv:periode [ rdfs:label "2023"@nl ] .',
                   "data/triples/klein.ttl: politie (rbvo:politie) — periode (rbv:periode): "
                   "Deze eigenschap heeft een waarde (tekst, getal of datum), maar hier staat een ding (een IRI of "
                   "naamloos ding). Geef de waarde, of gebruik een relatie die naar dingen wijst. (waarde: naamloos ding "
                   "(blank node)) [owl:DatatypeProperty]"),
}


@pytest.mark.parametrize("kind", WRONG_KIND)
def test_a_value_of_the_wrong_kind_for_its_property_is_one_line(cli_run, tmp_path, kind):
    triple, line = WRONG_KIND[kind]
    home = make_project(tmp_path / "p", files=(), extra={"klein.ttl": VALID + triple + "\n"}).root
    code, out, err = cli_run("validate", "--inference", "none", home=home)
    assert code == 1, err
    assert out.splitlines() == [line]


def test_the_real_data_has_no_value_of_the_wrong_kind(store, proj):
    from rbvgraph.validation.consistency import wrong_kind_values
    from rbvgraph.validation.describe import Describer

    assert [str(v) for v in wrong_kind_values(store, Describer(store, proj))] == []


@pytest.mark.slow
def test_a_literal_creator_planted_in_the_whole_project_is_exactly_one_line(cli_run, project_copy):
    """What the data had before: a name in words on dcterms:creator, whose values are things (it is now dc:creator)."""
    onrust = project_copy / "data" / "triples" / "jaarverslag-2023" / "h1" / "1.1.2-onrust.ttl"
    lines = _new_lines(cli_run, project_copy, lambda: _replace(
        onrust, 'dc:creator "NOS" ;\n    foaf:page <https://nos.nl/artikel/2502556',
        'dcterms:creator "NOS" ;\n    foaf:page <https://nos.nl/artikel/2502556'))
    assert lines == [
        "data/triples/jaarverslag-2023/h1/1.1.2-onrust.ttl: NOS-artikel: gemeente sleept COA voor de rechter voor situatie in Ter Apel "
        "(doc:nos-gemeente-sleept-coa-voor-de-rechter) — maker (dcterms:creator): Deze relatie wijst naar een ding (een "
        "IRI), maar hier staat een waarde (tekst, getal of datum). Verwijs naar het ding, of zet de waarde bij een "
        'eigenschap voor waarden. (waarde: "NOS") [owl:ObjectProperty]']
