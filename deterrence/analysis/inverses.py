"""Inverse solves: "what would have to be true" for a conclusion of the memo to change.

Each :class:`Inverse` is the value one parameter would need (the others at the scenario's
values) for the planned salvo to stay within the acceptable risk, or for the calibrated window
to open, located by the one root finder (:mod:`deterrence.roots`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..roots import crossing, increasing_root, lowest_holding
from .summary import ScenarioSummary

__all__ = ["Inverse", "inverses", "GOALS"]

#: What an inverse achieves: goal key -> what it means.
GOALS = {
    "salvo": "the planned salvo keeps P(escalation) at most the acceptable risk",
    "window": "a response both strong enough and safe exists (the calibrated window opens)",
}


@dataclass(frozen=True)
class Inverse:
    """The value a parameter would need for a conclusion (its `goal`) to hold.

    Attributes
    ----------
    parameter : str
        Scenario key.
    needed : float or None
        The value at which the goal starts to hold; None when no value does (within 2⁶⁰ times
        the scenario's value, or [0, 1] for a probability); 0 when every value does.
    current : float
        The scenario's value.
    unit : str
    low, high : float
        The parameter's plausible range.
    direction : str
        ``"at least"`` (the goal holds above `needed`) or ``"at most"``.
    goal : str
        A key of :data:`GOALS`: ``"salvo"`` or ``"window"``.
    holds_now : bool
        The goal holds at the scenario's values.
    """

    parameter: str
    needed: float | None
    current: float
    unit: str
    low: float
    high: float
    direction: str
    goal: str
    holds_now: bool

    @property
    def needed_in_range(self) -> bool:
        return self.needed is not None and self.low <= self.needed <= self.high


def inverses(s, model, summary: ScenarioSummary) -> tuple[Inverse, ...]:
    """The memo's inverse solves for a loaded scenario `s`, its calibrated-response `model` and
    its `summary`.

    * the tolerance median at which the salvo keeps P(escalation) <= ρ (increasing in the
      median: a more tolerant adversary escalates less);
    * the tolerance median at which the window opens;
    * the interception probability at which the salvo keeps P(escalation) <= ρ (increasing in
      P_k: fewer leakers).
    """
    from ..models.defense import leak_probability

    p = s.parameters
    rho = p["acceptable_risk"]
    n = p["salvo_size"]
    q = s.leak_probability
    median = p["defender_tolerance"]

    def esc_gap_median(m):
        x = s.replace(defender_tolerance=m).calibrated_response()
        return rho - float(x.p_escalation_launches(n, q))

    def window_gap_median(m):
        x = s.replace(defender_tolerance=m)
        floor, ceiling = x.calibrated_response().edges(p["alpha_weak"], rho)
        return ceiling - floor

    def esc_gap_pk(x):
        qx = leak_probability(p["launch_reliability"], x, p["shots_per_threat"])
        return rho - float(model.p_escalation_launches(n, qx))

    pk = p["intercept_prob"]
    needed_pk = None
    if esc_gap_pk(1.0) >= 0:
        needed_pk = (
            lowest_holding(esc_gap_pk, 0.0, pk)
            if esc_gap_pk(pk) >= 0
            else crossing(esc_gap_pk, pk, 1.0)
        )

    def tolerance(needed, goal, holds_now):
        lo, hi = s.ranges["defender_tolerance"]
        return Inverse(
            "defender_tolerance", needed, median, s.units["defender_tolerance"], lo, hi,
            "at least", goal, holds_now,
        )  # fmt: skip

    lo, hi = s.ranges["intercept_prob"]
    return (
        tolerance(increasing_root(esc_gap_median, median), "salvo", summary.salvo_within_risk),
        tolerance(increasing_root(window_gap_median, median), "window", summary.window_open),
        Inverse(
            "intercept_prob",
            needed_pk,
            pk,
            "probability",
            lo,
            hi,
            "at least",
            "salvo",
            summary.salvo_within_risk,
        ),  # fmt: skip
    )
