"""The exercise bank: every exercise checked right, near, wrong, malformed, out of domain and
in the wrong order, on three seeded per-student variants each.

Expected answers are computed here independently of the package, from the closed forms of the
literature each exercise cites (derived in the comments), and compared with the model call the
exercise declares; the published numbers of the original exercises are pinned as well.
"""

import math
import sys

import numpy as np
import pytest
from scipy import stats

from deterrence import classroom
from deterrence.classroom import EXERCISES, check, variant
from deterrence.classroom.exercises import BUILTIN

STUDENTS = ("ada", "bashir", "chen")  # three seeded variants of every exercise


def _pd_ok(T, R, P, S):
    assert T > R > P > S


# id -> closed form of the answer from the parameters (independent of the package's code)
REFERENCE = {
    # Osborne 2004, ch. 4: straight w.p. (T-R)/((T-R)+(S-P)); war = its square
    "chicken-mixed": lambda R, S, T, P: (T - R) / ((T - R) + (S - P)),
    "chicken-crash": lambda R, S, T, P: ((T - R) / ((T - R) + (S - P))) ** 2,
    # each state's mixture keeps the other indifferent: p_row = 1/(-war_col)
    "chicken-asymmetric": lambda war_row, war_col: (-1 / war_col, -1 / war_row),
    # Skyrms 2004: P(stag) = (P-S)/((R-T)+(P-S))
    "stag-hunt-mixed": lambda R, T, P, S: (P - S) / ((R - T) + (P - S)),
    # Zagare & Kilgour 2000, ch. 3: credible iff dDD > dDC, capable iff cSQ > cDD
    "deterrence-outcome": lambda **p: (
        "cooperate"
        if p["defender_dd"] > p["defender_dc"] and p["challenger_sq"] > p["challenger_dd"]
        else "demand",
        "deny" if p["defender_dd"] > p["defender_dc"] else "concede",
    ),
    # y_min = (cDC - cSQ)/(cDC - cDD)
    "deterrence-normal-form": lambda **p: (
        (p["challenger_dc"] - p["challenger_sq"]) / (p["challenger_dc"] - p["challenger_dd"])
    ),
    # p* = (aDC - aSQ)/(aDC - aDD)
    "deterrence-credibility": lambda u_dd, u_sq, u_dc: (u_dc - u_sq) / (u_dc - u_dd),
    # Kilgour & Zagare 1991: C = (win - SQ)/(win - DD_type)
    "mutual-deterrence": lambda u_win, u_sq, u_dd_hard, u_dd_soft: (
        (u_win - u_sq) / (u_win - u_dd_hard),
        (u_win - u_sq) / (u_win - u_dd_soft),
    ),
    # Zagare & Kilgour 2000, ch. 6 (complete information): DC iff a Hard Challenger faces a
    # Defender other than HH; the Defender responds in kind (D) to a Hard Challenger only when
    # HH, concedes otherwise, and plans to escalate (E) against a Soft Challenger
    "escalation-outcome": lambda challenger_type, defender_type: (
        ("DC", "C")
        if challenger_type == "H" and defender_type != "HH"
        else (("SQ", "D") if challenger_type == "H" else ("SQ", "E"))
    ),
    # Dixit, Skeath & Reiley ch. 14: q_min = (w-c)/(w-d); q_max = (1-p)(uW-uA)/(p(uA-uD)) <= 1
    "brinkmanship-window": lambda **p: (
        (p["target_win"] - p["target_comply"]) / (p["target_win"] - p["target_disaster"]),
        min(
            1.0,
            (1 - p["p"])
            * (p["threatener_win"] - p["threatener_acquiesce"])
            / (p["p"] * (p["threatener_acquiesce"] - p["threatener_disaster"])),
        ),
    ),
    # p* = K/(K + q_min), K = (uW-uA)/(uA-uD)
    "brinkmanship-closes": lambda **p: (lambda K, q: K / (K + q))(
        (p["threatener_win"] - p["threatener_acquiesce"])
        / (p["threatener_acquiesce"] - p["threatener_disaster"]),
        (p["target_win"] - p["target_comply"]) / (p["target_win"] - p["target_disaster"]),
    ),
    # Ellsberg 1959: r = (win - concede)/(win - war); the larger critical risk prevails
    "critical-risk": lambda **p: (lambda ra, rb: (ra, rb, "A" if ra > rb else "B"))(
        (p["a_win"] - p["a_concede"]) / (p["a_win"] - p["a_war"]),
        (p["b_win"] - p["b_concede"]) / (p["b_win"] - p["b_war"]),
    ),
    # Friedman 1971: (T-R)/(T-P); Axelrod 1984 Prop. 2: max of that and (T-R)/(R-S)
    "grim-trigger": lambda T, R, P, S: (T - R) / (T - P),
    "tit-for-tat": lambda T, R, P, S: max((T - R) / (T - P), (T - R) / (R - S)),
    # Molander 1985
    "generous-tft": lambda T, R, P, S: min(1 - (T - R) / (R - S), (R - P) / (T - P)),
    # the equilibrium of violence: (uD - uE)/(uD - uP), before and after the shock
    "violence-threshold": lambda exchange, deviation, war: (
        (deviation - exchange) / (deviation - war)
    ),
    "violence-shock": lambda exchange, deviation_before, deviation_after, war: (
        (deviation_before - exchange) / (deviation_before - war),
        (deviation_after - exchange) / (deviation_after - war),
    ),
    # Banks 1990: mu* = G/(G + W); regimes by pi vs mu*, then b vs k_R, k_U
    "signal-threshold": lambda **p: p["gain_press"] / (p["gain_press"] + p["war_cost_resolved"]),
    "signal-regime": lambda **p: _signal_regime(**p),
    "signal-semi-separating": lambda **p: (
        lambda mu: (
            p["prior_resolved"] * (1 - mu) / ((1 - p["prior_resolved"]) * mu),
            p["cost_unresolved"] / p["benefit"],
        )
    )(p["gain_press"] / (p["gain_press"] + p["war_cost_resolved"])),
    # equal-variance normal thresholds: r* = (mu_w + mu_t)/2 - s^2 ln(W/R)/(mu_t - mu_w)
    "window-optimum": lambda mu_weak, mu_tolerance, sigma, reputation_stake, war_cost: (
        (mu_weak + mu_tolerance) / 2
        - sigma**2 * math.log(war_cost / reputation_stake) / (mu_tolerance - mu_weak)
    ),
    "window-edges": lambda mu_weak, mu_tolerance, sigma, alpha_weak, rho: (
        mu_weak + sigma * stats.norm.ppf(1 - alpha_weak),
        mu_tolerance + sigma * stats.norm.ppf(rho),
    ),
    # lognormal Phi(ln(r/m)/s); log-logistic with the same median and quartiles:
    # beta = ln 3/(z s), z = Phi^-1(3/4), F = 1/(1 + (r/m)^-beta)
    "threshold-families": lambda median, sigma_log, response: (
        stats.norm.cdf(math.log(response / median) / sigma_log),
        1 / (1 + (response / median) ** (-math.log(3) / (stats.norm.ppf(0.75) * sigma_log))),
    ),
    "war-cost-cascade": lambda cost_escalation, p_entry, cost_entry: (
        cost_escalation + p_entry * cost_entry
    ),
    # Wilkening 2000: q = r (1 - Pk)^s; the smallest n with P(Bin(n, q) >= k) >= p
    "leak-probability": lambda reliability, p_kill, shots: reliability * (1 - p_kill) ** shots,
    "launches-needed": lambda k, p, q: next(
        n for n in range(1, 10_000) if stats.binom.sf(k - 1, n, q) >= p
    ),
    # Hughes 1995, clipped to [0, force]
    "salvo-exchange": lambda A, B, alpha, beta, a1, b1, a3, b3: (
        min(max((beta * B - a3 * A) / a1, 0), A),
        min(max((alpha * A - b3 * B) / b1, 0), B),
    ),
    # Bayes; 1 - (1 - ab)^T; 1 - (c + s)/B for a uniform benefit
    "attribution-posterior": lambda prior, sensitivity, false_positive: (
        sensitivity * prior / (sensitivity * prior + false_positive * (1 - prior))
    ),
    "proxy-crisis": lambda autonomy, attribution, periods: (
        1 - (1 - autonomy * attribution) ** periods
    ),
    "proxy-autonomy": lambda benefit_high, cost, sanction: 1 - (cost + sanction) / benefit_high,
    # Fearon 1995: [p - cA, p + cB]; risk-return z* = (cmax - cB)/2, P(war) = z*/cmax
    "bargaining-range": lambda p, cost_a, cost_b: (p - cost_a, p + cost_b),
    "risk-return": lambda p, cost_a_max, cost_b: (
        p - (cost_a_max - cost_b) / 2,
        (cost_a_max - cost_b) / 2 / cost_a_max,
    ),
    # Maynard Smith 1974: hazard c/V, duration V/(2c)
    "war-of-attrition": lambda prize, flow_cost: (flow_cost / prize, prize / (2 * flow_cost)),
    # Fearon 1997: P(v >= c - a) for v ~ U[0, V]
    "hand-tying": lambda value_high, war_cost, commitment_cost: (
        1 - (war_cost - commitment_cost) / value_high
    ),
    # Schelling 1966: 1 - (1 - l)^k
    "ladder-war-risk": lambda loss_of_control, rung: 1 - (1 - loss_of_control) ** rung,
    "ladder-game": lambda **p: _ladder(**p),
    "crisis-response": lambda **p: _crisis(**p),
}


def _crisis(reputation_stake, audience_cost):
    # backward induction written out here on the tree's nodes: expected payoffs at chance
    # nodes, the mover's best action at decisions (Selten 1965)
    import deterrence as dt
    from deterrence.games.crisis import response_sizes

    s = dt.load_scenario("iran-2024").replace(
        reputation_stake=reputation_stake, audience_cost=audience_cost
    )
    tree = s.crisis_tree()
    nodes = tree.nodes

    def value(name):
        node = nodes[name]
        if hasattr(node, "payoffs"):
            return np.asarray(node.payoffs, dtype=float)
        if hasattr(node, "probabilities"):
            return sum(
                p * value(c) for p, c in zip(node.probabilities, node.children, strict=False)
            )
        i = tree.players.index(node.player)
        return max((value(c) for c in node.children), key=lambda v: v[i])

    root = nodes[tree.root]
    i = tree.players.index(root.player)
    best = max(range(len(root.actions)), key=lambda k: value(root.children[k])[i])
    choice = root.actions[best]
    return choice, float(s.calibrated_response().p_escalation(response_sizes(s)[choice]))


def _signal_regime(
    prior_resolved, benefit, cost_resolved, cost_unresolved, gain_press, war_cost_resolved
):
    mu = gain_press / (gain_press + war_cost_resolved)
    if prior_resolved >= mu:
        return ("pooling", 0.0)
    if benefit < cost_resolved:
        return ("no-signal", 0.0)
    if benefit <= cost_unresolved:
        return ("separating", 0.0)
    return ("semi-separating", prior_resolved * (1 - mu) / ((1 - prior_resolved) * mu))


def _ladder(value, cost_per_rung, war_risk_top, war_cost):
    # u(i, j) = (1 - p_h) V share - c i - p_h W with p_h = 0 for (hold, hold)
    def u(i, j):
        p = 0.0 if max(i, j) == 1 else war_risk_top
        share = 1.0 if i > j else (0.5 if i == j else 0.0)
        return (1 - p) * value * share - cost_per_rung * i - p * war_cost

    equilibria = [
        (i, j) for i in (1, 2) for j in (1, 2) if u(i, j) >= u(3 - i, j) and u(j, i) >= u(3 - j, i)
    ]
    assert len(equilibria) == 1 and equilibria[0][0] == equilibria[0][1]
    rung = equilibria[0][0]
    return ("hold", 0.0) if rung == 1 else ("escalate", war_risk_top)


# The published version of each original exercise (the numbers of the first classroom):
PUBLISHED = {
    "chicken-mixed": 0.1,  # 1/(1 + 9)
    "chicken-crash": 0.01,  # 0.1^2
    "deterrence-outcome": ("demand", "concede"),  # dDC = -1 > dDD = -2: not credible -> DC
    "deterrence-normal-form": 0.5,  # (1 - 0)/(1 + 1)
    "deterrence-credibility": 0.25,  # 1/(1 + 3)
    "brinkmanship-window": (1 / 3, 0.5625),  # 4/12; 0.6*3/(0.4*8)
    "brinkmanship-closes": 9 / 17,  # (3/8)/(3/8 + 1/3)
    "grim-trigger": 0.5,  # 2/4
    "tit-for-tat": 2 / 3,  # max(2/4, 2/3)
    "violence-threshold": 0.2,  # 2/10
    "violence-shock": (0.2, 1 / 3),  # 2/10, 4/12
    "critical-risk": (0.1, 2 / 21, "A"),  # Iran 1/10 > Israel 2/21
    "attribution-posterior": 8 / 9,  # 0.4/(0.4 + 0.05)
    "bargaining-range": (0.5, 0.75),
    "signal-semi-separating": (0.75, 0.6),  # mu* = 1/4: 0.2*0.75/(0.8*0.25); 0.6/1
    "escalation-outcome": ("DC", "C"),  # Hard Challenger vs SH Defender
}


def _tuple(x):
    return x if isinstance(x, tuple) else (x,)


def _same(got, want, atol=1e-9):
    got, want = _tuple(got), _tuple(want)
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=False):
        if isinstance(w, str):
            assert g == w
        else:
            assert g == pytest.approx(w, abs=atol, rel=1e-9)


def test_the_bank_has_at_least_25_exercises_each_with_a_reference_here():
    assert len(BUILTIN) >= 25
    assert set(REFERENCE) == set(BUILTIN)


def test_every_topic_is_taught_and_each_exercise_is_declared_completely():
    frame = classroom.bank()
    assert set(classroom.TOPICS) <= set(frame.topic)
    # the bank lists the topics in teaching order, each once as a block
    assert list(dict.fromkeys(frame.topic)) == list(classroom.TOPICS)
    for ex in (EXERCISES[i] for i in BUILTIN):
        assert ex.goal and ex.citation and ex.model and ex.hint, ex.id
        assert any(p.varies for p in ex.params), ex.id  # students get different numbers
        # every exercise has a wrong-order case: several entries, or one number (its reciprocal)
        assert len(ex.entries) > 1 or ex.entries[0].kind == "number", ex.id
    assert list(frame.columns) == [
        "topic",
        "difficulty",
        "title",
        "goal",
        "parameters",
        "answer",
        "model",
        "citation",
    ]


FAMILIES = {
    "models": [
        "bargaining",
        "brinkmanship",
        "defense",
        "distributions",
        "escalation",
        "perfect",
        "proxies",
        "retaliation",
        "signaling",
    ],
    "games": ["classic", "crisis", "ladder", "repeated"],
}


def test_the_model_calls_cover_every_model_family():
    # record which modules of deterrence/models and deterrence/games the answers run through
    seen = set()

    def profile(frame, event, arg):
        if event == "call":
            parts = frame.f_code.co_filename.replace("\\", "/").split("/")
            if len(parts) >= 3 and parts[-3] == "deterrence" and parts[-2] in FAMILIES:
                seen.add((parts[-2], parts[-1].removesuffix(".py")))

    sys.setprofile(profile)
    try:
        for i in BUILTIN:
            EXERCISES[i].answer()
    finally:
        sys.setprofile(None)
    wanted = {(pkg, mod) for pkg, mods in FAMILIES.items() for mod in mods}
    assert wanted <= seen, sorted(wanted - seen)


@pytest.mark.parametrize("ex_id", sorted(PUBLISHED))
def test_published_numbers(ex_id):
    _same(EXERCISES[ex_id].answer(), PUBLISHED[ex_id], atol=1e-12)


def _typed(value):
    """How a student might type a value: fractions as text, percentages, options in caps."""
    if isinstance(value, str):
        return f"  {value.upper()} "
    frac = __import__("fractions").Fraction(value).limit_denominator(50)
    if abs(float(frac) - value) < 1e-12 and frac.denominator > 1:
        return f"{frac.numerator}/{frac.denominator}"
    return f"{value:.6f}"


@pytest.mark.parametrize("student", STUDENTS)
@pytest.mark.parametrize("ex_id", BUILTIN)
def test_every_exercise_on_three_variants(ex_id, student):
    ex = variant(ex_id, student=student, seed=2026)
    want = _tuple(REFERENCE[ex_id](**ex.parameters))
    got = _tuple(ex.answer())
    numbers = [abs(v) for v in got if not isinstance(v, str)]
    tol = max(ex.tolerance, ex.rtol * max(numbers, default=0.0))
    _same(got, want, atol=max(1e-9, ex.tolerance / 10))  # the model agrees with the closed form

    def ask(answer):
        return check(ex_id, answer, student=student, seed=2026)

    # right, typed as a student types it (a string, fractions, one string for a tuple)
    typed = tuple(_typed(v) for v in got)
    r = ask(typed[0] if len(typed) == 1 else "(" + ", ".join(typed) + ")")
    assert r.status == "right", r.message
    # near: within the tolerance on every number
    near = tuple(
        v
        if e.kind == "choice"
        else (v + 0.8 * tol if e.outside(v + 0.8 * tol) is None else v - 0.8 * tol)
        for e, v in zip(ex.entries, got, strict=False)
    )
    assert ask(near[0] if len(near) == 1 else near).status == "right"
    # wrong: another option, or a number outside the close band (red, with a hint, and the
    # feedback does not give the answer away)
    wrong = _wrong(ex, got)
    r = ask(wrong[0] if len(wrong) == 1 else wrong)
    assert r.status == "wrong" and r.hint, (wrong, r.message)
    assert "Correct" not in r.message
    # malformed: text that is no number or option, or the wrong number of entries
    r = ask("no idea")
    assert r.status == "malformed" and r.message.startswith("Could not read your answer")
    if len(got) > 1:
        assert ask(got[0]).status == "malformed"
    else:
        assert ask([got[0], got[0]]).status == "malformed"
    # out of domain: the hint says so
    r = ask(_out_of_domain(ex, got))
    assert r.status in ("wrong", "malformed")
    assert any(w in r.message for w in ("outside", "below", "not a whole number", "not one of"))
    # wrong order: the entries reversed, or (one number) the fraction upside down
    if len(got) > 1:
        r = ask(tuple(reversed(got)))
        assert r.status == "wrong", r.message
        assert any(w in r.message for w in ("order", "other", "swapped")), r.message
    else:
        r = ask(1 / got[0])
        assert r.status == "wrong" and "reciprocal" in r.message, r.message


def _wrong(ex, got):
    out = []
    for e, v in zip(ex.entries, got, strict=False):
        if e.kind == "choice":
            out.append(next(o for o in e.options if o != v))
            continue
        lo = e.low if math.isfinite(e.low) else v - 10
        hi = e.high if math.isfinite(e.high) else v + 10
        # the farthest of a few points of the domain from the answer and from every mistake
        cands = np.linspace(lo, hi, 41)
        if e.integer:
            cands = np.round(cands)
        out.append(float(max(cands, key=lambda c: abs(c - v))))
    return tuple(out)


def _out_of_domain(ex, got):
    for i, e in enumerate(ex.entries):
        if e.kind == "number":
            if e.integer:
                bad = got[i] + 0.5
            elif e.high == 1 and e.low == 0:
                bad = "150%"
            else:
                bad = e.low - 1
            if len(got) == 1:
                return bad
            return tuple(bad if j == i else v for j, v in enumerate(got))
    return tuple("surrender" if j == 0 else v for j, v in enumerate(got))
