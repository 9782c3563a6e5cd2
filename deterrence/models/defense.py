"""Missile defence: binomial leakage, saturation of an interceptor inventory, salvo exchange.

Units: launches, threats, interceptors and leakers are counts of munitions (whole numbers);
probabilities are fractions in [0, 1]. Salvo-model forces are unit counts (real numbers allowed,
as in Hughes' deterministic model).

Sources:

- Binomial leakage and the launches needed for ``k`` leakers: standard in ballistic-missile-defence
  analysis, e.g. D. Wilkening (2000), "A simple model for calculating ballistic missile defense
  effectiveness", *Science & Global Security* 8(2):183–215.
- Saturation of ``N_I`` interceptors fired ``s`` per threat: derived here (each engaged threat leaks with probability (1 − P_k)^s, the rest all leak).
- Salvo exchange: W. P. Hughes Jr. (1995), "A salvo model of warships in missile combat used to
  evaluate their staying power", *Naval Research Logistics* 42(2):267–289.
"""

from __future__ import annotations

import math

import numpy as np

from .._check import count, nonnegative, positive, probability
from ..errors import ParameterError
from ..roots import flip

__all__ = [
    "leak_probability",
    "prob_at_least",
    "launches_needed",
    "expected_leakers",
    "leaker_pmf",
    "simulate_leakers",
    "salvo_exchange",
    "prob_at_least_saturated",
    "saturation",
]

# Size of the (arrivals x leakers) block evaluated at once by `leaker_pmf`: bounds memory.
_BLOCK_CELLS = 2_000_000


def _out(value):
    """Return a Python float for 0-d results and an ndarray otherwise."""
    arr = np.asarray(value, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def leak_probability(reliability, p_kill, shots=1):
    """Probability that one launched munition leaks through the defence, q = r·(1−P_k)^s.

    A munition leaks if it flies to the target (launch/flight reliability ``r``) and survives each
    of the ``s`` independent interceptor shots fired at it (single-shot kill probability ``P_k``).
    Arguments broadcast as numpy arrays.

    Parameters
    ----------
    reliability : float or array_like
        r_L, fraction of launched munitions that fly to the target, in [0, 1].
    p_kill : float or array_like
        P_k, single-shot kill probability of an interceptor, in [0, 1].
    shots : int or array_like of int, default 1
        s, interceptors fired at each threat (shoot-shoot doctrine is ``shots=2``), >= 1.

    Returns
    -------
    float or ndarray
        q, the per-launch leak probability.

    References
    ----------
    Wilkening (2000), *Science & Global Security* 8(2):183–215

    Examples
    --------
    >>> leak_probability(0.7, 0.8)
    0.14
    >>> leak_probability(1.0, 0.9, shots=[1, 2])
    array([0.1 , 0.01])
    """
    r = probability(reliability, "reliability")
    pk = probability(p_kill, "p_kill")
    s = count(shots, "shots", minimum=1)
    return _out(np.asarray(r) * (1.0 - np.asarray(pk)) ** np.asarray(s))


def prob_at_least(k, n, q):
    """P(L ≥ k) for the number of leakers L ~ Binomial(n, q); arguments broadcast.

    Parameters
    ----------
    k : int or array_like of int
        Leakers wanted, >= 0 (``k = 0`` gives probability 1).
    n : int or array_like of int
        Munitions launched, >= 0.
    q : float or array_like
        Per-launch leak probability (see :func:`leak_probability`), in [0, 1].

    Returns
    -------
    float or ndarray
        1 − F_Bin(k−1; n, q).

    References
    ----------
    Wilkening (2000)).

    Examples
    --------
    >>> round(prob_at_least(1, 22, 0.1), 4)
    0.9015
    >>> prob_at_least(5, [77, 78], 0.1).round(4)
    array([0.8944, 0.9006])
    """
    from scipy.stats import binom

    k_ = count(k, "k")
    n_ = count(n, "n")
    q_ = probability(q, "q")
    return _out(binom.sf(np.asarray(k_) - 1, n_, q_))


def launches_needed(k, p, q, *, max_launches=10**7):
    """Smallest number of launches n with P(L ≥ k) ≥ p, where L ~ Binomial(n, q).

    For ``k = 1`` the closed form n = ⌈ln(1−p)/ln(1−q)⌉ is used and then checked against the
    binomial tail (floating-point rounding can move it by one); for ``k > 1`` the answer is
    bracketed by doubling and found by bisection on the integers, using that P(L ≥ k) increases
    with n. Scalars only.

    Parameters
    ----------
    k : int
        Leakers wanted, >= 0.
    p : float
        Required probability of at least ``k`` leakers, in [0, 1].
    q : float
        Per-launch leak probability, in [0, 1].
    max_launches : int, keyword-only, default 10**7
        Give up (ParameterError) if more launches than this would be needed.

    Returns
    -------
    int
        n_min(k, p).

    Raises
    ------
    ParameterError
        If no salvo can reach the goal (``q = 0`` with ``k, p > 0``; ``p = 1`` with ``q < 1``) or
        more than ``max_launches`` launches would be needed.

    References
    ----------
    Wilkening (2000)

    Examples
    --------
    >>> launches_needed(1, 0.9, 0.1)
    22
    >>> launches_needed(5, 0.9, 0.1)
    78
    """
    from scipy.stats import binom

    k = count(k, "k")
    p = probability(p, "p")
    q = probability(q, "q")
    max_launches = count(max_launches, "max_launches", minimum=1)
    if np.ndim(k) or np.ndim(p) or np.ndim(q):
        raise ParameterError(
            "launches_needed takes scalar k, p and q; loop over a grid (or use np.vectorize) "
            "for arrays."
        )
    if k == 0 or p == 0.0:
        return 0
    if q == 0.0:
        raise ParameterError(
            f"q=0: no launch ever leaks, so no salvo gives P(L >= {k}) >= {p:g}. "
            "Raise the launch reliability or lower p_kill or shots."
        )
    if p == 1.0 and q < 1.0:
        raise ParameterError(
            f"p=1 cannot be reached with q={q:g} < 1: some chance of fewer than {k} leakers "
            "always remains. Ask for p < 1 (e.g. 0.99)."
        )

    def reaches(n: int) -> bool:
        return bool(binom.sf(k - 1, n, q) >= p)

    too_many = ParameterError(
        f"more than max_launches={max_launches} launches are needed for P(L >= {k}) >= {p:g} "
        f"at q={q:g}; raise max_launches if you mean it."
    )
    if k == 1 and q < 1.0:
        n = max(1, math.ceil(math.log1p(-p) / math.log1p(-q)))
        if n > max_launches + 1:
            raise too_many
        while not reaches(n):
            n += 1
        while n > 1 and reaches(n - 1):
            n -= 1
        if n > max_launches:
            raise too_many
        return n
    lo, hi = k - 1, max(k, math.ceil(k / q))  # P(L >= k) = 0 at n = k-1 < k
    while not reaches(hi):
        if hi >= max_launches:
            raise too_many
        lo, hi = hi, min(2 * hi, max_launches)
    hi = flip(reaches, lo, hi)
    if hi > max_launches:
        raise too_many
    return hi


def _saturation_inputs(n, interceptors, p_kill, shots, reliability):
    n_ = count(n, "n")
    ni = count(interceptors, "interceptors")
    pk = probability(p_kill, "p_kill")
    s = count(shots, "shots", minimum=1)
    r = probability(reliability, "reliability")
    return n_, ni, pk, s, r


def _expected_leakers_scalar(n, interceptors, p_kill, shots, reliability):
    from scipy.stats import binom

    n, shots = int(n), int(shots)
    capacity = int(interceptors) // shots
    p_survive = (1.0 - float(p_kill)) ** shots
    arrivals = np.arange(n + 1)
    weights = binom.pmf(arrivals, n, float(reliability))
    engaged = np.minimum(arrivals, capacity)
    return float(weights @ ((arrivals - engaged) + engaged * p_survive))


def expected_leakers(n, interceptors, p_kill, shots=1, reliability=1.0):
    """Expected leakers E[L] when a finite interceptor inventory can be saturated.

    Model: each of the ``n`` launched munitions
    arrives independently with probability ``reliability``, so the arriving threats are
    A ~ Binomial(n, r). The defender fires ``shots`` interceptors at each arriving threat while
    stock lasts, so it engages m = min(A, ⌊N_I/s⌋) threats; unengaged threats all leak and each
    engaged one leaks with probability (1−P_k)^s: L = (A − m) + Binomial(m, (1−P_k)^s).
    Reliability therefore enters through the *random* arrival count (E[A] = r·n), not as a fixed
    r·n, and failed launches use no interceptors. With ``reliability=1`` this is exactly the
    closed-form expectation; with unlimited interceptors E[L] = n·q (see
    :func:`leak_probability`). Arguments broadcast.

    Parameters
    ----------
    n : int or array_like of int
        Munitions launched, >= 0.
    interceptors : int or array_like of int
        N_I, interceptors available for this raid, >= 0.
    p_kill : float or array_like
        P_k, single-shot kill probability, in [0, 1].
    shots : int or array_like of int, default 1
        s, interceptors fired per engaged threat, >= 1.
    reliability : float or array_like, default 1.0
        r_L, probability that a launched munition arrives, in [0, 1].

    Returns
    -------
    float or ndarray
        E[L], in munitions.

    References
    ----------
    Wilkening (2000).

    Examples
    --------
    >>> expected_leakers(100, 40, 0.9)
    64.0
    >>> expected_leakers(100, 40, 0.9, shots=2)
    80.2
    """
    args = _saturation_inputs(n, interceptors, p_kill, shots, reliability)
    if all(np.ndim(a) == 0 for a in args):
        return _expected_leakers_scalar(*args)
    f = np.vectorize(_expected_leakers_scalar, otypes=[float])
    return f(*args)


def leaker_pmf(n, interceptors, p_kill, shots=1, reliability=1.0):
    """Probability mass function of the leakers L under saturation (model of
    :func:`expected_leakers`); scalars only.

    Use it to compose with other models, e.g. ``leaker_pmf(...) @ F(np.arange(n + 1))`` is
    E[F(L)] for a tolerance distribution ``F``.

    Parameters
    ----------
    n, interceptors, p_kill, shots, reliability
        As in :func:`expected_leakers` (scalars).

    Returns
    -------
    ndarray, shape (n + 1,)
        P(L = l) for l = 0, 1, ..., n; sums to 1.

    Examples
    --------
    >>> leaker_pmf(2, 1, 0.5)
    array([0. , 0.5, 0.5])
    >>> float(leaker_pmf(100, 40, 0.9) @ np.arange(101))
    64.0
    """
    from scipy.stats import binom

    n, interceptors, p_kill, shots, reliability = _saturation_inputs(
        n, interceptors, p_kill, shots, reliability
    )
    if any(np.ndim(a) for a in (n, interceptors, p_kill, shots, reliability)):
        raise ParameterError("leaker_pmf takes scalar arguments; loop for a grid of inputs.")
    capacity = interceptors // shots
    p_survive = (1.0 - p_kill) ** shots
    arrivals = np.arange(n + 1)
    weights = binom.pmf(arrivals, n, reliability)
    arrivals, weights = arrivals[weights > 0], weights[weights > 0]
    leakers = np.arange(n + 1)
    pmf = np.zeros(n + 1)
    block = max(1, _BLOCK_CELLS // (n + 1))
    for start in range(0, arrivals.size, block):
        a = arrivals[start : start + block, None]
        engaged = np.minimum(a, capacity)
        # unengaged threats leak surely, so L is shifted by a - m
        pmf += weights[start : start + block] @ binom.pmf(
            leakers - (a - engaged), engaged, p_survive
        )
    return pmf


def simulate_leakers(n, interceptors, p_kill, shots=1, reliability=1.0, *, size, seed=None):
    """Monte Carlo draws of the leakers L under saturation (model of :func:`expected_leakers`).

    Parameters
    ----------
    n, interceptors, p_kill, shots, reliability
        As in :func:`expected_leakers` (scalars).
    size : int or tuple of int, keyword-only
        Shape of the returned sample.
    seed : None, int or numpy.random.Generator, keyword-only
        Turned once into ``np.random.default_rng(seed)``.

    Returns
    -------
    ndarray of int64
        Draws of L.

    Examples
    --------
    >>> draws = simulate_leakers(100, 40, 0.9, size=20_000, seed=1)
    >>> bool(abs(draws.mean() - 64.0) < 0.1)
    True
    """
    n, interceptors, p_kill, shots, reliability = _saturation_inputs(
        n, interceptors, p_kill, shots, reliability
    )
    if any(np.ndim(a) for a in (n, interceptors, p_kill, shots, reliability)):
        raise ParameterError("simulate_leakers takes scalar arguments; loop for a grid of inputs.")
    rng = np.random.default_rng(seed)
    arrivals = rng.binomial(n, reliability, size=size)
    engaged = np.minimum(arrivals, interceptors // shots)
    return (arrivals - engaged) + rng.binomial(engaged, (1.0 - p_kill) ** shots)


def salvo_exchange(A, B, alpha, beta, a1, b1, a3, b3):
    """Losses in one simultaneous salvo exchange between forces A and B (Hughes 1995).

    ΔB = (α·A − b₃·B)/b₁ and ΔA = (β·B − a₃·A)/a₁, each clipped to [0, force]: offensive missiles
    that get past the opponent's defensive interceptions put units out of action. Arguments
    broadcast.

    Parameters
    ----------
    A, B : float or array_like
        Units in each force, >= 0.
    alpha, beta : float or array_like
        Well-aimed missiles fired per unit of A (α) and of B (β), >= 0.
    a1, b1 : float or array_like
        Hits needed to put one unit of A (a₁) / of B (b₁) out of action, > 0.
    a3, b3 : float or array_like
        Incoming missiles intercepted per unit of A (a₃) / of B (b₃), >= 0.

    Returns
    -------
    (float or ndarray, float or ndarray)
        (losses of A, losses of B), in units.

    References
    ----------
    Hughes (1995), *Naval Research Logistics* 42(2):267–289). A stochastic
    version is Armstrong (2005), *Operations Research* 53(5):830–841.

    Examples
    --------
    >>> salvo_exchange(10, 8, 4, 4, 2, 1.5, 3, 2)
    (1.0, 8.0)
    """
    A_ = nonnegative(A, "A", unit="units")
    B_ = nonnegative(B, "B", unit="units")
    al = nonnegative(alpha, "alpha", unit="missiles per unit")
    be = nonnegative(beta, "beta", unit="missiles per unit")
    a1_ = positive(a1, "a1", unit="hits per unit")
    b1_ = positive(b1, "b1", unit="hits per unit")
    a3_ = nonnegative(a3, "a3", unit="interceptions per unit")
    b3_ = nonnegative(b3, "b3", unit="interceptions per unit")
    A_, B_ = np.asarray(A_), np.asarray(B_)
    loss_b = np.clip((np.asarray(al) * A_ - np.asarray(b3_) * B_) / np.asarray(b1_), 0.0, B_)
    loss_a = np.clip((np.asarray(be) * B_ - np.asarray(a3_) * A_) / np.asarray(a1_), 0.0, A_)
    return _out(loss_a), _out(loss_b)


def prob_at_least_saturated(k, n, interceptors, p_kill, shots=1, reliability=1.0):
    """P(L >= k) under saturation for each salvo size in `n` (the tail of :func:`leaker_pmf`).

    Parameters
    ----------
    k : int
        Leakers wanted, >= 0.
    n : array_like of int
        Salvo sizes (launches).
    interceptors, p_kill, shots, reliability
        As in :func:`expected_leakers` (scalars).

    Returns
    -------
    ndarray
        One probability per salvo size.

    Examples
    --------
    >>> prob_at_least_saturated(1, [1, 2], 1, 0.5)
    array([0.5, 1. ])
    """
    k = count(k, "k")
    sizes = np.atleast_1d(count(n, "n"))
    out = np.empty(sizes.size)
    for i, size in enumerate(sizes.ravel()):
        out[i] = leaker_pmf(int(size), interceptors, p_kill, shots, reliability)[k:].sum()
    return np.clip(out, 0.0, 1.0)


def _values(value, field: str) -> list:
    """A scalar or a sequence of values -> list (one curve per value)."""
    if value is None or isinstance(value, int | float | np.integer | np.floating):
        return [value]
    values = list(value)
    if not values:
        raise ParameterError(f"{field} must hold at least one value; got an empty sequence.")
    return values


def saturation(
    launches, *, k=1, p_kill=(0.6, 0.8, 0.95), interceptors=None, reliability=1.0, shots=1,
    target=None,
):  # fmt: skip
    """P(at least k leakers) against the number of launches, one curve per (P_k, N_I).

    Without an inventory limit L ~ Binomial(n, q) with q = r_L·(1 − P_k)^s
    (:func:`prob_at_least`); with N_I interceptors the defence engages at most ⌊N_I/s⌋ arriving
    threats and the rest all leak (:func:`leaker_pmf`), which bends the curves up once the
    inventory is spent (Wilkening 2000).

    Parameters
    ----------
    launches : int or array_like of int
        The salvo sizes n (launches), >= 0; an int m means ``range(m + 1)``; at least two.
    k : int, keyword-only, default 1
        Leakers wanted, >= 0.
    p_kill : float or sequence of float, keyword-only
        P_k, single-shot kill probabilities, in [0, 1].
    interceptors : None, int or sequence of (int or None), keyword-only
        N_I, interceptors available (None: unlimited).
    reliability : float, keyword-only, default 1.0
        r_L, probability that a launched munition arrives, in [0, 1].
    shots : int, keyword-only, default 1
        s, interceptors fired at each threat, >= 1.
    target : float, keyword-only, optional
        A confidence level in [0, 1]: each curve records the first salvo size reaching it.

    Returns
    -------
    deterrence.models.curves.SaturationCurves

    Examples
    --------
    q = 0.1 per launch, k = 1: P(L >= 1) = 1 − 0.9^n reaches 0.9 at n = 22 (0.9015).

    >>> c = saturation(40, k=1, p_kill=0.9, target=0.9).curves[0]
    >>> round(float(c.probability[22]), 4), c.first_reaching
    (0.9015, 22)
    """
    from .curves import SaturationCurve, SaturationCurves

    if isinstance(launches, int | np.integer):
        n = np.arange(count(launches, "launches") + 1)
    else:
        n = np.asarray(count(launches, "launches"), dtype=np.int64).ravel()
        if n.size < 2:
            raise ParameterError("launches must hold at least two salvo sizes to draw a curve.")
        n = np.unique(n)
    k = count(k, "k")
    kills = [float(probability(v, "p_kill")) for v in _values(p_kill, "p_kill")]
    inventories = [
        None if v is None else count(v, "interceptors")
        for v in _values(interceptors, "interceptors")
    ]
    reliability = float(probability(reliability, "reliability"))
    shots = count(shots, "shots", minimum=1)
    if target is not None:
        target = float(probability(target, "target"))
    curves = []
    for pk in kills:
        q = float(leak_probability(reliability, pk, shots))
        for inventory in inventories:
            if inventory is None:
                y = np.asarray(prob_at_least(k, n, q), dtype=float)
            else:
                y = prob_at_least_saturated(k, n, inventory, pk, shots, reliability)
            first = None
            if target is not None:
                reached = np.flatnonzero(y >= target)
                first = int(n[reached[0]]) if reached.size else None
            curves.append(SaturationCurve(pk, q, inventory, y, first))
    return SaturationCurves(n, k, reliability, shots, target, tuple(curves))
