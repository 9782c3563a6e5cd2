"""Scenarios: a crisis by roles, its parameters declared once (:mod:`.schema`), loaded and
validated from TOML (:mod:`.loader`); the bundled scenarios live in ``deterrence/scenarios/``.

See :mod:`deterrence.scenario.loader` for the file format and
:mod:`deterrence.scenario.schema` for every parameter (``deterrence params`` prints them).
"""

from .loader import SPONSORS, Event, Scenario, bundled_scenarios, load_scenario, suggest_key
from .schema import (
    ALIASES,
    MODELS,
    PARAMETERS,
    RETIRED,
    ROLES,
    ParamSpec,
    default_spread,
    parameter_records,
    parameters_table,
)
from .template import template

__all__ = [
    "ALIASES",
    "MODELS",
    "PARAMETERS",
    "RETIRED",
    "ROLES",
    "SPONSORS",
    "Event",
    "ParamSpec",
    "Scenario",
    "bundled_scenarios",
    "default_spread",
    "load_scenario",
    "parameter_records",
    "parameters_table",
    "suggest_key",
    "template",
]
