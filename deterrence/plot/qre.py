"""Quantal response charts: choice probabilities against the precision λ.

* :func:`qre_path` draws a bimatrix game's principal QRE branch
  (:class:`deterrence.solve.qre.QREPath`), each strategy's probability against λ, with the Nash
  equilibrium the branch converges to marked at its end;
* :func:`choice_curves` draws any table of choice probabilities against λ (e.g. the agent QRE of
  the crisis tree's response classes), with an optional marked λ (where the modal choice changes).

λ is drawn on a symmetric-log axis (linear below 1, logarithmic above), because the branch moves
fast at small λ and slowly near the Nash limit. Sources: McKelvey & Palfrey (1995), *Games and
Economic Behavior* 10:6–38; Turocy (2005), *Games and Economic Behavior* 51:243–263.
"""

from __future__ import annotations

import numpy as np

from .style import LINESTYLES, PALETTE, axes_or_new, mark_threshold

__all__ = ["qre_path", "choice_curves"]


def _lam_label(units: str) -> str:
    return (
        "λ (precision, per normalised payoff range)"
        if units == "normalized"
        else "λ (precision, per payoff unit)"
    )


def qre_path(path, *, ax=None):
    """Each strategy's probability along the principal QRE branch, the Nash limit marked.

    Parameters
    ----------
    path : QREPath
        From :func:`deterrence.solve.qre.qre_path` (``dt.qre_path(game)``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per strategy (gid ``"qre:<player>: <strategy>"``; the row player solid, the
        column player dashed); the Nash limit as markers at the branch's end (gid
        ``"nash_limit"``), absent when the result has none.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.plot.style import find_artists
    >>> ax = dt.qre_path(dt.games.chicken()).plot()
    >>> len(find_artists(ax, "nash_limit"))
    1
    """
    ax = axes_or_new(ax)
    lam = np.asarray(path.lam)
    groups = (
        (path.players[0], path.row_labels, path.row, path.nash_row, LINESTYLES[0]),
        (path.players[1], path.col_labels, path.col, path.nash_col, LINESTYLES[1]),
    )
    nash_x, nash_y = [], []
    for g, (player, labels, P, nash, ls) in enumerate(groups):
        for k, s in enumerate(labels):
            colour = PALETTE[(k + g * 3) % len(PALETTE)]
            ax.plot(
                lam,
                P[:, k],
                ls=ls,
                color=colour,
                label=f"{player}: {s}",
                gid=f"qre:{player}: {s}",
            )
            if nash is not None:
                nash_x.append(lam[-1])
                nash_y.append(nash[k])
    if nash_x:
        ax.scatter(
            nash_x,
            nash_y,
            marker="D",
            s=28,
            facecolor="none",
            edgecolor="black",
            zorder=5,
            label="Nash limit",
            gid="nash_limit",
        )
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlim(0, float(lam.max()))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_lam_label(path.units))
    ax.set_ylabel("probability of the strategy")
    ax.set_title(f"Logit QRE branch — {path.name or 'game'}")
    ax.legend(fontsize="small", loc="best")
    return ax


def choice_curves(lam, probabilities, *, units="normalized", mark=None, title=None, ax=None):
    """Choice probabilities against λ, one line per choice; optionally a marked λ.

    Parameters
    ----------
    lam : array_like, shape (k,)
        λ values (≥ 0).
    probabilities : mapping str -> array_like of shape (k,)
        Probability of each choice at each λ.
    units : {"normalized", "payoff"}
        Units of λ (axis label).
    mark : (float, str), optional
        A λ to mark with a vertical line and its label (gid ``"threshold"``).
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per choice (gid ``"choice:<name>"``).

    Examples
    --------
    >>> from deterrence.plot.style import find_artists
    >>> ax = choice_curves([0, 1, 2], {"a": [0.5, 0.7, 0.8], "b": [0.5, 0.3, 0.2]}, mark=(0.5, "x"))
    >>> find_artists(ax, "choice:a")[0].get_ydata().tolist()
    [0.5, 0.7, 0.8]
    """
    ax = axes_or_new(ax)
    lam = np.asarray(lam, float)
    for k, (name, p) in enumerate(probabilities.items()):
        ax.plot(
            lam,
            np.asarray(p, float),
            color=PALETTE[k % len(PALETTE)],
            label=name,
            gid=f"choice:{name}",
        )
    if mark is not None:
        mark_threshold(ax, float(mark[0]), mark[1])
    ax.set_xscale("symlog", linthresh=1.0)
    ax.set_xlim(0, float(lam.max()))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_lam_label(units))
    ax.set_ylabel("choice probability")
    if title:
        ax.set_title(title)
    ax.legend(fontsize="small", loc="best")
    return ax
