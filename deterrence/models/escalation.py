"""Zagare & Kilgour's Asymmetric Escalation Game as a game tree.

Zagare & Kilgour (1995), "Asymmetric Deterrence", *World Politics* 47(3):373-417; Zagare &
Kilgour (2000), *Perfect Deterrence*, Cambridge University Press, ch. 6 and 9, App. 8; Kilgour
& Zagare (2007), "Explaining Limited Conflicts", *Conflict Management and Peace Science* 24(1).

The game (actions C cooperate, D defect / respond in kind, E escalate)::

    start: Challenger
    ├─ C → SQ                                  status quo
    └─ D → challenged: Defender
       ├─ C → DC                               the Defender concedes
       ├─ D → responded: Challenger            the Defender responds in kind
       │  ├─ D → DD                            limited conflict
       │  └─ E → Ch escalated: Defender
       │     ├─ D → ED                         the Challenger alone escalated
       │     └─ E → EE (Ch first)              all-out conflict
       └─ E → Def escalated: Challenger        the Defender escalates
          ├─ D → DE                            the Defender alone escalated
          └─ E → EE (Def first)                all-out conflict

Both EE terminals are the same outcome (all-out conflict); they are separate nodes because a
tree node has one parent.

**Types and payoffs.** The payoff orderings of App. 8 (validated by
:func:`deterrence.models.perfect.check_escalation_payoffs`) are

- Challenger: cEE- < cDE < cEE+ < cDD < cED < cSQ < cDC
- Defender:   dEE- < dED < dEE+ < dDD- < dDC < dDD+ < dDE < dSQ

and a player's *type* picks which variant of a conflict outcome it gets:

================  ======================================================================
Challenger ``H``  Hard: gets cEE+ at EE, so it prefers EE to DE (counter-escalates)
Challenger ``S``  Soft: gets cEE- at EE, so it prefers DE to EE (backs down)
Defender ``XY``   X = *tactical* type: ``H`` gets dDD+ at DD (prefers DD to DC: its threat
                  to respond in kind is credible), ``S`` gets dDD- (prefers to concede);
                  Y = *strategic* type: ``H`` gets dEE+ at EE (prefers EE to ED: its threat
                  to counter-escalate is credible), ``S`` gets dEE- (prefers ED to EE)
================  ======================================================================

so the Defender's four types ``"HH"``, ``"HS"``, ``"SH"``, ``"SS"`` (tactical × strategic)
have prior probabilities pHH, pHS, pSH, pSS, and the Challenger is Hard with probability pCh
("pHH, pHS, pSH, pSS": tactical × strategic credibility).

**Not verified against the book.** The orderings and the type structure above are our reading of the book's
summary of App. 8 of *Perfect Deterrence*; the exact threshold definitions of App. 8 (and its
notation) were not checked against the book, whose text was not available. The trees here follow the game's structure; thresholds on pCh, pHH, ... are
to be derived from them, not quoted as Zagare & Kilgour's.

**Complete information**: by backward induction the outcome is always SQ or DC, never
conflict (limited or all-out) — conflict needs incomplete information, the central claim of
Kilgour & Zagare (2007). A strategically Soft Defender's response in kind is not credible (the
Challenger would escalate to ED, which that Defender ranks below DC); a Hard Challenger answers
escalation with EE, which every Defender ranks below DC; so against a Hard Challenger only an HH
Defender resists (with D), deterring it (cDD < cSQ), and every other Defender concedes (DC).
A Soft Challenger backs down from escalation (DE), so every Defender plans E and the Challenger,
expecting DE < SQ, keeps the status quo.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .. import _check
from ..errors import ParameterError, ProbabilityError, close_match_hint
from ..solve.backward_induction import SubgamePerfect, Tie, spe
from ..tree import PROB_SUM_TOL, GameTree
from .perfect import check_escalation_payoffs

__all__ = [
    "CHALLENGER_TYPES",
    "DEFENDER_TYPES",
    "ESCALATION_OUTCOMES",
    "EscalationOutcome",
    "asymmetric_escalation_tree",
    "asymmetric_escalation_game_incomplete",
    "escalation_outcome",
    "escalation_outcomes",
]

PLAYERS = ("Challenger", "Defender")

#: the Challenger's types: Hard (cEE+) and Soft (cEE-)
CHALLENGER_TYPES = ("H", "S")
#: the Defender's types, tactical letter first: HH, HS, SH, SS
DEFENDER_TYPES = ("HH", "HS", "SH", "SS")
#: the outcome labels of the game (both EE terminals are "EE")
ESCALATION_OUTCOMES = ("SQ", "DC", "DD", "ED", "DE", "EE")

# terminal node name -> outcome label
_TERMINAL_OUTCOME = {
    "SQ": "SQ",
    "DC": "DC",
    "DD": "DD",
    "ED": "ED",
    "EE (Ch first)": "EE",
    "DE": "DE",
    "EE (Def first)": "EE",
}
_CHALLENGER_ALIASES = {"H": "H", "S": "S", "HARD": "H", "SOFT": "S"}


def _challenger_type(value) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"challenger_type must be 'H' (Hard) or 'S' (Soft); got {value!r}.")
    key = value.strip().upper()
    if key not in _CHALLENGER_ALIASES:
        raise ParameterError(
            f"challenger_type must be 'H' (Hard: prefers EE to DE) or 'S' (Soft); got "
            f"{value!r}." + close_match_hint(value.strip().lower(), ("h", "s", "hard", "soft"))
        )
    return _CHALLENGER_ALIASES[key]


def _defender_type(value) -> str:
    if not isinstance(value, str):
        raise ParameterError(f"defender_type must be one of {list(DEFENDER_TYPES)}; got {value!r}.")
    key = value.strip().upper()
    if key not in DEFENDER_TYPES:
        raise ParameterError(
            f"defender_type must be one of {list(DEFENDER_TYPES)} (tactical letter first, then "
            f"strategic; H = Hard, S = Soft); got {value!r}."
            + close_match_hint(key, DEFENDER_TYPES)
        )
    return key


def _terminal_payoffs(c: Mapping[str, float], d: Mapping[str, float], ch: str, de: str):
    """Payoffs (Challenger, Defender) of each terminal for types `ch` and `de` (see module doc)."""
    c_ee = c["EE+"] if ch == "H" else c["EE-"]
    d_dd = d["DD+"] if de[0] == "H" else d["DD-"]
    d_ee = d["EE+"] if de[1] == "H" else d["EE-"]
    return {
        "SQ": (c["SQ"], d["SQ"]),
        "DC": (c["DC"], d["DC"]),
        "DD": (c["DD"], d_dd),
        "ED": (c["ED"], d["ED"]),
        "EE (Ch first)": (c_ee, d_ee),
        "DE": (c["DE"], d["DE"]),
        "EE (Def first)": (c_ee, d_ee),
    }


def _add_game(builder, pays, prefix: str = "", infosets: Mapping[str, str] | None = None):
    """Declare the nodes of one copy of the game; `prefix` names them, `infosets` groups them."""
    h = infosets or {}

    def n(name: str) -> str:
        return prefix + name

    builder.decision(
        n("start"), "Challenger", {"C": n("SQ"), "D": n("challenged")}, infoset=h.get("start")
    )
    builder.decision(
        n("challenged"),
        "Defender",
        {"C": n("DC"), "D": n("responded"), "E": n("Def escalated")},
        infoset=h.get("challenged"),
    )
    builder.decision(
        n("responded"),
        "Challenger",
        {"D": n("DD"), "E": n("Ch escalated")},
        infoset=h.get("responded"),
    )
    builder.decision(
        n("Ch escalated"),
        "Defender",
        {"D": n("ED"), "E": n("EE (Ch first)")},
        infoset=h.get("Ch escalated"),
    )
    builder.decision(
        n("Def escalated"),
        "Challenger",
        {"D": n("DE"), "E": n("EE (Def first)")},
        infoset=h.get("Def escalated"),
    )
    for terminal, payoffs in pays.items():
        builder.terminal(n(terminal), payoffs)


def asymmetric_escalation_tree(
    challenger: Mapping[str, float],
    defender: Mapping[str, float],
    *,
    challenger_type: str,
    defender_type: str,
) -> GameTree:
    """The Asymmetric Escalation Game under complete information, for one type profile.

    Zagare & Kilgour (1995, *World Politics* 47(3)); Zagare & Kilgour (2000, *Perfect
    Deterrence*, ch. 6 and App. 8); Kilgour & Zagare (2007, *CMPS* 24(1)). The tree and the
    mapping of types to payoffs are in the module docstring (:mod:`deterrence.models.escalation`);
    the App. 8 threshold definitions were not verified against the book.

    Parameters
    ----------
    challenger : mapping
        The Challenger's utilities, keys "EE-", "DE", "EE+", "DD", "ED", "SQ", "DC" with
        cEE- < cDE < cEE+ < cDD < cED < cSQ < cDC (any positive affine scale).
    defender : mapping
        The Defender's utilities, keys "EE-", "ED", "EE+", "DD-", "DC", "DD+", "DE", "SQ" with
        dEE- < dED < dEE+ < dDD- < dDC < dDD+ < dDE < dSQ.
    challenger_type : {"H", "S"}
        Hard (utility cEE+ at all-out conflict) or Soft (cEE-); "hard" / "soft" are accepted.
    defender_type : {"HH", "HS", "SH", "SS"}
        Tactical type (H: dDD+ at limited conflict, S: dDD-), then strategic type (H: dEE+ at
        all-out conflict, S: dEE-); any case.

    Returns
    -------
    GameTree
        Players ("Challenger", "Defender"); decision nodes "start", "challenged",
        "responded", "Ch escalated", "Def escalated"; actions "C", "D", "E"; terminals "SQ",
        "DC", "DD", "ED", "EE (Ch first)", "DE", "EE (Def first)". Solve with ``dt.spe(tree)``.

    Raises
    ------
    ParameterError
        A payoff ordering fails (the message names it and the first broken pair), a key is
        missing or misspelt, or a type label is unknown (with the close match).

    Examples
    --------
    A Soft Challenger facing a Hard/Hard Defender. The Defender plans to escalate
    (the Soft Challenger would back down: dDE = 6 beats dDD+ = 5 and dDC = 4), so challenging
    would end in DE (cDE = 1 < cSQ = 5) and the status quo holds.

    >>> from deterrence.models.escalation import asymmetric_escalation_tree
    >>> c = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
    >>> d = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}
    >>> tree = asymmetric_escalation_tree(c, d, challenger_type="S", defender_type="HH")
    >>> import deterrence as dt
    >>> spe = dt.spe(tree)
    >>> spe.outcome, spe.plan["challenged"], spe.payoffs
    (('SQ',), 'E', (5.0, 7.0))
    """
    c, d = check_escalation_payoffs(challenger, defender)
    return _complete_tree(c, d, _challenger_type(challenger_type), _defender_type(defender_type))


def _complete_tree(c: Mapping[str, float], d: Mapping[str, float], ch: str, de: str) -> GameTree:
    builder = GameTree.builder(
        PLAYERS, name=f"Asymmetric Escalation Game (Challenger {ch}, Defender {de})"
    )
    _add_game(builder, _terminal_payoffs(c, d, ch, de))
    return builder.build()


def _type_probabilities(p_challenger_hard, p_hh, p_hs, p_sh, p_ss):
    p_ch = _check.probability(p_challenger_hard, "p_challenger_hard")
    p_def = {}
    for label, value in zip(DEFENDER_TYPES, (p_hh, p_hs, p_sh, p_ss), strict=True):
        p = _check.probability(value, f"p_{label.lower()}")
        if not isinstance(p, float):
            raise ProbabilityError(
                f"p_{label.lower()} must be a single probability; got an array. Build one tree "
                "per parameter set."
            )
        p_def[label] = p
    if not isinstance(p_ch, float):
        raise ProbabilityError(
            "p_challenger_hard must be a single probability; got an array. Build one tree per "
            "parameter set."
        )
    total = math.fsum(p_def.values())
    if abs(total - 1.0) > PROB_SUM_TOL:
        raise ProbabilityError(
            f"the Defender's type probabilities p_hh + p_hs + p_sh + p_ss must sum to 1; got "
            f"{' + '.join(f'{p:g}' for p in p_def.values())} = {total:.12g}. Rescale them."
        )
    # accepted within the tolerance; rescaled so the chance node's products sum to 1 exactly
    p_def = {k: v / total for k, v in p_def.items()}
    return {"H": p_ch, "S": 1.0 - p_ch}, p_def


def asymmetric_escalation_game_incomplete(
    challenger: Mapping[str, float],
    defender: Mapping[str, float],
    *,
    p_challenger_hard: float,
    p_hh: float,
    p_hs: float,
    p_sh: float,
    p_ss: float,
    drop_impossible_types: bool = True,
) -> GameTree:
    """The Asymmetric Escalation Game with two-sided incomplete information.

    Nature draws the Challenger's type (Hard w.p. `p_challenger_hard`) and, independently, the
    Defender's (HH, HS, SH, SS w.p. `p_hh`, ...); each player knows its own type only.
    Zagare & Kilgour (2000, *Perfect Deterrence*, ch. 6 and App. 8; parameters pCh, pHH, pHS,
    pSH, pSS); Kilgour & Zagare (2007, *CMPS* 24(1)), where incomplete information is what
    makes limited conflict (DD) possible. Types map to payoffs as in
    :func:`asymmetric_escalation_tree`; the App. 8 threshold definitions were not verified
    against the book.

    Parameters
    ----------
    challenger, defender : mapping
        Utilities, as in :func:`asymmetric_escalation_tree` (orderings checked).
    p_challenger_hard : float
        Probability in [0, 1] that the Challenger is Hard (pCh).
    p_hh, p_hs, p_sh, p_ss : float
        Probabilities of the Defender's types (tactical letter first); in [0, 1], summing to 1
        within 1e-9 (then rescaled to sum to 1 exactly).
    drop_impossible_types : bool
        Leave out the types of prior probability 0 (default). Beliefs then never rest on an
        impossible type, and the tree — and ``pbe()``'s enumeration — shrinks.

    Returns
    -------
    GameTree
        The root "types" is a chance node with one outcome per type profile, labelled
        "H/HH" (Challenger type / Defender type). Each profile's copy of the game has the node
        names of :func:`asymmetric_escalation_tree` prefixed by "H/HH ". Information sets:
        "Ch H: start", "Ch H: responded", "Ch H: Def escalated" (the Challenger of type H does
        not see the Defender's type) and "Def HH: challenged", "Def HH: Ch escalated" (the
        Defender does not see the Challenger's).

        ``dt.pbe(tree)`` finds every pure perfect Bayesian equilibrium by a search that
        prunes by sequential rationality: with all 2 × 4 types (2^6 × 6^4 = 82,944 pure
        profiles) it evaluates about 600 partial profiles and finds the 82 pure PBE of the
        Zagare–Kilgour payoffs below with uniform type probabilities in about 0.1 s (6 under
        ``off_path_belief="prior"``).

    Raises
    ------
    ProbabilityError
        A probability outside [0, 1], or the Defender's probabilities not summing to 1.
    ParameterError
        A payoff ordering fails, or a key is missing or misspelt.

    Examples
    --------
    A Hard Challenger facing an HH Defender (w.p. 0.2) or an SS one (Kilgour & Zagare 2007's
    limited conflict): HH resists in kind and SS concedes, so challenging is worth
    0.2 cDD + 0.8 cDC = 0.2(3) + 0.8(6) = 5.4 > cSQ = 5 — and limited conflict DD happens
    with probability 0.2.

    >>> from deterrence.models.escalation import asymmetric_escalation_game_incomplete
    >>> c = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
    >>> d = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}
    >>> tree = asymmetric_escalation_game_incomplete(
    ...     c, d, p_challenger_hard=1, p_hh=0.2, p_hs=0, p_sh=0, p_ss=0.8)
    >>> import deterrence as dt
    >>> eqs = dt.pbe(tree)
    >>> conflict = [q for q in eqs if "H/HH DD" in q.path]
    >>> [dict(q.strategies) for q in conflict]   # doctest: +NORMALIZE_WHITESPACE
    [{'Ch H: start': 'D', 'Ch H: responded': 'D', 'Ch H: Def escalated': 'E',
      'Def HH: challenged': 'D', 'Def HH: Ch escalated': 'E',
      'Def SS: challenged': 'C', 'Def SS: Ch escalated': 'D'}]
    >>> conflict[0].payoffs
    (5.4, 4.2)
    """
    c, d = check_escalation_payoffs(challenger, defender)
    p_ch, p_def = _type_probabilities(p_challenger_hard, p_hh, p_hs, p_sh, p_ss)
    if not isinstance(drop_impossible_types, bool):
        raise ParameterError(
            f"drop_impossible_types must be True or False; got {drop_impossible_types!r}."
        )
    profiles = [
        (ch, de, p_ch[ch] * p_def[de])
        for ch in CHALLENGER_TYPES
        for de in DEFENDER_TYPES
        if not (drop_impossible_types and (p_ch[ch] == 0 or p_def[de] == 0))
    ]
    builder = GameTree.builder(PLAYERS, name="Asymmetric Escalation Game (incomplete information)")
    builder.chance("types", {f"{ch}/{de}": (p, f"{ch}/{de} start") for ch, de, p in profiles})
    for ch, de, _ in profiles:
        infosets = {
            "start": f"Ch {ch}: start",
            "responded": f"Ch {ch}: responded",
            "Def escalated": f"Ch {ch}: Def escalated",
            "challenged": f"Def {de}: challenged",
            "Ch escalated": f"Def {de}: Ch escalated",
        }
        _add_game(builder, _terminal_payoffs(c, d, ch, de), f"{ch}/{de} ", infosets)
    return builder.build()


@dataclass(frozen=True, eq=False)
class EscalationOutcome:
    """The subgame-perfect outcome of the Asymmetric Escalation Game for one type profile.

    Attributes
    ----------
    outcome : str
        One of "SQ", "DC", "DD", "ED", "DE", "EE" (both all-out conflict terminals are "EE").
    defender_response : str
        The Defender's planned reply to a challenge: "C" concede, "D" respond in kind, "E"
        escalate (its action at node "challenged", on or off the path).
    challenger_plan, defender_plan : Mapping[str, str]
        Each player's action at each of its decision nodes (node name -> action).
    outcomes : tuple of str
        The outcomes of every subgame-perfect plan; more than one only at ties.
    ties : tuple of Tie
        Decision nodes where the mover is indifferent (within ``spe.tol``); empty under strict
        orderings unless payoffs differ by less than the tolerance.
    challenger_type, defender_type : str
    spe : SubgamePerfect
        The full backward-induction result (``spe.tree`` is the tree).
    """

    outcome: str
    defender_response: str
    challenger_plan: Mapping[str, str]
    defender_plan: Mapping[str, str]
    outcomes: tuple[str, ...]
    ties: tuple[Tie, ...]
    challenger_type: str
    defender_type: str
    spe: SubgamePerfect

    @property
    def unique(self) -> bool:
        """True when the subgame-perfect plan is unique (no ties)."""
        return not self.ties

    def __repr__(self):
        tie = "" if self.unique else f"; ties at {', '.join(t.node for t in self.ties)}"
        return (
            f"EscalationOutcome(Challenger {self.challenger_type} vs Defender "
            f"{self.defender_type}: outcome {self.outcome}, Defender plans "
            f"{self.defender_response}{tie})"
        )


def escalation_outcome(
    challenger: Mapping[str, float],
    defender: Mapping[str, float],
    challenger_type: str,
    defender_type: str,
) -> EscalationOutcome:
    """The complete-information subgame-perfect outcome of the Asymmetric Escalation Game.

    Backward induction on :func:`asymmetric_escalation_tree` (Zagare & Kilgour 1995; 2000,
    ch. 6 and App. 8; Kilgour & Zagare 2007). Under the App. 8 orderings the outcome is SQ
    or DC for every type profile: DC exactly when a Hard Challenger faces a
    Defender other than HH.

    Parameters
    ----------
    challenger, defender : mapping
        Utilities, as in :func:`asymmetric_escalation_tree` (orderings checked).
    challenger_type : {"H", "S"}
    defender_type : {"HH", "HS", "SH", "SS"}
        Tactical letter first, then strategic.

    Returns
    -------
    EscalationOutcome

    Raises
    ------
    ParameterError
        A payoff ordering fails, a key is missing or misspelt, or a type label is unknown.

    Examples
    --------
    A Hard Challenger facing a Hard/Hard Defender: the Defender responds in kind
    (dDD+ = 5 beats dDC = 4 and dEE+ = 2), limited conflict would give the Challenger cDD = 3
    < cSQ = 5, so it is deterred. Facing a tactically Soft, strategically Hard Defender, the
    response in kind is worth only dDD- = 3 < dDC = 4 and escalation dEE+ = 2, so the Defender
    concedes and the Challenger, getting cDC = 6 > 5, challenges.

    >>> from deterrence.models.escalation import escalation_outcome
    >>> c = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
    >>> d = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}
    >>> escalation_outcome(c, d, "H", "HH")
    EscalationOutcome(Challenger H vs Defender HH: outcome SQ, Defender plans D)
    >>> r = escalation_outcome(c, d, "H", "SH")
    >>> r.outcome, r.defender_response, dict(r.defender_plan)
    ('DC', 'C', {'challenged': 'C', 'Ch escalated': 'E'})
    """
    c, d = check_escalation_payoffs(challenger, defender)
    return _solve(c, d, _challenger_type(challenger_type), _defender_type(defender_type))


def escalation_outcomes(
    challenger: Mapping[str, float], defender: Mapping[str, float]
) -> dict[tuple[str, str], EscalationOutcome]:
    """:func:`escalation_outcome` for all eight type profiles (payoffs validated once).

    Returns
    -------
    dict
        ``{(challenger_type, defender_type): EscalationOutcome}`` in the order of
        :data:`CHALLENGER_TYPES` × :data:`DEFENDER_TYPES`.

    Examples
    --------
    SQ or DC in every profile — DC exactly when a Hard Challenger faces a
    Defender other than HH.

    >>> from deterrence.models.escalation import escalation_outcomes
    >>> c = {"EE-": 0, "DE": 1, "EE+": 2, "DD": 3, "ED": 4, "SQ": 5, "DC": 6}
    >>> d = {"EE-": 0, "ED": 1, "EE+": 2, "DD-": 3, "DC": 4, "DD+": 5, "DE": 6, "SQ": 7}
    >>> {f"{ch}/{de}": r.outcome for (ch, de), r in escalation_outcomes(c, d).items()}
    ...                                        # doctest: +NORMALIZE_WHITESPACE
    {'H/HH': 'SQ', 'H/HS': 'DC', 'H/SH': 'DC', 'H/SS': 'DC',
     'S/HH': 'SQ', 'S/HS': 'SQ', 'S/SH': 'SQ', 'S/SS': 'SQ'}
    """
    c, d = check_escalation_payoffs(challenger, defender)
    return {(ch, de): _solve(c, d, ch, de) for ch in CHALLENGER_TYPES for de in DEFENDER_TYPES}


def _solve(c: Mapping[str, float], d: Mapping[str, float], ch: str, de: str) -> EscalationOutcome:
    """Backward induction for validated payoffs `c`, `d` and canonical type labels."""
    tree = _complete_tree(c, d, ch, de)
    spe_ = spe(tree)
    (terminal,) = spe_.outcome
    outcomes = []
    for plan in spe_.plans:
        (t,) = (n for n in tree.path(plan) if n in _TERMINAL_OUTCOME)
        if _TERMINAL_OUTCOME[t] not in outcomes:
            outcomes.append(_TERMINAL_OUTCOME[t])
    by_player = {
        p: MappingProxyType({n: a for n, a in spe_.plan.items() if tree.nodes[n].player == p})
        for p in PLAYERS
    }
    return EscalationOutcome(
        outcome=_TERMINAL_OUTCOME[terminal],
        defender_response=spe_.plan["challenged"],
        challenger_plan=by_player["Challenger"],
        defender_plan=by_player["Defender"],
        outcomes=tuple(outcomes),
        ties=spe_.ties,
        challenger_type=ch,
        defender_type=de,
        spe=spe_,
    )
