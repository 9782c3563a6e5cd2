"""Tests of deterrence.models.signaling: the canonical two-type costly signal of resolve.

V-case ids refer to MODELS.md §2.6 / §3.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import signaling
from deterrence.models.signaling import REGIMES

# V17: G = 1, W_R = 3 -> mu* = G / (G + W_R) = 1/4; pi = 0.2, b = 1
V17 = {"prior_resolved": 0.2, "benefit": 1.0, "gain_press": 1.0, "war_cost_resolved": 3.0}


def test_threshold_v17():
    eq = signaling.signaling_equilibrium(cost_resolved=0.4, cost_unresolved=1.5, **V17)
    assert eq.threshold == pytest.approx(0.25, abs=1e-15)


def test_separating_v17():
    # pi = 0.2 < mu* = 0.25 and k_R = 0.4 <= b = 1 <= k_U = 1.5: only R signals
    eq = signaling.signaling_equilibrium(cost_resolved=0.4, cost_unresolved=1.5, **V17)
    assert eq.regime == "separating"
    assert (eq.signal_resolved, eq.signal_unresolved) == (1.0, 0.0)
    assert (eq.accommodate_after_signal, eq.accommodate_after_no_signal) == (1.0, 0.0)
    assert (eq.posterior_after_signal, eq.posterior_after_no_signal) == (1.0, 0.0)
    # R: b - k_R = 0.6; U pressed: 0; receiver presses U (prob 0.8) for G = 1: 0.8
    assert eq.payoff_resolved == pytest.approx(0.6)
    assert eq.payoff_unresolved == 0.0
    assert eq.payoff_receiver == pytest.approx(0.8)


def test_semi_separating_v17():
    # k_U = 0.6 < b = 1: sigma = pi (1 - mu*) / ((1 - pi) mu*) = 0.2 * 0.75 / (0.8 * 0.25) = 0.75,
    # rho = k_U / b = 0.6, posterior 0.2 / (0.2 + 0.8 * 0.75) = 0.25 exactly,
    # R's net gain rho b - k_R = 0.6 - 0.4 = 0.2
    eq = signaling.signaling_equilibrium(cost_resolved=0.4, cost_unresolved=0.6, **V17)
    assert eq.regime == "semi-separating"
    assert eq.signal_unresolved == pytest.approx(0.75, abs=1e-15)
    assert eq.accommodate_after_signal == pytest.approx(0.6, abs=1e-15)
    assert eq.posterior_after_signal == pytest.approx(0.25, abs=1e-15)
    assert eq.payoff_resolved == pytest.approx(0.2, abs=1e-15)
    # U is indifferent, so its payoff equals that of not signalling (pressed): 0
    assert eq.payoff_unresolved == pytest.approx(0.0, abs=1e-15)
    # receiver: indifferent after a signal (0); presses the quiet U (0.8 * 0.25 = 0.2) for G = 1
    assert eq.payoff_receiver == pytest.approx(0.2, abs=1e-15)


def test_pooling_and_no_signal():
    # pi = 0.3 >= mu* = 0.25: nobody signals, receiver accommodates on the prior
    eq = signaling.signaling_equilibrium(0.3, 1.0, 0.4, 1.5, 1.0, 3.0)
    assert eq.regime == "pooling"
    assert (eq.payoff_resolved, eq.payoff_unresolved, eq.payoff_receiver) == (1.0, 1.0, 0.0)
    assert eq.posterior_after_no_signal == 0.3
    assert math.isnan(eq.posterior_after_signal) and math.isnan(eq.accommodate_after_signal)
    # b = 0.3 < k_R = 0.4: even R will not pay for the signal; receiver presses on the prior:
    # 0.2 * (-3) + 0.8 * 1 = 0.2
    eq = signaling.signaling_equilibrium(0.2, 0.3, 0.4, 1.5, 1.0, 3.0)
    assert eq.regime == "no-signal"
    assert (eq.payoff_resolved, eq.payoff_unresolved) == (0.0, 0.0)
    assert eq.payoff_receiver == pytest.approx(0.2)
    assert math.isnan(eq.posterior_after_signal)


@pytest.mark.parametrize(
    ("args", "regime"),
    [
        # pi = mu* = 0.25: the indifferent receiver accommodates -> pooling
        ((0.25, 1.0, 0.4, 1.5, 1.0, 3.0), "pooling"),
        # b = k_R: R is indifferent and signals -> separating
        ((0.2, 0.4, 0.4, 1.5, 1.0, 3.0), "separating"),
        # b = k_U: U is indifferent and does not signal -> separating
        ((0.2, 1.5, 0.4, 1.5, 1.0, 3.0), "separating"),
        # pi = 0 with b > k_U: semi-separating with sigma = 0 (nobody is Resolved to signal)
        ((0.0, 1.0, 0.4, 0.6, 1.0, 3.0), "semi-separating"),
    ],
)
def test_regime_tie_rules(args, regime):
    eq = signaling.signaling_equilibrium(*args)
    assert eq.regime == regime
    assert REGIMES[signaling.signaling_regime(*args)] == regime


def test_prior_zero_uses_the_limit_belief():
    eq = signaling.signaling_equilibrium(0.0, 1.0, 0.4, 0.6, 1.0, 3.0)
    assert eq.signal_unresolved == 0.0
    assert eq.posterior_after_signal == pytest.approx(0.25)
    eq = signaling.signaling_equilibrium(0.0, 1.0, 0.4, 1.5, 1.0, 3.0)
    assert eq.posterior_after_signal == 1.0


# -- an independent equilibrium check -----------------------------------------------------------


def _check_perfect_bayesian(eq, prior, benefit, cost_r, cost_u, gain, war, tol=1e-9):
    """Each sender type and the receiver best-respond; beliefs follow Bayes; payoffs add up."""
    rho = eq.accommodate_after_signal
    if math.isnan(rho):
        rho = 0.0  # off-path signal: pressing is supported by the belief 0
    a0 = eq.accommodate_after_no_signal
    for signal, cost in ((eq.signal_resolved, cost_r), (eq.signal_unresolved, cost_u)):
        gain_signal = rho * benefit - cost
        gain_quiet = a0 * benefit
        if signal == 1:
            assert gain_signal >= gain_quiet - tol
        elif signal == 0:
            assert gain_signal <= gain_quiet + tol
        else:
            assert gain_signal == pytest.approx(gain_quiet, abs=tol)

    def receiver_ok(belief, accommodate):
        press = belief * -war + (1 - belief) * gain  # accommodating pays 0
        if accommodate == 1:
            return press <= tol
        if accommodate == 0:
            return press >= -tol
        return abs(press) <= tol

    p_signal = prior * eq.signal_resolved + (1 - prior) * eq.signal_unresolved
    if p_signal > 0:
        bayes = prior * eq.signal_resolved / p_signal
        assert eq.posterior_after_signal == pytest.approx(bayes, abs=tol)
        assert receiver_ok(bayes, eq.accommodate_after_signal)
    p_quiet = 1 - p_signal
    if p_quiet > 0:
        bayes = prior * (1 - eq.signal_resolved) / p_quiet
        assert eq.posterior_after_no_signal == pytest.approx(bayes, abs=tol)
        assert receiver_ok(bayes, a0)

    def sender_payoff(signal, cost):
        return signal * (rho * benefit - cost) + (1 - signal) * a0 * benefit

    assert eq.payoff_resolved == pytest.approx(sender_payoff(eq.signal_resolved, cost_r), abs=tol)
    assert eq.payoff_unresolved == pytest.approx(
        sender_payoff(eq.signal_unresolved, cost_u), abs=tol
    )

    def receiver_payoff(belief, accommodate):
        return (1 - accommodate) * (belief * -war + (1 - belief) * gain)

    expected = 0.0
    if p_signal > 0:
        expected += p_signal * receiver_payoff(
            eq.posterior_after_signal, eq.accommodate_after_signal
        )
    if p_quiet > 0:
        expected += p_quiet * receiver_payoff(eq.posterior_after_no_signal, a0)
    assert eq.payoff_receiver == pytest.approx(expected, abs=tol)


def test_v17_cases_are_perfect_bayesian():
    for cost_u in (1.5, 0.6):
        args = (0.2, 1.0, 0.4, cost_u, 1.0, 3.0)
        _check_perfect_bayesian(signaling.signaling_equilibrium(*args), *args)


positive = st.floats(0.01, 10)


@st.composite
def games(draw):
    # subnormal priors make sigma underflow, which no belief-level check can survive
    prior = draw(st.floats(0, 1, allow_subnormal=False))
    cost_r = draw(st.floats(0, 10))
    cost_u = cost_r + draw(positive)
    return prior, draw(positive), cost_r, cost_u, draw(positive), draw(positive)


@settings(max_examples=300)
@given(args=games())
def test_every_reported_equilibrium_is_perfect_bayesian(args):
    eq = signaling.signaling_equilibrium(*args)
    assert eq.regime in REGIMES
    _check_perfect_bayesian(eq, *args)


@given(args=games())
def test_posterior_after_signal_reaches_threshold_when_semi_separating(args):
    eq = signaling.signaling_equilibrium(*args)
    prior = args[0]
    if eq.regime == "semi-separating":
        assert eq.posterior_after_signal == eq.threshold
        if prior > 0:
            # Bayes's rule from the strategies: R always signals, U with probability sigma
            bayes = prior / (prior + (1 - prior) * eq.signal_unresolved)
            assert bayes >= eq.threshold - 1e-12
            assert bayes == pytest.approx(eq.threshold, rel=1e-9)
        assert 0 <= eq.signal_unresolved < 1 and 0 < eq.accommodate_after_signal < 1
        # R strictly gains from its signal: rho b - k_R = k_U - k_R > 0
        assert eq.payoff_resolved > 0


# -- grids for region plots ----------------------------------------------------------------------


def test_regime_grid_matches_pointwise_equilibria():
    benefit, cost_u = np.meshgrid(np.linspace(0.1, 2, 9), np.linspace(0.5, 2.5, 7))
    codes = signaling.signaling_regime(0.2, benefit, 0.4, cost_u, 1.0, 3.0)
    assert codes.shape == (7, 9) and codes.dtype.kind == "i"
    grid_eq = signaling.signaling_equilibrium(0.2, benefit, 0.4, cost_u, 1.0, 3.0)
    assert grid_eq.regime.shape == (7, 9)
    for idx in np.ndindex(codes.shape):
        point = signaling.signaling_equilibrium(0.2, benefit[idx], 0.4, cost_u[idx], 1.0, 3.0)
        assert REGIMES[codes[idx]] == point.regime == grid_eq.regime[idx]
        assert grid_eq.payoff_resolved[idx] == pytest.approx(point.payoff_resolved)
    # all three pi < mu* regimes appear on this grid
    assert set(codes.ravel()) == {0, 1, 2}


def test_regime_over_prior():
    codes = signaling.signaling_regime(np.array([0.1, 0.24, 0.25, 0.9]), 1.0, 0.4, 0.6, 1.0, 3.0)
    assert [REGIMES[c] for c in codes] == [
        "semi-separating",
        "semi-separating",
        "pooling",
        "pooling",
    ]


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (
            (0.2, 1.0, 0.6, 0.6, 1.0, 3.0),
            ParameterError,
            "requires cost_resolved < cost_unresolved; got cost_resolved=0.6 >= cost_unresolved=0.6",
        ),
        ((0.2, 1.0, [0.1, 0.9], 0.6, 1.0, 3.0), ParameterError, "got cost_resolved=0.9"),
        ((1.2, 1.0, 0.4, 0.6, 1.0, 3.0), ProbabilityError, "prior_resolved must be a probability"),
        ((0.2, 0.0, 0.4, 0.6, 1.0, 3.0), ParameterError, "benefit must lie in (0, inf]"),
        ((0.2, 1.0, -0.1, 0.6, 1.0, 3.0), ParameterError, "cost_resolved must lie in [0, inf]"),
        ((0.2, 1.0, 0.4, 0.6, 0.0, 3.0), ParameterError, "gain_press must lie in (0, inf]"),
        ((0.2, 1.0, 0.4, 0.6, 1.0, -3.0), ParameterError, "war_cost_resolved must lie in"),
    ],
)
def test_bad_inputs(args, error, fragment):
    for function in (signaling.signaling_equilibrium, signaling.signaling_regime):
        with pytest.raises(error) as info:
            function(*args)
        assert fragment in str(info.value)
