"""Perfect Deterrence Theory: outcomes and credibility thresholds.

Zagare & Kilgour (2000), *Perfect Deterrence*, Cambridge University Press; Kilgour & Zagare
(1991), "Credibility, Uncertainty, and Deterrence", *American Journal of Political Science*
35(2); Zagare & Kilgour (1995), "Asymmetric Deterrence", *World Politics* 47(3):373-417.

A threat is *credible* when the threatener prefers carrying it out (so threats are sequentially
rational) and *capable* when carrying it out hurts the target more than the status quo does.
This module holds the closed forms: the subgame-perfect outcome of the Generic Deterrence Game,
the challenge threshold p* of the Rudimentary Asymmetric Deterrence Game, the thresholds C^H,
C^S of the Mutual Deterrence Game, and the payoff orderings of the Asymmetric Escalation Game
(the tree itself is built in :mod:`deterrence.models.escalation`).

Every utility is a von Neumann-Morgenstern utility on an arbitrary interval scale: results are
invariant to positive affine transforms of one player's utilities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np

from .. import _check
from .._tol import TIE_TOL
from ..errors import ParameterError, close_match_hint

__all__ = [
    "OutcomeUtilities",
    "GenericDeterrenceOutcome",
    "generic_deterrence_outcome",
    "challenge_threshold",
    "ChallengeDecision",
    "challenge_decision",
    "MutualDeterrencePayoffs",
    "MutualThresholds",
    "mutual_deterrence_thresholds",
    "status_quo_stable",
    "CHALLENGER_ESCALATION_ORDER",
    "DEFENDER_ESCALATION_ORDER",
    "check_escalation_payoffs",
]

# Absolute tolerance below which a probability counts as *at* a threshold (the tie rule applies).
THRESHOLD_TIE_TOL = TIE_TOL

CHALLENGER_ESCALATION_ORDER = ("EE-", "DE", "EE+", "DD", "ED", "SQ", "DC")
"""Outcomes of the Asymmetric Escalation Game from worst to best for the Challenger (App. 8)."""

DEFENDER_ESCALATION_ORDER = ("EE-", "ED", "EE+", "DD-", "DC", "DD+", "DE", "SQ")
"""Outcomes of the Asymmetric Escalation Game from worst to best for the Defender (App. 8)."""


# ---------------------------------------------------------------------------------------------
# Validation shared by the analytic models of this package (brinkmanship and signaling use them)


def _real(value, field: str) -> float:
    """One finite number (a Python float); arrays are refused with the field named."""
    checked = _check.in_range(value, field)
    if not isinstance(checked, float):
        raise ParameterError(
            f"{field} must be a single number; got an array of shape {np.shape(checked)}. "
            "Build one payoff object per parameter set."
        )
    return checked


def _check_keys(given: Mapping, expected: Sequence[str], field: str) -> None:
    for key in given:
        if key not in expected:
            raise ParameterError(
                f"{field} has an unknown key {key!r}; expected the keys {list(expected)}."
                + close_match_hint(key, expected)
            )
    missing = [k for k in expected if k not in given]
    if missing:
        raise ParameterError(
            f"{field} is missing {missing}; give a utility for each of {list(expected)}."
        )


def _coerce(cls, value, field: str):
    """Build the frozen payoff dataclass `cls` from an instance, a mapping or a sequence.

    Mapping keys match the field names case-insensitively ({"SQ": 0} fills ``sq``); a sequence
    gives the fields in declaration order.
    """
    if isinstance(value, cls):
        return value
    names = [f.name for f in fields(cls)]
    if isinstance(value, Mapping):
        given = {str(k).lower(): v for k, v in value.items()}
        _check_keys(given, names, field)
        return cls(**given)
    if isinstance(value, str | bytes) or not hasattr(value, "__len__"):
        raise ParameterError(
            f"{field} must be a {cls.__name__} instance, a mapping with keys {names} or a "
            f"sequence of {len(names)} numbers; got {value!r}."
        )
    if len(value) != len(names):
        raise ParameterError(
            f"{field} must hold {len(names)} numbers ({', '.join(names)}); got {len(value)}."
        )
    return cls(*value)


def _finite_fields(obj) -> None:
    for f in fields(obj):
        name = f"{type(obj).__name__}.{f.name}"
        object.__setattr__(obj, f.name, _real(getattr(obj, f.name), name))


# ---------------------------------------------------------------------------------------------
# Generic Deterrence Game (complete information; Zagare & Kilgour 2000, ch. 3)


@dataclass(frozen=True)
class OutcomeUtilities:
    """One player's utilities for the outcomes of the Generic Deterrence Game.

    Parameters
    ----------
    sq : float
        Status quo (the Challenger cooperates).
    dc : float
        Defender concedes (the Challenger wins).
    dd : float
        Conflict (the Challenger demands and the Defender denies).
    """

    sq: float
    dc: float
    dd: float

    def __post_init__(self):
        _finite_fields(self)


@dataclass(frozen=True)
class GenericDeterrenceOutcome:
    """Subgame-perfect outcome of the Generic Deterrence Game.

    Attributes
    ----------
    outcome : str
        "SQ" (deterrence succeeds), "DC" (the Defender concedes) or "DD" (conflict).
    credible : bool
        The Defender strictly prefers DD to DC: it would execute its threat.
    capable : bool
        The Challenger strictly prefers SQ to DD: the threat would hurt it.
    unique : bool
        False when an indifference (a tie in the comparison that decides `credible` or, for a
        credible threat, `capable`) makes another outcome subgame-perfect as well.
    """

    outcome: str
    credible: bool
    capable: bool
    unique: bool


def generic_deterrence_outcome(challenger, defender) -> GenericDeterrenceOutcome:
    """Solve the Generic Deterrence Game by backward induction.

    The Challenger cooperates (SQ) or demands; after a demand the Defender concedes (DC) or
    denies (DD). The threat is credible iff u_Def(DD) > u_Def(DC) and capable iff
    u_Ch(SQ) > u_Ch(DD); the outcome is SQ iff both hold, DC if the threat is not credible and
    DD if it is credible but not capable (Zagare & Kilgour 2000, ch. 3).

    Parameters
    ----------
    challenger, defender : OutcomeUtilities, mapping or sequence
        Utilities for SQ, DC, DD, as an :class:`OutcomeUtilities`, a mapping with keys
        "SQ", "DC", "DD" (any case) or a sequence in that order. The Challenger must prefer
        DC to SQ, or it has nothing to demand.

    Returns
    -------
    GenericDeterrenceOutcome

    Notes
    -----
    Tie rule: credibility and capability are strict preferences. A Defender indifferent between
    DD and DC is reported as not credible (outcome DC); a Challenger indifferent between SQ and
    DD facing a credible threat is reported as not deterred (outcome DD). In both cases
    ``unique`` is False because the other choice is subgame-perfect too.

    Raises
    ------
    ParameterError
        If a utility is missing or not finite, or if the Challenger does not prefer DC to SQ.

    Examples
    --------
    >>> challenger = {"SQ": 0, "DC": 1, "DD": -1}
    >>> generic_deterrence_outcome(challenger, {"SQ": 1, "DC": -1, "DD": -0.5})
    GenericDeterrenceOutcome(outcome='SQ', credible=True, capable=True, unique=True)
    >>> generic_deterrence_outcome(challenger, {"SQ": 1, "DC": -1, "DD": -2}).outcome
    'DC'
    """
    ch = _coerce(OutcomeUtilities, challenger, "challenger")
    de = _coerce(OutcomeUtilities, defender, "defender")
    _check.strict_order(
        {"u_Ch(SQ)": ch.sq, "u_Ch(DC)": ch.dc}, "A challenger in the Generic Deterrence Game"
    )
    credible = de.dd > de.dc
    capable = ch.sq > ch.dd
    if not credible:
        return GenericDeterrenceOutcome("DC", False, capable, unique=de.dd != de.dc)
    if capable:
        return GenericDeterrenceOutcome("SQ", True, True, unique=True)
    return GenericDeterrenceOutcome("DD", True, False, unique=ch.sq != ch.dd)


# ---------------------------------------------------------------------------------------------
# Rudimentary Asymmetric Deterrence Game (Zagare & Kilgour 2000, sec. 3.4 and App. 3)


def challenge_threshold(u_dd, u_sq, u_dc):
    """Credibility p* the Defender needs to deter the Challenger.

    In the Rudimentary Asymmetric Deterrence Game the Defender is Hard (denies a demand) with
    probability p and Soft (concedes) otherwise; at every Bayesian equilibrium y_H = 1 and
    y_S = 0, so the Challenger (A) demands iff p < p* = (aDC - aSQ) / (aDC - aDD)
    (Zagare & Kilgour 2000, sec. 3.4, App. 3).

    Parameters
    ----------
    u_dd, u_sq, u_dc : float or array_like
        The Challenger's utilities aDD (conflict), aSQ (status quo), aDC (the Defender
        concedes); they broadcast against each other and must satisfy aDD < aSQ < aDC.

    Returns
    -------
    float or numpy.ndarray
        p* in (0, 1). Tie rule: at p = p* the Challenger is indifferent and any probability of
        challenging is part of an equilibrium.

    Raises
    ------
    ParameterError
        If the ordering aDD < aSQ < aDC fails (the message names the broken pair).

    Examples
    --------
    >>> challenge_threshold(-1, 0, 1)
    0.5
    >>> challenge_threshold([-1, -3], 0, 1)  # costlier conflict lowers the credibility needed
    array([0.5 , 0.25])
    """
    u_dd = _check.in_range(u_dd, "u_dd")
    u_sq = _check.in_range(u_sq, "u_sq")
    u_dc = _check.in_range(u_dc, "u_dc")
    _check.strict_order(
        {"u_dd": u_dd, "u_sq": u_sq, "u_dc": u_dc}, "The Rudimentary Asymmetric Deterrence Game"
    )
    return (u_dc - u_sq) / (u_dc - u_dd)


@dataclass(frozen=True)
class ChallengeDecision:
    """The Challenger's choice in the Rudimentary Asymmetric Deterrence Game.

    Attributes
    ----------
    expected_utility_challenge : float or numpy.ndarray
        EU(D) = p * aDD + (1 - p) * aDC: a Hard Defender denies, a Soft one concedes.
    utility_status_quo : float or numpy.ndarray
        aSQ, the utility of not challenging.
    threshold : float or numpy.ndarray
        p*, see :func:`challenge_threshold`.
    decision : str or numpy.ndarray of str
        "challenge" (p < p*), "deterred" (p > p*) or "indifferent" (p = p*, where any
        probability of challenging is an equilibrium).
    """

    expected_utility_challenge: float | np.ndarray
    utility_status_quo: float | np.ndarray
    threshold: float | np.ndarray
    decision: str | np.ndarray


def challenge_decision(p_hard, u_dd, u_sq, u_dc) -> ChallengeDecision:
    """Does the Challenger demand, given the probability that the Defender is Hard?

    Parameters
    ----------
    p_hard : float or array_like
        Probability pB in [0, 1] that the Defender is Hard (prefers conflict to conceding).
    u_dd, u_sq, u_dc : float or array_like
        The Challenger's utilities aDD < aSQ < aDC, broadcast with `p_hard`.

    Returns
    -------
    ChallengeDecision

    Notes
    -----
    Tie rule: p_hard within 1e-12 of p* is "indifferent"; there any mixture of challenging and
    not challenging is an equilibrium (Zagare & Kilgour 2000, App. 3).

    Examples
    --------
    >>> d = challenge_decision(0.4, -1, 0, 1)
    >>> round(d.expected_utility_challenge, 12), d.decision
    (0.2, 'challenge')
    >>> challenge_decision([0.4, 0.5, 0.6], -1, 0, 1).decision
    array(['challenge', 'indifferent', 'deterred'], dtype='<U11')
    """
    p_hard = _check.probability(p_hard, "p_hard")
    threshold = challenge_threshold(u_dd, u_sq, u_dc)
    u_dd, u_sq, u_dc = (np.asarray(u, dtype=float) for u in (u_dd, u_sq, u_dc))
    eu_challenge = p_hard * u_dd + (1 - p_hard) * u_dc
    gap = np.asarray(p_hard - threshold)
    decision = np.where(
        np.abs(gap) <= THRESHOLD_TIE_TOL,
        "indifferent",
        np.where(gap < 0, "challenge", "deterred"),
    )
    eu_sq = u_sq + 0.0 * eu_challenge
    if decision.ndim == 0:
        return ChallengeDecision(float(eu_challenge), float(eu_sq), float(threshold), str(decision))
    return ChallengeDecision(eu_challenge, eu_sq, threshold + 0.0 * eu_challenge, decision)


# ---------------------------------------------------------------------------------------------
# Mutual Deterrence Game (Kilgour & Zagare 1991; Zagare & Kilgour 2000, ch. 4)


class MutualThresholds(NamedTuple):
    """Credibility a player's opponent needs to deter each of the player's types."""

    hard: float | np.ndarray
    """C^H: deters the Hard type, whose conflict utility is the less bad one (it binds)."""
    soft: float | np.ndarray
    """C^S: deters the Soft type."""


def mutual_deterrence_thresholds(u_win, u_sq, u_dd_hard, u_dd_soft) -> MutualThresholds:
    """Thresholds C^H, C^S of the Mutual Deterrence Game for one player i.

    Player i is deterred from initiating iff the probability p_j that the opponent is Hard
    (retaliates) satisfies p_j >= C_i^tau = (u_i(win) - u_i(SQ)) / (u_i(win) - u_i^tau(DD))
    for its type tau (Kilgour & Zagare 1991, AJPS 35(2)).

    Parameters
    ----------
    u_win, u_sq : float or array_like
        Player i's utility for prevailing and for the status quo.
    u_dd_hard, u_dd_soft : float or array_like
        Conflict utility of i's Hard and Soft types; u_dd_soft < u_dd_hard < u_sq < u_win.

    Returns
    -------
    MutualThresholds
        ``(hard, soft)`` with 0 < C^S < C^H < 1: a Hard player, whose own threat is credible,
        is the harder one to deter (PDT's "credible threats can undermine deterrence").

    Examples
    --------
    >>> c = mutual_deterrence_thresholds(1, 0, -0.5, -2)
    >>> round(c.hard, 12), round(c.soft, 12)
    (0.666666666667, 0.333333333333)
    """
    u_win = _check.in_range(u_win, "u_win")
    u_sq = _check.in_range(u_sq, "u_sq")
    u_dd_hard = _check.in_range(u_dd_hard, "u_dd_hard")
    u_dd_soft = _check.in_range(u_dd_soft, "u_dd_soft")
    _check.strict_order(
        {"u_dd_soft": u_dd_soft, "u_dd_hard": u_dd_hard, "u_sq": u_sq, "u_win": u_win},
        "The Mutual Deterrence Game",
    )
    gain = u_win - u_sq
    return MutualThresholds(gain / (u_win - u_dd_hard), gain / (u_win - u_dd_soft))


@dataclass(frozen=True)
class MutualDeterrencePayoffs:
    """One player's utilities in the Mutual Deterrence Game.

    Ordering (validated): dd_soft < dd_hard < sq < win.
    """

    win: float
    sq: float
    dd_hard: float
    dd_soft: float

    def __post_init__(self):
        _finite_fields(self)
        _check.strict_order(
            {"dd_soft": self.dd_soft, "dd_hard": self.dd_hard, "sq": self.sq, "win": self.win},
            "MutualDeterrencePayoffs",
        )

    def thresholds(self) -> MutualThresholds:
        """C^H and C^S, see :func:`mutual_deterrence_thresholds`."""
        return mutual_deterrence_thresholds(self.win, self.sq, self.dd_hard, self.dd_soft)


def status_quo_stable(p_a, p_b, *, utilities_a, utilities_b=None):
    """Does the status quo survive in the Mutual Deterrence Game?

    Player i (Hard with probability p_i) is deterred iff p_j >= C_i^tau for each of its types
    tau. Since C^H > C^S the Hard type binds: the status quo survives iff p_b >= C_A^H and
    p_a >= C_B^H (Kilgour & Zagare 1991). A player with no Hard type
    (p_i = 0) needs only p_j >= C_i^S, but then its opponent faces certain concession
    (p_i = 0 < C_j^S) and initiates, so the answer is the same.

    Parameters
    ----------
    p_a, p_b : float or array_like
        Probabilities in [0, 1] that A and B are Hard; they broadcast.
    utilities_a : MutualDeterrencePayoffs, mapping or sequence
        A's utilities (win, sq, dd_hard, dd_soft).
    utilities_b : same, optional
        B's utilities; the symmetric game (B's equal A's) when omitted.

    Returns
    -------
    bool or numpy.ndarray of bool

    Notes
    -----
    Tie rule: at p_j = C_i^H the Hard type is indifferent and is counted as deterred (the
    status quo survives), following the weak inequality of the derivation.

    Examples
    --------
    >>> u = {"win": 1, "sq": 0, "dd_hard": -0.5, "dd_soft": -2}
    >>> status_quo_stable(0.7, 0.7, utilities_a=u)
    True
    >>> status_quo_stable(0.7, [0.0, 0.5, 0.7], utilities_a=u)  # a Hard A needs p_b >= 2/3
    array([False, False, True])
    """
    p_a = _check.probability(p_a, "p_a")
    p_b = _check.probability(p_b, "p_b")
    a = _coerce(MutualDeterrencePayoffs, utilities_a, "utilities_a")
    b = a if utilities_b is None else _coerce(MutualDeterrencePayoffs, utilities_b, "utilities_b")
    stable = np.logical_and(p_b >= a.thresholds().hard, p_a >= b.thresholds().hard)
    return bool(stable) if stable.ndim == 0 else stable


# ---------------------------------------------------------------------------------------------
# Asymmetric Escalation Game (Zagare & Kilgour 1995; 2000, ch. 6, 9 and App. 8)


def _escalation_side(payoffs, order: Sequence[str], who: str, prefix: str) -> dict[str, float]:
    if not isinstance(payoffs, Mapping):
        raise ParameterError(
            f"{who} payoffs must be a mapping from outcome to utility with the keys "
            f"{list(order)}; got {type(payoffs).__name__}."
        )
    given = {str(k).upper(): v for k, v in payoffs.items()}
    _check_keys(given, order, f"{who} payoffs")
    values = {k: _real(given[k], f"{who}[{k!r}]") for k in order}
    _check.strict_order(
        {prefix + k: values[k] for k in order}, f"The Asymmetric Escalation Game ({who})"
    )
    return values


def check_escalation_payoffs(challenger, defender) -> tuple[dict[str, float], dict[str, float]]:
    """Validate the payoff orderings of the Asymmetric Escalation Game.

    Zagare & Kilgour (1995, *World Politics* 47(3)); Zagare & Kilgour (2000, App. 8):

    - Challenger: cEE- < cDE < cEE+ < cDD < cED < cSQ < cDC
    - Defender:   dEE- < dED < dEE+ < dDD- < dDC < dDD+ < dDE < dSQ

    Outcome codes: SQ status quo; DC Defender concedes; DD limited conflict; ED / DE one side
    escalates and the other does not; EE all-out conflict; the signs mark the variant of a
    conflict outcome that is worse (-) or better (+) for the player.

    Parameters
    ----------
    challenger : mapping
        Keys "EE-", "DE", "EE+", "DD", "ED", "SQ", "DC" (any case).
    defender : mapping
        Keys "EE-", "ED", "EE+", "DD-", "DC", "DD+", "DE", "SQ" (any case).

    Returns
    -------
    (dict, dict)
        The payoffs as floats, keyed and ordered as in :data:`CHALLENGER_ESCALATION_ORDER`
        and :data:`DEFENDER_ESCALATION_ORDER`, ready for the tree builder.

    Raises
    ------
    ParameterError
        If a key is missing or unknown (with the close match), a value is not a finite number,
        or an ordering fails; the message names the first broken pair, e.g. ``cDD=3 >= cED=3``.

    Examples
    --------
    >>> c = dict(zip(CHALLENGER_ESCALATION_ORDER, range(7)))
    >>> d = dict(zip(DEFENDER_ESCALATION_ORDER, range(8)))
    >>> check_escalation_payoffs(c, d)[1]["DD+"]
    5.0
    >>> check_escalation_payoffs({**c, "ED": 3}, d)
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: The Asymmetric Escalation Game (challenger) requires cEE- < cDE < cEE+ < cDD < cED < cSQ < cDC; got cDD=3 >= cED=3. ...
    """
    return (
        _escalation_side(challenger, CHALLENGER_ESCALATION_ORDER, "challenger", "c"),
        _escalation_side(defender, DEFENDER_ESCALATION_ORDER, "defender", "d"),
    )
