"""The seed dilemma as a game tree: Iran's response, Israel's unknown tolerance, US entry, proxies.

Iran (after the killings of Haniyeh and Shukr, 2024) picks a response class; Nature then decides
whether an allied militia has also struck unbidden and been blamed on Iran (probability α·β:
``proxy_autonomy`` × ``attribution``, MODELS.md §2.7), and whether what Israel saw exceeds its
tolerance θ_t ~ F (MODELS.md §2.9); Israel absorbs or escalates; after an escalation Nature
decides US entry with ``p_us_entry``. The tree is solved by backward induction
(:func:`deterrence.solve.backward_induction.spe`).

Response classes are sized in *leakers* (munitions that get through), from the scenario:

* ``major``: the scenario's salvo, n·q expected leakers (``salvo_size`` × q, q = r_L(1−P_k)^s);
* ``calibrated``: ``major / major_size`` (the retaliation game's ratio of a major to a
  calibrated strike);
* ``restraint``: 0.

Payoffs at the leaves (utils):

* Iran: (R̄ + a)·G(r) − a − κ·r, minus W_I if Israel escalates, minus W_US more if the US enters.
  G(r) is the probability audiences judge a response of size r strong enough (θ_w ~ G); the
  expected reputational value is folded into the leaf rather than drawn as a chance node, so the
  tree stays small. With no proxies (α·β = 0) Iran's expected payoff from class r is exactly
  :meth:`deterrence.models.retaliation.CalibratedResponse.utility` (r) − a.
* Israel: if the strike it saw exceeds its tolerance, absorbing costs it C_E + f (war cost
  ``israel_war_cost`` plus ``israel_deterrence_loss``) and escalating C_E; within its tolerance
  absorbing costs 0 and escalating C_E. So Israel escalates exactly when its tolerance is exceeded:
  P(escalation | r) = F(r) — or, with proxies, α·β·F(r + r_cal) + (1 − α·β)·F(r).

An attributed unsanctioned proxy attack adds a calibrated strike's size to what Israel sees: it
can start the escalation even when Iran restrains itself.
"""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError, close_match_hint
from ..solve.backward_induction import spe
from ..tree import GameTree

__all__ = [
    "RESPONSE_CLASSES",
    "response_sizes",
    "crisis_tree",
    "crisis_payoffs",
    "best_response_class",
]

RESPONSE_CLASSES = ("restraint", "calibrated", "major")


def _params(scenario) -> dict:
    if not hasattr(scenario, "parameters") or not hasattr(scenario, "tolerance"):
        raise TypeError(
            "crisis_tree takes a Scenario (dt.load_scenario('iran-2024')); got "
            f"{type(scenario).__name__}."
        )
    return dict(scenario.parameters)


def response_sizes(scenario) -> dict[str, float]:
    """Size in leakers of each response class for a scenario.

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
            "the scenario's salvo delivers no leakers (salvo_size × q = 0); give a positive "
            "salvo_size and launch_reliability, and intercept_prob < 1."
        )
    return {
        "restraint": 0.0,
        "calibrated": major / float(p["major_size"]),
        "major": major,
    }


def crisis_tree(scenario) -> GameTree:
    """The retaliation dilemma as a game tree, from a scenario (see the module docstring).

    Parameters
    ----------
    scenario : Scenario
        A loaded scenario (``dt.load_scenario``); uses its tolerance and weakness distributions,
        reputation_stake, audience_cost, marginal_cost, cost_israeli_escalation, p_us_entry,
        cost_us_entry, salvo and defence parameters, proxy_autonomy, attribution, major_size,
        israel_war_cost and israel_deterrence_loss.

    Examples
    --------
    >>> import deterrence as dt
    >>> sol = dt.spe(crisis_tree(dt.load_scenario("iran-2024")))
    >>> sol.plan["Iran"]
    'calibrated'
    """
    p = {k: float(v) for k, v in _params(scenario).items() if k in _LEAF_KEYS}
    sizes = response_sizes(scenario)
    G, F = scenario.weakness, scenario.tolerance
    players = tuple(getattr(scenario, "players", ("Iran", "Israel")))
    with_proxy = p["proxy_autonomy"] * p["attribution"] > 0
    pay, chance = _crisis_numbers(
        p,
        sizes,
        lambda x: float(G.cdf(x)),
        lambda x: float(F.cdf(x)),
        players[1],
        with_proxy,
    )
    return _build(players, pay, chance, with_proxy)


#: scenario parameters that enter the tree's leaves and chance moves directly
_LEAF_KEYS = (
    "reputation_stake",
    "audience_cost",
    "marginal_cost",
    "cost_israeli_escalation",
    "cost_us_entry",
    "p_us_entry",
    "israel_war_cost",
    "israel_deterrence_loss",
    "proxy_autonomy",
    "attribution",
)
#: parameters that set the response sizes (leakers)
_SIZE_KEYS = (
    "salvo_size",
    "major_size",
    "launch_reliability",
    "intercept_prob",
    "shots_per_threat",
)
#: the two thresholds: median and spread (sigma_log)
_THRESHOLD_KEYS = (
    "weakness_threshold",
    "weakness_threshold.sigma_log",
    "israel_tolerance",
    "israel_tolerance.sigma_log",
)


def _crisis_numbers(p, sizes, G_cdf, F_cdf, israel: str, with_proxy: bool):
    """Leaf payoffs {terminal: (Iran, Israel)} and chance probabilities {node: (...)} of the
    crisis tree, by node name; the same formulas for floats (one tree) and arrays (a stack)."""
    stake = p["reputation_stake"] + p["audience_cost"]
    a, kappa = p["audience_cost"], p["marginal_cost"]
    W_I, W_US, pi = p["cost_israeli_escalation"], p["cost_us_entry"], p["p_us_entry"]
    C_E, f = p["israel_war_cost"], p["israel_deterrence_loss"]
    proxy = p["proxy_autonomy"] * p["attribution"]
    pay, chance = {}, {}
    for c in RESPONSE_CLASSES:
        r = sizes[c]
        base = stake * G_cdf(r) - a - kappa * r
        if with_proxy:
            chance[c] = (proxy, 1.0 - proxy)
            branches = ((f"{c}+proxy", r + sizes["calibrated"]), (f"{c}+none", r))
        else:
            branches = ((c, r),)
        for prefix, seen in branches:
            exceeded = F_cdf(seen)
            chance[f"{prefix}: tolerance"] = (exceeded, 1.0 - exceeded)
            for kind, absorb_cost in (("exceeded", C_E + f), ("within", 0.0)):
                node = f"{prefix}: {israel} ({kind})"
                pay[f"{node} absorb"] = (base, -absorb_cost)
                chance[f"{node} escalate"] = (pi, 1.0 - pi)
                pay[f"{node} US in"] = (base - W_I - W_US, -C_E)
                pay[f"{node} US out"] = (base - W_I, -C_E)
    return pay, chance


def _build(players, pay, chance, with_proxy: bool) -> GameTree:
    iran, israel = players
    b = GameTree.builder(players, name="Retaliation dilemma (tree)")
    # with proxy risk each action leads to the proxy chance node, else straight to the tolerance draw
    b.decision(
        iran,
        iran,
        {c: c if with_proxy else f"{c}: tolerance" for c in RESPONSE_CLASSES},
    )

    def israel_reply(prefix: str):
        exceeded, within = chance[f"{prefix}: tolerance"]
        b.chance(
            f"{prefix}: tolerance",
            {
                "exceeded": (exceeded, f"{prefix}: {israel} (exceeded)"),
                "not exceeded": (within, f"{prefix}: {israel} (within)"),
            },
        )
        for kind in ("exceeded", "within"):
            node = f"{prefix}: {israel} ({kind})"
            b.decision(
                node,
                israel,
                {"absorb": f"{node} absorb", "escalate": f"{node} escalate"},
            )
            b.terminal(f"{node} absorb", pay[f"{node} absorb"])
            p_in, p_out = chance[f"{node} escalate"]
            b.chance(
                f"{node} escalate",
                {
                    "US enters": (p_in, f"{node} US in"),
                    "US stays out": (p_out, f"{node} US out"),
                },
            )
            b.terminal(f"{node} US in", pay[f"{node} US in"])
            b.terminal(f"{node} US out", pay[f"{node} US out"])

    for c in RESPONSE_CLASSES:
        if with_proxy:
            p_proxy, p_none = chance[c]
            b.chance(
                c,
                {
                    "proxy strike blamed on Iran": (p_proxy, f"{c}+proxy: tolerance"),
                    "no proxy strike": (p_none, f"{c}+none: tolerance"),
                },
            )
            israel_reply(f"{c}+proxy")
            israel_reply(f"{c}+none")
        else:
            israel_reply(c)
    return b.build()


def crisis_payoffs(scenario, **overrides):
    """The crisis tree's shape with terminal payoffs and chance probabilities for many parameter
    values at once: the input of :func:`deterrence.solve.tree_batch.spe_many` for phase
    diagrams, sweeps and joint uncertainty draws.

    Parameters
    ----------
    scenario : Scenario
        The base scenario (every parameter not overridden).
    **overrides
        Parameters as numbers or arrays, broadcast together (shape S): the leaf parameters
        (``reputation_stake``, ``audience_cost``, ``marginal_cost``, ``cost_israeli_escalation``,
        ``cost_us_entry``, ``p_us_entry``, ``israel_war_cost``, ``israel_deterrence_loss``,
        ``proxy_autonomy``, ``attribution``), the salvo and defence (``salvo_size``,
        ``major_size``, ``launch_reliability``, ``intercept_prob``, ``shots_per_threat``) and
        the two thresholds (``weakness_threshold``, ``israel_tolerance`` — medians — and their
        ``.sigma_log``, passed as ``**{"israel_tolerance.sigma_log": s}``; each keeps the
        scenario's distribution family).

    Returns
    -------
    tree : GameTree
        The shape (with the proxy branch whenever a proxy strike is possible at some point).
    payoffs : ndarray (N, T, 2)
        N = the size of S, points in C order; T = ``tree.terminals``.
    chance : dict
        {chance node: (N, outcomes)}.

    Raises
    ------
    ParameterError
        An unknown parameter (with the close match), a non-finite value, or a salvo that
        delivers no leakers at some point.

    Examples
    --------
    A 100 × 100 phase diagram of Iran's subgame-perfect response over the probability and
    the cost of US entry, in one vectorised pass:

    >>> import numpy as np, deterrence as dt
    >>> s = dt.load_scenario("iran-2024")
    >>> pi, w = np.linspace(0, 1, 100), np.linspace(0, 30, 100)
    >>> tree, pay, chance = crisis_payoffs(s, p_us_entry=pi[:, None], cost_us_entry=w[None, :])
    >>> res = dt.spe_many(tree, pay, chance)
    >>> choice = res.plan[:, res.decision_nodes.index("Iran")].reshape(100, 100)
    >>> sorted({RESPONSE_CLASSES[k] for k in np.unique(choice)})
    ['calibrated', 'restraint']
    >>> RESPONSE_CLASSES[choice[0, 0]], RESPONSE_CLASSES[choice[-1, -1]]
    ('calibrated', 'restraint')
    """
    from ..models.defense import leak_probability

    base = _params(scenario)
    allowed = _LEAF_KEYS + _SIZE_KEYS + _THRESHOLD_KEYS
    arrays = {}
    for key, value in overrides.items():
        if key not in allowed:
            raise ParameterError(
                f"crisis_payoffs cannot vary {key!r}; it varies {list(allowed)}."
                + close_match_hint(key, allowed)
            )
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise ParameterError(
                f"{key} must be a number or an array of numbers; got {value!r:.60}."
            ) from None
        if not np.isfinite(arr).all():
            raise ParameterError(f"{key} must be finite; got a non-finite value.")
        arrays[key] = arr
    shape = np.broadcast_shapes(*(a.shape for a in arrays.values())) if arrays else ()
    n = int(np.prod(shape))
    p = {
        k: np.broadcast_to(arrays[k], shape).ravel() if k in arrays else float(base[k])
        for k in _LEAF_KEYS
    }
    if any(k in arrays for k in _SIZE_KEYS):
        v = {
            k: np.broadcast_to(arrays[k], shape).ravel() if k in arrays else base[k]
            for k in _SIZE_KEYS
        }
        major = v["salvo_size"] * leak_probability(
            v["launch_reliability"], v["intercept_prob"], v["shots_per_threat"]
        )
        if np.any(np.asarray(major) <= 0):
            raise ParameterError(
                "the salvo delivers no leakers at some point (salvo_size × q = 0); give a "
                "positive salvo_size and launch_reliability, and intercept_prob < 1."
            )
        sizes = {
            "restraint": 0.0 * major,
            "calibrated": major / v["major_size"],
            "major": major,
        }
    else:
        sizes = response_sizes(scenario)

    def cdf(key, dist):
        if key in arrays or f"{key}.sigma_log" in arrays:
            # the scenario's family for this threshold, fitted to each (median, spread) as
            # Scenario.weakness / .tolerance do for one point
            from ..models import distributions

            family = dict(getattr(scenario, "families", {}) or {}).get(key, "lognormal")
            med = np.broadcast_to(arrays.get(key, base[key]), shape).ravel()
            sig = np.broadcast_to(arrays.get(f"{key}.sigma_log", base[f"{key}.sigma_log"]), shape)
            k, c = distributions.fit(family, med, sig.ravel())
            return lambda x: distributions.cdf(family, x, k, c)
        return dist.cdf

    players = tuple(getattr(scenario, "players", ("Iran", "Israel")))
    proxy = np.asarray(p["proxy_autonomy"]) * np.asarray(p["attribution"])
    with_proxy = bool(np.any(proxy > 0))
    if with_proxy == (float(base["proxy_autonomy"]) * float(base["attribution"]) > 0):
        tree = crisis_tree(scenario)
    else:  # the base scenario has the other shape: rebuild it with (or without) the proxy branch
        G, F = scenario.weakness, scenario.tolerance
        scalar = {k: float(base[k]) for k in _LEAF_KEYS}
        numbers = _crisis_numbers(
            scalar,
            response_sizes(scenario),
            lambda x: float(G.cdf(x)),
            lambda x: float(F.cdf(x)),
            players[1],
            with_proxy,
        )
        tree = _build(players, *numbers, with_proxy)
    pay, chance = _crisis_numbers(
        p,
        sizes,
        cdf("weakness_threshold", scenario.weakness),
        cdf("israel_tolerance", scenario.tolerance),
        players[1],
        with_proxy,
    )
    payoffs = np.empty((n, len(tree.terminals), 2))
    for k, t in enumerate(tree.terminals):
        for j in range(2):
            payoffs[:, k, j] = np.broadcast_to(pay[t][j], (n,))
    probs = {
        node: np.stack([np.broadcast_to(q, (n,)) for q in qs], axis=1)
        for node, qs in chance.items()
    }
    return tree, payoffs, probs


def best_response_class(scenario) -> dict[str, str]:
    """Which response class each of the three views of the dilemma recommends.

    * ``"game"``: the 3×3 :func:`~deterrence.games.classic.retaliation_game` read sequentially —
      Iran's class that maximises its payoff given Israel's best reply to each class;
    * ``"tree"``: the subgame-perfect choice in :func:`crisis_tree`;
    * ``"model"``: the class whose size maximises the calibrated-response utility U(r).

    Examples
    --------
    >>> import deterrence as dt
    >>> best_response_class(dt.load_scenario("iran-2024"))
    {'game': 'calibrated', 'tree': 'calibrated', 'model': 'calibrated'}
    """
    game = scenario.retaliation_game()
    A, B = game.A, game.B
    # Israel's best reply to each class (ties: any best reply gives Iran the same payoff in
    # the restraint row, the only row with ties at sensible parameters)
    reply = B.argmax(axis=1)
    game_best = RESPONSE_CLASSES[int(np.argmax(A[np.arange(3), reply]))]
    tree_best = spe(crisis_tree(scenario)).plan[game.players[0]]
    model = scenario.calibrated_response()
    sizes = response_sizes(scenario)
    u = [float(model.utility(sizes[c])) for c in RESPONSE_CLASSES]
    return {
        "game": game_best,
        "tree": tree_best,
        "model": RESPONSE_CLASSES[int(np.argmax(u))],
    }
