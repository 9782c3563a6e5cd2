"""Calibrated window chart: the drawn data equal the model's numbers (MODELS.md §2.9, V25–V26)."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import stats

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.models.retaliation import CalibratedResponse, lognormal
from deterrence.plot.style import OKABE_ITO, find_artists
from deterrence.plot.window import calibrated_window, calibrated_window_launches

# V25: G = N(2, 1), F = N(6, 1), R̄ = 1, W = 10.
V25 = CalibratedResponse(stats.norm(2, 1), stats.norm(6, 1), war_cost=10.0)


def band_x(collection):
    """The x extent of a shaded band (PolyCollection) from its path's vertices."""
    xs = np.concatenate([p.vertices[:, 0] for p in collection.get_paths()])
    return xs.min(), xs.max()


def one(ax, gid):
    found = find_artists(ax, gid)
    assert len(found) == 1, (gid, found)
    return found[0]


@pytest.fixture(scope="module")
def seed():
    return dt.load_scenario("iran-2024")


def test_v25_window_band_equals_model_window_in_both_panels():
    fig = calibrated_window(V25, alpha_weak=0.1, rho=0.05)
    top, bottom = fig.axes
    lo, hi = V25.window(0.1, 0.05)
    for ax in (top, bottom):
        x0, x1 = band_x(one(ax, "window"))
        assert x0 == pytest.approx(lo, abs=1e-9)
        assert x1 == pytest.approx(hi, abs=1e-9)
    # V26: [G⁻¹(0.9), F⁻¹(0.05)] = [2 + 1.281552, 6 − 1.644854]
    assert (lo, hi) == pytest.approx((3.2816, 4.3551), abs=5e-5)
    assert one(top, "floor").get_xdata()[0] == pytest.approx(2 + stats.norm.isf(0.1), abs=1e-12)
    assert one(top, "ceiling").get_xdata()[0] == pytest.approx(6 + stats.norm.ppf(0.05), abs=1e-12)
    assert "[3.28, 4.36]" in one(top, "window").get_label()


def test_v25_optimum_marker_is_model_optimum_and_closed_form():
    fig = calibrated_window(V25)
    bottom = fig.axes[1]
    r_star = one(bottom, "optimum").get_xdata()[0]
    assert r_star == V25.optimum()
    # V25 closed form: r* = (μ_w + μ_t)/2 − σ² ln(W/R̄)/(μ_t − μ_w) = 4 − ln 10 / 4
    assert r_star == pytest.approx(4 - math.log(10) / 4, abs=1e-9)
    point = one(bottom, "optimum:point")
    assert point.get_xdata()[0] == r_star
    assert point.get_ydata()[0] == pytest.approx(V25.utility(r_star), abs=1e-12)
    assert one(bottom, "optimum:label").get_text() == "r* = 3.42"


def test_v25_curves_are_one_minus_g_f_and_utility():
    fig = calibrated_window(V25, num=101)
    top, bottom = fig.axes
    weak, esc = one(top, "p_weak"), one(top, "p_escalation")
    r = np.asarray(weak.get_xdata())
    assert r[0] == 0.0 and len(r) >= 101
    # independent: 1 − Φ(r − 2), Φ(r − 6), U = G − 10 F
    np.testing.assert_allclose(weak.get_ydata(), stats.norm.sf(r - 2), atol=1e-14)
    np.testing.assert_allclose(esc.get_ydata(), stats.norm.cdf(r - 6), atol=1e-14)
    u = one(bottom, "utility")
    np.testing.assert_allclose(
        u.get_ydata(), stats.norm.cdf(r - 2) - 10 * stats.norm.cdf(r - 6), atol=1e-12
    )
    # the window edges and r* are grid points of the curves
    for v in V25.window(0.1, 0.05) + (V25.optimum(),):
        assert np.min(np.abs(r - v)) == 0.0


def test_levels_labels_units_and_legend():
    fig = calibrated_window(V25, alpha_weak=0.2, rho=0.1)
    top, bottom = fig.axes
    assert list(one(top, "alpha_weak").get_ydata()) == [0.2, 0.2]
    assert list(one(top, "rho").get_ydata()) == [0.1, 0.1]
    assert one(top, "alpha_weak:label").get_text() == "α_w = 0.2"
    assert top.get_ylabel() == "probability"
    assert bottom.get_xlabel() == "response size r (leakers)"
    assert bottom.get_ylabel() == "expected utility U(r) (utils)"
    legend = [t.get_text() for t in top.get_legend().get_texts()]
    assert legend[:2] == ["P(seen as weak) = 1 − G(r)", "P(escalation) = F(r)"]
    colours = {line.get_color().upper() for line in top.get_lines() + bottom.get_lines()}
    assert colours <= set(OKABE_ITO.values()) | {"#555555"}


def test_seed_scenario_empty_window_is_reported_not_shaded(seed):
    fig = calibrated_window(seed)
    top, bottom = fig.axes
    assert find_artists(top, "window") == [] and find_artists(bottom, "window") == []
    # MODELS.md §5.1: floor 3·e^(0.6·z_0.9) = 6.47 > ceiling 20·e^(−0.7·z_0.95) = 6.32 (empty)
    floor = 3 * math.exp(0.6 * stats.norm.isf(0.1))
    ceiling = 20 * math.exp(0.7 * stats.norm.ppf(0.05))
    assert one(top, "floor").get_xdata()[0] == pytest.approx(floor, rel=1e-12)
    assert one(top, "ceiling").get_xdata()[0] == pytest.approx(ceiling, rel=1e-12)
    note = one(top, "window:empty").get_text()
    assert "6.47" in note and "6.32" in note
    r_star = one(bottom, "optimum").get_xdata()[0]
    assert r_star == pytest.approx(seed.calibrated_response().optimum(), abs=1e-12)
    assert round(r_star, 2) == 5.16  # MODELS.md §5.1 smoke test


def test_draws_on_the_callers_axes_without_new_figures():
    fig, axes = plt.subplots(2, 1)
    before = plt.get_fignums()
    out = calibrated_window(V25, ax=axes)
    assert out is fig and plt.get_fignums() == before
    assert find_artists(axes[0], "p_weak") and find_artists(axes[1], "utility")


def test_launch_units_seed_scenario(seed):
    fig = calibrated_window_launches(seed)
    top, bottom = fig.axes
    model, q = seed.calibrated_response(), seed.leak_probability
    n = np.asarray(one(top, "p_escalation").get_xdata())
    np.testing.assert_array_equal(n, np.arange(n[-1] + 1))
    np.testing.assert_allclose(
        one(top, "p_escalation").get_ydata(), model.p_escalation_launches(n, q), atol=1e-15
    )
    np.testing.assert_allclose(
        one(top, "p_weak").get_ydata(), model.p_weak_launches(n, q), atol=1e-15
    )
    # MODELS.md §5.1: n* ≈ 37 launches at q = 0.14; a 150-launch salvo gives P(escalation) ≈ 0.52
    assert one(bottom, "optimum").get_xdata()[0] == 37 == model.optimum_launches(q)
    assert one(top, "salvo").get_xdata()[0] == 150
    assert one(top, "salvo:point").get_ydata()[0] == pytest.approx(0.5157, abs=5e-5)
    assert model.window_launches(q, 0.1, 0.05, max_launches=int(n[-1])) is None
    assert find_artists(top, "window") == []
    assert bottom.get_xlabel() == "salvo size n (launches; leak probability q = 0.14 per launch)"


def test_launch_units_band_equals_window_launches():
    model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
    fig = calibrated_window_launches(model, 0.14, alpha_weak=0.2, rho=0.1, n_max=150)
    top = fig.axes[0]
    assert model.window_launches(0.14, 0.2, 0.1, max_launches=150) == (43, 55)
    assert band_x(one(top, "window")) == (43.0, 55.0)
    assert one(top, "floor").get_xdata()[0] == 43
    assert one(top, "ceiling").get_xdata()[0] == 55


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (
            lambda: calibrated_window("iran-2024"),
            ParameterError,
            "CalibratedResponse or a Scenario",
        ),
        (lambda: calibrated_window(V25, ax=plt.gca()), ParameterError, "two Axes"),
        (lambda: calibrated_window(V25, alpha_weak=1.5), ParameterError, "alpha_weak"),
        (lambda: calibrated_window(V25, rho=0.0), ParameterError, "rho"),
        (lambda: calibrated_window(V25, r_max=-1.0), ParameterError, "r_max"),
        (lambda: calibrated_window(V25, num=1), ParameterError, "num"),
        (lambda: calibrated_window_launches(V25), ParameterError, "q (per-launch leak"),
        (lambda: calibrated_window_launches(V25, 1.4), ParameterError, "q must be a probability"),
    ],
)
def test_bad_input(call, error, fragment):
    with pytest.raises(error, match=fragment.replace("(", r"\(")):
        call()
