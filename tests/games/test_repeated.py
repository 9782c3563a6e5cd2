"""Repeated-game thresholds and the noisy repeated-play simulator (MODELS.md §2.5, V12–V16)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.games.repeated import (
    STRATEGIES,
    AlwaysCooperate,
    AlwaysDefect,
    Cycle,
    GenerousTitForTat,
    GrimTrigger,
    Pavlov,
    TitForTat,
    chicken_cooperation_threshold,
    chicken_mixed_payoff,
    deviation_gain,
    discounted_value,
    generous_tft_forgiveness,
    grim_trigger_threshold,
    shock_breaks,
    simulate,
    tft_threshold,
    violence_equilibrium_threshold,
)

PD = (5, 3, 1, 0)  # (T, R, P, S), MODELS.md V12
PD_BY_NAME = dict(T=5, R=3, P=1, S=0)  # the thresholds take their payoffs by name


# ---------------------------------------------------------------------------------------------
# closed forms
# ---------------------------------------------------------------------------------------------
def test_v12_grim_and_tft_thresholds():
    # V12: grim (T-R)/(T-P) = 2/4 = 1/2; TFT max(2/4, (T-R)/(R-S) = 2/3) = 2/3
    assert grim_trigger_threshold(**PD_BY_NAME) == pytest.approx(0.5, abs=1e-15)
    assert tft_threshold(**PD_BY_NAME) == pytest.approx(2 / 3, abs=1e-15)


def test_v13_generous_tft_forgiveness():
    # V13: min(1 - 2/3, (3-1)/(5-1) = 1/2) = 1/3
    assert generous_tft_forgiveness(**PD_BY_NAME) == pytest.approx(1 / 3, abs=1e-15)


def test_tft_threshold_other_branch():
    # (T,R,P,S) = (4,3,1,-2): (T-R)/(T-P) = 1/3 > (T-R)/(R-S) = 1/5, so TFT's threshold is grim's;
    # GTFT: min(1 - 1/5, (R-P)/(T-P) = 2/3) = 2/3
    assert tft_threshold(T=4, R=3, P=1, S=-2) == pytest.approx(1 / 3)
    assert grim_trigger_threshold(T=4, R=3, P=1, S=-2) == pytest.approx(1 / 3)
    assert generous_tft_forgiveness(T=4, R=3, P=1, S=-2) == pytest.approx(2 / 3)


def test_thresholds_broadcast_over_arrays():
    # T = 5.5: grim 2.5/4.5 = 5/9; TFT max(5/9, 2.5/3 = 5/6)
    T = np.array([5.0, 5.5])
    np.testing.assert_allclose(grim_trigger_threshold(T=T, R=3, P=1, S=0), [0.5, 5 / 9])
    np.testing.assert_allclose(tft_threshold(T=T, R=3, P=1, S=0), [2 / 3, 5 / 6])
    with pytest.raises(ParameterError, match="T\\+S=6.5 >= 2R=6"):
        tft_threshold(T=np.array([5.0, 6.5]), R=3, P=1, S=0)


def test_v15_repeated_chicken():
    # V15 (R,S,T,P) = (0,-1,1,-10): pure (T-R)/(T-S) = 1/2; mixed NE payoff
    # m = (ST - RP)/(T-R+S-P) = -1/10, so (T-R)/(T-m) = 1/1.1
    assert chicken_mixed_payoff(T=1, R=0, S=-1, P=-10) == pytest.approx(-0.1)
    assert chicken_cooperation_threshold(T=1, R=0, S=-1, P=-10) == pytest.approx(0.5)
    assert chicken_cooperation_threshold(
        T=1, R=0, S=-1, P=-10, punishment="mixed"
    ) == pytest.approx(1 / 1.1)


def test_chicken_mixed_payoff_matches_indifference():
    # m is the swerve payoff against Pr(straight) = q = (T-R)/((T-R)+(S-P)); also the straight one
    T, R, S, P = 3.0, 1.0, 0.0, -4.0
    q = (T - R) / ((T - R) + (S - P))
    m = chicken_mixed_payoff(T=T, R=R, S=S, P=P)
    assert m == pytest.approx((1 - q) * R + q * S)
    assert m == pytest.approx((1 - q) * T + q * P)


def test_v16_equilibrium_of_violence_and_shock():
    # V16: (u_E, u_D, u_P) = (0, 2, -8): (2-0)/(2+8) = 0.2; u_D -> 4: 4/12 = 1/3
    assert violence_equilibrium_threshold(0, 2, -8) == pytest.approx(0.2)
    assert violence_equilibrium_threshold(0, 4, -8) == pytest.approx(1 / 3)
    out = shock_breaks(0.25, 0, 2, 4, -8)
    assert out.breaks and bool(out)
    assert out.threshold_before == pytest.approx(0.2)
    assert out.threshold_after == pytest.approx(1 / 3)
    # outside (0.2, 1/3) the shock does not break it; 0.2 itself is sustained before (tie rule)
    res = shock_breaks(np.array([0.1, 0.2, 0.3, 1 / 3, 0.5]), 0, 2, 4, -8)
    np.testing.assert_array_equal(res.breaks, [False, True, True, False, False])


@settings(max_examples=60, deadline=None)
@given(
    S=st.floats(-5, 5),
    gaps=st.tuples(st.floats(0.1, 5), st.floats(0.1, 5), st.floats(0.1, 5)),
    delta=st.floats(0.01, 0.98),
)
def test_grim_threshold_is_the_indifference_point(S, gaps, delta):
    # property: cooperating R/(1-δ) beats defecting T + δP/(1-δ) exactly when δ > δ*
    P = S + gaps[0]
    R = P + gaps[1]
    T = R + gaps[2]
    if 2 * R <= T + S:
        return
    d_star = grim_trigger_threshold(T=T, R=R, P=P, S=S)
    coop = R / (1 - delta)
    defect = T + delta * P / (1 - delta)
    if abs(delta - d_star) > 1e-9:
        assert (coop > defect) == (delta > d_star)


def test_thresholds_invariant_to_affine_payoff_transforms():
    a, b = 2.5, -7.0
    t = [a * x + b for x in PD]
    assert grim_trigger_threshold(**dict(zip("TRPS", t, strict=True))) == pytest.approx(0.5)
    assert tft_threshold(**dict(zip("TRPS", t, strict=True))) == pytest.approx(2 / 3)
    assert generous_tft_forgiveness(**dict(zip("TRPS", t, strict=True))) == pytest.approx(1 / 3)


# ---------------------------------------------------------------------------------------------
# discounted values and the deviation check
# ---------------------------------------------------------------------------------------------
def test_discounted_value_closed_forms():
    # finite: 1 + 2δ + 3δ² at δ = 0.5 -> 1 + 1 + 0.75
    assert discounted_value([1, 2, 3], 0.5) == pytest.approx(2.75)
    # periodic (5, 0) forever: 5/(1-δ²); (3) forever: 3/(1-δ)
    assert discounted_value([5, 0], 0.66, periodic=True) == pytest.approx(5 / (1 - 0.66**2))
    np.testing.assert_allclose(discounted_value([3], [0.5, 0.9], periodic=True), [6.0, 30.0])


def test_v12_deviation_pays_just_below_tft_threshold():
    # V12 normalisation: unnormalised infinite-horizon sums Σ_{t≥0} δ^t u_t.
    # At δ = 0.66: alternation D,C,D,C vs TFT pays T/(1-δ²) = 5/0.5644 = 8.859;
    # conforming pays R/(1-δ) = 3/0.34 = 8.824. At 0.67: 9.0728 < 9.0909.
    g = deviation_gain(Cycle("DC"), "tft", PD, delta=0.66)
    assert round(g.deviation_value, 3) == 8.859
    assert round(g.conforming_value, 3) == 8.824
    assert g.deviation_value == pytest.approx(5 / (1 - 0.66**2), abs=1e-10)
    assert g.conforming_value == pytest.approx(3 / 0.34, abs=1e-10)
    assert g.pays
    g2 = deviation_gain(Cycle("DC"), "tft", PD, delta=0.67)
    assert g2.deviation_value == pytest.approx(5 / (1 - 0.67**2), abs=1e-10)
    assert g2.conforming_value == pytest.approx(3 / 0.33, abs=1e-10)
    assert not g2.pays and g2.gain < 0


@pytest.mark.parametrize("eps", [1e-3, 1e-2])
def test_deviation_check_brackets_each_threshold(eps):
    # TFT: alternation is the binding deviation at 2/3; grim: AllD binds at 1/2
    t = tft_threshold(**PD_BY_NAME)
    assert deviation_gain(Cycle("DC"), "tft", PD, delta=t - eps).pays
    assert not deviation_gain(Cycle("DC"), "tft", PD, delta=t + eps).pays
    g = grim_trigger_threshold(**PD_BY_NAME)
    assert deviation_gain("alld", "grim", PD, delta=g - eps).pays
    assert not deviation_gain("alld", "grim", PD, delta=g + eps).pays


def test_alld_against_grim_values():
    # AllD vs grim: T + δP/(1-δ) = 5 + 0.4·1/0.6 at δ = 0.4
    g = deviation_gain("alld", "grim", PD, delta=0.4)
    assert g.deviation_value == pytest.approx(5 + 0.4 / 0.6, abs=1e-10)
    assert g.conforming_value == pytest.approx(3 / 0.6, abs=1e-10)


# ---------------------------------------------------------------------------------------------
# simulator
# ---------------------------------------------------------------------------------------------
def test_tft_vs_tft_without_noise_averages_R():
    r = simulate("tft", "tft", PD, rounds=200, repetitions=3, seed=0)
    np.testing.assert_array_equal(r.mean_payoff, [3.0, 3.0])
    np.testing.assert_array_equal(r.cooperation_rate, [1.0, 1.0])
    np.testing.assert_array_equal(r.std_error, [0.0, 0.0])
    np.testing.assert_array_equal(r.outcome_frequency, [1, 0, 0, 0])


def test_grim_vs_alld_numbers():
    # round 1: grim C vs D -> (S, T) = (0, 5); then (P, P) = (1, 1) for the other 9 rounds
    r = simulate("grim", "alld", PD, rounds=10)
    np.testing.assert_allclose(r.mean_payoff, [0.9, 1.4])
    np.testing.assert_allclose(r.payoff_by_round[:3], [[0, 5], [1, 1], [1, 1]])
    np.testing.assert_allclose(r.cooperation_rate, [0.1, 0.0])
    assert np.isnan(r.std_error).all()  # one repetition: no spread to estimate


def test_deterministic_pairings():
    # AllC vs AllD: (S, T) every round; Pavlov vs AllD: C, D, C, D … -> (0+1)/2 and (5+1)/2
    np.testing.assert_allclose(simulate("allc", "alld", rounds=7).mean_payoff, [0.0, 5.0])
    r = simulate(Pavlov(), AlwaysDefect(), rounds=10)
    np.testing.assert_allclose(r.mean_payoff, [0.5, 3.0])
    # TFT vs alternation D,C: TFT echoes one round late: (C,D),(D,C),(C,D),… -> S,T alternating
    r = simulate("tft", Cycle("DC"), rounds=4)
    np.testing.assert_allclose(r.payoff_by_round, [[0, 5], [5, 0], [0, 5], [5, 0]])


def test_grim_never_forgives_one_noise_flip():
    # one defection at round 3 (a cycle) triggers grim forever
    r = simulate(GrimTrigger(), Cycle("CCCD" + "C" * 6), rounds=10)
    np.testing.assert_array_equal(r.cooperation_by_round[:, 0], [1, 1, 1, 1] + [0] * 6)


def _tft_noise_exact_mean(T, R, P, S, eps, rounds):
    """Exact E[average payoff of A] of noisy TFT vs TFT over `rounds`, by the outcome chain."""
    states = [(1, 1), (1, 0), (0, 1), (0, 0)]  # (A cooperates, B cooperates)
    pay = np.array([R, S, T, P])

    def flip_law(intent):
        return np.array(
            [
                (1 - eps if s[0] == intent[0] else eps) * (1 - eps if s[1] == intent[1] else eps)
                for s in states
            ]
        )

    K = np.array([flip_law((s[1], s[0])) for s in states])  # TFT: copy the other's last move
    dist = flip_law((1, 1))
    total = 0.0
    for _ in range(rounds):
        total += dist @ pay
        dist = dist @ K
    return total / rounds, K


def test_v14_noisy_tft_mean_is_quarter_sum():
    # V14 [D]: TFT vs TFT with each intended move flipped w.p. ε. The outcome (a_t, b_t) is a
    # Markov chain: the intended next outcome is the swap (b_t, a_t) — a permutation of the four
    # states — and independent flips then act through a kernel whose entries depend only on the
    # Hamming distance, hence symmetric and doubly stochastic. A permutation followed by a doubly
    # stochastic kernel is doubly stochastic, so the uniform law is stationary; for ε∈(0,1) every
    # entry is positive, so it is the unique limit. Mean payoff: (T+R+P+S)/4 = 9/4 = 2.25.
    eps, rounds = 0.05, 4000
    exact, K = _tft_noise_exact_mean(*PD, eps, rounds)
    np.testing.assert_allclose(K.sum(axis=0), 1.0)  # doubly stochastic
    np.testing.assert_allclose(np.full(4, 0.25) @ K, 0.25)
    # starting at (C,C) biases the finite-horizon mean by the transient only (< 0.002)
    assert abs(exact - 2.25) < 2e-3
    r = simulate("tft", "tft", PD, rounds=rounds, noise=eps, repetitions=250, seed=20240805)
    for player in (0, 1):
        assert abs(r.mean_payoff[player] - 2.25) < 4 * r.std_error[player]
    np.testing.assert_allclose(r.outcome_frequency, 0.25, atol=0.01)
    assert r.std_error[0] < 0.01


def test_noise_flips_at_the_given_rate():
    # AllC vs AllC: each move is D w.p. ε -> cooperation 1-ε (binomial s.e. sqrt(ε(1-ε)/N))
    r = simulate("allc", AlwaysCooperate(), rounds=500, noise=0.1, repetitions=200, seed=1)
    se = np.sqrt(0.1 * 0.9 / (500 * 200))
    assert np.all(np.abs(r.cooperation_rate - 0.9) < 4 * se)


def test_gtft_default_generosity_and_recovery():
    # GTFT resolves g* = 1/3 from the payoffs; against AllD it cooperates w.p. g* after round 1
    r = simulate("gtft", "alld", PD, rounds=401, repetitions=100, seed=3)
    coop_after_first = r.cooperation_by_round[1:, 0].mean()
    se = np.sqrt((1 / 3) * (2 / 3) / (400 * 100))
    assert abs(coop_after_first - 1 / 3) < 4 * se
    # generous TFT recovers from noise better than TFT: higher mean payoff vs itself at ε = 0.05
    tft = simulate("tft", "tft", PD, rounds=1000, noise=0.05, repetitions=60, seed=4)
    gtft = simulate(
        GenerousTitForTat(1 / 3), "gtft", PD, rounds=1000, noise=0.05, repetitions=60, seed=4
    )
    assert gtft.mean_payoff[0] > tft.mean_payoff[0] + 0.3


def test_simulation_is_reproducible_with_seed():
    a = simulate("pavlov", "gtft", PD, rounds=300, noise=0.1, repetitions=20, seed=7)
    b = simulate("pavlov", "gtft", PD, rounds=300, noise=0.1, repetitions=20, seed=7)
    np.testing.assert_array_equal(a.payoff_per_repetition, b.payoff_per_repetition)
    assert a.strategies == ("pavlov", "gtft")
    assert a.payoff_by_round.shape == (300, 2)
    assert a.payoff_per_repetition.shape == (20, 2)
    with pytest.raises(ValueError):
        a.payoff_by_round[0, 0] = 1.0  # read-only


def test_strategy_registry_names():
    assert set(STRATEGIES) >= {"tft", "gtft", "grim", "alld", "allc", "pavlov"}
    assert isinstance(STRATEGIES["tft"], TitForTat)
    assert simulate("TFT", "WSLS", rounds=3).strategies == ("tft", "pavlov")


def test_axelrod_library_cross_check():
    # the Axelrod library (not a dependency) reports 2.249 for 2e5 noisy turns (MODELS.md V14)
    axl = pytest.importorskip("axelrod")
    match = axl.Match((axl.TitForTat(), axl.TitForTat()), turns=20000, noise=0.05, seed=1)
    match.play()
    theirs = match.final_score_per_turn()[0]
    ours = simulate("tft", "tft", PD, rounds=1000, noise=0.05, repetitions=20, seed=1)
    assert theirs == pytest.approx(ours.mean_payoff[0], abs=0.08)
    assert theirs == pytest.approx(2.25, abs=0.08)


# ---------------------------------------------------------------------------------------------
# bad inputs
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "payoffs, fragment",
    [
        ((3, 5, 1, 0), "S < P < R < T"),  # R > T
        ((5, 3, 1, 2), "S < P < R < T"),  # S > P
        ((8, 3, 1, 0), "2R > T+S"),  # alternating exploitation beats cooperation
    ],
)
def test_pd_ordering_is_checked(payoffs, fragment):
    with pytest.raises(ParameterError, match=fragment.replace("+", r"\+")):
        tft_threshold(**dict(zip("TRPS", payoffs, strict=True)))


def test_strict_false_escape_and_its_limits():
    # (8,3,1,0) violates 2R > T+S; the formula still applies with strict=False: 5/7
    assert grim_trigger_threshold(T=8, R=3, P=1, S=0, strict=False) == pytest.approx(5 / 7)
    with pytest.raises(ParameterError, match="T − P is zero"):
        grim_trigger_threshold(T=1, R=3, P=1, S=0, strict=False)
    with pytest.raises(ParameterError, match="R − S is zero"):
        tft_threshold(T=5, R=3, P=1, S=3, strict=False)


def test_chicken_bad_inputs():
    with pytest.raises(ParameterError, match="Chicken requires P < S < R < T"):
        chicken_cooperation_threshold(T=1, R=0, S=-10, P=-1)
    with pytest.raises(ParameterError, match="Did you mean 'mixed'"):
        chicken_cooperation_threshold(T=1, R=0, S=-1, P=-10, punishment="mixd")


def test_violence_bad_inputs():
    with pytest.raises(ParameterError, match="war < exchange < deviation"):
        violence_equilibrium_threshold(0, -1, -8)
    with pytest.raises(ParameterError, match="delta"):
        shock_breaks(1.0, 0, 2, 4, -8)
    with pytest.raises(ParameterError, match="non-finite"):
        violence_equilibrium_threshold(float("nan"), 2, -8)


def test_discounted_value_bad_inputs():
    with pytest.raises(ParameterError, match="non-empty 1-D"):
        discounted_value([], 0.5)
    with pytest.raises(ParameterError, match=r"delta \(discount factor\) must lie in \[0, 1\)"):
        discounted_value([1], 1.0, periodic=True)
    with pytest.raises(ParameterError, match="delta"):
        deviation_gain("alld", "grim", delta=-0.1)
    with pytest.raises(ParameterError, match="so close to 1"):
        deviation_gain("alld", "grim", delta=0.99999)


def test_simulate_bad_inputs():
    with pytest.raises(ParameterError, match="not a known strategy.*Did you mean 'grim'"):
        simulate("grin", "tft", rounds=5)
    with pytest.raises(ParameterError, match="strategy_b must be a strategy name"):
        simulate("tft", 3, rounds=5)
    with pytest.raises(ProbabilityError, match="noise must be a probability"):
        simulate("tft", "tft", rounds=5, noise=1.5)
    with pytest.raises(ParameterError, match="rounds must be a whole number >= 1"):
        simulate("tft", "tft", rounds=0)
    with pytest.raises(ParameterError, match="repetitions must be a whole number >= 1"):
        simulate("tft", "tft", rounds=5, repetitions=2.5)
    with pytest.raises(ParameterError, match=r"four numbers \(T, R, P, S\)"):
        simulate("tft", "tft", (5, 3, 1), rounds=5)
    with pytest.raises(ProbabilityError, match="generosity"):
        GenerousTitForTat(1.2)
    with pytest.raises(ParameterError, match="string of 'C' and 'D'"):
        Cycle("CX")
    with pytest.raises(ParameterError, match="S < P < R < T"):
        simulate("gtft", "tft", (1, 3, 5, 0), rounds=5)  # g* needs a strict PD


def test_payoffs_are_keyword_only_and_a_positional_call_says_what_to_write():
    # the literature orders these payoffs differently: (T, R, P, S) here, (R, S, T, P) for Chicken
    with pytest.raises(TypeError, match=r"write grim_trigger_threshold\(T=5, R=3, P=1, S=0\)"):
        grim_trigger_threshold(5, 3, 1, 0)
    with pytest.raises(TypeError, match=r"chicken_cooperation_threshold\(T=1, R=0, S=-1, P=-10\)"):
        chicken_cooperation_threshold(1, 0, -1, -10)
