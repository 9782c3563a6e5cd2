"""A user's own payoff matrices: a pair of CSV tables, or a TOML game.

CSV: one file per player, the same shape; either numbers only, or a header row of column
strategy labels and a first column of row strategy labels (detected when the first cell is not
a number)::

    ,absorb,escalate
    restraint,0,0
    strike,1,-5

TOML: top-level keys, or the same keys under a ``[game]`` table::

    name = "Chicken"
    players = ["Row", "Column"]
    strategies = [["swerve", "straight"], ["swerve", "straight"]]
    A = [[0, -1], [1, -10]]
    B = [[0, 1], [-1, -10]]
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InvalidGameError, close_match_hint

__all__ = ["read_csv_pair", "read_toml_game", "is_toml_game", "TOML_KEYS"]

#: the keys a TOML game may have
TOML_KEYS = ("name", "players", "strategies", "A", "B")


def _number(cell: str, where: str) -> float:
    try:
        return float(cell)
    except ValueError:
        from fractions import Fraction

        try:
            return float(Fraction(cell.strip()))
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(
                f"{where}: {cell!r} is not a number (write 2, -1.5 or 1/3)."
            ) from None


def _read_csv(path) -> tuple[list[list[float]], list[str] | None, list[str] | None]:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no CSV file {str(path)!r}.")
    with path.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if any(c.strip() for c in r)]
    if not rows:
        raise InvalidGameError(f"{path}: the file has no rows.")
    try:
        float(rows[0][0]) if rows[0][0].strip() else float("x")
        labelled = False
    except ValueError:
        labelled = True
    col_labels = row_labels = None
    start = 0
    if labelled:
        col_labels = [c.strip() for c in rows[0][1:]]
        row_labels = [r[0].strip() for r in rows[1:]]
        start = 1
    out = []
    for k, r in enumerate(rows[start:], start + 1):
        cells = r[1:] if labelled else r
        out.append([_number(c, f"{path}, line {k}, column {j + 1}") for j, c in enumerate(cells)])
    widths = {len(r) for r in out}
    if len(widths) != 1:
        raise InvalidGameError(f"{path}: rows have different numbers of cells {sorted(widths)}.")
    return out, row_labels, col_labels


def read_csv_pair(a_path, b_path, *, players=("Row", "Column"), name=None):
    """A :class:`~deterrence.game.Game` from two CSV tables (row and column player's payoffs).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.csv").write_text(",L,R\\nU,3,0\\nD,5,1\\n")
    >>> _ = (d / "b.csv").write_text(",L,R\\nU,3,5\\nD,0,1\\n")
    >>> g = read_csv_pair(d / "a.csv", d / "b.csv")
    >>> g.strategies, g.B.tolist()
    ((('U', 'D'), ('L', 'R')), [[3.0, 5.0], [0.0, 1.0]])
    """
    from ..game import Game

    A, ra, ca = _read_csv(a_path)
    B, rb, cb = _read_csv(b_path)
    if (ra, ca) != (rb, cb) and None not in (ra, rb):
        raise InvalidGameError(
            f"the two CSV files label the strategies differently: {ra}/{ca} vs {rb}/{cb}."
        )
    strategies = None if ra is None and rb is None else ((ra or rb), (ca or cb))
    return Game(A, B, players=players, strategies=strategies, name=name)


def _game_table(data: dict) -> dict | None:
    if "game" in data and isinstance(data["game"], dict):
        return data["game"]
    if "A" in data:
        return data
    return None


def is_toml_game(path) -> bool:
    """True when the TOML file describes a game (keys ``A``/``B``, or a ``[game]`` table)."""
    import tomllib

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return _game_table(data) is not None


def read_toml_game(path):
    """A :class:`~deterrence.game.Game` from a TOML file (keys ``A``, ``B``, optional labels).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.toml"
    >>> _ = p.write_text('name = "PD"\\nA = [[3, 0], [5, 1]]\\nB = [[3, 5], [0, 1]]\\n')
    >>> read_toml_game(p).name
    'PD'
    """
    import tomllib

    from ..game import Game

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidGameError(f"{path}: invalid TOML: {exc}.") from None
    table = _game_table(data)
    if table is None:
        raise InvalidGameError(
            f"{path}: a TOML game needs the payoff matrices A and B (top level or under "
            "[game]), e.g. A = [[3, 0], [5, 1]]."
        )
    unknown = [k for k in table if k not in TOML_KEYS]
    if unknown:
        raise InvalidGameError(
            f"{path}: unknown key {unknown[0]!r}.{close_match_hint(unknown[0], TOML_KEYS)} "
            f"Keys: {', '.join(TOML_KEYS)}."
        )
    if "B" not in table:
        raise InvalidGameError(f"{path}: the column player's payoffs B are missing.")
    return Game(
        table["A"],
        table["B"],
        players=tuple(table.get("players", ("Row", "Column"))),
        strategies=table.get("strategies"),
        name=table.get("name"),
    )
