"""Scenarios: validated parameters with units, plausible ranges and sources, read from TOML.

A scenario is the analyst's list of assumptions: every parameter of the models with its value,
unit, plausible range, a note saying what it means here and where it comes from. The constraint
of each parameter is declared once, in :data:`PARAMETERS` (a :class:`ParamSpec` per key); the
check, the error message, the assumptions table, the CLI help and the bad inputs of the tests are
all derived from it (the scikit-learn ``_param_validation`` pattern).

File format (``tomllib``)::

    [scenario]
    name = "iran-2024"
    title = "Iran's retaliation for the killings of Haniyeh and Shukr (Aug 2024)"
    description = "..."
    response_unit = "leakers"           # unit of the response r and of the two thresholds
    players = ["Iran", "Israel"]        # the retaliating side, its adversary

    [parameters.reputation_stake]       # one table per parameter ...
    value = 1.0
    range = [0.5, 3.0]                  # plausible range (optional: the spec's by default)
    unit = "utils"                      # optional; if given it must be the unit the model uses
    note = "value of not appearing weak (deterrence restored)"
    source = "illustrative default"

    [parameters.israel_tolerance]       # a threshold: median and sigma_log
    median = 20
    sigma_log = 0.7
    range = [5, 100]                    # range of the median (sigma_log_range for the spread)
    family = "weibull"                  # optional: lognormal (default), weibull, gamma,
                                        # loglogistic, fitted to the same median and spread
    distribution = "loguniform"         # optional: how deterrence.propagate draws the median
    sigma_log_distribution = "uniform"  # ... and the spread

    [parameters]
    p_us_entry = 0.5                    # ... or the short form: the value only

    [[events]]                          # calibration anchors, optional
    date = 2024-04-13
    name = "True Promise"
    launches = 320

Each parameter may say how :func:`deterrence.propagate` draws it inside its plausible range:
``distribution = "uniform"``, ``"loguniform"``, ``"triangular"`` (mode at the value), or a table
such as ``distribution = {family = "triangular", mode = 3}`` or ``{family = "lognormal",
median = 20, sigma_log = 0.5}`` (truncated to the range); see
:func:`deterrence.models.distributions.parameter_distribution`. Left out, the default depends on
the kind of parameter (:meth:`Scenario.distribution`).

Every parameter is optional: a key the file leaves out takes the default of its spec (the seed
scenario's illustrative value) and is marked ``defaulted`` in :meth:`Scenario.to_frame`. For a
lognormal threshold a bare number (``israel_tolerance = 30``) sets the median. In Python the
parameters are flat: ``"israel_tolerance"`` is the median and ``"israel_tolerance.sigma_log"``
the spread (the same dotted key TOML accepts).

Errors: a value that breaks its parameter's constraint (a probability of 1.2, a fractional
count, a negative cost, text or true/false where a number belongs, an inverted range, a unit other
than the model's) raises :class:`~deterrence.errors.ScenarioError`
(:class:`~deterrence.errors.ProbabilityError` for probabilities) naming the key, the value, the
allowed range and the fix; a misspelt key gets the close match. A value outside its *plausible*
range is allowed — exploring beyond it is what sweeps are for — and is listed by
:meth:`Scenario.outside_range` and flagged in :meth:`Scenario.to_frame`.

Sources: the parameters' defaults are illustrative, not estimates; the calibration events come
from public reporting; the retaliation-game keys come from :func:`deterrence.games.classic.retaliation_game`.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import math
import numbers
import os
import tomllib
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from . import _check
from .errors import (
    ParameterError,
    ProbabilityError,
    ScenarioError,
    ScenarioProbabilityError,
    close_match_hint,
)

__all__ = [
    "PARAMETERS",
    "ParamSpec",
    "Event",
    "Scenario",
    "load_scenario",
    "bundled_scenarios",
    "parameters_table",
]


# -- kinds: the hard constraint of each family of parameters ----------------------------------


@dataclass(frozen=True)
class _Kind:
    words: str  # the constraint in words, for messages and docs
    low: float
    high: float
    closed: tuple[bool, bool]  # upper end open when high is inf: messages read [0, inf)
    integer: bool
    fix: str
    invalid: tuple  # numbers that break the constraint: the bad inputs tests derive


_INF = math.inf
_KINDS: dict[str, _Kind] = {
    "probability": _Kind(
        words="a probability in [0, 1]",
        low=0.0, high=1.0, closed=(True, True), integer=False,
        fix="give a fraction (0.5), not a percentage (50)",
        invalid=(-0.1, 1.2, 50),
    ),
    "discount": _Kind(
        words="a discount factor in [0, 1)",
        low=0.0, high=1.0, closed=(True, False), integer=False,
        fix="give the weight of the next round as a fraction below 1 (e.g. 0.9)",
        invalid=(-0.1, 1.0, 1.5),
    ),
    "utils": _Kind(
        words="a utility magnitude >= 0",
        low=0.0, high=_INF, closed=(True, False), integer=False,
        fix="give the size of the stake or cost as a number >= 0; the model applies the sign",
        invalid=(-1.0,),
    ),
    "nonnegative": _Kind(
        words="a number >= 0",
        low=0.0, high=_INF, closed=(True, False), integer=False,
        fix="give a number >= 0",
        invalid=(-0.5,),
    ),
    "multiple": _Kind(
        words="a multiple > 1 of the calibrated strike's size",
        low=1.0, high=_INF, closed=(False, False), integer=False,
        fix="a major strike must be larger than a calibrated one (size 1): give a number > 1",
        invalid=(1.0, 0.5),
    ),
    "count": _Kind(
        words="a whole number >= 0",
        low=0, high=_INF, closed=(True, False), integer=True,
        fix="give a whole number >= 0, without a decimal part",
        invalid=(-1, 2.5),
    ),
    "positive_count": _Kind(
        words="a whole number >= 1",
        low=1, high=_INF, closed=(True, False), integer=True,
        fix="give a whole number >= 1, without a decimal part",
        invalid=(0, 1.5),
    ),
    # median and sigma_log both > 0 (checked per part by _Leaf.check)
    "lognormal": _Kind(
        words="a lognormal distribution: median > 0 and sigma_log > 0",
        low=0.0, high=_INF, closed=(False, False), integer=False,
        fix="give median > 0 (in the response unit) and sigma_log > 0 (sd of the log)",
        invalid=(0.0, -3.0),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class ParamSpec:
    """Declaration of one scenario parameter: the single source of its check, message and docs.

    Parameters
    ----------
    name : str
        Key in the scenario file and in :attr:`Scenario.parameters`.
    kind : str
        The hard constraint: ``"probability"`` [0, 1], ``"discount"`` [0, 1), ``"utils"`` and
        ``"nonnegative"`` >= 0, ``"multiple"`` > 1, ``"count"`` whole >= 0, ``"positive_count"``
        whole >= 1, ``"lognormal"`` (median > 0, sigma_log > 0).
    unit : str
        Unit of the value (for a lognormal threshold: of the median, i.e. the response unit).
    default : float, int or (median, sigma_log)
        Value used when a scenario leaves the key out.
    range : (float, float)
        Plausible range (of the median, for a lognormal); values outside it are allowed but
        reported by :meth:`Scenario.outside_range`.
    doc : str
        One-line meaning.
    source : str
        Where the default and range come from.
    symbol : str
        The model's symbol for it (e.g. ``"π_US"``).
    sigma_log_range : (float, float), optional
        Plausible range of sigma_log (lognormal kinds only).

    Examples
    --------
    >>> PARAMETERS["p_us_entry"].describe()
    'p_us_entry (π_US): P(US joins, given Israeli escalation). A probability in [0, 1] (probability); plausible 0.2–0.9; default 0.5. Source: illustrative default.'
    """

    name: str
    kind: str
    unit: str
    default: Any
    range: tuple[float, float]
    doc: str
    source: str
    symbol: str = ""
    sigma_log_range: tuple[float, float] | None = None

    def __post_init__(self):
        # The table is code: a spec that contradicts itself is a programming error.
        if self.kind not in _KINDS:
            raise ValueError(f"ParamSpec {self.name}: unknown kind {self.kind!r}")
        lo, hi = self.range
        if not lo <= hi:
            raise ValueError(f"ParamSpec {self.name}: inverted range {self.range}")
        if (self.kind == "lognormal") != (self.sigma_log_range is not None):
            raise ValueError(f"ParamSpec {self.name}: sigma_log_range iff kind is lognormal")

    @property
    def constraint(self) -> str:
        """The hard constraint in words."""
        return _KINDS[self.kind].words

    def describe(self) -> str:
        """One line for the CLI help and the docs."""
        sym = f" ({self.symbol})" if self.symbol else ""
        lo, hi = self.range
        if self.kind == "lognormal":
            median, sigma = self.default
            s_lo, s_hi = self.sigma_log_range
            values = (
                f"median plausible {lo:g}–{hi:g} {self.unit}, default {median:g}; "
                f"sigma_log plausible {s_lo:g}–{s_hi:g}, default {sigma:g}"
            )
        else:
            values = f"plausible {lo:g}–{hi:g}; default {self.default:g}"
        c = self.constraint
        return (
            f"{self.name}{sym}: {self.doc}. {c[0].upper()}{c[1:]} ({self.unit}); {values}. "
            f"Source: {self.source}."
        )

    def invalid_values(self) -> tuple[tuple[Any, type[Exception]], ...]:
        """Values that must be rejected, with the exception each raises (for tests).

        Examples
        --------
        >>> [(v, e.__name__) for v, e in PARAMETERS["shots_per_threat"].invalid_values()]
        [(0, 'ScenarioError'), (1.5, 'ScenarioError'), ('1', 'ScenarioError'), (True, 'ScenarioError')]
        """
        numeric_error = ScenarioProbabilityError if self.kind == "probability" else ScenarioError
        default = self.default[0] if self.kind == "lognormal" else self.default
        bad = tuple((v, numeric_error) for v in _KINDS[self.kind].invalid)
        return bad + ((str(default), ScenarioError), (True, ScenarioError))


def _spec(name, kind, unit, default, lo, hi, doc, source="illustrative default", symbol="", **kw):
    return ParamSpec(name, kind, unit, default, (lo, hi), doc, source, symbol, **kw)


_RETALIATION_SOURCE = "deterrence.games.classic.retaliation_game (illustrative default)"
_SIGMA_RANGE = (0.3, 1.2)

_SPECS = (
    _spec("reputation_stake", "utils", "utils", 1.0, 0.5, 3.0,
          "value of not appearing weak (deterrence restored)", symbol="R̄"),
    _spec("audience_cost", "utils", "utils", 1.0, 0.0, 3.0,
          "cost of no or insufficient response after the public vow",
          "illustrative default; Fearon 1994 (audience costs)", symbol="a"),
    _spec("weakness_threshold", "lognormal", "leakers", (3.0, 0.6), 1.0, 10.0,
          "response judged strong enough by 50% of audiences (median of the lognormal G)",
          "illustrative default (range of the median); sigma_log range illustrative", symbol="θ_w ~ G",
          sigma_log_range=_SIGMA_RANGE),
    _spec("israel_tolerance", "lognormal", "leakers", (20.0, 0.7), 5.0, 100.0,
          "response size triggering major Israeli counter-escalation (median of the lognormal F)",
          "illustrative default (range of the median); sigma_log range illustrative", symbol="θ_t ~ F",
          sigma_log_range=_SIGMA_RANGE),
    _spec("cost_israeli_escalation", "utils", "utils", 6.0, 2.0, 20.0,
          "Iran's loss if Israel escalates", symbol="W_I"),
    _spec("p_us_entry", "probability", "probability", 0.5, 0.2, 0.9,
          "P(US joins, given Israeli escalation)", symbol="π_US"),
    _spec("cost_us_entry", "utils", "utils", 8.0, 5.0, 30.0,
          "Iran's loss if the US joins", symbol="W_US"),
    _spec("salvo_size", "count", "launches", 150, 10, 400,
          "munitions launched (mix: drones, cruise, ballistic)", symbol="n"),
    _spec("launch_reliability", "probability", "probability", 0.7, 0.5, 0.95,
          "fraction launched that fly to target", "illustrative default", symbol="r_L"),
    _spec("intercept_prob", "probability", "probability", 0.8, 0.6, 0.95,
          "single-shot kill probability of an interceptor", "illustrative default",
          symbol="P_k"),
    _spec("shots_per_threat", "positive_count", "interceptors per threat", 1, 1, 2,
          "interceptors fired at each threat (doctrine: 2 = shoot-shoot)",
          "illustrative default", symbol="s"),
    _spec("interceptor_inventory", "count", "interceptors", 200, 50, 1000,
          "interceptors available for this raid", "illustrative default", symbol="N_I"),
    _spec("damage_per_leaker", "nonnegative", "utils per leaker", 0.05, 0.0, 0.5,
          "expected damage per munition through the defence", symbol="d"),
    _spec("proxy_autonomy", "probability", "probability per period", 0.2, 0.0, 0.5,
          "P(unsanctioned proxy attack per period)", "illustrative default", symbol="α"),
    _spec("attribution", "probability", "probability", 0.6, 0.3, 0.95,
          "P(target attributes a proxy attack to Iran)", "illustrative default", symbol="β"),
    _spec("defender_credibility", "probability", "probability", 0.8, 0.5, 0.99,
          "P(Israel is Hard: prefers retaliation to restraint)", "illustrative default",
          symbol="p_Def"),
    _spec("discount_factor", "discount", "per round", 0.9, 0.7, 0.99,
          "weight on the next exchange round", "illustrative default", symbol="δ"),
    _spec("acceptable_risk", "probability", "probability", 0.05, 0.01, 0.2,
          "tolerable P(escalation): the ceiling of the calibrated window",
          "illustrative default", symbol="ρ"),
    _spec("marginal_cost", "nonnegative", "utils per unit of response", 0.002, 0.0, 0.01,
          "cost per unit of response (munitions, exposure)", symbol="κ"),
    _spec("alpha_weak", "probability", "probability", 0.1, 0.05, 0.3,
          "acceptable P(seen as weak): the floor of the calibrated window",
          "illustrative default (a conventional level); range illustrative", symbol="α_w"),
    _spec("calibrated_share", "probability", "fraction of R̄", 0.5, 0.2, 0.8,
          "share of the reputation stake a calibrated strike earns", _RETALIATION_SOURCE),
    _spec("major_size", "multiple", "× calibrated strike", 3.0, 2.0, 10.0,
          "size of a major strike relative to a calibrated one (size 1)",
          _RETALIATION_SOURCE, symbol="ℓ_major"),
    _spec("proportional_damage", "nonnegative", "utils per unit of strike size", 0.4, 0.1, 1.0,
          "Iran's loss per unit of its strike's size when Israel replies in kind",
          _RETALIATION_SOURCE, symbol="d"),
    _spec("israel_deterrence_loss", "nonnegative", "utils per unit of strike size", 1.0, 0.5,
          3.0, "Israel's loss of deterrence per unit of an unanswered strike's size",
          _RETALIATION_SOURCE, symbol="f"),
    _spec("israel_reply_cost", "utils", "utils", 0.25, 0.1, 1.0,
          "Israel's cost of a proportional reply", _RETALIATION_SOURCE, symbol="c"),
    _spec("israel_war_cost", "utils", "utils", 1.5, 0.5, 5.0,
          "Israel's cost of escalating to war", _RETALIATION_SOURCE, symbol="C_E"),
)  # fmt: skip

#: Every scenario parameter by name: the single source of checks, messages, docs and CLI help.
PARAMETERS: Mapping[str, ParamSpec] = types.MappingProxyType({s.name: s for s in _SPECS})


# -- leaves: the flat keys of Scenario.parameters ------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    key: str  # flat key: "p_us_entry", "israel_tolerance", "israel_tolerance.sigma_log"
    spec: ParamSpec
    part: str  # "value", "median" or "sigma_log"

    @property
    def default(self):
        if self.part == "value":
            return self.spec.default
        return self.spec.default[0 if self.part == "median" else 1]

    @property
    def range(self) -> tuple[float, float]:
        return self.spec.sigma_log_range if self.part == "sigma_log" else self.spec.range

    @property
    def kind(self) -> _Kind:
        return _KINDS[self.spec.kind]

    @property
    def label(self) -> str:
        if self.part == "value":
            return f"parameters.{self.key}"
        return f"parameters.{self.spec.name}.{self.part}"

    def unit(self, response_unit: str) -> str:
        if self.part == "sigma_log":
            return "sd of ln(threshold)"
        return response_unit if self.spec.kind == "lognormal" else self.spec.unit

    def note(self) -> str:
        if self.part == "sigma_log":
            return f"spread of {self.spec.name}: standard deviation of ln(threshold)"
        return self.spec.doc

    def check(self, value, where: str, response_unit: str = "leakers", *, label: str = ""):
        """Return `value` as float (int for counts) or raise naming key, value, range and fix."""
        label = label or self.label
        kind = self.kind
        lo, hi = self.range
        unit = self.unit(response_unit)
        shown = "" if unit == "probability" else f" {unit}"
        plausible = f"Plausible range {lo:g}–{hi:g}{shown} (default {self.default:g})."
        if (
            isinstance(value, bool | str | bytes)
            or value is None
            or not isinstance(value, numbers.Real)
            or np.ndim(value) != 0
        ):
            if isinstance(value, str):
                fix = f"write the number without quotes ({self.key} = {self.default:g})"
            elif isinstance(value, bool):
                fix = f"write a number, not true/false ({self.key} = {self.default:g})"
            elif isinstance(value, list | tuple | np.ndarray):
                fix = "give one number; sweep several values with Scenario.replace or dt.sweep"
            else:
                fix = f"give a number ({self.key} = {self.default:g})"
            raise ScenarioError(
                f"{where}{label} must be a number ({kind.words}); got {value!r} "
                f"({type(value).__name__}). Fix: {fix}. {plausible}"
            )
        field_ = label
        try:
            if kind.integer:
                return _check.count(value, field_, minimum=int(kind.low))
            if self.spec.kind == "probability":
                return float(_check.probability(value, field_))
            low, closed = kind.low, kind.closed
            if self.part != "value":  # median and sigma_log of a lognormal: > 0
                low, closed = 0.0, (False, False)
            return float(_check.in_range(value, field_, low, kind.high, closed=closed, unit=unit))
        except ProbabilityError as exc:
            raise ScenarioProbabilityError(f"{where}{exc} {plausible}") from None
        except ParameterError as exc:
            raise ScenarioError(f"{where}{exc} Fix: {kind.fix}. {plausible}") from None


def _make_leaves() -> dict[str, _Leaf]:
    leaves = {}
    for spec in _SPECS:
        if spec.kind == "lognormal":
            leaves[spec.name] = _Leaf(spec.name, spec, "median")
            leaves[f"{spec.name}.sigma_log"] = _Leaf(f"{spec.name}.sigma_log", spec, "sigma_log")
        else:
            leaves[spec.name] = _Leaf(spec.name, spec, "value")
    return leaves


_LEAVES = _make_leaves()


def _canonical_key(key, where: str) -> str:
    """Flat key of a parameter name; ``x.median`` is an alias of ``x``; unknown keys raise."""
    if not isinstance(key, str):
        raise ScenarioError(f"{where}parameter names must be strings; got {key!r}.")
    if key.endswith(".median") and key[: -len(".median")] in PARAMETERS:
        key = key[: -len(".median")]
    if key not in _LEAVES:
        raise ScenarioError(
            f"{where}unknown parameter {key!r}.{close_match_hint(key, _LEAVES)} "
            f"Parameters: {', '.join(PARAMETERS)} (see deterrence.scenario.PARAMETERS)."
        )
    return key


def _norm_unit(unit: str) -> str:
    u = " ".join(unit.lower().replace("/", " per ").split())
    return {"prob": "probability", "util": "utils", "utility": "utils"}.get(u, u)


# -- events: calibration anchors -------------------------------------------------


@dataclass(frozen=True)
class Event:
    """A past exchange to backtest against: an attack and the reply it got.

    Parameters
    ----------
    date : datetime.date
        Day of the attack (TOML: an unquoted date, ``date = 2024-04-13``).
    name : str
        Short name of the event.
    actor, target : str, optional
        Who attacked whom.
    size : str, optional
        The attack's size as reported, in words (``"~170 drones, 30+ cruise, 120+ ballistic"``).
    observed_response : str, optional
        What the target did, in words.
    launches : int, optional
        Munitions launched (the reported figure; ``size`` keeps the nuance).
    deaths, injured : int, optional
        Casualties of the attack, where reported as a number.
    intercept_rate : float, optional
        Fraction of the threats intercepted, as claimed by the defender, in [0, 1].
    counter_strike : bool, optional
        Whether the target struck back militarily.
    source, note : str, optional
        Where the figures come from; anything else.

    Examples
    --------
    >>> import datetime
    >>> Event(datetime.date(2024, 1, 28), "Tower 22", launches=1, deaths=3).deaths
    3
    """

    date: datetime.date
    name: str
    actor: str = ""
    target: str = ""
    size: str = ""
    observed_response: str = ""
    launches: int | None = None
    deaths: int | None = None
    injured: int | None = None
    intercept_rate: float | None = None
    counter_strike: bool | None = None
    source: str = ""
    note: str = ""

    def __post_init__(self):
        if not isinstance(self.date, datetime.date) or isinstance(self.date, datetime.datetime):
            raise ScenarioError(
                f"date must be a calendar date; got {self.date!r}. In TOML write an unquoted "
                "date: date = 2024-04-13."
            )
        if not isinstance(self.name, str) or not self.name.strip():
            raise ScenarioError(f"name must be a non-empty string; got {self.name!r}.")
        for f in ("actor", "target", "size", "observed_response", "source", "note"):
            v = getattr(self, f)
            if not isinstance(v, str):
                raise ScenarioError(
                    f"{f} must be text; got {v!r} ({type(v).__name__}). Quote it in TOML."
                )
        for f in ("launches", "deaths", "injured"):
            v = getattr(self, f)
            if v is not None:
                try:
                    object.__setattr__(self, f, _check.count(v, f))
                except ParameterError as exc:
                    raise ScenarioError(
                        f"{exc} Give the reported number, or leave it out."
                    ) from None
        if self.intercept_rate is not None:
            object.__setattr__(
                self,
                "intercept_rate",
                float(_check.probability(self.intercept_rate, "intercept_rate")),
            )
        if self.counter_strike is not None and not isinstance(self.counter_strike, bool):
            raise ScenarioError(
                f"counter_strike must be true or false; got {self.counter_strike!r}."
            )


_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


# -- Scenario ---------------------------------------------------------------------------------


def _str_field(value, name: str, where: str, *, empty_ok=True) -> str:
    if not isinstance(value, str) or (not empty_ok and not value.strip()):
        want = "text" if empty_ok else "non-empty text"
        raise ScenarioError(
            f"{where}{name} must be {want}; got {value!r} ({type(value).__name__}). "
            f'Quote it in TOML: {name} = "...".'
        )
    return value


def _check_range(leaf: _Leaf, rng, where: str, response_unit: str) -> tuple:
    label = f"{leaf.label}.range" if leaf.part == "value" else f"{leaf.label}_range"
    if leaf.part == "median":
        label = f"parameters.{leaf.spec.name}.range"
    lo, hi = leaf.range
    if isinstance(rng, str | bytes) or not hasattr(rng, "__len__") or len(rng) != 2:
        raise ScenarioError(
            f"{where}{label} must be two numbers [low, high]; got {rng!r}. "
            f"Fix: write e.g. range = [{lo:g}, {hi:g}]."
        )
    ends = tuple(
        leaf.check(v, where, response_unit, label=f"{label}[{i}]") for i, v in enumerate(rng)
    )
    if ends[0] > ends[1]:
        raise ScenarioError(
            f"{where}{label} = [{ends[0]:g}, {ends[1]:g}] is inverted: low {ends[0]:g} > "
            f"high {ends[1]:g}. Fix: write [{ends[1]:g}, {ends[0]:g}]."
        )
    return ends


@dataclass(frozen=True)
class Scenario:
    """A named set of validated model parameters with units, plausible ranges, notes and events.

    Build one with :func:`load_scenario` (a file or a bundled name), :meth:`from_toml`,
    :meth:`from_dict`, or directly (``Scenario()`` is the seed scenario's defaults). Every
    constructor validates; :meth:`replace` returns a new, validated scenario (for sweeps).

    Parameters
    ----------
    name : str
        Short identifier (``"iran-2024"``).
    parameters : mapping
        Flat key -> number (see :data:`PARAMETERS`; lognormal thresholds give ``key`` for the
        median and ``key.sigma_log``); keys left out take their spec's default.
    title, description : str
        For reports and displays.
    response_unit : str
        Unit of the response r and of the two thresholds (default ``"leakers"``).
    players : (str, str)
        The retaliating side and its adversary (the rows and columns of :meth:`retaliation_game`).
    ranges, notes, sources : mapping
        Flat key -> plausible (low, high), one-line note, source; completed from the specs.
    events : tuple of Event
        Calibration anchors.
    families : mapping, optional
        Threshold key (``weakness_threshold``, ``israel_tolerance``) -> family of its
        distribution (:data:`deterrence.models.distributions.FAMILIES`; default lognormal),
        fitted to the same median and spread.
    distributions : mapping, optional
        Flat key -> how :func:`deterrence.propagate` draws it (see :meth:`distribution`).
    origin : str
        Where the scenario came from, for error messages (not compared).
    defaulted : frozenset of str, optional
        Keys whose value came from the spec's default (computed when None; not compared).

    Attributes
    ----------
    units : mapping
        Flat key -> unit.
    weakness, tolerance : scipy.stats frozen lognormal distributions
        G and F of the calibrated-response model, from the median and sigma_log.
    war_cost : float
        W = W_I + π_US·W_US (utils).
    leak_probability : float
        q = r_L·(1 − P_k)^s, per launched munition.

    Examples
    --------
    >>> import deterrence as dt
    >>> s = dt.load_scenario("iran-2024")
    >>> s.parameters["p_us_entry"], s.war_cost, round(s.leak_probability, 2)
    (0.5, 10.0, 0.14)
    >>> float(s.tolerance.median())
    20.0
    >>> s.replace(p_us_entry=0.9).war_cost
    13.2
    >>> s.replace(p_us_entry=1.2)
    Traceback (most recent call last):
    ...
    deterrence.errors.ScenarioProbabilityError: bundled scenario 'iran-2024': parameters.p_us_entry must be a probability in [0, 1]; got 1.2. ...
    """

    name: str = "custom"
    parameters: Mapping[str, float] = field(default_factory=dict)
    title: str = ""
    description: str = ""
    response_unit: str = "leakers"
    players: tuple[str, str] = ("Iran", "Israel")
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    families: Mapping[str, str] = field(default_factory=dict)
    distributions: Mapping[str, Any] = field(default_factory=dict)
    origin: str = field(default="", compare=False, repr=False)
    defaulted: frozenset[str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        name = self.name
        where = f"{self.origin or f'scenario {name!r}'}: "
        _str_field(name, "name", where, empty_ok=False)
        for f in ("title", "description"):
            _str_field(getattr(self, f), f, where)
        unit = _str_field(self.response_unit, "response_unit", where, empty_ok=False)
        players = self.players
        if (
            isinstance(players, str)
            or not hasattr(players, "__len__")
            or len(players) != 2
            or not all(isinstance(p, str) and p.strip() for p in players)
            or players[0] == players[1]
        ):
            raise ScenarioError(
                f"{where}players must be two distinct names [retaliating side, adversary]; got "
                f'{players!r}. Fix: players = ["Iran", "Israel"].'
            )
        given = self._mapping(self.parameters, "parameters", where)
        values = {}
        for key, leaf in _LEAVES.items():
            values[key] = leaf.check(given.get(key, leaf.default), where, unit)
        ranges = {}
        given_ranges = self._mapping(self.ranges, "ranges", where)
        for key, leaf in _LEAVES.items():
            rng = given_ranges.get(key)
            ranges[key] = leaf.range if rng is None else _check_range(leaf, rng, where, unit)
        texts = {}
        for attr, fallback in (("notes", _Leaf.note), ("sources", None)):
            supplied = self._mapping(getattr(self, attr), attr, where)
            out = {}
            for key, leaf in _LEAVES.items():
                text = supplied.get(key)
                if text is None:
                    text = fallback(leaf) if fallback else leaf.spec.source
                out[key] = _str_field(text, f"{attr}[{key!r}]", where)
            texts[attr] = out
        families = self._families(where)
        distributions = self._mapping(self.distributions, "distributions", where)
        for key, spec in distributions.items():
            _distribution(spec, ranges[key], values[key], key, where)
        events = tuple(self.events)
        for i, ev in enumerate(events):
            if not isinstance(ev, Event):
                raise ScenarioError(f"{where}events[{i}] must be an Event; got {ev!r}.")
        defaulted = self.defaulted
        if defaulted is None:
            defaulted = frozenset(k for k in _LEAVES if k not in given)
        ro = types.MappingProxyType
        object.__setattr__(self, "players", (players[0], players[1]))
        object.__setattr__(self, "parameters", ro(values))
        object.__setattr__(self, "ranges", ro(ranges))
        object.__setattr__(self, "notes", ro(texts["notes"]))
        object.__setattr__(self, "sources", ro(texts["sources"]))
        object.__setattr__(self, "events", events)
        object.__setattr__(self, "families", ro(families))
        object.__setattr__(self, "distributions", ro(distributions))
        object.__setattr__(self, "defaulted", frozenset(defaulted) & frozenset(_LEAVES))

    def _families(self, where: str) -> dict[str, str]:
        from .models.distributions import FAMILIES

        given = self.families
        if not isinstance(given, Mapping):
            raise ScenarioError(
                f"{where}families must be a mapping of threshold name to family; got "
                f"{type(given).__name__}."
            )
        thresholds = [k for k, spec in PARAMETERS.items() if spec.kind == "lognormal"]
        out = {}
        for key, family in given.items():
            if key not in thresholds:
                raise ScenarioError(
                    f"{where}family is set for {key!r}, which is not a threshold."
                    f"{close_match_hint(str(key), thresholds)} Thresholds: "
                    f"{', '.join(thresholds)}."
                )
            if family not in FAMILIES:
                raise ScenarioError(
                    f"{where}parameters.{key}.family must be one of {', '.join(FAMILIES)}; got "
                    f"{family!r}.{close_match_hint(str(family), FAMILIES)} Fix: family = "
                    '"lognormal" (the default), or leave the line out.'
                )
            out[key] = family
        return out

    def distribution(self, key: str):
        """How :func:`deterrence.propagate` draws parameter `key` inside its plausible range.

        The scenario's ``distribution`` for the key if it gives one; otherwise the default for
        its kind: *uniform* on the range for probabilities, discount factors and any range
        spanning less than a factor of 10; *log-uniform* for a positive magnitude (utils,
        counts, threshold medians, multiples) whose range spans a factor of 10 or more, since
        then its order of magnitude is what is uncertain. Counts are rounded to whole numbers
        after drawing.

        Returns
        -------
        deterrence.models.distributions.ParameterDistribution

        Examples
        --------
        >>> s = Scenario()
        >>> s.distribution("p_us_entry").describe()
        'uniform on [0.2, 0.9]'
        >>> s.distribution("israel_tolerance").describe()
        'loguniform on [5, 100]'
        """
        where = f"{self.origin or f'scenario {self.name!r}'}: "
        key = _canonical_key(key, where)
        spec = self.distributions.get(key)
        return _distribution(spec, self.ranges[key], self.parameters[key], key, where)

    @staticmethod
    def _mapping(value, what: str, where: str) -> dict:
        if not isinstance(value, Mapping):
            raise ScenarioError(
                f"{where}{what} must be a mapping of parameter name to value; got "
                f"{type(value).__name__}."
            )
        at = where if what == "parameters" else f"{where}{what}: "
        return {_canonical_key(k, at): v for k, v in value.items()}

    def __hash__(self):
        return hash((self.name, tuple(self.parameters.items())))

    def __repr__(self) -> str:
        return (
            f"<Scenario {self.name!r}: {len(self.parameters)} parameters, "
            f"{len(self.events)} events>"
        )

    # -- named constructors -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping, *, name: str = "custom", origin: str = "") -> Scenario:
        """Build a scenario from the parsed TOML structure (``[scenario]``, ``[parameters]``,
        ``[[events]]``); `name` is used when ``[scenario]`` gives none.

        Examples
        --------
        >>> s = Scenario.from_dict({"parameters": {"israel_tolerance": {"median": 30}}})
        >>> s.parameters["israel_tolerance"], s.parameters["israel_tolerance.sigma_log"]
        (30.0, 0.7)
        """
        where = f"{origin or 'scenario'}: "
        if not isinstance(data, Mapping):
            raise ScenarioError(f"{where}expected a table; got {type(data).__name__}.")
        tables = ("scenario", "parameters", "events")
        for key in data:
            if key not in tables:
                raise ScenarioError(
                    f"{where}unknown top-level key {key!r}.{close_match_hint(key, tables)} "
                    "A scenario file has the tables [scenario], [parameters] and [[events]]."
                )
        head = data.get("scenario", {})
        if not isinstance(head, Mapping):
            raise ScenarioError(f"{where}[scenario] must be a table; got {head!r}.")
        head_fields = ("name", "title", "description", "response_unit", "players")
        for key in head:
            if key not in head_fields:
                raise ScenarioError(
                    f"{where}unknown key {key!r} in [scenario].{close_match_hint(key, head_fields)}"
                    f" [scenario] takes {', '.join(head_fields)}."
                )
        kwargs = {k: head[k] for k in head_fields if k in head}
        kwargs.setdefault("name", name)
        if "players" in kwargs and isinstance(kwargs["players"], list):
            kwargs["players"] = tuple(kwargs["players"])
        response_unit = _str_field(
            kwargs.get("response_unit", "leakers"), "response_unit", where, empty_ok=False
        )
        values, ranges, notes, sources, families, distributions = _parse_parameters(
            data.get("parameters", {}), where, response_unit
        )
        events = _parse_events(data.get("events", []), where)
        return cls(
            parameters=values,
            ranges=ranges,
            notes=notes,
            sources=sources,
            events=events,
            families=families,
            distributions=distributions,
            origin=origin,
            **kwargs,
        )

    @classmethod
    def from_toml(cls, text: str, *, name: str = "custom", origin: str = "") -> Scenario:
        """Parse TOML text into a scenario (see the module docstring for the format).

        Examples
        --------
        >>> Scenario.from_toml("[parameters]\\nsalvo_size = 200").parameters["salvo_size"]
        200
        >>> Scenario.from_toml("[parameters]\\nsalvo_size = 150 launches")
        Traceback (most recent call last):
        ...
        deterrence.errors.ScenarioError: scenario: invalid TOML: Expected newline or end of document after a statement (at line 2, column 18). ...
        """
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ScenarioError(
                f"{origin or 'scenario'}: invalid TOML: {exc}. Fix the syntax at that line "
                '(text needs quotes: title = "..."; numbers do not; tables are [name]).'
            ) from None
        return cls.from_dict(data, name=name, origin=origin)

    # -- derived quantities -------------------------------------------------------------------

    @property
    def units(self) -> Mapping[str, str]:
        """Flat key -> unit (the thresholds are in :attr:`response_unit`)."""
        return types.MappingProxyType(
            {k: leaf.unit(self.response_unit) for k, leaf in _LEAVES.items()}
        )

    def _threshold(self, key: str):
        from .models.distributions import threshold

        p = self.parameters
        family = self.families.get(key, "lognormal")
        try:
            return threshold(family, p[key], p[f"{key}.sigma_log"])
        except ParameterError as exc:
            raise ScenarioError(f"{self.origin or self.name}: parameters.{key}: {exc}") from None

    @property
    def weakness(self):
        """G: the audiences' weakness threshold θ_w (lognormal unless ``families`` says
        otherwise), a :class:`deterrence.models.distributions.Threshold`."""
        return self._threshold("weakness_threshold")

    @property
    def tolerance(self):
        """F: the adversary's tolerance threshold θ_t (lognormal unless ``families`` says
        otherwise), a :class:`deterrence.models.distributions.Threshold`."""
        return self._threshold("israel_tolerance")

    @property
    def war_cost(self) -> float:
        """W = W_I + π_US·W_US (utils), the cost-of-war cascade."""
        from .models.retaliation import war_cost_cascade

        p = self.parameters
        return war_cost_cascade(p["cost_israeli_escalation"], p["p_us_entry"], p["cost_us_entry"])

    @property
    def leak_probability(self) -> float:
        """q = r_L·(1 − P_k)^s, probability that one launched munition leaks."""
        from .models.defense import leak_probability

        p = self.parameters
        return leak_probability(p["launch_reliability"], p["intercept_prob"], p["shots_per_threat"])

    def outside_range(self) -> dict[str, tuple[float, tuple[float, float]]]:
        """Parameters whose value lies outside its plausible range: key -> (value, (low, high)).

        Such values are allowed (sweeps explore beyond the plausible), but an analyst should see
        them: ``deterrence check`` and the assumptions table report them.

        Examples
        --------
        >>> Scenario().replace(salvo_size=500).outside_range()
        {'salvo_size': (500, (10, 400))}
        """
        out = {}
        for key, value in self.parameters.items():
            lo, hi = self.ranges[key]
            if not lo <= value <= hi:
                out[key] = (value, (lo, hi))
        return out

    # -- new scenarios ------------------------------------------------------------------------

    def replace(self, **changes) -> Scenario:
        """A new scenario with some parameters (or fields) changed, validated again.

        Keys are flat parameter keys (``israel_tolerance`` is the median; pass the spread as
        ``**{"israel_tolerance.sigma_log": 0.5}`` or ``israel_tolerance={"median": 30,
        "sigma_log": 0.5}``) or fields of the scenario (``name``, ``title``, ``events`` ...;
        a mapping given for ``ranges``, ``notes`` or ``sources`` changes only its keys).
        Parameters not named keep this scenario's values (``dataclasses.replace(s,
        parameters=...)``, by contrast, replaces the whole mapping: keys left out revert to the
        spec defaults).

        Examples
        --------
        >>> Scenario().replace(cost_us_entry=12).war_cost      # 6 + 0.5·12
        12.0
        >>> Scenario().replace(p_us_entyr=0.4)
        Traceback (most recent call last):
        ...
        deterrence.errors.ScenarioError: scenario 'custom': unknown parameter 'p_us_entyr'. Did you mean 'p_us_entry'? ...
        """
        where = f"{self.origin or f'scenario {self.name!r}'}: "
        fields = {f.name for f in dataclasses.fields(self)} - {"parameters", "defaulted"}
        params = dict(self.parameters)
        changed = set()
        other = {}
        for key, value in changes.items():
            if key in fields:
                if key in (
                    "ranges",
                    "notes",
                    "sources",
                    "families",
                    "distributions",
                ) and isinstance(value, Mapping):
                    value = {**getattr(self, key), **value}  # change some, keep the rest
                other[key] = value
                continue
            if (
                key in PARAMETERS
                and PARAMETERS[key].kind == "lognormal"
                and isinstance(value, Mapping)
            ):
                for part, v in value.items():
                    if part not in ("median", "sigma_log"):
                        raise ScenarioError(
                            f"{where}{key} takes median and sigma_log; got {part!r}."
                            f"{close_match_hint(part, ('median', 'sigma_log'))}"
                        )
                    k = key if part == "median" else f"{key}.sigma_log"
                    params[k] = v
                    changed.add(k)
                continue
            k = _canonical_key(key, where)
            params[k] = value
            changed.add(k)
        return dataclasses.replace(
            self, parameters=params, defaulted=self.defaulted - changed, **other
        )

    # -- bridges to the models (imported lazily: models sit below scenarios) -------------------

    def retaliation_parameters(self) -> dict[str, float]:
        """The parameters of :func:`deterrence.games.classic.retaliation_game` (utils etc.)."""
        from .games.classic import RETALIATION_DEFAULTS

        return {key: self.parameters[key] for key in RETALIATION_DEFAULTS}

    def retaliation_game(self):
        """The seed dilemma as a 3×3 :class:`~deterrence.game.Game`, with this scenario's
        players (see :func:`deterrence.games.classic.retaliation_game`)."""
        from .games.classic import retaliation_game

        game = retaliation_game(self)
        if game.players != self.players:
            game = game.replace(players=self.players)
        return game

    def crisis_tree(self):
        """The dilemma as a game tree (:func:`deterrence.games.crisis.crisis_tree`).

        Examples
        --------
        >>> import deterrence as dt
        >>> dt.spe(Scenario().crisis_tree()).plan["Iran"]
        'calibrated'
        """
        from .games.crisis import crisis_tree

        return crisis_tree(self)

    def calibrated_response(self):
        """The calibrated response window model with this scenario's G, F, R̄,
        a, W and κ: a :class:`deterrence.models.retaliation.CalibratedResponse`.

        Examples
        --------
        >>> m = Scenario().calibrated_response()
        >>> round(m.optimum(), 2)                 # the seed scenario: r* ~ 5.16 leakers
        5.16
        """
        from .models.retaliation import CalibratedResponse

        p = self.parameters
        return CalibratedResponse(
            self.weakness,
            self.tolerance,
            reputation_stake=p["reputation_stake"],
            audience_cost=p["audience_cost"],
            war_cost=self.war_cost,
            marginal_cost=p["marginal_cost"],
        )

    # -- displays -----------------------------------------------------------------------------

    def to_frame(self):
        """The assumptions table: one row per parameter with value, unit, plausible range,
        whether the value lies inside it, whether it was defaulted, note and source.

        Examples
        --------
        >>> df = Scenario().to_frame()
        >>> df.loc["salvo_size", ["value", "unit", "low", "high"]].tolist()
        [150, 'launches', 10, 400]
        """
        import pandas as pd

        rows = []
        for key, value in self.parameters.items():
            lo, hi = self.ranges[key]
            rows.append(
                {
                    "parameter": key,
                    "symbol": _LEAVES[key].spec.symbol if _LEAVES[key].part != "sigma_log" else "",
                    "value": value,
                    "unit": self.units[key],
                    "low": lo,
                    "high": hi,
                    "in_range": bool(lo <= value <= hi),
                    "defaulted": key in self.defaulted,
                    "note": self.notes[key],
                    "source": self.sources[key],
                }
            )
        frame = pd.DataFrame(rows).set_index("parameter")
        # object columns keep counts as ints (150 launches, not 150.0) in the printed table
        for col in ("value", "low", "high"):
            frame[col] = pd.Series([r[col] for r in rows], index=frame.index, dtype=object)
        return frame

    def _repr_html_(self) -> str:
        e = html.escape
        events = "".join(
            f"<li>{e(ev.date.isoformat())} — {e(ev.name)}"
            + (f": {e(ev.size)}" if ev.size else "")
            + (f" → {e(ev.observed_response)}" if ev.observed_response else "")
            + "</li>"
            for ev in self.events
        )
        return (
            f"<div><h4>{e(self.title or self.name)} <small>({e(self.name)})</small></h4>"
            + (f"<p>{e(self.description)}</p>" if self.description else "")
            + f"<p>Response unit: {e(self.response_unit)}; players: "
            f"{e(self.players[0])} vs {e(self.players[1])}.</p>"
            + self.to_frame().to_html()
            + (f"<p>Calibration events:</p><ul>{events}</ul>" if events else "")
            + "</div>"
        )


def _parse_parameters(table, where: str, response_unit) -> tuple[dict, ...]:
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{where}[parameters] must be a table; got {table!r}.")
    values, ranges, notes, sources, families, distributions = {}, {}, {}, {}, {}, {}
    for name, entry in table.items():
        if name not in PARAMETERS:
            raise ScenarioError(
                f"{where}unknown parameter {name!r} in [parameters]."
                f"{close_match_hint(name, PARAMETERS)} Parameters: {', '.join(PARAMETERS)}."
            )
        spec = PARAMETERS[name]
        lognormal = spec.kind == "lognormal"
        if not isinstance(entry, Mapping):  # short form: the value (the median of a lognormal)
            values[name] = entry
            continue
        fields = ("value", "range", "unit", "note", "source", "distribution")
        if lognormal:
            fields = (
                "median", "sigma_log", "range", "sigma_log_range", "unit", "note", "source",
                "family", "distribution", "sigma_log_distribution",
            )  # fmt: skip
        for key in entry:
            if key not in fields:
                hint = close_match_hint(key, fields)
                if key == "value" and lognormal:
                    hint = " It is a lognormal distribution: give median = ... and sigma_log = ..."
                elif key in ("median", "sigma_log"):
                    hint = " It is a single number: give value = ..."
                raise ScenarioError(
                    f"{where}unknown key {key!r} in [parameters.{name}].{hint} "
                    f"Keys: {', '.join(fields)}."
                )
        if lognormal:
            for part in ("median", "sigma_log"):
                if part in entry:
                    values[name if part == "median" else f"{name}.sigma_log"] = entry[part]
            if "sigma_log_range" in entry:
                ranges[f"{name}.sigma_log"] = entry["sigma_log_range"]
            if "family" in entry:
                families[name] = entry["family"]
            if "sigma_log_distribution" in entry:
                distributions[f"{name}.sigma_log"] = entry["sigma_log_distribution"]
        elif "value" in entry:
            values[name] = entry["value"]
        if "range" in entry:
            ranges[name] = entry["range"]
        if "distribution" in entry:
            distributions[name] = entry["distribution"]
        if "note" in entry:
            notes[name] = entry["note"]
        if "source" in entry:
            sources[name] = entry["source"]
            if lognormal:
                sources[f"{name}.sigma_log"] = entry["source"]
        if "unit" in entry:
            unit = entry["unit"]
            expected = _LEAVES[name].unit(response_unit) if isinstance(response_unit, str) else ""
            if not isinstance(unit, str) or _norm_unit(unit) != _norm_unit(expected):
                fix = (
                    "convert the value, or set response_unit in [scenario] (the thresholds are "
                    "in the response unit)"
                    if lognormal
                    else "convert the value to that unit, or drop the unit line"
                )
                raise ScenarioError(
                    f"{where}parameters.{name}.unit = {unit!r} does not match the unit the model "
                    f"uses for {name}, {expected!r}. Fix: {fix}."
                )
    return values, ranges, notes, sources, families, distributions


_LOG_SPAN = 10.0  # a positive range spanning this factor or more is drawn log-uniformly


def _distribution(spec, rng, value, key: str, where: str):
    """The ParameterDistribution of `key` (its declaration `spec`, or the default by kind)."""
    from .models.distributions import parameter_distribution

    leaf = _LEAVES[key]
    lo, hi = rng
    if spec is None:
        magnitude = leaf.spec.kind not in ("probability", "discount") and leaf.part != "sigma_log"
        log = magnitude and lo > 0 and hi >= _LOG_SPAN * lo
        spec = "loguniform" if log else "uniform"
    elif spec == "triangular":
        spec = {"family": "triangular", "mode": value}
    label = f"parameters.{leaf.spec.name}." + (
        "sigma_log_distribution" if leaf.part == "sigma_log" else "distribution"
    )
    try:
        return parameter_distribution(spec, lo, hi, field=label)
    except ParameterError as exc:
        raise ScenarioError(f"{where}{exc}") from None


def _parse_events(items, where: str) -> tuple[Event, ...]:
    if not isinstance(items, list):
        raise ScenarioError(
            f"{where}events must be an array of tables ([[events]]); got {type(items).__name__}."
        )
    events = []
    for i, item in enumerate(items):
        at = f"{where}events[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(f"{at} must be a table; got {item!r}.")
        for key in item:
            if key not in _EVENT_FIELDS:
                raise ScenarioError(
                    f"{at}: unknown key {key!r}.{close_match_hint(key, _EVENT_FIELDS)} "
                    f"Event keys: {', '.join(_EVENT_FIELDS)}."
                )
        missing = [k for k in ("date", "name") if k not in item]
        if missing:
            raise ScenarioError(f"{at}: missing {' and '.join(missing)}; every event needs both.")
        try:
            events.append(Event(**item))
        except (ScenarioError, ProbabilityError) as exc:
            raise type(exc)(f"{at}: {exc}") from None
    return tuple(events)


# -- loading ------------------------------------------------------------------------------------


def _bundled_dir():
    from importlib import resources

    return resources.files("deterrence").joinpath("scenarios")


def _bundled_names() -> list[str]:
    return sorted(
        p.name[: -len(".toml")] for p in _bundled_dir().iterdir() if p.name.endswith(".toml")
    )


def bundled_scenarios() -> dict[str, str]:
    """The scenarios shipped with the package: name -> title.

    Examples
    --------
    >>> list(bundled_scenarios())
    ['iran-2024', 'tower-22']
    """
    return {name: load_scenario(name).title for name in _bundled_names()}


def load_scenario(path_or_name) -> Scenario:
    """Load and validate a scenario from a TOML file or by the name of a bundled one.

    Parameters
    ----------
    path_or_name : str or os.PathLike or Scenario
        A path to a ``.toml`` file, or a bundled name (``"iran-2024"``, the default scenario,
        or ``"tower-22"``; see :func:`bundled_scenarios`). An existing file wins over a bundled
        name. A Scenario is returned as is.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        No such file or bundled scenario (the message lists the bundled names and the close
        match), unreadable file, invalid TOML (with the line and column), or an invalid value.
    ProbabilityError
        A probability outside [0, 1].

    Examples
    --------
    >>> s = load_scenario("iran-2024")
    >>> s.title
    "Iran's retaliation for the killings of Haniyeh and Shukr (Aug 2024)"
    >>> load_scenario("iran-2025")
    Traceback (most recent call last):
    ...
    deterrence.errors.ScenarioError: no such file or bundled scenario 'iran-2025'. Did you mean 'iran-2024'? ...
    """
    if isinstance(path_or_name, Scenario):
        return path_or_name
    if not isinstance(path_or_name, str | os.PathLike):
        raise TypeError(
            f"load_scenario takes a path or the name of a bundled scenario; got "
            f"{type(path_or_name).__name__}."
        )
    text = os.fspath(path_or_name)
    path = Path(text)
    if path.is_file():
        origin = f"scenario file '{path}'"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ScenarioError(f"{origin}: cannot be read ({exc.strerror}).") from None
        default_name = path.stem
    else:
        names = _bundled_names()
        stem = text[: -len(".toml")] if text.endswith(".toml") else text
        if stem not in names:
            what = "is a directory, not a" if path.is_dir() else "no such file or bundled"
            raise ScenarioError(
                f"{what} scenario {text!r}.{close_match_hint(stem, names)} Bundled: "
                f"{', '.join(names)}. Give the path of a .toml file or one of these names "
                "(`deterrence scenarios` lists them)."
            )
        origin = f"bundled scenario '{stem}'"
        raw = _bundled_dir().joinpath(f"{stem}.toml").read_bytes()
        default_name = stem
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            f"{origin}: not UTF-8 text (byte {exc.start}); save the file as UTF-8."
        ) from None
    return Scenario.from_toml(source, name=default_name, origin=origin)


def parameters_table() -> str:
    """The parameters as a Markdown table (key, meaning, constraint, unit, default, plausible
    range, source), derived from :data:`PARAMETERS` for the docs and the CLI.

    Examples
    --------
    >>> parameters_table().splitlines()[0]
    '| key | symbol | meaning | constraint | unit | default | plausible | source |'
    """
    lines = [
        "| key | symbol | meaning | constraint | unit | default | plausible | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in PARAMETERS.values():
        if s.kind == "lognormal":
            default = f"median {s.default[0]:g}, sigma_log {s.default[1]:g}"
        else:
            default = f"{s.default:g}"
        lines.append(
            f"| `{s.name}` | {s.symbol} | {s.doc} | {s.constraint} | {s.unit} | {default} | "
            f"{s.range[0]:g}–{s.range[1]:g} | {s.source} |"
        )
    return "\n".join(lines)


__doc__ += "\nParameters (generated from :data:`PARAMETERS`)\n\n" + parameters_table() + "\n"
