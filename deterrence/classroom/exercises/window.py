"""The calibrated window: a response strong enough to restore deterrence, small enough not to
provoke escalation, when neither threshold is known.

Schelling (1966), *Arms and Influence*; Fearon (1994), *APSR* 88(3) (audience costs); Sobelman
(2017), *International Security* 41(3).
"""

from __future__ import annotations

from ..answers import Number, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "the calibrated window"
CITE = "Schelling 1966, Arms and Influence; Fearon 1994, APSR 88(3)"

WINDOW_TEXT = (
    "A state chooses the size r of a retaliation (munitions that get through). Audiences judge "
    "it strong enough iff r exceeds an unknown threshold θ_w ~ Normal({mu_weak}, {sigma}²); the "
    "adversary escalates iff r exceeds its unknown tolerance θ_t ~ Normal({mu_tolerance}, "
    "{sigma}²). "
)
WINDOW_PARAMS = (
    Param("mu_weak", 2.0, 1.0, 3.0, 0.5),
    Param("mu_tolerance", 6.0, 5.0, 8.0, 0.5),
    Param("sigma", 1.0, 0.5, 1.5, 0.25),
)


def _model(mu_weak, mu_tolerance, sigma, reputation_stake=1.0, war_cost=10.0):
    from scipy import stats

    from ...models.retaliation import CalibratedResponse

    return CalibratedResponse(
        stats.norm(mu_weak, sigma),
        stats.norm(mu_tolerance, sigma),
        reputation_stake=reputation_stake,
        war_cost=war_cost,
    )


def optimum(mu_weak, mu_tolerance, sigma, reputation_stake, war_cost):
    return _model(mu_weak, mu_tolerance, sigma, reputation_stake, war_cost).optimum()


register(
    Exercise(
        id="window-optimum",
        title="The calibrated response: the best size",
        topic=TOPIC,
        difficulty="advanced",
        goal="Trade the risk of looking weak against the risk of escalation at the margin.",
        statement=WINDOW_TEXT + "Looking strong is worth R̄ = {reputation_stake}; escalation "
        "costs W = {war_cost}. The state maximises U(r) = R̄·G(r) − W·F(r). With equal "
        "variances the first-order condition gives r* = (μ_w + μ_t)/2 − σ²·ln(W/R̄)/(μ_t − μ_w). "
        "**Compute r*.**",
        params=(
            *WINDOW_PARAMS,
            Param("reputation_stake", 1.0, 1.0, 3.0, 0.5),
            Param("war_cost", 10.0, 4.0, 12.0, 2.0),
        ),
        compute=optimum,
        entries=(Number("r*", 0.0, what="a response size"),),
        tolerance=0.01,
        close=0.1,
        hint="ln is the natural logarithm; the midpoint of the two medians moves *down* when "
        "war costs more than looking weak.",
        mistakes=(
            Mistake(
                lambda mu_weak, mu_tolerance, **_: (mu_weak + mu_tolerance) / 2,
                "that is the midpoint of the two medians: it ignores that escalation costs "
                "more than looking weak (the ln(W/R̄) term).",
            ),
        ),
        worked=lambda p, r: (
            "The first-order condition R̄·g(r) = W·f(r) with equal-variance normal densities "
            "gives r* = (μ_w + μ_t)/2 − σ²·ln(W/R̄)/(μ_t − μ_w) = "
            f"({_p(p['mu_weak'])} + {_p(p['mu_tolerance'])})/2 − {_p(p['sigma'])}²·ln("
            f"{_p(p['war_cost'])}/{_p(p['reputation_stake'])})/({_p(p['mu_tolerance'])} − "
            f"{_p(p['mu_weak'])}) = **{fmt_number(r)}** (found numerically by "
            "`CalibratedResponse.optimum`)."
        ),
        model="deterrence.models.retaliation.CalibratedResponse.optimum",
        citation=CITE,
    )
)


def window(mu_weak, mu_tolerance, sigma, alpha_weak, rho):
    edges = _model(mu_weak, mu_tolerance, sigma).window(alpha_weak, rho)
    if edges is None:
        from ...errors import ParameterError

        raise ParameterError("the window is empty for these numbers")
    return tuple(float(v) for v in edges)


def _wrong_tails(mu_weak, mu_tolerance, sigma, alpha_weak, rho):
    from scipy import stats

    z = stats.norm.ppf
    return mu_weak + sigma * z(alpha_weak), mu_tolerance + sigma * z(1 - rho)


register(
    Exercise(
        id="window-edges",
        title="The calibrated window: its edges",
        topic=TOPIC,
        difficulty="core",
        goal="Turn two probabilistic requirements into an interval of response sizes.",
        statement=WINDOW_TEXT + "The state wants a response judged weak with probability at "
        "most α = {alpha_weak} and escalating with probability at most ρ = {rho}. **Give the "
        "window of sizes (low, high) that meets both.** (z-values: `scipy.stats.norm.ppf`.)",
        params=(
            *WINDOW_PARAMS,
            Param("alpha_weak", 0.1, 0.05, 0.2, 0.05),
            Param("rho", 0.05, 0.05, 0.2, 0.05),
        ),
        compute=window,
        entries=(
            Number("low", 0.0, what="a response size"),
            Number("high", 0.0, what="a response size"),
        ),
        tolerance=0.01,
        close=0.1,
        hint="Weak with probability ≤ α means r ≥ the (1 − α)-quantile of θ_w; escalation with "
        "probability ≤ ρ means r ≤ the ρ-quantile of θ_t.",
        mistakes=(
            Mistake(
                lambda mu_weak, mu_tolerance, sigma, alpha_weak, rho: _wrong_tails(
                    mu_weak, mu_tolerance, sigma, alpha_weak, rho
                ),
                "you took the wrong tails: the floor is the (1 − α)-quantile of θ_w, the "
                "ceiling the ρ-quantile of θ_t.",
            ),
        ),
        worked=lambda p, w: (
            f"Floor: G⁻¹(1 − α) = μ_w + σ·z_(1−α) = {_p(p['mu_weak'])} + {_p(p['sigma'])}·"
            f"z_{fmt_number(1 - p['alpha_weak'])} = {fmt_number(w[0])}. Ceiling: F⁻¹(ρ) = μ_t + "
            f"σ·z_ρ = {_p(p['mu_tolerance'])} + {_p(p['sigma'])}·z_{fmt_number(p['rho'])} = "
            f"{fmt_number(w[1])}. Window: **({fmt_number(w[0])}, {fmt_number(w[1])})**."
        ),
        model="deterrence.models.retaliation.CalibratedResponse.window",
        citation=CITE,
    )
)


def cascade(cost_escalation, p_entry, cost_entry):
    from ...models.retaliation import war_cost_cascade

    return war_cost_cascade(cost_escalation, p_entry, cost_entry)


register(
    Exercise(
        id="war-cost-cascade",
        title="The expected cost of war with a third party",
        topic=TOPIC,
        difficulty="intro",
        goal="Fold a third party's uncertain entry into an expected cost.",
        statement="If the adversary escalates, the war costs the state W_I = "
        "{cost_escalation}; a third party then joins with probability π = {p_entry}, adding "
        "W_3 = {cost_entry}. **What is the expected cost of war W?**",
        params=(
            Param("cost_escalation", 6.0, 2.0, 10.0, 1.0),
            Param("p_entry", 0.5, 0.1, 0.9, 0.1),
            Param("cost_entry", 8.0, 2.0, 12.0, 1.0),
        ),
        compute=cascade,
        entries=(Number("W", 0.0, what="a cost (in utils)"),),
        tolerance=0.01,
        close=0.2,
        hint="The third party's cost counts only when it joins.",
        mistakes=(
            Mistake(
                lambda cost_escalation, p_entry, cost_entry: cost_escalation + cost_entry,
                "that counts the third party's cost as certain; weight it by the probability "
                "that it joins.",
            ),
        ),
        worked=lambda p, w: (
            f"W = W_I + π·W_3 = {_p(p['cost_escalation'])} + {_p(p['p_entry'])}·"
            f"{_p(p['cost_entry'])} = **{fmt_number(w)}**."
        ),
        model="deterrence.models.retaliation.war_cost_cascade",
        citation=CITE,
    )
)


def tail_risk(median, sigma_log, response):
    from ...models.distributions import threshold

    return tuple(
        float(threshold(family, median, sigma_log).cdf(response))
        for family in ("lognormal", "loglogistic")
    )


register(
    Exercise(
        id="threshold-families",
        title="Unknown tolerance: does the family matter?",
        topic=TOPIC,
        difficulty="advanced",
        goal="See that two threshold laws with the same median and quartiles differ in the "
        "tail, where a cautious response lives.",
        statement="The adversary's tolerance θ (in munitions that get through) is unknown: "
        "its median is m = {median} and its spread σ = {sigma_log} (the standard deviation of "
        "ln θ for a lognormal). One analyst takes θ lognormal, F(x) = Φ(ln(x/m)/σ); another "
        "log-logistic with the same median and quartiles, F(x) = 1/(1 + (x/m)^(−β)) with "
        "β = ln 3/(zσ), z = Φ⁻¹(0.75) ≈ 0.6745. A response of r = {response} escalates iff "
        "r > θ. **Give (P(escalation) under the lognormal, P(escalation) under the "
        "log-logistic).**",
        params=(
            Param("median", 100.0, 60.0, 140.0, 20.0),
            Param("sigma_log", 0.8, 0.4, 1.2, 0.1),
            Param("response", 20.0, 10.0, 40.0, 5.0),
        ),
        compute=tail_risk,
        entries=(Probability("P_lognormal"), Probability("P_loglogistic")),
        tolerance=1e-3,
        close=5e-3,
        order_message="that is the other family's probability: give the lognormal's first, "
        "then the log-logistic's: (P_lognormal, P_loglogistic).",
        hint="P(escalation) = P(θ < r) = F(r); Φ is `scipy.stats.norm.cdf`.",
        mistakes=(
            Mistake(
                lambda median, sigma_log, response: tuple(
                    1 - x for x in tail_risk(median, sigma_log, response)
                ),
                "those are the probabilities that the response stays *below* the tolerance "
                "(1 − F(r)); escalation happens when θ < r.",
            ),
        ),
        worked=lambda p, a: (
            f"Lognormal: Φ(ln({_p(p['response'])}/{_p(p['median'])})/{_p(p['sigma_log'])}) = "
            f"**{fmt_number(a[0])}**. Log-logistic: β = ln 3/(0.6745·{_p(p['sigma_log'])}), "
            f"1/(1 + ({_p(p['response'])}/{_p(p['median'])})^(−β)) = **{fmt_number(a[1])}**. "
            "Same median and quartiles, different lower tail: the log-logistic's is heavier, "
            "so a small response is riskier than the lognormal says."
        ),
        model="deterrence.models.distributions.threshold(...).cdf",
        citation="Fearon 1994, APSR 88(3); Powell 1990, Nuclear Deterrence Theory",
    )
)
