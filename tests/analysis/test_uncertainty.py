"""Tests of deterrence.analysis.uncertainty: joint propagation of a scenario's uncertain parameters.

The vectorised quantities are checked against the scalar models they batch
(CalibratedResponse.optimum, .optimum_launches, .p_escalation_launches, .window; the crisis tree's
backward induction), draw by draw.
"""

import json
import math
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from scipy import stats

import deterrence as dt
from deterrence.analysis.uncertainty import INPUTS, QUANTITIES, evaluate
from deterrence.errors import ParameterError
from deterrence.games.crisis import crisis_tree


def scalar_quantities(s):
    """The headline quantities of one scenario from the scalar models."""
    model = s.calibrated_response()
    p = s.parameters
    q = s.leak_probability
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r_star = model.optimum()
        n_star = model.optimum_launches(q) if q > 0 else math.nan
    return {
        "r_star": r_star,
        "n_star": n_star,
        "window_floor": max(0.0, float(model.weakness.isf(p["alpha_weak"]))),
        "window_ceiling": float(model.tolerance.ppf(p["acceptable_risk"])),
        "p_escalation_salvo": float(model.p_escalation_launches(p["salvo_size"], q)),
        "best_class": dt.spe(crisis_tree(s)).plan[s.players[0]],
    }


def point_scenario(s):
    """The scenario with every plausible range collapsed to its value."""
    return s.replace(ranges={k: (v, v) for k, v in s.parameters.items()})


def test_collapsed_ranges_give_zero_width_intervals_at_the_deterministic_values():
    s = point_scenario(dt.load_scenario("iran-2024"))
    res = dt.propagate(s, n=64, seed=0)
    assert res.parameters == ()
    expected = scalar_quantities(s)
    summary = res.summary()
    for q in ("r_star", "n_star", "window_floor", "window_ceiling", "p_escalation_salvo"):
        row = summary.loc[q]
        assert row["q05"] == row["q95"]  # zero width
        assert row["mean"] == pytest.approx(row["q50"], rel=1e-14)
        assert row["q50"] == pytest.approx(expected[q], rel=1e-9, abs=1e-12)
        assert row["q50_se"] == 0 and row["mean_se"] == pytest.approx(0, abs=1e-14)
    assert set(res.draws["best_class"]) == {expected["best_class"]} == {"calibrated"}
    assert not res.draws["window_open"].any()  # the seed scenario's strict window is empty


def test_one_uncertain_parameter_quantiles_map_through_a_monotone_quantity():
    # Only the tolerance median m varies. The ceiling F⁻¹(ρ) = m·e^{σ·Φ⁻¹(ρ)} increases with m;
    # P(escalation | salvo) = E[Φ(ln(L/m)/σ)] decreases with m (each term does). For a monotone g
    # the k-th smallest g(X) is g of the k-th smallest X (increasing) or of the (n+1−k)-th
    # (decreasing), so the empirical quantiles (order statistics) map exactly.
    s = dt.load_scenario("iran-2024")
    res = dt.propagate(s, n=501, seed=4, parameters=["defender_tolerance"])
    m = res.draws["defender_tolerance"].to_numpy()
    lo, hi = s.replace(defender_tolerance=10.0), s.replace(defender_tolerance=40.0)
    assert scalar_quantities(lo)["window_ceiling"] < scalar_quantities(hi)["window_ceiling"]
    assert scalar_quantities(lo)["p_escalation_salvo"] > scalar_quantities(hi)["p_escalation_salvo"]
    order = np.sort(m)
    ceiling = res.draws["window_ceiling"].to_numpy()
    p_esc = res.draws["p_escalation_salvo"].to_numpy()
    np.testing.assert_allclose(
        np.sort(ceiling), evaluate({**s.parameters, "defender_tolerance": order})["window_ceiling"]
    )
    np.testing.assert_allclose(
        np.sort(p_esc),
        evaluate({**s.parameters, "defender_tolerance": order})["p_escalation_salvo"][::-1],
    )
    for p in (0.05, 0.5, 0.95):
        qm = np.quantile(m, p, method="inverted_cdf")
        at = lambda v: evaluate({**s.parameters, "defender_tolerance": v})  # noqa: E731
        assert np.quantile(ceiling, p, method="inverted_cdf") == pytest.approx(
            at(qm)["window_ceiling"][0], rel=1e-12
        )
        q_low = np.quantile(m, 1 - p, method="inverted_cdf")
        assert np.quantile(p_esc, p, method="inverted_cdf") == pytest.approx(
            at(q_low)["p_escalation_salvo"][0], rel=1e-9
        )


@pytest.fixture(scope="module")
def joint():
    return dt.propagate("iran-2024", n=512, seed=11)


def test_vectorised_quantities_match_the_scalar_models_draw_by_draw(joint):
    s = dt.load_scenario("iran-2024")
    draws = joint.draws
    for i in np.random.default_rng(0).choice(len(draws), 12, replace=False):
        row = {k: draws[k].iloc[i] for k in draws.columns}
        point = s.replace(**{k: row[k].item() for k in joint.parameters})
        expected = scalar_quantities(point)
        assert row["r_star"] == pytest.approx(expected["r_star"], rel=1e-7, abs=1e-9)
        assert row["window_floor"] == pytest.approx(expected["window_floor"], rel=1e-12)
        assert row["window_ceiling"] == pytest.approx(expected["window_ceiling"], rel=1e-12)
        assert row["p_escalation_salvo"] == pytest.approx(
            expected["p_escalation_salvo"], rel=1e-9, abs=1e-13
        )
        assert row["n_star"] == expected["n_star"]
        assert row["best_class"] == expected["best_class"]


def test_draws_are_reproducible_and_respect_ranges_and_counts(joint):
    again = dt.propagate("iran-2024", n=512, seed=11)
    assert joint.draws.equals(again.draws)
    other = dt.propagate("iran-2024", n=512, seed=12)
    assert not joint.draws.equals(other.draws)
    s = dt.load_scenario("iran-2024")
    for key in joint.parameters:
        lo, hi = s.ranges[key]
        col = joint.draws[key]
        assert lo <= col.min() and col.max() <= hi, key
    assert joint.draws["salvo_size"].dtype.kind == "i"
    assert set(joint.draws["shots_per_threat"]) == {1, 2}
    # a parameter that enters no quantity is drawn too, but is not an input
    assert "interceptor_inventory" in joint.parameters and "interceptor_inventory" not in INPUTS
    assert set(QUANTITIES) <= set(joint.draws.columns)


@pytest.mark.parametrize("method", ["sobol", "lhs", "random"])
def test_methods_sample_the_declared_marginals(method):
    # p_patron_entry is uniform on [0.2, 0.9]; defender_tolerance log-uniform on [5, 100]
    res = dt.propagate("iran-2024", n=1024, seed=5, method=method,
                       parameters=["p_patron_entry", "defender_tolerance"])  # fmt: skip
    u = (res.draws["p_patron_entry"] - 0.2) / 0.7
    assert stats.kstest(u, "uniform").pvalue > 0.01
    lu = np.log(res.draws["defender_tolerance"] / 5) / np.log(20)
    assert stats.kstest(lu, "uniform").pvalue > 0.01


def test_rank_correlation_is_induced():
    keys = ["defender_tolerance", "p_patron_entry", "salvo_size"]
    res = dt.propagate("iran-2024", n=2000, seed=3, parameters=keys,
                       correlation={("defender_tolerance", "p_patron_entry"): -0.6})  # fmt: skip
    rho = stats.spearmanr(res.draws["defender_tolerance"], res.draws["p_patron_entry"]).statistic
    assert rho == pytest.approx(-0.6, abs=0.05)
    free = stats.spearmanr(res.draws["defender_tolerance"], res.draws["salvo_size"]).statistic
    assert abs(free) < 0.06


def test_executor_gives_the_serial_result(joint):
    serial = dt.propagate("iran-2024", n=512, seed=11, chunk_size=100)
    with ThreadPoolExecutor(2) as pool:
        par = dt.propagate("iran-2024", n=512, seed=11, executor=pool, chunk_size=100)
    assert par.draws.equals(serial.draws)
    # other chunks: the same numbers up to the order of floating-point sums
    for q in ("r_star", "n_star", "window_ceiling", "p_escalation_salvo"):
        np.testing.assert_allclose(serial.draws[q], joint.draws[q], rtol=1e-12)


def test_family_swap_moves_the_ceiling():
    s = dt.load_scenario("iran-2024").replace(families={"defender_tolerance": "weibull"})
    res = dt.propagate(point_scenario(s), n=8, seed=0)
    assert round(res.baseline["window_ceiling"], 1) == 3.8
    assert res.families["defender_tolerance"] == "weibull"


def test_summary_plot_and_json(joint):
    s = joint.summary()
    assert s.loc["r_star", "unit"] == "leakers" and s.loc["n_star", "unit"] == "launches"
    shares = [s.loc[f"best_class = {c}", "mean"] for c in ("restraint", "calibrated", "major")]
    assert sum(shares) == pytest.approx(1 - joint.probability("best_class", "n/a")[0])
    p, se = joint.probability("window_open")
    assert s.loc["window_open", "mean"] == p and se == pytest.approx(math.sqrt(p * (1 - p) / 512))
    json.dumps(joint.to_dict())
    ax = joint.plot("r_star")
    span = [a for a in ax.get_children() if a.get_gid() == "interval"]
    lo, hi = joint.interval("r_star", 0.9)
    assert len(span) == 1
    x0, x1 = span[0].get_x(), span[0].get_x() + span[0].get_width()
    assert (x0, x1) == pytest.approx((lo, hi))
    assert "leakers" in ax.get_xlabel()
    ax2 = joint.plot("best_class")
    heights = [b.get_height() for b in ax2.patches]
    assert heights == pytest.approx(shares)
    assert "Joint uncertainty" in joint._repr_html_()


def test_bad_arguments_name_the_fix():
    with pytest.raises(ParameterError, match="Did you mean 'sobol'"):
        dt.propagate("iran-2024", n=8, method="sobel")
    with pytest.raises(ParameterError, match="Did you mean 'p_patron_entry'"):
        dt.propagate("iran-2024", n=8, parameters=["p_patron_entyr"])
    with pytest.raises(ParameterError, match="not an uncertain parameter"):
        dt.propagate("iran-2024", n=8, parameters=["p_patron_entry"],
                     correlation={("p_patron_entry", "salvo_size"): 0.3})  # fmt: skip
    with pytest.raises(ParameterError, match=r"\(-1, 1\)"):
        dt.propagate("iran-2024", n=8, correlation={("p_patron_entry", "salvo_size"): 1.5})
    with pytest.raises(ParameterError, match="n must be"):
        dt.propagate("iran-2024", n=1)
    point = point_scenario(dt.load_scenario("iran-2024"))
    with pytest.raises(ParameterError, match="point range"):
        dt.propagate(point, n=8, parameters=["p_patron_entry"])


def test_auto_n_stops_once_the_quoted_quantiles_are_stable():
    s = point_scenario(dt.load_scenario("iran-2024"))
    res = dt.propagate(s.replace(ranges={"p_patron_entry": (0.4, 0.6)}), n="auto", seed=1)
    # one mildly uncertain parameter: 4096 draws pin every quantile to two figures
    assert res.n == 4096 and res.stable()
    assert not dt.propagate("iran-2024", n=64, seed=1).stable()
