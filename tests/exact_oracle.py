"""Exact oracles for the solver tests: an exact best-response check in rational arithmetic and
pygambit's exact rational enumeration of the very game we solve (floats read exactly)."""

from fractions import Fraction

import numpy as np


def exact_equilibrium(A, B, x, y):
    """Exact best-response check: x, y probability vectors of Fractions; A, B Fractions."""
    m, n = len(x), len(y)
    if min(x) < 0 or min(y) < 0 or sum(x) != 1 or sum(y) != 1:
        return False
    Ay = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    xB = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
    best_a, best_b = max(Ay), max(xB)
    return all(Ay[i] == best_a for i in range(m) if x[i]) and all(
        xB[j] == best_b for j in range(n) if y[j]
    )


def gambit_exact(A, B):
    """pygambit's exact rational enumeration of the very game we solve (floats read exactly)."""
    import pygambit as gbt

    F = np.vectorize(Fraction, otypes=[object])
    g = gbt.Game.from_arrays(F(A), F(B))
    out = []
    for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria:
        out.append(tuple([Fraction(eq[s]) for s in p.strategies] for p in g.players))
    return out


def key(x, y):
    return (tuple(np.round(np.asarray(x, float), 7)), tuple(np.round(np.asarray(y, float), 7)))


def assert_same_as_gambit(A, B, eqs):
    F = np.vectorize(Fraction, otypes=[object])
    Af, Bf = F(A).tolist(), F(B).tolist()
    exact = {key(x, y): (x, y) for x, y in gambit_exact(A, B)}
    ours = [key(e.row, e.col) for e in eqs]
    assert len(ours) == len(set(ours)), "duplicate extreme equilibria"
    assert set(ours) == set(exact)
    for k in ours:  # each of ours is (to 1e-7) an exact equilibrium of the game
        assert exact_equilibrium(Af, Bf, *exact[k])
