"""Game trees shared by the tree tests: the Generic Deterrence Game (Zagare & Kilgour 2000,
ch. 3), a Defender of unknown type, a costly-signaling game (Banks 1991; Fearon 1997), random
trees for hypothesis, brute-force references and a pygambit converter."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import strategies as st

from deterrence.tree import Chance, Decision, GameTree, Terminal

PLAYERS = ("Challenger", "Defender")


def deterrence_tree(ch=(0, 1, -1), de=(1, -1, -0.5)):
    """Zagare & Kilgour's Generic Deterrence Game; ch, de = payoffs at (SQ, DC, DD)."""
    return (
        GameTree.builder(PLAYERS, name="Generic deterrence game")
        .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
        .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
        .terminal("SQ", (ch[0], de[0]))
        .terminal("DC", (ch[1], de[1]))
        .terminal("DD", (ch[2], de[2]))
        .build()
    )


def typed_defender_tree(p_hard=0.3):
    """The Challenger demands or not; Nature draws a Hard (w.p. p_hard) or Soft Defender, who
    knows its type. Hard prefers DD (-0.5) to DC (-1); Soft prefers DC (-1) to DD (-2)."""
    return (
        GameTree.builder(PLAYERS, name="Typed defender")
        .decision("start", "Challenger", {"cooperate": "SQ", "demand": "type"})
        .chance("type", {"hard": (p_hard, "hard D"), "soft": (1 - p_hard, "soft D")})
        .decision("hard D", "Defender", {"concede": "DC-h", "deny": "DD-h"})
        .decision("soft D", "Defender", {"concede": "DC-s", "deny": "DD-s"})
        .terminal("SQ", (0, 1))
        .terminal("DC-h", (1, -1))
        .terminal("DD-h", (-1, -0.5))
        .terminal("DC-s", (1, -1))
        .terminal("DD-s", (-1, -2))
        .build()
    )


def signaling_tree(pi, b=1.0, k_r=0.4, k_u=1.5, G=1.0, W_r=3.0):
    """Costly signals of resolve: Nature draws Resolved (pi) or Unresolved; the sender signals (cost k_R or
    k_U) or stays quiet; the receiver, seeing only the message, accommodates (sender gains b,
    receiver 0) or presses (sender 0; receiver -W_R against R, G against U)."""
    t = GameTree.builder(("Sender", "Receiver"), name="Costly signal")
    t.chance("type", {"resolved": (pi, "R"), "unresolved": (1 - pi, "U")})
    for ty, k, press in (("R", k_r, -W_r), ("U", k_u, G)):
        t.decision(ty, "Sender", {"signal": f"{ty} signal", "quiet": f"{ty} quiet"})
        for m, cost in (("signal", k), ("quiet", 0.0)):
            t.decision(
                f"{ty} {m}",
                "Receiver",
                {"accommodate": f"{ty} {m} acc", "press": f"{ty} {m} press"},
                infoset=f"after {m}",
            )
            t.terminal(f"{ty} {m} acc", (b - cost, 0.0))
            t.terminal(f"{ty} {m} press", (-cost, press))
    return t.build()


DETERRENCE_CASES = [
    # Threat credible iff u_Def(DD) > u_Def(DC); capable iff u_Ch(SQ) > u_Ch(DD) (Zagare & Kilgour 2000, ch. 3)
    # credible (-0.5 > -1) and capable (0 > -1): Defender denies, Challenger keeps SQ
    (
        "credible and capable: SQ",
        (0, 1, -1),
        (1, -1, -0.5),
        ("SQ",),
        {"start": "cooperate", "challenged": "deny"},
        (0, 1),
    ),
    # not credible (-2 < -1): Defender concedes, Challenger demands and wins, DC
    (
        "not credible: DC",
        (0, 1, -1),
        (1, -1, -2),
        ("DC",),
        {"start": "demand", "challenged": "concede"},
        (1, -1),
    ),
    # credible but not capable (u_Ch(DD) = 0.5 > 0): Challenger demands anyway, conflict DD
    (
        "credible, not capable: DD",
        (0, 1, 0.5),
        (1, -1, -0.5),
        ("DD",),
        {"start": "demand", "challenged": "deny"},
        (0.5, -0.5),
    ),
]


def is_nash(game, row, col, tol=1e-9):
    i, j = game.strategies[0].index(row), game.strategies[1].index(col)
    return game.A[i, j] >= game.A[:, j].max() - tol and game.B[i, j] >= game.B[i, :].max() - tol


def continuation_values(tree, plan):
    """Payoff vector at every node under a pure plan {information set or node: action}."""
    vals = {}
    for n in reversed(tree.preorder):
        node = tree.nodes[n]
        if isinstance(node, Terminal):
            vals[n] = np.asarray(node.payoffs, dtype=float)
        elif isinstance(node, Chance):
            vals[n] = sum(
                p * vals[c] for p, c in zip(node.probabilities, node.children, strict=True)
            )
        else:
            a = plan[n] if n in plan else plan[tree.infoset_of(n)]
            vals[n] = vals[node.child(a)]
    return vals


def brute_force_spe(tree, eps=1e-9):
    """Every pure plan satisfying the one-shot deviation condition at every decision node."""
    dec = [n for n in tree.preorder if isinstance(tree.nodes[n], Decision)]
    pidx = {p: i for i, p in enumerate(tree.players)}
    out = []
    for acts in itertools.product(*(tree.nodes[n].actions for n in dec)):
        plan = dict(zip(dec, acts, strict=True))
        value = continuation_values(tree, plan)  # a one-shot deviation at n keeps the plan below
        if all(
            value[n][pidx[tree.nodes[n].player]]
            >= max(value[c][pidx[tree.nodes[n].player]] for c in tree.nodes[n].children) - eps
            for n in dec
        ):
            out.append(plan)
    return out


def brute_force_pbe(tree, eps):
    """Every pure profile that is a weak PBE under "any off-path belief", by enumeration: Bayes
    beliefs from tree.beliefs on the path; off the path, a linear program (scipy) for a belief
    at which the action is optimal."""
    from scipy.optimize import linprog

    hs = sorted(tree.infosets.values(), key=lambda h: tree.players.index(h.player))
    pidx = {p: i for i, p in enumerate(tree.players)}
    out = []
    for acts in itertools.product(*(h.actions for h in hs)):
        prof = {h.label: a for h, a in zip(hs, acts, strict=True)}
        vals = continuation_values(tree, prof)
        mu_all = tree.beliefs(prof)
        ok = True
        for h in hs:
            i = pidx[h.player]
            U = np.array([[vals[tree.nodes[n].child(a)][i] for a in h.actions] for n in h.nodes])
            a = h.actions.index(prof[h.label])
            mu = mu_all[h.label]
            if mu is not None:
                eu = np.array([mu[n] for n in h.nodes]) @ U
                ok = eu[a] >= eu.max() - eps
            else:
                D = U[:, [a]] - U  # gains of a over every action
                k = len(h.nodes)
                res = linprog(
                    np.zeros(k),
                    A_ub=-D.T,
                    b_ub=np.full(D.shape[1], eps),
                    A_eq=np.ones((1, k)),
                    b_eq=[1.0],
                    bounds=(0, 1),
                )
                ok = res.status == 0
            if not ok:
                break
        if ok:
            out.append(prof)
    return out


@st.composite
def perfect_information_trees(draw, players=2, max_depth=3):
    counter = itertools.count()
    b = GameTree.builder(tuple(f"P{k}" for k in range(players)))
    pending = [(f"n{next(counter)}", 0)]
    while pending:
        name, depth = pending.pop()
        kind = draw(
            st.sampled_from(
                ["terminal"]
                if depth >= max_depth
                else ["decision", "decision", "chance", "terminal"]
            )
        )
        if depth == 0 and kind == "terminal":
            kind = "decision"
        if kind == "terminal":
            b.terminal(name, [draw(st.integers(-2, 2)) for _ in range(players)])
            continue
        kids = [
            f"n{next(counter)}" for _ in range(draw(st.integers(2, 3 if kind == "decision" else 2)))
        ]
        if kind == "decision":
            b.decision(
                name,
                f"P{draw(st.integers(0, players - 1))}",
                {f"a{k}": c for k, c in enumerate(kids)},
            )
        else:
            p = draw(st.sampled_from([0.25, 0.5, 0.75]))
            b.chance(name, {"heads": (p, kids[0]), "tails": (1 - p, kids[1])})
        pending += [(c, depth + 1) for c in kids]
    return b.build()


@st.composite
def imperfect_information_trees(draw, n_types=(2, 3), n_messages=(2, 3)):
    """Signaling games with random payoffs: Nature draws a type, the sender (who sees it) sends
    a message, the receiver (who sees only the message) responds with one of 2 or 3 actions."""
    types = draw(st.integers(*n_types))
    msgs = draw(st.integers(*n_messages))
    responses = draw(st.integers(2, 3))
    w = [draw(st.integers(1, 4)) for _ in range(types)]
    b = GameTree.builder(("S", "R"))
    b.chance("type", {f"t{k}": (w[k] / sum(w), f"T{k}") for k in range(types)})
    for k in range(types):
        b.decision(f"T{k}", "S", {f"m{j}": f"T{k} m{j}" for j in range(msgs)})
        for j in range(msgs):
            node = f"T{k} m{j}"
            b.decision(
                node, "R", {f"r{r}": f"{node} r{r}" for r in range(responses)}, infoset=f"m{j}"
            )
            for r in range(responses):
                b.terminal(f"{node} r{r}", (draw(st.integers(-2, 2)), draw(st.integers(-2, 2))))
    return b.build()


def to_gambit(tree):
    gbt = pytest.importorskip("pygambit")

    def frac(v):
        return Fraction(v).limit_denominator(10**6)

    g = gbt.Game.new_tree(players=list(tree.players), title=tree.name or "tree")
    gnode = {tree.root: g.root}
    gset = {}
    for n in tree.preorder:
        node, gn = tree.nodes[n], gnode[n]
        if isinstance(node, Terminal):
            g.set_outcome(gn, g.add_outcome(n, [frac(v) for v in node.payoffs]))
            continue
        if isinstance(node, Chance):
            g.append_move(gn, g.players.chance, list(node.outcomes))
            g.set_chance_probs(gn.infoset, [frac(p) for p in node.probabilities])
            branches = node.outcomes
        else:
            if node.infoset_label in gset:
                g.append_infoset(gn, gset[node.infoset_label])
            else:
                g.append_move(gn, node.player, list(node.actions))
                gset[node.infoset_label] = gn.infoset
            branches = node.actions
        for a, c in zip(branches, node.children, strict=True):
            gnode[c] = gn.children[a]
    return g


ORACLE_TREES = {
    "deterrence SQ": lambda: deterrence_tree(),
    "deterrence DC": lambda: deterrence_tree(de=(1, -1, -2)),
    "deterrence DD": lambda: deterrence_tree(ch=(0, 1, 0.5)),
    "tie": lambda: deterrence_tree(de=(1, -1, -1)),
    "typed defender": lambda: typed_defender_tree(0.3),
    "signaling pi=0.2": lambda: signaling_tree(0.2),
    "signaling pi=0.3": lambda: signaling_tree(0.3),
}
