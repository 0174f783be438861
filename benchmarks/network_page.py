"""The network page in headless Chromium: how long a page takes to settle, how fast a search highlights, and how
long `rbvgraph network` takes to write it. Figures, not tests: nothing is asserted.

    python benchmarks/network_page.py                       # whole network + a page of 9 reports (~1,000 nodes)
    python benchmarks/network_page.py --reports 9 --repeat 5 --out benchmarks/RESULTS.md --label "what changed"

For each page (the real project's whole network, and the whole network of a generated project of ``--reports``
reports, see generate.py):

- write: ``python -m rbvgraph --home DIR network -o FILE`` in a fresh process (wall time; it loads the graph,
  computes the metrics and renders the page), after one run that is not counted (it may make the on-disk copy of
  a big project, see the README);
- stable: a fresh browser context opens the file (network blocked) and the time from navigation start until the
  page marks itself settled (``<body data-stable="1">``, set when the first layout is done and physics is off);
- search: on that page, the time from pressing Enter in the search field until the highlight has been drawn (two
  animation frames after the key).

Each figure is the median of ``--repeat`` runs. Needs Playwright and Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from generate import generate
from measure import python, run_process
from report import commit, machine

from rbvgraph.project import project

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1600, "height": 1000}
SEARCH = "RIEC"

# Recorded before the page's own script runs: the moment <body data-stable> appears, from navigation start.
_STABLE_WATCH = """
new MutationObserver(function (changes, observer) {
  if (document.body && document.body.getAttribute("data-stable") === "1" && window.__stableAt === undefined) {
    window.__stableAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-stable"]});
"""

_SEARCH = """async (query) => {
  const input = document.getElementById("search");
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const started = performance.now();
  input.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - started;
}"""


def write_times(home: Path, out: Path, repeat: int) -> tuple[list[float], str]:
    """Wall seconds of ``rbvgraph network`` in fresh processes, and what it said on stderr."""
    times, said = [], ""
    for run in range(repeat + 1):  # the first run is not counted: it may make the on-disk copy of a big project
        sample = run_process(python("-m", "rbvgraph", "--home", str(home), "network", "-o", str(out)))
        if sample.returncode != 0:
            raise SystemExit(f"rbvgraph network failed: {sample.error.strip()}")
        if run:
            times.append(sample.seconds)
        said = sample.error.strip()
    return times, said


def browser_times(page_file: Path, repeat: int) -> tuple[list[float], list[float]]:
    """Milliseconds to stable and from search to highlight, one fresh context per run."""
    from playwright.sync_api import sync_playwright

    stable, search = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            context = browser.new_context(viewport=VIEWPORT)
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
            context.add_init_script(_STABLE_WATCH)
            page = context.new_page()
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-stable='1']", state="attached", timeout=120_000)
            stable.append(page.evaluate("window.__stableAt"))
            search.append(page.evaluate(_SEARCH, SEARCH))
            context.close()
        browser.close()
    return stable, search


def fmt(values: list[float], unit: str) -> str:
    median = statistics.median(values)
    spread = f"{min(values):.0f}–{max(values):.0f}" if unit == "ms" else f"{min(values):.2f}–{max(values):.2f}"
    return f"{median:.0f} ms ({spread})" if unit == "ms" else f"{median:.2f} s ({spread})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=9, help="reports in the generated project (default 9: ~1,000 nodes)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, help="append the table to this Markdown file")
    parser.add_argument("--label", default="", help="what this run measures (with --out)")
    args = parser.parse_args(argv)

    head = commit()
    pages = [("whole network (real project)", project().root), (f"whole network of {args.reports} reports", generate(args.reports))]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, home) in enumerate(pages):
            out = Path(tmp) / f"page{i}.html"
            writes, said = write_times(home, out, args.repeat)
            stable, search = browser_times(out, args.repeat)
            rows.append(f"| {name} ({said.removeprefix(f'wrote {out}: ')}) | {fmt(writes, 's')} | {fmt(stable, 'ms')} | "
                        f"{fmt(search, 'ms')} |")
            print(rows[-1], file=sys.stderr)
    table = "\n".join(["| page | `rbvgraph network` write | time to stable | search → highlight |",
                       "|---|---:|---:|---:|", *rows])
    text = "\n".join([f"## Network page in Chromium — commit {head}" + (f" — {args.label}" if args.label else ""), "",
                      f"`python benchmarks/network_page.py --reports {args.reports} --repeat {args.repeat}` "
                      f"(medians of {args.repeat}, range in brackets; viewport {VIEWPORT['width']}×{VIEWPORT['height']}, "
                      f"search for “{SEARCH}”)", "", *machine(), "", table, ""])
    print(text)
    if args.out:
        with args.out.open("a", encoding="utf-8") as handle:
            handle.write("\n" + text)


if __name__ == "__main__":
    main()
