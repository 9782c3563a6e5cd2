"""dt.solve_many: the same answers as dt.solve, game by game, on stacks."""

import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import GameTooLargeError, InvalidGameError


def as_sets(batch, N):
    out = [set() for _ in range(N)]
    for g, x, y in zip(batch.game_index, batch.x, batch.y, strict=True):
        out[g].add((tuple(np.round(x, 8)), tuple(np.round(y, 8))))
    return out


@pytest.mark.parametrize("shape", [(2, 2), (3, 3), (2, 4), (4, 3), (1, 3)])
@pytest.mark.parametrize("integers", [True, False])
def test_batch_matches_single(shape, integers):
    rng = np.random.default_rng(hash((shape, integers)) % 2**32)
    N = 150
    if integers:  # small integer payoffs: many ties, many degenerate games
        A = rng.integers(0, 3, (N, *shape)).astype(float)
        B = rng.integers(0, 3, (N, *shape)).astype(float)
    else:
        A = rng.normal(size=(N, *shape))
        B = rng.normal(size=(N, *shape))
    batch = dt.solve_many(A, B)
    sets = as_sets(batch, N)
    for i in range(N):
        single = dt.solve(dt.Game(A[i], B[i]))
        assert sets[i] == {(tuple(np.round(e.row, 8)), tuple(np.round(e.col, 8))) for e in single}
        assert batch.degenerate[i] == single.degenerate
    assert batch.count.sum() == len(batch.game_index)
    assert batch.max_regret <= 1e-8


def test_batch_item_and_frame():
    A, B = dt.games.retaliation_commitment_payoffs(audience_cost=[0.0, 1.0])
    crisis = dt.games.crisis
    batch = dt.solve_many(
        A, B, players=("Iran", "Israel"), strategies=(crisis.RESPONSE_CLASSES, crisis.REPLIES)
    )
    eqs = batch[1]
    assert isinstance(eqs, dt.Equilibria)
    assert {e.describe() for e in eqs if e.is_pure} == {
        "calibrated / proportional",
        "restraint / escalate",
    }
    df = batch.to_frame()
    assert len(df) == batch.count.sum()
    assert {"game", "kind", "Iran: restraint", "Israel: escalate", "payoff Iran"} <= set(df.columns)
    assert "2 games" in repr(batch)
    html = batch._repr_html_()
    assert "<b>2 games</b>" in html and "Iran: restraint" in html
    assert "calibrated / proportional" in eqs[-1]._repr_html_()
    with pytest.raises(IndexError):
        batch[2]


def test_chunking_does_not_change_answers():
    rng = np.random.default_rng(7)
    A = rng.integers(0, 3, (40, 3, 3)).astype(float)
    B = rng.integers(0, 3, (40, 3, 3)).astype(float)
    a = dt.solve_many(A, B)
    b = dt.solve_many(A, B, chunk=7)
    np.testing.assert_array_equal(a.game_index, b.game_index)
    np.testing.assert_allclose(a.x, b.x)


@pytest.mark.parametrize(
    "A, B, err, fragment",
    [
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 3)), InvalidGameError, "must match"),
        (np.zeros((2, 2, 2, 2)), np.zeros((2, 2, 2, 2)), InvalidGameError, r"\(N, m, n\)"),
        (np.full((1, 2, 2), np.nan), np.zeros((1, 2, 2)), InvalidGameError, "non-finite"),
        (np.zeros((1, 15, 15)), np.zeros((1, 15, 15)), GameTooLargeError, "15x15"),
    ],
)
def test_bad_stacks(A, B, err, fragment):
    with pytest.raises(err, match=fragment):
        dt.solve_many(A, B)


def test_larger_games_fall_back_to_one_by_one():
    rng = np.random.default_rng(9)
    A = rng.integers(0, 3, (3, 8, 8)).astype(float)
    B = rng.integers(0, 3, (3, 8, 8)).astype(float)
    batch = dt.solve_many(A, B)
    assert "game by game" in batch.method
    sets = as_sets(batch, 3)
    for i in range(3):
        single = dt.solve(dt.Game(A[i], B[i]))
        assert sets[i] == {(tuple(np.round(e.row, 8)), tuple(np.round(e.col, 8))) for e in single}
