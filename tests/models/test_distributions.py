"""Tests of deterrence.models.distributions: closed-form threshold families and parameter draws.

Oracle: scipy.stats (lognorm, weibull_min, gamma, fisk), whose implementations are independent of
the closed forms here (frozen objects, generic rv_continuous machinery).
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from deterrence import Scenario
from deterrence.errors import ParameterError, ScenarioError
from deterrence.models import distributions as D
from deterrence.models.retaliation import CalibratedResponse, lognormal

Z = stats.norm.ppf(0.75)
XS = np.array([0.0, 1e-6, 1e-3, 0.5, 3.0, 12.0, 20.0, 47.0, 300.0, 1e5])
PS = np.array([1e-12, 1e-6, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])

SCIPY = {
    "lognormal": lambda k, c: stats.lognorm(s=k, scale=c),
    "weibull": lambda k, c: stats.weibull_min(c=k, scale=c),
    "gamma": lambda k, c: stats.gamma(a=k, scale=c),
    "loglogistic": lambda k, c: stats.fisk(c=k, scale=c),
}


@pytest.mark.parametrize("family", D.FAMILIES)
@pytest.mark.parametrize("shape", [0.4, 1.0, 2.3, 7.0])
def test_closed_forms_agree_with_scipy_stats(family, shape):
    ref = SCIPY[family](shape, 13.0)
    t = D.Threshold(family, shape, 13.0)
    # arrays (the module functions) and scalars (the math fast path)
    for ours, theirs in (
        (t.cdf(XS), ref.cdf(XS)),
        (t.sf(XS), ref.sf(XS)),
        ([t.cdf(float(x)) for x in XS], ref.cdf(XS)),
        ([t.sf(float(x)) for x in XS], ref.sf(XS)),
    ):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    x = XS[XS > 0]
    np.testing.assert_allclose(t.pdf(x), ref.pdf(x), rtol=1e-11, atol=1e-14)
    np.testing.assert_allclose([t.pdf(float(v)) for v in x], ref.pdf(x), rtol=1e-11, atol=1e-14)
    np.testing.assert_allclose(t.ppf(PS), ref.ppf(PS), rtol=1e-12)
    np.testing.assert_allclose([t.ppf(float(p)) for p in PS], ref.ppf(PS), rtol=1e-12)
    np.testing.assert_allclose(t.isf(PS), ref.isf(PS), rtol=1e-12)
    np.testing.assert_allclose([t.isf(float(p)) for p in PS], ref.isf(PS), rtol=1e-12)
    # density at 0: inf below shape 1, 1/scale at 1, 0 above (lognormal: 0)
    expected0 = 0.0 if family == "lognormal" or shape > 1 else (np.inf if shape < 1 else 1 / 13)
    assert float(t.pdf(np.array(0.0))) == expected0
    assert t.pdf(-1.0) == 0.0 and t.cdf(-1.0) == 0.0 and t.sf(-1.0) == 1.0


@pytest.mark.parametrize("family", D.FAMILIES)
@pytest.mark.parametrize("sigma", [0.05, 0.3, 0.7, 1.2, 2.0])
def test_fit_median_iqr_reproduces_median_and_interquartile_width(family, sigma):
    # reference lognormal(m, σ): median m, Q3 − Q1 = m(e^{zσ} − e^{−zσ})
    m = 20.0
    t = D.threshold(family, m, sigma)
    q1, q2, q3 = SCIPY[family](t.shape, t.scale).ppf([0.25, 0.5, 0.75])
    assert q2 == pytest.approx(m, rel=1e-12)
    assert q3 - q1 == pytest.approx(m * (math.exp(Z * sigma) - math.exp(-Z * sigma)), rel=1e-10)


@pytest.mark.parametrize("family", D.FAMILIES)
@pytest.mark.parametrize("sigma", [0.05, 0.3, 0.7, 1.2, 2.0])
def test_fit_quartiles_reproduces_both_quartiles(family, sigma):
    m = 3.0
    t = D.threshold(family, m, sigma, match="quartiles")
    q1, q3 = SCIPY[family](t.shape, t.scale).ppf([0.25, 0.75])
    assert q1 == pytest.approx(m * math.exp(-Z * sigma), rel=1e-10)
    assert q3 == pytest.approx(m * math.exp(Z * sigma), rel=1e-10)


def test_fit_is_vectorised_and_agrees_with_scalar_fits():
    medians = np.array([3.0, 20.0, 55.0])
    sigmas = np.array([0.3, 0.7, 1.2])
    for family in D.FAMILIES:
        k, c = D.fit(family, medians, sigmas)
        for i in range(3):
            t = D.threshold(family, medians[i], sigmas[i])
            assert (k[i], c[i]) == pytest.approx((t.shape, t.scale), rel=1e-12)


def test_weibull_quartile_fit_closed_form():
    # Q3/Q1 = (ln 4 / ln(4/3))^{1/k} = e^{2zσ}  =>  k = ln(ln 4 / ln(4/3)) / (2zσ)
    k, lam = D.fit("weibull", 20.0, 0.7, match="quartiles")
    assert float(k) == pytest.approx(math.log(math.log(4) / math.log(4 / 3)) / (2 * Z * 0.7))
    # the log-logistic is log-symmetric: β = ln 3/(zσ), α = median
    beta, alpha = D.fit("loglogistic", 20.0, 0.7)
    assert (float(beta), float(alpha)) == pytest.approx((math.log(3) / (Z * 0.7), 20.0))


def test_family_swap_moves_the_five_percent_ceiling():
    # The tolerance lognormal(20, 0.7) puts the 5 % ceiling at 20·e^{0.7·Φ⁻¹(0.05)} = 6.32
    # leakers; a Weibull with the same median and interquartile width puts it near 3.8, one with
    # the same quartiles near 4.4: the family, not only the median, sets the ceiling.
    assert D.threshold("lognormal", 20, 0.7).ppf(0.05) == pytest.approx(
        20 * math.exp(0.7 * stats.norm.ppf(0.05))
    )
    assert round(D.threshold("lognormal", 20, 0.7).ppf(0.05), 2) == 6.32
    assert round(D.threshold("weibull", 20, 0.7).ppf(0.05), 1) == 3.8
    assert round(D.threshold("weibull", 20, 0.7, match="quartiles").ppf(0.05), 1) == 4.4
    # P(escalation at r = 5.16 leakers) crosses from "very unlikely" (2.6 %) to 6–8 %
    assert D.threshold("lognormal", 20, 0.7).cdf(5.16) == pytest.approx(0.026, abs=5e-4)
    for match in D.MATCHES:
        assert 0.06 < D.threshold("weibull", 20, 0.7, match=match).cdf(5.16) < 0.08


@settings(max_examples=60, deadline=None)
@given(
    family=st.sampled_from(D.FAMILIES),
    median=st.floats(0.1, 1e4),
    sigma=st.floats(0.02, 2.5),
    p=st.floats(1e-9, 1 - 1e-9),
)
def test_ppf_inverts_cdf(family, median, sigma, p):
    t = D.threshold(family, median, sigma)
    x = t.ppf(p)
    assert t.cdf(x) == pytest.approx(p, rel=1e-9, abs=1e-12)
    assert t.isf(1 - p) == pytest.approx(x, rel=1e-6)


def test_bad_family_and_spread_raise():
    with pytest.raises(ParameterError, match="Did you mean 'weibull'"):
        D.threshold("weibul", 20, 0.7)
    with pytest.raises(ParameterError, match="match must be one of"):
        D.threshold("gamma", 20, 0.7, match="iqr")
    with pytest.raises(ParameterError, match="sigma_log"):
        D.threshold("gamma", 20, -0.7)
    with pytest.raises(ParameterError, match="cannot be fitted"):
        D.threshold("gamma", 20, 1e-6)
    with pytest.raises(ParameterError, match="single number"):
        D.threshold("weibull", [20, 30], 0.7)


def test_calibrated_response_uses_the_closed_form_without_changing_numbers():
    ours = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7), audience_cost=1.0,
                              war_cost=10.0, marginal_cost=0.002)  # fmt: skip
    theirs = CalibratedResponse(stats.lognorm(s=0.6, scale=3), stats.lognorm(s=0.7, scale=20),
                                audience_cost=1.0, war_cost=10.0, marginal_cost=0.002)  # fmt: skip
    assert ours.optimum() == pytest.approx(theirs.optimum(), abs=1e-9)
    assert ours.window(0.2, 0.2) == pytest.approx(theirs.window(0.2, 0.2), abs=1e-12)
    assert ours.p_escalation_launches(150, 0.14) == pytest.approx(
        theirs.p_escalation_launches(150, 0.14), abs=1e-14
    )


def test_scenario_family_selects_the_threshold():
    s = Scenario().replace(families={"defender_tolerance": "weibull"})
    assert s.tolerance.family == "weibull" and s.weakness.family == "lognormal"
    assert s.tolerance.median() == pytest.approx(20.0)
    toml = '[parameters.weakness_threshold]\nmedian = 3\nfamily = "loglogistic"\n'
    assert Scenario.from_toml(toml).weakness.family == "loglogistic"
    with pytest.raises(ScenarioError, match="Did you mean 'gamma'"):
        Scenario.from_toml('[parameters.defender_tolerance]\nfamily = "gama"\n')
    with pytest.raises(ScenarioError, match="not a threshold"):
        Scenario(families={"p_patron_entry": "gamma"})


# -- distributions of uncertain parameters ------------------------------------------------------


def test_parameter_distributions_map_uniforms_to_the_right_quantiles():
    u = np.array([0.0, 0.25, 0.5, 1.0])
    assert D.parameter_distribution("uniform", 2, 10).ppf(u).tolist() == [2, 4, 6, 10]
    # log-uniform: ln x uniform on [ln 1, ln 100]
    np.testing.assert_allclose(D.parameter_distribution("loguniform", 1, 100).ppf(u),
                               [1, 10**0.5, 10, 100])  # fmt: skip
    # triangular(0, 1, 4): F(x) = x²/4 on [0, 1] → ppf(1/4) = 1; scipy.stats.triang agrees
    tri = D.parameter_distribution({"family": "triangular", "mode": 1}, 0, 4)
    np.testing.assert_allclose(tri.ppf(u), stats.triang(c=0.25, loc=0, scale=4).ppf(u))
    # a threshold family truncated to the range: the uniform's median maps to the median of the
    # truncated law, F⁻¹((F(lo) + F(hi))/2)
    d = D.parameter_distribution({"family": "lognormal", "median": 20, "sigma_log": 0.5}, 5, 100)
    ref = stats.lognorm(s=0.5, scale=20)
    assert float(d.ppf(0.5)) == pytest.approx(ref.ppf((ref.cdf(5) + ref.cdf(100)) / 2))
    assert d.ppf(np.array([0.0, 1.0])).tolist() == pytest.approx([5, 100])
    nd = D.parameter_distribution({"family": "normal", "mean": 0.5, "sd": 0.1}, 0.2, 0.9)
    # truncated to [0.5 − 3 sd, 0.5 + 4 sd]: the median is Φ⁻¹((Φ(−3) + Φ(4))/2) sd above 0.5
    mid = stats.norm.ppf((stats.norm.cdf(-3) + stats.norm.cdf(4)) / 2)
    assert float(nd.ppf(0.5)) == pytest.approx(0.5 + 0.1 * mid)
    assert D.parameter_distribution("uniform", 3, 3).ppf(u).tolist() == [3, 3, 3, 3]


def test_parameter_distribution_errors_name_the_field_and_fix():
    with pytest.raises(ParameterError, match="Did you mean 'loguniform'"):
        D.parameter_distribution("logunifrom", 1, 10)
    with pytest.raises(ParameterError, match="low > 0"):
        D.parameter_distribution("loguniform", 0, 10)
    with pytest.raises(ParameterError, match="needs mode"):
        D.parameter_distribution({"family": "triangular"}, 0, 10)
    with pytest.raises(ParameterError, match="mode"):
        D.parameter_distribution({"family": "triangular", "mode": 20}, 0, 10)
    with pytest.raises(ScenarioError, match="parameters.salvo_size.distribution"):
        Scenario.from_toml('[parameters.salvo_size]\nvalue = 100\ndistribution = "beta"\n')


def test_scenario_default_distribution_by_kind():
    s = Scenario()
    assert s.distribution("p_patron_entry").family == "uniform"  # probability
    assert s.distribution("defender_tolerance").family == "loguniform"  # 5–100: a factor 20
    assert s.distribution("cost_patron_entry").family == "uniform"  # 5–30: a factor 6
    assert s.distribution("defender_tolerance.sigma_log").family == "uniform"
    tri = Scenario.from_toml('[parameters.salvo_size]\nvalue = 100\ndistribution = "triangular"')
    assert dict(tri.distribution("salvo_size").params) == {"mode": 100}
