"""Exact arithmetic: `solve(game, exact=True)` gives Fractions, verified exactly."""

from fractions import Fraction as F

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import GameTooLargeError, ParameterError
from deterrence.solve.rational import is_equilibrium_exact, to_fractions, vertex_from_labels

gbt = pytest.importorskip("pygambit")


def test_classroom_answers_read_as_fractions():
    # Stag hunt (R, T, P, S) = (4, 3, 2, 0): Pr(stag) = (P - S)/((R - T) + (P - S)) = 2/3
    eqs = dt.solve(dt.games.stag_hunt(), exact=True)
    mixed = [e for e in eqs if not e.is_pure][0]
    assert list(mixed.row) == [F(2, 3), F(1, 3)] and mixed.exact
    assert mixed.payoffs == (F(8, 3), F(8, 3))  # 2/3*4 + 1/3*0 = 8/3
    assert "2/3 stag + 1/3 hare" in repr(eqs) and "(8/3, 8/3)" in repr(eqs)
    assert "2/3 stag" in eqs._repr_html_()
    # Chicken (0, -1, 1, -10): straight with (T-R)/((T-R)+(S-P)) = 1/10, payoff -1/10
    mixed = [e for e in dt.solve(dt.games.chicken(), exact=True) if not e.is_pure][0]
    assert list(mixed.col) == [F(9, 10), F(1, 10)] and mixed.payoffs == (F(-1, 10), F(-1, 10))
    df = dt.solve(dt.games.chicken(), exact=True).to_frame()
    assert df.loc[1, "Row: straight"] == F(1, 10)


def test_degenerate_game_exact_component():
    # the generic deterrence game: deny with probability >= 1/2 keeps the status quo
    eqs = dt.solve(dt.games.deterrence_game(), exact=True)
    assert [list(e.col) for e in eqs] == [[F(1, 2), F(1, 2)], [F(0), F(1)]]
    assert eqs.degenerate and len(eqs.components) == 1


def test_rational_payoffs_typed_as_floats_are_read_exactly():
    # 1/3 as a float is read as exactly 1/3: A = [[1/3, 0], [0, 2/3]] gives x = (2/3, 1/3)
    g = dt.Game([[1 / 3, 0], [0, 2 / 3]], [[2 / 3, 0], [0, 1 / 3]])
    mixed = [e for e in dt.solve(g, exact=True) if not e.is_pure][0]
    # column indifference: x1 * 2/3 = x2 * 1/3 -> x = (1/3, 2/3); row: y1/3 = 2/3 y2 -> (2/3, 1/3)
    assert list(mixed.row) == [F(1, 3), F(2, 3)] and list(mixed.col) == [F(2, 3), F(1, 3)]


def test_irrational_looking_payoffs_are_refused_with_the_fix():
    with pytest.raises(ParameterError, match=r"A\[0, 0\] = 0.123456789 .* exact=False"):
        dt.solve(dt.Game([[0.123456789, 0], [0, 1]], [[1, 0], [0, 1]]), exact=True)
    rng = np.random.default_rng(0)
    with pytest.raises(GameTooLargeError, match="exact=True"):
        dt.solve(rng.integers(0, 3, (15, 15)), rng.integers(0, 3, (15, 15)), exact=True)


def test_exact_helpers():
    B = to_fractions([[0, 1], [-1, -10]])
    assert vertex_from_labels(B, unused=[], best=[0, 1]) == [F(9, 10), F(1, 10)]
    assert vertex_from_labels(B, unused=[0], best=[1]) == [F(0), F(1)]
    assert vertex_from_labels(B, unused=[], best=[0]) is None  # a segment, not a vertex
    A = to_fractions([[0, -1], [1, -10]])
    assert is_equilibrium_exact(A, B, [F(9, 10), F(1, 10)], [F(9, 10), F(1, 10)])
    assert not is_equilibrium_exact(A, B, [F(9, 10), F(1, 10)], [F(1, 2), F(1, 2)])


def test_exact_equilibria_equal_gambits_rational_enumeration():
    # pygambit's enummixed in rational arithmetic is the independent oracle: the same set of
    # extreme equilibria, Fraction for Fraction, on degenerate integer games
    rng = np.random.default_rng(2024)
    for _ in range(40):
        A = rng.integers(-2, 3, (3, 3))
        B = rng.integers(-2, 3, (3, 3))
        ours = {(tuple(e.row), tuple(e.col)) for e in dt.solve(A, B, exact=True)}
        g = gbt.Game.from_arrays(A.astype(object), B.astype(object))
        theirs = set()
        for eq in gbt.nash.enummixed_solve(g, rational=True).equilibria:
            x, y = (tuple(F(eq[s]) for s in p.strategies) for p in g.players)
            theirs.add((x, y))
        assert ours == theirs
