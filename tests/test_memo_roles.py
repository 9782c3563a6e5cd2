"""The memo speaks of the scenario's players by their names and roles.

A scenario with other players (India and Pakistan, no patron, no proxies) passes `check` and
gives a memo in which the players of the first scenario never appear; proxy attacks are
attributed to their sponsor (the Tower 22 militias are Iran's).
"""

import re

import pytest

from deterrence.analysis import analyse
from deterrence.cli import main
from deterrence.memo.render import render_markdown
from deterrence.scenario import Scenario, load_scenario

INDIA_PAKISTAN = """\
[scenario]
name = "india-pakistan"
title = "India weighs a response to an attack from across the border"
response_unit = "munitions on target"
challenger = "India"
defender = "Pakistan"

[parameters.defender_tolerance]
median = 4.0
sigma_log = 0.8

[parameters.weakness_threshold]
median = 3.0
sigma_log = 0.6

[parameters]
salvo_size = 6
intercept_prob = 0.0
launch_reliability = 0.9
"""


def _memo_text(s) -> str:
    return render_markdown(analyse(s), [], generated="test", version="test")


@pytest.fixture(scope="module")
def india_pakistan_memo():
    return _memo_text(Scenario.from_toml(INDIA_PAKISTAN))


def test_check_accepts_the_scenario(tmp_path, capsys):
    path = tmp_path / "india-pakistan.toml"
    path.write_text(INDIA_PAKISTAN)
    assert main(["check", str(path)]) == 0
    assert "Roles: challenger India; defender Pakistan." in capsys.readouterr().out


def test_memo_names_only_the_scenario_players(india_pakistan_memo):
    md = india_pakistan_memo
    for word in ("Iran", "Israel", "United States", "US ", "Hezbollah"):
        assert word not in md, word
    assert "India" in md and "Pakistan" in md
    assert "no proxies" in md  # the proxy section says there is nothing to model
    assert not re.search(r"third party|may join", md, flags=re.I)  # no patron named


def test_tower_22_memo_attributes_proxy_attacks_to_iran():
    md = _memo_text(load_scenario("tower-22"))
    assert "attributed to Iran" in md
    assert "attributed to United States" not in md
    assert "Iran-aligned militias (Iran's proxies)" in md
