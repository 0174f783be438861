"""The ``rbvgraph`` command line. Library errors become one line on stderr and a non-zero exit."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import RbvError

INFERENCE = ("none", "rdfs", "owlrl")


class RbvGroup(click.Group):
    """A click group that reports rbvgraph's own errors as one line, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RbvError as err:
            click.echo(f"rbvgraph: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except BrokenPipeError:
            ctx.exit(1)


def inference_option(default: str = "none"):
    return click.option("--inference", type=click.Choice(INFERENCE), default=default, show_default=True,
                        help="Add inferred triples: none, RDFS, or the OWL 2 RL closure (owlrl).")


def output_option(help_text: str = "Write to this file instead of standard output."):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help=help_text)


def _project(ctx):
    from .errors import InputError
    from .paths import project

    proj = project(ctx.obj.get("home"))
    if not proj.ontology_dir.is_dir():
        raise InputError(f"{proj.root}: not an rbvgraph project folder (it has no ontology/)")
    return proj


def _store(ctx, inference: str):
    from .load import load_store

    return load_store(_project(ctx), inference)


def _emit(text: str, output: Path | None, bom: bool = False) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    from .atomic import write_text

    write_text(output, text, bom=bom)
    click.echo(f"wrote {output}", err=True)


@click.group(cls=RbvGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="RBVGRAPH_HOME",
              help="Project folder with ontology/, data/triples/ and queries/ (default: the installed data).")
@click.version_option(package_name="rbvgraph")
@click.pass_context
def cli(ctx, home):
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


@cli.command()
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Folder to write.")
@inference_option()
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@click.pass_context
def build(ctx, out_dir, inference, force):
    """Write the whole graph and every named query's result into build/.

    The folder is replaced only when every step succeeds: a failed build keeps the previous output.

    \b
    Example:
      rbvgraph build && open build/index.html
    """
    from .build import build as run_build

    written = run_build(out_dir, _project(ctx), inference, force)
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
    from .namedqueries import catalogue

    for query in catalogue(_project(ctx)).values():
        click.echo(f"{query.name}\n  {query.title}\n  {query.description}")
        for p in query.params:
            default = f" (standaard: {p.default})" if p.default else " (verplicht)"
            click.echo(f"  --param {p.name}=…  {p.kind}: {p.description}{default}")
        click.echo()


@cli.command()
@click.argument("name_or_file")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query; a name or abbreviation is looked up (org=RIEC).")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "csv", "tsv", "json")), default="table",
              show_default=True, help="Output format; CSV opens in Excel with accents intact.")
@inference_option()
@output_option()
@click.pass_context
def query(ctx, name_or_file, params, fmt, inference, output):
    """Run a named query (see 'rbvgraph queries') or any .rq file.

    \b
    Examples:
      rbvgraph query partners --param org=RIEC
      rbvgraph query afkortingen --format csv -o afkortingen.csv
      rbvgraph query my-question.rq
    """
    from .engine import run, without_columns
    from .namedqueries import resolve
    from .output import render
    from .params import bind, parse_pairs

    named = resolve(name_or_file, _project(ctx))
    given = parse_pairs(params)
    store = _store(ctx, inference)
    bindings = bind(named, given, store)
    result = without_columns(run(store, named.text, bindings, where=f"query {named.name} ({named.path})"), bindings)
    _emit(render(result, fmt, store), output, bom=output is not None and fmt in ("csv", "tsv"))


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(("turtle", "nt", "jsonld", "xml", "trig", "nquads")),
              default="turtle", show_default=True, help="RDF format; trig and nquads keep one named graph per file.")
@click.option("--part", type=click.Choice(("all", "asserted", "inferred")), default="all", show_default=True,
              help="Which triples: everything loaded, only the asserted ones, or only the inferred ones.")
@inference_option()
@output_option()
@click.pass_context
def export(ctx, fmt, part, inference, output):
    """Export the graph as RDF (prefixes tidy, nothing dropped).

    \b
    Examples:
      rbvgraph export -o rbv.ttl
      rbvgraph export --format trig --inference owlrl -o rbv.trig
    """
    from .export import serialise

    data = serialise(_store(ctx, inference), fmt, part)
    if output is None:
        sys.stdout.buffer.write(data)
        return
    from .atomic import write_bytes

    write_bytes(output, data)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@inference_option()
@click.pass_context
def stats(ctx, inference):
    """Count triples, entities per class and facts (with quotes) per chapter.

    \b
    Example:
      rbvgraph stats
    """
    from .stats import stats as compute
    from .vocab import shorten

    figures = compute(_store(ctx, inference))
    click.echo(f"triples: {figures['triples']} in {figures['graphs']} named graphs")
    click.echo(f"facts from outside the report (with source): {figures['outside_facts']}")
    click.echo("entities per class:")
    for cls, n in figures["classes"]:
        click.echo(f"  {n:6d}  {shorten(cls)}")
    click.echo("facts per chapter (evidence nodes, quotes):")
    for chapter, facts, quotes in figures["chapters"]:
        click.echo(f"  {chapter:10s} {facts:5d} {quotes:5d}")
