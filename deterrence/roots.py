"""The one root finder: where a monotone condition flips, where a continuous function crosses a
level, on whole numbers or on the real line.

Every threshold, level crossing, signpost, inverse and calibrated-window edge of the package is
located here, so each is found the same way and to the same tolerance:

* :func:`flip` — the one integer bisection: the first whole number at which a monotone
  condition turns (salvo sizes, launch counts, signposts of count parameters);
* :func:`last_true` / :func:`first_true` — the same with the ends checked first (``None`` when
  the condition never or always holds);
* :func:`crossing` — a sign change of a continuous function in a bracket, refined by Brent's
  method (``scipy.optimize.brentq``) to :data:`~deterrence._tol.XTOL`, or the first whole
  number on the far side for counts;
* :func:`increasing_root` — the zero of an increasing function of a positive quantity, bracketed
  by doubling and halving from a starting value (inverse solves: "what would have to be true");
* :func:`lowest_holding` — the left end of the part of a bracket where an increasing function
  is non-negative.

The module sits beside the validators so that analytic models, builders and the analysis layer
all use it (models may not import the analysis layer). scipy is imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable

from ._tol import XTOL

__all__ = ["flip", "first_true", "last_true", "crossing", "increasing_root", "lowest_holding"]


def flip(pred: Callable[[int], bool], lo: int, hi: int) -> int:
    """The first whole number in (lo, hi] at which `pred` differs from ``pred(lo)``.

    `pred` must change its value exactly once between `lo` and `hi` (a monotone condition), and
    ``pred(lo) != pred(hi)``; about log2(hi − lo) evaluations.

    Examples
    --------
    >>> flip(lambda n: n * n >= 50, 0, 100)
    8
    >>> flip(lambda n: n < 13, 0, 20)
    13
    """
    lo, hi = int(lo), int(hi)
    side = bool(pred(lo))
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if bool(pred(mid)) == side:
            lo = mid
        else:
            hi = mid
    return hi


def first_true(pred: Callable[[int], bool], lo: int, hi: int) -> int | None:
    """Smallest n in [lo, hi] with ``pred(n)``, for `pred` false then true as n grows; None when
    ``pred(hi)`` is false.

    Examples
    --------
    >>> first_true(lambda n: n >= 7, 0, 10), first_true(lambda n: n >= 7, 8, 10)
    (7, 8)
    >>> first_true(lambda n: n > 99, 0, 10) is None
    True
    """
    if pred(lo):
        return int(lo)
    if not pred(hi):
        return None
    return flip(pred, lo, hi)


def last_true(pred: Callable[[int], bool], lo: int, hi: int) -> int | None:
    """Largest n in [lo, hi] with ``pred(n)``, for `pred` true then false as n grows; None when
    ``pred(lo)`` is false.

    Examples
    --------
    >>> last_true(lambda n: n <= 41, 0, 200), last_true(lambda n: n <= 41, 0, 30)
    (41, 30)
    >>> last_true(lambda n: n < 0, 0, 10) is None
    True
    """
    if not pred(lo):
        return None
    if pred(hi):
        return int(hi)
    return flip(pred, lo, hi) - 1


def _brentq(f, a: float, b: float, xtol: float) -> float:
    from scipy.optimize import brentq

    return float(brentq(f, a, b, xtol=xtol))


def crossing(
    f: Callable[[float], float], a: float, b: float, *, integer: bool = False, xtol: float = XTOL
) -> float:
    """Where the sign of `f` changes in [a, b] (``f(a) >= 0`` and ``f(b) >= 0`` differ).

    Continuous: Brent's method to `xtol`. ``integer=True``: the first whole number on b's side
    (a parameter that only takes whole values changes its conclusion there).

    Examples
    --------
    >>> round(crossing(lambda x: x * x - 2, 0, 2), 10)
    1.4142135624
    >>> crossing(lambda n: 41.5 - n, 0, 100, integer=True)
    42.0
    """
    if integer:
        return float(flip(lambda x: f(x) >= 0, a, b))
    return _brentq(f, a, b, xtol)


def lowest_holding(f: Callable[[float], float], a: float, b: float, *, xtol: float = XTOL) -> float:
    """The smallest x in [a, b] with ``f(x) >= 0``, for `f` increasing with ``f(b) >= 0``: `a`
    when it holds there already, else the crossing.

    Examples
    --------
    >>> lowest_holding(lambda x: x - 0.3, 0.0, 1.0) == 0.3, lowest_holding(lambda x: x + 1, 0.0, 1.0)
    (True, 0.0)
    """
    if f(a) >= 0:
        return float(a)
    return _brentq(f, a, b, xtol)


def increasing_root(
    f: Callable[[float], float],
    start: float,
    *,
    grow: float = 2.0,
    limit: int = 60,
    xtol: float = XTOL,
) -> float | None:
    """x > 0 with f(x) = 0 for `f` increasing in x, bracketed by doubling or halving from `start`.

    Returns 0.0 when ``f >= 0`` down to ``start·grow⁻ˡⁱᵐⁱᵗ`` (the condition holds for any x > 0)
    and None when ``f < 0`` up to ``start·growˡⁱᵐⁱᵗ`` (it holds for none). The root is located
    to `xtol` relative to the bracket's upper end (at least `xtol` absolute).

    Examples
    --------
    >>> round(increasing_root(lambda m: m - 70.5, 20.0), 8)
    70.5
    >>> increasing_root(lambda m: 1.0, 20.0), increasing_root(lambda m: -1.0, 20.0) is None
    (0.0, True)
    """
    a = b = float(start)
    fa = fb = f(a)
    if fa == 0:
        return a
    for _ in range(limit):
        if fb < 0:
            a, fa = b, fb
            b *= grow
            fb = f(b)
            if fb >= 0:
                break
        else:
            b, fb = a, fa
            a /= grow
            fa = f(a)
            if fa < 0:
                break
    else:
        return None if fb < 0 else 0.0
    return _brentq(f, a, b, xtol * max(1.0, b))
