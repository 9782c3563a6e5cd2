"""Agent logit QRE of a game tree (the strategic choice model).

Each information set is played by its own "agent" who chooses action a with probability
proportional to ``exp(λ · Q(a))``, where Q(a) is the mover's expected payoff of a given the
beliefs at the set and the behaviour of every agent after it (McKelvey & Palfrey 1998, "Quantal
response equilibria for extensive form games", *Experimental Economics* 1:9–41).

* **Perfect information** (every information set a single node): the QRE is unique and comes in
  closed form by backward recursion — at each node the mover's logit choice over the children's
  values, the node's value their probability-weighted mean. This is Signorino's strategic choice
  model with agent error (Signorino 1999, "Strategic interaction and the statistical analysis of
  international conflict", *American Political Science Review* 93(2):279–297).
* **Information sets**: the beliefs at a set are Bayes' rule on the reach probabilities (every
  action has positive probability, so every set with positive chance reach is reached) and the
  QRE is a fixed point, solved by Newton's method on the log-probabilities, continued from the
  uniform profile at λ = 0.

Chance nodes move with the tree's probabilities. λ is in normalised units by default (each
player's terminal payoffs divided by their spread, max − min) or in payoff units. Every result
is checked as a fixed point of the agent logit response (error ≤ :data:`FIXED_POINT_TOL`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from ..errors import EquilibriumCheckError, ParameterError, SolverTimeoutError
from .qre import FIXED_POINT_TOL, _check_lam, _check_units

__all__ = ["AgentQRE", "AgentQREPath", "agent_qre", "agent_qre_path", "modal_change"]


class _Compiled:
    """The tree as arrays: nodes in preorder, children as indices, payoffs per player."""

    def __init__(self, tree, units):
        from ..tree import Chance, Decision, Terminal

        _check_units(units)
        self.tree = tree
        self.names = list(tree.preorder)
        index = {n: k for k, n in enumerate(self.names)}
        self.players = tuple(tree.players)
        pay = np.array([tree.nodes[t].payoffs for t in tree.terminals], dtype=float).reshape(
            -1, len(self.players)
        )
        spread = pay.max(axis=0) - pay.min(axis=0)
        self.scale = (
            np.where(spread > 0, spread, 1.0) if units == "normalized" else np.ones(len(spread))
        )
        self.infosets = list(tree.infosets)
        self.actions = {h: tree.infosets[h].actions for h in self.infosets}
        self.mover = {h: self.players.index(tree.infosets[h].player) for h in self.infosets}
        # flat index of (infoset, action) into a vector of log-probabilities
        self.offset, k = {}, 0
        for h in self.infosets:
            self.offset[h] = k
            k += len(self.actions[h])
        self.size = k
        self.kind, self.children, self.probs, self.payoff, self.slot = [], [], [], [], []
        for n in self.names:
            node = tree.nodes[n]
            if isinstance(node, Terminal):
                self.kind.append("t")
                self.payoff.append(np.asarray(node.payoffs, float) / self.scale)
                self.children.append(())
                self.probs.append(None)
                self.slot.append(None)
            elif isinstance(node, Chance):
                self.kind.append("c")
                self.payoff.append(None)
                self.children.append(tuple(index[c] for c in node.children))
                self.probs.append(np.asarray(node.probabilities, float))
                self.slot.append(None)
            elif isinstance(node, Decision):
                h = node.infoset_label
                acts = self.actions[h]
                self.kind.append("d")
                self.payoff.append(None)
                self.children.append(tuple(index[c] for c in node.children))
                self.probs.append(None)
                # slots of this node's children's actions in the infoset's action order
                self.slot.append(
                    (h, np.array([self.offset[h] + acts.index(a) for a in node.actions]))
                )
        self.perfect = tree.is_perfect_information

    # -- perfect information: closed form, vectorised over λ ------------------------------------
    def backward(self, lams: np.ndarray):
        """(values at the root (k, players), choice probabilities (k, size))."""
        k = len(lams)
        V = [None] * len(self.names)
        P = np.zeros((k, self.size))
        for i in reversed(range(len(self.names))):
            kind = self.kind[i]
            if kind == "t":
                V[i] = np.broadcast_to(self.payoff[i], (k, len(self.players)))
            elif kind == "c":
                V[i] = sum(p * V[c] for p, c in zip(self.probs[i], self.children[i], strict=True))
            else:
                h, slots = self.slot[i]
                j = self.mover[h]
                u = np.stack([V[c][:, j] for c in self.children[i]], axis=1)
                z = lams[:, None] * u
                z = z - z.max(axis=1, keepdims=True)
                p = np.exp(z)
                p /= p.sum(axis=1, keepdims=True)
                P[:, slots] = p
                V[i] = np.einsum("ka,kap->kp", p, np.stack([V[c] for c in self.children[i]], 1))
        return V[0], P

    # -- general: values and action values given a behaviour profile ----------------------------
    def action_values(self, sigma: np.ndarray):
        """Q (size,): each infoset action's belief-weighted value to its mover; and reach."""
        n = len(self.names)
        V = [None] * n
        for i in reversed(range(n)):
            kind = self.kind[i]
            if kind == "t":
                V[i] = self.payoff[i]
            elif kind == "c":
                V[i] = sum(p * V[c] for p, c in zip(self.probs[i], self.children[i], strict=True))
            else:
                _, slots = self.slot[i]
                V[i] = sum(sigma[s] * V[c] for s, c in zip(slots, self.children[i], strict=True))
        reach = np.zeros(n)
        reach[0] = 1.0
        for i in range(n):
            kind = self.kind[i]
            if kind == "c":
                for p, c in zip(self.probs[i], self.children[i], strict=True):
                    reach[c] = reach[i] * p
            elif kind == "d":
                _, slots = self.slot[i]
                for s, c in zip(slots, self.children[i], strict=True):
                    reach[c] = reach[i] * sigma[s]
        Q = np.zeros(self.size)
        W = np.zeros(self.size)
        members = {}
        for i in range(n):
            if self.kind[i] == "d":
                members.setdefault(self.slot[i][0], []).append(i)
        for h, nodes in members.items():
            j = self.mover[h]
            w = np.array([reach[i] for i in nodes])
            # a set chance never reaches: beliefs uniform over its nodes (any rule gives a QRE
            # there; uniform is the limit of trembles that are equal at every node)
            w = w / w.sum() if w.sum() > 0 else np.full(len(nodes), 1 / len(nodes))
            for wi, i in zip(w, nodes, strict=True):
                _, slots = self.slot[i]
                for s, c in zip(slots, self.children[i], strict=True):
                    Q[s] += wi * V[c][j]
                    W[s] += wi
        return Q, reach

    def response(self, sigma: np.ndarray, lam: float) -> np.ndarray:
        Q, _ = self.action_values(sigma)
        out = np.empty(self.size)
        for h in self.infosets:
            o = self.offset[h]
            sl = slice(o, o + len(self.actions[h]))
            z = lam * Q[sl]
            z = np.exp(z - z.max())
            out[sl] = z / z.sum()
        return out

    def uniform(self) -> np.ndarray:
        out = np.empty(self.size)
        for h in self.infosets:
            o = self.offset[h]
            out[o : o + len(self.actions[h])] = 1.0 / len(self.actions[h])
        return out


def _newton(c: _Compiled, lam: float, start: np.ndarray):
    from scipy.optimize import root

    def F(logs):
        return logs - np.log(c.response(np.exp(logs), lam))

    sol = root(F, np.log(start), method="hybr", options={"xtol": 1e-13})
    sigma = np.exp(sol.x)
    return sigma, sol.success and float(np.abs(c.response(sigma, lam) - sigma).max()) < 1e-10


def _solve(c: _Compiled, lam: float, *, max_steps: int = 2000) -> np.ndarray:
    if c.perfect:
        return c.backward(np.array([lam]))[1][0]
    sigma, at, step = c.uniform(), 0.0, max(lam, 1e-3)
    steps = 0
    while at < lam:
        steps += 1
        if steps > max_steps:
            raise SolverTimeoutError(
                f"the agent QRE continuation did not reach λ = {lam:g} in {max_steps} steps "
                f"(it stopped at λ = {at:.4g}); ask for a smaller λ."
            )
        nxt = min(lam, at + step)
        new, ok = _newton(c, nxt, sigma)
        if ok:
            sigma, at, step = new, nxt, step * 2
        else:
            step /= 4
            if step < 1e-10:
                raise SolverTimeoutError(
                    f"the agent QRE continuation stalled at λ = {at:.6g}; the tree may have a "
                    "bifurcation of its QRE correspondence there."
                )
    return sigma


def _gate(c: _Compiled, sigma: np.ndarray, lam: float) -> float:
    err = float(np.abs(c.response(sigma, lam) - sigma).max())
    if not err <= FIXED_POINT_TOL:
        raise EquilibriumCheckError(
            f"the computed agent QRE at λ = {lam:g} is not a fixed point of the logit response "
            f"(error {err:.2e} > {FIXED_POINT_TOL:g}). This is a solver bug; please report it "
            "with the tree."
        )
    return err


def _behavior(c: _Compiled, sigma) -> Mapping:
    return MappingProxyType(
        {
            h: MappingProxyType(
                {a: float(sigma[c.offset[h] + k]) for k, a in enumerate(c.actions[h])}
            )
            for h in c.infosets
        }
    )


@dataclass(frozen=True, eq=False)
class AgentQRE:
    """An agent logit QRE of a game tree.

    Attributes
    ----------
    lam : float
        λ, in `units`.
    units : str
        ``"normalized"`` (each player's payoffs divided by their spread) or ``"payoff"``.
    behavior : mapping
        Information set label -> {action: probability}.
    beliefs : mapping
        Information set label -> {node: probability} (Bayes' rule on the reach probabilities).
    reach : mapping
        Node -> probability the play reaches it.
    outcomes : mapping
        Terminal node -> probability it is the outcome.
    payoffs : tuple of float
        Expected payoffs, in the tree's units, in player order.
    players : tuple of str
    error : float
        Fixed-point error (≤ :data:`~deterrence.solve.qre.FIXED_POINT_TOL`).
    """

    lam: float
    units: str
    behavior: Mapping
    beliefs: Mapping
    reach: Mapping
    outcomes: Mapping
    payoffs: tuple[float, ...]
    players: tuple[str, ...]
    error: float

    def probability(self, infoset: str, action: str) -> float:
        """The probability of `action` at `infoset` (or at the decision node so named)."""
        if infoset not in self.behavior:
            from ..errors import close_match_hint

            raise ParameterError(
                f"{infoset!r} is not an information set of the tree; they are "
                f"{list(self.behavior)}." + close_match_hint(str(infoset), self.behavior)
            )
        acts = self.behavior[infoset]
        if action not in acts:
            from ..errors import close_match_hint

            raise ParameterError(
                f"information set {infoset!r} has no action {action!r}; its actions are "
                f"{list(acts)}." + close_match_hint(str(action), acts)
            )
        return acts[action]

    def to_frame(self):
        """A pandas DataFrame, one row per (information set, action): ``infoset``, ``action``,
        ``probability``."""
        import pandas as pd

        return pd.DataFrame(
            [
                {"infoset": h, "action": a, "probability": p}
                for h, acts in self.behavior.items()
                for a, p in acts.items()
            ]
        )

    def __repr__(self):
        first = next(iter(self.behavior))
        shown = ", ".join(f"{a} {p:.3g}" for a, p in self.behavior[first].items())
        return f"<AgentQRE λ={self.lam:.4g} ({self.units}); at {first!r}: {shown}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(h)}</td><td>"
            + ", ".join(f"{html.escape(a)} {p:.3g}" for a, p in acts.items())
            + "</td></tr>"
            for h, acts in self.behavior.items()
        )
        return (
            f"<div><b>agent logit QRE</b> at λ = {self.lam:.4g} ({html.escape(self.units)} "
            f"units); fixed-point error {self.error:.1e}<table>{rows}</table></div>"
        )


def _result(c: _Compiled, sigma, lam, units, err) -> AgentQRE:
    _, reach = c.action_values(sigma)
    tree = c.tree
    beliefs = {}
    for h in c.infosets:
        nodes = tree.infosets[h].nodes
        w = np.array([reach[c.names.index(n)] for n in nodes])
        total = w.sum()
        beliefs[h] = MappingProxyType(
            {
                n: float(v / total) if total > 0 else 1 / len(nodes)
                for n, v in zip(nodes, w, strict=True)
            }
        )
    pay = np.zeros(len(c.players))
    for i, n in enumerate(c.names):
        if c.kind[i] == "t":
            pay += reach[i] * np.asarray(tree.nodes[n].payoffs, float)
    res = AgentQRE(
        lam=lam,
        units=units,
        behavior=_behavior(c, sigma),
        beliefs=MappingProxyType(beliefs),
        reach=MappingProxyType({n: float(reach[i]) for i, n in enumerate(c.names)}),
        outcomes=MappingProxyType({n: float(reach[c.names.index(n)]) for n in tree.terminals}),
        payoffs=tuple(float(v) for v in pay),
        players=c.players,
        error=err,
    )
    return res


def _tree(tree):
    from ..tree import GameTree

    if not isinstance(tree, GameTree):
        raise TypeError(
            f"agent_qre() takes a deterrence.GameTree; got {type(tree).__name__}. For a matrix "
            "game use dt.qre(game, lam)."
        )
    return tree


def agent_qre(tree, lam, *, units: str = "normalized") -> AgentQRE:
    """The agent logit QRE of a game tree at precision `lam`.

    Parameters
    ----------
    tree : GameTree
    lam : float
        λ ≥ 0 (0: every agent randomises uniformly; large: approaches a sequential equilibrium).
    units : {"normalized", "payoff"}
        ``"normalized"``: each player's payoffs divided by their spread over the terminals.

    Returns
    -------
    AgentQRE

    References
    ----------
    McKelvey & Palfrey (1998), *Experimental Economics* 1:9–41; Signorino (1999), *American
    Political Science Review* 93(2):279–297.

    Examples
    --------
    A two-stage deterrence game: the Challenger keeps the status quo (0) or challenges; the
    Defender concedes (Challenger 1, Defender −1) or fights (−1, −0.5). With payoff units, the
    Defender fights with probability 1/(1 + e^{−λ·0.5}) and the Challenger challenges with
    probability 1/(1 + e^{−λ·V}), V = (1 − p)·1 + p·(−1):

    >>> import math, deterrence as dt
    >>> t = (dt.GameTree.builder(("Challenger", "Defender"))
    ...      .decision("start", "Challenger", {"status quo": "SQ", "challenge": "D"})
    ...      .decision("D", "Defender", {"concede": "DC", "fight": "DD"})
    ...      .terminal("SQ", (0, 1)).terminal("DC", (1, -1)).terminal("DD", (-1, -0.5))
    ...      .build())
    >>> q = dt.agent_qre(t, 2.0, units="payoff")
    >>> p = 1 / (1 + math.exp(-2 * 0.5)); V = (1 - p) - p
    >>> round(q.probability("D", "fight"), 6) == round(p, 6)
    True
    >>> round(q.probability("start", "challenge"), 6) == round(1 / (1 + math.exp(-2 * V)), 6)
    True
    """
    lam = _check_lam(lam)
    c = _Compiled(_tree(tree), units)
    sigma = _solve(c, lam)
    err = _gate(c, sigma, lam)
    return _result(c, sigma, lam, units, err)


@dataclass(frozen=True, eq=False)
class AgentQREPath:
    """Agent QRE choice probabilities over a grid of λ.

    Attributes
    ----------
    lam : ndarray, shape (k,)
    probabilities : mapping
        Information set -> {action: ndarray of shape (k,)}.
    units : str
    name : str or None
        The tree's title.
    error : float
        Largest fixed-point error over the grid.
    """

    lam: np.ndarray
    probabilities: Mapping
    units: str
    name: str | None
    error: float

    def to_frame(self):
        """A pandas DataFrame, one row per λ: ``lam`` and one column per ``"<infoset>: <action>"``."""
        import pandas as pd

        data = {"lam": self.lam}
        for h, acts in self.probabilities.items():
            data.update({f"{h}: {a}": p for a, p in acts.items()})
        return pd.DataFrame(data)

    def plot(self, infoset: str | None = None, *, mark=None, ax=None):
        """Choice probabilities at `infoset` (default the root's) against λ
        (:func:`deterrence.plot.qre.choice_curves`)."""
        import importlib

        choice_curves = importlib.import_module("deterrence.plot.qre").choice_curves

        h = next(iter(self.probabilities)) if infoset is None else infoset
        if h not in self.probabilities:
            from ..errors import close_match_hint

            raise ParameterError(
                f"{h!r} is not an information set of the tree; they are "
                f"{list(self.probabilities)}." + close_match_hint(str(h), self.probabilities)
            )
        title = f"Agent logit QRE at {h!r}" + (f" — {self.name}" if self.name else "")
        return choice_curves(
            self.lam, dict(self.probabilities[h]), units=self.units, mark=mark, title=title, ax=ax
        )

    def __repr__(self):
        return (
            f"<AgentQREPath {self.name or 'tree'}: {len(self.lam)} values of λ from "
            f"{self.lam[0]:.4g} to {self.lam[-1]:.4g} ({self.units})>"
        )


def agent_qre_path(tree, lam=None, *, units: str = "normalized") -> AgentQREPath:
    """Agent QRE choice probabilities at every λ of a grid.

    Parameters
    ----------
    tree : GameTree
    lam : array_like, optional
        Increasing λ values ≥ 0; default 200 values from 0 to 1000, geometric above 0.01.
    units : {"normalized", "payoff"}

    Returns
    -------
    AgentQREPath

    Examples
    --------
    >>> import deterrence as dt
    >>> t = (dt.GameTree.builder(("A",)).decision("r", "A", {"x": "X", "y": "Y"})
    ...      .terminal("X", (1,)).terminal("Y", (0,)).build())
    >>> path = dt.agent_qre_path(t, [0, 1, 10])
    >>> path.probabilities["r"]["x"].round(4).tolist()
    [0.5, 0.7311, 1.0]
    """
    c = _Compiled(_tree(tree), units)
    if lam is None:
        lams = np.concatenate([[0.0], np.geomspace(0.01, 1000.0, 199)])
    else:
        lams = np.asarray(lam, float).ravel()
        if lams.size == 0 or not np.isfinite(lams).all() or (lams < 0).any():
            raise ParameterError(f"lam must be finite values ≥ 0; got {lam!r}.")
        if (np.diff(lams) <= 0).any():
            raise ParameterError("lam must be increasing (the branch is continued along it).")
    if c.perfect:
        P = c.backward(lams)[1]
    else:
        P = np.empty((len(lams), c.size))
        sigma, at = c.uniform(), 0.0
        for k, t in enumerate(lams):
            sigma = _continue(c, sigma, at, float(t))
            at = float(t)
            P[k] = sigma
    err = max(_gate(c, P[k], float(t)) for k, t in enumerate(lams))
    probs = {
        h: MappingProxyType({a: _ro(P[:, c.offset[h] + j]) for j, a in enumerate(c.actions[h])})
        for h in c.infosets
    }
    return AgentQREPath(
        lam=_ro(lams), probabilities=MappingProxyType(probs), units=units, name=tree.name, error=err
    )


def _ro(a):
    a = np.array(a, float)
    a.setflags(write=False)
    return a


def _continue(c: _Compiled, sigma, at: float, lam: float) -> np.ndarray:
    """Continue the fixed point from (sigma, at) to lam."""
    step = max(lam - at, 1e-3)
    while at < lam:
        nxt = min(lam, at + step)
        new, ok = _newton(c, nxt, sigma)
        if ok:
            sigma, at, step = new, nxt, step * 2
        else:
            step /= 4
            if step < 1e-10:
                raise SolverTimeoutError(
                    f"the agent QRE continuation stalled at λ = {at:.6g}; the tree may have a "
                    "bifurcation of its QRE correspondence there."
                )
    if lam == 0.0:
        sigma = c.uniform()
    return sigma


def modal_change(tree, infoset: str, action: str, *, lam_max: float = 1000.0, units="normalized"):
    """The largest λ at which `action` stops being the most likely choice at `infoset`.

    Scans λ on a grid from `lam_max` down to 0 for the last sign change of
    ``P(action) − max P(other action)`` and refines it with :func:`scipy.optimize.brentq`
    (xtol 1e-10). Below the returned λ — noisier leaders — another action is modal.

    Parameters
    ----------
    tree : GameTree
    infoset : str
        Information set (or decision node) label.
    action : str
    lam_max : float
        Upper end of the search (in `units`).
    units : {"normalized", "payoff"}

    Returns
    -------
    float or None
        None when `action` is modal at every λ in (0, lam_max], or at none.

    Examples
    --------
    A choice between a sure 0.6 and a gamble, after which the same player picks "win" (1) or
    "lose" (0) noisily: the gamble is worth p_win = e^λ/(1 + e^λ), so it is modal exactly when
    p_win > 0.6, i.e. above λ = ln 1.5:

    >>> import deterrence as dt
    >>> t = (dt.GameTree.builder(("A",))
    ...      .decision("r", "A", {"sure": "S", "gamble": "g"})
    ...      .decision("g", "A", {"win": "W", "lose": "L"})
    ...      .terminal("S", (0.6,)).terminal("W", (1,)).terminal("L", (0,)).build())
    >>> lam = modal_change(t, "r", "gamble", units="payoff")
    >>> import math
    >>> round(lam, 6), round(math.log(1.5), 6)
    (0.405465, 0.405465)
    """
    from scipy.optimize import brentq

    lam_max = _check_lam(lam_max, "lam_max")
    c = _Compiled(_tree(tree), units)
    h = infoset if infoset in c.actions else _infoset_of(tree, infoset)
    if action not in c.actions[h]:
        from ..errors import close_match_hint

        raise ParameterError(
            f"information set {h!r} has no action {action!r}; its actions are "
            f"{list(c.actions[h])}." + close_match_hint(str(action), c.actions[h])
        )
    a = c.offset[h] + c.actions[h].index(action)
    others = [c.offset[h] + j for j in range(len(c.actions[h])) if c.offset[h] + j != a]

    def margin_many(lams):
        if c.perfect:
            P = c.backward(np.asarray(lams, float))[1]
        else:
            P, sigma, at = [], c.uniform(), 0.0
            for t in lams:
                sigma = _continue(c, sigma, at, float(t))
                at = float(t)
                P.append(sigma)
            P = np.array(P)
        return P[:, a] - P[:, others].max(axis=1)

    grid = np.concatenate([[0.0], np.geomspace(min(1e-3, lam_max), lam_max, 400)])
    m = margin_many(grid)
    sign = np.sign(m)
    changes = np.nonzero(sign[1:] * sign[:-1] < 0)[0]
    changes = changes[changes >= 0]
    if len(changes) == 0:
        return None
    k = int(changes[-1])

    def margin(t):
        if c.perfect:
            return float(margin_many([t])[0])
        return float(margin_many([grid[k], t])[-1]) if t > grid[k] else float(m[k])

    return float(brentq(margin, grid[k], grid[k + 1], xtol=1e-10))


def _infoset_of(tree, name):
    from ..errors import close_match_hint
    from ..tree import Decision

    node = tree.nodes.get(name)
    if isinstance(node, Decision):
        return node.infoset_label
    raise ParameterError(
        f"{name!r} is neither an information set nor a decision node of the tree; information "
        f"sets are {list(tree.infosets)}." + close_match_hint(str(name), list(tree.infosets))
    )
