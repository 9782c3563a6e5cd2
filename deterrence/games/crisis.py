"""The retaliation crisis by role: the exchange tree, its normal form, and the crisis tree.

A **challenger** has been provoked and picks a response class — ``restraint``, a ``calibrated``
strike or a ``major`` one; the **defender** answers a strike by absorbing it, replying in kind
(``proportional``) or escalating; after an escalation a **patron** may enter on the defender's
side. Role names come from the scenario; nothing here is about one crisis.

Two trees:

* :func:`exchange_tree` — complete information, payoffs in utils from the game parameters. Its
  reduced normal form is :func:`retaliation_game` (3 × 9: the defender's strategies are reply
  plans contingent on the strike it sees), so matrix and tree agree by construction, and the
  game keeps the tree (``game.tree``): ``dt.solve(game).credible`` are its subgame-perfect
  equilibria. :func:`retaliation_commitment_game` is the older 3 × 3 game in which the defender
  *commits* to one reply for every strike; its threats need not be credible.
* :func:`crisis_tree` — the scenario's response sizes (in the response unit), the audiences'
  weakness threshold G, the defender's tolerance F, proxies and the patron.

Exchange payoffs (utils; ℓ the strike's size in calibrated strikes: 0, 1, ``major_size``):

* challenger: gain(r) − cost(reply). gain: restraint −a (``audience_cost``), calibrated s·R̄
  (``calibrated_share`` of ``reputation_stake``), major R̄. cost: absorb 0; proportional d·ℓ
  (``proportional_damage``); escalate W_D (``cost_of_escalation``), plus W_P
  (``cost_patron_entry``) if the patron enters (probability π_P, ``p_patron_entry``).
* defender (the strike's harm is sunk; its reply decides what deterrence it keeps): absorb
  −f·ℓ (``defender_deterrence_loss``); proportional −c − f·ℓ/2 (``defender_reply_cost`` c,
  half the loss restored); escalate −C_E (``defender_war_cost``), plus V_P
  (``defender_patron_value``) if the patron enters; 0 after restraint.

The defender replies in kind rather than absorbing iff f·ℓ/2 > c, and escalates rather than
replying in kind iff C_E − π_P·V_P < c + f·ℓ/2: credible replies are chosen, not assumed
(Schelling 1966, *Arms and Influence*, on commitment; Selten 1975 on subgame perfection).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .._check import finite_array
from ..errors import ParameterError, ProbabilityError, close_match_hint
from ..game import Game
from ..scenario.schema import _LEAVES, PARAMETERS
from ..solve.backward_induction import spe
from ..solve.normal_form import reduced_normal_form
from ..tree import GameTree

__all__ = [
    "RESPONSE_CLASSES",
    "REPLIES",
    "EXCHANGE_PARAMETERS",
    "exchange_tree",
    "retaliation_game",
    "retaliation_payoffs",
    "retaliation_commitment_game",
    "retaliation_commitment_payoffs",
    "response_sizes",
    "crisis_tree",
    "best_response_class",
]

RESPONSE_CLASSES = ("restraint", "calibrated", "major")
REPLIES = ("absorb", "proportional", "escalate")

#: The exchange's parameters (the schema's keys used by the "game" model), in schema order.
EXCHANGE_PARAMETERS: tuple[str, ...] = tuple(
    k for k, spec in PARAMETERS.items() if "game" in spec.models
)


def _roles(scenario_or_params, players) -> tuple[str, str, str]:
    if players is None:
        players = getattr(scenario_or_params, "players", ("Challenger", "Defender"))
    patron = getattr(scenario_or_params, "patron", None) or "patron"
    return players[0], players[1], patron


def _validate(key: str, value, what: str):
    """One validation path: the schema's check, element by element for arrays."""
    leaf = _LEAVES[key]

    def error(exc):
        kind = ProbabilityError if isinstance(exc, ProbabilityError) else ParameterError
        return kind(str(exc))

    if np.ndim(value) == 0:
        try:
            return leaf.check(value, f"{what}: ")
        except ValueError as exc:
            raise error(exc) from None
    arr = finite_array(value, key)
    if arr.ndim != 1:
        raise ParameterError(
            f"{what}: {key} must be a number or a 1-D array; got shape {arr.shape}."
        )
    for v in np.unique(arr):
        try:
            leaf.check(float(v), f"{what}: ")
        except ValueError as exc:
            raise error(exc) from None
    return arr


def _exchange_params(scenario_or_params, overrides, what: str) -> dict:
    params = {k: PARAMETERS[k].default for k in EXCHANGE_PARAMETERS}
    source: Mapping = {}
    if scenario_or_params is not None:
        if hasattr(scenario_or_params, "parameters") and hasattr(scenario_or_params, "players"):
            source = {k: scenario_or_params.parameters[k] for k in EXCHANGE_PARAMETERS}
        elif isinstance(scenario_or_params, Mapping):
            source = scenario_or_params
        else:
            raise TypeError(
                f"{what} takes a Scenario, a mapping of parameters or keyword arguments; got "
                f"{type(scenario_or_params).__name__}."
            )
    for key, value in {**source, **overrides}.items():
        if key not in EXCHANGE_PARAMETERS:
            raise ParameterError(
                f"{what} has no parameter {key!r}.{close_match_hint(key, EXCHANGE_PARAMETERS)} "
                f"Parameters: {', '.join(EXCHANGE_PARAMETERS)} (`deterrence params`)."
            )
        params[key] = value
    return {k: _validate(k, v, what) for k, v in params.items()}


def exchange_tree(scenario_or_params=None, *, players=None, **overrides) -> GameTree:
    """The exchange as a game tree with complete information (see the module docstring).

    Parameters
    ----------
    scenario_or_params : Scenario or mapping, optional
        A scenario (its players, patron and exchange parameters) or a mapping of the
        parameters in :data:`EXCHANGE_PARAMETERS`; keyword arguments override both.
    players : (str, str), optional
        (challenger, defender); default the scenario's, else ``("Challenger", "Defender")``.

    Examples
    --------
    >>> import deterrence as dt
    >>> t = exchange_tree()
    >>> sol = dt.spe(t)
    >>> sol.plan["start"], sol.plan["calibrated"], sol.plan["major"]
    ('calibrated', 'proportional', 'escalate')
    >>> sol.payoffs        # the challenger gains s·R̄ − d = 0.5 − 0.4; the defender -c - f/2
    (0.09999999999999998, -0.75)
    """
    p = {
        k: float(v)
        for k, v in _exchange_params(scenario_or_params, overrides, "exchange_tree").items()
    }
    ch, de, patron = _roles(scenario_or_params, players)
    R, a, share = p["reputation_stake"], p["audience_cost"], p["calibrated_share"]
    W_D, pi, W_P = p["cost_of_escalation"], p["p_patron_entry"], p["cost_patron_entry"]
    f, c, C_E, V = (
        p["defender_deterrence_loss"],
        p["defender_reply_cost"],
        p["defender_war_cost"],
        p["defender_patron_value"],
    )
    b = GameTree.builder((ch, de), name="Retaliation exchange (tree)")
    b.decision("start", ch, {k: k for k in RESPONSE_CLASSES})
    b.terminal("restraint", (-a, 0.0))
    for cls, size, gain in (("calibrated", 1.0, share * R), ("major", p["major_size"], R)):
        b.decision(cls, de, {r: f"{cls}: {r}" for r in REPLIES})
        b.terminal(f"{cls}: absorb", (gain, -f * size))
        b.terminal(
            f"{cls}: proportional", (gain - p["proportional_damage"] * size, -c - f * size / 2)
        )
        entered = (gain - W_D - W_P, -C_E + V)
        alone = (gain - W_D, -C_E)
        if 0.0 < pi < 1.0:
            b.chance(
                f"{cls}: escalate",
                {
                    f"{patron} enters": (pi, f"{cls}: escalate, {patron} enters"),
                    f"{patron} stays out": (1.0 - pi, f"{cls}: escalate, {patron} stays out"),
                },
            )
            b.terminal(f"{cls}: escalate, {patron} enters", entered)
            b.terminal(f"{cls}: escalate, {patron} stays out", alone)
        else:
            b.terminal(f"{cls}: escalate", entered if pi == 1.0 else alone)
    return b.build()


def retaliation_game(scenario_or_params=None, *, players=None, **overrides) -> Game:
    r"""The retaliation dilemma as a game: the reduced normal form of :func:`exchange_tree`.

    The challenger (rows) picks ``restraint``, ``calibrated`` or ``major``; the defender
    (columns) picks a *plan*: its reply to a calibrated strike and its reply to a major one
    (``"proportional|escalate"``), 3 × 3 = 9 plans (restraint leaves it nothing to answer).
    The game is built from the tree (``to_game()``) and keeps it in ``game.tree``, so
    ``dt.solve(game).credible`` lists the subgame-perfect equilibria — those whose threats the
    defender would carry out. The other equilibria rest on threats it would not.

    Credible outcome (derived; tested): the defender replies in kind to a calibrated strike iff
    f/2 > c and f/2 + c < C_E − π_P·V_P; at the defaults (f = 1, c = 0.25, C_E = 1.5, V_P = 0,
    ℓ_major = 3) it replies in kind to a calibrated strike (−0.75 beats −1 and −1.5) and escalates
    against a major one (−1.5 beats −3 and −1.75). The challenger then compares −a
    (restraint), s·R̄ − d (calibrated) and R̄ − W (major), W = W_D + π_P·W_P: the calibrated
    strike wins iff s·R̄ − d ≥ −a and s·R̄ − d ≥ R̄ − W, i.e. along ``reputation_stake``
    (s = 0.5, d = 0.4, W = 10) until R̄ = 2(W − d) = 19.2.

    Parameters
    ----------
    scenario_or_params : Scenario or mapping, optional
        A scenario (players, patron and parameters) or a mapping of
        :data:`EXCHANGE_PARAMETERS`; keyword arguments override both.
    players : (str, str), optional
        Names of the challenger and the defender.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = retaliation_game(reputation_stake=2)
    >>> g.shape
    (3, 9)
    >>> eqs = dt.solve(g)
    >>> [e.describe() for e in eqs.credible]
    ['calibrated / proportional|escalate']
    """
    _one_game(overrides, "retaliation_game", "retaliation_payoffs")
    tree = exchange_tree(scenario_or_params, players=players, **overrides)
    return reduced_normal_form(tree).replace(
        name="Retaliation dilemma (normal form of the exchange)"
    )


def _one_game(overrides, what: str, twin: str):
    for key, value in overrides.items():
        if np.ndim(value) != 0:
            raise ParameterError(
                f"{what} builds one game; {key} is an array. Use {twin}(...) and "
                "dt.solve_many for sweeps."
            )


def _payoff_arrays(scenario_or_params, overrides, what):
    p = _exchange_params(scenario_or_params, overrides, what)
    arrays = {k: np.asarray(v, dtype=float) for k, v in p.items()}
    shape = np.broadcast_shapes(*(x.shape for x in arrays.values()))
    if len(shape) > 1:
        raise ParameterError(f"parameter arrays must be 1-D; got broadcast shape {shape}.")
    v = {k: np.broadcast_to(x, shape) for k, x in arrays.items()}
    R, a, share = v["reputation_stake"], v["audience_cost"], v["calibrated_share"]
    pi = v["p_patron_entry"]
    W = v["cost_of_escalation"] + pi * v["cost_patron_entry"]
    size = np.stack([np.zeros(shape), np.ones(shape), v["major_size"]], axis=-1)  # ℓ(r)
    struck = (size > 0).astype(float)
    gain = np.stack([-a, share * R, R], axis=-1)
    # A3[r, s]: the challenger's payoff when reply s meets response r
    cost = np.stack(
        [np.zeros(shape + (3,)), v["proportional_damage"][..., None] * size, W[..., None] * struck],
        axis=-1,
    )
    A3 = gain[..., :, None] - cost
    f, c = v["defender_deterrence_loss"], v["defender_reply_cost"]
    war = v["defender_war_cost"] - pi * v["defender_patron_value"]
    B3 = np.stack(
        [
            -f[..., None] * size,
            -c[..., None] * struck - 0.5 * f[..., None] * size,
            -war[..., None] * struck,
        ],
        axis=-1,
    )
    return A3 + 0.0, B3 + 0.0  # + 0.0 turns -0.0 into 0.0 for display


#: the defender's plans: (reply to a calibrated strike, reply to a major one), in to_game order
_PLANS = tuple((x, y) for x in range(3) for y in range(3))


def retaliation_payoffs(scenario_or_params=None, **overrides) -> tuple[np.ndarray, np.ndarray]:
    """Payoff matrices (A, B) of :func:`retaliation_game`; array parameters give (N, 3, 9).

    The same numbers as ``dt.reduced_normal_form(exchange_tree(...))`` (a test checks it), computed in one
    numpy pass for sweeps: column j is the plan (reply to calibrated, reply to major) =
    (``REPLIES[j // 3]``, ``REPLIES[j % 3]``).

    Examples
    --------
    >>> A, B = retaliation_payoffs(audience_cost=[0.0, 1.0, 2.0])
    >>> A.shape, A[:, 0, 0].tolist()
    ((3, 3, 9), [0.0, -1.0, -2.0])
    """
    A3, B3 = _payoff_arrays(scenario_or_params, overrides, "retaliation_payoffs")
    cal = np.array([x for x, _ in _PLANS])
    maj = np.array([y for _, y in _PLANS])
    A = np.stack([A3[..., 0, cal], A3[..., 1, cal], A3[..., 2, maj]], axis=-2)
    B = np.stack([B3[..., 0, cal], B3[..., 1, cal], B3[..., 2, maj]], axis=-2)
    return A, B


#: Labels of retaliation_game's strategies (rows, columns).
RETALIATION_STRATEGIES = (
    RESPONSE_CLASSES,
    tuple(f"{REPLIES[x]}|{REPLIES[y]}" for x, y in _PLANS),
)


def retaliation_commitment_game(scenario_or_params=None, *, players=None, **overrides) -> Game:
    """The 3 × 3 retaliation game in which the defender **commits** to one reply policy.

    Columns are reply *policies* applied to whatever strike comes (``absorb``,
    ``proportional``, ``escalate``). This assumes the defender can commit: its equilibria may
    rest on threats it would not carry out once struck (e.g. "escalate against any strike"
    deterring restraint, although the defender would rather reply in kind to a calibrated
    strike). Use :func:`retaliation_game` (the normal form of the exchange, with the defender's
    contingent plans and ``credible`` equilibria) unless commitment is the point.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = retaliation_commitment_game(reputation_stake=2)
    >>> [e.describe() for e in dt.solve(g) if e.is_pure]
    ['restraint / escalate']
    """
    _one_game(overrides, "retaliation_commitment_game", "retaliation_commitment_payoffs")
    A, B = _payoff_arrays(scenario_or_params, overrides, "retaliation_commitment_game")
    ch, de, _ = _roles(scenario_or_params, players)
    return Game(
        A,
        B,
        players=(ch, de),
        strategies=(RESPONSE_CLASSES, REPLIES),
        name="Retaliation dilemma (the defender commits to a reply policy)",
    )


def retaliation_commitment_payoffs(scenario_or_params=None, **overrides):
    """Payoff matrices of :func:`retaliation_commitment_game`; arrays give (N, 3, 3) stacks.

    Examples
    --------
    >>> A, B = retaliation_commitment_payoffs()
    >>> A[1].tolist()       # calibrated strike vs absorb / proportional / escalate
    [0.5, 0.09999999999999998, -9.5]
    """
    return _payoff_arrays(scenario_or_params, overrides, "retaliation_commitment_payoffs")


# -- the crisis tree: sizes in the response unit, the defender's tolerance, proxies --------------


def _params(scenario) -> dict:
    if not hasattr(scenario, "parameters") or not hasattr(scenario, "tolerance"):
        raise TypeError(
            "crisis_tree takes a Scenario (dt.load_scenario('iran-2024')); got "
            f"{type(scenario).__name__}."
        )
    return dict(scenario.parameters)


def response_sizes(scenario) -> dict[str, float]:
    """Size of each response class in the scenario's response unit (e.g. leakers).

    ``major``: the scenario's salvo, n·q expected leakers (``salvo_size`` × q, q =
    r_L(1−P_k)^s); ``calibrated``: ``major / major_size``; ``restraint``: 0.

    Examples
    --------
    >>> import deterrence as dt
    >>> {k: round(v, 3) for k, v in response_sizes(dt.load_scenario("iran-2024")).items()}
    {'restraint': 0.0, 'calibrated': 7.0, 'major': 21.0}
    """
    p = _params(scenario)
    major = float(p["salvo_size"]) * float(scenario.leak_probability)
    if major <= 0:
        raise ParameterError(
            "the scenario's salvo delivers nothing (salvo_size × q = 0); give a positive "
            "salvo_size and launch_reliability, and intercept_prob < 1."
        )
    return {"restraint": 0.0, "calibrated": major / float(p["major_size"]), "major": major}


def defender_war_cost_of_type(
    tolerance, *, deterrence_loss, reply_cost, calibrated_size, patron_value=0.0, p_patron=0.0
):
    """The war cost C_E(θ) of a defender whose tolerance is θ (response units).

    The defender's best alternative to escalating against a strike of ℓ calibrated strikes
    costs g(ℓ) = min(f·ℓ, c + f·ℓ/2) (absorb, or reply in kind); escalating costs
    C_E − π_P·V_P. A type escalates exactly when the strike it sees exceeds its tolerance iff
    C_E(θ) − π_P·V_P = g(θ / r_cal): the tolerance *is* the war cost, in strike units. With
    f = 0 every type is indifferent between absorbing and escalating a strike of any size.

    Examples
    --------
    >>> c = defender_war_cost_of_type(20.0, deterrence_loss=1.0, reply_cost=0.25, calibrated_size=7)
    >>> round(float(c), 6)           # min(20/7, 0.25 + 10/7)
    1.678571
    """
    x = np.asarray(tolerance, dtype=float) / calibrated_size
    f, c = deterrence_loss, reply_cost
    return np.minimum(f * x, c + f * x / 2) + p_patron * patron_value


def crisis_tree(scenario) -> GameTree:
    """The crisis as a game tree, from a scenario; the defender chooses from its own payoffs.

    The challenger picks a response class (sizes: :func:`response_sizes`). If the scenario has
    proxies sponsored by the challenger, Nature adds an unsanctioned proxy strike attributed to
    the challenger with probability α·β (``proxy_autonomy`` × ``attribution``; Salehyan 2010),
    the size of a calibrated strike, to what the defender sees. Nature then draws the
    defender's private tolerance θ ~ F (``defender_tolerance``): the tree keeps the two cells
    that matter for the strike seen, θ below it (probability F(seen)) or not, each represented
    by its conditional median type. The defender, knowing its type, absorbs, replies in kind or
    escalates, from its payoffs: absorb −f·ℓ, in kind −c − f·ℓ/2, escalate −C_E(θ) + V_P if
    the patron enters, with ℓ the seen size in calibrated strikes and C_E(θ) the war cost of
    :func:`defender_war_cost_of_type`. So a type escalates iff the strike exceeds its
    tolerance, and otherwise replies in kind iff f·ℓ/2 > c. After an escalation the patron
    enters with probability π_P (``p_patron_entry``).

    The challenger's payoff: (R̄ + a)·G(r) − a − κ·r (the audiences judge a response of size r
    strong enough with probability G(r), folded into the leaf), minus d·ℓ after a reply in
    kind (``proportional_damage`` per calibrated strike seen), minus W_D after an escalation
    and W_P more if the patron enters. Without proxies and with absorbing
    defenders (f·ℓ/2 ≤ c), the challenger's expected payoff from class r is
    :meth:`deterrence.models.retaliation.CalibratedResponse.utility` (r) − a.

    Examples
    --------
    >>> import deterrence as dt
    >>> sol = dt.spe(crisis_tree(dt.load_scenario("iran-2024")))
    >>> sol.plan["Iran"]
    'calibrated'
    """
    p = _params(scenario)
    sizes = response_sizes(scenario)
    G, F = scenario.weakness, scenario.tolerance
    stake = float(p["reputation_stake"]) + float(p["audience_cost"])
    a, kappa = float(p["audience_cost"]), float(p["marginal_cost"])
    W_D, W_P, pi = (
        float(p[k]) for k in ("cost_of_escalation", "cost_patron_entry", "p_patron_entry")
    )
    f, c, d = (
        float(p[k])
        for k in ("defender_deterrence_loss", "defender_reply_cost", "proportional_damage")
    )
    V = float(p["defender_patron_value"])
    r_cal = sizes["calibrated"]
    sponsor = getattr(scenario, "proxy_sponsor", "challenger")
    has_proxies = getattr(scenario, "proxies", "proxies") is not None and sponsor == "challenger"
    proxy = float(p["proxy_autonomy"]) * float(p["attribution"]) if has_proxies else 0.0
    challenger, defender = scenario.players
    patron = getattr(scenario, "patron", None) or "patron"

    def war_cost(theta: float) -> float:
        return float(
            defender_war_cost_of_type(
                theta,
                deterrence_loss=f,
                reply_cost=c,
                calibrated_size=r_cal,
                patron_value=V,
                p_patron=pi,
            )
        )

    b = GameTree.builder((challenger, defender), name="Retaliation crisis (tree)")
    b.decision(
        challenger,
        challenger,
        {k: k if proxy > 0 else f"{k}: tolerance" for k in RESPONSE_CLASSES},
    )

    def defender_node(node: str, base: float, seen: float, theta: float):
        ell = seen / r_cal
        C_E = war_cost(theta)
        b.decision(node, defender, {r: f"{node} {r}" for r in REPLIES})
        b.terminal(f"{node} absorb", (base, -f * ell))
        b.terminal(f"{node} proportional", (base - d * ell, -c - f * ell / 2))
        if 0.0 < pi < 1.0:
            b.chance(
                f"{node} escalate",
                {
                    f"{patron} enters": (pi, f"{node} {patron} in"),
                    f"{patron} stays out": (1.0 - pi, f"{node} {patron} out"),
                },
            )
            b.terminal(f"{node} {patron} in", (base - W_D - W_P, -C_E + V))
            b.terminal(f"{node} {patron} out", (base - W_D, -C_E))
        else:
            enters = pi == 1.0
            b.terminal(
                f"{node} escalate",
                (base - W_D - (W_P if enters else 0.0), -C_E + (V if enters else 0.0)),
            )

    def tolerance_draw(prefix: str, r: float, seen: float):
        base = stake * float(G.cdf(r)) - a - kappa * r
        exceeded = float(F.cdf(seen))
        # the conditional median type of each cell (θ < seen, θ >= seen)
        below = float(F.ppf(exceeded / 2)) if exceeded > 0 else 0.0
        above = float(F.ppf((1.0 + exceeded) / 2)) if exceeded < 1 else seen
        cells = {}
        if exceeded > 0:  # no strike seen: no type is exceeded, and no node stands for one
            cells["exceeded"] = (exceeded, f"{prefix}: {defender} (exceeded)")
            defender_node(f"{prefix}: {defender} (exceeded)", base, seen, below)
        if exceeded < 1:
            cells["not exceeded"] = (1.0 - exceeded, f"{prefix}: {defender} (within)")
            defender_node(f"{prefix}: {defender} (within)", base, seen, above)
        b.chance(f"{prefix}: tolerance", cells)

    for k in RESPONSE_CLASSES:
        r = sizes[k]
        if proxy > 0:
            b.chance(
                k,
                {
                    f"proxy strike blamed on {challenger}": (proxy, f"{k}+proxy: tolerance"),
                    "no proxy strike": (1.0 - proxy, f"{k}+none: tolerance"),
                },
            )
            tolerance_draw(f"{k}+proxy", r, r + r_cal)
            tolerance_draw(f"{k}+none", r, r)
        else:
            tolerance_draw(k, r, r)
    return b.build()


def best_response_class(scenario) -> dict[str, str]:
    """Which response class each view of the dilemma recommends.

    * ``"game"``: the credible (subgame-perfect) choice in :func:`retaliation_game`, the
      normal form of the exchange (the same as backward induction on :func:`exchange_tree`);
    * ``"tree"``: the subgame-perfect choice in :func:`crisis_tree` (sizes, tolerance,
      proxies);
    * ``"model"``: the class whose size maximises the calibrated-response utility U(r).

    The three views are different models, so they need not agree: the game knows no response
    sizes or tolerance, the window model no replies in kind.

    Examples
    --------
    >>> import deterrence as dt
    >>> best_response_class(dt.load_scenario("iran-2024"))
    {'game': 'calibrated', 'tree': 'calibrated', 'model': 'calibrated'}
    """
    game_best = spe(exchange_tree(scenario)).plan["start"]
    tree_best = spe(crisis_tree(scenario)).plan[scenario.players[0]]
    model = scenario.calibrated_response()
    sizes = response_sizes(scenario)
    u = [float(model.utility(sizes[k])) for k in RESPONSE_CLASSES]
    return {"game": game_best, "tree": tree_best, "model": RESPONSE_CLASSES[int(np.argmax(u))]}
