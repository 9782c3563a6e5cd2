"""The brinkmanship window, drawn as in Dixit, Skeath & Reiley, *Games of Strategy*, Fig. 14.5


Against the probability p that the target is a hard type who defies anyway, the chart draws the
effectiveness floor q_min (flat: the smallest risk of disaster that makes the soft type comply)
and the acceptability ceiling q_max(p) (falling: the largest risk the threatener accepts). The
risks between them are both effective and acceptable; the window closes at p*, where
q_max(p*) = q_min. All values come from :mod:`deterrence.models.brinkmanship`.

Sources: Schelling (1960), ch. 8; Dixit, Skeath & Reiley, ch. 14).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .._check import probability
from ..errors import ParameterError
from ..models import brinkmanship
from .style import COLORS, axes_or_new, fmt, mark_point, mark_threshold, shade_between

__all__ = ["brinkmanship_window"]


def _threatener(value) -> brinkmanship.Threatener:
    if isinstance(value, brinkmanship.Threatener):
        return value
    if isinstance(value, Mapping):
        return brinkmanship.Threatener(**{str(k).lower(): v for k, v in value.items()})
    if isinstance(value, str | bytes) or not hasattr(value, "__len__") or len(value) != 3:
        raise ParameterError(
            "threatener must be a Threatener, a mapping with keys win, acquiesce, disaster or "
            f"three numbers (win, acquiesce, disaster); got {value!r}."
        )
    return brinkmanship.Threatener(*value)


def brinkmanship_window(target, threatener, *, p_mark=None, num=401, ax=None):
    """Effectiveness floor q_min, acceptability ceiling q_max(p) and the window between them.

    Parameters
    ----------
    target : Target, mapping or sequence
        The target's utilities (win, comply, disaster), disaster < comply < win.
    threatener : Threatener, mapping or sequence
        The threatener's utilities (win, acquiesce, disaster), disaster < acquiesce < win.
    p_mark : float, keyword-only, optional
        A probability of a hard target at which to draw the window as a vertical bar (e.g. the
        analyst's estimate).
    num : int, keyword-only, default 401
        Points of the p grid on [0, 1] (p* is added exactly).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Gids: ``"q_min"`` (the floor, a line over the p grid), ``"q_max"`` (the ceiling, for
        p > 0; values above 1 are clipped by the y limits only), ``"window"`` (the shaded
        region, from ``brinkmanship.risk_window``), ``"p_star"`` (vertical line at p*),
        ``"p_star:point"`` (the closing point (p*, q_min), its label ``"p_star:point:label"``),
        ``"p_mark"`` (the bar at `p_mark`, label ``"p_mark:label"``).

    References
    ----------
    Dixit, Skeath & Reiley, *Games of Strategy* (3rd ed.), ch. 14, Fig. 14.5
    (target (2, −2, −10), threatener (1, −2, −10): q_min = 1/3, q_max = 3(1 − p)/(8p),
    p* = 9/17).

    Examples
    --------
    >>> ax = brinkmanship_window((2, -2, -10), (1, -2, -10), p_mark=0.4)
    >>> ax.get_xlabel()
    'probability p that the target is hard (defies anyway)'
    >>> from deterrence.plot.style import find_artists
    >>> round(find_artists(ax, "p_star")[0].get_xdata()[0] * 17, 9)
    9.0
    """
    if not isinstance(num, int) or num < 2:
        raise ParameterError(f"num must be a whole number >= 2; got {num!r}.")
    u = _threatener(threatener)
    p_star = brinkmanship.window_closes_at(target=target, threatener=u)
    p = np.union1d(np.linspace(0.0, 1.0, num), [p_star])
    low, high = brinkmanship.risk_window(p, target=target, threatener=u)
    q_min = float(low[0])  # the window is open at p = 0 (p* > 0): its floor is q_min
    q_max = brinkmanship.acceptability_threshold(p[1:], u.win, u.acquiesce, u.disaster)

    ax = axes_or_new(ax)
    shade_between(ax, p, low, high, label="window (effective and acceptable)", gid="window")
    ax.plot(
        p,
        np.full_like(p, q_min),
        color=COLORS["weak"],
        label=f"q_min = {fmt(q_min)} (effectiveness)",
        gid="q_min",
    )
    ax.plot(p[1:], q_max, color=COLORS["escalation"], label="q_max(p) (acceptability)", gid="q_max")
    mark_threshold(ax, p_star, None, gid="p_star")
    mark_point(
        ax,
        p_star,
        q_min,
        f"p* = {fmt(p_star)}: the window closes",
        color=COLORS["utility"],
        offset=(6, 6),
        gid="p_star:point",
    )
    # where each condition fails, written in the regions themselves (Fig. 14.5 does the same)
    for x, y, text, gid in (
        (0.97, 0.25, "ineffective (q < q_min)", "region:ineffective"),
        (0.97, 0.7, "unacceptable to the threatener\n(q > q_max(p))", "region:unacceptable"),
    ):
        ax.text(
            x,
            y,
            text,
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize="small",
            color="0.3",
            gid=gid,
        )
    if p_mark is not None:
        pm = probability(p_mark, "p_mark")
        window = brinkmanship.risk_window(pm, target=target, threatener=u)
        if window is None:
            text, y = f"p = {fmt(pm)}: no window", q_min
            ax.plot([pm], [q_min], marker="x", color=COLORS["scenario"], gid="p_mark")
        else:
            lo, hi = window
            text, y = f"p = {fmt(pm)}:\nq ∈ [{fmt(lo)}, {fmt(hi)}]", (lo + hi) / 2
            ax.plot(
                [pm, pm],
                [lo, hi],
                color=COLORS["scenario"],
                linewidth=3,
                solid_capstyle="butt",
                gid="p_mark",
            )
        ax.annotate(
            text,
            xy=(pm, y),
            xytext=(-5, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize="small",
            color=COLORS["scenario"],
            gid="p_mark:label",
        )
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel("probability p that the target is hard (defies anyway)")
    ax.set_ylabel("risk of disaster q (probability)")
    ax.legend(loc="lower left", fontsize="small")
    return ax
