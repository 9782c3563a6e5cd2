"""Game builders from named, documented parameters.

``chicken``, ``prisoners_dilemma``, ``stag_hunt``, ``deterrence_game``, ``matching_pennies``
(from :mod:`.classic`) and ``retaliation_game``, ``retaliation_payoffs``,
``retaliation_commitment_game``, ``exchange_tree``, ``crisis_tree`` (from :mod:`.crisis`) are
available directly; ``repeated``, ``ladder`` and ``crisis`` are submodules.
"""

import importlib

_CLASSIC = (
    "chicken",
    "prisoners_dilemma",
    "stag_hunt",
    "deterrence_game",
    "matching_pennies",
)
_CRISIS = (
    "retaliation_game",
    "retaliation_payoffs",
    "retaliation_commitment_game",
    "retaliation_commitment_payoffs",
    "exchange_tree",
    "crisis_tree",
)
_SUBMODULES = ("classic", "repeated", "ladder", "crisis")


def __getattr__(name):
    if name in _CLASSIC:
        return getattr(importlib.import_module(f"{__name__}.classic"), name)
    if name in _CRISIS:
        return getattr(importlib.import_module(f"{__name__}.crisis"), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(_CLASSIC + _CRISIS + _SUBMODULES)
