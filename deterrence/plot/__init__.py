"""Charts: one module per chart family; every function takes ``ax=`` and returns the Axes.

Charts draw result objects computed elsewhere; they never solve, never call ``plt.show``,
``plt.tight_layout`` or touch ``rcParams``. Modules are imported on first use
(``deterrence.plot.tree``), so ``import deterrence.plot`` does not import matplotlib.

Chart modules:

- ``tree``: :func:`~deterrence.plot.tree.draw_tree`, a game tree with its equilibrium path.
"""

import importlib
import importlib.util


def __getattr__(name):
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
