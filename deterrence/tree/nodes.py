"""Node records of a game tree and the builder that collects them.

:class:`Decision`, :class:`Chance` and :class:`Terminal` validate themselves at construction;
:class:`TreeBuilder` collects them one call at a time and ``build()`` hands them to
:class:`~deterrence.tree.GameTree`, which validates the tree as a whole.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._check import labels
from ..errors import (
    InvalidGameError,
    ParameterError,
    ProbabilityError,
    close_match_hint,
)

if TYPE_CHECKING:  # for the annotation of TreeBuilder.build only
    from .game_tree import GameTree

#: the name shown for the chance player in outlines and drawings
NATURE = "Nature"
#: the strategy label of a player who never moves (``dt.reduced_normal_form``)
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
_NODE_TYPES = (Decision, Chance, Terminal)


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
        """Validate the nodes and return the frozen :class:`~deterrence.tree.GameTree`."""
        from .game_tree import GameTree

        return GameTree(self._players, tuple(self._nodes.values()), root=root, name=self._name)


def _players(players) -> tuple[str, ...]:
    if isinstance(players, str) or not isinstance(players, Sequence) or len(players) == 0:
        raise InvalidGameError(
            f"players must be a non-empty sequence of names, e.g. ('Challenger', 'Defender'); "
            f"got {players!r}."
        )
    return labels(players, len(players), "players", "P")
