"""Stability of the "equilibrium of violence": δ*(u_D) with the scenario's δ (MODELS.md V16)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.plot.repeated import violence_stability
from deterrence.plot.style import find_artists


def one(ax, gid):
    found = find_artists(ax, gid)
    assert len(found) == 1, (gid, found)
    return found[0]


def test_v16_curve_marks_and_breaking_point():
    ax = violence_stability((0.1, 10), exchange=0, war=-8, delta=0.25, mark=(2, 4))
    curve = one(ax, "delta_star")
    u_d = np.asarray(curve.get_xdata())
    assert u_d[0] == 0.1 and u_d[-1] == 10 and len(u_d) == 400
    # δ* = (u_D − u_E)/(u_D − u_P) = u_D/(u_D + 8)
    np.testing.assert_allclose(curve.get_ydata(), u_d / (u_d + 8), rtol=1e-14)
    marks = find_artists(ax, "mark")
    # V16: u_D = 2 -> 0.2; a shock to u_D = 4 -> 1/3
    assert [m.get_xdata()[0] for m in marks] == [2.0, 4.0]
    assert [m.get_ydata()[0] for m in marks] == pytest.approx([0.2, 1 / 3], abs=1e-15)
    assert [t.get_text() for t in find_artists(ax, "mark:label")] == ["δ* = 0.2", "δ* = 0.333"]
    assert list(one(ax, "delta").get_ydata()) == [0.25, 0.25]
    # δ*(u_D) = δ  <=>  u_D = (u_E − δ u_P)/(1 − δ) = 2/0.75 = 8/3: beyond it δ = 0.25 < δ*
    point = one(ax, "breaking_point")
    assert point.get_xdata()[0] == pytest.approx(8 / 3, abs=1e-12)
    assert point.get_ydata()[0] == 0.25
    assert one(ax, "breaking_point:label").get_text() == "breaks beyond u_D = 2.67"
    # consistent with the model's shock test: δ = 0.25 lies in [0.2, 1/3)
    assert dt.games.repeated.shock_breaks(0.25, 0, 2, 4, -8).breaks


def test_sustained_region_lies_between_the_curve_and_one():
    ax = violence_stability(np.linspace(1, 20, 50), exchange=0, war=-8)
    band = one(ax, "sustained")
    vertices = np.concatenate([path.vertices for path in band.get_paths()])
    x, y = vertices[:, 0], vertices[:, 1]
    assert x.min() == 1 and x.max() == 20
    on_curve = np.isclose(y, x / (x + 8), atol=1e-12)
    on_top = np.isclose(y, 1.0)
    assert np.all(on_curve | on_top)
    assert find_artists(ax, "delta") == [] and find_artists(ax, "breaking_point") == []


def test_scenario_delta_outside_the_range_has_no_breaking_point():
    delta = 0.9  # a discount factor of 0.9 per round
    ax = violence_stability((0.1, 10), exchange=0, war=-8, delta=delta)
    # δ = 0.9: u_D* = (0 + 0.9·8)/0.1 = 72, outside [0.1, 10]
    assert find_artists(ax, "breaking_point") == []
    assert one(ax, "delta").get_label() == "δ = 0.9 (the discount factor)"
    ax = violence_stability((0.1, 100), exchange=0, war=-8, delta=delta)
    assert one(ax, "breaking_point").get_xdata()[0] == pytest.approx(72.0, abs=1e-9)


def test_labels_units_and_callers_axes():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert violence_stability((1, 5), exchange=0.5, war=-2, delta=0.5, ax=ax) is ax
    assert plt.get_fignums() == before
    assert ax.get_xlabel() == "one-round escalation gain u_D (utils; u_E = 0.5, u_P = -2)"
    assert ax.get_ylabel() == "discount factor δ (per round)"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [
        "exchange sustained (δ ≥ δ*)",
        "δ*(u_D) = (u_D − u_E)/(u_D − u_P)",
        "δ = 0.5 (the discount factor)",
    ]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"deviation": (-1, 5)}, "war < exchange < deviation"),
        ({"deviation": (1, 5), "war": 2}, "war < exchange < deviation"),
        ({"deviation": (1, 5), "delta": 1.0}, "delta"),
        ({"deviation": [3.0]}, "at least two"),
        ({"deviation": (2, 2)}, "empty"),
        ({"deviation": (1, np.inf)}, "finite"),
    ],
)
def test_bad_input(kwargs, fragment):
    args = {"exchange": 0, "war": -8} | kwargs
    deviation = args.pop("deviation")
    with pytest.raises(ParameterError, match=fragment):
        violence_stability(deviation, **args)
