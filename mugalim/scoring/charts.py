"""Charts for the commission (PNG, also placed in the protocol): each unit's ranking with its cut-off line, and
each member's score spread (how far a member's scores sit from the round's mean), so an outlier member shows at a
glance."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from mugalim.db import query
from mugalim.identifiers import mask
from mugalim.scoring.results import replace_atomic
from mugalim.scoring.sheets import MILLI
from mugalim.scoring.stage import StageOutcome
from mugalim.scoring.workers import Jobs

FONT = "DejaVu Sans"
MAX_BARS = 30
COLORS = {"through": "#2e7d32", "pending": "#ef8f00", "out": "#9e9e9e"}
# The charts' words (issue 22: staff read Kazakh or Russian). People's names and units are drawn with
# `parse_math=False`: a `$…$` in a name is text, not mathtext (which would stop the run on a bad formula).
WORDS = {
    "kk": {"stages": {"school": "Мектеп", "district": "Аудан", "city": "Қалалық кезең", "grants": "Гранттар"},
           "cut": "шекті орын: {n}", "total": "қорытынды балл", "more": " (үздік {best}; қалған {more} — results.json)",
           "spread": "{unit}: мүшелер бағаларының тур орташасынан ауытқуы", "mean": "орташа ауытқу",
           "deviation": "баға − тур орташасы"},
    "ru": {"stages": {"school": "Школа", "district": "Район", "city": "Городской этап", "grants": "Гранты"},
           "cut": "граница: {n}", "total": "итоговый балл", "more": " (лучшие {best}; ещё {more} — в results.json)",
           "spread": "{unit}: отклонение оценок членов от среднего по туру", "mean": "среднее отклонение",
           "deviation": "оценка − среднее по туру"},
}


def write_charts(folder: Path, out: StageOutcome, names: dict[str, str], conn: Connection | None,
                 *, max_units: int = 40, language: str = "kk") -> list[Path]:
    """Both charts for each unit (for every unit when there are at most `max_units`; otherwise for the units
    that need the commission's attention: undecided or with a tie). Returns the files written."""
    return start_charts(folder, out, names, conn, max_units=max_units, language=language).wait()


@dataclass(frozen=True)
class Chart:
    """A chart being drawn: its file, there once `ready()` returns it."""
    path: Path
    jobs: Jobs
    index: int

    @property
    def stem(self) -> str:
        return self.path.stem

    def ready(self) -> Path:
        return Path(self.jobs.get(self.index))


@dataclass
class Charts:
    """The charts of a stage, drawn in worker processes while the run goes on (the protocol places each chart when
    it is ready); `wait()` returns the files written."""
    pending: list[Chart]
    jobs: Jobs

    def wait(self) -> list[Path]:
        return [Path(p) for p in self.jobs.wait()]

    def close(self) -> None:
        self.jobs.close()


def start_charts(folder: Path, out: StageOutcome, names: dict[str, str], conn: Connection | None,
                 *, max_units: int = 40, language: str = "kk") -> Charts:
    """`write_charts`, started: the data are read here, through the run's connection, and the PNGs drawn in worker
    processes (`workers.Jobs`), each written atomically and only when its bytes change."""
    units = sorted(set(out.entrants.values()))
    if len(units) > max_units:
        attention = set(out.undecided) | {p.unit for p in out.pending if p.unit}
        units = [u for u in units if u in attention]
    charts_dir = folder / "charts"
    jobs: list[Any] = []
    paths: list[Path] = []
    for unit in units:
        slug = _slug(unit)
        paths.append(charts_dir / f"ranking_{slug}.png")
        jobs.append(partial(_draw, paths[-1], ranking_chart, out, unit, names, language=language))
        if conn is not None:
            spread = member_spread(conn, out, unit)
            if spread:
                spread = _by_name(spread, conn, out, unit)
                paths.append(charts_dir / f"spread_{slug}.png")
                jobs.append(partial(_draw, paths[-1], spread_chart, _shown_unit(out, unit, language), spread,
                                    language=language))
    if jobs:
        _figure(1, 1)            # matplotlib imported once, before the workers are forked
    started = Jobs(jobs)
    return Charts([Chart(p, started, i) for i, p in enumerate(paths)], started)


def _draw(path: Path, chart: Any, *args: Any, **kw: Any) -> Path:
    return replace_atomic(path, lambda p: chart(p, *args, **kw))


def _save(fig: Any, path: Path) -> None:
    """Lay the figure out once (`tight_layout`) and draw it once: `tight_layout` leaves a placeholder layout engine
    behind (also after `set_layout_engine("none")`), for which `savefig` would lay out every text of the figure once
    more without drawing it; `set_layout_engine(None)` removes it (the PNG's bytes are the same).

    The PNG is written without its alpha channel when every pixel is opaque (the charts' white background): the same
    pixels, a quarter less to compress, and the protocol places it without a soft mask, which reportlab would
    otherwise decode and compress once more for each chart (issue 15). Its text chunk names matplotlib, as
    `savefig`'s does."""
    import matplotlib
    import numpy as np
    from PIL import Image, PngImagePlugin

    fig.tight_layout()
    fig.set_layout_engine(None)
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    if rgba[..., 3].min() < 255:                     # something see-through: kept as matplotlib writes it
        fig.savefig(path, format="png")
        return
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/")
    dpi = round(fig.dpi)
    Image.fromarray(np.ascontiguousarray(rgba[..., :3]), "RGB").save(path, format="png", pnginfo=info,
                                                                     dpi=(dpi, dpi))


def _figure(width: float, height: float) -> Any:
    """A matplotlib figure on the non-interactive Agg canvas (matplotlib is imported by the first chart: a stage
    without charts does not pay for it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=90)
    FigureCanvasAgg(fig)
    return fig


def _by_name(spread: dict[str, list[float]], conn: Connection, out: StageOutcome, unit: str
             ) -> dict[str, list[float]]:
    """The members' codes replaced by their names where the `commissions` file gives them (two of one name keep
    their codes beside it)."""
    from mugalim.scoring.protocol import member_names

    names = member_names(conn, out, unit)
    label = {m: names.get(m, m) for m in spread}
    twice = {x for x in label.values() if list(label.values()).count(x) > 1}
    return {(f"{label[m]} ({m})" if label[m] in twice else label[m]): v for m, v in spread.items()}


def _shown_unit(out: StageOutcome, unit: str, language: str) -> str:
    """A unit as the charts name it: a school's BIN, a district's name; the city and the grants by their stage."""
    return unit if out.stage in ("school", "district") else WORDS.get(language, WORDS["kk"])["stages"][out.stage]


def _slug(unit: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in unit)


def _status(out: StageOutcome) -> dict[str, str]:
    through = set(out.advancing) | set(out.grants) | {i for i in out.prizes.values() if i}
    pending = {i for p in out.pending for i in p.participants}
    return {i: "through" if i in through else "pending" if i in pending else "out" for i in out.entrants}


def ranking_chart(path: Path, out: StageOutcome, unit: str, names: dict[str, str], *, language: str = "kk") -> None:
    """Totals of a unit, best first, coloured by outcome, with a dashed line at the cut-off."""
    ranked = out.grouped("ranking").get(unit, [])
    more = max(len(ranked) - MAX_BARS, 0)
    ranked = ranked[:MAX_BARS]
    status = _status(out)
    fig = _figure(7.5, 0.9 + 0.32 * max(len(ranked), 1))
    ax = fig.add_subplot()
    labels = [f"{r.rank}. {(names.get(r.participant_iin) or '')[:28]} ({mask(r.participant_iin)})" for r in ranked]
    values = [float(r.total) for r in ranked]
    ax.barh(range(len(ranked)), values, color=[COLORS[status.get(r.participant_iin, "out")] for r in ranked])
    w = WORDS.get(language, WORDS["kk"])
    ax.set_yticks(range(len(ranked)), labels, fontsize=8, fontname=FONT, parse_math=False)
    ax.invert_yaxis()
    for y, v in enumerate(values):
        ax.text(v, y, f" {v:.3f}".replace(".", ","), va="center", fontsize=7)    # a decimal comma, as kk/ru write
    cut = out.slots if out.stage != "city" else 4
    if cut and len(ranked) > cut:
        ax.axhline(cut - 0.5, color="#c62828", linestyle="--", linewidth=1.2)
        ax.text(max(values) * 1.11 if values else 0, cut - 0.5, w["cut"].format(n=cut), color="#c62828", fontsize=7,
                ha="right", va="center", bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})  # over no value
    ax.set_title(f"{w['stages'].get(out.stage, '')}: {unit}" if out.stage in ("school", "district")
                 else w["stages"].get(out.stage, ""), fontsize=10, fontname=FONT, parse_math=False)
    ax.set_xlabel(w["total"] + (w["more"].format(best=MAX_BARS, more=more) if more else ""), fontsize=8,
                  parse_math=False)
    ax.set_xlim(0, max(values + [1]) * 1.12)
    _save(fig, path)


def member_spread(conn: Connection, out: StageOutcome, unit: str) -> dict[str, list[float]]:
    """Each member's deviations from the round mean (points), exact until drawn."""
    rows = conn.execute(query("scoring_member_spread"), {"season": out.season, "competition": out.competition,
                                                         "stage": out.stage, "unit": unit})
    spread: dict[str, list[float]] = defaultdict(list)
    for r in rows:       # int / int is rounded once, correctly: the same float as that of the exact Fraction
        n = int(r.n)
        spread[r.member_id].append((int(r.score_milli) * n - int(r.total_milli)) / (n * MILLI))
    return dict(spread)


def spread_chart(path: Path, unit: str, spread: dict[str, list[float]], *, language: str = "kk") -> None:
    """A box per member (by name where the `commissions` file gives one) of their scores' distance from the round
    mean; a member far from 0 stands out."""
    w = WORDS.get(language, WORDS["kk"])
    members = sorted(spread)
    fig = _figure(7.5, 3.2)
    ax = fig.add_subplot()
    ax.boxplot([spread[m] for m in members], showfliers=True, widths=0.6)
    ax.set_xticks(range(1, len(members) + 1), [m[:26] for m in members], rotation=60, fontsize=7, ha="right",
                  rotation_mode="anchor", parse_math=False)
    ax.axhline(0, color="#555", linewidth=0.8)
    means = [sum(spread[m]) / len(spread[m]) for m in members]
    ax.plot(range(1, len(members) + 1), means, "o", color="#c62828", markersize=4, label=w["mean"])
    ax.set_ylabel(w["deviation"], fontsize=8)
    ax.set_title(w["spread"].format(unit=unit), fontsize=10, fontname=FONT, parse_math=False)
    ax.legend(fontsize=7, loc="upper right")
    _save(fig, path)
