"""Game trees: nodes, moves, payoffs, information sets and the equilibrium path.

:func:`tree_layout` places the nodes; :func:`draw_tree` draws a
:class:`~deterrence.tree.GameTree` from that layout and, optionally, a solution computed
elsewhere (``dt.spe(tree)``, one equilibrium of ``dt.pbe(tree)``, or a profile mapping).
Artists carry gids so tests and users can find them: ``"edge"``, ``"path"``, ``"plan"``,
``"infoset"`` (lines); ``"action"``, ``"player"``, ``"payoff"``, ``"belief"``, ``"tie"``,
``"infoset-label"`` (texts). Solutions are read by their fields (this module never imports a
solver): a backward-induction result has ``plan`` and ``ties``, a PBE ``strategies`` and
``belief_ranges``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..tree import NATURE, Chance, Decision, GameTree, Terminal

__all__ = ["draw_tree", "tree_layout", "PATH_COLOR", "TIE_COLOR"]

#: Okabe & Ito (2008) colour-blind-safe blue, for the equilibrium path and planned moves
PATH_COLOR = "#0072B2"
#: Okabe & Ito vermillion, for ties
TIE_COLOR = "#D55E00"
_EDGE_COLOR = "0.45"


def _fmt(v: float) -> str:
    return f"{v + 0.0:.3g}"


def tree_layout(tree: GameTree) -> dict[str, tuple[float, float]]:
    """Coordinates (x, y) of every node: leaves one unit apart left to right, each inner node
    centred over its children, y = -depth (root at the top). Linear in the number of nodes.

    Examples
    --------
    >>> import deterrence as dt
    >>> t = dt.GameTree.builder(("A",)).decision("r", "A", {"x": "X", "y": "Y"})
    >>> tree_layout(t.terminal("X", (1,)).terminal("Y", (0,)).build())
    {'r': (0.5, 0.0), 'X': (0.0, -1.0), 'Y': (1.0, -1.0)}
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"tree_layout takes a GameTree; got {type(tree).__name__}.")
    nodes, pre = tree.nodes, tree.preorder
    x: dict[str, float] = {n: float(k) for k, n in enumerate(tree.terminals)}
    for n in reversed(pre):
        node = nodes[n]
        if not isinstance(node, Terminal):
            x[n] = (x[node.children[0]] + x[node.children[-1]]) / 2
    depth: dict[str, int] = {tree.root: 0}
    for n in pre:
        node = nodes[n]
        if not isinstance(node, Terminal):
            for c in node.children:
                depth[c] = depth[n] + 1
    return {n: (x[n], -float(depth[n])) for n in pre}


def _solution_parts(tree: GameTree, solution):
    """(path edges, planned edges, ties {node: actions}, beliefs {node: text})."""
    if solution is None:
        return set(), set(), {}, {}
    if hasattr(solution, "equilibria") and hasattr(solution, "off_path_belief"):
        raise TypeError("draw_tree shows one equilibrium; pass one of them, e.g. solution=eqs[0].")
    if hasattr(solution, "plan") and hasattr(solution, "ties"):  # backward induction
        if solution.tree != tree:
            raise ValueError("the solution belongs to a different tree; solve this tree.")
        ties = {t.node: t.actions for t in solution.ties}
        return set(solution.edges), set(tree.plan_edges(solution.plan)), ties, {}
    if hasattr(solution, "strategies") and hasattr(solution, "belief_ranges"):  # one PBE
        beliefs = {}
        for mu in solution.beliefs.values():
            beliefs.update({n: f"[{_fmt(p)}]" for n, p in mu.items()})
        for r in solution.belief_ranges.values():
            beliefs.update(
                {
                    n: f"[{_fmt(lo)}–{_fmt(hi)}]" if hi > lo else f"[{_fmt(lo)}]"
                    for n, (lo, hi) in r.items()
                }
            )
        return (
            set(solution.edges),
            set(tree.plan_edges(solution.strategies)),
            {},
            beliefs,
        )
    if isinstance(solution, Mapping):
        return set(tree.path_edges(solution)), set(tree.plan_edges(solution)), {}, {}
    raise TypeError(
        "solution must be dt.spe(tree), one equilibrium of dt.pbe(tree), or a profile mapping "
        f"{{information set: action}}; got {type(solution).__name__}."
    )


def _arc(p, q, bulge: float, n: int = 40):
    """Points of a quadratic Bézier from p to q whose middle is `bulge` above the chord."""
    p, q = np.asarray(p, float), np.asarray(q, float)
    mid = (p + q) / 2 + np.array([0.0, 2 * bulge])
    t = np.linspace(0, 1, n)[:, None]
    pts = (1 - t) ** 2 * p + 2 * (1 - t) * t * mid + t**2 * q
    return pts[:, 0], pts[:, 1]


def draw_tree(tree: GameTree, *, solution=None, ax=None, fontsize: float = 11):
    """Draw a game tree; highlight an equilibrium path if `solution` is given.

    Decision nodes are black dots labelled with the mover, chance nodes white squares
    labelled "Nature" (branches show their probabilities), leaves show the outcome's name and
    payoff vector (players in ``tree.players`` order). Nodes of one information set are joined
    by a dashed arc. With a `solution`, the equilibrium path is drawn thick in a
    colour-blind-safe blue; planned moves off the path thin in the same blue; SPE ties are
    marked "tie"; PBE beliefs appear in brackets beside the nodes of each information set.

    Parameters
    ----------
    tree : GameTree
    solution : SubgamePerfect, PerfectBayesian or mapping, optional
        ``dt.spe(tree)``, one equilibrium of ``dt.pbe(tree)``, or a profile
        ``{information set or node: action}``.
    ax : matplotlib Axes, optional
        Drawn on; a new figure sized to the tree is made when omitted.
    fontsize : float
        Size of labels in points.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.plot.tree import draw_tree
    >>> tree = (dt.GameTree.builder(("Challenger", "Defender"), name="Generic deterrence game")
    ...         .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
    ...         .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
    ...         .terminal("SQ", (0, 1)).terminal("DC", (1, -1)).terminal("DD", (-1, -0.5))
    ...         .build())
    >>> ax = draw_tree(tree, solution=dt.spe(tree))
    >>> [ln.get_xydata().tolist() for ln in ax.lines if ln.get_gid() == "path"]
    [[[0.75, 0.0], [0.0, -1.0]]]
    """
    if not isinstance(tree, GameTree):
        raise TypeError(f"draw_tree takes a GameTree; got {type(tree).__name__}.")
    path, plan, ties, beliefs = _solution_parts(tree, solution)
    pos = tree_layout(tree)
    n_leaves = len(tree.terminals)
    depth = max(-y for _, y in pos.values())
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(max(6.0, 1.5 * n_leaves), max(3.5, 1.6 * depth + 1.6)))
    small = fontsize * 0.85

    for parent, child, label in tree.edges():
        (x0, y0), (x1, y1) = pos[parent], pos[child]
        ax.plot([x0, x1], [y0, y1], color=_EDGE_COLOR, lw=1.4, zorder=1, gid="edge")
        if (parent, child) in path:
            ax.plot(
                [x0, x1],
                [y0, y1],
                color=PATH_COLOR,
                lw=4.5,
                solid_capstyle="round",
                zorder=2,
                gid="path",
            )
        elif (parent, child) in plan:
            ax.plot([x0, x1], [y0, y1], color=PATH_COLOR, lw=2.0, alpha=0.7, zorder=2, gid="plan")
        node = tree.nodes[parent]
        if isinstance(node, Chance):
            label = f"{label} ({_fmt(node.probabilities[node.outcomes.index(label)])})"
        side = -1 if x1 < x0 else 1
        ax.annotate(
            label,
            xy=((x0 + x1) / 2, (y0 + y1) / 2),
            xytext=(side * 5, 0),
            textcoords="offset points",
            ha="right" if side < 0 else "left",
            va="center",
            fontsize=small,
            color=PATH_COLOR if (parent, child) in path else "0.15",
            fontweight="bold" if (parent, child) in path else "normal",
            gid="action",
        )

    arcs_at_level: dict[float, int] = {}
    for h in tree.infosets.values():
        if len(h.nodes) < 2:
            continue
        pts = sorted((pos[n] for n in h.nodes), key=lambda p: p[0])
        level = pts[0][1]
        k = arcs_at_level.get(level, 0)
        arcs_at_level[level] = k + 1
        # alternate arcs above and below so overlapping sets on one level stay apart
        bulge = (0.16 + 0.04 * k) * (1 if k % 2 == 0 else -1)
        xs, ys = [], []
        for p, q in zip(pts, pts[1:], strict=False):
            ax_, ay_ = _arc(p, q, bulge)
            xs += ax_.tolist()
            ys += ay_.tolist()
        ax.plot(xs, ys, ls=(0, (4, 3)), color="0.3", lw=1.3, zorder=1, gid="infoset")
        # label the arc where it is farthest from the nodes of its level
        others = [pos[n][0] for n in tree.preorder if pos[n][1] == level]
        cand = range(len(xs) // 8, len(xs) - len(xs) // 8)
        at = max(cand, key=lambda j: min(abs(xs[j] - x) for x in others))
        ax.annotate(
            h.label,
            xy=(xs[at], ys[at]),
            xytext=(0, 3 if bulge > 0 else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if bulge > 0 else "top",
            fontsize=small * 0.9,
            fontstyle="italic",
            color="0.3",
            gid="infoset-label",
        )

    kinds = {"decision": [], "chance": [], "terminal": []}
    for n in tree.preorder:
        node = tree.nodes[n]
        x, y = pos[n]
        if isinstance(node, Terminal):
            kinds["terminal"].append((x, y))
            payoff = "(" + ", ".join(_fmt(v) for v in node.payoffs) + ")"
            reached = any(child == n for _, child in path)
            ax.annotate(
                f"{n}\n{payoff}",
                xy=(x, y),
                xytext=(0, -7),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=small,
                fontweight="bold" if reached else "normal",
                color=PATH_COLOR if reached else "black",
                gid="payoff",
            )
            continue
        who = node.player if isinstance(node, Decision) else NATURE
        kinds["decision" if isinstance(node, Decision) else "chance"].append((x, y))
        # the mover's name sits away from the incoming edge: above the root, else outside
        par = tree.parent(n)
        side = 0 if par is None else (-1 if x < pos[par[0]][0] else 1)
        ax.annotate(
            who,
            xy=(x, y),
            xytext=(side * 8, 8 if side == 0 else 5),
            textcoords="offset points",
            ha={0: "center", -1: "right", 1: "left"}[side],
            va="bottom",
            fontsize=fontsize,
            zorder=4,
            gid="player",
        )
        if n in beliefs:
            ax.annotate(
                beliefs[n],
                xy=(x, y),
                xytext=(-7, -4),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=small,
                color=PATH_COLOR,
                gid="belief",
            )
        if n in ties:
            ax.annotate(
                "tie",
                xy=(x, y),
                xytext=(7, -4),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=small,
                fontweight="bold",
                color=TIE_COLOR,
                gid="tie",
            )
    style = {
        "decision": dict(marker="o", ms=9, mfc="black", mec="black"),
        "chance": dict(marker="s", ms=9, mfc="white", mec="black", mew=1.5),
        "terminal": dict(marker="o", ms=4, mfc="0.3", mec="0.3"),
    }
    for kind, pts in kinds.items():
        if pts:
            xs, ys = zip(*pts, strict=True)
            ax.plot(xs, ys, ls="none", zorder=3, gid=f"{kind}-nodes", **style[kind])

    if path:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], color=PATH_COLOR, lw=4.5, label="equilibrium path")]
        if plan - path:
            handles.append(
                Line2D(
                    [], [], color=PATH_COLOR, lw=2.0, alpha=0.7, label="planned move off the path"
                )
            )
        # the upper corner away from the root is free of nodes
        root_left = pos[tree.root][0] < (n_leaves - 1) / 2
        ax.legend(
            handles=handles,
            loc="upper right" if root_left else "upper left",
            frameon=False,
            fontsize=small,
        )
    if tree.name and not ax.get_title():
        ax.set_title(tree.name, fontsize=fontsize * 1.15)
    ax.set_xlim(-0.8, max(n_leaves - 1, 0) + 0.8)
    ax.set_ylim(-depth - 0.75, 0.55)
    ax.set_axis_off()
    return ax
