"""deterrence.widgets: the explorers' logic run headless, the widgets driven programmatically,
and the message when the jupyter extra is missing."""

import subprocess
import sys

import numpy as np
import pytest
from scipy import stats

import deterrence as dt
from deterrence.errors import MissingExtraError, ParameterError
from deterrence.plot.style import find_artists
from deterrence.widgets import Explorer, Slider, WindowExplorer, explore, explore_window


@pytest.fixture(scope="module")
def scenario():
    return dt.load_scenario("iran-2024")


def _threshold_lines(view):
    ax = view.figure.axes[0]
    return sorted(float(line.get_xdata()[0]) for line in find_artists(ax, "threshold"))


COMMIT = dt.games.retaliation_commitment_game  # the 3×3 game: closed forms in its docstring


def test_scenario_explorer_shows_the_normal_form_of_the_exchange(scenario):
    ex = Explorer(scenario)
    assert list(ex.sliders) == list(dt.games.crisis.EXCHANGE_PARAMETERS)
    view = ex.update(reputation_stake=2.0)
    assert view.equilibria is not None and view.equilibria.game.shape == (3, 9)
    assert [e.describe() for e in view.equilibria.credible] == [
        "calibrated / proportional|escalate"
    ]
    assert "Iran" in view.html and "Israel" in view.html


def test_commitment_explorer_thresholds_follow_the_sliders():
    ex = Explorer(COMMIT, threshold_param="reputation_stake")
    assert list(ex.sliders) == list(dt.games.crisis.EXCHANGE_PARAMETERS)
    assert (ex.sliders["reputation_stake"].low, ex.sliders["reputation_stake"].high) == (0.5, 3.0)
    view = ex.update()
    # retaliation_game docstring: R = 18/13 (the deterrence component's interior vertex) and
    # R = 1.6 = d(l - 1)/(1 - share) = 0.4*2/0.5 (calibrated stops being a best reply)
    np.testing.assert_allclose(view.thresholds.values, [18 / 13, 1.6], atol=1e-9)
    np.testing.assert_allclose(_threshold_lines(view), [18 / 13, 1.6], atol=1e-9)
    assert "calibrated / proportional" in view.html
    assert "Challenger" in view.html and "Defender" in view.html
    # with a = 0 the lines a = 0.4 - R/2 and 0.65 R + a/10 = 1 cross the axis at R = 0.8, 1/0.65
    view = ex.update(audience_cost=0.0)
    np.testing.assert_allclose(view.thresholds.values, [0.8, 1 / 0.65, 1.6], atol=1e-9)
    np.testing.assert_allclose(_threshold_lines(view), [0.8, 1 / 0.65, 1.6], atol=1e-9)


def test_moving_the_charted_parameter_moves_only_the_marker():
    ex = Explorer(COMMIT)
    first = ex.update(reputation_stake=1.0)
    second = ex.update(reputation_stake=2.0)
    assert second.thresholds is first.thresholds  # cached: the other parameters did not move
    (now,) = find_artists(second.figure.axes[0], "current")
    assert now.get_xdata()[0] == 2.0
    # above R = 1.6 the calibrated response is gone: only restraint equilibria remain
    assert "calibrated / proportional" in [e.describe() for e in first.equilibria]
    assert [e.support[0] for e in second.equilibria] == [("restraint",)] * 3


def test_chart_of_another_parameter():
    ex = Explorer(COMMIT)
    view = ex.set_threshold_param("audience_cost")
    # at R = 1: a = 0.4 - 0.5 < 0 (never), 0.65 + a/10 = 1 -> a = 3.5 outside [0, 3]: no threshold
    assert view.thresholds.param == "audience_cost" and len(view.thresholds) == 0
    view = ex.update(reputation_stake=0.6)
    # R = 0.6: a = 0.4 - 0.3 = 0.1 and a = 10(1 - 0.39) = 6.1 (outside): one threshold at 0.1
    np.testing.assert_allclose(view.thresholds.values, [0.1], atol=1e-9)


def test_builder_explorer_chicken():
    ex = Explorer(dt.games.chicken, threshold_param="T")
    assert {k: (s.low, s.value, s.high) for k, s in ex.sliders.items()} == {
        "R": (-1.0, 0.0, 1.0),
        "S": (-2.0, -1.0, 0.0),
        "T": (0.0, 1.0, 2.0),
        "P": (-20.0, -10.0, 0.0),
    }
    view = ex.update(T=2.0)
    # mixed equilibrium: straight w.p. (T - R)/((T - R) + (S - P)) = 2/11
    (mixed,) = [e for e in view.equilibria if not e.is_pure]
    np.testing.assert_allclose(mixed.row, [9 / 11, 2 / 11], atol=1e-12)
    assert "0.1818 straight" in view.html
    assert view.error is None and "Note" not in view.html
    # T = R = 0 on the grid: below it swerving dominates; the chart marks T = 0 exactly
    np.testing.assert_allclose(view.thresholds.values, [0.0], atol=1e-9)


def test_payoffs_outside_the_ordering_are_shown_with_a_note():
    view = Explorer(dt.games.chicken).update(R=1.5)  # R > T: not Chicken any more
    assert "Chicken requires P &lt; S &lt; R &lt; T" in view.html
    assert view.equilibria is not None and view.error is None


def test_refused_parameters_give_an_error_view(scenario):
    ex = Explorer(scenario)
    view = ex.update(p_patron_entry=1.5)
    assert view.equilibria is None
    assert "p_patron_entry" in view.error and "#c62828" in view.html
    assert find_artists(view.figure.axes[0], "note")


def test_explorer_input_errors(scenario):
    ex = Explorer(scenario)
    with pytest.raises(ParameterError, match="Did you mean 'audience_cost'"):
        ex.update(audience_cots=1.0)
    with pytest.raises(ParameterError, match="must be a number"):
        ex.update(audience_cost="1")
    with pytest.raises(ParameterError, match="threshold_param must be one of the sliders"):
        Explorer(scenario, threshold_param="salvo_size")
    with pytest.raises(ParameterError, match="no numeric keyword defaults"):
        Explorer(lambda a, b: dt.games.chicken())
    with pytest.raises(ParameterError, match="a game builder .* or a Scenario"):
        Explorer(42)
    with pytest.raises(ParameterError, match="low < high"):
        Slider("x", 1.0, 1.0, 1.0)


def test_params_choose_and_range_the_sliders():
    ex = Explorer(dt.games.chicken, params={"T": (0.5, 3.0), "P": (-30, -2, -5)})
    assert list(ex.sliders) == ["T", "P"]
    assert (ex.sliders["T"].low, ex.sliders["T"].high, ex.sliders["T"].value) == (0.5, 3.0, 1.0)
    assert ex.sliders["P"].value == -5
    assert ex.sliders["T"].step == 0.05  # (3 - 0.5)/100 = 0.025 -> 0.05
    with pytest.raises(ParameterError, match="Did you mean 'T'"):
        Explorer(dt.games.chicken, params=["TT"])


def test_window_explorer_moves_the_curves(scenario):
    ex = WindowExplorer(scenario)
    assert ex.sliders["defender_tolerance"].unit == "leakers"
    first = ex.update()
    assert "window empty" in first.html  # MODELS.md §5.1: [6.47, 6.32]
    top = first.figure.axes[0]
    y0 = find_artists(top, "p_escalation")[0].get_ydata().copy()
    second = ex.update(defender_tolerance=40.0)
    y1 = find_artists(second.figure.axes[0], "p_escalation")[0].get_ydata()
    assert not np.array_equal(y0[: len(y1)], y1[: len(y0)])
    # floor G^-1(0.9) = 3 exp(0.6 z_0.9); ceiling F^-1(0.05) = 40 exp(-0.7 z_0.95)
    floor = stats.lognorm(s=0.6, scale=3).ppf(0.9)
    ceiling = stats.lognorm(s=0.7, scale=40).ppf(0.05)
    assert f"window [{floor:.4g}, {ceiling:.4g}] leakers" in second.html
    assert second.model.optimum() > first.model.optimum()


def test_window_explorer_in_launches_and_errors(scenario):
    ex = WindowExplorer(scenario, launches=True)
    assert "salvo_size" in ex.sliders and ex.sliders["salvo_size"].integer
    view = ex.update()
    # MODELS.md §5.1: a 150-launch salvo escalates with probability about 0.52
    assert "a salvo of 150 escalates with probability 0.516" in view.html
    bad = ex.update(alpha_weak=1.5)
    assert "alpha_weak" in bad.error and bad.model is None
    with pytest.raises(ParameterError, match="takes a Scenario"):
        WindowExplorer(dt.games.chicken)


def test_explore_widget_drives_the_explorer():
    box = explore(COMMIT)
    table, chart = box.children[0].children[1], box.children[1]
    assert box.explorer.threshold_param == "reputation_stake"
    html0, png0 = table.value, bytes(chart.value)
    box.sliders["audience_cost"].value = 0.0
    assert box.explorer.values["audience_cost"] == 0.0
    np.testing.assert_allclose(box.explorer.last.thresholds.values, [0.8, 1 / 0.65, 1.6], atol=1e-9)
    assert table.value != html0 and bytes(chart.value) != png0
    box.choose.value = "p_patron_entry"
    assert box.explorer.last.thresholds.param == "p_patron_entry"


def test_explore_window_widget(scenario):
    box = explore_window(scenario)
    table = box.children[0].children[1]
    assert "window empty" in table.value
    box.sliders["defender_tolerance"].value = 40.0
    assert "window [" in table.value


def test_missing_ipywidgets_names_the_extra_when_static_is_refused(monkeypatch, scenario):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # `import ipywidgets` now fails
    for call in (
        lambda: explore(scenario, static=False),
        lambda: explore_window(scenario, static=False),
    ):
        with pytest.raises(MissingExtraError, match=r"pip install 'deterrence\[jupyter\]'"):
            call()
    with pytest.raises(ImportError):  # MissingExtraError is an ImportError too
        explore(dt.games.chicken, static=False)
    assert Explorer(scenario).update().equilibria is not None  # headless still works


def test_without_ipywidgets_explorers_degrade_to_a_static_chart(monkeypatch, scenario):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    from deterrence.widgets import StaticView

    window = explore_window(scenario)
    assert isinstance(window, StaticView)
    page = window._repr_html_()
    # one note line naming the extra, the window summary, and the chart as an inline PNG
    assert page.count("pip install &#x27;deterrence[jupyter]&#x27;") == 1
    assert "window empty" in page and page.count('<img src="data:image/png;base64,') == 1
    game = explore(dt.games.chicken)
    assert isinstance(game, StaticView) and game.view.equilibria is not None
    assert len(game.view.equilibria) == 3  # Chicken: two pure equilibria and one mixed


def test_notebook_02_last_cell_runs_without_ipywidgets(scenario):
    # a student's "Run all" of notebook 02 without the jupyter extra: the explorer cell
    # shows a static chart instead of stopping the notebook
    code = (
        "import sys; sys.modules['ipywidgets'] = None\n"
        "import deterrence as dt\n"
        "s = dt.load_scenario('iran-2024')\n"
        "out = dt.widgets.explore_window(s)\n"
        "print(type(out).__name__, 'static chart' in out._repr_html_())"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "StaticView True"


def test_importing_widgets_does_not_import_ipywidgets():
    code = "import sys, deterrence.widgets; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
