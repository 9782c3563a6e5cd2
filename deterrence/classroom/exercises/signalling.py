"""Costly signals of resolve: separating, semi-separating and pooling equilibria.

Fearon (1997), "Signaling Foreign Policy Interests", *JCR* 41(1); Banks (1990), *AJPS* 34(3);
Morrow (1989), *AJPS* 33(4); Slantchev (2005), *APSR* 99(4).
"""

from __future__ import annotations

from ..answers import Choice, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "signalling"
CITE = "Fearon 1997, Signaling Foreign Policy Interests, JCR 41(1); Banks 1990, AJPS 34(3)"

SIGNAL_TEXT = (
    "A sender is *Resolved* with probability π = {prior_resolved}, otherwise *Unresolved*. It "
    "may send a signal (a mobilisation) costing k_R = {cost_resolved} to a Resolved sender and "
    "k_U = {cost_unresolved} to an Unresolved one. The receiver then accommodates (the sender "
    "gains b = {benefit}) or presses: pressing pays the receiver G = {gain_press} against an "
    "Unresolved sender (it backs down) and −W = −{war_cost_resolved} against a Resolved one "
    "(war); accommodating pays 0. "
)
SIGNAL_PARAMS = (
    Param("prior_resolved", 0.2, 0.05, 0.6, 0.05),
    Param("benefit", 1.0, 0.25, 2.0, 0.25),
    Param("cost_resolved", 0.4, 0.0, 0.6, 0.1),
    Param("cost_unresolved", 0.6, 0.7, 1.5, 0.1),
    Param("gain_press", 1.0, 1.0, 3.0, 1.0),
    Param("war_cost_resolved", 3.0, 1.0, 6.0, 1.0),
)


def _eq(**p):
    from ...models.signaling import signaling_equilibrium

    return signaling_equilibrium(**p)


register(
    Exercise(
        id="signal-threshold",
        title="Signalling: the receiver's threshold belief",
        topic=TOPIC,
        difficulty="intro",
        goal="Find the belief that makes the receiver indifferent.",
        statement=SIGNAL_TEXT + "**At what belief μ* that the sender is Resolved is the "
        "receiver indifferent between accommodating and pressing?**",
        params=SIGNAL_PARAMS,
        compute=lambda **p: _eq(**p).threshold,
        entries=(Probability("μ*", "a belief (a probability)"),),
        hint="Pressing pays μ·(−W) + (1 − μ)·G; accommodating pays 0.",
        mistakes=(
            Mistake(
                lambda **p: 1 - _eq(**p).threshold,
                "that is W/(G + W) = 1 − μ*: the receiver presses when the sender is *likely "
                "Unresolved*, so μ* grows with G.",
            ),
        ),
        worked=lambda p, mu: (
            f"Pressing pays μ·(−{fmt_number(p['war_cost_resolved'])}) + (1 − μ)·"
            f"{_p(p['gain_press'])}; accommodating pays 0. Indifference: μ* = G/(G + W) = "
            f"{_p(p['gain_press'])}/({_p(p['gain_press'])} + {_p(p['war_cost_resolved'])}) = "
            f"**{fmt_number(mu)}**."
        ),
        model="deterrence.models.signaling.signaling_equilibrium(...).threshold",
        citation=CITE,
    )
)


def regime(**p):
    e = _eq(**p)
    return e.regime, e.signal_unresolved


register(
    Exercise(
        id="signal-regime",
        title="Signalling: which equilibrium?",
        topic=TOPIC,
        difficulty="core",
        goal="Classify the equilibrium of a costly-signal game from its parameters.",
        statement=SIGNAL_TEXT + "**Which equilibrium does the game have — 'pooling' (nobody "
        "signals, the receiver accommodates), 'separating' (only the Resolved type signals), "
        "'semi-separating' (the Unresolved type bluffs sometimes) or 'no-signal' (nobody "
        "signals, the receiver presses) — and with what probability σ does the Unresolved type "
        "signal in it? Give (regime, σ).**",
        params=SIGNAL_PARAMS,
        compute=regime,
        entries=(
            Choice("regime", ("pooling", "separating", "semi-separating", "no-signal")),
            Probability("σ"),
        ),
        order_message="you swapped the order: give the regime first, then σ: (regime, σ).",
        hint="First compare the prior π with μ* = G/(G + W); then compare the benefit b with "
        "the two signal costs k_R and k_U. In a semi-separating equilibrium σ makes the "
        "posterior after a signal exactly μ*.",
        mistakes=(
            Mistake(
                lambda **p: ("separating", 0.0),
                "compare the benefit b with the Unresolved type's cost k_U: a bluff pays when "
                "b > k_U, and then the equilibrium is semi-separating.",
            ),
        ),
        worked=lambda p, r: (
            f"μ* = G/(G + W) = {fmt_number(p['gain_press'] / (p['gain_press'] + p['war_cost_resolved']))}"
            f" and π = {fmt_number(p['prior_resolved'])}. Pooling iff π ≥ μ*; otherwise "
            "no-signal if b < k_R, separating if k_R ≤ b ≤ k_U, semi-separating if b > k_U "
            "(then σ = π(1 − μ*)/((1 − π)μ*)). Here: **"
            f"{r[0]}**, σ = **{fmt_number(r[1])}** (Banks 1990; Fearon 1997)."
        ),
        model="deterrence.models.signaling.signaling_equilibrium",
        citation=CITE,
    )
)


def semi(**p):
    e = _eq(**p)
    return e.signal_unresolved, e.accommodate_after_signal


register(
    Exercise(
        id="signal-semi-separating",
        title="Signalling: the bluff and the response",
        topic=TOPIC,
        difficulty="advanced",
        goal="Solve a semi-separating equilibrium: each mixture keeps the *other* side "
        "indifferent.",
        statement=SIGNAL_TEXT + "Here b > k_U and π < μ*, so the equilibrium is "
        "semi-separating: the Resolved type always signals, the Unresolved type bluffs with "
        "probability σ, and the receiver accommodates a signal with probability ρ. **Give "
        "(σ, ρ).**",
        params=(
            Param("prior_resolved", 0.2, 0.05, 0.3, 0.05),
            Param("benefit", 1.0, 1.0, 2.0, 0.25),
            Param("cost_resolved", 0.4, 0.1, 0.4, 0.1),
            Param("cost_unresolved", 0.6, 0.5, 0.9, 0.1),
            Param("gain_press", 1.0, 1.0, 2.0, 1.0),
            Param("war_cost_resolved", 3.0, 2.0, 6.0, 1.0),
        ),
        valid=lambda **p: (
            _eq(**p).regime == "semi-separating"
            and abs(_eq(**p).signal_unresolved - _eq(**p).accommodate_after_signal) > 0.05
        ),
        compute=semi,
        entries=(Probability("σ"), Probability("ρ")),
        order_message="you swapped the order: σ is the Unresolved sender's probability of "
        "signalling, ρ the receiver's probability of accommodating. Give (σ, ρ).",
        hint="σ makes the receiver's posterior after a signal exactly μ*; ρ makes the "
        "Unresolved type indifferent: ρ·b = k_U.",
        worked=lambda p, a: (
            f"Bayes: π/(π + (1 − π)σ) = μ* gives σ = π(1 − μ*)/((1 − π)μ*) = "
            f"**{fmt_number(a[0])}**. The Unresolved type bluffs only if indifferent: ρ·b − "
            f"k_U = 0, so ρ = k_U/b = {_p(p['cost_unresolved'])}/{_p(p['benefit'])} = "
            f"**{fmt_number(a[1])}**."
        ),
        model="deterrence.models.signaling.signaling_equilibrium",
        citation=CITE,
    )
)
