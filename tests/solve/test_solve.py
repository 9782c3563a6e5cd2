"""dt.solve: every extreme equilibrium, verified — closed forms, cited cases, properties."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_games import bimatrix

import deterrence as dt
from deterrence.errors import EquilibriumCheckError, GameTooLargeError, InvalidGameError
from deterrence.solve.verify import regret, verify


def profiles(eqs):
    return sorted((tuple(np.round(e.row, 9)), tuple(np.round(e.col, 9))) for e in eqs)


# --- cited cases --------------------------------------------------------------------------


def test_V11_chicken_three_equilibria():
    # (R,S,T,P) = (0,-1,1,-10): mixed Pr(straight) = (T-R)/((T-R)+(S-P)) = 1/(1+9) = 0.1;
    # crash probability 0.01; payoff = 0.9*(0.9*0 + 0.1*-1) + 0.1*(0.9*1 + 0.1*-10) = -0.1
    eqs = dt.solve(dt.games.chicken())
    assert len(eqs) == 3 and not eqs.degenerate
    mixed = [e for e in eqs if not e.is_pure][0]
    np.testing.assert_allclose(mixed.row, [0.9, 0.1], atol=1e-12)
    np.testing.assert_allclose(mixed.col, [0.9, 0.1], atol=1e-12)
    assert mixed.row[1] * mixed.col[1] == pytest.approx(0.01)
    np.testing.assert_allclose(mixed.payoffs, (-0.1, -0.1), atol=1e-12)
    assert sorted(e.describe() for e in eqs.pure) == ["straight / swerve", "swerve / straight"]


@pytest.mark.parametrize(
    "R,S,T,P", [(0, -1, 1, -10), (3, 1, 5, 0), (0, -2, 7, -100), (1, 0.5, 1.5, -3)]
)
def test_chicken_mixed_closed_form(R, S, T, P):
    q = (T - R) / ((T - R) + (S - P))
    eqs = dt.solve(dt.games.chicken(R=R, S=S, T=T, P=P))
    mixed = [e for e in eqs if not e.is_pure]
    assert len(mixed) == 1 and len(eqs) == 3
    np.testing.assert_allclose(mixed[0].row, [1 - q, q], atol=1e-10)


def test_V1d_degenerate_deterrence_game_component():
    # MODELS.md V1d: NE set = {SQ} x {Deny w.p. y >= 1/2}: extreme points y = 1/2 and y = 1,
    # one component (nashpy's support_enumeration reports only y = 1)
    A = [[0, 0], [1, -1]]
    B = [[1, 1], [-1, -0.5]]
    eqs = dt.solve(dt.Game(A, B))
    assert eqs.degenerate
    assert profiles(eqs) == [((1.0, 0.0), (0.0, 1.0)), ((1.0, 0.0), (0.5, 0.5))]
    assert len(eqs.components) == 1 and len(eqs.components[0]) == 2
    ((X, Y),) = eqs.maximal_nash_subsets
    assert len(X) == 1 and len(Y) == 2
    # every point of the segment between the two extreme points is an equilibrium
    for t in np.linspace(0, 1, 11):
        y = t * np.array([0.5, 0.5]) + (1 - t) * np.array([0.0, 1.0])
        assert regret(np.array(A, float), np.array(B, float), np.array([1.0, 0.0]), y) <= 1e-12


def test_prisoners_dilemma_and_matching_pennies():
    assert profiles(dt.solve(dt.games.prisoners_dilemma())) == [((0.0, 1.0), (0.0, 1.0))]
    (e,) = dt.solve(dt.games.matching_pennies(stake=2))
    np.testing.assert_allclose([e.row, e.col], [[0.5, 0.5], [0.5, 0.5]])
    assert e.payoffs == pytest.approx((0.0, 0.0))


def test_stag_hunt_mixed():
    # Pr(stag) = (P-S)/((R-T)+(P-S)) = 2/(1+2) = 2/3
    mixed = [e for e in dt.solve(dt.games.stag_hunt()) if not e.is_pure][0]
    np.testing.assert_allclose(mixed.row, [2 / 3, 1 / 3])


def test_all_zero_game_is_one_component():
    # every profile is an equilibrium: the extreme ones are the 2x3 pure profiles
    eqs = dt.solve(dt.Game(np.zeros((2, 3)), np.zeros((2, 3))))
    assert len(eqs) == 6 and len(eqs.components) == 1 and eqs.degenerate
    assert all(e.is_pure for e in eqs)


def test_one_by_n_and_n_by_one():
    eqs = dt.solve(dt.Game([[1, 3, 3]], [[0, 2, 2]]))
    # column player indifferent between c1 and c2: extreme points c1, c2; one component
    assert profiles(eqs) == [((1.0,), (0.0, 0.0, 1.0)), ((1.0,), (0.0, 1.0, 0.0))]
    assert len(eqs.components) == 1
    eqs = dt.solve(dt.Game([[1], [5], [2]], [[0], [0], [0]]))
    assert profiles(eqs) == [((0.0, 1.0, 0.0), (1.0,))]


# --- the retaliation game with commitment (3×3): closed-form thresholds ------------------------


def pure_outcomes(g):
    return {e.describe() for e in dt.solve(g) if e.is_pure}


def test_retaliation_defaults():
    # defaults: Israel replies in kind to a calibrated strike (-0.75 > -1 > -1.5) and escalates
    # against a major one (-1.5 > -1.75 > -3); Iran's best reply to "proportional" is the
    # calibrated strike (0.1 > -0.2 > -1). Restraint backed by the (non-credible) threat to
    # escalate is the second equilibrium family.
    g = dt.games.retaliation_commitment_game()
    assert pure_outcomes(g) == {"calibrated / proportional", "restraint / escalate"}
    eqs = dt.solve(g)
    assert eqs.degenerate and len(eqs.components) == 2


def test_retaliation_reputation_threshold():
    # (calibrated, proportional) needs d(l_major - 1) >= (1 - share) R, i.e. R <= 0.4*2/0.5 = 1.6
    below = dt.games.retaliation_commitment_game(reputation_stake=1.59)
    above = dt.games.retaliation_commitment_game(reputation_stake=1.61)
    assert "calibrated / proportional" in pure_outcomes(below)
    assert "calibrated / proportional" not in pure_outcomes(above)


def test_retaliation_war_cost_threshold():
    # (major, escalate) is an equilibrium iff R - W >= -a, W = W_I + pi*W_US; R = a = 1: W <= 2.
    # With W_I = 1, W_US = 8: pi* = (2 - 1)/8 = 0.125.
    lo = dt.games.retaliation_commitment_game(cost_of_escalation=1, p_patron_entry=0.12)
    hi = dt.games.retaliation_commitment_game(cost_of_escalation=1, p_patron_entry=0.13)
    assert "major / escalate" in pure_outcomes(lo)
    assert "major / escalate" not in pure_outcomes(hi)


def test_retaliation_audience_cost_threshold():
    # restraint vs calibrated against "proportional": share*R - d >= -a.  With R=0.5,
    # share=0.5, d=0.4: 0.25 - 0.4 = -0.15, so calibrated needs a >= 0.15.
    lo = dt.games.retaliation_commitment_game(reputation_stake=0.5, audience_cost=0.14)
    hi = dt.games.retaliation_commitment_game(reputation_stake=0.5, audience_cost=0.16)
    assert "calibrated / proportional" not in pure_outcomes(lo)
    assert "calibrated / proportional" in pure_outcomes(hi)


# --- properties -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    bimatrix(max_size=4), st.floats(0.1, 10), st.floats(-5, 5), st.floats(0.1, 10), st.floats(-5, 5)
)
def test_affine_invariance(AB, a1, b1, a2, b2):
    A, B = AB
    base = profiles(dt.solve(dt.Game(A, B)))
    assert profiles(dt.solve(dt.Game(a1 * A + b1, a2 * B + b2))) == base


@settings(max_examples=100, deadline=None)
@given(bimatrix(max_size=4), st.randoms(use_true_random=False))
def test_relabelling_permutes_equilibria(AB, rnd):
    A, B = AB
    m, n = A.shape
    pr = list(range(m))
    pc = list(range(n))
    rnd.shuffle(pr)
    rnd.shuffle(pc)
    eqs = dt.solve(dt.Game(A, B))
    perm = dt.solve(dt.Game(A[np.ix_(pr, pc)], B[np.ix_(pr, pc)]))
    back = sorted(
        (tuple(np.round(e.row[np.argsort(pr)], 9)), tuple(np.round(e.col[np.argsort(pc)], 9)))
        for e in perm
    )
    assert back == profiles(eqs)
    assert len(perm.components) == len(eqs.components)


@settings(max_examples=150, deadline=None)
@given(bimatrix(max_size=5))
def test_every_profile_verifies_and_no_duplicates(AB):
    A, B = AB
    eqs = dt.solve(dt.Game(A, B))
    assert len(eqs) >= 1
    assert eqs.max_regret <= 1e-8
    assert verify(A, B, [e.row for e in eqs], [e.col for e in eqs]) <= 1e-8
    p = profiles(eqs)
    assert len(set(p)) == len(p)
    assert sum(len(c) for c in eqs.components) == len(eqs)


@settings(max_examples=100, deadline=None)
@given(bimatrix(min_size=2, max_size=4))
def test_strictly_dominated_rows_get_no_weight(AB):
    A, B = AB
    A = A.copy()
    A[-1] = A[:-1].min(axis=0) - 1.0  # the last row is strictly dominated by every other row
    for e in dt.solve(dt.Game(A, B)):
        assert e.row[-1] == 0


@settings(max_examples=60, deadline=None)
@given(bimatrix(min_size=2, max_size=4, integers=False))
def test_engines_agree(AB):
    A, B = AB
    g = dt.Game(A, B)
    assert profiles(dt.solve(g, method="subsets")) == profiles(dt.solve(g, method="qhull"))


# --- contract and bad input --------------------------------------------------------------------


def test_result_frame_and_html():
    eqs = dt.solve(dt.games.chicken(players=("Iran", "Israel")))
    df = eqs.to_frame()
    assert list(df.columns) == [
        "equilibrium",
        "component",
        "kind",
        "Iran: swerve",
        "Iran: straight",
        "Israel: swerve",
        "Israel: straight",
        "payoff Iran",
        "payoff Israel",
    ]
    assert df["kind"].tolist() == ["pure", "mixed", "pure"]
    assert df.loc[1, "Iran: straight"] == pytest.approx(0.1)
    html = eqs._repr_html_()
    assert "3 extreme equilibria" in html and "0.9 swerve + 0.1 straight" in html
    assert eqs[0].row.flags.writeable is False
    assert "vertex enumeration" in eqs.method


def test_solve_rejects_non_games_and_unknown_methods():
    with pytest.raises(TypeError, match="dt.Game"):
        dt.solve([[1, 2], [3, 4]])
    with pytest.raises(ValueError, match="Did you mean 'qhull'"):
        dt.solve(dt.games.chicken(), method="qhul")
    with pytest.raises(InvalidGameError, match="qhull engine needs"):
        dt.solve(dt.Game([[1, 2]], [[1, 2]]), method="qhull")


def test_size_guard():
    # enumeration refuses beyond its limit; method="auto" falls back to a labelled partial answer
    g = dt.Game(np.ones((15, 15)), np.ones((15, 15)))
    with pytest.raises(GameTooLargeError, match="15x15.*method='auto'"):
        dt.solve(g, method="vertex")
    assert not dt.solve(g).complete


def test_label_guard_on_long_thin_games():
    # 3 x 64 has only 192 cells but 67 labels: more than a 62-bit label set holds
    g = dt.Game(np.zeros((3, 64)), np.zeros((3, 64)))
    with pytest.raises(GameTooLargeError, match="67 strategies"):
        dt.solve(g, method="vertex")


def test_verify_raises_on_non_equilibrium():
    A = np.array([[3.0, 0.0], [5.0, 1.0]])
    with pytest.raises(EquilibriumCheckError, match="not an equilibrium"):
        verify(A, A.T, [1, 0], [1, 0])
    with pytest.raises(EquilibriumCheckError, match="probability vector"):
        verify(A, A.T, [0.5, 0.6], [1, 0])
