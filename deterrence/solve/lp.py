"""Zero-sum games of any size by linear programming (von Neumann's minimax theorem).

For a zero-sum game with row payoffs A (the column player gets −A; constant-sum games too,
since adding a constant to B changes nothing), the value v and the optimal strategies solve

    max v  s.t.  A'x >= v·1, 1'x = 1, x >= 0         (row player)
    min w  s.t.  A y <= w·1, 1'y = 1, y >= 0         (column player)

(Dantzig 1951; von Neumann & Morgenstern 1944). The equilibria are exactly the pairs of optimal
strategies: the set is the product X* × Y* of two polytopes, its extreme points the pairs of
their vertices. :func:`zero_sum_lp` solves both programs with scipy's HiGHS, then tests whether
each optimal set is a single point (complementary slackness: the opponent's optimal strategy
fixes which strategies may be used and which must be best replies; when those equations have
one solution, so does the problem). When it cannot prove that, it collects vertices of the
optimal set by optimising over it in random directions: those are extreme points, but not
necessarily all of them — and the set may even be a single point — so the result is labelled
incomplete.
"""

from __future__ import annotations

import numpy as np

from ..errors import InvalidGameError

__all__ = ["ZERO_SUM_TOL", "is_zero_sum", "zero_sum_lp"]

#: |A + B − c| allowed, as a fraction of A's spread, for a game to count as constant-sum
ZERO_SUM_TOL = 1e-12


def is_zero_sum(A, B) -> bool:
    """True when A + B is constant (zero-sum up to a constant).

    Examples
    --------
    >>> is_zero_sum([[1, -1], [-1, 1]], [[0, 2], [2, 0]])   # constant sum 1
    True
    """
    S = np.asarray(A, float) + np.asarray(B, float)
    spread = np.ptp(np.asarray(A, float)) or 1.0
    return bool(np.ptp(S) <= ZERO_SUM_TOL * spread)


def _optimal(M: np.ndarray):
    """Value and one optimal strategy of the maximiser of x'M (M: k × l)."""
    from scipy.optimize import linprog

    k, n_cols = M.shape
    c = np.zeros(k + 1)
    c[-1] = -1.0  # maximise v
    A_ub = np.hstack([-M.T, np.ones((n_cols, 1))])  # v - (M'x)_j <= 0
    A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n_cols), A_eq=A_eq, b_eq=[1.0],
                  bounds=[(0, None)] * k + [(None, None)], method="highs")  # fmt: skip
    if res.status != 0:  # pragma: no cover - a bounded feasible LP; HiGHS failing is a bug
        raise ArithmeticError(f"linprog failed on a zero-sum game: {res.message}")
    x = np.clip(res.x[:k], 0.0, None)
    return float(res.x[-1]), x / x.sum()


def _polish(M: np.ndarray, x: np.ndarray):
    """Re-solve a vertex of {x >= 0, 1'x = 1, M'x >= v} from its tight constraints.

    HiGHS meets its constraints to about 1e-7; a vertex is the unique solution of its tight
    constraints (x_i = 0 on unused strategies, (M'x)_j = v on the opponent's best replies,
    1'x = 1), which least squares solves to round-off. Returns (x, v), or None when the tight
    set read at 1e-7 does not determine one point.
    """
    k, n_cols = M.shape
    scale = max(1.0, float(np.ptp(M)))
    pay = x @ M
    v0 = pay.min()
    zero = np.flatnonzero(x <= 1e-7)
    tight = np.flatnonzero(pay <= v0 + 1e-7 * scale)
    G = np.vstack(
        [
            np.hstack([np.eye(k)[zero], np.zeros((len(zero), 1))]),
            np.hstack([M[:, tight].T, -np.ones((len(tight), 1))]),
            np.hstack([np.ones((1, k)), np.zeros((1, 1))]),
        ]
    )
    rhs = np.concatenate([np.zeros(len(zero) + len(tight)), [1.0]])
    sol, _, rank, _ = np.linalg.lstsq(G, rhs, rcond=None)
    if rank < k + 1 or np.abs(G @ sol - rhs).max() > 1e-9 * scale:
        return None
    xs, v = sol[:k], float(sol[k])
    if xs.min() < -1e-9 or (xs @ M).min() < v - 1e-9 * scale:
        return None
    xs = np.clip(xs, 0.0, None)
    return xs / xs.sum(), v


def _determined(M: np.ndarray, v: float, other: np.ndarray) -> bool:
    """True when complementary slackness pins the maximiser's optimal strategy to one point.

    For any optimal strategy y of the opponent, every optimal x has x_i = 0 where
    (M y)_i < v and (M'x)_j = v where y_j > 0. When those equations and 1'x = 1 have one
    solution, the optimal set is that point.
    """
    scale = max(1.0, float(np.ptp(M)))
    used = np.flatnonzero(M @ other >= v - 1e-9 * scale)  # may be played
    best = np.flatnonzero(other > 1e-9)  # must be best replies
    G = np.vstack([M[np.ix_(used, best)].T, np.ones((1, len(used)))])
    return bool(np.linalg.matrix_rank(G) == len(used))


def _face_vertices(M: np.ndarray, v: float, x0: np.ndarray, other, rng, directions: int):
    """Vertices of {x >= 0, 1'x = 1, M'x >= v}: whether it is one point, and vertices found."""
    from scipy.optimize import linprog

    if _determined(M, v, other):
        return True, [x0]
    k, n_cols = M.shape
    slack = 1e-9 * max(1.0, float(np.ptp(M)))
    A_ub, b_ub = -M.T, -(v - slack) * np.ones(n_cols)
    A_eq, b_eq = np.ones((1, k)), [1.0]
    found = [x0]
    for _ in range(directions):
        res = linprog(rng.standard_normal(k), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                      bounds=[(0, None)] * k, method="highs-ds")  # fmt: skip
        if res.status == 0:
            x = np.clip(res.x, 0.0, None)
            polished = _polish(M, x / x.sum())  # raw points (error ~1e-7) are not kept
            if polished is not None:
                found.append(polished[0])
    X = np.array(found)
    keep = np.sort(np.unique(np.round(X, 8), axis=0, return_index=True)[1])
    return False, list(X[keep])


def zero_sum_lp(A, *, seed: int = 0, directions: int = 20):
    """Value and optimal strategies of the zero-sum game with row payoffs A.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The row player's payoffs (the column player gets −A).
    seed : int
        Seed of the random directions used to probe the optimal faces (results do not depend on
        it when the optimal strategies are unique).
    directions : int
        Extra random directions per player when an optimal set is not a single point.

    Returns
    -------
    value : float
        The row player's equilibrium payoff.
    X, Y : list of ndarray
        Optimal strategies of the row and column player: the unique one, or vertices found.
    unique : tuple of bool
        Whether each player's optimal strategy is proven unique (then the list has one entry).

    Examples
    --------
    Matching pennies: value 0, both players mix (½, ½):

    >>> v, X, Y, unique = zero_sum_lp([[1, -1], [-1, 1]])
    >>> round(v, 12), X[0].round(12).tolist(), unique
    (0.0, [0.5, 0.5], (True, True))
    """
    A = np.asarray(A, float)
    if A.ndim != 2 or 0 in A.shape:
        raise InvalidGameError(f"A must be a non-empty (m, n) matrix; got shape {A.shape}.")
    rng = np.random.default_rng(seed)
    v, x = _optimal(A)
    w, y = _optimal(-A.T)  # the column player maximises y'(−A')
    for M, which in ((A, "x"), (-A.T, "y")):
        polished = _polish(M, x if which == "x" else y)
        if polished is not None:
            if which == "x":
                x, v = polished
            else:
                y, w = polished
    ux, X = _face_vertices(A, v, x, y, rng, directions)
    uy, Y = _face_vertices(-A.T, w, y, x, rng, directions)
    return v, X, Y, (ux, uy)
