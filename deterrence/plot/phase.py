"""Phase diagrams: regions of a parameter plane labelled by equilibrium structure.

Draws a :class:`deterrence.analysis.phase.PhaseDiagram` (``dt.phase_diagram(...)``): the grid
labels as coloured cells, each region numbered at its representative point, the boundary points
located by root finding along the grid edges, and a legend mapping each number to its
equilibrium structure. ``PhaseDiagram.plot(ax=...)`` calls :func:`draw_phase_diagram`.

Region plots rather than point forecasts: Davis 2012, *Lessons from RAND's Work on Planning
Under Uncertainty for National Security*, RAND TR-1249.
"""

from __future__ import annotations

import textwrap

import numpy as np

from .._check import finite_array
from ..errors import ParameterError
from .style import COLORS, OKABE_ITO, axes_or_new, mark_point

__all__ = ["draw_phase_diagram"]

# Light region colours, one per structure code present (cycled): the Okabe-Ito hues, pale
# enough for the boundary points and labels drawn over them.
_REGION_HUES = (
    "sky_blue",
    "orange",
    "bluish_green",
    "reddish_purple",
    "yellow",
    "blue",
    "vermillion",
)
_REGION_ALPHA = 0.45
_LEGEND_WIDTH = 80


def _edges(values: np.ndarray) -> np.ndarray:
    """Cell edges halfway between grid values (each grid point owns the cell around it)."""
    mid = (values[:-1] + values[1:]) / 2
    return np.concatenate(
        [[values[0] - (mid[0] - values[0])], mid, [values[-1] + (values[-1] - mid[-1])]]
    )


def _axis_label(name: str, unit) -> str:
    return f"{name} ({unit})" if unit else name


def draw_phase_diagram(
    result,
    *,
    names=None,
    mark=None,
    mark_label="scenario",
    contour=None,
    contour_label=None,
    xlabel=None,
    ylabel=None,
    legend=True,
    ax=None,
):
    """Draw a phase diagram: regions, their numbers, boundary points and a legend.

    Parameters
    ----------
    result : PhaseDiagram
        From :func:`deterrence.phase_diagram`.
    names : mapping, keyword-only, optional
        Structure code -> a name for the legend (e.g. ``{0: "window empty", 1: "window
        exists"}``); default: the equilibria that set the region apart.
    mark : (float, float), keyword-only, optional
        A point to mark (e.g. the scenario's values of the two parameters).
    mark_label : str, keyword-only, default "scenario"
        Its legend label.
    contour : (array_like, sequence of float), keyword-only, optional
        ``(Z, levels)``: values Z of shape (len(result.y), len(result.x)) on the diagram's grid
        (computed by a model, e.g. r* at each point) drawn as labelled contour lines.
    contour_label : str, keyword-only, optional
        Legend label of the contours (e.g. "optimal response r* (leakers)").
    xlabel, ylabel : str, keyword-only, optional
        Axis labels; default ``"<name> (<unit>)"`` from the result.
    legend : bool, keyword-only, default True
        Legend below the axes: region number -> equilibrium structure (wrapped).
    ax : matplotlib Axes, keyword-only, optional

    Returns
    -------
    matplotlib.axes.Axes
        Gids: ``"regions"`` (the mesh; its array is the grid's structure codes, rows = y),
        ``"region:label"`` (one number per region at its representative point),
        ``"boundary"`` (the boundary points: ``get_offsets()`` equals ``result.boundary``),
        ``"mark"``, ``"contour"``.

    Examples
    --------
    >>> import deterrence as dt
    >>> ph = dt.phase_diagram(dt.games.retaliation_game, ("reputation_stake", 0.5, 3),
    ...                       ("audience_cost", 0, 1), resolution=12)
    >>> ax = draw_phase_diagram(ph, mark=(1.0, 1.0))
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('reputation_stake (utils)', 'audience_cost (utils)')
    """
    for attr in ("x", "y", "labels", "structures", "boundary", "regions", "x_name", "y_name"):
        if not hasattr(result, attr):
            raise ParameterError(
                f"result must be a PhaseDiagram from dt.phase_diagram(...); got {result!r} "
                f"({type(result).__name__}), which lacks {attr!r}."
            )
    xs, ys = np.asarray(result.x, dtype=float), np.asarray(result.y, dtype=float)
    labels = np.asarray(result.labels)
    present = np.unique(labels).tolist()

    from matplotlib.colors import BoundaryNorm, ListedColormap, to_rgb
    from matplotlib.patches import Patch
    from matplotlib.transforms import offset_copy

    # pale opaque colours (the hue blended with white): translucent cells leave seams
    colours = [
        tuple(_REGION_ALPHA * c + (1 - _REGION_ALPHA) for c in to_rgb(OKABE_ITO[hue]))
        for hue in (_REGION_HUES[i % len(_REGION_HUES)] for i in range(len(present)))
    ]
    # one colour bin per present code (codes need not be contiguous), so the mesh keeps the
    # structure codes themselves as its data
    codes = np.asarray(present, dtype=float)
    bins = np.concatenate([[codes[0] - 0.5], (codes[:-1] + codes[1:]) / 2, [codes[-1] + 0.5]])
    cmap = ListedColormap(colours)
    norm = BoundaryNorm(bins, len(present))

    ax = axes_or_new(ax)
    ax.pcolormesh(
        _edges(xs), _edges(ys), labels, cmap=cmap, norm=norm, antialiased=False, gid="regions"
    )
    # Equilibria shared by every region say nothing about the regions: name them once in the
    # legend title and list for each region only the equilibria that set it apart.
    parts = {code: result.structures[code].split("; ") for code in present}
    common = set.intersection(*(set(p) for p in parts.values())) if len(present) > 1 else set()
    handles = []
    regions = result.regions
    for i, code in enumerate(present):
        row = regions[regions["label"] == code]
        if len(row):
            rx, ry = float(row[result.x_name].iloc[0]), float(row[result.y_name].iloc[0])
            area = float(row["area"].iloc[0])
            ax.text(
                rx,
                ry,
                f"{code}",
                ha="center",
                va="center",
                fontsize="medium",
                fontweight="bold",
                color="0.15",
                gid="region:label",
            )
        else:
            area = float((labels == code).mean())
        if names is not None and code in names:
            own = str(names[code])
        else:
            own = "; ".join(p for p in parts[code] if p not in common) or "(only the shared ones)"
        text = textwrap.fill(f"[{code}] {area:.0%}: {own}", _LEGEND_WIDTH, subsequent_indent="    ")
        handles.append(Patch(facecolor=colours[i], label=text))
    boundary = np.asarray(result.boundary, dtype=float).reshape(-1, 2)
    if boundary.size:
        dots = ax.scatter(
            boundary[:, 0],
            boundary[:, 1],
            s=6,
            color=COLORS["utility"],
            zorder=3,
            label="boundary (root-found)",
            gid="boundary",
        )
        handles.append(dots)
    if contour is not None:
        if len(contour) != 2:
            raise ParameterError("contour must be a pair (Z, levels).")
        z = finite_array(contour[0], "contour Z")
        if z.shape != labels.shape:
            raise ParameterError(
                f"contour Z must have the grid's shape (len(y), len(x)) = {labels.shape}; got "
                f"{z.shape}."
            )
        lines = ax.contour(
            xs, ys, z, levels=list(contour[1]), colors=COLORS["optimum"], linewidths=1.0
        )
        lines.set_gid("contour")
        ax.clabel(lines, fontsize="x-small", fmt="%g")
        if contour_label:
            from matplotlib.lines import Line2D

            handles.append(Line2D([], [], color=COLORS["optimum"], label=contour_label))
    if mark is not None:
        if len(mark) != 2:
            raise ParameterError(f"mark must be a point (x, y); got {mark!r}.")
        point = mark_point(
            ax, mark[0], mark[1], None, color=COLORS["scenario"], marker="*", gid="mark"
        )
        point.set_markersize(13)
        point.set_label(mark_label)
        handles.append(point)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(ys[0], ys[-1])
    ax.set_xlabel(xlabel or _axis_label(result.x_name, getattr(result, "x_unit", None)))
    ax.set_ylabel(ylabel or _axis_label(result.y_name, getattr(result, "y_unit", None)))
    if legend:
        games = "equilibria" in getattr(regions, "columns", ())
        title = "regions (share of grid)" + (": equilibria" if games else "")
        if common and games and names is None:
            shared = "; ".join(p for p in parts[present[0]] if p in common)
            title = textwrap.fill(f"{title}; every region also has: {shared}", _LEGEND_WIDTH + 10)
        ax.legend(
            handles=handles,
            loc="upper left",
            # below the tick labels and the x label, whatever the height of the axes
            bbox_to_anchor=(0.0, 0.0),
            bbox_transform=offset_copy(ax.transAxes, fig=ax.figure, y=-40, units="points"),
            fontsize="x-small",
            frameon=False,
            title=title,
            title_fontsize="small",
            alignment="left",
        )
    return ax
