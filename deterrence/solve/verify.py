"""The gate every reported equilibrium passes: no player gains by deviating.

Regret of a profile (x, y) in the bimatrix game (A, B):

    regret = max( max_i (Ay)_i - x'Ay ,  max_j (x'B)_j - x'By ),

each player's term divided by the spread of that player's payoffs (max - min, or 1 when the
player is indifferent everywhere), so the tolerance means the same at every payoff scale.
"""

from __future__ import annotations

import numpy as np

from ..errors import EquilibriumCheckError, ParameterError

__all__ = ["DEFAULT_TOL", "regret", "verify", "check_tolerance", "last_axis"]

#: relative tolerance on regret (fraction of a player's payoff spread)
DEFAULT_TOL = 1e-8


def check_tolerance(value, field: str = "tol") -> float:
    """`value` as a float tolerance: a finite number with 0 < value < 1.

    Examples
    --------
    >>> check_tolerance(1e-9, "label_tol")
    1e-09
    >>> check_tolerance(float("nan"))
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: tol must be a finite number in (0, 1); got nan. ...
    """
    ok = isinstance(value, int | float | np.floating | np.integer) and not isinstance(value, bool)
    v = float(value) if ok else float("nan")
    if not (ok and np.isfinite(v) and 0 < v < 1):
        raise ParameterError(
            f"{field} must be a finite number in (0, 1); got {value!r}. It is a fraction of the "
            "payoff spread: leave the default unless you know why (e.g. tol=1e-8)."
        )
    return v


def last_axis(ufunc, M: np.ndarray) -> np.ndarray:
    """``ufunc.reduce`` over the last axis of M, fast for a short last axis over many rows
    (numpy reduces tiny inner axes slowly; reducing the transposed copy is elementwise).

    Examples
    --------
    >>> last_axis(np.maximum, np.array([[1., 3.], [4., 2.]])).tolist()
    [3.0, 4.0]
    """
    M = np.asarray(M)
    flat = M.reshape(-1, M.shape[-1])
    return ufunc.reduce(np.ascontiguousarray(flat.T), axis=0).reshape(M.shape[:-1])


def _spread(M: np.ndarray) -> np.ndarray:
    flat = M.reshape(M.shape[:-2] + (-1,))
    s = last_axis(np.maximum, flat) - last_axis(np.minimum, flat)
    return np.where(s > 0, s, 1.0)


def regret(A, B, x, y) -> np.ndarray:
    """Scaled regret of profiles; broadcasts over leading axes.

    A, B: (..., m, n); x: (..., m); y: (..., n). Returns (...,) — the larger of the two players'
    gains from their best pure deviation, each as a fraction of that player's payoff spread.

    Examples
    --------
    >>> A = np.array([[0., -1.], [1., -10.]]); B = A.T
    >>> float(regret(A, B, np.array([0.9, 0.1]), np.array([0.9, 0.1])))
    0.0
    >>> round(float(regret(A, B, np.array([1., 0.]), np.array([1., 0.]))), 4)  # both swerve
    0.0909
    """
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    Ay = np.einsum("...mn,...n->...m", A, y)
    xB = np.einsum("...m,...mn->...n", x, B)
    ra = last_axis(np.maximum, Ay) - np.einsum("...m,...m->...", x, Ay)
    rb = last_axis(np.maximum, xB) - np.einsum("...n,...n->...", xB, y)
    return np.maximum(ra / _spread(A), rb / _spread(B))


def verify(A, B, x, y=None, *, tol: float = DEFAULT_TOL) -> float:
    """Check that (x, y) is a Nash equilibrium of (A, B); return the worst scaled regret.

    Call it as ``verify(game, x, y)`` with a :class:`~deterrence.game.Game`, or as
    ``verify(A, B, x, y)`` with the payoff matrices — the same two ways as ``solve``.
    Also checks that x and y are probability vectors. Raises
    :class:`~deterrence.errors.EquilibriumCheckError` naming the offending profile otherwise.
    Works on one profile or on stacks (leading axes broadcast).

    Examples
    --------
    >>> A = np.array([[3., 0.], [5., 1.]])
    >>> verify(A, A.T, [0, 1], [0, 1])
    0.0
    >>> import deterrence as dt
    >>> verify(dt.games.prisoners_dilemma(), [0, 1], [0, 1])
    0.0
    >>> verify(A, A.T, [1, 0], [1, 0])
    Traceback (most recent call last):
    ...
    deterrence.errors.EquilibriumCheckError: profile 0 is not an equilibrium: ...
    """
    if y is None:
        if not (hasattr(A, "A") and hasattr(A, "B") and hasattr(A, "strategies")):
            raise TypeError(
                "verify() takes (game, x, y) or (A, B, x, y); got three arguments without a "
                "Game. Write verify(A, B, x, y) or verify(dt.Game(A, B), x, y)."
            )
        A, B, x, y = A.A, A.B, B, x
    tol = check_tolerance(tol)
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    for name, v in (("row strategy", x), ("column strategy", y)):
        if np.any(v < -tol) or np.any(np.abs(v.sum(axis=-1) - 1) > 1e-6):
            raise EquilibriumCheckError(f"{name} {v.tolist()} is not a probability vector")
    r = np.atleast_1d(regret(A, B, x, y))
    if r.size and np.nanmax(r) > tol or np.isnan(r).any():
        k = int(np.nanargmax(r))
        raise EquilibriumCheckError(
            f"profile {k} is not an equilibrium: a player gains {r[k]:.3g} of its payoff spread by "
            f"deviating (tolerance {tol:g}). This is a solver bug; please report it with the game."
        )
    return float(r.max()) if r.size else 0.0
