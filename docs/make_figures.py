"""Save every chart of ``deterrence.plot`` as a PNG in docs/figures/.

Run from the repository root::

    .venv/bin/python docs/make_figures.py            # writes docs/figures/*.png
    .venv/bin/python docs/make_figures.py -o /tmp/figs

Each figure uses the seed scenario ``iran-2024`` or a textbook case with a closed form
(named in the file name). The charts draw model results; this script only chooses
what to show and writes the files.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from scipy import stats  # noqa: E402

import deterrence as dt  # noqa: E402
from deterrence.models.retaliation import CalibratedResponse  # noqa: E402
from deterrence.plot import (  # noqa: E402
    brinkmanship,
    defense,
    phase,
    proxies,
    repeated,
    thresholds,
    window,
)
from deterrence.plot.style import COLORS, mark_threshold  # noqa: E402

DPI = 110


def _save(fig, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    fig.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    return path


def _pair(figsize=(6.8, 6.4)):
    fig, axes = plt.subplots(
        2,
        1,
        figsize=figsize,
        sharex=True,
        layout="constrained",
        gridspec_kw={"height_ratios": (3, 2)},
    )
    return fig, axes


def _single(figsize=(6.8, 4.4)):
    return plt.subplots(figsize=figsize, layout="constrained")


def window_seed(scenario, out):
    fig, axes = _pair()
    window.calibrated_window(scenario, ax=axes)
    fig.suptitle(
        "Calibrated response window, iran-2024 (α_w = 0.1, ρ = 0.05): empty", fontsize="medium"
    )
    return _save(fig, out, "window")


def window_normal(scenario, out):
    # equal-variance normal thresholds: G = N(2, 1), F = N(6, 1), R̄ = 1, W = 10 -> r* = 3.424,
    # window [3.2816, 4.3551]
    model = CalibratedResponse(stats.norm(2, 1), stats.norm(6, 1), war_cost=10.0)
    fig, axes = _pair()
    window.calibrated_window(model, alpha_weak=0.1, rho=0.05, ax=axes)
    fig.suptitle(
        "Calibrated response window, normal thresholds (closed form r* = 3.424)", fontsize="medium"
    )
    return _save(fig, out, "window_normal")


def window_launches(scenario, out):
    fig, axes = _pair()
    window.calibrated_window_launches(scenario, ax=axes)
    fig.suptitle(
        "The window in launches, iran-2024 (L ~ Binomial(n, 0.14) leakers)", fontsize="medium"
    )
    return _save(fig, out, "window_launches")


def saturation(scenario, out):
    fig, ax = _single()
    p = scenario.parameters
    defense.saturation_curves(
        400,
        k=20,
        p_kill=(0.6, p["intercept_prob"], 0.95),
        interceptors=(None, 100),
        reliability=p["launch_reliability"],
        shots=p["shots_per_threat"],
        target=0.9,
        ax=ax,
    )
    ax.set_title("Saturation: P(≥ 20 leakers), unlimited vs 100 interceptors", fontsize="medium")
    return _save(fig, out, "saturation")


def saturation_one_leaker(scenario, out):
    fig, ax = _single()
    defense.saturation_curves(60, k=1, p_kill=(0.8, 0.9, 0.95), target=0.9, ax=ax)
    ax.set_title(
        "P(≥ 1 leaker) at P_k = 0.9: 22 launches for p = 0.9 (Wilkening 2000)", fontsize="medium"
    )
    return _save(fig, out, "saturation_one_leaker")


def heatmap(scenario, out):
    fig, ax = _single((7.2, 4.4))
    defense.launches_needed_heatmap(
        [1, 2, 5, 10, 20, 50], [0.5, 0.75, 0.9, 0.95, 0.99], q=scenario.leak_probability, ax=ax
    )
    return _save(fig, out, "launches_needed")


def _window_edges(scenario, median):
    """(floor, ceiling) of the calibrated window with the tolerance median set to `median`."""
    s = scenario.replace(defender_tolerance=median)
    m = s.calibrated_response()
    p = s.parameters
    return max(0.0, float(m.weakness.isf(p["alpha_weak"]))), float(
        m.tolerance.ppf(p["acceptable_risk"])
    )


def threshold_window_opens(scenario, out):
    """Window floor and ceiling against the tolerance median; the window opens where they meet."""

    def window_width(defender_tolerance):
        floor, ceiling = _window_edges(scenario, float(defender_tolerance))
        return ceiling - floor

    opens = dt.find_thresholds(window_width, "defender_tolerance", (5, 60), grid=56)
    medians = np.linspace(5, 60, 221)
    values = np.array([_window_edges(scenario, m) for m in medians])
    fig, ax = _single()
    thresholds.threshold_plot(
        medians,
        values,
        thresholds=opens,
        labels=[f"window opens: median ≥ {opens[0].value:.2f}"],
        label=["floor G⁻¹(1 − α_w)", "ceiling F⁻¹(ρ)"],
        xlabel="median Israeli tolerance θ_t (leakers)",
        ylabel="window edge (leakers)",
        ax=ax,
    )
    median = scenario.parameters["defender_tolerance"]
    mark_threshold(
        ax,
        median,
        f"scenario {median:g}",
        color=COLORS["scenario"],
        linestyle="-.",
        side="left",
        text_y=0.04,
        gid="scenario",
    )
    ax.set_title("What must be true for the window to open (iran-2024)", fontsize="medium")
    return _save(fig, out, "threshold_window")


def threshold_game(scenario, out):
    """Where the equilibria of the seed's 3x3 retaliation game change with the reputation stake."""
    found = dt.find_thresholds(dt.games.retaliation_game, "reputation_stake", (0.5, 3))
    fig, ax = _single()
    thresholds.threshold_plot(found, xlabel="reputation stake R̄ (utils)", ax=ax)
    ax.set_title("Retaliation game: equilibrium changes in R̄ (find_thresholds)", fontsize="medium")
    return _save(fig, out, "threshold_game")


def phase_retaliation(scenario, out):
    """Regions of the seed's 3x3 retaliation game over (R̄, a), boundaries by root finding."""
    ph = dt.phase_diagram(
        dt.games.retaliation_game,
        ("reputation_stake", 0.5, 3),
        ("audience_cost", 0, 1.5),
        resolution=60,
    )
    fig, ax = _single((6.8, 6.4))
    p = scenario.parameters
    phase.draw_phase_diagram(ph, mark=(p["reputation_stake"], p["audience_cost"]), ax=ax)
    ax.set_title("Retaliation game: equilibrium regions (phase_diagram, 60x60)", fontsize="medium")
    return _save(fig, out, "phase_retaliation")


def phase_window(scenario, out):
    """Does the window exist, over (tolerance median, cost of war W);
    contours of r*; the scenario's point."""
    import dataclasses

    def window_width(defender_tolerance, war_cost):
        # W moves r* but not the window edges; it is an axis so r* can be contoured over it
        floor, ceiling = _window_edges(scenario, float(defender_tolerance))
        return ceiling - floor

    ph = dt.phase_diagram(
        window_width,
        ("defender_tolerance", 5, 60),
        ("war_cost", 2, 30),
        resolution=20,
        units={"defender_tolerance": "leakers", "war_cost": "utils"},
    )
    r_star = np.empty((len(ph.y), len(ph.x)))
    for i, median in enumerate(ph.x):
        model = scenario.replace(defender_tolerance=float(median)).calibrated_response()
        for j, war_cost in enumerate(ph.y):
            r_star[j, i] = dataclasses.replace(model, war_cost=float(war_cost)).optimum()
    names = {
        code: "window empty" if "< 0" in text else "window exists"
        for code, text in enumerate(ph.structures)
    }
    fig, ax = _single((6.8, 5.4))
    phase.draw_phase_diagram(
        ph,
        names=names,
        mark=(scenario.parameters["defender_tolerance"], scenario.war_cost),
        contour=(r_star, [2, 4, 6, 8, 10]),
        contour_label="optimal response r* (leakers)",
        xlabel="median Israeli tolerance θ_t (leakers)",
        ylabel="cost of war W = W_I + π_US·W_US (utils)",
        ax=ax,
    )
    ax.set_title("Window phase diagram (iran-2024; α_w = 0.1, ρ = 0.05)", fontsize="medium")
    return _save(fig, out, "phase_window")


def tornado(scenario, out):
    fig = thresholds.what_must_be_true(scenario)
    fig.suptitle(
        "What must be true: r* and the window edges over each plausible range (iran-2024)",
        fontsize="medium",
    )
    return _save(fig, out, "tornado")


def brinkmanship_chart(scenario, out):
    fig, ax = _single()
    brinkmanship.brinkmanship_window((2, -2, -10), (1, -2, -10), p_mark=0.4, ax=ax)
    ax.set_title("Brinkmanship window (Dixit, Skeath & Reiley, Fig. 14.5 style)", fontsize="medium")
    return _save(fig, out, "brinkmanship")


def violence(scenario, out):
    fig, ax = _single()
    repeated.violence_stability(
        (0.1, 100),
        exchange=0,
        war=-8,
        delta=0.9,  # a discount factor of 0.9 per round (illustrative)
        mark=(2, 4),
        ax=ax,
    )
    ax.set_title(
        "Equilibrium of violence, iran-2024 δ = 0.9 (u_E = 0, u_P = −8)", fontsize="medium"
    )
    return _save(fig, out, "violence")


def violence_shock(scenario, out):
    fig, ax = _single()
    repeated.violence_stability((0.1, 10), exchange=0, war=-8, delta=0.25, mark=(2, 4), ax=ax)
    ax.set_title("A shock u_D 2 → 4 breaks the exchange at δ = 0.25", fontsize="medium")
    return _save(fig, out, "violence_shock")


def proxy(scenario, out):
    fig, ax = _single()
    p = scenario.parameters
    proxies.proxy_risk(
        attribution=(0.3, p["attribution"], 0.95),
        periods=12,
        period="month",
        mark=(p["proxy_autonomy"], p["attribution"]),
        ax=ax,
    )
    ax.set_title("Proxy risk over a year (iran-2024)", fontsize="medium")
    return _save(fig, out, "proxy_risk")


FIGURES = (
    window_seed,
    window_normal,
    window_launches,
    saturation,
    saturation_one_leaker,
    heatmap,
    threshold_window_opens,
    threshold_game,
    phase_retaliation,
    phase_window,
    tornado,
    brinkmanship_chart,
    violence,
    violence_shock,
    proxy,
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=Path(__file__).parent / "figures")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    scenario = dt.load_scenario("iran-2024")
    for make in FIGURES:
        start = time.perf_counter()
        path = make(scenario, args.out)
        print(f"{path}  ({time.perf_counter() - start:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
