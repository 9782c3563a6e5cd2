"""Threshold charts: a quantity against a parameter with its thresholds marked, and the tornado /
"what must be true" chart of the calibrated window.

:func:`threshold_plot` draws a curve (arrays computed by a model) and marks the parameter values
where something changes, from a list of numbers or a ``find_thresholds`` result.

:func:`tornado` and :func:`what_must_be_true` draw a :class:`~deterrence.analysis.scan.Swings`
result: how the optimum response r* and the window edges move when each parameter of a scenario
runs over its plausible range, the others held at their values, sorted by swing, largest at the
top. This is the load-bearing-assumption view of Assumption-Based Planning (Dewar et al. 1993,
RAND MR-114) and exploratory analysis (Davis 2012, RAND TR-1249).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .._check import finite_array
from ..analysis.scan import QUANTITIES, Swings, check_quantity, swings
from ..errors import ParameterError
from .style import COLORS, PALETTE, axes_or_new, fmt, mark_level, mark_threshold

__all__ = ["threshold_plot", "tornado", "what_must_be_true"]


# -- threshold plot ---------------------------------------------------------------------------


def _threshold_values(thresholds) -> list[float]:
    """Numbers, objects with a ``value``, or a result whose ``thresholds`` attribute holds them."""
    inner = getattr(thresholds, "thresholds", None)
    if inner is not None and not callable(inner):
        thresholds = inner
    if isinstance(thresholds, int | float | np.integer | np.floating):
        thresholds = [thresholds]
    out = []
    for t in thresholds:
        value = getattr(t, "value", t)
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ParameterError(
                f"thresholds must be numbers or a find_thresholds result; got {t!r}."
            ) from None
        if not math.isfinite(v):
            raise ParameterError(f"thresholds must be finite; got {v}.")
        out.append(v)
    return out


def _is_result(x) -> bool:
    return hasattr(x, "grid") and hasattr(x, "thresholds") and hasattr(x, "param")


def threshold_plot(
    x,
    y=None,
    *,
    thresholds=(),
    labels=None,
    level=None,
    level_label=None,
    xlabel=None,
    ylabel=None,
    label=None,
    ax=None,
):
    """A quantity against a parameter, with the thresholds marked and labelled.

    Two ways to call it: with a :class:`deterrence.analysis.thresholds.Thresholds` result
    (``threshold_plot(dt.find_thresholds(...))``: its grid scan is the curve — the model
    function's values, or the number of extreme equilibria of a game — and its thresholds are
    marked), or with arrays ``threshold_plot(x, y, thresholds=[...], xlabel=..., ylabel=...)``.

    Parameters
    ----------
    x : Thresholds or array_like, shape (n,)
        A ``find_thresholds`` result, or the parameter values (the model's input grid), n >= 2.
    y : array_like, shape (n,) or (n, m), optional
        The quantity at each x (m curves when 2-D), computed by a model; not with a result.
    thresholds : sequence of float, or a find_thresholds result, keyword-only
        Parameter values to mark with vertical lines (numbers, or objects with ``.value``);
        with a result, its own thresholds.
    labels : sequence of str, keyword-only, optional
        One label per threshold (in the order given); default ``"<x name> = <value>"``.
    level : float, keyword-only, optional
        A level of the quantity to draw as a horizontal line (with a result: its ``level``).
    level_label : str, keyword-only, optional
        Text of the level line (default ``"level <value>"``).
    xlabel, ylabel : str, keyword-only
        Axis labels, with units. Required with arrays; with a result the defaults are
        ``"<param> (<unit>)"`` and the model's name, or "extreme equilibria (count)" for games.
    label : str or sequence of str, keyword-only, optional
        Legend label(s) of the curve(s).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Curves have gid ``"curve"``, threshold lines ``"threshold"`` (labels
        ``"threshold:label"``), the level ``"level"``.

    Examples
    --------
    Grim trigger in the Prisoner's Dilemma (5, 3, 1, 0): cooperation is sustained iff
    δ ≥ (T − R)/(T − P) = 1/2 (Friedman 1971).

    >>> import numpy as np
    >>> delta = np.linspace(0, 0.99, 100)
    >>> gain = 3 / (1 - delta) - (5 + delta / (1 - delta))   # cooperate minus deviate
    >>> ax = threshold_plot(delta, gain, thresholds=[0.5], labels=["δ* = 1/2"], level=0,
    ...                     xlabel="discount factor δ (per round)",
    ...                     ylabel="gain from cooperating (utils)")
    >>> from deterrence.plot.style import find_artists
    >>> find_artists(ax, "threshold")[0].get_xdata()[0], find_artists(ax, "threshold:label")[0].get_text()
    (0.5, 'δ* = 1/2')
    """
    step = False
    if _is_result(x):
        result = x
        if y is not None:
            raise ParameterError(
                "give either a find_thresholds result or arrays x and y, not both."
            )
        x = result.grid
        if result.curve is not None:
            y = result.curve
            if level is None:
                level = result.level
            if ylabel is None:
                ylabel = result.builder or "model value"
        elif result.n_equilibria is None:  # key="spe": the subgame-perfect outcome's index
            y = result.codes
            step = True
            if ylabel is None:
                ylabel = "subgame-perfect outcome (index in .structures)"
        else:
            y = result.n_equilibria
            step = True
            if ylabel is None:
                ylabel = "extreme equilibria (count)"
        if xlabel is None:
            xlabel = f"{result.param} ({result.unit})" if result.unit else result.param
        if len(_threshold_values(thresholds)) == 0:
            thresholds = result
    elif y is None:
        raise ParameterError(
            "y is required with an array x (or pass a find_thresholds result as the only "
            "positional argument)."
        )
    xs = finite_array(x, "x")
    ys = np.asarray(y, dtype=float)
    if xs.ndim != 1 or xs.size < 2:
        raise ParameterError(f"x must be a 1-D array of at least 2 values; got shape {xs.shape}.")
    if ys.shape[:1] != xs.shape:
        raise ParameterError(f"y must have one row per x value ({xs.size}); got shape {ys.shape}.")
    for name, text in (("xlabel", xlabel), ("ylabel", ylabel)):
        if not isinstance(text, str) or not text.strip():
            raise ParameterError(
                f"{name} must be a non-empty axis label with units, e.g. 'discount factor δ "
                f"(per round)'; got {text!r}."
            )
    marks = _threshold_values(thresholds)
    if labels is not None:
        labels = [labels] if isinstance(labels, str) else list(labels)
        if len(labels) != len(marks):
            raise ParameterError(
                f"labels must give one label per threshold ({len(marks)}); got {len(labels)}."
            )
    name = xlabel.split(" (")[0]
    curves = ys.reshape(xs.size, -1)
    if label is None:
        curve_labels = [None] * curves.shape[1]
    else:
        curve_labels = [label] if isinstance(label, str) else list(label)
    if len(curve_labels) != curves.shape[1]:
        raise ParameterError(
            f"label must give one label per curve ({curves.shape[1]}); got {len(curve_labels)}."
        )

    ax = axes_or_new(ax)
    for j in range(curves.shape[1]):
        ax.plot(
            xs,
            curves[:, j],
            color=COLORS["utility"] if curves.shape[1] == 1 else PALETTE[j % len(PALETTE)],
            drawstyle="steps-mid" if step else "default",
            label=curve_labels[j],
            gid="curve",
        )
    if step:
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if level is not None:
        lv = float(level)
        mark_level(ax, lv, level_label or f"level {fmt(lv)}", gid="level")
    order = np.argsort(marks, kind="stable")
    for rank, i in enumerate(order):
        value = marks[i]
        text = labels[i] if labels is not None else f"{name} = {fmt(value, 4)}"
        # alternate heights so that the labels of close thresholds do not run into each other
        mark_threshold(
            ax, value, text, side="right", text_y=0.97 if rank % 2 == 0 else 0.03, gid="threshold"
        )
    ax.set_xlim(float(xs.min()), float(xs.max()))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if any(lab is not None for lab in curve_labels):
        ax.legend(fontsize="small", loc="best")
    return ax


# -- tornado / what must be true -----------------------------------------------------------------


def _swings(result, parameters, sort_by: str) -> Swings:
    """A :class:`Swings` result as given, or the one of a Scenario (computed by
    :func:`deterrence.analysis.scan.swings`)."""
    if isinstance(result, Swings):
        if parameters is not None:
            raise ParameterError(
                "parameters= selects the rows of a tornado computed from a Scenario; a Swings "
                "result already has its rows."
            )
        return result if result.sort_by == sort_by else result.sorted_by(sort_by)
    if not (hasattr(result, "replace") and hasattr(result, "calibrated_response")):
        raise ParameterError(
            f"expected a Swings result (dt.analysis.swings(scenario)) or a Scenario "
            f"(dt.load_scenario('iran-2024')); got {result!r}."
        )
    return swings(result, parameters=parameters, sort_by=sort_by)


def _tick_label(row) -> str:
    return f"{row.parameter}\n{fmt(row.low)}–{fmt(row.high)} {row.unit}"


def _draw_tornado(ax, result: Swings, quantity, *, ticks=True, reference=None):
    base, rows, unit = result.base, result.rows, result.unit
    y = np.arange(len(rows))[::-1]  # largest swing at the top
    centre = base[quantity]
    lows = np.array([row.at_low[quantity] for row in rows])
    highs = np.array([row.at_high[quantity] for row in rows])
    ax.barh(
        y,
        lows - centre,
        left=centre,
        height=0.38,
        align="edge",
        color=COLORS["low"],
        label="parameter at the low end",
        gid="tornado:low",
    )
    ax.barh(
        y,
        highs - centre,
        left=centre,
        height=-0.38,
        align="edge",
        color=COLORS["high"],
        label="parameter at the high end",
        gid="tornado:high",
    )
    # the values go in the title: labels beside the lines would run over the bars
    mark_threshold(ax, centre, None, color=COLORS["utility"], linestyle="-", gid="baseline")
    title = f"baseline {fmt(centre)} (solid)"
    if reference is not None:
        name, value = reference
        mark_threshold(ax, value, None, color=COLORS["threshold"], gid="reference")
        title += f"; baseline {name} {fmt(value)} (dashed)"
    ax.set_title(title, fontsize="small")
    if ticks:
        ax.set_yticks(y, [_tick_label(row) for row in rows])
        ax.set_ylabel("parameter (plausible range, unit)")
    else:
        # shared y axes share their tick labels: hide them on this panel only
        ax.set_yticks(y)
        ax.tick_params(labelleft=False)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlabel(f"{QUANTITIES[quantity]} ({unit})")


def tornado(result, *, quantity="optimum", parameters=None, ax=None):
    """Tornado chart: one quantity of the calibrated window under each parameter's range.

    Each row is a parameter (plausible range in the tick label); the sky-blue bar runs from the
    baseline to the quantity with the parameter at the low end of its range, the orange bar to
    its value at the high end. Rows are sorted by swing, largest at the top.

    Parameters
    ----------
    result : Swings or Scenario
        A :class:`~deterrence.analysis.scan.Swings` result (``dt.analysis.swings(scenario)``,
        or ``findings.swings`` of a memo); a Scenario is first passed to
        :func:`~deterrence.analysis.scan.swings`.
    quantity : {"optimum", "floor", "ceiling"}, keyword-only, default "optimum"
        r*, the window floor G⁻¹(1 − α_w) or the ceiling F⁻¹(ρ) (response unit).
    parameters : sequence of str, keyword-only, optional
        With a Scenario: the keys to vary (default
        :data:`~deterrence.analysis.scan.WINDOW_PARAMETERS`).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Bars have gids ``"tornado:low"`` / ``"tornado:high"`` (``ax.patches`` in row order, top
        row first); the baseline is ``"baseline"``.

    References
    ----------
    Dewar, Builder, Hix and Levin (1993), *Assumption-Based Planning*, RAND MR-114.

    Examples
    --------
    >>> import deterrence as dt
    >>> result = dt.analysis.swings("iran-2024", parameters=["p_patron_entry", "audience_cost"])
    >>> ax = tornado(result)
    >>> ax.get_xlabel()
    'optimal response r* (leakers)'
    """
    check_quantity(quantity)
    result = _swings(result, parameters, quantity)
    ax = axes_or_new(ax, figsize=(6.4, 1.2 + 0.45 * len(result.rows)))
    _draw_tornado(ax, result, quantity)
    ax.legend(loc="lower right", fontsize="small")
    return ax


def what_must_be_true(result, *, parameters=None, ax=None):
    """Three tornado panels — r*, window floor, window ceiling — with one row order.

    Rows are sorted by the swing of r*. The floor panel marks the baseline ceiling and the
    ceiling panel the baseline floor: a bar that crosses that line is a parameter value at which
    the window opens (or closes) — what would have to be true for a safe and strong response to
    exist.

    Parameters
    ----------
    result : Swings or Scenario
        As in :func:`tornado`.
    parameters : sequence of str, keyword-only, optional
        With a Scenario: the keys to vary (default
        :data:`~deterrence.analysis.scan.WINDOW_PARAMETERS`).
    ax : None or sequence of three Axes, keyword-only
        Panels for r*, floor and ceiling; a new figure when None.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import deterrence as dt
    >>> fig = what_must_be_true(dt.analysis.swings("iran-2024", parameters=["defender_tolerance"]))
    >>> [a.get_xlabel() for a in fig.axes]  # doctest: +NORMALIZE_WHITESPACE
    ['optimal response r* (leakers)', 'window floor G⁻¹(1 − α_w) (leakers)',
     'window ceiling F⁻¹(ρ) (leakers)']
    """
    result = _swings(result, parameters, "optimum")
    base, rows = result.base, result.rows
    if ax is None:
        import matplotlib.pyplot as plt

        fig, axes = plt.subplots(1, 3, figsize=(12.0, 1.4 + 0.45 * len(rows)), sharey=True)
    else:
        if isinstance(ax, str) or not isinstance(ax, Sequence | np.ndarray) or len(ax) != 3:
            raise ParameterError(
                f"ax must be None or three Axes (r*, floor, ceiling); got {ax!r}. "
                "Fix: fig, ax = plt.subplots(1, 3, sharey=True)."
            )
        axes = [axes_or_new(a) for a in ax]
        fig = axes[0].figure
    refs = {
        "optimum": None,
        "floor": ("ceiling", base.ceiling),
        "ceiling": ("floor", base.floor),
    }
    for i, (panel, quantity) in enumerate(zip(axes, QUANTITIES, strict=True)):
        _draw_tornado(panel, result, quantity, ticks=i == 0, reference=refs[quantity])
    # rows are sorted by the swing of r*: the bottom right of its panel is the emptiest place
    axes[0].legend(loc="lower right", fontsize="small")
    return fig
