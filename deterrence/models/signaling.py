"""Costly signals of resolve: separating, semi-separating and pooling.

Canonical two-type model in the family of Morrow (1989), *AJPS* 33(4); Banks (1990), *AJPS*
34(3); Fearon (1997), *JCR* 41(1); Sartori (2002); Slantchev (2005), *APSR* 99(4). The closed
forms are derived here.

A sender is Resolved (R) with probability pi, otherwise Unresolved (U). It may send a signal
costing k_R < k_U to its type. The receiver then accommodates (the sender gains b) or presses;
pressing pays the receiver -W_R against R (war) and G against U (U backs down), accommodating
pays 0, so the receiver accommodates iff its belief mu that the sender is R satisfies
mu >= mu* = G / (G + W_R). A pressed sender's payoff is normalised to 0.

Regimes (the equilibrium this module reports):

- ``"pooling"`` iff pi >= mu*: nobody signals and the receiver accommodates on the prior. It
  is the sender-preferred equilibrium there (others, e.g. separating, exist too).
- ``"separating"`` iff pi < mu* and k_R <= b <= k_U: only R signals; accommodate after a
  signal, press otherwise.
- ``"semi-separating"`` iff pi < mu* and b > k_U: R signals, U signals with probability
  sigma = pi (1 - mu*) / ((1 - pi) mu*), which makes the posterior after a signal exactly mu*,
  and the receiver accommodates a signal with probability rho = k_U / b, which makes U
  indifferent.
- ``"no-signal"`` iff pi < mu* and b < k_R: the signal costs more than accommodation is worth
  even to R; nobody signals and the receiver presses.

Tie rules: at mu = mu* the receiver accommodates (so pi = mu* is pooling); at b = k_R the
Resolved type signals and at b = k_U the Unresolved type does not (both are separating).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _check

__all__ = ["REGIMES", "SignalingEquilibrium", "signaling_regime", "signaling_equilibrium"]

REGIMES = ("no-signal", "separating", "semi-separating", "pooling")
"""Regime names; :func:`signaling_regime` returns indices into this tuple."""


def _validated(
    prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
):
    prior_resolved = _check.probability(prior_resolved, "prior_resolved")
    benefit = _check.positive(benefit, "benefit")
    cost_resolved = _check.nonnegative(cost_resolved, "cost_resolved")
    cost_unresolved = _check.positive(cost_unresolved, "cost_unresolved")
    gain_press = _check.positive(gain_press, "gain_press")
    war_cost_resolved = _check.positive(war_cost_resolved, "war_cost_resolved")
    _check.strict_order(
        {"cost_resolved": cost_resolved, "cost_unresolved": cost_unresolved},
        "A costly signal of resolve",
    )
    return np.broadcast_arrays(
        *(
            np.asarray(v, dtype=float)
            for v in (
                prior_resolved,
                benefit,
                cost_resolved,
                cost_unresolved,
                gain_press,
                war_cost_resolved,
            )
        )
    )


def _regime_codes(prior, benefit, cost_r, cost_u, threshold):
    pooling = prior >= threshold
    return np.select(
        [pooling, benefit < cost_r, benefit <= cost_u],
        [REGIMES.index("pooling"), REGIMES.index("no-signal"), REGIMES.index("separating")],
        default=REGIMES.index("semi-separating"),
    )


def signaling_regime(
    prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
):
    """Regime of the costly-signal game at each point of a parameter grid.

    Parameters
    ----------
    prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
        As in :func:`signaling_equilibrium`; arrays broadcast (e.g. from ``numpy.meshgrid``).

    Returns
    -------
    int or numpy.ndarray of int
        Indices into :data:`REGIMES`, ready for a region plot (``pcolormesh``).

    Examples
    --------
    >>> codes = signaling_regime(0.2, [0.3, 1.0, 2.0], 0.4, 1.5, 1, 3)
    >>> [REGIMES[c] for c in codes]
    ['no-signal', 'separating', 'semi-separating']
    >>> REGIMES[signaling_regime(0.3, 1.0, 0.4, 1.5, 1, 3)]
    'pooling'
    """
    prior, benefit, cost_r, cost_u, gain, war = _validated(
        prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
    )
    codes = _regime_codes(prior, benefit, cost_r, cost_u, gain / (gain + war))
    return int(codes) if codes.ndim == 0 else codes


@dataclass(frozen=True)
class SignalingEquilibrium:
    """A perfect Bayesian equilibrium of the costly-signal game (see the module docstring).

    Every field is a float (a string for `regime`) for scalar inputs, an array for arrays.
    NaN marks a quantity left free by the equilibrium: the receiver's belief and response
    after a signal nobody sends (pooling, no-signal).

    Attributes
    ----------
    regime : str
        One of :data:`REGIMES`.
    threshold : float
        mu* = G / (G + W_R), the belief at which the receiver is indifferent.
    signal_resolved, signal_unresolved : float
        Probability that R, U send the signal (sigma is `signal_unresolved`).
    accommodate_after_signal : float
        rho, probability that the receiver accommodates after a signal.
    accommodate_after_no_signal : float
        Probability that the receiver accommodates when no signal is sent.
    posterior_after_signal, posterior_after_no_signal : float
        Receiver's belief that the sender is R, by Bayes's rule from the strategies: 1 after a
        separating signal, mu* after a semi-separating one (also when pi = 0, where nobody
        signals and these are the beliefs the strategies imply in the limit pi -> 0).
    payoff_resolved, payoff_unresolved, payoff_receiver : float
        Expected payoffs; R's is rho * b - k_R when it signals.
    """

    regime: str | np.ndarray
    threshold: float | np.ndarray
    signal_resolved: float | np.ndarray
    signal_unresolved: float | np.ndarray
    accommodate_after_signal: float | np.ndarray
    accommodate_after_no_signal: float | np.ndarray
    posterior_after_signal: float | np.ndarray
    posterior_after_no_signal: float | np.ndarray
    payoff_resolved: float | np.ndarray
    payoff_unresolved: float | np.ndarray
    payoff_receiver: float | np.ndarray


def signaling_equilibrium(
    prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
) -> SignalingEquilibrium:
    """Solve the canonical two-type costly signal of resolve.

    Parameters
    ----------
    prior_resolved : float or array_like
        pi in [0, 1], the receiver's prior that the sender is Resolved.
    benefit : float or array_like
        b > 0, the sender's gain when the receiver accommodates.
    cost_resolved, cost_unresolved : float or array_like
        Signal costs k_R >= 0 and k_U > 0 with k_R < k_U (signals are cheaper for the
        resolved: the single-crossing condition).
    gain_press : float or array_like
        G > 0, the receiver's gain from pressing an Unresolved sender.
    war_cost_resolved : float or array_like
        W_R > 0, the receiver's loss from pressing a Resolved sender (war).

    All arguments share the sender's utility scale (b, k) or the receiver's (G, W_R) and
    broadcast against each other.

    Returns
    -------
    SignalingEquilibrium
        Regime boundaries and tie rules are in the module docstring.

    Examples
    --------
    >>> eq = signaling_equilibrium(0.2, 1, 0.4, 0.6, 1, 3)
    >>> eq.regime, eq.threshold, eq.signal_unresolved, eq.accommodate_after_signal
    ('semi-separating', 0.25, 0.75, 0.6)
    >>> round(eq.posterior_after_signal, 12), round(eq.payoff_resolved, 12)
    (0.25, 0.2)
    >>> signaling_equilibrium(0.2, 1, 0.4, 1.5, 1, 3).regime
    'separating'
    """
    prior, benefit, cost_r, cost_u, gain, war = _validated(
        prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
    )
    threshold = gain / (gain + war)
    codes = _regime_codes(prior, benefit, cost_r, cost_u, threshold)
    no_signal, separating, semi, pooling = (codes == i for i in range(len(REGIMES)))
    signals = separating | semi

    with np.errstate(divide="ignore", invalid="ignore"):
        # Finite wherever it is used: semi-separating implies pi < mu* < 1.
        mix = prior * (1 - threshold) / ((1 - prior) * threshold)
    sigma = np.where(semi, mix, 0.0)
    rho = np.where(separating, 1.0, np.where(semi, cost_u / benefit, np.nan))
    # sigma is chosen so that Bayes's rule gives exactly mu*; stating it avoids the 0/0 at pi = 0
    # and the underflow of sigma for tiny pi.
    posterior_signal = np.where(separating, 1.0, np.where(semi, threshold, np.nan))
    posterior_quiet = np.where(signals, 0.0, prior)

    zero = np.zeros_like(prior)
    payoff_r = np.select(
        [pooling, separating, semi], [benefit, benefit - cost_r, rho * benefit - cost_r], zero
    )
    payoff_u = np.where(pooling, benefit, zero)
    payoff_receiver = np.select(
        [pooling, separating, semi],
        [zero, (1 - prior) * gain, (1 - prior) * (1 - sigma) * gain],
        prior * -war + (1 - prior) * gain,
    )
    fields = (
        np.asarray(REGIMES)[codes],
        threshold,
        np.where(signals, 1.0, 0.0),
        sigma,
        rho,
        np.where(pooling, 1.0, 0.0),
        posterior_signal,
        posterior_quiet,
        payoff_r,
        payoff_u,
        payoff_receiver,
    )
    if codes.ndim == 0:
        return SignalingEquilibrium(str(fields[0]), *(float(v) for v in fields[1:]))
    return SignalingEquilibrium(*fields)
