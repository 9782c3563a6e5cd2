"""Classic games of the deterrence literature, from named and documented parameters.

Each builder validates the payoff ordering that defines its game and raises
:class:`~deterrence.errors.ParameterError` naming the broken inequality (pass ``strict=False``
to build the matrix anyway, e.g. for a classroom counter-example).
"""

from __future__ import annotations

from .._check import nonnegative, payoffs_by_name, strict_order
from ..errors import ParameterError
from ..game import Game

__all__ = [
    "chicken",
    "prisoners_dilemma",
    "stag_hunt",
    "matching_pennies",
    "deterrence_game",
]


def _symmetric_2x2(R, S, T, P, labels, players, name):
    A = [[R, S], [T, P]]
    return Game.symmetric(A, players=players, strategies=(labels, labels), name=name)


@payoffs_by_name
def chicken(*, R=0.0, S=-1.0, T=1.0, P=-10.0, players=("Row", "Column"), strict=True) -> Game:
    """Chicken (Hawk–Dove): the canonical crisis game of mutual nuclear deterrence.

    Payoffs are keyword-only (``chicken(R=0, S=-1, T=1, P=-10)``): the literature orders them
    differently. Strategies ``swerve`` and ``straight``. R: both swerve; S: swerve while the other goes
    straight; T: straight while the other swerves; P: both straight (crash). Chicken requires
    T > R > S > P. Its equilibria: the two pure profiles where exactly one swerves, and a mixed
    one in which each goes straight with probability (T−R)/((T−R)+(S−P)) (Osborne 2004, ch. 4).

    Examples
    --------
    >>> g = chicken()
    >>> g.A.tolist()
    [[0.0, -1.0], [1.0, -10.0]]
    >>> chicken(R=2, T=1)
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: Chicken requires P < S < R < T; got R=2 >= T=1. ...
    """
    if strict:
        strict_order({"P": P, "S": S, "R": R, "T": T}, "Chicken")
    return _symmetric_2x2(R, S, T, P, ["swerve", "straight"], players, "Chicken")


@payoffs_by_name
def prisoners_dilemma(
    *, T=5.0, R=3.0, P=1.0, S=0.0, players=("Row", "Column"), strict=True
) -> Game:
    """The Prisoner's Dilemma: arms races, security dilemmas, tit-for-tat exchanges.

    Payoffs are keyword-only (``prisoners_dilemma(T=5, R=3, P=1, S=0)``). Strategies
    ``cooperate`` and ``defect``; T > R > P > S (and 2R > T + S for the repeated
    game, so alternating exploitation does not beat mutual cooperation). Axelrod 1984 uses
    (5, 3, 1, 0). Unique equilibrium: mutual defection.

    Examples
    --------
    >>> import deterrence as dt
    >>> [e.describe() for e in dt.solve(prisoners_dilemma())]
    ['defect / defect']
    """
    if strict:
        strict_order({"S": S, "P": P, "R": R, "T": T}, "the Prisoner's Dilemma")
        if not 2 * R > T + S:
            raise ParameterError(
                f"the Prisoner's Dilemma requires 2R > T + S; got 2R={2 * R:g} <= T+S={T + S:g}. "
                "Raise R or lower T (or pass strict=False)."
            )
    return _symmetric_2x2(R, S, T, P, ["cooperate", "defect"], players, "Prisoner's Dilemma")


@payoffs_by_name
def stag_hunt(*, R=4.0, T=3.0, P=2.0, S=0.0, players=("Row", "Column"), strict=True) -> Game:
    """The Stag Hunt (assurance game): cooperation pays only if the other cooperates too.

    Payoffs are keyword-only. Strategies ``stag`` and ``hare``; R both hunt stag, T hare against stag, P both hare,
    S stag against hare; requires R > T >= P > S. Two pure equilibria and a mixed one with
    Pr(stag) = (P−S)/((R−T)+(P−S)).

    Examples
    --------
    >>> import deterrence as dt
    >>> len(dt.solve(stag_hunt()))
    3
    """
    if strict:
        strict_order({"S": S, "P": P, "R": R}, "the Stag Hunt")
        if not (R > T >= P):
            raise ParameterError(
                f"the Stag Hunt requires R > T >= P; got R={R:g}, T={T:g}, P={P:g}."
            )
    return _symmetric_2x2(R, S, T, P, ["stag", "hare"], players, "Stag Hunt")


def matching_pennies(stake=1.0, *, players=("Matcher", "Mismatcher")) -> Game:
    """Matching pennies: a zero-sum game of pure conflict; unique equilibrium (½, ½).

    Examples
    --------
    >>> import deterrence as dt
    >>> dt.solve(matching_pennies())[0].row.tolist()
    [0.5, 0.5]
    """
    stake = float(nonnegative(stake, "stake"))
    if stake == 0:
        raise ParameterError("stake must be > 0; with stake 0 every profile is an equilibrium.")
    return Game.zero_sum(
        [[stake, -stake], [-stake, stake]],
        players=players,
        strategies=(["heads", "tails"], ["heads", "tails"]),
        name="Matching pennies",
    )


def deterrence_game(
    *,
    challenger_sq=0.0,
    challenger_dc=1.0,
    challenger_dd=-1.0,
    defender_sq=1.0,
    defender_dc=-1.0,
    defender_dd=-0.5,
    players=("Challenger", "Defender"),
    strict=True,
) -> Game:
    """Zagare & Kilgour's Generic Deterrence Game in normal form (*Perfect Deterrence*, 2000, ch. 3).

    The Challenger cooperates (status quo, SQ) or demands; the Defender, if challenged,
    concedes (outcome DC: the Challenger wins) or denies (DD: conflict). Rows
    ``cooperate``/``demand``; columns ``concede``/``deny`` (the Defender's plan if challenged).
    The Challenger prefers DC to SQ (it has a reason to challenge) and the Defender prefers SQ
    to both DC and DD.

    The Defender's threat is *credible* iff ``defender_dd > defender_dc``, and *capable* iff
    ``challenger_sq > challenger_dd``; the subgame-perfect outcome is SQ iff both hold (Zagare &
    Kilgour 2000, ch. 3). The normal form is degenerate: against ``cooperate`` the Defender is
    indifferent, so a whole interval of Defender mixtures supports SQ.

    Examples
    --------
    >>> import deterrence as dt
    >>> eqs = dt.solve(deterrence_game())
    >>> [e.col.tolist() for e in eqs]      # deny with probability y >= 1/2 keeps the status quo
    [[0.5, 0.5], [0.0, 1.0]]
    """
    if strict:
        strict_order(
            {"challenger_sq": challenger_sq, "challenger_dc": challenger_dc},
            "the deterrence game (the Challenger must prefer winning to the status quo)",
        )
        for out, v in (("defender_dc", defender_dc), ("defender_dd", defender_dd)):
            strict_order(
                {out: v, "defender_sq": defender_sq},
                "the deterrence game (the Defender must prefer the status quo)",
            )
    A = [[challenger_sq, challenger_sq], [challenger_dc, challenger_dd]]
    B = [[defender_sq, defender_sq], [defender_dc, defender_dd]]
    return Game(
        A,
        B,
        players=players,
        strategies=(["cooperate", "demand"], ["concede", "deny"]),
        name="Generic deterrence game",
    )
