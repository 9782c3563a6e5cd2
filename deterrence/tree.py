"""`GameTree`: games in extensive form — decision, chance and terminal nodes, information sets.

A tree is built with a :class:`TreeBuilder` (``GameTree.builder(players)``), one node per call,
and frozen by ``build()``, which validates the whole tree and names the offending node on any
error. A built tree never changes; :meth:`GameTree.with_payoffs` and :meth:`GameTree.replace`
return new, re-validated trees (for sweeps).

What a tree computes:

=================================  ==============================================================
``tree.spe()``                     subgame-perfect equilibrium by backward induction (perfect
                                   information, chance allowed); ties listed, every SPE plan
``tree.pbe(off_path_belief=...)``  pure-strategy (weak) perfect Bayesian equilibria with beliefs
``tree.to_game()``                 reduced normal form as a :class:`~deterrence.game.Game`
``tree.expected_payoffs(p)``       expected payoffs of any pure or behaviour profile ``p``
``tree.beliefs(p)``                Bayes-rule beliefs at the information sets ``p`` reaches
``tree.layout()``                  node coordinates for :func:`deterrence.plot.tree.draw_tree`
=================================  ==============================================================

A *profile* (or plan) maps information-set labels — or node names, for decision nodes — to an
action label, or to ``{action: probability}`` for a behaviour strategy. It needs entries only at
the information sets it reaches.

References: Zagare & Kilgour (2000), *Perfect Deterrence*, ch. 3 (the Generic Deterrence Game,
MODELS.md §2.1); Fudenberg & Tirole (1991), *Game Theory*, §3.5 (reduced normal form) and §8.2
(perfect Bayesian equilibrium); Osborne & Rubinstein (1994), *A Course in Game Theory*, ch. 6.
"""

from __future__ import annotations

import html
import itertools
import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ._check import labels
from .errors import (
    GameTooLargeError,
    InvalidGameError,
    ParameterError,
    ProbabilityError,
    close_match_hint,
)

__all__ = [
    "GameTree",
    "TreeBuilder",
    "Decision",
    "Chance",
    "Terminal",
    "InformationSet",
    "Tie",
    "SubgamePerfect",
    "PerfectBayesian",
    "PerfectBayesianEquilibria",
    "NATURE",
    "NO_MOVE",
]

#: the name shown for the chance player in outlines and drawings
NATURE = "Nature"
#: the strategy label of a player who never moves (``to_game``)
NO_MOVE = "(no move)"
#: probabilities of a chance node must sum to 1 within this tolerance
PROB_SUM_TOL = 1e-9


def _name(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidGameError(f"{what} must be a non-empty string; got {value!r}.")
    return value


def _fmt(v: float) -> str:
    return f"{v + 0.0:.4g}"  # + 0.0 turns -0.0 (e.g. a zero cost subtracted) into 0


def _fmt_payoffs(p: Sequence[float]) -> str:
    return "(" + ", ".join(_fmt(v) for v in p) + ")"


# -- nodes ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Decision:
    """A decision node: `player` chooses one of `actions`, leading to `children` (node names).

    `infoset` labels the information set; nodes sharing a label cannot be told apart by the
    mover (they must have the same player and actions). ``None`` means a singleton information
    set, labelled by the node's name.
    """

    name: str
    player: str
    actions: tuple[str, ...]
    children: tuple[str, ...]
    infoset: str | None = None

    def __post_init__(self):
        _name(self.name, "a node name")
        _name(self.player, f"the player of decision node {self.name!r}")
        object.__setattr__(self, "actions", tuple(self.actions))
        object.__setattr__(self, "children", tuple(self.children))
        if not self.actions:
            raise InvalidGameError(
                f"decision node {self.name!r} has no actions; a node where nobody moves is a "
                "terminal node: declare it with .terminal(name, payoffs)."
            )
        for a in self.actions:
            _name(a, f"an action label at node {self.name!r}")
        for c in self.children:
            _name(c, f"a child of node {self.name!r}")
        if len(set(self.actions)) != len(self.actions):
            dupes = sorted({a for a in self.actions if self.actions.count(a) > 1})
            raise InvalidGameError(f"decision node {self.name!r} repeats the actions {dupes}.")
        if len(self.actions) != len(self.children):
            raise InvalidGameError(
                f"decision node {self.name!r} has {len(self.actions)} actions but "
                f"{len(self.children)} children; give one child per action."
            )
        if self.infoset is not None:
            _name(self.infoset, f"the information set label of node {self.name!r}")

    @property
    def infoset_label(self) -> str:
        """The label of this node's information set (its own name when a singleton)."""
        return self.name if self.infoset is None else self.infoset

    def child(self, action: str) -> str:
        """The node that `action` leads to."""
        if action not in self.actions:
            raise ParameterError(
                f"node {self.name!r} has no action {action!r}; its actions are "
                f"{list(self.actions)}." + close_match_hint(action, self.actions)
            )
        return self.children[self.actions.index(action)]


@dataclass(frozen=True)
class Chance:
    """A chance node: Nature draws one of `outcomes` with `probabilities`, leading to `children`.

    Probabilities must lie in [0, 1] and sum to 1 within 1e-9 (ProbabilityError otherwise).
    """

    name: str
    outcomes: tuple[str, ...]
    probabilities: tuple[float, ...]
    children: tuple[str, ...]

    def __post_init__(self):
        _name(self.name, "a node name")
        object.__setattr__(self, "outcomes", tuple(self.outcomes))
        object.__setattr__(self, "children", tuple(self.children))
        if not self.outcomes:
            raise InvalidGameError(f"chance node {self.name!r} has no outcomes.")
        for o in self.outcomes:
            _name(o, f"an outcome label at chance node {self.name!r}")
        for c in self.children:
            _name(c, f"a child of chance node {self.name!r}")
        if len(set(self.outcomes)) != len(self.outcomes):
            dupes = sorted({o for o in self.outcomes if self.outcomes.count(o) > 1})
            raise InvalidGameError(f"chance node {self.name!r} repeats the outcomes {dupes}.")
        if not len(self.outcomes) == len(self.children) == len(tuple(self.probabilities)):
            raise InvalidGameError(
                f"chance node {self.name!r} needs one probability and one child per outcome; got "
                f"{len(self.outcomes)} outcomes, {len(tuple(self.probabilities))} probabilities "
                f"and {len(self.children)} children."
            )
        probs = []
        for o, p in zip(self.outcomes, self.probabilities, strict=True):
            if isinstance(p, bool) or not isinstance(p, numbers.Real):
                raise ProbabilityError(
                    f"chance node {self.name!r}: the probability of {o!r} must be a number; "
                    f"got {p!r}."
                )
            p = float(p)
            if not (0.0 <= p <= 1.0):  # also rejects nan
                raise ProbabilityError(
                    f"chance node {self.name!r}: the probability of {o!r} must lie in [0, 1]; "
                    f"got {p:g}. Give a fraction (0.8), not a percentage (80)."
                )
            probs.append(p)
        total = math.fsum(probs)
        if abs(total - 1.0) > PROB_SUM_TOL:
            raise ProbabilityError(
                f"chance node {self.name!r}: the probabilities of {list(self.outcomes)} sum to "
                f"{total:.12g}, not 1 (tolerance {PROB_SUM_TOL:g}). Rescale them."
            )
        object.__setattr__(self, "probabilities", tuple(probs))

    def child(self, outcome: str) -> str:
        """The node that `outcome` leads to."""
        if outcome not in self.outcomes:
            raise ParameterError(
                f"chance node {self.name!r} has no outcome {outcome!r}; its outcomes are "
                f"{list(self.outcomes)}." + close_match_hint(outcome, self.outcomes)
            )
        return self.children[self.outcomes.index(outcome)]


@dataclass(frozen=True)
class Terminal:
    """A terminal node (an outcome of the game) with one payoff per player, in player order."""

    name: str
    payoffs: tuple[float, ...]

    def __post_init__(self):
        _name(self.name, "a node name")
        if isinstance(self.payoffs, str | bytes | Mapping) or not isinstance(
            self.payoffs, Sequence | np.ndarray
        ):
            raise InvalidGameError(
                f"terminal node {self.name!r}: payoffs must be a sequence of numbers, one per "
                f"player; got {self.payoffs!r}."
            )
        vals = []
        items = (
            self.payoffs.tolist() if isinstance(self.payoffs, np.ndarray) else list(self.payoffs)
        )
        for k, v in enumerate(items):
            if isinstance(v, bool) or not isinstance(v, numbers.Real):
                raise InvalidGameError(
                    f"terminal node {self.name!r}: payoff {k} must be a number; got {v!r}."
                )
            if not math.isfinite(float(v)):
                raise InvalidGameError(
                    f"terminal node {self.name!r}: payoff {k} is {float(v)}; payoffs must be "
                    "finite numbers."
                )
            vals.append(float(v))
        object.__setattr__(self, "payoffs", tuple(vals))


Node = Decision | Chance | Terminal


@dataclass(frozen=True)
class InformationSet:
    """Decision nodes the mover cannot tell apart: one player, one set of actions."""

    label: str
    player: str
    actions: tuple[str, ...]
    nodes: tuple[str, ...]


# -- builder --------------------------------------------------------------------------------------
class TreeBuilder:
    """Collects nodes one call at a time; :meth:`build` validates and freezes the tree.

    Every method returns the builder, so calls chain. The first node declared is the root
    unless ``build(root=...)`` says otherwise. See :class:`GameTree` for an example.
    """

    def __init__(self, players: Sequence[str], *, name: str | None = None):
        self._players = _players(players)
        self._name = name
        self._nodes: dict[str, Node] = {}

    def _add(self, node: Node) -> TreeBuilder:
        if node.name in self._nodes:
            raise InvalidGameError(
                f"duplicate node name {node.name!r}: every node needs a distinct name (a second "
                "outcome with the same payoffs needs its own name, e.g. 'DD2')."
            )
        self._nodes[node.name] = node
        return self

    def decision(
        self, name: str, player: str, actions: Mapping[str, str], *, infoset: str | None = None
    ) -> TreeBuilder:
        """Add a decision node: `player` picks an action; `actions` maps action -> child name.

        `infoset` puts the node in a named information set (nodes the player cannot tell
        apart); omit it for a singleton.
        """
        if not isinstance(actions, Mapping):
            raise InvalidGameError(
                f"decision node {name!r}: actions must be a mapping {{action: child node}}, e.g. "
                f"{{'concede': 'DC', 'deny': 'DD'}}; got {actions!r}."
            )
        return self._add(
            Decision(name, player, tuple(actions), tuple(actions.values()), infoset=infoset)
        )

    def chance(self, name: str, outcomes: Mapping[str, tuple[float, str]]) -> TreeBuilder:
        """Add a chance node; `outcomes` maps outcome label -> (probability, child name)."""
        if not isinstance(outcomes, Mapping):
            raise InvalidGameError(
                f"chance node {name!r}: outcomes must be a mapping {{label: (probability, child)}}, "
                f"e.g. {{'resolved': (0.2, 'R'), 'unresolved': (0.8, 'U')}}; got {outcomes!r}."
            )
        probs, children = [], []
        for label, pair in outcomes.items():
            if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise InvalidGameError(
                    f"chance node {name!r}: outcome {label!r} must be a pair (probability, child "
                    f"node); got {pair!r}."
                )
            probs.append(pair[0])
            children.append(pair[1])
        return self._add(Chance(name, tuple(outcomes), tuple(probs), tuple(children)))

    def terminal(self, name: str, payoffs: Sequence[float] | Mapping[str, float]) -> TreeBuilder:
        """Add a terminal node; `payoffs` lists one payoff per player (or maps player -> payoff)."""
        if isinstance(payoffs, Mapping):
            unknown = [p for p in payoffs if p not in self._players]
            if unknown:
                raise InvalidGameError(
                    f"terminal node {name!r}: unknown player {unknown[0]!r}; players are "
                    f"{list(self._players)}." + close_match_hint(unknown[0], self._players)
                )
            missing = [p for p in self._players if p not in payoffs]
            if missing:
                raise InvalidGameError(
                    f"terminal node {name!r} has no payoff for {missing}; give one per player."
                )
            payoffs = tuple(payoffs[p] for p in self._players)
        return self._add(Terminal(name, payoffs))

    def __repr__(self):
        names = list(self._nodes)
        shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        return (
            f"<TreeBuilder: {len(names)} node(s) declared ({shown}); call .build() to validate "
            "and freeze the tree>"
        )

    def build(self, *, root: str | None = None) -> GameTree:
        """Validate the nodes and return the frozen :class:`GameTree`."""
        return GameTree(self._players, tuple(self._nodes.values()), root=root, name=self._name)


def _players(players) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, Sequence) or len(players) == 0:
        raise InvalidGameError(
            f"players must be a non-empty sequence of names, e.g. ('Challenger', 'Defender'); "
            f"got {players!r}."
        )
    return labels(players, len(players), "players", "P")


# -- results --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Tie:
    """A decision node where several actions give the mover the same best payoff (within tol)."""

    node: str
    player: str
    actions: tuple[str, ...]
    chosen: str
    value: float

    def __str__(self):
        return (
            f"{self.node} ({self.player}): {' = '.join(self.actions)} all give {_fmt(self.value)}"
        )


@dataclass(frozen=True, eq=False)
class SubgamePerfect:
    """The result of backward induction (:meth:`GameTree.spe`).

    Attributes
    ----------
    tree : GameTree
    plan : Mapping[str, str]
        The chosen action at every decision node, on and off the equilibrium path. Where
        several actions tie, the first declared is chosen — and the tie is listed in `ties`.
    payoffs : tuple of float
        Expected payoffs of `plan`, one per player.
    path : tuple of str
        Nodes reached with positive probability under `plan`, in preorder.
    edges : tuple of (str, str)
        The (parent, child) edges on the equilibrium path.
    ties : tuple of Tie
        Every decision node where the mover has several optimal actions under `plan`'s
        continuation (on or off the path). Empty means the SPE is unique.
    plans : tuple of Mapping
        Every subgame-perfect pure plan, `plan` first.
    tol : float
        Absolute tolerance used to call two payoffs equal.
    """

    tree: GameTree
    plan: Mapping[str, str]
    payoffs: tuple[float, ...]
    path: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    ties: tuple[Tie, ...]
    plans: tuple[Mapping[str, str], ...]
    tol: float
    method: str = "backward induction"

    @property
    def unique(self) -> bool:
        """True when there is exactly one subgame-perfect plan."""
        return len(self.plans) == 1

    @property
    def outcome(self) -> tuple[str, ...]:
        """Terminal nodes reached with positive probability under `plan`."""
        return tuple(n for n in self.path if isinstance(self.tree.nodes[n], Terminal))

    @property
    def strategies(self) -> tuple[str, ...]:
        """`plan` as reduced-strategy labels, one per player (the labels of :meth:`GameTree.to_game`)."""
        return self.tree.strategy_labels(self.plan)

    def __repr__(self):
        t = self.tree
        lines = [
            f"SubgamePerfect of {t.name or 'tree'}: outcome {', '.join(self.outcome)}, payoffs "
            f"{_fmt_payoffs(self.payoffs)}; {len(self.plans)} SPE plan(s)"
        ]
        lines.append("  plan: " + ", ".join(f"{n}: {a}" for n, a in self.plan.items()))
        lines += [f"  tie at {tie}" for tie in self.ties]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        t = self.tree
        on = set(self.path)
        tied = {tie.node: tie for tie in self.ties}
        rows = []
        for n, a in self.plan.items():
            node = t.nodes[n]
            note = "on path" if n in on else "off path"
            if n in tied:
                note += "; tie: " + " = ".join(tied[n].actions)
            style = "font-weight:bold;color:#0072B2" if n in on else ""
            rows.append(
                f'<tr style="{style}"><td>{e(n)}</td><td>{e(node.player)}</td><td>{e(a)}</td>'
                f"<td>{e(note)}</td></tr>"
            )
        head = (
            f"<b>Subgame-perfect equilibrium</b> of {e(t.name or 'tree')} by backward "
            f"induction: outcome <b>{e(', '.join(self.outcome))}</b>, payoffs "
            f"{e(_fmt_payoffs(self.payoffs))} "
            f"({', '.join(e(p) for p in t.players)}); "
            + (
                "unique."
                if self.unique
                else f'<span style="color:#a33">{len(self.plans)} SPE plans (ties).</span>'
            )
        )
        return (
            f'<div class="deterrence-spe"><div>{head}</div>'
            '<table style="border-collapse:collapse"><tr><th>node</th><th>player</th>'
            "<th>action</th><th></th></tr>" + "".join(rows) + "</table></div>"
        )


@dataclass(frozen=True, eq=False)
class PerfectBayesian:
    """One pure-strategy perfect Bayesian equilibrium (an assessment) of a tree.

    Attributes
    ----------
    strategies : Mapping[str, str]
        The action at every information set (label -> action).
    beliefs : Mapping[str, Mapping[str, float]]
        Beliefs (node -> probability) at every multi-node information set, by Bayes' rule on
        the path and by the off-path rule elsewhere; under ``off_path_belief="all"`` the
        off-path sets appear in `belief_ranges` instead.
    belief_ranges : Mapping[str, Mapping[str, tuple[float, float]]]
        For off-path information sets under ``"all"``: for each node the interval of its
        probability over the beliefs that make the chosen action optimal (exact for two-node
        sets, where the belief set is that interval; per-node bounds of a polytope otherwise).
    off_path : tuple of str
        Information sets reached with probability zero.
    payoffs : tuple of float
        Expected payoffs, one per player.
    path, edges : as in :class:`SubgamePerfect`.
    kind : str or None
        ``"separating"``, ``"pooling"`` or ``"partially pooling"`` when Nature moves first and
        the first mover knows the draw (a signaling game): whether types choose distinct
        actions; otherwise None.
    """

    strategies: Mapping[str, str]
    beliefs: Mapping[str, Mapping[str, float]]
    belief_ranges: Mapping[str, Mapping[str, tuple[float, float]]]
    off_path: tuple[str, ...]
    payoffs: tuple[float, ...]
    path: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    kind: str | None

    def describe(self) -> str:
        """One line: strategies, then beliefs."""
        s = ", ".join(f"{h}: {a}" for h, a in self.strategies.items())
        b = []
        for h, mu in self.beliefs.items():
            b.append(f"{h}: " + ", ".join(f"{n} {_fmt(p)}" for n, p in mu.items()))
        for h, r in self.belief_ranges.items():
            b.append(
                f"{h} (off path): "
                + ", ".join(f"{n} in [{_fmt(lo)}, {_fmt(hi)}]" for n, (lo, hi) in r.items())
            )
        return s + (" | beliefs " + "; ".join(b) if b else "")

    def __repr__(self):
        kind = f" ({self.kind})" if self.kind else ""
        return f"<PerfectBayesian{kind} {self.describe()}; payoffs {_fmt_payoffs(self.payoffs)}>"

    def _repr_html_(self) -> str:
        e = html.escape
        kind = f" ({e(self.kind)})" if self.kind else ""
        return (
            f'<div class="deterrence-pbe"><b>Perfect Bayesian equilibrium</b>{kind}: '
            f"{e(self.describe())}; payoffs {e(_fmt_payoffs(self.payoffs))}</div>"
        )


@dataclass(frozen=True, eq=False)
class PerfectBayesianEquilibria(Sequence):
    """Every pure-strategy perfect Bayesian equilibrium of a tree (:meth:`GameTree.pbe`).

    A sequence of :class:`PerfectBayesian`, with provenance: the off-path belief rule, the
    tolerance and the number of pure profiles checked.
    """

    tree: GameTree
    equilibria: tuple[PerfectBayesian, ...]
    off_path_belief: object
    tol: float
    profiles_checked: int
    method: str = "enumeration of pure assessments"

    def __len__(self):
        return len(self.equilibria)

    def __getitem__(self, i):
        return self.equilibria[i]

    def __repr__(self):
        lines = [
            f"PerfectBayesianEquilibria of {self.tree.name or 'tree'}: {len(self)} pure PBE "
            f"(off-path beliefs: {self.off_path_belief!r}; {self.profiles_checked} profiles checked)"
        ]
        for k, q in enumerate(self.equilibria):
            kind = f"{q.kind}: " if q.kind else ""
            lines.append(f"  [{k}] {kind}{q.describe()}; payoffs {_fmt_payoffs(q.payoffs)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        head = (
            f"<b>{len(self)} pure perfect Bayesian equilibri{'um' if len(self) == 1 else 'a'}</b> "
            f"of {e(self.tree.name or 'tree')}; off-path beliefs {e(repr(self.off_path_belief))}, "
            f"{self.profiles_checked} pure profiles checked"
        )
        rows = [
            "<tr><th>#</th><th>kind</th><th>strategies</th><th>beliefs</th><th>payoffs</th></tr>"
        ]
        for k, q in enumerate(self.equilibria):
            strat = "<br>".join(f"{e(h)}: {e(a)}" for h, a in q.strategies.items())
            bel = [
                f"{e(h)}: " + ", ".join(f"{e(n)} {_fmt(p)}" for n, p in mu.items())
                for h, mu in q.beliefs.items()
            ]
            bel += [
                f"{e(h)} (off path): "
                + ", ".join(f"{e(n)} &isin; [{_fmt(lo)}, {_fmt(hi)}]" for n, (lo, hi) in r.items())
                for h, r in q.belief_ranges.items()
            ]
            rows.append(
                f"<tr><td>{k}</td><td>{e(q.kind or '')}</td><td>{strat}</td>"
                f"<td>{'<br>'.join(bel)}</td><td>{e(_fmt_payoffs(q.payoffs))}</td></tr>"
            )
        return (
            f'<div class="deterrence-pbe"><div>{head}</div>'
            '<table style="border-collapse:collapse">' + "".join(rows) + "</table></div>"
        )


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
    Zagare & Kilgour's Generic Deterrence Game (*Perfect Deterrence*, 2000, ch. 3; MODELS.md
    V1): the Challenger cooperates (status quo) or demands; the Defender concedes or denies.

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

    >>> spe = tree.spe()
    >>> spe.outcome, dict(spe.plan), spe.payoffs
    (('SQ',), {'start': 'cooperate', 'challenged': 'deny'}, (0.0, 1.0))
    >>> tree.to_game().strategies
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
            if not isinstance(node, Decision | Chance | Terminal):
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
        # each node has at most one parent, so following parents either ends or loops
        for start in by_name:
            seen = [start]
            cur = start
            while cur in parent:
                cur = parent[cur][0]
                if cur == start:
                    raise InvalidGameError(
                        "the nodes " + " -> ".join(reversed(seen)) + f" -> {start} form a cycle; "
                        "a game tree must not loop."
                    )
                if cur in seen:
                    break
                seen.append(cur)
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
        unreached = [n for n in by_name if n not in depth]
        if unreached:
            raise InvalidGameError(
                f"nodes {unreached} cannot be reached from the root {root!r}; connect them or "
                "remove them."
            )
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
            for m in members[1:]:
                other = by_name[m]
                if other.player != first.player:
                    raise InvalidGameError(
                        f"information set {lab!r} joins node {first.name!r} of {first.player} and "
                        f"node {other.name!r} of {other.player}; an information set belongs to "
                        "one player."
                    )
                if set(other.actions) != set(first.actions):
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
                member_set = set(members)
                for m in members:
                    cur = m
                    while cur in parent:
                        cur = parent[cur][0]
                        if cur in member_set:
                            raise InvalidGameError(
                                f"information set {lab!r} contains node {cur!r} and its "
                                f"descendant {m!r}; nodes on one path cannot share an "
                                "information set."
                            )
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
        >>> tree.spe().payoffs       # demand: 0.3(-1) + 0.7(1) = 0.4 > 0
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
        >>> t.with_payoffs({"Y": (2, 0)}).spe().outcome
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
        return tuple(n for n in self._preorder if isinstance(self._nodes[n], Terminal))

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

    def infosets_of(self, player: str) -> tuple[str, ...]:
        """Labels of `player`'s information sets, in preorder of their first node."""
        if player not in self._players:
            raise ParameterError(
                f"unknown player {player!r}; players are {list(self._players)}."
                + close_match_hint(player, self._players)
            )
        return tuple(h.label for h in self._infosets.values() if h.player == player)

    # -- profiles -------------------------------------------------------------------------------
    def _profile(self, profile: Mapping) -> dict[str, np.ndarray]:
        """Profile -> {infoset label: probability vector over its actions}."""
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
        reach = self._reach(self._profile(profile))
        return {n: float(reach[n]) for n in self._preorder}

    def expected_payoffs(self, profile: Mapping) -> tuple[float, ...]:
        """Expected payoffs (one per player) of a pure or behaviour `profile`.

        The profile maps information sets (or decision nodes) to an action or to
        ``{action: probability}``; it needs entries only where it reaches.

        Examples
        --------
        In the Generic Deterrence Game (V1), demanding against a Defender who denies yields
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
        reach = self._reach(self._profile(profile))
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
        See :meth:`pbe`; for a behaviour profile, e.g. V17's semi-separating equilibrium, the
        belief after a signal is exactly the receiver's indifference point mu* = 0.25.
        """
        reach = self._reach(self._profile(profile))
        out: dict[str, dict[str, float] | None] = {}
        for h in self._infosets.values():
            total = math.fsum(reach[n] for n in h.nodes)
            out[h.label] = None if total <= 0 else {n: float(reach[n] / total) for n in h.nodes}
        return out

    def path(self, profile: Mapping) -> tuple[str, ...]:
        """Nodes reached with positive probability under `profile`, in preorder."""
        reach = self._reach(self._profile(profile))
        return tuple(n for n in self._preorder if reach[n] > 0)

    def path_edges(self, profile: Mapping) -> tuple[tuple[str, str], ...]:
        """(parent, child) edges taken with positive probability under `profile`."""
        reach = self._reach(self._profile(profile))
        return tuple(
            (self._parent[n][0], n) for n in self._preorder if n in self._parent and reach[n] > 0
        )

    def plan_edges(self, profile: Mapping) -> tuple[tuple[str, str], ...]:
        """(node, child) edges of the actions `profile` plays with positive probability at every
        decision node it covers, reached or not (the whole plan, off-path moves included)."""
        choice = self._profile(profile)
        out = []
        for n in self._preorder:
            node = self._nodes[n]
            if isinstance(node, Decision) and self._node_infoset[n] in choice:
                probs = self._branch_probs(node, choice)
                out += [(n, c) for c, p in zip(node.children, probs, strict=True) if p > 0]
        return tuple(out)

    # -- backward induction ---------------------------------------------------------------------
    def _require_perfect_information(self, what: str):
        for h in self._infosets.values():
            if len(h.nodes) > 1:
                raise InvalidGameError(
                    f"{what} needs perfect information, but information set {h.label!r} joins "
                    f"nodes {list(h.nodes)}. Use tree.pbe() for perfect Bayesian equilibria, or "
                    "dt.solve(tree.to_game()) for all Nash equilibria."
                )

    def spe(self, *, tol: float = 1e-9, max_plans: int = 10_000) -> SubgamePerfect:
        """Subgame-perfect equilibrium by backward induction (perfect information; chance nodes
        contribute expected payoffs).

        Ties are never broken silently: every decision node where several actions are optimal
        (within ``tol`` × the payoff spread) is listed in ``.ties``, and ``.plans`` holds every
        subgame-perfect pure plan. ``.plan`` takes the first declared optimal action at a tie.

        Parameters
        ----------
        tol : float
            Relative tolerance for calling two payoffs equal (scaled by max(1, payoff spread)).
        max_plans : int
            Enumerating every SPE plan stops with GameTooLargeError beyond this many.

        Raises
        ------
        InvalidGameError
            An information set has more than one node (not perfect information).
        GameTooLargeError
            Ties make more than `max_plans` subgame-perfect plans.

        Examples
        --------
        With a Defender indifferent between conceding and denying (both -1), both plans are
        subgame perfect — and the outcomes differ (DC or SQ):

        >>> import deterrence as dt
        >>> t = (dt.GameTree.builder(("Challenger", "Defender"))
        ...      .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
        ...      .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
        ...      .terminal("SQ", (0, 1)).terminal("DC", (1, -1)).terminal("DD", (-1, -1))
        ...      .build())
        >>> spe = t.spe()
        >>> [str(tie) for tie in spe.ties]
        ['challenged (Defender): concede = deny all give -1']
        >>> [dict(p) for p in spe.plans]
        [{'start': 'demand', 'challenged': 'concede'}, {'start': 'cooperate', 'challenged': 'deny'}]
        """
        self._require_perfect_information("backward induction")
        tol = float(tol)
        if not (math.isfinite(tol) and tol >= 0):
            raise ParameterError(f"tol must be a finite number >= 0; got {tol}.")
        eps = tol * self._payoff_scale
        pidx = {p: i for i, p in enumerate(self._players)}
        vals: dict[str, np.ndarray] = {}
        plan: dict[str, str] = {}
        ties: list[Tie] = []
        for n in reversed(self._preorder):
            node = self._nodes[n]
            if isinstance(node, Terminal):
                vals[n] = np.asarray(node.payoffs, dtype=float)
            elif isinstance(node, Chance):
                vals[n] = sum(
                    p * vals[c] for p, c in zip(node.probabilities, node.children, strict=True)
                )
            else:
                i = pidx[node.player]
                cv = np.array([vals[c][i] for c in node.children])
                best = cv.max()
                tied = [a for a, v in zip(node.actions, cv, strict=True) if v >= best - eps]
                plan[n] = tied[0]
                vals[n] = vals[node.child(tied[0])]
                if len(tied) > 1:
                    ties.append(Tie(n, node.player, tuple(tied), tied[0], float(best)))
        order = {n: k for k, n in enumerate(self._preorder)}
        plan = {n: plan[n] for n in sorted(plan, key=order.get)}
        plans = self._all_spe_plans(eps, max_plans, pidx)
        canon = tuple(plan.items())
        plans.sort(key=lambda p: p != canon)  # stable: the canonical plan first
        ties.sort(key=lambda t: order[t.node])
        return SubgamePerfect(
            tree=self,
            plan=MappingProxyType(plan),
            payoffs=tuple(float(v) for v in vals[self._root]),
            path=self.path(plan),
            edges=self.path_edges(plan),
            ties=tuple(ties),
            plans=tuple(MappingProxyType(dict(p)) for p in plans),
            tol=eps,
        )

    def _all_spe_plans(self, eps: float, max_plans: int, pidx) -> list[tuple]:
        # entries[n]: every SPE of the subtree at n as (payoff vector, ((node, action), ...));
        # at a decision node, action a with continuation e is optimal when every other child's
        # continuation gives the mover at most e's payoff (+eps): count those combinations first.
        entries: dict[str, list[tuple[np.ndarray, tuple]]] = {}
        order = {n: k for k, n in enumerate(self._preorder)}
        for n in reversed(self._preorder):
            node = self._nodes[n]
            if isinstance(node, Terminal):
                entries[n] = [(np.asarray(node.payoffs, dtype=float), ())]
                continue
            lists = [entries[c] for c in node.children]
            if isinstance(node, Chance):
                total = math.prod(len(e) for e in lists)
                self._check_plan_count(total, max_plans)
                new = []
                for combo in itertools.product(*lists):
                    v = sum(p * e[0] for p, e in zip(node.probabilities, combo, strict=True))
                    new.append((v, tuple(x for e in combo for x in e[1])))
                entries[n] = new
                continue
            i = pidx[node.player]
            total = 0
            for k, E in enumerate(lists):
                for v, _ in E:
                    total += math.prod(
                        sum(1 for w, _ in F if w[i] <= v[i] + eps)
                        for j, F in enumerate(lists)
                        if j != k
                    )
            self._check_plan_count(total, max_plans)
            new = []
            for k, E in enumerate(lists):
                for v, sub in E:
                    pools = [
                        [(v, sub)] if j == k else [e for e in F if e[0][i] <= v[i] + eps]
                        for j, F in enumerate(lists)
                    ]
                    for combo in itertools.product(*pools):
                        moves = ((n, node.actions[k]),) + tuple(x for e in combo for x in e[1])
                        new.append((v, moves))
            entries[n] = new
        return [tuple(sorted(p, key=lambda x: order[x[0]])) for _, p in entries[self._root]]

    @staticmethod
    def _check_plan_count(total: int, max_plans: int):
        if total > max_plans:
            raise GameTooLargeError(
                f"ties make at least {total} subgame-perfect plans (max_plans={max_plans}). "
                "Raise max_plans, or perturb payoffs to break the ties you do not mean."
            )

    # -- normal form ----------------------------------------------------------------------------
    def _reduced_plans(self, player: str, max_strategies: int) -> list[dict[str, str]]:
        # R[n]: the player's partial plans over the information sets in the subtree at n that
        # her own earlier choices in that subtree do not exclude (reduced strategies).
        R: dict[str, list[dict[str, str]]] = {}
        for n in reversed(self._preorder):
            node = self._nodes[n]
            if isinstance(node, Terminal):
                R[n] = [{}]
                continue
            if isinstance(node, Decision) and node.player == player:
                h = self._node_infoset[n]
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
                    "the tree by backward induction (tree.spe()) or tree.pbe()."
                )
            R[n] = uniq
        hs = self.infosets_of(player)
        pos = {h: k for k, h in enumerate(hs)}

        def key(p):
            return tuple(
                (self._infosets[h].actions.index(p[h]) if h in p else -1)
                for h in sorted(hs, key=pos.get)
            )

        return sorted(R[self._root], key=key)

    def _label(self, player: str, plan: Mapping[str, str]) -> str:
        hs = self.infosets_of(player)
        if not hs:
            return NO_MOVE
        return "|".join(plan.get(h, "*") for h in hs)

    def strategy_labels(self, profile: Mapping) -> tuple[str, ...]:
        """The reduced-strategy label of each player's part of a pure `profile`.

        Labels list the player's actions at her information sets in preorder, joined by ``|``;
        ``*`` marks a set her own earlier moves exclude (the labels of :meth:`to_game`).
        """
        choice = self._profile(profile)
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
            out.append(self._label(player, visited))
        return tuple(out)

    def to_game(self, *, max_strategies: int = 500):
        """The reduced normal form of a two-player tree, as a :class:`~deterrence.game.Game`.

        Pure strategies are plans over a player's information sets, with plans that differ only
        where the player's own moves exclude play identified (the reduced normal form; a
        ``*`` marks such a set). Payoffs are expected over chance moves. Reduced normal forms
        of deterrence trees are degenerate (an unreached node's choice is free; MODELS.md §6):
        expect equilibrium components from ``dt.solve``.

        Parameters
        ----------
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
        >>> g = t.to_game()
        >>> g.strategies
        (('SQ|*', 'initiate|back down', 'initiate|fight'), ('concede', 'resist'))
        >>> g.A.tolist()
        [[0.0, 0.0], [1.0, -1.0], [1.0, -2.0]]
        """
        if len(self._players) != 2:
            raise InvalidGameError(
                f"to_game() builds a bimatrix game and needs exactly two players; this tree has "
                f"{len(self._players)}: {list(self._players)}."
            )
        from .game import Game

        max_strategies = int(max_strategies)
        plans = [self._reduced_plans(p, max_strategies) for p in self._players]
        terminals = self.terminals
        # a plan reaches terminal t iff it picks every own action on the path to t; then
        # A = (R0 * w u0) R1^T with w the chance probability of reaching t
        w = np.ones(len(terminals))
        own: list[list[list[tuple[str, str]]]] = [[[] for _ in terminals] for _ in self._players]
        pidx = {p: i for i, p in enumerate(self._players)}
        for k, t in enumerate(terminals):
            cur = t
            while cur in self._parent:
                par, lab = self._parent[cur]
                node = self._nodes[par]
                if isinstance(node, Chance):
                    w[k] *= node.probabilities[node.outcomes.index(lab)]
                else:
                    own[pidx[node.player]][k].append((self._node_infoset[par], lab))
                cur = par
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
        U = np.array([self._nodes[t].payoffs for t in terminals], dtype=float)
        A = (R[0] * (w * U[:, 0])) @ R[1].T
        B = (R[0] * (w * U[:, 1])) @ R[1].T
        labels_ = tuple(
            tuple(self._label(p, plan) for plan in plans_i)
            for p, plans_i in zip(self._players, plans, strict=True)
        )
        return Game(A, B, players=self._players, strategies=labels_, name=self._name, tree=self)

    # -- perfect Bayesian equilibrium -----------------------------------------------------------
    def pbe(
        self,
        *,
        off_path_belief="all",
        tol: float = 1e-9,
        max_profiles: int = 50_000,
    ) -> PerfectBayesianEquilibria:
        """Every pure-strategy perfect Bayesian equilibrium, with beliefs.

        Enumerates every pure profile (an action at every information set of every player);
        derives beliefs by Bayes' rule at the information sets the profile reaches; assigns
        beliefs at the others by `off_path_belief`; keeps the profiles in which every action is
        optimal given the beliefs and the continuation (sequential rationality, within ``tol`` ×
        the payoff spread). This is weak PBE (Fudenberg & Tirole 1991, §8.2; Mas-Colell et al.
        1995, Def. 9.C.3), which coincides with PBE in signaling games — a chance move drawing
        types, a sender who sees its type, a receiver who sees only the message — the
        incomplete-information games of MODELS.md §2.1 and §2.6. Mixed and semi-separating
        equilibria are not enumerated (check one with :meth:`expected_payoffs` and
        :meth:`beliefs`).

        Parameters
        ----------
        off_path_belief : "all", "prior", float or mapping
            Beliefs at information sets reached with probability zero:

            - ``"all"``: any belief; the response must be optimal for *some* belief, and the
              supporting beliefs are reported in ``belief_ranges`` (the weakest condition: every
              pure PBE under any off-path belief is found);
            - ``"prior"``: the nodes' probabilities from chance moves alone (the prior on types);
            - a float q in [0, 1]: probability of the first node (in preorder) of every
              two-node information set;
            - a mapping ``{information set: {node: probability}}``; sets it omits are treated
              as under ``"all"``.
        tol : float
            Relative tolerance of optimality, scaled by max(1, payoff spread).
        max_profiles : int
            GameTooLargeError when there are more pure profiles than this.

        Returns
        -------
        PerfectBayesianEquilibria

        Examples
        --------
        Costly signals of resolve (MODELS.md §2.6, V17): the sender is Resolved w.p. pi = 0.2;
        a signal costs k_R = 0.4 or k_U = 1.5; accommodation is worth b = 1 to the sender; the
        receiver gains G = 1 by pressing an Unresolved sender and loses W_R = 3 pressing a
        Resolved one, so it accommodates iff its belief mu >= mu* = G/(G + W_R) = 0.25.

        >>> import deterrence as dt
        >>> def signaling(pi, b=1.0, k_r=0.4, k_u=1.5, G=1.0, W_r=3.0):
        ...     t = dt.GameTree.builder(("Sender", "Receiver"), name="Costly signal")
        ...     t.chance("type", {"resolved": (pi, "R"), "unresolved": (1 - pi, "U")})
        ...     for ty, k, war in (("R", k_r, -W_r), ("U", k_u, G)):
        ...         t.decision(ty, "Sender", {"signal": f"{ty} signal", "quiet": f"{ty} quiet"})
        ...         for m, cost in (("signal", k), ("quiet", 0.0)):
        ...             t.decision(f"{ty} {m}", "Receiver",
        ...                        {"accommodate": f"{ty} {m} acc", "press": f"{ty} {m} press"},
        ...                        infoset=f"after {m}")
        ...             t.terminal(f"{ty} {m} acc", (b - cost, 0.0))
        ...             t.terminal(f"{ty} {m} press", (-cost, war))
        ...     return t.build()
        >>> eqs = signaling(0.2).pbe()
        >>> [q.kind for q in eqs]
        ['separating', 'pooling']
        >>> dict(eqs[0].strategies)
        {'R': 'signal', 'U': 'quiet', 'after signal': 'accommodate', 'after quiet': 'press'}
        >>> {h: dict(mu) for h, mu in eqs[0].beliefs.items()}
        {'after signal': {'R signal': 1.0, 'U signal': 0.0}, 'after quiet': {'R quiet': 0.0, 'U quiet': 1.0}}
        >>> dict(eqs[1].belief_ranges["after signal"])   # pooling on quiet needs mu(signal) <= mu*
        {'R signal': (0.0, 0.25), 'U signal': (0.75, 1.0)}
        """
        tol = float(tol)
        if not (math.isfinite(tol) and tol >= 0):
            raise ParameterError(f"tol must be a finite number >= 0; got {tol}.")
        eps = tol * self._payoff_scale
        belief_memo: dict = {}
        rule = self._off_path_rule(off_path_belief)
        # by player, then preorder: strategies read "Sender: ..., Receiver: ..."
        hs = sorted(self._infosets.values(), key=lambda h: self._players.index(h.player))
        n_profiles = math.prod(len(h.actions) for h in hs)
        if n_profiles > int(max_profiles):
            raise GameTooLargeError(
                f"the tree has {n_profiles} pure profiles (product of the action counts of its "
                f"{len(hs)} information sets); pbe() enumerates at most max_profiles="
                f"{max_profiles}. Raise max_profiles or simplify the tree."
            )
        pidx = {p: i for i, p in enumerate(self._players)}
        prior = self._chance_reach()
        kind_sets = self._signaling_sets()
        found = []
        for combo in itertools.product(*(h.actions for h in hs)):
            strat = {h.label: a for h, a in zip(hs, combo, strict=True)}
            choice = self._profile(strat)
            reach = self._reach(choice)
            value = self._values(strat)
            beliefs, ranges, off = {}, {}, []
            ok = True
            for h in hs:
                i = pidx[h.player]
                # payoff to the mover of each action at each node of h, under the continuation
                U = np.array(
                    [[value[self._nodes[n].child(a)][i] for a in h.actions] for n in h.nodes]
                )
                a_idx = h.actions.index(strat[h.label])
                total = math.fsum(reach[n] for n in h.nodes)
                if total > 0:
                    mu = np.array([reach[n] for n in h.nodes]) / total
                else:
                    off.append(h.label)
                    mu = rule(h, prior)
                    if mu is None:
                        bounds = _supporting_beliefs(U, a_idx, eps, belief_memo)
                        if bounds is None:
                            ok = False
                            break
                        if len(h.nodes) > 1:
                            ranges[h.label] = MappingProxyType(
                                dict(zip(h.nodes, bounds, strict=True))
                            )
                        continue
                eu = mu @ U
                if eu[a_idx] < eu.max() - eps:
                    ok = False
                    break
                if len(h.nodes) > 1:
                    beliefs[h.label] = MappingProxyType(
                        {n: float(p) for n, p in zip(h.nodes, mu, strict=True)}
                    )
            if not ok:
                continue
            kind = None
            if kind_sets:
                msgs = [strat[h] for h in kind_sets]
                kind = (
                    "pooling"
                    if len(set(msgs)) == 1
                    else "separating"
                    if len(set(msgs)) == len(msgs)
                    else "partially pooling"
                )
            found.append(
                PerfectBayesian(
                    strategies=MappingProxyType(strat),
                    beliefs=MappingProxyType(beliefs),
                    belief_ranges=MappingProxyType(ranges),
                    off_path=tuple(off),
                    payoffs=tuple(
                        float(v)
                        for v in sum(
                            reach[t] * np.asarray(self._nodes[t].payoffs) for t in self.terminals
                        )
                    ),
                    path=tuple(n for n in self._preorder if reach[n] > 0),
                    edges=tuple(
                        (self._parent[n][0], n)
                        for n in self._preorder
                        if n in self._parent and reach[n] > 0
                    ),
                    kind=kind,
                )
            )
        rule_repr = (
            dict(off_path_belief) if isinstance(off_path_belief, Mapping) else off_path_belief
        )
        return PerfectBayesianEquilibria(
            tree=self,
            equilibria=tuple(found),
            off_path_belief=rule_repr,
            tol=eps,
            profiles_checked=n_profiles,
        )

    def _values(self, strat: Mapping[str, str]) -> dict[str, np.ndarray]:
        """Continuation payoff vector at every node under a pure profile (all sets covered)."""
        value: dict[str, np.ndarray] = {}
        for n in reversed(self._preorder):
            node = self._nodes[n]
            if isinstance(node, Terminal):
                value[n] = np.asarray(node.payoffs, dtype=float)
            elif isinstance(node, Chance):
                value[n] = sum(
                    p * value[c] for p, c in zip(node.probabilities, node.children, strict=True)
                )
            else:
                value[n] = value[node.child(strat[self._node_infoset[n]])]
        return value

    def _chance_reach(self) -> dict[str, float]:
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

    def _signaling_sets(self) -> list[str] | None:
        root = self._nodes[self._root]
        if not isinstance(root, Chance) or len(root.children) < 2:
            return None
        kids = [self._nodes[c] for c in root.children]
        if not all(isinstance(k, Decision) for k in kids):
            return None
        if len({k.player for k in kids}) != 1:
            return None
        sets = [self._node_infoset[k.name] for k in kids]
        if any(len(self._infosets[h].nodes) != 1 for h in sets):
            return None
        if len({frozenset(k.actions) for k in kids}) != 1:
            return None
        return sets

    def _off_path_rule(self, rule):
        if isinstance(rule, str):
            if rule == "all":
                return lambda h, prior: None if len(h.nodes) > 1 else np.ones(1)
            if rule == "prior":

                def from_prior(h, prior):
                    p = np.array([prior[n] for n in h.nodes])
                    return p / p.sum() if p.sum() > 0 else np.full(len(p), 1 / len(p))

                return from_prior
            raise ParameterError(
                f"off_path_belief must be 'all', 'prior', a probability or a mapping; got "
                f"{rule!r}." + close_match_hint(rule, ("all", "prior"))
            )
        if isinstance(rule, Mapping):
            fixed = {}
            for lab, mu in rule.items():
                if lab not in self._infosets:
                    raise ParameterError(
                        f"off_path_belief names {lab!r}, which is not an information set; sets "
                        f"are {list(self._infosets)}." + close_match_hint(str(lab), self._infosets)
                    )
                h = self._infosets[lab]
                if not isinstance(mu, Mapping):
                    raise ParameterError(
                        f"off_path_belief[{lab!r}] must map nodes of the set to probabilities; "
                        f"got {mu!r}."
                    )
                vec = np.zeros(len(h.nodes))
                for n, p in mu.items():
                    if n not in h.nodes:
                        raise ParameterError(
                            f"off_path_belief[{lab!r}] names {n!r}, which is not in that "
                            f"information set; its nodes are {list(h.nodes)}."
                            + close_match_hint(str(n), h.nodes)
                        )
                    if isinstance(p, bool) or not isinstance(p, numbers.Real):
                        raise ProbabilityError(
                            f"off_path_belief[{lab!r}][{n!r}] must be a number; got {p!r}."
                        )
                    if not 0 <= float(p) <= 1:
                        raise ProbabilityError(
                            f"off_path_belief[{lab!r}][{n!r}] must lie in [0, 1]; got {float(p):g}."
                        )
                    vec[h.nodes.index(n)] = float(p)
                if abs(math.fsum(vec) - 1) > PROB_SUM_TOL:
                    raise ProbabilityError(
                        f"off_path_belief[{lab!r}] sums to {math.fsum(vec):.12g}, not 1."
                    )
                fixed[lab] = vec
            return lambda h, prior: fixed.get(h.label, None if len(h.nodes) > 1 else np.ones(1))
        if isinstance(rule, bool) or not isinstance(rule, numbers.Real):
            raise ParameterError(
                f"off_path_belief must be 'all', 'prior', a probability or a mapping; got {rule!r}."
            )
        q = float(rule)
        if not 0 <= q <= 1:
            raise ProbabilityError(f"off_path_belief must be a probability in [0, 1]; got {q:g}.")

        def first_node(h, prior):
            if len(h.nodes) == 1:
                return np.ones(1)
            if len(h.nodes) != 2:
                raise ParameterError(
                    f"off_path_belief={q:g} gives the probability of the first of two nodes, but "
                    f"information set {h.label!r} has {len(h.nodes)}; pass a mapping "
                    "{information set: {node: probability}} or 'all'."
                )
            return np.array([q, 1 - q])

        return first_node

    # -- drawing data and display ---------------------------------------------------------------
    def layout(self) -> dict[str, tuple[float, float]]:
        """Coordinates (x, y) of every node: leaves one unit apart left to right, each inner
        node centred over its children, y = -depth (root at the top).

        Examples
        --------
        >>> import deterrence as dt
        >>> t = dt.GameTree.builder(("A",)).decision("r", "A", {"x": "X", "y": "Y"})
        >>> t.terminal("X", (1,)).terminal("Y", (0,)).build().layout()
        {'r': (0.5, 0.0), 'X': (0.0, -1.0), 'Y': (1.0, -1.0)}
        """
        x: dict[str, float] = {}
        leaves = iter(range(len(self._preorder)))
        for n in self._preorder:
            if isinstance(self._nodes[n], Terminal):
                x[n] = float(next(leaves))
        for n in reversed(self._preorder):
            node = self._nodes[n]
            if not isinstance(node, Terminal):
                x[n] = (x[node.children[0]] + x[node.children[-1]]) / 2
        return {n: (x[n], -float(self._depth[n])) for n in self._preorder}

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


def _supporting_beliefs(U: np.ndarray, a: int, eps: float, memo: dict):
    """Per-node probability bounds over the beliefs mu (rows of U: nodes) at which action `a`
    is optimal, mu @ U[:, a] >= mu @ U[:, b] - eps for every b; None when there is none.

    `memo` (one per pbe() call): profiles that differ elsewhere share an information set's
    continuation payoffs, so the same small LPs recur many times."""
    key = (U.shape, U.tobytes(), a, eps)
    if key not in memo:
        memo[key] = _supporting_beliefs_uncached(U, a, eps)
    return memo[key]


def _supporting_beliefs_uncached(U: np.ndarray, a: int, eps: float):
    k = U.shape[0]
    if k == 1:
        return [(1.0, 1.0)] if U[0, a] >= U[0].max() - eps else None
    D = U[:, [a]] - np.delete(U, a, axis=1)  # (nodes, other actions): gains of a over b
    if k == 2:
        # with q = mu(first node), gain over b is D[1] + q (D[0] - D[1]) >= 0: an interval
        lo, hi = 0.0, 1.0
        for d0, d1 in D.T:
            s = d0 - d1
            if abs(s) <= 1e-15 * max(1.0, abs(d0), abs(d1)):
                if d1 < -eps:
                    return None
            elif s > 0:
                lo = max(lo, -d1 / s)
            else:
                hi = min(hi, -d1 / s)
        if lo > hi:
            # within tolerance, an empty interval is a single tied belief
            worst = min(float(np.min(D[1] + q * (D[0] - D[1]))) for q in (lo, hi))
            if worst < -eps:
                return None
            lo = hi = (lo + hi) / 2
        lo, hi = float(lo), float(hi)
        return [(lo, hi), (1.0 - hi, 1.0 - lo)]
    from scipy.optimize import linprog

    A_ub = -D.T
    b_ub = np.full(D.shape[1], eps)
    A_eq = np.ones((1, k))
    # one feasibility LP first: most candidate actions have no supporting belief at all
    if linprog(np.zeros(k), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=(0, 1)).status:
        return None
    out = []
    for j in range(k):
        c = np.zeros(k)
        bounds_j = []
        for sign in (1, -1):
            c[j] = sign
            res = linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=[1.0], bounds=(0, 1))
            if res.status != 0:
                return None
            bounds_j.append(float(res.x[j]))
        out.append((bounds_j[0], bounds_j[1]))
    return out
