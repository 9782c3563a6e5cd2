"""deterrence — game-theoretic deterrence modelling.

Build payoff matrices and game trees from named parameters, compute every (verified)
equilibrium, and chart the thresholds where the equilibrium changes.

Public names are imported lazily (PEP 562): ``import deterrence`` imports numpy only, so
the command line starts fast and notebooks pay for scipy or matplotlib only when used.

Examples
--------
>>> import deterrence as dt
>>> g = dt.games.chicken()
>>> len(dt.solve(g))
3
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# `solve` is both a function and the subpackage that holds it: importing the subpackage here,
# before anything else can, and binding the function afterwards keeps `dt.solve` the function
# (the import system sets a submodule as its parent's attribute only when it first loads it).
# The subpackage imports numpy and this package's own modules only.
from .solve import solve, solve_many  # noqa: E402, F401

# public name -> (module, attribute); attribute None means the module itself
_LAZY = {
    "Game": ("deterrence.game", "Game"),
    "GameTree": ("deterrence.tree", "GameTree"),
    "spe": ("deterrence.solve.backward_induction", "spe"),
    "spe_many": ("deterrence.solve.tree_batch", "spe_many"),
    "pbe": ("deterrence.solve.perfect_bayesian", "pbe"),
    "reduced_normal_form": ("deterrence.solve.normal_form", "reduced_normal_form"),
    "verify": ("deterrence.solve.verify", "verify"),
    "Equilibria": ("deterrence.solve.result", "Equilibria"),
    "Equilibrium": ("deterrence.solve.result", "Equilibrium"),
    "BatchEquilibria": ("deterrence.solve.result", "BatchEquilibria"),
    "dynamics": ("deterrence.solve.dynamics", None),
    "read_gambit": ("deterrence.io.gambit", "read_gambit"),
    "write_gambit": ("deterrence.io.gambit", "write_gambit"),
    "to_pygambit": ("deterrence.io.convert", "to_pygambit"),
    "io": ("deterrence.io", None),
    "qre": ("deterrence.solve.qre", "qre"),
    "qre_path": ("deterrence.solve.qre", "qre_path"),
    "QRE": ("deterrence.solve.qre", "QRE"),
    "QREPath": ("deterrence.solve.qre", "QREPath"),
    "agent_qre": ("deterrence.solve.agent_qre", "agent_qre"),
    "agent_qre_path": ("deterrence.solve.agent_qre", "agent_qre_path"),
    "AgentQRE": ("deterrence.solve.agent_qre", "AgentQRE"),
    "find_thresholds": ("deterrence.analysis.thresholds", "find_thresholds"),
    "phase_diagram": ("deterrence.analysis.phase", "phase_diagram"),
    "sweep": ("deterrence.analysis.sweeps", "sweep"),
    "propagate": ("deterrence.analysis.uncertainty", "propagate"),
    "sensitivity": ("deterrence.analysis.sensitivity", "sensitivity"),
    "discover": ("deterrence.analysis.discovery", "discover"),
    "load_scenario": ("deterrence.scenario", "load_scenario"),
    "Scenario": ("deterrence.scenario", "Scenario"),
    "report": ("deterrence.memo.build", "report"),
    "analyse": ("deterrence.analysis.findings", "analyse"),
    "analysis": ("deterrence.analysis", None),
    "memo": ("deterrence.memo", None),
    "games": ("deterrence.games", None),
    "models": ("deterrence.models", None),
    "plot": ("deterrence.plot", None),
    "errors": ("deterrence.errors", None),
    "estimate": ("deterrence.estimate", None),
    "data": ("deterrence.data", None),
    "classroom": ("deterrence.classroom", None),
    "widgets": ("deterrence.widgets", None),
}

__all__ = sorted([*_LAZY, "solve", "solve_many", "__version__"])


def __getattr__(name: str):
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'deterrence' has no attribute {name!r}") from None
    mod = importlib.import_module(module)
    value = mod if attr is None else getattr(mod, attr)
    globals()[name] = value
    return value


def __dir__():
    return __all__
