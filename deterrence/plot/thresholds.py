"""Threshold charts: a quantity against a parameter with its thresholds marked, and the tornado /
"what must be true" chart of the calibrated window (MODELS.md §5.3 charts 1 and 8; §4.2).

:func:`threshold_plot` draws a curve (arrays computed by a model) and marks the parameter values
where something changes, from a list of numbers or a ``find_thresholds`` result.

:func:`tornado` and :func:`what_must_be_true` show how the optimum response r* and the window
edges move when each parameter of a scenario runs over its plausible range, the others held at
their values: :func:`swings` evaluates ``scenario.replace(key=lo)`` and ``replace(key=hi)``
(``calibrated_response().optimum()``, the floor max(0, G⁻¹(1 − α_w)) and the ceiling F⁻¹(ρ)),
and the parameters are sorted by swing, largest at the top. This is the load-bearing-assumption
view of Assumption-Based Planning (Dewar et al. 1993, RAND MR-114) and exploratory analysis
(Davis 2012, RAND TR-1249).

Sources: MODELS.md §2.9, §4.2 and §5.3.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .._check import finite_array
from ..errors import ParameterError, ScenarioError, close_match_hint
from ..scenario.schema import _LEAVES
from .style import COLORS, PALETTE, axes_or_new, fmt, mark_level, mark_threshold

__all__ = [
    "threshold_plot",
    "Swing",
    "swings",
    "tornado",
    "what_must_be_true",
    "QUANTITIES",
    "WINDOW_PARAMETERS",
]

#: Quantities of the calibrated window a tornado can show: key -> axis label.
QUANTITIES = {
    "optimum": "optimal response r*",
    "floor": "window floor G⁻¹(1 − α_w)",
    "ceiling": "window ceiling F⁻¹(ρ)",
}

#: Scenario keys that move the calibrated window: the schema's keys used by the window model.
WINDOW_PARAMETERS = tuple(key for key, leaf in _LEAVES.items() if "window" in leaf.spec.models)


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

    Two ways to call it: with a :class:`deterrence.thresholds.Thresholds` result
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
    δ ≥ (T − R)/(T − P) = 1/2 (MODELS.md V12).

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


@dataclass(frozen=True)
class Swing:
    """How the calibrated window moves when one parameter runs over its plausible range.

    Attributes
    ----------
    parameter : str
        Scenario key (``"defender_tolerance"`` is the median, ``"...sigma_log"`` the spread).
    low, high : float
        The ends of its plausible range (``scenario.ranges[parameter]``).
    unit : str
        Its unit (``scenario.units[parameter]``).
    value : float
        Its value in the scenario.
    at_low, at_high : mapping
        ``{"optimum", "floor", "ceiling"}`` -> value (response unit) with the parameter at
        `low` / `high`, all others at their scenario values.
    """

    parameter: str
    low: float
    high: float
    unit: str
    value: float
    at_low: Mapping[str, float]
    at_high: Mapping[str, float]

    def swing(self, quantity: str = "optimum") -> float:
        """|value at high − value at low| of `quantity`."""
        return abs(self.at_high[quantity] - self.at_low[quantity])


def _window_quantities(scenario) -> dict[str, float]:
    model = scenario.calibrated_response()
    p = scenario.parameters
    return {
        "optimum": float(model.optimum()),
        # the edges of model.window, kept also when the window is empty (floor > ceiling)
        "floor": max(0.0, float(model.weakness.isf(p["alpha_weak"]))),
        "ceiling": float(model.tolerance.ppf(p["acceptable_risk"])),
    }


def _check_quantity(quantity: str) -> None:
    if quantity not in QUANTITIES:
        raise ParameterError(
            f"quantity must be one of {', '.join(QUANTITIES)}; got {quantity!r}."
            f"{close_match_hint(str(quantity), QUANTITIES)}"
        )


def swings(scenario, *, parameters=None, sort_by="optimum"):
    """r* and the window edges at both ends of each parameter's plausible range.

    Parameters
    ----------
    scenario : Scenario
        The baseline (``dt.load_scenario("iran-2024")``).
    parameters : sequence of str, keyword-only, optional
        Scenario keys to vary; default :data:`WINDOW_PARAMETERS`.
    sort_by : {"optimum", "floor", "ceiling"}, keyword-only
        Quantity whose swing orders the result (largest first).

    Returns
    -------
    (dict, list of Swing)
        The baseline quantities and one :class:`Swing` per parameter, largest swing first.

    Examples
    --------
    >>> import deterrence as dt
    >>> base, rows = swings(dt.load_scenario("iran-2024"), parameters=["p_patron_entry"])
    >>> round(base["optimum"], 2), rows[0].low, rows[0].high
    (5.16, 0.2, 0.9)
    >>> rows[0].at_low["optimum"] > base["optimum"] > rows[0].at_high["optimum"]
    True
    """
    if not (hasattr(scenario, "replace") and hasattr(scenario, "calibrated_response")):
        raise ParameterError(
            f"scenario must be a Scenario (dt.load_scenario('iran-2024')); got {scenario!r}."
        )
    _check_quantity(sort_by)
    keys = list(WINDOW_PARAMETERS if parameters is None else parameters)
    if isinstance(parameters, str):
        keys = [parameters]
    if not keys:
        raise ParameterError("parameters must name at least one scenario parameter.")
    for key in keys:
        if key not in scenario.parameters:
            raise ScenarioError(
                f"unknown parameter {key!r}.{close_match_hint(str(key), scenario.parameters)} "
                f"Parameters: {', '.join(scenario.parameters)}."
            )
    base = _window_quantities(scenario)
    rows = []
    for key in keys:
        lo, hi = scenario.ranges[key]
        rows.append(
            Swing(
                parameter=key,
                low=lo,
                high=hi,
                unit=scenario.units[key],
                value=scenario.parameters[key],
                at_low=_window_quantities(scenario.replace(**{key: lo})),
                at_high=_window_quantities(scenario.replace(**{key: hi})),
            )
        )
    # stable sort: ties keep the order asked for
    rows.sort(key=lambda row: -row.swing(sort_by))
    return base, rows


def _tick_label(row: Swing) -> str:
    return f"{row.parameter}\n{fmt(row.low)}–{fmt(row.high)} {row.unit}"


def _draw_tornado(ax, base, rows, quantity, unit, *, ticks=True, reference=None):
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


def tornado(scenario, *, quantity="optimum", parameters=None, ax=None):
    """Tornado chart: one quantity of the calibrated window under each parameter's range.

    Each row is a parameter (plausible range in the tick label); the sky-blue bar runs from the
    baseline to the quantity with the parameter at the low end of its range, the orange bar to
    its value at the high end. Rows are sorted by swing, largest at the top.

    Parameters
    ----------
    scenario : Scenario
        Baseline scenario.
    quantity : {"optimum", "floor", "ceiling"}, keyword-only, default "optimum"
        r*, the window floor G⁻¹(1 − α_w) or the ceiling F⁻¹(ρ) (response unit).
    parameters : sequence of str, keyword-only, optional
        Keys to vary (default :data:`WINDOW_PARAMETERS`).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Bars have gids ``"tornado:low"`` / ``"tornado:high"`` (``ax.patches`` in row order, top
        row first); the baseline is ``"baseline"``.

    References
    ----------
    MODELS.md §5.3 chart 8 and §4.2 (Assumption-Based Planning, Dewar et al. 1993).

    Examples
    --------
    >>> import deterrence as dt
    >>> ax = tornado(dt.load_scenario("iran-2024"), parameters=["p_patron_entry", "audience_cost"])
    >>> ax.get_xlabel()
    'optimal response r* (leakers)'
    """
    _check_quantity(quantity)
    base, rows = swings(scenario, parameters=parameters, sort_by=quantity)
    ax = axes_or_new(ax, figsize=(6.4, 1.2 + 0.45 * len(rows)))
    _draw_tornado(ax, base, rows, quantity, scenario.response_unit)
    ax.legend(loc="lower right", fontsize="small")
    return ax


def what_must_be_true(scenario, *, parameters=None, ax=None):
    """Three tornado panels — r*, window floor, window ceiling — with one row order.

    Rows are sorted by the swing of r*. The floor panel marks the baseline ceiling and the
    ceiling panel the baseline floor: a bar that crosses that line is a parameter value at which
    the window opens (or closes) — what would have to be true for a safe and strong response to
    exist.

    Parameters
    ----------
    scenario : Scenario
        Baseline scenario.
    parameters : sequence of str, keyword-only, optional
        Keys to vary (default :data:`WINDOW_PARAMETERS`).
    ax : None or sequence of three Axes, keyword-only
        Panels for r*, floor and ceiling; a new figure when None.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import deterrence as dt
    >>> fig = what_must_be_true(dt.load_scenario("iran-2024"), parameters=["defender_tolerance"])
    >>> [a.get_xlabel() for a in fig.axes]  # doctest: +NORMALIZE_WHITESPACE
    ['optimal response r* (leakers)', 'window floor G⁻¹(1 − α_w) (leakers)',
     'window ceiling F⁻¹(ρ) (leakers)']
    """
    base, rows = swings(scenario, parameters=parameters, sort_by="optimum")
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
    unit = scenario.response_unit
    refs = {
        "optimum": None,
        "floor": ("ceiling", base["ceiling"]),
        "ceiling": ("floor", base["floor"]),
    }
    for i, (panel, quantity) in enumerate(zip(axes, QUANTITIES, strict=True)):
        _draw_tornado(panel, base, rows, quantity, unit, ticks=i == 0, reference=refs[quantity])
    # rows are sorted by the swing of r*: the bottom right of its panel is the emptiest place
    axes[0].legend(loc="lower right", fontsize="small")
    return fig
