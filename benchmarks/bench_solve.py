"""Benchmark: every row of the solver speed table, ours against quantecon, pygambit and nashpy,
as ratios measured in one interleaved run (absolute times move with the machine's load; the
ratios are what to read).

Not a test. ``make bench`` creates the benchmarks' own environment ``benchmarks/.venv`` from
``benchmarks/requirements.txt`` (quantecon is not a dependency of deterrence) and runs every
``benchmarks/bench_*.py``; or ``python benchmarks/bench_solve.py [--quick]`` in any environment
(missing peers are skipped).

Rows:

* all extreme equilibria of one random float n x n game (standard normal payoffs), n = 4, 8,
  10, 12: ``dt.solve`` against quantecon's ``vertex_enumeration`` (numba; its import and JIT
  compile, paid once per process, are reported separately), pygambit's ``enummixed_solve``
  (floating point) and nashpy's ``vertex_enumeration`` (skipped once one game takes > 3 s);
* ``dt.solve_many`` on 10,000-game stacks, 2x2 and 3x3, float and degenerate (integer payoffs
  0..3), against the peers game by game on a subset (extrapolated), with the number of
  equilibria each peer misses on that subset (ours are cross-checked against exact rational
  enumeration in the test suite).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import warnings

import numpy as np

import deterrence as dt


def load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def per_call(fn, *, budget=0.15, max_runs=500):
    """Seconds per call: repeat for `budget` seconds (at least once)."""
    runs, t0 = 0, time.perf_counter()
    out = fn()
    runs += 1
    while time.perf_counter() - t0 < budget and runs < max_runs:
        out = fn()
        runs += 1
    return (time.perf_counter() - t0) / runs, out


def profiles(pairs):
    return {(tuple(np.round(x, 6)), tuple(np.round(y, 6))) for x, y in pairs}


def peers() -> dict:
    found = {}
    try:
        import quantecon.game_theory as qe

        def quantecon(A, B):
            g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
            return list(qe.vertex_enumeration(g))

        found["quantecon"] = quantecon
    except ImportError:
        print("(quantecon not installed: `make bench` creates benchmarks/.venv with it)")
    try:
        import pygambit as gbt

        def pygambit(A, B):
            g = gbt.Game.from_arrays(A, B)
            res = gbt.nash.enummixed_solve(g, rational=False).equilibria
            return [
                tuple(np.array([float(eq[s]) for s in p.strategies]) for p in g.players)
                for eq in res
            ]

        found["pygambit"] = pygambit
    except ImportError:
        print("(pygambit not installed: it is in the test extra)")
    try:
        import nashpy as nash

        def nashpy(A, B):
            lo = min(A.min(), B.min())  # nashpy's vertex enumeration needs positive payoffs
            return list(nash.Game(A - lo + 1, B - lo + 1).vertex_enumeration())

        found["nashpy"] = nashpy
    except ImportError:
        pass
    return found


def quantecon_startup():
    """Import time and first-call time (numba JIT compile) of quantecon in a fresh process."""
    code = (
        "import time, numpy as np; t0 = time.perf_counter(); import quantecon.game_theory as qe;"
        "t1 = time.perf_counter(); r = np.random.default_rng(0);"
        "g = qe.NormalFormGame((qe.Player(r.normal(size=(4, 4))), qe.Player(r.normal(size=(4, 4)))));"
        "qe.vertex_enumeration(g); t2 = time.perf_counter(); qe.vertex_enumeration(g);"
        "t3 = time.perf_counter(); print(t1 - t0, (t2 - t1) - (t3 - t2))"
    )
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True
        ).stdout.split()
        return float(out[0]), float(out[1])
    except (subprocess.SubprocessError, IndexError, ValueError):
        return None


def per_game(sizes, games_per_size, others, too_slow=3.0):
    rng = np.random.default_rng(0)
    skip: set[str] = set()
    print("\n## Per game: all extreme equilibria of a random float n x n game")
    print("(median over the games; ratio = peer time / our time; #eq = median count)")
    head = f"{'n':>3} {'ours ms':>9} {'#eq':>4}"
    for name in others:
        head += f" | {name + ' ms':>14} {'ratio':>7} {'#eq':>4}"
    print(head, flush=True)
    rows = {}
    for n in sizes:
        games = [(rng.normal(size=(n, n)), rng.normal(size=(n, n))) for _ in range(games_per_size)]
        for A, B in games[:1]:  # warm-up (imports, caches, numba JIT) outside the timing
            dt.solve(dt.Game(A, B))
            for name, fn in others.items():
                if name not in skip and not (name == "nashpy" and n > 8):
                    fn(A, B)
        t_ours, n_ours = [], []
        t_peer = {k: [] for k in others}
        n_peer = {k: [] for k in others}
        for A, B in games:  # interleaved: each game by every solver in turn
            t, eqs = per_call(lambda A=A, B=B: dt.solve(dt.Game(A, B)))
            t_ours.append(t)
            n_ours.append(len(eqs))
            for name, fn in others.items():
                if name in skip or (name == "nashpy" and n > 8):
                    continue
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    t, eqs = per_call(lambda A=A, B=B, fn=fn: fn(A, B), budget=0.1)
                t_peer[name].append(t)
                n_peer[name].append(len(profiles(eqs)))
                if t > too_slow:
                    skip.add(name)
        ours = float(np.median(t_ours))
        line = f"{n:>3} {ours * 1e3:>9.3f} {int(np.median(n_ours)):>4}"
        rows[n] = {"ours": ours}
        for name in others:
            ts = t_peer[name]
            if not ts:
                line += f" | {'(skipped)':>14} {'':>7} {'':>4}"
                continue
            # the ratio compares the same games
            ratio = float(np.median(np.array(ts) / np.array(t_ours[: len(ts)])))
            rows[n][name] = ratio
            line += (
                f" | {np.median(ts) * 1e3:>14.3f} {ratio:>6.2f}x {int(np.median(n_peer[name])):>4}"
            )
        print(line, flush=True)
    return rows


def batch(N, others, sample=300):
    rng = np.random.default_rng(1)
    print(f"\n## solve_many on {N:,}-game stacks (peers game by game on {sample} games)")
    head = f"{'stack':>18} {'ours games/s':>13} {'eq/game':>8}"
    for name in others:
        head += f" | {name + ' games/s':>18} {'ours/peer':>9} {'missed':>10}"
    print(head, flush=True)
    for m, n in ((2, 2), (3, 3)):
        for kind in ("float", "degenerate"):
            if kind == "degenerate":
                A = rng.integers(0, 4, (N, m, n)).astype(float)
                B = rng.integers(0, 4, (N, m, n)).astype(float)
            else:
                A = rng.normal(size=(N, m, n))
                B = rng.normal(size=(N, m, n))
            dt.solve_many(A[:100], B[:100])  # warm-up
            t_ours, res = per_call(lambda A=A, B=B: dt.solve_many(A, B), budget=1.0)
            line = f"{m}x{n} {kind:>14} {N / t_ours:>13,.0f} {res.count.mean():>8.2f}"
            for fn in others.values():
                missed = found = 0
                t0 = time.perf_counter()
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    for i in range(sample):
                        got = profiles(fn(A[i], B[i]))
                        sel = res.game_index == i
                        want = profiles(zip(res.x[sel], res.y[sel], strict=True))
                        missed += len(want - got)
                        found += len(want)
                rate = sample / (time.perf_counter() - t0)
                line += f" | {rate:>18,.0f} {N / t_ours / rate:>8.0f}x {missed:>4}/{found:<5}"
            # ours once more after the peers: the run is interleaved, report the slower of two
            t2, _ = per_call(lambda A=A, B=B: dt.solve_many(A, B), budget=0.5)
            if t2 > t_ours * 1.3:
                line += f"  (ours re-timed after the peers: {N / t2:,.0f} games/s)"
            print(line, flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer games, smaller stacks")
    args = ap.parse_args()
    import platform

    print(
        f"deterrence {dt.__version__}; numpy {np.__version__}; python {platform.python_version()}"
    )
    print(f"{os.cpu_count()} cores; {load()} at the start")
    others = peers()
    if "quantecon" in others:
        st = quantecon_startup()
        if st:
            print(
                f"quantecon, paid once per process: import {st[0]:.2f} s, numba JIT compile of "
                f"vertex_enumeration {st[1]:.2f} s (excluded from the per-game times below)"
            )
    t0 = time.perf_counter()
    import deterrence.solve as _  # noqa: F401

    print(f"deterrence: import of the solver {time.perf_counter() - t0:.2f} s (no JIT)")
    if args.quick:
        per_game([4, 8], 3, others)
        batch(2000, others, sample=100)
    else:
        per_game([4, 8, 10, 12], 7, others)
        batch(10_000, others)
    print(f"\n{load()} at the end")


if __name__ == "__main__":
    main()
