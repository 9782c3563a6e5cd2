"""Backward induction for a stack of game trees of one shape at once (sweeps, phase diagrams,
joint uncertainty draws).

:func:`spe_many` takes one :class:`~deterrence.tree.GameTree` as the *shape* (nodes, players,
moves, information sets) and N sets of terminal payoffs and chance probabilities, and runs the
rule of :func:`deterrence.solve.backward_induction.spe` on all N trees in one pass from the
leaves up, each step a numpy operation over the N trees. The results agree with ``spe`` on each
tree exactly — same arithmetic in the same order, same tie tolerance (``tol`` × each tree's own
payoff spread) — and ties are reported per tree and per node, never broken silently.

Shapes (N trees, T terminals in ``tree.terminals`` order, P players in ``tree.players`` order,
D decision nodes in ``result.decision_nodes`` order = preorder):

================================  ==============================================================
``payoffs``                       (N, T, P), or (T, P) shared by every tree
``chance``                        {chance node: (N, outcomes) or (outcomes,)}; nodes omitted
                                  keep the tree's probabilities
``result.plan``                   (N, D) index of the chosen action (first optimal one)
``result.n_optimal``              (N, D) how many actions are optimal; ``ties = n_optimal > 1``
``result.payoffs``                (N, P) expected payoffs of the plan
``result.terminal_probabilities`` (N, T) probability of reaching each terminal
``result.unique``                 (N,) the tree has exactly one subgame-perfect plan
================================  ==============================================================

Reference: Osborne & Rubinstein (1994), *A Course in Game Theory*, Prop. 99.2 (Kuhn).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidGameError, ParameterError, ProbabilityError, close_match_hint
from ..tree import PROB_SUM_TOL, Chance, Decision, GameTree, Terminal
from .backward_induction import SubgamePerfect, _tol, require_perfect_information, spe

__all__ = ["spe_many", "BatchSubgamePerfect", "stack_trees"]


@dataclass(frozen=True, eq=False)
class BatchSubgamePerfect:
    """Backward induction on N trees of one shape (:func:`spe_many`).

    Attributes
    ----------
    tree : GameTree
        The shape (its own payoffs and probabilities are not used unless given as defaults).
    payoffs_in : ndarray (N, T, P)
        The terminal payoffs solved.
    chance_in : Mapping[str, ndarray (N, outcomes)]
        The chance probabilities solved, every chance node.
    decision_nodes : tuple of str
        Decision nodes in preorder: the columns of `plan`, `n_optimal`, `on_path`.
    plan : ndarray (N, D) of int
        Index (in the node's declared actions) of the chosen action; at a tie the first
        optimal one, as :func:`~deterrence.solve.backward_induction.spe` chooses.
    n_optimal : ndarray (N, D) of int
        Number of optimal actions at each decision node (within the tolerance).
    payoffs : ndarray (N, P)
        Expected payoffs of the plan.
    terminal_probabilities : ndarray (N, T)
        Probability of reaching each terminal under the plan.
    on_path : ndarray (N, D) of bool
        Decision nodes reached with positive probability.
    tol : ndarray (N,)
        Absolute tie tolerance of each tree (``rel_tol`` × max(1, its payoff spread)).
    rel_tol : float
        The relative tolerance given to :func:`spe_many`.
    """

    tree: GameTree
    payoffs_in: np.ndarray
    chance_in: Mapping[str, np.ndarray]
    decision_nodes: tuple[str, ...]
    plan: np.ndarray
    n_optimal: np.ndarray
    payoffs: np.ndarray
    terminal_probabilities: np.ndarray
    on_path: np.ndarray
    tol: np.ndarray
    rel_tol: float = 1e-9
    method: str = "backward induction (vectorised over trees)"

    def __len__(self):
        return self.plan.shape[0]

    @property
    def ties(self) -> np.ndarray:
        """(N, D) bool: decision nodes with several optimal actions."""
        return self.n_optimal > 1

    @property
    def unique(self) -> np.ndarray:
        """(N,) bool: no tie anywhere, on or off the path (exactly one SPE plan)."""
        return ~self.ties.any(axis=1)

    def actions(self, i: int) -> dict[str, str]:
        """The plan of tree `i` as {decision node: action}."""
        nodes = self.tree.nodes
        return {
            n: nodes[n].actions[int(a)]
            for n, a in zip(self.decision_nodes, self.plan[i], strict=True)
        }

    def codes(self, by: str = "path") -> tuple[np.ndarray, list[dict[str, str]]]:
        """Integer labels of the trees by equilibrium, for phase diagrams and tallies.

        Parameters
        ----------
        by : {"path", "plan", "outcome"}
            ``"path"``: the actions taken at the decision nodes the plan reaches (what
            happens); ``"plan"``: the whole plan, off-path moves included; ``"outcome"``: the
            set of terminals reached.

        Returns
        -------
        codes : ndarray (N,) of int
        keys : list of dict
            For each code, the {node: action} (``path``/``plan``) or {terminal: "reached"}
            (``outcome``) it stands for, in order of first appearance.
        """
        if by == "outcome":
            key = self.terminal_probabilities > 0
            names = self.tree.terminals
        elif by in ("path", "plan"):
            key = self.plan if by == "plan" else np.where(self.on_path, self.plan, -1)
            names = self.decision_nodes
        else:
            raise ParameterError(
                f"by must be 'path', 'plan' or 'outcome'; got {by!r}."
                + close_match_hint(str(by), ("path", "plan", "outcome"))
            )
        if len(self) == 0:
            return np.zeros(0, dtype=np.intp), []
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")  # codes in order of first appearance
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        codes = rank[inverse.reshape(-1)]
        nodes = self.tree.nodes
        keys = []
        for j in first[order]:
            row = key[j]
            if by == "outcome":
                keys.append({t: "reached" for t, r in zip(names, row, strict=True) if r})
            else:
                keys.append(
                    {n: nodes[n].actions[int(a)] for n, a in zip(names, row, strict=True) if a >= 0}
                )
        return codes, keys

    def tree_at(self, i: int) -> GameTree:
        """Tree `i` of the stack, as a validated :class:`~deterrence.tree.GameTree`."""
        return _rebuild(self.tree, self.payoffs_in[i], {k: v[i] for k, v in self.chance_in.items()})

    def __getitem__(self, i) -> SubgamePerfect:
        """The full backward-induction result (every SPE plan) of tree `i`."""
        i = range(len(self))[i]  # IndexError beyond the stack, negative indices count back
        return spe(self.tree_at(i), tol=self.rel_tol)

    def to_frame(self):
        """One row per tree: each player's payoff, the number of tied nodes, and the action
        at every decision node (columns named after the nodes)."""
        import pandas as pd

        nodes = self.tree.nodes
        data = {f"payoff {p}": self.payoffs[:, k] for k, p in enumerate(self.tree.players)}
        data["unique"] = self.unique
        data["tied nodes"] = self.ties.sum(axis=1)
        for d, n in enumerate(self.decision_nodes):
            data[n] = np.asarray(nodes[n].actions, dtype=object)[self.plan[:, d]]
        return pd.DataFrame(data)

    def __repr__(self):
        n = len(self)
        return (
            f"<BatchSubgamePerfect of {self.tree.name or 'tree'}: {n} tree(s), "
            f"{int(self.unique.sum())} with a unique SPE, {n - int(self.unique.sum())} with ties>"
        )


def _rebuild(tree: GameTree, payoffs: np.ndarray, chance: Mapping[str, np.ndarray]) -> GameTree:
    t_index = {t: k for k, t in enumerate(tree.terminals)}
    nodes = []
    for node in tree.node_list:
        if isinstance(node, Terminal):
            node = Terminal(node.name, tuple(float(v) for v in payoffs[t_index[node.name]]))
        elif isinstance(node, Chance) and node.name in chance:
            node = Chance(
                node.name,
                node.outcomes,
                tuple(float(p) for p in chance[node.name]),
                node.children,
            )
        nodes.append(node)
    return tree.replace(nodes=nodes)


def stack_trees(trees) -> tuple[GameTree, np.ndarray, dict[str, np.ndarray]]:
    """(shape, payoffs (N, T, P), chance {node: (N, outcomes)}) of trees that share a shape —
    the same nodes, moves and players, differing only in payoffs and chance probabilities.

    Examples
    --------
    >>> import deterrence as dt
    >>> def tree(x):
    ...     b = dt.GameTree.builder(("A",)).decision("r", "A", {"x": "X", "y": "Y"})
    ...     return b.terminal("X", (x,)).terminal("Y", (0,)).build()
    >>> shape, payoffs, chance = stack_trees([tree(1), tree(-1)])
    >>> payoffs[:, :, 0].tolist(), chance
    ([[1.0, 0.0], [-1.0, 0.0]], {})
    """
    trees = list(trees)
    if not trees or not all(isinstance(t, GameTree) for t in trees):
        raise InvalidGameError("stack_trees takes a non-empty sequence of GameTree objects.")
    shape = trees[0]
    sig = _signature(shape)
    for k, t in enumerate(trees[1:], start=1):
        if _signature(t) != sig:
            raise InvalidGameError(
                f"tree {k} does not have the shape of tree 0 (nodes, moves, players, root); "
                "stack only trees built by the same builder with the same structure."
            )
    payoffs = np.array([[t.nodes[n].payoffs for n in shape.terminals] for t in trees], dtype=float)
    chance = {
        n: np.array([t.nodes[n].probabilities for t in trees], dtype=float)
        for n in shape.preorder
        if isinstance(shape.nodes[n], Chance)
    }
    return shape, payoffs, chance


def _signature(t: GameTree):
    out = [t.players, t.root]
    for node in t.node_list:
        if isinstance(node, Terminal):
            out.append(("T", node.name))
        elif isinstance(node, Chance):
            out.append(("C", node.name, node.outcomes, node.children))
        else:
            out.append(("D", node.name, node.player, node.actions, node.children, node.infoset))
    return tuple(out)


def _payoff_stack(tree: GameTree, payoffs) -> np.ndarray:
    T, P = len(tree.terminals), len(tree.players)
    if payoffs is None:
        return np.array([[tree.nodes[t].payoffs for t in tree.terminals]], dtype=float)
    if isinstance(payoffs, bool) or isinstance(payoffs, str | bytes | Mapping):
        raise InvalidGameError(
            f"payoffs must be an array of shape (N, {T}, {P}) (trees, terminals in "
            f"tree.terminals order, players); got {type(payoffs).__name__}."
        )
    try:
        arr = np.asarray(payoffs, dtype=float)
    except (TypeError, ValueError):
        raise InvalidGameError(
            f"payoffs must be a numeric array of shape (N, {T}, {P}); got {payoffs!r:.80}."
        ) from None
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3 or arr.shape[1:] != (T, P):
        raise InvalidGameError(
            f"payoffs has shape {np.shape(payoffs)}; the tree needs (N, {T}, {P}): N trees, its "
            f"{T} terminals in tree.terminals order, its {P} players {list(tree.players)}."
        )
    if not np.isfinite(arr).all():
        i, t, p = np.argwhere(~np.isfinite(arr))[0]
        raise InvalidGameError(
            f"payoffs[{i}, {t}, {p}] (tree {i}, terminal {tree.terminals[t]!r}, player "
            f"{tree.players[p]!r}) is {arr[i, t, p]}; payoffs must be finite."
        )
    return arr


def _chance_stack(tree: GameTree, chance, n: int | None) -> tuple[dict[str, np.ndarray], int]:
    nodes = tree.nodes
    chance_nodes = [m for m in tree.preorder if isinstance(nodes[m], Chance)]
    given = {} if chance is None else chance
    if not isinstance(given, Mapping):
        raise ProbabilityError(
            "chance must be a mapping {chance node: probabilities of shape (N, outcomes)}; got "
            f"{type(chance).__name__}."
        )
    for name in given:
        if name not in chance_nodes:
            raise ParameterError(
                f"chance names {name!r}, which is not a chance node; chance nodes are "
                f"{chance_nodes}." + close_match_hint(str(name), chance_nodes)
            )
    arrays = {}
    for m in chance_nodes:
        node = nodes[m]
        k = len(node.outcomes)
        if m in given:
            try:
                a = np.asarray(given[m], dtype=float)
            except (TypeError, ValueError):
                raise ProbabilityError(
                    f"chance[{m!r}] must be a numeric array of shape (N, {k}); got "
                    f"{given[m]!r:.80}."
                ) from None
            if a.ndim == 1:
                a = a[None]
            if a.ndim != 2 or a.shape[1] != k:
                raise ProbabilityError(
                    f"chance[{m!r}] has shape {np.shape(given[m])}; it needs (N, {k}): one "
                    f"probability per outcome {list(node.outcomes)}."
                )
            bad = ~((a >= 0) & (a <= 1)).all(axis=1)  # also catches nan
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ProbabilityError(
                    f"chance[{m!r}][{i}] = {a[i].tolist()}: probabilities must lie in [0, 1]."
                )
            sums = np.abs(a.sum(axis=1) - 1.0) > PROB_SUM_TOL
            if sums.any():
                i = int(np.flatnonzero(sums)[0])
                raise ProbabilityError(
                    f"chance[{m!r}][{i}] sums to {math.fsum(a[i]):.12g}, not 1 (tolerance "
                    f"{PROB_SUM_TOL:g}); rescale it."
                )
        else:
            a = np.asarray(node.probabilities, dtype=float)[None]
        if a.shape[0] != 1:
            if n is not None and n != 1 and a.shape[0] != n:
                raise ParameterError(
                    f"chance[{m!r}] has {a.shape[0]} rows but the stack has {n} trees; give one "
                    "row per tree (or one row shared by all)."
                )
            n = a.shape[0] if n in (None, 1) else n
        arrays[m] = a
    return arrays, 1 if n is None else n


def spe_many(tree: GameTree, payoffs=None, chance=None, *, tol: float = 1e-9):
    """Subgame-perfect equilibria of N trees that share `tree`'s shape, by backward induction
    vectorised over the trees.

    Parameters
    ----------
    tree : GameTree
        The shape: nodes, players, moves (perfect information). Its payoffs and chance
        probabilities are the defaults for what `payoffs` and `chance` leave out.
    payoffs : array_like (N, T, P) or (T, P), optional
        Terminal payoffs: N trees × ``tree.terminals`` × ``tree.players``.
    chance : mapping, optional
        ``{chance node: probabilities}``, each (N, outcomes) or (outcomes,); rows must lie in
        [0, 1] and sum to 1 within 1e-9.
    tol : float
        Relative tie tolerance, as in :func:`~deterrence.solve.backward_induction.spe`
        (scaled by each tree's max(1, payoff spread)).

    Returns
    -------
    BatchSubgamePerfect
        Plans, tie counts, payoffs and reach probabilities as arrays; ``result[i]`` is the full
        :class:`~deterrence.solve.backward_induction.SubgamePerfect` of tree i (every plan).

    Raises
    ------
    InvalidGameError
        Imperfect information; payoffs of the wrong shape or not finite.
    ProbabilityError
        Chance probabilities outside [0, 1], not summing to 1, or of the wrong shape.

    Examples
    --------
    The Generic Deterrence Game (Zagare & Kilgour 2000, ch. 3) with the Defender's payoff of
    conflict DD swept over -1.5, -1, -0.5: a Defender who prefers conceding (DC = -1) is
    challenged; at -1 it is indifferent (a tie, two SPE plans); above, its threat is credible
    and the status quo holds.

    >>> import numpy as np, deterrence as dt
    >>> tree = (dt.GameTree.builder(("Challenger", "Defender"))
    ...         .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
    ...         .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
    ...         .terminal("SQ", (0, 1)).terminal("DC", (1, -1)).terminal("DD", (-1, -0.5))
    ...         .build())
    >>> pay = np.repeat([[[0, 1], [1, -1], [-1, -0.5]]], 3, axis=0).astype(float)
    >>> pay[:, 2, 1] = [-1.5, -1.0, -0.5]
    >>> res = dt.spe_many(tree, pay)
    >>> res.plan.tolist(), res.unique.tolist()
    ([[1, 0], [1, 0], [0, 1]], [True, False, True])
    >>> res.payoffs[:, 0].tolist(), [dict(p) for p in res[1].plans]
    ([1.0, 1.0, 0.0], [{'start': 'demand', 'challenged': 'concede'}, {'start': 'cooperate', 'challenged': 'deny'}])
    """
    require_perfect_information(tree, "spe_many")
    rel = _tol(tol)
    pay = _payoff_stack(tree, payoffs)
    n_pay = pay.shape[0] if payoffs is not None and np.ndim(payoffs) == 3 else None
    probs, N = _chance_stack(tree, chance, n_pay)
    if pay.shape[0] == 1 and N > 1:
        pay = np.broadcast_to(pay, (N,) + pay.shape[1:])
    if pay.shape[0] != N:
        raise ParameterError(
            f"payoffs stack {pay.shape[0]} trees but chance probabilities {N}; give the same N."
        )
    probs = {m: np.broadcast_to(a, (N, a.shape[1])) for m, a in probs.items()}
    flat = pay.reshape(N, -1)
    spread = flat.max(axis=1) - flat.min(axis=1) if flat.shape[1] else np.zeros(N)
    eps = rel * np.maximum(1.0, spread)

    nodes, pre = tree.nodes, tree.preorder
    pidx = {p: i for i, p in enumerate(tree.players)}
    t_index = {t: k for k, t in enumerate(tree.terminals)}
    dec = tuple(n for n in pre if isinstance(nodes[n], Decision))
    d_index = {n: k for k, n in enumerate(dec)}
    plan = np.zeros((N, len(dec)), dtype=np.intp)
    n_opt = np.ones((N, len(dec)), dtype=np.intp)
    rows = np.arange(N)
    vals: dict[str, np.ndarray] = {}
    for n in reversed(pre):
        node = nodes[n]
        if isinstance(node, Terminal):
            vals[n] = pay[:, t_index[n], :]
        elif isinstance(node, Chance):
            p = probs[n]
            # the same sum, in the same order, as spe(): ((p0 v0) + p1 v1) + ...
            acc = p[:, 0, None] * vals.pop(node.children[0])
            for k, c in enumerate(node.children[1:], start=1):
                acc = acc + p[:, k, None] * vals.pop(c)
            vals[n] = acc
        else:
            i = pidx[node.player]
            kids = np.stack([vals.pop(c) for c in node.children])  # (k, N, P)
            cv = kids[:, :, i].T  # (N, k)
            best = cv.max(axis=1)
            tied = cv >= (best - eps)[:, None]
            first = tied.argmax(axis=1)
            d = d_index[n]
            plan[:, d] = first
            n_opt[:, d] = tied.sum(axis=1)
            vals[n] = kids[first, rows]
    # reach probabilities, top down
    reach = {tree.root: np.ones(N)}
    for n in pre:
        node = nodes[n]
        if isinstance(node, Terminal):
            continue
        r = reach.pop(n) if not isinstance(node, Decision) else reach[n]
        if isinstance(node, Chance):
            for k, c in enumerate(node.children):
                reach[c] = r * probs[n][:, k]
        else:
            chosen = plan[:, d_index[n]]
            for k, c in enumerate(node.children):
                reach[c] = np.where(chosen == k, r, 0.0)
    on_path = np.stack([reach[n] > 0 for n in dec], axis=1) if dec else np.zeros((N, 0), bool)
    term = (
        np.stack([reach[t] for t in tree.terminals], axis=1) if tree.terminals else np.zeros((N, 0))
    )
    return BatchSubgamePerfect(
        tree=tree,
        payoffs_in=pay,
        chance_in={m: probs[m] for m in probs},
        decision_nodes=dec,
        plan=plan,
        n_optimal=n_opt,
        payoffs=vals[tree.root],
        terminal_probabilities=term,
        on_path=on_path,
        tol=eps,
        rel_tol=rel,
    )
