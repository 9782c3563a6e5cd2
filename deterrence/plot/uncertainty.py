"""Charts of joint uncertainty: the spread of a headline quantity over the draws, and Sobol' indices.

:func:`propagation_plot` draws a :class:`~deterrence.analysis.uncertainty.Propagation`: a
histogram of a numeric quantity with its central interval shaded and the scenario's own value
marked, or the shares of the draws for ``best_class`` and ``window_open``.
:func:`sobol_plot` draws the first-order and total Sobol' indices of a
:class:`~deterrence.analysis.sensitivity.SobolIndices` with their confidence intervals.
"""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from .style import COLORS, WINDOW_ALPHA, axes_or_new

__all__ = ["propagation_plot", "sobol_plot"]


def _label(quantity: str, unit: str) -> str:
    words = {
        "r_star": "best response r*",
        "n_star": "best salvo n*",
        "window_floor": "window floor",
        "window_ceiling": "window ceiling",
        "p_escalation_salvo": "P(escalation) for the salvo",
    }.get(quantity, quantity)
    return f"{words} ({unit})" if unit and unit != "probability" else words


def propagation_plot(result, quantity: str = "r_star", *, ax=None, level: float = 0.9):
    """Spread of one quantity over the joint draws.

    Parameters
    ----------
    result : Propagation
    quantity : str
        A numeric quantity (histogram; the central `level` interval shaded, gid ``"interval"``;
        the baseline as a vertical line, gid ``"baseline"``), or ``"best_class"`` /
        ``"window_open"`` (bars of the shares, gid ``"share"``).
    ax : matplotlib Axes, optional
    level : float
        Width of the shaded interval, in (0, 1).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import deterrence as dt
    >>> ax = dt.propagate("iran-2024", n=256, seed=3).plot("r_star")
    >>> ax.get_xlabel()
    'best response r* (leakers)'
    """
    if not 0 < level < 1:
        raise ParameterError(f"level must lie in (0, 1); got {level!r}.")
    ax = axes_or_new(ax)
    col = result._column(quantity)
    n = result.n
    if quantity in ("best_class", "window_open"):
        values = ["restraint", "calibrated", "major"] if quantity == "best_class" else [True, False]
        labels = [str(v) if quantity == "best_class" else ("open", "empty")[i]
                  for i, v in enumerate(values)]  # fmt: skip
        shares = [float((col == v).mean()) for v in values]
        bars = ax.bar(labels, shares, color=COLORS["window"], gid="share")
        for bar, share in zip(bars, shares, strict=True):
            ax.annotate(f"{share:.0%}", (bar.get_x() + bar.get_width() / 2, share),
                        ha="center", va="bottom", fontsize=9)  # fmt: skip
        ax.set_ylim(0, 1.12)
        ax.set_ylabel(f"share of the {n} draws")
        ax.set_xlabel("subgame-perfect response class" if quantity == "best_class" else "window")
        return ax
    x = col.dropna().to_numpy(dtype=float)
    unit = result.units.get(quantity, "")
    integer = quantity == "n_star"
    bins = min(60, max(10, int(np.sqrt(x.size)))) if x.size else 10
    if integer and x.size and x.max() - x.min() < bins:
        bins = np.arange(x.min() - 0.5, x.max() + 1.5)
    ax.hist(x, bins=bins, color=COLORS["optimum"], alpha=0.8, gid="histogram")
    lo, hi = result.interval(quantity, level)
    ax.axvspan(lo, hi, color=COLORS["window"], alpha=WINDOW_ALPHA, gid="interval",
               label=f"central {level:.0%} of draws: {lo:.2g}–{hi:.2g}")  # fmt: skip
    base = result.baseline[quantity]
    if base is not None and np.isfinite(base):
        ax.axvline(base, color=COLORS["scenario"], lw=2, gid="baseline",
                   label=f"scenario's values: {base:.2g}")  # fmt: skip
    ax.set_xlabel(_label(quantity, unit))
    ax.set_ylabel(f"draws (of {n})")
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return ax


def sobol_plot(indices, quantity: str | None = None, *, ax=None, top: int = 12):
    """First-order and total Sobol' indices of one quantity, with confidence intervals.

    Parameters
    ----------
    indices : SobolIndices
    quantity : str, optional
        Which quantity (default: the first).
    ax : matplotlib Axes, optional
    top : int
        Show the parameters with the largest total indices (default 12).

    Returns
    -------
    matplotlib.axes.Axes
        Horizontal bars: total index (gid ``"total"``) behind the first-order index (gid
        ``"first"``), each with its confidence interval as an error bar.
    """
    ax = axes_or_new(ax, figsize=(6.4, 0.35 * top + 1.2))
    frame = indices.to_frame()
    quantity = quantity or indices.quantities[0]
    if quantity not in indices.quantities:
        raise ParameterError(
            f"no indices for {quantity!r}; quantities: {', '.join(indices.quantities)}."
        )
    f = frame[frame["quantity"] == quantity].sort_values("ST", ascending=False).head(top)
    f = f.iloc[::-1]
    y = np.arange(len(f))
    xerr_t = np.vstack([f["ST"] - f["ST_lo"], f["ST_hi"] - f["ST"]]).clip(0)
    xerr_s = np.vstack([f["S1"] - f["S1_lo"], f["S1_hi"] - f["S1"]]).clip(0)
    ax.barh(y + 0.18, f["ST"], height=0.36, color=COLORS["high"], xerr=xerr_t,
            label="total (with interactions)", gid="total")  # fmt: skip
    ax.barh(y - 0.18, f["S1"], height=0.36, color=COLORS["low"], xerr=xerr_s,
            label="first order (alone)", gid="first")  # fmt: skip
    ax.set_yticks(y, f["parameter"])
    ax.set_xlim(0, max(1.0, float(f["ST_hi"].max()) if len(f) else 1.0))
    ax.set_xlabel(f"share of the variance of {quantity} (Sobol' index)")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return ax
