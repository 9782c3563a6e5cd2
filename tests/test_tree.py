"""GameTree: construction and validation, backward induction with ties, reduced normal form,
perfect Bayesian equilibria of signaling games (MODELS.md §2.1 V1, §2.6 V17), displays, and
pygambit as an independent oracle."""

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.errors import (
    GameTooLargeError,
    InvalidGameError,
    ParameterError,
    ProbabilityError,
)
from deterrence.tree import NO_MOVE, Chance, Decision, GameTree, Terminal

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
    """MODELS.md §2.6: Nature draws Resolved (pi) or Unresolved; the sender signals (cost k_R or
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


def is_nash(game, row, col, tol=1e-9):
    i, j = game.strategies[0].index(row), game.strategies[1].index(col)
    return game.A[i, j] >= game.A[:, j].max() - tol and game.B[i, j] >= game.B[i, :].max() - tol


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
    assert GameTree(PLAYERS, nodes[::-1], root="start").spe().outcome == ("SQ",)
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
    assert t2.spe().outcome == ("DC",)
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


# -- backward induction ---------------------------------------------------------------------------
V1 = [
    # Threat credible iff u_Def(DD) > u_Def(DC); capable iff u_Ch(SQ) > u_Ch(DD) (MODELS.md §2.1)
    # credible (-0.5 > -1) and capable (0 > -1): Defender denies, Challenger keeps SQ
    (
        "V1 SQ",
        (0, 1, -1),
        (1, -1, -0.5),
        ("SQ",),
        {"start": "cooperate", "challenged": "deny"},
        (0, 1),
    ),
    # not credible (-2 < -1): Defender concedes, Challenger demands and wins, DC
    (
        "V1 DC",
        (0, 1, -1),
        (1, -1, -2),
        ("DC",),
        {"start": "demand", "challenged": "concede"},
        (1, -1),
    ),
    # credible but not capable (u_Ch(DD) = 0.5 > 0): Challenger demands anyway, conflict DD
    (
        "V1 DD",
        (0, 1, 0.5),
        (1, -1, -0.5),
        ("DD",),
        {"start": "demand", "challenged": "deny"},
        (0.5, -0.5),
    ),
]


@pytest.mark.parametrize(
    "ch, de, outcome, plan, payoffs", [v[1:] for v in V1], ids=[v[0] for v in V1]
)
def test_v1_generic_deterrence_game(ch, de, outcome, plan, payoffs):
    spe = deterrence_tree(ch, de).spe()
    assert spe.outcome == outcome
    assert dict(spe.plan) == plan
    assert spe.payoffs == pytest.approx(payoffs)
    assert spe.unique and spe.ties == ()
    assert spe.path[-1] == outcome[0] and spe.path[0] == "start"
    assert len(spe.edges) == len(spe.path) - 1


@settings(max_examples=60, deadline=None)
@given(st.permutations([-2.0, -1.0, 0.5, 1.5]), st.permutations([-2.0, -1.0, 0.5, 1.5]))
def test_credibility_and_capability_rule(ch_vals, de_vals):
    # Challenger prefers DC to SQ; SPE outcome: SQ iff credible and capable, DC if not
    # credible, DD if credible but not capable (MODELS.md §2.1, [D])
    ch = (ch_vals[0], max(ch_vals[:2]) + 1, ch_vals[2])
    de = (max(de_vals) + 1, de_vals[0], de_vals[1])
    credible, capable = de[2] > de[1], ch[0] > ch[2]
    expected = "SQ" if credible and capable else "DC" if not credible else "DD"
    assert deterrence_tree(ch, de).spe().outcome == (expected,)


def test_tie_is_reported_with_every_spe_plan():
    # Defender indifferent: u_Def(DC) = u_Def(DD) = -1. If it concedes the Challenger demands
    # (1 > 0): DC; if it denies the Challenger cooperates (0 > -1): SQ. Two SPE, different outcomes.
    t = deterrence_tree(de=(1, -1, -1))
    spe = t.spe()
    assert [(x.node, x.actions, x.chosen, x.value) for x in spe.ties] == [
        ("challenged", ("concede", "deny"), "concede", -1.0)
    ]
    assert [dict(p) for p in spe.plans] == [
        {"start": "demand", "challenged": "concede"},
        {"start": "cooperate", "challenged": "deny"},
    ]
    assert not spe.unique
    assert {t.expected_payoffs(p) for p in spe.plans} == {(1.0, -1.0), (0.0, 1.0)}
    assert "tie at challenged (Defender): concede = deny all give -1" in repr(spe)
    # a tie within tol counts; a real difference above it does not
    assert not deterrence_tree(de=(1, -1, -1 + 1e-12)).spe().unique
    assert deterrence_tree(de=(1, -1, -1 + 1e-6)).spe().unique


def test_off_path_tie_is_reported_too():
    # the Challenger prefers SQ (2) to anything; the Defender's tie is off the path
    spe = deterrence_tree(ch=(2, 1, -1), de=(1, -1, -1)).spe()
    assert spe.outcome == ("SQ",) and len(spe.plans) == 2
    assert spe.ties[0].node == "challenged" and "challenged" not in spe.path


def test_too_many_tied_plans_raise():
    # Nature picks one of 12 branches; at each a player is indifferent between two moves:
    # 2**12 = 4096 subgame-perfect plans
    b = GameTree.builder(("A",)).chance("c", {f"o{k}": (1 / 12, f"d{k}") for k in range(12)})
    for k in range(12):
        b.decision(f"d{k}", "A", {"x": f"x{k}", "y": f"y{k}"})
        b.terminal(f"x{k}", (1,)).terminal(f"y{k}", (1,))
    t = b.build()
    with pytest.raises(GameTooLargeError, match="at least 4096 subgame-perfect plans"):
        t.spe(max_plans=1000)
    spe = t.spe(max_plans=5000)
    assert len(spe.plans) == 4096 and len(spe.ties) == 12 and spe.payoffs == pytest.approx((1.0,))


def test_chance_node_expected_payoffs_by_hand():
    t = typed_defender_tree(0.3)
    spe = t.spe()
    # Hard Defender denies (-0.5 > -1), Soft concedes (-1 > -2). Demanding pays the Challenger
    # 0.3(-1) + 0.7(1) = 0.4 > 0 = SQ, so it demands; the Defender expects
    # 0.3(-0.5) + 0.7(-1) = -0.85.
    assert dict(spe.plan) == {"start": "demand", "hard D": "deny", "soft D": "concede"}
    assert spe.payoffs == pytest.approx((0.4, -0.85))
    assert spe.outcome == ("DD-h", "DC-s")
    reach = t.reach_probabilities(spe.plan)
    assert reach["DD-h"] == pytest.approx(0.3) and reach["DC-s"] == pytest.approx(0.7)
    assert reach["SQ"] == 0.0
    # at p_hard = 0.5 demanding pays 0.5(-1) + 0.5(1) = 0 = SQ: a tie, reported
    spe = typed_defender_tree(0.5).spe()
    assert [x.node for x in spe.ties] == ["start"] and len(spe.plans) == 2
    # behaviour strategy: demand w.p. 0.5, Hard denies, Soft concedes w.p. 0.2:
    # Ch = 0.5*0 + 0.5*(0.3(-1) + 0.7(0.2*1 + 0.8*(-1))) = 0.5*(-0.3 - 0.42) = -0.36
    prof = {
        "start": {"cooperate": 0.5, "demand": 0.5},
        "hard D": "deny",
        "soft D": {"concede": 0.2, "deny": 0.8},
    }
    assert typed_defender_tree(0.3).expected_payoffs(prof)[0] == pytest.approx(-0.36)


def test_spe_needs_perfect_information():
    with pytest.raises(InvalidGameError, match="needs perfect information.*'after signal'"):
        signaling_tree(0.2).spe()
    with pytest.raises(ParameterError, match="tol must be a finite number >= 0"):
        deterrence_tree().spe(tol=-1)


def brute_force_spe(tree, eps=1e-9):
    """Every pure plan satisfying the one-shot deviation condition at every decision node."""
    dec = [n for n in tree.preorder if isinstance(tree.nodes[n], Decision)]
    pidx = {p: i for i, p in enumerate(tree.players)}
    out = []
    for acts in itertools.product(*(tree.nodes[n].actions for n in dec)):
        plan = dict(zip(dec, acts, strict=True))
        value = tree._values(plan)  # a one-shot deviation at n keeps the plan below n
        if all(
            value[n][pidx[tree.nodes[n].player]]
            >= max(value[c][pidx[tree.nodes[n].player]] for c in tree.nodes[n].children) - eps
            for n in dec
        ):
            out.append(plan)
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


@settings(max_examples=60, deadline=None)
@given(perfect_information_trees())
def test_spe_plans_are_exactly_the_backward_induction_plans_and_nash(tree):
    spe = tree.spe()
    plans = [dict(p) for p in spe.plans]
    brute = brute_force_spe(tree)
    assert sorted(map(sorted, map(dict.items, plans))) == sorted(
        map(sorted, map(dict.items, brute))
    )
    assert plans[0] == dict(spe.plan)
    assert spe.unique == (spe.ties == ())  # by induction from the leaves
    assert spe.payoffs == pytest.approx(tree.expected_payoffs(spe.plan))
    game = tree.to_game()
    for p in spe.plans:
        row, col = tree.strategy_labels(p)
        assert is_nash(game, row, col)


@settings(max_examples=30, deadline=None)
@given(perfect_information_trees(), st.floats(0.1, 10), st.floats(-5, 5), st.floats(0.1, 10))
def test_spe_is_invariant_to_positive_affine_payoff_changes(tree, a0, b0, a1):
    new = {
        n: (a0 * tree.nodes[n].payoffs[0] + b0, a1 * tree.nodes[n].payoffs[1])
        for n in tree.terminals
    }
    assert [dict(p) for p in tree.with_payoffs(new).spe().plans] == [
        dict(p) for p in tree.spe().plans
    ]


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


# -- reduced normal form --------------------------------------------------------------------------
def test_to_game_of_the_deterrence_tree_is_the_classic_matrix():
    g = deterrence_tree().to_game()
    ref = dt.games.deterrence_game()  # MODELS.md V1d: A=[[0,0],[1,-1]], B=[[1,1],[-1,-0.5]]
    np.testing.assert_array_equal(g.A, ref.A)
    np.testing.assert_array_equal(g.B, ref.B)
    assert g.strategies == ref.strategies and g.players == PLAYERS
    assert g.name == "Generic deterrence game"


@pytest.mark.parametrize("ch, de", [(v[1], v[2]) for v in V1], ids=[v[0] for v in V1])
def test_spe_outcome_is_among_solve_equilibria(ch, de):
    tree = deterrence_tree(ch, de)
    spe = tree.spe()
    game = tree.to_game()
    row, col = spe.strategies
    assert is_nash(game, row, col)
    eqs = dt.solve(game)
    i, j = game.strategies[0].index(row), game.strategies[1].index(col)
    # a pure equilibrium is an extreme point of the equilibrium set, so solve lists it
    assert any(e.row[i] == pytest.approx(1) and e.col[j] == pytest.approx(1) for e in eqs)
    assert any(e.payoffs == pytest.approx(spe.payoffs) for e in eqs)


def test_reduced_normal_form_merges_plans_after_own_exit():
    t = (
        GameTree.builder(PLAYERS)
        .decision("start", "Challenger", {"SQ": "sq", "initiate": "initiated"})
        .decision("initiated", "Defender", {"concede": "dc", "resist": "resisted"})
        .decision("resisted", "Challenger", {"back down": "bd", "fight": "war"})
        .terminal("sq", (0, 1))
        .terminal("dc", (1, -1))
        .terminal("bd", (-1, 0.5))
        .terminal("war", (-2, -2))
        .build()
    )
    g = t.to_game()
    # 2 x 2 = 4 plans, but after SQ the second move is moot: 3 reduced strategies
    assert g.strategies == (("SQ|*", "initiate|back down", "initiate|fight"), ("concede", "resist"))
    np.testing.assert_array_equal(g.A, [[0, 0], [1, -1], [1, -2]])
    np.testing.assert_array_equal(g.B, [[1, 1], [-1, 0.5], [-1, -2]])
    spe = t.spe()
    # Challenger would back down (-1 > -2), so the Defender resists (0.5 > -1) and the
    # Challenger keeps the status quo (0 > -1)
    assert spe.strategies == ("SQ|*", "resist") and is_nash(g, *spe.strategies)


def test_to_game_with_chance_and_player_without_moves():
    g = typed_defender_tree(0.3).to_game()
    assert g.strategies[1] == ("concede|concede", "concede|deny", "deny|concede", "deny|deny")
    # demand vs (Hard denies, Soft concedes): 0.3(-1) + 0.7(1) = 0.4; Defender -0.85
    assert g.payoff("demand", "deny|concede") == pytest.approx((0.4, -0.85))
    assert is_nash(g, "demand", "deny|concede")
    lone = (
        GameTree.builder(("A", "B"))
        .decision("r", "A", {"x": "X", "y": "Y"})
        .terminal("X", (1, 0))
        .terminal("Y", (0, 0))
        .build()
    )
    assert lone.to_game().strategies == (("x", "y"), (NO_MOVE,))


def test_to_game_guards():
    t = typed_defender_tree()
    with pytest.raises(GameTooLargeError, match="Defender has more than 3 reduced strategies"):
        t.to_game(max_strategies=3)
    three = (
        GameTree.builder(("A", "B", "C"))
        .decision("r", "A", {"x": "X"})
        .terminal("X", (1, 0, 0))
        .build()
    )
    with pytest.raises(InvalidGameError, match="needs exactly two players; this tree has 3"):
        three.to_game()
    assert three.spe().payoffs == (1.0, 0.0, 0.0)  # backward induction works for n players


# -- perfect Bayesian equilibrium (MODELS.md §2.6, V17) -------------------------------------------
# Receiver accommodates iff mu >= mu* = G/(G + W_R) = 1/(1 + 3) = 0.25 (pressing pays
# mu(-W_R) + (1 - mu)G = 1 - 4mu, accommodating 0).


def pbe_by_strategies(eqs):
    return {tuple(sorted(q.strategies.items())): q for q in eqs}


def test_v17_separating_pbe():
    # pi = 0.2, b = 1, (k_R, k_U) = (0.4, 1.5): k_R <= b <= k_U, so only R signals:
    # after a signal mu = 1 >= 0.25 -> accommodate; after quiet mu = 0 -> press.
    # R: signal 1 - 0.4 = 0.6 > 0 (quiet, pressed); U: quiet 0 > 1 - 1.5 = -0.5.
    eqs = signaling_tree(0.2).pbe()
    sep = [q for q in eqs if q.kind == "separating"]
    assert len(sep) == 1
    q = sep[0]
    assert dict(q.strategies) == {
        "R": "signal",
        "U": "quiet",
        "after signal": "accommodate",
        "after quiet": "press",
    }
    assert dict(q.beliefs["after signal"]) == {"R signal": 1.0, "U signal": 0.0}
    assert dict(q.beliefs["after quiet"]) == {"R quiet": 0.0, "U quiet": 1.0}
    assert q.off_path == ()
    # Sender: 0.2 * 0.6 + 0.8 * 0 = 0.12; Receiver: 0.2 * 0 + 0.8 * G = 0.8
    assert q.payoffs == pytest.approx((0.12, 0.8))
    # the other pure PBE pools on quiet and is pressed (prior 0.2 < mu*); it needs the
    # off-path belief after a signal to be at most mu* = 0.25, else R would signal
    assert len(eqs) == 2
    pool = [q for q in eqs if q.kind == "pooling"][0]
    assert pool.strategies["after quiet"] == "press" and pool.off_path == ("after signal",)
    assert dict(pool.belief_ranges["after signal"]) == {
        "R signal": pytest.approx((0.0, 0.25)),
        "U signal": pytest.approx((0.75, 1.0)),
    }
    assert dict(pool.beliefs["after quiet"]) == pytest.approx({"R quiet": 0.2, "U quiet": 0.8})
    assert not any(
        q.kind == "pooling" and q.strategies["after quiet"] == "accommodate" for q in eqs
    )


@pytest.mark.parametrize("pi", [0.25, 0.3, 0.6])
def test_pooling_pbe_when_prior_exceeds_threshold(pi):
    # pi >= mu*: pooling on quiet, the receiver's posterior is the prior pi >= 0.25, so it
    # accommodates (tie at pi = mu* resolved to accommodate, which is optimal too); every
    # type gets b = 1, and signalling gives at most b - k < b, so no type deviates whatever the
    # receiver does after the (off-path) signal: both responses are part of a PBE.
    eqs = signaling_tree(pi).pbe()
    pools = [
        q
        for q in eqs
        if q.kind == "pooling"
        and q.strategies["R"] == "quiet"
        and q.strategies["after quiet"] == "accommodate"
    ]
    assert {q.strategies["after signal"] for q in pools} == {"accommodate", "press"}
    for q in pools:
        assert q.payoffs == pytest.approx((1.0, 0.0))
        assert dict(q.beliefs["after quiet"]) == pytest.approx({"R quiet": pi, "U quiet": 1 - pi})
        lo, hi = q.belief_ranges["after signal"]["R signal"]
        # accommodate is optimal for mu in [0.25, 1], press for mu in [0, 0.25]
        assert (lo, hi) == pytest.approx(
            (0.25, 1.0) if q.strategies["after signal"] == "accommodate" else (0.0, 0.25)
        )


def test_off_path_belief_rules():
    t = signaling_tree(0.2)
    # a fixed off-path belief 0.5 > mu*: the receiver accommodates a signal, so R would signal
    # and the quiet-pooling PBE disappears; 0.1 < mu* keeps it
    assert [q.kind for q in t.pbe(off_path_belief=0.5)] == ["separating"]
    assert sorted(q.kind for q in t.pbe(off_path_belief=0.1)) == ["pooling", "separating"]
    # "prior": the belief after an unexpected signal is pi = 0.2 < mu*
    pool = [q for q in t.pbe(off_path_belief="prior") if q.kind == "pooling"][0]
    assert dict(pool.beliefs["after signal"]) == pytest.approx({"R signal": 0.2, "U signal": 0.8})
    assert pool.belief_ranges == {}
    fixed = t.pbe(off_path_belief={"after signal": {"R signal": 0.9, "U signal": 0.1}})
    assert [q.kind for q in fixed] == ["separating"]
    with pytest.raises(ParameterError, match="Did you mean 'all'"):
        t.pbe(off_path_belief="al")
    with pytest.raises(ProbabilityError, match="must be a probability in \\[0, 1\\]; got 1.5"):
        t.pbe(off_path_belief=1.5)
    with pytest.raises(ParameterError, match="not an information set.*Did you mean 'after signal'"):
        t.pbe(off_path_belief={"after signl": {"R signal": 1.0}})
    with pytest.raises(ParameterError, match="not in that information set"):
        t.pbe(off_path_belief={"after signal": {"R quiet": 1.0}})
    with pytest.raises(ProbabilityError, match="sums to 0.5"):
        t.pbe(off_path_belief={"after signal": {"R signal": 0.5}})
    with pytest.raises(GameTooLargeError, match="16 pure profiles"):
        t.pbe(max_profiles=10)


def test_v17_semi_separating_is_mixed_and_checked_by_hand():
    # k_U = 0.6 < b: no pure separating PBE (U would mimic: 1 - 0.6 > 0). The semi-separating
    # one (V17): U signals w.p. sigma = pi(1 - mu*)/((1 - pi)mu*) = 0.2*0.75/(0.8*0.25) = 0.75,
    # the receiver accommodates a signal w.p. rho = k_U/b = 0.6.
    t = signaling_tree(0.2, k_u=0.6)
    assert not any(q.kind == "separating" for q in t.pbe())
    prof = {
        "R": "signal",
        "U": {"signal": 0.75, "quiet": 0.25},
        "after signal": {"accommodate": 0.6, "press": 0.4},
        "after quiet": "press",
    }
    # posterior after a signal: 0.2 / (0.2 + 0.8 * 0.75) = 0.25 = mu*, exactly
    assert t.beliefs(prof)["after signal"]["R signal"] == pytest.approx(0.25)
    # U indifferent: signal 0.6 * 1 - 0.6 = 0 = quiet (pressed)
    u_sig = t.expected_payoffs({**prof, "U": "signal"})[0]
    u_quiet = t.expected_payoffs({**prof, "U": "quiet"})[0]
    assert u_sig == pytest.approx(u_quiet)
    # receiver indifferent after a signal: same expected payoff whether it accommodates or presses
    assert t.expected_payoffs({**prof, "after signal": "accommodate"})[1] == pytest.approx(
        t.expected_payoffs({**prof, "after signal": "press"})[1]
    )
    # R's net gain rho*b - k_R = 0.6 - 0.4 = 0.2 > 0: Sender payoff 0.2*0.2 + 0.8*0 = 0.04
    assert t.expected_payoffs(prof)[0] == pytest.approx(0.04)


def test_pure_pbe_are_nash_equilibria_of_the_normal_form():
    for pi in (0.2, 0.3):
        t = signaling_tree(pi)
        g = t.to_game()
        eqs = t.pbe()
        assert len(eqs) >= 2
        for q in eqs:
            assert is_nash(g, *t.strategy_labels(q.strategies))


def test_three_type_off_path_beliefs_use_the_belief_polytope():
    # Three types pool on "quiet"; after an (off-path) "signal" the receiver presses iff
    # mu3 - 3(mu1 + mu2) >= 0, i.e. mu3 >= 0.75; so pooling with press after a signal has
    # mu3 in [0.75, 1] and mu1, mu2 each in [0, 0.25].
    b = GameTree.builder(("Sender", "Receiver"))
    b.chance(
        "type", {f"t{k}": (p, f"T{k}") for k, p in zip((1, 2, 3), (0.2, 0.3, 0.5), strict=True)}
    )
    for k, press in ((1, -3), (2, -3), (3, 1)):
        b.decision(f"T{k}", "Sender", {"signal": f"T{k} s", "quiet": f"T{k} q"})
        for m in ("s", "q"):
            b.decision(
                f"T{k} {m}", "Receiver", {"acc": f"T{k} {m} a", "press": f"T{k} {m} p"}, infoset=m
            )
            b.terminal(f"T{k} {m} a", (1 if m == "q" else 0.5, 0))
            b.terminal(f"T{k} {m} p", (0 if m == "q" else -0.5, press))
    t = b.build()
    eqs = t.pbe()
    [q] = [
        q
        for q in eqs
        if q.kind == "pooling"
        and q.strategies["T1"] == "quiet"
        and q.strategies["s"] == "press"
        and q.strategies["q"] == "acc"
    ]
    r = q.belief_ranges["s"]
    assert r["T3 s"] == pytest.approx((0.75, 1.0), abs=1e-7)
    assert r["T1 s"] == pytest.approx((0.0, 0.25), abs=1e-7)
    assert r["T2 s"] == pytest.approx((0.0, 0.25), abs=1e-7)
    assert q.kind == "pooling"
    with pytest.raises(ParameterError, match="has 3"):
        t.pbe(off_path_belief=0.5)


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


def test_solution_displays():
    spe = deterrence_tree(de=(1, -1, -1)).spe()
    h = spe._repr_html_()
    assert (
        "Subgame-perfect equilibrium" in h and "2 SPE plans (ties)" in h and "concede = deny" in h
    )
    assert "unique." in deterrence_tree().spe()._repr_html_()
    eqs = signaling_tree(0.2).pbe()
    h = eqs._repr_html_()
    assert (
        "2 pure perfect Bayesian equilibria" in h and "separating" in h and "&isin; [0, 0.25]" in h
    )
    assert "off path" in repr(eqs) and "separating" in repr(eqs[0])
    assert "Perfect Bayesian equilibrium</b> (separating)" in eqs[0]._repr_html_()


# -- pygambit as an independent oracle ------------------------------------------------------------
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
    "V1 SQ": lambda: deterrence_tree(),
    "V1 DC": lambda: deterrence_tree(de=(1, -1, -2)),
    "V1 DD": lambda: deterrence_tree(ch=(0, 1, 0.5)),
    "tie": lambda: deterrence_tree(de=(1, -1, -1)),
    "typed defender": lambda: typed_defender_tree(0.3),
    "signaling pi=0.2": lambda: signaling_tree(0.2),
    "signaling pi=0.3": lambda: signaling_tree(0.3),
}


@pytest.mark.parametrize("key", list(ORACLE_TREES))
def test_pygambit_reduced_normal_form_and_equilibria(key):
    gbt = pytest.importorskip("pygambit")
    tree = ORACLE_TREES[key]()
    g = to_gambit(tree)
    game = tree.to_game()
    # gambit's strategic form of a tree is the reduced normal form, in the same order
    A, B = (np.array(M, dtype=float) for M in g.to_arrays())
    np.testing.assert_allclose(game.A, A, atol=1e-9)
    np.testing.assert_allclose(game.B, B, atol=1e-9)
    eqs = gbt.nash.enummixed_solve(g, rational=True).equilibria
    profiles = {tuple(tuple(float(eq[s]) for s in p.strategies) for p in g.players) for eq in eqs}

    def pure(labels):
        return tuple(
            tuple(float(s == lab) for s in strats)
            for lab, strats in zip(labels, game.strategies, strict=True)
        )

    if tree.is_perfect_information:
        for plan in tree.spe().plans:
            assert pure(tree.strategy_labels(plan)) in profiles
    else:
        for q in tree.pbe():
            assert pure(tree.strategy_labels(q.strategies)) in profiles
