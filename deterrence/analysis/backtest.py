"""Backtests: the model's predicted probabilities scored against what happened.

Each scenario's past exchanges (``[[events]]``) whose target is the scenario's defender, with a
reported launch count and a known outcome (``counter_strike``), are scored. The prediction is
the crisis tree's probability that the defender replies militarily (in kind or by escalating)
rather than absorbing the strike: with L ~ Binomial(n, q) munitions through (q from the event's
reported interception rate, else the scenario's r_L·(1 − P_k)^s), a defender whose tolerance
θ ~ F lies below L escalates, and one within its tolerance replies in kind when f·ℓ/2 > c
(ℓ = L in calibrated strikes; :func:`deterrence.games.crisis.crisis_tree`). So
p = E[F(L) + (1 − F(L))·1{f·ℓ/2 > c}].

Scores (Brier 1950; Gneiting & Raftery 2007, *JASA* 102(477)): the Brier score mean (p − y)²
and the log score mean log(p if y else 1 − p), each against the base rate — the observed
frequency of counter-strikes among the scored events, predicted for every event — and the
Brier skill score 1 − Brier/Brier(base). A reliability table bins the predictions. With a
handful of events the scores say little; the result says so, and says plainly when the model
does no better than the base rate.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["ScoredEvent", "Backtest", "p_counter_strike", "backtest"]

#: predictions are clipped to [EPS, 1 − EPS] in the log score only (a certain miss is -inf)
EPS = 1e-6
#: reliability bins
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def p_counter_strike(scenario, launches: int, q: float) -> float:
    """P(the defender replies militarily) to a salvo of `launches` munitions, each through w.p. q.

    Examples
    --------
    >>> import deterrence as dt
    >>> s = dt.load_scenario("iran-2024")
    >>> round(p_counter_strike(s, 0, 0.14), 3)          # nothing through: nothing to answer
    0.0
    >>> round(p_counter_strike(s, 150, 0.14), 3)        # 21 leakers: a reply is certain
    1.0
    """
    from scipy import stats

    from ..games.crisis import response_sizes

    p = scenario.parameters
    n = int(launches)
    L = np.arange(n + 1)
    w = stats.binom.pmf(L, n, q)
    r_cal = response_sizes(scenario)["calibrated"]
    F = scenario.tolerance.cdf(L)
    ell = L / r_cal
    in_kind = p["defender_deterrence_loss"] * ell / 2 > p["defender_reply_cost"]
    return float(np.clip(w @ (F + (1 - F) * in_kind), 0.0, 1.0))


@dataclass(frozen=True)
class ScoredEvent:
    """One past exchange with the model's prediction and what happened."""

    scenario: str
    date: str
    name: str
    defender: str
    launches: int
    q: float
    q_source: str
    p: float
    observed: bool


@dataclass(frozen=True)
class Backtest:
    """Scores of the predictions against the outcomes (see the module docstring).

    Attributes
    ----------
    events : tuple of ScoredEvent
    skipped : tuple of (scenario, event, reason)
    base_rate : float
        The observed frequency of counter-strikes (nan with no scored event).
    brier, brier_base, log_score, log_score_base, skill : float
        Brier scores of the model and of the base rate, log scores (higher is better), and the
        Brier skill score 1 − brier / brier_base (nan when the base rate is perfect).
    """

    events: tuple[ScoredEvent, ...]
    skipped: tuple[tuple[str, str, str], ...]
    base_rate: float
    brier: float
    brier_base: float
    log_score: float
    log_score_base: float
    skill: float

    @property
    def better_than_base_rate(self) -> bool:
        """True only when the model's Brier score beats the base rate's."""
        return bool(self.events) and self.brier < self.brier_base

    def verdict(self) -> str:
        """One plain sentence on what the scores show."""
        n = len(self.events)
        if not n:
            return "No event could be scored: nothing is known about the model's accuracy."
        few = f" With {n} event{'s' if n != 1 else ''} this says little either way."
        if not self.better_than_base_rate:
            return (
                f"The model does no better than the base rate: Brier {self.brier:.3f} against "
                f"{self.brier_base:.3f} for always predicting {self.base_rate:.2f}." + few
            )
        return (
            f"The model beats the base rate: Brier {self.brier:.3f} against "
            f"{self.brier_base:.3f} (skill {self.skill:.2f})." + few
        )

    def reliability(self):
        """The reliability table: per bin of predicted probability, the number of events, the
        mean prediction and the observed frequency of counter-strikes."""
        import pandas as pd

        rows = []
        p = np.array([e.p for e in self.events])
        y = np.array([e.observed for e in self.events], dtype=float)
        for lo, hi in zip(BINS[:-1], BINS[1:], strict=True):
            inside = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
            k = int(inside.sum())
            rows.append(
                {
                    "bin": f"{lo:.1f}–{hi:.1f}",
                    "events": k,
                    "mean predicted": float(p[inside].mean()) if k else math.nan,
                    "observed frequency": float(y[inside].mean()) if k else math.nan,
                }
            )
        return pd.DataFrame(rows)

    def to_frame(self):
        """One row per scored event."""
        import pandas as pd

        return pd.DataFrame([e.__dict__ for e in self.events])

    def to_dict(self) -> dict:
        def num(x):
            return None if isinstance(x, float) and not math.isfinite(x) else x

        return {
            "events": [e.__dict__ for e in self.events],
            "skipped": [list(s) for s in self.skipped],
            "base_rate": num(self.base_rate),
            "brier": num(self.brier),
            "brier_base": num(self.brier_base),
            "log_score": num(self.log_score),
            "log_score_base": num(self.log_score_base),
            "skill": num(self.skill),
            "better_than_base_rate": self.better_than_base_rate,
            "verdict": self.verdict(),
        }

    def _repr_html_(self) -> str:
        e = html.escape
        return (
            f"<div><p><b>Backtest</b>: {e(self.verdict())}</p>"
            + self.to_frame().to_html(index=False)
            + self.reliability().to_html(index=False)
            + "</div>"
        )


def backtest(scenarios: Sequence) -> Backtest:
    """Score the scenarios' past exchanges (see the module docstring).

    Parameters
    ----------
    scenarios : sequence of Scenario or names
        Each scenario's events against its own defender are scored with its parameters; an
    exchange held by several scenarios (same date and name) is scored once, with the first.

    Examples
    --------
    >>> bt = backtest(["balakot-2019"])
    >>> [(e.name, round(e.p, 2), e.observed) for e in bt.events]
    [('Balakot air strike', 1.0, True)]
    >>> bt.better_than_base_rate      # one event, predicted right: the base rate is right too
    False
    """
    from ..scenario import load_scenario

    scored, skipped, seen = [], [], set()
    for item in scenarios:
        s = load_scenario(item)
        for ev in s.events:
            reason = None
            if (ev.date, ev.name) in seen:  # the same exchange in two scenarios counts once
                reason = "scored already with an earlier scenario"
            elif ev.target != s.defender:
                reason = f"target {ev.target or 'not given'}, not the defender {s.defender}"
            elif ev.launches is None:
                reason = "no launch count reported"
            elif ev.counter_strike is None:
                reason = "outcome (counter_strike) not reported"
            if reason:
                skipped.append((s.name, ev.name, reason))
                continue
            seen.add((ev.date, ev.name))
            if ev.intercept_rate is not None:
                q = s.parameters["launch_reliability"] * (1.0 - ev.intercept_rate)
                src = "reported interception rate × the scenario's launch reliability"
            else:
                q, src = s.leak_probability, "the scenario's r_L·(1 − P_k)^s"
            scored.append(
                ScoredEvent(
                    scenario=s.name,
                    date=ev.date.isoformat(),
                    name=ev.name,
                    defender=s.defender,
                    launches=int(ev.launches),
                    q=float(q),
                    q_source=src,
                    p=p_counter_strike(s, ev.launches, q),
                    observed=bool(ev.counter_strike),
                )
            )
    if not scored:
        nan = math.nan
        return Backtest((), tuple(skipped), nan, nan, nan, nan, nan, nan)
    p = np.array([e.p for e in scored])
    y = np.array([e.observed for e in scored], dtype=float)
    base = float(y.mean())

    def log_score(pred):
        pc = np.clip(pred, EPS, 1 - EPS)
        return float(np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc)))

    brier = float(np.mean((p - y) ** 2))
    brier_base = float(np.mean((base - y) ** 2))
    skill = 1 - brier / brier_base if brier_base > 0 else math.nan
    return Backtest(
        events=tuple(scored),
        skipped=tuple(skipped),
        base_rate=base,
        brier=brier,
        brier_base=brier_base,
        log_score=log_score(p),
        log_score_base=log_score(np.full_like(p, base)),
        skill=skill,
    )
