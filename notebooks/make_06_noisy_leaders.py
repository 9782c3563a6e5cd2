"""Writes notebooks/06_noisy_leaders.ipynb (no outputs); ``--check`` verifies the file.

Kept apart from build_notebooks.py (which builds notebooks 01-04). Run from the repository:
``python notebooks/make_06_noisy_leaders.py [--check]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
NAME = "06_noisy_leaders.ipynb"


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text: str):
    return nbformat.v4.new_code_cell(text.strip())


CELLS = [
    md("""
# Noisy leaders: quantal response equilibrium and strategic models fitted to crises

A Nash equilibrium assumes leaders who never err. In a **logit quantal response equilibrium**
(QRE; McKelvey & Palfrey 1995, *Games and Economic Behavior* 10:6–38) each side picks every
option with a probability that rises with its expected payoff, `∝ exp(λ · payoff)`: λ = 0 is
pure noise, and as λ grows play approaches a Nash equilibrium. Here λ is measured against each
player's payoff range (`units="normalized"`), so λ = 10 means the same in every game.

The same idea, applied at every move of a game tree with utilities that depend on observed
covariates, is Signorino's **strategic choice model** (1999, *APSR* 93(2):279–297): the way
researchers fit a deterrence game to crisis data. This notebook

1. traces the QRE of Chicken from noise to its Nash limit;
2. asks how noisy Iran's and Israel's leaders must be before the calibrated strike stops being
   the most likely response in the crisis tree;
3. fits the `egame12` deterrence game to 2,000 simulated crises and recovers the parameters;
4. fits Israel's and others' escalation choices to the bundled 2019–2024 exchanges, and shows
   how little 16 coded exchanges can say.
"""),
    code("""
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import deterrence as dt

chicken = dt.games.chicken()
path = dt.qre_path(chicken)
for lam in (1, 10, 100):
    print(dt.qre(chicken, lam))
print("Nash limit of the branch:", path.nash_row.round(3), path.nash_col.round(3))
path.plot();
"""),
    md("""
The branch starts at (½, ½) and, of Chicken's three equilibria, ends at the *mixed* one
(each side drives straight with probability 0.1): with noisy play neither pure equilibrium's
asymmetry can be selected by a symmetric game. Mixed limits are approached slowly (the gap
shrinks like 1/λ).

## The crisis tree with noisy leaders

In the crisis tree Iran picks restraint, a calibrated or a major strike; Nature draws whether
Israel's tolerance is exceeded; Israel absorbs or escalates. With every decision made with
logit noise (an *agent* QRE, solved in closed form by backward recursion), which response
class is most likely as λ grows?
"""),
    code("""
from deterrence.solve.agent_qre import modal_change

scenario = dt.load_scenario("iran-2024")
tree = dt.games.crisis.crisis_tree(scenario)
classes = dt.agent_qre_path(tree)
lam_star = modal_change(tree, "Iran", "calibrated")  # None: it leads at every precision
if lam_star is None:
    print("calibrated strike is the most likely class at every precision λ")
else:
    print(f"calibrated strike is the most likely class only above λ = {lam_star:.3f}")
for lam in (0.05, 1, 10, 100):
    b = dt.agent_qre(tree, lam).behavior["Iran"]
    print(f"λ = {lam:7.3f}: " + ", ".join(f"{a} {p:.3f}" for a, p in b.items()))
classes.plot("Iran");
"""),
    md("""
Below λ* the *major* strike is (narrowly) the most likely: when Israel's reaction is itself
noisy, it escalates after a calibrated strike nearly as often as after a major one, so the
reputational value of the larger strike wins. The margins there are small — every class is
close to one in three — so the practical reading is: the calibrated strike is the clear
choice only for leaders who weigh payoffs with some precision.

## Fitting a deterrence game to crises: `egame12`

The Challenger keeps the status quo (SQ) or challenges; the Defender capitulates (CAP) or
fights (WAR). Utilities are linear in covariates: here the Challenger's value of the status
quo falls with `grievance`, and the Defender's value of war rises with `resolve`. We simulate
2,000 crises from known coefficients and fit them back.
"""),
    code("""
from deterrence.estimate import egame12, fit

rng = np.random.default_rng(2024)
crises = pd.DataFrame({"grievance": rng.normal(size=2000), "resolve": rng.normal(size=2000)})
model = egame12({"u11": "0 + grievance", "u13": "1", "u14": "1", "u24": "1 + resolve"})
truth = pd.Series([-0.8, 1.0, -1.0, 0.3, 1.2], index=model.param_names)
crises["outcome"] = model.simulate(crises, truth, seed=7)
print(crises["outcome"].value_counts().to_dict())
fitted = fit(model, crises)
table = fitted.to_frame()[["estimate", "std_error", "lower", "upper"]]
table.insert(0, "truth", truth)
print(table.round(3).to_string())
print("every estimate within 3 standard errors of the truth:",
      bool((abs(fitted.params - truth) < 3 * fitted.bse).all()))
"""),
    code("""
fitted.plot("resolve", n_draws=400);
"""),
    md("""
## What 16 real exchanges can say

`deterrence.data.crisis_exchanges()` is a small table of Iran–Israel–US and proxy exchanges
from 2019 to 2024, coded from public reporting with a source for every row (empty cells are
facts not public or not established). Take the target's choice after each strike — strike
back within 30 days or not — as the crisis tree's last move, with the utility of escalating
linear in whether the strike was *major*:
"""),
    code("""
from deterrence.data import crisis_exchanges
from deterrence.estimate import StrategicModel

ex = crisis_exchanges()
coded = ex.dropna(subset=["target_escalated"]).copy()
coded["major"] = (coded["response_class"] == "major").astype(float)
coded["outcome"] = np.where(coded["target_escalated"], "escalate", "absorb")
print(pd.crosstab(coded["response_class"], coded["outcome"]))

reply = (dt.GameTree.builder(("Target",), name="target's reply")
         .decision("reply", "Target", {"absorb": "absorb", "escalate": "escalate"})
         .terminal("absorb", (0,)).terminal("escalate", (0,)).build())
escalation = fit(StrategicModel(reply, {"u12": "1 + major"}), coded)
print(escalation.summary())
"""),
    code("""
lo, hi = escalation.conf_int().loc["u12:major"]
p = escalation.prediction_curve("major", values=[0.0, 1.0], n_draws=2000, seed=1)
print(f"{escalation.nobs} exchanges; effect of a major strike on the utility of escalating: "
      f"{escalation.params['u12:major']:.2f}, 95 % interval [{lo:.2f}, {hi:.2f}]")
for i, label in enumerate(("calibrated", "major")):
    print(f"P(target strikes back | {label}) = {p.mean[i, 1]:.2f} "
          f"(95 % band {p.lower[i, 1]:.2f}–{p.upper[i, 1]:.2f})")
"""),
    md("""
The point estimate says major strikes are answered more often, but the interval for the
effect spans several utility units and the bands on the probabilities are wide: sixteen
exchanges — different dyads, years and stakes — cannot pin down a leader's tolerance. Read
the fit as a statement of how little the record identifies, not as a forecast; a richer
model (tolerance varying with the target, leakers rather than a class) would only widen the
intervals with data this small.
"""),
]


def build():
    nb = nbformat.v4.new_notebook()
    nb.cells = CELLS
    for k, cell in enumerate(nb.cells):  # stable ids: the file is reproducible
        cell["id"] = f"noisy-leaders-{k:02d}"
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = HERE / NAME
    text = nbformat.writes(build())
    if "--check" in argv:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            print(f"{path} is out of date: run python notebooks/make_06_noisy_leaders.py")
            return 1
        return 0
    if path.exists() and "--force" not in argv and path.read_text(encoding="utf-8") != text:
        print(f"{path} exists and differs; rerun with --force to overwrite it.")
        return 1
    tmp = path.with_suffix(".ipynb.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
