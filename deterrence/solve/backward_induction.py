"""Subgame-perfect equilibrium of a game tree by backward induction, with every tie reported.

:func:`spe` walks a :class:`~deterrence.tree.GameTree` once from the leaves up (reverse
preorder: linear in the number of nodes, no recursion), then enumerates every subgame-perfect
pure plan when ties make more than one. Chance nodes contribute expected payoffs. For a stack of
trees of one shape (sweeps, phase diagrams, uncertainty draws) use
:func:`deterrence.solve.tree_batch.spe_many`, which runs the same rule vectorised.

The tie rule: at a decision node, an action is optimal when its continuation gives the mover at
least the best continuation minus ``tol × tree.payoff_scale``; ``plan`` takes the first declared
optimal action and the tie is listed, never broken silently.

References: Zermelo (1913), Kuhn (1953); Osborne & Rubinstein (1994), *A Course in Game Theory*,
Prop. 99.2 (Kuhn's theorem: backward induction gives the subgame-perfect equilibria of a finite
game of perfect information); Zagare & Kilgour (2000), *Perfect Deterrence*, ch. 3.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..errors import GameTooLargeError, InvalidGameError, ParameterError
from ..tree import Chance, GameTree, Terminal

__all__ = ["spe", "SubgamePerfect", "Tie", "require_perfect_information"]


def _fmt(v: float) -> str:
    return f"{v + 0.0:.4g}"  # + 0.0 turns -0.0 (e.g. a zero cost subtracted) into 0


def _fmt_payoffs(p) -> str:
    return "(" + ", ".join(_fmt(v) for v in p) + ")"


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
    """The result of backward induction (:func:`spe`).

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
        """`plan` as reduced-strategy labels, one per player (those of
        :func:`~deterrence.solve.normal_form.reduced_normal_form`)."""
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


def require_perfect_information(tree: GameTree, what: str) -> None:
    """InvalidGameError naming the first information set with more than one node."""
    if not isinstance(tree, GameTree):
        raise InvalidGameError(
            f"{what} takes a GameTree (build one with dt.GameTree.builder); got "
            f"{type(tree).__name__}."
        )
    for h in tree.infosets.values():
        if len(h.nodes) > 1:
            raise InvalidGameError(
                f"{what} needs perfect information, but information set {h.label!r} joins "
                f"nodes {list(h.nodes)}. Use dt.pbe(tree) for perfect Bayesian equilibria, or "
                "dt.solve(dt.reduced_normal_form(tree)) for all Nash equilibria."
            )


def _tol(tol) -> float:
    if isinstance(tol, bool):
        raise ParameterError(f"tol must be a finite number >= 0; got {tol!r}.")
    try:
        tol = float(tol)
    except (TypeError, ValueError):
        raise ParameterError(f"tol must be a finite number >= 0; got {tol!r}.") from None
    if not (math.isfinite(tol) and tol >= 0):
        raise ParameterError(f"tol must be a finite number >= 0; got {tol}.")
    return tol


def spe(tree: GameTree, *, tol: float = 1e-9, max_plans: int = 10_000) -> SubgamePerfect:
    """Subgame-perfect equilibrium by backward induction (perfect information; chance nodes
    contribute expected payoffs).

    Ties are never broken silently: every decision node where several actions are optimal
    (within ``tol`` × the payoff spread) is listed in ``.ties``, and ``.plans`` holds every
    subgame-perfect pure plan. ``.plan`` takes the first declared optimal action at a tie.

    Parameters
    ----------
    tree : GameTree
    tol : float
        Relative tolerance for calling two payoffs equal (scaled by ``tree.payoff_scale``,
        max(1, payoff spread)).
    max_plans : int
        Enumerating every SPE plan stops with GameTooLargeError beyond this many.

    Returns
    -------
    SubgamePerfect

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
    >>> s = dt.spe(t)
    >>> [str(tie) for tie in s.ties]
    ['challenged (Defender): concede = deny all give -1']
    >>> [dict(p) for p in s.plans]
    [{'start': 'demand', 'challenged': 'concede'}, {'start': 'cooperate', 'challenged': 'deny'}]
    """
    require_perfect_information(tree, "backward induction")
    eps = _tol(tol) * tree.payoff_scale
    max_plans = int(max_plans)
    nodes, players = tree.nodes, tree.players
    pidx = {p: i for i, p in enumerate(players)}
    vals: dict[str, np.ndarray] = {}
    plan: dict[str, str] = {}
    ties: list[Tie] = []
    for n in reversed(tree.preorder):
        node = nodes[n]
        if isinstance(node, Terminal):
            vals[n] = np.asarray(node.payoffs, dtype=float)
        elif isinstance(node, Chance):
            vals[n] = sum(
                p * vals[c] for p, c in zip(node.probabilities, node.children, strict=True)
            )
        else:
            i = pidx[node.player]
            cv = [float(vals[c][i]) for c in node.children]
            best = max(cv)
            tied = [k for k, v in enumerate(cv) if v >= best - eps]
            plan[n] = node.actions[tied[0]]
            vals[n] = vals[node.children[tied[0]]]
            if len(tied) > 1:
                acts = tuple(node.actions[k] for k in tied)
                ties.append(Tie(n, node.player, acts, acts[0], float(best)))
    order = {n: k for k, n in enumerate(tree.preorder)}
    plan = {n: plan[n] for n in sorted(plan, key=order.__getitem__)}
    ties.sort(key=lambda t: order[t.node])
    if ties:
        plans = _all_spe_plans(tree, eps, max_plans, pidx, order)
        canon = tuple(plan.items())
        plans.sort(key=lambda p: p != canon)  # stable: the canonical plan first
    else:
        # no tie anywhere: every subtree has one optimal continuation, so the plan is unique
        plans = [tuple(plan.items())]
    return SubgamePerfect(
        tree=tree,
        plan=MappingProxyType(plan),
        payoffs=tuple(float(v) for v in vals[tree.root]),
        path=tree.path(plan),
        edges=tree.path_edges(plan),
        ties=tuple(ties),
        plans=tuple(MappingProxyType(dict(p)) for p in plans),
        tol=eps,
    )


def _flatten(moves) -> list[tuple[str, str]]:
    """A plan stored as nested tuples ((node, action), sub, sub, ...) -> its (node, action) pairs.

    Nesting keeps building a plan O(1) per node (no copying of the subtrees' plans); flattening
    it once is linear, and iterative."""
    out, stack = [], [moves]
    while stack:
        m = stack.pop()
        if not m:
            continue
        if isinstance(m[0], str):
            out.append(m)
        else:
            stack.extend(m)
    return out


def _all_spe_plans(tree: GameTree, eps: float, max_plans: int, pidx, order) -> list[tuple]:
    # entries[n]: every SPE of the subtree at n as (payoff vector, nested moves); at a decision
    # node, action a with continuation e is optimal when every other child's continuation gives
    # the mover at most e's payoff (+eps): count those combinations first.
    import itertools

    nodes = tree.nodes
    entries: dict[str, list[tuple[np.ndarray, tuple]]] = {}
    for n in reversed(tree.preorder):
        node = nodes[n]
        if isinstance(node, Terminal):
            entries[n] = [(np.asarray(node.payoffs, dtype=float), ())]
            continue
        lists = [entries.pop(c) for c in node.children]
        if isinstance(node, Chance):
            _check_plan_count(math.prod(len(e) for e in lists), max_plans)
            entries[n] = [
                (
                    sum(p * e[0] for p, e in zip(node.probabilities, combo, strict=True)),
                    tuple(e[1] for e in combo),
                )
                for combo in itertools.product(*lists)
            ]
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
        _check_plan_count(total, max_plans)
        new = []
        for k, E in enumerate(lists):
            for v, sub in E:
                pools = [
                    [(v, sub)] if j == k else [e for e in F if e[0][i] <= v[i] + eps]
                    for j, F in enumerate(lists)
                ]
                for combo in itertools.product(*pools):
                    new.append((v, ((n, node.actions[k]),) + tuple(e[1] for e in combo)))
        entries[n] = new
    return [tuple(sorted(_flatten(p), key=lambda x: order[x[0]])) for _, p in entries[tree.root]]


def _check_plan_count(total: int, max_plans: int):
    if total > max_plans:
        raise GameTooLargeError(
            f"ties make at least {total} subgame-perfect plans (max_plans={max_plans}). "
            "Raise max_plans, or perturb payoffs to break the ties you do not mean."
        )
