"""Closed forms for stacks of 2x2 games: every extreme equilibrium of N games in a few dozen
elementwise numpy passes over length-N vectors — no subsystem enumeration, no batched linear
algebra, no sort.

Each best-response polytope of a 2x2 game has at most three vertices besides the origin: the two
pure strategies (x = e_i / max_j C[i, j]) and the mixed point where both opponent strategies tie
(Cramer's rule). Labels are read with the tolerance rule of :mod:`deterrence.solve.vertices`
(slack within ``tol``, payoffs normalised to [1, 2]), so degenerate games come out exactly as the
general engine gives them (tested on 2,000 degenerate games). Candidates are ordered pure 0,
mixed, pure 1 on both sides: that is the solver's output order (row strategy's first coordinate,
then the column's, largest first) without sorting.
"""

from __future__ import annotations

import numpy as np

from .vertices import COND_LIMIT, LABEL_TOL

__all__ = ["equilibria_2x2", "near_ties_2x2"]


def _normalised(M: np.ndarray) -> list[np.ndarray]:
    """The four entries (00, 01, 10, 11) of each game mapped onto [1, 2], as length-N vectors
    (elementwise min/max: reductions over tiny trailing axes are slow in numpy)."""
    e = [M[:, 0, 0], M[:, 0, 1], M[:, 1, 0], M[:, 1, 1]]
    lo = np.minimum(np.minimum(e[0], e[1]), np.minimum(e[2], e[3]))
    hi = np.maximum(np.maximum(e[0], e[1]), np.maximum(e[2], e[3]))
    span = hi - lo
    inv = 1.0 / np.where(span > 0, span, 1.0)
    return [1.0 + (v - lo) * inv for v in e]


def near_ties_2x2(M: np.ndarray, tol: float = LABEL_TOL) -> np.ndarray:
    """Games whose four payoffs include two distinct ones within `tol` of the spread."""
    e = [M[:, 0, 0], M[:, 0, 1], M[:, 1, 0], M[:, 1, 1]]
    # sorting network for four values
    for i, j in ((0, 1), (2, 3), (0, 2), (1, 3), (1, 2)):
        e[i], e[j] = np.minimum(e[i], e[j]), np.maximum(e[i], e[j])
    span = e[3] - e[0]
    lim = tol * span
    out = np.zeros(len(span), dtype=bool)
    for k in range(3):
        gap = e[k + 1] - e[k]
        out |= (gap > 0) & (gap <= lim)
    return out


def _side(c00, c01, c10, c11, tol: float):
    """Vertices of {x >= 0, C'x <= 1} for N matrices C = [[c00, c01], [c10, c11]], candidates in
    the order pure 0, mixed, pure 1: label masks (three int8 vectors: bit 0/1 for x_0/x_1 = 0,
    bit 2/3 for tight columns 0/1), whether the mixed vertex exists, its normalised
    coordinates, degenerate (N,) and near ties (N,)."""
    # pure vertices x = e_i / max_j C[i, j]: column j tight when 1 - C[i, j] / max <= tol
    masks = []
    for i, a, b in ((0, c00, c01), (1, c10, c11)):
        top = np.maximum(a, b)
        t0 = ((1.0 - a / top) <= tol).view(np.int8)
        t1 = ((1.0 - b / top) <= tol).view(np.int8)
        masks.append((t0 << 2) | (t1 << 3) | (1 << (1 - i)))
    # mixed vertex: C'x = 1, i.e. [[c00, c10], [c01, c11]] x = 1 (entries positive, so the
    # 1-norms of C' and of its adjugate are column sums)
    det = c00 * c11 - c10 * c01
    norm = np.maximum(c00 + c01, c10 + c11)
    adjn = np.maximum(c11 + c01, c10 + c00)
    ok = np.abs(det) * COND_LIMIT > norm * adjn
    inv = 1.0 / np.where(ok, det, 1.0)
    x0 = (c11 - c10) * inv
    x1 = (c00 - c01) * inv
    mixed = ok & (x0 > tol) & (x1 > tol)  # otherwise it is (at most) a pure vertex again
    tot = x0 + x1
    tot[~mixed] = 1.0
    deg = (masks[0] == 0b1110) | (masks[1] == 0b1101)
    a0, a1 = np.abs(x0), np.abs(x1)
    band = ((a0 > tol * 1e-3) & (a0 <= tol)) | ((a1 > tol * 1e-3) & (a1 <= tol))
    return masks[0], masks[1], mixed, x0 / tot, x1 / tot, deg, ok & band


def equilibria_2x2(A: np.ndarray, B: np.ndarray, *, tol: float = LABEL_TOL):
    """Every extreme equilibrium of a stack of 2x2 games (A, B of shape (N, 2, 2)), as
    :func:`~deterrence.solve.vertices.extreme_equilibria` returns them (game, x, y, xid, yid,
    degenerate), plus a per-game flag: a label was decided by the tolerance (near tie).

    Payoffs must be below about 1e300 in absolute value (the caller checks; larger ones take the
    general engine, which scales first).

    Examples
    --------
    Chicken (0, -1, 1, -10): two pure equilibria and the mixed one at Pr(straight) = 0.1.

    >>> A = np.array([[[0., -1.], [1., -10.]]])
    >>> g, x, y, xid, yid, deg, near = equilibria_2x2(A, A.transpose(0, 2, 1))
    >>> np.round(x, 3).tolist(), bool(deg[0]), bool(near[0])
    ([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], False, False)
    """
    a00, a01, a10, a11 = _normalised(A)
    b00, b01, b10, b11 = _normalised(B)
    p0, p2, pmix, px0, px1, pdeg, pnear = _side(b00, b01, b10, b11, tol)
    # Q = {y >= 0, Ay <= 1}: C = A'. Its coordinates are columns (game bits 2, 3) and its
    # constraints rows (game bits 0, 1): swap the bit pairs
    q0, q2, qmix, qy0, qy1, qdeg, qnear = _side(a00, a10, a01, a11, tol)
    q0 = ((q0 & 0b0011) << 2) | ((q0 & 0b1100) >> 2)
    q2 = ((q2 & 0b0011) << 2) | ((q2 & 0b1100) >> 2)
    N = len(a00)
    hit = np.empty((N, 9), dtype=bool)
    for k, (pm, pv) in enumerate(((p0, None), (np.int8(0b1100), pmix), (p2, None))):
        for j, (qm, qv) in enumerate(((q0, None), (np.int8(0b0011), qmix), (q2, None))):
            h = (pm | qm) == 0b1111
            if pv is not None:
                h &= pv
            if qv is not None:
                h &= qv
            hit[:, 3 * k + j] = h
    g, kl = np.nonzero(hit)
    p, q = np.divmod(kl, 3)
    x = np.empty((len(g), 2))
    y = np.empty((len(g), 2))
    x[:, 0] = np.where(p == 0, 1.0, np.where(p == 2, 0.0, px0[g]))
    x[:, 1] = np.where(p == 0, 0.0, np.where(p == 2, 1.0, px1[g]))
    y[:, 0] = np.where(q == 0, 1.0, np.where(q == 2, 0.0, qy0[g]))
    y[:, 1] = np.where(q == 0, 0.0, np.where(q == 2, 1.0, qy1[g]))
    near = pnear | qnear | near_ties_2x2(A, tol) | near_ties_2x2(B, tol)
    return g, x, y, p, q, pdeg | qdeg, near
