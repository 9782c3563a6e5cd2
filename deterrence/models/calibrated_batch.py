"""The calibrated-response model over stacks of parameter draws: r*, n* and P(escalation) at once.

The functions here are :class:`~deterrence.models.retaliation.CalibratedResponse`'s optimum,
launch optimum and binomial expectations vectorised over N draws of its parameters (what joint
uncertainty propagation runs on): thresholds are given as families with arrays of shapes and
scales (:mod:`deterrence.models.distributions`), every other argument broadcasts to (N,).

* :func:`optimum_batch` — r* = argmax_{r >= 0} U(r), U(r) = S·G(r) − W·F(r) − κ·r, S = R̄ + a.
  Every local maximum is bracketed on a grid over [0, upper] (linear plus geometric) by a sign
  change of U′ from + to −, the two best brackets of each draw are refined by bisection on U′ to
  1e-13 of `upper`, and the best of them, 0 and `upper` wins (ties go to 0, as in the scalar
  method).
* :func:`optimum_launches_batch` — n* = argmax_n E[U(L_n)], L_n ~ Binomial(n, q). Since
  L_{n+1} = L_n + Bernoulli(q), E[U(L_{n+1})] − E[U(L_n)] = q·(E[ΔU(L_n)] − κ) with
  ΔU(l) = S·(G(l+1) − G(l)) − W·(F(l+1) − F(l)): the sign of one binomial expectation says
  whether one more launch helps. From each local maximum r of U (above), the search starts at
  n = r/q, brackets a change of that sign from + to − by doubling steps and bisects it: a local
  maximum of E[U(L_n)]. The best of these, n = 0 and the bound wins. The binomial kernel is
  totally positive of order 2 in (n, l) (monotone likelihood ratio), so by the
  variation-diminishing property (Karlin 1968, *Total Positivity*, ch. 3) n ↦ E[ΔU(L_n)] − κ
  changes sign no more often, and in the same order, than l ↦ ΔU(l) − κ: when U has a single
  peak the answer is the exhaustive search's; with several peaks it is as good as the grid
  that found them.
* :func:`binomial_expectation` — E[h(L)] for L ~ Binomial(n, q) per draw, binomial terms
  further than 8 sd + 16 from the mean (mass below 1e-14) skipped.

Units: responses in leakers; n in launches; utilities in utils.
"""

from __future__ import annotations

import math

import numpy as np

from . import distributions as D

__all__ = ["optimum_batch", "optimum_launches_batch", "binomial_expectation", "default_upper"]

_UPPER_QUANTILE, _UPPER_FACTOR = 0.999, 1.5
_TAIL_SD, _TAIL_PAD = 8.0, 16
_BLOCK_CELLS = 1_000_000
_SQRT2PI = math.sqrt(2.0 * math.pi)
# grid on [0, 1] (times each draw's upper bound): linear plus geometric, as the scalar search
_GRID = np.union1d(np.linspace(0.0, 1.0, 257), np.geomspace(1e-6, 1.0, 129))


def default_upper(G, F):
    """1.5 × the larger 0.999-quantile of the two thresholds (1 where that is not positive).

    Parameters
    ----------
    G, F : (family, shape, scale)
        The weakness and tolerance thresholds; shape and scale arrays broadcast.

    Examples
    --------
    >>> round(float(default_upper(("lognormal", 0.6, 3.0), ("lognormal", 0.7, 20.0))), 3)
    260.958
    """
    q = np.maximum(D.ppf(*G[:1], _UPPER_QUANTILE, *G[1:]), D.ppf(*F[:1], _UPPER_QUANTILE, *F[1:]))
    return np.where(np.isfinite(q) & (q > 0), _UPPER_FACTOR * q, 1.0)


class _Model:
    """U and U′ of N draws, evaluated at an (N, k) array of responses.

    With two lognormal thresholds (the default) ln x is taken once for both and Φ comes straight
    from ``scipy.special.ndtr``: the same numbers as :mod:`.distributions`, fewer passes."""

    def __init__(self, G, F, stake, war_cost, marginal_cost, n):
        self.G, self.F = G, F
        col = lambda v: np.broadcast_to(np.asarray(v, dtype=float), (n,))[:, None]  # noqa: E731
        self.S, self.W, self.k = col(stake), col(war_cost), col(marginal_cost)
        self.g = tuple(col(v) for v in G[1:])
        self.f = tuple(col(v) for v in F[1:])
        self.fast = G[0] == F[0] == "lognormal"
        if self.fast:  # ln(scale) and 1/σ per row
            self.lg, self.ig = np.log(self.g[1]), 1.0 / self.g[0]
            self.lf, self.if_ = np.log(self.f[1]), 1.0 / self.f[0]

    def rows(self, idx):
        out = object.__new__(_Model)
        out.G, out.F, out.fast = self.G, self.F, self.fast
        out.S, out.W, out.k = self.S[idx], self.W[idx], self.k[idx]
        out.g = tuple(v[idx] for v in self.g)
        out.f = tuple(v[idx] for v in self.f)
        if self.fast:
            out.lg, out.ig, out.lf, out.if_ = (
                self.lg[idx],
                self.ig[idx],
                self.lf[idx],
                self.if_[idx],
            )
        return out

    @staticmethod
    def _log(x):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log(np.maximum(x, 0.0))  # ln 0 = −inf: Φ(−inf) = 0, as cdf(0)

    def u(self, r):
        if self.fast:
            ndtr = D._special().ndtr
            lx = self._log(r)
            return (
                self.S * ndtr((lx - self.lg) * self.ig) - self.W * ndtr((lx - self.lf) * self.if_)
            ) - self.k * r
        Gr = D.cdf(self.G[0], r, *self.g)
        Fr = D.cdf(self.F[0], r, *self.f)
        return (self.S * Gr - self.W * Fr) - self.k * r

    def du(self, r):
        if self.fast:
            lx = self._log(r)
            zg, zf = (lx - self.lg) * self.ig, (lx - self.lf) * self.if_
            with np.errstate(divide="ignore", invalid="ignore"):
                dens = (self.S * self.ig * np.exp(-0.5 * zg * zg)
                        - self.W * self.if_ * np.exp(-0.5 * zf * zf)) / (r * _SQRT2PI)  # fmt: skip
            return np.where(r > 0, dens, 0.0) - self.k
        return (self.S * D.pdf(self.G[0], r, *self.g) - self.W * D.pdf(self.F[0], r, *self.f)) - (
            self.k
        )

    def h(self, leakers):
        """S·G(l) − W·F(l): the utility of l leakers before the marginal cost."""
        if self.fast:
            ndtr = D._special().ndtr
            lx = self._log(leakers)
            return self.S * ndtr((lx - self.lg) * self.ig) - self.W * ndtr(
                (lx - self.lf) * self.if_
            )
        return self.S * D.cdf(self.G[0], leakers, *self.g) - self.W * D.cdf(
            self.F[0], leakers, *self.f
        )

    def h_upper(self, leakers):
        """W·(1 − F(l)) − S·(1 − G(l)) = h(l) − S + W, accurate in the upper tails (its
        differences are those of h)."""
        if self.fast:
            ndtr = D._special().ndtr
            lx = self._log(leakers)
            return self.W * ndtr((self.lf - lx) * self.if_) - self.S * ndtr(
                (self.lg - lx) * self.ig
            )
        return self.W * D.sf(self.F[0], leakers, *self.f) - self.S * D.sf(
            self.G[0], leakers, *self.g
        )


def _column(v, n):
    return np.broadcast_to(np.asarray(v, dtype=float), (n,))


def optimum_batch(G, F, stake, war_cost, marginal_cost, *, upper=None, n=None, peaks=False):
    """r* for every draw: the utility-maximising response in leakers (see the module docstring).

    Parameters
    ----------
    G, F : (family, shape, scale)
        Weakness and tolerance thresholds: a family of :data:`~.distributions.FAMILIES` and
        arrays (or numbers) of its shape and scale.
    stake : array_like
        S = R̄ + a (utils).
    war_cost : array_like
        W (utils).
    marginal_cost : array_like
        κ (utils per leaker).
    upper : array_like, keyword-only, optional
        Largest response per draw; default :func:`default_upper`.
    n : int, keyword-only, optional
        Number of draws (default: the broadcast size of the arguments).
    peaks : bool, keyword-only
        Also return the (N, 2) array of the two best local maxima of U (NaN where none), which
        :func:`optimum_launches_batch` starts from.

    Returns
    -------
    (ndarray, ndarray) or (ndarray, ndarray, ndarray)
        r* (N,) and a boolean (N,) array, True where U is still rising at `upper` (the scalar
        method warns there); then the peaks if asked.

    Examples
    --------
    The seed scenario (r* ≈ 5.16 leakers) and a draw with a dearer war:

    >>> r, rising = optimum_batch(("lognormal", 0.6, 3.0), ("lognormal", 0.7, 20.0),
    ...                           2.0, [10.0, 40.0], 0.002)
    >>> r.round(2).tolist(), rising.tolist()
    ([5.16, 3.7], [False, False])
    """
    if n is None:
        n = np.broadcast(
            *(np.asarray(v) for v in (*G[1:], *F[1:], stake, war_cost, marginal_cost))
        ).size
    hi = _column(default_upper(G, F) if upper is None else upper, n)[:, None]
    model = _Model(G, F, stake, war_cost, marginal_cost, n)
    r_star, rising, found = _optimum(model, hi, n)
    return (r_star, rising, found) if peaks else (r_star, rising)


def _optimum(model, hi, n):
    r_star = np.empty(n)
    rising = np.zeros(n, dtype=bool)
    peaks = np.empty((n, 2))
    rows = max(1, _BLOCK_CELLS // (4 * _GRID.size))
    for s in range(0, n, rows):
        idx = slice(s, s + rows)
        r_star[idx], rising[idx], peaks[idx] = _optimum_block(model.rows(idx), hi[idx])
    return r_star, rising, peaks


def _optimum_block(m: _Model, hi):
    grid = hi * _GRID  # (b, k)
    du = m.du(grid)
    b = grid.shape[0]
    # local maxima: U′ > 0 at grid[j] and <= 0 at grid[j + 1]; U only where one is bracketed
    pr, pc = np.nonzero((du[:, :-1] > 0) & (du[:, 1:] <= 0))
    sub = m.rows(pr)
    ends = np.stack([grid[pr, pc], grid[pr, pc + 1]], axis=1)
    score = np.full(du.shape, -np.inf)
    score[pr, pc] = sub.u(ends).max(axis=1)
    top = np.argsort(-score, axis=1)[:, :2]  # the two best brackets
    ok = np.take_along_axis(score, top, axis=1) > -np.inf
    a = np.take_along_axis(grid, top, axis=1).reshape(-1, 1)
    z = np.take_along_axis(grid, top + 1, axis=1).reshape(-1, 1)
    m2 = m.rows(np.repeat(np.arange(b), 2))
    # bisection on U′ (+ at a, <= 0 at z): a fixed 48 halvings of a bracket at most upper/128
    # wide reach 1e-16 of upper, and each row's result does not depend on the others
    for _ in range(48):
        mid = 0.5 * (a + z)
        pos = m2.du(mid) > 0
        a, z = np.where(pos, mid, a), np.where(pos, z, mid)
    roots = (0.5 * (a + z)).reshape(b, 2)
    peaks = np.where(ok, roots, np.nan)
    cand = np.concatenate([np.zeros((b, 1)), np.where(ok, roots, 0.0), hi], axis=1)
    cu = m.u(cand)
    # ties go to 0 (do not respond when responding gains nothing): argmax takes the first
    j = np.argmax(cu, axis=1)
    r = np.take_along_axis(cand, j[:, None], axis=1)[:, 0]
    rising = (r >= grid[:, -2]) & (m.du(hi)[:, 0] > 0)
    return r, rising, peaks


def _lgamma_table(n_max: int) -> np.ndarray:
    from scipy.special import gammaln

    return gammaln(np.arange(n_max + 2, dtype=float) + 1.0)  # ln k! for k = 0 .. n_max + 1


def _binomial_window(n, q):
    """(start, width) of the binomial terms kept for each draw (10 sd + 40 each side)."""
    half = np.ceil(_TAIL_SD * np.sqrt(n * q * (1.0 - q))).astype(np.int64) + _TAIL_PAD
    start = np.maximum(np.round(n * q).astype(np.int64) - half, 0)
    width = np.minimum(2 * half + 1, n + 1 - start)
    return start, np.maximum(width, 1)


def _pmf(leakers, n, q, lnfact):
    """Binomial(n, q) pmf at consecutive integer `leakers` per row (0 where leakers > n):
    the first term from ln k! tables, the others by the ratio p(l + 1)/p(l) =
    (n − l)/(l + 1)·q/(1 − q) (a running product: no special function per term). `n` and `q`
    are (b, 1) columns."""
    first = leakers[:, :1]
    interior = (q > 0) & (q < 1)
    qi = np.where(interior, q, 0.5)
    odds = qi / (1.0 - qi)
    k0 = np.minimum(first, n)
    with np.errstate(over="ignore", under="ignore"):
        p0 = np.exp(
            (lnfact[n] - lnfact[k0] - lnfact[n - k0]) + k0 * np.log(odds) + n * np.log1p(-qi)
        )
        p0 = np.where(first <= n, p0, 0.0)
        ratio = np.maximum(n - leakers[:, :-1], 0) / (leakers[:, :-1] + 1.0) * odds
        p = np.cumprod(np.concatenate([p0, ratio], axis=1), axis=1)
    lost = (interior & (first <= n) & (p0 == 0))[:, 0]
    if lost.any():  # first term below the smallest double (q extremely close to 1): log space
        lk = np.minimum(leakers[lost], n[lost])
        n_, o_, q_ = n[lost], odds[lost], qi[lost]
        with np.errstate(under="ignore"):
            logp = (lnfact[n_] - lnfact[lk] - lnfact[n_ - lk]) + lk * np.log(o_)
            p[lost] = np.where(leakers[lost] <= n_, np.exp(logp + n_ * np.log1p(-q_)), 0.0)
    # q = 0 or 1: all the mass on 0 or on n
    return np.where(interior, p, (leakers == np.where(q >= 1, n, 0)).astype(float))


def binomial_expectation(func, n, q, *, lnfact=None, difference=False):
    """E[func(rows, L)] for L ~ Binomial(n_i, q_i), one expectation per draw i.

    Parameters
    ----------
    func : callable
        ``func(rows, leakers)`` with `rows` an integer index array (b,) of the draws and
        `leakers` a (b, w) float array; returns (b, w) values.
    n : array_like of int
        Launches per draw, >= 0.
    q : array_like
        Leak probability per draw, in [0, 1].
    difference : bool, keyword-only
        Take E[func(L + 1) − func(L)] instead (one evaluation per leaker count, not two).

    Returns
    -------
    ndarray
        (N,) expectations.

    Examples
    --------
    E[L] = n·q:

    >>> binomial_expectation(lambda rows, l: l, [10, 150], [0.5, 0.14]).round(10).tolist()
    [5.0, 21.0]
    """
    n = np.asarray(n, dtype=np.int64)
    q = np.broadcast_to(np.asarray(q, dtype=float), n.shape)
    out = np.empty(n.shape)
    if n.size == 0:
        return out
    if lnfact is None:
        lnfact = _lgamma_table(int(n.max()))
    start, width = _binomial_window(n, q)
    order = np.argsort(-width, kind="stable")  # widest first: a block's first row is its widest
    extra = 1 if difference else 0
    i = 0
    while i < n.size:
        w = int(width[order[i]])
        rows = order[i : i + max(1, _BLOCK_CELLS // w)]
        leakers = start[rows, None] + np.arange(w + extra)
        values = func(rows, leakers.astype(float))
        if difference:
            values = values[:, 1:] - values[:, :-1]
            leakers = leakers[:, :-1]
        p = _pmf(leakers, n[rows, None], q[rows, None], lnfact)
        out[rows] = (p * values).sum(axis=1)
        i += rows.size
    return out


def optimum_launches_batch(
    G, F, stake, war_cost, marginal_cost, q, *, upper=None, n=None, peaks=None
):
    """n* for every draw: the number of launches maximising E[U(L)], L ~ Binomial(n, q).

    The cost is κ per expected leaker (κ·n·q), as in
    :meth:`~deterrence.models.retaliation.CalibratedResponse.optimum_launches` with its
    defaults; the search runs over {0, ..., ⌈upper/q⌉} and ties go to the smallest n.

    Parameters
    ----------
    G, F, stake, war_cost, marginal_cost, upper, n
        As in :func:`optimum_batch`.
    q : array_like
        Per-launch leak probability, in [0, 1]; draws with q = 0 give -1 (no launch ever leaks).
    peaks : ndarray, keyword-only, optional
        (N, 2) local maxima of U in leakers (NaN where none), as :func:`optimum_batch` finds
        them; computed when not given.

    Returns
    -------
    (ndarray, ndarray)
        n* (int64, N), and a boolean (N,) array True where n* is the search bound (the optimum
        may lie beyond).

    Examples
    --------
    >>> n_star, at_bound = optimum_launches_batch(
    ...     ("lognormal", 0.6, 3.0), ("lognormal", 0.7, 20.0), 2.0, 10.0, 0.002, [0.14, 0.3])
    >>> n_star.tolist(), at_bound.tolist()
    ([37, 17], [False, False])
    """
    if n is None:
        n = np.broadcast(
            *(np.asarray(v) for v in (*G[1:], *F[1:], stake, war_cost, marginal_cost, q))
        ).size
    q = _column(q, n)
    hi = _column(default_upper(G, F) if upper is None else upper, n)
    model = _Model(G, F, stake, war_cost, marginal_cost, n)
    if peaks is None:
        _, _, peaks = _optimum(model, hi[:, None], n)
    n_star = np.full(n, -1, dtype=np.int64)
    at_bound = np.zeros(n, dtype=bool)
    live = np.flatnonzero(q > 0)
    if live.size == 0:
        return n_star, at_bound
    n_max = np.zeros(n, dtype=np.int64)
    n_max[live] = np.maximum(np.ceil(hi[live] / q[live]).astype(np.int64), 1)
    lnfact = _lgamma_table(int(n_max[live].max()))

    def diff(rows, m):
        """E[ΔU(L_m)] − κ = (EU(m+1) − EU(m))/q per (row, m): its sign says if one more helps."""
        return (
            binomial_expectation(
                lambda r, x: model.rows(rows[r]).h_upper(x),
                m,
                q[rows],
                lnfact=lnfact,
                difference=True,
            )
            - model.k[rows, 0]
        )

    # one local search per (draw, peak of U): start at peak/q, bracket, bisect
    pk = peaks[live]
    rows = np.repeat(live, pk.shape[1])
    start = pk.ravel()
    ok = np.isfinite(start)
    rows, start = rows[ok], start[ok]
    n0 = np.clip(np.round(start / q[rows]).astype(np.int64), 0, n_max[rows])
    lo, top = _bracket(diff, rows, n0, n_max[rows])
    while True:
        active = np.flatnonzero(top - lo > 1)
        if active.size == 0:
            break
        mid = (lo[active] + top[active]) // 2
        down = diff(rows[active], mid) <= 0
        top[active[down]] = mid[down]
        lo[active[~down]] = mid[~down]
    # candidates: 0 and the local maxima (the bound when still rising); exact E[U] at each
    cand_rows = np.concatenate([live, rows])
    cand_n = np.concatenate([np.zeros(live.size, dtype=np.int64), top])
    eu = (
        binomial_expectation(
            lambda r, x: model.rows(cand_rows[r]).h(x), cand_n, q[cand_rows], lnfact=lnfact
        )
        - model.k[cand_rows, 0] * q[cand_rows] * cand_n
    )
    # best per draw, ties to the smallest n: sort by (row, −eu, n) and keep each row's first
    order = np.lexsort((cand_n, -eu, cand_rows))
    first = np.ones(order.size, dtype=bool)
    first[1:] = cand_rows[order][1:] != cand_rows[order][:-1]
    n_star[cand_rows[order][first]] = cand_n[order][first]
    at_bound[live] = n_star[live] == n_max[live]
    return n_star, at_bound


def _bracket(diff, rows, n0, n_max):
    """(lo, hi) per search with diff(lo) > 0 (or lo = −1) and diff(hi) <= 0 (or hi = n_max),
    expanding from n0 by doubling steps."""
    lo = np.full(rows.size, -1, dtype=np.int64)
    top = n_max.copy()
    inner = n0 < n_max
    d0 = np.zeros(rows.size)
    if inner.any():
        d0[inner] = diff(rows[inner], n0[inner])
    up = inner & (d0 > 0)
    lo[up] = n0[up]
    down = ~up
    top[down] = np.minimum(n0[down], n_max[down])
    step = np.ones(rows.size, dtype=np.int64)
    going_up, going_down = up.copy(), down & (top > 0)
    while going_up.any() or going_down.any():
        i = np.flatnonzero(going_up)
        cand = np.minimum(lo[i] + step[i], n_max[i])
        at_end = cand >= n_max[i]
        d = np.zeros(i.size)
        if (~at_end).any():
            d[~at_end] = diff(rows[i[~at_end]], cand[~at_end])
        stop = at_end | (d <= 0)
        top[i[stop]] = cand[stop]
        lo[i[~stop]] = cand[~stop]
        going_up[i[stop]] = False
        j = np.flatnonzero(going_down)
        cand = top[j] - step[j]
        below = cand < 0
        d = np.zeros(j.size)
        if (~below).any():
            d[~below] = diff(rows[j[~below]], cand[~below])
        stop = below | (d > 0)
        lo[j[stop]] = np.where(below[stop], -1, cand[stop])
        top[j[~stop]] = cand[~stop]
        going_down[j[stop]] = False
        step *= 2
    return lo, top
