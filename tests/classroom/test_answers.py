"""Answers as students type them: strings, fractions, percentages, tuples, ranges; domains;
the feedback for known mistakes; malformed answers never raise."""

import html
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deterrence.classroom import check, variant
from deterrence.classroom.answers import Choice, Number, Unreadable, parse_number, read


@pytest.mark.parametrize(
    "text, value",
    [
        ("0.1", 0.1),
        (" 1/10 ", 0.1),
        ("10%", 0.1),
        ("10 %", 0.1),
        ("−0.5", -0.5),  # a typographic minus
        ("-1/2", -0.5),
        (".25", 0.25),
        ("2.5e-1", 0.25),
        ("p = 1/4", 0.25),
        ("δ* ≈ 0.25", 0.25),
        ("0.25.", 0.25),
        ("1.5/6", 0.25),
    ],
)
def test_numbers_as_typed(text, value):
    assert parse_number(text) == pytest.approx(value, abs=1e-15)


@pytest.mark.parametrize("text", ["one fifth", "1/0", "0.1.2", "", "1//2", "(0.1)x"])
def test_unreadable_numbers_say_what_to_write(text):
    with pytest.raises(Unreadable, match="0.25|1/4"):
        parse_number(text)


PAIR = (Number("low"), Number("high"))


@pytest.mark.parametrize(
    "answer",
    [
        "(0.2, 1/3)",
        "[0.2, 1/3)",
        "0.2, 1/3",
        "0.2; 1/3",
        "0.2 to 1/3",
        "0.2 - 1/3 ",
        "0.2–0.3333333333333333",
        (0.2, Fraction(1, 3)),
        [Decimal("0.2"), 1 / 3],
        np.array([0.2, 1 / 3]),
        ("20%", "1/3"),
    ],
)
def test_tuples_and_ranges_as_typed(answer):
    got = read(PAIR, answer)
    assert got == pytest.approx((0.2, 1 / 3), abs=1e-12)


def test_choices_ignore_case_spaces_hyphens_and_take_aliases():
    c = (Choice("regime", ("semi-separating", "pooling"), {"bluff": "semi-separating"}),)
    assert read(c, "  Semi Separating ") == ("semi-separating",)
    assert read(c, "BLUFF") == ("semi-separating",)
    with pytest.raises(Unreadable, match="'semi-separating', 'pooling'"):
        read(c, "war")


def test_the_published_chicken_exercise_reads_every_spelling():
    for answer in (
        0.1,
        "0.1",
        "1/10",
        "10%",
        Fraction(1, 10),
        Decimal("0.1"),
        np.float32(0.1),
        np.array(0.1),
        "q = 0.1",
    ):
        assert check("chicken-mixed", answer).correct, answer


@pytest.mark.parametrize(
    "ex_id, answer, fragment",
    [
        ("chicken-mixed", 10, "If you meant 10%, write 0.1"),  # a probability of 10
        ("chicken-mixed", -0.1, "outside [0, 1]"),
        ("grim-trigger", 1.5, "a discount factor lies between 0 and 1"),
        ("launches-needed", 2.5, "not a whole number"),
        ("war-cost-cascade", -3, "below 0"),
        ("brinkmanship-window", (0.3, 1.4), "a risk lies between 0 and 1"),
    ],
)
def test_out_of_domain_answers_get_a_hint_saying_so(ex_id, answer, fragment):
    r = check(ex_id, answer)
    assert r.status == "wrong" and fragment in r.message


@pytest.mark.parametrize(
    "ex_id, answer, fragment",
    [
        ("chicken-crash", float("nan"), "finite number"),
        ("deterrence-normal-form", [0.5, 0.5], "single number"),
        ("deterrence-credibility", True, "truth value"),
        ("brinkmanship-window", 0.4, "holds 1 value(s)"),
        ("brinkmanship-closes", {"p": 0.5}, "write a number"),
        ("grim-trigger", math.inf, "finite number"),
        ("tit-for-tat", 2j, "write a number"),
        ("violence-threshold", "one fifth", "not a number"),
        ("violence-shock", (0.2, 0.3, 0.4), "holds 3 value(s)"),
        ("deterrence-outcome", (1, 2), "in quotes"),
        ("deterrence-outcome", ("demand", "war"), "not one of the options"),
    ],
)
def test_malformed_answer_gets_a_message_not_a_traceback(ex_id, answer, fragment):
    r = check(ex_id, answer)
    assert r.status == "malformed" and not r.correct
    assert r.message.startswith("Could not read your answer")
    assert fragment in r.message
    assert "#6b7280" in r._repr_html_()  # grey: not graded


@pytest.mark.parametrize("ex_id", ["chicken-mixed", "brinkmanship-window", "deterrence-outcome"])
def test_placeholder_is_not_graded(ex_id):
    for placeholder in (..., None, "", "   "):
        r = check(ex_id, placeholder)
        assert r.status == "unanswered" and not r.correct
        assert "Replace ..." in r.message


def test_known_mistakes_get_their_own_explanation():
    # 1 - q = 0.9 is the probability of swerving
    r = check("chicken-mixed", 0.9)
    assert r.message == "Not right: 0.9 is the probability of swerving, not of going straight."
    # grim trigger's bound 1/2 is not enough against TFT; TFT's second condition 2/3 for grim
    assert "grim-trigger threshold" in check("tit-for-tat", 0.5).message
    assert "tit for tat" in check("grim-trigger", 2 / 3).message
    # p and 1-p swapped in q_max: 0.4*3/(0.6*8) = 0.25
    assert "swapped" in check("brinkmanship-window", (1 / 3, 0.25)).message
    # cooperate/deny: the threat is capable but not credible (dDD = -2 < dDC = -1)
    assert "credible" in check("deterrence-outcome", ("cooperate", "deny")).message
    # 1 - p* = 0.75; the sensitivity 0.8 instead of the posterior (base-rate neglect)
    assert "upside down" in check("deterrence-credibility", 0.75).message
    assert "sensitivity" in check("attribution-posterior", 0.8).message
    # asymmetric Chicken: each state's probability comes from the *other's* payoffs
    r = check("chicken-asymmetric", (0.1, 0.2))  # published (1/5, 1/10), swapped
    assert "other player's probability" in r.message


def test_wrong_order_and_reciprocals_are_pointed_out():
    r = check("brinkmanship-window", "(0.5625, 1/3)")
    assert r.status == "wrong"
    assert r.message == (
        "Not right: these are the right numbers in the wrong order: give (q_min, q_max)."
    )
    r = check("deterrence-outcome", ("concede", "demand"))
    assert r.status == "wrong" and "Challenger's move first" in r.message
    r = check("chicken-mixed", 10)  # 1/0.1: out of domain *and* upside down
    assert "reciprocal" in r.message and "If you meant 10%" in r.message
    r = check("war-cost-cascade", 0.1)  # W = 10; 1/10 in the domain
    assert r.status == "wrong" and "reciprocal" in r.message


def test_close_answers_are_amber_and_rounded_ones_right():
    assert check("brinkmanship-closes", 0.53).correct  # 9/17 = 0.5294
    assert check("tit-for-tat", "0.67").correct  # 2/3
    assert check("brinkmanship-window", "0.33 to 0.56").correct
    assert check("chicken-crash", 0.0102).correct  # tolerance 5e-4 for a small answer
    r = check("chicken-crash", 0.012)
    assert r.status == "close" and r.hint and "#b26a00" in r._repr_html_()


def test_wrong_feedback_does_not_reveal_the_answer():
    for ex_id, shown in (("brinkmanship-closes", "9/17"), ("tit-for-tat", "2/3")):
        r = check(ex_id, 0.1)
        assert r.status == "wrong" and r.hint
        assert shown not in r._repr_html_() and shown not in str(r)
        assert html.escape(r.hint) in r._repr_html_() and "#c62828" in r._repr_html_()


def test_answer_is_computed_at_check_time(monkeypatch):
    import deterrence.games.repeated as repeated

    assert not check("grim-trigger", 0.7).correct
    monkeypatch.setattr(repeated, "grim_trigger_threshold", lambda T, R, P, S: 0.7)
    assert check("grim-trigger", 0.7).correct


# -- properties -------------------------------------------------------------------------------

FRACTIONS = st.fractions(min_value=-1000, max_value=1000, max_denominator=1000)


@given(FRACTIONS)
def test_every_spelling_of_a_fraction_reads_the_same(x):
    value = float(x)
    spellings = [str(x), f" {x.numerator} / {x.denominator} ", f"{float(x * 100)!r}%", repr(value)]
    for text in spellings:
        assert parse_number(text) == pytest.approx(value, rel=1e-12, abs=1e-12), text
    assert parse_number(str(x).replace("-", "−")) == pytest.approx(value, rel=1e-12, abs=1e-12)


@given(FRACTIONS, FRACTIONS)
def test_a_pair_reads_in_every_separator(a, b):
    for text in (f"({a}, {b})", f"[{a}; {b}]", f"{a} to {b}"):
        assert read(PAIR, text) == pytest.approx((float(a), float(b)), rel=1e-12, abs=1e-12)


@settings(max_examples=25, deadline=None)
@given(
    st.sampled_from(["chicken-asymmetric", "bargaining-range", "grim-trigger", "signal-regime"]),
    st.text(min_size=1, max_size=12),
    st.integers(0, 10**6),
)
def test_any_students_own_answer_checks_right_and_the_swap_is_named(ex_id, student, seed):
    v = variant(ex_id, student=student, seed=seed)
    answer = v.answer()
    assert check(ex_id, answer, student=student, seed=seed).correct
    if isinstance(answer, tuple):
        r = check(ex_id, tuple(reversed(answer)), student=student, seed=seed)
        assert r.status == "wrong" and ("order" in r.message or "other" in r.message)
