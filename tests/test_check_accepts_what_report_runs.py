"""`deterrence check` accepts exactly what `deterrence report` can run.

Hypothesis writes scenario files with values anywhere the schema's hard constraints allow
(edges included: probabilities of 0 and 1 where the kind admits them, tiny and huge
magnitudes), with and without a patron and proxies. Every file `check` accepts must go through
the report's analysis; a file it refuses must fail with a DeterrenceError naming the key.
"""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deterrence.analysis import analyse, scenario_summary
from deterrence.cli import main
from deterrence.errors import DeterrenceError
from deterrence.scenario import Scenario
from deterrence.scenario.schema import _LEAVES


def _value(leaf):
    kind = leaf.kind
    if kind.integer:
        return st.integers(int(kind.low), 5000)
    lo, hi = kind.low, kind.high
    if leaf.part != "value":  # median, sigma_log: > 0
        return st.floats(1e-3, 1e4)
    if math.isinf(hi):
        edges = [lo, lo + 1e-6, 1e3] if kind.closed[0] else [lo + 1e-6, 1e3]
        return st.one_of(st.sampled_from(edges), st.floats(lo, 1e3))
    edges = [v for v, ok in ((lo, kind.closed[0]), (hi, kind.closed[1])) if ok]
    inner = st.floats(lo, hi, exclude_min=not kind.closed[0], exclude_max=not kind.closed[1])
    return st.one_of(st.sampled_from(edges), inner) if edges else inner


@st.composite
def scenario_text(draw):
    roles = ['challenger = "A"', 'defender = "B"']
    patron = draw(st.booleans())
    proxies = draw(st.booleans())
    if patron:
        roles.append('patron = "C"')
    if proxies:
        roles.append('proxies = "D"')
        roles.append(f'proxy_sponsor = "{draw(st.sampled_from(["challenger", "defender"]))}"')
    keys = draw(st.lists(st.sampled_from(sorted(_LEAVES)), max_size=8, unique=True))
    lines = ["[scenario]", *roles, "", "[parameters]"]
    for key in keys:
        leaf = _LEAVES[key]
        if leaf.spec.role == "patron" and not patron or leaf.spec.role == "proxies" and not proxies:
            continue
        v = draw(_value(leaf))
        lines.append(f"{key} = {v!r}")
    return "\n".join(lines) + "\n"


def _load(text):
    try:
        return Scenario.from_toml(text)
    except DeterrenceError:
        return None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_text())
def test_every_scenario_check_accepts_gets_the_report_summary(text):
    s = _load(text)
    if s is None:
        return
    summary = scenario_summary(s)  # r*, window, the salvo's risk, the tree's choice
    assert summary.tree_choice in ("restraint", "calibrated", "major", "n/a")


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_text())
def test_every_scenario_check_accepts_gets_the_full_analysis(text):
    s = _load(text)
    if s is None:
        return
    findings = analyse(s)
    assert findings.scenario is s


@pytest.mark.parametrize(
    "line",
    [
        "alpha_weak = 0",
        "acceptable_risk = 0",
        "intercept_prob = 1",
        "salvo_size = 0",
        "launch_reliability = 0",
    ],
)
def test_check_refuses_what_report_could_not_run(tmp_path, line, capsys):
    path = tmp_path / "edge.toml"
    path.write_text(f"[parameters]\n{line}\n")
    assert main(["check", str(path)]) == 2
    assert line.split(" = ")[0] in capsys.readouterr().err
