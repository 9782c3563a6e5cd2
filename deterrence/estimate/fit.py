"""Maximum-likelihood fit of a :class:`~deterrence.estimate.model.StrategicModel` to crisis data.

The likelihood is handed to statsmodels' ``GenericLikelihoodModel`` (BFGS, then the observed
information — the inverse of the negative Hessian of the log-likelihood — for standard errors;
``cov_type="robust"`` gives the sandwich estimator), which also provides the summary table, AIC
and BIC. :meth:`StrategicFit.bootstrap` re-fits resampled crises (seeded) for bootstrap
standard errors and percentile intervals (Kenkel & Signorino 2014, *Journal of Statistical
Software* 56(8), recommend the bootstrap for strategic models in small samples).

Identification is checked before fitting: the Jacobian of every choice probability of every
crisis with respect to the parameters must have full column rank at a random point; otherwise
:class:`~deterrence.errors.IdentificationError` names the parameters that can move together
without changing any prediction.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field, replace

import numpy as np

from ..errors import IdentificationError, MissingExtraError, ParameterError, SolverTimeoutError
from .model import StrategicModel

__all__ = ["StrategicFit", "PredictionCurve", "fit", "check_identified"]

#: relative singular value below which the parameters are declared not identified
IDENTIFICATION_TOL = 1e-7
COV_TYPES = ("observed", "robust")


def _statsmodels():
    try:
        from statsmodels.base.model import GenericLikelihoodModel
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError(
            "strategic estimation needs statsmodels: pip install 'deterrence[estimate]'."
        ) from None
    return GenericLikelihoodModel


def _likelihood_class():
    GenericLikelihoodModel = _statsmodels()

    class StrategicLikelihood(GenericLikelihoodModel):
        """statsmodels' view of a strategic model: log-likelihood per crisis, exact score."""

        def __init__(self, endog, exog, *, strategic: StrategicModel, **kwargs):
            self.strategic = strategic
            self._cache = (None, None)
            super().__init__(endog, exog, **kwargs)
            # every parameter is free (no constant column in statsmodels' sense)
            self.k_constant = 0
            self.df_model = float(self.exog.shape[1])
            self.df_resid = float(self.exog.shape[0] - self.exog.shape[1])

        def _eval(self, params):
            params = np.asarray(params, float)
            key = params.tobytes()
            if self._cache[0] != key:
                y = self.endog.astype(int)
                self._cache = (key, self.strategic.loglike_score(self.exog, y, params))
            return self._cache[1]

        def loglikeobs(self, params):
            return self._eval(params)[0]

        def loglike(self, params):
            return float(self._eval(params)[0].sum())

        def score_obs(self, params):
            return self._eval(params)[1]

        def score(self, params):
            return self._eval(params)[1].sum(axis=0)

        def hessian(self, params):
            # central differences of the exact score: accurate to ~1e-8 relative
            params = np.asarray(params, float)
            k = len(params)
            H = np.empty((k, k))
            for j in range(k):
                h = 1e-5 * max(1.0, abs(params[j]))
                e = np.zeros(k)
                e[j] = h
                H[:, j] = (self.score(params + e) - self.score(params - e)) / (2 * h)
            return (H + H.T) / 2

    return StrategicLikelihood


def check_identified(model: StrategicModel, X: np.ndarray, *, seed: int = 0) -> None:
    """Raise :class:`IdentificationError` unless the data identify every parameter.

    The log choice probabilities of all crises at all nodes are a function of the parameters;
    they are (locally) identified when that function's Jacobian has full column rank. It is
    evaluated by central differences at a random point (seeded), so a rank deficiency is
    structural (e.g. a constant in all of the Challenger's utilities, a utility of an outcome
    its player never weighs, or a covariate that is constant or collinear in the data).
    """
    k = X.shape[1]
    if X.shape[0] <= k:
        raise IdentificationError(
            f"{X.shape[0]} crises cannot identify {k} parameters; give more rows than parameters."
        )
    rng = np.random.default_rng(seed)
    theta = rng.normal(0.0, 0.3, size=k)
    h = 1e-5

    def flat(t):
        return np.concatenate([lp.ravel() for lp in model.log_choice(X, t)])

    J = np.empty((flat(theta).size, k))
    for j in range(k):
        e = np.zeros(k)
        e[j] = h
        J[:, j] = (flat(theta + e) - flat(theta - e)) / (2 * h)
    # scale columns so a covariate measured in large units is not mistaken for a deficiency
    norms = np.linalg.norm(J, axis=0)
    dead = [model.param_names[j] for j in range(k) if norms[j] == 0]
    if dead:
        raise IdentificationError(
            f"the parameters {dead} do not affect any choice probability: the player never "
            "weighs that utility (e.g. the Defender's utility of the status quo in egame12), or "
            "the covariate is zero in every row. Remove them from the formulas."
        )
    Jn = J / norms
    _, s, vt = np.linalg.svd(Jn, full_matrices=False)
    if s[-1] < IDENTIFICATION_TOL * s[0]:
        v = vt[-1]
        idx = np.flatnonzero(np.abs(v) > 0.1 * np.abs(v).max())
        names = [model.param_names[j] for j in idx]
        raise IdentificationError(
            f"the utilities are not identified: the parameters {names} can change together "
            "without changing any predicted choice. Typical causes: the same covariate (or a "
            "constant) in every utility of one player's choice — only differences matter, so fix "
            "one at zero (e.g. '0' for u13 in egame12); a constant or collinear covariate in the "
            "data. Drop one of them from its formula."
        )


@dataclass(frozen=True, eq=False)
class PredictionCurve:
    """Predicted outcome probabilities as one covariate varies, with confidence bands.

    Attributes
    ----------
    covariate : str
    x : ndarray, shape (g,)
        Values of the covariate (others held at their means in the data).
    outcomes : tuple of str
    mean, lower, upper : ndarray, shape (g, outcomes)
        Point prediction (at the estimate) and the band's ends.
    level : float
        Coverage of the band (e.g. 0.95): percentiles of predictions at parameters drawn from
        the estimate's normal approximation (or bootstrap replicates).
    model_name : str
    """

    covariate: str
    x: np.ndarray
    outcomes: tuple[str, ...]
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    level: float
    model_name: str
    band: str

    def to_frame(self):
        """A long pandas DataFrame: covariate value, outcome, probability, lower, upper."""
        import pandas as pd

        rows = [
            {
                self.covariate: float(self.x[i]),
                "outcome": o,
                "probability": float(self.mean[i, k]),
                "lower": float(self.lower[i, k]),
                "upper": float(self.upper[i, k]),
            }
            for i in range(len(self.x))
            for k, o in enumerate(self.outcomes)
        ]
        return pd.DataFrame(rows)

    def plot(self, ax=None):
        """Outcome probabilities against the covariate, bands shaded
        (:func:`deterrence.plot.estimate.prediction_curve`)."""
        import importlib

        prediction_curve = importlib.import_module("deterrence.plot.estimate").prediction_curve

        return prediction_curve(self, ax=ax)


@dataclass(frozen=True, eq=False)
class StrategicFit:
    """A fitted strategic model.

    Attributes
    ----------
    model : StrategicModel
    params : pandas.Series
        Estimates, indexed ``"<utility>:<term>"``.
    cov : pandas.DataFrame
        Covariance of the estimates (`cov_type`).
    cov_type : str
        ``"observed information"``, ``"robust (sandwich)"`` or ``"bootstrap (B = …)"``.
    llf : float
        Log-likelihood at the estimate.
    nobs : int
    converged : bool
    replicates : ndarray or None
        Bootstrap estimates, shape (B, k), when bootstrapped.
    """

    model: StrategicModel
    params: object
    cov: object
    cov_type: str
    llf: float
    nobs: int
    converged: bool
    data: object = field(repr=False)
    outcome: str = "outcome"
    sm_results: object = field(default=None, repr=False)
    replicates: np.ndarray | None = field(default=None, repr=False)
    seed: int | None = None

    # -- numbers ---------------------------------------------------------------------------------
    @property
    def bse(self):
        """Standard errors (pandas Series)."""
        import pandas as pd

        return pd.Series(np.sqrt(np.diag(np.asarray(self.cov))), index=self.params.index)

    @property
    def aic(self) -> float:
        return 2 * len(self.params) - 2 * self.llf

    @property
    def bic(self) -> float:
        return len(self.params) * math.log(self.nobs) - 2 * self.llf

    def conf_int(self, level: float = 0.95):
        """Confidence intervals (DataFrame ``lower``, ``upper``): Wald intervals from `cov`, or
        bootstrap percentiles when the fit was bootstrapped."""
        import pandas as pd
        from scipy.stats import norm

        if not 0 < level < 1:
            raise ParameterError(f"level must lie in (0, 1); got {level!r}.")
        if self.replicates is not None:
            a = (1 - level) / 2
            lo, hi = np.quantile(self.replicates, [a, 1 - a], axis=0)
        else:
            z = norm.ppf(0.5 + level / 2)
            lo = self.params.to_numpy() - z * self.bse.to_numpy()
            hi = self.params.to_numpy() + z * self.bse.to_numpy()
        return pd.DataFrame({"lower": lo, "upper": hi}, index=self.params.index)

    def to_frame(self, level: float = 0.95):
        """Estimates table: ``estimate``, ``std_error``, ``z``, ``p_value``, ``lower``, ``upper``."""
        from scipy.stats import norm

        ci = self.conf_int(level)
        z = self.params / self.bse
        out = ci.copy()
        out.insert(0, "p_value", 2 * norm.sf(np.abs(z)))
        out.insert(0, "z", z)
        out.insert(0, "std_error", self.bse)
        out.insert(0, "estimate", self.params)
        return out

    def summary(self, level: float = 0.95) -> str:
        """A plain-text summary: model, fit statistics and the estimates table."""
        t = self.to_frame(level)
        head = (
            f"{self.model.name}: {self.model.link} agent errors, {self.nobs} crises\n"
            f"log-likelihood {self.llf:.4f}   AIC {self.aic:.2f}   BIC {self.bic:.2f}   "
            f"covariance: {self.cov_type}   converged: {self.converged}\n"
            f"outcomes observed: {self._counts()}\n"
        )
        return head + t.to_string(float_format=lambda v: f"{v:.4g}")

    def _counts(self) -> str:
        codes = self.model.outcome_codes(self.data[self.outcome])
        return ", ".join(
            f"{o} {int((codes == k).sum())}" for k, o in enumerate(self.model.outcomes)
        )

    def loglike(self, params=None) -> float:
        """Log-likelihood of the data at `params` (default the estimate), computed directly."""
        p = self.params.to_numpy() if params is None else self.model._params(params)
        L = self.model.log_outcome_probabilities(self.model.design(self.data), p)
        codes = self.model.outcome_codes(self.data[self.outcome])
        return float(L[np.arange(len(codes)), codes].sum())

    # -- predictions -----------------------------------------------------------------------------
    def predict(self, data=None):
        """Predicted outcome probabilities at the estimate, one row per crisis of `data`
        (default the fitted data)."""
        return self.model.outcome_probabilities(
            self.data if data is None else data, self.params.to_numpy()
        )

    def _draws(self, n_draws, seed):
        if self.replicates is not None:
            return self.replicates
        rng = np.random.default_rng(seed)
        return rng.multivariate_normal(
            self.params.to_numpy(), np.asarray(self.cov), size=n_draws, method="eigh"
        )

    def prediction_curve(
        self, covariate: str, *, values=None, data=None, level=0.95, n_draws=1000, seed=0
    ) -> PredictionCurve:
        """Outcome probabilities as `covariate` varies (others at their means), with bands.

        Bands are the (1 − level)/2 and (1 + level)/2 percentiles of the predictions at
        parameters drawn from N(estimate, cov) (seeded; King, Tomz & Wittenberg 2000,
        *American Journal of Political Science* 44(2):347–361), or at the bootstrap replicates.
        """
        import pandas as pd

        if not 0 < level < 1:
            raise ParameterError(f"level must lie in (0, 1); got {level!r}.")
        data = self.data if data is None else data
        if covariate not in self.model.covariates:
            from ..errors import close_match_hint

            raise ParameterError(
                f"{covariate!r} is not a covariate of the model; covariates are "
                f"{list(self.model.covariates)}."
                + close_match_hint(str(covariate), self.model.covariates)
            )
        if values is None:
            col = np.asarray(data[covariate], float)
            values = np.linspace(col.min(), col.max(), 50)
        values = np.asarray(values, float)
        base = {c: float(np.asarray(data[c], float).mean()) for c in self.model.covariates}
        grid = pd.DataFrame({**{c: np.full(len(values), v) for c, v in base.items()}})
        grid[covariate] = values
        X = self.model.design(grid)
        mean = np.exp(self.model.log_outcome_probabilities(X, self.params.to_numpy()))
        draws = self._draws(n_draws, seed)
        sims = np.stack([np.exp(self.model.log_outcome_probabilities(X, t)) for t in draws])
        a = (1 - level) / 2
        lo, hi = np.quantile(sims, [a, 1 - a], axis=0)
        band = (
            f"bootstrap percentiles (B = {len(draws)})"
            if self.replicates is not None
            else f"simulation from the estimate's normal approximation ({len(draws)} draws)"
        )
        return PredictionCurve(
            covariate=covariate,
            x=values,
            outcomes=self.model.outcomes,
            mean=mean,
            lower=lo,
            upper=hi,
            level=level,
            model_name=self.model.name,
            band=band,
        )

    def plot(self, covariate: str | None = None, *, ax=None, **kwargs):
        """Predicted outcome probabilities against `covariate` (default the first), with bands."""
        if covariate is None:
            if not self.model.covariates:
                raise ParameterError(
                    "the model has no covariates (intercepts only): there is no curve to draw."
                )
            covariate = self.model.covariates[0]
        return self.prediction_curve(covariate, **kwargs).plot(ax=ax)

    # -- resampling ------------------------------------------------------------------------------
    def bootstrap(self, n: int = 200, *, seed: int = 0) -> StrategicFit:
        """The same fit with bootstrap covariance and percentile intervals (B = `n`, seeded).

        Crises are resampled with replacement; each replicate is re-fitted from the estimate.
        Replicates that fail to converge (e.g. an outcome absent from the resample) are
        dropped and counted in `cov_type`.
        """
        import pandas as pd

        if isinstance(n, bool) or not isinstance(n, int) or n < 20:
            raise ParameterError(f"n (bootstrap replicates) must be an int ≥ 20; got {n!r}.")
        rng = np.random.default_rng(seed)
        X = self.model.design(self.data)
        y = self.model.outcome_codes(self.data[self.outcome])
        start = self.params.to_numpy()
        reps, failed = [], 0
        for _ in range(n):
            idx = rng.integers(0, len(y), len(y))
            try:
                res = _maximise(self.model, y[idx], X[idx], start, cov=False)
            except SolverTimeoutError:
                failed += 1
                continue
            reps.append(res.params)
        reps = np.array(reps)
        if len(reps) < 20:
            raise SolverTimeoutError(
                f"only {len(reps)} of {n} bootstrap replicates converged; the data are too few "
                "or an outcome is too rare to resample."
            )
        cov = pd.DataFrame(
            np.cov(reps, rowvar=False), index=self.params.index, columns=self.params.index
        )
        kind = f"bootstrap (B = {len(reps)}" + (f", {failed} failed" if failed else "") + ")"
        return replace(self, cov=cov, cov_type=kind, replicates=reps, seed=seed)

    def __repr__(self):
        return (
            f"<StrategicFit {self.model.name}: {self.nobs} crises, log-likelihood "
            f"{self.llf:.4f}, {len(self.params)} parameters ({self.cov_type})>"
        )

    def _repr_html_(self) -> str:
        t = self.to_frame()
        return (
            f"<div><b>{html.escape(self.model.name)}</b> ({self.model.link} agent errors), "
            f"{self.nobs} crises; log-likelihood {self.llf:.4f}, AIC {self.aic:.2f}; "
            f"covariance {html.escape(self.cov_type)}{t.to_html(float_format=lambda v: f'{v:.4g}')}"
            "</div>"
        )


def _maximise(model, y, X, start, *, cov=True, cov_type="observed"):
    Lik = _likelihood_class()
    lik = Lik(y, X, strategic=model)
    kw = {"cov_type": "HC0"} if cov and cov_type == "robust" else {}
    res = lik.fit(
        start_params=np.asarray(start, float),
        method="bfgs",
        maxiter=500,
        disp=False,
        gtol=1e-6,
        skip_hessian=not cov,
        **kw,
    )
    converged = bool(res.mle_retvals.get("converged", False))
    if not converged or not np.isfinite(res.params).all():
        raise SolverTimeoutError(
            "the maximum-likelihood fit did not converge. Usual causes: an outcome that never "
            "(or always) occurs for some covariate values (separation: the estimates run off to "
            "infinity), or covariates on wildly different scales (standardise them)."
        )
    return res


def fit(
    model: StrategicModel, data, *, outcome: str = "outcome", cov_type: str = "observed", start=None
) -> StrategicFit:
    """Fit a strategic model to crisis data by maximum likelihood.

    Parameters
    ----------
    model : StrategicModel
        e.g. ``egame12({"u11": "1 + x1", "u14": "1", "u24": "1 + x2"})``.
    data : pandas.DataFrame
        One row per crisis: the covariates named in the formulas and the `outcome` column
        (outcome names such as ``"SQ"``, or their numbers).
    outcome : str
        The outcome column.
    cov_type : {"observed", "robust"}
        Observed information (inverse negative Hessian) or the sandwich (HC0) estimator.
    start : array_like, optional
        Starting values (default zeros).

    Returns
    -------
    StrategicFit

    Raises
    ------
    IdentificationError
        A parameter (or combination) is not identified by the model and the data.
    SolverTimeoutError
        The optimiser did not converge (e.g. separation).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from deterrence.estimate import egame12, fit
    >>> rng = np.random.default_rng(0)
    >>> df = pd.DataFrame({"x": rng.normal(size=2000), "z": rng.normal(size=2000)})
    >>> m = egame12({"u11": "0 + x", "u14": "1", "u24": "1 + z"})
    >>> df["outcome"] = m.simulate(df, [0.5, -1.0, 0.3, 1.0], seed=1)
    >>> f = fit(m, df)
    >>> bool((abs(f.params - [0.5, -1.0, 0.3, 1.0]) < 3 * f.bse).all())
    True
    """
    import pandas as pd

    if not isinstance(model, StrategicModel):
        raise TypeError(
            f"fit() takes a StrategicModel (e.g. egame12(...)); got {type(model).__name__}."
        )
    if cov_type not in COV_TYPES:
        from ..errors import close_match_hint

        raise ParameterError(
            f"cov_type must be one of {COV_TYPES}; got {cov_type!r}."
            + close_match_hint(str(cov_type), COV_TYPES)
        )
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame; got {type(data).__name__}.")
    if outcome not in data.columns:
        from ..errors import close_match_hint

        raise ParameterError(
            f"the data have no outcome column {outcome!r}; columns are {list(data.columns)}."
            + close_match_hint(str(outcome), list(map(str, data.columns)))
        )
    X = model.design(data)
    y = model.outcome_codes(data[outcome])
    check_identified(model, X)
    k = X.shape[1]
    start = np.zeros(k) if start is None else model._params(start)
    res = _maximise(model, y, X, start, cov=True, cov_type=cov_type)
    names = list(model.param_names)
    cov = pd.DataFrame(np.asarray(res.cov_params()), index=names, columns=names)
    if not np.isfinite(cov.to_numpy()).all() or (np.diag(cov.to_numpy()) <= 0).any():
        raise IdentificationError(
            "the information matrix at the estimate is singular: the data do not identify every "
            "parameter (e.g. an outcome never observed). Simplify the formulas."
        )
    return StrategicFit(
        model=model,
        params=pd.Series(res.params, index=names, name="estimate"),
        cov=cov,
        cov_type="observed information" if cov_type == "observed" else "robust (sandwich, HC0)",
        llf=float(res.llf),
        nobs=len(y),
        converged=True,
        data=data,
        outcome=outcome,
        sm_results=res,
    )
