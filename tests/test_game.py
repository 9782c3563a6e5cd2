import numpy as np
import pytest

import deterrence as dt
from deterrence.errors import InvalidGameError

A2 = [[0, -1], [1, -10]]


def test_read_only_copies_and_labels():
    src = np.array(A2, dtype=float)
    g = dt.Game(
        src,
        src.T,
        players=("Iran", "Israel"),
        strategies=(["swerve", "straight"], ["swerve", "straight"]),
        name="Chicken",
    )
    src[0, 0] = 99
    assert g.A[0, 0] == 0  # copied
    with pytest.raises(ValueError):
        g.A[0, 0] = 5  # read-only
    with pytest.raises(AttributeError):
        g.name = "x"
    assert g.shape == (2, 2)
    assert g.players == ("Iran", "Israel")
    assert g.strategies == (("swerve", "straight"), ("swerve", "straight"))
    assert g.payoff("straight", "swerve") == (1.0, -1.0)
    assert g.A.dtype == float


def test_default_labels_and_equality():
    g = dt.Game([[1, 2, 3]], [[3, 2, 1]])
    assert g.strategies == (("r0",), ("c0", "c1", "c2"))
    assert g == dt.Game([[1, 2, 3]], [[3, 2, 1]])
    assert g != dt.Game([[1, 2, 3]], [[3, 2, 0]])
    assert hash(g) == hash(dt.Game([[1, 2, 3]], [[3, 2, 1]]))


def test_named_constructors():
    z = dt.Game.zero_sum([[1, -2], [3, 4]])
    np.testing.assert_array_equal(z.B, -z.A)
    s = dt.Game.symmetric([[3, 0], [5, 1]], strategies=["c", "d"])
    np.testing.assert_array_equal(s.B, s.A.T)
    assert s.strategies == (("c", "d"), ("c", "d"))
    with pytest.raises(InvalidGameError, match="square"):
        dt.Game.symmetric([[1, 2, 3], [4, 5, 6]])


def test_replace_validates_again():
    g = dt.games.chicken()
    h = g.replace(name="renamed")
    assert h.name == "renamed" and h.A is not None and h != g
    with pytest.raises(InvalidGameError, match="shape"):
        g.replace(A=[[1, 2, 3]])


def test_normalized_is_affine_on_each_player():
    g = dt.Game([[2, 4], [6, 10]], [[-5, 5], [0, 0]])
    n = g.normalized()
    np.testing.assert_allclose(n.A, [[0, 0.25], [0.5, 1]])
    np.testing.assert_allclose(n.B, [[0, 1], [0.5, 0.5]])


@pytest.mark.parametrize(
    "A, B, fragment",
    [
        ([[1, 2]], [[1, 2], [3, 4]], "shape"),
        ([1, 2], [1, 2], "2-D"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "solve_many"),
        (np.zeros((0, 2)), np.zeros((0, 2)), "empty"),
        ([["a", "b"]], [[1, 2]], "numeric"),
        ([[1, np.nan]], [[1, 2]], "non-finite"),
        ([[1, np.inf]], [[1, 2]], "non-finite"),
        ("12", "12", "string"),
        ([[True, False]], [[1, 2]], "booleans"),
        ([[1 + 2j, 0]], [[1, 2]], "complex"),
        ([[10**400, 0]], [[1, 2]], "401 digits"),
        ([[1e308, -1e308]], [[1, 2]], "spread exceeds the largest float"),
        ([[1, 2], [3]], [[1, 2], [3, 4]], "rectangular"),
        ([[1, "2"]], [[1, 2]], "strings"),
        (np.array([[1, "2"]], dtype=object), [[1, 2]], r"entry \[0, 1\] = '2' is str"),
    ],
)
def test_bad_matrices(A, B, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        dt.Game(A, B)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        (dict(strategies=(["a"], ["x", "y"])), "1 labels but the payoff matrix needs 2"),
        (dict(strategies=(["a", "a"], ["x", "y"])), "duplicate"),
        (dict(strategies=(["a", ""], ["x", "y"])), "non-empty"),
        (dict(strategies=["a", "b", "c"]), "pair"),
        (dict(players=("solo",)), "two names"),
        (dict(players=None), "two names"),
        (dict(players=("x", "x")), "duplicate"),
    ],
)
def test_bad_labels(kwargs, fragment):
    with pytest.raises(InvalidGameError, match=fragment):
        dt.Game([[1, 2], [3, 4]], [[1, 2], [3, 4]], **kwargs)


def test_unknown_strategy_label_suggests_close_match():
    g = dt.games.chicken()
    with pytest.raises(KeyError, match="Did you mean 'straight'"):
        g.payoff("straigt", "swerve")


def test_displays():
    g = dt.games.prisoners_dilemma()
    html = g._repr_html_()
    # (defect, defect) is the only cell where both payoffs are best replies: highlighted once
    assert html.count("background:#e8f1fa") == 1
    assert "<u><b>5</b></u>" in html and "Prisoner" in html
    df = g.to_frame()
    assert df.loc["defect", "cooperate"] == (5.0, 0.0)
    tex = g.to_latex()
    assert r"$5,\ 0$" in tex and tex.startswith(r"\begin{tabular}{l|cc}")
    assert 'Dilemma" 2x2' in repr(g)
    assert g._repr_latex_().startswith("$$")


def test_best_responses():
    row_br, col_br = dt.games.chicken().best_responses()
    # against swerve the best reply is straight; against straight, swerve
    assert row_br.tolist() == [[False, True], [True, False]]
    assert col_br.tolist() == [[False, True], [True, False]]
