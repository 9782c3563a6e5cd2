"""Repeated games: grim trigger, tit for tat, generosity and the equilibrium of violence.

Friedman (1971), *Review of Economic Studies* 38(1); Axelrod (1984), *The Evolution of
Cooperation*, ch. 3; Molander (1985), *JCR* 29(4); Sobelman (2017), "Learning to Deter",
*International Security* 41(3).
"""

from __future__ import annotations

from ...errors import ParameterError
from ..answers import Number, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "repeated games"

PD_PARAMS = (
    Param("T", 5.0, 4.0, 8.0, 1.0),
    Param("R", 3.0, 2.0, 4.0, 1.0),
    Param("P", 1.0, 1.0, 2.0, 1.0),
    Param("S", 0.0),
)
PD_VALID = lambda T, R, P, S: T > R > P > S and 2 * R > T + S  # noqa: E731


def Delta(name="δ*"):  # noqa: N802
    return Number(name, 0.0, 1.0, what="a discount factor")


def grim(T, R, P, S):
    from ...games.repeated import grim_trigger_threshold

    return grim_trigger_threshold(T=T, R=R, P=P, S=S)


def tft(T, R, P, S):
    from ...games.repeated import tft_threshold

    return tft_threshold(T=T, R=R, P=P, S=S)


def gtft(T, R, P, S):
    from ...games.repeated import generous_tft_forgiveness

    return generous_tft_forgiveness(T=T, R=R, P=P, S=S)


def violence(exchange, deviation, war):
    from ...games.repeated import violence_equilibrium_threshold

    return violence_equilibrium_threshold(exchange, deviation, war)


def shock_interval(exchange, deviation_before, deviation_after, war):
    from ...games.repeated import shock_breaks

    if not deviation_after > deviation_before:
        raise ParameterError(
            f"a shock raises the escalation payoff: deviation_after ({deviation_after:g}) must "
            f"exceed deviation_before ({deviation_before:g})."
        )
    # δ = 0 only picks the discount factor at which `breaks` is read; the thresholds are all
    # this exercise needs
    out = shock_breaks(0.0, exchange, deviation_before, deviation_after, war)
    return out.threshold_before, out.threshold_after


PD_TEXT = (
    "Two rivals play the Prisoner's Dilemma every round, with payoffs T = {T} (defect against "
    "a cooperator), R = {R} (both cooperate), P = {P} (both defect), S = {S} (cooperate "
    "against a defector), and discount factor δ per round. "
)

register(
    Exercise(
        id="grim-trigger",
        title="Repeated Prisoner's Dilemma: grim trigger",
        topic=TOPIC,
        difficulty="intro",
        goal="Compare a one-shot gain with a discounted stream of punishment.",
        statement=PD_TEXT + "Each plays *grim trigger*: cooperate until the other defects, then "
        "defect for ever. **What is the smallest δ at which grim trigger is a subgame-perfect "
        "equilibrium?**",
        params=PD_PARAMS,
        valid=PD_VALID,
        compute=grim,
        entries=(Delta(),),
        hint="Compare cooperating for ever with defecting once and being punished for ever "
        "after; sum the discounted payoffs.",
        mistakes=(
            Mistake(
                lambda T, R, P, S: (T - R) / (R - S),
                "that is (T − R)/(R − S), the condition against alternating defection that "
                "matters for tit for tat, not for grim trigger.",
            ),
        ),
        worked=lambda p, delta: (
            f"Cooperating forever pays R/(1 − δ) = {_p(p['R'])}/(1 − δ). Defecting once pays T "
            f"now and P forever after (grim trigger never forgives): {_p(p['T'])} + "
            f"δ·{_p(p['P'])}/(1 − δ).\n\n"
            "Cooperation is an equilibrium iff R/(1 − δ) ≥ T + δ·P/(1 − δ), i.e. "
            "R ≥ (1 − δ)·T + δ·P:\n\n"
            f"δ ≥ (T − R)/(T − P) = ({_p(p['T'])} − {_p(p['R'])})/({_p(p['T'])} − "
            f"{_p(p['P'])}) = **{fmt_number(delta)}**.\n\n(Friedman 1971; Osborne 2004, ch. 14.)"
        ),
        model="deterrence.games.repeated.grim_trigger_threshold",
        citation="Friedman 1971, Review of Economic Studies 38(1); Osborne 2004, ch. 14",
    )
)


def _worked_tft(p, delta):
    T, R, P, S = p["T"], p["R"], p["P"], p["S"]
    d1, d2 = (T - R) / (T - P), (T - R) / (R - S)
    return (
        "Against TIT FOR TAT two deviations matter (Axelrod 1984, ch. 3, Proposition 2):\n\n"
        f"1. *Defect forever*: T then P forever; resisted iff δ ≥ (T − R)/(T − P) = "
        f"({_p(T)} − {_p(R)})/({_p(T)} − {_p(P)}) = {fmt_number(d1)}.\n"
        f"2. *Alternate* D, C, D, C, …: T, S, T, S, … pays T/(1 − δ²) + δ·S/(1 − δ²); resisted "
        f"iff δ ≥ (T − R)/(R − S) = ({_p(T)} − {_p(R)})/({_p(R)} − {_p(S)}) = "
        f"{fmt_number(d2)}.\n\n"
        f"TFT is collectively stable iff both hold: δ ≥ max({fmt_number(d1)}, "
        f"{fmt_number(d2)}) = **{fmt_number(delta)}**. TFT forgives after one round, so it "
        "needs more patience than grim trigger."
    )


register(
    Exercise(
        id="tit-for-tat",
        title="Repeated Prisoner's Dilemma: tit for tat",
        topic=TOPIC,
        difficulty="core",
        goal="Check every profitable deviation, not only the obvious one.",
        statement="Same Prisoner's Dilemma: T = {T}, R = {R}, P = {P}, S = {S}. Now both play "
        "*tit for tat*: cooperate first, then copy the other's last move. **What is the "
        "smallest δ at which tit for tat is collectively stable (no deviation pays)?**",
        params=PD_PARAMS,
        valid=lambda T, R, P, S: PD_VALID(T, R, P, S) and (T - R) / (R - S) != (T - R) / (T - P),
        compute=tft,
        entries=(Delta(),),
        hint="Two deviations matter against tit for tat: defecting for ever, and alternating "
        "D, C, D, C, … (tit for tat forgives after one round).",
        mistakes=(
            Mistake(
                grim,
                "that is the grim-trigger threshold (T − R)/(T − P): it stops permanent "
                "defection, but against tit for tat alternating D, C, D, C, … can still pay.",
            ),
        ),
        worked=_worked_tft,
        model="deterrence.games.repeated.tft_threshold",
        citation="Axelrod 1984, The Evolution of Cooperation, ch. 3, Proposition 2",
    )
)

register(
    Exercise(
        id="generous-tft",
        title="Generous tit for tat: how forgiving?",
        topic=TOPIC,
        difficulty="advanced",
        goal="See how much forgiveness a reciprocal strategy can afford.",
        statement=PD_TEXT + "*Generous* tit for tat cooperates after the other's defection with "
        "probability g. Molander's bound: g may be as large as g* = min(1 − (T − R)/(R − S), "
        "(R − P)/(T − P)) and still deter exploitation. **Compute g*.**",
        params=PD_PARAMS,
        valid=PD_VALID,
        compute=gtft,
        entries=(Probability("g*"),),
        hint="Compute both terms and take the smaller.",
        mistakes=(
            Mistake(
                lambda T, R, P, S: max(1 - (T - R) / (R - S), (R - P) / (T - P)),
                "that is the larger of the two terms; the bound is their minimum.",
            ),
        ),
        worked=lambda p, g: (
            f"1 − (T − R)/(R − S) = 1 − ({_p(p['T'])} − {_p(p['R'])})/({_p(p['R'])} − "
            f"{_p(p['S'])}) = {fmt_number(1 - (p['T'] - p['R']) / (p['R'] - p['S']))}; "
            f"(R − P)/(T − P) = {fmt_number((p['R'] - p['P']) / (p['T'] - p['P']))}; "
            f"g* = **{fmt_number(g)}** (Molander 1985)."
        ),
        model="deterrence.games.repeated.generous_tft_forgiveness",
        citation="Molander 1985, The Optimal Level of Generosity in a Selfish, Uncertain "
        "Environment, JCR 29(4)",
    )
)

VIOLENCE_TEXT = (
    "Two adversaries trade calibrated blows across a border, round after round (the "
    '"equilibrium of violence" of a contested border). Per round: the calibrated exchange pays '
    "u_E = {exchange}; escalating pays u_D = {deviation} once, after which the sides are at "
    "war, u_P = {war} per round, for ever. Each side discounts the next round by δ. "
)

register(
    Exercise(
        id="violence-threshold",
        title="The equilibrium of violence",
        topic=TOPIC,
        difficulty="intro",
        goal="Apply the folk-theorem logic to limited, calibrated violence.",
        statement=VIOLENCE_TEXT
        + "**What is the smallest δ at which the calibrated exchange is an equilibrium?**",
        params=(
            Param("exchange", 0.0, -1.0, 0.0, 1.0),
            Param("deviation", 2.0, 1.0, 4.0, 1.0),
            Param("war", -8.0, -12.0, -4.0, 1.0),
        ),
        compute=violence,
        entries=(Delta(),),
        hint="Compare u_E every round with u_D once followed by u_P every round; solve for δ.",
        mistakes=(
            Mistake(
                lambda exchange, deviation, war: 1 - violence(exchange, deviation, war),
                "that is 1 − δ*: check which side of the inequality the future (war) is on.",
            ),
        ),
        worked=lambda p, delta: (
            f"Keeping to calibrated exchanges pays u_E/(1 − δ) = {_p(p['exchange'])}/(1 − δ). "
            f"Escalating pays u_D = {fmt_number(p['deviation'])} once and war, u_P = "
            f"{fmt_number(p['war'])} per round, ever after.\n\n"
            "The exchange is an equilibrium iff u_E/(1 − δ) ≥ u_D + δ·u_P/(1 − δ), i.e.\n\n"
            f"δ ≥ δ* = (u_D − u_E)/(u_D − u_P) = ({_p(p['deviation'])} − {_p(p['exchange'])})/"
            f"({_p(p['deviation'])} − {_p(p['war'])}) = **{fmt_number(delta)}**.\n\n"
            'The threat of war sustains the "rules of the game" only for sides that weigh the '
            "future enough (cf. Sobelman 2017 on Israel and Hezbollah)."
        ),
        model="deterrence.games.repeated.violence_equilibrium_threshold",
        citation="Sobelman 2017, Learning to Deter, International Security 41(3)",
    )
)

register(
    Exercise(
        id="violence-shock",
        title="A shock to the equilibrium of violence",
        topic=TOPIC,
        difficulty="core",
        goal="Read a comparative static as an interval of discount factors.",
        statement=VIOLENCE_TEXT.replace("{deviation}", "{deviation_before}")
        + "A shock (a new weapon, a decapitation strike, an election) raises the one-round "
        "payoff of escalating from u_D = {deviation_before} to {deviation_after}. **For which "
        "discount factors δ did the exchange hold before the shock but not after it? Give the "
        "interval's ends (low, high).**",
        params=(
            Param("exchange", 0.0),
            Param("deviation_before", 2.0, 1.0, 3.0, 1.0),
            Param("deviation_after", 4.0, 3.0, 6.0, 1.0),
            Param("war", -8.0, -12.0, -4.0, 1.0),
        ),
        valid=lambda exchange, deviation_before, deviation_after, war: (
            deviation_after > deviation_before
        ),
        compute=shock_interval,
        entries=(Delta("low"), Delta("high")),
        hint="Compute the threshold δ* = (u_D − u_E)/(u_D − u_P) before and after the shock.",
        worked=lambda p, iv: (
            "The threshold is δ* = (u_D − u_E)/(u_D − u_P). Before the shock: "
            f"({_p(p['deviation_before'])} − {_p(p['exchange'])})/({_p(p['deviation_before'])} "
            f"− {_p(p['war'])}) = {fmt_number(iv[0])}. After it: ({_p(p['deviation_after'])} − "
            f"{_p(p['exchange'])})/({_p(p['deviation_after'])} − {_p(p['war'])}) = "
            f"{fmt_number(iv[1])}.\n\nThe shock breaks the equilibrium of violence for every δ "
            f"in **[{fmt_number(iv[0])}, {fmt_number(iv[1])})**: sides that were patient "
            "enough before are not patient enough now (`dt.games.repeated.shock_breaks`)."
        ),
        model="deterrence.games.repeated.shock_breaks",
        citation="Sobelman 2017, International Security 41(3)",
    )
)
