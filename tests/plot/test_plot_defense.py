"""Saturation curves and the n_min heat map: the drawn data are the binomial model's numbers
(MODELS.md §2.8, V20–V23)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from deterrence.errors import ParameterError, ProbabilityError
from deterrence.models import defense
from deterrence.plot.defense import launches_needed_heatmap, saturation_curves
from deterrence.plot.style import OKABE_ITO, PALETTE, find_artists


def curves(ax):
    return find_artists(ax, "saturation")


def test_v20_curve_at_22_launches_is_0_9015():
    ax = saturation_curves(40, k=1, p_kill=0.9, target=0.9)
    (line,) = curves(ax)
    n, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    np.testing.assert_array_equal(n, np.arange(41))
    # q = 1·(1 − 0.9) = 0.1; P(L ≥ 1) = 1 − 0.9^n: 0.9015 at 22, 0.8906 at 21 (V20)
    np.testing.assert_allclose(y, 1 - 0.9**n, atol=1e-14)
    assert round(y[22], 4) == 0.9015 and round(y[21], 4) == 0.8906
    (mark,) = find_artists(ax, "n_min")
    assert mark.get_xdata()[0] == 22 == defense.launches_needed(1, 0.9, 0.1)
    (target,) = find_artists(ax, "target")
    assert list(target.get_ydata()) == [0.9, 0.9]
    assert line.get_label() == "P_k = 0.9 (q = 0.1)"


def test_v21_five_leakers_need_78_launches():
    ax = saturation_curves(np.arange(70, 90), k=5, p_kill=0.9, target=0.9)
    (line,) = curves(ax)
    n, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    # V21: P(L ≥ 5) = 0.9006 at n = 78, 0.8944 at 77
    assert round(y[n == 78][0], 4) == 0.9006 and round(y[n == 77][0], 4) == 0.8944
    assert find_artists(ax, "n_min")[0].get_xdata()[0] == 78
    assert ax.get_ylabel() == "P(at least 5 leakers)"
    assert ax.get_xlabel() == "salvo size n (launches)"


def test_saturated_inventory_bends_the_curve_up():
    # N_I = 40 interceptors, P_k = 0.9, one shot, all arrive: with n <= 40 every threat is
    # engaged, L ~ Bin(n, 0.1), P(L >= 1) = 1 − 0.9^n; with n = 41 one threat is unengaged and
    # leaks surely, so P(L >= 1) = 1.
    ax = saturation_curves(45, k=1, p_kill=0.9, interceptors=(None, 40))
    unlimited, limited = curves(ax)
    n = np.asarray(limited.get_xdata())
    y = np.asarray(limited.get_ydata())
    np.testing.assert_allclose(y[:41], 1 - 0.9 ** n[:41], atol=1e-12)
    np.testing.assert_allclose(y[41:], 1.0, atol=1e-12)
    np.testing.assert_allclose(unlimited.get_ydata(), 1 - 0.9**n, atol=1e-14)
    assert limited.get_linestyle() != unlimited.get_linestyle()
    assert limited.get_label() == "P_k = 0.9 (q = 0.1), N_I = 40"
    assert unlimited.get_label() == "P_k = 0.9 (q = 0.1), N_I unlimited"


def test_v23_saturation_matches_leaker_pmf_with_reliability():
    ax = saturation_curves([0, 50, 100], k=61, p_kill=0.9, interceptors=40)
    (line,) = curves(ax)
    # V23 set-up (n = 100, N_I = 40, P_k = 0.9): L = 60 + Bin(40, 0.1), so P(L ≥ 61) = 1 − 0.9^40
    assert line.get_ydata()[2] == pytest.approx(1 - 0.9**40, abs=1e-12)
    assert line.get_ydata()[1] == pytest.approx(0.0, abs=1e-15)  # L <= 10 + 40 < 61
    ax = saturation_curves([30, 60], k=3, p_kill=0.8, interceptors=20, reliability=0.7)
    (line,) = curves(ax)
    for size, value in zip((30, 60), line.get_ydata(), strict=True):
        pmf = defense.leaker_pmf(size, 20, 0.8, 1, 0.7)
        assert value == pytest.approx(pmf[3:].sum(), abs=1e-12)


def test_one_colour_per_p_kill_one_style_per_inventory():
    ax = saturation_curves(20, p_kill=(0.6, 0.8), interceptors=(None, 10))
    lines = curves(ax)
    assert len(lines) == 4
    assert [to_hex(line.get_color()).upper() for line in lines] == [PALETTE[0]] * 2 + [
        PALETTE[1]
    ] * 2
    assert {to_hex(c).upper() for c in PALETTE} <= set(OKABE_ITO.values())
    assert len(ax.get_legend().get_texts()) == 4


def test_heatmap_cells_are_launches_needed_v20_v21():
    ax = launches_needed_heatmap([1, 5], [0.5, 0.9], q=0.1)
    (mesh,) = find_artists(ax, "n_min")
    grid = np.asarray(mesh.get_array()).reshape(2, 2)
    # V20: 22 for (k=1, p=0.9); V21: 78 for (5, 0.9); k=1, p=0.5: ⌈ln 0.5 / ln 0.9⌉ = 7;
    # k=5, p=0.5: P(Bin(46, 0.1) ≥ 5) = 0.4927 < 0.5 <= P(Bin(47, 0.1) ≥ 5) = 0.5122
    assert grid.astype(int).tolist() == [[7, 22], [47, 78]]
    assert grid[1, 0] == defense.launches_needed(5, 0.5, 0.1)
    texts = sorted(int(t.get_text()) for t in find_artists(ax, "n_min:label"))
    assert texts == [7, 22, 47, 78]
    assert ax.get_xlabel() == "required probability p of at least k leakers"
    assert ax.get_ylabel() == "leakers wanted k (munitions)"
    cbar_axes = [a for a in ax.figure.axes if a is not ax]
    assert cbar_axes[0].get_ylabel() == "launches needed n_min (launches)"


def test_heatmap_v22():
    ax = launches_needed_heatmap([1, 10], [0.5], q=0.05, annotate=False, colorbar=False)
    grid = np.asarray(find_artists(ax, "n_min")[0].get_array()).ravel()
    # V22: k = 10, p = 0.5, q = 0.05 -> 194 launches
    assert grid[1] == 194
    assert find_artists(ax, "n_min:label") == [] and len(ax.figure.axes) == 1


def test_draws_on_callers_axes():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert saturation_curves(10, ax=ax) is ax
    assert launches_needed_heatmap([1], [0.5], q=0.1, colorbar=False, ax=ax) is ax
    assert plt.get_fignums() == before


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: saturation_curves([5]), ParameterError, "at least two salvo sizes"),
        (lambda: saturation_curves(10, p_kill=1.2), ProbabilityError, "p_kill"),
        (lambda: saturation_curves(10, p_kill=[]), ParameterError, "at least one value"),
        (lambda: saturation_curves(10, interceptors=2.5), ParameterError, "interceptors"),
        (lambda: saturation_curves(10, target=2), ProbabilityError, "target"),
        (lambda: saturation_curves(10, k=-1), ParameterError, "k must be a whole number"),
        (lambda: saturation_curves(10, ax="axes"), ParameterError, "matplotlib Axes"),
        (lambda: launches_needed_heatmap([1], [0.5], q=0), ParameterError, "q=0"),
        (lambda: launches_needed_heatmap([1], [1.5], q=0.1), ProbabilityError, "p_values"),
        (lambda: launches_needed_heatmap([1], [1.0], q=0.1), ParameterError, "p=1 cannot"),
    ],
)
def test_bad_input(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
