"""Lemke–Howson: one equilibrium per initial label, for games too large to enumerate.

The Lemke–Howson algorithm (Lemke & Howson 1964, *J. SIAM* 12) follows a path of
almost-completely-labelled vertex pairs of the best-response polytopes

    P = {x >= 0, B'x <= 1},      Q = {y >= 0, Ay <= 1}      (payoffs shifted to [1, 2])

from the artificial equilibrium (0, 0), dropping one label k (a row strategy 0..m-1 or a column
strategy m..m+n-1) and pivoting until the duplicate label is k again. The end of each path is a
Nash equilibrium. Starting from each of the m + n labels finds up to m + n equilibria — *some*
of the equilibria, never necessarily all of them (Savani & von Stengel 2006, *Econometrica* 74,
build games where every path is exponentially long and many equilibria are unreachable).

Two pivoting engines, both under a pivot limit:

* ``"lex"`` (default): a numpy tableau with the *lexicographic* minimum-ratio test, which
  resolves ties among leaving variables consistently and so never cycles, also on degenerate
  games (von Stengel 2007, "Equilibrium computation for two-player games in strategic and
  extensive form", in Nisan et al., *Algorithmic Game Theory*, ch. 3.6–3.7).
* ``"nashpy"``: nashpy's integer-pivoting tableaux (``nashpy.linalg``) driven by our loop, so
  that a pivot limit applies; ``lexicographic=False`` reproduces nashpy's plain minimum-ratio
  rule, which *can cycle* on degenerate games — then the limit trips and
  :class:`~deterrence.errors.SolverTimeoutError` says so. Integer pivoting in floating point
  grows its entries with every pivot (products of payoffs, never divided), so it overflows
  on all but small games (measured: random 8×8 games with payoffs in [1, 2] already give
  inf/nan): this is why the default engine is ours, which divides by the pivot.

Every returned profile is checked by :func:`deterrence.solve.verify.verify`.
"""

from __future__ import annotations

import numpy as np

from ..errors import EquilibriumCheckError, SolverTimeoutError

__all__ = ["LEX_TOL", "lemke_howson", "lemke_howson_all", "default_max_pivots"]

#: tolerance on pivot elements and ratio ties (payoffs normalised to [1, 2])
LEX_TOL = 1e-12


def default_max_pivots(m: int, n: int) -> int:
    """The default pivot limit per path, 100·(m + n) + 1000: generous for random games (at
    60×60 the median path takes about 80 pivots and the longest of 120 about 7,300), small
    enough to stop a cycle of a small game in a fraction of a second."""
    return 100 * (m + n) + 1000


def _positive(M: np.ndarray) -> np.ndarray:
    # a positive affine map onto [1, 2] keeps the equilibria and makes the polytopes bounded
    lo, hi = M.min(), M.max()
    return 1.0 + (M - lo) / (hi - lo if hi > lo else 1.0)


class _Tableau:
    """Rows ``basis`` of the system ``I s + C z = 1`` kept in the form ``T = [M | rhs]``.

    Columns are indexed by label: the slack of constraint r carries label ``slack_labels[r]``,
    the structural variable z_c carries ``var_labels[c]``. The columns of the slacks hold B^-1,
    which is what the lexicographic ratio test compares.
    """

    def __init__(self, C: np.ndarray, slack_labels, var_labels):
        k, d = C.shape
        self.T = np.hstack([np.eye(k), C, np.ones((k, 1))])
        self.col_of = {lab: c for c, lab in enumerate(list(slack_labels) + list(var_labels))}
        self.label_of = list(slack_labels) + list(var_labels)
        self.basis = list(range(k))  # column index basic in each row
        self.k = k

    def pivot_in(self, label: int) -> int:
        """Enter the variable of `label`; return the label of the variable that leaves."""
        e = self.col_of[label]
        T = self.T
        col = T[:, e]
        rows = np.flatnonzero(col > LEX_TOL)
        if len(rows) == 0:  # cannot happen for positive payoffs (the polytope is bounded)
            raise ArithmeticError("unbounded Lemke-Howson ray: payoffs must be positive")
        # lexicographic minimum ratio: rhs first, then the columns of B^-1 in order
        cand = rows
        for c in [T.shape[1] - 1, *range(self.k)]:
            ratio = T[cand, c] / col[cand]
            best = ratio.min()
            cand = cand[ratio <= best + LEX_TOL * max(1.0, abs(best))]
            if len(cand) == 1:
                break
        r = int(cand[0])
        leaving = self.basis[r]
        row = T[r] / T[r, e]
        T -= np.outer(T[:, e], row)
        T[r] = row
        self.basis[r] = e
        return self.label_of[leaving]

    def values(self, labels) -> np.ndarray:
        """Values of the structural variables carrying `labels` (0 when non-basic)."""
        out = np.zeros(len(labels))
        pos = {c: r for r, c in enumerate(self.basis)}
        for i, lab in enumerate(labels):
            r = pos.get(self.col_of[lab])
            if r is not None:
                out[i] = self.T[r, -1]
        return out


def _lex_path(An, Bn, label, max_pivots):
    m, n = An.shape
    rows, cols = range(m), range(m, m + n)
    # P: slacks s_j (labels m+j) + B' x (x_i: labels i) = 1; Q: r_i (labels i) + A y = 1
    tp = _Tableau(Bn.T, slack_labels=cols, var_labels=rows)
    tq = _Tableau(An, slack_labels=rows, var_labels=cols)
    tab = tp if label < m else tq
    entering = label
    for pivots in range(1, max_pivots + 1):
        leaving = tab.pivot_in(entering)
        if leaving == label:
            x, y = tp.values(rows), tq.values(cols)
            return x / x.sum(), y / y.sum(), pivots
        entering = leaving
        tab = tq if tab is tp else tp
    raise SolverTimeoutError(
        f"Lemke-Howson from label {label} did not finish within {max_pivots} pivots."
    )


def _nashpy_path(An, Bn, label, max_pivots, lexicographic):
    from itertools import cycle

    from nashpy.linalg import create_col_tableau, create_row_tableau

    col_t = create_col_tableau(An, lexicographic)
    row_t = create_row_tableau(Bn, lexicographic)
    tabs = cycle((row_t, col_t) if label in row_t.non_basic_variables else (col_t, row_t))
    full = col_t.labels
    entering = label
    for pivots in range(1, max_pivots + 1):
        entering = next(tabs).pivot_and_drop_label(entering)
        if col_t.non_basic_variables | row_t.non_basic_variables == full:
            x = np.asarray(row_t.to_strategy(col_t.non_basic_variables), float)
            y = np.asarray(col_t.to_strategy(row_t.non_basic_variables), float)
            if (
                x.shape != (An.shape[0],)
                or y.shape != (An.shape[1],)
                or not (np.isfinite(x).all() and np.isfinite(y).all())
            ):
                raise EquilibriumCheckError(
                    f"nashpy's Lemke-Howson from label {label} ended after {pivots} pivots at a "
                    f"profile of the wrong shape or with non-finite entries ({x.shape} and "
                    f"{y.shape} for a {An.shape[0]}x{An.shape[1]} game): its pivoting failed on "
                    "a degenerate game (or overflowed). Use engine='lex'."
                )
            return x, y, pivots
    raise SolverTimeoutError(
        f"nashpy's Lemke-Howson from label {label} did not finish within {max_pivots} pivots"
        + ("" if lexicographic else " (plain minimum-ratio pivoting cycles on degenerate games)")
        + "."
    )


def lemke_howson(
    A,
    B,
    label: int = 0,
    *,
    max_pivots: int | None = None,
    engine: str = "lex",
    lexicographic: bool = True,
):
    """One Nash equilibrium of the bimatrix game (A, B), from one initial dropped label.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs (any finite numbers: they are shifted to [1, 2] first, which keeps equilibria).
    label : int
        The initial dropped label: 0..m-1 a row strategy, m..m+n-1 a column strategy.
    max_pivots : int, optional
        Pivot limit of the path (default :func:`default_max_pivots`).
    engine : {"lex", "nashpy"}
        Our numpy tableau with the lexicographic rule, or nashpy's integer-pivoting tableaux.
    lexicographic : bool
        nashpy engine only: nashpy's lexicographic rule (True) or its plain one (False).

    Returns
    -------
    x, y : ndarray
        The mixed strategies (unverified: :func:`lemke_howson_all` verifies).
    pivots : int
        Pivots taken along the path.

    Raises
    ------
    SolverTimeoutError
        The path did not end within `max_pivots` pivots.
    EquilibriumCheckError
        nashpy engine only: its pivoting ended at a profile of the wrong shape or with NaNs
        (which nashpy itself returns with a warning on degenerate games).

    Examples
    --------
    The Battle of the Sexes from label 0 ends at the pure equilibrium (0, 0):

    >>> A = np.array([[3., 0.], [0., 2.]]); B = np.array([[2., 0.], [0., 3.]])
    >>> x, y, k = lemke_howson(A, B, 0)
    >>> x.tolist(), y.tolist(), k
    ([1.0, 0.0], [1.0, 0.0], 2)
    """
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    m, n = A.shape
    if not 0 <= int(label) < m + n:
        raise ValueError(f"label must be in 0..{m + n - 1} (m + n - 1); got {label}.")
    if max_pivots is None:
        max_pivots = default_max_pivots(m, n)
    if engine == "lex":
        return _lex_path(_positive(A), _positive(B), int(label), max_pivots)
    if engine == "nashpy":
        # integer pivoting keeps integer payoffs exact only if they stay integers: shift, do not
        # rescale (its entries still grow with every pivot: overflow beyond small games)
        return _nashpy_path(A - A.min() + 1, B - B.min() + 1, int(label), max_pivots,
                            lexicographic)  # fmt: skip
    raise ValueError(f"engine must be 'lex' or 'nashpy'; got {engine!r}.")


def lemke_howson_all(
    A,
    B,
    labels=None,
    *,
    max_pivots: int | None = None,
    engine: str = "lex",
    lexicographic: bool = True,
):
    """Lemke–Howson from several initial labels; the distinct equilibria found.

    Parameters
    ----------
    A, B : array_like, shape (m, n)
    labels : iterable of int, optional
        Initial dropped labels (default all m + n).
    max_pivots, engine, lexicographic
        As in :func:`lemke_howson`.

    Returns
    -------
    x, y : ndarray (E, m), (E, n)
        The distinct equilibria found (rounded to 1e-9 to compare), in order of discovery.
    found_by : list of list of int
        The labels whose path ended at each equilibrium.
    failed : dict
        ``{label: message}`` for paths that hit the pivot limit (or, with the nashpy engine,
        ended at an invalid profile).

    Examples
    --------
    Matching pennies has one equilibrium; every path ends there:

    >>> A = np.array([[1., -1.], [-1., 1.]])
    >>> x, y, found_by, failed = lemke_howson_all(A, -A)
    >>> x.tolist(), found_by, failed
    ([[0.5, 0.5]], [[0, 1, 2, 3]], {})
    """
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    m, n = A.shape
    labels = range(m + n) if labels is None else [int(k) for k in labels]
    keys: dict[bytes, int] = {}
    xs, ys, found_by = [], [], []
    failed: dict[int, str] = {}
    for k in labels:
        try:
            x, y, _ = lemke_howson(
                A, B, k, max_pivots=max_pivots, engine=engine, lexicographic=lexicographic
            )
        except (SolverTimeoutError, EquilibriumCheckError) as exc:
            failed[k] = str(exc)
            continue
        x = np.where(np.abs(x) < 1e-13, 0.0, x)
        y = np.where(np.abs(y) < 1e-13, 0.0, y)
        key = np.round(np.concatenate([x, y]), 9).tobytes()
        if key not in keys:
            keys[key] = len(xs)
            xs.append(x)
            ys.append(y)
            found_by.append([])
        found_by[keys[key]].append(k)
    return (
        np.array(xs).reshape(len(xs), m),
        np.array(ys).reshape(len(ys), n),
        found_by,
        failed,
    )
