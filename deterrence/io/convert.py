"""Conversions to pygambit (the independent solver of the field; an optional dependency)."""

from __future__ import annotations

from ..errors import MissingExtraError

__all__ = ["to_pygambit"]


def _pygambit():
    try:
        import pygambit
    except ImportError:  # pragma: no cover - pygambit is in the test extra
        raise MissingExtraError(
            "to_pygambit needs pygambit: pip install pygambit (or the 'test' extra)."
        ) from None
    return pygambit


def to_pygambit(game_or_tree):
    """A ``pygambit.Game`` of a :class:`~deterrence.game.Game` or
    :class:`~deterrence.tree.GameTree`.

    A Game goes through ``pygambit.Game.from_arrays`` with the payoffs as exact rationals of
    the floats (so Gambit solves the very same game), with the player and strategy labels; a
    tree goes through its ``.efg`` text.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = to_pygambit(dt.games.prisoners_dilemma())
    >>> [p.label for p in g.players], [s.label for s in list(g.players)[0].strategies]
    (['Row', 'Column'], ['cooperate', 'defect'])
    """
    from ..game import Game
    from ..tree import GameTree

    if isinstance(game_or_tree, Game):
        return game_or_tree.to_pygambit()
    if isinstance(game_or_tree, GameTree):
        import io

        from .gambit import efg_text

        return _pygambit().read_efg(io.StringIO(efg_text(game_or_tree)))
    raise TypeError(f"to_pygambit takes a Game or a GameTree; got {type(game_or_tree).__name__}.")
