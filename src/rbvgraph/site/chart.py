"""An indicator's figures 2018–2023 as an SVG line chart with its target, drawn by matplotlib.

matplotlib draws the text as paths (``svg.fonttype = "path"``), so the chart needs no font and no network; the
SVG carries no date and fixed ids (``svg.hashsalt``), so the same figures give the same bytes. The line of values
has the id ``waarden``, the target line ``doel``.

Drawing takes matplotlib about 50 ms a chart, so each chart is kept in the user cache (``charts/``), named after
what it is drawn from and after its own sha256, which is checked when it is read: a changed file is drawn again.
"""

from __future__ import annotations

import hashlib
import io
import json
from decimal import Decimal

from ..errors import OutputError
from ..util.atomic import write_bytes
from ..util.cache import cache_dir
from .things import Figures

RECIPE = "1"  # change when the drawing changes: cached charts stop matching

YEARS = range(2018, 2024)
LINE, TARGET = "#0072B2", "#D55E00"  # blue and vermilion: apart for colour-blind readers


def dutch_number(value: Decimal) -> str:
    """Dutch notation: ``9.827``, ``6,4``."""
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


def chart_svg(figures: Figures) -> str:
    """The SVG element (no XML declaration) of the values of ``figures`` per year, the target as a dashed line;
    from the cache when it was drawn before."""
    import matplotlib

    what = json.dumps([RECIPE, matplotlib.__version__, sorted((y, str(v)) for y, v in figures.values.items()),
                       sorted(figures.provisional), str(figures.target), figures.unit])
    key = hashlib.sha256(what.encode("utf-8")).hexdigest()[:32]
    folder = cache_dir() / "charts"
    for path in folder.glob(f"{key}.*.svg"):
        data = path.read_bytes()
        if path.name == f"{key}.{hashlib.sha256(data).hexdigest()[:16]}.svg":
            return data.decode("utf-8")
        path.unlink(missing_ok=True)
    svg = _draw(figures)
    data = svg.encode("utf-8")
    try:
        write_bytes(folder / f"{key}.{hashlib.sha256(data).hexdigest()[:16]}.svg", data)
    except OutputError:
        pass  # a cache that cannot be written is skipped
    return svg


def _draw(figures: Figures) -> str:
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    years = [y for y in YEARS if y in figures.values]
    values = [float(figures.values[y]) for y in years]
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "rbvgraph", "font.size": 9,
                                "axes.spines.top": False, "axes.spines.right": False}):
        fig = Figure(figsize=(6.4, 3.0), dpi=72)
        ax = fig.subplots()
        ax.plot(years, values, marker="o", color=LINE, linewidth=2, gid="waarden", label="waarde")
        for year, value in zip(years, values):
            ax.annotate(dutch_number(figures.values[year]) + ("*" if year in figures.provisional else ""), (year, value),
                        textcoords="offset points", xytext=(0, 7), ha="center", color="#222")
        if figures.target is not None:
            ax.axhline(float(figures.target), color=TARGET, linestyle="--", linewidth=1.5, gid="doel",
                       label=f"doel: {dutch_number(figures.target)}")
            ax.legend(loc="best", frameon=False)
        ax.set_xticks(list(YEARS))
        ax.set_xlim(YEARS[0] - 0.4, YEARS[-1] + 0.4)
        shown = values + ([float(figures.target)] if figures.target is not None else [])
        ax.set_ylim(min(0.0, *shown), max(shown, default=1.0) * 1.18 or 1.0)  # room above for the numbers
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: dutch_number(Decimal(str(round(v, 6))))))
        ax.set_ylabel(figures.unit or "")
        ax.grid(axis="y", color="#ddd", linewidth=0.6)
        fig.subplots_adjust(left=0.14, right=0.98, top=0.97, bottom=0.11)  # fixed: tight_layout doubles the time
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    return svg[svg.index("<svg"):]
