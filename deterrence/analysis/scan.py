"""The assumption scan: every parameter at both ends of its plausible range, run once.

:func:`assumption_scan` moves each parameter of a scenario to the low and the high end of its
plausible range, the others held at the scenario's values, and records the headline quantities
there (:class:`~deterrence.analysis.summary.ScenarioSummary`) and every signpost inside the
range (:mod:`deterrence.analysis.signposts`). Both the memo's assumptions table and its tornado
chart read this one scan (:meth:`Swings.from_assumptions`); :func:`swings` runs the part of it a
tornado needs, for users who want only the chart.

This is the load-bearing-assumption view of Assumption-Based Planning (Dewar et al. 1993, RAND
MR-114) and of exploratory analysis (Davis 2012, *Lessons from RAND's Work on Planning Under
Uncertainty for National Security*, RAND TR-1249).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import ParameterError, ScenarioError, close_match_hint
from ..scenario.schema import _LEAVES
from .signposts import Signpost, is_count, signposts_between
from .summary import ScenarioSummary, load, summarise

__all__ = [
    "Assumption",
    "assumption_scan",
    "WindowQuantities",
    "Swing",
    "Swings",
    "swings",
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


@dataclass(frozen=True)
class Assumption:
    """One parameter of the scenario, moved over its plausible range (a row of the memo's
    assumptions table).

    Attributes
    ----------
    key, symbol : str
        Scenario key and the model's symbol for it.
    value : float or int
        The scenario's value.
    unit : str
    low, high : float
        The plausible range.
    note : str
        The scenario's note on the value (its source).
    defaulted : bool
        The scenario file left the parameter out and it takes the default.
    at_low, at_high : ScenarioSummary
        The headline quantities with the parameter at `low` / `high`.
    signposts : tuple of Signpost
        Every value inside the range where a conclusion changes, sorted.
    """

    key: str
    symbol: str
    value: float | int
    unit: str
    low: float
    high: float
    note: str
    defaulted: bool
    at_low: ScenarioSummary
    at_high: ScenarioSummary
    signposts: tuple[Signpost, ...]

    @property
    def load_bearing(self) -> bool:
        """A conclusion changes inside the plausible range."""
        return bool(self.signposts)

    @property
    def r_star_low(self) -> float:
        return self.at_low.r_star

    @property
    def r_star_high(self) -> float:
        return self.at_high.r_star

    @property
    def in_range(self) -> bool:
        return self.low <= self.value <= self.high


def _symbol(key: str) -> str:
    from ..scenario import PARAMETERS

    spec = PARAMETERS[key.split(".")[0]]
    return spec.symbol if "." not in key else f"σ of {spec.symbol.split(' ')[0]}"


def assumption_scan(scenario, base: ScenarioSummary | None = None) -> tuple[Assumption, ...]:
    """Every parameter at both ends of its plausible range, with the signposts in between.

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
    base : ScenarioSummary, optional
        The scenario's own summary, when already computed.

    Returns
    -------
    tuple of Assumption
        In the scenario's parameter order.

    Examples
    --------
    The audience cost is load-bearing: at a = 0.2 the retaliation game's pure equilibria change
    (restraint deterred by a threat that is not credible), inside its range [0, 3].

    >>> rows = {a.key: a for a in assumption_scan("iran-2024")}
    >>> rows["audience_cost"].load_bearing, round(rows["audience_cost"].r_star_high, 2)
    (True, 6.06)
    """
    s = load(scenario)
    cache: dict = {}
    base = base if base is not None else summarise(s, cache)
    rows = []
    for key, value in s.parameters.items():
        lo, hi = s.ranges[key]
        integer = is_count(s, key)
        points = sorted({lo, hi} | ({value} if lo <= value <= hi else set()))
        summaries = [
            base if x == value else summarise(s.replace(**{key: int(x) if integer else x}), cache)
            for x in points
        ]
        rows.append(
            Assumption(
                key=key,
                symbol=_symbol(key),
                value=value,
                unit=s.units[key],
                low=lo,
                high=hi,
                note=s.notes[key],
                defaulted=key in s.defaulted,
                at_low=summaries[0],
                at_high=summaries[-1],
                signposts=tuple(signposts_between(s, key, points, summaries)),
            )
        )
    return tuple(rows)


# -- the tornado's numbers ----------------------------------------------------------------------


@dataclass(frozen=True)
class WindowQuantities:
    """r* and the calibrated window's edges (response unit)."""

    optimum: float
    floor: float
    ceiling: float

    @classmethod
    def of(cls, summary: ScenarioSummary) -> WindowQuantities:
        return cls(summary.r_star, summary.window_floor, summary.window_ceiling)

    def __getitem__(self, quantity: str) -> float:
        check_quantity(quantity)
        return getattr(self, quantity)


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
    at_low, at_high : WindowQuantities
        r* and the window's edges with the parameter at `low` / `high`, the others at their
        scenario values.
    """

    parameter: str
    low: float
    high: float
    unit: str
    value: float
    at_low: WindowQuantities
    at_high: WindowQuantities

    def swing(self, quantity: str = "optimum") -> float:
        """Absolute change of `quantity` from the low to the high end of the range."""
        return abs(self.at_high[quantity] - self.at_low[quantity])


@dataclass(frozen=True)
class Swings:
    """A tornado's numbers: the baseline and one :class:`Swing` per parameter, largest first.

    Attributes
    ----------
    base : WindowQuantities
        The scenario's own r* and window edges.
    rows : tuple of Swing
        Sorted by the swing of `sort_by`, largest first (ties keep the order asked for).
    unit : str
        The response unit.
    sort_by : str
    """

    base: WindowQuantities
    rows: tuple[Swing, ...]
    unit: str
    sort_by: str = "optimum"

    @classmethod
    def from_assumptions(
        cls,
        assumptions: Sequence[Assumption],
        base: ScenarioSummary,
        unit: str,
        *,
        parameters: Sequence[str] = WINDOW_PARAMETERS,
        sort_by: str = "optimum",
    ) -> Swings:
        """The tornado of an assumption scan (no model is evaluated again)."""
        check_quantity(sort_by)
        by_key = {a.key: a for a in assumptions}
        rows = [
            Swing(
                parameter=a.key,
                low=a.low,
                high=a.high,
                unit=a.unit,
                value=a.value,
                at_low=WindowQuantities.of(a.at_low),
                at_high=WindowQuantities.of(a.at_high),
            )
            for a in (by_key[k] for k in parameters if k in by_key)
        ]
        rows.sort(key=lambda row: -row.swing(sort_by))
        return cls(WindowQuantities.of(base), tuple(rows), unit, sort_by)

    def sorted_by(self, quantity: str) -> Swings:
        """The same rows ordered by the swing of another quantity."""
        check_quantity(quantity)
        rows = sorted(self.rows, key=lambda row: -row.swing(quantity))
        return Swings(self.base, tuple(rows), self.unit, quantity)

    def to_frame(self):
        """One row per parameter: its range and r*, floor and ceiling at both ends."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "parameter": r.parameter,
                    "value": r.value,
                    "low": r.low,
                    "high": r.high,
                    "unit": r.unit,
                    **{f"{q}_at_low": r.at_low[q] for q in QUANTITIES},
                    **{f"{q}_at_high": r.at_high[q] for q in QUANTITIES},
                }
                for r in self.rows
            ]
        )

    def plot(self, ax=None, *, quantity: str | None = None):
        """Draw the tornado: three panels (r*, floor, ceiling) when `quantity` is None, else one
        (:mod:`deterrence.plot.thresholds`); returns the Figure or the Axes."""
        from ..plot import thresholds as charts  # a result's drawing hook

        if quantity is None:
            return charts.what_must_be_true(self, ax=ax)
        return charts.tornado(self, quantity=quantity, ax=ax)


def check_quantity(quantity: str) -> None:
    """ParameterError unless `quantity` is one of :data:`QUANTITIES`."""
    if quantity not in QUANTITIES:
        raise ParameterError(
            f"quantity must be one of {', '.join(QUANTITIES)}; got {quantity!r}."
            f"{close_match_hint(str(quantity), QUANTITIES)}"
        )


def swings(scenario, *, parameters=None, sort_by="optimum") -> Swings:
    """r* and the window edges at both ends of each parameter's plausible range.

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
        The baseline (``dt.load_scenario("iran-2024")``).
    parameters : sequence of str, keyword-only, optional
        Scenario keys to vary; default :data:`WINDOW_PARAMETERS`.
    sort_by : {"optimum", "floor", "ceiling"}, keyword-only
        Quantity whose swing orders the result (largest first).

    Returns
    -------
    Swings

    Examples
    --------
    >>> result = swings("iran-2024", parameters=["p_patron_entry"])
    >>> round(result.base.optimum, 2), result.rows[0].low, result.rows[0].high
    (5.16, 0.2, 0.9)
    >>> result.rows[0].at_low.optimum > result.base.optimum > result.rows[0].at_high.optimum
    True
    """
    s = load(scenario)
    check_quantity(sort_by)
    keys = list(WINDOW_PARAMETERS if parameters is None else parameters)
    if isinstance(parameters, str):
        keys = [parameters]
    if not keys:
        raise ParameterError("parameters must name at least one scenario parameter.")
    for key in keys:
        if key not in s.parameters:
            raise ScenarioError(
                f"unknown parameter {key!r}.{close_match_hint(str(key), s.parameters)} "
                f"Parameters: {', '.join(s.parameters)}."
            )
    base = _window_only(s)
    rows = []
    for key in keys:
        lo, hi = s.ranges[key]
        rows.append(
            Swing(
                parameter=key,
                low=lo,
                high=hi,
                unit=s.units[key],
                value=s.parameters[key],
                at_low=_window_only(s.replace(**{key: lo})),
                at_high=_window_only(s.replace(**{key: hi})),
            )
        )
    rows.sort(key=lambda row: -row.swing(sort_by))  # stable: ties keep the order asked for
    return Swings(base, tuple(rows), s.response_unit, sort_by)


def _window_only(s) -> WindowQuantities:
    p = s.parameters
    model = s.calibrated_response()
    floor, ceiling = model.edges(p["alpha_weak"], p["acceptable_risk"])
    return WindowQuantities(float(model.optimum()), floor, ceiling)
