"""Closed-form distributions: threshold families and the draws of uncertain parameters.

**Threshold families.** The weakness and tolerance thresholds of
:class:`~deterrence.models.retaliation.CalibratedResponse` are positive random variables known only
by a central value and a spread. Four families are offered, each with a shape and a scale:

============  ========================================  ==================  =================
family        cdf F(x)                                  shape               scale
============  ========================================  ==================  =================
lognormal     Φ(ln(x/m)/σ)                              σ (sd of ln θ)      m (median)
weibull       1 − exp(−(x/λ)^k)                         k                   λ
gamma         P(k, x/θ) (regularised lower gamma)       k                   θ
loglogistic   1 / (1 + (x/α)^(−β))                      β                   α (median)
============  ========================================  ==================  =================

(scipy.stats names: ``lognorm(s=σ, scale=m)``, ``weibull_min(c=k, scale=λ)``,
``gamma(a=k, scale=θ)``, ``fisk(c=β, scale=α)``.)

**What "spread" means.** Every family is given the same two numbers, a median m and a spread
``sigma_log`` σ, and is fitted to the *lognormal* with that median and σ (the model's reference
family, Fearon 1994's audiences and Powell 1990's risk thresholds being taken as log-symmetric):

* ``match="median_iqr"`` (default): the fitted family has median m and the same interquartile
  width Q3 − Q1 = m·(e^{zσ} − e^{−zσ}) = 2m·sinh(zσ), z = Φ⁻¹(0.75) ≈ 0.6745;
* ``match="quartiles"``: it has the same lower and upper quartiles m·e^{∓zσ} (its median then
  moves: a Weibull's is below m).

The lognormal and the log-logistic are symmetric in ln θ, so both rules give the same fit for
them (β = ln 3 / (zσ), α = m); the Weibull fitted to the quartiles has the closed form
k = ln(ln 4 / ln(4/3)) / (2zσ); the other fits solve a one-dimensional equation in the shape
(vectorised regula falsi from a tabulated bracket).

Everything is a closed form in numpy except Φ, Φ⁻¹ and the incomplete gamma function and its
inverse, which have none: those come from ``scipy.special`` ufuncs (``ndtr``, ``ndtri``,
``gammainc``, ``gammaincinv``), never from frozen ``scipy.stats`` objects (a frozen
``scipy.stats.lognorm`` costs about 1 ms to build; its closed form about 1 µs to evaluate).

**Draws of uncertain parameters.** :func:`parameter_distribution` turns a scenario's declaration
(``"uniform"``, ``"loguniform"``, ``"triangular"``, or a table naming a family and its
parameters) into a :class:`ParameterDistribution` with a vectorised ``ppf``, which maps uniform
(quasi-)random numbers to draws inside the parameter's plausible range.

References
----------
Fearon, J. D. (1994). Domestic political audiences and the escalation of international disputes.
*American Political Science Review* 88(3), 577–592.
Johnson, N. L., Kotz, S. & Balakrishnan, N. (1994). *Continuous Univariate Distributions*, vol. 1,
2nd ed., Wiley (lognormal ch. 14, gamma ch. 17, Weibull ch. 21).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .._check import in_range, positive
from ..errors import ParameterError

__all__ = [
    "FAMILIES",
    "MATCHES",
    "Threshold",
    "threshold",
    "fit",
    "cdf",
    "sf",
    "pdf",
    "ppf",
    "isf",
    "PARAMETER_FAMILIES",
    "ParameterDistribution",
    "parameter_distribution",
]

#: Threshold families, in the order the docs list them.
FAMILIES = ("lognormal", "weibull", "gamma", "loglogistic")
#: What a fit holds equal to the reference lognormal.
MATCHES = ("median_iqr", "quartiles")

_Z = 0.6744897501960817  # Φ⁻¹(0.75)
_LN3 = math.log(3.0)


@functools.cache
def _special():
    from scipy import special

    return special


def _family(family) -> str:
    if family not in FAMILIES:
        from ..errors import close_match_hint

        raise ParameterError(
            f"family must be one of {', '.join(FAMILIES)}; got {family!r}."
            f"{close_match_hint(str(family), FAMILIES)}"
        )
    return family


def _match(match) -> str:
    if match not in MATCHES:
        raise ParameterError(f"match must be one of {', '.join(MATCHES)}; got {match!r}.")
    return match


# -- the four families as functions on arrays (x, shape, scale broadcast) -------------------------


def _ratio(x, scale):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(x, dtype=float) / scale


def cdf(family: str, x, shape, scale):
    """P(θ <= x) of a threshold family; every argument broadcasts.

    Parameters
    ----------
    family : {"lognormal", "weibull", "gamma", "loglogistic"}
    x : array_like
        Where to evaluate (the threshold's unit); values <= 0 give 0.
    shape, scale : array_like
        The family's parameters (see the module table), > 0.

    Returns
    -------
    ndarray

    Examples
    --------
    >>> float(cdf("weibull", 2.0, 1.0, 2.0))   # 1 − e^{−1}
    0.6321205588285577
    """
    t = _ratio(x, scale)
    t = np.where(t > 0, t, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if family == "lognormal":
            return _special().ndtr(np.log(t) / shape)
        if family == "weibull":
            return -np.expm1(-(t**shape))
        if family == "gamma":
            return _special().gammainc(shape, t)
        if family == "loglogistic":
            # 1/(1 + t^−β), written so that t = 0 gives 0 and t = inf gives 1
            return 1.0 / (1.0 + t ** (-np.asarray(shape, dtype=float)))
    raise _family(family)  # pragma: no cover - _family raises


def sf(family: str, x, shape, scale):
    """P(θ > x) = 1 − cdf, computed without cancellation in the upper tail.

    Examples
    --------
    >>> float(sf("loglogistic", 1.0, 2.0, 1.0))  # the median
    0.5
    """
    t = _ratio(x, scale)
    t = np.where(t > 0, t, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if family == "lognormal":
            return _special().ndtr(-np.log(t) / shape)
        if family == "weibull":
            return np.exp(-(t**shape))
        if family == "gamma":
            return _special().gammaincc(shape, t)
        if family == "loglogistic":
            return 1.0 / (1.0 + t ** np.asarray(shape, dtype=float))
    raise _family(family)  # pragma: no cover


def pdf(family: str, x, shape, scale):
    """Density of a threshold family (0 for x <= 0, the limit at x = 0 otherwise).

    Examples
    --------
    >>> round(float(pdf("gamma", 1.0, 1.0, 1.0)), 12)  # e^{−1}
    0.367879441171
    """
    x = np.asarray(x, dtype=float)
    shape = np.asarray(shape, dtype=float)
    scale = np.asarray(scale, dtype=float)
    t = np.where(x > 0, x / scale, 0.0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if family == "lognormal":
            z = np.log(t) / shape
            out = np.exp(-0.5 * z * z) / (t * scale * shape * math.sqrt(2.0 * math.pi))
            return np.where(t > 0, out, 0.0)
        if family == "weibull":
            tk = t**shape
            out = shape / scale * tk / np.where(t > 0, t, 1.0) * np.exp(-tk)
            at0 = np.where(shape < 1, np.inf, np.where(shape == 1, 1.0 / scale, 0.0))
            return np.where(t > 0, out, np.where(x < 0, 0.0, at0))
        if family == "gamma":
            special = _special()
            log = special.xlogy(shape - 1.0, t) - t - special.gammaln(shape) - np.log(scale)
            at0 = np.where(shape < 1, np.inf, np.where(shape == 1, 1.0 / scale, 0.0))
            return np.where(t > 0, np.exp(log), np.where(x < 0, 0.0, at0))
        if family == "loglogistic":
            tb = t**shape
            out = shape / scale * tb / np.where(t > 0, t, 1.0) / (1.0 + tb) ** 2
            at0 = np.where(shape < 1, np.inf, np.where(shape == 1, 1.0 / scale, 0.0))
            return np.where(t > 0, out, np.where(x < 0, 0.0, at0))
    raise _family(family)  # pragma: no cover


def ppf(family: str, p, shape, scale):
    """Quantile function: the x with cdf(x) = p, p in [0, 1].

    Examples
    --------
    >>> round(float(ppf("lognormal", 0.75, 0.7, 20.0)), 6)   # 20·e^{0.7·0.6745}
    32.068528
    """
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if family == "lognormal":
            return scale * np.exp(shape * _special().ndtri(p))
        if family == "weibull":
            return scale * (-np.log1p(-p)) ** (1.0 / np.asarray(shape, dtype=float))
        if family == "gamma":
            return scale * _special().gammaincinv(shape, p)
        if family == "loglogistic":
            return scale * (p / (1.0 - p)) ** (1.0 / np.asarray(shape, dtype=float))
    raise _family(family)  # pragma: no cover


def isf(family: str, p, shape, scale):
    """Inverse survival function: the x with sf(x) = p (accurate for small p).

    Examples
    --------
    >>> round(float(isf("weibull", math.exp(-1.0), 2.0, 3.0)), 12)   # the scale
    3.0
    """
    p = np.asarray(p, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if family == "lognormal":
            return scale * np.exp(-shape * _special().ndtri(p))
        if family == "weibull":
            return scale * (-np.log(p)) ** (1.0 / np.asarray(shape, dtype=float))
        if family == "gamma":
            return scale * _special().gammainccinv(shape, p)
        if family == "loglogistic":
            return scale * ((1.0 - p) / p) ** (1.0 / np.asarray(shape, dtype=float))
    raise _family(family)  # pragma: no cover


# -- fitting a family to a median and a spread ------------------------------------------------------

# Shape grid (log scale) on which the ratio functions are tabulated to bracket the root.
_LOG_SHAPE = np.linspace(math.log(0.02), math.log(2.0e4), 600)


def _gamma_q(k, p):
    return _special().gammaincinv(k, p)


def _shape_ratio(family: str, match: str, k):
    """The scale-free spread of a family as a function of its shape (decreasing in k)."""
    k = np.asarray(k, dtype=float)
    if family == "weibull":  # median_iqr: (Q3 − Q1)/Q2 with Qp = λ(−ln(1 − p))^{1/k}
        a, c = math.log(4.0) / math.log(2.0), math.log(4.0 / 3.0) / math.log(2.0)
        return a ** (1.0 / k) - c ** (1.0 / k)
    if family == "gamma":
        q1, q2, q3 = _gamma_q(k, 0.25), _gamma_q(k, 0.5), _gamma_q(k, 0.75)
        return (q3 - q1) / q2 if match == "median_iqr" else np.log(q3 / q1)
    raise AssertionError(family)  # pragma: no cover


@functools.cache
def _table(family: str, match: str):
    with np.errstate(all="ignore"):
        values = _shape_ratio(family, match, np.exp(_LOG_SHAPE))
    ok = np.isfinite(values) & (values > 0)
    return _LOG_SHAPE[ok][::-1], values[ok][::-1]  # increasing ratio


def _solve_shape(family: str, match: str, target: np.ndarray) -> np.ndarray:
    """The shape k with ratio(k) = target, elementwise: tabulated bracket, then Illinois."""
    u_tab, r_tab = _table(family, match)
    target = np.asarray(target, dtype=float)
    if np.any(target <= r_tab[0]) or np.any(target >= r_tab[-1]):
        bad = target[(target <= r_tab[0]) | (target >= r_tab[-1])].ravel()[0]
        raise ParameterError(
            f"a {family} cannot be fitted to this spread (scale-free spread {bad:.4g}; the "
            f"family reaches {r_tab[0]:.3g}–{r_tab[-1]:.3g}): sigma_log is too small or too large "
            "for it. Use a sigma_log between about 0.01 and 3, or the lognormal family."
        )
    j = np.clip(np.searchsorted(r_tab, target), 1, r_tab.size - 1)
    # bracket in u = ln k: ratio decreasing in k, so the larger ratio sits at the smaller k
    a, b = u_tab[j], u_tab[j - 1]
    fa, fb = r_tab[j] - target, r_tab[j - 1] - target
    side = np.zeros(target.shape, dtype=np.int8)
    c = 0.5 * (a + b)
    live = np.ones(target.shape, dtype=bool)  # rows still iterating (each row on its own)
    for _ in range(100):
        with np.errstate(invalid="ignore", divide="ignore"):
            c_new = (a * fb - b * fa) / (fb - fa)
        c = np.where(live, c_new, c)
        fc = np.where(live, _shape_ratio(family, match, np.exp(c)) - target, 0.0)
        left = live & (fc * fa > 0)  # root between c and b: c replaces a
        right = live & ~left
        a, fa = np.where(left, c, a), np.where(left, fc, fa)
        b, fb = np.where(right, c, b), np.where(right, fc, fb)
        # Illinois: halve the function value of an end kept twice in a row
        fb = np.where(left & (side == 1), fb / 2, fb)
        fa = np.where(right & (side == -1), fa / 2, fa)
        side = np.where(left, 1, np.where(right, -1, side)).astype(np.int8)
        live &= (np.abs(b - a) > 1e-14 * np.maximum(1.0, np.abs(c))) & (fc != 0)
        if not live.any():
            break
    return np.exp(c)


def fit(family: str, median, sigma_log, *, match: str = "median_iqr"):
    """Shape and scale of `family` fitted to the lognormal with this median and sigma_log.

    Parameters
    ----------
    family : {"lognormal", "weibull", "gamma", "loglogistic"}
    median : array_like
        m, median of the reference lognormal (> 0).
    sigma_log : array_like
        σ, sd of ln θ of the reference lognormal (> 0): the spread (see the module docstring).
    match : {"median_iqr", "quartiles"}, keyword-only
        Hold the median and the interquartile width equal, or the two quartiles.

    Returns
    -------
    (ndarray, ndarray)
        (shape, scale), broadcast over `median` and `sigma_log`.

    Examples
    --------
    The Weibull with the quartiles of lognormal(20, 0.7): k = ln(ln 4/ln(4/3)) / (2·0.6745·0.7).

    >>> k, lam = fit("weibull", 20, 0.7, match="quartiles")
    >>> round(float(k), 6), round(float(lam), 4)
    (1.665316, 26.357)
    """
    family, match = _family(family), _match(match)
    m = np.asarray(positive(median, "median"), dtype=float)
    s = np.asarray(positive(sigma_log, "sigma_log"), dtype=float)
    m, s = np.broadcast_arrays(m, s)
    if family == "lognormal":
        return s.copy(), m.copy()
    if family == "loglogistic":  # symmetric in ln θ: both rules give β = ln 3/(zσ), α = m
        return _LN3 / (_Z * s), m.copy()
    if family == "weibull" and match == "quartiles":
        k = math.log(math.log(4.0) / math.log(4.0 / 3.0)) / (2.0 * _Z * s)
        return k, m * np.exp(_Z * s) / math.log(4.0) ** (1.0 / k)
    if match == "median_iqr":
        k = _solve_shape(family, match, 2.0 * np.sinh(_Z * s))
        return k, m / ppf(family, 0.5, k, 1.0)
    k = _solve_shape(family, match, 2.0 * _Z * s)  # gamma, ln(Q3/Q1) = 2zσ
    return k, m * np.exp(_Z * s) / ppf(family, 0.75, k, 1.0)


def _scalar_out(value):
    arr = np.asarray(value, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


_SQRT2 = math.sqrt(2.0)
_SQRT2PI = math.sqrt(2.0 * math.pi)
_NUMBER = (float, int, np.floating, np.integer)


def _cdf1(family: str, x: float, k: float, c: float, upper: bool = False) -> float:
    """cdf (or sf when `upper`) at one point: the same formulas as :func:`cdf` in `math`."""
    if x <= 0.0:
        return 1.0 if upper else 0.0
    t = x / c
    if family == "lognormal":
        z = math.log(t) / k
        return 0.5 * math.erfc((z if upper else -z) / _SQRT2)
    if family == "weibull":
        tk = t**k
        return math.exp(-tk) if upper else -math.expm1(-tk)
    if family == "loglogistic":
        try:
            return 1.0 / (1.0 + t**k) if upper else 1.0 / (1.0 + t ** (-k))
        except OverflowError:
            return 0.0 if upper else 1.0
    special = _special()
    return float(special.gammaincc(k, t) if upper else special.gammainc(k, t))


def _ppf1(family: str, p: float, k: float, c: float, upper: bool = False) -> float:
    """ppf (or isf when `upper`) at one p in (0, 1): the formulas of :func:`ppf` in `math`."""
    if family == "lognormal":
        z = float(_special().ndtri(p))
        return c * math.exp(-k * z if upper else k * z)
    if family == "weibull":
        return c * (-math.log(p) if upper else -math.log1p(-p)) ** (1.0 / k)
    if family == "loglogistic":
        return c * (((1.0 - p) / p) if upper else (p / (1.0 - p))) ** (1.0 / k)
    special = _special()
    return c * float(special.gammainccinv(k, p) if upper else special.gammaincinv(k, p))


def _pdf1(family: str, x: float, k: float, c: float) -> float:
    if x <= 0.0:
        return float(pdf(family, x, k, c))
    t = x / c
    if family == "lognormal":
        z = math.log(t) / k
        return math.exp(-0.5 * z * z) / (x * k * _SQRT2PI)
    if family == "weibull":
        tk = t**k
        return k / c * tk / t * math.exp(-tk)
    if family == "loglogistic":
        try:
            tb = t**k
            return k / c * tb / t / (1.0 + tb) ** 2
        except OverflowError:
            return 0.0
    return math.exp((k - 1.0) * math.log(t) - t - math.lgamma(k)) / c


@dataclass(frozen=True)
class Threshold:
    """A threshold distribution of one of the :data:`FAMILIES`, with closed-form methods.

    It has the methods of a frozen ``scipy.stats`` distribution that the models use (``cdf``,
    ``sf``, ``pdf``, ``ppf``, ``isf``, ``median``), at about 1 µs a call instead of about 1 ms
    to build a frozen scipy distribution. Build one with :func:`threshold` (from a median and a
    spread) or directly from the family's shape and scale.

    Parameters
    ----------
    family : {"lognormal", "weibull", "gamma", "loglogistic"}
    shape, scale : float
        The family's parameters (module docstring), > 0.

    Examples
    --------
    >>> F = Threshold("lognormal", 0.7, 20.0)
    >>> float(F.median()), round(float(F.cdf(6.32)), 4)
    (20.0, 0.05)
    """

    family: str
    shape: float
    scale: float

    def __post_init__(self):
        _family(self.family)
        for name in ("shape", "scale"):
            v = positive(getattr(self, name), name)
            if np.ndim(v) != 0:
                raise ParameterError(
                    f"{name} must be a single number, got shape {np.shape(v)}; use the module "
                    "functions (cdf, ppf, ...) for arrays of parameters."
                )
            object.__setattr__(self, name, float(v))

    def cdf(self, x):
        """P(θ <= x)."""
        if isinstance(x, _NUMBER):
            return _cdf1(self.family, float(x), self.shape, self.scale)
        return _scalar_out(cdf(self.family, x, self.shape, self.scale))

    def sf(self, x):
        """P(θ > x)."""
        if isinstance(x, _NUMBER):
            return _cdf1(self.family, float(x), self.shape, self.scale, upper=True)
        return _scalar_out(sf(self.family, x, self.shape, self.scale))

    def pdf(self, x):
        """Density at x."""
        if isinstance(x, _NUMBER):
            return _pdf1(self.family, float(x), self.shape, self.scale)
        return _scalar_out(pdf(self.family, x, self.shape, self.scale))

    def ppf(self, p):
        """Quantile: the x with P(θ <= x) = p."""
        if isinstance(p, _NUMBER) and 0.0 < p < 1.0:
            return _ppf1(self.family, float(p), self.shape, self.scale)
        return _scalar_out(ppf(self.family, p, self.shape, self.scale))

    def isf(self, p):
        """The x with P(θ > x) = p."""
        if isinstance(p, _NUMBER) and 0.0 < p < 1.0:
            return _ppf1(self.family, float(p), self.shape, self.scale, upper=True)
        return _scalar_out(isf(self.family, p, self.shape, self.scale))

    def median(self) -> float:
        """The median (the scale for the lognormal and the log-logistic)."""
        return float(self.ppf(0.5))

    def describe(self) -> str:
        """``'lognormal (median 20, quartiles 12.5–32.1)'``: the family and three quantiles."""
        q1, q2, q3 = (float(self.ppf(p)) for p in (0.25, 0.5, 0.75))
        return f"{self.family} (median {q2:.3g}, quartiles {q1:.3g}–{q3:.3g})"

    def to_scipy(self):
        """The same distribution as a frozen ``scipy.stats`` object (for cross-checks).

        Examples
        --------
        >>> round(float(Threshold("gamma", 2.0, 3.0).to_scipy().mean()), 6)
        6.0
        """
        from scipy import stats

        k, c = self.shape, self.scale
        return {
            "lognormal": lambda: stats.lognorm(s=k, scale=c),
            "weibull": lambda: stats.weibull_min(c=k, scale=c),
            "gamma": lambda: stats.gamma(a=k, scale=c),
            "loglogistic": lambda: stats.fisk(c=k, scale=c),
        }[self.family]()


def threshold(family: str, median, sigma_log, *, match: str = "median_iqr") -> Threshold:
    """A threshold of `family` fitted to the lognormal with this median and spread.

    Parameters
    ----------
    family : {"lognormal", "weibull", "gamma", "loglogistic"}
    median : float
        m (the threshold's unit), > 0.
    sigma_log : float
        σ, the spread: sd of ln θ of the reference lognormal, > 0.
    match : {"median_iqr", "quartiles"}, keyword-only
        See :func:`fit`.

    Returns
    -------
    Threshold

    Examples
    --------
    The same median and interquartile width, a thinner lower tail: the 5 % quantile of a Weibull
    fitted to lognormal(20, 0.7) is lower than the lognormal's 6.32.

    >>> round(threshold("lognormal", 20, 0.7).ppf(0.05), 2)
    6.32
    >>> round(threshold("weibull", 20, 0.7).ppf(0.05), 2)
    3.8
    >>> round(threshold("weibull", 20, 0.7, match="quartiles").ppf(0.05), 2)
    4.43
    """
    for name, value in (("median", median), ("sigma_log", sigma_log)):
        if np.ndim(value) != 0:
            raise ParameterError(
                f"{name} must be a single number, got shape {np.shape(value)}; use fit() for "
                "arrays of parameters."
            )
    k, c = fit(family, median, sigma_log, match=match)
    return Threshold(family, float(k), float(c))


# -- distributions of uncertain parameters --------------------------------------------------------

#: Families accepted in a parameter's ``distribution`` table (besides the three names).
PARAMETER_FAMILIES = ("uniform", "loguniform", "triangular", "normal", *FAMILIES)


@dataclass(frozen=True)
class ParameterDistribution:
    """The distribution of one uncertain parameter, truncated to its plausible range.

    Attributes
    ----------
    family : str
        One of :data:`PARAMETER_FAMILIES`.
    low, high : float
        The plausible range; draws stay inside it (a family with a wider support is truncated:
        its ppf is applied to F(low) + u·(F(high) − F(low))).
    params : tuple of (name, value)
        The family's parameters (``mode`` of a triangular; ``mean``, ``sd`` of a normal;
        ``median``, ``sigma_log`` and ``match`` of a threshold family).

    Examples
    --------
    >>> d = parameter_distribution("loguniform", 1.0, 100.0)
    >>> d.ppf([0.0, 0.5, 1.0]).tolist()
    [1.0, 10.0, 100.0]
    """

    family: str
    low: float
    high: float
    params: tuple = ()

    @property
    def point(self) -> bool:
        """True when the range is a single value (the parameter is not uncertain)."""
        return self.low == self.high

    def ppf(self, u):
        """Draws from uniform numbers `u` in [0, 1] (vectorised)."""
        u = np.asarray(u, dtype=float)
        lo, hi, p = self.low, self.high, dict(self.params)
        if self.point:
            return np.full(u.shape, lo)
        if self.family == "uniform":
            out = lo + u * (hi - lo)
        elif self.family == "loguniform":
            out = lo * np.exp(u * math.log(hi / lo))
        elif self.family == "triangular":
            c = p["mode"]
            cut = (c - lo) / (hi - lo)
            left = lo + np.sqrt(u * (hi - lo) * (c - lo))
            right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - c))
            out = np.where(u < cut, left, right)
        else:
            if self.family == "normal":
                special = _special()
                lo_p, hi_p = (special.ndtr((x - p["mean"]) / p["sd"]) for x in (lo, hi))
                out = p["mean"] + p["sd"] * special.ndtri(lo_p + u * (hi_p - lo_p))
            else:
                k, c = fit(self.family, p["median"], p["sigma_log"], match=p["match"])
                lo_p, hi_p = cdf(self.family, lo, k, c), cdf(self.family, hi, k, c)
                out = ppf(self.family, lo_p + u * (hi_p - lo_p), k, c)
        return np.clip(out, lo, hi)

    def describe(self) -> str:
        """``'uniform on [0.2, 0.9]'``, ``'triangular on [1, 10], mode 3'`` ..."""
        span = f"on [{self.low:g}, {self.high:g}]"
        if self.point:
            return f"fixed at {self.low:g}"
        extra = ", ".join(f"{k} {v:g}" if not isinstance(v, str) else v for k, v in self.params)
        if self.family in FAMILIES or self.family == "normal":
            span = f"truncated to [{self.low:g}, {self.high:g}]"
        return f"{self.family} {span}" + (f", {extra}" if extra else "")


def parameter_distribution(spec, low, high, *, field: str = "distribution"):
    """Validate a scenario's ``distribution`` declaration and build the distribution.

    Parameters
    ----------
    spec : str or mapping
        ``"uniform"``, ``"loguniform"`` (needs low > 0), ``"triangular"`` (mode at the
        parameter's value: pass it as ``{"family": "triangular", "mode": ...}``), or a table
        ``{"family": ..., <parameters>}``: ``triangular`` (``mode``), ``normal`` (``mean``,
        ``sd``), or a threshold family (``median``, ``sigma_log``, optional ``match``).
    low, high : float
        The parameter's plausible range, which bounds the draws.
    field : str, keyword-only
        Name used in error messages (``"parameters.salvo_size.distribution"``).

    Returns
    -------
    ParameterDistribution

    Examples
    --------
    >>> parameter_distribution({"family": "triangular", "mode": 3}, 1, 10).describe()
    'triangular on [1, 10], mode 3'
    >>> parameter_distribution("logunifrom", 1, 10)
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: distribution must be one of uniform, loguniform, triangular, normal, lognormal, weibull, gamma, loglogistic; got 'logunifrom'. Did you mean 'loguniform'? ...
    """
    from ..errors import close_match_hint

    low, high = float(low), float(high)
    if isinstance(spec, str):
        spec = {"family": spec}
    if not isinstance(spec, Mapping) or "family" not in spec:
        raise ParameterError(
            f"{field} must be a family name or a table with a family; got {spec!r}. Fix: "
            'distribution = "uniform", or distribution = {family = "triangular", mode = 3}.'
        )
    family = spec["family"]
    if family not in PARAMETER_FAMILIES:
        raise ParameterError(
            f"{field} must be one of {', '.join(PARAMETER_FAMILIES)}; got {family!r}."
            f"{close_match_hint(str(family), PARAMETER_FAMILIES)} Fix: e.g. "
            'distribution = "uniform".'
        )
    wanted = {
        "uniform": (),
        "loguniform": (),
        "triangular": ("mode",),
        "normal": ("mean", "sd"),
    }.get(family, ("median", "sigma_log", "match"))
    extra = [k for k in spec if k != "family" and k not in wanted]
    if extra:
        raise ParameterError(
            f"{field}: a {family} distribution takes {', '.join(wanted) or 'no parameters'}; "
            f"got {extra[0]!r}.{close_match_hint(extra[0], wanted)}"
        )
    params = []
    for name in wanted:
        if name == "match":
            params.append((name, _match(spec.get("match", "median_iqr"))))
            continue
        if name not in spec:
            raise ParameterError(f"{field}: a {family} distribution needs {name} = ...")
        value = spec[name]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ParameterError(f"{field}.{name} must be a number; got {value!r}.")
        if name == "mode":
            value = in_range(value, f"{field}.mode", low, high)
        elif name in ("sd", "median", "sigma_log"):
            value = positive(value, f"{field}.{name}")
        params.append((name, float(value)))
    if family == "loguniform" and low <= 0:
        raise ParameterError(
            f"{field}: a loguniform distribution needs a range with low > 0; got [{low:g}, "
            f"{high:g}]. Fix: raise the low end, or use uniform."
        )
    return ParameterDistribution(family, low, high, tuple(params))
