"""GameTree: construction and validation (linear in the number of nodes), profiles, reach
probabilities and Bayes-rule beliefs, displays. Solvers on trees are tested in tests/solve/."""

import math
import re
import time
from fractions import Fraction

import numpy as np
import pytest
from tree_cases import PLAYERS, deterrence_tree, signaling_tree, typed_defender_tree

import deterrence as dt
from deterrence.errors import InvalidGameError, ParameterError, ProbabilityError
from deterrence.tree import Chance, Decision, GameTree, Terminal


# -- construction ---------------------------------------------------------------------------------
def test_structure_and_read_only():
    t = deterrence_tree()
    assert t.players == PLAYERS and t.root == "start" and t.name == "Generic deterrence game"
    assert t.preorder == ("start", "SQ", "challenged", "DC", "DD")
    assert t.terminals == ("SQ", "DC", "DD")
    assert list(t.infosets) == ["start", "challenged"]
    assert t.infosets["challenged"].player == "Defender"
    assert t.infosets_of("Defender") == ("challenged",)
    assert t.edges()[1] == ("start", "challenged", "demand")
    assert t.parent("DD") == ("challenged", "deny") and t.parent("start") is None
    assert t.depth("DD") == 2
    assert t.is_perfect_information
    assert t.nodes["challenged"].child("deny") == "DD"
    with pytest.raises(AttributeError, match="immutable"):
        t.name = "x"
    with pytest.raises(TypeError):
        t.nodes["SQ"] = Terminal("SQ", (0, 0))
    with pytest.raises(AttributeError):
        t.nodes["SQ"].payoffs = (5, 5)  # frozen dataclass
    assert t == deterrence_tree() and hash(t) == hash(deterrence_tree())
    assert t != deterrence_tree(de=(1, -1, -2))


def test_direct_construction_equals_builder_and_payoff_mapping():
    nodes = [
        Decision("start", "Challenger", ("cooperate", "demand"), ("SQ", "challenged")),
        Decision("challenged", "Defender", ("concede", "deny"), ("DC", "DD")),
        Terminal("SQ", (0, 1)),
        Terminal("DC", (1, -1)),
        Terminal("DD", (-1, -0.5)),
    ]
    assert GameTree(PLAYERS, nodes, name="Generic deterrence game") == deterrence_tree()
    # root= picks the root; declaration order does not matter then
    assert dt.spe(GameTree(PLAYERS, nodes[::-1], root="start")).outcome == ("SQ",)
    b = GameTree.builder(PLAYERS).decision("r", "Challenger", {"a": "x"})
    t = b.terminal("x", {"Defender": 2, "Challenger": 1}).build()
    assert t.nodes["x"].payoffs == (1.0, 2.0)


def test_numpy_and_fraction_payoffs_and_builder_repr():
    b = GameTree.builder(("A", "B")).decision("r", "A", {"x": "X", "y": "Y"})
    assert repr(b).startswith("<TreeBuilder: 1 node(s) declared (r); call .build()")
    t = b.terminal("X", np.array([1, 2])).terminal("Y", (Fraction(1, 4), np.float32(0.5))).build()
    assert t.nodes["X"].payoffs == (1.0, 2.0) and t.nodes["Y"].payoffs == (0.25, 0.5)
    with pytest.raises(InvalidGameError, match="payoff 0 must be a number"):
        Terminal("Z", np.array([[1, 2], [3, 4]]))


def test_replace_and_with_payoffs_validate_again():
    t = deterrence_tree()
    t2 = t.with_payoffs({"DD": (-1, -2)})
    assert t2.nodes["DD"].payoffs == (-1.0, -2.0) and t.nodes["DD"].payoffs == (-1.0, -0.5)
    assert dt.spe(t2).outcome == ("DC",)
    assert t.replace(name="renamed").name == "renamed"
    with pytest.raises(InvalidGameError, match="has 3 payoffs"):
        t.with_payoffs({"DD": (-1, -2, 0)})
    with pytest.raises(InvalidGameError, match="not a terminal node.*Did you mean 'DD'"):
        t.with_payoffs({"DDD": (0, 0)})
    with pytest.raises(TypeError, match="unknown fields"):
        t.replace(colour="red")


def build(*calls, players=PLAYERS, root=None):
    b = GameTree.builder(players)
    for method, *args in calls:
        getattr(b, method)(*args)
    return b.build(root=root)


BASE = [
    ("decision", "start", "Challenger", {"cooperate": "SQ", "demand": "challenged"}),
    ("decision", "challenged", "Defender", {"concede": "DC", "deny": "DD"}),
    ("terminal", "SQ", (0, 1)),
    ("terminal", "DC", (1, -1)),
    ("terminal", "DD", (-1, -0.5)),
]


def with_(replacements=None, extra=(), drop=()):
    calls = [c for c in BASE if c[1] not in drop]
    calls = [replacements.get(c[1], c) if replacements else c for c in calls]
    return calls + list(extra)


BAD_TREES = [
    # (id, calls, exception, message fragment)
    (
        "missing child",
        with_(drop=("DD",)),
        InvalidGameError,
        "'deny' leads to 'DD', which is not declared (missing child node)",
    ),
    (
        "misspelt child",
        with_(
            {"challenged": ("decision", "challenged", "Defender", {"concede": "DC", "deny": "DDD"})}
        ),
        InvalidGameError,
        "Did you mean 'DD'?",
    ),
    (
        "missing payoff",
        with_({"DD": ("terminal", "DD", ())}),
        InvalidGameError,
        "terminal node 'DD' has 0 payoffs but the game has 2 players",
    ),
    (
        "payoff vector too long",
        with_({"DD": ("terminal", "DD", (1, 2, 3))}),
        InvalidGameError,
        "terminal node 'DD' has 3 payoffs",
    ),
    (
        "payoff nan",
        with_({"DD": ("terminal", "DD", (1, float("nan")))}),
        InvalidGameError,
        "terminal node 'DD': payoff 1 is nan",
    ),
    (
        "payoff inf",
        with_({"DD": ("terminal", "DD", (-math.inf, 0))}),
        InvalidGameError,
        "terminal node 'DD': payoff 0 is -inf",
    ),
    (
        "payoff not a number",
        with_({"DD": ("terminal", "DD", ("high", 0))}),
        InvalidGameError,
        "payoff 0 must be a number",
    ),
    (
        "payoffs None",
        with_({"DD": ("terminal", "DD", None)}),
        InvalidGameError,
        "payoffs must be a sequence of numbers",
    ),
    (
        "payoff mapping missing a player",
        with_({"DD": ("terminal", "DD", {"Challenger": 1})}),
        InvalidGameError,
        "terminal node 'DD' has no payoff for ['Defender']",
    ),
    (
        "payoff mapping misspelt player",
        with_({"DD": ("terminal", "DD", {"Challenger": 1, "Defendr": 0})}),
        InvalidGameError,
        "Did you mean 'Defender'?",
    ),
    (
        "cycle through the root",
        with_(
            {
                "challenged": (
                    "decision",
                    "challenged",
                    "Defender",
                    {"concede": "DC", "deny": "start"},
                )
            },
            drop=(),
        ),
        InvalidGameError,
        "form a cycle",
    ),
    (
        "self loop",
        with_(
            {
                "challenged": (
                    "decision",
                    "challenged",
                    "Defender",
                    {"concede": "DC", "deny": "challenged"},
                )
            }
        ),
        InvalidGameError,
        "'deny' leads back to itself (a cycle)",
    ),
    (
        "detached cycle",
        with_(
            extra=[
                ("decision", "x", "Defender", {"a": "y"}),
                ("decision", "y", "Challenger", {"b": "x"}),
            ]
        ),
        InvalidGameError,
        "form a cycle",
    ),
    (
        "unreachable node",
        with_(extra=[("terminal", "orphan", (0, 0))]),
        InvalidGameError,
        "nodes ['orphan'] cannot be reached from the root 'start'",
    ),
    (
        "two parents",
        with_(
            {"challenged": ("decision", "challenged", "Defender", {"concede": "DC", "deny": "SQ"})}
        ),
        InvalidGameError,
        "node 'SQ' is the child of both 'start' ('cooperate') and 'challenged' ('deny')",
    ),
    (
        "unknown player",
        with_(
            {"challenged": ("decision", "challenged", "Defendr", {"concede": "DC", "deny": "DD"})}
        ),
        InvalidGameError,
        "decision node 'challenged': unknown player 'Defendr'",
    ),
    (
        "no actions",
        with_({"challenged": ("decision", "challenged", "Defender", {})}),
        InvalidGameError,
        "decision node 'challenged' has no actions",
    ),
    (
        "actions not a mapping",
        with_({"challenged": ("decision", "challenged", "Defender", ["concede", "deny"])}),
        InvalidGameError,
        "decision node 'challenged': actions must be a mapping",
    ),
]


@pytest.mark.parametrize(
    "calls, exc, fragment", [c[1:] for c in BAD_TREES], ids=[c[0] for c in BAD_TREES]
)
def test_bad_trees_name_the_node(calls, exc, fragment):
    with pytest.raises(exc) as info:
        build(*calls)
    assert fragment in str(info.value)


def test_duplicate_names_and_bad_roots_and_players():
    b = GameTree.builder(PLAYERS).terminal("SQ", (0, 1))
    with pytest.raises(InvalidGameError, match="duplicate node name 'SQ'"):
        b.terminal("SQ", (0, 2))
    nodes = [Terminal("SQ", (0, 1)), Terminal("SQ", (0, 2))]
    with pytest.raises(InvalidGameError, match="duplicate node name 'SQ'"):
        GameTree(PLAYERS, nodes)
    with pytest.raises(InvalidGameError, match="root 'strt' is not a node.*Did you mean 'start'"):
        build(*BASE, root="strt")
    with pytest.raises(InvalidGameError, match="root 'challenged' is the child of 'start'"):
        build(*BASE, root="challenged")
    with pytest.raises(InvalidGameError, match="players must be a non-empty sequence"):
        GameTree.builder("Challenger")
    with pytest.raises(InvalidGameError, match="players must be a non-empty sequence"):
        GameTree.builder(())
    with pytest.raises(InvalidGameError, match="duplicate labels"):
        GameTree.builder(("A", "A"))
    with pytest.raises(InvalidGameError, match="nodes must be a non-empty sequence"):
        GameTree(PLAYERS, [])
    with pytest.raises(InvalidGameError, match="Decision, Chance or Terminal"):
        GameTree(PLAYERS, ["SQ"])
    with pytest.raises(InvalidGameError, match="a node name must be a non-empty string"):
        Terminal("", (0, 0))
    with pytest.raises(InvalidGameError, match="repeats the actions"):
        Decision("x", "A", ("a", "a"), ("y", "z"))
    with pytest.raises(InvalidGameError, match="2 actions but 1 children"):
        Decision("x", "A", ("a", "b"), ("y",))


@pytest.mark.parametrize(
    "outcomes, fragment",
    [
        (
            {"hard": (1.2, "h"), "soft": (-0.2, "s")},
            "the probability of 'hard' must lie in [0, 1]; got 1.2",
        ),
        ({"hard": (0.3, "h"), "soft": (-0.2, "s")}, "the probability of 'soft' must lie in [0, 1]"),
        ({"hard": (0.3, "h"), "soft": (0.6, "s")}, "sum to 0.9, not 1"),
        ({"hard": (float("nan"), "h"), "soft": (0.6, "s")}, "got nan"),
        ({"hard": ("0.3", "h"), "soft": (0.7, "s")}, "must be a number"),
    ],
)
def test_chance_probabilities_are_validated(outcomes, fragment):
    b = GameTree.builder(PLAYERS)
    with pytest.raises(ProbabilityError) as info:
        b.chance("type", outcomes)
    assert "chance node 'type'" in str(info.value) and fragment in str(info.value)


def test_chance_sum_tolerance_and_malformed_outcomes():
    # 0.1 + 0.2 + 0.7 differs from 1 by ~1e-16: accepted (tolerance 1e-9)
    Chance("c", ("a", "b", "c"), (0.1, 0.2, 0.7), ("x", "y", "z"))
    with pytest.raises(ProbabilityError, match="sum to 1.000001"):
        Chance("c", ("a", "b"), (0.5, 0.500001), ("x", "y"))
    b = GameTree.builder(PLAYERS)
    with pytest.raises(InvalidGameError, match="must be a pair \\(probability, child node\\)"):
        b.chance("c", {"a": 0.5, "b": 0.5})
    with pytest.raises(InvalidGameError, match="outcomes must be a mapping"):
        b.chance("c", [(0.5, "x")])


def test_information_set_validation():
    def two_nodes(second_player="Defender", second_actions=("concede", "deny"), label="h"):
        return (
            GameTree.builder(PLAYERS)
            .chance("c", {"a": (0.5, "n1"), "b": (0.5, "n2")})
            .decision("n1", "Defender", {"concede": "t1", "deny": "t2"}, infoset=label)
            .decision(
                "n2",
                second_player,
                dict(zip(second_actions, ("t3", "t4"), strict=True)),
                infoset=label,
            )
            .terminal("t1", (0, 0))
            .terminal("t2", (0, 0))
            .terminal("t3", (0, 0))
            .terminal("t4", (0, 0))
            .build()
        )

    assert two_nodes().infosets["h"].nodes == ("n1", "n2")
    assert not two_nodes().is_perfect_information
    with pytest.raises(
        InvalidGameError,
        match="information set 'h' joins node 'n1' of Defender and node 'n2' of Challenger",
    ):
        two_nodes(second_player="Challenger")
    with pytest.raises(InvalidGameError, match="need.*the same actions"):
        two_nodes(second_actions=("concede", "fight"))
    # same actions in another order are the same action set
    assert two_nodes(second_actions=("deny", "concede")).infosets["h"].actions == (
        "concede",
        "deny",
    )
    with pytest.raises(InvalidGameError, match="contains node 'a' and its descendant 'b'"):
        (
            GameTree.builder(PLAYERS)
            .decision("a", "Defender", {"x": "b", "y": "t1"}, infoset="h")
            .decision("b", "Defender", {"x": "t2", "y": "t3"}, infoset="h")
            .terminal("t1", (0, 0))
            .terminal("t2", (0, 0))
            .terminal("t3", (0, 0))
            .build()
        )
    with pytest.raises(InvalidGameError, match="label 'n1' is also the name of decision node 'n1'"):
        (
            GameTree.builder(PLAYERS)
            .chance("c", {"a": (0.5, "n1"), "b": (0.5, "n2")})
            .decision("n1", "Defender", {"x": "t1"})
            .decision("n2", "Defender", {"x": "t2"}, infoset="n1")
            .terminal("t1", (0, 0))
            .terminal("t2", (0, 0))
            .build()
        )


# -- profiles -------------------------------------------------------------------------------------
def test_profile_errors():
    t = deterrence_tree()
    with pytest.raises(
        ParameterError, match="no action for information set 'challenged'.*which it reaches"
    ):
        t.expected_payoffs({"start": "demand"})
    assert t.expected_payoffs({"start": "cooperate"}) == (0.0, 1.0)  # unreached sets may be omitted
    with pytest.raises(ParameterError, match="has no action 'deni'.*Did you mean 'deny'"):
        t.expected_payoffs({"start": "demand", "challenged": "deni"})
    with pytest.raises(
        ParameterError, match="neither an information set nor a decision node.*Did you mean 'start'"
    ):
        t.expected_payoffs({"strt": "demand"})
    with pytest.raises(ProbabilityError, match="sum to 0.9"):
        t.expected_payoffs({"start": {"cooperate": 0.5, "demand": 0.4}})
    with pytest.raises(ProbabilityError, match="must lie in \\[0, 1\\]"):
        t.expected_payoffs({"start": {"cooperate": 1.5, "demand": -0.5}})
    with pytest.raises(ParameterError, match="must be a mapping"):
        t.expected_payoffs(["demand"])
    with pytest.raises(ParameterError, match="action label or a mapping"):
        t.expected_payoffs({"start": 1})
    with pytest.raises(ParameterError, match="needs a pure profile"):
        t.strategy_labels({"start": {"cooperate": 0.5, "demand": 0.5}, "challenged": "deny"})
    with pytest.raises(ParameterError, match="unknown player"):
        t.infosets_of("Defendr")


def test_beliefs_by_bayes_rule():
    t = signaling_tree(0.2)
    mu = t.beliefs({"R": "signal", "U": "quiet", "after signal": "press", "after quiet": "press"})
    assert mu["after signal"] == {"R signal": 1.0, "U signal": 0.0}
    assert mu["after quiet"] == {"R quiet": 0.0, "U quiet": 1.0}
    mu = t.beliefs({"R": "quiet", "U": "quiet", "after quiet": "press", "after signal": "press"})
    assert mu["after signal"] is None  # off the path
    assert mu["after quiet"] == pytest.approx({"R quiet": 0.2, "U quiet": 0.8})


# -- displays -------------------------------------------------------------------------------------
def test_outline_repr_and_html():
    t = typed_defender_tree()
    text = t.outline()
    assert "type: Nature" in text and "├─ hard (0.3) → hard D: Defender" in text
    assert "└─ soft (0.7) → soft D: Defender" in text
    assert "   └─ deny → DD-s (-1, -2)" in text
    assert repr(t) == (
        "<GameTree 'Typed defender': players ['Challenger', 'Defender']; 3 decision, 1 chance, "
        "5 terminal nodes; 3 information sets>"
    )
    assert t._repr_html_().startswith('<pre class="deterrence-tree"')
    assert "[information set 'after signal']" in signaling_tree(0.2).outline()
    odd = GameTree.builder(("<A>", "B")).decision("r", "<A>", {"x&y": "X"}).terminal("X", (1, 2))
    html = odd.build()._repr_html_()
    assert "&lt;A&gt;" in html and "x&amp;y" in html and "<A>" not in html


# -- size: construction linear in the number of nodes ---------------------------------------------
def chain(levels: int) -> GameTree:
    """A centipede-like chain: at level k the mover (alternating) stops or goes on."""
    b = GameTree.builder(("A", "B"))
    for k in range(levels):
        b.decision(
            f"d{k}", "AB"[k % 2], {"stop": f"s{k}", "go": f"d{k + 1}" if k + 1 < levels else "end"}
        )
        b.terminal(f"s{k}", (k % 3, (k + 1) % 3))
    b.terminal("end", (0, 0))
    return b.build()


def test_a_5000_level_tree_builds_in_well_under_a_second():
    # the old cycle check followed every node's parents with a list (cubic in depth: 53 s at
    # 2,000 levels); one marking pass and preorder intervals make it linear
    start = time.process_time()
    t = chain(5000)
    elapsed = time.process_time() - start
    assert len(t.nodes) == 10_001 and t.depth("end") == 5000
    # CPU time (the machine may be shared): about 0.1 s on a 2-core machine
    assert elapsed < 0.5, f"5,000 levels took {elapsed:.2f} s of CPU"
    # linear, not quadratic: four times the nodes costs far less than sixteen times the time
    small = min(_timed(chain, 1250) for _ in range(3))
    large = min(_timed(chain, 5000) for _ in range(3))
    assert large < 8 * small + 0.05, (small, large)


def _timed(f, *args):
    start = time.process_time()
    f(*args)
    return time.process_time() - start


def test_cycles_and_shared_information_sets_are_found_in_long_trees():
    # d0 -> d1 -> ... -> d2999 -> d0, detached from the root
    nodes = [Decision(f"d{k}", "A", ("go",), (f"d{(k + 1) % 3000}",)) for k in range(3000)]
    root = [Decision("r", "A", ("a",), ("x",)), Terminal("x", (0,))]
    with pytest.raises(InvalidGameError, match="d1 -> d2 -> .* -> d2999 -> d0 -> d1 form a cycle"):
        GameTree(("A",), root + nodes, root="r")
    # an information set joining a node and its descendant 2,000 moves below
    b = GameTree.builder(("A",))
    for k in range(2000):
        b.decision(
            f"d{k}",
            "A",
            {"go": f"d{k + 1}", "stop": f"s{k}"},
            infoset="h" if k in (0, 1999) else None,
        )
        b.terminal(f"s{k}", (k,))
    b.terminal("d2000", (0,))
    with pytest.raises(InvalidGameError, match="contains node 'd0' and its descendant 'd1999'"):
        b.build()


def test_solver_methods_moved_to_functions_with_a_pointer():
    t = deterrence_tree()
    for old, new in (
        ("spe", "dt.spe(tree)"),
        ("pbe", "dt.pbe(tree)"),
        ("to_game", "dt.reduced_normal_form(tree)"),
        ("layout", "tree_layout(tree)"),
        ("plot", "draw_tree(tree, ax=ax)"),
    ):
        with pytest.raises(AttributeError, match=f"no longer a method.*{re.escape(new)}"):
            getattr(t, old)
    with pytest.raises(AttributeError, match="has no attribute 'colour'"):
        t.colour  # noqa: B018
    assert not hasattr(t, "spe")
    assert t.payoff_scale == 2.0  # payoffs from -1 to 1
    assert t.infoset_of("challenged") == "challenged"
    with pytest.raises(ParameterError, match="not a decision node"):
        t.infoset_of("SQ")
