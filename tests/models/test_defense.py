"""Tests of deterrence.models.defense: leakage, launches needed, saturation, Hughes salvo.

V-case ids refer to MODELS.md §2.8 / §3.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import defense

# -- leak probability -------------------------------------------------------------------------


def test_leak_probability_seed_scenario():
    # MODELS.md §5.1: q = r_L (1 - P_k)^s = 0.7 * 0.2 = 0.14
    assert defense.leak_probability(0.7, 0.8) == pytest.approx(0.14)
    # Wilkening's V22 illustration: 50% launch failure x 99% interception -> 0.005
    assert defense.leak_probability(0.5, 0.99) == pytest.approx(0.005)


def test_leak_probability_broadcasts():
    q = defense.leak_probability([1.0, 0.5], 0.9, shots=[[1], [2]])
    # rows: shots 1, 2; columns: reliability 1.0, 0.5 -> r * 0.1^s
    np.testing.assert_allclose(q, [[0.1, 0.05], [0.01, 0.005]])


# -- P(L >= k) and launches needed (V20-V22) -----------------------------------------------------


@pytest.mark.parametrize(
    ("case", "k", "n", "q", "expected"),
    [
        # V20: 1 - 0.9^22 = 0.90152, 1 - 0.9^21 = 0.89058
        ("V20", 1, 22, 0.1, 1 - 0.9**22),
        ("V20", 1, 21, 0.1, 1 - 0.9**21),
        # V21: binomial tail sums, MODELS.md gives 0.9006 (n=78) and 0.8944 (n=77)
        ("V21", 5, 78, 0.1, 0.9006056767),
        ("V21", 5, 77, 0.1, 0.8944242426),
        ("k=0", 0, 5, 0.3, 1.0),
        ("k>n", 6, 5, 0.3, 0.0),
    ],
)
def test_prob_at_least(case, k, n, q, expected):
    assert defense.prob_at_least(k, n, q) == pytest.approx(expected, abs=1e-9)


def test_prob_at_least_v20_rounded():
    assert round(defense.prob_at_least(1, 22, 0.1), 4) == 0.9015
    assert round(defense.prob_at_least(1, 21, 0.1), 4) == 0.8906


def test_prob_at_least_matches_direct_sum():
    # P(L >= 3) = 1 - sum_{l<3} C(n,l) q^l (1-q)^(n-l), n = 10, q = 0.2
    n, q = 10, 0.2
    direct = 1 - sum(math.comb(n, j) * q**j * (1 - q) ** (n - j) for j in range(3))
    assert defense.prob_at_least(3, n, q) == pytest.approx(direct, rel=1e-12)


@pytest.mark.parametrize(
    ("case", "k", "p", "q", "expected"),
    [
        ("V20", 1, 0.9, 0.1, 22),  # ceil(ln 0.1 / ln 0.9) = ceil(21.85) = 22
        ("V21", 5, 0.9, 0.1, 78),
        ("V22", 1, 0.9, 0.005, 460),  # ceil(ln 0.1 / ln 0.995) = ceil(459.36) = 460
        ("V22", 10, 0.5, 0.05, 194),  # P(L>=10): n=193 -> 0.4997, n=194 -> 0.5063
    ],
)
def test_launches_needed_v_cases(case, k, p, q, expected):
    assert defense.launches_needed(k, p, q) == expected


def test_launches_needed_edge_cases():
    assert defense.launches_needed(0, 0.9, 0.1) == 0  # P(L >= 0) = 1 with no launch
    assert defense.launches_needed(3, 0.0, 0.1) == 0
    assert defense.launches_needed(3, 1.0, 1.0) == 3  # every launch leaks
    assert defense.launches_needed(1, 0.5, 1.0) == 1


@settings(max_examples=60, deadline=None)
@given(
    k=st.integers(1, 12),
    p=st.floats(0.01, 0.99),
    q=st.floats(0.01, 0.99),
)
def test_launches_needed_is_the_smallest_n(k, p, q):
    n = defense.launches_needed(k, p, q)
    assert defense.prob_at_least(k, n, q) >= p
    assert defense.prob_at_least(k, n - 1, q) < p


@pytest.mark.parametrize(
    ("k", "p", "q", "fragment"),
    [
        (1, 0.9, 0.0, "q=0"),
        (2, 1.0, 0.5, "p=1 cannot be reached"),
        (1, 0.999999, 1e-9, "max_launches"),
        (20, 0.999999, 1e-6, "max_launches"),
    ],
)
def test_launches_needed_impossible(k, p, q, fragment):
    with pytest.raises(ParameterError, match=fragment):
        defense.launches_needed(k, p, q, max_launches=10**6)


def test_launches_needed_rejects_arrays():
    with pytest.raises(ParameterError, match="scalar"):
        defense.launches_needed(1, [0.5, 0.9], 0.1)


# -- saturation (V23) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shots", "expected"),
    [
        # s=1: m = min(100, 40) = 40 -> 60 + 40 * 0.1 = 64.0
        (1, 64.0),
        # s=2: m = min(100, 20) = 20 -> 80 + 20 * 0.01 = 80.2 (shoot-shoot leaks more)
        (2, 80.2),
    ],
)
def test_expected_leakers_v23(shots, expected):
    assert defense.expected_leakers(100, 40, 0.9, shots=shots) == pytest.approx(expected, abs=1e-12)
    pmf = defense.leaker_pmf(100, 40, 0.9, shots=shots)
    assert pmf.sum() == pytest.approx(1.0, abs=1e-12)
    assert pmf @ np.arange(101) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(("shots", "expected"), [(1, 64.0), (2, 80.2)])
def test_simulate_leakers_v23_within_four_standard_errors(shots, expected):
    draws = defense.simulate_leakers(100, 40, 0.9, shots=shots, size=200_000, seed=2024)
    # Var(L) = m p (1-p) with m engaged threats, p = 0.1^s
    m, p = 40 // shots, 0.1**shots
    se = math.sqrt(m * p * (1 - p) / draws.size)
    assert abs(draws.mean() - expected) < 4 * se
    assert draws.min() >= 100 - m  # unengaged threats always leak


def test_expected_leakers_unlimited_interceptors_is_n_q():
    # with N_I >= n*s every arrival is engaged: E[L] = n r (1-P_k)^s = n q
    q = defense.leak_probability(0.7, 0.8, shots=2)
    assert defense.expected_leakers(150, 10_000, 0.8, shots=2, reliability=0.7) == pytest.approx(
        150 * q, rel=1e-12
    )


def test_expected_leakers_with_reliability_exact_sum():
    # n=3, r=0.5, N_I=1, s=1, P_k=0.5: A ~ Bin(3, .5); E[L | a] = (a - min(a,1)) + min(a,1) * 0.5
    weights = [1 / 8, 3 / 8, 3 / 8, 1 / 8]
    expected = sum(w * ((a - min(a, 1)) + min(a, 1) * 0.5) for a, w in enumerate(weights))
    assert expected == pytest.approx(1.0625)
    assert defense.expected_leakers(3, 1, 0.5, reliability=0.5) == pytest.approx(expected)
    pmf = defense.leaker_pmf(3, 1, 0.5, reliability=0.5)
    # a=0 -> L=0; a=1 -> Bin(1,.5); a=2 -> 1 + Bin(1,.5); a=3 -> 2 + Bin(1,.5), so
    # P(L=0) = 1/8 + 3/16, P(1) = 3/16 + 3/16, P(2) = 3/16 + 1/16, P(3) = 1/16
    np.testing.assert_allclose(pmf, [5 / 16, 6 / 16, 4 / 16, 1 / 16])


def test_simulate_leakers_with_reliability_matches_expectation():
    exact = defense.expected_leakers(150, 60, 0.8, shots=2, reliability=0.7)
    pmf = defense.leaker_pmf(150, 60, 0.8, shots=2, reliability=0.7)
    sd = math.sqrt(pmf @ np.arange(151) ** 2 - exact**2)
    draws = defense.simulate_leakers(150, 60, 0.8, shots=2, reliability=0.7, size=50_000, seed=7)
    assert abs(draws.mean() - exact) < 4 * sd / math.sqrt(draws.size)


def test_simulate_leakers_is_reproducible():
    a = defense.simulate_leakers(50, 10, 0.8, size=100, seed=3)
    b = defense.simulate_leakers(50, 10, 0.8, size=100, seed=np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)


def test_expected_leakers_broadcasts():
    values = defense.expected_leakers(100, [0, 40, 200], 0.9)
    # no interceptors: 100; 40: 64; 200 >= 100: 100 * 0.1 = 10
    np.testing.assert_allclose(values, [100.0, 64.0, 10.0])


# scipy.stats.binom.pmf overflows inside Boost's ibeta_derivative for p near the smallest
# normal double (2.2e-308, scipy 1.17), so hypothesis draws probabilities away from it.
probabilities = st.one_of(st.just(0.0), st.floats(1e-300, 1.0))


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(0, 60),
    interceptors=st.integers(0, 80),
    p_kill=probabilities,
    shots=st.integers(1, 3),
    reliability=probabilities,
)
def test_leaker_pmf_mean_matches_expected_leakers(n, interceptors, p_kill, shots, reliability):
    pmf = defense.leaker_pmf(n, interceptors, p_kill, shots, reliability)
    assert pmf.sum() == pytest.approx(1.0, abs=1e-9)
    assert pmf @ np.arange(n + 1) == pytest.approx(
        defense.expected_leakers(n, interceptors, p_kill, shots, reliability), abs=1e-8
    )


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 200), interceptors=st.integers(0, 300), p_kill=st.floats(0, 1))
def test_more_interceptors_never_raise_leakage(n, interceptors, p_kill):
    assert (
        defense.expected_leakers(n, interceptors + 1, p_kill)
        <= defense.expected_leakers(n, interceptors, p_kill) + 1e-9
    )


# -- Hughes salvo (V24) ------------------------------------------------------------------------


def test_salvo_exchange_v24():
    # dB = min(8, (4*10 - 2*8)/1.5 = 16) = 8 (B annihilated); dA = (4*8 - 3*10)/2 = 1
    loss_a, loss_b = defense.salvo_exchange(10, 8, 4, 4, 2, 1.5, 3, 2)
    assert (loss_a, loss_b) == (1.0, 8.0)


def test_salvo_exchange_clips_at_zero_and_broadcasts():
    # strong defence: (1*10 - 5*8)/1 < 0 -> 0 losses for B
    loss_a, loss_b = defense.salvo_exchange(10, [8, 2], 1, 4, 2, 1, 3, 5)
    # B=8: dA = (32 - 30)/2 = 1; B=2: dA = (8 - 30)/2 < 0 -> 0; dB = (10 - 40)/1, (10 - 10)/1 -> 0
    np.testing.assert_allclose(loss_a, [1.0, 0.0])
    np.testing.assert_allclose(loss_b, [0.0, 0.0])


# -- bad inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: defense.leak_probability(1.2, 0.8), ProbabilityError, "reliability"),
        (lambda: defense.leak_probability(0.7, -0.1), ProbabilityError, "p_kill"),
        (lambda: defense.leak_probability(0.7, 0.8, shots=0), ParameterError, "shots"),
        (lambda: defense.leak_probability(0.7, 0.8, shots=1.5), ParameterError, "shots"),
        (lambda: defense.prob_at_least(1, 10, 80), ProbabilityError, "not a percentage"),
        (lambda: defense.prob_at_least(-1, 10, 0.1), ParameterError, "k must be a whole"),
        (lambda: defense.prob_at_least(1, 10.5, 0.1), ParameterError, "n must be a whole"),
        (lambda: defense.launches_needed(1, 1.5, 0.1), ProbabilityError, "p must be"),
        (lambda: defense.launches_needed(2.5, 0.5, 0.1), ParameterError, "k must be"),
        (lambda: defense.expected_leakers(-5, 40, 0.9), ParameterError, "n must be"),
        (lambda: defense.expected_leakers(100, 40.5, 0.9), ParameterError, "interceptors"),
        (lambda: defense.expected_leakers(100, 40, 0.9, shots=0), ParameterError, "shots"),
        (
            lambda: defense.expected_leakers(100, 40, 0.9, reliability=2),
            ProbabilityError,
            "reliability",
        ),
        (lambda: defense.leaker_pmf(10, [1, 2], 0.5), ParameterError, "scalar"),
        (lambda: defense.simulate_leakers(10, 5, 0.5, shots=0, size=3), ParameterError, "shots"),
        (lambda: defense.salvo_exchange(-1, 8, 4, 4, 2, 1.5, 3, 2), ParameterError, "A must"),
        (lambda: defense.salvo_exchange(10, 8, 4, 4, 0, 1.5, 3, 2), ParameterError, "a1 must"),
        (lambda: defense.salvo_exchange(10, 8, 4, -4, 2, 1.5, 3, 2), ParameterError, "beta"),
        (lambda: defense.salvo_exchange(10, 8, 4, 4, 2, 1.5, 3, "x"), ParameterError, "b3"),
    ],
)
def test_bad_inputs(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
