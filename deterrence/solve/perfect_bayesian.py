"""Pure-strategy perfect Bayesian equilibria of a game tree, with beliefs.

:func:`pbe` finds every pure weak perfect Bayesian equilibrium (Fudenberg & Tirole 1991,
*Game Theory*, sec. 8.2; Mas-Colell, Whinston & Green 1995, *Microeconomic Theory*, Def. 9.C.3):
a pure profile and beliefs such that every action is optimal given the beliefs and the
continuation, beliefs following Bayes' rule wherever the profile reaches.

The search does not enumerate the product of every information set's actions. It assigns
information sets from the bottom of the tree up and checks each set as soon as its check is
determined: when the sets below it are fixed, its action must be optimal for *some* belief —
sequential rationality prunes first, whatever the belief rule; when the sets above it are fixed
too, for the Bayes belief on the path or the `off_path_belief` rule off it. The belief
conditions of a many-node information set are small linear programs over the belief simplex
(scipy's HiGHS), solved once per distinct continuation and memoised; two-node sets have a
closed form (an interval of the first node's probability). On the incomplete-information
Asymmetric Escalation Game (2 × 4 types, 82,944 pure profiles) this takes a few thousand
steps instead of enumerating every profile.

References: Fudenberg & Tirole (1991), sec. 8.2; Banks (1991), *Signaling Games in Political
Science*; Zagare & Kilgour (2000), *Perfect Deterrence*, ch. 6.
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

from ..errors import (
    GameTooLargeError,
    InvalidGameError,
    ParameterError,
    ProbabilityError,
    close_match_hint,
)
from ..tree import PROB_SUM_TOL, Chance, Decision, GameTree, Terminal

__all__ = ["pbe", "PerfectBayesian", "PerfectBayesianEquilibria"]


def _fmt(v: float) -> str:
    return f"{v + 0.0:.4g}"  # + 0.0 turns -0.0 (e.g. a zero cost subtracted) into 0


def _fmt_payoffs(p) -> str:
    return "(" + ", ".join(_fmt(v) for v in p) + ")"


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
    """Every pure-strategy perfect Bayesian equilibrium of a tree (:func:`pbe`).

    A sequence of :class:`PerfectBayesian`, with provenance: the off-path belief rule, the
    tolerance, the number of pure profiles covered (``profiles_checked``: every pure profile is
    either a PBE or was excluded by a failed check) and the number of partial profiles the
    search evaluated (``steps``).
    """

    tree: GameTree
    equilibria: tuple[PerfectBayesian, ...]
    off_path_belief: object
    tol: float
    profiles_checked: int
    steps: int = 0
    method: str = "search over pure assessments, pruned by sequential rationality"

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


def pbe(
    tree: GameTree,
    *,
    off_path_belief="all",
    tol: float = 1e-9,
    max_profiles: int = 200_000,
) -> PerfectBayesianEquilibria:
    """Every pure-strategy perfect Bayesian equilibrium of a tree, with beliefs.

    A pure profile (an action at every information set) is an equilibrium when every action is
    optimal given the continuation and the beliefs (sequential rationality, within ``tol`` ×
    the payoff spread): beliefs by Bayes' rule at the information sets the profile reaches, by
    `off_path_belief` at the others. This is weak PBE (Fudenberg & Tirole 1991, sec. 8.2;
    Mas-Colell, Whinston & Green 1995, Def. 9.C.3), which coincides with PBE in signaling
    games — a chance move drawing types, a sender who sees its type, a receiver who sees only
    the message. Mixed and semi-separating equilibria are not enumerated (check one with
    :meth:`GameTree.expected_payoffs` and :meth:`GameTree.beliefs`).

    How it searches (see the module docstring): information sets are assigned from the bottom
    of the tree up, and a partial profile is abandoned as soon as an assigned action is optimal
    for *no* belief given its (already fixed) continuation, or for the Bayes belief once the
    moves above it are fixed too. Every pure profile is thereby either returned or excluded by
    a failed check, in a few thousand steps where enumerating them all takes tens of
    thousands; each belief polytope is solved once per distinct continuation (memoised).

    Parameters
    ----------
    tree : GameTree
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
        Relative tolerance of optimality, scaled by ``tree.payoff_scale``.
    max_profiles : int
        GameTooLargeError when the search would evaluate more partial profiles (steps) than
        this.

    Returns
    -------
    PerfectBayesianEquilibria
        In the order of the pure profiles (information sets by player, then preorder; actions
        in declared order).

    Examples
    --------
    Costly signals of resolve (Fearon 1997; Banks 1991): the sender is Resolved w.p.
    pi = 0.2; a signal costs k_R = 0.4 or k_U = 1.5; accommodation is worth b = 1 to the
    sender; the receiver gains G = 1 by pressing an Unresolved sender and loses W_R = 3
    pressing a Resolved one, so it accommodates iff its belief mu >= mu* = G/(G + W_R) = 0.25.

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
    >>> eqs = dt.pbe(signaling(0.2))
    >>> [q.kind for q in eqs]
    ['separating', 'pooling']
    >>> dict(eqs[0].strategies)
    {'R': 'signal', 'U': 'quiet', 'after signal': 'accommodate', 'after quiet': 'press'}
    >>> {h: dict(mu) for h, mu in eqs[0].beliefs.items()}
    {'after signal': {'R signal': 1.0, 'U signal': 0.0}, 'after quiet': {'R quiet': 0.0, 'U quiet': 1.0}}
    >>> dict(eqs[1].belief_ranges["after signal"])   # pooling on quiet needs mu(signal) <= mu*
    {'R signal': (0.0, 0.25), 'U signal': (0.75, 1.0)}
    """
    if not isinstance(tree, GameTree):
        raise InvalidGameError(f"pbe takes a GameTree; got {type(tree).__name__}.")
    tol = float(tol)
    if not (math.isfinite(tol) and tol >= 0):
        raise ParameterError(f"tol must be a finite number >= 0; got {tol}.")
    if isinstance(max_profiles, bool) or int(max_profiles) < 1:
        raise ParameterError(f"max_profiles must be a positive integer; got {max_profiles!r}.")
    max_profiles = int(max_profiles)
    eps = tol * tree.payoff_scale
    rule = _off_path_rule(tree, off_path_belief)
    prior = tree.chance_reach()
    s = _Search(tree, eps, rule, prior, max_profiles)
    s.run()
    hs = s.hs
    found = []
    kind_sets = _signaling_sets(tree)
    for assign in sorted(s.solutions):
        strat = {h.label: h.actions[a] for h, a in zip(hs, assign, strict=True)}
        found.append(s.assessment(strat, assign, kind_sets))
    rule_repr = dict(off_path_belief) if isinstance(off_path_belief, Mapping) else off_path_belief
    return PerfectBayesianEquilibria(
        tree=tree,
        equilibria=tuple(found),
        off_path_belief=rule_repr,
        tol=eps,
        profiles_checked=math.prod(len(h.actions) for h in hs),
        steps=s.steps,
    )


class _Search:
    """Depth-first search over pure profiles, information sets assigned bottom-up.

    Each information set h gets two check points in the assignment order: once every set in
    the subtrees below h's nodes is assigned (its continuation payoffs U are fixed), the chosen
    action must be optimal for *some* belief (a necessary condition under every belief rule);
    once the sets on the paths above h's nodes are assigned too (its reach is fixed), the full
    condition — Bayes' rule on the path, `rule` off it. A profile that passes every check is a
    PBE; every profile that fails is excluded with all its completions, which is what makes the
    search short."""

    def __init__(self, tree: GameTree, eps: float, rule, prior, max_steps: int):
        self.tree, self.eps, self.rule, self.prior = tree, eps, rule, prior
        self.max_steps = max_steps
        players = tree.players
        self.hs = hs = sorted(tree.infosets.values(), key=lambda h: players.index(h.player))
        self.hidx = hidx = {h.label: k for k, h in enumerate(hs)}
        self.pidx = {p: i for i, p in enumerate(players)}
        nodes, pre = tree.nodes, tree.preorder
        index = {n: k for k, n in enumerate(pre)}
        end: dict[str, int] = {}
        for n in reversed(pre):
            node = nodes[n]
            end[n] = index[n] + 1 if isinstance(node, Terminal) else end[node.children[-1]]
        self.index, self.end = index, end
        # per node: its information set (index) or -1; per node of a set: children per action
        self.set_of = {n: hidx[tree.infoset_of(n)] for n in pre if isinstance(nodes[n], Decision)}
        self.kids = [
            [[nodes[n].child(a) for a in h.actions] for n in h.nodes] for h in hs
        ]  # set -> node -> action -> child
        # below[h]: sets with a node strictly inside the subtree of a node of h; path[n]: the
        # (set, action) pairs on the path from the root to n
        below = [set() for _ in hs]
        for k, h in enumerate(hs):
            for n in h.nodes:
                for m in pre[index[n] + 1 : end[n]]:
                    if m in self.set_of:
                        below[k].add(self.set_of[m])
        path: dict[str, tuple] = {tree.root: ()}
        for n in pre:
            node = nodes[n]
            if isinstance(node, Terminal):
                continue
            if isinstance(node, Decision):
                k = self.set_of[n]
                acts = hs[k].actions
                for a, c in zip(node.actions, node.children, strict=True):
                    path[c] = path[n] + ((k, acts.index(a)),)
            else:
                for c in node.children:
                    path[c] = path[n]
        self.path = path
        above = [{k for n in h.nodes for k, _ in path[n]} for h in hs]
        order = _bottom_up(below)
        pos = {h: p for p, h in enumerate(order)}
        self.order = order
        K = len(hs)
        self.any_checks = [[] for _ in range(K)]
        self.full_checks = [[] for _ in range(K)]
        for k in range(K):
            p_any = max([pos[k]] + [pos[j] for j in below[k]])
            p_full = max([p_any] + [pos[j] for j in above[k]])
            if p_full > p_any:
                self.any_checks[p_any].append(k)
            self.full_checks[p_full].append(k)
        self.assign = [-1] * K
        self.steps = 0
        self.solutions: list[tuple[int, ...]] = []
        self.memo: dict = {}
        self.ranges: dict = {}

    # -- payoffs ----------------------------------------------------------------------------
    def _values(self, k: int) -> np.ndarray:
        """U[node of set k, action]: the mover's continuation payoff (assigned sets below)."""
        tree, nodes, pre, assign = self.tree, self.tree.nodes, self.tree.preorder, self.assign
        i = self.pidx[self.hs[k].player]
        h = self.hs[k]
        U = np.empty((len(h.nodes), len(h.actions)))
        for r, n in enumerate(h.nodes):
            val: dict[str, float] = {}
            for m in reversed(pre[self.index[n] + 1 : self.end[n]]):
                node = nodes[m]
                if isinstance(node, Terminal):
                    val[m] = node.payoffs[i]
                elif isinstance(node, Chance):
                    val[m] = sum(
                        p * val[c] for p, c in zip(node.probabilities, node.children, strict=True)
                    )
                else:
                    j = self.set_of[m]
                    val[m] = val[node.child(self.hs[j].actions[assign[j]])]
            for a, c in enumerate(self.kids[k][r]):
                U[r, a] = val[c]
        del tree
        return U

    def _reach(self, k: int) -> np.ndarray:
        assign, prior = self.assign, self.prior
        return np.array(
            [
                prior[n] if all(assign[j] == a for j, a in self.path[n]) else 0.0
                for n in self.hs[k].nodes
            ]
        )

    # -- checks -----------------------------------------------------------------------------
    def _some_belief(self, k: int) -> bool:
        U = self._values(k)
        a = self.assign[k]
        if U.shape[0] == 2:
            # the relaxed test (every gain >= -eps at some q), so that pruning never drops a
            # profile whose Bayes belief passes the full check within the tolerance
            D = U[:, [a]] - np.delete(U, a, axis=1)
            lo, hi = 0.0, 1.0
            for d0, d1 in D.T:
                s = d0 - d1  # gain over b at q = mu(first node): d1 + q s >= -eps
                if s > 0:
                    lo = max(lo, (-self.eps - d1) / s)
                elif s < 0:
                    hi = min(hi, (-self.eps - d1) / s)
                elif d1 < -self.eps:
                    return False
            return lo <= hi
        return _supporting_beliefs(U, a, self.eps, self.memo) is not None

    def _full(self, k: int) -> bool:
        h = self.hs[k]
        U = self._values(k)
        a = self.assign[k]
        reach = self._reach(k)
        total = math.fsum(reach)
        if total > 0:
            mu = reach / total
        else:
            mu = self.rule(h, self.prior)
            if mu is None:
                return _supporting_beliefs(U, a, self.eps, self.memo) is not None
        eu = mu @ U
        return bool(eu[a] >= eu.max() - self.eps)

    def run(self):
        K = len(self.hs)
        order, assign = self.order, self.assign
        nxt = [0] * (K + 1)
        p = 0
        while p >= 0:
            if p == K:
                self.solutions.append(tuple(assign))
                p -= 1
                continue
            k = order[p]
            if nxt[p] >= len(self.hs[k].actions):
                nxt[p] = 0
                assign[k] = -1
                p -= 1
                continue
            assign[k] = nxt[p]
            nxt[p] += 1
            self.steps += 1
            if self.steps > self.max_steps:
                raise GameTooLargeError(
                    f"the search for pure PBE evaluated more than max_profiles={self.max_steps} "
                    f"partial profiles (the tree has "
                    f"{math.prod(len(h.actions) for h in self.hs)} pure profiles over "
                    f"{K} information sets). Raise max_profiles or simplify the tree."
                )
            if all(self._some_belief(j) for j in self.any_checks[p]) and all(
                self._full(j) for j in self.full_checks[p]
            ):
                p += 1

    # -- the reported assessment ------------------------------------------------------------
    def assessment(self, strat, assign, kind_sets) -> PerfectBayesian:
        tree = self.tree
        self.assign[:] = assign
        reach = tree.reach_probabilities(strat)
        beliefs, ranges, off = {}, {}, []
        for k, h in enumerate(self.hs):
            total = math.fsum(reach[n] for n in h.nodes)
            if total > 0:
                mu = np.array([reach[n] for n in h.nodes]) / total
            else:
                off.append(h.label)
                mu = self.rule(h, self.prior)
                if mu is None:
                    bounds = _supporting_beliefs(self._values(k), assign[k], self.eps, self.memo)
                    if len(h.nodes) > 1:
                        ranges[h.label] = MappingProxyType(dict(zip(h.nodes, bounds, strict=True)))
                    continue
            if len(h.nodes) > 1:
                beliefs[h.label] = MappingProxyType(
                    {n: float(p) for n, p in zip(h.nodes, mu, strict=True)}
                )
        kind = None
        if kind_sets:
            msgs = {strat[h] for h in kind_sets}
            kind = (
                "pooling"
                if len(msgs) == 1
                else "separating"
                if len(msgs) == len(kind_sets)
                else "partially pooling"
            )
        payoffs = np.zeros(len(tree.players))
        for t in tree.terminals:
            if reach[t] > 0:
                payoffs += reach[t] * np.asarray(tree.nodes[t].payoffs)
        pre = tree.preorder
        return PerfectBayesian(
            strategies=MappingProxyType(strat),
            beliefs=MappingProxyType(beliefs),
            belief_ranges=MappingProxyType(ranges),
            off_path=tuple(off),
            payoffs=tuple(float(v) for v in payoffs),
            path=tuple(n for n in pre if reach[n] > 0),
            edges=tuple((tree.parent(n)[0], n) for n in pre if n != tree.root and reach[n] > 0),
            kind=kind,
        )


def _bottom_up(below: list[set]) -> list[int]:
    """Information sets ordered so that each comes after the sets below it where possible.

    A topological order of "has a node below" (Kahn's algorithm, ties by index); sets on a
    cycle of that relation (possible without perfect recall across players) follow in index
    order — the check points then simply come later."""
    K = len(below)
    succ = [[] for _ in range(K)]
    indeg = [0] * K
    for k in range(K):
        for j in below[k]:
            if j != k:
                succ[j].append(k)
                indeg[k] += 1
    import heapq

    ready = [k for k in range(K) if indeg[k] == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        j = heapq.heappop(ready)
        out.append(j)
        for k in succ[j]:
            indeg[k] -= 1
            if indeg[k] == 0:
                heapq.heappush(ready, k)
    done = set(out)
    return out + [k for k in range(K) if k not in done]


def _signaling_sets(tree: GameTree) -> list[str] | None:
    root = tree.nodes[tree.root]
    if not isinstance(root, Chance) or len(root.children) < 2:
        return None
    kids = [tree.nodes[c] for c in root.children]
    if not all(isinstance(k, Decision) for k in kids):
        return None
    if len({k.player for k in kids}) != 1:
        return None
    sets = [tree.infoset_of(k.name) for k in kids]
    if any(len(tree.infosets[h].nodes) != 1 for h in sets):
        return None
    if len({frozenset(k.actions) for k in kids}) != 1:
        return None
    return sets


def _off_path_rule(tree: GameTree, rule):
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
            if lab not in tree.infosets:
                raise ParameterError(
                    f"off_path_belief names {lab!r}, which is not an information set; sets "
                    f"are {list(tree.infosets)}." + close_match_hint(str(lab), tree.infosets)
                )
            h = tree.infosets[lab]
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
    return _polytope_bounds(D, eps)


#: vertex enumeration of a belief polytope solves at most this many k×k systems; beyond it
#: (information sets of many nodes) the bounds come from linear programs (scipy's HiGHS)
MAX_VERTEX_SYSTEMS = 20_000


def _polytope_bounds(D: np.ndarray, eps: float):
    """Per-node bounds of {mu in the simplex : mu @ D >= -eps} (D: nodes × other actions), or
    None when it is empty.

    The set is a bounded polytope, so each bound is attained at a vertex, and every vertex is
    the solution of k linearly independent active constraints: sum(mu) = 1 and k - 1 of the
    inequalities (mu_j >= 0, gains >= -eps). Enumerating those small systems is exact and, for
    the few nodes and actions of an information set, much faster than linear programs."""
    k, m = D.shape
    G = np.vstack([-D.T, -np.eye(k)])  # G @ mu <= h
    h = np.concatenate([np.full(m, eps), np.zeros(k)])
    n_systems = math.comb(m + k, k - 1)
    if n_systems > MAX_VERTEX_SYSTEMS:
        return _linprog_bounds(G, h, k)
    rows = np.array(list(itertools.combinations(range(m + k), k - 1)), dtype=np.intp)
    A = np.empty((len(rows), k, k))
    A[:, 0, :] = 1.0
    A[:, 1:, :] = G[rows]
    b = np.zeros((len(rows), k))
    b[:, 0] = 1.0
    b[:, 1:] = h[rows]
    ok = np.abs(np.linalg.det(A)) > 1e-12
    if not ok.any():
        return None
    x = np.linalg.solve(A[ok], b[ok][..., None])[..., 0]
    slack_tol = 1e-9 * max(1.0, float(np.abs(D).max()))
    feasible = x[np.all(x @ G.T <= h + slack_tol, axis=1)]
    if not len(feasible):
        return None
    lo = np.clip(feasible.min(axis=0), 0.0, 1.0)
    hi = np.clip(feasible.max(axis=0), 0.0, 1.0)
    return [(float(a), float(c)) for a, c in zip(lo, hi, strict=True)]


def _linprog_bounds(G: np.ndarray, h: np.ndarray, k: int):
    from scipy.optimize import linprog

    A_eq = np.ones((1, k))
    # one feasibility LP first: most candidate actions have no supporting belief at all
    if linprog(np.zeros(k), A_ub=G, b_ub=h, A_eq=A_eq, b_eq=[1.0], bounds=(0, 1)).status:
        return None
    out = []
    for j in range(k):
        c = np.zeros(k)
        bounds_j = []
        for sign in (1, -1):
            c[j] = sign
            res = linprog(c, A_ub=G, b_ub=h, A_eq=A_eq, b_eq=[1.0], bounds=(0, 1))
            if res.status != 0:
                return None
            bounds_j.append(float(res.x[j]))
        out.append((bounds_j[0], bounds_j[1]))
    return out
