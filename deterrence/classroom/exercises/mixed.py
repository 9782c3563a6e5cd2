"""Chicken and mixed strategies: the mixed equilibria of Chicken and the Stag Hunt.

Osborne (2004), *An Introduction to Game Theory*, ch. 4; Schelling (1960), *The Strategy of
Conflict*; Skyrms (2004), *The Stag Hunt and the Evolution of Social Structure*.
"""

from __future__ import annotations

from ..answers import Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "Chicken and mixed strategies"

CHICKEN_PARAMS = (
    Param("R", 0.0),
    Param("S", -1.0, -3.0, -1.0, 1.0),
    Param("T", 1.0, 1.0, 4.0, 1.0),
    Param("P", -10.0, -20.0, -5.0, 1.0),
)
CHICKEN_TEXT = (
    "Two states in a crisis each choose to **swerve** (back down) or go **straight** (stand "
    "firm). Each state's payoffs: both swerve R = {R}; it swerves while the other goes straight "
    "S = {S}; it goes straight while the other swerves T = {T}; both go straight (war) P = {P}. "
)


def _mixed(game):
    from ...solve import solve

    # Chicken and the Stag Hunt (strict orderings) have exactly one fully mixed equilibrium
    return next(e for e in solve(game) if not e.is_pure)


def chicken_straight(R, S, T, P):
    from ...games.classic import chicken

    return float(_mixed(chicken(R=R, S=S, T=T, P=P)).row[1])


def chicken_crash(R, S, T, P):
    from ...games.classic import chicken

    e = _mixed(chicken(R=R, S=S, T=T, P=P))
    return float(e.row[1] * e.col[1])


def _worked_chicken_mixed(p, q):
    R, S, T, P = p["R"], p["S"], p["T"], p["P"]
    return (
        f"Let q be the probability that the *other* state goes straight. Swerving pays "
        f"(1 − q)·R + q·S = (1 − q)·{_p(R)} + q·{_p(S)}; going straight pays "
        f"(1 − q)·T + q·P = (1 − q)·{_p(T)} + q·{_p(P)}.\n\n"
        "A state mixes only if it is indifferent between the two, so q solves "
        "(1 − q)·R + q·S = (1 − q)·T + q·P:\n\n"
        f"q = (T − R) / ((T − R) + (S − P)) = ({_p(T)} − {_p(R)}) / (({_p(T)} − {_p(R)}) + "
        f"({_p(S)} − {_p(P)})) = **{fmt_number(q)}**.\n\n"
        "The game is symmetric, so both states go straight with this probability. "
        "`dt.solve(dt.games.chicken(...))` returns this mixed equilibrium and the two pure ones "
        "in which exactly one state swerves (Osborne 2004, ch. 4)."
    )


def _worked_chicken_crash(p, crash):
    q = chicken_straight(**p)
    return (
        f"In the mixed equilibrium each state goes straight with probability "
        f"q = (T − R)/((T − R) + (S − P)) = {fmt_number(q)}, independently of the other. "
        f"War happens only when both go straight: q·q = {fmt_number(q)}² = "
        f"**{fmt_number(crash)}**.\n\n"
        f"Each state's expected payoff is then (ST − RP)/(T − R + S − P) = "
        f"{fmt_number((p['S'] * p['T'] - p['R'] * p['P']) / (p['T'] - p['R'] + p['S'] - p['P']))}"
        f" — worse than mutual swerving ({fmt_number(p['R'])}): mixing is the price of not "
        "knowing who will back down."
    )


register(
    Exercise(
        id="chicken-mixed",
        title="Chicken: the mixed equilibrium",
        topic=TOPIC,
        difficulty="intro",
        goal="Find a mixed equilibrium from the indifference condition of the other player.",
        statement=CHICKEN_TEXT
        + "Chicken has two pure equilibria and one mixed equilibrium. **In the mixed "
        "equilibrium, with what probability does each state go straight?**",
        params=CHICKEN_PARAMS,
        compute=chicken_straight,
        entries=(Probability("P(straight)"),),
        hint="Each state must be indifferent between swerving and going straight, given the "
        "other's probability of going straight.",
        mistakes=(
            Mistake(
                lambda **p: 1 - chicken_straight(**p),
                "{} is the probability of swerving, not of going straight.",
            ),
            Mistake(chicken_crash, "that is the probability that *both* go straight (war)."),
        ),
        worked=_worked_chicken_mixed,
        model="deterrence.solve(deterrence.games.chicken(...))",
        citation="Osborne 2004, An Introduction to Game Theory, ch. 4",
    )
)

register(
    Exercise(
        id="chicken-crash",
        title="Chicken: the probability of war",
        topic=TOPIC,
        difficulty="intro",
        goal="Combine independent mixed strategies into the probability of an outcome.",
        statement=CHICKEN_TEXT
        + "**In the mixed equilibrium, what is the probability that the crisis ends in war "
        "(both go straight)?**",
        params=CHICKEN_PARAMS,
        compute=chicken_crash,
        entries=(Probability("P(war)"),),
        tolerance=5e-4,
        close=5e-3,
        hint="The states choose independently; war needs both to go straight.",
        mistakes=(
            Mistake(
                chicken_straight,
                "that is the probability that *one* state goes straight; war needs both.",
            ),
        ),
        worked=_worked_chicken_crash,
        model="deterrence.solve(deterrence.games.chicken(...))",
        citation="Osborne 2004, ch. 4; Schelling 1960, The Strategy of Conflict",
    )
)


def asymmetric_chicken(war_row, war_col):
    import numpy as np

    from ...game import Game

    A = np.array([[0.0, -1.0], [1.0, war_row]])
    B = np.array([[0.0, 1.0], [-1.0, war_col]])
    e = _mixed(
        Game(
            A,
            B,
            players=("Row", "Column"),
            strategies=(["swerve", "straight"], ["swerve", "straight"]),
        )
    )
    return float(e.row[1]), float(e.col[1])


register(
    Exercise(
        id="chicken-asymmetric",
        title="Chicken with unequal stakes",
        topic=TOPIC,
        difficulty="core",
        goal="See that a player's mixture is set by the *other* player's payoffs.",
        statement="Chicken between two states that fear war unequally. Both: swerve/swerve 0; "
        "the one that swerves while the other goes straight gets −1, the other +1. War "
        "(both straight) costs the Row state {war_row} and the Column state {war_col}. **In "
        "the mixed equilibrium, with what probabilities do Row and Column go straight?**",
        params=(
            Param("war_row", -10.0, -20.0, -3.0, 1.0),
            Param("war_col", -5.0, -20.0, -3.0, 1.0),
        ),
        valid=lambda war_row, war_col: war_row != war_col,
        compute=asymmetric_chicken,
        entries=(Probability("p_row"), Probability("p_col")),
        order_message="that is the other player's probability: each state's mixture makes the "
        "*other* indifferent, so Row's probability of going straight comes from Column's "
        "payoffs. Give (p_row, p_col).",
        hint="Row's mixture must make Column indifferent between swerving and going straight.",
        mistakes=(
            Mistake(
                lambda war_row, war_col: tuple(1 - x for x in asymmetric_chicken(war_row, war_col)),
                "these are the probabilities of swerving, not of going straight.",
            ),
        ),
        worked=lambda p, a: (
            "Let q be Row's probability of going straight. Column's swerve pays "
            "(1 − q)·0 + q·(−1) = −q; going straight pays (1 − q)·1 + q·war_col. Column is "
            f"indifferent when q·war_col = −1: q = 1/(−war_col) = 1/{_p(-p['war_col'])} = "
            f"**{fmt_number(a[0])}**. Symmetrically Column goes straight with "
            f"1/(−war_row) = **{fmt_number(a[1])}**. Each mixture keeps the *other* state "
            "indifferent: the state that fears war more needs a smaller chance of war to be "
            "indifferent, so its rival goes straight less often."
        ),
        model="deterrence.solve(deterrence.Game(A, B))",
        citation="Osborne 2004, ch. 4",
    )
)


def stag_probability(R, T, P, S):
    from ...games.classic import stag_hunt

    return float(_mixed(stag_hunt(R=R, T=T, P=P, S=S)).row[0])


register(
    Exercise(
        id="stag-hunt-mixed",
        title="The Stag Hunt: the mixed equilibrium",
        topic=TOPIC,
        difficulty="intro",
        goal="Read a coordination game's mixed equilibrium as a tipping point of beliefs.",
        statement="Two allies each hunt the **stag** (join a risky coalition) or a **hare** "
        "(go it alone). Both stag R = {R}; hare against stag T = {T}; both hare P = {P}; stag "
        "against hare S = {S}. **In the mixed equilibrium, with what probability does each "
        "hunt the stag?**",
        params=(
            Param("R", 4.0, 4.0, 8.0, 1.0),
            Param("T", 3.0, 2.0, 5.0, 1.0),
            Param("P", 2.0, 1.0, 3.0, 1.0),
            Param("S", 0.0),
        ),
        valid=lambda R, T, P, S: R > T >= P > S,
        compute=stag_probability,
        entries=(Probability("P(stag)"),),
        hint="Hunting the stag and the hare must pay the same against the other's mixture.",
        mistakes=(
            Mistake(
                lambda **p: 1 - stag_probability(**p),
                "{} is the probability of hunting the hare.",
            ),
        ),
        worked=lambda p, x: (
            "If the other hunts the stag with probability x: stag pays x·R + (1 − x)·S, hare "
            "pays x·T + (1 − x)·P. Equal when x = (P − S)/((R − T) + (P − S)) = "
            f"({_p(p['P'])} − {_p(p['S'])})/(({_p(p['R'])} − {_p(p['T'])}) + ({_p(p['P'])} − "
            f"{_p(p['S'])})) = **{fmt_number(x)}**: believe the other hunts the stag more "
            "often than this, and you should too."
        ),
        model="deterrence.solve(deterrence.games.stag_hunt(...))",
        citation="Skyrms 2004, The Stag Hunt and the Evolution of Social Structure",
    )
)
