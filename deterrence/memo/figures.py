"""The memo's charts: each drawn once from the findings, encoded once as PNG.

:func:`draw_figures` turns :class:`~deterrence.analysis.findings.Findings` into
:class:`Figure` objects (name, caption, PNG bytes); the same bytes are written to
``figures/NAME.png`` and embedded in ``memo.html``. Figures are matplotlib ``Figure`` objects,
never pyplot, so no global state is touched. Every chart is a function of
:mod:`deterrence.plot` drawing a result of the analysis layer.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .words import num, pct

if TYPE_CHECKING:
    from ..analysis.findings import Findings

__all__ = ["Figure", "draw_figures", "FIGURE_DPI"]

#: Resolution of the PNGs: 100 dpi gives 720 px for the 7.2-inch charts, sharp in a page column
#: of 60 rem without the cost (and file size) of print resolution.
FIGURE_DPI = 100


@dataclass(frozen=True)
class Figure:
    """One chart of the memo: its file stem, caption and PNG bytes."""

    name: str
    caption: str
    png: bytes


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI)
    return buf.getvalue()


def _pair(size=(7.2, 6.4)):
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=size, layout="constrained")
    axes = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (3, 2)})
    return fig, axes


def _single(size):
    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=size, layout="constrained")
    return fig, fig.subplots()


def draw_figures(f: Findings) -> tuple[Figure, ...]:
    """Draw the memo's charts from its findings, in the order the memo shows them."""
    from ..plot import defense, proxies, thresholds, window
    from ..plot.phase import draw_phase_diagram
    from ..plot.style import COLORS, mark_threshold

    s = f.scenario
    p = s.parameters
    unit = f.unit
    out = []

    fig, axes = _pair()
    window.calibrated_window(f.window_curves, ax=axes)
    fig.suptitle(f"Calibrated response window ({unit})", fontsize="medium")
    out.append(
        Figure(
            "window",
            f"The calibrated window in {unit}: P(seen as weak) and P(escalation) against the "
            f"response size, the acceptable levels α_w = {pct(f.alpha)} and "
            f"ρ = {pct(f.rho)}, and the expected utility with r* marked.",
            _png(fig),
        )
    )

    if f.launch_curves is not None:
        fig, axes = _pair()
        window.calibrated_window_launches(f.launch_curves, ax=axes)
        fig.suptitle(f"The window in launches (q = {num(f.q)} per launch)", fontsize="medium")
        out.append(
            Figure(
                "window_launches",
                f"The same in launches: L ~ Binomial(n, q = {num(f.q)}) of n launches get "
                f"through; the scenario's salvo of {f.salvo} launches is marked.",
                _png(fig),
            )
        )

    x_key, y_key = f.phase_axes
    fig, ax = _single((7.2, 6.6))
    draw_phase_diagram(f.phase, mark=(p[x_key], p[y_key]), mark_label="this scenario", ax=ax)
    ax.set_title(
        "Retaliation game: equilibrium regions over the plausible ranges", fontsize="medium"
    )
    out.append(
        Figure(
            "phase",
            f"Phase diagram of the retaliation game over {x_key} and {y_key} (the other "
            "parameters at the scenario's values): each region has its own set of equilibria; "
            "boundary points are found by bisection to 1e-10.",
            _png(fig),
        )
    )

    fig, ax = _single((7.2, 4.6))
    k = f.saturation.k
    defense.saturation_curves(f.saturation, ax=ax)
    mark_threshold(
        ax, f.salvo, f"salvo {f.salvo}", color=COLORS["scenario"], linestyle="-.", gid="salvo"
    )
    ax.set_title(f"Saturation: P(at least {k} leakers) against the salvo size", fontsize="medium")
    out.append(
        Figure(
            "saturation",
            f"P(at least {k} leakers, i.e. ⌈r*⌉) against the number of launches for the "
            f"plausible interception probabilities, with unlimited interceptors (solid) and "
            f"the scenario's {p['interceptor_inventory']} (dashed); the level is 1 − α_w.",
            _png(fig),
        )
    )

    from matplotlib.figure import Figure as MplFigure

    fig = MplFigure(figsize=(12.0, 1.6 + 0.45 * len(f.swings.rows)), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    thresholds.what_must_be_true(f.swings, ax=list(axes))
    fig.suptitle(
        "What must be true: r* and the window edges over each plausible range", fontsize="medium"
    )
    out.append(
        Figure(
            "tornado",
            "Tornado: r*, the window floor and the window ceiling with each parameter at the "
            "low (blue) and high (orange) end of its plausible range, the others at the "
            "scenario's values; rows sorted by the swing of r*.",
            _png(fig),
        )
    )

    if s.proxies is None:  # no proxies: no proxy-risk chart
        return tuple(out)
    fig, ax = _single((7.2, 4.6))
    lo_b, hi_b = s.ranges["attribution"]
    proxies.proxy_risk(
        attribution=sorted({lo_b, p["attribution"], hi_b}),
        periods=f.proxy_periods,
        mark=(p["proxy_autonomy"], p["attribution"]),
        ax=ax,
    )
    ax.set_title(f"Proxy risk over {f.proxy_periods} periods", fontsize="medium")
    out.append(
        Figure(
            "proxy_risk",
            f"P(at least one unsanctioned attack by {s.proxies} attributed to "
            f"{s.proxy_sponsor_name}) within "
            f"{f.proxy_periods} periods against the proxies' autonomy, for the plausible "
            "attribution levels.",
            _png(fig),
        )
    )
    return tuple(out)
