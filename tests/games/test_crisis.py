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


# -- the crisis tree vectorised: crisis_payoffs + spe_many ----------------------------------------
def test_phase_diagram_of_the_crisis_tree_in_well_under_a_second(iran):
    import time

    from deterrence.games.crisis import crisis_payoffs

    pi, w = np.linspace(0, 1, 100), np.linspace(0, 30, 100)
    crisis_tree(iran)  # the first tree of a process imports scipy.stats (its lognormal cdf)
    start = time.process_time()
    tree, pay, chance = crisis_payoffs(iran, p_us_entry=pi[:, None], cost_us_entry=w[None, :])
    res = dt.spe_many(tree, pay, chance)
    codes, keys = res.codes("path")
    elapsed = time.process_time() - start
    # CPU time (the machine may be shared): about 0.06 s on a 2-core machine
    assert elapsed < 1.0, f"100 x 100 crisis phase diagram took {elapsed:.2f} s of CPU"
    assert pay.shape == (10_000, 36, 2) and codes.shape == (10_000,)
    iran_choice = res.plan[:, res.decision_nodes.index("Iran")].reshape(100, 100)
    # no US risk: the calibrated response (as at the defaults); a likely and costly US entry
    # makes any escalation too expensive: restraint
    assert RESPONSE_CLASSES[iran_choice[0, 0]] == "calibrated"
    assert RESPONSE_CLASSES[iran_choice[-1, -1]] == "restraint"
    # each grid point agrees exactly (plan, payoffs to the last bit) with its own tree
    rng = np.random.default_rng(1)
    for idx in rng.choice(10_000, 12, replace=False):
        i, j = divmod(int(idx), 100)
        point = iran.replace(p_us_entry=float(pi[i]), cost_us_entry=float(w[j]))
        one = dt.spe(crisis_tree(point))
        assert res.actions(int(idx)) == {n: one.plan[n] for n in res.decision_nodes}
        assert tuple(res.payoffs[int(idx)]) == one.payoffs


def test_crisis_payoffs_vary_thresholds_sizes_and_proxies(iran):
    from deterrence.games.crisis import crisis_payoffs

    # one point per override, against the scenario with that value
    cases = [
        {"israel_tolerance": 35.0},
        {"israel_tolerance.sigma_log": 0.4},
        {"weakness_threshold": 5.0},
        {"salvo_size": 60.0},
        {"major_size": 2.0},
        {"proxy_autonomy": 0.0},
    ]
    for kw in cases:
        tree, pay, chance = crisis_payoffs(iran, **{k: [v] for k, v in kw.items()})
        got = dt.spe_many(tree, pay, chance)
        one = dt.spe(crisis_tree(iran.replace(**kw)))
        assert got.actions(0)[tree.root] == one.plan[tree.root], kw
        np.testing.assert_allclose(got.payoffs[0], one.payoffs, rtol=1e-12, atol=1e-12)
    # a Weibull tolerance keeps its family when its median is varied
    weib = iran.replace(families={"israel_tolerance": "weibull"})
    tree, pay, chance = crisis_payoffs(weib, israel_tolerance=[12.0, 35.0])
    got = dt.spe_many(tree, pay, chance)
    for i, m in enumerate((12.0, 35.0)):
        one = dt.spe(crisis_tree(weib.replace(israel_tolerance=m)))
        np.testing.assert_allclose(got.payoffs[i], one.payoffs, rtol=1e-12, atol=1e-12)
    with pytest.raises(ParameterError, match="cannot vary 'p_us_entri'.*Did you mean 'p_us_entry'"):
        crisis_payoffs(iran, p_us_entri=[0.5])
    with pytest.raises(ParameterError, match="must be finite"):
        crisis_payoffs(iran, cost_us_entry=[np.nan])
