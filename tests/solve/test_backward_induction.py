"""Backward induction on game trees: the Generic Deterrence Game (Zagare & Kilgour 2000,
ch. 3), ties with every SPE plan, chance moves, a brute-force one-shot-deviation reference on
random trees, and deep trees (linear time, no recursion limit)."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tree_cases import (
    DETERRENCE_CASES,
    brute_force_spe,
    deterrence_tree,
    is_nash,
    perfect_information_trees,
    signaling_tree,
    typed_defender_tree,
)

import deterrence as dt
from deterrence.errors import GameTooLargeError, InvalidGameError, ParameterError
from deterrence.tree import GameTree


# -- backward induction ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "ch, de, outcome, plan, payoffs",
    [v[1:] for v in DETERRENCE_CASES],
    ids=[v[0] for v in DETERRENCE_CASES],
)
def test_generic_deterrence_game(ch, de, outcome, plan, payoffs):
    spe = dt.spe(deterrence_tree(ch, de))
    assert spe.outcome == outcome
    assert dict(spe.plan) == plan
    assert spe.payoffs == pytest.approx(payoffs)
    assert spe.unique and spe.ties == ()
    assert spe.path[-1] == outcome[0] and spe.path[0] == "start"
    assert len(spe.edges) == len(spe.path) - 1


@settings(max_examples=60, deadline=None)
@given(st.permutations([-2.0, -1.0, 0.5, 1.5]), st.permutations([-2.0, -1.0, 0.5, 1.5]))
def test_credibility_and_capability_rule(ch_vals, de_vals):
    # Challenger prefers DC to SQ; SPE outcome: SQ iff credible and capable, DC if not
    # credible, DD if credible but not capable (Zagare & Kilgour 2000, ch. 3)
    ch = (ch_vals[0], max(ch_vals[:2]) + 1, ch_vals[2])
    de = (max(de_vals) + 1, de_vals[0], de_vals[1])
    credible, capable = de[2] > de[1], ch[0] > ch[2]
    expected = "SQ" if credible and capable else "DC" if not credible else "DD"
    assert dt.spe(deterrence_tree(ch, de)).outcome == (expected,)


def test_tie_is_reported_with_every_spe_plan():
    # Defender indifferent: u_Def(DC) = u_Def(DD) = -1. If it concedes the Challenger demands
    # (1 > 0): DC; if it denies the Challenger cooperates (0 > -1): SQ. Two SPE, different outcomes.
    t = deterrence_tree(de=(1, -1, -1))
    spe = dt.spe(t)
    assert [(x.node, x.actions, x.chosen, x.value) for x in spe.ties] == [
        ("challenged", ("concede", "deny"), "concede", -1.0)
    ]
    assert [dict(p) for p in spe.plans] == [
        {"start": "demand", "challenged": "concede"},
        {"start": "cooperate", "challenged": "deny"},
    ]
    assert not spe.unique
    assert {t.expected_payoffs(p) for p in spe.plans} == {(1.0, -1.0), (0.0, 1.0)}
    assert "tie at challenged (Defender): concede = deny all give -1" in repr(spe)
    # a tie within tol counts; a real difference above it does not
    assert not dt.spe(deterrence_tree(de=(1, -1, -1 + 1e-12))).unique
    assert dt.spe(deterrence_tree(de=(1, -1, -1 + 1e-6))).unique


def test_off_path_tie_is_reported_too():
    # the Challenger prefers SQ (2) to anything; the Defender's tie is off the path
    spe = dt.spe(deterrence_tree(ch=(2, 1, -1), de=(1, -1, -1)))
    assert spe.outcome == ("SQ",) and len(spe.plans) == 2
    assert spe.ties[0].node == "challenged" and "challenged" not in spe.path


def test_too_many_tied_plans_raise():
    # Nature picks one of 12 branches; at each a player is indifferent between two moves:
    # 2**12 = 4096 subgame-perfect plans
    b = GameTree.builder(("A",)).chance("c", {f"o{k}": (1 / 12, f"d{k}") for k in range(12)})
    for k in range(12):
        b.decision(f"d{k}", "A", {"x": f"x{k}", "y": f"y{k}"})
        b.terminal(f"x{k}", (1,)).terminal(f"y{k}", (1,))
    t = b.build()
    with pytest.raises(GameTooLargeError, match="at least 4096 subgame-perfect plans"):
        dt.spe(t, max_plans=1000)
    spe = dt.spe(t, max_plans=5000)
    assert len(spe.plans) == 4096 and len(spe.ties) == 12 and spe.payoffs == pytest.approx((1.0,))


def test_chance_node_expected_payoffs_by_hand():
    t = typed_defender_tree(0.3)
    spe = dt.spe(t)
    # Hard Defender denies (-0.5 > -1), Soft concedes (-1 > -2). Demanding pays the Challenger
    # 0.3(-1) + 0.7(1) = 0.4 > 0 = SQ, so it demands; the Defender expects
    # 0.3(-0.5) + 0.7(-1) = -0.85.
    assert dict(spe.plan) == {"start": "demand", "hard D": "deny", "soft D": "concede"}
    assert spe.payoffs == pytest.approx((0.4, -0.85))
    assert spe.outcome == ("DD-h", "DC-s")
    reach = t.reach_probabilities(spe.plan)
    assert reach["DD-h"] == pytest.approx(0.3) and reach["DC-s"] == pytest.approx(0.7)
    assert reach["SQ"] == 0.0
    # at p_hard = 0.5 demanding pays 0.5(-1) + 0.5(1) = 0 = SQ: a tie, reported
    spe = dt.spe(typed_defender_tree(0.5))
    assert [x.node for x in spe.ties] == ["start"] and len(spe.plans) == 2
    # behaviour strategy: demand w.p. 0.5, Hard denies, Soft concedes w.p. 0.2:
    # Ch = 0.5*0 + 0.5*(0.3(-1) + 0.7(0.2*1 + 0.8*(-1))) = 0.5*(-0.3 - 0.42) = -0.36
    prof = {
        "start": {"cooperate": 0.5, "demand": 0.5},
        "hard D": "deny",
        "soft D": {"concede": 0.2, "deny": 0.8},
    }
    assert typed_defender_tree(0.3).expected_payoffs(prof)[0] == pytest.approx(-0.36)


def test_spe_needs_perfect_information():
    with pytest.raises(InvalidGameError, match="needs perfect information.*'after signal'"):
        dt.spe(signaling_tree(0.2))
    with pytest.raises(ParameterError, match="tol must be a finite number >= 0"):
        dt.spe(deterrence_tree(), tol=-1)


@settings(max_examples=60, deadline=None)
@given(perfect_information_trees())
def test_spe_plans_are_exactly_the_backward_induction_plans_and_nash(tree):
    spe = dt.spe(tree)
    plans = [dict(p) for p in spe.plans]
    brute = brute_force_spe(tree)
    assert sorted(map(sorted, map(dict.items, plans))) == sorted(
        map(sorted, map(dict.items, brute))
    )
    assert plans[0] == dict(spe.plan)
    assert spe.unique == (spe.ties == ())  # by induction from the leaves
    assert spe.payoffs == pytest.approx(tree.expected_payoffs(spe.plan))
    game = dt.reduced_normal_form(tree)
    for p in spe.plans:
        row, col = tree.strategy_labels(p)
        assert is_nash(game, row, col)


@settings(max_examples=30, deadline=None)
@given(perfect_information_trees(), st.floats(0.1, 10), st.floats(-5, 5), st.floats(0.1, 10))
def test_spe_is_invariant_to_positive_affine_payoff_changes(tree, a0, b0, a1):
    new = {
        n: (a0 * tree.nodes[n].payoffs[0] + b0, a1 * tree.nodes[n].payoffs[1])
        for n in tree.terminals
    }
    assert [dict(p) for p in dt.spe(tree.with_payoffs(new)).plans] == [
        dict(p) for p in dt.spe(tree).plans
    ]


def test_solution_displays():
    spe = dt.spe(deterrence_tree(de=(1, -1, -1)))
    h = spe._repr_html_()
    assert (
        "Subgame-perfect equilibrium" in h and "2 SPE plans (ties)" in h and "concede = deny" in h
    )
    assert "unique." in dt.spe(deterrence_tree())._repr_html_()
    eqs = dt.pbe(signaling_tree(0.2))
    h = eqs._repr_html_()
    assert (
        "2 pure perfect Bayesian equilibria" in h and "separating" in h and "&isin; [0, 0.25]" in h
    )
    assert "off path" in repr(eqs) and "separating" in repr(eqs[0])
    assert "Perfect Bayesian equilibrium</b> (separating)" in eqs[0]._repr_html_()


def test_a_5000_level_tree_solves_by_backward_induction_in_well_under_a_second():
    # centipede-like chain: at level k the mover stops (k + 1 to the mover, k - 1 to the other)
    # or goes on, where the next mover stops and leaves it k: so every mover stops, outcome s0
    b = GameTree.builder(("A", "B"))
    for k in range(5000):
        mover = "AB"[k % 2]
        b.decision(f"d{k}", mover, {"stop": f"s{k}", "go": f"d{k + 1}" if k < 4999 else "end"})
        b.terminal(f"s{k}", (k + 1, k - 1) if mover == "A" else (k - 1, k + 1))
    b.terminal("end", (0, 0))
    start = time.process_time()
    tree = b.build()
    s = dt.spe(tree)
    elapsed = time.process_time() - start
    assert s.outcome == ("s0",) and s.payoffs == (1.0, -1.0) and s.unique
    assert all(a == "stop" for a in s.plan.values()) and len(s.plan) == 5000
    # CPU time (the machine may be shared): about 0.2 s on a 2-core machine
    assert elapsed < 0.75, f"build + spe of 5,000 levels took {elapsed:.2f} s of CPU"


def test_long_chain_of_ties_enumerates_plans_without_copying_them():
    # 3,000 levels where the mover is indifferent only at the last: two SPE plans
    b = GameTree.builder(("A",))
    for k in range(3000):
        b.decision(f"d{k}", "A", {"go": f"d{k + 1}" if k < 2999 else "x", "stop": f"s{k}"})
        b.terminal(f"s{k}", (-1,))
    b.terminal("x", (0,))
    tree = b.build().with_payoffs({"s2999": (0,)})
    start = time.process_time()
    s = dt.spe(tree)
    assert time.process_time() - start < 1.0
    assert len(s.plans) == 2 and [t.node for t in s.ties] == ["d2999"]
    assert {p["d2999"] for p in s.plans} == {"go", "stop"}
