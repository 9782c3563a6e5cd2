"""Solvers: Nash equilibria of bimatrix games, verified; every extreme one where feasible.

=================  ===================================================================
``solve(game)``    all extreme equilibria of one game, components, maximal Nash subsets;
                   some equilibria (labelled ``complete=False``) beyond enumeration
``solve_many``     the same for a stack of N small games at once (sweeps, phase diagrams)
=================  ===================================================================

Which algorithm runs (``method="auto"``): vertex enumeration of the two best-response
polytopes with labels recomputed from slacks (see :mod:`deterrence.solve.vertices`); the
``subsets`` engine (all square subsystems, numpy) while it solves at most
:data:`PER_GAME_SUBSETS` subsystems (3×3, 2×n), the ``qhull`` engine (the polytope's vertices as
the facets of one convex hull) above that, up to :data:`MAX_CELLS` payoff cells (about 14×14);
larger games are solved by linear programming when zero-sum (:mod:`deterrence.solve.lp`: the
value, and every equilibrium when the optimal strategies are unique) and by Lemke–Howson from
every initial label otherwise (:mod:`deterrence.solve.lemke_howson`: some equilibria). A game in which a tolerance
would decide a tie (two distinct payoffs of a player within ``label_tol`` of the spread) is
solved again in exact rational arithmetic when it is small enough (about 6×6); a larger one
gets a :class:`~deterrence.errors.NearTieWarning` naming the cells.
"""

from __future__ import annotations

import dataclasses

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
    "METHODS",
]

#: ``solve_many`` batches games in numpy while each solves at most 20x this many subsystems
SUBSET_LIMIT = 300
#: ``solve`` uses the ``subsets`` engine while a game solves at most this many square
#: subsystems (both polytopes: 3x3, 2xn up to 2x7), the ``qhull`` engine above (measured: qhull
#: is faster from 4x4 on; benchmarks/bench_solve.py)
PER_GAME_SUBSETS = 80
#: largest game (m·n payoff cells) ``solve`` accepts; beyond it vertex counts explode
MAX_CELLS = 196
#: the methods of :func:`solve`
METHODS = ("auto", "vertex", "subsets", "qhull", "lemke-howson", "lp")
#: at most this many (row, column) pairs of optimal strategies are listed by ``method="lp"``
MAX_LP_PAIRS = 400
_METHODS = ("auto", "subsets", "qhull")


def _engine(m: int, n: int, method: str) -> str:
    if method not in _METHODS:
        from ..errors import ParameterError, close_match_hint

        raise ParameterError(
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


def _as_game(game, B, where: str):
    """A Game from ``solve(game)`` or ``solve(A, B)``; never guess a missing B."""
    from ..game import Game

    if isinstance(game, Game):
        if B is not None:
            raise TypeError(
                f"{where}() got a Game and a second payoff matrix; pass either {where}(game) or "
                f"{where}(A, B)."
            )
        return game
    if B is None:
        raise TypeError(
            f"{where}() takes a deterrence.Game or two payoff matrices; got one "
            f"{type(game).__name__}. Write {where}(A, B), or {where}(dt.Game.zero_sum(A)) for a "
            f"zero-sum game, or {where}(dt.Game.symmetric(A)) for a symmetric one."
        )
    return Game(game, B)


def _check_method(method: str) -> str:
    if method not in METHODS:
        from ..errors import ParameterError, close_match_hint

        raise ParameterError(
            f"method must be one of {METHODS}; got {method!r}." + close_match_hint(method, METHODS)
        )
    return method


def _enumerable(m: int, n: int) -> str | None:
    """Why the game cannot be enumerated, or None when it can."""
    if m * n > MAX_CELLS:
        return (
            f"the game is {m}x{n} ({m * n} cells); enumerating every equilibrium is limited to "
            f"{MAX_CELLS} cells (about 14x14) because vertex counts grow exponentially"
        )
    if m + n > 62:
        return (
            f"the game is {m}x{n}: {m + n} strategies in all, more than the 62 that vertex "
            "labels can track"
        )
    return None


def solve(
    game,
    B=None,
    *,
    method: str = "auto",
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    label_tol: float = LABEL_TOL,
    near_ties: str = "exact",
    max_pivots: int | None = None,
) -> Equilibria:
    """Nash equilibria of a two-player game, each verified; every extreme one when feasible.

    Correct on degenerate games: a continuum of equilibria is reported by its extreme points,
    grouped in :attr:`Equilibria.components`; :attr:`Equilibria.maximal_nash_subsets` gives
    the convex pieces. Beyond the enumeration limit :attr:`Equilibria.complete` is False unless
    the method proves the equilibrium unique, and the display says "some equilibria".

    Parameters
    ----------
    game : Game or array_like
        The game; or the row player's payoffs A, with B the column player's.
    B : array_like, optional
        The column player's payoffs when `game` is a matrix (never guessed: a zero-sum or
        symmetric game is built with ``Game.zero_sum(A)`` / ``Game.symmetric(A)``).
    method : {"auto", "vertex", "subsets", "qhull", "lemke-howson", "lp"}
        ``vertex``: every extreme equilibrium by vertex enumeration (``subsets`` and ``qhull``
        name its two engines; ``vertex`` picks by size). ``lemke-howson``: one path from each of
        the m + n initial labels (:mod:`deterrence.solve.lemke_howson`): some equilibria.
        ``lp``: zero-sum games of any size by linear programming (:mod:`deterrence.solve.lp`).
        ``auto``: vertex enumeration up to :data:`MAX_CELLS` cells; beyond it ``lp`` for
        zero-sum games and ``lemke-howson`` otherwise.
    exact : bool
        Probabilities and payoffs as :class:`fractions.Fraction`, re-derived and verified in
        exact arithmetic (:mod:`deterrence.solve.rational`); integer or rational payoffs of
        games small enough to enumerate.
    tol : float
        Verification tolerance on regret, as a fraction of each player's payoff spread.
    label_tol : float
        Tolerance on slacks when reading a vertex's labels (payoffs normalised to [1, 2]).
    max_pivots : int, optional
        Pivot limit of each Lemke–Howson path (default 100·(m + n) + 1000).
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
        ``method="vertex"`` (or an engine) on a game beyond the enumeration limit, or
        ``exact=True`` on such a game.
    SolverTimeoutError
        Every Lemke–Howson path hit the pivot limit.
    EquilibriumCheckError
        A computed profile failed verification (a bug: it is never dropped silently).

    Examples
    --------
    Chicken with (R, S, T, P) = (0, -1, 1, -10) has two pure equilibria and a mixed one in
    which each side drives straight with probability (T-R)/((T-R)+(S-P)) = 0.1:

    >>> import deterrence as dt
    >>> eqs = dt.solve(dt.games.chicken())
    >>> len(eqs), [e.is_pure for e in eqs], eqs.complete
    (3, [True, False, True], True)
    >>> eqs[1].row.round(3).tolist(), round(eqs[1].payoffs[0], 3)
    ([0.9, 0.1], -0.1)

    Exact arithmetic, for answers that read as fractions:

    >>> [str(p) for p in dt.solve(dt.games.stag_hunt(), exact=True)[1].row]
    ['2/3', '1/3']

    Two matrices work as well as a Game:

    >>> len(dt.solve([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    1

    The generic deterrence game in normal form is degenerate: the defender's "deny" with
    any probability y >= 1/2 keeps the status quo — one component with two extreme points:

    >>> g = dt.Game([[0, 0], [1, -1]], [[1, 1], [-1, -0.5]])
    >>> eqs = dt.solve(g)
    >>> [e.col.tolist() for e in eqs], len(eqs.components), eqs.degenerate
    ([[0.5, 0.5], [0.0, 1.0]], 1, True)

    Beyond enumeration, Lemke–Howson finds some equilibria and says so:

    >>> rng = np.random.default_rng(0)
    >>> big = dt.solve(rng.random((20, 20)), rng.random((20, 20)))
    >>> big.complete, big.method
    (False, 'Lemke–Howson from 40 labels')
    """
    tol = check_tolerance(tol, "tol")
    label_tol = check_tolerance(label_tol, "label_tol")
    near = _near_ties(near_ties)
    game = _as_game(game, B, "solve")
    _check_method(method)
    m, n = game.shape
    too_large = _enumerable(m, n)
    if method == "auto":
        if too_large is None:
            method = "vertex"
        else:
            from .lp import is_zero_sum

            method = "lp" if is_zero_sum(game.A, game.B) else "lemke-howson"
    if exact:
        if method not in ("vertex", "subsets", "qhull") or too_large:
            raise GameTooLargeError(
                "exact=True re-derives every extreme equilibrium by vertex enumeration, which is "
                f"limited to small games ({MAX_CELLS} cells) and method='vertex'; "
                + (too_large + "." if too_large else f"got method={method!r}.")
            )
        return _solve_exact(game, method, tol=tol, label_tol=label_tol, near=near)
    if method == "lemke-howson":
        return _solve_lemke_howson(game, tol=tol, max_pivots=max_pivots)
    if method == "lp":
        return _solve_lp(game, tol=tol)
    if too_large is not None:
        raise GameTooLargeError(
            f"{too_large}. Use method='auto' (Lemke–Howson, or linear programming for a "
            "zero-sum game: some equilibria, labelled as such), or remove dominated strategies "
            "first (a reduced normal form of a tree often has many equivalent ones)."
        )
    return _solve_vertices(game, method, tol=tol, label_tol=label_tol, near=near)


def _solve_vertices(game, method, *, tol, label_tol, near="auto") -> Equilibria:
    m, n = game.shape
    engine = _engine(m, n, "auto" if method == "vertex" else method)
    info: dict = {}
    g, x, y, xid, yid, deg = extreme_equilibria(
        game.A[None], game.B[None], engine=engine, tol=label_tol, exact=near, info=info
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
    return _build_equilibria(
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


def _solve_exact(game, method, *, tol, label_tol, near="auto") -> Equilibria:
    from .rational import exact_payoffs, solve_exact, to_fractions

    res = _solve_vertices(game, method, tol=tol, label_tol=label_tol, near=near)
    x = np.array([e.row for e in res])
    y = np.array([e.col for e in res])
    pairs = solve_exact(game.A, game.B, x, y)
    A, B = to_fractions(game.A, "A"), to_fractions(game.B, "B")
    eqs = tuple(
        Equilibrium(
            row=np.array(xe, dtype=object),
            col=np.array(ye, dtype=object),
            payoffs=exact_payoffs(A, B, xe, ye),
            row_labels=e.row_labels,
            col_labels=e.col_labels,
            regret=0.0,
        )
        for e, (xe, ye) in zip(res, pairs, strict=True)
    )
    return dataclasses.replace(
        res,
        equilibria=eqs,
        method=res.method + ", exact rational arithmetic",
        max_regret=0.0,
    )


def _ids(P: np.ndarray) -> np.ndarray:
    """Vertex ids: equal rows (to 1e-9) get equal ids."""
    return np.unique(np.round(P, 9), axis=0, return_inverse=True)[1].ravel()


def _solve_lemke_howson(game, *, tol, max_pivots) -> Equilibria:
    from ..errors import SolverTimeoutError
    from .lemke_howson import lemke_howson_all

    m, n = game.shape
    x, y, found_by, failed = lemke_howson_all(game.A, game.B, max_pivots=max_pivots)
    if len(x) == 0:
        raise SolverTimeoutError(
            f"Lemke–Howson hit the pivot limit from every one of the {m + n} initial labels "
            f"({next(iter(failed.values()))}). Raise max_pivots, or remove dominated strategies."
        )
    verify(game.A, game.B, x, y, tol=tol)
    k = m + n - len(failed)
    warnings = [
        f"some equilibria only: Lemke–Howson found {len(x)} distinct equilibri"
        f"{'um' if len(x) == 1 else 'a'} from {k} initial labels; others may exist"
    ]
    if failed:
        warnings.append(f"{len(failed)} path(s) hit the pivot limit (labels {sorted(failed)[:10]})")
    supp = [
        (np.count_nonzero(a > 1e-12), np.count_nonzero(b > 1e-12))
        for a, b in zip(x, y, strict=True)
    ]
    return _build_equilibria(
        game,
        x,
        y,
        _ids(x),
        _ids(y),
        method=f"Lemke–Howson from {k} labels",
        tol=tol,
        degenerate=any(a != b for a, b in supp),
        warnings=tuple(warnings),
        complete=False,
    )


def _solve_lp(game, *, tol) -> Equilibria:
    from .lp import is_zero_sum, zero_sum_lp

    if not is_zero_sum(game.A, game.B):
        raise InvalidGameError(
            "method='lp' solves zero-sum (or constant-sum) games: A + B must be constant; it is "
            f"not for {game.name or 'this game'}. Use method='lemke-howson' or 'auto'."
        )
    value, X, Y, (ux, uy) = zero_sum_lp(game.A)
    if not (ux and uy) and _enumerable(*game.shape) is None:
        res = _solve_vertices(game, "vertex", tol=tol, label_tol=LABEL_TOL)
        return dataclasses.replace(res, method="linear programming, then vertex enumeration")
    pairs = [(a, b) for a in range(len(X)) for b in range(len(Y))][:MAX_LP_PAIRS]
    x = np.array([X[a] for a, _ in pairs])
    y = np.array([Y[b] for _, b in pairs])
    verify(game.A, game.B, x, y, tol=tol)
    complete = bool(ux and uy)
    warnings = () if complete else (
        f"some equilibria only: the optimal strategy sets are not single points; {len(X)} "
        f"and {len(Y)} of their extreme points found by linear programming; the value "
        f"{value:.6g} holds for every equilibrium",
    )  # fmt: skip
    return _build_equilibria(
        game,
        x,
        y,
        [a for a, _ in pairs],
        [b for _, b in pairs],
        method="linear programming" + ("" if complete else f" ({len(pairs)} optimal pairs)"),
        tol=tol,
        degenerate=not complete,
        warnings=warnings,
        complete=complete,
    )


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


def _games_or_arrays(A, B, players, strategies):
    """``solve_many(games)`` -> stacked arrays and the first game's labels."""
    from ..game import Game

    games = [A] if isinstance(A, Game) else A
    if isinstance(games, list | tuple) and games and all(isinstance(g, Game) for g in games):
        if B is not None:
            raise TypeError("solve_many() got games and a B matrix; pass solve_many(games).")
        shapes = {g.shape for g in games}
        if len(shapes) != 1:
            raise InvalidGameError(
                f"solve_many() stacks games of one shape; got shapes {sorted(shapes)}. Solve "
                "games of different shapes with dt.solve one by one."
            )
        A = np.stack([g.A for g in games])
        B = np.stack([g.B for g in games])
        if players == ("Row", "Column") and strategies is None:
            players, strategies = games[0].players, games[0].strategies
        return A, B, (players, strategies)
    if B is None:
        raise TypeError(
            f"solve_many() takes (A, B) stacks of shape (N, m, n), a Game or a list of Games; "
            f"got one {type(A).__name__}. Write solve_many(A, B)."
        )
    return A, B, (players, strategies)


def solve_many(
    A,
    B=None,
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
        Payoffs of the row and column player for each game. Or, as in :func:`solve`, games:
        ``solve_many(game)`` or ``solve_many([game_1, game_2, ...])`` (same shape; the first
        game's labels are used), with B omitted.
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
    A, B, labels = _games_or_arrays(A, B, players, strategies)
    players, strategies = labels
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
            method="vertex",
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
