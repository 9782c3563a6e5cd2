"""`deterrence solve FILE`: Gambit files, CSV pairs and TOML games from the command line.

Run in-process through ``cli.main`` (each subprocess start costs seconds on a busy machine);
exit codes and streams are what a shell sees.
"""

import json

import numpy as np
import pytest

import deterrence as dt
from deterrence.cli import main


def solve(capsys, *args):
    code = main(["solve", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_nfg_file_json_includes_payoffs(tmp_path, capsys):
    p = dt.write_gambit(dt.games.chicken(), tmp_path / "chicken.nfg")
    code, out, _ = solve(capsys, p, "--json")
    data = json.loads(out)
    assert code == 0 and data["payoffs"]["A"] == [[0.0, -1.0], [1.0, -10.0]]
    assert data["complete"] and data["coverage"] == "all 3 extreme equilibria"
    mixed = [e for e in data["equilibria"] if not e["pure"]][0]
    assert mixed["row"] == pytest.approx([0.9, 0.1]) and data["source"] == str(p)


def test_efg_file_is_solved_through_its_reduced_normal_form(tmp_path, capsys):
    tree = (
        dt.GameTree.builder(("Challenger", "Defender"), name="deterrence")
        .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
        .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
        .terminal("SQ", (0, 1))
        .terminal("DC", (1, -1))
        .terminal("DD", (-1, -0.5))
        .build()
    )
    p = dt.write_gambit(tree, tmp_path / "d.efg")
    code, out, _ = solve(capsys, p)
    assert code == 0 and "reduced normal form of the tree" in out
    assert "2 extreme equilibria in 1 component(s)" in out  # deny w.p. >= 1/2: one segment


def test_csv_pair_with_labels_and_the_lp_method(tmp_path, capsys):
    (tmp_path / "a.csv").write_text(",heads,tails\nheads,1,-1\ntails,-1,1\n")
    (tmp_path / "b.csv").write_text(",heads,tails\nheads,-1,1\ntails,1,-1\n")
    code, out, _ = solve(capsys, tmp_path / "a.csv", tmp_path / "b.csv", "--method", "lp")
    assert code == 0 and "linear programming" in out and "Row: heads" in out
    code, out, _ = solve(capsys, tmp_path / "a.csv", tmp_path / "b.csv", "--method", "lp", "--json")
    data = json.loads(out)
    assert data["strategies"] == [["heads", "tails"], ["heads", "tails"]]
    assert data["equilibria"][0]["row"] == pytest.approx([0.5, 0.5])


def test_toml_game_and_a_large_one_says_some(tmp_path, capsys):
    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 9, (16, 16)), rng.integers(0, 9, (16, 16))
    p = tmp_path / "big.toml"
    p.write_text(f'name = "big"\nA = {A.tolist()}\nB = {B.tolist()}\n')
    code, out, _ = solve(capsys, p)
    assert code == 0 and "some equilibria (Lemke–Howson from 32 labels)" in out
    assert "not necessarily all" in out and "16x16 payoff table" not in out


def test_named_games_and_scenarios_still_work(capsys):
    code, out, _ = solve(capsys, "matching-pennies", "--json")
    assert code == 0 and json.loads(out)["game"] == "Matching pennies"


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["x.nfg", "y.nfg"], "a second file is only taken with CSV tables"),
        (["a.csv"], "CSV payoffs come in pairs"),
        (["missing.nfg"], "no Gambit file"),
    ],
)
def test_bad_input_exits_2_with_a_message(args, fragment, capsys):
    code, out, err = solve(capsys, *args)
    assert code == 2 and fragment in err and out == ""


def test_a_broken_file_names_its_line(tmp_path, capsys):
    p = tmp_path / "bad.nfg"
    p.write_text('NFG 1 R "g" { "a" "b" } { 2 2 }\n\n1 2 3 oops 5 6 7 8\n')
    code, _, err = solve(capsys, p)
    assert code == 2 and "line 3" in err and "'oops'" in err
