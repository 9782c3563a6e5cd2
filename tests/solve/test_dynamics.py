"""Learning and evolutionary dynamics: convergence with stated errors, seeds, nashpy agreement."""

import time

import nashpy
import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import InvalidGameError, ParameterError
from deterrence.solve.dynamics import (
    DynamicsResult,
    asymmetric_replicator,
    fictitious_play,
    replicator,
    stochastic_fictitious_play,
)

PENNIES = dt.games.matching_pennies()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fictitious_play_on_matching_pennies_converges_to_one_half(seed):
    # Robinson (1951): in a zero-sum game the empirical frequencies of fictitious play converge
    # to the equilibrium; matching pennies' is (1/2, 1/2). Stated error: within 0.015 of 1/2
    # after 4,000 rounds (measured worst over seeds 0-4: 0.009); the error shrinks roughly like
    # T^(-1/2) (about 0.02 at 1,000 rounds, 0.005 at 10,000).
    fp = fictitious_play(PENNIES, iterations=4000, seed=seed)
    x, y = fp.final
    assert np.abs(x - 0.5).max() <= 0.015 and np.abs(y - 0.5).max() <= 0.015
    # the error is not small early on: the statement is about convergence, not luck
    assert fp.distance_to([0.5, 0.5], [0.5, 0.5])[10] > 0.05
    assert fp.params["plays"].shape == (4000, 2)


def test_seeds_reproduce_and_differ():
    a = stochastic_fictitious_play(PENNIES, iterations=500, seed=7)
    b = stochastic_fictitious_play(PENNIES, iterations=500, seed=7)
    c = stochastic_fictitious_play(PENNIES, iterations=500, seed=8)
    np.testing.assert_array_equal(a.params["plays"], b.params["plays"])
    np.testing.assert_array_equal(a.row, b.row)
    assert not np.array_equal(a.params["plays"], c.params["plays"])
    f1 = fictitious_play(PENNIES, iterations=300, seed=3)
    f2 = fictitious_play(PENNIES, iterations=300, seed=3)
    np.testing.assert_array_equal(f1.params["plays"], f2.params["plays"])


def test_fictitious_play_agrees_with_nashpy_when_there_are_no_ties():
    # with generic payoffs and a start that breaks the first-round tie, best replies are unique,
    # so nashpy's fictitious play (whose tie-breaking uses numpy's global random state) and ours
    # must produce the same counts round by round
    rng = np.random.default_rng(4)
    A, B = rng.random((4, 3)), rng.random((4, 3))
    start = (np.array([1.0, 0, 0, 0]), np.array([0, 1.0, 0]))
    ours = fictitious_play(dt.Game(A, B), iterations=200, initial=start, seed=0)
    theirs = list(nashpy.Game(A, B).fictitious_play(iterations=200, play_counts=start))
    counts_r = np.array([c[0] for c in theirs])
    counts_c = np.array([c[1] for c in theirs])
    np.testing.assert_allclose(ours.row, counts_r / counts_r.sum(axis=1, keepdims=True))
    np.testing.assert_allclose(ours.col, counts_c / counts_c.sum(axis=1, keepdims=True))


def test_fictitious_play_is_faster_than_nashpy():
    # measured in one interleaved run; ratio only (absolute times move with the machine's load)
    g = dt.Game(*np.random.default_rng(1).random((2, 3, 3)))
    ng = nashpy.Game(g.A, g.B)
    ours, theirs = [], []
    for _ in range(3):
        t = time.perf_counter()
        fictitious_play(g, iterations=3000, seed=0)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _ in ng.fictitious_play(iterations=3000):
            pass
        theirs.append(time.perf_counter() - t)
    assert min(theirs) / min(ours) > 1.5


def test_replicator_converges_to_the_ess_of_hawk_dove():
    # Chicken (R, S, T, P) = (0, -1, 1, -10) as Hawk-Dove: no pure strategy is an ESS (each is
    # invaded by the other) and the mixed equilibrium, straight with (T-R)/((T-R)+(S-P)) = 0.1,
    # is the ESS (Maynard Smith 1982); replicator dynamics converge to it from any interior
    # start. Error after t = 60: the linearisation at x* has rate -x*(1-x*)((S-P)+(T-R)) = -0.9,
    # so |x(60) - x*| ~ e^-54: below 1e-9 (integration error dominates).
    for start in ([0.5, 0.5], [0.01, 0.99], [0.99, 0.01]):
        r = replicator(dt.games.chicken(), x0=start, t_max=60)
        np.testing.assert_allclose(r.final[0], [0.9, 0.1], atol=1e-6)
    assert [tuple(np.round(x, 9)) for x, _ in r.nash] == [(0.9, 0.1)]  # symmetric only
    assert r.col is None and r.time_label.startswith("time")


def test_asymmetric_replicator_goes_to_a_strict_equilibrium():
    # Stag hunt (4, 3, 2, 0): the mixed equilibrium has Pr(stag) = 2/3; above it both
    # populations go to stag, below it to hare (strict equilibria are asymptotically stable)
    up = asymmetric_replicator(dt.games.stag_hunt(), x0=[0.7, 0.3], y0=[0.7, 0.3], t_max=40)
    down = asymmetric_replicator(dt.games.stag_hunt(), x0=[0.6, 0.4], y0=[0.6, 0.4], t_max=40)
    np.testing.assert_allclose(up.final[0], [1, 0], atol=1e-6)
    np.testing.assert_allclose(down.final[1], [0, 1], atol=1e-6)


def test_result_is_frozen_and_has_a_frame():
    fp = fictitious_play(PENNIES, iterations=50, seed=0)
    assert isinstance(fp, DynamicsResult)
    with pytest.raises(AttributeError):
        fp.row = None
    with pytest.raises(ValueError):
        fp.row[0, 0] = 1.0
    df = fp.to_frame()
    assert list(df.columns) == [
        "iteration (rounds of play)",
        "Matcher: heads",
        "Matcher: tails",
        "Mismatcher: heads",
        "Mismatcher: tails",
    ]
    assert df.attrs["dynamics"] == "fictitious play" and df.attrs["params"]["seed"] == 0
    assert "fictitious play on Matching pennies" in repr(fp)


def test_bad_input_is_named():
    with pytest.raises(InvalidGameError, match="symmetric"):
        replicator(dt.games.deterrence_game())
    with pytest.raises(ParameterError, match="x0"):
        replicator(dt.games.chicken(), x0=[0.5, 0.6])
    with pytest.raises(ParameterError, match="eta"):
        stochastic_fictitious_play(PENNIES, eta=0)
    with pytest.raises(TypeError, match="dt.Game"):
        fictitious_play([[1, 0], [0, 1]])


def test_replicator_with_negative_payoffs_stays_on_the_simplex():
    # war payoffs of about -10: unshifted, round-off pushes the total share off 1 at rate
    # e^(10.7 t) and the normalised path ends at tit-for-tat share 0.34 instead of 0. Escalation
    # strictly dominates here, so every interior path must end at "escalate".
    M = [[0, 0, -12.667], [0, 0, -13.333], [1.333, 5.333, -10.667]]
    r = replicator(dt.Game.symmetric(M), x0=[0.98, 0, 0.02], t_max=60)
    assert r.final[0][2] > 1 - 1e-6
