"""Tests of deterrence.models.retaliation: the calibrated response window.

V-case ids refer to MODELS.md §2.9 / §3; the smoke test is MODELS.md §5.1.
"""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from deterrence.errors import DeterrenceWarning, ParameterError, ProbabilityError
from deterrence.models import defense
from deterrence.models.retaliation import CalibratedResponse, lognormal, war_cost_cascade

# -- V25-V26: equal-variance normal thresholds ----------------------------------------------------

# G = N(mu_w, s^2), F = N(mu_t, s^2), kappa = 0. The FOC R g(r) = W f(r) reads
#   R exp(-(r - mu_w)^2 / 2s^2) = W exp(-(r - mu_t)^2 / 2s^2)
#   ln(R/W) = [(r - mu_w)^2 - (r - mu_t)^2] / 2s^2 = (mu_t - mu_w)(2r - mu_w - mu_t) / 2s^2
# so r* = (mu_w + mu_t)/2 - s^2 ln(W/R) / (mu_t - mu_w). With mu_w=2, mu_t=6, s=1, R=1, W=10:
# r* = 4 - ln(10)/4 = 3.4243537; SOC: U''(r*) = R g(r*) (mu_w - mu_t)/s^2 < 0, a maximum.
MU_W, MU_T, SIGMA, STAKE, WAR = 2.0, 6.0, 1.0, 1.0, 10.0
R_STAR_V25 = (MU_W + MU_T) / 2 - SIGMA**2 * math.log(WAR / STAKE) / (MU_T - MU_W)


@pytest.fixture
def v25():
    return CalibratedResponse(
        stats.norm(MU_W, SIGMA), stats.norm(MU_T, SIGMA), reputation_stake=STAKE, war_cost=WAR
    )


def seed_model(**changes):
    """MODELS.md §5.1 defaults in leaker units: R + a = 1 + 1, W = 6 + 0.5*8, kappa = 0.002."""
    params = dict(
        weakness=lognormal(3, 0.6),
        tolerance=lognormal(20, 0.7),
        reputation_stake=1.0,
        audience_cost=1.0,
        war_cost=war_cost_cascade(6, 0.5, 8),
        marginal_cost=0.002,
    )
    params.update(changes)
    return CalibratedResponse(**params)


def test_v25_closed_form(v25):
    assert R_STAR_V25 == pytest.approx(3.424354, abs=5e-7)
    r_star = v25.optimum()
    assert r_star == pytest.approx(R_STAR_V25, abs=1e-9)
    # F(r*) = Phi(r* - 6) = Phi(-2.5756) = 0.00500; G(r*) = Phi(1.4244) = 0.9228
    assert v25.p_escalation(r_star) == pytest.approx(0.00500, abs=5e-6)
    assert 1 - v25.p_weak(r_star) == pytest.approx(0.9228, abs=5e-5)
    # the FOC holds at r*: g(r*) = 10 f(r*)
    assert stats.norm.pdf(r_star - MU_W) == pytest.approx(10 * stats.norm.pdf(r_star - MU_T))


def test_v25_optimum_beats_a_dense_grid(v25):
    grid = np.linspace(0, 12, 120_001)
    assert v25.utility(v25.optimum()) >= v25.utility(grid).max() - 1e-12


def test_v26_window(v25):
    # [G^-1(0.9), F^-1(0.05)] = [2 + 1.28155, 6 - 1.64485] = [3.2816, 4.3551]
    lo, hi = v25.window(alpha_weak=0.1, rho=0.05)
    assert lo == pytest.approx(2 + stats.norm.ppf(0.9), abs=1e-12)
    assert hi == pytest.approx(6 + stats.norm.ppf(0.05), abs=1e-12)
    assert (round(lo, 4), round(hi, 4)) == (3.2816, 4.3551)
    assert lo <= v25.optimum() <= hi  # the V25 optimum lies inside the V26 window


def test_window_closes_when_floor_exceeds_ceiling(v25):
    # rho = 0.001: F^-1 = 6 - 3.090 = 2.910 < 3.2816 -> empty
    assert v25.window(alpha_weak=0.1, rho=0.001) is None


def test_window_floor_is_clipped_at_zero():
    model = CalibratedResponse(stats.norm(-5, 1), stats.norm(6, 1))
    assert model.window(alpha_weak=0.1, rho=0.05)[0] == 0.0


def test_v27_lognormal_tolerance():
    # F = lognormal(median 100, sigma_log 0.5): F(60) = Phi(ln 0.6 / 0.5) = Phi(-1.0217) = 0.1535
    # F^-1(0.10) = 100 exp(0.5 * z_0.1) = 100 exp(-0.6408) = 52.69
    F = lognormal(100, 0.5)
    assert F.cdf(60) == pytest.approx(stats.norm.cdf(math.log(0.6) / 0.5), rel=1e-12)
    assert round(float(F.cdf(60)), 4) == 0.1535
    assert round(float(F.ppf(0.10)), 2) == 52.69
    model = CalibratedResponse(lognormal(10, 0.5), F)
    assert model.p_escalation(60) == pytest.approx(0.1535, abs=5e-5)


def test_war_cost_cascade():
    # W = W_I + pi_US W_US = 6 + 0.5 * 8 = 10 (MODELS.md §5.1)
    assert war_cost_cascade(6, 0.5, 8) == 10.0
    np.testing.assert_allclose(war_cost_cascade(6, [0.2, 0.9], 8), [7.6, 13.2])


def test_utility_vectorised_and_audience_cost_enters_as_stake(v25):
    r = np.array([0.0, 1.0, 3.0, 5.0])
    expected = STAKE * stats.norm.cdf(r - MU_W) - WAR * stats.norm.cdf(r - MU_T)
    np.testing.assert_allclose(v25.utility(r), expected, rtol=1e-12)
    # a enters as R -> R + a, kappa as -kappa r
    shifted = dataclasses.replace(v25, audience_cost=0.5, marginal_cost=0.1)
    np.testing.assert_allclose(
        shifted.utility(r),
        1.5 * stats.norm.cdf(r - MU_W) - WAR * stats.norm.cdf(r - MU_T) - 0.1 * r,
        rtol=1e-12,
    )
    assert v25.p_weak(2.0) == pytest.approx(0.5)
    np.testing.assert_allclose(v25.p_escalation([6.0, 7.0]), [0.5, stats.norm.cdf(1.0)])


# -- MODELS.md §5.1 smoke test ----------------------------------------------------------------------


def test_seed_scenario_optimum_in_leakers():
    model = seed_model()
    r_star = model.optimum()
    # brentq on the FOC 2 g(r) = 10 f(r) + 0.002 gives r* = 5.15688...; MODELS.md: "r* ~ 5.16"
    assert r_star == pytest.approx(5.156886, abs=1e-5)
    assert 2 * model.weakness.pdf(r_star) == pytest.approx(
        10 * model.tolerance.pdf(r_star) + 0.002, abs=1e-12
    )
    assert 1 - model.p_weak(r_star) == pytest.approx(0.8167, abs=5e-5)  # "0.82"
    assert model.p_escalation(r_star) == pytest.approx(0.02642, abs=5e-6)  # "0.026"
    # launches that deliver r* leakers in expectation at q = 0.14: 5.157 / 0.14 = 36.8 ("~37")
    assert r_star / 0.14 == pytest.approx(36.83, abs=0.01)


def test_seed_scenario_strict_window_is_empty():
    model = seed_model()
    # G^-1(0.9) = 3 exp(0.6 * 1.28155) = 6.4724 > F^-1(0.05) = 20 exp(-0.7 * 1.64485) = 6.3239
    floor = 3 * math.exp(0.6 * stats.norm.ppf(0.9))
    ceiling = 20 * math.exp(0.7 * stats.norm.ppf(0.05))
    assert (round(floor, 2), round(ceiling, 2)) == (6.47, 6.32)
    assert model.window(alpha_weak=0.1, rho=0.05) is None


def full_binomial_expectation(func, n, q):
    """E[func(L)], L ~ Bin(n, q), by summing every term (independent of the windowed code)."""
    leakers = np.arange(n + 1)
    return float(stats.binom.pmf(leakers, n, q) @ func(leakers))


def test_seed_scenario_150_launch_salvo():
    model = seed_model()
    q = defense.leak_probability(0.7, 0.8)  # 0.7 * (1 - 0.8) = 0.14
    assert q == pytest.approx(0.14)
    p_esc = model.p_escalation_launches(150, q)
    # E[F(L)], L ~ Bin(150, 0.14) (mean 21 leakers, above F's median 20): 0.51573.
    # MODELS.md rounds this to "~0.52".
    assert p_esc == pytest.approx(full_binomial_expectation(model.tolerance.cdf, 150, q), abs=1e-14)
    assert p_esc == pytest.approx(0.51573, abs=5e-6)


def test_seed_scenario_optimum_and_window_in_launches():
    model = seed_model()
    q = 0.14

    def brute_utility(n):
        # E[U(L)] with kappa per leaker: 2 E[G(L)] - 10 E[F(L)] - 0.002 * 0.14 * n
        return (
            full_binomial_expectation(
                lambda x: 2 * model.weakness.cdf(x) - 10 * model.tolerance.cdf(x), n, q
            )
            - 0.002 * q * n
        )

    values = [brute_utility(n) for n in range(200)]
    assert int(np.argmax(values)) == 37
    assert model.optimum_launches(q) == 37
    np.testing.assert_allclose(model.utility_launches(np.arange(200), q), values, atol=1e-13)
    # strict window (seen strong w.p. >= 0.9, escalation <= 0.05) is empty in launches too
    assert model.window_launches(q, alpha_weak=0.1, rho=0.05) is None
    # a looser window: brute force over n gives {43, ..., 55}
    ok = [
        n
        for n in range(300)
        if full_binomial_expectation(model.weakness.sf, n, q) <= 0.2
        and full_binomial_expectation(model.tolerance.cdf, n, q) <= 0.1
    ]
    assert (ok[0], ok[-1]) == (43, 55)
    assert model.window_launches(q, alpha_weak=0.2, rho=0.1) == (43, 55)


def test_launch_expectations_windowed_sum_matches_full_sum():
    model = seed_model()
    # n = 3000 at q = 0.14: sd = 19, the window keeps +-(10 sd + 40) terms only
    for n, q in [(3000, 0.14), (5000, 0.004), (40, 0.5)]:
        assert model.p_escalation_launches(n, q) == pytest.approx(
            full_binomial_expectation(model.tolerance.cdf, n, q), abs=1e-14
        )
        assert model.p_weak_launches(n, q) == pytest.approx(
            full_binomial_expectation(model.weakness.sf, n, q), abs=1e-14
        )


def test_launch_expectations_edge_q():
    model = seed_model()
    # q = 0: no leaker ever; q = 1: every launch leaks, L = n
    np.testing.assert_allclose(model.p_weak_launches([0, 50], 0.0), [1.0, 1.0])
    assert model.p_escalation_launches(20, 1.0) == pytest.approx(0.5)  # F(median) = 0.5
    assert model.p_escalation_launches(np.array([], dtype=int), 0.1).shape == (0,)


def test_marginal_cost_per_launch_replaces_kappa():
    model = seed_model()
    n = np.array([0, 10, 40])
    base = model.utility_launches(n, 0.14) + 0.002 * 0.14 * n  # gross of the default cost
    np.testing.assert_allclose(
        model.utility_launches(n, 0.14, marginal_cost_per_launch=0.01), base - 0.01 * n, atol=1e-14
    )
    # a costlier launch never asks for a larger salvo
    assert model.optimum_launches(0.14, marginal_cost_per_launch=0.01) <= 37


# -- corners and warnings ----------------------------------------------------------------------------


def test_optimum_corner_at_zero():
    # no reputation at stake: U = -W F(r) - kappa r is decreasing, so do not respond
    model = seed_model(reputation_stake=0.0, audience_cost=0.0)
    assert model.optimum() == 0.0
    assert model.optimum_launches(0.14) == 0


def test_optimum_warns_when_still_rising_at_upper(v25):
    with pytest.warns(DeterrenceWarning, match="still rising"):
        r = v25.optimum(upper=2.0)
    assert r == pytest.approx(2.0, abs=1e-6)


def test_optimum_does_not_warn_by_default(v25):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v25.optimum()
        seed_model().optimum_launches(0.14)


def test_optimum_launches_warns_at_the_search_bound():
    model = seed_model()
    with pytest.warns(DeterrenceWarning, match="max_launches=10"):
        assert model.optimum_launches(0.14, max_launches=10) == 10


def test_default_upper_covers_both_thresholds():
    model = seed_model()
    # 1.5 * F^-1(0.999) = 1.5 * 20 exp(0.7 * 3.0902) = 260.2
    assert model.default_upper() == pytest.approx(1.5 * 20 * math.exp(0.7 * stats.norm.ppf(0.999)))


# -- properties ----------------------------------------------------------------------------------

# Ranges keep W > 2 (R + a): for r above F's median U(r) < (R + a) - W/2 < 0 = U(0), so r* stays
# below the tolerance median, where raising the median lowers the marginal escalation risk.
models = st.builds(
    lambda mw, sw, mt, st_, rep, aud, war, kappa: CalibratedResponse(
        lognormal(mw, sw), lognormal(mt, st_), rep, aud, war, kappa
    ),
    st.floats(1.0, 5.0),
    st.floats(0.3, 0.9),
    st.floats(10.0, 60.0),
    st.floats(0.3, 0.9),
    st.floats(0.5, 2.0),
    st.floats(0.0, 1.0),
    st.floats(8.0, 30.0),
    st.floats(0.0, 0.01),
)
TOL = 1e-7


@settings(max_examples=30, deadline=None)
@given(model=models, factor=st.floats(1.01, 3.0))
def test_r_star_falls_as_war_cost_rises(model, factor):
    # Topkis: U has decreasing differences in (r, W) because -F is decreasing in r
    worse = dataclasses.replace(model, war_cost=model.war_cost * factor)
    assert worse.optimum() <= model.optimum() + TOL


@settings(max_examples=30, deadline=None)
@given(model=models, extra=st.floats(0.05, 3.0))
def test_r_star_rises_with_reputation_stake(model, extra):
    more = dataclasses.replace(model, reputation_stake=model.reputation_stake + extra)
    assert more.optimum() >= model.optimum() - TOL


@settings(max_examples=30, deadline=None)
@given(model=models, factor=st.floats(1.01, 2.0))
def test_r_star_rises_with_tolerance_median(model, factor):
    median, sigma_log = model.tolerance.scale, model.tolerance.shape  # lognormal(median, σ)
    tougher = dataclasses.replace(model, tolerance=lognormal(median * factor, sigma_log))
    assert tougher.optimum() >= model.optimum() - TOL


@settings(max_examples=30, deadline=None)
@given(model=models)
def test_optimum_is_global_on_a_dense_grid(model):
    grid = np.linspace(0, model.default_upper(), 50_001)
    assert model.utility(model.optimum()) >= model.utility(grid).max() - 1e-12


@settings(max_examples=40, deadline=None)
@given(
    model=models,
    alpha_weak=st.floats(0.01, 0.99),
    rho=st.floats(0.02, 0.99),
    shrink=st.floats(0.05, 0.99),
)
def test_window_shrinks_as_rho_falls(model, alpha_weak, rho, shrink):
    wide = model.window(alpha_weak, rho)
    narrow = model.window(alpha_weak, rho * shrink)
    if wide is None:
        assert narrow is None
    elif narrow is not None:
        assert narrow[0] == wide[0]
        assert narrow[1] <= wide[1]


@settings(max_examples=20, deadline=None)
@given(model=models, q=st.floats(0.01, 0.9))
def test_launch_probabilities_are_monotone_in_salvo_size(model, q):
    n = np.arange(0, 120)
    esc = model.p_escalation_launches(n, q)
    weak = model.p_weak_launches(n, q)
    assert np.all(np.diff(esc) >= -1e-12)
    assert np.all(np.diff(weak) <= 1e-12)


# -- bad inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weakness", "tolerance", "fragment"),
    [
        ([1, 2, 3], stats.norm(6, 1), "weakness must be a frozen continuous"),
        (stats.norm(2, 1), "lognormal", "tolerance must be a frozen continuous"),
        (stats.norm, stats.norm(6, 1), "unfrozen"),
        (stats.norm(2, 1), stats.poisson(20), "discrete"),
        (stats.norm([1, 2], 1), stats.norm(6, 1), "array-valued"),
    ],
)
def test_rejects_non_distributions(weakness, tolerance, fragment):
    with pytest.raises(ParameterError, match=fragment):
        CalibratedResponse(weakness, tolerance)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("war_cost", -1.0, "war_cost must lie in"),
        ("reputation_stake", -0.5, "reputation_stake"),
        ("audience_cost", -2.0, "audience_cost"),
        ("marginal_cost", -0.002, "marginal_cost"),
        ("war_cost", float("nan"), "war_cost must be finite"),
        ("war_cost", [10.0, 12.0], "single number"),
        ("war_cost", "ten", "war_cost must be a number"),
    ],
)
def test_rejects_bad_costs(v25, field, value, fragment):
    with pytest.raises(ParameterError, match=fragment):
        dataclasses.replace(v25, **{field: value})


@pytest.mark.parametrize(
    ("alpha_weak", "rho", "fragment"),
    [
        (0.0, 0.05, "alpha_weak"),
        (1.0, 0.05, "alpha_weak"),
        (0.1, 0.0, "rho"),
        (0.1, 1.5, "rho"),
        (0.1, -0.2, "rho"),
    ],
)
def test_window_rejects_bad_levels(v25, alpha_weak, rho, fragment):
    with pytest.raises(ParameterError, match=fragment):
        v25.window(alpha_weak, rho)
    with pytest.raises(ParameterError, match=fragment):
        seed_model().window_launches(0.14, alpha_weak, rho)


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda m: m.utility(-1.0), ParameterError, "r must lie in"),
        (lambda m: m.p_weak([1.0, -2.0]), ParameterError, "r must lie in"),
        (lambda m: m.optimum(upper=0.0), ParameterError, "upper"),
        (lambda m: m.p_escalation_launches(-3, 0.14), ParameterError, "n must be a whole"),
        (lambda m: m.p_weak_launches(2.5, 0.14), ParameterError, "n must be a whole"),
        (lambda m: m.p_escalation_launches(10, 1.4), ProbabilityError, "q must be"),
        (lambda m: m.optimum_launches(0.0), ParameterError, "q=0"),
        (lambda m: m.optimum_launches(1e-9), ParameterError, "max_launches="),
        (lambda m: m.optimum_launches(0.14, max_launches=0), ParameterError, "max_launches"),
        (
            lambda m: m.utility_launches(10, 0.14, marginal_cost_per_launch=-1),
            ParameterError,
            "marginal_cost_per_launch",
        ),
    ],
)
def test_method_bad_inputs(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call(seed_model())


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: lognormal(0, 0.5), ParameterError, "median"),
        (lambda: lognormal(20, -0.7), ParameterError, "sigma_log"),
        (lambda: war_cost_cascade(-6, 0.5, 8), ParameterError, "cost_of_escalation"),
        (lambda: war_cost_cascade(6, 50, 8), ProbabilityError, "p_patron_entry"),
        (lambda: war_cost_cascade(6, 0.5, -8), ParameterError, "cost_patron_entry"),
    ],
)
def test_function_bad_inputs(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


def test_rich_display_shows_optimum_and_window():
    # V25 model: r* = 4 - ln(10)/4 = 3.424; window [3.2816, 4.3551]
    from scipy import stats

    from deterrence.models.retaliation import CalibratedResponse

    m = CalibratedResponse(stats.norm(2, 1), stats.norm(6, 1), war_cost=10.0)
    html = m._repr_html_()
    assert "<b>3.424</b>" in html and "[3.282, 4.355]" in html
