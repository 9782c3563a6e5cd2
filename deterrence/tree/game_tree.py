"""`GameTree`: a validated, immutable game in extensive form, and its traversals.

Construction is linear in the number of nodes and iterative (no recursion limit): parents by
one pass over the children, cycles by one marking pass over the parent chains, preorder and
depths by an explicit stack, ancestry inside an information set by preorder intervals. See
:mod:`deterrence.tree` for what is computed from a tree, and where.
"""

from __future__ import annotations

import html
import math
import numbers
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import numpy as np

from ..errors import InvalidGameError, ParameterError, ProbabilityError, close_match_hint
from .nodes import (
    _NODE_TYPES,
    NATURE,
    NO_MOVE,
    PROB_SUM_TOL,
    Chance,
    Decision,
    InformationSet,
    Node,
    Terminal,
    TreeBuilder,
    _fmt,
    _fmt_payoffs,
    _players,
)

__all__ = ["GameTree"]

_MOVED = {
    "spe": "dt.spe(tree) (deterrence.solve.backward_induction)",
    "pbe": "dt.pbe(tree) (deterrence.solve.perfect_bayesian)",
    "to_game": "dt.reduced_normal_form(tree) (deterrence.solve.normal_form)",
    "layout": "deterrence.plot.tree.tree_layout(tree)",
    "plot": "deterrence.plot.tree.draw_tree(tree, ax=ax)",
}


# -- the tree -------------------------------------------------------------------------------------
class GameTree:
    """A finite game in extensive form: decision, chance and terminal nodes; information sets.

    Build it with :meth:`GameTree.builder` (readable in a notebook) or directly from node
    records (:class:`Decision`, :class:`Chance`, :class:`Terminal`). The tree is validated at
    construction and immutable afterwards.

    Parameters
    ----------
    players : sequence of str
        The players' names; terminal payoffs are listed in this order.
    nodes : sequence of Decision, Chance, Terminal
        Every node of the tree, each with a distinct name.
    root : str, optional
        The root's name; default the first node.
    name : str, optional
        A title for displays.

    Raises
    ------
    InvalidGameError
        Duplicate node names; a child or player that does not exist; a payoff vector of the
        wrong length or with a non-finite entry; a node with two parents; a cycle; a node not
        reachable from the root; an information set joining nodes of different players, with
        different actions, or two nodes on one path. The message names the node.
    ProbabilityError
        A chance probability outside [0, 1], or probabilities not summing to 1.

    Examples
    --------
    Zagare & Kilgour's Generic Deterrence Game (*Perfect Deterrence*, 2000, ch. 3): the
    Challenger cooperates (status quo) or demands; the Defender concedes or denies.

    >>> import deterrence as dt
    >>> tree = (
    ...     dt.GameTree.builder(("Challenger", "Defender"), name="Generic deterrence game")
    ...     .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
    ...     .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
    ...     .terminal("SQ", (0, 1))
    ...     .terminal("DC", (1, -1))
    ...     .terminal("DD", (-1, -0.5))
    ...     .build()
    ... )
    >>> print(tree.outline())
    Generic deterrence game — players: Challenger, Defender
    start: Challenger
    ├─ cooperate → SQ (0, 1)
    └─ demand → challenged: Defender
       ├─ concede → DC (1, -1)
       └─ deny → DD (-1, -0.5)

    The threat to deny is credible (-0.5 > -1) and conflict is worse for the Challenger than
    the status quo (-1 < 0), so the subgame-perfect outcome is the status quo:

    >>> spe = dt.spe(tree)
    >>> spe.outcome, dict(spe.plan), spe.payoffs
    (('SQ',), {'start': 'cooperate', 'challenged': 'deny'}, (0.0, 1.0))
    >>> dt.reduced_normal_form(tree).strategies
    (('cooperate', 'demand'), ('concede', 'deny'))
    """

    __slots__ = (
        "_players",
        "_nodes",
        "_root",
        "_name",
        "_parent",
        "_depth",
        "_preorder",
        "_infosets",
        "_node_infoset",
        "_payoff_scale",
        "_terminals",
    )

    def __init__(
        self,
        players: Sequence[str],
        nodes: Sequence[Node],
        *,
        root: str | None = None,
        name: str | None = None,
    ):
        players_ = _players(players)
        if name is not None and not isinstance(name, str):
            raise InvalidGameError(f"name must be a string; got {name!r}.")
        if isinstance(nodes, Mapping) or not isinstance(nodes, Sequence) or not nodes:
            raise InvalidGameError(
                "nodes must be a non-empty sequence of Decision, Chance and Terminal nodes; "
                f"got {nodes!r}. Build trees with GameTree.builder(players)."
            )
        by_name: dict[str, Node] = {}
        for node in nodes:
            if type(node) not in _NODE_TYPES and not isinstance(node, _NODE_TYPES):
                raise InvalidGameError(
                    f"nodes must be Decision, Chance or Terminal records; got {node!r}."
                )
            if node.name in by_name:
                raise InvalidGameError(
                    f"duplicate node name {node.name!r}: every node needs a distinct name."
                )
            by_name[node.name] = node
        if root is None:
            root = nodes[0].name
        if root not in by_name:
            raise InvalidGameError(
                f"root {root!r} is not a node of the tree." + close_match_hint(root, by_name)
            )
        n_players = len(players_)
        parent: dict[str, tuple[str, str]] = {}
        for node in by_name.values():
            if isinstance(node, Terminal):
                if len(node.payoffs) != n_players:
                    raise InvalidGameError(
                        f"terminal node {node.name!r} has {len(node.payoffs)} payoffs but the "
                        f"game has {n_players} players {list(players_)}; give one payoff per "
                        "player, in that order."
                    )
                continue
            if isinstance(node, Decision) and node.player not in players_:
                raise InvalidGameError(
                    f"decision node {node.name!r}: unknown player {node.player!r}; players are "
                    f"{list(players_)}." + close_match_hint(node.player, players_)
                )
            branches = node.actions if isinstance(node, Decision) else node.outcomes
            for label, child in zip(branches, node.children, strict=True):
                if child not in by_name:
                    raise InvalidGameError(
                        f"node {node.name!r}: {label!r} leads to {child!r}, which is not declared "
                        "(missing child node)." + close_match_hint(child, by_name)
                    )
                if child == node.name:
                    raise InvalidGameError(
                        f"node {node.name!r}: {label!r} leads back to itself (a cycle); a game "
                        "tree must not loop."
                    )
                if child in parent:
                    other, other_label = parent[child]
                    raise InvalidGameError(
                        f"node {child!r} is the child of both {other!r} ({other_label!r}) and "
                        f"{node.name!r} ({label!r}); in a tree every node has one parent. "
                        "Declare a separate node for each path (e.g. 'DD' and 'DD2')."
                    )
                parent[child] = (node.name, label)
        # Each node has at most one parent, so following parents from any node either reaches
        # a node without one or closes a loop. One pass over every chain, marking each node once
        # (1 = on the chain being walked, 2 = settled), finds every cycle in linear time.
        state: dict[str, int] = {}
        for start in by_name:
            if start in state:
                continue
            chain = []
            cur: str | None = start
            while cur is not None and cur not in state:
                state[cur] = 1
                chain.append(cur)
                cur = parent[cur][0] if cur in parent else None
            if cur is not None and state[cur] == 1:
                loop = chain[chain.index(cur) :][::-1]  # parent before child
                raise InvalidGameError(
                    "the nodes " + " -> ".join(loop + [loop[0]]) + " form a cycle; a game tree "
                    "must not loop."
                )
            for n in chain:
                state[n] = 2
        if root in parent:
            raise InvalidGameError(
                f"root {root!r} is the child of {parent[root][0]!r}; the root has no parent "
                "(pass root= to name the real root)."
            )
        preorder: list[str] = []
        depth = {root: 0}
        stack = [root]
        while stack:
            n = stack.pop()
            preorder.append(n)
            node = by_name[n]
            if not isinstance(node, Terminal):
                for c in reversed(node.children):
                    depth[c] = depth[n] + 1
                    stack.append(c)
        if len(preorder) != len(by_name):
            unreached = [n for n in by_name if n not in depth]
            raise InvalidGameError(
                f"nodes {unreached} cannot be reached from the root {root!r}; connect them or "
                "remove them."
            )
        # a node's subtree is the preorder interval [index, end): ancestry in O(1)
        index = {n: k for k, n in enumerate(preorder)}
        end: dict[str, int] = {}
        for n in reversed(preorder):
            node = by_name[n]
            end[n] = index[n] + 1 if isinstance(node, Terminal) else end[node.children[-1]]
        # information sets, in preorder of their first node
        groups: dict[str, list[str]] = {}
        for n in preorder:
            node = by_name[n]
            if isinstance(node, Decision):
                groups.setdefault(node.infoset_label, []).append(n)
        infosets: dict[str, InformationSet] = {}
        node_infoset: dict[str, str] = {}
        for lab, members in groups.items():
            first = by_name[members[0]]
            first_actions = set(first.actions)
            for m in members[1:]:
                other = by_name[m]
                if other.player != first.player:
                    raise InvalidGameError(
                        f"information set {lab!r} joins node {first.name!r} of {first.player} and "
                        f"node {other.name!r} of {other.player}; an information set belongs to "
                        "one player."
                    )
                if set(other.actions) != first_actions:
                    raise InvalidGameError(
                        f"information set {lab!r} joins node {first.name!r} (actions "
                        f"{list(first.actions)}) and node {other.name!r} (actions "
                        f"{list(other.actions)}); the mover cannot tell them apart, so they need "
                        "the same actions."
                    )
            if len(members) > 1:
                for m in members:
                    if by_name[m].infoset is None:
                        raise InvalidGameError(
                            f"information set label {lab!r} is also the name of decision node "
                            f"{m!r}, which is not in that set; rename the label or the node."
                        )
                # members come in preorder: one lies in an earlier one's subtree iff it starts
                # before the furthest subtree end seen so far (subtrees nest or are disjoint)
                reach_end, holder = -1, None
                for m in members:
                    if index[m] < reach_end:
                        raise InvalidGameError(
                            f"information set {lab!r} contains node {holder!r} and its "
                            f"descendant {m!r}; nodes on one path cannot share an "
                            "information set."
                        )
                    if end[m] > reach_end:
                        reach_end, holder = end[m], m
            infosets[lab] = InformationSet(lab, first.player, first.actions, tuple(members))
            for m in members:
                node_infoset[m] = lab
        pays = [v for node in by_name.values() if isinstance(node, Terminal) for v in node.payoffs]
        scale = max(1.0, max(pays) - min(pays)) if pays else 1.0
        set_ = object.__setattr__
        set_(self, "_players", players_)
        set_(self, "_nodes", MappingProxyType(dict(by_name)))
        set_(self, "_root", root)
        set_(self, "_name", name)
        set_(self, "_parent", MappingProxyType(parent))
        set_(self, "_depth", MappingProxyType(depth))
        set_(self, "_preorder", tuple(preorder))
        set_(self, "_infosets", MappingProxyType(infosets))
        set_(self, "_node_infoset", MappingProxyType(node_infoset))
        set_(self, "_payoff_scale", scale)
        set_(
            self,
            "_terminals",
            tuple(n for n in preorder if isinstance(by_name[n], Terminal)),
        )

    def __setattr__(self, key, value):
        raise AttributeError(
            "GameTree is immutable; use tree.with_payoffs(...) or tree.replace(...) to build a "
            "new one"
        )

    # -- construction ---------------------------------------------------------------------------
    @staticmethod
    def builder(players: Sequence[str], *, name: str | None = None) -> TreeBuilder:
        """A :class:`TreeBuilder`: declare nodes with ``.decision``, ``.chance``, ``.terminal``,
        then ``.build()``.

        Examples
        --------
        A chance node draws the Defender's type (Hard w.p. 0.3); the Defender knows it:

        >>> import deterrence as dt
        >>> tree = (
        ...     dt.GameTree.builder(("Challenger", "Defender"))
        ...     .decision("start", "Challenger", {"cooperate": "SQ", "demand": "type"})
        ...     .chance("type", {"hard": (0.3, "hard D"), "soft": (0.7, "soft D")})
        ...     .decision("hard D", "Defender", {"concede": "DC-h", "deny": "DD-h"})
        ...     .decision("soft D", "Defender", {"concede": "DC-s", "deny": "DD-s"})
        ...     .terminal("SQ", (0, 1))
        ...     .terminal("DC-h", (1, -1)).terminal("DD-h", (-1, -0.5))
        ...     .terminal("DC-s", (1, -1)).terminal("DD-s", (-1, -2))
        ...     .build()
        ... )
        >>> dt.spe(tree).payoffs       # demand: 0.3(-1) + 0.7(1) = 0.4 > 0
        (0.4, -0.85)
        """
        return TreeBuilder(players, name=name)

    def replace(self, **changes) -> GameTree:
        """A new tree with some of players, nodes, root, name changed (validated again)."""
        kw = dict(players=self._players, nodes=self.node_list, root=self._root, name=self._name)
        unknown = set(changes) - set(kw)
        if unknown:
            raise TypeError(
                f"GameTree.replace() got unknown fields {sorted(unknown)}; allowed: {sorted(kw)}"
            )
        kw.update(changes)
        return GameTree(kw.pop("players"), kw.pop("nodes"), **kw)

    def with_payoffs(self, payoffs: Mapping[str, Sequence[float]]) -> GameTree:
        """A new tree with the payoffs of the named terminal nodes replaced.

        Examples
        --------
        >>> import deterrence as dt
        >>> t = dt.GameTree.builder(("A", "B")).decision("r", "A", {"x": "X", "y": "Y"})
        >>> t = t.terminal("X", (1, 0)).terminal("Y", (0, 0)).build()
        >>> dt.spe(t.with_payoffs({"Y": (2, 0)})).outcome
        ('Y',)
        """
        for n in payoffs:
            if not isinstance(self._nodes.get(n), Terminal):
                raise InvalidGameError(
                    f"{n!r} is not a terminal node; terminal nodes are {list(self.terminals)}."
                    + close_match_hint(n, self.terminals)
                )
        nodes = [
            Terminal(node.name, tuple(payoffs[node.name])) if node.name in payoffs else node
            for node in self._nodes.values()
        ]
        return self.replace(nodes=nodes)

    # -- read-only attributes -------------------------------------------------------------------
    @property
    def players(self) -> tuple[str, ...]:
        return self._players

    @property
    def name(self) -> str | None:
        return self._name

    @property
    def root(self) -> str:
        """The root node's name."""
        return self._root

    @property
    def nodes(self) -> Mapping[str, Node]:
        """Read-only mapping node name -> node record, in declaration order."""
        return self._nodes

    @property
    def node_list(self) -> tuple[Node, ...]:
        """The node records in declaration order (what ``GameTree(players, nodes)`` takes)."""
        return tuple(self._nodes.values())

    @property
    def preorder(self) -> tuple[str, ...]:
        """Node names in depth-first order from the root, children in declared order."""
        return self._preorder

    @property
    def terminals(self) -> tuple[str, ...]:
        """Terminal node names, left to right (preorder)."""
        return self._terminals

    @property
    def infosets(self) -> Mapping[str, InformationSet]:
        """Read-only mapping label -> :class:`InformationSet`, in preorder of first node."""
        return self._infosets

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return all(len(h.nodes) == 1 for h in self._infosets.values())

    def parent(self, node: str) -> tuple[str, str] | None:
        """``(parent name, action or outcome label)`` of `node`, or None for the root."""
        self._node(node)
        return self._parent.get(node)

    def depth(self, node: str) -> int:
        """Number of moves from the root to `node`."""
        self._node(node)
        return self._depth[node]

    def edges(self) -> tuple[tuple[str, str, str], ...]:
        """Every edge as ``(parent, child, label)`` in preorder; chance labels are outcomes."""
        return tuple(
            (self._parent[n][0], n, self._parent[n][1]) for n in self._preorder if n in self._parent
        )

    def _node(self, name: str) -> Node:
        try:
            return self._nodes[name]
        except (KeyError, TypeError):
            raise ParameterError(
                f"{name!r} is not a node of the tree." + close_match_hint(str(name), self._nodes)
            ) from None

    def infoset_of(self, node: str) -> str:
        """The label of the information set of decision node `node`."""
        if not isinstance(self._node(node), Decision):
            raise ParameterError(f"{node!r} is not a decision node, so it has no information set.")
        return self._node_infoset[node]

    @property
    def payoff_scale(self) -> float:
        """max(1, largest minus smallest terminal payoff): the scale of relative tolerances."""
        return self._payoff_scale

    def __getattr__(self, name):
        # only reached when normal lookup fails: name the replacement of a removed method
        if name in _MOVED:
            raise AttributeError(
                f"GameTree.{name}() is no longer a method: the tree is data, and solvers and "
                f"charts take it as an argument. Call {_MOVED[name]}."
            )
        raise AttributeError(f"'GameTree' object has no attribute {name!r}")

    def infosets_of(self, player: str) -> tuple[str, ...]:
        """Labels of `player`'s information sets, in preorder of their first node."""
        if player not in self._players:
            raise ParameterError(
                f"unknown player {player!r}; players are {list(self._players)}."
                + close_match_hint(player, self._players)
            )
        return tuple(h.label for h in self._infosets.values() if h.player == player)

    # -- profiles -------------------------------------------------------------------------------
    def behaviour(self, profile: Mapping) -> dict[str, np.ndarray]:
        """A pure or behaviour `profile`, validated, as {information set label: probability vector
        over its actions} (actions in the set's order).

        Examples
        --------
        >>> import deterrence as dt
        >>> t = dt.GameTree.builder(("A",)).decision("r", "A", {"x": "X", "y": "Y"})
        >>> t = t.terminal("X", (1,)).terminal("Y", (0,)).build()
        >>> {h: v.tolist() for h, v in t.behaviour({"r": {"x": 0.25, "y": 0.75}}).items()}
        {'r': [0.25, 0.75]}
        """
        if not isinstance(profile, Mapping):
            raise ParameterError(
                "a profile must be a mapping {information set or node: action}, e.g. "
                f"{{'start': 'demand'}}; got {profile!r}."
            )
        out: dict[str, np.ndarray] = {}
        for key, choice in profile.items():
            if key in self._infosets:
                h = key
            elif key in self._node_infoset:
                h = self._node_infoset[key]
            else:
                raise ParameterError(
                    f"the profile names {key!r}, which is neither an information set nor a "
                    f"decision node; information sets are {list(self._infosets)}."
                    + close_match_hint(str(key), list(self._infosets) + list(self._node_infoset))
                )
            acts = self._infosets[h].actions
            if isinstance(choice, str):
                if choice not in acts:
                    raise ParameterError(
                        f"information set {h!r} has no action {choice!r}; its actions are "
                        f"{list(acts)}." + close_match_hint(choice, acts)
                    )
                vec = np.zeros(len(acts))
                vec[acts.index(choice)] = 1.0
            elif isinstance(choice, Mapping):
                vec = np.zeros(len(acts))
                for a, p in choice.items():
                    if a not in acts:
                        raise ParameterError(
                            f"information set {h!r} has no action {a!r}; its actions are "
                            f"{list(acts)}." + close_match_hint(str(a), acts)
                        )
                    if isinstance(p, bool) or not isinstance(p, numbers.Real):
                        raise ProbabilityError(
                            f"information set {h!r}: the probability of {a!r} must be a number; "
                            f"got {p!r}."
                        )
                    if not 0.0 <= float(p) <= 1.0:
                        raise ProbabilityError(
                            f"information set {h!r}: the probability of {a!r} must lie in "
                            f"[0, 1]; got {float(p):g}."
                        )
                    vec[acts.index(a)] = float(p)
                if abs(math.fsum(vec) - 1.0) > PROB_SUM_TOL:
                    raise ProbabilityError(
                        f"information set {h!r}: the action probabilities sum to "
                        f"{math.fsum(vec):.12g}, not 1."
                    )
            else:
                raise ParameterError(
                    f"the profile's entry for {key!r} must be an action label or a mapping "
                    f"{{action: probability}}; got {choice!r}."
                )
            if h in out and not np.array_equal(out[h], vec):
                raise ParameterError(
                    f"the profile gives two different choices for information set {h!r} "
                    f"(once as {key!r}); give one."
                )
            out[h] = vec
        return out

    def _branch_probs(self, node: Node, choice: Mapping[str, np.ndarray]) -> np.ndarray:
        if isinstance(node, Chance):
            return np.asarray(node.probabilities)
        h = self._node_infoset[node.name]
        if h not in choice:
            raise ParameterError(
                f"the profile has no action for information set {h!r} ({node.player}, node "
                f"{node.name!r}), which it reaches; add {h!r}: one of {list(node.actions)}."
            )
        ih = self._infosets[h]
        vec = choice[h]
        return np.array([vec[ih.actions.index(a)] for a in node.actions])

    def _reach(self, choice: Mapping[str, np.ndarray]) -> dict[str, float]:
        reach = {self._root: 1.0}
        for n in self._preorder:
            node = self._nodes[n]
            r = reach[n]
            if isinstance(node, Terminal):
                continue
            if r == 0.0:
                for c in node.children:
                    reach[c] = 0.0
                continue
            for c, p in zip(node.children, self._branch_probs(node, choice), strict=True):
                reach[c] = r * p
        return reach

    def reach_probabilities(self, profile: Mapping) -> dict[str, float]:
        """Probability that each node is reached under `profile` (pure or behaviour).

        Examples
        --------
        >>> import deterrence as dt
        >>> t = dt.GameTree.builder(("A",)).chance("c", {"h": (0.25, "x"), "t": (0.75, "y")})
        >>> t = t.terminal("x", (1,)).terminal("y", (0,)).build()
        >>> t.reach_probabilities({})
        {'c': 1.0, 'x': 0.25, 'y': 0.75}
        """
        reach = self._reach(self.behaviour(profile))
        return {n: float(reach[n]) for n in self._preorder}

    def expected_payoffs(self, profile: Mapping) -> tuple[float, ...]:
        """Expected payoffs (one per player) of a pure or behaviour `profile`.

        The profile maps information sets (or decision nodes) to an action or to
        ``{action: probability}``; it needs entries only where it reaches.

        Examples
        --------
        In the Generic Deterrence Game (Zagare & Kilgour 2000), demanding against a Defender who denies yields
        conflict, DD:

        >>> import deterrence as dt
        >>> t = (dt.GameTree.builder(("Challenger", "Defender"))
        ...      .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
        ...      .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
        ...      .terminal("SQ", (0, 1)).terminal("DC", (1, -1)).terminal("DD", (-1, -0.5))
        ...      .build())
        >>> t.expected_payoffs({"start": "demand", "challenged": "deny"})
        (-1.0, -0.5)
        >>> t.expected_payoffs({"start": "demand", "challenged": {"concede": 0.5, "deny": 0.5}})
        (0.0, -0.75)
        """
        reach = self._reach(self.behaviour(profile))
        out = np.zeros(len(self._players))
        for n in self.terminals:
            if reach[n] > 0:
                out += reach[n] * np.asarray(self._nodes[n].payoffs)
        return tuple(float(v) for v in out)

    def beliefs(self, profile: Mapping) -> dict[str, dict[str, float] | None]:
        """Bayes-rule beliefs at every information set: node -> probability given the set is
        reached; None for sets the profile reaches with probability zero (off the path).

        Examples
        --------
        A signaling game: Nature draws a Resolved sender w.p. 0.2; a Resolved sender always
        signals, an Unresolved one w.p. 1/12, so after a signal Bayes' rule gives
        0.2 / (0.2 + 0.8/12) = 0.75 on Resolved; "quiet" is only sent by Unresolved types.

        >>> import deterrence as dt
        >>> b = dt.GameTree.builder(("S", "R")).chance("type", {"r": (0.2, "R"), "u": (0.8, "U")})
        >>> for ty in "RU":
        ...     _ = b.decision(ty, "S", {"signal": ty + "s", "quiet": ty + "q"})
        ...     for m in "sq":
        ...         _ = b.decision(ty + m, "R", {"yield": ty + m + "y", "press": ty + m + "p"},
        ...                        infoset=m)
        ...         _ = b.terminal(ty + m + "y", (1, 0)).terminal(ty + m + "p", (0, 0))
        >>> mu = b.build().beliefs({"R": "signal", "U": {"signal": 1 / 12, "quiet": 11 / 12},
        ...                         "s": "yield", "q": "press"})
        >>> {h: {n: round(p, 4) for n, p in d.items()} for h, d in mu.items() if d and len(d) > 1}
        {'s': {'Rs': 0.75, 'Us': 0.25}, 'q': {'Rq': 0.0, 'Uq': 1.0}}
        """
        reach = self._reach(self.behaviour(profile))
        out: dict[str, dict[str, float] | None] = {}
        for h in self._infosets.values():
            total = math.fsum(reach[n] for n in h.nodes)
            out[h.label] = None if total <= 0 else {n: float(reach[n] / total) for n in h.nodes}
        return out

    def path(self, profile: Mapping) -> tuple[str, ...]:
        """Nodes reached with positive probability under `profile`, in preorder."""
        reach = self._reach(self.behaviour(profile))
        return tuple(n for n in self._preorder if reach[n] > 0)

    def path_edges(self, profile: Mapping) -> tuple[tuple[str, str], ...]:
        """(parent, child) edges taken with positive probability under `profile`."""
        reach = self._reach(self.behaviour(profile))
        return tuple(
            (self._parent[n][0], n) for n in self._preorder if n in self._parent and reach[n] > 0
        )

    def plan_edges(self, profile: Mapping) -> tuple[tuple[str, str], ...]:
        """(node, child) edges of the actions `profile` plays with positive probability at every
        decision node it covers, reached or not (the whole plan, off-path moves included)."""
        choice = self.behaviour(profile)
        out = []
        for n in self._preorder:
            node = self._nodes[n]
            if isinstance(node, Decision) and self._node_infoset[n] in choice:
                probs = self._branch_probs(node, choice)
                out += [(n, c) for c, p in zip(node.children, probs, strict=True) if p > 0]
        return tuple(out)

    def strategy_label(self, player: str, plan: Mapping[str, str]) -> str:
        """The reduced-strategy label of `player`'s `plan` ({information set: action}): her
        actions in preorder of her sets, joined by ``|``, ``*`` where the plan has none;
        :data:`NO_MOVE` for a player without information sets."""
        hs = self.infosets_of(player)
        if not hs:
            return NO_MOVE
        return "|".join(plan.get(h, "*") for h in hs)

    def strategy_labels(self, profile: Mapping) -> tuple[str, ...]:
        """The reduced-strategy label of each player's part of a pure `profile`.

        Labels list the player's actions at her information sets in preorder, joined by ``|``;
        ``*`` marks a set her own earlier moves exclude (the labels of ``dt.reduced_normal_form``).
        """
        choice = self.behaviour(profile)
        out = []
        for player in self._players:
            visited: dict[str, str] = {}
            stack = [self._root]
            while stack:
                n = stack.pop()
                node = self._nodes[n]
                if isinstance(node, Terminal):
                    continue
                if isinstance(node, Decision) and node.player == player:
                    h = self._node_infoset[n]
                    probs = self._branch_probs(node, choice)
                    if np.count_nonzero(probs) != 1 or probs.max() != 1.0:
                        raise ParameterError(
                            f"strategy_labels needs a pure profile; information set {h!r} is mixed."
                        )
                    k = int(np.argmax(probs))
                    visited[h] = node.actions[k]
                    stack.append(node.children[k])
                else:
                    stack.extend(node.children)
            out.append(self.strategy_label(player, visited))
        return tuple(out)

    def chance_reach(self) -> dict[str, float]:
        """Probability of reaching each node from chance moves alone (every decision taken as if
        it led there): the prior over the nodes of an information set.

        Examples
        --------
        >>> import deterrence as dt
        >>> t = dt.GameTree.builder(("A",)).chance("c", {"h": (0.25, "x"), "t": (0.75, "y")})
        >>> t.terminal("x", (1,)).terminal("y", (0,)).build().chance_reach()
        {'c': 1.0, 'x': 0.25, 'y': 0.75}
        """
        reach = {self._root: 1.0}
        for n in self._preorder:
            node = self._nodes[n]
            if isinstance(node, Chance):
                for c, p in zip(node.children, node.probabilities, strict=True):
                    reach[c] = reach[n] * p
            elif isinstance(node, Decision):
                for c in node.children:
                    reach[c] = reach[n]
        return reach

    def outline(self) -> str:
        """The tree as an indented text outline (one node per line)."""
        title = f"{self._name} — " if self._name else ""
        lines = [f"{title}players: {', '.join(self._players)}"]

        def describe(n: str) -> str:
            node = self._nodes[n]
            if isinstance(node, Terminal):
                return f"{n} {_fmt_payoffs(node.payoffs)}"
            if isinstance(node, Chance):
                return f"{n}: {NATURE}"
            h = self._node_infoset[n]
            info = f" [information set {h!r}]" if len(self._infosets[h].nodes) > 1 else ""
            return f"{n}: {node.player}{info}"

        def branches(n: str, indent: str):
            node = self._nodes[n]
            if isinstance(node, Terminal):
                return []
            out = []
            for k, c in enumerate(node.children):
                if isinstance(node, Chance):
                    lab = f"{node.outcomes[k]} ({_fmt(node.probabilities[k])})"
                else:
                    lab = node.actions[k]
                out.append((c, indent, k == len(node.children) - 1, lab))
            return out[::-1]  # reversed onto the stack so the first branch is printed first

        lines.append(describe(self._root))
        stack = branches(self._root, "")
        while stack:
            c, indent, last, lab = stack.pop()
            lines.append(f"{indent}{'└─' if last else '├─'} {lab} → {describe(c)}")
            stack += branches(c, indent + ("   " if last else "│  "))
        return "\n".join(lines)

    def __repr__(self):
        name = f" {self._name!r}" if self._name else ""
        kinds = [type(self._nodes[n]).__name__ for n in self._preorder]
        return (
            f"<GameTree{name}: players {list(self._players)}; {kinds.count('Decision')} decision, "
            f"{kinds.count('Chance')} chance, {kinds.count('Terminal')} terminal nodes; "
            f"{len(self._infosets)} information sets>"
        )

    def _repr_html_(self) -> str:
        return (
            '<pre class="deterrence-tree" style="font-family:monospace;line-height:1.3">'
            + html.escape(self.outline())
            + "</pre>"
        )

    def __eq__(self, other):
        if not isinstance(other, GameTree):
            return NotImplemented
        return (
            self._players == other._players
            and self._root == other._root
            and self._name == other._name
            and self.node_list == other.node_list
        )

    def __hash__(self):
        return hash((self._players, self._root, self._name, self.node_list))
