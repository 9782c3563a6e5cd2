"""Reading and writing games in other tools' formats.

=============================  ===============================================================
``read_gambit(path_or_text)``  a Gambit ``.nfg`` (→ :class:`~deterrence.game.Game`) or
                               ``.efg`` (→ :class:`~deterrence.tree.GameTree`) file or text
``write_gambit(obj, path)``    a Game as ``.nfg``, a GameTree as ``.efg`` (atomic; never
                               overwrites unless ``force=True``)
``to_pygambit(obj)``           a ``pygambit.Game`` (exact rationals of the payoffs)
``read_csv_pair(a, b)``        a Game from two CSV payoff tables
``read_toml_game(path)``       a Game from a TOML table with ``A``, ``B`` and labels
=============================  ===============================================================

``Game.from_nashpy`` / ``Game.to_nashpy`` convert to and from nashpy.

Layer: ``io`` builds games from files, the same job as the builders in ``games``, so it sits at
their rank (it imports only ``game`` and ``tree``); the surfaces (CLI, notebooks) call it, and
the solvers never read files.
"""

from .convert import to_pygambit
from .gambit import read_gambit, write_gambit
from .tables import read_csv_pair, read_toml_game

__all__ = ["read_gambit", "write_gambit", "to_pygambit", "read_csv_pair", "read_toml_game"]
