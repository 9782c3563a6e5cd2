"""Benchmark: joint uncertainty of the bundled scenario, against its goals, in one run.

Not a test. Run with ``python benchmarks/bench_uncertainty.py [--repeat R]``.

* ``dt.propagate("iran-2024", n=10_000)``: every ranged parameter drawn jointly (goal <= 2 s);
* the same quantities draw by draw through the scalar models (CalibratedResponse.optimum,
  .optimum_launches, .p_escalation_launches, the crisis tree's backward induction) on a subset,
  extrapolated to 10,000 draws (said so; n* only where its search stays under 20,000
  launches): what the vectorised path replaces;
* closed-form vs frozen scipy.stats lognormal: build + one cdf (the memo's old pattern);
* Sobol' indices of the headline quantities (N = 512: N·(d + 2) model runs) and PRIM boxes;
* the whole memo with uncertainty, when ``deterrence.memo`` is present (goal <= 5 s).

Times are the minimum over ``--repeat`` runs; ratios are what to trust (absolute times move with
the machine's load, printed first).
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

import deterrence as dt


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def scalar_draws(res, rows: int) -> float:
    """Seconds for `rows` draws through the scalar models (one scenario per draw)."""
    from deterrence.games.crisis import crisis_tree

    s = dt.load_scenario("iran-2024")
    t0 = time.perf_counter()
    for i in range(rows):
        point = s.replace(**{k: res.draws[k].iloc[i].item() for k in res.parameters})
        model = point.calibrated_response()
        q = point.leak_probability
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.optimum()
            if q > 0 and model.default_upper() / q < 20_000:  # else minutes per draw
                model.optimum_launches(q)
            model.p_escalation_launches(point.parameters["salvo_size"], q)
        dt.spe(crisis_tree(point))
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scalar-rows", type=int, default=40)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores)", flush=True)
    dt.propagate("iran-2024", n=256, seed=0)  # imports and tables, not timed

    res = None

    def run():
        nonlocal res
        res = dt.propagate("iran-2024", n=10_000, seed=1)

    t_vec = best_of(run, args.repeat)
    goal = "ok" if t_vec <= 2.0 else "over"
    print(f"propagate, 10,000 joint draws of {len(res.parameters)} parameters: {t_vec:.2f} s "
          f"(goal <= 2 s: {goal})")  # fmt: skip
    t_scalar = scalar_draws(res, args.scalar_rows) / args.scalar_rows * 10_000
    print(f"  scalar models draw by draw, extrapolated from {args.scalar_rows} draws: "
          f"{t_scalar:.0f} s ({t_scalar / t_vec:.0f}x the vectorised run)")  # fmt: skip

    from scipy import stats

    from deterrence.models.retaliation import lognormal

    n = 2000
    t_frozen = best_of(lambda: [stats.lognorm(s=0.7, scale=20).cdf(5.0) for _ in range(n)], 1)
    t_closed = best_of(lambda: [lognormal(20, 0.7).cdf(5.0) for _ in range(n)], 1)
    print(f"lognormal build + cdf: frozen scipy.stats {1e6 * t_frozen / n:.0f} µs, closed form "
          f"{1e6 * t_closed / n:.1f} µs ({t_frozen / t_closed:.0f}x)")  # fmt: skip

    from deterrence.analysis.discovery import discover
    from deterrence.analysis.sensitivity import sensitivity

    sob = None

    def run_sobol():
        nonlocal sob
        sob = sensitivity("iran-2024", n=512, seed=1)

    t_sob = best_of(run_sobol, 1)
    print(f"Sobol' indices, N = 512 ({512 * (len(sob.parameters) + 2):,} model runs of "
          f"{len(sob.quantities)} quantities): {t_sob:.2f} s")  # fmt: skip
    t_prim = best_of(lambda: discover(res, "escalation_likely"), 1)
    print(f"PRIM box over the 10,000 draws: {t_prim:.2f} s")
    try:
        import deterrence.memo  # noqa: F401
    except ImportError:
        print("memo with uncertainty: deterrence.memo not present in this checkout")
    else:
        import tempfile

        from deterrence.cli import main as cli

        def memo():
            with tempfile.TemporaryDirectory() as out:
                cli(["report", "iran-2024", "-o", out, "--force"])

        t_memo = best_of(memo, 1)
        print(f"whole memo with uncertainty: {t_memo:.2f} s (goal <= 5 s: "
              f"{'ok' if t_memo <= 5 else 'over'})")  # fmt: skip
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
