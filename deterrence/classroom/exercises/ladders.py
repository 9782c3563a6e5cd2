"""Escalation ladders: the risk of losing control rung by rung, and the ladder game.

Kahn (1965), *On Escalation: Metaphors and Scenarios*; Schelling (1966), *Arms and
Influence*, ch. 3.
"""

from __future__ import annotations

from ..answers import Choice, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "escalation ladders"


def war_at_rung(loss_of_control, rung):
    from ...games.ladder import war_probabilities

    return float(war_probabilities(loss_of_control, int(rung))[-1])


register(
    Exercise(
        id="ladder-war-risk",
        title="Escalation ladders: losing control",
        topic=TOPIC,
        difficulty="intro",
        goal="Compound a per-rung risk of losing control.",
        statement="On each rung of an escalation ladder the crisis slips into war with "
        "probability ℓ = {loss_of_control}, independently. **What is the probability of war "
        "once the crisis has climbed to rung k = {rung}?**",
        params=(
            Param("loss_of_control", 0.1, 0.05, 0.3, 0.05),
            Param("rung", 3, choices=(2, 3, 4, 5, 6)),
        ),
        compute=war_at_rung,
        entries=(Probability("P(war)"),),
        tolerance=5e-4,
        close=5e-3,
        hint="War is avoided only if control holds on every rung: 1 − (1 − ℓ)^k.",
        mistakes=(
            Mistake(
                lambda loss_of_control, rung: min(1.0, loss_of_control * rung),
                "adding the per-rung risks over-counts: use 1 − (1 − ℓ)^k.",
            ),
            Mistake(
                lambda loss_of_control, rung: (1 - loss_of_control) ** rung,
                "that is the probability that control *holds* on every rung.",
            ),
        ),
        worked=lambda p, x: (
            f"1 − (1 − ℓ)^k = 1 − (1 − {_p(p['loss_of_control'])})^{int(p['rung'])} = "
            f"**{fmt_number(x)}** (Schelling 1966, ch. 3: the risk that leaves something to "
            "chance grows with each rung)."
        ),
        model="deterrence.games.ladder.war_probabilities",
        citation="Kahn 1965, On Escalation; Schelling 1966, Arms and Influence, ch. 3",
    )
)


def ladder_equilibrium(value, cost_per_rung, war_risk_top, war_cost):
    from ...errors import ParameterError
    from ...games.ladder import ladder_game
    from ...solve import solve

    g = ladder_game(
        ["hold", "escalate"],
        value_of_prevailing=value,
        cost_per_rung=cost_per_rung,
        loss_of_control=[0.0, war_risk_top],
        war_cost=war_cost,
    )
    pure = [e for e in solve(g) if e.is_pure]
    if len(pure) != 1:
        raise ParameterError("this exercise needs a game with exactly one pure equilibrium")
    # the game is symmetric, so a unique pure equilibrium is symmetric: both pick this rung
    rung = g.strategies[0][int(pure[0].row.argmax())]
    return rung, (war_risk_top if rung == "escalate" else 0.0)


register(
    Exercise(
        id="ladder-game",
        title="The escalation ladder game",
        topic=TOPIC,
        difficulty="core",
        goal="Solve a 2×2 crisis game built from costs, a stake and a risk of war.",
        statement="Two states each choose to **hold** (rung 1) or **escalate** (rung 2). The "
        "higher rung prevails and wins the stake V = {value} (a tie splits it), unless the crisis "
        "slips into war, which happens with probability {war_risk_top} if anyone escalated "
        "(0 otherwise) and costs each side W = {war_cost}, with no stake won. Rung k costs its "
        "climber {cost_per_rung}·k. The game has one pure equilibrium, in which both choose "
        "the same rung. **Give (that rung, the probability of war in the equilibrium).**",
        params=(
            Param("value", 10.0, 4.0, 12.0, 2.0),
            Param("cost_per_rung", 1.0, 0.5, 2.0, 0.5),
            Param("war_risk_top", 0.2, 0.1, 0.5, 0.1),
            Param("war_cost", 5.0, 5.0, 30.0, 5.0),
        ),
        compute=ladder_equilibrium,
        entries=(Choice("rung", ("hold", "escalate")), Probability("P(war)")),
        order_message="you swapped the order: give the rung first, then the probability of "
        "war: (rung, P(war)).",
        hint="Fill in the 2×2 table: u(i, j) = (1 − p_h)·V·w(i, j) − c·i − p_h·W, with "
        "p_h the war risk of the higher rung and w = 1, 1/2, 0 for above, level, below.",
        mistakes=(
            Mistake(
                lambda **p: (
                    "hold" if ladder_equilibrium(**p)[0] == "escalate" else "escalate",
                    p["war_risk_top"] if ladder_equilibrium(**p)[0] == "hold" else 0.0,
                ),
                "compare escalating with holding *against the other's equilibrium rung*: "
                "escalation wins the stake only if the crisis does not slip into war.",
            ),
        ),
        worked=lambda p, a: (
            "Each cell: (1 − p_h)·V·share − c·rung − p_h·W. Underlining best replies gives one "
            f"pure equilibrium, both on **{a[0]}**, with war probability **{fmt_number(a[1])}** "
            "(`dt.solve(dt.games.ladder.ladder_game(...))`)."
        ),
        model="deterrence.solve(deterrence.games.ladder.ladder_game(...))",
        citation="Kahn 1965, On Escalation; Schelling 1966, Arms and Influence",
    )
)
