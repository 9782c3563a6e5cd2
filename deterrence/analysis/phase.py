"""Phase diagrams: a plane of two parameters labelled by equilibrium structure, with exact
boundaries.

:func:`phase_diagram` labels every grid point by the structure of its equilibrium set (the same
structures as :func:`deterrence.find_thresholds`) and bisects every grid edge whose two ends
differ to ``xtol``; see :mod:`deterrence.analysis.thresholds` for how thresholds are made exact
and which side owns a tie.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .._tol import XTOL
from ..errors import ParameterError
from .sweeps import _Model
from .thresholds import (
    LABEL_TOL,
    MERGE_XTOL,
    _bisect,
    _bounds,
    _check_budget,
    _clusters,
    _describe_points,
    _html_table,
    _key,
    _level,
    _name,
    _points_on_axis,
    _settle,
    _Structures,
    _xtol,
)

__all__ = ["phase_diagram", "PhaseDiagram"]


# -- two parameters --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PhaseDiagram:
    """Regions of a parameter plane labelled by equilibrium structure, with exact boundaries.

    Attributes
    ----------
    x_name, y_name : str
        The parameters on the axes.
    x, y : ndarray (nx,), (ny,)
        Grid values.
    labels : ndarray (ny, nx) of int
        Structure code at each grid point (``labels[j, i]`` is at ``(x[i], y[j])``).
    structures : tuple of str
        Description of each code (see :class:`Thresholds`); includes the tie structures found
        exactly on boundaries.
    regions : pandas.DataFrame
        One row per label present on the grid: ``label``, ``structure``, ``area`` (fraction of
        grid points), a representative grid point (``x_name``, ``y_name`` columns: the point of
        the region nearest its centroid), ``n_equilibria`` and ``equilibria`` (describe()
        strings joined by "; ") there — or ``value`` for a model function.
    boundary : ndarray (k, 2)
        Boundary points (x, y), each located to ``xtol`` along a grid edge whose two ends differ.
    boundary_labels : ndarray (k, 2) of int
        The labels the point separates (lower / upper end of its edge).
    boundary_at : ndarray (k,) of int
        The structure exactly at the boundary point (often a tie structure of its own).
    x_unit, y_unit : str or None
    key : str
    level : float or None
    builder : str
    xtol : float
    """

    x_name: str
    y_name: str
    x: np.ndarray
    y: np.ndarray
    labels: np.ndarray
    structures: tuple[str, ...]
    regions: object
    boundary: np.ndarray
    boundary_labels: np.ndarray
    boundary_at: np.ndarray
    x_unit: str | None = None
    y_unit: str | None = None
    key: str = "support"
    level: float | None = None
    builder: str = ""
    xtol: float = XTOL
    _model: object = field(default=None, repr=False, compare=False)
    _structures: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        for name in ("x", "y", "labels", "boundary", "boundary_labels", "boundary_at"):
            v = np.array(getattr(self, name))
            v.setflags(write=False)
            object.__setattr__(self, name, v)
        if self.labels.shape != (len(self.y), len(self.x)):
            raise ParameterError(
                f"labels must have shape (len(y), len(x)) = {(len(self.y), len(self.x))}; got "
                f"{self.labels.shape}."
            )

    def label_at(self, x, y):
        """The structure code at (x, y), solved exactly there (not read off the grid).

        Scalars give an int, arrays an array (broadcast). A structure seen neither on the grid
        nor on a boundary gives -1.
        """
        from .._check import finite_array

        xv = finite_array(x, self.x_name)
        yv = finite_array(y, self.y_name)
        xv, yv = np.broadcast_arrays(xv, yv)
        points = {self.x_name: xv.ravel(), self.y_name: yv.ravel()}
        ev = self._model.evaluate(points, label_tol=LABEL_TOL)
        codes = self._structures.codes(ev, register=False)
        return int(codes[0]) if xv.ndim == 0 else codes.reshape(xv.shape)

    def to_frame(self):
        """One row per grid point: x, y, label, structure."""
        import pandas as pd

        X, Y = np.meshgrid(self.x, self.y)
        lab = self.labels.ravel()
        return pd.DataFrame(
            {
                self.x_name: X.ravel(),
                self.y_name: Y.ravel(),
                "label": lab,
                "structure": np.array(self.structures, dtype=object)[lab],
            }
        )

    def plot(self, ax=None, **kwargs):
        """Draw the regions and boundaries (delegates to :mod:`deterrence.plot.phase`)."""
        from ..plot.phase import draw_phase_diagram as draw  # a result's drawing hook

        return draw(self, ax=ax, **kwargs)

    def _summary(self) -> str:
        return (
            f"Phase diagram of {self.builder} over {self.x_name} in [{self.x[0]:g}, "
            f"{self.x[-1]:g}] x {self.y_name} in [{self.y[0]:g}, {self.y[-1]:g}] "
            f"({len(self.x)}x{len(self.y)} grid): {len(self.regions)} region(s), "
            f"{len(self.boundary)} boundary points"
        )

    def __repr__(self):
        lines = [self._summary()]
        for r in self.regions.itertuples(index=False):
            lines.append(f"  [{r.label}] {r.area:6.1%}  {r.structure}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cols = ["label", "structure", "area", self.x_name, self.y_name]
        rows = [
            (
                r["label"],
                r["structure"],
                f"{r['area']:.1%}",
                f"{r[self.x_name]:.4g}",
                f"{r[self.y_name]:.4g}",
            )
            for _, r in self.regions.iterrows()
        ]
        return f"<div><b>{html.escape(self._summary())}</b>{_html_table(cols, rows)}</div>"


def _axis(spec, field: str):
    if isinstance(spec, str) or not isinstance(spec, Sequence) or len(spec) != 3:
        raise ParameterError(
            f"{field} must be (name, low, high), e.g. ('reputation_stake', 0.5, 3); got {spec!r}."
        )
    name = _name(spec[0], f"{field}[0] (the parameter name)")
    lo, hi = _bounds(spec[1], spec[2], name)
    return name, lo, hi


def phase_diagram(
    builder,
    x,
    y,
    *,
    fixed=None,
    resolution=100,
    key=None,
    level=None,
    xtol=XTOL,
    units=None,
) -> PhaseDiagram:
    """Label a plane of two parameters by equilibrium structure and trace the boundaries exactly.

    Every grid point is labelled by the structure of its equilibrium set (vectorised with
    :func:`deterrence.solve_many` when the builder returns payoff stacks, else game by game);
    every grid edge whose two ends differ is then bisected on the structure to ``xtol`` — all
    edges at once — giving boundary points with the pair of labels they separate.

    Parameters
    ----------
    builder : callable
        As in :func:`find_thresholds` (a game builder or a model function).
    x, y : (str, float, float)
        ``(name, low, high)`` of the horizontal and vertical parameters.
    fixed : dict, optional
        The other parameters.
    resolution : int or (int, int)
        Grid points per axis (nx, ny), at least 2 each (default 100).
    key : {"support", "pure", "spe"} or callable, optional
        The equilibrium structure, as in :func:`find_thresholds`.
    level : float, optional
        For a model function: regions above / below this level (default 0).
    xtol : float
        Absolute tolerance of each boundary point along its edge.
    units : dict, optional
        Units of the parameters, for the axis labels.

    Returns
    -------
    PhaseDiagram

    Raises
    ------
    ParameterError
        As :func:`find_thresholds`; also the same parameter on both axes, or a resolution < 2.

    Examples
    --------
    The retaliation game with commitment over (R̄, a): the calibrated response (calibrated, proportional) is an
    equilibrium iff share·R̄ − d ≥ −a and R̄ ≤ 1.6, so two boundaries are the lines
    a = 0.4 − R̄/2 and R̄ = 1.6; the third is where the deterrence component (restraint against
    a mixed reply) loses its interior vertex y = (1 − 0.65·R̄ − a/10, 0.625·R̄, (a + R̄/4)/10),
    i.e. the line 0.65·R̄ + a/10 = 1.

    >>> import numpy as np, deterrence as dt
    >>> pd_ = dt.phase_diagram(dt.games.retaliation_commitment_game, ("reputation_stake", 0.5, 3),
    ...                        ("audience_cost", 0, 1), resolution=20)
    >>> R, a = pd_.boundary.T
    >>> on_lines = (np.isclose(a, 0.4 - R / 2, atol=1e-9) | np.isclose(R, 1.6, atol=1e-9)
    ...             | np.isclose(0.65 * R + a / 10, 1, atol=1e-9))
    >>> bool(on_lines.all()), len(pd_.regions)
    (True, 4)
    >>> pd_.label_at(1.0, 0.5) == int(pd_.labels[10, 4])     # grid point (0.97, 0.53)
    True
    """
    import pandas as pd

    xn, x0, x1 = _axis(x, "x")
    yn, y0, y1 = _axis(y, "y")
    if xn == yn:
        raise ParameterError(
            f"x and y vary the same parameter {xn!r}; choose two different parameters (or use "
            "find_thresholds for one)."
        )
    if isinstance(resolution, Sequence) and not isinstance(resolution, str):
        if len(resolution) != 2:
            raise ParameterError(f"resolution must be an int or (nx, ny); got {resolution!r}.")
        nx = _points_on_axis(resolution[0], "resolution (x)")
        ny = _points_on_axis(resolution[1], "resolution (y)")
    else:
        nx = ny = _points_on_axis(resolution, "resolution")
    _check_budget(nx * ny, f"resolution ({nx} x {ny})")
    xtol = _xtol(xtol)
    model = _Model(builder, fixed, [xn, yn], units=units)
    xs = np.linspace(x0, x1, nx)
    ys = np.linspace(y0, y1, ny)
    model.probe({xn: xs[0], yn: ys[0]})
    key = _key(key, model)
    level = _level(level, model.kind)
    structures = _Structures(key, level=level, quantity=model.name)
    X, Y = np.meshgrid(xs, ys)
    ev = model.evaluate({xn: X.ravel(), yn: Y.ravel()}, label_tol=LABEL_TOL)
    labels = structures.codes(ev).reshape(ny, nx)

    # grid edges whose ends differ: along x (axis 0) at fixed y, and along y at fixed x
    hy, hx = np.nonzero(labels[:, :-1] != labels[:, 1:])
    vy, vx = np.nonzero(labels[:-1, :] != labels[1:, :])
    axis = np.concatenate([np.zeros(len(hx), int), np.ones(len(vx), int)])
    other = np.concatenate([ys[hy], xs[vx]])
    a = np.concatenate([xs[hx], ys[vy]])
    b = np.concatenate([xs[hx + 1], ys[vy + 1]])
    ca = np.concatenate([labels[hy, hx], labels[vy, vx]])
    cb = np.concatenate([labels[hy, hx + 1], labels[vy + 1, vx]])

    def make_points(t, e):
        along_x = axis[e] == 0
        return {xn: np.where(along_x, t, other[e]), yn: np.where(along_x, other[e], t)}

    found = _bisect(model, structures, make_points, a, b, ca, cb, xtol)
    # a grid line: the row (edges along x) or column (edges along y) an edge lies on
    line = np.concatenate([hy, ny + vx])[found[0]]
    clusters = list(_clusters(line, *found, gap=MERGE_XTOL * xtol))
    k = len(clusters)
    e = np.array([c[0] for c in clusters], dtype=np.intp)
    pair = np.array([[c[3], c[4]] for c in clusters], dtype=np.intp).reshape(k, 2)
    if k:
        t, at = _settle(model, structures, make_points, clusters)
        pts = make_points(t, e)
        boundary = np.stack([pts[xn], pts[yn]], axis=1)
    else:
        at = np.zeros(0, dtype=np.intp)
        boundary = np.zeros((0, 2))

    # region table: a representative grid point per label, nearest the region's centroid
    present = np.unique(labels)
    u = (X - x0) / (x1 - x0)
    v = (Y - y0) / (y1 - y0)
    reps = []
    for code in present.tolist():
        mask = labels == code
        cu, cv = u[mask].mean(), v[mask].mean()
        d = np.where(mask, (u - cu) ** 2 + (v - cv) ** 2, np.inf)
        reps.append(np.unravel_index(np.argmin(d), d.shape))
    rx = np.array([xs[j] for _, j in reps])
    ry = np.array([ys[i] for i, _ in reps])
    _, descr, extra = _describe_points(model, structures, {xn: rx, yn: ry}, LABEL_TOL)
    table = {
        "label": present,
        "structure": [structures.text[c] for c in present.tolist()],
        "area": [float((labels == c).mean()) for c in present.tolist()],
        xn: rx,
        yn: ry,
    }
    if model.kind == "scalar":
        table["value"] = extra
    else:
        table["n_equilibria"] = extra
        table["equilibria"] = ["; ".join(d) for d in descr]
    return PhaseDiagram(
        x_name=xn,
        y_name=yn,
        x=xs,
        y=ys,
        labels=labels,
        structures=tuple(structures.text),
        regions=pd.DataFrame(table),
        boundary=boundary,
        boundary_labels=pair,
        boundary_at=at,
        x_unit=model.units.get(xn),
        y_unit=model.units.get(yn),
        key=key if isinstance(key, str) else getattr(key, "__name__", repr(key)),
        level=level,
        builder=model.name,
        xtol=xtol,
        _model=model,
        _structures=structures,
    )
