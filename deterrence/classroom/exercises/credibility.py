"""Credibility and subgame perfection: the deterrence games of Zagare & Kilgour.

Zagare & Kilgour (2000), *Perfect Deterrence*, Cambridge University Press, ch. 3, 6 and App. 8;
Kilgour & Zagare (1991), "Credibility, Uncertainty, and Deterrence", *AJPS* 35(2); Zagare &
Kilgour (1995), "Asymmetric Deterrence", *World Politics* 47(3).
"""

from __future__ import annotations

from ...errors import ParameterError
from ..answers import Choice, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "credibility and SPE"
ZK = "Zagare & Kilgour 2000, Perfect Deterrence, ch. 3"

GENERIC_PARAMS = (
    Param("challenger_sq", 0.0),
    Param("challenger_dc", 1.0, 1.0, 3.0, 1.0),
    Param("challenger_dd", -1.0, -3.0, 0.5, 0.5),
    Param("defender_sq", 1.0),
    Param("defender_dc", -1.0, -2.0, 0.0, 0.5),
    Param("defender_dd", -2.0, -3.0, 0.0, 0.5),
)
GENERIC_TEXT = (
    "A Challenger cooperates (status quo, **SQ**) or makes a demand. If challenged, the "
    "Defender concedes (**DC**: the Challenger wins) or denies (**DD**: conflict). The "
    "Challenger's utilities: SQ {challenger_sq}, DC {challenger_dc}, DD {challenger_dd}. The "
    "Defender's: SQ {defender_sq}, DC {defender_dc}, DD {defender_dd}. "
)


def _utilities(p, who):
    return tuple(p[f"{who}_{o}"] for o in ("sq", "dc", "dd"))


def _generic(**p):
    from ...models.perfect import generic_deterrence_outcome

    return generic_deterrence_outcome(_utilities(p, "challenger"), _utilities(p, "defender"))


def spe_plan(**p):
    o = _generic(**p)
    return ("cooperate" if o.outcome == "SQ" else "demand", "deny" if o.credible else "concede")


def _worked_plan(p, plan):
    o = _generic(**p)
    c, d = _utilities(p, "challenger"), _utilities(p, "defender")
    step1 = (
        f"**Defender, after a demand.** Deny gives DD ({fmt_number(d[2])}), concede gives DC "
        f"({fmt_number(d[1])}). "
        + (
            "It prefers to deny: the threat is **credible**."
            if o.credible
            else "It prefers to concede (or is indifferent): the threat is **not credible**."
        )
    )
    if o.credible:
        step2 = (
            f"**Challenger.** Anticipating a denial, it compares SQ ({fmt_number(c[0])}) with "
            f"DD ({fmt_number(c[2])}). "
            + (
                "It prefers the status quo: the threat is **capable** and deters."
                if o.capable
                else "It prefers conflict: the threat is credible but **not capable**."
            )
        )
    else:
        step2 = (
            f"**Challenger.** Anticipating a concession, it compares SQ ({fmt_number(c[0])}) "
            f"with DC ({fmt_number(c[1])}) and demands. Capability "
            f"(u_Ch(SQ) > u_Ch(DD): {'yes' if o.capable else 'no'}) does not help a threat that "
            "would not be carried out."
        )
    return (
        f"Backward induction ({ZK}).\n\n{step1}\n\n{step2}\n\n"
        f"Subgame-perfect plan: **{plan}**, outcome {o.outcome}. Deterrence succeeds (SQ) iff "
        "the threat is both credible and capable."
    )


register(
    Exercise(
        id="deterrence-outcome",
        title="The Generic Deterrence Game: credibility",
        topic=TOPIC,
        difficulty="intro",
        goal="Solve a two-move game by backward induction; tell a credible threat from a "
        "capable one.",
        statement=GENERIC_TEXT + "**Give the subgame-perfect plan: the Challenger's move "
        "('cooperate' or 'demand') and the Defender's reply if challenged ('concede' or "
        "'deny').**",
        params=GENERIC_PARAMS,
        valid=lambda **p: p["defender_dd"] != p["defender_dc"] and p["challenger_dd"] != 0,
        compute=spe_plan,
        entries=(
            Choice(
                "challenger", ("cooperate", "demand"), {"sq": "cooperate", "challenge": "demand"}
            ),
            Choice(
                "defender", ("concede", "deny"), {"dc": "concede", "dd": "deny", "resist": "deny"}
            ),
        ),
        order_message="you swapped the order: give the Challenger's move first, then the "
        "Defender's reply: (challenger, defender).",
        hint="Solve backwards: would the Defender really deny once challenged? Compare its DD "
        "with its DC, then let the Challenger anticipate that.",
        mistakes=(
            Mistake(
                lambda **p: ("cooperate", "deny"),
                "the threat may hurt the Challenger (capability), but would the Defender carry "
                "it out? A threat must also be credible: compare the Defender's DD and DC.",
            ),
        ),
        worked=_worked_plan,
        model="deterrence.models.perfect.generic_deterrence_outcome",
        citation=ZK,
    )
)


def deny_minimum(**p):
    from ...games.classic import deterrence_game
    from ...solve import solve

    eqs = solve(deterrence_game(**p))
    # the status-quo component: the Challenger cooperates, the Defender's unreached plan varies
    ys = [float(e.col[1]) for e in eqs if e.row[0] > 1 - 1e-9]
    if not ys:
        raise ParameterError(
            "with these payoffs the status quo is not an equilibrium of the normal form; the "
            "Challenger must prefer the status quo to conflict (challenger_sq > challenger_dd)."
        )
    return min(ys)


def _worked_deny_minimum(p, y):
    sq, dc, dd = _utilities(p, "challenger")
    return (
        "In the normal form the Defender's strategy is a plan (concede or deny *if* challenged); "
        "let y be the probability of deny. Cooperating pays the Challenger "
        f"u_Ch(SQ) = {fmt_number(sq)}; demanding pays (1 − y)·u_Ch(DC) + y·u_Ch(DD) = "
        f"(1 − y)·{_p(dc)} + y·{_p(dd)}.\n\n"
        "Cooperating is a best reply iff u_Ch(SQ) ≥ (1 − y)·u_Ch(DC) + y·u_Ch(DD), i.e.\n\n"
        f"y ≥ (u_Ch(DC) − u_Ch(SQ)) / (u_Ch(DC) − u_Ch(DD)) = ({_p(dc)} − {_p(sq)}) / "
        f"({_p(dc)} − {_p(dd)}) = **{fmt_number(y)}**.\n\n"
        "Against cooperation the Defender's plan is never carried out, so it is indifferent "
        f"between all of them: every y in [{fmt_number(y)}, 1] is an equilibrium. The game is "
        "*degenerate* and the status quo is a whole segment of equilibria; `dt.solve` reports "
        f"its two extreme points (y = {fmt_number(y)} and y = 1) as one component "
        "(nashpy's support enumeration returns only y = 1)."
    )


register(
    Exercise(
        id="deterrence-normal-form",
        title="The deterrence game in normal form: a continuum of equilibria",
        topic=TOPIC,
        difficulty="core",
        goal="See why the normal form keeps non-credible threats: a segment of equilibria.",
        statement="Take the Generic Deterrence Game with the Challenger's utilities SQ "
        "{challenger_sq}, DC {challenger_dc}, DD {challenger_dd} and the Defender's SQ "
        "{defender_sq}, DC {defender_dc}, DD {defender_dd}, and write it in normal form: rows "
        "*cooperate* / *demand*, columns *concede* / *deny* (the Defender's plan if "
        "challenged). Let y be the probability that the Defender plans to deny. The status quo "
        "(the Challenger cooperates) is a Nash equilibrium for every y at or above some "
        "y_min. **Find y_min.**",
        params=(
            Param("challenger_sq", 0.0),
            Param("challenger_dc", 1.0, 1.0, 3.0, 1.0),
            Param("challenger_dd", -1.0, -4.0, -1.0, 1.0),
            Param("defender_sq", 1.0),
            Param("defender_dc", -1.0),
            Param("defender_dd", -0.5),
        ),
        compute=deny_minimum,
        entries=(Probability("y_min"),),
        hint="Cooperating must be a best reply for the Challenger: compare its status-quo "
        "payoff with the expected payoff of demanding when the Defender denies with "
        "probability y.",
        mistakes=(
            Mistake(
                lambda **p: 1 - deny_minimum(**p),
                "that is the largest probability of *conceding* that still deters, 1 − y_min.",
            ),
        ),
        worked=_worked_deny_minimum,
        model="deterrence.solve(deterrence.games.deterrence_game(...))",
        citation=ZK,
    )
)


def credibility_needed(u_dd, u_sq, u_dc):
    from ...models.perfect import challenge_threshold

    return challenge_threshold(u_dd, u_sq, u_dc)


register(
    Exercise(
        id="deterrence-credibility",
        title="How credible must a threat be?",
        topic=TOPIC,
        difficulty="intro",
        goal="Turn uncertainty about the Defender's type into a credibility threshold.",
        statement="In the Rudimentary Asymmetric Deterrence Game the Defender is *Hard* (denies "
        "a demand) with probability p and *Soft* (concedes) otherwise; the Challenger does not "
        "know which. The Challenger's utilities: conflict aDD = {u_dd}, status quo aSQ = "
        "{u_sq}, the Defender concedes aDC = {u_dc}. **What is the smallest p that deters the "
        "Challenger?**",
        params=(
            Param("u_dd", -3.0, -6.0, -1.0, 1.0),
            Param("u_sq", 0.0),
            Param("u_dc", 1.0, 1.0, 3.0, 1.0),
        ),
        compute=credibility_needed,
        entries=(Probability("p*"),),
        hint="Write the Challenger's expected utility of demanding as a function of p and set "
        "it equal to the status quo.",
        mistakes=(
            Mistake(
                lambda u_dd, u_sq, u_dc: 1 - credibility_needed(u_dd, u_sq, u_dc),
                "that is 1 − p*: the indifference condition is upside down (a Hard Defender "
                "denies, giving aDD).",
            ),
        ),
        worked=lambda p, p_star: (
            "If the Defender is Hard with probability p, demanding pays the Challenger "
            f"p·aDD + (1 − p)·aDC = p·{_p(p['u_dd'])} + (1 − p)·{_p(p['u_dc'])}; cooperating "
            f"pays aSQ = {fmt_number(p['u_sq'])}. It is deterred iff p ≥ p* = (aDC − aSQ)/(aDC "
            f"− aDD) = ({_p(p['u_dc'])} − {_p(p['u_sq'])})/({_p(p['u_dc'])} − {_p(p['u_dd'])}) "
            f"= **{fmt_number(p_star)}**. A costlier conflict (lower aDD) lowers the "
            "credibility needed to deter (Zagare & Kilgour 2000, sect. 3.4)."
        ),
        model="deterrence.models.perfect.challenge_threshold",
        citation="Zagare & Kilgour 2000, Perfect Deterrence, sect. 3.4",
    )
)


def mutual_thresholds(u_win, u_sq, u_dd_hard, u_dd_soft):
    from ...models.perfect import mutual_deterrence_thresholds

    c = mutual_deterrence_thresholds(u_win, u_sq, u_dd_hard, u_dd_soft)
    return float(c.hard), float(c.soft)


register(
    Exercise(
        id="mutual-deterrence",
        title="Mutual deterrence: which type is harder to deter?",
        topic=TOPIC,
        difficulty="core",
        goal="Compute type-dependent deterrence thresholds and see that credible threats can "
        "undermine deterrence.",
        statement="In the Mutual Deterrence Game a player gets {u_win} for prevailing, "
        "{u_sq} at the status quo, and in a conflict {u_dd_hard} if it is a *Hard* type "
        "(conflict hurts it less) or {u_dd_soft} if *Soft*. It is deterred from initiating iff "
        "the opponent retaliates with probability at least C = (win − SQ)/(win − conflict) "
        "for its type. **Give (C_hard, C_soft).**",
        params=(
            Param("u_win", 1.0, 1.0, 3.0, 1.0),
            Param("u_sq", 0.0),
            Param("u_dd_hard", -0.5, -2.0, -0.5, 0.5),
            Param("u_dd_soft", -2.0, -6.0, -2.5, 0.5),
        ),
        compute=mutual_thresholds,
        entries=(Probability("C_hard"), Probability("C_soft")),
        order_message="you swapped the types: the Hard type suffers less from conflict, so it "
        "is the *harder* one to deter (C_hard > C_soft). Give (C_hard, C_soft).",
        hint="Use each type's own conflict utility in (win − SQ)/(win − conflict).",
        worked=lambda p, c: (
            f"C_hard = (win − SQ)/(win − conflict_hard) = ({_p(p['u_win'])} − {_p(p['u_sq'])})/"
            f"({_p(p['u_win'])} − {_p(p['u_dd_hard'])}) = **{fmt_number(c[0])}**; C_soft = "
            f"({_p(p['u_win'])} − {_p(p['u_sq'])})/({_p(p['u_win'])} − {_p(p['u_dd_soft'])}) = "
            f"**{fmt_number(c[1])}**. The Hard type, whose own threat is credible, needs the "
            "more credible opposing threat (Kilgour & Zagare 1991)."
        ),
        model="deterrence.models.perfect.mutual_deterrence_thresholds",
        citation="Kilgour & Zagare 1991, Credibility, Uncertainty, and Deterrence, AJPS 35(2)",
    )
)

_ESC_C = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
_ESC_D = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}


def escalation(challenger_type, defender_type):
    from ...models.escalation import escalation_outcome

    r = escalation_outcome(_ESC_C, _ESC_D, challenger_type, defender_type)
    return r.outcome, r.defender_response


register(
    Exercise(
        id="escalation-outcome",
        title="The Asymmetric Escalation Game under complete information",
        topic=TOPIC,
        difficulty="advanced",
        goal="Backward induction on a three-stage escalation tree with player types.",
        statement="In Zagare & Kilgour's Asymmetric Escalation Game a Challenger cooperates or "
        "demands; the Defender concedes (C), responds in kind (D) or escalates (E); the "
        "Challenger may then escalate too. Outcomes: SQ, DC, DD (limited conflict), ED, DE "
        "(one side alone escalated), EE (all-out conflict). The Challenger's utilities: "
        "EE− 0 < DE 1 < EE+ 2 < DD 3 < ED 4 < SQ 5 < DC 6 (a *Hard* Challenger gets EE+ at "
        "EE, a *Soft* one EE−). The Defender's: EE− 0 < ED 1 < EE+ 2 < DD− 3 < DC 4 < DD+ 5 < "
        "DE 6 < SQ 7; its type XY gets DD+ at DD if X = H and EE+ at EE if Y = H. The "
        "Challenger is of type **{challenger_type}**, the Defender of type "
        "**{defender_type}**, and both know it. **Give the subgame-perfect outcome and the "
        "Defender's planned reply to a demand ('C', 'D' or 'E').**",
        params=(
            Param("challenger_type", "H", choices=("H", "S")),
            Param("defender_type", "SH", choices=("HH", "HS", "SH", "SS")),
        ),
        compute=escalation,
        entries=(
            Choice("outcome", ("SQ", "DC", "DD", "ED", "DE", "EE")),
            Choice("reply", ("C", "D", "E"), {"concede": "C", "respond": "D", "escalate": "E"}),
        ),
        tolerance=0.0,
        close=0.0,
        hint="Start at the last move: what does the Challenger do after the Defender "
        "escalates, and after it responds in kind? Then the Defender's reply, then the demand.",
        mistakes=(
            Mistake(
                lambda challenger_type, defender_type: ("DD", "D"),
                "under complete information nobody enters a conflict they can foresee: "
                "conflict needs incomplete information (Kilgour & Zagare 2007).",
            ),
        ),
        worked=lambda p, a: (
            f"Backward induction on the {p['challenger_type']}/{p['defender_type']} tree gives "
            f"the outcome **{a[0]}** with the Defender planning **{a[1]}**. Under complete "
            "information the outcome is always SQ or DC — DC exactly when a Hard Challenger "
            "faces a Defender other than HH (Zagare & Kilgour 2000, ch. 6; Kilgour & Zagare "
            "2007)."
        ),
        model="deterrence.models.escalation.escalation_outcome",
        citation="Zagare & Kilgour 1995, Asymmetric Deterrence, World Politics 47(3); "
        "Kilgour & Zagare 2007, Conflict Management and Peace Science 24(1)",
    )
)


def crisis_choice(reputation_stake, audience_cost):
    from ...games.crisis import best_response_class, response_sizes
    from ...scenario import load_scenario

    s = load_scenario("iran-2024").replace(
        reputation_stake=reputation_stake, audience_cost=audience_cost
    )
    choice = best_response_class(s)["tree"]
    size = response_sizes(s)[choice]
    return choice, float(s.calibrated_response().p_escalation(size))


register(
    Exercise(
        id="crisis-response",
        title="The retaliation crisis: the subgame-perfect response",
        topic=TOPIC,
        difficulty="advanced",
        goal="Read a crisis tree with chance moves: how reputation and audience costs push a "
        "state from restraint to a calibrated or major response.",
        statement="In the bundled retaliation crisis (`s = dt.load_scenario('iran-2024')`) the "
        "attacked state picks a response class — 'restraint', 'calibrated' or 'major' — then "
        "nature draws whether the adversary's tolerance is exceeded, the adversary absorbs or "
        "escalates, and a third party may join. Set the value of not appearing weak to "
        "R̄ = {reputation_stake} and the audience cost of a weak response after a public vow "
        "to a = {audience_cost} (`s.replace(reputation_stake=..., audience_cost=...)`, the other "
        "parameters as in the scenario). **Which response class does backward induction on "
        "the crisis tree choose (`dt.spe(s.crisis_tree())`), and with what probability does the "
        "adversary escalate against it (`s.calibrated_response().p_escalation(size)`, the "
        "class's size from `dt.games.crisis.response_sizes(s)`)? Give (class, P(escalation)).**",
        params=(
            Param("reputation_stake", 1.0, 0.5, 3.0, 0.25),
            Param("audience_cost", 1.0, 0.0, 3.0, 0.25),
        ),
        compute=crisis_choice,
        entries=(
            Choice("response", ("restraint", "calibrated", "major")),
            Probability("P(escalation)"),
        ),
        order_message="you swapped the order: give the response class first, then the "
        "probability of escalation: (response, P(escalation)).",
        hint="A larger stake in not appearing weak (R̄ + a) makes a stronger response worth "
        "more risk of escalation.",
        model="deterrence.games.crisis.best_response_class",
        citation="Schelling 1966, Arms and Influence; Sobelman 2017, International Security 41(3)",
    )
)
