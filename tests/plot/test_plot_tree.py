"""draw_tree: read the artists back (edges, highlighted path, leaves, information sets)."""

import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import deterrence as dt
from deterrence.plot.tree import PATH_COLOR, draw_tree, tree_layout
from deterrence.tree import GameTree


def deterrence_tree(de=(1, -1, -0.5)):
    return (
        GameTree.builder(("Challenger", "Defender"), name="Generic deterrence game")
        .decision("start", "Challenger", {"cooperate": "SQ", "demand": "challenged"})
        .decision("challenged", "Defender", {"concede": "DC", "deny": "DD"})
        .terminal("SQ", (0, de[0]))
        .terminal("DC", (1, de[1]))
        .terminal("DD", (-1, de[2]))
        .build()
    )


def signaling_tree(pi=0.2):
    t = GameTree.builder(("Sender", "Receiver"), name="Costly signal")
    t.chance("type", {"resolved": (pi, "R"), "unresolved": (1 - pi, "U")})
    for ty, k, press in (("R", 0.4, -3.0), ("U", 1.5, 1.0)):
        t.decision(ty, "Sender", {"signal": f"{ty} signal", "quiet": f"{ty} quiet"})
        for m, cost in (("signal", k), ("quiet", 0.0)):
            t.decision(
                f"{ty} {m}",
                "Receiver",
                {"accommodate": f"{ty} {m} acc", "press": f"{ty} {m} press"},
                infoset=f"after {m}",
            )
            t.terminal(f"{ty} {m} acc", (1 - cost, 0.0))
            t.terminal(f"{ty} {m} press", (-cost, press))
    return t.build()


def lines(ax, gid):
    return [ln for ln in ax.lines if ln.get_gid() == gid]


def texts(ax, gid):
    return [t.get_text() for t in ax.texts if t.get_gid() == gid]


def test_edges_path_and_leaves_of_the_v1_tree():
    tree = deterrence_tree()
    ax = draw_tree(tree, solution=dt.spe(tree))
    # layout: leaves SQ, DC, DD at x = 0, 1, 2; 'challenged' over DC and DD at 1.5; the root
    # over SQ and 'challenged' at 0.75; depth d at y = -d
    assert len(lines(ax, "edge")) == 4
    [path] = lines(ax, "path")  # V1: the SPE path is start -> SQ
    assert path.get_xydata().tolist() == [[0.75, 0.0], [0.0, -1.0]]
    assert matplotlib.colors.to_hex(path.get_color()) == PATH_COLOR.lower()
    assert path.get_linewidth() > 2 * lines(ax, "edge")[0].get_linewidth()
    [plan] = lines(ax, "plan")  # the off-path plan: the Defender would deny
    assert plan.get_xydata().tolist() == [[1.5, -1.0], [2.0, -2.0]]
    assert texts(ax, "payoff") == ["SQ\n(0, 1)", "DC\n(1, -1)", "DD\n(-1, -0.5)"]
    assert sorted(texts(ax, "action")) == ["concede", "cooperate", "demand", "deny"]
    assert texts(ax, "player") == ["Challenger", "Defender"]
    assert lines(ax, "infoset") == [] and texts(ax, "tie") == []
    assert ax.get_title() == "Generic deterrence game"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "equilibrium path",
        "planned move off the path",
    ]


def test_dc_path_has_two_edges():
    tree = deterrence_tree(de=(1, -1, -2))  # V1: not credible -> DC
    ax = draw_tree(tree, solution=dt.spe(tree))
    assert [ln.get_xydata().tolist() for ln in lines(ax, "path")] == [
        [[0.75, 0.0], [1.5, -1.0]],
        [[1.5, -1.0], [1.0, -2.0]],
    ]
    assert lines(ax, "plan") == []


def test_no_solution_draws_the_bare_tree():
    ax = draw_tree(deterrence_tree())
    assert len(lines(ax, "edge")) == 4 and lines(ax, "path") == [] and ax.get_legend() is None


def test_tie_is_marked():
    tree = deterrence_tree(de=(1, -1, -1))
    ax = draw_tree(tree, solution=dt.spe(tree))
    assert texts(ax, "tie") == ["tie"]


def test_chance_information_sets_and_beliefs():
    tree = signaling_tree()
    eqs = dt.pbe(tree)
    pool = [q for q in eqs if q.kind == "pooling"][0]
    ax = draw_tree(tree, solution=pool)
    assert len(lines(ax, "edge")) == len(tree.edges()) == 14
    assert {"resolved (0.2)", "unresolved (0.8)"} <= set(texts(ax, "action"))
    assert "Nature" in texts(ax, "player")
    pos = tree_layout(tree)
    arcs = lines(ax, "infoset")
    assert len(arcs) == 2
    for arc, label in zip(arcs, ["after signal", "after quiet"], strict=True):
        ends = [arc.get_xydata()[0].tolist(), arc.get_xydata()[-1].tolist()]
        nodes = tree.infosets[label].nodes
        assert ends == [list(pos[n]) for n in nodes]
        assert arc.get_linestyle() == "--"
    assert sorted(texts(ax, "infoset-label")) == ["after quiet", "after signal"]
    # beliefs: 0.2 / 0.8 on the path (after quiet); off the path the supporting range [0, 0.25]
    assert sorted(texts(ax, "belief")) == sorted(["[0.2]", "[0.8]", "[0–0.25]", "[0.75–1]"])
    # the path: Nature's two branches, both quiet moves, both presses
    assert len(lines(ax, "path")) == 6


def test_profile_mapping_as_solution_and_given_axes():
    tree = deterrence_tree()
    fig, ax = plt.subplots()
    n_figs = len(plt.get_fignums())
    out = draw_tree(tree, solution={"start": "demand", "challenged": "concede"}, ax=ax)
    assert out is ax and len(plt.get_fignums()) == n_figs
    assert len(lines(ax, "path")) == 2


def test_never_touches_global_state(monkeypatch, tmp_path):
    def boom(*a, **k):
        raise AssertionError("draw_tree must not call this")

    monkeypatch.setattr(plt, "show", boom)
    monkeypatch.setattr(plt, "tight_layout", boom)
    before = dict(matplotlib.rcParams)
    tree = deterrence_tree()
    ax = draw_tree(tree, solution=dt.spe(tree))
    after = dict(matplotlib.rcParams)
    assert before.keys() == after.keys()
    assert all(
        np.array_equal(before[k], after[k])
        if isinstance(before[k], np.ndarray)
        else before[k] == after[k]
        for k in before
    )
    ax.figure.savefig(tmp_path / "tree.png", dpi=60)
    assert (tmp_path / "tree.png").stat().st_size > 1000


def test_bad_solutions():
    tree = deterrence_tree()
    with pytest.raises(TypeError, match="pass one of them"):
        draw_tree(signaling_tree(), solution=dt.pbe(signaling_tree()))
    with pytest.raises(ValueError, match="different tree"):
        draw_tree(tree, solution=dt.spe(deterrence_tree(de=(1, -1, -2))))
    with pytest.raises(TypeError, match="solution must be"):
        draw_tree(tree, solution=42)
    with pytest.raises(TypeError, match="takes a GameTree"):
        draw_tree(dt.games.deterrence_game())


def test_plot_package_is_lazy():
    code = (
        "import sys, deterrence.plot as p; a = 'matplotlib' in sys.modules; "
        "f = p.tree.draw_tree; print(a, 'matplotlib' in sys.modules, callable(f))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # submodules load on attribute access; matplotlib only once a figure is drawn
    assert out.stdout.split() == ["False", "False", "True"]
    import deterrence.plot

    with pytest.raises(AttributeError, match="no attribute 'nonexistent_chart'"):
        deterrence.plot.nonexistent_chart  # noqa: B018
