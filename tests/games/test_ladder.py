"""Escalation ladders (Kahn 1965; MODELS.md §2.4, V28) and the escalation-ladder game."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.errors import InvalidGameError, ParameterError, ProbabilityError
from deterrence.games.ladder import (
    KAHN_LADDER,
    SUBLADDER_2024,
    Ladder,
    Rung,
    Threshold,
    Unit,
    ladder_game,
    ladder_payoffs,
    ladder_threshold,
    war_probabilities,
)

# ---------------------------------------------------------------------------------------------
# Kahn's ladder: structure (V28) and lookups
# ---------------------------------------------------------------------------------------------
UNITS = [
    "Subcrisis Maneuvering",
    "Traditional Crises",
    "Intense Crises",
    "Bizarre Crises",
    "Exemplary Central Attacks",
    "Military Central Wars",
    "Civilian Central Wars",
]
THRESHOLDS = [
    "Don't Rock the Boat",
    "Nuclear War Is Unthinkable",
    "No Nuclear Use",
    "Central Sanctuary",
    "Central War",
    "City Targeting",
]


def test_v28_structure():
    # V28: 44 rungs; units (3,6,11,5,6,7,6); thresholds after rungs 3, 9, 20, 25, 31, 38
    assert len(KAHN_LADDER) == 44
    assert KAHN_LADDER.unit_sizes == (3, 6, 11, 5, 6, 7, 6)
    assert sum(KAHN_LADDER.unit_sizes) == 44
    assert [t.after for t in KAHN_LADDER.thresholds] == [3, 9, 20, 25, 31, 38]
    assert [u.name for u in KAHN_LADDER.units] == UNITS
    assert [t.name for t in KAHN_LADDER.thresholds] == THRESHOLDS
    assert [r.number for r in KAHN_LADDER] == list(range(1, 45))
    assert len(set(KAHN_LADDER.names)) == 44


@pytest.mark.parametrize(
    "number, name",
    [
        # the four rungs MODELS.md §2.4 names
        (1, "Ostensible Crisis"),
        (9, "Dramatic Military Confrontations"),
        (10, "Provocative Breaking Off of Diplomatic Relations"),
        (44, "Spasm or Insensate War"),
        # unit boundaries
        (3, "Solemn and Formal Declarations"),
        (20, '"Peaceful" World-Wide Embargo or Blockade'),
        (21, "Local Nuclear War—Exemplary"),
        (25, "Evacuation (Approximately 70 Percent)"),
        (31, "Reciprocal Reprisals"),
        (32, 'Formal Declaration of "General" War'),
        (38, "Unmodified Counterforce Attack"),
        (39, "Slow-Motion Countercity War"),
    ],
)
def test_rung_names(number, name):
    assert KAHN_LADDER[number].name == name
    assert KAHN_LADDER[name].number == number


def test_lookup_ignores_case_and_punctuation():
    assert KAHN_LADDER["legal harassment - retortions"].number == 7
    assert KAHN_LADDER.rung("LOCAL NUCLEAR WAR -- MILITARY").number == 23
    assert KAHN_LADDER.rung(KAHN_LADDER[12]).number == 12
    assert KAHN_LADDER.unit_of(44).name == "Civilian Central Wars"
    assert KAHN_LADDER.unit_of("Show of Force").name == "Traditional Crises"


def test_thresholds_between():
    assert [t.name for t in KAHN_LADDER.thresholds_between(3, 4)] == ["Don't Rock the Boat"]
    assert [t.name for t in KAHN_LADDER.thresholds_between(10, 9)] == ["Nuclear War Is Unthinkable"]
    assert KAHN_LADDER.thresholds_between(10, 20) == ()
    assert len(KAHN_LADDER.thresholds_between(1, 44)) == 6
    assert [t.after for t in KAHN_LADDER.thresholds_between("Show of Force", 26)] == [9, 20, 25]


def test_lookup_errors():
    with pytest.raises(KeyError, match="Did you mean 'Show of Force'"):
        KAHN_LADDER["Show of Forces"]
    with pytest.raises(KeyError, match="rungs 1..44; got rung number 45"):
        KAHN_LADDER[45]
    with pytest.raises(KeyError, match="rung number or name"):
        KAHN_LADDER[2.5]
    with pytest.raises(KeyError, match="defines no units"):
        SUBLADDER_2024.unit_of(1)


def test_subladder_2024():
    # MODELS.md §2.4 order; date anchors from §5.2
    assert len(SUBLADDER_2024) == 9
    assert SUBLADDER_2024[1].name == "Statements"
    assert SUBLADDER_2024[5].name == "Telegraphed direct Iranian salvo"
    assert SUBLADDER_2024[8].name == "US direct entry"
    assert SUBLADDER_2024[9].name == "Strikes on Iranian territory or nuclear sites"
    dates = {r.number: r.date for r in SUBLADDER_2024 if r.date}
    assert dates == {2: "2024-08-05", 5: "2024-04-13", 6: "2024-10-01", 9: "2024-10-26"}
    assert all(r.description for r in SUBLADDER_2024)


def test_ladder_validation():
    a, b = Rung(1, "a"), Rung(2, "b")
    with pytest.raises(InvalidGameError, match="numbered 1, 2"):
        Ladder((b, a))
    with pytest.raises(InvalidGameError, match="distinct"):
        Ladder((a, Rung(2, "A")))
    with pytest.raises(InvalidGameError, match="at least one rung"):
        Ladder(())
    with pytest.raises(InvalidGameError, match="cover rungs"):
        Ladder((a, b), units=(Unit("u", 1, 1),))
    with pytest.raises(InvalidGameError, match="between consecutive units"):
        Ladder((a, b), units=(Unit("u", 1, 1), Unit("v", 2, 2)), thresholds=(Threshold("t", 2),))
    with pytest.raises(InvalidGameError, match="strictly increasing"):
        Ladder((a, b), thresholds=(Threshold("t", 2),))
    with pytest.raises(InvalidGameError, match="non-empty name"):
        Rung(1, " ")
    with pytest.raises(ParameterError, match="ISO date"):
        Rung(1, "x", date="Apr 2024")
    with pytest.raises(ParameterError, match="rung number must be a whole number >= 1"):
        Rung(0, "x")


# ---------------------------------------------------------------------------------------------
# the ladder game: payoffs
# ---------------------------------------------------------------------------------------------
def test_war_probabilities():
    # scalar hazard ℓ = 0.1: 1 - 0.9^k = 0.1, 0.19, 0.271
    np.testing.assert_allclose(war_probabilities(0.1, 3), [0.1, 0.19, 0.271])
    np.testing.assert_allclose(war_probabilities([0, 0, 0.7], 3), [0, 0, 0.7])


def test_three_rung_payoffs_by_hand():
    # V=10, c=1 (rung k costs k), p = (0, 0, 0.7), W=20;
    # u(i,j) = (1-p_h)·V·w - c_i - p_h·W with h = max(i,j), w = 1 / 1/2 / 0
    # (1,1): 5-1 = 4      (1,2): 0-1 = -1           (1,3): -1 - 14 = -15
    # (2,1): 10-2 = 8     (2,2): 5-2 = 3            (2,3): -2 - 14 = -16
    # (3,1): 3-3-14 = -14 (3,2): -14                (3,3): 1.5-3-14 = -15.5
    g = ladder_game(
        ["low", "mid", "top"],
        value_of_prevailing=10,
        cost_per_rung=1,
        loss_of_control=[0, 0, 0.7],
        war_cost=20,
    )
    expected = np.array([[4, -1, -15], [8, 3, -16], [-14, -14, -15.5]])
    np.testing.assert_allclose(g.A, expected)
    np.testing.assert_allclose(g.B, expected.T)  # symmetric parameters: B = Aᵀ
    assert g.players == ("Iran", "Israel")
    assert g.strategies == (("low", "mid", "top"), ("low", "mid", "top"))


def test_scalar_hazard_and_asymmetric_stakes():
    # ℓ = 0.1 -> p = (0.1, 0.19); V = (10, 6), W = (20, 40), c = 1
    # (2,1) row: 0.81·10 - 2 - 0.19·20 = 2.3; col: -1 - 0.19·40 = -8.6
    # (1,1) row: 0.9·5 - 1 - 2 = 1.5; col: 0.9·3 - 1 - 4 = -2.3
    A, B = ladder_payoffs(
        2, value_of_prevailing=(10, 6), cost_per_rung=1, loss_of_control=0.1, war_cost=(20, 40)
    )
    assert A[1, 0] == pytest.approx(2.3)
    assert B[1, 0] == pytest.approx(-8.6)
    assert A[0, 0] == pytest.approx(1.5)
    assert B[0, 0] == pytest.approx(-2.3)


def test_cost_vector_and_ladder_object():
    # cost vector (0, 0.5, 4): (2,1) = 10 - 0.5 with no war risk
    A, _ = ladder_payoffs(
        3, value_of_prevailing=10, cost_per_rung=[0, 0.5, 4], loss_of_control=0, war_cost=1
    )
    assert A[1, 0] == pytest.approx(9.5)
    assert A[2, 2] == pytest.approx(5 - 4)
    g = ladder_game(
        SUBLADDER_2024,
        value_of_prevailing=10,
        cost_per_rung=0.5,
        loss_of_control=0.05,
        war_cost=20,
        players=("Iran", "United States"),
    )
    assert g.shape == (9, 9)
    assert g.strategies[0] == SUBLADDER_2024.names
    assert g.players == ("Iran", "United States")


@settings(max_examples=40, deadline=None)
@given(
    value=st.floats(0, 20),
    cost=st.floats(0, 3),
    hazard=st.floats(0, 0.5),
    war=st.floats(0, 50),
)
def test_war_cost_lowers_payoffs_and_symmetry(value, cost, hazard, war):
    # property: symmetric parameters give B = Aᵀ; a higher war cost never raises a payoff
    A, B = ladder_payoffs(
        4, value_of_prevailing=value, cost_per_rung=cost, loss_of_control=hazard, war_cost=war
    )
    np.testing.assert_allclose(B, A.T)
    A2, _ = ladder_payoffs(
        4, value_of_prevailing=value, cost_per_rung=cost, loss_of_control=hazard, war_cost=war + 1
    )
    assert np.all(A2 <= A + 1e-12)


# ---------------------------------------------------------------------------------------------
# the ladder game: equilibria (dt.solve) and thresholds
# ---------------------------------------------------------------------------------------------
def test_three_rung_equilibrium_by_iterated_dominance():
    # In the matrix above, "top" is strictly dominated by "low" (-14 < 4, -14 < -1,
    # -15.5 < -15); without it "mid" dominates "low" (8 > 4, 3 > -1). Unique equilibrium
    # (mid, mid) with payoffs (3, 3): both climb one rung although (low, low) pays 4 each.
    g = ladder_game(
        ["low", "mid", "top"],
        value_of_prevailing=10,
        cost_per_rung=1,
        loss_of_control=[0, 0, 0.7],
        war_cost=20,
    )
    eqs = dt.solve(g)
    assert len(eqs) == 1
    np.testing.assert_allclose(eqs[0].row, [0, 1, 0], atol=1e-9)
    np.testing.assert_allclose(eqs[0].col, [0, 1, 0], atol=1e-9)
    assert eqs[0].payoffs == pytest.approx((3.0, 3.0))


def test_two_rung_equilibria_high_war_cost():
    # V=10, c=1, p=(0, 0.2), W=20: A = [[4, -5], [2, -2]] (hold/escalate): a coordination game.
    # Pure (hold, hold) and (escalate, escalate); mixed: 4y - 5(1-y) = 2y - 2(1-y) -> y = 3/5,
    # payoff 4·0.6 - 5·0.4 = 0.4.
    g = ladder_game(
        ["hold", "escalate"],
        value_of_prevailing=10,
        cost_per_rung=1,
        loss_of_control=[0, 0.2],
        war_cost=20,
    )
    np.testing.assert_allclose(g.A, [[4, -5], [2, -2]])
    eqs = dt.solve(g)
    assert len(eqs) == 3
    rows = sorted(float(e.row[0]) for e in eqs)
    assert rows == pytest.approx([0.0, 0.6, 1.0])
    mixed = next(e for e in eqs if 0 < e.row[0] < 1)
    assert mixed.payoffs == pytest.approx((0.4, 0.4))


def test_war_cost_threshold_closed_form():
    # (hold, hold) is an equilibrium iff V/2 - c ≥ (1-p2)V - 2c - p2·W  ⇔  4 ≥ 6 - 0.2W ⇔ W ≥ 10
    t = ladder_threshold(
        ["hold", "escalate"],
        vary="war_cost",
        bracket=(0, 20),
        value_of_prevailing=10,
        cost_per_rung=1,
        loss_of_control=[0, 0.2],
    )
    assert t.value == pytest.approx(10.0, abs=1e-9)
    assert (t.top_rung_before, t.top_rung_after) == ("escalate", "hold")
    # dt.solve agrees on either side: below W*, escalation is dominant (one equilibrium)
    kw = dict(value_of_prevailing=10, cost_per_rung=1, loss_of_control=[0, 0.2])
    below = dt.solve(ladder_game(["hold", "escalate"], war_cost=9.9, **kw))
    above = dt.solve(ladder_game(["hold", "escalate"], war_cost=10.1, **kw))
    assert len(below) == 1 and below[0].row[1] == pytest.approx(1.0)
    assert any(e.row[0] == pytest.approx(1.0) and e.col[0] == pytest.approx(1.0) for e in above)


def test_loss_of_control_threshold_closed_form():
    # scalar hazard ℓ, q = 1-ℓ: p1 = ℓ, p2 = 1-q². V=10, c=1, W=20.
    # (hold, hold): (1-p1)·5 - 1 - 20·p1 = 25q - 21; escalating: 10q² - 2 - 20(1-q²) = 30q² - 22.
    # Equilibrium iff 30q² - 25q - 1 ≤ 0 ⇔ q ≤ (25 + √745)/60 ⇔ ℓ ≥ 1 - (25 + √745)/60 ≈ 0.12842
    t = ladder_threshold(
        ["hold", "escalate"],
        vary="loss_of_control",
        bracket=(0, 0.5),
        value_of_prevailing=10,
        cost_per_rung=1,
        war_cost=20,
    )
    assert t.value == pytest.approx(1 - (25 + math.sqrt(745)) / 60, abs=1e-9)
    assert t.parameter == "loss_of_control"


def test_threshold_from_no_pure_equilibrium():
    # On the 2024 sub-ladder with a small war cost there is no pure equilibrium (an all-pay
    # escalation race); the threshold is where one first appears, and there its deviation gain is 0
    kw = dict(value_of_prevailing=10, cost_per_rung=0.5, loss_of_control=0.05)
    t = ladder_threshold(SUBLADDER_2024, vary="war_cost", bracket=(0, 100), **kw)
    assert t.top_rung_before is None
    assert t.top_rung_after in SUBLADDER_2024.names
    k = SUBLADDER_2024[t.top_rung_after].number - 1
    A, _ = ladder_payoffs(9, war_cost=t.value, **kw)
    # (k, k) is a symmetric equilibrium at W*: the best deviation gains exactly 0
    assert np.max(A[:, k]) - A[k, k] == pytest.approx(0.0, abs=1e-8)


# ---------------------------------------------------------------------------------------------
# bad inputs
# ---------------------------------------------------------------------------------------------
BASE = dict(value_of_prevailing=10, cost_per_rung=1, loss_of_control=[0, 0.2], war_cost=20)


@pytest.mark.parametrize(
    "change, error, fragment",
    [
        ({"loss_of_control": [0.3, 0.2]}, ProbabilityError, "non-decreasing"),
        ({"loss_of_control": [0, 1.2]}, ProbabilityError, "loss_of_control must be a probability"),
        ({"loss_of_control": -0.1}, ProbabilityError, "loss_of_control must be a probability"),
        ({"loss_of_control": [0, 0.1, 0.2]}, ParameterError, "2 war probabilities"),
        ({"war_cost": -1}, ParameterError, "war_cost must lie in"),
        ({"war_cost": (1, 2, 3)}, ParameterError, "pair (row, column)"),
        ({"value_of_prevailing": float("inf")}, ParameterError, "non-finite"),
        ({"cost_per_rung": -1}, ParameterError, "cost_per_rung must lie in"),
        ({"cost_per_rung": [2, 1]}, ParameterError, "non-decreasing"),
    ],
)
def test_ladder_game_bad_parameters(change, error, fragment):
    with pytest.raises(error, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        ladder_game(["hold", "escalate"], **{**BASE, **change})


def test_ladder_game_bad_rungs():
    with pytest.raises(InvalidGameError, match="at least 2 rungs"):
        ladder_game(["only"], **{**BASE, "loss_of_control": 0.1})
    with pytest.raises(InvalidGameError, match="distinct"):
        ladder_game(["a", "a"], **BASE)
    with pytest.raises(InvalidGameError, match="sequence of rung names"):
        ladder_game("ab", **BASE)


def test_ladder_threshold_bad_inputs():
    kw = dict(value_of_prevailing=10, cost_per_rung=1, loss_of_control=[0, 0.2])
    with pytest.raises(ParameterError, match="Did you mean 'war_cost'"):
        ladder_threshold(["h", "e"], vary="war_costs", bracket=(0, 20), **kw)
    with pytest.raises(ParameterError, match="do not also pass war_cost"):
        ladder_threshold(["h", "e"], vary="war_cost", bracket=(0, 20), war_cost=3, **kw)
    with pytest.raises(ParameterError, match="needs \\['loss_of_control'\\]"):
        ladder_threshold(["h", "e"], bracket=(0, 20), value_of_prevailing=10, cost_per_rung=1)
    with pytest.raises(ParameterError, match="low < high"):
        ladder_threshold(["h", "e"], vary="war_cost", bracket=(20, 0), **kw)
    with pytest.raises(ParameterError, match="widen the bracket"):
        ladder_threshold(["h", "e"], vary="war_cost", bracket=(0, 5), **kw)
    with pytest.raises(ProbabilityError, match="bracket of loss_of_control"):
        ladder_threshold(
            ["h", "e"],
            vary="loss_of_control",
            bracket=(0, 2),
            value_of_prevailing=10,
            cost_per_rung=1,
            war_cost=20,
        )
