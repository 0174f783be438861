"""The ``rbvgraph`` command line. Library errors become one line on stderr and a non-zero exit."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from .errors import RbvError
from .vocab import DEFAULT_GRAPH, DEFAULT_INFERENCE, INFERENCE_LEVELS


_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click 8.2 and later: 'rbvgraph' without a command


class RbvGroup(click.Group):
    """A click group that reports every error as one line on stderr, never a traceback: rbvgraph's own errors
    (with their exit code), operating-system errors (exit 1), and click's usage errors (exit 2)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _NO_ARGS as err:  # 'rbvgraph' alone: the help, as click shows it
            err.show()
            sys.exit(err.exit_code)
        except click.ClickException as err:  # a usage error, a bad option value: one line, not click's four
            click.echo(f"rbvgraph: error: {_usage_line(err)}", err=True)
            sys.exit(err.exit_code)
        except click.Abort:  # Ctrl-C
            click.echo("rbvgraph: error: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) and not isinstance(code, bool) else 0)

    def invoke(self, ctx):
        _show_warnings()
        try:
            return super().invoke(ctx)
        except RbvError as err:
            click.echo(f"rbvgraph: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            ctx.exit(1)
        except OSError as err:  # anything the library did not turn into its own error: still one line
            where = f"{err.filename}: " if err.filename is not None else ""
            click.echo(f"rbvgraph: error: {where}{err.strerror or err}", err=True)
            ctx.exit(1)


def _usage_line(err: click.ClickException) -> str:
    message = " ".join(err.format_message().split())
    command = getattr(getattr(err, "ctx", None), "command_path", None)
    return f"{message} (see '{command} --help')" if isinstance(err, click.UsageError) and command else message


class _EchoHandler(logging.Handler):
    """Warnings of the library (a damaged cache entry, say) as one line on the current stderr."""

    def emit(self, record):
        click.echo(f"rbvgraph: warning: {record.getMessage()}", err=True)


def _show_warnings() -> None:
    logger = logging.getLogger("rbvgraph")
    if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
        logger.addHandler(_EchoHandler(logging.WARNING))
        logger.propagate = False


def inference_option(default: str = "none",
                     help_text: str = "Add inferred triples: none, RDFS, or the OWL 2 RL closure (owlrl)."):
    return click.option("--inference", type=click.Choice(INFERENCE_LEVELS), default=default, show_default=True,
                        help=help_text)


def output_option(help_text: str = "Write to this file instead of standard output."):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text)


def format_option():
    def decorate(command):
        command = click.option("--wide", is_flag=True,
                               help="Table: show long cells whole (else cut at 120 characters, and the count said).")(command)
        return click.option("-f", "--format", "fmt", type=click.Choice(("table", "csv", "tsv", "json")), default="table",
                            show_default=True, help="Output format; CSV opens in Excel with accents intact.")(command)
    return decorate


def _project(ctx):
    from .errors import InputError
    from .project import project

    proj = project(ctx.obj.get("home"))
    if ctx.obj.get("concepts"):
        from dataclasses import replace

        proj = replace(proj, concepts=True)
    if not proj.ontology_dir.is_dir():
        raise InputError(f"{proj.root}: not an rbvgraph project folder (it has no ontology/)")
    return proj


def _graph(ctx, inference: str, one_shot: bool = True):
    """The graph: for a one-shot command possibly an on-disk copy (big projects), else loaded into memory."""
    from .graph import open_graph

    return open_graph(_project(ctx), inference, one_shot)


def _write(data: bytes | str, output: Path | None, bom: bool = False, said: str = "") -> None:
    """Standard output when no file (or '-') is given, else the file (every -o goes through here): written by
    :func:`rbvgraph.util.atomic.write_bytes` (whole or not at all; a device or FIFO written into, never replaced),
    then 'wrote FILE' on stderr (followed by ``said``). Text written to a file may start with a byte-order mark,
    for Excel."""
    if output is None or str(output) == "-":
        click.echo(data, nl=False)  # text through the terminal's encoding, bytes as they are
        return
    from .util.atomic import utf8, write_bytes

    if isinstance(data, str):
        data = utf8(data, bom)

    write_bytes(output, data)
    click.echo(f"wrote {output}{said}", err=True)


@click.group(cls=RbvGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="RBVGRAPH_HOME",
              help="Project folder with ontology/, data/triples/ and queries/ (default: the installed data).")
@click.option("--met-concepten", "concepts", is_flag=True,
              help="Read the unreviewed candidates of data/concepten/ too (see 'rbvgraph ingest'); without it they "
                   "are never part of the graph.")
@click.version_option(package_name="rbvgraph")
@click.pass_context
def cli(ctx, home, concepts):
    """rbvgraph: who does what in public safety in Noord-Nederland, as a knowledge graph.

    Built from the report "Jaarverslag 2023 Regionaal Beleidsplan Veiligheid 2020-2023 Noord-Nederland".

    \b
    Examples:
      rbvgraph build                      # write build/ (graph, query results, networks)
      rbvgraph queries                    # list the named queries
      rbvgraph query partners --param org=RIEC
      rbvgraph export --format jsonld -o rbv.jsonld
    """
    ctx.ensure_object(dict)
    ctx.obj["home"] = home
    ctx.obj["concepts"] = concepts


@cli.command()
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write.")
@inference_option(DEFAULT_INFERENCE)
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.option("--no-validate", "no_validate", is_flag=True,
              help="Write the graph even when it breaks a rule of ontology/shapes.ttl (see 'rbvgraph validate').")
@click.pass_context
def build(ctx, out_dir, inference, force, no_validate):
    """Write the whole graph and every named query's result into build/.

    The folder is replaced only when every step succeeds: a failed build keeps the previous output. The graph
    is validated first (as 'rbvgraph validate' does, on what is loaded): a graph that breaks a rule is not
    written, unless --no-validate.

    \b
    Example:
      rbvgraph build && open build/index.html
    """
    from .site.build import build as run_build

    def waiting():
        click.echo(f"waiting for another build of {out_dir}/ to finish", err=True)

    written = run_build(out_dir, _project(ctx), inference, force, validate=not no_validate, on_wait=waiting)
    if written is None:
        click.echo(f"{out_dir}/ is up to date (use --force to rebuild)")
    else:
        click.echo(f"wrote {len(written)} files to {out_dir}/")


@cli.command("queries")
@click.pass_context
def list_queries(ctx):
    """List the named queries: name, Dutch title, description and parameters.

    \b
    Example:
      rbvgraph queries
    """
    from .sparql.named import EVERY, catalogue
    from .vocab import shorten

    for query in catalogue(_project(ctx)).values():
        click.echo(f"{query.name}\n  {query.title}\n  {query.description}")
        if query.inference != "none":
            click.echo(f"  (draait met --inference {query.inference})")
        for p in query.params:
            default = " (standaard: alle)" if p.default == EVERY else f" (standaard: {p.default})" if p.default \
                else " (verplicht)"
            kind = shorten(p.expects) if p.expects else p.kind
            click.echo(f"  --param {p.name}=…  {kind}: {p.description}{default}")
        click.echo()


@cli.command()
@click.argument("name_or_file")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query; a name or abbreviation is looked up (org=RIEC).")
@format_option()
@click.option("--inference", type=click.Choice(INFERENCE_LEVELS), default=None,
              help="Inferred triples to add: none, RDFS or OWL 2 RL. Default: what the query's header asks for "
                   "('# inference: owlrl'), else none.")
@output_option()
@click.option("--endpoint", metavar="URL", help="Run it at this remote SPARQL endpoint instead (e.g. a store that "
              "'rbvgraph push' filled); names are looked up in the local graph, sent as a VALUES clause.")
@click.option("--graph", "remote_graph", metavar="IRI", default=DEFAULT_GRAPH,
              show_default=True, help="With --endpoint: the graph to query (sent as default-graph-uri); '' for "
              "the endpoint's own default graph.")
@click.option("--user", help="With --endpoint: user name, given in the scheme the server asks for (HTTP Digest or "
              "Basic); else RBVGRAPH_TOKEN is sent as a Bearer token.")
@click.option("--password", envvar="RBVGRAPH_PASSWORD", help="Password for --user (or RBVGRAPH_PASSWORD).")
@click.pass_context
def query(ctx, name_or_file, params, fmt, wide, inference, output, endpoint, remote_graph, user, password):
    """Run a named query (see 'rbvgraph queries') or any .rq file.

    \b
    Examples:
      rbvgraph query partners --param org=RIEC
      rbvgraph query waar-staat-dat -p ding=BOT --wide      # long quotes whole
      rbvgraph query afkortingen --format csv -o afkortingen.csv
      rbvgraph query my-question.rq
      rbvgraph query partners -p org=RIEC --endpoint http://localhost:7878/query
    """
    from .sparql.named import parse_pairs, resolve, run_named
    from .sparql.results import render

    from .errors import ParameterError

    if user is not None and not endpoint:
        raise ParameterError("--user and --password go with --endpoint (a remote SPARQL endpoint)")
    named = resolve(name_or_file, _project(ctx))
    given = parse_pairs(params)
    graph = _graph(ctx, inference or named.inference)
    remote = None
    if endpoint:
        from .sparql.remote import Remote, auth_from

        remote = Remote(endpoint, remote_graph or None, auth_from(user, password))
    result = run_named(graph, named, given, remote, say=lambda line: click.echo(line, err=True),
                       where=f"query {named.name} ({named.path})")
    _write(render(result, fmt, graph.store, wide), output, bom=fmt in ("csv", "tsv"))


@cli.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("-k", "--kind", metavar="KIND", help="Only things of this kind: organisaties, thema's, indicatoren, "
              "functies, gemeenten … (Dutch or English; see 'rbvgraph list').")
@click.option("-n", "--limit", type=click.IntRange(0), default=20, show_default=True,
              help="Show this many hits at most (0: all); how many there were is said on stderr.")
@format_option()
@output_option()
@click.pass_context
def search(ctx, text, kind, limit, fmt, wide, output):
    """Find things by name, abbreviation, definition or quote ("waar staat dat?"); alias: zoek.

    Case, accents, hyphens and word order do not matter, and a word may be the start or a piece of a longer
    word. Things named by the search come first, then things with all the words in a name, then in a definition
    or a quote (ranked by SQLite FTS5's bm25). A search that finds nothing is tried again with its words spelled
    like words of the report, and else names the nearest things. Each hit has its kind, the sections where the
    report speaks of it, the words it was found by, and its IRI (for -p of 'rbvgraph query').

    \b
    Examples:
      rbvgraph search riec
      rbvgraph zoek regisseur zorg en veiligheid
      rbvgraph search woninginbraak --kind indicatoren
      rbvgraph search "ruimschoots" -f csv -o ruimschoots.csv
    """
    from .graph.search import index_for, kind_called
    from .sparql.results import hits_result, render

    wanted = kind_called(kind) if kind else None
    index = index_for(_project(ctx), lambda: _graph(ctx, "none").store)
    words = " ".join(text)
    found = index.search(words, wanted, limit or None)
    if found.corrected:
        click.echo(f"nothing found for '{words}'; showing what '{found.corrected}' finds", err=True)
    if found.total > len(found.hits):
        click.echo(f"showing {len(found.hits)} of {found.total} hits (--limit 0 shows all)", err=True)
    if not found.hits:
        near = "; ".join(f"{h.name} ({h.kind})" for h in found.suggestions)
        click.echo(f"nothing found for '{words}'" + (f"; did you mean: {near}?" if near else ""), err=True)
    _write(render(hits_result(found.hits), fmt, None, wide), output, bom=fmt in ("csv", "tsv"))


cli.add_command(search, "zoek")


@cli.command("list")
@click.argument("kind", required=False)
@format_option()
@output_option()
@click.pass_context
def list_things(ctx, kind, fmt, wide, output):
    """List every thing of one kind, with its other names, sections and number of facts; alias: lijst.

    KIND is organisaties, gemeenten, provincies, samenwerkingsverbanden, programma's, projecten, werkwijzen,
    maatregelen, gebeurtenissen, activiteiten, thema's, wetten, documenten, indicatoren, functies, personen,
    plaatsen, secties, hoeveelheden or soorten (Dutch or English, one or many: 'themes', 'wet'). Without KIND: how
    many there are of each.

    \b
    Examples:
      rbvgraph list                       # every kind with its count
      rbvgraph list indicatoren
      rbvgraph lijst gemeenten -f csv -o gemeenten.csv
    """
    from .graph.search import KINDS, index_for, kind_called
    from .sparql.results import kinds_result, render, things_result

    index = index_for(_project(ctx), lambda: _graph(ctx, "none").store)
    if kind is None:
        result = kinds_result([(k, index.count(k)) for k in KINDS])
    else:
        result = things_result(index.things(kind_called(kind)))
    _write(render(result, fmt, None, wide), output, bom=fmt in ("csv", "tsv"))


cli.add_command(list_things, "lijst")


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(("turtle", "nt", "jsonld", "xml", "trig", "nquads")),
              default="turtle", show_default=True,
              help="RDF format; trig and nquads keep one named graph per file (jsonld too with --graphs).")
@click.option("--part", "parts", type=click.Choice(("all", "asserted", "data", "ontology", "inferred")), multiple=True,
              help="Which triples (again for more: their union): everything loaded (default), what the files "
                   "assert, the data, the ontology, or what the reasoner adds.")
@click.option("--inference", type=click.Choice(INFERENCE_LEVELS), default=None,
              help="Add inferred triples: none, RDFS, or the OWL 2 RL closure (owlrl)  [default: none; owlrl "
                   "when --part inferred]")
@click.option("--jsonld", "form", type=click.Choice(("compacted", "linked", "expanded")), default=None,
              help="JSON-LD: compacted with the context inside (default), compacted with the context by its URL "
                   "(https://w3id.org/rbvgraph/context.jsonld), or expanded.")
@click.option("--graphs", is_flag=True, help="JSON-LD: one named graph per source file instead of the union.")
@output_option()
@click.pass_context
def export(ctx, fmt, parts, inference, form, graphs, output):
    """Export the graph as RDF (prefixes tidy, nothing dropped).

    JSON-LD is compacted with the project's context: Dutch keys (naam, werktSamenMet …), IRIs as rbvo:…, one
    object per thing. --part inferred computes the OWL 2 RL closure unless --inference names another level.

    \b
    Examples:
      rbvgraph export -o rbv.ttl
      rbvgraph export --part data -f jsonld -o rbv.jsonld
      rbvgraph export --part data --part inferred --inference rdfs -f nt
      rbvgraph export --format trig --inference owlrl -o rbv.trig
    """
    from .errors import InputError
    from .graph.export import serialise

    parts = parts or ("all",)
    if "inferred" in parts and inference is None:
        inference = DEFAULT_INFERENCE
    if "inferred" in parts and inference == "none":
        raise InputError("--part inferred needs inference: leave out --inference none (owlrl is the default "
                         "for it), or give --inference rdfs or owlrl")
    if form is not None and fmt != "jsonld":
        raise InputError(f"--jsonld is for -f jsonld, not -f {fmt}")
    if graphs and fmt in ("turtle", "nt", "xml"):
        raise InputError(f"-f {fmt} holds one graph: use -f trig, nquads or jsonld with --graphs")
    _write(serialise(_graph(ctx, inference or "none").store, fmt, parts, form or "compacted", graphs), output)


@cli.command()
@inference_option()
@click.pass_context
def stats(ctx, inference):
    """Count triples, entities per class and facts (with quotes) per chapter.

    \b
    Example:
      rbvgraph stats
    """
    from .graph.stats import stats as compute
    from .vocab import shorten

    figures = compute(_graph(ctx, inference).store)
    click.echo(f"triples: {figures['triples']} in {figures['graphs']} benoemde grafen")
    click.echo(f"verschillende onderwerpen: {figures['subjects']}, objecten: {figures['objects']}, "
               f"relaties: {figures['properties']}, soorten: {figures['all_classes']}; "
               f"dingen met een soort: {figures['entities']}")
    click.echo("triples per deel (export --part): " + ", ".join(f"{part} {figures['parts'][part]}" for part in
                                                              ("ontology", "data", "asserted", "inferred")))
    click.echo(f"feiten van buiten het verslag (met bron): {figures['outside_facts']}")
    click.echo("dingen per soort:")
    for cls, n in figures["classes"]:
        click.echo(f"  {n:6d}  {shorten(cls)}")
    click.echo("feiten per hoofdstuk (bewijzen, citaten):")
    for chapter, facts, quotes in figures["chapters"]:
        click.echo(f"  {chapter:10s} {facts:5d} {quotes:5d}")


# ---- rbvgraph diff (several reports side by side: reports/)

_KINDS_EN = {"organisatie": "organisations", "programma of activiteit": "programmes and activities",
             "thema": "themes", "relatie": "relations", "cijfer": "figures", "doel": "targets"}


@cli.command("diff")
@click.argument("first")
@click.argument("second")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "csv", "tsv", "html")), default="table",
              show_default=True, help="A table, CSV/TSV for Excel, or one HTML page that works offline.")
@click.option("--wide", is_flag=True, help="Table: show long cells whole (else cut at 120 characters).")
@output_option()
@click.pass_context
def diff(ctx, first, second, fmt, wide, output):
    """Show what changed between two reports (give their slugs, e.g. jaarverslag-2023).

    Organisations, programmes and activities, themes and relations that are new in SECOND, gone from FIRST, or
    continue; a relation belongs to a report when it has evidence there. Then the figures of Bijlage 3 (every
    indicator per year, and its target) side by side. A count per kind goes to stderr.

    \b
    Examples:
      rbvgraph diff jaarverslag-2023 jaarverslag-2024
      rbvgraph diff jaarverslag-2023 jaarverslag-2024 -f csv -o verschil.csv
      rbvgraph diff jaarverslag-2023 jaarverslag-2024 -f html -o verschil.html
    """
    from .reports.diff import CHANGES, compare, comparison_result

    proj = _project(ctx)
    comparison = compare(_graph(ctx, "none").store, first, second)
    for kind in comparison.kinds():
        counts = ", ".join(f"{comparison.count(kind, c)} {w}" for c, w in zip(CHANGES, ("new", "gone", "changed", "continue")))
        click.echo(f"{_KINDS_EN.get(kind, kind)}: {counts}", err=True)
    for slug in dict.fromkeys((first, second)):  # what is still under review is no part of a report yet
        waiting = sum(1 for _ in (proj.concepts_dir / slug).glob("*.ttl")) if not proj.concepts else 0
        if waiting:
            click.echo(f"{slug}: candidates in data/concepten/{slug}/ are not compared until accepted "
                       f"('rbvgraph review {slug}'; 'rbvgraph --met-concepten diff …' compares them too)", err=True)
    if fmt == "html":
        from .reports.page import render_comparison

        _write(render_comparison(comparison), output)
        return
    from .sparql.results import render

    _write(render(comparison_result(comparison), fmt, None, wide), output, bom=fmt in ("csv", "tsv"))


# ---- rbvgraph network (collaboration networks: network/)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="File to write (default: network.html, .graphml or .gexf in this folder; '-' for standard output).")
@click.option("-f", "--format", "fmt", type=click.Choice(("html", "graphml", "gexf")), default="html", show_default=True,
              help="An interactive page that works offline, or a file for Gephi (same node and edge attributes).")
@click.option("--theme", metavar="THEME", help="Only organisations and collaborations on this theme (label, abbreviation or IRI).")
@click.option("--programme", metavar="THING", help="Only the organisations taking part in this programme, body or activity.")
@click.option("--around", metavar="ORG", help="Only this organisation and its neighbours (see --depth).")
@click.option("--depth", type=int, default=None, help="Steps from --around's organisation  [default: 1]")
@click.option("--include", metavar="WHAT", help="Also show programmes, themes and/or laws as nodes, e.g. programmes,themes,laws.")
@click.option("--rapport", "report", metavar="SLUG", help="Only what this report says (its slug, e.g. jaarverslag-2023): "
              "the relations with evidence there, with that evidence only.")
@inference_option()
@click.pass_context
def network(ctx, output, fmt, theme, programme, around, depth, include, report, inference):
    """Write the collaboration network of organisations as one interactive HTML page (or GraphML/GEXF).

    Two organisations are linked when the report says they work together, directly or by taking part in
    the same programme, body or activity; every link carries its quotes. The page needs no network.

    \b
    Examples:
      rbvgraph network -o netwerk.html
      rbvgraph network --theme "Ondermijnende criminaliteit" -o ondermijning.html
      rbvgraph network --around RIEC --depth 2 --include programmes,themes
      rbvgraph network --format graphml -o netwerk.graphml
      rbvgraph network --rapport jaarverslag-2023 -o netwerk-2023.html
    """
    from .errors import NetworkError
    from .network.views import Selection, parse_include, select_network

    if depth is not None and not around:
        raise NetworkError("--depth needs --around ORG")
    selection = Selection(theme, programme, around, 1 if depth is None else depth, parse_include(include), report)
    net = select_network(_graph(ctx, inference).store, selection)
    if fmt == "html":
        from .network.page import render_page

        data = render_page(net, f"Samenwerkingsnetwerk Noord-Nederland: {net.description}")
    else:
        from .network.files import serialise_network

        data = serialise_network(net, fmt)
    _write(data, output or Path(f"network.{fmt}"),
           said=f": {net.graph.number_of_nodes()} nodes, {net.graph.number_of_edges()} edges")


# ---- rbvgraph serve, rbvgraph push (SPARQL endpoint and triple stores: server/, push, sparql/remote)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines query the graph.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@inference_option(DEFAULT_INFERENCE, "The graph SPARQL requests see: none, RDFS, or the OWL 2 RL closure (owlrl). A "
                  "named query runs on the level its header asks for, as 'rbvgraph query' does.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              help="Time limit of one query, in seconds; a query past it is stopped (HTTP 503).")
@click.option("--max-result-mb", type=click.FloatRange(0.001, 4096), default=16.0, show_default=True,
              help="Size limit of one answer, in MB (HTTP 422 past it).")
@click.option("--max-memory-mb", type=click.IntRange(256, 1 << 20), default=2048, show_default=True,
              help="Memory limit of one query worker, in MB.")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Queries evaluated at the same time (default: the number of CPUs, at most 4).")
@click.option("--build", "build_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder with the network pages to link and serve under /build/ (default: ./build when it exists).")
@click.option("--cors", is_flag=True, help="Let web pages from other origins read the answers (CORS).")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name clients may address this server by, besides localhost and its IP addresses "
                   "(repeat for more).")
@click.option("--token", envvar="RBVGRAPH_TOKEN", metavar="TOKEN",
              help="Access token every request must carry (Authorization: Bearer TOKEN, or as the password of "
                   "HTTP Basic); or RBVGRAPH_TOKEN. Needed to listen beyond loopback, unless --public.")
@click.option("--public", is_flag=True, help="Listen beyond loopback without an access token: anyone who can reach "
                                             "this machine may query the graph.")
@click.option("--max-per-client", type=click.IntRange(1, 10_000), default=32, show_default=True,
              help="Queries one client address may have running or waiting at once (HTTP 429 past it).")
@click.option("--queue", "max_waiting", type=click.IntRange(0, 100_000), default=64, show_default=True,
              help="Queries that may wait for a free worker, from all clients together (HTTP 503 past it).")
@click.option("--max-query-kb", type=click.IntRange(1, 1000), default=64, show_default=True,
              help="Size limit of one query's text, in KB (HTTP 400 past it).")
@click.option("--request-timeout", type=click.FloatRange(0.5, 600), default=10.0, show_default=True,
              help="Seconds a client may take to send a request's head, and then its body (HTTP 408).")
@click.option("--behind-proxy", is_flag=True,
              help="Count clients by the last X-Forwarded-For address (only behind a reverse proxy that sets it).")
@click.pass_context
def serve(ctx, host, port, inference, timeout, max_result_mb, max_memory_mb, workers, build_dir, cors,
          allowed_hosts, token, public, max_per_client, max_waiting, max_query_kb, request_timeout, behind_proxy):
    """Serve the graph as a read-only SPARQL endpoint (/sparql) with a query page (/).

    SPARQL 1.1 Protocol (GET and POST), results as SPARQL JSON/XML, CSV or TSV, graphs as Turtle,
    N-Triples or JSON-LD; the named queries at /queries/NAME; the graph at /rbv.ttl; /health for
    monitoring. Updates, LOAD and SERVICE are refused after a parse with the SPARQL grammar, and the
    query workers cannot open network connections at all; every query has a time, size and memory limit,
    and clients take turns at the workers.

    \b
    Examples:
      rbvgraph serve                       # then open http://127.0.0.1:8000/
      rbvgraph serve --port 3030 --inference rdfs --timeout 30
      RBVGRAPH_TOKEN=… rbvgraph serve --host 0.0.0.0 --allow-host graaf.example.org
    """
    import os

    from .errors import InputError
    from .server.app import Settings, is_loopback
    from .server.http import serve as run_server
    from .server.workers import Limits

    token = (token or "").strip() or None
    if not is_loopback(host) and not token and not public:
        raise InputError(f"--host {host} lets other machines query the graph: give an access token (--token or "
                         "RBVGRAPH_TOKEN), or --public to let anyone")
    if build_dir is None and Path("build").is_dir():
        build_dir = Path("build")
    limits = Limits(timeout, int(max_result_mb * 1_000_000), max_memory_mb)
    settings = Settings(host, port, workers or max(1, min(4, os.cpu_count() or 1)), limits,
                        max_query_bytes=max_query_kb * 1000, build_dir=build_dir, cors=cors,
                        allowed_hosts=tuple(allowed_hosts), token=token, per_client=max_per_client,
                        max_waiting=max_waiting, behind_proxy=behind_proxy, request_timeout=request_timeout)
    run_server(_graph(ctx, inference, one_shot=False), settings, announce=lambda line: click.echo(line, err=True))


@cli.command()
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol URL (Oxigraph: http://HOST:7878/store; Fuseki: "
                   "http://HOST:3030/DATASET/data; GraphDB: http://HOST:7200/repositories/ID/rdf-graphs/service).")
@click.option("--graph", default=DEFAULT_GRAPH, show_default=True, metavar="IRI",
              help="The named graph to replace.")
@click.option("--update-endpoint", metavar="URL",
              help="The store's SPARQL Update URL (Oxigraph: http://HOST:7878/update): swap the upload in with "
                   "one atomic MOVE instead of a second PUT.")
@inference_option()
@click.option("--user", help="User name, given in the scheme the store asks for (HTTP Digest, as Virtuoso's "
              "/sparql-graph-crud-auth wants, or Basic); else RBVGRAPH_TOKEN is sent as a Bearer token.")
@click.option("--password", envvar="RBVGRAPH_PASSWORD", help="Password for --user (or RBVGRAPH_PASSWORD).")
@click.pass_context
def push(ctx, endpoint, graph, update_endpoint, inference, user, password):
    """Upload the graph into a triple store, replacing one named graph.

    The graph is first uploaded to a temporary graph; only when the store has accepted it is it swapped in,
    so a failed push leaves the store's graph as it was, and a second push does not duplicate anything.
    Like export, it sends what the files say; --inference owlrl adds the inferred triples (which the named
    queries that rely on inference need when they run at the store).

    \b
    Examples:
      rbvgraph push --endpoint http://localhost:7878/store --update-endpoint http://localhost:7878/update
      RBVGRAPH_TOKEN=… rbvgraph push --endpoint https://triples.example.org/ds/data --inference owlrl
      rbvgraph push --endpoint http://localhost:8890/sparql-graph-crud-auth --user U --inference owlrl   # Virtuoso
    """
    from .push import push as run_push
    from .sparql.remote import auth_from

    auth = auth_from(user, password)
    pushed = run_push(_graph(ctx, inference), endpoint, graph, update_endpoint, auth)
    click.echo(f"pushed {pushed.triples} triples into <{pushed.graph}> at {pushed.endpoint} "
               f"(uploaded to a temporary graph, swapped in with {pushed.method})")
    if pushed.leftover:
        click.echo(f"warning: the store kept the temporary graph <{pushed.leftover}>; delete it by hand", err=True)


# ---- rbvgraph reason, rbvgraph validate (inference: graph/reason; validation: validation/)


@cli.command("reason")
@click.option("--inference", "level", type=click.Choice(("rdfs", "owlrl")), default=DEFAULT_INFERENCE, show_default=True,
              help="RDFS (classes and properties up the hierarchy) or the OWL 2 RL closure (also inverse, symmetric "
                   "and transitive relations).")
@click.option("-f", "--format", "fmt", type=click.Choice(("turtle", "nt")), default="turtle", show_default=True,
              help="RDF format of the inferred triples.")
@output_option()
@click.pass_context
def reason_command(ctx, level, fmt, output):
    """Write the triples the reasoner adds to the graph (owlrl), without its noise.

    These are the triples every command with --inference adds, in their own named graph
    (https://w3id.org/rbvgraph/graph/inferred), so they never mix with what the files assert. The closure
    is cached in $RBVGRAPH_CACHE, else $XDG_CACHE_HOME/rbvgraph, else ~/.cache/rbvgraph, keyed by the
    input files: a second run reads the cache. A contradiction the reasoner finds (a thing in two disjoint
    classes, a member of owl:Nothing, a value that does not fit its datatype) is printed on stderr and the
    exit code is 1.

    \b
    Examples:
      rbvgraph reason -o inferred.ttl
      rbvgraph reason --inference rdfs --format nt > rdfs.nt
    """
    from .graph.export import serialise
    from .util.cache import cache_dir
    from .validation.consistency import contradictions_in

    graph = _graph(ctx, level)
    _write(serialise(graph.store, fmt, "inferred"), output)
    done = graph.reasoning
    how = "read from the cache" if done.cached else "computed"
    click.echo(f"{done.triples} inferred triples ({level}, {how} in {done.seconds:.2f} s; cache: {cache_dir()})",
               err=True)
    found = contradictions_in(graph)
    for problem in found:
        click.echo(f"contradiction: {problem}", err=True)
    if found:
        ctx.exit(1)


@cli.command("validate")
@inference_option(DEFAULT_INFERENCE)
@click.pass_context
def validate_command(ctx, inference):
    """Check the data against the rules of ontology/shapes.ttl and the ontology; print each problem in words.

    Every organisation has a Dutch name and a kind, every relation its section and quote (or source), every
    figure of Bijlage 3 its indicator, year, value and unit, every CBS code the form GMnnnn, every IRI the
    documented form, every theme a definition; nothing is in two classes the ontology keeps apart. Each
    problem is one line: file, thing, property, what is wrong, and the rule's name. With --inference owlrl
    (the default) contradictions the reasoner derives are found too.

    \b
    Exit codes:
      0  the graph conforms (warnings, marked 'waarschuwing:', may be printed)
      1  it does not (one line per problem on standard output, a count on stderr)
      2  it could not be loaded (a syntax error: one line naming the file and line)

    \b
    Example:
      rbvgraph validate
    """
    from .validation.validate import validate

    report = validate(_graph(ctx, inference))
    for violation in report.violations:
        click.echo(str(violation))
    warnings = len(report.warnings)
    noted = f" ({warnings} warning{'' if warnings == 1 else 's'})" if warnings else ""
    if report.conforms:
        files = "file conforms" if report.data_files == 1 else "files conform"
        click.echo(f"ok: {report.data_files} data {files} to the {report.shapes} shapes of ontology/shapes.ttl and to "
                   f"the ontology{noted}", err=True)
        return
    count, files = len(report.errors), len(report.files())
    click.echo(f"{count} problem{'' if count == 1 else 's'} in {files} file{'' if files == 1 else 's'}{noted}", err=True)
    ctx.exit(1)


@cli.command("ingest")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "slug", required=True, metavar="SLUG", help="The report's id: lower-case words and digits "
              "joined by hyphens (jaarverslag-2024); its files are data/sources/SLUG.txt, data/triples/SLUG/ and "
              "data/concepten/SLUG/.")
@click.option("--titel", "title", metavar="TITEL", help="The report's title (default: the first line of its text).")
@click.option("--jaar", "year", metavar="JAAR", help="The year the report was issued (default: the first year in "
              "the title).")
@click.pass_context
def ingest_command(ctx, file, slug, title, year):
    """Read a new report (PDF or UTF-8 text) into candidates for review.

    Writes the report's text (data/sources/SLUG.txt), the report with its sections and pages
    (data/triples/SLUG/verslag.ttl) and, per section, the candidates (data/concepten/SLUG/): mentions of
    things the graph knows, new things with the pattern that found them, and relations with a quote, a
    predicate, a confidence and the reason. Candidates are not part of the graph until accepted. A report
    that is there already keeps its text and triples: given the same text, only its concepts are made
    again; another text under its id is refused. Interrupted, ingest leaves nothing half-written.

    \b
    Examples:
      rbvgraph ingest jaarverslag-2024.pdf --id jaarverslag-2024 --jaar 2025
      rbvgraph review jaarverslag-2024 -o review.html
    """
    from .ingest.run import ingest

    started = time.perf_counter()
    done = ingest(_project(ctx), file, slug, title, year)
    counts = ", ".join(f"{n} {kind}" for kind, n in done.counts.items())
    kept = f"; data/sources/{slug}.txt and data/triples/{slug}/ kept as they were" if done.kept else ""
    rejected = (f"; {done.rejected} rejected before and left out (data/concepten/{slug}/afgewezen.tsv: remove it to "
                "see them again)" if done.rejected else "")
    click.echo(f"{slug}: {done.sections} sections, candidates: {counts} in data/concepten/{slug}/{kept}{rejected} "
               f"({time.perf_counter() - started:.1f} s)", err=True)


@cli.command("review")
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the page here (default: review-SLUG.html in the current folder).")
@click.pass_context
def review_command(ctx, slug, output):
    """Write one offline HTML page to review a report's candidates.

    Per section the text with every mention marked, and beside it the candidates: new things with their
    class and pattern, relations with their quote, predicate and confidence, each with its id for
    'rbvgraph accept' or 'rbvgraph reject'.

    \b
    Example:
      rbvgraph review jaarverslag-2024 -o review.html
    """
    from .ingest.review import review_page

    _write(review_page(_project(ctx), slug), output or Path(f"review-{slug}.html"))


def _decision_options(command):
    command = click.option("--alle-boven", "above", type=click.FloatRange(0, 1), default=None, metavar="ZEKERHEID",
                           help="Every candidate with this confidence or more, instead of ids.")(command)
    command = click.argument("ids", nargs=-1)(command)
    return click.argument("slug")(command)


@cli.command("accept")
@_decision_options
@click.option("--als", "classes", multiple=True, metavar="ID=KLASSE",
              help="Accept new thing ID as another class of the ontology than proposed (2.1.4-n2=Zorgpartner); "
                   "may be repeated.")
@click.option("--naam", "names", multiple=True, metavar="ID=NAAM",
              help="Accept new thing ID under another name: one of its alternatives or your own words "
                   "(2.1.4-n2='project Weerbaar bestuur'); may be repeated.")
@click.pass_context
def accept_command(ctx, slug, ids, above, classes, names):
    """Move candidates into the graph (data/triples/SLUG/), with their evidence.

    Every quote is checked verbatim against data/sources/SLUG.txt, and the project is validated as
    'rbvgraph validate' does; when anything is wrong, nothing is written.

    \b
    Examples:
      rbvgraph accept jaarverslag-2024 2.1.4-n1 2.1.4-r3
      rbvgraph accept jaarverslag-2024 2.1.4-n2 --als 2.1.4-n2=Zorgpartner
      rbvgraph accept jaarverslag-2024 4.1.3-n1 --naam '4.1.3-n1=project Weerbaar bestuur'
      rbvgraph accept jaarverslag-2024 --alle-boven 0.8
    """
    from .ingest.decide import accept

    chosen = {i: v.removeprefix("rbv:") for i, v in _id_values("--als ID=KLASSE", classes, "2.1.4-n2=Zorgpartner").items()}
    named = _id_values("--naam ID=NAAM", names, "'4.1.3-n1=project Weerbaar bestuur'")
    _decided(accept(_project(ctx), slug, _ids(ids, above), above, chosen, named), "accepted")


def _id_values(usage: str, given: tuple[str, ...], example: str) -> dict[str, str]:
    """The values of an option given as ``ID=VALUE`` (``usage``: '--als ID=KLASSE'), by id, the value's white space
    folded; one line of error for one without an id or a value."""
    from .errors import InputError

    found = {}
    for pair in given:
        ident, sep, value = pair.partition("=")
        if not sep or not ident.strip() or not value.strip():
            option, shape = usage.split()
            raise InputError(f"{option} {pair}: give {shape} (an id and a value, neither empty), such as {example}")
        found[ident.strip()] = " ".join(value.split())
    return found


@cli.command("reject")
@_decision_options
@click.pass_context
def reject_command(ctx, slug, ids, above):
    """Drop candidates from data/concepten/SLUG/, for good.

    A rejected new thing goes whole, with the candidates that name it. What is rejected is kept in
    data/concepten/SLUG/afgewezen.tsv, so that ingesting the report again does not propose it again
    (remove that file to see it again).

    \b
    Example:
      rbvgraph reject jaarverslag-2024 2.1.4-r7
    """
    from .ingest.decide import reject

    _decided(reject(_project(ctx), slug, _ids(ids, above), above), "rejected")


def _ids(ids: tuple[str, ...], above: float | None) -> tuple[str, ...]:
    from .errors import InputError

    if bool(ids) == (above is not None):
        raise InputError("give candidate ids (such as 2.1.4-r3) or --alle-boven, not both and not neither")
    return ids


def _decided(done, verb: str) -> None:
    files = ", ".join(str(p) for p in done.files) or "nothing"
    along = (f" and {len(done.along)} more that name a rejected new thing ({', '.join(c.id for c in done.along)})"
             if done.along else "")
    click.echo(f"{verb} {len(done.candidates)} candidate{'' if len(done.candidates) == 1 else 's'}{along}; "
               f"wrote {files}", err=True)
    for line in done.warnings:
        click.echo(f"rbvgraph: warning: {line}", err=True)
