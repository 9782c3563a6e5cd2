"""Benchmark: logit QRE and strategic estimation, with pygambit where the two are comparable.

Not a test. Run with ``python benchmarks/bench_qre.py [--quick] [--coverage N]``.

* QRE branch of a random 10×10 game (normalised λ from 0 to 1000), ours; and the QRE at given
  λ in payoff units, ours (``dt.qre``) vs pygambit's ``qre.logit_solve_lambda`` on the same
  games, interleaved in one run, with the largest difference between the two profiles;
* fitting ``egame12`` (5 parameters) to 2,000 simulated crises with ``deterrence.estimate.fit``
  (statsmodels imported beforehand: its import, seconds on a cold start, is reported apart);
* coverage of the 95 % Wald intervals of ``fit()`` itself over N simulated data sets of 1,000
  crises (default 200; the test suite checks the same property with a vectorised fit).

Goals (issue 14): a 10×10 branch in ≤ 1 s; egame12 on 2,000 crises in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import pandas as pd

import deterrence as dt

SPEC = {"u11": "0 + x", "u13": "1", "u14": "1", "u24": "1 + z"}
TRUTH = np.array([0.5, 1.0, -1.0, 0.3, 1.0])


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def bench_branch(repeat):
    rng = np.random.default_rng(10)
    games = [dt.Game(rng.normal(size=(10, 10)), rng.normal(size=(10, 10))) for _ in range(5)]
    from deterrence.solve.qre import _arrays, _trace

    trace, full = [], []
    for g in games:
        A, B, _ = _arrays(g, "normalized")
        trace.append(best_of(lambda A=A, B=B: _trace(A, B, 1000.0), repeat)[0])
        full.append(best_of(lambda g=g: dt.qre_path(g), 1)[0])
    print(
        f"10x10 QRE branch, λ 0 → 1000 (normalised), 5 random games: tracing "
        f"{np.median(trace):.3f} s median (max {max(trace):.3f} s); qre_path with the Nash limit "
        f"identified by dt.solve {np.median(full):.3f} s median"
    )


def bench_vs_gambit(repeat):
    try:
        import pygambit as gbt
    except ImportError:
        print("pygambit not installed: no comparison")
        return
    rng = np.random.default_rng(11)
    lams = [0.5, 2.0, 8.0]
    ours, theirs, worst = [], [], 0.0
    for size in (3, 5, 10):
        for _ in range(5):
            A = rng.integers(-9, 10, size=(size, size)).astype(float)
            B = rng.integers(-9, 10, size=(size, size)).astype(float)
            g, G = dt.Game(A, B), gbt.Game.from_arrays(A, B)
            t_g, prof = best_of(lambda G=G: gbt.qre.logit_solve_lambda(G, lam=lams), repeat)
            t_o, qs = best_of(lambda g=g: [dt.qre(g, lam, units="payoff") for lam in lams], repeat)
            ours.append((size, t_o))
            theirs.append((size, t_g))
            for p, q in zip(prof, qs, strict=True):
                x, y = ([float(p.profile[s]) for s in pl.strategies] for pl in G.players)
                worst = max(worst, abs(q.row - x).max(), abs(q.col - y).max())
    for size in (3, 5, 10):
        o = np.median([t for s, t in ours if s == size])
        t = np.median([t for s, t in theirs if s == size])
        print(
            f"QRE at λ = {lams} (payoff units), {size}x{size}: ours {o * 1e3:.1f} ms, pygambit "
            f"{t * 1e3:.1f} ms (ratio ours/pygambit {o / t:.1f})"
        )
    print(f"largest |ours - pygambit| over every profile: {worst:.1e}")


def simulate(model, n, seed):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    df["outcome"] = model.simulate(df, TRUTH, seed=seed + 1)
    return df


def bench_fit(repeat):
    from deterrence.estimate import egame12, fit

    t = time.perf_counter()
    import statsmodels.base.model  # noqa: F401

    print(f"statsmodels import: {time.perf_counter() - t:.2f} s (once per session)")
    model = egame12(SPEC)
    df = simulate(model, 2000, 1)
    t_fit, f = best_of(lambda: fit(model, df), repeat)
    print(f"egame12, 2,000 crises, 5 parameters: fit {t_fit:.3f} s (best of {repeat}); goal 2 s")
    t_b, b = best_of(lambda: f.bootstrap(50, seed=0), 1)
    print(f"  bootstrap B = 50: {t_b:.1f} s ({t_b / 50 * 1e3:.0f} ms per replicate)")


def coverage(count):
    from scipy.stats import norm

    from deterrence.estimate import egame12, fit

    model = egame12(SPEC)
    hits = np.zeros(len(TRUTH))
    t = time.perf_counter()
    for k in range(count):
        f = fit(model, simulate(model, 1000, 1000 + 2 * k))
        hits += np.abs(f.params.to_numpy() - TRUTH) <= norm.ppf(0.975) * f.bse.to_numpy()
    elapsed = time.perf_counter() - t
    cover = ", ".join(
        f"{name} {h / count:.3f}" for name, h in zip(model.param_names, hits, strict=True)
    )
    print(
        f"coverage of 95 % intervals, {count} data sets of 1,000 crises ({elapsed:.0f} s): {cover}"
    )


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="fewer repeats, 20 coverage data sets")
    p.add_argument("--coverage", type=int, default=None, help="data sets for coverage (200)")
    args = p.parse_args(argv)
    repeat = 1 if args.quick else 3
    print(f"load average: {os.getloadavg()[0]:.1f} (1 min)")
    bench_branch(repeat)
    bench_vs_gambit(repeat)
    bench_fit(repeat)
    coverage(args.coverage or (20 if args.quick else 200))


if __name__ == "__main__":
    main()
