"""The reduced normal form of a two-player game tree, as a :class:`~deterrence.game.Game`.

A player's pure strategies are her plans over her information sets, with plans that differ only
at sets her own earlier moves exclude identified (the *reduced* normal form; ``*`` marks such a
set in the labels). Payoffs are expected over chance moves. Reduced normal forms of deterrence
trees are degenerate — an unreached node's choice is free — so expect equilibrium components
from :func:`deterrence.solve`.

Reference: Fudenberg & Tirole (1991), *Game Theory*, sec. 3.5; Osborne & Rubinstein (1994), *A
Course in Game Theory*, sec. 6.1 and Def. 94.2.
"""

from __future__ import annotations

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError
from ..game import Game
from ..tree import Chance, Decision, GameTree, Terminal

__all__ = ["reduced_normal_form", "reduced_plans"]


def reduced_plans(
    tree: GameTree, player: str, *, max_strategies: int = 500
) -> list[dict[str, str]]:
    """`player`'s reduced pure strategies as plans {information set: action}, sorted by the
    index of the action at each of her sets in preorder (a set her own moves exclude first).

    Raises
    ------
    GameTooLargeError
        More than `max_strategies` reduced strategies.

    Examples
    --------
    >>> import deterrence as dt
    >>> t = (dt.GameTree.builder(("A", "B"))
    ...      .decision("r", "A", {"out": "o", "in": "b"}).decision("b", "B", {"l": "x", "r": "a2"})
    ...      .decision("a2", "A", {"u": "y", "d": "z"})
    ...      .terminal("o", (0, 0)).terminal("x", (1, 1)).terminal("y", (2, 2))
    ...      .terminal("z", (3, 3)).build())
    >>> reduced_plans(t, "A")
    [{'r': 'out'}, {'r': 'in', 'a2': 'u'}, {'r': 'in', 'a2': 'd'}]
    """
    nodes = tree.nodes
    # R[n]: the player's partial plans over the information sets in the subtree at n that
    # her own earlier choices in that subtree do not exclude (reduced strategies).
    R: dict[str, list[dict[str, str]]] = {}
    for n in reversed(tree.preorder):
        node = nodes[n]
        if isinstance(node, Terminal):
            R[n] = [{}]
            continue
        if isinstance(node, Decision) and node.player == player:
            h = tree.infoset_of(n)
            out = []
            for a, c in zip(node.actions, node.children, strict=True):
                for q in R[c]:
                    if q.get(h, a) == a:
                        out.append({**q, h: a})
        else:
            out = [{}]
            for c in node.children:
                merged = []
                for p in out:
                    for q in R[c]:
                        if all(p[k] == v for k, v in q.items() if k in p):
                            merged.append({**p, **q})
                out = merged
                if len(out) > max_strategies:
                    break
        seen, uniq = set(), []
        for p in out:
            key = frozenset(p.items())
            if key not in seen:
                seen.add(key)
                uniq.append(p)
        if len(uniq) > max_strategies:
            raise GameTooLargeError(
                f"{player} has more than {max_strategies} reduced strategies (counted at node "
                f"{n!r}); the normal form would be too large. Raise max_strategies or solve "
                "the tree by backward induction (dt.spe(tree)) or dt.pbe(tree)."
            )
        R[n] = uniq
    hs = tree.infosets_of(player)
    infosets = tree.infosets

    def key(p):
        return tuple((infosets[h].actions.index(p[h]) if h in p else -1) for h in hs)

    return [{h: p[h] for h in hs if h in p} for p in sorted(R[tree.root], key=key)]


def reduced_normal_form(tree: GameTree, *, max_strategies: int = 500) -> Game:
    """The reduced normal form of a two-player tree, as a :class:`~deterrence.game.Game`.

    Strategy labels list a player's actions at her information sets in preorder, joined by
    ``|``; ``*`` marks a set her own moves exclude (so "SQ then anything" is one strategy).

    Parameters
    ----------
    tree : GameTree
    max_strategies : int
        GameTooLargeError when a player has more reduced strategies than this.

    Raises
    ------
    InvalidGameError
        The tree does not have exactly two players.
    GameTooLargeError

    Examples
    --------
    Challenger moves, the Defender resists or not, then the Challenger backs down or
    fights: the Challenger's plans "SQ then anything" collapse into one strategy, ``SQ|*``.

    >>> import deterrence as dt
    >>> t = (dt.GameTree.builder(("Challenger", "Defender"))
    ...      .decision("start", "Challenger", {"SQ": "sq", "initiate": "initiated"})
    ...      .decision("initiated", "Defender", {"concede": "dc", "resist": "resisted"})
    ...      .decision("resisted", "Challenger", {"back down": "bd", "fight": "war"})
    ...      .terminal("sq", (0, 1)).terminal("dc", (1, -1))
    ...      .terminal("bd", (-1, 0.5)).terminal("war", (-2, -2)).build())
    >>> g = dt.reduced_normal_form(t)
    >>> g.strategies
    (('SQ|*', 'initiate|back down', 'initiate|fight'), ('concede', 'resist'))
    >>> g.A.tolist()
    [[0.0, 0.0], [1.0, -1.0], [1.0, -2.0]]
    """
    if not isinstance(tree, GameTree):
        raise InvalidGameError(f"reduced_normal_form takes a GameTree; got {type(tree).__name__}.")
    players = tree.players
    if len(players) != 2:
        raise InvalidGameError(
            f"the reduced normal form is a bimatrix game and needs exactly two players; this "
            f"tree has {len(players)}: {list(players)}."
        )
    max_strategies = int(max_strategies)
    plans = [reduced_plans(tree, p, max_strategies=max_strategies) for p in players]
    terminals = tree.terminals
    nodes = tree.nodes
    # a plan reaches terminal t iff it picks every own action on the path to t; then
    # A = (R0 * w u0) R1^T with w the chance probability of reaching t
    w = np.ones(len(terminals))
    own: list[list[list[tuple[str, str]]]] = [[[] for _ in terminals] for _ in players]
    pidx = {p: i for i, p in enumerate(players)}
    for k, t in enumerate(terminals):
        up = tree.parent(t)
        while up is not None:
            par, lab = up
            node = nodes[par]
            if isinstance(node, Chance):
                w[k] *= node.probabilities[node.outcomes.index(lab)]
            else:
                own[pidx[node.player]][k].append((tree.infoset_of(par), lab))
            up = tree.parent(par)
    R = [
        np.array(
            [
                [all(plan.get(h) == a for h, a in own[i][k]) for k in range(len(terminals))]
                for plan in plans_i
            ],
            dtype=float,
        )
        for i, plans_i in enumerate(plans)
    ]
    U = np.array([nodes[t].payoffs for t in terminals], dtype=float)
    A = (R[0] * (w * U[:, 0])) @ R[1].T
    B = (R[0] * (w * U[:, 1])) @ R[1].T
    labels_ = tuple(
        tuple(tree.strategy_label(p, plan) for plan in plans_i)
        for p, plans_i in zip(players, plans, strict=True)
    )
    return Game(A, B, players=players, strategies=labels_, name=tree.name, tree=tree)
