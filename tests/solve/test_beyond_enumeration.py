"""Games of any size: Lemke–Howson from every label, zero-sum LP, `method=` dispatch, labels.

Every equilibrium is checked here with an independent regret computation (plain numpy, not the
package's `verify`), so a bug shared by solver and gate cannot hide.
"""

import time

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import GameTooLargeError, InvalidGameError, SolverTimeoutError
from deterrence.solve.lemke_howson import lemke_howson, lemke_howson_all
from deterrence.solve.lp import zero_sum_lp


def independent_regret(A, B, x, y):
    """max gain from a pure deviation, in payoff units (not scaled)."""
    return max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y)


def assert_equilibria(game, eqs, atol=1e-9):
    spread = max(np.ptp(game.A), np.ptp(game.B))
    for e in eqs:
        assert e.row.min() >= -1e-12 and e.col.min() >= -1e-12
        assert e.row.sum() == pytest.approx(1) and e.col.sum() == pytest.approx(1)
        assert independent_regret(game.A, game.B, e.row, e.col) <= atol * spread


# --- Lemke–Howson ------------------------------------------------------------------------------


@pytest.mark.parametrize("size, seed", [(20, 0), (20, 1), (60, 2)])
def test_lemke_howson_on_random_games_verified_and_labelled(size, seed):
    rng = np.random.default_rng(seed)
    g = dt.Game(rng.random((size, size)), rng.random((size, size)))
    start = time.perf_counter()
    eqs = dt.solve(g)  # auto: beyond the enumeration limit
    seconds = time.perf_counter() - start
    assert not eqs.complete and eqs.method == f"Lemke–Howson from {2 * size} labels"
    assert eqs.coverage == f"some equilibria (Lemke–Howson from {2 * size} labels)"
    assert 1 <= len(eqs) <= 2 * size
    assert_equilibria(g, eqs)
    # distinct
    keys = {tuple(np.round(np.concatenate([e.row, e.col]), 8)) for e in eqs}
    assert len(keys) == len(eqs)
    # "in seconds" on a shared 2-core machine (about 0.3 s for 60x60 when quiet)
    assert seconds < 20


def test_display_never_says_all_for_lemke_howson():
    rng = np.random.default_rng(3)
    eqs = dt.solve(rng.random((16, 16)), rng.random((16, 16)))
    text = repr(eqs)
    assert "some equilibria (Lemke–Howson from 32 labels)" in text and "not necessarily all" in text
    assert "all " not in text.split("not necessarily")[0]
    html = eqs._repr_html_()
    assert "some equilibria (Lemke–Howson from 32 labels)" in html
    df = eqs.to_frame()
    assert (df["coverage"] == "some equilibria (Lemke–Howson from 32 labels)").all()
    assert df.attrs["coverage"] == eqs.coverage
    assert any("others may exist" in w for w in eqs.warnings)
    # complete results say "all" and have no coverage column
    small = dt.solve(dt.games.chicken())
    assert small.coverage == "all 3 extreme equilibria" and "coverage" not in small.to_frame()


def test_each_label_reaches_the_same_equilibrium_as_nashpy():
    # in a nondegenerate game the path from a label is unique: our lexicographic numpy tableau
    # and nashpy's integer pivoting must end at the same equilibrium, label by label
    # (small integer payoffs, all distinct: nashpy's integer pivoting stays exact and finite)
    rng = np.random.default_rng(11)
    A = rng.permutation(25).reshape(5, 5).astype(float)
    B = rng.permutation(25).reshape(5, 5).astype(float)
    for k in range(10):
        x1, y1, _ = lemke_howson(A, B, k)
        x2, y2, _ = lemke_howson(A, B, k, engine="nashpy")
        np.testing.assert_allclose(x1, x2, atol=1e-9)
        np.testing.assert_allclose(y1, y2, atol=1e-9)


def test_lemke_howson_finds_all_three_equilibria_of_battle_of_the_sexes():
    # BoS (3,0;0,2)/(2,0;0,3): labels 0 and 2 end at (T,L); 1 and 3 at (B,R)... and the mixed
    # equilibrium x = (3/5, 2/5), y = (2/5, 3/5) is never reached from (0,0) (it has index -1):
    A = np.array([[3.0, 0.0], [0.0, 2.0]])
    B = np.array([[2.0, 0.0], [0.0, 3.0]])
    x, y, found_by, failed = lemke_howson_all(A, B)
    assert failed == {} and sorted(map(tuple, x.tolist())) == [(0.0, 1.0), (1.0, 0.0)]
    assert sorted(sum(found_by, [])) == [0, 1, 2, 3]


# A degenerate 0/1 game on which nashpy's plain minimum-ratio pivoting (lexicographic=False)
# cycles from label 2 (found by searching random 0/1 3x3 games with seed 0: game 9). Left to
# itself, nashpy's own lemke_howson goes round the cycle for 340 pivots until its integer
# tableau overflows and then returns (array([nan]), array([0., 1., 0.])); from labels 3-5 it
# returns profiles of the wrong shape.
CYCLING_A = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
CYCLING_B = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_plain_pivoting_cycles_on_a_degenerate_game_and_the_limit_trips():
    A, B = CYCLING_A, CYCLING_B
    with pytest.raises(SolverTimeoutError, match="did not finish within 200 pivots.*cycles"):
        lemke_howson(A, B, 2, engine="nashpy", lexicographic=False, max_pivots=200)
    # a garbage profile from nashpy is an error, never a result
    with pytest.raises(dt.errors.EquilibriumCheckError, match="wrong shape or with non-finite"):
        lemke_howson(A, B, 3, engine="nashpy", lexicographic=False, max_pivots=200)
    # the lexicographic rule does not cycle: every label ends at a verified equilibrium
    for label in range(6):
        x, y, pivots = lemke_howson(A, B, label, max_pivots=200)
        assert pivots <= 6
        assert independent_regret(A, B, x, y) <= 1e-12
    # here (0, 1/2, 1/2) vs column 2 is one of them: row 1 and 2 both pay 0 against column 2...
    x, y, _ = lemke_howson(A, B, 2)
    np.testing.assert_allclose(x, [0, 0.5, 0.5])
    np.testing.assert_allclose(y, [0, 1, 0])
    # ... and the column player is indifferent between columns 1 and 3 against x: a degenerate
    # game whose equilibria form a continuum; the display marks it degenerate
    eqs = dt.solve(A, B, method="lemke-howson")
    assert eqs.degenerate and not eqs.complete
    assert_equilibria(eqs.game, eqs)


def test_every_path_tripping_is_a_clear_error():
    with pytest.raises(SolverTimeoutError, match="pivot limit from every one of the 40"):
        dt.solve(np.eye(20), np.ones((20, 20)) - np.eye(20), max_pivots=1, method="lemke-howson")


def test_partial_failure_is_reported_in_the_warnings():
    rng = np.random.default_rng(5)
    g = dt.Game(rng.random((12, 12)), rng.random((12, 12)))
    lengths = [lemke_howson(g.A, g.B, k)[2] for k in range(24)]
    limit = int(np.median(lengths))
    failing = sum(n > limit for n in lengths)
    assert 0 < failing < 24
    eqs = dt.solve(g, method="lemke-howson", max_pivots=limit)
    # the paths that finish are kept; the method and the warnings say how many did not
    assert eqs.method == f"Lemke–Howson from {24 - failing} labels"
    assert eqs.warnings[1].startswith(f"{failing} path(s) hit the pivot limit")
    assert_equilibria(g, eqs)


# --- linear programming ------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_lp_equals_vertex_enumeration_on_small_zero_sum_games(seed):
    rng = np.random.default_rng(100 + seed)
    A = np.round(rng.normal(size=(3 + seed % 3, 2 + seed % 4)), 3)
    g = dt.Game.zero_sum(A)
    lp, ve = dt.solve(g, method="lp"), dt.solve(g)
    # a generic zero-sum game has a unique equilibrium; its value is x'Ay for every one
    assert lp.complete and len(lp) == len(ve) == 1
    assert lp[0].payoffs[0] == pytest.approx(ve[0].payoffs[0], abs=1e-9)
    np.testing.assert_allclose(lp[0].row, ve[0].row, atol=1e-8)
    np.testing.assert_allclose(lp[0].col, ve[0].col, atol=1e-8)


def test_lp_on_a_100x100_game_with_a_closed_form_value():
    # Hide and seek with rewards a_i = i + 1 on the diagonal (0 elsewhere), rows and columns
    # shuffled, plus a constant c = -0.5. Without the shift, a strategy x that makes every
    # column pay the same must have x_i a_i = v for all i, so x_i = v / a_i and sum x = 1 gives
    # v = 1 / sum_i 1/a_i = 1 / H_100 (H_100 the harmonic number); the same argument gives
    # y_j = v / a_j. The matrix is nonsingular with a full-support solution, so it is the
    # unique equilibrium; the shift adds c to the value.
    n, c = 100, -0.5
    a = np.arange(1, n + 1, dtype=float)
    rng = np.random.default_rng(7)
    pr, pc = rng.permutation(n), rng.permutation(n)
    D = np.diag(a)
    A = D[pr][:, pc] + c
    g = dt.Game.zero_sum(A, name="hide and seek")
    start = time.perf_counter()
    eqs = dt.solve(g)  # auto -> lp (zero-sum, beyond enumeration)
    assert time.perf_counter() - start < 20
    H = np.sum(1 / a)
    v = 1 / H
    assert eqs.method == "linear programming" and eqs.complete and len(eqs) == 1
    assert eqs[0].payoffs[0] == pytest.approx(v + c, abs=1e-9)
    x_star = np.empty(n)
    x_star[np.argsort(pr)] = v / a  # row k of A is row pr[k] of D
    y_star = np.empty(n)
    y_star[np.argsort(pc)] = v / a
    np.testing.assert_allclose(eqs[0].row, x_star, atol=1e-9)
    np.testing.assert_allclose(eqs[0].col, y_star, atol=1e-9)
    assert eqs.coverage == "all 1 extreme equilibrium"


def test_lp_with_non_unique_optimal_strategies_is_labelled_incomplete():
    # duplicate a row of a 15x15 zero-sum game: the row player's optimal set is then a segment
    # whenever the duplicated row is used; beyond enumeration the LP lists vertices it found
    rng = np.random.default_rng(21)
    A = rng.normal(size=(15, 15))
    value, X, _, _ = zero_sum_lp(A)
    used = int(np.argmax(X[0]))
    A2 = np.vstack([A, A[used]])
    eqs = dt.solve(dt.Game.zero_sum(A2))
    assert not eqs.complete and eqs.coverage.startswith("some equilibria (linear programming")
    assert all(e.payoffs[0] == pytest.approx(value, abs=1e-9) for e in eqs)
    assert_equilibria(eqs.game, eqs)
    # the two ends of the segment: all weight of `used` on one copy or on the other
    rows = {tuple(np.round(e.row, 8)) for e in eqs}
    assert len(rows) >= 2


def test_lp_rejects_a_non_zero_sum_game():
    with pytest.raises(InvalidGameError, match="zero-sum"):
        dt.solve(dt.games.chicken(), method="lp")


def test_lp_on_small_non_unique_game_falls_back_to_enumeration():
    # matching pennies with a duplicated row: X* is a segment; the game is small, so every
    # extreme equilibrium is listed by vertex enumeration
    A = np.array([[1.0, -1.0], [-1.0, 1.0], [1.0, -1.0]])
    eqs = dt.solve(dt.Game.zero_sum(A), method="lp")
    assert eqs.complete and eqs.method == "linear programming, then vertex enumeration"
    assert len(eqs) == 2


# --- dispatch and calling convention -----------------------------------------------------------


def test_vertex_method_still_refuses_beyond_the_limit():
    rng = np.random.default_rng(0)
    with pytest.raises(GameTooLargeError, match="method='auto'"):
        dt.solve(rng.random((15, 15)), rng.random((15, 15)), method="vertex")


def test_solve_takes_two_matrices_and_never_guesses_one():
    eqs = dt.solve([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert [e.describe() for e in eqs] == ["r1 / c1"]
    with pytest.raises(TypeError, match=r"dt.Game.zero_sum\(A\)"):
        dt.solve([[1, -1], [-1, 1]])
    with pytest.raises(TypeError, match="either solve"):
        dt.solve(dt.games.chicken(), [[1]])


def test_verify_and_solve_many_accept_a_game_like_solve():
    g = dt.games.chicken()
    assert dt.verify(g, [0.9, 0.1], [0.9, 0.1]) == dt.verify(g.A, g.B, [0.9, 0.1], [0.9, 0.1])
    assert dt.verify(g, [0.9, 0.1], [0.9, 0.1]) < 1e-15
    with pytest.raises(dt.errors.EquilibriumCheckError):
        dt.verify(g, [1, 0], [1, 0])
    with pytest.raises(TypeError, match=r"verify\(A, B, x, y\)"):
        dt.verify(g.A, [1, 0], [1, 0])
    batch = dt.solve_many([g, dt.games.chicken(T=2)])
    assert batch.count.tolist() == [3, 3] and batch[1][1].row[1] == pytest.approx(2 / 11)
    one = dt.solve_many(g)
    assert one.count.tolist() == [3]
