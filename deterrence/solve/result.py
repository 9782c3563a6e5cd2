"""Result objects of the solvers: `Equilibrium`, `Equilibria`, `BatchEquilibria`.

Each carries its provenance (method, tolerance, worst regret, degeneracy, warnings), the
strategy labels, and the structure of the equilibrium set: connected components and maximal
Nash subsets (bipartite cliques of extreme equilibria; Audet, Hansen, Jaumard & Savard 2001,
*Journal of Economic Theory* 100; the same as ``gambit-enummixed -c``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

__all__ = ["Equilibrium", "Equilibria", "BatchEquilibria", "maximal_nash_subsets"]


def _readonly(a) -> np.ndarray:
    a = np.array(a, dtype=object if _is_exact(a) else float)
    a.setflags(write=False)
    return a


def _is_exact(a) -> bool:
    """True for a sequence of Fractions (exact probabilities from ``solve(..., exact=True)``)."""
    return len(a) > 0 and all(isinstance(v, Fraction) for v in np.asarray(a, dtype=object))


def _num(v, digits: int = 4) -> str:
    return str(v) if isinstance(v, Fraction) else f"{v:.{digits}g}"


def _fmt_mixed(p: np.ndarray, labels: Sequence[str], digits: int = 4) -> str:
    # display only: weights below 1e-9 are round-off a hair off a degenerate game
    parts = [
        f"{lab}" if abs(v - 1) < 1e-9 else f"{_num(v, digits)} {lab}"
        for v, lab in zip(p, labels, strict=True)
        if v > 1e-9
    ]
    return " + ".join(parts)


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One extreme Nash equilibrium (x, y).

    Attributes
    ----------
    row, col : ndarray
        Mixed strategies of the row and column player (read-only, sum to 1); arrays of
        :class:`fractions.Fraction` (dtype object) from ``solve(..., exact=True)``.
    payoffs : tuple of float
        Expected payoffs (row player, column player); Fractions when exact.
    row_labels, col_labels : tuple of str
        Strategy labels, in the order of `row` and `col`.
    regret : float
        Worst gain from deviating, as a fraction of the deviator's payoff spread.
    """

    row: np.ndarray
    col: np.ndarray
    payoffs: tuple[float, float]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    regret: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "row", _readonly(self.row))
        object.__setattr__(self, "col", _readonly(self.col))

    @property
    def is_pure(self) -> bool:
        """True when both players play a single strategy with probability 1."""
        return bool((np.abs(self.row - 1) < 1e-9).any() and (np.abs(self.col - 1) < 1e-9).any())

    @property
    def support(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Labels of the strategies played with positive probability."""
        return (
            tuple(s for s, p in zip(self.row_labels, self.row, strict=True) if p > 1e-12),
            tuple(s for s, p in zip(self.col_labels, self.col, strict=True) if p > 1e-12),
        )

    def describe(self) -> str:
        """A one-line description, e.g. ``'swerve / straight'`` or ``'0.9 swerve + 0.1 straight / …'``."""
        return f"{_fmt_mixed(self.row, self.row_labels)} / {_fmt_mixed(self.col, self.col_labels)}"

    @property
    def exact(self) -> bool:
        """True when the probabilities are exact Fractions."""
        return self.row.dtype == object

    def __eq__(self, other):
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return np.allclose(self.row.astype(float), other.row.astype(float), atol=1e-9) and (
            np.allclose(self.col.astype(float), other.col.astype(float), atol=1e-9)
        )

    __hash__ = None

    def _repr_html_(self) -> str:
        kind = "pure" if self.is_pure else "mixed"
        return (
            f"<div><b>{kind} equilibrium</b>: {html.escape(self.describe())}; payoffs "
            f"{_fmt_payoffs(self.payoffs)}; regret {self.regret:.1e}</div>"
        )

    def __repr__(self):
        kind = "pure" if self.is_pure else "mixed"
        return f"<Equilibrium ({kind}) {self.describe()}; payoffs {_fmt_payoffs(self.payoffs)}>"


def _fmt_payoffs(p) -> str:
    return f"({_num(p[0])}, {_num(p[1])})"


def maximal_nash_subsets(
    xid: Sequence[int], yid: Sequence[int]
) -> list[tuple[list[int], list[int]]]:
    """Maximal bicliques of the bipartite graph of extreme equilibria.

    Vertices are the distinct x- and y-vertices (`xid`, `yid`: one pair per extreme
    equilibrium). Every product of convex hulls X × Y of a biclique is a set of equilibria
    (Winkels 1979; Audet et al. 2001). Returns ``[(xs, ys), ...]``: sorted lists of vertex ids.

    The maximal bicliques are exactly the nonempty intersections Y of neighbourhoods N(x),
    each paired with X = {x : Y ⊆ N(x)}.

    Examples
    --------
    >>> maximal_nash_subsets([0, 0, 1], [0, 1, 1])
    [([0], [0, 1]), ([0, 1], [1])]
    """
    nbr: dict[int, int] = {}
    for a, b in zip(xid, yid, strict=True):
        nbr[int(a)] = nbr.get(int(a), 0) | (1 << int(b))
    closed = set(nbr.values())
    frontier = set(closed)
    while frontier:
        new = set()
        for s in frontier:
            for t in nbr.values():
                u = s & t
                if u and u not in closed:
                    new.add(u)
        closed |= new
        frontier = new
    out = []
    for Y in closed:
        X = sorted(a for a, nb in nbr.items() if Y & ~nb == 0)
        ys = [b for b in range(Y.bit_length()) if Y >> b & 1]
        out.append((X, ys))
    return sorted(out)


@dataclass(frozen=True, eq=False)
class Equilibria(Sequence):
    """Nash equilibria of a game, verified: every extreme one, or some when `complete` is False.

    A sequence of :class:`Equilibrium`. Use ``len(eqs)``, ``eqs[0].row``, ``eqs.components``,
    ``eqs.to_frame()``. :attr:`coverage` says in words how much of the equilibrium set is
    listed ("all 3 extreme equilibria", "some equilibria (Lemke–Howson from 120 labels)").

    Attributes
    ----------
    game : Game
    method : str
        The algorithm that produced the equilibria.
    tol : float
        Verification tolerance (fraction of a player's payoff spread).
    max_regret : float
        The worst regret among the returned profiles.
    degenerate : bool
        True when the game is degenerate (then the equilibrium set may contain continua).
    warnings : tuple of str
    complete : bool
        True when every extreme equilibrium is listed (vertex enumeration, or a method that
        proves the equilibrium unique); False for Lemke–Howson and for linear programming on a
        zero-sum game whose optimal strategies are not unique.
    """

    game: object
    equilibria: tuple[Equilibrium, ...]
    xid: tuple[int, ...]
    yid: tuple[int, ...]
    method: str
    tol: float
    max_regret: float
    degenerate: bool
    warnings: tuple[str, ...] = field(default=())
    complete: bool = True

    @property
    def coverage(self) -> str:
        """How much of the equilibrium set is listed, in words.

        Examples
        --------
        >>> import deterrence as dt
        >>> dt.solve(dt.games.chicken()).coverage
        'all 3 extreme equilibria'
        """
        if self.complete:
            k = len(self)
            return f"all {k} extreme equilibri{'um' if k == 1 else 'a'}"
        return f"some equilibria ({self.method})"

    def __len__(self):
        return len(self.equilibria)

    def __getitem__(self, i):
        return self.equilibria[i]

    @property
    def components(self) -> list[list[Equilibrium]]:
        """Connected components of the equilibrium set, as lists of extreme equilibria.

        Two extreme equilibria are in one component when a chain of maximal Nash subsets joins
        them; equivalently, when they are linked by shared strategies (x- or y-vertices).
        """
        parent = list(range(len(self)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_x: dict[int, int] = {}
        first_y: dict[int, int] = {}
        for k, (a, b) in enumerate(zip(self.xid, self.yid, strict=True)):
            for d, v in ((first_x, a), (first_y, b)):
                if v in d:
                    parent[find(k)] = find(d[v])
                else:
                    d[v] = k
        groups: dict[int, list[Equilibrium]] = {}
        for k in range(len(self)):
            groups.setdefault(find(k), []).append(self.equilibria[k])
        return list(groups.values())

    @property
    def maximal_nash_subsets(self) -> list[tuple[list[np.ndarray], list[np.ndarray]]]:
        """Maximal Nash subsets ``(row vertices, column vertices)``: every pair of strategies
        drawn from the convex hulls of the two lists is an equilibrium."""
        xs = {a: e.row for a, e in zip(self.xid, self.equilibria, strict=True)}
        ys = {b: e.col for b, e in zip(self.yid, self.equilibria, strict=True)}
        return [
            ([xs[a] for a in X], [ys[b] for b in Y])
            for X, Y in maximal_nash_subsets(self.xid, self.yid)
        ]

    @property
    def pure(self) -> list[Equilibrium]:
        """The pure-strategy equilibria."""
        return [e for e in self.equilibria if e.is_pure]

    @property
    def credible(self) -> list[Equilibrium] | None:
        """The subgame-perfect equilibria, for a game that is the normal form of a tree.

        An equilibrium of the normal form is credible when the behaviour it induces at every
        decision node of ``game.tree`` is optimal for the mover there, given what follows
        (Selten 1975): every threat it rests on would be carried out. Nodes the mover's own
        earlier moves exclude (the ``*`` of a reduced strategy) take an optimal action (the
        first declared one at a tie). None when the game has no tree; raises
        InvalidGameError for a tree without perfect information.

        Examples
        --------
        >>> import deterrence as dt
        >>> eqs = dt.solve(dt.games.retaliation_game(reputation_stake=2))
        >>> len(eqs.pure), [e.describe() for e in eqs.credible]
        (2, ['calibrated / proportional|escalate'])
        """
        tree = getattr(self.game, "tree", None)
        if tree is None:
            return None
        flags = _credible_flags(tree, self.game, self.equilibria)
        return [e for e, ok in zip(self.equilibria, flags, strict=True) if ok]

    def to_frame(self):
        """A pandas DataFrame, one row per extreme equilibrium.

        Columns: ``equilibrium``, ``component``, ``kind`` (pure/mixed), ``credible`` (subgame
        perfect; only for the normal form of a tree), one probability column per strategy
        (``"<player>: <strategy>"``), the two payoffs (``"payoff <player>"``) and, when the list
        is incomplete, ``coverage`` ("some equilibria (Lemke–Howson from k labels)").
        ``df.attrs`` holds ``coverage`` and ``method`` in every case. Exact results keep their
        Fractions (object columns).
        """
        import pandas as pd

        tree = getattr(self.game, "tree", None)
        flags = None if tree is None else _credible_flags(tree, self.game, self.equilibria)

        comp_of = {}
        for c, comp in enumerate(self.components):
            for e in comp:
                comp_of[id(e)] = c
        p_row, p_col = self.game.players
        rows = []
        for k, e in enumerate(self.equilibria):
            r = {
                "equilibrium": k,
                "component": comp_of[id(e)],
                "kind": "pure" if e.is_pure else "mixed",
            }
            if flags is not None:
                r["credible"] = bool(flags[k])
            cast = (lambda v: v) if e.exact else float
            r.update({f"{p_row}: {s}": cast(v) for s, v in zip(e.row_labels, e.row, strict=True)})
            r.update({f"{p_col}: {s}": cast(v) for s, v in zip(e.col_labels, e.col, strict=True)})
            r[f"payoff {p_row}"] = e.payoffs[0]
            r[f"payoff {p_col}"] = e.payoffs[1]
            if not self.complete:
                r["coverage"] = self.coverage
            rows.append(r)
        df = pd.DataFrame(rows)
        df.attrs["coverage"] = self.coverage
        df.attrs["method"] = self.method
        return df

    def _repr_html_(self) -> str:
        e = html.escape
        g = self.game
        title = e(g.name or "Game")
        if self.complete:
            what = (
                f"<b>{e(self.coverage)}</b> of {title} in {len(self.components)} component(s); "
                f"method {e(self.method)}"
            )
        else:
            what = f"<b>{e(self.coverage)}</b> of {title}: {len(self)} found, not necessarily all"
        head = f"{what}, max regret {self.max_regret:.1e}" + (
            ", degenerate game" if self.degenerate else ""
        )
        tree = getattr(g, "tree", None)
        flags = None if tree is None else _credible_flags(tree, g, self.equilibria)
        cells = [
            f"<tr><th>#</th><th>comp.</th><th>{e(g.players[0])}</th><th>{e(g.players[1])}</th>"
            f"<th>payoffs</th>" + ("<th>credible</th>" if flags is not None else "") + "</tr>"
        ]
        if flags is not None:
            head += "; <b>credible</b> = subgame perfect in the tree (bold rows)"
        comp_of = {id(x): c for c, comp in enumerate(self.components) for x in comp}
        for k, q in enumerate(self.equilibria):
            bold = flags is not None and flags[k]
            style = ' style="font-weight:bold"' if bold else ""
            cells.append(
                f"<tr{style}><td>{k}</td><td>{comp_of[id(q)]}</td>"
                f"<td>{e(_fmt_mixed(q.row, q.row_labels))}</td>"
                f"<td>{e(_fmt_mixed(q.col, q.col_labels))}</td>"
                f"<td>{_fmt_payoffs(q.payoffs)}</td>"
                + (f"<td>{'yes' if bold else 'no'}</td>" if flags is not None else "")
                + "</tr>"
            )
        warn = "".join(f'<div style="color:#a33">{e(w)}</div>' for w in self.warnings)
        return (
            f'<div class="deterrence-equilibria"><div>{head}</div>{warn}'
            '<table style="border-collapse:collapse">' + "".join(cells) + "</table></div>"
        )

    def __repr__(self):
        if self.complete:
            head = (
                f"Equilibria of {self.game.name or 'game'}: {len(self)} extreme, "
                f"{len(self.components)} component(s), method={self.method}"
            )
        else:
            head = (
                f"Equilibria of {self.game.name or 'game'}: {self.coverage}; {len(self)} found, "
                "not necessarily all"
            )
        lines = [head + (", degenerate" if self.degenerate else "")]
        lines += [
            f"  [{k}] {q.describe()}  payoffs {_fmt_payoffs(q.payoffs)}"
            for k, q in enumerate(self.equilibria)
        ]
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class BatchEquilibria:
    """Extreme equilibria of a stack of N games solved at once (:func:`deterrence.solve_many`).

    Attributes
    ----------
    A, B : ndarray (N, m, n)
    game_index : ndarray (E,)
        Which game each extreme equilibrium belongs to (sorted).
    x, y : ndarray (E, m), (E, n)
        The mixed strategies.
    count : ndarray (N,)
        Number of extreme equilibria of each game.
    degenerate : ndarray (N,) of bool
    """

    A: np.ndarray
    B: np.ndarray
    game_index: np.ndarray
    x: np.ndarray
    y: np.ndarray
    xid: np.ndarray
    yid: np.ndarray
    degenerate: np.ndarray
    max_regret: float
    tol: float
    method: str
    players: tuple[str, str] = ("Row", "Column")
    strategies: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    @property
    def count(self) -> np.ndarray:
        return np.bincount(self.game_index, minlength=self.A.shape[0])

    @property
    def payoffs(self) -> np.ndarray:
        """(E, 2) expected payoffs of each extreme equilibrium."""
        A = self.A[self.game_index]
        B = self.B[self.game_index]
        return np.stack(
            [
                np.einsum("em,emn,en->e", self.x, A, self.y),
                np.einsum("em,emn,en->e", self.x, B, self.y),
            ],
            axis=1,
        )

    def __len__(self):
        return self.A.shape[0]

    def __getitem__(self, i: int) -> Equilibria:
        from ..game import Game

        N = self.A.shape[0]
        if not -N <= i < N:
            raise IndexError(f"game index {i} out of range for {N} games")
        i %= N
        sel = np.flatnonzero(self.game_index == i)
        g = Game(self.A[i], self.B[i], players=self.players, strategies=self.strategies)
        return _build_equilibria(
            g,
            self.x[sel],
            self.y[sel],
            self.xid[sel],
            self.yid[sel],
            method=self.method,
            tol=self.tol,
            degenerate=bool(self.degenerate[i]),
        )

    def to_frame(self):
        """One row per (game, extreme equilibrium): ``game``, ``kind``, probabilities, payoffs."""
        import pandas as pd

        m, n = self.A.shape[1:]
        rows, cols = self.strategies or (
            tuple(f"r{i}" for i in range(m)),
            tuple(f"c{j}" for j in range(n)),
        )
        pr, pc = self.players
        df = pd.DataFrame({"game": self.game_index})
        pure = (np.abs(self.x - 1) < 1e-9).any(axis=1) & (np.abs(self.y - 1) < 1e-9).any(axis=1)
        df["kind"] = np.where(pure, "pure", "mixed")
        for i, s in enumerate(rows):
            df[f"{pr}: {s}"] = self.x[:, i]
        for j, s in enumerate(cols):
            df[f"{pc}: {s}"] = self.y[:, j]
        pay = self.payoffs
        df[f"payoff {pr}"] = pay[:, 0]
        df[f"payoff {pc}"] = pay[:, 1]
        return df

    def _repr_html_(self) -> str:
        c = self.count
        head = (
            f"<b>{len(self)} games</b>, {len(self.game_index)} extreme equilibria "
            f"({c.min() if len(c) else 0}–{c.max() if len(c) else 0} per game), "
            f"{int(self.degenerate.sum())} degenerate; {html.escape(self.method)}, "
            f"max regret {self.max_regret:.1e}"
        )
        return f"<div>{head}</div>" + self.to_frame().head(20).to_html(
            index=False, float_format=lambda v: f"{v:.4g}"
        )

    def __repr__(self):
        c = self.count
        return (
            f"<BatchEquilibria: {len(self)} games, {len(self.game_index)} extreme equilibria "
            f"(min {c.min() if len(c) else 0}, max {c.max() if len(c) else 0} per game), "
            f"{int(self.degenerate.sum())} degenerate>"
        )


def _behaviour(tree, player: str, labels: Sequence[str], mix: np.ndarray) -> dict | None:
    """Behaviour strategy at each of `player`'s information sets induced by a mixed reduced
    strategy: infoset -> action probabilities, or None where the mix excludes the set."""
    hs = tree.infosets_of(player)
    if not hs:
        return {}
    plans = []
    for lab in labels:
        parts = lab.split("|")
        if len(parts) != len(hs):
            return None  # an action label holds "|": the plan cannot be read back
        plans.append(dict(zip(hs, parts, strict=True)))
    out = {}
    for h in hs:
        actions = tree.infosets[h].actions
        w = np.zeros(len(actions))
        for plan, p in zip(plans, mix, strict=True):
            if plan[h] != "*" and p > 0:
                w[actions.index(plan[h])] += p
        total = w.sum()
        out[h] = None if total <= 1e-12 else w / total
    return out


def _credible_flags(tree, game, equilibria) -> list[bool]:
    """Subgame perfection of each equilibrium of the normal form of a perfect-information tree."""
    from ..errors import InvalidGameError
    from ..tree import Chance, Terminal

    if not tree.is_perfect_information:
        raise InvalidGameError(
            "credible (subgame-perfect) equilibria are computed for trees with perfect "
            "information; this tree has information sets with several nodes. Use dt.pbe(tree)."
        )
    pay = np.array([tree.nodes[t].payoffs for t in tree.terminals], dtype=float)
    eps = 1e-7 * max(1.0, float(np.ptp(pay)) if pay.size else 1.0)
    players = tree.players
    pidx = {p: i for i, p in enumerate(players)}
    flags = []
    for eq in equilibria:
        beh = {}
        for k, (player, mix) in enumerate(zip(players, (eq.row, eq.col), strict=True)):
            b = _behaviour(tree, player, game.strategies[k], mix)
            if b is None:
                raise InvalidGameError(
                    f"cannot read {player}'s plans back from the strategy labels (an action "
                    "label contains '|'); rename the action."
                )
            beh.update(b)
        vals: dict[str, np.ndarray] = {}
        ok = True
        for n in reversed(tree.preorder):
            node = tree.nodes[n]
            if isinstance(node, Terminal):
                vals[n] = np.asarray(node.payoffs, dtype=float)
                continue
            child = np.array([vals[c] for c in node.children])
            if isinstance(node, Chance):
                vals[n] = np.asarray(node.probabilities) @ child
                continue
            mine = child[:, pidx[node.player]]
            best = mine.max()
            probs = beh.get(node.infoset_label)
            if probs is None:  # excluded by the mover's own earlier move: an optimal action
                probs = np.zeros(len(mine))
                probs[int(np.argmax(mine >= best - eps))] = 1.0
            elif np.any((probs > 1e-9) & (mine < best - eps)):
                ok = False
                break
            vals[n] = probs @ child
        flags.append(ok)
    return flags


def _build_equilibria(
    game, x, y, xid, yid, *, method, tol, degenerate, warnings=(), complete=True
) -> Equilibria:
    from .verify import regret

    A, B = game.A, game.B
    r = regret(A, B, x, y) if len(x) else np.zeros(0)
    eqs = tuple(
        Equilibrium(
            row=x[k],
            col=y[k],
            payoffs=(float(x[k] @ A @ y[k]), float(x[k] @ B @ y[k])),
            row_labels=game.strategies[0],
            col_labels=game.strategies[1],
            regret=float(r[k]),
        )
        for k in range(len(x))
    )
    return Equilibria(
        game=game,
        equilibria=eqs,
        xid=tuple(int(a) for a in xid),
        yid=tuple(int(b) for b in yid),
        method=method,
        tol=tol,
        max_regret=float(r.max()) if len(r) else 0.0,
        degenerate=degenerate,
        warnings=tuple(warnings),
        complete=complete,
    )
