"""Charts of dynamics paths: simplex (square, triangle) and time; Nash equilibria marked."""

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.plot.dynamics import draw_dynamics
from deterrence.plot.style import find_artists
from deterrence.solve.dynamics import asymmetric_replicator, fictitious_play, replicator


def test_square_for_a_2x2_game_with_the_equilibrium_marked():
    fp = fictitious_play(dt.games.matching_pennies(), iterations=300, seed=0)
    ax = fp.plot()
    (path,) = find_artists(ax, "path")
    np.testing.assert_allclose(path.get_xdata(), fp.row[:, 0])
    np.testing.assert_allclose(path.get_ydata(), fp.col[:, 0])
    (nash,) = find_artists(ax, "nash")
    np.testing.assert_allclose(nash.get_offsets(), [[0.5, 0.5]])
    assert ax.get_xlabel() == "Matcher: P(heads) (probability)"
    assert ax.get_ylabel() == "Mismatcher: P(heads) (probability)"
    assert "Nash equilibria" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_triangle_for_three_strategies_of_one_population():
    rps = dt.Game.symmetric(
        [[0, -1, 2], [2, 0, -1], [-1, 2, 0]], strategies=["rock", "paper", "scissors"]
    )
    r = replicator(rps, x0=[0.6, 0.3, 0.1], t_max=30)
    ax = r.plot()
    (nash,) = find_artists(ax, "nash")
    # the interior equilibrium of this RPS variant (win 2, lose 1) is (1/3, 1/3, 1/3): its
    # barycentric point is (1/3 + 1/6, sqrt(3)/6)
    np.testing.assert_allclose(nash.get_offsets(), [[0.5, np.sqrt(3) / 6]], atol=1e-9)
    assert sorted(t.get_text() for t in find_artists(ax, "corner")) == ["paper", "rock", "scissors"]


def test_time_chart_and_bad_kind(tmp_path):
    r = asymmetric_replicator(dt.games.stag_hunt(), x0=[0.7, 0.3], y0=[0.6, 0.4], t_max=10)
    ax = r.plot(kind="time")
    line = find_artists(ax, "path:Row:stag")[0]
    np.testing.assert_allclose(line.get_ydata(), r.row[:, 0])
    assert ax.get_xlabel() == "time (ODE units)" and "probability" in ax.get_ylabel()
    ax.figure.savefig(tmp_path / "time.png")
    g = dt.Game(np.eye(3), np.eye(3))
    with pytest.raises(ParameterError, match="kind='time'"):
        draw_dynamics(fictitious_play(g, iterations=5, seed=0), kind="simplex")
    with pytest.raises(ParameterError, match="kind must be one of"):
        r.plot(kind="phase")
