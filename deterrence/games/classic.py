"""Classic games of the deterrence literature, from named and documented parameters.

Each builder validates the payoff ordering that defines its game and raises
:class:`~deterrence.errors.ParameterError` naming the broken inequality (pass ``strict=False``
to build the matrix anyway, e.g. for a classroom counter-example).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .._check import nonnegative, payoffs_by_name, probability, strict_order
from ..errors import ParameterError, close_match_hint
from ..game import Game

__all__ = [
    "chicken",
    "prisoners_dilemma",
    "stag_hunt",
    "matching_pennies",
    "deterrence_game",
    "retaliation_game",
    "retaliation_payoffs",
    "RETALIATION_DEFAULTS",
    "RETALIATION_STRATEGIES",
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
    one in which each goes straight with probability (T−R)/((T−R)+(S−P)) (Osborne 2004, ch. 4;
    MODELS.md V11).

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
    ``challenger_sq > challenger_dd``; the subgame-perfect outcome is SQ iff both hold (MODELS.md
    §2.1, V1). The normal form is degenerate: against ``cooperate`` the Defender is indifferent,
    so a whole interval of Defender mixtures supports SQ (V1d).

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


#: default parameters of the seed's 3×3 retaliation game (utils; Iran's side follows MODELS.md §5.1)
RETALIATION_DEFAULTS: dict[str, float] = {
    "reputation_stake": 1.0,
    "audience_cost": 1.0,
    "cost_israeli_escalation": 6.0,
    "p_us_entry": 0.5,
    "cost_us_entry": 8.0,
    "calibrated_share": 0.5,
    "major_size": 3.0,
    "proportional_damage": 0.4,
    "israel_deterrence_loss": 1.0,
    "israel_reply_cost": 0.25,
    "israel_war_cost": 1.5,
}

RETALIATION_STRATEGIES = (
    ("restraint", "calibrated", "major"),
    ("absorb", "proportional", "escalate"),
)


def _retaliation_params(scenario_or_params, overrides) -> dict[str, object]:
    params = dict(RETALIATION_DEFAULTS)
    source: Mapping = {}
    if scenario_or_params is not None:
        if hasattr(scenario_or_params, "retaliation_parameters"):
            source = scenario_or_params.retaliation_parameters()
        elif isinstance(scenario_or_params, Mapping):
            source = scenario_or_params
        else:
            raise TypeError(
                "retaliation_game takes a Scenario, a mapping of parameters or keyword "
                f"arguments; got {type(scenario_or_params).__name__}."
            )
    for key, value in {**source, **overrides}.items():
        if key not in RETALIATION_DEFAULTS:
            raise ParameterError(
                f"retaliation_game has no parameter {key!r}.{close_match_hint(key, RETALIATION_DEFAULTS)} "
                f"Parameters: {', '.join(RETALIATION_DEFAULTS)}."
            )
        params[key] = value
    for key, value in params.items():
        if key == "p_us_entry":
            params[key] = probability(value, key)
        elif key == "calibrated_share":
            params[key] = probability(value, key)
        else:
            params[key] = nonnegative(value, key, unit="utils")
    if np.any(np.asarray(params["major_size"]) <= 1):
        raise ParameterError(
            f"major_size must be > 1 (a major strike is larger than a calibrated one, size 1); got "
            f"{params['major_size']}."
        )
    return params


def retaliation_payoffs(scenario_or_params=None, **overrides) -> tuple[np.ndarray, np.ndarray]:
    """Payoff matrices (A, B) of the retaliation game; array parameters give stacks (N, 3, 3).

    See :func:`retaliation_game` for the model. Any parameter may be a 1-D array (all arrays of
    one length N, or scalars): then A and B have shape (N, 3, 3) — ready for
    :func:`deterrence.solve_many`.

    Examples
    --------
    >>> A, B = retaliation_payoffs(audience_cost=[0.0, 1.0, 2.0])
    >>> A.shape, A[:, 0, 0].tolist()
    ((3, 3, 3), [0.0, -1.0, -2.0])
    """
    p = _retaliation_params(scenario_or_params, overrides)
    arrays = {k: np.asarray(v, dtype=float) for k, v in p.items()}
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    if len(shape) > 1:
        raise ParameterError(f"parameter arrays must be 1-D; got broadcast shape {shape}.")
    v = {k: np.broadcast_to(a, shape) for k, a in arrays.items()}
    R, a, share = v["reputation_stake"], v["audience_cost"], v["calibrated_share"]
    W = v["cost_israeli_escalation"] + v["p_us_entry"] * v["cost_us_entry"]
    size = np.stack([np.zeros(shape), np.ones(shape), v["major_size"]], axis=-1)  # ℓ(r)
    struck = (size > 0).astype(float)
    gain = np.stack([-a, share * R, R], axis=-1)  # Iran's reputational gain of each response
    # Iran: gain(r) − cost of Israel's policy applied to a strike of size ℓ(r)
    cost_i = np.stack(
        [np.zeros(shape + (3,)), v["proportional_damage"][..., None] * size, W[..., None] * struck],
        axis=-1,
    )
    A = gain[..., :, None] - cost_i
    # Israel: the harm of the strike is sunk; its reply policy decides what deterrence it keeps
    f, c, CE = v["israel_deterrence_loss"], v["israel_reply_cost"], v["israel_war_cost"]
    B = np.stack(
        [
            -f[..., None] * size,
            -c[..., None] * struck - 0.5 * f[..., None] * size,
            -CE[..., None] * struck,
        ],
        axis=-1,
    )
    return A + 0.0, B + 0.0  # + 0.0 turns -0.0 into 0.0 for display


def retaliation_game(scenario_or_params=None, **overrides) -> Game:
    r"""The seed dilemma as a 3×3 game: Iran's response vs Israel's reply policy.

    Iran (rows) answers the killings with ``restraint``, a ``calibrated`` strike (size ℓ = 1) or
    a ``major`` strike (size ℓ = ``major_size``); Israel (columns) commits to a reply policy:
    ``absorb``, ``proportional`` (answer in kind, in proportion to ℓ) or ``escalate``. With no
    strike (restraint) Israel's policy is never triggered.

    Iran's payoff, A[r, s] = gain(r) − cost(r, s):

    * gain: restraint −a (audience cost a of the broken public vow: ``audience_cost``);
      calibrated share·R̄ (``calibrated_share`` of the ``reputation_stake`` R̄, the value of
      restored deterrence); major R̄;
    * cost: absorb 0; proportional d·ℓ (``proportional_damage`` d per unit of strike size);
      escalate W = W_I + π_US·W_US if Iran struck (``cost_israeli_escalation`` W_I,
      ``p_us_entry`` π_US, ``cost_us_entry`` W_US; MODELS.md §2.9's cascade).

    Israel's payoff, B[r, s] (the strike's damage is sunk, so only the reply's consequences
    count): absorb −f·ℓ (deterrence lost, ``israel_deterrence_loss`` f per unit of size);
    proportional −c − f·ℓ/2 (``israel_reply_cost`` c; half the loss restored); escalate −C_E
    (``israel_war_cost``; deterrence fully restored); all 0 after restraint.

    Thresholds (derived; tested): Israel prefers proportional to absorb after a strike iff
    f·ℓ/2 > c, and escalate to proportional iff C_E < c + f·ℓ/2 — so with the defaults
    (f=1, c=0.25, C_E=1.5, ℓ_major=3) it replies in kind to a calibrated strike and escalates
    against a major one. Iran's calibrated strike is a best reply to a proportional policy iff
    share·R̄ − d ≥ −a and d·(ℓ_major − 1) ≥ (1 − share)·R̄, i.e. R̄ ≤ 1.6 at the defaults; and
    (major, escalate) is an equilibrium iff R̄ − W ≥ −a, i.e. war is cheap: W ≤ R̄ + a.
    At the defaults (W = 10) the equilibria are (calibrated, proportional) — the calibrated
    response — and a component in which restraint is deterred by the threat to escalate, which
    is not credible (Israel would rather reply in kind; see the tree in
    :mod:`deterrence.games.crisis`).

    Parameters
    ----------
    scenario_or_params : Scenario or mapping, optional
        A loaded scenario (its retaliation parameters are used) or a mapping of the parameters
        below; keyword arguments override both.
    **overrides
        Any of :data:`RETALIATION_DEFAULTS` (utils unless stated; ``p_us_entry`` and
        ``calibrated_share`` are in [0, 1]; ``major_size`` > 1 is relative to a calibrated
        strike).

    Examples
    --------
    >>> import deterrence as dt
    >>> g = retaliation_game()
    >>> [e.describe() for e in dt.solve(g) if e.is_pure]
    ['restraint / escalate', 'calibrated / proportional']
    >>> g.A[1].tolist()       # calibrated strike vs absorb / proportional / escalate
    [0.5, 0.09999999999999998, -9.5]
    """
    for key, value in overrides.items():
        if np.ndim(value) != 0:
            raise ParameterError(
                f"retaliation_game builds one game; {key} is an array. Use "
                "retaliation_payoffs(...) and dt.solve_many for sweeps."
            )
    A, B = retaliation_payoffs(scenario_or_params, **overrides)
    return Game(
        A,
        B,
        players=("Iran", "Israel"),
        strategies=RETALIATION_STRATEGIES,
        name="Retaliation dilemma",
    )
