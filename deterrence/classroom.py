"""Classroom exercises with answers checked against the models (MODELS.md §2, §4.1).

Each exercise in :data:`EXERCISES` states a problem from the deterrence literature (Chicken's
mixed equilibrium, the Generic Deterrence Game and credibility, Dixit–Skeath's brinkmanship
window, grim-trigger and tit-for-tat thresholds, the "equilibrium of violence" and a shock), and
names the model call that computes its answer. :func:`check` compares a student's answer with
that call *at check time* — nothing is a stored constant, so a variant with other numbers
(:func:`exercise`) is checked just as well — and returns a :class:`CheckResult` that displays as
a green (right), amber (close) or red (wrong) box with a hint. :func:`solution` writes the worked
solution from the same parameters and the same model call: the instructor's notebook is
generated from this module (``notebooks/build_notebooks.py``).

A malformed answer (text, NaN, a list where a number belongs, a pair of the wrong length) or
the notebook's placeholder ``...`` gets a message saying what to write, never a traceback.

Examples
--------
>>> from deterrence import classroom
>>> classroom.check("chicken-mixed", 0.1).status
'right'
>>> classroom.check("chicken-mixed", 0.9).message
'Not right: 0.9 is the probability of swerving, not of going straight.'
>>> classroom.check("chicken-mixed", "0.1").status
'malformed'
>>> classroom.exercise("grim-trigger", R=3.5).answer()    # (T - R)/(T - P) = 1.5/4
0.375
"""

from __future__ import annotations

import dataclasses
import html
import math
import numbers
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import ParameterError, close_match_hint

__all__ = [
    "Exercise",
    "Mistake",
    "CheckResult",
    "Solution",
    "EXERCISES",
    "exercise",
    "check",
    "solution",
    "exercises_frame",
    "status_box",
]

KINDS = ("number", "pair", "choice")
STATUSES = ("right", "close", "wrong", "malformed", "unanswered")

#: border and background colours of the feedback boxes (green, amber, red, grey)
STATUS_COLORS = {
    "right": ("#1a7f37", "#e6f4ea"),
    "close": ("#b26a00", "#fff4d6"),
    "wrong": ("#c62828", "#fdecea"),
    "malformed": ("#6b7280", "#f3f4f6"),
    "unanswered": ("#6b7280", "#f3f4f6"),
}
_HEADLINES = {
    "right": "✔ Correct",
    "close": "≈ Close",
    "wrong": "✘ Not right",
    "malformed": "? Could not read the answer",
    "unanswered": "… No answer yet",
}


# -- number formatting -------------------------------------------------------------------------


def fmt_number(x: float, digits: int = 4) -> str:
    """A number for people: a simple fraction when it is one, else ``digits`` significant digits.

    Examples
    --------
    >>> fmt_number(9 / 17), fmt_number(0.5625), fmt_number(-10.0), fmt_number(1 / 3)
    ('9/17 ≈ 0.5294', '0.5625', '-10', '1/3 ≈ 0.3333')
    """
    x = float(x)
    plain = f"{x:.{digits}g}"
    frac = Fraction(x).limit_denominator(100)
    if frac.denominator > 1 and abs(float(frac) - x) < 1e-12:
        if abs(float(plain) - x) < 1e-12:  # terminates within the digits shown: 0.5625, 0.25
            return plain
        return f"{frac} ≈ {plain}"
    return plain


def _p(x: float) -> str:
    """A parameter inside a formula: plain digits, parenthesised when negative."""
    s = f"{float(x):.6g}"
    return f"({s})" if s.startswith("-") else s


# -- exercises ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """A common wrong answer, computed from the parameters, and what to tell the student.

    Attributes
    ----------
    value : callable
        ``value(**parameters)`` -> the wrong answer (same form as the right one).
    message : str
        Feedback when the answer matches it (within the exercise's tolerance).
    """

    value: Callable[..., Any]
    message: str


@dataclass(frozen=True)
class Exercise:
    """One checkable exercise.

    Attributes
    ----------
    id : str
        Short identifier used by :func:`check` (``"chicken-mixed"``).
    title : str
    statement : str
        Markdown; ``{name}`` fields are filled from `parameters` (:meth:`statement_markdown`).
    parameters : mapping
        The numbers of the problem (keywords of `compute`).
    compute : callable
        The model call: ``compute(**parameters)`` -> the answer (a float, a pair of floats, or
        one of `choices`). Evaluated at check time.
    kind : {"number", "pair", "choice"}
    tolerance : float
        Largest absolute error still counted right (per entry for a pair).
    close : float
        Largest absolute error counted close (amber) rather than wrong.
    hint : str
        Shown with a close or wrong answer.
    worked : callable
        ``worked(parameters, answer)`` -> the worked solution (Markdown), from the same
        parameters and the computed answer.
    answer_format : str
        How to write the answer (shown when it cannot be read).
    choices : tuple of str
        The options of a "choice" exercise (canonical spellings).
    aliases : mapping
        Other accepted spellings (lower case) -> canonical choice.
    mistakes : tuple of Mistake
        Common wrong answers with specific feedback.
    source : str
        Where the exercise comes from (MODELS.md case, textbook).
    """

    id: str
    title: str
    statement: str
    parameters: Mapping[str, Any]
    compute: Callable[..., Any]
    kind: str
    tolerance: float
    close: float
    hint: str
    worked: Callable[[Mapping[str, Any], Any], str]
    answer_format: str
    choices: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    mistakes: tuple[Mistake, ...] = ()
    source: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ParameterError(f"kind must be one of {KINDS}; got {self.kind!r}.")
        if not (0 <= self.tolerance <= self.close):
            raise ParameterError(
                f"exercise {self.id!r}: need 0 <= tolerance <= close; got tolerance="
                f"{self.tolerance!r}, close={self.close!r}."
            )
        if (self.kind == "choice") != bool(self.choices):
            raise ParameterError(f"exercise {self.id!r}: choices are given iff kind is 'choice'.")
        object.__setattr__(self, "parameters", types.MappingProxyType(dict(self.parameters)))
        object.__setattr__(self, "aliases", types.MappingProxyType(dict(self.aliases)))

    def answer(self):
        """The answer, computed now by the exercise's model call."""
        out = self.compute(**self.parameters)
        if self.kind == "number":
            return float(out)
        if self.kind == "pair":
            return tuple(float(v) for v in out)
        return str(out)

    def variant(self, **parameters) -> Exercise:
        """The same exercise with other numbers; validated by computing its answer.

        Raises
        ------
        ParameterError
            An unknown parameter name (with the close match), or numbers the model refuses
            (e.g. payoffs that break the game's ordering).
        """
        for name in parameters:
            if name not in self.parameters:
                # payoff symbols are single capitals (T, R, P, S): a lower-case slip is common
                same = [k for k in self.parameters if k.lower() == str(name).lower()]
                hint = f" Did you mean {same[0]!r}?" if same else ""
                raise ParameterError(
                    f"exercise {self.id!r} has no parameter {name!r}."
                    f"{hint or close_match_hint(name, self.parameters)} Its parameters: "
                    f"{', '.join(self.parameters)}."
                )
        new = dataclasses.replace(self, parameters={**self.parameters, **parameters})
        new.answer()  # the model validates the numbers (orderings, probabilities)
        return new

    def statement_markdown(self) -> str:
        """The statement with the parameters filled in (Markdown)."""
        shown = {k: fmt_number(v) for k, v in self.parameters.items()}
        return self.statement.format(**shown)

    def _repr_markdown_(self) -> str:
        return f"### {self.title}\n\n{self.statement_markdown()}\n\n*Answer:* {self.answer_format}."

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={fmt_number(v)}" for k, v in self.parameters.items())
        return f"<Exercise {self.id!r}: {self.title} ({params})>"


# -- results -----------------------------------------------------------------------------------


def status_box(
    status: str, title: str, lines: Sequence[str], *, headline: str | None = None
) -> str:
    """An HTML feedback box coloured by `status` (green right, amber close, red wrong, grey).

    `lines` are escaped; `headline` replaces the status's own (``"✔ Correct"`` ...). Used by
    :class:`CheckResult` and by the explorers of :mod:`deterrence.widgets` for their notes.

    Examples
    --------
    >>> status_box("right", "Chicken", ["Correct."]).startswith('<div class="deterrence-check')
    True
    """
    border, background = STATUS_COLORS[status]
    e = html.escape
    body = "".join(f"<div>{e(line)}</div>" for line in lines if line)
    return (
        f'<div class="deterrence-check deterrence-{status}" style="border-left:6px solid '
        f"{border};background:{background};padding:6px 10px;margin:4px 0;"
        'font-family:sans-serif;color:#1f2328">'
        f'<b style="color:{border}">{e(headline or _HEADLINES[status])}</b> — {e(title)}{body}</div>'
    )


@dataclass(frozen=True)
class CheckResult:
    """The feedback of :func:`check`.

    Attributes
    ----------
    exercise_id : str
    status : {"right", "close", "wrong", "malformed", "unanswered"}
    correct : bool
        True iff status is "right".
    message : str
        What was found (the model's value is shown only when the answer is right).
    hint : str
        Shown for close and wrong answers ("" otherwise).
    answer : object
        The answer as given.
    """

    exercise_id: str
    title: str
    status: str
    message: str
    hint: str = ""
    answer: Any = None

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ParameterError(f"status must be one of {STATUSES}; got {self.status!r}.")

    @property
    def correct(self) -> bool:
        return self.status == "right"

    def _lines(self) -> list[str]:
        return [self.message] + ([f"Hint: {self.hint}"] if self.hint else [])

    def _repr_html_(self) -> str:
        return status_box(self.status, self.title, self._lines())

    def __str__(self) -> str:
        return f"{_HEADLINES[self.status]} — {self.title}\n" + "\n".join(self._lines())

    def __repr__(self) -> str:
        return f"<CheckResult {self.exercise_id!r}: {self.status}. {self.message}>"


@dataclass(frozen=True)
class Solution:
    """A worked solution (Markdown), written from the exercise's parameters and model call."""

    exercise_id: str
    title: str
    answer: Any
    text: str

    def _repr_markdown_(self) -> str:
        return f"**Worked solution — {self.title}**\n\n{self.text}"

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Solution {self.exercise_id!r}: answer {self.answer!r}>"


# -- reading answers -----------------------------------------------------------------------------


class _Unreadable(Exception):
    """The answer cannot be read; the message says why and what to write."""


def _describe(value) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def _real(value, what: str) -> float:
    if isinstance(value, str):
        raise _Unreadable(
            f"{what} is the text {value!r}; write the number itself, without quotes "
            "(e.g. 0.25 or 1/4)."
        )
    if isinstance(value, bool | np.bool_):
        raise _Unreadable(f"{what} is {value!r}, a truth value; write a number (e.g. 0.25).")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, Decimal):
        value = float(value)
    if not isinstance(value, numbers.Real):
        raise _Unreadable(f"{what} is {_describe(value)}; write a number (e.g. 0.25 or 1/4).")
    x = float(value)
    if not math.isfinite(x):
        raise _Unreadable(f"{what} is {x}; write a finite number (e.g. 0.25 or 1/4).")
    return x


def _read(ex: Exercise, answer):
    if ex.kind == "number":
        many = isinstance(answer, Sequence) and not isinstance(answer, str)
        if many or (isinstance(answer, np.ndarray) and answer.ndim > 0):
            raise _Unreadable(
                f"your answer holds {len(answer) if many else answer.size} value(s) ({type(answer).__name__}); write "
                "a single number, e.g. 0.25, not [0.25]."
            )
        return _real(answer, "your answer")
    if ex.kind == "pair":
        if isinstance(answer, str) or not isinstance(answer, Sequence | np.ndarray):
            raise _Unreadable(
                f"your answer is {_describe(answer)}; write two numbers in parentheses, "
                f"{ex.answer_format}."
            )
        values = (
            list(np.asarray(answer, dtype=object).ravel())
            if isinstance(answer, np.ndarray)
            else list(answer)
        )
        if len(values) != 2:
            raise _Unreadable(
                f"your answer holds {len(values)} value(s); write exactly two, {ex.answer_format}."
            )
        return tuple(_real(v, f"entry {i + 1} of your answer") for i, v in enumerate(values))
    if not isinstance(answer, str):
        raise _Unreadable(
            f"your answer is {_describe(answer)}; write one of "
            f"{', '.join(repr(c) for c in ex.choices)}, in quotes."
        )
    key = " ".join(answer.strip().lower().split())
    for c in ex.choices:
        if key == c.lower():
            return c
    if key in ex.aliases:
        return ex.aliases[key]
    raise _Unreadable(
        f"{answer!r} is not one of the options; write one of "
        f"{', '.join(repr(c) for c in ex.choices)}."
    )


def _distance(a, b) -> float:
    return float(np.max(np.abs(np.subtract(a, b))))


# -- the public functions ------------------------------------------------------------------------


def exercise(exercise_id, **parameters) -> Exercise:
    """The exercise with this id, or a variant with other numbers.

    Parameters
    ----------
    exercise_id : str or Exercise
        A key of :data:`EXERCISES` (or an exercise, returned as is unless `parameters`).
    **parameters
        Numbers to change (names of the exercise's parameters).

    Raises
    ------
    ParameterError
        An unknown id or parameter (with the close match), or numbers the model refuses.

    Examples
    --------
    >>> exercise("tit-for-tat", T=4).answer()     # max((T-R)/(T-P), (T-R)/(R-S)) = 1/3
    0.3333333333333333
    """
    if isinstance(exercise_id, Exercise):
        ex = exercise_id
    elif isinstance(exercise_id, str) and exercise_id in EXERCISES:
        ex = EXERCISES[exercise_id]
    else:
        raise ParameterError(
            f"no exercise {exercise_id!r}.{close_match_hint(str(exercise_id), EXERCISES)} "
            f"Exercises: {', '.join(EXERCISES)}."
        )
    return ex.variant(**parameters) if parameters else ex


def check(exercise_id, answer) -> CheckResult:
    """Check a student's answer against the model, with feedback and a hint.

    The right answer is computed now, by the exercise's model call. Order of the verdicts:
    within ``tolerance`` of it is right; matching a known mistake is wrong with that mistake's
    explanation; within ``close`` is close (amber); anything else is wrong. For a pair, the
    largest error of the two entries counts, and the right numbers in the wrong order are
    pointed out.

    Parameters
    ----------
    exercise_id : str or Exercise
        A key of :data:`EXERCISES`, or an exercise (e.g. a variant from :func:`exercise`).
    answer : number, pair of numbers, or str
        As the exercise's ``answer_format`` says. ``...`` or None mean "not answered yet".

    Returns
    -------
    CheckResult
        ``.correct``, ``.status``, ``.message``, ``.hint``; displays as a coloured box.

    Raises
    ------
    ParameterError
        Only for an unknown exercise id; an unreadable *answer* gives status "malformed".

    Examples
    --------
    >>> r = check("brinkmanship-window", (0.3333, 0.5625))
    >>> r.correct, r.message
    (True, 'Correct: (1/3 ≈ 0.3333, 0.5625).')
    >>> check("brinkmanship-window", (0.5625, 1 / 3)).message
    'Not right: these are the right numbers in the wrong order: give (q_min, q_max).'
    >>> check("brinkmanship-window", (0.32, 0.55)).status
    'close'
    >>> check("brinkmanship-window", 0.3).message
    'Could not read your answer: your answer is 0.3 (float); write two numbers in parentheses, (q_min, q_max), e.g. (0.25, 0.75).'
    """
    ex = exercise(exercise_id)

    def result(status, message, hint=""):
        return CheckResult(ex.id, ex.title, status, message, hint, answer)

    if answer is None or answer is Ellipsis:
        return result(
            "unanswered",
            f"Replace ... in the answer cell with your answer: {ex.answer_format}.",
        )
    try:
        given = _read(ex, answer)
    except _Unreadable as exc:
        return result("malformed", f"Could not read your answer: {exc}")
    expected = ex.answer()
    if ex.kind == "choice":
        if given == expected:
            return result("right", f"Correct: {expected}.")
        for m in ex.mistakes:
            if given == m.value(**ex.parameters):
                return result("wrong", f"Not right: {m.message.replace('{}', given)}", ex.hint)
        return result("wrong", f"Not right: the outcome is not {given}.", ex.hint)
    shown = (
        fmt_number(expected)
        if ex.kind == "number"
        else "(" + ", ".join(fmt_number(v) for v in expected) + ")"
    )
    error = _distance(given, expected)
    if error <= ex.tolerance:
        return result("right", f"Correct: {shown}.")
    for m in ex.mistakes:
        if _distance(given, m.value(**ex.parameters)) <= ex.tolerance:
            said = fmt_number(given) if ex.kind == "number" else str(given)
            return result("wrong", f"Not right: {m.message.replace('{}', said)}", ex.hint)
    if ex.kind == "pair" and _distance(given[::-1], expected) <= ex.tolerance:
        return result(
            "wrong",
            "Not right: these are the right numbers in the wrong order: give "
            f"{ex.answer_format.split(', e.g.')[0]}.",
        )
    if error <= ex.close:
        return result(
            "close",
            f"Close: within {ex.close:g} of the answer but not within the tolerance "
            f"{ex.tolerance:g}. Check the arithmetic and the rounding.",
            ex.hint,
        )
    return result("wrong", "Not right.", ex.hint)


def solution(exercise_id, **parameters) -> Solution:
    """The worked solution, written from the exercise's parameters and its model call.

    Examples
    --------
    >>> s = solution("grim-trigger")
    >>> s.answer
    0.5
    >>> print(s.text.splitlines()[0])
    Cooperating forever pays R/(1 − δ) = 3/(1 − δ). Defecting once pays T now and P forever after (grim trigger never forgives): 5 + δ·1/(1 − δ).
    """
    ex = exercise(exercise_id, **parameters)
    answer = ex.answer()
    return Solution(ex.id, ex.title, answer, ex.worked(dict(ex.parameters), answer))


def exercises_frame():
    """A pandas DataFrame of the exercises: id, title, parameters, answer form, source."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "id": ex.id,
                "title": ex.title,
                "parameters": ", ".join(f"{k}={fmt_number(v)}" for k, v in ex.parameters.items()),
                "answer": ex.answer_format,
                "source": ex.source,
            }
            for ex in EXERCISES.values()
        ]
    ).set_index("id")


# -- the model calls -------------------------------------------------------------------------------
# Each computes the answer with the package's own solvers and models, never a stored number.


def _chicken_mixed_equilibrium(R, S, T, P):
    from .games.classic import chicken
    from .solve import solve

    eqs = solve(chicken(R=R, S=S, T=T, P=P))
    # Chicken (T > R > S > P) has exactly one mixed equilibrium (MODELS.md V11)
    return next(e for e in eqs if not e.is_pure)


def _chicken_straight(R, S, T, P):
    return float(_chicken_mixed_equilibrium(R, S, T, P).row[1])


def _chicken_crash(R, S, T, P):
    e = _chicken_mixed_equilibrium(R, S, T, P)
    return float(e.row[1] * e.col[1])


def _outcome_utilities(p, who):
    return tuple(p[f"{who}_{o}"] for o in ("sq", "dc", "dd"))


def _generic_outcome(**p):
    from .models.perfect import generic_deterrence_outcome

    return generic_deterrence_outcome(
        _outcome_utilities(p, "challenger"), _outcome_utilities(p, "defender")
    )


def _deterrence_outcome(**p):
    return _generic_outcome(**p).outcome


def _deny_minimum(**p):
    from .games.classic import deterrence_game
    from .solve import solve

    eqs = solve(deterrence_game(**p))
    # the status-quo component: the Challenger cooperates, the Defender's unreached plan varies
    ys = [float(e.col[1]) for e in eqs if e.row[0] > 1 - 1e-9]
    if not ys:
        raise ParameterError(
            "with these payoffs the status quo is not an equilibrium of the normal form; the "
            "Challenger must prefer the status quo to conflict (challenger_sq > challenger_dd)."
        )
    return min(ys)


def _credibility_needed(u_dd, u_sq, u_dc):
    from .models.perfect import challenge_threshold

    return challenge_threshold(u_dd, u_sq, u_dc)


def _brink_sides(p):
    target = (p["target_win"], p["target_comply"], p["target_disaster"])
    threatener = (p["threatener_win"], p["threatener_acquiesce"], p["threatener_disaster"])
    return target, threatener


def _brink_window(**p):
    from .models.brinkmanship import risk_window

    target, threatener = _brink_sides(p)
    window = risk_window(p["p"], target=target, threatener=threatener)
    if window is None:
        raise ParameterError(
            f"the risk window is empty at p = {p['p']:g} (the hard type is too likely); choose "
            "a smaller p for this exercise."
        )
    return window


def _brink_closes(**p):
    from .models.brinkmanship import window_closes_at

    target, threatener = _brink_sides(p)
    return window_closes_at(target=target, threatener=threatener)


def _grim(T, R, P, S):
    from .games.repeated import grim_trigger_threshold

    return grim_trigger_threshold(T=T, R=R, P=P, S=S)


def _tft(T, R, P, S):
    from .games.repeated import tft_threshold

    return tft_threshold(T=T, R=R, P=P, S=S)


def _violence(exchange, deviation, war):
    from .games.repeated import violence_equilibrium_threshold

    return violence_equilibrium_threshold(exchange, deviation, war)


def _shock_interval(exchange, deviation_before, deviation_after, war):
    from .games.repeated import shock_breaks

    if not deviation_after > deviation_before:
        raise ParameterError(
            f"a shock raises the escalation payoff: deviation_after ({deviation_after:g}) must "
            f"exceed deviation_before ({deviation_before:g})."
        )
    # δ = 0 only picks the discount factor at which `breaks` is read; the thresholds are all
    # this exercise needs
    out = shock_breaks(0.0, exchange, deviation_before, deviation_after, war)
    return out.threshold_before, out.threshold_after


# -- worked solutions ------------------------------------------------------------------------------


def _worked_chicken_mixed(p, q):
    R, S, T, P = p["R"], p["S"], p["T"], p["P"]
    return (
        f"Let q be the probability that the *other* state goes straight. Swerving pays "
        f"(1 − q)·R + q·S = (1 − q)·{_p(R)} + q·{_p(S)}; going straight pays "
        f"(1 − q)·T + q·P = (1 − q)·{_p(T)} + q·{_p(P)}.\n\n"
        "A state mixes only if it is indifferent between the two, so q solves "
        "(1 − q)·R + q·S = (1 − q)·T + q·P:\n\n"
        f"q = (T − R) / ((T − R) + (S − P)) = ({_p(T)} − {_p(R)}) / (({_p(T)} − {_p(R)}) + "
        f"({_p(S)} − {_p(P)})) = **{fmt_number(q)}**.\n\n"
        "The game is symmetric, so both states go straight with this probability. "
        "`dt.solve(dt.games.chicken(...))` returns this mixed equilibrium and the two pure ones "
        "in which exactly one state swerves (MODELS.md V11)."
    )


def _worked_chicken_crash(p, crash):
    q = _chicken_straight(**p)
    return (
        f"In the mixed equilibrium each state goes straight with probability "
        f"q = (T − R)/((T − R) + (S − P)) = {fmt_number(q)}, independently of the other. "
        f"War happens only when both go straight: q·q = {fmt_number(q)}² = "
        f"**{fmt_number(crash)}**.\n\n"
        f"Each state's expected payoff is then (ST − RP)/(T − R + S − P) = "
        f"{fmt_number((p['S'] * p['T'] - p['R'] * p['P']) / (p['T'] - p['R'] + p['S'] - p['P']))}"
        f" — worse than mutual swerving ({fmt_number(p['R'])}): mixing is the price of not "
        "knowing who will back down."
    )


def _worked_deterrence_outcome(p, outcome):
    o = _generic_outcome(**p)
    c = _outcome_utilities(p, "challenger")
    d = _outcome_utilities(p, "defender")
    step1 = (
        f"**Defender, after a demand.** Deny gives DD ({fmt_number(d[2])}), concede gives DC "
        f"({fmt_number(d[1])}). "
        + (
            "It prefers to deny: the threat is **credible**."
            if o.credible
            else "It prefers to concede (or is indifferent): the threat is **not credible**."
        )
    )
    if o.credible:
        step2 = (
            f"**Challenger.** Anticipating a denial, it compares SQ ({fmt_number(c[0])}) with "
            f"DD ({fmt_number(c[2])}). "
            + (
                "It prefers the status quo: the threat is **capable** and deters."
                if o.capable
                else "It prefers conflict: the threat is credible but **not capable**."
            )
        )
    else:
        step2 = (
            f"**Challenger.** Anticipating a concession, it compares SQ ({fmt_number(c[0])}) "
            f"with DC ({fmt_number(c[1])}) and demands. Capability "
            f"(u_Ch(SQ) > u_Ch(DD): {'yes' if o.capable else 'no'}) does not help a threat that "
            "would not be carried out."
        )
    return (
        f"Backward induction (Zagare & Kilgour 2000, ch. 3).\n\n{step1}\n\n{step2}\n\n"
        f"Subgame-perfect outcome: **{outcome}**. Deterrence succeeds (SQ) iff the threat is "
        "both credible and capable (MODELS.md V1)."
    )


def _worked_deny_minimum(p, y):
    sq, dc, dd = _outcome_utilities(p, "challenger")
    return (
        "In the normal form the Defender's strategy is a plan (concede or deny *if* challenged); "
        "let y be the probability of deny. Cooperating pays the Challenger "
        f"u_Ch(SQ) = {fmt_number(sq)}; demanding pays (1 − y)·u_Ch(DC) + y·u_Ch(DD) = "
        f"(1 − y)·{_p(dc)} + y·{_p(dd)}.\n\n"
        "Cooperating is a best reply iff u_Ch(SQ) ≥ (1 − y)·u_Ch(DC) + y·u_Ch(DD), i.e.\n\n"
        f"y ≥ (u_Ch(DC) − u_Ch(SQ)) / (u_Ch(DC) − u_Ch(DD)) = ({_p(dc)} − {_p(sq)}) / "
        f"({_p(dc)} − {_p(dd)}) = **{fmt_number(y)}**.\n\n"
        "Against cooperation the Defender's plan is never carried out, so it is indifferent "
        f"between all of them: every y in [{fmt_number(y)}, 1] is an equilibrium. The game is "
        "*degenerate* and the status quo is a whole segment of equilibria; `dt.solve` reports "
        f"its two extreme points (y = {fmt_number(y)} and y = 1) as one component "
        "(MODELS.md V1d; nashpy's support enumeration returns only y = 1)."
    )


def _worked_credibility(p, p_star):
    dd, sq, dc = p["u_dd"], p["u_sq"], p["u_dc"]
    return (
        "A Hard Defender denies a demand and a Soft one concedes (at every Bayesian equilibrium). "
        "If the Defender is Hard with probability p, demanding pays the Challenger "
        f"p·aDD + (1 − p)·aDC = p·{_p(dd)} + (1 − p)·{_p(dc)}, and cooperating pays "
        f"aSQ = {fmt_number(sq)}.\n\n"
        "The Challenger is deterred iff p·aDD + (1 − p)·aDC ≤ aSQ, i.e.\n\n"
        f"p ≥ p* = (aDC − aSQ) / (aDC − aDD) = ({_p(dc)} − {_p(sq)}) / ({_p(dc)} − {_p(dd)}) = "
        f"**{fmt_number(p_star)}**.\n\n"
        "A costlier conflict (lower aDD) lowers the credibility needed to deter "
        "(Zagare & Kilgour 2000, §3.4; MODELS.md V2). At p = p* the Challenger is indifferent "
        "and any probability of challenging is an equilibrium."
    )


def _worked_brink_window(p, window):
    (tw, tc, td), (uw, ua, ud) = _brink_sides(p)
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
        "Reiley, *Games of Strategy*, ch. 14, Fig. 14.5 (MODELS.md V9)."
    )


def _worked_brink_closes(p, p_star):
    (tw, tc, td), (uw, ua, ud) = _brink_sides(p)
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
        "brinkmanship cannot work (MODELS.md V9; `dt.plot.brinkmanship.brinkmanship_window` "
        "draws both curves)."
    )


def _worked_grim(p, delta):
    T, R, P = p["T"], p["R"], p["P"]
    return (
        f"Cooperating forever pays R/(1 − δ) = {_p(R)}/(1 − δ). Defecting once pays T now and P "
        f"forever after (grim trigger never forgives): {_p(T)} + δ·{_p(P)}/(1 − δ).\n\n"
        "Cooperation is an equilibrium iff R/(1 − δ) ≥ T + δ·P/(1 − δ), i.e. "
        "R ≥ (1 − δ)·T + δ·P:\n\n"
        f"δ ≥ (T − R)/(T − P) = ({_p(T)} − {_p(R)})/({_p(T)} − {_p(P)}) = "
        f"**{fmt_number(delta)}**.\n\n"
        "(Friedman 1971; Osborne 2004, ch. 14; MODELS.md V12.)"
    )


def _worked_tft(p, delta):
    T, R, P, S = p["T"], p["R"], p["P"], p["S"]
    d1 = (T - R) / (T - P)
    d2 = (T - R) / (R - S)
    return (
        "Against TIT FOR TAT two deviations matter (Axelrod 1984, ch. 3, Proposition 2):\n\n"
        f"1. *Defect forever*: T then P forever; resisted iff δ ≥ (T − R)/(T − P) = "
        f"({_p(T)} − {_p(R)})/({_p(T)} − {_p(P)}) = {fmt_number(d1)}.\n"
        f"2. *Alternate* D, C, D, C, …: T, S, T, S, … pays T/(1 − δ²) + δ·S/(1 − δ²); resisted "
        f"iff δ ≥ (T − R)/(R − S) = ({_p(T)} − {_p(R)})/({_p(R)} − {_p(S)}) = "
        f"{fmt_number(d2)}.\n\n"
        f"TFT is collectively stable iff both hold: δ ≥ max({fmt_number(d1)}, "
        f"{fmt_number(d2)}) = **{fmt_number(delta)}**. TFT forgives after one round, so it "
        "needs more patience than grim trigger (MODELS.md V12)."
    )


def _worked_violence(p, delta):
    e, d, w = p["exchange"], p["deviation"], p["war"]
    return (
        f"Keeping to calibrated exchanges pays u_E/(1 − δ) = {_p(e)}/(1 − δ). Escalating pays "
        f"u_D = {fmt_number(d)} once and war, u_P = {fmt_number(w)} per round, ever after: "
        f"{_p(d)} + δ·{_p(w)}/(1 − δ).\n\n"
        "The exchange is an equilibrium iff u_E/(1 − δ) ≥ u_D + δ·u_P/(1 − δ), i.e.\n\n"
        f"δ ≥ δ* = (u_D − u_E)/(u_D − u_P) = ({_p(d)} − {_p(e)})/({_p(d)} − {_p(w)}) = "
        f"**{fmt_number(delta)}**.\n\n"
        'The threat of war sustains the "rules of the game" only for sides that weigh the '
        "future enough (MODELS.md V16; cf. Sobelman 2016/17 on Israel and Hezbollah)."
    )


def _worked_shock(p, interval):
    e, d0, d1, w = p["exchange"], p["deviation_before"], p["deviation_after"], p["war"]
    lo, hi = interval
    return (
        "The threshold is δ* = (u_D − u_E)/(u_D − u_P).\n\n"
        f"Before the shock: ({_p(d0)} − {_p(e)})/({_p(d0)} − {_p(w)}) = {fmt_number(lo)}. "
        f"After it: ({_p(d1)} − {_p(e)})/({_p(d1)} − {_p(w)}) = {fmt_number(hi)}.\n\n"
        "The exchange was sustained for δ ≥ δ*_before and is sustained after the shock only "
        "for δ ≥ δ*_after, so the shock breaks the equilibrium of violence for every δ in "
        f"**[{fmt_number(lo)}, {fmt_number(hi)})**: sides that were patient enough before are "
        "not patient enough now (MODELS.md V16; `dt.games.repeated.shock_breaks`)."
    )


# -- the registry ------------------------------------------------------------------------------------

_PD = {"T": 5.0, "R": 3.0, "P": 1.0, "S": 0.0}
_CHICKEN = {"R": 0.0, "S": -1.0, "T": 1.0, "P": -10.0}
_CHICKEN_TEXT = (
    "Two states in a crisis each choose to **swerve** (back down) or go **straight** (stand "
    "firm). Each state's payoffs: both swerve R = {R}; it swerves while the other goes straight "
    "S = {S}; it goes straight while the other swerves T = {T}; both go straight (war) P = {P}. "
)
_BRINK = {
    "p": 0.4,
    "target_win": 2.0,
    "target_comply": -2.0,
    "target_disaster": -10.0,
    "threatener_win": 1.0,
    "threatener_acquiesce": -2.0,
    "threatener_disaster": -10.0,
}
_BRINK_TEXT = (
    "A threatener cannot credibly promise war, so it threatens a *risk* q of disaster, partly "
    "outside its control (Schelling's threat that leaves something to chance; Dixit, Skeath & "
    "Reiley, ch. 14). The target's utilities: defy and get away with it {target_win}, comply "
    "{target_comply}, disaster {target_disaster}. With probability p the target is a *hard* "
    "type that defies anyway; a *soft* target complies if the risk is high enough. The "
    "threatener's utilities: the target complies {threatener_win}, it acquiesces "
    "{threatener_acquiesce}, disaster {threatener_disaster}. "
)
_GENERIC = {
    "challenger_sq": 0.0,
    "challenger_dc": 1.0,
    "challenger_dd": -1.0,
    "defender_sq": 1.0,
    "defender_dc": -1.0,
    "defender_dd": -2.0,
}
_VIOLENCE_TEXT = (
    "Two adversaries trade calibrated blows across a border, round after round (the "
    '"equilibrium of violence" of the Israel–Lebanon border). Per round: the calibrated '
    "exchange pays u_E = {exchange}; escalating pays u_D = {deviation} once, after which the "
    "sides are at war, u_P = {war} per round, for ever. Each side discounts the next round by "
    "δ. "
)


def _registry(*exercises: Exercise) -> Mapping[str, Exercise]:
    return types.MappingProxyType({ex.id: ex for ex in exercises})


_NUMBER = "a number, e.g. 0.25 or 1/4"

#: The exercises, by id, in teaching order (MODELS.md §2.1, §2.3, §2.5; §4.1).
EXERCISES: Mapping[str, Exercise] = _registry(
    Exercise(
        id="chicken-mixed",
        title="Chicken: the mixed equilibrium",
        statement=_CHICKEN_TEXT
        + "Chicken has two pure equilibria and one mixed equilibrium. **In the mixed "
        "equilibrium, with what probability does each state go straight?**",
        parameters=_CHICKEN,
        compute=_chicken_straight,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="Each state must be indifferent between swerving and going straight, given the "
        "other's probability of going straight.",
        worked=_worked_chicken_mixed,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                lambda **p: 1 - _chicken_straight(**p),
                "{} is the probability of swerving, not of going straight.",
            ),
            Mistake(
                _chicken_crash,
                "that is the probability that *both* go straight (war).",
            ),
        ),
        source="MODELS.md V11; Osborne 2004, ch. 4",
    ),
    Exercise(
        id="chicken-crash",
        title="Chicken: the probability of war",
        statement=_CHICKEN_TEXT
        + "**In the mixed equilibrium, what is the probability that the crisis ends in war "
        "(both go straight)?**",
        parameters=_CHICKEN,
        compute=_chicken_crash,
        kind="number",
        tolerance=5e-4,
        close=5e-3,
        hint="The states choose independently; war needs both to go straight.",
        worked=_worked_chicken_crash,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                _chicken_straight,
                "that is the probability that *one* state goes straight; war needs both.",
            ),
        ),
        source="MODELS.md V11",
    ),
    Exercise(
        id="deterrence-outcome",
        title="The Generic Deterrence Game: credibility",
        statement="A Challenger cooperates (status quo, **SQ**) or makes a demand. If challenged, "
        "the Defender concedes (**DC**: the Challenger wins) or denies (**DD**: conflict). "
        "The Challenger's utilities: SQ {challenger_sq}, DC {challenger_dc}, DD "
        "{challenger_dd}. The Defender's: SQ {defender_sq}, DC {defender_dc}, DD "
        "{defender_dd}. **What is the subgame-perfect outcome: 'SQ', 'DC' or 'DD'?**",
        parameters=_GENERIC,
        compute=_deterrence_outcome,
        kind="choice",
        choices=("SQ", "DC", "DD"),
        aliases={
            "status quo": "SQ",
            "defender concedes": "DC",
            "concede": "DC",
            "conflict": "DD",
            "deny": "DD",
        },
        tolerance=0.0,
        close=0.0,
        hint="Solve backwards: would the Defender really deny once challenged? Compare its DD "
        "with its DC, then let the Challenger anticipate that.",
        worked=_worked_deterrence_outcome,
        answer_format="one of 'SQ', 'DC', 'DD' (in quotes)",
        mistakes=(
            Mistake(
                lambda **p: "SQ",
                "the threat hurts the Challenger (it is capable), but would the Defender carry "
                "it out? A threat must also be credible.",
            ),
        ),
        source="MODELS.md V1; Zagare & Kilgour 2000, ch. 3",
    ),
    Exercise(
        id="deterrence-normal-form",
        title="The deterrence game in normal form: a continuum of equilibria",
        statement="Take the Generic Deterrence Game with the Challenger's utilities SQ "
        "{challenger_sq}, DC {challenger_dc}, DD {challenger_dd} and the Defender's SQ "
        "{defender_sq}, DC {defender_dc}, DD {defender_dd}, and write it in normal form: rows "
        "*cooperate* / *demand*, columns *concede* / *deny* (the Defender's plan if "
        "challenged). Let y be the probability that the Defender plans to deny. The status quo "
        "(the Challenger cooperates) is a Nash equilibrium for every y at or above some "
        "y_min. **Find y_min.**",
        parameters={**_GENERIC, "defender_dd": -0.5},
        compute=_deny_minimum,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="Cooperating must be a best reply for the Challenger: compare its status-quo "
        "payoff with the expected payoff of demanding when the Defender denies with "
        "probability y.",
        worked=_worked_deny_minimum,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                lambda **p: 1 - _deny_minimum(**p),
                "that is the largest probability of *conceding* that still deters, 1 − y_min.",
            ),
        ),
        source="MODELS.md V1d; Zagare & Kilgour 2000, ch. 3",
    ),
    Exercise(
        id="deterrence-credibility",
        title="How credible must a threat be?",
        statement="In the Rudimentary Asymmetric Deterrence Game the Defender is *Hard* (denies "
        "a demand) with probability p and *Soft* (concedes) otherwise; the Challenger does not "
        "know which. The Challenger's utilities: conflict aDD = {u_dd}, status quo aSQ = "
        "{u_sq}, the Defender concedes aDC = {u_dc}. **What is the smallest p that deters the "
        "Challenger?**",
        parameters={"u_dd": -3.0, "u_sq": 0.0, "u_dc": 1.0},
        compute=_credibility_needed,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="Write the Challenger's expected utility of demanding as a function of p and set "
        "it equal to the status quo.",
        worked=_worked_credibility,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                lambda u_dd, u_sq, u_dc: 1 - _credibility_needed(u_dd, u_sq, u_dc),
                "that is 1 − p*: the indifference condition is upside down (a Hard Defender "
                "denies, giving aDD).",
            ),
        ),
        source="MODELS.md V2; Zagare & Kilgour 2000, §3.4",
    ),
    Exercise(
        id="brinkmanship-window",
        title="Brinkmanship: the risk window",
        statement=_BRINK_TEXT
        + "**For p = {p}, give the window of risks (q_min, q_max) that are both effective (the "
        "soft target complies) and acceptable (the threatener prefers threatening to "
        "acquiescing).**",
        parameters=_BRINK,
        compute=_brink_window,
        kind="pair",
        tolerance=5e-3,
        close=0.05,
        hint="Effectiveness: the soft target's payoff from defying, (1 − q)·win + q·disaster, "
        "must not exceed complying. Acceptability: the threatener's expected payoff with a hard "
        "target present with probability p must not fall below acquiescing.",
        worked=_worked_brink_window,
        answer_format="(q_min, q_max), e.g. (0.25, 0.75)",
        mistakes=(
            Mistake(
                lambda **p: (
                    _brink_window(**p)[0],
                    p["p"]
                    * (p["threatener_win"] - p["threatener_acquiesce"])
                    / ((1 - p["p"]) * (p["threatener_acquiesce"] - p["threatener_disaster"])),
                ),
                "q_min is right, but q_max has p and 1 − p swapped: the threat pays off when "
                "the target is soft (probability 1 − p).",
            ),
        ),
        source="MODELS.md V9; Dixit, Skeath & Reiley, Games of Strategy, ch. 14",
    ),
    Exercise(
        id="brinkmanship-closes",
        title="Brinkmanship: when the window closes",
        statement=_BRINK_TEXT
        + "**Above what probability p* of a hard target is there no risk q that is both "
        "effective and acceptable?**",
        parameters={k: v for k, v in _BRINK.items() if k != "p"},
        compute=_brink_closes,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="q_min does not depend on p; q_max(p) falls as p rises. Find the p at which they "
        "meet.",
        worked=_worked_brink_closes,
        answer_format=_NUMBER,
        source="MODELS.md V9",
    ),
    Exercise(
        id="grim-trigger",
        title="Repeated Prisoner's Dilemma: grim trigger",
        statement="Two rivals play the Prisoner's Dilemma every round, with payoffs T = {T} "
        "(defect against a cooperator), R = {R} (both cooperate), P = {P} (both defect), S = "
        "{S} (cooperate against a defector), and discount factor δ per round. Each plays *grim "
        "trigger*: cooperate until the other defects, then defect for ever. **What is the "
        "smallest δ at which grim trigger is a subgame-perfect equilibrium?**",
        parameters=_PD,
        compute=_grim,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="Compare cooperating for ever with defecting once and being punished for ever "
        "after; sum the discounted payoffs.",
        worked=_worked_grim,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                lambda T, R, P, S: (T - R) / (R - S),
                "that is (T − R)/(R − S), the condition against alternating defection that "
                "matters for tit for tat, not for grim trigger.",
            ),
        ),
        source="MODELS.md V12; Friedman 1971; Osborne 2004, ch. 14",
    ),
    Exercise(
        id="tit-for-tat",
        title="Repeated Prisoner's Dilemma: tit for tat",
        statement="Same Prisoner's Dilemma: T = {T}, R = {R}, P = {P}, S = {S}. Now both play "
        "*tit for tat*: cooperate first, then copy the other's last move. **What is the "
        "smallest δ at which tit for tat is collectively stable (no deviation pays)?**",
        parameters=_PD,
        compute=_tft,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="Two deviations matter against tit for tat: defecting for ever, and alternating "
        "D, C, D, C, … (tit for tat forgives after one round).",
        worked=_worked_tft,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                _grim,
                "that is the grim-trigger threshold (T − R)/(T − P): it stops permanent "
                "defection, but against tit for tat alternating D, C, D, C, … can still pay.",
            ),
        ),
        source="MODELS.md V12; Axelrod 1984, ch. 3, Proposition 2",
    ),
    Exercise(
        id="violence-threshold",
        title="The equilibrium of violence",
        statement=_VIOLENCE_TEXT
        + "**What is the smallest δ at which the calibrated exchange is an equilibrium?**",
        parameters={"exchange": 0.0, "deviation": 2.0, "war": -8.0},
        compute=_violence,
        kind="number",
        tolerance=5e-3,
        close=0.05,
        hint="Compare u_E every round with u_D once followed by u_P every round; solve for δ.",
        worked=_worked_violence,
        answer_format=_NUMBER,
        mistakes=(
            Mistake(
                lambda exchange, deviation, war: 1 - _violence(exchange, deviation, war),
                "that is 1 − δ*: check which side of the inequality the future (war) is on.",
            ),
        ),
        source="MODELS.md V16; Sobelman 2016/17",
    ),
    Exercise(
        id="violence-shock",
        title="A shock to the equilibrium of violence",
        statement=_VIOLENCE_TEXT.replace("{deviation}", "{deviation_before}")
        + "A shock (a new weapon, a decapitation strike, an election) raises the one-round "
        "payoff of escalating from u_D = {deviation_before} to {deviation_after}. **For which "
        "discount factors δ did the exchange hold before the shock but not after it? Give the "
        "interval's ends (low, high).**",
        parameters={
            "exchange": 0.0,
            "deviation_before": 2.0,
            "deviation_after": 4.0,
            "war": -8.0,
        },
        compute=_shock_interval,
        kind="pair",
        tolerance=5e-3,
        close=0.05,
        hint="Compute the threshold δ* = (u_D − u_E)/(u_D − u_P) before and after the shock.",
        worked=_worked_shock,
        answer_format="(low, high), e.g. (0.25, 0.75)",
        source="MODELS.md V16",
    ),
)
