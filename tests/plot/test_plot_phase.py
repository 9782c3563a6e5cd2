"""Phase diagram chart: the drawn cells, numbers and boundary points are the PhaseDiagram's."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError
from deterrence.plot.phase import draw_phase_diagram as phase_diagram
from deterrence.plot.style import find_artists


@pytest.fixture(scope="module")
def retaliation():
    return dt.phase_diagram(
        dt.games.retaliation_commitment_game,
        ("reputation_stake", 0.5, 3),
        ("audience_cost", 0, 1.5),
        resolution=14,
    )


def test_cells_numbers_and_boundary_are_the_results(retaliation):
    ph = retaliation
    ax = phase_diagram(ph, mark=(1.0, 1.0))
    (mesh,) = find_artists(ax, "regions")
    np.testing.assert_array_equal(np.asarray(mesh.get_array()).reshape(ph.labels.shape), ph.labels)
    (dots,) = find_artists(ax, "boundary")
    np.testing.assert_array_equal(dots.get_offsets(), ph.boundary)
    # the calibrated response stops being a best reply at R̄ = 0.8/0.5 = 1.6 (any a)
    assert np.any(np.isclose(ph.boundary[:, 0], 1.6, atol=1e-9))
    numbers = find_artists(ax, "region:label")
    assert sorted(int(t.get_text()) for t in numbers) == sorted(ph.regions["label"].tolist())
    for t in numbers:
        row = ph.regions[ph.regions["label"] == int(t.get_text())].iloc[0]
        assert t.get_position() == (row["reputation_stake"], row["audience_cost"])
    (star,) = find_artists(ax, "mark")
    assert (star.get_xdata()[0], star.get_ydata()[0]) == (1.0, 1.0)
    assert ax.get_xlabel() == "reputation_stake (utils)"
    assert ax.get_ylabel() == "audience_cost (utils)"
    assert (ax.get_xlim(), ax.get_ylim()) == ((0.5, 3.0), (0.0, 1.5))


def test_legend_lists_what_sets_each_region_apart(retaliation):
    ph = retaliation
    ax = phase_diagram(ph)
    legend = ax.get_legend()
    assert "every region also has: restraint / escalate" in legend.get_title().get_text()
    texts = [t.get_text() for t in legend.get_texts()]
    assert len(texts) == len(ph.regions) + 1 and texts[-1] == "boundary (root-found)"
    # the region where R̄ > 1.6 keeps only the shared equilibria and one more
    high = ph.labels[0, -1]
    entry = next(t for t in texts if t.startswith(f"[{high}]"))
    assert "calibrated" not in entry


def test_model_function_with_names_contour_and_plot_method():
    def gap(x, y):
        return x - y  # regions x < y and x > y, boundary on the diagonal

    ph = dt.phase_diagram(gap, ("x", 0, 1), ("y", 0, 1), resolution=8)
    names = {i: ("below" if "> 0" in s else "above") for i, s in enumerate(ph.structures)}
    X, Y = np.meshgrid(ph.x, ph.y)
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    out = ph.plot(ax=ax, names=names, contour=(X + Y, [0.5, 1.0]), contour_label="x + y (units)")
    assert out is ax and plt.get_fignums() == before
    np.testing.assert_allclose(ph.boundary[:, 0], ph.boundary[:, 1], atol=1e-9)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {t.split(": ", 1)[1] for t in texts[:2]} == {"below", "above"}
    assert texts[-1] == "x + y (units)"
    assert ax.get_legend().get_title().get_text() == "regions (share of grid)"
    assert find_artists(ax, "contour")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"contour": (np.zeros((2, 2)), [0.5])}, "grid's shape"),
        ({"contour": (np.zeros((14, 14)),)}, "pair"),
        ({"mark": (1.0,)}, "point"),
    ],
)
def test_bad_input(retaliation, kwargs, fragment):
    with pytest.raises(ParameterError, match=fragment):
        phase_diagram(retaliation, **kwargs)


def test_rejects_something_else_than_a_phase_diagram():
    with pytest.raises(ParameterError, match="PhaseDiagram"):
        phase_diagram(np.zeros((3, 3)))
