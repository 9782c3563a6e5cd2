"""Analytic models: pure functions and small frozen dataclasses.

Submodules are imported on first use: ``deterrence.models.defense``, ``.retaliation``,
``.proxies``, ``.brinkmanship``, ``.bargaining``, ``.perfect``, ``.escalation``,
``.signaling``.
"""

import importlib

_SUBMODULES = (
    "defense",
    "retaliation",
    "proxies",
    "brinkmanship",
    "bargaining",
    "perfect",
    "signaling",
    "escalation",
)


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
