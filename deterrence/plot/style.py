"""Shared look of the charts: a colour-blind-safe palette and small drawing helpers.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"; recommended by
Wong 2011, *Nature Methods* 8:441), distinguishable under the common colour-vision deficiencies.
Each model quantity keeps one colour across all charts (P(escalation) is always vermillion, the
acceptable window always bluish green ...), and several curves of one chart cycle through
:data:`PALETTE` with different line styles so they stay apart in greyscale too.

The helpers draw on the Axes they are given and nothing else: they never touch ``rcParams``,
the figure size or the layout of a caller's figure. A new figure is created only when the chart
function received ``ax=None`` (:func:`axes_or_new`, :func:`axes_pair_or_new`).

Every helper gives its artists a ``gid`` so tests and users can find them again
(``[a for a in ax.get_children() if a.get_gid() == "window"]``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..errors import ParameterError

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "LINESTYLES",
    "COLORS",
    "axes_or_new",
    "axes_pair_or_new",
    "mark_threshold",
    "mark_level",
    "mark_point",
    "shade_span",
    "shade_between",
    "fmt",
    "find_artists",
]

#: The eight Okabe–Ito colours (hex).
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Order in which several curves of one chart take colours (yellow last: weak on white).
PALETTE = tuple(
    OKABE_ITO[name]
    for name in (
        "blue",
        "vermillion",
        "bluish_green",
        "orange",
        "reddish_purple",
        "sky_blue",
        "black",
        "yellow",
    )
)

#: Line styles paired with :data:`PALETTE` for a second grouping (e.g. interceptor inventories).
LINESTYLES = ("-", "--", ":", "-.")

#: One colour per model quantity, the same in every chart.
COLORS = {
    "weak": OKABE_ITO["blue"],  # P(seen as weak), the effectiveness floor q_min
    "escalation": OKABE_ITO["vermillion"],  # P(escalation), the acceptability ceiling q_max
    "utility": OKABE_ITO["black"],  # U(r), δ*(u_D), n_min
    "window": OKABE_ITO["bluish_green"],  # acceptable / sustained region
    "optimum": OKABE_ITO["reddish_purple"],  # r*, n*
    "threshold": "#555555",  # threshold lines
    "scenario": OKABE_ITO["orange"],  # the scenario's own value (δ, salvo size, ...)
    "low": OKABE_ITO["sky_blue"],  # tornado: parameter at the low end of its range
    "high": OKABE_ITO["orange"],  # tornado: parameter at the high end of its range
}

WINDOW_ALPHA = 0.22

# Labels of threshold lines sit on a translucent white box so curves behind them stay visible
# without running through the text.
_LABEL_BOX = {
    "boxstyle": "square,pad=0.1",
    "facecolor": "white",
    "edgecolor": "none",
    "alpha": 0.75,
}


def axes_or_new(ax, *, figsize=(6.4, 4.2)):
    """Return `ax`, or a new Axes on a new figure when `ax` is None.

    Examples
    --------
    >>> ax = axes_or_new(None)
    >>> axes_or_new(ax) is ax
    True
    """
    if ax is not None:
        if not hasattr(ax, "plot") or not hasattr(ax, "figure"):
            raise ParameterError(
                f"ax must be a matplotlib Axes (e.g. from plt.subplots()); got {ax!r} "
                f"({type(ax).__name__})."
            )
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=figsize)
    return new


def axes_pair_or_new(ax, *, figsize=(6.4, 6.4), height_ratios=(3, 2), sharex=True):
    """Return (figure, (top, bottom)) for a two-panel chart: the caller's pair or a new figure.

    Parameters
    ----------
    ax : None or sequence of two Axes
        The panels to draw on (top, bottom), or None for a new figure.

    Examples
    --------
    >>> fig, (top, bottom) = axes_pair_or_new(None)
    >>> len(fig.axes)
    2
    """
    if ax is None:
        import matplotlib.pyplot as plt

        fig, pair = plt.subplots(
            2, 1, figsize=figsize, sharex=sharex, gridspec_kw={"height_ratios": height_ratios}
        )
        return fig, (pair[0], pair[1])
    if isinstance(ax, str) or not isinstance(ax, Sequence | np.ndarray) or len(ax) != 2:
        raise ParameterError(
            f"ax must be None or two Axes (top, bottom) for this two-panel chart; got {ax!r}. "
            "Fix: fig, ax = plt.subplots(2, 1, sharex=True)."
        )
    top, bottom = (axes_or_new(a) for a in ax)
    return top.figure, (top, bottom)


def fmt(value, digits: int = 3) -> str:
    """A number for a chart label: `digits` significant digits, no trailing zeros.

    Examples
    --------
    >>> fmt(5.16149), fmt(0.5), fmt(1 / 3), fmt(150)
    ('5.16', '0.5', '0.333', '150')
    """
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{digits}g}"


def mark_threshold(
    ax,
    x,
    label=None,
    *,
    color=None,
    linestyle="--",
    side="right",
    text_y=0.97,
    gid="threshold",
    linewidth=1.2,
):
    """Draw a vertical line at `x` with an optional label written along it.

    Parameters
    ----------
    ax : matplotlib Axes
    x : float
        Position in data units.
    label : str, optional
        Text written vertically beside the line (e.g. ``"r* = 5.16"``), on the `side` ("left" or
        "right") of the line; it hangs down from `text_y` (axes fraction) when `text_y` >= 0.5 and
        rises from it otherwise.

    Returns
    -------
    matplotlib.lines.Line2D
        The line (``get_xdata()`` is ``[x, x]``), with ``gid``; the text gets ``gid + ":label"``.
    """
    color = COLORS["threshold"] if color is None else color
    line = ax.axvline(float(x), color=color, linestyle=linestyle, linewidth=linewidth, gid=gid)
    if label:
        from matplotlib.transforms import blended_transform_factory

        if side not in ("left", "right"):
            raise ParameterError(f"side must be 'left' or 'right'; got {side!r}.")
        trans = blended_transform_factory(ax.transData, ax.transAxes)
        ax.annotate(
            label,
            xy=(float(x), text_y),
            xycoords=trans,
            xytext=(-3 if side == "left" else 3, 0),
            textcoords="offset points",
            rotation=90,
            ha="right" if side == "left" else "left",
            va="top" if text_y >= 0.5 else "bottom",
            fontsize="small",
            color=color,
            bbox=_LABEL_BOX,
            gid=f"{gid}:label",
        )
    return line


def mark_level(
    ax, y, label=None, *, color=None, linestyle=":", text_x=0.99, gid="level", linewidth=1.0
):
    """Draw a horizontal line at `y` with an optional label just above its right end.

    Returns
    -------
    matplotlib.lines.Line2D
        The line (``get_ydata()`` is ``[y, y]``), with ``gid``; the text gets ``gid + ":label"``.
    """
    color = COLORS["threshold"] if color is None else color
    line = ax.axhline(float(y), color=color, linestyle=linestyle, linewidth=linewidth, gid=gid)
    if label:
        from matplotlib.transforms import blended_transform_factory

        trans = blended_transform_factory(ax.transAxes, ax.transData)
        ax.annotate(
            label,
            xy=(text_x, float(y)),
            xycoords=trans,
            xytext=(0, 2),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize="small",
            color=color,
            bbox=_LABEL_BOX,
            gid=f"{gid}:label",
        )
    return line


def mark_point(ax, x, y, label=None, *, color=None, marker="o", gid="point", offset=(6, 6)):
    """Mark the point (x, y) with a marker and an optional text label offset by `offset` points.

    Returns
    -------
    matplotlib.lines.Line2D
        A one-point line (``get_xdata()`` is ``[x]``), with ``gid``.
    """
    color = COLORS["optimum"] if color is None else color
    (line,) = ax.plot(
        [float(x)],
        [float(y)],
        linestyle="none",
        marker=marker,
        markersize=7,
        markerfacecolor=color,
        markeredgecolor="white",
        color=color,
        zorder=5,
        gid=gid,
    )
    if label:
        ax.annotate(
            label,
            xy=(float(x), float(y)),
            xytext=offset,
            textcoords="offset points",
            ha="left" if offset[0] >= 0 else "right",
            va="bottom" if offset[1] >= 0 else "top",
            fontsize="small",
            color=color,
            gid=f"{gid}:label",
        )
    return line


def shade_span(ax, lo, hi, *, label=None, color=None, alpha=WINDOW_ALPHA, gid="window"):
    """Shade the vertical band lo <= x <= hi over the whole height of the Axes.

    The band is a :class:`matplotlib.collections.PolyCollection` in x-data / y-axes coordinates,
    so it does not change the y limits; its path's vertices have x equal to `lo` and `hi`.

    Returns
    -------
    matplotlib.collections.PolyCollection
    """
    from matplotlib.collections import PolyCollection

    lo, hi = float(lo), float(hi)
    color = COLORS["window"] if color is None else color
    band = PolyCollection(
        [[(lo, 0.0), (lo, 1.0), (hi, 1.0), (hi, 0.0)]],
        transform=ax.get_xaxis_transform(),
        facecolors=[color],
        edgecolors="none",
        alpha=alpha,
        label=label,
        gid=gid,
        zorder=0.5,
    )
    ax.add_collection(band, autolim=False)
    return band


def shade_between(
    ax, x, y1, y2, *, where=None, label=None, color=None, alpha=WINDOW_ALPHA, gid="window"
):
    """Shade between two curves over `x` (``ax.fill_between``), with the palette's window colour.

    Returns
    -------
    matplotlib.collections.PolyCollection
    """
    color = COLORS["window"] if color is None else color
    return ax.fill_between(
        x,
        y1,
        y2,
        where=where,
        interpolate=where is not None,
        color=color,
        alpha=alpha,
        linewidth=0,
        label=label,
        gid=gid,
        zorder=0.5,
    )


def find_artists(ax, gid: str) -> list:
    """Every artist of `ax` (lines, collections, texts) whose gid is `gid`, in drawing order.

    Examples
    --------
    >>> ax = axes_or_new(None)
    >>> line = mark_threshold(ax, 2.0, "x = 2")
    >>> find_artists(ax, "threshold") == [line]
    True
    >>> find_artists(ax, "threshold:label")[0].get_text()
    'x = 2'
    """
    return [a for a in ax.get_children() if a.get_gid() == gid]
