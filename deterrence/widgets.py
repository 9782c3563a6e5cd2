"""Interactive explorers for Jupyter (the ``jupyter`` extra: ipywidgets).

:func:`explore` puts a slider on each named parameter of a game builder or of a scenario's
retaliation game, and shows, live, the payoff table, every equilibrium and a threshold chart
(where the equilibrium changes along one parameter, with the current value marked).
:func:`explore_window` does the same for the calibrated response window of a scenario
(the calibrated-response model).

The logic lives in two plain classes, :class:`Explorer` and :class:`WindowExplorer`, which hold
the parameter values and whose ``update(**values)`` returns a :class:`View` (HTML and a
matplotlib figure); the widgets only forward slider values to ``update``. So the explorers run,
and are tested, without a browser or ipywidgets. Nothing here computes an equilibrium itself:
the solver, :func:`deterrence.find_thresholds`, the models and the chart functions do.

``import deterrence`` does not import ipywidgets; :func:`explore` and :func:`explore_window`
import it when called. When it is missing they degrade to a :class:`StaticView`: the chart and
tables at the starting values with a one-line note naming the extra to install, so a notebook's
"Run all" does not stop there (``static=False`` raises
:class:`~deterrence.errors.MissingExtraError` instead).

Examples
--------
>>> import deterrence as dt
>>> from deterrence.widgets import Explorer
>>> ex = Explorer(dt.games.retaliation_commitment_game, threshold_param="reputation_stake")
>>> view = ex.update(audience_cost=0.0)
>>> [round(t.value, 6) for t in view.thresholds]      # a = 0.4 - R/2; 0.65 R + a/10 = 1; R = 1.6
[0.8, 1.538462, 1.6]
>>> "calibrated / proportional" in view.html
True
"""

from __future__ import annotations

import html
import importlib
import inspect
import io
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .classroom import status_box
from .errors import DeterrenceError, MissingExtraError, ParameterError, close_match_hint

__all__ = [
    "Slider",
    "View",
    "Explorer",
    "WindowExplorer",
    "explore",
    "explore_window",
    "window_summary_html",
    "StaticView",
]

_INSTALL = "pip install 'deterrence[jupyter]'"


def _ipywidgets():
    """ipywidgets, or a MissingExtraError naming the extra to install."""
    try:
        return importlib.import_module("ipywidgets")
    except ImportError as exc:
        raise MissingExtraError(
            "the interactive explorers need ipywidgets, which is not installed. Install the "
            f"jupyter extra: {_INSTALL} (from a clone: make lab). The headless Explorer and "
            "WindowExplorer classes work without it."
        ) from exc


# -- sliders -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slider:
    """One explorable parameter: its range, starting value, step and unit.

    Attributes
    ----------
    name : str
    low, high : float
        The slider's range (a scenario's plausible range, or around the builder's default).
    value : float
        Starting value.
    integer : bool
        Whole numbers only (counts).
    unit : str
    """

    name: str
    low: float
    high: float
    value: float
    integer: bool = False
    unit: str = ""

    def __post_init__(self):
        for f in ("low", "high", "value"):
            v = getattr(self, f)
            if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
                raise ParameterError(
                    f"slider {self.name!r}: {f} must be a finite number; got {v!r}."
                )
        if not self.low < self.high:
            raise ParameterError(
                f"slider {self.name!r}: the range ({self.low:g}, {self.high:g}) must have "
                "low < high."
            )
        # a value outside the range widens it, so the slider can show it
        object.__setattr__(self, "low", min(self.low, self.value))
        object.__setattr__(self, "high", max(self.high, self.value))

    @property
    def step(self) -> float:
        """About 1/100 of the range, rounded to 1, 2 or 5 times a power of ten."""
        if self.integer:
            return 1
        raw = (self.high - self.low) / 100
        power = 10 ** math.floor(math.log10(raw))
        return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


def _default_range(value: float) -> tuple[float, float]:
    """Around a builder's default when nothing better is known: value ± max(1, |value|)."""
    half = max(1.0, abs(float(value)))
    return float(value) - half, float(value) + half


def _parse_params(params, defaults: Mapping[str, Slider]) -> dict[str, Slider]:
    """Choose and adjust the sliders: None (all), names, or name -> (low, high[, value])."""
    if params is None:
        return dict(defaults)
    out = {}
    items = params.items() if isinstance(params, Mapping) else ((p, None) for p in params)
    if isinstance(params, str):
        raise ParameterError(f"params must be a list of names or a mapping; got {params!r}.")
    for name, spec in items:
        base = defaults.get(name)
        if base is None and (spec is None or len(spec) < 3):
            raise ParameterError(
                f"no parameter {name!r} to explore.{close_match_hint(str(name), defaults)} "
                f"Parameters: {', '.join(defaults)} (or give (low, high, value) for another)."
            )
        if spec is None:
            out[name] = base
            continue
        if isinstance(spec, str) or not isinstance(spec, Sequence) or len(spec) not in (2, 3):
            raise ParameterError(
                f"params[{name!r}] must be (low, high) or (low, high, value); got {spec!r}."
            )
        value = spec[2] if len(spec) == 3 else base.value
        out[name] = Slider(
            name,
            spec[0],
            spec[1],
            value,
            integer=base.integer if base else isinstance(value, numbers.Integral),
            unit=base.unit if base else "",
        )
    if not out:
        raise ParameterError("params selects no parameter; give at least one to explore.")
    return out


# -- views ---------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class View:
    """What an explorer shows for one set of parameter values.

    Attributes
    ----------
    values : mapping
        The parameter values.
    html : str
        The tables (payoffs and equilibria, or the window summary) and any notes.
    figure : matplotlib.figure.Figure
        The chart (not attached to pyplot: it never accumulates in a notebook).
    game, equilibria, thresholds : optional
        The game, :func:`deterrence.solve` result and :func:`deterrence.find_thresholds` result
        behind the view (explorers of games); None where not applicable or on an error.
    error : str or None
        The message when the parameters are refused (then `html` shows it).
    """

    values: Mapping[str, float]
    html: str
    figure: object
    game: object = None
    equilibria: object = None
    thresholds: object = None
    model: object = None
    error: str | None = None
    extra: Mapping[str, object] = field(default_factory=dict)

    def png(self, *, dpi: int = 90) -> bytes:
        """The chart as PNG bytes (what the widget shows)."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
        return buf.getvalue()

    def _repr_html_(self) -> str:
        return self.html


def _figure(figsize=(6.4, 3.6)):
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, layout="constrained")


def _note_on(ax, text: str) -> None:
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, fontsize="small", gid="note")


class _Base:
    """Slider bookkeeping shared by the explorers."""

    sliders: dict[str, Slider]
    values: dict[str, float]

    def _set(self, values: Mapping[str, float]) -> None:
        for name, v in values.items():
            if name not in self.sliders:
                raise ParameterError(
                    f"no slider {name!r}.{close_match_hint(str(name), self.sliders)} Sliders: "
                    f"{', '.join(self.sliders)}."
                )
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                raise ParameterError(f"{name} must be a number; got {v!r}.")
            self.values[name] = int(v) if self.sliders[name].integer else float(v)


# -- games ---------------------------------------------------------------------------------------


def _is_scenario(obj) -> bool:
    return hasattr(obj, "calibrated_response") and hasattr(obj, "retaliation_parameters")


def _builder_sliders(builder) -> tuple[dict[str, Slider], bool]:
    """Numeric keyword defaults of a builder; whether it takes ``strict``."""
    try:
        sig = inspect.signature(builder)
    except (TypeError, ValueError):
        return {}, False
    out = {}
    for name, p in sig.parameters.items():
        d = p.default
        if isinstance(d, bool) or not isinstance(d, numbers.Real):
            continue
        lo, hi = _default_range(d)
        integer = isinstance(d, numbers.Integral)
        out[name] = Slider(name, lo, hi, d, integer=integer)
    return out, "strict" in sig.parameters


class Explorer(_Base):
    """Headless state of :func:`explore`: parameter values, the game and its thresholds.

    Parameters
    ----------
    builder_or_scenario : callable or Scenario
        A game builder (named numeric parameters -> :class:`~deterrence.game.Game`, e.g.
        ``dt.games.chicken``), or a scenario, whose retaliation game
        (:func:`deterrence.games.retaliation_game`) is explored over its plausible ranges.
    params : sequence of str or mapping, optional
        Which parameters get sliders (default: every numeric keyword of the builder; for a
        scenario, the retaliation game's parameters); a mapping gives ranges,
        ``{"T": (0, 3)}`` or ``{"T": (0, 3, 1.5)}`` with a starting value.
    threshold_param : str, optional
        The parameter of the threshold chart (default the first slider).
    fixed : mapping, optional
        Other keywords of the builder, held fixed. A builder that takes ``strict`` gets
        ``strict=False`` unless given, so payoffs may leave the game's defining ordering; the
        view then says which ordering broke.
    grid : int
        Grid points of the threshold scan (default 101; thresholds are then refined exactly).

    Examples
    --------
    >>> import deterrence as dt
    >>> ex = Explorer(dt.games.chicken, threshold_param="P")
    >>> [s.name for s in ex.sliders.values()]
    ['R', 'S', 'T', 'P']
    >>> view = ex.update(T=2.0)
    >>> len(view.equilibria)
    3
    >>> view.thresholds.values.tolist()         # P = S = -1: Chicken turns into the PD
    [-1.0]
    """

    def __init__(
        self,
        builder_or_scenario,
        *,
        params=None,
        threshold_param: str | None = None,
        fixed: Mapping | None = None,
        grid: int = 101,
    ):
        from .games.crisis import (
            EXCHANGE_PARAMETERS,
            retaliation_commitment_game,
            retaliation_game,
        )

        fixed = dict(fixed or {})
        self.scenario = None
        self.units: dict[str, str] = {}
        crisis_games = (retaliation_game, retaliation_commitment_game)
        if _is_scenario(builder_or_scenario) or builder_or_scenario in crisis_games:
            from .scenario import Scenario

            scenario = builder_or_scenario if _is_scenario(builder_or_scenario) else Scenario()
            self.scenario = scenario
            self.builder: Callable = (
                builder_or_scenario if builder_or_scenario in crisis_games else retaliation_game
            )
            fixed.setdefault("scenario_or_params", scenario)
            # keys of an absent role (no patron) are fixed at 0: no slider
            keys = [k for k in EXCHANGE_PARAMETERS if scenario.range_origin[k] != "absent"]
            self.units = {k: scenario.units[k] for k in keys}
            defaults = {
                k: Slider(k, *scenario.ranges[k], scenario.parameters[k], unit=self.units[k])
                for k in keys
            }
            self._strict = False
        elif callable(builder_or_scenario):
            self.builder = builder_or_scenario
            defaults, takes_strict = _builder_sliders(self.builder)
            self._strict = takes_strict and "strict" not in fixed
            if self._strict:
                fixed["strict"] = False
            if not defaults and not isinstance(params, Mapping):
                raise ParameterError(
                    f"{getattr(self.builder, '__name__', self.builder)!r} has no numeric keyword "
                    "defaults to put on sliders; give params={'name': (low, high, value), ...}."
                )
        else:
            raise ParameterError(
                "explore takes a game builder (e.g. dt.games.chicken) or a Scenario "
                f"(dt.load_scenario('iran-2024')); got {type(builder_or_scenario).__name__}."
            )
        self.sliders = _parse_params(params, defaults)
        for name in self.sliders:
            fixed.pop(name, None)
        self.fixed = fixed
        self.values = {k: s.value for k, s in self.sliders.items()}
        if threshold_param is None:
            threshold_param = next(iter(self.sliders))
        self.threshold_param = self._slider_name(threshold_param, "threshold_param")
        self.grid = grid
        self._cache: dict[tuple, object] = {}
        self.last: View | None = None

    def _slider_name(self, name, field: str) -> str:
        if name not in self.sliders:
            raise ParameterError(
                f"{field} must be one of the sliders {list(self.sliders)}; got {name!r}."
                + close_match_hint(str(name), self.sliders)
            )
        return name

    def set_threshold_param(self, name: str) -> View:
        """Chart the thresholds of another parameter; returns the new view."""
        self.threshold_param = self._slider_name(name, "threshold_param")
        return self.update()

    def game(self):
        """The game at the current values."""
        from .game import Game

        out = self.builder(**self.fixed, **self.values)
        if isinstance(out, tuple) and len(out) == 2:
            out = Game(*out)
        if not isinstance(out, Game):
            raise ParameterError(
                f"the builder returned {type(out).__name__}; explore needs a builder that "
                "returns a Game (or a pair of payoff matrices)."
            )
        if self.scenario is not None and out.players != self.scenario.players:
            out = out.replace(players=self.scenario.players)
        return out

    def _ordering_note(self) -> str:
        """The builder's own complaint when its strict ordering fails at the current values."""
        if not self._strict:
            return ""
        try:
            self.builder(**{**self.fixed, "strict": True}, **self.values)
        except DeterrenceError as exc:
            return str(exc)
        return ""

    def _thresholds(self):
        from .analysis.thresholds import find_thresholds

        p = self.threshold_param
        others = {k: v for k, v in self.values.items() if k != p}
        key = (p, tuple(sorted(others.items())))
        if key not in self._cache:
            s = self.sliders[p]
            try:
                self._cache[key] = find_thresholds(
                    self.builder,
                    p,
                    (s.low, s.high),
                    fixed={**self.fixed, **others},
                    grid=self.grid,
                    units=self.units or None,
                )
            except DeterrenceError as exc:
                self._cache[key] = exc
            if len(self._cache) > 64:  # keep the cache small: drop the oldest entry
                self._cache.pop(next(iter(self._cache)))
        return self._cache[key]

    def update(self, **values) -> View:
        """Set some parameter values (names of sliders) and recompute the view.

        Refused payoffs (a builder error) give a view whose ``html`` shows the message and
        whose ``error`` holds it; unknown names raise :class:`ParameterError`.
        """
        from .plot.style import COLORS
        from .plot.thresholds import threshold_plot
        from .solve import solve

        self._set(values)
        fig = _figure()
        ax = fig.subplots()
        shown = dict(self.values)
        try:
            game = self.game()
            eqs = solve(game)
        except DeterrenceError as exc:
            message = str(exc)
            _note_on(ax, "no chart: the parameters are refused")
            view = View(
                shown,
                status_box("wrong", "parameters refused", [message], headline="✘ Error"),
                fig,
                error=message,
            )
            self.last = view
            return view
        parts = []
        note = self._ordering_note()
        if note:
            parts.append(
                status_box(
                    "close",
                    "outside the game's defining ordering",
                    [note, "The equilibria below are those of the matrix as given."],
                    headline="⚠ Note",
                )
            )
        parts += [game._repr_html_(), eqs._repr_html_()]
        th = self._thresholds()
        p = self.threshold_param
        if isinstance(th, Exception):
            _note_on(ax, f"no threshold chart over {p}:\n{th}")
            parts.append(status_box("close", f"thresholds of {p}", [str(th)], headline="⚠ Note"))
            th = None
        else:
            threshold_plot(th, ax=ax)
            ax.axvline(
                self.values[p],
                color=COLORS["scenario"],
                linestyle="-.",
                linewidth=1.2,
                gid="current",
                label=f"now: {p} = {self.values[p]:.4g}",
            )
            ax.legend(fontsize="small", loc="best")
            ax.set_title(f"Where the equilibria change along {p}", fontsize="medium")
            parts.append(th._repr_html_())
        view = View(
            shown,
            '<div class="deterrence-explorer">' + "".join(parts) + "</div>",
            fig,
            game=game,
            equilibria=eqs,
            thresholds=th,
        )
        self.last = view
        return view


# -- the calibrated response window ----------------------------------------------------------------

#: Scenario keys that move the calibrated window drawn in launch units, besides WINDOW_PARAMETERS.
LAUNCH_PARAMETERS = ("salvo_size", "launch_reliability", "intercept_prob", "shots_per_threat")


def window_summary_html(model, alpha_weak: float, rho: float, *, unit: str = "leakers") -> str:
    """An HTML summary of a calibrated response model: r*, the window, the two risks at r*.

    Parameters
    ----------
    model : CalibratedResponse
    alpha_weak, rho : float
        Acceptable P(seen as weak) and P(escalation), in (0, 1).
    unit : str
        The response unit.

    Examples
    --------
    >>> import deterrence as dt
    >>> s = dt.load_scenario("iran-2024")
    >>> "window empty" in window_summary_html(s.calibrated_response(), 0.1, 0.05)
    True
    """
    e = html.escape
    r_star = model.optimum()
    window = model.window(alpha_weak, rho)
    floor, ceiling = model.edges(alpha_weak, rho)
    if window is None:
        w = (
            f"window empty: the floor G⁻¹(1 − α_w) = {floor:.4g} lies above the ceiling "
            f"F⁻¹(ρ) = {ceiling:.4g}"
        )
    else:
        w = f"window [{window[0]:.4g}, {window[1]:.4g}] {e(unit)}"
    rows = [
        ("optimal response r*", f"{r_star:.4g} {e(unit)}"),
        ("P(seen as weak) at r*", f"{float(model.p_weak(r_star)):.3f}"),
        ("P(escalation) at r*", f"{float(model.p_escalation(r_star)):.3f}"),
        (f"responses with P(weak) ≤ {alpha_weak:g} and P(escalation) ≤ {rho:g}", w),
    ]
    body = "".join(
        f'<tr><th style="text-align:left;padding:2px 8px">{e(a)}</th>'
        f'<td style="padding:2px 8px">{b}</td></tr>'
        for a, b in rows
    )
    return (
        '<table class="deterrence-window" style="border-collapse:collapse;font-family:'
        f'sans-serif"><caption style="text-align:left;font-weight:bold">Calibrated response window'
        f"</caption>{body}</table>"
    )


class WindowExplorer(_Base):
    """Headless state of :func:`explore_window`: a scenario's calibrated response window.

    Parameters
    ----------
    scenario : Scenario
        Its plausible ranges bound the sliders.
    params : sequence of str or mapping, optional
        Which scenario keys get sliders (default: those that move the window,
        :data:`deterrence.analysis.scan.WINDOW_PARAMETERS`, plus the salvo and defence
        keys in launch units).
    launches : bool
        Draw the window in launch units (L ~ Binomial(n, q) leakers) instead of the response
        unit.

    Examples
    --------
    >>> import deterrence as dt
    >>> ex = WindowExplorer(dt.load_scenario("iran-2024"))
    >>> round(ex.update(defender_tolerance=40).model.optimum(), 3) > 5.16
    True
    """

    def __init__(self, scenario, *, params=None, launches: bool = False):
        from .analysis.scan import WINDOW_PARAMETERS

        if not _is_scenario(scenario):
            raise ParameterError(
                "explore_window takes a Scenario (dt.load_scenario('iran-2024')); got "
                f"{type(scenario).__name__}."
            )
        self.scenario = scenario
        self.launches = bool(launches)
        keys = WINDOW_PARAMETERS + (LAUNCH_PARAMETERS if self.launches else ())
        defaults = {}
        for k in keys:
            if scenario.range_origin[k] == "absent":  # a role the scenario lacks: fixed at 0
                continue
            value = scenario.parameters[k]
            lo, hi = scenario.ranges[k]
            integer = isinstance(value, numbers.Integral)
            if lo == hi:  # a degenerate plausible range: widen it around the value
                lo, hi = _default_range(value)
            defaults[k] = Slider(k, lo, hi, value, integer=integer, unit=scenario.units[k])
        self.sliders = _parse_params(params, defaults)
        self.values = {k: s.value for k, s in self.sliders.items()}
        self.last: View | None = None

    def update(self, **values) -> View:
        """Set some scenario values and redraw the window; refused values give an error view."""
        from .plot.window import calibrated_window, calibrated_window_launches

        self._set(values)
        fig = _figure(figsize=(6.4, 5.6))
        top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (3, 2)})
        shown = dict(self.values)
        try:
            s = self.scenario.replace(**self.values)
            model = s.calibrated_response()
            alpha_weak, rho = s.parameters["alpha_weak"], s.parameters["acceptable_risk"]
            summary = window_summary_html(model, alpha_weak, rho, unit=s.response_unit)
            if self.launches:
                calibrated_window_launches(s, ax=(top, bottom))
                q = s.leak_probability
                n = s.parameters["salvo_size"]
                summary += (
                    f"<p>In launches (q = {q:.3g} per launch): best salvo n* = "
                    f"{model.optimum_launches(q)}; a salvo of {n} escalates with probability "
                    f"{float(model.p_escalation_launches(n, q)):.3f}.</p>"
                )
            else:
                calibrated_window(s, ax=(top, bottom))
        except DeterrenceError as exc:
            message = str(exc)
            for a in (top, bottom):
                _note_on(a, "")
            view = View(
                shown,
                status_box("wrong", "parameters refused", [message], headline="✘ Error"),
                fig,
                error=message,
            )
            self.last = view
            return view
        view = View(shown, summary, fig, model=model, extra={"scenario": s})
        self.last = view
        return view


# -- the widgets -----------------------------------------------------------------------------------


def _slider_widgets(w, sliders: Mapping[str, Slider]) -> dict:
    out = {}
    for name, s in sliders.items():
        cls = w.IntSlider if s.integer else w.FloatSlider
        kwargs = {} if s.integer else {"readout_format": ".4g"}
        out[name] = cls(
            value=s.value,
            min=s.low,
            max=s.high,
            step=s.step,
            description=s.label,
            continuous_update=False,
            style={"description_width": "initial"},
            layout=w.Layout(width="420px"),
            **kwargs,
        )
    return out


def _wire(w, explorer, sliders: dict, table, chart, extra_controls=()) -> object:
    def refresh(_change=None):
        view = explorer.update(**{k: s.value for k, s in sliders.items()})
        table.value = view.html
        chart.value = view.png()

    for s in sliders.values():
        s.observe(refresh, names="value")
    refresh()
    controls = w.VBox([*sliders.values(), *extra_controls])
    box = w.VBox([w.HBox([controls, table]), chart])
    box.explorer = explorer  # the headless state, for inspection and tests
    box.sliders = sliders
    box.refresh = refresh
    return box


@dataclass(frozen=True)
class StaticView:
    """What an explorer shows without ipywidgets: its first view and a one-line note.

    Attributes
    ----------
    explorer : Explorer or WindowExplorer
        The headless state (call ``explorer.update(...)`` for other values).
    view : View
        The tables and the chart at the starting values.
    note : str
        Why there are no sliders, and the extra to install.
    """

    explorer: object
    view: View
    note: str

    def _repr_html_(self) -> str:
        import base64

        png = base64.b64encode(self.view.png()).decode("ascii")
        return (
            status_box("malformed", "static chart", [self.note], headline="ℹ No sliders")
            + self.view.html
            + f'<img src="data:image/png;base64,{png}" alt="chart">'
        )

    def __repr__(self) -> str:
        return f"<StaticView: {self.note}>"


_STATIC_NOTE = (
    f"ipywidgets is not installed, so this is a static chart at the starting values; for "
    f"sliders: {_INSTALL}."
)


def _widgets_or_none(static: bool):
    try:
        return _ipywidgets()
    except MissingExtraError:
        if not static:
            raise
        return None


def explore(
    builder_or_scenario,
    *,
    params=None,
    threshold_param=None,
    fixed=None,
    grid=101,
    static: bool = True,
):
    """Sliders for each parameter, a live equilibrium table and a threshold chart.

    Parameters are those of :class:`Explorer`. Returns an ipywidgets ``VBox`` (display it, or
    leave it as the last expression of a cell); its ``explorer`` attribute is the
    :class:`Explorer` behind it, ``sliders`` the slider widgets by name.

    Without ipywidgets it returns a :class:`StaticView` (the chart and tables at the starting
    values, with a one-line note).

    Raises
    ------
    MissingExtraError
        ipywidgets is not installed and ``static=False``.
    """
    w = _widgets_or_none(static)
    explorer = Explorer(
        builder_or_scenario,
        params=params,
        threshold_param=threshold_param,
        fixed=fixed,
        grid=grid,
    )
    if w is None:
        return StaticView(explorer, explorer.update(), _STATIC_NOTE)
    sliders = _slider_widgets(w, explorer.sliders)
    choose = w.Dropdown(
        options=list(explorer.sliders),
        value=explorer.threshold_param,
        description="thresholds of",
        style={"description_width": "initial"},
    )
    table = w.HTML()
    chart = w.Image(format="png")
    box = _wire(w, explorer, sliders, table, chart, extra_controls=(choose,))

    def on_choose(change):
        explorer.threshold_param = change["new"]
        box.refresh()

    choose.observe(on_choose, names="value")
    box.choose = choose
    return box


def explore_window(scenario, *, params=None, launches=False, static: bool = True):
    """Sliders for the scenario parameters that move the calibrated response window.

    Shows the window chart (P(seen as weak), P(escalation) and U(r))
    and a summary (r*, the window or why it is empty). Parameters are those of
    :class:`WindowExplorer`; returns an ipywidgets ``VBox`` with ``explorer`` and ``sliders``
    attributes.

    Without ipywidgets it returns a :class:`StaticView`, as :func:`explore` does.

    Raises
    ------
    MissingExtraError
        ipywidgets is not installed and ``static=False``.
    """
    w = _widgets_or_none(static)
    explorer = WindowExplorer(scenario, params=params, launches=launches)
    if w is None:
        return StaticView(explorer, explorer.update(), _STATIC_NOTE)
    sliders = _slider_widgets(w, explorer.sliders)
    return _wire(w, explorer, sliders, w.HTML(), w.Image(format="png"))
