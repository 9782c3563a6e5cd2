"""Proxies and attribution: Bayes's rule on intelligence, and unbidden strikes over time.

Baliga, Bueno de Mesquita & Wolitzky (2020), "Deterrence with Imperfect Attribution", *APSR*
114(4); Salehyan (2010), *JCR* 54(3); Byman & Kreps (2010), *International Studies Perspectives*
11(1).
"""

from __future__ import annotations

from ..answers import Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "proxies and attribution"


def posterior(prior, sensitivity, false_positive):
    from ...models.proxies import attribution_posterior

    return attribution_posterior(prior, sensitivity, false_positive)


register(
    Exercise(
        id="attribution-posterior",
        title="Attribution: who ordered the strike?",
        topic=TOPIC,
        difficulty="intro",
        goal="Apply Bayes's rule and avoid base-rate neglect.",
        statement="A militia strike hits the target state. A priori, a share π = {prior} of "
        "such strikes are ordered by the sponsor. Intelligence reports 'ordered' with "
        "probability s = {sensitivity} when the strike was ordered, and with probability "
        "f = {false_positive} when the militia acted unbidden. The report says 'ordered'. "
        "**What is the probability that the sponsor ordered the strike?**",
        params=(
            Param("prior", 0.5, 0.1, 0.7, 0.1),
            Param("sensitivity", 0.8, 0.6, 0.95, 0.05),
            Param("false_positive", 0.1, 0.05, 0.3, 0.05),
        ),
        compute=posterior,
        entries=(Probability("P(ordered | report)"),),
        hint="P(ordered | report) = s·π / (s·π + f·(1 − π)).",
        mistakes=(
            Mistake(
                lambda prior, sensitivity, false_positive: sensitivity,
                "that is P(report | ordered), the sensitivity; you need P(ordered | report), "
                "which also depends on the prior.",
            ),
            Mistake(
                lambda prior, sensitivity, false_positive: (
                    1 - posterior(prior, sensitivity, false_positive)
                ),
                "that is the probability that the militia acted *unbidden*.",
            ),
        ),
        worked=lambda p, x: (
            f"P(ordered | report) = s·π/(s·π + f·(1 − π)) = {_p(p['sensitivity'])}·"
            f"{_p(p['prior'])}/({_p(p['sensitivity'])}·{_p(p['prior'])} + "
            f"{_p(p['false_positive'])}·(1 − {_p(p['prior'])})) = **{fmt_number(x)}**."
        ),
        model="deterrence.models.proxies.attribution_posterior",
        citation="Baliga, Bueno de Mesquita & Wolitzky 2020, Deterrence with Imperfect "
        "Attribution, APSR 114(4)",
    )
)


def crisis(autonomy, attribution, periods):
    from ...models.proxies import p_crisis_from_proxies

    return p_crisis_from_proxies(autonomy, attribution, int(periods))


register(
    Exercise(
        id="proxy-crisis",
        title="Proxies: a crisis nobody ordered",
        topic=TOPIC,
        difficulty="core",
        goal="Compound a small per-period risk over many periods.",
        statement="Each month a militia strikes without instruction with probability α = "
        "{autonomy}; the target blames the sponsor for such a strike with probability β = "
        "{attribution}, independently each month. **What is the probability that within "
        "{periods} months at least one unbidden strike is blamed on the sponsor?**",
        params=(
            Param("autonomy", 0.2, 0.05, 0.3, 0.05),
            Param("attribution", 0.6, 0.3, 0.9, 0.1),
            Param("periods", 12, choices=(3, 6, 12, 24)),
        ),
        compute=crisis,
        entries=(Probability("P(crisis)"),),
        hint="P(at least one) = 1 − P(none) = 1 − (1 − α·β)^T.",
        mistakes=(
            Mistake(
                lambda autonomy, attribution, periods: autonomy * attribution * periods,
                "adding the monthly risks over-counts: use 1 − (1 − α·β)^T.",
            ),
            Mistake(
                lambda autonomy, attribution, periods: autonomy * attribution,
                "that is the risk of a single month.",
            ),
        ),
        worked=lambda p, x: (
            f"1 − (1 − α·β)^T = 1 − (1 − {_p(p['autonomy'])}·{_p(p['attribution'])})^"
            f"{int(p['periods'])} = **{fmt_number(x)}**."
        ),
        model="deterrence.models.proxies.p_crisis_from_proxies",
        citation="Salehyan 2010, JCR 54(3); Byman & Kreps 2010, International Studies "
        "Perspectives 11(1)",
    )
)


def unbidden(benefit_high, cost, sanction):
    from scipy import stats

    from ...models.proxies import autonomy

    return autonomy(stats.uniform(0, benefit_high), cost, sanction)


register(
    Exercise(
        id="proxy-autonomy",
        title="Proxies: how often does the agent act unbidden?",
        topic=TOPIC,
        difficulty="intro",
        goal="See a principal's sanction as a lever on the agent's autonomy.",
        statement="A militia's private benefit from a strike is uniform on [0, {benefit_high}]. "
        "A strike costs it c = {cost}, and the sponsor sanctions an unbidden strike by σ = "
        "{sanction}. It strikes unbidden iff its benefit exceeds c + σ. **What is the "
        "probability α of an unbidden strike?**",
        params=(
            Param("benefit_high", 1.0, 1.0, 4.0, 1.0),
            Param("cost", 0.3, 0.1, 0.5, 0.1),
            Param("sanction", 0.4, 0.1, 0.5, 0.1),
        ),
        compute=unbidden,
        entries=(Probability("α"),),
        hint="For a uniform benefit on [0, B], P(benefit > x) = 1 − x/B.",
        mistakes=(
            Mistake(
                lambda benefit_high, cost, sanction: (cost + sanction) / benefit_high,
                "that is the probability that the militia holds back.",
            ),
        ),
        worked=lambda p, a: (
            f"α = P(b > c + σ) = 1 − (c + σ)/B = 1 − ({_p(p['cost'])} + {_p(p['sanction'])})/"
            f"{_p(p['benefit_high'])} = **{fmt_number(a)}**."
        ),
        model="deterrence.models.proxies.autonomy",
        citation="Salehyan 2010, The Delegation of War to Rebel Organizations, JCR 54(3)",
    )
)
