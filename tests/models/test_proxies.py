"""Tests of deterrence.models.proxies: autonomy, attribution, unsanctioned attacks.

V-case ids refer to MODELS.md §2.7 / §3.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import proxies


def test_autonomy_v19():
    # b_A ~ U[0,1], c_A + sigma = 0.7 -> alpha = 1 - 0.7 = 0.3
    assert proxies.autonomy(stats.uniform(0, 1), 0.3, 0.4) == pytest.approx(0.3)


def test_autonomy_falls_with_sanction_and_broadcasts():
    # b_A ~ Exp(1): alpha = exp(-(c + sigma))
    alpha = proxies.autonomy(stats.expon(), 0.5, np.array([0.0, 0.5, 1.0]))
    np.testing.assert_allclose(alpha, np.exp(-np.array([0.5, 1.0, 1.5])))


def test_attribution_prior_v18():
    # lambda_O = 2, lambda_A = 1 -> pi_O = 2/3
    assert proxies.attribution_prior(2, 1) == pytest.approx(2 / 3)
    assert proxies.attribution_prior(0, 1) == 0.0


@pytest.mark.parametrize(
    ("signal", "expected"),
    [
        # positive: 0.8*0.5 / (0.8*0.5 + 0.1*0.5) = 0.4/0.45 = 8/9
        (True, 8 / 9),
        # negative: 0.2*0.5 / (0.2*0.5 + 0.9*0.5) = 0.1/0.55 = 2/11 = 0.1818
        (False, 2 / 11),
    ],
)
def test_attribution_posterior_v18(signal, expected):
    assert proxies.attribution_posterior(0.5, 0.8, 0.1, signal=signal) == pytest.approx(expected)


def test_attribution_posterior_chained_with_prior():
    # pi_O = 2/3; positive signal: 0.8*(2/3) / (0.8*(2/3) + 0.1*(1/3)) = 1.6/1.7 = 16/17
    prior = proxies.attribution_prior(2, 1)
    assert proxies.attribution_posterior(prior, 0.8, 0.1) == pytest.approx(16 / 17)


@settings(max_examples=60, deadline=None)
@given(
    prior=st.floats(0.01, 0.99),
    sensitivity=st.floats(0.0, 1.0),
    false_positive=st.floats(0.01, 0.99),
)
def test_posterior_is_a_martingale(prior, sensitivity, false_positive):
    # law of total probability: E[posterior] over the signal equals the prior
    p_pos = sensitivity * prior + false_positive * (1 - prior)
    pos = proxies.attribution_posterior(prior, sensitivity, false_positive, signal=True)
    neg = proxies.attribution_posterior(prior, sensitivity, false_positive, signal=False)
    assert p_pos * pos + (1 - p_pos) * neg == pytest.approx(prior, abs=1e-12)
    if sensitivity > false_positive:  # an informative positive signal raises the posterior
        assert pos >= prior - 1e-12 >= neg - 2e-12


def test_unsanctioned_cost_v19():
    # alpha (B_P - P(ret) X) = 0.3 (1 - 0.6*5) = -0.6 utils per period (a net cost)
    alpha = proxies.autonomy(stats.uniform(0, 1), 0.3, 0.4)
    value = proxies.unsanctioned_cost(alpha, 0.6, 5.0, benefit_to_principal=1.0)
    assert value == pytest.approx(-0.6)
    # default B_P = 0: -alpha p X = -0.9
    assert proxies.unsanctioned_cost(0.3, 0.6, 5.0) == pytest.approx(-0.9)


def test_p_crisis_from_proxies_seed_defaults():
    # MODELS.md §5.1: alpha = 0.2, beta = 0.6 -> per period 0.12; 12 periods 1 - 0.88^12
    assert proxies.p_crisis_from_proxies(0.2, 0.6) == pytest.approx(0.12)
    values = proxies.p_crisis_from_proxies(0.2, 0.6, periods=[0, 1, 12])
    np.testing.assert_allclose(values, [0.0, 0.12, 1 - 0.88**12])
    assert proxies.p_crisis_from_proxies(1.0, 1.0, periods=0) == 0.0


@settings(max_examples=40, deadline=None)
@given(a=st.floats(0, 1), b=st.floats(0, 1), t=st.integers(0, 50))
def test_p_crisis_grows_with_periods(a, b, t):
    one = proxies.p_crisis_from_proxies(a, b, periods=t)
    more = proxies.p_crisis_from_proxies(a, b, periods=t + 1)
    assert 0.0 <= one <= more <= 1.0


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: proxies.autonomy([0, 1], 0.3, 0.4), ParameterError, "benefit must be a frozen"),
        (lambda: proxies.autonomy(stats.uniform(0, 1), -0.3, 0.4), ParameterError, "cost"),
        (lambda: proxies.autonomy(stats.uniform(0, 1), 0.3, -1), ParameterError, "sanction"),
        (lambda: proxies.attribution_prior(-1, 1), ParameterError, "rate_ordered"),
        (lambda: proxies.attribution_prior(0, 0), ParameterError, "must be > 0"),
        (lambda: proxies.attribution_posterior(1.5, 0.8, 0.1), ProbabilityError, "prior"),
        (lambda: proxies.attribution_posterior(0.5, -0.8, 0.1), ProbabilityError, "sensitivity"),
        (lambda: proxies.attribution_posterior(0.5, 0.8, 10), ProbabilityError, "false_positive"),
        (
            lambda: proxies.attribution_posterior(0.5, 0.8, 0.1, signal="yes"),
            ParameterError,
            "signal",
        ),
        (lambda: proxies.attribution_posterior(0.0, 0.8, 0.0), ParameterError, "probability 0"),
        (lambda: proxies.unsanctioned_cost(1.3, 0.6, 5.0), ProbabilityError, "autonomy"),
        (lambda: proxies.unsanctioned_cost(0.3, 0.6, -5.0), ParameterError, "retaliation_cost"),
        (
            lambda: proxies.unsanctioned_cost(0.3, 0.6, 5.0, benefit_to_principal=-1),
            ParameterError,
            "benefit_to_principal",
        ),
        (lambda: proxies.p_crisis_from_proxies(0.2, 60), ProbabilityError, "attribution"),
        (lambda: proxies.p_crisis_from_proxies(0.2, 0.6, periods=1.5), ParameterError, "periods"),
        (lambda: proxies.p_crisis_from_proxies(0.2, 0.6, periods=-1), ParameterError, "periods"),
    ],
)
def test_bad_inputs(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
