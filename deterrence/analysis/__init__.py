"""Analysis: what the models say about a scenario, as typed, frozen results.

=====================================  ============================================================
module                                 results
=====================================  ============================================================
:mod:`~.uncertainty`                   :func:`propagate` → :class:`Propagation`: every uncertain
                                       parameter drawn jointly, the headline quantities per draw
:mod:`~.sensitivity`                   :func:`sensitivity` → :class:`SobolIndices`: Sobol'
                                       first-order and total indices with intervals
:mod:`~.discovery`                     :func:`discover` → :class:`Discovery`: the PRIM box where
                                       an outcome concentrates, in plain words
=====================================  ============================================================

Names are imported on first use, so ``import deterrence.analysis`` stays cheap.
"""

from __future__ import annotations

import importlib

_LAZY = {
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
