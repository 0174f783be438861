"""Ingest: how long reading the whole report takes, and how good its candidates are (leave-sections-out).

    python benchmarks/ingest.py [--repeat 3] [--chapters Voorwoord,1,2] [--out benchmarks/RESULTS.md]

- time: ``rbvgraph ingest`` of the report's text (``../shared/source/``) under a new id into a copy of the project,
  in a fresh process (``python -m rbvgraph``), median of ``--repeat`` runs; and the same in-process
  (``rbvgraph.ingest.run.ingest``), which leaves out the interpreter's start-up and the imports;
- quality: for every chapter, its curated facts taken away in a copy, ingest run, the candidates compared with
  what was taken away (``tests/leave_out.py`` says how each figure is counted); the floors of
  ``tests/test_ingest_quality.py`` are these figures.

Nothing is asserted; with ``--out`` a dated section is appended to the file.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/leave_out.py holds the measurement the tests assert on

from rbvgraph.ingest.run import ingest  # noqa: E402
from rbvgraph.project import Project, project  # noqa: E402
from tests.leave_out import CHAPTERS, Figures, measure  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "source" / "000_a077b94e73753f08.txt"


def _copy(target: Path) -> Path:
    for part in ("ontology", "data/triples", "data/sources", "queries"):
        shutil.copytree(ROOT / part, target / part)
    return target


def timings(repeat: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"process": [], "in-process": []}
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for run in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            home = _copy(Path(folder) / "p")
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "rbvgraph", "--home", str(home), "ingest", str(REFERENCE), "--id",
                            "jaarverslag-2023-kopie"], check=True, env=env, capture_output=True)
            found["process"].append(time.perf_counter() - started)
        with tempfile.TemporaryDirectory() as folder:
            home = _copy(Path(folder) / "p")
            started = time.perf_counter()
            ingest(Project(home), REFERENCE, "jaarverslag-2023-kopie")
            found["in-process"].append(time.perf_counter() - started)
    return found


def _pct(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} = {Figures.share(pair):.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chapters", default=",".join(CHAPTERS))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    times = timings(args.repeat)
    rows = []
    for chapter in args.chapters.split(","):
        with tempfile.TemporaryDirectory() as folder:
            rows.append(measure(project(ROOT), REFERENCE, Path(folder), chapter))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    lines = [f"## Ingest (issue 15), {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC — commit "
             f"{commit.strip()}", "",
             f"`python benchmarks/ingest.py --repeat {args.repeat}`; load average "
             f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs.", "",
             "| ingest the whole report (47 sections) | median | runs |", "|---|---:|---|"]
    for name, values in times.items():
        lines.append(f"| {name} | {statistics.median(values):.2f} s | "
                     f"{', '.join(f'{v:.2f}' for v in values)} |")
    lines += ["", "Leave-sections-out (tests/leave_out.py): the chapter's curated facts taken away, ingest run, its "
              "candidates compared.", "",
              "| chapter | known things linked (named in the text) | known things linked (all) | left-out things "
              "proposed (verbatim names) | curated relations among candidates | with the right predicate | "
              "relations whose two things the candidates name | of those among candidates / right predicate | "
              "precision | right relation candidates | candidates (mentions / new / relations) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for f in rows:
        lines.append(f"| {f.chapter} | {_pct(f.linked)} | {_pct(f.linked_all)} | {_pct(f.proposed)} | "
                     f"{_pct(f.pairs)} | {_pct(f.predicates)} | {_pct(f.findable)} | "
                     f"{_pct((f.pairs[0], f.findable[0]))} / {_pct((f.predicates[0], f.findable[0]))} | "
                     f"{_pct(f.precision)} | {_pct(f.relations)} | "
                     f"{f.candidates['vermelding']} / {f.candidates['nieuw']} / {f.candidates['relatie']} |")
    total = {k: (sum(getattr(f, k)[0] for f in rows), sum(getattr(f, k)[1] for f in rows))
             for k in ("linked", "linked_all", "proposed", "pairs", "predicates", "precision", "findable", "relations")}
    lines.append(f"| all | {_pct(total['linked'])} | {_pct(total['linked_all'])} | {_pct(total['proposed'])} | "
                 f"{_pct(total['pairs'])} | {_pct(total['predicates'])} | {_pct(total['findable'])} | "
                 f"{_pct((total['pairs'][0], total['findable'][0]))} / "
                 f"{_pct((total['predicates'][0], total['findable'][0]))} | {_pct(total['precision'])} | "
                 f"{_pct(total['relations'])} | |")
    lines += ["", "The same with a proposal also standing for the curated thing it describes (tests/leave_out.py, "
              "'described'):", "",
              "| chapter | curated relations among candidates | with the right predicate | relations whose two things "
              "the candidates name | precision | right relation candidates |", "|---|---:|---:|---:|---:|---:|"]
    described = {k: (sum(f.described[k][0] for f in rows), sum(f.described[k][1] for f in rows))
                 for k in ("pairs", "predicates", "findable", "precision", "relations")}
    for name, d in [(f.chapter, f.described) for f in rows] + [("all", described)]:
        lines.append(f"| {name} | {_pct(d['pairs'])} | {_pct(d['predicates'])} | {_pct(d['findable'])} | "
                     f"{_pct(d['precision'])} | {_pct(d['relations'])} |")
    ceiling = (sum(f.ceiling[0] for f in rows), sum(f.ceiling[1] for f in rows))
    lines += ["", f"Ceiling: {_pct(ceiling)} of the curated relations join two things a reader can name (known to the graph, "
              "a name standing in the chapter's text, or named by the candidates anyway; per chapter: " + ", ".join(f"{f.chapter} {_pct(f.ceiling)}" for f in rows) + "): the "
              "most a reader that links and proposes every such thing under its name can find."]
    between = {k: (sum(f.between[k][0] for f in rows), sum(f.between[k][1] for f in rows)) for k in ("pairs", "predicates")}
    lines += ["", f"Relations between two things only (not a section's reference or subject): {_pct(between['pairs'])} "
              f"among the candidates, {_pct(between['predicates'])} with the right predicate."]
    kinds = {k: (sum(f.kinds[k][0] for f in rows), sum(f.kinds[k][1] for f in rows)) for k in rows[0].kinds}
    lines += ["", "Precision per kind of candidate, all chapters (a mention of a thing the chapter mentions; a new "
              "thing with the name of a thing only the chapter defines; a relation between two things a curated fact "
              "joins, and with its predicate and direction):", "",
              "| candidates | right |", "|---|---:|"] + [f"| {k} | {_pct(v)} |" for k, v in kinds.items()]
    bands: dict[str, list[int]] = {}
    for f in rows:
        for band, counts in f.bands.items():
            total = bands.setdefault(band, [0, 0, 0])
            for i, n in enumerate(counts):
                total[i] += n
    lines += ["", "Relation candidates between two things per confidence, all chapters: the share that joins the two "
              "things of a curated fact of the chapter left out, and with its predicate (what a reviewer can expect "
              "of a card with that confidence).", "",
              "| confidence | right pair | right predicate |", "|---|---:|---:|"]
    lines += [f"| {band} | {_pct((c[0], c[2]))} | {_pct((c[1], c[2]))} |" for band, c in sorted(bands.items(), reverse=True)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
