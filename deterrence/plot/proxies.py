"""Proxy risk: how often unsanctioned proxy attacks start a crisis.

The probability that at least one unbidden proxy attack is attributed to the principal within a
number of periods, 1 − (1 − α·β)^periods (``models.proxies.p_crisis_from_proxies``), against the
agent's autonomy α, one curve per attribution level β.

Sources: Salehyan (2010); Byman & Kreps (2010)
"""

from __future__ import annotations

import numpy as np

from .._check import count, finite_array, probability
from ..errors import ParameterError
from ..models import proxies
from .style import LINESTYLES, PALETTE, axes_or_new, fmt, mark_point

__all__ = ["proxy_risk"]


def proxy_risk(
    autonomy=None,
    *,
    attribution=(0.3, 0.6, 0.95),
    periods=1,
    period="period",
    mark=None,
    ax=None,
):
    """P(an unsanctioned proxy attack is attributed to the principal) against autonomy α.

    Parameters
    ----------
    autonomy : array_like, optional
        α values, P(unsanctioned attack per period), each in [0, 1]; default 201 points on
        [0, 0.5] (the seed scenario's plausible range).
    attribution : float or sequence of float, keyword-only
        β levels, P(the target attributes a proxy attack to the principal); one curve each.
    periods : int, keyword-only, default 1
        Number of periods the probability accumulates over, >= 1.
    period : str, keyword-only, default "period"
        Name of one period for the labels (e.g. ``"month"``).
    mark : (float, float), keyword-only, optional
        A scenario's (α, β) to mark on the chart, e.g.
        ``(s.parameters["proxy_autonomy"], s.parameters["attribution"])``.
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Curves have gid ``"proxy_risk"`` (one per β, label ``"β = ..."``); the mark has gid
        ``"mark"`` and its value in its legend label.

    References
    ----------
    Salehyan (2010); Byman & Kreps (2010); seed scenario α = 0.2, β = 0.6 → 0.12 per period.

    Examples
    --------
    >>> ax = proxy_risk([0.0, 0.2, 0.5], attribution=[0.6], mark=(0.2, 0.6))
    >>> [round(float(v), 4) for v in ax.get_lines()[0].get_ydata()]
    [0.0, 0.12, 0.3]
    >>> ax.get_ylabel()
    'P(≥ 1 attributed unsanctioned attack in 1 period)'
    """
    if autonomy is None:
        alpha = np.linspace(0.0, 0.5, 201)
    else:
        alpha = np.sort(np.asarray(probability(finite_array(autonomy, "autonomy"), "autonomy")))
        if alpha.ndim != 1 or alpha.size < 2:
            raise ParameterError(
                f"autonomy must hold at least two α values to draw a curve; got {autonomy!r}."
            )
    betas = np.atleast_1d(probability(attribution, "attribution")).tolist()
    if not betas:
        raise ParameterError("attribution must hold at least one β value; got an empty sequence.")
    periods = count(periods, "periods", minimum=1)
    if not isinstance(period, str) or not period.strip():
        raise ParameterError(f"period must be a non-empty name (e.g. 'month'); got {period!r}.")
    span = f"{periods} {period}" + ("s" if periods != 1 else "")

    ax = axes_or_new(ax)
    for i, beta in enumerate(betas):
        ax.plot(
            alpha,
            proxies.p_crisis_from_proxies(alpha, beta, periods),
            color=PALETTE[i % len(PALETTE)],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            label=f"β = {fmt(beta)}",
            gid="proxy_risk",
        )
    if mark is not None:
        if len(mark) != 2:
            raise ParameterError(f"mark must be a pair (α, β); got {mark!r}.")
        a = probability(mark[0], "mark α")
        b = probability(mark[1], "mark β")
        value = proxies.p_crisis_from_proxies(a, b, periods)
        point = mark_point(ax, a, value, None, gid="mark")
        # in the legend: a label beside the point would cross the curves
        point.set_label(f"scenario: α = {fmt(a)}, β = {fmt(b)} → {fmt(value, 2)}")
    ax.set_xlim(float(alpha[0]), float(alpha[-1]))
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel(f"proxy autonomy α (P(unsanctioned attack) per {period})")
    ax.set_ylabel(f"P(≥ 1 attributed unsanctioned attack in {span})")
    # the curves rise from the bottom left to the top right: the bottom right stays empty
    ax.legend(title="attribution β", title_fontsize="small", fontsize="small", loc="lower right")
    return ax
