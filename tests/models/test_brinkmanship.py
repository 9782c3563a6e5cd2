"""Tests of deterrence.models.brinkmanship: critical risk and the Schelling/Dixit-Skeath window.

V-case ids refer to MODELS.md §2.3 / §3.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import brentq

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import brinkmanship
from deterrence.models.brinkmanship import Stakes, Target, Threatener

utility = st.floats(-100, 100, allow_nan=False, allow_infinity=False)
gap = st.floats(0.01, 50)

# V9 payoffs
TARGET = Target(win=2, comply=-2, disaster=-10)
THREATENER = Threatener(win=1, acquiesce=-2, disaster=-10)

# -- critical risk (V10) ------------------------------------------------------------------------


def test_critical_risk_v10():
    # Iran: (1 - 0) / (1 + 9) = 0.1; Israel: (1 + 1) / (1 + 20) = 2/21 = 0.0952
    assert brinkmanship.critical_risk(1, 0, -9) == pytest.approx(0.1, abs=1e-15)
    assert brinkmanship.critical_risk(1, -1, -20) == pytest.approx(2 / 21, abs=1e-15)
    assert round(brinkmanship.critical_risk(1, -1, -20), 4) == 0.0952
    np.testing.assert_allclose(
        brinkmanship.critical_risk(1, [0, -1], [-9, -20]), [0.1, 2 / 21], rtol=1e-15
    )


def test_critical_risk_is_the_indifference_risk():
    # at r = critical risk: (1 - r) win + r war = concede, i.e. 0.9 * 1 + 0.1 * (-9) = 0
    r = brinkmanship.critical_risk(1, 0, -9)
    assert (1 - r) * 1 + r * -9 == pytest.approx(0, abs=1e-15)


@given(war=utility, below=gap, above=gap, a=st.floats(0.1, 10), b=utility)
def test_critical_risk_in_unit_interval_and_affine_invariant(war, below, above, a, b):
    concede = war + below
    win = concede + above
    r = brinkmanship.critical_risk(win, concede, war)
    assert 0 < r < 1
    moved = brinkmanship.critical_risk(a * win + b, a * concede + b, a * war + b)
    assert moved == pytest.approx(r, rel=1e-9, abs=1e-12)


def test_prevails_v10():
    # Iran's critical risk 0.1 exceeds Israel's 0.0952: Israel quits first, Iran prevails
    assert brinkmanship.prevails((1, 0, -9), (1, -1, -20), names=("Iran", "Israel")) == "Iran"
    assert brinkmanship.prevails(Stakes(1, -1, -20), {"win": 1, "concede": 0, "war": -9}) == "B"
    # equal critical risks (0.1 each, the second is the first scaled by 2)
    assert brinkmanship.prevails((1, 0, -9), (2, 0, -18)) == "tie"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ((1, 0, 0), "Critical risk requires war < concede < win; got war=0 >= concede=0"),
        ((1, 2, -9), "got concede=2 >= win=1"),
        ((1, [0, 0], [-9, 5]), "got war=5 >= concede=0"),
        ((1, None, -9), "concede must be a number"),
    ],
)
def test_critical_risk_bad_inputs(args, fragment):
    with pytest.raises(ParameterError) as info:
        brinkmanship.critical_risk(*args)
    assert fragment in str(info.value)


def test_prevails_bad_inputs():
    with pytest.raises(ParameterError, match="Stakes .critical risk. requires war < concede < win"):
        brinkmanship.prevails((1, 0, 2), (1, 0, -9))
    with pytest.raises(ParameterError, match="Did you mean 'concede'"):
        brinkmanship.prevails({"win": 1, "concde": 0, "war": -9}, (1, 0, -9))


# -- the risk window (V9) -----------------------------------------------------------------------


def test_effectiveness_threshold_v9():
    # q_min = (w_T - c_T) / (w_T - d_T) = (2 + 2) / (2 + 10) = 1/3
    assert brinkmanship.effectiveness_threshold(2, -2, -10) == pytest.approx(1 / 3, abs=1e-15)


def test_acceptability_threshold_v9():
    # q_max(p) = (1 - p)(1 + 2) / (p (-2 + 10)) = 3 (1 - p) / (8 p); at p = 0.4: 1.8 / 3.2 = 0.5625
    p = np.linspace(0.05, 1, 20)
    np.testing.assert_allclose(
        brinkmanship.acceptability_threshold(p, 1, -2, -10), 3 * (1 - p) / (8 * p), rtol=1e-14
    )
    assert brinkmanship.acceptability_threshold(0.4, 1, -2, -10) == pytest.approx(0.5625)
    # no hard type: every risk is acceptable
    assert brinkmanship.acceptability_threshold(0.0, 1, -2, -10) == np.inf


def test_acceptability_is_the_threateners_indifference():
    # at q = q_max: (1 - p) u_W + p (q u_D + (1 - q) u_A) = u_A
    p = 0.4
    q = brinkmanship.acceptability_threshold(p, 1, -2, -10)
    assert (1 - p) * 1 + p * (q * -10 + (1 - q) * -2) == pytest.approx(-2, abs=1e-14)


def test_risk_window_v9():
    # window at p = 0.4: [1/3, 0.5625]
    low, high = brinkmanship.risk_window(0.4, target=TARGET, threatener=THREATENER)
    assert low == pytest.approx(1 / 3, abs=1e-15)
    assert high == pytest.approx(0.5625, abs=1e-15)
    # closes at p* = K / (K + q_min), K = 3/8: (3/8) / (3/8 + 1/3) = 9/17 = 0.529
    p_star = brinkmanship.window_closes_at(target=TARGET, threatener=THREATENER)
    assert p_star == pytest.approx(9 / 17, abs=1e-15)
    assert brinkmanship.risk_window(0.6, target=TARGET, threatener=THREATENER) is None


def test_window_closes_at_matches_brentq():
    q_min = brinkmanship.effectiveness_threshold(2, -2, -10)
    root = brentq(
        lambda p: brinkmanship.acceptability_threshold(p, 1, -2, -10) - q_min,
        0.01,
        1.0,
        xtol=1e-14,
    )
    assert root == pytest.approx(9 / 17, abs=1e-12)
    p_star = brinkmanship.window_closes_at(target=(2, -2, -10), threatener=(1, -2, -10))
    assert root == pytest.approx(p_star, abs=1e-12)


def test_risk_window_edges():
    kw = {"target": TARGET, "threatener": THREATENER}
    # p = 0: q_max is infinite, so the window is capped at certainty
    assert brinkmanship.risk_window(0.0, **kw) == pytest.approx((1 / 3, 1.0))
    # p small enough that q_max > 1: 3 (1 - 0.2) / 1.6 = 1.5 -> capped at 1
    assert brinkmanship.risk_window(0.2, **kw)[1] == 1.0
    # tie rule: at p* the window is the single point q_min
    p_star = brinkmanship.window_closes_at(**kw)
    low, high = brinkmanship.risk_window(p_star, **kw)
    assert low == pytest.approx(1 / 3) and high == pytest.approx(low, abs=1e-15)
    assert brinkmanship.risk_window(min(1.0, p_star + 1e-9), **kw) is None


def test_risk_window_vectorised():
    p = np.array([0.0, 0.4, 0.6, 1.0])
    low, high = brinkmanship.risk_window(p, target=TARGET, threatener=THREATENER)
    np.testing.assert_allclose(low, [1 / 3, 1 / 3, np.nan, np.nan])
    np.testing.assert_allclose(high, [1.0, 0.5625, np.nan, np.nan])


def test_risk_window_accepts_mappings_and_sequences():
    by_mapping = brinkmanship.risk_window(
        0.4,
        target={"win": 2, "comply": -2, "disaster": -10},
        threatener={"WIN": 1, "Acquiesce": -2, "disaster": -10},
    )
    by_sequence = brinkmanship.risk_window(0.4, target=(2, -2, -10), threatener=[1, -2, -10])
    assert by_mapping == by_sequence == pytest.approx((1 / 3, 0.5625))


@st.composite
def brinkmanship_payoffs(draw):
    d_t = draw(utility)
    c_t = d_t + draw(gap)
    w_t = c_t + draw(gap)
    u_d = draw(utility)
    u_a = u_d + draw(gap)
    u_w = u_a + draw(gap)
    return Target(w_t, c_t, d_t), Threatener(u_w, u_a, u_d)


@given(payoffs=brinkmanship_payoffs(), p=st.floats(0, 1))
def test_window_nonempty_iff_p_at_most_p_star(payoffs, p):
    target, threatener = payoffs
    window = brinkmanship.risk_window(p, target=target, threatener=threatener)
    p_star = brinkmanship.window_closes_at(target=target, threatener=threatener)
    assert 0 < p_star < 1
    assert (window is not None) == (p <= p_star)
    # independent check of emptiness by the thresholds themselves, away from p*
    q_min = brinkmanship.effectiveness_threshold(target.win, target.comply, target.disaster)
    q_max = brinkmanship.acceptability_threshold(
        p, threatener.win, threatener.acquiesce, threatener.disaster
    )
    if abs(p - p_star) > 1e-9:
        assert (window is not None) == (q_min <= q_max)
    if window is not None:
        low, high = window
        assert 0 < low <= high <= 1
        assert low == q_min


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"target": (2, -2, 5)}, ParameterError, "requires disaster < comply < win"),
        ({"threatener": (1, 3, -10)}, ParameterError, "got acquiesce=3 >= win=1"),
        ({"target": {"win": 2, "complies": -2, "disaster": -10}}, ParameterError, "'comply'"),
        ({"target": (2, -2)}, ParameterError, "must hold 3 numbers"),
        ({"p": 1.2}, ProbabilityError, "p must be a probability in [0, 1]; got 1.2"),
        ({"p": [0.5, -0.1]}, ProbabilityError, "got -0.1"),
    ],
)
def test_risk_window_bad_inputs(kwargs, error, fragment):
    args = {"p": 0.4, "target": TARGET, "threatener": THREATENER, **kwargs}
    with pytest.raises(error) as info:
        brinkmanship.risk_window(args.pop("p"), **args)
    assert fragment in str(info.value)


def test_threshold_functions_bad_inputs():
    with pytest.raises(ParameterError, match="target requires disaster < comply < win"):
        brinkmanship.effectiveness_threshold(2, 3, -10)
    with pytest.raises(ProbabilityError, match="p must be a probability"):
        brinkmanship.acceptability_threshold(2, 1, -2, -10)
    with pytest.raises(ParameterError, match="Threatener.disaster must be finite"):
        Threatener(1, -2, float("-inf"))
