"""Tests of deterrence.models.perfect: Zagare & Kilgour's perfect deterrence closed forms.

V-case ids refer to MODELS.md §2.1 / §3.
"""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import perfect
from deterrence.models.perfect import (
    CHALLENGER_ESCALATION_ORDER,
    DEFENDER_ESCALATION_ORDER,
    MutualDeterrencePayoffs,
    OutcomeUtilities,
)

utility = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
scale = st.floats(0.1, 10)
gap = st.floats(0.01, 10)

# -- Generic Deterrence Game (V1) ---------------------------------------------------------------

CHALLENGER = {"SQ": 0, "DC": 1, "DD": -1}


@pytest.mark.parametrize(
    ("case", "challenger", "defender", "expected"),
    [
        # credible: dDD=-0.5 > dDC=-1; capable: cSQ=0 > cDD=-1 -> deterrence holds
        ("V1 SQ", CHALLENGER, {"SQ": 1, "DC": -1, "DD": -0.5}, ("SQ", True, True)),
        # dDD=-2 < dDC=-1: the Defender would concede, so the Challenger demands and wins
        ("V1 DC", CHALLENGER, {"SQ": 1, "DC": -1, "DD": -2}, ("DC", False, True)),
        # credible, but cDD=0.5 > cSQ=0: the Challenger prefers conflict -> DD
        ("V1 DD", {**CHALLENGER, "DD": 0.5}, {"SQ": 1, "DC": -1, "DD": -0.5}, ("DD", True, False)),
    ],
)
def test_generic_deterrence_outcome_v1(case, challenger, defender, expected):
    result = perfect.generic_deterrence_outcome(challenger, defender)
    assert (result.outcome, result.credible, result.capable) == expected
    assert result.unique


def test_generic_deterrence_accepts_dataclass_sequence_and_any_case():
    by_mapping = perfect.generic_deterrence_outcome(CHALLENGER, {"sq": 1, "dc": -1, "dd": -0.5})
    by_dataclass = perfect.generic_deterrence_outcome(
        OutcomeUtilities(sq=0, dc=1, dd=-1), OutcomeUtilities(1, -1, -0.5)
    )
    by_sequence = perfect.generic_deterrence_outcome((0, 1, -1), [1, -1, -0.5])
    assert by_mapping == by_dataclass == by_sequence


def test_generic_deterrence_ties_are_flagged():
    # dDD = dDC: the Defender is indifferent; reported as not credible (DC), DD-path SPE exists too
    tie = perfect.generic_deterrence_outcome(CHALLENGER, {"SQ": 1, "DC": -1, "DD": -1})
    assert (tie.outcome, tie.credible, tie.unique) == ("DC", False, False)
    # cSQ = cDD under a credible threat: reported as not capable (DD), SQ is an SPE outcome too
    tie = perfect.generic_deterrence_outcome({**CHALLENGER, "DD": 0}, {"SQ": 1, "DC": -1, "DD": 0})
    assert (tie.outcome, tie.capable, tie.unique) == ("DD", False, False)


small = st.integers(-50, 50)


@given(ch=st.tuples(small, small, small), de=st.tuples(small, small, small), a=scale, b=utility)
def test_generic_deterrence_affine_invariance(ch, de, a, b):
    # integer utilities keep ties exact and strict gaps >= 1 under the affine maps
    sq, dc, dd = ch
    dc = max(dc, sq + 1)
    base = perfect.generic_deterrence_outcome((sq, dc, dd), de)
    moved = perfect.generic_deterrence_outcome(
        tuple(a * u + b for u in (sq, dc, dd)), tuple(2.5 * u - b for u in de)
    )
    assert base == moved


@pytest.mark.parametrize(
    ("challenger", "defender", "error", "fragment"),
    [
        ({"SQ": 1, "DC": 1, "DD": -1}, (1, -1, 0), ParameterError, "u_Ch(SQ) < u_Ch(DC)"),
        ({"SQ": 0, "DC": 1}, (1, -1, 0), ParameterError, "missing ['dd']"),
        ({"SQ": 0, "DC": 1, "DDD": -1}, (1, -1, 0), ParameterError, "Did you mean 'dd'?"),
        ((0, 1, -1), (1, -1), ParameterError, "must hold 3 numbers"),
        ((0, 1, -1), "SQ DC DD", ParameterError, "must be a OutcomeUtilities instance, a mapping"),
        ((0, 1, float("nan")), (1, -1, 0), ParameterError, "OutcomeUtilities.dd must be finite"),
        ((0, 1, [1, 2]), (1, -1, 0), ParameterError, "must be a single number"),
    ],
)
def test_generic_deterrence_bad_inputs(challenger, defender, error, fragment):
    with pytest.raises(error) as info:
        perfect.generic_deterrence_outcome(challenger, defender)
    assert fragment in str(info.value)


# -- Rudimentary Asymmetric Deterrence Game (V2) --------------------------------------------------


def test_challenge_threshold_v2():
    # p* = (aDC - aSQ) / (aDC - aDD) = (1 - 0) / (1 + 1) = 0.5; with aDD = -3: 1/4
    assert perfect.challenge_threshold(-1, 0, 1) == pytest.approx(0.5, abs=1e-15)
    assert perfect.challenge_threshold(-3, 0, 1) == pytest.approx(0.25, abs=1e-15)
    np.testing.assert_allclose(perfect.challenge_threshold([-1, -3], 0, 1), [0.5, 0.25])


@pytest.mark.parametrize(
    ("p_hard", "eu", "decision"),
    [
        # EU(D) = p aDD + (1 - p) aDC = -0.4 + 0.6 = 0.2 > aSQ = 0 -> challenge
        (0.4, 0.2, "challenge"),
        # -0.6 + 0.4 = -0.2 < 0 -> deterred
        (0.6, -0.2, "deterred"),
        # at p* = 0.5: EU(D) = 0 = aSQ, any probability of challenging is an equilibrium
        (0.5, 0.0, "indifferent"),
    ],
)
def test_challenge_decision_v2(p_hard, eu, decision):
    d = perfect.challenge_decision(p_hard, -1, 0, 1)
    assert d.expected_utility_challenge == pytest.approx(eu, abs=1e-12)
    assert d.utility_status_quo == 0.0
    assert d.threshold == pytest.approx(0.5)
    assert d.decision == decision
    assert isinstance(d.decision, str) and isinstance(d.expected_utility_challenge, float)


def test_challenge_decision_vectorised():
    d = perfect.challenge_decision([0.0, 0.4, 0.5, 1.0], -1, 0, 1)
    np.testing.assert_allclose(d.expected_utility_challenge, [1.0, 0.2, 0.0, -1.0], atol=1e-12)
    assert list(d.decision) == ["challenge", "challenge", "indifferent", "deterred"]
    np.testing.assert_allclose(d.threshold, 0.5)
    np.testing.assert_allclose(d.utility_status_quo, 0.0)


@given(u_sq=utility, below=gap, above=gap)
def test_challenge_threshold_is_the_root_of_the_challenge_gain(u_sq, below, above):
    u_dd, u_dc = u_sq - below, u_sq + above
    p_star = perfect.challenge_threshold(u_dd, u_sq, u_dc)
    assert 0 < p_star < 1

    def gain(p):
        return perfect.challenge_decision(p, u_dd, u_sq, u_dc).expected_utility_challenge - u_sq

    assert brentq(gain, 0.0, 1.0, xtol=1e-14) == pytest.approx(p_star, abs=1e-9)


@given(u=st.tuples(utility, gap, gap), a=scale, b=utility)
def test_challenge_threshold_affine_invariance(u, a, b):
    u_dd = u[0]
    u_sq = u_dd + u[1]
    u_dc = u_sq + u[2]
    p = perfect.challenge_threshold(u_dd, u_sq, u_dc)
    moved = perfect.challenge_threshold(a * u_dd + b, a * u_sq + b, a * u_dc + b)
    assert moved == pytest.approx(p, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((0, 0, 1), "requires u_dd < u_sq < u_dc; got u_dd=0 >= u_sq=0"),
        ((-1, 2, 1), "got u_sq=2 >= u_dc=1"),
        # the first bad element of a broadcast array is the one named
        (([-1, -2, 0.5], 0, 1), "got u_dd=0.5 >= u_sq=0"),
    ],
)
def test_challenge_threshold_bad_ordering(args, fragment):
    with pytest.raises(ParameterError) as info:
        perfect.challenge_threshold(*args)
    assert fragment in str(info.value)
    assert "Rudimentary Asymmetric Deterrence Game" in str(info.value)


def test_challenge_threshold_non_finite():
    with pytest.raises(ParameterError, match="u_dd must be finite; got inf"):
        perfect.challenge_threshold(float("inf"), 0, 1)


def test_challenge_decision_bad_probability():
    with pytest.raises(ProbabilityError, match="p_hard must be a probability in"):
        perfect.challenge_decision(1.5, -1, 0, 1)


# -- Mutual Deterrence Game (V3) ----------------------------------------------------------------


def test_mutual_deterrence_thresholds_v3():
    # C^tau = (win - SQ) / (win - DD^tau): Hard 1 / (1 + 0.5) = 2/3, Soft 1 / (1 + 2) = 1/3
    c = perfect.mutual_deterrence_thresholds(1, 0, -0.5, -2)
    assert c.hard == pytest.approx(2 / 3, abs=1e-15)
    assert c.soft == pytest.approx(1 / 3, abs=1e-15)
    hard, soft = c
    assert (hard, soft) == (c.hard, c.soft)
    assert MutualDeterrencePayoffs(1, 0, -0.5, -2).thresholds() == c


V3 = {"win": 1, "sq": 0, "dd_hard": -0.5, "dd_soft": -2}


@pytest.mark.parametrize(
    ("p_a", "p_b", "stable"),
    [
        # both may be Hard: each needs the other's p >= C^H = 2/3
        (0.7, 0.7, True),
        (2 / 3, 2 / 3, True),  # tie rule: p_j = C^H counts as deterred
        (0.7, 0.6, False),
        # A certainly Soft: B faces certain concession (p_a = 0 < C_B^S = 1/3) and initiates
        (0.0, 0.5, False),
        (0.0, 0.0, False),
        # both certainly Hard
        (1.0, 1.0, True),
    ],
)
def test_status_quo_stable_v3(p_a, p_b, stable):
    assert perfect.status_quo_stable(p_a, p_b, utilities_a=V3) is stable


def test_status_quo_stable_asymmetric_players():
    # B: C_B^H = (1 - 0) / (1 + 0.1) = 1/1.1 = 0.909..., C_B^S = 1/2; A as in V3 (C_A^H = 2/3)
    b = {"win": 1, "sq": 0, "dd_hard": -0.1, "dd_soft": -1}
    assert perfect.status_quo_stable(0.95, 0.7, utilities_a=V3, utilities_b=b) is True
    # p_a = 0.9 < C_B^H: B initiates although A is deterred
    assert perfect.status_quo_stable(0.9, 0.7, utilities_a=V3, utilities_b=b) is False
    # p_b = 0.6 < C_A^H: A initiates although B is deterred
    assert perfect.status_quo_stable(0.95, 0.6, utilities_a=V3, utilities_b=b) is False
    # swapping the roles swaps the arguments
    assert perfect.status_quo_stable(0.7, 0.95, utilities_a=b, utilities_b=V3) is True


@given(p=st.floats(0, 1))
def test_status_quo_never_stable_against_a_certainly_soft_player(p):
    # p_a = 0: B's retaliation-free initiation pays, since 0 < C_B^S
    assert not perfect.status_quo_stable(0.0, p, utilities_a=V3)
    assert not perfect.status_quo_stable(p, 0.0, utilities_a=V3)


def test_status_quo_stable_vectorised_matches_scalar():
    p = np.linspace(0, 1, 7)
    grid = perfect.status_quo_stable(p[:, None], p[None, :], utilities_a=V3)
    assert grid.shape == (7, 7) and grid.dtype == bool
    for i, j in itertools.product(range(7), range(7)):
        assert grid[i, j] == perfect.status_quo_stable(p[i], p[j], utilities_a=V3)


@given(win=utility, gaps=st.tuples(gap, gap, gap))
def test_mutual_thresholds_ordered_in_unit_interval(win, gaps):
    sq = win - gaps[0]
    dd_hard = sq - gaps[1]
    dd_soft = dd_hard - gaps[2]
    c = perfect.mutual_deterrence_thresholds(win, sq, dd_hard, dd_soft)
    assert 0 < c.soft < c.hard < 1


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((1, 0, -2, -0.5), "got u_dd_soft=-0.5 >= u_dd_hard=-2"),
        ((1, 0, 0.5, -2), "got u_dd_hard=0.5 >= u_sq=0"),
        ((0, 0, -0.5, -2), "got u_sq=0 >= u_win=0"),
    ],
)
def test_mutual_deterrence_bad_ordering(args, fragment):
    with pytest.raises(ParameterError) as info:
        perfect.mutual_deterrence_thresholds(*args)
    assert "u_dd_soft < u_dd_hard < u_sq < u_win" in str(info.value)
    assert fragment in str(info.value)


def test_status_quo_stable_bad_inputs():
    with pytest.raises(ProbabilityError, match="p_b must be a probability"):
        perfect.status_quo_stable(0.5, -0.1, utilities_a=V3)
    with pytest.raises(ParameterError, match="Did you mean 'dd_hard'"):
        perfect.status_quo_stable(0.5, 0.5, utilities_a={**V3, "dd_hrd": 1})


# -- Asymmetric Escalation Game orderings (App. 8) -----------------------------------------------

# V4's complete-information payoffs: each player's outcomes ranked 0, 1, 2, ... worst to best
C_V4 = dict(zip(CHALLENGER_ESCALATION_ORDER, range(7), strict=True))
D_V4 = dict(zip(DEFENDER_ESCALATION_ORDER, range(8), strict=True))


def test_check_escalation_payoffs_v4():
    c, d = perfect.check_escalation_payoffs(C_V4, D_V4)
    assert c == {"EE-": 0.0, "DE": 1.0, "EE+": 2.0, "DD": 3.0, "ED": 4.0, "SQ": 5.0, "DC": 6.0}
    assert list(d) == list(DEFENDER_ESCALATION_ORDER)
    assert all(isinstance(v, float) for v in (*c.values(), *d.values()))
    # keys are case-insensitive
    lower = perfect.check_escalation_payoffs({k.lower(): v for k, v in C_V4.items()}, D_V4)
    assert lower[0] == c


@pytest.mark.parametrize(
    ("who", "order", "i"),
    [("challenger", CHALLENGER_ESCALATION_ORDER, i) for i in range(6)]
    + [("defender", DEFENDER_ESCALATION_ORDER, i) for i in range(7)],
)
def test_check_escalation_payoffs_names_each_broken_pair(who, order, i):
    base = C_V4 if who == "challenger" else D_V4
    low, high = order[i], order[i + 1]
    broken = {**base, low: base[high], high: base[low]}  # swap two neighbours
    args = (broken, D_V4) if who == "challenger" else (C_V4, broken)
    prefix = who[0]
    with pytest.raises(ParameterError) as info:
        perfect.check_escalation_payoffs(*args)
    message = str(info.value)
    assert f"The Asymmetric Escalation Game ({who})" in message
    assert " < ".join(prefix + k for k in order) in message
    assert f"got {prefix}{low}={base[high]} >= {prefix}{high}={base[low]}" in message


@pytest.mark.parametrize(
    ("challenger", "defender", "fragment"),
    [
        (
            {k: v for k, v in C_V4.items() if k != "ED"},
            D_V4,
            "challenger payoffs is missing ['ED']",
        ),
        ({**C_V4, "EE": 0}, D_V4, "unknown key 'EE'"),
        (C_V4, {**D_V4, "DD*": 1}, "Did you mean 'DD-'?"),
        (list(range(7)), D_V4, "challenger payoffs must be a mapping"),
        (C_V4, {**D_V4, "SQ": "high"}, "defender['SQ'] must be a number"),
    ],
)
def test_check_escalation_payoffs_bad_keys(challenger, defender, fragment):
    with pytest.raises(ParameterError) as info:
        perfect.check_escalation_payoffs(challenger, defender)
    assert fragment in str(info.value)
