"""Joint uncertainty: every ranged parameter drawn at once, the headline quantities on each draw.

A scenario gives each parameter a value and a plausible range. :func:`propagate` draws every
parameter whose range is not a point, jointly, from its declared distribution
(:meth:`deterrence.Scenario.distribution`: uniform, log-uniform, triangular or a family, truncated
to the range), with scrambled Sobol' points, Latin hypercube or plain random numbers
(``scipy.stats.qmc``), optionally with rank correlations (Iman & Conover 1982), and evaluates on
every draw, vectorised over the draws:

==================  ===========  ==================================================================
quantity            unit         meaning
==================  ===========  ==================================================================
r_star              leakers*     the response maximising the calibrated-response utility U(r)
n_star              launches     the salvo maximising E[U(L)], L ~ Binomial(n, q) leakers
window_open         —            the calibrated window [floor, ceiling] is not empty
window_floor        leakers¹     G⁻¹(1 − α_w): the smallest response judged strong enough
window_ceiling      leakers¹     F⁻¹(ρ): the largest response with P(escalation) <= ρ
p_escalation_salvo  probability  P(escalation) for the scenario's salvo, E[F(L)]
best_class          —            the crisis tree's subgame-perfect response class
==================  ===========  ==================================================================

(¹ the scenario's response unit). The result is a frozen :class:`Propagation`: the draws (one
column per uncertain parameter under its scenario key, one per quantity), a summary with Monte
Carlo standard errors, and a plot.

References
----------
Iman, R. L. & Conover, W. J. (1982). A distribution-free approach to inducing rank correlation
among input variables. *Communications in Statistics – Simulation and Computation* 11(3), 311–334.
Owen, A. B. (1998). Scrambling Sobol' and Niederreiter–Xing points. *Journal of Complexity* 14(4),
466–489.
McKay, M. D., Beckman, R. J. & Conover, W. J. (1979). A comparison of three methods for selecting
values of input variables in the analysis of output from a computer code. *Technometrics* 21(2),
239–245.
"""

from __future__ import annotations

import math
import sys
import time
import types
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ParameterError

__all__ = ["QUANTITIES", "METHODS", "INPUTS", "Propagation", "propagate", "evaluate"]

#: The headline quantities: name -> (unit, meaning); "response" is the scenario's response unit.
QUANTITIES: Mapping[str, tuple[str, str]] = types.MappingProxyType(
    {
        "r_star": ("response", "response maximising the calibrated-response utility, r*"),
        "n_star": ("launches", "salvo maximising the expected utility over leakers, n*"),
        "window_open": ("", "calibrated window open (floor <= ceiling)"),
        "window_floor": ("response", "window floor: smallest response judged strong enough"),
        "window_ceiling": ("response", "window ceiling: largest response within the risk"),
        "p_escalation_salvo": ("probability", "P(escalation) for the scenario's salvo"),
        "best_class": ("", "subgame-perfect response class of the crisis tree"),
    }
)
METHODS = ("sobol", "lhs", "random")
_NUMERIC = ("r_star", "n_star", "window_floor", "window_ceiling", "p_escalation_salvo")
_CLASSES = ("restraint", "calibrated", "major")

# scenario keys the evaluation reads, by role (one place to follow a renaming of the keys)
_WEAK, _TOL = "weakness_threshold", "defender_tolerance"
_K = {
    "stake": "reputation_stake",
    "audience": "audience_cost",
    "w_adversary": "cost_of_escalation",
    "p_patron": "p_patron_entry",
    "w_patron": "cost_patron_entry",
    "kappa": "marginal_cost",
    "alpha_weak": "alpha_weak",
    "rho": "acceptable_risk",
    "salvo": "salvo_size",
    "reliability": "launch_reliability",
    "p_kill": "intercept_prob",
    "shots": "shots_per_threat",
    "major_size": "major_size",
    "proxy": "proxy_autonomy",
    "attribution": "attribution",
    "adv_loss": "defender_deterrence_loss",
    "adv_reply_cost": "defender_reply_cost",
    "damage": "proportional_damage",
}
#: a pseudo-parameter: whether the proxies' unsanctioned attacks strike the defender (the
#: proxies are the challenger's); False for a scenario without proxies or with the defender's
CHALLENGER_PROXIES = "_challenger_proxies"
#: Scenario keys that enter at least one headline quantity (the others cannot move them).
INPUTS: tuple[str, ...] = (
    _WEAK,
    f"{_WEAK}.sigma_log",
    _TOL,
    f"{_TOL}.sigma_log",
    *_K.values(),
)

# progress bar when the run is expected to take longer than this (seconds)
PROGRESS_AFTER = 2.0
_CHUNK = 4096
_AUTO_MAX = 16_384


# -- the quantities on arrays of parameters ------------------------------------------------------


def evaluate(
    params: Mapping[str, Any], families: Mapping[str, str] | None = None, *, n: int | None = None
) -> dict:
    """The headline quantities for arrays of parameter values (one entry per draw).

    Parameters
    ----------
    params : mapping
        Scenario key -> number or (N,) array (every key of :data:`INPUTS`).
    families : mapping, optional
        Threshold key -> family (default lognormal), as :attr:`Scenario.families`.
    n : int, keyword-only, optional
        Number of draws (default: the broadcast size of the values).

    Returns
    -------
    dict
        Quantity name -> (N,) array (``best_class`` as strings, ``"n/a"`` when the salvo
        delivers no leakers; ``n_star`` NaN when no launch can leak), plus ``"_rising"``: True
        where U is still rising at the search bound.

    Examples
    --------
    >>> import deterrence as dt
    >>> out = evaluate(dt.load_scenario("iran-2024").parameters)
    >>> round(float(out["r_star"][0]), 2), int(out["n_star"][0]), out["best_class"][0]
    (5.16, 37, 'calibrated')
    """
    from ..models import calibrated_batch as cb
    from ..models import distributions as D

    families = dict(families or {})
    arrays = {k: np.atleast_1d(np.asarray(params[k], dtype=float)) for k in INPUTS}
    if n is None:
        n = int(np.broadcast(*arrays.values()).size)
    P = {k: np.broadcast_to(v, (n,)) for k, v in arrays.items()}
    fam_g, fam_f = families.get(_WEAK, "lognormal"), families.get(_TOL, "lognormal")
    G = (fam_g, *D.fit(fam_g, P[_WEAK], P[f"{_WEAK}.sigma_log"]))
    F = (fam_f, *D.fit(fam_f, P[_TOL], P[f"{_TOL}.sigma_log"]))
    k = {role: P[key] for role, key in _K.items()}
    stake = k["stake"] + k["audience"]
    war = k["w_adversary"] + k["p_patron"] * k["w_patron"]
    kappa = k["kappa"]
    upper = cb.default_upper(G, F)
    r_star, rising, peaks = cb.optimum_batch(G, F, stake, war, kappa, upper=upper, n=n, peaks=True)
    floor = np.maximum(0.0, D.isf(fam_g, k["alpha_weak"], *G[1:]))
    ceiling = D.ppf(fam_f, k["rho"], *F[1:])
    q = k["reliability"] * (1.0 - k["p_kill"]) ** k["shots"]
    salvo = np.round(k["salvo"]).astype(np.int64)
    p_esc = cb.binomial_expectation(
        lambda rows, leakers: D.cdf(fam_f, leakers, F[1][rows, None], F[2][rows, None]),
        salvo,
        q,
    )
    n_star, _ = cb.optimum_launches_batch(G, F, stake, war, kappa, q, upper=upper, n=n, peaks=peaks)
    k["proxy"] = k["proxy"] * bool(params.get(CHALLENGER_PROXIES, True))
    best = _best_class(G, F, k, stake, kappa, q, salvo)
    return {
        "r_star": r_star,
        "n_star": np.where(n_star >= 0, n_star, np.nan),
        "window_open": floor <= ceiling,
        "window_floor": floor,
        "window_ceiling": ceiling,
        "p_escalation_salvo": p_esc,
        "best_class": best,
        "_rising": rising,
    }


def _best_class(G, F, k, stake, kappa, q, salvo):
    """The subgame-perfect class of :func:`deterrence.games.crisis.crisis_tree`, per draw.

    Backward induction on the tree's own payoffs: the defender, having seen a strike of size s
    (ℓ = s / r_cal calibrated strikes), escalates iff s exceeds its private tolerance and its
    deterrence loss f > 0 (ties go to absorb, its first action), and otherwise replies in kind
    iff f·ℓ/2 > c. The challenger's value of class c of size r is
    S·G(r) − a − κ·r − E[F(s)·W + (1 − F(s))·d·ℓ·1{f·ℓ/2 > c}] over the seen size s = r + r_cal
    with probability α·β (an attributed strike by the challenger's proxies) and s = r
    otherwise, W = W_D + π_P·W_P; ties go to the first class (restraint, calibrated, major).
    """
    from ..models import distributions as D

    major = salvo * q
    sizes = np.stack([np.zeros_like(major), major / k["major_size"], major], axis=1)
    proxy = (k["proxy"] * k["attribution"])[:, None]
    Fcdf = lambda r: D.cdf(F[0], r, F[1][:, None], F[2][:, None])  # noqa: E731
    escalates = (k["adv_loss"] > 0)[:, None]
    loss = (k["w_adversary"] + k["p_patron"] * k["w_patron"])[:, None]
    r_cal = np.where(sizes[:, 1:2] > 0, sizes[:, 1:2], 1.0)
    f, c, d = (k[x][:, None] for x in ("adv_loss", "adv_reply_cost", "damage"))

    def expected_cost(seen):
        p_esc = np.where(escalates, Fcdf(seen), 0.0)
        ell = seen / r_cal
        in_kind = f * ell / 2 > c
        return p_esc * loss + (1.0 - p_esc) * np.where(in_kind, d * ell, 0.0)

    cost = proxy * expected_cost(sizes + sizes[:, 1:2]) + (1.0 - proxy) * expected_cost(sizes)
    value = (
        stake[:, None] * D.cdf(G[0], sizes, G[1][:, None], G[2][:, None])
        - kappa[:, None] * sizes
        - cost
    )
    best = np.array(_CLASSES, dtype=object)[np.argmax(value, axis=1)]
    return np.where(major > 0, best, "n/a")


# -- drawing ---------------------------------------------------------------------------------------


def _uniforms(n: int, d: int, method: str, rng) -> np.ndarray:
    from scipy.stats import qmc

    if d == 0:
        return np.empty((n, 0))
    if method == "random":
        return rng.random((n, d))
    engine = qmc.Sobol if method == "sobol" else qmc.LatinHypercube
    kwargs = {"scramble": True} if method == "sobol" else {}
    try:
        sampler = engine(d, rng=rng, **kwargs)
    except TypeError:  # scipy < 1.15 calls it seed
        sampler = engine(d, seed=rng, **kwargs)
    with warnings.catch_warnings():
        # n need not be a power of two: the first n scrambled points are still a randomised QMC
        # sample (with slightly weaker balance)
        warnings.simplefilter("ignore", UserWarning)
        return sampler.random(n)


def _iman_conover(u: np.ndarray, target: np.ndarray, rng) -> np.ndarray:
    """Reorder each column of `u` so that the ranks follow the correlation `target`
    (Iman & Conover 1982, with van der Waerden scores); the marginals are untouched."""
    from scipy.special import ndtri

    n, d = u.shape
    scores = ndtri(np.arange(1, n + 1) / (n + 1.0))
    S = np.column_stack([rng.permutation(scores) for _ in range(d)])
    E = np.corrcoef(S, rowvar=False)
    P = np.linalg.cholesky(target)
    Q = np.linalg.cholesky(E)
    T = S @ np.linalg.solve(Q, P.T)  # scores with correlation ≈ target
    out = np.empty_like(u)
    for j in range(d):
        ranks = np.argsort(np.argsort(T[:, j], kind="stable"), kind="stable")
        out[:, j] = np.sort(u[:, j])[ranks]
    return out


def _correlation_matrix(correlation, keys: list[str]) -> np.ndarray | None:
    if not correlation:
        return None
    from ..errors import close_match_hint

    C = np.eye(len(keys))
    for pair, rho in dict(correlation).items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise ParameterError(
                f"correlation keys must be pairs of parameter names; got {pair!r}. Fix: "
                'correlation={("defender_tolerance", "p_patron_entry"): -0.3}.'
            )
        for key in pair:
            if key not in keys:
                raise ParameterError(
                    f"correlation names {key!r}, which is not an uncertain parameter of this "
                    f"run.{close_match_hint(str(key), keys)} Uncertain: {', '.join(keys)}."
                )
        if isinstance(rho, bool) or not isinstance(rho, int | float) or not -1 < rho < 1:
            raise ParameterError(f"correlation {pair} must be a number in (-1, 1); got {rho!r}.")
        i, j = keys.index(pair[0]), keys.index(pair[1])
        if i == j:
            raise ParameterError(f"correlation {pair} pairs a parameter with itself.")
        C[i, j] = C[j, i] = float(rho)
    if np.linalg.eigvalsh(C).min() <= 0:
        raise ParameterError(
            "the rank correlations given are not jointly possible (the matrix is not positive "
            "definite); weaken some of them."
        )
    return C


def _draw(scenario, keys, n, method, rng, correlation) -> dict[str, np.ndarray]:
    u = _uniforms(n, len(keys), method, rng)
    C = _correlation_matrix(correlation, keys)
    if C is not None:
        u = _iman_conover(u, C, rng)
    columns = {}
    for j, key in enumerate(keys):
        values = scenario.distribution(key).ppf(u[:, j])
        if isinstance(scenario.parameters[key], int):  # counts: whole numbers in the range
            lo, hi = scenario.ranges[key]
            values = np.clip(np.floor(values + 0.5), lo, hi).astype(np.int64)
        columns[key] = values
    return columns


def _chunk(base: dict, columns: dict, families: dict, start: int, stop: int) -> dict:
    params = dict(base)
    params.update({k: v[start:stop] for k, v in columns.items()})
    return evaluate(params, families, n=stop - start)


# -- the result ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Propagation:
    """Joint draws of a scenario's uncertain parameters and the headline quantities on each.

    Attributes
    ----------
    scenario : str
        Name of the scenario.
    draws : pandas.DataFrame
        One row per draw: a column per uncertain parameter (scenario key) and per quantity
        (:data:`QUANTITIES`).
    parameters : tuple of str
        The uncertain parameters (range not a point), in column order.
    distributions : mapping
        Parameter -> its distribution in words.
    baseline : mapping
        Quantity -> its value at the scenario's own parameter values.
    units : mapping
        Quantity or parameter -> unit.
    method : str
        ``"sobol"``, ``"lhs"`` or ``"random"``.
    seed : int or None
    correlation : mapping
        The rank correlations asked for ({} when none).
    families : mapping
        Threshold families used (threshold key -> family).
    rising : int
        Draws where the utility is still rising at the search bound (r* there is the bound).
    elapsed : float
        Seconds spent.
    """

    scenario: str
    draws: Any
    parameters: tuple[str, ...]
    distributions: Mapping[str, str]
    baseline: Mapping[str, Any]
    units: Mapping[str, str]
    method: str
    seed: int | None
    correlation: Mapping = field(default_factory=dict)
    families: Mapping[str, str] = field(default_factory=dict)
    rising: int = 0
    elapsed: float = 0.0

    @property
    def n(self) -> int:
        """Number of draws."""
        return len(self.draws)

    def to_frame(self):
        """The draws (a copy)."""
        return self.draws.copy()

    def probability(self, quantity: str, value=True) -> tuple[float, float]:
        """(P(quantity == value), its Monte Carlo standard error) over the draws.

        Examples
        --------
        >>> import deterrence as dt
        >>> res = dt.propagate("iran-2024", n=256, seed=1)
        >>> p, se = res.probability("best_class", "restraint")
        >>> 0 <= p <= 1 and se < 0.05
        True
        """
        col = self._column(quantity)
        hits = (col == value).to_numpy(dtype=float)
        p = float(hits.mean())
        return p, math.sqrt(max(p * (1 - p), 0.0) / max(len(hits), 1))

    def interval(self, quantity: str, level: float = 0.9) -> tuple[float, float]:
        """The central `level` interval of a numeric quantity (empirical quantiles)."""
        x = self._column(quantity).dropna().to_numpy(dtype=float)
        a = (1 - level) / 2
        return float(np.quantile(x, a)), float(np.quantile(x, 1 - a))

    def _column(self, name: str):
        from ..errors import close_match_hint

        if name not in self.draws.columns:
            raise ParameterError(
                f"no column {name!r} in the draws.{close_match_hint(name, self.draws.columns)} "
                f"Columns: {', '.join(self.draws.columns)}."
            )
        return self.draws[name]

    def summary(self, probs=(0.05, 0.25, 0.5, 0.75, 0.95)):
        """Means, quantiles and their Monte Carlo standard errors, one row per quantity.

        Numeric quantities get their mean and quantiles; ``window_open`` its probability; each
        response class its share of the draws (``best_class = calibrated``...). Standard errors:
        sd/√n for means and shares; for a quantile, a quarter of the distribution-free 95 %
        interval between order statistics n·p ± 1.96·√(n·p(1 − p)) (about one sd). For Sobol'
        and Latin hypercube draws these iid formulas are conservative.

        Returns
        -------
        pandas.DataFrame
            Index: quantity; columns ``unit``, ``baseline``, ``mean``, ``mean_se``, then
            ``q05``, ``q05_se``, ... for each of `probs`, and ``n``.

        Examples
        --------
        >>> import deterrence as dt
        >>> s = dt.propagate("iran-2024", n=512, seed=2).summary()
        >>> s.loc["r_star", "unit"], bool(s.loc["r_star", "q05"] <= s.loc["r_star", "q95"])
        ('leakers', True)
        """
        import pandas as pd

        rows = {}
        for q in _NUMERIC:
            x = np.sort(self.draws[q].dropna().to_numpy(dtype=float))
            m = x.size
            row = {
                "unit": self.units[q],
                "baseline": self.baseline[q],
                "mean": float(x.mean()) if m else np.nan,
                "mean_se": float(x.std(ddof=1) / math.sqrt(m)) if m > 1 else np.nan,
            }
            for p in probs:
                tag = f"q{round(100 * p):02d}"
                row[tag] = float(np.quantile(x, p)) if m else np.nan
                row[f"{tag}_se"] = _quantile_se(x, p)
            row["n"] = m
            rows[q] = row
        for name, value in [("window_open", True)] + [("best_class", c) for c in _CLASSES]:
            p, se = self.probability(name, value)
            label = name if name == "window_open" else f"best_class = {value}"
            base = self.baseline[name]
            rows[label] = {
                "unit": "probability",
                "baseline": float(base == value),
                "mean": p,
                "mean_se": se,
                "n": self.n,
            }
        frame = pd.DataFrame.from_dict(rows, orient="index")
        frame.index.name = "quantity"
        return frame

    def stable(self, quantities=_NUMERIC, probs=(0.05, 0.5, 0.95), *, digits: int = 2) -> bool:
        """True when every quoted quantile is stable to `digits` significant figures: its Monte
        Carlo standard error (conservative for Sobol' points) is at most one unit of the last
        quoted digit (or the quantile is exactly 0 with no error). Below the resolution a memo
        quotes — a tenth of a leaker, one launch, 0.1 % of probability — the unit is that
        resolution. Shares of the draws (window open, each response class) to within one
        percentage point.

        Examples
        --------
        >>> import deterrence as dt
        >>> dt.propagate("iran-2024", n=64, seed=0).stable()
        False
        """
        s = self.summary(probs)
        for q in quantities:
            for p in probs:
                tag = f"q{round(100 * p):02d}"
                v, se = s.loc[q, tag], s.loc[q, f"{tag}_se"]
                if not np.isfinite(v) or not np.isfinite(se):
                    continue
                if v == 0:
                    if se > 0:
                        return False
                    continue
                unit = 10.0 ** (math.floor(math.log10(abs(v))) - digits + 1)
                # what is quoted: probabilities in whole percent below 10 % at best, counts of
                # launches as whole numbers, leakers to a tenth
                floor = {"probability": 0.001, "launches": 1.0}.get(self.units[q], 0.1)
                if se > max(unit, floor):
                    return False
        for name, value in [("window_open", True)] + [("best_class", c) for c in _CLASSES]:
            if self.probability(name, value)[1] > 0.01:
                return False
        return True

    def plot(self, quantity: str = "r_star", *, ax=None, level: float = 0.9):
        """Histogram of a numeric quantity over the draws, with its central interval and the
        baseline value; bars of the shares for ``best_class`` and ``window_open``.

        Returns
        -------
        matplotlib.axes.Axes
        """
        from ..plot.uncertainty import propagation_plot

        return propagation_plot(self, quantity, ax=ax, level=level)

    def to_dict(self) -> dict:
        """Plain data (for JSON): provenance, baseline and the summary."""
        summary = self.summary()
        return {
            "scenario": self.scenario,
            "n": self.n,
            "method": self.method,
            "seed": self.seed,
            "parameters": {k: self.distributions[k] for k in self.parameters},
            "families": dict(self.families),
            "correlation": {" ~ ".join(k): v for k, v in self.correlation.items()},
            "rising": self.rising,
            "summary": {
                q: {k: _plain(v) for k, v in row.items() if not _isnan(v)}
                for q, row in summary.to_dict(orient="index").items()
            },
        }

    def __repr__(self) -> str:
        return (
            f"<Propagation {self.scenario!r}: {self.n} {self.method} draws of "
            f"{len(self.parameters)} parameters>"
        )

    def _repr_html_(self) -> str:
        import html

        s = self.summary()
        cols = [c for c in ("unit", "baseline", "mean", "q05", "q50", "q95") if c in s.columns]
        body = s[cols].to_html(float_format=lambda v: f"{v:.3g}", na_rep="")
        return (
            f"<div><b>Joint uncertainty</b> — {html.escape(self.scenario)}: {self.n} "
            f"{html.escape(self.method)} draws of {len(self.parameters)} parameters "
            f"(seed {self.seed}).{body}</div>"
        )


def _plain(v):
    if isinstance(v, np.generic):
        return v.item()
    return v


def _isnan(v) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _quantile_se(x: np.ndarray, p: float) -> float:
    m = x.size
    if m < 2:
        return np.nan
    half = 1.96 * math.sqrt(m * p * (1 - p))
    lo = int(np.clip(math.floor(m * p - half), 0, m - 1))
    hi = int(np.clip(math.ceil(m * p + half), 0, m - 1))
    return float((x[hi] - x[lo]) / (2 * 1.96))


# -- propagate ------------------------------------------------------------------------------------


def propagate(
    scenario="iran-2024",
    n: int | str = 4096,
    *,
    seed=None,
    method: str = "sobol",
    parameters=None,
    correlation=None,
    executor=None,
    progress=None,
    chunk_size: int | None = None,
) -> Propagation:
    """Draw every uncertain parameter of a scenario jointly; evaluate the headline quantities.

    Parameters
    ----------
    scenario : Scenario, str or path, default "iran-2024"
        The scenario (anything :func:`deterrence.load_scenario` takes).
    n : int or "auto", default 4096
        Number of joint draws (>= 2). The Sobol' sequence balances best at powers of two.
        ``"auto"``: 4096, doubled (to at most 16,384) until the 5 %, 50 % and 95 % quantiles
        of the numeric quantities are stable to two significant figures
        (:meth:`Propagation.stable`).
    seed : int or numpy.random.Generator, keyword-only, optional
        Makes the draws reproducible (the same seed gives the same draws).
    method : {"sobol", "lhs", "random"}, keyword-only
        Scrambled Sobol' points (Owen 1998), Latin hypercube (McKay et al. 1979), or iid.
    parameters : iterable of str, keyword-only, optional
        Draw only these keys (the others stay at the scenario's values). Default: every key
        whose plausible range is not a single point.
    correlation : mapping, keyword-only, optional
        Rank correlations between uncertain parameters, ``{(key_a, key_b): rho}``, induced by
        Iman & Conover's (1982) reordering (the marginals are kept; the Sobol' structure is not).
    executor : concurrent.futures.Executor or dask.distributed.Client, keyword-only, optional
        Evaluates chunks of draws in parallel (anything with ``submit``); results are identical
        to the serial run.
    progress : bool, keyword-only, optional
        A tqdm progress bar; default on when stderr is a terminal and the run is expected to
        take more than 2 s.
    chunk_size : int, keyword-only, optional
        Draws per chunk (default 4096).

    Returns
    -------
    Propagation

    Raises
    ------
    ParameterError
        A bad `n`, `method`, parameter name or correlation (the message names it and the fix).

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.propagate("iran-2024", n=1024, seed=7)
    >>> res.n, len(res.parameters) >= 20
    (1024, True)
    >>> lo, hi = res.interval("r_star", 0.9)
    >>> bool(lo <= res.baseline["r_star"] <= hi)
    True
    """
    import pandas as pd

    from .._check import count
    from ..errors import close_match_hint
    from ..scenario import load_scenario

    if isinstance(n, str) and n == "auto":
        size, res = 4096, None
        while True:
            res = propagate(scenario, size, seed=seed, method=method, parameters=parameters,
                            correlation=correlation, executor=executor, progress=progress,
                            chunk_size=chunk_size)  # fmt: skip
            if size >= _AUTO_MAX or res.stable():
                return res
            size *= 2
    t0 = time.perf_counter()
    s = load_scenario(scenario)
    n = count(n, "n", minimum=2)
    if method not in METHODS:
        raise ParameterError(
            f"method must be one of {', '.join(METHODS)}; got {method!r}."
            f"{close_match_hint(str(method), METHODS)}"
        )
    ranged = [k for k in s.parameters if s.ranges[k][0] < s.ranges[k][1]]
    if parameters is None:
        keys = ranged
    else:
        keys = []
        for key in parameters:
            if key not in s.parameters:
                raise ParameterError(
                    f"unknown parameter {key!r}.{close_match_hint(str(key), s.parameters)}"
                )
            if key not in ranged:
                lo, hi = s.ranges[key]
                raise ParameterError(
                    f"{key} has the point range [{lo:g}, {hi:g}]: nothing to draw. Widen its "
                    "range, or leave it out."
                )
            keys.append(key)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    columns = _draw(s, keys, n, method, rng, correlation)
    base = {k: s.parameters[k] for k in INPUTS}
    base[CHALLENGER_PROXIES] = s.proxies is not None and s.proxy_sponsor == "challenger"
    families = dict(s.families)
    chunk = _CHUNK if chunk_size is None else count(chunk_size, "chunk_size", minimum=1)
    bounds = [(a, min(a + chunk, n)) for a in range(0, n, chunk)]
    results = _run(base, columns, families, bounds, executor, progress, n)
    out = {q: np.concatenate([r[q] for r in results]) for q in (*QUANTITIES, "_rising")}
    frame = pd.DataFrame({**columns, **{q: out[q] for q in QUANTITIES}})
    one = evaluate(base, families)
    baseline = {q: _plain(one[q][0]) for q in QUANTITIES}
    unit = s.response_unit
    units = {q: unit if u == "response" else u for q, (u, _) in QUANTITIES.items()}
    units.update({k: s.units[k] for k in keys})
    return Propagation(
        scenario=s.name,
        draws=frame,
        parameters=tuple(keys),
        distributions=types.MappingProxyType({k: s.distribution(k).describe() for k in keys}),
        baseline=types.MappingProxyType(baseline),
        units=types.MappingProxyType(units),
        method=method,
        seed=seed if not isinstance(seed, np.random.Generator) else None,
        correlation=types.MappingProxyType(dict(correlation or {})),
        families=types.MappingProxyType(families),
        rising=int(out["_rising"].sum()),
        elapsed=time.perf_counter() - t0,
    )


def _run(base, columns, families, bounds, executor, progress, n):
    tty = sys.stderr.isatty()
    if executor is None:
        t0 = time.perf_counter()
        results = [_chunk(base, columns, families, *bounds[0])]
        spent = time.perf_counter() - t0
        show = progress if progress is not None else tty and spent * len(bounds) > PROGRESS_AFTER
        bar = _bar(bool(show), n, bounds[0][1])
        for a, b in bounds[1:]:
            results.append(_chunk(base, columns, families, a, b))
            if bar is not None:
                bar.update(b - a)
    else:
        if not callable(getattr(executor, "submit", None)):
            raise TypeError(
                "executor must have a submit(fn, *args) method (a concurrent.futures.Executor or "
                f"a dask.distributed.Client); got {type(executor).__name__}."
            )
        show = progress if progress is not None else tty and 2e-4 * n > PROGRESS_AFTER
        futures = [
            executor.submit(
                _chunk, base, {k: v[a:b] for k, v in columns.items()}, families, 0, b - a
            )
            for a, b in bounds
        ]
        bar = _bar(bool(show), n, 0)
        results = []
        for fut, (a, b) in zip(futures, bounds, strict=True):
            results.append(fut.result())
            if bar is not None:
                bar.update(b - a)
    if bar is not None:
        bar.close()
    return results


def _bar(show: bool, total: int, initial: int):
    if not show:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, initial=initial, unit="draw", desc="propagate", file=sys.stderr)
