"""Solvers: every extreme Nash equilibrium of a bimatrix game, verified.

=================  ===================================================================
``solve(game)``    all extreme equilibria of one game, components, maximal Nash subsets
``solve_many``     the same for a stack of N small games at once (sweeps, phase diagrams)
=================  ===================================================================

Which algorithm runs (``method="auto"``): vertex enumeration of the two best-response
polytopes with labels recomputed from slacks (see :mod:`deterrence.solve.vertices`); the
``subsets`` engine (all square subsystems, numpy) while it solves at most
:data:`PER_GAME_SUBSETS` subsystems (3×3, 2×n), the ``qhull`` engine (the polytope's vertices as
the facets of one convex hull) above that, up to :data:`MAX_CELLS` payoff cells (about 14×14);
larger games raise :class:`~deterrence.errors.GameTooLargeError`.  A game in which a tolerance
would decide a tie (two distinct payoffs of a player within ``label_tol`` of the spread) is
solved again in exact rational arithmetic when it is small enough (about 6×6); a larger one
gets a :class:`~deterrence.errors.NearTieWarning` naming the cells.
"""

from __future__ import annotations

import numpy as np

from .._check import real_array
from ..errors import GameTooLargeError, InvalidGameError, ParameterError
from .result import BatchEquilibria, Equilibria, Equilibrium, _build_equilibria
from .verify import DEFAULT_TOL, check_tolerance, last_axis, verify
from .vertices import LABEL_TOL, extreme_equilibria, subsystem_count

__all__ = [
    "solve",
    "solve_many",
    "Equilibria",
    "Equilibrium",
    "BatchEquilibria",
    "verify",
    "SUBSET_LIMIT",
    "MAX_CELLS",
]

#: ``solve_many`` batches games in numpy while each solves at most 20x this many subsystems
SUBSET_LIMIT = 300
#: ``solve`` uses the ``subsets`` engine while a game solves at most this many square
#: subsystems (both polytopes: 3x3, 2xn up to 2x7), the ``qhull`` engine above (measured: qhull
#: is faster from 4x4 on; benchmarks/bench_solve.py)
PER_GAME_SUBSETS = 80
#: largest game (m·n payoff cells) ``solve`` accepts; beyond it vertex counts explode
MAX_CELLS = 196
_METHODS = ("auto", "subsets", "qhull")


def _engine(m: int, n: int, method: str) -> str:
    if method not in _METHODS:
        from ..errors import close_match_hint

        raise ValueError(
            f"method must be one of {_METHODS}; got {method!r}."
            + close_match_hint(method, _METHODS)
        )
    if method != "auto":
        if method == "qhull" and min(m, n) < 2:
            raise InvalidGameError(
                f"the qhull engine needs at least 2 strategies per player; the game is {m}x{n}. "
                "Use method='auto' or 'subsets'."
            )
        return method
    small = subsystem_count(m, n) + subsystem_count(n, m) <= PER_GAME_SUBSETS
    return "subsets" if small or min(m, n) < 2 else "qhull"


def solve(
    game,
    *,
    method: str = "auto",
    tol: float = DEFAULT_TOL,
    label_tol: float = LABEL_TOL,
    near_ties: str = "exact",
) -> Equilibria:
    """Every extreme Nash equilibrium of a two-player game, each verified.

    Correct on degenerate games: a continuum of equilibria is reported by its extreme points,
    grouped in :attr:`Equilibria.components`; :attr:`Equilibria.maximal_nash_subsets` gives
    the convex pieces.

    Parameters
    ----------
    game : Game
    method : {"auto", "subsets", "qhull"}
        Vertex-enumeration engine (see module docstring); ``auto`` picks by size.
    tol : float
        Verification tolerance on regret, as a fraction of each player's payoff spread.
    label_tol : float
        Tolerance on slacks when reading a vertex's labels (payoffs normalised to [1, 2]).
    near_ties : {"exact", "tolerance"}
        When two distinct payoffs of a player (or a slack at a vertex) differ by less than
        `label_tol`: ``exact`` solves the game again in exact rational arithmetic if it is small
        enough (about 6x6; larger games warn with :class:`~deterrence.errors.NearTieWarning`),
        ``tolerance`` lets `label_tol` decide silently (threshold finders, which evaluate games
        exactly at a tie computed in floating point).

    Returns
    -------
    Equilibria

    Raises
    ------
    GameTooLargeError
        The game has more than :data:`MAX_CELLS` cells.
    EquilibriumCheckError
        A computed profile failed verification (a bug: it is never dropped silently).

    Examples
    --------
    Chicken with (R, S, T, P) = (0, -1, 1, -10) has two pure equilibria and a mixed one in
    which each side drives straight with probability (T-R)/((T-R)+(S-P)) = 0.1 (MODELS.md V11):

    >>> import deterrence as dt
    >>> eqs = dt.solve(dt.games.chicken())
    >>> len(eqs), [e.is_pure for e in eqs]
    (3, [True, False, True])
    >>> eqs[1].row.round(3).tolist(), round(eqs[1].payoffs[0], 3)
    ([0.9, 0.1], -0.1)

    The generic deterrence game in normal form is degenerate (V1d): the defender's "deny" with
    any probability y >= 1/2 keeps the status quo — one component with two extreme points:

    >>> g = dt.Game([[0, 0], [1, -1]], [[1, 1], [-1, -0.5]])
    >>> eqs = dt.solve(g)
    >>> [e.col.tolist() for e in eqs], len(eqs.components), eqs.degenerate
    ([[0.5, 0.5], [0.0, 1.0]], 1, True)
    """
    from ..game import Game

    tol = check_tolerance(tol, "tol")
    label_tol = check_tolerance(label_tol, "label_tol")
    exact = _near_ties(near_ties)
    if not isinstance(game, Game):
        raise TypeError(
            f"solve() takes a deterrence.Game; got {type(game).__name__}. "
            "Build one with dt.Game(A, B) (or dt.solve_many for stacks of arrays)."
        )
    m, n = game.shape
    if m * n > MAX_CELLS:
        raise GameTooLargeError(
            f"the game is {m}x{n} ({m * n} cells); enumerating every equilibrium is limited to "
            f"{MAX_CELLS} cells (about 14x14) because vertex counts grow exponentially. Remove "
            "dominated strategies first, or compute a single equilibrium with "
            "nashpy.Game(A, B).lemke_howson(initial_dropped_label=0) under a time limit."
        )
    if m + n > 62:
        raise GameTooLargeError(
            f"the game is {m}x{n}: {m + n} strategies in all, more than the 62 that vertex labels "
            "can track. Remove dominated strategies first (a reduced normal form of a tree often "
            "has many equivalent ones), or solve the tree itself with GameTree.spe()/pbe()."
        )
    engine = _engine(m, n, method)
    info: dict = {}
    g, x, y, xid, yid, deg = extreme_equilibria(
        game.A[None], game.B[None], engine=engine, tol=label_tol, exact=exact, info=info
    )
    if len(x) == 0:
        from ..errors import EquilibriumCheckError

        raise EquilibriumCheckError(
            "no equilibrium found; every finite game has one. This is a "
            "solver bug; please report it with the game."
        )
    verify(game.A, game.B, x, y, tol=tol)
    warnings = ()
    if deg[0]:
        warnings = (
            "degenerate game: some equilibria may form continua; see .components and "
            ".maximal_nash_subsets",
        )
    res = _build_equilibria(
        game,
        x,
        y,
        xid,
        yid,
        method=f"vertex enumeration ({engine})"
        if not len(info.get("exact", ()))
        else "vertex enumeration (exact rational arithmetic: payoffs tie within the tolerance)",
        tol=tol,
        degenerate=bool(deg[0]),
        warnings=warnings,
    )
    return res


def _stack(M, field: str) -> np.ndarray:
    arr = real_array(M, field)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3 or 0 in arr.shape:
        raise InvalidGameError(
            f"{field} must have shape (N, m, n) with N, m, n >= 1; got "
            f"{arr.shape}. Stack the games' payoff matrices along axis 0."
        )
    flat = arr.reshape(arr.shape[0], -1)
    with np.errstate(over="ignore"):
        spread = last_axis(np.maximum, flat) - last_axis(np.minimum, flat)
    if not np.isfinite(spread).all():
        i = int(np.flatnonzero(~np.isfinite(spread))[0])
        raise InvalidGameError(
            f"{field} of game {i} spans {arr[i].min():g} to {arr[i].max():g}: the spread exceeds "
            "the largest float (about 1.8e308). Divide that game's payoffs by a common positive "
            "factor (equilibria are unchanged)."
        )
    return arr


def solve_many(
    A,
    B,
    *,
    players=("Row", "Column"),
    strategies=None,
    tol: float = DEFAULT_TOL,
    label_tol: float = LABEL_TOL,
    chunk: int | None = None,
    near_ties: str = "exact",
) -> BatchEquilibria:
    """Every extreme equilibrium of each of N games, vectorised in numpy for small games.

    Same answers as :func:`solve` game by game (tested), much faster on stacks of small games:
    this is what sweeps and phase diagrams run on. Games beyond about 7×7 are solved one by one
    with :func:`solve` (same result type).

    Parameters
    ----------
    A, B : array_like, shape (N, m, n)
        Payoffs of the row and column player for each game.
    players, strategies : optional
        Labels used by ``batch[i]`` and ``to_frame()``.
    tol : float
        Verification tolerance on regret (fraction of a player's payoff spread).
    label_tol : float
        Tolerance on slacks when reading labels, in units of the payoffs normalised to [1, 2].
        Threshold finders pass a tighter value so that near-ties a hair off a threshold are not
        read as ties.
    near_ties : {"exact", "tolerance"}
        As in :func:`solve`; games with a near tie are re-solved one by one in exact arithmetic.
    chunk : int, optional
        Games per numpy pass (bounds memory); chosen automatically.

    Examples
    --------
    >>> import numpy as np, deterrence as dt
    >>> T = np.linspace(0.5, 2.0, 4)              # Chicken's temptation, R=0, S=-1, P=-10
    >>> A = np.stack([[[0, -1], [t, -10]] for t in T])
    >>> batch = dt.solve_many(A, A.transpose(0, 2, 1))
    >>> batch.count.tolist()
    [3, 3, 3, 3]
    >>> batch[0][1].row.round(4).tolist()         # Pr(straight) = T/(T+9)
    [0.9474, 0.0526]
    """
    tol = check_tolerance(tol, "tol")
    label_tol = check_tolerance(label_tol, "label_tol")
    exact = _near_ties(near_ties)
    if chunk is not None and (
        isinstance(chunk, bool) or not isinstance(chunk, int | np.integer) or chunk < 1
    ):
        raise ParameterError(
            f"chunk must be a whole number >= 1 (games per numpy pass) or None; got {chunk!r}."
        )
    A_ = _stack(A, "A (row player's payoffs)")
    B_ = _stack(B, "B (column player's payoffs)")
    if A_.shape != B_.shape:
        raise InvalidGameError(
            f"A has shape {A_.shape} but B has shape {B_.shape}; they must match."
        )
    N, m, n = A_.shape
    labels = dict(
        players=tuple(players),
        strategies=None if strategies is None else tuple(map(tuple, strategies)),
    )
    work = subsystem_count(m, n) + subsystem_count(n, m)
    if work > 20 * SUBSET_LIMIT:
        return _one_by_one(A_, B_, tol=tol, label_tol=label_tol, near_ties=near_ties, **labels)
    if (m, n) == (2, 2) and max(np.abs(A_).max(), np.abs(B_).max()) < 1e300:
        g, x, y, xid, yid, deg, exact = _closed_form_2x2(A_, B_, label_tol, chunk, exact)
        method = "closed form (2x2, batched)"
    else:
        if chunk is None:
            chunk = max(1, int(4e6 // (work * max(m, n) ** 2)))
        parts = []
        done: list[int] = []
        for s in range(0, N, chunk):
            info: dict = {}
            g, x, y, xid, yid, deg = extreme_equilibria(
                A_[s : s + chunk], B_[s : s + chunk], tol=label_tol, exact=exact, info=info
            )
            parts.append((g + s, x, y, xid, yid, deg))
            done.extend(s + i for i in info.get("exact", ()))
        exact = done
        g, x, y, xid, yid = (np.concatenate([p[k] for p in parts]) for k in range(5))
        deg = np.concatenate([p[5] for p in parts])
        method = "vertex enumeration (subsets, batched)"
    missing = np.flatnonzero(np.bincount(g, minlength=N) == 0)
    if len(missing):
        from ..errors import EquilibriumCheckError

        raise EquilibriumCheckError(
            f"no equilibrium found for games {missing[:5].tolist()}; this is a solver bug."
        )
    max_reg = verify(A_[g], B_[g], x, y, tol=tol)
    if len(exact):
        method = method[:-1] + f"; {len(exact)} games with near ties in exact arithmetic)"
    if label_tol != LABEL_TOL:
        method = method[:-1] + f", label tolerance {label_tol:g})"
    return BatchEquilibria(A=A_, B=B_, game_index=g, x=x, y=y, xid=xid, yid=yid, degenerate=deg,
                           max_regret=max_reg, tol=tol, method=method, **labels)  # fmt: skip


def _near_ties(value) -> str:
    if value not in ("exact", "tolerance"):
        raise ParameterError(
            f"near_ties must be 'exact' or 'tolerance'; got {value!r}. 'exact' re-solves games "
            "whose payoffs tie only within label_tol in rational arithmetic."
        )
    return "auto" if value == "exact" else "never"


def _closed_form_2x2(A, B, label_tol, chunk, exact):
    """solve_many's 2x2 path: closed forms over the whole stack (chunked), games with a near tie
    re-solved in exact arithmetic."""
    from .batch import equilibria_2x2
    from .vertices import _ordered, _refine

    N = A.shape[0]
    chunk = chunk or 1_000_000
    parts = []
    for s in range(0, N, chunk):
        g, x, y, xid, yid, deg, near = equilibria_2x2(
            A[s : s + chunk], B[s : s + chunk], tol=label_tol
        )
        parts.append((g + s, x, y, xid, yid, deg, near))
    g, x, y, xid, yid = (np.concatenate([p[k] for p in parts]) for k in range(5))
    deg, near = (np.concatenate([p[k] for p in parts]) for k in (5, 6))
    exact = np.flatnonzero(near) if exact == "auto" else np.zeros(0, dtype=np.intp)
    if len(exact):
        out, exact = _refine(A, B, (g, x, y, xid, yid, deg), exact, label_tol)
        g, x, y, xid, yid, deg = _ordered(*out)
    return g, x, y, xid, yid, deg, exact


def _one_by_one(A, B, *, tol, label_tol, near_ties, players, strategies) -> BatchEquilibria:
    from ..game import Game

    results = [
        solve(
            Game(a, b, players=players, strategies=strategies),
            tol=tol,
            label_tol=label_tol,
            near_ties=near_ties,
        )
        for a, b in zip(A, B, strict=True)
    ]
    g = np.repeat(np.arange(len(results)), [len(r) for r in results])
    x = np.concatenate([[e.row for e in r] for r in results])
    y = np.concatenate([[e.col for e in r] for r in results])
    xid = np.concatenate([r.xid for r in results]).astype(np.intp)
    yid = np.concatenate([r.yid for r in results]).astype(np.intp)
    deg = np.array([r.degenerate for r in results])
    return BatchEquilibria(A=A, B=B, game_index=g, x=x, y=y, xid=xid, yid=yid, degenerate=deg,
                           max_regret=max(r.max_regret for r in results), tol=tol,
                           method="vertex enumeration (game by game)", players=players,
                           strategies=strategies)  # fmt: skip
