"""Scenario discovery: the boxes of parameter space where an outcome of interest concentrates.

Given joint draws (:func:`deterrence.propagate`) and an outcome per draw — the calibrated window
is open, escalation of the scenario's salvo is likely — :func:`discover` finds a box (an interval
per parameter, most left unrestricted) inside which the outcome is much more frequent than
overall, by the Patient Rule Induction Method (Friedman & Fisher 1999) as used for scenario
discovery (Bryant & Lempert 2010):

1. *Peeling.* Starting from the box holding every draw, repeatedly remove a slice holding a
   fraction α (default 5 %) of the draws still in the box, from the low or the high end of one
   parameter, choosing the slice whose removal raises the outcome's frequency in the box the
   most; stop when the box holds fewer than ``min_mass`` of the draws. Each step is a box on the
   *peeling trajectory*.
2. *Choice.* The box of highest density among those covering at least ``min_coverage`` of the
   draws with the outcome.
3. *Pasting* (Friedman & Fisher 1999): widen a restricted end again by a slice of α
   while that raises the density.
4. *Simplification* (Bryant & Lempert 2010): drop the restrictions that matter least, one at a
   time, while the density stays within ``tolerance`` of the chosen box's and at most
   ``max_restrictions`` remain.

The box is reported with its **coverage** (the share of the draws with the outcome that fall in
it), its **density** (the share of the draws in it that have the outcome) and its **mass** (the
share of all draws in it), and read in plain words: "escalation is likely in 83 % of the draws
where defender_tolerance is below 12 leakers and salvo_size is above 180 launches".

A hand-written implementation: the ``prim`` package imports pyplot, pandas and mplcursors at
import (13 s on this 2-core machine under load), ema_workbench more; the algorithm is 100 lines.

References
----------
Friedman, J. H. & Fisher, N. I. (1999). Bump hunting in high-dimensional data. *Statistics and
Computing* 9(2), 123–143.
Bryant, B. P. & Lempert, R. J. (2010). Thinking inside the box: a participatory,
computer-assisted approach to scenario discovery. *Technological Forecasting and Social Change*
77(1), 34–49.
"""

from __future__ import annotations

import math
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = ["Box", "Discovery", "prim", "discover", "OUTCOMES"]

#: Named outcomes of :func:`discover`: name -> (words, rule on the draws).
OUTCOMES = {
    "window_open": "the calibrated window is open",
    "escalation_likely": "escalation of the salvo is likely (P(escalation) above {threshold:g})",
    "restraint_best": "restraint is the subgame-perfect response",
}


@dataclass(frozen=True)
class Box:
    """A box of parameter space: an interval per restricted parameter.

    Attributes
    ----------
    limits : mapping
        Parameter -> (low, high); only restricted parameters appear (an end equal to the
        range's is unrestricted on that side: ``-inf``/``inf``).
    coverage, density, mass : float
        Share of the outcome's draws inside; share of the draws inside with the outcome; share of
        all draws inside.
    count : int
        Draws inside.
    """

    limits: Mapping[str, tuple[float, float]]
    coverage: float
    density: float
    mass: float
    count: int

    def contains(self, frame) -> np.ndarray:
        """Boolean mask of the rows of a DataFrame (or mapping of arrays) inside the box."""
        first = next(iter(frame.values() if isinstance(frame, Mapping) else frame.items()))
        n = len(first[1] if isinstance(first, tuple) else first)
        inside = np.ones(n, dtype=bool)
        for key, (lo, hi) in self.limits.items():
            x = np.asarray(frame[key], dtype=float)
            inside &= (x >= lo) & (x <= hi)
        return inside


def _mask(X, lo, hi):
    return np.all((X >= lo) & (X <= hi), axis=1)


def prim(
    X,
    y,
    *,
    names=None,
    alpha: float = 0.05,
    min_mass: float = 0.05,
    min_coverage: float = 0.5,
    max_restrictions: int = 3,
    tolerance: float = 0.02,
):
    """PRIM on a matrix of inputs and a boolean outcome (see the module docstring).

    Parameters
    ----------
    X : array_like
        (n, d) inputs.
    y : array_like of bool
        (n,) outcome.
    names : sequence of str, keyword-only, optional
        Column names (default ``x0`` ...).
    alpha : float, keyword-only
        Share of the box's draws peeled (or pasted) per step, in (0, 0.5).
    min_mass : float, keyword-only
        Stop peeling below this share of all draws.
    min_coverage : float, keyword-only
        The chosen box covers at least this share of the outcome's draws.
    max_restrictions : int, keyword-only
        At most this many restricted parameters after simplification.
    tolerance : float, keyword-only
        Simplification may lower the density by at most this much.

    Returns
    -------
    (Box, list of Box)
        The chosen box and the peeling trajectory.

    Examples
    --------
    The outcome is x0 > 0.7 and x1 < 0.5; x2 is noise.

    >>> rng = np.random.default_rng(0)
    >>> X = rng.random((4000, 3))
    >>> box, _ = prim(X, (X[:, 0] > 0.7) & (X[:, 1] < 0.5))
    >>> sorted(box.limits), box.density > 0.9, box.coverage > 0.8
    (['x0', 'x1'], True, True)
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=bool)
    n, d = X.shape
    names = tuple(names) if names is not None else tuple(f"x{j}" for j in range(d))
    if y.shape != (n,):
        raise ParameterError(f"y has shape {y.shape}; expected ({n},), one outcome per row.")
    if not 0 < alpha < 0.5:
        raise ParameterError(f"alpha must lie in (0, 0.5); got {alpha!r}.")
    total = int(y.sum())
    if total == 0:
        raise ParameterError(
            "the outcome never occurs in the draws: there is no box to find. Draw more, widen the "
            "ranges, or ask about another outcome."
        )
    lo = np.full(d, -np.inf)
    hi = np.full(d, np.inf)

    def box(lo_, hi_):
        inside = _mask(X, lo_, hi_)
        m = int(inside.sum())
        hits = int(y[inside].sum())
        limits = {names[j]: (float(lo_[j]), float(hi_[j]))
                  for j in range(d) if np.isfinite(lo_[j]) or np.isfinite(hi_[j])}  # fmt: skip
        return Box(types.MappingProxyType(limits), hits / total, hits / m if m else 0.0,
                   m / n, m)  # fmt: skip

    trajectory = [box(lo, hi)]
    inside = np.ones(n, dtype=bool)
    while inside.sum() / n > min_mass:
        best = None
        xs, ys = X[inside], y[inside]
        for j in range(d):
            col = xs[:, j]
            for side in (0, 1):
                cut = np.quantile(col, alpha if side == 0 else 1 - alpha, method="lower"
                                  if side == 0 else "higher")  # fmt: skip
                keep = col > cut if side == 0 else col < cut
                if keep.all() or not keep.any():
                    continue
                mean = ys[keep].mean()
                if best is None or mean > best[0]:
                    best = (mean, j, side, cut)
        if best is None:
            break
        _, j, side, cut = best
        if side == 0:
            lo[j] = np.nextafter(cut, np.inf)
        else:
            hi[j] = np.nextafter(cut, -np.inf)
        inside = _mask(X, lo, hi)
        trajectory.append(box(lo, hi))
    # choice: densest box covering enough of the outcome
    eligible = [i for i, b in enumerate(trajectory) if b.coverage >= min_coverage] or [0]
    k = max(eligible, key=lambda i: (trajectory[i].density, -i))
    lo_k, hi_k = _bounds(trajectory[k], names)
    lo_k, hi_k = _paste(X, y, lo_k, hi_k, alpha)
    lo_k, hi_k = _simplify(X, y, lo_k, hi_k, max_restrictions, tolerance)
    return box(lo_k, hi_k), trajectory


def _bounds(b: Box, names):
    lo = np.full(len(names), -np.inf)
    hi = np.full(len(names), np.inf)
    for key, (a, z) in b.limits.items():
        j = names.index(key)
        lo[j], hi[j] = a, z
    return lo, hi


def _density(X, y, lo, hi):
    inside = _mask(X, lo, hi)
    return y[inside].mean() if inside.any() else 0.0


def _paste(X, y, lo, hi, alpha):
    """Widen restricted ends by slices of about α of the box's draws while the density rises."""
    improved = True
    while improved:
        improved = False
        base = _density(X, y, lo, hi)
        m = _mask(X, lo, hi).sum()
        best = None
        for j in range(X.shape[1]):
            for side in (0, 1):
                end = lo[j] if side == 0 else hi[j]
                if not np.isfinite(end):
                    continue
                others = _mask(np.delete(X, j, axis=1), np.delete(lo, j), np.delete(hi, j))
                col = X[others, j]
                outside = col[col < end] if side == 0 else col[col > end]
                if outside.size == 0:
                    continue
                k = min(max(1, int(math.ceil(alpha * m))), outside.size)
                new_end = np.sort(outside)[-k] if side == 0 else np.sort(outside)[k - 1]
                lo2, hi2 = lo.copy(), hi.copy()
                if side == 0:
                    lo2[j] = new_end if k < outside.size else -np.inf
                else:
                    hi2[j] = new_end if k < outside.size else np.inf
                dens = _density(X, y, lo2, hi2)
                if dens > base and (best is None or dens > best[0]):
                    best = (dens, lo2, hi2)
        if best is not None:
            _, lo, hi = best
            improved = True
    return lo, hi


def _simplify(X, y, lo, hi, max_restrictions, tolerance):
    """Drop restrictions (least harmful first) while the density stays within `tolerance`
    of the box's and then until at most `max_restrictions` remain."""
    target = _density(X, y, lo, hi)
    while True:
        restricted = [j for j in range(X.shape[1]) if np.isfinite(lo[j]) or np.isfinite(hi[j])]
        if not restricted:
            return lo, hi
        trials = []
        for j in restricted:
            lo2, hi2 = lo.copy(), hi.copy()
            lo2[j], hi2[j] = -np.inf, np.inf
            trials.append((_density(X, y, lo2, hi2), j, lo2, hi2))
        dens, j, lo2, hi2 = max(trials, key=lambda t: t[0])
        if dens >= target - tolerance or len(restricted) > max_restrictions:
            lo, hi = lo2, hi2
            continue
        return lo, hi


@dataclass(frozen=True, eq=False)
class Discovery:
    """A PRIM box for one outcome over joint draws, with its plain-words reading.

    Attributes
    ----------
    outcome : str
        The outcome in words.
    box : Box
    trajectory : tuple of Box
        The peeling trajectory (coverage falls, density rises along it).
    base_rate : float
        Share of all draws with the outcome.
    n : int
        Draws.
    units : mapping
        Parameter -> unit (for the reading).
    ranges : mapping
        Parameter -> (smallest, largest) value drawn.
    integers : frozenset of str
        Parameters drawn as whole numbers.
    """

    outcome: str
    box: Box
    trajectory: tuple
    base_rate: float
    n: int
    units: Mapping[str, str]
    ranges: Mapping[str, tuple[float, float]]
    integers: frozenset = frozenset()

    def conditions(self) -> list[str]:
        """Each restriction in words: ``'defender_tolerance is below 12 leakers'``."""
        out = []
        for key, (lo, hi) in self.box.limits.items():
            unit = self.units.get(key, "")
            u = f" {unit}" if unit and unit not in ("probability", "") else ""
            rlo, rhi = self.ranges.get(key, (-math.inf, math.inf))
            has_lo = np.isfinite(lo) and lo > rlo
            has_hi = np.isfinite(hi) and hi < rhi
            if key in self.integers:  # whole numbers: at least / at most / exactly
                a = math.ceil(lo) if has_lo else math.ceil(rlo)
                z = math.floor(hi) if has_hi else math.floor(rhi)
                if a == z or (has_lo and has_hi):
                    text = f"is {a}" if a == z else f"is between {a} and {z}"
                else:
                    text = f"is at least {a}" if has_lo else f"is at most {z}"
                out.append(f"{key} {text}{u}")
            elif has_lo and has_hi:
                out.append(f"{key} is between {_fmt(lo)} and {_fmt(hi)}{u}")
            elif has_lo:
                out.append(f"{key} is above {_fmt(lo)}{u}")
            elif has_hi:
                out.append(f"{key} is below {_fmt(hi)}{u}")
        return out

    def describe(self) -> str:
        """The box in one sentence, with its density, coverage and mass.

        Examples
        --------
        >>> import deterrence as dt
        >>> d = discover(dt.propagate("iran-2024", n=2048, seed=1), "escalation_likely")
        >>> d.describe().startswith("Escalation of the salvo is likely")
        True
        """
        conds = self.conditions()
        if not conds:
            return (
                f"{_cap(self.outcome)} in {self.base_rate:.0%} of the draws, with no region of "
                "the ranges where it is markedly more frequent."
            )
        return (
            f"{_cap(self.outcome)} in {self.box.density:.0%} of the draws where "
            f"{_join(conds)} (against {self.base_rate:.0%} over all draws); that region holds "
            f"{self.box.coverage:.0%} of the draws where it happens and {self.box.mass:.0%} of "
            "all draws."
        )

    def to_frame(self):
        """The peeling trajectory: coverage, density, mass and restrictions per step."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "step": i,
                    "coverage": b.coverage,
                    "density": b.density,
                    "mass": b.mass,
                    "restricted": len(b.limits),
                }
                for i, b in enumerate(self.trajectory)
            ]
        )

    def _repr_html_(self) -> str:
        import html

        return f"<p><b>Scenario discovery.</b> {html.escape(self.describe())}</p>"


def _fmt(v: float) -> str:
    if v == 0:
        return "0"
    digits = max(2 - int(math.floor(math.log10(abs(v)))) - 1, 0)
    return f"{round(v, digits):,.{digits}f}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def discover(
    result,
    outcome: str = "escalation_likely",
    *,
    threshold: float = 0.5,
    parameters=None,
    **options: Any,
) -> Discovery:
    """Scenario discovery on joint draws: the PRIM box where an outcome concentrates.

    Parameters
    ----------
    result : Propagation
        From :func:`deterrence.propagate`.
    outcome : str or array_like of bool
        ``"escalation_likely"`` (P(escalation) of the salvo above `threshold`),
        ``"window_open"``, ``"restraint_best"``, or a boolean per draw.
    threshold : float, keyword-only
        For ``"escalation_likely"``: the probability above which escalation counts as likely
        (default 0.5: more likely than not).
    parameters : iterable of str, keyword-only, optional
        Inputs to box (default: the uncertain parameters that enter the headline quantities).
    **options
        Passed to :func:`prim` (``alpha``, ``min_mass``, ``min_coverage``,
        ``max_restrictions``, ``tolerance``).

    Returns
    -------
    Discovery
    """
    from .uncertainty import INPUTS

    draws = result.draws
    if isinstance(outcome, str):
        if outcome not in OUTCOMES:
            from ..errors import close_match_hint

            raise ParameterError(
                f"unknown outcome {outcome!r}.{close_match_hint(outcome, OUTCOMES)} Outcomes: "
                f"{', '.join(OUTCOMES)}, or a boolean per draw."
            )
        words = OUTCOMES[outcome].format(threshold=threshold)
        y = {
            "window_open": lambda: draws["window_open"].to_numpy(dtype=bool),
            "escalation_likely": lambda: draws["p_escalation_salvo"].to_numpy() > threshold,
            "restraint_best": lambda: (draws["best_class"] == "restraint").to_numpy(),
        }[outcome]()
    else:
        words = "the outcome holds"
        y = np.asarray(outcome, dtype=bool)
    keys = list(parameters) if parameters is not None else [
        k for k in result.parameters if k in INPUTS
    ]  # fmt: skip
    missing = [k for k in keys if k not in draws.columns]
    if missing or not keys:
        raise ParameterError(
            f"no draws of {missing or 'any uncertain parameter'}; uncertain parameters: "
            f"{', '.join(result.parameters)}."
        )
    X = draws[keys].to_numpy(dtype=float)
    box, trajectory = prim(X, y, names=keys, **options)
    ranges = {k: (float(draws[k].min()), float(draws[k].max())) for k in keys}
    return Discovery(
        outcome=words,
        box=box,
        trajectory=tuple(trajectory),
        base_rate=float(y.mean()),
        n=len(y),
        units=types.MappingProxyType({k: result.units.get(k, "") for k in keys}),
        ranges=types.MappingProxyType(ranges),
        integers=frozenset(k for k in keys if draws[k].dtype.kind in "iu"),
    )
