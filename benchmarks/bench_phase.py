"""Benchmark: 100×100 phase diagrams, ours vs nashpy game by game, as ratios measured in one run.

Not a test. Run with ``python benchmarks/bench_phase.py [--quick] [--full-nashpy]``.

* the seed's 3×3 retaliation game over (reputation_stake, p_patron_entry) with
  cost_of_escalation = 1 (so all four structures appear), labelled with the vectorised
  ``retaliation_payoffs`` + ``dt.solve_many``; and the 2×2 Chicken over (T, P), both with the
  game-by-game builder ``dt.games.chicken`` and with a vectorised payoff function;
* ours: the labelling pass (every extreme equilibrium of the 10,000 games) and the whole
  ``dt.phase_diagram`` (labelling + every boundary point bisected to 1e-10 + the region table);
* nashpy game by game: ``vertex_enumeration`` (payoffs shifted to be >= 1 first; without the
  shift it misses equilibria) and ``support_enumeration``, on a random subset of games
  (extrapolated to the grid, and said so) unless ``--full-nashpy``;
* missed equilibria: nashpy's profiles vs ours, matched to 1e-6 in every probability, on the
  same subset (nashpy's duplicates count once);
* the dask path: ``dt.sweep`` of the 10,000 retaliation games on a LocalCluster of 2 worker
  processes vs serially (cluster start-up reported separately).
"""

from __future__ import annotations

import argparse
import platform
import time
import warnings

import numpy as np

import deterrence as dt

RET_AXES = (("reputation_stake", 0.5, 3.0), ("p_patron_entry", 0.0, 1.0))
RET_FIXED = {"cost_of_escalation": 1.0}
CHICKEN_AXES = (("T", -1.0, 2.0), ("P", -12.0, 0.0))


def chicken_payoffs(T, P, R=0.0, S=-1.0):
    """Chicken's payoff stacks for arrays of T and P (the vectorised twin of dt.games.chicken)."""
    T, P, R, S = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (T, P, R, S)))
    A = np.stack([np.stack([R, S], -1), np.stack([T, P], -1)], -2)
    return A, np.swapaxes(A, -1, -2)


def grid_points(axes, n):
    (xn, x0, x1), (yn, y0, y1) = axes
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return {xn: X.ravel(), yn: Y.ravel()}


def best_of(fn, runs):
    best, out = np.inf, None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def profile_sets(batch, idx):
    """Our extreme equilibria of games `idx`, each as one vector (x, y)."""
    return [
        np.hstack([batch.x[batch.game_index == i], batch.y[batch.game_index == i]]) for i in idx
    ]


def unmatched(P, Q, tol=1e-6):
    """Profiles (rows) of P with no row of Q within tol in every coordinate.

    A tolerance rather than rounding to 6 decimals: 0.9921875 (exact in binary) rounds to
    0.992187 or 0.992188 depending on the last bit, which would count as a miss."""
    if len(Q) == 0:
        return len(P)
    d = np.abs(P[:, None, :] - Q[None, :, :]).max(axis=-1)
    return int((d.min(axis=1) > tol).sum())


def nashpy_pass(A, B, idx, method):
    import nashpy as nash

    m, n = A.shape[1:]
    found = []
    t0 = time.perf_counter()
    for i in idx:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if method == "vertex":
                lo = min(A[i].min(), B[i].min())  # vertex enumeration needs payoffs >= 1
                eqs = list(nash.Game(A[i] - lo + 1, B[i] - lo + 1).vertex_enumeration())
            else:
                eqs = list(nash.Game(A[i], B[i]).support_enumeration())
        found.append(np.array([np.concatenate([x, y]) for x, y in eqs]).reshape(-1, m + n))
    return (time.perf_counter() - t0) / len(idx), found


def case(title, builder, axes, fixed, payoffs, n, subset, rng, rows):
    points = grid_points(axes, n)
    N = n * n
    A, B = payoffs(**points)
    dt.solve_many(A[:20], B[:20])  # warm-up
    t_label, batch = best_of(lambda: dt.solve_many(A, B), 3)
    t_phase, ph = best_of(
        lambda: dt.phase_diagram(builder, *axes, fixed=fixed, resolution=n), 2 if n > 50 else 3
    )
    idx = np.arange(N) if subset >= N else np.sort(rng.choice(N, subset, replace=False))
    ours = profile_sets(batch, idx)
    n_ours = sum(len(s) for s in ours)
    scale = "all games" if len(idx) == N else f"{len(idx)} random games, extrapolated to {N:,}"
    print(f"\n## {title}: {n}x{n} grid ({N:,} games); nashpy on {scale}")
    print(
        f"   ours: {batch.count.mean():.2f} extreme equilibria per game, {batch.degenerate.mean():.0%} "
        f"degenerate; {len(ph.regions)} regions, {len(ph.boundary)} boundary points"
    )
    print(
        f"{'method':>44} {'wall s':>9} {'games/s':>11} {'ratio':>8} {'ratio':>8} {'missed':>16} "
        f"{'extra':>6}\n{'':>44} {'':>9} {'':>11} {'/label':>8} {'/phase':>8}"
    )
    print(f"{'ours: label every game (solve_many)':>44} {t_label:>9.3f} {N / t_label:>11,.0f}")
    print(
        f"{'ours: dt.phase_diagram (+ exact boundaries)':>44} {t_phase:>9.3f} {N / t_phase:>11,.0f}"
    )
    rows.append((title, "phase_diagram", t_phase, N / t_phase))
    for method in ("vertex", "support"):
        per_game, theirs = nashpy_pass(A, B, idx, method)
        missed = sum(unmatched(o, t) for o, t in zip(ours, theirs, strict=True))
        extra = sum(unmatched(t, o) for o, t in zip(ours, theirs, strict=True))
        t_all = per_game * N
        name = f"nashpy {method}_enumeration game by game"
        print(
            f"{name:>44} {t_all:>9.2f} {1 / per_game:>11,.0f} {t_all / t_label:>7.0f}x "
            f"{t_all / t_phase:>7.0f}x {missed:>6} of {n_ours:<7} {extra:>6}"
        )
        rows.append((title, f"nashpy {method} / ours label", t_all / t_label, missed))
    return ph


def dask_overhead(n):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("\n## dask: not installed (pip install 'deterrence[dask]'); skipped")
        return
    grid = {
        RET_AXES[0][0]: np.linspace(*RET_AXES[0][1:], n),
        RET_AXES[1][0]: np.linspace(*RET_AXES[1][1:], n),
    }
    chunk = n * n // 4
    dt.sweep(dt.games.retaliation_game, {"audience_cost": [1.0]}, fixed=RET_FIXED)  # warm-up
    t_serial, serial = best_of(
        lambda: dt.sweep(dt.games.retaliation_game, grid, fixed=RET_FIXED, chunk_size=chunk), 2
    )
    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        t_start = time.perf_counter() - t0
        # warm-up on another grid: workers import deterrence; dask would reuse results of
        # identical (pure) tasks, so the timed grid is submitted once only
        dt.sweep(dt.games.retaliation_game, {"audience_cost": [0.5, 1.0]}, executor=client)
        t0 = time.perf_counter()
        parallel = dt.sweep(
            dt.games.retaliation_game, grid, fixed=RET_FIXED, chunk_size=chunk, executor=client
        )
        t_dask = time.perf_counter() - t0
    same = serial.equals(parallel)
    print(
        f"\n## dt.sweep of the {n}x{n} retaliation grid ({len(serial):,} rows, {n * n // chunk} "
        "chunks), serial vs dask LocalCluster(2 worker processes, 1 thread each)"
    )
    print(f"{'path':>30} {'wall s':>9} {'ratio to serial':>16}")
    print(f"{'serial':>30} {t_serial:>9.3f} {1:>15.2f}x")
    print(f"{'dask, 2 local workers':>30} {t_dask:>9.3f} {t_dask / t_serial:>15.2f}x")
    print(f"{'(cluster start-up, once)':>30} {t_start:>9.3f}")
    print(f"   identical frames: {same}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="30x30 grids, nashpy on 100 games")
    ap.add_argument("--full-nashpy", action="store_true", help="nashpy on every game (slow)")
    ap.add_argument("--subset", type=int, default=500, help="games nashpy solves (default 500)")
    args = ap.parse_args()
    n = 30 if args.quick else 100
    subset = n * n if args.full_nashpy else (100 if args.quick else args.subset)
    import nashpy

    print(
        f"deterrence {dt.__version__}; numpy {np.__version__}; nashpy {nashpy.__version__}; "
        f"{platform.processor() or platform.machine()}"
    )
    print(
        "ratio = nashpy's time for the whole grid / ours for labelling it (/label) or for the "
        "whole phase diagram with exact boundaries (/phase); missed = extreme equilibria we find "
        "that nashpy does not (of ours on the subset); extra = the converse"
    )
    rng = np.random.default_rng(0)
    rows = []
    case(
        "3x3 retaliation game, reputation_stake x p_patron_entry",
        dt.games.retaliation_game,
        RET_AXES,
        RET_FIXED,
        lambda **p: dt.games.retaliation_payoffs(**p, **RET_FIXED),
        n,
        subset,
        rng,
        rows,
    )
    case(
        "2x2 Chicken (vectorised payoffs), T x P",
        chicken_payoffs,
        CHICKEN_AXES,
        None,
        chicken_payoffs,
        n,
        subset,
        rng,
        rows,
    )
    t_gbg, _ = best_of(
        lambda: dt.phase_diagram(
            dt.games.chicken, *CHICKEN_AXES, fixed={"strict": False}, resolution=n
        ),
        1,
    )
    print(
        f"{'ours: phase_diagram, dt.games.chicken builder':>44} {t_gbg:>9.3f} "
        f"{n * n / t_gbg:>11,.0f}   (a Game built per point)"
    )
    dask_overhead(n)


if __name__ == "__main__":
    main()
