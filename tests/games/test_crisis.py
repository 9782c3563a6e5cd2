"""The crisis by role: the exchange tree and its normal form, credibility, the crisis tree.

Numbers are derived in the comments from the payoffs in deterrence.games.crisis (defaults:
R̄ = 1, a = 1, s = 0.5, ℓ_major = 3, d = 0.4, f = 1, c = 0.25, C_E = 1.5, V_P = 0,
W = W_D + π_P·W_P = 6 + 0.5·8 = 10).
"""

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.games.crisis import (
    RESPONSE_CLASSES,
    RETALIATION_STRATEGIES,
    best_response_class,
    crisis_tree,
    defender_war_cost_of_type,
    exchange_tree,
    response_sizes,
    retaliation_commitment_game,
    retaliation_game,
    retaliation_payoffs,
)
from deterrence.solve.verify import verify


@pytest.fixture(scope="module")
def iran():
    return dt.load_scenario("iran-2024")


# -- the exchange tree and its normal form -------------------------------------------------------


def test_retaliation_game_is_the_normal_form_of_the_exchange_tree():
    tree = exchange_tree()
    game = retaliation_game()
    assert game.shape == (3, 9)  # 3 responses × (3 replies to calibrated × 3 to major)
    assert game.tree is not None
    direct = dt.reduced_normal_form(tree)
    assert np.array_equal(game.A, direct.A) and np.array_equal(game.B, direct.B)
    assert game.strategies == direct.strategies == RETALIATION_STRATEGIES
    # the vectorised payoffs are the same numbers, one game or a stack
    A, B = retaliation_payoffs()
    assert np.allclose(A, game.A, atol=1e-15) and np.allclose(B, game.B, atol=1e-15)
    As, Bs = retaliation_payoffs(reputation_stake=[0.5, 2.0], p_patron_entry=[0.2, 0.9])
    for k, (R, pi) in enumerate([(0.5, 0.2), (2.0, 0.9)]):
        g = retaliation_game(reputation_stake=R, p_patron_entry=pi)
        assert np.allclose(As[k], g.A, atol=1e-14) and np.allclose(Bs[k], g.B, atol=1e-14)


def test_exchange_payoffs_by_hand():
    g = retaliation_game()
    # restraint: −a = −1 whatever the plan; the defender 0
    assert g.A[0].tolist() == [-1.0] * 9 and g.B[0].tolist() == [0.0] * 9
    # calibrated (ℓ = 1) met in kind: s·R̄ − d = 0.1; the defender −c − f/2 = −0.75
    col = g.strategies[1].index("proportional|escalate")
    assert g.payoff(1, col) == pytest.approx((0.1, -0.75))
    # major (ℓ = 3) met by escalation: R̄ − W = −9; the defender −C_E = −1.5
    assert g.payoff(2, col) == pytest.approx((-9.0, -1.5))
    # with V_P = 2 and π_P = 0.5 the defender's escalation costs 1.5 − 0.5·2 = 0.5
    assert retaliation_game(defender_patron_value=2.0).payoff(2, col)[1] == pytest.approx(-0.5)


def test_at_reputation_stake_2_the_credible_equilibrium_plays_the_calibrated_strike():
    # Backward induction (R̄ = 2): after a calibrated strike the defender compares absorb −1,
    # in kind −0.75, escalate −1.5 -> in kind; after a major one −3, −1.75, −1.5 -> escalate.
    # The challenger: restraint −1, calibrated 0.5·2 − 0.4 = 0.6, major 2 − 10 = −8 -> calibrated.
    g = retaliation_game(reputation_stake=2)
    spe = dt.spe(g.tree)
    assert (spe.plan["start"], spe.plan["calibrated"], spe.plan["major"]) == (
        "calibrated",
        "proportional",
        "escalate",
    )
    eqs = dt.solve(g)
    credible = eqs.credible
    assert [e.describe() for e in credible] == ["calibrated / proportional|escalate"]
    assert credible[0].payoffs == pytest.approx(spe.payoffs)
    assert spe.payoffs == pytest.approx((0.6, -0.75))
    # the non-credible equilibria: restraint deterred by threats to escalate against a
    # calibrated strike that the defender would not carry out
    assert any(e.support[0] == ("restraint",) for e in eqs)
    assert all(e not in credible for e in eqs if e.support[0] == ("restraint",))
    frame = eqs.to_frame()
    assert frame["credible"].sum() == 1
    assert "credible" in eqs._repr_html_()
    # the commitment game has only the non-credible pure equilibrium here
    com = dt.solve(retaliation_commitment_game(reputation_stake=2))
    assert [e.describe() for e in com.pure] == ["restraint / escalate"]
    assert com.credible is None  # no tree: credibility is not defined


def _spe_class(**kw):
    return dt.spe(exchange_tree(**kw)).plan["start"]


def test_credible_outcome_thresholds_along_reputation_stake_and_audience_cost():
    # Along R̄ (others default): the defender's replies do not depend on R̄ (in kind to a
    # calibrated strike, escalation against a major one), so the challenger compares
    # −a = −1, 0.5·R̄ − 0.4 and R̄ − 10: calibrated beats restraint for every R̄ >= 0 and major
    # beats calibrated iff 0.5·R̄ > 9.6, i.e. above R̄ = 19.2.
    assert _spe_class(reputation_stake=19.19) == "calibrated"
    assert _spe_class(reputation_stake=19.21) == "major"
    # Along a with R̄ = 0.5: restraint −a against calibrated 0.25 − 0.4 = −0.15 (major
    # 0.5 − 10 never): calibrated iff a > 0.15.
    assert _spe_class(reputation_stake=0.5, audience_cost=0.149) == "restraint"
    assert _spe_class(reputation_stake=0.5, audience_cost=0.151) == "calibrated"
    # the credible equilibrium of the normal form follows the same outcome on both sides
    for kw, cls in (
        ({"reputation_stake": 19.21}, "major"),
        ({"reputation_stake": 0.5, "audience_cost": 0.149}, "restraint"),
    ):
        credible = dt.solve(retaliation_game(**kw)).credible
        assert credible and all(e.support[0] == (cls,) for e in credible)


def test_credible_equilibria_match_backward_induction_on_random_exchanges():
    rng = np.random.default_rng(7)
    for _ in range(25):
        kw = {
            "reputation_stake": rng.uniform(0, 5),
            "audience_cost": rng.uniform(0, 3),
            "cost_of_escalation": rng.uniform(0, 12),
            "p_patron_entry": rng.uniform(0, 1),
            "defender_deterrence_loss": rng.uniform(0.1, 3),
            "defender_reply_cost": rng.uniform(0, 1),
            "defender_war_cost": rng.uniform(0.1, 5),
            "proportional_damage": rng.uniform(0, 1),
        }
        g = retaliation_game(**kw)
        spe = dt.spe(g.tree)
        credible = dt.solve(g).credible
        assert credible, kw
        # generic payoffs: one SPE, and it is the unique credible (pure) equilibrium
        assert [e.is_pure for e in credible] == [True], kw
        assert credible[0].support == tuple((s,) for s in spe.strategies), kw
        assert credible[0].payoffs == pytest.approx(spe.payoffs)


def test_retaliation_game_takes_role_names_and_refuses_bad_input(iran):
    g = iran.retaliation_game()
    assert g.players == ("Iran", "Israel")
    tree = g.tree
    assert any("United States enters" in str(e) for e in tree.edges())
    with pytest.raises(ParameterError, match="p_patron_entry must be a probability"):
        retaliation_game(p_patron_entry=1.2)
    with pytest.raises(ParameterError, match="Did you mean 'reputation_stake'"):
        retaliation_game(reputation_stak=1)
    with pytest.raises(ParameterError, match="retaliation_payoffs"):
        retaliation_game(reputation_stake=[1, 2])


def test_credible_on_a_tree_with_ties():
    # A Defender indifferent between conceding and denying (both −1): both SPE plans give
    # credible equilibria of the normal form.
    t = (
        dt.GameTree.builder(("Challenger", "Defender"))
        .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
        .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
        .terminal("SQ", (0, 1))
        .terminal("DC", (1, -1))
        .terminal("DD", (-1, -1))
        .build()
    )
    eqs = dt.solve(dt.reduced_normal_form(t))
    assert {e.describe() for e in eqs.credible} >= {"demand / concede", "cooperate / deny"}


# -- the crisis tree ----------------------------------------------------------------------------


def test_response_sizes(iran):
    # major = salvo 150 x q, q = 0.7 * (1 - 0.8) = 0.14 -> 21 leakers; calibrated = 21 / 3 = 7
    sizes = response_sizes(iran)
    assert sizes["restraint"] == 0
    assert sizes["major"] == pytest.approx(21.0)
    assert sizes["calibrated"] == pytest.approx(7.0)


def test_type_war_cost_makes_the_tolerance_the_escalation_threshold():
    # g(x) = min(f·x, c + f·x/2); a type θ escalates iff the strike ℓ it sees exceeds θ/r_cal
    f, c, r_cal = 1.0, 0.25, 7.0
    for theta in (2.0, 3.5, 20.0, 80.0):
        C = float(
            defender_war_cost_of_type(theta, deterrence_loss=f, reply_cost=c, calibrated_size=r_cal)
        )
        for seen in (theta * 0.9, theta * 1.1):
            ell = seen / r_cal
            best_other = max(-f * ell, -c - f * ell / 2)
            assert (-C > best_other) == (seen > theta)


def test_no_proxy_tree_equals_the_window_model_less_replies_in_kind(iran):
    # Without proxies the challenger's expected payoff from class r is
    # (R̄+a)G(r) − a − κr − F(r)·W − (1 − F(r))·d·ℓ·[f·ℓ/2 > c], ℓ = r / r_cal:
    # types exceeded escalate, the others reply in kind when f·ℓ/2 > c (ℓ = 1, 3: yes; 0: no).
    # That is CalibratedResponse.utility(r) − a − (1 − F(r))·d·ℓ.
    s = iran.replace(proxy_autonomy=0.0)
    tree = crisis_tree(s)
    sol = dt.spe(tree)
    model = s.calibrated_response()
    a, d = s.parameters["audience_cost"], s.parameters["proportional_damage"]
    sizes = response_sizes(s)
    for c, r in sizes.items():
        ell = r / sizes["calibrated"]
        pay = tree.expected_payoffs({**sol.plan, "Iran": c})[0]
        expected = float(model.utility(r)) - a - (1 - s.tolerance.cdf(r)) * d * ell
        assert pay == pytest.approx(expected, abs=1e-12)
    assert not sol.ties
    # with d = 0 the tree is exactly the window model
    s0 = s.replace(proportional_damage=0.0)
    t0 = crisis_tree(s0)
    for c, r in sizes.items():
        pay = t0.expected_payoffs({**dt.spe(t0).plan, "Iran": c})[0]
        assert pay == pytest.approx(float(s0.calibrated_response().utility(r)) - a, abs=1e-12)


def test_proxies_add_escalation_risk(iran):
    # With the challenger's proxies, an attack attributed to it (probability α·β = 0.12) adds a
    # calibrated strike to what the defender sees. After restraint: seen r_cal = 7 w.p. 0.12:
    # exceeded types (F(7) = Φ(ln(7/20)/0.7) = 0.06684) escalate (−W), the others reply in kind
    # (−d·1); restraint pays −a − 0.12·(F(7)·W + (1 − F(7))·d).
    tree = crisis_tree(iran)
    sol = dt.spe(tree)
    F = iran.tolerance
    p = iran.parameters
    ab = p["proxy_autonomy"] * p["attribution"]
    Fc = F.cdf(response_sizes(iran)["calibrated"])
    assert Fc == pytest.approx(0.06684, abs=1e-5)
    restraint = tree.expected_payoffs({**sol.plan, "Iran": "restraint"})[0]
    expected = -p["audience_cost"] - ab * (Fc * iran.war_cost + (1 - Fc) * p["proportional_damage"])
    assert restraint == pytest.approx(expected, abs=1e-12)


def test_defender_sponsored_proxies_do_not_strike_the_defender():
    tower = dt.load_scenario("tower-22")  # the militias are Iran's (the defender's) proxies
    tree = crisis_tree(tower)
    assert not any("proxy strike" in str(e) for e in tree.edges())


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
        # defaults: game calibrated 0.1 > restraint −1 > major −9; tree calibrated −0.52 >
        # restraint −1.13 > major −5.07; model U(7) = 1.16 > U(0) = 0 > U(21) = −3.3
        ({}, "calibrated"),
        # war almost free (W = 0.1) and replies in kind cheap (d = 0.1): game major
        # 1 − 0.1 = 0.9 > calibrated 0.4; tree major 0.76 > calibrated 0.72; model U(21) > U(7)
        (
            {
                "cost_of_escalation": 0.05,
                "p_patron_entry": 0.5,
                "cost_patron_entry": 0.1,
                "proportional_damage": 0.1,
            },
            "major",
        ),
        # little at stake, R = 0.2, a = 0: game calibrated 0.5(0.2) − 0.4 = −0.3 < restraint 0;
        # model U(7) = 0.2(0.921) − 10(0.067) − 0.014 = −0.50 < U(0) = 0
        ({"reputation_stake": 0.2, "audience_cost": 0.0}, "restraint"),
    ],
)
def test_three_views_at_clear_cases(iran, changes, expected):
    views = best_response_class(iran.replace(**changes))
    assert views == {"game": expected, "tree": expected, "model": expected}


def test_the_views_are_different_models_and_may_disagree(iran):
    # war almost free but replies in kind costly (d = 0.4): the exchange game (no sizes)
    # picks major (0.9 > 0.1), the window model too, but in the tree the 94 % of defender
    # types that reply in kind to a major strike cost 3·0.4 = 1.2: calibrated 0.42 > 0.34.
    s = iran.replace(cost_of_escalation=0.05, p_patron_entry=0.5, cost_patron_entry=0.1)
    assert best_response_class(s) == {"game": "major", "tree": "calibrated", "model": "major"}


def test_scenario_method_and_bad_input(iran):
    assert dt.spe(iran.crisis_tree()).plan["Iran"] in RESPONSE_CLASSES
    with pytest.raises(TypeError, match="Scenario"):
        crisis_tree({"salvo_size": 10})


# -- thresholds and phase diagrams of the credible (subgame-perfect) outcome ----------------------


def test_credible_thresholds_equal_backward_induction():
    # derived above (test_credible_outcome_thresholds_...): along R̄ the credible outcome turns
    # from the calibrated strike to the major one at R̄ = 2(W − d) = 19.2; along a (R̄ = 0.5)
    # from restraint to the calibrated strike at a = 0.4 − 0.25 = 0.15. key="spe" is the default
    # for retaliation_game, whose game keeps its tree.
    th = dt.find_thresholds(retaliation_game, "reputation_stake", (0.5, 30))
    assert th.key == "spe" and th.values.tolist() == pytest.approx([19.2], abs=1e-9)
    assert "start: calibrated" in th[0].left[0] and "start: major" in th[0].right[0]
    th = dt.find_thresholds(
        retaliation_game, "audience_cost", (0, 3), fixed={"reputation_stake": 0.5}
    )
    assert th.values.tolist() == pytest.approx([0.15], abs=1e-9)
    assert th[0].left == ("start: restraint",)
    # the tree builder itself gives the same
    th = dt.find_thresholds(exchange_tree, "reputation_stake", (0.5, 30))
    assert th.values.tolist() == pytest.approx([19.2], abs=1e-9)


def _five_sixths(x=0.5):
    # the challenger takes x or the defender's game, which pays it 5/6: the choice turns at 5/6
    return (
        dt.GameTree.builder(("Challenger", "Defender"))
        .decision("start", "Challenger", {"take": "T", "press": "P"})
        .decision("P", "Defender", {"yield": "Y", "resist": "R"})
        .terminal("T", (x, 0))
        .terminal("Y", (5 / 6, -1))
        .terminal("R", (-1, -2))
        .build()
    )


def test_tree_thresholds_honour_xtol():
    # exact payoff comparisons: the threshold is 5/6 to xtol, not shifted by a tie tolerance
    for xtol in (1e-6, 1e-10, 1e-12):
        (t,) = dt.find_thresholds(_five_sixths, "x", (0, 1), xtol=xtol)
        assert abs(t.value - 5 / 6) <= xtol
    with pytest.raises(ParameterError, match="key='spe'"):
        dt.find_thresholds(_five_sixths, "x", (0, 1), key="support")


def test_phase_diagram_of_the_credible_outcome():
    # regions of (R̄, a): restraint where −a > 0.5·R̄ − 0.4, else the calibrated strike
    # (the major strike needs R̄ > 19.2): one boundary, the line a = 0.4 − R̄/2
    ph = dt.phase_diagram(
        retaliation_game, ("reputation_stake", 0.2, 3), ("audience_cost", 0, 1), resolution=12
    )
    assert ph.key == "spe" and len(ph.regions) == 2
    R, a = ph.boundary.T
    assert len(R) and np.allclose(a, 0.4 - R / 2, atol=1e-9)
