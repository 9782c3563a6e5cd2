"""Missile-defence charts: saturation curves and the launches-needed heat map (MODELS.md §5.3
chart 3).

:func:`saturation_curves` draws P(L ≥ k) against the number of launches n for several
single-shot kill probabilities P_k and interceptor inventories N_I. Without an inventory limit
L ~ Binomial(n, q) with q = r_L·(1 − P_k)^s (``defense.prob_at_least``); with N_I interceptors
the defence engages at most ⌊N_I/s⌋ arriving threats and the rest all leak
(``defense.leaker_pmf``), which bends the curves up once the inventory is spent.
:func:`launches_needed_heatmap` draws n_min(k, p) = min{n : P(L ≥ k) ≥ p}
(``defense.launches_needed``) over a grid of leakers wanted k and confidence p.

Sources: Wilkening (2000), *Science & Global Security* 8(2):183–215; MODELS.md §2.8 (V20–V23).
"""

from __future__ import annotations

import itertools

import numpy as np

from .._check import count, probability
from ..errors import ParameterError
from ..models import defense
from .style import (
    LINESTYLES,
    PALETTE,
    axes_or_new,
    fmt,
    mark_level,
    mark_point,
)

__all__ = ["saturation_curves", "launches_needed_heatmap"]


def _values(value, field: str) -> list:
    """A scalar or a sequence of values -> list (one curve per value)."""
    if value is None or isinstance(value, int | float | np.integer | np.floating):
        return [value]
    values = list(value)
    if not values:
        raise ParameterError(f"{field} must hold at least one value; got an empty sequence.")
    return values


def _prob_at_least_saturated(k, n, interceptors, p_kill, shots, reliability):
    """P(L >= k) for each salvo size in `n` under saturation (sum of the leaker pmf's tail)."""
    out = np.empty(n.size)
    for i, size in enumerate(n):
        pmf = defense.leaker_pmf(int(size), interceptors, p_kill, shots, reliability)
        out[i] = pmf[k:].sum()
    return np.clip(out, 0.0, 1.0)


def saturation_curves(
    launches,
    *,
    k=1,
    p_kill=(0.6, 0.8, 0.95),
    interceptors=None,
    reliability=1.0,
    shots=1,
    target=None,
    ax=None,
):
    """P(at least k leakers) against the number of launches, one curve per (P_k, N_I).

    Parameters
    ----------
    launches : int or array_like of int
        The salvo sizes n to evaluate (launches), >= 0; an int m means ``range(m + 1)``.
    k : int, keyword-only, default 1
        Leakers wanted, >= 0.
    p_kill : float or sequence of float, keyword-only
        P_k, single-shot kill probabilities, in [0, 1]; one colour each.
    interceptors : None, int or sequence of (int or None), keyword-only
        N_I, interceptors available (None: unlimited); one line style each.
    reliability : float, keyword-only, default 1.0
        r_L, probability that a launched munition arrives, in [0, 1].
    shots : int, keyword-only, default 1
        s, interceptors fired at each threat, >= 1.
    target : float, keyword-only, optional
        A confidence level p in [0, 1] to draw as a horizontal line, with the first plotted
        salvo reaching it marked on each curve (for unlimited inventories it is
        ``defense.launches_needed(k, p, q)`` when that lies in `launches`).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Curves have gid ``"saturation"`` and a label naming P_k and N_I; the level has gid
        ``"target"`` and the marks ``"n_min"``.

    References
    ----------
    Wilkening (2000); MODELS.md §2.8 (V20: q = 0.1, k = 1: P = 0.9015 at n = 22).

    Examples
    --------
    >>> ax = saturation_curves(40, k=1, p_kill=0.9, target=0.9)
    >>> line = ax.get_lines()[0]
    >>> round(float(line.get_ydata()[22]), 4)
    0.9015
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('salvo size n (launches)', 'P(at least 1 leaker)')
    """
    if isinstance(launches, int | np.integer):
        n = np.arange(count(launches, "launches") + 1)
    else:
        n = np.asarray(count(launches, "launches"), dtype=np.int64).ravel()
        if n.size < 2:
            raise ParameterError("launches must hold at least two salvo sizes to draw a curve.")
        n = np.unique(n)
    k = count(k, "k")
    kills = [probability(v, "p_kill") for v in _values(p_kill, "p_kill")]
    inventories = [
        None if v is None else count(v, "interceptors")
        for v in _values(interceptors, "interceptors")
    ]
    reliability = probability(reliability, "reliability")
    shots = count(shots, "shots", minimum=1)
    if target is not None:
        target = probability(target, "target")

    ax = axes_or_new(ax)
    styles = dict(zip(inventories, itertools.cycle(LINESTYLES), strict=False))
    for (i, pk), inventory in itertools.product(enumerate(kills), inventories):
        color = PALETTE[i % len(PALETTE)]
        q = defense.leak_probability(reliability, pk, shots)
        if inventory is None:
            y = defense.prob_at_least(k, n, q)
            stock = "N_I unlimited"
        else:
            y = _prob_at_least_saturated(k, n, inventory, pk, shots, reliability)
            stock = f"N_I = {inventory}"
        label = f"P_k = {fmt(pk)} (q = {fmt(q)})"
        if len(inventories) > 1 or inventory is not None:
            label += f", {stock}"
        ax.plot(n, y, color=color, linestyle=styles[inventory], label=label, gid="saturation")
        if target is not None:
            reached = np.flatnonzero(y >= target)
            if reached.size:
                first = int(n[reached[0]])
                mark_point(ax, first, y[reached[0]], color=color, marker="o", gid="n_min")
    if target is not None:
        mark_level(ax, target, f"p = {fmt(target)}", linestyle=":", text_x=0.99, gid="target")
    ax.set_xlim(float(n[0]), float(n[-1]))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("salvo size n (launches)")
    wanted = "1 leaker" if k == 1 else f"{k} leakers"
    ax.set_ylabel(f"P(at least {wanted})")
    shot_words = "1 shot" if shots == 1 else f"{shots} shots"
    title = f"k = {k}, reliability r_L = {fmt(reliability)}, s = {shot_words} per threat"
    ax.legend(title=title, title_fontsize="small", fontsize="small", loc="best")
    return ax


def launches_needed_heatmap(k_values, p_values, *, q, annotate=None, colorbar=True, ax=None):
    """Heat map of n_min(k, p): the launches needed for P(at least k leakers) >= p.

    Parameters
    ----------
    k_values : sequence of int
        Leakers wanted (rows), each >= 0.
    p_values : sequence of float
        Required probabilities (columns), each in [0, 1).
    q : float, keyword-only
        Per-launch leak probability (``defense.leak_probability``), in (0, 1].
    annotate : bool, keyword-only, optional
        Write n_min in each cell; default when the grid has at most 150 cells.
    colorbar : bool, keyword-only, default True
        Add a colour bar (it takes its space from `ax`'s figure).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        The mesh (gid ``"n_min"``) holds n_min with rows = k and columns = p:
        ``mesh.get_array().reshape(len(k_values), len(p_values))``.

    References
    ----------
    Wilkening (2000); MODELS.md §2.8 (V20–V22: q = 0.1 → 22 at (1, 0.9), 78 at (5, 0.9)).

    Examples
    --------
    >>> ax = launches_needed_heatmap([1, 5], [0.5, 0.9], q=0.1)
    >>> mesh = ax.collections[0]
    >>> mesh.get_array().reshape(2, 2).astype(int).tolist()
    [[7, 22], [47, 78]]
    """
    ks = [count(v, "k_values") for v in _values(k_values, "k_values")]
    ps = [probability(v, "p_values") for v in _values(p_values, "p_values")]
    q = probability(q, "q")
    if q == 0:
        raise ParameterError("q=0: no launch ever leaks, so no salvo reaches any k > 0.")
    grid = np.array([[defense.launches_needed(k, p, q) for p in ps] for k in ks], dtype=float)

    ax = axes_or_new(ax)
    x_edges = np.arange(len(ps) + 1) - 0.5
    y_edges = np.arange(len(ks) + 1) - 0.5
    from matplotlib.colors import LogNorm, Normalize

    positive = grid[grid > 0]
    log = positive.size and positive.max() / max(positive.min(), 1) > 30 and (grid > 0).all()
    norm = LogNorm(vmin=grid.min(), vmax=grid.max()) if log else Normalize(0, grid.max() or 1)
    mesh = ax.pcolormesh(x_edges, y_edges, grid, cmap="cividis", norm=norm, gid="n_min")
    if annotate is None:
        annotate = grid.size <= 150
    if annotate:
        cmap = mesh.get_cmap()
        for (i, j), value in np.ndenumerate(grid):
            rgba = cmap(norm(value))
            # dark text on light cells (luma of the cell colour)
            mid = 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]
            ax.text(
                j,
                i,
                f"{int(value)}",
                ha="center",
                va="center",
                fontsize="x-small" if grid.size > 60 else "small",
                color="black" if mid > 0.5 else "white",
                gid="n_min:label",
            )
    ax.set_xticks(np.arange(len(ps)), [fmt(p) for p in ps])
    ax.set_yticks(np.arange(len(ks)), [str(k) for k in ks])
    ax.set_xlabel("required probability p of at least k leakers")
    ax.set_ylabel("leakers wanted k (munitions)")
    ax.set_title(f"launches needed n_min(k, p) at q = {fmt(q)} per launch", fontsize="medium")
    if colorbar:
        cbar = ax.figure.colorbar(mesh, ax=ax)
        cbar.set_label("launches needed n_min (launches)")
    if len(ps) > 12:
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_ha("right")
    return ax
