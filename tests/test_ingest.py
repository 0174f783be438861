"""rbvgraph ingest, review, accept and reject: a new report read into candidates, and a person's decisions on them.

The quality of the candidates on the real report (leave-sections-out) is measured in test_ingest_quality.py."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from fpdf import FPDF

from rbvgraph.ingest.concepts import read_concepts
from rbvgraph.ingest.read import read_report
from rbvgraph.ingest.text import PagedReport
from rbvgraph.project import Project

from .helpers import assert_one_line_error, block_network

SLUG = "jaarverslag-2024-oost"
# A small report of another region: its own RIEC and Platform Veilig Ondernemen, a national body the graph knows
# (Openbaar Ministerie), a new project in quotes, a new body with its abbreviation, a group noun, a footnote.
OOST = """Jaarverslag 2024 Regionaal Beleidsplan Veiligheid Oost-Nederland

Voorwoord
Het RIEC werkte in 2024 samen met het Openbaar Ministerie en de gemeente Enschede.

1. Ondermijning
1.1 Samenwerking
Het RIEC Oost-Nederland voert samen met de Belastingdienst het project 'Veilig Buitengebied Twente' uit¹. Het Platform Veilig Ondernemen is aangesloten bij de Taskforce Ondermijning (TFO). Ook webwinkels en juweliers doen mee.
¹ Zie paragraaf 1.2
1.2 Cijfers
In 2024 zijn 30 controles uitgevoerd door de politie.
Bijlage 1. Afkortingen
TFO\tTaskforce Ondermijning
"""


def _pdf(pages: list[str]) -> bytes:
    """A PDF with one page per text (fpdf2, its core font: Latin-1, so ¹ but no ⁴)."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def _files(root: Path) -> dict[str, str]:
    """Every file under data/ (sources, triples, concepten) with a hash of its bytes."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted((root / "data").rglob("*")) if p.is_file()}


def test_a_pdf_keeps_its_sections_pages_and_the_footnotes_marker(tmp_path):
    path = tmp_path / "verslag.pdf"
    path.write_bytes(_pdf([
        "Jaarverslag 2024 Veiligheid Oost-Nederland\n\nVoorwoord\nHet RIEC werkt samen met het Openbaar Ministerie."
        "\n\n1. Ondermijning\n1.1 Samenwerking\nHet project 'Veilig Buitengebied' wordt uitgevoerd door de politie¹.",
        "1.2 Cijfers\nIn 2024 zijn 30 controles uitgevoerd.\n¹ Zie paragraaf 1.2\n"
        "Bijlage 1. Afkortingen\nRIEC Regionaal Informatie- en Expertisecentrum",
    ]))
    paged = PagedReport(read_report(path), str(path))
    parts = {p.number: p for p in paged.parts}
    assert [(p.number, p.title, p.parent, p.first_page, p.last_page) for p in paged.parts] == [
        ("Voorwoord", "Voorwoord", None, 1, 1),
        ("1", "Ondermijning", None, 1, 2),
        ("1.1", "Samenwerking", "1", 1, 2),  # its footnote is printed on page 2
        ("1.2", "Cijfers", "1", 2, 2),
        ("Bijlage 1", "Afkortingen", None, 2, 2),
    ]
    # the footnote is printed under 1.2 after the page break, but its marker stands in 1.1
    assert paged.report.footnotes[1].section == "1.1"
    assert paged.report.footnotes[1].printed_in == "1.2"
    assert [s.text for s in parts["1.1"].sentences] == [
        "Het project 'Veilig Buitengebied' wordt uitgevoerd door de politie¹.", "¹ Zie paragraaf 1.2"]
    assert [s.page for s in parts["1.1"].sentences] == [1, 2]
    assert [s.text for s in parts["1.2"].sentences] == ["In 2024 zijn 30 controles uitgevoerd."]


def test_what_a_pdf_prints_on_every_page_is_no_part_of_the_text(tmp_path):
    title = "Jaarverslag 2024 Veiligheid Oost-Nederland"
    bodies = ["Voorwoord\nHet RIEC werkt samen met het Openbaar Ministerie.",
              "1. Ondermijning\n1.1 Samenwerking\nDe politie voert het project uit.",
              "1.2 Cijfers\nIn 2024 zijn 30 controles uitgevoerd.",
              "Bijlage 1. Afkortingen\nRIEC Regionaal Informatie- en Expertisecentrum"]
    path = tmp_path / "verslag.pdf"
    path.write_bytes(_pdf([f"{title}\n{body}\nPagina {n} van 4" for n, body in enumerate(bodies, 1)]))
    text = read_report(path)
    assert text.count(title) == 1 and text.startswith(title + "\n")  # kept once: the title on the first page
    assert "Pagina" not in text
    paged = PagedReport(text, str(path))
    assert [(p.number, p.first_page, p.last_page, [s.text for s in p.sentences]) for p in paged.parts] == [
        ("Voorwoord", 1, 1, ["Het RIEC werkt samen met het Openbaar Ministerie."]),
        ("1", 2, 3, []),  # with 1.2
        ("1.1", 2, 2, ["De politie voert het project uit."]),
        ("1.2", 3, 3, ["In 2024 zijn 30 controles uitgevoerd."]),
        ("Bijlage 1", 4, 4, ["RIEC Regionaal Informatie- en Expertisecentrum"]),
    ]


def test_a_bare_number_that_is_no_page_number_stays(tmp_path):
    """Only numbers that run with the pages go: a year on the title page and a figure at the foot of a page are
    the report's content."""
    path = tmp_path / "verslag.pdf"
    path.write_bytes(_pdf(["Jaarverslag\n2023\nVoorwoord\nHet RIEC werkt samen met het OM.",
                           "1. Ondermijning\n1.1 Cijfers\nHet aantal controles:\n350\n- 2 -",
                           "1.2 Samenwerking\nDe politie werkt mee.\n- 3 -",
                           "Bijlage 1. Afkortingen\nOM Openbaar Ministerie\n- 4 -"]))
    text = read_report(path)
    assert text.startswith("Jaarverslag\n2023\n") and "\n350\n" in text
    assert not any(f"- {n} -" in text for n in (2, 3, 4))


def _image_only_pdf() -> bytes:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(picture, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=80)
    return bytes(pdf.output())


def _empty_pdf() -> bytes:
    from pypdf import PdfWriter

    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


@pytest.mark.parametrize("name, data, said", [
    ("leeg.pdf", _empty_pdf(), "the PDF has no pages"),
    ("scan.pdf", _image_only_pdf(), "the PDF has no text on its 1 page(s)"),
    ("brief.txt", "Geachte heer,\n\nDit is een brief zonder koppen.\nMet vriendelijke groet\n".encode(),
     "no numbered headings"),
    ("latin1.txt", OOST.replace("¹", "").encode("latin-1", "replace").replace(b"Enschede", b"Ensched\xe9"),
     "not UTF-8 text (byte"),
    ("leeg.txt", b"", "the file is empty"),
], ids=["empty-pdf", "image-only-pdf", "no-headings", "not-utf8", "empty-text"])
def test_a_file_that_is_not_a_report_gives_one_line_and_writes_nothing(cli_run, project_copy, tmp_path, name, data,
                                                                       said):
    path = tmp_path / name
    path.write_bytes(data)
    before = _files(project_copy)
    code, out, err = cli_run("ingest", path, "--id", SLUG, home=project_copy)
    assert_one_line_error(code, out, err, name, said)
    assert _files(project_copy) == before
    assert not (project_copy / "data" / "concepten").exists()


def test_a_bad_id_is_refused(cli_run, project_copy, tmp_path):
    path = tmp_path / "oost.txt"
    path.write_text(OOST, encoding="utf-8")
    code, out, err = cli_run("ingest", path, "--id", "Jaarverslag 2024", home=project_copy)
    assert_one_line_error(code, out, err, "--id 'Jaarverslag 2024'", "lower-case")


@pytest.fixture
def oost(cli_run, project_copy, tmp_path):
    """The report of Oost-Nederland ingested into a copy of the project."""
    path = tmp_path / "oost.txt"
    path.write_text(OOST, encoding="utf-8")
    code, out, err = cli_run("ingest", path, "--id", SLUG, "--jaar", "2025", home=project_copy)
    assert code == 0, err
    return project_copy, path


def _candidates(root: Path):
    return {c.id: c for found in read_concepts(root / "data" / "concepten" / SLUG, SLUG).values() for c in found}


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def _new_names(candidates) -> dict[str, str]:
    return {c.label: c.cls for c in candidates.values() if c.kind == "nieuw"}


@pytest.mark.slow
def test_ingest_writes_the_text_the_sections_and_the_candidates_and_twice_gives_the_same_files(oost, cli_run):
    root, path = oost
    assert (root / "data" / "sources" / f"{SLUG}.txt").read_text(encoding="utf-8") == OOST
    report = (root / "data" / "triples" / SLUG / "verslag.ttl").read_text(encoding="utf-8")
    assert 'dcterms:issued "2025"^^xsd:gYear' in report
    assert "sec:1.1 a rbv:Sectie ;" in report and "dcterms:isPartOf sec:1 ." in report
    assert "pagina" not in report  # a text without page breaks: no page numbers
    assert sorted(p.name for p in (root / "data" / "concepten" / SLUG).glob("*.ttl")) == [
        "1.1.ttl", "1.2.ttl", "1.ttl", "bijlage-1.ttl", "voorwoord.ttl"]
    before = _files(root)
    code, _, err = cli_run("ingest", path, "--id", SLUG, "--jaar", "2025", home=root)
    assert code == 0 and "kept as they were" in err
    assert _files(root) == before



@pytest.mark.slow
def test_a_text_without_its_report_is_read_again_as_new(oost, cli_run):
    """What an interrupted ingest of an earlier version left (the text, not yet verslag.ttl) is no report yet."""
    root, path = oost
    before = _files(root)
    report = root / "data" / "triples" / SLUG / "verslag.ttl"
    report.unlink()
    code, _, err = cli_run("ingest", path, "--id", SLUG, "--jaar", "2025", home=root)
    assert code == 0, err
    assert "kept as they were" not in err
    assert _files(root) == before


@pytest.mark.slow
def test_another_text_under_an_id_that_has_one_is_refused(oost, cli_run, tmp_path):
    root, _ = oost
    before = _files(root)
    other = tmp_path / "ander.txt"
    other.write_text(OOST.replace("30 controles", "40 controles"), encoding="utf-8")
    code, out, err = cli_run("ingest", other, "--id", SLUG, home=root)
    assert_one_line_error(code, out, err, f"ander.txt: data/sources/{SLUG}.txt holds another text; give this "
                          f"report another --id, or remove data/sources/{SLUG}.txt, data/triples/{SLUG}/ and "
                          f"data/concepten/{SLUG}/ to read it again")
    assert _files(root) == before
    # the same text with other line breaks is the same text: only the concepts are made again
    same = tmp_path / "zelfde.txt"
    same.write_text(OOST.replace("Het RIEC werkte in 2024 samen", "Het RIEC werkte in 2024\nsamen"), encoding="utf-8")
    code, _, err = cli_run("ingest", same, "--id", SLUG, "--jaar", "2025", home=root)
    assert code == 0 and "kept as they were" in err
    assert _files(root) == before

@pytest.mark.slow
def test_ingest_links_what_the_graph_knows_and_minds_the_region(oost):
    root, _ = oost
    found = _candidates(root)
    linked = {(c.section, c.subject.rsplit("/", 1)[-1]) for c in found.values() if c.kind == "vermelding"}
    # national bodies and groups the graph knows are the same things in any region
    assert {("Voorwoord", "om"), ("1.1", "belastingdienst"), ("1.1", "juweliers"), ("1.1", "webwinkels"),
            ("1.2", "politie")} <= linked
    # Noord-Nederland's RIEC and Platform Veilig Ondernemen are not Oost-Nederland's
    assert not {s for _, s in linked} & {"riec-noord-nederland", "pvo"}
    new = _new_names(found)
    assert new["RIEC Oost-Nederland"] == "Samenwerkingsverband"  # named with its region (1.1)
    assert new["Platform Veilig Ondernemen Oost-Nederland"] == "Samenwerkingsverband"  # named without it
    assert new["Veilig Buitengebied Twente"] == "Project"  # project 'Veilig Buitengebied Twente'
    assert new["Taskforce Ondermijning"] == "Samenwerkingsverband"  # Naam (AFK), the head word 'taskforce'
    assert new["gemeente Enschede"] == "Gemeente"
    taskforce = next(c for c in found.values() if c.label == "Taskforce Ondermijning")
    assert taskforce.abbreviation == "TFO" and taskforce.reason == "nieuw: naam (afkorting)"



def test_a_proposed_name_has_no_leading_sentence_words_and_a_class_the_shapes_accept(proj):
    from rbvgraph.graph import open_graph
    from rbvgraph.graph.search import build_index
    from rbvgraph.ingest.find import Finder, Names

    finder = Finder(Names(build_index(open_graph(proj, "none").store).names()), "Oost-Nederland")

    def proposed(sentence):
        return [(m.text, m.cls, m.abbreviation) for m in finder.mentions(sentence) if m.proposed]

    assert proposed("Ook de Taskforce Digitale Weerbaarheid Noord (TDWN) sloot aan.") == [
        ("Taskforce Digitale Weerbaarheid Noord", "Samenwerkingsverband", "TDWN")]
    assert proposed("Daarnaast het Kennispunt Twente (KPT) gaf voorlichting.") == [
        ("Kennispunt Twente", "Overheidsorganisatie", "KPT")]  # no head word: not the bare rbv:Organisatie
    assert proposed("Ook het Team Weerbaarheid Twente werkte mee.") == [
        ("Team Weerbaarheid Twente", "Overheidsorganisatie", "")]

@pytest.mark.slow
def test_relations_carry_the_cue_the_shortest_quote_and_a_confidence(oost):
    root, _ = oost
    relations = {(_local(c.subject), _local(c.predicate), _local(c.object)): c
                 for c in _candidates(root).values() if c.kind == "relatie"}
    joined = relations[("platform-veilig-ondernemen-oost-nederland", "neemtDeelAan", "taskforce-ondermijning")]
    assert joined.quote == "Platform Veilig Ondernemen is aangesloten bij de Taskforce Ondermijning"
    assert (joined.confidence, joined.reason) == (0.7, "signaalwoord 'aangesloten' tussen de namen: neemt deel aan")
    together = relations[("riec-oost-nederland", "werktSamenMet", "belastingdienst")]
    assert together.quote == "RIEC Oost-Nederland voert samen met de Belastingdienst"
    assert together.confidence == 0.7
    see = relations[("1.1", "references", "1.2")]
    assert (see.quote, see.section) == ("¹ Zie paragraaf 1.2", "1.1")


@pytest.mark.slow
def test_concepts_are_no_part_of_the_graph_unless_asked(oost, cli_run):
    root, _ = oost
    sources = Project(root).source_files()
    assert not [p for p in sources if "concepten" in p.parts]
    assert [p.name for p in Project(root, concepts=True).source_files() if "concepten" in p.parts] == [
        "1.1.ttl", "1.2.ttl", "1.ttl", "bijlage-1.ttl", "voorwoord.ttl"]
    code, out, _ = cli_run("search", "Taskforce Ondermijning", "-f", "csv", home=root)
    assert code == 0 and "taskforce-ondermijning" not in out
    code, out, _ = cli_run("--met-concepten", "search", "Taskforce Ondermijning", "-f", "csv", home=root)
    assert code == 0 and "organisatie/taskforce-ondermijning" in out


@pytest.mark.slow
def test_accept_moves_candidates_with_evidence_and_reject_drops_them(oost, cli_run):
    root, _ = oost
    found = _candidates(root)
    by_label = {c.label: c.id for c in found.values() if c.kind == "nieuw" and c.section == "1.1"}
    taskforce, pvo = by_label["Taskforce Ondermijning"], by_label["Platform Veilig Ondernemen Oost-Nederland"]
    joined = next(c.id for c in found.values() if c.kind == "relatie" and c.predicate.endswith("#neemtDeelAan")
                  and c.subject.endswith("platform-veilig-ondernemen-oost-nederland"))
    # a relation needs its new things accepted with it
    code, out, err = cli_run("accept", SLUG, joined, home=root)
    assert_one_line_error(code, out, err, f"{joined} names a new thing that is not accepted yet", "accept")
    # rbv:Organisatie is too general for the shapes: validation refuses, nothing is written
    before = _files(root)
    code, out, err = cli_run("accept", SLUG, joined, taskforce, pvo, "--als", f"{taskforce}=Organisatie", home=root)
    assert_one_line_error(code, out, err, "OrganisatieShape-soort", "nothing was written", exit_code=1)
    assert _files(root) == before
    code, _, err = cli_run("accept", SLUG, joined, taskforce, pvo, home=root)  # the proposed classes conform
    assert code == 0, err
    assert err.startswith("accepted 3 candidates; wrote ")
    accepted = (root / "data" / "triples" / SLUG / "1.1.ttl").read_text(encoding="utf-8")
    assert "rbvo:taskforce-ondermijning a rbv:Samenwerkingsverband ;" in accepted
    assert ("rbvo:platform-veilig-ondernemen-oost-nederland rbv:neemtDeelAan rbvo:taskforce-ondermijning .\n"
            "[] a rbv:Bewijs ; rdf:subject rbvo:platform-veilig-ondernemen-oost-nederland ; "
            "rdf:predicate rbv:neemtDeelAan ; rdf:object rbvo:taskforce-ondermijning ;\n"
            "    rbv:sectie sec:1.1 ; rbv:citaat \"Platform Veilig Ondernemen is aangesloten bij de Taskforce "
            "Ondermijning\"@nl .") in accepted
    left = _candidates(root)
    assert not {joined, taskforce, pvo} & set(left)
    code, _, err = cli_run("validate", home=root)
    assert code == 0, err
    # the accepted new thing's class is said in words where the report's facts are listed
    code, out, err = cli_run("query", "waar-staat-dat", "-p", "ding=rbvo:taskforce-ondermijning", "-f", "csv",
                             home=root)
    assert code == 0, err
    assert [row.split(",")[:4] for row in out.splitlines() if ",is een," in row] == [
        ["https://w3id.org/rbvgraph/id/organisatie/taskforce-ondermijning", "is een",
         "https://w3id.org/rbvgraph/def#Samenwerkingsverband", "1.1"]], out
    # diff lists the relation as new and the thing's class as no relation
    code, out, err = cli_run("diff", "jaarverslag-2023", SLUG, "-f", "csv", home=root)
    assert code == 0, err
    relations = [row for row in out.splitlines() if row.startswith("relatie,")]
    assert [r for r in relations if "Taskforce Ondermijning" in r] == [
        "relatie,Platform Veilig Ondernemen Oost-Nederland — neemt deel aan — Taskforce Ondermijning,nieuw,,ja,"], out
    # rejecting drops a candidate and nothing else
    dropped = next(i for i, c in left.items() if c.section == "1.2")
    code, _, err = cli_run("reject", SLUG, dropped, home=root)
    assert code == 0, err
    assert set(_candidates(root)) == set(left) - {dropped}
    code, out, err = cli_run("reject", SLUG, "9.9-r1", home=root)
    assert_one_line_error(code, out, err, "no concept 9.9-r1")



@pytest.mark.slow
def test_rejecting_a_new_thing_rejects_the_relations_that_name_it(oost, cli_run):
    root, _ = oost
    found = _candidates(root)
    taskforce = next(c for c in found.values() if c.kind == "nieuw" and c.label == "Taskforce Ondermijning")
    naming = [i for i, c in found.items() if i != taskforce.id and taskforce.subject in (c.subject, c.object)]
    # 'Platform Veilig Ondernemen is aangesloten bij de Taskforce Ondermijning', its proposal in Bijlage 1 and the
    # theme its name carries there ('TFO\tTaskforce Ondermijning'), …
    assert sorted((found[i].section, found[i].kind) for i in naming) == [
        ("1.1", "relatie"), ("1.1", "relatie"), ("Bijlage 1", "nieuw"), ("Bijlage 1", "relatie")]
    assert any(_local(found[i].predicate) == "heeftThema" and _local(found[i].object) == "ondermijning"
               for i in naming if found[i].section == "Bijlage 1")
    code, _, err = cli_run("reject", SLUG, taskforce.id, home=root)
    assert code == 0, err
    assert err.startswith(f"rejected 1 candidate and 4 more that name a rejected new thing ({', '.join(naming)}); "
                          "wrote ")
    assert set(_candidates(root)) == set(found) - {taskforce.id, *naming}


@pytest.mark.slow
def test_what_is_rejected_stays_rejected_when_the_report_is_ingested_again(oost, cli_run):
    root, path = oost
    found = _candidates(root)
    taskforce = next(c for c in found.values() if c.kind == "nieuw" and c.label == "Taskforce Ondermijning")
    dropped = next(c for c in found.values() if c.kind == "relatie" and c.section == "1.2")
    naming = [c for c in found.values() if c.id != taskforce.id and taskforce.subject in (c.subject, c.object)]
    assert len(naming) >= 3  # its relations in 1.1 and its proposal in Bijlage 1
    code, _, err = cli_run("reject", SLUG, taskforce.id, dropped.id, home=root)
    assert code == 0, err
    table = root / "data" / "concepten" / SLUG / "afgewezen.tsv"
    rows = table.read_text(encoding="utf-8").splitlines()
    gone = 2 + len(naming)
    assert rows[0] == "soort\tsectie\tonderwerp\tpredicaat\tobject\tcitaat" and len(rows) == 1 + gone
    assert f"nieuw\t1.1\t{taskforce.subject}\t" in rows[1] + rows[2]
    left = {(c.kind, c.section, c.subject, c.predicate, c.object) for c in _candidates(root).values()}
    # the same report again: the rejected candidates, and what names the rejected new thing, are not proposed again
    code, _, err = cli_run("ingest", path, "--id", SLUG, home=root)
    assert code == 0, err
    assert f"; {gone} rejected before and left out (data/concepten/jaarverslag-2024-oost/afgewezen.tsv" in err
    again = {(c.kind, c.section, c.subject, c.predicate, c.object) for c in _candidates(root).values()}
    assert again == left and table.read_text(encoding="utf-8").splitlines() == rows
    # without the table they are back
    table.unlink()
    code, _, err = cli_run("ingest", path, "--id", SLUG, home=root)
    assert code == 0 and "rejected before" not in err
    assert {(c.kind, c.section, c.subject, c.predicate, c.object) for c in _candidates(root).values()} == {
        (c.kind, c.section, c.subject, c.predicate, c.object) for c in found.values()}


@pytest.mark.slow
def test_diff_says_what_is_still_under_review_and_compares_it_when_asked(oost, cli_run):
    root, _ = oost
    relation = "relatie,Belastingdienst — werkt samen met — RIEC Oost-Nederland,nieuw,,ja,"
    code, out, err = cli_run("diff", "jaarverslag-2023", SLUG, "-f", "csv", home=root)
    assert code == 0, err
    assert relation not in out.splitlines()
    assert (f"{SLUG}: candidates in data/concepten/{SLUG}/ are not compared until accepted ('rbvgraph review {SLUG}'; "
            "'rbvgraph --met-concepten diff …' compares them too)") in err.splitlines()
    code, out, err = cli_run("--met-concepten", "diff", "jaarverslag-2023", SLUG, "-f", "csv", home=root)
    assert code == 0, err
    assert relation in out.splitlines() and "not compared until accepted" not in err


@pytest.mark.slow
def test_accepting_a_new_thing_under_a_name_the_graph_knows_is_warned(oost, cli_run):
    root, _ = oost
    found = _candidates(root)
    taskforce = next(c for c in found.values() if c.kind == "nieuw" and c.label == "Taskforce Ondermijning")
    code, _, err = cli_run("accept", SLUG, taskforce.id, "--naam", f"{taskforce.id}=Openbaar Ministerie", home=root)
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("rbvgraph: warning: ")]
    assert warnings == [f"rbvgraph: warning: {taskforce.id}: the graph already has a thing named like 'Openbaar "
                        "Ministerie': Openbaar Ministerie (rbvo:om); if it is the same, reject the new one and accept "
                        "its mentions"]
    other = next(c for c in found.values() if c.kind == "nieuw" and c.label == "Veilig Buitengebied Twente")
    code, _, err = cli_run("accept", SLUG, other.id, home=root)
    assert code == 0 and "warning" not in err, err


@pytest.mark.slow
def test_a_damaged_table_of_rejections_is_said_and_kept(oost, cli_run):
    root, path = oost
    table = root / "data" / "concepten" / SLUG / "afgewezen.tsv"
    table.write_bytes(b"soort\tsectie\n\xff\n")
    before = _files(root)
    for command in (("ingest", path, "--id", SLUG), ("reject", SLUG, next(iter(_candidates(root))))):
        code, out, err = cli_run(*command, home=root)
        assert_one_line_error(code, out, err, f"{table}, line 2: not a table of rejected candidates (not UTF-8 "
                              "text, byte 13); correct or remove it")
        assert _files(root) == before


@pytest.mark.slow
def test_accept_refuses_a_relation_whose_new_end_is_not_there(oost, cli_run):
    """A relation left naming a new thing whose proposal is gone (a concept file edited by hand, or rejected before
    reject took relations along) would add a thing without type or name: accept refuses it."""
    from rbvgraph.ingest.concepts import concept_file

    root, _ = oost
    folder = root / "data" / "concepten" / SLUG
    found = read_concepts(folder, SLUG)
    riec = next(c for c in found["1.1.ttl"] if c.kind == "nieuw" and c.label == "RIEC Oost-Nederland")
    titles = {"voorwoord.ttl": ("Voorwoord", "Voorwoord"), "1.1.ttl": ("1.1", "Samenwerking")}
    for name, (number, title) in titles.items():  # every proposal of the RIEC Oost-Nederland taken out
        kept = [c for c in found[name] if c.subject != riec.subject or c.kind != "nieuw"]
        assert len(kept) == len(found[name]) - 1
        (folder / name).write_text(concept_file(kept, SLUG, number, title), encoding="utf-8")
    together = next(c.id for c in found["1.1.ttl"] if c.kind == "relatie" and c.subject == riec.subject
                    and c.predicate.endswith("#werktSamenMet"))
    before = _files(root)
    code, out, err = cli_run("accept", SLUG, together, home=root)
    assert_one_line_error(code, out, err, f"{together} names {riec.subject}, which is neither in the graph nor "
                          f"proposed any more (its proposal was rejected): reject {together}")
    assert _files(root) == before

@pytest.mark.slow
def test_accept_checks_every_quote_verbatim_against_the_reports_text(oost, cli_run):
    root, _ = oost
    path = root / "data" / "concepten" / SLUG / "1.2.ttl"
    text = path.read_text(encoding="utf-8")
    ident = next(i for i, c in _candidates(root).items() if c.section == "1.2")
    path.write_text(text.replace("30 controles", "40 controles"), encoding="utf-8")
    before = _files(root)
    code, out, err = cli_run("accept", SLUG, ident, home=root)
    assert_one_line_error(code, out, err, f"{ident}: the quote does not stand verbatim in section 1.2")
    assert _files(root) == before


@pytest.mark.slow
def test_accept_above_a_confidence(oost, cli_run):
    root, _ = oost
    sure = {i for i, c in _candidates(root).items() if c.confidence >= 0.9}
    assert sure
    code, _, err = cli_run("accept", SLUG, "--alle-boven", "0.9", home=root)
    assert code == 0, err
    assert err.startswith(f"accepted {len(sure)} candidates")
    assert not sure & set(_candidates(root))


@pytest.mark.slow
def test_ingesting_the_curated_report_again_writes_only_concepts(cli_run, project_copy):
    reference = Path(__file__).resolve().parents[2] / "shared" / "source" / "000_a077b94e73753f08.txt"
    before = _files(project_copy)
    code, _, err = cli_run("ingest", reference, "--id", "jaarverslag-2023", home=project_copy)
    assert code == 0, err
    assert "kept as they were" in err
    after = _files(project_copy)
    assert {k: v for k, v in after.items() if "concepten" not in k} == before
    # what the curated data states already is not proposed again: the RIEC is mentioned in 2.1.4
    found = [c for cs in read_concepts(project_copy / "data" / "concepten" / "jaarverslag-2023",
                                       "jaarverslag-2023").values() for c in cs]
    assert found
    assert not [c for c in found if c.kind == "vermelding" and c.section == "2.1.4"
                and c.subject.endswith("/riec-noord-nederland")]


@pytest.mark.slow
def test_the_review_page_shows_the_text_with_its_mentions_and_the_candidates_beside_it(oost, cli_run, tmp_path):
    from PIL import Image
    from playwright.sync_api import sync_playwright

    root, _ = oost
    page_file = tmp_path / "review.html"
    code, _, err = cli_run("review", SLUG, "-o", page_file, home=root)
    assert code == 0, err
    candidates = _candidates(root)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        blocked = block_network(context)
        page = context.new_page()
        page.goto(page_file.as_uri())
        assert page.locator(".kandidaat").count() == len(candidates)
        assert sorted(page.locator(".kandidaat").evaluate_all("cards => cards.map(c => c.id)")) == sorted(candidates)
        known = page.locator("mark.bekend").all_inner_texts()
        new = page.locator("mark.nieuw").all_inner_texts()
        assert {"Openbaar Ministerie", "Belastingdienst", "politie"} <= set(known)
        # a longer new name is marked whole: the known groups inside it are cards beside the text
        assert {"Taskforce Ondermijning", "Veilig Buitengebied Twente", "RIEC Oost-Nederland",
                "webwinkels en juweliers"} <= set(new)
        card = page.locator("#\\31 \\.1-r1")  # the first relation of 1.1, beside the text of 1.1
        text = page.locator("#s-1\\.1 .tekst").bounding_box()
        beside = card.bounding_box()
        assert beside["x"] > text["x"] + text["width"] - 1
        assert beside["y"] < text["y"] + text["height"]
        assert "zekerheid" in card.inner_text() and "1.1-r1" in card.inner_text()
        # narrowing: from a confidence on, and only the kinds ticked; the count follows
        visible = "cards => cards.filter(c => c.offsetParent !== null).map(c => c.id)"
        assert page.locator("#getoond").inner_text() == f"{len(candidates)} van {len(candidates)} voorstellen getoond"
        page.select_option("select[name=vanaf]", "0.8")
        sure = sorted(i for i, c in candidates.items() if c.confidence >= 0.8)
        assert 0 < len(sure) < len(candidates)
        assert sorted(page.locator(".kandidaat").evaluate_all(visible)) == sure
        page.uncheck("input[name=soort][value=relatie]")
        sure = sorted(i for i in sure if candidates[i].kind != "relatie")
        assert sorted(page.locator(".kandidaat").evaluate_all(visible)) == sure
        assert page.locator("#getoond").inner_text() == f"{len(sure)} van {len(candidates)} voorstellen getoond"
        page.reload()  # the choice is kept when the page is opened again
        assert sorted(page.locator(".kandidaat").evaluate_all(visible)) == sure
        assert page.locator("select[name=vanaf]").input_value() == "0.8"
        page.select_option("select[name=vanaf]", "0")
        page.check("input[name=soort][value=relatie]")
        # ticking cards writes the command lines to copy, in the order of the page; kept when opened again
        assert page.locator("#keuze").is_hidden()
        first, second = sorted(candidates)[:2]
        for ident in (second, first):
            page.locator(f"[id='{ident}'] input.kies").check()
        order = page.locator(".kandidaat").evaluate_all("cards => cards.map(c => c.id)")
        ticked = " ".join(sorted((first, second), key=order.index))
        assert page.locator("#keuze input[name=aanvaarden]").input_value() == f"rbvgraph accept {SLUG} {ticked}"
        assert page.locator("#keuze input[name=afwijzen]").input_value() == f"rbvgraph reject {SLUG} {ticked}"
        assert page.locator("#keuze .aantal").inner_text() == "2 voorstellen gekozen"
        page.reload()
        assert page.locator("#keuze input[name=aanvaarden]").input_value() == f"rbvgraph accept {SLUG} {ticked}"
        page.click("#keuze button.leeg")
        assert page.locator("#keuze").is_hidden() and page.locator("input.kies:checked").count() == 0
        page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
        page.locator("mark.nieuw").first.screenshot(path=str(tmp_path / "nieuw.png"))
        page.locator("mark.bekend").first.screenshot(path=str(tmp_path / "bekend.png"))
        browser.close()
    assert blocked == []
    # the marks are drawn in their colours: most pixels of a mark are its background
    for name, colour in (("nieuw.png", (0xff, 0xe3, 0xb3)), ("bekend.png", (0xcf, 0xe3, 0xff))):
        image = Image.open(tmp_path / name).convert("RGB")
        count, common = max(image.getcolors(image.width * image.height))
        assert common == colour and count > image.width * image.height / 3, (name, common)
    assert Image.open(tmp_path / "review.png").size[0] == 1280


def test_a_table_of_contents_without_dot_leaders_is_not_taken_for_the_sections(tmp_path):
    path = tmp_path / "met-inhoud.pdf"
    path.write_bytes(_pdf([
        "Jaarverslag 2024\n\n1. Ondermijning 2\n1.1 Samenwerking 2\n1.2 Cijfers 3",
        "1. Ondermijning\n1.1 Samenwerking\nHet RIEC werkt samen met de politie.",
        "1.2 Cijfers\nIn 2024 zijn 30 controles uitgevoerd.",
    ]))
    paged = PagedReport(read_report(path), str(path))
    assert [(p.number, p.title, p.first_page, p.last_page) for p in paged.parts] == [
        ("1", "Ondermijning", 2, 3), ("1.1", "Samenwerking", 2, 2), ("1.2", "Cijfers", 3, 3)]


def test_a_table_of_contents_before_the_voorwoord_keeps_the_voorwoord(tmp_path):
    path = tmp_path / "inhoud-eerst.pdf"
    path.write_bytes(_pdf([
        "Jaarverslag 2024\nRegionaal Beleidsplan Veiligheid",
        "Inhoudsopgave\nVoorwoord ........ 3\n1. Ondermijning ........ 4\n1.1 Samenwerking ........ 4\n"
        "Bijlage 1. Afkortingen ........ 5",
        "Voorwoord\nHet RIEC werkte samen met de politie.",
        "1. Ondermijning\n1.1 Samenwerking\nDe gemeenten werken samen.",
        "Bijlage 1. Afkortingen\nRIEC Regionaal Informatie- en Expertisecentrum",
    ]))
    paged = PagedReport(read_report(path), str(path))
    assert [(p.number, p.title, p.parent, p.order, p.first_page, p.last_page) for p in paged.parts] == [
        ("Voorwoord", "Voorwoord", None, 0, 3, 3),
        ("1", "Ondermijning", None, 1, 4, 4),
        ("1.1", "Samenwerking", "1", 2, 4, 4),
        ("Bijlage 1", "Afkortingen", None, 3, 5, 5),
    ]
    assert paged.report.sections["Voorwoord"].text == "Voorwoord Het RIEC werkte samen met de politie."



def test_rows_of_a_table_with_numbers_are_no_table_of_contents(tmp_path):
    path = tmp_path / "tabel.txt"
    path.write_text("Jaarverslag 2024\n\nVoorwoord\nEen woord vooraf.\n\n1. Ondermijning\n1.1 Samenwerking\n"
                    "De partners werken samen.\nBijlage 1. Cijfers\nWoninginbraken\t120\nAutokraken\t45\n",
                    encoding="utf-8")
    paged = PagedReport(read_report(path), str(path))
    assert [(p.number, p.title) for p in paged.parts] == [
        ("Voorwoord", "Voorwoord"), ("1", "Ondermijning"), ("1.1", "Samenwerking"), ("Bijlage 1", "Cijfers")]
    assert paged.report.sections["Bijlage 1"].text == "Bijlage 1. Cijfers Woninginbraken 120 Autokraken 45"

def test_a_numbered_list_inside_a_section_is_no_heading(tmp_path):
    path = tmp_path / "lijst.txt"
    path.write_text(
        "Jaarverslag 2024\n\nVoorwoord\nEen woord vooraf.\n\n1. Ondermijnende criminaliteit\n1.1 Aanpak\n"
        "De partners spraken af:\n1. Begeleiden en monitoren van de aanpak\n2. Uitwerken van de agenda\n"
        "1.2 Cijfers\nDe ambities zijn:\n1. Meer controles.\n2. Minder delicten\n2. Cyberveiligheid\n"
        "2.1 Cybersafety\nIn 2024 is gewerkt aan:\n1. Voorlichting\n", encoding="utf-8")
    paged = PagedReport(read_report(path), str(path))
    assert [(p.number, p.title, p.parent, p.order) for p in paged.parts] == [
        ("Voorwoord", "Voorwoord", None, 0),
        ("1", "Ondermijnende criminaliteit", None, 1),
        ("1.1", "Aanpak", "1", 2),
        ("1.2", "Cijfers", "1", 3),
        ("2", "Cyberveiligheid", None, 4),
        ("2.1", "Cybersafety", "2", 5),
    ]
    assert paged.report.sections["1.1"].text == ("1.1 Aanpak De partners spraken af: 1. Begeleiden en monitoren "
                                                 "van de aanpak 2. Uitwerken van de agenda")


def test_a_text_without_page_breaks_has_no_page_numbers(tmp_path):
    from rbvgraph.ingest.run import report_turtle

    path = tmp_path / "oost.txt"
    path.write_text(OOST, encoding="utf-8")
    paged = PagedReport(read_report(path), str(path))
    assert {(p.first_page, p.last_page) for p in paged.parts} == {(None, None)}
    assert "rbv:beginpagina" not in report_turtle(paged, SLUG, "Jaarverslag 2024", None)
    paged = PagedReport(OOST.replace("1.2 Cijfers", "\f\n1.2 Cijfers"), "met-pagina.txt")
    assert [(p.number, p.first_page, p.last_page) for p in paged.parts] == [
        ("Voorwoord", 1, 1), ("1", 1, 2), ("1.1", 1, 1), ("1.2", 2, 2), ("Bijlage 1", 2, 2)]
    turtle = report_turtle(paged, SLUG, "Jaarverslag 2024", None)
    assert "sec:1.2 a rbv:Sectie ;" in turtle
    assert "    rbv:beginpagina 2 ;\n    rbv:eindpagina 2 ;\n    dcterms:isPartOf sec:1 ." in turtle


@pytest.mark.slow
def test_accept_refuses_what_the_reasoner_finds_wrong_wherever_it_is_reported(oost, cli_run):
    """A relation whose predicate's domain makes its subject a class the ontology keeps apart from its own: the
    problem is reported against the file that describes the subject, not the file accept writes, and shows only
    with the reasoner (as 'rbvgraph validate' runs). Before, accept wrote it and exited 0, and validate then
    failed. A problem the project had before the accept does not stop it."""
    from dataclasses import replace as changed

    from rbvgraph.ingest.concepts import concept_file

    root, _ = oost
    folder = root / "data" / "concepten" / SLUG
    found = read_concepts(folder, SLUG)
    together = next(c for c in found["1.1.ttl"] if c.kind == "relatie" and c.predicate.endswith("#werktSamenMet"))
    wrong = changed(together, subject="https://w3id.org/rbvgraph/id/organisatie/belastingdienst",
                    predicate="https://w3id.org/rbvgraph/def#gerichtTegen",
                    object="https://w3id.org/rbvgraph/id/thema/ondermijning")
    (folder / "1.1.ttl").write_text(concept_file([wrong if c is together else c for c in found["1.1.ttl"]], SLUG,
                                                 "1.1", "Samenwerking"), encoding="utf-8")
    before = _files(root)
    code, out, err = cli_run("accept", SLUG, wrong.id, home=root)
    assert_one_line_error(
        code, out, err, "rbvgraph: error: the accepted candidates break 1 rule, first: data/triples/jaarverslag-2023/"
        "h3/3.1.4-mensenhandel.ttl: Belastingdienst (rbvo:belastingdienst) — soort (rdf:type): Dit ding is zowel "
        "activiteit (rbv:Activiteit) als organisatie (rbv:Organisatie)", "; nothing was written", exit_code=1)
    assert _files(root) == before
    # a problem that was there before (an emptied data file) is no reason to refuse
    (root / "data" / "triples" / "leeg.ttl").write_text("# emptied by accident\n", encoding="utf-8")
    code, out, _ = cli_run("validate", home=root)
    assert code == 1 and "leeg.ttl" in out
    sure = next(c.id for c in found["1.2.ttl"] if c.kind == "vermelding")
    code, _, err = cli_run("accept", SLUG, sure, home=root)
    assert code == 0, err
    assert sure not in _candidates(root)


@pytest.mark.slow
def test_the_table_of_rejections_has_its_header_and_six_fields_a_row_and_is_written_whole(oost, cli_run):
    root, path = oost
    table = root / "data" / "concepten" / SLUG / "afgewezen.tsv"
    header = "soort\tsectie\tonderwerp\tpredicaat\tobject\tcitaat\n"
    found = _candidates(root)
    first, second = [i for i, c in found.items() if c.section == "1.2"][:2]
    code, _, err = cli_run("reject", SLUG, first, home=root)
    assert code == 0, err
    row = table.read_text(encoding="utf-8").splitlines()[1]
    # edited by hand, without a final newline: the next rejection is a row of its own (it used to run on)
    table.write_text(header + row, encoding="utf-8")
    code, _, err = cli_run("reject", SLUG, second, home=root)
    assert code == 0, err
    rows = [line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()]
    assert [r[:5] for r in rows[1:]] == [[c.kind, c.section, c.subject, c.predicate, c.object]
                                         for c in (found[first], found[second])]
    # a table with only its header goes into the new folder as it is
    table.write_text(header, encoding="utf-8")
    code, _, err = cli_run("ingest", path, "--id", SLUG, home=root)
    assert code == 0, err
    assert table.read_text(encoding="utf-8") == header
    # another header, or a row without its six fields: one line naming the file and the line, nothing written
    for text, said in ((header.replace("citaat", "quote"), "line 1: not a table of rejected candidates (the first "
                        "line must be soort sectie onderwerp predicaat object citaat, separated by tabs)"),
                       (header + row + "\n\nnieuw\t1.1\n", "line 4: not a table of rejected candidates (2 fields, "
                        "6 expected); correct or remove it")):
        table.write_text(text, encoding="utf-8")
        before = _files(root)
        for command in (("ingest", path, "--id", SLUG), ("reject", SLUG, next(iter(_candidates(root))))):
            code, out, err = cli_run(*command, home=root)
            assert_one_line_error(code, out, err, f"{table}, {said}")
            assert _files(root) == before


@pytest.mark.slow
def test_a_candidate_keeps_its_id_when_the_report_is_ingested_again(oost, cli_run):
    """An id on an older review page still means the same candidate after decisions and a new ingest, and a number
    is not given again to another candidate. Before, the candidates were numbered afresh: with 1.1-r1 rejected, the
    old 1.1-r2 became 1.1-r1."""
    root, path = oost
    key = lambda c: (c.kind, c.section, c.subject, c.predicate, c.object)  # noqa: E731
    found = _candidates(root)
    rejected = ["1.1-r1", "voorwoord-r1", "1.2-r1"]
    accepted = next(i for i, c in found.items() if c.kind == "vermelding" and c.section == "1.1")
    assert accepted.endswith("-v1") and set(rejected) <= set(found)
    for verb, ids in (("reject", rejected), ("accept", [accepted])):
        code, _, err = cli_run(verb, SLUG, *ids, home=root)
        assert code == 0, err
    left = {i: key(c) for i, c in _candidates(root).items()}
    code, _, err = cli_run("ingest", path, "--id", SLUG, home=root)
    assert code == 0, err
    assert {i: key(c) for i, c in _candidates(root).items()} == left
    # without the table of rejections they are proposed again, as new: after the highest number of their kind
    (root / "data" / "concepten" / SLUG / "afgewezen.tsv").unlink()
    code, _, err = cli_run("ingest", path, "--id", SLUG, home=root)
    assert code == 0, err
    again = {i: key(c) for i, c in _candidates(root).items()}
    highest = {p: max(int(i.rsplit(p, 1)[1]) for i in left if i.startswith(p) and i.rsplit(p, 1)[1].isdigit())
               for p in ("1.1-r", "voorwoord-r")}
    assert again == {**left, f"1.1-r{highest['1.1-r'] + 1}": key(found["1.1-r1"]),
                     f"voorwoord-r{highest['voorwoord-r'] + 1}": key(found["voorwoord-r1"]),
                     "1.2-r2": key(found["1.2-r1"])}  # the only relation of 1.2: its number is not given again


@pytest.mark.slow
def test_a_new_thing_accepted_from_another_section_keeps_its_one_name(oost, cli_run):
    """A new thing proposed in two sections: accepting the second proposal, in the same accept or a later one,
    adds only that its section mentions it. Before, it added a second rdfs:label (the proposed name beside the one
    given with --naam), and validate passed."""
    import rdflib

    root, _ = oost
    found = _candidates(root)

    def proposals(label):
        return {c.section: c for c in found.values() if c.kind == "nieuw" and c.label == label}

    def names(iri):
        graph = rdflib.Graph()
        for path in (root / "data" / "triples" / SLUG).glob("*.ttl"):
            graph.parse(path, format="turtle")
        thing = rdflib.URIRef(iri)
        return (sorted(str(n) for n in graph.objects(thing, rdflib.RDFS.label)),
                sorted(str(n) for n in graph.objects(thing, rdflib.SKOS.prefLabel)),
                sorted(str(s).rsplit("/", 1)[-1] for s in graph.objects(thing, rdflib.URIRef(
                    "https://w3id.org/rbvgraph/def#vermeldIn"))))

    taskforce = proposals("Taskforce Ondermijning")
    riec = proposals("RIEC Oost-Nederland")
    assert set(taskforce) == {"1.1", "Bijlage 1"} and set(riec) == {"Voorwoord", "1.1"}
    # in one accept, the name given to the first
    code, _, err = cli_run("accept", SLUG, taskforce["1.1"].id, taskforce["Bijlage 1"].id, "--naam",
                           f"{taskforce['1.1'].id}=de Taskforce Ondermijning", home=root)
    assert code == 0, err
    assert names(taskforce["1.1"].subject) == (["de Taskforce Ondermijning"], ["de Taskforce Ondermijning"],
                                                ["1.1", "bijlage-1"])
    # in a later accept; a new name for it there is refused
    code, _, err = cli_run("accept", SLUG, riec["Voorwoord"].id, "--naam", f"{riec['Voorwoord'].id}=het RIEC Oost",
                           home=root)
    assert code == 0, err
    code, out, err = cli_run("accept", SLUG, riec["1.1"].id, "--naam", f"{riec['1.1'].id}=RIEC-Oost", home=root)
    assert_one_line_error(code, out, err, f"{riec['1.1'].id}: rbvo:riec-oost-nederland has a name already ('het RIEC "
                          f"Oost'): accept {riec['1.1'].id} without --als or --naam, as a mention")
    code, _, err = cli_run("accept", SLUG, riec["1.1"].id, home=root)
    assert code == 0, err
    assert names(riec["1.1"].subject) == (["het RIEC Oost"], ["het RIEC Oost"], ["1.1", "voorwoord"])
    code, _, err = cli_run("validate", home=root)
    assert code == 0, err
    # an id or a value left out is said plainly
    for option, given, said in (("--naam", "=foo", "--naam =foo: give ID=NAAM (an id and a value, neither empty), "
                                 "such as '4.1.3-n1=project Weerbaar bestuur'"),
                                ("--als", "1.1-n1=", "--als 1.1-n1=: give ID=KLASSE (an id and a value, neither "
                                 "empty), such as 2.1.4-n2=Zorgpartner")):
        code, out, err = cli_run("accept", SLUG, "1.1-n1", option, given, home=root)
        assert_one_line_error(code, out, err, said)
