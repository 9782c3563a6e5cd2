"""Reading answers as students type them: numbers, fractions, percentages, tuples, ranges.

An exercise's answer has one or more *entries* (:class:`Number` or :class:`Choice`), in a
documented order. :func:`read` turns what a student wrote — ``0.1``, ``"0.1"``, ``"1/10"``,
``"10%"``, ``Fraction(1, 10)``, ``(0.2, 1/3)``, ``"(0.2, 1/3)"``, ``"0.2 to 1/3"``,
``"[0.2, 0.333)"``, ``"dc"`` — into one value per entry, or raises :class:`Unreadable` with a
sentence saying what to write. Whether a value lies in its entry's domain (a probability in
[0, 1], a whole number of launches) is checked separately (:meth:`Number.outside`), so that
the feedback can say "10 is not a probability" rather than "cannot read".

Examples
--------
>>> from deterrence.classroom.answers import Number, Choice, read
>>> read((Number("p", 0, 1),), "10%")
(0.1,)
>>> read((Number("low"), Number("high")), "0.2 to 1/3")
(0.2, 0.3333333333333333)
>>> read((Choice("outcome", ("SQ", "DC", "DD")),), " dc ")
('DC',)
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import numpy as np

from ..errors import ParameterError

__all__ = ["Number", "Probability", "Choice", "Unreadable", "read", "parse_number"]


class Unreadable(Exception):
    """The answer cannot be read; the message says why and what to write."""


@dataclass(frozen=True)
class Number:
    """A numeric entry of an answer and its domain.

    Attributes
    ----------
    name : str
        How the entry is called in the answer format (``"q_min"``, ``"P(straight)"``).
    low, high : float
        The domain: values outside [low, high] are answered with a hint saying so.
    integer : bool
        Whole numbers only (counts of launches, rungs).
    what : str
        What the entry is, for the out-of-domain hint ("a probability", "a discount factor").
    """

    name: str = "answer"
    low: float = -math.inf
    high: float = math.inf
    integer: bool = False
    what: str = ""

    kind = "number"

    def __post_init__(self):
        if not self.low < self.high:
            raise ParameterError(
                f"answer entry {self.name!r}: the domain needs low < high; got "
                f"[{self.low!r}, {self.high!r}]."
            )

    @property
    def domain(self) -> str:
        lo = "−∞" if self.low == -math.inf else f"{self.low:g}"
        hi = "∞" if self.high == math.inf else f"{self.high:g}"
        return f"[{lo}, {hi}]"

    def outside(self, x: float) -> str | None:
        """Why `x` cannot be this entry (a sentence), or None when it lies in the domain."""
        what = self.what or f"{self.name}"
        if self.integer and x != round(x):
            return f"{_g(x)} is not a whole number; {what} is a count."
        if self.low <= x <= self.high:
            return None
        if self.low == 0 and self.high == 1:
            extra = ""
            if 1 < x <= 100:
                extra = f" If you meant {_g(x)}%, write {_g(x / 100)} or '{_g(x)}%'."
            return f"{_g(x)} is outside [0, 1]: {what} lies between 0 and 1.{extra}"
        if self.high == math.inf:
            return f"{_g(x)} is below {self.low:g}: {what} cannot be smaller than {self.low:g}."
        return f"{_g(x)} is outside {self.domain}: {what} lies in {self.domain}."


def Probability(name: str = "answer", what: str = "a probability") -> Number:  # noqa: N802
    """A :class:`Number` entry with the domain [0, 1]."""
    return Number(name, 0.0, 1.0, what=what)


@dataclass(frozen=True)
class Choice:
    """An entry that is one of a few options (case and spacing ignored; aliases accepted)."""

    name: str
    options: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)

    kind = "choice"

    def __post_init__(self):
        object.__setattr__(self, "options", tuple(self.options))
        aliases = {_key(k): v for k, v in dict(self.aliases).items()}
        for target in aliases.values():
            if target not in self.options:
                raise ParameterError(
                    f"answer entry {self.name!r}: alias target {target!r} is not one of the "
                    f"options {self.options}."
                )
        object.__setattr__(self, "aliases", MappingProxyType(aliases))

    def parse(self, text: str) -> str | None:
        key = _key(text)
        for option in self.options:
            if key == _key(option):
                return option
        return self.aliases.get(key)

    @property
    def listed(self) -> str:
        return ", ".join(repr(o) for o in self.options)


def _key(text: str) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())


def _g(x: float) -> str:
    return f"{x:.6g}"


# -- numbers ---------------------------------------------------------------------------------------

_MINUS = str.maketrans({"−": "-", "–": "-", "—": "-", "\u2009": "", "\u00a0": "", "_": ""})
_NUM = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_RE = re.compile(rf"^(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_NUM}))?\s*(?P<pct>%?)$")
_PREFIX_RE = re.compile(r"^[^\W\d][\w*()′'^]*\s*(?:=|≈|:)\s*")  # "p = 0.1", "δ* ≈ 0.5"


def parse_number(text: str) -> float:
    """A number written as text: ``"0.1"``, ``"1/10"``, ``"10%"``, ``"−0.5"``, ``"p = 1/3"``.

    Raises
    ------
    Unreadable
        With an example of what to write.

    Examples
    --------
    >>> parse_number("1/10"), parse_number(" 10 % "), parse_number("δ* = 2/3") == 2 / 3
    (0.1, 0.1, True)
    """
    s = str(text).translate(_MINUS).strip().lstrip("≈~").strip()
    s = _PREFIX_RE.sub("", s, count=1).strip()
    if s.endswith("."):
        s = s[:-1]
    m = _NUMBER_RE.match(s)
    if not m:
        raise Unreadable(
            f"{text!r} is not a number; write it as 0.25, 1/4 or 25% (in quotes or not)."
        )
    value = Fraction(m["a"])
    if m["b"] is not None:
        denominator = Fraction(m["b"])
        if denominator == 0:
            raise Unreadable(f"{text!r} divides by zero; write a number such as 1/4.")
        value /= denominator
    if m["pct"]:
        value /= 100
    return float(value)


def _describe(value) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def _real(value, what: str) -> float:
    if isinstance(value, str):
        return parse_number(value)
    if isinstance(value, bool | np.bool_):
        raise Unreadable(f"{what} is {value!r}, a truth value; write a number (e.g. 0.25).")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, Decimal):
        value = float(value)
    if not isinstance(value, numbers.Real):
        raise Unreadable(f"{what} is {_describe(value)}; write a number (e.g. 0.25 or 1/4).")
    x = float(value)
    if not math.isfinite(x):
        raise Unreadable(f"{what} is {x}; write a finite number (e.g. 0.25 or 1/4).")
    return x


# -- tuples and ranges -----------------------------------------------------------------------------

_DASH_RE = re.compile(rf"^(?P<a>{_NUM}%?)\s*-\s*(?P<b>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?%?)$")
_RANGE_WORDS = re.compile(r"\s+(?:to|and|through|until|-)\s+|\s*(?:\.\.|…)\s*")


def _split_text(text: str, n: int) -> list[str]:
    """Split "(a, b)", "[a, b)", "a; b", "a to b", "a - b" into its parts."""
    s = text.strip()
    if len(s) >= 2 and s[0] in "([{" and s[-1] in ")]}":
        s = s[1:-1]
    for sep in (";", ","):
        if sep in s:
            return [p for p in (part.strip() for part in s.split(sep)) if p != ""]
    s = s.translate(_MINUS)
    dash = _DASH_RE.match(s)
    if dash:
        return [dash["a"], dash["b"]]
    parts = _RANGE_WORDS.split(s)
    if len(parts) == 1 and n > 1:
        parts = s.split()
    return [p.strip() for p in parts if p.strip()]


def _values(answer, n: int) -> list:
    """The answer as a list of raw values (one per entry when it is well formed)."""
    if isinstance(answer, str):
        return _split_text(answer, n) if n > 1 else [answer]
    if isinstance(answer, np.ndarray):
        return list(answer.ravel()) if answer.ndim > 0 else [answer]
    if isinstance(answer, Sequence | set | frozenset):
        return list(answer)
    return [answer]


def _entry(entry, raw, position: str):
    if entry.kind == "choice":
        if not isinstance(raw, str):
            raise Unreadable(
                f"{position} is {_describe(raw)}; write one of {entry.listed}, in quotes."
            )
        got = entry.parse(raw)
        if got is None:
            raise Unreadable(f"{raw!r} is not one of the options; write one of {entry.listed}.")
        return got
    return _real(raw, position)


def read(entries: Sequence, answer) -> tuple:
    """One value per entry, read from what the student wrote (see the module docstring).

    Raises
    ------
    Unreadable
        The answer cannot be read in any order; the message says what to write.
    """
    n = len(entries)
    values = _values(answer, n)
    if n == 1 and len(values) != 1:
        raise Unreadable(
            f"your answer holds {len(values)} values ({type(answer).__name__}); write a single "
            f"{'option' if entries[0].kind == 'choice' else 'number'}, e.g. "
            f"{_example(entries)}, not [{_example(entries)}]."
        )
    if len(values) != n:
        raise Unreadable(
            f"your answer holds {len(values)} value(s); write exactly {n}, {format_of(entries)}."
        )
    label = "your answer" if n == 1 else "entry {} of your answer"
    return tuple(
        _entry(e, v, label.format(i + 1))
        for i, (e, v) in enumerate(zip(entries, values, strict=False))
    )


def _example(entries) -> str:
    e = entries[0]
    return repr(e.options[0]) if e.kind == "choice" else "0.25"


def format_of(entries: Sequence) -> str:
    """How to write an answer with these entries: ``"(q_min, q_max), e.g. (0.25, 0.75)"``."""
    if len(entries) == 1:
        e = entries[0]
        if e.kind == "choice":
            return f"one of {e.listed}"
        if e.integer:
            return "a whole number, e.g. 12"
        return "a number, e.g. 0.25, 1/4 or '25%'"
    names = ", ".join(e.name for e in entries)
    ex = ", ".join(
        repr(e.options[0]) if e.kind == "choice" else ("3" if e.integer else f"0.{2 + 5 * i}5")
        for i, e in enumerate(entries)
    )
    return f"({names}), e.g. ({ex})"
