"""Gambit interchange: round trips through pygambit (the field's independent implementation).

Our files read by pygambit give the same payoffs and the same equilibrium payoffs; pygambit's
files read by us likewise — on 24 random strategic games (payoff format one way, Gambit's
outcome format the other) and 6 random trees with chance nodes and information sets.
"""

import io
from fractions import Fraction

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import InvalidGameError, OutputExistsError
from deterrence.io.gambit import efg_text, nfg_text, parse_efg

gbt = pytest.importorskip("pygambit")


def payoff_set(pairs):
    return sorted({(round(float(a), 9), round(float(b), 9)) for a, b in pairs})


def gambit_equilibrium_payoffs(g):
    res = gbt.nash.enummixed_solve(g, rational=True)
    row, col = list(g.players)
    return payoff_set((eq.payoff(row), eq.payoff(col)) for eq in res.equilibria)


def random_game(rng, k):
    m, n = 2 + k % 3, 2 + (k // 3) % 3
    if k % 2:  # integers with ties: degenerate games
        A, B = rng.integers(-3, 4, (m, n)).astype(float), rng.integers(-3, 4, (m, n)).astype(float)
    else:  # decimals, which Gambit reads as exact rationals
        A, B = np.round(rng.normal(size=(m, n)), 3), np.round(rng.normal(size=(m, n)), 3)
    return dt.Game(A, B, players=("Attacker", "Defender"), name=f"random {k}")


@pytest.mark.parametrize("k", range(24))
def test_strategic_game_round_trips_with_pygambit(k, tmp_path):
    g = random_game(np.random.default_rng(1000 + k), k)
    # ours -> pygambit (payoff format)
    path = dt.write_gambit(g, tmp_path / "g.nfg")
    theirs = gbt.read_nfg(str(path))
    A, B = (np.array(M, dtype=object).astype(float) for M in theirs.to_arrays())
    np.testing.assert_array_equal(A, g.A)
    np.testing.assert_array_equal(B, g.B)
    assert [p.label for p in theirs.players] == ["Attacker", "Defender"]
    ours_eq = payoff_set(e.payoffs for e in dt.solve(g))
    assert gambit_equilibrium_payoffs(theirs) == ours_eq
    # pygambit -> ours (Gambit writes the outcome format)
    back = dt.read_gambit(theirs.to_nfg())
    assert back == g
    assert payoff_set(e.payoffs for e in dt.solve(back)) == ours_eq


def random_tree(seed):
    """A chance move the first mover does not see, an information set for each player, and a
    second chance move (a proxy acting on its own) below one action."""
    rng = np.random.default_rng(seed)
    p = round(float(rng.uniform(0.1, 0.9)), 2)
    q = round(float(rng.uniform(0.1, 0.9)), 2)
    pay = [tuple(np.round(rng.normal(size=2), 2)) for _ in range(10)]
    b = dt.GameTree.builder(("Challenger", "Defender"), name=f"tree {seed}")
    b.chance("type", {"resolved": (p, "c1"), "irresolute": (1 - p, "c2")})
    for k, c in enumerate(("c1", "c2"), 1):
        b.decision(c, "Challenger", {"challenge": f"d{k}", "stay": f"sq{k}"}, infoset="C")
        b.decision(f"d{k}", "Defender", {"resist": f"r{k}", "concede": f"dc{k}"}, infoset="D")
        b.chance(f"r{k}", {"war": (q, f"w{k}"), "stalemate": (1 - q, f"s{k}")})
    for k, name in enumerate(["sq1", "dc1", "w1", "s1", "sq2", "dc2", "w2", "s2"]):
        b.terminal(name, pay[k])
    return b.build()


def terminal_payoffs_in_preorder_gambit(g):
    out = []

    def walk(node):
        if not node.children:
            out.append(tuple(float(node.outcome[p]) if node.outcome else 0.0 for p in g.players))
        for child in node.children:
            walk(child)

    walk(g.root)
    return out


def gambit_profile(eq, g):
    # Gambit's floating-point LCP may return 1 + 1e-13: clip into [0, 1] and renormalise
    out = {}
    for p in g.players:
        for inf in p.infosets:
            w = np.clip([float(eq[a]) for a in inf.actions], 0.0, 1.0)
            out[inf.label] = dict(zip([a.label for a in inf.actions], w / w.sum(), strict=True))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_tree_round_trips_with_pygambit(seed, tmp_path):
    tree = random_tree(seed)
    path = dt.write_gambit(tree, tmp_path / "t.efg")
    theirs = gbt.read_efg(str(path))
    # same payoffs at the same terminal nodes, same chance probabilities (exact rationals)
    ours_terminals = [tree.nodes[n].payoffs for n in tree.preorder if n in tree.terminals]
    assert terminal_payoffs_in_preorder_gambit(theirs) == ours_terminals
    probs = [a.prob for a in theirs.root.infoset.actions]
    assert sum(probs) == 1 and probs[0] == Fraction(str(tree.nodes["type"].probabilities[0]))
    assert {inf.label for p in theirs.players for inf in p.infosets} == {"C", "D"}
    # same equilibrium payoffs: each of Gambit's equilibria (sequence-form LCP) pays the same
    # in our tree, whose profiles are keyed by the same information sets and actions
    for eq in gbt.nash.lcp_solve(theirs, rational=False).equilibria:
        mine = tree.expected_payoffs(gambit_profile(eq, theirs))
        np.testing.assert_allclose(mine, [float(eq.payoff(p)) for p in theirs.players], atol=1e-9)
    # theirs -> ours: the same tree, the same equilibria of the reduced normal form
    back = dt.read_gambit(theirs.to_efg())
    assert back.preorder == tree.preorder
    assert [back.nodes[n].payoffs for n in back.terminals] == [
        tree.nodes[n].payoffs for n in tree.terminals
    ]
    assert {k: v.nodes for k, v in back.infosets.items()} == {
        k: v.nodes for k, v in tree.infosets.items()
    }
    assert payoff_set(e.payoffs for e in dt.solve(dt.reduced_normal_form(back))) == payoff_set(
        e.payoffs for e in dt.solve(dt.reduced_normal_form(tree))
    )


def test_to_pygambit_of_games_and_trees():
    g = dt.games.chicken(players=("Iran", "Israel"))
    pg = dt.to_pygambit(g)
    assert [s.label for s in list(pg.players)[1].strategies] == ["swerve", "straight"]
    assert gambit_equilibrium_payoffs(pg) == payoff_set(e.payoffs for e in dt.solve(g))
    pt = dt.to_pygambit(random_tree(0))
    assert len(pt.players) == 2 and pt.root.infoset.label == "type"


def test_nashpy_conversions():
    g = dt.games.stag_hunt()
    n = g.to_nashpy()
    back = dt.Game.from_nashpy(n, strategies=(["stag", "hare"], ["stag", "hare"]))
    np.testing.assert_array_equal(back.A, g.A) and np.testing.assert_array_equal(back.B, g.B)
    with pytest.raises(TypeError, match="nashpy.Game"):
        dt.Game.from_nashpy(g)


# --- Gambit's own formats, written by hand ------------------------------------------------------

OUTCOME_NFG = """NFG 1 R "Two person 2 x 2 game" { "Player 1" "Player 2" }
{ { "1" "2" } { "1" "2" } }
""

{
{ "" 1/2, 1 }
{ "" 0 2 }
{ "" 3 -1 }
}
1 0 2 3
"""


def test_outcome_format_with_rationals_and_a_null_outcome():
    # profiles in order (1,1) (2,1) (1,2) (2,2), player 1's strategy changing fastest;
    # outcome 0 means all payoffs 0
    g = dt.read_gambit(OUTCOME_NFG)
    assert g.A.tolist() == [[0.5, 0.0], [0.0, 3.0]]
    assert g.B.tolist() == [[1.0, 2.0], [0.0, -1.0]]
    assert g.strategies == (("1", "2"), ("1", "2"))


def test_inner_outcomes_add_to_the_payoffs_below():
    # an outcome at a decision node (a cost of moving at all) adds to every terminal below it
    text = """EFG 2 R "inner" { "A" "B" } "a comment"
    p "" 1 1 "" { "x" "y" } 1 "entry cost" { -1 0 }
    t "" 2 "" { 3 3 }
    c "" 1 "" { "u" 1/4 "v" 3/4 } 0
    t "" 3 "" { 0 4 }
    t "" 2
    """
    t = dt.read_gambit(text)
    assert [t.nodes[n].payoffs for n in t.terminals] == [(2.0, 3.0), (-1.0, 4.0), (2.0, 3.0)]
    assert t.nodes[t.preorder[2]].probabilities == (0.25, 0.75)
    assert len(set(t.preorder)) == 5  # empty names get generated ones


@pytest.mark.parametrize(
    "text, message",
    [
        ('NFG 1 R "g" { "a" "b" } { 2 2 }\n1 2 3 4 5 6 7', "line 2: the file ends where"),
        ('NFG 1 R "g" { "a" "b" } { 2 2 }\n1 2 3 x 5 6 7 8', "line 2: expected player 2's"),
        ('NFG 2 R "g" { "a" "b" } { 2 2 }', "line 1: NFG format version 1"),
        ('NFG 1 R "g" { "a" "b" "c" } { 2 2 2 }\n', "two-player games; this one has 3"),
        (
            'EFG 2 R "g" { "a" }\n\np "" 2 1 "" { "x" } 0\nt "" 1 "" { 1 }',
            "line 3: player 2 does not exist",
        ),
        (
            'EFG 2 R "g" { "a" }\n\np "" 1 1 "" { "x" "y" } 0\nt "" 1 "" { 1 }',
            "the file ends inside the tree",
        ),
        (
            'EFG 2 R "g" { "a" }\n\nc "" 1 "" { "x" 1/2 "y" 1/3 } 0\nt "" 0\nt "" 0',
            "line 3: chance probabilities sum to 0.833333, not 1",
        ),
        ('EFG 2 R "g" { "a" }\n\nt "" 4\n', "line 3: outcome 4 is used before"),
        ("GAME 1\n1 2 3", "line 1: a Gambit game starts with NFG"),
    ],
)
def test_bad_files_name_the_line(text, message):
    with pytest.raises(InvalidGameError, match=message):
        dt.read_gambit(text)


def test_write_never_overwrites_unasked_and_checks_the_suffix(tmp_path):
    p = tmp_path / "pd.nfg"
    dt.write_gambit(dt.games.prisoners_dilemma(), p)
    before = p.read_text()
    with pytest.raises(OutputExistsError, match="force=True"):
        dt.write_gambit(dt.games.chicken(), p)
    assert p.read_text() == before
    dt.write_gambit(dt.games.chicken(), p, force=True)
    assert "Chicken" in p.read_text()
    with pytest.raises(InvalidGameError, match="written as .efg"):
        dt.write_gambit(random_tree(1), tmp_path / "t.nfg")
    assert sorted(x.name for x in tmp_path.iterdir()) == ["pd.nfg"]  # no temporary left
    with pytest.raises(FileNotFoundError, match="no Gambit file"):
        dt.read_gambit(tmp_path / "missing.nfg")


def test_texts_are_what_gambit_documents():
    assert nfg_text(dt.Game([[0.1, 1e-5]], [[2, 3]])).splitlines()[-1] == "0.1 2 0.00001 3"
    t = parse_efg(efg_text(random_tree(2)))
    assert t.infosets["C"].nodes == ("c1", "c2")
    assert io  # the module reads files and buffers alike (pygambit takes both)
