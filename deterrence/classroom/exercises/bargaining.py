"""Bargaining and war: Fearon's bargaining range, the risk-return trade-off, attrition and
tied hands.

Fearon (1995), "Rationalist Explanations for War", *IO* 49(3); Fearon (1994), *APSR* 88(3);
Fearon (1997), *JCR* 41(1); Maynard Smith (1974), *Journal of Theoretical Biology* 47.
"""

from __future__ import annotations

from ..answers import Number, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "bargaining"


def brange(p, cost_a, cost_b):
    from ...models.bargaining import bargaining_range

    low, high = bargaining_range(p, cost_a, cost_b)
    return float(low), float(high)


register(
    Exercise(
        id="bargaining-range",
        title="Fearon's bargaining range",
        topic=TOPIC,
        difficulty="intro",
        goal="See why costly war leaves deals both sides prefer.",
        statement="Two states dispute an issue worth 1 (x is A's share). A would win a war with "
        "probability p = {p}; war costs A c_A = {cost_a} and B c_B = {cost_b} (in shares of "
        "the issue). **Give the range of splits (low, high) that both prefer to war.**",
        params=(
            Param("p", 0.6, 0.3, 0.7, 0.05),
            Param("cost_a", 0.1, 0.05, 0.25, 0.05),
            Param("cost_b", 0.15, 0.05, 0.25, 0.05),
        ),
        valid=lambda p, cost_a, cost_b: cost_a != cost_b,
        compute=brange,
        entries=(
            Number("low", -1.0, 2.0, what="a share of the issue"),
            Number("high", -1.0, 2.0, what="a share of the issue"),
        ),
        hint="A accepts x ≥ its war payoff p − c_A; B accepts 1 − x ≥ its war payoff 1 − p − c_B.",
        mistakes=(
            Mistake(
                lambda p, cost_a, cost_b: (p - cost_b, p + cost_a),
                "you swapped the costs: A's cost lowers the least A accepts (p − c_A), B's cost "
                "raises the most B concedes (p + c_B).",
            ),
        ),
        worked=lambda p, r: (
            f"A's war payoff is p − c_A = {_p(p['p'])} − {_p(p['cost_a'])}; B's is 1 − p − c_B, "
            f"so B accepts any x ≤ p + c_B = {_p(p['p'])} + {_p(p['cost_b'])}. Range: "
            f"**({fmt_number(r[0])}, {fmt_number(r[1])})**, of width c_A + c_B (Fearon 1995)."
        ),
        model="deterrence.models.bargaining.bargaining_range",
        citation="Fearon 1995, Rationalist Explanations for War, International Organization 49(3)",
    )
)


def riskret(p, cost_a_max, cost_b):
    from ...models.bargaining import risk_return

    r = risk_return(p, cost_a_max, cost_b)
    return r.offer, r.war_probability


register(
    Exercise(
        id="risk-return",
        title="The risk-return trade-off",
        topic=TOPIC,
        difficulty="advanced",
        goal="Private information makes war a gamble the proposer may rationally take.",
        statement="B makes A a take-it-or-leave-it offer x. A wins a war with probability p = "
        "{p}; A's cost of war is private, uniform on [0, {cost_a_max}]; B's is c_B = {cost_b}. "
        "A accepts iff x ≥ p − c_A. B's optimal concession is z* = (c_max − c_B)/2 below p. "
        "**Give (B's optimal offer x*, the probability of war).**",
        params=(
            Param("p", 0.5, 0.4, 0.7, 0.05),
            Param("cost_a_max", 0.3, 0.2, 0.4, 0.05),
            Param("cost_b", 0.1, 0.0, 0.15, 0.05),
        ),
        valid=lambda p, cost_a_max, cost_b: cost_b > 0,
        compute=riskret,
        entries=(
            Number("offer", 0.0, 1.0, what="a share of the issue"),
            Probability("P(war)"),
        ),
        order_message="you swapped the order: give the offer first, then the probability of "
        "war: (offer, P(war)).",
        hint="A rejects iff c_A < p − x = z; with c_A uniform on [0, c_max], P(war) = z/c_max.",
        worked=lambda p, a: (
            f"z* = (c_max − c_B)/2 = ({_p(p['cost_a_max'])} − {_p(p['cost_b'])})/2; x* = p − z* "
            f"= **{fmt_number(a[0])}**; P(war) = z*/c_max = **{fmt_number(a[1])}** (Fearon "
            "1995: offering less buys a larger share at a higher risk of war)."
        ),
        model="deterrence.models.bargaining.risk_return",
        citation="Fearon 1995, International Organization 49(3)",
    )
)


def attrition(prize, flow_cost):
    from ...models.bargaining import war_of_attrition

    e = war_of_attrition(prize, flow_cost)
    return float(e.hazard), float(e.expected_duration)


register(
    Exercise(
        id="war-of-attrition",
        title="The war of attrition",
        topic=TOPIC,
        difficulty="core",
        goal="A mixed equilibrium in continuous time: the quitting rate that keeps the other "
        "indifferent.",
        statement="Two sides wait at a cost c = {flow_cost} per week each; the first to quit "
        "leaves the prize V = {prize} to the other. In the symmetric equilibrium each quits "
        "at a constant hazard λ. **Give (λ per week, the expected duration in weeks).**",
        params=(
            Param("prize", 10.0, 4.0, 20.0, 2.0),
            Param("flow_cost", 1.0, 0.5, 2.0, 0.5),
        ),
        compute=attrition,
        entries=(
            Number("hazard", 0.0, what="a rate (per week)"),
            Number("duration", 0.0, what="a duration (weeks)"),
        ),
        tolerance=5e-3,
        close=0.05,
        rtol=0.005,
        order_message="you swapped the order: give the hazard first, then the duration: "
        "(hazard, duration).",
        hint="Waiting a moment longer costs c·dt and wins V with probability λ·dt; the contest "
        "ends at the first of *two* quits.",
        mistakes=(
            Mistake(
                lambda prize, flow_cost: (flow_cost / prize, prize / flow_cost),
                "the hazard is right, but the contest ends at the first of two quits, each at "
                "rate λ: the duration is 1/(2λ).",
            ),
        ),
        worked=lambda p, a: (
            f"Indifference: λ·V = c, so λ = c/V = {_p(p['flow_cost'])}/{_p(p['prize'])} = "
            f"**{fmt_number(a[0])}** per week; the first of two quits comes at rate 2λ, so the "
            f"expected duration is 1/(2λ) = **{fmt_number(a[1])}** weeks (Maynard Smith 1974)."
        ),
        model="deterrence.models.bargaining.war_of_attrition",
        citation="Maynard Smith 1974, Journal of Theoretical Biology 47; Fearon 1994, APSR 88(3)",
    )
)


def tied(value_high, war_cost, commitment_cost):
    from scipy import stats

    from ...models.bargaining import hand_tying

    return hand_tying(stats.uniform(0, value_high), war_cost, commitment_cost)


register(
    Exercise(
        id="hand-tying",
        title="Tying hands: audience costs make threats credible",
        topic=TOPIC,
        difficulty="core",
        goal="See how a public commitment changes the probability of fighting.",
        statement="A leader's value of war v is private, uniform on [0, {value_high}]; war costs "
        "it c = {war_cost}. After a public commitment, backing down costs it a = "
        "{commitment_cost}. It fights iff v − c ≥ −a. **What is the probability that it "
        "fights?**",
        params=(
            Param("value_high", 10.0, 6.0, 12.0, 2.0),
            Param("war_cost", 5.0, 3.0, 6.0, 1.0),
            Param("commitment_cost", 2.0, 0.0, 3.0, 1.0),
        ),
        valid=lambda value_high, war_cost, commitment_cost: war_cost > commitment_cost,
        compute=tied,
        entries=(Probability("P(fight)"),),
        hint="P(v ≥ c − a) for v uniform on [0, V] is 1 − (c − a)/V.",
        mistakes=(
            Mistake(
                lambda value_high, war_cost, commitment_cost: 1 - war_cost / value_high,
                "that leaves out the audience cost: backing down now costs a, so the leader "
                "fights whenever v ≥ c − a.",
            ),
        ),
        worked=lambda p, x: (
            f"P(v ≥ c − a) = 1 − (c − a)/V = 1 − ({_p(p['war_cost'])} − "
            f"{_p(p['commitment_cost'])})/{_p(p['value_high'])} = **{fmt_number(x)}** (Fearon "
            "1997)."
        ),
        model="deterrence.models.bargaining.hand_tying",
        citation="Fearon 1997, Signaling Foreign Policy Interests, JCR 41(1)",
    )
)
