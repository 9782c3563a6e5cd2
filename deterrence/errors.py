"""Exceptions and warnings of `deterrence`.

Every exception subclasses :class:`DeterrenceError` *and* the matching built-in, so
``except ValueError`` keeps working for callers that do not know this package.  Messages
name the field, the bad value, the allowed range and the fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "DeterrenceError",
    "InvalidGameError",
    "ProbabilityError",
    "ParameterError",
    "ScenarioError",
    "ScenarioProbabilityError",
    "GameTooLargeError",
    "SolverTimeoutError",
    "EquilibriumCheckError",
    "OutputExistsError",
    "UnsafeOutputError",
    "OutputNotADirectoryError",
    "MissingExtraError",
    "ResourceBudgetError",
    "BuilderError",
    "IdentificationError",
    "DeterrenceWarning",
    "DegenerateGameWarning",
    "DeprecatedKeyWarning",
    "NearTieWarning",
    "close_match_hint",
]


class DeterrenceError(Exception):
    """Base class of every error raised on purpose by `deterrence`."""


class InvalidGameError(DeterrenceError, ValueError):
    """A game (matrix or tree) is malformed: shapes, labels, non-finite payoffs, cycles."""


class ParameterError(DeterrenceError, ValueError):
    """A model or builder parameter is outside its documented domain or ordering."""


class ProbabilityError(ParameterError):
    """A probability lies outside [0, 1], or probabilities do not sum to 1."""


class ScenarioError(DeterrenceError, ValueError):
    """A scenario file is invalid: TOML syntax, unknown or misspelt key, bad value."""


class ScenarioProbabilityError(ScenarioError, ProbabilityError):
    """A scenario gives a probability outside [0, 1] (catchable as either parent)."""


class GameTooLargeError(DeterrenceError, ValueError):
    """The game is too large for the chosen algorithm to finish in reasonable time."""


class SolverTimeoutError(DeterrenceError, TimeoutError):
    """A solver hit its iteration or time limit before it finished."""


class EquilibriumCheckError(DeterrenceError, ArithmeticError):
    """A computed profile failed verification (a player gains by deviating)."""


class OutputExistsError(DeterrenceError, FileExistsError):
    """An output file exists and overwriting was not asked for (``--force`` / ``force=True``)."""


class UnsafeOutputError(DeterrenceError, OSError):
    """An output path is a device, FIFO, socket or otherwise not a regular file (or directory)."""


class OutputNotADirectoryError(UnsafeOutputError, NotADirectoryError):
    """An output directory (a memo's) exists and is not a directory."""


class ResourceBudgetError(DeterrenceError, MemoryError):
    """A grid, sweep or sample would exceed its memory or time budget (the message says how to raise it)."""


class BuilderError(DeterrenceError, TypeError):
    """A game builder or model function returned something that is not a game or a number."""


class MissingExtraError(DeterrenceError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class IdentificationError(DeterrenceError, ValueError):
    """A statistical model's parameters are not identified by its structure and the data."""


class DeterrenceWarning(UserWarning):
    """Base class of the warnings of `deterrence`."""


class DegenerateGameWarning(DeterrenceWarning):
    """The game is degenerate: some equilibria form continua (components)."""


class DeprecatedKeyWarning(DeterrenceWarning, FutureWarning):
    """A scenario uses a deprecated key (the message names the key to use instead)."""


class NearTieWarning(DeterrenceWarning):
    """Two payoffs (or payoff comparisons) differ by less than the solver's floating-point
    resolution, so whether they tie was decided by a tolerance; the message names the cells."""


def close_match_hint(name: str, choices: Iterable[str]) -> str:
    """Return ``" Did you mean 'x'?"`` for the closest of `choices`, or ``""``.

    Examples
    --------
    >>> close_match_hint("p_kil", ["p_kill", "shots"])
    " Did you mean 'p_kill'?"
    >>> close_match_hint("zzz", ["p_kill"])
    ''
    """
    match = difflib.get_close_matches(str(name), list(choices), n=1, cutoff=0.6)
    return f" Did you mean {match[0]!r}?" if match else ""
