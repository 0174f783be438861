"""Build a project folder of N reports from the real one, for the benchmarks (never inside the repository).

Copy 0 is the real report, unchanged (so the named queries' default parameters still name things in it). Every
other copy stands for another region and year: each instance IRI under ``https://w3id.org/rbvgraph/id/`` gets the
copy's id (``…/id/r07-2021/organisatie/riec-noord-nederland``), its figures (``rbv:waarde``, ``schema:value``) are
scaled and shifted by the copy number, and its quotes (``rbv:citaat``) carry the copy id, so no triple of one copy
collapses into another's. The ontology and the named queries are shared: they are copied once.

    python benchmarks/generate.py 10            # prints the folder (cached: made once per input fingerprint)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from rbvgraph.graph.parse import FORMATS as DATA_SUFFIXES
from rbvgraph.project import Project, project
from rbvgraph.vocab import INSTANCES, ONTOLOGY, PREFIXES

GENERATOR_VERSION = "2"  # change when the copies change shape: cached projects stop matching
REGIONS = 10
FIRST_YEAR = 2020
FIGURES = {ONTOLOGY + "waarde", "https://schema.org/value"}
QUOTES = {ONTOLOGY + "citaat"}
DONE = ".complete"


def default_cache() -> Path:
    return Path(tempfile.gettempdir()) / "rbvgraph-bench"


def copy_id(k: int) -> str:
    """``r01-2020`` for copy 0, ``r02-2020`` … ``r10-2020``, ``r01-2021`` …: ten regions, then the next year."""
    return f"r{k % REGIONS + 1:02d}-{FIRST_YEAR + k // REGIONS}"


def vary_figure(literal: ox.Literal, k: int) -> ox.Literal:
    """``v·(1 + k/100) + k`` units of the literal's last digit: distinct for every copy, same datatype."""
    try:
        value = Decimal(literal.value)
    except InvalidOperation:
        return ox.Literal(f"{literal.value} ({copy_id(k)})", datatype=literal.datatype)
    exponent = min(value.as_tuple().exponent, 0)
    unit = Decimal(1).scaleb(exponent)
    varied = (value * (1 + Decimal(k) / 100)).quantize(unit) + k * unit
    return ox.Literal(str(varied), datatype=literal.datatype)


def vary_quote(literal: ox.Literal, k: int) -> ox.Literal:
    text = f"{literal.value} [{copy_id(k)}]"
    return ox.Literal(text, language=literal.language) if literal.language else ox.Literal(text, datatype=literal.datatype)


class CopyMapper:
    """Rewrites the terms of one copy: instance IRIs get the copy id, figures and quotes are varied."""

    def __init__(self, k: int):
        self.k = k
        self.base = f"{INSTANCES}{copy_id(k)}/"

    def term(self, term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(INSTANCES):
            return ox.NamedNode(self.base + term.value[len(INSTANCES):])
        return term

    def value(self, predicate: ox.NamedNode, obj):
        if isinstance(obj, ox.Literal):
            if predicate.value in FIGURES:
                return vary_figure(obj, self.k)
            if predicate.value in QUOTES:
                return vary_quote(obj, self.k)
            return obj
        return self.term(obj)

    def quad(self, q: ox.Quad) -> ox.Quad:
        return ox.Quad(self.term(q.subject), q.predicate, self.value(q.predicate, q.object), self.term(q.graph_name))

    def prefixes(self) -> dict[str, str]:
        return {name: (self.base + iri[len(INSTANCES):] if iri.startswith(INSTANCES) else iri)
                for name, iri in PREFIXES.items()}


def write_copy(parsed: dict[Path, list[ox.Quad]], out: Path, k: int) -> None:
    """One report's data files under ``data/triples/<copy id>/``, in their own format (Turtle or TriG)."""
    mapper = CopyMapper(k)
    for relative, quads in parsed.items():
        fmt = DATA_SUFFIXES[relative.suffix]
        target = out / "data" / "triples" / copy_id(k) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        rewritten = quads if k == 0 else [mapper.quad(q) for q in quads]
        data = rewritten if fmt.supports_datasets else [ox.Triple(q.subject, q.predicate, q.object) for q in rewritten]
        target.write_bytes(ox.serialize(data, format=fmt, prefixes=mapper.prefixes() if k else PREFIXES))


def parse_data(proj: Project) -> tuple[dict[Path, list[ox.Quad]], list[str]]:
    """The real data files (relative path → quads); files that do not parse right now are left out and named."""
    parsed, skipped = {}, []
    for path in proj.source_files():
        if not path.is_relative_to(proj.triples_dir):
            continue
        try:
            parsed[path.relative_to(proj.triples_dir)] = list(ox.parse(path=path, format=DATA_SUFFIXES[path.suffix]))
        except (SyntaxError, OSError) as err:
            skipped.append(f"{path.relative_to(proj.root)}: {' '.join(str(err).split())[:120]}")
    return parsed, skipped


def generate(n: int, source: Project | None = None, cache: Path | None = None) -> Path:
    """The folder of a project with ``n`` reports, made once per input fingerprint and reused after."""
    source = source or project()
    key = source.fingerprint(source.source_files() + source.query_files())
    out = (cache or default_cache()) / f"projects-{key}-g{GENERATOR_VERSION}" / f"n{n}"
    if (out / DONE).is_file():
        return out
    shutil.rmtree(out, ignore_errors=True)
    parsed, skipped = parse_data(source)
    for note in skipped:
        print(f"generate: left out (does not parse): {note}", file=sys.stderr)
    shutil.copytree(source.ontology_dir, out / "ontology")
    shutil.copytree(source.queries_dir, out / "queries")
    if source.report_text("jaarverslag-2023").is_file():  # the quotes of copy 0 are checked against it (the other copies' are changed)
        shutil.copytree(source.report_text("jaarverslag-2023").parent, out / "data" / "sources")
    for k in range(n):
        write_copy(parsed, out, k)
    (out / DONE).write_text("\n".join(skipped) + "\n", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of reports")
    parser.add_argument("--cache", type=Path, default=None, help=f"cache folder (default: {default_cache()})")
    args = parser.parse_args(argv)
    print(generate(args.n, cache=args.cache))


if __name__ == "__main__":
    main()
