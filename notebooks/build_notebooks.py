"""Write the tutorial notebooks of `deterrence` (without outputs) from one source.

    python notebooks/build_notebooks.py --write           # write missing notebooks
    python notebooks/build_notebooks.py --write --force   # also replace ones that differ
    python notebooks/build_notebooks.py --check           # exit 1 if one differs from this source
    python notebooks/build_notebooks.py --html DIR        # run them and write DIR/*.html

Nothing is written without ``--write``; a notebook that differs from this source (an
instructor's edits) is replaced only with ``--force``. The classroom notebook and its
instructor version are generated from the exercise bank of ``deterrence.classroom``: the statements, the answer formats, and — in the instructor
version only — the answers and the worked solutions, all from the same registry and model
calls that ``deterrence.classroom.check`` uses. ``tests/test_notebooks.py`` runs every notebook
top to bottom and checks that the files match this script.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

KERNEL = {
    "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
    "language_info": {"name": "python"},
}


def _notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """Cells as (kind, source) pairs; ids are stable so regenerating changes nothing."""
    out = []
    for i, (kind, source) in enumerate(cells):
        make = new_markdown_cell if kind == "md" else new_code_cell
        out.append(make(source.strip("\n"), id=f"cell-{i:02d}"))
    return new_notebook(cells=out, metadata=KERNEL)


def md(text: str) -> tuple[str, str]:
    return ("md", text)


def code(text: str) -> tuple[str, str]:
    return ("code", text)


# -- 01 quickstart ---------------------------------------------------------------------------------


def quickstart():
    return [
        md("""
# Quickstart: build a game, solve it, chart a threshold

`deterrence` builds payoff matrices and game trees from named parameters, computes **every**
equilibrium (each one verified), and finds the **thresholds** where the equilibrium changes.
This notebook takes ten cells. Next: `02_iran_retaliation_dilemma.ipynb` (the seed case end to
end), `03_classroom_deterrence.ipynb` (exercises with checked answers) and
`04_repeated_and_proxies.ipynb` (tit for tat, noise, generosity).
"""),
        code("""
import numpy as np
import deterrence as dt

g = dt.Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
            players=("Iran", "Israel"),
            strategies=(["swerve", "straight"], ["swerve", "straight"]),
            name="Chicken")
g
"""),
        md("""
The table underlines each player's best replies; a shaded cell is a pure equilibrium.
`dt.solve` returns every extreme equilibrium, verified (no player gains by deviating):
"""),
        code("""
eqs = dt.solve(g)
eqs
"""),
        code("""
mixed = [e for e in eqs if not e.is_pure][0]
print(mixed.describe())       # straight w.p. (T-R)/((T-R)+(S-P)) = 1/10 (Osborne 2004, ch. 4)
print("probabilities of (swerve, straight):", mixed.row, "payoffs:", np.round(mixed.payoffs, 4))
"""),
        md("""
Builders make the classic games from named parameters. The generic deterrence game of Zagare &
Kilgour is *degenerate*: the Defender's plan is never carried out when deterrence works, so the
status quo is a whole segment of equilibria. `dt.solve` reports both ends of it as one
component (nashpy's support enumeration returns only one point, silently).
"""),
        code("""
dd = dt.solve(dt.games.deterrence_game())
[e.describe() for e in dd], len(dd.components), dd.degenerate
"""),
        md("""
**Thresholds.** How bad must a crash be for Chicken to stay Chicken? Scan the crash payoff P
with `dt.find_thresholds`: it brackets each change of the equilibrium set on a grid and refines
it to 1e-10. At P = S = −1 the crash stops being worse than backing down, and the game turns
into a Prisoner's Dilemma with a single equilibrium, (straight, straight). (`strict=False` lets
the builder leave Chicken's defining ordering.)
"""),
        code("""
th = dt.find_thresholds(dt.games.chicken, "P", (-20, 0), fixed={"strict": False})
th
"""),
        code("""
ax = th.plot()
ax.set_title("Chicken: number of equilibria against the crash payoff P");
"""),
        md("""
The same two calls work on the seed dilemma, Iran's retaliation game
(`dt.games.retaliation_game`), and `dt.phase_diagram` does it in two parameters at once — see the
next notebook. In JupyterLab, `dt.widgets.explore(dt.games.chicken)` puts every parameter on a
slider (needs the `jupyter` extra: `pip install 'deterrence[jupyter]'`).
"""),
    ]


# -- 02 the seed case ------------------------------------------------------------------------------


def iran():
    return [
        md("""
# Iran's retaliation dilemma, end to end

After the killings of Haniyeh (Tehran) and Shukr (Beirut) in 2024, Iran had to respond *without
appearing weak* and *without going overboard* — provoking Israeli counter-escalation and US
entry — while it could not see how much its adversaries could stomach. This notebook walks the
seed scenario through the toolkit: the scenario's assumptions, the calibrated response window,
saturating Iron Dome, proxies and attribution, the game and the tree, thresholds, a phase
diagram, and what would have to be true. Every number below is computed by the models; the
parameters are illustrative defaults, not estimates.
"""),
        md("## 1. The scenario: assumptions with units and plausible ranges"),
        code("""
import numpy as np
import matplotlib.pyplot as plt
import deterrence as dt
from deterrence.models import defense, proxies
from deterrence.plot import window, thresholds as threshold_charts
from deterrence.plot import defense as defense_charts, proxies as proxy_charts, tree as tree_charts

s = dt.load_scenario("iran-2024")
s.to_frame()[["value", "unit", "low", "high", "note"]]
"""),
        code("""
p = s.parameters
print(f"war cost W = W_I + π_US·W_US = {s.war_cost:g} utils; "
      f"leak probability q = r_L(1 − P_k)^s = {s.leak_probability:.2f} per launch")
"""),
        md("""
## 2. The calibrated response window

Audiences judge a response of size r (leakers: munitions that get through) strong enough iff
r > θ_w ~ G; Israel escalates iff r > θ_t ~ F. Iran maximises U(r) = (R̄ + a)·G(r) − W·F(r) − κr.
The *window* holds the responses that are seen as strong with probability ≥ 1 − α_w and escalate
with probability ≤ ρ.
"""),
        code("""
m = s.calibrated_response()
r_star = m.optimum()
alpha_weak, rho = p["alpha_weak"], p["acceptable_risk"]
print(f"r* = {r_star:.2f} leakers: P(seen as weak) = {m.p_weak(r_star):.2f}, "
      f"P(escalation) = {m.p_escalation(r_star):.3f}")
print("window:", m.window(alpha_weak, rho))
"""),
        code("""
fig = window.calibrated_window(s)
"""),
        md("""
The strict window is empty: the floor G⁻¹(1 − α_w) lies above the ceiling F⁻¹(ρ). The defaults
reproduce the dilemma rather than dissolve it — no response is both surely strong and surely
safe, and r* trades one risk against the other.

## 3. Overwhelming Iron Dome: leakage and saturation (Wilkening 2000)

Each launched munition leaks with probability q = r_L·(1 − P_k)^s; with n launches the leakers
are L ~ Binomial(n, q), until the interceptors run out.
"""),
        code("""
q = s.leak_probability
print("launches for at least 5 leakers w.p. 0.9:", defense.launches_needed(5, 0.9, q))
salvos = np.array([100, 200, 300, 400])
print("expected leakers with 200 interceptors:",
      defense.expected_leakers(salvos, p["interceptor_inventory"], p["intercept_prob"],
                               p["shots_per_threat"], p["launch_reliability"]).round(1))
"""),
        code("""
ax = defense_charts.saturation_curves(np.arange(0, 401, 10), k=10, p_kill=(0.8, 0.9),
                                      interceptors=(100, 200), reliability=p["launch_reliability"])
ax.set_title("Saturation: P(at least 10 leakers) against the salvo");
"""),
        md("""
In launch units the window becomes a range of salvo sizes: P(escalation | n) = E[F(L)].
"""),
        code("""
n_star = m.optimum_launches(q)
print(f"best salvo n* = {n_star} launches; a {p['salvo_size']}-launch salvo escalates "
      f"with probability {m.p_escalation_launches(p['salvo_size'], q):.2f}")
fig = window.calibrated_window_launches(s)
"""),
        md("""
## 4. Proxies and attribution (Baliga, Bueno de Mesquita & Wolitzky 2020)

Militias sometimes strike without instruction (autonomy α per period), and Israel blames Iran
for a proxy strike with probability β. Intelligence with sensitivity 0.8 and false-positive rate
0.1 moves a 50/50 prior on "ordered by Iran" to 8/9 after a positive report.
"""),
        code("""
print("posterior after a positive / negative report:",
      round(proxies.attribution_posterior(0.5, 0.8, 0.1), 3),
      round(proxies.attribution_posterior(0.5, 0.8, 0.1, signal=False), 3))
alpha, beta = p["proxy_autonomy"], p["attribution"]
print(f"P(an unbidden, attributed proxy strike) per month: {proxies.p_crisis_from_proxies(alpha, beta):.2f}; "
      f"within a year: {proxies.p_crisis_from_proxies(alpha, beta, periods=12):.2f}")
"""),
        code("""
ax = proxy_charts.proxy_risk(periods=12, period="month", mark=(alpha, beta))
"""),
        md("""
## 5. The game and the tree

The retaliation game is the normal form of the exchange tree: Iran's response class against
Israel's reply plans (its reply to a calibrated strike | to a major one), 3×9. Many of its
equilibria rest on threats Israel would not carry out; `credible` keeps the subgame-perfect ones.
"""),
        code("""
g = s.retaliation_game()
g
"""),
        code("""
eqs = dt.solve(g)
[e.describe() for e in eqs.credible]
"""),
        md("""
The tree removes the non-credible threat: Iran picks a response class, Nature draws an
attributed proxy strike and whether Israel's tolerance is exceeded, Israel absorbs or escalates,
Nature draws US entry. Backward induction gives Iran's plan, and the three views of the
dilemma agree.
"""),
        code("""
tree = s.crisis_tree()
spe = dt.spe(tree)
print(len(tree.nodes), "nodes; Iran's plan:", spe.plan["Iran"])
dt.games.crisis.best_response_class(s)
"""),
        code("""
small = s.replace(proxy_autonomy=0.0).crisis_tree()     # without proxies: 34 nodes, drawable
fig, ax = plt.subplots(figsize=(18, 6))
tree_charts.draw_tree(small, solution=dt.spe(small), ax=ax, fontsize=7);
"""),
        md("""
## 6. Thresholds: where the equilibrium changes

How large a reputational stake R̄ keeps the calibrated response an equilibrium if Israel could
commit to one reply policy (`retaliation_commitment_game`)? The search is exact: grid brackets
refined to 1e-10.
"""),
        code("""
th = dt.find_thresholds(dt.games.retaliation_commitment_game, "reputation_stake", (0.5, 3.0),
                        fixed={"scenario_or_params": s})
th.to_frame()[["value", "tie"]]
"""),
        code("""
ax = th.plot()
"""),
        md("""
## 7. Phase diagram: two parameters at once

Regions of the (R̄, audience cost) plane labelled by the equilibrium set, boundaries traced by
root finding; the star is the scenario.
"""),
        code("""
ph = dt.phase_diagram(dt.games.retaliation_commitment_game, ("reputation_stake", 0.5, 3.0),
                      ("audience_cost", 0.0, 1.5), fixed={"scenario_or_params": s}, resolution=40)
ph.regions[["label", "area", "equilibria"]]
"""),
        code("""
ax = ph.plot(mark=(p["reputation_stake"], p["audience_cost"]))
"""),
        md("""
## 8. What would have to be true

Inverse questions are root-finding calls. How tolerant would Israel have to be (median θ_t, in
leakers) for the scenario's 150-launch salvo to keep P(escalation) at the acceptable 5%?
"""),
        code("""
def p_escalation_of_salvo(defender_tolerance):
    t = s.replace(defender_tolerance=defender_tolerance)
    return t.calibrated_response().p_escalation_launches(p["salvo_size"], t.leak_probability)

need = dt.find_thresholds(p_escalation_of_salvo, "defender_tolerance", (5, 500),
                          level=p["acceptable_risk"], grid=41)
print(f"median tolerance needed: {need[0].value:.1f} leakers "
      f"(the scenario assumes {p['defender_tolerance']:g})")
"""),
        md("""
Which assumptions carry the conclusion? Each parameter runs over its plausible range, the others
fixed: the bars show how r* and the window's edges move. A floor bar crossing the baseline
ceiling (or the reverse) is a value at which the window would open.
"""),
        code("""
fig = threshold_charts.what_must_be_true(s)
"""),
        md("""
## 9. Explore

In JupyterLab the sliders below move the scenario's window parameters (needs the `jupyter`
extra). `dt.widgets.explore(s)` does the same for the retaliation game's equilibria and
thresholds.
"""),
        code("""
dt.widgets.explore_window(s)
"""),
    ]


# -- 03 classroom ----------------------------------------------------------------------------------

#: instructor-only cells after an exercise's worked solution: the model behind the answer
DEMOS = {
    "chicken-crash": """
dt.solve(dt.games.chicken(R=0, S=-1, T=1, P=-10))
""",
    "deterrence-normal-form": """
dt.solve(dt.games.deterrence_game(defender_dd=-0.5))
""",
    "brinkmanship-closes": """
from deterrence.plot.brinkmanship import brinkmanship_window
ax = brinkmanship_window((2, -2, -10), (1, -2, -10), p_mark=0.4)
""",
    "violence-shock": """
from deterrence.plot.repeated import violence_stability
ax = violence_stability((0.5, 12), exchange=0, war=-8, delta=0.25, mark=(2, 4))
""",
}

ANSWERING = """
**How to answer.** Replace `...` in an answer cell and run the cell: it checks your answer. Write numbers
as you like: `0.1`, `"1/10"`, `"10%"`. Several numbers go in the order the exercise states,
e.g. `(0.2, 1/3)` or `"0.2 to 1/3"` for a range; options in quotes, e.g. `"deny"`. Green is
right, amber is close (check your arithmetic and rounding), red is not right — with a hint
keyed to the mistake ("that is the other player's probability", "you swapped the order") —
and grey means the answer could not be read (the message says what to write). A value that
cannot be right at all, such as a probability of 10, is pointed out as such.
"""


def classroom(*, instructor: bool):
    from deterrence.classroom import EXERCISES, solution
    from deterrence.classroom.exercises import BUILTIN

    builtin = [EXERCISES[i] for i in BUILTIN]
    topics = list(dict.fromkeys(ex.topic for ex in builtin))
    if instructor:
        intro = f"""
# Deterrence: exercises — instructor version

The student notebook (`03_classroom_deterrence.ipynb`) with the answers filled in for the
*published* numbers, the worked solutions, and the model behind each answer. Both notebooks are
generated by `notebooks/build_notebooks.py` from the exercise bank of `deterrence.classroom`
({len(builtin)} exercises on {len(topics)} topics): statements, answers and solutions come from
the same model calls that `check` uses, so they cannot drift apart. The last section shows how to
add your own exercises, give every student their own numbers, regenerate any student's key and
grade a class with nbgrader.
"""
    else:
        intro = f"""
# Deterrence: exercises

{len(builtin)} short problems from the theory of deterrence, by topic: {", ".join(topics)}.
Each exercise shows *your own numbers* when your student id is set (on a course JupyterHub it is
your user name; elsewhere run `%env DETERRENCE_STUDENT=your-id` before the first cell);
without one you get the published numbers.
"""
    setup = """
import deterrence as dt
from deterrence.classroom import check, student_id, variant

STUDENT = student_id()      # None: the published numbers
print("numbers drawn for:", STUDENT or "nobody (the published numbers)")
"""
    cells = [md(intro), md(ANSWERING), code(setup)]
    n = 0
    for topic in topics:
        cells.append(md(f"# {topic[0].upper()}{topic[1:]}"))
        for ex in (e for e in builtin if e.topic == topic):
            n += 1
            head = f"## {n}. {ex.title}\n\n*{ex.difficulty}.* {ex.goal}"
            if instructor:
                sol = solution(ex.id)
                cells.append(
                    md(f"{head}\n\n{ex.statement_markdown()}\n\n*Answer:* {ex.answer_format}.")
                )
                cells.append(code(f'answer = {_literal(sol.answer)}\ncheck("{ex.id}", answer)'))
                cells.append(md(f"**Worked solution.** {sol.text}\n\n*Source:* {ex.citation}."))
                if ex.id in DEMOS:
                    cells.append(code(DEMOS[ex.id]))
            else:
                cells.append(md(head))
                cells.append(code(f'variant("{ex.id}", student=STUDENT)'))
                cells.append(
                    code(
                        f"answer = ...   # {ex.answer_format}\n"
                        f'check("{ex.id}", answer, student=STUDENT)'
                    )
                )
    if instructor:
        cells += _instructor_tools()
    return cells


def _instructor_tools():
    return [
        md("""
# For instructors: the bank, your own exercises, per-student numbers, grading

**The bank.** `dt.classroom.bank(topic=..., difficulty=...)` lists the exercises with their
learning goals, parameter ranges, the model call that computes each answer and the citation.
"""),
        code('dt.classroom.bank()[["topic", "difficulty", "title", "citation"]]'),
        md("""
**Your own exercise.** Declare it once with `register`; `check`, `variant` and `bank` find it.
Mistakes are computed from the parameters, so the hint fits every student's numbers.
"""),
        code("""
from deterrence.classroom import Mistake, Param, Probability, register

@register(id="deterrence-by-denial", title="Denial: the defender's success probability",
          topic="credibility and SPE", difficulty="intro",
          goal="Turn a per-attack defence rate into the chance that an offensive fails.",
          statement="An attack succeeds only if all {n} of its prongs get through; each prong is "
                    "stopped with probability {stop}, independently. **What is the probability "
                    "that the attack fails?**",
          params=[Param("n", 3, 2, 5, 1), Param("stop", 0.3, 0.1, 0.5, 0.1)],
          entries=[Probability("P(fail)")],
          mistakes=[Mistake(lambda n, stop: (1 - stop) ** n,
                            "that is the probability that the attack *succeeds*.")],
          citation="Mearsheimer 1983, Conventional Deterrence")
def denial(n, stop):
    return 1 - (1 - stop) ** int(n)

check("deterrence-by-denial", 1 - 0.343), check("deterrence-by-denial", 0.343)
"""),
        md("""
**Every student's own numbers.** `variant(id, student=..., seed=...)` draws the parameters
from a SHA-256 hash of (exercise, student, seed): the same in every process and on every
machine, different between students. `key` regenerates any student's answers:
"""),
        code("""
print(variant("grim-trigger", student="alice").statement_markdown())
dt.classroom.key(["alice", "bob"], ["grim-trigger", "attribution-posterior"])
"""),
        md("""
**Grading with nbgrader.** `deterrence classroom build COURSE_DIR --assignment week3 --topic
brinkmanship` writes an nbgrader source assignment (solution cells and autograder-test cells
that call `check` for each student's own numbers); `nbgrader generate_assignment week3` makes
the students' version without solutions; after `nbgrader collect`, `deterrence classroom grade
COURSE_DIR --assignment week3 -o scores.csv` autogrades and writes the score table (needs the
`classroom` extra: `pip install 'deterrence[classroom]'`).
"""),
        code("""
import tempfile
from deterrence.classroom.grading import build_assignment

course = tempfile.mkdtemp()
path = build_assignment(course, ["chicken-mixed", "grim-trigger"], assignment="week1")
print(path.relative_to(course))
"""),
    ]


def _literal(answer) -> str:
    """The answer as Python source, exact fractions where the value is one (9/17, not 0.529...)."""
    from fractions import Fraction

    def one(x):
        if isinstance(x, str):
            return repr(x)
        frac = Fraction(x).limit_denominator(100)
        if abs(float(frac) - x) < 1e-12:
            return str(frac.numerator) if frac.denominator == 1 else f"{frac}"
        return repr(round(x, 6))

    if isinstance(answer, tuple):
        return "(" + ", ".join(one(v) for v in answer) + ")"
    return one(answer)


# -- 04 repeated play and proxies ------------------------------------------------------------------


def repeated():
    return [
        md("""
# Tit for tat, proxies acting unbidden, and generosity

Exchanges of blows between Iran's camp and Israel look like repeated play: each side answers the
other's last move. This notebook computes when cooperation (restraint) is sustained, shows why
tit for tat spirals once proxies strike without instruction, and how generosity repairs it
(Axelrod 1984; Molander 1985; Salehyan 2010).
"""),
        code("""
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
import deterrence as dt
from deterrence.games import repeated as rep
from deterrence.models import proxies

pd_payoffs = (5, 3, 1, 0)          # (T, R, P, S), Axelrod's tournament values
"""),
        md("""
## 1. How patient must the sides be?

Grim trigger needs δ ≥ (T − R)/(T − P); tit for tat also has to resist alternating D, C, D, C, …,
which needs δ ≥ (T − R)/(R − S) (Axelrod 1984, Proposition 2). Generous TFT forgives a defection
with probability up to g* (Molander 1985).
"""),
        code("""
T, R, P, S = pd_payoffs             # payoffs go by name: orders differ across the literature
print("grim trigger δ* =", rep.grim_trigger_threshold(T=T, R=R, P=P, S=S))
print("tit for tat  δ* =", round(rep.tft_threshold(T=T, R=R, P=P, S=S), 4))
print("generous TFT g* =", round(rep.generous_tft_forgiveness(T=T, R=R, P=P, S=S), 4))
"""),
        md(
            "The threshold checked by simulation: alternating D, C against TFT pays just below 2/3."
        ),
        code("""
for delta in (0.66, 0.67):
    g = rep.deviation_gain(rep.Cycle("DC"), "tft", pd_payoffs, delta=delta)
    print(f"δ = {delta}: deviate {g.deviation_value:.3f} vs conform {g.conforming_value:.3f}"
          f" -> deviation pays: {g.pays}")
"""),
        md("""
## 2. Noise: proxies acting unbidden

Now let each intended move flip with probability ε: a militia strikes without instruction and
the strike is blamed on its sponsor. Between two TFT players one such strike sets off an echo of
retaliations; the outcomes become uniform over the four cells and the mean payoff falls from 3 to
(T + R + P + S)/4 = 2.25 for every ε > 0 (Molander 1985; Bendor, Kramer & Stout 1991).
"""),
        code("""
s = dt.load_scenario("iran-2024")
eps = proxies.p_crisis_from_proxies(s.parameters["proxy_autonomy"], s.parameters["attribution"])
print(f"unbidden, attributed proxy strikes per round: ε = α·β = {eps:.2f}")
sim = rep.simulate("tft", "tft", pd_payoffs, rounds=2000, noise=eps, repetitions=50, seed=1)
print("TFT vs TFT: mean payoff", sim.mean_payoff.round(3), "±", sim.std_error.round(3))
print("outcome frequencies (CC, CD, DC, DD):", sim.outcome_frequency.round(3))
"""),
        code("""
rows = []
for strategy in ("tft", "gtft", "grim", "pavlov"):
    for noise in (0.0, 0.01, 0.05, eps):
        r = rep.simulate(strategy, strategy, pd_payoffs, rounds=1000, noise=noise,
                         repetitions=40, seed=2)
        rows.append({"strategy": strategy, "noise": round(noise, 3),
                     "mean payoff": r.mean_payoff[0], "cooperation": r.cooperation_rate[0]})
table = pd.DataFrame(rows).pivot(index="strategy", columns="noise", values="mean payoff")
table.round(2)
"""),
        md("""
## 3. Generosity repairs the echo

Generous TFT cooperates after a defection with probability g: forgiving a share of the blows
ends the spirals that proxies start. Cooperation over time, with the scenario's noise:
"""),
        code("""
fig, ax = plt.subplots(figsize=(7, 3.5))
for strategy, label in ((rep.TitForTat(), "tit for tat"),
                        (rep.GenerousTitForTat(), "generous TFT (g = g* = 1/3)"),
                        (rep.GenerousTitForTat(0.1), "generous TFT (g = 0.1)")):
    r = rep.simulate(strategy, strategy, pd_payoffs, rounds=200, noise=eps, repetitions=400, seed=3)
    ax.plot(r.cooperation_by_round[:, 0], label=label)
ax.set_xlabel("round")
ax.set_ylabel("share cooperating (restraint)")
ax.set_ylim(0, 1.02)
ax.legend(fontsize="small");
"""),
        md("""
## 4. The "equilibrium of violence" and a shock

Calibrated exchanges (u_E per round) are sustained by the threat of war (u_P) against a
one-round gain from escalating (u_D) iff δ ≥ δ* = (u_D − u_E)/(u_D − u_P). A shock that raises
u_D from 2 to 4 moves δ* from 0.2 to 1/3: sides with δ in between stop being deterred
(cf. Sobelman 2017 on the Israel–Hezbollah "rules of the game").
"""),
        code("""
out = rep.shock_breaks(0.25, exchange=0, deviation_before=2, deviation_after=4, war=-8)
print(f"δ* before {out.threshold_before:.3f}, after {out.threshold_after:.3f}; "
      f"breaks at δ = 0.25: {out.breaks}")
"""),
        code("""
from deterrence.plot.repeated import violence_stability
ax = violence_stability((0.5, 12), exchange=0, war=-8, delta=0.25, mark=(2, 4))
"""),
        md("""
## 5. Proxy risk over a year

The probability that at least one unbidden strike is attributed to the sponsor grows quickly
with autonomy α and attribution β — each such strike is a draw of the noise above.
"""),
        code("""
from deterrence.plot.proxies import proxy_risk
ax = proxy_risk(periods=12, period="month",
                mark=(s.parameters["proxy_autonomy"], s.parameters["attribution"]))
"""),
    ]


NOTEBOOKS = {
    "01_quickstart.ipynb": quickstart,
    "02_iran_retaliation_dilemma.ipynb": iran,
    "03_classroom_deterrence.ipynb": lambda: classroom(instructor=False),
    "03_classroom_deterrence_instructor.ipynb": lambda: classroom(instructor=True),
    "04_repeated_and_proxies.ipynb": repeated,
}


# -- HTML of an executed notebook (a light stand-in for nbconvert, which is not a dependency) --------

_CSS = """
body { font-family: system-ui, sans-serif; max-width: 980px; margin: 24px auto; color: #1f2328;
       line-height: 1.45; padding: 0 16px; }
pre { background: #f6f8fa; padding: 8px 10px; border-radius: 4px; overflow-x: auto;
      font-size: 13px; margin: 4px 0; white-space: pre-wrap; }
.input { border-left: 3px solid #8c959f; }
.prompt { color: #8c959f; font: 12px monospace; }
.output { margin: 4px 0 16px 0; overflow-x: auto; }
.output img { max-width: 100%; }
.error { background: #fdecea; }
.widget { color: #57606a; font-style: italic; }
table { border-collapse: collapse; font-size: 13px; }
td, th { padding: 2px 8px; }
code { background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
"""


def _inline(text: str) -> str:
    import html
    import re

    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    return re.sub(r"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])", r"<i>\1</i>", out)


def markdown_to_html(text: str) -> str:
    """Headings, paragraphs, lists, code, bold and italics: what these notebooks use."""
    blocks = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        first = lines[0]
        if first.startswith("#"):
            level = len(first) - len(first.lstrip("#"))
            blocks.append(f"<h{level}>{_inline(first[level:].strip())}</h{level}>")
            if len(lines) > 1:
                blocks.append(f"<p>{_inline(' '.join(lines[1:]))}</p>")
        elif all(ln[:1].isdigit() and ". " in ln[:4] for ln in lines):
            items = "".join(f"<li>{_inline(ln.split('. ', 1)[1])}</li>" for ln in lines)
            blocks.append(f"<ol>{items}</ol>")
        elif all(ln.startswith("- ") for ln in lines):
            blocks.append("<ul>" + "".join(f"<li>{_inline(ln[2:])}</li>" for ln in lines) + "</ul>")
        else:
            blocks.append(f"<p>{_inline(' '.join(lines))}</p>")
    return "\n".join(blocks)


def _output_html(out) -> str:
    import html

    kind = out.get("output_type")
    if kind == "stream":
        return f"<pre>{html.escape(out['text'])}</pre>"
    if kind == "error":
        return f'<pre class="error">{html.escape(out["ename"])}: {html.escape(out["evalue"])}</pre>'
    data = out.get("data", {})
    if "text/html" in data:
        return data["text/html"]
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{data["image/png"].strip()}">'
    if "text/markdown" in data:
        return markdown_to_html(data["text/markdown"])
    if "application/vnd.jupyter.widget-view+json" in data:
        return '<p class="widget">[interactive widget: sliders and a live chart in JupyterLab]</p>'
    return f"<pre>{html.escape(data.get('text/plain', ''))}</pre>"


def to_html(nb, *, title: str) -> str:
    """One self-contained HTML page of an executed notebook (images inline)."""
    import html

    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(markdown_to_html(cell.source))
            continue
        n = cell.get("execution_count") or " "
        parts.append(f'<div class="prompt">In [{n}]:</div>')
        parts.append(f'<pre class="input">{html.escape(cell.source)}</pre>')
        outs = "".join(_output_html(o) for o in cell.get("outputs", []))
        if outs:
            parts.append(f'<div class="output">{outs}</div>')
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{_CSS}</style></head><body>" + "\n".join(parts) + "</body></html>\n"
    )


def execute(nb, *, kernel_name: str = "python3", timeout: int = 120, cwd: Path = HERE):
    """Run a notebook top to bottom with nbclient (the `test` extra); returns it with outputs."""
    from nbclient import NotebookClient

    NotebookClient(
        nb, timeout=timeout, kernel_name=kernel_name, resources={"metadata": {"path": str(cwd)}}
    ).execute()
    return nb


def build() -> dict[str, nbformat.NotebookNode]:
    """Every notebook, by file name, without outputs."""
    return {name: _notebook(make()) for name, make in NOTEBOOKS.items()}


def _text(nb) -> str:
    return nbformat.writes(nb) + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python notebooks/build_notebooks.py",
        description="Write, check or render the tutorial notebooks of deterrence from this "
        "script. Nothing is written without --write, and a notebook that differs from this "
        "source (an instructor's edits, say) is not overwritten without --force.",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument(
        "--check", action="store_true", help="exit 1 if a notebook differs from this source"
    )
    mode.add_argument(
        "--write", action="store_true", help="write missing or out-of-date notebooks"
    )
    mode.add_argument("--html", metavar="DIR", help="run the notebooks and write DIR/*.html")
    parser.add_argument(
        "--force", action="store_true", help="overwrite files that differ (edits are lost)"
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"notebooks to handle (default: all): {', '.join(NOTEBOOKS)}"
    )
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in NOTEBOOKS]
    if unknown:
        parser.error(f"unknown notebook(s) {unknown}; choose from {', '.join(NOTEBOOKS)}")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    notebooks = {n: nb for n, nb in build().items() if not args.names or n in args.names}
    if args.html:
        out = Path(args.html)
        out.mkdir(parents=True, exist_ok=True)
        pages = {out / name.replace(".ipynb", ".html"): nb for name, nb in notebooks.items()}
        existing = [str(p) for p in pages if p.exists()]
        if existing and not args.force:
            print("not overwritten (pass --force):", ", ".join(existing), file=sys.stderr)
            return 1
        for page, nb in pages.items():
            page.write_text(to_html(execute(nb), title=page.stem), encoding="utf-8")
            print("wrote", page)
        return 0
    stale, kept = [], []
    for name, nb in notebooks.items():
        nbformat.validate(nb)
        path = HERE / name
        text = _text(nb)
        same = path.exists() and path.read_text(encoding="utf-8") == text
        if same:
            continue
        if args.check:
            stale.append(name)
        elif path.exists() and not args.force:
            kept.append(name)
        else:
            tmp = path.with_name(f".{name}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
            print("wrote", path.relative_to(HERE.parent))
    if stale:
        print("out of date (run python notebooks/build_notebooks.py --write):", ", ".join(stale))
        return 1
    if kept:
        print(
            "not overwritten, they differ from this source (edited?); pass --force to replace "
            "them:",
            ", ".join(kept),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
