"""Paths of learning and evolutionary dynamics, with the game's Nash equilibria marked.

Draws a :class:`~deterrence.solve.dynamics.DynamicsResult` (computed by
``deterrence.solve.dynamics``; the equilibria to mark travel in the result, so this module never
solves):

* ``kind="simplex"``: a 2×2 game as the unit square (each axis: the probability of a player's
  first strategy); a one-population game of 3 strategies on the triangle (barycentric
  coordinates: each corner is a pure strategy);
* ``kind="time"``: every strategy's probability against time, row player solid, column
  player dashed, the Nash probabilities as ticks on the right edge;
* ``kind="auto"``: the simplex when it applies, else time.
"""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from .style import LINESTYLES, OKABE_ITO, PALETTE, axes_or_new

__all__ = ["draw_dynamics", "KINDS"]

#: the chart kinds :func:`draw_dynamics` knows
KINDS = ("auto", "simplex", "time")
_NASH = {"marker": "*", "s": 160, "color": OKABE_ITO["vermillion"], "zorder": 5}


def _simplex_fits(result) -> str | None:
    m, n = result.game.shape
    if result.col is None and m == 3:
        return "triangle"
    if result.col is not None and m == 2 and n == 2:
        return "square"
    return None


def _ternary(P: np.ndarray) -> np.ndarray:
    # corners: strategy 0 at (0, 0), 1 at (1, 0), 2 at (1/2, √3/2)
    P = np.atleast_2d(P)
    return np.stack([P[:, 1] + 0.5 * P[:, 2], np.sqrt(3) / 2 * P[:, 2]], axis=1)


def draw_dynamics(result, ax=None, *, kind: str = "auto"):
    """Draw a dynamics path on the strategy simplex or against time.

    Parameters
    ----------
    result : DynamicsResult
        From :func:`deterrence.solve.dynamics.fictitious_play` and friends.
    ax : matplotlib Axes, optional
    kind : {"auto", "simplex", "time"}

    Returns
    -------
    matplotlib.axes.Axes
        Gids: ``"path"`` (the trajectory on the simplex), ``"path:<player>:<strategy>"``
        (a line against time), ``"start"``, ``"end"``, ``"nash"`` (the equilibria marked).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.solve.dynamics import fictitious_play
    >>> ax = draw_dynamics(fictitious_play(dt.games.matching_pennies(), iterations=200, seed=0))
    >>> ax.get_xlabel()
    'Matcher: P(heads) (probability)'
    """
    if kind not in KINDS:
        raise ParameterError(f"kind must be one of {KINDS}; got {kind!r}.")
    shape = _simplex_fits(result)
    if kind == "simplex" and shape is None:
        raise ParameterError(
            f"kind='simplex' draws 2x2 games (two populations) or 3-strategy one-population "
            f"dynamics; this path is {result.game.shape[0]}x{result.game.shape[1]}"
            f"{' (one population)' if result.col is None else ''}. Use kind='time'."
        )
    ax = axes_or_new(ax, figsize=(5.2, 5.0) if (kind != "time" and shape) else (6.4, 4.2))
    if kind == "time" or shape is None:
        _time(result, ax)
    elif shape == "square":
        _square(result, ax)
    else:
        _triangle(result, ax)
    title = f"{result.dynamics.capitalize()}: {result.game.name or 'game'}"
    ax.set_title(title, fontsize="medium")
    return ax


def _nash_label(result) -> str:
    return "Nash equilibria" + ("" if result.nash_complete else " (some)")


def _square(result, ax):
    (pr, pc), (rows, cols) = result.game.players, result.game.strategies
    x, y = result.row[:, 0], result.col[:, 0]
    ax.plot(x, y, color=PALETTE[0], linewidth=1.0, gid="path", label=result.dynamics)
    ax.scatter([x[0]], [y[0]], color=PALETTE[0], marker="o", gid="start", label="start")
    ax.scatter([x[-1]], [y[-1]], color=PALETTE[0], marker="s", gid="end", label="end")
    if result.nash:
        pts = np.array([[a[0], b[0]] for a, b in result.nash])
        ax.scatter(pts[:, 0], pts[:, 1], gid="nash", label=_nash_label(result), **_NASH)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xlabel(f"{pr}: P({rows[0]}) (probability)")
    ax.set_ylabel(f"{pc}: P({cols[0]}) (probability)")
    ax.legend(loc="best", fontsize="small")


def _triangle(result, ax):
    labels = result.game.strategies[0]
    corners = _ternary(np.eye(3))
    ax.plot(*np.vstack([corners, corners[:1]]).T, color="#555555", linewidth=0.8, gid="simplex")
    for (cx, cy), lab, (dx, dy) in zip(
        corners, labels, ((-0.02, -0.05), (0.02, -0.05), (0, 0.03)), strict=True
    ):
        ax.annotate(lab, (cx + dx, cy + dy), ha="center", fontsize="small", gid="corner")
    P = _ternary(result.row)
    ax.plot(P[:, 0], P[:, 1], color=PALETTE[0], linewidth=1.2, gid="path", label=result.dynamics)
    ax.scatter(*P[0], color=PALETTE[0], marker="o", gid="start", label="start")
    ax.scatter(*P[-1], color=PALETTE[0], marker="s", gid="end", label="end")
    if result.nash:
        N = _ternary(np.array([a for a, _ in result.nash]))
        ax.scatter(N[:, 0], N[:, 1], gid="nash", label=_nash_label(result), **_NASH)
    ax.set_xlim(-0.08, 1.08)
    ax.set_ylim(-0.1, 0.95)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.text(
        0.5,
        -0.09,
        "population shares (barycentric: a corner is everyone playing it)",
        ha="center",
        fontsize="small",
    )
    ax.legend(loc="upper right", fontsize="small")


def _time(result, ax):
    (pr, pc), (rows, cols) = result.game.players, result.game.strategies
    t = result.time
    series = [(pr if result.col is not None else "share", rows, result.row, 0, LINESTYLES[0])]
    if result.col is not None:
        series.append((pc, cols, result.col, 1, LINESTYLES[1]))
    for who, labels, P, _, style in series:
        for k, lab in enumerate(labels):
            ax.plot(t, P[:, k], color=PALETTE[k % len(PALETTE)], linestyle=style,
                    gid=f"path:{who}:{lab}", label=f"{who}: {lab}")  # fmt: skip
    for a, b in result.nash:
        for *_, side, _style in series:
            v = a if side == 0 else b
            ax.scatter(np.full(len(v), t[-1]), v, clip_on=False, gid="nash",
                       **{**_NASH, "s": 60})  # fmt: skip
    if result.nash:
        ax.scatter([], [], label=_nash_label(result), **{**_NASH, "s": 60})
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(result.time_label)
    ax.set_ylabel("probability (frequency or share)")
    ax.legend(loc="best", fontsize="small")
