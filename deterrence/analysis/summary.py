"""A scenario's headline quantities and the memo's conclusions as margins.

:func:`scenario_summary` gives the numbers a sweep, the assumption scan and the memo's bottom line
share: the optimal response r*, the calibrated window's edges, the planned salvo's chances of
escalation and of being seen as weak, and the crisis tree's subgame-perfect response class.

Each conclusion of the memo is a *margin*, >= 0 when the conclusion holds (:data:`CONCLUSIONS`):
the window is open (ceiling − floor), r* lies inside it (distance to the nearer edge), the salvo
stays within the acceptable risk (ρ − P(escalation)). A parameter is load-bearing when a margin
changes sign inside its plausible range; one function per margin serves both the scan and the
root finding, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..errors import ParameterError

__all__ = [
    "ScenarioSummary",
    "Margins",
    "Conclusion",
    "CONCLUSIONS",
    "scenario_summary",
    "summarise",
    "load",
    "tree_class_values",
    "NO_TREE_CHOICE",
]

#: The crisis tree's choice when the salvo delivers no leakers (no response classes to compare).
NO_TREE_CHOICE = "n/a"


def load(scenario):
    """A Scenario from a Scenario, a bundled name or a path (:func:`deterrence.load_scenario`)."""
    from ..scenario import load_scenario

    return load_scenario(scenario)


@dataclass(frozen=True)
class Margins:
    """The memo's conclusions as margins, each >= 0 when the conclusion holds.

    Attributes
    ----------
    window : float
        ceiling − floor of the calibrated window (response unit): >= 0 when it is open.
    r_star : float
        min(r* − floor, ceiling − r*): >= 0 when r* lies inside the window.
    salvo : float
        ρ − P(escalation | the planned salvo): >= 0 when the salvo is within the acceptable risk.
    """

    window: float
    r_star: float
    salvo: float


@dataclass(frozen=True)
class ScenarioSummary:
    """The memo's headline quantities for one scenario (see :func:`scenario_summary`).

    Attributes
    ----------
    r_star : float
        The optimal response (response unit).
    window_floor, window_ceiling : float
        The calibrated window's edges (:meth:`CalibratedResponse.edges`), kept when it is empty.
    window_open, r_star_in_window : bool
    p_escalation_salvo, p_weak_salvo : float
        P(escalation) and P(seen as weak) of the scenario's salvo (L ~ Binomial(n, q) leakers).
    salvo_within_risk : bool
        P(escalation | salvo) <= acceptable_risk.
    tree_choice : str
        The crisis tree's subgame-perfect response class; ``"n/a"`` when the salvo delivers no
        leakers.
    margins : Margins
    class_values : mapping or None
        The retaliating side's expected payoff of each response class in the crisis tree (the
        adversary playing its subgame-perfect replies); None when there are no leakers.
    """

    r_star: float
    window_floor: float
    window_ceiling: float
    window_open: bool
    r_star_in_window: bool
    p_escalation_salvo: float
    p_weak_salvo: float
    salvo_within_risk: bool
    tree_choice: str
    margins: Margins
    class_values: Mapping[str, float] | None

    def as_row(self) -> dict[str, float | bool | str]:
        """The headline quantities as one flat row (margins and class values left out)."""
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in ("margins", "class_values")
        }

    def to_frame(self):
        """A one-row pandas DataFrame of :meth:`as_row`."""
        import pandas as pd

        return pd.DataFrame([self.as_row()])


def tree_class_values(scenario) -> tuple[Mapping[str, float], str] | None:
    """The retaliating side's expected payoff of each response class in the crisis tree and the
    subgame-perfect choice; None when the salvo delivers no leakers."""
    from ..games.crisis import RESPONSE_CLASSES, crisis_tree
    from ..solve.backward_induction import spe as backward_induction

    try:
        tree = crisis_tree(scenario)
    except ParameterError:  # no leakers: no response classes to compare
        return None
    spe = backward_induction(tree)
    me = scenario.players[0]
    values = {}
    for c in RESPONSE_CLASSES:
        plan = dict(spe.plan)
        plan[me] = c
        values[c] = tree.expected_payoffs(plan)[0]
    return values, spe.plan[me]


# -- the conclusions as margins -----------------------------------------------------------------


def _edges(s, model=None) -> tuple[float, float]:
    p = s.parameters
    return (model or s.calibrated_response()).edges(p["alpha_weak"], p["acceptable_risk"])


def margin_window(s, model=None) -> float:
    floor, ceiling = _edges(s, model)
    return ceiling - floor


def margin_r_star(s, model=None, r_star=None) -> float:
    model = model or s.calibrated_response()
    r = model.optimum() if r_star is None else r_star
    floor, ceiling = _edges(s, model)
    return min(r - floor, ceiling - r)


def p_escalation_salvo(s, model=None) -> float:
    model = model or s.calibrated_response()
    return float(model.p_escalation_launches(s.parameters["salvo_size"], s.leak_probability))


def margin_salvo(s, model=None) -> float:
    return s.parameters["acceptable_risk"] - p_escalation_salvo(s, model)


@dataclass(frozen=True)
class Conclusion:
    """One conclusion of the memo: its margin (a function of a scenario) and its words."""

    name: str
    margin: Callable[..., float]
    holds: str
    fails: str


#: The memo's conclusions, by the name a :class:`~deterrence.analysis.signposts.Signpost` gives.
CONCLUSIONS: tuple[Conclusion, ...] = (
    Conclusion("window", margin_window, "window open", "window empty"),
    Conclusion("r_star", margin_r_star, "r* inside the window", "r* outside the window"),
    Conclusion(
        "salvo",
        margin_salvo,
        "salvo within the acceptable risk",
        "salvo beyond the acceptable risk",
    ),
)


# -- the summary --------------------------------------------------------------------------------


def _model_key(model) -> tuple:
    """Everything a CalibratedResponse is made of, hashable: frozen scipy distributions by their
    family and parameters (two equal keys give the same optimum)."""
    parts = []
    for fld in dataclasses.fields(model):
        v = getattr(model, fld.name)
        if hasattr(v, "dist") and hasattr(v, "kwds"):
            v = (v.dist.name, tuple(v.args), tuple(sorted(v.kwds.items())))
        parts.append(v)
    return tuple(parts)


def optimum(model, cache: dict | None = None) -> float:
    """``model.optimum()``, remembered in `cache` by the model's inputs: most parameters of a
    scenario do not enter the calibrated-response model, so the assumption scan meets the same
    model again and again."""
    if cache is None:
        return float(model.optimum())
    key = _model_key(model)
    if key not in cache:
        cache[key] = float(model.optimum())
    return cache[key]


def summarise(s, cache: dict | None = None) -> ScenarioSummary:
    """:func:`scenario_summary` of a loaded Scenario, with an optional cache of optima."""
    p = s.parameters
    model = s.calibrated_response()
    r_star = optimum(model, cache)
    floor, ceiling = _edges(s, model)
    p_esc = p_escalation_salvo(s, model)
    tree = tree_class_values(s)
    return ScenarioSummary(
        r_star=r_star,
        window_floor=floor,
        window_ceiling=ceiling,
        window_open=bool(floor <= ceiling),
        r_star_in_window=bool(floor <= r_star <= ceiling),
        p_escalation_salvo=p_esc,
        p_weak_salvo=float(model.p_weak_launches(p["salvo_size"], s.leak_probability)),
        salvo_within_risk=bool(p_esc <= p["acceptable_risk"]),
        tree_choice=NO_TREE_CHOICE if tree is None else tree[1],
        margins=Margins(
            window=ceiling - floor,
            r_star=min(r_star - floor, ceiling - r_star),
            salvo=p["acceptable_risk"] - p_esc,
        ),
        class_values=None if tree is None else tree[0],
    )


def scenario_summary(scenario) -> ScenarioSummary:
    """The memo's headline quantities for one scenario (for sweeps and the assumption scan).

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
        A scenario, a bundled name (``"iran-2024"``) or the path of a TOML file.

    Returns
    -------
    ScenarioSummary

    Examples
    --------
    >>> s = scenario_summary("iran-2024")
    >>> round(s.r_star, 2), s.window_open, round(s.p_escalation_salvo, 4), s.tree_choice
    (5.16, False, 0.5157, 'calibrated')
    """
    return summarise(load(scenario))
