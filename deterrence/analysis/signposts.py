"""Signposts: the parameter values at which a conclusion of the memo changes.

A signpost is where, one parameter moving and the others held at the scenario's values, the
calibrated window opens or closes, r* enters or leaves it, the planned salvo crosses the
acceptable risk, the crisis tree's subgame-perfect choice changes, or the pure equilibria of the
retaliation game change. Changes are bracketed between neighbouring scan points and located by
the one root finder (:mod:`deterrence.roots`: Brent's method to 1e-10, whole numbers for counts)
or, for the game, by :func:`deterrence.find_thresholds`. These are the signposts of
Assumption-Based Planning (Dewar, Builder, Hix and Levin 1993, *Assumption-Based Planning: A
Planning Tool for Very Uncertain Times*, RAND MR-114).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._check import count
from ..errors import ScenarioError
from ..roots import crossing
from .summary import CONCLUSIONS, NO_TREE_CHOICE, ScenarioSummary, load, summarise

__all__ = ["Signpost", "parameter_thresholds", "SIGNPOST_GRID", "CONCLUSION_NAMES"]

#: Grid points per parameter range of :func:`parameter_thresholds` (each bracket then root-found).
SIGNPOST_GRID = 21

#: What a signpost's ``conclusion`` can be.
CONCLUSION_NAMES = (*(c.name for c in CONCLUSIONS), "tree", "game")


@dataclass(frozen=True)
class Signpost:
    """A parameter value at which a conclusion of the memo changes (a threshold).

    Attributes
    ----------
    parameter : str
        Scenario key.
    value : float
        Where the conclusion changes (root found to 1e-10 for continuous conclusions; the first
        whole number on the new side for counts).
    unit : str
    conclusion : str
        ``"window"``, ``"r_star"``, ``"salvo"``, ``"tree"`` or ``"game"``.
    below, above : str
        The conclusion just below and just above `value`, in words.
    """

    parameter: str
    value: float
    unit: str
    conclusion: str
    below: str
    above: str

    @property
    def change(self) -> str:
        """``'below: window empty; above: window open'``."""
        return f"below: {self.below}; above: {self.above}"


def is_count(scenario, key: str) -> bool:
    """True when parameter `key` takes whole numbers only (salvo sizes, inventories)."""
    return isinstance(scenario.parameters[key], int)


def _game_signposts(s, key: str, lo: float, hi: float, grid: int) -> list[Signpost]:
    """Changes of the retaliation game's pure equilibria (find_thresholds, key="pure")."""
    from ..games.crisis import EXCHANGE_PARAMETERS, retaliation_game
    from .thresholds import find_thresholds

    if key not in EXCHANGE_PARAMETERS or not lo < hi:
        return []
    found = find_thresholds(
        retaliation_game, key, (lo, hi), fixed={"scenario_or_params": s}, key="pure", grid=grid
    )

    def words(code):
        text = found.structures[code].replace("; ", " and ")
        return f"pure equilibria {text}" if text else "no pure equilibrium"

    return [
        Signpost(key, t.value, s.units[key], "game", words(t.left_code), words(t.right_code))
        for t in found
    ]


def signposts_between(
    s, key: str, points: Sequence[float], summaries: Sequence[ScenarioSummary]
) -> list[Signpost]:
    """Every change of the memo's conclusions between consecutive scan `points` of parameter
    `key` (with their `summaries`), and the retaliation game's changes over the whole span."""
    integer = is_count(s, key)
    unit = s.units[key]

    def at(x):
        return s.replace(**{key: int(x) if integer else float(x)})

    out = []
    pairs = zip(summaries[:-1], summaries[1:], points[:-1], points[1:], strict=True)
    for ya, yb, a, b in pairs:
        for c in CONCLUSIONS:
            ma, mb = getattr(ya.margins, c.name), getattr(yb.margins, c.name)
            if (ma >= 0) == (mb >= 0):
                continue
            value = crossing(lambda x, m=c.margin: m(at(x)), a, b, integer=integer)
            below, above = (c.holds, c.fails) if ma >= 0 else (c.fails, c.holds)
            out.append(Signpost(key, value, unit, c.name, below, above))
        ca, cb = ya.tree_choice, yb.tree_choice
        if ca != cb and NO_TREE_CHOICE not in (ca, cb):
            # the choice changes where the two classes' values in the tree tie: a continuous
            # difference, so Brent's method converges fast (a third class winning in between
            # is reported as this one change)
            def diff(x, ca=ca, cb=cb):
                from .summary import tree_class_values

                values, _ = tree_class_values(at(x))
                return values[ca] - values[cb]

            value = crossing(diff, a, b, integer=integer)
            out.append(
                Signpost(key, value, unit, "tree", f"tree chooses {ca}", f"tree chooses {cb}")
            )
    grid = SIGNPOST_GRID if len(points) <= 3 else len(points)
    out += _game_signposts(s, key, float(points[0]), float(points[-1]), grid)
    out.sort(key=lambda sp: sp.value)
    return out


def check_key(s, key) -> str:
    from ..scenario import suggest_key

    """`key` when it is a parameter of scenario `s`; ScenarioError naming the close match."""
    if not isinstance(key, str) or key not in s.parameters:
        raise ScenarioError(
            f"unknown parameter {key!r}.{suggest_key(str(key), s.parameters)} "
            f"Parameters: {', '.join(s.parameters)}."
        )
    return key


def parameter_thresholds(scenario, parameter, *, grid: int = SIGNPOST_GRID) -> list[Signpost]:
    """Where the memo's conclusions change as one parameter runs over its plausible range.

    The conclusions: the calibrated window is open; r* lies inside it; the scenario's salvo
    keeps P(escalation) <= acceptable_risk; the crisis tree's subgame-perfect response class;
    the pure equilibria of the retaliation game. The range is scanned on `grid` points (plus the
    scenario's value) and every change between neighbours is located by root finding (Brent's
    method to 1e-10; whole numbers for counts; :func:`deterrence.find_thresholds` for the game).

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
    parameter : str
        A scenario key (``scenario.parameters``), e.g. ``"defender_tolerance"``.
    grid : int, keyword-only
        Scan points (>= 2).

    Returns
    -------
    list of Signpost
        Sorted by value.

    Examples
    --------
    The window opens where F⁻¹(ρ) = G⁻¹(1 − α_w): 20·m/20 · exp(0.7·z(0.05)) = 3·exp(0.6·z(0.9)),
    i.e. a tolerance median of 20 · 6.4655/6.3212 = 20.46 leakers.

    >>> [(sp.conclusion, round(sp.value, 2)) for sp in
    ...  parameter_thresholds("iran-2024", "defender_tolerance") if sp.conclusion == "window"]
    [('window', 20.46)]
    """
    s = load(scenario)
    key = check_key(s, parameter)
    grid = count(grid, "grid", minimum=2)
    lo, hi = s.ranges[key]
    points = np.linspace(lo, hi, grid)
    if is_count(s, key):
        points = np.unique(np.round(points).astype(int))
    if lo <= s.parameters[key] <= hi:
        points = np.union1d(points, [s.parameters[key]])
    points = [x.item() for x in points]
    summaries = [summarise(s.replace(**{key: x})) for x in points]
    return signposts_between(s, key, points, summaries)
