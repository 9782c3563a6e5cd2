"""Cross-check against an independent solver: pygambit's enummixed (exact rational arithmetic).

Issue 3: >= 300 random integer-payoff (0..3) degenerate games of sizes 3x3, 4x4, 5x3 and >= 50
random float 6x6 games: the sets of extreme equilibria must agree exactly, with no duplicates
on our side (pygambit's own list may repeat a profile, so it is compared as a set).
"""

from fractions import Fraction

import numpy as np
import pytest

import deterrence as dt

gbt = pytest.importorskip("pygambit")


def gambit_set(A, B, rational):
    if rational:
        g = gbt.Game.from_arrays(A.astype(int).astype(object), B.astype(int).astype(object))
    else:
        # exact rationals of the floats: gambit then solves the very same game exactly
        g = gbt.Game.from_arrays(
            np.vectorize(Fraction, otypes=[object])(A), np.vectorize(Fraction, otypes=[object])(B)
        )
    res = gbt.nash.enummixed_solve(g, rational=True)
    out = set()
    for eq in res.equilibria:
        x, y = ([float(eq[s]) for s in p.strategies] for p in g.players)
        out.add((tuple(np.round(x, 7)), tuple(np.round(y, 7))))
    return out


def ours(A, B):
    eqs = dt.solve(dt.Game(A, B))
    prof = [(tuple(np.round(e.row, 7)), tuple(np.round(e.col, 7))) for e in eqs]
    assert len(prof) == len(set(prof)), "duplicate extreme equilibria"
    return set(prof)


@pytest.mark.parametrize("shape, count", [((3, 3), 120), ((4, 4), 100), ((5, 3), 100)])
def test_degenerate_integer_games_match_gambit(shape, count):
    rng = np.random.default_rng(20240731 + shape[0] * 10 + shape[1])
    mismatches = 0
    degenerate = 0
    for _ in range(count):
        A = rng.integers(0, 4, shape).astype(float)
        B = rng.integers(0, 4, shape).astype(float)
        mine = ours(A, B)
        degenerate += dt.solve(dt.Game(A, B)).degenerate
        if mine != gambit_set(A, B, rational=True):
            mismatches += 1
    assert mismatches == 0
    assert degenerate > count // 3  # the sample really exercises degenerate games


def test_float_6x6_games_match_gambit():
    rng = np.random.default_rng(6)
    for _ in range(50):
        A = np.round(rng.normal(size=(6, 6)), 3)
        B = np.round(rng.normal(size=(6, 6)), 3)
        assert ours(A, B) == gambit_set(A, B, rational=False)


def test_qhull_engine_matches_gambit_on_degenerate_7x7():
    rng = np.random.default_rng(77)
    for _ in range(15):
        A = rng.integers(0, 3, (7, 7)).astype(float)
        B = rng.integers(0, 3, (7, 7)).astype(float)
        eqs = dt.solve(dt.Game(A, B), method="qhull")
        assert {(tuple(np.round(e.row, 7)), tuple(np.round(e.col, 7))) for e in eqs} == gambit_set(
            A, B, rational=True
        )
