"""Shared validators: finite arrays, shapes, probabilities, counts, orderings.

Each validator names the field in its error message, says what was wrong and how to fix it.
Model modules call these at construction, never deep inside a solver.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from collections.abc import Sequence

import numpy as np

from .errors import InvalidGameError, ParameterError, ProbabilityError

__all__ = [
    "finite_array",
    "payoff_matrix",
    "real_array",
    "probability",
    "positive",
    "nonnegative",
    "count",
    "in_range",
    "strict_order",
    "labels",
    "payoffs_by_name",
]


def _as_float_array(value, field: str, error=ParameterError) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise error(
            f"{field} must be numeric; got {value!r} ({type(value).__name__}). "
            "Pass numbers (int or float), not strings or None."
        ) from exc
    return arr


def finite_array(value, field: str, *, error=ParameterError) -> np.ndarray:
    """Return `value` as a float array, raising if any entry is NaN or infinite.

    Examples
    --------
    >>> finite_array([1, 2.5], "payoffs")
    array([1. , 2.5])
    >>> finite_array([1, float("nan")], "payoffs")
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: payoffs contains a non-finite value (nan) at index (1,); every entry must be a finite number.
    """
    arr = _as_float_array(value, field, error)
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise error(
            f"{field} contains a non-finite value ({arr[idx]}) at index {idx}; "
            "every entry must be a finite number."
        )
    return arr


def real_array(value, field: str) -> np.ndarray:
    """`value` as a finite float array, refusing strings, booleans, complex numbers and integers
    beyond the float range by name (numpy would convert or truncate them silently).

    Examples
    --------
    >>> real_array([[1, 2]], "A")
    array([[1., 2.]])
    >>> real_array([[1j, 2]], "A")
    Traceback (most recent call last):
    ...
    deterrence.errors.InvalidGameError: A must be numeric (real numbers, int or float); it holds complex numbers. ...
    """
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidGameError(
            f"{field} must be a rectangular array of numbers; got {value!r:.200} ({exc}). Give "
            "every row the same number of entries."
        ) from exc
    kind = raw.dtype.kind
    if kind == "O":
        for idx, v in np.ndenumerate(raw):
            if isinstance(v, bool | np.bool_) or not isinstance(v, numbers.Real):
                what = "a boolean" if isinstance(v, bool | np.bool_) else type(v).__name__
                raise InvalidGameError(
                    f"{field}: entry [{', '.join(map(str, idx))}] = {v!r:.80} is {what}, not a real "
                    "number; payoffs must be int or float."
                )
            if isinstance(v, numbers.Integral) and abs(int(v)) > _FLOAT_MAX_INT:
                raise InvalidGameError(
                    f"{field}: entry [{', '.join(map(str, idx))}] is an integer of {len(str(abs(int(v))))} "
                    "digits, beyond the largest float (about 1.8e308). Rescale the payoffs "
                    "(equilibria do not change when a player's payoffs are divided by a "
                    "positive constant)."
                )
    elif kind not in "iuf":
        what = {"b": "booleans", "c": "complex numbers", "U": "strings", "S": "bytes"}.get(
            kind, f"values of type {raw.dtype}"
        )
        raise InvalidGameError(
            f"{field} must be numeric (real numbers, int or float); it holds {what}. Write "
            "payoffs as numbers, e.g. [[3, 0], [5, 1]]."
        )
    return finite_array(raw, field, error=InvalidGameError)


_FLOAT_MAX_INT = int(np.finfo(float).max)


def payoff_matrix(value, field: str) -> np.ndarray:
    """A non-empty, finite, two-dimensional payoff matrix (read-only copy).

    Refuses strings, booleans, complex numbers, integers beyond the float range and payoffs
    whose spread (max - min) is not a finite float, each with an :class:`InvalidGameError`
    naming the field.

    Examples
    --------
    >>> payoff_matrix([[1, 2], [3, 4]], "A")
    array([[1., 2.],
           [3., 4.]])
    >>> payoff_matrix([[1e308, -1e308]], "A")
    Traceback (most recent call last):
    ...
    deterrence.errors.InvalidGameError: A spans -1e+308 to 1e+308: ...
    """
    if isinstance(value, str | bytes):
        raise InvalidGameError(f"{field} must be a 2-D array of numbers; got the string {value!r}.")
    arr = real_array(value, field)
    if arr.ndim != 2:
        hint = (
            "wrap a single row as [[...]]"
            if arr.ndim == 1
            else "use dt.solve_many for a stack of games"
            if arr.ndim == 3
            else "give one payoff per (row, column) cell"
        )
        raise InvalidGameError(
            f"{field} must be 2-D (rows = row player's strategies, columns = column player's); "
            f"got {arr.ndim}-D with shape {arr.shape}: {hint}."
        )
    if arr.size == 0:
        raise InvalidGameError(
            f"{field} is empty (shape {arr.shape}); each player needs at least one strategy."
        )
    lo, hi = float(arr.min()), float(arr.max())
    with np.errstate(over="ignore"):
        spread = hi - lo
    if not math.isfinite(spread):
        raise InvalidGameError(
            f"{field} spans {lo:g} to {hi:g}: the spread exceeds the largest float (about "
            "1.8e308), so payoff differences cannot be represented. Divide the payoffs by a "
            "common positive factor (equilibria are unchanged)."
        )
    arr = arr.copy()
    arr.setflags(write=False)
    return arr


def _scalar_or_array(value, field: str):
    if isinstance(value, bool) or value is None or isinstance(value, str | bytes):
        raise ParameterError(f"{field} must be a number; got {value!r} ({type(value).__name__}).")
    if isinstance(value, numbers.Real):
        v = float(value)
        if not math.isfinite(v):
            raise ParameterError(f"{field} must be finite; got {v}.")
        return v
    return finite_array(value, field)


def probability(value, field: str):
    """Check that `value` (scalar or array) lies in [0, 1]; return it as float(s).

    Examples
    --------
    >>> probability(0.3, "p_kill")
    0.3
    >>> probability(1.2, "p_kill")
    Traceback (most recent call last):
    ...
    deterrence.errors.ProbabilityError: p_kill must be a probability in [0, 1]; got 1.2. ...
    """
    try:
        v = _scalar_or_array(value, field)
    except ParameterError as exc:
        raise ProbabilityError(str(exc)) from None
    arr = np.asarray(v)
    if np.any((arr < 0) | (arr > 1)):
        bad = float(arr[(arr < 0) | (arr > 1)].flat[0]) if arr.ndim else float(arr)
        raise ProbabilityError(
            f"{field} must be a probability in [0, 1]; got {bad:g}. "
            "Give a fraction (0.8), not a percentage (80)."
        )
    return v


def in_range(value, field: str, low=-math.inf, high=math.inf, *, closed=(True, True), unit=""):
    """Check low <= value <= high (or strict where `closed` says); return float(s)."""
    v = _scalar_or_array(value, field)
    arr = np.asarray(v)
    lo_bad = arr < low if closed[0] else arr <= low
    hi_bad = arr > high if closed[1] else arr >= high
    bad = lo_bad | hi_bad
    if np.any(bad):
        got = float(arr[bad].flat[0]) if arr.ndim else float(arr)
        lb = "[" if closed[0] else "("
        rb = "]" if closed[1] else ")"
        u = f" {unit}" if unit else ""
        raise ParameterError(f"{field} must lie in {lb}{low:g}, {high:g}{rb}{u}; got {got:g}.")
    return v


def positive(value, field: str, unit=""):
    """Check value > 0."""
    return in_range(value, field, 0.0, math.inf, closed=(False, True), unit=unit)


def nonnegative(value, field: str, unit=""):
    """Check value >= 0."""
    return in_range(value, field, 0.0, math.inf, unit=unit)


#: the largest count accepted: 2**53, the largest integer a float64 holds exactly
MAX_COUNT = 2**53


def _short(value) -> str:
    """`value` for a message, shortened (a 5,000-digit integer is not printed whole)."""
    if isinstance(value, int) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1:,} digits"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def count(value, field: str, *, minimum: int = 0):
    """Check an integer count >= `minimum`; arrays of integers are accepted too.

    Examples
    --------
    >>> count(3, "shots")
    3
    >>> count(2.5, "shots")
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: shots must be a whole number >= 0; got 2.5.
    """
    if isinstance(value, bool) or isinstance(value, str | bytes) or value is None:
        raise ParameterError(f"{field} must be a whole number >= {minimum}; got {value!r}.")
    if isinstance(value, int | float) and not isinstance(value, np.generic):
        # checked as a Python number, before any numpy cast (10**20 would wrap in int64)
        if isinstance(value, float) and not math.isfinite(value):
            raise ParameterError(f"{field} must be a whole number >= {minimum}; got {value!r}.")
        if abs(value) > MAX_COUNT:
            raise ParameterError(
                f"{field} must be a whole number at most {MAX_COUNT:,} (2**53, the largest "
                f"count held exactly); got {_short(value)}."
            )
    arr = np.asarray(value)
    if arr.dtype.kind == "O":
        raise ParameterError(f"{field} must be a whole number >= {minimum}; got {_short(value)}.")
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
            bad = arr.flat[0] if arr.ndim else arr
            raise ParameterError(f"{field} must be a whole number >= {minimum}; got {bad}.")
        if np.any(np.abs(arr) > MAX_COUNT):
            raise ParameterError(
                f"{field} must be a whole number at most {MAX_COUNT:,} (2**53); got "
                f"{np.max(np.abs(arr)):g}."
            )
        arr = arr.astype(np.int64)
    elif arr.dtype.kind not in "iu":
        raise ParameterError(f"{field} must be a whole number >= {minimum}; got {value!r}.")
    if np.any(arr < minimum):
        bad = int(arr[arr < minimum].flat[0]) if arr.ndim else int(arr)
        raise ParameterError(f"{field} must be a whole number >= {minimum}; got {bad}.")
    return int(arr) if arr.ndim == 0 else arr


def strict_order(values: dict, model: str) -> None:
    """Check that the named values are strictly increasing in the given order.

    Values may be numpy arrays (broadcast together); the first element that breaks the
    ordering is reported.

    Examples
    --------
    >>> strict_order({"aDD": -1, "aSQ": 0, "aDC": 1}, "asymmetric deterrence")
    >>> strict_order({"aDD": 0, "aSQ": 0, "aDC": 1}, "asymmetric deterrence")
    Traceback (most recent call last):
    ...
    deterrence.errors.ParameterError: asymmetric deterrence requires aDD < aSQ < aDC; got aDD=0 >= aSQ=0. ...
    """
    names = list(values)
    arrays = np.broadcast_arrays(*(np.asarray(values[k], dtype=float) for k in names))
    for lo, hi in zip(names, names[1:], strict=False):
        a, b = arrays[names.index(lo)], arrays[names.index(hi)]
        broken = ~(a < b)
        if broken.any():
            idx = tuple(np.argwhere(broken)[0]) if broken.ndim else ()
            where = f" at index {idx}" if idx else ""
            order = " < ".join(names)
            raise ParameterError(
                f"{model} requires {order}; got {lo}={float(a[idx]):g} >= {hi}={float(b[idx]):g}"
                f"{where}. Change the payoffs so the ordering that defines the model holds "
                "(or pass strict=False where the builder offers it)."
            )


def labels(value: Sequence[str] | None, n: int, field: str, default_prefix: str) -> tuple[str, ...]:
    """Validate `n` distinct, non-empty string labels (default: prefix + index)."""
    if value is None:
        return tuple(f"{default_prefix}{i}" for i in range(n))
    if isinstance(value, str):
        raise InvalidGameError(
            f"{field} must be a sequence of {n} labels, not the string {value!r}."
        )
    out = tuple(value)
    if len(out) != n:
        raise InvalidGameError(
            f"{field} has {len(out)} labels but the payoff matrix needs {n}: give one label per "
            "strategy, in matrix order."
        )
    for s in out:
        if not isinstance(s, str) or not s.strip():
            raise InvalidGameError(f"{field} labels must be non-empty strings; got {s!r}.")
    dupes = sorted({s for s in out if out.count(s) > 1})
    if dupes:
        raise InvalidGameError(
            f"{field} has duplicate labels {dupes}; every strategy needs a distinct name."
        )
    return out


def payoffs_by_name(func):
    """Make a builder whose payoffs are keyword-only explain a positional call.

    Payoff orders differ across the literature (Chicken's (R, S, T, P), the repeated
    Prisoner's Dilemma's (T, R, P, S) ...), so builders take their payoffs by name; a positional
    call gets a TypeError that spells out the keyword call to write.

    Examples
    --------
    >>> @payoffs_by_name
    ... def pd(*, T=5, R=3, P=1, S=0):
    ...     return T - R
    >>> pd(T=6)
    3
    >>> pd(5, 3, 1, 0)
    Traceback (most recent call last):
    ...
    TypeError: pd() takes its payoffs by name (orders differ across the literature): write pd(T=5, R=3, P=1, S=0).
    """
    names = [
        p.name
        for p in inspect.signature(func).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if args:
            given = ", ".join(f"{k}={v!r}" for k, v in zip(names, args, strict=False))
            raise TypeError(
                f"{func.__name__}() takes its payoffs by name (orders differ across the "
                f"literature): write {func.__name__}({given})."
            )
        return func(**kwargs)

    return wrapper
