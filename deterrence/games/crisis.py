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

from ..errors import ParameterError
from ..solve.backward_induction import spe
from ..tree import GameTree

__all__ = ["RESPONSE_CLASSES", "response_sizes", "crisis_tree", "best_response_class"]

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
    return {"restraint": 0.0, "calibrated": major / float(p["major_size"]), "major": major}


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
    p = _params(scenario)
    sizes = response_sizes(scenario)
    G, F = scenario.weakness, scenario.tolerance
    stake = float(p["reputation_stake"]) + float(p["audience_cost"])
    a, kappa = float(p["audience_cost"]), float(p["marginal_cost"])
    W_I, W_US, pi = (
        float(p[k]) for k in ("cost_israeli_escalation", "cost_us_entry", "p_us_entry")
    )
    C_E, f = float(p["israel_war_cost"]), float(p["israel_deterrence_loss"])
    proxy = float(p["proxy_autonomy"]) * float(p["attribution"])
    players = tuple(getattr(scenario, "players", ("Iran", "Israel")))
    iran, israel = players

    b = GameTree.builder(players, name="Retaliation dilemma (tree)")
    # with proxy risk each action leads to the proxy chance node, else straight to the tolerance draw
    b.decision(iran, iran, {c: c if proxy > 0 else f"{c}: tolerance" for c in RESPONSE_CLASSES})

    def israel_reply(prefix: str, r: float, seen: float):
        base = stake * float(G.cdf(r)) - a - kappa * r
        exceeded = float(F.cdf(seen))
        b.chance(
            f"{prefix}: tolerance",
            {
                "exceeded": (exceeded, f"{prefix}: {israel} (exceeded)"),
                "not exceeded": (1.0 - exceeded, f"{prefix}: {israel} (within)"),
            },
        )
        for kind, absorb_cost in (("exceeded", C_E + f), ("within", 0.0)):
            node = f"{prefix}: {israel} ({kind})"
            b.decision(node, israel, {"absorb": f"{node} absorb", "escalate": f"{node} escalate"})
            b.terminal(f"{node} absorb", (base, -absorb_cost))
            b.chance(
                f"{node} escalate",
                {"US enters": (pi, f"{node} US in"), "US stays out": (1.0 - pi, f"{node} US out")},
            )
            b.terminal(f"{node} US in", (base - W_I - W_US, -C_E))
            b.terminal(f"{node} US out", (base - W_I, -C_E))

    for c in RESPONSE_CLASSES:
        r = sizes[c]
        if proxy > 0:
            b.chance(
                c,
                {
                    "proxy strike blamed on Iran": (proxy, f"{c}+proxy: tolerance"),
                    "no proxy strike": (1.0 - proxy, f"{c}+none: tolerance"),
                },
            )
            israel_reply(f"{c}+proxy", r, r + sizes["calibrated"])
            israel_reply(f"{c}+none", r, r)
        else:
            israel_reply(c, r, r)
    return b.build()


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
    return {"game": game_best, "tree": tree_best, "model": RESPONSE_CLASSES[int(np.argmax(u))]}
