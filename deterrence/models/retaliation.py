"""The calibrated response window: retaliate without appearing weak and without going overboard.

A state answers an attack with a response of size r >= 0 (leakers, launches or a damage index).
Two thresholds are unknown to it: audiences judge the response strong enough iff r > θ_w ~ G, and
the adversary escalates iff r > θ_t ~ F. Its expected utility is

    U(r) = (R̄ + a)·G(r) − W·F(r) − κ·r,

with reputation stake R̄, audience cost a of a response judged weak (it enters as R̄ → R̄ + a up to
the constant −a, which does not move the optimum), cost of war W (a cascade W = W_I + π_US·W_US
when a third party may join) and marginal cost κ per unit of response. The optimum r* solves the
first-order condition (R̄ + a)·g(r) = W·f(r) + κ; the window {r: G(r) >= 1 − α_w, F(r) <= ρ} is
[G⁻¹(1 − α_w), F⁻¹(ρ)], empty when the floor exceeds the ceiling.

Composition with missile defence: when the state chooses n launches of which
L ~ Binomial(n, q) leak and the thresholds are in leakers, P(escalation | n) = E[F(L)] and
P(seen as weak | n) = E[1 − G(L)]; the ``*_launches`` methods give the window and optimum in
launch units.

Units: r in the unit of the thresholds (leakers unless said otherwise); utilities in utils;
probabilities in [0, 1]; launches are whole numbers.

Sources: the model, its closed forms and the window are derived here; the structure follows
Fearon (1994), *APSR* 88(3), on audience costs, and Powell (1990), *Nuclear Deterrence Theory*, on
the risk of escalation. The seed scenario's numbers are illustrative defaults, not estimates.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._check import count, in_range, nonnegative, positive, probability
from .._tol import XTOL
from ..errors import DeterrenceWarning, ParameterError
from ..roots import crossing, first_true
from .distributions import Threshold

__all__ = ["CalibratedResponse", "war_cost_cascade", "lognormal"]

# Quantile of the thresholds that sets the default search bound of `optimum` (times 1.5).
_UPPER_QUANTILE = 0.999
_UPPER_FACTOR = 1.5
# Binomial terms further than 10 sd + 40 from the mean carry < 1e-20 of the mass (Bernstein).
_TAIL_SD, _TAIL_PAD = 10.0, 40
_BLOCK_CELLS = 2_000_000
_DEFAULT_MAX_LAUNCHES_CAP = 10**6


def _out(value):
    arr = np.asarray(value, dtype=float)
    return float(arr) if arr.ndim == 0 else arr


def _threshold_distribution(dist: Any, field: str) -> None:
    """Require a Threshold, or a frozen continuous scipy.stats distribution with scalar
    parameters."""
    if isinstance(dist, Threshold):  # validated at construction
        return
    example = "e.g. scipy.stats.lognorm(s=0.7, scale=20) or deterrence.models.retaliation.lognormal"
    if callable(getattr(dist, "pmf", None)) and not callable(getattr(dist, "pdf", None)):
        raise ParameterError(
            f"{field} is a discrete distribution ({dist!r}); the threshold must be continuous "
            f"({example})."
        )
    from scipy import stats

    if isinstance(dist, stats.rv_continuous | stats.rv_discrete):
        raise ParameterError(
            f"{field} is an unfrozen scipy.stats distribution ({type(dist).__name__}); freeze it "
            f"with its parameters ({example})."
        )
    missing = [
        m for m in ("cdf", "pdf", "ppf", "sf", "isf") if not callable(getattr(dist, m, None))
    ]
    if missing:
        raise ParameterError(
            f"{field} must be a frozen continuous scipy.stats distribution ({example}); got "
            f"{dist!r} ({type(dist).__name__}), which lacks {', '.join(missing)}."
        )
    try:
        value = dist.cdf(1.0)
    except Exception as exc:  # any failure here means the object is not a usable distribution
        raise ParameterError(
            f"{field}.cdf(1.0) failed ({exc}); pass a frozen distribution."
        ) from exc
    if np.ndim(value) != 0:
        raise ParameterError(
            f"{field} has array-valued parameters (cdf(1.0) has shape {np.shape(value)}); freeze it "
            "with scalar parameters and sweep with dataclasses.replace."
        )


def _scalar(value, field: str, check, **kwargs) -> float:
    v = check(value, field, **kwargs)
    if np.ndim(v) != 0:
        raise ParameterError(
            f"{field} must be a single number, got shape {np.shape(v)}; sweep with "
            "dataclasses.replace instead."
        )
    return float(v)


def _open_unit(value, field: str) -> float:
    return _scalar(value, field, in_range, low=0.0, high=1.0, closed=(False, False), unit="(prob)")


def war_cost_cascade(cost_of_escalation, p_patron_entry, cost_patron_entry):
    """Expected cost of war when a third party may join, W = W_I + π_US·W_US.

    Parameters
    ----------
    cost_of_escalation : float or array_like
        W_I, loss if the adversary escalates (utils), >= 0.
    p_patron_entry : float or array_like
        π_US, probability that the third party joins given escalation, in [0, 1].
    cost_patron_entry : float or array_like
        W_US, additional loss if it joins (utils), >= 0.

    Returns
    -------
    float or ndarray
        W (utils), the ``war_cost`` of :class:`CalibratedResponse`.

    References
    ----------
    The seed scenario: W = 6 + 0.5·8 = 10.

    Examples
    --------
    >>> war_cost_cascade(6, 0.5, 8)
    10.0
    """
    wi = np.asarray(nonnegative(cost_of_escalation, "cost_of_escalation", unit="utils"))
    pus = np.asarray(probability(p_patron_entry, "p_patron_entry"))
    wus = np.asarray(nonnegative(cost_patron_entry, "cost_patron_entry", unit="utils"))
    return _out(wi + pus * wus)


def lognormal(median, sigma_log):
    """A lognormal threshold distribution given its median and the sd of its logarithm.

    Parameters
    ----------
    median : float
        Median of the threshold (unit of the response), > 0.
    sigma_log : float
        Standard deviation of log(threshold), > 0.

    Returns
    -------
    deterrence.models.distributions.Threshold
        The lognormal with closed-form ``cdf``, ``sf``, ``pdf``, ``ppf`` and ``isf`` (the same
        numbers as ``scipy.stats.lognorm(s=sigma_log, scale=median)``, which ``.to_scipy()``
        returns). Other families: :func:`deterrence.models.distributions.threshold`.

    Examples
    --------
    >>> F = lognormal(100, 0.5)
    >>> round(float(F.cdf(60)), 4), round(float(F.ppf(0.10)), 2)
    (0.1535, 52.69)
    """
    m = _scalar(median, "median", positive)
    s = _scalar(sigma_log, "sigma_log", positive)
    return Threshold("lognormal", s, m)


@dataclass(frozen=True)
class CalibratedResponse:
    """Choice of a response size under unknown weakness and tolerance thresholds.

    Parameters
    ----------
    weakness : Threshold or frozen continuous scipy.stats distribution
        G, distribution of θ_w: the response is judged strong enough iff r > θ_w
        (:func:`lognormal`, or another family from
        :func:`deterrence.models.distributions.threshold`).
    tolerance : Threshold or frozen continuous scipy.stats distribution
        F, distribution of θ_t: the adversary escalates iff r > θ_t.
    reputation_stake : float, default 1.0
        R̄, value of not appearing weak (utils), >= 0.
    audience_cost : float, default 0.0
        a, cost of a response judged weak after a public vow (utils), >= 0; enters as R̄ → R̄ + a.
    war_cost : float, default 10.0
        W, loss if the adversary escalates (utils), >= 0; see :func:`war_cost_cascade`.
    marginal_cost : float, default 0.0
        κ, cost per unit of response (utils per unit), >= 0.

    References
    ----------
    Fearon (1994), *APSR* 88(3) (audience costs); Schelling (1966), *Arms and Influence*.

    Examples
    --------
    Equal-variance normal thresholds: r* = (μ_w + μ_t)/2 − σ²·ln(W/R̄)/(μ_t − μ_w).

    >>> from scipy import stats
    >>> model = CalibratedResponse(stats.norm(2, 1), stats.norm(6, 1), war_cost=10.0)
    >>> round(model.optimum(), 6)
    3.424354
    >>> lo, hi = model.window(alpha_weak=0.1, rho=0.05)
    >>> round(lo, 4), round(hi, 4)
    (3.2816, 4.3551)
    """

    weakness: Any
    tolerance: Any
    reputation_stake: float = 1.0
    audience_cost: float = 0.0
    war_cost: float = 10.0
    marginal_cost: float = 0.0

    def __post_init__(self):
        _threshold_distribution(self.weakness, "weakness")
        _threshold_distribution(self.tolerance, "tolerance")
        for field, unit in (
            ("reputation_stake", "utils"),
            ("audience_cost", "utils"),
            ("war_cost", "utils"),
            ("marginal_cost", "utils per unit of response"),
        ):
            object.__setattr__(
                self, field, _scalar(getattr(self, field), field, nonnegative, unit=unit)
            )

    # -- response units -------------------------------------------------------------------

    @property
    def _stake(self) -> float:
        return self.reputation_stake + self.audience_cost

    def _u(self, r):
        return (
            self._stake * self.weakness.cdf(r) - self.war_cost * self.tolerance.cdf(r)
        ) - self.marginal_cost * r

    def _du(self, r):
        # first-order condition (R̄ + a) g(r) = W f(r) + κ
        return (
            self._stake * self.weakness.pdf(r) - self.war_cost * self.tolerance.pdf(r)
        ) - self.marginal_cost

    def p_weak(self, r):
        """P(response judged weak) = 1 − G(r); `r` >= 0, scalar or array."""
        return _out(self.weakness.sf(nonnegative(r, "r")))

    def p_escalation(self, r):
        """P(adversary escalates) = F(r); `r` >= 0, scalar or array."""
        return _out(self.tolerance.cdf(nonnegative(r, "r")))

    def utility(self, r):
        """U(r) = (R̄ + a)·G(r) − W·F(r) − κ·r (utils; up to the constant −a); vectorised.

        Examples
        --------
        >>> from scipy import stats
        >>> model = CalibratedResponse(stats.norm(2, 1), stats.norm(6, 1))
        >>> model.utility([0.0, 2.0]).round(4)
        array([0.0228, 0.4997])
        """
        return _out(self._u(nonnegative(r, "r")))

    def default_upper(self) -> float:
        """Default search bound: 1.5 × the larger 0.999-quantile of the two thresholds (>= 1)."""
        q = max(self.tolerance.ppf(_UPPER_QUANTILE), self.weakness.ppf(_UPPER_QUANTILE))
        if not math.isfinite(q) or q <= 0:
            return 1.0
        return _UPPER_FACTOR * float(q)

    def optimum(self, *, upper=None) -> float:
        """The utility-maximising response r* on [0, upper].

        Bounded Brent search (``scipy.optimize.minimize_scalar``) over [0, upper] and again
        between the neighbours of the best point of a grid (linear plus geometric, 3,000 points),
        so a local maximum cannot hide the global one; the best candidate is then refined with
        ``scipy.optimize.brentq`` on the first-order condition (R̄ + a)·g(r) = W·f(r) + κ, kept
        if it is as good as the best candidate up to rounding (so never worse than the grid). If no r > 0 beats r = 0 the
        optimum is the corner and 0.0 is returned (ties go to 0: do not respond when responding
        gains nothing). A :class:`~deterrence.errors.DeterrenceWarning` says when U is still rising
        at ``upper``.

        Parameters
        ----------
        upper : float, keyword-only, optional
            Largest response considered (> 0). Default :meth:`default_upper`: 1.5 × the larger
            0.999-quantile of F and G, beyond which both probabilities are flat.

        Returns
        -------
        float
            r*.

        Examples
        --------
        Seed scenario, thresholds in leakers:

        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7),
        ...                            reputation_stake=1.0, audience_cost=1.0,
        ...                            war_cost=war_cost_cascade(6, 0.5, 8), marginal_cost=0.002)
        >>> round(model.optimum(), 2)
        5.16
        """
        from scipy.optimize import minimize_scalar

        hi = self.default_upper() if upper is None else _scalar(upper, "upper", positive)
        grid = np.union1d(np.linspace(0.0, hi, 2049), np.geomspace(hi * 1e-6, hi, 1025))
        values = self._u(grid)
        i = int(np.argmax(values))
        candidates = [float(grid[i])]
        xatol = 1e-12 * hi

        def negative(r):
            return -float(self._u(r))

        whole = minimize_scalar(
            negative, bounds=(0.0, hi), method="bounded", options={"xatol": xatol}
        )
        candidates.append(float(whole.x))
        a, b = float(grid[max(i - 1, 0)]), float(grid[min(i + 1, grid.size - 1)])
        local = minimize_scalar(negative, bounds=(a, b), method="bounded", options={"xatol": xatol})
        candidates.append(float(local.x))
        best = max(candidates, key=lambda r: float(self._u(r)))

        # polish on the FOC between the grid neighbours of the best point
        j = int(np.searchsorted(grid, best))
        a, b = float(grid[max(j - 1, 0)]), float(grid[min(j + 1, grid.size - 1)])
        if self._du(a) > 0 > self._du(b):
            # Brent's default relative tolerance, 4 eps; an absolute one far below XTOL
            root = crossing(self._du, a, b, xtol=1e-3 * XTOL)
            # near a maximum U is flat to rounding, so compare up to a few ulps of its scale
            noise = (
                64 * np.finfo(float).eps * (self._stake + self.war_cost + self.marginal_cost * hi)
            )
            if self._u(root) >= self._u(best) - noise:
                best = float(root)
        if self._u(0.0) >= self._u(best):
            return 0.0
        if best >= grid[-2] and self._du(hi) > 0:
            warnings.warn(
                f"utility is still rising at upper={hi:g}; the optimum may lie beyond it. "
                "Pass a larger upper=.",
                DeterrenceWarning,
                stacklevel=2,
            )
        return float(best)

    def window(self, alpha_weak, rho):
        """Responses judged strong w.p. >= 1 − α_w that escalate w.p. <= ρ.

        {r >= 0: G(r) >= 1 − α_w and F(r) <= ρ} = [max(0, G⁻¹(1 − α_w)), F⁻¹(ρ)].

        Parameters
        ----------
        alpha_weak : float
            α_w, largest acceptable probability of being judged weak, in (0, 1).
        rho : float
            ρ, largest acceptable probability of escalation, in (0, 1).

        Returns
        -------
        (float, float) or None
            (lo, hi), or None when the window is empty (lo > hi).

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> model.window(alpha_weak=0.1, rho=0.05) is None  # [6.47, 6.32]: empty
        True
        """
        lo, hi = self.edges(alpha_weak, rho)
        return None if lo > hi else (lo, hi)

    def edges(self, alpha_weak, rho) -> tuple[float, float]:
        """The floor and ceiling of the calibrated window, also when it is empty.

        floor = max(0, G⁻¹(1 − α_w)): the smallest response judged weak w.p. at most α_w;
        ceiling = F⁻¹(ρ): the largest escalating w.p. at most ρ. The window is open iff
        floor <= ceiling; ``ceiling − floor`` is how far it is from opening (or closing).

        Parameters
        ----------
        alpha_weak, rho : float
            As in :meth:`window`, each in (0, 1).

        Returns
        -------
        (float, float)
            (floor, ceiling) in the response unit.

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> [round(x, 2) for x in model.edges(alpha_weak=0.1, rho=0.05)]  # empty: floor > ceiling
        [6.47, 6.32]
        """
        aw = _open_unit(alpha_weak, "alpha_weak")
        r = _open_unit(rho, "rho")
        return max(0.0, float(self.weakness.isf(aw))), float(self.tolerance.ppf(r))

    def _repr_html_(self) -> str:
        """Parameters, the optimum r* with its two probabilities, and the window at the
        conventional levels α_w = 0.1, ρ = 0.05."""
        import html

        def dist(d):
            name = getattr(d, "family", None) or getattr(
                getattr(d, "dist", None), "name", type(d).__name__
            )
            return html.escape(f"{name}(median {float(d.median()):.4g})")

        r = self.optimum()
        win = self.window(0.1, 0.05)
        win_txt = "empty" if win is None else f"[{win[0]:.4g}, {win[1]:.4g}]"
        rows = [
            ("weakness threshold θ_w ~ G", dist(self.weakness)),
            ("tolerance θ_t ~ F", dist(self.tolerance)),
            (
                "reputation stake R̄ + audience cost a",
                f"{self.reputation_stake:.4g} + {self.audience_cost:.4g}",
            ),
            ("war cost W", f"{self.war_cost:.4g}"),
            ("marginal cost κ", f"{self.marginal_cost:.4g}"),
            (
                "optimum r*",
                f"<b>{r:.4g}</b> (P(seen as weak) {float(self.p_weak(r)):.3f}, "
                f"P(escalation) {float(self.p_escalation(r)):.3f})",
            ),
            ("window (α_w = 0.1, ρ = 0.05)", win_txt),
        ]
        body = "".join(
            f"<tr><th style='text-align:left'>{k}</th><td>{v}</td></tr>" for k, v in rows
        )
        return (
            "<table class='deterrence-calibrated'><caption style='text-align:left'>"
            "<b>Calibrated response</b> U(r) = (R̄+a)G(r) − W F(r) − κr</caption>"
            f"{body}</table>"
        )

    # -- launch units (composition with deterrence.models.defense) ----------------------

    def _expect_over_leakers(self, n, q: float, func):
        """E[func(L)] for L ~ Binomial(n, q), for every n in the integer array `n`."""
        from scipy.stats import binom

        n = np.asarray(n, dtype=np.int64)
        flat = n.ravel()
        out = np.empty(flat.size)
        if flat.size == 0:
            return out.reshape(n.shape)
        n_max = int(flat.max())
        half = int(math.ceil(_TAIL_SD * math.sqrt(n_max * q * (1.0 - q)))) + _TAIL_PAD
        if 2 * half + 1 >= n_max + 1:
            width = n_max + 1
            start = np.zeros_like(flat)
        else:
            width = 2 * half + 1
            start = np.maximum(np.round(flat * q).astype(np.int64) - half, 0)
        offsets = np.arange(width)
        rows = max(1, _BLOCK_CELLS // width)
        for s in range(0, flat.size, rows):
            leakers = start[s : s + rows, None] + offsets
            weights = binom.pmf(leakers, flat[s : s + rows, None], q)  # 0 where leakers > n
            out[s : s + rows] = (weights * func(leakers)).sum(axis=1)
        return out.reshape(n.shape)

    def _launch_inputs(self, n, q):
        n_ = count(n, "n")
        q_ = _scalar(q, "q", probability)
        return n_, q_

    def p_escalation_launches(self, n, q):
        """P(escalation | n launches) = E[F(L)], L ~ Binomial(n, q) leakers; vectorised over n.

        Terms of the binomial further than 10 sd + 40 from its mean (mass < 1e-20) are skipped.

        Parameters
        ----------
        n : int or array_like of int
            Launches, >= 0.
        q : float
            Per-launch leak probability (``deterrence.models.defense.leak_probability``).

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> round(model.p_escalation_launches(150, 0.14), 4)
        0.5157
        """
        n_, q_ = self._launch_inputs(n, q)
        return _out(self._expect_over_leakers(n_, q_, self.tolerance.cdf))

    def p_weak_launches(self, n, q):
        """P(judged weak | n launches) = E[1 − G(L)], L ~ Binomial(n, q); vectorised over n.

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> round(model.p_weak_launches(0, 0.14), 4)
        1.0
        """
        n_, q_ = self._launch_inputs(n, q)
        return _out(self._expect_over_leakers(n_, q_, self.weakness.sf))

    def _utility_launches(self, n, q, marginal_cost_per_launch):
        eu = self._expect_over_leakers(
            n,
            q,
            lambda leakers: (
                self._stake * self.weakness.cdf(leakers)
                - self.war_cost * self.tolerance.cdf(leakers)
            ),
        )
        if marginal_cost_per_launch is None:
            # κ per leaker, in expectation κ·n·q: then the result is exactly E[U(L)]
            return eu - self.marginal_cost * q * np.asarray(n)
        return eu - marginal_cost_per_launch * np.asarray(n)

    def _cost_per_launch(self, marginal_cost_per_launch):
        if marginal_cost_per_launch is None:
            return None
        return _scalar(
            marginal_cost_per_launch,
            "marginal_cost_per_launch",
            nonnegative,
            unit="utils per launch",
        )

    def utility_launches(self, n, q, *, marginal_cost_per_launch=None):
        """Expected utility of launching n munitions, L ~ Binomial(n, q) of which leak.

        (R̄ + a)·E[G(L)] − W·E[F(L)] − cost, where cost is κ·n·q (κ per expected leaker, so the
        result is E[U(L)]) by default, or ``marginal_cost_per_launch``·n when given.

        Parameters
        ----------
        n : int or array_like of int
            Launches, >= 0.
        q : float
            Per-launch leak probability, in [0, 1].
        marginal_cost_per_launch : float, keyword-only, optional
            Cost of one launch (utils per launch), >= 0.

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7), war_cost=10.0)
        >>> model.utility_launches([0, 40], 0.14).round(3)
        array([0.   , 0.307])
        """
        n_, q_ = self._launch_inputs(n, q)
        cost = self._cost_per_launch(marginal_cost_per_launch)
        return _out(self._utility_launches(n_, q_, cost))

    def _launch_search_bound(self, q: float, max_launches) -> int:
        if max_launches is not None:
            return count(max_launches, "max_launches", minimum=1)
        if q == 0.0:
            raise ParameterError(
                "q=0: no launch ever leaks, so the response in leakers does not depend on the "
                "number of launches. Check reliability and p_kill, or pass max_launches=."
            )
        bound = math.ceil(self.default_upper() / q)
        if bound > _DEFAULT_MAX_LAUNCHES_CAP:
            raise ParameterError(
                f"with q={q:g} the default search would run to {bound} launches; pass "
                "max_launches= explicitly."
            )
        return max(bound, 1)

    def optimum_launches(self, q, *, marginal_cost_per_launch=None, max_launches=None) -> int:
        """The number of launches n* in {0, ..., max_launches} maximising :meth:`utility_launches`.

        Exhaustive integer search (ties go to the smallest n).

        Parameters
        ----------
        q : float
            Per-launch leak probability, in [0, 1].
        marginal_cost_per_launch : float, keyword-only, optional
            As in :meth:`utility_launches`.
        max_launches : int, keyword-only, optional
            Largest salvo considered; default ⌈default_upper()/q⌉ (expected leakers reach the
            leaker-unit search bound).

        Returns
        -------
        int
            n*.

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7),
        ...                            reputation_stake=1.0, audience_cost=1.0,
        ...                            war_cost=10.0, marginal_cost=0.002)
        >>> model.optimum_launches(0.14)
        37
        """
        q_ = _scalar(q, "q", probability)
        cost = self._cost_per_launch(marginal_cost_per_launch)
        n_max = self._launch_search_bound(q_, max_launches)
        n = np.arange(n_max + 1)
        values = self._utility_launches(n, q_, cost)
        best = int(np.argmax(values))
        if best == n_max and n_max > 0:
            warnings.warn(
                f"utility is highest at max_launches={n_max}; the optimum may lie beyond it.",
                DeterrenceWarning,
                stacklevel=2,
            )
        return best

    def window_launches(self, q, alpha_weak, rho, *, max_launches=None):
        """Smallest and largest salvo n with E[1 − G(L)] <= α_w and E[F(L)] <= ρ.

        Both conditions are monotone in n (L grows stochastically with n), so the acceptable
        salvos form an integer interval; each end is found by integer bisection on
        {0, ..., max_launches} (about 2·log2(max_launches) binomial expectations).

        Parameters
        ----------
        q : float
            Per-launch leak probability, in [0, 1].
        alpha_weak, rho : float
            As in :meth:`window`, each in (0, 1).
        max_launches : int, keyword-only, optional
            As in :meth:`optimum_launches`.

        Returns
        -------
        (int, int) or None
            (n_lo, n_hi), or None when no salvo meets both conditions.

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> model.window_launches(0.14, alpha_weak=0.2, rho=0.1)
        (43, 55)
        """
        q_ = _scalar(q, "q", probability)
        aw = _open_unit(alpha_weak, "alpha_weak")
        r = _open_unit(rho, "rho")
        n_max = self._launch_search_bound(q_, max_launches)

        def expect(n, func):
            return float(self._expect_over_leakers(np.array([n]), q_, func)[0])

        def first(pred):
            # smallest n in [0, n_max] with pred(n), for pred monotone False -> True; else None
            return first_true(pred, 0, n_max)

        n_lo = first(lambda n: expect(n, self.weakness.sf) <= aw)
        if n_lo is None or expect(n_lo, self.tolerance.cdf) > r:
            return None
        too_risky = first(lambda n: expect(n, self.tolerance.cdf) > r)
        if too_risky is None:
            warnings.warn(
                f"the window reaches max_launches={n_max}; its upper end may lie beyond.",
                DeterrenceWarning,
                stacklevel=2,
            )
            return n_lo, n_max
        return n_lo, too_risky - 1

    # -- chart-ready curves ----------------------------------------------------------------

    def window_curves(self, alpha_weak, rho, *, r_max=None, num=601, unit="leakers"):
        """The curves of the calibrated window chart, in the response unit.

        Parameters
        ----------
        alpha_weak, rho : float
            As in :meth:`window`, each in (0, 1).
        r_max : float, keyword-only, optional
            Right end of the response axis; default enough to show the window's edges, r* and F
            up to its 0.9-quantile.
        num : int, keyword-only, default 601
            Points of the curves (the edges, r* and 0 are added exactly).
        unit : str, keyword-only, default "leakers"
            The response unit, for labels.

        Returns
        -------
        deterrence.models.curves.WindowCurves

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> c = model.window_curves(0.1, 0.05)
        >>> c.window is None, round(c.floor, 2), round(c.ceiling, 2), c.floor in c.x
        (True, 6.47, 6.32, True)
        """
        from .curves import WindowCurves

        window = self.window(alpha_weak, rho)  # validates alpha_weak and rho
        floor, ceiling = self.edges(alpha_weak, rho)
        r_star = self.optimum()
        if r_max is None:
            r_max = max(float(self.tolerance.ppf(0.9)), 1.3 * max(floor, ceiling, r_star), 1.0)
        else:
            r_max = _scalar(r_max, "r_max", positive, unit=unit)
        if isinstance(num, bool) or not isinstance(num, int) or num < 2:
            raise ParameterError(f"num must be a whole number >= 2; got {num!r}.")
        extra = [v for v in (floor, ceiling, r_star) if 0.0 <= v <= r_max]
        r = np.union1d(np.linspace(0.0, float(r_max), num), extra)
        return WindowCurves(
            x=r,
            p_weak=self.p_weak(r),
            p_escalation=self.p_escalation(r),
            utility=self.utility(r),
            alpha_weak=float(alpha_weak),
            rho=float(rho),
            floor=floor,
            ceiling=ceiling,
            window=window,
            optimum=r_star,
            optimum_utility=float(self.utility(r_star)),
            unit=unit,
            _extent=float(r_max),
        )

    def window_curves_launches(
        self, q, alpha_weak, rho, *, n_max=None, salvo=None, marginal_cost_per_launch=None
    ):
        """The curves of the calibrated window chart in launches: L ~ Binomial(n, q) of n
        launches leak.

        Parameters
        ----------
        q : float
            Per-launch leak probability, in [0, 1].
        alpha_weak, rho : float
            As in :meth:`window`.
        n_max : int, keyword-only, optional
            Largest salvo; default enough to show the edges, n*, the salvo and E[F(L)] up to
            about 0.9.
        salvo : int, keyword-only, optional
            A salvo size to mark.
        marginal_cost_per_launch : float, keyword-only, optional
            As in :meth:`utility_launches`.

        Returns
        -------
        deterrence.models.curves.WindowCurves
            With ``unit="launches"``; the edges are read off the same integer grid that
            :meth:`window_launches` searches (±inf when no salvo in range qualifies).

        Examples
        --------
        >>> model = CalibratedResponse(lognormal(3, 0.6), lognormal(20, 0.7))
        >>> c = model.window_curves_launches(0.14, 0.1, 0.05, salvo=150)
        >>> c.optimum, c.floor, c.ceiling, round(c.salvo_p_escalation, 2)
        (29, 57.0, 41.0, 0.52)
        """
        from .curves import WindowCurves

        q = _scalar(q, "q", probability)
        if n_max is None:
            # expected leakers n·q reach the tolerance's 0.9-quantile: P(escalation) near 0.9
            span = float(self.tolerance.ppf(0.9)) / q if q > 0 else 100.0
            n_max = int(math.ceil(max(span, 1.2 * (salvo or 0), 10)))
            best = self.optimum_launches(
                q, marginal_cost_per_launch=marginal_cost_per_launch, max_launches=n_max
            )
            n_max = int(max(n_max, math.ceil(1.3 * best)))
        n_max = count(n_max, "n_max", minimum=1)
        n = np.arange(n_max + 1)
        window = self.window_launches(q, alpha_weak, rho, max_launches=n_max)
        n_star = self.optimum_launches(
            q, marginal_cost_per_launch=marginal_cost_per_launch, max_launches=n_max
        )
        p_weak = self.p_weak_launches(n, q)
        p_esc = self.p_escalation_launches(n, q)
        strong = np.flatnonzero(p_weak <= alpha_weak)
        safe = np.flatnonzero(p_esc <= rho)
        u = self.utility_launches(n, q, marginal_cost_per_launch=marginal_cost_per_launch)
        return WindowCurves(
            x=n,
            p_weak=p_weak,
            p_escalation=p_esc,
            utility=u,
            alpha_weak=float(alpha_weak),
            rho=float(rho),
            floor=float(strong[0]) if strong.size else math.inf,
            ceiling=float(safe[-1]) if safe.size else -math.inf,
            window=window,
            optimum=n_star,
            optimum_utility=float(u[n_star]),
            unit="launches",
            q=q,
            salvo=None if salvo is None else int(salvo),
            salvo_p_escalation=(
                None if salvo is None else float(self.p_escalation_launches(int(salvo), q))
            ),
            _extent=float(n_max),
        )
