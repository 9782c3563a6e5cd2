"""Exercises as data, the bank they live in, per-student variants, checking and solutions.

An :class:`Exercise` is declared once: topic, difficulty, learning goal, parameters with the
ranges its variants are drawn from (:class:`Param`), the model call that computes the answer,
the answer's entries in their documented order (:mod:`.answers`), common mistakes computed
from the model (:class:`Mistake`), a worked solution and the citation. :func:`register` adds
one to the bank (the built-in exercises and an instructor's own alike); :func:`check`,
:func:`solution`, :func:`variant` and :func:`bank` find every registered exercise.

Variants are drawn from a hash of (exercise id, student, seed) — SHA-256, not Python's salted
``hash`` — so every process, on every machine, gives a student the same numbers, and an
instructor can regenerate any student's key (:func:`key`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import math
import types
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import DeterrenceError, ParameterError, close_match_hint
from .answers import Choice, Number, Unreadable, format_of, read

__all__ = [
    "Param",
    "Mistake",
    "Exercise",
    "CheckResult",
    "Solution",
    "register",
    "unregister",
    "exercise",
    "variant",
    "check",
    "solution",
    "bank",
    "key",
    "status_box",
    "fmt_number",
    "TOPICS",
    "DIFFICULTIES",
    "STATUSES",
]

#: the topics of the bank, in teaching order (an instructor may use others)
TOPICS = (
    "Chicken and mixed strategies",
    "credibility and SPE",
    "brinkmanship",
    "repeated games",
    "signalling",
    "the calibrated window",
    "missile defence",
    "proxies and attribution",
    "bargaining",
    "escalation ladders",
)
DIFFICULTIES = ("intro", "core", "advanced")
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
_MAX_DRAWS = 500


# -- number formatting -------------------------------------------------------------------------


def fmt_number(x, digits: int = 4) -> str:
    """A number for people: a simple fraction when it is one, else ``digits`` significant digits.

    Examples
    --------
    >>> fmt_number(9 / 17), fmt_number(0.5625), fmt_number(-10.0), fmt_number(1 / 3)
    ('9/17 ≈ 0.5294', '0.5625', '-10', '1/3 ≈ 0.3333')
    >>> fmt_number("DC")
    'DC'
    """
    if isinstance(x, str):
        return x
    x = float(x)
    plain = f"{x:.{digits}g}"
    frac = Fraction(x).limit_denominator(100)
    if frac.denominator > 1 and abs(float(frac) - x) < 1e-12:
        if abs(float(plain) - x) < 1e-12:  # terminates within the digits shown: 0.5625, 0.25
            return plain
        return f"{frac} ≈ {plain}"
    return plain


def _p(x) -> str:
    """A parameter inside a formula: plain digits, parenthesised when negative."""
    s = f"{float(x):.6g}"
    return f"({s})" if s.startswith("-") else s


# -- declarations ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One number of an exercise and the range its per-student variants are drawn from.

    Attributes
    ----------
    name : str
        Keyword of the exercise's model call.
    default : float or str
        The value of the published version of the exercise.
    low, high, step : float
        Variants draw from the grid low, low + step, ..., high (round numbers keep the
        arithmetic doable by hand). ``low = high = None``: the parameter is fixed.
    choices : tuple
        Alternatively, the values a variant picks from (e.g. a player's type).
    """

    name: str
    default: Any
    low: float | None = None
    high: float | None = None
    step: float | None = None
    choices: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "choices", tuple(self.choices))
        ranged = self.low is not None or self.high is not None
        if ranged and (self.low is None or self.high is None or not self.low <= self.high):
            raise ParameterError(
                f"parameter {self.name!r}: give both low and high with low <= high; got "
                f"low={self.low!r}, high={self.high!r}."
            )
        if ranged and self.choices:
            raise ParameterError(f"parameter {self.name!r}: give a range or choices, not both.")
        if ranged and (self.step is None or self.step <= 0):
            object.__setattr__(self, "step", (self.high - self.low) / 20 or 1.0)

    @property
    def varies(self) -> bool:
        return bool(self.choices) or (self.low is not None and self.high > self.low)

    def grid(self) -> list:
        if self.choices:
            return list(self.choices)
        if not self.varies:
            return [self.default]
        n = int(math.floor((self.high - self.low) / self.step + 1e-9))
        # round away binary noise: 0.1 + 3 * 0.1 is 0.4, not 0.30000000000000004 + 0.1
        return [round(self.low + i * self.step, 10) for i in range(n + 1)]

    def describe(self) -> str:
        if self.choices:
            return f"{self.name} ∈ {{{', '.join(map(str, self.choices))}}}"
        if not self.varies:
            return f"{self.name} = {fmt_number(self.default)}"
        return f"{self.name} ∈ [{self.low:g}, {self.high:g}] step {self.step:g}"


@dataclass(frozen=True)
class Mistake:
    """A common wrong answer, computed from the parameters, and what to tell the student.

    Attributes
    ----------
    value : callable
        ``value(**parameters)`` -> the wrong answer (same entries as the right one).
    message : str
        Feedback when the answer matches it; ``{}`` is replaced by the answer as given.
    """

    value: Callable[..., Any]
    message: str


def _as_tuple(value) -> tuple:
    if isinstance(value, tuple | list):
        return tuple(value)
    if isinstance(value, np.ndarray):
        return tuple(value.ravel().tolist())
    return (value,)


@dataclass(frozen=True)
class Exercise:
    """One checkable exercise, declared once (see :func:`register`).

    Attributes
    ----------
    id : str
        Short identifier used by :func:`check` (``"chicken-mixed"``).
    title, topic, difficulty, goal : str
        What the bank lists; `difficulty` is one of "intro", "core", "advanced"; `goal` is the
        learning goal (one sentence).
    statement : str
        Markdown; ``{name}`` fields are filled from the parameters.
    params : tuple of Param
        The numbers of the problem, with their variant ranges.
    compute : callable
        The model call: ``compute(**parameters)`` -> the answer (one value per entry).
        Evaluated at check time, never stored.
    entries : tuple of Number or Choice
        The answer's entries in their documented order.
    tolerance, close : float
        Largest absolute error counted right, and counted close (amber), per entry;
        `rtol` adds a relative tolerance for large answers.
    hint : str
        Shown with a close or wrong answer.
    mistakes : tuple of Mistake
    order_message : str
        Shown when the right values come in another order (default: "you swapped the order").
    worked : callable, optional
        ``worked(parameters, answer)`` -> the worked solution (Markdown).
    citation : str
        The literature the exercise comes from.
    model : str
        The package function that computes the answer (for the bank's table).
    valid : callable, optional
        ``valid(**parameters)`` -> bool: variants failing it are redrawn.
    parameters : mapping
        The values of this instance (the defaults, or a variant's draw).
    student, seed : optional
        Set on a per-student variant.
    """

    id: str
    title: str
    topic: str
    difficulty: str
    goal: str
    statement: str
    params: tuple[Param, ...]
    compute: Callable[..., Any]
    entries: tuple
    citation: str
    model: str = ""
    tolerance: float = 5e-3
    close: float = 0.05
    rtol: float = 0.0
    hint: str = ""
    mistakes: tuple[Mistake, ...] = ()
    order_message: str = ""
    worked: Callable[[Mapping[str, Any], Any], str] | None = None
    valid: Callable[..., bool] | None = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    student: str | None = None
    seed: int | None = None

    def __post_init__(self):
        if not isinstance(self.id, str) or not self.id.strip() or self.id != self.id.strip():
            raise ParameterError(f"exercise id must be a non-empty string; got {self.id!r}.")
        if self.difficulty not in DIFFICULTIES:
            raise ParameterError(
                f"exercise {self.id!r}: difficulty must be one of {DIFFICULTIES}; got "
                f"{self.difficulty!r}."
            )
        if not (0 <= self.tolerance <= self.close) or self.rtol < 0:
            raise ParameterError(
                f"exercise {self.id!r}: need 0 <= tolerance <= close and rtol >= 0; got "
                f"tolerance={self.tolerance!r}, close={self.close!r}, rtol={self.rtol!r}."
            )
        entries = tuple(self.entries) if isinstance(self.entries, Sequence) else (self.entries,)
        if not entries or not all(isinstance(e, Number | Choice) for e in entries):
            raise ParameterError(
                f"exercise {self.id!r}: entries must be Number or Choice declarations "
                "(deterrence.classroom.Number, Probability, Choice)."
            )
        object.__setattr__(self, "entries", entries)
        params = tuple(self.params)
        object.__setattr__(self, "params", params)
        values = {p.name: p.default for p in params}
        unknown = set(self.parameters) - set(values)
        if unknown:
            raise ParameterError(f"exercise {self.id!r} has no parameter(s) {sorted(unknown)}.")
        values.update(self.parameters)
        object.__setattr__(self, "parameters", types.MappingProxyType(values))
        object.__setattr__(self, "mistakes", tuple(self.mistakes))

    # -- the answer ------------------------------------------------------------------------------

    def answer(self):
        """The answer, computed now by the exercise's model call (a value, or a tuple)."""
        values = self._answer_tuple()
        return values[0] if len(values) == 1 else values

    def _answer_tuple(self) -> tuple:
        out = _as_tuple(self.compute(**self.parameters))
        if len(out) != len(self.entries):
            raise ParameterError(
                f"exercise {self.id!r}: the model call returned {len(out)} value(s) for "
                f"{len(self.entries)} answer entries."
            )
        return tuple(
            str(v) if e.kind == "choice" else float(v)
            for e, v in zip(self.entries, out, strict=False)
        )

    @property
    def answer_format(self) -> str:
        """How to write the answer."""
        return format_of(self.entries)

    # -- other numbers -------------------------------------------------------------------------

    def with_parameters(self, **parameters) -> Exercise:
        """The same exercise with other numbers; validated by computing its answer.

        Raises
        ------
        ParameterError
            An unknown parameter name (with the close match), or numbers the model refuses.
        """
        for name in parameters:
            if name not in self.parameters:
                same = [k for k in self.parameters if k.lower() == str(name).lower()]
                hint = f" Did you mean {same[0]!r}?" if same else ""
                raise ParameterError(
                    f"exercise {self.id!r} has no parameter {name!r}."
                    f"{hint or close_match_hint(name, self.parameters)} Its parameters: "
                    f"{', '.join(self.parameters)}."
                )
        new = dataclasses.replace(self, parameters={**self.parameters, **parameters})
        new._answer_tuple()  # the model validates the numbers (orderings, probabilities)
        return new

    variant = with_parameters  # the name of the first version of this module

    def draw(self, student: str | None = None, seed: int | None = None) -> Exercise:
        """The variant of `student` (and `seed`): see :func:`variant`."""
        if student is None and seed is None:
            return self
        rng = np.random.default_rng(_digest(self.id, student, seed))
        grids = {p.name: p.grid() for p in self.params if p.varies}
        for _ in range(_MAX_DRAWS):
            values = {name: g[int(rng.integers(len(g)))] for name, g in grids.items()}
            candidate = dataclasses.replace(
                self, parameters={**self.parameters, **values}, student=student, seed=seed
            )
            if candidate._acceptable():
                return candidate
        raise ParameterError(
            f"exercise {self.id!r}: no valid variant in {_MAX_DRAWS} draws from its parameter "
            "ranges; widen the ranges or relax `valid`."
        )

    def _acceptable(self) -> bool:
        p = dict(self.parameters)
        try:
            if self.valid is not None and not self.valid(**p):
                return False
            values = self._answer_tuple()
        except (DeterrenceError, ValueError, ZeroDivisionError, ArithmeticError):
            return False
        inside = all(
            e.kind == "choice" or (math.isfinite(v) and e.outside(v) is None)
            for e, v in zip(self.entries, values, strict=False)
        )
        # the order of the entries must be visible in the answer, or "swapped" cannot be told
        return inside and not _matches_permutation(values, values, self.close)

    # -- display ---------------------------------------------------------------------------------

    def statement_markdown(self) -> str:
        """The statement with the parameters filled in (Markdown)."""
        shown = {k: fmt_number(v) for k, v in self.parameters.items()}
        return self.statement.format(**shown)

    def _repr_markdown_(self) -> str:
        who = f" (variant for {self.student})" if self.student is not None else ""
        return (
            f"### {self.title}{who}\n\n{self.statement_markdown()}\n\n"
            f"*Answer:* {self.answer_format}."
        )

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={fmt_number(v)}" for k, v in self.parameters.items())
        who = f", student={self.student!r}" if self.student is not None else ""
        return f"<Exercise {self.id!r}: {self.title} ({params}{who})>"


def _digest(exercise_id: str, student, seed) -> int:
    """A 128-bit seed from (exercise, student, seed): the same in every process (SHA-256)."""
    text = f"{exercise_id}\x1f{'' if student is None else student}\x1f{seed or 0}"
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:16], "big")


# -- the bank ----------------------------------------------------------------------------------------

_BANK: dict[str, Exercise] = {}

#: a read-only live view of the bank, by id, in registration order
EXERCISES: Mapping[str, Exercise] = types.MappingProxyType(_BANK)


def register(exercise_or_id=None, /, *, replace: bool = False, **fields):
    """Add an exercise to the bank, so that :func:`check`, :func:`variant` and :func:`bank` find it.

    Two forms: ``register(Exercise(...))``, or a decorator on the model call, with the other
    fields as keywords (``params`` may be a mapping of defaults; ``entries`` defaults to one
    number)::

        @dt.classroom.register(id="pd-gain", title="Temptation", topic="repeated games",
                               difficulty="intro", goal="...", statement="T = {T}, R = {R}: T − R?",
                               params=[Param("T", 5, 4, 8, 1), Param("R", 3)],
                               citation="Axelrod 1984")
        def pd_gain(T, R):
            return T - R

    Parameters
    ----------
    replace : bool
        Replace an exercise with the same id (otherwise that is an error).

    Returns
    -------
    Exercise
        (the decorator form returns the decorated function, with the exercise as its
        ``exercise`` attribute).

    Raises
    ------
    ParameterError
        A duplicate id without ``replace=True``, or fields that do not make an exercise
        (e.g. the default numbers are refused by the model call).

    Examples
    --------
    >>> from deterrence import classroom
    >>> @classroom.register(id="doc-gain", title="Temptation", topic="repeated games",
    ...                     difficulty="intro", goal="Read a payoff table.",
    ...                     statement="T = {T}, R = {R}. **What is T − R?**",
    ...                     params=[classroom.Param("T", 5, 4, 8, 1), classroom.Param("R", 3)],
    ...                     citation="Axelrod 1984")
    ... def gain(T, R):
    ...     return T - R
    >>> classroom.check("doc-gain", "2").status
    'right'
    >>> classroom.unregister("doc-gain")
    """
    if isinstance(exercise_or_id, Exercise):
        if fields:
            raise ParameterError("register(Exercise(...)) takes no other fields.")
        return _add(exercise_or_id, replace)
    if exercise_or_id is not None:
        fields.setdefault("id", exercise_or_id)

    def decorator(compute):
        params = fields.pop("params", ())
        if isinstance(params, Mapping):
            params = tuple(Param(k, v) for k, v in params.items())
        fields.setdefault("entries", (Number(),))
        fields.setdefault("model", getattr(compute, "__qualname__", ""))
        ex = Exercise(params=params, compute=compute, **fields)
        compute.exercise = _add(ex, replace)
        return compute

    return decorator


def _add(ex: Exercise, replace: bool) -> Exercise:
    if ex.id in _BANK and not replace:
        raise ParameterError(
            f"an exercise {ex.id!r} is already in the bank; choose another id or pass replace=True."
        )
    try:
        ex._answer_tuple()
    except DeterrenceError as exc:
        raise ParameterError(f"exercise {ex.id!r}: its default numbers fail: {exc}") from exc
    _BANK[ex.id] = ex
    return ex


def unregister(exercise_id: str) -> None:
    """Remove an exercise from the bank (e.g. an instructor's draft)."""
    _lookup(exercise_id)
    del _BANK[exercise_id]


def _lookup(exercise_id) -> Exercise:
    if isinstance(exercise_id, Exercise):
        return exercise_id
    if isinstance(exercise_id, str) and exercise_id in _BANK:
        return _BANK[exercise_id]
    raise ParameterError(
        f"no exercise {exercise_id!r}.{close_match_hint(str(exercise_id), _BANK)} "
        f"See dt.classroom.bank() for the {len(_BANK)} exercises."
    )


def exercise(exercise_id, **parameters) -> Exercise:
    """The exercise with this id, or a version with other numbers.

    Raises
    ------
    ParameterError
        An unknown id or parameter (with the close match), or numbers the model refuses.

    Examples
    --------
    >>> exercise("tit-for-tat", T=4).answer()     # max((T-R)/(T-P), (T-R)/(R-S)) = 1/3
    0.3333333333333333
    """
    ex = _lookup(exercise_id)
    return ex.with_parameters(**parameters) if parameters else ex


def variant(exercise_id, *, student: str | None = None, seed: int | None = None) -> Exercise:
    """A student's own version of an exercise, drawn deterministically from (id, student, seed).

    The parameters are drawn from their declared ranges with a generator seeded by SHA-256 of
    the exercise id, the student's id and the seed, so the same triple gives the same numbers
    in every process and on every machine; other students get other numbers; an instructor
    regenerates any student's key with the same call. Draws the model refuses (broken
    orderings, empty windows) are redrawn. ``student=None, seed=None`` is the published
    version.

    Examples
    --------
    >>> a = variant("grim-trigger", student="alice")
    >>> a.parameters == variant("grim-trigger", student="alice").parameters
    True
    >>> variant("grim-trigger", student="alice", seed=1).parameters != a.parameters
    True
    """
    if student is not None and not isinstance(student, str):
        raise ParameterError(f"student must be a string id; got {student!r}.")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ParameterError(f"seed must be an integer; got {seed!r}.")
    return _lookup(exercise_id).draw(student, seed)


# -- results -----------------------------------------------------------------------------------------


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
    exercise_id, title : str
    status : {"right", "close", "wrong", "malformed", "unanswered"}
    message : str
        What was found (the model's value is shown only when the answer is right).
    hint : str
        Shown for close and wrong answers ("" otherwise).
    answer : object
        The answer as given.
    correct : bool
        True iff status is "right".
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

    def __bool__(self) -> bool:
        return self.correct

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


# -- checking ------------------------------------------------------------------------------------------


def _distance(a: tuple, b: tuple) -> float:
    """Largest entry-wise error; a differing option (or an option against a number) is inf."""
    worst = 0.0
    for x, y in zip(a, b, strict=True):
        if isinstance(x, str) or isinstance(y, str):
            worst = max(worst, 0.0 if x == y else math.inf)
        else:
            worst = max(worst, abs(float(x) - float(y)))
    return worst


def _shown(values: tuple) -> str:
    if len(values) == 1:
        return fmt_number(values[0])
    return "(" + ", ".join(fmt_number(v) for v in values) + ")"


def _said(values: tuple) -> str:
    text = ", ".join(v if isinstance(v, str) else f"{v:.6g}" for v in values)
    return text if len(values) == 1 else f"({text})"


def check(exercise_id, answer, *, student: str | None = None, seed: int | None = None):
    """Check a student's answer against the model, with feedback and a hint.

    The right answer is computed now by the exercise's model call, from the student's own
    variant when `student` (or `seed`) is given. Answers are read as students type them
    (:mod:`deterrence.classroom.answers`): numbers or text, fractions ``"1/10"``,
    percentages ``"10%"``, tuples and ranges. Order of the verdicts: unreadable (grey); a
    value outside its domain (red, saying so); within ``tolerance`` (green); a known
    mistake (red, with its explanation); the right values in another order (red, "swapped");
    the reciprocal of the answer (red); within ``close`` (amber); anything else (red, hint).

    Parameters
    ----------
    exercise_id : str or Exercise
        An id of the bank, or an exercise (e.g. from :func:`variant`).
    answer : number, str, tuple ...
        As the exercise's ``answer_format`` says. ``...``, None or "" mean "not answered yet".
    student, seed : optional
        Check against this student's variant (see :func:`variant`).

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
    >>> check("chicken-mixed", "1/10").status
    'right'
    >>> check("chicken-mixed", 0.9).message
    'Not right: 0.9 is the probability of swerving, not of going straight.'
    >>> print(check("chicken-mixed", 50).message)
    Not right: 50 is outside [0, 1]: a probability lies between 0 and 1. If you meant 50%, write 0.5 or '50%'.
    >>> check("brinkmanship-window", "(0.5625, 1/3)").message
    'Not right: these are the right numbers in the wrong order: give (q_min, q_max).'
    """
    ex = _lookup(exercise_id)
    if student is not None or seed is not None:
        ex = variant(ex, student=student, seed=seed)

    def result(status, message, hint=""):
        return CheckResult(ex.id, ex.title, status, message, hint, answer)

    if answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip()):
        return result(
            "unanswered",
            f"Replace ... in the answer cell with your answer: {ex.answer_format}.",
        )
    entries = ex.entries
    try:
        given = read(entries, answer)
    except Unreadable as exc:
        swapped = _read_in_another_order(entries, answer)
        if swapped:
            return result("wrong", f"Not right: {_order_text(ex)}")
        return result("malformed", f"Could not read your answer: {exc}")
    expected = ex._answer_tuple()
    for e, v in zip(entries, given, strict=False):
        why = None if e.kind == "choice" else e.outside(v)
        if why:
            if len(given) == 1 and _reciprocal(v, expected[0], ex):
                why += " It is the reciprocal of the answer: numerator and denominator are swapped."
            return result("wrong", f"Not right: {why}", ex.hint)
    error = _distance(given, expected)
    scale = max((abs(v) for v in expected if not isinstance(v, str)), default=0.0)
    tol = max(ex.tolerance, ex.rtol * scale)
    if error <= tol:
        return result("right", f"Correct: {_shown(expected)}.")
    for m in ex.mistakes:
        try:
            wrong = _as_tuple(m.value(**ex.parameters))
        except (DeterrenceError, ValueError, ArithmeticError):
            continue  # the mistake does not exist for these numbers
        if len(wrong) == len(given) and _distance(given, wrong) <= tol:
            return result("wrong", f"Not right: {m.message.replace('{}', _said(given))}", ex.hint)
    if len(given) > 1 and error > tol and _matches_permutation(given, expected, tol):
        return result("wrong", f"Not right: {_order_text(ex)}")
    if len(given) == 1 and _reciprocal(given[0], expected[0], ex):
        return result(
            "wrong",
            "Not right: that is the reciprocal of the answer: numerator and denominator "
            "are swapped.",
            ex.hint,
        )
    if error <= max(ex.close, ex.rtol * 10 * scale):
        return result(
            "close",
            "Close: near the answer but not within the tolerance "
            f"{tol:g}. Check the arithmetic and the rounding.",
            ex.hint,
        )
    return result("wrong", "Not right.", ex.hint)


def _reciprocal(x, y, ex: Exercise) -> bool:
    """`x` is 1/`y` (a fraction written upside down), and far enough from `y` to tell."""
    if isinstance(x, str) or isinstance(y, str) or y == 0 or abs(abs(y) - 1) < 1e-9:
        return False
    return abs(x - 1 / y) <= max(ex.tolerance, 1e-9 * abs(1 / y)) and abs(x - y) > ex.close


def _order_text(ex: Exercise) -> str:
    if ex.order_message:
        return ex.order_message
    return f"these are the right numbers in the wrong order: give {ex.answer_format.split(', e.g.')[0]}."


def _matches_permutation(given: tuple, expected: tuple, tol: float) -> bool:
    """Some other order of `given` lies within `tol` of `expected`."""
    from itertools import permutations

    n = len(given)
    return any(
        _distance(tuple(given[i] for i in perm), expected) <= tol
        for perm in permutations(range(n))
        if list(perm) != list(range(n))
    )


def _read_in_another_order(entries: tuple, answer) -> bool:
    """The answer reads in some other order of the entries (e.g. two choices swapped)."""
    from itertools import permutations

    if len(entries) < 2:
        return False
    for perm in permutations(range(len(entries))):
        if list(perm) == list(range(len(entries))):
            continue
        try:
            read(tuple(entries[i] for i in perm), answer)
        except Unreadable:
            continue
        return True
    return False


def solution(exercise_id, *, student: str | None = None, seed: int | None = None, **parameters):
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
    if student is not None or seed is not None:
        ex = variant(ex, student=student, seed=seed)
    answer = ex.answer()
    if ex.worked is not None:
        text = ex.worked(dict(ex.parameters), answer)
    else:
        text = f"**{_shown(_as_tuple(answer))}**, computed by `{ex.model}`."
    return Solution(ex.id, ex.title, answer, text)


# -- tables for instructors ------------------------------------------------------------------------


def bank(*, topic: str | None = None, difficulty: str | None = None):
    """The exercises of the bank as a pandas DataFrame, one row per exercise.

    Columns: topic, difficulty, title, goal, parameters (with their variant ranges), answer
    (how to write it), model (the call that computes it), citation.

    Examples
    --------
    >>> df = bank(topic="brinkmanship")
    >>> list(df.index)
    ['brinkmanship-window', 'brinkmanship-closes', 'critical-risk']
    """
    import pandas as pd

    rows = [
        {
            "id": ex.id,
            "topic": ex.topic,
            "difficulty": ex.difficulty,
            "title": ex.title,
            "goal": ex.goal,
            "parameters": "; ".join(p.describe() for p in ex.params),
            "answer": ex.answer_format,
            "model": ex.model,
            "citation": ex.citation,
        }
        for ex in _BANK.values()
        if (topic is None or ex.topic == topic)
        and (difficulty is None or ex.difficulty == difficulty)
    ]
    columns = ["id", "topic", "difficulty", "title", "goal", "parameters", "answer", "model"]
    return pd.DataFrame(rows, columns=[*columns, "citation"]).set_index("id")


def key(students: Sequence[str], exercises: Sequence[str] | None = None, *, seed=None):
    """The answer key: every student's numbers and answer for each exercise (a DataFrame).

    Examples
    --------
    >>> k = key(["alice", "bob"], ["grim-trigger"])
    >>> list(k.columns)
    ['student', 'exercise', 'parameters', 'answer']
    """
    import pandas as pd

    if isinstance(students, str):
        students = [students]
    ids = list(_BANK) if exercises is None else list(exercises)
    rows = []
    for s in students:
        for i in ids:
            v = variant(i, student=s, seed=seed)
            rows.append(
                {
                    "student": s,
                    "exercise": v.id,
                    "parameters": ", ".join(
                        f"{k}={fmt_number(x)}" for k, x in v.parameters.items()
                    ),
                    "answer": _shown(v._answer_tuple()),
                }
            )
    return pd.DataFrame(rows, columns=["student", "exercise", "parameters", "answer"])
