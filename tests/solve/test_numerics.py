"""Numerics: no equilibrium lost or invented by the payoffs' scale.

* von Stengel's 6x6 game with 75 equilibria (B. von Stengel 1999, "New maximal numbers of
  equilibria in bimatrix games", Discrete & Computational Geometry 21: 557-568), payoffs up to
  1.7e6, at its own scale and divided by 10^6: all 75, each an exact equilibrium;
* Gambit's "large payoff game" (payoffs +-1e19 beside +-1; gambit repository,
  tests/test_games/large_payoff_game.efg): only exact equilibria;
* a strictly dominated strategy is never played, however large the other payoffs;
* tolerances are validated; near ties in games too large for the exact path warn.
"""

import io
import warnings
from fractions import Fraction

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import InvalidGameError, NearTieWarning, ParameterError

gbt = pytest.importorskip("pygambit")
from exact_oracle import assert_same_as_gambit, exact_equilibrium, key  # noqa: E402

# von Stengel (1999), the 6x6 game with 75 equilibria; payoffs in Gambit's .nfg order (row
# strategy fastest, then column; each cell gives the row player's payoff, then the column's), as
# distributed in Gambit's catalog (catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg).
VS75 = """9504 72336 -111771 -461736 397584 1227336 171204 -1718376 1303104 1303104 737154 -453420
-660 48081 31680 -300036 -113850 774576 -45936 -1039236 -453420 737154 -227040 -227040 19976 29216
-130944 -178761 451176 451176 208626 -586476 1227336 397584 774576 -113850 -20526 14124 168124
-84436 -586476 208626 -263076 -263076 -1718376 171204 -1039236 -45936 1776 1776 -8514 -8976
29216 19976 14124 -20526 72336 9504 48081 -660 -8976 -8514 52764 52764 -178761 -130944 -84436
168124 -461736 -111771 -300036 31680"""

# Gambit's tests/test_games/large_payoff_game.efg (a chance move, payoffs 1e19 beside 1)
LARGE_PAYOFF_EFG = """EFG 2 R "Large payoff game" { "1" "2" }
""

c "" 1 "" { "L" 1/2 "R" 1/2 } 0
p "" 1 1 "" { "A" "B" } 0
p "" 2 1 "" { "X" "Y" } 0
t "" 1 "large payoff" { 10000000000000000000, -10000000000000000000 }
t "" 2 "1" { 1, -1 }
p "" 2 2 "" { "X" "Y" } 0
t "" 3 "-1" { -1, 1 }
t "" 4 "0" { 0, 0 }
p "" 1 2 "" { "A" "B" } 0
p "" 2 1 "" { "X" "Y" } 0
t "" 3 "-1" { -1, 1 }
t "" 2 "1" { 1, -1 }
p "" 2 2 "" { "X" "Y" } 0
t "" 4 "0" { 0, 0 }
t "" 1 "large payoff" { 10000000000000000000, -10000000000000000000 }
"""


def vs75():
    v = np.array(VS75.split(), dtype=float).reshape(6, 6, 2)  # [column, row, player]
    return v[:, :, 0].T.copy(), v[:, :, 1].T.copy()


@pytest.mark.parametrize("scale", [1.0, 1e-6])
@pytest.mark.parametrize("method", ["auto", "subsets", "qhull"])
def test_von_stengel_75_equilibria_at_both_scales(scale, method):
    A, B = vs75()
    eqs = dt.solve(dt.Game(A * scale, B * scale), method=method)
    assert len(eqs) == 75 and not eqs.degenerate
    # the fully mixed equilibrium the old engine lost (its subsystem's determinant is 4e-15 after
    # normalisation, while its condition number is only 2e7)
    full = [e for e in eqs if (e.row > 0).all() and (e.col > 0).all()]
    assert len(full) == 1
    np.testing.assert_allclose(full[0].row, [0.539, 0.269, 0.122, 0.049, 0.016, 0.004], atol=1e-3)


def test_von_stengel_75_matches_exact_enumeration():
    A, B = vs75()
    assert_same_as_gambit(A, B, dt.solve(dt.Game(A, B)))


def large_payoff_game():
    g = gbt.read_efg(io.StringIO(LARGE_PAYOFF_EFG))
    A, B = g.to_arrays(dtype=Fraction)
    return A, B


def test_large_payoff_game_only_exact_equilibria():
    A, B = large_payoff_game()
    Af, Bf = np.array(A, dtype=float), np.array(B, dtype=float)
    # Floats round 9999999999999999999/2 to 5e18 (the exact path reads the floats exactly), so
    # both the rounded and the exact game are checked. Hand solution: against column 2 (row
    # payoffs 1, 1/2, 0, -1/2) row 0 is the unique best reply; against row 0 the column player's
    # payoffs are (-5e18 + 1/2, -5e18 + 1/2, -1, -1): columns 2 and 3 tie. With weight t on
    # column 3, row 0 earns 1 and row 1 earns (1 - t)/2 + (5e18 + 1/2) t = 1/2 + 5e18 t (rows 2
    # and 3 less), so row 0 stays best while t <= 1/10^19: one component, extreme points t = 0
    # and t = 1/10^19.
    eqs = dt.solve(dt.Game(Af, Bf))
    assert "exact" in eqs.method
    assert len(eqs) == 2 and len(eqs.components) == 1
    t = Fraction(1, 10**19)
    hand = [([1, 0, 0, 0], [0, 0, 1, 0]), ([1, 0, 0, 0], [0, 0, 1 - t, t])]
    assert {key(e.row, e.col) for e in eqs} == {key(x, y) for x, y in hand}
    for x, y in hand:
        x = [Fraction(v) for v in x]
        y = [Fraction(v) for v in y]
        assert exact_equilibrium(A.tolist(), B.tolist(), x, y)  # the exact game
        F = np.vectorize(Fraction, otypes=[object])
        assert exact_equilibrium(F(Af).tolist(), F(Bf).tolist(), x, y)  # the rounded one
    # the old engine's three extra pure profiles fail the exact check (regrets 1/2 and 5e18)
    for x, y in [([0, 1, 0, 0], [0, 0, 1, 0]), ([0, 0, 1, 0], [0, 0, 1, 0])]:
        x = [Fraction(v) for v in x]
        y = [Fraction(v) for v in y]
        assert not exact_equilibrium(A.tolist(), B.tolist(), x, y)
    # independent cross-check of the pure equilibria: pygambit's enumpure on the exact game
    g = gbt.Game.from_arrays(A, B)
    pure = set()
    for eq in gbt.nash.enumpure_solve(g).equilibria:
        x, y = ([float(eq[s]) for s in p.strategies] for p in g.players)
        pure.add(key(x, y))
    assert pure == {key(e.row, e.col) for e in eqs if e.is_pure}


@pytest.mark.parametrize("big", [1e6, 1e12, 1e300])
def test_strictly_dominated_row_never_played_beside_huge_payoffs(big):
    # row 2 is row 1 minus 1e-4 in every column: strictly dominated, never a best reply
    A = np.array([[big, 0.0, 0.0], [0.0, 1.0, 0.0], [-1e-4, 1.0 - 1e-4, -1e-4]])
    B = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    eqs = dt.solve(dt.Game(A, B))
    assert all(e.row[2] == 0 for e in eqs)
    # B = I: the column player matches the row. Pure: (r0, c0) and (r1, c1); (r2, c2) fails since
    # r2 is dominated. Mixed: x = (1/2, 1/2, 0) makes c0, c1 tie; the row player is indifferent
    # when big * y0 = y1, so y = (1, big, 0) / (1 + big). (pygambit's rational enumeration
    # returns no equilibrium at all for big = 1e12, so the hand solution is the oracle here.)
    F = Fraction
    b = F(big)
    hand = [
        ([1, 0, 0], [1, 0, 0]),
        ([0, 1, 0], [0, 1, 0]),
        ([F(1, 2), F(1, 2), 0], [1 / (1 + b), b / (1 + b), 0]),
    ]
    assert {key(e.row, e.col) for e in eqs} == {key(x, y) for x, y in hand}
    Af, Bf = np.vectorize(F, otypes=[object])(np.stack([A, B])).tolist()
    for x, y in hand:
        assert exact_equilibrium(Af, Bf, [F(v) for v in x], [F(v) for v in y])


def test_tie_one_part_in_1e12_is_not_a_tie():
    # row 1 beats row 0 by 1e-12 in both columns, and symmetrically for the column player:
    # (1, 1) is the unique equilibrium (the old engine returned all four pure profiles)
    A = np.array([[1.0, 0.0], [1 + 1e-12, 1e-12]])
    eqs = dt.solve(dt.Game(A, A.T))
    assert [(e.row.tolist(), e.col.tolist()) for e in eqs] == [([0.0, 1.0], [0.0, 1.0])]


def test_payoffs_near_the_float_limit_solve_without_overflow():
    # matching pennies scaled to 1e308: max - min would overflow a naive normalisation
    A = np.array([[1e308, -1e308 / 2], [-1e308 / 2, 1e308]])
    eqs = dt.solve(dt.Game(A, -A))
    assert len(eqs) == 1
    np.testing.assert_allclose(eqs[0].row, [0.5, 0.5])
    with pytest.raises(InvalidGameError, match="spread exceeds the largest float"):
        dt.Game([[1e308, -1e308]], [[0, 0]])
    with pytest.raises(InvalidGameError, match="game 1 spans"):
        dt.solve_many([[[0.0, 1.0]], [[1e308, -1e308]]], np.zeros((2, 1, 2)))


def test_near_tie_in_a_large_game_warns_naming_the_cells():
    rng = np.random.default_rng(3)
    A = rng.integers(0, 5, (8, 8)).astype(float)
    B = rng.integers(0, 5, (8, 8)).astype(float)
    A[3, 4] = A[2, 4] + 1e-13  # a tie only within tolerance; 8x8 is too large for exact
    with pytest.warns(
        NearTieWarning,
        match=r"A \(row player's payoffs\) cells \(\d, 4\) = 2 and \(3, 4\) = 2\.00000000000009",
    ):
        eqs = dt.solve(dt.Game(A, B))
    assert len(eqs) >= 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", NearTieWarning)
        A[3, 4] = A[2, 4] + 1e-3  # a clear difference: no warning
        dt.solve(dt.Game(A, B))


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 0.0, -1e-9, 2.0, "1e-9", True, None])
@pytest.mark.parametrize("field", ["tol", "label_tol"])
def test_tolerances_are_validated(bad, field):
    g = dt.games.chicken()
    with pytest.raises(ParameterError, match=field):
        dt.solve(g, **{field: bad})
    with pytest.raises(ParameterError, match=field):
        dt.solve_many(g.A, g.B, **{field: bad})


def test_chunk_is_validated():
    g = dt.games.chicken()
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ParameterError, match="chunk"):
            dt.solve_many(g.A, g.B, chunk=bad)


def test_solve_many_2x2_closed_form_handles_near_ties_and_huge_payoffs():
    # a stack mixing an ordinary game, the 1e-12 near tie and payoffs near the float limit
    near = np.array([[1.0, 0.0], [1 + 1e-12, 1e-12]])
    huge = np.array([[1e308, -1e308 / 2], [-1e308 / 2, 1e308]])
    chicken = dt.games.chicken()
    A = np.stack([chicken.A, near, near * 1e300 / 2])
    B = np.stack([chicken.B, near.T, near.T * 1e300 / 2])
    batch = dt.solve_many(A, B)
    assert batch.method == "closed form (2x2, batched; 2 games with near ties in exact arithmetic)"
    assert batch.count.tolist() == [3, 1, 1]
    for i in range(3):
        single = dt.solve(dt.Game(A[i], B[i]))
        assert [key(e.row, e.col) for e in batch[i]] == [key(e.row, e.col) for e in single]
    batch = dt.solve_many(huge[None], -huge[None])  # beyond 1e300: the general engine scales
    assert "vertex enumeration" in batch.method
    np.testing.assert_allclose(batch.x, [[0.5, 0.5]])
