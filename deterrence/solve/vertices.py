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
* ``qhull``: ``scipy.spatial.HalfspaceIntersection`` of the polytope's halfspaces, then the same
  label recomputation.  Used for larger games.

The functions here work on arrays; :func:`deterrence.solve.solve` is the facade.
"""

from __future__ import annotations

from itertools import combinations
from math import comb

import numpy as np

__all__ = [
    "LABEL_TOL",
    "normalise_payoffs",
    "subset_vertices",
    "qhull_vertices",
    "match_vertices",
    "extreme_equilibria",
    "subsystem_count",
]

#: tolerance on slacks when reading labels, in units of the normalised payoffs ([1, 2])
LABEL_TOL = 1e-9


def normalise_payoffs(M: np.ndarray) -> np.ndarray:
    """Map each game's payoffs (last two axes) affinely onto [1, 2]; constant games map to 1.

    Examples
    --------
    >>> normalise_payoffs(np.array([[0., 5.], [10., -10.]]))
    array([[1.5 , 1.75],
           [2.  , 1.  ]])
    """
    lo = M.min(axis=(-2, -1), keepdims=True)
    span = M.max(axis=(-2, -1), keepdims=True) - lo
    span = np.where(span > 0, span, 1.0)
    return 1.0 + (M - lo) / span


def subsystem_count(d: int, k: int) -> int:
    """Number of square subsystems the ``subsets`` engine solves for a d-variable polytope."""
    return comb(d + k, d) - 1


def _labels(X: np.ndarray, C: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Zero-coordinate and tight-constraint label masks (int64 bitsets) of points X.

    X: (N, V, d); C: (N, d, k). Returns (zero_mask, tight_mask), each (N, V).
    """
    d = X.shape[-1]
    k = C.shape[-1]
    slack = 1.0 - X @ C
    dtype = _mask_dtype(d + k)
    zero = (X <= tol).astype(dtype) @ (np.ones(1, dtype) << np.arange(d, dtype=dtype))
    tight = (slack <= tol).astype(dtype) @ (np.ones(1, dtype) << np.arange(k, dtype=dtype))
    return zero, tight


def _mask_dtype(bits: int):
    # the narrowest integer holding a label bitset: pairwise ORs of masks dominate batch time
    return np.int16 if bits <= 15 else np.int32 if bits <= 31 else np.int64


def _solve_ones(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve M x = 1 for a stack of s×s matrices; (x, nonsingular). Cramer's rule for s <= 3,
    which is several times faster than batched LAPACK on tiny matrices."""
    s = M.shape[-1]
    if s == 1:
        det = M[..., 0, 0]
        x = 1.0 / np.where(det != 0, det, 1.0)[..., None]
    elif s == 2:
        a, b, c, d = M[..., 0, 0], M[..., 0, 1], M[..., 1, 0], M[..., 1, 1]
        det = a * d - b * c
        inv = 1.0 / np.where(det != 0, det, 1.0)
        x = np.stack([(d - b) * inv, (a - c) * inv], axis=-1)
    elif s == 3:
        r0, r1, r2 = M[..., 0, :], M[..., 1, :], M[..., 2, :]
        c0, c1, c2 = np.cross(r1, r2), np.cross(r2, r0), np.cross(r0, r1)
        det = np.einsum("...i,...i->...", r0, c0)
        # M^-1 has columns c0, c1, c2 (over det), so M^-1 1 = (c0 + c1 + c2) / det
        x = (c0 + c1 + c2) / np.where(det != 0, det, 1.0)[..., None]
    else:
        det = np.linalg.det(M)
        safe = np.where((np.abs(det) > 1e-12)[..., None, None], M, np.eye(s))
        x = np.linalg.solve(safe, np.ones(M.shape[:-1] + (1,)))[..., 0]
    return x, np.abs(det) > 1e-12


def subset_vertices(C: np.ndarray, *, tol: float = LABEL_TOL):
    """Vertices of {x >= 0, C'x <= 1} for a stack of matrices C (N, d, k) with entries in [1, 2].

    Returns ``(X, zero_mask, tight_mask, valid)``: candidate points (N, V, d) — one per square
    nonsingular subsystem, so a vertex may appear several times — their label bitsets (N, V) and
    a feasibility mask (N, V).  The origin is not included.
    """
    N, d, k = C.shape
    pts, masks = [], []
    for s in range(1, min(d, k) + 1):
        K = np.array(list(combinations(range(d), s)), dtype=np.intp)  # supports
        T = np.array(list(combinations(range(k), s)), dtype=np.intp)  # tight constraints
        KK = np.repeat(K, len(T), axis=0)
        TT = np.tile(T, (len(K), 1))
        # sub[n, p] = C[n][K_p][:, T_p]' : the system C[K,T]' x_K = 1
        sub = C[:, KK[:, :, None], TT[:, None, :]].transpose(0, 1, 3, 2)
        xK, ok = _solve_ones(sub)
        X = np.zeros((N, len(KK), d))
        rows = np.arange(len(KK))[:, None]
        X[:, rows, KK] = xK
        pts.append(X)
        masks.append(ok)
    X = np.concatenate(pts, axis=1)
    ok = np.concatenate(masks, axis=1)
    X = np.where(np.abs(X) <= tol * 1e-3, 0.0, X)
    slack = 1.0 - X @ C
    valid = ok & (X >= -tol).all(axis=-1) & (slack >= -tol).all(axis=-1)
    zero, tight = _labels(X, C, tol)
    return X, zero, tight, valid


def qhull_vertices(C: np.ndarray, *, tol: float = LABEL_TOL):
    """Vertices of {x >= 0, C'x <= 1} for one matrix C (d, k), d >= 2, entries in [1, 2].

    Same return convention as :func:`subset_vertices` with N = 1; duplicates are possible.
    qhull only locates the vertices; each is then re-solved exactly from the square subsystems
    of its nearly tight constraints, so labels are read from accurate points.
    """
    from scipy.spatial import HalfspaceIntersection

    d, k = C.shape
    # halfspaces as [normal, offset] with normal.x + offset <= 0
    hs = np.vstack([np.hstack([-np.eye(d), np.zeros((d, 1))]), np.hstack([C.T, -np.ones((k, 1))])])
    interior = np.full(d, 1.0 / (4.0 * d))  # C'x <= 0.5 there since C <= 2
    approx = HalfspaceIntersection(hs, interior).intersections
    approx = np.unique(np.round(approx, 10), axis=0)
    approx = approx[np.abs(approx).sum(axis=1) > 1e-9]  # drop the origin
    # qhull's points can be off by ~1e-8 where constraints are nearly parallel: re-derive each
    # vertex exactly from the square subsystems of its nearly tight constraints
    G = np.vstack([np.eye(d), C.T])  # constraint normals; rhs 0 for x_i = 0, 1 for columns
    rhs = np.concatenate([np.zeros(d), np.ones(k)])
    found: list[np.ndarray] = []

    def accept(rows):
        M = G[list(rows)]
        if abs(np.linalg.det(M)) <= 1e-12:
            return False
        x = np.linalg.solve(M, rhs[list(rows)])
        x = np.where(np.abs(x) <= tol * 1e-3, 0.0, x)
        if (x >= -tol).all() and (x @ C <= 1 + tol).all():
            found.append(x[None])
            return True
        return False

    slack = np.abs(approx @ G.T - rhs)
    near = slack <= 1e-6
    # the common case: exactly d nearly tight constraints — re-solve all those vertices at once
    simple = near.sum(axis=1) == d
    if simple.any():
        rows = np.argsort(~near[simple], axis=1, kind="stable")[:, :d]
        M = G[rows]
        ok = np.abs(np.linalg.det(M)) > 1e-12
        Ms = np.where(ok[:, None, None], M, np.eye(d))
        xs = np.linalg.solve(Ms, rhs[rows][..., None])[..., 0]
        xs = np.where(np.abs(xs) <= tol * 1e-3, 0.0, xs)
        good = ok & (xs >= -tol).all(axis=1) & (xs @ C <= 1 + tol).all(axis=1)
        found.append(xs[good])
        redo = np.flatnonzero(simple)[~good]
    else:
        redo = np.zeros(0, dtype=int)
    for v in approx[np.concatenate([np.flatnonzero(~simple), redo])]:
        sl = np.abs(G @ v - rhs)
        cand = np.flatnonzero(sl <= 1e-6)
        cand = cand[np.argsort(sl[cand], kind="stable")]
        # greedy: the tightest linearly independent constraints (almost always right) ...
        basis: list[int] = []
        for r in cand:
            if np.linalg.matrix_rank(G[basis + [r]]) == len(basis) + 1:
                basis.append(int(r))
            if len(basis) == d:
                break
        if len(basis) == d and accept(basis):
            continue
        # ... else every square subsystem of the d + 4 tightest
        for rows_ in combinations(cand[: d + 4], d):
            accept(rows_)
    X = np.vstack(found) if found else np.zeros((0, d))
    X = X[np.sort(np.unique(np.round(X, 12), axis=0, return_index=True)[1])]
    X = np.where(np.abs(X) <= tol * 1e-3, 0.0, X)[None]
    slack = 1.0 - np.einsum("nvd,ndk->nvk", X, C[None])
    valid = (X >= -tol).all(axis=-1) & (slack >= -tol).all(axis=-1)
    zero, tight = _labels(X, C[None], tol)
    return X, zero, tight, valid


def _canonical(mask: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """True at the first valid occurrence of each (game, label set): one entry per vertex."""
    N, V = mask.shape
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


def extreme_equilibria(
    A: np.ndarray, B: np.ndarray, *, engine: str = "subsets", tol: float = LABEL_TOL
):
    """Every extreme equilibrium of a stack of bimatrix games.

    Parameters
    ----------
    A, B : ndarray, shape (N, m, n)
        Payoffs (any finite numbers; normalised internally).
    engine : {"subsets", "qhull"}
        Vertex enumeration engine; ``qhull`` needs N == 1 and m, n >= 2.

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
    if engine == "subsets":
        X, xz, xt, xv = subset_vertices(Bn, tol=tol)
        Y, yz, yt, yv = subset_vertices(An.transpose(0, 2, 1), tol=tol)
    elif engine == "qhull":
        if N != 1 or min(m, n) < 2:
            raise ValueError("the qhull engine needs one game with m, n >= 2")
        X, xz, xt, xv = qhull_vertices(Bn[0], tol=tol)
        Y, yz, yt, yv = qhull_vertices(An[0].T, tol=tol)
    else:
        raise ValueError(f"unknown engine {engine!r}; use 'subsets' or 'qhull'")
    # labels: rows 0..m-1, columns m..m+n-1
    pmask = xz | (xt << m)
    qmask = yt | (yz << m)
    dtype = _mask_dtype(m + n)
    pmask = pmask.astype(dtype)
    qmask = qmask.astype(dtype)
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
    # deterministic order: by game, then the row strategy's first coordinates, largest first
    keys = [-np.round(y[:, j], 9) for j in reversed(range(n))]
    keys += [-np.round(x[:, i], 9) for i in reversed(range(m))]
    order = np.lexsort(keys + [g])
    return g[order], x[order], y[order], p[order], q[order], deg
