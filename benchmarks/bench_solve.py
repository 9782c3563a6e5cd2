"""Benchmark: all extreme equilibria per game, ours vs peers, as ratios measured in one run.

Not a test. Run with ``make bench`` (or ``python benchmarks/bench_solve.py [--quick]``).

* per-game time of ``dt.solve`` vs nashpy support / vertex enumeration, pygambit enummixed
  (float) and quantecon's support enumeration when installed, at n = 2..12 on random float
  games (nondegenerate) — peers are skipped where one game would take more than a few seconds;
* equilibrium counts: how many extreme equilibria each method returns (a lower count than ours
  is a miss: ours is cross-checked against exact rational enumeration in the test suite);
* ``dt.solve_many`` games/s on 10,000-game stacks of 2x2 and 3x3 games, degenerate (integer
  payoffs 0..3) and not, against nashpy game by game on a subset (extrapolated).
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np

import deterrence as dt


def timeit(fn, *, budget=1.0, min_runs=1, max_runs=200):
    runs, t0 = 0, time.perf_counter()
    out = None
    while runs < min_runs or (time.perf_counter() - t0 < budget and runs < max_runs):
        out = fn()
        runs += 1
    return (time.perf_counter() - t0) / runs, out


def peers():
    found = {}
    try:
        import nashpy as nash

        def shifted(A, B):
            lo = min(A.min(), B.min())
            return nash.Game(A - lo + 1, B - lo + 1)  # vertex enumeration needs payoffs >= 1

        found["nashpy support"] = lambda A, B: list(nash.Game(A, B).support_enumeration())
        found["nashpy vertex"] = lambda A, B: list(shifted(A, B).vertex_enumeration())
    except ImportError:
        pass
    try:
        import pygambit as gbt

        def gambit(A, B):
            g = gbt.Game.from_arrays(A, B)
            return [
                tuple(np.array([float(eq[s]) for s in p.strategies]) for p in g.players)
                for eq in gbt.nash.enummixed_solve(g, rational=False).equilibria
            ]

        found["pygambit enummixed"] = gambit
    except ImportError:
        pass
    try:
        import quantecon.game_theory as qe

        found["quantecon support"] = lambda A, B: qe.support_enumeration(
            qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
        )
    except ImportError:
        pass
    return found


def per_game(sizes, reps, too_slow=3.0):
    rng = np.random.default_rng(0)
    others = peers()
    skip: set[str] = set()
    print("\n## Per-game time, random float n x n games (median of the games; ratio = peer / ours)")
    head = f"{'n':>3} {'ours ms':>9} {'#eq':>4}"
    for name in others:
        head += f" | {name:>20} {'ratio':>7} {'#eq':>4}"
    print(head)
    for n in sizes:
        games = [(rng.normal(size=(n, n)), rng.normal(size=(n, n))) for _ in range(reps)]
        ours_t, ours_n = [], []
        for A, B in games:
            t, eqs = timeit(lambda A=A, B=B: dt.solve(dt.Game(A, B)), budget=0.2)
            ours_t.append(t)
            ours_n.append(len(eqs))
        line = f"{n:>3} {np.median(ours_t) * 1e3:>9.3f} {int(np.median(ours_n)):>4}"
        for name, fn in others.items():
            if name in skip:
                line += f" | {'(skipped: slow)':>20} {'':>7} {'':>4}"
                continue
            ts, ns = [], []
            for A, B in games[: max(1, reps // 3)]:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    t, eqs = timeit(lambda A=A, B=B, fn=fn: fn(A, B), budget=0.2)
                ts.append(t)
                ns.append(len({tuple(np.round(np.concatenate([x, y]), 6)) for x, y in eqs}))
                if t > too_slow:
                    skip.add(name)
                    break
            ratio = np.median(ts) / np.median(ours_t[: len(ts)])
            line += f" | {np.median(ts) * 1e3:>17.3f} ms {ratio:>6.1f}x {int(np.median(ns)):>4}"
        print(line, flush=True)


def batch(N):
    import nashpy as nash

    rng = np.random.default_rng(1)
    print(
        f"\n## solve_many on {N:,}-game stacks (games/s; nashpy vertex enumeration game by game "
        "on 300 games, extrapolated)"
    )
    print(
        f"{'stack':>24} {'games/s':>12} {'eq/game':>8} {'nashpy games/s':>15} {'ratio':>8} "
        f"{'nashpy missed':>14}"
    )
    for m, n in ((2, 2), (3, 3)):
        for kind in ("degenerate ints 0..3", "float normal"):
            if kind.startswith("deg"):
                A = rng.integers(0, 4, (N, m, n)).astype(float)
                B = rng.integers(0, 4, (N, m, n)).astype(float)
            else:
                A = rng.normal(size=(N, m, n))
                B = rng.normal(size=(N, m, n))
            dt.solve_many(A[:10], B[:10])  # warm-up
            t0 = time.perf_counter()
            res = dt.solve_many(A, B)
            t = time.perf_counter() - t0
            k = 300
            t0 = time.perf_counter()
            missed = 0
            for i in range(k):
                lo = min(A[i].min(), B[i].min())
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    eqs = list(nash.Game(A[i] - lo + 1, B[i] - lo + 1).vertex_enumeration())
                got = {(tuple(np.round(x, 6)), tuple(np.round(y, 6))) for x, y in eqs}
                sel = res.game_index == i
                want = {
                    (tuple(np.round(x, 6)), tuple(np.round(y, 6)))
                    for x, y in zip(res.x[sel], res.y[sel], strict=True)
                }
                missed += len(want - got)
            tn = (time.perf_counter() - t0) / k
            print(
                f"{m}x{n} {kind:>20} {N / t:>12,.0f} {res.count.mean():>8.2f} {1 / tn:>15,.0f} "
                f"{(N / t) * tn:>7.0f}x {missed:>8} of {int(res.count[:k].sum())}",
                flush=True,
            )


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes and stacks")
    args = ap.parse_args()
    import platform

    print(
        f"deterrence {dt.__version__}; numpy {np.__version__}; {platform.processor() or platform.machine()}"
    )
    if args.quick:
        per_game([2, 4, 6, 8], reps=6)
        batch(2000)
    else:
        per_game([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], reps=9)
        batch(10_000)


if __name__ == "__main__":
    main()
