"""Writes notebooks/05_learning_dynamics.ipynb (no outputs); ``--check`` verifies the file.

Kept apart from build_notebooks.py (which builds notebooks 01-04). Run from the repository:
``python notebooks/make_05_learning_dynamics.py [--check]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
NAME = "05_learning_dynamics.ipynb"


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text: str):
    return nbformat.v4.new_code_cell(text.strip())


CELLS = [
    md("""
# Learning dynamics: how an exchange of blows settles, and what a shock does to it

Two adversaries trade calibrated strikes under tacit "rules of the game" (Sobelman 2016/17,
*International Security* 41(3), on Israel and Hezbollah): each answers in kind, neither
escalates. This notebook asks two questions with learning and evolutionary dynamics:

1. how does such an exchange *settle* — an "equilibrium of violence" that persists because
   escalation would be answered by war?
2. what happens when a shock makes escalating more tempting?

Stage payoffs per round (utils), by name because orders differ across the literature:
R = 0 for the ongoing exchange, T = 2 for escalating against a side that keeps the rules,
P = −8 for war, S = −10 for keeping the rules while the other escalates. The sides discount
the future by δ = 0.25 per round.
"""),
    code("""
import numpy as np
import matplotlib.pyplot as plt
import deterrence as dt
from deterrence.games import repeated as rep

R, T, P, S = 0, 2, -8, -10
delta = 0.25
print("exchange sustained iff δ ≥", rep.violence_equilibrium_threshold(exchange=R, deviation=T, war=P))
print("tit for tat stable iff δ ≥", round(rep.tft_threshold(T=T, R=R, P=P, S=S), 4))
"""),
    md("""
## 1. Played once, learning finds escalation

In a single round escalating is the better reply to anything (T > R and P > S): this is a
Prisoner's Dilemma. Fictitious play — each side best-responds to the frequency of the other's
past moves (Brown 1951) — learns it quickly.
"""),
    code("""
stage = dt.games.prisoners_dilemma(T=T, R=R, P=P, S=S, players=("Side A", "Side B"))
stage = stage.replace(strategies=(["keep the rules", "escalate"], ["keep the rules", "escalate"]))
fp = dt.dynamics.fictitious_play(stage, iterations=200, seed=1)
print("frequencies after 200 rounds:", fp.final[0].round(3), fp.final[1].round(3))
"""),
    md("""
## 2. Repeated, the exchange settles

In the repeated game a side chooses a *policy*. Three of them: **tit for tat** (answer in kind:
keep the rules while the other does, escalate once after it escalates), **never punish** (keep
the rules whatever happens) and **escalate** (always). Each pair is played for 30 rounds (δ³⁰ ≈ 10⁻¹⁸: the rest is negligible) with
`dt.games.repeated.simulate`, and its payoff stream discounted at δ; that gives a 3×3 game
between policies. Replicator dynamics (Taylor & Jonker 1978) then let the more successful
policy spread in a population of decision-makers — or, read for two states, let each side's
habits drift toward what has paid.
"""),
    code("""
POLICIES = ["tft", "allc", "alld"]
LABELS = ["tit for tat", "never punish", "escalate"]


def policy_game(temptation):
    payoffs = (temptation, R, P, S)  # simulate takes (T, R, P, S)
    M = np.empty((3, 3))
    for i, a in enumerate(POLICIES):
        for j, b in enumerate(POLICIES):
            stream = rep.simulate(a, b, payoffs, rounds=30).payoff_by_round[:, 0]
            M[i, j] = rep.discounted_value(stream, delta)
    return dt.Game.symmetric(M, strategies=LABELS, name=f"policies, escalation gain {temptation}")


before = policy_game(T)
before.to_frame()
"""),
    code("""
settle = dt.dynamics.replicator(before, x0=[0.85, 0.05, 0.1], t_max=60, points=201)
print("settled shares:", dict(zip(LABELS, settle.final[0].round(3).tolist())))
lax = dt.dynamics.replicator(before, x0=[0.7, 0.2, 0.1], t_max=60, points=201)
print("with more who never punish:", dict(zip(LABELS, lax.final[0].round(3).tolist())))
dt.solve(before)
"""),
    md("""
Starting with 85% answering in kind and 10% escalating, the escalators meet tit for tat too often, pay
the price of war and die out: the population settles on tit for tat (with a remnant that never
punishes, which does as well once nobody escalates). The exchange persists — the equilibrium of
violence. `dt.solve` lists it among the equilibria of the policy game, a degenerate one: tit
for tat and never punish do equally well against each other, so the rest points form a
segment. Where the exchange starts matters: with a fifth who never punish (and 70% tit for
tat), the escalators feed on them, pass the quarter at which tit for tat and escalation do
equally well, and take over.

## 3. A shock: escalating pays more

A new capability doubles the one-round gain of escalating, T = 2 → 4. The closed form says
the exchange now needs δ ≥ 1/3, and δ = 0.25 is below it:
"""),
    code("""
shock = rep.shock_breaks(delta, exchange=R, deviation_before=T, deviation_after=4, war=P)
print("breaks:", shock.breaks, "| threshold before", shock.threshold_before,
      "after", round(shock.threshold_after, 4))
after = policy_game(4)
start = settle.final[0] * 0.98 + np.array([0, 0, 0.02])  # 2% of escalators appear
spiral = dt.dynamics.replicator(after, x0=start, t_max=60, points=201)
print("shares after the shock:", dict(zip(LABELS, spiral.final[0].round(3).tolist())))
"""),
    code("""
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.8))
settle.plot(ax=left)
spiral.plot(ax=right)
left.set_title("Before: the exchange settles on tit for tat")
right.set_title("After the shock: escalation takes over");
"""),
    md("""
With the larger gain, escalating against tit for tat pays (T + δP/(1 − δ) = 4 − 8/3 > 0), so
the few escalators spread and the exchange collapses into war. The same analysis with a
larger δ — sides that value the future more — would survive the shock
(`rep.shock_breaks` returns False for δ ≥ 1/3).
"""),
]


def build() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = CELLS
    for k, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{k:02d}"  # stable ids: the file does not change between builds
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main(argv: list[str]) -> int:
    text = nbformat.writes(build()) + "\n"
    path = HERE / NAME
    if "--check" in argv:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            print(f"out of date: run python notebooks/{Path(__file__).name}")
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    print("wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
