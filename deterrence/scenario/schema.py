"""The scenario schema: every parameter declared once, by role.

A crisis has roles, not names: the **challenger** (the side choosing how to respond to a
provocation), the **defender** (who may absorb the response, reply in kind or escalate), an
optional **patron** (a third party that may enter on the defender's side) and optional
**proxies** (armed groups sponsored by the challenger or the defender, acting partly on their
own). Parameter keys are named by role (``defender_tolerance``, ``p_patron_entry``), never after
the players of one crisis.

Each parameter is one :class:`ParamSpec` in :data:`PARAMETERS`: its hard constraint (kind), unit,
default, plausible range, meaning, source, the models that use it and the role it needs. The
loader's check and error messages, the assumptions table, ``deterrence params``, ``deterrence
init``, the CLI help, the sweep units and the widgets' sliders are all derived from it.

Plausible ranges. A key the scenario leaves out takes the default value *and* the default range
below (both marked ``defaulted``). A key the scenario gives without a ``range`` does **not**
inherit the default range (which belongs to the default value): it gets the documented default
spread :func:`default_spread` around its own value — halfway to a bounded end (0 or 1 for a
probability) and a factor 2 either way for an unbounded magnitude — and the scenario records
that in :attr:`~deterrence.scenario.Scenario.range_origin` (``"spread"``) so the memo can say
which ranges are spreads rather than judgments.

Deprecated keys. The first scenario's names (``israel_tolerance``, ``p_us_entry`` ...) still load,
as aliases of the role names, with a :class:`~deterrence.errors.DeprecatedKeyWarning` naming the
new key (:data:`ALIASES`); keys that no model uses any more (``damage_per_leaker``,
``defender_credibility``, ``discount_factor``) load with a warning and are ignored
(:data:`RETIRED`).
"""

from __future__ import annotations

import math
import numbers
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _check
from ..errors import (
    ParameterError,
    ProbabilityError,
    ScenarioError,
    ScenarioProbabilityError,
)

__all__ = [
    "ROLES",
    "MODELS",
    "ParamSpec",
    "PARAMETERS",
    "ALIASES",
    "RETIRED",
    "PARAMETER_FIELDS",
    "default_spread",
    "parameters_table",
    "parameter_records",
]

#: The roles of a crisis, declared in ``[scenario]``: role -> meaning.
ROLES = types.MappingProxyType(
    {
        "challenger": "the side choosing how to respond to a provocation (rows of the game)",
        "defender": "the side that may absorb the response, reply in kind or escalate",
        "patron": "optional: a third party that may enter on the defender's side",
        "proxies": "optional: armed groups sponsored by one side (proxy_sponsor), partly autonomous",
    }
)

#: The models a parameter can feed: id -> name (``deterrence params`` prints the names).
MODELS = types.MappingProxyType(
    {
        "window": "calibrated response window (r*, the window's floor and ceiling)",
        "tree": "crisis tree (the challenger's class against the defender's private tolerance)",
        "game": "exchange tree and its normal form (retaliation_game)",
        "salvo": "salvo and defence (leakers, P(at least k), saturation)",
        "proxies": "proxy risk (unsanctioned attacks attributed to their sponsor)",
    }
)


# -- kinds: the hard constraint of each family of parameters ----------------------------------


@dataclass(frozen=True)
class _Kind:
    words: str  # the constraint in words, for messages and docs
    low: float
    high: float
    closed: tuple[bool, bool]
    integer: bool
    fix: str
    invalid: tuple  # numbers that break the constraint: the bad inputs tests derive
    probability: bool = False


_INF = math.inf
#: Largest spread of a lognormal threshold: one standard deviation multiplies it by e^3 ≈ 20;
#: beyond that the distribution says nothing and its tails overflow the models.
SIGMA_LOG_MAX = 3.0
_KINDS: dict[str, _Kind] = {
    "probability": _Kind(
        words="a probability in [0, 1]",
        low=0.0, high=1.0, closed=(True, True), integer=False,
        fix="give a fraction (0.5), not a percentage (50)",
        invalid=(-0.1, 1.2, 50), probability=True,
    ),
    # the window's two risk levels: 0 or 1 puts an edge at infinity (nothing is ever safe enough)
    "open_probability": _Kind(
        words="a probability strictly between 0 and 1",
        low=0.0, high=1.0, closed=(False, False), integer=False,
        fix="give a fraction strictly between 0 and 1 (e.g. 0.05), not a percentage: at 0 or 1 "
        "an edge of the window lies at infinity",
        invalid=(0.0, 1.0, 1.2, 50), probability=True,
    ),
    # launch reliability 0 or a certain kill would leave the salvo without a single leaker
    "reliability": _Kind(
        words="a probability in (0, 1]",
        low=0.0, high=1.0, closed=(False, True), integer=False,
        fix="give a fraction above 0, not a percentage (at 0 nothing reaches the target and "
        "there is no response to size)",
        invalid=(0.0, -0.1, 1.2, 50), probability=True,
    ),
    "kill_probability": _Kind(
        words="a probability in [0, 1)",
        low=0.0, high=1.0, closed=(True, False), integer=False,
        fix="give a fraction below 1, not a percentage (at 1 every munition is intercepted and "
        "there is no response to size)",
        invalid=(1.0, -0.1, 1.2, 50), probability=True,
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
        fix="give median > 0 (in the response unit) and sigma_log in (0, 3] (sd of the log)",
        invalid=(0.0, -3.0),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class ParamSpec:
    """Declaration of one scenario parameter: the single source of its check, message and docs.

    Parameters
    ----------
    name : str
        Key in the scenario file and in :attr:`Scenario.parameters`, named by role.
    kind : str
        The hard constraint: ``"probability"`` [0, 1], ``"open_probability"`` (0, 1),
        ``"reliability"`` (0, 1], ``"kill_probability"`` [0, 1), ``"utils"`` and
        ``"nonnegative"`` >= 0, ``"multiple"`` > 1, ``"count"`` whole >= 0,
        ``"positive_count"`` whole >= 1, ``"lognormal"`` (median > 0, sigma_log > 0).
    unit : str
        Unit of the value (for a lognormal threshold: of the median, i.e. the response unit).
    default : float, int or (median, sigma_log)
        Value used when a scenario leaves the key out (illustrative, not an estimate).
    range : (float, float)
        Plausible range of the default value (of the median, for a lognormal).
    doc : str
        One-line meaning, by role.
    source : str
        Where the default and range come from.
    symbol : str
        The symbol used in the models' docstrings (e.g. ``"π_P"``).
    models : tuple of str
        Ids of :data:`MODELS` that use the parameter.
    role : str, optional
        ``"patron"`` or ``"proxies"``: the parameter needs that role; a scenario without the
        role fixes it at 0 and refuses a value for it.
    sigma_log_range : (float, float), optional
        Plausible range of sigma_log (lognormal kinds only).

    Examples
    --------
    >>> print(PARAMETERS["p_patron_entry"].describe())
    p_patron_entry (π_P): P(the patron enters, given that the defender escalates). A probability in [0, 1] (probability); plausible 0.2–0.9; default 0.5. Used by: window, tree, game. Needs a patron. Source: illustrative default.
    """

    name: str
    kind: str
    unit: str
    default: Any
    range: tuple[float, float]
    doc: str
    source: str
    symbol: str = ""
    models: tuple[str, ...] = ()
    role: str | None = None
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
        if not self.models or any(m not in MODELS for m in self.models):
            raise ValueError(f"ParamSpec {self.name}: models {self.models} not in MODELS")
        if self.role not in (None, "patron", "proxies"):
            raise ValueError(f"ParamSpec {self.name}: unknown role {self.role!r}")

    @property
    def constraint(self) -> str:
        """The hard constraint in words."""
        return _KINDS[self.kind].words

    def describe(self) -> str:
        """One paragraph for the CLI help and the docs."""
        sym = f" ({self.symbol})" if self.symbol else ""
        lo, hi = self.range
        if self.kind == "lognormal":
            median, sigma = self.default
            s_lo, s_hi = self.sigma_log_range
            values = (
                f"median plausible {lo:g}–{hi:g} (response unit), default {median:g}; "
                f"sigma_log plausible {s_lo:g}–{s_hi:g}, default {sigma:g}"
            )
        else:
            values = f"plausible {lo:g}–{hi:g}; default {self.default:g}"
        c = self.constraint
        role = {None: "", "patron": " Needs a patron.", "proxies": " Needs proxies."}[self.role]
        return (
            f"{self.name}{sym}: {self.doc}. {c[0].upper()}{c[1:]} ({self.unit}); {values}. "
            f"Used by: {', '.join(self.models)}.{role} Source: {self.source}."
        )

    def invalid_values(self) -> tuple[tuple[Any, type[Exception]], ...]:
        """Values that must be rejected, with the exception each raises (for tests).

        Examples
        --------
        >>> [(v, e.__name__) for v, e in PARAMETERS["shots_per_threat"].invalid_values()]
        [(0, 'ScenarioError'), (1.5, 'ScenarioError'), ('1', 'ScenarioError'), (True, 'ScenarioError')]
        """
        kind = _KINDS[self.kind]
        numeric_error = ScenarioProbabilityError if kind.probability else ScenarioError
        default = self.default[0] if self.kind == "lognormal" else self.default
        bad = tuple((v, numeric_error) for v in kind.invalid)
        return bad + ((str(default), ScenarioError), (True, ScenarioError))


_ILLUSTRATIVE = "illustrative default"
_GAME = "illustrative default (exchange tree)"
_SIGMA_RANGE = (0.3, 1.2)


def _spec(name, kind, unit, default, lo, hi, doc, *, models, source=_ILLUSTRATIVE, **kw):
    return ParamSpec(name, kind, unit, default, (lo, hi), doc, source, models=models, **kw)


_SPECS = (
    # -- the challenger's stakes --------------------------------------------------------------
    _spec("reputation_stake", "utils", "utils", 1.0, 0.5, 3.0,
          "the challenger's value of not appearing weak (deterrence restored)",
          symbol="R̄", models=("window", "tree", "game")),
    _spec("audience_cost", "utils", "utils", 1.0, 0.0, 3.0,
          "the challenger's cost of no or insufficient response after a public vow",
          source="illustrative default; Fearon 1994 (audience costs)", symbol="a",
          models=("window", "tree", "game")),
    _spec("marginal_cost", "nonnegative", "utils per unit of response", 0.002, 0.0, 0.01,
          "the challenger's cost per unit of response (munitions, exposure)", symbol="κ",
          models=("window", "tree")),
    # -- the two unknown thresholds -----------------------------------------------------------
    _spec("weakness_threshold", "lognormal", "response unit", (3.0, 0.6), 1.0, 10.0,
          "response judged strong enough by 50% of the challenger's audiences (median of G)",
          symbol="θ_w ~ G", models=("window", "tree"), sigma_log_range=_SIGMA_RANGE),
    _spec("defender_tolerance", "lognormal", "response unit", (20.0, 0.7), 5.0, 100.0,
          "response size above which the defender escalates (median of F): the defender's "
          "private type", symbol="θ_t ~ F", models=("window", "tree"),
          sigma_log_range=_SIGMA_RANGE),
    # -- the cost of war to the challenger: W = W_D + π_P·W_P -----------------------------------
    _spec("cost_of_escalation", "utils", "utils", 6.0, 2.0, 20.0,
          "the challenger's loss if the defender escalates", symbol="W_D",
          models=("window", "tree", "game")),
    _spec("p_patron_entry", "probability", "probability", 0.5, 0.2, 0.9,
          "P(the patron enters, given that the defender escalates)", symbol="π_P",
          models=("window", "tree", "game"), role="patron"),
    _spec("cost_patron_entry", "utils", "utils", 8.0, 5.0, 30.0,
          "the challenger's additional loss if the patron enters", symbol="W_P",
          models=("window", "tree", "game"), role="patron"),
    # -- the defender's payoffs -----------------------------------------------------------------
    _spec("defender_deterrence_loss", "nonnegative", "utils per unit of strike size", 1.0, 0.5,
          3.0, "the defender's loss of deterrence per unit of an unanswered strike's size",
          source=_GAME, symbol="f", models=("game", "tree")),
    _spec("defender_reply_cost", "utils", "utils", 0.25, 0.1, 1.0,
          "the defender's cost of replying in kind", source=_GAME, symbol="c",
          models=("game", "tree")),
    _spec("defender_war_cost", "utils", "utils", 1.5, 0.5, 5.0,
          "the defender's cost of escalating to war", source=_GAME, symbol="C_E",
          models=("game",)),
    _spec("defender_patron_value", "utils", "utils", 0.0, 0.0, 2.0,
          "the defender's value of the patron's entry into a war it started (0: it does not "
          "count on the patron)", source=_GAME, symbol="V_P", models=("game", "tree"),
          role="patron"),
    # -- the response classes of the exchange -------------------------------------------------
    _spec("calibrated_share", "probability", "fraction of R̄", 0.5, 0.2, 0.8,
          "share of the reputation stake a calibrated strike earns", source=_GAME,
          symbol="s", models=("game",)),
    _spec("major_size", "multiple", "× calibrated strike", 3.0, 2.0, 10.0,
          "size of a major strike relative to a calibrated one (size 1)", source=_GAME,
          symbol="ℓ_major", models=("game", "tree")),
    _spec("proportional_damage", "nonnegative", "utils per unit of strike size", 0.4, 0.1, 1.0,
          "the challenger's loss per unit of its strike's size when the defender replies in "
          "kind", source=_GAME, symbol="d", models=("game", "tree")),
    # -- the salvo and the defence ------------------------------------------------------------
    _spec("salvo_size", "positive_count", "launches", 150, 10, 400,
          "munitions the challenger launches in its major strike", symbol="n",
          models=("salvo", "tree")),
    _spec("launch_reliability", "reliability", "probability", 0.7, 0.5, 0.95,
          "fraction launched that fly to target", source="illustrative default; Wilkening 2000",
          symbol="r_L", models=("salvo", "tree")),
    _spec("intercept_prob", "kill_probability", "probability", 0.8, 0.6, 0.95,
          "single-shot kill probability of the defender's interceptors",
          source="illustrative default; Wilkening 2000", symbol="P_k",
          models=("salvo", "tree")),
    _spec("shots_per_threat", "positive_count", "interceptors per threat", 1, 1, 2,
          "interceptors fired at each threat (doctrine: 2 = shoot-shoot)",
          source="illustrative default; Wilkening 2000", symbol="s",
          models=("salvo", "tree")),
    _spec("interceptor_inventory", "count", "interceptors", 200, 50, 1000,
          "interceptors the defender has for this raid", symbol="N_I", models=("salvo",)),
    # -- proxies ------------------------------------------------------------------------------
    _spec("proxy_autonomy", "probability", "probability per period", 0.2, 0.0, 0.5,
          "P(an unsanctioned proxy attack per period)",
          source="illustrative default; Salehyan 2010", symbol="α",
          models=("proxies", "tree"), role="proxies"),
    _spec("attribution", "probability", "probability", 0.6, 0.3, 0.95,
          "P(a proxy attack is attributed to the proxies' sponsor)",
          source="illustrative default; Baliga, Bueno de Mesquita & Wolitzky 2020", symbol="β",
          models=("proxies", "tree"), role="proxies"),
    # -- the calibrated window ----------------------------------------------------------------
    _spec("acceptable_risk", "open_probability", "probability", 0.05, 0.01, 0.2,
          "tolerable P(escalation): the ceiling of the calibrated window", symbol="ρ",
          models=("window",)),
    _spec("alpha_weak", "open_probability", "probability", 0.1, 0.05, 0.3,
          "acceptable P(seen as weak): the floor of the calibrated window", symbol="α_w",
          models=("window",)),
)  # fmt: skip

#: Every scenario parameter by name: the single source of checks, messages, docs and CLI help.
PARAMETERS: Mapping[str, ParamSpec] = types.MappingProxyType({s.name: s for s in _SPECS})

#: Deprecated names of the first scenario -> the role names (load with a warning).
ALIASES: Mapping[str, str] = types.MappingProxyType(
    {
        "israel_tolerance": "defender_tolerance",
        "cost_israeli_escalation": "cost_of_escalation",
        "p_us_entry": "p_patron_entry",
        "cost_us_entry": "cost_patron_entry",
        "israel_war_cost": "defender_war_cost",
        "israel_deterrence_loss": "defender_deterrence_loss",
        "israel_reply_cost": "defender_reply_cost",
    }
)

#: Keys no model uses any more -> why (they load with a warning and are ignored).
RETIRED: Mapping[str, str] = types.MappingProxyType(
    {
        "damage_per_leaker": "the damage of a strike is sunk for the defender's choice; no model "
        "used it",
        "defender_credibility": "the defender's resolve is now its private tolerance "
        "(defender_tolerance), from which the crisis tree derives P(escalation)",
        "discount_factor": "no reported model used it; the repeated-game functions take delta "
        "as an argument",
    }
)

#: Fields of a ``[parameters.KEY]`` table (thresholds: median/sigma_log instead of value, and
#: the family of the threshold's distribution). ``distribution`` says how the uncertainty
#: analysis draws the parameter (``Scenario.distribution``).
PARAMETER_FIELDS = ("value", "range", "unit", "note", "source", "distribution")
LOGNORMAL_FIELDS = (
    "median",
    "sigma_log",
    "range",
    "sigma_log_range",
    "unit",
    "note",
    "source",
    "family",
    "distribution",
    "sigma_log_distribution",
)


# -- leaves: the flat keys of Scenario.parameters ------------------------------------------------


@dataclass(frozen=True)
class _Leaf:
    key: str  # flat key: "p_patron_entry", "defender_tolerance", "defender_tolerance.sigma_log"
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
        try:
            if kind.integer:
                return _check.count(value, label, minimum=int(kind.low))
            low, high, closed = kind.low, kind.high, kind.closed
            if self.part != "value":  # median and sigma_log of a lognormal: > 0
                low, closed = 0.0, (False, False)
            if self.part == "sigma_log":  # beyond it the threshold is unknown to a factor e^3
                high, closed = SIGMA_LOG_MAX, (False, True)
            if self.spec.kind == "probability":
                return float(_check.probability(value, label))
            if kind.probability:
                v = float(value)
                if not (
                    math.isfinite(v)
                    and (low <= v if closed[0] else low < v)
                    and (v <= high if closed[1] else v < high)
                ):
                    raise ProbabilityError(
                        f"{label} must be {kind.words}; got {value!r}. Fix: {kind.fix}."
                    )
                return v
            return float(_check.in_range(value, label, low, high, closed=closed, unit=unit))
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


def default_spread(key: str, value) -> tuple[float, float]:
    """The plausible range given to a value a scenario states without one.

    The default range of a parameter belongs to its default value; a scenario's own value gets
    a spread around itself instead: halfway to the bound for a bounded end (0 and 1 for a
    probability; 1 for a major strike's multiple), half the value below and twice it above for
    an unbounded magnitude. Counts round outward to whole numbers. A value of 0 for an
    unbounded magnitude spreads to [0, default] (no spread around 0 exists).

    Examples
    --------
    >>> default_spread("p_patron_entry", 0.4)
    (0.2, 0.7)
    >>> default_spread("cost_of_escalation", 5.0)
    (2.5, 10.0)
    >>> default_spread("salvo_size", 125)
    (62, 250)
    >>> default_spread("major_size", 3.0)
    (2.0, 5.0)
    """
    leaf = _LEAVES[key]
    kind = leaf.kind
    v = float(value)
    if leaf.part == "value" and leaf.spec.kind == "multiple":
        return (1.0 + (v - 1.0) / 2, 1.0 + 2.0 * (v - 1.0))
    if kind.probability:
        return (v / 2, v + (1.0 - v) / 2)
    lo, hi = v / 2, 2 * v
    if v == 0:
        hi = float(leaf.default)
    if kind.integer:
        return (max(int(kind.low), math.floor(lo)), max(math.ceil(hi), int(kind.low)))
    return (lo, hi)


def _fmt_default(s: ParamSpec) -> str:
    if s.kind == "lognormal":
        return f"median {s.default[0]:g}, sigma_log {s.default[1]:g}"
    return f"{s.default:g}"


def parameters_table() -> str:
    """The parameters as a Markdown table, derived from :data:`PARAMETERS` for docs and CLI.

    Examples
    --------
    >>> parameters_table().splitlines()[0]
    '| key | symbol | meaning | constraint | unit | default | plausible | models | source |'
    """
    lines = [
        "| key | symbol | meaning | constraint | unit | default | plausible | models | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in PARAMETERS.values():
        lines.append(
            f"| `{s.name}` | {s.symbol} | {s.doc} | {s.constraint} | {s.unit} | "
            f"{_fmt_default(s)} | {s.range[0]:g}–{s.range[1]:g} | {', '.join(s.models)} | "
            f"{s.source} |"
        )
    return "\n".join(lines)


def parameter_records() -> list[dict]:
    """One plain record per parameter (for ``deterrence params --json``).

    Examples
    --------
    >>> r = parameter_records()[0]
    >>> r["key"], r["default"], r["range"], r["models"]
    ('reputation_stake', 1.0, [0.5, 3.0], ['window', 'tree', 'game'])
    """
    out = []
    for s in PARAMETERS.values():
        rec = {
            "key": s.name,
            "symbol": s.symbol,
            "meaning": s.doc,
            "constraint": s.constraint,
            "unit": s.unit,
            "default": list(s.default) if s.kind == "lognormal" else s.default,
            "range": list(s.range),
            "models": list(s.models),
            "role": s.role,
            "source": s.source,
            "deprecated_aliases": sorted(k for k, v in ALIASES.items() if v == s.name),
        }
        if s.kind == "lognormal":
            rec["sigma_log_range"] = list(s.sigma_log_range)
        out.append(rec)
    return out


__doc__ += "\nParameters (generated from :data:`PARAMETERS`)\n\n" + parameters_table() + "\n"
