"""The bundled crisis-exchange table: well-formed, sourced, and (honestly) uninformative."""

import numpy as np
import pytest

from deterrence.data import crisis_exchanges


def test_every_row_is_sourced_and_coded_consistently():
    df = crisis_exchanges()
    assert len(df) == 19
    assert df["source"].str.len().min() > 10
    assert set(df["response_class"]) == {"calibrated", "major"}
    assert (df["date"].dt.year.between(2019, 2024)).all()
    assert df["date"].is_monotonic_increasing
    known = df.dropna(subset=["launches", "leakers"])
    assert (known["leakers"] <= known["launches"]).all()
    # al-Asad, 8 January 2020: 16 ballistic missiles launched, 12 struck (11 al-Asad, 1 Erbil)
    row = df[df["date"] == "2020-01-08"].iloc[0]
    assert (row["launches"], row["leakers"], bool(row["target_escalated"])) == (16, 12, False)
    assert df["target_escalated"].notna().sum() == 16


def test_sixteen_exchanges_identify_little():
    pytest.importorskip("statsmodels")
    import deterrence as dt
    from deterrence.estimate import StrategicModel, fit

    df = crisis_exchanges().dropna(subset=["target_escalated"]).copy()
    df["major"] = (df["response_class"] == "major").astype(float)
    df["outcome"] = np.where(df["target_escalated"], "escalate", "absorb")
    tree = (
        dt.GameTree.builder(("Target",))
        .decision("reply", "Target", {"absorb": "absorb", "escalate": "escalate"})
        .terminal("absorb", (0,))
        .terminal("escalate", (0,))
        .build()
    )
    f = fit(StrategicModel(tree, {"u12": "1 + major"}), df)
    # one binary choice: the logit of the observed shares. Calibrated: 5 of 10 escalated
    # (intercept 0); major: 5 of 6 (0 + b = ln 5, b = 1.609), se(b) = sqrt(1/5+1/5+1/5+1/1)
    assert f.params["u12:(Intercept)"] == pytest.approx(0.0, abs=1e-5)
    assert f.params["u12:major"] == pytest.approx(np.log(5), abs=1e-4)
    assert f.bse["u12:major"] == pytest.approx(np.sqrt(1.6), rel=1e-3)
    lo, hi = f.conf_int().loc["u12:major"]
    assert lo < 0 < hi and hi - lo > 4  # the effect is not even signed by these data
