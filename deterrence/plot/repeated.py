"""Stability of the "equilibrium of violence".

Calibrated exchanges (u_E per round) are sustained by the threat of war (u_P per round after a
one-round escalation gain u_D) iff δ ≥ δ*(u_D) = (u_D − u_E)/(u_D − u_P)
(``games.repeated.violence_equilibrium_threshold``). The chart draws δ* against the deviation
gain u_D, shades the (u_D, δ) region where the exchange is sustained, draws the scenario's
discount factor δ as a horizontal line, and marks where that line meets the curve: the largest
deviation gain the exchange survives at this δ. A shock that raises u_D past that point breaks
the equilibrium (``games.repeated.shock_breaks``).

Sources: the folk theorem for repeated games (Friedman 1971); cf. Sobelman 2016/17, *International Security* 41(3):151–196.
"""

from __future__ import annotations

import numpy as np

from .._check import finite_array, in_range
from ..errors import ParameterError
from ..games import repeated
from .style import COLORS, axes_or_new, fmt, mark_level, mark_point, shade_between

__all__ = ["violence_stability"]


def violence_stability(deviation, *, exchange, war, delta=None, mark=(), ax=None):
    """δ* against the deviation gain u_D, with the discount factor δ and the sustained region.

    Parameters
    ----------
    deviation : array_like or (float, float)
        u_D values to draw (utils); a pair (lo, hi) means 400 points from lo to hi. Each must
        exceed `exchange`.
    exchange : float, keyword-only
        u_E, per-round payoff of the calibrated exchange (utils).
    war : float, keyword-only
        u_P, per-round payoff of war (utils), < u_E.
    delta : float, keyword-only, optional
        The discount factor δ (per round), in [0, 1) (e.g.
        0.9). Drawn as a horizontal line; where it meets
        the curve, u_D = (u_E − δ·u_P)/(1 − δ) (δ*(u_D) = δ solved for u_D), is marked.
    mark : sequence of float, keyword-only
        Deviation gains to mark on the curve with their δ* (e.g. ``(2, 4)``: a shock).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Gids: ``"delta_star"`` (the curve), ``"sustained"`` (the region δ ≥ δ*),
        ``"delta"`` (the horizontal line), ``"breaking_point"`` (the point where it meets the
        curve, label ``"breaking_point:label"``), ``"mark"`` (the marked points).

    References
    ----------
    (u_E, u_D, u_P) = (0, 2, −8) → δ* = 0.2; u_D → 4 gives 1/3.

    Examples
    --------
    >>> ax = violence_stability((0.5, 12), exchange=0, war=-8, delta=0.5, mark=(2, 4))
    >>> from deterrence.plot.style import find_artists
    >>> [round(float(line.get_ydata()[0]), 6) for line in find_artists(ax, "mark")]
    [0.2, 0.333333]
    >>> float(find_artists(ax, "breaking_point")[0].get_xdata()[0])  # (0 + 0.5*8)/0.5
    8.0
    """
    u_e = float(in_range(exchange, "exchange"))
    u_p = float(in_range(war, "war"))
    values = finite_array(deviation, "deviation")
    if values.ndim != 1 or values.size < 2:
        raise ParameterError(
            "deviation must be a pair (lo, hi) or an array of at least two u_D values (utils); "
            f"got shape {values.shape}."
        )
    if values.size == 2:
        lo, hi = sorted(values)
        if lo == hi:
            raise ParameterError(f"deviation range ({lo:g}, {hi:g}) is empty; give lo < hi.")
        values = np.linspace(lo, hi, 400)
    u_d = np.sort(values)
    # validates u_P < u_E < u_D for every point and names the first that breaks it
    delta_star = np.asarray(repeated.violence_equilibrium_threshold(u_e, u_d, u_p), dtype=float)
    points = [float(m) for m in mark]
    if points:
        marked = np.atleast_1d(repeated.violence_equilibrium_threshold(u_e, points, u_p))

    ax = axes_or_new(ax)
    shade_between(
        ax, u_d, delta_star, np.ones_like(u_d), label="exchange sustained (δ ≥ δ*)", gid="sustained"
    )
    ax.plot(
        u_d,
        delta_star,
        color=COLORS["utility"],
        label="δ*(u_D) = (u_D − u_E)/(u_D − u_P)",
        gid="delta_star",
    )
    if delta is not None:
        d = float(in_range(delta, "delta (discount factor)", 0.0, 1.0, closed=(True, False)))
        level = mark_level(ax, d, None, color=COLORS["scenario"], linestyle="-.", gid="delta")
        level.set_label(f"δ = {fmt(d)} (the discount factor)")
        breaking = (u_e - d * u_p) / (1.0 - d)
        if u_d[0] <= breaking <= u_d[-1]:
            mark_point(
                ax,
                breaking,
                d,
                f"breaks beyond u_D = {fmt(breaking)}",
                color=COLORS["scenario"],
                # below-right in the left half (free of the curve), above-left in the right half
                offset=(6, -6) if breaking < (u_d[0] + u_d[-1]) / 2 else (-6, 6),
                gid="breaking_point",
            )
    for x, y in zip(points, marked if points else (), strict=False):
        mark_point(ax, x, y, f"δ* = {fmt(y)}", color=COLORS["optimum"], offset=(8, -6), gid="mark")
    ax.set_xlim(float(u_d[0]), float(u_d[-1]))
    ax.set_ylim(0.0, 1.0)
    ax.set_xlabel(f"one-round escalation gain u_D (utils; u_E = {fmt(u_e)}, u_P = {fmt(u_p)})")
    ax.set_ylabel("discount factor δ (per round)")
    ax.legend(loc="lower right", fontsize="small")
    return ax
