"""A commented template scenario, generated from the schema (``deterrence init NAME``)."""

from __future__ import annotations

import re

from .schema import MODELS, PARAMETERS

__all__ = ["template"]

_SECTIONS = (
    ("The challenger's stakes (utils)", ("reputation_stake", "audience_cost", "marginal_cost")),
    ("The two unknown thresholds (lognormal; in the response unit)",
     ("weakness_threshold", "defender_tolerance")),
    ("The cost of war to the challenger: W = W_D + pi_P * W_P",
     ("cost_of_escalation", "p_patron_entry", "cost_patron_entry")),
    ("The defender's payoffs (the exchange)",
     ("defender_deterrence_loss", "defender_reply_cost", "defender_war_cost",
      "defender_patron_value")),
    ("The response classes", ("calibrated_share", "major_size", "proportional_damage")),
    ("The salvo and the defence",
     ("salvo_size", "launch_reliability", "intercept_prob", "shots_per_threat",
      "interceptor_inventory")),
    ("Proxies", ("proxy_autonomy", "attribution")),
    ("The calibrated window", ("acceptable_risk", "alpha_weak")),
)  # fmt: skip


def _num(v) -> str:
    return repr(v)  # TOML reads 1.0 as a float and 150 as an integer, as the schema declares


def template(name: str) -> str:
    """A commented scenario file named `name` with every parameter at its default.

    Every value is the schema's illustrative default, and every ``range`` line is commented
    out: uncomment and adjust the ranges you can defend (a value without a range gets the
    documented default spread around it, not the default range).

    Examples
    --------
    >>> import tomllib
    >>> text = template("india-pakistan")
    >>> data = tomllib.loads(text)
    >>> data["scenario"]["challenger"], sorted(data["parameters"]) == sorted(PARAMETERS)
    ('Challenger', True)
    >>> from deterrence.scenario import Scenario
    >>> Scenario.from_toml(text).name
    'india-pakistan'
    """
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise ValueError(
            f"a scenario name is letters, digits, '-', '_' or '.', starting with a letter or "
            f"digit; got {name!r}."
        )
    declared = {k for _, keys in _SECTIONS for k in keys}
    missing = [k for k in PARAMETERS if k not in declared]
    sections = _SECTIONS + ((("Other", tuple(missing)),) if missing else ())
    lines = [
        f"# Scenario {name}: every value below is an illustrative default, not an estimate.",
        "# Replace each value with your own, say where it comes from (source) and give the",
        "# plausible range you can defend (range): a value without a range gets the default",
        "# spread around it (half to double, or halfway to 0 and 1 for a probability).",
        "# `deterrence params` explains every key; `deterrence check FILE` validates the file.",
        "",
        "[scenario]",
        f'name = "{name}"',
        'title = ""',
        'description = ""',
        'response_unit = "leakers"        # unit of the response size and of both thresholds',
        'challenger = "Challenger"        # the side choosing how to respond to a provocation',
        'defender = "Defender"            # may absorb the response, reply in kind or escalate',
        'patron = "Patron"                # optional: may enter on the defender\'s side (delete:',
        "                                 # no patron; its parameters are then 0)",
        'proxies = "Proxies"              # optional: armed groups sponsored by one side',
        'proxy_sponsor = "challenger"     # whose proxies: "challenger" or "defender"',
    ]
    for title, keys in sections:
        lines += ["", f"# -- {title} " + "-" * max(3, 90 - len(title)), ""]
        for key in keys:
            s = PARAMETERS[key]
            lines.append(f"[parameters.{key}]")
            lines.append(f"# {s.doc} ({s.constraint}).")
            lines.append(f"# Used by: {'; '.join(MODELS[m] for m in s.models)}.")
            if s.role:
                lines.append(f"# Needs the {s.role} role.")
            if s.kind == "lognormal":
                median, sigma = s.default
                lines.append(f"median = {_num(float(median))}")
                lines.append(f"sigma_log = {_num(float(sigma))}")
                lines.append(f"# range = [{s.range[0]:g}, {s.range[1]:g}]          # of the median")
                lo, hi = s.sigma_log_range
                lines.append(f"# sigma_log_range = [{lo:g}, {hi:g}]")
            else:
                lines.append(f"value = {_num(s.default)}")
                lines.append(f"# range = [{s.range[0]:g}, {s.range[1]:g}]")
            lines.append('source = "illustrative default: replace"')
            lines.append("")
    lines += [
        "# -- Past exchanges (optional; used by `deterrence backtest`) ---------------------",
        "# [[events]]",
        "# date = 2024-04-13",
        '# name = "..."',
        "# launches = 100",
        "# counter_strike = true",
        '# source = "..."',
        "",
    ]
    return "\n".join(lines)
