"""deterrence.analysis.backtest: predictions scored against the gallery of past exchanges.

Scores by hand: Brier = mean (p − y)², the base rate b = mean y predicted for every event,
log score = mean log(p if y else 1 − p), skill = 1 − Brier / Brier(base) (Brier 1950).
"""

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import stats

import deterrence as dt
from deterrence.analysis.backtest import EPS, backtest, p_counter_strike
from deterrence.scenario import bundled_scenarios

GALLERY = ("al-asad-2020", "april-2024", "balakot-2019", "october-2024", "tower-22")


def test_gallery_scenarios_load_with_sources_and_roles():
    for name in GALLERY:
        s = dt.load_scenario(name)
        assert s.events, name
        for ev in s.events:
            assert ev.source, (name, ev.name)
        assert any(ev.target == s.defender and ev.counter_strike is not None for ev in s.events)
        # every value the file states carries a source of its own
        stated = [k for k, o in s.range_origin.items() if o == "stated" and "." not in k]
        assert all(s.sources[k] != dt.scenario.PARAMETERS[k].source for k in stated), name
    assert dt.load_scenario("balakot-2019").roles == {"challenger": "India", "defender": "Pakistan"}


def test_p_counter_strike_by_hand():
    # Balakot: 6 bombs, q = 0.9 × (1 − 0) = 0.9; r_cal = 6·0.9/3 = 1.8; any L ≥ 1 gives
    # ℓ = L/1.8 ≥ 0.56 > 2c/f = 0.5: a reply in kind (or escalation) is certain; L = 0 (prob
    # 0.1^6) leaves nothing to answer. p = 1 − 0.1^6.
    s = dt.load_scenario("balakot-2019")
    assert p_counter_strike(s, 6, 0.9) == pytest.approx(1 - 0.1**6, abs=1e-12)
    # with a reply cost above f·ℓ/2 for every L the defender replies only when its tolerance
    # is exceeded: p = E[F(L)]
    t = s.replace(defender_reply_cost=100.0)
    L = np.arange(7)
    expected = stats.binom.pmf(L, 6, 0.9) @ t.tolerance.cdf(L)
    assert p_counter_strike(t, 6, 0.9) == pytest.approx(expected, abs=1e-12)


def test_scores_by_hand_and_the_plain_verdict():
    bt = backtest(list(bundled_scenarios()))
    p = np.array([e.p for e in bt.events])
    y = np.array([e.observed for e in bt.events], dtype=float)
    assert [e.name for e in bt.events] == [
        "Ain al-Asad strike after Soleimani's killing",
        "True Promise",
        "Balakot air strike",
        "Iran's second direct salvo",
        "US strikes in Iraq and Syria",
    ]
    assert y.tolist() == [0, 1, 1, 1, 0]
    b = 0.6
    assert bt.base_rate == pytest.approx(b)
    assert bt.brier == pytest.approx(np.mean((p - y) ** 2))
    assert bt.brier_base == pytest.approx(np.mean((b - y) ** 2)) == pytest.approx(0.24)
    pc = np.clip(p, EPS, 1 - EPS)
    assert bt.log_score == pytest.approx(np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc)))
    assert bt.log_score_base == pytest.approx(0.6 * math.log(0.6) + 0.4 * math.log(0.4))
    assert bt.skill == pytest.approx(1 - bt.brier / 0.24)
    # the model predicts a counter-strike after every strike that gets through, and two of
    # the five were not answered: it does no better than the base rate, and says so
    assert not bt.better_than_base_rate
    assert bt.verdict().startswith("The model does no better than the base rate")
    rel = bt.reliability()
    assert rel["events"].sum() == 5
    # duplicates across scenarios are scored once; events against another side are skipped
    reasons = {why for _, _, why in bt.skipped}
    assert "scored already with an earlier scenario" in reasons
    assert any(why.startswith("target United States, not the defender") for why in reasons)


def test_backtest_cli_json_and_text(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "deterrence", "backtest", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["better_than_base_rate"] is False and len(data["events"]) == 5
    text = subprocess.run(
        [sys.executable, "-m", "deterrence", "backtest", "balakot-2019"],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert "Balakot air strike" in text and "base rate" in text
