"""Logit quantal response equilibrium (QRE) of a bimatrix game, on the principal branch.

In a logit QRE each player plays every strategy with a probability proportional to
``exp(λ · expected payoff)`` against the other's mixed strategy (McKelvey & Palfrey 1995,
"Quantal response equilibria for normal form games", *Games and Economic Behavior* 10:6–38):

    x_i ∝ exp(λ (A y)_i),    y_j ∝ exp(λ (xᵀB)_j).

At λ = 0 both players randomise uniformly; as λ → ∞ the *principal branch* — the connected
curve of QRE that starts at the centroid — converges to one Nash equilibrium (the logit
solution; McKelvey & Palfrey 1995, Theorem 2). The branch is traced by a predictor–corrector
homotopy in (ln x, ln y, λ) with arc-length steps (Turocy 2005, "A dynamic homotopy
interpretation of the logistic quantal response equilibrium correspondence", *Games and
Economic Behavior* 51:243–263), so it follows the curve even where λ turns back.

Units of λ. ``units="normalized"`` (the default) measures λ against each player's payoff range:
the game (A, B) is replaced by (A / spread(A), B / spread(B)), so λ = 10 means "a strategy 1 %
of the payoff range better is played e^0.1 ≈ 1.1 times as often" in every game.
``units="payoff"`` uses the payoffs as given: Gambit's convention (``pygambit.qre``).

Every QRE returned is checked as a fixed point of the logit response (maximum absolute error
on a probability ≤ :data:`FIXED_POINT_TOL`); a failure raises
:class:`~deterrence.errors.EquilibriumCheckError`.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np

from ..errors import EquilibriumCheckError, ParameterError, SolverTimeoutError

__all__ = [
    "QRE",
    "QREPath",
    "qre",
    "qre_path",
    "logit_response",
    "fixed_point_error",
    "FIXED_POINT_TOL",
    "UNITS",
]

#: a QRE is accepted when ``max |p − logit_response(p)| ≤`` this (probabilities)
FIXED_POINT_TOL = 1e-9
#: units of λ: against the normalised payoff range, or in the payoffs' own units (Gambit)
UNITS = ("normalized", "payoff")
#: default end of :func:`qre_path`, in normalised units (gaps of 1 % of the payoff range are
#: then played at odds e^10 : 1 — indistinguishable from the Nash limit on a chart)
LAM_MAX_NORMALIZED = 1000.0
_MAX_STEPS = 20_000
_NEWTON_TOL = 1e-12


def _readonly(a) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


def _spread(M: np.ndarray) -> float:
    s = float(M.max() - M.min())
    return s if s > 0 else 1.0


def _softmax(v: np.ndarray) -> np.ndarray:
    e = np.exp(v - v.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def logit_response(A, B, x, y, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """The logit response to (x, y): ``(softmax(λ A y), softmax(λ xᵀB))``.

    Payoffs are taken as given (payoff units); a QRE is a fixed point of this map.

    Examples
    --------
    >>> A = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> x, y = logit_response(A, A, [0.5, 0.5], [1.0, 0.0], math.log(3))
    >>> x.round(6).tolist(), y.round(6).tolist()
    ([0.75, 0.25], [0.5, 0.5])
    """
    A = np.asarray(A, float)
    B = np.asarray(B, float)
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    return _softmax(lam * (A @ y)), _softmax(lam * (x @ B))


def fixed_point_error(A, B, x, y, lam: float) -> float:
    """``max |(x, y) − logit_response(x, y)|``: zero exactly at a logit QRE (payoff units).

    Examples
    --------
    >>> A = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> fixed_point_error(A, A, [0.5, 0.5], [0.5, 0.5], 7.0)
    0.0
    """
    rx, ry = logit_response(A, B, x, y, lam)
    return float(
        max(np.abs(rx - np.asarray(x, float)).max(), np.abs(ry - np.asarray(y, float)).max())
    )


# -- the homotopy ---------------------------------------------------------------------------------
def _residual(A, B, z):
    m, n = A.shape
    lx, ly, lam = z[:m], z[m : m + n], z[-1]
    x, y = np.exp(lx), np.exp(ly)
    u, v = A @ y, x @ B
    return np.concatenate(
        [
            (lx[1:] - lx[0]) - lam * (u[1:] - u[0]),
            [x.sum() - 1.0],
            (ly[1:] - ly[0]) - lam * (v[1:] - v[0]),
            [y.sum() - 1.0],
        ]
    )


def _jacobian(A, B, z):
    """d residual / d (ln x, ln y, λ): (m+n) × (m+n+1)."""
    m, n = A.shape
    lx, ly, lam = z[:m], z[m : m + n], z[-1]
    x, y = np.exp(lx), np.exp(ly)
    u, v = A @ y, x @ B
    J = np.zeros((m + n, m + n + 1))
    # row player's log-odds against strategy 0
    J[: m - 1, 1:m] = np.eye(m - 1)
    J[: m - 1, 0] = -1.0
    J[: m - 1, m : m + n] = -lam * (A[1:] - A[0]) * y
    J[: m - 1, -1] = -(u[1:] - u[0])
    J[m - 1, :m] = x
    # column player's
    r = m
    J[r : r + n - 1, m + 1 : m + n] = np.eye(n - 1)
    J[r : r + n - 1, m] = -1.0
    J[r : r + n - 1, :m] = -lam * ((B[:, 1:] - B[:, :1]).T * x)
    J[r : r + n - 1, -1] = -(v[1:] - v[0])
    J[r + n - 1, m : m + n] = y
    return J


def _tangent(J, prev=None):
    """Unit tangent of the curve (null vector of J), oriented along `prev` (or λ increasing)."""
    if prev is None:
        q, _ = np.linalg.qr(J.T, mode="complete")
        t = q[:, -1]
        return t if t[-1] > 0 else -t
    # [J; prevᵀ] t = e_last: the null vector with a positive component along prev
    M = np.vstack([J, prev])
    rhs = np.zeros(len(prev))
    rhs[-1] = 1.0
    t = np.linalg.solve(M, rhs)
    return t / np.linalg.norm(t)


def _correct(A, B, z, t, *, tol=1e-10, max_iter=6):
    """Keller's pseudo-arclength corrector: Newton on H(z) = 0 within the hyperplane through the
    predicted point normal to the tangent, with the Jacobian frozen at the predicted point
    (chord iterations). Returns (z, converged, iterations)."""
    M = np.vstack([_jacobian(A, B, z), t])
    try:
        lu = np.linalg.inv(M)
    except np.linalg.LinAlgError:
        return z, False, 0
    prev = math.inf
    rhs = np.zeros(len(z))
    for k in range(max_iter):
        H = _residual(A, B, z)
        res = float(np.abs(H).max())
        if not np.isfinite(res) or res > 0.5 * prev:
            return z, False, k
        if res < tol:
            return z, True, k
        rhs[:-1] = -H
        z = z + lu @ rhs
        prev = res
    return z, bool(np.abs(_residual(A, B, z)).max() < tol), max_iter


def _land(A, B, z0, z1, lam):
    """The point of the branch at exactly λ = lam, between two traced points (Newton, λ fixed)."""
    m, n = A.shape
    w = (lam - z0[-1]) / (z1[-1] - z0[-1])
    z = (1 - w) * z0 + w * z1
    z[-1] = lam
    for _ in range(50):
        H = _residual(A, B, z)
        if np.abs(H).max() < _NEWTON_TOL:
            break
        dz = np.linalg.solve(_jacobian(A, B, z)[:, : m + n], -H)
        z[: m + n] += dz
    return z


def _trace(
    A, B, lam_stop, *, targets=(), tol=1e-10, first_step=0.03, max_accel=2.0, max_steps=_MAX_STEPS
):
    """Trace the principal branch from λ = 0 until λ first reaches `lam_stop`.

    Returns (points, landed): every accepted point z = (ln x, ln y, λ), and for each target λ
    the point of the branch where λ first reaches it.
    """
    m, n = A.shape
    z = np.concatenate([np.full(m, -math.log(m)), np.full(n, -math.log(n)), [0.0]])
    pts = [z.copy()]
    todo = sorted(float(t) for t in targets)
    landed = {}
    while todo and todo[0] <= 0.0:
        landed[todo.pop(0)] = z.copy()
    h = first_step
    t = _tangent(_jacobian(A, B, z))
    steps = 0
    while z[-1] < lam_stop:
        steps += 1
        if steps > max_steps:
            raise SolverTimeoutError(
                f"the QRE branch did not reach λ = {lam_stop:g} in {max_steps} steps (it stopped at "
                f"λ = {z[-1]:.4g}); ask for a smaller λ."
            )
        znew, ok, iters = _correct(A, B, z + h * t, t, tol=tol)
        tnew = _tangent(_jacobian(A, B, znew), t) if ok else None
        if not ok or tnew @ t < 0.9:  # a sharp turn: a smaller step keeps to the same branch
            h /= 2
            if h < 1e-12:
                raise SolverTimeoutError(
                    f"the QRE branch tracer stalled at λ = {z[-1]:.6g} (step size underflow); "
                    "the game may have a bifurcation on the principal branch."
                )
            continue
        while todo and z[-1] < todo[0] <= znew[-1]:
            target = todo.pop(0)
            landed[target] = _land(A, B, z, znew, target)
        if znew[-1] >= lam_stop and z[-1] < lam_stop:
            znew = _land(A, B, z, znew, lam_stop)
        z, t = znew, tnew
        pts.append(z.copy())
        if iters <= 2:
            h *= max_accel
        elif iters >= 5:
            h /= 1.5
    return pts, landed


# -- results --------------------------------------------------------------------------------------
def _check_units(units):
    if units not in UNITS:
        from ..errors import close_match_hint

        raise ParameterError(
            f"units must be one of {UNITS}; got {units!r}." + close_match_hint(str(units), UNITS)
        )


def _check_lam(lam, field="lam") -> float:
    if isinstance(lam, bool) or not isinstance(lam, int | float | np.integer | np.floating):
        raise ParameterError(f"{field} must be a number ≥ 0; got {lam!r}.")
    lam = float(lam)
    if not math.isfinite(lam) or lam < 0:
        raise ParameterError(
            f"{field} must be a finite number ≥ 0 (0 = uniform play, large = near Nash); got "
            f"{lam!r}."
        )
    return lam


def _arrays(game, units):
    from ..game import Game

    if not isinstance(game, Game):
        raise TypeError(
            f"qre() takes a deterrence.Game; got {type(game).__name__}. For a GameTree use "
            "dt.tree_qre (agent QRE) or dt.reduced_normal_form(tree)."
        )
    _check_units(units)
    A, B = np.asarray(game.A, float), np.asarray(game.B, float)
    scale = (_spread(A), _spread(B)) if units == "normalized" else (1.0, 1.0)
    return A / scale[0], B / scale[1], scale


@dataclass(frozen=True, eq=False)
class QRE:
    """A logit quantal response equilibrium on the principal branch.

    Attributes
    ----------
    row, col : ndarray
        The players' mixed strategies (read-only, every entry > 0).
    lam : float
        λ, in `units`.
    units : str
        ``"normalized"`` (λ against each player's payoff range) or ``"payoff"``.
    scale : tuple of float
        Payoff spreads (row, column) that λ was divided by: ``(1, 1)`` in payoff units. In
        payoff units the row player's λ is ``lam / scale[0]``.
    payoffs : tuple of float
        Expected payoffs (row, column), in the game's units.
    row_labels, col_labels, players : tuple of str
    error : float
        Fixed-point error ``max |p − logit response(p)|`` (≤ :data:`FIXED_POINT_TOL`).
    """

    row: np.ndarray
    col: np.ndarray
    lam: float
    units: str
    scale: tuple[float, float]
    payoffs: tuple[float, float]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    players: tuple[str, str]
    error: float

    def __post_init__(self):
        object.__setattr__(self, "row", _readonly(self.row))
        object.__setattr__(self, "col", _readonly(self.col))

    def describe(self) -> str:
        """``'0.62 swerve + 0.38 straight / …'``: each player's mixed strategy."""
        row = " + ".join(f"{p:.3g} {s}" for p, s in zip(self.row, self.row_labels, strict=True))
        col = " + ".join(f"{p:.3g} {s}" for p, s in zip(self.col, self.col_labels, strict=True))
        return f"{row} / {col}"

    def to_frame(self):
        """A one-row pandas DataFrame: ``lam``, ``units``, one column per ``"<player>: <strategy>"``."""
        import pandas as pd

        r = {"lam": self.lam, "units": self.units}
        for player, labels, p in (
            (self.players[0], self.row_labels, self.row),
            (self.players[1], self.col_labels, self.col),
        ):
            r.update({f"{player}: {s}": float(v) for s, v in zip(labels, p, strict=True)})
        return pd.DataFrame([r])

    def __repr__(self):
        return f"<QRE λ={self.lam:.4g} ({self.units}) {self.describe()}>"

    def _repr_html_(self) -> str:
        return (
            f"<div><b>logit QRE</b> at λ = {self.lam:.4g} ({html.escape(self.units)} units): "
            f"{html.escape(self.describe())}; fixed-point error {self.error:.1e}</div>"
        )


@dataclass(frozen=True, eq=False)
class QREPath:
    """The principal branch of logit QRE, λ from 0 to ``lam[-1]``.

    Attributes
    ----------
    lam : ndarray, shape (k,)
        λ at each traced point (in `units`; not monotone where the branch turns back).
    row, col : ndarray, shape (k, m) and (k, n)
        The players' mixed strategies along the branch.
    units, scale, row_labels, col_labels, players, name
        As in :class:`QRE`; `name` is the game's title.
    nash_row, nash_col : ndarray or None
        The Nash equilibrium (from :func:`deterrence.solve`) the branch converges to: the
        extreme equilibrium nearest the last traced point, when it lies within
        :attr:`nash_distance` ≤ 0.01 of it; None otherwise (e.g. a game too large to enumerate).
    nash_distance : float
        max |p − Nash| at the last point (nan when no equilibrium was available).
    error : float
        The largest fixed-point error over the traced points.
    """

    lam: np.ndarray
    row: np.ndarray
    col: np.ndarray
    units: str
    scale: tuple[float, float]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    players: tuple[str, str]
    name: str | None
    nash_row: np.ndarray | None
    nash_col: np.ndarray | None
    nash_distance: float
    error: float

    def __post_init__(self):
        for f in ("lam", "row", "col"):
            object.__setattr__(self, f, _readonly(getattr(self, f)))
        for f in ("nash_row", "nash_col"):
            if getattr(self, f) is not None:
                object.__setattr__(self, f, _readonly(getattr(self, f)))

    def __len__(self):
        return len(self.lam)

    def to_frame(self):
        """A pandas DataFrame, one row per traced point: ``lam`` and one column per
        ``"<player>: <strategy>"`` probability."""
        import pandas as pd

        data = {"lam": self.lam}
        for player, labels, P in (
            (self.players[0], self.row_labels, self.row),
            (self.players[1], self.col_labels, self.col),
        ):
            data.update({f"{player}: {s}": P[:, k] for k, s in enumerate(labels)})
        return pd.DataFrame(data)

    def plot(self, ax=None, **kwargs):
        """Probabilities against λ, the Nash limit marked (:func:`deterrence.plot.qre.qre_path`)."""
        import importlib

        draw = importlib.import_module("deterrence.plot.qre").qre_path

        return draw(self, ax=ax, **kwargs)

    def __repr__(self):
        limit = (
            "no Nash limit identified"
            if self.nash_row is None
            else f"Nash limit within {self.nash_distance:.1e}"
        )
        return (
            f"<QREPath {self.name or 'game'}: {len(self)} points, λ 0 → {self.lam[-1]:.4g} "
            f"({self.units}); {limit}>"
        )

    def _repr_html_(self) -> str:
        return f"<div>{html.escape(repr(self)[1:-1])}</div>"


def _profile(A, B, z, lam):
    m, n = A.shape
    x, y = np.exp(z[:m]), np.exp(z[m : m + n])
    x, y = x / x.sum(), y / y.sum()
    return x, y, fixed_point_error(A, B, x, y, lam)


def _gate(err, lam, units):
    if not err <= FIXED_POINT_TOL:
        raise EquilibriumCheckError(
            f"the computed QRE at λ = {lam:g} ({units}) is not a fixed point of the logit "
            f"response (error {err:.2e} > {FIXED_POINT_TOL:g}). This is a solver bug; please "
            "report it with the game."
        )


def qre(game, lam, *, units: str = "normalized") -> QRE:
    """The logit QRE at `lam` on the principal branch (traced from λ = 0).

    Parameters
    ----------
    game : Game
    lam : float
        λ ≥ 0: 0 is uniform play; large λ approaches a Nash equilibrium.
    units : {"normalized", "payoff"}
        ``"normalized"``: λ against each player's payoff range (the game's payoffs divided by
        max − min), so λ means the same in every game; ``"payoff"``: Gambit's convention.

    Returns
    -------
    QRE
        Where the branch turns back in λ, the first point at which it reaches `lam`.

    Raises
    ------
    EquilibriumCheckError
        The traced point is not a fixed point of the logit response (a bug; never silent).
    SolverTimeoutError
        The tracer did not reach `lam` (too many steps).

    References
    ----------
    McKelvey & Palfrey (1995), *Games and Economic Behavior* 10:6–38; Turocy (2005), *Games and
    Economic Behavior* 51:243–263.

    Examples
    --------
    Matching pennies: the QRE is the Nash equilibrium (½, ½) at every λ.

    >>> import deterrence as dt
    >>> q = dt.qre(dt.Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), 5.0)
    >>> q.row.round(6).tolist(), q.col.round(6).tolist(), q.lam
    ([0.5, 0.5], [0.5, 0.5], 5.0)

    A dominant strategy worth 1 more (payoff spread 1): x = e^λ / (1 + e^λ).

    >>> q = dt.qre(dt.Game([[1, 1], [0, 0]], [[0, 0], [0, 0]]), 2.0, units="payoff")
    >>> round(float(q.row[0]), 6), round(math.exp(2) / (1 + math.exp(2)), 6)
    (0.880797, 0.880797)
    """
    lam = _check_lam(lam)
    A, B, scale = _arrays(game, units)
    # the path between is only a guide to the landing point, which Newton refines to 1e-12
    pts, landed = _trace(A, B, lam, targets=(lam,), tol=1e-7)
    x, y, err = _profile(A, B, landed[lam], lam)
    _gate(err, lam, units)
    Ar, Br = np.asarray(game.A, float), np.asarray(game.B, float)
    return QRE(
        row=x,
        col=y,
        lam=lam,
        units=units,
        scale=scale,
        payoffs=(float(x @ Ar @ y), float(x @ Br @ y)),
        row_labels=tuple(game.strategies[0]),
        col_labels=tuple(game.strategies[1]),
        players=tuple(game.players),
        error=err,
    )


def qre_path(game, *, lam_max: float | None = None, units: str = "normalized") -> QREPath:
    """The principal branch of logit QRE from λ = 0 to `lam_max`, and its Nash limit.

    Parameters
    ----------
    game : Game
    lam_max : float, optional
        Where to stop (in `units`); default 1000 in normalised units (the same in payoff units:
        1000 divided by the smaller payoff spread).
    units : {"normalized", "payoff"}

    Returns
    -------
    QREPath
        Every traced point, each checked as a fixed point; ``.plot()`` and ``.to_frame()``.

    Examples
    --------
    Chicken: the branch starts at (½, ½) and ends at the mixed equilibrium (0.9, 0.1); a mixed
    limit is approached slowly (the distance falls like 1/λ):

    >>> import deterrence as dt
    >>> path = dt.qre_path(dt.games.chicken())
    >>> path.row[0].tolist(), path.nash_row.round(3).tolist(), round(path.nash_distance, 4)
    ([0.5, 0.5], [0.9, 0.1], 0.0024)
    """
    _check_units(units)
    A, B, scale = _arrays(game, units)
    if lam_max is None:
        lam_max = LAM_MAX_NORMALIZED / (
            1.0 if units == "normalized" else min(_spread(A), _spread(B))
        )
    lam_max = _check_lam(lam_max, "lam_max")
    pts, _ = _trace(A, B, lam_max)
    m, n = A.shape
    Z = np.array(pts)
    X = np.exp(Z[:, :m])
    Y = np.exp(Z[:, m : m + n])
    X /= X.sum(axis=1, keepdims=True)
    Y /= Y.sum(axis=1, keepdims=True)
    lams = Z[:, -1]
    err = max(fixed_point_error(A, B, x, y, t) for x, y, t in zip(X, Y, lams, strict=True))
    _gate(err, float(lams[np.argmax(lams)]), units)
    nash_row = nash_col = None
    dist = math.nan
    from ..errors import GameTooLargeError
    from . import solve

    try:
        eqs = solve(game)
    except GameTooLargeError:  # the limit is left unidentified, and the result says so
        eqs = ()
    if len(eqs):
        d = [max(np.abs(e.row - X[-1]).max(), np.abs(e.col - Y[-1]).max()) for e in eqs]
        k = int(np.argmin(d))
        dist = float(d[k])
        if dist <= 0.01:
            nash_row, nash_col = eqs[k].row, eqs[k].col
    return QREPath(
        lam=lams,
        row=X,
        col=Y,
        units=units,
        scale=scale,
        row_labels=tuple(game.strategies[0]),
        col_labels=tuple(game.strategies[1]),
        players=tuple(game.players),
        name=game.name,
        nash_row=nash_row,
        nash_col=nash_col,
        nash_distance=dist,
        error=err,
    )
