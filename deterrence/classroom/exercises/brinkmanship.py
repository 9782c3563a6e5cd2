"""Brinkmanship: the threat that leaves something to chance, and critical risks.

Schelling (1960), *The Strategy of Conflict*, ch. 8; Dixit, Skeath & Reiley (2015), *Games of
Strategy*, 4th ed., ch. 14; Ellsberg (1959); Snyder & Diesing (1977), *Conflict Among Nations*,
ch. 2.
"""

from __future__ import annotations

from ...errors import ParameterError
from ..answers import Choice, Probability
from ..core import Exercise, Mistake, Param, _p, fmt_number, register

TOPIC = "brinkmanship"
DSR = "Dixit, Skeath & Reiley, Games of Strategy, ch. 14; Schelling 1960, ch. 8"

BRINK_PARAMS = (
    Param("p", 0.4, 0.1, 0.5, 0.05),
    Param("target_win", 2.0, 1.0, 4.0, 1.0),
    Param("target_comply", -2.0, -3.0, -1.0, 1.0),
    Param("target_disaster", -10.0, -16.0, -8.0, 2.0),
    Param("threatener_win", 1.0, 1.0, 3.0, 1.0),
    Param("threatener_acquiesce", -2.0, -3.0, -1.0, 1.0),
    Param("threatener_disaster", -10.0, -16.0, -8.0, 2.0),
)
BRINK_TEXT = (
    "A threatener cannot credibly promise war, so it threatens a *risk* q of disaster, partly "
    "outside its control (Schelling's threat that leaves something to chance). The target's "
    "utilities: defy and get away with it {target_win}, comply {target_comply}, disaster "
    "{target_disaster}. With probability p the target is a *hard* type that defies anyway; a "
    "*soft* target complies if the risk is high enough. The threatener's utilities: the target "
    "complies {threatener_win}, it acquiesces {threatener_acquiesce}, disaster "
    "{threatener_disaster}. "
)


def _sides(p):
    target = (p["target_win"], p["target_comply"], p["target_disaster"])
    threatener = (p["threatener_win"], p["threatener_acquiesce"], p["threatener_disaster"])
    return target, threatener


def brink_window(**p):
    from ...models.brinkmanship import risk_window

    target, threatener = _sides(p)
    window = risk_window(p["p"], target=target, threatener=threatener)
    if window is None:
        raise ParameterError(
            f"the risk window is empty at p = {p['p']:g} (the hard type is too likely); choose "
            "a smaller p for this exercise."
        )
    return window


def brink_closes(**p):
    from ...models.brinkmanship import window_closes_at

    target, threatener = _sides(p)
    return window_closes_at(target=target, threatener=threatener)


def _q_max_swapped(**p):
    (_, _, _), (uw, ua, ud) = _sides(p)
    return brink_window(**p)[0], p["p"] * (uw - ua) / ((1 - p["p"]) * (ua - ud))


def _worked_window(p, window):
    (tw, tc, td), (uw, ua, ud) = _sides(p)
    lo, hi = window
    prob = p["p"]
    raw = (1 - prob) * (uw - ua) / (prob * (ua - ud))
    clip = "" if raw <= 1 else f" (the formula gives {fmt_number(raw)}; a risk is at most 1)"
    return (
        "**Effectiveness** (the soft target complies). Defying risks disaster with probability "
        f"q: it pays (1 − q)·{_p(tw)} + q·{_p(td)}, complying pays {fmt_number(tc)}. The target "
        "complies iff q ≥ q_min = (w_T − c_T)/(w_T − d_T) = "
        f"({_p(tw)} − {_p(tc)})/({_p(tw)} − {_p(td)}) = {fmt_number(lo)}.\n\n"
        f"**Acceptability** (the threatener prefers threatening). With probability p = "
        f"{fmt_number(prob)} the target is hard and defies; then disaster strikes with "
        "probability q, else the threatener acquiesces. Threatening beats acquiescing iff "
        "(1 − p)·u_W + p·(q·u_D + (1 − q)·u_A) ≥ u_A, i.e. q ≤ q_max = "
        f"(1 − p)(u_W − u_A)/(p·(u_A − u_D)) = (1 − {_p(prob)})·({_p(uw)} − {_p(ua)})/"
        f"({_p(prob)}·({_p(ua)} − {_p(ud)})) = {fmt_number(hi)}{clip}.\n\n"
        f"Window: **(q_min, q_max) = ({fmt_number(lo)}, {fmt_number(hi)})** — Dixit, Skeath & "
        "Reiley, *Games of Strategy*, ch. 14."
    )


def _worked_closes(p, p_star):
    (tw, tc, td), (uw, ua, ud) = _sides(p)
    q_min = (tw - tc) / (tw - td)
    K = (uw - ua) / (ua - ud)
    return (
        f"The floor q_min = {fmt_number(q_min)} does not depend on p; the ceiling "
        "q_max(p) = K·(1 − p)/p, with K = (u_W − u_A)/(u_A − u_D) = "
        f"({_p(uw)} − {_p(ua)})/({_p(ua)} − {_p(ud)}) = {fmt_number(K)}, falls as p rises.\n\n"
        "The window closes where q_max(p*) = q_min: K·(1 − p*)/p* = q_min, so\n\n"
        f"p* = K/(K + q_min) = {fmt_number(K)}/({fmt_number(K)} + {fmt_number(q_min)}) = "
        f"**{fmt_number(p_star)}**.\n\n"
        "If the hard type is more likely than this, no risk is both effective and acceptable: "
        "brinkmanship cannot work (`dt.plot.brinkmanship.brinkmanship_window` draws both "
        "curves)."
    )


register(
    Exercise(
        id="brinkmanship-window",
        title="Brinkmanship: the risk window",
        topic=TOPIC,
        difficulty="core",
        goal="Derive the effectiveness and acceptability conditions of a probabilistic threat.",
        statement=BRINK_TEXT
        + "**For p = {p}, give the window of risks (q_min, q_max) that are both effective (the "
        "soft target complies) and acceptable (the threatener prefers threatening to "
        "acquiescing).**",
        params=BRINK_PARAMS,
        valid=lambda **p: brink_window(**p)[1] - brink_window(**p)[0] > 0.05,
        compute=brink_window,
        entries=(Probability("q_min", "a risk"), Probability("q_max", "a risk")),
        hint="Effectiveness: the soft target's payoff from defying, (1 − q)·win + q·disaster, "
        "must not exceed complying. Acceptability: the threatener's expected payoff with a hard "
        "target present with probability p must not fall below acquiescing.",
        mistakes=(
            Mistake(
                _q_max_swapped,
                "q_min is right, but q_max has p and 1 − p swapped: the threat pays off when "
                "the target is soft (probability 1 − p).",
            ),
        ),
        worked=_worked_window,
        model="deterrence.models.brinkmanship.risk_window",
        citation=DSR,
    )
)

register(
    Exercise(
        id="brinkmanship-closes",
        title="Brinkmanship: when the window closes",
        topic=TOPIC,
        difficulty="core",
        goal="Find where two threshold curves cross: the limit of brinkmanship.",
        statement=BRINK_TEXT
        + "**Above what probability p* of a hard target is there no risk q that is both "
        "effective and acceptable?**",
        params=BRINK_PARAMS[1:],
        compute=brink_closes,
        entries=(Probability("p*"),),
        hint="q_min does not depend on p; q_max(p) falls as p rises. Find the p at which they "
        "meet.",
        worked=_worked_closes,
        model="deterrence.models.brinkmanship.window_closes_at",
        citation=DSR,
    )
)


def critical_risks(a_win, a_concede, a_war, b_win, b_concede, b_war):
    from ...models.brinkmanship import critical_risk, prevails

    ra = float(critical_risk(a_win, a_concede, a_war))
    rb = float(critical_risk(b_win, b_concede, b_war))
    who = prevails((a_win, a_concede, a_war), (b_win, b_concede, b_war), names=("A", "B"))
    return ra, rb, who


register(
    Exercise(
        id="critical-risk",
        title="Critical risks: who is more resolved?",
        topic=TOPIC,
        difficulty="intro",
        goal="Compare the largest risks of war each side accepts (Zeuthen's principle).",
        statement="Two sides stand firm in a crisis. A's utilities: prevail {a_win}, back down "
        "{a_concede}, war {a_war}. B's: prevail {b_win}, back down {b_concede}, war {b_war}. "
        "Each side's *critical risk* is the largest probability of war it accepts rather than "
        "back down. **Give (A's critical risk, B's critical risk, the side that prevails: 'A' "
        "or 'B').**",
        params=(
            Param("a_win", 1.0, 1.0, 3.0, 1.0),
            Param("a_concede", 0.0),
            Param("a_war", -9.0, -12.0, -3.0, 1.0),
            Param("b_win", 1.0, 1.0, 3.0, 1.0),
            Param("b_concede", -1.0, -2.0, -1.0, 1.0),
            Param("b_war", -20.0, -20.0, -5.0, 1.0),
        ),
        valid=lambda **p: critical_risks(**p)[2] != "tie",
        compute=critical_risks,
        entries=(
            Probability("r_A", "a critical risk"),
            Probability("r_B", "a critical risk"),
            Choice("prevails", ("A", "B")),
        ),
        order_message="that is the other side's critical risk: give A's first, then B's, "
        "then who prevails: (r_A, r_B, prevails).",
        hint="Standing firm is worth it while (1 − r)·win + r·war ≥ back down; solve for r. "
        "The side with the higher critical risk is the more resolved.",
        mistakes=(
            Mistake(
                lambda **p: (
                    *critical_risks(**p)[:2],
                    "B" if critical_risks(**p)[2] == "A" else "A",
                ),
                "the critical risks are right, but the side with the *higher* critical risk is "
                "the more resolved and prevails.",
            ),
        ),
        worked=lambda p, a: (
            f"r_A = (win − back down)/(win − war) = ({_p(p['a_win'])} − {_p(p['a_concede'])})/"
            f"({_p(p['a_win'])} − {_p(p['a_war'])}) = **{fmt_number(a[0])}**; r_B = "
            f"({_p(p['b_win'])} − {_p(p['b_concede'])})/({_p(p['b_win'])} − {_p(p['b_war'])}) = "
            f"**{fmt_number(a[1])}**. The side that accepts the larger risk, **{a[2]}**, "
            "prevails (Ellsberg 1959; Snyder & Diesing 1977, ch. 2)."
        ),
        model="deterrence.models.brinkmanship.critical_risk, prevails",
        citation="Ellsberg 1959; Snyder & Diesing 1977, Conflict Among Nations, ch. 2",
    )
)
