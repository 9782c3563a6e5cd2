"""Thresholds and phase diagrams: where the equilibrium changes, found exactly.

:func:`find_thresholds` scans one parameter and locates every value at which the *structure* of
the equilibrium set changes (its support patterns, or its pure outcomes), or at which a model
function crosses a level. :func:`phase_diagram` labels a plane of two parameters by structure
and traces the boundaries between regions.

How "exact" is achieved:

* The structure is computed on a grid (vectorised with :func:`deterrence.solve_many` when the
  builder returns payoff stacks, else game by game), and every pair of neighbouring grid points
  with different structures brackets a threshold.
* A level crossing is a sign change of a continuous function: ``scipy.optimize.brentq`` refines
  it to ``xtol``. A change of equilibrium structure has no continuous indicator in general, so
  it is refined by bisection on the structure itself, all brackets at once (one stacked solve
  per halving), to ``xtol`` (about 30–40 halvings).
* Exactly at a threshold a game is degenerate and its equilibrium set has a structure of its own
  (a continuum, an extra extreme point), which the solver also reads in a thin band of near-ties
  around it. The scan and the bisection read labels with a tolerance of 1e-12 (the solver's is
  1e-9), so that band is far narrower than ``xtol``; crossings closer than ``10·xtol`` are one
  threshold.
* The reported value is the shortest decimal inside the final bracket (1.6 rather than
  1.60000000003). The structure *at* it is solved with the solver's own tolerance, whose band
  of near-ties (about 1e-8 wide) contains the value: so it is the structure of the exactly tied
  game, also when the threshold (7/24, say) has no exact binary form. Comparing it with the two
  sides says which side owns the tie: ``"left"``, ``"right"`` or ``"neither"`` (a structure of
  its own, e.g. Zagare & Kilgour's "any x is an equilibrium at p_B = p*"). For a model function
  the tie is read from f(value) − level: exactly 0 gives ``"neither"``.

Regions narrower than the grid spacing that begin and end between two grid points with the same
structure are not seen: refine the grid where that matters.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._tol import PURE_TOL, SUPPORT_EPS, XTOL
from .._tol import THRESHOLD_LABEL_TOL as LABEL_TOL
from ..errors import ParameterError, close_match_hint
from ..roots import crossing
from .sweeps import _Model

__all__ = ["find_thresholds", "Threshold", "Thresholds"]

#: crossings closer than MERGE_XTOL · xtol are one threshold (the tie structure between them)
MERGE_XTOL = 10
_KEYS = ("support", "pure", "spe")
_TIES = ("left", "right", "neither")


# -- validation ----------------------------------------------------------------------------------


def _name(value, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise ParameterError(f"{field} must be a parameter name (a string); got {value!r}.")
    return value


def _bounds(lo, hi, param: str) -> tuple[float, float]:
    vals = []
    for v in (lo, hi):
        if isinstance(v, bool) or not isinstance(v, numbers.Real):
            raise ParameterError(
                f"bounds of {param} must be two numbers (low, high); got ({lo!r}, {hi!r})."
            )
        vals.append(float(v))
    lo_, hi_ = vals
    if not (math.isfinite(lo_) and math.isfinite(hi_)):
        raise ParameterError(
            f"bounds of {param} must be finite; got ({lo_:g}, {hi_:g}). Give a finite search "
            "interval (the grid needs both ends)."
        )
    if lo_ > hi_:
        raise ParameterError(
            f"bounds of {param} are inverted: ({lo_:g}, {hi_:g}); give (low, high), i.e. "
            f"({hi_:g}, {lo_:g})."
        )
    if lo_ == hi_:
        raise ParameterError(
            f"bounds of {param} are empty: low = high = {lo_:g}; widen the interval."
        )
    return lo_, hi_


def _pair(bounds, param: str) -> tuple[float, float]:
    try:
        lo, hi = bounds
    except (TypeError, ValueError):
        raise ParameterError(
            f"bounds of {param} must be a pair (low, high); got {bounds!r}."
        ) from None
    return _bounds(lo, hi, param)


#: the most grid points one scan may evaluate (find_thresholds' grid, phase_diagram's
#: resolution product). Each point builds and solves a game: about 1 kB of memory and 10 us
#: to 1 ms of time, so 10**6 points are ~1 GB at worst and minutes. Raise it by assigning
#: ``deterrence.analysis.thresholds.GRID_BUDGET``.
GRID_BUDGET = 1_000_000


def _check_budget(points: int, field: str) -> None:
    """Refuse a scan of more than GRID_BUDGET points before allocating anything."""
    if points > GRID_BUDGET:
        from ..errors import ResourceBudgetError

        raise ResourceBudgetError(
            f"{field} asks for {points:,} grid points; the budget is {GRID_BUDGET:,} "
            f"(deterrence.analysis.thresholds.GRID_BUDGET; ~1 kB and up to 1 ms per point, so "
            f"~{points / 1e6:,.0f} GB and up to {points / 1e3 / 3600:,.1f} h). Use fewer points "
            "(the boundaries are refined exactly between grid points), or raise the budget: "
            f"deterrence.analysis.thresholds.GRID_BUDGET = {points}."
        )


def _points_on_axis(n, field: str) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise ParameterError(f"{field} must be a whole number of grid points >= 2; got {n!r}.")
    _check_budget(int(n), field)
    if n < 2:
        raise ParameterError(
            f"{field} must be at least 2 grid points per axis; got {n}. Use e.g. 100 (the "
            "boundaries are then refined exactly between grid points)."
        )
    return int(n)


def _xtol(xtol) -> float:
    if isinstance(xtol, bool) or not isinstance(xtol, numbers.Real) or not xtol > 0:
        raise ParameterError(f"xtol must be a positive number; got {xtol!r}. Default 1e-10.")
    if not math.isfinite(xtol):
        raise ParameterError(f"xtol must be finite; got {xtol}.")
    return float(xtol)


def _key(key, model):
    """The structure key, resolved: None means "spe" for builders of trees (or of games
    reduced from a tree, such as the crisis builders) and "support" otherwise."""
    kind = model.kind
    if key is None:
        key = "spe" if model.has_tree else "support"
    if key == "spe":
        model.key_on_spe()
        return key
    if kind == "tree":
        raise ParameterError(
            f"{model.name}() returns a GameTree: its thresholds are keyed on the "
            f"subgame-perfect outcome (key='spe'), not {key!r}."
        )
    if kind == "scalar":
        if key != "support":
            raise ParameterError(
                f"key applies to game builders; this builder returns a number, so thresholds "
                f"are where it crosses `level`. Drop key={key!r}."
            )
        return key
    if callable(key) or key in _KEYS:
        return key
    raise ParameterError(
        f"key must be 'support', 'pure', 'spe' or a function of the Equilibria; got {key!r}."
        + (close_match_hint(key, _KEYS) if isinstance(key, str) else "")
    )


def _level(level, kind: str):
    if kind != "scalar":
        if level is not None:
            raise ParameterError(
                "level applies to model functions that return a number; for a game builder "
                "the thresholds are where the equilibrium structure changes. Drop level=."
            )
        return None
    if level is None:
        return 0.0
    if isinstance(level, bool) or not isinstance(level, numbers.Real) or not math.isfinite(level):
        raise ParameterError(f"level must be a finite number; got {level!r}.")
    return float(level)


# -- structures ----------------------------------------------------------------------------------


def _per_game_sets(g: np.ndarray, vals: np.ndarray, N: int) -> list[tuple[int, ...]]:
    """The sorted distinct values of each game (g: game of each value)."""
    order = np.lexsort((vals, g))
    gs, vs = g[order], vals[order]
    keep = np.ones(len(gs), dtype=bool)
    keep[1:] = (gs[1:] != gs[:-1]) | (vs[1:] != vs[:-1])
    gs, vs = gs[keep], vs[keep]
    cut = np.searchsorted(gs, np.arange(N + 1)).tolist()
    vl = vs.tolist()
    return [tuple(vl[cut[i] : cut[i + 1]]) for i in range(N)]


def _labels_of(batch):
    m, n = batch.A.shape[1:]
    if batch.strategies is not None:
        return batch.strategies
    return tuple(f"r{i}" for i in range(m)), tuple(f"c{j}" for j in range(n))


class _Structures:
    """Equilibrium structure (a hashable signature) -> integer code, with a description.

    Codes are given in order of first appearance, so code 0 is the structure at the first point.
    """

    def __init__(self, key, *, level=None, quantity="value"):
        self.key = key
        self.level = level
        self.quantity = quantity
        self.code_of: dict = {}
        self.text: list[str] = []

    def _code(self, sig, describe, register: bool) -> int:
        code = self.code_of.get(sig)
        if code is None:
            if not register:
                return -1
            code = self.code_of[sig] = len(self.text)
            self.text.append(describe())
        return code

    def codes(self, ev, *, register: bool = True) -> np.ndarray:
        out = np.empty(ev.n, dtype=np.intp)
        if ev.outcomes is not None:
            for i, text in enumerate(ev.outcomes):
                out[i] = self._code(("spe", text), lambda text=text: text, register)
            return out
        if ev.values is not None:
            words = {-1: "<", 0: "=", 1: ">"}
            for i, s in enumerate(np.sign(ev.values - self.level).astype(int).tolist()):
                out[i] = self._code(
                    ("level", s), lambda s=s: f"{self.quantity} {words[s]} {self.level:g}", register
                )
            return out
        for idx, batch in ev.groups:
            sigs, describe = self._signatures(batch, ev, idx)
            cache: dict = {}
            for k, sig in enumerate(sigs):
                if sig not in cache:
                    text = lambda sig=sig, describe=describe: describe(sig)  # noqa: E731
                    cache[sig] = self._code(sig, text, register)
                out[idx[k]] = cache[sig]
        return out

    def _signatures(self, batch, ev, idx):
        N, m, n = batch.A.shape
        rows, cols = _labels_of(batch)
        g = batch.game_index
        if self.key == "support":
            rm = (batch.x > SUPPORT_EPS).astype(np.int64) @ (np.int64(1) << np.arange(m))
            cm = (batch.y > SUPPORT_EPS).astype(np.int64) @ (np.int64(1) << np.arange(n))
            sets = _per_game_sets(g, rm | (cm << m), N)

            def describe(sig):
                parts = []
                for mask in sig[2]:
                    r = "+".join(s for i, s in enumerate(rows) if mask >> i & 1)
                    c = "+".join(s for j, s in enumerate(cols) if mask >> (m + j) & 1)
                    parts.append(f"{r} / {c}")
                return "; ".join(parts)

            return [("support", (rows, cols), s) for s in sets], describe
        if self.key == "pure":
            pure = (np.abs(batch.x - 1) < PURE_TOL).any(axis=1) & (
                np.abs(batch.y - 1) < PURE_TOL
            ).any(axis=1)
            cell = batch.x.argmax(axis=1) * n + batch.y.argmax(axis=1)
            sets = _per_game_sets(g[pure], cell[pure], N)

            def describe(sig):
                if not sig[2]:
                    return "no pure equilibrium"
                return "; ".join(f"{rows[c // n]} / {cols[c % n]}" for c in sig[2])

            return [("pure", (rows, cols), s) for s in sets], describe
        sigs = []
        for k in range(N):
            sig = self.key(ev.equilibria(int(idx[k])))
            try:
                hash(sig)
            except TypeError:
                raise ParameterError(
                    f"key must return a hashable value (str, number, tuple); it returned "
                    f"{type(sig).__name__}. Convert lists to tuples."
                ) from None
            sigs.append(("key", sig))
        return sigs, lambda sig: str(sig[1])


def _describe_points(model, structures, points, label_tol):
    """Codes, describe() strings of the equilibria (or the level relation), and the number of
    equilibria (or the value) at some points."""
    ev = model.evaluate(points, label_tol=label_tol)
    codes = structures.codes(ev)
    if ev.outcomes is not None:
        return codes, [(o,) for o in ev.outcomes], None
    if ev.values is not None:
        return codes, [(structures.text[c],) for c in codes], ev.values
    text = [tuple(e.describe() for e in ev.equilibria(i)) for i in range(ev.n)]
    return codes, text, ev.counts()


# -- refinement ----------------------------------------------------------------------------------


def _bisect(model, structures, make_points, a, b, ca, cb, xtol):
    """Bisect K brackets at once on the equilibrium structure.

    a, b: bracket ends (K,); ca, cb: structure codes at a and b. ``make_points(t, edge)`` gives
    the parameter arrays at positions t on brackets `edge`. A midpoint with a third structure
    splits its bracket in two. Returns arrays (edge, a, b, ca, cb, witness_a, witness_b) of the
    final brackets, each narrower than xtol; witnesses are the outermost points known to carry
    ca and cb (grid points, or split points).
    """
    K = len(a)
    cur = [np.arange(K), a.astype(float), b.astype(float), ca.copy(), cb.copy()]
    cur += [cur[1].copy(), cur[2].copy()]
    done = []
    while len(cur[0]):
        e, lo, hi, clo, chi, wlo, whi = cur
        mid = 0.5 * (lo + hi)
        fin = (hi - lo <= xtol) | (mid <= lo) | (mid >= hi)
        if fin.any():
            done.append([c[fin] for c in cur])
            cur = [c[~fin] for c in cur]
            e, lo, hi, clo, chi, wlo, whi = cur
            mid = mid[~fin]
        if not len(e):
            break
        ev = model.evaluate(make_points(mid, e), label_tol=LABEL_TOL)
        cm = structures.codes(ev)
        left = cm == clo
        right = (cm == chi) & ~left
        split = ~(left | right)
        new = [c[split].copy() for c in cur]
        # the split's upper half: a new bracket from the midpoint (third structure) to hi
        new[1], new[3], new[5] = mid[split], cm[split], mid[split]
        lo = np.where(left, mid, lo)
        hi = np.where(right | split, mid, hi)
        chi = np.where(split, cm, chi)
        whi = np.where(split, mid, whi)
        cur = [
            np.concatenate([x, y])
            for x, y in zip([e, lo, hi, clo, chi, wlo, whi], new, strict=True)
        ]
    if not done:
        return [
            np.zeros(0, dtype=t) for t in (np.intp, float, float, np.intp, np.intp, float, float)
        ]
    return [np.concatenate([d[j] for d in done]) for j in range(7)]


def _clusters(line, edge, a, b, ca, cb, wa, wb, gap):
    """Merge the crossings on one grid line closer than `gap` into one threshold each.

    Crossings on neighbouring edges of a line are merged too (a threshold exactly at a grid
    point shows as two crossings, one on each side). Yields (edge, first a, last b, left code,
    right code, left witness, right witness).
    """
    order = np.lexsort((a, line))
    cur, cur_line = None, None
    for k in order.tolist():
        if cur is not None and line[k] == cur_line and a[k] - cur[2] <= gap:
            cur = (cur[0], cur[1], max(cur[2], b[k]), cur[3], cb[k], cur[5], wb[k])
            continue
        if cur is not None:
            yield cur
        cur_line = line[k]
        cur = (edge[k], a[k], b[k], ca[k], cb[k], wa[k], wb[k])
    if cur is not None:
        yield cur


def _decimals(x: float, lo: float, hi: float) -> list[float]:
    """Roundings of x to ever more decimal places (shortest first) that lie in [lo, hi]."""
    top = max(abs(lo), abs(hi))
    first = -int(math.floor(math.log10(top))) - 1 if top > 0 else 0
    out = []
    for places in range(first, 18):
        s = round(x, places)
        if lo <= s <= hi and s not in out:
            out.append(s)
    return out


def _settle(model, structures, make_points, clusters):
    """The value and the exact-tie structure of each threshold (cluster of crossings).

    The value is the shortest decimal inside the cluster's bracket (1.6, not 1.60000000003).
    The structure *at* it is read with the solver's own label tolerance (1e-9): exactly at a
    threshold the game is tied, and within that tolerance of the tie — a band far wider than
    the bracket — the solver reads the tied game, so this is the structure of the exactly tied
    game even when the threshold (7/24, say) has no exact binary representation.
    Returns (values, codes at the values).
    """
    edge = np.array([c[0] for c in clusters], dtype=np.intp)
    values = np.array(
        [(_decimals(0.5 * (c[1] + c[2]), c[1], c[2]) or [0.5 * (c[1] + c[2])])[0] for c in clusters]
    )
    at = structures.codes(model.evaluate(make_points(values, edge)))
    return values, at


# -- one parameter ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Threshold:
    """One parameter value at which the equilibrium structure changes (or a level is crossed).

    Attributes
    ----------
    param : str
        The parameter.
    value : float
        Where the change happens (to ``xtol``; the shortest decimal in the final bracket).
    left, right : tuple of str
        The equilibria (``Equilibrium.describe()`` strings) on each side, at the nearest grid
        point; for a model function, the relation to the level (``"f < 0"``).
    tie : {"left", "right", "neither"}
        Which side's structure holds exactly at ``value``; ``"neither"``: a structure of its own
        (e.g. a continuum of equilibria, or f = level).
    at : tuple of str
        The equilibria (or relation) exactly at ``value``.
    left_code, right_code, at_code : int
        Structure codes (index into :attr:`Thresholds.structures`).
    """

    param: str
    value: float
    left: tuple[str, ...]
    right: tuple[str, ...]
    tie: str
    at: tuple[str, ...] = ()
    left_code: int = -1
    right_code: int = -1
    at_code: int = -1

    def __post_init__(self):
        if self.tie not in _TIES:
            raise ParameterError(f"tie must be one of {_TIES}; got {self.tie!r}.")
        object.__setattr__(self, "value", float(self.value))

    @property
    def label(self) -> str:
        """A short label for charts, e.g. ``'reputation_stake = 1.6'``."""
        return f"{self.param} = {self.value:.10g}"


def _html_table(header, rows) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table style="border-collapse:collapse"><tr>{head}</tr>{body}</table>'


@dataclass(frozen=True, eq=False)
class Thresholds(Sequence):
    """The thresholds of one parameter, with the grid scan behind them (a sequence of
    :class:`Threshold`).

    Attributes
    ----------
    param : str
    bounds : (float, float)
    thresholds : tuple of Threshold
    grid : ndarray (n,)
        The scanned parameter values.
    codes : ndarray (n,) of int
        Structure code at each grid point (index into `structures`).
    structures : tuple of str
        Description of each structure code: support patterns ``"rows / columns"`` joined by
        ``"; "`` (key ``"support"``), pure outcomes (``"pure"``), ``str(key(eqs))``, or the
        relation to the level.
    n_equilibria : ndarray (n,) of int or None
        Number of extreme equilibria at each grid point (games).
    curve : ndarray (n,) or None
        The model function's value at each grid point (model functions).
    level : float or None
    key : str
    unit : str or None
    builder : str
    xtol : float
    """

    param: str
    bounds: tuple[float, float]
    thresholds: tuple[Threshold, ...]
    grid: np.ndarray
    codes: np.ndarray
    structures: tuple[str, ...]
    n_equilibria: np.ndarray | None = None
    curve: np.ndarray | None = None
    level: float | None = None
    key: str = "support"
    unit: str | None = None
    builder: str = ""
    xtol: float = XTOL

    def __post_init__(self):
        for name in ("grid", "codes", "n_equilibria", "curve"):
            v = getattr(self, name)
            if v is not None:
                v = np.array(v)
                v.setflags(write=False)
                object.__setattr__(self, name, v)

    def __len__(self):
        return len(self.thresholds)

    def __getitem__(self, i):
        return self.thresholds[i]

    @property
    def values(self) -> np.ndarray:
        """The threshold values, increasing."""
        return np.array([t.value for t in self.thresholds])

    def to_frame(self):
        """A pandas DataFrame, one row per threshold: param, value, tie, left, at, right."""
        import pandas as pd

        return pd.DataFrame(
            {
                "param": [t.param for t in self],
                "value": [t.value for t in self],
                "tie": [t.tie for t in self],
                "left": ["; ".join(t.left) for t in self],
                "at": ["; ".join(t.at) for t in self],
                "right": ["; ".join(t.right) for t in self],
            }
        )

    def plot(self, ax=None, **kwargs):
        """The scan against the parameter with the thresholds marked (delegates to
        :func:`deterrence.plot.thresholds.threshold_plot`); returns the Axes."""
        from ..plot.thresholds import threshold_plot as draw  # a result's drawing hook

        return draw(self, ax=ax, **kwargs)

    def _summary(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        what = f"level {self.level:g}" if self.level is not None else f"key={self.key!r}"
        return (
            f"{len(self)} threshold(s) of {self.param} in [{self.bounds[0]:g}, "
            f"{self.bounds[1]:g}]{unit} ({self.builder}, {what}, xtol {self.xtol:g})"
        )

    def __repr__(self):
        lines = [self._summary()]
        for t in self:
            lines.append(f"  {t.param} = {t.value:.12g}  (tie: {t.tie})")
            lines.append(f"    below: {'; '.join(t.left)}")
            lines.append(f"    at:    {'; '.join(t.at)}")
            lines.append(f"    above: {'; '.join(t.right)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = [
            (f"{t.value:.12g}", t.tie, "; ".join(t.left), "; ".join(t.at), "; ".join(t.right))
            for t in self
        ]
        table = _html_table(["value", "tie", "below", "at", "above"], rows)
        return f"<div><b>{html.escape(self._summary())}</b>{table}</div>"


def _grid_values(grid, lo: float, hi: float, param: str) -> np.ndarray:
    if isinstance(grid, numbers.Integral) and not isinstance(grid, bool):
        return np.linspace(lo, hi, _points_on_axis(grid, "grid"))
    xs = np.asarray(grid, dtype=float) if not isinstance(grid, bool) else np.zeros(0)
    if xs.ndim != 1 or xs.size < 2 or not np.isfinite(xs).all():
        raise ParameterError(
            f"grid must be a number of points (>= 2) or a 1-D array of at least 2 finite values "
            f"of {param}; got {grid!r}."
        )
    if np.any(np.diff(xs) <= 0) or xs[0] < lo or xs[-1] > hi:
        raise ParameterError(
            f"grid values of {param} must increase strictly and lie within the bounds "
            f"[{lo:g}, {hi:g}]."
        )
    return xs


def find_thresholds(
    builder,
    param,
    bounds,
    *,
    fixed=None,
    grid=201,
    level=None,
    key=None,
    xtol=XTOL,
    units=None,
) -> Thresholds:
    """Every value of one parameter at which the equilibrium changes, located to ``xtol``.

    Parameters
    ----------
    builder : callable
        A game builder (named parameters -> :class:`~deterrence.game.Game`, or -> payoff
        matrices (A, B), stacked (N, m, n) when given arrays), or a model function returning a
        number.
    param : str
        The parameter to vary (a keyword of `builder`).
    bounds : (float, float)
        The interval to search, low < high, finite.
    fixed : dict, optional
        The other parameters (numbers, flags such as ``strict=False``, a scenario).
    grid : int or array_like
        Grid points scanned before refining (default 201), or the grid values themselves.
    level : float, optional
        For a model function: the level whose crossings are sought (default 0). Not for games.
    key : {"support", "pure", "spe"} or callable, optional
        What "the equilibrium changes" means for games: the set of support patterns of the
        extreme equilibria (the default for games); the set of pure equilibria; the
        subgame-perfect outcome of the tree (``"spe"``, the default for builders returning a
        GameTree or a Game reduced from one, such as ``retaliation_game``: the credible
        outcome, found by backward induction with exact payoff comparisons, so thresholds
        converge to ``xtol``); or any hashable function of the
        :class:`~deterrence.solve.result.Equilibria` (e.g. ``len``).
    xtol : float
        Absolute tolerance on each threshold (default 1e-10).
    units : dict, optional
        Units of parameters, for displays and charts (known for the retaliation game).

    Returns
    -------
    Thresholds
        A sequence of :class:`Threshold` (value, the equilibria on each side and at the
        threshold, which side owns the tie) with the grid scan (``grid``, ``codes``,
        ``structures``, ``n_equilibria`` or ``curve``) for charts.

    Raises
    ------
    ParameterError
        Inverted, empty or non-finite bounds; a grid of fewer than 2 points; a parameter the
        builder does not take (with the close match); `level` with a game builder; a builder
        that fails inside the bounds (the message names the parameter values; the builder's
        exception is chained).

    Examples
    --------
    The retaliation game with commitment (:func:`deterrence.games.retaliation_commitment_game`):
    the calibrated strike stays a best reply to a proportional policy while d·(ℓ − 1) ≥ (1 − share)·R̄, i.e.
    R̄ ≤ 0.8/0.5 = 1.6; and the deterrence component loses its interior vertex at R̄ = 18/13.

    >>> import deterrence as dt
    >>> ths = dt.find_thresholds(dt.games.retaliation_commitment_game, "reputation_stake", (0.5, 3))
    >>> [round(t.value, 9) for t in ths]
    [1.384615385, 1.6]
    >>> ths[1].tie, "calibrated / proportional" in ths[1].left, len(ths[1].right)
    ('neither', True, 3)

    A model function: grim trigger sustains cooperation in the Prisoner's Dilemma (5, 3, 1, 0)
    iff δ ≥ (T − R)/(T − P) = 1/2 (Friedman 1971), where the deviation gain crosses zero.

    >>> def deviation_gain(delta, T=5, R=3, P=1):
    ...     return T + delta * P / (1 - delta) - R / (1 - delta)
    >>> th = dt.find_thresholds(deviation_gain, "delta", (0, 0.9))[0]
    >>> th.value, th.tie, th.left, th.right
    (0.5, 'neither', ('deviation_gain > 0',), ('deviation_gain < 0',))
    """
    param = _name(param, "param")
    lo, hi = _pair(bounds, param)
    xs = _grid_values(grid, lo, hi, param)
    xtol = _xtol(xtol)
    model = _Model(builder, fixed, [param], units=units)
    model.probe({param: xs[0]})
    key = _key(key, model)
    level = _level(level, model.kind)
    structures = _Structures(key, level=level, quantity=model.name)
    ev = model.evaluate({param: xs}, label_tol=LABEL_TOL)
    codes = structures.codes(ev)
    br = np.flatnonzero(codes[:-1] != codes[1:])
    a, b, ca, cb = xs[br], xs[br + 1], codes[br], codes[br + 1]
    gap = MERGE_XTOL * xtol
    if model.kind == "scalar":
        found = _level_crossings(
            model, param, level, a, b, ca, cb, ev.values[br], ev.values[br + 1], xtol
        )
    else:
        found = _bisect(model, structures, lambda t, e: {param: t}, a, b, ca, cb, xtol)
    clusters = list(_clusters(np.zeros(len(found[0]), dtype=np.intp), *found, gap=gap))
    k = len(clusters)
    thresholds = []
    if k:
        if model.kind == "scalar":
            values = np.array([_root_value(model, param, level, c, xtol) for c in clusters])
        else:
            values, _ = _settle(model, structures, lambda t, e: {param: t}, clusters)
        at_codes, at_text, _ = _describe_points(model, structures, {param: values}, None)
        wit = np.array([c[5] for c in clusters] + [c[6] for c in clusters], dtype=float)
        _, side_text, _ = _describe_points(model, structures, {param: wit}, LABEL_TOL)
        for j, c in enumerate(clusters):
            at_code, left_code, right_code = int(at_codes[j]), int(c[3]), int(c[4])
            tie = (
                "left" if at_code == left_code else "right" if at_code == right_code else "neither"
            )
            if left_code == right_code and tie != "neither":
                continue  # crossings that cancel with nothing distinct at the point
            thresholds.append(
                Threshold(
                    param=param,
                    value=values[j],
                    left=side_text[j],
                    right=side_text[k + j],
                    tie=tie,
                    at=at_text[j],
                    left_code=left_code,
                    right_code=right_code,
                    at_code=at_code,
                )
            )
    thresholds.sort(key=lambda t: t.value)
    return Thresholds(
        param=param,
        bounds=(lo, hi),
        thresholds=tuple(thresholds),
        grid=xs,
        codes=codes,
        structures=tuple(structures.text),
        n_equilibria=None if ev.values is not None or ev.outcomes is not None else ev.counts(),
        curve=ev.values,
        level=level,
        key=key if isinstance(key, str) else getattr(key, "__name__", repr(key)),
        unit=model.units.get(param),
        builder=model.name,
        xtol=xtol,
    )


def _level_crossings(model, param, level, a, b, ca, cb, fa, fb, xtol):
    """Brent's method on f − level in each bracket; an exact zero at a grid point is the
    crossing."""

    def g(t):
        return float(model.evaluate({param: np.array([t])}).values[0]) - level

    lo, hi = np.empty(len(a)), np.empty(len(a))
    for i in range(len(a)):
        if fa[i] == level:
            lo[i] = hi[i] = a[i]
        elif fb[i] == level:
            lo[i] = hi[i] = b[i]
        else:
            lo[i] = hi[i] = crossing(g, a[i], b[i], xtol=xtol)
    return np.zeros(len(a), dtype=np.intp), lo, hi, ca, cb, a.astype(float), b.astype(float)


def _root_value(model, param, level, cluster, xtol) -> float:
    """The shortest decimal within xtol of a level crossing that is at least as good a root."""
    root = 0.5 * (cluster[1] + cluster[2])
    if cluster[1] == cluster[2] and cluster[1] in (cluster[5], cluster[6]):
        return float(root)  # f equals the level exactly at a grid point

    def gap(t):
        return abs(float(model.evaluate({param: np.array([t])}).values[0]) - level)

    g0 = gap(root)
    for s in _decimals(root, root - xtol, root + xtol):
        if gap(s) <= g0:
            return s
    return float(root)
