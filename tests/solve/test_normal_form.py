"""The reduced normal form of a tree (Fudenberg & Tirole 1991, §3.5) and pygambit's strategic
form and equilibria of the same trees as an independent oracle."""

import numpy as np
import pytest
from tree_cases import (
    DETERRENCE_CASES,
    ORACLE_TREES,
    PLAYERS,
    deterrence_tree,
    is_nash,
    to_gambit,
    typed_defender_tree,
)

import deterrence as dt
from deterrence.errors import GameTooLargeError, InvalidGameError
from deterrence.tree import NO_MOVE, GameTree


# -- reduced normal form --------------------------------------------------------------------------
def test_reduced_normal_form_of_the_deterrence_tree_is_the_classic_matrix():
    g = dt.reduced_normal_form(deterrence_tree())
    ref = dt.games.deterrence_game()  # A=[[0,0],[1,-1]], B=[[1,1],[-1,-0.5]]
    np.testing.assert_array_equal(g.A, ref.A)
    np.testing.assert_array_equal(g.B, ref.B)
    assert g.strategies == ref.strategies and g.players == PLAYERS
    assert g.name == "Generic deterrence game"


@pytest.mark.parametrize(
    "ch, de", [(v[1], v[2]) for v in DETERRENCE_CASES], ids=[v[0] for v in DETERRENCE_CASES]
)
def test_spe_outcome_is_among_solve_equilibria(ch, de):
    tree = deterrence_tree(ch, de)
    spe = dt.spe(tree)
    game = dt.reduced_normal_form(tree)
    row, col = spe.strategies
    assert is_nash(game, row, col)
    eqs = dt.solve(game)
    i, j = game.strategies[0].index(row), game.strategies[1].index(col)
    # a pure equilibrium is an extreme point of the equilibrium set, so solve lists it
    assert any(e.row[i] == pytest.approx(1) and e.col[j] == pytest.approx(1) for e in eqs)
    assert any(e.payoffs == pytest.approx(spe.payoffs) for e in eqs)


def test_reduced_normal_form_merges_plans_after_own_exit():
    t = (
        GameTree.builder(PLAYERS)
        .decision("start", "Challenger", {"SQ": "sq", "initiate": "initiated"})
        .decision("initiated", "Defender", {"concede": "dc", "resist": "resisted"})
        .decision("resisted", "Challenger", {"back down": "bd", "fight": "war"})
        .terminal("sq", (0, 1))
        .terminal("dc", (1, -1))
        .terminal("bd", (-1, 0.5))
        .terminal("war", (-2, -2))
        .build()
    )
    g = dt.reduced_normal_form(t)
    # 2 x 2 = 4 plans, but after SQ the second move is moot: 3 reduced strategies
    assert g.strategies == (("SQ|*", "initiate|back down", "initiate|fight"), ("concede", "resist"))
    np.testing.assert_array_equal(g.A, [[0, 0], [1, -1], [1, -2]])
    np.testing.assert_array_equal(g.B, [[1, 1], [-1, 0.5], [-1, -2]])
    spe = dt.spe(t)
    # Challenger would back down (-1 > -2), so the Defender resists (0.5 > -1) and the
    # Challenger keeps the status quo (0 > -1)
    assert spe.strategies == ("SQ|*", "resist") and is_nash(g, *spe.strategies)


def test_reduced_normal_form_with_chance_and_player_without_moves():
    g = dt.reduced_normal_form(typed_defender_tree(0.3))
    assert g.strategies[1] == ("concede|concede", "concede|deny", "deny|concede", "deny|deny")
    # demand vs (Hard denies, Soft concedes): 0.3(-1) + 0.7(1) = 0.4; Defender -0.85
    assert g.payoff("demand", "deny|concede") == pytest.approx((0.4, -0.85))
    assert is_nash(g, "demand", "deny|concede")
    lone = (
        GameTree.builder(("A", "B"))
        .decision("r", "A", {"x": "X", "y": "Y"})
        .terminal("X", (1, 0))
        .terminal("Y", (0, 0))
        .build()
    )
    assert dt.reduced_normal_form(lone).strategies == (("x", "y"), (NO_MOVE,))


def test_reduced_normal_form_guards():
    t = typed_defender_tree()
    with pytest.raises(GameTooLargeError, match="Defender has more than 3 reduced strategies"):
        dt.reduced_normal_form(t, max_strategies=3)
    three = (
        GameTree.builder(("A", "B", "C"))
        .decision("r", "A", {"x": "X"})
        .terminal("X", (1, 0, 0))
        .build()
    )
    with pytest.raises(InvalidGameError, match="needs exactly two players; this tree has 3"):
        dt.reduced_normal_form(three)
    assert dt.spe(three).payoffs == (1.0, 0.0, 0.0)  # backward induction works for n players


@pytest.mark.parametrize("key", list(ORACLE_TREES))
def test_pygambit_reduced_normal_form_and_equilibria(key):
    gbt = pytest.importorskip("pygambit")
    tree = ORACLE_TREES[key]()
    g = to_gambit(tree)
    game = dt.reduced_normal_form(tree)
    # gambit's strategic form of a tree is the reduced normal form, in the same order
    A, B = (np.array(M, dtype=float) for M in g.to_arrays())
    np.testing.assert_allclose(game.A, A, atol=1e-9)
    np.testing.assert_allclose(game.B, B, atol=1e-9)
    eqs = gbt.nash.enummixed_solve(g, rational=True).equilibria
    profiles = {tuple(tuple(float(eq[s]) for s in p.strategies) for p in g.players) for eq in eqs}

    def pure(labels):
        return tuple(
            tuple(float(s == lab) for s in strats)
            for lab, strats in zip(labels, game.strategies, strict=True)
        )

    if tree.is_perfect_information:
        for plan in dt.spe(tree).plans:
            assert pure(tree.strategy_labels(plan)) in profiles
    else:
        for q in dt.pbe(tree):
            assert pure(tree.strategy_labels(q.strategies)) in profiles
