"""Tests of deterrence.analysis.discovery: PRIM boxes (Friedman & Fisher 1999)."""

import numpy as np
import pytest

import deterrence as dt
from deterrence.analysis.discovery import discover, prim
from deterrence.errors import ParameterError


def test_prim_recovers_a_planted_box():
    # outcome exactly on [0.7, 1] × [0, 0.5] × (any x2): density 1 inside, 0 outside
    rng = np.random.default_rng(1)
    X = rng.random((5000, 3))
    y = (X[:, 0] > 0.7) & (X[:, 1] < 0.5)
    box, trajectory = prim(X, y)
    assert set(box.limits) == {"x0", "x1"}  # the noise input is not restricted
    lo0, _ = box.limits["x0"]
    _, hi1 = box.limits["x1"]
    assert lo0 == pytest.approx(0.7, abs=0.03) and hi1 == pytest.approx(0.5, abs=0.03)
    assert box.density > 0.95 and box.coverage > 0.85
    # coverage, density and mass are what the box's mask says
    inside = box.contains({f"x{j}": X[:, j] for j in range(3)})
    assert box.mass == inside.mean() and box.count == inside.sum()
    assert box.density == y[inside].mean() and box.coverage == y[inside].sum() / y.sum()
    # along the peeling trajectory the mass shrinks
    masses = [b.mass for b in trajectory]
    assert masses[0] == 1.0 and all(a >= b for a, b in zip(masses, masses[1:], strict=False))


@pytest.fixture(scope="module")
def draws():
    return dt.propagate("iran-2024", n=2048, seed=8)


def test_escalation_box_reads_in_the_monotone_directions(draws):
    # P(escalation | salvo) falls with the tolerance median and rises with the salvo, so a box
    # where escalation is likely bounds the tolerance from above and the salvo from below
    d = discover(draws, "escalation_likely")
    lim = d.box.limits
    assert d.box.density > 2 * d.base_rate
    if "defender_tolerance" in lim:
        assert np.isinf(lim["defender_tolerance"][0]) and np.isfinite(lim["defender_tolerance"][1])
    if "salvo_size" in lim:
        assert np.isfinite(lim["salvo_size"][0]) and np.isinf(lim["salvo_size"][1])
    text = d.describe()
    assert text.startswith("Escalation of the salvo is likely (P(escalation) above 0.5) in ")
    assert "defender_tolerance is below" in text and "leakers" in text
    inside = d.box.contains(draws.draws)
    y = draws.draws["p_escalation_salvo"].to_numpy() > 0.5
    assert d.box.density == pytest.approx(y[inside].mean())
    assert len(d.to_frame()) == len(d.trajectory)


def test_whole_numbers_read_as_whole_numbers(draws):
    y = draws.draws["shots_per_threat"].to_numpy() == 1
    d = discover(draws, y, parameters=["shots_per_threat", "p_patron_entry"])
    assert d.conditions() == ["shots_per_threat is 1 interceptors per threat"]
    assert d.box.density == 1.0 and d.box.coverage == 1.0


def test_bad_outcomes_are_named(draws):
    with pytest.raises(ParameterError, match="Did you mean 'window_open'"):
        discover(draws, "window_opn")
    with pytest.raises(ParameterError, match="never occurs"):
        discover(draws, np.zeros(draws.n, dtype=bool))
