"""Brinkmanship window chart (Dixit–Skeath Fig. 14.5 style) on MODELS.md V9."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models.brinkmanship import Target, Threatener
from deterrence.plot.brinkmanship import brinkmanship_window
from deterrence.plot.style import find_artists

# V9: target (win 2, comply −2, disaster −10) -> q_min = 4/12 = 1/3;
# threatener (win 1, acquiesce −2, disaster −10) -> q_max(p) = 3(1 − p)/(8p);
# q_max(p*) = q_min  <=>  9(1 − p) = 8p  <=>  p* = 9/17.
TARGET, THREATENER = (2, -2, -10), (1, -2, -10)
P_STAR = 9 / 17


def one(ax, gid):
    found = find_artists(ax, gid)
    assert len(found) == 1, (gid, found)
    return found[0]


def test_v9_closing_point_at_9_over_17():
    ax = brinkmanship_window(TARGET, THREATENER)
    assert one(ax, "p_star").get_xdata()[0] == pytest.approx(P_STAR, abs=1e-12)
    point = one(ax, "p_star:point")
    assert point.get_xdata()[0] == pytest.approx(P_STAR, abs=1e-12)
    assert point.get_ydata()[0] == pytest.approx(1 / 3, abs=1e-12)
    assert one(ax, "p_star:point:label").get_text() == "p* = 0.529: the window closes"


def test_v9_floor_and_ceiling_curves():
    ax = brinkmanship_window(TARGET, THREATENER, num=101)
    q_min, q_max = one(ax, "q_min"), one(ax, "q_max")
    np.testing.assert_allclose(q_min.get_ydata(), 1 / 3, atol=1e-15)
    p = np.asarray(q_max.get_xdata())
    assert p[0] > 0 and p[-1] == 1.0
    np.testing.assert_allclose(q_max.get_ydata(), 3 * (1 - p) / (8 * p), rtol=1e-12)
    assert np.min(np.abs(p - P_STAR)) < 1e-15  # p* is a grid point
    assert q_min.get_label() == "q_min = 0.333 (effectiveness)"


def test_v9_shaded_window_ends_at_p_star_between_floor_and_ceiling():
    ax = brinkmanship_window(TARGET, THREATENER)
    band = one(ax, "window")
    vertices = np.concatenate([path.vertices for path in band.get_paths()])
    p, q = vertices[:, 0], vertices[:, 1]
    assert p.min() == 0.0
    assert p.max() == pytest.approx(P_STAR, abs=1e-12)
    assert q.min() == pytest.approx(1 / 3, abs=1e-12) and q.max() == pytest.approx(1.0)
    # every upper vertex lies on min(q_max(p), 1)
    upper = q > 1 / 3 + 1e-12
    ceiling = np.minimum(3 * (1 - p[upper]) / (8 * np.maximum(p[upper], 1e-300)), 1.0)
    np.testing.assert_allclose(q[upper], ceiling, atol=1e-12)


def test_v9_marked_probability_draws_the_window_at_p_0_4():
    ax = brinkmanship_window(Target(2, -2, -10), Threatener(1, -2, -10), p_mark=0.4)
    bar = one(ax, "p_mark")
    assert list(bar.get_xdata()) == [0.4, 0.4]
    # V9 at p = 0.4: [1/3, 3·0.6/3.2 = 0.5625]
    assert bar.get_ydata() == pytest.approx([1 / 3, 0.5625], abs=1e-12)
    assert one(ax, "p_mark:label").get_text() == "p = 0.4:\nq ∈ [0.333, 0.562]"
    ax = brinkmanship_window(TARGET, {"win": 1, "acquiesce": -2, "disaster": -10}, p_mark=0.6)
    assert one(ax, "p_mark:label").get_text() == "p = 0.6: no window"


def test_axis_labels_units_and_callers_axes():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert brinkmanship_window(TARGET, THREATENER, ax=ax) is ax
    assert plt.get_fignums() == before
    assert ax.get_xlabel() == "probability p that the target is hard (defies anyway)"
    assert ax.get_ylabel() == "risk of disaster q (probability)"
    assert ax.get_ylim() == (0.0, 1.0)
    assert len(ax.get_legend().get_texts()) == 3


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (
            lambda: brinkmanship_window(TARGET, (1, -20, -10)),
            ParameterError,
            "disaster < acquiesce",
        ),
        (lambda: brinkmanship_window((2, 3, -10), THREATENER), ParameterError, "comply < win"),
        (lambda: brinkmanship_window(TARGET, (1, -2)), ParameterError, "three numbers"),
        (lambda: brinkmanship_window(TARGET, THREATENER, p_mark=1.5), ProbabilityError, "p_mark"),
        (lambda: brinkmanship_window(TARGET, THREATENER, num=1), ParameterError, "num"),
    ],
)
def test_bad_input(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
