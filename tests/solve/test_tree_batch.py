"""spe_many: backward induction over stacks of same-shape trees agrees with spe on every tree
(plans, ties, payoffs, reach), on hundreds of random trees with ties; shapes and errors."""

import numpy as np
import pytest
from tree_cases import deterrence_tree, signaling_tree, typed_defender_tree

import deterrence as dt
from deterrence.errors import InvalidGameError, ParameterError, ProbabilityError
from deterrence.solve.tree_batch import stack_trees
from deterrence.tree import Chance, Decision, GameTree


def random_shape(rng, players=2, max_depth=4):
    """A random perfect-information tree shape (payoffs are replaced by the stacks)."""
    b = GameTree.builder(tuple(f"P{k}" for k in range(players)))
    count = iter(range(10**6))
    pending = [(f"n{next(count)}", 0)]
    while pending:
        name, depth = pending.pop()
        kind = (
            "terminal"
            if depth >= max_depth
            else rng.choice(["decision"] * 3 + ["chance", "terminal"])
        )
        if depth == 0:
            kind = "decision"
        if kind == "terminal":
            b.terminal(name, [0.0] * players)
            continue
        kids = [f"n{next(count)}" for _ in range(int(rng.integers(2, 4)))]
        if kind == "decision":
            b.decision(
                name, f"P{int(rng.integers(players))}", {f"a{k}": c for k, c in enumerate(kids)}
            )
        else:
            p = rng.dirichlet(np.ones(len(kids)))
            p[-1] = 1.0 - p[:-1].sum()
            b.chance(name, {f"o{k}": (float(p[k]), c) for k, c in enumerate(kids)})
        pending += [(c, depth + 1) for c in kids]
    return b.build()


def assert_agrees(res, i):
    """Tree i of a batch result against dt.spe on the rebuilt tree."""
    one = dt.spe(res.tree_at(i), tol=res.rel_tol)
    assert res.actions(i) == {n: one.plan[n] for n in res.decision_nodes}
    tied = {t.node for t in one.ties}
    assert {n for n, k in zip(res.decision_nodes, res.n_optimal[i], strict=True) if k > 1} == tied
    for t in one.ties:
        assert res.n_optimal[i, res.decision_nodes.index(t.node)] == len(t.actions)
    assert bool(res.unique[i]) == one.unique
    # same arithmetic in the same order: bit-identical payoffs
    assert tuple(res.payoffs[i]) == one.payoffs
    reach = res.tree_at(i).reach_probabilities(one.plan)
    np.testing.assert_array_equal(
        res.terminal_probabilities[i], [reach[t] for t in res.tree.terminals]
    )
    on = {n for n, r in zip(res.decision_nodes, res.on_path[i], strict=True) if r}
    assert on == {n for n in one.path if n in res.decision_nodes}


def test_agrees_with_spe_on_hundreds_of_random_trees_with_ties():
    # integer payoffs in {-2..2} make ties common; chance probabilities drawn per tree
    rng = np.random.default_rng(20261201)
    n_ties = n_trees = 0
    for _ in range(12):
        shape = random_shape(rng)
        N = 30
        T, P = len(shape.terminals), len(shape.players)
        pay = rng.integers(-2, 3, size=(N, T, P)).astype(float)
        chance = {}
        for n in shape.preorder:
            node = shape.nodes[n]
            if isinstance(node, Chance):
                p = rng.dirichlet(np.ones(len(node.outcomes)), size=N)
                p[:, 2 % len(node.outcomes) :: 3] = p[:, 2 % len(node.outcomes) :: 3]  # keep
                p[: N // 3] = np.full(len(node.outcomes), 1 / len(node.outcomes))  # exact ties
                p[:, -1] = 1.0 - p[:, :-1].sum(axis=1)
                chance[n] = p
        res = dt.spe_many(shape, pay, chance)
        assert len(res) == N
        for i in range(N):
            assert_agrees(res, i)
        n_ties += int((~res.unique).sum())
        n_trees += N
    assert n_trees == 360 and n_ties > 50  # the comparison covered many tied trees


def test_deterrence_sweep_by_hand():
    # the Defender's payoff of conflict DD over a grid: deny iff DD > DC = -1 (credible), then
    # the Challenger cooperates (SQ 0 > DD -1); at DD = -1 a tie with two SPE plans
    tree = deterrence_tree()
    dd = np.linspace(-2, 0, 9)
    pay = np.repeat(np.array([[[0, 1], [1, -1], [-1, -0.5]]], dtype=float), len(dd), axis=0)
    pay[:, 2, 1] = dd
    res = dt.spe_many(tree, pay)
    deny = res.plan[:, res.decision_nodes.index("challenged")] == 1
    np.testing.assert_array_equal(deny, dd > -1)
    np.testing.assert_array_equal(res.unique, dd != -1)
    np.testing.assert_array_equal(res.payoffs[:, 0], np.where(dd > -1, 0.0, 1.0))
    codes, keys = res.codes("path")
    assert keys == [
        {"start": "demand", "challenged": "concede"},
        {"start": "cooperate"},
    ]
    np.testing.assert_array_equal(codes, (dd > -1).astype(int))
    assert res.codes("outcome")[1] == [{"DC": "reached"}, {"SQ": "reached"}]
    assert [dict(p) for p in res[4].plans] == [
        {"start": "demand", "challenged": "concede"},
        {"start": "cooperate", "challenged": "deny"},
    ]
    df = res.to_frame()
    assert list(df["challenged"]) == ["concede"] * 5 + ["deny"] * 4
    assert "4 with ties" not in repr(res) and "1 with ties" in repr(res)


def test_chance_probabilities_by_hand():
    # typed Defender: Hard (p) denies, Soft concedes; demanding pays p(-1) + (1 - p)(1) = 1 - 2p,
    # so the Challenger demands iff p < 1/2; at 1/2 a tie, and the plan takes the first
    # declared optimal action (cooperate)
    tree = typed_defender_tree()
    p = np.array([0.1, 0.3, 0.5, 0.7])
    res = dt.spe_many(tree, chance={"type": np.stack([p, 1 - p], axis=1)})
    np.testing.assert_array_equal(res.plan[:, res.decision_nodes.index("start")], [1, 1, 0, 0])
    np.testing.assert_array_equal(res.unique, [True, True, False, True])
    np.testing.assert_allclose(res.payoffs[:, 0], [0.8, 0.4, 0.0, 0.0], atol=1e-15)
    t = list(tree.terminals)
    np.testing.assert_allclose(res.terminal_probabilities[1, t.index("DD-h")], 0.3)
    np.testing.assert_allclose(res.terminal_probabilities[3, t.index("SQ")], 1.0)
    assert res.on_path[3].tolist() == [True, False, False]


def test_stack_trees_round_trip_and_shapes():
    trees = [typed_defender_tree(p) for p in (0.2, 0.6)]
    shape, pay, chance = stack_trees(trees)
    assert pay.shape == (2, 5, 2) and chance["type"].tolist() == [[0.2, 0.8], [0.6, 0.4]]
    res = dt.spe_many(shape, pay, chance)
    for i, t in enumerate(trees):
        assert res.tree_at(i) == t.replace(name=shape.name)
        assert res.payoffs[i].tolist() == list(dt.spe(t).payoffs)
    # one payoff table shared by N chance rows, and (T, P) payoffs for one tree
    assert len(dt.spe_many(shape, pay[0], chance)) == 2
    assert len(dt.spe_many(shape, pay[0])) == 1
    assert len(dt.spe_many(shape)) == 1
    with pytest.raises(InvalidGameError, match="does not have the shape"):
        stack_trees([typed_defender_tree(), deterrence_tree()])


def test_bad_stacks_are_named():
    tree = typed_defender_tree()
    with pytest.raises(InvalidGameError, match=r"needs \(N, 5, 2\)"):
        dt.spe_many(tree, np.zeros((3, 4, 2)))
    bad = np.zeros((2, 5, 2))
    bad[1, 3, 0] = np.nan
    with pytest.raises(InvalidGameError, match=r"payoffs\[1, 3, 0\].*'DC-s'.*finite"):
        dt.spe_many(tree, bad)
    with pytest.raises(ProbabilityError, match=r"chance\['type'\]\[1\] sums to 0.9"):
        dt.spe_many(tree, chance={"type": [[0.5, 0.5], [0.5, 0.4]]})
    with pytest.raises(ProbabilityError, match=r"must lie in \[0, 1\]"):
        dt.spe_many(tree, chance={"type": [[1.5, -0.5]]})
    with pytest.raises(ParameterError, match="not a chance node.*Did you mean 'type'"):
        dt.spe_many(tree, chance={"typ": [[0.5, 0.5]]})
    with pytest.raises(ParameterError, match="has 3 rows but the stack has 2"):
        dt.spe_many(tree, np.zeros((2, 5, 2)), chance={"type": [[0.5, 0.5]] * 3})
    with pytest.raises(InvalidGameError, match="needs perfect information"):
        dt.spe_many(signaling_tree(0.2))
    with pytest.raises(ParameterError, match="by must be"):
        dt.spe_many(tree).codes("paths")


def test_decision_only_and_three_player_trees():
    b = GameTree.builder(("A", "B", "C")).decision("r", "A", {"x": "X", "y": "c"})
    b.decision("c", "C", {"u": "U", "v": "V"}).terminal("X", (1, 0, 0))
    tree = b.terminal("U", (2, 0, 1)).terminal("V", (0, 0, 2)).build()
    res = dt.spe_many(tree, [[[1, 0, 0], [2, 0, 1], [0, 0, 2]], [[1, 0, 0], [2, 0, 3], [0, 0, 2]]])
    assert [res.actions(i) for i in range(2)] == [{"r": "x", "c": "v"}, {"r": "y", "c": "u"}]
    assert isinstance(tree.nodes["r"], Decision)


def test_ten_thousand_crisis_trees_in_well_under_a_second():
    # the crisis tree's shape (deterrence.games.crisis) with 10,000 payoff/probability sets: every
    # two-outcome chance node draws its first outcome with q on one axis, and the first player's
    # payoffs at every other terminal move by t on the other; each tree agrees with dt.spe
    import time

    from deterrence.games.crisis import crisis_tree

    shape, pay, chance = stack_trees([crisis_tree(dt.load_scenario("iran-2024"))])
    q, t = np.meshgrid(np.linspace(0, 1, 100), np.linspace(-5, 5, 100), indexing="ij")
    q, t = q.ravel(), t.ravel()
    pay = np.repeat(pay, len(q), axis=0)
    pay[:, ::2, 0] += t[:, None]
    chance = {
        n: np.stack([q, 1 - q], axis=1) if p.shape[1] == 2 else np.repeat(p, len(q), axis=0)
        for n, p in chance.items()
    }
    start = time.process_time()
    res = dt.spe_many(shape, pay, chance)
    codes, keys = res.codes("path")
    elapsed = time.process_time() - start
    # CPU time (the machine may be shared): about 0.05 s on a 2-core machine
    assert elapsed < 1.0, f"10,000 crisis trees took {elapsed:.2f} s of CPU"
    assert len(res) == 10_000 and len(keys) >= 2
    for i in np.random.default_rng(2).choice(10_000, 15, replace=False):
        assert_agrees(res, int(i))
