"""Numbers in words: the ICD 203 expressions of likelihood and the memo's number formats.

These are the filters of the memo's templates (:mod:`deterrence.memo.render`): a probability
reads "likely (62%)", a number keeps the digits its inputs support (5.16, 96.4, 1,250).

Source: ICD 203 *Analytic Standards* (Office of the Director of National Intelligence, 2015),
the table of expressions of likelihood.
"""

from __future__ import annotations

import math

import numpy as np

from .._check import probability
from ..errors import ParameterError

__all__ = [
    "likelihood_phrase",
    "LIKELIHOOD_TERMS",
    "pct",
    "num",
    "judge",
    "chance",
    "cap",
    "unit_suffix",
    "span",
]

#: ICD 203 expressions of likelihood, with the probability range of each (ODNI 2015, p. 3).
LIKELIHOOD_TERMS = (
    ("almost no chance", 0.01, 0.05),
    ("very unlikely", 0.05, 0.20),
    ("unlikely", 0.20, 0.45),
    ("roughly even chance", 0.45, 0.55),
    ("likely", 0.55, 0.80),
    ("very likely", 0.80, 0.95),
    ("almost certain", 0.95, 0.99),
)


def likelihood_phrase(p) -> str:
    """The ICD 203 expression of likelihood for a probability.

    Ranges (ICD 203): almost no chance 1–5%, very unlikely 5–20%, unlikely 20–45%, roughly even
    chance 45–55%, likely 55–80%, very likely 80–95%, almost certain 95–99%. The two extreme
    terms also cover the ends, [0, 1%) and (99%, 100%]. The published ranges share their end
    points; here a probability exactly on a boundary takes the term nearer to even chance (5% is
    "very unlikely", 45% and 55% "roughly even chance", 95% "very likely"), so a boundary case
    never sounds more certain than the number.

    Parameters
    ----------
    p : float
        A probability in [0, 1].

    Returns
    -------
    str

    Raises
    ------
    ProbabilityError
        `p` outside [0, 1] (a percentage such as 52 instead of 0.52, say).

    Examples
    --------
    >>> likelihood_phrase(0.026), likelihood_phrase(0.05), likelihood_phrase(0.52)
    ('almost no chance', 'very unlikely', 'roughly even chance')
    >>> likelihood_phrase(0.55), likelihood_phrase(0.551), likelihood_phrase(0.999)
    ('roughly even chance', 'likely', 'almost certain')
    """
    value = probability(p, "p")
    if np.ndim(value) != 0:
        raise ParameterError(f"p must be one probability; got an array of shape {np.shape(p)}.")
    value = float(value)
    below = value <= 0.5
    # from the extreme term towards even chance; a value on a boundary falls through to the
    # next term, the one nearer to even chance
    outer = LIKELIHOOD_TERMS[:3] if below else LIKELIHOOD_TERMS[:3:-1]
    for term, low, high in outer:
        if (value < high) if below else (value > low):
            return term
    return "roughly even chance"


def pct(p: float) -> str:
    """A probability as a percentage with the digits a memo needs.

    Examples
    --------
    >>> pct(0.026), pct(0.5157), pct(0.995), pct(0.0004), pct(0)
    ('2.6%', '52%', '99.5%', '<0.1%', '0%')
    """
    x = 100.0 * float(p)
    if x == 0.0:
        return "0%"
    if x < 0.1:
        return "<0.1%"
    if x > 99.9 and x < 100.0:
        return ">99.9%"
    if x < 10.0 or x > 90.0:
        return f"{x:.1f}".removesuffix(".0") + "%"
    return f"{x:.0f}%"


def judge(p: float) -> str:
    """'likely (62%)': the ICD 203 term with the number beside it."""
    return f"{likelihood_phrase(p)} ({pct(p)})"


def chance(p: float, event: str) -> str:
    """The likelihood of an event named by a noun phrase, as a clause.

    Examples
    --------
    >>> chance(0.026, "escalation")
    'there is almost no chance (2.6%) of escalation'
    >>> chance(0.62, "escalation")
    'escalation is likely (62%)'
    """
    term = likelihood_phrase(p)
    if term.endswith("chance"):
        article = "a " if term.startswith("roughly") else ""
        return f"there is {article}{term} ({pct(p)}) of {event}"
    return f"{event} is {term} ({pct(p)})"


def num(x, digits: int = 3) -> str:
    """A number for prose and tables: whole numbers as such, others to `digits` significant
    digits without exponent notation.

    Examples
    --------
    >>> num(5.1634), num(96.43), num(0.14), num(1250.4), num(20000), num(20.4655, 4)
    ('5.16', '96.4', '0.14', '1,250', '20,000', '20.47')
    """
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}" if abs(x) >= 10_000 else str(int(x))
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    text = f"{x:.{digits}g}"
    if "e" in text:
        text = f"{x:.{digits + 3}f}".rstrip("0").rstrip(".")
    return text


def span(lo, hi) -> str:
    """'6.47–20.5': a range of two numbers."""
    return f"{num(lo)}–{num(hi)}"


def unit_suffix(unit: str) -> str:
    """' leakers' after a number; nothing for probabilities."""
    return "" if unit == "probability" else f" {unit}"


def cap(text: str) -> str:
    """The text with its first letter capitalised."""
    return text[:1].upper() + text[1:]
