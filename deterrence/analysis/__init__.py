"""Analysis: what the models say about a game or a scenario, as typed, frozen results.

=====================================  ============================================================
module                                 results
=====================================  ============================================================
:mod:`~.thresholds`                    :func:`find_thresholds` → :class:`Thresholds`: where an
                                       equilibrium structure changes or a model crosses a level
:mod:`~.phase`                         :func:`phase_diagram` → :class:`PhaseDiagram`: a plane of
                                       two parameters in regions, with exact boundaries
:mod:`~.sweeps`                        :func:`sweep` → a DataFrame, one row per grid point and
                                       equilibrium (dask, thread or process executors)
:mod:`~.summary`                       :func:`scenario_summary` → :class:`ScenarioSummary`: r*,
                                       the window's edges, the salvo's chances, the tree's choice
:mod:`~.signposts`                     :func:`parameter_thresholds` → :class:`Signpost` list:
                                       where a conclusion of the memo changes
:mod:`~.scan`                          :func:`assumption_scan` (the memo's assumptions, run once)
                                       and :func:`swings` → :class:`Swings` (the tornado)
:mod:`~.inverses`                      :class:`Inverse`: what would have to be true
:mod:`~.findings`                      :func:`analyse` → :class:`Findings`: every number of the
                                       memo
:mod:`~.uncertainty`                   :func:`propagate` → :class:`Propagation`: every uncertain
                                       parameter drawn jointly, the headline quantities per draw
:mod:`~.sensitivity`                   :func:`sensitivity` → :class:`SobolIndices`: Sobol'
                                       first-order and total indices with intervals
:mod:`~.discovery`                     :func:`discover` → :class:`Discovery`: the PRIM box where
                                       an outcome concentrates, in plain words
=====================================  ============================================================

Every root is found by :mod:`deterrence.roots`. Results that users chart have ``.plot(ax=None)``
(which calls the matching function of :mod:`deterrence.plot`) and ``to_frame()``. Names are
imported on first use, so ``import deterrence.analysis`` stays cheap.
"""

from __future__ import annotations

import importlib

_LAZY = {
    "find_thresholds": "thresholds",
    "Threshold": "thresholds",
    "Thresholds": "thresholds",
    "phase_diagram": "phase",
    "PhaseDiagram": "phase",
    "sweep": "sweeps",
    "scenario_summary": "summary",
    "ScenarioSummary": "summary",
    "parameter_thresholds": "signposts",
    "Signpost": "signposts",
    "assumption_scan": "scan",
    "Assumption": "scan",
    "swings": "scan",
    "Swings": "scan",
    "Swing": "scan",
    "Inverse": "inverses",
    "analyse": "findings",
    "Findings": "findings",
    "propagate": "uncertainty",
    "Propagation": "uncertainty",
    "sensitivity": "sensitivity",
    "sobol_indices": "sensitivity",
    "SobolIndices": "sensitivity",
    "discover": "discovery",
    "Discovery": "discovery",
    "prim": "discovery",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
