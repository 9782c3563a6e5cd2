"""Proxy-risk chart: 1 − (1 − αβ)^periods against α for several β (MODELS.md §2.7, §5.3 chart 7)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import ParameterError, ProbabilityError
from deterrence.plot.proxies import proxy_risk
from deterrence.plot.style import find_artists


def test_one_curve_per_attribution_level_with_the_closed_form():
    ax = proxy_risk(attribution=(0.3, 0.6, 0.95), periods=12, period="month")
    lines = find_artists(ax, "proxy_risk")
    assert [line.get_label() for line in lines] == ["β = 0.3", "β = 0.6", "β = 0.95"]
    for line, beta in zip(lines, (0.3, 0.6, 0.95), strict=True):
        alpha = np.asarray(line.get_xdata())
        assert alpha[0] == 0.0 and alpha[-1] == 0.5 and len(alpha) == 201
        np.testing.assert_allclose(line.get_ydata(), 1 - (1 - alpha * beta) ** 12, atol=1e-15)
    assert len({line.get_linestyle() for line in lines}) == 3
    assert ax.get_xlabel() == "proxy autonomy α (P(unsanctioned attack) per month)"
    assert ax.get_ylabel() == "P(≥ 1 attributed unsanctioned attack in 12 months)"


def test_scenario_point_default_values():
    s = dt.load_scenario("iran-2024")
    alpha, beta = s.parameters["proxy_autonomy"], s.parameters["attribution"]
    ax = proxy_risk([0, 0.2, 0.5], attribution=[beta], mark=(alpha, beta))
    (line,) = find_artists(ax, "proxy_risk")
    # one period: α·β = 0.2·0.6 = 0.12; α = 0.5: 0.3
    assert line.get_ydata() == pytest.approx([0.0, 0.12, 0.3], abs=1e-15)
    (point,) = find_artists(ax, "mark")
    assert (point.get_xdata()[0], point.get_ydata()[0]) == pytest.approx((0.2, 0.12), abs=1e-15)
    assert point.get_label() == "scenario: α = 0.2, β = 0.6 → 0.12"
    ax = proxy_risk(attribution=0.6, periods=12, mark=(0.2, 0.6))
    # twelve periods: 1 − 0.88^12 = 0.7843 (proxies.p_crisis_from_proxies docstring)
    assert find_artists(ax, "mark")[0].get_ydata()[0] == pytest.approx(0.7843, abs=5e-5)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["β = 0.6", "scenario: α = 0.2, β = 0.6 → 0.78"]


def test_callers_axes():
    fig, ax = plt.subplots()
    before = plt.get_fignums()
    assert proxy_risk(ax=ax) is ax
    assert plt.get_fignums() == before
    assert ax.get_ylim()[0] == 0.0


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"attribution": 1.2}, ProbabilityError, "attribution"),
        ({"attribution": []}, ParameterError, "at least one"),
        ({"autonomy": [0.1]}, ParameterError, "at least two"),
        ({"autonomy": [0.1, 1.5]}, ProbabilityError, "autonomy"),
        ({"periods": 0}, ParameterError, "periods"),
        ({"periods": 1.5}, ParameterError, "periods"),
        ({"period": ""}, ParameterError, "period must be"),
        ({"mark": (0.2,)}, ParameterError, "pair"),
        ({"mark": (0.2, 2.0)}, ProbabilityError, "mark β"),
    ],
)
def test_bad_input(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        proxy_risk(**kwargs)
