"""Every two-player game of pygambit's bundled catalog (``pygambit.catalog``): the same extreme
equilibria as pygambit's exact rational enumeration (``enummixed_solve(rational=True)``), each of
ours matching an exact equilibrium that passes an exact best-response check.

The catalog's payoffs are rationals (chance moves give thirds, fifths...). We solve the floats
nearest to them, so pygambit is given the same floats read exactly: both solve the very same game.
"""

from fractions import Fraction

import numpy as np
import pytest

import deterrence as dt

gbt = pytest.importorskip("pygambit")
from exact_oracle import assert_same_as_gambit  # noqa: E402


def two_player_games():
    out = []
    for name in gbt.catalog.games().Game:
        g = gbt.catalog.load(name)
        if len(g.players) != 2:
            continue
        A, B = g.to_arrays(dtype=Fraction)
        out.append(pytest.param(np.array(A, dtype=float), np.array(B, dtype=float), id=name))
    return out


GAMES = two_player_games()


def test_catalog_has_many_two_player_games():
    assert len(GAMES) >= 25


@pytest.mark.parametrize("A, B", GAMES)
def test_catalog_game_matches_exact_enumeration(A, B):
    assert_same_as_gambit(A, B, dt.solve(dt.Game(A, B)))
