"""Charts: one module per chart family; every function takes ``ax=`` and returns the Axes.

Charts draw result objects computed elsewhere (the models and :mod:`deterrence.analysis`); they
never solve, never call ``plt.show``, ``plt.tight_layout`` or touch ``rcParams``. Results that
users chart also have ``.plot(ax=None)``, which calls the function named here. Modules are
imported on first use (``deterrence.plot.window``), so ``import deterrence.plot`` does not import
matplotlib.

=================  ===============================================================================
module             charts
=================  ===============================================================================
``window``         the calibrated response window, in the response unit and in launches
``thresholds``     a quantity with its thresholds marked; the tornado / "what must be true" chart
``phase``          a phase diagram (:func:`~deterrence.plot.phase.draw_phase_diagram`)
``defense``        saturation curves; launches needed as a heat map
``proxies``        proxy risk against autonomy and attribution
``brinkmanship``   the brinkmanship window of risk
``repeated``       the stability of an exchange of violence
``tree``           a game tree with its equilibrium path
``qre``            quantal response equilibria against the rationality λ
``style``          colours and marks shared by the charts
=================  ===============================================================================
"""

import importlib

#: The chart modules, in the order of the table above.
CHARTS = (
    "window",
    "thresholds",
    "phase",
    "defense",
    "proxies",
    "brinkmanship",
    "repeated",
    "tree",
    "qre",
    "style",
)

__all__ = list(CHARTS)


def __getattr__(name):
    if name in CHARTS:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return list(CHARTS)
