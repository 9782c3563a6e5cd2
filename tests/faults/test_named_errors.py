"""Every deliberate error is a DeterrenceError (and the matching built-in) naming what is wrong."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.errors import (
    BuilderError,
    DeterrenceError,
    ParameterError,
    ResourceBudgetError,
    ScenarioError,
)
from deterrence.scenario import Scenario, load_scenario
from deterrence.scenario.loader import MAX_TOML_DEPTH

GAME = dt.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def test_solve_many_chunk_zero():
    A = np.stack([GAME.A] * 3)
    B = np.stack([GAME.B] * 3)
    with pytest.raises(ParameterError, match="chunk") as info:
        dt.solve_many(A, B, chunk=0)
    assert isinstance(info.value, ValueError)


def test_solve_bogus_method():
    with pytest.raises(ParameterError, match="method must be one of.*'bogus'"):
        dt.solve(GAME, method="bogus")


def test_load_scenario_none():
    with pytest.raises(ScenarioError, match="NoneType"):
        load_scenario(None)


def test_five_thousand_character_name():
    with pytest.raises(ScenarioError, match="5,000 characters"):
        load_scenario("a" * 5000)


@pytest.mark.parametrize("opener,closer", [("[", "]"), ("{x=", "}")])
def test_toml_nested_100000_deep(opener, closer):
    text = "a = " + opener * 100_000 + closer * 100_000
    with pytest.raises(ScenarioError, match="nested") as info:
        Scenario.from_toml(text, origin="scenario file 'deep.toml'")
    assert "deep.toml" in str(info.value)
    assert not isinstance(info.value, RecursionError)


def test_toml_nesting_just_beyond_the_bound():
    text = (
        "[parameters]\nsalvo_size = 1\n[scenario]\nx = "
        + "[" * MAX_TOML_DEPTH
        + "]" * MAX_TOML_DEPTH
    )
    with pytest.raises(ScenarioError, match=f"at most {MAX_TOML_DEPTH}"):
        Scenario.from_toml(text, origin="scenario file 'n.toml'")


def test_five_thousand_digit_integer_names_the_file():
    with pytest.raises(ScenarioError) as info:
        Scenario.from_toml(
            "[parameters]\nsalvo_size = " + "9" * 5000, origin="scenario file 'x.toml'"
        )
    assert "x.toml" in str(info.value)
    assert len(str(info.value)) < 600  # the number is not echoed whole


@pytest.mark.parametrize("value", ["1e308", "100000000000000000000", str(2**63)])
def test_huge_count_names_the_bound_without_int64_wrap(value):
    with pytest.raises(ScenarioError) as info:
        Scenario.from_toml(f"[parameters]\nsalvo_size = {value}", origin="scenario file 'x.toml'")
    msg = str(info.value)
    assert "salvo_size" in msg and "x.toml" in msg
    assert "2**53" in msg and "-9223372036854775808" not in msg


@given(st.integers(min_value=2**54, max_value=10**30))
@settings(max_examples=25, deadline=None)
def test_counts_checked_as_python_ints(n):
    from deterrence._check import count

    with pytest.raises(ParameterError, match="at most 9,007,199,254,740,992"):
        count(n, "salvo_size")
    with pytest.raises(ParameterError, match="at most"):
        count(float(n), "salvo_size")


def test_builder_returning_a_string():
    with pytest.raises(BuilderError, match="returned str") as info:
        dt.find_thresholds(lambda p: "not a game", "p", (0, 1))
    assert isinstance(info.value, TypeError) and isinstance(info.value, DeterrenceError)


def test_grid_budget_fails_fast_in_bounded_memory():
    # a subprocess measures the whole interpreter's peak (ru_maxrss, kB on Linux)
    # in a subprocess: tracemalloc's peak of the call, and the growth of the process's peak
    # resident size (ru_maxrss, kB on Linux) across it
    code = (
        "import resource, time, tracemalloc, deterrence as dt\n"
        "from deterrence.errors import ResourceBudgetError\n"
        "dt.find_thresholds(lambda p: p, 'p', (0, 1), grid=11)\n"
        "rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "tracemalloc.start()\n"
        "t = time.perf_counter()\n"
        "try:\n"
        "    dt.find_thresholds(lambda p: p, 'p', (0, 1), grid=10**8)\n"
        "except ResourceBudgetError as e:\n"
        "    print('ERR', e)\n"
        "print('T', time.perf_counter() - t)\n"
        "print('PEAK', tracemalloc.get_traced_memory()[1])\n"
        "print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines())
    assert "GRID_BUDGET" in lines["ERR"] and "100,000,000" in lines["ERR"], out
    assert float(lines["T"]) < 1.0
    assert int(lines["PEAK"]) < 200 * 2**20  # peak memory of the error path under 200 MB
    assert int(lines["RSS"]) < 200 * 1024


def test_phase_diagram_and_sweep_budgets():
    with pytest.raises(ResourceBudgetError, match="GRID_BUDGET"):
        dt.phase_diagram(lambda x, y: x + y, ("x", 0, 1), ("y", 0, 1), resolution=(2000, 2000))
    with pytest.raises(ResourceBudgetError, match="SWEEP_BUDGET"):
        dt.sweep(lambda x, y: x + y, {"x": np.linspace(0, 1, 1000), "y": np.linspace(0, 1, 1000)})


def test_every_error_class_is_a_deterrence_error_and_a_builtin():
    import deterrence.errors as errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, Exception) and not issubclass(cls, Warning):
            if cls is DeterrenceError:
                continue
            assert issubclass(cls, DeterrenceError), name
            builtins = [
                b
                for b in cls.__mro__
                if b.__module__ == "builtins" and b not in (Exception, BaseException, object)
            ]
            assert builtins, f"{name} subclasses no specific built-in"


def _cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "deterrence", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def test_debug_never_turns_bad_input_into_exit_1(tmp_path):
    out = _cli("--debug", "check", str(tmp_path / "nosuch.toml"))
    assert out.returncode == 2, out.stderr
    assert "nosuch.toml" in out.stderr
