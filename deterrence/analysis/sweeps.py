"""Parameter sweeps: every extreme equilibrium (or a model's value) at every point of a grid.

:func:`sweep` runs a builder over a grid of parameter values and returns one row per grid point
and extreme equilibrium. The machinery behind it — reading what a builder takes and returns,
calling it on many points (as one vectorised call when it accepts arrays), solving the games in
stacks with :func:`deterrence.solve_many` — is shared with :mod:`deterrence.analysis.thresholds`.

A *builder* is any callable taking named parameters and returning

* a :class:`~deterrence.game.Game` (``dt.games.chicken``, ``dt.games.retaliation_game``);
* a pair ``(A, B)`` of payoff matrices — stacks of shape (N, m, n) when it is given arrays of
  N parameter values (``dt.games.retaliation_payoffs``): then a sweep is one numpy pass;
* a number (a model function such as a deviation gain): the sweep reports its value.

``dt.games.retaliation_game`` (and ``retaliation_commitment_game``) are swept through their
vectorised twins ``retaliation_payoffs`` (``retaliation_commitment_payoffs``).
"""

from __future__ import annotations

import inspect
import math
import numbers
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from .._tol import SOLVER_LABEL_TOL
from ..errors import InvalidGameError, ParameterError, close_match_hint
from ..game import Game
from ..tree import GameTree

__all__ = ["sweep"]

#: a probability above this counts as played (the same rule as ``Equilibrium.support``)
#: points per chunk: vectorised builders (one numpy pass each) and game-by-game builders
CHUNK_VECTORISED = 5000
CHUNK_PER_POINT = 500
#: expected run time (s) above which progress is shown on a terminal
PROGRESS_AFTER = 2.0


# -- builders ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PayoffForm:
    """The vectorised payoff function of a registered game builder, with its labels."""

    payoffs: Callable
    parameters: tuple[str, ...]
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    units: Mapping[str, str]


def _payoff_forms() -> dict:
    from ..games import crisis
    from ..scenario.schema import PARAMETERS

    units = {k: PARAMETERS[k].unit for k in crisis.EXCHANGE_PARAMETERS}
    forms = {}
    for game, payoffs, strategies in (
        (crisis.retaliation_game, crisis.retaliation_payoffs, crisis.RETALIATION_STRATEGIES),
        (
            crisis.retaliation_commitment_game,
            crisis.retaliation_commitment_payoffs,
            (crisis.RESPONSE_CLASSES, crisis.REPLIES),
        ),
    ):
        form = _PayoffForm(
            payoffs=payoffs,
            parameters=("scenario_or_params", *crisis.EXCHANGE_PARAMETERS),
            players=("Challenger", "Defender"),
            strategies=strategies,
            units=units,
        )
        forms[game] = forms[payoffs] = form
    return forms


def _plain(v):
    return v.item() if isinstance(v, np.generic) else v


def _fmt_point(point: Mapping) -> str:
    parts = []
    for k, v in point.items():
        v = _plain(v)
        parts.append(f"{k}={v:.10g}" if isinstance(v, numbers.Real) else f"{k}={v!r}")
    return ", ".join(parts)


class _Model:
    """A builder with its fixed parameters: what it returns and how to call it on many points.

    ``kind`` is ``"game"`` (returns a Game), ``"payoffs"`` (returns (A, B)), ``"scalar"``
    (returns a number) or ``"tree"`` (returns a GameTree); it is read from a first call
    (:meth:`probe`), and :meth:`key_on_spe` turns it to ``"spe"`` (the subgame-perfect outcome
    of the tree behind each point). ``has_tree`` says whether the builder's result carries a
    tree (a GameTree, or a Game reduced from one). ``vectorised`` records whether one call
    with arrays of N values returned N answers (None: not tried yet).
    """

    def __init__(self, builder, fixed, varied, *, units=None):
        if not callable(builder):
            raise TypeError(
                f"builder must be a callable taking named parameters (e.g. dt.games.chicken); "
                f"got {type(builder).__name__}."
            )
        if fixed is None:
            fixed = {}
        if not isinstance(fixed, Mapping) or not all(isinstance(k, str) for k in fixed):
            raise ParameterError(
                f"fixed must be a mapping of parameter names to values, e.g. "
                f"{{'audience_cost': 0.5}}; got {fixed!r}."
            )
        self.builder = builder
        self.name = getattr(builder, "__name__", type(builder).__name__)
        try:
            self.form = _payoff_forms().get(builder)
        except TypeError:  # an unhashable callable object: not a registered builder
            self.form = None
        self.varied = tuple(varied)
        both = sorted(set(self.varied) & set(fixed))
        if both:
            raise ParameterError(
                f"{both[0]!r} is both varied and given in fixed; remove it from fixed "
                "(the sweep or search sets it)."
            )
        self.fixed = dict(fixed)
        self._check_names()
        self.kind = None
        self.has_tree = False
        self.vectorised = None
        self.players = ("Row", "Column")
        self.strategies = None
        self.units = dict(self.form.units) if self.form else {}
        if units is not None:
            if not isinstance(units, Mapping):
                raise ParameterError(
                    f"units must map parameter names to unit strings; got {units!r}."
                )
            self.units.update({str(k): str(v) for k, v in units.items()})

    # -- names ---------------------------------------------------------------------------------
    def _check_names(self):
        try:
            sig = inspect.signature(self.builder)
        except (TypeError, ValueError):  # some builtins have no signature: nothing to check
            return
        P = inspect.Parameter
        named = [
            n
            for n, p in sig.parameters.items()
            if p.kind in (P.POSITIONAL_OR_KEYWORD, P.KEYWORD_ONLY)
        ]
        if self.form is not None:
            accepted, open_ = list(self.form.parameters), False
        else:
            accepted = named
            open_ = any(p.kind == P.VAR_KEYWORD for p in sig.parameters.values())
        for name in (*self.varied, *self.fixed):
            if not isinstance(name, str):
                raise ParameterError(f"parameter names must be strings; got {name!r}.")
            if name not in accepted and not open_:
                raise ParameterError(
                    f"{self.name}() takes no parameter {name!r}."
                    f"{close_match_hint(name, accepted)} Its parameters: {', '.join(accepted)}."
                )
        given = set(self.varied) | set(self.fixed)
        missing = [
            n
            for n, p in sig.parameters.items()
            if p.default is P.empty
            and p.kind in (P.POSITIONAL_ONLY, P.POSITIONAL_OR_KEYWORD, P.KEYWORD_ONLY)
            and n not in given
        ]
        if missing:
            raise ParameterError(
                f"{self.name}() needs a value for {', '.join(map(repr, missing))}: vary it or give "
                f"it in fixed={{{missing[0]!r}: ...}}."
            )

    # -- calls ---------------------------------------------------------------------------------
    def _failure(self, point: Mapping, exc: Exception) -> ParameterError:
        return ParameterError(
            f"{self.name}() raised {type(exc).__name__} at {_fmt_point(point)}: {exc} "
            f"The builder is not defined on this part of the range: narrow the range of "
            f"{', '.join(self.varied)}, or relax the builder (the classic games take "
            "strict=False)."
        )

    def _call(self, fn, point: Mapping):
        try:
            return fn(**self.fixed, **point)
        except Exception as exc:  # any failure of user code is reported with the point
            raise self._failure(point, exc) from exc

    def _kind_of(self, out) -> str:
        if isinstance(out, Game):
            return "game"
        if isinstance(out, GameTree):
            return "tree"
        if isinstance(out, tuple | list) and len(out) == 2 and all(np.ndim(o) == 2 for o in out):
            return "payoffs"
        if isinstance(out, numbers.Real) or (
            isinstance(out, np.ndarray | np.generic) and np.ndim(out) == 0
        ):
            return "scalar"
        from ..errors import BuilderError

        raise BuilderError(
            f"{self.name}() returned {type(out).__name__}; a builder must return a Game, a pair "
            "(A, B) of payoff matrices, a GameTree, or a number (a model function)."
        )

    def probe(self, point: Mapping):
        """Call the builder once (scalars) to learn what it returns and its labels."""
        point = {k: _plain(v) for k, v in point.items()}
        out = self._call(self.builder, point)
        kind = self._kind_of(out)
        self.has_tree = kind == "tree" or (kind == "game" and out.tree is not None)
        if self.form is not None:
            self.kind = "payoffs"
            self.players, self.strategies = self.form.players, self.form.strategies
            scenario = point.get("scenario_or_params")
            if hasattr(scenario, "players"):  # the scenario's names label the rows and columns
                self.players = tuple(scenario.players)
            return
        self.kind = kind
        if kind == "game":
            self.players, self.strategies = out.players, out.strategies
            self.vectorised = False

    def key_on_spe(self):
        """Evaluate the subgame-perfect outcome of each point's tree instead of equilibria."""
        if not self.has_tree:
            raise ParameterError(
                f"key='spe' needs a builder returning a GameTree or a Game reduced from one "
                f"(game.tree); {self.name}() returns neither. Use key='support' or 'pure'."
            )
        self.kind = "spe"

    def _outcomes(self, points, n) -> list:
        out = []
        for i in range(n):
            pt = _point(points, i)
            res = self._call(self.builder, pt)
            tree = res if isinstance(res, GameTree) else getattr(res, "tree", None)
            if tree is None:
                raise TypeError(
                    f"{self.name}() returned a tree at the first point but "
                    f"{type(res).__name__} without one at {_fmt_point(pt)}."
                )
            out.append(spe_outcome(tree))
        return out

    def evaluate(self, points: Mapping[str, np.ndarray], *, label_tol=None) -> _Evaluation:
        """The equilibria (or values) at N points given as arrays of N values per parameter."""
        n = len(next(iter(points.values())))
        if self.kind is None:
            self.probe({k: v[0] for k, v in points.items()})
        if self.kind == "spe":
            return _Evaluation(n, outcomes=self._outcomes(points, n))
        if self.kind == "tree":
            raise ParameterError(
                f"{self.name}() returns a GameTree: key its thresholds on the subgame-perfect "
                "outcome (key='spe'), or sweep its normal form (dt.reduced_normal_form(tree))."
            )
        if self.kind == "scalar":
            return _Evaluation(n, values=self._scalars(points, n))
        if self.kind == "payoffs":
            A, B = self._payoff_stacks(points, n)
            batch = _solve_stack(A, B, self.players, self.strategies, label_tol)
            return _Evaluation(n, groups=[(np.arange(n), batch)])
        games = [self._call(self.builder, _point(points, i)) for i in range(n)]
        groups: dict = {}
        for i, g in enumerate(games):
            if not isinstance(g, Game):
                raise TypeError(
                    f"{self.name}() returned a Game at the first point but "
                    f"{type(g).__name__} at {_fmt_point(_point(points, i))}."
                )
            groups.setdefault((g.shape, g.players, g.strategies), []).append(i)
        out = []
        for (_, players, strategies), idx in groups.items():
            A = np.stack([games[i].A for i in idx])
            B = np.stack([games[i].B for i in idx])
            out.append((np.array(idx), _solve_stack(A, B, players, strategies, label_tol)))
        return _Evaluation(n, groups=out)

    def _payoff_stacks(self, points, n):
        fn = self.form.payoffs if self.form is not None else self.builder
        if self.vectorised is not False:
            try:
                out = fn(**self.fixed, **points)
                A, B = (np.asarray(o, dtype=float) for o in out)
                if A.ndim == 3 and A.shape == B.shape and A.shape[0] == n:
                    self.vectorised = True
                    return A, B
            except Exception:  # a point outside the builder's domain is named below
                pass
        pairs = [self._call(fn, _point(points, i)) for i in range(n)]
        shapes = set()
        for i, p in enumerate(pairs):
            if self._kind_of(p) != "payoffs":
                raise TypeError(
                    f"{self.name}() returned payoff matrices at the first point but "
                    f"{type(p).__name__} at {_fmt_point(_point(points, i))}."
                )
            shapes.add((np.shape(p[0]), np.shape(p[1])))
        if len(shapes) != 1:
            raise InvalidGameError(
                f"{self.name}() returned payoff matrices of different shapes {sorted(shapes)} "
                "across the grid; return Games (solved shape by shape) or keep the shape fixed."
            )
        self.vectorised = False
        A = np.stack([np.asarray(p[0], dtype=float) for p in pairs])
        B = np.stack([np.asarray(p[1], dtype=float) for p in pairs])
        return A, B

    def _scalars(self, points, n) -> np.ndarray:
        vals = None
        if self.vectorised is not False:
            try:
                out = np.asarray(self.builder(**self.fixed, **points), dtype=float)
                if out.shape == (n,):
                    self.vectorised, vals = True, out
            except Exception:  # a point outside the function's domain is named below
                pass
        if vals is None:
            self.vectorised = False
            vals = np.empty(n)
            for i in range(n):
                pt = _point(points, i)
                v = self._call(self.builder, pt)
                if self._kind_of(v) != "scalar":
                    raise TypeError(
                        f"{self.name}() returned a number at the first point but "
                        f"{type(v).__name__} at {_fmt_point(pt)}."
                    )
                vals[i] = float(v)
        bad = np.flatnonzero(~np.isfinite(vals))
        if len(bad):
            pt = _point(points, int(bad[0]))
            raise ParameterError(
                f"{self.name}() returned {vals[bad[0]]} at {_fmt_point(pt)}; a model function "
                "must return finite numbers. Narrow the range to where it is defined."
            )
        return vals


def _point(points: Mapping[str, np.ndarray], i: int) -> dict:
    return {k: _plain(v[i]) for k, v in points.items()}


def spe_outcome(tree) -> str:
    """The subgame-perfect outcome of a tree, as text: each reached decision node's choice.

    Payoffs are compared exactly (``spe(tol=0)``), so a change of outcome lies where the
    payoffs cross and a threshold search converges to its ``xtol`` (not to a tie tolerance).
    With exact ties every subgame-perfect outcome is listed, joined by `` or ``.

    Examples
    --------
    >>> import deterrence as dt
    >>> spe_outcome(dt.games.exchange_tree())
    'start: calibrated; calibrated: proportional'
    """
    from ..solve.backward_induction import spe as solve_spe

    spe = solve_spe(tree, tol=0.0)
    texts = set()
    for plan in spe.plans:
        reach = tree.reach_probabilities(plan)
        texts.add(
            "; ".join(
                f"{node}: {action}" for node, action in plan.items() if reach.get(node, 0.0) > 0.0
            )
        )
    return " or ".join(sorted(texts))


class _Evaluation:
    """Equilibria (games: groups of (point indices, BatchEquilibria)), values or
    subgame-perfect outcomes (text) at N points."""

    def __init__(self, n, *, groups=None, values=None, outcomes=None):
        self.n = n
        self.groups = groups
        self.values = values
        self.outcomes = outcomes
        if groups is not None:
            self._group = np.empty(n, dtype=np.intp)
            self._local = np.empty(n, dtype=np.intp)
            for k, (idx, _) in enumerate(groups):
                self._group[idx] = k
                self._local[idx] = np.arange(len(idx))

    def equilibria(self, i: int):
        """The :class:`~deterrence.solve.result.Equilibria` at point i."""
        return self.groups[self._group[i]][1][int(self._local[i])]

    def counts(self) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.intp)
        for idx, batch in self.groups:
            out[idx] = batch.count
        return out


def _solve_stack(A, B, players, strategies, label_tol):
    """solve_many, with a tighter label tolerance when `label_tol` is given.

    :mod:`deterrence.analysis.thresholds` reads labels with a tolerance of 1e-12 (instead of the solver's
    1e-9) so that the band of parameter values in which a near-tie is read as a tie — the game is
    degenerate only exactly at a threshold — is narrower than the 1e-10 it locates thresholds to.
    """
    from ..solve import solve_many

    return solve_many(
        A, B, players=players, strategies=strategies,
        label_tol=SOLVER_LABEL_TOL if label_tol is None else label_tol,
        near_ties="tolerance",  # thresholds evaluate games at float roots: ties by tolerance
    )  # fmt: skip


# -- grids ---------------------------------------------------------------------------------------


def _column(values, field: str) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind not in "iuf":
        raise ParameterError(
            f"{field} must hold numbers; got dtype {arr.dtype}. Put non-numeric parameters "
            "(flags, scenarios) in fixed=."
        )
    if arr.ndim != 1 or arr.size == 0:
        raise ParameterError(
            f"{field} must be a non-empty 1-D array of values; got shape {arr.shape}."
        )
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        bad = arr[~np.isfinite(arr)][0]
        raise ParameterError(f"{field} contains {bad}; every grid value must be finite.")
    return arr


#: the most points one sweep may evaluate (each builds and solves a game: ~0.1-5 ms and ~1 kB
#: of results); raise it by assigning ``deterrence.analysis.sweeps.SWEEP_BUDGET``.
SWEEP_BUDGET = 200_000


def _check_budget(points: int) -> None:
    """Refuse a grid of more than SWEEP_BUDGET points before building it."""
    if points > SWEEP_BUDGET:
        from ..errors import ResourceBudgetError

        raise ResourceBudgetError(
            f"the sweep grid has {points:,} points; the budget is {SWEEP_BUDGET:,} "
            f"(deterrence.analysis.sweeps.SWEEP_BUDGET; ~0.1-5 ms per point, so up to "
            f"{points * 5e-3 / 3600:,.1f} h). Use fewer points per axis, or raise the budget: "
            f"deterrence.analysis.sweeps.SWEEP_BUDGET = {points}."
        )


def _grid_points(grid) -> dict[str, np.ndarray]:
    """{name: values (P,)} from a dict of axes (full factorial, first axis slowest) or a
    DataFrame of points (one column per parameter)."""
    if hasattr(grid, "columns") and hasattr(grid, "to_numpy"):
        names = list(grid.columns)
        if not names or len(grid) == 0:
            raise ParameterError(
                "grid DataFrame is empty; give one column per parameter and one row per point."
            )
        for k in names:
            if not isinstance(k, str):
                raise ParameterError(f"grid column names must be parameter names; got {k!r}.")
        return {k: _column(grid[k].to_numpy(), f"grid column {k!r}") for k in names}
    if isinstance(grid, Mapping):
        if not grid:
            raise ParameterError(
                "grid is empty; give {parameter name: array of values}, e.g. "
                "{'p_patron_entry': np.linspace(0.2, 0.9, 50)}."
            )
        axes = {}
        for k, v in grid.items():
            if not isinstance(k, str):
                raise ParameterError(f"grid keys must be parameter names; got {k!r}.")
            axes[k] = _column(v, f"grid[{k!r}]")
        _check_budget(math.prod(len(a) for a in axes.values()))
        mesh = np.meshgrid(*axes.values(), indexing="ij")
        return {k: m.ravel() for k, m in zip(axes, mesh, strict=True)}
    raise TypeError(
        f"grid must be a dict {{name: values}} (full factorial) or a pandas DataFrame of points; "
        f"got {type(grid).__name__}."
    )


# -- the sweep -----------------------------------------------------------------------------------


def _frame(model: _Model, points: Mapping[str, np.ndarray], ev: _Evaluation, offset: int):
    import pandas as pd

    if ev.values is not None:
        df = pd.DataFrame(dict(points))
        df["point"] = offset + np.arange(ev.n)
        df["value"] = ev.values
        return df
    parts = []
    for idx, batch in ev.groups:
        body = batch.to_frame()
        local = body.pop("game").to_numpy()
        pt = idx[local]
        head = pd.DataFrame({k: v[pt] for k, v in points.items()})
        head["point"] = offset + pt
        # game_index is sorted, so an equilibrium's rank is its distance to the game's first row
        head["equilibrium"] = np.arange(len(local)) - np.searchsorted(local, local)
        body["degenerate"] = batch.degenerate[local]
        parts.append(pd.concat([head, body], axis=1))
    df = pd.concat(parts, ignore_index=True)
    if len(parts) > 1:
        df = df.sort_values(["point", "equilibrium"], kind="stable", ignore_index=True)
    return df


def _sweep_chunk(model: _Model, points: Mapping[str, np.ndarray], offset: int):
    return _frame(model, points, model.evaluate(points), offset)


def _bar(show: bool, total: int, initial: int = 0):
    if not show:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=initial, unit="pt", desc="sweep", file=sys.stderr)


def sweep(builder, grid, *, fixed=None, executor=None, progress=None, chunk_size=None):
    """Every extreme equilibrium (or a model's value) at every point of a parameter grid.

    Parameters
    ----------
    builder : callable
        Takes named parameters and returns a :class:`~deterrence.game.Game`, a pair (A, B) of
        payoff matrices (stacked (N, m, n) when given arrays: then each chunk is one
        :func:`~deterrence.solve_many` pass), or a number (a model function).
    grid : dict or pandas.DataFrame
        ``{name: values}``: the full factorial of the axes (the first axis varies slowest); or a
        DataFrame with one column per parameter and one row per point.
    fixed : dict, optional
        Parameters held at one value (numbers, flags such as ``strict=False``, a scenario).
    executor : concurrent.futures.Executor or dask.distributed.Client, optional
        Runs the chunks in parallel: anything with ``submit(fn, *args)`` returning futures with
        ``.result()``. The builder must then be picklable (a module-level function; dask also
        takes lambdas). Results are identical to the serial run: the same chunks are solved the
        same way.
    progress : bool, optional
        Show a tqdm progress bar. Default: on when stderr is a terminal and the sweep is expected
        to take more than about 2 s (timed on the first chunk when serial; estimated from the
        number of points with an executor).
    chunk_size : int, optional
        Points per chunk (default 5000 for vectorised builders, 500 for game-by-game ones).

    Returns
    -------
    pandas.DataFrame
        Games: one row per (point, extreme equilibrium): the parameters, ``point`` (row of the
        grid), ``equilibrium`` (index within the point), ``kind`` (pure/mixed), one probability
        column per strategy (``"<player>: <strategy>"``), ``"payoff <player>"`` for both players
        and ``degenerate``. Model functions: one row per point with ``value``.

    Raises
    ------
    ParameterError
        An empty or non-numeric grid, a parameter the builder does not take (with the close
        match), a missing required parameter, or a builder that fails at some point (the
        message names the parameter values; the builder's exception is chained).

    Examples
    --------
    The retaliation game with commitment as the chance of the patron's entry rises, with the
    defender's escalation costing the challenger 1 util: (major, escalate) is an equilibrium
    while W = 1 + 8·π_P ≤ R̄ + a = 2, i.e. π_P ≤ 0.125.

    >>> import deterrence as dt
    >>> df = dt.sweep(dt.games.retaliation_commitment_game, {"p_patron_entry": [0.1, 0.5]},
    ...               fixed={"cost_of_escalation": 1.0})
    >>> major = df[(df["Challenger: major"] == 1) & (df["Defender: escalate"] == 1)]
    >>> major["p_patron_entry"].tolist()
    [0.1]
    >>> df.groupby("p_patron_entry").size().tolist()        # extreme equilibria per point
    [3, 5]
    """
    import pandas as pd

    points = _grid_points(grid)
    model = _Model(builder, fixed, list(points))
    P = len(next(iter(points.values())))
    model.probe(_point(points, 0))
    if chunk_size is None:
        chunk_size = CHUNK_PER_POINT if model.kind == "game" else CHUNK_VECTORISED
    else:
        from .._check import count

        chunk_size = count(chunk_size, "chunk_size", minimum=1)
    starts = range(0, P, chunk_size)
    chunks = [({k: v[s : s + chunk_size] for k, v in points.items()}, s) for s in starts]
    tty = sys.stderr.isatty()
    frames = []
    if executor is None:
        t0 = time.perf_counter()
        frames.append(_sweep_chunk(model, *chunks[0]))
        spent = time.perf_counter() - t0
        show = progress if progress is not None else tty and spent * len(chunks) > PROGRESS_AFTER
        bar = _bar(bool(show), P, initial=min(chunk_size, P))
        for pts, s in chunks[1:]:
            frames.append(_sweep_chunk(model, pts, s))
            if bar is not None:
                bar.update(len(next(iter(pts.values()))))
    else:
        if not callable(getattr(executor, "submit", None)):
            raise TypeError(
                "executor must have a submit(fn, *args) method (a concurrent.futures.Executor or "
                f"a dask.distributed.Client); got {type(executor).__name__}."
            )
        per_point = 2e-4 if model.kind == "game" else 2e-5  # rough, for the progress default
        show = progress if progress is not None else tty and per_point * P > PROGRESS_AFTER
        futures = [executor.submit(_sweep_chunk, model, pts, s) for pts, s in chunks]
        bar = _bar(bool(show), P)
        for fut, (pts, _) in zip(futures, chunks, strict=True):
            frames.append(fut.result())
            if bar is not None:
                bar.update(len(next(iter(pts.values()))))
    if bar is not None:
        bar.close()
    return pd.concat(frames, ignore_index=True)
