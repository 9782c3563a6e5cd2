"""All extreme Nash equilibria of bimatrix games, by vertex enumeration of the best-response
polytopes — degenerate games included.

Theory (Mangasarian 1964; Avis, Rosenberg, Savani & von Stengel 2010, *Economic Theory* 42).
Shift both payoff matrices to [1, 2] (a positive affine map; equilibria unchanged) and form

    P = {x in R^m : x >= 0, B'x <= 1},      Q = {y in R^n : Ay <= 1, y >= 0}.

A point's *labels* are the row strategies i with x_i = 0 or (Ay)_i = 1 and the column strategies
j with (B'x)_j = 1 or y_j = 0.  A pair of vertices (x, y) != (0, 0) that together carry every
label is an extreme equilibrium after normalising x and y to sum 1.  In a degenerate game a
vertex has more labels than its dimension; we therefore recompute each vertex's *full* label set
from its slacks (with a tolerance) instead of trusting the basis that produced it, and identify
a vertex by its label set (two distinct vertices of a polytope never share all tight
constraints).

Two engines find the vertices:

* ``subsets``: every vertex has m linearly independent tight constraints, so it solves every
  square subsystem ``B[K, T]' x_K = 1`` (support K, tight columns T, |K| = |T|) at once in numpy,
  over a whole stack of games.  Cost grows like C(m+n, m); used for small games and for batches.
* ``qhull``: the polytope's vertices are the facets of the convex hull of its *polar* points
  (each constraint ``g'x <= h`` seen from an interior point x0 becomes the point
  ``g / (h - g'x0)``; Ziegler 1995, *Lectures on Polytopes*, section 2.3), so one call to qhull
  (``scipy.spatial.ConvexHull``; Barber, Dobkin & Huhdanpaa 1996) gives every vertex as a facet
  equation.  Each vertex is read from its equation and its labels are recomputed from its slacks;
  facets qhull merged or whose slacks are ambiguous are re-solved from their own constraints.

A square subsystem counts as singular by its condition number (not by an absolute determinant,
which a large payoff spread shrinks below any fixed threshold).

Exact path.  When two distinct payoffs of a player, or a slack at a vertex, differ by less than the
label tolerance (after normalisation), a tolerance would decide a tie.  For games small enough
(:data:`EXACT_LIMIT`) :func:`exact_extreme_equilibria` then enumerates the vertices in exact
integer arithmetic (payoffs are binary fractions, hence exact rationals), so a strictly dominated
strategy can never be read as a best reply however large the other payoffs are.

The functions here work on arrays; :func:`deterrence.solve.solve` is the facade.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from math import comb

import numpy as np

__all__ = [
    "LABEL_TOL",
    "COND_LIMIT",
    "EXACT_LIMIT",
    "normalise_payoffs",
    "subset_vertices",
    "hull_vertices",
    "match_vertices",
    "extreme_equilibria",
    "exact_extreme_equilibria",
    "near_ties",
    "describe_near_ties",
    "subsystem_count",
]

#: tolerance on slacks when reading labels, in units of the normalised payoffs ([1, 2])
LABEL_TOL = 1e-9
#: a square subsystem whose 1-norm condition number exceeds this counts as singular
COND_LIMIT = 1e12
#: games solving at most this many square subsystems in all may take the exact path (6x6: 1846)
EXACT_LIMIT = 2000


def normalise_payoffs(M: np.ndarray) -> np.ndarray:
    """Map each game's payoffs (last two axes) affinely onto [1, 2]; constant games map to 1.

    Scales by a power of two first (exact), so payoffs near the float limit do not overflow.

    Examples
    --------
    >>> normalise_payoffs(np.array([[0., 5.], [10., -10.]]))
    array([[1.5 , 1.75],
           [2.  , 1.  ]])
    >>> normalise_payoffs(np.array([[1e308, -1e308], [0., 0.]]))
    array([[2. , 1. ],
           [1.5, 1.5]])
    """
    from .verify import last_axis

    M = np.asarray(M, dtype=float)
    flat = M.reshape(M.shape[:-2] + (-1,))
    lo = last_axis(np.minimum, flat)[..., None, None]
    hi = last_axis(np.maximum, flat)[..., None, None]
    if max(-lo.min(initial=0.0), hi.max(initial=0.0)) > 2.0**1000:
        # scale by a power of two first (exact) so that max - min cannot overflow
        big = np.maximum(np.abs(lo), np.abs(hi))
        exp = np.frexp(np.where(big > 0, big, 1.0))[1]
        M, lo, hi = np.ldexp(M, -exp), np.ldexp(lo, -exp), np.ldexp(hi, -exp)
    span = hi - lo
    span = np.where(span > 0, span, 1.0)
    return 1.0 + (M - lo) / span


def subsystem_count(d: int, k: int) -> int:
    """Number of square subsystems the ``subsets`` engine solves for a d-variable polytope."""
    return comb(d + k, d) - 1


def _mask_dtype(bits: int):
    # the narrowest integer holding a label bitset: pairwise ORs of masks dominate batch time
    return np.int16 if bits <= 15 else np.int32 if bits <= 31 else np.int64


def _all_last(M: np.ndarray) -> np.ndarray:
    """``M.all(axis=-1)`` (boolean), fast when the last axis is short (see verify.last_axis)."""
    if M.shape[-1] > 8:
        return M.all(axis=-1)
    out = M[..., 0].copy()
    for i in range(1, M.shape[-1]):
        out &= M[..., i]
    return out


def _any_last(M: np.ndarray) -> np.ndarray:
    """``M.any(axis=-1)`` (boolean), fast when the last axis is short."""
    if M.shape[-1] > 8:
        return M.any(axis=-1)
    out = M[..., 0].copy()
    for i in range(1, M.shape[-1]):
        out |= M[..., i]
    return out


def _dot_last(X: np.ndarray, C: np.ndarray) -> np.ndarray:
    """X @ C for stacks X (N, V, d), C (N, d, k); elementwise for small d (batched matmul of
    tiny matrices is slow in numpy)."""
    d = X.shape[-1]
    if d > 4:
        return X @ C
    out = X[..., 0, None] * C[:, None, 0, :]
    for i in range(1, d):
        out += X[..., i, None] * C[:, None, i, :]
    return out


@lru_cache(maxsize=64)
def _bits(n: int, dtype) -> np.ndarray:
    return np.ones(1, dtype) << np.arange(n, dtype=dtype)


def _labels(
    X: np.ndarray, C: np.ndarray, tol: float, slack: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Zero-coordinate and tight-constraint label masks (int bitsets) of points X.

    X: (N, V, d); C: (N, d, k). Returns (zero_mask, tight_mask), each (N, V).
    """
    d = X.shape[-1]
    k = C.shape[-1]
    if slack is None:
        slack = 1.0 - _dot_last(X, C)
    dtype = _mask_dtype(d + k)
    zero = (X <= tol).astype(dtype) @ _bits(d, dtype)
    tight = (slack <= tol).astype(dtype) @ _bits(k, dtype)
    return zero, tight


def _solve_ones(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve M x = 1 for a stack of s×s matrices; returns (x, nonsingular).

    Closed forms (adjugate over determinant) for s <= 3, several times faster than batched LAPACK
    on tiny matrices; a matrix is singular when its 1-norm condition number exceeds
    :data:`COND_LIMIT` (scale-free, unlike a test on the determinant).
    """
    s = M.shape[-1]
    if s == 1:
        det = M[..., 0, 0]
        ok = det != 0
        return (1.0 / np.where(ok, det, 1.0))[..., None], ok
    if s == 2:
        a, b, c, d = M[..., 0, 0], M[..., 0, 1], M[..., 1, 0], M[..., 1, 1]
        det = a * d - b * c
        # adjugate [[d, -b], [-c, a]]; ||M||_1 ||adj||_1 / |det| is the condition number
        norm = np.maximum(np.abs(a) + np.abs(c), np.abs(b) + np.abs(d))
        adjn = np.maximum(np.abs(d) + np.abs(c), np.abs(b) + np.abs(a))
        ok = np.abs(det) * COND_LIMIT > norm * adjn
        inv = 1.0 / np.where(ok, det, 1.0)
        return np.stack([(d - b) * inv, (a - c) * inv], axis=-1), ok
    if s == 3:
        m = [[M[..., i, j] for j in range(3)] for i in range(3)]
        # cofactors: adj[j][i] = C_ij
        adj = [[None] * 3 for _ in range(3)]
        for i in range(3):
            i1, i2 = (i + 1) % 3, (i + 2) % 3
            for j in range(3):
                j1, j2 = (j + 1) % 3, (j + 2) % 3
                adj[j][i] = m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]
        det = m[0][0] * adj[0][0] + m[0][1] * adj[1][0] + m[0][2] * adj[2][0]
        norm = np.maximum.reduce([abs(m[0][j]) + abs(m[1][j]) + abs(m[2][j]) for j in range(3)])
        adjn = np.maximum.reduce(
            [abs(adj[0][j]) + abs(adj[1][j]) + abs(adj[2][j]) for j in range(3)]
        )
        ok = np.abs(det) * COND_LIMIT > norm * adjn
        inv = 1.0 / np.where(ok, det, 1.0)
        x = np.stack([(adj[i][0] + adj[i][1] + adj[i][2]) * inv for i in range(3)], axis=-1)
        return x, ok
    eye = np.eye(s)
    try:
        inv = np.linalg.inv(M)
        ok = np.ones(M.shape[:-2], dtype=bool)
    except np.linalg.LinAlgError:  # some matrix exactly singular: mask it and invert the rest
        ok = np.linalg.det(M) != 0
        inv = np.linalg.inv(np.where(ok[..., None, None], M, eye))
    with np.errstate(invalid="ignore", over="ignore"):
        cond = np.abs(M).sum(axis=-2).max(axis=-1) * np.abs(inv).sum(axis=-2).max(axis=-1)
    ok &= np.isfinite(cond) & (cond < COND_LIMIT)
    x = np.where(ok[..., None], inv.sum(axis=-1), 0.0)
    return x, ok


@lru_cache(maxsize=64)
def _subset_index(d: int, k: int, s: int):
    """Supports K and tight sets T of size s, paired in every combination (cached)."""
    K = np.array(list(combinations(range(d), s)), dtype=np.intp)
    T = np.array(list(combinations(range(k), s)), dtype=np.intp)
    KK = np.repeat(K, len(T), axis=0)
    TT = np.tile(T, (len(K), 1))
    return KK[:, :, None], TT[:, None, :], KK, np.arange(len(KK))[:, None]


def subset_vertices(C: np.ndarray, *, tol: float = LABEL_TOL):
    """Vertices of {x >= 0, C'x <= 1} for a stack of matrices C (N, d, k) with entries in [1, 2].

    Returns ``(X, zero_mask, tight_mask, valid, near)``: candidate points (N, V, d) — one per
    square nonsingular subsystem, so a vertex may appear several times — their label bitsets
    (N, V), a feasibility mask (N, V) and, per game, whether a feasible point has a coordinate or
    slack within (tol/1000, tol] (a label decided by the tolerance).  The origin is not included.
    """
    N, d, k = C.shape
    pts, masks = [], []
    for s in range(1, min(d, k) + 1):
        Ki, Ti, KK, rows = _subset_index(d, k, s)
        # sub[n, p] = C[n][K_p][:, T_p]' : the system C[K,T]' x_K = 1
        sub = C[:, Ki, Ti].transpose(0, 1, 3, 2)
        xK, ok = _solve_ones(sub)
        X = np.zeros((N, len(KK), d))
        X[:, rows, KK] = xK
        pts.append(X)
        masks.append(ok)
    X = np.concatenate(pts, axis=1)
    ok = np.concatenate(masks, axis=1)
    X[np.abs(X) <= tol * 1e-3] = 0.0
    slack = 1.0 - _dot_last(X, C)
    valid = ok & _all_last(X >= -tol) & _all_last(slack >= -tol)
    zero, tight = _labels(X, C, tol, slack)
    near = ((_in_band(X, tol) | _in_band(slack, tol)) & valid).any(axis=1)
    return X, zero, tight, valid, near


def _in_band(v: np.ndarray, tol: float) -> np.ndarray:
    """Coordinates or slacks within (tol/1000, tol] in absolute value, per point (last axis):
    a label there is decided by the tolerance, not by round-off."""
    a = np.abs(v)
    return _any_last((a > tol * 1e-3) & (a <= tol))


_PROBE = np.random.default_rng(12345).uniform(1.0, 2.0, 64)


def hull_vertices(C: np.ndarray, *, tol: float = LABEL_TOL):
    """Vertices of {x >= 0, C'x <= 1} for one matrix C (d, k), d >= 2, entries in [1, 2].

    Same return convention as :func:`subset_vertices` with N = 1 (one entry per vertex). Raises
    ``scipy.spatial.QhullError`` when qhull cannot build the hull (the caller falls back).
    """
    from scipy.spatial import ConvexHull

    d, k = C.shape
    x0 = 1.0 / (4.0 * d)  # interior: x0 > 0 and C'x0 <= 1/2 since C <= 2
    G = np.vstack([-np.eye(d), C.T])  # constraint normals; G x <= h
    h = np.zeros(d + k)
    h[d:] = 1.0
    pts = G / (h - G.sum(axis=1) * x0)[:, None]  # polar points: vertices of P <-> hull facets
    hull = ConvexHull(pts)
    eq = hull.equations  # unit normal a, offset c: a.p + c = 0; the vertex solves p.z = 1
    X = x0 - eq[:, :d] / eq[:, d:]
    slack = h - X @ G.T
    S = hull.simplices
    # re-solve from its own constraints any vertex whose facet qhull merged (several simplices
    # share one equation) or whose slacks are not clear-cut (tight within round-off, loose by far)
    own = np.abs(np.take_along_axis(slack, S, axis=1)).max(axis=1)
    a = np.abs(slack)
    unclear = ((a > 1e-13) & (a < 1e-6)).any(axis=1) | (own > 1e-13)
    # facets sharing an equation: sort by a generic projection, compare neighbours
    key = eq @ _PROBE[: d + 1]
    order = np.argsort(key)
    same = np.zeros(len(eq) + 1, dtype=bool)
    same[1:-1] = (np.abs(np.diff(eq[order], axis=0)) < 1e-12).all(axis=1)
    merged = np.zeros(len(eq), dtype=bool)
    merged[order] = same[1:] | same[:-1]
    redo = np.flatnonzero(unclear | merged)
    if len(redo):
        M, r = G[S[redo]], h[S[redo]][..., None]
        try:
            X[redo] = np.linalg.solve(M, r)[..., 0]
        except np.linalg.LinAlgError:  # a flat simplex of a triangulated merged facet: its
            ok = np.linalg.det(M) != 0  # equation (shared with its siblings) stays
            X[redo[ok]] = np.linalg.solve(M[ok], r[ok])[..., 0]
        slack[redo] = h - X[redo] @ G.T
    X = np.where(np.abs(X) <= tol * 1e-3, 0.0, X)
    # feasible points other than the origin (a flat simplex of a triangulated facet can give an
    # infeasible point carrying a true vertex's labels: drop it before deduplicating)
    keep = (X.sum(axis=1) > 1e-12) & (slack >= -tol).all(axis=1)
    X = X[keep]
    slack = slack[keep]
    dtype = _mask_dtype(d + k)
    lab = (slack <= tol).astype(dtype)
    zero = lab[:, :d] @ _bits(d, dtype)
    tight = lab[:, d:] @ _bits(k, dtype)
    valid = np.ones(len(X), dtype=bool)
    near = bool((_in_band(X, tol) | _in_band(slack, tol)).any())
    # one entry per label set (a vertex of a degenerate polytope is several simplices)
    _, uniq = np.unique(zero.astype(np.int64) | (tight.astype(np.int64) << d), return_index=True)
    uniq.sort()
    return X[uniq][None], zero[uniq][None], tight[uniq][None], valid[uniq][None], np.array([near])


def _canonical(mask: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """True at the first valid occurrence of each (game, label set): one entry per vertex."""
    N, V = mask.shape
    if N == 1:
        idx = np.flatnonzero(valid[0])
        _, first = np.unique(mask[0, idx], return_index=True)
        out = np.zeros((1, V), dtype=bool)
        out[0, idx[first]] = True
        return out
    g = np.repeat(np.arange(N), V)
    m = mask.ravel()
    idx = np.flatnonzero(valid.ravel())
    order = idx[np.lexsort((idx, m[idx], g[idx]))]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (g[order][1:] != g[order][:-1]) | (m[order][1:] != m[order][:-1])
    out = np.zeros(N * V, dtype=bool)
    out[order[first]] = True
    return out.reshape(N, V)


def match_vertices(px_mask, px_valid, qy_mask, qy_valid, full: int, dims=None):
    """Completely labelled vertex pairs. Returns (game, p, q) index arrays, one per extreme NE.

    Dense pairwise test for stacks; for one game with many vertices (`dims` = (m, n) given),
    vertices carrying exactly their dimension's number of labels are paired by looking up the
    complementary label set, and only the degenerate vertices are tested pairwise.
    """
    cp = _canonical(px_mask, px_valid)
    cq = _canonical(qy_mask, qy_valid)
    if px_mask.shape[0] != 1 or dims is None or px_mask.shape[1] * qy_mask.shape[1] < 250_000:
        both = (px_mask[:, :, None] | qy_mask[:, None, :]) == full
        both &= cp[:, :, None] & cq[:, None, :]
        return np.nonzero(both)
    m, n = dims
    popcount = _popcount()
    P = np.flatnonzero(cp[0])
    Q = np.flatnonzero(cq[0])
    pm, qm = px_mask[0, P], qy_mask[0, Q]
    p_plain = popcount(pm) == m
    q_plain = popcount(qm) == n
    ps, qs = [], []
    # plain x plain: labels must be exactly complementary
    qp_idx = np.flatnonzero(q_plain)
    order = np.argsort(qm[qp_idx], kind="stable")
    sorted_q = qm[qp_idx][order]
    want = full ^ pm[p_plain]
    pos = np.clip(np.searchsorted(sorted_q, want), 0, max(len(sorted_q) - 1, 0))
    hit = (sorted_q[pos] == want) if len(sorted_q) else np.zeros(len(want), bool)
    ps.append(P[p_plain][hit])
    qs.append(Q[qp_idx[order[pos[hit]]]])
    # any pair with a degenerate vertex: test pairwise
    for pi, qi in (
        (np.flatnonzero(~p_plain), np.arange(len(Q))),
        (np.flatnonzero(p_plain), np.flatnonzero(~q_plain)),
    ):
        if len(pi) and len(qi):
            a, b = np.nonzero((pm[pi][:, None] | qm[qi][None, :]) == full)
            ps.append(P[pi[a]])
            qs.append(Q[qi[b]])
    p_all = np.concatenate(ps)
    q_all = np.concatenate(qs)
    return np.zeros(len(p_all), dtype=np.intp), p_all, q_all


def _popcount():
    return getattr(np, "bitwise_count", np.vectorize(int.bit_count, otypes=[np.int64]))


def _montante(M: list[list[int]]) -> tuple[list[int], int] | None:
    """Solve the integer system M x = 1 exactly by fraction-free Gauss-Jordan elimination
    (Bareiss 1968; Montante's method): returns (numerators, determinant), x = num / det, or None
    when M is singular.  Every division is exact, so all entries stay integers.
    """
    s = len(M)
    a = [row[:] + [1] for row in M]
    prev = 1
    sign = 1
    for c in range(s):
        p = next((r for r in range(c, s) if a[r][c] != 0), None)
        if p is None:
            return None
        if p != c:
            a[c], a[p] = a[p], a[c]
            sign = -sign
        pr = a[c]
        piv = pr[c]
        for r in range(s):
            if r != c:
                row = a[r]
                f = row[c]
                a[r] = [(piv * v - f * w) // prev for v, w in zip(row, pr, strict=True)]
        prev = piv
    det = a[s - 1][s - 1]
    num = [a[i][s] for i in range(s)]
    if det < 0:
        det, num = -det, [-v for v in num]
    return num, det


def _integer_matrix(M: np.ndarray) -> list[list[int]]:
    """An exact positive affine image of a float matrix in integers >= 1 (floats are binary
    fractions, so this loses nothing)."""
    fr = [[Fraction(v) for v in row] for row in np.asarray(M, dtype=float).tolist()]
    den = max(f.denominator for row in fr for f in row)  # powers of two: the lcm is the max
    ints = [[int(f * den) for f in row] for row in fr]
    lo = min(min(row) for row in ints)
    return [[v - lo + 1 for v in row] for row in ints]


def _exact_vertices(C: list[list[int]], d: int, k: int):
    """Vertices of {x >= 0, C'x <= 1} (C: d x k integers >= 1) in exact arithmetic, origin
    excluded: a list of (numerators (d,), denominator, zero-label mask, tight-label mask)."""
    found: dict[tuple[int, int], tuple[list[int], int]] = {}
    rows_all = range(d)
    for s in range(1, min(d, k) + 1):
        for K in combinations(rows_all, s):
            for T in combinations(range(k), s):
                sol = _montante([[C[i][j] for i in K] for j in T])
                if sol is None:
                    continue
                num, den = sol
                if min(num) < 0:
                    continue
                x = [0] * d
                for i, v in zip(K, num, strict=True):
                    x[i] = v
                zero = tight = 0
                feasible = True
                for j in range(k):
                    lhs = sum(C[i][j] * x[i] for i in K)
                    if lhs > den:
                        feasible = False
                        break
                    if lhs == den:
                        tight |= 1 << j
                if not feasible:
                    continue
                for i in rows_all:
                    if x[i] == 0:
                        zero |= 1 << i
                found.setdefault((zero, tight), (x, den))
    return [(x, den, z, t) for (z, t), (x, den) in found.items()]


def exact_extreme_equilibria(A: np.ndarray, B: np.ndarray):
    """Every extreme equilibrium of one bimatrix game, in exact integer arithmetic.

    Same return convention as :func:`extreme_equilibria` for a stack of one game. The payoffs
    are read exactly (a float is a binary fraction), every vertex is solved exactly and its
    labels are exact, so no tolerance decides a tie. Pure Python: meant for games solving at most
    :data:`EXACT_LIMIT` square subsystems (about 6x6).

    Examples
    --------
    A strictly dominated row stays dominated beside a payoff 10^6 times larger:

    >>> A = np.array([[1e6, 0.], [1e6 + 1e-4, 1e-4]]); B = np.array([[0., 1.], [1., 0.]])
    >>> g, x, y, _, _, deg = exact_extreme_equilibria(A, B)
    >>> x.tolist(), y.tolist()
    ([[0.0, 1.0]], [[1.0, 0.0]])
    """
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    m, n = A.shape
    Bi = _integer_matrix(B)
    Ai = _integer_matrix(A)
    At = [[Ai[i][j] for i in range(m)] for j in range(n)]
    P = _exact_vertices(Bi, m, n)
    Q = _exact_vertices(At, n, m)
    full = (1 << (m + n)) - 1
    pm = [z | (t << m) for _, _, z, t in P]
    qm = [t | (z << m) for _, _, z, t in Q]
    pairs = [(p, q) for p, a in enumerate(pm) for q, b in enumerate(qm) if a | b == full]
    deg = any(v.bit_count() > m for v in pm) or any(v.bit_count() > n for v in qm)

    def prob(x):
        tot = sum(x)
        return [float(Fraction(v, tot)) for v in x]

    xs = np.array([prob(P[p][0]) for p, _ in pairs], dtype=float).reshape(-1, m)
    ys = np.array([prob(Q[q][0]) for _, q in pairs], dtype=float).reshape(-1, n)
    p_ids = np.array([p for p, _ in pairs], dtype=np.intp)
    q_ids = np.array([q for _, q in pairs], dtype=np.intp)
    g = np.zeros(len(pairs), dtype=np.intp)
    return _ordered(g, xs, ys, p_ids, q_ids, np.array([deg]))


def _ordered(g, x, y, p, q, deg):
    # deterministic order: by game, then the row strategy's first coordinates, largest first
    m, n = x.shape[1], y.shape[1]
    keys = [-np.round(y[:, j], 9) for j in reversed(range(n))]
    keys += [-np.round(x[:, i], 9) for i in reversed(range(m))]
    order = np.lexsort(keys + [g])
    return g[order], x[order], y[order], p[order], q[order], deg


def near_ties(A: np.ndarray, B: np.ndarray, tol: float = LABEL_TOL) -> np.ndarray:
    """Games (stack (N, m, n)) in which two distinct payoffs of one player lie within `tol` of
    each other after normalisation to [1, 2]: whether they tie would be decided by a tolerance.

    Examples
    --------
    >>> A = np.array([[[1., 0.], [1 + 1e-12, 1e-12]], [[1., 0.], [2., 1.]]])
    >>> near_ties(A, A.transpose(0, 2, 1)).tolist()
    [True, False]
    """
    out = np.zeros(A.shape[0], dtype=bool)
    for M in (A, B):
        gap = _relative_gaps(M.reshape(M.shape[0], -1))[1]
        out |= ((gap > 0) & (gap <= tol)).any(axis=1)
    return out


def _relative_gaps(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sort order of each row of `v` and the gaps between neighbours as fractions of the row's
    spread, computed before normalising (normalised, 1 beside 1e19 would round to one value)."""
    big = np.abs(v).max(axis=1, keepdims=True)
    vs = np.ldexp(v, -np.frexp(np.where(big > 0, big, 1.0))[1])  # exact power-of-two scaling
    order = np.argsort(vs, axis=1, kind="stable")
    srt = np.take_along_axis(vs, order, axis=1)
    span = srt[:, -1:] - srt[:, :1]
    return order, np.diff(srt, axis=1) / np.where(span > 0, span, 1.0)


def describe_near_ties(A: np.ndarray, B: np.ndarray, tol: float = LABEL_TOL) -> str:
    """Name the cells of one game (m, n) whose payoffs tie only within the tolerance."""
    parts = []
    for name, M in (("A (row player's payoffs)", A), ("B (column player's payoffs)", B)):
        order, gap = (a[0] for a in _relative_gaps(M.reshape(1, -1)))
        for k in np.flatnonzero((gap > 0) & (gap <= tol))[:3]:
            i1, j1 = divmod(int(order[k]), M.shape[1])
            i2, j2 = divmod(int(order[k + 1]), M.shape[1])
            parts.append(
                f"{name} cells ({i1}, {j1}) = {M[i1, j1]:.17g} and ({i2}, {j2}) = {M[i2, j2]:.17g} "
                f"differ by {gap[k]:.1e} of the payoff spread"
            )
    return "; ".join(parts)


def extreme_equilibria(
    A: np.ndarray,
    B: np.ndarray,
    *,
    engine: str = "subsets",
    tol: float = LABEL_TOL,
    exact: str = "auto",
    info: dict | None = None,
):
    """Every extreme equilibrium of a stack of bimatrix games.

    Parameters
    ----------
    A, B : ndarray, shape (N, m, n)
        Payoffs (any finite numbers; normalised internally).
    engine : {"subsets", "qhull"}
        Vertex enumeration engine; ``qhull`` needs N == 1 (and uses ``subsets`` below 2x2).
    tol : float
        Label tolerance on slacks (payoffs normalised to [1, 2]).
    exact : {"auto", "never"}
        ``auto``: a game with a near tie (two distinct payoffs of a player, or a slack at a
        vertex, within `tol`) is re-solved by :func:`exact_extreme_equilibria` when it solves at
        most :data:`EXACT_LIMIT` subsystems; a larger one is solved in floating point and a
        :class:`~deterrence.errors.NearTieWarning` names the cells.
    info : dict, optional
        Filled with ``"exact"``: the indices of the games solved in exact arithmetic.

    Returns
    -------
    game : ndarray (E,)
        Index of the game each equilibrium belongs to (sorted).
    x, y : ndarray (E, m), (E, n)
        Mixed strategies.
    xid, yid : ndarray (E,)
        Identifiers of the x- and y-vertex within the game (equal ids = same strategy).
    degenerate : ndarray (N,) of bool
        True where some vertex has more labels than its dimension.

    Examples
    --------
    >>> A = np.array([[[0., -1.], [1., -10.]]]); B = A.transpose(0, 2, 1)
    >>> g, x, y, _, _, deg = extreme_equilibria(A, B)
    >>> np.round(x, 3).tolist()
    [[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]]
    """
    N, m, n = A.shape
    An, Bn = normalise_payoffs(A), normalise_payoffs(B)
    if engine == "qhull" and (N != 1):
        raise ValueError("the qhull engine needs one game")
    if engine == "qhull" and min(m, n) >= 2:
        from scipy.spatial import QhullError

        try:
            X, xz, xt, xv, xn = hull_vertices(Bn[0], tol=tol)
            Y, yz, yt, yv, yn = hull_vertices(An[0].T, tol=tol)
        except QhullError:  # qhull refuses some inputs (e.g. flat hulls): every subsystem then
            X, xz, xt, xv, xn = subset_vertices(Bn, tol=tol)
            Y, yz, yt, yv, yn = subset_vertices(An.transpose(0, 2, 1), tol=tol)
    elif engine in ("subsets", "qhull"):
        X, xz, xt, xv, xn = subset_vertices(Bn, tol=tol)
        Y, yz, yt, yv, yn = subset_vertices(An.transpose(0, 2, 1), tol=tol)
    else:
        raise ValueError(f"unknown engine {engine!r}; use 'subsets' or 'qhull'")
    # labels: rows 0..m-1, columns m..m+n-1
    dtype = _mask_dtype(m + n)
    pmask = (xz | (xt << m)).astype(dtype)
    qmask = (yt | (yz << m)).astype(dtype)
    full = dtype((1 << (m + n)) - 1)
    g, p, q = match_vertices(pmask, xv, qmask, yv, full, dims=(m, n))
    x = X[g, p]
    y = Y[g, q]
    x = x / x.sum(axis=1, keepdims=True)
    y = y / y.sum(axis=1, keepdims=True)
    popcount = _popcount()
    deg = np.zeros(N, dtype=bool)
    for mask, valid, dim in ((pmask, xv, m), (qmask, yv, n)):
        if mask.size:
            over = (popcount(mask) > dim) & valid
            deg |= over.any(axis=1)
    out = (g, x, y, p, q, deg)
    if exact != "never":
        flagged = near_ties(A, B, tol) | xn | yn
        if flagged.any():
            out, done = _refine(A, B, out, np.flatnonzero(flagged), tol)
            if info is not None:
                info["exact"] = done
    return _ordered(*out)


def _refine(A, B, out, games, tol):
    """Replace the float answers of near-tie games by exact ones (small games) or warn."""
    import warnings

    from ..errors import NearTieWarning

    g, x, y, p, q, deg = out
    N, m, n = A.shape
    if subsystem_count(m, n) + subsystem_count(n, m) > EXACT_LIMIT:
        for i in games[:3]:
            cells = describe_near_ties(A[i], B[i], tol) or (
                "a payoff comparison at a mixed strategy lies within the label tolerance"
            )
            warnings.warn(
                NearTieWarning(
                    ("" if N == 1 else f"game {i}: ")
                    + f"ties decided by the label tolerance {tol:g} (payoffs normalised "
                    f"to [1, 2]): {cells}. The game is too large for the exact re-check; "
                    "rescale or round the payoffs so that distinct payoffs differ clearly."
                ),
                stacklevel=4,
            )
        return out, games[:0]
    keep = ~np.isin(g, games)
    parts = [(g[keep], x[keep], y[keep], p[keep], q[keep])]
    deg = deg.copy()
    for i in games:
        ge, xe, ye, pe, qe, de = exact_extreme_equilibria(A[i], B[i])
        parts.append((ge + i, xe, ye, pe, qe))
        deg[i] = de[0]
    return tuple(np.concatenate([pt[k] for pt in parts]) for k in range(5)) + (deg,), games
