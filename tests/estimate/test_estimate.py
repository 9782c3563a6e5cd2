"""Strategic models fitted by maximum likelihood: closed forms, recovery, coverage, identification.

The egame12 deterrence game with agent errors (Signorino 1999, "Strategic interaction and the
statistical analysis of international conflict", APSR 93(2):279–297; Kenkel & Signorino 2014,
JSS 56(8)). With u23 = 0, by backward recursion:

    logit:  p_war = Λ(u24),            p_chal = Λ((1 − p_war)·u13 + p_war·u14 − u11)
    probit: p_war = Φ(u24/√2),         p_chal = Φ(((1 − p_war)·u13 + p_war·u14 − u11)/√2)

    P(SQ) = 1 − p_chal,  P(CAP) = p_chal·(1 − p_war),  P(WAR) = p_chal·p_war.
"""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

from deterrence.errors import IdentificationError, ParameterError
from deterrence.estimate import egame12, egame123, fit, parse_terms

pytest.importorskip("statsmodels")

SPEC = {"u11": "0 + x", "u13": "1", "u14": "1", "u24": "1 + z"}
TRUTH = np.array([0.5, 1.0, -1.0, 0.3, 1.0])  # u11:x, u13:(Intercept), u14:(Intercept), u24:...


def logistic(v):
    return 1 / (1 + np.exp(-v))


def closed_form(df, theta, link="logit"):
    bx, c13, c14, c24, bz = theta
    u11, u13, u14, u24 = bx * df["x"], c13, c14, c24 + bz * df["z"]
    F = logistic if link == "logit" else (lambda v: norm.cdf(v / math.sqrt(2)))
    p_war = F(u24)
    p_chal = F((1 - p_war) * u13 + p_war * u14 - u11)
    return np.column_stack([1 - p_chal, p_chal * (1 - p_war), p_chal * p_war])


def crises(n, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})


@pytest.fixture(scope="module")
def data2000():
    df = crises(2000, 1)
    df["outcome"] = egame12(SPEC).simulate(df, TRUTH, seed=2)
    return df


@pytest.fixture(scope="module")
def fit2000(data2000):
    return fit(egame12(SPEC), data2000)


def test_formula_terms():
    assert parse_terms("x1 + x2", "u") == (True, ("x1", "x2"))
    assert parse_terms("x1 - 1", "u") == (False, ("x1",))
    assert parse_terms("0", "u") == (False, ())
    with pytest.raises(ParameterError, match="x1\\*x2"):
        parse_terms("x1*x2", "u")


@pytest.mark.parametrize("link", ["logit", "probit"])
def test_outcome_probabilities_equal_the_closed_form(link):
    df = crises(50, 3)
    theta = np.array([0.7, -0.4, 1.3, -0.2, 0.9])
    got = egame12(SPEC, link=link).outcome_probabilities(df, theta).to_numpy()
    np.testing.assert_allclose(got, closed_form(df, theta, link), atol=1e-12)


def test_parameter_recovery_within_three_standard_errors(fit2000):
    f = fit2000
    assert list(f.params.index) == [
        "u11:x",
        "u13:(Intercept)",
        "u14:(Intercept)",
        "u24:(Intercept)",
        "u24:z",
    ]
    z = (f.params.to_numpy() - TRUTH) / f.bse.to_numpy()
    assert np.all(np.abs(z) < 3), z
    assert f.converged and f.nobs == 2000


def test_log_likelihood_equals_a_direct_computation(fit2000, data2000):
    P = closed_form(data2000, fit2000.params.to_numpy())
    k = data2000["outcome"].map({"SQ": 0, "CAP": 1, "WAR": 2}).to_numpy()
    direct = float(np.log(P[np.arange(len(k)), k]).sum())
    assert fit2000.llf == pytest.approx(direct, abs=1e-8)
    assert fit2000.loglike() == pytest.approx(direct, abs=1e-8)
    assert fit2000.aic == pytest.approx(2 * 5 - 2 * direct)
    # the estimate maximises it: moving any parameter by 0.05 lowers it
    for j in range(5):
        for s in (-0.05, 0.05):
            p = fit2000.params.to_numpy().copy()
            p[j] += s
            assert fit2000.loglike(p) < fit2000.llf


def test_standard_errors_are_the_observed_information(fit2000, data2000):
    # the inverse of the negative Hessian of the closed-form log-likelihood, by differences
    p0 = fit2000.params.to_numpy()
    k = data2000["outcome"].map({"SQ": 0, "CAP": 1, "WAR": 2}).to_numpy()

    def ll(p):
        P = closed_form(data2000, p)
        return np.log(P[np.arange(len(k)), k]).sum()

    h = 1e-4
    H = np.empty((5, 5))
    for i in range(5):
        for j in range(5):
            e_i, e_j = np.eye(5)[i] * h, np.eye(5)[j] * h
            H[i, j] = (
                ll(p0 + e_i + e_j) - ll(p0 + e_i - e_j) - ll(p0 - e_i + e_j) + ll(p0 - e_i - e_j)
            ) / (4 * h * h)
    se = np.sqrt(np.diag(np.linalg.inv(-H)))
    np.testing.assert_allclose(fit2000.bse.to_numpy(), se, rtol=1e-3)


def batched_mle(model, X, y, groups, start, iters=20):
    """Maximum likelihood on G independent data sets at once (same model, stacked rows), from
    `start`: Newton steps with step halving on the exact score and its differences, and the
    observed information for the standard errors. Returns (estimates, standard errors), each (G, k)."""
    G, k = groups.max() + 1, len(start)

    def total(theta):
        ll, sc = model.loglike_score(X, y, theta[groups])
        g = np.stack([np.bincount(groups, sc[:, j], minlength=G) for j in range(k)], 1)
        return np.bincount(groups, ll, minlength=G), g

    def hessian(theta):
        H = np.empty((G, k, k))
        for j in range(k):
            e = np.zeros(k)
            e[j] = 1e-5
            H[:, :, j] = (total(theta + e)[1] - total(theta - e)[1]) / 2e-5
        return (H + H.transpose(0, 2, 1)) / 2

    theta = np.tile(np.asarray(start, float), (G, 1))
    ll, g = total(theta)
    for _ in range(iters):
        step = np.linalg.solve(-hessian(theta), g[:, :, None])[:, :, 0]
        t = np.ones(G)
        for _halving in range(30):
            ll_c, g_c = total(theta + t[:, None] * step)
            worse = ll_c < ll - 1e-9
            if not worse.any():
                break
            t = np.where(worse, t / 2, t)
        theta, ll, g = theta + t[:, None] * step, ll_c, g_c
        if np.abs(g).max() < 1e-6:
            break
    assert np.abs(g).max() < 1e-5, f"batched fit did not converge ({np.abs(g).max():.2g})"
    se = np.sqrt(np.diagonal(np.linalg.inv(-hessian(theta)), axis1=1, axis2=2))
    return theta, se


def test_95_percent_intervals_cover_the_truth_over_200_data_sets():
    # 200 data sets of 500 crises simulated at once and fitted at once, from the truth (the
    # maximum is unique: fit() from zero finds the same on the first data set), on the same
    # likelihood and exact score as fit(); benchmarks/bench_qre.py runs fit() itself 200 times
    G, n = 200, 500
    model = egame12(SPEC)
    rng = np.random.default_rng(20240413)
    df = pd.DataFrame({"x": rng.normal(size=G * n), "z": rng.normal(size=G * n)})
    X = model.design(df)
    P = np.exp(model.log_outcome_probabilities(X, TRUTH))
    y = (P.cumsum(axis=1) < rng.random(G * n)[:, None]).sum(axis=1)
    groups = np.repeat(np.arange(G), n)
    theta, se = batched_mle(model, X, y, groups, TRUTH)
    # the batched estimates are fit()'s: check one data set
    one = df.iloc[:n].assign(outcome=np.array(model.outcomes)[y[:n]])
    f = fit(model, one)
    np.testing.assert_allclose(f.params.to_numpy(), theta[0], atol=1e-5)
    np.testing.assert_allclose(f.bse.to_numpy(), se[0], rtol=1e-4)
    cover = (np.abs(theta - TRUTH) <= norm.ppf(0.975) * se).mean(axis=0)
    assert np.all((0.90 <= cover) & (cover <= 0.99)), cover


def test_larger_tree_egame123_recovers_its_parameters():
    spec = {"u11": "0 + x", "u12": "1", "u14": "1 + z", "u24": "1 + w"}
    truth = np.array([0.8, 1.0, -0.5, 0.7, 0.4, -1.0])
    rng = np.random.default_rng(5)
    df = pd.DataFrame({c: rng.normal(size=2000) for c in "xzw"})
    m = egame123(spec)
    df["outcome"] = m.simulate(df, truth, seed=6)
    f = fit(m, df)
    assert set(df["outcome"]) == {"SQ", "CAP", "BD", "WAR"}
    assert np.all(np.abs((f.params.to_numpy() - truth) / f.bse.to_numpy()) < 3)


def test_probit_recovers_its_parameters():
    df = crises(2000, 8)
    m = egame12(SPEC, link="probit")
    df["outcome"] = m.simulate(df, TRUTH, seed=9)
    f = fit(m, df, cov_type="robust")
    assert "robust" in f.cov_type
    assert np.all(np.abs((f.params.to_numpy() - TRUTH) / f.bse.to_numpy()) < 3)


@pytest.mark.parametrize(
    "spec, names",
    [
        # a constant in all three of the Challenger's utilities: only differences matter
        ({"u11": "1", "u13": "1", "u14": "1", "u24": "1"}, ["u11:(Intercept)", "u13:(Intercept)"]),
        # the Defender's two utilities: only u24 - u23 matters
        ({"u11": "1", "u14": "1", "u23": "1", "u24": "1"}, ["u23:(Intercept)", "u24:(Intercept)"]),
        # a covariate that is a multiple of another
        ({"u11": "0 + x + x2", "u14": "1", "u24": "1"}, ["u11:x", "u11:x2"]),
    ],
)
def test_unidentified_utilities_are_named(spec, names):
    df = crises(300, 4).assign(x2=lambda d: 2 * d["x"])
    df["outcome"] = "SQ"
    df.loc[::3, "outcome"] = "WAR"
    df.loc[1::3, "outcome"] = "CAP"
    with pytest.raises(IdentificationError) as err:
        fit(egame12(spec), df)
    for name in names:
        assert name in str(err.value)


def test_bad_specifications_and_data_are_named(data2000):
    with pytest.raises(ParameterError, match="u12"):
        egame12({"u12": "1"})
    with pytest.raises(ParameterError, match="'zz'"):
        fit(egame12({"u11": "0 + zz", "u14": "1", "u24": "1"}), data2000)
    bad = data2000.assign(outcome="peace")
    with pytest.raises(ParameterError, match="peace"):
        fit(egame12(SPEC), bad)
    with pytest.raises(TypeError, match="DataFrame"):
        fit(egame12(SPEC), data2000.to_numpy())
    with pytest.raises(ParameterError, match="binary"):
        import deterrence as dt
        from deterrence.estimate import StrategicModel

        t = (
            dt.GameTree.builder(("A",))
            .decision("r", "A", {"a": "X", "b": "Y", "c": "Z"})
            .terminal("X", (0,))
            .terminal("Y", (0,))
            .terminal("Z", (0,))
            .build()
        )
        StrategicModel(t, {"u11": "1"}, link="probit")


def test_bootstrap_is_seeded_and_agrees_with_the_observed_information():
    df = crises(400, 11)
    m = egame12({"u11": "0 + x", "u14": "1", "u24": "1 + z"})
    df["outcome"] = m.simulate(df, [0.5, -1.0, 0.3, 1.0], seed=12)
    f = fit(m, df)
    b1, b2 = f.bootstrap(25, seed=3), f.bootstrap(25, seed=3)
    np.testing.assert_array_equal(b1.replicates, b2.replicates)
    assert b1.cov_type.startswith("bootstrap (B = 25")
    ratio = b1.bse.to_numpy() / f.bse.to_numpy()
    assert np.all((0.6 < ratio) & (ratio < 1.6)), ratio
    ci = b1.conf_int(0.9)
    assert np.all(ci["lower"] < b1.params) and np.all(b1.params < ci["upper"])


def test_predictions_bands_and_plot(fit2000):
    from deterrence.plot.style import find_artists

    pred = fit2000.predict()
    np.testing.assert_allclose(pred.sum(axis=1), 1.0)
    curve = fit2000.prediction_curve("z", values=np.linspace(-2, 2, 9), n_draws=300, seed=1)
    assert np.all(curve.lower <= curve.mean + 1e-12) and np.all(curve.mean <= curve.upper + 1e-12)
    # a more resolved Defender (u24 = 0.3 + 1.0 z) fights more and is challenged less, so
    # capitulation falls with z (war need not: fewer challenges offset more fighting); the
    # point prediction is the closed form
    assert np.all(np.diff(curve.mean[:, 1]) < 0)
    war = curve.mean[:, 2]
    grid = pd.DataFrame({"x": np.full(9, fit2000.data["x"].mean()), "z": curve.x})
    np.testing.assert_allclose(curve.mean, closed_form(grid, fit2000.params.to_numpy()))
    ax = curve.plot()
    np.testing.assert_allclose(find_artists(ax, "outcome:WAR")[0].get_ydata(), war)
    assert len(find_artists(ax, "band:WAR")) == 1
    frame = curve.to_frame()
    assert list(frame.columns) == ["z", "outcome", "probability", "lower", "upper"]
    assert "u24:z" in fit2000.summary() and "AIC" in fit2000.summary()
    assert set(fit2000.to_frame().columns) >= {"estimate", "std_error", "lower", "upper"}
