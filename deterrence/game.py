"""`Game`: a two-player bimatrix game with named players and strategies.

A `Game` is frozen: its payoff arrays are read-only copies, validated at construction.
Build variants with :meth:`Game.replace` (which validates again), never by editing in place.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np

from ._check import labels, payoff_matrix
from .errors import InvalidGameError

__all__ = ["Game"]


class Game:
    """A two-player game in normal form (bimatrix game).

    Parameters
    ----------
    A, B : array_like, shape (m, n)
        Payoffs of the row player (A) and of the column player (B); finite numbers.
    players : tuple of two str, optional
        Names of the row and column players.
    strategies : tuple of two sequences of str, optional
        Labels of the row player's m strategies and the column player's n strategies.
    name : str, optional
        A title shown in displays and reports.
    tree : GameTree, optional
        The game tree this game is the normal form of (``dt.reduced_normal_form(tree)`` sets it); solutions
        then say which equilibria are subgame perfect (``dt.solve(game).credible``).

    Raises
    ------
    InvalidGameError
        Shapes differ, a matrix is not 2-D or is empty, an entry is not a finite number, or the
        labels are of the wrong number or duplicated.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = dt.Game([[0, -1], [1, -10]], [[0, 1], [-1, -10]],
    ...             players=("Iran", "Israel"),
    ...             strategies=(["swerve", "straight"], ["swerve", "straight"]), name="Chicken")
    >>> g.shape
    (2, 2)
    >>> g.payoff("straight", "swerve")
    (1.0, -1.0)
    """

    __slots__ = ("_A", "_B", "_players", "_strategies", "_name", "_tree")

    def __init__(
        self,
        A,
        B,
        *,
        players: Sequence[str] = ("Row", "Column"),
        strategies: Sequence[Sequence[str]] | None = None,
        name: str | None = None,
        tree=None,
    ):
        A_ = payoff_matrix(A, "A (row player's payoffs)")
        B_ = payoff_matrix(B, "B (column player's payoffs)")
        if A_.shape != B_.shape:
            raise InvalidGameError(
                f"A has shape {A_.shape} but B has shape {B_.shape}; both payoff matrices must be "
                "(row strategies x column strategies). For a zero-sum game use Game.zero_sum(A); "
                "for a symmetric one Game.symmetric(A)."
            )
        if (
            isinstance(players, str)
            or not isinstance(players, Sequence | tuple | list)
            or len(tuple(players)) != 2
        ):
            raise InvalidGameError(f"players must be two names (row, column); got {players!r}.")
        players_ = labels(players, 2, "players", "P")
        m, n = A_.shape
        if strategies is None:
            strategies = (None, None)
        if isinstance(strategies, str) or len(strategies) != 2:
            raise InvalidGameError(
                f"strategies must be a pair (row labels, column labels); got {strategies!r}."
            )
        rows = labels(strategies[0], m, f"strategies of {players_[0]} (rows)", "r")
        cols = labels(strategies[1], n, f"strategies of {players_[1]} (columns)", "c")
        if name is not None and not isinstance(name, str):
            raise InvalidGameError(f"name must be a string; got {name!r}.")
        if tree is not None and not (hasattr(tree, "infosets_of") and hasattr(tree, "preorder")):
            raise InvalidGameError(
                f"tree must be the GameTree this game is the normal form of; got "
                f"{type(tree).__name__}."
            )
        object.__setattr__(self, "_A", A_)
        object.__setattr__(self, "_B", B_)
        object.__setattr__(self, "_players", players_)
        object.__setattr__(self, "_strategies", (rows, cols))
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_tree", tree)

    def __setattr__(self, key, value):
        raise AttributeError(f"Game is immutable; use game.replace({key}=...) to build a new one")

    # -- named constructors -------------------------------------------------------------------
    @classmethod
    def zero_sum(cls, A, **kwargs) -> Game:
        """A zero-sum game: the column player's payoffs are ``-A``.

        Examples
        --------
        >>> Game.zero_sum([[1, -1], [-1, 1]]).B
        array([[-1.,  1.],
               [ 1., -1.]])
        """
        A_ = payoff_matrix(A, "A (row player's payoffs)")
        return cls(A_, -A_, **kwargs)

    @classmethod
    def symmetric(cls, A, **kwargs) -> Game:
        """A symmetric game: the column player's payoffs are ``A.T`` (A must be square).

        ``strategies`` may be one list of labels, used for both players.

        Examples
        --------
        >>> Game.symmetric([[3, 0], [5, 1]]).B
        array([[3., 5.],
               [0., 1.]])
        """
        A_ = payoff_matrix(A, "A (row player's payoffs)")
        if A_.shape[0] != A_.shape[1]:
            raise InvalidGameError(
                f"a symmetric game needs a square A; got shape {A_.shape}. Use Game(A, B) instead."
            )
        s = kwargs.get("strategies")
        if s is not None and all(isinstance(lab, str) for lab in s):
            kwargs["strategies"] = (tuple(s), tuple(s))  # one label list serves both players
        return cls(A_, A_.T, **kwargs)

    @classmethod
    def from_nashpy(cls, nashpy_game, **kwargs) -> Game:
        """A Game from a ``nashpy.Game`` (its two payoff matrices); labels as keywords.

        Examples
        --------
        >>> import nashpy
        >>> Game.from_nashpy(nashpy.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])).B.tolist()
        [[3.0, 5.0], [0.0, 1.0]]
        """
        mats = getattr(nashpy_game, "payoff_matrices", None)
        if mats is None or len(mats) != 2:
            raise TypeError(f"from_nashpy takes a nashpy.Game; got {type(nashpy_game).__name__}.")
        return cls(mats[0], mats[1], **kwargs)

    def to_nashpy(self):
        """A ``nashpy.Game`` with the same payoff matrices (labels are dropped).

        Examples
        --------
        >>> import deterrence as dt
        >>> dt.games.prisoners_dilemma().to_nashpy().payoff_matrices[0].tolist()
        [[3.0, 0.0], [5.0, 1.0]]
        """
        import nashpy

        return nashpy.Game(np.array(self._A), np.array(self._B))

    def to_pygambit(self):
        """A ``pygambit.Game`` with exact rationals of the payoffs and the same labels.

        Examples
        --------
        >>> import deterrence as dt
        >>> g = dt.games.matching_pennies().to_pygambit()
        >>> [p.label for p in g.players]
        ['Matcher', 'Mismatcher']
        """
        from fractions import Fraction

        try:
            import pygambit
        except ImportError:  # pragma: no cover - pygambit is in the test extra
            from .errors import MissingExtraError

            raise MissingExtraError(
                "to_pygambit needs pygambit: pip install pygambit (or the 'test' extra)."
            ) from None
        exact = np.vectorize(Fraction, otypes=[object])
        g = pygambit.Game.from_arrays(exact(self._A), exact(self._B), title=self._name or "")
        for player, name, labs in zip(g.players, self._players, self._strategies, strict=True):
            player.label = name
            for strategy, lab in zip(player.strategies, labs, strict=True):
                strategy.label = lab
        return g

    # -- read-only attributes -----------------------------------------------------------------
    @property
    def A(self) -> np.ndarray:
        """Row player's payoffs, shape (m, n), read-only."""
        return self._A

    @property
    def B(self) -> np.ndarray:
        """Column player's payoffs, shape (m, n), read-only."""
        return self._B

    @property
    def shape(self) -> tuple[int, int]:
        """(number of row strategies, number of column strategies)."""
        return self._A.shape

    @property
    def players(self) -> tuple[str, str]:
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self._strategies

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def tree(self):
        """The game tree this game is the reduced normal form of, or None."""
        return self._tree

    # -- derived ------------------------------------------------------------------------------
    def replace(self, **changes) -> Game:
        """A new game with some of A, B, players, strategies, name, tree changed (validated
        again). Changing payoffs, players or strategies drops the tree: the new game is no
        longer its normal form."""
        kw = dict(
            A=self._A,
            B=self._B,
            players=self._players,
            strategies=self._strategies,
            name=self._name,
            tree=self._tree,
        )
        if "tree" not in changes and changes.keys() & {"A", "B", "players", "strategies"}:
            kw["tree"] = None
        unknown = set(changes) - set(kw)
        if unknown:
            raise TypeError(
                f"Game.replace() got unknown fields {sorted(unknown)}; allowed: {sorted(kw)}"
            )
        kw.update(changes)
        A, B = kw.pop("A"), kw.pop("B")
        return Game(A, B, **kw)

    def payoff(self, row: str | int, col: str | int) -> tuple[float, float]:
        """Payoffs (row, column) of a pure profile, given by labels or indices."""
        i, j = self._index(0, row), self._index(1, col)
        return float(self._A[i, j]), float(self._B[i, j])

    def _index(self, player: int, s: str | int) -> int:
        labs = self._strategies[player]
        if isinstance(s, str):
            if s not in labs:
                from .errors import close_match_hint

                raise KeyError(
                    f"{self._players[player]} has no strategy {s!r}; strategies are {list(labs)}."
                    + close_match_hint(s, labs)
                )
            return labs.index(s)
        return int(s)

    def expected_payoffs(self, row, col) -> tuple[float, float]:
        """Expected payoffs (x'Ay, x'By) of mixed strategies `row` (x) and `col` (y)."""
        x = np.asarray(row, dtype=float)
        y = np.asarray(col, dtype=float)
        return float(x @ self._A @ y), float(x @ self._B @ y)

    def best_responses(self) -> tuple[np.ndarray, np.ndarray]:
        """Boolean masks of pure best responses.

        Returns ``(row_br, col_br)``: ``row_br[i, j]`` is True when row i is a best reply of the
        row player to column j; ``col_br[i, j]`` when column j is a best reply to row i.
        """
        tol = 1e-12 * max(1.0, float(np.abs(self._A).max()), float(np.abs(self._B).max()))
        row_br = self._A >= self._A.max(axis=0, keepdims=True) - tol
        col_br = self._B >= self._B.max(axis=1, keepdims=True) - tol
        return row_br, col_br

    def normalized(self) -> Game:
        """The same game with each player's payoffs mapped affinely onto [0, 1].

        Positive affine transformations leave the equilibria unchanged; a player whose payoffs
        are all equal gets all zeros.

        Examples
        --------
        >>> Game([[2, 4], [6, 10]], [[1, 1], [1, 1]]).normalized().A
        array([[0.  , 0.25],
               [0.5 , 1.  ]])
        """

        def scale(M):
            lo, hi = M.min(), M.max()
            return (M - lo) / (hi - lo) if hi > lo else np.zeros_like(M)

        return self.replace(A=scale(self._A), B=scale(self._B))

    def __eq__(self, other):
        if not isinstance(other, Game):
            return NotImplemented
        return (
            np.array_equal(self._A, other._A)
            and np.array_equal(self._B, other._B)
            and self._players == other._players
            and self._strategies == other._strategies
            and self._name == other._name
        )

    def __hash__(self):
        return hash(
            (self._A.tobytes(), self._B.tobytes(), self._players, self._strategies, self._name)
        )

    # -- display ------------------------------------------------------------------------------
    def to_frame(self):
        """A pandas DataFrame with one "(a, b)" payoff pair per cell.

        Examples
        --------
        >>> import deterrence as dt
        >>> dt.games.prisoners_dilemma().to_frame()  # doctest: +NORMALIZE_WHITESPACE
        Column      cooperate      defect
        Row
        cooperate  (3.0, 3.0)  (0.0, 5.0)
        defect     (5.0, 0.0)  (1.0, 1.0)
        """
        import pandas as pd

        cells = [
            [(float(a), float(b)) for a, b in zip(ra, rb, strict=True)]
            for ra, rb in zip(self._A, self._B, strict=True)
        ]
        df = pd.DataFrame(cells, index=list(self._strategies[0]), columns=list(self._strategies[1]))
        df.index.name = self._players[0]
        df.columns.name = self._players[1]
        return df

    def to_latex(self, *, digits: int = 3) -> str:
        r"""A LaTeX ``tabular`` of the payoff table, both payoffs per cell.

        Examples
        --------
        >>> import deterrence as dt
        >>> print(dt.games.prisoners_dilemma().to_latex().splitlines()[0])
        \begin{tabular}{l|cc}
        """

        def esc(s):
            for a, b in (
                ("\\", r"\textbackslash{}"),
                ("&", r"\&"),
                ("%", r"\%"),
                ("_", r"\_"),
                ("#", r"\#"),
                ("$", r"\$"),
            ):
                s = s.replace(a, b)
            return s

        def num(v):
            return f"{v:.{digits}g}"

        rows, cols = self._strategies
        lines = [
            r"\begin{tabular}{l|" + "c" * len(cols) + "}",
            esc(self._players[0])
            + r" $\backslash$ "
            + esc(self._players[1])
            + " & "
            + " & ".join(esc(c) for c in cols)
            + r" \\",
            r"\hline",
        ]
        for i, r in enumerate(rows):
            cells = [f"${num(self._A[i, j])},\\ {num(self._B[i, j])}$" for j in range(len(cols))]
            lines.append(esc(r) + " & " + " & ".join(cells) + r" \\")
        lines.append(r"\end{tabular}")
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        return (
            "$$"
            + self.to_latex()
            .replace(r"\begin{tabular}", r"\begin{array}")
            .replace(r"\end{tabular}", r"\end{array}")
            .replace(r"\hline", r"\hline ")
            + "$$"
        )

    def _repr_html_(self) -> str:
        rows, cols = self._strategies
        row_br, col_br = self.best_responses()
        e = html.escape
        title = e(self._name) if self._name else "Game"
        out = [
            '<table class="deterrence-game" style="border-collapse:collapse;font-family:sans-serif">',
            f'<caption style="font-weight:bold;text-align:left">{title} '
            f'<span style="font-weight:normal;color:#555">({self.shape[0]}&times;{self.shape[1]}; '
            f"cell = {e(self._players[0])}, {e(self._players[1])}; underlined = best reply)</span>"
            "</caption>",
            f'<tr><th style="padding:4px 8px">{e(self._players[0])} \\ {e(self._players[1])}</th>'
            + "".join(f'<th style="padding:4px 8px">{e(c)}</th>' for c in cols)
            + "</tr>",
        ]
        for i, r in enumerate(rows):
            tds = []
            for j in range(len(cols)):
                a = f"{self._A[i, j]:.4g}"
                b = f"{self._B[i, j]:.4g}"
                a = f"<u><b>{a}</b></u>" if row_br[i, j] else a
                b = f"<u><b>{b}</b></u>" if col_br[i, j] else b
                both = row_br[i, j] and col_br[i, j]
                bg = "background:#e8f1fa;" if both else ""
                tds.append(
                    f'<td style="padding:4px 8px;border:1px solid #ccc;{bg}text-align:center">'
                    f"{a}, {b}</td>"
                )
            out.append(
                f'<tr><th style="padding:4px 8px;text-align:left">{e(r)}</th>{"".join(tds)}</tr>'
            )
        out.append("</table>")
        return "".join(out)

    def __repr__(self) -> str:
        name = f" {self._name!r}" if self._name else ""
        return (
            f"<Game{name} {self.shape[0]}x{self.shape[1]}: {self._players[0]} "
            f"{list(self._strategies[0])} vs {self._players[1]} {list(self._strategies[1])}>"
        )
