"""Brinkmanship: the threat that leaves something to chance, and critical risk.

Schelling (1960), *The Strategy of Conflict*, ch. 8 "The Threat That Leaves Something to
Chance"; Schelling (1966), *Arms and Influence*, ch. 3 "The Manipulation of Risk"; Dixit, Skeath
& Reiley, *Games of Strategy*, 3rd ed., ch. 14 "Brinkmanship: The Cuban Missile Crisis"
(effectiveness and acceptability conditions, Fig. 14.5); Ellsberg (1959), "The Theory and
Practice of Blackmail"; Snyder & Diesing (1977), *Conflict Among Nations*, ch. 2; Powell (1987),
APSR 81(3).

A threat too large to be credible is scaled down to a probability q that disaster happens,
partly outside the threatener's control. q must be large enough that the target complies
(effectiveness, q >= q_min) and small enough that the threatener prefers making the threat to
acquiescing (acceptability, q <= q_max(p), p the probability that the target is a hard type who
defies anyway). The risk window [q_min, q_max] closes when p exceeds p*.

Utilities are von Neumann-Morgenstern utilities; q and p are probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _check
from .perfect import THRESHOLD_TIE_TOL, _coerce, _finite_fields

__all__ = [
    "Stakes",
    "Target",
    "Threatener",
    "critical_risk",
    "prevails",
    "effectiveness_threshold",
    "acceptability_threshold",
    "risk_window",
    "window_closes_at",
]


@dataclass(frozen=True)
class Stakes:
    """One side's utilities in a two-sided crisis: prevail, back down, war (war < concede < win)."""

    win: float
    concede: float
    war: float

    def __post_init__(self):
        _finite_fields(self)
        _check.strict_order(
            {"war": self.war, "concede": self.concede, "win": self.win}, "Stakes (critical risk)"
        )


@dataclass(frozen=True)
class Target:
    """The target's utilities: it defies and wins, complies, or defies into disaster.

    Ordering (validated): disaster < comply < win.
    """

    win: float
    comply: float
    disaster: float

    def __post_init__(self):
        _finite_fields(self)
        _check.strict_order(
            {"disaster": self.disaster, "comply": self.comply, "win": self.win},
            "The brinkmanship target",
        )


@dataclass(frozen=True)
class Threatener:
    """The threatener's utilities: the target complies (win), it acquiesces, or disaster.

    Ordering (validated): disaster < acquiesce < win.
    """

    win: float
    acquiesce: float
    disaster: float

    def __post_init__(self):
        _finite_fields(self)
        _check.strict_order(
            {"disaster": self.disaster, "acquiesce": self.acquiesce, "win": self.win},
            "The brinkmanship threatener",
        )


def critical_risk(win, concede, war):
    """Largest risk of war a side accepts rather than concede: (win - concede) / (win - war).

    Ellsberg (1959); Snyder & Diesing (1977, ch. 2); Zeuthen's principle. Standing firm is
    worth it while the probability r of war satisfies (1 - r) * win + r * war >= concede.

    Parameters
    ----------
    win, concede, war : float or array_like
        The side's utilities for prevailing, backing down and war; war < concede < win.
        They broadcast.

    Returns
    -------
    float or numpy.ndarray
        The critical risk, in (0, 1).

    Raises
    ------
    ParameterError
        If war < concede < win fails (the message names the broken pair).

    Examples
    --------
    >>> critical_risk(1, 0, -9)            # Iran: win 1, concede 0, war -9
    0.1
    >>> round(critical_risk(1, -1, -20), 4)  # Israel: 2/21
    0.0952
    """
    win = _check.in_range(win, "win")
    concede = _check.in_range(concede, "concede")
    war = _check.in_range(war, "war")
    _check.strict_order({"war": war, "concede": concede, "win": win}, "Critical risk")
    return (win - concede) / (win - war)


def prevails(side_a, side_b, *, names=("A", "B")) -> str:
    """Which side prevails in a crisis under complete information.

    The side with the higher critical risk is the more resolved; in Powell's (1987)
    brinkmanship game with complete information the less resolved side quits at once.

    Parameters
    ----------
    side_a, side_b : Stakes, mapping or sequence
        Each side's (win, concede, war) utilities.
    names : (str, str)
        Labels returned for the two sides.

    Returns
    -------
    str
        ``names[0]``, ``names[1]`` or ``"tie"``. Tie rule: critical risks within 1e-12 of each
        other are a tie; who prevails then depends on the order of moves, which this
        comparison does not model (by Zeuthen's principle both would concede).

    Examples
    --------
    >>> prevails((1, 0, -9), (1, -1, -20), names=("Iran", "Israel"))
    'Iran'
    """
    a = _coerce(Stakes, side_a, "side_a")
    b = _coerce(Stakes, side_b, "side_b")
    r_a = critical_risk(a.win, a.concede, a.war)
    r_b = critical_risk(b.win, b.concede, b.war)
    if abs(r_a - r_b) <= THRESHOLD_TIE_TOL:
        return "tie"
    return names[0] if r_a > r_b else names[1]


def effectiveness_threshold(win, comply, disaster):
    """Smallest risk q_min that makes the soft target comply: (w_T - c_T) / (w_T - d_T).

    The target complies iff c_T >= (1 - q) * w_T + q * d_T (Dixit, Skeath & Reiley, ch. 14,
    effectiveness condition).

    Parameters
    ----------
    win, comply, disaster : float or array_like
        The target's utilities w_T (defy, no disaster), c_T (comply), d_T (disaster);
        d_T < c_T < w_T.

    Returns
    -------
    float or numpy.ndarray
        q_min in (0, 1). Tie rule: at q = q_min the target is indifferent and is counted as
        complying.

    Examples
    --------
    >>> round(effectiveness_threshold(2, -2, -10), 12)
    0.333333333333
    """
    win = _check.in_range(win, "win")
    comply = _check.in_range(comply, "comply")
    disaster = _check.in_range(disaster, "disaster")
    _check.strict_order(
        {"disaster": disaster, "comply": comply, "win": win}, "The brinkmanship target"
    )
    return (win - comply) / (win - disaster)


def acceptability_threshold(p, win, acquiesce, disaster):
    """Largest risk q_max(p) the threatener accepts: (1 - p)(u_W - u_A) / (p (u_A - u_D)).

    With probability p the target is hard and defies, and disaster strikes with probability q;
    the threat beats acquiescing iff (1 - p) u_W + p (q u_D + (1 - q) u_A) >= u_A
    (Dixit, Skeath & Reiley, ch. 14, acceptability condition).

    Parameters
    ----------
    p : float or array_like
        Probability in [0, 1] that the target is the hard type.
    win, acquiesce, disaster : float or array_like
        The threatener's utilities u_W, u_A, u_D with u_D < u_A < u_W. All arguments broadcast.

    Returns
    -------
    float or numpy.ndarray
        q_max(p) in [0, inf]: ``inf`` at p = 0 (no hard type, any risk is acceptable); values
        above 1 mean every risk is acceptable. Tie rule: at q = q_max the threatener is
        indifferent and is counted as threatening.

    Examples
    --------
    >>> acceptability_threshold(0.4, 1, -2, -10)   # 3(1 - p) / (8p)
    0.5625
    >>> acceptability_threshold([0.0, 0.5, 1.0], 1, -2, -10)
    array([  inf, 0.375, 0.   ])
    """
    p = _check.probability(p, "p")
    win = _check.in_range(win, "win")
    acquiesce = _check.in_range(acquiesce, "acquiesce")
    disaster = _check.in_range(disaster, "disaster")
    _check.strict_order(
        {"disaster": disaster, "acquiesce": acquiesce, "win": win}, "The brinkmanship threatener"
    )
    numerator = np.asarray((1 - p) * (win - acquiesce))
    denominator = np.asarray(p * (acquiesce - disaster))
    defies = denominator > 0
    with np.errstate(over="ignore"):  # q_max grows like 1/p: overflowing to inf is its limit
        q_max = np.where(defies, numerator / np.where(defies, denominator, 1.0), np.inf)
    return float(q_max) if q_max.ndim == 0 else q_max


def window_closes_at(*, target, threatener) -> float:
    """Probability p* of a hard target above which the risk window is empty.

    Solving q_max(p*) = q_min with K = (u_W - u_A) / (u_A - u_D) gives
    p* = K / (K + q_min) (closed form derived from Schelling's effectiveness and acceptability conditions).

    Parameters
    ----------
    target : Target, mapping or sequence
        (win, comply, disaster) of the target.
    threatener : Threatener, mapping or sequence
        (win, acquiesce, disaster) of the threatener.

    Returns
    -------
    float
        p* in (0, 1); the window is nonempty iff p <= p*.

    Examples
    --------
    >>> round(window_closes_at(target=(2, -2, -10), threatener=(1, -2, -10)) * 17, 12)  # 9/17
    9.0
    """
    t = _coerce(Target, target, "target")
    u = _coerce(Threatener, threatener, "threatener")
    q_min = effectiveness_threshold(t.win, t.comply, t.disaster)
    ratio = (u.win - u.acquiesce) / (u.acquiesce - u.disaster)
    return ratio / (ratio + q_min)


def risk_window(p, *, target, threatener):
    """The risks q of disaster that are both effective and acceptable: [q_min, min(q_max(p), 1)].

    Parameters
    ----------
    p : float or array_like
        Probability in [0, 1] that the target is the hard type.
    target : Target, mapping or sequence
        (win, comply, disaster) of the target.
    threatener : Threatener, mapping or sequence
        (win, acquiesce, disaster) of the threatener.

    Returns
    -------
    (q_min, q_max) or None
        For scalar `p`: the window, or None when it is empty (p > p*, see
        :func:`window_closes_at`). For array `p`: two arrays, NaN where the window is empty.
        Tie rule: at p = p* the window is the single point q_min (both players indifferent).

    Examples
    --------
    >>> target, threatener = (2, -2, -10), (1, -2, -10)
    >>> lo, hi = risk_window(0.4, target=target, threatener=threatener)
    >>> round(lo, 12), hi
    (0.333333333333, 0.5625)
    >>> risk_window(0.6, target=target, threatener=threatener) is None
    True
    """
    p = _check.probability(p, "p")
    t = _coerce(Target, target, "target")
    u = _coerce(Threatener, threatener, "threatener")
    q_min = effectiveness_threshold(t.win, t.comply, t.disaster)
    q_max = np.asarray(acceptability_threshold(p, u.win, u.acquiesce, u.disaster))
    # Decide emptiness on p itself so the answer agrees with window_closes_at to the last bit.
    open_ = np.asarray(p) <= window_closes_at(target=t, threatener=u)
    if open_.ndim == 0:
        return (q_min, float(np.clip(q_max, q_min, 1.0))) if open_ else None
    low = np.where(open_, q_min, np.nan)
    high = np.where(open_, np.clip(q_max, q_min, 1.0), np.nan)
    return low, high
