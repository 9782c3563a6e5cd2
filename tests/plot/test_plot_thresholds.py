"""Threshold plot and tornado / "what must be true" chart: drawn numbers equal the models'."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import stats

import deterrence as dt
from deterrence.analysis.scan import WINDOW_PARAMETERS, swings
from deterrence.errors import ParameterError, ScenarioError
from deterrence.plot.style import find_artists
from deterrence.plot.thresholds import threshold_plot, tornado, what_must_be_true


@pytest.fixture(scope="module")
def seed():
    return dt.load_scenario("iran-2024")


def deviation_gain(delta, T=5, R=3, P=1):
    """Grim trigger in the PD (5, 3, 1, 0): deviating pays T + δP/(1−δ) against R/(1−δ)."""
    return T + delta * P / (1 - delta) - R / (1 - delta)


# -- threshold plot ---------------------------------------------------------------------------


def test_arrays_with_thresholds_and_level():
    x = np.linspace(0, 0.9, 91)
    y = deviation_gain(x)
    ax = threshold_plot(
        x,
        y,
        thresholds=[0.5],
        labels=["δ* = 1/2"],
        level=0,
        xlabel="discount factor δ (per round)",
        ylabel="gain from deviating (utils)",
    )
    (curve,) = find_artists(ax, "curve")
    np.testing.assert_array_equal(curve.get_xdata(), x)
    np.testing.assert_array_equal(curve.get_ydata(), y)
    (line,) = find_artists(ax, "threshold")
    assert list(line.get_xdata()) == [0.5, 0.5]
    assert find_artists(ax, "threshold:label")[0].get_text() == "δ* = 1/2"
    assert list(find_artists(ax, "level")[0].get_ydata()) == [0, 0]
    assert ax.get_xlabel() == "discount factor δ (per round)"
    assert ax.get_xlim() == (0.0, 0.9)


def test_model_function_result_threshold_to_1e_9():
    found = dt.find_thresholds(deviation_gain, "delta", (0, 0.9))
    ax = threshold_plot(found, ylabel="gain from deviating (utils)")
    (line,) = find_artists(ax, "threshold")
    # Friedman (1971): grim trigger sustains cooperation iff δ ≥ (T − R)/(T − P) = 1/2
    assert abs(line.get_xdata()[0] - 0.5) < 1e-9
    assert line.get_xdata()[0] == found[0].value
    (curve,) = find_artists(ax, "curve")
    np.testing.assert_array_equal(curve.get_xdata(), found.grid)
    np.testing.assert_allclose(curve.get_ydata(), deviation_gain(found.grid), rtol=1e-12)
    assert list(find_artists(ax, "level")[0].get_ydata()) == [0.0, 0.0]
    assert find_artists(ax, "threshold:label")[0].get_text() == "delta = 0.5"
    assert ax.get_xlabel() == "delta" and ax.get_ylabel() == "gain from deviating (utils)"


def test_game_result_marks_both_thresholds_of_the_retaliation_game():
    found = dt.find_thresholds(dt.games.retaliation_commitment_game, "reputation_stake", (0.5, 3))
    ax = threshold_plot(found)
    xs = [line.get_xdata()[0] for line in find_artists(ax, "threshold")]
    # R̄ = 18/13 (interior vertex of the deterrence component) and R̄ = 0.8/0.5 = 1.6
    assert xs == pytest.approx([18 / 13, 1.6], abs=1e-9)
    (curve,) = find_artists(ax, "curve")
    assert curve.get_drawstyle() == "steps-mid"
    np.testing.assert_array_equal(curve.get_ydata(), found.n_equilibria)
    assert ax.get_xlabel() == "reputation_stake (utils)"
    assert ax.get_ylabel() == "extreme equilibria (count)"
    labels = [t.get_text() for t in find_artists(ax, "threshold:label")]
    assert labels == ["reputation_stake = 1.385", "reputation_stake = 1.6"]


def test_several_curves_get_palette_colours_and_legend():
    x = np.linspace(0, 1, 5)
    ax = threshold_plot(
        x,
        np.stack([x, 1 - x], axis=1),
        thresholds=[0.5],
        label=["rising", "falling"],
        xlabel="p (probability)",
        ylabel="value (utils)",
    )
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["rising", "falling"]
    colours = [line.get_color() for line in find_artists(ax, "curve")]
    assert colours[0] != colours[1]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"xlabel": None}, "xlabel must be a non-empty axis label"),
        ({"ylabel": " "}, "ylabel must be a non-empty axis label"),
        ({"y": np.zeros(3)}, "one row per x value"),
        ({"x": [1.0]}, "at least 2 values"),
        ({"thresholds": [0.5], "labels": ["a", "b"]}, "one label per threshold"),
        ({"thresholds": ["half"]}, "thresholds must be numbers"),
        ({"thresholds": [math.inf]}, "finite"),
        ({"label": ["a", "b"]}, "one label per curve"),
    ],
)
def test_threshold_plot_bad_input(kwargs, fragment):
    args = {"x": np.linspace(0, 1, 4), "y": np.zeros(4), "xlabel": "x (u)", "ylabel": "y (u)"}
    args |= kwargs
    x, y = args.pop("x"), args.pop("y")
    with pytest.raises(ParameterError, match=fragment):
        threshold_plot(x, y, **args)


def test_threshold_plot_needs_y_with_arrays():
    with pytest.raises(ParameterError, match="y is required"):
        threshold_plot([0, 1], xlabel="x (u)", ylabel="y (u)")


# -- tornado / what must be true ------------------------------------------------------------


def test_swings_equal_direct_scenario_replacements(seed):
    result = swings(seed, parameters=["p_patron_entry", "defender_tolerance"])
    base, rows = result.base, result.rows
    assert base["optimum"] == seed.calibrated_response().optimum()
    by_name = {row.parameter: row for row in rows}
    row = by_name["p_patron_entry"]
    assert (row.low, row.high, row.value, row.unit) == (0.2, 0.9, 0.5, "probability")
    low_model = seed.replace(p_patron_entry=0.2).calibrated_response()
    assert row.at_low["optimum"] == low_model.optimum()
    # the ceiling F⁻¹(ρ) = median·exp(σ_log·Φ⁻¹(ρ)): 5·e^(0.7·z_0.05) and 100·e^(0.7·z_0.05)
    t = by_name["defender_tolerance"]
    shrink = math.exp(0.7 * stats.norm.ppf(0.05))
    assert t.at_low["ceiling"] == pytest.approx(5 * shrink, rel=1e-12)
    assert t.at_high["ceiling"] == pytest.approx(100 * shrink, rel=1e-12)
    # the floor G⁻¹(1 − α_w) = 3·e^(0.6·z_0.9) does not depend on the tolerance
    floor = 3 * math.exp(0.6 * stats.norm.isf(0.1))
    assert t.at_low["floor"] == pytest.approx(floor, rel=1e-12) == t.at_high["floor"]
    # sorted by the swing of r*: the tolerance moves r* more than π_US
    assert [r.parameter for r in rows] == ["defender_tolerance", "p_patron_entry"]
    assert rows[0].swing() > rows[1].swing() > 0


def test_tornado_bars_run_from_baseline_to_low_and_high_values(seed):
    ax = tornado(seed, quantity="ceiling", parameters=["acceptable_risk", "defender_tolerance"])
    result = swings(seed, parameters=["acceptable_risk", "defender_tolerance"], sort_by="ceiling")
    base, rows = result.base, result.rows
    lows, highs = find_artists(ax, "tornado:low"), find_artists(ax, "tornado:high")
    assert len(lows) == len(highs) == 2
    for patch, row in zip(lows, rows, strict=True):
        assert patch.get_x() == pytest.approx(base["ceiling"], abs=1e-12)
        assert patch.get_x() + patch.get_width() == pytest.approx(row.at_low["ceiling"], abs=1e-12)
    for patch, row in zip(highs, rows, strict=True):
        assert patch.get_x() + patch.get_width() == pytest.approx(row.at_high["ceiling"], abs=1e-12)
    # largest swing on top: defender_tolerance (1.58 → 31.6) before acceptable_risk
    assert rows[0].parameter == "defender_tolerance"
    assert lows[0].get_y() > lows[1].get_y()
    ticks = dict(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels()), strict=True))
    assert ticks[max(ticks)] == "defender_tolerance\n5–100 leakers"
    assert ax.get_xlabel() == "window ceiling F⁻¹(ρ) (leakers)"
    (baseline,) = find_artists(ax, "baseline")
    assert baseline.get_xdata()[0] == pytest.approx(20 * math.exp(0.7 * stats.norm.ppf(0.05)))


def test_what_must_be_true_three_panels_share_the_order(seed):
    keys = ["audience_cost", "alpha_weak", "defender_tolerance"]
    fig = what_must_be_true(seed, parameters=keys)
    assert [a.get_xlabel() for a in fig.axes] == [
        "optimal response r* (leakers)",
        "window floor G⁻¹(1 − α_w) (leakers)",
        "window ceiling F⁻¹(ρ) (leakers)",
    ]
    result = swings(seed, parameters=keys)
    base, rows = result.base, result.rows
    order = [r.parameter for r in rows]
    assert order[0] == "defender_tolerance" and order[-1] == "alpha_weak"  # α_w leaves r* alone
    for panel, quantity in zip(fig.axes, ("optimum", "floor", "ceiling"), strict=True):
        highs = find_artists(panel, "tornado:high")
        assert [p.get_x() + p.get_width() for p in highs] == pytest.approx(
            [r.at_high[quantity] for r in rows], abs=1e-12
        )
    # the floor panel shows the baseline ceiling, the ceiling panel the baseline floor
    assert find_artists(fig.axes[1], "reference")[0].get_xdata()[0] == base["ceiling"]
    assert find_artists(fig.axes[2], "reference")[0].get_xdata()[0] == base["floor"]
    assert base.floor > base.ceiling  # the seed's window is empty


def test_default_parameters_and_callers_axes(seed):
    fig, axes = plt.subplots(1, 3)
    before = plt.get_fignums()
    out = what_must_be_true(seed, parameters=["p_patron_entry"], ax=axes)
    assert out is fig and plt.get_fignums() == before
    assert "defender_tolerance.sigma_log" in WINDOW_PARAMETERS
    assert all(k in seed.parameters for k in WINDOW_PARAMETERS)


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (
            lambda s: tornado(s, parameters=["p_patron_entyr"]),
            ScenarioError,
            "Did you mean 'p_patron_entry'",
        ),
        (lambda s: tornado(s, quantity="optimun"), ParameterError, "Did you mean 'optimum'"),
        (lambda s: tornado(s, parameters=[]), ParameterError, "at least one"),
        (lambda s: tornado(s.calibrated_response()), ParameterError, "a Swings result"),
        (lambda s: what_must_be_true(s, ax=plt.gca()), ParameterError, "three Axes"),
    ],
)
def test_tornado_bad_input(seed, call, error, fragment):
    with pytest.raises(error, match=fragment):
        call(seed)
