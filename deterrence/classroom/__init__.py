"""Classroom exercises checked against the models: a bank, per-student variants, nbgrader.

The bank (:func:`bank`) holds the exercises of a deterrence course — Chicken and mixed
strategies, credibility and subgame perfection, brinkmanship, repeated games, signalling, the
calibrated window, missile defence, proxies and attribution, bargaining, escalation ladders —
each declared once (:class:`Exercise`) with its topic, difficulty, learning goal, parameter
ranges, the model call that computes the answer, hints keyed to common mistakes and the
citation. Instructors add their own with :func:`register`.

:func:`check` compares a student's answer, as typed (``0.1``, ``"1/10"``, ``"10%"``,
``"(0.2, 1/3)"``, ``"0.2 to 1/3"``), with the model's answer computed *at check time*, and
returns a :class:`CheckResult` that displays as a green (right), amber (close), red (wrong)
or grey (unreadable) box with a hint. :func:`variant` gives each student their own numbers,
drawn deterministically from the student's id; :func:`key` regenerates any student's answers.
:func:`solution` writes the worked solution from the same numbers and model call.
:mod:`deterrence.classroom.grading` writes an nbgrader assignment and grades it.

Examples
--------
>>> from deterrence import classroom
>>> classroom.check("chicken-mixed", 0.1).status
'right'
>>> classroom.check("chicken-mixed", "10%").status
'right'
>>> classroom.check("chicken-mixed", 0.9).message
'Not right: 0.9 is the probability of swerving, not of going straight.'
>>> classroom.exercise("grim-trigger", R=3.5).answer()    # (T - R)/(T - P) = 1.5/4
0.375
>>> v = classroom.variant("grim-trigger", student="alice")
>>> classroom.check("grim-trigger", v.answer(), student="alice").correct
True
"""

from __future__ import annotations

from . import exercises as _exercises  # noqa: E402,F401,I001  (registers the built-in bank)
from .answers import Choice, Number, Probability
from .core import (
    DIFFICULTIES,
    EXERCISES,
    STATUS_COLORS,
    STATUSES,
    TOPICS,
    CheckResult,
    Exercise,
    Mistake,
    Param,
    Solution,
    bank,
    check,
    exercise,
    fmt_number,
    key,
    register,
    solution,
    status_box,
    unregister,
    variant,
)
from .students import student_id

__all__ = [
    "Exercise",
    "Param",
    "Mistake",
    "Number",
    "Probability",
    "Choice",
    "CheckResult",
    "Solution",
    "EXERCISES",
    "TOPICS",
    "DIFFICULTIES",
    "STATUSES",
    "STATUS_COLORS",
    "bank",
    "register",
    "unregister",
    "exercise",
    "variant",
    "check",
    "solution",
    "key",
    "student_id",
    "exercises_frame",
    "status_box",
    "fmt_number",
]


def exercises_frame():
    """The bank as a DataFrame (the first name of :func:`bank`)."""
    return bank()
