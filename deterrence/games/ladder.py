"""Escalation ladders: Kahn's 44 rungs, the 2024 conventional sub-ladder, and a ladder game.

Kahn (1965, *On Escalation: Metaphors and Scenarios*) orders the options of a crisis into 44 rungs
grouped in 7 units separated by 6 thresholds. It is not a game but an
ordered action space with salient thresholds (Schelling's focal points). :func:`ladder_game` turns
any ordered list of rungs into a two-player game in which the side on the higher rung prevails,
costs rise with the rung, and the chance that the crisis slips into war rises with the higher rung
(Schelling's "threat that leaves something to chance"). :func:`ladder_threshold` finds, by root
finding, the parameter value at which the least-escalated equilibrium changes its top rung.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._check import count, finite_array, nonnegative, probability
from .._tol import XTOL
from ..errors import InvalidGameError, ParameterError, ProbabilityError, close_match_hint
from ..roots import crossing

__all__ = [
    "Rung",
    "Unit",
    "Threshold",
    "Ladder",
    "KAHN_LADDER",
    "SUBLADDER_2024",
    "ladder_payoffs",
    "war_probabilities",
    "ladder_game",
    "LadderThreshold",
    "ladder_threshold",
]


def _key(name: str) -> str:
    """Lookup key: case, quotes, dashes and punctuation ignored."""
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


@dataclass(frozen=True)
class Rung:
    """One rung of an escalation ladder.

    Attributes
    ----------
    number : int
        Position on the ladder, 1 = lowest.
    name : str
        The rung's name.
    description : str
        A short gloss.
    date : str or None
        ISO date of a public anchor event, if any.
    """

    number: int
    name: str
    description: str = ""
    date: str | None = None

    def __post_init__(self):
        count(self.number, "rung number", minimum=1)
        if not isinstance(self.name, str) or not self.name.strip():
            raise InvalidGameError(f"rung {self.number} needs a non-empty name; got {self.name!r}.")
        if self.date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(self.date)):
            raise ParameterError(
                f"date of rung {self.number} must be an ISO date 'YYYY-MM-DD'; got {self.date!r}."
            )


@dataclass(frozen=True)
class Unit:
    """A group of consecutive rungs (Kahn's "units"), rungs ``first`` to ``last`` inclusive."""

    name: str
    first: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True)
class Threshold:
    """A salient threshold lying between rung ``after`` and rung ``after + 1``."""

    name: str
    after: int


@dataclass(frozen=True)
class Ladder:
    """An ordered escalation ladder with optional units and thresholds.

    Parameters
    ----------
    rungs : sequence of Rung
        Numbered 1, 2, …, n in order, with distinct names.
    units : sequence of Unit, optional
        Consecutive groups covering rungs 1..n exactly, in order.
    thresholds : sequence of Threshold, optional
        With units: one between each pair of consecutive units (``after`` = the lower unit's last
        rung). Without units: any strictly increasing positions in 1..n−1.
    name : str
        A title.

    Examples
    --------
    >>> KAHN_LADDER[9].name, KAHN_LADDER["spasm or insensate war"].number
    ('Dramatic Military Confrontations', 44)
    >>> [t.name for t in KAHN_LADDER.thresholds_between(9, 10)]
    ['Nuclear War Is Unthinkable']
    >>> KAHN_LADDER.unit_of(21).name
    'Bizarre Crises'
    """

    rungs: tuple[Rung, ...]
    units: tuple[Unit, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    name: str = "ladder"

    def __post_init__(self):
        rungs = tuple(self.rungs)
        units = tuple(self.units)
        thresholds = tuple(self.thresholds)
        object.__setattr__(self, "rungs", rungs)
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "thresholds", thresholds)
        if not rungs:
            raise InvalidGameError("a ladder needs at least one rung.")
        for i, r in enumerate(rungs, start=1):
            if not isinstance(r, Rung):
                raise InvalidGameError(f"rungs must be Rung objects; item {i} is {r!r}.")
            if r.number != i:
                raise InvalidGameError(
                    f"rungs must be numbered 1, 2, … in order; position {i} holds rung {r.number}."
                )
        keys = [_key(r.name) for r in rungs]
        dupes = sorted({r.name for r, k in zip(rungs, keys, strict=True) if keys.count(k) > 1})
        if dupes:
            raise InvalidGameError(f"rung names must be distinct; repeated: {dupes}.")
        n = len(rungs)
        if units:
            expected = 1
            for u in units:
                if u.first != expected or u.last < u.first:
                    raise InvalidGameError(
                        f"units must cover rungs 1..{n} consecutively; unit {u.name!r} spans "
                        f"{u.first}–{u.last} but should start at {expected}."
                    )
                expected = u.last + 1
            if expected != n + 1:
                raise InvalidGameError(
                    f"units cover rungs 1..{expected - 1} but the ladder has {n} rungs."
                )
            boundaries = [u.last for u in units[:-1]]
            if thresholds and [t.after for t in thresholds] != boundaries:
                raise InvalidGameError(
                    "thresholds must lie between consecutive units, after rungs "
                    f"{boundaries}; got after {[t.after for t in thresholds]}."
                )
        else:
            positions = [t.after for t in thresholds]
            if any(not 1 <= p < n for p in positions) or positions != sorted(set(positions)):
                raise InvalidGameError(
                    f"threshold positions must be strictly increasing within 1..{n - 1}; "
                    f"got {positions}."
                )

    # -- lookups ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.rungs)

    def __iter__(self):
        return iter(self.rungs)

    def __getitem__(self, key: int | str) -> Rung:
        return self.rung(key)

    @property
    def names(self) -> tuple[str, ...]:
        """Rung names, lowest first."""
        return tuple(r.name for r in self.rungs)

    @property
    def unit_sizes(self) -> tuple[int, ...]:
        """Number of rungs in each unit."""
        return tuple(u.size for u in self.units)

    def rung(self, key: int | str) -> Rung:
        """The rung with this number (1-based) or name (case and punctuation ignored)."""
        if isinstance(key, Rung):
            key = key.number
        if isinstance(key, str):
            k = _key(key)
            for r in self.rungs:
                if _key(r.name) == k:
                    return r
            raise KeyError(
                f"{self.name} has no rung named {key!r}." + close_match_hint(key, self.names)
            )
        if isinstance(key, bool) or not isinstance(key, int | np.integer):
            raise KeyError(f"rung key must be a rung number or name; got {key!r}.")
        if not 1 <= key <= len(self.rungs):
            raise KeyError(f"{self.name} has rungs 1..{len(self.rungs)}; got rung number {key}.")
        return self.rungs[int(key) - 1]

    def unit_of(self, key: int | str) -> Unit:
        """The unit holding a rung."""
        r = self.rung(key)
        for u in self.units:
            if u.first <= r.number <= u.last:
                return u
        raise KeyError(f"{self.name} defines no units.")

    def thresholds_between(self, a: int | str, b: int | str) -> tuple[Threshold, ...]:
        """Thresholds crossed moving from rung `a` to rung `b` (either direction), lowest first."""
        lo, hi = sorted((self.rung(a).number, self.rung(b).number))
        return tuple(t for t in self.thresholds if lo <= t.after < hi)


def _build(name, entries, units=(), thresholds=()):
    rungs = tuple(Rung(i, *e) for i, e in enumerate(entries, start=1))
    return Ladder(
        rungs=rungs,
        units=tuple(Unit(*u) for u in units),
        thresholds=tuple(Threshold(*t) for t in thresholds),
        name=name,
    )


# Names as in Kahn (1965), checked against the rung list reproduced on the Baloogan Campaign wiki
# and the book's table of contents (Intense Crises, rungs 10–20)
KAHN_LADDER = _build(
    "Kahn's escalation ladder (1965)",
    [
        ("Ostensible Crisis",),
        ("Political, Economic, and Diplomatic Gestures",),
        ("Solemn and Formal Declarations",),
        ("Hardening of Positions—Confrontation of Wills",),
        ("Show of Force",),
        ("Significant Mobilization",),
        ('"Legal" Harassment—Retortions',),
        ("Harassing Acts of Violence",),
        ("Dramatic Military Confrontations",),
        ("Provocative Breaking Off of Diplomatic Relations",),
        ("Super-Ready Status",),
        ("Large Conventional War (or Actions)",),
        ("Large Compound Escalation",),
        ("Declaration of Limited Conventional War",),
        ("Barely Nuclear War",),
        ('Nuclear "Ultimatums"',),
        ("Limited Evacuation (Approximately 20 Percent)",),
        ("Spectacular Show or Demonstration of Force",),
        ('"Justifiable" Counterforce Attack',),
        ('"Peaceful" World-Wide Embargo or Blockade',),
        ("Local Nuclear War—Exemplary",),
        ("Declaration of Limited Nuclear War",),
        ("Local Nuclear War—Military",),
        ("Unusual, Provocative, and Significant Countermeasures",),
        ("Evacuation (Approximately 70 Percent)",),
        ("Demonstration Attack on Zone of Interior",),
        ("Exemplary Attack on Military",),
        ("Exemplary Attacks Against Property",),
        ("Exemplary Attacks on Population",),
        ("Complete Evacuation (Approximately 95 Percent)",),
        ("Reciprocal Reprisals",),
        ('Formal Declaration of "General" War',),
        ('Slow-Motion Counter-"Property" War',),
        ("Slow-Motion Counterforce War",),
        ("Constrained Force-Reduction Salvo",),
        ("Constrained Disarming Attack",),
        ("Counterforce-with-Avoidance Attack",),
        ("Unmodified Counterforce Attack",),
        ("Slow-Motion Countercity War",),
        ("Countervalue Salvo",),
        ("Augmented Disarming Attack",),
        ("Civilian Devastation Attack",),
        ("Some Other Kinds of Controlled General War",),
        ("Spasm or Insensate War",),
    ],
    units=[
        ("Subcrisis Maneuvering", 1, 3),
        ("Traditional Crises", 4, 9),
        ("Intense Crises", 10, 20),
        ("Bizarre Crises", 21, 25),
        ("Exemplary Central Attacks", 26, 31),
        ("Military Central Wars", 32, 38),
        ("Civilian Central Wars", 39, 44),
    ],
    thresholds=[
        ("Don't Rock the Boat", 3),
        ("Nuclear War Is Unthinkable", 9),
        ("No Nuclear Use", 20),
        ("Central Sanctuary", 25),
        ("Central War", 31),
        ("City Targeting", 38),
    ],
)

# Order and date anchors from public reporting; no units or thresholds are given for it.
SUBLADDER_2024 = _build(
    "Conventional sub-ladder, Iran–Israel–US 2024",
    [
        ("Statements", "Public vows and threats of retaliation; no force used."),
        (
            "Proxy harassment of US bases",
            "Militia rocket and drone attacks on US bases in Iraq, Syria and Jordan (Tower 22, "
            "28 Jan 2024: 3 US soldiers killed; rockets on al-Asad, 5 Aug 2024).",
            "2024-08-05",
        ),
        (
            "Hezbollah strikes within the border rules of the game",
            "Calibrated cross-border fire confined to the border zone and military targets "
            "(Sobelman 2016/17).",
        ),
        (
            "Deeper Hezbollah strikes",
            "Hezbollah fire beyond the border zone, breaking the tacit rules of the game.",
        ),
        (
            "Telegraphed direct Iranian salvo",
            "Announced drone, cruise and ballistic salvo from Iranian territory on military "
            "targets ('True Promise', 13–14 Apr 2024).",
            "2024-04-13",
        ),
        (
            "Unannounced direct ballistic salvo",
            "About 180–200 ballistic missiles on Israeli air bases without advance warning "
            "(1 Oct 2024).",
            "2024-10-01",
        ),
        (
            "Strikes on civilian or energy targets",
            "Deliberate attacks on cities, infrastructure or oil and gas facilities.",
        ),
        ("US direct entry", "The United States joins the war against Iran directly."),
        (
            "Strikes on Iranian territory or nuclear sites",
            "Strikes inside Iran up to its nuclear programme; limited forms were Israel's strikes "
            "near Isfahan (19 Apr 2024) and on air defences and missile production (26 Oct 2024).",
            "2024-10-26",
        ),
    ],
)


# ---------------------------------------------------------------------------------------------
# The ladder game
# ---------------------------------------------------------------------------------------------
def _rung_names(rungs) -> tuple[str, ...]:
    if isinstance(rungs, str) or not isinstance(rungs, Ladder | Sequence):
        raise InvalidGameError(
            f"rungs must be a sequence of rung names or a Ladder; got {rungs!r}."
        )
    names = tuple(r.name if isinstance(r, Rung) else r for r in rungs)
    if len(names) < 2:
        raise InvalidGameError(f"a ladder game needs at least 2 rungs; got {len(names)}.")
    for s in names:
        if not isinstance(s, str) or not s.strip():
            raise InvalidGameError(f"rung names must be non-empty strings; got {s!r}.")
    if len(set(names)) != len(names):
        raise InvalidGameError(f"rung names must be distinct; got {list(names)}.")
    return names


def _pair(value, field: str, *, check=None) -> np.ndarray:
    """A scalar (same for both players) or a pair (row player, column player)."""
    arr = finite_array(value, field)
    if arr.ndim == 0:
        arr = np.array([arr, arr])
    if arr.shape != (2,):
        raise ParameterError(
            f"{field} must be one number (both players) or a pair (row, column); "
            f"got shape {arr.shape}."
        )
    if check is not None:
        check(arr, field)
    return arr


def war_probabilities(loss_of_control, n_rungs: int) -> np.ndarray:
    """P(the crisis slips into war | the higher rung is k), for k = 1..n_rungs.

    Parameters
    ----------
    loss_of_control : float or array_like
        Either one number ℓ, the chance of losing control on each rung climbed, so that
        P(war | k) = 1 − (1 − ℓ)^k; or a vector of the n_rungs probabilities P(war | k) directly,
        which must be non-decreasing (climbing never makes war less likely).
    n_rungs : int
        Number of rungs.

    Examples
    --------
    >>> war_probabilities(0.1, 3)
    array([0.1  , 0.19 , 0.271])
    >>> war_probabilities([0, 0.2], 2)
    array([0. , 0.2])
    """
    n = count(n_rungs, "n_rungs", minimum=1)
    p = np.asarray(probability(loss_of_control, "loss_of_control"), dtype=float)
    if p.ndim == 0:
        return 1.0 - (1.0 - p) ** np.arange(1, n + 1)
    if p.shape != (n,):
        raise ParameterError(
            f"loss_of_control must be one per-rung hazard or {n} war probabilities (one per rung); "
            f"got shape {p.shape}."
        )
    drops = np.flatnonzero(np.diff(p) < 0)
    if drops.size:
        k = int(drops[0]) + 1
        raise ProbabilityError(
            f"loss_of_control must be non-decreasing in the rung: P(war | rung {k + 1}) = "
            f"{p[k]:g} < P(war | rung {k}) = {p[k - 1]:g}. Climbing higher cannot make war "
            "less likely; reorder the rungs or fix the vector."
        )
    return p


def _costs(cost_per_rung, n: int) -> np.ndarray:
    c = finite_array(cost_per_rung, "cost_per_rung")
    if c.ndim == 0:
        nonnegative(float(c), "cost_per_rung", unit="utils per rung")
        return float(c) * np.arange(1, n + 1)
    if c.shape != (n,):
        raise ParameterError(
            f"cost_per_rung must be one number (cost c·k of rung k) or {n} costs, one per rung; "
            f"got shape {c.shape}."
        )
    nonnegative(c, "cost_per_rung", unit="utils")
    if np.any(np.diff(c) < 0):
        raise ParameterError(
            f"cost_per_rung as a vector must be non-decreasing (higher rungs cost more); got {c}."
        )
    return c


def ladder_payoffs(
    n_rungs: int, *, value_of_prevailing, cost_per_rung, loss_of_control, war_cost
) -> tuple[np.ndarray, np.ndarray]:
    """Payoff matrices (A, B) of the ladder game; see :func:`ladder_game` for the formula.

    Examples
    --------
    >>> A, B = ladder_payoffs(2, value_of_prevailing=10, cost_per_rung=1,
    ...                       loss_of_control=[0, 0.2], war_cost=20)
    >>> A
    array([[ 4., -5.],
           [ 2., -2.]])
    """
    n = count(n_rungs, "n_rungs", minimum=1)
    value = _pair(
        value_of_prevailing,
        "value_of_prevailing",
        check=lambda a, f: nonnegative(a, f, unit="utils"),
    )
    war = _pair(war_cost, "war_cost", check=lambda a, f: nonnegative(a, f, unit="utils"))
    cost = _costs(cost_per_rung, n)
    p_war = war_probabilities(loss_of_control, n)
    k = np.arange(n)
    top = np.maximum.outer(k, k)
    p = p_war[top]
    # share of the stake: 1 to the higher rung, 1/2 each on a tie
    share = np.where(k[:, None] > k[None, :], 1.0, np.where(k[:, None] == k[None, :], 0.5, 0.0))
    A = (1 - p) * value[0] * share - cost[:, None] - p * war[0]
    B = (1 - p) * value[1] * share.T - cost[None, :] - p * war[1]
    return A, B


def ladder_game(
    rungs,
    *,
    value_of_prevailing,
    cost_per_rung,
    loss_of_control,
    war_cost,
    players=("Iran", "Israel"),
):
    """An escalation-ladder crisis as a bimatrix game: each side picks a rung.

    With rungs numbered k = 1..n in the order given, row rung i and column rung j, the higher of
    the two, h = max(i, j), sets the risk that the crisis slips into war, p_h
    (:func:`war_probabilities`). If war breaks out both sides lose their war cost and nobody wins
    the stake; otherwise the higher rung prevails (a tie splits the stake). Rung costs are paid
    either way. The row player's payoff is

        u_row(i, j) = (1 − p_h) · V_row · w(i, j) − c_i − p_h · W_row,
        w(i, j) = 1 if i > j, 1/2 if i = j, 0 if i < j,

    and symmetrically for the column player. Kahn's ladder (1965) supplies the ordered rungs;
    the war risk rising with the rung is Schelling's threat that leaves something to chance.

    Parameters
    ----------
    rungs : Ladder or sequence of str
        The rungs open to both sides, lowest first (e.g. ``SUBLADDER_2024`` or a few names).
    value_of_prevailing : float or (float, float)
        V, the stake won by prevailing (utils); one number for both or (row, column).
    cost_per_rung : float or array_like
        c ≥ 0: rung k costs c·k; or a non-decreasing vector of the n rung costs (utils).
    loss_of_control : float or array_like
        ℓ ∈ [0, 1], the per-rung hazard (p_k = 1 − (1 − ℓ)^k), or the n war probabilities
        p_1 ≤ … ≤ p_n directly.
    war_cost : float or (float, float)
        W ≥ 0, each side's loss if the crisis becomes a war (utils).
    players : (str, str)
        Names of the row and column players.

    Returns
    -------
    deterrence.game.Game

    Examples
    --------
    >>> g = ladder_game(["hold", "escalate"], value_of_prevailing=10, cost_per_rung=1,
    ...                 loss_of_control=[0, 0.2], war_cost=5)
    >>> g.payoff("hold", "escalate")
    (-2.0, 5.0)
    """
    from ..game import Game

    names = _rung_names(rungs)
    A, B = ladder_payoffs(
        len(names),
        value_of_prevailing=value_of_prevailing,
        cost_per_rung=cost_per_rung,
        loss_of_control=loss_of_control,
        war_cost=war_cost,
    )
    return Game(A, B, players=players, strategies=(names, names), name="Escalation ladder game")


# ---------------------------------------------------------------------------------------------
# Thresholds of the ladder game
# ---------------------------------------------------------------------------------------------
_VARY = ("war_cost", "loss_of_control", "value_of_prevailing", "cost_per_rung")


@dataclass(frozen=True)
class LadderThreshold:
    """Where the least-escalated pure equilibrium of a ladder game changes its top rung.

    Attributes
    ----------
    parameter : str
        The parameter varied.
    value : float
        The threshold. Tie rule: a profile whose best deviation gains exactly 0 counts as an
        equilibrium, so at `value` itself a profile entering the equilibrium set already belongs
        to it and a profile leaving it still does.
    top_rung_before, top_rung_after : str or None
        Top rung (the higher of the two sides' rungs) of the least-escalated pure equilibrium just
        below and just above `value`; None where no pure equilibrium exists.
    """

    parameter: str
    value: float
    top_rung_before: str | None
    top_rung_after: str | None


def _margins(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Best gain from a unilateral deviation at each pure profile (≤ 0 ⇔ Nash equilibrium)."""

    def best_other(M, axis):
        # the largest entry along `axis` excluding the entry itself
        s = np.sort(M, axis=axis)
        first = np.take(s, -1, axis=axis)
        second = np.take(s, -2, axis=axis)
        mx = np.expand_dims(first, axis)
        return np.where(M == mx, np.expand_dims(second, axis), mx)

    return np.maximum(best_other(A, 0) - A, best_other(B, 1) - B)


def _top(margins: np.ndarray) -> int | None:
    eq = np.argwhere(margins <= 0)
    return None if eq.size == 0 else int(eq.max(axis=1).min())


def ladder_threshold(
    rungs,
    *,
    vary: str = "war_cost",
    bracket,
    value_of_prevailing=None,
    cost_per_rung=None,
    loss_of_control=None,
    war_cost=None,
    grid: int = 129,
    xtol: float = XTOL,
) -> LadderThreshold:
    """Find the parameter value at which the least-escalated pure equilibrium changes rung.

    For each value x of the parameter `vary`, the least-escalated pure equilibrium is the pure
    Nash equilibrium of :func:`ladder_game` whose top rung max(i, j) is lowest. The function
    scans `grid` points of `bracket` for the first change of that top rung, then locates the
    change exactly with ``scipy.optimize.brentq`` on the best-deviation gain of the profile that
    enters or leaves the equilibrium set (a continuous function of x). Only the
    first change inside `bracket` is reported; narrow the bracket to find later ones.

    Only pure equilibria are tracked. Where none exists (an escalation race, like an all-pay
    auction, has only mixed equilibria) the top rung is reported as None; use
    ``dt.solve(ladder_game(...))`` for the mixed equilibria at a given parameter value.

    Parameters
    ----------
    rungs : Ladder or sequence of str
        As in :func:`ladder_game`.
    vary : {"war_cost", "loss_of_control", "value_of_prevailing", "cost_per_rung"}
        The parameter to vary (a scalar: same for both players; ``loss_of_control`` is then the
        per-rung hazard ℓ).
    bracket : (float, float)
        Interval of the varied parameter to search.
    value_of_prevailing, cost_per_rung, loss_of_control, war_cost
        The other parameters, as in :func:`ladder_game`; leave the varied one unset.
    grid : int
        Points scanned before refining (≥ 3).
    xtol : float
        Absolute tolerance of brentq.

    Returns
    -------
    LadderThreshold

    Raises
    ------
    ParameterError
        Unknown `vary`, the varied parameter also given, a fixed one missing, or no change of the
        least-escalated top rung inside `bracket`.

    Examples
    --------
    Mutual restraint on "hold" becomes an equilibrium once the war cost deters escalation:
    8 − 2 − 0.2·W ≤ 4 ⇔ W ≥ 10.

    >>> t = ladder_threshold(["hold", "escalate"], vary="war_cost", bracket=(0, 20),
    ...                      value_of_prevailing=10, cost_per_rung=1, loss_of_control=[0, 0.2])
    >>> round(t.value, 8), t.top_rung_before, t.top_rung_after
    (10.0, 'escalate', 'hold')
    """
    if vary not in _VARY:
        raise ParameterError(
            f"vary must be one of {list(_VARY)}; got {vary!r}." + close_match_hint(str(vary), _VARY)
        )
    params = {
        "value_of_prevailing": value_of_prevailing,
        "cost_per_rung": cost_per_rung,
        "loss_of_control": loss_of_control,
        "war_cost": war_cost,
    }
    if params[vary] is not None:
        raise ParameterError(
            f"{vary} is the parameter being varied (over bracket); do not also pass {vary}=."
        )
    missing = [k for k, v in params.items() if k != vary and v is None]
    if missing:
        raise ParameterError(f"ladder_threshold needs {missing} (the parameters held fixed).")
    names = _rung_names(rungs)
    n_grid = count(grid, "grid", minimum=3)
    lo_hi = finite_array(bracket, "bracket")
    if lo_hi.shape != (2,) or not lo_hi[0] < lo_hi[1]:
        raise ParameterError(f"bracket must be (low, high) with low < high; got {bracket!r}.")
    if vary == "loss_of_control":
        probability(lo_hi, "bracket of loss_of_control")

    def margins(x: float) -> np.ndarray:
        A, B = ladder_payoffs(len(names), **{**params, vary: float(x)})
        return _margins(A, B)

    xs = np.linspace(lo_hi[0], lo_hi[1], n_grid)
    tops = [_top(margins(x)) for x in xs]
    change = next((i for i in range(n_grid - 1) if tops[i] != tops[i + 1]), None)
    if change is None:
        where = "none" if tops[0] is None else repr(names[tops[0]])
        raise ParameterError(
            f"the least-escalated equilibrium's top rung ({where}) does not change for {vary} in "
            f"[{lo_hi[0]:g}, {lo_hi[1]:g}]; widen the bracket."
        )
    a, b = float(xs[change]), float(xs[change + 1])
    ma, mb = margins(a), margins(b)
    flipping = np.argwhere((ma <= 0) != (mb <= 0))
    roots = []
    for i, j in flipping:

        def f(x, i=i, j=j):
            return margins(x)[i, j]

        fa, fb = ma[i, j], mb[i, j]
        if fa == 0 or fb == 0:
            roots.append(a if fa == 0 else b)
        elif fa * fb < 0:
            roots.append(crossing(f, a, b, xtol=xtol))
    roots = sorted(set(roots))
    before = tops[change]
    for k, r in enumerate(roots):
        nxt = roots[k + 1] if k + 1 < len(roots) else b
        after = _top(margins(0.5 * (r + nxt))) if nxt > r else tops[change + 1]
        if after != before:
            return LadderThreshold(
                parameter=vary,
                value=float(r),
                top_rung_before=None if before is None else names[before],
                top_rung_after=None if after is None else names[after],
            )
    # no margin crosses zero strictly inside (a, b): the change is at the grid point b itself
    return LadderThreshold(
        parameter=vary,
        value=b,
        top_rung_before=None if before is None else names[before],
        top_rung_after=None if tops[change + 1] is None else names[tops[change + 1]],
    )
