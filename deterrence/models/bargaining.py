"""Fearon's bargaining models of war: range, risk-return, audience costs, tying hands.

Fearon (1995), "Rationalist Explanations for War", *International Organization* 49(3):379-414;
Fearon (1994), "Domestic Political Audiences and the Escalation of International Disputes",
*APSR* 88(3):577-592; Fearon (1997), "Signaling Foreign Policy Interests: Tying Hands versus
Sinking Costs", *Journal of Conflict Resolution* 41(1):68-90; Maynard Smith (1974), "The Theory
of Games and the Evolution of Animal Conflicts", *Journal of Theoretical Biology* 47.

The issue is the interval [0, 1]; x is A's share. A wins a war with probability p; war costs
are in the same units as the issue (shares of the prize).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .. import _check
from ..errors import ParameterError

__all__ = [
    "BargainingRange",
    "bargaining_range",
    "RiskReturn",
    "risk_return",
    "AttritionEquilibrium",
    "war_of_attrition",
    "hand_tying",
]


class BargainingRange(NamedTuple):
    """Splits x that both sides prefer to war: low <= x <= high."""

    low: float | np.ndarray
    """p - c_A: A's war payoff, the least A accepts."""
    high: float | np.ndarray
    """p + c_B: the most B concedes, since B's war payoff is 1 - p - c_B."""


def bargaining_range(p, cost_a, cost_b) -> BargainingRange:
    """Fearon's bargaining range [p - c_A, p + c_B] (Fearon 1995, IO 49(3)).

    Because war destroys c_A + c_B of value, every split in this interval gives both sides at
    least their expected war payoff; it always contains p and has width c_A + c_B.

    Parameters
    ----------
    p : float or array_like
        Probability in [0, 1] that A wins a war.
    cost_a, cost_b : float or array_like
        Costs of war to A and B (> 0), in shares of the prize. All arguments broadcast.

    Returns
    -------
    BargainingRange
        ``(low, high)``, not clipped: the feasible deals are this interval intersected with the
        issue space [0, 1], which is never empty because it contains p. Splits on the
        boundary leave one side indifferent and are counted as acceptable.

    Examples
    --------
    >>> low, high = bargaining_range(0.6, 0.1, 0.15)
    >>> round(low, 12), round(high, 12)
    (0.5, 0.75)
    """
    p = _check.probability(p, "p")
    cost_a = _check.positive(cost_a, "cost_a", unit="(share of the prize)")
    cost_b = _check.positive(cost_b, "cost_b", unit="(share of the prize)")
    # 0 * cost broadcasts each end to the common shape of all three arguments
    return BargainingRange(p - cost_a + 0 * cost_b, p + cost_b + 0 * cost_a)


class RiskReturn(NamedTuple):
    """B's optimal take-it-or-leave-it offer when A's cost of war is private."""

    offer: float | np.ndarray
    """x*: the share offered to A."""
    war_probability: float | np.ndarray
    """Pr(A rejects and fights) = Pr(c_A < p - x*)."""
    proposer_payoff: float | np.ndarray
    """B's expected payoff at x*."""


def risk_return(p, cost_a_max, cost_b) -> RiskReturn:
    """The risk-return trade-off: B's optimal offer x* and the probability of war.

    B offers x; A's cost c_A ~ U[0, c_max] is private and A accepts iff x >= p - c_A. With
    z = p - x, B's expected payoff is (1 - p) + z - z^2 / c_max - c_B z / c_max, maximised at
    z* = (c_max - c_B) / 2 when c_B < c_max (else z* = 0, and war never happens), so
    x* = p - z* and Pr(war) = z* / c_max (textbook form of Fearon 1995's private-information
    mechanism; derived here). Offering less buys a larger share at a higher
    risk of war.

    Parameters
    ----------
    p : float or array_like
        Probability in [0, 1] that A wins a war.
    cost_a_max : float or array_like
        Upper end c_max > 0 of A's uniformly distributed cost of war.
    cost_b : float or array_like
        B's cost of war c_B > 0. All arguments broadcast; costs are shares of the prize.

    Returns
    -------
    RiskReturn
        ``(offer, war_probability, proposer_payoff)``. The offer never goes below 0: when
        p < z* B offers nothing (z* is capped at p). A type indifferent between accepting and
        fighting accepts.

    Examples
    --------
    >>> r = risk_return(0.5, 0.3, 0.1)
    >>> round(r.offer, 12), round(r.war_probability, 12)
    (0.4, 0.333333333333)
    """
    p = _check.probability(p, "p")
    cost_a_max = _check.positive(cost_a_max, "cost_a_max", unit="(share of the prize)")
    cost_b = _check.positive(cost_b, "cost_b", unit="(share of the prize)")
    # The objective is concave in z, so clipping the interior optimum to [0, p] is optimal.
    concession = np.clip((np.asarray(cost_a_max) - cost_b) / 2, 0.0, p)
    payoff = (1 - p) + concession - concession**2 / cost_a_max - cost_b * concession / cost_a_max
    result = RiskReturn(p - concession, concession / cost_a_max, payoff)
    if concession.ndim == 0:
        return RiskReturn(*(float(v) for v in result))
    return result


class AttritionEquilibrium(NamedTuple):
    """The symmetric mixed equilibrium of the war of attrition."""

    hazard: float | np.ndarray
    """lambda = c / V: each side's quitting rate (per unit of time)."""
    expected_duration: float | np.ndarray
    """1 / (2 lambda) = V / (2c): the contest ends at the first of two quits (units of time)."""
    expected_payoff: float | np.ndarray
    """0: the expected cost of waiting dissipates the whole prize."""


def war_of_attrition(prize, flow_cost) -> AttritionEquilibrium:
    """Symmetric war of attrition: quitting hazard, expected duration, expected payoff.

    Two players wait at cost c per unit of time; the first to quit leaves the prize V to the
    other. In the symmetric equilibrium each quits at constant hazard lambda = c / V, which
    makes the opponent indifferent between quitting now and waiting (Maynard Smith 1974; the
    backbone of Fearon's 1994 audience-cost model).

    Parameters
    ----------
    prize : float or array_like
        V > 0, in utility.
    flow_cost : float or array_like
        c > 0, in utility per unit of time. Broadcasts with `prize`.

    Returns
    -------
    AttritionEquilibrium
        ``(hazard, expected_duration, expected_payoff)``.

    Examples
    --------
    >>> war_of_attrition(10, 1)
    AttritionEquilibrium(hazard=0.1, expected_duration=5.0, expected_payoff=0.0)
    """
    prize = _check.positive(prize, "prize", unit="(utility)")
    flow_cost = _check.positive(flow_cost, "flow_cost", unit="(utility per unit of time)")
    hazard = flow_cost / prize
    return AttritionEquilibrium(hazard, prize / (2 * flow_cost), 0.0 * hazard)


def hand_tying(war_value_dist, war_cost, commitment_cost):
    """Probability that a leader who has tied its hands fights: P(v - c >= -a).

    A leader with private war value v, war cost c and public commitment (audience) cost a of
    backing down fights iff v - c >= -a; raising a makes fighting more likely, which is why
    tying hands is a credible signal (one-shot reduction of Fearon 1997, JCR 41(1); derived
    here).

    Parameters
    ----------
    war_value_dist : scipy.stats frozen distribution
        Distribution of the leader's war value v (anything with ``sf``; discrete ones also need
        ``pmf``).
    war_cost : float or array_like
        c >= 0, in the units of v.
    commitment_cost : float or array_like
        a >= 0, the cost of backing down after the public commitment. Broadcasts with c.

    Returns
    -------
    float or numpy.ndarray
        P(v >= c - a). Tie rule: a leader with v - c = -a exactly fights (this matters only
        for discrete distributions).

    Examples
    --------
    >>> from scipy import stats
    >>> values = stats.uniform(0, 10)
    >>> hand_tying(values, 5, 0), hand_tying(values, 5, 2)
    (0.5, 0.7)
    """
    if not callable(getattr(war_value_dist, "sf", None)):
        raise ParameterError(
            "war_value_dist must be a frozen scipy.stats distribution (with an sf method), e.g. "
            f"scipy.stats.uniform(0, 10); got {type(war_value_dist).__name__}."
        )
    war_cost = _check.nonnegative(war_cost, "war_cost")
    commitment_cost = _check.nonnegative(commitment_cost, "commitment_cost")
    cutoff = np.asarray(war_cost - commitment_cost, dtype=float)
    fight = np.asarray(war_value_dist.sf(cutoff), dtype=float)
    pmf = getattr(war_value_dist, "pmf", None)
    if callable(pmf):
        # sf is P(v > cutoff); a discrete law puts mass on v == cutoff, where the leader fights.
        fight = fight + np.asarray(pmf(cutoff), dtype=float)
    return float(fight) if fight.ndim == 0 else fight
