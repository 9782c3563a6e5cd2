"""Exact rational arithmetic for small games: payoffs and equilibria as ``fractions.Fraction``.

Floating-point vertex enumeration *locates* each extreme equilibrium and its labels (which
strategies are unused, which are best replies); here every located vertex is re-derived from
those labels by exact Gaussian elimination over the rationals and checked exactly:

* a row vertex x solves x_i = 0 for its unused strategies i, (x'B)_j = u for the column player's
  best replies j, and 1'x = 1; for an extreme point this system has a unique solution;
* the profile is an equilibrium iff x, y are probability vectors and no pure deviation gains:
  max_i (Ay)_i = x'Ay and max_j (x'B)_j = x'By, exactly.

A classroom answer then reads 2/3, not 0.6666666667. The functions work on sequences of
Fractions (``list[list[Fraction]]``) so that other solvers can re-check near-ties exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

from ..errors import EquilibriumCheckError, ParameterError

__all__ = [
    "MAX_DENOMINATOR",
    "to_fractions",
    "solve_exact",
    "vertex_from_labels",
    "is_equilibrium_exact",
    "exact_payoffs",
]

#: payoffs must be ratios of integers with denominators up to this (1/3 stored as 0.333… is 1/3)
MAX_DENOMINATOR = 10_000


def to_fractions(M, field: str = "payoffs") -> list[list[Fraction]]:
    """A matrix of floats or Fractions as exact Fractions; floats must be small ratios.

    A float is accepted when it is the double nearest to p/q with q <= :data:`MAX_DENOMINATOR`
    (so ``1/3`` typed as a float is read as exactly 1/3).

    Examples
    --------
    >>> to_fractions([[1, 0.5], [1/3, -2]])
    [[Fraction(1, 1), Fraction(1, 2)], [Fraction(1, 3), Fraction(-2, 1)]]
    >>> to_fractions([[0.123456789]])
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: payoffs[0, 0] = 0.123456789 is not a ratio of ...
    """
    out = []
    for i, row in enumerate(np.asarray(M, dtype=object).tolist()):
        line = []
        for j, v in enumerate(row):
            if isinstance(v, Fraction | int) and not isinstance(v, bool):
                line.append(Fraction(v))
                continue
            f = Fraction(float(v)).limit_denominator(MAX_DENOMINATOR)
            if float(f) != float(v):
                raise ParameterError(
                    f"{field}[{i}, {j}] = {float(v)!r} is not a ratio of integers with a "
                    f"denominator up to {MAX_DENOMINATOR}; exact=True needs integer or rational "
                    "payoffs (e.g. 2, -1/2, 1/3). Round the payoffs or use exact=False."
                )
            line.append(f)
        out.append(line)
    return out


def _solve_linear(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of an exact, possibly overdetermined system; None if there is none
    or it is not unique."""
    k = len(rows[0]) if rows else 0
    M = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    piv_cols = []
    r = 0
    for c in range(k):
        p = next((i for i in range(r, len(M)) if M[i][c] != 0), None)
        if p is None:
            continue
        M[r], M[p] = M[p], M[r]
        inv = 1 / M[r][c]
        M[r] = [v * inv for v in M[r]]
        for i in range(len(M)):
            if i != r and M[i][c] != 0:
                f = M[i][c]
                M[i] = [a - f * b for a, b in zip(M[i], M[r], strict=True)]
        piv_cols.append(c)
        r += 1
    if any(M[i][k] != 0 for i in range(r, len(M))) or r < k:
        return None  # inconsistent, or a continuum (not a vertex)
    sol = [Fraction(0)] * k
    for i, c in enumerate(piv_cols):
        sol[c] = M[i][k]
    return sol


def vertex_from_labels(
    M: Sequence[Sequence[Fraction]], unused: Sequence[int], best: Sequence[int]
) -> list[Fraction] | None:
    """The mixed strategy x with x_i = 0 on `unused`, (x'M)_j equal on `best`, 1'x = 1.

    `M` is the *opponent's* payoff matrix from x's side (k × l: B for the row player, A' for the
    column player). Returns None when the labels do not determine one point.

    Examples
    --------
    Chicken (0, −1, 1, −10): the row player makes the column player indifferent with
    x = (9/10, 1/10):

    >>> B = to_fractions([[0, 1], [-1, -10]])
    >>> vertex_from_labels(B, unused=[], best=[0, 1])
    [Fraction(9, 10), Fraction(1, 10)]
    """
    k = len(M)
    best = list(best)
    rows, rhs = [], []
    for i in unused:
        rows.append([Fraction(int(i == r)) for r in range(k)] + [Fraction(0)])
        rhs.append(Fraction(0))
    for j in best:  # (x'M)_j - u = 0
        rows.append([Fraction(M[r][j]) for r in range(k)] + [Fraction(-1)])
        rhs.append(Fraction(0))
    rows.append([Fraction(1)] * k + [Fraction(0)])
    rhs.append(Fraction(1))
    sol = _solve_linear(rows, rhs)
    return None if sol is None else sol[:k]


def exact_payoffs(A, B, x, y) -> tuple[Fraction, Fraction]:
    """Expected payoffs (x'Ay, x'By) in exact arithmetic."""
    m, n = len(x), len(y)
    a = sum(x[i] * A[i][j] * y[j] for i in range(m) for j in range(n))
    b = sum(x[i] * B[i][j] * y[j] for i in range(m) for j in range(n))
    return Fraction(a), Fraction(b)


def is_equilibrium_exact(A, B, x, y) -> bool:
    """True iff (x, y) is exactly a Nash equilibrium of (A, B) (all entries Fractions).

    Examples
    --------
    >>> F = Fraction
    >>> A = to_fractions([[0, -1], [1, -10]]); B = to_fractions([[0, 1], [-1, -10]])
    >>> is_equilibrium_exact(A, B, [F(9, 10), F(1, 10)], [F(9, 10), F(1, 10)])
    True
    >>> is_equilibrium_exact(A, B, [F(1, 2), F(1, 2)], [F(9, 10), F(1, 10)])
    False
    """
    m, n = len(x), len(y)
    for v in (x, y):
        if any(p < 0 for p in v) or sum(v) != 1:
            return False
    Ay = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    xB = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
    return max(Ay) == sum(x[i] * Ay[i] for i in range(m)) and max(xB) == sum(
        xB[j] * y[j] for j in range(n)
    )


def _labels(x: np.ndarray, M: np.ndarray, tol: float) -> tuple[list[int], list[int]]:
    """Unused strategies of x and the opponent's best replies to it (float, with a tolerance)."""
    pay = x @ M
    spread = max(float(np.ptp(M)), 1.0)
    unused = [int(i) for i in np.flatnonzero(x <= tol)]
    best = [int(j) for j in np.flatnonzero(pay >= pay.max() - tol * spread)]
    return unused, best


def solve_exact(A, B, x, y, *, tol: float = 1e-9):
    """Exact rational versions of located equilibria (x, y) of the game (A, B).

    Parameters
    ----------
    A, B : array_like (m, n)
        Payoffs: integers, Fractions, or floats that are small ratios (:func:`to_fractions`).
    x, y : ndarray (E, m), (E, n)
        Extreme equilibria located in floating point (e.g. by vertex enumeration).
    tol : float
        Tolerance used to read the labels from the float profiles.

    Returns
    -------
    list of (list of Fraction, list of Fraction)
        Each profile re-derived exactly from its labels and verified exactly.

    Raises
    ------
    EquilibriumCheckError
        A profile's labels do not determine an exact equilibrium (a near-tie read wrongly).

    Examples
    --------
    >>> A = [[3, 0], [0, 2]]; B = [[2, 0], [0, 3]]      # Battle of the Sexes
    >>> [(list(map(str, x)), list(map(str, y)))
    ...  for x, y in solve_exact(A, B, np.array([[0.6, 0.4]]), np.array([[0.4, 0.6]]))]
    [(['3/5', '2/5'], ['2/5', '3/5'])]
    """
    Af = to_fractions(A, "A")
    Bf = to_fractions(B, "B")
    At = [list(r) for r in zip(*Af, strict=True)]
    out = []
    for k, (xf, yf) in enumerate(zip(np.asarray(x, float), np.asarray(y, float), strict=True)):
        ux, bx = _labels(xf, np.asarray(B, float), tol)
        uy, by = _labels(yf, np.asarray(A, float).T, tol)
        xe = vertex_from_labels(Bf, ux, bx)
        ye = vertex_from_labels(At, uy, by)
        if xe is None or ye is None or not is_equilibrium_exact(Af, Bf, xe, ye):
            raise EquilibriumCheckError(
                f"profile {k} ({xf.round(6).tolist()}, {yf.round(6).tolist()}) has no exact "
                "rational counterpart that is an equilibrium: a near-tie was read as a tie or "
                "the other way round. Solve with exact=False and check the payoffs."
            )
        out.append((xe, ye))
    return out
