"""The command line: listing, running and exporting, and one clear line for every kind of bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest

from rbvgraph.site.build import STAMP

from .helpers import assert_one_line_error


def test_queries_lists_every_named_query_with_title_and_parameters(cli_run, proj):
    code, out, _ = cli_run("queries")
    assert code == 0
    names = sorted(p.stem for p in proj.queries_dir.glob("*.rq"))
    listed = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert listed == names
    assert "  Partners van een organisatie" in out
    assert "  --param org=…  rbv:Organisatie: de organisatie: naam, afkorting of IRI (standaard: rbvo:riec-noord-nederland)" in out


def test_query_table_shows_labels_not_iris(cli_run):
    code, out, _ = cli_run("query", "waar-staat-dat", "-p", "ding=BOT")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["onderwerp", "relatie", "object", "sectie", "titel", "citaat", "bron", "rapport"]
    bijlage_2 = [line for line in lines if "Lijst met afkortingen" in line]
    assert len(bijlage_2) == 1
    assert bijlage_2[0].startswith("Bestuurlijk Ondersteuningsteam")
    assert bijlage_2[0].split("  ")[0:1] == ["Bestuurlijk Ondersteuningsteam"]
    assert " is onderdeel van " in bijlage_2[0] and " RIEC Noord-Nederland " in bijlage_2[0]
    assert "https://" not in out


def test_query_csv_file_opens_in_excel_with_accents(cli_run, tmp_path):
    target = tmp_path / "themas.csv"
    code, _, err = cli_run("query", "afkortingen", "-f", "csv", "-o", target)
    assert code == 0 and f"wrote {target}" in err
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), "Excel needs a byte-order mark to read UTF-8"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["afkorting", "betekenis", "soort", "ding"]
    assert ["RBPO", "Regionaal Bestuurlijk Politieoverleg Noord-Nederland", "samenwerkingsverband",
            "https://w3id.org/rbvgraph/id/organisatie/rbpo"] in rows


def test_query_json_is_sparql_results_json(cli_run):
    code, out, _ = cli_run("query", "waar-staat-dat", "-p", "ding=rbvo:bot", "-f", "json")
    data = json.loads(out)
    assert code == 0
    assert data["head"]["vars"] == ["onderwerp", "relatie", "object", "sectie", "titel", "citaat", "bron", "rapport"]
    (row,) = [r for r in data["results"]["bindings"] if r["sectie"]["value"] == "Bijlage 2"]
    assert row["object"] == {"type": "uri", "value": "https://w3id.org/rbvgraph/id/organisatie/riec-noord-nederland"}
    assert row["citaat"] == {"type": "literal", "value": "Bestuurlijk Ondersteuningsteam (RIEC)", "xml:lang": "nl"}


def test_any_rq_file_runs(cli_run, tmp_path):
    query = tmp_path / "eigen.rq"
    query.write_text("PREFIX rbv: <https://w3id.org/rbvgraph/def#>\n"
                     "SELECT (COUNT(?g) AS ?n) WHERE { ?g a rbv:Gemeente ; rbv:cbsCode ?code }\n", encoding="utf-8")
    code, out, _ = cli_run("query", query, "-f", "csv")
    assert (code, out.splitlines()) == (0, ["n", "40"])


def test_unknown_query_name(cli_run):
    assert_one_line_error(*cli_run("query", "partner"), "unknown query 'partner'", "did you mean: gedeelde-partners, partners?")


def test_query_file_with_syntax_error_names_the_file(cli_run, tmp_path):
    broken = tmp_path / "kapot.rq"
    broken.write_text("# title: kapot\nSELECT ?x WHERE { ?x ?p }\n", encoding="utf-8")
    assert_one_line_error(*cli_run("query", broken), f"query kapot ({broken})", "SPARQL syntax error")


def test_missing_parameter_names_query_and_parameter(cli_run, tmp_path):
    query = tmp_path / "verplicht.rq"
    query.write_text("# title: verplicht\n# param: org | iri | - | de organisatie\n"
                     "SELECT ?org ?x WHERE { ?x ?p ?org }\n", encoding="utf-8")
    assert_one_line_error(*cli_run("query", query), "query verplicht: missing parameter 'org' (de organisatie)")


def test_unknown_and_ambiguous_parameters(cli_run):
    assert_one_line_error(*cli_run("query", "partners", "-p", "organisatie=RIEC"), "unknown parameter 'organisatie'")
    assert_one_line_error(*cli_run("query", "partners", "-p", "org=Nergens"), "nothing is named 'Nergens'")
    assert_one_line_error(*cli_run("query", "partners", "-p", "org"), "must be written as name=value")


@pytest.mark.slow
def test_turtle_syntax_error_names_file_and_line_and_keeps_the_previous_build(cli_run, project_copy, tmp_path):
    out_dir = tmp_path / "build"
    code, _, _ = cli_run("build", "-o", out_dir, "--no-validate", home=project_copy) if _has_flag("--no-validate") \
        else cli_run("build", "-o", out_dir, home=project_copy)
    assert code == 0
    before = {p.relative_to(out_dir): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    broken = project_copy / "data" / "triples" / "actoren.ttl"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.insert(40, "rbvo:kapot rbv:werktSamenMet rbvo:x rbvo:y .")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_one_line_error(*cli_run("build", "-o", out_dir, home=project_copy), f"{broken}:41")
    after = {p.relative_to(out_dir): p.read_bytes() for p in out_dir.rglob("*") if p.is_file()}
    assert after == before
    left = [p.name for p in tmp_path.iterdir() if p.name.startswith(".build")]
    assert left == [".build.lock"], "no temporary folder left behind (the lock file stays, empty)"


def _has_flag(flag: str) -> bool:
    from rbvgraph.cli import build

    return any(flag in p.opts for p in build.params)


@pytest.mark.slow
def test_build_writes_graph_and_every_query_and_skips_when_nothing_changed(cli_run, project_copy, tmp_path, proj):
    out_dir = tmp_path / "build"
    code, out, _ = cli_run("build", "-o", out_dir, home=project_copy)
    assert code == 0 and out.startswith("wrote ")
    assert (out_dir / "rbv.ttl").stat().st_size > 10_000
    csvs = sorted(p.stem for p in (out_dir / "queries").glob("*.csv"))
    assert csvs == sorted(p.stem for p in proj.queries_dir.glob("*.rq"))
    assert (out_dir / STAMP).is_file()
    code, out, _ = cli_run("build", "-o", out_dir, home=project_copy)
    assert (code, out.strip()) == (0, f"{out_dir}/ is up to date (use --force to rebuild)")
    (project_copy / "data" / "triples" / "themas.ttl").write_text(
        (project_copy / "data" / "triples" / "themas.ttl").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    code, out, _ = cli_run("build", "-o", out_dir, home=project_copy)
    assert code == 0 and out.startswith("wrote ")


def test_stats_counts_classes_and_chapters(cli_run, store):
    from .helpers import select

    code, out, _ = cli_run("stats")
    assert code == 0
    (gemeenten,) = select(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a <https://w3id.org/rbvgraph/def#Gemeente> }")[0]
    assert int(gemeenten) >= 40
    assert f"{int(gemeenten):8d}  rbv:Gemeente" in out
    assert "       3  rbv:Provincie" in out
    assert "      47  rbv:Sectie" in out


@pytest.mark.slow
def test_build_notices_a_missing_or_changed_output_file(cli_run, project_copy, tmp_path):
    out_dir = tmp_path / "build"
    assert cli_run("build", "-o", out_dir, "--inference", "none", home=project_copy)[0] == 0
    good = (out_dir / "queries" / "onderdelen.csv").read_bytes()
    (out_dir / "queries" / "onderdelen.csv").unlink()
    code, out, _ = cli_run("build", "-o", out_dir, "--inference", "none", home=project_copy)
    assert code == 0 and out.startswith("wrote "), "a deleted CSV used to go unnoticed ('up to date')"
    assert (out_dir / "queries" / "onderdelen.csv").read_bytes() == good
    (out_dir / "rbv.ttl").write_bytes((out_dir / "rbv.ttl").read_bytes().replace(b"RIEC", b"RIEK", 1))
    code, out, _ = cli_run("build", "-o", out_dir, "--inference", "none", home=project_copy)
    assert code == 0 and out.startswith("wrote ")
    code, out, _ = cli_run("build", "-o", out_dir, "--inference", "none", home=project_copy)
    assert out.strip() == f"{out_dir}/ is up to date (use --force to rebuild)"


@pytest.mark.parametrize("where", ["own-files", "project"])
def test_build_refuses_a_folder_it_did_not_build(cli_run, project_copy, tmp_path, where):
    """A build replaces its folder whole: a folder of someone's own files (or the project) is left alone."""
    from .helpers import assert_one_line_error

    target = tmp_path / "mine" if where == "own-files" else project_copy
    if where == "own-files":
        (target / "sub").mkdir(parents=True)
        (target / "important.txt").write_text("precious")
    before = sorted(p.relative_to(target).as_posix() for p in target.rglob("*"))
    assert_one_line_error(*cli_run("build", "-o", target, "--no-validate", home=project_copy),
                          "not a folder rbvgraph built", "give a new or empty folder")
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == before
