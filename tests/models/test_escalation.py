"""Asymmetric Escalation Game trees (MODELS.md §2.1, V4, V4d; Zagare & Kilgour 1995, 2000 ch. 6
and App. 8; Kilgour & Zagare 2007)."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.errors import GameTooLargeError, ParameterError, ProbabilityError
from deterrence.models import escalation
from deterrence.models.escalation import (
    CHALLENGER_TYPES,
    DEFENDER_TYPES,
    asymmetric_escalation_game_incomplete,
    asymmetric_escalation_tree,
    escalation_outcome,
    escalation_outcomes,
)
from deterrence.models.perfect import CHALLENGER_ESCALATION_ORDER, DEFENDER_ESCALATION_ORDER
from deterrence.tree import Chance, Terminal

# MODELS.md V4: utilities are the ranks, worst = 0
C_V4 = dict(zip(CHALLENGER_ESCALATION_ORDER, range(7), strict=True))
D_V4 = dict(zip(DEFENDER_ESCALATION_ORDER, range(8), strict=True))
PROFILES = [(c, d) for c in CHALLENGER_TYPES for d in DEFENDER_TYPES]


def test_models_package_exposes_escalation():
    import deterrence.models as models

    assert models.escalation is escalation


# -- the tree -------------------------------------------------------------------------------------
def test_tree_structure_and_type_payoffs():
    tree = asymmetric_escalation_tree(C_V4, D_V4, challenger_type="H", defender_type="SH")
    assert tree.players == ("Challenger", "Defender")
    assert tree.is_perfect_information
    decisions = {
        n: (tree.nodes[n].player, tree.nodes[n].actions)
        for n in tree.preorder
        if not isinstance(tree.nodes[n], Terminal)
    }
    assert decisions == {
        "start": ("Challenger", ("C", "D")),
        "challenged": ("Defender", ("C", "D", "E")),
        "responded": ("Challenger", ("D", "E")),
        "Ch escalated": ("Defender", ("D", "E")),
        "Def escalated": ("Challenger", ("D", "E")),
    }
    pays = {n: tree.nodes[n].payoffs for n in tree.terminals}
    # Hard Challenger: cEE+ = 2 at both EE; tactically Soft Defender: dDD- = 3; strategically
    # Hard: dEE+ = 2
    assert pays == {
        "SQ": (5, 7),
        "DC": (6, 4),
        "DD": (3, 3),
        "ED": (4, 1),
        "EE (Ch first)": (2, 2),
        "DE": (1, 6),
        "EE (Def first)": (2, 2),
    }


@pytest.mark.parametrize(("ch", "de"), PROFILES)
def test_each_type_picks_its_conflict_utility(ch, de):
    tree = asymmetric_escalation_tree(C_V4, D_V4, challenger_type=ch, defender_type=de)
    pays = {n: tree.nodes[n].payoffs for n in tree.terminals}
    c_ee = C_V4["EE+"] if ch == "H" else C_V4["EE-"]
    d_dd = D_V4["DD+"] if de[0] == "H" else D_V4["DD-"]
    d_ee = D_V4["EE+"] if de[1] == "H" else D_V4["EE-"]
    assert pays["DD"] == (C_V4["DD"], d_dd)
    assert pays["EE (Ch first)"] == pays["EE (Def first)"] == (c_ee, d_ee)
    assert {pays[k] for k in ("SQ", "DC", "ED", "DE")} == {
        (C_V4[k], D_V4[k]) for k in ("SQ", "DC", "ED", "DE")
    }


def test_type_labels_accept_case_and_words():
    a = asymmetric_escalation_tree(C_V4, D_V4, challenger_type="hard", defender_type="hs")
    b = asymmetric_escalation_tree(C_V4, D_V4, challenger_type="H", defender_type="HS")
    assert a == b
    assert escalation_outcome(C_V4, D_V4, "soft", "ss").challenger_type == "S"


# -- V4: complete information ---------------------------------------------------------------------
# Backward induction by hand, V4 payoffs c = (EE-0, DE1, EE+2, DD3, ED4, SQ5, DC6),
# d = (EE-0, ED1, EE+2, DD-3, DC4, DD+5, DE6, SQ7):
#   "Ch escalated" (Defender): ED = 1 vs EE = dEE+ 2 (strategically Hard -> E) or dEE- 0 (-> D).
#   "responded" (Challenger): DD = 3 vs E -> EE (cEE± <= 2 < 3) if the Defender is strategically
#       Hard, so D (DD); vs E -> ED = 4 > 3 if strategically Soft, so E (ED).
#   "Def escalated" (Challenger): DE = 1 vs EE = cEE+ 2 (Hard -> E) or cEE- 0 (Soft -> D).
#   "challenged" (Defender): C -> DC 4; D -> DD (dDD+ 5 / dDD- 3) or ED 1; E -> EE (2 or 0)
#       against a Hard Challenger, DE 6 against a Soft one.
#   - Soft Ch vs HH: C 4, D 5, E 6 -> E; Ch: SQ 5 vs DE 1 -> SQ.                  (V4 row 1)
#   - Hard Ch vs HH: C 4, D 5, E 2 -> D; Ch: SQ 5 vs DD 3 -> SQ.                  (V4 row 2)
#   - Hard Ch vs SH: C 4, D 3, E 2 -> C; Ch: SQ 5 vs DC 6 -> DC.                  (V4 row 3)
# MODELS.md's V4 statement agrees on all three.
@pytest.mark.parametrize(
    ("case", "ch", "de", "response", "outcome", "payoffs"),
    [
        ("V4 soft Ch vs HH", "S", "HH", "E", "SQ", (5, 7)),
        ("V4 hard Ch vs HH", "H", "HH", "D", "SQ", (5, 7)),
        ("V4 hard Ch vs SH", "H", "SH", "C", "DC", (6, 4)),
    ],
)
def test_v4_complete_information(case, ch, de, response, outcome, payoffs):
    r = escalation_outcome(C_V4, D_V4, ch, de)
    assert (r.outcome, r.defender_response) == (outcome, response)
    assert r.spe.payoffs == payoffs
    assert r.unique and r.ties == () and r.outcomes == (outcome,)
    assert r.defender_plan["challenged"] == response


def test_v4_full_plans():
    r = escalation_outcome(C_V4, D_V4, "H", "SH")
    # Hard Ch: D at start, D at "responded" (EE+ 2 < DD 3 against a strategically Hard Defender),
    # E at "Def escalated" (EE+ 2 > DE 1); the SH Defender counter-escalates at "Ch escalated" (EE+ 2 > ED 1)
    assert dict(r.challenger_plan) == {"start": "D", "responded": "D", "Def escalated": "E"}
    assert dict(r.defender_plan) == {"challenged": "C", "Ch escalated": "E"}
    assert "outcome DC, Defender plans C" in repr(r)


def test_all_eight_profiles_v4():
    # the rule of the module docstring: a Soft Challenger meets E and keeps SQ; a Hard one is
    # deterred only by HH (response D), every other Defender concedes (DC)
    results = {(c, d): escalation_outcome(C_V4, D_V4, c, d) for c, d in PROFILES}
    assert [r.outcome for r in escalation_outcomes(C_V4, D_V4).values()] == [
        r.outcome for r in results.values()
    ]
    got = {k: (r.outcome, r.defender_response) for k, r in results.items()}
    assert got == {
        ("H", "HH"): ("SQ", "D"),
        ("H", "HS"): ("DC", "C"),
        ("H", "SH"): ("DC", "C"),
        ("H", "SS"): ("DC", "C"),
        ("S", "HH"): ("SQ", "E"),
        ("S", "HS"): ("SQ", "E"),
        ("S", "SH"): ("SQ", "E"),
        ("S", "SS"): ("SQ", "E"),
    }


# -- V4d: never conflict under complete information ----------------------------------------------
def _ordered(n):
    # a strictly increasing assignment: a start plus n - 1 positive integer gaps (>= 1, far
    # above spe()'s tie tolerance of 1e-9 x spread); cheaper for hypothesis than unique lists
    gaps = st.tuples(*[st.integers(1, 1000)] * (n - 1))
    return st.tuples(st.integers(-10_000, 10_000), gaps).map(
        lambda t: list(itertools.accumulate(t[1], initial=t[0]))
    )


@settings(max_examples=2000, deadline=None)
@given(c_vals=_ordered(7), d_vals=_ordered(8))
def test_v4d_complete_information_never_conflict(c_vals, d_vals):
    # 2,000 payoff draws x 8 type profiles = 16,000 trees solved
    c = dict(zip(CHALLENGER_ESCALATION_ORDER, c_vals, strict=True))
    d = dict(zip(DEFENDER_ESCALATION_ORDER, d_vals, strict=True))
    results = escalation_outcomes(c, d)
    assert list(results) == PROFILES
    for (ch, de), r in results.items():
        assert r.unique
        assert r.outcome in ("SQ", "DC")
        # and exactly the closed-form rule derived in the V4 comment above
        assert r.outcome == ("DC" if ch == "H" and de != "HH" else "SQ")
        assert r.defender_response == ("E" if ch == "S" else "D" if de == "HH" else "C")


# -- ties are reported, never broken silently -----------------------------------------------------
def test_tie_within_tolerance_is_reported():
    # cED - cDD = 1e-12 is a strict ordering but a tie for spe() (tol 1e-9 x spread 6). Hard Ch vs
    # HS (strategically Soft: ED after escalation): at "responded" DD = 3 vs ED = 3 + 1e-12.
    # Plan D there (first declared): HS responds D (dDD+ 5 > dDC 4 > dEE- 0) -> Ch gets DD 3 < 5:
    # SQ. Plan E: ED 1 < DC 4 so HS concedes -> Ch gets DC 6 > 5: DC. Both are SPE outcomes.
    c = {**C_V4, "ED": 3 + 1e-12}
    r = escalation_outcome(c, D_V4, "H", "HS")
    assert not r.unique
    assert [(t.node, t.actions) for t in r.ties] == [("responded", ("D", "E"))]
    assert (r.outcome, r.outcomes) == ("SQ", ("SQ", "DC"))
    assert "ties at responded" in repr(r)


def test_knife_edge_tie_admits_limited_conflict():
    # cDD within 1e-12 of cSQ: a Hard Ch facing HH is indifferent between SQ and DD, so DD is an
    # SPE outcome too — V4d's "never conflict" needs the strict orderings beyond the tolerance.
    c = {**C_V4, "DD": 5 - 2e-12, "ED": 5 - 1e-12}
    r = escalation_outcome(c, D_V4, "H", "HH")
    assert r.outcomes == ("SQ", "DD")
    assert [t.node for t in r.ties] == ["start"]


# -- cross-check with the normal-form solver ------------------------------------------------------
@pytest.mark.parametrize(("ch", "de"), [("S", "HH"), ("H", "HH"), ("H", "SH"), ("S", "SS")])
def test_spe_is_a_nash_equilibrium_of_the_reduced_normal_form(ch, de):
    tree = asymmetric_escalation_tree(C_V4, D_V4, challenger_type=ch, defender_type=de)
    spe = dt.spe(tree)
    game = dt.reduced_normal_form(tree)
    # Challenger: SQ|*, and D with (responded, Def escalated) in {D,E}^2 -> 5; Defender: C,
    # D with Ch escalated in {D,E}, E -> 4
    assert game.shape == (5, 4)
    i, j = (labels.index(s) for labels, s in zip(game.strategies, spe.strategies, strict=True))
    eqs = dt.solve(game)
    pure = {(int(np.argmax(e.row)), int(np.argmax(e.col))): e for e in eqs if e.is_pure}
    assert (i, j) in pure
    np.testing.assert_allclose(pure[(i, j)].payoffs, spe.payoffs)


def _to_gambit(tree):
    gbt = pytest.importorskip("pygambit")
    g = gbt.Game.new_tree(players=list(tree.players), title=tree.name)
    gnode = {tree.root: g.root}
    for n in tree.preorder:
        node, gn = tree.nodes[n], gnode[n]
        if isinstance(node, Terminal):
            pays = [Fraction(v).limit_denominator(10**6) for v in node.payoffs]
            g.set_outcome(gn, g.add_outcome(n, pays))
            continue
        assert not isinstance(node, Chance)
        g.append_move(gn, node.player, list(node.actions))
        for a, child in zip(node.actions, node.children, strict=True):
            gnode[child] = gn.children[a]
    return g


def test_pygambit_oracle_complete_information():
    gbt = pytest.importorskip("pygambit")
    tree = asymmetric_escalation_tree(C_V4, D_V4, challenger_type="H", defender_type="SH")
    spe = dt.spe(tree)
    game = dt.reduced_normal_form(tree)
    g = _to_gambit(tree)
    A, B = (np.array(M, dtype=float) for M in g.to_arrays())
    np.testing.assert_allclose(game.A, A)
    np.testing.assert_allclose(game.B, B)
    eqs = gbt.nash.enummixed_solve(g, rational=True).equilibria
    profiles = {tuple(tuple(float(eq[s]) for s in p.strategies) for p in g.players) for eq in eqs}
    pure = tuple(
        tuple(float(s == lab) for s in strats)
        for lab, strats in zip(spe.strategies, game.strategies, strict=True)
    )
    assert pure in profiles
    # gambit's equilibrium payoffs include the SPE's (DC: Challenger 6, Defender 4)
    pays = {tuple(float(eq.payoff(p)) for p in g.players) for eq in eqs}
    assert (6.0, 4.0) in pays


# -- incomplete information -----------------------------------------------------------------------
def test_incomplete_tree_structure_all_types():
    tree = asymmetric_escalation_game_incomplete(
        C_V4, D_V4, p_challenger_hard=0.4, p_hh=0.1, p_hs=0.2, p_sh=0.3, p_ss=0.4
    )
    root = tree.nodes[tree.root]
    assert isinstance(root, Chance) and tree.root == "types"
    assert root.outcomes == ("H/HH", "H/HS", "H/SH", "H/SS", "S/HH", "S/HS", "S/SH", "S/SS")
    # independent draws: 0.4 x (0.1, 0.2, 0.3, 0.4), then 0.6 x the same
    np.testing.assert_allclose(
        root.probabilities, [0.04, 0.08, 0.12, 0.16, 0.06, 0.12, 0.18, 0.24], atol=1e-15
    )
    sets = {h.label: h.nodes for h in tree.infosets.values()}
    assert len(sets) == 2 * 3 + 4 * 2
    # the Challenger of a type does not see the Defender's type (4 nodes per set) ...
    assert sets["Ch H: responded"] == tuple(f"H/{d} responded" for d in DEFENDER_TYPES)
    # ... and the Defender does not see the Challenger's (2 nodes per set)
    assert sets["Def SH: challenged"] == ("H/SH challenged", "S/SH challenged")
    assert tree.nodes["S/HS EE (Def first)"].payoffs == (C_V4["EE-"], D_V4["EE-"])
    assert tree.nodes["H/HS DD"].payoffs == (C_V4["DD"], D_V4["DD+"])
    # 2^6 Challenger x 6^4 Defender pure profiles: the search's step budget names them
    with pytest.raises(GameTooLargeError, match="82944 pure profiles"):
        dt.pbe(tree, max_profiles=50)


def test_zero_probability_types_are_dropped_or_kept():
    kw = dict(p_challenger_hard=1, p_hh=0.2, p_hs=0, p_sh=0, p_ss=0.8)
    small = asymmetric_escalation_game_incomplete(C_V4, D_V4, **kw)
    assert small.nodes["types"].outcomes == ("H/HH", "H/SS")
    full = asymmetric_escalation_game_incomplete(C_V4, D_V4, **kw, drop_impossible_types=False)
    assert len(full.nodes["types"].outcomes) == 8
    assert sum(full.nodes["types"].probabilities) == pytest.approx(1.0)


def _terminal(tree, q):
    # "H/HH EE (Ch first)" -> "EE": the outcome label is the second word of a terminal's name
    return [n.split(" ")[1] for n in q.path if isinstance(tree.nodes[n], Terminal)]


# A Hard Challenger facing HH (prob p) or SS (1 - p), V4 payoffs. In every PBE the SS Defender
# concedes (D gives dDD- 3 or dED 1 < dDC 4; E gives dEE- 0 since a Hard Ch counter-escalates) and
# HH counter-escalates after ED-threat (dEE+ 2 > dED 1). If HH responds D, only HH reaches
# "responded", where the Challenger then plays D (DD 3 > EE+ 2): challenging is worth
# p cDD + (1 - p) cDC = 6 - 3p, above cSQ = 5 iff p < 1/3 — limited conflict with probability p.
# Besides, "everyone concedes" is a PBE at any p: "responded" is off path and a belief
# mu(HH) <= 1/2 makes escalation optimal there (2 mu + 4 (1 - mu) >= 3), so HH's D would earn
# only dEE+ 2 < dDC 4.
@pytest.mark.parametrize(
    ("p_hh", "expected"),
    [
        (0.2, {("DD", "DC"): (6 - 3 * 0.2, 0.2 * 5 + 0.8 * 4), ("DC", "DC"): (6, 4)}),
        (0.3, {("DD", "DC"): (6 - 3 * 0.3, 0.3 * 5 + 0.7 * 4), ("DC", "DC"): (6, 4)}),
        (0.4, {("SQ", "SQ"): (5, 7), ("DC", "DC"): (6, 4)}),
        (0.9, {("SQ", "SQ"): (5, 7), ("DC", "DC"): (6, 4)}),
    ],
)
def test_limited_conflict_needs_incomplete_information(p_hh, expected):
    tree = asymmetric_escalation_game_incomplete(
        C_V4, D_V4, p_challenger_hard=1, p_hh=p_hh, p_hs=0, p_sh=0, p_ss=1 - p_hh
    )
    eqs = dt.pbe(tree)
    assert eqs.profiles_checked == 2**3 * 6**2
    got = {tuple(_terminal(tree, q)): q.payoffs for q in eqs}
    assert got.keys() == expected.keys()
    for k, pays in expected.items():
        np.testing.assert_allclose(got[k], pays)
    for q in eqs:
        if "H/HH DD" in q.path:
            # Bayes: only HH reaches "responded"
            assert dict(q.beliefs["Ch H: responded"]) == {
                "H/HH responded": 1.0,
                "H/SS responded": 0.0,
            }


def test_degenerate_prior_reproduces_complete_information():
    # prior mass 1 on (Hard, HH): every PBE's path is the SPE's (SQ, V4 row 2), up to off-path play
    tree = asymmetric_escalation_game_incomplete(
        C_V4, D_V4, p_challenger_hard=1, p_hh=1, p_hs=0, p_sh=0, p_ss=0
    )
    eqs = dt.pbe(tree)
    assert {tuple(_terminal(tree, q)) for q in eqs} == {("SQ",)}
    assert {q.strategies["Def HH: challenged"] for q in eqs} == {"D"}


# -- bad inputs -----------------------------------------------------------------------------------
BROKEN_C = {**C_V4, "ED": 3}  # cDD = cED
BROKEN_D = {**D_V4, "DC": 6}  # dDC above dDD+


def _incomplete(c, d, **kw):
    p = dict(p_challenger_hard=0.5, p_hh=0.25, p_hs=0.25, p_sh=0.25, p_ss=0.25)
    return asymmetric_escalation_game_incomplete(c, d, **{**p, **kw})


BUILDERS = {
    "tree": lambda c, d: asymmetric_escalation_tree(c, d, challenger_type="H", defender_type="HH"),
    "incomplete": _incomplete,
    "outcome": lambda c, d: escalation_outcome(c, d, "H", "HH"),
    "outcomes": escalation_outcomes,
}


@pytest.mark.parametrize("builder", list(BUILDERS))
@pytest.mark.parametrize(
    ("c", "d", "fragment"),
    [
        (
            BROKEN_C,
            D_V4,
            "The Asymmetric Escalation Game (challenger) requires "
            "cEE- < cDE < cEE+ < cDD < cED < cSQ < cDC; got cDD=3 >= cED=3",
        ),
        (
            C_V4,
            BROKEN_D,
            "The Asymmetric Escalation Game (defender) requires "
            "dEE- < dED < dEE+ < dDD- < dDC < dDD+ < dDE < dSQ; got dDC=6 >= dDD+=5",
        ),
        ({k: v for k, v in C_V4.items() if k != "SQ"}, D_V4, "missing ['SQ']"),
        (C_V4, {**{k: v for k, v in D_V4.items() if k != "DD+"}, "DDD+": 5}, "Did you mean 'DD+'?"),
    ],
)
def test_broken_orderings_and_keys(builder, c, d, fragment):
    with pytest.raises(ParameterError) as err:
        BUILDERS[builder](c, d)
    assert fragment in str(err.value)


@pytest.mark.parametrize(
    ("kw", "fragment"),
    [
        (dict(defender_type="HHH"), "Did you mean 'HH'?"),
        (dict(defender_type="hard"), "defender_type must be one of ['HH', 'HS', 'SH', 'SS']"),
        (dict(defender_type=None), "defender_type must be one of"),
        (dict(challenger_type="hrad"), "Did you mean 'hard'?"),
        (dict(challenger_type="X"), "challenger_type must be 'H' (Hard"),
        (dict(challenger_type=1), "challenger_type must be 'H' (Hard) or 'S' (Soft); got 1"),
    ],
)
def test_misspelt_types(kw, fragment):
    args = {"challenger_type": "H", "defender_type": "HH", **kw}
    with pytest.raises(ParameterError) as err:
        asymmetric_escalation_tree(C_V4, D_V4, **args)
    assert fragment in str(err.value)
    with pytest.raises(ParameterError) as err:
        escalation_outcome(C_V4, D_V4, args["challenger_type"], args["defender_type"])
    assert fragment in str(err.value)


@pytest.mark.parametrize(
    ("kw", "error", "fragment"),
    [
        (
            dict(p_hh=0.5, p_hs=0.2, p_sh=0.1, p_ss=0.1),
            ProbabilityError,
            "p_hh + p_hs + p_sh + p_ss must sum to 1; got 0.5 + 0.2 + 0.1 + 0.1 = 0.9",
        ),
        (dict(p_challenger_hard=1.5), ProbabilityError, "p_challenger_hard must be a probability"),
        (dict(p_ss=-0.1), ProbabilityError, "p_ss must be a probability in [0, 1]; got -0.1"),
        (dict(p_hs=float("nan")), ProbabilityError, "p_hs must be finite"),
        (dict(p_sh="0.25"), ProbabilityError, "p_sh must be a number"),
        (dict(p_hh=np.array([0.25, 0.5])), ProbabilityError, "p_hh must be a single probability"),
        (dict(p_challenger_hard=[0.5]), ProbabilityError, "p_challenger_hard must be a single"),
        (dict(drop_impossible_types="yes"), ParameterError, "must be True or False"),
    ],
)
def test_bad_probabilities(kw, error, fragment):
    with pytest.raises(error) as err:
        _incomplete(C_V4, D_V4, **kw)
    assert fragment in str(err.value)


def test_probabilities_within_tolerance_are_rescaled():
    tree = _incomplete(C_V4, D_V4, p_hh=0.25 + 5e-10)
    assert sum(tree.nodes["types"].probabilities) == pytest.approx(1.0, abs=1e-15)
