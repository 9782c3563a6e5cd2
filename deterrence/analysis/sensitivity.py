"""Global sensitivity: which uncertain parameters drive the headline quantities (Sobol' indices).

For a quantity Y = f(X₁, …, X_d) of independent inputs, the first-order index S_i = V[E(Y | X_i)]/V(Y)
is the share of Y's variance that X_i explains alone; the total index S_Ti = E[V(Y | X_~i)]/V(Y)
adds every interaction it takes part in (Sobol' 1993; Homma & Saltelli 1996). S_Ti = 0 means X_i
cannot move Y at all: that, not a one-at-a-time scan, says whether an assumption bears load.

Estimators (Saltelli et al. 2010, table 2): two independent N × d sample matrices A and B (the
first and last d columns of a scrambled Sobol' sequence of dimension 2d) and, for each i, A_B^(i),
A with its i-th column from B; N·(d + 2) model runs in all. Then

* S_i  = mean(f(B)·(f(A_B^(i)) − f(A))) / V     (Saltelli et al. 2010, eq. b),
* S_Ti = mean((f(A) − f(A_B^(i)))²) / (2V)       (Jansen 1999),

with V the variance of f over A and B together, and 95 % confidence intervals from a bootstrap
over the N rows (percentile intervals; the same resamples for every index). Both estimators give
exactly 0 for an input the quantity does not read (f(A_B^(i)) = f(A) row by row).

:func:`sobol_indices` runs on any vectorised function; :func:`sensitivity` on a scenario's
headline quantities, varying the uncertain parameters that enter them
(:data:`deterrence.analysis.uncertainty.INPUTS`) from their declared distributions.

References
----------
Sobol', I. M. (1993). Sensitivity estimates for nonlinear mathematical models. *Mathematical
Modelling and Computational Experiments* 1(4), 407–414.
Homma, T. & Saltelli, A. (1996). Importance measures in global sensitivity analysis of nonlinear
models. *Reliability Engineering & System Safety* 52(1), 1–17.
Jansen, M. J. W. (1999). Analysis of variance designs for model output. *Computer Physics
Communications* 117(1–2), 35–43.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. & Tarantola, S. (2010). Variance
based sensitivity analysis of model output. Design and estimator for the total sensitivity index.
*Computer Physics Communications* 181(2), 259–270.
Ishigami, T. & Homma, T. (1990). An importance quantification technique in uncertainty analysis
for computer models. *Proc. ISUMA '90*, 398–403.
"""

from __future__ import annotations

import dataclasses
import time
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = ["SobolIndices", "sobol_indices", "sensitivity", "HEADLINE"]

#: Quantities whose indices :func:`sensitivity` computes by default (``window_open`` as 0/1).
HEADLINE = ("r_star", "n_star", "window_open", "window_ceiling", "p_escalation_salvo")


@dataclass(frozen=True, eq=False)
class SobolIndices:
    """First-order and total Sobol' indices with bootstrap confidence intervals.

    Attributes
    ----------
    parameters : tuple of str
        The varied inputs, in column order.
    quantities : tuple of str
        The outputs.
    S1, ST : mapping
        Quantity -> (d,) array of first-order and total indices.
    S1_conf, ST_conf : mapping
        Quantity -> (d, 2) array of the lower and upper ends of the confidence intervals.
    variance : mapping
        Quantity -> variance of the output (0: the output does not vary; its indices are NaN).
    n : int
        N, rows of each sample matrix (N·(d + 2) runs).
    level : float
        Confidence level of the intervals.
    seed : int or None
    elapsed : float
        Seconds spent.
    scenario : str
        The scenario's name ("" for a plain function).
    fixed : tuple of str
        Uncertain parameters left out because no quantity reads them.
    """

    parameters: tuple[str, ...]
    quantities: tuple[str, ...]
    S1: Mapping[str, np.ndarray]
    ST: Mapping[str, np.ndarray]
    S1_conf: Mapping[str, np.ndarray]
    ST_conf: Mapping[str, np.ndarray]
    variance: Mapping[str, float]
    n: int
    level: float = 0.95
    seed: Any = None
    elapsed: float = 0.0
    scenario: str = ""
    fixed: tuple[str, ...] = ()

    def to_frame(self):
        """One row per (quantity, parameter): S1, S1_lo, S1_hi, ST, ST_lo, ST_hi.

        Examples
        --------
        >>> res = sobol_indices(lambda x: x[:, 0] + 0 * x[:, 1], [(0, 1), (0, 1)], n=256, seed=0)
        >>> res.to_frame()[["parameter", "S1", "ST"]].round(6).values.tolist()
        [['x0', 1.0, 1.0], ['x1', 0.0, 0.0]]
        """
        import pandas as pd

        rows = []
        for q in self.quantities:
            for i, p in enumerate(self.parameters):
                rows.append(
                    {
                        "quantity": q,
                        "parameter": p,
                        "S1": self.S1[q][i],
                        "S1_lo": self.S1_conf[q][i, 0],
                        "S1_hi": self.S1_conf[q][i, 1],
                        "ST": self.ST[q][i],
                        "ST_lo": self.ST_conf[q][i, 0],
                        "ST_hi": self.ST_conf[q][i, 1],
                    }
                )
        return pd.DataFrame(rows)

    def load_bearing(self, threshold: float = 0.05) -> dict[str, tuple[str, ...]]:
        """Quantity -> parameters whose total index is at least `threshold` (default 5 % of the
        variance), largest first. A parameter no headline quantity reads is never listed."""
        out = {}
        for q in self.quantities:
            st = np.nan_to_num(self.ST[q], nan=0.0)
            idx = [i for i in np.argsort(-st, kind="stable") if st[i] >= threshold]
            out[q] = tuple(self.parameters[i] for i in idx)
        return out

    def plot(self, quantity: str | None = None, *, ax=None, top: int = 12):
        """Bars of the first-order and total indices of one quantity (see
        :func:`deterrence.plot.uncertainty.sobol_plot`)."""
        from ..plot.uncertainty import sobol_plot

        return sobol_plot(self, quantity, ax=ax, top=top)

    def __repr__(self) -> str:
        return (
            f"<SobolIndices: {len(self.parameters)} parameters × {len(self.quantities)} "
            f"quantities, N = {self.n}>"
        )

    def _repr_html_(self) -> str:
        frame = self.to_frame()
        return (
            f"<div><b>Sobol' indices</b> (N = {self.n}, {self.level:.0%} bootstrap intervals)"
            + frame.to_html(index=False, float_format=lambda v: f"{v:.3f}")
            + "</div>"
        )


def _sobol_matrices(d: int, n: int, rng) -> tuple[np.ndarray, np.ndarray]:
    from scipy.stats import qmc

    try:
        engine = qmc.Sobol(2 * d, scramble=True, rng=rng)
    except TypeError:  # scipy < 1.15
        engine = qmc.Sobol(2 * d, scramble=True, seed=rng)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        base = engine.random(n)
    return base[:, :d], base[:, d:]


def _estimate(fA, fB, fAB, idx):
    """S1 and ST for bootstrap row sets idx (R, N) (or one set of shape (1, N))."""
    a, b, ab = fA[idx], fB[idx], fAB[:, idx]  # (R, N), (R, N), (d, R, N)
    var = np.concatenate([a, b], axis=1).var(axis=1)  # (R,)
    with np.errstate(divide="ignore", invalid="ignore"):
        s1 = (b[None] * (ab - a[None])).mean(axis=2) / var
        st = 0.5 * ((a[None] - ab) ** 2).mean(axis=2) / var
    return s1, st, var  # (d, R), (d, R), (R,)


def sobol_indices(
    func: Callable,
    bounds: Sequence,
    *,
    n: int = 1024,
    seed=None,
    names: Sequence[str] | None = None,
    level: float = 0.95,
    resamples: int = 200,
) -> SobolIndices:
    """Sobol' first-order and total indices of a vectorised function of independent inputs.

    Parameters
    ----------
    func : callable
        Takes an (M, d) array of inputs, returns an (M,) array or a dict of (M,) arrays (several
        quantities at once).
    bounds : sequence
        Per input: (low, high) for a uniform input, or an object with a vectorised ``ppf``
        (e.g. :class:`deterrence.models.distributions.ParameterDistribution`).
    n : int, keyword-only
        N, rows of each sample matrix (N·(d + 2) evaluations); a power of two balances best.
    seed : int or numpy.random.Generator, keyword-only, optional
    names : sequence of str, keyword-only, optional
        Input names (default ``x0``, ``x1`` ...).
    level : float, keyword-only
        Confidence level of the bootstrap intervals (default 0.95).
    resamples : int, keyword-only
        Bootstrap resamples (default 200).

    Returns
    -------
    SobolIndices

    Examples
    --------
    Y = X₀ + 2·X₁ with independent uniforms on [0, 1]: V(Y) = 1/12 + 4/12, so S₀ = 1/5, S₁ = 4/5,
    no interactions (S_T = S).

    >>> res = sobol_indices(lambda x: x[:, 0] + 2 * x[:, 1], [(0, 1), (0, 1)], n=4096, seed=1)
    >>> np.round(res.S1["y"], 2).tolist(), np.round(res.ST["y"], 2).tolist()
    ([0.2, 0.8], [0.2, 0.8])
    """
    from .._check import count

    t0 = time.perf_counter()
    n = count(n, "n", minimum=2)
    d = len(bounds)
    if d == 0:
        raise ParameterError("bounds is empty: give at least one input to vary.")
    names = tuple(names) if names is not None else tuple(f"x{i}" for i in range(d))
    if len(names) != d:
        raise ParameterError(f"names has {len(names)} entries for {d} inputs.")
    if not 0 < level < 1:
        raise ParameterError(f"level must lie in (0, 1); got {level!r}.")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    uA, uB = _sobol_matrices(d, n, rng)

    def to_values(u):
        cols = []
        for j, b in enumerate(bounds):
            if hasattr(b, "ppf"):
                cols.append(np.asarray(b.ppf(u[:, j]), dtype=float))
            else:
                lo, hi = b
                cols.append(lo + u[:, j] * (hi - lo))
        return np.column_stack(cols)

    A, B = to_values(uA), to_values(uB)
    stacked = [A, B] + [np.where(np.arange(d) == i, B, A) for i in range(d)]
    out = func(np.concatenate(stacked, axis=0))
    if not isinstance(out, Mapping):
        out = {"y": out}
    return _indices(out, n, d, names, rng, level, resamples, seed, t0)


def _indices(out, n, d, names, rng, level, resamples, seed, t0, **extra) -> SobolIndices:
    S1, ST, S1c, STc, var = {}, {}, {}, {}, {}
    boot = rng.integers(0, n, size=(resamples, n))
    alpha = (1 - level) / 2
    for q, y in out.items():
        y = np.asarray(y, dtype=float)
        if y.shape != (n * (d + 2),):
            raise ParameterError(
                f"func returned shape {y.shape} for {q!r}; expected ({n * (d + 2)},), one value "
                "per row of its input."
            )
        fA, fB, fAB = y[:n], y[n : 2 * n], y[2 * n :].reshape(d, n)
        s1, st, v = _estimate(fA, fB, fAB, np.arange(n)[None, :])
        var[q] = float(v[0])
        if not var[q] > 0:
            nan = np.full(d, np.nan)
            S1[q], ST[q] = nan, nan
            S1c[q] = STc[q] = np.full((d, 2), np.nan)
            continue
        b1, bt, _ = _estimate(fA, fB, fAB, boot)
        S1[q], ST[q] = s1[:, 0], st[:, 0]
        S1c[q] = np.column_stack(
            [np.nanquantile(b1, alpha, axis=1), np.nanquantile(b1, 1 - alpha, axis=1)]
        )
        STc[q] = np.column_stack(
            [np.nanquantile(bt, alpha, axis=1), np.nanquantile(bt, 1 - alpha, axis=1)]
        )
    ro = types.MappingProxyType
    return SobolIndices(
        parameters=tuple(names),
        quantities=tuple(out),
        S1=ro(S1),
        ST=ro(ST),
        S1_conf=ro(S1c),
        ST_conf=ro(STc),
        variance=ro(var),
        n=n,
        level=level,
        seed=seed if not isinstance(seed, np.random.Generator) else None,
        elapsed=time.perf_counter() - t0,
        **extra,
    )


def sensitivity(
    scenario="iran-2024",
    *,
    n: int = 512,
    seed=None,
    quantities: Sequence[str] = HEADLINE,
    level: float = 0.95,
    resamples: int = 200,
) -> SobolIndices:
    """Sobol' indices of a scenario's headline quantities over its uncertain parameters.

    Every parameter with a plausible range (not a point) that enters a headline quantity is
    varied from its declared distribution (:meth:`deterrence.Scenario.distribution`); the others
    stay at the scenario's values and are listed in ``fixed`` (they cannot move any quantity).
    Counts are drawn as whole numbers.

    Parameters
    ----------
    scenario : Scenario, str or path
    n : int, keyword-only
        N (N·(d + 2) evaluations of every quantity).
    seed : int or numpy.random.Generator, keyword-only, optional
    quantities : sequence of str, keyword-only
        Among ``r_star``, ``n_star``, ``window_open`` (as 0/1), ``window_floor``,
        ``window_ceiling``, ``p_escalation_salvo``.
    level, resamples : keyword-only
        As in :func:`sobol_indices`.

    Returns
    -------
    SobolIndices

    Examples
    --------
    Only the tolerance median uncertain: it explains all of the ceiling's variance.

    >>> import deterrence as dt
    >>> s = dt.load_scenario("iran-2024")
    >>> one = s.replace(ranges={k: (v, v) for k, v in s.parameters.items()
    ...                         if k != "defender_tolerance"})
    >>> res = sensitivity(one, n=256, seed=0, quantities=["window_ceiling"])
    >>> res.parameters, round(float(res.S1["window_ceiling"][0]), 6)
    (('defender_tolerance',), 1.0)
    """
    from ..errors import close_match_hint
    from ..scenario import load_scenario
    from .uncertainty import CHALLENGER_PROXIES, INPUTS, evaluate

    t0 = time.perf_counter()
    s = load_scenario(scenario)
    allowed = ("r_star", "n_star", "window_open", "window_floor", "window_ceiling",
               "p_escalation_salvo")  # fmt: skip
    for q in quantities:
        if q not in allowed:
            raise ParameterError(
                f"no Sobol' indices for {q!r}.{close_match_hint(str(q), allowed)} Quantities: "
                f"{', '.join(allowed)}."
            )
    ranged = [k for k in s.parameters if s.ranges[k][0] < s.ranges[k][1]]
    keys = [k for k in ranged if k in INPUTS]
    fixed = tuple(k for k in ranged if k not in INPUTS)
    if not keys:
        raise ParameterError(
            f"scenario {s.name!r} has no uncertain parameter that enters a headline quantity: "
            "every range is a point. Give some parameters a range."
        )
    dists = [s.distribution(k) for k in keys]
    counts = [isinstance(s.parameters[k], int) for k in keys]
    base = {k: s.parameters[k] for k in INPUTS}
    base[CHALLENGER_PROXIES] = s.proxies is not None and s.proxy_sponsor == "challenger"
    families = dict(s.families)

    def func(x):
        params = dict(base)
        for j, k in enumerate(keys):
            col = x[:, j]
            if counts[j]:
                lo, hi = s.ranges[k]
                col = np.clip(np.floor(col + 0.5), lo, hi)
            params[k] = col
        values = evaluate(params, families)
        out = {q: np.asarray(values[q], dtype=float) for q in quantities}
        for q, y in out.items():
            if np.isnan(y).any():  # n_star where no launch can leak
                raise ParameterError(
                    f"{q} is undefined on some draws (no launch can leak: q = 0 in part of the "
                    "ranges); narrow intercept_prob or launch_reliability, or leave it out."
                )
        return out

    res = sobol_indices(func, dists, n=n, seed=seed, names=keys, level=level,
                        resamples=resamples)  # fmt: skip
    return dataclasses.replace(res, scenario=s.name, fixed=fixed, elapsed=time.perf_counter() - t0)
