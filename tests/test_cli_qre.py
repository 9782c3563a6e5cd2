"""`deterrence qre`: the numbers it prints are those of dt.qre / dt.agent_qre; bad input exits 2."""

import json

import numpy as np
import pytest

import deterrence as dt
from deterrence.cli import main


def run(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_named_game_json_matches_the_library(capsys):
    code, out, _ = run(capsys, "qre", "chicken", "--lam", "2", "20", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "bimatrix" and data["units"] == "normalized"
    for point in data["points"]:
        q = dt.qre(dt.games.chicken(), point["lam"])
        np.testing.assert_allclose(point["row"], q.row, atol=1e-12)
    # Chicken's branch ends at the mixed equilibrium (0.9, 0.1)
    np.testing.assert_allclose(data["nash_limit"]["row"], [0.9, 0.1], atol=1e-9)


def test_scenario_reports_the_crisis_tree_and_the_modal_switch(capsys):
    code, out, _ = run(capsys, "qre", "iran-2024", "--lam", "0.05", "5", "--json")
    assert code == 0
    data = json.loads(out)
    tree = dt.games.crisis.crisis_tree(dt.load_scenario("iran-2024"))
    q = dt.agent_qre(tree, 5.0)
    assert data["points"][1]["behavior"]["Iran"] == pytest.approx(dict(q.behavior["Iran"]))
    assert data["subgame_perfect_choice"] == "calibrated"
    # with a strategic defender the calibrated strike is the most likely class at every
    # precision (its QRE lead never closes), so there is no switching λ to report
    assert data["modal_below_lam"] is None
    for point in data["points"]:
        behavior = point["behavior"]["Iran"]
        assert max(behavior, key=behavior.get) == "calibrated"
    code, text, _ = run(capsys, "qre", "iran-2024")
    assert code == 0 and "modal at every λ searched" in text


@pytest.mark.parametrize(
    "args, fragment",
    [(("qre", "chicken", "--lam", "-1"), "--lam"), (("qre", "no-such-game"), "no-such-game")],
)
def test_bad_input_exits_2(capsys, args, fragment):
    code, _, err = run(capsys, *args)
    assert code == 2 and fragment in err and "Traceback" not in err
