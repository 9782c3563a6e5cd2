"""find_thresholds and phase_diagram: thresholds located to 1e-9 against closed forms.

Closed forms are derived in the comments. Game thresholds come from the seed's retaliation game
(deterrence.games.crisis.retaliation_commitment_game, MODELS.md §5.1; defaults R̄ = 1, a = 1, share = 0.5,
ℓ_major = 3, d = 0.4, W = W_I + π_US·W_US = 6 + 0.5·8 = 10) and from Chicken (MODELS.md §2.5);
model-function thresholds are grim trigger (V12) and Zagare & Kilgour's challenge threshold (V2).
"""

import math
from dataclasses import FrozenInstanceError

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.analysis.phase import PhaseDiagram
from deterrence.analysis.thresholds import Threshold, Thresholds
from deterrence.errors import DeterrenceError, ParameterError, ProbabilityError

RET = dt.games.retaliation_commitment_game  # the 3×3 game with commitment: closed forms below

# ---------------------------------------------------------------------------------------------
# game thresholds: closed forms
# ---------------------------------------------------------------------------------------------
# Iran's payoffs against a policy y = (absorb, proportional, escalate):
#   restraint  −a
#   calibrated share·R̄ − d·y_p − W·y_e
#   major      R̄ − d·ℓ·y_p − W·y_e
# Israel replies in kind to a calibrated strike and escalates against a major one.
#
# reputation_stake (a = 1): (calibrated, proportional) needs d·(ℓ − 1) ≥ (1 − share)·R̄,
#   i.e. R̄ ≤ 0.8 / 0.5 = 1.6 [classic.py docstring]. The deterrence component (restraint vs a
#   mixed policy) has an interior vertex where both strikes are exactly unprofitable:
#   y_p = 0.625·R̄, y_e = (a + R̄/4)/10, y_a = 1 − 0.65·R̄ − a/10 ≥ 0  ⇔  R̄ ≤ 0.9/0.65 = 18/13.
#   At R̄ = 18/13, y_a = 0 and the vertex merges into the edge vertex that exists above: the
#   right side owns the tie. At 1.6 the tied game has (calibrated+major mix / proportional)
#   as an extra extreme point: a structure of its own.
# p_patron_entry (W_I = 1, so W = 1 + 8π): (major, escalate) needs R̄ − W ≥ −a ⇔ W ≤ 2 ⇔ π ≤ 0.125;
#   the mixed (0.25 cal + 0.75 major / 0.625 prop + 0.375 esc) equilibrium makes Iran indifferent
#   between the strikes at y_p = 0.5·R̄/0.8 = 0.625 and needs its payoff 0.5 − 0.25 − 0.375·W
#   ≥ −a ⇔ W ≤ 10/3 ⇔ π ≤ 7/24 — there it merges with a restraint vertex (left owns the tie).
# audience_cost (R̄ = 0.5): calibrated vs proportional beats restraint iff share·R̄ − d ≥ −a
#   ⇔ a ≥ 0.15; (restraint, proportional) needs the converse, so at a = 0.15 both hold.
CASES = [
    pytest.param(
        RET, "reputation_stake", (0.5, 3), {}, [18 / 13, 1.6], ["right", "neither"], id="R-bar"
    ),
    pytest.param(
        RET,
        "p_patron_entry",
        (0, 1),
        {"cost_of_escalation": 1.0},
        [0.125, 7 / 24],
        ["neither", "left"],
        id="p_patron_entry",
    ),
    pytest.param(
        RET, "audience_cost", (0, 3), {"reputation_stake": 0.5}, [0.15], ["neither"], id="a"
    ),
    # Chicken (R, S, T, P) = (0, −1, T, −10): for T < R swerving dominates; for T > R the three
    # Chicken equilibria (V11); the structure changes exactly at T = R = 0
    pytest.param(
        dt.games.chicken, "T", (-1, 2), {"strict": False}, [0.0], ["neither"], id="chicken-T"
    ),
    # ... and at S = P = −10 (below it, going straight dominates: a Prisoner's Dilemma)
    pytest.param(
        dt.games.chicken, "S", (-12, 1), {"strict": False}, [-10.0], ["neither"], id="chicken-S"
    ),
    # Generic deterrence game (V1): the threat is credible iff defender_dd > defender_dc = −1;
    # capable iff challenger_sq = 0 > challenger_dd
    pytest.param(
        dt.games.deterrence_game, "defender_dd", (-3, 0.5), {}, [-1.0], ["neither"], id="credible"
    ),
    pytest.param(
        dt.games.deterrence_game, "challenger_dd", (-2, 0.9), {}, [0.0], ["neither"], id="capable"
    ),
]


@pytest.mark.parametrize("builder, param, bounds, fixed, expected, ties", CASES)
def test_game_thresholds_match_closed_forms(builder, param, bounds, fixed, expected, ties):
    ths = dt.find_thresholds(builder, param, bounds, fixed=fixed)
    assert isinstance(ths, Thresholds)
    np.testing.assert_allclose(ths.values, expected, rtol=0, atol=1e-9)
    assert [t.tie for t in ths] == ties
    for t in ths:
        assert t.param == param
        assert t.left_code != t.right_code
        assert ths.structures[t.left_code] != ths.structures[t.right_code]
        assert (t.at_code == t.left_code) == (t.tie == "left")
        assert (t.at_code == t.right_code) == (t.tie == "right")


def test_shortest_decimal_is_reported():
    # 1.6 and 0.125 are reported exactly, not as 1.60000000003
    ths = dt.find_thresholds(RET, "reputation_stake", (0.5, 3))
    assert ths[1].value == 1.6
    assert ths[1].label == "reputation_stake = 1.6"
    ths = dt.find_thresholds(RET, "p_patron_entry", (0, 1), fixed={"cost_of_escalation": 1.0})
    assert ths[0].value == 0.125


def test_sides_describe_the_equilibria():
    # a: restraint stays an equilibrium throughout; (calibrated, proportional) appears at 0.15
    (t,) = dt.find_thresholds(RET, "audience_cost", (0, 3), fixed={"reputation_stake": 0.5})
    assert "calibrated / proportional" not in t.left
    assert "restraint / proportional" in t.left
    assert "calibrated / proportional" in t.right and "restraint / proportional" not in t.right
    assert {"calibrated / proportional", "restraint / proportional"} <= set(t.at)  # tied game
    # Chicken: left of T = 0 one equilibrium, right of it three (V11 at T = 1: 0.1 straight)
    (t,) = dt.find_thresholds(dt.games.chicken, "T", (-1, 2), fixed={"strict": False})
    assert t.left == ("swerve / swerve",)
    assert len(t.right) == 3 and "swerve / straight" in t.right
    # exactly at T = R the row player is indifferent against swerve: a continuum whose extreme
    # points are the three pure profiles other than (straight, straight)
    assert set(t.at) == {"swerve / swerve", "swerve / straight", "straight / swerve"}


def test_threshold_on_a_grid_point_is_found_once():
    # linspace(-1, 2, 31) contains T = 0 (up to rounding): the tie structure sits on the grid
    ths = dt.find_thresholds(
        dt.games.chicken, "T", (-1, 2), fixed={"strict": False}, grid=np.linspace(-1, 2, 31)
    )
    assert len(ths) == 1 and abs(ths[0].value) < 1e-9 and ths[0].tie == "neither"


def test_key_pure_and_callable():
    # pure outcomes of Chicken in S: (straight, straight) alone below S = P, the two
    # "one swerves" outcomes above
    ths = dt.find_thresholds(dt.games.chicken, "S", (-12, 1), fixed={"strict": False}, key="pure")
    (t,) = ths
    assert t.value == -10.0
    assert t.left == ("straight / straight",)
    assert ths.structures[t.left_code] == "straight / straight"
    assert ths.structures[t.right_code] == "swerve / straight; straight / swerve"
    # at S = P the column's "straight" is a best reply to both: all three pure outcomes
    assert ths.structures[t.at_code] == (
        "swerve / straight; straight / swerve; straight / straight"
    )
    # key=len: the number of extreme equilibria, 1 -> 3; at S = P there are 3 too (right side)
    (t,) = dt.find_thresholds(dt.games.chicken, "S", (-12, 1), fixed={"strict": False}, key=len)
    assert t.value == -10.0 and t.tie == "right"


def chicken_payoffs(T, R=0.0, S=-1.0, P=-10.0):
    """Vectorised Chicken: arrays of parameters give stacks (N, 2, 2)."""
    T, R, S, P = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (T, R, S, P)))
    A = np.stack([np.stack([R, S], -1), np.stack([T, P], -1)], -2)
    return A, np.swapaxes(A, -1, -2)


def test_vectorised_payoff_builder_is_called_once_per_round():
    calls = []

    def builder(T, P=-10.0):
        calls.append(np.ndim(T))
        return chicken_payoffs(T, P=P)

    ths = dt.find_thresholds(builder, "T", (-1, 2))
    assert ths.values.tolist() == [0.0]
    # one probe with scalars, then one call per evaluation with arrays: the 201-point grid and
    # about 30 bisection halvings, instead of one call per point
    assert calls[0] == 0 and all(d == 1 for d in calls[1:])
    assert len(calls) < 45


def test_game_by_game_and_vectorised_agree():
    def one_by_one(reputation_stake, audience_cost=1.0):
        return RET(reputation_stake=reputation_stake, audience_cost=audience_cost)

    a = dt.find_thresholds(RET, "reputation_stake", (0.5, 3), grid=41)
    b = dt.find_thresholds(one_by_one, "reputation_stake", (0.5, 3), grid=41)
    np.testing.assert_allclose(a.values, b.values, atol=1e-9)
    assert [t.tie for t in a] == [t.tie for t in b]
    assert a.structures == b.structures
    np.testing.assert_array_equal(a.codes, b.codes)


# ---------------------------------------------------------------------------------------------
# model functions: level crossings by brentq
# ---------------------------------------------------------------------------------------------
def deviation_gain(delta, T=5.0, R=3.0, P=1.0):
    """Grim trigger: deviate once (T, then P forever) minus cooperate (R forever)."""
    return T + delta * P / (1 - delta) - R / (1 - delta)


def eu_challenge(p, a_dd=-1.0, a_sq=0.0, a_dc=1.0):
    """Zagare & Kilgour: the Challenger's gain from demanding against a Hard defender (prob p)."""
    return (1 - p) * a_dc + p * a_dd - a_sq


def test_grim_trigger_V12():
    # δ* = (T − R)/(T − P) = 2/4 = 0.5; the gain is exactly 0 there: neither side owns the tie
    (t,) = dt.find_thresholds(deviation_gain, "delta", (0, 0.95))
    assert t.value == 0.5 and t.tie == "neither"
    assert t.left == ("deviation_gain > 0",) and t.right == ("deviation_gain < 0",)


@settings(max_examples=40, deadline=None)
@given(
    P=st.floats(-5, 5),
    gap_rp=st.floats(0.1, 5),
    gap_tr=st.floats(0.1, 5),
)
def test_grim_trigger_property(P, gap_rp, gap_tr):
    R, T = P + gap_rp, P + gap_rp + gap_tr
    expected = (T - R) / (T - P)  # Friedman 1971; Osborne 2004 ch. 14
    ths = dt.find_thresholds(deviation_gain, "delta", (0, 0.99), fixed={"T": T, "R": R, "P": P})
    assert len(ths) == 1
    assert abs(ths[0].value - expected) <= 1e-9


@pytest.mark.parametrize(
    "a_dd, expected",
    [(-1.0, 0.5), (-3.0, 0.25)],  # V2: p* = (aDC − aSQ)/(aDC − aDD) = 1/2; 1/4 with aDD = −3
)
def test_challenge_threshold_V2(a_dd, expected):
    (t,) = dt.find_thresholds(eu_challenge, "p", (0, 1), fixed={"a_dd": a_dd})
    assert abs(t.value - expected) <= 1e-9
    # below p* the Challenger challenges (EU(D) > 0); at p* any x is an equilibrium
    assert t.left == ("eu_challenge > 0",) and t.tie == "neither"


def test_level_other_than_zero():
    # (1 − p)·aDC + p·aDD crosses aSQ = 0.2 at p = (1 − 0.2)/2 = 0.4
    ths = dt.find_thresholds(
        lambda p: (1 - p) * 1.0 + p * -1.0, "p", (0, 1), level=0.2, grid=np.linspace(0, 1, 7)
    )
    assert abs(ths[0].value - 0.4) <= 1e-9 and ths.level == 0.2
    np.testing.assert_allclose(ths.curve, 1 - 2 * np.linspace(0, 1, 7))


def test_scalar_function_that_does_not_take_arrays():
    # math.log rejects arrays: evaluated point by point; log x = 1 at x = e
    ths = dt.find_thresholds(lambda x: math.log(x), "x", (1, 5), level=1)
    assert abs(ths[0].value - math.e) <= 1e-9


def test_several_crossings_and_an_exact_grid_zero():
    ths = dt.find_thresholds(lambda x: math.sin(x), "x", (0.5, 10))
    np.testing.assert_allclose(ths.values, [math.pi, 2 * math.pi, 3 * math.pi], atol=1e-9)
    # x − 0.5 on an 11-point grid of [0, 1] is exactly 0 at the grid point 0.5
    (t,) = dt.find_thresholds(lambda x: x - 0.5, "x", (0, 1), grid=11)
    assert t.value == 0.5 and t.tie == "neither" and t.at == ("<lambda> = 0",)


# ---------------------------------------------------------------------------------------------
# the result object
# ---------------------------------------------------------------------------------------------
def test_thresholds_object():
    ths = dt.find_thresholds(RET, "reputation_stake", (0.5, 3), grid=51)
    assert len(ths) == 2 and isinstance(ths[0], Threshold) and list(ths) == list(ths.thresholds)
    assert ths.grid.shape == ths.codes.shape == ths.n_equilibria.shape == (51,)
    assert (
        ths.curve is None and ths.unit == "utils" and ths.builder == "retaliation_commitment_game"
    )
    # what a chart needs: the structure code of every grid point, one description per code
    assert ths.codes[0] == 0 and ths.codes.max() == len(set(ths.codes)) - 1
    assert ths.structures[ths.codes[-1]] == (
        "restraint / escalate; restraint / absorb+escalate; restraint / proportional+escalate"
    )
    assert ths.n_equilibria[-1] == 3  # above R̄ = 1.6 only the deterrence component remains
    df = ths.to_frame()
    assert df.columns.tolist() == ["param", "value", "tie", "left", "at", "right"]
    assert df["value"].tolist() == ths.values.tolist()
    assert "1.6" in repr(ths) and "tie: neither" in repr(ths)
    assert "<table" in ths._repr_html_() and "1.6" in ths._repr_html_()
    with pytest.raises(FrozenInstanceError):
        ths.param = "x"
    with pytest.raises(ValueError):
        ths.grid[0] = 1.0
    with pytest.raises(FrozenInstanceError):
        ths[0].value = 2.0


def test_no_threshold_in_range():
    ths = dt.find_thresholds(RET, "reputation_stake", (2, 3))
    assert len(ths) == 0 and ths.values.size == 0 and set(ths.codes) == {0}


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "bounds, fragment",
    [
        ((3, 0.5), "inverted: (3, 0.5); give (low, high), i.e. (0.5, 3)"),
        ((1, 1), "empty: low = high = 1"),
        ((0.5, math.inf), "must be finite"),
        ((math.nan, 3), "must be finite"),
        ((0.5,), "must be a pair (low, high)"),
        (("a", 3), "must be two numbers"),
    ],
)
def test_bad_bounds(bounds, fragment):
    with pytest.raises(ParameterError, match="bounds of reputation_stake") as err:
        dt.find_thresholds(RET, "reputation_stake", bounds)
    assert fragment in str(err.value)


def test_unknown_parameter_with_close_match():
    with pytest.raises(ParameterError, match="Did you mean 'reputation_stake'") as err:
        dt.find_thresholds(RET, "reputation_stak", (0.5, 3))
    assert "retaliation_commitment_game() takes no parameter 'reputation_stak'" in str(err.value)
    with pytest.raises(ParameterError, match="chicken\\(\\) takes no parameter 'TT'.*'T'"):
        dt.find_thresholds(dt.games.chicken, "TT", (0, 1))
    with pytest.raises(ParameterError, match="takes no parameter 'audience_cots'"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), fixed={"audience_cots": 1})


def test_other_bad_arguments():
    with pytest.raises(ParameterError, match="grid must be at least 2 grid points"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), grid=1)
    with pytest.raises(ParameterError, match="increase strictly"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), grid=[1.0, 0.7])
    with pytest.raises(ParameterError, match="xtol must be a positive number"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), xtol=0)
    with pytest.raises(ParameterError, match="Did you mean 'support'"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), key="suport")
    with pytest.raises(ParameterError, match="level applies to model functions"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), level=0.5)
    with pytest.raises(ParameterError, match="key applies to game builders"):
        dt.find_thresholds(deviation_gain, "delta", (0, 0.9), key="pure")
    with pytest.raises(ParameterError, match="both varied and given in fixed"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), fixed={"reputation_stake": 1})
    with pytest.raises(ParameterError, match="needs a value for 'R'"):
        dt.find_thresholds(lambda T, R: T - R, "T", (0, 1))
    with pytest.raises(ParameterError, match="param must be a parameter name"):
        dt.find_thresholds(RET, 3, (0.5, 3))
    with pytest.raises(TypeError, match="builder must be a callable"):
        dt.find_thresholds("chicken", "T", (0, 1))
    with pytest.raises(TypeError, match="must return a Game, a pair"):
        dt.find_thresholds(lambda x: "war", "x", (0, 1))
    with pytest.raises(ParameterError, match="must return a hashable value"):
        dt.find_thresholds(RET, "reputation_stake", (0.5, 3), key=lambda eqs: [len(eqs)])


def test_builder_failing_inside_the_range_is_reported_with_the_point():
    # p_patron_entry is a probability: the vectorised call fails, the point-by-point pass names the
    # first grid point beyond 1 (linspace(0, 1.5, 201)[134] = 1.005)
    with pytest.raises(ParameterError) as err:
        dt.find_thresholds(RET, "p_patron_entry", (0, 1.5))
    msg = str(err.value)
    assert "retaliation_commitment_game() raised ProbabilityError at p_patron_entry=1.005" in msg
    assert "narrow the range of p_patron_entry" in msg
    assert isinstance(err.value.__cause__, ProbabilityError)
    assert isinstance(err.value, DeterrenceError)

    def fragile(x):
        if x > 0.5:
            raise ValueError("outside the model's domain")
        return x - 0.2

    with pytest.raises(ParameterError, match="fragile\\(\\) raised ValueError at x=0.505") as err:
        dt.find_thresholds(fragile, "x", (0, 1))
    assert "outside the model's domain" in str(err.value)
    assert isinstance(err.value.__cause__, ValueError)
    # Chicken refuses T <= R unless strict=False: the first grid point is reported
    with pytest.raises(ParameterError, match="chicken\\(\\) raised ParameterError at T=-1"):
        dt.find_thresholds(dt.games.chicken, "T", (-1, 2))
    with pytest.raises(ParameterError, match="returned nan at x=0"):
        dt.find_thresholds(lambda x: math.nan if x == 0 else x, "x", (0, 1))


# ---------------------------------------------------------------------------------------------
# phase diagrams
# ---------------------------------------------------------------------------------------------
def test_phase_diagram_retaliation_boundaries_on_closed_form_lines():
    # boundaries in (R̄, a): a = 0.4 − R̄/2 (calibrated vs restraint against proportional),
    # R̄ = 1.6, and 0.65·R̄ + a/10 = 1 (the deterrence component's interior vertex; see above)
    ph = dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), ("audience_cost", 0, 1), resolution=25)
    assert isinstance(ph, PhaseDiagram)
    R, a = ph.boundary.T
    on = (
        np.isclose(a, 0.4 - R / 2, rtol=0, atol=1e-9)
        | np.isclose(R, 1.6, rtol=0, atol=1e-9)
        | np.isclose(0.65 * R + a / 10, 1, rtol=0, atol=1e-9)
    )
    assert on.all() and len(ph.boundary) > 40
    # every line is traced: R̄ = 1.6 is crossed once per grid row (25 rows)
    assert np.isclose(R, 1.6, atol=1e-9).sum() == 25
    assert (ph.boundary_labels[:, 0] != ph.boundary_labels[:, 1]).all()
    assert ph.labels.shape == (25, 25) and ph.x_unit == ph.y_unit == "utils"
    regions = ph.regions
    assert len(regions) == 4 and regions["area"].sum() == pytest.approx(1.0)
    assert {"label", "structure", "area", "reputation_stake", "audience_cost"} <= set(regions)
    for r in regions.itertuples():
        i = np.flatnonzero(ph.x == r.reputation_stake)[0]
        j = np.flatnonzero(ph.y == r.audience_cost)[0]
        assert ph.labels[j, i] == r.label  # the representative point lies in its region
    above = regions[regions["reputation_stake"] > 1.6]
    assert above["n_equilibria"].tolist() == [3]


def test_phase_diagram_chicken_regions_match_the_orderings():
    # Chicken (R, S, T, P) = (0, S, T, −10) in (T, S): the structure is set by sign(T − R) and
    # sign(S − P): T < 0 & S > −10 swerve dominates; T > 0 & S > −10 Chicken (3 equilibria);
    # T < 0 & S < −10 a coordination game (3); T > 0 & S < −10 straight dominates (PD)
    ph = dt.phase_diagram(
        dt.games.chicken, ("T", -1.05, 2), ("S", -12.05, 1), fixed={"strict": False}, resolution=30
    )
    T, S = ph.boundary.T
    assert (np.isclose(T, 0, atol=1e-9) | np.isclose(S, -10, atol=1e-9)).all()
    X, Y = np.meshgrid(ph.x, ph.y)
    quadrant = {
        "swerve / swerve": (X < 0) & (Y > -10),
        "straight / swerve; swerve / straight; swerve+straight / swerve+straight": (X > 0)
        & (Y > -10),
        "swerve / swerve; straight / straight; swerve+straight / swerve+straight": (X < 0)
        & (Y < -10),
        "straight / straight": (X > 0) & (Y < -10),
    }
    for r in ph.regions.itertuples():
        assert r.area == pytest.approx(quadrant[r.structure].mean())
        assert ((ph.labels == r.label) == quadrant[r.structure]).all()
    # label_at solves exactly: either side of T = 0 and the tied game on the line itself
    inside = ph.label_at(0.5, -5)
    assert (
        ph.structures[inside]
        == "straight / swerve; swerve / straight; swerve+straight / swerve+straight"
    )
    assert ph.structures[ph.label_at(-0.5, -5)] == "swerve / swerve"
    on_line = ph.label_at(0.0, -5)
    assert on_line not in ph.regions["label"].tolist()
    assert ph.label_at([0.5, -0.5], [-5, -5]).tolist() == [inside, ph.label_at(-0.5, -5)]
    df = ph.to_frame()
    assert len(df) == 900 and df["label"].tolist() == ph.labels.ravel().tolist()


def test_phase_diagram_vectorised_equals_game_by_game():
    def one_by_one(reputation_stake, p_patron_entry):
        return RET(reputation_stake=reputation_stake, p_patron_entry=p_patron_entry)

    kw = dict(x=("reputation_stake", 0.5, 3), y=("p_patron_entry", 0.2, 0.9), resolution=(12, 9))
    a = dt.phase_diagram(RET, **kw)
    b = dt.phase_diagram(one_by_one, **kw)
    assert a.labels.shape == (9, 12)
    np.testing.assert_array_equal(a.labels, b.labels)
    np.testing.assert_allclose(a.boundary, b.boundary, atol=1e-9)
    assert a.structures == b.structures


def test_phase_diagram_of_a_model_function():
    # V2: challenge iff p < p* = (aDC − aSQ)/(aDC − aDD) = 1/(1 − aDD) with aSQ = 0, aDC = 1
    ph = dt.phase_diagram(eu_challenge, ("p", 0, 1), ("a_dd", -4, -0.5), resolution=20)
    p, a_dd = ph.boundary.T
    np.testing.assert_allclose(p * (1 - a_dd), 1, atol=1e-9)
    assert sorted(ph.regions["structure"]) == ["eu_challenge < 0", "eu_challenge > 0"]
    assert "value" in ph.regions and "at" not in ph.regions
    assert "2 region(s)" in repr(ph) and "<table" in ph._repr_html_()


def test_phase_diagram_bad_input():
    good = ("audience_cost", 0, 1)
    with pytest.raises(ParameterError, match="resolution must be at least 2 grid points"):
        dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), good, resolution=1)
    with pytest.raises(ParameterError, match="resolution \\(y\\) must be at least 2"):
        dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), good, resolution=(10, 1))
    with pytest.raises(ParameterError, match="bounds of reputation_stake are inverted"):
        dt.phase_diagram(RET, ("reputation_stake", 3, 0.5), good)
    with pytest.raises(ParameterError, match="bounds of audience_cost must be finite"):
        dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), ("audience_cost", 0, math.nan))
    with pytest.raises(ParameterError, match="x must be \\(name, low, high\\)"):
        dt.phase_diagram(RET, ("reputation_stake", 3), good)
    with pytest.raises(ParameterError, match="same parameter"):
        dt.phase_diagram(RET, good, good)
    with pytest.raises(ParameterError, match="Did you mean 'audience_cost'"):
        dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), ("audiense_cost", 0, 1))
    with pytest.raises(ParameterError, match="raised ProbabilityError at reputation_stake="):
        dt.phase_diagram(
            RET, ("reputation_stake", 0.5, 3), ("p_patron_entry", 0.5, 2), resolution=5
        )


def test_phase_diagram_is_frozen():
    ph = dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), ("audience_cost", 0, 1), resolution=5)
    with pytest.raises(FrozenInstanceError):
        ph.labels = None
    with pytest.raises(ValueError):
        ph.labels[0, 0] = 7


def test_plot_methods_draw_the_results():
    from deterrence.plot.style import find_artists

    ths = dt.find_thresholds(RET, "reputation_stake", (0.5, 3), grid=51)
    ax = ths.plot()
    marked = sorted(line.get_xdata()[0] for line in find_artists(ax, "threshold"))
    np.testing.assert_allclose(marked, [18 / 13, 1.6], atol=1e-9)
    ph = dt.phase_diagram(RET, ("reputation_stake", 0.5, 3), ("audience_cost", 0, 1), resolution=8)
    ax = ph.plot()
    (dots,) = find_artists(ax, "boundary")
    np.testing.assert_array_equal(dots.get_offsets(), ph.boundary)
    assert ax.get_xlabel() == "reputation_stake (utils)"
