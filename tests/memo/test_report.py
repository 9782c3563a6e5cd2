"""deterrence.memo: the memo's files and sections, its findings against the models, the ICD 203
likelihood words, atomic writes and the "what would have to be true" thresholds.

The memo of the seed scenario is generated once for the module. Expected numbers come from the
models called directly here and from the seed scenario's defaults (r* ≈ 5.16 leakers, ≈ 37
launches at q = 0.14, an empty window [6.47, 6.32], P(escalation) ≈ 0.52 for the 150-launch
salvo). Numbers are checked on the findings (``rep.findings``); a few checks read the Markdown to
see that the templates render them.
"""

import base64
import io
import math
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import optimize, stats

import deterrence as dt
from deterrence.analysis.signposts import parameter_thresholds
from deterrence.analysis.summary import scenario_summary
from deterrence.errors import (
    OutputExistsError,
    ParameterError,
    ProbabilityError,
    ScenarioError,
)
from deterrence.memo import output
from deterrence.memo.words import LIKELIHOOD_TERMS, likelihood_phrase

SECTIONS = [
    "Bottom line up front",
    "Key judgments",
    "Recommended response and the calibrated window",
    "Equilibria",
    "What would have to be true",
    "Assumptions and signposts",
    "Missile defence and saturation",
    "Proxy and attribution risk",
    "Backtest: the scenario's events",
    "Method",
]
FIGURES = ["window", "window_launches", "phase", "saturation", "tornado", "proxy_risk"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def pct(p):
    """The memo's percentages: one decimal below 10% (trailing .0 dropped), else whole."""
    x = 100 * p
    return (f"{x:.1f}".removesuffix(".0") if x < 10 else f"{x:.0f}") + "%"


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    out = tmp_path_factory.mktemp("memo")
    (out / "memo.md").write_text("stale memo\n")  # force=True must replace it
    rep = dt.report("iran-2024", out, force=True)
    return rep, rep.markdown.read_text(encoding="utf-8"), rep.html.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def iran():
    return dt.load_scenario("iran-2024")


# -- files ---------------------------------------------------------------------------------------


def test_files_are_written_and_the_stale_memo_replaced(memo):
    rep, md, _ = memo
    out = rep.markdown.parent
    assert rep.markdown == out / "memo.md" and rep.html == out / "memo.html"
    assert "stale memo" not in md
    assert md.startswith("# Memo: Iran's retaliation for the killings of Haniyeh and Shukr")
    assert [p.name for p in rep.figures] == [f"{name}.png" for name in FIGURES]
    assert sorted(p.name for p in (out / "figures").iterdir()) == sorted(
        f"{n}.png" for n in FIGURES
    )


@pytest.mark.parametrize("name", FIGURES)
def test_figures_are_non_empty_pngs(memo, name):
    import matplotlib.image as mpimg

    rep, _, _ = memo
    path = rep.markdown.parent / "figures" / f"{name}.png"
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert len(data) > 10_000
    img = mpimg.imread(path)
    height, width = img.shape[:2]
    assert width >= 600 and height >= 400
    assert img[..., :3].std() > 0.05  # not blank: curves, text and fills on white


def test_no_temporary_files_are_left(memo):
    rep, _, _ = memo
    out = rep.markdown.parent
    leftovers = [p.name for p in [*out.iterdir(), *(out / "figures").iterdir()]]
    assert not [n for n in leftovers if n.startswith(".") or n.endswith(".tmp")]


def test_refuses_to_overwrite_without_force(memo):
    rep, md, _ = memo
    with pytest.raises(OutputExistsError, match=r"memo\.md already exists; pass --force"):
        dt.report("iran-2024", rep.markdown.parent)
    assert rep.markdown.read_text(encoding="utf-8") == md  # untouched


def test_out_dir_that_is_a_file_is_refused(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(NotADirectoryError, match="is not a directory"):
        dt.report("iran-2024", target)


def test_unknown_scenario_names_the_close_match(tmp_path):
    with pytest.raises(ScenarioError, match="Did you mean 'iran-2024'"):
        dt.report("iran-2025", tmp_path)


# -- sections and html -----------------------------------------------------------------------------


def test_sections_in_order(memo):
    _, md, page = memo
    md_heads = re.findall(r"^## (.+)$", md, flags=re.M)
    html_heads = re.findall(r"<h2>(.+?)</h2>", page)
    assert md_heads == SECTIONS
    assert [h.replace("&#x27;", "'") for h in html_heads] == SECTIONS
    assert "### The retaliation game" in md and "### The crisis tree" in md


def test_html_is_self_contained_and_embeds_every_figure(memo):
    rep, _, page = memo
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "<link" not in page and "<script" not in page and "http" not in page.split("<body>")[0]
    embedded = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="[^"]*" '
                          r'data-figure="([a-z_]+)"', page)  # fmt: skip
    assert [name for _, name in embedded] == ["window", "window_launches", "tornado", "phase",
                                              "saturation", "proxy_risk"]  # fmt: skip
    for data, name in embedded:
        assert (
            base64.b64decode(data) == (rep.markdown.parent / "figures" / f"{name}.png").read_bytes()
        )


def test_html_images_decode(memo):
    import matplotlib.image as mpimg

    _, _, page = memo
    for data in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", page):
        img = mpimg.imread(io.BytesIO(base64.b64decode(data)), format="png")
        assert img.ndim == 3 and img.shape[0] > 300 and img[..., :3].var() > 0


def test_markdown_links_the_figures(memo):
    _, md, _ = memo
    for name in FIGURES:
        assert f"](figures/{name}.png)" in md


# -- numbers against the models --------------------------------------------------------------------


def test_bottom_line_numbers_come_from_the_models(memo, iran):
    rep, md, _ = memo
    f = rep.findings
    model = iran.calibrated_response()
    q = iran.leak_probability  # 0.7 * (1 - 0.8) = 0.14
    r_star = model.optimum()  # ≈ 5.16 leakers
    n_star = model.optimum_launches(q)  # ≈ 37 launches
    assert round(r_star, 2) == 5.16 and n_star == 37
    assert (f.r_star, f.n_star, f.q) == (r_star, n_star, q)
    # window: floor G⁻¹(0.9) = 3·exp(0.6·1.2816) = 6.47 > ceiling F⁻¹(0.05) = 20·exp(−0.7·1.6449)
    # = 6.32: empty
    floor, ceiling = model.weakness.isf(0.1), model.tolerance.ppf(0.05)
    assert model.window(0.1, 0.05) is None and f.window is None
    assert (f.floor, f.ceiling) == (floor, ceiling) == model.edges(0.1, 0.05)
    # the salvo: P(escalation | 150 launches) = E[F(L)], L ~ Bin(150, 0.14): ≈ 0.52
    p_salvo = model.p_escalation_launches(150, q)
    assert round(p_salvo, 2) == 0.52 and f.salvo_p_escalation == p_salvo
    assert f.p_escalation_r_star == model.p_escalation(r_star)  # F(5.16) ≈ 0.026
    assert 1 - f.p_weak_r_star == pytest.approx(model.weakness.cdf(r_star))  # G(r*) ≈ 0.82
    # the templates put them in words
    assert f"Respond with about {r_star:.3g} leakers, i.e. {n_star} launches at q = 0.14" in md
    assert f"at least {floor:.3g} leakers" in md and f"at most {ceiling:.3g} leakers" in md
    assert "No response is both strong enough and safe." in md
    assert f"a roughly even chance ({pct(p_salvo)}) of escalation by Israel" in md
    assert f"**Roughly even chance ({pct(p_salvo)})**: escalation by Israel" in md
    assert f"almost no chance ({pct(f.p_escalation_r_star)}) of escalation by Israel" in md
    assert f"**Very likely ({pct(model.weakness.cdf(r_star))})**" in md


def test_launch_table_and_safe_salvo(memo, iran):
    rep, md, _ = memo
    f = rep.findings
    model = iran.calibrated_response()
    q = iran.leak_probability
    n = np.arange(200)
    p_esc = model.p_escalation_launches(n, q)
    safe_max = int(np.flatnonzero(p_esc <= 0.05)[-1])  # largest salvo with P(esc) <= rho
    strong_min = int(np.flatnonzero(model.p_weak_launches(n, q) <= 0.1)[0])
    assert (safe_max, strong_min) == (41, 57)  # 41 < 57: no salvo meets both limits
    assert (f.safe_salvo_max, f.strong_salvo_min, f.window_launches) == (41, 57, None)
    rows = {row.kind: row for row in f.salvo_rows}
    assert rows["safe_max"].launches == 41 and rows["strong_min"].launches == 57
    assert rows["salvo"].p_escalation == model.p_escalation_launches(150, q)
    assert f"salvos of at most {safe_max} launches stay within it" in md
    assert f"| largest salvo within the acceptable risk (P(escalation) ≤ ρ) | {safe_max} |" in md
    assert f"| smallest salvo seen as strong enough (P(weak) ≤ α_w) | {strong_min} |" in md
    assert "No salvo size meets both limits" in md


def test_tolerance_needed_for_the_salvo_by_root_finding(memo, iran):
    # the median tolerance m at which E[F_m(L)] = 0.05 for L ~ Bin(150, 0.14), F_m lognormal
    # (m, 0.7), solved here with brentq on the binomial sum directly
    L = np.arange(151)
    w = stats.binom.pmf(L, 150, 0.14)

    def gap(m):
        return 0.05 - float(w @ stats.lognorm.cdf(L, s=0.7, scale=m))

    m = optimize.brentq(gap, 20, 500, xtol=1e-12)
    assert 60 < m < 80
    rep, md, _ = memo
    inv = next(
        i for i in rep.findings.inverses if (i.parameter, i.goal) == ("defender_tolerance", "salvo")
    )
    assert inv.needed == pytest.approx(m, rel=1e-8) and not inv.holds_now
    assert (inv.direction, inv.needed_in_range) == ("at least", True)
    assert f"`defender_tolerance` would have to be **at least {m:.4g} leakers**" in md


def test_equilibria_and_tree_tables(memo, iran):
    rep, md, _ = memo
    f = rep.findings
    eqs = dt.solve(iran.retaliation_game())
    assert len(eqs.components) == 2
    assert (len(f.equilibria), len(f.equilibria.components)) == (len(eqs), 2)
    assert f"({len(eqs)} in {len(eqs.components)} connected components;" in md
    # the credible equilibrium: a calibrated strike met in kind (0.5 − 0.4 = 0.1; −0.25 − 0.5)
    k = next(i for i, e in enumerate(eqs) if e in eqs.credible)
    assert f.equilibria[k].support == (("calibrated",), ("proportional|escalate",))
    assert f"| {k} | 1 | calibrated | proportional\\|escalate | 0.1 | -0.75 | pure |" in md
    spe = dt.spe(iran.crisis_tree())
    assert spe.plan["Iran"] == "calibrated" == f.chosen
    assert "By backward induction Iran chooses **calibrated**." in md
    assert "agree on a calibrated strike" in md


def test_assumptions_flag_load_bearing_parameters(memo, iran):
    rep, md, _ = memo
    by_key = {a.key: a for a in rep.findings.assumptions}
    assert len(by_key) == len(iran.parameters) == 26
    # the window opens at the tolerance median where F⁻¹(0.05) = G⁻¹(0.9):
    # m = 3·exp(0.6·z_0.9 − 0.7·z_0.05) = 20.47 leakers
    # the window opens at the tolerance median where F⁻¹(0.05) = G⁻¹(0.9):
    # m = 3·exp(0.6·z_0.9 − 0.7·z_0.05) = 20.47 leakers
    z = stats.norm.ppf
    m_open = 3 * math.exp(0.6 * z(0.9) - 0.7 * z(0.05))
    tol = by_key["defender_tolerance"]
    window = next(sp for sp in tol.signposts if sp.conclusion == "window")
    assert tol.load_bearing and window.value == pytest.approx(m_open, rel=1e-9)
    assert (window.below, window.above) == ("window empty", "window open")
    # the normal form's pure equilibria: (calibrated, in kind against a major strike too) needs
    # the major strike unprofitable against a reply in kind, R̄ − 1.2 ≤ 0.5·R̄ − 0.4: R̄ ≤ 1.6
    game = [sp for sp in by_key["reputation_stake"].signposts if sp.conclusion == "game"]
    assert [round(sp.value, 6) for sp in game] == [1.6]
    # the tornado reads the same scan
    swing = {r.parameter: r for r in rep.findings.swings.rows}
    cost = by_key["audience_cost"]
    assert swing["audience_cost"].at_high.optimum == cost.r_star_high
    # rendered: one table row per parameter
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z_.]+)`.*$", md, flags=re.M)}
    assert len(rows) == 26
    assert f"{m_open:.4g} (below: window empty; above: window open)" in rows["defender_tolerance"]
    assert "| yes |" in rows["defender_tolerance"]
    # the audience cost: in the normal form, restraint deterred by "escalate against a
    # calibrated strike, reply in kind to a major one" needs −a ≥ R̄ − 3d = −0.2, i.e. a ≤ 0.2
    # (a non-credible threat: the memo's credible view does not move there)
    assert "0.2 (below: pure equilibria restraint / escalate" in rows["audience_cost"]
    assert "1.6 (below: pure equilibria" in rows["reputation_stake"]


def test_backtest_rows(memo, iran):
    rep, md, _ = memo
    model = iran.calibrated_response()
    events = {ev.event.name: ev for ev in rep.findings.events}
    # True Promise: 320 launches, 99% intercepted: q = 0.01, E[L] = 3.2
    april = next(ev for name, ev in events.items() if ev.scored and ev.event.launches == 320)
    assert april.q == pytest.approx(0.01) and april.expected_leakers == pytest.approx(3.2)
    assert april.p_escalation == model.p_escalation_launches(320, april.q)
    # October salvo: 180 launches at the scenario's q = 0.14: E[L] = 25.2
    october = next(ev for ev in events.values() if ev.scored and ev.event.launches == 180)
    assert october.q_source == "scenario's q" and october.expected_leakers == pytest.approx(25.2)
    assert [ev.reason for ev in events.values() if not ev.scored] == [
        "target United States: the scenario's tolerance threshold is Israel's",
        "target United States: the scenario's tolerance threshold is Israel's",
        "no launch count reported",
    ]
    assert f"| 3.2 | almost no chance ({pct(april.p_escalation)}) |" in md
    assert f"| 25.2 | likely ({pct(october.p_escalation)}) |" in md
    assert "not scored: no launch count reported" in md  # Rockets on al-Asad


def test_findings_match_scenario_summary(memo):
    rep, _, _ = memo
    f = rep.findings
    summary = scenario_summary("iran-2024")
    assert f.r_star == summary.r_star
    assert f.window is None and summary.window_open is False
    assert (f.views.game, f.views.tree, f.views.model) == ("calibrated",) * 3 and f.views.agree


# -- thresholds ------------------------------------------------------------------------------------


def test_parameter_thresholds_israel_tolerance():
    signposts = parameter_thresholds("iran-2024", "defender_tolerance")
    by = {sp.conclusion: sp for sp in signposts}
    z = stats.norm.ppf
    assert by["window"].value == pytest.approx(3 * math.exp(0.6 * z(0.9) - 0.7 * z(0.05)), rel=1e-9)
    assert (by["window"].below, by["window"].above) == ("window empty", "window open")
    assert by["salvo"].above == "salvo within the acceptable risk"
    assert [sp.value for sp in signposts] == sorted(sp.value for sp in signposts)


def test_parameter_thresholds_for_a_count_are_whole_numbers(iran):
    # salvo_size: P(escalation | n) first exceeds 0.05 at n = 42 (41 is the largest safe salvo)
    model = iran.calibrated_response()
    sp = next(s for s in parameter_thresholds(iran, "salvo_size") if s.conclusion == "salvo")
    assert sp.value == 42
    assert model.p_escalation_launches(41, 0.14) <= 0.05 < model.p_escalation_launches(42, 0.14)


def test_parameter_thresholds_of_the_game():
    # the normal form: (calibrated, in kind to both strikes) is an equilibrium iff the major
    # strike does not pay against a reply in kind, R̄ − 3·0.4 ≤ 0.5·R̄ − 0.4, i.e. R̄ ≤ 1.6
    # (to 1e-6: the pure equilibria of the 9-column normal form are read with a label tolerance)
    sps = parameter_thresholds("iran-2024", "reputation_stake")
    assert [(sp.conclusion, round(sp.value, 6)) for sp in sps] == [("game", 1.6)]


def test_parameter_thresholds_unknown_parameter():
    with pytest.raises(ScenarioError, match="Did you mean 'defender_tolerance'"):
        parameter_thresholds("iran-2024", "israel_tolerence")


# -- ICD 203 words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "p, term",
    [
        (0.0, "almost no chance"),
        (0.01, "almost no chance"),
        (0.0499, "almost no chance"),
        (0.05, "very unlikely"),  # boundaries go to the term nearer even chance
        (0.1999, "very unlikely"),
        (0.20, "unlikely"),
        (0.4499, "unlikely"),
        (0.45, "roughly even chance"),
        (0.50, "roughly even chance"),
        (0.55, "roughly even chance"),
        (0.5501, "likely"),
        (0.80, "likely"),
        (0.8001, "very likely"),
        (0.95, "very likely"),
        (0.9501, "almost certain"),
        (0.99, "almost certain"),
        (1.0, "almost certain"),
    ],
)
def test_likelihood_phrase_boundaries(p, term):
    assert likelihood_phrase(p) == term


@pytest.mark.parametrize("bad", [-0.01, 1.2, 52])
def test_likelihood_phrase_rejects_non_probabilities(bad):
    with pytest.raises(ProbabilityError, match=r"p must be a probability in \[0, 1\]"):
        likelihood_phrase(bad)


def test_likelihood_phrase_rejects_arrays_and_text():
    with pytest.raises(ParameterError, match="one probability"):
        likelihood_phrase([0.2, 0.3])
    with pytest.raises(ParameterError, match="must be a number"):
        likelihood_phrase("0.5")


TERMS = [t for t, _, _ in LIKELIHOOD_TERMS]


@given(st.floats(0, 1), st.floats(0, 1))
def test_likelihood_phrase_is_monotone_and_within_its_range(p, q):
    lo, hi = sorted((p, q))
    assert TERMS.index(likelihood_phrase(lo)) <= TERMS.index(likelihood_phrase(hi))
    term, low, high = LIKELIHOOD_TERMS[TERMS.index(likelihood_phrase(p))]
    low = 0.0 if term == TERMS[0] else low  # the extreme terms reach 0 and 1
    high = 1.0 if term == TERMS[-1] else high
    assert low <= p <= high


# -- atomic writes ---------------------------------------------------------------------------------


def test_write_atomic_refuses_to_overwrite(tmp_path):
    target = tmp_path / "x.csv"
    output.write_atomic(target, "a,b\n")
    with pytest.raises(FileExistsError, match=r"x\.csv already exists; pass --force"):
        output.write_atomic(target, "c,d\n", overwrite=False)
    assert target.read_text() == "a,b\n"


def test_write_atomic_failure_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "memo.md"
    target.write_text("old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        output.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["memo.md"]


def test_write_atomic_bytes(tmp_path):
    assert output.write_atomic(tmp_path / "f.png", PNG_SIGNATURE).read_bytes() == PNG_SIGNATURE
