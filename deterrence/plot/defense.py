"""Missile-defence charts: saturation curves and the launches-needed heat map.

:func:`saturation_curves` draws a :class:`~deterrence.models.curves.SaturationCurves` result
(``defense.saturation``): P(L ≥ k) against the number of launches n for several single-shot
kill probabilities P_k and interceptor inventories N_I.
:func:`launches_needed_heatmap` draws n_min(k, p) = min{n : P(L ≥ k) ≥ p}
(``defense.launches_needed``) over a grid of leakers wanted k and confidence p.

Source: Wilkening (2000), *Science & Global Security* 8(2):183–215.
"""

from __future__ import annotations

import itertools

import numpy as np

from .._check import count, probability
from ..errors import ParameterError
from ..models import defense
from ..models.curves import SaturationCurves
from ..models.defense import _values
from .style import (
    LINESTYLES,
    PALETTE,
    axes_or_new,
    fmt,
    mark_level,
    mark_point,
)

__all__ = ["saturation_curves", "launches_needed_heatmap"]


def saturation_curves(launches, *, ax=None, **kwargs):
    """P(at least k leakers) against the number of launches, one curve per (P_k, N_I).

    Parameters
    ----------
    launches : SaturationCurves, int or array_like of int
        A :class:`~deterrence.models.curves.SaturationCurves` result
        (:func:`deterrence.models.defense.saturation`), or the salvo sizes to compute one for.
    ax : matplotlib Axes, keyword-only, optional
    **kwargs
        With salvo sizes: the keywords of :func:`deterrence.models.defense.saturation` (``k``,
        ``p_kill``, ``interceptors``, ``reliability``, ``shots``, ``target``).

    Returns
    -------
    matplotlib.axes.Axes
        Curves have gid ``"saturation"`` and a label naming P_k and N_I; the target level has
        gid ``"target"`` and each curve's first salvo reaching it ``"n_min"``.

    References
    ----------
    Wilkening (2000), *Science & Global Security* 8(2):183–215.

    Examples
    --------
    q = 0.1 per launch: P(at least 1 leaker) = 1 − 0.9^n = 0.9015 at n = 22.

    >>> from deterrence.models.defense import saturation
    >>> ax = saturation_curves(saturation(40, k=1, p_kill=0.9, target=0.9))
    >>> line = ax.get_lines()[0]
    >>> round(float(line.get_ydata()[22]), 4)
    0.9015
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('salvo size n (launches)', 'P(at least 1 leaker)')
    """
    if isinstance(launches, SaturationCurves):
        if kwargs:
            raise ParameterError(
                f"{sorted(kwargs)} describe curves to compute; a SaturationCurves result "
                "already holds them."
            )
        result = launches
    else:
        result = defense.saturation(launches, **kwargs)
    ax = axes_or_new(ax)
    n = result.launches
    inventories = list(dict.fromkeys(c.interceptors for c in result.curves))
    kills = list(dict.fromkeys(c.p_kill for c in result.curves))
    styles = dict(zip(inventories, itertools.cycle(LINESTYLES), strict=False))
    for c in result.curves:
        color = PALETTE[kills.index(c.p_kill) % len(PALETTE)]
        stock = "N_I unlimited" if c.interceptors is None else f"N_I = {c.interceptors}"
        label = f"P_k = {fmt(c.p_kill)} (q = {fmt(c.q)})"
        if len(inventories) > 1 or c.interceptors is not None:
            label += f", {stock}"
        ax.plot(
            n, c.probability, color=color, linestyle=styles[c.interceptors], label=label,
            gid="saturation",
        )  # fmt: skip
        if c.first_reaching is not None:
            y = c.probability[int(np.searchsorted(n, c.first_reaching))]
            mark_point(ax, c.first_reaching, y, color=color, marker="o", gid="n_min")
    if result.target is not None:
        target = result.target
        mark_level(ax, target, f"p = {fmt(target)}", linestyle=":", text_x=0.99, gid="target")
    ax.set_xlim(float(n[0]), float(n[-1]))
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("salvo size n (launches)")
    wanted = "1 leaker" if result.k == 1 else f"{result.k} leakers"
    ax.set_ylabel(f"P(at least {wanted})")
    shot_words = "1 shot" if result.shots == 1 else f"{result.shots} shots"
    title = (
        f"k = {result.k}, reliability r_L = {fmt(result.reliability)}, s = {shot_words} per threat"
    )
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
    Wilkening (2000): at q = 0.1, 22 launches for (k, p) = (1, 0.9) and 78 for (5, 0.9).

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
