"""Benchmark: game trees — construction, per-tree vs batch SPE, and PBE search vs enumeration,
as ratios measured in one interleaved run.

Not a test. Run with ``python benchmarks/bench_trees.py [--quick]``.

* construction and backward induction of deep chains (1,250 / 5,000 / 20,000 levels): CPU
  seconds, and the ratio per node between sizes (1.0 = linear);
* the crisis tree (``deterrence.games.crisis``) over a 100 × 100 grid of (p_us_entry,
  cost_us_entry): ``crisis_payoffs`` (below: the vectorised twin of ``crisis_tree`` for these
  two parameters, checked equal to it) + ``dt.spe_many`` (the phase diagram) against, per grid
  point, ``dt.spe`` on a prebuilt tree, and the whole per-point pipeline (``Scenario.replace``
  + ``crisis_tree`` + ``dt.spe``) on a random subset, extrapolated to the grid (and said so);
  the batch plans are checked against the per-tree ones on that subset;
* the pure PBE of the incomplete-information Asymmetric Escalation Game (2 × 4 types, 82,944
  pure profiles): the pruned search of ``dt.pbe`` against the exhaustive enumeration it
  replaced (every pure profile checked in turn, same checks), and both results compared.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import platform
import time

import numpy as np

import deterrence as dt
from deterrence.games.crisis import RESPONSE_CLASSES, crisis_tree
from deterrence.models.escalation import asymmetric_escalation_game_incomplete
from deterrence.solve.perfect_bayesian import _off_path_rule, _Search

C_ESC = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
D_ESC = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}


def cpu(f, *args, repeat=3, **kw):
    """(best CPU seconds over `repeat` runs, last result)."""
    best, out = math.inf, None
    for _ in range(repeat):
        start = time.process_time()
        out = f(*args, **kw)
        best = min(best, time.process_time() - start)
    return best, out


def centipede(levels: int):
    b = dt.GameTree.builder(("A", "B"))
    for k in range(levels):
        mover = "AB"[k % 2]
        b.decision(
            f"d{k}", mover, {"stop": f"s{k}", "go": f"d{k + 1}" if k < levels - 1 else "end"}
        )
        b.terminal(f"s{k}", (k + 1, k - 1) if mover == "A" else (k - 1, k + 1))
    b.terminal("end", (0, 0))
    return b.build()


def crisis_payoffs(scenario, p_us_entry, cost_us_entry):
    """Terminal payoffs (N, T, 2) and chance probabilities of ``crisis_tree(scenario)`` for
    arrays of p_us_entry and cost_us_entry (broadcast, N points in C order): the vectorised twin
    of the builder for these two parameters, as bench_phase's ``chicken_payoffs`` is of
    ``dt.games.chicken``. Leaves "... US in" pay Iran base − W_I − W_US; chance nodes
    "... escalate" draw US entry with p_us_entry; the rest does not depend on them."""
    tree = crisis_tree(scenario)
    pi, w_us = np.broadcast_arrays(np.asarray(p_us_entry, float), np.asarray(cost_us_entry, float))
    pi, w_us = pi.ravel(), w_us.ravel()
    n = len(pi)
    w0 = float(scenario.parameters["cost_us_entry"])
    payoffs = np.empty((n, len(tree.terminals), 2))
    for k, t in enumerate(tree.terminals):
        iran, israel = tree.nodes[t].payoffs
        if t.endswith(" US in"):
            iran = iran + w0 - w_us  # the same W_I, base; W_US replaced
        payoffs[:, k, 0] = iran
        payoffs[:, k, 1] = israel
    chance = {}
    for name in tree.preorder:
        node = tree.nodes[name]
        if not hasattr(node, "probabilities"):
            continue
        if name.endswith(" escalate"):
            chance[name] = np.stack([pi, 1.0 - pi], axis=1)
        else:
            chance[name] = np.broadcast_to(node.probabilities, (n, len(node.probabilities)))
    return tree, payoffs, chance


def enumerate_pbe(tree):
    """The previous algorithm: every pure profile in turn, every information set checked (Bayes
    beliefs on the path, any supporting belief off it) — with today's memoised belief checks,
    so the ratio measures the search, not the linear programs."""
    s = _Search(tree, 1e-9 * tree.payoff_scale, _off_path_rule(tree, "all"), tree.chance_reach(), 1)
    found = []
    for combo in itertools.product(*(range(len(h.actions)) for h in s.hs)):
        s.assign[:] = combo
        if all(s._full(k) for k in range(len(s.hs))):
            found.append(tuple(combo))
    return found


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="smaller subsets (a few seconds)")
    args = ap.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    print("times are CPU seconds (process_time), best of 3 unless said\n")

    print("== construction + backward induction of a chain (linear in the nodes)")
    per_node = {}
    for levels in (1250, 5000, 20000):
        t_build, tree = cpu(centipede, levels)
        t_spe, sol = cpu(dt.spe, tree)
        assert sol.outcome == ("s0",) and sol.unique
        per_node[levels] = (t_build + t_spe) / levels
        print(f"  {levels:6d} levels: build {t_build:.3f} s, spe {t_spe:.3f} s")
    print(
        f"  cost per level, 5,000 vs 1,250: {per_node[5000] / per_node[1250]:.2f}x; "
        f"20,000 vs 5,000: {per_node[20000] / per_node[5000]:.2f}x (1.0 = linear)\n"
    )

    print("== crisis tree, 100 x 100 grid of (p_us_entry, cost_us_entry): SPE phase diagram")
    s = dt.load_scenario("iran-2024")
    pi, w = np.linspace(0, 1, 100), np.linspace(0, 30, 100)

    def batch():
        tree, pay, chance = crisis_payoffs(s, pi[:, None], w[None, :])
        res = dt.spe_many(tree, pay, chance)
        codes, keys = res.codes("path")
        return res, codes.reshape(100, 100), keys

    t_batch, (res, codes, keys) = cpu(batch)
    choice = res.plan[:, res.decision_nodes.index("Iran")]
    counts = {RESPONSE_CLASSES[k]: int((choice == k).sum()) for k in np.unique(choice)}
    print(f"  batch (crisis_payoffs + spe_many + codes): {t_batch:.3f} s for 10,000 trees")
    print(f"  regions by equilibrium path: {len(keys)}; Iran's choice: {counts}")
    rng = np.random.default_rng(0)
    subset = rng.choice(10_000, 40 if args.quick else 200, replace=False)
    trees = [res.tree_at(int(i)) for i in subset]
    t_one, sols = cpu(lambda: [dt.spe(t) for t in trees], repeat=1)
    for i, sol in zip(subset, sols, strict=True):
        assert res.actions(int(i)) == {n: sol.plan[n] for n in res.decision_nodes}
        assert tuple(res.payoffs[int(i)]) == sol.payoffs
    for i in subset[:20]:  # the twin against the builder itself, point by point
        a, b = divmod(int(i), 100)
        one = dt.spe(crisis_tree(s.replace(p_us_entry=float(pi[a]), cost_us_entry=float(w[b]))))
        assert res.actions(int(i)) == {n: one.plan[n] for n in res.decision_nodes}
        np.testing.assert_allclose(res.payoffs[int(i)], one.payoffs, rtol=1e-12, atol=1e-12)
    per_tree = t_one / len(subset) * 10_000
    start = time.process_time()
    for i in subset[: len(subset) // 4]:
        a, b = divmod(int(i), 100)
        dt.spe(crisis_tree(s.replace(p_us_entry=float(pi[a]), cost_us_entry=float(w[b]))))
    pipeline = (time.process_time() - start) / (len(subset) // 4) * 10_000
    print(
        f"  per tree, dt.spe on prebuilt trees: {per_tree:.2f} s for 10,000 (extrapolated "
        f"from {len(subset)}) -> batch is {per_tree / t_batch:.0f}x faster"
    )
    print(
        f"  per point, replace + crisis_tree + spe: {pipeline:.1f} s for 10,000 (extrapolated "
        f"from {len(subset) // 4}) -> batch is {pipeline / t_batch:.0f}x faster"
    )
    print(
        f"  batch plans and payoffs equal the per-tree ones on all {len(subset)} checked (and "
        "the builder's own trees on 20)\n"
    )

    print("== pure PBE, incomplete-information Asymmetric Escalation Game (2 x 4 types)")
    tree = asymmetric_escalation_game_incomplete(
        C_ESC, D_ESC, p_challenger_hard=0.5, p_hh=0.25, p_hs=0.25, p_sh=0.25, p_ss=0.25
    )
    t_search, eqs = cpu(dt.pbe, tree)
    print(
        f"  search: {t_search:.3f} s, {len(eqs)} PBE, {eqs.steps} partial profiles evaluated "
        f"of {eqs.profiles_checked} pure profiles"
    )
    t_enum, found = cpu(enumerate_pbe, tree, repeat=1)
    got = [tuple(h.actions.index(q.strategies[h.label]) for h in _search_sets(tree)) for q in eqs]
    print(
        f"  exhaustive enumeration (the previous algorithm): {t_enum:.1f} s, {len(found)} PBE "
        f"-> the search is {t_enum / t_search:.0f}x faster; same equilibria: {found == got}"
    )


def _search_sets(tree):
    return sorted(tree.infosets.values(), key=lambda h: tree.players.index(h.player))


if __name__ == "__main__":
    main()
