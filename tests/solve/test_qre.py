"""Logit QRE of bimatrix games: closed forms, the fixed-point gate, the Nash limit, and pygambit.

pygambit's ``qre.logit_solve_lambda`` (Turocy's tracer in Gambit) is the independent oracle: on
60 random games of sizes 2×2 to 5×5 the principal-branch QRE must agree to 1e-6 at several λ
(payoff units, Gambit's convention).
"""

import math

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.solve.qre import FIXED_POINT_TOL, fixed_point_error, logit_response


def test_dominant_strategy_closed_form():
    # row's first strategy pays exactly 1 more whatever the column does: x1 = e^λ/(1 + e^λ)
    g = dt.Game([[1, 3], [0, 2]], [[0, 1], [0, 1]])
    for lam in (0.0, 0.3, 2.0, 7.5):
        q = dt.qre(g, lam, units="payoff")
        assert q.row[0] == pytest.approx(math.exp(lam) / (1 + math.exp(lam)), abs=1e-12)
        assert q.col[1] == pytest.approx(math.exp(lam) / (1 + math.exp(lam)), abs=1e-12)


def test_normalized_units_divide_by_each_players_payoff_spread():
    # spreads: row 10 (0..10), column 4 (0..4); normalised λ = 2 is payoff λ 0.2 for the row,
    # 0.5 for the column player; scaling payoffs by c leaves the normalised QRE unchanged
    A = np.array([[10.0, 0.0], [0.0, 3.0]])
    B = np.array([[4.0, 0.0], [1.0, 2.0]])
    q = dt.qre(dt.Game(A, B), 2.0)
    assert q.scale == (10.0, 4.0)
    assert fixed_point_error(A / 10, B / 4, q.row, q.col, 2.0) < 1e-12
    q2 = dt.qre(dt.Game(7 * A - 3, 0.5 * B + 1), 2.0)
    np.testing.assert_allclose(q2.row, q.row, atol=1e-12)
    np.testing.assert_allclose(q2.col, q.col, atol=1e-12)


def test_matching_pennies_is_centroid_at_every_lambda():
    g = dt.Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    for lam in (0.5, 5, 50):
        q = dt.qre(g, lam)
        np.testing.assert_allclose(q.row, [0.5, 0.5], atol=1e-12)
        np.testing.assert_allclose(q.col, [0.5, 0.5], atol=1e-12)


def test_every_returned_qre_is_a_fixed_point():
    rng = np.random.default_rng(7)
    for _ in range(10):
        A, B = rng.normal(size=(2, 4, 3))
        for lam in (0.1, 3.0, 40.0):
            q = dt.qre(dt.Game(A, B), lam, units="payoff")
            x, y = logit_response(A, B, q.row, q.col, lam)
            assert max(abs(x - q.row).max(), abs(y - q.col).max()) <= FIXED_POINT_TOL
            assert q.error <= FIXED_POINT_TOL


def test_branch_converges_to_a_nash_equilibrium_of_solve():
    rng = np.random.default_rng(11)
    for _ in range(12):
        m, n = rng.integers(2, 5, size=2)
        g = dt.Game(rng.normal(size=(m, n)), rng.normal(size=(m, n)))
        path = dt.qre_path(g)
        assert path.nash_row is not None, "the limit of the branch is an equilibrium of solve"
        eqs = dt.solve(g)
        assert any(
            np.allclose(e.row, path.nash_row) and np.allclose(e.col, path.nash_col) for e in eqs
        )
        # the distance to that equilibrium shrinks as λ grows
        d = [
            max(abs(q.row - path.nash_row).max(), abs(q.col - path.nash_col).max())
            for q in (dt.qre(g, lam) for lam in (10.0, 100.0, 1000.0))
        ]
        assert d[0] >= d[1] >= d[2] and d[2] < 0.01


def test_chicken_branch_ends_at_the_mixed_equilibrium():
    # Chicken (R, S, T, P) = (0, -1, 1, -10): the centroid's branch goes to the mixed
    # equilibrium, each side straight w.p. (T-R)/((T-R)+(S-P)) = 0.1 (symmetric game, symmetric
    # branch)
    path = dt.qre_path(dt.games.chicken())
    np.testing.assert_allclose(path.nash_row, [0.9, 0.1], atol=1e-12)
    np.testing.assert_allclose(path.row, path.col, atol=1e-9)
    frame = path.to_frame()
    assert list(frame.columns)[0] == "lam" and len(frame) == len(path)
    assert frame["lam"].iloc[0] == 0 and frame["lam"].iloc[-1] == pytest.approx(1000)


def test_bad_input_is_named():
    g = dt.games.chicken()
    with pytest.raises(ParameterError, match="lam"):
        dt.qre(g, -1)
    with pytest.raises(ParameterError, match="normalized"):
        dt.qre(g, 1.0, units="normalised")
    with pytest.raises(TypeError, match="GameTree"):
        dt.qre("chicken", 1.0)


def test_plot_draws_the_branch_and_the_nash_limit():
    from deterrence.plot.style import find_artists

    path = dt.qre_path(dt.games.chicken())
    ax = path.plot()
    line = find_artists(ax, f"qre:{path.players[0]}: {path.row_labels[1]}")[0]
    np.testing.assert_allclose(line.get_ydata(), path.row[:, 1])
    pts = find_artists(ax, "nash_limit")[0].get_offsets()
    np.testing.assert_allclose(sorted(pts[:, 1]), sorted([0.9, 0.1, 0.9, 0.1]))
    assert "λ" in ax.get_xlabel()


# -- the oracle -----------------------------------------------------------------------------------
LAMS = (0.5, 2.0, 8.0)


def _gambit_qre(A, B, lams):
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.from_arrays(A, B)
    out = []
    for prof in gbt.qre.logit_solve_lambda(g, lam=list(lams)):
        x, y = ([float(prof.profile[s]) for s in p.strategies] for p in g.players)
        out.append((prof.lam, np.array(x), np.array(y)))
    return out


def test_equal_to_pygambit_logit_solve_lambda_on_60_random_games():
    rng = np.random.default_rng(20260614)
    worst = 0.0
    sizes = [(m, n) for m in range(2, 6) for n in range(2, 6)]
    for k in range(60):
        m, n = sizes[k % len(sizes)]
        A = rng.integers(-9, 10, size=(m, n)).astype(float)
        B = rng.integers(-9, 10, size=(m, n)).astype(float)
        for lam, x, y in _gambit_qre(A, B, LAMS):
            q = dt.qre(dt.Game(A, B), lam, units="payoff")
            worst = max(worst, abs(q.row - x).max(), abs(q.col - y).max())
    assert worst < 1e-6
