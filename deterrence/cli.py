"""The ``deterrence`` command line.

Subcommands::

    deterrence report SCENARIO -o OUT_DIR [--force]     memo.md, memo.html, figures/*.png
    deterrence solve  FILE|SCENARIO|GAME_NAME [--method M] [--json]   equilibria (.nfg, .efg,
                                                        A.csv B.csv, TOML game)
    deterrence thresholds SCENARIO --param NAME [--json]
    deterrence sweep  SCENARIO --param NAME=LO:HI:N [--param ...] -o FILE.csv [--force]
    deterrence check  SCENARIO                          validate only
    deterrence scenarios                                list the bundled scenarios
    deterrence backtest [SCENARIO ...] [--json]         predictions scored against history
    deterrence params [--json]                          every scenario key with its default
    deterrence init NAME                                a commented template NAME.toml
    deterrence qre SCENARIO|GAME_NAME [--lam ...] [--json]   logit QRE (noisy leaders)
    deterrence uncertainty SCENARIO [--n N] [--seed S] [--method M] [--json]
    deterrence classroom list|key|build|grade [COURSE_DIR]   exercises, keys, nbgrader

``SCENARIO`` is the path of a TOML file or the name of a bundled scenario (``iran-2024`` is the
default one).

Exit codes: 0 success; 2 bad input (a one-paragraph message on stderr naming the field and the
fix, no traceback); 1 internal error (rerun with ``--debug`` for the traceback).

Why one module: the command line is one argparse tree; each subcommand is a parser block and a
thin handler that calls the library, and keeping them together keeps the help, exit codes and
error handling uniform (the computing lives in the library modules).

Start-up is cheap: nothing beyond numpy is imported before a subcommand needs it (``deterrence
--help`` imports neither scipy, matplotlib, nashpy nor pandas).

"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import textwrap

from . import __version__
from .errors import DeterrenceError, close_match_hint

#: games that ``deterrence solve NAME`` knows besides scenarios: name -> builder in dt.games
NAMED_GAMES = {
    "chicken": "chicken",
    "prisoners-dilemma": "prisoners_dilemma",
    "stag-hunt": "stag_hunt",
    "matching-pennies": "matching_pennies",
    "deterrence-game": "deterrence_game",
    "retaliation": "retaliation_game",
    "retaliation-commitment": "retaliation_commitment_game",
}


class UsageError(DeterrenceError, ValueError):
    """Bad command-line input (exit status 2)."""


# -- shared pieces ----------------------------------------------------------------------------


def _scenario(name):
    from .scenario import load_scenario

    return load_scenario(name)


def _parameter(scenario, name: str) -> str:
    from .scenario import ALIASES, suggest_key

    if name in ALIASES:
        raise UsageError(
            f"parameter {name!r} was renamed {ALIASES[name]!r} (parameters are named by role); "
            f"give --param {ALIASES[name]}."
        )
    if name not in scenario.parameters:
        raise UsageError(
            f"unknown parameter {name!r} for --param.{suggest_key(name, scenario.parameters)}"
            f" Parameters of {scenario.name}: {', '.join(scenario.parameters)}."
        )
    return name


def _json_value(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


# -- solve ------------------------------------------------------------------------------------


def _game_from_name(name: str):
    from . import games

    if name in NAMED_GAMES:
        return getattr(games, NAMED_GAMES[name])()
    from .scenario import load_scenario

    try:
        return load_scenario(name).retaliation_game()
    except DeterrenceError as exc:
        if name.endswith(".toml") or "/" in name:
            raise
        raise UsageError(
            f"{exc} Named games: {', '.join(NAMED_GAMES)}.{close_match_hint(name, NAMED_GAMES)}"
        ) from None


def _game_from_files(files: list[str]):
    """The Game to solve, and a note on where it came from."""
    from pathlib import Path

    first = files[0]
    suffix = Path(first).suffix.lower()
    if suffix != ".csv" and len(files) > 1:
        raise UsageError(
            f"a second file is only taken with CSV tables (A.csv B.csv); got {files[1]!r}."
        )
    if suffix in (".nfg", ".efg"):
        from .io import read_gambit

        obj = read_gambit(first)
        if suffix == ".efg":
            from .solve.normal_form import reduced_normal_form

            return reduced_normal_form(obj), f"the reduced normal form of the tree in {first}"
        return obj, first
    if suffix == ".csv":
        if len(files) != 2:
            raise UsageError(
                "CSV payoffs come in pairs: deterrence solve A.csv B.csv (the row player's "
                "payoffs, then the column player's)."
            )
        from .io import read_csv_pair

        return read_csv_pair(files[0], files[1], name=Path(first).stem), " and ".join(files)
    if suffix == ".toml" and Path(first).is_file():
        from .io.tables import is_toml_game, read_toml_game

        if is_toml_game(first):
            return read_toml_game(first), first
    return _game_from_name(first), None


def _cmd_solve(args) -> int:
    import deterrence as dt

    game, source = _game_from_files(args.game)
    eqs = dt.solve(game, method=args.method)
    credible = eqs.credible  # None unless the game is the normal form of a tree
    if args.json:
        out = {
            "game": game.name,
            "source": source,
            "players": list(game.players),
            "strategies": [list(s) for s in game.strategies],
            "payoffs": {"A": game.A.tolist(), "B": game.B.tolist()},
            "method": eqs.method,
            "complete": eqs.complete,
            "coverage": eqs.coverage,
            "degenerate": eqs.degenerate,
            "max_regret": eqs.max_regret,
            "equilibria": [
                {
                    "row": e.row.tolist(),
                    "col": e.col.tolist(),
                    "payoffs": list(e.payoffs),
                    "pure": e.is_pure,
                    "component": c,
                    **({} if credible is None else {"credible": e in credible}),
                }
                for c, comp in enumerate(eqs.components)
                for e in comp
            ],
        }
        print(json.dumps(out, indent=2))
        return 0
    import pandas as pd

    print(f"{game.name or 'Game'}: {game.players[0]} (rows) vs {game.players[1]} (columns)")
    if source:
        print(f"(from {source})")
    m, n = game.shape
    if m * n <= 400:
        print(game.to_frame().to_string())
    else:
        print(f"{m}x{n} payoff table (not printed; --json includes it)")
    print()
    if eqs.complete:
        print(
            f"{len(eqs)} extreme equilibria in {len(eqs.components)} component(s) "
            f"[{eqs.method}; max regret {eqs.max_regret:.1e}"
            + ("; degenerate game" if eqs.degenerate else "")
            + "]"
        )
    else:
        print(
            f"{eqs.coverage}: {len(eqs)} found, not necessarily all "
            f"[max regret {eqs.max_regret:.1e}]"
        )
    if credible is not None:
        words = "; ".join(e.describe() for e in credible) or "none"
        print(f"credible (subgame perfect in the tree: every threat would be carried out): {words}")
    with pd.option_context(
        "display.width", 120, "display.max_columns", 20, "display.float_format", "{:.4g}".format
    ):
        print(eqs.to_frame().drop(columns="coverage", errors="ignore").to_string(index=False))
    return 0


# -- report -----------------------------------------------------------------------------------


def _cmd_report(args) -> int:
    scenario = _scenario(args.scenario)
    from .memo.build import report

    rep = report(scenario, args.out, force=args.force)
    print(f"memo: {rep.markdown}")
    print(f"      {rep.html} (self-contained; open it in a browser)")
    print(f"figures: {len(rep.figures)} PNG files in {rep.markdown.parent / 'figures'}")
    return 0


# -- thresholds -------------------------------------------------------------------------------


def _cmd_thresholds(args) -> int:
    scenario = _scenario(args.scenario)
    key = _parameter(scenario, args.param)
    from .analysis.signposts import parameter_thresholds

    signposts = parameter_thresholds(scenario, key)
    lo, hi = scenario.ranges[key]
    unit = scenario.units[key]
    value = scenario.parameters[key]
    if args.json:
        out = {
            "scenario": scenario.name,
            "parameter": key,
            "unit": unit,
            "value": _json_value(value),
            "range": [_json_value(lo), _json_value(hi)],
            "thresholds": [
                {
                    "value": sp.value,
                    "conclusion": sp.conclusion,
                    "below": sp.below,
                    "above": sp.above,
                }
                for sp in signposts
            ],
        }
        print(json.dumps(out, indent=2))
        return 0
    shown = "" if unit == "probability" else f" {unit}"
    print(
        f"{scenario.name}: {key} = {value:g}{shown}; plausible range {lo:g}–{hi:g}{shown}. "
        f"{len(signposts)} threshold(s) where a conclusion changes:"
    )
    if not signposts:
        print("  none: every conclusion holds across the range.")
    for sp in signposts:
        print(f"  {key} = {sp.value:.10g}  [{sp.conclusion}]")
        print(f"    below: {sp.below}")
        print(f"    above: {sp.above}")
    return 0


# -- sweep ------------------------------------------------------------------------------------


def _parse_axis(text: str, scenario) -> tuple[str, list]:
    """``NAME=LO:HI:N`` -> (name, N values from LO to HI)."""
    example = "e.g. --param defender_tolerance=5:100:20"
    if "=" not in text:
        raise UsageError(
            f"--param {text!r} is malformed: expected NAME=LO:HI:N ({example}): the parameter, "
            "the first and last value, and the number of points."
        )
    name, spec = text.split("=", 1)
    name = _parameter(scenario, name.strip())
    parts = spec.split(":")
    if len(parts) != 3:
        raise UsageError(
            f"--param {text!r} is malformed: after {name}= give LO:HI:N, three fields separated "
            f"by colons ({example})."
        )
    try:
        lo, hi = float(parts[0]), float(parts[1])
    except ValueError:
        raise UsageError(
            f"--param {text!r}: LO and HI must be numbers; got {parts[0]!r} and {parts[1]!r} "
            f"({example})."
        ) from None
    try:
        n = int(parts[2])
    except ValueError:
        raise UsageError(
            f"--param {text!r}: N must be a whole number of points >= 2; got {parts[2]!r} "
            f"({example})."
        ) from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or n < 2 or not lo < hi:
        raise UsageError(
            f"--param {text!r}: need finite LO < HI and N >= 2 points; got LO={parts[0]}, "
            f"HI={parts[1]}, N={parts[2]} ({example})."
        )
    import numpy as np

    values = np.linspace(lo, hi, n)
    if isinstance(scenario.parameters[name], int):
        if not np.allclose(values, np.round(values)):
            step = hi - lo
            hint = ""
            if float(lo).is_integer() and float(hi).is_integer():
                steps = [d for d in range(n - 1, int(step) + 1) if int(step) % d == 0]
                if steps:
                    hint = f" e.g. {name}={lo:g}:{hi:g}:{steps[0] + 1}"
            raise UsageError(
                f"--param {text!r}: {name} is a whole number, but {n} points from {lo:g} to "
                f"{hi:g} are not whole numbers. Fix: choose LO, HI and N so that (HI - LO)/(N - 1)"
                f" is a whole number;{hint or ' use whole LO and HI'}."
            )
        values = [int(round(v)) for v in values]
    else:
        values = [float(v) for v in values]
    for v in (values[0], values[-1]):  # the scenario's own checks name the field and the fix
        try:
            scenario.replace(**{name: v})
        except DeterrenceError as exc:
            raise type(exc)(f"--param {text!r}: {exc}") from None
    return name, values


def _cmd_sweep(args) -> int:
    from pathlib import Path

    scenario = _scenario(args.scenario)
    axes = dict(_parse_axis(text, scenario) for text in args.param)
    if len(axes) != len(args.param):
        raise UsageError("--param names each parameter once; a parameter was given twice.")
    from ._output import check_target, write_file

    out = None if args.out == "-" else Path(args.out)
    if out is not None:  # fail fast (write_file claims the file atomically at the end)
        check_target(out)
        if os.path.lexists(out) and not args.force:
            raise UsageError(
                f"{out} already exists; pass --force to overwrite it, or choose another file name."
            )
        if not out.parent.is_dir():
            raise UsageError(f"the directory of {out} does not exist; create it first.")
    import pandas as pd

    import deterrence as dt

    from .analysis.summary import scenario_summary

    def retaliation_game_at(**point):
        return scenario.replace(**point).retaliation_game()

    frame = dt.sweep(retaliation_game_at, axes)
    names = list(axes)
    points = frame.groupby("point", sort=True)[names].first()
    rows = []
    for point, values in points.iterrows():
        summary = scenario_summary(scenario.replace(**values.to_dict()))
        rows.append({"point": point, **summary.as_row()})
    merged = frame.merge(pd.DataFrame(rows), on="point", how="left")
    for name in names:  # whole-number parameters stay whole numbers in the file
        if isinstance(scenario.parameters[name], int):
            merged[name] = merged[name].round().astype(int)
    if out is None:
        sys.stdout.write(merged.to_csv(index=False))
        return 0
    write_file(out, merged.to_csv(index=False), force=args.force)
    print(
        f"{out}: {len(merged)} rows, one per extreme equilibrium of the retaliation game at each "
        f"of {len(points)} points, with r*, the window edges, the salvo's P(escalation) and the "
        "crisis tree's choice at each point."
    )
    return 0


# -- check, scenarios -------------------------------------------------------------------------


def _cmd_check(args) -> int:
    import warnings

    from .errors import DeprecatedKeyWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecatedKeyWarning)
        s = _scenario(args.scenario)
    outside = s.outside_range()
    given = len(s.parameters) - len(s.defaulted)
    roles = "; ".join(f"{role} {name}" for role, name in s.roles.items())
    if s.proxies is not None:
        roles += f" (sponsor: the {s.proxy_sponsor})"
    print(
        f"OK: {s.origin or s.name} is valid: {len(s.parameters)} parameters ({given} given, "
        f"{len(s.defaulted)} defaulted), {len(s.events)} events, response unit "
        f"{s.response_unit!r}. Roles: {roles}."
    )
    for w in caught:
        if issubclass(w.category, DeprecatedKeyWarning):
            print(f"warning: {w.message}")
    spread = [k for k, o in s.range_origin.items() if o == "spread"]
    if spread:
        print(
            f"note: {len(spread)} values without a stated range get the default spread "
            f"(half to double; halfway to 0 and 1 for probabilities): {', '.join(spread)}."
        )
    for key, (value, (lo, hi)) in outside.items():
        print(f"note: {key} = {value:g} lies outside its plausible range {lo:g}–{hi:g}.")
    return 0


def _cmd_backtest(args) -> int:
    from .analysis.backtest import backtest
    from .scenario import bundled_scenarios

    names = args.scenario or list(bundled_scenarios())
    bt = backtest([_scenario(n) for n in names])
    if args.json:
        print(json.dumps(bt.to_dict(), indent=2, default=_json_value))
        return 0
    import pandas as pd

    with pd.option_context("display.width", 120, "display.float_format", "{:.3g}".format):
        if bt.events:
            cols = ["scenario", "date", "name", "launches", "q", "p", "observed"]
            print(bt.to_frame()[cols].to_string(index=False))
            print()
            print(
                f"Brier score {bt.brier:.3f} (base rate {bt.base_rate:.2f}: {bt.brier_base:.3f}); "
                f"log score {bt.log_score:.3f} (base rate: {bt.log_score_base:.3f}); "
                f"skill {bt.skill:.2f}."
            )
            print()
            print("Reliability:")
            print(bt.reliability().to_string(index=False))
            print()
    print(bt.verdict())
    for scen, ev, why in bt.skipped:
        print(f"not scored: {scen}: {ev} ({why})")
    return 0


def _cmd_params(args) -> int:
    from .scenario import MODELS, PARAMETERS, parameter_records

    if args.json:
        print(json.dumps({"models": dict(MODELS), "parameters": parameter_records()}, indent=2))
        return 0
    for spec in PARAMETERS.values():
        print(textwrap.fill(spec.describe(), width=100, subsequent_indent="    "))
    print()
    print("Models: " + "; ".join(f"{k} = {v}" for k, v in MODELS.items()) + ".")
    return 0


def _cmd_init(args) -> int:
    from pathlib import Path

    from .errors import OutputExistsError
    from .scenario import template

    name = args.name[: -len(".toml")] if args.name.endswith(".toml") else args.name
    path = Path(args.name if args.name.endswith(".toml") else f"{args.name}.toml")
    try:
        text = template(Path(name).name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not path.parent.is_dir():
        raise UsageError(f"the directory of {path} does not exist; create it first.")
    try:
        with open(path, "x", encoding="utf-8") as fh:  # "x": never overwrite a user's file
            fh.write(text)
    except FileExistsError:
        raise OutputExistsError(
            f"{path} already exists; init never overwrites a file. Choose another name or "
            "delete the file first."
        ) from None
    print(
        f"{path}: a template scenario with every parameter at its default. Edit it, then run "
        f"`deterrence check {path}`."
    )
    return 0


def _cmd_scenarios(args) -> int:
    from .scenario import bundled_scenarios

    found = bundled_scenarios()
    width = max(map(len, found), default=0)
    for name, title in found.items():
        print(f"{name:<{width}}  {title}")
    return 0


# -- qre --------------------------------------------------------------------------------------


def _qre_lams(values) -> list[float]:
    lams = [1.0, 10.0, 100.0] if not values else values
    for v in lams:
        if not (math.isfinite(v) and v >= 0):
            raise UsageError(f"--lam must be finite numbers >= 0; got {v!r}.")
    return sorted(lams)


def _cmd_qre(args) -> int:
    import deterrence as dt

    lams = _qre_lams(args.lam)
    if args.game in NAMED_GAMES:
        game = _game_from_name(args.game)
        path = dt.qre_path(game, units=args.units)
        points = [dt.qre(game, lam, units=args.units) for lam in lams]
        limit = (
            None
            if path.nash_row is None
            else {"row": path.nash_row.tolist(), "col": path.nash_col.tolist()}
        )
        if args.json:
            out = {
                "kind": "bimatrix",
                "game": game.name,
                "players": list(game.players),
                "strategies": [list(x) for x in game.strategies],
                "units": args.units,
                "points": [
                    {"lam": q.lam, "row": q.row.tolist(), "col": q.col.tolist(), "error": q.error}
                    for q in points
                ],
                "nash_limit": limit,
            }
            print(json.dumps(out, indent=2))
            return 0
        print(f"Logit QRE of {game.name or 'the game'} (λ in {args.units} units)")
        for q in points:
            print(f"  λ = {q.lam:<8g} {q.describe()}")
        if limit is None:
            print("  Nash limit: not identified (the game is too large to enumerate)")
        else:
            row, col = (
                ", ".join(f"{v:.4g} {lab}" for v, lab in zip(p, labs, strict=True) if v > 1e-9)
                for p, labs in zip(limit.values(), game.strategies, strict=True)
            )
            print(f"  Nash limit (λ → ∞): {row} / {col}")
        return 0
    from .games.crisis import crisis_tree
    from .solve.agent_qre import modal_change

    tree = crisis_tree(_scenario(args.game))
    root = tree.infosets[tree.root] if tree.root in tree.infosets else None
    h = root.label if root is not None else next(iter(tree.infosets))
    spe_choice = dt.spe(tree).plan[h]
    points = [dt.agent_qre(tree, lam, units=args.units) for lam in lams]
    switch = modal_change(tree, h, spe_choice, units=args.units)
    if args.json:
        out = {
            "kind": "tree",
            "tree": tree.name,
            "units": args.units,
            "infoset": h,
            "points": [
                {
                    "lam": q.lam,
                    "behavior": {k: dict(v) for k, v in q.behavior.items()},
                    "outcome_payoffs": list(q.payoffs),
                    "error": q.error,
                }
                for q in points
            ],
            "subgame_perfect_choice": spe_choice,
            "modal_below_lam": switch,
        }
        print(json.dumps(out, indent=2))
        return 0
    print(f"Agent logit QRE of the crisis tree: {h}'s choice (λ in {args.units} units)")
    for q in points:
        shown = ", ".join(f"{a} {p:.3f}" for a, p in q.behavior[h].items())
        print(f"  λ = {q.lam:<8g} {shown}")
    if switch is None:
        print(f"  '{spe_choice}' (the subgame-perfect choice) is modal at every λ searched.")
    else:
        print(
            f"  '{spe_choice}' (the subgame-perfect choice) is the most likely choice only above "
            f"λ = {switch:.4g}; noisier leaders most often pick another class."
        )
    return 0


# -- classroom ----------------------------------------------------------------------------------


def _cmd_classroom(args) -> int:
    from . import classroom

    if args.action == "list":
        frame = classroom.bank(topic=args.topic, difficulty=args.difficulty)
        if args.json:
            print(frame.reset_index().to_json(orient="records", indent=2, force_ascii=False))
        else:
            for i, row in frame.iterrows():
                print(f"{i:<26} {row['difficulty']:<9} {row['topic']:<30} {row['title']}")
            print(f"{len(frame)} exercise(s).")
        return 0
    if args.action == "key":
        if not args.student:
            raise UsageError("classroom key needs at least one --student ID.")
        frame = classroom.key(args.student, args.exercise or None, seed=args.seed)
        print(frame.to_csv(index=False), end="")
        return 0
    from .classroom import grading

    if args.course is None:
        raise UsageError(f"classroom {args.action} needs the course directory: COURSE_DIR.")
    if args.action == "build":
        path = grading.build_assignment(
            args.course,
            args.exercise or None,
            assignment=args.assignment,
            topic=args.topic,
            seed=args.seed,
            imports=args.imports or (),
            force=args.force,
        )
        print(
            f"wrote {path}. Next: cd {args.course} && nbgrader generate_assignment "
            f"{args.assignment}   (the students' version, without solutions, in release/)"
        )
        return 0
    from pathlib import Path

    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it.")
    frame = grading.grade(args.course, assignment=args.assignment)
    if args.json:
        print(grading.scores_json(frame))
    else:
        print(frame.to_string())
    if out is not None:
        grading._write(out, frame.to_csv(), force=args.force)
        print(f"wrote {out}")
    return 0


# -- uncertainty ------------------------------------------------------------------------------

_UNCERTAINTY_ROWS = (
    ("r_star", "best response r*"),
    ("n_star", "best salvo n*"),
    ("window_floor", "window floor"),
    ("window_ceiling", "window ceiling"),
    ("p_escalation_salvo", "P(escalation), scenario's salvo"),
)


def _sig(v: float) -> str:
    """Two significant figures: 5.2, 37, 1,100."""
    if v is None or not math.isfinite(v):
        return "n/a"
    return f"{float(f'{v:.2g}'):,g}"


def _pct(p: float) -> str:
    """A probability in percent to two significant figures, '<0.1%' and '>99.9%' at the ends."""
    if p is None or not math.isfinite(p):
        return "n/a"
    if 0 < p < 0.001:
        return "<0.1%"
    if 0.999 < p < 1:
        return ">99.9%"
    return f"{float(f'{100 * p:.2g}'):g}%"


def _cmd_uncertainty(args) -> int:
    from .analysis.uncertainty import propagate

    res = propagate(args.scenario, n=args.n, seed=args.seed, method=args.method)
    if args.json:
        out = res.to_dict()
        out["elapsed_s"] = round(res.elapsed, 3)
        print(json.dumps(out, indent=2, default=_json_value, allow_nan=False))
        return 0
    summ = res.summary()
    print(
        f"{res.scenario}: {res.n} joint {res.method} draws of {len(res.parameters)} uncertain "
        f"parameters (seed {res.seed}), {res.elapsed:.1f} s. Two significant figures; ± is the "
        "Monte Carlo standard error of the median."
    )
    head = f"  {'quantity':32} {'scenario':>9} {'median':>9} {'± MC':>7}   90% of draws"
    print(head)
    for key, label in _UNCERTAINTY_ROWS:
        row = summ.loc[key]
        unit = row["unit"]
        pct = unit == "probability"
        f = _pct if pct else _sig
        shown = "" if pct else f" {unit}"
        print(
            f"  {label:32} {f(row['baseline']):>9} {f(row['q50']):>9} "
            f"{f(row['q50_se']):>7}   {f(row['q05'])}–{f(row['q95'])}{shown}"
        )
    p, se = res.probability("window_open")
    base = "open" if res.baseline["window_open"] else "empty"
    print(f"  {'calibrated window open':32} {base:>9} {_pct(p):>9} {_pct(se):>7}")
    shares = ", ".join(
        f"{c} {_pct(res.probability('best_class', c)[0])}"
        for c in ("restraint", "calibrated", "major")
    )
    print(f"  crisis tree's best class (share of draws): {shares}")
    if res.rising:
        print(f"  note: in {res.rising} draws the utility still rises at the search bound.")
    return 0


# -- parser -----------------------------------------------------------------------------------


def _sub(sub, name, *, help, description, example):
    return sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="deterrence",
        description="Game-theoretic deterrence modelling: payoff matrices, verified equilibria, "
        "threshold charts and policy memos. SCENARIO is a TOML file or a bundled scenario "
        "(`deterrence scenarios` lists them; iran-2024 is the default one).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=textwrap.dedent("""\
            examples:
              deterrence report iran-2024 -o report/       the policy memo with charts
              deterrence solve iran-2024                   equilibria of the retaliation game
              deterrence thresholds iran-2024 --param defender_tolerance
              deterrence sweep iran-2024 --param p_patron_entry=0.2:0.9:8 -o sweep.csv
              deterrence check my-scenario.toml            validate a scenario file
              deterrence scenarios                         the bundled scenarios
              deterrence params                            every scenario key, with defaults
              deterrence init my-crisis                    a template scenario my-crisis.toml
              deterrence uncertainty iran-2024             quantiles over joint draws
            """),
    )
    p.add_argument("--version", action="version", version=f"deterrence {__version__}")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    s = _sub(
        sub,
        "report",
        help="write the policy memo (memo.md, memo.html, figures/*.png)",
        description="Run the models on a scenario and write a short analyst's memo: bottom line, "
        "key judgments in ICD 203 likelihood words, the recommended response and the calibrated "
        "window, the equilibria, what would have to be true, load-bearing assumptions with "
        "signposts, proxy risk, backtest events and charts. An existing memo is not overwritten "
        "without --force.",
        example="deterrence report iran-2024 -o report/",
    )
    s.add_argument("scenario", metavar="SCENARIO", help="a .toml file or a bundled scenario name")
    s.add_argument("-o", "--out", required=True, metavar="OUT_DIR", help="output directory")
    s.add_argument("--force", action="store_true", help="overwrite an existing memo")
    s.set_defaults(func=_cmd_report)

    s = _sub(
        sub,
        "solve",
        help="equilibria of a game file, a scenario's game or a named game",
        description="Print the payoff table and every extreme Nash equilibrium (verified); "
        "beyond the enumeration limit (about 14x14), some equilibria by Lemke-Howson, or linear "
        "programming for zero-sum games, labelled as such. FILE is a Gambit .nfg or .efg "
        "(the tree's reduced normal form), two CSV tables A.csv B.csv (payoffs of the row and "
        "column player; optional header row and first column of strategy labels) or a TOML "
        "game (keys A, B, optional name, players, strategies).",
        example="deterrence solve my-game.nfg --json",
    )
    s.add_argument(
        "game",
        nargs="+",
        metavar="FILE|SCENARIO|GAME_NAME",
        help="a .nfg/.efg/.toml file, A.csv B.csv, a scenario (path or bundled name) or one "
        f"of: {', '.join(NAMED_GAMES)}",
    )
    s.add_argument(
        "--method",
        default="auto",
        choices=("auto", "vertex", "lemke-howson", "lp"),
        help="vertex: every extreme equilibrium; lemke-howson: one per initial label; lp: "
        "zero-sum games; auto (default): vertex enumeration while feasible",
    )
    s.add_argument("--json", action="store_true", help="print JSON (payoffs included)")
    s.set_defaults(func=_cmd_solve)

    s = _sub(
        sub,
        "thresholds",
        help="where the conclusions change as one parameter runs over its plausible range",
        description="Scan one parameter over its plausible range and locate, by root finding, "
        "every value at which a conclusion changes: the calibrated window opens or closes, r* "
        "enters or leaves it, the salvo crosses the acceptable risk, the crisis tree's choice "
        "or the retaliation game's pure equilibria change.",
        example="deterrence thresholds iran-2024 --param defender_tolerance --json",
    )
    s.add_argument("scenario", metavar="SCENARIO", help="a .toml file or a bundled scenario name")
    s.add_argument("--param", required=True, metavar="NAME", help="a scenario parameter")
    s.add_argument("--json", action="store_true", help="print JSON instead of text")
    s.set_defaults(func=_cmd_thresholds)

    s = _sub(
        sub,
        "sweep",
        help="equilibria and headline numbers over a grid of parameter values (CSV)",
        description="Solve the scenario's retaliation game at every point of a grid (the full "
        "factorial of the --param axes) and write one CSV row per extreme equilibrium, with "
        "r*, the window edges, the salvo's P(escalation) and the crisis tree's choice at the "
        "point. The file is written atomically and not overwritten without --force.",
        example="deterrence sweep iran-2024 --param defender_tolerance=5:100:20 "
        "--param p_patron_entry=0.2:0.9:3 -o sweep.csv",
    )
    s.add_argument("scenario", metavar="SCENARIO", help="a .toml file or a bundled scenario name")
    s.add_argument(
        "--param",
        required=True,
        action="append",
        metavar="NAME=LO:HI:N",
        help="an axis: N evenly spaced values from LO to HI (repeat for more axes)",
    )
    s.add_argument("-o", "--out", required=True, metavar="FILE.csv", help="output CSV file")
    s.add_argument("--force", action="store_true", help="overwrite an existing file")
    s.set_defaults(func=_cmd_sweep)

    s = _sub(
        sub,
        "check",
        help="validate a scenario file",
        description="Load and validate a scenario; print one line when it is valid (and a note "
        "for each value outside its plausible range), or the error and its fix.",
        example="deterrence check my-scenario.toml",
    )
    s.add_argument("scenario", metavar="SCENARIO", help="a .toml file or a bundled scenario name")
    s.set_defaults(func=_cmd_check)

    s = _sub(
        sub,
        "backtest",
        help="score the model's predictions against past exchanges (Brier, log score)",
        description="For each past exchange of the scenarios (their [[events]]) aimed at the "
        "scenario's defender, with a launch count and a known outcome, predict P(the defender "
        "strikes back) from the crisis model and score it against what happened: Brier and log "
        "scores against the base rate, and a reliability table. Says plainly when the model "
        "does no better than the base rate. Default: every bundled scenario.",
        example="deterrence backtest",
    )
    s.add_argument("scenario", nargs="*", metavar="SCENARIO", help="scenarios (default: bundled)")
    s.add_argument("--json", action="store_true", help="print JSON instead of text")
    s.set_defaults(func=_cmd_backtest)

    s = _sub(
        sub,
        "params",
        help="every scenario parameter: default, unit, plausible range, meaning, models",
        description="List every key a scenario file can set, with its constraint, unit, "
        "default, plausible range (of the default value), meaning, the models that use it and "
        "the role it needs.",
        example="deterrence params --json",
    )
    s.add_argument("--json", action="store_true", help="print JSON instead of text")
    s.set_defaults(func=_cmd_params)

    s = _sub(
        sub,
        "init",
        help="write a commented template scenario NAME.toml (never overwrites)",
        description="Write NAME.toml: every parameter at its default with its meaning, unit and "
        "plausible range in comments, the roles to name and an example event. An existing "
        "file is never overwritten.",
        example="deterrence init india-pakistan",
    )
    s.add_argument("name", metavar="NAME", help="scenario name (the file is NAME.toml)")
    s.set_defaults(func=_cmd_init)

    s = _sub(
        sub,
        "scenarios",
        help="list the bundled scenarios",
        description="List the scenarios shipped with the package, with their titles.",
        example="deterrence scenarios",
    )
    s.set_defaults(func=_cmd_scenarios)

    s = _sub(
        sub,
        "qre",
        help="logit quantal response equilibrium (noisy leaders) of a game or the crisis tree",
        description="Logit QRE: each side picks every option with probability rising in its "
        "expected payoff, λ measuring precision (0 = random, large = Nash). A named game gets "
        "the principal QRE branch of its matrix and its Nash limit; a scenario gets the agent "
        "QRE of its crisis tree and the λ below which the subgame-perfect response class stops "
        "being the most likely one.",
        example="deterrence qre iran-2024 --lam 0.1 1 10",
    )
    s.add_argument(
        "game",
        metavar="SCENARIO|GAME_NAME",
        help=f"a scenario (path or bundled name) or one of: {', '.join(NAMED_GAMES)}",
    )
    s.add_argument(
        "--lam", type=float, nargs="+", metavar="LAMBDA", help="λ values (default 1 10 100)"
    )
    s.add_argument(
        "--units",
        choices=("normalized", "payoff"),
        default="normalized",
        help="λ per normalised payoff range (default) or per payoff unit (Gambit's convention)",
    )
    s.add_argument("--json", action="store_true", help="print JSON instead of text")
    s.set_defaults(func=_cmd_qre)

    s = _sub(
        sub,
        "uncertainty",
        help="draw every uncertain parameter jointly; quantiles of the headline numbers",
        description="Draw every parameter whose plausible range is not a point, jointly, from "
        "its declared distribution (scrambled Sobol' points by default), and report for the "
        "best response r* (leakers), the best salvo n* (launches), the calibrated window and "
        "the salvo's P(escalation) the scenario's value, the median with its Monte Carlo error "
        "and the central 90 % of the draws; the share of draws with the window open and each "
        "response class best.",
        example="deterrence uncertainty iran-2024 --n 8192 --seed 1",
    )
    s.add_argument("scenario", metavar="SCENARIO", help="a .toml file or a bundled scenario name")
    s.add_argument("--n", type=int, default=4096, metavar="N", help="joint draws (default 4096)")
    s.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    s.add_argument(
        "--method",
        choices=("sobol", "lhs", "random"),
        default="sobol",
        help="sampling design (default sobol)",
    )
    s.add_argument("--json", action="store_true", help="print JSON instead of text")
    s.set_defaults(func=_cmd_uncertainty)

    s = _sub(
        sub,
        "classroom",
        help="the exercise bank, students' answer keys, nbgrader assignments and grading",
        description="list: the exercise bank (by topic, difficulty). key: every student's "
        "numbers and answers (CSV). build: write an nbgrader source assignment into "
        "COURSE_DIR (solution cells and autograder tests calling deterrence.classroom.check "
        "for each student's own numbers). grade: run nbgrader autograde on the submissions "
        "and print the score table (needs the classroom extra: pip install "
        "'deterrence[classroom]'). Existing files are not overwritten without --force.",
        example="deterrence classroom build course/ --assignment week3 --topic brinkmanship",
    )
    s.add_argument("action", choices=("list", "key", "build", "grade"))
    s.add_argument("course", nargs="?", metavar="COURSE_DIR", help="nbgrader course directory")
    s.add_argument("--assignment", default="deterrence", help="assignment name")
    s.add_argument("--exercise", action="append", metavar="ID", help="an exercise (repeat)")
    s.add_argument("--topic", help="the exercises of one topic")
    s.add_argument("--difficulty", choices=("intro", "core", "advanced"))
    s.add_argument("--student", action="append", metavar="ID", help="a student id (repeat)")
    s.add_argument("--seed", type=int, help="mixed into every student's numbers")
    s.add_argument(
        "--import",
        dest="imports",
        action="append",
        metavar="MODULE",
        help="build: a module that registers your own exercises (repeat)",
    )
    s.add_argument("-o", "--out", metavar="FILE.csv", help="grade: write the scores as CSV")
    s.add_argument("--json", action="store_true", help="print JSON instead of a table")
    s.add_argument("--force", action="store_true", help="overwrite existing files")
    s.set_defaults(func=_cmd_classroom)
    return p


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except (DeterrenceError, ValueError, OSError) as exc:
        if args.debug:  # the traceback, but bad input still exits 2
            import traceback

            traceback.print_exc()
        print(f"deterrence {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"deterrence {args.command}: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # internal error: say so, hint at --debug
        if args.debug:
            raise
        print(
            f"deterrence {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            "Rerun with --debug for the traceback and report it.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
