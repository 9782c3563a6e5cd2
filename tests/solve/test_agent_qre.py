"""Agent logit QRE of game trees: closed forms, the strategic form, information sets, the crisis.

Sources: McKelvey & Palfrey (1998), "Quantal response equilibria for extensive form games",
*Experimental Economics* 1:9–41; Signorino (1999), "Strategic interaction and the statistical
analysis of international conflict", *APSR* 93(2):279–297.
"""

import math

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.solve.agent_qre import modal_change


def logistic(v):
    return 1.0 / (1.0 + math.exp(-v))


def deterrence_tree(sq=0.0, cap=(1.0, -1.0), war=(-1.0, -0.5)):
    return (
        dt.GameTree.builder(("Challenger", "Defender"), name="two-stage deterrence")
        .decision("start", "Challenger", {"status quo": "SQ", "challenge": "D"})
        .decision("D", "Defender", {"concede": "DC", "fight": "DD"})
        .terminal("SQ", (sq, 1.0))
        .terminal("DC", cap)
        .terminal("DD", war)
        .build()
    )


@pytest.mark.parametrize("lam", [0.0, 0.7, 3.0, 25.0])
def test_two_stage_deterrence_closed_form(lam):
    # By hand (payoff units). The Defender's agent compares fight (-0.5) with concede (-1):
    #   p_f = e^{-0.5λ} / (e^{-0.5λ} + e^{-λ}) = 1/(1 + e^{-0.5λ}).
    # The Challenger's agent compares challenge, worth V = (1 - p_f)·1 + p_f·(-1) = 1 - 2 p_f,
    # with the status quo (0): p_c = 1/(1 + e^{-λ V}).
    # Outcomes: SQ 1 - p_c, DC p_c (1 - p_f), DD p_c p_f.
    q = dt.agent_qre(deterrence_tree(), lam, units="payoff")
    p_f = logistic(0.5 * lam)
    p_c = logistic(lam * (1 - 2 * p_f))
    assert q.probability("D", "fight") == pytest.approx(p_f, abs=1e-12)
    assert q.probability("start", "challenge") == pytest.approx(p_c, abs=1e-12)
    assert q.outcomes["DD"] == pytest.approx(p_c * p_f, abs=1e-12)
    assert sum(q.outcomes.values()) == pytest.approx(1.0)
    assert q.payoffs[0] == pytest.approx(p_c * (1 - 2 * p_f), abs=1e-12)


def test_normalized_units_scale_each_players_payoffs():
    # Challenger's payoffs span [-1, 1] (spread 2), Defender's [-1, 1] (spread 2): normalised
    # λ = 4 is payoff λ = 2; doubling every payoff leaves the normalised QRE unchanged
    t = deterrence_tree()
    a = dt.agent_qre(t, 4.0)
    b = dt.agent_qre(t, 2.0, units="payoff")
    assert dict(a.behavior["D"]) == pytest.approx(dict(b.behavior["D"]), abs=1e-12)
    t2 = deterrence_tree(0.0, (2.0, -2.0), (-2.0, -1.0)).with_payoffs({"SQ": (0.0, 2.0)})
    c = dt.agent_qre(t2, 4.0)
    assert dict(c.behavior["start"]) == pytest.approx(dict(a.behavior["start"]), abs=1e-12)


def test_one_decision_tree_equals_the_strategic_form_qre():
    # a single decision (followed by chance): the agent and the strategic form coincide
    t = (
        dt.GameTree.builder(("Iran", "Israel"))
        .decision("r", "Iran", {"restraint": "R", "strike": "c"})
        .chance("c", {"hit": (0.3, "H"), "miss": (0.7, "M")})
        .terminal("R", (0.0, 0.0))
        .terminal("H", (2.0, -3.0))
        .terminal("M", (-1.0, -0.5))
        .build()
    )
    g = dt.reduced_normal_form(t)
    for lam in (0.5, 3.0, 12.0):
        q = dt.agent_qre(t, lam, units="payoff")
        s = dt.qre(g, lam, units="payoff")
        assert [q.behavior["r"][a] for a in g.strategies[0]] == pytest.approx(
            s.row.tolist(), abs=1e-10
        )


def test_simultaneous_moves_as_information_set_equal_the_bimatrix_qre():
    # each player has one information set, so agent QRE = QRE of the normal form (the fixed point
    # with beliefs is exercised: the column player's set joins two nodes)
    rng = np.random.default_rng(3)
    A, B = rng.normal(size=(2, 3, 2))
    b = dt.GameTree.builder(("R", "C"))
    b.decision("r", "R", {f"r{i}": f"n{i}" for i in range(3)})
    for i in range(3):
        b.decision(f"n{i}", "C", {f"c{j}": f"t{i}{j}" for j in range(2)}, infoset="C")
        for j in range(2):
            b.terminal(f"t{i}{j}", (A[i, j], B[i, j]))
    t = b.build()
    for lam in (0.5, 4.0, 30.0):
        q = dt.agent_qre(t, lam, units="payoff")
        s = dt.qre(dt.Game(A, B), lam, units="payoff")
        np.testing.assert_allclose([q.behavior["r"][f"r{i}"] for i in range(3)], s.row, atol=1e-9)
        np.testing.assert_allclose([q.behavior["C"][f"c{j}"] for j in range(2)], s.col, atol=1e-9)
        # Bayes' rule: beliefs at C are the row player's mixed strategy
        np.testing.assert_allclose([q.beliefs["C"][f"n{i}"] for i in range(3)], s.row, atol=1e-9)


def test_path_matches_pointwise_and_modal_change_closed_form():
    t = deterrence_tree()
    path = dt.agent_qre_path(t, [0.0, 1.0, 5.0], units="payoff")
    for k, lam in enumerate(path.lam):
        q = dt.agent_qre(t, lam, units="payoff")
        assert path.probabilities["start"]["challenge"][k] == pytest.approx(
            q.probability("start", "challenge"), abs=1e-12
        )
    # a genuine switch: with the status quo worth -0.5 to the Challenger, challenging (worth
    # V = 1 - 2 p_f) leads while the Defender is noisy (V > -0.5 <=> p_f < 3/4) and the status quo
    # leads once p_f = 1/(1 + e^{-0.5 λ}) > 3/4, i.e. above λ* = 2 ln 3
    t2 = t.with_payoffs({"SQ": (-0.5, 1.0)})
    lam_star = modal_change(t2, "start", "status quo", units="payoff")
    assert lam_star == pytest.approx(2 * math.log(3), abs=1e-9)
    # in the original tree the status quo leads at every λ > 0 (V = 1 - 2 p_f < 0): no switch
    assert modal_change(t, "start", "status quo", units="payoff") is None


def test_crisis_tree_calibrated_strike_leads_at_every_precision():
    # With the defender choosing its reply from its payoffs (absorb, in kind, escalate), even
    # a uniformly noisy defender escalates against a calibrated strike only w.p. 1/3 and the
    # calibrated strike leads from the smallest precision on: no modal change.
    sc = dt.load_scenario("iran-2024")
    tree = dt.games.crisis.crisis_tree(sc)
    root = tree.infosets_of(tree.players[0])[0]
    path = dt.agent_qre_path(tree)
    p = path.probabilities[root]
    assert p["calibrated"][0] == pytest.approx(1 / 3)
    # the subgame-perfect choice is the limit of the QRE as λ grows
    assert p["calibrated"][-1] > 0.999 and dt.spe(tree).plan[root] == "calibrated"
    assert modal_change(tree, root, "calibrated") is None
    for lam in (0.1, 1.0, 5.0):
        b = dt.agent_qre(tree, lam).behavior[root]
        assert b["calibrated"] > max(b["restraint"], b["major"])


def test_plot_and_frame():
    from deterrence.plot.style import find_artists

    t = deterrence_tree()
    path = dt.agent_qre_path(t)
    ax = path.plot("start", mark=(1.0, "λ = 1"))
    line = find_artists(ax, "choice:challenge")[0]
    np.testing.assert_allclose(line.get_ydata(), path.probabilities["start"]["challenge"])
    frame = path.to_frame()
    assert {"lam", "start: challenge", "D: fight"} <= set(frame.columns)
    assert set(dt.agent_qre(t, 1.0).to_frame().columns) == {"infoset", "action", "probability"}


def test_bad_input_is_named():
    t = deterrence_tree()
    with pytest.raises(TypeError, match="GameTree"):
        dt.agent_qre(dt.games.chicken(), 1.0)
    with pytest.raises(ParameterError, match="lam"):
        dt.agent_qre(t, float("nan"))
    with pytest.raises(ParameterError, match="fight"):
        dt.agent_qre(t, 1.0).probability("D", "fihgt")
    with pytest.raises(ParameterError, match="increasing"):
        dt.agent_qre_path(t, [2.0, 1.0])
