"""The new engine agrees with the old one on 2,000 random degenerate games.

The fixture holds the answers of the vertex-enumeration engine before its rewrite (hull engine,
closed forms, exact near-tie path) on 2,000 random games with integer payoffs 0..3 (2x2 to 5x5;
90 % degenerate); ``data/make_old_engine_fixture.py`` regenerates it from that commit. The old
engine was itself cross-checked against pygambit's exact enumeration on such games.
"""

from pathlib import Path

import numpy as np

import deterrence as dt

DATA = np.load(Path(__file__).parent / "data" / "old_engine_degenerate_2000.npz")


def old_answers():
    out = {}
    for g, x, y in zip(DATA["game"], DATA["x"], DATA["y"], strict=True):
        m, n = DATA["shape"][g]
        out.setdefault(int(g), set()).add((tuple(np.round(x[:m], 8)), tuple(np.round(y[:n], 8))))
    return out


def games():
    for i, (m, n) in enumerate(DATA["shape"]):
        yield i, DATA["A"][i, :m, :n].astype(float), DATA["B"][i, :m, :n].astype(float)


def test_fixture_is_degenerate_and_complete():
    assert len(DATA["shape"]) == 2000
    assert DATA["degenerate"].mean() > 0.8
    assert set(old_answers()) == set(range(2000))  # every game has an equilibrium


def test_solve_agrees_with_the_old_engine():
    old = old_answers()
    for i, A, B in games():
        eqs = dt.solve(dt.Game(A, B))
        assert {(tuple(np.round(e.row, 8)), tuple(np.round(e.col, 8))) for e in eqs} == old[i], i
        assert eqs.degenerate == DATA["degenerate"][i], i


def test_solve_many_agrees_with_the_old_engine():
    old = old_answers()
    by_shape: dict = {}
    for i, A, B in games():
        by_shape.setdefault(A.shape, []).append((i, A, B))
    for items in by_shape.values():
        idx = [i for i, _, _ in items]
        batch = dt.solve_many(
            np.stack([a for _, a, _ in items]), np.stack([b for _, _, b in items])
        )
        got: dict = {}
        for g, x, y in zip(batch.game_index, batch.x, batch.y, strict=True):
            got.setdefault(idx[g], set()).add((tuple(np.round(x, 8)), tuple(np.round(y, 8))))
        for k, i in enumerate(idx):
            assert got[i] == old[i], i
            assert batch.degenerate[k] == DATA["degenerate"][i], i
