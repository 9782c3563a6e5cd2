"""Tests of deterrence.analysis.sensitivity: Sobol' indices (Saltelli 2010 / Jansen 1999)."""

import math

import numpy as np
import pytest

import deterrence as dt
from deterrence.analysis.sensitivity import sensitivity, sobol_indices
from deterrence.analysis.uncertainty import INPUTS
from deterrence.errors import ParameterError

# Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π), a = 7, b = 0.1.
# Partial variances (Sobol' & Levitan 1999; Saltelli et al. 2010, eq. 22):
#   V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0, V13 = 8b²π⁸/225, V = V1 + V2 + V13.
A, B = 7.0, 0.1
V1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
V2 = A**2 / 8
V13 = 8 * B**2 * math.pi**8 / 225
V = V1 + V2 + V13
ISHIGAMI_S1 = (V1 / V, V2 / V, 0.0)  # (0.3139, 0.4424, 0)
ISHIGAMI_ST = ((V1 + V13) / V, V2 / V, V13 / V)  # (0.5576, 0.4424, 0.2437)


def ishigami(x):
    return np.sin(x[:, 0]) + A * np.sin(x[:, 1]) ** 2 + B * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_ishigami_indices_within_monte_carlo_error():
    assert ISHIGAMI_S1[0] == pytest.approx(0.3139, abs=1e-4)
    assert ISHIGAMI_ST[2] == pytest.approx(0.2437, abs=1e-4)
    res = sobol_indices(ishigami, [(-math.pi, math.pi)] * 3, n=8192, seed=2024, level=0.99)
    for i in range(3):
        for est, conf, true in (
            (res.S1["y"][i], res.S1_conf["y"][i], ISHIGAMI_S1[i]),
            (res.ST["y"][i], res.ST_conf["y"][i], ISHIGAMI_ST[i]),
        ):
            assert abs(est - true) < 0.03
            assert conf[0] - 0.005 <= true <= conf[1] + 0.005, (i, est, conf, true)
    # x3 acts only through its interaction with x1: first order ~0, total ~0.24
    assert res.ST["y"][2] - res.S1["y"][2] > 0.2


def test_additive_function_has_no_interactions():
    # Y = X0 + 2 X1: S = (1/5, 4/5) exactly in the limit, and S_T = S
    res = sobol_indices(lambda x: x[:, 0] + 2 * x[:, 1], [(0, 1), (0, 1)], n=4096, seed=1)
    assert res.S1["y"] == pytest.approx([0.2, 0.8], abs=0.02)
    assert res.ST["y"] == pytest.approx([0.2, 0.8], abs=0.02)


def one_parameter(key="defender_tolerance"):
    s = dt.load_scenario("iran-2024")
    return s.replace(ranges={k: (v, v) for k, v in s.parameters.items() if k != key})


def test_only_uncertain_parameter_explains_everything():
    res = sensitivity(one_parameter(), n=512, seed=3,
                      quantities=["window_ceiling", "r_star", "p_escalation_salvo"])  # fmt: skip
    assert res.parameters == ("defender_tolerance",)
    for q in res.quantities:
        lo, hi = res.S1_conf[q][0]
        assert lo <= 1.0 <= hi + 1e-12 or res.S1[q][0] == pytest.approx(1.0, abs=0.02)
        assert res.ST[q][0] == pytest.approx(1.0, abs=0.05)


def test_a_parameter_a_quantity_does_not_read_has_index_zero():
    res = sensitivity("iran-2024", n=128, seed=5, quantities=["window_ceiling", "r_star"])
    # the ceiling F⁻¹(ρ) reads only the tolerance median, its spread and ρ
    i = res.parameters.index("weakness_threshold")
    assert res.ST["window_ceiling"][i] == 0.0 and res.S1["window_ceiling"][i] == 0.0
    assert set(res.load_bearing()["window_ceiling"]) <= {
        "defender_tolerance",
        "defender_tolerance.sigma_log",
        "acceptable_risk",
    }
    # parameters that enter no headline quantity are not varied, and are named
    assert "interceptor_inventory" in res.fixed and "interceptor_inventory" not in res.parameters
    assert set(res.parameters) <= set(INPUTS)
    frame = res.to_frame()
    assert set(frame.columns) >= {"quantity", "parameter", "S1", "S1_lo", "ST", "ST_hi"}
    ax = res.plot("r_star")
    total = [a for a in ax.patches if a.get_gid() == "total"]
    assert len(total) == min(12, len(res.parameters))
    assert "Sobol" in ax.get_xlabel()


def test_bad_input_is_named():
    with pytest.raises(ParameterError, match="Did you mean 'r_star'"):
        sensitivity("iran-2024", n=8, quantities=["r_sta"])
    s = dt.load_scenario("iran-2024")
    point = s.replace(ranges={k: (v, v) for k, v in s.parameters.items()})
    with pytest.raises(ParameterError, match="no uncertain parameter"):
        sensitivity(point, n=8)
    with pytest.raises(ParameterError, match="expected"):
        sobol_indices(lambda x: x[:10, 0], [(0, 1)], n=16)
