"""The policy memo: a scenario in, a short analyst's memo with charts out.

:func:`report` runs the models of the toolkit on one scenario and writes three things into an
output directory: ``memo.md`` (Markdown), ``memo.html`` (one self-contained file: the style sheet
inline and every chart embedded as a base64 PNG, so it can be mailed or opened offline) and the
charts themselves in ``figures/*.png``. The memo follows analysts' conventions (MODELS.md §4.2):

* a bottom line up front;
* key judgments in the likelihood words of ICD 203 with the number beside each word
  (:func:`likelihood_phrase`);
* the recommended response r* and the calibrated window, in the response unit (leakers) and in
  launches (MODELS.md §2.8–2.9);
* the equilibria of the retaliation game (the normal form of the exchange tree) (:func:`deterrence.games.retaliation_game`, every
  extreme equilibrium, verified) and the crisis tree's subgame-perfect plan
  (:mod:`deterrence.games.crisis`);
* "what would have to be true": inverse solves by root finding (``scipy.optimize.brentq`` on
  ``scenario.replace(...)``), e.g. the tolerance median at which the scenario's salvo keeps
  P(escalation) at the acceptable risk;
* an assumptions table in the manner of Assumption-Based Planning (Dewar et al. 1993, RAND
  MR-114): each parameter is moved to both ends of its plausible range and flagged
  *load-bearing* when a conclusion changes inside the range; the root-found parameter value at
  which it changes is the signpost to watch;
* proxy and attribution risk (MODELS.md §2.7), the scenario's backtest events (§5.2), and the
  charts: calibrated window (leakers and launches), phase diagram, saturation, tornado, proxies.

Every number in the memo is computed here from the models; the text only chooses words around
them (:func:`analyse` returns the numbers as :class:`Findings`).

Files are written atomically (a temporary file in the same directory, then ``os.replace``), an
existing memo is never overwritten without ``force=True``, and the output directory is created
when missing.

Sources: MODELS.md §2.7–2.9, §4.2, §5; ICD 203 *Analytic Standards* (ODNI, 2015), the table of
expressions of likelihood.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import html
import io
import math
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from ._check import probability
from .errors import OutputExistsError, ParameterError, ScenarioError

__all__ = [
    "report",
    "Report",
    "analyse",
    "Findings",
    "parameter_thresholds",
    "Signpost",
    "scenario_summary",
    "likelihood_phrase",
    "LIKELIHOOD_TERMS",
    "write_atomic",
]

#: ICD 203 expressions of likelihood, with the probability range of each (ODNI 2015, p. 3).
LIKELIHOOD_TERMS = (
    ("almost no chance", 0.01, 0.05),
    ("very unlikely", 0.05, 0.20),
    ("unlikely", 0.20, 0.45),
    ("roughly even chance", 0.45, 0.55),
    ("likely", 0.55, 0.80),
    ("very likely", 0.80, 0.95),
    ("almost certain", 0.95, 0.99),
)

#: Files of a memo; an existing one is never overwritten without force=True.
MEMO_FILES = ("memo.md", "memo.html")
FIGURE_DPI = 100
#: Periods over which the proxy risk accumulates in the memo (a year of monthly periods).
PROXY_PERIODS = 12
#: Tolerance of every root found for the memo (DESIGN.md §5).
XTOL = 1e-10
#: Longest chart in launch units: the models evaluate every salvo size up to it, which takes
#: minutes beyond ~10⁴ launches (thresholds of thousands of leakers); the tables keep the numbers.
LAUNCH_CHART_MAX = 5000
#: Grid points per parameter range of :func:`parameter_thresholds` (each bracket then root-found).
THRESHOLD_GRID = 21


# -- words and numbers -----------------------------------------------------------------------


def likelihood_phrase(p) -> str:
    """The ICD 203 expression of likelihood for a probability.

    Ranges (ICD 203): almost no chance 1–5%, very unlikely 5–20%, unlikely 20–45%, roughly even
    chance 45–55%, likely 55–80%, very likely 80–95%, almost certain 95–99%. The two extreme
    terms also cover the ends, [0, 1%) and (99%, 100%]. The published ranges share their end
    points; here a probability exactly on a boundary takes the term nearer to even chance (5% is
    "very unlikely", 45% and 55% "roughly even chance", 95% "very likely"), so a boundary case
    never sounds more certain than the number.

    Parameters
    ----------
    p : float
        A probability in [0, 1].

    Returns
    -------
    str

    Raises
    ------
    ProbabilityError
        `p` outside [0, 1] (a percentage such as 52 instead of 0.52, say).

    Examples
    --------
    >>> likelihood_phrase(0.026), likelihood_phrase(0.05), likelihood_phrase(0.52)
    ('almost no chance', 'very unlikely', 'roughly even chance')
    >>> likelihood_phrase(0.55), likelihood_phrase(0.551), likelihood_phrase(0.999)
    ('roughly even chance', 'likely', 'almost certain')
    """
    value = probability(p, "p")
    if np.ndim(value) != 0:
        raise ParameterError(f"p must be one probability; got an array of shape {np.shape(p)}.")
    value = float(value)
    below = value <= 0.5
    # from the extreme term towards even chance; a value on a boundary falls through to the
    # next term, the one nearer to even chance
    outer = LIKELIHOOD_TERMS[:3] if below else LIKELIHOOD_TERMS[:3:-1]
    for term, low, high in outer:
        if (value < high) if below else (value > low):
            return term
    return "roughly even chance"


def _pct(p: float) -> str:
    """A probability as a percentage with the digits a memo needs (2.6%, 52%, 99.5%)."""
    x = 100.0 * float(p)
    if x == 0.0:
        return "0%"
    if x < 0.1:
        return "<0.1%"
    if x > 99.9 and x < 100.0:
        return ">99.9%"
    if x < 10.0 or x > 90.0:
        return f"{x:.1f}".removesuffix(".0") + "%"
    return f"{x:.0f}%"


def _judge(p: float) -> str:
    """'likely (62%)': the ICD 203 term with the number beside it."""
    return f"{likelihood_phrase(p)} ({_pct(p)})"


def _chance(p: float, event: str) -> str:
    """The likelihood of an event named by a noun phrase, as a clause: 'there is almost no chance
    (2.6%) of <event>', '<event> is likely (62%)' (ICD 203 words, the number beside them)."""
    term = likelihood_phrase(p)
    if term.endswith("chance"):
        article = "a " if term.startswith("roughly") else ""
        return f"there is {article}{term} ({_pct(p)}) of {event}"
    return f"{event} is {term} ({_pct(p)})"


def _num(x, digits: int = 3) -> str:
    """A number for prose and tables: whole numbers as such, others to `digits` significant
    digits without exponent notation (5.16, 96.4, 0.14, 1,250)."""
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    text = f"{x:.{digits}g}"
    if "e" in text:
        text = f"{x:.{digits + 3}f}".rstrip("0").rstrip(".")
    return text


def _range(lo, hi) -> str:
    return f"{_num(lo)}–{_num(hi)}"


def _u(unit: str) -> str:
    """' leakers' after a number; nothing for probabilities."""
    return "" if unit == "probability" else f" {unit}"


# -- atomic files ----------------------------------------------------------------------------


def write_atomic(path, data, *, overwrite: bool = True) -> Path:
    """Write `data` (str as UTF-8, or bytes) to `path` atomically.

    The data go to a temporary file in the same directory, which is then renamed over `path`
    (``os.replace``): a reader sees the old file or the new one, never half of one, and a
    failure leaves no temporary file behind.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write; its directory must exist.
    data : str or bytes
    overwrite : bool, keyword-only, default True
        When False, an existing `path` raises OutputExistsError (a FileExistsError).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(d / "a.txt", "hello").read_text()
    'hello'
    >>> sorted(p.name for p in d.iterdir())
    ['a.txt']
    """
    path = Path(path)
    if not overwrite and path.exists():
        raise OutputExistsError(
            f"{path} already exists; pass --force (force=True in Python) to overwrite it, or "
            "choose another file name."
        )
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    # os.open with mode 0o666 lets the umask decide the permissions, as for an ordinary file
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if tmp.exists():
            tmp.unlink()
        raise
    return path


# -- the numbers -----------------------------------------------------------------------------


def _load(scenario):
    from .scenario import load_scenario

    return load_scenario(scenario)


def _edges(model, params) -> tuple[float, float]:
    """(floor, ceiling) of the calibrated window, also when it is empty (floor > ceiling):
    the formula of ``CalibratedResponse.window``, [max(0, G⁻¹(1 − α_w)), F⁻¹(ρ)]."""
    floor = max(0.0, float(model.weakness.isf(params["alpha_weak"])))
    ceiling = float(model.tolerance.ppf(params["acceptable_risk"]))
    return floor, ceiling


def _class_values(scenario) -> dict[str, float] | None:
    """The retaliating side's expected payoff of each response class in the crisis tree, the
    adversary playing its subgame-perfect replies; None when the salvo delivers no leakers."""
    from .games.crisis import RESPONSE_CLASSES, crisis_tree

    try:
        tree = crisis_tree(scenario)
    except ParameterError:  # no leakers: no response classes to compare
        return None
    spe = tree.spe()
    iran = scenario.players[0]
    values = {}
    for c in RESPONSE_CLASSES:
        plan = dict(spe.plan)
        plan[iran] = c
        values[c] = tree.expected_payoffs(plan)[0]
    values["_choice"] = spe.plan[iran]
    return values


# The memo's conclusions. Each is a margin, >= 0 when the conclusion holds; a parameter is
# load-bearing when a margin changes sign inside its plausible range. Each margin is computed by
# one function, used both on the scan points and inside the root finding.


def _margin_window(s, model=None) -> float:
    floor, ceiling = _edges(model or s.calibrated_response(), s.parameters)
    return ceiling - floor


def _margin_r_star(s, model=None, r_star=None) -> float:
    model = model or s.calibrated_response()
    r = model.optimum() if r_star is None else r_star
    floor, ceiling = _edges(model, s.parameters)
    return min(r - floor, ceiling - r)


def _p_escalation_salvo(s, model=None) -> float:
    model = model or s.calibrated_response()
    return float(model.p_escalation_launches(s.parameters["salvo_size"], s.leak_probability))


def _margin_salvo(s, model=None) -> float:
    return s.parameters["acceptable_risk"] - _p_escalation_salvo(s, model)


_CONCLUSIONS = {
    "window": (_margin_window, "window open", "window empty"),
    "r_star": (_margin_r_star, "r* inside the window", "r* outside the window"),
    "salvo": (
        _margin_salvo,
        "salvo within the acceptable risk",
        "salvo beyond the acceptable risk",
    ),
}


def scenario_summary(scenario) -> dict[str, Any]:
    """The memo's headline quantities for one scenario (for sweeps and the assumptions table).

    Returns
    -------
    dict
        ``r_star`` (response unit), ``window_floor``, ``window_ceiling`` (the edges of
        ``CalibratedResponse.window``, kept when the window is empty), ``window_open``,
        ``r_star_in_window``, ``p_escalation_salvo`` and ``p_weak_salvo`` (the scenario's salvo,
        L ~ Binomial(n, q) leakers), ``salvo_within_risk`` (P(escalation) <= acceptable_risk)
        and ``tree_choice`` (the crisis tree's subgame-perfect response class, "n/a" when the
        salvo delivers no leakers).

    Examples
    --------
    >>> import deterrence as dt
    >>> s = scenario_summary(dt.load_scenario("iran-2024"))
    >>> round(s["r_star"], 2), s["window_open"], round(s["p_escalation_salvo"], 4), s["tree_choice"]
    (5.16, False, 0.5157, 'calibrated')
    """
    return _summary(_load(scenario))


def _model_key(model) -> tuple:
    """Everything a CalibratedResponse is made of, hashable: frozen scipy distributions by their
    family and parameters (two equal keys give the same optimum)."""
    parts = []
    for fld in dataclasses.fields(model):
        v = getattr(model, fld.name)
        if hasattr(v, "dist") and hasattr(v, "kwds"):
            v = (v.dist.name, tuple(v.args), tuple(sorted(v.kwds.items())))
        parts.append(v)
    return tuple(parts)


def _optimum(model, cache: dict | None) -> float:
    """model.optimum(), remembered in `cache` by the model's inputs: most parameters of a
    scenario do not enter the calibrated-response model, so the assumption scan meets the same
    model again and again."""
    if cache is None:
        return float(model.optimum())
    key = _model_key(model)
    if key not in cache:
        cache[key] = float(model.optimum())
    return cache[key]


def _summary(s, cache: dict | None = None) -> dict[str, Any]:
    p = s.parameters
    model = s.calibrated_response()
    r_star = _optimum(model, cache)
    floor, ceiling = _edges(model, p)
    p_esc = _p_escalation_salvo(s, model)
    values = _class_values(s)
    return {
        "r_star": r_star,
        "window_floor": floor,
        "window_ceiling": ceiling,
        "window_open": bool(floor <= ceiling),
        "r_star_in_window": bool(floor <= r_star <= ceiling),
        "p_escalation_salvo": p_esc,
        "p_weak_salvo": float(model.p_weak_launches(p["salvo_size"], s.leak_probability)),
        "salvo_within_risk": bool(p_esc <= p["acceptable_risk"]),
        "tree_choice": "n/a" if values is None else values["_choice"],
        # margins of the conclusions (>= 0: it holds), and the tree's class values
        "_margins": {
            "window": ceiling - floor,
            "r_star": _margin_r_star(s, model, r_star),
            "salvo": p["acceptable_risk"] - p_esc,
        },
        "_class_values": values,
    }


@dataclass(frozen=True)
class Signpost:
    """A parameter value at which a conclusion of the memo changes (a threshold).

    Attributes
    ----------
    parameter : str
        Scenario key.
    value : float
        Where the conclusion changes (root found to 1e-10 for continuous conclusions; the first
        whole number on the new side for counts).
    unit : str
    conclusion : str
        ``"window"``, ``"r_star"``, ``"salvo"``, ``"game"`` or ``"tree"``.
    below, above : str
        The conclusion just below and just above `value`, in words.
    """

    parameter: str
    value: float
    unit: str
    conclusion: str
    below: str
    above: str

    def describe(self) -> str:
        """``'defender_tolerance = 20.47 leakers (below: window empty; above: window open)'``."""
        return f"{self.parameter} = {_num(self.value, 4)}{_u(self.unit)} ({self.change})"

    @property
    def change(self) -> str:
        """``'below: window empty; above: window open'``."""
        return f"below: {self.below}; above: {self.above}"


def _is_count(scenario, key: str) -> bool:
    return isinstance(scenario.parameters[key], int)


def _root(f, a: float, b: float, *, integer: bool) -> float:
    """The point in [a, b] where the sign of f changes: brentq to XTOL (continuous parameters),
    or the first whole number on b's side (counts). f(a) and f(b) differ in sign."""
    if integer:
        lo, hi = int(a), int(b)
        sa = f(lo) >= 0
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if (f(mid) >= 0) == sa:
                lo = mid
            else:
                hi = mid
        return float(hi)
    from scipy.optimize import brentq

    return float(brentq(f, a, b, xtol=XTOL))


def _game_signposts(s, key: str, lo: float, hi: float, grid: int) -> list[Signpost]:
    """Changes of the retaliation game's pure equilibria (find_thresholds, key="pure")."""
    from .games.crisis import EXCHANGE_PARAMETERS, retaliation_game
    from .thresholds import find_thresholds

    if key not in EXCHANGE_PARAMETERS or not lo < hi:
        return []
    found = find_thresholds(
        retaliation_game, key, (lo, hi), fixed={"scenario_or_params": s}, key="pure", grid=grid
    )

    def words(code):
        text = found.structures[code].replace("; ", " and ")
        return f"pure equilibria {text}" if text else "no pure equilibrium"

    return [
        Signpost(key, t.value, s.units[key], "game", words(t.left_code), words(t.right_code))
        for t in found
    ]


def _signposts(s, key: str, points: Sequence[float], summaries: Sequence[dict]) -> list[Signpost]:
    """Every change of the memo's conclusions between consecutive scan `points` of parameter
    `key` (with their `summaries`), and the retaliation game's changes over the whole span."""
    integer = _is_count(s, key)
    unit = s.units[key]

    def at(x):
        return s.replace(**{key: int(x) if integer else float(x)})

    out = []
    pairs = zip(summaries[:-1], summaries[1:], points[:-1], points[1:], strict=True)
    for ya, yb, a, b in pairs:
        for name, (margin, holds, fails) in _CONCLUSIONS.items():
            ma, mb = ya["_margins"][name], yb["_margins"][name]
            if (ma >= 0) == (mb >= 0):
                continue
            value = _root(lambda x, margin=margin: margin(at(x)), a, b, integer=integer)
            below, above = (holds, fails) if ma >= 0 else (fails, holds)
            out.append(Signpost(key, value, unit, name, below, above))
        ca, cb = ya["tree_choice"], yb["tree_choice"]
        if ca != cb and "n/a" not in (ca, cb):
            # the choice changes where the two classes' values in the tree tie: a continuous
            # difference, so brentq converges fast (a third class winning in between is
            # reported as this one change)
            def diff(x, ca=ca, cb=cb):
                values = _class_values(at(x))
                return values[ca] - values[cb]

            value = _root(diff, a, b, integer=integer)
            out.append(
                Signpost(key, value, unit, "tree", f"tree chooses {ca}", f"tree chooses {cb}")
            )
    grid = THRESHOLD_GRID if len(points) <= 3 else len(points)
    out += _game_signposts(s, key, float(points[0]), float(points[-1]), grid)
    out.sort(key=lambda sp: sp.value)
    return out


def _check_key(s, key) -> str:
    from .scenario import suggest_key

    if not isinstance(key, str) or key not in s.parameters:
        raise ScenarioError(
            f"unknown parameter {key!r}.{suggest_key(str(key), s.parameters)} "
            f"Parameters: {', '.join(s.parameters)}."
        )
    return key


def parameter_thresholds(scenario, parameter, *, grid: int = THRESHOLD_GRID) -> list[Signpost]:
    """Where the memo's conclusions change as one parameter runs over its plausible range.

    The conclusions: the calibrated window is open; r* lies inside it; the scenario's salvo
    keeps P(escalation) <= acceptable_risk; the crisis tree's subgame-perfect response class;
    the pure equilibria of the retaliation game. The range is scanned on `grid` points (plus the
    scenario's value) and every change between neighbours is located by root finding (brentq
    to 1e-10; whole numbers for counts; :func:`deterrence.find_thresholds` for the game).

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
    parameter : str
        A scenario key (``scenario.parameters``), e.g. ``"defender_tolerance"``.
    grid : int, keyword-only
        Scan points (>= 2).

    Returns
    -------
    list of Signpost
        Sorted by value.

    Examples
    --------
    The window opens where F⁻¹(ρ) = G⁻¹(1 − α_w): 20·m/20 · exp(0.7·z(0.05)) = 3·exp(0.6·z(0.9)),
    i.e. a tolerance median of 20 · 6.4655/6.3212 = 20.46 leakers.

    >>> import deterrence as dt
    >>> [(sp.conclusion, round(sp.value, 2)) for sp in
    ...  parameter_thresholds("iran-2024", "defender_tolerance") if sp.conclusion == "window"]
    [('window', 20.46)]
    """
    s = _load(scenario)
    key = _check_key(s, parameter)
    from ._check import count

    grid = count(grid, "grid", minimum=2)
    lo, hi = s.ranges[key]
    points = np.linspace(lo, hi, grid)
    if _is_count(s, key):
        points = np.unique(np.round(points).astype(int))
    if lo <= s.parameters[key] <= hi:
        points = np.union1d(points, [s.parameters[key]])
    points = [x.item() for x in points]
    summaries = [_summary(s.replace(**{key: x})) for x in points]
    return _signposts(s, key, points, summaries)


# -- findings --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inverse:
    """A "what would have to be true" statement: the value a parameter would need."""

    parameter: str
    needed: float | None  # None: no value in the search interval works
    current: float
    unit: str
    plausible: tuple[float, float]
    direction: str  # "at least" / "at most"
    goal: str  # what it achieves, in words
    holds_now: bool


@dataclass(frozen=True)
class Assumption:
    """One row of the assumptions table."""

    key: str
    symbol: str
    value: float
    unit: str
    low: float
    high: float
    note: str
    defaulted: bool
    r_star_low: float
    r_star_high: float
    signposts: tuple[Signpost, ...]

    @property
    def load_bearing(self) -> bool:
        return bool(self.signposts)


@dataclass(frozen=True)
class EventCheck:
    """What the model says about one backtest event."""

    event: Any
    scored: bool
    reason: str = ""
    q: float = math.nan
    expected_leakers: float = math.nan
    p_escalation: float = math.nan
    p_weak: float = math.nan
    q_source: str = ""


@dataclass(frozen=True)
class Findings:
    """Every number of the memo, computed from the models (see :func:`analyse`)."""

    scenario: Any
    model: Any
    q: float
    salvo: int
    r_star: float
    p_weak_r_star: float
    p_escalation_r_star: float
    floor: float
    ceiling: float
    window: tuple[float, float] | None
    n_star: int
    window_launches: tuple[int, int] | None
    strong_salvo_min: int | None
    safe_salvo_max: int
    salvo_leakers: float
    salvo_leakers_saturated: float
    salvo_p_escalation: float
    salvo_p_weak: float
    leaker_rows: tuple[tuple[str, float, float, float, float], ...]  # key, r, P(weak), P(esc), U
    launch_rows: tuple[tuple[str, int | None, float, float, float, float], ...]  # + E[L]
    launches_for_r_star: int | None
    game: Any
    equilibria: Any
    spe: Any
    tree_rows: tuple[dict, ...]
    best_class: dict
    inverses: tuple[Inverse, ...]
    assumptions: tuple[Assumption, ...]
    proxy_per_period: float
    proxy_over_periods: float
    events: tuple[EventCheck, ...]
    phase_axes: tuple[str, str]

    @property
    def retaliator(self) -> str:
        return self.scenario.players[0]

    @property
    def adversary(self) -> str:
        return self.scenario.players[1]


def _increasing_root(f, start: float, *, grow: float = 2.0, limit: int = 60):
    """x > 0 with f(x) = 0 for f increasing in x, bracketed by doubling/halving from `start`.

    Returns 0.0 when f >= 0 down to start·2⁻⁶⁰ (the condition f >= 0 holds for any x > 0) and
    None when f < 0 up to start·2⁶⁰ (it holds for none)."""
    from scipy.optimize import brentq

    a = b = float(start)
    fa = fb = f(a)
    if fa == 0:
        return a
    for _ in range(limit):
        if fb < 0:
            a, fa = b, fb
            b *= grow
            fb = f(b)
            if fb >= 0:
                break
        else:
            b, fb = a, fa
            a /= grow
            fa = f(a)
            if fa < 0:
                break
    else:
        return None if fb < 0 else 0.0
    return float(brentq(f, a, b, xtol=XTOL * max(1.0, b)))


def _last_true(pred: Callable[[int], bool], lo: int, hi: int) -> int | None:
    """Largest n in [lo, hi] with pred(n), for pred true then false as n grows; None if
    pred(lo) is false."""
    if not pred(lo):
        return None
    if pred(hi):
        return hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if pred(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _launch_bound(model, q: float, salvo: int) -> int:
    # the launch-unit search bound of CalibratedResponse: expected leakers reach its default
    # leaker bound (1.5 × the larger 0.999-quantile of the thresholds)
    if q <= 0:
        return max(salvo, 1)
    return max(salvo, math.ceil(model.default_upper() / q), 1)


def _optimum_launches(model, q: float, r_star: float, bound: int) -> int:
    """``model.optimum_launches(q)`` searched only where the optimum can lie.

    E[U](n) = (R̄ + a)·E[G(L)] − W·E[F(L)] − κ·q·n <= (R̄ + a) − W·P(escalation | n) − κ·q·n, a
    bound that falls with n; no salvo beyond the last n where it still reaches E[U] of the
    salvo nearest r*/q can be better. With thresholds far above the salvo sizes that matter
    (a tolerance median of thousands of leakers) the model's default search would run to
    hundreds of thousands of launches.
    """
    n_ref = min(bound, max(0, round(r_star / q)))
    u_ref = float(model.utility_launches(n_ref, q))
    stake = model.reputation_stake + model.audience_cost

    def may_beat(k: int) -> bool:
        ceiling = stake - model.war_cost * float(model.p_escalation_launches(k, q))
        return ceiling - model.marginal_cost * q * k >= u_ref

    last = _last_true(may_beat, n_ref, bound)
    return int(model.optimum_launches(q, max_launches=max(1, last if last is not None else n_ref)))


def _launch_stats(model, n, q) -> tuple[float, float, float, float]:
    """E[leakers], P(seen as weak), P(escalation) and expected utility of n launches."""
    if n is None:
        return (math.nan,) * 4
    return (
        n * q,
        float(model.p_weak_launches(n, q)),
        float(model.p_escalation_launches(n, q)),
        float(model.utility_launches(n, q)),
    )


def _inverses(s, model, summary) -> tuple[Inverse, ...]:
    from .models.defense import leak_probability

    p = s.parameters
    rho = p["acceptable_risk"]
    n = p["salvo_size"]
    q = s.leak_probability
    out = []
    median = p["defender_tolerance"]

    def esc_gap_median(m):  # increasing in m: a more tolerant adversary escalates less
        x = s.replace(defender_tolerance=m).calibrated_response()
        return rho - float(x.p_escalation_launches(n, q))

    out.append(
        Inverse(
            parameter="defender_tolerance",
            needed=_increasing_root(esc_gap_median, median),
            current=median,
            unit=s.units["defender_tolerance"],
            plausible=s.ranges["defender_tolerance"],
            direction="at least",
            goal=f"the salvo of {n} launches to keep P(escalation) ≤ {_pct(rho)}",
            holds_now=summary["salvo_within_risk"],
        )
    )

    def window_gap_median(m):
        x = s.replace(defender_tolerance=m)
        floor, ceiling = _edges(x.calibrated_response(), x.parameters)
        return ceiling - floor

    out.append(
        Inverse(
            parameter="defender_tolerance",
            needed=_increasing_root(window_gap_median, median),
            current=median,
            unit=s.units["defender_tolerance"],
            plausible=s.ranges["defender_tolerance"],
            direction="at least",
            goal="a response both strong enough and safe to exist (the window to open)",
            holds_now=summary["window_open"],
        )
    )

    pk = p["intercept_prob"]

    def esc_gap_pk(x):  # increasing in P_k: fewer leakers
        qx = leak_probability(p["launch_reliability"], x, p["shots_per_threat"])
        return rho - float(model.p_escalation_launches(n, qx))

    needed_pk = None
    if esc_gap_pk(1.0) >= 0:
        if esc_gap_pk(pk) >= 0:
            needed_pk = _root_or_zero(esc_gap_pk, 0.0, pk)
        else:
            from scipy.optimize import brentq

            needed_pk = float(brentq(esc_gap_pk, pk, 1.0, xtol=XTOL))
    out.append(
        Inverse(
            parameter="intercept_prob",
            needed=needed_pk,
            current=pk,
            unit="probability",
            plausible=s.ranges["intercept_prob"],
            direction="at least",
            goal=f"the salvo of {n} launches to keep P(escalation) ≤ {_pct(rho)}",
            holds_now=summary["salvo_within_risk"],
        )
    )
    return tuple(out)


def _root_or_zero(f, a: float, b: float) -> float:
    """Where increasing f crosses 0 in [a, b] (f(b) >= 0), or a when f(a) >= 0 already."""
    from scipy.optimize import brentq

    if f(a) >= 0:
        return a
    return float(brentq(f, a, b, xtol=XTOL))


def _assumptions(s, base_summary) -> tuple[Assumption, ...]:
    from .scenario import PARAMETERS

    cache: dict = {}
    rows = []
    for key, value in s.parameters.items():
        lo, hi = s.ranges[key]
        integer = _is_count(s, key)
        points = sorted({lo, hi} | ({value} if lo <= value <= hi else set()))
        summaries = [
            base_summary
            if x == value
            else _summary(s.replace(**{key: int(x) if integer else x}), cache)
            for x in points
        ]
        spec = PARAMETERS[key.split(".")[0]]
        symbol = spec.symbol if "." not in key else f"σ of {spec.symbol.split(' ')[0]}"
        rows.append(
            Assumption(
                key=key,
                symbol=symbol,
                value=value,
                unit=s.units[key],
                low=lo,
                high=hi,
                note=s.notes[key],
                defaulted=key in s.defaulted,
                r_star_low=summaries[0]["r_star"],
                r_star_high=summaries[-1]["r_star"],
                signposts=tuple(_signposts(s, key, points, summaries)),
            )
        )
    return tuple(rows)


def _tree_rows(s, tree, spe) -> tuple[dict, ...]:
    from .games.crisis import RESPONSE_CLASSES, response_sizes

    sizes = response_sizes(s)
    model = s.calibrated_response()
    rows = []
    for c in RESPONSE_CLASSES:
        plan = dict(spe.plan)
        plan[s.players[0]] = c
        reach = tree.reach_probabilities(plan)
        p_esc = p_third = 0.0
        for node, prob in reach.items():
            parent = tree.parent(node)
            if parent is None:
                continue
            if parent[1] == "escalate":
                p_esc += prob
            elif parent[1] == f"{s.patron} enters":
                p_third += prob
        payoffs = tree.expected_payoffs(plan)
        rows.append(
            {
                "class": c,
                "size": sizes[c],
                "p_escalation": p_esc,
                "p_third_party": p_third,
                "p_escalation_no_proxies": float(model.p_escalation(sizes[c])),
                "payoff_retaliator": payoffs[0],
                "payoff_adversary": payoffs[1],
                "chosen": c == spe.plan[s.players[0]],
            }
        )
    return tuple(rows)


def _events(s, model) -> tuple[EventCheck, ...]:
    out = []
    adversary = s.players[1]
    for ev in s.events:
        if ev.launches is None:
            out.append(EventCheck(ev, False, "no launch count reported"))
            continue
        if ev.target and ev.target != adversary:
            out.append(
                EventCheck(
                    ev,
                    False,
                    f"target {ev.target}: the scenario's tolerance threshold is {adversary}'s",
                )
            )
            continue
        if ev.intercept_rate is not None:
            q, src = 1.0 - ev.intercept_rate, "reported interception rate"
        else:
            q, src = s.leak_probability, "scenario's q"
        out.append(
            EventCheck(
                ev,
                True,
                q=q,
                expected_leakers=ev.launches * q,
                p_escalation=float(model.p_escalation_launches(ev.launches, q)),
                p_weak=float(model.p_weak_launches(ev.launches, q)),
                q_source=src,
            )
        )
    return tuple(out)


def _phase_axes(assumptions) -> tuple[str, str]:
    """The two retaliation-game parameters whose ranges hold game thresholds (the load-bearing
    ones first), else the reputation stake and the audience cost."""
    from .games.crisis import EXCHANGE_PARAMETERS

    keys = [
        a.key
        for a in assumptions
        if a.key in EXCHANGE_PARAMETERS
        and a.key != "p_patron_entry"
        and any(sp.conclusion == "game" for sp in a.signposts)
    ]
    for default in ("reputation_stake", "audience_cost"):
        if default not in keys:
            keys.append(default)
    return keys[0], keys[1]


def analyse(scenario) -> Findings:
    """Compute every number of the memo (no files are written).

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
        A scenario, a bundled name (``"iran-2024"``) or the path of a TOML file.

    Returns
    -------
    Findings

    Examples
    --------
    MODELS.md §5.1's smoke test: r* ≈ 5.16 leakers, ≈ 37 launches at q = 0.14, an empty window
    [6.47, 6.32] and P(escalation) ≈ 0.52 for the 150-launch salvo.

    >>> f = analyse("iran-2024")
    >>> round(f.r_star, 2), f.n_star, f.window, round(f.floor, 2), round(f.ceiling, 2)
    (5.16, 37, None, 6.47, 6.32)
    >>> round(f.salvo_p_escalation, 2), likelihood_phrase(f.salvo_p_escalation)
    (0.52, 'roughly even chance')
    """
    import deterrence as dt

    from .games.crisis import best_response_class, crisis_tree
    from .models.defense import expected_leakers, launches_needed
    from .models.proxies import p_crisis_from_proxies

    s = _load(scenario)
    p = s.parameters
    model = s.calibrated_response()
    summary = _summary(s)
    q = s.leak_probability
    n = p["salvo_size"]
    alpha, rho = p["alpha_weak"], p["acceptable_risk"]
    r_star = summary["r_star"]
    bound = _launch_bound(model, q, n)
    n_star = _optimum_launches(model, q, r_star, bound) if q > 0 else 0
    strong_min = None
    if q > 0:
        # smallest salvo seen as weak with probability <= alpha: P(weak | n) falls with n
        last_weak = _last_true(lambda k: float(model.p_weak_launches(k, q)) > alpha, 0, bound)
        strong_min = 0 if last_weak is None else (last_weak + 1 if last_weak < bound else None)
    safe_max = _last_true(lambda k: float(model.p_escalation_launches(k, q)) <= rho, 0, bound)
    window_launches = None
    if q > 0 and safe_max is not None and strong_min is not None and strong_min <= safe_max:
        # P(escalation | n) > rho beyond safe_max, so the window ends there: search no further
        window_launches = model.window_launches(q, alpha, rho, max_launches=safe_max + 1)
    k_leakers = max(1, math.ceil(r_star))
    launches_r = None
    if q > 0:
        try:
            launches_r = int(launches_needed(k_leakers, 1.0 - alpha, q))
        except ParameterError:  # out of the search range: reported as not reachable
            launches_r = None
    game = s.retaliation_game()
    tree = crisis_tree(s)
    spe = tree.spe()
    assumptions = _assumptions(s, summary)
    return Findings(
        scenario=s,
        model=model,
        q=q,
        salvo=n,
        r_star=r_star,
        p_weak_r_star=float(model.p_weak(r_star)),
        p_escalation_r_star=float(model.p_escalation(r_star)),
        floor=summary["window_floor"],
        ceiling=summary["window_ceiling"],
        window=model.window(alpha, rho),
        n_star=int(n_star),
        window_launches=window_launches,
        strong_salvo_min=strong_min,
        safe_salvo_max=safe_max if safe_max is not None else 0,
        salvo_leakers=n * q,
        salvo_leakers_saturated=float(
            expected_leakers(
                n,
                p["interceptor_inventory"],
                p["intercept_prob"],
                p["shots_per_threat"],
                p["launch_reliability"],
            )
        ),
        salvo_p_escalation=summary["p_escalation_salvo"],
        salvo_p_weak=summary["p_weak_salvo"],
        leaker_rows=tuple(
            (key, r, float(model.p_weak(r)), float(model.p_escalation(r)), float(model.utility(r)))
            for key, r in (
                ("r_star", r_star),
                ("floor", summary["window_floor"]),
                ("ceiling", summary["window_ceiling"]),
            )
        ),
        launch_rows=tuple(
            (key, k, *_launch_stats(model, k, q))
            for key, k in (
                ("n_star", int(n_star)),
                ("strong_min", strong_min),
                ("safe_max", safe_max),
                ("salvo", n),
            )
        ),
        launches_for_r_star=launches_r,
        game=game,
        equilibria=dt.solve(game),
        spe=spe,
        tree_rows=_tree_rows(s, tree, spe),
        best_class=best_response_class(s),
        inverses=_inverses(s, model, summary),
        assumptions=assumptions,
        proxy_per_period=float(p_crisis_from_proxies(p["proxy_autonomy"], p["attribution"], 1)),
        proxy_over_periods=float(
            p_crisis_from_proxies(p["proxy_autonomy"], p["attribution"], PROXY_PERIODS)
        ),
        events=_events(s, model),
        phase_axes=_phase_axes(assumptions),
    )


# -- the memo as blocks, rendered to Markdown and to HTML ---------------------------------------
#
# A paragraph is a list of segments: plain text, or (style, text) with style "b" (bold), "i"
# (emphasis) or "c" (code). One list of blocks gives both files, so they cannot disagree.


def _b(text):
    return ("b", str(text))


def _i(text):
    return ("i", str(text))


def _c(text):
    return ("c", str(text))


#: a line break inside a table cell (``<br>`` in both files: GitHub's Markdown accepts it)
_BR = ("br", "")


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Para:
    segments: tuple
    note: bool = False  # small print


@dataclass(frozen=True)
class _List:
    items: tuple  # each a tuple of segments
    ordered: bool = False


@dataclass(frozen=True)
class _Table:
    header: tuple
    rows: tuple  # cells: str or tuple of segments
    numeric: tuple = ()  # indices of right-aligned columns
    nowrap: tuple = ()  # indices of columns kept on one line (dates)
    wide: bool = False  # spread over the page width (long text in the cells)


@dataclass(frozen=True)
class _Figure:
    name: str
    caption: str
    png: bytes


def _para(*segments, note=False) -> _Para:
    return _Para(tuple(segments), note)


def _md_text(text: str) -> str:
    # "*" starts emphasis in Markdown (r* would); "|" ends a table cell
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("|", "\\|")


def _md(segments) -> str:
    if isinstance(segments, str):
        segments = (segments,)
    out = []
    for seg in segments:
        if isinstance(seg, str):
            out.append(_md_text(seg))
        else:
            style, text = seg
            if style == "br":
                out.append("<br>")
            elif style == "c":
                out.append(f"`{text}`")
            else:
                mark = "**" if style == "b" else "_"
                out.append(f"{mark}{_md_text(text)}{mark}")
    return "".join(out)


def _html(segments) -> str:
    if isinstance(segments, str):
        segments = (segments,)
    tags = {"b": "strong", "i": "em", "c": "code"}
    out = []
    for seg in segments:
        if isinstance(seg, str):
            # a reply plan "in kind|escalate" may break after its bar in a narrow column
            out.append(html.escape(seg).replace("|", "|<wbr>"))
        elif seg[0] == "br":
            out.append("<br>")
        else:
            style, text = seg
            out.append(f"<{tags[style]}>{html.escape(text)}</{tags[style]}>")
    return "".join(out)


def _to_markdown(blocks) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, _Heading):
            lines += ["#" * block.level + " " + _md_text(block.text), ""]
        elif isinstance(block, _Para):
            text = _md(block.segments)
            lines += [f"<sub>{text}</sub>" if block.note else text, ""]
        elif isinstance(block, _List):
            for k, item in enumerate(block.items, 1):
                lines.append(f"{k}. " if block.ordered else "- ")
                lines[-1] += _md(item)
            lines.append("")
        elif isinstance(block, _Table):
            lines.append("| " + " | ".join(_md(h) for h in block.header) + " |")
            lines.append(
                "|"
                + "|".join(
                    "---:" if j in block.numeric else "---" for j in range(len(block.header))
                )
                + "|"
            )
            for row in block.rows:
                lines.append("| " + " | ".join(_md(c) for c in row) + " |")
            lines.append("")
        elif isinstance(block, _Figure):
            lines += [f"![{_md_text(block.caption)}](figures/{block.name}.png)", ""]
            lines += [f"_Figure: {_md_text(block.caption)}_", ""]
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body { font: 16px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a;
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; background: #fff; }
h1 { font-size: 1.7rem; line-height: 1.25; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; }
h3 { font-size: 1.08rem; margin-top: 1.5rem; }
p, li { max-width: 52rem; }
li { margin: .3rem 0; }
code { font: .88em/1.3 Menlo, Consolas, monospace; background: #f3f3f3; padding: 0 .2em;
       border-radius: 3px; }
.note { font-size: .85rem; color: #555; }
.bluf { background: #f4f8fb; border-left: 4px solid #0072B2; padding: .4rem 1.2rem; }
.table-wrap { overflow-x: auto; margin: .8rem 0 1.2rem; }
table { border-collapse: collapse; font-size: .88rem; }
th, td { border: 1px solid #d0d0d0; padding: .3rem .55rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
td.num, th.num { text-align: right; }
td.num, td.nowrap { white-space: nowrap; }
table.wide { width: 100%; }
td.signposts { min-width: 16rem; }
tr:nth-child(even) td { background: #fafafa; }
figure { margin: 1.2rem 0 1.8rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
figcaption { font-size: .88rem; color: #444; margin-top: .35rem; }
@media print { body { max-width: none; } figure { break-inside: avoid; } }
"""


def _to_html(blocks, title: str) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    in_bluf = False
    for block in blocks:
        if isinstance(block, _Heading):
            if in_bluf:
                out.append("</div>")
                in_bluf = False
            out.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
            if block.text == _BLUF:
                out.append('<div class="bluf">')
                in_bluf = True
        elif isinstance(block, _Para):
            cls = ' class="note"' if block.note else ""
            out.append(f"<p{cls}>{_html(block.segments)}</p>")
        elif isinstance(block, _List):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{_html(item)}</li>" for item in block.items)
            out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(block, _Table):

            def cell(tag, j, content, table=block):
                classes = [
                    name
                    for name, cols in (("num", table.numeric), ("nowrap", table.nowrap))
                    if j in cols
                ]
                if table.wide and j == len(table.header) - 1 and tag == "td":
                    classes.append("signposts")
                cls = f' class="{" ".join(classes)}"' if classes else ""
                return f"<{tag}{cls}>{_html(content)}</{tag}>"

            head = "".join(cell("th", j, h) for j, h in enumerate(block.header))
            body = "".join(
                "<tr>" + "".join(cell("td", j, c) for j, c in enumerate(row)) + "</tr>"
                for row in block.rows
            )
            wide = ' class="wide"' if block.wide else ""
            out.append(
                f'<div class="table-wrap"><table{wide}><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></div>"
            )
        elif isinstance(block, _Figure):
            data = base64.b64encode(block.png).decode("ascii")
            alt = html.escape(block.caption)
            out.append(
                f'<figure><img src="data:image/png;base64,{data}" alt="{alt}" '
                f'data-figure="{html.escape(block.name)}"><figcaption>{alt}</figcaption></figure>'
            )
    if in_bluf:
        out.append("</div>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- charts ------------------------------------------------------------------------------------


def _launch_chart_span(f: Findings) -> int | None:
    """Launches the chart in launch units spans: the salvos that matter (n*, the window's
    edges, the scenario's salvo) and on to P(escalation) = 0.9 when that is not far beyond."""
    if f.q <= 0:
        return None
    shown = max(f.n_star, f.salvo, f.strong_salvo_min or 0, f.safe_salvo_max, 10)
    return math.ceil(max(1.3 * shown, min(f.model.tolerance.ppf(0.9) / f.q, 4 * shown)))


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=FIGURE_DPI)
    return buf.getvalue()


def _figures(f: Findings) -> list[_Figure]:
    """Draw the memo's charts (matplotlib Figures, never pyplot: no global state)."""
    from matplotlib.figure import Figure

    import deterrence as dt

    from .games.crisis import retaliation_game
    from .plot import defense, phase, proxies, thresholds, window
    from .plot.style import COLORS, mark_threshold

    s = f.scenario
    p = s.parameters
    unit = s.response_unit
    out = []

    def pair(size=(7.2, 6.4)):
        fig = Figure(figsize=size, layout="constrained")
        axes = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": (3, 2)})
        return fig, axes

    fig, axes = pair()
    window.calibrated_window(s, ax=axes)
    fig.suptitle(f"Calibrated response window ({unit})", fontsize="medium")
    out.append(
        _Figure(
            "window",
            f"The calibrated window in {unit}: P(seen as weak) and P(escalation) against the "
            f"response size, the acceptable levels α_w = {_pct(p['alpha_weak'])} and "
            f"ρ = {_pct(p['acceptable_risk'])}, and the expected utility with r* marked.",
            _png(fig),
        )
    )

    n_max = _launch_chart_span(f)
    if n_max is not None and n_max <= LAUNCH_CHART_MAX:
        fig, axes = pair()
        window.calibrated_window_launches(s, n_max=n_max, ax=axes)
        fig.suptitle(f"The window in launches (q = {_num(f.q)} per launch)", fontsize="medium")
        out.append(
            _Figure(
                "window_launches",
                f"The same in launches: L ~ Binomial(n, q = {_num(f.q)}) of n launches get "
                f"through; the scenario's salvo of {f.salvo} launches is marked.",
                _png(fig),
            )
        )

    x_key, y_key = f.phase_axes
    ph = dt.phase_diagram(
        retaliation_game,
        (x_key, *s.ranges[x_key]),
        (y_key, *s.ranges[y_key]),
        fixed={"scenario_or_params": s},
        resolution=(41, 41),
    )
    fig = Figure(figsize=(7.2, 6.6), layout="constrained")
    ax = fig.subplots()
    phase.phase_diagram(ph, mark=(p[x_key], p[y_key]), mark_label="this scenario", ax=ax)
    ax.set_title(
        "Retaliation game: equilibrium regions over the plausible ranges", fontsize="medium"
    )
    out.append(
        _Figure(
            "phase",
            f"Phase diagram of the retaliation game over {x_key} and {y_key} (the other "
            "parameters at the scenario's values): each region has its own set of equilibria; "
            "boundary points are found by bisection to 1e-10.",
            _png(fig),
        )
    )

    fig = Figure(figsize=(7.2, 4.6), layout="constrained")
    ax = fig.subplots()
    k = max(1, math.ceil(f.r_star))
    shots = p["shots_per_threat"]
    top = max(2 * f.salvo, math.ceil(1.3 * p["interceptor_inventory"] / shots), 20)
    launches = np.arange(0, top + 1, max(1, math.ceil(top / 75)))
    lo_pk, hi_pk = s.ranges["intercept_prob"]
    kills = sorted({lo_pk, p["intercept_prob"], hi_pk})
    defense.saturation_curves(
        launches,
        k=k,
        p_kill=kills,
        interceptors=(None, p["interceptor_inventory"]),
        reliability=p["launch_reliability"],
        shots=shots,
        target=1.0 - p["alpha_weak"],
        ax=ax,
    )
    mark_threshold(
        ax, f.salvo, f"salvo {f.salvo}", color=COLORS["scenario"], linestyle="-.", gid="salvo"
    )
    ax.set_title(f"Saturation: P(at least {k} leakers) against the salvo size", fontsize="medium")
    out.append(
        _Figure(
            "saturation",
            f"P(at least {k} leakers, i.e. ⌈r*⌉) against the number of launches for the "
            f"plausible interception probabilities, with unlimited interceptors (solid) and "
            f"the scenario's {p['interceptor_inventory']} (dashed); the level is 1 − α_w.",
            _png(fig),
        )
    )

    n_rows = len(thresholds.WINDOW_PARAMETERS)
    fig = Figure(figsize=(12.0, 1.6 + 0.45 * n_rows), layout="constrained")
    axes = fig.subplots(1, 3, sharey=True)
    thresholds.what_must_be_true(s, ax=list(axes))
    fig.suptitle(
        "What must be true: r* and the window edges over each plausible range", fontsize="medium"
    )
    out.append(
        _Figure(
            "tornado",
            "Tornado: r*, the window floor and the window ceiling with each parameter at the "
            "low (blue) and high (orange) end of its plausible range, the others at the "
            "scenario's values; rows sorted by the swing of r*.",
            _png(fig),
        )
    )

    if s.proxies is None:  # no proxies: no proxy-risk chart
        return out
    fig = Figure(figsize=(7.2, 4.6), layout="constrained")
    ax = fig.subplots()
    lo_b, hi_b = s.ranges["attribution"]
    proxies.proxy_risk(
        attribution=sorted({lo_b, p["attribution"], hi_b}),
        periods=PROXY_PERIODS,
        mark=(p["proxy_autonomy"], p["attribution"]),
        ax=ax,
    )
    ax.set_title(f"Proxy risk over {PROXY_PERIODS} periods", fontsize="medium")
    out.append(
        _Figure(
            "proxy_risk",
            f"P(at least one unsanctioned attack by {s.proxies} attributed to "
            f"{s.proxy_sponsor_name}) within "
            f"{PROXY_PERIODS} periods against the proxies' autonomy, for the plausible "
            "attribution levels.",
            _png(fig),
        )
    )
    return out


# -- the memo's text ---------------------------------------------------------------------------

_BLUF = "Bottom line up front"
_CLASS_WORDS = {
    "restraint": "restraint",
    "calibrated": "a calibrated strike",
    "major": "a major strike",
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _judgment(p: float, *segments) -> tuple:
    """A key judgment: '**Likely (62%)**: <event>'."""
    return (_b(f"{_cap(likelihood_phrase(p))} ({_pct(p)})"), ": ", *segments)


def _nearest_signposts(f: Findings, k: int = 3) -> list[Signpost]:
    """The k signposts nearest to the scenario's values, relative to each plausible range."""
    scored = []
    for a in f.assumptions:
        span = (a.high - a.low) or 1.0
        for sp in a.signposts:
            scored.append((abs(sp.value - a.value) / span, sp))
    scored.sort(key=lambda t: t[0])
    return [sp for _, sp in scored[:k]]


def _signpost_segments(sp: Signpost) -> tuple:
    return (_c(sp.parameter), f" = {_num(sp.value, 4)}{_u(sp.unit)} ({sp.change})")


@dataclass(frozen=True)
class _Context:
    """The names the memo's sections share."""

    f: Findings
    figures: Sequence[_Figure]

    @property
    def s(self):
        return self.f.scenario

    @property
    def p(self):
        return self.f.scenario.parameters

    @property
    def me(self) -> str:
        return self.f.retaliator

    @property
    def them(self) -> str:
        return self.f.adversary

    @property
    def unit(self) -> str:
        return self.f.scenario.response_unit

    @property
    def rho(self) -> float:
        return self.p["acceptable_risk"]

    @property
    def alpha(self) -> float:
        return self.p["alpha_weak"]

    @property
    def figs(self) -> dict:
        return {fig.name: fig for fig in self.figures}

    @property
    def chosen(self) -> str:
        return self.f.spe.plan[self.me]

    @property
    def tree_by_class(self) -> dict:
        return {row["class"]: row for row in self.f.tree_rows}

    @property
    def cls(self) -> dict:
        return self.tree_by_class[self.chosen]


def _title_section(f: Findings, figures: Sequence[_Figure], *, generated: str) -> list:
    """Title, provenance and the scenario's description."""
    s = f.scenario
    me, them, unit = f.retaliator, f.adversary, s.response_unit
    blocks: list = [_Heading(1, f"Memo: {s.title or s.name}")]
    blocks.append(
        _para(
            "Scenario ",
            _c(s.name),
            f" ({s.origin or 'built in Python'}); {me} retaliates, {them} may escalate; the "
            f"response is measured in {unit}. Generated {generated} by deterrence {__version__}."
            " Every number below is computed from the scenario's parameters by the models "
            "named under Method; the words around them follow ICD 203 ("
            + ", ".join(
                f"{term} {100 * low:.0f}–{100 * high:.0f}%" for term, low, high in LIKELIHOOD_TERMS
            )
            + ").",
            note=True,
        )
    )
    if s.description:
        blocks.append(_para(" ".join(s.description.split())))
    return blocks


def _bluf(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: bottom line up front."""
    c = _Context(f, figures)
    me = c.me
    them = c.them
    unit = c.unit
    rho = c.rho
    alpha = c.alpha
    blocks: list = []
    blocks.append(_Heading(2, _BLUF))
    bluf = []
    if f.r_star > 0:
        bluf.append(
            (
                _b(
                    f"Respond with about {_num(f.r_star)} {unit}, i.e. {f.n_star} launches at "
                    f"q = {_num(f.q)} per launch."
                ),
                f" This size maximises the expected utility of {me}; at it "
                f"{_chance(f.p_escalation_r_star, f'escalation by {them}')}, and the response is seen "
                f"as strong enough with probability {_pct(1 - f.p_weak_r_star)}.",
            )
        )
    else:
        bluf.append(
            (
                _b("Do not respond militarily."),
                f" No response size gains {me} more than it risks: the expected utility is "
                "highest at r* = 0.",
            )
        )
    if f.window is None:
        bluf.append(
            (
                _b("No response is both strong enough and safe."),
                f" The calibrated window is empty: to be seen as weak with probability at most "
                f"{_pct(alpha)} takes at least {_num(f.floor)} {unit}, but keeping "
                f"P(escalation) at most {_pct(rho)} allows at most {_num(f.ceiling)} {unit}.",
            )
        )
    else:
        lo, hi = f.window
        in_launches = (
            f" ({f.window_launches[0]}–{f.window_launches[1]} launches)"
            if f.window_launches
            else " (no salvo meets both limits once leakage is random)"
        )
        where = (
            "r* lies inside it."
            if lo <= f.r_star <= hi
            else f"r* lies {'below' if f.r_star < lo else 'above'} it: the best trade-off "
            "accepts more risk than the limits allow."
        )
        bluf.append(
            (
                _b(f"A calibrated window exists: {_num(lo)}–{_num(hi)} {unit}{in_launches}."),
                f" Responses in it are seen as weak with probability at most {_pct(alpha)} and "
                f"escalate with probability at most {_pct(rho)}; {where}",
            )
        )
    if f.salvo_p_escalation > rho:
        bluf.append(
            (
                _b(f"The planned salvo of {f.salvo} launches is too large."),
                f" About {_num(f.salvo_leakers)} {unit} get through and "
                f"{_chance(f.salvo_p_escalation, f'escalation by {them}')}, above the acceptable "
                f"{_pct(rho)}; salvos of at most {f.safe_salvo_max} launches stay within it.",
            )
        )
    else:
        weak = (
            f", but it is seen as weak with probability {_pct(f.salvo_p_weak)}"
            if f.salvo_p_weak > alpha
            else ""
        )
        bluf.append(
            (
                _b(f"The planned salvo of {f.salvo} launches stays within the acceptable risk."),
                f" {_cap(_chance(f.salvo_p_escalation, f'escalation by {them}'))} (limit "
                f"{_pct(rho)}){weak}.",
            )
        )
    views = f.best_class
    if len(set(views.values())) == 1:
        bluf.append(
            (
                _b(f"The three views of the dilemma agree on {_CLASS_WORDS[views['game']]}:"),
                " the retaliation game (its credible equilibrium), the crisis tree (backward induction) and the "
                "calibrated-response model.",
            )
        )
    else:
        bluf.append(
            (
                _b("The three views of the dilemma differ:"),
                f" the retaliation game's credible equilibrium plays {_CLASS_WORDS[views['game']]}, the crisis "
                f"tree {_CLASS_WORDS[views['tree']]} and the calibrated-response model "
                f"{_CLASS_WORDS[views['model']]}.",
            )
        )
    load = [a for a in f.assumptions if a.load_bearing]
    near = _nearest_signposts(f)
    if near:
        item = [
            _b(f"{len(load)} of {len(f.assumptions)} assumptions are load-bearing."),
            " The nearest signposts: ",
        ]
        for j, sp in enumerate(near):
            item += [*(["; "] if j else []), *_signpost_segments(sp)]
        item.append(".")
        bluf.append(tuple(item))
    blocks.append(_List(tuple(bluf)))
    return blocks


def _key_judgments(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: key judgments."""
    c = _Context(f, figures)
    s = c.s
    p = c.p
    me = c.me
    them = c.them
    unit = c.unit
    chosen = c.chosen
    cls = c.cls
    blocks: list = []
    blocks.append(_Heading(2, "Key judgments"))
    third = p["p_patron_entry"]
    judgments = [
        _judgment(
            f.salvo_p_escalation,
            f"escalation by {them} in answer to the planned salvo of {f.salvo} launches "
            f"(about {_num(f.salvo_leakers)} {unit}).",
        ),
    ]
    if s.patron is not None:
        judgments.append(
            _judgment(
                f.salvo_p_escalation * third,
                f"the planned salvo leads to escalation and then to the entry of {s.patron} (",
                _c("p_patron_entry"),
                f" = {_num(third)}: {s.notes['p_patron_entry']}).",
            )
        )
    blamed = (
        f", counting unsanctioned attacks by {s.proxies} blamed on {me} "
        f"({_num(100 * (cls['p_escalation'] - cls['p_escalation_no_proxies']), 2)} "
        "percentage points of it)"
        if s.proxies is not None and s.proxy_sponsor == "challenger"
        else ""
    )
    judgments += [
        _judgment(
            f.p_escalation_r_star,
            f"escalation by {them} after the recommended response of {_num(f.r_star)} {unit}.",
        ),
        _judgment(
            1 - f.p_weak_r_star,
            f"the recommended response is seen as strong enough by the audiences of {me}.",
        ),
        _judgment(
            cls["p_escalation"],
            f"escalation by {them} after the crisis tree's choice, {_CLASS_WORDS[chosen]} "
            f"({_num(cls['size'])} {unit}){blamed}.",
        ),
    ]
    if s.proxies is not None:
        judgments.append(
            _judgment(
                f.proxy_over_periods,
                f"an unsanctioned attack by {s.proxies} is attributed to {s.proxy_sponsor_name} "
                f"within {PROXY_PERIODS} periods ({_pct(f.proxy_per_period)} in any one period).",
            )
        )
    blocks.append(_List(tuple(judgments), ordered=True))
    return blocks


def _response_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: recommended response."""
    c = _Context(f, figures)
    s = c.s
    p = c.p
    me = c.me
    them = c.them
    unit = c.unit
    rho = c.rho
    alpha = c.alpha
    figs = c.figs
    blocks: list = []
    blocks.append(_Heading(2, "Recommended response and the calibrated window"))
    blocks.append(
        _para(
            f"{me} chooses a response size r to maximise U(r) = (R̄ + a)·G(r) − W·F(r) − κ·r: G "
            f"is the chance that audiences judge r strong enough (weakness threshold, median "
            f"{_num(p['weakness_threshold'])} {unit}), F the chance that {them} escalates "
            f"(tolerance, median {_num(p['defender_tolerance'])} {unit}), "
            + ("W = W_D + π_P·W_P = " if s.patron is not None else "W = W_D = ")
            + f"{_num(s.war_cost)} utils the cost of war (MODELS.md §2.9). The window is the set "
            f"of responses seen as weak with probability at most α_w = {_pct(alpha)} and "
            f"escalating with probability at most ρ = {_pct(rho)}."
        )
    )
    labels = {
        "r_star": "optimal response r*",
        "floor": "window floor (P(seen as weak) = α_w)",
        "ceiling": "window ceiling (P(escalation) = ρ)",
    }
    blocks.append(
        _Table(
            ("", f"size ({unit})", "P(seen as weak)", "P(escalation)", "expected utility (utils)"),
            tuple(
                (labels[key], _num(r), _pct(pw), _pct(pe), _num(u))
                for key, r, pw, pe, u in f.leaker_rows
            ),
            numeric=(1, 2, 3, 4),
        )
    )
    launch_labels = {
        "n_star": "best salvo n*",
        "strong_min": "smallest salvo seen as strong enough (P(weak) ≤ α_w)",
        "safe_max": "largest salvo within the acceptable risk (P(escalation) ≤ ρ)",
        "salvo": "the scenario's salvo",
    }
    rows = []
    for key, k, leakers, pw, pe, u in f.launch_rows:
        if k is None:
            rows.append((launch_labels[key], "none in the search range", "", "", "", ""))
        else:
            rows.append((launch_labels[key], str(k), _num(leakers), _pct(pw), _pct(pe), _num(u)))
    blocks.append(
        _para(
            f"In launches: each launch gets through with probability q = r_L·(1 − P_k)^s = "
            f"{_num(p['launch_reliability'])}·(1 − {_num(p['intercept_prob'])})"
            f"^{p['shots_per_threat']} = {_num(f.q)}, so n launches deliver L ~ Binomial(n, q) "
            f"{unit} and P(escalation | n) = E[F(L)] (MODELS.md §2.8–2.9)."
        )
    )
    blocks.append(
        _Table(
            (
                "",
                "launches",
                f"expected {unit}",
                "P(seen as weak)",
                "P(escalation)",
                "expected utility",
            ),
            tuple(rows),
            numeric=(1, 2, 3, 4, 5),
        )
    )
    if f.window_launches:
        blocks.append(
            _para(
                f"Salvos of {f.window_launches[0]}–{f.window_launches[1]} launches meet both "
                "limits."
            )
        )
    else:
        blocks.append(_para("No salvo size meets both limits at this leak probability."))
    if f.launches_for_r_star is not None:
        k = max(1, math.ceil(f.r_star))
        blocks.append(
            _para(
                f"Getting at least ⌈r*⌉ = {k} {unit} through with probability 1 − α_w = "
                f"{_pct(1 - alpha)} takes {f.launches_for_r_star} launches."
            )
        )
    span = _launch_chart_span(f)
    if span is not None and span > LAUNCH_CHART_MAX:
        blocks.append(
            _para(
                f"The chart in launches is left out: it would have to span {span:,} launches "
                f"(more than {LAUNCH_CHART_MAX:,}); the table above gives its numbers.",
                note=True,
            )
        )
    blocks += [figs[n] for n in ("window", "window_launches") if n in figs]
    return blocks


def _equilibria_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: equilibria."""
    c = _Context(f, figures)
    me = c.me
    them = c.them
    unit = c.unit
    chosen = c.chosen
    blocks: list = []
    blocks.append(_Heading(2, "Equilibria"))
    game = f.game
    blocks.append(_Heading(3, "The retaliation game"))
    blocks.append(
        _para(
            f"{me} (rows) chooses restraint, a calibrated or a major strike; {them} (columns) "
            "commits to absorbing, replying in kind or escalating. Payoffs "
            f"({me}, {them}) in utils, from the scenario's parameters "
            "(deterrence.games.retaliation_game):"
        )
    )
    rows_s, cols_s = game.strategies
    blocks.append(
        _Table(
            (f"{me} \\ {them}", *cols_s),
            tuple(
                (
                    rows_s[i],
                    *(f"{_num(game.A[i, j])}, {_num(game.B[i, j])}" for j in range(len(cols_s))),
                )
                for i in range(len(rows_s))
            ),
            numeric=tuple(range(1, len(cols_s) + 1)),
        )
    )
    eqs = f.equilibria
    comp = {}
    for c, members in enumerate(eqs.components):
        for e in members:
            comp[id(e)] = c
    blocks.append(
        _para(
            f"Every extreme equilibrium ({len(eqs)} in {len(eqs.components)} connected "
            f"component{'s' if len(eqs.components) != 1 else ''}; {eqs.method}; largest regret "
            f"{eqs.max_regret:.1e}"
            + ("; the game is degenerate, so components are continua" if eqs.degenerate else "")
            + "):"
        )
    )
    blocks.append(
        _Table(
            ("#", "component", me, them, f"payoff {me}", f"payoff {them}", "kind"),
            tuple(
                (
                    str(k),
                    str(comp[id(e)]),
                    *e.describe().split(" / ", 1),
                    _num(e.payoffs[0]),
                    _num(e.payoffs[1]),
                    "pure" if e.is_pure else "mixed",
                )
                for k, e in enumerate(eqs)
            ),
            numeric=(0, 1, 4, 5),
        )
    )
    match = [str(k) for k, e in enumerate(eqs) if e.support[0] == (chosen,)]
    blocks.append(
        _para(
            f"Equilibria in which {me} plays the crisis tree's choice ({chosen}): "
            + (", ".join(f"#{m}" for m in match) if match else "none")
            + ". Where a component holds a threat that would not be carried out, the tree, "
            "solved by backward induction, says which equilibrium is credible."
        )
    )
    blocks.append(_Heading(3, "The crisis tree"))
    s = f.scenario
    proxy_step = (
        f"an unsanctioned strike by {s.proxies} may be blamed on {me} (probability α·β = "
        f"{_num(f.proxy_per_period)}); "
        if s.proxies is not None and s.proxy_sponsor == "challenger"
        else ""
    )
    patron_step = f"; after an escalation {s.patron} may join" if s.patron is not None else ""
    blocks.append(
        _para(
            f"The tree (deterrence.games.crisis): {me} picks a response class; {proxy_step}"
            f"{them}'s tolerance, its private type, is exceeded or not; {them} absorbs, replies "
            f"in kind or escalates, whichever serves it best{patron_step}. By backward "
            f"induction {me} chooses ",
            _b(chosen),
            "." + ("" if f.spe.unique else " (Several plans tie; the first is shown.)"),
        )
    )
    blocks.append(
        _Table(
            (
                "response class",
                f"size ({unit})",
                "P(escalation)",
                "of which from proxies",
                f"P({f.scenario.patron or 'a patron'} joins)",
                f"expected payoff {me}",
                f"expected payoff {them}",
                "SPE choice",
            ),
            tuple(
                (
                    row["class"],
                    _num(row["size"]),
                    _pct(row["p_escalation"]),
                    _pct(row["p_escalation"] - row["p_escalation_no_proxies"]),
                    _pct(row["p_third_party"]),
                    _num(row["payoff_retaliator"]),
                    _num(row["payoff_adversary"]),
                    "yes" if row["chosen"] else "",
                )
                for row in f.tree_rows
            ),
            numeric=(1, 2, 3, 4, 5, 6),
        )
    )
    return blocks


def _inverse_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: what would have to be true."""
    c = _Context(f, figures)
    rho = c.rho
    blocks: list = []
    blocks.append(_Heading(2, "What would have to be true"))
    blocks.append(
        _para(
            "Inverse solves: the value a parameter would need for a conclusion to change, found "
            "by root finding (scipy.optimize.brentq to 1e-10 on the models, one parameter "
            "moved, the others at the scenario's values)."
        )
    )
    items = []
    for inv in f.inverses:
        lo, hi = inv.plausible
        if inv.needed is None:
            items.append(("No value of ", _c(inv.parameter), f" brings about {inv.goal}."))
            continue
        where = "inside" if lo <= inv.needed <= hi else "outside"
        if inv.holds_now:
            items.append(
                (
                    f"{_cap(inv.goal)} holds now, and keeps holding while ",
                    _c(inv.parameter),
                    f" stays {inv.direction} {_num(inv.needed, 4)}{_u(inv.unit)} (scenario: "
                    f"{_num(inv.current)}; plausible {_range(lo, hi)}).",
                )
            )
        else:
            items.append(
                (
                    f"For {inv.goal}, ",
                    _c(inv.parameter),
                    " would have to be ",
                    _b(f"{inv.direction} {_num(inv.needed, 4)}{_u(inv.unit)}"),
                    f" (scenario: {_num(inv.current)}; plausible {_range(lo, hi)}: {where} the "
                    "range).",
                )
            )
    items.append(
        (
            f"For the salvo to keep P(escalation) at most {_pct(rho)} at q = {_num(f.q)}, it "
            f"would have to be at most ",
            _b(f"{f.safe_salvo_max} launches"),
            f" (scenario: {f.salvo}).",
        )
    )
    game_sps = [sp for a in f.assumptions for sp in a.signposts if sp.conclusion == "game"]
    for sp in game_sps:
        items.append(
            (
                "The retaliation game changes at ",
                *_signpost_segments(sp),
                ".",
            )
        )
    blocks.append(_List(tuple(items)))
    return blocks


def _assumption_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: assumptions."""
    c = _Context(f, figures)
    unit = c.unit
    figs = c.figs
    blocks: list = []
    blocks.append(_Heading(2, "Assumptions and signposts"))
    blocks.append(
        _para(
            "Each parameter was moved to both ends of its plausible range, the others held at "
            "the scenario's values. A parameter is ",
            _b("load-bearing"),
            " when a conclusion changes inside its range: the window opens or closes, r* "
            "enters or leaves the window, the planned salvo crosses the acceptable risk, the "
            "crisis tree's choice changes, or the pure equilibria of the retaliation game "
            "change. The parameter value where that happens (root-found) is the signpost to "
            "watch (Assumption-Based Planning, Dewar et al. 1993, RAND MR-114).",
        )
    )
    ordered = sorted(f.assumptions, key=lambda a: not a.load_bearing)
    rows = []
    for a in ordered:
        signs = []
        for j, sp in enumerate(a.signposts):
            signs += [
                *([_BR] if j else []),
                f"{_num(sp.value, 4)} ({sp.change})",
            ]
        rows.append(
            (
                (_c(a.key), f" {a.symbol}" if a.symbol else ""),
                _num(a.value) + ("" if a.low <= a.value <= a.high else " (outside the range)"),
                a.unit,
                _range(a.low, a.high),
                f"{_num(a.r_star_low)} / {_num(a.r_star_high)}",
                "yes" if a.load_bearing else "no",
                tuple(signs) if signs else "—",
            )
        )
    blocks.append(
        _Table(
            (
                "parameter",
                "value",
                "unit",
                "plausible range",
                f"r* at low / high end ({unit})",
                "load-bearing",
                "signposts: value where a conclusion changes",
            ),
            tuple(rows),
            numeric=(1, 4),
            wide=True,
        )
    )
    defaulted = [a.key for a in f.assumptions if a.defaulted]
    if defaulted:
        blocks.append(
            _para(
                f"{len(defaulted)} parameters were not in the scenario file and take the "
                "defaults of MODELS.md §5.1: " + ", ".join(defaulted) + ".",
                note=True,
            )
        )
    blocks += [figs[n] for n in ("tornado", "phase") if n in figs]
    return blocks


def _defence_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: defence."""
    c = _Context(f, figures)
    p = c.p
    unit = c.unit
    figs = c.figs
    blocks: list = []
    blocks.append(_Heading(2, "Missile defence and saturation"))
    shots = p["shots_per_threat"]
    engaged = p["interceptor_inventory"] // shots
    if math.isclose(f.salvo_leakers_saturated, f.salvo_leakers, rel_tol=1e-9, abs_tol=1e-9):
        stock = (
            f"The {p['interceptor_inventory']} interceptors ({shots} per threat) are not "
            f"exhausted by the planned {f.salvo} launches: {_num(f.salvo_leakers_saturated)} "
            f"{unit} get through on average either way."
        )
    else:
        stock = (
            f"The {p['interceptor_inventory']} interceptors ({shots} per threat) run out: the "
            f"planned {f.salvo} launches deliver {_num(f.salvo_leakers_saturated)} {unit} on "
            f"average instead of {_num(f.salvo_leakers)} with an unlimited stock."
        )
    blocks.append(
        _para(
            stock + f" Beyond {engaged} arriving threats the defence is saturated and every "
            "further threat gets through (deterrence.models.defense, MODELS.md §2.8)."
        )
    )
    if "saturation" in figs:
        blocks.append(figs["saturation"])
    return blocks


def _proxy_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: proxies."""
    c = _Context(f, figures)
    p = c.p
    me = c.me
    them = c.them
    figs = c.figs
    chosen = c.chosen
    tree_by_class = c.tree_by_class
    cls = c.cls
    blocks: list = []
    blocks.append(_Heading(2, "Proxy and attribution risk"))
    s = f.scenario
    if s.proxies is None:
        blocks.append(_para("The scenario names no proxies: no proxy risk is modelled."))
        return blocks
    sponsor = s.proxy_sponsor_name
    target = them if s.proxy_sponsor == "challenger" else me
    restraint = tree_by_class["restraint"]
    items = [
        (
            f"{s.proxies} ({sponsor}'s proxies) act unbidden with probability α = "
            f"{_num(p['proxy_autonomy'])} per period, and {target} attributes such an attack to "
            f"{sponsor} with probability β = {_num(p['attribution'])}: an attributed unsanctioned "
            "attack is ",
            _b(_judge(f.proxy_per_period)),
            f" in any one period and {_judge(f.proxy_over_periods)} within "
            f"{PROXY_PERIODS} periods (Salehyan 2010; Baliga, Bueno de Mesquita & Wolitzky "
            "2020).",
        ),
    ]
    if s.proxy_sponsor == "challenger":
        items += [
            (
                f"Even restraint carries a risk of escalation through proxies: "
                f"{_judge(restraint['p_escalation'])} in the crisis tree.",
            ),
            (
                f"After the tree's choice ({chosen}) proxies add "
                f"{_num(100 * (cls['p_escalation'] - cls['p_escalation_no_proxies']), 2)} "
                f"percentage points to the chance of escalation ({_pct(cls['p_escalation'])}"
                f" against {_pct(cls['p_escalation_no_proxies'])} without proxies).",
            ),
        ]
    else:
        items.append(
            (
                f"Their attacks fall on {me}, not on {them}: they do not change what {them} "
                "sees of the response, so the crisis tree leaves them out.",
            )
        )
    blocks.append(_List(tuple(items)))
    if "proxy_risk" in figs:
        blocks.append(figs["proxy_risk"])
    return blocks


def _backtest_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: backtest."""
    c = _Context(f, figures)
    them = c.them
    unit = c.unit
    blocks: list = []
    blocks.append(_Heading(2, "Backtest: the scenario's events"))
    if f.events:
        blocks.append(
            _para(
                "What the model says about each past event of the scenario (calibration "
                "anchors, not data the parameters were fitted to). P(escalation) is the "
                f"model's probability that {them} escalates after that many launches."
            )
        )
        rows = []
        for ev in f.events:
            e = ev.event
            if ev.scored:
                cells = (
                    _num(ev.q) + f" ({ev.q_source})",
                    _num(ev.expected_leakers),
                    _judge(ev.p_escalation),
                    _pct(ev.p_weak),
                )
            else:
                cells = ("—", "—", f"not scored: {ev.reason}", "—")
            rows.append(
                (
                    e.date.isoformat(),
                    e.name,
                    "—" if e.launches is None else str(e.launches),
                    *cells,
                    e.observed_response or "—",
                )
            )
        blocks.append(
            _Table(
                (
                    "date",
                    "event",
                    "launches",
                    "q per launch",
                    f"expected {unit}",
                    "P(escalation)",
                    "P(seen as weak)",
                    "observed response",
                ),
                tuple(rows),
                numeric=(2, 4, 6),
                nowrap=(0,),
                wide=True,
            )
        )
    else:
        blocks.append(_para("The scenario lists no events."))
    return blocks


def _method_section(f: Findings, figures: Sequence[_Figure]) -> list:
    """Section: method."""
    blocks: list = []
    blocks.append(_Heading(2, "Method"))
    blocks.append(
        _para(
            "Calibrated response window and launch units: deterrence.models.retaliation "
            "(MODELS.md §2.9); leakage and saturation: deterrence.models.defense (§2.8); "
            "proxies: deterrence.models.proxies (§2.7); the retaliation game: "
            "deterrence.games.retaliation_game solved by deterrence.solve (every extreme "
            "equilibrium, each verified); the crisis tree: deterrence.games.crisis, backward "
            "induction; thresholds: scipy.optimize.brentq to 1e-10 and "
            "deterrence.find_thresholds; charts: deterrence.plot. Parameters, units, plausible "
            "ranges and sources are the scenario file's.",
            note=True,
        )
    )
    return blocks


def _memo_blocks(f: Findings, figures: Sequence[_Figure], *, generated: str) -> list:
    """The whole memo as blocks, section by section."""
    blocks = _title_section(f, figures, generated=generated)
    for section in (
        _bluf,
        _key_judgments,
        _response_section,
        _equilibria_section,
        _inverse_section,
        _assumption_section,
        _defence_section,
        _proxy_section,
        _backtest_section,
        _method_section,
    ):
        blocks += section(f, figures)
    return blocks


# -- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """What :func:`report` wrote.

    Attributes
    ----------
    markdown, html : pathlib.Path
        ``memo.md`` and ``memo.html``.
    figures : tuple of pathlib.Path
        The PNG files in ``figures/``.
    findings : Findings
        The numbers of the memo.
    """

    markdown: Path
    html: Path
    figures: tuple[Path, ...]
    findings: Findings

    def __repr__(self):
        return f"<Report {self.markdown} ({len(self.figures)} figures)>"


def report(scenario, out_dir, *, force: bool = False) -> Report:
    """Write the policy memo of a scenario: ``memo.md``, ``memo.html`` and ``figures/*.png``.

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
        A scenario, the name of a bundled one (``"iran-2024"``) or the path of a TOML file.
    out_dir : str or os.PathLike
        Output directory, created (with its parents) when missing.
    force : bool, keyword-only, default False
        Overwrite an existing memo in `out_dir`.

    Returns
    -------
    Report
        The paths written and the :class:`Findings`.

    Raises
    ------
    OutputExistsError
        `out_dir` already holds a memo and `force` is False (the message names the file).
    NotADirectoryError
        `out_dir` exists and is not a directory.
    ScenarioError
        An unknown or invalid scenario (see :func:`deterrence.load_scenario`).

    Examples
    --------
    ``dt.report("iran-2024", "report/")`` writes the memo of the seed scenario (about 7 s). An
    existing memo is kept unless ``force=True``:

    >>> import pathlib, tempfile
    >>> import deterrence as dt
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (out / "memo.md").write_text("an earlier memo")
    >>> dt.report("iran-2024", out)
    Traceback (most recent call last):
    ...
    deterrence.errors.OutputExistsError: .../memo.md already exists; pass --force (force=True in Python) to overwrite the memo, or choose another output directory.
    """
    s = _load(scenario)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(
            f"output directory {out} exists and is not a directory; choose another path."
        )
    if not force:
        for name in MEMO_FILES:
            if (out / name).exists():
                raise OutputExistsError(
                    f"{out / name} already exists; pass --force (force=True in Python) to "
                    "overwrite the memo, or choose another output directory."
                )
    findings = analyse(s)
    figures = _figures(findings)
    fig_dir = out / "figures"
    fig_dir.mkdir(parents=True, exist_ok=True)
    paths = tuple(write_atomic(fig_dir / f"{fig.name}.png", fig.png) for fig in figures)
    generated = datetime.date.today().isoformat()
    blocks = _memo_blocks(findings, figures, generated=generated)
    md = write_atomic(out / "memo.md", _to_markdown(blocks))
    page = write_atomic(out / "memo.html", _to_html(blocks, f"Memo: {s.title or s.name}"))
    return Report(markdown=md, html=page, figures=paths, findings=findings)
