"""Predicted outcome probabilities of a fitted strategic model, with confidence bands.

Draws a :class:`deterrence.estimate.fit.PredictionCurve`: one line per outcome against a
covariate (the others held at their means), its band shaded. Source of the simulation bands:
King, Tomz & Wittenberg (2000), "Making the most of statistical analyses", *American Journal of
Political Science* 44(2):347–361.
"""

from __future__ import annotations

from .style import PALETTE, axes_or_new

__all__ = ["prediction_curve"]


def prediction_curve(curve, *, ax=None):
    """Outcome probabilities against a covariate, with the band of each.

    Parameters
    ----------
    curve : PredictionCurve
        From :meth:`deterrence.estimate.StrategicFit.prediction_curve`.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        One line per outcome (gid ``"outcome:<name>"``) and its band (gid ``"band:<name>"``).

    Examples
    --------
    >>> import numpy as np
    >>> from deterrence.estimate.fit import PredictionCurve
    >>> from deterrence.plot.style import find_artists
    >>> c = PredictionCurve("x", np.array([0.0, 1.0]), ("SQ", "WAR"),
    ...                     np.array([[0.7, 0.3], [0.4, 0.6]]), np.array([[0.6, 0.2], [0.3, 0.5]]),
    ...                     np.array([[0.8, 0.4], [0.5, 0.7]]), 0.95, "egame12", "simulation")
    >>> ax = prediction_curve(c)
    >>> find_artists(ax, "outcome:WAR")[0].get_ydata().tolist()
    [0.3, 0.6]
    """
    ax = axes_or_new(ax)
    for k, name in enumerate(curve.outcomes):
        colour = PALETTE[k % len(PALETTE)]
        ax.fill_between(
            curve.x,
            curve.lower[:, k],
            curve.upper[:, k],
            color=colour,
            alpha=0.2,
            lw=0,
            gid=f"band:{name}",
        )
        ax.plot(curve.x, curve.mean[:, k], color=colour, label=name, gid=f"outcome:{name}")
    ax.set_ylim(0, 1)
    ax.set_xlabel(f"{curve.covariate} (other covariates at their means)")
    ax.set_ylabel("predicted probability of the outcome")
    ax.set_title(f"{curve.model_name}: predicted outcomes, {curve.level:.0%} bands")
    ax.legend(fontsize="small", loc="best", title=f"band: {curve.band}", title_fontsize="x-small")
    return ax
