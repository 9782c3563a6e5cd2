"""dt.sweep: one row per (grid point, extreme equilibrium), the same as dt.solve point by point;
the same frame serially, on a thread pool and on a dask LocalCluster."""

import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import deterrence as dt
from deterrence.errors import ParameterError, ProbabilityError

RET = dt.games.retaliation_commitment_game  # 3×3, closed forms in its docstring


def profiles(df, point, players=("Challenger", "Defender")):
    rows = df[df["point"] == point]
    cols_r = [c for c in df.columns if c.startswith(f"{players[0]}: ")]
    cols_c = [c for c in df.columns if c.startswith(f"{players[1]}: ")]
    return {
        (
            tuple(np.round(r[cols_r].to_numpy(float), 8)),
            tuple(np.round(r[cols_c].to_numpy(float), 8)),
        )
        for _, r in rows.iterrows()
    }


def test_full_factorial_matches_solve_point_by_point():
    grid = {"p_patron_entry": [0.1, 0.5, 0.9], "audience_cost": [0.0, 1.0]}
    df = dt.sweep(RET, grid, fixed={"cost_of_escalation": 1.0})
    # the first axis varies slowest: points (0.1, 0), (0.1, 1), (0.5, 0), ...
    points = df.drop_duplicates("point")
    assert points["p_patron_entry"].tolist() == [0.1, 0.1, 0.5, 0.5, 0.9, 0.9]
    assert points["audience_cost"].tolist() == [0.0, 1.0] * 3
    assert df.columns.tolist() == [
        "p_patron_entry",
        "audience_cost",
        "point",
        "equilibrium",
        "kind",
        "Challenger: restraint",
        "Challenger: calibrated",
        "Challenger: major",
        "Defender: absorb",
        "Defender: proportional",
        "Defender: escalate",
        "payoff Challenger",
        "payoff Defender",
        "degenerate",
    ]
    for k, p in enumerate(points.itertuples()):
        eqs = dt.solve(
            RET(
                p_patron_entry=p.p_patron_entry, audience_cost=p.audience_cost, cost_of_escalation=1
            )
        )
        assert profiles(df, k) == {
            (tuple(np.round(e.row, 8)), tuple(np.round(e.col, 8))) for e in eqs
        }
        rows = df[df["point"] == k]
        assert rows["equilibrium"].tolist() == list(range(len(eqs)))
        assert sorted(rows["payoff Challenger"].round(10)) == sorted(
            round(e.payoffs[0], 10) for e in eqs
        )
    # W = 1 + 8·0.1 = 1.8 ≤ R̄ + a = 2 only at (0.1, a = 1): (major, escalate) there alone
    major = df[(df["Challenger: major"] == 1) & (df["Defender: escalate"] == 1)]
    assert major["point"].tolist() == [1]
    assert (df["degenerate"]).all()  # restraint makes Israel indifferent: always degenerate


def test_dataframe_of_points_and_game_by_game_builder():
    pts = pd.DataFrame({"T": [0.5, 2.0, 1.0], "P": [-10.0, -10.0, -3.0]})
    df = dt.sweep(dt.games.chicken, pts)
    assert df.groupby("point").size().tolist() == [3, 3, 3]
    mixed = df[df["kind"] == "mixed"]
    # Chicken's mixed equilibrium: Pr(straight) = (T − R)/((T − R) + (S − P)), R = 0, S = −1
    expected = pts["T"] / (pts["T"] + (-1 - pts["P"]))
    np.testing.assert_allclose(mixed["Row: straight"], expected, atol=1e-12)
    assert mixed[["T", "P"]].to_numpy().tolist() == pts.to_numpy().tolist()
    assert not df["degenerate"].any()


def test_model_function_gives_one_row_per_point():
    def deviation_gain(delta, T=5.0, R=3.0, P=1.0):
        return T + delta * P / (1 - delta) - R / (1 - delta)

    df = dt.sweep(deviation_gain, {"delta": [0.25, 0.5, 0.75], "T": [5.0, 6.0]})
    assert df.columns.tolist() == ["delta", "T", "point", "value"]
    # δ = 0.5, T = 5: 5 + 1 − 6 = 0 (the grim-trigger threshold, V12)
    assert df.loc[(df["delta"] == 0.5) & (df["T"] == 5), "value"].item() == 0.0
    np.testing.assert_allclose(df["value"], deviation_gain(df["delta"], T=df["T"]))
    # a function that rejects arrays is evaluated point by point
    df = dt.sweep(lambda x: math.log(x), {"x": [1.0, math.e]})
    assert df["value"].tolist() == [0.0, 1.0]


def test_vectorised_builder_is_called_once_per_chunk():
    calls = []

    def payoffs(T, R=0.0, S=-1.0, P=-10.0):
        calls.append(np.ndim(T))
        T, R, S, P = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (T, R, S, P)))
        A = np.stack([np.stack([R, S], -1), np.stack([T, P], -1)], -2)
        return A, np.swapaxes(A, -1, -2)

    df = dt.sweep(payoffs, {"T": np.linspace(0.5, 2, 1000)}, chunk_size=300)
    assert calls == [0, 1, 1, 1, 1]  # a probe, then 4 chunks of at most 300 points
    assert len(df) == 3000 and df["Row: r0"].notna().all()  # unlabelled strategies r0, r1


def test_chunking_does_not_change_the_frame():
    grid = {"reputation_stake": np.linspace(0.5, 3, 7), "audience_cost": np.linspace(0, 2, 5)}
    whole = dt.sweep(RET, grid)
    pieces = dt.sweep(RET, grid, chunk_size=4)
    pd.testing.assert_frame_equal(whole, pieces)


def test_thread_pool_gives_the_serial_frame():
    grid = {"T": np.linspace(0.1, 3, 13), "S": [-2.0, -1.0]}
    serial = dt.sweep(dt.games.chicken, grid, chunk_size=5)
    with ThreadPoolExecutor(max_workers=2) as pool:
        parallel = dt.sweep(dt.games.chicken, grid, chunk_size=5, executor=pool)
    pd.testing.assert_frame_equal(serial, parallel)


def test_dask_local_cluster_gives_the_serial_frame():
    distributed = pytest.importorskip("distributed")
    grid = {
        "reputation_stake": np.linspace(0.5, 3, 30),
        "p_patron_entry": np.linspace(0.2, 0.9, 20),
    }
    serial = dt.sweep(RET, grid, chunk_size=150)
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        parallel = dt.sweep(RET, grid, chunk_size=150, executor=client)
        # a builder failing on a worker is reported with its point, as in the serial run
        with pytest.raises(ParameterError, match="p_patron_entry=1.5"):
            dt.sweep(RET, {"p_patron_entry": [0.5, 1.5]}, chunk_size=1, executor=client)
    pd.testing.assert_frame_equal(serial, parallel)


def test_progress_bar(capsys):
    grid = {"T": np.linspace(0.5, 2, 20)}
    dt.sweep(dt.games.chicken, grid, chunk_size=5, progress=True)
    err = capsys.readouterr().err
    assert "sweep" in err and "20/20" in err
    dt.sweep(dt.games.chicken, grid, chunk_size=5, progress=False)
    dt.sweep(dt.games.chicken, grid, chunk_size=5)  # stderr is not a terminal under pytest
    assert capsys.readouterr().err == ""


def test_bad_input():
    with pytest.raises(ParameterError, match="grid is empty"):
        dt.sweep(RET, {})
    with pytest.raises(ParameterError, match="non-empty 1-D array.*shape \\(0,\\)"):
        dt.sweep(RET, {"audience_cost": []})
    with pytest.raises(ParameterError, match="grid\\['audience_cost'\\] must be a non-empty 1-D"):
        dt.sweep(RET, {"audience_cost": [[0, 1], [1, 2]]})
    with pytest.raises(ParameterError, match="contains nan; every grid value must be finite"):
        dt.sweep(RET, {"audience_cost": [0, math.nan]})
    with pytest.raises(ParameterError, match="must hold numbers.*fixed="):
        dt.sweep(RET, {"audience_cost": ["low", "high"]})
    with pytest.raises(ParameterError, match="grid DataFrame is empty"):
        dt.sweep(RET, pd.DataFrame({"audience_cost": []}))
    with pytest.raises(ParameterError, match="takes no parameter 'audiense_cost'.*'audience_cost'"):
        dt.sweep(RET, {"audiense_cost": [0, 1]})
    with pytest.raises(ParameterError, match="both varied and given in fixed"):
        dt.sweep(RET, {"audience_cost": [0, 1]}, fixed={"audience_cost": 2})
    with pytest.raises(TypeError, match="grid must be a dict"):
        dt.sweep(RET, [0, 1])
    with pytest.raises(TypeError, match="executor must have a submit"):
        dt.sweep(RET, {"audience_cost": [0, 1]}, executor=object())
    with pytest.raises(ParameterError, match="chunk_size must be a whole number >= 1"):
        dt.sweep(RET, {"audience_cost": [0, 1]}, chunk_size=0)


def test_builder_failing_inside_the_grid_is_reported_with_the_point():
    with pytest.raises(ParameterError) as err:
        dt.sweep(RET, {"p_patron_entry": [0.5, 0.9, 1.2], "audience_cost": [0.0, 1.0]})
    msg = str(err.value)
    assert (
        "retaliation_commitment_game() raised ProbabilityError at p_patron_entry=1.2, audience_cost=0"
        in msg
    )
    assert isinstance(err.value.__cause__, ProbabilityError)
    with pytest.raises(ParameterError, match="chicken\\(\\) raised ParameterError at T=-1"):
        dt.sweep(dt.games.chicken, {"T": [1.0, -1.0]})
