"""Proxy war as a principal–agent problem: autonomy of the agent and attribution by the target.

A principal (e.g. Iran) sponsors an agent (a militia). The agent sometimes attacks unbidden;
the target sees an attack and must decide whether the principal ordered it. These functions give
the pieces of a principal–agent model of proxies and the probability that unsanctioned, attributed proxy attacks start
the crisis of the retaliation game by themselves.

Units: probabilities are fractions in [0, 1]; rates are attacks per period; benefits and costs are
utils of the principal (or the agent, where said); ``periods`` is a whole number.

Sources: Salehyan (2010), *Journal of Conflict Resolution* 54(3) (delegation: deniability vs
agency slack); Byman & Kreps (2010), *International Studies Perspectives* 11(1) (principal–agent
analysis of state-sponsored terrorism); Baliga, Bueno de Mesquita & Wolitzky (2020), *APSR* 114(4)
(deterrence with imperfect attribution). The functional forms are derived here.
"""

from __future__ import annotations

import numpy as np

from .._check import count, nonnegative, probability
from ..errors import ParameterError

__all__ = [
    "autonomy",
    "attribution_prior",
    "attribution_posterior",
    "unsanctioned_cost",
    "p_crisis_from_proxies",
]


def _out(value):
    arr = np.asarray(value, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _check_distribution(dist, field: str) -> None:
    if not callable(getattr(dist, "sf", None)) or not callable(getattr(dist, "cdf", None)):
        raise ParameterError(
            f"{field} must be a frozen scipy.stats distribution (e.g. scipy.stats.uniform(0, 1)); "
            f"got {dist!r} ({type(dist).__name__}). Freeze it by passing its parameters."
        )


def autonomy(benefit, cost, sanction):
    """Probability that the agent attacks unbidden, α = 1 − F_A(c_A + σ).

    The agent attacks without instruction iff its private benefit b_A ~ F_A exceeds its own cost
    of attacking plus the principal's sanction, b_A > c_A + σ.

    Parameters
    ----------
    benefit : frozen scipy.stats distribution
        F_A, distribution of the agent's private benefit b_A (agent's utils).
    cost : float or array_like
        c_A, the agent's own cost of an attack (agent's utils), >= 0.
    sanction : float or array_like
        σ, the sanction the principal imposes for an unbidden attack (agent's utils), >= 0.

    Returns
    -------
    float or ndarray
        α, probability of an unsanctioned attack per period.

    References
    ----------
    Salehyan (2010); Byman & Kreps (2010)).

    Examples
    --------
    >>> from scipy import stats
    >>> round(autonomy(stats.uniform(0, 1), cost=0.3, sanction=0.4), 10)
    0.3
    """
    _check_distribution(benefit, "benefit")
    c = nonnegative(cost, "cost", unit="utils")
    s = nonnegative(sanction, "sanction", unit="utils")
    # strict inequality b_A > c_A + σ: the survival function is P(b_A > x)
    return _out(benefit.sf(np.asarray(c) + np.asarray(s)))


def attribution_prior(rate_ordered, rate_autonomous):
    """Prior probability that an observed proxy attack was ordered, π_O = λ_O/(λ_O + λ_A).

    Ordered and unbidden attacks arrive as independent Poisson streams with rates λ_O and λ_A,
    so a given attack is ordered with probability λ_O/(λ_O + λ_A).

    Parameters
    ----------
    rate_ordered : float or array_like
        λ_O, ordered attacks per period, >= 0.
    rate_autonomous : float or array_like
        λ_A, unbidden attacks per period, >= 0 (λ_O + λ_A must be > 0).

    Returns
    -------
    float or ndarray
        π_O.

    References
    ----------

    Examples
    --------
    >>> round(attribution_prior(2, 1), 6)
    0.666667
    """
    lo = np.asarray(nonnegative(rate_ordered, "rate_ordered", unit="attacks per period"))
    la = np.asarray(nonnegative(rate_autonomous, "rate_autonomous", unit="attacks per period"))
    total = lo + la
    if np.any(total == 0):
        raise ParameterError(
            "rate_ordered + rate_autonomous must be > 0; with no attacks at all the share of "
            "ordered attacks is undefined."
        )
    return _out(lo / total)


def attribution_posterior(prior, sensitivity, false_positive, signal=True):
    """Posterior probability that an attack was ordered by the principal, given intelligence.

    Bayes' rule with an intelligence signal of sensitivity s_e = P(positive | ordered) and false
    positive rate f = P(positive | unbidden):

    - positive signal: s_e·π / (s_e·π + f·(1−π));
    - negative signal: (1−s_e)·π / ((1−s_e)·π + (1−f)·(1−π)).

    The target retaliates on the principal iff this posterior reaches its threshold τ.

    Parameters
    ----------
    prior : float or array_like
        π_O, prior that the attack was ordered (see :func:`attribution_prior`), in [0, 1].
    sensitivity : float or array_like
        s_e, in [0, 1].
    false_positive : float or array_like
        f, in [0, 1].
    signal : bool, default True
        True for a positive signal ("ordered"), False for a negative one.

    Returns
    -------
    float or ndarray
        P(ordered | signal).

    Raises
    ------
    ParameterError
        If the observed signal has probability zero under the inputs (posterior undefined).

    References
    ----------
    Baliga, Bueno de Mesquita & Wolitzky (2020)).

    Examples
    --------
    >>> round(attribution_posterior(0.5, 0.8, 0.1), 6)  # 8/9
    0.888889
    >>> round(attribution_posterior(0.5, 0.8, 0.1, signal=False), 6)  # 2/11
    0.181818
    """
    if not isinstance(signal, bool | np.bool_):
        raise ParameterError(
            f"signal must be True (positive intelligence) or False (negative); got {signal!r}."
        )
    pi = np.asarray(probability(prior, "prior"))
    se = np.asarray(probability(sensitivity, "sensitivity"))
    fp = np.asarray(probability(false_positive, "false_positive"))
    if signal:
        ordered, unbidden = se * pi, fp * (1.0 - pi)
    else:
        ordered, unbidden = (1.0 - se) * pi, (1.0 - fp) * (1.0 - pi)
    total = ordered + unbidden
    if np.any(total == 0):
        kind = "positive" if signal else "negative"
        raise ParameterError(
            f"a {kind} signal has probability 0 with prior={prior!r}, sensitivity={sensitivity!r}, "
            f"false_positive={false_positive!r}, so the posterior is undefined; check the inputs."
        )
    return _out(ordered / total)


def unsanctioned_cost(autonomy, p_retaliation, retaliation_cost, *, benefit_to_principal=0.0):
    """Expected net payoff per period to the principal from unsanctioned proxy attacks.

    An unbidden attack happens with probability α per period; it brings the principal a benefit
    B_P and, with probability P(retaliation on the principal), a retaliation costing X. The expected
    payoff per period is α·(B_P − P(retaliation)·X). A negative value is a net expected cost.

    Parameters
    ----------
    autonomy : float or array_like
        α, probability of an unbidden attack per period (see :func:`autonomy`), in [0, 1].
    p_retaliation : float or array_like
        Probability that the target retaliates on the principal after such an attack, in [0, 1]
        (e.g. attribution probability, or P(posterior ≥ τ)).
    retaliation_cost : float or array_like
        X, the principal's loss if the target retaliates (utils), >= 0.
    benefit_to_principal : float or array_like, keyword-only, default 0.0
        B_P, the principal's gain from one unbidden attack (utils), >= 0.

    Returns
    -------
    float or ndarray
        α·(B_P − P(retaliation)·X), utils per period (negative: a net cost).

    References
    ----------
    Salehyan (2010) (agency slack)).

    Examples
    --------
    >>> round(unsanctioned_cost(0.3, 0.6, 5.0, benefit_to_principal=1.0), 12)
    -0.6
    """
    a = np.asarray(probability(autonomy, "autonomy"))
    p = np.asarray(probability(p_retaliation, "p_retaliation"))
    x = np.asarray(nonnegative(retaliation_cost, "retaliation_cost", unit="utils"))
    b = np.asarray(nonnegative(benefit_to_principal, "benefit_to_principal", unit="utils"))
    return _out(a * (b - p * x))


def p_crisis_from_proxies(autonomy, attribution, periods=1):
    """Probability that an unbidden proxy attack is attributed to the principal within `periods`.

    Each period an unbidden attack occurs with probability α and, if it does, the target
    attributes it to the principal with probability β, independently across periods:
    1 − (1 − α·β)^periods. An attributed attack starts the retaliation crisis whether or not the
    principal ordered it, so this is the proxies' contribution to the crisis probability of the
    retaliation game.

    Parameters
    ----------
    autonomy : float or array_like
        α, P(unsanctioned proxy attack per period), in [0, 1].
    attribution : float or array_like
        β, P(target attributes a proxy attack to the principal), in [0, 1].
    periods : int or array_like of int, default 1
        Number of periods, >= 0 (0 periods gives probability 0).

    Returns
    -------
    float or ndarray
        P(at least one attributed unbidden attack).

    References
    ----------
    Salehyan (2010); Byman & Kreps (2010).

    Examples
    --------
    >>> round(p_crisis_from_proxies(0.2, 0.6), 12)
    0.12
    >>> p_crisis_from_proxies(0.2, 0.6, periods=[1, 12]).round(4)
    array([0.12  , 0.7843])
    """
    a = np.asarray(probability(autonomy, "autonomy"))
    b = np.asarray(probability(attribution, "attribution"))
    t = np.asarray(count(periods, "periods"))
    return _out(1.0 - (1.0 - a * b) ** t)
