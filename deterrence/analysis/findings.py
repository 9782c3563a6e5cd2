"""The memo's findings: every number it states, computed from the models, as typed results.

:func:`analyse` runs the models of the toolkit on one scenario and returns :class:`Findings`,
which the memo (:mod:`deterrence.memo`) renders, the CLI prints and the widgets show:

* the recommended response r* and the calibrated window, in the response unit (leakers) and in
  launches (L ~ Binomial(n, q) leakers of n launches);
* the equilibria of the retaliation game, the normal form of the crisis tree (every extreme
  equilibrium, verified) and the crisis tree's subgame-perfect plan, with each response class's chances;
* the inverse solves ("what would have to be true"), the assumption scan with its signposts and
  the tornado that reads the same scan, the phase diagram over the two game parameters that
  matter most, the proxy risk and the scenario's backtest events.

Nothing here formats text: numbers are numbers, conclusions are keys, and the memo chooses the
words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .._tol import SAME_VALUE_RTOL
from ..errors import ParameterError
from ..roots import last_true
from ..solve.backward_induction import spe as backward_induction
from .inverses import Inverse, inverses
from .scan import Assumption, Swings, assumption_scan
from .summary import ScenarioSummary, load, summarise

if TYPE_CHECKING:
    from ..game import Game
    from ..models.curves import SaturationCurves, WindowCurves
    from ..models.retaliation import CalibratedResponse
    from ..scenario import Event, Scenario
    from ..solve.backward_induction import SubgamePerfect
    from ..solve.result import Equilibria
    from .phase import PhaseDiagram

__all__ = [
    "analyse",
    "Findings",
    "ResponseRow",
    "SalvoRow",
    "TreeRow",
    "Views",
    "EventCheck",
    "PROXY_PERIODS",
    "PHASE_RESOLUTION",
    "LAUNCH_CHART_MAX",
]

#: Periods over which the proxy risk accumulates (a year of monthly periods).
PROXY_PERIODS = 12
#: Grid of the phase diagram in the findings (boundaries are then bisected exactly).
PHASE_RESOLUTION = (41, 41)
#: Longest curve in launch units: the models evaluate every salvo size up to it, which takes
#: minutes beyond ~10⁴ launches (thresholds of thousands of leakers); the tables keep the numbers.
LAUNCH_CHART_MAX = 5000


@dataclass(frozen=True)
class ResponseRow:
    """A response size and its chances (the response-unit table).

    ``kind``: ``"r_star"`` (the optimum), ``"floor"`` or ``"ceiling"`` (the window's edges)."""

    kind: str
    size: float
    p_weak: float
    p_escalation: float
    utility: float


@dataclass(frozen=True)
class SalvoRow:
    """A salvo size in launches and its chances (the launch table).

    ``kind``: ``"n_star"`` (the best salvo), ``"strong_min"`` (the smallest seen as strong
    enough), ``"safe_max"`` (the largest within the acceptable risk), ``"salvo"`` (the
    scenario's); ``launches`` is None when no salvo in the search range qualifies (then the
    numbers are NaN)."""

    kind: str
    launches: int | None
    expected_leakers: float
    p_weak: float
    p_escalation: float
    utility: float


@dataclass(frozen=True)
class TreeRow:
    """One response class in the crisis tree, the adversary playing its subgame-perfect
    replies."""

    response_class: str
    size: float
    p_escalation: float
    p_third_party: float
    p_escalation_no_proxies: float
    payoff_retaliator: float
    payoff_adversary: float
    chosen: bool

    @property
    def p_escalation_from_proxies(self) -> float:
        return self.p_escalation - self.p_escalation_no_proxies


@dataclass(frozen=True)
class Views:
    """The response class each view of the dilemma recommends: the retaliation game's credible play,
    the crisis tree (backward induction) and the calibrated-response model."""

    game: str
    tree: str
    model: str

    @property
    def agree(self) -> bool:
        return self.game == self.tree == self.model


@dataclass(frozen=True)
class EventCheck:
    """What the model says about one backtest event (NaN numbers when it is not scored)."""

    event: Event
    scored: bool
    reason: str = ""
    q: float = math.nan
    q_source: str = ""
    expected_leakers: float = math.nan
    p_escalation: float = math.nan
    p_weak: float = math.nan


@dataclass(frozen=True)
class Findings:
    """Every number of the memo, computed from the models (see :func:`analyse`).

    Attributes
    ----------
    scenario : Scenario
    model : CalibratedResponse
    summary : ScenarioSummary
        The headline quantities (r*, window edges, the salvo's chances, the tree's choice).
    q : float
        Per-launch leak probability.
    salvo : int
        The scenario's salvo (launches).
    p_weak_r_star, p_escalation_r_star : float
        The chances at r*.
    n_star : int
        The best salvo in launches.
    window_launches : (int, int) or None
        The smallest and largest salvo meeting both limits; None when none does.
    strong_salvo_min : int or None
        The smallest salvo seen as weak w.p. <= α_w; None beyond the search range.
    safe_salvo_max : int
        The largest salvo with P(escalation) <= ρ.
    launches_for_r_star : int or None
        Launches that get at least ⌈r*⌉ leakers through w.p. 1 − α_w.
    salvo_leakers, salvo_leakers_saturated : float
        Expected leakers of the salvo with unlimited interceptors and with the scenario's stock.
    response_rows, salvo_rows : tuple
        The two tables of the recommended-response section.
    game, equilibria : Game, Equilibria
        The retaliation game (the normal form of the crisis tree) and every extreme equilibrium of it.
    spe : SubgamePerfect
        The crisis tree's subgame-perfect plan.
    tree_rows : tuple of TreeRow
    views : Views
    inverses : tuple of Inverse
    assumptions : tuple of Assumption
        The assumption scan (run once; :attr:`swings` reads it).
    swings : Swings
        The tornado of the calibrated window's parameters, from the same scan.
    phase : PhaseDiagram
        The retaliation game over :attr:`phase_axes`.
    window_curves : WindowCurves
        The calibrated window against the response size.
    launch_curves : WindowCurves or None
        The same in launches; None when q = 0 or the chart would span more than
        :data:`LAUNCH_CHART_MAX` launches.
    saturation : SaturationCurves
        P(at least ⌈r*⌉ leakers) against the salvo size for the plausible kill probabilities,
        with unlimited interceptors and with the scenario's stock.
    proxy_periods : int
    proxy_per_period, proxy_over_periods : float
        P(an unsanctioned proxy attack is attributed to the retaliating side) per period and
        within `proxy_periods`.
    events : tuple of EventCheck
    """

    scenario: Scenario
    model: CalibratedResponse
    summary: ScenarioSummary
    q: float
    salvo: int
    p_weak_r_star: float
    p_escalation_r_star: float
    n_star: int
    window_launches: tuple[int, int] | None
    strong_salvo_min: int | None
    safe_salvo_max: int
    launches_for_r_star: int | None
    salvo_leakers: float
    salvo_leakers_saturated: float
    response_rows: tuple[ResponseRow, ...]
    salvo_rows: tuple[SalvoRow, ...]
    game: Game
    equilibria: Equilibria
    spe: SubgamePerfect
    tree_rows: tuple[TreeRow, ...]
    views: Views
    inverses: tuple[Inverse, ...]
    assumptions: tuple[Assumption, ...]
    swings: Swings
    phase: PhaseDiagram
    window_curves: WindowCurves
    launch_curves: WindowCurves | None
    saturation: SaturationCurves
    proxy_periods: int
    proxy_per_period: float
    proxy_over_periods: float
    events: tuple[EventCheck, ...]

    # -- names the memo's sections share ------------------------------------------------------

    @property
    def retaliator(self) -> str:
        return self.scenario.players[0]

    @property
    def adversary(self) -> str:
        return self.scenario.players[1]

    @property
    def unit(self) -> str:
        return self.scenario.response_unit

    @property
    def parameters(self):
        return self.scenario.parameters

    @property
    def rho(self) -> float:
        return self.scenario.parameters["acceptable_risk"]

    @property
    def alpha(self) -> float:
        return self.scenario.parameters["alpha_weak"]

    @property
    def r_star(self) -> float:
        return self.summary.r_star

    @property
    def floor(self) -> float:
        return self.summary.window_floor

    @property
    def ceiling(self) -> float:
        return self.summary.window_ceiling

    @property
    def window(self) -> tuple[float, float] | None:
        """(floor, ceiling) of the calibrated window, None when it is empty."""
        return (self.floor, self.ceiling) if self.summary.window_open else None

    @property
    def salvo_p_escalation(self) -> float:
        return self.summary.p_escalation_salvo

    @property
    def salvo_p_weak(self) -> float:
        return self.summary.p_weak_salvo

    @property
    def chosen(self) -> str:
        """The crisis tree's subgame-perfect response class."""
        return self.spe.plan[self.retaliator]

    @property
    def tree_by_class(self) -> dict[str, TreeRow]:
        return {row.response_class: row for row in self.tree_rows}

    @property
    def chosen_row(self) -> TreeRow:
        return self.tree_by_class[self.chosen]

    @property
    def interceptors_run_out(self) -> bool:
        """The scenario's interceptor stock lowers the salvo's expected leakers."""
        return not math.isclose(
            self.salvo_leakers_saturated,
            self.salvo_leakers,
            rel_tol=SAME_VALUE_RTOL,
            abs_tol=SAME_VALUE_RTOL,
        )

    @property
    def threats_engaged(self) -> int:
        """Arriving threats the interceptor stock can engage (beyond them all get through)."""
        p = self.scenario.parameters
        return p["interceptor_inventory"] // p["shots_per_threat"]

    @property
    def equilibrium_components(self) -> tuple[int, ...]:
        """The connected component of each extreme equilibrium of :attr:`equilibria`."""
        comp = {id(e): c for c, members in enumerate(self.equilibria.components) for e in members}
        return tuple(comp[id(e)] for e in self.equilibria)

    @property
    def tree_choice_equilibria(self) -> tuple[int, ...]:
        """Indices of the equilibria in which the retaliator plays the crisis tree's choice."""
        return tuple(k for k, e in enumerate(self.equilibria) if e.support[0] == (self.chosen,))

    @property
    def load_bearing(self) -> tuple[Assumption, ...]:
        return tuple(a for a in self.assumptions if a.load_bearing)

    @property
    def game_signposts(self):
        return tuple(sp for a in self.assumptions for sp in a.signposts if sp.conclusion == "game")

    def nearest_signposts(self, k: int = 3):
        """The k signposts nearest to the scenario's values, relative to each plausible range."""
        scored = []
        for a in self.assumptions:
            span = (a.high - a.low) or 1.0
            scored += [(abs(sp.value - a.value) / span, sp) for sp in a.signposts]
        scored.sort(key=lambda t: t[0])
        return [sp for _, sp in scored[:k]]

    @property
    def phase_axes(self) -> tuple[str, str]:
        return self.phase.x_name, self.phase.y_name

    def launch_chart_span(self) -> int | None:
        """Launches a chart in launch units should span (None when q = 0)."""
        return _launch_chart_span(
            self.model, self.q, self.n_star, self.salvo, self.strong_salvo_min, self.safe_salvo_max
        )

    def to_frame(self):
        """The headline numbers, one row per quantity (``quantity``, ``value``, ``unit``)."""
        import pandas as pd

        u = self.unit
        rows = [
            ("r_star", self.r_star, u),
            ("window_floor", self.floor, u),
            ("window_ceiling", self.ceiling, u),
            ("p_weak_r_star", self.p_weak_r_star, "probability"),
            ("p_escalation_r_star", self.p_escalation_r_star, "probability"),
            ("q", self.q, "probability"),
            ("n_star", self.n_star, "launches"),
            ("salvo", self.salvo, "launches"),
            ("salvo_leakers", self.salvo_leakers, u),
            ("salvo_leakers_saturated", self.salvo_leakers_saturated, u),
            ("salvo_p_escalation", self.salvo_p_escalation, "probability"),
            ("salvo_p_weak", self.salvo_p_weak, "probability"),
            ("safe_salvo_max", self.safe_salvo_max, "launches"),
            ("strong_salvo_min", self.strong_salvo_min, "launches"),
            ("proxy_per_period", self.proxy_per_period, "probability"),
            ("proxy_over_periods", self.proxy_over_periods, "probability"),
            ("load_bearing_assumptions", len(self.load_bearing), "parameters"),
        ]
        return pd.DataFrame(rows, columns=["quantity", "value", "unit"])

    def __repr__(self):
        return (
            f"<Findings {self.scenario.name}: r* = {self.r_star:.4g} {self.unit}, window "
            f"{'open' if self.window else 'empty'}, {len(self.load_bearing)} load-bearing "
            "assumptions>"
        )


# -- launch units -------------------------------------------------------------------------------


def _launch_bound(model, q: float, salvo: int) -> int:
    # the launch-unit search bound of CalibratedResponse: expected leakers reach its default
    # leaker bound (1.5 × the larger 0.999-quantile of the thresholds)
    if q <= 0:
        return max(salvo, 1)
    return max(salvo, math.ceil(model.default_upper() / q), 1)


def _optimum_launches(model, q: float, r_star: float, bound: int) -> int:
    """``model.optimum_launches(q)`` searched only where the optimum can lie.

    E[U](n) = (R̄ + a)·E[G(L)] − W·E[F(L)] − κ·q·n <= (R̄ + a) − W·P(escalation | n) − κ·q·n, a
    bound that falls with n; no salvo beyond the last n where it still reaches E[U] of the
    salvo nearest r*/q can be better. With thresholds far above the salvo sizes that matter
    (a tolerance median of thousands of leakers) the model's default search would run to
    hundreds of thousands of launches.
    """
    n_ref = min(bound, max(0, round(r_star / q)))
    u_ref = float(model.utility_launches(n_ref, q))
    stake = model.reputation_stake + model.audience_cost

    def may_beat(k: int) -> bool:
        ceiling = stake - model.war_cost * float(model.p_escalation_launches(k, q))
        return ceiling - model.marginal_cost * q * k >= u_ref

    last = last_true(may_beat, n_ref, bound)
    return int(model.optimum_launches(q, max_launches=max(1, last if last is not None else n_ref)))


def _launch_chart_span(model, q, n_star, salvo, strong_min, safe_max) -> int | None:
    """Launches a chart in launch units should span: the salvos that matter (n*, the window's
    edges, the scenario's salvo) and on to P(escalation) = 0.9 when that is not far beyond;
    None when no launch gets through (q = 0)."""
    if q <= 0:
        return None
    shown = max(n_star, salvo, strong_min or 0, safe_max or 0, 10)
    reach = float(model.tolerance.ppf(0.9)) / q
    return math.ceil(max(1.3 * shown, min(reach, 4 * shown)))


def _saturation(s, r_star: float):
    """P(at least ⌈r*⌉ leakers) against the salvo size, for the plausible kill probabilities,
    with unlimited interceptors and with the scenario's stock; the level is 1 − α_w."""
    from ..models.defense import saturation

    p = s.parameters
    shots = p["shots_per_threat"]
    top = max(2 * p["salvo_size"], math.ceil(1.3 * p["interceptor_inventory"] / shots), 20)
    lo_pk, hi_pk = s.ranges["intercept_prob"]
    return saturation(
        np.arange(0, top + 1, max(1, math.ceil(top / 75))),
        k=max(1, math.ceil(r_star)),
        p_kill=sorted({lo_pk, p["intercept_prob"], hi_pk}),
        interceptors=(None, p["interceptor_inventory"]),
        reliability=p["launch_reliability"],
        shots=shots,
        target=1.0 - p["alpha_weak"],
    )


def _salvo_row(model, kind: str, n: int | None, q: float) -> SalvoRow:
    if n is None:
        return SalvoRow(kind, None, math.nan, math.nan, math.nan, math.nan)
    return SalvoRow(
        kind,
        int(n),
        n * q,
        float(model.p_weak_launches(n, q)),
        float(model.p_escalation_launches(n, q)),
        float(model.utility_launches(n, q)),
    )


def _tree_rows(s, tree, spe) -> tuple[TreeRow, ...]:
    from ..games.crisis import RESPONSE_CLASSES, response_sizes

    sizes = response_sizes(s)
    model = s.calibrated_response()
    rows = []
    for c in RESPONSE_CLASSES:
        plan = dict(spe.plan)
        plan[s.players[0]] = c
        reach = tree.reach_probabilities(plan)
        p_esc = p_third = 0.0
        for node, prob in reach.items():
            parent = tree.parent(node)
            if parent is None:
                continue
            if parent[1] == "escalate":
                p_esc += prob
            elif parent[1] == f"{s.patron} enters":
                p_third += prob
        payoffs = tree.expected_payoffs(plan)
        rows.append(
            TreeRow(
                response_class=c,
                size=float(sizes[c]),
                p_escalation=p_esc,
                p_third_party=p_third,
                p_escalation_no_proxies=float(model.p_escalation(sizes[c])),
                payoff_retaliator=float(payoffs[0]),
                payoff_adversary=float(payoffs[1]),
                chosen=c == spe.plan[s.players[0]],
            )
        )
    return tuple(rows)


def _events(s, model) -> tuple[EventCheck, ...]:
    out = []
    adversary = s.players[1]
    for ev in s.events:
        if ev.launches is None:
            out.append(EventCheck(ev, False, "no launch count reported"))
            continue
        if ev.target and ev.target != adversary:
            reason = f"target {ev.target}: the scenario's tolerance threshold is {adversary}'s"
            out.append(EventCheck(ev, False, reason))
            continue
        if ev.intercept_rate is not None:
            q, src = 1.0 - ev.intercept_rate, "reported interception rate"
        else:
            q, src = s.leak_probability, "scenario's q"
        out.append(
            EventCheck(
                ev,
                True,
                q=q,
                q_source=src,
                expected_leakers=ev.launches * q,
                p_escalation=float(model.p_escalation_launches(ev.launches, q)),
                p_weak=float(model.p_weak_launches(ev.launches, q)),
            )
        )
    return tuple(out)


def phase_axes(assumptions) -> tuple[str, str]:
    """The two retaliation-game parameters whose ranges hold game thresholds (the load-bearing
    ones first), else the reputation stake and the audience cost."""
    from ..games.crisis import EXCHANGE_PARAMETERS

    keys = [
        a.key
        for a in assumptions
        if a.key in EXCHANGE_PARAMETERS
        and a.key != "p_patron_entry"
        and any(sp.conclusion == "game" for sp in a.signposts)
    ]
    for default in ("reputation_stake", "audience_cost"):
        if default not in keys:
            keys.append(default)
    return keys[0], keys[1]


def _phase(s, axes: tuple[str, str]):
    from ..games.crisis import retaliation_game
    from .phase import phase_diagram

    x_key, y_key = axes
    return phase_diagram(
        retaliation_game,
        (x_key, *s.ranges[x_key]),
        (y_key, *s.ranges[y_key]),
        fixed={"scenario_or_params": s},
        resolution=PHASE_RESOLUTION,
    )


def analyse(scenario) -> Findings:
    """Compute every number of the memo (no files are written).

    Parameters
    ----------
    scenario : Scenario, str or os.PathLike
        A scenario, a bundled name (``"iran-2024"``) or the path of a TOML file.

    Returns
    -------
    Findings

    Examples
    --------
    The seed scenario's defaults: r* ≈ 5.16 leakers, 37 launches at q = 0.14, an empty window
    [6.47, 6.32] and P(escalation) ≈ 0.52 for the 150-launch salvo.

    >>> f = analyse("iran-2024")
    >>> round(f.r_star, 2), f.n_star, f.window, round(f.floor, 2), round(f.ceiling, 2)
    (5.16, 37, None, 6.47, 6.32)
    >>> round(f.salvo_p_escalation, 2), f.safe_salvo_max, f.strong_salvo_min
    (0.52, 41, 57)
    """
    from ..games.crisis import best_response_class, crisis_tree
    from ..models.defense import expected_leakers, launches_needed
    from ..models.proxies import p_crisis_from_proxies
    from ..solve import solve

    s = load(scenario)
    p = s.parameters
    model = s.calibrated_response()
    cache: dict = {}
    summary = summarise(s, cache)
    q = s.leak_probability
    n = p["salvo_size"]
    alpha, rho = p["alpha_weak"], p["acceptable_risk"]
    r_star = summary.r_star
    bound = _launch_bound(model, q, n)
    n_star = _optimum_launches(model, q, r_star, bound) if q > 0 else 0
    strong_min = None
    if q > 0:
        # smallest salvo seen as weak with probability <= alpha: P(weak | n) falls with n
        last_weak = last_true(lambda k: float(model.p_weak_launches(k, q)) > alpha, 0, bound)
        strong_min = 0 if last_weak is None else (last_weak + 1 if last_weak < bound else None)
    safe_max = last_true(lambda k: float(model.p_escalation_launches(k, q)) <= rho, 0, bound)
    window_launches = None
    if q > 0 and safe_max is not None and strong_min is not None and strong_min <= safe_max:
        # P(escalation | n) > rho beyond safe_max, so the window ends there: search no further
        window_launches = model.window_launches(q, alpha, rho, max_launches=safe_max + 1)
    launches_r = None
    if q > 0:
        try:
            launches_r = int(launches_needed(max(1, math.ceil(r_star)), 1.0 - alpha, q))
        except ParameterError:  # out of the search range: reported as not reachable
            launches_r = None
    tree = crisis_tree(s)
    spe = backward_induction(tree)
    game = s.retaliation_game()
    assumptions = assumption_scan(s, summary)
    views = best_response_class(s)
    span = _launch_chart_span(model, q, n_star, n, strong_min, safe_max)
    launch_curves = None
    if span is not None and span <= LAUNCH_CHART_MAX:
        launch_curves = model.window_curves_launches(q, alpha, rho, n_max=span, salvo=n)
    return Findings(
        scenario=s,
        model=model,
        summary=summary,
        q=q,
        salvo=n,
        p_weak_r_star=float(model.p_weak(r_star)),
        p_escalation_r_star=float(model.p_escalation(r_star)),
        n_star=int(n_star),
        window_launches=window_launches,
        strong_salvo_min=strong_min,
        safe_salvo_max=safe_max if safe_max is not None else 0,
        launches_for_r_star=launches_r,
        salvo_leakers=n * q,
        salvo_leakers_saturated=float(
            expected_leakers(
                n,
                p["interceptor_inventory"],
                p["intercept_prob"],
                p["shots_per_threat"],
                p["launch_reliability"],
            )
        ),
        response_rows=tuple(
            ResponseRow(
                kind,
                r,
                float(model.p_weak(r)),
                float(model.p_escalation(r)),
                float(model.utility(r)),
            )
            for kind, r in (
                ("r_star", r_star),
                ("floor", summary.window_floor),
                ("ceiling", summary.window_ceiling),
            )
        ),
        salvo_rows=tuple(
            _salvo_row(model, kind, k, q)
            for kind, k in (
                ("n_star", int(n_star)),
                ("strong_min", strong_min),
                ("safe_max", safe_max),
                ("salvo", n),
            )
        ),
        game=game,
        equilibria=solve(game),
        spe=spe,
        tree_rows=_tree_rows(s, tree, spe),
        views=Views(views["game"], views["tree"], views["model"]),
        inverses=inverses(s, model, summary),
        assumptions=assumptions,
        swings=Swings.from_assumptions(assumptions, summary, s.response_unit),
        phase=_phase(s, phase_axes(assumptions)),
        window_curves=model.window_curves(alpha, rho, unit=s.response_unit),
        launch_curves=launch_curves,
        saturation=_saturation(s, r_star),
        proxy_periods=PROXY_PERIODS,
        proxy_per_period=float(p_crisis_from_proxies(p["proxy_autonomy"], p["attribution"], 1)),
        proxy_over_periods=float(
            p_crisis_from_proxies(p["proxy_autonomy"], p["attribution"], PROXY_PERIODS)
        ),
        events=_events(s, model),
    )
