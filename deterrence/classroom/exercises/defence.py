"""Missile defence: leakage, saturation and the salvo exchange.

Wilkening (2000), "A Simple Model for Calculating Ballistic Missile Defense Effectiveness",
*Science & Global Security* 8(2); Hughes (1995), "A Salvo Model of Warships in Missile
Combat", *Naval Research Logistics* 42(2).
"""

from __future__ import annotations

from ..answers import Number, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "missile defence"


def leak(reliability, p_kill, shots):
    from ...models.defense import leak_probability

    return leak_probability(reliability, p_kill, int(shots))


register(
    Exercise(
        id="leak-probability",
        title="Missile defence: the leak probability",
        topic=TOPIC,
        difficulty="intro",
        goal="Chain independent events: reliability and every interceptor shot.",
        statement="A launched missile reaches its target area with probability r = "
        "{reliability}. The defence fires s = {shots} interceptor(s) at it, each killing it "
        "with probability P_k = {p_kill}, independently. **What is the probability that it "
        "leaks through?**",
        params=(
            Param("reliability", 0.9, 0.6, 1.0, 0.05),
            Param("p_kill", 0.9, 0.5, 0.95, 0.05),
            Param("shots", 1, choices=(1, 2, 3)),
        ),
        compute=leak,
        entries=(Probability("q"),),
        tolerance=5e-4,
        close=5e-3,
        hint="It leaks if it flies *and* survives every shot: multiply the probabilities.",
        mistakes=(
            Mistake(
                lambda reliability, p_kill, shots: reliability * p_kill**shots,
                "that is the probability that it flies and *every interceptor hits*; a leaker "
                "survives each shot, with probability 1 − P_k.",
            ),
            Mistake(
                lambda reliability, p_kill, shots: (1 - p_kill) ** shots,
                "you left out the launch reliability r.",
            ),
        ),
        worked=lambda p, q: (
            f"q = r·(1 − P_k)^s = {_p(p['reliability'])}·(1 − {_p(p['p_kill'])})^"
            f"{int(p['shots'])} = **{fmt_number(q)}**."
        ),
        model="deterrence.models.defense.leak_probability",
        citation="Wilkening 2000, Science & Global Security 8(2)",
    )
)


def launches(k, p, q):
    from ...models.defense import launches_needed

    return launches_needed(int(k), p, q)


register(
    Exercise(
        id="launches-needed",
        title="Saturation: how many launches?",
        topic=TOPIC,
        difficulty="core",
        goal="Invert a binomial tail: the smallest salvo that makes a hit likely enough.",
        statement="Each launched missile leaks through the defence with probability q = {q}, "
        "independently. **What is the smallest number of launches n such that at least k = {k} "
        "missile(s) leak with probability at least p = {p}?**",
        params=(
            Param("k", 1, choices=(1, 2, 3)),
            Param("p", 0.9, 0.5, 0.95, 0.05),
            Param("q", 0.1, 0.05, 0.3, 0.05),
        ),
        compute=launches,
        entries=(Number("n", 0.0, integer=True, what="a number of launches"),),
        tolerance=0.0,
        close=1.0,
        hint="For k = 1: P(at least one leaks) = 1 − (1 − q)^n; for k > 1 sum the binomial "
        "probabilities of 0 … k − 1 leakers (`scipy.stats.binom.sf(k - 1, n, q)`). Round *up*.",
        mistakes=(
            Mistake(
                lambda k, p, q: launches(k, p, q) - 1,
                "with {} launches the probability is still just below p: the smallest n that "
                "reaches p is one more (round up).",
            ),
        ),
        worked=lambda p, n: (
            f"P(L ≥ {int(p['k'])}) with L ~ Binomial(n, {fmt_number(p['q'])}) first reaches "
            f"{fmt_number(p['p'])} at n = **{int(n)}**."
        ),
        model="deterrence.models.defense.launches_needed",
        citation="Wilkening 2000, Science & Global Security 8(2)",
    )
)


def salvo(A, B, alpha, beta, a1, b1, a3, b3):
    from ...models.defense import salvo_exchange

    return salvo_exchange(A, B, alpha, beta, a1, b1, a3, b3)


register(
    Exercise(
        id="salvo-exchange",
        title="Hughes's salvo model",
        topic=TOPIC,
        difficulty="core",
        goal="Apply the salvo equations: offensive missiles minus interceptions, per hit needed.",
        statement="Force A has A = {A} ships, force B has B = {B}. Each A ship fires α = {alpha} "
        "well-aimed missiles, each B ship β = {beta}. Each A ship intercepts a₃ = {a3} incoming "
        "missiles, each B ship b₃ = {b3}; a₁ = {a1} hits put an A ship out of action, b₁ = {b1} "
        "a B ship. Losses are ΔA = (β·B − a₃·A)/a₁ and ΔB = (α·A − b₃·B)/b₁, each between 0 "
        "and the force's size. **Give (losses of A, losses of B) in ships.**",
        params=(
            Param("A", 10.0, 6.0, 12.0, 1.0),
            Param("B", 8.0, 6.0, 12.0, 1.0),
            Param("alpha", 4.0, 2.0, 4.0, 1.0),
            Param("beta", 4.0, 2.0, 4.0, 1.0),
            Param("a1", 2.0, 1.0, 3.0, 1.0),
            Param("b1", 1.5, 1.0, 3.0, 0.5),
            Param("a3", 3.0, 1.0, 3.0, 1.0),
            Param("b3", 2.0, 1.0, 3.0, 1.0),
        ),
        valid=lambda **p: (
            (0 < salvo(**p)[0] < p["A"] or 0 < salvo(**p)[1] < p["B"])
            and abs(salvo(**p)[0] - salvo(**p)[1]) > 0.5
        ),
        compute=salvo,
        entries=(
            Number("losses_A", 0.0, what="a number of ships lost"),
            Number("losses_B", 0.0, what="a number of ships lost"),
        ),
        tolerance=0.01,
        close=0.25,
        order_message="that is the other side's losses first: give A's losses, then B's: "
        "(losses_A, losses_B).",
        hint="Losses cannot be negative and cannot exceed the force: clip to [0, size].",
        mistakes=(
            Mistake(
                lambda A, B, alpha, beta, a1, b1, a3, b3: (
                    (beta * B - a3 * A) / a1,
                    (alpha * A - b3 * B) / b1,
                ),
                "{} leaves the losses unclipped: a force cannot lose fewer than 0 or more "
                "ships than it has.",
            ),
        ),
        worked=lambda p, a: (
            f"ΔA = (β·B − a₃·A)/a₁ = ({_p(p['beta'])}·{_p(p['B'])} − {_p(p['a3'])}·{_p(p['A'])})"
            f"/{_p(p['a1'])}, clipped to [0, {fmt_number(p['A'])}]: **{fmt_number(a[0])}**; "
            f"ΔB = (α·A − b₃·B)/b₁ = ({_p(p['alpha'])}·{_p(p['A'])} − {_p(p['b3'])}·"
            f"{_p(p['B'])})/{_p(p['b1'])}, clipped to [0, {fmt_number(p['B'])}]: "
            f"**{fmt_number(a[1])}** (Hughes 1995)."
        ),
        model="deterrence.models.defense.salvo_exchange",
        citation="Hughes 1995, A Salvo Model of Warships in Missile Combat, Naval Research "
        "Logistics 42(2)",
    )
)
