"""The crisis tree agrees with the calibrated-response model and the 3x3 retaliation game."""

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.games.crisis import (
    RESPONSE_CLASSES,
    best_response_class,
    crisis_tree,
    response_sizes,
)
from deterrence.solve.verify import verify


@pytest.fixture(scope="module")
def iran():
    return dt.load_scenario("iran-2024")


def test_response_sizes(iran):
    # major = salvo 150 x q, q = 0.7 * (1 - 0.8) = 0.14 -> 21 leakers; calibrated = 21 / 3 = 7
    sizes = response_sizes(iran)
    assert sizes["restraint"] == 0
    assert sizes["major"] == pytest.approx(21.0)
    assert sizes["calibrated"] == pytest.approx(7.0)


def test_no_proxy_tree_equals_calibrated_response_utility(iran):
    # Iran's expected payoff from class r: (R+a)G(r) - a - k r - F(r)(W_I + pi W_US)
    # = CalibratedResponse.utility(r) - a, since Israel escalates iff its tolerance is exceeded
    s = iran.replace(proxy_autonomy=0.0)
    tree = crisis_tree(s)
    sol = dt.spe(tree)
    model = s.calibrated_response()
    a = s.parameters["audience_cost"]
    for c, r in response_sizes(s).items():
        pay = tree.expected_payoffs({**sol.plan, "Iran": c})[0]
        assert pay == pytest.approx(float(model.utility(r)) - a, abs=1e-12)
    assert not sol.ties


def test_proxies_add_escalation_risk(iran):
    # with proxies, P(esc | r) = ab F(r + r_cal) + (1 - ab) F(r): even restraint risks war.
    # Defaults: a = 0.2, b = 0.6 -> ab = 0.12; F(7) = Phi(ln(7/20)/0.7) = 0.0668
    tree = crisis_tree(iran)
    sol = dt.spe(tree)
    F = iran.tolerance
    ab = iran.parameters["proxy_autonomy"] * iran.parameters["attribution"]
    W = iran.war_cost
    a = iran.parameters["audience_cost"]
    sizes = response_sizes(iran)
    p_esc = ab * F.cdf(0 + sizes["calibrated"]) + (1 - ab) * F.cdf(0)
    assert p_esc == pytest.approx(0.12 * 0.06679, abs=1e-4)
    restraint = tree.expected_payoffs({**sol.plan, "Iran": "restraint"})[0]
    assert restraint == pytest.approx(-a - W * p_esc, abs=1e-12)


def test_spe_profile_is_an_equilibrium_of_the_reduced_normal_form(iran):
    tree = crisis_tree(iran.replace(proxy_autonomy=0.0))
    sol = dt.spe(tree)
    game = dt.reduced_normal_form(tree)
    i = game.strategies[0].index(sol.strategies[0])
    j = game.strategies[1].index(sol.strategies[1])
    x = np.eye(game.shape[0])[i]
    y = np.eye(game.shape[1])[j]
    assert verify(game.A, game.B, x, y) <= 1e-12
    assert game.payoff(i, j) == pytest.approx(sol.payoffs)


@pytest.mark.parametrize(
    "changes, expected",
    [
        # defaults: U(7) = 2(0.921) - 10(0.067) - 0.014 = 1.16 beats U(0) = 0 and U(21) = -3.3;
        # game: calibrated vs proportional 0.1 > restraint -1 > major vs escalate -9
        ({}, "calibrated"),
        # war almost free, W = 0.05 + 0.5 * 0.1 = 0.1: game major 1 - 0.1 = 0.9 > 0.1;
        # model U(21) = 2(0.9994) - 0.1(0.528) - 0.042 = 1.904 > U(7) = 1.821
        ({"cost_israeli_escalation": 0.05, "p_us_entry": 0.5, "cost_us_entry": 0.1}, "major"),
        # little at stake, R = 0.2, a = 0: game calibrated 0.5(0.2) - 0.4 = -0.3 < restraint 0;
        # model U(7) = 0.2(0.921) - 10(0.067) - 0.014 = -0.50 < U(0) = 0
        ({"reputation_stake": 0.2, "audience_cost": 0.0}, "restraint"),
    ],
)
def test_three_views_agree_across_thresholds(iran, changes, expected):
    views = best_response_class(iran.replace(**changes))
    assert views == {"game": expected, "tree": expected, "model": expected}


def test_scenario_method_and_bad_input(iran):
    assert dt.spe(iran.crisis_tree()).plan["Iran"] in RESPONSE_CLASSES
    with pytest.raises(TypeError, match="Scenario"):
        crisis_tree({"salvo_size": 10})
    with pytest.raises(ParameterError, match="salvo_size"):
        response_sizes(iran.replace(salvo_size=0))
