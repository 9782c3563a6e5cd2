"""Tests of deterrence.models.bargaining: Fearon's range, risk-return, attrition, hand-tying.

V-case ids refer to MODELS.md §2.2 / §3.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, optimize, stats

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import bargaining

probability = st.floats(0, 1)
cost = st.floats(0.001, 1)

# -- bargaining range (V5) ----------------------------------------------------------------------


def test_bargaining_range_v5():
    # [p - c_A, p + c_B] = [0.6 - 0.1, 0.6 + 0.15] = [0.5, 0.75]
    low, high = bargaining.bargaining_range(0.6, 0.1, 0.15)
    assert low == pytest.approx(0.5, abs=1e-15)
    assert high == pytest.approx(0.75, abs=1e-15)


def test_bargaining_range_endpoints_equal_war_payoffs():
    # A's war payoff p - c_A is the least A accepts; B's war payoff 1 - p - c_B = 1 - high
    r = bargaining.bargaining_range(0.6, 0.1, 0.15)
    assert r.low == pytest.approx(0.6 - 0.1)
    assert 1 - r.high == pytest.approx(1 - 0.6 - 0.15)


def test_bargaining_range_vectorised():
    r = bargaining.bargaining_range([0.2, 0.6], 0.1, [[0.05], [0.15]])
    np.testing.assert_allclose(r.low, [[0.1, 0.5], [0.1, 0.5]])
    np.testing.assert_allclose(r.high, [[0.25, 0.65], [0.35, 0.75]])


@given(p=probability, cost_a=cost, cost_b=cost)
def test_bargaining_range_contains_p_with_width_of_total_cost(p, cost_a, cost_b):
    low, high = bargaining.bargaining_range(p, cost_a, cost_b)
    assert low < p < high
    assert high - low == pytest.approx(cost_a + cost_b, rel=1e-12)


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        ((1.2, 0.1, 0.1), ProbabilityError, "p must be a probability in [0, 1]; got 1.2"),
        (
            (0.5, 0.0, 0.1),
            ParameterError,
            "cost_a must lie in (0, inf] (share of the prize); got 0",
        ),
        ((0.5, 0.1, -1), ParameterError, "cost_b must lie in (0, inf]"),
        ((0.5, "high", 0.1), ParameterError, "cost_a must be a number"),
    ],
)
def test_bargaining_range_bad_inputs(args, error, fragment):
    with pytest.raises(error) as info:
        bargaining.bargaining_range(*args)
    assert fragment in str(info.value)


# -- risk-return trade-off (V6) -------------------------------------------------------------------


def _proposer_payoff(x, p, cost_a_max, cost_b):
    """B's expected payoff of offering x, straight from the model (not from the closed form)."""
    accept = min(max(1 - (p - x) / cost_a_max, 0.0), 1.0)  # P(c_A >= p - x), c_A ~ U[0, c_max]
    return accept * (1 - x) + (1 - accept) * (1 - p - cost_b)


def _numeric_optimum(p, cost_a_max, cost_b):
    # offers above p are accepted by every type and cost B more; below p - c_max war is certain
    low = max(0.0, p - cost_a_max)
    res = optimize.minimize_scalar(
        lambda x: -_proposer_payoff(x, p, cost_a_max, cost_b),
        bounds=(low, p),
        method="bounded",
        options={"xatol": 1e-12},
    )
    # bounded Brent never evaluates the bounds themselves, where corner optima lie
    candidates = [(res.x, -res.fun)] + [
        (end, _proposer_payoff(end, p, cost_a_max, cost_b)) for end in (low, p)
    ]
    return max(candidates, key=lambda c: c[1])


def test_risk_return_v6():
    # z* = (c_max - c_B) / 2 = (0.3 - 0.1) / 2 = 0.1: x* = 0.5 - 0.1 = 0.4, Pr(war) = 0.1 / 0.3
    r = bargaining.risk_return(0.5, 0.3, 0.1)
    assert r.offer == pytest.approx(0.4, abs=1e-15)
    assert r.war_probability == pytest.approx(1 / 3, abs=1e-15)
    # B's payoff (1 - p) + z - z^2 / c_max - c_B z / c_max = 0.5 + 0.1 - 0.1/3 - 0.1/3 = 0.5333
    assert r.proposer_payoff == pytest.approx(0.5 + 0.1 - 0.2 / 3, abs=1e-15)
    x, value = _numeric_optimum(0.5, 0.3, 0.1)
    assert x == pytest.approx(r.offer, abs=1e-7)
    assert value == pytest.approx(r.proposer_payoff, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(p=probability, cost_a_max=cost, cost_b=cost)
def test_risk_return_matches_minimize_scalar(p, cost_a_max, cost_b):
    r = bargaining.risk_return(p, cost_a_max, cost_b)
    x, value = _numeric_optimum(p, cost_a_max, cost_b)
    # the closed form is never beaten; the optimiser finds the same offer to 1e-7
    assert r.proposer_payoff == pytest.approx(
        _proposer_payoff(r.offer, p, cost_a_max, cost_b), abs=1e-12
    )
    assert value <= r.proposer_payoff + 1e-12
    assert value == pytest.approx(r.proposer_payoff, abs=1e-7)
    assert x == pytest.approx(r.offer, abs=1e-7)
    assert 0 <= r.offer <= p and 0 <= r.war_probability <= 0.5


def test_risk_return_corner_cases():
    # c_B >= c_max: offering p satisfies every type, war never happens
    r = bargaining.risk_return(0.5, 0.1, 0.2)
    assert (r.offer, r.war_probability, r.proposer_payoff) == pytest.approx((0.5, 0.0, 0.5))
    # p = 0.05 < z* = 0.1: B offers nothing; Pr(war) = P(c_A < 0.05) = 0.05 / 0.3
    r = bargaining.risk_return(0.05, 0.3, 0.1)
    assert r.offer == 0.0
    assert r.war_probability == pytest.approx(0.05 / 0.3)


def test_risk_return_vectorised():
    r = bargaining.risk_return([0.5, 0.05], 0.3, 0.1)
    np.testing.assert_allclose(r.offer, [0.4, 0.0], atol=1e-15)
    np.testing.assert_allclose(r.war_probability, [1 / 3, 0.05 / 0.3])


def test_risk_return_bad_inputs():
    with pytest.raises(ProbabilityError, match="p must be a probability"):
        bargaining.risk_return(-0.1, 0.3, 0.1)
    with pytest.raises(ParameterError, match="cost_a_max must lie in"):
        bargaining.risk_return(0.5, 0, 0.1)


# -- war of attrition (V8) ----------------------------------------------------------------------


def test_war_of_attrition_v8():
    # lambda = c / V = 1 / 10 = 0.1; E[duration] = 1 / (2 lambda) = 5; E[payoff] = 0
    eq = bargaining.war_of_attrition(10, 1)
    assert eq.hazard == pytest.approx(0.1, abs=1e-15)
    assert eq.expected_duration == pytest.approx(5.0, abs=1e-15)
    assert eq.expected_payoff == 0.0


@pytest.mark.parametrize("quit_time", [0.5, 3.0, 20.0])
def test_war_of_attrition_hazard_makes_opponent_indifferent(quit_time):
    # planning to quit at t against an opponent quitting at rate lambda pays
    # int_0^t (V - c s) lambda e^{-lambda s} ds - c t e^{-lambda t} = 0 for every t
    prize, flow_cost = 10.0, 1.0
    lam = bargaining.war_of_attrition(prize, flow_cost).hazard
    win, _ = integrate.quad(
        lambda s: (prize - flow_cost * s) * lam * math.exp(-lam * s), 0, quit_time
    )
    assert win - flow_cost * quit_time * math.exp(-lam * quit_time) == pytest.approx(0, abs=1e-9)


def test_war_of_attrition_duration_by_monte_carlo():
    # the contest ends at min of two Exp(0.1) quits: mean 5, sd 5; 10^5 draws -> se 0.016
    rng = np.random.default_rng(6)
    quits = rng.exponential(1 / 0.1, size=(100_000, 2)).min(axis=1)
    assert quits.mean() == pytest.approx(
        bargaining.war_of_attrition(10, 1).expected_duration, abs=0.08
    )


def test_war_of_attrition_vectorised_and_bad_inputs():
    eq = bargaining.war_of_attrition([10, 20], 2)
    np.testing.assert_allclose(eq.hazard, [0.2, 0.1])
    np.testing.assert_allclose(eq.expected_duration, [2.5, 5.0])
    np.testing.assert_array_equal(eq.expected_payoff, [0.0, 0.0])
    with pytest.raises(ParameterError, match=r"prize must lie in \(0, inf\] \(utility\); got 0"):
        bargaining.war_of_attrition(0, 1)
    with pytest.raises(ParameterError, match="flow_cost must lie in"):
        bargaining.war_of_attrition(10, -1)


# -- hand-tying (V7) ----------------------------------------------------------------------------


def test_hand_tying_v7():
    # fight iff v >= c - a; v ~ U[0, 10], c = 5: a = 0 -> P(v >= 5) = 0.5; a = 2 -> P(v >= 3) = 0.7
    values = stats.uniform(0, 10)
    assert bargaining.hand_tying(values, 5, 0) == pytest.approx(0.5, abs=1e-15)
    assert bargaining.hand_tying(values, 5, 2) == pytest.approx(0.7, abs=1e-15)
    np.testing.assert_allclose(bargaining.hand_tying(values, 5, [0, 2, 5, 7]), [0.5, 0.7, 1.0, 1.0])


def test_hand_tying_discrete_tie_rule():
    # v uniform on {0, ..., 9}; c - a = 3: the leader with v = 3 fights, so P(v >= 3) = 7/10
    values = stats.randint(0, 10)
    assert bargaining.hand_tying(values, 5, 2) == pytest.approx(0.7, abs=1e-15)


@given(war_cost=st.floats(0, 20), a=st.floats(0, 10), extra=st.floats(0, 10))
def test_hand_tying_rises_with_commitment_cost(war_cost, a, extra):
    values = stats.norm(5, 2)
    assert bargaining.hand_tying(values, war_cost, a + extra) >= bargaining.hand_tying(
        values, war_cost, a
    )


def test_hand_tying_bad_inputs():
    with pytest.raises(ParameterError, match="war_value_dist must be a frozen scipy.stats"):
        bargaining.hand_tying([1, 2, 3], 5, 2)
    with pytest.raises(ParameterError, match=r"commitment_cost must lie in \[0, inf\]; got -1"):
        bargaining.hand_tying(stats.uniform(0, 10), 5, -1)
    with pytest.raises(ParameterError, match="war_cost must lie in"):
        bargaining.hand_tying(stats.uniform(0, 10), -5, 2)
