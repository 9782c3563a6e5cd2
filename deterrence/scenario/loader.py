"""Scenarios: roles and validated parameters with units, plausible ranges and sources, from TOML.

A scenario is the analyst's list of assumptions about one crisis: who plays which role, and every
parameter of the models with its value, unit, plausible range, a note saying what it means here
and where it comes from. The constraint of each parameter is declared once, in
:data:`~deterrence.scenario.schema.PARAMETERS`; the check, the error message, the assumptions
table, ``deterrence params`` and the bad inputs of the tests are derived from it (the
scikit-learn ``_param_validation`` pattern).

File format (``tomllib``)::

    [scenario]
    name = "iran-2024"
    title = "Iran's retaliation for the killings of Haniyeh and Shukr (Aug 2024)"
    response_unit = "leakers"           # unit of the response r and of the two thresholds
    challenger = "Iran"                 # the side choosing how to respond
    defender = "Israel"                 # may absorb, reply in kind or escalate
    patron = "United States"            # optional: may enter on the defender's side
    proxies = "Hezbollah and allied militias"   # optional, with their sponsor:
    proxy_sponsor = "challenger"        # "challenger" or "defender"

    [parameters.reputation_stake]       # one table per parameter ...
    value = 1.0
    range = [0.5, 3.0]                  # plausible range (optional; see below)
    unit = "utils"                      # optional; if given it must be the unit the model uses
    note = "value of not appearing weak (deterrence restored)"
    source = "..."

    [parameters.defender_tolerance]     # a lognormal threshold: median and sigma_log
    median = 20
    sigma_log = 0.7
    range = [5, 100]                    # range of the median (sigma_log_range for the spread)
    family = "weibull"                  # optional: lognormal (default), weibull, gamma,
                                        # loglogistic, fitted to the same median and spread
    distribution = "loguniform"         # optional: how deterrence.propagate draws the median
    sigma_log_distribution = "uniform"  # ... and the spread

    [parameters]
    p_patron_entry = 0.5                # ... or the short form: the value only

    [[events]]                          # past exchanges, for backtests (optional)
    date = 2024-04-13
    name = "True Promise"
    launches = 320

Each parameter may say how :func:`deterrence.propagate` draws it inside its plausible range:
``distribution = "uniform"``, ``"loguniform"``, ``"triangular"`` (mode at the value), or a table
such as ``distribution = {family = "triangular", mode = 3}`` or ``{family = "lognormal",
median = 20, sigma_log = 0.5}`` (truncated to the range); see
:func:`deterrence.models.distributions.parameter_distribution`. Left out, the default depends on
the kind of parameter (:meth:`Scenario.distribution`).


Every parameter is optional: a key the file leaves out takes its default value and default
range (illustrative, not estimates) and is marked ``defaulted``. A key given without a range gets
the documented spread around its own value (:func:`~deterrence.scenario.schema.default_spread`),
never the default range; :attr:`Scenario.range_origin` says which ranges are stated, spread or
defaulted. A scenario without a patron (or without proxies) fixes the patron's (the proxies')
parameters at 0 and refuses a value for them. For a lognormal threshold a bare number
(``defender_tolerance = 30``) sets the median. In Python the parameters are flat:
``"defender_tolerance"`` is the median and ``"defender_tolerance.sigma_log"`` the spread.

The first scenario's key names (``israel_tolerance``, ``p_us_entry`` ...) and ``players = [...]``
still load, with a :class:`~deterrence.errors.DeprecatedKeyWarning` naming the new key.

Errors: a value that breaks its parameter's constraint (a probability of 1.2, a fractional
count, a negative cost, text or true/false where a number belongs, an inverted range, a unit other
than the model's) raises :class:`~deterrence.errors.ScenarioError`
(:class:`~deterrence.errors.ProbabilityError` for probabilities) naming the key, the value, the
allowed range and the fix; a misspelt key gets the close match. A value outside its *plausible*
range is allowed — exploring beyond it is what sweeps are for — and is listed by
:meth:`Scenario.outside_range` and flagged in :meth:`Scenario.to_frame`.
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import os
import tomllib
import types
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import _check
from ..errors import (
    DeprecatedKeyWarning,
    ParameterError,
    ProbabilityError,
    ScenarioError,
    close_match_hint,
)
from .schema import (
    _LEAVES,
    ALIASES,
    LOGNORMAL_FIELDS,
    PARAMETER_FIELDS,
    PARAMETERS,
    RETIRED,
    _Leaf,
    default_spread,
)

__all__ = [
    "suggest_key",
    "Event",
    "Scenario",
    "load_scenario",
    "bundled_scenarios",
]

#: ``proxy_sponsor`` values
SPONSORS = ("challenger", "defender")


def _deprecated(old: str, where: str) -> str:
    """The role name of a deprecated key (warns), or the key itself."""
    base, dot, part = old.partition(".")
    if base in ALIASES:
        new = ALIASES[base] + dot + part
        warnings.warn(
            f"{where}parameter {old!r} is deprecated; use {new!r} (parameters are named by "
            "role: challenger, defender, patron, proxies).",
            DeprecatedKeyWarning,
            stacklevel=4,
        )
        return new
    return old


def suggest_key(key: str, choices=None) -> str:
    """The close match of a misspelt parameter key, the old names included (pointing at the
    new one): ``" Did you mean 'defender_tolerance'?"`` or ``""``.

    Examples
    --------
    >>> suggest_key("israel_tolerence")
    " Did you mean 'defender_tolerance'?"
    """
    import difflib

    if choices is None:
        choices = _LEAVES
    pool = {c: c for c in choices}
    pool.update({old: new for old, new in ALIASES.items() if new in pool})
    match = difflib.get_close_matches(key, list(pool), n=1)
    return f" Did you mean {pool[match[0]]!r}?" if match else ""


def _canonical_key(key, where: str) -> str:
    """Flat key of a parameter name; ``x.median`` is an alias of ``x``; deprecated names warn
    and map to the role names; unknown keys raise with the close match."""
    if not isinstance(key, str):
        raise ScenarioError(f"{where}parameter names must be strings; got {key!r}.")
    key = _deprecated(key, where)
    if key.endswith(".median") and key[: -len(".median")] in PARAMETERS:
        key = key[: -len(".median")]
    if key not in _LEAVES:
        raise ScenarioError(
            f"{where}unknown parameter {key!r}.{suggest_key(key, _LEAVES)} "
            f"Parameters: {', '.join(PARAMETERS)} (`deterrence params` lists them)."
        )
    return key


def _norm_unit(unit: str) -> str:
    u = " ".join(unit.lower().replace("/", " per ").split())
    return {"prob": "probability", "util": "utils", "utility": "utils"}.get(u, u)


# -- events: past exchanges (backtest points) ----------------------------------------------------


@dataclass(frozen=True)
class Event:
    """A past exchange to backtest against: an attack and the reply it got.

    Parameters
    ----------
    date : datetime.date
        Day of the attack (TOML: an unquoted date, ``date = 2024-04-13``).
    name : str
        Short name of the event.
    actor, target : str, optional
        Who attacked whom.
    size : str, optional
        The attack's size as reported, in words (``"~170 drones, 30+ cruise, 120+ ballistic"``).
    observed_response : str, optional
        What the target did, in words.
    launches : int, optional
        Munitions launched (the reported figure; ``size`` keeps the nuance).
    deaths, injured : int, optional
        Casualties of the attack, where reported as a number.
    intercept_rate : float, optional
        Fraction of the threats intercepted, as claimed by the defender, in [0, 1].
    counter_strike : bool, optional
        Whether the target struck back militarily.
    source, note : str, optional
        Where the figures come from; anything else.

    Examples
    --------
    >>> import datetime
    >>> Event(datetime.date(2024, 1, 28), "Tower 22", launches=1, deaths=3).deaths
    3
    """

    date: datetime.date
    name: str
    actor: str = ""
    target: str = ""
    size: str = ""
    observed_response: str = ""
    launches: int | None = None
    deaths: int | None = None
    injured: int | None = None
    intercept_rate: float | None = None
    counter_strike: bool | None = None
    source: str = ""
    note: str = ""

    def __post_init__(self):
        if not isinstance(self.date, datetime.date) or isinstance(self.date, datetime.datetime):
            raise ScenarioError(
                f"date must be a calendar date; got {self.date!r}. In TOML write an unquoted "
                "date: date = 2024-04-13."
            )
        if not isinstance(self.name, str) or not self.name.strip():
            raise ScenarioError(f"name must be a non-empty string; got {self.name!r}.")
        for f in ("actor", "target", "size", "observed_response", "source", "note"):
            v = getattr(self, f)
            if not isinstance(v, str):
                raise ScenarioError(
                    f"{f} must be text; got {v!r} ({type(v).__name__}). Quote it in TOML."
                )
        for f in ("launches", "deaths", "injured"):
            v = getattr(self, f)
            if v is not None:
                try:
                    object.__setattr__(self, f, _check.count(v, f))
                except ParameterError as exc:
                    raise ScenarioError(
                        f"{exc} Give the reported number, or leave it out."
                    ) from None
        if self.intercept_rate is not None:
            object.__setattr__(
                self,
                "intercept_rate",
                float(_check.probability(self.intercept_rate, "intercept_rate")),
            )
        if self.counter_strike is not None and not isinstance(self.counter_strike, bool):
            raise ScenarioError(
                f"counter_strike must be true or false; got {self.counter_strike!r}."
            )


_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


# -- Scenario ---------------------------------------------------------------------------------


def _str_field(value, name: str, where: str, *, empty_ok=True) -> str:
    if not isinstance(value, str) or (not empty_ok and not value.strip()):
        want = "text" if empty_ok else "non-empty text"
        raise ScenarioError(
            f"{where}{name} must be {want}; got {value!r} ({type(value).__name__}). "
            f'Quote it in TOML: {name} = "...".'
        )
    return value


def _check_range(leaf: _Leaf, rng, where: str, response_unit: str) -> tuple:
    label = f"{leaf.label}.range" if leaf.part == "value" else f"{leaf.label}_range"
    if leaf.part == "median":
        label = f"parameters.{leaf.spec.name}.range"
    lo, hi = leaf.range
    if isinstance(rng, str | bytes) or not hasattr(rng, "__len__") or len(rng) != 2:
        raise ScenarioError(
            f"{where}{label} must be two numbers [low, high]; got {rng!r}. "
            f"Fix: write e.g. range = [{lo:g}, {hi:g}]."
        )
    ends = tuple(
        leaf.check(v, where, response_unit, label=f"{label}[{i}]") for i, v in enumerate(rng)
    )
    if ends[0] > ends[1]:
        raise ScenarioError(
            f"{where}{label} = [{ends[0]:g}, {ends[1]:g}] is inverted: low {ends[0]:g} > "
            f"high {ends[1]:g}. Fix: write [{ends[1]:g}, {ends[0]:g}]."
        )
    return ends


def _roles_of(head: Mapping, parameters, where: str) -> dict:
    """The role fields of Scenario from ``[scenario]``.

    Named roles: challenger and defender together; patron and proxies only when named. No roles
    named: the generic names with every role present. The deprecated ``players = [a, b]`` names
    the challenger and defender and keeps the old meaning (a third party and proxies present).
    """
    out = {}
    named = [r for r in ("challenger", "defender") if r in head]
    if "players" in head:
        warnings.warn(
            f"{where}[scenario] players = [...] is deprecated; name the roles: challenger = "
            '"...", defender = "...", and optionally patron = "..." and proxies = "..." with '
            'proxy_sponsor = "challenger" or "defender".',
            DeprecatedKeyWarning,
            stacklevel=4,
        )
        players = head["players"]
        if named:
            raise ScenarioError(
                f"{where}[scenario] gives both players and {' and '.join(named)}; keep only the "
                "roles (challenger, defender)."
            )
        if isinstance(players, str) or not isinstance(players, list | tuple) or len(players) != 2:
            raise ScenarioError(
                f"{where}players must be two names [challenger, defender]; got {players!r}. Fix: "
                'challenger = "..." and defender = "..." in [scenario].'
            )
        out["challenger"], out["defender"] = players
        out.setdefault("patron", head.get("patron", "third party"))
        out.setdefault("proxies", head.get("proxies", "proxies"))
        return out
    if len(named) == 1:
        missing = ({"challenger", "defender"} - set(named)).pop()
        raise ScenarioError(
            f"{where}[scenario] names the {named[0]} but not the {missing}; name both "
            f'({missing} = "...").'
        )
    if named:
        out["patron"] = head.get("patron")
        out["proxies"] = head.get("proxies")
    if "proxy_sponsor" in head and out.get("proxies", head.get("proxies", "x")) is None:
        raise ScenarioError(
            f'{where}[scenario] gives proxy_sponsor but names no proxies; add proxies = "..." '
            "or drop proxy_sponsor."
        )
    return out


@dataclass(frozen=True)
class Scenario:
    """A crisis by roles: named players and validated model parameters with units, plausible
    ranges, notes and events.

    Build one with :func:`load_scenario` (a file or a bundled name), :meth:`from_toml`,
    :meth:`from_dict`, or directly (``Scenario()`` has the default parameters and generic role
    names). Every constructor validates; :meth:`replace` returns a new, validated scenario.

    Parameters
    ----------
    name : str
        Short identifier (``"iran-2024"``).
    parameters : mapping
        Flat key -> number (see :data:`~deterrence.scenario.schema.PARAMETERS`; lognormal
        thresholds give ``key`` for the median and ``key.sigma_log``); keys left out take their
        default. Deprecated names are accepted with a warning.
    title, description : str
        For reports and displays.
    response_unit : str
        Unit of the response r and of the two thresholds (default ``"leakers"``).
    challenger, defender : str
        Names of the side choosing how to respond and of the side that may absorb, reply or
        escalate (the rows and columns of :meth:`retaliation_game`).
    patron : str or None
        The third party that may enter on the defender's side; None: no patron (its
        parameters are 0).
    proxies : str or None
        The proxies; None: no proxies (their parameters are 0).
    proxy_sponsor : {"challenger", "defender"}
        Whose proxies they are: their unsanctioned attacks are attributed to that side.
    ranges, notes, sources : mapping
        Flat key -> plausible (low, high), one-line note, source; completed from the schema
        (a given value without a range gets :func:`~deterrence.scenario.schema.default_spread`).
    distributions : mapping
        Flat key -> how :func:`deterrence.propagate` draws it (see :meth:`distribution`).
    events : tuple of Event
        Past exchanges (backtest points).
    families : mapping, optional
        Threshold key (``weakness_threshold``, ``defender_tolerance``) -> family of its
        distribution (:data:`deterrence.models.distributions.FAMILIES`; default lognormal),
        fitted to the same median and spread.
    origin : str
        Where the scenario came from, for error messages (not compared).
    defaulted : frozenset of str, optional
        Keys whose value came from the default (computed when None; not compared).
    range_origin : mapping, optional
        Flat key -> ``"stated"`` (the scenario gives the range), ``"spread"`` (the default
        spread around a given value), ``"default"`` (value and range defaulted) or ``"absent"``
        (the role is absent; fixed at 0). Computed when None; not compared.

    Attributes
    ----------
    players : (str, str)
        (challenger, defender).
    units : mapping
        Flat key -> unit.
    weakness, tolerance : scipy.stats frozen lognormal distributions
        G (the audiences' weakness threshold) and F (the defender's tolerance).
    war_cost : float
        W = W_D + π_P·W_P (utils): the challenger's expected loss if the defender escalates.
    leak_probability : float
        q = r_L·(1 − P_k)^s, per launched munition.

    Examples
    --------
    >>> import deterrence as dt
    >>> s = dt.load_scenario("iran-2024")
    >>> s.players, s.patron
    (('Iran', 'Israel'), 'United States')
    >>> s.parameters["p_patron_entry"], s.war_cost, round(s.leak_probability, 2)
    (0.5, 10.0, 0.14)
    >>> float(s.tolerance.median())
    20.0
    >>> s.replace(p_patron_entry=0.9).war_cost
    13.2
    >>> s.replace(p_patron_entry=1.2)
    Traceback (most recent call last):
    ...
    deterrence.errors.ScenarioProbabilityError: bundled scenario 'iran-2024': parameters.p_patron_entry must be a probability in [0, 1]; got 1.2. ...
    """

    name: str = "custom"
    parameters: Mapping[str, float] = field(default_factory=dict)
    title: str = ""
    description: str = ""
    response_unit: str = "leakers"
    challenger: str = "Challenger"
    defender: str = "Defender"
    patron: str | None = "Patron"
    proxies: str | None = "Proxies"
    proxy_sponsor: str = "challenger"
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    families: Mapping[str, str] = field(default_factory=dict)
    distributions: Mapping[str, object] = field(default_factory=dict)
    origin: str = field(default="", compare=False, repr=False)
    defaulted: frozenset[str] | None = field(default=None, compare=False, repr=False)
    range_origin: Mapping[str, str] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self):
        name = self.name
        where = f"{self.origin or f'scenario {name!r}'}: "
        _str_field(name, "name", where, empty_ok=False)
        for f in ("title", "description"):
            _str_field(getattr(self, f), f, where)
        unit = _str_field(self.response_unit, "response_unit", where, empty_ok=False)
        roles = {}
        for role in ("challenger", "defender", "patron", "proxies"):
            who = getattr(self, role)
            if who is None and role in ("patron", "proxies"):
                continue
            if not isinstance(who, str) or not who.strip():
                raise ScenarioError(
                    f'{where}{role} must be a name; got {who!r}. Fix: {role} = "..." in '
                    "[scenario]"
                    + (
                        " (or leave it out: no " + role + ")."
                        if role in ("patron", "proxies")
                        else "."
                    )
                )
            roles[role] = who
        names = list(roles.values())
        if len(set(names)) != len(names):
            raise ScenarioError(
                f"{where}the roles must name different players; got {roles}. Fix: give each "
                "role its own name."
            )
        if self.proxy_sponsor not in SPONSORS:
            raise ScenarioError(
                f"{where}proxy_sponsor must be 'challenger' or 'defender' (whose proxies they "
                f"are); got {self.proxy_sponsor!r}.{close_match_hint(str(self.proxy_sponsor), SPONSORS)}"
            )
        absent = {r for r in ("patron", "proxies") if r not in roles}
        given = self._mapping(self.parameters, "parameters", where)
        values = {}
        for key, leaf in _LEAVES.items():
            if leaf.spec.role in absent:
                if key in given and given[key] != 0:
                    raise ScenarioError(
                        f"{where}{leaf.label} = {given[key]!r} needs a {leaf.spec.role} role, "
                        f'and [scenario] names none. Fix: name it ({leaf.spec.role} = "...") '
                        "or drop the key."
                    )
                values[key] = leaf.check(0, where, unit)
                continue
            values[key] = leaf.check(given.get(key, leaf.default), where, unit)
        given_ranges = self._mapping(self.ranges, "ranges", where)
        origin_in = self._mapping(self.range_origin or {}, "range_origin", where)
        ranges, range_origin = {}, {}
        for key, leaf in _LEAVES.items():
            rng = given_ranges.get(key)
            if leaf.spec.role in absent:
                ranges[key], range_origin[key] = (values[key], values[key]), "absent"
            elif rng is not None:
                ranges[key] = _check_range(leaf, rng, where, unit)
                range_origin[key] = origin_in.get(key, "stated")
            elif key in given:
                ranges[key], range_origin[key] = default_spread(key, values[key]), "spread"
            else:
                ranges[key], range_origin[key] = leaf.range, "default"
        texts = {}
        for attr, fallback in (("notes", _Leaf.note), ("sources", None)):
            supplied = self._mapping(getattr(self, attr), attr, where)
            out = {}
            for key, leaf in _LEAVES.items():
                text = supplied.get(key)
                if text is None:
                    text = fallback(leaf) if fallback else leaf.spec.source
                out[key] = _str_field(text, f"{attr}[{key!r}]", where)
            texts[attr] = out
        families = self._families(where)
        distributions = self._mapping(self.distributions, "distributions", where)
        for key, spec in distributions.items():
            _distribution(spec, ranges[key], values[key], key, where)
        events = tuple(self.events)
        for i, ev in enumerate(events):
            if not isinstance(ev, Event):
                raise ScenarioError(f"{where}events[{i}] must be an Event; got {ev!r}.")
        defaulted = self.defaulted
        if defaulted is None:
            defaulted = frozenset(k for k in _LEAVES if k not in given)
        ro = types.MappingProxyType
        object.__setattr__(self, "parameters", ro(values))
        object.__setattr__(self, "ranges", ro(ranges))
        object.__setattr__(self, "range_origin", ro(range_origin))
        object.__setattr__(self, "notes", ro(texts["notes"]))
        object.__setattr__(self, "sources", ro(texts["sources"]))
        object.__setattr__(self, "events", events)
        object.__setattr__(self, "families", ro(families))
        object.__setattr__(self, "distributions", ro(distributions))
        object.__setattr__(self, "defaulted", frozenset(defaulted) & frozenset(_LEAVES))

    @property
    def players(self) -> tuple[str, str]:
        """(challenger, defender): the rows and columns of :meth:`retaliation_game`."""
        return (self.challenger, self.defender)

    @property
    def roles(self) -> dict[str, str]:
        """Role -> name, for the roles this scenario has.

        Examples
        --------
        >>> Scenario(patron=None, proxies=None).roles
        {'challenger': 'Challenger', 'defender': 'Defender'}
        """
        out = {"challenger": self.challenger, "defender": self.defender}
        if self.patron is not None:
            out["patron"] = self.patron
        if self.proxies is not None:
            out["proxies"] = self.proxies
        return out

    @property
    def proxy_sponsor_name(self) -> str | None:
        """The name of the side the proxies' attacks are attributed to (None: no proxies)."""
        if self.proxies is None:
            return None
        return getattr(self, self.proxy_sponsor)

    def _families(self, where: str) -> dict[str, str]:
        from ..models.distributions import FAMILIES

        given = self.families
        if not isinstance(given, Mapping):
            raise ScenarioError(
                f"{where}families must be a mapping of threshold name to family; got "
                f"{type(given).__name__}."
            )
        thresholds = [k for k, spec in PARAMETERS.items() if spec.kind == "lognormal"]
        out = {}
        for key, family in given.items():
            if key not in thresholds:
                raise ScenarioError(
                    f"{where}family is set for {key!r}, which is not a threshold."
                    f"{close_match_hint(str(key), thresholds)} Thresholds: "
                    f"{', '.join(thresholds)}."
                )
            if family not in FAMILIES:
                raise ScenarioError(
                    f"{where}parameters.{key}.family must be one of {', '.join(FAMILIES)}; got "
                    f"{family!r}.{close_match_hint(str(family), FAMILIES)} Fix: family = "
                    '"lognormal" (the default), or leave the line out.'
                )
            out[key] = family
        return out

    def distribution(self, key: str):
        """How :func:`deterrence.propagate` draws parameter `key` inside its plausible range.

        The scenario's ``distribution`` for the key if it gives one; otherwise the default for
        its kind: *uniform* on the range for probabilities, discount factors and any range
        spanning less than a factor of 10; *log-uniform* for a positive magnitude (utils,
        counts, threshold medians, multiples) whose range spans a factor of 10 or more, since
        then its order of magnitude is what is uncertain. Counts are rounded to whole numbers
        after drawing.

        Returns
        -------
        deterrence.models.distributions.ParameterDistribution

        Examples
        --------
        >>> s = Scenario()
        >>> s.distribution("p_patron_entry").describe()
        'uniform on [0.2, 0.9]'
        >>> s.distribution("defender_tolerance").describe()
        'loguniform on [5, 100]'
        """
        where = f"{self.origin or f'scenario {self.name!r}'}: "
        key = _canonical_key(key, where)
        spec = self.distributions.get(key)
        return _distribution(spec, self.ranges[key], self.parameters[key], key, where)

    @staticmethod
    def _mapping(value, what: str, where: str) -> dict:
        if not isinstance(value, Mapping):
            raise ScenarioError(
                f"{where}{what} must be a mapping of parameter name to value; got "
                f"{type(value).__name__}."
            )
        at = where if what == "parameters" else f"{where}{what}: "
        return {_canonical_key(k, at): v for k, v in value.items()}

    def __hash__(self):
        return hash((self.name, tuple(self.parameters.items())))

    def __repr__(self) -> str:
        return (
            f"<Scenario {self.name!r}: {len(self.parameters)} parameters, "
            f"{len(self.events)} events>"
        )

    # -- named constructors -------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: Mapping, *, name: str = "custom", origin: str = "") -> Scenario:
        """Build a scenario from the parsed TOML structure (``[scenario]``, ``[parameters]``,
        ``[[events]]``); `name` is used when ``[scenario]`` gives none.

        Examples
        --------
        >>> s = Scenario.from_dict({"parameters": {"defender_tolerance": {"median": 30}}})
        >>> s.parameters["defender_tolerance"], s.parameters["defender_tolerance.sigma_log"]
        (30.0, 0.7)
        >>> s.roles        # no roles named: the generic names, every role present
        {'challenger': 'Challenger', 'defender': 'Defender', 'patron': 'Patron', 'proxies': 'Proxies'}
        >>> Scenario.from_dict({"scenario": {"challenger": "India", "defender": "Pakistan"}}).roles
        {'challenger': 'India', 'defender': 'Pakistan'}
        """
        where = f"{origin or 'scenario'}: "
        if not isinstance(data, Mapping):
            raise ScenarioError(f"{where}expected a table; got {type(data).__name__}.")
        tables = ("scenario", "parameters", "events")
        for key in data:
            if key not in tables:
                raise ScenarioError(
                    f"{where}unknown top-level key {key!r}.{close_match_hint(key, tables)} "
                    "A scenario file has the tables [scenario], [parameters] and [[events]]."
                )
        head = data.get("scenario", {})
        if not isinstance(head, Mapping):
            raise ScenarioError(f"{where}[scenario] must be a table; got {head!r}.")
        head_fields = (
            "name",
            "title",
            "description",
            "response_unit",
            "challenger",
            "defender",
            "patron",
            "proxies",
            "proxy_sponsor",
            "players",
        )
        for key in head:
            if key not in head_fields:
                raise ScenarioError(
                    f"{where}unknown key {key!r} in [scenario].{close_match_hint(key, head_fields)}"
                    f" [scenario] takes {', '.join(head_fields[:-1])}."
                )
        kwargs = {k: head[k] for k in head_fields if k in head}
        kwargs.setdefault("name", name)
        kwargs.update(_roles_of(kwargs, data.get("parameters", {}), where))
        kwargs.pop("players", None)
        response_unit = _str_field(
            kwargs.get("response_unit", "leakers"), "response_unit", where, empty_ok=False
        )
        values, ranges, notes, sources, families, distributions = _parse_parameters(
            data.get("parameters", {}), where, response_unit
        )
        events = _parse_events(data.get("events", []), where)
        return cls(
            parameters=values,
            ranges=ranges,
            notes=notes,
            sources=sources,
            events=events,
            families=families,
            distributions=distributions,
            origin=origin,
            **kwargs,
        )

    @classmethod
    def from_toml(cls, text: str, *, name: str = "custom", origin: str = "") -> Scenario:
        """Parse TOML text into a scenario (see the module docstring for the format).

        Examples
        --------
        >>> Scenario.from_toml("[parameters]\\nsalvo_size = 200").parameters["salvo_size"]
        200
        >>> Scenario.from_toml("[parameters]\\nsalvo_size = 150 launches")
        Traceback (most recent call last):
        ...
        deterrence.errors.ScenarioError: scenario: invalid TOML: Expected newline or end of document after a statement (at line 2, column 18). ...
        """
        where = origin or "scenario"
        if not isinstance(text, str):
            raise ScenarioError(f"{where}: TOML text must be a str; got {type(text).__name__}.")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ScenarioError(
                f"{where}: invalid TOML: {exc}. Fix the syntax at that line "
                '(text needs quotes: title = "..."; numbers do not; tables are [name]).'
            ) from None
        except RecursionError:
            raise ScenarioError(
                f"{where}: arrays or tables nested too deeply to read (a scenario nests at most "
                f"{MAX_TOML_DEPTH} levels). Fix: flatten the nested value."
            ) from None
        except ValueError as exc:  # an integer beyond Python's digit limit for str -> int
            raise ScenarioError(
                f"{where}: a number too large to read ({exc}). Fix: scenario numbers are at "
                f"most {_check.MAX_COUNT:,} for counts; write the value in range."
            ) from None
        depth = _depth(data)
        if depth > MAX_TOML_DEPTH:
            raise ScenarioError(
                f"{where}: values nested {depth} levels deep; a scenario nests at most "
                f"{MAX_TOML_DEPTH}. Fix: flatten the nested value."
            )
        return cls.from_dict(data, name=name, origin=origin)

    # -- derived quantities -------------------------------------------------------------------

    @property
    def units(self) -> Mapping[str, str]:
        """Flat key -> unit (the thresholds are in :attr:`response_unit`)."""
        return types.MappingProxyType(
            {k: leaf.unit(self.response_unit) for k, leaf in _LEAVES.items()}
        )

    def _threshold(self, key: str):
        from ..models.distributions import threshold

        p = self.parameters
        family = self.families.get(key, "lognormal")
        try:
            return threshold(family, p[key], p[f"{key}.sigma_log"])
        except ParameterError as exc:
            raise ScenarioError(f"{self.origin or self.name}: parameters.{key}: {exc}") from None

    @property
    def weakness(self):
        """G: the audiences' weakness threshold θ_w (lognormal unless ``families`` says
        otherwise), a :class:`deterrence.models.distributions.Threshold`."""
        return self._threshold("weakness_threshold")

    @property
    def tolerance(self):
        """F: the defender's tolerance θ_t, its private type (lognormal unless ``families``
        says otherwise), a :class:`deterrence.models.distributions.Threshold`."""
        return self._threshold("defender_tolerance")

    @property
    def war_cost(self) -> float:
        """W = W_D + π_P·W_P (utils): the challenger's expected loss if the defender escalates."""
        from ..models.retaliation import war_cost_cascade

        p = self.parameters
        return war_cost_cascade(
            p["cost_of_escalation"], p["p_patron_entry"], p["cost_patron_entry"]
        )

    @property
    def leak_probability(self) -> float:
        """q = r_L·(1 − P_k)^s, probability that one launched munition leaks (Wilkening 2000)."""
        from ..models.defense import leak_probability

        p = self.parameters
        return leak_probability(p["launch_reliability"], p["intercept_prob"], p["shots_per_threat"])

    def outside_range(self) -> dict[str, tuple[float, tuple[float, float]]]:
        """Parameters whose value lies outside its plausible range: key -> (value, (low, high)).

        Such values are allowed (sweeps explore beyond the plausible), but an analyst should see
        them: ``deterrence check`` and the assumptions table report them.

        Examples
        --------
        >>> Scenario().replace(salvo_size=500).outside_range()
        {'salvo_size': (500, (10, 400))}
        """
        out = {}
        for key, value in self.parameters.items():
            lo, hi = self.ranges[key]
            if not lo <= value <= hi:
                out[key] = (value, (lo, hi))
        return out

    # -- new scenarios ------------------------------------------------------------------------

    def replace(self, **changes) -> Scenario:
        """A new scenario with some parameters (or fields) changed, validated again.

        Keys are flat parameter keys (``defender_tolerance`` is the median; pass the spread as
        ``**{"defender_tolerance.sigma_log": 0.5}`` or ``defender_tolerance={"median": 30,
        "sigma_log": 0.5}``) or fields of the scenario (``name``, ``title``, ``events`` ...;
        a mapping given for ``ranges``, ``notes`` or ``sources`` changes only its keys).
        Parameters not named keep this scenario's values (``dataclasses.replace(s,
        parameters=...)``, by contrast, replaces the whole mapping: keys left out revert to the
        spec defaults).

        Examples
        --------
        >>> Scenario().replace(cost_patron_entry=12).war_cost      # 6 + 0.5·12
        12.0
        >>> Scenario().replace(patron=None).war_cost                # no patron: W = W_D
        6.0
        >>> Scenario().replace(p_patron_entyr=0.4)
        Traceback (most recent call last):
        ...
        deterrence.errors.ScenarioError: scenario 'custom': unknown parameter 'p_patron_entyr'. Did you mean 'p_patron_entry'? ...
        """
        where = f"{self.origin or f'scenario {self.name!r}'}: "
        fields = {f.name for f in dataclasses.fields(self)} - {"parameters", "defaulted"}
        params = dict(self.parameters)
        changed = set()
        other = {}
        if "players" in changes:
            other["challenger"], other["defender"] = changes.pop("players")
        for role in ("patron", "proxies"):
            if role in changes and (changes[role] is None) != (getattr(self, role) is None):
                # the role appears or disappears: its parameters restart from 0 or the default
                keys = [k for k, leaf in _LEAVES.items() if leaf.spec.role == role]
                ranges = {k: v for k, v in self.ranges.items() if k not in keys}
                origin = {k: v for k, v in self.range_origin.items() if k not in keys}
                for k in keys:
                    params.pop(k, None)
                return dataclasses.replace(
                    self,
                    parameters=params,
                    ranges=ranges,
                    range_origin=origin,
                    defaulted=self.defaulted | set(keys),
                    **{role: changes.pop(role)},
                ).replace(**changes, **other)
        for key, value in changes.items():
            if key in fields:
                if key in (
                    "ranges",
                    "notes",
                    "sources",
                    "families",
                    "distributions",
                ) and isinstance(value, Mapping):
                    value = {**getattr(self, key), **value}  # change some, keep the rest
                other[key] = value
                continue
            if (
                key in PARAMETERS
                and PARAMETERS[key].kind == "lognormal"
                and isinstance(value, Mapping)
            ):
                for part, v in value.items():
                    if part not in ("median", "sigma_log"):
                        raise ScenarioError(
                            f"{where}{key} takes median and sigma_log; got {part!r}."
                            f"{close_match_hint(part, ('median', 'sigma_log'))}"
                        )
                    k = key if part == "median" else f"{key}.sigma_log"
                    params[k] = v
                    changed.add(k)
                continue
            k = _canonical_key(key, where)
            params[k] = value
            changed.add(k)
        return dataclasses.replace(
            self, parameters=params, defaulted=self.defaulted - changed, **other
        )

    # -- bridges to the models (imported lazily: models sit below scenarios) -------------------

    def retaliation_parameters(self) -> dict[str, float]:
        """The parameters of the exchange (:data:`deterrence.games.crisis.EXCHANGE_PARAMETERS`)."""
        from ..games.crisis import EXCHANGE_PARAMETERS

        return {key: self.parameters[key] for key in EXCHANGE_PARAMETERS}

    def exchange_tree(self):
        """The exchange with this scenario's roles (:func:`deterrence.games.crisis.exchange_tree`)."""
        from ..games.crisis import exchange_tree

        return exchange_tree(self)

    def retaliation_game(self):
        """The dilemma as a game with this scenario's players: the normal form of the exchange
        tree (:func:`deterrence.games.crisis.retaliation_game`; ``game.tree`` keeps the tree)."""
        from ..games.crisis import retaliation_game

        return retaliation_game(self)

    def crisis_tree(self):
        """The crisis as a game tree (:func:`deterrence.games.crisis.crisis_tree`).

        Examples
        --------
        >>> import deterrence as dt
        >>> dt.spe(Scenario().crisis_tree()).plan["Challenger"]
        'calibrated'
        """
        from ..games.crisis import crisis_tree

        return crisis_tree(self)

    def calibrated_response(self):
        """The calibrated response window model with this scenario's G, F, R̄,
        a, W and κ: a :class:`deterrence.models.retaliation.CalibratedResponse`.

        Examples
        --------
        >>> m = Scenario().calibrated_response()
        >>> round(m.optimum(), 2)                 # the defaults: r* ~ 5.16 leakers
        5.16
        """
        from ..models.retaliation import CalibratedResponse

        p = self.parameters
        return CalibratedResponse(
            self.weakness,
            self.tolerance,
            reputation_stake=p["reputation_stake"],
            audience_cost=p["audience_cost"],
            war_cost=self.war_cost,
            marginal_cost=p["marginal_cost"],
        )

    # -- displays -----------------------------------------------------------------------------

    def to_frame(self):
        """The assumptions table: one row per parameter with value, unit, plausible range,
        whether the value lies inside it, whether it was defaulted, note and source.

        Examples
        --------
        >>> df = Scenario().to_frame()
        >>> df.loc["salvo_size", ["value", "unit", "low", "high"]].tolist()
        [150, 'launches', 10, 400]
        """
        import pandas as pd

        rows = []
        for key, value in self.parameters.items():
            lo, hi = self.ranges[key]
            rows.append(
                {
                    "parameter": key,
                    "symbol": _LEAVES[key].spec.symbol if _LEAVES[key].part != "sigma_log" else "",
                    "value": value,
                    "unit": self.units[key],
                    "low": lo,
                    "high": hi,
                    "in_range": bool(lo <= value <= hi),
                    "defaulted": key in self.defaulted,
                    "range_origin": self.range_origin[key],
                    "note": self.notes[key],
                    "source": self.sources[key],
                }
            )
        frame = pd.DataFrame(rows).set_index("parameter")
        # object columns keep counts as ints (150 launches, not 150.0) in the printed table
        for col in ("value", "low", "high"):
            frame[col] = pd.Series([r[col] for r in rows], index=frame.index, dtype=object)
        return frame

    def _repr_html_(self) -> str:
        e = html.escape
        events = "".join(
            f"<li>{e(ev.date.isoformat())} — {e(ev.name)}"
            + (f": {e(ev.size)}" if ev.size else "")
            + (f" → {e(ev.observed_response)}" if ev.observed_response else "")
            + "</li>"
            for ev in self.events
        )
        return (
            f"<div><h4>{e(self.title or self.name)} <small>({e(self.name)})</small></h4>"
            + (f"<p>{e(self.description)}</p>" if self.description else "")
            + f"<p>Response unit: {e(self.response_unit)}; roles: "
            + "; ".join(f"{e(r)} {e(n)}" for r, n in self.roles.items())
            + (f" (sponsor: {e(self.proxy_sponsor)})" if self.proxies else "")
            + ".</p>"
            + self.to_frame().to_html()
            + (f"<p>Calibration events:</p><ul>{events}</ul>" if events else "")
            + "</div>"
        )


def _parse_parameters(table, where: str, response_unit) -> tuple[dict, ...]:
    if not isinstance(table, Mapping):
        raise ScenarioError(f"{where}[parameters] must be a table; got {table!r}.")
    values, ranges, notes, sources, families, distributions = {}, {}, {}, {}, {}, {}
    for name, entry in table.items():
        if name in RETIRED:
            warnings.warn(
                f"{where}parameter {name!r} is no longer used and is ignored ({RETIRED[name]}); "
                "delete it from the file.",
                DeprecatedKeyWarning,
                stacklevel=4,
            )
            continue
        name = _deprecated(name, where) if isinstance(name, str) else name
        if name not in PARAMETERS:
            raise ScenarioError(
                f"{where}unknown parameter {name!r} in [parameters]."
                f"{suggest_key(name, PARAMETERS)} Parameters: {', '.join(PARAMETERS)} "
                "(`deterrence params` lists them with defaults and units)."
            )
        spec = PARAMETERS[name]
        lognormal = spec.kind == "lognormal"
        if not isinstance(entry, Mapping):  # short form: the value (the median of a lognormal)
            values[name] = entry
            continue
        fields = LOGNORMAL_FIELDS if lognormal else PARAMETER_FIELDS
        for key in entry:
            if key not in fields:
                hint = close_match_hint(key, fields)
                if key == "value" and lognormal:
                    hint = " It is a lognormal distribution: give median = ... and sigma_log = ..."
                elif key in ("median", "sigma_log"):
                    hint = " It is a single number: give value = ..."
                raise ScenarioError(
                    f"{where}unknown key {key!r} in [parameters.{name}].{hint} "
                    f"Keys: {', '.join(fields)}."
                )
        if lognormal:
            for part in ("median", "sigma_log"):
                if part in entry:
                    values[name if part == "median" else f"{name}.sigma_log"] = entry[part]
            if "sigma_log_range" in entry:
                ranges[f"{name}.sigma_log"] = entry["sigma_log_range"]
            if "family" in entry:
                families[name] = entry["family"]
            if "sigma_log_distribution" in entry:
                distributions[f"{name}.sigma_log"] = entry["sigma_log_distribution"]
        elif "value" in entry:
            values[name] = entry["value"]
        if "range" in entry:
            ranges[name] = entry["range"]
        if "distribution" in entry:
            distributions[name] = entry["distribution"]
        if "note" in entry:
            notes[name] = entry["note"]
        if "source" in entry:
            sources[name] = entry["source"]
            if lognormal:
                sources[f"{name}.sigma_log"] = entry["source"]
        if "unit" in entry:
            unit = entry["unit"]
            expected = _LEAVES[name].unit(response_unit) if isinstance(response_unit, str) else ""
            if not isinstance(unit, str) or _norm_unit(unit) != _norm_unit(expected):
                fix = (
                    "convert the value, or set response_unit in [scenario] (the thresholds are "
                    "in the response unit)"
                    if lognormal
                    else "convert the value to that unit, or drop the unit line"
                )
                raise ScenarioError(
                    f"{where}parameters.{name}.unit = {unit!r} does not match the unit the model "
                    f"uses for {name}, {expected!r}. Fix: {fix}."
                )
    return values, ranges, notes, sources, families, distributions


_LOG_SPAN = 10.0  # a positive range spanning this factor or more is drawn log-uniformly


def _distribution(spec, rng, value, key: str, where: str):
    """The ParameterDistribution of `key` (its declaration `spec`, or the default by kind)."""
    from ..models.distributions import parameter_distribution

    leaf = _LEAVES[key]
    lo, hi = rng
    if spec is None:
        magnitude = not leaf.kind.probability and leaf.part != "sigma_log"
        log = magnitude and lo > 0 and hi >= _LOG_SPAN * lo
        spec = "loguniform" if log else "uniform"
    elif spec == "triangular":
        spec = {"family": "triangular", "mode": value}
    label = f"parameters.{leaf.spec.name}." + (
        "sigma_log_distribution" if leaf.part == "sigma_log" else "distribution"
    )
    try:
        return parameter_distribution(spec, lo, hi, field=label)
    except ParameterError as exc:
        raise ScenarioError(f"{where}{exc}") from None


def _parse_events(items, where: str) -> tuple[Event, ...]:
    if not isinstance(items, list):
        raise ScenarioError(
            f"{where}events must be an array of tables ([[events]]); got {type(items).__name__}."
        )
    events = []
    for i, item in enumerate(items):
        at = f"{where}events[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioError(f"{at} must be a table; got {item!r}.")
        for key in item:
            if key not in _EVENT_FIELDS:
                raise ScenarioError(
                    f"{at}: unknown key {key!r}.{close_match_hint(key, _EVENT_FIELDS)} "
                    f"Event keys: {', '.join(_EVENT_FIELDS)}."
                )
        missing = [k for k in ("date", "name") if k not in item]
        if missing:
            raise ScenarioError(f"{at}: missing {' and '.join(missing)}; every event needs both.")
        try:
            events.append(Event(**item))
        except (ScenarioError, ProbabilityError) as exc:
            raise type(exc)(f"{at}: {exc}") from None
    return tuple(events)


# -- loading ------------------------------------------------------------------------------------


def _bundled_dir():
    from importlib import resources

    return resources.files("deterrence").joinpath("scenarios")


def _bundled_names() -> list[str]:
    return sorted(
        p.name[: -len(".toml")] for p in _bundled_dir().iterdir() if p.name.endswith(".toml")
    )


def bundled_scenarios() -> dict[str, str]:
    """The scenarios shipped with the package: name -> title.

    Examples
    --------
    >>> list(bundled_scenarios())
    ['al-asad-2020', 'april-2024', 'balakot-2019', 'iran-2024', 'october-2024', 'tower-22']
    """
    return {name: load_scenario(name).title for name in _bundled_names()}


#: deepest nesting of tables/arrays a scenario file may use
MAX_TOML_DEPTH = 16


def _depth(data) -> int:
    """Nesting depth of parsed TOML, without recursion."""
    best, stack = 0, [(data, 1)]
    while stack:
        node, d = stack.pop()
        best = max(best, d)
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node if isinstance(v, dict | list))
    return best


def load_scenario(path_or_name) -> Scenario:
    """Load and validate a scenario from a TOML file or by the name of a bundled one.

    Parameters
    ----------
    path_or_name : str or os.PathLike or Scenario
        A path to a ``.toml`` file, or a bundled name (``"iran-2024"``, the default scenario,
        or ``"tower-22"``; see :func:`bundled_scenarios`). An existing file wins over a bundled
        name. A Scenario is returned as is.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        No such file or bundled scenario (the message lists the bundled names and the close
        match), unreadable file, invalid TOML (with the line and column), or an invalid value.
    ProbabilityError
        A probability outside [0, 1].

    Examples
    --------
    >>> s = load_scenario("iran-2024")
    >>> s.title
    "Iran's retaliation for the killings of Haniyeh and Shukr (Aug 2024)"
    >>> load_scenario("iran-2025")
    Traceback (most recent call last):
    ...
    deterrence.errors.ScenarioError: no such file or bundled scenario 'iran-2025'. Did you mean 'iran-2024'? ...
    """
    if isinstance(path_or_name, Scenario):
        return path_or_name
    if not isinstance(path_or_name, str | os.PathLike):
        raise ScenarioError(
            f"load_scenario takes a path or the name of a bundled scenario; got "
            f"{type(path_or_name).__name__}."
        )
    text = os.fspath(path_or_name)
    path = Path(text)
    try:
        is_file = path.is_file()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise ScenarioError(
            f"scenario {shown!r} ({len(text):,} characters) is not a usable file name: "
            f"{getattr(exc, 'strerror', None) or exc}. Fix: give a path to a .toml file or a "
            "bundled name."
        ) from None
    if is_file:
        origin = f"scenario file '{path}'"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ScenarioError(f"{origin}: cannot be read ({exc.strerror}).") from None
        default_name = path.stem
    else:
        names = _bundled_names()
        stem = text[: -len(".toml")] if text.endswith(".toml") else text
        if stem not in names:
            what = "is a directory, not a" if path.is_dir() else "no such file or bundled"
            raise ScenarioError(
                f"{what} scenario {text!r}.{close_match_hint(stem, names)} Bundled: "
                f"{', '.join(names)}. Give the path of a .toml file or one of these names "
                "(`deterrence scenarios` lists them)."
            )
        origin = f"bundled scenario '{stem}'"
        raw = _bundled_dir().joinpath(f"{stem}.toml").read_bytes()
        default_name = stem
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(
            f"{origin}: not UTF-8 text (byte {exc.start}); save the file as UTF-8."
        ) from None
    return Scenario.from_toml(source, name=default_name, origin=origin)
