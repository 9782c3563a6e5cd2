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
import sys
import types

__version__ = "0.1.0"

# public name -> (module, attribute); attribute None means the module itself
_LAZY = {
    "Game": ("deterrence.game", "Game"),
    "GameTree": ("deterrence.tree", "GameTree"),
    "solve": ("deterrence.solve", "solve"),
    "solve_many": ("deterrence.solve", "solve_many"),
    "verify": ("deterrence.solve.verify", "verify"),
    "Equilibria": ("deterrence.solve.result", "Equilibria"),
    "Equilibrium": ("deterrence.solve.result", "Equilibrium"),
    "BatchEquilibria": ("deterrence.solve.result", "BatchEquilibria"),
    "qre": ("deterrence.solve.qre", "qre"),
    "qre_path": ("deterrence.solve.qre", "qre_path"),
    "QRE": ("deterrence.solve.qre", "QRE"),
    "QREPath": ("deterrence.solve.qre", "QREPath"),
    "agent_qre": ("deterrence.solve.agent_qre", "agent_qre"),
    "agent_qre_path": ("deterrence.solve.agent_qre", "agent_qre_path"),
    "AgentQRE": ("deterrence.solve.agent_qre", "AgentQRE"),
    "find_thresholds": ("deterrence.thresholds", "find_thresholds"),
    "phase_diagram": ("deterrence.thresholds", "phase_diagram"),
    "sweep": ("deterrence.sweep", "sweep"),
    "propagate": ("deterrence.analysis.uncertainty", "propagate"),
    "sensitivity": ("deterrence.analysis.sensitivity", "sensitivity"),
    "discover": ("deterrence.analysis.discovery", "discover"),
    "load_scenario": ("deterrence.scenario", "load_scenario"),
    "Scenario": ("deterrence.scenario", "Scenario"),
    "report": ("deterrence.report", "report"),
    "games": ("deterrence.games", None),
    "models": ("deterrence.models", None),
    "plot": ("deterrence.plot", None),
    "errors": ("deterrence.errors", None),
    "classroom": ("deterrence.classroom", None),
    "widgets": ("deterrence.widgets", None),
}

__all__ = sorted(_LAZY) + ["__version__"]


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


class _Package(types.ModuleType):
    """Keeps public functions that share a submodule's name (``solve``, ``report``, ``sweep``)
    from being replaced by the submodule when it is imported: the import system sets the child
    module as an attribute of the package, which would shadow the function."""

    def __setattr__(self, name, value):
        spec = _LAZY.get(name)
        if spec and spec[1] is not None and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
