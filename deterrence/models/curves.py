"""Chart-ready results of the analytic models: the curves a chart draws, computed here.

* :class:`WindowCurves` — P(seen as weak), P(escalation) and the expected utility against the
  response size (in the response unit, or in launches), with the window's edges, the optimum
  and the scenario's salvo; from :meth:`CalibratedResponse.window_curves
  <deterrence.models.retaliation.CalibratedResponse.window_curves>` and
  :meth:`~deterrence.models.retaliation.CalibratedResponse.window_curves_launches`.
* :class:`SaturationCurves` — P(at least k leakers) against the salvo size for several kill
  probabilities and interceptor stocks (:func:`deterrence.models.defense.saturation`).

Each is frozen, has ``to_frame()`` and ``.plot(ax=None)`` (drawn by :mod:`deterrence.plot`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["WindowCurves", "SaturationCurve", "SaturationCurves"]


def _frozen(obj, names) -> None:
    for name in names:
        v = np.array(getattr(obj, name), dtype=float)
        v.setflags(write=False)
        object.__setattr__(obj, name, v)


@dataclass(frozen=True, eq=False)
class WindowCurves:
    """The calibrated window against the response size, ready to draw.

    Attributes
    ----------
    x : ndarray
        Response sizes (response unit) or salvo sizes (launches).
    p_weak, p_escalation, utility : ndarray
        P(seen as weak), P(escalation) and the expected utility at each x.
    alpha_weak, rho : float
        The acceptable levels α_w and ρ.
    floor, ceiling : float
        The window's edges, kept when it is empty (floor > ceiling); in launches ±inf when no
        salvo in range is strong enough (floor) or safe (ceiling).
    window : (float, float) or None
        [floor, ceiling] when it is not empty (in launches: ``window_launches``).
    optimum, optimum_utility : float
        r* (or n*) and the expected utility there.
    unit : str
        Unit of `x`: the response unit (``"leakers"``) or ``"launches"``.
    q : float or None
        The per-launch leak probability, for curves in launches.
    salvo : int or None
        A salvo size to mark, with its P(escalation) in `salvo_p_escalation`.
    """

    x: np.ndarray
    p_weak: np.ndarray
    p_escalation: np.ndarray
    utility: np.ndarray
    alpha_weak: float
    rho: float
    floor: float
    ceiling: float
    window: tuple[float, float] | None
    optimum: float
    optimum_utility: float
    unit: str
    q: float | None = None
    salvo: int | None = None
    salvo_p_escalation: float | None = None
    _extent: float = field(default=0.0, repr=False)

    def __post_init__(self):
        _frozen(self, ("x", "p_weak", "p_escalation", "utility"))

    @property
    def in_launches(self) -> bool:
        return self.q is not None

    def to_frame(self):
        """One row per size: ``x`` and the three curves."""
        import pandas as pd

        return pd.DataFrame(
            {
                "size": self.x,
                "p_weak": self.p_weak,
                "p_escalation": self.p_escalation,
                "utility": self.utility,
            }
        )

    def plot(self, ax=None):
        """Draw the two panels (:func:`deterrence.plot.window.calibrated_window`); returns the
        Figure."""
        from ..plot.window import calibrated_window  # a result's drawing hook

        return calibrated_window(self, ax=ax)


@dataclass(frozen=True, eq=False)
class SaturationCurve:
    """P(at least k leakers) against the salvo size for one kill probability and stock."""

    p_kill: float
    q: float
    interceptors: int | None
    probability: np.ndarray
    first_reaching: int | None  # the first salvo size reaching the target level, if any

    def __post_init__(self):
        _frozen(self, ("probability",))


@dataclass(frozen=True, eq=False)
class SaturationCurves:
    """Saturation curves: one per (kill probability, interceptor stock).

    Attributes
    ----------
    launches : ndarray of int
        Salvo sizes n.
    k : int
        Leakers wanted.
    reliability : float
    shots : int
        Interceptors fired at each threat.
    target : float or None
        A confidence level, with each curve's first salvo reaching it.
    curves : tuple of SaturationCurve
        In the order (kill probability, stock) were given.
    """

    launches: np.ndarray
    k: int
    reliability: float
    shots: int
    target: float | None
    curves: tuple[SaturationCurve, ...]

    def __post_init__(self):
        n = np.array(self.launches, dtype=np.int64)
        n.setflags(write=False)
        object.__setattr__(self, "launches", n)

    def to_frame(self):
        """One row per (curve, salvo size)."""
        import pandas as pd

        return pd.concat(
            [
                pd.DataFrame(
                    {
                        "p_kill": c.p_kill,
                        "q": c.q,
                        "interceptors": c.interceptors,
                        "launches": self.launches,
                        "p_at_least_k": c.probability,
                    }
                )
                for c in self.curves
            ],
            ignore_index=True,
        )

    def plot(self, ax=None):
        """Draw the curves (:func:`deterrence.plot.defense.saturation_curves`); returns the
        Axes."""
        from ..plot.defense import saturation_curves  # a result's drawing hook

        return saturation_curves(self, ax=ax)
