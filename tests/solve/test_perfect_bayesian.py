"""Pure perfect Bayesian equilibria: costly signals of resolve (Banks 1991; Fearon 1997) with
beliefs derived in the comments, off-path belief rules, a three-type belief polytope, a
brute-force reference on random signaling games, and the incomplete-information Asymmetric
Escalation Game (Zagare & Kilgour 2000, ch. 6)."""

import pytest
from hypothesis import given, settings
from tree_cases import (
    brute_force_pbe,
    imperfect_information_trees,
    is_nash,
    signaling_tree,
    to_gambit,
)

import deterrence as dt
from deterrence.errors import GameTooLargeError, ParameterError, ProbabilityError
from deterrence.tree import GameTree

# -- costly signals of resolve ----------------------------------------------------------------------
# Receiver accommodates iff mu >= mu* = G/(G + W_R) = 1/(1 + 3) = 0.25 (pressing pays
# mu(-W_R) + (1 - mu)G = 1 - 4mu, accommodating 0).


def pbe_by_strategies(eqs):
    return {tuple(sorted(q.strategies.items())): q for q in eqs}


def test_signaling_separating_pbe():
    # pi = 0.2, b = 1, (k_R, k_U) = (0.4, 1.5): k_R <= b <= k_U, so only R signals:
    # after a signal mu = 1 >= 0.25 -> accommodate; after quiet mu = 0 -> press.
    # R: signal 1 - 0.4 = 0.6 > 0 (quiet, pressed); U: quiet 0 > 1 - 1.5 = -0.5.
    eqs = dt.pbe(signaling_tree(0.2))
    sep = [q for q in eqs if q.kind == "separating"]
    assert len(sep) == 1
    q = sep[0]
    assert dict(q.strategies) == {
        "R": "signal",
        "U": "quiet",
        "after signal": "accommodate",
        "after quiet": "press",
    }
    assert dict(q.beliefs["after signal"]) == {"R signal": 1.0, "U signal": 0.0}
    assert dict(q.beliefs["after quiet"]) == {"R quiet": 0.0, "U quiet": 1.0}
    assert q.off_path == ()
    # Sender: 0.2 * 0.6 + 0.8 * 0 = 0.12; Receiver: 0.2 * 0 + 0.8 * G = 0.8
    assert q.payoffs == pytest.approx((0.12, 0.8))
    # the other pure PBE pools on quiet and is pressed (prior 0.2 < mu*); it needs the
    # off-path belief after a signal to be at most mu* = 0.25, else R would signal
    assert len(eqs) == 2
    pool = [q for q in eqs if q.kind == "pooling"][0]
    assert pool.strategies["after quiet"] == "press" and pool.off_path == ("after signal",)
    assert dict(pool.belief_ranges["after signal"]) == {
        "R signal": pytest.approx((0.0, 0.25)),
        "U signal": pytest.approx((0.75, 1.0)),
    }
    assert dict(pool.beliefs["after quiet"]) == pytest.approx({"R quiet": 0.2, "U quiet": 0.8})
    assert not any(
        q.kind == "pooling" and q.strategies["after quiet"] == "accommodate" for q in eqs
    )


@pytest.mark.parametrize("pi", [0.25, 0.3, 0.6])
def test_pooling_pbe_when_prior_exceeds_threshold(pi):
    # pi >= mu*: pooling on quiet, the receiver's posterior is the prior pi >= 0.25, so it
    # accommodates (tie at pi = mu* resolved to accommodate, which is optimal too); every
    # type gets b = 1, and signalling gives at most b - k < b, so no type deviates whatever the
    # receiver does after the (off-path) signal: both responses are part of a PBE.
    eqs = dt.pbe(signaling_tree(pi))
    pools = [
        q
        for q in eqs
        if q.kind == "pooling"
        and q.strategies["R"] == "quiet"
        and q.strategies["after quiet"] == "accommodate"
    ]
    assert {q.strategies["after signal"] for q in pools} == {"accommodate", "press"}
    for q in pools:
        assert q.payoffs == pytest.approx((1.0, 0.0))
        assert dict(q.beliefs["after quiet"]) == pytest.approx({"R quiet": pi, "U quiet": 1 - pi})
        lo, hi = q.belief_ranges["after signal"]["R signal"]
        # accommodate is optimal for mu in [0.25, 1], press for mu in [0, 0.25]
        assert (lo, hi) == pytest.approx(
            (0.25, 1.0) if q.strategies["after signal"] == "accommodate" else (0.0, 0.25)
        )


def test_off_path_belief_rules():
    t = signaling_tree(0.2)
    # a fixed off-path belief 0.5 > mu*: the receiver accommodates a signal, so R would signal
    # and the quiet-pooling PBE disappears; 0.1 < mu* keeps it
    assert [q.kind for q in dt.pbe(t, off_path_belief=0.5)] == ["separating"]
    assert sorted(q.kind for q in dt.pbe(t, off_path_belief=0.1)) == ["pooling", "separating"]
    # "prior": the belief after an unexpected signal is pi = 0.2 < mu*
    pool = [q for q in dt.pbe(t, off_path_belief="prior") if q.kind == "pooling"][0]
    assert dict(pool.beliefs["after signal"]) == pytest.approx({"R signal": 0.2, "U signal": 0.8})
    assert pool.belief_ranges == {}
    fixed = dt.pbe(t, off_path_belief={"after signal": {"R signal": 0.9, "U signal": 0.1}})
    assert [q.kind for q in fixed] == ["separating"]
    with pytest.raises(ParameterError, match="Did you mean 'all'"):
        dt.pbe(t, off_path_belief="al")
    with pytest.raises(ProbabilityError, match="must be a probability in \\[0, 1\\]; got 1.5"):
        dt.pbe(t, off_path_belief=1.5)
    with pytest.raises(ParameterError, match="not an information set.*Did you mean 'after signal'"):
        dt.pbe(t, off_path_belief={"after signl": {"R signal": 1.0}})
    with pytest.raises(ParameterError, match="not in that information set"):
        dt.pbe(t, off_path_belief={"after signal": {"R quiet": 1.0}})
    with pytest.raises(ProbabilityError, match="sums to 0.5"):
        dt.pbe(t, off_path_belief={"after signal": {"R signal": 0.5}})
    with pytest.raises(GameTooLargeError, match="16 pure profiles"):
        dt.pbe(t, max_profiles=10)


def test_signaling_semi_separating_is_mixed_and_checked_by_hand():
    # k_U = 0.6 < b: no pure separating PBE (U would mimic: 1 - 0.6 > 0). The semi-separating
    # one: U signals w.p. sigma = pi(1 - mu*)/((1 - pi)mu*) = 0.2*0.75/(0.8*0.25) = 0.75,
    # the receiver accommodates a signal w.p. rho = k_U/b = 0.6.
    t = signaling_tree(0.2, k_u=0.6)
    assert not any(q.kind == "separating" for q in dt.pbe(t))
    prof = {
        "R": "signal",
        "U": {"signal": 0.75, "quiet": 0.25},
        "after signal": {"accommodate": 0.6, "press": 0.4},
        "after quiet": "press",
    }
    # posterior after a signal: 0.2 / (0.2 + 0.8 * 0.75) = 0.25 = mu*, exactly
    assert t.beliefs(prof)["after signal"]["R signal"] == pytest.approx(0.25)
    # U indifferent: signal 0.6 * 1 - 0.6 = 0 = quiet (pressed)
    u_sig = t.expected_payoffs({**prof, "U": "signal"})[0]
    u_quiet = t.expected_payoffs({**prof, "U": "quiet"})[0]
    assert u_sig == pytest.approx(u_quiet)
    # receiver indifferent after a signal: same expected payoff whether it accommodates or presses
    assert t.expected_payoffs({**prof, "after signal": "accommodate"})[1] == pytest.approx(
        t.expected_payoffs({**prof, "after signal": "press"})[1]
    )
    # R's net gain rho*b - k_R = 0.6 - 0.4 = 0.2 > 0: Sender payoff 0.2*0.2 + 0.8*0 = 0.04
    assert t.expected_payoffs(prof)[0] == pytest.approx(0.04)


def test_pure_pbe_are_nash_equilibria_of_the_normal_form():
    for pi in (0.2, 0.3):
        t = signaling_tree(pi)
        g = dt.reduced_normal_form(t)
        eqs = dt.pbe(t)
        assert len(eqs) >= 2
        for q in eqs:
            assert is_nash(g, *t.strategy_labels(q.strategies))


def test_three_type_off_path_beliefs_use_the_belief_polytope():
    # Three types pool on "quiet"; after an (off-path) "signal" the receiver presses iff
    # mu3 - 3(mu1 + mu2) >= 0, i.e. mu3 >= 0.75; so pooling with press after a signal has
    # mu3 in [0.75, 1] and mu1, mu2 each in [0, 0.25].
    b = GameTree.builder(("Sender", "Receiver"))
    b.chance(
        "type", {f"t{k}": (p, f"T{k}") for k, p in zip((1, 2, 3), (0.2, 0.3, 0.5), strict=True)}
    )
    for k, press in ((1, -3), (2, -3), (3, 1)):
        b.decision(f"T{k}", "Sender", {"signal": f"T{k} s", "quiet": f"T{k} q"})
        for m in ("s", "q"):
            b.decision(
                f"T{k} {m}", "Receiver", {"acc": f"T{k} {m} a", "press": f"T{k} {m} p"}, infoset=m
            )
            b.terminal(f"T{k} {m} a", (1 if m == "q" else 0.5, 0))
            b.terminal(f"T{k} {m} p", (0 if m == "q" else -0.5, press))
    t = b.build()
    eqs = dt.pbe(t)
    [q] = [
        q
        for q in eqs
        if q.kind == "pooling"
        and q.strategies["T1"] == "quiet"
        and q.strategies["s"] == "press"
        and q.strategies["q"] == "acc"
    ]
    r = q.belief_ranges["s"]
    assert r["T3 s"] == pytest.approx((0.75, 1.0), abs=1e-7)
    assert r["T1 s"] == pytest.approx((0.0, 0.25), abs=1e-7)
    assert r["T2 s"] == pytest.approx((0.0, 0.25), abs=1e-7)
    assert q.kind == "pooling"
    with pytest.raises(ParameterError, match="has 3"):
        dt.pbe(t, off_path_belief=0.5)


# -- the search against enumeration ---------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(imperfect_information_trees())
def test_search_finds_exactly_the_pbe_that_enumeration_finds(tree):
    # brute force: every pure profile, Bayes beliefs from tree.beliefs, and scipy's linprog for
    # a supporting off-path belief; the search prunes and solves belief polytopes by vertices
    eps = 1e-9 * tree.payoff_scale
    expected = brute_force_pbe(tree, eps)
    got = dt.pbe(tree)
    assert [dict(q.strategies) for q in got] == expected
    assert got.steps <= 2 * got.profiles_checked


# -- the Asymmetric Escalation Game with two-sided incomplete information ----------------------------
C_ESC = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
D_ESC = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}


def test_full_escalation_tree_in_well_under_a_second():
    # 2 Challenger types x 4 Defender types, uniform: 2^6 x 6^4 = 82,944 pure profiles. The old
    # exhaustive enumeration (16-30 s) found 82 pure PBE under "any off-path belief" and 6 under
    # the prior; the search reproduces both sets, beliefs and belief ranges included (compared
    # one for one when this search replaced it; the counts are pinned here).
    import time

    from deterrence.models.escalation import asymmetric_escalation_game_incomplete

    tree = asymmetric_escalation_game_incomplete(
        C_ESC, D_ESC, p_challenger_hard=0.5, p_hh=0.25, p_hs=0.25, p_sh=0.25, p_ss=0.25
    )
    start = time.process_time()
    eqs = dt.pbe(tree)
    elapsed = time.process_time() - start
    assert len(eqs) == 82 and eqs.profiles_checked == 82_944
    assert elapsed < 1.0, f"PBE of the full escalation tree took {elapsed:.2f} s"
    assert eqs.steps < 5_000  # partial profiles evaluated, against 82,944 complete ones
    assert len(dt.pbe(tree, off_path_belief="prior")) == 6
    for q in eqs:
        # every equilibrium is one by direct check: on-path beliefs are Bayes' rule ...
        mu = tree.beliefs(q.strategies)
        for h, b in q.beliefs.items():
            assert dict(b) == pytest.approx(mu[h])
        # ... and payoffs are the profile's expected payoffs
        assert q.payoffs == pytest.approx(tree.expected_payoffs(q.strategies))
    with pytest.raises(GameTooLargeError, match="82944 pure profiles"):
        dt.pbe(tree, max_profiles=100)


def test_escalation_pbe_are_pure_nash_equilibria_by_pygambit():
    # an independent oracle: pygambit's strategic form of the same tree (which must equal our
    # reduced normal form, 25 x 256) and its pure Nash equilibria (256 of them); every pure
    # PBE is a Nash equilibrium, so all 82 must be among them
    gbt = pytest.importorskip("pygambit")
    import numpy as np

    from deterrence.models.escalation import asymmetric_escalation_game_incomplete

    tree = asymmetric_escalation_game_incomplete(
        C_ESC, D_ESC, p_challenger_hard=0.5, p_hh=0.25, p_hs=0.25, p_sh=0.25, p_ss=0.25
    )
    game = dt.reduced_normal_form(tree, max_strategies=1000)
    arrays = to_gambit(tree).to_arrays()
    np.testing.assert_array_equal(game.A, np.array(arrays[0], dtype=float))
    np.testing.assert_array_equal(game.B, np.array(arrays[1], dtype=float))
    g = gbt.Game.from_arrays(*arrays)
    rows, cols = (list(p.strategies) for p in g.players)
    pure = {
        (
            max(range(len(rows)), key=lambda i: eq[rows[i]]),
            max(range(len(cols)), key=lambda j: eq[cols[j]]),
        )
        for eq in gbt.nash.enumpure_solve(g).equilibria
    }
    assert len(pure) == 256
    for q in dt.pbe(tree):
        row, col = tree.strategy_labels(q.strategies)
        assert (game.strategies[0].index(row), game.strategies[1].index(col)) in pure
