"""Repeated games: discount-factor thresholds, deviation checks and a noisy play simulator.

Closed forms:

* grim trigger in the repeated Prisoner's Dilemma is a subgame-perfect equilibrium iff
  δ ≥ (T−R)/(T−P) (Friedman 1971; Osborne 2004 ch. 14);
* TIT FOR TAT is collectively stable iff δ ≥ max((T−R)/(T−P), (T−R)/(R−S)) (Axelrod 1984,
  ch. 3, Proposition 2);
* Generous TFT forgives a defection with probability at most
  g* = min(1 − (T−R)/(R−S), (R−P)/(T−P)) (Molander 1985; Nowak & Sigmund 1992);
* repeated Chicken: mutual swerving backed by reversion to a stage equilibrium [D];
* the "equilibrium of violence" (calibrated exchanges sustained by the threat of war; cf. Sobelman
  2016/17 on the Israel–Hezbollah "rules of the game") [D].

Payoff conventions: ``(T, R, P, S)`` are the Prisoner's Dilemma temptation, reward, punishment and
sucker's payoffs; Chicken uses R (mutual swerve), S (swerve vs straight), T (straight vs swerve),
P (crash). Discounted values are *unnormalised* sums Σ_{t≥0} δ^t u_t over an infinite horizon
(not multiplied by 1−δ): this is the normalisation under which Friedman's grim-trigger condition reads
"8.859 vs 8.824" at δ = 0.66.

The simulator :func:`simulate` plays two strategies against each other for many independent
repetitions at once (numpy state arrays; the only Python loop is over rounds). Each intended move
flips with probability ``noise``: proxy attacks made without instruction read as
this noise, and shows why TFT "exchanges" then spiral (Axelrod 1984; Wu & Axelrod 1995).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from .._check import count, finite_array, in_range, payoffs_by_name, probability, strict_order
from ..errors import ParameterError, close_match_hint

__all__ = [
    "grim_trigger_threshold",
    "tft_threshold",
    "generous_tft_forgiveness",
    "chicken_mixed_payoff",
    "chicken_cooperation_threshold",
    "violence_equilibrium_threshold",
    "shock_breaks",
    "ShockOutcome",
    "discounted_value",
    "deviation_gain",
    "DeviationGain",
    "Strategy",
    "TitForTat",
    "GenerousTitForTat",
    "GrimTrigger",
    "AlwaysDefect",
    "AlwaysCooperate",
    "Pavlov",
    "Cycle",
    "STRATEGIES",
    "simulate",
    "SimulationResult",
]

_PD = "the prisoner's dilemma"


# ---------------------------------------------------------------------------------------------
# validation helpers (this module's own: they broadcast, then defer to _check for the message)
# ---------------------------------------------------------------------------------------------
def _numbers(**named) -> list[np.ndarray]:
    return [finite_array(v, k) for k, v in named.items()]


def _nonzero(value: np.ndarray, what: str, model: str) -> None:
    if np.any(value == 0):
        raise ParameterError(
            f"{model}: {what} is zero, so the threshold is undefined. "
            "Give payoffs with the ordering that defines the model (strict=True checks it)."
        )


def _out(x):
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


def _pd(T, R, P, S, *, strict: bool, need_rs: bool):
    T, R, P, S = _numbers(T=T, R=R, P=P, S=S)
    if strict:
        strict_order({"S": S, "P": P, "R": R, "T": T}, _PD)
        # 2R > T+S: mutual cooperation beats taking turns exploiting each other
        strict_order({"T+S": T + S, "2R": 2 * R}, _PD + " (2R > T+S)")
    else:
        _nonzero(T - P, "T − P", _PD)
        if need_rs:
            _nonzero(R - S, "R − S", _PD)
    return T, R, P, S


# ---------------------------------------------------------------------------------------------
# Prisoner's Dilemma thresholds
# ---------------------------------------------------------------------------------------------
@payoffs_by_name
def grim_trigger_threshold(*, T, R, P, S, strict: bool = True):
    """Smallest discount factor at which grim trigger sustains cooperation: δ* = (T−R)/(T−P).

    Cooperating forever pays R/(1−δ); defecting once pays T + δP/(1−δ). Grim trigger is a
    subgame-perfect equilibrium of the infinitely repeated Prisoner's Dilemma iff δ ≥ δ*
    (at δ = δ* the player is indifferent and cooperation is, weakly, an equilibrium).

    Parameters
    ----------
    T, R, P, S : float or array_like
        Temptation, reward, punishment and sucker's payoffs (utils per round); broadcast.
    strict : bool, default True
        Check the Prisoner's Dilemma ordering T > R > P > S and 2R > T + S. With ``strict=False``
        only T ≠ P is required (the formula is then applied as is).

    Returns
    -------
    float or ndarray
        δ*, per round.

    Raises
    ------
    ParameterError
        The ordering fails (strict) or T = P.

    References
    ----------
    Friedman, J. 1971. A non-cooperative equilibrium for supergames. *Rev. Econ. Stud.* 38(1).
    Osborne, M. 2004. *An Introduction to Game Theory*, ch. 14.

    Examples
    --------
    >>> grim_trigger_threshold(T=5, R=3, P=1, S=0)
    0.5
    """
    T, R, P, S = _pd(T, R, P, S, strict=strict, need_rs=False)
    return _out((T - R) / (T - P))


@payoffs_by_name
def tft_threshold(*, T, R, P, S, strict: bool = True):
    """Smallest discount factor at which TIT FOR TAT is collectively stable.

    δ* = max((T−R)/(T−P), (T−R)/(R−S)): TFT must resist both permanent defection (T then P
    forever) and alternation D, C, D, C, … (T, S, T, S, …), which pays T/(1−δ²) against
    R/(1−δ) for staying with TFT.

    Parameters
    ----------
    T, R, P, S : float or array_like
        Prisoner's Dilemma payoffs (utils per round); broadcast.
    strict : bool, default True
        Check T > R > P > S and 2R > T + S; ``strict=False`` only needs T ≠ P and R ≠ S.

    Returns
    -------
    float or ndarray
        δ*, per round.

    References
    ----------
    Axelrod, R. 1984. *The Evolution of Cooperation*, ch. 3, Proposition 2.

    Examples
    --------
    >>> round(tft_threshold(T=5, R=3, P=1, S=0), 6)
    0.666667
    """
    T, R, P, S = _pd(T, R, P, S, strict=strict, need_rs=True)
    return _out(np.maximum((T - R) / (T - P), (T - R) / (R - S)))


@payoffs_by_name
def generous_tft_forgiveness(*, T, R, P, S, strict: bool = True):
    """Largest safe forgiveness of Generous TFT: g* = min(1 − (T−R)/(R−S), (R−P)/(T−P)).

    GTFT cooperates after the opponent's cooperation and, after a defection, still cooperates with
    probability g. Molander's bound is the most generous g that does not let AllD invade.

    Parameters
    ----------
    T, R, P, S : float or array_like
        Prisoner's Dilemma payoffs (utils per round); broadcast.
    strict : bool, default True
        Check T > R > P > S and 2R > T + S; ``strict=False`` only needs T ≠ P and R ≠ S.

    Returns
    -------
    float or ndarray
        g*, a probability when the ordering holds.

    References
    ----------
    Molander, P. 1985. *J. Conflict Resolution* 29(4). Nowak, M., K. Sigmund 1992. *Nature*
    355:250–253.

    Examples
    --------
    >>> round(generous_tft_forgiveness(T=5, R=3, P=1, S=0), 6)
    0.333333
    """
    T, R, P, S = _pd(T, R, P, S, strict=strict, need_rs=True)
    return _out(np.minimum(1 - (T - R) / (R - S), (R - P) / (T - P)))


# ---------------------------------------------------------------------------------------------
# Repeated Chicken
# ---------------------------------------------------------------------------------------------
def _chicken(T, R, S, P):
    T, R, S, P = _numbers(T=T, R=R, S=S, P=P)
    strict_order({"P": P, "S": S, "R": R, "T": T}, "Chicken")
    return T, R, S, P


@payoffs_by_name
def chicken_mixed_payoff(*, T, R, S, P):
    """Each player's payoff in the mixed equilibrium of Chicken: m = (ST − RP)/(T − R + S − P).

    In the mixed equilibrium each player goes straight with probability
    q = (T−R)/((T−R)+(S−P)); swerving then pays (1−q)R + qS, which simplifies
    to the expression above.

    Parameters
    ----------
    T, R, S, P : float or array_like
        Straight vs swerve, mutual swerve, swerve vs straight, crash (utils); T > R > S > P.

    Examples
    --------
    >>> round(chicken_mixed_payoff(T=1, R=0, S=-1, P=-10), 6)   # q = 0.1, m = -0.1
    -0.1
    """
    T, R, S, P = _chicken(T, R, S, P)
    return _out((S * T - R * P) / (T - R + S - P))


@payoffs_by_name
def chicken_cooperation_threshold(*, T, R, S, P, punishment: str = "pure"):
    """Smallest δ at which mutual swerving is sustained in repeated Chicken.

    Mutual swerving pays R/(1−δ); going straight once pays T, after which play reverts forever to
    a stage equilibrium worth u to the deviator. Cooperation holds iff R ≥ (1−δ)T + δu, i.e.
    δ ≥ (T−R)/(T−u) (derived here).

    * ``punishment="pure"``: reversion to the pure equilibrium in which the *deviator* swerves,
      u = S: δ* = (T−R)/(T−S);
    * ``punishment="mixed"``: reversion to the mixed equilibrium, u = m
      (:func:`chicken_mixed_payoff`): δ* = (T−R)/(T−m).

    Parameters
    ----------
    T, R, S, P : float or array_like
        Straight vs swerve, mutual swerve, swerve vs straight, crash (utils per round);
        T > R > S > P.
    punishment : {"pure", "mixed"}
        Which stage equilibrium punishes a deviation.

    Examples
    --------
    >>> chicken_cooperation_threshold(T=1, R=0, S=-1, P=-10)                      # 1/9
    0.5
    >>> round(chicken_cooperation_threshold(T=1, R=0, S=-1, P=-10, punishment="mixed"), 6)
    0.909091
    """
    if punishment not in ("pure", "mixed"):
        raise ParameterError(
            f"punishment must be 'pure' or 'mixed'; got {punishment!r}."
            + close_match_hint(str(punishment), ["pure", "mixed"])
        )
    T, R, S, P = _chicken(T, R, S, P)
    u = S if punishment == "pure" else (S * T - R * P) / (T - R + S - P)
    return _out((T - R) / (T - u))


# ---------------------------------------------------------------------------------------------
# "Equilibrium of violence"
# ---------------------------------------------------------------------------------------------
def violence_equilibrium_threshold(exchange, deviation, war):
    """Smallest δ at which calibrated exchanges are sustained by the threat of war.

    Each round the sides trade calibrated blows (payoff u_E per round). Escalating once pays u_D,
    after which the relationship falls into war, u_P per round. The exchange is an equilibrium iff
    u_E/(1−δ) ≥ u_D + δu_P/(1−δ), i.e. δ ≥ δ* = (u_D − u_E)/(u_D − u_P) (derived here);
    cf. Sobelman 2016/17, *International Security* 41(3):151–196, on the Israel–Hezbollah
    "rules of the game".

    Parameters
    ----------
    exchange : float or array_like
        u_E, per-round payoff of the calibrated exchange (utils).
    deviation : float or array_like
        u_D, one-round payoff of escalating (utils).
    war : float or array_like
        u_P, per-round payoff of the war that follows (utils). Requires u_P < u_E < u_D.

    Examples
    --------
    >>> violence_equilibrium_threshold(0, 2, -8)     # 0.2
    0.2
    """
    u_e, u_d, u_p = _numbers(exchange=exchange, deviation=deviation, war=war)
    strict_order({"war": u_p, "exchange": u_e, "deviation": u_d}, "the equilibrium of violence")
    return _out((u_d - u_e) / (u_d - u_p))


@dataclass(frozen=True)
class ShockOutcome:
    """Whether a shock to the escalation payoff breaks the equilibrium of violence.

    Attributes
    ----------
    breaks : bool or ndarray of bool
        True where the exchange was sustained before the shock (δ ≥ threshold_before) and is not
        after it (δ < threshold_after).
    threshold_before, threshold_after : float or ndarray
        δ* before and after the shock.
    """

    breaks: bool | np.ndarray
    threshold_before: float | np.ndarray
    threshold_after: float | np.ndarray

    def __bool__(self) -> bool:
        return bool(np.all(self.breaks))


def shock_breaks(delta, exchange, deviation_before, deviation_after, war) -> ShockOutcome:
    """Does a shock that raises the one-round escalation payoff break the equilibrium of violence?

    The shock moves δ* = (u_D − u_E)/(u_D − u_P) from its value at ``deviation_before`` to its
    value at ``deviation_after``. The equilibrium breaks for every δ with
    δ*_before ≤ δ < δ*_after (tie rule: at δ = δ* the exchange is weakly sustained).
    Derived here; cf. Sobelman (2016/17), *International Security* 41(3).

    Parameters
    ----------
    delta : float or array_like
        Discount factor, per round, in [0, 1).
    exchange, deviation_before, deviation_after, war : float or array_like
        u_E, u_D before and after the shock, u_P (utils); each pair must satisfy u_P < u_E < u_D.

    Returns
    -------
    ShockOutcome

    Examples
    --------
    >>> out = shock_breaks(0.25, 0, 2, 4, -8)
    >>> out.breaks, out.threshold_before, round(out.threshold_after, 6)
    (True, 0.2, 0.333333)
    """
    d = in_range(delta, "delta (discount factor)", 0.0, 1.0, closed=(True, False), unit="per round")
    before = violence_equilibrium_threshold(exchange, deviation_before, war)
    after = violence_equilibrium_threshold(exchange, deviation_after, war)
    breaks = (np.asarray(d) >= before) & (np.asarray(d) < after)
    return ShockOutcome(
        breaks=bool(breaks) if breaks.ndim == 0 else breaks,
        threshold_before=before,
        threshold_after=after,
    )


# ---------------------------------------------------------------------------------------------
# Discounted payoffs
# ---------------------------------------------------------------------------------------------
def discounted_value(stream, delta, *, periodic: bool = False):
    """Unnormalised discounted value Σ_t δ^t u_t of a payoff stream (t = 0, 1, …).

    Parameters
    ----------
    stream : array_like, shape (n,)
        Payoffs u_0, …, u_{n−1} (utils per round).
    delta : float or array_like
        Discount factor(s), per round; broadcast against each other, not against `stream`.
    periodic : bool, default False
        If True the stream repeats forever: the value is Σ_{t<n} δ^t u_t / (1 − δ^n), which needs
        δ < 1. If False the stream is finite (horizon n).

    Examples
    --------
    Cooperating with TFT (R = 3 forever) against alternating D, C, … (5, 0, 5, 0, …), δ = 0.66:

    >>> round(discounted_value([3], 0.66, periodic=True), 3)
    8.824
    >>> round(discounted_value([5, 0], 0.66, periodic=True), 3)
    8.859
    """
    u = finite_array(stream, "stream")
    if u.ndim != 1 or u.size == 0:
        raise ParameterError(
            f"stream must be a non-empty 1-D sequence of per-round payoffs; got shape {u.shape}."
        )
    high = 1.0 if periodic else math.inf
    d = np.asarray(
        in_range(delta, "delta (discount factor)", 0.0, high, closed=(True, not periodic)),
        dtype=float,
    )
    powers = d[..., None] ** np.arange(u.size)
    value = powers @ u
    if periodic:
        value = value / (1.0 - d**u.size)
    return _out(value)


@dataclass(frozen=True)
class DeviationGain:
    """Discounted values of deviating and of conforming, for one player (utils, unnormalised).

    Attributes
    ----------
    deviation_value : float
        Σ δ^t u_t of the deviating strategy against the opponent.
    conforming_value : float
        Σ δ^t u_t of playing the opponent's own strategy against it (the equilibrium path).
    rounds : int
        Horizon simulated; the truncated tail is below 1e-12 relative to the values.
    """

    deviation_value: float
    conforming_value: float
    rounds: int

    @property
    def gain(self) -> float:
        """deviation_value − conforming_value."""
        return self.deviation_value - self.conforming_value

    @property
    def pays(self) -> bool:
        """True when deviating is strictly better."""
        return self.gain > 0


def deviation_gain(
    deviation, against="tft", payoffs=(5, 3, 1, 0), *, delta, rounds=None, seed=None
) -> DeviationGain:
    """Check a threshold by simulation: does `deviation` beat conforming against `against`?

    Both streams are produced by :func:`simulate` without noise: the deviator plays `deviation`
    against `against`; the conformer plays `against` against itself. Each is valued by
    :func:`discounted_value` (Σ_{t≥0} δ^t u_t, unnormalised) over a horizon long enough that the
    neglected tail is < 1e-12 of the payoff scale, so the values equal the infinite-horizon ones
    to printed precision.

    Parameters
    ----------
    deviation, against : str or Strategy
        Strategies (see :data:`STRATEGIES`, or e.g. ``Cycle("DC")`` for D, C, D, C, …).
    payoffs : (T, R, P, S)
        Stage payoffs (utils per round).
    delta : float
        Discount factor in [0, 1).
    rounds : int, optional
        Horizon; by default the smallest one with δ^rounds/(1−δ) < 1e-13.
    seed : int or numpy.random.Generator, optional
        Only used by randomised strategies (GTFT).

    Examples
    --------
    Alternating D, C, … against TFT pays at δ = 0.66 (threshold 2/3), not at 0.67.

    >>> g = deviation_gain(Cycle("DC"), "tft", (5, 3, 1, 0), delta=0.66)
    >>> round(g.deviation_value, 3), round(g.conforming_value, 3), g.pays
    (8.859, 8.824, True)
    >>> deviation_gain(Cycle("DC"), "tft", (5, 3, 1, 0), delta=0.67).pays
    False
    """
    d = in_range(delta, "delta (discount factor)", 0.0, 1.0, closed=(True, False), unit="per round")
    if not isinstance(d, float):
        raise ParameterError("delta must be a single number here; loop over deltas to sweep.")
    if rounds is None:
        rounds = 1 if d == 0 else max(1, math.ceil(math.log(1e-13 * (1 - d)) / math.log(d)))
        if rounds > 1_000_000:
            raise ParameterError(
                f"delta={d:g} is so close to 1 that the horizon needs {rounds} rounds; "
                "pass rounds= explicitly or use the closed-form thresholds."
            )
    rng = np.random.default_rng(seed)
    dev = simulate(deviation, against, payoffs, rounds=rounds, seed=rng)
    conf = simulate(against, against, payoffs, rounds=rounds, seed=rng)
    return DeviationGain(
        deviation_value=float(discounted_value(dev.payoff_by_round[:, 0], d)),
        conforming_value=float(discounted_value(conf.payoff_by_round[:, 0], d)),
        rounds=int(rounds),
    )


# ---------------------------------------------------------------------------------------------
# Strategies for the simulator (vectorised over repetitions)
# ---------------------------------------------------------------------------------------------
class Strategy:
    """Base class of repeated-game strategies played by :func:`simulate`.

    A strategy sees the *actual* (post-noise) moves of the previous round and returns its intended
    moves for a whole batch of repetitions at once, as boolean arrays (True = cooperate).
    Subclasses are frozen dataclasses; parameters are validated in ``__post_init__``.
    """

    name = "strategy"

    def start(self, n: int, rng: np.random.Generator):
        """Intended first moves (bool array of length n) and the initial state."""
        raise TypeError(f"{type(self).__name__} does not define start()")

    def step(self, state, own, other, t: int, rng: np.random.Generator):
        """Intended moves in round t given last round's actual moves; returns (moves, state)."""
        raise TypeError(f"{type(self).__name__} does not define step()")

    def bind(self, payoffs: tuple[float, float, float, float]) -> Strategy:
        """The strategy with any payoff-dependent default resolved (e.g. GTFT's g*)."""
        return self


@dataclass(frozen=True)
class TitForTat(Strategy):
    """Cooperate first, then copy the opponent's last actual move (Axelrod 1984)."""

    name = "tft"

    def start(self, n, rng):
        return np.ones(n, dtype=bool), None

    def step(self, state, own, other, t, rng):
        return other.copy(), None


@dataclass(frozen=True)
class GenerousTitForTat(Strategy):
    """TFT that cooperates after a defection with probability `generosity` (Molander 1985).

    ``generosity=None`` uses Molander's bound g* of the payoffs being played
    (:func:`generous_tft_forgiveness`; needs a strict Prisoner's Dilemma).
    """

    generosity: float | None = None
    name = "gtft"

    def __post_init__(self):
        if self.generosity is not None:
            object.__setattr__(
                self, "generosity", float(probability(self.generosity, "generosity"))
            )

    def bind(self, payoffs):
        if self.generosity is not None:
            return self
        return replace(
            self,
            generosity=float(generous_tft_forgiveness(**dict(zip("TRPS", payoffs, strict=True)))),
        )

    def start(self, n, rng):
        return np.ones(n, dtype=bool), None

    def step(self, state, own, other, t, rng):
        g = self.generosity if self.generosity is not None else 0.0
        return other | (rng.random(other.shape[0]) < g), None


@dataclass(frozen=True)
class GrimTrigger(Strategy):
    """Cooperate until the opponent first actually defects, then defect forever (Friedman 1971)."""

    name = "grim"

    def start(self, n, rng):
        return np.ones(n, dtype=bool), np.zeros(n, dtype=bool)

    def step(self, state, own, other, t, rng):
        triggered = state | ~other
        return ~triggered, triggered


@dataclass(frozen=True)
class AlwaysDefect(Strategy):
    """Defect every round (AllD)."""

    name = "alld"

    def start(self, n, rng):
        return np.zeros(n, dtype=bool), None

    def step(self, state, own, other, t, rng):
        return np.zeros(other.shape[0], dtype=bool), None


@dataclass(frozen=True)
class AlwaysCooperate(Strategy):
    """Cooperate every round (AllC)."""

    name = "allc"

    def start(self, n, rng):
        return np.ones(n, dtype=bool), None

    def step(self, state, own, other, t, rng):
        return np.ones(other.shape[0], dtype=bool), None


@dataclass(frozen=True)
class Pavlov(Strategy):
    """Win-stay, lose-shift: cooperate first, then cooperate iff both moved alike last round.

    Nowak, M., K. Sigmund 1993. A strategy of win-stay, lose-shift that outperforms tit-for-tat
    in the Prisoner's Dilemma game. *Nature* 364:56–58.
    """

    name = "pavlov"

    def start(self, n, rng):
        return np.ones(n, dtype=bool), None

    def step(self, state, own, other, t, rng):
        return own == other, None


@dataclass(frozen=True)
class Cycle(Strategy):
    """Play a fixed sequence of moves over and over, e.g. ``Cycle("DC")`` = D, C, D, C, …"""

    moves: str = "DC"
    pattern: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        moves = self.moves
        if not isinstance(moves, str) or not moves or set(moves.upper()) - {"C", "D"}:
            raise ParameterError(
                f"moves must be a non-empty string of 'C' and 'D' (e.g. 'DC'); got {self.moves!r}."
            )
        pattern = np.array([m == "C" for m in self.moves.upper()], dtype=bool)
        pattern.setflags(write=False)
        object.__setattr__(self, "moves", self.moves.upper())
        object.__setattr__(self, "pattern", pattern)

    @property
    def name(self) -> str:
        return f"cycle({self.moves})"

    def start(self, n, rng):
        return np.full(n, self.pattern[0]), None

    def step(self, state, own, other, t, rng):
        return np.full(other.shape[0], self.pattern[t % self.pattern.size]), None


#: Strategies available by name in :func:`simulate` ("wsls" is an alias of "pavlov").
STRATEGIES = {
    "tft": TitForTat(),
    "gtft": GenerousTitForTat(),
    "grim": GrimTrigger(),
    "alld": AlwaysDefect(),
    "allc": AlwaysCooperate(),
    "pavlov": Pavlov(),
    "wsls": Pavlov(),
}


def _strategy(value, which: str) -> Strategy:
    if isinstance(value, Strategy):
        return value
    if isinstance(value, str):
        key = value.strip().lower()
        if key in STRATEGIES:
            return STRATEGIES[key]
        raise ParameterError(
            f"{which} {value!r} is not a known strategy; known: {sorted(STRATEGIES)} "
            "(or pass a Strategy such as GenerousTitForTat(0.3) or Cycle('DC'))."
            + close_match_hint(key, STRATEGIES)
        )
    raise ParameterError(
        f"{which} must be a strategy name or a Strategy instance; got {value!r} "
        f"({type(value).__name__})."
    )


# ---------------------------------------------------------------------------------------------
# Simulator
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Outcome of :func:`simulate`. Index 0 is player A (first strategy), 1 is player B.

    Attributes
    ----------
    strategies : (str, str)
        Names of the two strategies.
    payoffs : (T, R, P, S)
        Stage payoffs used.
    rounds, repetitions : int
        Rounds per repetition and number of independent repetitions.
    noise : float
        Probability that each intended move flips.
    payoff_by_round : ndarray, shape (rounds, 2)
        Payoff of each player in each round, averaged over repetitions.
    cooperation_by_round : ndarray, shape (rounds, 2)
        Fraction of repetitions in which each player actually cooperated, per round.
    payoff_per_repetition : ndarray, shape (repetitions, 2)
        Per-round average payoff of each player in each repetition.
    cooperation_per_repetition : ndarray, shape (repetitions, 2)
        Cooperation rate of each player in each repetition.
    outcome_frequency : ndarray, shape (4,)
        Share of all rounds ending in (C,C), (C,D), (D,C), (D,D) (A's move first).
    """

    strategies: tuple[str, str]
    payoffs: tuple[float, float, float, float]
    rounds: int
    repetitions: int
    noise: float
    payoff_by_round: np.ndarray
    cooperation_by_round: np.ndarray
    payoff_per_repetition: np.ndarray
    cooperation_per_repetition: np.ndarray
    outcome_frequency: np.ndarray

    @property
    def mean_payoff(self) -> np.ndarray:
        """Average payoff per round of each player, shape (2,)."""
        return self.payoff_per_repetition.mean(axis=0)

    @property
    def std_error(self) -> np.ndarray:
        """Standard error of `mean_payoff` across repetitions, shape (2,); NaN if 1 repetition.

        Repetitions are independent, so the spread of the per-repetition averages accounts for
        the autocorrelation of payoffs within a repetition.
        """
        return _std_error(self.payoff_per_repetition)

    @property
    def cooperation_rate(self) -> np.ndarray:
        """Share of rounds in which each player actually cooperated, shape (2,)."""
        return self.cooperation_per_repetition.mean(axis=0)

    @property
    def cooperation_std_error(self) -> np.ndarray:
        """Standard error of `cooperation_rate` across repetitions; NaN if 1 repetition."""
        return _std_error(self.cooperation_per_repetition)

    def __repr__(self) -> str:
        a, b = self.strategies
        pa, pb = self.mean_payoff
        return (
            f"<SimulationResult {a} vs {b}: {self.rounds} rounds x {self.repetitions} repetitions, "
            f"noise={self.noise:g}; mean payoff per round ({pa:.4g}, {pb:.4g})>"
        )


def _std_error(per_rep: np.ndarray) -> np.ndarray:
    n = per_rep.shape[0]
    if n < 2:
        return np.full(per_rep.shape[1], np.nan)
    return per_rep.std(axis=0, ddof=1) / math.sqrt(n)


def simulate(
    strategy_a,
    strategy_b,
    payoffs=(5, 3, 1, 0),
    *,
    rounds,
    noise=0.0,
    repetitions=1,
    seed=None,
) -> SimulationResult:
    """Play a repeated 2×2 game between two strategies, many repetitions at once.

    Each round both strategies choose an intended move from last round's *actual* moves; each
    intended move then flips independently with probability `noise` (a trembling hand, or a proxy
    acting without instruction). Payoffs per round are R (C,C), S/T (C,D),
    T/S (D,C), P (D,D). All repetitions advance together as numpy arrays.

    Parameters
    ----------
    strategy_a, strategy_b : str or Strategy
        A name in :data:`STRATEGIES` ("tft", "gtft", "grim", "alld", "allc", "pavlov") or an
        instance (``GenerousTitForTat(0.2)``, ``Cycle("DC")``, …).
    payoffs : (T, R, P, S), default (5, 3, 1, 0)
        Stage payoffs (utils per round). Any finite numbers are accepted (Chicken read as
        C = swerve works too); "gtft" without an explicit generosity needs a strict PD.
    rounds : int
        Rounds per repetition (≥ 1).
    noise : float, default 0
        Probability that each intended move flips, in [0, 1].
    repetitions : int, default 1
        Independent repetitions (≥ 1); standard errors need ≥ 2.
    seed : int, numpy.random.Generator or None
        Turned once into ``np.random.default_rng(seed)``.

    Returns
    -------
    SimulationResult

    Examples
    --------
    >>> r = simulate("grim", "alld", rounds=10)
    >>> r.mean_payoff          # grim: S then P x 9 = 0.9; AllD: T then P x 9 = 1.4
    array([0.9, 1.4])
    >>> simulate("tft", "tft", rounds=50).mean_payoff
    array([3., 3.])
    """
    a = _strategy(strategy_a, "strategy_a")
    b = _strategy(strategy_b, "strategy_b")
    pay = finite_array(payoffs, "payoffs (T, R, P, S)")
    if pay.shape != (4,):
        raise ParameterError(
            f"payoffs must be the four numbers (T, R, P, S); got shape {pay.shape}."
        )
    T, R, P, S = (float(v) for v in pay)
    a, b = a.bind((T, R, P, S)), b.bind((T, R, P, S))
    n_rounds = count(rounds, "rounds", minimum=1)
    n_reps = count(repetitions, "repetitions", minimum=1)
    eps = float(probability(noise, "noise"))
    rng = np.random.default_rng(seed)

    # outcome index 2*a_cooperates + b_cooperates: 0=(D,D) 1=(D,C) 2=(C,D) 3=(C,C)
    table_a = np.array([P, T, S, R])
    table_b = np.array([P, S, T, R])
    payoff_by_round = np.empty((n_rounds, 2))
    coop_by_round = np.empty((n_rounds, 2))
    pay_sum = np.zeros((n_reps, 2))
    coop_sum = np.zeros((n_reps, 2))
    outcome_counts = np.zeros(4, dtype=np.int64)

    intent_a, state_a = a.start(n_reps, rng)
    intent_b, state_b = b.start(n_reps, rng)
    act_a = act_b = intent_a
    for t in range(n_rounds):
        if t > 0:
            intent_a, state_a = a.step(state_a, act_a, act_b, t, rng)
            intent_b, state_b = b.step(state_b, act_b, act_a, t, rng)
        if eps > 0:
            flips = rng.random((2, n_reps)) < eps
            act_a = intent_a ^ flips[0]
            act_b = intent_b ^ flips[1]
        else:
            act_a, act_b = intent_a, intent_b
        outcome = 2 * act_a.astype(np.intp) + act_b
        u_a = table_a[outcome]
        u_b = table_b[outcome]
        pay_sum[:, 0] += u_a
        pay_sum[:, 1] += u_b
        coop_sum[:, 0] += act_a
        coop_sum[:, 1] += act_b
        payoff_by_round[t] = u_a.mean(), u_b.mean()
        coop_by_round[t] = act_a.mean(), act_b.mean()
        outcome_counts += np.bincount(outcome, minlength=4)

    arrays = {
        "payoff_by_round": payoff_by_round,
        "cooperation_by_round": coop_by_round,
        "payoff_per_repetition": pay_sum / n_rounds,
        "cooperation_per_repetition": coop_sum / n_rounds,
        # reorder to (C,C), (C,D), (D,C), (D,D)
        "outcome_frequency": outcome_counts[::-1] / (n_rounds * n_reps),
    }
    for arr in arrays.values():
        arr.setflags(write=False)
    return SimulationResult(
        strategies=(a.name, b.name),
        payoffs=(T, R, P, S),
        rounds=n_rounds,
        repetitions=n_reps,
        noise=eps,
        **arrays,
    )
