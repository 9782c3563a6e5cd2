"""Game builders from named, documented parameters.

``chicken``, ``prisoners_dilemma``, ``stag_hunt``, ``deterrence_game``, ``matching_pennies`` and
``retaliation_game`` are available directly; ``repeated``, ``ladder`` and ``crisis`` are submodules.
"""

import importlib

_CLASSIC = (
    "chicken",
    "prisoners_dilemma",
    "stag_hunt",
    "deterrence_game",
    "matching_pennies",
    "retaliation_game",
    "retaliation_payoffs",
)
_SUBMODULES = ("classic", "repeated", "ladder", "crisis")


def __getattr__(name):
    if name in _CLASSIC:
        return getattr(importlib.import_module(f"{__name__}.classic"), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(_CLASSIC + _SUBMODULES)
