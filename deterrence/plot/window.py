"""The calibrated response window chart.

Top panel: P(seen as weak) = 1 − G(r) and P(escalation) = F(r) against the response size r, with
the acceptable levels α_w and ρ, the floor G⁻¹(1 − α_w) and ceiling F⁻¹(ρ) of the window, and the
window [floor, ceiling] shaded when it is not empty. Bottom panel: the expected utility U(r) with
the optimum r* marked. :func:`calibrated_window_launches` draws the same chart in launch units,
where L ~ Binomial(n, q) of the n launches leak.

Both draw a :class:`~deterrence.models.curves.WindowCurves` result
(``CalibratedResponse.window_curves`` / ``window_curves_launches``); given a model or a scenario
they ask it for that result first. This module only draws.
"""

from __future__ import annotations

import math

from ..errors import ParameterError
from ..models.curves import WindowCurves
from .style import (
    COLORS,
    axes_pair_or_new,
    fmt,
    mark_level,
    mark_point,
    mark_threshold,
    shade_span,
)

__all__ = ["calibrated_window", "calibrated_window_launches"]

# Default alpha_w and rho when a bare model is given (the seed scenario's levels).
_DEFAULT_ALPHA_WEAK, _DEFAULT_RHO = 0.1, 0.05


def _model_and_levels(model, alpha_weak, rho):
    """Accept a CalibratedResponse or a Scenario (which supplies alpha_weak and rho)."""
    unit = "leakers"
    if hasattr(model, "calibrated_response") and hasattr(model, "parameters"):
        scenario = model
        model = scenario.calibrated_response()
        unit = scenario.response_unit
        if alpha_weak is None:
            alpha_weak = scenario.parameters["alpha_weak"]
        if rho is None:
            rho = scenario.parameters["acceptable_risk"]
    elif not (hasattr(model, "p_weak") and hasattr(model, "window")):
        raise ParameterError(
            f"model must be a CalibratedResponse or a Scenario; got {model!r} "
            f"({type(model).__name__}). Fix: dt.load_scenario('iran-2024') or "
            "deterrence.models.retaliation.CalibratedResponse(G, F, ...)."
        )
    alpha_weak = _DEFAULT_ALPHA_WEAK if alpha_weak is None else alpha_weak
    rho = _DEFAULT_RHO if rho is None else rho
    return model, alpha_weak, rho, unit


def _legend_above(ax):
    """Legend above the top panel, where it cannot hide a curve."""
    ax.legend(
        loc="lower center", bbox_to_anchor=(0.5, 1.01), ncol=2, fontsize="small", frameon=False
    )


def _edge_sides(floor, ceiling):
    """Write the label of the lower edge on its left and of the upper edge on its right."""
    return ("left", "right") if floor <= ceiling else ("right", "left")


def _draw_window(top, bottom, window, floor, ceiling, alpha_weak, rho, unit):
    floor_side, ceiling_side = _edge_sides(floor, ceiling)
    mark_level(top, alpha_weak, f"α_w = {fmt(alpha_weak)}", color=COLORS["weak"], gid="alpha_weak")
    mark_level(top, rho, f"ρ = {fmt(rho)}", color=COLORS["escalation"], text_x=0.8, gid="rho")
    mark_threshold(
        top,
        floor,
        f"floor {fmt(floor)}",
        color=COLORS["weak"],
        side=floor_side,
        text_y=0.6,
        gid="floor",
    )
    mark_threshold(
        top,
        ceiling,
        f"ceiling {fmt(ceiling)}",
        color=COLORS["escalation"],
        side=ceiling_side,
        text_y=0.6,
        gid="ceiling",
    )
    if window is None:
        top.text(
            0.98,
            0.5,
            f"window empty:\nfloor {fmt(floor)} > ceiling {fmt(ceiling)} {unit}",
            transform=top.transAxes,
            ha="right",
            va="center",
            fontsize="small",
            gid="window:empty",
            bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "0.7"},
        )
    else:
        lo, hi = window
        label = f"window [{fmt(lo)}, {fmt(hi)}]"
        shade_span(top, lo, hi, label=label, gid="window")
        shade_span(bottom, lo, hi, gid="window")


def _draw_pair(curves: WindowCurves, ax, labels):
    fig, (top, bottom) = axes_pair_or_new(ax)
    x = curves.x
    top.plot(x, curves.p_weak, color=COLORS["weak"], label=labels[0], gid="p_weak")
    top.plot(
        x, curves.p_escalation, color=COLORS["escalation"], label=labels[1], gid="p_escalation"
    )
    floor, ceiling = curves.floor, curves.ceiling
    if math.isfinite(floor) and math.isfinite(ceiling):
        _draw_window(
            top, bottom, curves.window, floor, ceiling, curves.alpha_weak, curves.rho, curves.unit
        )
    else:
        mark_level(
            top,
            curves.alpha_weak,
            f"α_w = {fmt(curves.alpha_weak)}",
            color=COLORS["weak"],
            gid="alpha_weak",
        )
        mark_level(
            top,
            curves.rho,
            f"ρ = {fmt(curves.rho)}",
            color=COLORS["escalation"],
            text_x=0.8,
            gid="rho",
        )
    if curves.salvo is not None:
        mark_threshold(
            top,
            curves.salvo,
            f"salvo n = {curves.salvo}",
            color=COLORS["scenario"],
            linestyle="-.",
            side="right",
            gid="salvo",
        )
        mark_point(
            top,
            curves.salvo,
            curves.salvo_p_escalation,
            f"P(escalation) = {fmt(curves.salvo_p_escalation, 2)}",
            color=COLORS["scenario"],
            offset=(6, -6),
            gid="salvo:point",
        )
    top.set_ylim(-0.02, 1.02)
    top.set_xlim(0.0, curves._extent)
    top.set_ylabel("probability")
    _legend_above(top)
    bottom.plot(x, curves.utility, color=COLORS["utility"], label=labels[2], gid="utility")
    name = "n*" if curves.in_launches else "r*"
    mark_threshold(
        bottom,
        curves.optimum,
        f"{name} = {fmt(curves.optimum)}",
        color=COLORS["optimum"],
        side="right",
        text_y=0.04,
        gid="optimum",
    )
    mark_point(
        bottom, curves.optimum, curves.optimum_utility, color=COLORS["optimum"], gid="optimum:point"
    )
    bottom.set_xlim(0.0, curves._extent)
    return fig, bottom


def calibrated_window(model, *, alpha_weak=None, rho=None, r_max=None, num=601, ax=None):
    """Chart the calibrated response window and the utility of each response size.

    Parameters
    ----------
    model : WindowCurves, CalibratedResponse or Scenario
        The curves to draw (``model.window_curves(alpha_weak, rho)``; curves in launches are
        drawn as by :func:`calibrated_window_launches`), or a model or scenario to compute them
        from (a scenario supplies ``alpha_weak``, ``acceptable_risk`` and ``response_unit``).
    alpha_weak : float, keyword-only, optional
        α_w, acceptable P(seen as weak), in (0, 1); default the scenario's, else 0.1.
    rho : float, keyword-only, optional
        ρ, acceptable P(escalation), in (0, 1); default the scenario's ``acceptable_risk``, else
        0.05.
    r_max : float, keyword-only, optional
        Right end of the response axis (unit of the thresholds); default: enough to show the
        window edges, r* and F up to its 0.9-quantile.
    num : int, keyword-only, default 601
        Points of the curves (the edges, r* and 0 are added exactly).
    ax : None or (Axes, Axes), keyword-only
        The two panels (top: probabilities, bottom: utility); a new figure when None.

    Returns
    -------
    matplotlib.figure.Figure
        Artists carry gids: ``"p_weak"``, ``"p_escalation"``, ``"utility"`` (curves),
        ``"window"`` (the shaded band, one per panel; absent when the window is empty, then a
        ``"window:empty"`` note), ``"floor"``, ``"ceiling"`` (vertical edges), ``"alpha_weak"``,
        ``"rho"`` (levels), ``"optimum"`` (r* line) and ``"optimum:point"``.

    Examples
    --------
    >>> from scipy import stats
    >>> from deterrence.models.retaliation import CalibratedResponse
    >>> model = CalibratedResponse(stats.norm(2, 1), stats.norm(6, 1), war_cost=10.0)
    >>> fig = calibrated_window(model.window_curves(alpha_weak=0.1, rho=0.05))
    >>> top, bottom = fig.axes
    >>> top.get_xlabel(), bottom.get_ylabel()
    ('', 'expected utility U(r) (utils)')
    >>> bottom.get_xlabel()
    'response size r (leakers)'
    """
    if isinstance(model, WindowCurves):
        curves = model
        if curves.in_launches:
            return calibrated_window_launches(curves, ax=ax)
    else:
        model, alpha_weak, rho, unit = _model_and_levels(model, alpha_weak, rho)
        curves = model.window_curves(alpha_weak, rho, r_max=r_max, num=num, unit=unit)
    labels = ("P(seen as weak) = 1 − G(r)", "P(escalation) = F(r)", "U(r)")
    fig, bottom = _draw_pair(curves, ax, labels)
    bottom.set_xlabel(f"response size r ({curves.unit})")
    bottom.set_ylabel("expected utility U(r) (utils)")
    return fig


def calibrated_window_launches(
    model,
    q=None,
    *,
    alpha_weak=None,
    rho=None,
    n_max=None,
    salvo=None,
    marginal_cost_per_launch=None,
    ax=None,
):
    """The calibrated window in launch units: n launches of which L ~ Binomial(n, q) leak.

    P(seen as weak | n) = E[1 − G(L)], P(escalation | n) = E[F(L)] and the expected utility
    against the salvo size n, with the window in launches and the best salvo n* marked.

    Parameters
    ----------
    model : WindowCurves, CalibratedResponse or Scenario
        Curves in launches (``model.window_curves_launches(q, alpha_weak, rho)``), or a model
        (thresholds in leakers) or scenario to compute them from; a scenario also supplies q
        (``leak_probability``), α_w, ρ and the salvo size to mark.
    q : float, optional
        Per-launch leak probability, in [0, 1]; required with a bare model.
    alpha_weak, rho : float, keyword-only, optional
        As in :func:`calibrated_window`.
    n_max : int, keyword-only, optional
        Largest salvo drawn; default enough to show the edges, n*, the salvo and E[F(L)] up to
        about 0.9.
    salvo : int, keyword-only, optional
        A salvo size to mark (default: the scenario's ``salvo_size``).
    marginal_cost_per_launch : float, keyword-only, optional
        As in ``CalibratedResponse.utility_launches``.
    ax : None or (Axes, Axes), keyword-only
        The two panels; a new figure when None.

    Returns
    -------
    matplotlib.figure.Figure
        Gids as in :func:`calibrated_window`, plus ``"salvo"`` (line) and ``"salvo:point"`` (its
        P(escalation)); the window's band spans [n_lo, n_hi] of ``model.window_launches``.

    Examples
    --------
    The seed scenario: ≈ 37 launches at q = 0.14; a 150-launch salvo gives P(escalation) ≈ 0.52.

    >>> import deterrence as dt
    >>> fig = calibrated_window_launches(dt.load_scenario("iran-2024"))
    >>> fig.axes[1].get_xlabel()
    'salvo size n (launches; leak probability q = 0.14 per launch)'
    """
    if isinstance(model, WindowCurves):
        curves = model
        if not curves.in_launches:
            raise ParameterError(
                "these curves are in the response unit: draw them with calibrated_window, or "
                "compute curves in launches with model.window_curves_launches(q, alpha_weak, rho)."
            )
    else:
        is_scenario = hasattr(model, "calibrated_response") and hasattr(model, "parameters")
        if is_scenario:
            if q is None:
                q = model.leak_probability
            if salvo is None:
                salvo = model.parameters["salvo_size"]
        model, alpha_weak, rho, _ = _model_and_levels(model, alpha_weak, rho)
        if q is None:
            raise ParameterError(
                "q (per-launch leak probability) is required with a bare model; e.g. "
                "deterrence.models.defense.leak_probability(0.7, 0.8) = 0.14."
            )
        curves = model.window_curves_launches(
            q,
            alpha_weak,
            rho,
            n_max=n_max,
            salvo=salvo,
            marginal_cost_per_launch=marginal_cost_per_launch,
        )
    labels = ("P(seen as weak) = E[1 − G(L)]", "P(escalation) = E[F(L)]", "E[U]")
    fig, bottom = _draw_pair(curves, ax, labels)
    bottom.set_xlabel(f"salvo size n (launches; leak probability q = {fmt(curves.q)} per launch)")
    bottom.set_ylabel("expected utility (utils)")
    return fig
