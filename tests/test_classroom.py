"""deterrence.classroom: every exercise checked right, near-miss, close, wrong and malformed.

Expected answers are derived here from the closed forms of MODELS.md (cases V1, V1d, V2, V9,
V11, V12, V16); the module computes them with the package's solvers and models at check time.
"""

import html
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence import classroom
from deterrence.classroom import EXERCISES, check, exercise, solution
from deterrence.errors import ParameterError

# id -> (published answer, a wrong answer that matches no listed mistake)
CASES = {
    # V11: q = (T-R)/((T-R)+(S-P)) = 1/(1+9) = 0.1
    "chicken-mixed": (0.1, 0.5),
    # V11: crash = q^2 = 0.01
    "chicken-crash": (0.01, 0.25),
    # V1: Defender (1,-1,-2) prefers DC (-1) to DD (-2): not credible -> DC
    "deterrence-outcome": ("DC", "DD"),
    # V1d: y >= (DC - SQ)/(DC - DD) = (1 - 0)/(1 + 1) = 1/2
    "deterrence-normal-form": (0.5, 0.9),
    # V2: p* = (aDC - aSQ)/(aDC - aDD) = 1/(1 + 3) = 0.25
    "deterrence-credibility": (0.25, 0.6),
    # V9: q_min = (2+2)/(2+10) = 1/3; q_max = 3(1-p)/(8p) = 1.8/3.2 = 0.5625 at p = 0.4
    "brinkmanship-window": ((1 / 3, 0.5625), (0.1, 0.9)),
    # V9: p* = K/(K + q_min), K = 3/8 -> (3/8)/(3/8 + 1/3) = 9/17
    "brinkmanship-closes": (9 / 17, 0.2),
    # V12: (T-R)/(T-P) = 2/4
    "grim-trigger": (0.5, 0.9),
    # V12: max(2/4, 2/3) = 2/3
    "tit-for-tat": (2 / 3, 0.1),
    # V16: (u_D - u_E)/(u_D - u_P) = 2/10
    "violence-threshold": (0.2, 0.6),
    # V16: before 2/10 = 0.2, after 4/12 = 1/3
    "violence-shock": ((0.2, 1 / 3), (0.6, 0.9)),
}

NUMERIC = [k for k, ex in EXERCISES.items() if ex.kind != "choice"]


def test_every_exercise_has_a_case():
    assert set(CASES) == set(EXERCISES)
    assert len(EXERCISES) == 11


@pytest.mark.parametrize("ex_id", list(CASES))
def test_model_answer_matches_the_published_value(ex_id):
    expected = CASES[ex_id][0]
    got = EXERCISES[ex_id].answer()
    if isinstance(expected, str):
        assert got == expected
    else:
        np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("ex_id", list(CASES))
def test_right_answer_is_green(ex_id):
    r = check(ex_id, CASES[ex_id][0])
    assert r.correct and r.status == "right"
    assert r.message.startswith("Correct")
    assert r.hint == ""
    assert "#1a7f37" in r._repr_html_()  # green


@pytest.mark.parametrize("ex_id", list(CASES))
def test_wrong_answer_is_red_with_a_hint(ex_id):
    r = check(ex_id, CASES[ex_id][1])
    assert not r.correct and r.status == "wrong"
    assert r.hint and html.escape(r.hint) in r._repr_html_()
    assert "#c62828" in r._repr_html_()  # red


@pytest.mark.parametrize("ex_id", NUMERIC)
def test_near_miss_within_tolerance_is_right(ex_id):
    ex = EXERCISES[ex_id]
    answer = np.asarray(CASES[ex_id][0], dtype=float)
    near = answer + 0.8 * ex.tolerance  # e.g. 1/3 written 0.337 (tolerance 0.005)
    given_ = float(near) if ex.kind == "number" else tuple(near.tolist())
    assert check(ex_id, given_).correct


@pytest.mark.parametrize("ex_id", NUMERIC)
def test_close_answer_is_amber(ex_id):
    ex = EXERCISES[ex_id]
    answer = np.asarray(CASES[ex_id][0], dtype=float)
    off = answer - 0.5 * (ex.tolerance + ex.close)  # beyond tolerance, within the close band
    given_ = float(off) if ex.kind == "number" else tuple(off.tolist())
    r = check(ex_id, given_)
    assert r.status == "close" and not r.correct
    assert r.hint
    assert "#b26a00" in r._repr_html_()  # amber


def test_rounded_answers_count_as_right():
    assert check("brinkmanship-closes", 0.53).correct  # 9/17 = 0.5294
    assert check("tit-for-tat", 0.67).correct  # 2/3
    assert check("brinkmanship-window", (0.33, 0.56)).correct
    assert check("chicken-crash", 0.0102).correct  # tolerance 5e-4 for a small answer
    assert check("chicken-crash", 0.012).status == "close"


def test_exact_fractions_and_numpy_values_are_read():
    from decimal import Decimal
    from fractions import Fraction

    assert check("brinkmanship-closes", Fraction(9, 17)).correct
    assert check("grim-trigger", Decimal("0.5")).correct
    assert check("grim-trigger", np.float32(0.5)).correct
    assert check("grim-trigger", np.array(0.5)).correct
    assert check("violence-shock", np.array([0.2, 1 / 3])).correct
    assert check("violence-shock", [0.2, 1 / 3]).correct


@pytest.mark.parametrize(
    "ex_id, answer, fragment",
    [
        ("chicken-mixed", "0.1", "without quotes"),
        ("chicken-crash", float("nan"), "finite number"),
        ("deterrence-normal-form", [0.5], "single number"),
        ("deterrence-credibility", True, "truth value"),
        ("brinkmanship-window", 0.4, "two numbers"),
        ("brinkmanship-closes", {"p": 0.5}, "write a number"),
        ("grim-trigger", math.inf, "finite number"),
        ("tit-for-tat", 2j, "write a number"),
        ("violence-threshold", "one fifth", "without quotes"),
        ("violence-shock", (0.2, 0.3, 0.4), "holds 3 value(s)"),
        ("deterrence-outcome", 1, "in quotes"),
    ],
)
def test_malformed_answer_gets_a_message_not_a_traceback(ex_id, answer, fragment):
    r = check(ex_id, answer)
    assert r.status == "malformed" and not r.correct
    assert r.message.startswith("Could not read your answer")
    assert fragment in r.message
    assert "#6b7280" in r._repr_html_()  # grey: not graded


def test_every_exercise_has_a_malformed_case_above():
    ids = {c[0] for c in test_malformed_answer_gets_a_message_not_a_traceback.pytestmark[0].args[1]}
    assert ids == set(EXERCISES)


@pytest.mark.parametrize("ex_id", list(CASES))
def test_placeholder_is_not_graded(ex_id):
    for placeholder in (..., None):
        r = check(ex_id, placeholder)
        assert r.status == "unanswered" and not r.correct
        assert "Replace ..." in r.message


def test_choice_answers_are_case_and_space_insensitive_and_take_aliases():
    assert check("deterrence-outcome", " dc ").correct
    assert check("deterrence-outcome", "Defender concedes").correct
    r = check("deterrence-outcome", "war")
    assert r.status == "malformed" and "'SQ', 'DC', 'DD'" in r.message


def test_known_mistakes_get_their_own_explanation():
    # 1 - q = 0.9 is the probability of swerving
    r = check("chicken-mixed", 0.9)
    assert r.message == "Not right: 0.9 is the probability of swerving, not of going straight."
    # grim trigger's bound 1/2 is not enough against TFT
    assert "grim-trigger threshold" in check("tit-for-tat", 0.5).message
    # (T-R)/(R-S) = 2/3 is TFT's second condition
    assert "tit for tat" in check("grim-trigger", 2 / 3).message
    # p and 1-p swapped in q_max: 0.4*3/(0.6*8) = 0.25
    assert "swapped" in check("brinkmanship-window", (1 / 3, 0.25)).message
    # SQ: capable (0 > -1) but not credible
    assert "credible" in check("deterrence-outcome", "SQ").message
    # 1 - p* = 0.75
    assert "upside down" in check("deterrence-credibility", 0.75).message


def test_pair_in_the_wrong_order_is_pointed_out():
    r = check("brinkmanship-window", (0.5625, 1 / 3))
    assert r.status == "wrong"
    assert "wrong order" in r.message and "(q_min, q_max)" in r.message


def test_wrong_feedback_does_not_reveal_the_answer():
    for ex_id, shown in (("brinkmanship-closes", "9/17"), ("tit-for-tat", "2/3")):
        r = check(ex_id, 0.1)
        assert shown not in r._repr_html_() and shown not in str(r)


def test_answer_is_computed_at_check_time(monkeypatch):
    import deterrence.games.repeated as repeated

    assert not check("grim-trigger", 0.7).correct
    monkeypatch.setattr(repeated, "grim_trigger_threshold", lambda T, R, P, S: 0.7)
    assert check("grim-trigger", 0.7).correct


def test_variants_are_checked_from_their_own_numbers():
    # chicken with T = 2: q = 2/(2 + 9) = 2/11
    ex = exercise("chicken-mixed", T=2)
    assert ex.answer() == pytest.approx(2 / 11, abs=1e-12)
    assert check(ex, 2 / 11).correct
    assert not check("chicken-mixed", 2 / 11).correct
    assert "T = 2" in ex.statement_markdown()
    # grim trigger with R = 3.5: (5 - 3.5)/(5 - 1) = 0.375; the worked solution follows
    s = solution("grim-trigger", R=3.5)
    assert s.answer == pytest.approx(0.375)
    assert "**0.375**" in s.text and "(5 − 3.5)/(5 − 1)" in s.text


def test_variant_errors_name_the_problem():
    with pytest.raises(ParameterError, match="Did you mean 'T'"):
        exercise("grim-trigger", t=6)
    with pytest.raises(ParameterError, match="Chicken requires"):
        exercise("chicken-mixed", R=2)  # R > T breaks Chicken
    with pytest.raises(ParameterError, match="window is empty at p = 0.6"):
        exercise("brinkmanship-window", p=0.6)  # p > 9/17
    with pytest.raises(ParameterError, match="must exceed deviation_before"):
        exercise("violence-shock", deviation_after=1.0)
    with pytest.raises(ParameterError, match="Did you mean 'grim-trigger'"):
        check("grim-triger", 0.5)


@pytest.mark.parametrize("ex_id", list(CASES))
def test_solution_is_written_from_the_model(ex_id):
    ex = EXERCISES[ex_id]
    s = solution(ex_id)
    assert s.answer == ex.answer()
    assert check(ex_id, s.answer).correct
    bold = f"**{s.answer}**" if ex.kind == "choice" else "**"
    assert bold in s.text
    assert s._repr_markdown_().startswith(f"**Worked solution — {ex.title}**")


def test_statements_fill_every_parameter():
    for ex in EXERCISES.values():
        text = ex.statement_markdown()
        assert "{" not in text and "}" not in text
        assert ex._repr_markdown_().startswith(f"### {ex.title}")


def test_exercises_frame_lists_every_exercise():
    df = classroom.exercises_frame()
    assert list(df.index) == list(EXERCISES)
    assert df.loc["grim-trigger", "parameters"] == "T=5, R=3, P=1, S=0"


_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.lists(st.floats(allow_nan=True), max_size=4),
    st.tuples(st.text(max_size=3), st.floats()),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.complex_numbers(allow_nan=True),
)


@settings(max_examples=60, deadline=None)
@given(ex_id=st.sampled_from(sorted(EXERCISES)), answer=_ANYTHING)
def test_check_never_raises_on_any_answer(ex_id, answer):
    r = check(ex_id, answer)
    assert r.status in classroom.STATUSES
    assert r.correct == (r.status == "right")
    assert r._repr_html_().startswith('<div class="deterrence-check')
